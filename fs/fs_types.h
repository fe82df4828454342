/*
 * The VFS's integer types: file offsets (loff_t, 64-bit as on every Linux)
 * and device numbers (dev_t, Linux's in-kernel 32 bits). The host unit
 * tests build fs/ against the C library, whose <sys/types.h> has the same
 * two types, wider; tests/unit/host/fs/fs_types.h gives them instead.
 */
#ifndef FS_FS_TYPES_H
#define FS_FS_TYPES_H

#include "kernel/types.h"

typedef long long loff_t;
typedef u32 dev_t;

#endif

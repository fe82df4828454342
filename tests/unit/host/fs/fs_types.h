/*
 * Host build of fs/fs_types.h: the C library's loff_t and dev_t (the same
 * idea, wider), so fs/ code and the host's headers agree on one definition.
 */
#ifndef FS_FS_TYPES_H
#define FS_FS_TYPES_H

#include <sys/types.h>

#endif

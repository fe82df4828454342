/* The i386 Linux ABI's basic types. */
#ifndef ULIB_SYS_TYPES_H
#define ULIB_SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef int pid_t;
typedef int ssize_t;	       /* as size_t is unsigned int on i386 */
typedef long off_t;	       /* 32 bits: lseek, not _llseek */
typedef unsigned short mode_t; /* Linux's i386 __kernel_mode_t */
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef long time_t;

#endif

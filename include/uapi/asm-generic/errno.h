/*
 * errno numbers after the base set (Linux's include/uapi/asm-generic/errno.h,
 * which i386 uses as is): only those this kernel returns.
 */
#ifndef UAPI_ASM_GENERIC_ERRNO_H
#define UAPI_ASM_GENERIC_ERRNO_H

#include "uapi/asm-generic/errno-base.h"

#define EDEADLK 35
#define ENAMETOOLONG 36
#define ENOLCK 37
#define ENOSYS 38
#define ENOTEMPTY 39
#define ELOOP 40
#define ENODATA 61
#define EOVERFLOW 75
#define EOPNOTSUPP 95
#define ETIMEDOUT 110
#define ESTALE 116
#define EUCLEAN 117 /* structure needs cleaning (ext4's EFSCORRUPTED) */

#endif

/*
 * mmap(2) and mprotect(2) protection bits and mmap flags, i386's values
 * (Linux's include/uapi/asm-generic/mman-common.h; MAP_GROWSDOWN and
 * MAP_NORESERVE are from asm-generic/mman.h, one file here). MAP_SHARED
 * and MAP_PRIVATE are in linux/mman.h, which includes this file.
 */
#ifndef UAPI_ASM_GENERIC_MMAN_COMMON_H
#define UAPI_ASM_GENERIC_MMAN_COMMON_H

#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4

#define MAP_TYPE 0x0f /* the mask for MAP_SHARED / MAP_PRIVATE */
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_GROWSDOWN 0x0100
#define MAP_LOCKED 0x2000 /* asm-generic/mman.h: mlock the area (mm/mlock.c) */
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000
#define MAP_FIXED_NOREPLACE 0x100000

/* msync(2) flags */
#define MS_ASYNC 1
#define MS_INVALIDATE 2
#define MS_SYNC 4

/* madvise(2) advice */
/* mlockall(2)'s flags (asm-generic/mman.h) and mlock2(2)'s */
#define MCL_CURRENT 1
#define MCL_FUTURE 2
#define MCL_ONFAULT 4
#define MLOCK_ONFAULT 0x01

#define MADV_NORMAL 0
#define MADV_RANDOM 1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED 3
#define MADV_DONTNEED 4
#define MADV_FREE 8
#define MADV_COLD 20	/* deactivate these pages (Linux 5.4) */
#define MADV_PAGEOUT 21 /* reclaim these pages (Linux 5.4) */

/* mremap(2) flags */
#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2
#define MREMAP_DONTUNMAP 4

#endif

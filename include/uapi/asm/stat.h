/*
 * i386's struct stat64, filled by stat64, lstat64 and fstat64 (Linux's
 * arch/x86/include/uapi/asm/stat.h). Linux lays it out for i386 only, as
 * here: a 64-bit build has other sizes and no use for it.
 */
#ifndef UAPI_ASM_STAT_H
#define UAPI_ASM_STAT_H

#ifdef __i386__
struct stat64 {
	unsigned long long st_dev;
	unsigned char __pad0[4];
	unsigned long __st_ino; /* the low 32 bits of st_ino */
	unsigned int st_mode;
	unsigned int st_nlink;
	unsigned long st_uid;
	unsigned long st_gid;
	unsigned long long st_rdev;
	unsigned char __pad3[4];
	long long st_size;
	unsigned long st_blksize;
	unsigned long long st_blocks; /* 512-byte units */
	unsigned long st_atime;
	unsigned long st_atime_nsec;
	unsigned long st_mtime;
	unsigned int st_mtime_nsec;
	unsigned long st_ctime;
	unsigned long st_ctime_nsec;
	unsigned long long st_ino;
} __attribute__((packed));

_Static_assert(sizeof(struct stat64) == 96, "struct stat64 is 96 bytes on i386");
#endif

#endif

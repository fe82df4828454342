/*
 * The initial user stack of a new program, laid out as Linux's execve lays
 * it out (fs/exec.c copy_strings, fs/binfmt_elf.c create_elf_tables).
 */
#ifndef KERNEL_EXEC_STACK_H
#define KERNEL_EXEC_STACK_H

#include "kernel/types.h"

/* Auxiliary-vector types (include/uapi/linux/auxvec.h). */
#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_BASE 7
#define AT_FLAGS 8
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_PLATFORM 15
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_EXECFN 31

#define ELF_PLATFORM "i686"
#define USER_HZ 100 /* AT_CLKTCK: the unit of times(2) and /proc ticks */

/* What the auxiliary vector says about the program; the caller fills it in. */
struct elf_stack_info {
	u32 phdr; /* user address of the program headers (elf_phdr_addr) */
	u32 phnum;
	u32 entry;
	u32 hwcap;     /* CPUID.1:EDX, as Linux's ELF_HWCAP */
	u8 random[16]; /* AT_RANDOM's bytes: there is no RNG here */
};

int create_elf_tables(void *buf, size_t size, u32 top, const char *filename,
		      const char *const argv[], const char *const envp[],
		      const struct elf_stack_info *info, u32 *esp);

#endif

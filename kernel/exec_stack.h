/*
 * The initial user stack of a new program, laid out as Linux's execve lays
 * it out (fs/exec.c copy_strings, fs/binfmt_elf.c create_elf_tables).
 */
#ifndef KERNEL_EXEC_STACK_H
#define KERNEL_EXEC_STACK_H

#include "kernel/types.h"
#include "uapi/linux/auxvec.h" /* AT_* */

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

/*
 * ELF32 as the i386 System V ABI defines it, with Linux's names
 * (include/uapi/linux/elf.h), and the checks execve makes before it loads
 * an image. Only what a static executable needs: the file header and the
 * program headers; section headers are never read.
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include "kernel/types.h"

typedef u32 Elf32_Addr;
typedef u16 Elf32_Half;
typedef u32 Elf32_Off;
typedef s32 Elf32_Sword;
typedef u32 Elf32_Word;

#define EI_NIDENT 16
#define EI_MAG0 0
#define EI_CLASS 4
#define EI_DATA 5
#define EI_VERSION 6
#define ELFMAG "\177ELF"
#define SELFMAG 4
#define ELFCLASS32 1
#define ELFDATA2LSB 1
#define EV_CURRENT 1

#define ET_EXEC 2
#define ET_DYN 3
#define EM_386 3

typedef struct elf32_hdr {
	unsigned char e_ident[EI_NIDENT];
	Elf32_Half e_type;
	Elf32_Half e_machine;
	Elf32_Word e_version;
	Elf32_Addr e_entry;
	Elf32_Off e_phoff;
	Elf32_Off e_shoff;
	Elf32_Word e_flags;
	Elf32_Half e_ehsize;
	Elf32_Half e_phentsize;
	Elf32_Half e_phnum;
	Elf32_Half e_shentsize;
	Elf32_Half e_shnum;
	Elf32_Half e_shstrndx;
} Elf32_Ehdr;

#define PT_NULL 0
#define PT_LOAD 1
#define PT_DYNAMIC 2
#define PT_INTERP 3
#define PT_NOTE 4
#define PT_PHDR 6
#define PT_GNU_STACK 0x6474e551

#define PF_X 0x1
#define PF_W 0x2
#define PF_R 0x4

typedef struct elf32_phdr {
	Elf32_Word p_type;
	Elf32_Off p_offset;
	Elf32_Addr p_vaddr;
	Elf32_Addr p_paddr;
	Elf32_Word p_filesz;
	Elf32_Word p_memsz;
	Elf32_Word p_flags;
	Elf32_Word p_align;
} Elf32_Phdr;

/* Linux's load_elf_phdrs limit: the program headers fit in one page. */
#define ELF_MAX_PHNUM (4096 / sizeof(Elf32_Phdr))

int elf_check(const void *image, size_t len);

/*
 * Called once per PT_LOAD segment: ph is its program header, data points
 * at its p_filesz bytes inside the image. A nonzero return stops the walk.
 */
typedef int (*elf_load_actor_t)(const Elf32_Phdr *ph, const void *data, void *arg);

int elf_for_each_load(const void *image, size_t len, elf_load_actor_t actor, void *arg);

/* The program headers' user address after loading (AT_PHDR), or 0. */
u32 elf_phdr_addr(const void *image, size_t len);

#endif

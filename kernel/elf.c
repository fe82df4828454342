/*
 * Checking an ELF executable before execve trusts it.
 *
 * The image is a buffer of len bytes (the file's contents); it may be
 * truncated or made by an attacker. elf_check reads every field that the
 * loader will use and compares each length with the buffer's end using
 * subtraction, so no sum can wrap around: after it returns 0, the loader
 * may use the file header, the program headers and every PT_LOAD's file
 * bytes without further checks. The checks, in the order Linux's
 * load_elf_binary makes most of them:
 *
 *   e_ident   "\177ELF", ELFCLASS32, ELFDATA2LSB, EV_CURRENT
 *   header    ET_EXEC, EM_386, EV_CURRENT, e_phentsize == sizeof(Elf32_Phdr),
 *             1 <= e_phnum <= ELF_MAX_PHNUM, the headers inside the file
 *   PT_LOAD   at least one; p_offset + p_filesz inside the file,
 *             p_filesz <= p_memsz, p_vaddr + p_memsz <= TASK_SIZE without
 *             wrapping, p_vaddr and p_offset equal modulo the page size (so
 *             file pages can be mapped), sorted by p_vaddr (as the ELF
 *             specification requires)
 *   entry     inside some PT_LOAD's [p_vaddr, p_vaddr + p_memsz)
 *   PT_INTERP refused: there is no dynamic loader, only static programs
 *
 * This file depends on no allocator and no file system, so it builds on the
 * host for tests/unit/test_elf.c.
 */
#include "kernel/elf.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "mm/layout.h"

/* Is [off, off + size) inside a buffer of len bytes? Never overflows. */
static bool range_ok(size_t len, u32 off, u32 size)
{
	return off <= len && size <= len - off;
}

static int check_ehdr(const Elf32_Ehdr *eh, size_t len)
{
	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS32 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_ident[EI_VERSION] != EV_CURRENT)
		return -ENOEXEC;
	if (eh->e_type != ET_EXEC || eh->e_machine != EM_386 || eh->e_version != EV_CURRENT ||
	    eh->e_phentsize != sizeof(Elf32_Phdr))
		return -ENOEXEC;
	if (eh->e_phnum < 1 || eh->e_phnum > ELF_MAX_PHNUM ||
	    !range_ok(len, eh->e_phoff, eh->e_phnum * sizeof(Elf32_Phdr)))
		return -ENOEXEC;
	return 0;
}

static int check_load(const Elf32_Phdr *ph, size_t len)
{
	if (!range_ok(len, ph->p_offset, ph->p_filesz) || ph->p_filesz > ph->p_memsz)
		return -ENOEXEC;
	if (ph->p_vaddr > TASK_SIZE || ph->p_memsz > TASK_SIZE - ph->p_vaddr)
		return -ENOEXEC;
	if ((ph->p_vaddr - ph->p_offset) % PAGE_SIZE)
		return -ENOEXEC;
	return 0;
}

/*
 * Returns 0 if image (len bytes) is an i386 static executable this kernel
 * can load, -ENOEXEC otherwise. image needs no particular alignment.
 */
int elf_check(const void *image, size_t len)
{
	Elf32_Ehdr eh;
	u32 last_vaddr = 0;
	int loads = 0, entry_ok = 0;

	if (len < sizeof(eh))
		return -ENOEXEC;
	memcpy(&eh, image, sizeof(eh));
	if (check_ehdr(&eh, len))
		return -ENOEXEC;
	for (int i = 0; i < eh.e_phnum; i++) {
		Elf32_Phdr ph;

		memcpy(&ph, (const u8 *)image + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type == PT_INTERP)
			return -ENOEXEC;
		if (ph.p_type != PT_LOAD)
			continue;
		if (check_load(&ph, len) || ph.p_vaddr < last_vaddr)
			return -ENOEXEC;
		last_vaddr = ph.p_vaddr;
		loads++;
		if (eh.e_entry >= ph.p_vaddr && eh.e_entry - ph.p_vaddr < ph.p_memsz)
			entry_ok = 1;
	}
	return loads && entry_ok ? 0 : -ENOEXEC;
}

/*
 * Calls actor for each PT_LOAD segment in program-header order. Returns 0,
 * the first nonzero value actor returns, or -ENOEXEC if the image does not
 * pass elf_check (it is checked again here: the walk never trusts it).
 */
int elf_for_each_load(const void *image, size_t len, elf_load_actor_t actor, void *arg)
{
	Elf32_Ehdr eh;
	int ret;

	if (elf_check(image, len))
		return -ENOEXEC;
	memcpy(&eh, image, sizeof(eh));
	for (int i = 0; i < eh.e_phnum; i++) {
		Elf32_Phdr ph;

		memcpy(&ph, (const u8 *)image + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_LOAD)
			continue;
		ret = actor(&ph, (const u8 *)image + ph.p_offset, arg);
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * The user address of the program headers once the image is loaded (the
 * auxv's AT_PHDR): PT_PHDR's p_vaddr if there is one, else the address of
 * e_phoff inside the PT_LOAD that maps it (as Linux computes it). Returns
 * 0 if no segment maps them, or if the image does not pass elf_check.
 */
u32 elf_phdr_addr(const void *image, size_t len)
{
	Elf32_Ehdr eh;
	u32 addr = 0;

	if (elf_check(image, len))
		return 0;
	memcpy(&eh, image, sizeof(eh));
	for (int i = 0; i < eh.e_phnum; i++) {
		Elf32_Phdr ph;

		memcpy(&ph, (const u8 *)image + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type == PT_PHDR)
			return ph.p_vaddr;
		if (!addr && ph.p_type == PT_LOAD && eh.e_phoff >= ph.p_offset &&
		    eh.e_phoff - ph.p_offset < ph.p_filesz)
			addr = ph.p_vaddr + (eh.e_phoff - ph.p_offset);
	}
	return addr;
}

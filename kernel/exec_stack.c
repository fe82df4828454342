/*
 * Building a new program's stack, as Linux does for an ELF executable.
 *
 * The caller gives a kernel buffer that stands for the top `size` bytes of
 * the new stack (buf + size is user address `top`) and the argument and
 * environment strings, already copied into the kernel. From the top down:
 *
 *   top - 4      one word left empty (Linux: bprm->p = vm_end - sizeof(void *))
 *                the file name execve was given         <- AT_EXECFN
 *                envp strings, then argv strings below them (argv[0] lowest)
 *                aligned down to 16
 *                "i686"                                  <- AT_PLATFORM
 *                16 bytes                                <- AT_RANDOM
 *                auxv pairs, ending with AT_NULL
 *                NULL, envp[envc-1] .. envp[0]
 *                NULL, argv[argc-1] .. argv[0]
 *   esp ->       argc                                    (16-byte aligned)
 *
 * The auxv entries come in create_elf_tables' order. Linux also moves the
 * stack by a random offset (arch_align_stack) and maps a vDSO (AT_SYSINFO);
 * this kernel does neither. The function uses no allocator and no user
 * memory, so tests/unit/test_exec_stack.c runs it on the host.
 */
#include "kernel/exec_stack.h"
#include "kernel/elf.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "mm/layout.h"

#define NR_AUXV 18 /* entries create_elf_tables writes, AT_NULL included */

/* The stack being built: a downward cursor in user addresses. */
struct stack {
	u8 *buf;
	u32 bottom; /* user address of buf[0] */
	u32 p;	    /* next free byte is below p */
};

/* Copies n bytes below the cursor; returns their user address, or 0 if full. */
static u32 push_bytes(struct stack *s, const void *data, u32 n)
{
	if (s->p - s->bottom < n)
		return 0;
	s->p -= n;
	memcpy(s->buf + (s->p - s->bottom), data, n);
	return s->p;
}

static u32 push_string(struct stack *s, const char *str)
{
	return push_bytes(s, str, strlen(str) + 1);
}

static void put_word(struct stack *s, u32 *sp, u32 val)
{
	memcpy(s->buf + (*sp - s->bottom), &val, sizeof(val));
	*sp += sizeof(val);
}

static size_t count(const char *const v[])
{
	size_t n = 0;

	while (v && v[n])
		n++;
	return n;
}

/* Pushes the strings of v so that v[0] ends lowest; 0 if they do not fit. */
static int push_strings(struct stack *s, const char *const v[], size_t n)
{
	while (n--)
		if (!push_string(s, v[n]))
			return -E2BIG;
	return 0;
}

/* Sets the value of the auxv entry of this type. */
static void set_aux(u32 auxv[][2], u32 type, u32 val)
{
	for (int i = 0; i < NR_AUXV; i++)
		if (auxv[i][0] == type)
			auxv[i][1] = val;
}

/*
 * Lays out the stack in buf (see above) and sets *esp to the user address
 * of argc, the program's initial esp. Returns 0, or -E2BIG when it does
 * not fit in size bytes.
 * top and size must be multiples of 16; argv and envp are NULL-terminated
 * (NULL is an empty list). Nothing outside buf[0..size) is written.
 */
int create_elf_tables(void *buf, size_t size, u32 top, const char *filename,
		      const char *const argv[], const char *const envp[],
		      const struct elf_stack_info *info, u32 *esp)
{
	struct stack s = { buf, top - size, top };
	size_t argc = count(argv), envc = count(envp), items;
	u32 execfn, platform, random, str, sp;
	u32 auxv[NR_AUXV][2] = {
		{ AT_HWCAP, info->hwcap },
		{ AT_PAGESZ, PAGE_SIZE },
		{ AT_CLKTCK, USER_HZ },
		{ AT_PHDR, info->phdr },
		{ AT_PHENT, sizeof(Elf32_Phdr) },
		{ AT_PHNUM, info->phnum },
		{ AT_BASE, 0 },
		{ AT_FLAGS, 0 },
		{ AT_ENTRY, info->entry },
		{ AT_UID, 0 },
		{ AT_EUID, 0 },
		{ AT_GID, 0 },
		{ AT_EGID, 0 },
		{ AT_SECURE, 0 },
		{ AT_RANDOM, 0 },
		{ AT_EXECFN, 0 },
		{ AT_PLATFORM, 0 },
		{ AT_NULL, 0 },
	};

	if (size < sizeof(u32) || top < size)
		return -E2BIG;
	s.p -= sizeof(u32);
	execfn = push_string(&s, filename);
	if (!execfn || push_strings(&s, envp, envc) || push_strings(&s, argv, argc))
		return -E2BIG;
	str = s.p; /* argv[0]'s string; envp's follow argv's */
	s.p &= ~15u;
	platform = push_string(&s, ELF_PLATFORM);
	random = platform ? push_bytes(&s, info->random, sizeof(info->random)) : 0;
	if (!random)
		return -E2BIG;
	set_aux(auxv, AT_RANDOM, random);
	set_aux(auxv, AT_EXECFN, execfn);
	set_aux(auxv, AT_PLATFORM, platform);

	/* Linux's STACK_ROUND: room for every word, then down to 16 bytes */
	items = 1 + (argc + 1) + (envc + 1) + 2 * NR_AUXV;
	if ((s.p - s.bottom) / sizeof(u32) < items + 4)
		return -E2BIG;
	sp = (s.p - items * sizeof(u32)) & ~15u;
	s.p = sp;
	put_word(&s, &sp, argc);
	for (size_t i = 0; i < argc; i++, str += strlen(argv[i - 1]) + 1)
		put_word(&s, &sp, str);
	put_word(&s, &sp, 0);
	for (size_t i = 0; i < envc; i++, str += strlen(envp[i - 1]) + 1)
		put_word(&s, &sp, str);
	put_word(&s, &sp, 0);
	for (int i = 0; i < NR_AUXV; i++) {
		put_word(&s, &sp, auxv[i][0]);
		put_word(&s, &sp, auxv[i][1]);
	}
	*esp = s.p;
	return 0;
}

/*
 * Kernel symbol table for backtraces (kernel/kallsyms.c). The Makefile
 * links the kernel twice: the first image's function symbols (nm) become
 * build/kallsyms.c, which the second link puts at the end of .rodata, so
 * no code address moves between the two links.
 */
#ifndef KERNEL_KALLSYMS_H
#define KERNEL_KALLSYMS_H

struct kallsym {
	unsigned long addr;
	const char *name;
};

extern const struct kallsym kallsyms[]; /* sorted by addr */
extern const unsigned int kallsyms_num;

/* Name of the function holding addr, with its start offset and size; NULL if none. */
const char *kallsyms_lookup(unsigned long addr, unsigned long *offset, unsigned long *size);

#endif

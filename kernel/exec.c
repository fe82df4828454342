/*
 * execve: replace the calling process's program with an ELF32 executable.
 *
 * Until the point of no return nothing of the old program is touched:
 * the arguments and environment are copied into a kernel staging buffer,
 * the headers are read and validated (kernel/elf.c: a bad or truncated
 * ELF is refused with ENOEXEC), and a complete new address space is built
 * with a VMA per PT_LOAD segment, an empty [heap] after the last segment,
 * and a one-page [stack] VMA that grows down on demand.
 *
 * A program on a disk file system (one with a page cache) is mapped from
 * it as Linux's load_elf_binary does (map_segment): each segment is a
 * MAP_PRIVATE file mapping, so text pages are the page cache's pages,
 * shared by every process running the program, read on first touch and,
 * under memory pressure, dropped and read again; the data segment's pages
 * are copied on their first write; the bss is the zeroed rest of the last
 * file page plus anonymous pages. Only the first page (the headers) is
 * read at exec. A program in the initramfs (ramfs has no page cache) is
 * read whole and its segments copied into anonymous pages (load_segment). Then the old mm is
 * dropped, the initial stack is laid out as Linux's i386 ABI expects (kernel/exec_stack.c draws it)
 * and copied to the top of the new stack, and the registers are reset so the return from the system
 * call enters the new program.
 */
#include "kernel/capability.h"
#include "kernel/elf.h"
#include "kernel/errno.h"
#include "kernel/exec_stack.h"
#include "kernel/ptrace.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscall.h"
#include "kernel/time.h"
#include "kernel/tls.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"
#include "kernel/lib/string.h"
#include "fs/file.h"
#include "mm/gfp.h"
#include "mm/highmem.h"
#include "mm/mm.h"
#include "mm/mman.h"
#include "mm/mmap.h"
#include "mm/slab.h"

#define ARG_ORDER 3 /* staging for argv + envp strings: 32 KiB */
#define ARG_MAX_BYTES (PAGE_SIZE << ARG_ORDER)
#define MAX_ARG_COUNT 1024
#define STACK_BUF_ORDER 4 /* the initial stack is built in 64 KiB */
#define EXEC_MAX_ORDER 10 /* the whole file is read at once: at most 4 MiB */

/* argv/envp as given: a user pointer, or a kernel array (for init). */
struct user_arg_ptr {
	bool is_kernel;
	const char *const *ptr;
};

struct linux_binprm {
	char filename[PATH_MAX];
	char *strings; /* argv strings, then envp strings, NUL-separated */
	size_t used;
	int argc, envc;
	const char **argv, **envp; /* kernel arrays into strings, NULL-terminated */
	void *file;		   /* the executable: all of it, or (mapped) its first page */
	size_t file_size;	   /* the file's size */
	unsigned int file_order;
	struct file *filp;    /* mapped from the page cache: the open file (NULL: copied) */
	unsigned long ino;    /* the executable's inode number (maps) */
	struct mm_struct *mm; /* the new address space being built */
};

static int fetch_arg(struct user_arg_ptr a, int i, const char **out)
{
	unsigned long p;

	if (a.is_kernel) {
		*out = a.ptr[i];
		return 0;
	}
	if (get_user_ulong(&p, (const unsigned long __user *)(a.ptr + i)))
		return -EFAULT;
	*out = (const char *)p;
	return 0;
}

/* Copy a NULL-terminated string array into the staging area; the count or -errno. */
static int copy_strings(struct linux_binprm *bprm, struct user_arg_ptr a)
{
	int n;

	if (!a.ptr)
		return 0; /* Linux accepts a NULL argv/envp as empty */
	for (n = 0;; n++) {
		size_t room = ARG_MAX_BYTES - bprm->used;
		const char *s;
		long len;
		int err = fetch_arg(a, n, &s);

		if (err)
			return err;
		if (!s)
			return n;
		if (n >= MAX_ARG_COUNT)
			return -E2BIG;
		if (a.is_kernel) {
			len = (long)strnlen(s, room);
			if ((size_t)len == room)
				return -E2BIG;
			memcpy(bprm->strings + bprm->used, s, len + 1);
		} else {
			len = strncpy_from_user(bprm->strings + bprm->used, s, (long)room);
			if (len == -ENAMETOOLONG)
				return -E2BIG;
			if (len < 0)
				return (int)len;
		}
		bprm->used += len + 1;
	}
}

/* Point bprm->argv and ->envp at the staged strings. */
static int build_arg_arrays(struct linux_binprm *bprm)
{
	const char *s = bprm->strings;
	int i;

	bprm->argv = kmalloc((bprm->argc + bprm->envc + 2) * sizeof(char *), GFP_KERNEL);
	if (!bprm->argv)
		return -ENOMEM;
	bprm->envp = bprm->argv + bprm->argc + 1;
	for (i = 0; i < bprm->argc; i++, s += strlen(s) + 1)
		bprm->argv[i] = s;
	bprm->argv[i] = NULL;
	for (i = 0; i < bprm->envc; i++, s += strlen(s) + 1)
		bprm->envp[i] = s;
	bprm->envp[i] = NULL;
	return 0;
}

/* Mapped: elf_check finds the program headers in the first page only, so they must be there. */
static bool headers_in(const void *buf, size_t have)
{
	const Elf32_Ehdr *eh = buf;

	return have >= sizeof(*eh) && eh->e_phoff <= have &&
	       eh->e_phnum <= (have - eh->e_phoff) / sizeof(Elf32_Phdr);
}

/*
 * Open the executable and read what exec needs: the first page of a file
 * that can be mapped (bprm->filp keeps it open), the whole file otherwise.
 * 0, or -EACCES (not a regular file), -ENOEXEC (too big to copy, headers
 * past the first page), -ENOMEM, -EIO.
 */
static int read_executable(struct linux_binprm *bprm)
{
	struct file *f = filp_open(bprm->filename, O_RDONLY, 0);
	size_t want;
	loff_t pos = 0;
	ssize_t n;
	int err = 0;

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	if (!S_ISREG(f->inode->mode)) {
		err = -EACCES;
		goto out;
	}
	bprm->file_size = f->inode->size;
	bprm->ino = f->inode->ino;
	bprm->file_order = 0;
	if (f->f_op->mmap && f->inode->i_mapping)
		bprm->filp = f; /* mapped from the page cache: the headers are enough */
	while (!bprm->filp && (PAGE_SIZE << bprm->file_order) < bprm->file_size)
		bprm->file_order++;
	if (bprm->file_order > EXEC_MAX_ORDER) {
		err = -ENOEXEC;
		goto out;
	}
	want = min(bprm->file_size, PAGE_SIZE << bprm->file_order);
	bprm->file = (void *)__get_free_pages(GFP_KERNEL, bprm->file_order);
	if (!bprm->file) {
		err = -ENOMEM;
		goto out;
	}
	n = kernel_read(f, bprm->file, want, &pos);
	if (n < 0)
		err = (int)n;
	else if ((size_t)n != want)
		err = -EIO;
	else if (bprm->filp && !headers_in(bprm->file, want))
		err = -ENOEXEC;
out:
	if (!bprm->filp)
		fput(f); /* a mapped file is kept, and dropped by free_bprm */
	return err;
}

/* Note the segment's place in the layout: code, data, where the heap starts. */
static void note_segment(struct mm_struct *mm, const Elf32_Phdr *ph, unsigned long end)
{
	unsigned long file_end = ph->p_vaddr + ph->p_filesz;

	if (ph->p_flags & PF_X) {
		if (!mm->start_code || ph->p_vaddr < mm->start_code)
			mm->start_code = ph->p_vaddr;
		mm->end_code = max(mm->end_code, file_end);
	} else {
		if (!mm->start_data)
			mm->start_data = ph->p_vaddr;
		mm->end_data = max(mm->end_data, file_end);
	}
	mm->start_brk = max(mm->start_brk, end); /* the heap starts after the last segment */
}

static unsigned long segment_prot(const Elf32_Phdr *ph)
{
	return (ph->p_flags & PF_R ? PROT_READ : 0) | (ph->p_flags & PF_W ? PROT_WRITE : 0) |
	       (ph->p_flags & PF_X ? PROT_EXEC : 0);
}

/*
 * Zero the bytes of the segment's last file page past p_filesz (Linux's
 * padzero): the page becomes the process's own copy (do_cow_fault, a
 * write fault even in a read-only segment: the kernel is the writer).
 */
static int padzero(struct mm_struct *mm, unsigned long file_end)
{
	struct vm_area_struct *vma = find_vma(mm, file_end);
	struct page *page;
	char *kaddr;

	if (!(file_end & ~PAGE_MASK))
		return 0;
	if (!vma || vma->vm_start > file_end ||
	    (handle_mm_fault(vma, file_end, FAULT_FLAG_WRITE) &
	     (VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV)))
		return -EFAULT;
	page = follow_page(mm, file_end);
	if (!page)
		return -EFAULT;
	kaddr = kmap_local_page(page);
	memset(kaddr + (file_end & ~PAGE_MASK), 0, PAGE_SIZE - (file_end & ~PAGE_MASK));
	kunmap_local(kaddr);
	return 0;
}

/*
 * elf_for_each_load actor for a program on a disk (Linux's elf_map and its
 * bss): the file pages of the segment as a MAP_PRIVATE mapping of the
 * file, the rest of its last file page zeroed, anonymous pages for the
 * bss beyond. data is not used: nothing is read now.
 */
static int map_segment(const Elf32_Phdr *ph, const void *data, void *arg)
{
	struct linux_binprm *bprm = arg;
	struct mm_struct *mm = bprm->mm;
	unsigned long start = ph->p_vaddr & PAGE_MASK, prot = segment_prot(ph), ret;
	unsigned long file_end = ph->p_vaddr + ph->p_filesz, map_end = PAGE_ALIGN(file_end);
	unsigned long end = PAGE_ALIGN(ph->p_vaddr + ph->p_memsz);

	(void)data;
	if (end <= start)
		return 0;
	if (find_vma_intersection(mm, start, end))
		return -ENOEXEC; /* two segments in one page: not supported */
	if (ph->p_filesz) {
		ret = do_mmap_file(mm, bprm->filp, start, map_end - start, prot,
				   MAP_PRIVATE | MAP_FIXED_NOREPLACE,
				   (ph->p_offset - (ph->p_vaddr - start)) >> PAGE_SHIFT);
		if (IS_ERR_VALUE(ret))
			return (int)ret;
		if (ph->p_memsz > ph->p_filesz && padzero(mm, file_end))
			return -EFAULT;
	} else {
		map_end = start;
	}
	if (end > map_end) {
		ret = do_mmap(mm, map_end, end - map_end, prot,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE);
		if (IS_ERR_VALUE(ret))
			return (int)ret;
	}
	note_segment(mm, ph, end);
	return 0;
}

/* elf_for_each_load actor: map one PT_LOAD segment and copy its bytes in. */
static int load_segment(const Elf32_Phdr *ph, const void *data, void *arg)
{
	struct mm_struct *mm = ((struct linux_binprm *)arg)->mm;
	unsigned long start = ph->p_vaddr & PAGE_MASK;
	unsigned long end = (ph->p_vaddr + ph->p_memsz + PAGE_SIZE - 1) & PAGE_MASK;
	unsigned long file_end = ph->p_vaddr + ph->p_filesz, addr, ret;
	struct vm_area_struct *vma;

	if (end <= start)
		return 0;
	if (find_vma(mm, start) && find_vma(mm, start)->vm_start < end)
		return -ENOEXEC; /* two segments in one page: not supported */
	ret = do_mmap(mm, start, end - start, PROT_READ | PROT_WRITE | PROT_EXEC,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE);
	if (IS_ERR_VALUE(ret))
		return (int)ret;
	vma = find_vma(mm, start);
	vma->vm_flags = (vma->vm_flags & ~(unsigned long)(VM_READ | VM_WRITE | VM_EXEC)) |
			(ph->p_flags & PF_R ? VM_READ : 0) | (ph->p_flags & PF_W ? VM_WRITE : 0) |
			(ph->p_flags & PF_X ? VM_EXEC : 0) | VM_EXECUTABLE;
	vma->vm_pgoff = ph->p_offset >> PAGE_SHIFT;
	if (!(ph->p_flags & PF_W) && (vma->vm_flags & VM_ACCOUNT)) {
		vm_unacct_memory(
		    (long)((end - start) >> PAGE_SHIFT)); /* read-only: not committed */
		vma->vm_flags &= ~VM_ACCOUNT;
	}
	/* Fault each page in and copy the file part through the kernel's direct map. */
	for (addr = start; addr < file_end; addr += PAGE_SIZE) {
		unsigned long from = max(addr, (unsigned long)ph->p_vaddr);
		unsigned long to = min(addr + PAGE_SIZE, file_end);

		if (handle_mm_fault(vma, addr, FAULT_FLAG_WRITE))
			return -ENOMEM;
		memcpy_to_page(follow_page(mm, addr), from - addr,
			       (const char *)data + (from - ph->p_vaddr), to - from);
	}
	note_segment(mm, ph, end);
	return 0;
}

/* Build the new address space from the validated image. */
static int load_elf_binary(struct linux_binprm *bprm)
{
	struct mm_struct *mm = bprm->mm;
	unsigned long stack;
	int err = elf_for_each_load(bprm->file, bprm->file_size,
				    bprm->filp ? map_segment : load_segment, bprm);

	if (err)
		return err;
	mm->brk = mm->start_brk;
	strlcpy(mm->exe_path, bprm->filename, sizeof(mm->exe_path));
	mm->exe_ino = bprm->ino;
	stack = do_mmap(mm, USER_STACK_TOP - PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN);
	if (IS_ERR_VALUE(stack))
		return (int)stack;
	mm->start_stack = USER_STACK_TOP;
	return 0;
}

/*
 * Where argv's and envp's strings landed (for /proc/PID/cmdline and
 * environ): create_elf_tables puts them next to each other, argv first.
 * frame points at the built stack's argc.
 */
static void set_arg_bounds(const struct linux_binprm *bprm, const u32 *frame)
{
	struct mm_struct *mm = current->mm;
	size_t argv_bytes = 0, env_bytes = 0;
	int i;

	for (i = 0; i < bprm->argc; i++)
		argv_bytes += strlen(bprm->argv[i]) + 1;
	for (i = 0; i < bprm->envc; i++)
		env_bytes += strlen(bprm->envp[i]) + 1;
	if (bprm->argc)
		mm->arg_start = frame[1]; /* argv[0] */
	else if (bprm->envc)
		mm->arg_start = frame[2]; /* envp[0], after argv's NULL */
	mm->arg_end = mm->env_start = mm->arg_start + argv_bytes;
	mm->env_end = mm->env_start + env_bytes;
}

/* Lay out the initial stack in a kernel buffer and copy it to the new stack. */
static int setup_arg_pages(struct linux_binprm *bprm, unsigned long *sp)
{
	const Elf32_Ehdr *eh = bprm->file;
	struct elf_stack_info info;
	size_t size = PAGE_SIZE << STACK_BUF_ORDER;
	char *buf = (char *)__get_free_pages(GFP_KERNEL, STACK_BUF_ORDER);
	u32 esp;
	int i, err;
	u32 hwcap, a, b, c;

	if (!buf)
		return -ENOMEM;
	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(hwcap) : "a"(1));
	info.phdr = elf_phdr_addr(bprm->file, bprm->file_size);
	info.phnum = eh->e_phnum;
	info.entry = eh->e_entry;
	info.hwcap = hwcap;
	for (i = 0; i < 16; i++) /* not cryptographic: there is no RNG here */
		info.random[i] = (u8)((rdtsc() >> (i % 8)) ^ (jiffies * 131) ^ (i * 37));
	err = create_elf_tables(buf, size, USER_STACK_TOP, bprm->filename, bprm->argv, bprm->envp,
				&info, &esp);
	if (!err && copy_to_user((void __user *)esp, buf + (esp - (USER_STACK_TOP - size)),
				 USER_STACK_TOP - esp))
		err = -EFAULT;
	if (!err)
		set_arg_bounds(bprm, (const u32 *)(buf + (esp - (USER_STACK_TOP - size))));
	free_pages((unsigned long)buf, STACK_BUF_ORDER);
	if (err)
		return err;
	*sp = esp;
	return 0;
}

static void start_thread(struct pt_regs *regs, unsigned long ip, unsigned long sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->ip = ip;
	regs->sp = sp;
	regs->cs = __USER_CS;
	regs->ss = regs->ds = regs->es = __USER_DS;
	regs->flags = 0x202; /* IF, and the always-one bit */
}

static void free_bprm(struct linux_binprm *bprm)
{
	if (bprm->mm)
		mmput(bprm->mm);
	if (bprm->file)
		free_pages((unsigned long)bprm->file, bprm->file_order);
	if (bprm->filp)
		fput(bprm->filp);
	if (bprm->strings)
		free_pages((unsigned long)bprm->strings, ARG_ORDER);
	kfree(bprm->argv);
	kfree(bprm);
}

/* The old program is gone: switch to the new mm and start it. */
static void exec_new_image(struct linux_binprm *bprm, struct pt_regs *regs)
{
	struct mm_struct *old = current->mm;
	const char *base = strrchr(bprm->filename, '/');
	unsigned long sp;
	int i;

	current->mm = bprm->mm;
	bprm->mm = NULL;
	write_cr3(__pa(current->mm->pgd));
	if (old)
		mmput(old);
	current->flags &= ~PF_KTHREAD;
	cap_set_root(current); /* uid 0: the bounding set again (Linux's legacy root) */
	set_task_comm(current, base ? base + 1 : bprm->filename);
	if (current->files)
		do_close_on_exec(current->files); /* O_CLOEXEC fds */
	for (i = 0; i < _NSIG; i++) { /* Linux's flush_signal_handlers: caught signals revert */
		struct k_sigaction *ka = &current->sighand[i];

		if (ka->handler != SIG_IGN) /* to default; ignored ones stay ignored */
			ka->handler = SIG_DFL;
		ka->flags = 0;
		ka->restorer = 0;
		ka->mask = 0;
	}
	tls_exec_reset(current);
	current->sas_ss_sp = current->sas_ss_size = 0; /* the old stack is gone */
	current->robust_list = 0;
	current->rseq = 0;
	current->clear_child_tid = 0;
	fpu_load_initial();
	if (setup_arg_pages(bprm, &sp)) {
		force_sig(SIGSEGV); /* as Linux: the new image cannot start */
		sp = USER_STACK_TOP;
	}
	start_thread(regs, ((const Elf32_Ehdr *)bprm->file)->e_entry, sp);
}

/*
 * Execute a file in the current task. On success the user registers in
 * regs start the new program and 0 is returned; a failure before the point
 * of no return gives -errno and the old program goes on.
 */
static int do_execve(const char *filename, bool kernel_args, struct user_arg_ptr argv,
		     struct user_arg_ptr envp, struct pt_regs *regs)
{
	struct linux_binprm *bprm = kzalloc(sizeof(*bprm), GFP_KERNEL);
	int err = -ENOMEM;

	if (!bprm)
		return -ENOMEM;
	bprm->strings = (char *)__get_free_pages(GFP_KERNEL, ARG_ORDER);
	if (!bprm->strings)
		goto out;
	if (kernel_args) {
		strlcpy(bprm->filename, filename, sizeof(bprm->filename));
	} else {
		long n = strncpy_from_user(bprm->filename, filename, PATH_MAX);

		err = n < 0 ? (int)n : 0;
		if (err)
			goto out;
	}
	err = copy_strings(bprm, argv);
	if (err < 0)
		goto out;
	bprm->argc = err;
	err = copy_strings(bprm, envp);
	if (err < 0)
		goto out;
	bprm->envc = err;
	err = build_arg_arrays(bprm);
	if (err)
		goto out;
	err = read_executable(bprm);
	if (err)
		goto out;
	err = elf_check(bprm->file, bprm->file_size);
	if (err)
		goto out;
	err = -ENOMEM;
	bprm->mm = mm_alloc();
	if (!bprm->mm)
		goto out;
	err = load_elf_binary(bprm);
	if (err)
		goto out;
	exec_new_image(bprm, regs); /* the point of no return */
	err = 0;
out:
	free_bprm(bprm);
	return err;
}

long sys_execve(struct pt_regs *regs)
{
	struct user_arg_ptr argv = { false, (const char *const *)regs->cx };
	struct user_arg_ptr envp = { false, (const char *const *)regs->dx };

	return do_execve((const char *)regs->bx, false, argv, envp, regs);
}

/* Start a program from a kernel thread (init): argv/envp are kernel arrays. */
int kernel_execve(const char *filename, const char *const *argv, const char *const *envp)
{
	struct user_arg_ptr a = { true, argv }, e = { true, envp };

	return do_execve(filename, true, a, e, task_pt_regs(current));
}

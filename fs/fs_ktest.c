/*
 * ktest suite "vfs": the root file system as populate_rootfs left it, the
 * pipe and console semantics, in the kernel (ktest= runs in process 1,
 * a kernel thread, after populate_rootfs and before init opens its
 * console). tests/unit/test_ramfs.c covers the same core on the host;
 * this suite checks what only the running kernel has: the real boot
 * modules in memory, the page allocator, wait queues and signals.
 */
#include "kernel/ktest.h"
#include "drivers/tty.h"
#include "fs/cpio.h"
#include "fs/file.h"
#include "fs/internal.h"
#include "kernel/lib/string.h"
#include "kernel/multiboot.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/x86.h"
#include "mm/gfp.h"
#include "mm/layout.h"
#include "mm/mm.h"

struct find_member {
	const char *name;
	const struct cpio_entry *found;
	struct cpio_entry copy;
};

static int find_actor(const struct cpio_entry *e, void *arg)
{
	struct find_member *f = arg;
	const char *name = e->name;

	if (name[0] == '.' && name[1] == '/')
		name += 2;
	if (!strcmp(name, f->name)) {
		f->copy = *e; /* a later archive's member replaces an earlier one */
		f->found = &f->copy;
	}
	return 0;
}

/* The last member called name in the cpio boot modules, or NULL. */
static const struct cpio_entry *boot_member(struct find_member *f, const char *name)
{
	int i;

	f->name = name;
	f->found = NULL;
	for (i = 0; i < boot_params.nr_modules; i++) {
		const struct boot_module *m = &boot_params.modules[i];

		if (m->end <= (u64)max_low_pfn << PAGE_SHIFT)
			cpio_walk(phys_to_virt(m->start), m->end - m->start, find_actor, f);
	}
	return f->found;
}

static void initramfs_file_is_readable(struct ktest *t)
{
	struct find_member fm;
	const struct cpio_entry *e = boot_member(&fm, "bin/init");
	struct file *f;
	char *buf;
	loff_t pos = 0;

	if (!e)
		KTEST_SKIP(t, "no bin/init in the boot modules");
	f = filp_open("/bin/init", O_RDONLY, 0);
	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	KTEST_EXPECT_EQ(t, f->inode->size, e->size);
	KTEST_EXPECT_EQ(t, f->inode->mode, e->mode);
	buf = (char *)__get_free_pages(GFP_KERNEL, 4); /* 64 KiB */
	KTEST_ASSERT_TRUE(t, buf != NULL);
	KTEST_EXPECT_LE(t, e->size, PAGE_SIZE << 4);
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, PAGE_SIZE << 4, &pos), e->size);
	KTEST_EXPECT_EQ(t, memcmp(buf, e->data, min(e->size, (u32)(PAGE_SIZE << 4))), 0);
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, 16, &pos), 0);
	free_pages((unsigned long)buf, 4);
	fput(f);
}

static void rootfs_has_devices(struct ktest *t)
{
	struct inode *console = path_lookupat(NULL, "/dev/console");
	struct file *f;
	char buf[8];
	loff_t pos = 0;

	KTEST_ASSERT_TRUE(t, !IS_ERR(console));
	KTEST_EXPECT_EQ(t, console->mode, S_IFCHR | 0600);
	KTEST_EXPECT_EQ(t, console->rdev, MKDEV(5, 1));
	iput(console);
	f = filp_open("/dev/zero", O_RDONLY, 0);
	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	memset(buf, 1, sizeof(buf));
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, sizeof(buf), &pos), sizeof(buf));
	KTEST_EXPECT_EQ(t, buf[0] | buf[7], 0);
	fput(f);
	f = filp_open("/dev/null", O_RDWR, 0);
	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	KTEST_EXPECT_EQ(t, kernel_write(f, "gone", 4, &pos), 4);
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, sizeof(buf), &pos), 0);
	fput(f);
}

static void pipe_semantics(struct ktest *t)
{
	static char big[PIPE_BUF];
	struct file *p[2];
	char buf[16];
	loff_t pos = 0;

	KTEST_ASSERT_EQ(t, create_pipe_files(p, O_NONBLOCK), 0);
	KTEST_EXPECT_EQ(t, vfs_llseek(p[0], 0, SEEK_SET), -ESPIPE);
	KTEST_EXPECT_EQ(t, kernel_read(p[0], buf, sizeof(buf), &pos), -EAGAIN); /* empty */
	KTEST_EXPECT_EQ(t, kernel_write(p[1], "abc", 3, &pos), 3);
	/* a PIPE_BUF write does not fit beside 3 bytes: all or nothing */
	KTEST_EXPECT_EQ(t, kernel_write(p[1], big, sizeof(big), &pos), -EAGAIN);
	KTEST_EXPECT_EQ(t, kernel_write(p[1], big, PIPE_BUF - 3, &pos), PIPE_BUF - 3);
	KTEST_EXPECT_EQ(t, kernel_write(p[1], "x", 1, &pos), -EAGAIN); /* full */
	KTEST_EXPECT_EQ(t, kernel_read(p[0], buf, 2, &pos), 2);
	KTEST_EXPECT_EQ(t, memcmp(buf, "ab", 2), 0);
	KTEST_EXPECT_EQ(t, kernel_read(p[0], big, sizeof(big), &pos), PIPE_BUF - 2); /* wraps */
	KTEST_EXPECT_EQ(t, kernel_write(p[1], "tail", 4, &pos), 4); /* across the end of the ring */
	fput(p[1]);
	KTEST_EXPECT_EQ(t, kernel_read(p[0], buf, sizeof(buf), &pos), 4);
	KTEST_EXPECT_EQ(t, memcmp(buf, "tail", 4), 0);
	KTEST_EXPECT_EQ(t, kernel_read(p[0], buf, sizeof(buf), &pos), 0); /* no writer: EOF */
	fput(p[0]);

	/* no reader: EPIPE and SIGPIPE to the writer */
	KTEST_ASSERT_EQ(t, create_pipe_files(p, 0), 0);
	fput(p[0]);
	current->sig_pending &= ~sigmask(SIGPIPE);
	KTEST_EXPECT_EQ(t, kernel_write(p[1], "x", 1, &pos), -EPIPE);
	KTEST_EXPECT_TRUE(t, current->sig_pending & sigmask(SIGPIPE));
	current->sig_pending &= ~sigmask(SIGPIPE);
	fput(p[1]);
}

static void feed(const char *s)
{
	unsigned long flags = local_irq_save();

	while (*s)
		n_tty_receive_char((unsigned char)*s++);
	local_irq_restore(flags);
}

static void console_line_discipline(struct ktest *t)
{
	struct file *f = filp_open("/dev/console", O_RDWR | O_NONBLOCK, 0);
	char buf[32];
	loff_t pos = 0;

	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	n_tty_flush();
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, sizeof(buf), &pos), -EAGAIN);
	feed("abx\x7f"
	     "c"); /* still no whole line: DEL erased the x */
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, sizeof(buf), &pos), -EAGAIN);
	feed("\r"
	     "two\n"); /* CR ends a line as NL does */
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, sizeof(buf), &pos), 4); /* one line per read */
	KTEST_EXPECT_EQ(t, memcmp(buf, "abc\n", 4), 0);
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, 2, &pos), 2); /* a short read leaves the rest */
	KTEST_EXPECT_EQ(t, kernel_read(f, buf + 2, sizeof(buf), &pos), 2);
	KTEST_EXPECT_EQ(t, memcmp(buf, "two\n", 4), 0);
	feed("junk\x15"
	     "ok\x04"); /* ^U kills the line; ^D ends one without a newline */
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, sizeof(buf), &pos), 2);
	KTEST_EXPECT_EQ(t, memcmp(buf, "ok", 2), 0);
	feed("\x04"); /* ^D at the start of a line: end of file */
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, sizeof(buf), &pos), 0);
	feed("lost\x03"); /* ^C drops the input */
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, sizeof(buf), &pos), -EAGAIN);
	KTEST_EXPECT_EQ(t, kernel_write(f, "[console write]\n", 16, &pos), 16);
	n_tty_flush();
	fput(f);
}

/* fork's and exit's side of the fd table: shared files, one close each. */
static void files_struct_shares_files(struct ktest *t)
{
	struct files_struct *a = alloc_files(), *b;
	struct file *f = filp_open("/bin", O_RDONLY | O_DIRECTORY, 0);

	KTEST_ASSERT_TRUE(t, a && !IS_ERR(f));
	a->fd[3] = f;
	a->close_on_exec = 1ULL << 3;
	b = dup_files(a);
	KTEST_ASSERT_TRUE(t, b != NULL);
	KTEST_EXPECT_TRUE(t, b->fd[3] == f);
	KTEST_EXPECT_EQ(t, f->f_count, 2);
	KTEST_EXPECT_TRUE(t, b->cwd == root_inode);
	do_close_on_exec(b);
	KTEST_EXPECT_TRUE(t, b->fd[3] == NULL);
	KTEST_EXPECT_EQ(t, f->f_count, 1);
	put_files_struct(b);
	put_files_struct(NULL);
	put_files_struct(a); /* closes f */
}

static struct ktest_case vfs_cases[] = {
	KTEST_CASE(initramfs_file_is_readable),
	KTEST_CASE(rootfs_has_devices),
	KTEST_CASE(pipe_semantics),
	KTEST_CASE(console_line_discipline),
	KTEST_CASE(files_struct_shares_files),
	{},
};
KTEST_SUITE(vfs, vfs_cases);

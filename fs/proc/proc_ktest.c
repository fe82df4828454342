/*
 * ktest suite "procfs": the sysctl handler's parsing and ranges on a
 * private table (so no real knob moves), and procfs files read through
 * the VFS in small pieces and with lseek, which must give the same text
 * as one big read (the seq_file offsets).
 */
#include "kernel/ktest.h"
#include "fs/proc/internal.h"
#include "kernel/lib/string.h"
#include "kernel/sysctl.h"
#include "mm/slab.h"

static int vals[3];
static const int lo = -5, hi = 100;
static const struct ctl_table vec_table = { "vec", vals, sizeof(vals), 0644, proc_dointvec_minmax,
					    &lo,   &hi };

static int write_str(const char *s)
{
	char buf[64];
	size_t len = strlen(s);

	strlcpy(buf, s, sizeof(buf));
	return vec_table.proc_handler(&vec_table, 1, buf, &len);
}

static void sysctl_vector_writes(struct ktest *t)
{
	char out[64];
	size_t len = sizeof(out);

	vals[0] = 1, vals[1] = 2, vals[2] = 3;
	KTEST_EXPECT_EQ(t, write_str("7 8 9\n"), 0);
	KTEST_EXPECT_TRUE(t, vals[0] == 7 && vals[1] == 8 && vals[2] == 9);
	KTEST_EXPECT_EQ(t, write_str("-5\t100"), 0); /* a prefix, the range ends included */
	KTEST_EXPECT_TRUE(t, vals[0] == -5 && vals[1] == 100 && vals[2] == 9);
	KTEST_EXPECT_EQ(t, write_str("1 101"), -EINVAL); /* nothing stored, not even the 1 */
	KTEST_EXPECT_EQ(t, write_str("-6"), -EINVAL);
	KTEST_EXPECT_EQ(t, write_str("1 2 3 4"), -EINVAL);
	KTEST_EXPECT_EQ(t, write_str("12abc"), -EINVAL);
	KTEST_EXPECT_EQ(t, write_str("99999999999"), -EINVAL);
	KTEST_EXPECT_EQ(t, write_str("- 1"), -EINVAL);
	KTEST_EXPECT_EQ(t, write_str(" \n"), 0);
	KTEST_EXPECT_TRUE(t, vals[0] == -5 && vals[1] == 100 && vals[2] == 9);
	KTEST_EXPECT_EQ(t, vec_table.proc_handler(&vec_table, 0, out, &len), 0);
	KTEST_EXPECT_EQ(t, strcmp(out, "-5\t100\t9\n"), 0);
	KTEST_EXPECT_EQ(t, len, strlen("-5\t100\t9\n"));
}

static void sysctl_knob_names(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t, find_vm_sysctl("swappiness", 10) != NULL);
	KTEST_EXPECT_TRUE(t, find_vm_sysctl("page-cluster", 12) != NULL);
	KTEST_EXPECT_TRUE(t, find_vm_sysctl("swappines", 9) == NULL);
	KTEST_EXPECT_EQ(t, find_vm_sysctl("drop_caches", 11)->mode, 0200);
}

/* Read path whole into buf with reads of chunk bytes; the length. */
static ssize_t read_in_chunks(const char *path, char *buf, size_t size, size_t chunk)
{
	struct file *f = filp_open(path, O_RDONLY, 0);
	loff_t pos = 0;
	ssize_t n, total = 0;

	if (IS_ERR(f))
		return PTR_ERR(f);
	while ((size_t)total < size &&
	       (n = kernel_read(f, buf + total, min(chunk, size - total), &pos)) > 0)
		total += n;
	fput(f);
	return total;
}

static void proc_reads_in_pieces(struct ktest *t)
{
	char *whole = kmalloc(8192, GFP_KERNEL), *pieces = kmalloc(8192, GFP_KERNEL);
	ssize_t a, b;

	KTEST_ASSERT_TRUE(t, whole && pieces);
	a = read_in_chunks("/proc/zoneinfo", whole, 8192, 8192);
	b = read_in_chunks("/proc/zoneinfo", pieces, 8192, 7);
	KTEST_EXPECT_GT(t, a, 500);
	KTEST_EXPECT_EQ(t, a, b);
	KTEST_EXPECT_EQ(t, memcmp(whole, pieces, (size_t)a), 0);
	kfree(whole);
	kfree(pieces);
}

static void proc_lookup_and_modes(struct ktest *t)
{
	struct file *f;

	f = filp_open("/proc/meminfo", O_WRONLY, 0);
	KTEST_EXPECT_EQ(t, IS_ERR(f) ? PTR_ERR(f) : 0, -EACCES);
	f = filp_open("/proc/sys/vm/drop_caches", O_RDONLY, 0);
	KTEST_EXPECT_EQ(t, IS_ERR(f) ? PTR_ERR(f) : 0, -EACCES);
	f = filp_open("/proc/99999", O_RDONLY, 0);
	KTEST_EXPECT_EQ(t, IS_ERR(f) ? PTR_ERR(f) : 0, -ENOENT);
	f = filp_open("/proc/nosuchfile", O_RDONLY, 0);
	KTEST_EXPECT_EQ(t, IS_ERR(f) ? PTR_ERR(f) : 0, -ENOENT);
	f = filp_open("/proc/sys/vm/swappiness", O_RDWR, 0);
	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	fput(f);
}

static struct ktest_case procfs_cases[] = {
	KTEST_CASE(sysctl_vector_writes),
	KTEST_CASE(sysctl_knob_names),
	KTEST_CASE(proc_reads_in_pieces),
	KTEST_CASE(proc_lookup_and_modes),
	{},
};
KTEST_SUITE(procfs, procfs_cases);

/*
 * ktest suites for the trap and interrupt machinery:
 *   timer  jiffies advance at about HZ with interrupts on; IRQ accounting;
 *          a spurious or unexpected IRQ is counted and survived
 *   traps  segment registers, the int $0x80 placeholder's round trip
 *          through entry/ret_from_intr, the BUG() table
 * The crash paths (oopses, double faults) end the boot, so they are
 * system tests instead: tests/system/test_traps.py.
 */
#include "kernel/ktest.h"
#include "drivers/pic.h"
#include "kernel/bug.h"
#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/segment.h"
#include "kernel/lib/string.h"
#include "kernel/time.h"
#include "kernel/x86.h"

/*
 * The timer runs at about HZ: wait (by the TSC clock, at most 5 s) for
 * HZ / 10 ticks. QEMU on a shared host delivers ticks late or in bursts,
 * so a fixed 100 ms window can see none; "the ticks come, and not wildly
 * fast" is the fair test. The rate itself belongs in a benchmark.
 */
static void jiffies_advance_at_hz(struct ktest *t)
{
	const unsigned long want = HZ / 10;
	unsigned long j0;
	u64 start, elapsed;

	KTEST_ASSERT_TRUE(t, read_eflags() & X86_EFLAGS_IF);
	KTEST_ASSERT_NE(t, tsc_khz, 0);
	j0 = jiffies;
	start = local_clock();
	while (jiffies - j0 < want && local_clock() - start < 5000 * 1000000ULL)
		cpu_relax();
	elapsed = local_clock() - start;
	KTEST_EXPECT_GE(t, jiffies - j0, want);
	/* want ticks span (want - 1) periods at least; a third of that, for bursts */
	KTEST_EXPECT_GE(t, elapsed, (u64)(want - 1) * (1000000000ULL / HZ) / 3);
}

static void timer_irq_is_counted_under_its_name(struct ktest *t)
{
	unsigned long before = irq_desc[0].count;

	KTEST_EXPECT_STREQ(t, irq_desc[0].name, "timer");
	while (irq_desc[0].count == before) /* bounded by the previous case: the PIT runs */
		cpu_relax();
	KTEST_EXPECT_GT(t, irq_desc[0].count, before);
	KTEST_EXPECT_FALSE(t, get_8259A_imr() & 1);	  /* IRQ 0 unmasked */
	KTEST_EXPECT_TRUE(t, get_8259A_imr() & (1 << 3)); /* unused lines stay masked */
}

/* int $0x27 looks like IRQ 7 to the kernel, but the PIC has nothing in service. */
static void spurious_irq7_is_counted_not_fatal(struct ktest *t)
{
	unsigned long err = irq_err_count, count7 = irq_desc[7].count;

	__asm__ volatile("int $0x27" ::: "memory");
	KTEST_EXPECT_EQ(t, irq_err_count, err + 1);
	KTEST_EXPECT_EQ(t, irq_desc[7].count, count7); /* not a real IRQ 7 */
}

/* IRQ 3 has no handler: counted on its line and as an error, then ignored. */
static void unexpected_irq_is_counted_not_fatal(struct ktest *t)
{
	unsigned long err = irq_err_count, count3 = irq_desc[3].count;

	__asm__ volatile("int $0x23" ::: "memory");
	KTEST_EXPECT_EQ(t, irq_desc[3].count, count3 + 1);
	KTEST_EXPECT_EQ(t, irq_err_count, err + 1);
}

static void dummy_handler(int irq)
{
	(void)irq;
}

static void request_irq_rejects_bad_lines(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, request_irq(0, dummy_handler, "dup"), -EBUSY);
	KTEST_EXPECT_EQ(t, request_irq(NR_IRQS, dummy_handler, "big"), -EINVAL);
	KTEST_EXPECT_EQ(t, request_irq(PIC_CASCADE_IR, dummy_handler, "cascade"), -EINVAL);
	KTEST_EXPECT_EQ(t, request_irq(5, NULL, "null"), -EINVAL);
}

static bool contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncmp(hay, needle, n))
			return true;
	return false;
}

/* /proc/interrupts text: Linux's columns, the timer's count, ERR: the error count. */
static void show_interrupts_matches_linux_layout(struct ktest *t)
{
	static char buf[1024], want[128];
	unsigned long flags = local_irq_save();
	unsigned long timer = irq_desc[0].count, err = irq_err_count;
	int n = show_interrupts(buf, sizeof(buf));

	local_irq_restore(flags);
	KTEST_ASSERT_TRUE(t, n > 0 && n < (int)sizeof(buf));
	KTEST_EXPECT_TRUE(t, !strncmp(buf, "           CPU0       \n", 23));
	snprintf(want, sizeof(want), "\n  0: %10lu          XT-PIC-XT        timer\n", timer);
	KTEST_EXPECT_TRUE(t, contains(buf, want));
	KTEST_EXPECT_TRUE(t,
			  contains(buf, "\n  2:          0          XT-PIC-XT        cascade\n"));
	KTEST_EXPECT_FALSE(t, contains(buf, "\n  5: ")); /* no handler, not listed */
	snprintf(want, sizeof(want), "\nERR: %10lu\n", err);
	KTEST_EXPECT_TRUE(t, contains(buf, want));
	KTEST_EXPECT_TRUE(t, contains(buf, "\nNMI:          0 \n"));
	KTEST_EXPECT_EQ(t, show_interrupts(buf, 8), n); /* truncated, length still whole */
	KTEST_EXPECT_EQ(t, strlen(buf), 7);
}

static struct ktest_case timer_cases[] = {
	KTEST_CASE(jiffies_advance_at_hz),
	KTEST_CASE(timer_irq_is_counted_under_its_name),
	KTEST_CASE(spurious_irq7_is_counted_not_fatal),
	KTEST_CASE(unexpected_irq_is_counted_not_fatal),
	KTEST_CASE(request_irq_rejects_bad_lines),
	KTEST_CASE(show_interrupts_matches_linux_layout),
	{},
};
KTEST_SUITE(timer, timer_cases);

static void segments_are_the_kernel_ones(struct ktest *t)
{
	u16 cs, ds, ss, tr;

	__asm__ volatile("mov %%cs, %0; mov %%ds, %1; mov %%ss, %2; str %3"
			 : "=r"(cs), "=r"(ds), "=r"(ss), "=r"(tr));
	KTEST_EXPECT_EQ(t, cs, __KERNEL_CS);
	KTEST_EXPECT_EQ(t, ds, __KERNEL_DS);
	KTEST_EXPECT_EQ(t, ss, __KERNEL_DS);
	KTEST_EXPECT_EQ(t, tr, __TSS);
	KTEST_EXPECT_EQ(t, __USER_CS & 3, 3);
}

/*
 * int $0x80 goes in through the common entry and out through
 * ret_from_intr: for a number with no system call (0, Linux's
 * restart_syscall, is not implemented) eax comes back -ENOSYS, every other
 * register as it was.
 */
static void int80_returns_enosys_and_keeps_registers(struct ktest *t)
{
	unsigned long ax = 0, bx = 0x11111111, cx = 0x22222222, dx = 0x33333333;
	unsigned long si = 0x44444444, di = 0x55555555;

	__asm__ volatile("int $0x80"
			 : "+a"(ax), "+b"(bx), "+c"(cx), "+d"(dx), "+S"(si), "+D"(di)
			 :
			 : "memory");
	KTEST_EXPECT_EQ(t, (long)ax, -ENOSYS);
	KTEST_EXPECT_EQ(t, bx, 0x11111111);
	KTEST_EXPECT_EQ(t, cx, 0x22222222);
	KTEST_EXPECT_EQ(t, dx, 0x33333333);
	KTEST_EXPECT_EQ(t, si, 0x44444444);
	KTEST_EXPECT_EQ(t, di, 0x55555555);
}

static void bug_table_records_file_and_line(struct ktest *t)
{
	extern const struct bug_entry __start___bug_table[], __stop___bug_table[];
	const struct bug_entry *b = __start___bug_table, *end = __stop___bug_table;

	KTEST_ASSERT_TRUE(t, end > b); /* do_IRQ's BUG_ON, lkdtm's BUG() at least */
	KTEST_EXPECT_TRUE(t, find_bug(b->bug_addr) == b);
	KTEST_EXPECT_EQ(t, *(const u16 *)b->bug_addr, 0x0b0f); /* ud2 */
	KTEST_EXPECT_GT(t, b->line, 0);
	KTEST_EXPECT_TRUE(t, find_bug(b->bug_addr + 1) == NULL);
}

static struct ktest_case traps_cases[] = {
	KTEST_CASE(segments_are_the_kernel_ones),
	KTEST_CASE(int80_returns_enosys_and_keeps_registers),
	KTEST_CASE(bug_table_records_file_and_line),
	{},
};
KTEST_SUITE(traps, traps_cases);

/* ktest suite "sched": kernel threads, wait queues, timed sleeps, context switches. */
#include "kernel/ktest.h"
#include "kernel/kernel_stat.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "mm/mm.h"

static DECLARE_WAIT_QUEUE_HEAD(pingpong_wq);
static volatile int ball; /* even: main's turn, odd: the thread's */

static int pong_thread(void *arg)
{
	int rounds = (int)(uintptr_t)arg, i;

	for (i = 0; i < rounds; i++) {
		wait_event(pingpong_wq, ball % 2 == 1);
		ball++;
		wake_up(&pingpong_wq);
	}
	return 0;
}

static void threads_take_turns_on_a_wait_queue(struct ktest *t)
{
	int i;

	ball = 0;
	KTEST_ASSERT_TRUE(t, kthread_run(pong_thread, (void *)(uintptr_t)50, "ktest-pong") != NULL);
	for (i = 0; i < 50; i++) {
		ball++;
		wake_up(&pingpong_wq);
		wait_event(pingpong_wq, ball % 2 == 0);
	}
	KTEST_EXPECT_EQ(t, ball, 100);
}

static void schedule_timeout_sleeps_that_long(struct ktest *t)
{
	unsigned long start = jiffies;
	long left = schedule_timeout_interruptible(10);

	KTEST_EXPECT_EQ(t, left, 0);
	KTEST_EXPECT_GE(t, jiffies - start, 10);
	KTEST_EXPECT_LT(t, jiffies - start, 10 + 5);
}

static volatile int finished;

static int short_thread(void *arg)
{
	(void)arg;
	finished++;
	return 0;
}

/* 200 threads start and exit; their stacks and task structs all come back. */
static void exited_threads_free_their_memory(struct ktest *t)
{
	unsigned long before;
	int i;

	finished = 0;
	schedule_timeout_interruptible(2); /* let earlier tests' threads finish dying */
	before = nr_free_pages();
	for (i = 0; i < 200; i++) {
		KTEST_ASSERT_TRUE(t, kthread_run(short_thread, NULL, "ktest-short") != NULL);
		if (i % 20 == 19)
			schedule_timeout_interruptible(1);
	}
	while (finished < 200)
		schedule_timeout_interruptible(1);
	schedule_timeout_interruptible(2);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static volatile unsigned long spins[2];

static int spinner(void *arg)
{
	int id = (int)(uintptr_t)arg;
	unsigned long end = jiffies + 20;

	while ((long)(jiffies - end) < 0) {
		spins[id]++;
		yield();
	}
	return 0;
}

static void yield_shares_the_cpu(struct ktest *t)
{
	spins[0] = spins[1] = 0;
	kthread_run(spinner, (void *)0, "ktest-spin0");
	kthread_run(spinner, (void *)1, "ktest-spin1");
	schedule_timeout_interruptible(30);
	KTEST_EXPECT_GT(t, spins[0], 10);
	KTEST_EXPECT_GT(t, spins[1], 10);
}

/* Spin for ms of the clock with preemption points, as long kernel work would. */
static void spin_ms(unsigned int ms)
{
	u64 end = local_clock() + (u64)ms * 1000000;

	while (local_clock() < end)
		cond_resched();
}

static volatile int sleeper_ran;

static int short_sleeper(void *arg)
{
	(void)arg;
	schedule_timeout_interruptible(2);
	sleeper_ran = 1;
	return 0;
}

/*
 * CFS's wakeup preemption: a thread woken after a sleep is behind the task
 * that kept the CPU, so it is asked to run at once (need_resched set by the
 * wake-up itself, before the spinner's slice is used up) and runs first.
 */
static void a_woken_sleeper_preempts_a_spinning_task(struct ktest *t)
{
	unsigned long end;

	sleeper_ran = 0;
	KTEST_ASSERT_TRUE(t, kthread_run(short_sleeper, NULL, "ktest-sleeper") != NULL);
	schedule_timeout_interruptible(1); /* it runs and goes to sleep */
	schedule();			   /* a fresh slice */
	end = jiffies + 4 * SCHED_SLICE;
	while (!need_resched && (long)(jiffies - end) < 0)
		__asm__ volatile("" ::: "memory"); /* need_resched is set by the tick */
	KTEST_EXPECT_TRUE(t, need_resched);
	KTEST_EXPECT_GT(t, current->time_slice, 0); /* not the end of the slice */
	schedule();
	KTEST_EXPECT_EQ(t, sleeper_ran, 1); /* it ran before we came back */
}

static volatile bool waker_stop;

/* kswapd without progress: works 30 ms, sleeps a tick, again and again. */
static int busy_waker(void *arg)
{
	(void)arg;
	while (!waker_stop) {
		spin_ms(30);
		schedule_timeout_interruptible(1);
	}
	return 0;
}

/*
 * A thread that keeps waking gets its fair share and no more: the sleeper
 * credit is bounded (LATENCY/2), so a task that never sleeps still gets
 * about half of the CPU next to it, not the quarter its sleeps leave.
 */
static void a_thread_that_keeps_waking_does_not_starve_others(struct ktest *t)
{
	u64 start_ns = local_clock(), mine = current->sum_exec_runtime, elapsed;

	waker_stop = false;
	KTEST_ASSERT_TRUE(t, kthread_run(busy_waker, NULL, "ktest-waker") != NULL);
	spin_ms(400);
	elapsed = local_clock() - start_ns;
	mine = current->sum_exec_runtime - mine;
	waker_stop = true;
	schedule_timeout_interruptible(6); /* it sees the flag and exits */
	pr_info("ktest: the spinner had %u%% of %u ms\n", (unsigned int)(mine * 100 / elapsed),
		(unsigned int)(elapsed / 1000000));
	KTEST_EXPECT_GT(t, mine * 100 / elapsed, 35);
}

static int io_sleeper(void *arg)
{
	current->state = TASK_UNINTERRUPTIBLE; /* as a task waiting for the disk */
	io_schedule_timeout((long)(uintptr_t)arg);
	return 0;
}

/* CPUTIME_IDLE and CPUTIME_IOWAIT ticks over a sleep of ticks with everyone asleep. */
static void idle_ticks_while_asleep(long ticks, u64 *idle, u64 *iowait)
{
	u64 idle0 = kcpustat_cpu0.cpustat[CPUTIME_IDLE];
	u64 iowait0 = kcpustat_cpu0.cpustat[CPUTIME_IOWAIT];

	schedule_timeout_interruptible(ticks);
	*idle = kcpustat_cpu0.cpustat[CPUTIME_IDLE] - idle0;
	*iowait = kcpustat_cpu0.cpustat[CPUTIME_IOWAIT] - iowait0;
}

/*
 * kernel/cputime.c: a tick that finds the CPU idle is iowait while some
 * task sleeps in io_schedule(), idle otherwise. Everyone asleep for 20
 * ticks, one thread in io_schedule_timeout all along: (nearly) all 20 are
 * iowait; the same sleep once it has gone: all idle.
 */
static void idle_time_is_iowait_while_a_task_waits_for_io(struct ktest *t)
{
	u64 idle, iowait;

	KTEST_ASSERT_TRUE(t, kthread_run(io_sleeper, (void *)30, "ktest-io") != NULL);
	schedule_timeout_interruptible(1); /* it runs and goes to sleep */
	idle_ticks_while_asleep(20, &idle, &iowait);
	KTEST_EXPECT_GE(t, iowait, 17);
	KTEST_EXPECT_LE(t, idle, 3);
	schedule_timeout_interruptible(15); /* it wakes and exits */
	idle_ticks_while_asleep(20, &idle, &iowait);
	KTEST_EXPECT_GE(t, idle, 17);
	KTEST_EXPECT_EQ(t, iowait, 0);
}

static struct ktest_case sched_cases[] = {
	KTEST_CASE(threads_take_turns_on_a_wait_queue),
	KTEST_CASE(schedule_timeout_sleeps_that_long),
	KTEST_CASE(exited_threads_free_their_memory),
	KTEST_CASE(yield_shares_the_cpu),
	KTEST_CASE(a_woken_sleeper_preempts_a_spinning_task),
	KTEST_CASE(a_thread_that_keeps_waking_does_not_starve_others),
	KTEST_CASE(idle_time_is_iowait_while_a_task_waits_for_io),
	{}
};
KTEST_SUITE(sched, sched_cases);

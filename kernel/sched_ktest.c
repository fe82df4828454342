/* ktest suite "sched": kernel threads, wait queues, timed sleeps, context switches. */
#include "kernel/ktest.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "mm/mm.h"

static DECLARE_WAIT_QUEUE_HEAD(pingpong_wq);
static volatile int ball;	/* even: main's turn, odd: the thread's */

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
	schedule_timeout_interruptible(2);	/* let earlier tests' threads finish dying */
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

static struct ktest_case sched_cases[] = {
	KTEST_CASE(threads_take_turns_on_a_wait_queue),
	KTEST_CASE(schedule_timeout_sleeps_that_long),
	KTEST_CASE(exited_threads_free_their_memory),
	KTEST_CASE(yield_shares_the_cpu),
	{}
};
KTEST_SUITE(sched, sched_cases);

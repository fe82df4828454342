/*
 * Tasks and the scheduler (kernel/sched.c, kernel/fork.c, kernel/exit.c).
 *
 * Every thread of control is a struct task_struct with its own kernel
 * stack of THREAD_SIZE bytes. A user process is a task with an mm; a
 * kernel thread (kswapd, the idle task) has none and runs on the kernel's
 * page tables (swapper_pg_dir). Linux lets a kernel thread borrow the
 * previous task's mm (active_mm) to save a TLB flush; Tidemark switches to
 * swapper_pg_dir instead, which is simpler and cannot outlive an mm.
 *
 *   kernel stack of a task (THREAD_SIZE, grows down)
 *   +---------------------------+ <- stack + THREAD_SIZE (TSS esp0)
 *   | struct pt_regs            |  user registers, saved on entry from ring 3
 *   +---------------------------+
 *   | kernel frames ...         |
 *   | struct inactive_task_frame|  <- thread.sp while switched out: what
 *   |  (below)                  |     __switch_to_asm pushed, and its return
 *   +---------------------------+ <- stack
 *
 * A task that never ran has only a pt_regs and, right below it, the frame
 * fork_frame_init builds, whose return address is ret_from_fork (a forked
 * process) or ret_from_kernel_thread (kthread_run).
 *
 * Scheduling is CFS's on one CPU (kernel/sched_fair.c): the runnable task
 * with the least virtual runtime runs; a task woken after sleeping that is
 * more than WAKEUP_GRAN_NS behind the running one preempts it, and the
 * tick preempts a task that has used its slice of SCHED_SLICE ticks. A
 * preempted task in user mode gives up the CPU at once; in the kernel it
 * runs until it sleeps or returns to user mode (Linux without
 * CONFIG_PREEMPT). One CPU: the run queue is protected by disabling
 * interrupts.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include "kernel/kernel.h"
#include "kernel/desc_defs.h"
#include "kernel/fpu.h"
#include "kernel/list.h"
#include "kernel/segment.h"
#include "kernel/wait.h"
#include "uapi/linux/resource.h"

#define THREAD_SIZE_ORDER 1
#define THREAD_SIZE (4096UL << THREAD_SIZE_ORDER)
#define TASK_COMM_LEN 16
#define PID_MAX 32768
#define SCHED_SLICE 5		    /* ticks (50 ms at HZ=100) */
#define SCHED_LATENCY_NS 6000000ULL /* Linux's sysctl_sched_latency on one CPU */
#define WAKEUP_GRAN_NS 1000000ULL   /* Linux's sysctl_sched_wakeup_granularity on one CPU */

/* state */
#define TASK_RUNNING 0
#define TASK_INTERRUPTIBLE 1
#define TASK_UNINTERRUPTIBLE 2
#define TASK_STOPPED 4 /* job control: until SIGCONT (Linux's __TASK_STOPPED) */
#define EXIT_ZOMBIE 16
#define EXIT_DEAD 32

/* flags (Linux's PF_ values) */
#define PF_EXITING 0x00000004
#define PF_MEMALLOC 0x00000800 /* reclaiming: may use the reserves */
#define PF_KSWAPD 0x00020000
#define PF_KTHREAD 0x00200000

typedef int pid_t;
struct mm_struct;
struct files_struct;
struct pt_regs;

#define _NSIG 64
struct k_sigaction {
	unsigned long handler; /* SIG_DFL (0), SIG_IGN (1) or a user address */
	unsigned long flags;
	unsigned long restorer;
	u64 mask;
};

/*
 * Why a signal was sent (Linux's kernel_siginfo, the fields Tidemark
 * fills): copy_siginfo_to_user spreads it into the user's 128-byte siginfo_t.
 */
struct kernel_siginfo {
	int si_signo;
	int si_errno;
	int si_code;	    /* SI_USER, SI_KERNEL, SEGV_MAPERR, CLD_EXITED ... */
	int pid;	    /* SI_USER and SIGCHLD: the sender / the child */
	int status;	    /* SIGCHLD: exit code or signal */
	unsigned long addr; /* faults: the address */
};

/*
 * The task's kmap_local mappings (Linux's struct kmap_ctrl): a stack of
 * fixmap slots, idx in use; their PTEs are put back when the task is
 * switched in (mm/highmem.c).
 */
struct kmap_ctrl {
	int idx;
	u32 pteval[16]; /* KM_MAX_IDX */
};

/*
 * What boot/switch.asm's __switch_to_asm leaves at thread.sp of a task
 * switched out, lowest address first (Linux's struct inactive_task_frame,
 * 32-bit, without the saved flags): the callee-saved registers it pushed,
 * then the address its ret goes to when the task is switched in.
 */
struct inactive_task_frame {
	unsigned long di;
	unsigned long si; /* a new kernel thread's arg */
	unsigned long bx; /* a new kernel thread's fn */
	unsigned long bp; /* 0 in a new task: ends backtraces */
	unsigned long ret_addr;
};

struct thread_struct {
	unsigned long sp;	 /* kernel esp saved by switch_to */
	struct fxregs_state fpu; /* x87/SSE state (fxsave image), saved on every switch */
	/* The last user-mode exception, for the signal frame's sigcontext (Linux's names). */
	unsigned long trap_nr, error_code, cr2;
	/* GDT entries 6..8 while this task runs: set_thread_area's TLS segments (kernel/tls.c). */
	struct desc_struct tls_array[GDT_ENTRY_TLS_ENTRIES];
};

/*
 * A timer on the task's own CPU time (Linux's struct cpu_itimer, in ticks):
 * absolute expiry on its clock (0: disarmed) and interval. Indexed by the
 * clock: kernel/posix-cpu-timers.c.
 */
#define CPUCLOCK_PROF 0 /* utime + stime: ITIMER_PROF */
#define CPUCLOCK_VIRT 1 /* utime: ITIMER_VIRTUAL */
struct cpu_itimer {
	unsigned long expires;
	unsigned long incr;
};

struct task_struct {
	volatile long state;
	unsigned int flags;
	pid_t pid;
	char comm[TASK_COMM_LEN];
	void *stack; /* THREAD_SIZE bytes */
	struct thread_struct thread;
	struct mm_struct *mm; /* NULL for kernel threads */
	int time_slice;
	u64 vruntime;	      /* ns of CPU used, as CFS counts it (kernel/sched_fair.c) */
	u64 exec_start;	      /* local_clock() when last charged */
	u64 sum_exec_runtime; /* ns of CPU used */

	struct task_struct *parent;
	struct list_head children; /* my children, linked by sibling */
	struct list_head sibling;
	struct list_head tasks;		 /* every task, in creation order (for_each_process) */
	struct list_head run_list;	 /* on the run queue while TASK_RUNNING */
	wait_queue_head_t wait_chldexit; /* parent sleeps here in wait4 */

	int jobctl_stop_sig;   /* the signal that stopped it */
	bool jobctl_stopped;   /* stopped, not yet reported by wait4(WUNTRACED) */
	bool jobctl_continued; /* continued, not yet reported by wait4(WCONTINUED) */
	int exit_signal;       /* sent to the parent at exit (SIGCHLD; 0: none) */
	int exit_code;	       /* wait status, Linux's encoding */
	int exit_state;
	unsigned long sleep_until;   /* jiffies, for schedule_timeout */
	struct list_head timer_list; /* on the sleep list while timed */

	u64 sig_pending; /* bit (sig - 1) */
	u64 sig_blocked;
	struct k_sigaction sighand[_NSIG];
	/* of each pending signal (one per signal, as Linux's non-realtime ones) */
	struct kernel_siginfo sig_info[_NSIG];
	u64 saved_sigmask;    /* the mask to restore after rt_sigsuspend/ppoll/pselect6 */
	bool restore_sigmask; /* Linux's TIF_RESTORE_SIGMASK */
	unsigned long sas_ss_sp, sas_ss_size; /* sigaltstack; size 0: none */

	pid_t pgrp;    /* process group (Linux: task_pgrp) */
	pid_t session; /* session (task_session); its leader's pid */
	unsigned short umask;
	struct rlimit64 rlim[RLIM_NLIMITS];		   /* Linux keeps them in signal_struct */
	u64 cap_effective, cap_permitted, cap_inheritable; /* kernel/capability.h */
	unsigned long it_real_expires;	 /* jiffies when ITIMER_REAL fires; 0: disarmed */
	unsigned long it_real_incr;	 /* its interval, ticks */
	struct cpu_itimer cpu_itimer[2]; /* ITIMER_PROF, ITIMER_VIRTUAL; not inherited */
	unsigned long set_child_tid;   /* CLONE_CHILD_SETTID: the child writes its pid here first */
	unsigned long clear_child_tid; /* set_tid_address: zeroed at exit (and futex-woken) */
	unsigned long robust_list;     /* set_robust_list's head (kept for get_robust_list) */
	unsigned long rseq;	       /* rseq(2)'s registered area, 0 if none (kernel/rseq.c) */
	u32 rseq_len, rseq_sig;
	bool rseq_event; /* preempted since: check the area before user mode */

	struct files_struct *files;
	short oom_score_adj; /* -1000 .. 1000, inherited by children */
	bool oom_victim;     /* chosen by the OOM killer (Linux: TIF_MEMDIE) */

	unsigned long utime, stime;  /* ticks (kernel/cputime.c) */
	unsigned long nvcsw, nivcsw; /* voluntary / involuntary context switches */
	unsigned long start_time;    /* jiffies at fork */
	unsigned long min_flt, maj_flt;
	unsigned long maxrss; /* pages: the mm's hiwater_rss, kept at exit */
	bool in_iowait;	      /* sleeping in io_schedule() */
	/* Reaped children's totals, theirs included (Linux keeps them in signal_struct). */
	unsigned long cutime, cstime, cmin_flt, cmaj_flt, cnvcsw, cnivcsw, cmaxrss;

	struct kmap_ctrl kmap_ctrl; /* kmap_local_page's slots (mm/highmem.c) */
	int preempt_count;	    /* kmap_atomic sections (kernel/preempt.h) */
	int pagefault_disabled;
};

extern struct task_struct *current;
extern struct task_struct init_task; /* pid 0, "swapper/0": the idle task */
extern struct list_head task_list;   /* every task (init_task.tasks is the head) */
extern bool need_resched;

/* The caller's soft / hard limit on resource, infinity as ~0UL (Linux's rlimit, rlimit_max). */
static inline unsigned long rlim_to_ulong(u64 v)
{
	return v > ~0UL ? ~0UL : (unsigned long)v;
}

static inline unsigned long rlimit(unsigned int resource)
{
	return rlim_to_ulong(current->rlim[resource].rlim_cur);
}

static inline unsigned long rlimit_max(unsigned int resource)
{
	return rlim_to_ulong(current->rlim[resource].rlim_max);
}

#define for_each_process(p) list_for_each_entry(p, &init_task.tasks, tasks)

void sched_init(void);
void schedule(void);

/* kernel/sched_fair.c: the choices (interrupts off). */
extern u64 min_vruntime;
void update_curr(void);
void update_min_vruntime(struct list_head *rq);
void place_entity(struct task_struct *p);
void task_fork_fair(struct task_struct *p, unsigned int nr_running);
bool check_preempt_wakeup(struct task_struct *p);
struct task_struct *pick_next_task_fair(struct list_head *rq);
void yield_task_fair(void);
void scheduler_tick(void); /* from the timer interrupt */
/*
 * Make p runnable if it sleeps: wake_up_process for the two sleeping
 * states, wake_up_state for those in the state mask (TASK_STOPPED is woken
 * only by SIGCONT and SIGKILL, as Linux's wake_up_state(p, __TASK_STOPPED)).
 */
void wake_up_process(struct task_struct *p);
void wake_up_state(struct task_struct *p, unsigned int state);
long schedule_timeout(long ticks); /* sleep in the state the caller set; ticks left */

/* A plain timed sleep that signals may cut short. */
static inline long schedule_timeout_interruptible(long ticks)
{
	current->state = TASK_INTERRUPTIBLE;
	return schedule_timeout(ticks);
}
void yield(void);

/* A preemption point in long kernel work (Linux's cond_resched): switch if asked to. */
static inline void cond_resched(void)
{
	if (need_resched)
		schedule();
}
void cpu_idle_loop(void) __noreturn;

/* Sleep as schedule()/schedule_timeout() do, counted as waiting for I/O (iowait). */
void io_schedule(void);
long io_schedule_timeout(long ticks);

unsigned int nr_running(void);	       /* runnable tasks, the running one included, idle not */
unsigned int nr_uninterruptible(void); /* tasks in TASK_UNINTERRUPTIBLE */
unsigned int nr_iowait(void);	       /* tasks sleeping in io_schedule() */
unsigned long long nr_context_switches(void);

struct task_struct *kthread_run(int (*fn)(void *), void *arg, const char *name);
struct task_struct *find_task_by_pid(pid_t pid);
void set_task_comm(struct task_struct *p, const char *name);
struct pt_regs *task_pt_regs(struct task_struct *p);

void do_exit(int code) __noreturn;
/* kernel/fork.c */
struct task_struct *alloc_task(void);
void free_task(struct task_struct *p);
void fork_frame_init(struct task_struct *p, void (*ret)(void), unsigned long bx, unsigned long si);
void schedule_tail(void);
void kthread_exit_dead(void) __noreturn;

/* boot/switch.asm */
void __switch_to_asm(unsigned long *prev_sp, unsigned long next_sp);
void ret_from_fork(void);
void ret_from_kernel_thread(void);
void ret_to_user(struct pt_regs *regs) __noreturn;

#endif

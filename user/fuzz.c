/*
 * fuzz: the project's own system-call fuzzer (docs/fuzzing.md). It runs
 * as init and supervises workers: forked children that each make a batch
 * of random system calls from their own seed (user/fuzz/worker.c), with
 * arguments chosen by kind (user/fuzz/args.c, user/fuzz/table.c). It
 * replaces workers that die, kills workers that are stuck (a blocking
 * read, pause, SIGSTOP are legitimate), and at the end checks that the
 * memory and swap the workers used came back:
 *
 *   free pages (nr_free_pages)   >= at the start - bound (default 256)
 *   swap in use (SwapTotal - SwapFree) - init's VmSwap - SwapCached
 *                                <= at the start (no slot nobody owns)
 *
 * after the scratch tree is removed and any sysctl the workers changed is
 * restored. Every line it prints starts with "fuzz:"; the host driver
 * (tools/fuzz.py) watches the serial log for oopses, panics, WARNINGs and
 * hangs, which the fuzzer itself cannot see.
 *
 *   fuzz [seed=S] [calls=N] [workers=W] [batch=B] [stuck=SECONDS] [bound=PAGES]
 *        [mount=/dev/sdX]   an ext2 disk (tools/fuzz.py --ext2 damages one) is
 *                           mounted on /mnt, its files join the path pool,
 *                           and it is unmounted before the end check
 *   fuzz replay=WORKER_SEED [calls=N]   one worker in this process, each call printed
 *
 * Exit status: 0 if the run ended with the bounds kept, 1 otherwise.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <procfs.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/swap.h>
#include <sys/wait.h>
#include <time.h>
#include <syscall.h>
#include <unistd.h>

#include "fuzz/fuzz.h"

#define MAX_WORKERS 16
#define MAX_PATHS 128
#define SCRATCH "/tmp/fz"

struct options {
	uint64_t seed, replay;
	unsigned long calls, batch, bound;
	int workers, stuck;
	const char *mount; /* an ext2 disk to mount on /mnt and fuzz, or NULL */
};

struct slot {
	int pid; /* 0: free */
	uint64_t seed;
	long started, killed; /* seconds */
};

struct tally {
	unsigned long batch; /* calls per worker */
	unsigned long done, workers, stuck;
	unsigned long by_signal[64]; /* workers that died of each signal */
};

static const char *paths[MAX_PATHS];
static int npaths;

/* Sysctls a worker must not write: each would end or stall the run legitimately. */
static const char *const never[] = {
	"panic_on_oom",	     /* an OOM would panic on purpose */
	"overcommit_memory", /* 2 makes fork fail for the rest of the run */
	"oom_kill_allocating_task",
};

static void mkdir_(const char *path)
{
	syscall2(__NR_mkdir, path, 0755); /* user/lib has no mkdir(); EEXIST is fine */
}

static long now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

static void add_path(const char *p)
{
	if (npaths < MAX_PATHS)
		paths[npaths++] = strdup(p);
}

static bool is_never(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(never) / sizeof(never[0]); i++)
		if (!strcmp(name, never[i]))
			return true;
	return false;
}

/* Every file under dir (depth levels), for the path pool (/proc/sys and /sys grow). */
static void add_tree(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[256];

	if (!d)
		return;
	while ((e = readdir(d)) && npaths < MAX_PATHS) {
		if (e->d_name[0] == '.' || is_never(e->d_name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (e->d_type == DT_DIR && depth > 0)
			add_tree(path, depth - 1);
		else if (e->d_type != DT_DIR)
			add_path(path);
	}
	closedir(d);
}

/* Scratch files the workers create, remove and rename, and the path pool. */
static void make_pool(void)
{
	static const char *const fixed[] = {
		SCRATCH "/a",
		SCRATCH "/b",
		SCRATCH "/d",
		SCRATCH "/d/e",
		SCRATCH "/d/",
		SCRATCH,
		SCRATCH "/../fz/a",
		SCRATCH "/new",
		SCRATCH "/d/new",
		"/",
		".",
		"..",
		"",
		"/proc/self/maps",
		"/proc/self/status",
		"/proc/self/oom_score_adj",
		"/proc/meminfo",
		"/dev/null",
		"/dev/zero",
		"/dev/console",
		"/bin/true",
		"/nonexistent/x",
	};
	static char longname[300], longpath[4200];
	size_t i;

	mkdir_("/tmp");
	mkdir_(SCRATCH);
	mkdir_(SCRATCH "/d");
	close(open(SCRATCH "/a", O_WRONLY | O_CREAT, 0644));
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		add_path(fixed[i]);
	memset(longname, 'n', sizeof(longname) - 1);
	add_path(longname); /* over NAME_MAX */
	for (i = 0; i + 2 < sizeof(longpath); i += 2)
		memcpy(longpath + i, "a/", 2);
	add_path(longpath);  /* over PATH_MAX */
	add_tree("/mnt", 2); /* an ext2 disk, if the run mounted one */
	add_tree("/proc/sys/vm",
		 0); /* not /dev: removing the swap disk's node ends swap for good */
	add_tree("/sys", 3);
}

/* mount=DEV: the damaged disk on /mnt. Refusing it (with a reason in the log) is fine too. */
static void mount_disk(const char *dev)
{
	mkdir_("/mnt");
	if (mount(dev, "/mnt", "ext2", 0, NULL))
		printf("fuzz: mount %s on /mnt: %s (the kernel refused it; fuzzing without it)\n",
		       dev, strerror(errno));
	else
		printf("fuzz: %s mounted on /mnt\n", dev);
}

static void umount_disk(const char *dev)
{
	if (umount("/mnt") == 0)
		printf("fuzz: %s unmounted\n", dev);
	else if (errno != EINVAL) /* EINVAL: it was never mounted */
		printf("fuzz: umount /mnt: %s\n", strerror(errno));
}

static int parse_options(int argc, char **argv, struct options *o)
{
	int i;

	*o = (struct options){
		.seed = 1, .calls = 20000, .workers = 4, .batch = 500, .stuck = 2, .bound = 256
	};
	for (i = 1; i < argc; i++) {
		char *v = strchr(argv[i], '=');
		unsigned long long n;

		if (!v)
			return -1;
		n = strtoull(v + 1, NULL, 0);
		*v = '\0';
		if (!strcmp(argv[i], "seed"))
			o->seed = n;
		else if (!strcmp(argv[i], "replay"))
			o->replay = n;
		else if (!strcmp(argv[i], "calls"))
			o->calls = (unsigned long)n;
		else if (!strcmp(argv[i], "workers"))
			o->workers = (int)(n < 1 ? 1 : n > MAX_WORKERS ? MAX_WORKERS : n);
		else if (!strcmp(argv[i], "batch"))
			o->batch = n ? (unsigned long)n : 1;
		else if (!strcmp(argv[i], "stuck"))
			o->stuck = (int)n;
		else if (!strcmp(argv[i], "bound"))
			o->bound = (unsigned long)n;
		else if (!strcmp(argv[i], "mount"))
			o->mount = v + 1;
		else
			return -1;
	}
	return 0;
}

static int devnull = -1; /* opened before any worker runs: a worker may unlink /dev/null */

/* A worker's life after fork: quiet fds, its batch, exit 0. */
static void run_worker(uint64_t seed, unsigned long n, volatile unsigned long *progress)
{
	dup2(devnull, 0); /* a read of fd 0..2 must not wait for the console, */
	dup2(devnull, 1); /* nor a write fill the serial log with a worker's memory */
	dup2(devnull, 2);
	close(devnull);
	fuzz_worker(seed, n, paths, npaths, progress, 0);
	_exit(0);
}

static int start_worker(struct slot *s, const struct options *o, struct tally *t,
			volatile unsigned long *progress)
{
	uint64_t seed = seed_mix(o->seed, t->workers);
	int pid;

	*progress = 0;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0)
		run_worker(seed, o->batch, progress);
	*s = (struct slot){ pid, seed, now(), 0 };
	t->workers++;
	printf("fuzz: worker %lu pid %d seed %#llx\n", t->workers, pid, (unsigned long long)seed);
	return 0;
}

/*
 * Worker i's count of calls made. A worker's own random call may write
 * into its progress page (it is in the worker's memory like any other), so
 * a count above the batch is garbage: never count more than the batch.
 */
static unsigned long progress_of(volatile unsigned long *progress, int i, const struct tally *t)
{
	unsigned long n = progress[i * 1024];

	return n > t->batch ? t->batch : n;
}

/* Calls made so far: by the workers that ended, and by those still running. */
static unsigned long calls_made(const struct slot *slots, int nslots, const struct tally *t,
				volatile unsigned long *progress)
{
	unsigned long n = t->done;
	int i;

	for (i = 0; i < nslots; i++)
		if (slots[i].pid)
			n += progress_of(progress, i, t);
	return n;
}

/* Reap what ended; count its calls and how it ended. */
static void reap(struct slot *slots, int nslots, struct tally *t, volatile unsigned long *progress)
{
	int status, pid, i;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < nslots; i++) {
			if (slots[i].pid != pid)
				continue;
			t->done += progress_of(progress, i, t);
			if (WIFSIGNALED(status) && !slots[i].killed)
				t->by_signal[WTERMSIG(status) & 63]++;
			slots[i].pid = 0;
		}
	}
}

/* SIGKILL for workers past their time; 1 if one ignores SIGKILL for 60 s (a kernel hang). */
static int kill_stuck(struct slot *slots, int nslots, const struct options *o, struct tally *t)
{
	int i;

	for (i = 0; i < nslots; i++) {
		if (!slots[i].pid)
			continue;
		if (!slots[i].killed && now() - slots[i].started > o->stuck) {
			kill(slots[i].pid, SIGKILL);
			slots[i].killed = now();
			t->stuck++;
		} else if (slots[i].killed && now() - slots[i].killed > 60) {
			printf(
			    "fuzz: FAIL: worker pid %d seed %#llx still alive 60 s after SIGKILL\n",
			    slots[i].pid, (unsigned long long)slots[i].seed);
			return 1;
		}
	}
	return 0;
}

static int running(const struct slot *slots, int nslots)
{
	int i, n = 0;

	for (i = 0; i < nslots; i++)
		n += slots[i].pid != 0;
	return n;
}

static unsigned long signalled(const struct tally *t)
{
	unsigned long n = 0;
	int i;

	for (i = 0; i < 64; i++)
		n += t->by_signal[i];
	return n;
}

/* The supervisor loop: keep o->workers busy until o->calls calls are made. */
static int supervise(const struct options *o, struct tally *t, volatile unsigned long *progress)
{
	struct slot slots[MAX_WORKERS] = { 0 };
	long last_report = now(), fork_fail = 0;
	int i;

	while (calls_made(slots, o->workers, t, progress) < o->calls ||
	       running(slots, o->workers)) {
		for (i = 0; i < o->workers; i++) {
			if (slots[i].pid || calls_made(slots, o->workers, t, progress) >= o->calls)
				continue;
			if (start_worker(&slots[i], o, t, &progress[i * 1024]) == 0) {
				fork_fail = 0;
			} else if (!fork_fail) {
				fork_fail = now();
			} else if (now() - fork_fail > 60) {
				printf("fuzz: FAIL: fork has failed for 60 s\n");
				return 1;
			}
		}
		usleep(20000);
		reap(slots, o->workers, t, progress);
		if (kill_stuck(slots, o->workers, o, t))
			return 1;
		if (now() - last_report >= 10) {
			last_report = now();
			printf("fuzz: %lu/%lu calls, %lu workers, %lu died by a signal, %lu killed "
			       "stuck\n",
			       calls_made(slots, o->workers, t, progress), o->calls, t->workers,
			       signalled(t), t->stuck);
		}
	}
	return 0;
}

/* "SIGSEGV 12, SIGKILL 3, ...": how the workers that died by a signal died. */
static void print_deaths(const struct tally *t)
{
	int i;

	printf("fuzz: deaths by signal:");
	for (i = 1; i < 64; i++)
		if (t->by_signal[i])
			printf(" %d:%lu", i, t->by_signal[i]);
	printf("\n");
}

int main(int argc, char **argv)
{
	static volatile unsigned long *progress;
	struct options o;
	struct tally t = { 0 };
	struct baseline base;
	int failed;

	if (parse_options(argc, argv, &o)) {
		printf("usage: fuzz [seed=S] [calls=N] [workers=W] [batch=B] [stuck=SECONDS] "
		       "[bound=PAGES] [mount=DEV] | fuzz replay=WORKER_SEED [calls=N]\n");
		return 2;
	}
	if (o.mount)
		mount_disk(o.mount);
	make_pool();
	if (o.replay) {
		printf("fuzz: replay of worker seed %#llx, %lu calls\n",
		       (unsigned long long)o.replay, o.calls);
		fuzz_worker(o.replay, o.calls, paths, npaths, NULL, 1);
		printf("fuzz: replay done\n");
		return 0;
	}
	devnull = open("/dev/null", O_RDWR);
	progress = mmap(NULL, MAX_WORKERS * 4096, PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (progress == MAP_FAILED)
		return 1;
	memset((void *)progress, 0, MAX_WORKERS * 4096); /* present before fork: shared */
	baseline_take(&base);
	printf("fuzz: seed %#llx calls %lu workers %d batch %lu, %d paths, table of %d numbers\n",
	       (unsigned long long)o.seed, o.calls, o.workers, o.batch, npaths, FUZZ_MAX_NR);
	t.batch = o.batch;
	failed = supervise(&o, &t, progress);
	printf("fuzz: %lu calls made by %lu workers (%lu died by a signal, %lu killed stuck)\n",
	       t.done, t.workers, signalled(&t), t.stuck);
	print_deaths(&t);
	if (o.mount)
		umount_disk(o.mount);
	if (!failed)
		failed = baseline_check(&base, o.bound, SCRATCH);
	printf("fuzz: %s seed %#llx\n", failed ? "FAIL" : "PASS", (unsigned long long)o.seed);
	return failed;
}

/*
 * shmtest: shared memory between processes, through swap.
 *
 *   shmtest anon MB SEED    an MB MiB MAP_SHARED|MAP_ANONYMOUS area, filled
 *                           by the parent from a seeded generator; a child
 *                           verifies every word and rewrites the odd pages,
 *                           the parent then sees the child's writes. With
 *                           MB past RAM both sides go through swap.
 *   shmtest sysv MB SEED    the same with a System V segment (shmget,
 *                           shmat; glibc uses ipc(2)), IPC_STAT's nattch,
 *                           /proc/sysvipc/shm, IPC_RMID while attached (the
 *                           segment lives until the last shmdt)
 *   shmtest direct          shmget/shmat/shmctl/shmdt as the direct i386
 *                           calls (395-398), the limits in /proc/sys/kernel
 *                           and the errors Linux gives
 *   shmtest lock MB         SHM_LOCK keeps a segment in memory while an
 *                           anonymous hog pushes everything else to swap;
 *                           SHM_UNLOCK lets it go
 *
 * Prints "PASS shmtest MODE" or "FAIL shmtest MODE: why" and exits 0 or 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../lib/pattern.h"
#include "expect.h"

#define PAGE 4096UL
#define WORDS (PAGE / sizeof(unsigned))

static unsigned value(unsigned seed, unsigned gen, unsigned long i)
{
	return hash32(seed * 2654435761u ^ (unsigned)i * 0x9e3779b9u ^ gen * 0x85ebca6bu);
}

static void fill(unsigned *r, unsigned long pages, unsigned seed, unsigned gen, int odd_only)
{
	unsigned long p, i;

	for (p = odd_only ? 1 : 0; p < pages; p += odd_only ? 2 : 1)
		for (i = 0; i < WORDS; i++)
			r[p * WORDS + i] = value(seed, gen, p * WORDS + i);
}

/* Every word of r: generation gen, or gen_odd on odd pages. */
static void verify(const unsigned *r, unsigned long pages, unsigned seed, unsigned gen,
		   unsigned gen_odd, const char *who)
{
	unsigned long p, i;

	for (p = 0; p < pages; p++)
		for (i = 0; i < WORDS; i++) {
			unsigned g = p & 1 ? gen_odd : gen, want = value(seed, g, p * WORDS + i);

			EXPECT(r[p * WORDS + i] == want, "%s: page %lu word %lu is %#x, want %#x",
			       who, p, i, r[p * WORDS + i], want);
		}
}

/*
 * The parent filled r (gen 1); a child verifies it all and writes gen 2 on
 * the odd pages; the parent then sees those writes.
 */
static void share_with_child(unsigned *r, unsigned long pages, unsigned seed)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		verify(r, pages, seed, 1, 1, "child");
		fill(r, pages, seed, 2, 1);
		exit(0);
	}
	EXPECT(pid > 0, "fork: %s", strerror(errno));
	EXPECT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && !WEXITSTATUS(status),
	       "the child failed (status %#x)", status);
	verify(r, pages, seed, 1, 2, "parent");
}

/* The /proc/self/maps line of the area at addr ends in name, and the area is shared. */
static void expect_mapped_as(const void *addr, const char *name)
{
	char start[16], *l, *s = read_text("/proc/self/maps");

	snprintf(start, sizeof(start), "%08lx-", (unsigned long)addr);
	while ((l = strsep(&s, "\n")))
		if (!strncmp(l, start, strlen(start))) {
			EXPECT(strstr(l, name) && l[strlen(l) - strlen(name) - 1] == ' ' &&
				   l[21] == 's', /* "start-end rw-s": shared */
			       "maps: %s", l);
			return;
		}
	FAIL("no area at %p in /proc/self/maps", addr);
}

static void anon(unsigned long mb, unsigned seed)
{
	unsigned long pages = (mb << 20) / PAGE, shmem0 = meminfo("Shmem");
	unsigned long swap0 = meminfo("SwapFree");
	unsigned *r =
	    mmap(NULL, mb << 20, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	EXPECT(r != MAP_FAILED, "mmap: %s", strerror(errno));
	fill(r, pages, seed, 1, 0);
	printf("shmtest: %lu MiB shared: Shmem +%lu kB, in swap %lu kB\n", mb,
	       meminfo("Shmem") - shmem0, swap0 - meminfo("SwapFree"));
	EXPECT(meminfo("Shmem") > shmem0, "shared anonymous pages are not Shmem");
	EXPECT(field("/proc/self/status", "RssShmem") > 0, "RssShmem %lu kB",
	       field("/proc/self/status", "RssShmem"));
	expect_mapped_as(r, "/dev/zero (deleted)");
	share_with_child(r, pages, seed);
	EXPECT(munmap(r, mb << 20) == 0, "munmap: %s", strerror(errno));
	EXPECT(meminfo("Shmem") == shmem0, "Shmem %lu kB after munmap, %lu before",
	       meminfo("Shmem"), shmem0);
}

/* The /proc/sysvipc/shm line of id, or NULL. */
static const char *sysvipc_line(int id)
{
	static const char header[] =
	    "       key      shmid perms       size  cpid  lpid nattch   uid  "
	    " gid  cuid  cgid      atime      dtime      ctime        rss "
	    "      swap\n";
	static char line[256];
	char *text = read_text("/proc/sysvipc/shm"), *l, *s = text + sizeof(header) - 1;

	EXPECT(!strncmp(text, header, sizeof(header) - 1), "header: %.160s", text);
	while ((l = strsep(&s, "\n")))
		if (atoi(l + 11) == id && l[0]) {
			snprintf(line, sizeof(line), "%s", l); /* read_text's buffer is reused */
			return line;
		}
	return NULL;
}

static void sysv(unsigned long mb, unsigned seed)
{
	unsigned long pages = (mb << 20) / PAGE, shmem0 = meminfo("Shmem");
	int id = shmget(0x5eed, mb << 20, IPC_CREAT | IPC_EXCL | 0600);
	struct shmid_ds ds;
	const char *line;
	unsigned *r;

	EXPECT(id >= 0, "shmget: %s", strerror(errno));
	EXPECT(shmget(0x5eed, mb << 20, IPC_CREAT | IPC_EXCL | 0600) < 0 && errno == EEXIST,
	       "IPC_EXCL on an existing key");
	EXPECT(shmget(0x5eed, 0, 0) == id, "the key finds the segment");
	EXPECT(shmget(0x5eed, (mb << 20) + 1, 0) < 0 && errno == EINVAL, "larger than the segment");
	EXPECT(shmget(0x5eee, 4096, 0) < 0 && errno == ENOENT, "an unknown key");
	r = shmat(id, NULL, 0);
	EXPECT(r != (void *)-1, "shmat: %s", strerror(errno));
	EXPECT(shmctl(id, IPC_STAT, &ds) == 0 && ds.shm_nattch == 1 && ds.shm_segsz == mb << 20 &&
		   ds.shm_cpid == getpid() && (ds.shm_perm.mode & 0777) == 0600 &&
		   ds.shm_perm.__key == 0x5eed,
	       "IPC_STAT: nattch %lu size %zu cpid %d mode %o", (unsigned long)ds.shm_nattch,
	       ds.shm_segsz, ds.shm_cpid, ds.shm_perm.mode);
	fill(r, pages, seed, 1, 0);
	expect_mapped_as(r, "/SYSV00005eed (deleted)");
	line = sysvipc_line(id);
	EXPECT(line, "segment %d not in /proc/sysvipc/shm", id);
	printf("shmtest: %s\n", line);
	share_with_child(r, pages, seed);
	EXPECT(shmctl(id, IPC_STAT, &ds) == 0 && ds.shm_nattch == 1, "nattch %lu after the child",
	       (unsigned long)ds.shm_nattch);
	EXPECT(shmctl(id, IPC_RMID, NULL) == 0, "IPC_RMID: %s", strerror(errno));
	EXPECT(shmctl(id, IPC_STAT, &ds) == 0 && (ds.shm_perm.mode & 01000) &&
		   ds.shm_perm.__key == 0,
	       "removed but attached: mode %o key %d", ds.shm_perm.mode, ds.shm_perm.__key);
	EXPECT(shmget(0x5eed, 0, 0) < 0 && errno == ENOENT, "the key still finds it");
	verify(r, pages, seed, 1, 2, "after IPC_RMID");
	EXPECT(meminfo("Shmem") > shmem0, "the segment's memory went while attached");
	EXPECT(shmdt(r) == 0, "shmdt: %s", strerror(errno));
	EXPECT(shmctl(id, IPC_STAT, &ds) < 0 && errno == EINVAL,
	       "the segment outlived its last shmdt");
	EXPECT(!sysvipc_line(id), "still in /proc/sysvipc/shm");
	EXPECT(meminfo("Shmem") == shmem0, "Shmem %lu kB after the last shmdt, %lu before",
	       meminfo("Shmem"), shmem0);
}

static unsigned long read_ulong(const char *path)
{
	return strtoul(read_text(path), NULL, 10);
}

static void write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);

	EXPECT(fd >= 0 && write(fd, s, strlen(s)) == (ssize_t)strlen(s), "write %s: %s", path,
	       strerror(errno));
	close(fd);
}

static void direct(void)
{
	struct shmid64_ds {
		unsigned char perm[36];
		unsigned int segsz, atime, atime_high, dtime, dtime_high, ctime, ctime_high;
		int cpid, lpid;
		unsigned int nattch, unused4, unused5;
	} ds;
	int id;
	char *p;

	EXPECT(read_ulong("/proc/sys/kernel/shmmax") == 4278190079UL, "shmmax");
	EXPECT(read_ulong("/proc/sys/kernel/shmall") == 4278190079UL, "shmall");
	EXPECT(read_ulong("/proc/sys/kernel/shmmni") == 4096, "shmmni");
	id = (int)syscall(395, IPC_PRIVATE, 8192, IPC_CREAT | 0644); /* shmget */
	EXPECT(id >= 0, "shmget (395): %s", strerror(errno));
	p = (char *)syscall(397, id, NULL, 0); /* shmat */
	EXPECT(p != (char *)-1, "shmat (397): %s", strerror(errno));
	strcpy(p + 4096, "direct");
	EXPECT(syscall(396, id, IPC_STAT | 0x100, &ds) == 0 && ds.segsz == 8192 && ds.nattch == 1,
	       "shmctl (396) IPC_STAT: size %u nattch %u", ds.segsz, ds.nattch);
	EXPECT(syscall(398, p + 4096) < 0 && errno == EINVAL, "shmdt not at the start");
	EXPECT(syscall(398, p) == 0, "shmdt (398): %s", strerror(errno));
	EXPECT(syscall(398, p) < 0 && errno == EINVAL, "shmdt twice");
	EXPECT(syscall(397, id, (void *)0x40000123, 0) == -1 && errno == EINVAL, "unaligned");
	EXPECT(syscall(396, id, IPC_RMID, NULL) == 0, "IPC_RMID: %s", strerror(errno));
	EXPECT(syscall(397, id, NULL, 0) == -1 && errno == EINVAL, "shmat of a removed id");
	EXPECT(shmget(IPC_PRIVATE, 0, 0600) < 0 && errno == EINVAL, "size 0");
	write_str("/proc/sys/kernel/shmmax", "65536");
	EXPECT(shmget(IPC_PRIVATE, 65537, 0600) < 0 && errno == EINVAL, "past shmmax");
	write_str("/proc/sys/kernel/shmmax", "4278190079");
	write_str("/proc/sys/kernel/shmall", "2");
	EXPECT(shmget(IPC_PRIVATE, 3 * 4096, 0600) < 0 && errno == ENOSPC, "past shmall");
	write_str("/proc/sys/kernel/shmall", "4278190079");
	EXPECT(shmctl(0x7fff0000, IPC_STAT, NULL) < 0 && errno == EINVAL, "an unknown id");
	EXPECT(syscall(117, 99, 0, 0, 0, NULL, 0) < 0 && errno == ENOSYS, "ipc op 99");
}

static void lock(unsigned long mb)
{
	unsigned long pages = (mb << 20) / PAGE, i;
	int id = shmget(IPC_PRIVATE, mb << 20, 0600);
	unsigned long unevictable0 = meminfo("Unevictable");
	volatile char *hog;
	unsigned *r;
	const char *line;

	EXPECT(id >= 0, "shmget: %s", strerror(errno));
	EXPECT(shmctl(id, SHM_LOCK, NULL) == 0, "SHM_LOCK: %s", strerror(errno));
	r = shmat(id, NULL, 0);
	EXPECT(r != (void *)-1, "shmat: %s", strerror(errno));
	fill(r, pages, 3, 1, 0);
	hog = mmap(NULL, 40UL << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT(hog != MAP_FAILED, "mmap: %s", strerror(errno));
	for (i = 0; i < (40UL << 20); i += PAGE) /* more than RAM: everything evictable goes */
		hog[i] = 1;
	line = sysvipc_line(id);
	printf("shmtest: locked: %s; Unevictable %lu kB\n", line, meminfo("Unevictable"));
	EXPECT(line && strtoul(line + strlen(line) - 10, NULL, 10) == 0, "locked pages in swap");
	EXPECT(meminfo("Unevictable") >= unevictable0 + (mb << 10), "Unevictable %lu kB",
	       meminfo("Unevictable"));
	verify(r, pages, 3, 1, 1, "locked");
	EXPECT(shmctl(id, SHM_UNLOCK, NULL) == 0, "SHM_UNLOCK: %s", strerror(errno));
	EXPECT(meminfo("Unevictable") < unevictable0 + (mb << 10), "still unevictable");
	for (i = 0; i < (40UL << 20); i += PAGE)
		hog[i] = 2;
	line = sysvipc_line(id);
	printf("shmtest: unlocked: %s\n", line);
	EXPECT(line && strtoul(line + strlen(line) - 10, NULL, 10) > 0, "unlocked: none in swap");
	verify(r, pages, 3, 1, 1, "unlocked");
	munmap((void *)hog, 40UL << 20);
	EXPECT(shmdt(r) == 0 && shmctl(id, IPC_RMID, NULL) == 0, "cleanup: %s", strerror(errno));
}

int main(int argc, char **argv)
{
	expect_start("shmtest", argc, argv);
	if (argc == 4 && !strcmp(argv[1], "anon"))
		anon(strtoul(argv[2], NULL, 0), (unsigned)strtoul(argv[3], NULL, 0));
	else if (argc == 4 && !strcmp(argv[1], "sysv"))
		sysv(strtoul(argv[2], NULL, 0), (unsigned)strtoul(argv[3], NULL, 0));
	else if (argc == 2 && !strcmp(argv[1], "direct"))
		direct();
	else if (argc == 3 && !strcmp(argv[1], "lock"))
		lock(strtoul(argv[2], NULL, 0));
	else {
		fprintf(stderr, "usage: shmtest anon MB SEED | sysv MB SEED | direct | lock MB\n");
		return 2;
	}
	printf("PASS shmtest %s\n", argv[1]);
	return 0;
}

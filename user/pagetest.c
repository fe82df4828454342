/*
 * pagetest: Tidemark's own system call, tidemark_pageinfo (1024), as a
 * program uses it (docs/extending.md's worked example). TAP output; run as
 * init by tests/system/test_pageinfo.py, and on Linux under qemu-i386,
 * where the call is ENOSYS and the program says so and exits 0.
 *
 *   pagetest        a page's life without swap: no PTE, a frame on the
 *                   LRU after the first write, shared read-only after fork,
 *                   copied on the child's write; the errors
 *   pagetest swap   also: fill more than RAM so early pages go to swap,
 *                   find one with a swap entry, touch it, see it back
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <tap.h>
#include <tidemark.h>
#include <unistd.h>

#define PAGE 4096
#define PTE_PRESENT 0x001
#define PTE_RW 0x002
#define PTE_USER 0x004
#define PTE_ACCESSED 0x020
#define PTE_DIRTY 0x040
#define KPF(name) (1ULL << KPF_##name)

static struct tidemark_pageinfo info(const void *addr)
{
	struct tidemark_pageinfo pi;

	memset(&pi, 0xff, sizeof(pi));
	if (tidemark_pageinfo(addr, &pi))
		pi.state = ~0u;
	return pi;
}

static void show(const char *what, const struct tidemark_pageinfo *pi)
{
	printf("# %-16s state %u pte %08x pfn %u swap %u:%u map %d ref %d kpf %llx\n", what,
	       pi->state, pi->pte, pi->pfn, pi->swap_type, pi->swap_offset, pi->mapcount,
	       pi->refcount, pi->kpageflags);
}

/* In a child of a fork right after the parent wrote the page: shared, then copied. */
static int child_sees_cow(volatile char *p, unsigned int parent_pfn)
{
	struct tidemark_pageinfo before = info((const void *)p), after;

	p[0] = 'c';
	after = info((const void *)p);
	show("child, shared", &before);
	show("child, copied", &after);
	return !(before.pfn == parent_pfn && before.mapcount == 2 && !(before.pte & PTE_RW) &&
		 after.pfn != parent_pfn && after.mapcount == 1 && (after.pte & PTE_RW));
}

static void test_life_of_a_page(void)
{
	volatile char *p =
	    mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct tidemark_pageinfo pi = info((const void *)p);
	unsigned int pte_bits = PTE_PRESENT | PTE_RW | PTE_USER | PTE_ACCESSED | PTE_DIRTY;
	int status = -1;
	pid_t pid;

	show("untouched", &pi);
	CHECK(pi.state == TIDEMARK_PAGE_NONE && pi.pte == 0 && pi.kpageflags == 0);
	p[0] = 'p';
	pi = info((const void *)p);
	show("written", &pi);
	CHECK(pi.state == TIDEMARK_PAGE_PRESENT && (pi.pte & pte_bits) == pte_bits);
	CHECK(pi.pfn == pi.pte >> 12 && pi.mapcount == 1 && pi.refcount >= 1);
	CHECK((pi.kpageflags & (KPF(MMAP) | KPF(LRU) | KPF(SWAPBACKED))) ==
	      (KPF(MMAP) | KPF(LRU) | KPF(SWAPBACKED)));
	CHECK(!(pi.kpageflags & (KPF(BUDDY) | KPF(SLAB))));
	pid = fork();
	if (pid == 0)
		_exit(child_sees_cow(p, pi.pfn));
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0); /* shared after fork, copied on write */
	pi = info((const void *)p);
	CHECK(pi.mapcount == 1 && p[0] == 'p');
	munmap((void *)p, 16 * PAGE);
	pi = info((const void *)p);
	CHECK(pi.state == TIDEMARK_PAGE_NONE);
}

static void test_errors(void)
{
	struct tidemark_pageinfo pi;

	FAILS(tidemark_pageinfo((void *)0xc0000000, &pi), EINVAL);
	FAILS(tidemark_pageinfo(&pi, (void *)0xc0001000), EFAULT);
	FAILS(tidemark_pageinfo(&pi, NULL), EFAULT);
}

/* Fill mib MiB page by page; look for a page gone to swap, then bring it back. */
static void test_swap(int mib)
{
	size_t len = (size_t)mib << 20, i;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct tidemark_pageinfo pi = { 0 };

	for (i = 0; i < len; i += PAGE)
		p[i] = (char)(i / PAGE);
	for (i = 0; i < len; i += PAGE) {
		pi = info(p + i);
		if (pi.state == TIDEMARK_PAGE_SWAPPED)
			break;
	}
	show("swapped", &pi);
	CHECK(pi.state == TIDEMARK_PAGE_SWAPPED && !(pi.pte & PTE_PRESENT));
	CHECK(pi.swap_type == 0 && pi.swap_offset > 0); /* slot 0 holds the swap header */
	CHECK(p[i] == (char)(i / PAGE));		/* the fault reads it back */
	pi = info(p + i);
	show("swapped in", &pi);
	CHECK(pi.state == TIDEMARK_PAGE_PRESENT && pi.mapcount == 1);
	munmap(p, len);
}

int main(int argc, char **argv)
{
	struct tidemark_pageinfo pi = { 0 };

	if (tidemark_pageinfo(&pi, &pi) && errno == ENOSYS) {
		printf("# tidemark_pageinfo: ENOSYS, this kernel is not Tidemark\n");
		return 0;
	}
	test_life_of_a_page();
	test_errors();
	if (argc > 1 && !strcmp(argv[1], "swap"))
		test_swap(48);
	return tap_done("pagetest");
}

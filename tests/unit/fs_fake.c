/*
 * What fs/ needs from the rest of the kernel, for the host: kmalloc and
 * pages from malloc (so ASan sees every overrun, use after free and leak),
 * printk into a buffer, panic as an abort. The fd table and user memory
 * are not part of the host build: fget finds nothing and the copy_*_user
 * functions must never be reached (iov_iters here are kernel ones).
 * fake_pages and fake_kmalloc_bytes count what is allocated now, so a
 * test can see what a file costs and that freeing it gives all back.
 * alloc_pages hands out struct pages of a small fake RAM (host_ram and
 * mem_map, as in the kernel's HOST_TEST build), so that page_address and
 * kmap_local_page find a page's bytes; freed pages are poisoned.
 * current is one fake task with no resource limits (a test may set one);
 * send_sig records the last signal in fake_last_signal.
 */
#include <stdarg.h>
#include <stdio.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include <sys/mman.h>

#include "fs/file.h"
#include "mm/gfp.h"
#include "kernel/multiboot.h"
#include "mm/slab.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "mm/vmstat.h"

static struct task_struct fake_task;
unsigned long vm_event_states[NR_VM_EVENT_ITEMS]; /* pginodesteal (fs/ext2/inode.c) */
struct task_struct *current = &fake_task;
int fake_last_signal;

__attribute__((constructor)) static void fake_task_init(void)
{
	for (int i = 0; i < RLIM_NLIMITS; i++)
		fake_task.rlim[i] = (struct rlimit64){ RLIM64_INFINITY, RLIM64_INFINITY };
}

int send_sig(int sig, struct task_struct *p)
{
	(void)p;
	fake_last_signal = sig;
	return 0;
}

/* phys_to_virt's base (tests/unit/host/mm/layout.h): no boot modules here, so never used. */
char *host_ram;

struct boot_params boot_params;
unsigned long max_low_pfn;
char fake_log[1 << 16];
long fake_pages;
long fake_kmalloc_bytes;

void *kmalloc(size_t size, gfp_t gfp)
{
	void *p = malloc(size ? size : 1);

	if (p && (gfp & __GFP_ZERO))
		memset(p, 0, size);
	if (p)
		fake_kmalloc_bytes += (long)malloc_usable_size(p);
	return p;
}

void kfree(const void *p)
{
	if (p)
		fake_kmalloc_bytes -= (long)malloc_usable_size((void *)p);
	free((void *)p);
}

#define FAKE_RAM_PAGES 65536UL /* 256 MiB of address space, touched on use */
char *host_ram;
struct page *mem_map;
static unsigned long free_pfns[FAKE_RAM_PAGES], nr_free_pfns;

/* Order-0 pages only (all ramfs asks for); NULL when the fake RAM is used up. */
struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	unsigned long pfn;

	if (!host_ram) {
		host_ram = mmap(NULL, FAKE_RAM_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		mem_map = calloc(FAKE_RAM_PAGES, sizeof(struct page));
		if (host_ram == MAP_FAILED || !mem_map)
			abort();
		for (pfn = FAKE_RAM_PAGES; pfn-- > 0;)
			free_pfns[nr_free_pfns++] = pfn;
	}
	if (order || !nr_free_pfns)
		return NULL;
	pfn = free_pfns[--nr_free_pfns];
	if (gfp & __GFP_ZERO)
		memset(host_ram + pfn * PAGE_SIZE, 0, PAGE_SIZE);
	mem_map[pfn]._refcount = 1;
	fake_pages++;
	return &mem_map[pfn];
}

void __free_pages(struct page *page, unsigned int order)
{
	unsigned long pfn = (unsigned long)(page - mem_map);

	if (order || pfn >= FAKE_RAM_PAGES || page->_refcount != 1)
		abort(); /* not one of ours, or freed twice */
	page->_refcount = 0;
	memset(host_ram + pfn * PAGE_SIZE, 0x6b, PAGE_SIZE);
	free_pfns[nr_free_pfns++] = pfn;
	fake_pages--;
}

/* Every fake page is addressable: no HighMem mappings to make. */
void *kmap_local_page(struct page *page)
{
	return lowmem_page_address(page);
}

void kunmap_local(const void *addr)
{
	(void)addr;
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	void *p = aligned_alloc(PAGE_SIZE, PAGE_SIZE << order);

	if (p && (gfp & __GFP_ZERO))
		memset(p, 0, PAGE_SIZE << order);
	if (p)
		fake_pages += 1L << order;
	return (unsigned long)p;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		fake_pages -= 1L << order;
	free((void *)addr);
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);

	if (size) {
		size_t k = n < size - 1 ? n : size - 1;

		memcpy(dst, src, k);
		dst[k] = '\0';
	}
	return n;
}

int printk(const char *fmt, ...)
{
	size_t len = strlen(fake_log);
	va_list ap;
	int n;

	if (fmt[0] == '\001' && fmt[1])
		fmt += 2;
	va_start(ap, fmt);
	n = vsnprintf(fake_log + len, sizeof(fake_log) - len, fmt, ap);
	va_end(ap);
	return n;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "Kernel panic - not syncing: ");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	abort();
}

struct file *fget(int fd)
{
	(void)fd;
	return NULL;
}

unsigned long copy_to_user(void *to, const void *from, unsigned long n)
{
	(void)to, (void)from, (void)n;
	abort();
}

unsigned long clear_user(void *to, unsigned long n)
{
	(void)to, (void)n;
	abort();
}

unsigned long copy_from_user(void *to, const void *from, unsigned long n)
{
	(void)to, (void)from, (void)n;
	abort();
}

/* tmpfs lives in the kernel build only: the host's ramfs trees have no super_block. */
int shmem_reserve_inode(struct super_block *sb)
{
	(void)sb;
	abort();
}

void shmem_free_inode(struct super_block *sb)
{
	(void)sb;
	abort();
}

int shmem_init_file(struct inode *inode)
{
	(void)inode;
	abort();
}

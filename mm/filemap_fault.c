/*
 * Page faults on file mappings: the file half of Linux's mm/memory.c
 * (do_fault and its three cases) and the mmap half of mm/filemap.c
 * (filemap_fault, filemap_map_pages, filemap_page_mkwrite).
 *
 * A file mapping's PTE starts empty; the first touch lands in do_fault:
 *
 *   read fault             do_read_fault: map what the cache already holds
 *                          around the address (fault-around, up to 64 KiB,
 *                          no I/O), then ->fault for the page itself;
 *                          mapped read-only
 *   write, MAP_PRIVATE     do_cow_fault: a new anonymous page, a copy of the
 *                          cache page; the file never sees it
 *   write, MAP_SHARED      do_shared_fault: the cache page itself, made dirty
 *                          (page_mkwrite) and mapped writable
 *
 * filemap_fault finds the page in the page cache; a miss is a major fault
 * and reads a window around it (read-around, mm/readahead.c); a page at
 * or past the end of the file is SIGBUS. Fault-around and read-around
 * follow Linux 6.1's rules (docs/file-mappings.md). As in Linux, a major
 * fault is tried twice: the first try reads and returns VM_FAULT_RETRY
 * (Linux drops mmap_lock for the I/O and must look again), the second
 * (FAULT_FLAG_TRIED) starts with fault-around again, which now maps the
 * read-around pages that arrived, not only the faulting one.
 *
 * Dirty tracking of shared mappings is Linux's: by write faults. A shared
 * page is mapped read-only until written; the write fault marks the page
 * dirty (page_mkwrite) and makes the PTE writable. When writeback cleans
 * the page it write-protects every PTE again (page_mkclean, mm/rmap.c), so
 * the next write dirties it again. The PTE dirty bit is still moved to
 * the page whenever a PTE goes away (munmap, exit, reclaim's unmap).
 */
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/x86.h"
#include "kernel/lib/string.h"
#include "mm/highmem.h"
#include "mm/internal.h"
#include "mm/lru.h"
#include "mm/mmap.h"
#include "mm/pagemap.h"
#include "mm/rmap.h"
#include "mm/vmstat.h"

/* Linux's fault_around_bytes (/sys/kernel/debug/fault_around_bytes): 64 KiB, 16 pages. */
unsigned long fault_around_bytes = 65536;

/*
 * A write to debugfs's fault_around_bytes (Linux's fault_around_bytes_set):
 * more than a page table's reach (1024 pages) is EINVAL; anything else is
 * rounded down to a power of two, and a page or less is one page, which
 * turns fault-around off. 0 or -EINVAL.
 */
int fault_around_bytes_set(const char *val)
{
	unsigned long v, p = PAGE_SIZE;

	if (kstrtoul(val, 0, &v) || v / PAGE_SIZE > PTRS_PER_PTE)
		return -EINVAL;
	while (p <= v / 2)
		p *= 2;
	fault_around_bytes = p;
	return 0;
}

#define MMAP_LOTSAMISS 100 /* faults that missed the cache before read-around gives up */

static unsigned long file_pages(struct inode *inode) /* pages holding the file's bytes */
{
	return (unsigned long)((inode->size + PAGE_SIZE - 1) >> PAGE_SHIFT);
}

/* ---- mm/filemap.c: the page-cache side -------------------------------------- */

/*
 * A miss: read around the fault, ra_pages centred on it, the marker a
 * quarter from its end (Linux's do_sync_mmap_readahead without
 * MADV_SEQUENTIAL / MADV_RANDOM). After MMAP_LOTSAMISS misses without hits
 * the file is taken as randomly accessed: one page at a time.
 */
static void do_sync_mmap_readahead(struct vm_fault *vmf)
{
	struct file *file = vmf->vma->vm_file;
	struct file_ra_state *ra = &file->f_ra;

	if (!ra->ra_pages)
		return;
	if (ra->mmap_miss < MMAP_LOTSAMISS * 10)
		ra->mmap_miss++;
	if (ra->mmap_miss > MMAP_LOTSAMISS)
		return;
	ra->start = vmf->pgoff > ra->ra_pages / 2 ? vmf->pgoff - ra->ra_pages / 2 : 0;
	ra->size = ra->ra_pages;
	ra->async_size = ra->ra_pages / 4;
	ra_submit(ra, file->inode->i_mapping, file);
}

/*
 * A hit: fewer misses; on the readahead marker, read the next window ahead.
 * Not on the second try of a fault: its first try read the page.
 */
static void do_async_mmap_readahead(struct vm_fault *vmf, struct page *page)
{
	struct file *file = vmf->vma->vm_file;
	struct file_ra_state *ra = &file->f_ra;

	if (vmf->flags & FAULT_FLAG_TRIED)
		return;
	if (ra->mmap_miss > 0)
		ra->mmap_miss--;
	if (PageReadahead(page))
		page_cache_async_ra(file->inode->i_mapping, ra, file, page, vmf->pgoff,
				    ra->ra_pages);
}

/* Read a locked page that is not uptodate; comes back locked. 0 or -EIO. */
static int filemap_read_locked(struct file *file, struct page *page)
{
	ClearPageError(page);
	page_mapping(page)->a_ops->readpage(file, page);
	wait_on_page_locked(page);
	lock_page(page);
	return PageUptodate(page) ? 0 : -EIO;
}

/*
 * ->fault for page-cache files (Linux's filemap_fault): the page at
 * vmf->pgoff, uptodate, locked and referenced in vmf->page. Returns
 * VM_FAULT_LOCKED (| VM_FAULT_MAJOR if it had to be read), VM_FAULT_SIGBUS
 * past the end of the file or on a read error, VM_FAULT_OOM. A first try
 * that read the page or waited for its read returns VM_FAULT_RETRY (|
 * VM_FAULT_MAJOR if it missed the cache) instead, the page left uptodate
 * in the cache (Linux's out_retry after dropping mmap_lock for the I/O).
 */
static int filemap_fault(struct vm_fault *vmf)
{
	struct file *file = vmf->vma->vm_file;
	struct inode *inode = file->inode;
	struct address_space *mapping = inode->i_mapping;
	struct page *page;
	bool slept = false; /* waited for a read (Linux dropped mmap_lock for it) */
	int ret = 0;

	if (vmf->pgoff >= file_pages(inode))
		return VM_FAULT_SIGBUS;
	page = find_get_page(mapping, vmf->pgoff);
	if (page) {
		do_async_mmap_readahead(vmf, page);
	} else {
		count_vm_event(PGMAJFAULT);
		ret = VM_FAULT_MAJOR;
		do_sync_mmap_readahead(vmf);
	}
retry:
	if (!page) {
		page = find_or_create_page(mapping, vmf->pgoff); /* locked */
		if (!page)
			return VM_FAULT_OOM;
	} else if (!trylock_page(page)) { /* being read, by readahead or another fault */
		lock_page(page);
		slept = true;
	}
	if (page_mapping(page) != mapping) { /* truncated while we slept */
		unlock_page(page);
		put_page(page);
		page = NULL;
		goto retry;
	}
	if (!PageUptodate(page)) {
		slept = true;
		if (filemap_read_locked(file, page)) {
			unlock_page(page);
			put_page(page);
			return VM_FAULT_SIGBUS;
		}
	}
	if (vmf->pgoff >= file_pages(inode)) { /* the file shrank meanwhile */
		unlock_page(page);
		put_page(page);
		return VM_FAULT_SIGBUS;
	}
	if ((ret || slept) && !(vmf->flags & FAULT_FLAG_TRIED)) {
		unlock_page(page);
		put_page(page);
		return ret | VM_FAULT_RETRY;
	}
	vmf->page = page;
	return ret | VM_FAULT_LOCKED;
}

/*
 * ->map_pages (Linux's filemap_map_pages): map the pages of
 * [start_pgoff, end_pgoff] that are already cached, uptodate, not locked,
 * not the readahead marker and inside the file, into their empty PTEs,
 * read-only. Nothing is read and nothing sleeps. VM_FAULT_NOPAGE if the
 * faulting address itself got its page.
 */
static int filemap_map_pages(struct vm_fault *vmf, unsigned long start_pgoff,
			     unsigned long end_pgoff)
{
	struct vm_area_struct *vma = vmf->vma;
	struct file *file = vma->vm_file;
	struct address_space *mapping = file->inode->i_mapping;
	unsigned long max = file_pages(file->inode), index, prot;
	int ret = 0;

	prot = vma_pte_prot(vma->vm_flags) & ~(unsigned long)_PAGE_RW;
	for (index = start_pgoff; index <= end_pgoff && index < max; index++) {
		unsigned long addr = vmf->address + ((index - vmf->pgoff) << PAGE_SHIFT);
		pte_t *pte = pte_offset_map(vma->vm_mm, addr);
		struct page *page;

		if (!pte || !pte_none(*pte))
			continue;
		page = find_get_page(mapping, index); /* its reference becomes the PTE's */
		if (!page)
			continue;
		if (!PageUptodate(page) || PageLocked(page) || PageReadahead(page)) {
			put_page(page);
			continue;
		}
		map_user_page(vma, addr, pte, page, prot); /* a file page: no allocation */
		if (file->f_ra.mmap_miss > 0)
			file->f_ra.mmap_miss--;
		if (addr == vmf->address)
			ret = VM_FAULT_NOPAGE;
	}
	return ret;
}

/*
 * ->page_mkwrite (Linux's filemap_page_mkwrite): a shared mapping is about
 * to write the locked page vmf->page: mark it dirty, so writeback will
 * write it. VM_FAULT_NOPAGE if it was truncated meanwhile (fault again).
 */
static int filemap_page_mkwrite(struct vm_fault *vmf)
{
	struct page *page = vmf->page;

	if (page_mapping(page) != vmf->vma->vm_file->inode->i_mapping)
		return VM_FAULT_NOPAGE;
	set_page_dirty(page);
	return 0;
}

const struct vm_operations_struct generic_file_vm_ops = {
	.fault = filemap_fault,
	.map_pages = filemap_map_pages,
	.page_mkwrite = filemap_page_mkwrite,
};

int generic_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct address_space *mapping = file->inode->i_mapping;

	if (!mapping || !mapping->a_ops->readpage)
		return -ENOEXEC;
	vma->vm_ops = &generic_file_vm_ops;
	return 0;
}

/* ---- mm/memory.c: the page-table side --------------------------------------- */

/*
 * Map the cached pages around a read fault (Linux's do_fault_around): the
 * window is fault_around_bytes aligned, cut to the VMA and to the page
 * table holding the PTE.
 */
static int do_fault_around(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	unsigned long nr = fault_around_bytes >> PAGE_SHIFT;
	unsigned long start = vmf->address & ~(fault_around_bytes - 1);
	unsigned long table_end = (vmf->address & ~(PGDIR_SIZE - 1)) + PGDIR_SIZE - PAGE_SIZE;
	unsigned long start_pgoff, end_pgoff;

	if (start < vma->vm_start)
		start = vma->vm_start;
	if (start < (vmf->address & ~(PGDIR_SIZE - 1)))
		start = vmf->address & ~(PGDIR_SIZE - 1);
	start_pgoff = vmf->pgoff - ((vmf->address - start) >> PAGE_SHIFT);
	end_pgoff = start_pgoff + nr - 1;
	end_pgoff = min(end_pgoff, vma->vm_pgoff + vma_pages(vma) - 1);
	end_pgoff = min(end_pgoff, vmf->pgoff + ((table_end - vmf->address) >> PAGE_SHIFT));
	return vma->vm_ops->map_pages(vmf, start_pgoff, end_pgoff);
}

/* ->fault's results after which there is no page to map */
#define VM_FAULT_DONE                                                                              \
	(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV | VM_FAULT_NOPAGE | VM_FAULT_RETRY)

/* Call ->fault; on success vmf->page is locked and referenced. */
static int __do_fault(struct vm_fault *vmf)
{
	int ret = vmf->vma->vm_ops->fault(vmf);

	if (ret & VM_FAULT_DONE)
		return ret;
	if (!(ret & VM_FAULT_LOCKED))
		lock_page(vmf->page);
	return ret;
}

/*
 * Put vmf->page (locked, referenced: the reference becomes the PTE's) in
 * the empty PTE with prot (Linux's finish_fault). If the PTE was filled
 * while ->fault slept, the page is dropped and the fault is done.
 */
static int finish_fault(struct vm_fault *vmf, unsigned long prot)
{
	struct page *page = vmf->page;
	int ret = 0;

	if (!pte_none(*vmf->pte) || map_user_page(vmf->vma, vmf->address, vmf->pte, page, prot)) {
		ret = pte_none(*vmf->pte) ? VM_FAULT_OOM : 0;
		put_page(page);
	}
	unlock_page(page);
	return ret;
}

/* A read: fault-around first, then the page itself, mapped read-only. VM_FAULT_* bits. */
static int do_read_fault(struct vm_fault *vmf)
{
	unsigned long prot = vma_pte_prot(vmf->vma->vm_flags) & ~(unsigned long)_PAGE_RW;
	int ret;

	if (vmf->vma->vm_ops->map_pages && (fault_around_bytes >> PAGE_SHIFT) > 1) {
		ret = do_fault_around(vmf);
		if (ret)
			return ret;
	}
	ret = __do_fault(vmf);
	if (ret & VM_FAULT_DONE)
		return ret;
	return (ret & VM_FAULT_MAJOR) | finish_fault(vmf, prot);
}

/* A write to a private file mapping's empty PTE: the writer's own copy of the cache page. */
static int do_cow_fault(struct vm_fault *vmf)
{
	struct page *new = alloc_page(GFP_HIGHUSER_MOVABLE), *page;
	int ret;

	if (!new)
		return VM_FAULT_OOM;
	ret = __do_fault(vmf);
	if (ret & VM_FAULT_DONE) {
		put_page(new);
		return ret;
	}
	page = vmf->page;
	copy_highpage(new, page);
	unlock_page(page);
	put_page(page);
	if (!pte_none(*vmf->pte)) {
		put_page(new);
		return ret & VM_FAULT_MAJOR;
	}
	if (map_user_page(vmf->vma, vmf->address, vmf->pte, new,
			  vma_pte_prot(vmf->vma->vm_flags))) {
		put_page(new);
		return VM_FAULT_OOM;
	}
	lru_cache_add(new);
	return ret & VM_FAULT_MAJOR;
}

/* A write to a shared file mapping's empty PTE: the cache page, dirty and writable. */
static int do_shared_fault(struct vm_fault *vmf)
{
	struct address_space *mapping = vmf->vma->vm_file->inode->i_mapping;
	unsigned long prot = vma_pte_prot(vmf->vma->vm_flags) | _PAGE_DIRTY;
	int ret = __do_fault(vmf), tmp;

	if (ret & VM_FAULT_DONE)
		return ret;
	if (vmf->vma->vm_ops->page_mkwrite) {
		tmp = vmf->vma->vm_ops->page_mkwrite(vmf);
		if (tmp) {
			unlock_page(vmf->page);
			put_page(vmf->page);
			return tmp;
		}
	}
	ret = (ret & VM_FAULT_MAJOR) | finish_fault(vmf, prot);
	balance_dirty_pages_ratelimited(mapping);
	return ret;
}

/* One try at an empty PTE of a file mapping; VM_FAULT_* bits. */
static int do_fault_once(struct vm_fault *vmf)
{
	if (!(vmf->flags & FAULT_FLAG_WRITE))
		return do_read_fault(vmf);
	if (!(vmf->vma->vm_flags & VM_SHARED))
		return do_cow_fault(vmf);
	return do_shared_fault(vmf);
}

/*
 * An empty PTE of a file mapping (see the top of the file); VM_FAULT_*
 * bits. A try that read the page or waited for it (VM_FAULT_RETRY) is
 * followed by a second, FAULT_FLAG_TRIED, as Linux's do_user_addr_fault
 * retries; the fault counts as major in the task's majflt (Linux's
 * mm_account_fault: major if TRIED), in pgmajfault only if it missed.
 */
int do_fault(struct vm_area_struct *vma, unsigned long address, pte_t *pte, unsigned int flags)
{
	struct vm_fault vmf = {
		.vma = vma,
		.address = address & PAGE_MASK,
		.pgoff = vma->vm_pgoff + (((address & PAGE_MASK) - vma->vm_start) >> PAGE_SHIFT),
		.flags = flags,
		.pte = pte,
	};
	int ret = do_fault_once(&vmf);

	if (!(ret & VM_FAULT_RETRY))
		return ret;
	vmf.flags |= FAULT_FLAG_TRIED;
	return do_fault_once(&vmf) | VM_FAULT_MAJOR;
}

/*
 * A write through a read-only PTE of a shared file mapping (Linux's
 * wp_page_shared): the page becomes dirty (page_mkwrite) and the PTE
 * writable. The page is locked first, which waits for a writeback that
 * holds it; if the PTE changed meanwhile the fault is simply retried.
 */
int do_shared_wp_page(struct vm_area_struct *vma, unsigned long address, pte_t *pte)
{
	struct page *page = pfn_to_page(pte_pfn(*pte));
	struct address_space *mapping = page_mapping(page);
	pte_t orig = *pte;
	struct vm_fault vmf = { .vma = vma, .address = address & PAGE_MASK, .pte = pte };
	int ret = 0;

	get_page(page);
	lock_page(page);
	vmf.page = page;
	if (pte_same(*pte, orig) && mapping) {
		if (vma->vm_ops->page_mkwrite)
			ret = vma->vm_ops->page_mkwrite(&vmf);
		if (!ret && pte_same(*pte, orig)) {
			*pte = __pte(pte_val(*pte) | _PAGE_RW | _PAGE_DIRTY | _PAGE_ACCESSED);
			if (current->mm == vma->vm_mm)
				invlpg(address & PAGE_MASK);
		}
	}
	unlock_page(page);
	put_page(page);
	if (mapping && !(ret & VM_FAULT_NOPAGE))
		balance_dirty_pages_ratelimited(mapping);
	return ret & ~VM_FAULT_NOPAGE;
}

/*
 * Truncate's unmap (Linux's unmap_mapping_pages with even_cows): empty
 * every PTE, in every mapping of the file, of the file pages [start,
 * start + nr) (nr 0: to the end), private copies included, so an access
 * there faults again and meets the new end of the file (SIGBUS).
 */
void unmap_mapping_pages(struct address_space *mapping, unsigned long start, unsigned long nr)
{
	unsigned long last = nr ? start + nr - 1 : ~0UL;
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mapping->i_mmap, shared) {
		unsigned long first = vma->vm_pgoff, end = vma->vm_pgoff + vma_pages(vma) - 1;

		if (end < start || first > last)
			continue;
		zap_page_range(vma, vma->vm_start + ((max(start, first) - first) << PAGE_SHIFT),
			       vma->vm_start + ((min(last, end) - first + 1) << PAGE_SHIFT));
	}
}

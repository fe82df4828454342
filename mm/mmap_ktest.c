/* ktest suite "mmap": VMAs and demand paging on a private mm, from a kernel thread. */
#include "kernel/ktest.h"
#include "kernel/errno.h"
#include "mm/highmem.h"
#include "mm/mm.h"
#include "mm/mmap.h"

#define MB (1UL << 20)

static int count_vmas(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	int n = 0;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		n++;
	return n;
}

static void mmap_allocates_no_frames_until_touched(struct ktest *t)
{
	unsigned long before = nr_free_pages(), free_mapped, addr;
	struct mm_struct *mm = mm_alloc();
	unsigned long a;

	KTEST_ASSERT_TRUE(t, mm != NULL);
	free_mapped = nr_free_pages();
	a = do_mmap(mm, 0, 16 * MB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(a));
	/* No frame for the untouched mapping; at most a slab page for the VMA itself. */
	KTEST_EXPECT_LE(t, free_mapped - nr_free_pages(), 1);
	KTEST_EXPECT_EQ(t, get_mm_rss(mm), 0);
	KTEST_EXPECT_EQ(t, a + 16 * MB, MMAP_BASE); /* top-down below mmap_base */
	for (addr = a; addr < (unsigned long)a + 16 * MB; addr += 64 * PAGE_SIZE)
		KTEST_EXPECT_EQ(t, handle_mm_fault(find_vma(mm, addr), addr, FAULT_FLAG_WRITE), 0);
	KTEST_EXPECT_EQ(t, mm->rss_stat[MM_ANONPAGES], 64);
	KTEST_EXPECT_TRUE(t, follow_page(mm, a) != NULL);
	KTEST_EXPECT_TRUE(t, follow_page(mm, a + PAGE_SIZE) == NULL);
	mmput(mm);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static void munmap_in_the_middle_splits_the_vma(struct ktest *t)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long a;

	KTEST_ASSERT_TRUE(t, mm != NULL);
	a = do_mmap(mm, 0, 10 * PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS);
	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(a));
	KTEST_EXPECT_EQ(t, do_munmap(mm, a + 3 * PAGE_SIZE, 2 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, count_vmas(mm), 2);
	KTEST_EXPECT_EQ(t, find_vma(mm, a)->vm_end, a + 3 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, find_vma(mm, a + 3 * PAGE_SIZE)->vm_start, a + 5 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm->total_vm, 8);
	KTEST_EXPECT_EQ(t, do_munmap(mm, a + 1, PAGE_SIZE), -EINVAL); /* unaligned */
	KTEST_EXPECT_EQ(t, do_munmap(mm, a, 10 * PAGE_SIZE), 0);      /* holes are fine */
	KTEST_EXPECT_EQ(t, count_vmas(mm), 0);
	mmput(mm);
}

static void fixed_mappings_and_errors(struct ktest *t)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long a;

	KTEST_ASSERT_TRUE(t, mm != NULL);
	a = do_mmap(mm, 0x10000000, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED);
	KTEST_EXPECT_EQ(t, a, 0x10000000);
	KTEST_EXPECT_EQ(t,
			(long)do_mmap(mm, 0x10001000, PAGE_SIZE, PROT_READ,
				      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE),
			-EEXIST);
	/* MAP_FIXED over the middle replaces it: three areas. */
	KTEST_EXPECT_EQ(t,
			(long)do_mmap(mm, 0x10001000, PAGE_SIZE, PROT_READ,
				      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED),
			0x10001000);
	KTEST_EXPECT_EQ(t, count_vmas(mm), 3);
	KTEST_EXPECT_EQ(t, (long)do_mmap(mm, 0, PAGE_SIZE, PROT_READ, MAP_ANONYMOUS), -EINVAL);
	KTEST_EXPECT_EQ(t, (long)do_mmap(mm, 0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS),
			-EINVAL);
	KTEST_EXPECT_EQ(t,
			(long)do_mmap(mm, 0x1000, PAGE_SIZE, PROT_READ,
				      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED),
			-EPERM);
	KTEST_EXPECT_EQ(t, (long)do_mmap(mm, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE), -EBADF);
	mmput(mm);
}

static void stack_grows_down_to_its_limit(struct ktest *t)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *stack;
	unsigned long a;

	KTEST_ASSERT_TRUE(t, mm != NULL);
	a = do_mmap(mm, USER_STACK_TOP - PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN);
	KTEST_ASSERT_EQ(t, a, USER_STACK_TOP - PAGE_SIZE);
	stack = find_vma(mm, a);
	KTEST_EXPECT_EQ(t, expand_stack(stack, USER_STACK_TOP - 64 * 1024), 0);
	KTEST_EXPECT_EQ(t, stack->vm_start, USER_STACK_TOP - 64 * 1024);
	KTEST_EXPECT_EQ(t, expand_stack(stack, USER_STACK_TOP - STACK_RLIMIT), 0);
	KTEST_EXPECT_EQ(t, expand_stack(stack, USER_STACK_TOP - STACK_RLIMIT - PAGE_SIZE), -ENOMEM);
	mmput(mm);
}

/* fork shares every page; the first write copies a private one, exactly once. */
static void fork_shares_pages_until_written(struct ktest *t)
{
	unsigned long before = nr_free_pages(), free_after_fork;
	struct mm_struct *mm = mm_alloc(), *child;
	struct page *parent_page;
	unsigned long priv, shared;
	int val;

	KTEST_ASSERT_TRUE(t, mm != NULL);
	priv = do_mmap(mm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
	shared = do_mmap(mm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS);
	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(priv) && !IS_ERR_VALUE(shared));
	handle_mm_fault(find_vma(mm, priv), priv, FAULT_FLAG_WRITE);
	handle_mm_fault(find_vma(mm, shared), shared, FAULT_FLAG_WRITE);
	parent_page = follow_page(mm, priv);
	memcpy_to_page(parent_page, 0, (const char *)&(int){ 1234 }, sizeof(int));
	child = dup_mm(mm);
	KTEST_ASSERT_TRUE(t, child != NULL);
	free_after_fork = nr_free_pages();
	KTEST_EXPECT_EQ(t, (uintptr_t)follow_page(child, priv), (uintptr_t)parent_page);
	KTEST_EXPECT_EQ(t, page_count(parent_page), 2);
	/* The child writes: it gets its own copy with the same contents. */
	KTEST_EXPECT_EQ(t, handle_mm_fault(find_vma(child, priv), priv, FAULT_FLAG_WRITE), 0);
	KTEST_EXPECT_NE(t, (uintptr_t)follow_page(child, priv), (uintptr_t)parent_page);
	memcpy_from_page((char *)&val, follow_page(child, priv), 0, sizeof(val));
	KTEST_EXPECT_EQ(t, val, 1234);
	KTEST_EXPECT_EQ(t, free_after_fork - nr_free_pages(), 1);
	/* The parent writes: its page is no longer shared, so it is reused, not copied. */
	KTEST_EXPECT_EQ(t, page_count(parent_page), 1);
	KTEST_EXPECT_EQ(t, handle_mm_fault(find_vma(mm, priv), priv, FAULT_FLAG_WRITE), 0);
	KTEST_EXPECT_EQ(t, (uintptr_t)follow_page(mm, priv), (uintptr_t)parent_page);
	KTEST_EXPECT_EQ(t, free_after_fork - nr_free_pages(), 1);
	/* A shared mapping is the same frame in both, never copied. */
	KTEST_EXPECT_EQ(t, (uintptr_t)follow_page(child, shared),
			(uintptr_t)follow_page(mm, shared));
	KTEST_EXPECT_EQ(t, handle_mm_fault(find_vma(child, shared), shared, FAULT_FLAG_WRITE), 0);
	KTEST_EXPECT_EQ(t, (uintptr_t)follow_page(child, shared),
			(uintptr_t)follow_page(mm, shared));
	mmput(child);
	mmput(mm);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static struct ktest_case mmap_cases[] = { KTEST_CASE(mmap_allocates_no_frames_until_touched),
					  KTEST_CASE(munmap_in_the_middle_splits_the_vma),
					  KTEST_CASE(fixed_mappings_and_errors),
					  KTEST_CASE(stack_grows_down_to_its_limit),
					  KTEST_CASE(fork_shares_pages_until_written),
					  {} };
KTEST_SUITE(mmap, mmap_cases);

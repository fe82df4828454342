/*
 * ktest suite "mlock": VM_LOCKED areas split and merged, and their pages
 * on the unevictable list, on private mms from a kernel thread
 * (mm/mlock.c).
 */
#include "kernel/ktest.h"
#include "kernel/errno.h"
#include "mm/mlock.h"
#include "mm/mm.h"
#include "mm/mmap.h"
#include "mm/vmstat.h"

static unsigned long map_pages(struct mm_struct *mm, unsigned long pages)
{
	return do_mmap(mm, 0, pages * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS);
}

/* The page at addr is PG_mlocked and on the unevictable list. */
static bool page_is_locked(struct mm_struct *mm, unsigned long addr)
{
	struct page *page = follow_page(mm, addr);

	return page && PageMlocked(page) && PageLRU(page) && PageUnevictable(page);
}

static void lock_splits_and_unlock_merges(struct ktest *t)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long a, n0;

	KTEST_ASSERT_TRUE(t, mm != NULL);
	a = map_pages(mm, 8);
	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(a));
	n0 = mm->map_count;
	KTEST_EXPECT_EQ(t, apply_vma_lock_flags(mm, a + 2 * PAGE_SIZE, 2 * PAGE_SIZE, VM_LOCKED),
			0);
	KTEST_EXPECT_EQ(t, mm->map_count, n0 + 2);
	KTEST_EXPECT_EQ(t, mm->locked_vm, 2);
	KTEST_EXPECT_TRUE(t, find_vma(mm, a + 2 * PAGE_SIZE)->vm_flags & VM_LOCKED);
	KTEST_EXPECT_FALSE(t, find_vma(mm, a)->vm_flags & VM_LOCKED);
	/* the next two pages join the locked area: still three */
	KTEST_EXPECT_EQ(t, apply_vma_lock_flags(mm, a + 4 * PAGE_SIZE, 2 * PAGE_SIZE, VM_LOCKED),
			0);
	KTEST_EXPECT_EQ(t, mm->map_count, n0 + 2);
	KTEST_EXPECT_EQ(t, find_vma(mm, a + 2 * PAGE_SIZE)->vm_end, a + 6 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm->locked_vm, 4);
	/* ONFAULT on part of it splits by flags again; locked_vm does not change */
	KTEST_EXPECT_EQ(
	    t, apply_vma_lock_flags(mm, a + 2 * PAGE_SIZE, PAGE_SIZE, VM_LOCKED | VM_LOCKONFAULT),
	    0);
	KTEST_EXPECT_EQ(t, mm->map_count, n0 + 3);
	KTEST_EXPECT_EQ(t, mm->locked_vm, 4);
	/* unlocking everything merges it back into one area */
	KTEST_EXPECT_EQ(t, apply_vma_lock_flags(mm, a, 8 * PAGE_SIZE, 0), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, n0);
	KTEST_EXPECT_EQ(t, mm->locked_vm, 0);
	/* a hole: -ENOMEM, what came before it stays locked */
	KTEST_EXPECT_EQ(t, do_munmap(mm, a + 6 * PAGE_SIZE, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, apply_vma_lock_flags(mm, a, 8 * PAGE_SIZE, VM_LOCKED), -ENOMEM);
	KTEST_EXPECT_EQ(t, mm->locked_vm, 6);
	KTEST_EXPECT_EQ(t, do_munmap(mm, a, 8 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, mm->locked_vm, 0);
	mmput(mm);
}

static void locked_pages_go_to_the_unevictable_list_and_back(struct ktest *t)
{
	unsigned long before = nr_free_pages(), nr_mlock = global_zone_page_state(NR_MLOCK);
	unsigned long culled = vm_event_count(UNEVICTABLE_PGCULLED);
	unsigned long rescued = vm_event_count(UNEVICTABLE_PGRESCUED);
	struct mm_struct *mm = mm_alloc();
	unsigned long a, i;

	KTEST_ASSERT_TRUE(t, mm != NULL);
	a = map_pages(mm, 4);
	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(a));
	KTEST_EXPECT_EQ(t, handle_mm_fault(find_vma(mm, a), a, FAULT_FLAG_WRITE), 0);
	KTEST_EXPECT_FALSE(t, page_is_locked(mm, a));
	/* a present page is culled at mlock; the others are populated locked */
	KTEST_EXPECT_EQ(t, apply_vma_lock_flags(mm, a, 4 * PAGE_SIZE, VM_LOCKED), 0);
	KTEST_EXPECT_TRUE(t, page_is_locked(mm, a));
	KTEST_EXPECT_EQ(t, __mm_populate(mm, a, 4 * PAGE_SIZE, false), 0);
	for (i = 0; i < 4; i++)
		KTEST_EXPECT_TRUE(t, page_is_locked(mm, a + i * PAGE_SIZE));
	KTEST_EXPECT_EQ(t, global_zone_page_state(NR_MLOCK) - nr_mlock, 4);
	KTEST_EXPECT_EQ(t, vm_event_count(UNEVICTABLE_PGCULLED) - culled, 4);
	/* munlock: back on the inactive list, evictable */
	KTEST_EXPECT_EQ(t, apply_vma_lock_flags(mm, a, 4 * PAGE_SIZE, 0), 0);
	for (i = 0; i < 4; i++) {
		struct page *page = follow_page(mm, a + i * PAGE_SIZE);

		KTEST_EXPECT_TRUE(t, page && !PageMlocked(page) && !PageUnevictable(page) &&
					 PageLRU(page) && page_evictable(page));
	}
	KTEST_EXPECT_EQ(t, vm_event_count(UNEVICTABLE_PGRESCUED) - rescued, 4);
	KTEST_EXPECT_EQ(t, global_zone_page_state(NR_MLOCK), nr_mlock);
	mmput(mm);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static void onfault_locks_only_touched_pages(struct ktest *t)
{
	unsigned long nr_mlock = global_zone_page_state(NR_MLOCK);
	struct mm_struct *mm = mm_alloc();
	unsigned long a;

	KTEST_ASSERT_TRUE(t, mm != NULL);
	a = map_pages(mm, 4);
	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(a));
	KTEST_EXPECT_EQ(t, apply_vma_lock_flags(mm, a, 4 * PAGE_SIZE, VM_LOCKED | VM_LOCKONFAULT),
			0);
	KTEST_EXPECT_EQ(t, __mm_populate(mm, a, 4 * PAGE_SIZE, false), 0);
	KTEST_EXPECT_TRUE(t, follow_page(mm, a) == NULL);
	KTEST_EXPECT_EQ(t, handle_mm_fault(find_vma(mm, a), a, 0), 0);
	KTEST_EXPECT_TRUE(t, page_is_locked(mm, a));
	KTEST_EXPECT_EQ(t, global_zone_page_state(NR_MLOCK) - nr_mlock, 1);
	mmput(mm); /* exit unlocks */
	KTEST_EXPECT_EQ(t, global_zone_page_state(NR_MLOCK), nr_mlock);
}

/* After fork both mms map the pages: a page stays mlocked while either locked area maps it. */
static void a_page_stays_locked_while_a_locked_area_maps_it(struct ktest *t)
{
	unsigned long nr_mlock = global_zone_page_state(NR_MLOCK);
	struct mm_struct *mm = mm_alloc(), *child;
	unsigned long a;

	KTEST_ASSERT_TRUE(t, mm != NULL);
	a = do_mmap(mm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED);
	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(a));
	KTEST_EXPECT_TRUE(t, page_is_locked(mm, a)); /* MAP_LOCKED populates */
	child = dup_mm(mm);
	KTEST_ASSERT_TRUE(t, child != NULL);
	KTEST_EXPECT_FALSE(t, find_vma(child, a)->vm_flags & VM_LOCKED); /* not inherited */
	KTEST_EXPECT_EQ(t, child->locked_vm, 0);
	KTEST_EXPECT_TRUE(t, follow_page(child, a) == follow_page(mm, a));
	KTEST_EXPECT_EQ(t, apply_vma_lock_flags(child, a, PAGE_SIZE, VM_LOCKED), 0);
	KTEST_EXPECT_EQ(t, apply_vma_lock_flags(mm, a, PAGE_SIZE, 0), 0);
	KTEST_EXPECT_TRUE(t, page_is_locked(child, a)); /* the child's lock holds it */
	KTEST_EXPECT_EQ(t, do_munmap(child, a, PAGE_SIZE), 0);
	KTEST_EXPECT_FALSE(t, PageMlocked(follow_page(mm, a)));
	KTEST_EXPECT_EQ(t, global_zone_page_state(NR_MLOCK), nr_mlock);
	mmput(child);
	mmput(mm);
}

static struct ktest_case mlock_cases[] = {
	KTEST_CASE(lock_splits_and_unlock_merges),
	KTEST_CASE(locked_pages_go_to_the_unevictable_list_and_back),
	KTEST_CASE(onfault_locks_only_touched_pages),
	KTEST_CASE(a_page_stays_locked_while_a_locked_area_maps_it),
	{}
};
KTEST_SUITE(mlock, mlock_cases);

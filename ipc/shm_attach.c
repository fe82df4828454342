/*
 * Attaching System V shared memory (Linux's do_shmat and ksys_shmdt).
 *
 * shmat opens the segment's shmem file with shm_file_operations and maps
 * it MAP_SHARED, as Linux does: each area that maps it is a VMA on the
 * file's i_mmap list (fork copies the VMA, a split makes two), so
 * shm_nattch, the count of areas attached, is that list's length, and the
 * pages are found through it by reclaim like any file page's. The open
 * file lives as long as an area of this attach does; its release is the
 * last detach, where a removed segment (IPC_RMID) is freed.
 */
#include "ipc/shm_internal.h"
#include "fs/file.h"
#include "kernel/sched.h"
#include "mm/mman.h"
#include "mm/mmap.h"
#include "mm/shmem_fs.h"

#define SHMLBA PAGE_SIZE /* i386: attach addresses are page aligned */

static int shm_mmap(struct file *file, struct vm_area_struct *vma);
static void shm_release(struct inode *inode, struct file *file);

static const struct file_operations shm_file_operations = {
	.mmap = shm_mmap,
	.release = shm_release,
};

unsigned long shm_nattch(const struct shmid_kernel *shp)
{
	struct address_space *mapping = shp->shm_file->i_mapping;
	struct vm_area_struct *vma;
	unsigned long n = 0;

	list_for_each_entry(vma, &mapping->i_mmap, shared)
		n++;
	return n;
}

static int shm_mmap(struct file *file, struct vm_area_struct *vma)
{
	return shmem_mmap(file, vma);
}

/* The attach's last area went (shmdt, munmap, exit): a removed segment may go now. */
static void shm_release(struct inode *inode, struct file *file)
{
	struct shmid_kernel *shp = file->private_data;

	(void)inode;
	shp->shm_dtim = ipc_now();
	shp->shm_lprid = current->pid;
	shp->shm_files--;
	shm_may_destroy(shp);
}

static bool is_shm_vma(const struct vm_area_struct *vma)
{
	return vma->vm_file && vma->vm_file->f_op == &shm_file_operations;
}

/*
 * Map segment shmid at shmaddr (0: anywhere; with SHM_RND rounded down to
 * SHMLBA), read-only with SHM_RDONLY. Returns the address, or -EINVAL
 * (no such segment, a bad address, an overlap without SHM_REMAP), -ENOMEM.
 */
long sys_shmat(int shmid, const void __user *shmaddr, int shmflg)
{
	struct shmid_kernel *shp = shm_obtain(shmid);
	unsigned long addr = (unsigned long)shmaddr, flags = MAP_SHARED, prot, ret;
	struct mm_struct *mm = current->mm;
	struct file *file;

	if (!shp || !mm)
		return -EINVAL;
	if (addr & (SHMLBA - 1)) {
		if (!(shmflg & SHM_RND) || addr < SHMLBA)
			return -EINVAL;
		addr &= ~(SHMLBA - 1);
	}
	if (addr) {
		if (!(shmflg & SHM_REMAP) &&
		    find_vma_intersection(mm, addr, addr + PAGE_ALIGN(shp->shm_segsz)))
			return -EINVAL;
		flags |= MAP_FIXED;
	} else if (shmflg & SHM_REMAP) {
		return -EINVAL;
	}
	prot = shmflg & SHM_RDONLY ? PROT_READ : PROT_READ | PROT_WRITE;
	if (shmflg & SHM_EXEC)
		prot |= PROT_EXEC;
	file = shmem_file_open(shp->shm_file, shmflg & SHM_RDONLY ? O_RDONLY : O_RDWR);
	if (IS_ERR(file))
		return PTR_ERR(file);
	file->f_op = &shm_file_operations;
	file->private_data = shp;
	shp->shm_files++;
	ret = do_mmap_file(mm, file, addr, shp->shm_segsz, prot, flags, 0);
	if (!IS_ERR_VALUE(ret)) {
		shp->shm_atim = ipc_now();
		shp->shm_lprid = current->pid;
	}
	fput(file); /* the areas hold their own references */
	return (long)ret;
}

/*
 * Detach the segment attached at shmaddr: every area of that attach from
 * shmaddr on, over the segment's size (Linux's ksys_shmdt). -EINVAL if no
 * segment is attached exactly there.
 */
long sys_shmdt(const void __user *shmaddr)
{
	unsigned long addr = (unsigned long)shmaddr, end, next;
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	struct file *file;
	int err = 0;

	if (!mm || (addr & ~PAGE_MASK))
		return -EINVAL;
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start != addr || !is_shm_vma(vma) || vma->vm_pgoff)
		return -EINVAL;
	file = vma->vm_file;
	end = addr + PAGE_ALIGN(((struct shmid_kernel *)file->private_data)->shm_segsz);
	for (; vma && vma->vm_start < end && !err; vma = find_vma(mm, next)) {
		next = vma->vm_end;
		if (vma->vm_file == file && vma->vm_pgoff == (vma->vm_start - addr) >> PAGE_SHIFT)
			err = do_munmap(mm, vma->vm_start, vma->vm_end - vma->vm_start);
	}
	return err;
}

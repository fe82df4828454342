/*
 * System V shared memory segments (Linux's ipc/shm.c, ipc/util.c): the
 * table of segments, shmget, shmctl and /proc/sysvipc/shm. Attaching
 * (shmat, shmdt) is in ipc/shm_attach.c.
 *
 *   shmget(key, size, IPC_CREAT)  a segment: a shmem file of size bytes
 *                                 on the internal mount (its pages are
 *                                 Shmem and go to swap like tmpfs's)
 *   shmat / shmdt                 map it MAP_SHARED; shm_nattch counts the
 *                                 areas that map it
 *   shmctl(IPC_RMID)              the key is gone at once (IPC_PRIVATE);
 *                                 the segment itself at its last detach
 *
 * A segment's id is Linux's ipc_buildid: index + seq * 32768 (IPCMNI),
 * seq counting every segment ever made, so a stale id does not find a new
 * segment in the same slot. The table grows by doubling; shmmni bounds
 * how many segments exist at once, shmall their pages, shmmax one's size.
 * There is one user, root, so the permission bits are kept and reported
 * but never refuse anything (root's CAP_IPC_OWNER).
 */
#include "ipc/shm_internal.h"
#include "fs/proc/internal.h"
#include "kernel/capability.h"
#include "kernel/lib/string.h"
#include "kernel/sched.h"
#include "kernel/sys_time.h"
#include "kernel/uaccess.h"
#include "mm/mlock.h"
#include "mm/shmem_fs.h"
#include "mm/slab.h"

#define SHMMIN 1
#define IPCMNI_SHIFT 15
#define IPCMNI (1 << IPCMNI_SHIFT)
#define IPCID_SEQ_MAX (INT_MAX >> IPCMNI_SHIFT)

unsigned long shm_ctlmax = ULONG_MAX - (1UL << 24);
unsigned long shm_ctlall = ULONG_MAX - (1UL << 24);
int shm_ctlmni = 4096;

static struct shmid_kernel **shm_ids; /* by index; NULL: free */
static int shm_ids_size, shm_in_use, shm_max_idx = -1;
static int shm_seq;	      /* the next segment's sequence number */
static unsigned long shm_tot; /* pages in all segments */

u32 ipc_now(void)
{
	return (u32)(ktime_get_real_ns() / 1000000000LL);
}

struct shmid_kernel *shm_obtain(int shmid)
{
	int idx = shmid & (IPCMNI - 1);
	struct shmid_kernel *shp;

	if (shmid < 0 || idx >= shm_ids_size)
		return NULL;
	shp = shm_ids[idx];
	return shp && shp->shm_perm.id == shmid ? shp : NULL;
}

/* The segment with key (not IPC_PRIVATE), or NULL. */
static struct shmid_kernel *shm_find_key(int key)
{
	int i;

	for (i = 0; i <= shm_max_idx; i++)
		if (shm_ids[i] && shm_ids[i]->shm_perm.key == key)
			return shm_ids[i];
	return NULL;
}

/* A free index for a new segment, the table grown if needed; -ENOSPC, -ENOMEM. */
static int shm_alloc_idx(void)
{
	struct shmid_kernel **bigger;
	int i, size;

	for (i = 0; i < shm_ids_size; i++)
		if (!shm_ids[i])
			return i;
	if (shm_ids_size >= IPCMNI)
		return -ENOSPC;
	size = shm_ids_size ? shm_ids_size * 2 : 16;
	bigger = kzalloc((size_t)size * sizeof(*bigger), GFP_KERNEL);
	if (!bigger)
		return -ENOMEM;
	if (shm_ids)
		memcpy(bigger, shm_ids, (size_t)shm_ids_size * sizeof(*bigger));
	kfree(shm_ids);
	shm_ids = bigger;
	i = shm_ids_size;
	shm_ids_size = size;
	return i;
}

/* Free the segment: out of the table, its file's pages and swap with it (Linux's shm_destroy). */
static void shm_destroy(struct shmid_kernel *shp)
{
	shm_ids[shp->shm_perm.id & (IPCMNI - 1)] = NULL;
	shm_in_use--;
	while (shm_max_idx >= 0 && !shm_ids[shm_max_idx])
		shm_max_idx--;
	shm_tot -= DIV_ROUND_UP(shp->shm_segsz, PAGE_SIZE);
	if (shp->shm_perm.mode & SHM_LOCKED)
		shmem_lock(shp->shm_file, false);
	iput(shp->shm_file); /* its pages and swap go with the last reference */
	kfree(shp);
}

void shm_may_destroy(struct shmid_kernel *shp)
{
	if ((shp->shm_perm.mode & SHM_DEST) && !shp->shm_files && !shm_nattch(shp))
		shm_destroy(shp);
}

/* A new segment of size bytes for key (Linux's newseg); its id, or -errno. */
static long newseg(int key, size_t size, int shmflg)
{
	unsigned long numpages = DIV_ROUND_UP(size, PAGE_SIZE);
	struct shmid_kernel *shp;
	char name[16];
	int idx;

	if (size < SHMMIN || size > shm_ctlmax)
		return -EINVAL;
	if (numpages << PAGE_SHIFT < size || shm_tot + numpages < shm_tot ||
	    shm_tot + numpages > shm_ctlall)
		return -ENOSPC;
	if (shm_in_use >= shm_ctlmni)
		return -ENOSPC;
	shp = kzalloc(sizeof(*shp), GFP_KERNEL);
	if (!shp)
		return -ENOMEM;
	snprintf(name, sizeof(name), "SYSV%08x", (unsigned int)key);
	shp->shm_file = shmem_kernel_file_setup(name, (loff_t)size);
	idx = IS_ERR(shp->shm_file) ? (int)PTR_ERR(shp->shm_file) : shm_alloc_idx();
	if (idx < 0) {
		if (!IS_ERR(shp->shm_file))
			iput(shp->shm_file);
		kfree(shp);
		return idx;
	}
	shp->shm_perm.key = key;
	shp->shm_perm.mode = (umode_t)(shmflg & 0777);
	shp->shm_perm.seq = shm_seq;
	shp->shm_perm.id = idx + (shm_seq << IPCMNI_SHIFT);
	shm_seq = shm_seq >= IPCID_SEQ_MAX ? 0 : shm_seq + 1;
	shp->shm_segsz = size;
	shp->shm_cprid = current->pid;
	shp->shm_ctim = ipc_now();
	shm_ids[idx] = shp;
	shm_in_use++;
	shm_max_idx = max(shm_max_idx, idx);
	shm_tot += numpages;
	return shp->shm_perm.id;
}

long sys_shmget(int key, size_t size, int shmflg)
{
	struct shmid_kernel *shp;

	if (key == IPC_PRIVATE)
		return newseg(key, size, shmflg);
	shp = shm_find_key(key);
	if (!shp)
		return shmflg & IPC_CREAT ? newseg(key, size, shmflg) : -ENOENT;
	if ((shmflg & IPC_CREAT) && (shmflg & IPC_EXCL))
		return -EEXIST;
	if (shp->shm_segsz < size)
		return -EINVAL;
	return shp->shm_perm.id;
}

/* ---- shmctl ------------------------------------------------------------------- */

/* i386's struct ipc64_perm (asm-generic/ipcbuf.h): 36 bytes. */
struct ipc64_perm {
	s32 key;
	u32 uid, gid, cuid, cgid;
	u16 mode;
	u8 __pad1[2];
	u16 seq;
	u16 __pad2;
	u32 __unused1, __unused2;
};

/* i386's struct shmid64_ds (asm-generic/shmbuf.h, 32-bit): 84 bytes. */
struct shmid64_ds {
	struct ipc64_perm shm_perm;
	u32 shm_segsz;
	u32 shm_atime, shm_atime_high;
	u32 shm_dtime, shm_dtime_high;
	u32 shm_ctime, shm_ctime_high;
	s32 shm_cpid, shm_lpid;
	u32 shm_nattch;
	u32 __unused4, __unused5;
};

/* struct shminfo64 (IPC_INFO) and struct shm_info (SHM_INFO), i386. */
struct shminfo64 {
	u32 shmmax, shmmin, shmmni, shmseg, shmall, __unused1, __unused2, __unused3, __unused4;
};
struct shm_info {
	s32 used_ids;
	u32 shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes;
};

_Static_assert(sizeof(struct shmid64_ds) == 84, "i386 struct shmid64_ds");

static long shm_stat(struct shmid_kernel *shp, void __user *buf)
{
	struct shmid64_ds ds = { 0 };

	ds.shm_perm.key = shp->shm_perm.key;
	ds.shm_perm.mode = shp->shm_perm.mode;
	ds.shm_perm.seq = (u16)shp->shm_perm.seq;
	ds.shm_segsz = (u32)shp->shm_segsz;
	ds.shm_atime = shp->shm_atim;
	ds.shm_dtime = shp->shm_dtim;
	ds.shm_ctime = shp->shm_ctim;
	ds.shm_cpid = shp->shm_cprid;
	ds.shm_lpid = shp->shm_lprid;
	ds.shm_nattch = (u32)shm_nattch(shp);
	return copy_to_user(buf, &ds, sizeof(ds)) ? -EFAULT : 0;
}

/* IPC_SET: the mode's permission bits (uid and gid: root's, the only user). */
static long shm_set(struct shmid_kernel *shp, const void __user *buf)
{
	struct shmid64_ds ds;

	if (copy_from_user(&ds, buf, sizeof(ds)))
		return -EFAULT;
	shp->shm_perm.mode = (umode_t)((shp->shm_perm.mode & ~0777) | (ds.shm_perm.mode & 0777));
	shp->shm_ctim = ipc_now();
	return 0;
}

/*
 * SHM_LOCK / SHM_UNLOCK: the segment's pages stay in memory (on the
 * unevictable list) or may go to swap again (Linux's shmctl_do_lock).
 * Without CAP_IPC_LOCK a zero RLIMIT_MEMLOCK is EPERM, a lock past it
 * ENOMEM (shmem_lock).
 */
static long shm_lock(struct shmid_kernel *shp, bool lock)
{
	int err;

	if (lock && !capable(CAP_IPC_LOCK) && !rlimit(RLIMIT_MEMLOCK))
		return -EPERM;
	if (lock == !!(shp->shm_perm.mode & SHM_LOCKED))
		return 0;
	err = shmem_lock(shp->shm_file, lock);
	if (!err)
		shp->shm_perm.mode ^= SHM_LOCKED;
	return err;
}

static long shm_info(int cmd, void __user *buf)
{
	struct shminfo64 info = { (u32)shm_ctlmax,
				  SHMMIN,
				  (u32)shm_ctlmni,
				  (u32)shm_ctlmni,
				  (u32)shm_ctlall,
				  0,
				  0,
				  0,
				  0 };
	struct shm_info si = { shm_in_use, (u32)shm_tot, 0, 0, 0, 0 };
	int i;

	for (i = 0; i <= shm_max_idx; i++)
		if (shm_ids[i]) {
			si.shm_rss += (u32)SHMEM_I(shm_ids[i]->shm_file)->mapping.nrpages;
			si.shm_swp += (u32)SHMEM_I(shm_ids[i]->shm_file)->swapped;
		}
	if (cmd == IPC_INFO && copy_to_user(buf, &info, sizeof(info)))
		return -EFAULT;
	if (cmd == SHM_INFO && copy_to_user(buf, &si, sizeof(si)))
		return -EFAULT;
	return max(shm_max_idx, 0); /* Linux: the highest index in use */
}

long sys_shmctl(int shmid, int cmd, void __user *buf)
{
	struct shmid_kernel *shp;

	if (shmid < 0 || cmd < 0)
		return -EINVAL;
	if (!(cmd & IPC_64) && cmd != IPC_RMID && cmd != SHM_LOCK && cmd != SHM_UNLOCK)
		return -EINVAL; /* the old (IPC_OLD) structures are not implemented */
	cmd &= ~IPC_64;
	if (cmd == IPC_INFO || cmd == SHM_INFO)
		return shm_info(cmd, buf);
	shp = cmd == SHM_STAT ? (shmid < shm_ids_size ? shm_ids[shmid] : NULL) : shm_obtain(shmid);
	if (!shp)
		return -EINVAL;
	switch (cmd) {
	case IPC_STAT:
		return shm_stat(shp, buf);
	case SHM_STAT: /* by index, as ipcs walks them; returns the id */
		return shm_stat(shp, buf) ?: shp->shm_perm.id;
	case IPC_SET:
		return shm_set(shp, buf);
	case IPC_RMID: /* attached: the key goes now (IPC_PRIVATE), the segment at the last detach
			*/
		shp->shm_perm.mode |= SHM_DEST;
		shp->shm_perm.key = IPC_PRIVATE;
		shm_may_destroy(shp);
		return 0;
	case SHM_LOCK:
	case SHM_UNLOCK:
		return shm_lock(shp, cmd == SHM_LOCK);
	}
	return -EINVAL;
}

/* ---- /proc/sysvipc/shm ---------------------------------------------------------- */

int sysvipc_shm_proc_show(struct seq_file *m, struct task_struct *task)
{
	int i;

	(void)task;
	seq_puts(m, "       key      shmid perms       size  cpid  lpid nattch   uid   gid  cuid  "
		    "cgid      atime      dtime      ctime        rss       swap\n");
	for (i = 0; i <= shm_max_idx; i++) {
		struct shmid_kernel *shp = shm_ids[i];
		struct shmem_inode_info *info;

		if (!shp)
			continue;
		info = SHMEM_I(shp->shm_file);
		seq_printf(
		    m,
		    "%10d %10d  %4o %10lu %5u %5u  %5lu %5u %5u %5u %5u %10llu %10llu %10llu "
		    "%10lu %10lu\n",
		    shp->shm_perm.key, shp->shm_perm.id, shp->shm_perm.mode,
		    (unsigned long)shp->shm_segsz, shp->shm_cprid, shp->shm_lprid, shm_nattch(shp),
		    0, 0, 0, 0, (unsigned long long)shp->shm_atim,
		    (unsigned long long)shp->shm_dtim, (unsigned long long)shp->shm_ctim,
		    info->mapping.nrpages << PAGE_SHIFT, info->swapped << PAGE_SHIFT);
	}
	return 0;
}

/* What the files of ipc/ share: a System V shared memory segment (Linux's shmid_kernel). */
#ifndef IPC_SHM_INTERNAL_H
#define IPC_SHM_INTERNAL_H

#include "fs/fs.h"
#include "ipc/shm.h"
#include "kernel/sched.h"

struct kern_ipc_perm {
	int key; /* IPC_PRIVATE once removed */
	int id;	 /* index + seq * IPCMNI */
	int seq;
	umode_t mode; /* permission bits, SHM_DEST, SHM_LOCKED */
};

struct shmid_kernel {
	struct kern_ipc_perm shm_perm;
	struct inode *shm_file; /* the shmem file holding the pages (referenced) */
	size_t shm_segsz;
	u32 shm_atim, shm_dtim, shm_ctim; /* last attach, detach, change (seconds) */
	pid_t shm_cprid, shm_lprid;	  /* creator, last shmat/shmdt */
	int shm_files;			  /* open attach files (ipc/shm_attach.c) */
};

/* The segment with id shmid, or NULL. */
struct shmid_kernel *shm_obtain(int shmid);
/* Areas attached to the segment (Linux's shm_nattch): its file's i_mmap list. */
unsigned long shm_nattch(const struct shmid_kernel *shp);
/* A removed segment (SHM_DEST) with nothing attached is freed. */
void shm_may_destroy(struct shmid_kernel *shp);
u32 ipc_now(void); /* the wall clock in seconds */

#endif

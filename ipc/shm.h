/*
 * System V shared memory (Linux's ipc/shm.c and include/uapi/linux/shm.h,
 * ipc.h): segments named by a key, each a shmem file on the internal
 * mount (mm/shmem_fs.h), so their pages go to swap as tmpfs's do.
 */
#ifndef IPC_SHM_H
#define IPC_SHM_H

#include "kernel/kernel.h"

#ifndef __user
#define __user
#endif

#define IPC_PRIVATE 0
#define IPC_CREAT 00001000
#define IPC_EXCL 00002000
#define IPC_NOWAIT 00004000

#define IPC_RMID 0
#define IPC_SET 1
#define IPC_STAT 2
#define IPC_INFO 3
#define IPC_64 0x0100 /* shmctl's cmd: the 64-bit-time structures (glibc always sets it) */

#define SHM_LOCK 11
#define SHM_UNLOCK 12
#define SHM_STAT 13
#define SHM_INFO 14

#define SHM_RDONLY 010000 /* shmat: read-only */
#define SHM_RND 020000	  /* shmat: round the address down to SHMLBA */
#define SHM_REMAP 040000  /* shmat: replace what is mapped there */
#define SHM_EXEC 0100000  /* shmat: executable */

#define SHM_DEST 01000	 /* perm mode: removed, freed at the last detach */
#define SHM_LOCKED 02000 /* perm mode: SHM_LOCK in force */

/* The limits (Linux's i386 defaults): /proc/sys/kernel/shmmax, shmall, shmmni. */
extern unsigned long shm_ctlmax; /* bytes per segment: ULONG_MAX - 2^24 */
extern unsigned long shm_ctlall; /* pages in all segments: the same number */
extern int shm_ctlmni;		 /* segments: 4096, at most IPCMNI (32768) */

long sys_shmget(int key, size_t size, int shmflg);
long sys_shmctl(int shmid, int cmd, void __user *buf);
long sys_shmat(int shmid, const void __user *shmaddr, int shmflg);
long sys_shmdt(const void __user *shmaddr);
/* i386's multiplexer: call = version << 16 | op (SHMAT 21 ... SHMCTL 24). */
long sys_ipc(unsigned int call, int first, unsigned long second, unsigned long third,
	     void __user *ptr, long fifth);

struct seq_file;
struct task_struct;
/* /proc/sysvipc/shm in Linux's 32-bit layout. */
int sysvipc_shm_proc_show(struct seq_file *m, struct task_struct *task);

#endif

/*
 * ipc(2), i386's System V IPC multiplexer (Linux's ipc/syscall.c,
 * ksys_ipc): one system call (117) for every IPC operation, chosen by
 * call = version << 16 | op. glibc on i386 uses it for shmget, shmat,
 * shmdt and shmctl; since Linux 5.1 the direct calls (395-398) exist too.
 * Semaphores and message queues are not implemented: their ops, like any
 * unknown op, answer ENOSYS.
 */
#include "ipc/shm.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"

#define SHMAT 21
#define SHMDT 22
#define SHMGET 23
#define SHMCTL 24

long sys_ipc(unsigned int call, int first, unsigned long second, unsigned long third,
	     void __user *ptr, long fifth)
{
	unsigned int version = call >> 16, op = call & 0xffff;
	long ret;

	(void)fifth;
	switch (op) {
	case SHMAT: /* the address goes to *third; version 1 was iBCS2's, never on Linux/i386 */
		if (version == 1)
			return -EINVAL;
		ret = sys_shmat(first, ptr, (int)second);
		if (ret < 0 && ret > -4096)
			return ret;
		return put_user_ulong((unsigned long)ret, (unsigned long __user *)third);
	case SHMDT:
		return sys_shmdt(ptr);
	case SHMGET:
		return sys_shmget(first, second, (int)third);
	case SHMCTL:
		return sys_shmctl(first, (int)second, ptr);
	}
	return -ENOSYS;
}

/*
 * memfd_create(2) (Linux's mm/memfd.c): an anonymous file in memory, as
 * an open file descriptor. It is a shmem file on the internal mount (no
 * name in any directory, no size limit but memory and swap), so its pages
 * go to swap like tmpfs's; it lives until its last descriptor is closed.
 * /proc/PID/fd shows it as "/memfd:NAME (deleted)" on Linux.
 *
 * Flags: MFD_CLOEXEC. Linux's file seals (MFD_ALLOW_SEALING, fcntl
 * F_ADD_SEALS) and MFD_HUGETLB are not implemented: those flags give
 * EINVAL, as a kernel without the feature answers.
 */
#include "fs/file.h"
#include "fs/internal.h"
#include "kernel/lib/string.h"
#include "kernel/uaccess.h"
#include "mm/shmem_fs.h"

#define MFD_CLOEXEC 0x0001U
#define MFD_ALLOW_SEALING 0x0002U /* not supported: EINVAL */
#define MFD_HUGETLB 0x0004U	  /* not supported: EINVAL */
#define MFD_NAME_PREFIX "memfd:"
#define MFD_NAME_MAX_LEN (NAME_MAX - (sizeof(MFD_NAME_PREFIX) - 1)) /* 249 */

/*
 * A new memfd named uname (a user string of at most 249 bytes); the fd,
 * or -EINVAL (bad flags, name too long), -EFAULT, -EMFILE, -ENOMEM.
 */
long sys_memfd_create(const char __user *uname, unsigned int flags)
{
	char name[sizeof(MFD_NAME_PREFIX) + MFD_NAME_MAX_LEN];
	struct file *file;
	long len;

	if (flags & ~MFD_CLOEXEC)
		return -EINVAL;
	strlcpy(name, MFD_NAME_PREFIX, sizeof(name));
	/* -ENAMETOOLONG here: no NUL within 249 + 1 bytes */
	len = strncpy_from_user(name + sizeof(MFD_NAME_PREFIX) - 1, uname, MFD_NAME_MAX_LEN + 1);
	if (len == -ENAMETOOLONG || len > (long)MFD_NAME_MAX_LEN)
		return -EINVAL;
	if (len < 0)
		return -EFAULT;
	file = shmem_file_setup(name, 0, O_RDWR | O_LARGEFILE);
	if (IS_ERR(file))
		return PTR_ERR(file);
	return fd_install_lowest(file, flags & MFD_CLOEXEC);
}

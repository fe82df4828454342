/*
 * capget(2) and capset(2), and capable() (Linux's kernel/capability.c and
 * the capset rules of security/commoncap.c). kernel/capability.h has the
 * model: one user, root, whose tasks hold every capability until they
 * drop some with capset. The user structures are Linux's: a header with
 * a version and a pid, then one (v1) or two (v2, v3) data words of each
 * set, low capabilities first.
 */
#include "kernel/capability.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/uaccess.h"

#define CAP_U32S_1 1
#define CAP_U32S_3 2

bool capable(int cap)
{
	return current->cap_effective & (1ULL << cap);
}

void cap_set_root(struct task_struct *p)
{
	p->cap_permitted = CAP_FULL_SET;
	p->cap_effective = CAP_FULL_SET;
	/* inheritable is kept across exec, as Linux */
}

/*
 * Check header's version and say how many data words it uses. An unknown
 * version is answered with the kernel's (v3) in the header and -EINVAL.
 */
static int cap_validate_magic(struct __user_cap_header_struct *header, unsigned int *tocopy)
{
	u32 version, v3 = _LINUX_CAPABILITY_VERSION_3;

	if (copy_from_user(&version, &header->version, sizeof(version)))
		return -EFAULT;
	switch (version) {
	case _LINUX_CAPABILITY_VERSION_1:
		*tocopy = CAP_U32S_1;
		return 0;
	case _LINUX_CAPABILITY_VERSION_2:
	case _LINUX_CAPABILITY_VERSION_3:
		*tocopy = CAP_U32S_3;
		return 0;
	default:
		if (copy_to_user(&header->version, &v3, sizeof(v3)))
			return -EFAULT;
		return -EINVAL;
	}
}

/*
 * capget(header, dataptr): the sets of header->pid (0: the caller) into
 * dataptr. A NULL dataptr only probes the version (0 even if it was
 * wrong, as Linux). -EFAULT, -EINVAL (version, negative pid), -ESRCH.
 */
long sys_capget(struct __user_cap_header_struct *header, struct __user_cap_data_struct *dataptr)
{
	struct __user_cap_data_struct kdata[CAP_U32S_3];
	struct task_struct *p = current;
	unsigned int tocopy, i;
	int pid, ret = cap_validate_magic(header, &tocopy);

	if (!dataptr || ret)
		return (!dataptr && ret == -EINVAL) ? 0 : ret;
	if (copy_from_user(&pid, &header->pid, sizeof(pid)))
		return -EFAULT;
	if (pid < 0)
		return -EINVAL;
	if (pid && pid != current->pid && !(p = find_task_by_pid(pid)))
		return -ESRCH;
	for (i = 0; i < tocopy; i++) {
		kdata[i].effective = (u32)(p->cap_effective >> (32 * i));
		kdata[i].permitted = (u32)(p->cap_permitted >> (32 * i));
		kdata[i].inheritable = (u32)(p->cap_inheritable >> (32 * i));
	}
	return copy_to_user(dataptr, kdata, tocopy * sizeof(kdata[0])) ? -EFAULT : 0;
}

static bool cap_issubset(kernel_cap_t a, kernel_cap_t set)
{
	return !(a & ~set);
}

/*
 * capset(header, data): the caller's new sets (pid 0 or its own; another
 * is -EPERM). Linux's cap_capset rules, else -EPERM: permitted may only
 * shrink, effective must lie within the new permitted, and inheritable
 * may gain only what is permitted (unless CAP_SETPCAP) and bounded.
 */
long sys_capset(struct __user_cap_header_struct *header, const struct __user_cap_data_struct *data)
{
	struct __user_cap_data_struct kdata[CAP_U32S_3];
	kernel_cap_t e = 0, p = 0, in = 0;
	unsigned int tocopy, i;
	int pid, ret = cap_validate_magic(header, &tocopy);

	if (ret)
		return ret;
	if (copy_from_user(&pid, &header->pid, sizeof(pid)))
		return -EFAULT;
	if (pid != 0 && pid != current->pid)
		return -EPERM;
	if (copy_from_user(kdata, data, tocopy * sizeof(kdata[0])))
		return -EFAULT;
	for (i = 0; i < tocopy; i++) {
		e |= (kernel_cap_t)kdata[i].effective << (32 * i);
		p |= (kernel_cap_t)kdata[i].permitted << (32 * i);
		in |= (kernel_cap_t)kdata[i].inheritable << (32 * i);
	}
	e &= CAP_FULL_SET;
	p &= CAP_FULL_SET;
	in &= CAP_FULL_SET;
	if (!capable(CAP_SETPCAP) &&
	    !cap_issubset(in, current->cap_inheritable | current->cap_permitted))
		return -EPERM;
	if (!cap_issubset(in, current->cap_inheritable | CAP_FULL_SET) ||
	    !cap_issubset(p, current->cap_permitted) || !cap_issubset(e, p))
		return -EPERM;
	current->cap_effective = e;
	current->cap_permitted = p;
	current->cap_inheritable = in;
	return 0;
}

/* mount(2), umount(2), umount2(2) (Linux's <sys/mount.h>). */
#ifndef ULIB_SYS_MOUNT_H
#define ULIB_SYS_MOUNT_H

#define MS_RDONLY 1
#define MS_REMOUNT 32
#define MNT_FORCE 1
#define MNT_DETACH 2

int mount(const char *source, const char *target, const char *type, unsigned long flags,
	  const void *data);
int umount(const char *target);
int umount2(const char *target, int flags);

#endif

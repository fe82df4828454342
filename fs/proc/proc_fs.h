/* The /proc file system's interface to the rest of the kernel (Linux's linux/proc_fs.h). */
#ifndef FS_PROC_PROC_FS_H
#define FS_PROC_PROC_FS_H

/* Create /proc and mount procfs on it; after populate_rootfs (fs/proc/root.c). */
void proc_root_init(void);

#endif

/* Helpers shared by the files of fs/ only. */
#ifndef FS_INTERNAL_H
#define FS_INTERNAL_H

#include "fs/fs.h"

/* The f_op of character device rdev (fs/char_dev.c), or NULL if none is registered. */
const struct file_operations *chrdev_fops(dev_t rdev);

#define AT_SYMLINK_NOFOLLOW 0x100 /* the *at calls' flags (Linux's include/uapi/linux/fcntl.h) */
#define AT_EMPTY_PATH 0x1000

/* The inode dfd/path names (fs/at.c), referenced, or ERR_PTR; AT_EMPTY_PATH allowed. */
struct inode *lookup_at(int dfd, const char __user *path, int flags);

/* Copy a path from user space into a new kernel buffer (PATH_MAX); ERR_PTR on error. */
char *getname(const char __user *path);
void putname(char *name);
/* The current task's working directory ("/" before it has a table); not referenced. */
struct inode *current_cwd(void);

struct stat64;
/* inode's attributes into the user's struct stat64 (fs/stat.c); 0 or -EFAULT. */
long cp_new_stat64(struct inode *inode, struct stat64 __user *statbuf);

/* The two open files of a new pipe: res[0] reads, res[1] writes (fs/pipe.c); 0 or -ENOMEM. */
int create_pipe_files(struct file **res, int flags);

#endif

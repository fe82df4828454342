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

/*
 * A path walk in progress (Linux's nameidata; fs/namei.c). path_parentat
 * walks all but the last component, following symbolic links, and leaves
 * nd->inode on the directory the last component is in (referenced) with
 * nd->last naming it (NULL for "/"). Every walk ends with terminate_walk,
 * whether it failed or not.
 */
struct nameidata {
	struct inode *inode; /* where the walk stands (referenced) */
	const char *last;    /* the last component (not walked), or NULL for "/" */
	size_t last_len;
	bool trailing_slash;  /* the path ended in '/' */
	const char *rest;     /* what is left to walk */
	char *link_buf;	      /* the path with a link's target spliced in, or NULL */
	int total_link_count; /* symbolic links followed (MAXSYMLINKS at most) */
};

#define MAXSYMLINKS 40 /* Linux's limit of links followed in one lookup */

static inline bool is_dot(const char *name, size_t len)
{
	return len == 1 && name[0] == '.';
}

static inline bool is_dotdot(const char *name, size_t len)
{
	return len == 2 && name[0] == '.' && name[1] == '.';
}

int path_parentat(struct nameidata *nd, struct inode *cwd, const char *path); /* 0 or -errno */
void terminate_walk(struct nameidata *nd);
/*
 * path_parentat, then the last component looked up without following a
 * link (*res, NULL if absent); "." and ".." give err_dot and err_dotdot,
 * "/" -EBUSY. On an error nd holds nothing.
 */
int lookup_last(struct inode *cwd, const char *path, struct nameidata *nd, struct inode **res,
		int err_dot, int err_dotdot);

/*
 * Put a newly mounted super_block on the list sync, df and /proc/mounts
 * walk, and register its shrinker (fs/super.c).
 */
void insert_super(struct super_block *sb);

#endif

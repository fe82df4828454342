/*
 * The path of a directory, for getcwd (Linux's fs/d_path.c). With no
 * dentry cache a directory does not know its own name: inode_path climbs
 * through the parents, finding each step's name by reading the parent
 * directory for the child's inode number (as Unix getcwd did before the
 * dcache).
 */
#include "fs/fs.h"
#include "kernel/lib/string.h"

static bool is_dot_or_dotdot(const char *name, int len)
{
	return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

/* Actor for find_name: remember the name whose inode number is ctx's target. */
struct find_name_ctx {
	struct dir_context ctx;
	unsigned long ino;
	char *name; /* NAME_MAX + 1 bytes */
	bool found;
};

static bool find_name_actor(struct dir_context *ctx, const char *name, int namelen, loff_t pos,
			    u64 ino, unsigned int d_type)
{
	struct find_name_ctx *f = container_of(ctx, struct find_name_ctx, ctx);

	(void)pos;
	(void)d_type;
	if (ino != f->ino || is_dot_or_dotdot(name, namelen))
		return true;
	memcpy(f->name, name, namelen);
	f->name[namelen] = '\0';
	f->found = true;
	return false;
}

/* The name of child in directory dir, by reading dir (as getcwd did before dcache). */
static int find_name(struct inode *dir, struct inode *child, char *name)
{
	struct find_name_ctx f = { { find_name_actor, 0 }, child->ino, name, false };
	struct file *file = open_inode(dir, O_RDONLY | O_DIRECTORY);

	if (IS_ERR(file))
		return (int)PTR_ERR(file);
	if (file->f_op->iterate_shared)
		file->f_op->iterate_shared(file, &f.ctx);
	fput(file);
	return f.found ? 0 : -ENOENT;
}

int inode_path(struct inode *dir, char *buf, size_t size)
{
	char name[NAME_MAX + 1];
	size_t len = 0; /* bytes of the path, kept at the end of buf */

	if (size < 2)
		return -ERANGE;
	while (dir != root_inode) {
		struct inode *here = dir->mountpoint ? dir->mountpoint : dir;
		size_t n;
		int err = find_name(here->parent, here, name);

		if (err)
			return err;
		n = strlen(name);
		if (len + n + 2 > size)
			return -ERANGE;
		memcpy(buf + size - len - n, name, n);
		buf[size - len - n - 1] = '/';
		len += n + 1;
		dir = here->parent;
	}
	if (!len) {
		strlcpy(buf, "/", size);
		return 1;
	}
	memmove(buf, buf + size - len, len);
	buf[len] = '\0';
	return (int)len;
}

/*
 * The root file system from the initramfs (Linux's init/initramfs.c).
 *
 * populate_rootfs makes "/" an empty ramfs, creates /dev and /dev/console
 * (what Linux's built-in default initramfs holds), then unpacks every boot
 * module that is a cpio newc archive, in the order the loader lists them.
 * A member replaces whatever an earlier one put at the same name (a
 * regular file is truncated and rewritten; an entry of another type is
 * removed first), so a second archive given to QEMU's -initrd overrides or
 * adds files without a rebuild. Parent directories missing from an archive
 * are created (0755). Hard links work as Linux's do_name: the first
 * member with nlink > 1 is remembered by its inode number, and a later one
 * with the same number becomes a second name for the same inode (cpio
 * stores the data with the last name). Symbolic links are not supported:
 * such members are skipped with a log line, as are names with a ".."
 * component and names longer than PATH_MAX.
 *
 * The module memory stays reserved after unpacking: the physical-memory
 * code offers no way to give reserved ranges back to the buddy allocator
 * (Linux frees them and logs "Freeing initrd memory: NK").
 */
#include "fs/cpio.h"
#include "fs/fs.h"
#include "kernel/multiboot.h"
#include "kernel/lib/string.h"
#include "mm/layout.h"
#include "mm/mm.h"
#include "mm/slab.h"

/* A member with nlink > 1 already unpacked (Linux's struct hash in init/initramfs.c). */
struct hardlink {
	struct hardlink *next;
	u32 ino;
	struct inode *inode; /* referenced */
};

struct unpack {
	struct inode *root;
	int err;		/* the first error of any member */
	struct hardlink *links; /* this archive's linked members */
};

/* The directory that the last component of name is in, created as needed; referenced or ERR_PTR. */
static struct inode *make_parents(struct inode *root, const char *name, const char **last)
{
	struct inode *dir = igrab(root);
	const char *s = name, *slash;

	while ((slash = strchr(s, '/'))) {
		size_t len = (size_t)(slash - s);
		struct inode *next = NULL;

		if (len) {
			next = dir->i_op->lookup(dir, s, len);
			if (!next) {
				int err = dir->i_op->create(dir, s, len, S_IFDIR | 0755, 0, &next);

				if (err)
					next = ERR_PTR(err);
			} else if (!S_ISDIR(next->mode)) {
				iput(next);
				next = ERR_PTR(-ENOTDIR);
			}
			iput(dir);
			if (IS_ERR(next))
				return next;
			dir = next;
		}
		s = slash + 1;
	}
	*last = s;
	return dir;
}

/* Write a member's data into the regular file inode. */
static int write_data(struct inode *inode, const struct cpio_entry *e)
{
	struct file *f = open_inode(inode, O_WRONLY);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	n = kernel_write(f, e->data, e->size, &pos);
	fput(f);
	if (n < 0)
		return (int)n;
	return (u32)n == e->size ? 0 : -ENOSPC;
}

/* The inode an earlier member with e's inode number became, or NULL. */
static struct inode *find_hardlink(struct unpack *u, const struct cpio_entry *e)
{
	struct hardlink *h;

	for (h = u->links; h; h = h->next)
		if (h->ino == e->ino)
			return h->inode;
	return NULL;
}

/* Remember inode as member e's (nlink > 1); 0 or -ENOMEM. */
static int remember_hardlink(struct unpack *u, const struct cpio_entry *e, struct inode *inode)
{
	struct hardlink *h = kmalloc(sizeof(*h), GFP_KERNEL);

	if (!h)
		return -ENOMEM;
	h->ino = e->ino;
	h->inode = igrab(inode);
	h->next = u->links;
	u->links = h;
	return 0;
}

static void free_hardlinks(struct unpack *u)
{
	while (u->links) {
		struct hardlink *h = u->links;

		u->links = h->next;
		iput(h->inode);
		kfree(h);
	}
}

/* name in dir becomes another name for target (replacing what was there), with e's data. */
static int link_member(struct inode *dir, const char *name, struct inode *target,
		       const struct cpio_entry *e)
{
	size_t len = strlen(name);
	struct inode *old = dir->i_op->lookup(dir, name, len);
	int err = 0;

	if (old != target) {
		if (old)
			err = S_ISDIR(old->mode) ? vfs_rmdir(dir, name, len, old)
						 : vfs_unlink(dir, name, len, old);
		if (!err)
			err = dir->i_op->link ? dir->i_op->link(target, dir, name, len) : -EPERM;
	}
	iput(old);
	if (!err && e->size) {
		err = target->i_op->truncate(target, 0);
		if (!err)
			err = write_data(target, e);
	}
	return err;
}

/* Create name in dir as the member describes, replacing what was there. */
/* A symbolic link whose target is the member's data, as cpio stores it; 0 or -errno. */
static int symlink_member(struct inode *dir, const char *name, size_t len,
			  const struct cpio_entry *e)
{
	char *target;
	int err;

	if (!e->size || e->size >= PATH_MAX || !dir->i_op->symlink)
		return -EINVAL;
	target = kmalloc(e->size + 1, GFP_KERNEL);
	if (!target)
		return -ENOMEM;
	memcpy(target, e->data, e->size);
	target[e->size] = '\0';
	err = dir->i_op->symlink(dir, name, len, target);
	kfree(target);
	return err;
}

static int create_member(struct unpack *u, struct inode *dir, const char *name,
			 const struct cpio_entry *e)
{
	size_t len = strlen(name);
	umode_t mode = (umode_t)e->mode;
	struct inode *old = dir->i_op->lookup(dir, name, len), *inode = NULL;
	int err = 0;

	if (old && (old->mode & S_IFMT) == (mode & S_IFMT) && (S_ISDIR(mode) || S_ISREG(mode))) {
		old->mode = mode;
		inode = old; /* a directory stays with its entries; a file is rewritten */
		if (S_ISREG(mode))
			err = inode->i_op->truncate(inode, 0);
	} else {
		if (old) {
			err = S_ISDIR(old->mode) ? vfs_rmdir(dir, name, len, old)
						 : vfs_unlink(dir, name, len, old);
			iput(old);
		}
		if (!err && S_ISLNK(mode))
			return symlink_member(dir, name, len, e);
		if (!err)
			err = dir->i_op->create(dir, name, len, mode,
						MKDEV(e->rdevmajor, e->rdevminor), &inode);
	}
	if (!err && S_ISREG(mode))
		err = write_data(inode, e);
	if (!err)
		inode->mtime = e->mtime;
	if (!err && e->nlink > 1 && !S_ISDIR(mode))
		err = remember_hardlink(u, e, inode);
	iput(inode);
	return err;
}

/* Does name have a ".." component ("..", "../x", "x/..", "x/../y")? */
static bool has_dotdot(const char *name)
{
	const char *s = name;

	while ((s = strstr(s, ".."))) {
		if ((s == name || s[-1] == '/') && (s[2] == '\0' || s[2] == '/'))
			return true;
		s += 2;
	}
	return false;
}

/*
 * Names the unpacker refuses, with a log line each: a ".." component
 * could reach outside the root (Linux's initramfs refuses them), and a
 * name longer than PATH_MAX could never be looked up.
 */
static bool refuse_name(const char *name)
{
	size_t len = strnlen(name, PATH_MAX + 1);

	if (len > PATH_MAX) {
		pr_warn("initramfs: a name of %zu bytes, longer than PATH_MAX, skipped\n",
			strlen(name));
		return true;
	}
	if (has_dotdot(name)) {
		pr_warn("initramfs: %s: a \"..\" component, skipped\n", name);
		return true;
	}
	return false;
}

static int unpack_member(const struct cpio_entry *e, void *arg)
{
	struct unpack *u = arg;
	const char *name = e->name, *last;
	struct inode *dir;
	int err;

	while (name[0] == '.' && name[1] == '/')
		name += 2;
	while (*name == '/')
		name++;
	if (!*name || !strcmp(name, "."))
		return 0; /* the root itself */
	if (refuse_name(name))
		return 0;
	if (S_ISSOCK(e->mode)) {
		pr_warn("initramfs: %s: sockets are not supported, skipped\n", name);
		return 0;
	}
	dir = make_parents(u->root, name, &last);
	if (IS_ERR(dir)) {
		err = (int)PTR_ERR(dir);
	} else {
		struct inode *target =
		    e->nlink > 1 && !S_ISDIR(e->mode) ? find_hardlink(u, e) : NULL;

		if (!*last)
			err = 0;
		else if (target)
			err = link_member(dir, last, target, e);
		else
			err = create_member(u, dir, last, e);
		iput(dir);
	}
	if (err) {
		pr_err("initramfs: %s: error %d\n", name, err);
		if (!u->err)
			u->err = err;
	}
	return err == -ENOMEM || err == -ENOSPC ? err : 0; /* out of memory: stop */
}

int unpack_to_rootfs(struct inode *root, const void *buf, size_t len)
{
	struct unpack u = { root, 0, NULL };
	int err = cpio_walk(buf, len, unpack_member, &u);

	free_hardlinks(&u);
	return err ? err : u.err;
}

static bool is_cpio(const void *buf, size_t len)
{
	return len >= 6 && (!memcmp(buf, "070701", 6) || !memcmp(buf, "070702", 6));
}

/*
 * /dev and /dev/console (c 5 1), as Linux's default initramfs list has
 * them, and /dev/null (c 1 3), /dev/zero (c 1 5), /dev/random (c 1 8),
 * /dev/urandom (c 1 9) and /dev/tty (c 5 0), which Linux's devtmpfs would
 * provide (there is no devtmpfs here).
 */
static void default_rootfs(void)
{
	static const struct {
		const char *name;
		umode_t mode;
		dev_t rdev;
	} nodes[] = {
		{ "console", S_IFCHR | 0600, MKDEV(5, 1) },
		{ "null", S_IFCHR | 0666, MKDEV(1, 3) },
		{ "zero", S_IFCHR | 0666, MKDEV(1, 5) },
		{ "random", S_IFCHR | 0666, MKDEV(1, 8) },
		{ "urandom", S_IFCHR | 0666, MKDEV(1, 9) },
		{ "tty", S_IFCHR | 0666, MKDEV(5, 0) },
	};
	struct inode *dev, *node;
	size_t i;

	if (root_inode->i_op->create(root_inode, "dev", 3, S_IFDIR | 0755, 0, &dev))
		panic("default_rootfs: cannot create /dev");
	for (i = 0; i < ARRAY_SIZE(nodes); i++) {
		if (dev->i_op->create(dev, nodes[i].name, strlen(nodes[i].name), nodes[i].mode,
				      nodes[i].rdev, &node))
			panic("default_rootfs: cannot create /dev/%s", nodes[i].name);
		iput(node);
	}
	iput(dev);
}

void populate_rootfs(void)
{
	int i;

	init_rootfs();
	default_rootfs();
	for (i = 0; i < boot_params.nr_modules; i++) {
		const struct boot_module *m = &boot_params.modules[i];
		const void *buf = phys_to_virt(m->start);
		size_t len = m->end - m->start;
		int err;

		if (m->end > (u64)max_low_pfn << PAGE_SHIFT) {
			pr_err("Initramfs unpacking failed: module %d is above low memory\n", i);
			continue;
		}
		if (!is_cpio(buf, len)) {
			pr_info("initramfs: module %d (%s) is not a cpio archive, skipped\n", i,
				m->cmdline);
			continue;
		}
		pr_info("Trying to unpack rootfs image as initramfs...\n");
		err = unpack_to_rootfs(root_inode, buf, len);
		if (err)
			pr_emerg("Initramfs unpacking failed: %s (error %d)\n",
				 err == -EINVAL ? "broken cpio archive" : "cannot create a file",
				 err);
	}
}

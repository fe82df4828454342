/*
 * The /proc file system: inodes, directories, and open files that render
 * their text at open (see fs/proc/internal.h).
 *
 *   /proc                 proc_root: root_entries + one directory per pid + "self"
 *   /proc/PID             proc_pid_entries (base.c), pid in the inode
 *   /proc/self            the caller's /proc/PID (a directory here; Linux
 *                         makes it a symbolic link to PID)
 *   /proc/sys/vm          proc_sys_entries (proc_sysctl.c)
 *
 * Inodes other than the root are made at each lookup and freed when the
 * last reference goes (nlink 0). A /proc/PID file opened after its process
 * is gone gives ESRCH, as Linux's does once the task is reaped.
 *
 * Permissions: everything runs as root, but as in Linux the mode of a
 * proc file still decides: opening a file without 0200 for writing, or
 * without 0400 (drop_caches) for reading, fails with EACCES.
 */
#include "ipc/shm.h"
#include "fs/proc/internal.h"
#include "kernel/lib/string.h"
#include "mm/slab.h"

/* ---- seq_file ------------------------------------------------------------- */

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list ap;
	size_t room = m->count < m->size ? m->size - m->count : 0;

	va_start(ap, fmt);
	m->count += (size_t)vsnprintf(m->buf + m->count, room, fmt, ap);
	va_end(ap);
	if (m->count > m->size)
		m->count = m->size; /* overflowed: the caller grows the buffer */
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_printf(m, "%s", s);
}

void seq_putc(struct seq_file *m, char c)
{
	seq_printf(m, "%c", c);
}

/* Pad with spaces so the line (begun at offset line_start) is col characters wide. */
void seq_pad_to(struct seq_file *m, size_t col, size_t line_start)
{
	while (m->count - line_start < col && !seq_has_overflowed(m))
		seq_putc(m, ' ');
}

/* vsnprintf always leaves the last byte for the NUL: a full buffer may be truncated. */
bool seq_has_overflowed(const struct seq_file *m)
{
	return m->count + 1 >= m->size;
}

/* ---- inodes ------------------------------------------------------------------ */

static const struct inode_operations proc_dir_inode_operations;
static const struct inode_operations proc_file_inode_operations;
static const struct file_operations proc_dir_operations;
static const struct file_operations proc_file_operations;

static struct inode *proc_get_inode(const struct proc_entry *pde, pid_t pid)
{
	struct proc_inode *pi = kzalloc(sizeof(*pi), GFP_KERNEL);

	if (!pi)
		return ERR_PTR(-ENOMEM);
	inode_init(&pi->vfs_inode, pde->mode);
	pi->pde = pde;
	pi->pid = pid;
	if (S_ISDIR(pde->mode)) {
		pi->vfs_inode.i_op = &proc_dir_inode_operations;
		pi->vfs_inode.i_fop = &proc_dir_operations;
	} else {
		pi->vfs_inode.i_op = &proc_file_inode_operations;
		pi->vfs_inode.i_fop = &proc_file_operations;
	}
	return &pi->vfs_inode;
}

static void proc_evict_inode(struct inode *inode)
{
	if (inode->parent)
		iput(inode->parent);
	kfree(PROC_I(inode));
}

static const struct proc_entry sysvipc_entries[] = {
	{ "shm", S_IFREG | 0444, sysvipc_shm_proc_show, NULL, NULL },
	{},
};

static const struct proc_entry root_entries[] = {
	{ "meminfo", S_IFREG | 0444, meminfo_proc_show, NULL, NULL },
	{ "vmstat", S_IFREG | 0444, vmstat_show, NULL, NULL },
	{ "zoneinfo", S_IFREG | 0444, zoneinfo_show, NULL, NULL },
	{ "buddyinfo", S_IFREG | 0444, frag_show, NULL, NULL },
	{ "swaps", S_IFREG | 0444, swaps_proc_show, NULL, NULL },
	{ "mounts", S_IFREG | 0444, mounts_proc_show, NULL, NULL },
	{ "diskstats", S_IFREG | 0444, diskstats_show, NULL, NULL },
	{ "uptime", S_IFREG | 0444, uptime_proc_show, NULL, NULL },
	{ "loadavg", S_IFREG | 0444, loadavg_proc_show, NULL, NULL },
	{ "interrupts", S_IFREG | 0444, interrupts_proc_show, NULL, NULL },
	{ "stat", S_IFREG | 0444, show_stat, NULL, NULL },
	{ "version", S_IFREG | 0444, version_proc_show, NULL, NULL },
	{ "cpuinfo", S_IFREG | 0444, cpuinfo_proc_show, NULL, NULL },
	{ "filesystems", S_IFREG | 0444, filesystems_proc_show, NULL, NULL },
	{ "sys", S_IFDIR | 0555, NULL, NULL, proc_sys_entries },
	{ "sysvipc", S_IFDIR | 0555, NULL, NULL, sysvipc_entries },
	{},
};

static const struct proc_entry proc_root_entry = { "/", S_IFDIR | 0555, NULL, NULL, root_entries };
static const struct proc_entry proc_pid_dir_entry = { "PID", S_IFDIR | 0555, NULL, NULL,
						      proc_pid_entries };

/* "123" -> 123; 0 if name is not a plain decimal pid. */
static pid_t name_to_pid(const char *name, size_t len)
{
	pid_t pid = 0;
	size_t i;

	if (!len || len > 5 || name[0] == '0')
		return 0;
	for (i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return 0;
		pid = pid * 10 + (name[i] - '0');
	}
	return pid < PID_MAX ? pid : 0;
}

/*
 * The trees proc_mount_tree mounted, in mount order (/proc/mounts lists
 * them), and the directory each covers. Lookup makes a new inode each time;
 * a directory that is a mount point must come back as the inode the mount
 * hangs on (debugfs on sysfs's kernel/debug), so lookup asks here first.
 */
static struct {
	const char *type, *path;
	struct inode *covered;
} proc_trees[4];
static unsigned int nr_proc_trees;

/* The covered directory pde names, with a reference, or NULL if it is not one. */
static struct inode *proc_mountpoint(const struct proc_entry *pde, pid_t pid)
{
	unsigned int i;

	for (i = 0; i < nr_proc_trees; i++) {
		struct inode *dir = proc_trees[i].covered;

		if (dir && dir->i_op == &proc_dir_inode_operations && PROC_I(dir)->pde == pde &&
		    PROC_I(dir)->pid == pid)
			return igrab(dir);
	}
	return NULL;
}

static struct inode *proc_lookup(struct inode *dir, const char *name, size_t len)
{
	struct proc_inode *pdir = PROC_I(dir);
	const struct proc_entry *pde;
	struct inode *inode;
	pid_t pid = pdir->pid;

	for (pde = pdir->pde->children; pde->name; pde++)
		if (strlen(pde->name) == len && !memcmp(pde->name, name, len))
			goto found;
	if (pdir->pde != &proc_root_entry)
		return NULL;
	if (len == 4 && !memcmp(name, "self", 4))
		pid = current->pid;
	else
		pid = name_to_pid(name, len);
	if (!pid || !find_task_by_pid(pid))
		return NULL;
	pde = &proc_pid_dir_entry;
found:
	inode = proc_mountpoint(pde, pid);
	if (inode)
		return inode;
	inode = proc_get_inode(pde, pid);
	if (!IS_ERR(inode))
		inode->parent = igrab(dir);
	return inode;
}

#define PROC_INO_BASE 0xF0000000ULL /* readdir's inode numbers: entries, then pids */
#define PROC_PID_INO_BASE 0xF1000000ULL

static int proc_readdir(struct file *file, struct dir_context *ctx)
{
	struct proc_inode *pdir = PROC_I(file->inode);
	const struct proc_entry *pde = pdir->pde->children;
	struct task_struct *p;
	loff_t n = 0, i;
	char name[12];

	for (i = 0; pde[i].name; i++, n++) {
		if (ctx->pos > n)
			continue;
		/* d_ino 0 means "deleted" to a C library's readdir: give each a number */
		if (!dir_emit(ctx, pde[i].name, (int)strlen(pde[i].name), PROC_INO_BASE + (u64)i,
			      fs_umode_to_dtype(pde[i].mode)))
			return 0;
		ctx->pos++;
	}
	if (pdir->pde != &proc_root_entry)
		return 0;
	if (ctx->pos <= n) {
		if (!dir_emit(ctx, "self", 4, PROC_INO_BASE - 1, DT_DIR))
			return 0;
		ctx->pos++;
	}
	n++;
	/* Then the pids in task-list order; pos counts them (a pid that exits shifts later ones).
	 */
	for_each_process(p) {
		if (p->pid == 0 || p->exit_state == EXIT_DEAD)
			continue;
		if (ctx->pos > n++)
			continue;
		if (!dir_emit(ctx, name, snprintf(name, sizeof(name), "%d", p->pid),
			      PROC_PID_INO_BASE + (u64)p->pid, DT_DIR))
			return 0;
		ctx->pos++;
	}
	return 0;
}

/* ---- files ------------------------------------------------------------------- */

/* The task a /proc/PID inode stands for, or NULL (reaped). NULL task for global files. */
static int proc_task(struct inode *inode, struct task_struct **task)
{
	pid_t pid = PROC_I(inode)->pid;

	*task = NULL;
	if (!pid)
		return 0;
	*task = find_task_by_pid(pid);
	return *task ? 0 : -ESRCH;
}

/* Render the text into a buffer big enough for it (doubling from 4 KiB). */
static int proc_render(struct inode *inode, struct seq_file *m)
{
	const struct proc_entry *pde = PROC_I(inode)->pde;
	struct task_struct *task;
	size_t size;
	int err;

	for (size = 4096; size <= PROC_BUF_MAX; size *= 2) {
		m->buf = kmalloc(size, GFP_KERNEL);
		if (!m->buf)
			return -ENOMEM;
		m->size = size;
		m->count = 0;
		m->buf[0] = '\0';
		/* Look the task up after allocating: kmalloc may sleep and the task exit. */
		err = proc_task(inode, &task);
		if (!err)
			err = pde->show(m, task);
		if (err || !seq_has_overflowed(m))
			return err;
		kfree(m->buf);
		m->buf = NULL;
	}
	panic("procfs: %s needs more than %d bytes", pde->name, PROC_BUF_MAX);
}

static int proc_reg_open(struct inode *inode, struct file *file)
{
	const struct proc_entry *pde = PROC_I(inode)->pde;
	struct seq_file *m;
	struct task_struct *task;
	int err;

	if (((file->f_mode & FMODE_WRITE) && !(pde->mode & 0200)) ||
	    ((file->f_mode & FMODE_READ) && !(pde->mode & 0400)))
		return -EACCES;
	err = proc_task(inode, &task);
	if (err)
		return err;
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	if ((file->f_mode & FMODE_READ) && pde->show) {
		err = proc_render(inode, m);
		if (err) {
			kfree(m);
			return err;
		}
	}
	file->private_data = m;
	return 0;
}

static void proc_reg_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	(void)inode;
	kfree(m->buf);
	kfree(m);
}

static ssize_t proc_reg_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct seq_file *m = file->private_data;
	size_t n, done;

	if (!m->buf || *pos >= (loff_t)m->count)
		return 0;
	n = min(to->count, m->count - (size_t)*pos);
	done = copy_to_iter(m->buf + *pos, n, to);
	if (!done)
		return -EFAULT;
	*pos += (loff_t)done;
	return (ssize_t)done;
}

/*
 * One write is one value (as Linux's sysctl and oom_score_adj writes):
 * up to 255 bytes, given to the entry's write whole. A short or refused
 * write changes nothing.
 */
static ssize_t proc_reg_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	const struct proc_entry *pde = PROC_I(file->inode)->pde;
	struct task_struct *task;
	size_t len = from->count;
	char buf[256];
	int err;

	if (!pde->write)
		return -EIO;
	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_iter(buf, len, from) != len)
		return -EFAULT;
	buf[len] = '\0';
	err = proc_task(file->inode, &task);
	if (!err)
		err = pde->write(task, buf, len);
	if (err)
		return err;
	*pos += (loff_t)len;
	return (ssize_t)len;
}

static const struct inode_operations proc_dir_inode_operations = {
	.lookup = proc_lookup,
	.evict_inode = proc_evict_inode,
};
static const struct inode_operations proc_file_inode_operations = {
	.evict_inode = proc_evict_inode,
};
static const struct file_operations proc_dir_operations = {
	.iterate_shared = proc_readdir,
};
static const struct file_operations proc_file_operations = {
	.open = proc_reg_open,
	.read_iter = proc_reg_read,
	.write_iter = proc_reg_write,
	.llseek = generic_file_llseek,
	.release = proc_reg_release,
};

int proc_mount_tree(const char *type, const char *path, const struct proc_entry *tree)
{
	struct inode *root = proc_get_inode(tree, 0);
	int err;

	if (IS_ERR(root))
		return (int)PTR_ERR(root);
	if (nr_proc_trees == ARRAY_SIZE(proc_trees))
		return -ENOSPC;
	root->nlink = 1;     /* the mount holds it forever */
	root->parent = root; /* ".." from a mounted root leaves through the mount point */
	err = mount_at(path, root);
	if (err == -ENOENT) { /* /proc and /sys are made here; kernel/debug is sysfs's own */
		err = do_mkdirat(NULL, path, 0555);
		if (!err)
			err = mount_at(path, root);
	}
	if (!err) {
		proc_trees[nr_proc_trees].type = type;
		proc_trees[nr_proc_trees].path = path;
		proc_trees[nr_proc_trees++].covered = root->mountpoint;
	}
	return err;
}

void proc_mounts_show(struct seq_file *m)
{
	unsigned int i;

	for (i = 0; i < nr_proc_trees; i++)
		seq_printf(m, "%s %s %s rw,relatime 0 0\n", proc_trees[i].type, proc_trees[i].path,
			   proc_trees[i].type);
}

/* Make /proc and mount the proc root on it (Linux's proc_root_init). */
void proc_root_init(void)
{
	int err = proc_mount_tree("proc", "/proc", &proc_root_entry);

	if (err)
		panic("proc_root_init: cannot mount /proc (error %d)", err);
}

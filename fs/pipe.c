/*
 * Pipes (Linux's fs/pipe.c, with a one-page ring instead of sixteen).
 *
 * pipe(2) makes an anonymous FIFO inode with a pipe_inode_info and two
 * open files on it: fds[0] reads, fds[1] writes. The buffer is one page
 * used as a ring; head and tail count bytes ever written and read, so
 * head - tail is what the ring holds.
 *
 *   read:  waits while the ring is empty and a writer exists; returns
 *          what is there (up to count), or 0 (end of file) when no writer
 *          is left.
 *   write: with no reader left, SIGPIPE to the writer and EPIPE. A write
 *          of at most PIPE_BUF bytes waits until it fits whole, so it is
 *          never interleaved with another writer's (atomic); a larger one
 *          goes in pieces as room appears.
 *   Both return -ERESTARTSYS if a signal arrives before anything moved
 *   (EINTR for the caller, or the call restarts under SA_RESTART: see
 *   kernel/signal_32.c), or -EAGAIN instead of waiting under O_NONBLOCK.
 *
 * Readers and writers are counted per open file, so fork and dup share
 * an end and only the last close of an end counts.
 */
#include "fs/file.h"
#include "fs/internal.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/uaccess.h"
#include "kernel/wait.h"
#include "uapi/asm-generic/poll.h"
#include "mm/gfp.h"
#include "mm/layout.h"
#include "mm/slab.h"

#define PIPE_SIZE PAGE_SIZE
#define FIONREAD 0x541B

struct pipe_inode_info {
	char *buf;
	unsigned long head, tail;      /* bytes ever written / read */
	unsigned int readers, writers; /* open files of each end */
	wait_queue_head_t rd_wait, wr_wait;
};

static unsigned long pipe_len(const struct pipe_inode_info *p)
{
	return p->head - p->tail;
}

static ssize_t pipe_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct pipe_inode_info *p = file->inode->i_pipe;
	size_t done = 0;

	(void)pos;
	while (!pipe_len(p)) {
		if (!p->writers)
			return 0;
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		int err = wait_event_interruptible(p->rd_wait, pipe_len(p) || !p->writers);

		if (err)
			return err;
	}
	while (to->count && pipe_len(p)) {
		size_t off = p->tail % PIPE_SIZE;
		size_t n = min(min(pipe_len(p), PIPE_SIZE - off), to->count);
		size_t got = copy_to_iter(p->buf + off, n, to);

		if (got < n) /* as Linux: a partial copy consumes nothing */
			break;
		p->tail += got;
		done += got;
	}
	if (done)
		wake_up(&p->wr_wait);
	return done ? (ssize_t)done : -EFAULT;
}

static ssize_t pipe_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	struct pipe_inode_info *p = file->inode->i_pipe;
	size_t total = from->count, done = 0;
	bool atomic = total <= PIPE_BUF;

	(void)pos;
	while (from->count) {
		size_t room, off, n, got;

		if (!p->readers) {
			send_sig(SIGPIPE, current);
			return done ? (ssize_t)done : -EPIPE;
		}
		room = PIPE_SIZE - pipe_len(p);
		if (!room || (atomic && room < total)) {
			if (file->f_flags & O_NONBLOCK)
				return done ? (ssize_t)done : -EAGAIN;
			int err = wait_event_interruptible(p->wr_wait,
							   !p->readers || PIPE_SIZE - pipe_len(p) >=
									      (atomic ? total : 1));

			if (err)
				return done ? (ssize_t)done : err;
			continue;
		}
		off = p->head % PIPE_SIZE;
		n = min(min(room, PIPE_SIZE - off), from->count);
		got = copy_from_iter(p->buf + off, n, from);
		p->head += got;
		done += got;
		wake_up(&p->rd_wait);
		if (got < n)
			return done ? (ssize_t)done : -EFAULT;
	}
	return done;
}

static int pipe_open(struct inode *inode, struct file *file)
{
	if (file->f_mode & FMODE_READ)
		inode->i_pipe->readers++;
	if (file->f_mode & FMODE_WRITE)
		inode->i_pipe->writers++;
	return 0;
}

static void pipe_release(struct inode *inode, struct file *file)
{
	struct pipe_inode_info *p = inode->i_pipe;

	if (file->f_mode & FMODE_READ)
		p->readers--;
	if (file->f_mode & FMODE_WRITE)
		p->writers--;
	wake_up(&p->rd_wait);
	wake_up(&p->wr_wait);
}

/*
 * poll (Linux's pipe_poll): the read end is readable with data, and hung
 * up (POLLHUP) once no writer is left; the write end is writable with
 * room for PIPE_BUF bytes, and POLLERR once no reader is left.
 */
static unsigned int pipe_poll(struct file *file, struct wait_queue_head **wait)
{
	struct pipe_inode_info *p = file->inode->i_pipe;
	unsigned int mask = 0;

	if (file->f_mode & FMODE_READ) {
		*wait = &p->rd_wait;
		if (pipe_len(p))
			mask |= POLLIN | POLLRDNORM;
		if (!p->writers)
			mask |= POLLHUP;
	}
	if (file->f_mode & FMODE_WRITE) {
		if (!(file->f_mode & FMODE_READ))
			*wait = &p->wr_wait;
		if (PIPE_SIZE - pipe_len(p) >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (!p->readers)
			mask |= POLLERR;
	}
	return mask;
}

/* FIONREAD: the bytes waiting in the pipe. */
static long pipe_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	if (cmd != FIONREAD)
		return -ENOTTY;
	return put_user_int((int)pipe_len(file->inode->i_pipe), (int __user *)arg);
}

static const struct file_operations pipefifo_fops = {
	.open = pipe_open,
	.read_iter = pipe_read,
	.write_iter = pipe_write,
	.poll = pipe_poll,
	.unlocked_ioctl = pipe_ioctl,
	.release = pipe_release,
};

static void pipe_evict_inode(struct inode *inode)
{
	free_page((unsigned long)inode->i_pipe->buf);
	kfree(inode->i_pipe);
	kfree(inode);
}

static const struct inode_operations pipe_inode_operations = {
	.evict_inode = pipe_evict_inode,
};

/* An anonymous FIFO inode with an empty ring (count 1), or NULL. */
static struct inode *get_pipe_inode(void)
{
	struct inode *inode = kzalloc(sizeof(*inode), GFP_KERNEL);
	struct pipe_inode_info *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!inode || !p || !(p->buf = (char *)__get_free_page(GFP_KERNEL))) {
		kfree(p);
		kfree(inode);
		return NULL;
	}
	init_waitqueue_head(&p->rd_wait);
	init_waitqueue_head(&p->wr_wait);
	inode_init(inode, S_IFIFO | 0600);
	inode->i_op = &pipe_inode_operations;
	inode->i_fop = &pipefifo_fops;
	inode->i_pipe = p;
	return inode;
}

/* The two open files of a new pipe in res[0] (read) and res[1] (write); 0 or -ENOMEM. */
int create_pipe_files(struct file **res, int flags)
{
	struct inode *inode = get_pipe_inode();
	int err = -ENOMEM;

	if (!inode)
		return err;
	res[0] = open_inode(inode, O_RDONLY | (flags & O_NONBLOCK));
	if (IS_ERR(res[0]))
		goto fail;
	res[1] = open_inode(inode, O_WRONLY | (flags & O_NONBLOCK));
	if (IS_ERR(res[1])) {
		fput(res[0]);
		goto fail;
	}
	iput(inode); /* the two files hold it now */
	return 0;
fail:
	iput(inode);
	return err;
}

/* pipe2(fds, flags): pipe with O_CLOEXEC and O_NONBLOCK on both ends; -EINVAL for others. */
long sys_pipe2(int __user *fds, int flags)
{
	struct file *files[2];
	bool cloexec = flags & O_CLOEXEC;
	int fd[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	err = create_pipe_files(files, flags);
	if (err)
		return err;
	fd[0] = fd_install_lowest(files[0], cloexec);
	if (fd[0] < 0) {
		fput(files[1]);
		return fd[0];
	}
	fd[1] = fd_install_lowest(files[1], cloexec);
	if (fd[1] < 0) {
		sys_close(fd[0]);
		return fd[1];
	}
	if (copy_to_user(fds, fd, sizeof(fd))) {
		sys_close(fd[0]);
		sys_close(fd[1]);
		return -EFAULT;
	}
	return 0;
}

long sys_pipe(int __user *fds)
{
	return sys_pipe2(fds, 0);
}

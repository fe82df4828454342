/*
 * Inode reference counting.
 *
 * An inode stays alive while anything refers to it: a name in a directory
 * (nlink) or a reference (count: an open file, a working directory, a
 * lookup in progress). When both reach zero the file system frees it with
 * i_op->evict_inode. Linux keeps unused inodes cached for reuse; a RAM file
 * system has nothing to re-read, so they are freed at once. A directory
 * knows its parent (inode->parent), which is how is_subdir tells whether a
 * rename would move a directory into itself (Linux follows dentries).
 */
#include "fs/fs.h"
#include "mm/slab.h"

struct inode *root_inode;

unsigned long get_next_ino(void)
{
	static unsigned long last_ino;

	return ++last_ino;
}

void inode_init(struct inode *inode, umode_t mode)
{
	inode->mode = mode;
	inode->ino = get_next_ino();
	inode->count = 1;
}

struct inode *igrab(struct inode *inode)
{
	if (inode->count < 0 || (!inode->count && !inode->nlink))
		panic("igrab: inode %lu already freed", inode->ino);
	inode->count++;
	return inode;
}

void iput(struct inode *inode)
{
	if (!inode)
		return;
	if (inode->count <= 0)
		panic("iput: inode %lu already unused", inode->ino);
	if (--inode->count || inode->nlink)
		return;
	if (inode->i_op && inode->i_op->evict_inode)
		inode->i_op->evict_inode(inode);
	else
		kfree(inode);
}

bool is_subdir(struct inode *dir, struct inode *anc)
{
	for (;;) {
		if (dir == anc)
			return true;
		if (!dir->parent || dir->parent == dir)
			return false;
		dir = dir->parent;
	}
}

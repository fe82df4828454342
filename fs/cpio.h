/* Reading cpio "newc" archives, the initramfs format (see fs/cpio.c). */
#ifndef FS_CPIO_H
#define FS_CPIO_H

#include "kernel/types.h"
#include "uapi/linux/stat.h"

/* One archive member, as cpio_walk hands it to the actor. */
struct cpio_entry {
	const char *name; /* NUL-terminated, inside the archive buffer */
	u32 mode;	  /* file type and permissions (S_IFREG | 0755 ...) */
	u32 ino;
	u32 nlink;
	u32 mtime;
	u32 rdevmajor, rdevminor; /* for device nodes */
	const void *data;	  /* size bytes inside the archive buffer */
	u32 size;
};

typedef int (*cpio_actor_t)(const struct cpio_entry *e, void *arg);

int cpio_walk(const void *buf, size_t len, cpio_actor_t actor, void *arg);

#endif

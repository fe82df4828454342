/*
 * lseek(2) whence values (Linux's include/uapi/linux/fs.h), and getdents64's
 * d_type values, which Linux keeps in include/linux/fs_types.h (glibc copies
 * them into dirent.h): here both sit with the rest of the ABI.
 */
#ifndef UAPI_LINUX_FS_H
#define UAPI_LINUX_FS_H

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

/* renameat2(2) flags */
#define RENAME_NOREPLACE (1 << 0) /* fail with EEXIST rather than replace */
#define RENAME_EXCHANGE (1 << 1)  /* swap the two names */
#define RENAME_WHITEOUT (1 << 2)  /* leave a whiteout (overlayfs) */

#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12

#endif

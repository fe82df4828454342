/*
 * File types in a mode (Linux's include/uapi/linux/stat.h, octal values):
 * shared by the cpio parser (which must build without the VFS), the VFS
 * and user programs. A host test may already have them from <sys/stat.h>.
 */
#ifndef UAPI_LINUX_STAT_H
#define UAPI_LINUX_STAT_H

#ifndef S_IFMT
#define S_IFMT 0170000
#define S_IFSOCK 0140000
#define S_IFLNK 0120000
#define S_IFREG 0100000
#define S_IFBLK 0060000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFIFO 0010000
#endif
#ifndef S_ISREG /* (a host test may have them from <sys/stat.h>) */
#define S_ISREG(m) (((m)&S_IFMT) == S_IFREG)
#define S_ISDIR(m) (((m)&S_IFMT) == S_IFDIR)
#define S_ISCHR(m) (((m)&S_IFMT) == S_IFCHR)
#define S_ISBLK(m) (((m)&S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m)&S_IFMT) == S_IFIFO)
#define S_ISLNK(m) (((m)&S_IFMT) == S_IFLNK)
#define S_ISSOCK(m) (((m)&S_IFMT) == S_IFSOCK)
#endif

#endif

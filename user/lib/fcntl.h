/* open(2) and its flags, with Linux's i386 (asm-generic) values. */
#ifndef ULIB_FCNTL_H
#define ULIB_FCNTL_H

#include <sys/types.h>

#define O_RDONLY 00
#define O_WRONLY 01
#define O_RDWR 02
#define O_ACCMODE 03
#define O_CREAT 0100
#define O_EXCL 0200
#define O_NOCTTY 0400
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define O_DIRECTORY 0200000
#define O_CLOEXEC 02000000

/* The third argument (mode_t) is read only with O_CREAT. */
int open(const char *path, int flags, ...);

#endif

/* POSIX calls: thin wrappers over Linux's i386 system calls (syscalls.c). */
#ifndef ULIB_UNISTD_H
#define ULIB_UNISTD_H

#include <sys/types.h>
#include <uapi/linux/fs.h> /* SEEK_SET, SEEK_CUR, SEEK_END */

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

/* access(2)'s modes */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

extern char **environ;

void _exit(int status) __attribute__((noreturn));
pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
/* execvp: a name without '/' is looked up in $PATH (default "/bin"). */
int execvp(const char *file, char *const argv[]);
ssize_t read(int fd, void *buf, size_t count);
ssize_t write(int fd, const void *buf, size_t count);
int close(int fd);
off_t lseek(int fd, off_t offset, int whence);
int dup(int fd);
int dup2(int oldfd, int newfd);
int pipe(int fds[2]);
pid_t getpid(void);
pid_t getppid(void);
pid_t setsid(void);
int setpgid(pid_t pid, pid_t pgid);
pid_t getpgrp(void);
int ioctl(int fd, unsigned long request, ...); /* glibc has it in <sys/ioctl.h> */
int chdir(const char *path);
int access(const char *path, int mode);
int unlink(const char *path);
int link(const char *oldpath, const char *newpath);
int symlink(const char *target, const char *linkpath);
ssize_t readlink(const char *path, char *buf, size_t size);
void sync(void);
int syncfs(int fd);
int fsync(int fd);
int fdatasync(int fd);
int truncate(const char *path, off_t length);
int ftruncate(int fd, off_t length);
int rmdir(const char *path);
int sched_yield(void);
char *getcwd(char *buf, size_t size);
/* brk returns 0 or -1 (ENOMEM); sbrk returns the old break or (void *)-1. */
int brk(void *addr);
void *sbrk(long increment);
int pause(void);
unsigned int sleep(unsigned int seconds);
int usleep(unsigned long usec);

#endif

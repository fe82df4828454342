/*
 * wait4/waitpid and Linux's wait status encoding:
 *   exited:    (code << 8)            low 7 bits 0
 *   signalled: sig | 0x80 if core      sig in the low 7 bits
 *   stopped:   (sig << 8) | 0x7f
 */
#ifndef ULIB_SYS_WAIT_H
#define ULIB_SYS_WAIT_H

#include <sys/types.h>
#include <uapi/linux/wait.h>

#define WEXITSTATUS(s) (((s)&0xff00) >> 8)
#define WTERMSIG(s) ((s)&0x7f)
#define WSTOPSIG(s) WEXITSTATUS(s)
#define WCOREDUMP(s) ((s)&0x80)
#define WIFEXITED(s) (WTERMSIG(s) == 0)
#define WIFSTOPPED(s) (((s)&0xff) == 0x7f)
#define WIFSIGNALED(s) (((signed char)(((s)&0x7f) + 1) >> 1) > 0)

struct rusage; /* <sys/resource.h> */

pid_t wait(int *status);
pid_t waitpid(pid_t pid, int *status, int options);
/* rusage, if not NULL, gets the reaped child's resource usage. */
pid_t wait4(pid_t pid, int *status, int options, struct rusage *rusage);

#endif

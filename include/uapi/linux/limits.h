/* Path and pipe limits (Linux's include/uapi/linux/limits.h). */
#ifndef UAPI_LINUX_LIMITS_H
#define UAPI_LINUX_LIMITS_H

#define NAME_MAX 255  /* bytes in a file name */
#define PATH_MAX 4096 /* bytes in a path, including the NUL */
#define PIPE_BUF 4096 /* writes up to this size are atomic on a pipe */

#endif

/* wait4(2) options (Linux's include/uapi/linux/wait.h): those this kernel knows. */
#ifndef UAPI_LINUX_WAIT_H
#define UAPI_LINUX_WAIT_H

#define WNOHANG 1    /* return 0 at once if no child has changed state */
#define WUNTRACED 2  /* report stopped children too */
#define WCONTINUED 8 /* report children continued by SIGCONT too */

#endif

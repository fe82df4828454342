/* clock_gettime(2)'s clock ids (Linux's include/uapi/linux/time.h), those this kernel knows. */
#ifndef UAPI_LINUX_TIME_H
#define UAPI_LINUX_TIME_H

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_BOOTTIME 7

#endif

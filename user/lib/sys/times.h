/* times(2) (syscall 43): CPU ticks of the caller and its reaped children. */
#ifndef ULIB_SYS_TIMES_H
#define ULIB_SYS_TIMES_H

#include <uapi/linux/resource.h> /* struct tms */

typedef long clock_t;

/* Returns clock ticks since boot (sysconf(_SC_CLK_TCK) = 100 a second), -1 on error. */
clock_t times(struct tms *buf);

#endif

/* The kernel's random number generator (drivers/random.c). */
#ifndef DRIVERS_RANDOM_H
#define DRIVERS_RANDOM_H

#include "kernel/kernel.h"

#ifndef __user
#define __user
#endif

struct file;
struct iov_iter;

/* Key the generator from the TSC, the RTC and RDRAND (at boot, after time_init). */
void rand_initialize(void);
/* A timer tick's TSC into the key (from the tick). */
void add_timer_randomness(void);
long sys_getrandom(char __user *buf, size_t count, unsigned int flags);
/* read_iter of /dev/random and /dev/urandom (drivers/mem.c). */
ssize_t urandom_read_iter(struct file *file, struct iov_iter *to, long long *pos);

#endif

/* swapon(2)/swapoff(2). */
#ifndef ULIB_SYS_SWAP_H
#define ULIB_SYS_SWAP_H

#include <uapi/linux/swap.h>

int swapon(const char *path, int flags);
int swapoff(const char *path);

#endif

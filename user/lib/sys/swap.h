/* swapon(2)/swapoff(2). */
#ifndef ULIB_SYS_SWAP_H
#define ULIB_SYS_SWAP_H

#define SWAP_FLAG_PREFER 0x8000
#define SWAP_FLAG_PRIO_MASK 0x7fff
#define SWAP_FLAG_DISCARD 0x10000

int swapon(const char *path, int flags);
int swapoff(const char *path);

#endif

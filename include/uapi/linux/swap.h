/*
 * swapon(2) flags. Linux keeps them in include/linux/swap.h and glibc
 * copies them into sys/swap.h; here they sit with the rest of the ABI.
 */
#ifndef UAPI_LINUX_SWAP_H
#define UAPI_LINUX_SWAP_H

#define SWAP_FLAG_PREFER 0x8000 /* the priority in the low bits is set */
#define SWAP_FLAG_PRIO_MASK 0x7fff
#define SWAP_FLAG_PRIO_SHIFT 0
#define SWAP_FLAG_DISCARD 0x10000
#define SWAP_FLAG_DISCARD_ONCE 0x20000
#define SWAP_FLAG_DISCARD_PAGES 0x40000

#endif

/* mmap(2)'s mapping types (Linux's include/uapi/linux/mman.h), and the rest of its flags. */
#ifndef UAPI_LINUX_MMAN_H
#define UAPI_LINUX_MMAN_H

#include "uapi/asm-generic/mman-common.h"

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02

#endif

/*
 * Basic types. The kernel is freestanding C11; these come from the
 * compiler's own freestanding headers, so the same mm/ sources also build
 * for the host (64-bit) in tests/unit.
 */
#ifndef KERNEL_TYPES_H
#define KERNEL_TYPES_H

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

typedef u64 phys_addr_t; /* a physical address (wide enough for PAE later) */

#ifndef __ssize_t_defined
typedef long ssize_t;
#endif

#endif

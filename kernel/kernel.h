/*
 * Things nearly every kernel file needs: printk, panic, and the small
 * macros Linux readers expect (ARRAY_SIZE, container_of, ALIGN, min/max).
 */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include "kernel/types.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define container_of(ptr, type, member) ((type *)((char *)(ptr)-offsetof(type, member)))
#define ALIGN(x, a) (((x) + ((a)-1)) & ~((__typeof__(x))(a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a)-1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a)-1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d)-1) / (d))
#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))
#define clamp(v, lo, hi) min(max(v, lo), hi)

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define __noreturn __attribute__((noreturn))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __used __attribute__((used))
#define __section(s) __attribute__((section(s)))

/* Log levels, as Linux spells them: "\001" followed by a digit. */
#define KERN_SOH "\001"
#define KERN_EMERG KERN_SOH "0"
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"
#define KERN_CONT KERN_SOH "c"
#define LOGLEVEL_DEFAULT 4 /* level of a printk without a prefix */

#define pr_emerg(...) printk(KERN_EMERG __VA_ARGS__)
#define pr_err(...) printk(KERN_ERR __VA_ARGS__)
#define pr_warn(...) printk(KERN_WARNING __VA_ARGS__)
#define pr_notice(...) printk(KERN_NOTICE __VA_ARGS__)
#define pr_info(...) printk(KERN_INFO __VA_ARGS__)
#define pr_debug(...) printk(KERN_DEBUG __VA_ARGS__)
#define pr_cont(...) printk(KERN_CONT __VA_ARGS__)

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

void panic(const char *fmt, ...) __printf(1, 2) __noreturn;
void dump_stack(void);

/*
 * BUG_ON: a broken invariant stops the kernel. In the kernel BUG() is a
 * ud2 trap listed in the bug table (kernel/bug.h), so the report is an oops
 * with the registers of the BUG() site: "kernel BUG at mm/x.c:12!", then
 * "invalid opcode: 0000 [#1]". Host unit tests get a plain panic().
 */
#if defined(__i386__) /* the host unit tests are 64-bit */
#define BUG()                                                                                      \
	do {                                                                                       \
		__asm__ volatile("1:\tud2\n\t"                                                     \
				 ".pushsection __bug_table, \"a\"\n\t"                             \
				 ".balign 4\n\t"                                                   \
				 ".long 1b, %c0\n\t"                                               \
				 ".word %c1, 0\n\t"                                                \
				 ".popsection"                                                     \
				 :                                                                 \
				 : "i"(__FILE__), "i"(__LINE__));                                  \
		__builtin_unreachable();                                                           \
	} while (0)
#else
#define BUG() panic("kernel BUG at %s:%d!", __FILE__, __LINE__)
#endif
#define BUG_ON(cond)                                                                               \
	do {                                                                                       \
		if (unlikely(cond))                                                                \
			BUG();                                                                     \
	} while (0)

#endif

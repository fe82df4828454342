/*
 * A fake machine for the host tests of mm/: a host buffer stands for
 * physical RAM (host_ram), mem_map is a calloc'd array, and printk/panic
 * are captured so tests can read the log and expect named panics.
 */
#ifndef TESTS_UNIT_MM_FAKE_H
#define TESTS_UNIT_MM_FAKE_H

#include <setjmp.h>
#include <stdbool.h>

extern char fake_log[1 << 16];
extern char panic_msg[512];
extern jmp_buf panic_jmp;
extern bool panic_armed;

/* nr_pages of RAM; pfns below first_free stay reserved (256: the first MiB). */
void fake_machine(unsigned long nr_pages, unsigned long first_free);
unsigned long zone_free(int zid);

/* Run stmt; true if it panicked (message in panic_msg). */
#define PANICS(stmt)                                                                               \
	({                                                                                         \
		bool __p = false;                                                                  \
		panic_armed = true;                                                                \
		if (setjmp(panic_jmp) == 0) {                                                      \
			stmt;                                                                      \
		} else {                                                                           \
			__p = true;                                                                \
		}                                                                                  \
		panic_armed = false;                                                               \
		__p;                                                                               \
	})

#endif

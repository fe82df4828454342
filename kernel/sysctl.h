/*
 * The vm.* and kernel.* sysctl knobs (kernel/sysctl.c), shown as /proc/sys/vm/NAME
 * and /proc/sys/kernel/NAME by
 * fs/proc/proc_sysctl.c. Each is a struct ctl_table entry as in Linux:
 * the variable, its size, its mode and a handler that formats it for a
 * read or parses and checks a write. A write that does not parse or is out
 * of the knob's range fails with -EINVAL and changes nothing.
 *
 * The variables carry Linux's names so the code that obeys them (reclaim,
 * swap readahead, the OOM killer, overcommit) reads them directly.
 */
#ifndef KERNEL_SYSCTL_H
#define KERNEL_SYSCTL_H

#include "kernel/kernel.h"

extern int vm_swappiness;		    /* 0..200, default 60 */
extern int sysctl_overcommit_memory;	    /* OVERCOMMIT_GUESS / ALWAYS / NEVER */
extern int sysctl_overcommit_ratio;	    /* percent of RAM in CommitLimit, default 50 */
extern int page_cluster;		    /* swap readahead: 2^page_cluster pages */
extern int sysctl_panic_on_oom;		    /* 0..2 */
extern int sysctl_oom_kill_allocating_task; /* non-zero: kill the allocating task */
extern int sysctl_drop_caches;		    /* the last value written (1..4) */

#define OVERCOMMIT_GUESS 0
#define OVERCOMMIT_ALWAYS 1
#define OVERCOMMIT_NEVER 2

struct ctl_table;
/*
 * read (write == 0): format the value into buf (size *lenp) and set *lenp
 * to the length. write: buf is a NUL-terminated string of *lenp bytes;
 * returns 0 or -EINVAL (nothing changed).
 */
typedef int proc_handler(const struct ctl_table *table, int write, char *buf, size_t *lenp);

struct ctl_table {
	const char *procname;
	void *data;
	int maxlen;	     /* bytes at data (an int array for vectors) */
	unsigned short mode; /* 0644, 0200 ... */
	proc_handler *proc_handler;
	const int *extra1; /* minimum, or NULL for none */
	const int *extra2; /* maximum, or NULL for none */
};

extern const struct ctl_table vm_table[];   /* {}-terminated */
extern const struct ctl_table kern_table[]; /* kernel.*: shmmax, shmall, shmmni */

proc_handler proc_dointvec_minmax;
proc_handler proc_doulongvec_minmax;

/* The entry of table named by name (len bytes), or NULL. */
const struct ctl_table *find_sysctl(const struct ctl_table *table, const char *name, size_t len);

/* Look up "vm.NAME" style knobs by the name under /proc/sys/vm; NULL if none. */
const struct ctl_table *find_vm_sysctl(const char *name, size_t len);

/* Parse one decimal int (optional sign, surrounding blanks/newline); 0 or -EINVAL. */
int sysctl_parse_int(const char **s, int *val);

#endif

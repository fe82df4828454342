/*
 * Reading /proc text files from user space (the procps tools' helpers):
 * slurp a file into a buffer, then pick "Name: value" or "name value"
 * fields out of it.
 */
#ifndef ULIB_PROCFS_H
#define ULIB_PROCFS_H

#include <stddef.h>
#include <sys/types.h>

/* Read all of path into buf (NUL-terminated, at most size-1 bytes); length or -1 (errno). */
ssize_t read_text_file(const char *path, char *buf, size_t size);

/*
 * The number after the label name at the start of a line of text:
 * "MemTotal:" in meminfo ("MemTotal:       123 kB"), "pgfault" in vmstat
 * ("pgfault 12"), "VmRSS:" in status. Returns 0 and sets *val, or -1 if no
 * line starts with name followed by blanks and a number.
 */
int proc_field(const char *text, const char *name, unsigned long *val);
/* A field of a /proc file read now ("MemFree:" of /proc/meminfo, at most 16 KiB read); 0 if none.
 */
unsigned long proc_value(const char *path, const char *name);

/* Write the string s to path (one write); 0, or -1 with errno. */
int write_text_file(const char *path, const char *s);

#endif

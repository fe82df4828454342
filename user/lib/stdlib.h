/* Memory allocation (malloc.c), conversions and process exit (stdlib.c). */
#ifndef ULIB_STDLIB_H
#define ULIB_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

/*
 * Requests below MMAP_THRESHOLD come from the brk heap; requests at or above
 * it get their own anonymous mmap, which free() unmaps (glibc's default
 * M_MMAP_THRESHOLD, without its dynamic adjustment).
 */
#define MMAP_THRESHOLD (128 * 1024)

void *malloc(size_t size);
void free(void *ptr);
void *calloc(size_t nmemb, size_t size);
void *realloc(void *ptr, size_t size);

int atoi(const char *s);
long atol(const char *s);
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
long long strtoll(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);
int abs(int x);
long labs(long x);
char *getenv(const char *name);

/* Flushes stdio, then exit_group(status & 0xff). */
void exit(int status) __attribute__((noreturn));
/* Raises SIGABRT; if that returns, exits with 127. */
void abort(void) __attribute__((noreturn));

#endif

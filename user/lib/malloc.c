/*
 * malloc: the brk heap for small requests, one mmap per large request.
 *
 * Every block starts with a 16-byte header (struct chunk) so payloads are
 * 16-byte aligned. Requests below MMAP_THRESHOLD (128 KiB) are carved out
 * of the brk heap: free chunks sit on one list sorted by address, malloc
 * takes the first that fits and splits off the rest, free puts a chunk back
 * and merges it with free neighbours. When nothing fits the heap grows with
 * sbrk; when the free chunk at the top of the heap reaches TRIM_THRESHOLD,
 * free gives those pages back with brk. Requests at or above the threshold
 * (and small ones when brk fails, as glibc does) get their own anonymous
 * private mapping, which free munmaps at once. This is the shape of glibc's
 * allocator without its bins, arenas or dynamic thresholds.
 *
 *   heap:  | hdr | payload | hdr | free ...... | hdr | payload |   <- brk
 *   mmap:  | hdr | payload ............ (page-rounded) |
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define CHUNK_INUSE 0x75736564u /* "used" */
#define CHUNK_FREE 0x66726565u	/* "free" */
#define CHUNK_MMAP 0x6d6d6170u	/* "mmap" */

#define PAGE 4096u
#define MIN_GROW (32 * 1024u)	     /* grow the heap by at least this */
#define TRIM_THRESHOLD (128 * 1024u) /* glibc's M_TRIM_THRESHOLD */

struct chunk {
	size_t size;	    /* the whole chunk, header included */
	unsigned int magic; /* CHUNK_INUSE, CHUNK_FREE or CHUNK_MMAP */
	struct chunk *next; /* next free chunk by address (free only) */
	unsigned int unused;
};

#define HDR sizeof(struct chunk)
#define MIN_CHUNK (2 * HDR) /* a split leaves at least this much */

static struct chunk *free_list;
static char *heap_end; /* where our last sbrk ended */

static size_t round_up(size_t n, size_t to)
{
	return (n + to - 1) & ~(to - 1);
}

static void corrupt(const char *what)
{
	fprintf(stderr, "%s\n", what);
	abort();
}

/* Puts c on the free list in address order and merges it with its neighbours. */
static void insert_free(struct chunk *c)
{
	struct chunk **pp = &free_list, *prev = NULL;

	while (*pp && *pp < c)
		prev = *pp, pp = &(*pp)->next;
	c->magic = CHUNK_FREE;
	c->next = *pp;
	*pp = c;
	if (c->next && (char *)c + c->size == (char *)c->next) {
		c->size += c->next->size;
		c->next = c->next->next;
	}
	if (prev && (char *)prev + prev->size == (char *)c) {
		prev->size += c->size;
		prev->next = c->next;
	}
}

/* First fit: unlinks a free chunk of at least size bytes, split if big. */
static struct chunk *take_free(size_t size)
{
	for (struct chunk **pp = &free_list; *pp; pp = &(*pp)->next) {
		struct chunk *c = *pp;

		if (c->size < size)
			continue;
		if (c->size - size >= MIN_CHUNK) {
			struct chunk *rest = (struct chunk *)((char *)c + size);

			rest->size = c->size - size;
			rest->magic = CHUNK_FREE;
			rest->next = c->next;
			c->size = size;
			*pp = rest;
		} else {
			*pp = c->next;
		}
		c->magic = CHUNK_INUSE;
		return c;
	}
	return NULL;
}

/* Extends the heap by at least size bytes; returns 0 or -1 (brk failed). */
static int grow_heap(size_t size)
{
	size_t inc = round_up(size > MIN_GROW ? size : MIN_GROW, PAGE);
	char *p = sbrk(inc), *start;

	if (p == (void *)-1)
		return -1;
	start = (char *)round_up((uintptr_t)p, HDR); /* brk need not be aligned */
	heap_end = p + inc;
	if ((size_t)(heap_end - start) < size)
		return -1;
	((struct chunk *)start)->size = heap_end - start;
	insert_free((struct chunk *)start);
	return 0;
}

/*
 * Gives the top of the heap back when the free chunk that ends at the break
 * is at least TRIM_THRESHOLD bytes; whole pages only.
 */
static void trim_heap(void)
{
	struct chunk **pp = &free_list, *c;
	char *cut;

	if (!*pp)
		return;
	while ((*pp)->next)
		pp = &(*pp)->next;
	c = *pp;
	if ((char *)c + c->size != heap_end || sbrk(0) != heap_end || c->size < TRIM_THRESHOLD)
		return;
	cut = (char *)round_up((uintptr_t)c, PAGE);
	if (cut != (char *)c && (size_t)(cut - (char *)c) < MIN_CHUNK)
		cut += PAGE;
	if (brk(cut) < 0)
		return;
	if (cut == (char *)c)
		*pp = NULL;
	else
		c->size = cut - (char *)c;
	heap_end = cut;
}

/* A private anonymous mapping holding just this block. */
static void *mmap_alloc(size_t n)
{
	size_t size = round_up(n + HDR, PAGE);
	struct chunk *c;

	if (n > SIZE_MAX - HDR - PAGE) {
		errno = ENOMEM;
		return NULL;
	}
	c = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (c == MAP_FAILED) {
		errno = ENOMEM;
		return NULL;
	}
	c->size = size;
	c->magic = CHUNK_MMAP;
	return c + 1;
}

void *malloc(size_t n)
{
	size_t size;
	struct chunk *c;

	if (n >= MMAP_THRESHOLD)
		return mmap_alloc(n);
	size = round_up((n ? n : 1) + HDR, HDR);
	c = take_free(size);
	if (!c && grow_heap(size) == 0)
		c = take_free(size);
	if (!c)
		return mmap_alloc(n); /* brk failed: glibc falls back too */
	return c + 1;
}

/* The header of a block malloc returned; aborts on a pointer it did not. */
static struct chunk *chunk_of(void *p)
{
	struct chunk *c = (struct chunk *)p - 1;

	if ((uintptr_t)p % HDR)
		corrupt("free(): invalid pointer");
	if (c->magic == CHUNK_FREE)
		corrupt("free(): double free detected");
	if (c->magic != CHUNK_INUSE && c->magic != CHUNK_MMAP)
		corrupt("free(): invalid pointer");
	return c;
}

void free(void *p)
{
	struct chunk *c;

	if (!p)
		return;
	c = chunk_of(p);
	if (c->magic == CHUNK_MMAP) {
		c->magic = 0;
		if (munmap(c, c->size) < 0)
			corrupt("munmap_chunk(): invalid pointer");
		return;
	}
	insert_free(c);
	trim_heap();
}

void *calloc(size_t nmemb, size_t size)
{
	size_t n = nmemb * size;
	void *p;

	if (size && n / size != nmemb) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(n);
	/* A fresh mapping is already zero: do not touch (fault in) its pages. */
	if (p && chunk_of(p)->magic != CHUNK_MMAP)
		memset(p, 0, n);
	return p;
}

/* Keeps the block when it is big enough (and stays on the same side of the threshold). */
void *realloc(void *p, size_t n)
{
	struct chunk *c;
	size_t usable;
	void *q;

	if (!p)
		return malloc(n);
	if (!n) {
		free(p);
		return NULL;
	}
	c = chunk_of(p);
	usable = c->size - HDR;
	if (n <= usable && (c->magic == CHUNK_MMAP) == (n >= MMAP_THRESHOLD))
		return p;
	q = malloc(n);
	if (!q)
		return NULL;
	memcpy(q, p, n < usable ? n : usable);
	free(p);
	return q;
}

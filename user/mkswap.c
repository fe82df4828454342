/*
 * mkswap [-L LABEL] [-U UUID] DEVICE [SIZE_KB]: make DEVICE (a block device
 * such as /dev/zram0, or a file) a swap area, as util-linux's mkswap does:
 * page 0 gets Linux's swap header (union swap_header in mm/swap.h):
 *
 *   0     bootbits[1024]   zeros
 *   1024  version = 1, last_page, nr_badpages = 0
 *   1036  sws_uuid[16], sws_volume[16] (the label)
 *   4086  "SWAPSPACE2"
 *
 * The size is SIZE_KB, or the device's (lseek to its end), in 4 KiB pages:
 * last_page = pages - 1. Without -U the UUID is a random (version 4) one.
 * Same messages as util-linux; tests compare the header with the host's
 * mkswap byte for byte (tests/system/test_zram.py).
 */
#include <errno.h>
#include <fcntl.h>
#include <pattern.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096
#define MIN_PAGES 10

static unsigned char page[PAGE];

/* "01234567-89ab-cdef-0123-456789abcdef" into 16 bytes; 0 or -1. */
static int parse_uuid(const char *s, unsigned char *uuid)
{
	int i, n = 0;

	for (i = 0; s[i] && n < 32; i++) {
		int d;

		if (s[i] == '-' && (i == 8 || i == 13 || i == 18 || i == 23))
			continue;
		d = s[i] >= '0' && s[i] <= '9'	 ? s[i] - '0'
		    : s[i] >= 'a' && s[i] <= 'f' ? s[i] - 'a' + 10
		    : s[i] >= 'A' && s[i] <= 'F' ? s[i] - 'A' + 10
						 : -1;
		if (d < 0)
			return -1;
		uuid[n / 2] = (unsigned char)(n % 2 ? uuid[n / 2] | d : d << 4);
		n++;
	}
	return n == 32 && !s[i] ? 0 : -1;
}

/* A version 4 UUID from the clock (no /dev/urandom here). */
static void random_uuid(unsigned char *uuid)
{
	struct timespec ts;
	unsigned x;
	int i;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	x = hash32((unsigned)ts.tv_nsec ^ (unsigned)ts.tv_sec * 0x9e3779b9u ^ (unsigned)getpid());
	for (i = 0; i < 16; i++)
		uuid[i] = (unsigned char)(x = hash32(x + (unsigned)i));
	uuid[6] = (unsigned char)((uuid[6] & 0x0f) | 0x40);
	uuid[8] = (unsigned char)((uuid[8] & 0x3f) | 0x80);
}

/* util-linux's size_to_human_string: "64 MiB", "63.9 MiB". */
static void human_size(unsigned long long bytes, char *buf, size_t size)
{
	static const char *units[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	unsigned long long unit = 1;
	unsigned long long tenths;
	int u = 0;

	while (u < 4 && bytes >= unit * 1024) {
		unit *= 1024;
		u++;
	}
	tenths = (bytes * 10 + unit / 2) / unit;
	if (tenths % 10)
		snprintf(buf, size, "%llu.%llu %s", tenths / 10, tenths % 10, units[u]);
	else
		snprintf(buf, size, "%llu %s", tenths / 10, units[u]);
}

static void put32(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static int usage(void)
{
	fprintf(stderr, "Usage: mkswap [-L LABEL] [-U UUID] DEVICE [SIZE_KB]\n");
	return 1;
}

int main(int argc, char **argv)
{
	const char *label = NULL, *dev;
	unsigned char uuid[16];
	unsigned long long pages, size_kb = 0;
	char uuid_text[40], human[32];
	int i = 1, fd, have_uuid = 0;
	long long end;

	for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (!strcmp(argv[i], "-L"))
			label = argv[i + 1];
		else if (!strcmp(argv[i], "-U") && !parse_uuid(argv[i + 1], uuid))
			have_uuid = 1;
		else
			return usage();
	}
	if (i >= argc)
		return usage();
	dev = argv[i];
	if (i + 1 < argc)
		size_kb = strtoull(argv[i + 1], NULL, 10);
	fd = open(dev, O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "mkswap: cannot open %s: %s\n", dev, strerror(errno));
		return 1;
	}
	end = lseek(fd, 0, SEEK_END);
	pages = (size_kb ? size_kb * 1024 : (unsigned long long)(end < 0 ? 0 : end)) / PAGE;
	if (pages < MIN_PAGES) {
		fprintf(stderr, "mkswap: error: swap area needs to be at least %d KiB\n",
			MIN_PAGES * PAGE / 1024);
		return 1;
	}
	if (!have_uuid)
		random_uuid(uuid);
	put32(page + 1024, 1);
	put32(page + 1028, (unsigned)(pages - 1));
	memcpy(page + 1036, uuid, 16);
	if (label)
		strncpy((char *)page + 1052, label, 16);
	memcpy(page + PAGE - 10, "SWAPSPACE2", 10);
	if (lseek(fd, 0, SEEK_SET) != 0 || write(fd, page, PAGE) != PAGE) {
		fprintf(stderr, "mkswap: %s: unable to write signature page: %s\n", dev,
			strerror(errno));
		return 1;
	}
	close(fd);
	for (i = 0; i < 16; i++)
		snprintf(uuid_text + 2 * i + (i > 4) + (i > 6) + (i > 8) + (i > 10), 4,
			 i == 4 || i == 6 || i == 8 || i == 10 ? "-%02x" : "%02x", uuid[i]);
	human_size((pages - 1) * PAGE, human, sizeof(human));
	printf("Setting up swapspace version 1, size = %s (%llu bytes)\n", human,
	       (pages - 1) * PAGE);
	if (label)
		printf("LABEL=%s, UUID=%s\n", label, uuid_text);
	else
		printf("no label, UUID=%s\n", uuid_text);
	return 0;
}

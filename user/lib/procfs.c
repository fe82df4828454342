/* Reading /proc text files (see procfs.h). */
#include <errno.h>
#include <fcntl.h>
#include <procfs.h>
#include <string.h>
#include <unistd.h>

ssize_t read_text_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while (len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = '\0';
	return (ssize_t)len;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

int proc_field(const char *text, const char *name, unsigned long *val)
{
	size_t len = strlen(name);
	const char *line;

	for (line = text; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		const char *p = line + len;
		unsigned long v = 0;

		if (strncmp(line, name, len) || !is_blank(*p))
			continue;
		while (is_blank(*p))
			p++;
		if (*p < '0' || *p > '9')
			continue;
		while (*p >= '0' && *p <= '9')
			v = v * 10 + (unsigned long)(*p++ - '0');
		*val = v;
		return 0;
	}
	return -1;
}

unsigned long proc_value(const char *path, const char *name)
{
	static char text[16384];
	unsigned long v = 0;

	if (read_text_file(path, text, sizeof(text)) > 0)
		proc_field(text, name, &v);
	return v;
}

int write_text_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;
	int err;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	err = errno;
	close(fd);
	if (n < 0) {
		errno = err;
		return -1;
	}
	return 0;
}

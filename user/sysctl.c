/*
 * sysctl: read and write /proc/sys knobs by dotted name, as procps does.
 *
 *   sysctl vm.swappiness          vm.swappiness = 60
 *   sysctl vm.swappiness=10       vm.swappiness = 10   (after writing it)
 *   sysctl -w vm.swappiness=10    the same
 *   sysctl -n vm.swappiness       60
 *   sysctl -a                     every readable knob under /proc/sys/vm, sorted
 *
 * A refused write prints procps's `sysctl: setting key "vm.x": Invalid
 * argument` and the exit status is 1; an unknown key `sysctl: cannot stat
 * /proc/sys/vm/x: No such file or directory` (status 255 as procps).
 */
#include <dirent.h>
#include <errno.h>
#include <procfs.h>
#include <stdio.h>
#include <string.h>

static int value_only;

/* "vm.page-cluster" -> "/proc/sys/vm/page-cluster" (dots become slashes). */
static void key_to_path(const char *key, size_t len, char *path, size_t size)
{
	size_t i, n = (size_t)snprintf(path, size, "/proc/sys/");

	for (i = 0; i < len && n + 1 < size; i++)
		path[n++] = key[i] == '.' ? '/' : key[i];
	path[n] = '\0';
}

static int show_key(const char *key)
{
	char path[256], value[512];
	ssize_t n;

	key_to_path(key, strlen(key), path, sizeof(path));
	n = read_text_file(path, value, sizeof(value));
	if (n < 0) {
		if (errno == ENOENT) {
			fprintf(stderr, "sysctl: cannot stat %s: %s\n", path, strerror(errno));
			return 255;
		}
		fprintf(stderr, "sysctl: permission denied on key '%s'\n", key);
		return 1;
	}
	if (n && value[n - 1] == '\n')
		value[n - 1] = '\0';
	if (value_only)
		printf("%s\n", value);
	else
		printf("%s = %s\n", key, value);
	return 0;
}

static int write_key(const char *arg)
{
	const char *eq = strchr(arg, '=');
	char path[256], key[128];
	size_t len = (size_t)(eq - arg);

	while (len && arg[len - 1] == ' ')
		len--;
	if (len >= sizeof(key))
		len = sizeof(key) - 1;
	memcpy(key, arg, len);
	key[len] = '\0';
	key_to_path(key, len, path, sizeof(path));
	eq++;
	while (*eq == ' ')
		eq++;
	if (write_text_file(path, eq) < 0) {
		if (errno == ENOENT) {
			fprintf(stderr, "sysctl: cannot stat %s: %s\n", path, strerror(errno));
			return 255;
		}
		fprintf(stderr, "sysctl: setting key \"%s\": %s\n", key, strerror(errno));
		return 1;
	}
	return show_key(key);
}

static int show_all(void)
{
	char names[32][64], key[80];
	struct dirent *d;
	int n = 0, i, j;
	DIR *dir = opendir("/proc/sys/vm");

	if (!dir) {
		perror("sysctl: /proc/sys/vm");
		return 1;
	}
	while ((d = readdir(dir)) && n < 32)
		if (d->d_name[0] != '.')
			snprintf(names[n++], sizeof(names[0]), "%s", d->d_name);
	closedir(dir);
	for (i = 1; i < n; i++) /* insertion sort: a handful of names */
		for (j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char tmp[64];

			memcpy(tmp, names[j], sizeof(tmp));
			memcpy(names[j], names[j - 1], sizeof(tmp));
			memcpy(names[j - 1], tmp, sizeof(tmp));
		}
	for (i = 0; i < n; i++) {
		char path[128], value[8];

		snprintf(path, sizeof(path), "/proc/sys/vm/%s", names[i]);
		if (read_text_file(path, value, sizeof(value)) < 0)
			continue; /* write-only (drop_caches): procps -a skips it */
		snprintf(key, sizeof(key), "vm.%s", names[i]);
		show_key(key);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int i, status = 0, done = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-a") || !strcmp(a, "-A")) {
			status |= show_all();
			done = 1;
		} else if (!strcmp(a, "-n")) {
			value_only = 1;
		} else if (!strcmp(a, "-w")) {
			continue;
		} else {
			int r = strchr(a, '=') ? write_key(a) : show_key(a);

			status = status ? status : r;
			done = 1;
		}
	}
	if (!done) {
		fprintf(stderr, "Usage: sysctl [-n] [-w] variable[=value] ... | -a\n");
		return 1;
	}
	return status;
}

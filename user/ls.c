/*
 * ls [-a] [DIR]...: the names in each directory, sorted, one per line;
 * names starting with '.' only with -a. With several directories each list
 * is headed by "DIR:" as in coreutils. There is no stat(2) yet, so no -l,
 * and a FILE argument is printed as given when it is not a directory.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int all;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Insertion sort: directories here are small. */
static void sort_names(char **v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && by_name(&v[j - 1], &v[j]) > 0; j--) {
			char *t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

/* Returns 0, or 1 after printing why the directory could not be listed. */
static int list(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char **names = NULL;
	int n = 0, cap = 0, status = 0;

	if (!d) {
		if (errno == ENOTDIR) {
			printf("%s\n", path);
			return 0;
		}
		fprintf(stderr, "ls: cannot access '%s': %s\n", path, strerror(errno));
		return 1;
	}
	errno = 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' && !all)
			continue;
		if (n == cap) {
			char **nv = realloc(names, (cap = cap ? 2 * cap : 32) * sizeof(*nv));

			if (!nv)
				goto fail;
			names = nv;
		}
		if (!(names[n] = strdup(e->d_name)))
			goto fail;
		n++;
	}
	if (errno)
		goto fail;
	sort_names(names, n);
	for (int i = 0; i < n; i++)
		printf("%s\n", names[i]);
	goto out;
fail:
	fprintf(stderr, "ls: reading directory '%s': %s\n", path, strerror(errno));
	status = 1;
out:
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return status;
}

int main(int argc, char **argv)
{
	int i = 1, status = 0;

	if (i < argc && !strcmp(argv[i], "-a"))
		all = 1, i++;
	if (i == argc)
		return list(".");
	for (int first = i; i < argc; i++) {
		if (argc - first > 1)
			printf("%s%s:\n", i > first ? "\n" : "", argv[i]);
		status |= list(argv[i]);
	}
	return status;
}

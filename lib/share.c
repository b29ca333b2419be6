/* Locate the JSON policy and layout files that ship with the toolkit. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ki/share.h"

#ifndef KI_DATADIR
#define KI_DATADIR "/usr/local/share/ki"
#endif

static int
isdir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* strdup, with errno ENOMEM when it fails. */
static char *
share_dup(const char *s)
{
	char *d = strdup(s);

	if (d == NULL)
		errno = ENOMEM;
	return d;
}

char *
ki_share_dir(const char *kind)
{
	char exe[PATH_MAX], path[PATH_MAX + 64];
	const char *env = getenv("KI_DATADIR");
	ssize_t n;
	char *slash;

	if (env != NULL && *env != '\0') {
		snprintf(path, sizeof(path), "%s/%s", env, kind);
		if (isdir(path))
			return share_dup(path);
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		snprintf(path, sizeof(path), "%s/share/%s", exe, kind);
		if (isdir(path))
			return share_dup(path);
		snprintf(path, sizeof(path), "%s/../share/ki/%s", exe, kind);
		if (isdir(path))
			return share_dup(path);
	}
	snprintf(path, sizeof(path), "%s/%s", KI_DATADIR, kind);
	if (isdir(path))
		return share_dup(path);
	errno = ENOENT;
	return NULL;
}

int
ki_share_is_path(const char *name)
{
	size_t len = strlen(name);

	return strchr(name, '/') != NULL ||
	    (len > 5 && strcmp(name + len - 5, ".json") == 0);
}

char *
ki_share_find(const char *kind, const char *name, struct ki_err *err)
{
	size_t len = strlen(name);
	char *dir, *path;

	if (ki_share_is_path(name)) {
		if (access(name, R_OK) != 0) {
			ki_err_set(err, name, 0, NULL, "%s", strerror(errno));
			return NULL;
		}
		if ((path = strdup(name)) == NULL)
			ki_err_set(err, NULL, 0, NULL, "out of memory");
		return path;
	}
	if ((dir = ki_share_dir(kind)) == NULL) {
		if (errno == ENOMEM)
			ki_err_set(err, NULL, 0, NULL, "out of memory");
		else
			ki_err_set(err, NULL, 0, NULL, "cannot find the shipped "
			    "%s directory (set KI_DATADIR)", kind);
		return NULL;
	}
	if ((path = malloc(strlen(dir) + len + 8)) == NULL) {
		free(dir);
		ki_err_set(err, NULL, 0, NULL, "out of memory");
		return NULL;
	}
	sprintf(path, "%s/%s.json", dir, name);
	free(dir);
	if (access(path, R_OK) != 0) {
		free(path);
		ki_err_set(err, NULL, 0, NULL, "no shipped %.*s \"%s\"",
		    (int)strlen(kind) - 1, kind, name);
		return NULL;
	}
	return path;
}

static int
is_json(const struct dirent *e)
{
	size_t len = strlen(e->d_name);

	return e->d_name[0] != '.' && len > 5 &&
	    strcmp(e->d_name + len - 5, ".json") == 0;
}

int
ki_share_scan(const char *dir, struct dirent ***ents)
{
	int n = scandir(dir, ents, is_json, alphasort);

	if (n < 0) {
		*ents = NULL;
		return errno == ENOMEM ? -1 : 0;
	}
	return n;
}

void
ki_share_scan_free(struct dirent **ents, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
}

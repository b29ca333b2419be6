/* Helpers shared by the unit tests: see util.h. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <check.h>

#include "util.h"

char util_base[32];
char util_dir[48];

/* What util_mopen's stream writes to. */
static char *mem;
static size_t memlen;

void
util_rmtree(const char *p)
{
	struct stat st;
	struct dirent *e;
	char sub[512];
	DIR *d;

	if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode) &&
	    (d = opendir(p)) != NULL) {
		while ((e = readdir(d)) != NULL)
			if (strcmp(e->d_name, ".") != 0 &&
			    strcmp(e->d_name, "..") != 0) {
				snprintf(sub, sizeof(sub), "%s/%s", p, e->d_name);
				util_rmtree(sub);
			}
		closedir(d);
		rmdir(p);
	} else
		unlink(p);
}

/*
 * util_base is made once per TCase in the runner and removed after it even
 * when a test fails; each test gets a fresh util_dir inside it.
 */
void
util_base_setup(void)
{
	strcpy(util_base, "/tmp/ki-unit.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(util_base));
}

void
util_base_teardown(void)
{
	util_rmtree(util_base);
}

void
util_setup(void)
{
	snprintf(util_dir, sizeof(util_dir), "%s/t.XXXXXX", util_base);
	ck_assert_ptr_nonnull(mkdtemp(util_dir));
}

char *
util_path(char *buf, size_t n, const char *name)
{
	int len = snprintf(buf, n, "%s/%s", util_dir, name);

	ck_assert_msg(len >= 0 && (size_t)len < n, "path %s/%s is too long",
	    util_dir, name);
	return buf;
}

const char *
util_wbytes(const char *p, const void *data, size_t len)
{
	FILE *fp = fopen(p, "wb");

	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(data, 1, len, fp), len);
	ck_assert_int_eq(fclose(fp), 0);
	return p;
}

const char *
util_wfile(const char *p, const char *s)
{
	return util_wbytes(p, s, strlen(s));
}

const char *
util_fread_all(FILE *fp)
{
	static char buf[4096];
	size_t n;

	rewind(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	return buf;
}

const char *
util_content(const char *p)
{
	FILE *fp = fopen(p, "r");
	const char *s;

	if (fp == NULL)
		return "(missing)";
	s = util_fread_all(fp);
	fclose(fp);
	return s;
}

FILE *
util_mopen(void)
{
	FILE *fp = open_memstream(&mem, &memlen);

	ck_assert_ptr_nonnull(fp);
	return fp;
}

void
util_mclose_is(FILE *fp, const char *what, const char *want)
{
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_msg(strcmp(mem, want) == 0, "%s: wrote \"%s\", not \"%s\"",
	    what, mem, want);
	ck_assert_msg(memlen == strlen(want), "%s: wrote %zu bytes, not %zu",
	    what, memlen, strlen(want));
	free(mem);
	mem = NULL;
}

void
util_err_is(const struct ki_err *err, const char *file, long line,
    const char *field, const char *msg)
{
	ck_assert_str_eq(err->file, file);
	ck_assert_int_eq(err->line, line);
	if (field != NULL)
		ck_assert_str_eq(err->field, field);
	ck_assert_msg(strstr(err->msg, msg) != NULL, "message \"%s\" lacks "
	    "\"%s\"", err->msg, msg);
}

struct ki_hdr *
util_hdr(const char *const *names)
{
	struct ki_hdr *h = ki_hdr_new();
	size_t i;

	ck_assert_ptr_nonnull(h);
	for (i = 0; names[i] != NULL; i++)
		ck_assert_int_eq(ki_hdr_add(h, names[i]), (long)i);
	return h;
}

long
util_col(const struct ki_hdr *h, const char *name)
{
	long i = ki_hdr_index(h, name);

	ck_assert_msg(i >= 0, "no column %s in the test header", name);
	return i;
}

int
util_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	/* Run from the top of the tree, as make check does: the shipped data
	 * (the canonical columns among it) is in share/. */
	setenv("KI_DATADIR", "share", 0);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

long
util_maxrss(void)
{
	struct rusage ru;

	ck_assert_int_eq(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_maxrss;
}

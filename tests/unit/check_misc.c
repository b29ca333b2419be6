/* Unit tests for lib/buf.c, lib/cli.c (parameters) and lib/share.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <check.h>
#include <jansson.h>

#include "ki/buf.h"
#include "ki/cli.h"
#include "ki/share.h"

#include "util.h"

static char path[128];
static struct ki_err err;
static char *old_datadir;

static void
setup(void)
{
	const char *d = getenv("KI_DATADIR");

	util_setup();
	ki_err_clear(&err);
	old_datadir = d != NULL ? strdup(d) : NULL;
}

/* Without fork mode the environment would outlive the test. */
static void
teardown(void)
{
	if (old_datadir != NULL)
		setenv("KI_DATADIR", old_datadir, 1);
	else
		unsetenv("KI_DATADIR");
	free(old_datadir);
	old_datadir = NULL;
}

/* Write s to util_dir/name and return its path. */
static const char *
wfile(const char *name, const char *s)
{
	return util_wfile(util_path(path, sizeof(path), name), s);
}

/* --- ki_buf --- */

START_TEST(buf_printf_add)
{
	struct ki_buf b = { 0 };

	ck_assert_str_eq(ki_buf_str(&b), "");
	ck_assert_ptr_null(b.s);
	ki_buf_printf(&b, "%s %d", "ks2_rwm_exp", 52);
	ck_assert_str_eq(ki_buf_str(&b), "ks2_rwm_exp 52");
	ck_assert_uint_eq(b.len, 14);
	ki_buf_add(&b, " < 65xyz", 5);
	ck_assert_str_eq(ki_buf_str(&b), "ks2_rwm_exp 52 < 65");
	ck_assert_uint_eq(b.len, 19);
	ki_buf_add(&b, "", 0);
	ki_buf_printf(&b, "%s", "");
	ck_assert_str_eq(ki_buf_str(&b), "ks2_rwm_exp 52 < 65");
	ck_assert_uint_eq(b.len, 19);
	ck_assert_int_eq(b.oom, 0);
	ki_buf_free(&b);
	ck_assert_ptr_null(b.s);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.cap, 0);
	ck_assert_str_eq(ki_buf_str(&b), "");
	/* Adding nothing to an empty buffer. */
	ki_buf_add(&b, "", 0);
	ck_assert_str_eq(ki_buf_str(&b), "");
	ck_assert_uint_eq(b.len, 0);
	ki_buf_free(&b);
}
END_TEST

/* cat joins a list; again copies from the buffer itself; drop cuts. */
START_TEST(buf_cat_again_drop)
{
	struct ki_buf b = { 0 };
	size_t i;

	ki_buf_cat(&b, "ks2", " ", "65", (char *)NULL);
	ck_assert_str_eq(ki_buf_str(&b), "ks2 65");
	ki_buf_cat(&b, (char *)NULL);
	ck_assert_uint_eq(b.len, 6);
	/* Copying its own text many times makes it move as it grows. */
	for (i = 0; i < 12; i++)
		ki_buf_again(&b, 0, b.len);
	ck_assert_uint_eq(b.len, 6u << 12);
	ck_assert_int_eq(memcmp(b.s + b.len - 6, "ks2 65", 6), 0);
	ki_buf_drop(&b, 3, b.len - 3);
	ck_assert_str_eq(ki_buf_str(&b), "ks2 65");
	/* Out of range: nothing happens. */
	ki_buf_again(&b, 4, 3);
	ki_buf_drop(&b, 2, 9);
	ki_buf_drop(&b, 4, 4);
	ck_assert_str_eq(ki_buf_str(&b), "ks2 65");
	ki_buf_drop(&b, 0, 4);
	ck_assert_str_eq(ki_buf_str(&b), "65");
	ki_buf_cat(NULL, "x", (char *)NULL);
	ki_buf_again(NULL, 0, 0);
	ki_buf_drop(NULL, 0, 1);
	ki_buf_free(&b);
}
END_TEST

START_TEST(buf_reset)
{
	struct ki_buf b = { 0 };
	char *s;
	size_t cap;

	/* Resetting an empty buffer is allowed. */
	ki_buf_reset(&b);
	ck_assert_str_eq(ki_buf_str(&b), "");
	ki_buf_printf(&b, "abc");
	s = b.s;
	cap = b.cap;
	ki_buf_reset(&b);
	ck_assert_str_eq(ki_buf_str(&b), "");
	ck_assert_uint_eq(b.len, 0);
	/* The memory is kept. */
	ck_assert_ptr_eq(b.s, s);
	ck_assert_uint_eq(b.cap, cap);
	ki_buf_printf(&b, "de%c", 'f');
	ck_assert_str_eq(ki_buf_str(&b), "def");
	ki_buf_free(&b);
}
END_TEST

START_TEST(buf_growth)
{
	struct ki_buf b = { 0 };
	char big[5000], want[32];
	size_t i;

	/* Many small appends. */
	for (i = 0; i < 10000; i++)
		ki_buf_printf(&b, "%zu,", i % 10);
	ck_assert_uint_eq(b.len, 20000);
	ck_assert_uint_eq(strlen(ki_buf_str(&b)), 20000);
	ck_assert_uint_gt(b.cap, b.len);
	for (i = 0; i < 10000; i++) {
		ck_assert_int_eq(b.s[2 * i], (int)('0' + i % 10));
		ck_assert_int_eq(b.s[2 * i + 1], ',');
	}
	ki_buf_reset(&b);
	/* One append far past the capacity. */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ki_buf_printf(&b, "<%s>", big);
	ck_assert_uint_eq(b.len, sizeof(big) + 1);
	ck_assert_int_eq(b.s[0], '<');
	ck_assert_int_eq(b.s[b.len - 1], '>');
	ck_assert_int_eq(b.s[b.len], '\0');
	ki_buf_add(&b, big, sizeof(big) - 1);
	ki_buf_add(&b, big, sizeof(big) - 1);
	ck_assert_uint_eq(b.len, 3 * sizeof(big) - 1);
	ck_assert_int_eq(b.s[b.len], '\0');
	ck_assert_int_eq(b.oom, 0);
	ki_buf_free(&b);
	/* Exactly at the first size. */
	memset(want, 'y', sizeof(want));
	for (i = 0; i < 63; i++)
		ki_buf_add(&b, want, 1);
	ck_assert_uint_eq(b.len, 63);
	ki_buf_add(&b, want, 1);
	ck_assert_uint_eq(b.len, 64);
	ck_assert_uint_eq(strlen(ki_buf_str(&b)), 64);
	ki_buf_free(&b);
}
END_TEST

/* --- ki_cli_quiet --- */

START_TEST(cli_quiet)
{
	char *argv[] = { "ki-x", "--quiet", "-o", "f", "--quieter", "--",
	    "--quiet", NULL };
	char *plain[] = { "ki-x", "a", NULL };
	int argc = 7, n = 2;

	ki_cli_quiet("ki-x", &argc, argv);
	ck_assert_int_eq(argc, 6);
	ck_assert_str_eq(argv[1], "-o");
	ck_assert_str_eq(argv[2], "f");
	ck_assert_str_eq(argv[3], "--quieter");
	/* After "--" it is an operand, kept. */
	ck_assert_str_eq(argv[4], "--");
	ck_assert_str_eq(argv[5], "--quiet");
	ck_assert_ptr_null(argv[6]);
	ki_cli_quiet("ki-x", &n, plain);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(plain[1], "a");
	ck_assert_ptr_null(plain[2]);
}
END_TEST

/* --- ki_cli_param --- */

START_TEST(cli_param)
{
	json_t *params = json_object();

	ck_assert_ptr_nonnull(params);
	ck_assert_int_eq(ki_cli_param(params, "a=3", &err), 0);
	ck_assert(json_is_number(json_object_get(params, "a")));
	ck_assert(json_number_value(json_object_get(params, "a")) == 3.0);
	ck_assert_int_eq(ki_cli_param(params, "ks2_ep_eng_median_2012=-0.5",
	    &err), 0);
	ck_assert(json_number_value(json_object_get(params,
	    "ks2_ep_eng_median_2012")) == -0.5);
	/* A later value replaces an earlier one. */
	ck_assert_int_eq(ki_cli_param(params, "a=1e2", &err), 0);
	ck_assert(json_number_value(json_object_get(params, "a")) == 100.0);
	ck_assert_uint_eq(json_object_size(params), 2);
	/* "a", "=3", "a=x" and the like are rejected. */
	ck_assert_int_eq(ki_cli_param(params, "a", &err), -1);
	ck_assert_str_eq(err.msg, "--param: \"a\" is not NAME=VALUE");
	ck_assert_str_eq(err.file, "");
	ck_assert_int_eq(ki_cli_param(params, "=3", &err), -1);
	ck_assert_str_eq(err.msg, "--param: \"=3\" is not NAME=VALUE");
	ck_assert_int_eq(ki_cli_param(params, "a=x", &err), -1);
	ck_assert_str_eq(err.msg, "--param: a: \"x\" is not a number");
	ck_assert_int_eq(ki_cli_param(params, "a=", &err), -1);
	ck_assert_str_eq(err.msg, "--param: a: \"\" is not a number");
	ck_assert_int_eq(ki_cli_param(params, "a= 3", &err), -1);
	ck_assert_int_eq(ki_cli_param(params, "a=3%", &err), -1);
	ck_assert_int_eq(ki_cli_param(params, "a=nan", &err), -1);
	ck_assert_int_eq(ki_cli_param(params, "", &err), -1);
	/* The rejected ones left params alone. */
	ck_assert_uint_eq(json_object_size(params), 2);
	ck_assert(json_number_value(json_object_get(params, "a")) == 100.0);
	json_decref(params);
}
END_TEST

START_TEST(cli_param_long_name)
{
	json_t *params = json_object();
	char arg[300];

	memset(arg, 'n', 200);
	strcpy(arg + 200, "=1");
	ck_assert_int_eq(ki_cli_param(params, arg, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "is not NAME=VALUE"));
	/* 127 bytes of name still fit. */
	memset(arg, 'n', 127);
	strcpy(arg + 127, "=1");
	ck_assert_int_eq(ki_cli_param(params, arg, &err), 0);
	ck_assert_uint_eq(json_object_size(params), 1);
	json_decref(params);
}
END_TEST

/* --- ki_cli_params_file --- */

START_TEST(cli_params_file)
{
	json_t *params = json_object();
	const char *p;

	ck_assert_int_eq(ki_cli_param(params, "c=9", &err), 0);
	p = wfile("params.json", "{\"a\": 1, \"b\": -2.5}\n");
	ck_assert_int_eq(ki_cli_params_file(params, p, &err), 0);
	ck_assert_uint_eq(json_object_size(params), 3);
	ck_assert(json_number_value(json_object_get(params, "a")) == 1.0);
	ck_assert(json_number_value(json_object_get(params, "b")) == -2.5);
	ck_assert(json_number_value(json_object_get(params, "c")) == 9.0);
	/* An empty object adds nothing. */
	p = wfile("empty.json", "{}");
	ck_assert_int_eq(ki_cli_params_file(params, p, &err), 0);
	ck_assert_uint_eq(json_object_size(params), 3);
	json_decref(params);
}
END_TEST

START_TEST(cli_params_file_errors)
{
	json_t *params = json_object();
	const char *p;
	char missing[160];

	/* Not an object. */
	p = wfile("array.json", "[1, 2]\n");
	ck_assert_int_eq(ki_cli_params_file(params, p, &err), -1);
	ck_assert_str_eq(err.file, p);
	ck_assert_str_eq(err.msg, "must be a JSON object of names and numbers");
	/* A member that is not a number. */
	p = wfile("text.json", "{\"a\": 1, \"b\": \"2\"}\n");
	ki_err_clear(&err);
	ck_assert_int_eq(ki_cli_params_file(params, p, &err), -1);
	ck_assert_str_eq(err.file, p);
	ck_assert_str_eq(err.field, "b");
	ck_assert_str_eq(err.msg, "must be a number");
	p = wfile("null.json", "{\"n\": null}\n");
	ck_assert_int_eq(ki_cli_params_file(params, p, &err), -1);
	ck_assert_str_eq(err.field, "n");
	/* Invalid JSON: the line. */
	p = wfile("bad.json", "{\n  \"a\": 1,\n  \"b\": 2,\n}\n");
	ki_err_clear(&err);
	ck_assert_int_eq(ki_cli_params_file(params, p, &err), -1);
	ck_assert_str_eq(err.file, p);
	ck_assert_int_eq(err.line, 4);
	ck_assert_ptr_nonnull(strstr(err.msg, "invalid JSON"));
	p = wfile("dup.json", "{\"a\": 1, \"a\": 2}\n");
	ck_assert_int_eq(ki_cli_params_file(params, p, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "invalid JSON"));
	/* A missing file: its name. */
	util_path(missing, sizeof(missing), "none.json");
	ki_err_clear(&err);
	ck_assert_int_eq(ki_cli_params_file(params, missing, &err), -1);
	ck_assert_str_eq(err.file, missing);
	ck_assert_str_eq(err.msg, "No such file or directory");
	json_decref(params);
}
END_TEST

/*
 * The field names the member, after the JSON is freed: a key long enough to
 * live in its own mapping shows a read of freed memory (as ASan does for a
 * short key under make debug).
 */
START_TEST(cli_params_file_long_key)
{
	static char text[300100];
	json_t *params = json_object();
	char want[128];
	size_t n = 300000;

	text[0] = '{';
	text[1] = '"';
	memset(text + 2, 'k', n);
	strcpy(text + 2 + n, "\": \"x\"}\n");
	memset(want, 'k', sizeof(want) - 1);
	want[sizeof(want) - 1] = '\0';
	ck_assert_int_eq(ki_cli_params_file(params, wfile("long.json", text),
	    &err), -1);
	ck_assert_str_eq(err.field, want);
	ck_assert_str_eq(err.msg, "must be a number");
	json_decref(params);
}
END_TEST

/* --- ki_share_is_path --- */

START_TEST(share_is_path)
{
	ck_assert_int_eq(ki_share_is_path("dfe"), 0);
	ck_assert_int_eq(ki_share_is_path("kent-60"), 0);
	ck_assert_int_eq(ki_share_is_path("x"), 0);
	ck_assert_int_eq(ki_share_is_path(""), 0);
	ck_assert_int_eq(ki_share_is_path(".json"), 0);
	ck_assert_int_eq(ki_share_is_path("dfe.jsonl"), 0);
	ck_assert_int_ne(ki_share_is_path("a.json"), 0);
	ck_assert_int_ne(ki_share_is_path("my/dfe"), 0);
	ck_assert_int_ne(ki_share_is_path("./dfe"), 0);
	ck_assert_int_ne(ki_share_is_path("/tmp/x.json"), 0);
}
END_TEST

/* --- ki_share_find --- */

START_TEST(share_find)
{
	char maps[160], want[200], *p;

	util_path(maps, sizeof(maps), "maps");
	ck_assert_int_eq(mkdir(maps, 0755), 0);
	wfile("maps/x.json", "{}\n");
	ck_assert_int_eq(setenv("KI_DATADIR", util_dir, 1), 0);
	p = ki_share_find("maps", "x", &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	util_path(want, sizeof(want), "maps/x.json");
	ck_assert_str_eq(p, want);
	free(p);
	/* A name that is not there. */
	ck_assert_ptr_null(ki_share_find("maps", "y", &err));
	ck_assert_str_eq(err.msg, "no shipped map \"y\"");
	ck_assert_ptr_null(ki_share_find("maps", "x.json", &err));
}
END_TEST

START_TEST(share_find_path)
{
	const char *f = wfile("mine.json", "{}\n");
	char missing[160], *p;

	ck_assert_int_eq(setenv("KI_DATADIR", util_dir, 1), 0);
	/* A readable path is returned as it is. */
	p = ki_share_find("standards", f, &err);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p, f);
	free(p);
	/* A path with a '/' need not end in .json. */
	wfile("plain", "{}\n");
	p = ki_share_find("standards", path, &err);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p, path);
	free(p);
	/* A path that is not there: the path and the system's words. */
	util_path(missing, sizeof(missing), "none.json");
	ck_assert_ptr_null(ki_share_find("standards", missing, &err));
	ck_assert_str_eq(err.file, missing);
	ck_assert_str_eq(err.msg, "No such file or directory");
}
END_TEST

/* --- ki_share_dir --- */

START_TEST(share_dir)
{
	char maps[160], *p;

	util_path(maps, sizeof(maps), "maps");
	ck_assert_int_eq(mkdir(maps, 0755), 0);
	ck_assert_int_eq(setenv("KI_DATADIR", util_dir, 1), 0);
	p = ki_share_dir("maps");
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p, maps);
	free(p);
	/* A kind KI_DATADIR lacks is looked for elsewhere, never there. */
	p = ki_share_dir("tables");
	ck_assert(p == NULL || strncmp(p, util_dir, strlen(util_dir)) != 0);
	free(p);
	/* A file is not a directory. */
	wfile("schemes", "");
	p = ki_share_dir("schemes");
	ck_assert(p == NULL || strncmp(p, util_dir, strlen(util_dir)) != 0);
	free(p);
	/* An empty KI_DATADIR is not used. */
	ck_assert_int_eq(setenv("KI_DATADIR", "", 1), 0);
	p = ki_share_dir("maps");
	ck_assert(p == NULL || strncmp(p, util_dir, strlen(util_dir)) != 0);
	free(p);
}
END_TEST

/* Under make check, KI_DATADIR is the repository's share/. */
START_TEST(share_dir_shipped)
{
	const char *d = getenv("KI_DATADIR");
	char want[4096], *p;
	struct stat st;

	if (d == NULL || *d == '\0')
		return;
	snprintf(want, sizeof(want), "%s/standards", d);
	if (stat(want, &st) != 0)
		return;
	p = ki_share_dir("standards");
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p, want);
	free(p);
	p = ki_share_find("standards", "dfe", &err);
	ck_assert_ptr_nonnull(p);
	snprintf(want, sizeof(want), "%s/standards/dfe.json", d);
	ck_assert_str_eq(p, want);
	free(p);
	ck_assert_ptr_null(ki_share_find("standards", "dfee", &err));
	ck_assert_str_eq(err.msg, "no shipped standard \"dfee\"");
}
END_TEST

static Suite *
misc_suite(void)
{
	Suite *s = suite_create("misc");
	TCase *tc;

	tc = tcase_create("ki_buf");
	tcase_add_test(tc, buf_printf_add);
	tcase_add_test(tc, buf_reset);
	tcase_add_test(tc, buf_cat_again_drop);
	tcase_add_test(tc, buf_growth);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_cli_param");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_test(tc, cli_param);
	tcase_add_test(tc, cli_quiet);
	tcase_add_test(tc, cli_param_long_name);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_cli_params_file");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, cli_params_file);
	tcase_add_test(tc, cli_params_file_errors);
	tcase_add_test(tc, cli_params_file_long_key);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_share_is_path");
	tcase_add_test(tc, share_is_path);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_share_find");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, share_find);
	tcase_add_test(tc, share_find_path);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_share_dir");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, share_dir);
	tcase_add_test(tc, share_dir_shipped);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(misc_suite());
}

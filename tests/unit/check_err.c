/* Unit tests for lib/err.c: error records and their printing. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "ki/err.h"

#include "util.h"

/* What ki_diag_to prints for err, read back from a temporary file. */
static const char *
diag_text(const char *prog, const struct ki_err *err)
{
	FILE *fp = tmpfile();
	const char *s;

	ck_assert_ptr_nonnull(fp);
	ki_diag_to(fp, prog, err);
	s = util_fread_all(fp);
	fclose(fp);
	return s;
}

START_TEST(set)
{
	struct ki_err err;

	memset(&err, 'x', sizeof(err));
	ck_assert_int_eq(ki_err_set(&err, "2019.csv", 17, "ks2_rwm_exp",
	    "\"%s\" is not a number", "6O"), -1);
	ck_assert_str_eq(err.file, "2019.csv");
	ck_assert_int_eq(err.line, 17);
	ck_assert_str_eq(err.field, "ks2_rwm_exp");
	ck_assert_str_eq(err.msg, "\"6O\" is not a number");
	ck_assert_int_eq(ki_err_set(&err, NULL, 0, NULL, "%d rows", 3), -1);
	ck_assert_str_eq(err.file, "");
	ck_assert_int_eq(err.line, 0);
	ck_assert_str_eq(err.field, "");
	ck_assert_str_eq(err.msg, "3 rows");
	/* err may be NULL. */
	ck_assert_int_eq(ki_err_set(NULL, "f", 1, "x", "%s", "m"), -1);
}
END_TEST

START_TEST(set_truncates)
{
	struct ki_err err;
	char longname[1000], longmsg[2000];

	memset(longname, 'f', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	memset(longmsg, 'm', sizeof(longmsg) - 1);
	longmsg[sizeof(longmsg) - 1] = '\0';
	ck_assert_int_eq(ki_err_set(&err, longname, 1, longname, "%s",
	    longmsg), -1);
	ck_assert_uint_eq(strlen(err.file), sizeof(err.file) - 1);
	ck_assert_uint_eq(strlen(err.field), sizeof(err.field) - 1);
	ck_assert_uint_eq(strlen(err.msg), sizeof(err.msg) - 1);
	ck_assert_int_eq(strncmp(err.file, longname, sizeof(err.file) - 1), 0);
}
END_TEST

START_TEST(clear)
{
	struct ki_err err;

	ki_err_set(&err, "a.csv", 3, "col", "bad");
	ki_err_clear(&err);
	ck_assert_str_eq(err.file, "");
	ck_assert_int_eq(err.line, 0);
	ck_assert_str_eq(err.field, "");
	ck_assert_str_eq(err.msg, "");
	ki_err_clear(NULL);
	ck_assert_str_eq(diag_text("ki-x", &err), "ki-x: \n");
}
END_TEST

START_TEST(diag_to)
{
	struct ki_err err;

	ki_err_set(&err, "2019.csv", 17, "ks2_rwm_exp", "\"%s\" is not a "
	    "number", "6O");
	ck_assert_str_eq(diag_text("ki-floor", &err), "ki-floor: 2019.csv:17: "
	    "ks2_rwm_exp: \"6O\" is not a number\n");
	ki_err_set(&err, "2019.csv", 0, NULL, "No such file or directory");
	ck_assert_str_eq(diag_text("ki-floor", &err),
	    "ki-floor: 2019.csv: No such file or directory\n");
	ki_err_set(&err, "2019.csv", 4, NULL, "row has 3 fields");
	ck_assert_str_eq(diag_text("ki-floor", &err),
	    "ki-floor: 2019.csv:4: row has 3 fields\n");
	ki_err_set(&err, "map.json", 0, "columns.urn.type", "unknown type");
	ck_assert_str_eq(diag_text("ki-import", &err),
	    "ki-import: map.json: columns.urn.type: unknown type\n");
	/* A line without a file is left out with it. */
	ki_err_set(&err, NULL, 5, "x", "bad");
	ck_assert_str_eq(diag_text("ki-floor", &err), "ki-floor: x: bad\n");
	ki_err_set(&err, NULL, 0, NULL, "--year needs a number");
	ck_assert_str_eq(diag_text("ki-floor", &err),
	    "ki-floor: --year needs a number\n");
	/* The message is printed as is, never as a format. */
	ki_err_set(&err, "%s.csv", 1, "%d", "%s", "%n");
	ck_assert_str_eq(diag_text("ki-floor", &err),
	    "ki-floor: %s.csv:1: %d: %n\n");
}
END_TEST

START_TEST(diag)
{
	struct ki_err err;
	FILE *fp = tmpfile();

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_ge(dup2(fileno(fp), 2), 0);
	ki_err_set(&err, "<stdin>", 2, "urn", "missing");
	ki_diag("ki-import", &err);
	fflush(stderr);
	ck_assert_str_eq(util_fread_all(fp),
	    "ki-import: <stdin>:2: urn: missing\n");
	fclose(fp);
}
END_TEST

static Suite *
err_suite(void)
{
	Suite *s = suite_create("err");
	TCase *tc;

	tc = tcase_create("ki_err_set");
	tcase_add_test(tc, set);
	tcase_add_test(tc, set_truncates);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_err_clear");
	tcase_add_test(tc, clear);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_diag_to");
	tcase_add_test(tc, diag_to);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_diag");
	tcase_add_test(tc, diag);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(err_suite());
}

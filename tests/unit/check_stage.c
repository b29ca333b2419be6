/* Unit tests for the stages' entry points: ki_floor_run, ki_categorise_run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <jansson.h>

#include "ki/categorise.h"
#include "ki/floor.h"
#include "ki/share.h"

#include "util.h"

/* A golden case's file, as a string the caller frees. */
static char *
golden(const char *bin, const char *name, const char *file)
{
	char p[256];
	char *s;

	snprintf(p, sizeof(p), "tests/cases/%s/%s/%s", bin, name, file);
	s = strdup(util_content(p));
	ck_assert_ptr_nonnull(s);
	ck_assert_str_ne(s, "(missing)");
	return s;
}

/* A shipped file's path (the caller frees it). */
static char *
shipped(const char *kind, const char *name)
{
	struct ki_err err;
	char *p = ki_share_find(kind, name, &err);

	ck_assert_msg(p != NULL, "%s", err.msg);
	return p;
}

/* Run ki-floor's stage on golden case name's input; it gives rc. */
static void
floor_case(const char *name, const char *param, int rc, const char *msg)
{
	struct ki_floor_opts o = { NULL, "", NULL, NULL, KI_FMT_AUTO };
	char in[256], *want = NULL;
	struct ki_err err;
	FILE *out;

	snprintf(in, sizeof(in), "tests/cases/ki-floor/%s/input.csv", name);
	o.standard = shipped("standards", "dfe");
	o.params = json_object();
	o.input = in;
	if (param != NULL)
		json_object_set_new(o.params, param, json_real(3));
	out = util_mopen();
	ck_assert_int_eq(ki_floor_run(&o, out, &err), rc);
	if (rc == 0) {
		want = golden("ki-floor", name, "expected.out");
		util_mclose_is(out, name, want);
	} else {
		ck_assert_msg(strstr(err.msg, msg) != NULL, "%s", err.msg);
		util_mclose_is(out, name, "");
	}
	free(want);
	free((char *)o.standard);
	json_decref(o.params);
}

START_TEST(floor_history)
{
	floor_case("history", NULL, 0, NULL);
	floor_case("coasting-predecessor", NULL, 0, NULL);
}
END_TEST

START_TEST(floor_errors)
{
	/* A parameter no rule takes is the user's error, not the data's. */
	floor_case("history", "nosuch", KI_ERR_USAGE, "no rule of dfe takes it");
	floor_case("err-duplicate", NULL, -1, "school 1 appears twice for 2019");
}
END_TEST

/* Run ki-categorise's stage on golden case name (kent-rag-2019). */
static void
categorise_case(const char *name, const char *note)
{
	struct ki_categorise_opts o = { NULL, 0, "", NULL, NULL, KI_FMT_AUTO,
	    "ki-categorise", NULL };
	char in[256], dp[96], *want;
	struct ki_err err;
	FILE *out;

	snprintf(in, sizeof(in), "tests/cases/ki-categorise/%s/input.csv",
	    name);
	o.scheme = shipped("schemes", "kent-rag-2019");
	o.params = json_object();
	o.input = in;
	util_setup();
	o.diag = fopen(util_path(dp, sizeof(dp), "diag"), "w");
	ck_assert_ptr_nonnull(o.diag);
	out = util_mopen();
	ck_assert_int_eq(ki_categorise_run(&o, out, &err), 0);
	want = golden("ki-categorise", name, "expected.out");
	util_mclose_is(out, name, want);
	fclose(o.diag);
	ck_assert_str_eq(util_content(dp), note);
	free(want);
	free((char *)o.scheme);
	json_decref(o.params);
}

START_TEST(categorise_cases)
{
	categorise_case("kent-rag-2019-predecessor-notes", "");
	categorise_case("closed-not-categorised", "ki-categorise: note: 2 "
	    "schools closed before 2019-08-31 (close_date) not categorised\n");
}
END_TEST

START_TEST(categorise_year_absent)
{
	struct ki_categorise_opts o = { NULL, 1999, "", NULL, NULL,
	    KI_FMT_AUTO, "ki-categorise", NULL };
	struct ki_err err;
	FILE *out;

	o.scheme = shipped("schemes", "kent-rag-2019");
	o.params = json_object();
	o.input = "tests/cases/ki-categorise/kent-rag-2019-green/input.csv";
	out = util_mopen();
	ck_assert_int_eq(ki_categorise_run(&o, out, &err), -1);
	ck_assert_msg(strncmp(err.msg, "--year 1999: no row has that year", 33) ==
	    0, "%s", err.msg);
	util_mclose_is(out, "year-absent", "");
	free((char *)o.scheme);
	json_decref(o.params);
}
END_TEST

static Suite *
stage_suite(void)
{
	Suite *s = suite_create("stage");
	TCase *tc = tcase_create("ki_floor_run");

	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_test(tc, floor_history);
	tcase_add_test(tc, floor_errors);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_categorise_run");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_test(tc, categorise_cases);
	tcase_add_test(tc, categorise_year_absent);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(stage_suite());
}

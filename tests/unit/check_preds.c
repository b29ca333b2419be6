/* Unit tests for lib/preds.c: predecessors named by successor columns. */
#include <stdio.h>

#include <check.h>

#include "ki/preds.h"

#include "util.h"

START_TEST(preds_follow)
{
	struct ki_preds *p = ki_preds_new();

	ck_assert_ptr_nonnull(p);
	/* Rowner Junior's rows of two years both name the academy. */
	ck_assert_int_eq(ki_preds_note(p, "146244", "116167"), 0);
	ck_assert_int_eq(ki_preds_note(p, "146244", "116167"), 0);
	ck_assert_str_eq(ki_preds_of(p, "146244"), "116167");
	/* Blank, NULL and a school its own successor are ignored. */
	ck_assert_int_eq(ki_preds_note(p, "", "116168"), 0);
	ck_assert_int_eq(ki_preds_note(p, NULL, "116168"), 0);
	ck_assert_int_eq(ki_preds_note(p, "116169", NULL), 0);
	ck_assert_int_eq(ki_preds_note(p, "116170", "116170"), 0);
	ck_assert_ptr_null(ki_preds_of(p, "116170"));
	ck_assert_ptr_null(ki_preds_of(p, ""));
	ck_assert_ptr_null(ki_preds_of(p, NULL));
	ck_assert_ptr_null(ki_preds_of(NULL, "146244"));
	/* Two schools into one academy: a merger, neither followed. */
	ck_assert_int_eq(ki_preds_note(p, "140002", "100003"), 0);
	ck_assert_int_eq(ki_preds_note(p, "140002", "100004"), 0);
	ck_assert_ptr_null(ki_preds_of(p, "140002"));
	ck_assert_int_eq(ki_preds_note(p, "140002", "100003"), 0);
	ck_assert_ptr_null(ki_preds_of(p, "140002"));
	ki_preds_free(p);
	ki_preds_free(NULL);
}
END_TEST

static Suite *
preds_suite(void)
{
	Suite *s = suite_create("preds");
	TCase *tc = tcase_create("ki_preds");

	tcase_add_test(tc, preds_follow);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(preds_suite());
}

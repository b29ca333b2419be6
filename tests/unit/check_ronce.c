/*
 * Unit tests for lib/report_once.c: the (urn, year) pairs ki-report has
 * met, packed as bits of 64-urn words, or kept as text when not of the
 * usual form; two pairs are the same exactly when their text is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "../../lib/report_kind.h"

#include "util.h"

START_TEST(ronce_pairs)
{
	struct ki_ronce *o = ki_ronce_new();

	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(ki_ronce_add(o, "100001", "2019"), 1);
	ck_assert_int_eq(ki_ronce_add(o, "100001", "2019"), 0);
	/* Another year, no year, and the next urn are other pairs. */
	ck_assert_int_eq(ki_ronce_add(o, "100001", "2018"), 1);
	ck_assert_int_eq(ki_ronce_add(o, "100001", NULL), 1);
	ck_assert_int_eq(ki_ronce_add(o, "100001", NULL), 0);
	ck_assert_int_eq(ki_ronce_add(o, "100002", "2019"), 1);
	/* The first and last years, and urns 64 apart (the same bit). */
	ck_assert_int_eq(ki_ronce_add(o, "100001", "1900"), 1);
	ck_assert_int_eq(ki_ronce_add(o, "100001", "2100"), 1);
	ck_assert_int_eq(ki_ronce_add(o, "100065", "2019"), 1);
	ck_assert_int_eq(ki_ronce_add(o, "100065", "2019"), 0);
	ck_assert_int_eq(ki_ronce_add(o, "1", "2019"), 1);
	ck_assert_int_eq(ki_ronce_add(o, "65", "2019"), 1);
	ck_assert_int_eq(ki_ronce_add(o, "1", "2019"), 0);
	ki_ronce_free(o);
	ki_ronce_free(NULL);
}
END_TEST

/* Text that names the same number is still another urn. */
START_TEST(ronce_text)
{
	struct ki_ronce *o = ki_ronce_new();

	ck_assert_int_eq(ki_ronce_add(o, "12", "2019"), 1);
	ck_assert_int_eq(ki_ronce_add(o, "012", "2019"), 1);
	ck_assert_int_eq(ki_ronce_add(o, "0012", "2019"), 1);
	ck_assert_int_eq(ki_ronce_add(o, "012", "2019"), 0);
	ck_assert_int_eq(ki_ronce_add(o, "EY12", "2019"), 1);
	ck_assert_int_eq(ki_ronce_add(o, "EY12", "2019"), 0);
	ck_assert_int_eq(ki_ronce_add(o, "EY012", "2019"), 1);
	ck_assert_int_eq(ki_ronce_add(o, "0", "2019"), 1);
	ck_assert_int_eq(ki_ronce_add(o, "0", "2019"), 0);
	ck_assert_int_eq(ki_ronce_add(o, "EY", "2019"), 1);
	ck_assert_int_eq(ki_ronce_add(o, "EY", "2019"), 0);
	/* 15 digits are packed, 16 kept as text: both still found. */
	ck_assert_int_eq(ki_ronce_add(o, "999999999999999", "2019"), 1);
	ck_assert_int_eq(ki_ronce_add(o, "999999999999999", "2019"), 0);
	ck_assert_int_eq(ki_ronce_add(o, "1000000000000000", "2019"), 1);
	ck_assert_int_eq(ki_ronce_add(o, "1000000000000000", "2019"), 0);
	ck_assert_int_eq(ki_ronce_add(o, "1000000000000000", NULL), 1);
	ki_ronce_free(o);
}
END_TEST

/* Past many growths of the table: every pair found again, none twice. */
START_TEST(ronce_many)
{
	struct ki_ronce *o = ki_ronce_new();
	char u[32];
	long i;

	ck_assert_ptr_nonnull(o);
	for (i = 0; i < 200000; i++) {
		/* Dense urns, and urns far apart, each a word of its own. */
		snprintf(u, sizeof(u), "%ld", i % 2 ? 100000 + i :
		    10000000 + 1000 * i);
		ck_assert_int_eq(ki_ronce_add(o, u, i % 3 ? "2019" : "2018"), 1);
	}
	for (i = 0; i < 200000; i += 7) {
		snprintf(u, sizeof(u), "%ld", i % 2 ? 100000 + i :
		    10000000 + 1000 * i);
		ck_assert_int_eq(ki_ronce_add(o, u, i % 3 ? "2019" : "2018"), 0);
		ck_assert_int_eq(ki_ronce_add(o, u, "2017"), 1);
	}
	ki_ronce_free(o);
}
END_TEST

static Suite *
ronce_suite(void)
{
	Suite *s = suite_create("ronce");
	TCase *tc = tcase_create("ki_ronce");

	tcase_add_test(tc, ronce_pairs);
	tcase_add_test(tc, ronce_text);
	tcase_add_test(tc, ronce_many);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(ronce_suite());
}

/* Unit tests for lib/urnset.c (schools' URNs numbered in few bytes). */
#include <stdio.h>
#include <stdlib.h>

#include <check.h>

#include "ki/urnset.h"

#include "util.h"

START_TEST(urnset_empty)
{
	struct ki_urnset *u = ki_urnset_new();

	ck_assert_ptr_nonnull(u);
	ck_assert_uint_eq(ki_urnset_count(u), 0);
	ck_assert_int_eq(ki_urnset_find(u, "100001"), -1);
	ck_assert_int_eq(ki_urnset_find(u, "SC1"), -1);
	ki_urnset_free(u);
	ki_urnset_free(NULL);
}
END_TEST

START_TEST(urnset_forms)
{
	static const char *const s[] = { "100001", "SC123", "100002",
	    "0100001", "0", "4294967295", "4294967294", "", "-1", "12a",
	    "00", "99999999999999999999", "+5", "5" };
	struct ki_urnset *u = ki_urnset_new();
	size_t i, n = sizeof(s) / sizeof(s[0]);

	/*
	 * Numbers and other strings share one numbering, in order; a leading
	 * zero, a sign or a number past 32 bits is a string of its own.
	 */
	ck_assert_ptr_nonnull(u);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(ki_urnset_intern(u, s[i]), (long)i);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(ki_urnset_intern(u, s[i]), (long)i);
		ck_assert_int_eq(ki_urnset_find(u, s[i]), (long)i);
	}
	ck_assert_uint_eq(ki_urnset_count(u), n);
	/* Each comes back as the text it was given, numbers and others. */
	for (i = 0; i < n; i++) {
		char buf[16];

		ck_assert_str_eq(ki_urnset_str(u, (long)i, buf, sizeof(buf)),
		    s[i]);
		ki_urnset_prefetch(u, s[i]);
	}
	ck_assert_int_eq(ki_urnset_find(u, "100003"), -1);
	ck_assert_int_eq(ki_urnset_find(u, "SC124"), -1);
	ck_assert_int_eq(ki_urnset_find(u, "000"), -1);
	ki_urnset_free(u);
}
END_TEST

START_TEST(urnset_many)
{
	struct ki_urnset *u = ki_urnset_new();
	char b[32];
	long i;

	/* Numbers far apart and close, strings between: all kept apart. */
	ck_assert_ptr_nonnull(u);
	for (i = 0; i < 300000; i++) {
		if (i % 7 == 3)
			snprintf(b, sizeof(b), "X%ld", i);
		else
			snprintf(b, sizeof(b), "%ld", i % 2 ? 100000 + i :
			    (i * 65536) % 4000000000L + 500000);
		ck_assert_int_eq(ki_urnset_intern(u, b), i);
	}
	for (i = 0; i < 300000; i++) {
		if (i % 7 == 3)
			snprintf(b, sizeof(b), "X%ld", i);
		else
			snprintf(b, sizeof(b), "%ld", i % 2 ? 100000 + i :
			    (i * 65536) % 4000000000L + 500000);
		ck_assert_int_eq(ki_urnset_find(u, b), i);
	}
	ck_assert_uint_eq(ki_urnset_count(u), 300000);
	ki_urnset_free(u);
}
END_TEST


START_TEST(urnset_memory)
{
	struct ki_urnset *u = ki_urnset_new();
	char b[32];
	long before = util_maxrss(), i;

	/*
	 * A million URNs in some 10 bytes each (a table of strings took 25):
	 * under 16 MB at the peak, growing included.
	 */
	ck_assert_ptr_nonnull(u);
	for (i = 0; i < 1000000; i++) {
		snprintf(b, sizeof(b), "%ld", 100000 + i);
		ck_assert_int_eq(ki_urnset_intern(u, b), i);
	}
	if (!UTIL_ASAN)
		ck_assert_int_lt(util_maxrss() - before, 16 * 1024);
	ki_urnset_free(u);
}
END_TEST

static Suite *
urnset_suite(void)
{
	Suite *s = suite_create("urnset");
	TCase *tc;

	tc = tcase_create("ki_urnset");
	tcase_add_test(tc, urnset_empty);
	tcase_add_test(tc, urnset_forms);
	tcase_add_test(tc, urnset_many);
	tcase_add_test(tc, urnset_memory);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(urnset_suite());
}

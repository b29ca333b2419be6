/* Unit tests for lib/hist.c (school-years with predecessors) and lib/rowvals.c. */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "ki/hist.h"
#include "ki/rowvals.h"

#include "util.h"

/*
 * 300002 is 300001's academy: 300001 has 2016-2018, 300002 2019-2020.
 * data is the year's answer: 1 below, 0 not.
 */
static void
academy(struct ki_hist *h)
{
	struct ki_err err;

	ck_assert_int_eq(ki_hist_init(h), 0);
	ck_assert_int_eq(ki_hist_add(h, "300002", 2020, 2, 1), 0);
	ck_assert_int_eq(ki_hist_add(h, "300001", 2016, 3, 1), 1);
	ck_assert_int_eq(ki_hist_add(h, "300001", 2017, 4, 0), 1);
	ck_assert_int_eq(ki_hist_add(h, "300001", 2018, 5, 1), 1);
	ck_assert_int_eq(ki_hist_add(h, "300002", 2019, 6, 1), 0);
	ck_assert_int_eq(ki_hist_link(h, "300002", "300001"), 0);
	ck_assert_int_eq(ki_hist_index(h, "in.csv", &err), 0);
	ck_assert_uint_eq(ki_hist_nschools(h), 2);
	char ub[16];

	ck_assert_str_eq(ki_hist_urn(h, 1, ub, sizeof(ub)), "300001");
}

START_TEST(hist_predecessor)
{
	struct ki_hist h;
	struct ki_hist_from f;
	const struct ki_sy *y;
	char yrs[32];

	academy(&h);
	ki_hist_from_clear(&f);
	/* Its own year: nothing from the predecessor. */
	y = ki_hist_find(&h, 0, 2019, &f);
	ck_assert_uint_eq(y->line, 6);
	ck_assert_int_eq(f.school, -1);
	/* Years before the academy's are its predecessor's, and noted. */
	ck_assert_uint_eq(ki_hist_find(&h, 0, 2017, &f)->line, 4);
	ck_assert_uint_eq(ki_hist_find(&h, 0, 2016, &f)->line, 3);
	ck_assert_int_eq(f.school, 1);
	ck_assert_int_eq(f.lo, 2016);
	ck_assert_int_eq(f.hi, 2017);
	ki_hist_years(&f, yrs, sizeof(yrs));
	ck_assert_str_eq(yrs, "2016-2017");
	ck_assert_ptr_null(ki_hist_find(&h, 0, 2015, &f));
	/* The predecessor does not read its successor's years. */
	ck_assert_ptr_null(ki_hist_find(&h, 1, 2019, NULL));
	ki_hist_free(&h);
}
END_TEST

START_TEST(hist_count_and_run)
{
	struct ki_hist h;
	struct ki_hist_from f;
	char yrs[32];

	academy(&h);
	ki_hist_from_clear(&f);
	/* 2016-2020 below in 2016, 2018, 2019, 2020; 2017 not. */
	ck_assert_int_eq(ki_hist_count(&h, 0, 2016, 2020, 1, 1, &f), 4);
	ck_assert_int_eq(ki_hist_count(&h, 0, 2016, 2020, 1, 0, NULL), 1);
	ck_assert_int_eq(ki_hist_run(&h, 0, 2020, 1, 1, NULL), 3);
	ck_assert_int_eq(ki_hist_run(&h, 0, 2017, 1, 1, NULL), 0);
	ck_assert_int_eq(ki_hist_run(&h, 1, 2016, 1, 1, NULL), 1);
	ck_assert_int_eq(f.school, 1);
	ki_hist_years(&f, yrs, sizeof(yrs));
	ck_assert_str_eq(yrs, "2016-2018");
	ki_hist_free(&h);
}
END_TEST

START_TEST(hist_one_year)
{
	struct ki_hist_from f = { 1, 2018, 2018 };
	char yrs[32];

	ki_hist_years(&f, yrs, sizeof(yrs));
	ck_assert_str_eq(yrs, "2018");
}
END_TEST

START_TEST(hist_duplicate)
{
	struct ki_hist h;
	struct ki_err err;

	ck_assert_int_eq(ki_hist_init(&h), 0);
	ck_assert_int_eq(ki_hist_add(&h, "1", 2019, 2, 0), 0);
	ck_assert_int_eq(ki_hist_add(&h, "2", 2019, 3, 0), 1);
	ck_assert_int_eq(ki_hist_add(&h, "1", 2019, 4, 0), 0);
	ck_assert_int_eq(ki_hist_index(&h, "in.csv", &err), -1);
	util_err_is(&err, "in.csv", 4, "urn", "school 1 appears twice for 2019");
	ki_hist_free(&h);
}
END_TEST

START_TEST(hist_merger)
{
	struct ki_hist h;
	struct ki_err err;

	/* Two predecessors: a merger, whose history is not followed. */
	ck_assert_int_eq(ki_hist_init(&h), 0);
	ck_assert_int_eq(ki_hist_add(&h, "3", 2019, 2, 0), 0);
	ck_assert_int_eq(ki_hist_add(&h, "1", 2018, 3, 0), 1);
	ck_assert_int_eq(ki_hist_add(&h, "2", 2018, 4, 0), 2);
	ck_assert_int_eq(ki_hist_link(&h, "3", "1"), 0);
	ck_assert_int_eq(ki_hist_link(&h, "3", "2"), 0);
	ck_assert_int_eq(ki_hist_index(&h, "in.csv", &err), 0);
	ck_assert_ptr_null(ki_hist_find(&h, 0, 2018, NULL));
	ki_hist_free(&h);
}
END_TEST

START_TEST(rowvals_widen)
{
	struct ki_rowvals rv;
	const char *v[3];
	char a[16], b[16];
	long i;

	ck_assert_int_eq(ki_rowvals_init(&rv, 3), 0);
	/* 70,000 distinct values in one column: 17 bits wide by the end. */
	for (i = 0; i < 70000; i++) {
		snprintf(a, sizeof(a), "a%ld", i);
		snprintf(b, sizeof(b), "%ld", i % 7);
		v[0] = a;
		v[1] = i % 2 ? NULL : "yes";
		v[2] = b;
		ck_assert_int_eq(ki_rowvals_add(&rv, v), i);
	}
	ck_assert_uint_eq(rv.col[0].width, 17);
	ck_assert_uint_eq(rv.col[1].width, 1);
	ck_assert_uint_eq(rv.col[2].width, 3);
	ck_assert_uint_eq(ki_rowvals_bytes(&rv), (70000 * 21 + 7) / 8);
	for (i = 0; i < 70000; i++) {
		snprintf(a, sizeof(a), "a%ld", i);
		snprintf(b, sizeof(b), "%ld", i % 7);
		ck_assert_str_eq(ki_rowvals_get(&rv, (size_t)i, 0), a);
		if (i % 2)
			ck_assert_ptr_null(ki_rowvals_get(&rv, (size_t)i, 1));
		else
			ck_assert_str_eq(ki_rowvals_get(&rv, (size_t)i, 1), "yes");
		ck_assert_str_eq(ki_rowvals_get(&rv, (size_t)i, 2), b);
	}
	ki_rowvals_free(&rv);
}
END_TEST

START_TEST(rowvals_small)
{
	struct ki_rowvals rv;
	const char *v[2] = { "2", "yes" }, *w[2] = { NULL, "yes" };

	ck_assert_int_eq(ki_rowvals_init(&rv, 2), 0);
	ck_assert_int_eq(ki_rowvals_add(&rv, v), 0);
	ck_assert_int_eq(ki_rowvals_add(&rv, w), 1);
	/* Two values in each column, blank being one: a bit each. */
	ck_assert_uint_eq(rv.bits, 2);
	ck_assert_str_eq(ki_rowvals_get(&rv, 0, 0), "2");
	ck_assert_ptr_null(ki_rowvals_get(&rv, 1, 0));
	/* Equal values are one string. */
	ck_assert_ptr_eq(ki_rowvals_get(&rv, 0, 1), ki_rowvals_get(&rv, 1, 1));
	ki_rowvals_free(&rv);
}
END_TEST

static Suite *
hist_suite(void)
{
	Suite *s = suite_create("hist");
	TCase *tc = tcase_create("ki_hist");

	tcase_add_test(tc, hist_predecessor);
	tcase_add_test(tc, hist_count_and_run);
	tcase_add_test(tc, hist_one_year);
	tcase_add_test(tc, hist_duplicate);
	tcase_add_test(tc, hist_merger);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_rowvals");
	tcase_add_test(tc, rowvals_small);
	tcase_add_test(tc, rowvals_widen);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(hist_suite());
}

/* Unit tests for lib/keys.c (interned keys) and lib/syears.c (school-years). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "ki/keys.h"
#include "ki/urnset.h"
#include "ki/syears.h"

#include "util.h"

START_TEST(keys_empty)
{
	struct ki_keys *k = ki_keys_new();

	ck_assert_ptr_nonnull(k);
	ck_assert_uint_eq(ki_keys_count(k), 0);
	ck_assert_int_eq(ki_keys_find(k, "100001"), -1);
	ki_keys_free(k);
	ki_keys_free(NULL);
}
END_TEST

START_TEST(keys_intern)
{
	struct ki_keys *k = ki_keys_new();
	int added = -1;

	ck_assert_int_eq(ki_keys_intern(k, "100001", &added), 0);
	ck_assert_int_eq(added, 1);
	ck_assert_int_eq(ki_keys_intern(k, "100002", &added), 1);
	ck_assert_int_eq(added, 1);
	/* Again: the same index, not added. */
	ck_assert_int_eq(ki_keys_intern(k, "100001", &added), 0);
	ck_assert_int_eq(added, 0);
	ck_assert_int_eq(ki_keys_intern(k, "", NULL), 2);
	ck_assert_uint_eq(ki_keys_count(k), 3);
	ck_assert_str_eq(ki_keys_str(k, 0), "100001");
	ck_assert_str_eq(ki_keys_str(k, 1), "100002");
	ck_assert_str_eq(ki_keys_str(k, 2), "");
	ck_assert_int_eq(ki_keys_find(k, "100002"), 1);
	ck_assert_int_eq(ki_keys_find(k, "10000"), -1);
	ki_keys_free(k);
}
END_TEST

/* Past many growths of the table, the blocks and the string list. */
START_TEST(keys_many)
{
	struct ki_keys *k = ki_keys_new();
	char s[32];
	long i;

	/* A hint, on an empty table and a full one alike, changes nothing. */
	ki_keys_prefetch(k, "100000");
	for (i = 0; i < 100000; i++) {
		snprintf(s, sizeof(s), "%ld", 100000 + i * 7);
		ki_keys_prefetch(k, s);
		ck_assert_int_eq(ki_keys_intern(k, s, NULL), i);
		ki_keys_prefetch(k, s);
		ck_assert_int_eq(ki_keys_count(k), i + 1);
	}
	ck_assert_uint_eq(ki_keys_count(k), 100000);
	for (i = 0; i < 100000; i += 997) {
		snprintf(s, sizeof(s), "%ld", 100000 + i * 7);
		ck_assert_int_eq(ki_keys_find(k, s), i);
		ck_assert_str_eq(ki_keys_str(k, i), s);
	}
	ck_assert_int_eq(ki_keys_find(k, "100001"), -1);
	ki_keys_free(k);
}
END_TEST

/* A string stays put; one longer than a block has a block of its own. */
START_TEST(keys_stable)
{
	struct ki_keys *k = ki_keys_new();
	static char big[3 * 1024 * 1024];
	const char *first, *b;
	char s[32];
	long i;

	ck_assert_int_eq(ki_keys_intern(k, "116167", NULL), 0);
	first = ki_keys_str(k, 0);
	memset(big, 'x', sizeof(big) - 1);
	ck_assert_int_eq(ki_keys_intern(k, big, NULL), 1);
	b = ki_keys_str(k, 1);
	for (i = 0; i < 200000; i++) {
		snprintf(s, sizeof(s), "u%ld", i);
		ck_assert_int_eq(ki_keys_intern(k, s, NULL), i + 2);
	}
	ck_assert_ptr_eq(ki_keys_str(k, 0), first);
	ck_assert_str_eq(first, "116167");
	ck_assert_ptr_eq(ki_keys_str(k, 1), b);
	ck_assert_uint_eq(strlen(b), sizeof(big) - 1);
	ck_assert_int_eq(ki_keys_find(k, big), 1);
	big[5] = 'y';
	ck_assert_int_eq(ki_keys_find(k, big), -1);
	ki_keys_free(k);
}
END_TEST

static void
add(struct ki_syears *s, uint32_t school, int year, long line)
{
	ck_assert_int_eq(ki_syears_add(s, school, year, line,
	    (uint32_t)line * 10), 0);
}

/* Rows come a year at a time, so the list has to be sorted. */
START_TEST(syears_unsorted)
{
	struct ki_syears s = { 0 };
	const struct ki_sy *dup = NULL, *y;

	add(&s, 1, 2019, 2);
	add(&s, 0, 2019, 3);
	add(&s, 1, 2017, 4);
	add(&s, 0, 2018, 5);
	/* School 2 has no years; school 3 one. */
	add(&s, 3, 2018, 6);
	ck_assert_int_eq(ki_syears_index(&s, 4, &dup), 0);
	ck_assert_ptr_null(dup);
	y = ki_syears_find(&s, 0, 2018);
	ck_assert_ptr_nonnull(y);
	ck_assert_uint_eq(y->line, 5);
	ck_assert_uint_eq(y->data, 50);
	ck_assert_uint_eq(ki_syears_find(&s, 1, 2017)->line, 4);
	ck_assert_uint_eq(ki_syears_find(&s, 1, 2019)->line, 2);
	ck_assert_ptr_null(ki_syears_find(&s, 1, 2018));
	ck_assert_ptr_null(ki_syears_find(&s, 2, 2018));
	ck_assert_uint_eq(ki_syears_find(&s, 3, 2018)->line, 6);
	/* Sorted by school then year. */
	ck_assert_uint_eq(s.y[0].school, 0);
	ck_assert_int_eq(s.y[0].year, 2018);
	ck_assert_uint_eq(s.y[4].school, 3);
	ki_syears_free(&s);
	ck_assert_ptr_null(s.y);
	ck_assert_uint_eq(s.n, 0);
}
END_TEST

/* In order already (one year a school): indexed as it is. */
START_TEST(syears_sorted)
{
	struct ki_syears s = { 0 };
	const struct ki_sy *dup = NULL;
	uint32_t i;

	for (i = 0; i < 10000; i++)
		add(&s, i, 2019, (long)i + 2);
	ck_assert_int_eq(ki_syears_index(&s, 10000, &dup), 0);
	for (i = 0; i < 10000; i += 101) {
		ck_assert_uint_eq(ki_syears_find(&s, i, 2019)->line, i + 2);
		ck_assert_ptr_null(ki_syears_find(&s, i, 2018));
	}
	ki_syears_free(&s);
}
END_TEST

/* A school twice in one year: the second row, in either order. */
START_TEST(syears_dup)
{
	struct ki_syears s = { 0 };
	const struct ki_sy *dup = NULL;

	add(&s, 0, 2019, 2);
	add(&s, 1, 2019, 3);
	add(&s, 0, 2018, 4);
	add(&s, 0, 2019, 5);
	ck_assert_int_eq(ki_syears_index(&s, 2, &dup), 1);
	ck_assert_ptr_nonnull(dup);
	ck_assert_uint_eq(dup->school, 0);
	ck_assert_int_eq(dup->year, 2019);
	ck_assert_uint_eq(dup->line, 5);
	ki_syears_free(&s);

	dup = NULL;
	add(&s, 0, 2018, 2);
	add(&s, 0, 2018, 3);
	ck_assert_int_eq(ki_syears_index(&s, 1, &dup), 1);
	ck_assert_uint_eq(dup->line, 3);
	ki_syears_free(&s);
}
END_TEST

/* The same, with the error: file, line, field and the school's urn. */
START_TEST(syears_dup_err)
{
	struct ki_syears s = { 0 };
	struct ki_urnset *urns = ki_urnset_new();
	struct ki_err err = { 0 };

	ck_assert_int_eq(ki_urnset_intern(urns, "100001"), 0);
	ck_assert_int_eq(ki_urnset_intern(urns, "100002"), 1);
	add(&s, 1, 2018, 2);
	add(&s, 0, 2019, 3);
	ck_assert_int_eq(ki_syears_index_err(&s, urns, "in.csv", &err), 0);
	add(&s, 1, 2018, 7);
	ck_assert_int_eq(ki_syears_index_err(&s, urns, "in.csv", &err), -1);
	util_err_is(&err, "in.csv", 7, "urn",
	    "school 100002 appears twice for 2018");
	ki_syears_free(&s);
	ki_urnset_free(urns);
}
END_TEST

static Suite *
keys_suite(void)
{
	Suite *s = suite_create("keys");
	TCase *tc;

	tc = tcase_create("ki_keys");
	tcase_add_test(tc, keys_empty);
	tcase_add_test(tc, keys_intern);
	tcase_add_test(tc, keys_many);
	tcase_add_test(tc, keys_stable);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_syears");
	tcase_add_test(tc, syears_unsorted);
	tcase_add_test(tc, syears_sorted);
	tcase_add_test(tc, syears_dup);
	tcase_add_test(tc, syears_dup_err);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(keys_suite());
}

/* Unit tests for lib/tab.c: the string-keyed hash table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "ki/tab.h"

#include "util.h"

START_TEST(new_free)
{
	struct ki_tab *t = ki_tab_new();
	size_t pos = 0;
	const char *k = NULL;
	void *v = NULL;

	ck_assert_ptr_nonnull(t);
	ck_assert_uint_eq(ki_tab_count(t), 0);
	ck_assert_ptr_null(ki_tab_get(t, "x"));
	ck_assert_int_eq(ki_tab_next(t, &pos, &k, &v), 0);
	ki_tab_free(t, NULL);
	ki_tab_free(NULL, free);
}
END_TEST

static int freed;

static void
count_free(void *p)
{
	freed++;
	free(p);
}

START_TEST(free_values)
{
	struct ki_tab *t = ki_tab_new();

	freed = 0;
	ck_assert_int_eq(ki_tab_put(t, "a", strdup("1")), 0);
	ck_assert_int_eq(ki_tab_put(t, "b", strdup("2")), 0);
	ck_assert_int_eq(ki_tab_put(t, "c", NULL), 0);
	ki_tab_free(t, count_free);
	ck_assert_int_eq(freed, 3);
}
END_TEST

START_TEST(put_get)
{
	struct ki_tab *t = ki_tab_new();
	char key[] = "maintained";
	int a = 1, b = 2, c = 3;

	ck_assert_int_eq(ki_tab_put(t, key, &a), 0);
	ck_assert_int_eq(ki_tab_put(t, "academy", &b), 0);
	ck_assert_int_eq(ki_tab_put(t, "", &c), 0);
	ck_assert_uint_eq(ki_tab_count(t), 3);
	/* The key is copied. */
	key[0] = 'X';
	ck_assert_ptr_eq(ki_tab_get(t, "maintained"), &a);
	ck_assert_ptr_null(ki_tab_get(t, "Xaintained"));
	ck_assert_ptr_eq(ki_tab_get(t, "academy"), &b);
	ck_assert_ptr_eq(ki_tab_get(t, ""), &c);
	ck_assert_ptr_null(ki_tab_get(t, "Academy"));
	ck_assert_ptr_null(ki_tab_get(t, "academ"));
	ki_tab_free(t, NULL);
}
END_TEST

START_TEST(replace)
{
	struct ki_tab *t = ki_tab_new();
	int a = 1, b = 2, c = 3;
	size_t pos = 0;
	const char *k;
	void *v;

	ck_assert_int_eq(ki_tab_put(t, "x", &a), 0);
	ck_assert_int_eq(ki_tab_put(t, "y", &b), 0);
	ck_assert_int_eq(ki_tab_put(t, "x", &c), 0);
	ck_assert_uint_eq(ki_tab_count(t), 2);
	ck_assert_ptr_eq(ki_tab_get(t, "x"), &c);
	ck_assert_ptr_eq(ki_tab_get(t, "y"), &b);
	/* A replaced key keeps its first place. */
	ck_assert_int_eq(ki_tab_next(t, &pos, &k, &v), 1);
	ck_assert_str_eq(k, "x");
	ck_assert_ptr_eq(v, &c);
	ck_assert_int_eq(ki_tab_next(t, &pos, &k, &v), 1);
	ck_assert_str_eq(k, "y");
	ck_assert_int_eq(ki_tab_next(t, &pos, &k, &v), 0);
	/* NULL is a value like any other. */
	ck_assert_int_eq(ki_tab_put(t, "y", NULL), 0);
	ck_assert_ptr_null(ki_tab_get(t, "y"));
	ck_assert_uint_eq(ki_tab_count(t), 2);
	ki_tab_free(t, NULL);
}
END_TEST

/* A key from ki_tab_next stays valid however many keys are put after it. */
START_TEST(stable_keys)
{
	struct ki_tab *t = ki_tab_new();
	const char *first, *k;
	char key[32];
	size_t pos = 0;
	void *v;
	long i;

	ck_assert_int_eq(ki_tab_put(t, "Basingstoke and Deane", NULL), 0);
	ck_assert_int_eq(ki_tab_next(t, &pos, &first, &v), 1);
	for (i = 0; i < 50000; i++) {
		snprintf(key, sizeof(key), "district %ld", i);
		ck_assert_int_eq(ki_tab_put(t, key, NULL), 0);
	}
	ck_assert_str_eq(first, "Basingstoke and Deane");
	pos = 0;
	ck_assert_int_eq(ki_tab_next(t, &pos, &k, &v), 1);
	ck_assert_ptr_eq(k, first);
	ki_tab_free(t, NULL);
}
END_TEST

START_TEST(count)
{
	struct ki_tab *t = ki_tab_new();
	int a;

	ck_assert_uint_eq(ki_tab_count(t), 0);
	ck_assert_int_eq(ki_tab_put(t, "a", &a), 0);
	ck_assert_uint_eq(ki_tab_count(t), 1);
	ck_assert_int_eq(ki_tab_put(t, "b", &a), 0);
	ck_assert_uint_eq(ki_tab_count(t), 2);
	ck_assert_int_eq(ki_tab_put(t, "a", NULL), 0);
	ck_assert_uint_eq(ki_tab_count(t), 2);
	ki_tab_free(t, NULL);
}
END_TEST

enum { N = 10000 };
static long val[N];

/* The i-th key: distinct for i < 100003, not in sorted or hash order. */
static const char *
nth_key(size_t i, char *buf, size_t n)
{
	snprintf(buf, n, "%zu", i * 7919 % 100003);
	return buf;
}

static struct ki_tab *
fill_many(void)
{
	struct ki_tab *t = ki_tab_new();
	char key[32];
	size_t i;

	ck_assert_ptr_nonnull(t);
	for (i = 0; i < N; i++) {
		val[i] = (long)i;
		ck_assert_int_eq(ki_tab_put(t, nth_key(i, key, sizeof(key)),
		    &val[i]), 0);
	}
	return t;
}

START_TEST(many)
{
	struct ki_tab *t = ki_tab_new();
	char key[32];
	size_t i;

	/* Earlier keys stay findable each time the table grows. */
	for (i = 0; i < N; i++) {
		val[i] = (long)i;
		ck_assert_int_eq(ki_tab_put(t, nth_key(i, key, sizeof(key)),
		    &val[i]), 0);
		ck_assert_uint_eq(ki_tab_count(t), i + 1);
		ck_assert_ptr_eq(ki_tab_get(t, "0"), &val[0]);
		ck_assert_ptr_eq(ki_tab_get(t, key), &val[i]);
	}
	for (i = 0; i < N; i++)
		ck_assert_ptr_eq(ki_tab_get(t, nth_key(i, key, sizeof(key))),
		    &val[i]);
	ck_assert_ptr_null(ki_tab_get(t, "1"));
	ck_assert_ptr_null(ki_tab_get(t, "100003"));
	ki_tab_free(t, NULL);
}
END_TEST

START_TEST(next_order)
{
	struct ki_tab *t = fill_many();
	char key[32];
	size_t pos = 0, i;
	const char *k;
	void *v;

	/* Insertion order, not hash order. */
	for (i = 0; ki_tab_next(t, &pos, &k, &v); i++) {
		ck_assert_str_eq(k, nth_key(i, key, sizeof(key)));
		ck_assert_ptr_eq(v, &val[i]);
		ck_assert_uint_eq(pos, i + 1);
	}
	ck_assert_uint_eq(i, N);
	ck_assert_int_eq(ki_tab_next(t, &pos, &k, &v), 0);
	ck_assert_uint_eq(pos, N);
	/* A second walk from 0 sees the same first entry. */
	pos = 0;
	ck_assert_int_eq(ki_tab_next(t, &pos, &k, &v), 1);
	ck_assert_str_eq(k, "0");
	ki_tab_free(t, NULL);
}
END_TEST

static Suite *
tab_suite(void)
{
	Suite *s = suite_create("tab");
	TCase *tc;

	tc = tcase_create("ki_tab_new");
	tcase_add_test(tc, new_free);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_tab_free");
	tcase_add_test(tc, free_values);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_tab_get");
	tcase_add_test(tc, put_get);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_tab_put");
	tcase_add_test(tc, replace);
	tcase_add_test(tc, many);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_tab_count");
	tcase_add_test(tc, count);
	tcase_add_test(tc, stable_keys);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_tab_next");
	tcase_add_test(tc, next_order);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(tab_suite());
}

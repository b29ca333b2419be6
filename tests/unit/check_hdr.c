/* Unit tests for lib/hdr.c: column names with lookup by name. */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "ki/hdr.h"

#include "util.h"

START_TEST(new_free)
{
	struct ki_hdr *h = ki_hdr_new();

	ck_assert_ptr_nonnull(h);
	ck_assert_uint_eq(h->n, 0);
	ck_assert_int_eq(ki_hdr_index(h, "urn"), -1);
	ck_assert_int_eq(ki_hdr_index(h, ""), -1);
	ki_hdr_free(h);
	ki_hdr_free(NULL);
}
END_TEST

START_TEST(add_index)
{
	struct ki_hdr *h = ki_hdr_new();
	char name[] = "urn";

	ck_assert_int_eq(ki_hdr_add(h, name), 0);
	ck_assert_int_eq(ki_hdr_add(h, "LAESTAB"), 1);
	ck_assert_int_eq(ki_hdr_add(h, "School name, full"), 2);
	ck_assert_int_eq(ki_hdr_add(h, ""), 3);
	ck_assert_uint_eq(h->n, 4);
	/* The name is copied. */
	name[0] = 'X';
	ck_assert_str_eq(h->names[0], "urn");
	ck_assert_int_eq(ki_hdr_index(h, "urn"), 0);
	ck_assert_int_eq(ki_hdr_index(h, "Xrn"), -1);
	ck_assert_int_eq(ki_hdr_index(h, "LAESTAB"), 1);
	ck_assert_int_eq(ki_hdr_index(h, "School name, full"), 2);
	ck_assert_int_eq(ki_hdr_index(h, ""), 3);
	/* Exact, case-sensitive match. */
	ck_assert_int_eq(ki_hdr_index(h, "laestab"), -1);
	ck_assert_int_eq(ki_hdr_index(h, "URN"), -1);
	ck_assert_int_eq(ki_hdr_index(h, "urn "), -1);
	ck_assert_int_eq(ki_hdr_index(h, "ur"), -1);
	ki_hdr_free(h);
}
END_TEST

START_TEST(add_duplicate)
{
	struct ki_hdr *h = ki_hdr_new();

	/* add does not check duplicates; index finds the last of them. */
	ck_assert_int_eq(ki_hdr_add(h, "a"), 0);
	ck_assert_int_eq(ki_hdr_add(h, "b"), 1);
	ck_assert_int_eq(ki_hdr_add(h, "a"), 2);
	ck_assert_uint_eq(h->n, 3);
	ck_assert_str_eq(h->names[0], "a");
	ck_assert_str_eq(h->names[2], "a");
	ck_assert_int_eq(ki_hdr_index(h, "a"), 2);
	ck_assert_int_eq(ki_hdr_index(h, "b"), 1);
	ki_hdr_free(h);
}
END_TEST

START_TEST(many)
{
	struct ki_hdr *h = ki_hdr_new();
	char name[32];
	long i;

	const char *first;

	ck_assert_int_eq(ki_hdr_add(h, "col_0"), 0);
	first = h->names[0];
	for (i = 1; i < 10000; i++) {
		snprintf(name, sizeof(name), "col_%ld", i);
		ck_assert_int_eq(ki_hdr_add(h, name), i);
		/* Earlier names stay findable as the index grows. */
		ck_assert_int_eq(ki_hdr_index(h, "col_0"), 0);
		ck_assert_int_eq(ki_hdr_index(h, name), i);
	}
	ck_assert_uint_eq(h->n, 10000);
	/* A name stays where it is as the header grows. */
	ck_assert_ptr_eq(h->names[0], first);
	for (i = 0; i < 10000; i++) {
		snprintf(name, sizeof(name), "col_%ld", i);
		ck_assert_int_eq(ki_hdr_index(h, name), i);
		ck_assert_str_eq(h->names[i], name);
	}
	ck_assert_int_eq(ki_hdr_index(h, "col_10000"), -1);
	ck_assert_int_eq(ki_hdr_index(h, "col_"), -1);
	ki_hdr_free(h);
}
END_TEST

static Suite *
hdr_suite(void)
{
	Suite *s = suite_create("hdr");
	TCase *tc;

	tc = tcase_create("ki_hdr_new_free");
	tcase_add_test(tc, new_free);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_hdr_add");
	tcase_add_test(tc, add_duplicate);
	tcase_add_test(tc, many);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_hdr_index");
	tcase_add_test(tc, add_index);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(hdr_suite());
}

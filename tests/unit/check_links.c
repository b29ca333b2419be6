/* Unit tests for lib/links.c (predecessor links). */
#include <stdio.h>
#include <stdlib.h>

#include <check.h>

#include "ki/urnset.h"
#include "ki/links.h"

#include "util.h"

/* A key set of URNs 300001..300000+n, in order. */
static struct ki_urnset *
urns(int n)
{
	struct ki_urnset *k = ki_urnset_new();
	char s[16];
	int i;

	ck_assert_ptr_nonnull(k);
	for (i = 1; i <= n; i++) {
		snprintf(s, sizeof(s), "%d", 300000 + i);
		ck_assert_int_eq(ki_urnset_intern(k, s), i - 1);
	}
	return k;
}

START_TEST(links_follow)
{
	struct ki_links l = { 0 };
	struct ki_urnset *k = urns(4);

	/* 300002's predecessor is 300001, noted once per row. */
	ck_assert_int_eq(ki_links_note(&l, "300002", "300001"), 0);
	ck_assert_int_eq(ki_links_note(&l, "300002", "300001"), 0);
	ck_assert_uint_eq(l.n, 1);
	/* Blank, missing and self links are ignored. */
	ck_assert_int_eq(ki_links_note(&l, "300003", ""), 0);
	ck_assert_int_eq(ki_links_note(&l, NULL, "300001"), 0);
	ck_assert_int_eq(ki_links_note(&l, "300003", "300003"), 0);
	ck_assert_uint_eq(l.n, 1);
	/* A predecessor with no rows is not followed. */
	ck_assert_int_eq(ki_links_note(&l, "300004", "399999"), 0);
	ck_assert_int_eq(ki_links_resolve(&l, k), 0);
	/* One link followed: its memory is the links', not the schools'. */
	ck_assert_uint_eq(l.nof, 1);
	ck_assert_int_eq(ki_links_pred(&l, 1), 0);
	ck_assert_int_eq(ki_links_pred(&l, 0), -1);
	ck_assert_int_eq(ki_links_pred(&l, 2), -1);
	ck_assert_int_eq(ki_links_pred(&l, 3), -1);
	ck_assert_int_eq(ki_links_pred(&l, 99), -1);
	ck_assert_int_eq(ki_links_pred(&l, -1), -1);
	ki_links_free(&l);
	ki_urnset_free(k);
}
END_TEST

START_TEST(links_merger)
{
	struct ki_links l = { 0 };
	struct ki_urnset *k = urns(4);

	/* 300004 has two predecessors: a merger, neither followed. */
	ck_assert_int_eq(ki_links_note(&l, "300004", "300001"), 0);
	ck_assert_int_eq(ki_links_note(&l, "300003", "300002"), 0);
	ck_assert_int_eq(ki_links_note(&l, "300004", "300002"), 0);
	/* The same pair again, apart: still one predecessor. */
	ck_assert_int_eq(ki_links_note(&l, "300003", "300002"), 0);
	ck_assert_int_eq(ki_links_resolve(&l, k), 0);
	ck_assert_int_eq(ki_links_pred(&l, 3), -1);
	ck_assert_int_eq(ki_links_pred(&l, 2), 1);
	ki_links_free(&l);
	ck_assert_ptr_null(l.of);
	ki_links_free(&l);
	ki_urnset_free(k);
}
END_TEST

static Suite *
links_suite(void)
{
	Suite *s = suite_create("links");
	TCase *tc = tcase_create("ki_links");

	tcase_add_test(tc, links_follow);
	tcase_add_test(tc, links_merger);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(links_suite());
}

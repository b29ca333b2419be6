/*
 * Unit tests for lib/assign.c (schools placed with advisers), lib/words.c
 * (word lists) and lib/register.c (registers of people).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "ki/assign.h"
#include "ki/register.h"
#include "ki/words.h"

#include "util.h"

static char *d1[] = { "D1", NULL }, *d2[] = { "D2", NULL };
static char *d12[] = { "D1", "D2", NULL }, *dnone[] = { "D9", NULL };
static char *none[] = { NULL }, *prim[] = { "primary", NULL };

static void
adviser(struct ki_adviser *a, char *id, char **districts, char **phases,
    int64_t days)
{
	memset(a, 0, sizeof(*a));
	a->id = id;
	a->districts = districts;
	a->phases = phases;
	a->capacity = days * 100;
}

static void
job(struct ki_job *j, const char *urn, struct ki_keys *dk, const char *d,
    struct ki_keys *pk, const char *p, int64_t days)
{
	memset(j, 0, sizeof(*j));
	j->urn = urn;
	j->district = d ? (uint32_t)ki_keys_intern(dk, d, NULL) + 1 : 0;
	j->phase = p ? (uint32_t)ki_keys_intern(pk, p, NULL) + 1 : 0;
	j->days = days * 100;
}

/* District and phase first, then the district alone; never over capacity. */
START_TEST(assign_tiers)
{
	struct ki_keys *dk = ki_keys_new(), *pk = ki_keys_new();
	struct ki_adviser a[3];
	struct ki_advisers adv = { a, 3 };
	struct ki_job j[5];
	char buf[160];

	adviser(&a[0], "A", d1, prim, 10);
	adviser(&a[1], "B", d12, none, 4);
	adviser(&a[2], "C", dnone, none, 50);
	job(&j[0], "1", dk, "D1", pk, "primary", 6);
	job(&j[1], "2", dk, "D2", pk, "secondary", 3);
	job(&j[2], "3", dk, "D1", pk, "secondary", 2);
	job(&j[3], "4", dk, NULL, pk, "primary", 1);
	job(&j[4], "5", dk, "D2", pk, "primary", 4);
	ck_assert_int_eq(ki_assign(&adv, dk, pk, j, 5), 0);
	ck_assert_int_eq(j[0].adviser, 0);
	ck_assert_int_eq(j[0].near, 0);
	/* The largest first: school 5 fills B, so 2 finds no room. */
	ck_assert_int_eq(j[4].adviser, 1);
	ck_assert_int_eq(j[1].adviser, -1);
	ck_assert_int_eq(j[1].why, KI_WHY_FULL);
	ki_assign_why(&j[1], "D2", buf, sizeof(buf));
	ck_assert_str_eq(buf, "the advisers of district D2 are full");
	/* B (any phase) is full: A, of the district but not the phase. */
	ck_assert_int_eq(j[2].adviser, 0);
	ck_assert_int_eq(j[2].near, 1);
	/* C's district is no school's: it covers none. */
	ck_assert_int_eq(j[3].adviser, -1);
	ck_assert_int_eq(j[3].why, KI_WHY_NO_ADVISER);
	ki_assign_why(&j[3], NULL, buf, sizeof(buf));
	ck_assert_str_eq(buf, "no adviser covers district (blank)");
	ck_assert_int_eq(a[0].load, 800);
	ck_assert_int_eq(a[1].load, 400);
	ck_assert_int_eq(a[2].load, 0);
	ki_keys_free(dk);
	ki_keys_free(pk);
}
END_TEST

/* An adviser of every district; one of the district but not the phase. */
START_TEST(assign_near_and_any)
{
	struct ki_keys *dk = ki_keys_new(), *pk = ki_keys_new();
	struct ki_adviser a[2];
	struct ki_advisers adv = { a, 2 };
	struct ki_job j[3];
	char buf[160];

	adviser(&a[0], "A", d2, prim, 10);
	adviser(&a[1], "B", none, prim, 5);
	job(&j[0], "1", dk, "D2", pk, "secondary", 4);
	job(&j[1], "2", dk, "D7", pk, "primary", 5);
	job(&j[2], "3", dk, "D7", pk, "primary", 20);
	ck_assert_int_eq(ki_assign(&adv, dk, pk, j, 3), 0);
	ck_assert_int_eq(j[0].near, 1);
	ck_assert_int_eq(j[1].adviser, 1);
	ck_assert_int_eq(j[2].adviser, -1);
	ck_assert_int_eq(j[2].why, KI_WHY_NO_CAPACITY);
	ki_assign_why(&j[2], "D7", buf, sizeof(buf));
	ck_assert_str_eq(buf, "no adviser of district D7 has the capacity for "
	    "it");
	ki_keys_free(dk);
	ki_keys_free(pk);
}
END_TEST

/* Largest first, then by urn, whatever the order of the jobs. */
START_TEST(assign_order)
{
	struct ki_keys *dk = ki_keys_new(), *pk = ki_keys_new();
	struct ki_adviser a[1];
	struct ki_advisers adv = { a, 1 };
	struct ki_job j[3];

	adviser(&a[0], "A", d1, none, 5);
	job(&j[0], "300", dk, "D1", pk, NULL, 2);
	job(&j[1], "200", dk, "D1", pk, NULL, 2);
	job(&j[2], "100", dk, "D1", pk, NULL, 3);
	ck_assert_int_eq(ki_assign(&adv, dk, pk, j, 3), 0);
	/* 100 (3 days) first, then 200: 300 finds no room. */
	ck_assert_int_eq(j[2].adviser, 0);
	ck_assert_int_eq(j[1].adviser, 0);
	ck_assert_int_eq(j[0].adviser, -1);
	/* No days: not placed, and no reason. */
	j[0].days = 0;
	ck_assert_int_eq(ki_assign(&adv, dk, pk, j, 3), 0);
	ck_assert_int_eq(j[0].adviser, -1);
	ck_assert_int_eq(j[0].why, KI_WHY_PLACED);
	ki_keys_free(dk);
	ki_keys_free(pk);
}
END_TEST

/* Loads made even: a school moves to the less loaded adviser. */
START_TEST(assign_even)
{
	struct ki_keys *dk = ki_keys_new(), *pk = ki_keys_new();
	struct ki_adviser a[2];
	struct ki_advisers adv = { a, 2 };
	struct ki_job j[4];
	size_t i;

	adviser(&a[0], "A", d1, none, 100);
	adviser(&a[1], "B", d1, none, 100);
	for (i = 0; i < 4; i++) {
		char *urn = malloc(8);

		snprintf(urn, 8, "%zu", 100 + i);
		job(&j[i], urn, dk, "D1", pk, "primary", 5);
	}
	ck_assert_int_eq(ki_assign(&adv, dk, pk, j, 4), 0);
	ck_assert_int_eq(a[0].load, 1000);
	ck_assert_int_eq(a[1].load, 1000);
	for (i = 0; i < 4; i++)
		free((char *)j[i].urn);
	ki_keys_free(dk);
	ki_keys_free(pk);
}
END_TEST

START_TEST(words_split)
{
	char **v = ki_words_split(" D1 ;D2;; \tD3\t;");

	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v[0], "D1");
	ck_assert_str_eq(v[1], "D2");
	ck_assert_str_eq(v[2], "D3");
	ck_assert_ptr_null(v[3]);
	ck_assert_int_eq(ki_words_has(v, "D2"), 1);
	ck_assert_int_eq(ki_words_has(v, "D"), 0);
	ck_assert_int_eq(ki_words_has(v, NULL), 0);
	ck_assert_int_eq(ki_words_has(NULL, "D2"), 0);
	ki_words_free(v);
	v = ki_words_split(NULL);
	ck_assert_ptr_nonnull(v);
	ck_assert_ptr_null(v[0]);
	ki_words_free(v);
	ki_words_free(NULL);
}
END_TEST

static const char *const cols[] = { "id", "name", "days" };

/* Each row's values by column, whatever the file's order; ids once each. */
START_TEST(register_rows)
{
	char p[128];
	struct ki_register r;
	struct ki_err err;
	const char *v[3];
	long line;

	util_wfile(util_path(p, sizeof(p), "r.csv"), "days,id,name\n"
	    "3,A,Ann\n,B,\n2,A,Again\n");
	ck_assert_int_eq(ki_register_open(&r, p, 0, cols, 3, "ids", &err), 0);
	ck_assert_int_eq(ki_register_next(&r, v, &line, &err), 1);
	ck_assert_str_eq(v[0], "A");
	ck_assert_str_eq(v[1], "Ann");
	ck_assert_str_eq(v[2], "3");
	ck_assert_int_eq(line, 2);
	ck_assert_int_eq(ki_register_next(&r, v, &line, &err), 1);
	ck_assert_str_eq(v[0], "B");
	ck_assert_ptr_null(v[1]);
	ck_assert_int_eq(ki_register_next(&r, v, &line, &err), -1);
	util_err_is(&err, p, 4, "id", "A appears twice");
	ki_register_close(&r);

	util_wfile(p, "id,name,days\n,Nobody,1\n");
	ck_assert_int_eq(ki_register_open(&r, p, 0, cols, 3, "ids", &err), 0);
	ck_assert_int_eq(ki_register_next(&r, v, &line, &err), -1);
	util_err_is(&err, p, 2, "id", "blank");
	ki_register_close(&r);

	util_wfile(p, "id,name\nA,Ann\n");
	ck_assert_int_eq(ki_register_open(&r, p, 0, cols, 3, "a file has id, "
	    "name, days", &err), -1);
	util_err_is(&err, p, 1, "days", "no such column (a file has id, name, "
	    "days)");
}
END_TEST

/* Room for one more, growing by doubling. */
START_TEST(register_grow)
{
	struct ki_register r = { 0 };
	int *a = NULL, *na;
	size_t n;

	for (n = 0; n < 100; n++) {
		na = ki_register_grow(&r, a, n, sizeof(*a));
		ck_assert_ptr_nonnull(na);
		a = na;
		a[n] = (int)n;
	}
	ck_assert_int_eq(a[99], 99);
	ck_assert_uint_ge(r.cap, 100);
	free(a);
}
END_TEST

static Suite *
assign_suite(void)
{
	Suite *s = suite_create("assign");
	TCase *tc = tcase_create("ki_assign");

	tcase_add_test(tc, assign_tiers);
	tcase_add_test(tc, assign_near_and_any);
	tcase_add_test(tc, assign_order);
	tcase_add_test(tc, assign_even);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_words");
	tcase_add_test(tc, words_split);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_register");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, util_setup, NULL);
	tcase_add_test(tc, register_rows);
	tcase_add_test(tc, register_grow);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(assign_suite());
}

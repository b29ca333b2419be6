/* Unit tests for lib/assign.c (schools placed with advisers). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "ki/assign.h"

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
	return s;
}

int
main(void)
{
	return util_run(assign_suite());
}

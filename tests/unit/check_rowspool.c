/* Unit tests for lib/rowspool.c (records spooled and replayed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "ki/rowspool.h"

#include "util.h"

static void
put(struct ki_rowspool *sp, size_t n, const char **v, const char *num,
    long line)
{
	struct ki_rec rec;
	struct ki_err err;
	size_t len[8];
	size_t i;

	for (i = 0; i < n; i++)
		len[i] = v[i] ? strlen(v[i]) : 0;
	rec.n = n;
	rec.v = (char **)v;
	rec.len = len;
	rec.num = (unsigned char *)num;
	rec.line = line;
	ck_assert_int_eq(ki_rowspool_put(sp, &rec, &err), 0);
}

START_TEST(rowspool_empty)
{
	struct ki_err err;
	struct ki_rowspool *sp = ki_rowspool_new(&err);
	struct ki_rec *rec;

	ck_assert_ptr_nonnull(sp);
	ck_assert_uint_eq(ki_rowspool_count(sp), 0);
	ck_assert_int_eq(ki_rowspool_rewind(sp, &err), 0);
	ck_assert_int_eq(ki_rowspool_next(sp, &rec, &err), 0);
	ki_rowspool_free(sp);
	ki_rowspool_free(NULL);
}
END_TEST

/* NULL and "" stay apart, numbers keep their mark, rows differ in width. */
START_TEST(rowspool_replay)
{
	const char *a[] = { "100001", NULL, "", "Red, \"quoted\"" };
	const char *b[] = { "7" };
	struct ki_err err;
	struct ki_rowspool *sp = ki_rowspool_new(&err);
	struct ki_rec *rec;
	int pass;

	ck_assert_ptr_nonnull(sp);
	put(sp, 4, a, "\0\0\0\0", 2);
	put(sp, 1, b, "\1", 5);
	put(sp, 0, NULL, "", 9);
	ck_assert_uint_eq(ki_rowspool_count(sp), 3);
	/* Twice: a spool is read back as often as it is needed. */
	for (pass = 0; pass < 2; pass++) {
		ck_assert_int_eq(ki_rowspool_rewind(sp, &err), 0);
		ck_assert_int_eq(ki_rowspool_next(sp, &rec, &err), 1);
		ck_assert_uint_eq(rec->n, 4);
		ck_assert_int_eq(rec->line, 2);
		ck_assert_str_eq(rec->v[0], "100001");
		ck_assert_ptr_null(rec->v[1]);
		ck_assert_str_eq(rec->v[2], "");
		ck_assert_str_eq(rec->v[3], "Red, \"quoted\"");
		ck_assert_uint_eq(rec->len[3], strlen(a[3]));
		ck_assert_int_eq(rec->num[0], 0);
		ck_assert_int_eq(ki_rowspool_next(sp, &rec, &err), 1);
		ck_assert_uint_eq(rec->n, 1);
		ck_assert_int_eq(rec->line, 5);
		ck_assert_str_eq(rec->v[0], "7");
		ck_assert_int_eq(rec->num[0], 1);
		ck_assert_int_eq(ki_rowspool_next(sp, &rec, &err), 1);
		ck_assert_uint_eq(rec->n, 0);
		ck_assert_int_eq(rec->line, 9);
		ck_assert_int_eq(ki_rowspool_next(sp, &rec, &err), 0);
	}
	ki_rowspool_free(sp);
}
END_TEST

/* A long value, past the buffers' first sizes. */
START_TEST(rowspool_long)
{
	struct ki_err err;
	struct ki_rowspool *sp = ki_rowspool_new(&err);
	struct ki_rec *rec;
	char *big = malloc(100001);
	const char *v[2];

	ck_assert_ptr_nonnull(big);
	memset(big, 'x', 100000);
	big[100000] = '\0';
	v[0] = big;
	v[1] = "end";
	put(sp, 2, v, "\0\0", 1);
	ck_assert_int_eq(ki_rowspool_rewind(sp, &err), 0);
	ck_assert_int_eq(ki_rowspool_next(sp, &rec, &err), 1);
	ck_assert_uint_eq(rec->len[0], 100000);
	ck_assert_str_eq(rec->v[1], "end");
	ki_rowspool_free(sp);
	free(big);
}
END_TEST

static Suite *
rowspool_suite(void)
{
	Suite *s = suite_create("rowspool");
	TCase *tc = tcase_create("ki_rowspool");

	tcase_add_test(tc, rowspool_empty);
	tcase_add_test(tc, rowspool_replay);
	tcase_add_test(tc, rowspool_long);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(rowspool_suite());
}

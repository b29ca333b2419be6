/* Spool and replay (lib/spool.c) and the writer's row extension (lib/wr.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "ki/spool.h"
#include "ki/wr.h"
#include "util.h"

struct meta {
	uint32_t school;
	int32_t year;
};

static const char *const names[] = { "urn", "name", "n" };

/* Rows go out as the writer makes them and come back byte for byte. */
START_TEST(in_order)
{
	enum ki_fmt fmt = _i ? KI_FMT_JSON : KI_FMT_CSV;
	struct ki_spool *s;
	struct ki_err err;
	struct meta m, got;
	const char *row;
	size_t len, i;
	int rc;

	ck_assert_ptr_nonnull(s = ki_spool_open(fmt, sizeof(m), &err));
	ck_assert_int_eq(ki_spool_names(s, 3, names, &err), 0);
	for (i = 0; i < 1000; i++) {
		char urn[16], n[16];
		const char *v[3] = { urn, i % 7 ? "a, \"b\"\nc" : NULL, n };
		static const unsigned char num[3] = { 0, 0, 1 };

		snprintf(urn, sizeof(urn), "%zu", 100000 + i);
		snprintf(n, sizeof(n), "%zu.5", i);
		m.school = (uint32_t)i;
		m.year = 2000 + (int32_t)i;
		ck_assert_int_eq(ki_spool_put(s, &m, 3, v, num, NULL, &err), 0);
	}
	ck_assert_uint_eq(ki_spool_rows(s), 1000);
	for (i = 0; (rc = ki_spool_next(s, &got, &row, &len, &err)) == 1; i++) {
		char want[128];

		ck_assert_uint_eq(got.school, i);
		ck_assert_int_eq(got.year, 2000 + (int32_t)i);
		if (fmt == KI_FMT_CSV)
			snprintf(want, sizeof(want), "%zu,%s,%zu.5\n", 100000 + i,
			    i % 7 ? "\"a, \"\"b\"\"\nc\"" : "", i);
		else
			snprintf(want, sizeof(want), "{\"urn\":\"%zu\",\"name\":%s,"
			    "\"n\":%zu.5}\n", 100000 + i, i % 7 ?
			    "\"a, \\\"b\\\"\\nc\"" : "null", i);
		ck_assert_uint_eq(len, strlen(want));
		ck_assert_str_eq(row, want);
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(i, 1000);
	/* Again from the start. */
	ck_assert_int_eq(ki_spool_rewind(s, &err), 0);
	ck_assert_int_eq(ki_spool_next(s, NULL, &row, &len, &err), 1);
	ck_assert_int_eq(strncmp(row, fmt == KI_FMT_CSV ? "100000," :
	    "{\"urn\":\"100000\"", fmt == KI_FMT_CSV ? 7 : 15), 0);
	ki_spool_close(s);
	ki_spool_close(NULL);
}
END_TEST

/* Each row read back from where it was put, in any order; puts between. */
START_TEST(random_access)
{
	struct ki_spool *s;
	struct ki_err err;
	unsigned long long at[50];
	const char *row;
	char want[64];
	size_t len;
	int i;

	ck_assert_ptr_nonnull(s = ki_spool_open(KI_FMT_CSV, 0, &err));
	ck_assert_int_eq(ki_spool_names(s, 2, names, &err), 0);
	for (i = 0; i < 50; i++) {
		char urn[16];
		const char *v[2] = { urn, "x" };

		snprintf(urn, sizeof(urn), "%d", 100000 + i);
		ck_assert_int_eq(ki_spool_put(s, NULL, 2, v, NULL, &at[i], &err),
		    0);
		if (i == 25) {
			/* Reading, then writing again. */
			ck_assert_int_eq(ki_spool_get(s, at[3], NULL, &row, &len,
			    &err), 1);
			ck_assert_str_eq(row, "100003,x\n");
		}
	}
	for (i = 49; i >= 0; i -= 3) {
		snprintf(want, sizeof(want), "%d,x\n", 100000 + i);
		ck_assert_int_eq(ki_spool_get(s, at[i], NULL, &row, &len, &err), 1);
		ck_assert_str_eq(row, want);
		ck_assert_uint_eq(len, strlen(want));
	}
	/* After a get, next goes on from there. */
	ck_assert_int_eq(ki_spool_get(s, at[10], NULL, &row, &len, &err), 1);
	ck_assert_int_eq(ki_spool_next(s, NULL, &row, &len, &err), 1);
	ck_assert_str_eq(row, "100011,x\n");
	/* Past the end is an error for get, the end for next. */
	ck_assert_int_eq(ki_spool_get(s, at[49] + 9, NULL, &row, &len, &err),
	    -1);
	util_err_is(&err, "spool", 0, NULL, "read error");
	ki_spool_close(s);
}
END_TEST

/* A spooled row with cells added, as if the writer had made it whole. */
START_TEST(extend)
{
	enum ki_fmt fmt = _i ? KI_FMT_JSON : KI_FMT_CSV;
	static const char *const all[] = { "urn", "name", "n", "five", "why",
		"coast", "from" };
	static const char *const in[] = { "100001", "x", "3" };
	static const char *const tail[] = { "2", "a,b", "yes", NULL };
	static const unsigned char num[] = { 1, 0, 0, 0 };
	static const char *const v[] = { "100001", "x", "3", "2", "a,b", "yes",
		NULL };
	static const unsigned char vnum[] = { 0, 0, 1, 1, 0, 0, 0 };
	static const unsigned char innum[] = { 0, 0, 1 };
	struct ki_spool *s;
	struct ki_writer *w;
	struct ki_err err;
	const char *row;
	FILE *fp;
	size_t len;
	char *whole, *ext;

	/* The whole row, written at once. */
	ck_assert_ptr_nonnull(fp = tmpfile());
	ck_assert_ptr_nonnull(w = ki_writer_new(fp, fmt));
	ck_assert_int_eq(ki_writer_names(w, 7, all), 0);
	ck_assert_int_eq(ki_writer_row(w, 7, v, vnum), 0);
	ki_writer_free(w);
	whole = strdup(util_fread_all(fp));
	fclose(fp);
	/* Spooled with the input's columns, then extended. */
	ck_assert_ptr_nonnull(s = ki_spool_open(fmt, 0, &err));
	ck_assert_int_eq(ki_spool_names(s, 3, all, &err), 0);
	ck_assert_int_eq(ki_spool_put(s, NULL, 3, in, innum, NULL, &err), 0);
	ck_assert_int_eq(ki_spool_next(s, NULL, &row, &len, &err), 1);
	ck_assert_ptr_nonnull(fp = tmpfile());
	ck_assert_ptr_nonnull(w = ki_writer_new(fp, fmt));
	ck_assert_int_eq(ki_writer_extend(w, row, len, 4, all + 3, tail, num),
	    0);
	ck_assert_uint_eq(ki_writer_bytes(w), strlen(whole));
	ki_writer_free(w);
	ext = strdup(util_fread_all(fp));
	fclose(fp);
	ck_assert_str_eq(ext, whole);
	ck_assert_str_eq(ext, fmt == KI_FMT_CSV ? "100001,x,3,2,\"a,b\",yes,\n" :
	    "{\"urn\":\"100001\",\"name\":\"x\",\"n\":3,\"five\":2,"
	    "\"why\":\"a,b\",\"coast\":\"yes\",\"from\":null}\n");
	free(whole);
	free(ext);
	ki_spool_close(s);
}
END_TEST

/*
 * Rows put with their values' lengths come back as the writer makes them
 * without: quoted where needed, short fields and long (past the short
 * fields' way), a blank, a NUL inside a field ending it, a lone column.
 */
START_TEST(put_with_lengths)
{
	enum ki_fmt fmt = _i ? KI_FMT_JSON : KI_FMT_CSV;
	static const char *const nm[] = { "a", "b", "c", "d", "e", "f", "g" };
	static const char nul[] = "ab\0cd";
	static const char *const v[] = { "plain", "a,b", "say \"hi\"",
	    "a long field, past sixteen bytes", "a long field with no comma in",
	    NULL, nul };
	static const size_t len[] = { 5, 3, 8, 32, 29, 0, 5 };
	static const char *const one[] = { "" };
	static const size_t onelen[] = { 0 };
	struct ki_spool *s;
	struct ki_writer *w;
	struct ki_err err;
	const char *row, *want;
	size_t n, k;

	ck_assert_ptr_nonnull(w = ki_writer_new(NULL, fmt));
	ck_assert_ptr_nonnull(s = ki_spool_open(fmt, 0, &err));
	for (k = 0; k < 2; k++) {
		size_t cols = k == 0 ? 7 : 1;
		const char *const *vals = k == 0 ? v : one;

		ck_assert_int_eq(ki_writer_names(w, cols, nm), 0);
		ck_assert_int_eq(ki_spool_names(s, cols, nm, &err), 0);
		ck_assert_int_eq(ki_spool_put_len(s, NULL, cols, vals, k == 0 ?
		    len : onelen, NULL, NULL, &err), 0);
		ck_assert_int_eq(ki_spool_next(s, NULL, &row, &n, &err), 1);
		ck_assert_ptr_nonnull(want = ki_writer_make(w, cols, vals, NULL,
		    &n));
		ck_assert_str_eq(row, want);
	}
	if (fmt == KI_FMT_CSV) {
		ck_assert_int_eq(ki_spool_rewind(s, &err), 0);
		ck_assert_int_eq(ki_spool_next(s, NULL, &row, &n, &err), 1);
		ck_assert_str_eq(row, "plain,\"a,b\",\"say \"\"hi\"\"\",\"a long "
		    "field, past sixteen bytes\",a long field with no comma in,,"
		    "ab\n");
	}
	ki_spool_close(s);
	ki_writer_free(w);
}
END_TEST

/*
 * Every length to 20 bytes, with each character CSV quotes for (and a
 * space, a byte above 0x7f, a NUL) at every place: spooled with lengths,
 * the field is written as the escaper writes it.
 */
START_TEST(put_lengths_every_place)
{
	static const char *const nm[] = { "a", "b" };
	static const char odd[] = { ',', '"', '\r', '\n', ' ', (char)0xc3, '\0',
	    '-' };
	struct ki_spool *s;
	struct ki_writer *w;
	struct ki_err err;
	char f[24];
	const char *row, *want, *v[2] = { f, "x" };
	size_t l, p, k, n, len[2];

	ck_assert_ptr_nonnull(w = ki_writer_new(NULL, KI_FMT_CSV));
	ck_assert_ptr_nonnull(s = ki_spool_open(KI_FMT_CSV, 0, &err));
	ck_assert_int_eq(ki_writer_names(w, 2, nm), 0);
	ck_assert_int_eq(ki_spool_names(s, 2, nm, &err), 0);
	for (l = 1; l <= 20; l++)
		for (p = 0; p < l; p++)
			for (k = 0; k < sizeof(odd); k++) {
				memset(f, 'a', l);
				f[l] = '\0';
				f[p] = odd[k];
				len[0] = l;
				len[1] = 1;
				ck_assert_int_eq(ki_spool_put_len(s, NULL, 2, v, len,
				    NULL, NULL, &err), 0);
				ck_assert_int_eq(ki_spool_next(s, NULL, &row, &n,
				    &err), 1);
				ck_assert_ptr_nonnull(want = ki_writer_make(w, 2, v,
				    NULL, &n));
				ck_assert_msg(strcmp(row, want) == 0, "length %zu, "
				    "0x%02x at %zu: %s, not %s", l,
				    (unsigned char)odd[k], p, row, want);
			}
	ki_spool_close(s);
	ki_writer_free(w);
}
END_TEST

/* ki_writer_make gives the row's text and writes nothing. */
START_TEST(make_only)
{
	FILE *fp = util_mopen();
	struct ki_writer *w = ki_writer_new(fp, KI_FMT_CSV);
	static const char *const v[] = { "1", "a\"b" };
	const char *t;
	size_t len;

	ck_assert_int_eq(ki_writer_names(w, 2, names), 0);
	ck_assert_ptr_nonnull(t = ki_writer_make(w, 2, v, NULL, &len));
	ck_assert_uint_eq(len, 9);
	ck_assert_str_eq(t, "1,\"a\"\"b\"\n");
	ck_assert_uint_eq(ki_writer_bytes(w), 0);
	ki_writer_free(w);
	util_mclose_is(fp, "make_only", "");
}
END_TEST

static Suite *
spool_suite(void)
{
	Suite *s = suite_create("spool");
	TCase *tc = tcase_create("ki_spool");

	tcase_add_loop_test(tc, in_order, 0, 2);
	tcase_add_test(tc, random_access);
	tcase_add_loop_test(tc, extend, 0, 2);
	tcase_add_test(tc, make_only);
	tcase_add_loop_test(tc, put_with_lengths, 0, 2);
	tcase_add_test(tc, put_lengths_every_place);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(spool_suite());
}

/* Unit tests for lib/wr.c: the CSV and NDJSON record writer. */
#include <stdio.h>
#include <unistd.h>

#include <check.h>

#include "ki/rec.h"
#include "ki/wr.h"

#include "util.h"

START_TEST(new_free)
{
	FILE *fp = util_mopen();
	struct ki_writer *w = ki_writer_new(fp, KI_FMT_CSV);
	static const char *const names[] = { "a" };

	ck_assert_ptr_nonnull(w);
	ki_writer_free(w);
	ki_writer_free(NULL);
	/* The writer does not own fp: it still works after free. */
	ck_assert_int_ge(fputs("after\n", fp), 0);
	w = ki_writer_new(fp, KI_FMT_JSON);
	ck_assert_ptr_nonnull(w);
	ck_assert_int_eq(ki_writer_header(w, 1, names), 0);
	ki_writer_free(w);
	util_mclose_is(fp, "new_free", "after\n");
}
END_TEST

/*
 * A header of names, then up to two rows, each with its number flags (NULL
 * for none): the writer must give exactly want.
 */
struct write_case {
	const char *name;		/* names the case in a failure */
	enum ki_fmt fmt;
	size_t n;			/* columns */
	const char *const *names;
	size_t nrows;
	const char *const *rows[2];	/* each row's n values */
	const unsigned char *num[2];
	const char *want;
};

static const char *const ten[] = { "a", "b", "c", "d", "e", "f", "g", "h",
    "i", "j" };
static const char *const csv_v[] = { "plain", "a,b", "q\"", "cr\rx", "lf\nx",
    NULL, "", "  sp ", "tab\tx", "\"" };
static const char *const json_num_v[] = { "65", "065", "6O", "-0.35", "1e2",
    "65", NULL, "+3", "SUPP", "0" };

static const struct write_case write_cases[] = {
	/* ki_writer_header */
	{ "header_csv", KI_FMT_CSV, 5, (const char *const[]){ "urn",
	    "name, full", "say \"x\"", " sp ", "caf\xC3\xA9" }, 0, { NULL },
	    { NULL },
	    "urn,\"name, full\",\"say \"\"x\"\"\", sp ,caf\xC3\xA9\n" },
	/* ki_writer_row */
	{ "row_csv", KI_FMT_CSV, 10, ten, 2, { csv_v, csv_v },
	    { NULL, (const unsigned char[]){ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } },
	    "a,b,c,d,e,f,g,h,i,j\n"
	    "plain,\"a,b\",\"q\"\"\",\"cr\rx\",\"lf\nx\",,,  sp ,tab\tx,"
	    "\"\"\"\"\n"
	    "plain,\"a,b\",\"q\"\"\",\"cr\rx\",\"lf\nx\",,,  sp ,tab\tx,"
	    "\"\"\"\"\n" },
	{ "row_csv_blank", KI_FMT_CSV, 3, (const char *const[]){ "a", "b",
	    "c" }, 2, { (const char *const[]){ NULL, NULL, NULL },
	    (const char *const[]){ "", "x", "" } }, { NULL, NULL },
	    "a,b,c\n,,\n,x,\n" },
	{ "row_json", KI_FMT_JSON, 8, (const char *const[]){ "q", "bs", "ctl",
	    "ws", "u", "nil", "empty", "del" }, 1, { (const char *const[]){
	    "say \"hi\"", "a\\b", "\x01x\x1F", "\n\r\t",
	    "caf\xC3\xA9 \xE2\x82\xAC", NULL, "", "\x7F" } }, { NULL },
	    "{\"q\":\"say \\\"hi\\\"\",\"bs\":\"a\\\\b\","
	    "\"ctl\":\"\\u0001x\\u001f\",\"ws\":\"\\n\\r\\t\","
	    "\"u\":\"caf\xC3\xA9 \xE2\x82\xAC\",\"nil\":null,\"empty\":null,"
	    "\"del\":\"\x7F\"}\n" },
	{ "row_json_num", KI_FMT_JSON, 10, ten, 2, { json_num_v, json_num_v },
	    { (const unsigned char[]){ 1, 1, 1, 1, 1, 0, 1, 1, 1, 1 }, NULL },
	    "{\"a\":65,\"b\":65,\"c\":\"6O\",\"d\":-0.35,"
	    "\"e\":1e2,\"f\":\"65\",\"g\":null,\"h\":3,\"i\":\"SUPP\","
	    "\"j\":0}\n"
	    "{\"a\":\"65\",\"b\":\"065\",\"c\":\"6O\",\"d\":\"-0.35\","
	    "\"e\":\"1e2\",\"f\":\"65\",\"g\":null,\"h\":\"+3\",\"i\":\"SUPP\","
	    "\"j\":\"0\"}\n" },
	/* ".5" is not JSON's way to write a number: flagged, it becomes 0.5. */
	{ "row_json_num_point", KI_FMT_JSON, 1, (const char *const[]){ "a" }, 1,
	    { (const char *const[]){ ".5" } },
	    { (const unsigned char[]){ 1 } }, "{\"a\":0.5}\n" },
};
/* write_cases[0, NHEADER) are ki_writer_header's, the rest ki_writer_row's. */
#define NHEADER 1
#define NWRITE ((int)(sizeof(write_cases) / sizeof(write_cases[0])))

START_TEST(write_case)
{
	const struct write_case *c = &write_cases[_i];
	FILE *fp = util_mopen();
	struct ki_writer *w = ki_writer_new(fp, c->fmt);
	size_t i;

	ck_assert_msg(ki_writer_header(w, c->n, c->names) == 0,
	    "%s: header failed", c->name);
	for (i = 0; i < c->nrows; i++) {
		int rc = ki_writer_row(w, c->n, c->rows[i], c->num[i]);

		ck_assert_msg(rc == 0, "%s: row %zu: %d, not 0", c->name,
		    i + 1, rc);
	}
	ki_writer_free(w);
	util_mclose_is(fp, c->name, c->want);
}
END_TEST

START_TEST(header_json)
{
	FILE *fp = util_mopen();
	struct ki_writer *w = ki_writer_new(fp, KI_FMT_JSON);
	char name[] = "b\"q";
	const char *names[] = { "a", name };
	static const char *const v[] = { "1", "2" };

	ck_assert_int_eq(ki_writer_header(w, 2, names), 0);
	name[0] = 'X';		/* the names were copied */
	ck_assert_int_eq(ki_writer_row(w, 2, v, NULL), 0);
	ki_writer_free(w);
	util_mclose_is(fp, "header_json", "{\"a\":\"1\",\"b\\\"q\":\"2\"}\n");
}
END_TEST

START_TEST(stream_error)
{
	FILE *fp = fopen("/dev/full", "w");
	struct ki_writer *w;
	static const char *const names[] = { "a", "b" };
	static const char *const v[] = { "1", "2" };

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(setvbuf(fp, NULL, _IONBF, 0), 0);
	w = ki_writer_new(fp, KI_FMT_CSV);
	ck_assert_int_eq(ki_writer_header(w, 2, names), -1);
	ck_assert_int_eq(ki_writer_row(w, 2, v, NULL), -1);
	ki_writer_free(w);
	clearerr(fp);
	w = ki_writer_new(fp, KI_FMT_JSON);
	ck_assert_int_eq(ki_writer_header(w, 2, names), 0);
	ck_assert_int_eq(ki_writer_row(w, 2, v, NULL), -1);
	ki_writer_free(w);
	fclose(fp);
}
END_TEST

static char path[128];

static void
setup(void)
{
	util_setup();
	util_path(path, sizeof(path), "rt");
}

/* Write rows of n columns in fmt to path, read them back, compare. */
static void
round_trip(enum ki_fmt fmt, size_t n, const char *const *names,
    size_t nrows, const char *const *rows, const unsigned char *num)
{
	FILE *fp = fopen(path, "w");
	struct ki_writer *w;
	struct ki_reader *r;
	struct ki_rec *rec;
	struct ki_err err;
	size_t i, j;

	ck_assert_ptr_nonnull(fp);
	ck_assert_ptr_nonnull(w = ki_writer_new(fp, fmt));
	ck_assert_int_eq(ki_writer_header(w, n, names), 0);
	for (i = 0; i < nrows; i++)
		ck_assert_int_eq(ki_writer_row(w, n, rows + i * n, num), 0);
	ki_writer_free(w);
	ck_assert_int_eq(fclose(fp), 0);
	r = ki_reader_open(path, KI_FMT_AUTO, 0, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_int_eq(ki_reader_fmt(r), fmt);
	for (i = 0; i < nrows; i++) {
		int rc = ki_reader_next(r, &rec, &err);

		ck_assert_msg(rc == 1, "row %zu: rc %d: %s", i, rc, err.msg);
		ck_assert_uint_eq(rec->n, n);
		for (j = 0; j < n; j++) {
			const char *want = rows[i * n + j];

			ck_assert_str_eq(ki_reader_hdr(r)->names[j], names[j]);
			if (want == NULL || *want == '\0')
				ck_assert_ptr_null(rec->v[j]);
			else
				ck_assert_str_eq(rec->v[j], want);
			if (fmt == KI_FMT_JSON && num != NULL && want != NULL &&
			    *want != '\0')
				ck_assert_int_eq(rec->num[j], num[j]);
		}
	}
	ck_assert_int_eq(ki_reader_next(r, &rec, &err), 0);
	ki_reader_close(r);
}

START_TEST(round_trip_csv)
{
	/* Not "urn": the reader checks that a urn is digits. */
	static const char *const names[] = { "id", "name, full", "q\"", "x" };
	static const char *const rows[] = {
		"100001", "St Mary's, Lyndhurst", "say \"hi\"", "  a ",
		"100002", "two\nlines", "crlf\r\nin", NULL,
		"", "caf\xC3\xA9 \xE2\x80\x99", "\"", ",",
		"-0.35", "\r", "tab\tx", "end"
	};

	round_trip(KI_FMT_CSV, 4, names, 4, rows, NULL);
}
END_TEST

START_TEST(round_trip_json)
{
	static const char *const names[] = { "urn", "pct", "name", "code" };
	static const char *const rows[] = {
		"100001", "65", "St Mary's, \"Lyndhurst\"", "065",
		"100002", "-0.35", "back\\slash\x01", "1e2",
		"100003", NULL, "line\nbreak", "6O",
	};
	static const unsigned char num[] = { 0, 1, 0, 1 };

	round_trip(KI_FMT_JSON, 4, names, 3, rows, NULL);
	unlink(path);
	{
		static const char *const r2[] = {
			"100001", "65", "x", "7",
			"100002", "-0.35", "y", "12.5",
		};

		round_trip(KI_FMT_JSON, 4, names, 2, r2, num);
	}
}
END_TEST

/* A one-column row whose value is blank must not become a blank line. */
START_TEST(round_trip_one_column)
{
	static const char *const names[] = { "urn" };
	static const char *const rows[] = { "1", NULL, "3", "" };

	round_trip(KI_FMT_CSV, 1, names, 4, rows, NULL);
}
END_TEST

static Suite *
wr_suite(void)
{
	Suite *s = suite_create("wr");
	TCase *tc;

	tc = tcase_create("ki_writer_new_free");
	tcase_add_test(tc, new_free);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_writer_header");
	tcase_add_loop_test(tc, write_case, 0, NHEADER);
	tcase_add_test(tc, header_json);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_writer_row");
	tcase_add_loop_test(tc, write_case, NHEADER, NWRITE);
	tcase_add_test(tc, stream_error);
	suite_add_tcase(s, tc);
	tc = tcase_create("round_trip");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, round_trip_csv);
	tcase_add_test(tc, round_trip_json);
	tcase_add_test(tc, round_trip_one_column);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(wr_suite());
}

/* Unit tests for lib/wr.c: the CSV and NDJSON record writer. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <check.h>

#include "ki/rec.h"
#include "ki/wr.h"

static char *mem;
static size_t memlen;

static FILE *
mopen(void)
{
	FILE *fp = open_memstream(&mem, &memlen);

	ck_assert_ptr_nonnull(fp);
	return fp;
}

/* Close fp and compare what was written with want. */
static void
mclose_is(FILE *fp, const char *want)
{
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_str_eq(mem, want);
	ck_assert_uint_eq(memlen, strlen(want));
	free(mem);
	mem = NULL;
}

START_TEST(new_free)
{
	FILE *fp = mopen();
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
	mclose_is(fp, "after\n");
}
END_TEST

START_TEST(header_csv)
{
	FILE *fp = mopen();
	struct ki_writer *w = ki_writer_new(fp, KI_FMT_CSV);
	static const char *const names[] = { "urn", "name, full",
	    "say \"x\"", " sp ", "caf\xC3\xA9" };

	ck_assert_int_eq(ki_writer_header(w, 5, names), 0);
	ki_writer_free(w);
	mclose_is(fp, "urn,\"name, full\",\"say \"\"x\"\"\", sp ,caf\xC3\xA9\n");
}
END_TEST

START_TEST(header_json)
{
	FILE *fp = mopen();
	struct ki_writer *w = ki_writer_new(fp, KI_FMT_JSON);
	char name[] = "b\"q";
	const char *names[] = { "a", name };
	static const char *const v[] = { "1", "2" };

	ck_assert_int_eq(ki_writer_header(w, 2, names), 0);
	name[0] = 'X';		/* the names were copied */
	ck_assert_int_eq(ki_writer_row(w, 2, v, NULL), 0);
	ki_writer_free(w);
	mclose_is(fp, "{\"a\":\"1\",\"b\\\"q\":\"2\"}\n");
}
END_TEST

START_TEST(row_csv)
{
	FILE *fp = mopen();
	struct ki_writer *w = ki_writer_new(fp, KI_FMT_CSV);
	static const char *const names[] = { "a", "b", "c", "d", "e", "f",
	    "g", "h", "i", "j" };
	static const char *const v[] = { "plain", "a,b", "q\"", "cr\rx",
	    "lf\nx", NULL, "", "  sp ", "tab\tx", "\"" };
	static const unsigned char num[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };

	ck_assert_int_eq(ki_writer_header(w, 10, names), 0);
	ck_assert_int_eq(ki_writer_row(w, 10, v, NULL), 0);
	ck_assert_int_eq(ki_writer_row(w, 10, v, num), 0);
	ki_writer_free(w);
	mclose_is(fp, "a,b,c,d,e,f,g,h,i,j\n"
	    "plain,\"a,b\",\"q\"\"\",\"cr\rx\",\"lf\nx\",,,  sp ,tab\tx,\"\"\"\"\n"
	    "plain,\"a,b\",\"q\"\"\",\"cr\rx\",\"lf\nx\",,,  sp ,tab\tx,\"\"\"\"\n");
}
END_TEST

START_TEST(row_csv_blank)
{
	FILE *fp = mopen();
	struct ki_writer *w = ki_writer_new(fp, KI_FMT_CSV);
	static const char *const names[] = { "a", "b", "c" };
	static const char *const v1[] = { NULL, NULL, NULL };
	static const char *const v2[] = { "", "x", "" };

	ck_assert_int_eq(ki_writer_header(w, 3, names), 0);
	ck_assert_int_eq(ki_writer_row(w, 3, v1, NULL), 0);
	ck_assert_int_eq(ki_writer_row(w, 3, v2, NULL), 0);
	ki_writer_free(w);
	mclose_is(fp, "a,b,c\n,,\n,x,\n");
}
END_TEST

START_TEST(row_json)
{
	FILE *fp = mopen();
	struct ki_writer *w = ki_writer_new(fp, KI_FMT_JSON);
	static const char *const names[] = { "q", "bs", "ctl", "ws", "u",
	    "nil", "empty", "del" };
	static const char *const v[] = { "say \"hi\"", "a\\b", "\x01x\x1F",
	    "\n\r\t", "caf\xC3\xA9 \xE2\x82\xAC", NULL, "", "\x7F" };

	ck_assert_int_eq(ki_writer_header(w, 8, names), 0);
	ck_assert_int_eq(ki_writer_row(w, 8, v, NULL), 0);
	ki_writer_free(w);
	mclose_is(fp, "{\"q\":\"say \\\"hi\\\"\",\"bs\":\"a\\\\b\","
	    "\"ctl\":\"\\u0001x\\u001f\",\"ws\":\"\\n\\r\\t\","
	    "\"u\":\"caf\xC3\xA9 \xE2\x82\xAC\",\"nil\":null,\"empty\":null,"
	    "\"del\":\"\x7F\"}\n");
}
END_TEST

START_TEST(row_json_num)
{
	FILE *fp = mopen();
	struct ki_writer *w = ki_writer_new(fp, KI_FMT_JSON);
	static const char *const names[] = { "a", "b", "c", "d", "e", "f",
	    "g", "h", "i", "j" };
	static const char *const v[] = { "65", "065", "6O", "-0.35", "1e2",
	    "65", NULL, "+3", "SUPP", "0" };
	static const unsigned char num[] = { 1, 1, 1, 1, 1, 0, 1, 1, 1, 1 };

	ck_assert_int_eq(ki_writer_header(w, 10, names), 0);
	ck_assert_int_eq(ki_writer_row(w, 10, v, num), 0);
	ck_assert_int_eq(ki_writer_row(w, 10, v, NULL), 0);
	ki_writer_free(w);
	mclose_is(fp, "{\"a\":65,\"b\":65,\"c\":\"6O\",\"d\":-0.35,"
	    "\"e\":1e2,\"f\":\"65\",\"g\":null,\"h\":3,\"i\":\"SUPP\","
	    "\"j\":0}\n"
	    "{\"a\":\"65\",\"b\":\"065\",\"c\":\"6O\",\"d\":\"-0.35\","
	    "\"e\":\"1e2\",\"f\":\"65\",\"g\":null,\"h\":\"+3\",\"i\":\"SUPP\","
	    "\"j\":\"0\"}\n");
}
END_TEST

/* ".5" is not JSON's way to write a number: flagged, it becomes 0.5. */
START_TEST(row_json_num_point)
{
	FILE *fp = mopen();
	struct ki_writer *w = ki_writer_new(fp, KI_FMT_JSON);
	static const char *const names[] = { "a" };
	static const char *const v[] = { ".5" };
	static const unsigned char num[] = { 1 };

	ck_assert_int_eq(ki_writer_header(w, 1, names), 0);
	ck_assert_int_eq(ki_writer_row(w, 1, v, num), 0);
	ki_writer_free(w);
	mclose_is(fp, "{\"a\":0.5}\n");
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

static char base[32], dir[48];
static char path[128];

/* Remove p and everything under it. */
static void
rmtree(const char *p)
{
	struct stat st;
	struct dirent *e;
	char sub[512];
	DIR *d;

	if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode) &&
	    (d = opendir(p)) != NULL) {
		while ((e = readdir(d)) != NULL)
			if (strcmp(e->d_name, ".") != 0 &&
			    strcmp(e->d_name, "..") != 0) {
				snprintf(sub, sizeof(sub), "%s/%s", p, e->d_name);
				rmtree(sub);
			}
		closedir(d);
		rmdir(p);
	} else
		unlink(p);
}

/*
 * base is made once per TCase in the runner and removed after it even when
 * a test fails; each test gets a fresh dir inside it.
 */
static void
base_setup(void)
{
	strcpy(base, "/tmp/check_wr.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(base));
}

static void
base_teardown(void)
{
	rmtree(base);
}

static void
setup(void)
{
	snprintf(dir, sizeof(dir), "%s/t.XXXXXX", base);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/rt", dir);
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
	static const char *const names[] = { "urn", "name, full", "q\"", "x" };
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
	tcase_add_test(tc, header_csv);
	tcase_add_test(tc, header_json);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_writer_row");
	tcase_add_test(tc, row_csv);
	tcase_add_test(tc, row_csv_blank);
	tcase_add_test(tc, row_json);
	tcase_add_test(tc, row_json_num);
	tcase_add_test(tc, row_json_num_point);
	tcase_add_test(tc, stream_error);
	suite_add_tcase(s, tc);
	tc = tcase_create("round_trip");
	tcase_add_unchecked_fixture(tc, base_setup, base_teardown);
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
	SRunner *sr = srunner_create(wr_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

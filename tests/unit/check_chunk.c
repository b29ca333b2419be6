/*
 * The CSV reader's ways of reading (lib/rec_csv.c, lib/rec_chunk.c) give
 * the same records, line numbers and errors: in one piece in the caller's
 * thread, ahead in a thread, in chunks side by side (small ones here, so
 * that rows, quoted line ends, CRLF pairs and blank lines fall across
 * their edges), and with the columns after the last wanted one counted
 * rather than parsed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "ki/buf.h"
#include "ki/rec.h"

#include "util.h"

static char path[128];

static void
setup(void)
{
	util_setup();
	util_path(path, sizeof(path), "input.csv");
}

/*
 * Every record of path (columns not in mask shown blank), where each
 * starts, and how the reading ended, as text.
 */
static char *
dump(int flags, const unsigned char *want, const unsigned char *mask,
    size_t n)
{
	struct ki_buf b = { 0 };
	struct ki_reader *r;
	struct ki_rec *rec;
	struct ki_err err;
	char *s;
	size_t i;
	int rc;

	ki_err_clear(&err);
	if ((r = ki_reader_open(path, KI_FMT_CSV, flags, &err)) == NULL) {
		ki_buf_printf(&b, "open: %ld: %s: %s\n", err.line, err.field,
		    err.msg);
		goto out;
	}
	if (want != NULL)
		ck_assert_int_eq(ki_reader_want(r, want, n), 0);
	while ((rc = ki_reader_next(r, &rec, &err)) == 1) {
		ki_buf_printf(&b, "%ld", rec->line);
		for (i = 0; i < rec->n; i++)
			ki_buf_printf(&b, "|%s", i < n && !mask[i] ? "-" :
			    rec->v[i] ? rec->v[i] : "(null)");
		ki_buf_add(&b, "\n", 1);
	}
	ki_buf_printf(&b, "end %d, %ld long", rc, ki_reader_long_rows(r));
	if (rc == -1)
		ki_buf_printf(&b, ": %ld: %s: %s", err.line, err.field, err.msg);
	ki_buf_add(&b, "\n", 1);
	ki_reader_close(r);
out:
	ck_assert(!b.oom);
	s = strdup(ki_buf_str(&b));
	ki_buf_free(&b);
	return s;
}

/* Every way of reading path gives what one libcsv parse of it does. */
static void
same_every_way(const char *what)
{
	static const unsigned char want[] = { 0, 1, 0, 1, 0, 0, 0 };
	static const unsigned char all[] = { 1, 1, 1, 1, 1, 1, 1 };
	static const int kinds[] = { 0, KI_RD_PAD_SHORT,
		KI_RD_PAD_SHORT | KI_RD_DROP_LONG };
	size_t k;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		int f = kinds[k];
		char *ref = dump(f | KI_RD_NO_AHEAD, NULL, all, 7);
		char *refw = dump(f | KI_RD_NO_AHEAD, NULL, want, 7);
		char *got;

		got = dump(f, NULL, all, 7);
		ck_assert_msg(strcmp(ref, got) == 0, "%s, ahead:\n%s\nnot\n%s",
		    what, got, ref);
		free(got);
		got = dump(f | KI_RD_SMALL_CHUNKS, NULL, all, 7);
		ck_assert_msg(strcmp(ref, got) == 0, "%s, chunks:\n%s\nnot\n%s",
		    what, got, ref);
		free(got);
		got = dump(f | KI_RD_NO_AHEAD, want, want, 7);
		ck_assert_msg(strcmp(refw, got) == 0, "%s, cut:\n%s\nnot\n%s",
		    what, got, refw);
		free(got);
		got = dump(f | KI_RD_SMALL_CHUNKS, want, want, 7);
		ck_assert_msg(strcmp(refw, got) == 0,
		    "%s, chunks and cut:\n%s\nnot\n%s", what, got, refw);
		free(got);
		free(ref);
		free(refw);
	}
}

static void
try_text(const char *s)
{
	util_wbytes(path, s, strlen(s));
	same_every_way(s);
}

/* Chunk edges at quoted line ends, CRLF, a BOM, blank lines. */
START_TEST(edges)
{
	try_text("\xEF\xBB\xBFh0,h1,h2,h3,h4\r\n1,a,b,c,d\r\n2,\"x\r\ny\",z,"
	    "\"p\nq\",r\r\n\r\n3,\"line\nline\nline\nline\",s,t,u\r\n");
	try_text("h0,h1,h2,h3\n\"a\n\n\nb\",1,2,3\n\n\n4,5,6,7\n");
	try_text("h0,h1,h2,h3,h4\r1,2,3,4,5\r6,7,8,9,10\r");
	try_text("h0,h1,h2,h3,h4\n1,2,3,4,5\n6,7,8,9,10");
	try_text("h0,h1,h2,h3,h4\n1,2,3,4,5\n6,\"7,8,9,10\n");
	try_text("h0,h1,h2,h3,h4\n1,2,3,4,\"5\"x\n6,7,8,9,10\n");
	try_text("h0,h1,h2,h3,h4\n1,2,3,4,5\n6,7,8,9,10,11,12\n1,2\n");
	try_text("h0,h1,h2,h3,h4\n 1 ,2 , 3,4,5 \n\t,,,,\n ,x,y,z,w\n");
	try_text("h0,h1,h2,h3,h4\n,,,,\n1,2,3,4,\"q\"\n1,2,3,4,a\"b\n");
	try_text("h0,h1,h2,h3,h4\n1,2,3,4,5\n1,2,3,4,x\0y\n");
	try_text("h0,h1,h2,h3,h4\n\"a\"\"b\",2,3,4,5\n\"\"\"\",\"\",3,4,5\n");
}
END_TEST

/* A seeded stream of numbers (so the cases are the same every run). */
static unsigned long seed;

static unsigned
pick(unsigned n)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(seed >> 33) % n;
}

/* Random files of fields, quotes, line ends and blank lines. */
START_TEST(random_files)
{
	static const char *const fields[] = { "", "x", "x y", " x", "x ",
		"\"q,\"\"\n\r\"", "\"a\r\nb\"", "\"\"", "12", "\"\n\"",
		"\xC3\xA9t\xC3\xA9", "a\"b", "\"a\"b" };
	static const char *const ends[] = { "\n", "\r\n", "\r", "\n\n",
		"\r\n\r\n" };
	char text[2048];
	int t;

	seed = 2026;
	for (t = 0; t < 300; t++) {
		size_t len = 0;
		int rows = 1 + (int)pick(12), i, j;

		if (pick(4) == 0)
			len += (size_t)sprintf(text, "\xEF\xBB\xBF");
		len += (size_t)sprintf(text + len, "h0,h1,h2,h3,h4%s",
		    ends[pick(3)]);
		for (i = 0; i < rows; i++) {
			int nf = pick(8) == 0 ? 1 + (int)pick(7) : 5;

			for (j = 0; j < nf; j++) {
				/* Bad quoting rarely, so most files read through. */
				unsigned f = pick(20) == 0 ? 11 + pick(2) : pick(11);

				len += (size_t)sprintf(text + len, "%s%s",
				    j ? "," : "", fields[f]);
			}
			if (i + 1 < rows || pick(3) != 0)
				len += (size_t)sprintf(text + len, "%s",
				    ends[pick(5)]);
		}
		util_wbytes(path, text, len);
		same_every_way(text);
	}
}
END_TEST

/* A file big enough for chunks of the usual size, read every way. */
START_TEST(big_file)
{
	FILE *fp = fopen(path, "w");
	long i;

	ck_assert_ptr_nonnull(fp);
	fputs("h0,h1,h2,h3,h4,h5,h6\r\n", fp);
	for (i = 0; i < 200000; i++)
		fprintf(fp, i % 997 ? "%ld,n%ld,x,%ld,y,z,w\r\n" :
		    "%ld,\"n\r\n%ld\",x,%ld,\"y\ny\",z,w\r\n", i, i, i * 7);
	ck_assert_int_eq(fclose(fp), 0);
	same_every_way("big file");
}
END_TEST

/*
 * Wide rows (many blocks of 64 bytes) read whole and by runs of the
 * columns a pattern wants: the same records. Fields with quotes (and
 * commas and line ends in them), spaces at their edges and inside, tabs,
 * bytes over 0x7F; rows short and long; some files past the 64 KB a read
 * brings in, so that rows fall across its end.
 */
START_TEST(wide_rows)
{
	static const char *const fields[] = { "", "x", "x y", " x", "x ",
		"12", "-0.4", "\"a, b\"", "\"a\nb\"", "\"\"\"\"", "x\ty",
		"\xC3\xA9t\xC3\xA9", "abcdefghijklmnopqrstuvwxyz0123456789",
		"\tx", "x\t", "\xE9", "a\"b", "\"a\" b" };
	enum { NCOL = 90 };
	unsigned char want[NCOL], all[NCOL];
	struct ki_buf b = { 0 };
	int t;

	seed = 19;
	memset(all, 1, sizeof(all));
	for (t = 0; t < 60; t++) {
		int rows = t % 10 == 9 ? 700 : 1 + (int)pick(20), i, j;
		char *ref, *got;

		/* Runs of wanted columns: none at the start, some, or all. */
		for (j = 0; j < NCOL; j++)
			want[j] = pick(3) == 0;
		if (t % 2)
			want[NCOL - 1] = want[NCOL - 2] = 0;
		ki_buf_reset(&b);
		for (j = 0; j < NCOL; j++)
			ki_buf_printf(&b, "%sh%d", j ? "," : "", j);
		ki_buf_add(&b, "\n", 1);
		for (i = 0; i < rows; i++) {
			int nf = pick(10) == 0 ? 1 + (int)pick(NCOL + 3) : NCOL;

			for (j = 0; j < nf; j++) {
				/* Bad quoting in a few files, so most read through. */
				unsigned f = t % 8 == 3 && pick(400) == 0 ?
				    15 + pick(3) : pick(5) == 0 ? pick(15) : pick(7);

				ki_buf_printf(&b, "%s%s", j ? "," : "", fields[f]);
			}
			ki_buf_add(&b, pick(4) ? "\n" : "\r\n", pick(4) ? 1 : 2);
		}
		ck_assert(!b.oom);
		util_wbytes(path, ki_buf_str(&b), b.len);
		ref = dump(KI_RD_NO_AHEAD | KI_RD_PAD_SHORT, NULL, want, NCOL);
		got = dump(KI_RD_NO_AHEAD | KI_RD_PAD_SHORT, want, want, NCOL);
		ck_assert_msg(strcmp(ref, got) == 0, "wide %d, cut:\n%s\nnot\n%s",
		    t, got, ref);
		free(got);
		got = dump(KI_RD_SMALL_CHUNKS | KI_RD_PAD_SHORT, want, want, NCOL);
		ck_assert_msg(strcmp(ref, got) == 0, "wide %d, chunks and cut",
		    t);
		free(got);
		free(ref);
		ref = dump(KI_RD_NO_AHEAD | KI_RD_PAD_SHORT, NULL, all, NCOL);
		got = dump(KI_RD_PAD_SHORT, NULL, all, NCOL);
		ck_assert_msg(strcmp(ref, got) == 0, "wide %d, ahead", t);
		free(got);
		free(ref);
	}
	/*
	 * A row with one odd byte, at each place about a block's end: a
	 * space ending a field, a tab starting one, a byte that is not
	 * UTF-8 (the row's only such, so that it alone says how to read).
	 */
	memset(want, 1, sizeof(want));
	want[NCOL - 1] = 0;
	for (t = 3 * 40; t < 3 * 140; t++) {
		static const char *const odd[] = { " ", "\t", "\xE9" };
		char *ref, *got;
		int j;

		ki_buf_reset(&b);
		for (j = 0; j < NCOL; j++)
			ki_buf_printf(&b, "%sh%d", j ? "," : "", j);
		ki_buf_add(&b, "\nz,", 3);
		if (t % 3 == 1)
			ki_buf_add(&b, "\t", 1);
		for (j = 0; j < t / 3; j++)
			ki_buf_add(&b, "y", 1);
		if (t % 3 != 1)
			ki_buf_add(&b, odd[t % 3], 1);
		for (j = 2; j < NCOL; j++)
			ki_buf_add(&b, ",z", 2);
		ki_buf_add(&b, "\n", 1);
		util_wbytes(path, ki_buf_str(&b), b.len);
		ref = dump(KI_RD_NO_AHEAD, NULL, want, NCOL);
		got = dump(KI_RD_NO_AHEAD, want, want, NCOL);
		ck_assert_msg(strcmp(ref, got) == 0, "odd byte %d:\n%s\nnot\n%s",
		    t, got, ref);
		free(got);
		free(ref);
	}
	ki_buf_free(&b);
}
END_TEST

static Suite *
chunk_suite(void)
{
	Suite *s = suite_create("chunk");
	TCase *tc = tcase_create("ways");

	tcase_set_timeout(tc, 120);
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, edges);
	tcase_add_test(tc, random_files);
	tcase_add_test(tc, big_file);
	tcase_add_test(tc, wide_rows);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(chunk_suite());
}

/* Unit tests for lib/rec.c: the CSV and NDJSON record reader. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <jansson.h>

#include "ki/rec.h"

#include "util.h"

static char path[128];
static struct ki_err err;

static void
setup(void)
{
	util_setup();
	ki_err_clear(&err);
}

/* Write len bytes to util_dir/input and return its path. */
static const char *
wfile(const char *data, size_t len)
{
	return util_wbytes(util_path(path, sizeof(path), "input"), data, len);
}

static const char *
wtext(const char *s)
{
	return wfile(s, strlen(s));
}

static struct ki_reader *
open_ok(const char *s, enum ki_fmt fmt, int flags)
{
	struct ki_reader *r = ki_reader_open(wtext(s), fmt, flags, &err);

	ck_assert_msg(r != NULL, "open failed: %s:%ld: %s: %s", err.file,
	    err.line, err.field, err.msg);
	return r;
}

static struct ki_rec *
next_ok(struct ki_reader *r)
{
	struct ki_rec *rec = NULL;
	int rc = ki_reader_next(r, &rec, &err);

	ck_assert_msg(rc == 1, "next returned %d: %s:%ld: %s: %s", rc,
	    err.file, err.line, err.field, err.msg);
	ck_assert_ptr_nonnull(rec);
	ck_assert_uint_eq(rec->n, ki_reader_hdr(r)->n);
	return rec;
}

static void
next_end(struct ki_reader *r)
{
	struct ki_rec *rec = NULL;

	ck_assert_int_eq(ki_reader_next(r, &rec, &err), 0);
}

/* The next call fails at line with field and a message containing msg. */
static void
next_fails(struct ki_reader *r, long line, const char *field, const char *msg)
{
	struct ki_rec *rec = NULL;

	ki_err_clear(&err);
	ck_assert_int_eq(ki_reader_next(r, &rec, &err), -1);
	util_err_is(&err, path, line, field, msg);
}

/* Opening s fails at line with a message containing msg. */
static void
open_fails(const char *s, size_t len, enum ki_fmt fmt, long line,
    const char *msg)
{
	ki_err_clear(&err);
	ck_assert_ptr_null(ki_reader_open(wfile(s, len), fmt, 0, &err));
	util_err_is(&err, path, line, NULL, msg);
}

#define V(rec, i)	((rec)->v[i])

START_TEST(csv_plain)
{
	struct ki_reader *r = open_ok("urn,name,pct\n100001,Abbey,65\n"
	    "100002,Beech,\n", KI_FMT_AUTO, 0);
	const struct ki_hdr *h = ki_reader_hdr(r);
	struct ki_rec *rec;

	ck_assert_int_eq(ki_reader_fmt(r), KI_FMT_CSV);
	ck_assert_uint_eq(h->n, 3);
	ck_assert_str_eq(h->names[0], "urn");
	ck_assert_str_eq(h->names[2], "pct");
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 2);
	ck_assert_str_eq(V(rec, 0), "100001");
	ck_assert_str_eq(V(rec, 1), "Abbey");
	ck_assert_str_eq(V(rec, 2), "65");
	ck_assert_uint_eq(rec->len[1], 5);
	ck_assert_int_eq(rec->num[2], 0);
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 3);
	ck_assert_str_eq(V(rec, 1), "Beech");
	ck_assert_ptr_null(V(rec, 2));
	ck_assert_uint_eq(rec->len[2], 0);
	next_end(r);
	next_end(r);
	ki_reader_close(r);
}
END_TEST

START_TEST(csv_bom_crlf)
{
	struct ki_reader *r = open_ok("\xEF\xBB\xBFurn,name\r\n1,a\r\n2,b\r\n",
	    KI_FMT_AUTO, 0);
	struct ki_rec *rec;

	ck_assert_str_eq(ki_reader_hdr(r)->names[0], "urn");
	ck_assert_str_eq(ki_reader_hdr(r)->names[1], "name");
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 2);
	ck_assert_str_eq(V(rec, 0), "1");
	ck_assert_str_eq(V(rec, 1), "a");
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 3);
	ck_assert_str_eq(V(rec, 1), "b");
	next_end(r);
	ki_reader_close(r);
}
END_TEST

START_TEST(csv_quoted)
{
	struct ki_reader *r = open_ok("urn,name,note\n"
	    "1,\"Smith, J\",\"say \"\"hi\"\"\"\n"
	    "2,\"multi\nline\nfield\",x\n"
	    "3,c,\"\"\n"
	    "4,\"crlf\r\ninside\",\"\r\n\"\r\n"
	    "5,e,f\n", KI_FMT_AUTO, 0);
	struct ki_rec *rec;

	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 2);
	ck_assert_str_eq(V(rec, 1), "Smith, J");
	ck_assert_str_eq(V(rec, 2), "say \"hi\"");
	ck_assert_uint_eq(rec->len[2], 8);
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 3);
	ck_assert_str_eq(V(rec, 1), "multi\nline\nfield");
	ck_assert_str_eq(V(rec, 2), "x");
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 6);
	ck_assert_str_eq(V(rec, 0), "3");
	ck_assert_ptr_null(V(rec, 2));		/* "" is blank */
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 7);
	ck_assert_str_eq(V(rec, 1), "crlf\r\ninside");
	ck_assert_str_eq(V(rec, 2), "\r\n");
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 10);
	ck_assert_str_eq(V(rec, 0), "5");
	next_end(r);
	ki_reader_close(r);
}
END_TEST

START_TEST(csv_no_final_newline)
{
	struct ki_reader *r = open_ok("a,b\n1,2\n3,4", KI_FMT_AUTO, 0);
	struct ki_rec *rec;

	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 2);
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 3);
	ck_assert_str_eq(V(rec, 0), "3");
	ck_assert_str_eq(V(rec, 1), "4");
	next_end(r);
	ki_reader_close(r);
	/* A quoted multi-line last field, unterminated by a newline. */
	r = open_ok("a,b\n1,\"x\ny\"", KI_FMT_AUTO, 0);
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 2);
	ck_assert_str_eq(V(rec, 1), "x\ny");
	next_end(r);
	ki_reader_close(r);
	/* An empty last field. */
	r = open_ok("a,b\r\n1,", KI_FMT_AUTO, 0);
	rec = next_ok(r);
	ck_assert_str_eq(V(rec, 0), "1");
	ck_assert_ptr_null(V(rec, 1));
	next_end(r);
	ki_reader_close(r);
}
END_TEST

START_TEST(csv_blank_lines)
{
	struct ki_reader *r = open_ok("\na,b\n\n1,2\n\n\n3,4\n\n", KI_FMT_AUTO,
	    0);
	struct ki_rec *rec;

	ck_assert_str_eq(ki_reader_hdr(r)->names[0], "a");
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 4);
	ck_assert_str_eq(V(rec, 0), "1");
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 7);
	ck_assert_str_eq(V(rec, 0), "3");
	next_end(r);
	ki_reader_close(r);
	r = open_ok("a,b\r\n\r\n1,2\r\n\r\n", KI_FMT_AUTO, 0);
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 3);
	ck_assert_str_eq(V(rec, 1), "2");
	next_end(r);
	ki_reader_close(r);
}
END_TEST

START_TEST(csv_spaces_kept)
{
	struct ki_reader *r = open_ok(" a ,b\n  a ,\t b\t\n", KI_FMT_AUTO, 0);
	struct ki_rec *rec;

	ck_assert_str_eq(ki_reader_hdr(r)->names[0], " a ");
	rec = next_ok(r);
	ck_assert_str_eq(V(rec, 0), "  a ");
	ck_assert_str_eq(V(rec, 1), "\t b\t");
	ck_assert_uint_eq(rec->len[0], 4);
	ki_reader_close(r);

	/* Lines with and without edge spaces, mixed; the last has no end. */
	r = open_ok("a,b\nSt Mary,x y\n p,q\nr,s \nt ,u\nv,w ", KI_FMT_AUTO, 0);
	rec = next_ok(r);
	ck_assert_str_eq(V(rec, 0), "St Mary");
	ck_assert_str_eq(V(rec, 1), "x y");
	rec = next_ok(r);
	ck_assert_str_eq(V(rec, 0), " p");
	rec = next_ok(r);
	ck_assert_str_eq(V(rec, 1), "s ");
	rec = next_ok(r);
	ck_assert_str_eq(V(rec, 0), "t ");
	rec = next_ok(r);
	ck_assert_str_eq(V(rec, 1), "w ");
	next_end(r);
	ki_reader_close(r);
}
END_TEST

/* A row of blanks only: a batch with no text at all. */
START_TEST(csv_all_blank)
{
	struct ki_reader *r = open_ok("a,b\n,\n\"\",\n", KI_FMT_AUTO, 0);
	struct ki_rec *rec;

	rec = next_ok(r);
	ck_assert_ptr_null(V(rec, 0));
	ck_assert_ptr_null(V(rec, 1));
	rec = next_ok(r);
	ck_assert_ptr_null(V(rec, 0));
	ck_assert_uint_eq(rec->len[1], 0);
	next_end(r);
	ki_reader_close(r);
}
END_TEST

/* A space after a closing quote is text after the quote: an error. */
START_TEST(csv_space_after_quote)
{
	static const char *const bad[] = {
		"a,b\n\"x\" ,y\n", "a,b\nx,\"y\" \n", "a,b\nx,\"y\" "
	}, *const field[] = { "a", "b", "b" };
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct ki_reader *r = open_ok(bad[i], KI_FMT_AUTO, 0);

		next_fails(r, 2, field[i], "malformed quoting");
		ki_reader_close(r);
	}
}
END_TEST

/*
 * Records come in batches read ahead by a thread: many batches arrive
 * whole and in order, with their lines, and an error deep in the file
 * comes after every record before it.
 */
START_TEST(many_batches)
{
	static const int nrows = 5000, bad = 4321;
	size_t cap = 64 * (size_t)nrows, len;
	char *csv = malloc(cap), *nd = malloc(cap);
	int fmt, i;

	ck_assert_ptr_nonnull(csv);
	ck_assert_ptr_nonnull(nd);
	/* fmt 0 CSV, 1 NDJSON; 2 and 3 the same read without a thread. */
	for (fmt = 0; fmt < 4; fmt++) {
		struct ki_reader *r;
		struct ki_rec *rec;
		char want[32];

		len = 0;
		if (fmt % 2 == 0)
			len += (size_t)sprintf(csv, "urn,name\n");
		for (i = 1; i <= nrows; i++) {
			if (fmt % 2 == 0)
				len += (size_t)sprintf(csv + len, i == bad ?
				    "%d,x,y\n" : "%d,\"n\n%d\"\n", i, i);
			else
				len += (size_t)sprintf(csv + len, i == bad ?
				    "{\"urn\":%d,}\n" : "{\"urn\":%d,\"name\":\"n%d\"}\n",
				    i, i);
		}
		memcpy(nd, csv, len);
		r = ki_reader_open(wfile(nd, len), KI_FMT_AUTO,
		    fmt >= 2 ? KI_RD_NO_AHEAD : 0, &err);
		ck_assert_ptr_nonnull(r);
		for (i = 1; i < bad; i++) {
			rec = next_ok(r);
			snprintf(want, sizeof(want), "%d", i);
			ck_assert_str_eq(V(rec, 0), want);
			/* CSV: each row takes two lines (a quoted newline). */
			ck_assert_int_eq(rec->line, fmt % 2 == 0 ? 2 * i : i);
		}
		ck_assert_int_eq(ki_reader_next(r, &rec, &err), -1);
		ck_assert_int_eq(err.line, fmt % 2 == 0 ? 2 * bad : bad);
		/* The error stays. */
		ck_assert_int_eq(ki_reader_next(r, &rec, &err), -1);
		ki_reader_close(r);
	}
	/* Stopping early, with batches still being read, is clean. */
	{
		struct ki_reader *r = ki_reader_open(wfile(nd, len),
		    KI_FMT_AUTO, 0, &err);

		ck_assert_ptr_nonnull(r);
		next_ok(r);
		next_ok(r);
		ki_reader_close(r);
	}
	free(csv);
	free(nd);
}
END_TEST

START_TEST(csv_empty)
{
	open_fails("", 0, KI_FMT_AUTO, 1, "empty");
	open_fails("", 0, KI_FMT_CSV, 1, "empty");
	open_fails("\n\r\n\n", 4, KI_FMT_AUTO, 1, "empty");
	open_fails("\xEF\xBB\xBF", 3, KI_FMT_AUTO, 1, "empty");
	open_fails("\xEF\xBB\xBF\r\n", 5, KI_FMT_CSV, 1, "empty");
}
END_TEST

/* An empty file forced to NDJSON is a stream of no records. */
START_TEST(json_forced_empty)
{
	struct ki_reader *r = open_ok("", KI_FMT_JSON, 0);

	ck_assert_int_eq(ki_reader_fmt(r), KI_FMT_JSON);
	ck_assert_uint_eq(ki_reader_hdr(r)->n, 0);
	next_end(r);
	ki_reader_close(r);
	r = open_ok("\n\r\n", KI_FMT_JSON, 0);
	next_end(r);
	ki_reader_close(r);
}
END_TEST

START_TEST(csv_header_only)
{
	struct ki_reader *r = open_ok("a,b\n", KI_FMT_AUTO, 0);

	ck_assert_uint_eq(ki_reader_hdr(r)->n, 2);
	next_end(r);
	ki_reader_close(r);
	r = open_ok("a,b", KI_FMT_AUTO, 0);
	ck_assert_uint_eq(ki_reader_hdr(r)->n, 2);
	ck_assert_str_eq(ki_reader_hdr(r)->names[1], "b");
	next_end(r);
	ki_reader_close(r);
}
END_TEST

START_TEST(csv_short_row)
{
	struct ki_reader *r = open_ok("a,b,c\n1,2,3\n4,5\n6,7,8\n",
	    KI_FMT_AUTO, 0);
	struct ki_rec *rec;

	next_ok(r);
	next_fails(r, 3, "c", "2 fields");
	ki_reader_close(r);
	r = open_ok("a,b,c\n1,2,3\n4,5\n6\n", KI_FMT_AUTO, KI_RD_PAD_SHORT);
	next_ok(r);
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 3);
	ck_assert_str_eq(V(rec, 0), "4");
	ck_assert_str_eq(V(rec, 1), "5");
	ck_assert_ptr_null(V(rec, 2));
	ck_assert_uint_eq(rec->len[2], 0);
	rec = next_ok(r);
	ck_assert_str_eq(V(rec, 0), "6");
	ck_assert_ptr_null(V(rec, 1));
	ck_assert_ptr_null(V(rec, 2));
	next_end(r);
	ki_reader_close(r);
}
END_TEST

START_TEST(csv_long_row)
{
	struct ki_reader *r = open_ok("a,b\n1,2\n\"x\ny\",2,3\n", KI_FMT_AUTO,
	    0);

	next_ok(r);
	next_fails(r, 3, NULL, "3 fields");
	ki_reader_close(r);
	r = open_ok("a,b\n1,2,3\n", KI_FMT_AUTO, KI_RD_PAD_SHORT);
	next_fails(r, 2, NULL, "3 fields");
	ki_reader_close(r);
}
END_TEST

/* KI_RD_DROP_LONG: fields past the header's are dropped, the rows counted. */
START_TEST(csv_drop_long)
{
	struct ki_reader *r = open_ok("a,b\n1,2,x,y\n3,4\n5,6,z\n7\n",
	    KI_FMT_AUTO, KI_RD_DROP_LONG);
	struct ki_rec *rec;

	rec = next_ok(r);
	ck_assert_str_eq(V(rec, 0), "1");
	ck_assert_str_eq(V(rec, 1), "2");
	rec = next_ok(r);
	ck_assert_str_eq(V(rec, 1), "4");
	rec = next_ok(r);
	ck_assert_str_eq(V(rec, 1), "6");
	ck_assert_int_eq(ki_reader_long_rows(r), 2);
	next_fails(r, 5, "b", "missing");	/* a short row still fails */
	ki_reader_close(r);
}
END_TEST

/* KI_RD_SKIP_FIRST: a title line above the header; lines still counted. */
START_TEST(csv_skip_title)
{
	struct ki_reader *r = open_ok("Title of the file,,\na,b\n1,\"x\"\n"
	    "2,9,9\n", KI_FMT_CSV, KI_RD_SKIP_FIRST);
	struct ki_rec *rec;

	ck_assert_uint_eq(ki_reader_hdr(r)->n, 2);
	ck_assert_str_eq(ki_reader_hdr(r)->names[1], "b");
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 3);
	ck_assert_str_eq(V(rec, 1), "x");
	next_fails(r, 4, NULL, "3 fields");
	ki_reader_close(r);
	ki_err_clear(&err);
	ck_assert_ptr_null(ki_reader_open(wtext("only a title\n"), KI_FMT_CSV,
	    KI_RD_SKIP_FIRST, &err));
	util_err_is(&err, path, 1, NULL, "no header row");
}
END_TEST

START_TEST(csv_unterminated)
{
	struct ki_reader *r = open_ok("a,b\n1,2\n3,\"abc\ndef\nghi\n",
	    KI_FMT_AUTO, 0);

	next_ok(r);
	next_fails(r, 3, "b", "unterminated");
	ki_reader_close(r);
	r = open_ok("a,b\n\"x\ny\",\"abc\n", KI_FMT_AUTO, 0);
	next_fails(r, 2, NULL, "unterminated");
	ki_reader_close(r);
}
END_TEST

START_TEST(csv_bad_quote)
{
	struct ki_reader *r = open_ok("a,b\n1,2\n1,a\"b\n", KI_FMT_AUTO, 0);

	next_ok(r);
	next_fails(r, 3, "b", "quot");
	ki_reader_close(r);
	r = open_ok("a,b\n\"x\"y,2\n", KI_FMT_AUTO, 0);
	next_fails(r, 2, "a", "quot");
	ki_reader_close(r);
}
END_TEST

START_TEST(csv_nul)
{
	struct ki_reader *r;
	static const char data[] = "a,b\n1,2\n3,x\0y\n";

	ck_assert_ptr_nonnull(r = ki_reader_open(wfile(data, sizeof(data) - 1),
	    KI_FMT_AUTO, 0, &err));
	next_ok(r);
	next_fails(r, 3, NULL, "NUL");
	ki_reader_close(r);
	open_fails("a,\0b\n1,2\n", 9, KI_FMT_AUTO, 1, "NUL");
}
END_TEST

START_TEST(csv_bad_utf8)
{
	struct ki_reader *r = open_ok("urn,name\n1,ok\n2,caf\xE9\n",
	    KI_FMT_AUTO, 0);

	next_ok(r);
	next_fails(r, 3, "name", "invalid UTF-8 at byte 4");
	ki_reader_close(r);
	r = open_ok("urn,name\n1,\"two\nlines \xC3\"\n", KI_FMT_AUTO, 0);
	next_fails(r, 2, "name", "invalid UTF-8 at byte 11");
	ki_reader_close(r);
	open_fails("urn,n\xE9\n1,2\n", 11, KI_FMT_AUTO, 1, "invalid UTF-8");
}
END_TEST

START_TEST(csv_cp1252)
{
	struct ki_reader *r = open_ok("urn,nom\xE9\n1,caf\xE9\n2,caf\xC3\xA9\n"
	    "3,\x93q\x94\n", KI_FMT_AUTO, KI_RD_CP1252);
	struct ki_rec *rec;

	ck_assert_str_eq(ki_reader_hdr(r)->names[1], "nom\xC3\xA9");
	rec = next_ok(r);
	ck_assert_str_eq(V(rec, 1), "caf\xC3\xA9");
	ck_assert_uint_eq(rec->len[1], 5);
	rec = next_ok(r);
	ck_assert_str_eq(V(rec, 1), "caf\xC3\xA9");	/* UTF-8 left alone */
	rec = next_ok(r);
	ck_assert_str_eq(V(rec, 1), "\xE2\x80\x9Cq\xE2\x80\x9D");
	ck_assert_uint_eq(rec->len[1], 7);
	next_end(r);
	ki_reader_close(r);
}
END_TEST

START_TEST(csv_duplicate_header)
{
	open_fails("a,b,a\n1,2,3\n", 12, KI_FMT_AUTO, 1, "duplicate");
	ck_assert_str_eq(err.field, "a");
	open_fails("a,,c\n1,2,3\n", 11, KI_FMT_AUTO, 1, "no name");
}
END_TEST

/* Old Mac files end lines with CR alone; each is still a line. */
START_TEST(csv_cr_lines)
{
	struct ki_reader *r = open_ok("a,b\r1,2\r3,4\r", KI_FMT_AUTO, 0);
	struct ki_rec *rec;

	rec = next_ok(r);
	ck_assert_str_eq(V(rec, 0), "1");
	ck_assert_int_eq(rec->line, 2);
	rec = next_ok(r);
	ck_assert_str_eq(V(rec, 0), "3");
	ck_assert_int_eq(rec->line, 3);
	ki_reader_close(r);
}
END_TEST

/*
 * A lone CR inside a quoted field: the record still starts on the line
 * where it starts, and so does an unterminated one.
 */
START_TEST(csv_cr_in_field)
{
	struct ki_reader *r = open_ok("a,b\n1,\"x\ry\"\n2,z\n", KI_FMT_AUTO,
	    0);
	struct ki_rec *rec;

	rec = next_ok(r);
	ck_assert_str_eq(V(rec, 1), "x\ry");
	ck_assert_int_eq(rec->line, 2);
	rec = next_ok(r);
	ck_assert_str_eq(V(rec, 1), "z");
	next_end(r);
	ki_reader_close(r);
	r = open_ok("a,b\n1,\"x\ry\n", KI_FMT_AUTO, 0);
	next_fails(r, 2, "b", "unterminated");
	ki_reader_close(r);
}
END_TEST

START_TEST(detect)
{
	struct ki_reader *r;

	r = open_ok("{\"a\":1}\n", KI_FMT_AUTO, 0);
	ck_assert_int_eq(ki_reader_fmt(r), KI_FMT_JSON);
	ki_reader_close(r);
	r = open_ok("\xEF\xBB\xBF\n  {\"a\":1}\n", KI_FMT_AUTO, 0);
	ck_assert_int_eq(ki_reader_fmt(r), KI_FMT_JSON);
	ck_assert_int_eq(next_ok(r)->line, 2);
	ki_reader_close(r);
	r = open_ok("a,b\n1,2\n", KI_FMT_AUTO, 0);
	ck_assert_int_eq(ki_reader_fmt(r), KI_FMT_CSV);
	ki_reader_close(r);
	r = open_ok("[1]\n", KI_FMT_AUTO, 0);
	ck_assert_int_eq(ki_reader_fmt(r), KI_FMT_CSV);
	ki_reader_close(r);
	/* Forcing CSV on a '{' file. */
	r = open_ok("{a},b\n1,2\n", KI_FMT_CSV, 0);
	ck_assert_int_eq(ki_reader_fmt(r), KI_FMT_CSV);
	ck_assert_str_eq(ki_reader_hdr(r)->names[0], "{a}");
	ck_assert_str_eq(next_ok(r)->v[1], "2");
	next_end(r);
	ki_reader_close(r);
	/* Forcing JSON on a CSV file. */
	open_fails("a,b\n1,2\n", 8, KI_FMT_JSON, 1, "invalid JSON");
}
END_TEST

START_TEST(json_values)
{
	struct ki_reader *r = open_ok("{\"s\":\"x y\",\"i\":65,\"r\":0.1,"
	    "\"t\":true,\"f\":false,\"n\":null,\"o\":{\"k\":[1,2.5,\"z\"]},"
	    "\"e\":\"\",\"neg\":-7,\"u\":\"caf\\u00e9\"}\n",
	    KI_FMT_AUTO, 0);
	const struct ki_hdr *h = ki_reader_hdr(r);
	struct ki_rec *rec = next_ok(r);
	long i;

	ck_assert_uint_eq(h->n, 10);
	ck_assert_str_eq(h->names[0], "s");
	ck_assert_str_eq(h->names[9], "u");
	ck_assert_int_eq(rec->line, 1);
	i = ki_hdr_index(h, "s");
	ck_assert_str_eq(V(rec, i), "x y");
	ck_assert_int_eq(rec->num[i], 0);
	i = ki_hdr_index(h, "i");
	ck_assert_str_eq(V(rec, i), "65");
	ck_assert_int_eq(rec->num[i], 1);
	i = ki_hdr_index(h, "r");
	ck_assert_str_eq(V(rec, i), "0.1");
	ck_assert_int_eq(rec->num[i], 1);
	i = ki_hdr_index(h, "t");
	ck_assert_str_eq(V(rec, i), "true");
	ck_assert_int_eq(rec->num[i], 0);
	ck_assert_str_eq(V(rec, ki_hdr_index(h, "f")), "false");
	i = ki_hdr_index(h, "n");
	ck_assert_ptr_null(V(rec, i));
	ck_assert_uint_eq(rec->len[i], 0);
	ck_assert_int_eq(rec->num[i], 0);
	ck_assert_str_eq(V(rec, ki_hdr_index(h, "o")),
	    "{\"k\":[1,2.5,\"z\"]}");
	ck_assert_ptr_null(V(rec, ki_hdr_index(h, "e")));
	ck_assert_str_eq(V(rec, ki_hdr_index(h, "neg")), "-7");
	i = ki_hdr_index(h, "u");
	ck_assert_str_eq(V(rec, i), "caf\xC3\xA9");
	ck_assert_uint_eq(rec->len[i], 5);
	next_end(r);
	ki_reader_close(r);
}
END_TEST

/*
 * Objects and arrays on many lines after the first: in batches parsed
 * ahead (each into an arena, lib/arena.c) or here, they come back as their
 * compact JSON text, short or long. jansson's allocations outside the
 * reader stay plain malloc: what the program makes before and after the
 * reader is freed with free() and json_decref as usual.
 */
START_TEST(json_nested_rows)
{
	enum { N = 3000 };
	int flags = _i ? KI_RD_NO_AHEAD : 0;
	json_t *before = json_pack("{s:[i,s]}", "k", 1, "v");
	struct ki_reader *r;
	struct ki_rec *rec;
	char want[1024], *dump;
	FILE *fp;
	long i, o, a, l;

	ck_assert_ptr_nonnull(before);
	util_path(path, sizeof(path), "input");
	ck_assert_ptr_nonnull(fp = fopen(path, "w"));
	fprintf(fp, "{\"n\":0,\"o\":1}\n");
	for (i = 1; i < N; i++)
		if (i % 3 == 0)
			fprintf(fp, "{\"n\":%ld,\"o\":{\"k\": [%ld, {\"s\":"
			    "\"%0*d\"}]}, \"a\":[]}\n", i, i, (int)(i % 700), 0);
		else
			fprintf(fp, "{\"a\":[[{}],null,true,\"x\\\"y\"],"
			    "\"n\":%ld,\"o\":{\"k\":%ld}}\n", i, i);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_ptr_nonnull(r = ki_reader_open(path, KI_FMT_JSON, flags,
	    &err));
	o = ki_hdr_index(ki_reader_hdr(r), "o");
	rec = next_ok(r);
	ck_assert_str_eq(V(rec, o), "1");
	for (i = 1; i < N; i++) {
		rec = next_ok(r);
		a = ki_hdr_index(ki_reader_hdr(r), "a");
		ck_assert_int_eq(rec->line, i + 1);
		ck_assert_int_eq(rec->num[o], 0);
		if (i % 3 == 0) {
			l = snprintf(want, sizeof(want),
			    "{\"k\":[%ld,{\"s\":\"%0*d\"}]}", i,
			    (int)(i % 700), 0);
			ck_assert_str_eq(V(rec, o), want);
			ck_assert_uint_eq(rec->len[o], (size_t)l);
			ck_assert_str_eq(V(rec, a), "[]");
		} else {
			snprintf(want, sizeof(want), "{\"k\":%ld}", i);
			ck_assert_str_eq(V(rec, o), want);
			ck_assert_str_eq(V(rec, a),
			    "[[{}],null,true,\"x\\\"y\"]");
		}
	}
	next_end(r);
	ki_reader_close(r);
	/* The same again: the reader's arenas start afresh. */
	ck_assert_ptr_nonnull(r = ki_reader_open(path, KI_FMT_JSON, flags,
	    &err));
	for (i = 0; i < N; i++)
		next_ok(r);
	next_end(r);
	ki_reader_close(r);
	ck_assert_ptr_nonnull(dump = json_dumps(before, JSON_COMPACT));
	ck_assert_str_eq(dump, "{\"k\":[1,\"v\"]}");
	free(dump);
	json_decref(before);
}
END_TEST

/* A line that is not JSON after lines of objects and arrays: its error. */
START_TEST(json_nested_then_error)
{
	int flags = _i ? KI_RD_NO_AHEAD : 0;
	struct ki_reader *r = open_ok("{\"a\":1}\n{\"a\":{\"b\":[1]}}\n"
	    "{\"a\":[{\"c\":{}}]}\n{\"a\":[}\n{\"a\":2}\n", KI_FMT_AUTO,
	    flags);

	ck_assert_str_eq(V(next_ok(r), 0), "1");
	ck_assert_str_eq(V(next_ok(r), 0), "{\"b\":[1]}");
	ck_assert_str_eq(V(next_ok(r), 0), "[{\"c\":{}}]");
	next_fails(r, 4, NULL, "invalid JSON");
	next_fails(r, 4, NULL, "invalid JSON");
	ki_reader_close(r);
}
END_TEST

/* Reals keep their short form: 65.0 is "65", 50.0 is "50", 1e2 "100". */
START_TEST(json_reals)
{
	struct ki_reader *r = open_ok("{\"a\":65.0,\"b\":-0.35,\"c\":50.0,"
	    "\"d\":1e2,\"e\":2.5e1}\n", KI_FMT_AUTO, 0);
	struct ki_rec *rec = next_ok(r);

	ck_assert_str_eq(V(rec, 0), "65");
	ck_assert_int_eq(rec->num[0], 1);
	ck_assert_str_eq(V(rec, 1), "-0.35");
	ck_assert_str_eq(V(rec, 2), "50");
	ck_assert_str_eq(V(rec, 3), "100");
	ck_assert_str_eq(V(rec, 4), "25");
	ck_assert_int_eq(rec->num[4], 1);
	ki_reader_close(r);
}
END_TEST

START_TEST(json_grows)
{
	struct ki_reader *r = open_ok("{\"a\":\"1\",\"n\":5}\n"
	    "{\"a\":\"2\",\"b\":\"x\"}\n{\"b\":\"y\",\"n\":\"s\"}\n",
	    KI_FMT_AUTO, 0);
	const struct ki_hdr *h = ki_reader_hdr(r);
	struct ki_rec *rec;

	ck_assert_uint_eq(h->n, 2);
	rec = next_ok(r);
	ck_assert_uint_eq(rec->n, 2);
	ck_assert_str_eq(V(rec, 0), "1");
	ck_assert_int_eq(rec->num[1], 1);
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 2);
	ck_assert_uint_eq(h->n, 3);
	ck_assert_uint_eq(rec->n, 3);
	ck_assert_str_eq(h->names[2], "b");
	ck_assert_str_eq(V(rec, 0), "2");
	ck_assert_ptr_null(V(rec, 1));
	ck_assert_int_eq(rec->num[1], 0);
	ck_assert_str_eq(V(rec, 2), "x");
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 3);
	ck_assert_ptr_null(V(rec, 0));
	ck_assert_str_eq(V(rec, 1), "s");
	ck_assert_int_eq(rec->num[1], 0);
	ck_assert_str_eq(V(rec, 2), "y");
	next_end(r);
	ki_reader_close(r);
}
END_TEST

START_TEST(json_many_keys)
{
	FILE *fp;
	struct ki_reader *r;
	struct ki_rec *rec;
	int i;

	/* Line 2 adds 200 keys at once, past the first allocation. */
	util_path(path, sizeof(path), "input");
	ck_assert_ptr_nonnull(fp = fopen(path, "w"));
	fputs("{\"k0\":0}\n{", fp);
	for (i = 0; i < 200; i++)
		fprintf(fp, "%s\"k%d\":\"v%d\"", i ? "," : "", i, i);
	fputs("}\n{\"k199\":1}\n", fp);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_ptr_nonnull(r = ki_reader_open(path, KI_FMT_AUTO, 0, &err));
	rec = next_ok(r);
	ck_assert_str_eq(V(rec, 0), "0");
	rec = next_ok(r);
	ck_assert_uint_eq(rec->n, 200);
	ck_assert_str_eq(V(rec, 0), "v0");
	ck_assert_str_eq(V(rec, 150), "v150");
	ck_assert_str_eq(ki_reader_hdr(r)->names[199], "k199");
	rec = next_ok(r);
	ck_assert_ptr_null(V(rec, 0));
	ck_assert_ptr_null(V(rec, 150));
	ck_assert_str_eq(V(rec, 199), "1");
	ck_assert_int_eq(rec->num[199], 1);
	ki_reader_close(r);
}
END_TEST

START_TEST(json_errors)
{
	struct ki_reader *r;

	r = open_ok("{\"a\":1}\n[1,2]\n{\"a\":2}\n", KI_FMT_AUTO, 0);
	next_ok(r);
	next_fails(r, 2, NULL, "not a JSON object");
	ki_reader_close(r);
	r = open_ok("{\"a\":1}\n\n\"x\"\n", KI_FMT_AUTO, 0);
	next_ok(r);
	next_fails(r, 3, NULL, "");
	ki_reader_close(r);
	r = open_ok("{\"a\":1}\n{\"a\":\n", KI_FMT_AUTO, 0);
	next_ok(r);
	next_fails(r, 2, NULL, "invalid JSON");
	ki_reader_close(r);
	r = open_ok("{\"a\":1}\n{\"a\":1,\"a\":2}\n", KI_FMT_AUTO, 0);
	next_ok(r);
	next_fails(r, 2, NULL, "invalid JSON");
	ki_reader_close(r);
	r = open_ok("{\"a\":1}\n{\"a\":1} {\"a\":2}\n", KI_FMT_AUTO, 0);
	next_ok(r);
	next_fails(r, 2, NULL, "invalid JSON");
	ki_reader_close(r);
	open_fails("{\"a\":1\n", 7, KI_FMT_AUTO, 1, "invalid JSON");
	open_fails("{\"a\":\"x\0\"}\n", 11, KI_FMT_AUTO, 1, "NUL");
}
END_TEST

START_TEST(json_blank_crlf)
{
	struct ki_reader *r = open_ok("{\"a\":\"1\"}\r\n\r\n  \r\n\n"
	    "\t{\"a\":\"2\"}\r\n{\"a\":\"3\"}", KI_FMT_AUTO, 0);
	struct ki_rec *rec;

	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 1);
	ck_assert_str_eq(V(rec, 0), "1");
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 5);
	ck_assert_str_eq(V(rec, 0), "2");
	ck_assert_uint_eq(rec->len[0], 1);
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 6);
	ck_assert_str_eq(V(rec, 0), "3");
	next_end(r);
	ki_reader_close(r);
}
END_TEST

START_TEST(missing_file)
{
	util_path(path, sizeof(path), "no-such-file.csv");
	ck_assert_ptr_null(ki_reader_open(path, KI_FMT_AUTO, 0, &err));
	ck_assert_str_eq(err.file, path);
	ck_assert_str_eq(err.msg, strerror(ENOENT));
	ck_assert_str_eq(err.field, "");
	ck_assert_ptr_null(ki_reader_open(util_dir, KI_FMT_AUTO, 0, &err));
	ck_assert_str_eq(err.file, util_dir);
	ck_assert_str_eq(err.msg, strerror(EISDIR));
}
END_TEST

enum { BIG = 1 << 20 };

START_TEST(big_field)
{
	char *data = malloc(BIG + 64), *want = malloc(BIG + 1);
	struct ki_reader *r;
	struct ki_rec *rec;
	size_t i, n;

	ck_assert_ptr_nonnull(data);
	ck_assert_ptr_nonnull(want);
	for (i = 0; i < BIG; i++)
		want[i] = i % 1000 == 999 ? '\n' : i % 100 == 0 ? ',' :
		    (char)('a' + i % 26);
	want[BIG] = '\0';
	/* Quoted, holding commas and newlines. */
	n = (size_t)sprintf(data, "id,big,z\n1,\"");
	memcpy(data + n, want, BIG);
	n += BIG;
	n += (size_t)sprintf(data + n, "\",end\n2,x,y\n");
	ck_assert_ptr_nonnull(r = ki_reader_open(wfile(data, n), KI_FMT_AUTO,
	    0, &err));
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 2);
	ck_assert_uint_eq(rec->len[1], BIG);
	ck_assert_mem_eq(V(rec, 1), want, BIG);
	ck_assert_str_eq(V(rec, 2), "end");
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 2 + BIG / 1000 + 1);
	ck_assert_str_eq(V(rec, 0), "2");
	ki_reader_close(r);
	/* Unquoted, and as an NDJSON string. */
	for (i = 0; i < BIG; i++)
		want[i] = (char)('a' + i % 26);
	n = (size_t)sprintf(data, "big\n");
	memcpy(data + n, want, BIG);
	n += BIG;
	data[n++] = '\n';
	ck_assert_ptr_nonnull(r = ki_reader_open(wfile(data, n), KI_FMT_AUTO,
	    0, &err));
	rec = next_ok(r);
	ck_assert_uint_eq(rec->len[0], BIG);
	ck_assert_str_eq(V(rec, 0), want);
	next_end(r);
	ki_reader_close(r);
	n = (size_t)sprintf(data, "{\"big\":\"");
	memcpy(data + n, want, BIG);
	n += BIG;
	n += (size_t)sprintf(data + n, "\"}\n{\"big\":\"s\"}\n");
	ck_assert_ptr_nonnull(r = ki_reader_open(wfile(data, n), KI_FMT_AUTO,
	    0, &err));
	rec = next_ok(r);
	ck_assert_uint_eq(rec->len[0], BIG);
	ck_assert_str_eq(V(rec, 0), want);
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 2);
	ck_assert_str_eq(V(rec, 0), "s");
	ki_reader_close(r);
	free(data);
	free(want);
}
END_TEST

START_TEST(many_rows)
{
	FILE *fp;
	struct ki_reader *r;
	struct ki_rec *rec;
	char want[32];
	long i;

	/* Enough rows to cross several buffer refills. */
	util_path(path, sizeof(path), "input");
	ck_assert_ptr_nonnull(fp = fopen(path, "w"));
	fputs("n,sq,name\r\n", fp);
	for (i = 0; i < 100000; i++)
		fprintf(fp, "%ld,%ld,\"row %ld\"\r\n", i, i * i, i);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_ptr_nonnull(r = ki_reader_open(path, KI_FMT_AUTO, 0, &err));
	for (i = 0; i < 100000; i++) {
		rec = next_ok(r);
		ck_assert_int_eq(rec->line, i + 2);
		snprintf(want, sizeof(want), "%ld", i * i);
		ck_assert_str_eq(V(rec, 1), want);
		snprintf(want, sizeof(want), "row %ld", i);
		ck_assert_str_eq(V(rec, 2), want);
	}
	next_end(r);
	ki_reader_close(r);
}
END_TEST

START_TEST(many_json_rows)
{
	FILE *fp;
	struct ki_reader *r;
	struct ki_rec *rec;
	char want[32];
	long i;

	util_path(path, sizeof(path), "input");
	ck_assert_ptr_nonnull(fp = fopen(path, "w"));
	for (i = 0; i < 100000; i++)
		fprintf(fp, "{\"n\":%ld,\"name\":\"row %ld\"}\n", i, i);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_ptr_nonnull(r = ki_reader_open(path, KI_FMT_AUTO, 0, &err));
	for (i = 0; i < 100000; i++) {
		rec = next_ok(r);
		ck_assert_int_eq(rec->line, i + 1);
		snprintf(want, sizeof(want), "%ld", i);
		ck_assert_str_eq(V(rec, 0), want);
		snprintf(want, sizeof(want), "row %ld", i);
		ck_assert_str_eq(V(rec, 1), want);
	}
	next_end(r);
	ki_reader_close(r);
}
END_TEST

/* A CR LF pair split by the first 512 KiB read still ends one line. */
START_TEST(crlf_at_refill)
{
	enum { FIRST = 512 * 1024 };
	char *data = malloc(FIRST + 64);
	struct ki_reader *r;
	struct ki_rec *rec;
	size_t n, pre;

	ck_assert_ptr_nonnull(data);
	n = pre = (size_t)sprintf(data, "a,b\r\n1,");
	memset(data + n, 'x', FIRST - 1 - n);
	n = FIRST - 1;
	n += (size_t)sprintf(data + n, "\r\n2,z\r\n");
	ck_assert_int_eq(data[FIRST - 1], '\r');
	ck_assert_ptr_nonnull(r = ki_reader_open(wfile(data, n), KI_FMT_AUTO,
	    0, &err));
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 2);
	ck_assert_uint_eq(rec->len[1], FIRST - 1 - pre);
	rec = next_ok(r);
	ck_assert_int_eq(rec->line, 3);
	ck_assert_str_eq(V(rec, 1), "z");
	next_end(r);
	ki_reader_close(r);
	free(data);
}
END_TEST

START_TEST(hdr_and_name)
{
	struct ki_reader *r = open_ok("x,y,z\n", KI_FMT_AUTO, 0);
	const struct ki_hdr *h = ki_reader_hdr(r);

	ck_assert_uint_eq(h->n, 3);
	ck_assert_int_eq(ki_hdr_index(h, "z"), 2);
	ck_assert_int_eq(ki_hdr_index(h, "w"), -1);
	ck_assert_str_eq(ki_reader_name(r), path);
	ki_reader_close(r);
}
END_TEST

START_TEST(stdin_name)
{
	struct ki_reader *r;
	struct ki_rec *rec;

	ck_assert_ptr_nonnull(freopen(wtext("a,b\n1,2\n3\n"), "r", stdin));
	ck_assert_ptr_nonnull(r = ki_reader_open("-", KI_FMT_AUTO, 0, &err));
	ck_assert_str_eq(ki_reader_name(r), "<stdin>");
	rec = next_ok(r);
	ck_assert_str_eq(V(rec, 1), "2");
	ck_assert_int_eq(ki_reader_next(r, &rec, &err), -1);
	ck_assert_str_eq(err.file, "<stdin>");
	ck_assert_int_eq(err.line, 3);
	ki_reader_close(r);
	/* stdin stays open after close. */
	ck_assert_int_ne(fileno(stdin), -1);
	ck_assert_int_eq(fseek(stdin, 0, SEEK_SET), 0);
	ck_assert_ptr_nonnull(r = ki_reader_open(NULL, KI_FMT_AUTO, 0, &err));
	ck_assert_str_eq(ki_reader_name(r), "<stdin>");
	ck_assert_str_eq(ki_reader_hdr(r)->names[0], "a");
	ki_reader_close(r);
}
END_TEST

START_TEST(close_files)
{
	struct ki_reader *r;
	int i;

	/* More opens than the usual 1024 descriptors: close must free them. */
	wtext("a,b\n1,2\n");
	for (i = 0; i < 3000; i++) {
		r = ki_reader_open(path, KI_FMT_AUTO, 0, &err);
		ck_assert_msg(r != NULL, "open %d: %s", i, err.msg);
		ki_reader_close(r);
	}
	ki_reader_close(NULL);
	ck_assert_int_eq(i, 3000);
}
END_TEST

static Suite *
rec_suite(void)
{
	Suite *s = suite_create("rec");
	TCase *tc;

	tc = tcase_create("ki_reader_open");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, csv_empty);
	tcase_add_test(tc, json_forced_empty);
	tcase_add_test(tc, csv_duplicate_header);
	tcase_add_test(tc, missing_file);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_reader_next");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, csv_plain);
	tcase_add_test(tc, csv_drop_long);
	tcase_add_test(tc, csv_skip_title);
	tcase_add_test(tc, csv_bom_crlf);
	tcase_add_test(tc, csv_quoted);
	tcase_add_test(tc, csv_no_final_newline);
	tcase_add_test(tc, csv_blank_lines);
	tcase_add_test(tc, csv_spaces_kept);
	tcase_add_test(tc, csv_space_after_quote);
	tcase_add_test(tc, csv_all_blank);
	tcase_add_test(tc, many_batches);
	tcase_add_test(tc, csv_header_only);
	tcase_add_test(tc, csv_short_row);
	tcase_add_test(tc, csv_long_row);
	tcase_add_test(tc, csv_unterminated);
	tcase_add_test(tc, csv_bad_quote);
	tcase_add_test(tc, csv_nul);
	tcase_add_test(tc, csv_bad_utf8);
	tcase_add_test(tc, csv_cp1252);
	tcase_add_test(tc, csv_cr_lines);
	tcase_add_test(tc, csv_cr_in_field);
	tcase_add_test(tc, json_values);
	tcase_add_test(tc, json_reals);
	tcase_add_loop_test(tc, json_nested_rows, 0, 2);
	tcase_add_loop_test(tc, json_nested_then_error, 0, 2);
	tcase_add_test(tc, json_grows);
	tcase_add_test(tc, json_many_keys);
	tcase_add_test(tc, json_errors);
	tcase_add_test(tc, json_blank_crlf);
	tcase_add_test(tc, big_field);
	tcase_add_test(tc, many_rows);
	tcase_add_test(tc, many_json_rows);
	tcase_add_test(tc, crlf_at_refill);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_reader_fmt");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, detect);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_reader_hdr");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, hdr_and_name);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_reader_name");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, stdin_name);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_reader_close");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, close_files);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(rec_suite());
}

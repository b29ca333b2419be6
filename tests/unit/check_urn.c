/* Unit tests for lib/urn.c: URNs of digits, column names without a BOM. */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "ki/rec.h"
#include "ki/urn.h"

#include "util.h"

#define BOM "\xEF\xBB\xBF"

static struct ki_err err;

/* v is refused, with a message that has msg. */
static void
urn_bad(const char *v, const char *msg)
{
	ki_err_clear(&err);
	ck_assert_msg(ki_urn_check(v, "f.csv", 7, &err) == -1, "\"%s\" passed",
	    v);
	util_err_is(&err, "f.csv", 7, "urn", msg);
}

START_TEST(check)
{
	ck_assert_int_eq(ki_urn_check("100001", "f.csv", 2, &err), 0);
	ck_assert_int_eq(ki_urn_check("1", "f.csv", 2, &err), 0);
	ck_assert_int_eq(ki_urn_check("EY900041", "f.csv", 2, &err), 0);
	urn_bad(BOM "100001", "a byte-order mark (U+FEFF) before \"100001\"");
	urn_bad("1000" BOM "01", "a byte-order mark (U+FEFF) in \"100001\"");
	urn_bad(" 100001", "\" 100001\" has a space");
	urn_bad("100001 ", "\"100001 \" has a space");
	urn_bad("100001\t", "has a tab");
	urn_bad("10O001", "\"10O001\" is not a URN");
	urn_bad("EY", "\"EY\" is not a URN");
	urn_bad("ey900041", "is not a URN");
	urn_bad("-1", "is not a URN");
	urn_bad("1.0", "is not a URN");
}
END_TEST

START_TEST(rec_check)
{
	static const char *const names[] = { "year", "urn", NULL };
	struct ki_hdr *h = util_hdr(names);
	char *v[2] = { "2019", NULL };
	size_t len[2] = { 4, 0 };
	unsigned char num[2] = { 0, 0 };
	struct ki_rec r = { 2, v, len, num, 5 };

	/* Blank is the binaries' to judge; a value must be a URN. */
	ck_assert_int_eq(ki_urn_rec(h, &r, "f.csv", &err), 0);
	v[1] = "";
	ck_assert_int_eq(ki_urn_rec(h, &r, "f.csv", &err), 0);
	v[1] = "100001";
	ck_assert_int_eq(ki_urn_rec(h, &r, "f.csv", &err), 0);
	v[1] = BOM "100001";
	ki_err_clear(&err);
	ck_assert_int_eq(ki_urn_rec(h, &r, "f.csv", &err), -1);
	util_err_is(&err, "f.csv", 5, "urn", "byte-order mark");
	ki_hdr_free(h);
	/* No urn column: nothing to check. */
	h = util_hdr((const char *const[]){ "year", "URN", NULL });
	ck_assert_int_eq(ki_urn_rec(h, &r, "f.csv", &err), 0);
	ki_hdr_free(h);
}
END_TEST

START_TEST(hdr_name)
{
	ck_assert_int_eq(ki_urn_hdr_name("year", "f.csv", 1, &err), 0);
	ki_err_clear(&err);
	ck_assert_int_eq(ki_urn_hdr_name(BOM "year", "f.csv", 1, &err), -1);
	util_err_is(&err, "f.csv", 1, "year", "only the very start of a file");
}
END_TEST

/* Through the reader: the checks run on every header and record. */
START_TEST(reader)
{
	static const char good[] = BOM "urn,year\r\n100001,2019\r\n";
	static const char urn[] = "urn,year\n100001,2019\n" BOM "100001,2018\n";
	static const char head[] = "urn," BOM "year\n100001,2019\n";
	static const char json[] = "{\"urn\": \"1\", \"year\": 2019}\n"
	    "{\"urn\": \"2 \", \"year\": 2019}\n";
	struct ki_reader *r;
	struct ki_rec *rec;
	char p[128];
	int flags;

	util_path(p, sizeof(p), "in");
	for (flags = 0; flags <= KI_RD_NO_AHEAD; flags += KI_RD_NO_AHEAD) {
		/* A BOM at the very start is skipped. */
		util_wfile(p, good);
		ck_assert_ptr_nonnull(r = ki_reader_open(p, KI_FMT_AUTO, flags,
		    &err));
		ck_assert_str_eq(ki_reader_hdr(r)->names[0], "urn");
		ck_assert_int_eq(ki_reader_next(r, &rec, &err), 1);
		ck_assert_int_eq(ki_reader_next(r, &rec, &err), 0);
		ki_reader_close(r);
		util_wfile(p, urn);
		ck_assert_ptr_nonnull(r = ki_reader_open(p, KI_FMT_AUTO, flags,
		    &err));
		ck_assert_int_eq(ki_reader_next(r, &rec, &err), 1);
		ki_err_clear(&err);
		ck_assert_int_eq(ki_reader_next(r, &rec, &err), -1);
		util_err_is(&err, p, 3, "urn", "byte-order mark");
		ki_reader_close(r);
		util_wfile(p, head);
		ki_err_clear(&err);
		ck_assert_ptr_null(ki_reader_open(p, KI_FMT_AUTO, flags, &err));
		util_err_is(&err, p, 1, "year", "byte-order mark");
		util_wfile(p, json);
		ck_assert_ptr_nonnull(r = ki_reader_open(p, KI_FMT_AUTO, flags,
		    &err));
		ck_assert_int_eq(ki_reader_next(r, &rec, &err), 1);
		ki_err_clear(&err);
		ck_assert_int_eq(ki_reader_next(r, &rec, &err), -1);
		util_err_is(&err, p, 2, "urn", "\"2 \" has a space");
		ki_reader_close(r);
	}
}
END_TEST

static Suite *
urn_suite(void)
{
	Suite *s = suite_create("urn");
	TCase *tc;

	tc = tcase_create("ki_urn_check");
	tcase_add_test(tc, check);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_urn_rec");
	tcase_add_test(tc, rec_check);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_urn_hdr_name");
	tcase_add_test(tc, hdr_name);
	suite_add_tcase(s, tc);
	tc = tcase_create("reader");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, util_setup, NULL);
	tcase_add_test(tc, reader);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(urn_suite());
}

/* Unit tests for lib/calendar.c (school days) and lib/ics.c (iCalendar). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "ki/calendar.h"
#include "ki/date.h"
#include "ki/ics.h"

#include "util.h"

static long
day(const char *s)
{
	long d = -1;

	ck_assert_int_eq(ki_date_parse(s, &d), 0);
	return d;
}

static struct ki_cal *
cal(const char *json, struct ki_err *err)
{
	char p[128];

	return ki_cal_load(util_wfile(util_path(p, sizeof(p), "cal.json"),
	    json), err);
}

static const char two_terms[] = "{\"calendar\": \"t\", \"terms\": ["
    "{\"name\": \"A\", \"start\": \"2026-09-01\", \"end\": \"2026-10-23\"},"
    "{\"name\": \"B\", \"start\": \"2026-11-02\", \"end\": \"2026-12-18\"}],"
    "\"inset\": [{\"date\": \"2026-09-01\", \"name\": \"training\"}],"
    "\"bank_holidays\": [{\"date\": \"2026-12-25\", \"name\": \"Christmas Day\"},"
    "{\"date\": \"2026-11-09\", \"name\": \"Made-up Monday\"}]}";

START_TEST(school_days)
{
	struct ki_err err;
	struct ki_cal *c = cal(two_terms, &err);
	char why[128];

	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(ki_cal_school(c, day("2026-09-01")), 0);
	ck_assert_int_eq(ki_cal_school(c, day("2026-09-02")), 1);
	ck_assert_int_eq(ki_cal_school(c, day("2026-09-05")), 0);
	ck_assert_int_eq(ki_cal_school(c, day("2026-10-26")), 0);
	ck_assert_int_eq(ki_cal_school(c, day("2026-11-09")), 0);
	ck_assert_int_eq(ki_cal_term(c, day("2026-10-26")), -1);
	ck_assert_int_eq(ki_cal_term(c, day("2026-12-18")), 1);
	/* 39 weekdays in A less the INSET day; 35 in B less the holiday. */
	ck_assert_uint_eq(c->nday, 39 - 1 + 35 - 1);
	ck_assert_int_eq(c->day[0], day("2026-09-02"));
	ck_assert_int_eq(c->day[c->nday - 1], day("2026-12-18"));
	ck_assert_int_eq(c->day[ki_cal_index(c, day("2026-10-24"))],
	    day("2026-11-02"));
	ck_assert_uint_eq(ki_cal_index(c, day("2026-12-19")), c->nday);
	ki_cal_why(c, day("2026-09-05"), why, sizeof(why));
	ck_assert_str_eq(why, "a Saturday");
	ki_cal_why(c, day("2026-09-01"), why, sizeof(why));
	ck_assert_str_eq(why, "an INSET day (training)");
	ki_cal_why(c, day("2026-11-09"), why, sizeof(why));
	ck_assert_str_eq(why, "a bank holiday (Made-up Monday)");
	ki_cal_why(c, day("2026-10-28"), why, sizeof(why));
	ck_assert_str_eq(why, "in the holiday after A");
	ki_cal_why(c, day("2027-01-04"), why, sizeof(why));
	ck_assert_str_eq(why, "outside the calendar");
	ki_cal_why(c, day("2026-09-02"), why, sizeof(why));
	ck_assert_str_eq(why, "");
	ki_cal_free(c);
	ki_cal_free(NULL);
}
END_TEST

START_TEST(bad_calendars)
{
	struct ki_err err;
	char f[128];

	util_path(f, sizeof(f), "cal.json");
	ck_assert_ptr_null(cal("{\"terms\": [{\"name\": \"A\", \"start\": "
	    "\"2026-09-01\", \"end\": \"2026-10-23\"}, {\"name\": \"B\", "
	    "\"start\": \"2026-10-23\", \"end\": \"2026-12-18\"}]}", &err));
	util_err_is(&err, f, 0, "terms[1]", "B overlaps A");
	ck_assert_ptr_null(cal("{\"terms\": [{\"name\": \"A\", \"start\": "
	    "\"2026-09-01\", \"end\": \"2026-08-23\"}]}", &err));
	util_err_is(&err, f, 0, "terms[0]", "A ends before it starts");
	ck_assert_ptr_null(cal("{\"terms\": [{\"name\": \"A\", \"start\": "
	    "\"2026-09-01\", \"end\": \"2026-10-23\"}], \"inset\": [{\"date\": "
	    "\"2026-10-26\"}]}", &err));
	util_err_is(&err, f, 0, "inset[0]", "outside every term");
	ck_assert_ptr_null(cal("{\"terms\": []}", &err));
	util_err_is(&err, f, 0, "terms", "non-empty");
	ck_assert_ptr_null(cal("{\"terms\": [{\"name\": \"A\", \"start\": "
	    "\"2026-9-1\", \"end\": \"2026-10-23\"}]}", &err));
	util_err_is(&err, f, 0, "terms[0]", "is not a date");
	ck_assert_ptr_null(cal("[]", &err));
	util_err_is(&err, f, 0, NULL, "must be a JSON object");
}
END_TEST

START_TEST(escape)
{
	char buf[64];

	ck_assert_uint_eq(ki_ics_escape("a,b;c\\d\ne\r", buf, sizeof(buf)), 13);
	ck_assert_str_eq(buf, "a\\,b\\;c\\\\d\\ne");
	ck_assert_uint_eq(ki_ics_escape("abc,", buf, 3), 5);
	ck_assert_str_eq(buf, "ab");
}
END_TEST

START_TEST(write_folded)
{
	/* 70 ASCII letters, then e-acute (2 octets) repeated: a fold must
	 * not split one. */
	char summary[200], *p;
	struct ki_ics_event ev = { "u-1@t", 0, summary, "line one\nline two",
	    "visit" };
	FILE *fp = util_mopen();
	const char *out, *line;
	size_t i;

	memset(summary, 'x', 62);
	for (i = 0, p = summary + 62; i < 20; i++, p += 2)
		memcpy(p, "\xc3\xa9", 2);
	*p = '\0';
	ev.day = day("2026-12-31");
	ck_assert_int_eq(ki_ics_write(fp, "cal, one", 86400, &ev, 1), 0);
	out = util_fread_all(fp);
	ck_assert_ptr_nonnull(strstr(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
	ck_assert_ptr_nonnull(strstr(out, "X-WR-CALNAME:cal\\, one\r\n"));
	ck_assert_ptr_nonnull(strstr(out, "DTSTAMP:19700102T000000Z\r\n"));
	ck_assert_ptr_nonnull(strstr(out, "DTSTART;VALUE=DATE:20261231\r\n"
	    "DTEND;VALUE=DATE:20270101\r\n"));
	ck_assert_ptr_nonnull(strstr(out, "DESCRIPTION:line one\\nline two"));
	for (line = out; *line != '\0';) {
		const char *end = strstr(line, "\r\n");

		ck_assert_ptr_nonnull(end);
		ck_assert_uint_le((size_t)(end - line), 75);
		/* A line never starts inside a character. */
		if (line[0] == ' ')
			ck_assert_int_ne(line[1] & 0xC0, 0x80);
		line = end + 2;
	}
	ck_assert_ptr_nonnull(strstr(out, "SUMMARY:xxxx"));
	ck_assert_ptr_nonnull(strstr(out, "\r\n \xc3\xa9"));
	ck_assert_ptr_nonnull(strstr(out, "END:VCALENDAR\r\n"));
	fclose(fp);
}
END_TEST

static Suite *
calendar_suite(void)
{
	Suite *s = suite_create("calendar");
	TCase *tc;

	tc = tcase_create("ki_cal_load");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, util_setup, NULL);
	tcase_add_test(tc, school_days);
	tcase_add_test(tc, bad_calendars);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_ics_write");
	tcase_add_test(tc, escape);
	tcase_add_test(tc, write_folded);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(calendar_suite());
}

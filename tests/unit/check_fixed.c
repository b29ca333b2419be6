/*
 * Unit tests for lib/fixed.c, lib/date.c, lib/yearset.c and ki_num_int64:
 * exact money and counts in 64 bits, day numbers, the years of an input.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "ki/date.h"
#include "ki/fixed.h"
#include "ki/num.h"
#include "ki/yearset.h"

#include "util.h"

static void
parse_is(const char *s, int places, int rc, int64_t want)
{
	int64_t v = 12345;
	int got = ki_fixed_parse(s, places, &v);

	ck_assert_msg(got == rc, "\"%s\" (%d places): returned %d, not %d", s,
	    places, got, rc);
	if (rc == 0)
		ck_assert_msg(v == want, "\"%s\" (%d places): %lld, not %lld", s,
		    places, (long long)v, (long long)want);
}

START_TEST(parse_limits)
{
	/* The largest amounts that fit, and one past them at every width. */
	parse_is("92233720368547758.07", 2, 0, INT64_MAX);
	parse_is("-92233720368547758.07", 2, 0, -INT64_MAX);
	parse_is("92233720368547758.08", 2, -1, 0);
	parse_is("92233720368547759", 2, -1, 0);
	parse_is("92233720368547760", 2, -1, 0);
	parse_is("99999999999999999", 2, -1, 0);
	parse_is("9223372036854775807", 0, 0, INT64_MAX);
	parse_is("9223372036854775808", 0, -1, 0);
	parse_is("922337203685477580", 1, 0, INT64_C(9223372036854775800));
	parse_is("922337203685477580.7", 1, 0, INT64_MAX);
	parse_is("922337203685477580.8", 1, -1, 0);
	parse_is("9223372036854.775807", 6, 0, INT64_MAX);
	parse_is("9223372036854.775808", 6, -1, 0);
	parse_is("9223372036855", 6, -1, 0);
	parse_is("000000000000000000000000000001.5", 2, 0, 150);
	parse_is("1e2", 2, -1, 0);
	parse_is("450.5", 2, 0, 45050);
	parse_is("450.501", 2, -1, 0);
	parse_is("450.500", 2, 0, 45050);
}
END_TEST

START_TEST(mul_add_overflow)
{
	int64_t v;

	ck_assert_int_eq(ki_fixed_mul(150, 45000, 2, &v), 0);
	ck_assert_int_eq(v, 67500);
	ck_assert_int_eq(ki_fixed_mul(-5, 10, 2, &v), 0);
	ck_assert_int_eq(v, -1);	/* -0.5 rounds away from zero */
	ck_assert_int_eq(ki_fixed_mul(INT64_MAX, 2, 2, &v), -1);
	ck_assert_int_eq(ki_fixed_mul(INT64_MIN, -1, 0, &v), -1);
	ck_assert_int_eq(ki_fixed_mul(INT64_C(3037000500), INT64_C(3037000500),
	    0, &v), -1);
	ck_assert_int_eq(ki_fixed_mul(INT64_C(3037000499), INT64_C(3037000499),
	    0, &v), 0);
	ck_assert_int_eq(ki_fixed_add(INT64_C(5000000000000000000),
	    INT64_C(5000000000000000000), &v), -1);
	ck_assert_int_eq(ki_fixed_add(INT64_MAX - 1, 1, &v), 0);
	ck_assert(v == INT64_MAX);
	ck_assert_int_eq(ki_fixed_add(INT64_MIN, -1, &v), -1);
}
END_TEST

START_TEST(num_int64)
{
	int64_t v = 7;

	ck_assert_int_eq(ki_num_int64(1e300, &v), -1);
	ck_assert_int_eq(ki_num_int64(-1e300, &v), -1);
	ck_assert_int_eq(ki_num_int64(9223372036854775808.0, &v), -1);
	ck_assert_int_eq(ki_num_int64(0.0 / 0.0, &v), -1);
	ck_assert_int_eq(v, 7);
	ck_assert_int_eq(ki_num_int64(-9223372036854775808.0, &v), 0);
	ck_assert(v == INT64_MIN);
	ck_assert_int_eq(ki_num_int64(9223372036854774784.0, &v), 0);
	ck_assert(v == INT64_C(9223372036854774784));
	ck_assert_int_eq(ki_num_int64(250.9, &v), 0);
	ck_assert_int_eq(v, 250);
	ck_assert_int_eq(ki_num_int64(-3.7, &v), 0);
	ck_assert_int_eq(v, -3);
}
END_TEST

START_TEST(date_mdays)
{
	ck_assert_int_eq(ki_date_mdays(2019, 1), 31);
	ck_assert_int_eq(ki_date_mdays(2019, 2), 28);
	ck_assert_int_eq(ki_date_mdays(2024, 2), 29);
	ck_assert_int_eq(ki_date_mdays(1900, 2), 28);
	ck_assert_int_eq(ki_date_mdays(2000, 2), 29);
	ck_assert_int_eq(ki_date_mdays(2026, 4), 30);
	ck_assert_int_eq(ki_date_mdays(2026, 12), 31);
}
END_TEST

START_TEST(date_days)
{
	static const struct {
		const char *s;
		long day;
	} c[] = {
		{ "1970-01-01", 0 }, { "1969-12-31", -1 }, { "1969-12-30", -2 },
		{ "1900-01-01", -25567 }, { "2000-02-29", 11016 },
		{ "2014-11-21", 16395 }, { "21/11/2014", 16395 },
		{ "2100-12-31", 47846 },
	};
	char buf[11];
	long day;
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		ck_assert_msg(ki_date_parse(c[i].s, &day) == 0, "%s", c[i].s);
		ck_assert_msg(day == c[i].day, "%s: %ld, not %ld", c[i].s, day,
		    c[i].day);
		ki_date_format(day, buf);
		if (c[i].s[4] == '-')
			ck_assert_str_eq(buf, c[i].s);
	}
	for (day = -25567; day <= 47846; day += 97) {
		long back;

		ki_date_format(day, buf);
		ck_assert_int_eq(ki_date_parse(buf, &back), 0);
		ck_assert_int_eq(back, day);
	}
	ck_assert_int_eq(ki_date_parse("2019-02-30", &day), -1);
	ck_assert_int_eq(ki_date_parse("2019-02-28 garbage", &day), -1);
	ck_assert_int_eq(ki_date_parse(NULL, &day), -1);
	ck_assert_int_eq(ki_date_parse("2019-02-28 10:00", &day), 0);
}
END_TEST

START_TEST(yearset)
{
	struct ki_yearset s;
	struct ki_err e;
	static const int ys[] = { 2005, 2006, 2007, 2008, 2011, 2012, 2019,
	    1900, 2100, 1899, 2101 };
	size_t i;

	memset(&s, 0, sizeof(s));
	ki_yearset_err(&s, "--year", 2019, "in.csv", &e);
	ck_assert_str_eq(e.file, "in.csv");
	ck_assert_str_eq(e.msg, "--year 2019: no row has that year; no row "
	    "has a year at all");
	for (i = 0; i < sizeof(ys) / sizeof(ys[0]); i++)
		ki_yearset_add(&s, ys[i]);
	ck_assert(ki_yearset_has(&s, 2005) && ki_yearset_has(&s, 1900) &&
	    ki_yearset_has(&s, 2100));
	ck_assert(!ki_yearset_has(&s, 2009) && !ki_yearset_has(&s, 1899) &&
	    !ki_yearset_has(&s, 2101));
	ck_assert_int_eq(ki_yearset_err(&s, "--baseline-year", 2010, NULL,
	    &e), -1);
	ck_assert_str_eq(e.msg, "--baseline-year 2010: no row has that year; "
	    "the years present: 1900, 2005 to 2008, 2011, 2012, 2019, 2100");
	/* Every other year: the longest list still fits the message. */
	memset(&s, 0, sizeof(s));
	for (i = 1900; i <= 2100; i += 2)
		ki_yearset_add(&s, (int)i);
	ki_yearset_err(&s, "--year", 2101, NULL, &e);
	ck_assert(strstr(e.msg, ", 2098, 2100") != NULL);
}
END_TEST

static Suite *
fixed_suite(void)
{
	Suite *s = suite_create("fixed");
	TCase *tc;

	tc = tcase_create("ki_fixed");
	tcase_add_test(tc, parse_limits);
	tcase_add_test(tc, mul_add_overflow);
	tcase_add_test(tc, num_int64);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_date");
	tcase_add_test(tc, date_days);
	tcase_add_test(tc, date_mdays);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_yearset");
	tcase_add_test(tc, yearset);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(fixed_suite());
}

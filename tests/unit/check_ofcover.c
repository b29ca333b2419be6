/* Unit tests for lib/ofcover.c: an Ofsted file's period, snapshot names, spans. */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "ki/ofcover.h"

#include "util.h"

/* The period the name gives: want "FROM TO", or NULL for none. */
static void
period_is(const char *name, const char *want)
{
	char from[11] = "", to[11] = "", got[32];
	int rc = ki_ofcover_period_name(name, from, to);

	if (want == NULL) {
		ck_assert_msg(rc == 0, "%s: a period %s %s, want none", name,
		    from, to);
		return;
	}
	ck_assert_msg(rc == 1, "%s: no period, want %s", name, want);
	snprintf(got, sizeof(got), "%s %s", from, to);
	ck_assert_msg(strcmp(got, want) == 0, "%s: %s, want %s", name, got,
	    want);
}

START_TEST(period_names)
{
	period_is("data/ofsted_inspections_2014-10_to_2014-12.csv",
	    "2014-10-01 2014-12-31");
	period_is("inspections 1 Sept 2005 to 31 August 2015.csv",
	    "2005-09-01 2015-08-31");
	period_is("Management_information_-_schools_-_1_September_2015_to_"
	    "31_August_2019.csv", "2015-09-01 2019-08-31");
	period_is("mi_20150101-to-20151231.csv", "2015-01-01 2015-12-31");
	period_is("x_2016-02_to_2016-02.csv", "2016-02-01 2016-02-29");
	period_is("Management_information_-_state-funded_schools_-_all_"
	    "inspections_-_year_to_date_published_by_31_Aug_2025.csv",
	    "2024-09-01 2025-08-31");
	period_is("ofsted_mi_latest_inspections_as_at_31_May_2026.csv", NULL);
	period_is("ofsted.csv", NULL);
	period_is("inspections_2014-13_to_2014-12.csv", NULL);
	period_is("to_2014-12.csv", NULL);
}
END_TEST

START_TEST(snapshot_names)
{
	ck_assert_int_eq(ki_ofcover_snapshot_name(
	    "d/ofsted_mi_latest_inspections_as_at_31_May_2026_EXCERPT.csv"), 1);
	ck_assert_int_eq(ki_ofcover_snapshot_name("latest as at 2020-08-31.csv"),
	    1);
	ck_assert_int_eq(ki_ofcover_snapshot_name("mi_asat_20200831.csv"), 1);
	ck_assert_int_eq(ki_ofcover_snapshot_name("mi_as_at_today.csv"), 0);
	ck_assert_int_eq(ki_ofcover_snapshot_name("inspections_2014-10_to_"
	    "2014-12.csv"), 0);
}
END_TEST

START_TEST(period_arg_and_year)
{
	char from[11], to[11];

	ck_assert_int_eq(ki_ofcover_period_arg("2014-10-01:31/12/2014", from,
	    to), 0);
	ck_assert_str_eq(from, "2014-10-01");
	ck_assert_str_eq(to, "2014-12-31");
	ck_assert_int_eq(ki_ofcover_period_arg("2015-01-01:2014-12-31", from,
	    to), -1);
	ck_assert_int_eq(ki_ofcover_period_arg("2014-10-01", from, to), -1);
	ck_assert_int_eq(ki_ofcover_period_arg("2014-02-30:2014-12-31", from,
	    to), -1);
	ck_assert_int_eq(ki_ofcover_period_arg("2014-10-01 10:00:2014-12-31",
	    from, to), -1);
	ck_assert_int_eq(ki_ofcover_year("2026-05-31"), 2026);
	ck_assert_int_eq(ki_ofcover_year("2025-09-01"), 2026);
	ck_assert_int_eq(ki_ofcover_year("2025-08-31"), 2025);
	ck_assert_int_eq(ki_ofcover_year("garbage"), 0);
	ck_assert_int_eq(ki_ofcover_year(NULL), 0);
}
END_TEST

START_TEST(spans)
{
	struct ki_span v[4];
	size_t n = 0;

	/* Two periods that meet, added out of order. */
	ck_assert_int_eq(ki_span_add(v, &n, 4, "2015-01-01", "2015-12-31"), 0);
	ck_assert_int_eq(ki_span_add(v, &n, 4, "2014-10-01", "2014-12-31"), 0);
	ck_assert_int_eq(ki_span_add(v, &n, 4, "", "2014-12-31"), 0);
	ck_assert_int_eq(ki_span_add(v, &n, 4, "2015-01-01", "2014-12-31"), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(ki_spans_cover(v, n, "2014-11-10", "2015-08-31"), 1);
	ck_assert_int_eq(ki_spans_cover(v, n, "2014-09-20", "2015-08-31"), 0);
	ck_assert_int_eq(ki_spans_cover(v, n, "2014-11-10", "2016-01-01"), 0);
	ck_assert_int_eq(ki_spans_cover(v, n, "2015-08-31", "2014-11-10"), 0);
	/* A gap of one day. */
	n = 0;
	ck_assert_int_eq(ki_span_add(v, &n, 4, "2014-10-01", "2014-12-30"), 0);
	ck_assert_int_eq(ki_span_add(v, &n, 4, "2015-01-01", "2015-12-31"), 0);
	ck_assert_int_eq(ki_spans_cover(v, n, "2014-11-10", "2015-08-31"), 0);
	ck_assert_int_eq(ki_spans_cover(v, n, "2015-02-01", "2015-08-31"), 1);
	/* Full. */
	n = 4;
	ck_assert_int_eq(ki_span_add(v, &n, 4, "2014-10-01", "2014-12-30"), -1);
	ck_assert_int_eq(ki_spans_cover(v, 0, "2014-11-10", "2014-11-10"), 0);
}
END_TEST

static Suite *
ofcover_suite(void)
{
	Suite *s = suite_create("ofcover");
	TCase *tc = tcase_create("ki_ofcover");

	tcase_add_test(tc, period_names);
	tcase_add_test(tc, snapshot_names);
	tcase_add_test(tc, period_arg_and_year);
	tcase_add_test(tc, spans);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(ofcover_suite());
}

/*
 * Unit tests for ki_report_run (lib/report_run.c and a file per kind):
 * each report kind on a small table, read back from its JSON form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <jansson.h>

#include "ki/report_run.h"

#include "util.h"

static struct ki_err err;
static char in[96];		/* the input file */

static void
setup(void)
{
	util_setup();
	ki_err_clear(&err);
	/* The tests run from the top of the tree, as make check runs them. */
	setenv("KI_DATADIR", "share", 0);
}

static void
opts(struct ki_report_opts *o, const char *kind, const char *csv)
{
	memset(o, 0, sizeof(*o));
	o->kind = kind;
	o->format = KI_RF_JSON;
	o->made = 20000;
	o->input = strdup(util_wfile(util_path(in, sizeof(in), "in.csv"), csv));
	ck_assert_ptr_nonnull(o->input);
}

/* Run o; the report as JSON (the caller decrefs), or NULL on an error. */
static json_t *
run(struct ki_report_opts *o)
{
	FILE *fp = tmpfile();
	json_t *j = NULL;
	json_error_t je;
	int rc;

	ck_assert_ptr_nonnull(fp);
	rc = ki_report_run(o, fp, &err);
	if (rc == 0) {
		j = json_loads(util_fread_all(fp), 0, &je);
		ck_assert_msg(j != NULL, "not JSON: %s", je.text);
	}
	fclose(fp);
	free((char *)o->input);
	return j;
}

/* The section whose title starts with title; it must be there. */
static json_t *
section(json_t *j, const char *title)
{
	json_t *secs = json_object_get(j, "sections"), *s;
	size_t i;

	json_array_foreach(secs, i, s)
		if (strncmp(json_string_value(json_object_get(s, "title")), title,
		    strlen(title)) == 0)
			return s;
	ck_abort_msg("no section \"%s\"", title);
	return NULL;
}

/* Cell (row, col) of section s as text: a number as its digits. */
static const char *
cell(json_t *s, size_t row, size_t col)
{
	static char buf[64];
	json_t *v = json_array_get(json_array_get(json_object_get(s, "rows"),
	    row), col);

	ck_assert_ptr_nonnull(v);
	if (json_is_integer(v)) {
		snprintf(buf, sizeof(buf), "%lld", (long long)json_integer_value(v));
		return buf;
	}
	if (json_is_real(v)) {
		snprintf(buf, sizeof(buf), "%.15g", json_real_value(v));
		return buf;
	}
	return json_is_null(v) ? "" : json_string_value(v);
}

static size_t
nrows(json_t *s)
{
	return json_array_size(json_object_get(s, "rows"));
}

static const char summary_csv[] =
    "urn,year,district,category,ofsted_grade,below_floor,coasting,pupils\n"
    "1,2019,North,Red,4,yes,no,100\n"
    "2,2019,North,Green,2,no,no,\n"
    "3,2019,South,Green,1,no,yes,300\n"
    "4,2019,South,Amber,3,unknown,no,50\n"
    "5,2018,South,Red,4,yes,no,10\n";

START_TEST(summary_counts)
{
	struct ki_report_opts o;
	json_t *j, *s;

	opts(&o, "summary", summary_csv);
	ck_assert_ptr_nonnull(j = run(&o));
	/* The latest year only; groups by district, then "all". */
	s = section(j, "Schools per category by district, 2019");
	ck_assert_uint_eq(nrows(s), 3);
	ck_assert_str_eq(cell(s, 0, 0), "North");
	ck_assert_str_eq(cell(s, 2, 0), "all");
	ck_assert_str_eq(cell(s, 2, 4), "4");
	s = section(j, "Good or outstanding by district");
	ck_assert_str_eq(cell(s, 0, 2), "2");	/* North graded */
	ck_assert_str_eq(cell(s, 0, 3), "1");	/* North good */
	ck_assert_str_eq(cell(s, 0, 5), "0");	/* pupils: 0 of 100 */
	ck_assert_str_eq(cell(s, 1, 5), "85.7");	/* 300 of 350 */
	/* One graded school with no pupils figure is noted. */
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(s,
	    "notes"), 1)), "1 graded school with no pupils figure (blank or "
	    "suppressed): % of pupils leaves it out.");
	s = section(j, "Below the floor and coasting");
	ck_assert_str_eq(cell(s, 2, 2), "1");	/* below */
	ck_assert_str_eq(cell(s, 2, 3), "1");	/* coasting */
	ck_assert_str_eq(cell(s, 2, 4), "1");	/* floor unknown */
	json_decref(j);
}
END_TEST

START_TEST(summary_filter_and_year)
{
	struct ki_report_opts o;
	json_t *j, *s;

	opts(&o, "summary", summary_csv);
	o.district = "South";
	o.year = 2018;
	ck_assert_ptr_nonnull(j = run(&o));
	s = section(j, "Schools per category by district, 2018");
	ck_assert_uint_eq(nrows(s), 2);
	ck_assert_str_eq(cell(s, 0, 0), "South");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(j,
	    "meta"), "district")), "South");
	json_decref(j);
	opts(&o, "summary", summary_csv);
	o.district = "East";
	ck_assert_ptr_null(run(&o));
	util_err_is(&err, in, 0, NULL, "--district East: no row has that "
	    "district; the districts present: North, South");
}
END_TEST

START_TEST(summary_no_pupils_column)
{
	struct ki_report_opts o;
	json_t *j, *s;

	opts(&o, "summary", "urn,year,district,ofsted_grade\n1,2019,A,2\n"
	    "2,2019,A,3\n3,2019,B,\n");
	ck_assert_ptr_nonnull(j = run(&o));
	s = section(j, "Good or outstanding by district");
	ck_assert_str_eq(cell(s, 2, 5), "");
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(s,
	    "notes"), 1)), "The input has no pupils column: the pupil numbers "
	    "of all 2 graded schools are missing, so % of pupils is blank.");
	json_decref(j);
}
END_TEST

START_TEST(budget_totals)
{
	struct ki_report_opts o;
	json_t *j, *s;

	opts(&o, "budget", "urn,district,visits,days,cost\n"
	    "1,North,3,1.5,400.10\n2,North,1,0.25,0.01\n3,South,2,2,1000\n");
	ck_assert_ptr_nonnull(j = run(&o));
	s = section(j, "Visits, days and cost by district");
	ck_assert_uint_eq(nrows(s), 3);
	ck_assert_str_eq(cell(s, 0, 5), "400.11");
	ck_assert_str_eq(cell(s, 2, 0), "total");
	ck_assert_str_eq(cell(s, 2, 2), "6");
	ck_assert_str_eq(cell(s, 2, 4), "3.75");
	ck_assert_str_eq(cell(s, 2, 5), "1400.11");
	/* A column the input lacks is blank, not 0. */
	ck_assert_str_eq(cell(s, 2, 3), "");
	json_decref(j);
	opts(&o, "budget", "urn,district,cost\n1,North,1.001\n");
	ck_assert_ptr_null(run(&o));
	util_err_is(&err, in, 2, "cost", "is not an amount in pounds");
}
END_TEST

START_TEST(budget_money_words)
{
	struct ki_report_opts o;
	FILE *fp = tmpfile();

	opts(&o, "budget", "urn,district,cost\n1,North,189335.69\n");
	o.format = KI_RF_TEXT;
	ck_assert_int_eq(ki_report_run(&o, fp, &err), 0);
	ck_assert_ptr_nonnull(strstr(util_fread_all(fp), "\xc2\xa3" "189,335.69"));
	fclose(fp);
	free((char *)o.input);
}
END_TEST

START_TEST(indicators_reduction)
{
	struct ki_report_opts o;
	json_t *j, *s;

	opts(&o, "indicators", "urn,year,below_floor,funding,ofsted_grade\n"
	    "1,2018,yes,maintained,3\n2,2018,yes,maintained,3\n"
	    "3,2018,yes,academy,3\n4,2019,yes,maintained,2\n"
	    "5,2019,no,academy,4\n");
	ck_assert_ptr_nonnull(j = run(&o));
	s = section(j, "Kent Challenge success indicators, 2019 against 2018");
	ck_assert_str_eq(cell(s, 0, 1), "2");	/* academies left out */
	ck_assert_str_eq(cell(s, 0, 2), "1");
	ck_assert_str_eq(cell(s, 0, 4), "50.0% fewer: not met");
	ck_assert_str_eq(cell(s, 1, 4), "1 of 2 graded");
	ck_assert_str_eq(cell(s, 2, 2), "1");	/* in a category: grade 4 */
	json_decref(j);
	opts(&o, "indicators", "urn,district\n1,North\n");
	ck_assert_ptr_null(run(&o));
	util_err_is(&err, in, 1, "year", "no such column");
}
END_TEST

static const char ofsted_csv[] =
    "urn,name,phase,ofsted_date,ofsted_published,ofsted_grade,"
    "ofsted_prev_grade,district\n"
    "1,Alpha,Primary,2014-11-10,2014-11-18,2,3,North\n"
    "2,Beta,Primary,2014-11-05,2014-11-20,4,2,North\n"
    "3,Gamma,Secondary,2014-10-01,2014-10-10,1,1,South\n";

START_TEST(ofsted_week)
{
	struct ki_report_opts o;
	char msg[200];
	json_t *j, *s;

	opts(&o, "ofsted", ofsted_csv);
	o.week = "2014-11-21";
	o.by = "district";
	ck_assert_int_eq(ki_report_check(&o, msg, sizeof(msg)), 0);
	ck_assert_ptr_nonnull(j = run(&o));
	s = section(j, "Inspections published 2014-11-15 to 2014-11-21");
	ck_assert_uint_eq(nrows(s), 2);
	ck_assert_str_eq(cell(s, 0, 1), "Alpha");
	ck_assert_str_eq(cell(s, 0, 5), "Good");
	ck_assert_str_eq(cell(s, 0, 8), "improved");
	ck_assert_str_eq(cell(s, 1, 8), "declined");
	s = section(j, "Entering or leaving a category of concern");
	ck_assert_uint_eq(nrows(s), 1);
	ck_assert_str_eq(cell(s, 0, 8), "entering");
	s = section(j, "Letters owed");
	ck_assert_str_eq(cell(s, 0, 3), "2014-12-02");
	s = section(j, "Inspections by district");
	ck_assert_str_eq(cell(s, 0, 1), "2");
	json_decref(j);
}
END_TEST

START_TEST(budget_deployments)
{
	struct ki_report_opts o;
	char dep[96];
	json_t *j, *s;

	util_wfile(util_path(dep, sizeof(dep), "dep.csv"), "urn,district,role,"
	    "days,cost\n1,North,NLE,10,4000.00\n2,North,NLE,0.5,0.01\n"
	    "3,South,AST,10,6000\n");
	opts(&o, "budget", "urn,district,days,cost\n1,North,2,100.10\n"
	    "9,East,1,50\n");
	o.deployments = dep;
	ck_assert_ptr_nonnull(j = run(&o));
	s = section(j, "System leaders' deployments by district and role");
	ck_assert_uint_eq(nrows(s), 3);
	ck_assert_str_eq(cell(s, 0, 2), "2");
	ck_assert_str_eq(cell(s, 0, 4), "4000.01");
	ck_assert_str_eq(cell(s, 2, 3), "20.5");
	ck_assert_str_eq(cell(s, 2, 4), "10000.01");
	s = section(j, "Visits and deployments by district");
	/* Both sides' groups: East, North, South, then the total. */
	ck_assert_uint_eq(nrows(s), 4);
	ck_assert_str_eq(cell(s, 1, 5), "4100.11");
	ck_assert_str_eq(cell(s, 3, 5), "10150.11");
	json_decref(j);
}
END_TEST

START_TEST(pack_district)
{
	struct ki_report_opts o;
	char plan[96];
	json_t *j, *s;

	util_wfile(util_path(plan, sizeof(plan), "plan.csv"), "urn,date,event\n"
	    "2,2026-10-01,progress-review\n1,2026-09-01,action-plan\n"
	    "1,2026-09-02,visit\n3,2026-09-03,action-plan\n");
	opts(&o, "pack", ofsted_csv);
	o.district = "North";
	o.plan = plan;
	ck_assert_ptr_nonnull(j = run(&o));
	/* This term: the autumn of the last publication, 2014-11-20. */
	s = section(j, "Inspections published 2014-09-01 to 2014-12-31");
	ck_assert_uint_eq(nrows(s), 2);
	s = section(j, "Meetings and deadlines in the plan");
	ck_assert_uint_eq(nrows(s), 2);	/* not the visit, not school 3 */
	ck_assert_str_eq(cell(s, 0, 0), "2026-09-01");
	ck_assert_str_eq(cell(s, 1, 1), "progress-review");
	json_decref(j);
}
END_TEST

START_TEST(check_options)
{
	struct ki_report_opts o;
	char msg[200];

	memset(&o, 0, sizeof(o));
	o.kind = "budget";
	o.year = 2019;
	ck_assert_int_eq(ki_report_check(&o, msg, sizeof(msg)), -1);
	ck_assert_str_eq(msg, "--year is not read by the budget report, only "
	    "by: summary, indicators, pack");
	memset(&o, 0, sizeof(o));
	o.kind = "ofsted";
	ck_assert_int_eq(ki_report_check(&o, msg, sizeof(msg)), -1);
	ck_assert_str_eq(msg, "ofsted needs --week-ending DATE, or --from DATE "
	    "and --to DATE");
	o.kind = "pack";
	ck_assert_int_eq(ki_report_check(&o, msg, sizeof(msg)), -1);
	ck_assert_str_eq(msg, "pack needs --district NAME or --la CODE");
	o.kind = "weekly";
	ck_assert_int_eq(ki_report_check(&o, msg, sizeof(msg)), -1);
	ck_assert_int_eq(ki_report_kind_known("weekly"), 0);
	ck_assert_int_eq(ki_report_kind_known("summary"), 1);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("kinds");

	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, summary_counts);
	tcase_add_test(tc, summary_filter_and_year);
	tcase_add_test(tc, summary_no_pupils_column);
	tcase_add_test(tc, budget_totals);
	tcase_add_test(tc, budget_money_words);
	tcase_add_test(tc, indicators_reduction);
	tcase_add_test(tc, ofsted_week);
	tcase_add_test(tc, budget_deployments);
	tcase_add_test(tc, pack_district);
	tcase_add_test(tc, check_options);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(suite());
}

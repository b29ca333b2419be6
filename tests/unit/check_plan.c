/* Unit tests for lib/plan*.c: ki_plan_run in bytes per school. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "ki/plan.h"

#include "util.h"

/* More schools than a window of events holds (lib/planout.c). */
#define NS 140000


/* NS schools of 24 columns, in reverse URN order. */
static const char *
schools(char *p, size_t n)
{
	FILE *fp = fopen(util_path(p, n, "rows.csv"), "w");
	long i, k;

	ck_assert_ptr_nonnull(fp);
	fputs("urn,name,district,adviser,category,visits", fp);
	for (k = 0; k < 18; k++)
		fprintf(fp, ",m%ld", k);
	fputc('\n', fp);
	for (i = NS - 1; i >= 0; i--) {
		fprintf(fp, "%ld,School number %ld,District %ld,A%ld,%s,%d",
		    700000 + i, i, i % 9, i % 50, i % 5 ? "Green" : "Red",
		    i % 5 ? 1 : 3);
		for (k = 0; k < 18; k++)
			fprintf(fp, ",%ld.%ld", (i + k) % 97, k);
		fputc('\n', fp);
	}
	ck_assert_int_eq(fclose(fp), 0);
	return p;
}

/* The rows read and nothing kept: the reader's own peak. */
static void
read_alone(const char *path)
{
	struct ki_err err;
	struct ki_reader *rd = ki_reader_open(path, KI_FMT_AUTO, 0, &err);
	struct ki_rec *rec;

	ck_assert_ptr_nonnull(rd);
	while (ki_reader_next(rd, &rec, &err) == 1)
		;
	ki_reader_close(rd);
}

START_TEST(run_memory)
{
	static const char plan[] = "{\"plan\": \"t\", \"events\": ["
	    "{\"event\": \"deadline\", \"label\": \"Deadline\", \"quote\": "
	    "\"q\", \"source\": \"s\", \"date\": {\"kind\": \"term-end\", "
	    "\"term\": 1}},"
	    "{\"event\": \"visit\", \"label\": \"Visit\", \"quote\": \"q\", "
	    "\"source\": \"s\", \"when\": {\"col\": \"category\", \"op\": "
	    "\"==\", \"value\": \"Red\", \"label\": \"Red\"}, \"date\": "
	    "{\"kind\": \"spread\", \"count\": {\"add\": [\"visits\"]}}}]}";
	struct ki_plan_opts o;
	struct ki_err err;
	char rows[512], pl[512], out[512], want[128];
	FILE *fp;
	long before, n = 0, visits = 0, u;
	char line[256];
	int usage;

	/*
	 * NS schools: kept whole, their rows took some 150 MB more than
	 * reading them; and one day (the end of term 1) has an event for
	 * every school, more than a window holds, so it is written school by
	 * school, in URN order, whatever the input's order.
	 */
	schools(rows, sizeof(rows));
	util_wfile(util_path(pl, sizeof(pl), "plan.json"), plan);
	memset(&o, 0, sizeof(o));
	o.input = rows;
	o.calendar = "share/calendars/kent-2026-27.json";
	o.plans = pl;
	o.from = o.to = -1;
	o.fmt = KI_PLAN_CSV;
	o.output = util_path(out, sizeof(out), "plan.csv");
	o.prog = "ki-plan";
	o.diag = stderr;
	read_alone(rows);
	before = util_maxrss();
	ck_assert_msg(ki_plan_run(&o, &usage, &err) == 0, "%s", err.msg);
	if (!UTIL_ASAN)
		ck_assert_int_lt(util_maxrss() - before, 24 * 1024);
	fp = fopen(out, "r");
	ck_assert_ptr_nonnull(fp);
	ck_assert_ptr_nonnull(fgets(line, sizeof(line), fp));
	ck_assert_str_eq(line, "urn,name,district,date,event,adviser,chair,"
	    "note\n");
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (strstr(line, ",deadline,") == NULL) {
			visits++;
			continue;
		}
		u = strtol(line, NULL, 10);
		ck_assert_int_eq(u, 700000 + n);
		snprintf(want, sizeof(want), "%ld,School number %ld,District "
		    "%ld,2026-", u, n, n % 9);
		ck_assert_msg(strncmp(line, want, strlen(want)) == 0, "%s", line);
		n++;
	}
	ck_assert_int_eq(n, NS);
	/* And the Red schools' three visits each. */
	ck_assert_int_eq(visits, 3 * NS / 5);
	ck_assert_int_eq(fclose(fp), 0);
}
END_TEST

static Suite *
plan_suite(void)
{
	Suite *s = suite_create("plan");
	TCase *tc;

	tc = tcase_create("ki_plan_run");
	tcase_set_timeout(tc, 120);
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, util_setup, NULL);
	tcase_add_test(tc, run_memory);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(plan_suite());
}

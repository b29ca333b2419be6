/* Unit tests for lib/std.c: loading standards and judging rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <jansson.h>

#include "ki/std.h"

#include "util.h"

static char spath[128];
static struct ki_err err;

/* The header rows are judged against, and one row over it. */
static const char *const cols[] = { "urn", "phase", "funding", "ks2_cohort",
	"ks2_rwm_exp", "ks2_read_prog", "ks2_read_prog_upper", "ks2_writ_prog",
	"ks2_writ_prog_upper", "ks2_mat_prog", "ks2_mat_prog_upper",
	"ks2_l4_em", "ks2_ep_eng", "ks2_ep_mat", "ks4_cohort", "ks4_p8_cov",
	"ks4_p8", "ks4_p8_upper", NULL };
#define NCOLS 18

static struct ki_hdr *hdr;
static const char *row[NCOLS];
static struct ki_verdict v;

static void
setup(void)
{
	util_setup();
	util_path(spath, sizeof(spath), "std.json");
	ki_err_clear(&err);
	hdr = util_hdr(cols);
	memset(row, 0, sizeof(row));
	memset(&v, 0, sizeof(v));
}

static void
teardown(void)
{
	ki_hdr_free(hdr);
	ki_verdict_free(&v);
}

static void
rset(const char *name, const char *val)
{
	row[util_col(hdr, name)] = val;
}

static struct ki_std *
load_ok(const char *json)
{
	struct ki_std *s;

	util_wfile(spath, json);
	s = ki_std_load(spath, &err);
	ck_assert_msg(s != NULL, "load failed: %s:%ld: %s: %s", err.file,
	    err.line, err.field, err.msg);
	return s;
}

/* Loading json fails with err at field, with msg in the message. */
static void
load_fails(const char *json, long line, const char *field, const char *msg)
{
	util_wfile(spath, json);
	ki_err_clear(&err);
	ck_assert_msg(ki_std_load(spath, &err) == NULL, "loaded: %s", json);
	util_err_is(&err, spath, line, field, msg);
}

/* Verdicts a and b are the same. */
static void
same(const struct ki_verdict *a, const struct ki_verdict *b)
{
	ck_assert_int_eq(a->answer, b->answer);
	ck_assert_str_eq(ki_buf_str(&a->ids), ki_buf_str(&b->ids));
	ck_assert_str_eq(ki_buf_str(&a->why), ki_buf_str(&b->why));
}

/*
 * ki_std_judge_both gives what ki_std_judge gives for each measure (a
 * quiet coasting verdict too), and fails when the floor's does.
 */
static void
both_agree(const struct ki_std *s, int year)
{
	struct ki_verdict f = { 0 }, c = { .quiet = 1 }, one = { 0 },
	    quiet = { .quiet = 1 };
	struct ki_err e;
	int rc = ki_std_judge_both(s, row, year, &f, &c, &e);

	ck_assert_int_eq(rc, ki_std_judge(s, "floor", row, year, &one, &e));
	if (rc == 0) {
		same(&f, &one);
		ck_assert_int_eq(ki_std_judge(s, "coasting", row, year, &quiet,
		    &e), 0);
		same(&c, &quiet);
	}
	ki_verdict_free(&f);
	ki_verdict_free(&c);
	ki_verdict_free(&one);
	ki_verdict_free(&quiet);
}

/* Judge the row and check the verdict. */
static void
judged(const struct ki_std *s, const char *measure, int year, int answer,
    const char *ids, const char *why)
{
	int rc = ki_std_judge(s, measure, row, year, &v, &err);

	both_agree(s, year);

	ck_assert_msg(rc == 0, "judge failed: %s: %s", err.field, err.msg);
	ck_assert_msg(v.answer == answer, "%s %d: answer %d, not %d (why \"%s\")",
	    measure, year, v.answer, answer, ki_buf_str(&v.why));
	ck_assert_str_eq(ki_buf_str(&v.ids), ids);
	ck_assert_str_eq(ki_buf_str(&v.why), why);
}

/* A small standard: KS2 and KS4 floors, a KS2 coasting line. */
static const char test_std[] =
	"{\n"
	"  \"standard\": \"t\",\n"
	"  \"description\": \"a standard for tests\",\n"
	"  \"stages\": {\"ks2\": [\"primary\", \"all-through\"],\n"
	"             \"ks4\": [\"secondary\", \"all-through\"]},\n"
	"  \"not_applicable\": [\n"
	"    {\"when\": {\"col\": \"phase\", \"op\": \"in\", \"value\": "
	"[\"special\", \"pru\"]}, \"reason\": \"special school\"},\n"
	"    {\"when\": {\"col\": \"funding\", \"op\": \"==\", \"value\": "
	"\"independent\"}, \"reason\": \"independent school\"}\n"
	"  ],\n"
	"  \"coasting\": {\"from\": 2016, \"to\": 2019, \"years\": 3},\n"
	"  \"rules\": [\n"
	"    {\"id\": \"f2-2016\", \"measure\": \"floor\", \"stage\": \"ks2\",\n"
	"     \"years\": [2016, 2019], \"source\": \"tests\",\n"
	"     \"exclude\": [{\"when\": {\"col\": \"ks2_cohort\", \"op\": \"<\", "
	"\"value\": 11}, \"reason\": \"small cohort\"}],\n"
	"     \"below\": {\"all\": [\n"
	"       {\"col\": \"ks2_rwm_exp\", \"op\": \"<\", \"value\": 65},\n"
	"       {\"col\": \"ks2_mat_prog\", \"op\": \"<\", \"value\": -5}]}},\n"
	"    {\"id\": \"f2-2020\", \"measure\": \"floor\", \"stage\": \"ks2\",\n"
	"     \"years\": [2020, 2100], \"none\": \"no floor from 2020\"},\n"
	"    {\"id\": \"f4-2016\", \"measure\": \"floor\", \"stage\": \"ks4\",\n"
	"     \"years\": [2016, 2019],\n"
	"     \"exclude\": [\n"
	"       {\"when\": {\"col\": \"ks4_cohort\", \"op\": \"<\", \"value\": 6},"
	" \"reason\": \"fewer than 6 pupils\"},\n"
	"       {\"when\": {\"col\": \"ks4_p8_cov\", \"op\": \"<\", \"value\": 50},"
	" \"reason\": \"low coverage\"}],\n"
	"     \"below\": {\"col\": \"ks4_p8\", \"op\": \"<\", \"value\": -0.5}},\n"
	"    {\"id\": \"c2-2016\", \"measure\": \"coasting\", \"stage\": \"ks2\",\n"
	"     \"years\": [2016, 2019],\n"
	"     \"below\": {\"col\": \"ks2_rwm_exp\", \"op\": \"<\", \"value\": 85}}\n"
	"  ]\n"
	"}\n";

static struct ki_std *
test_loaded(void)
{
	struct ki_std *s = load_ok(test_std);

	ck_assert_int_eq(ki_std_bind(s, hdr, NULL, "in.csv", &err), 0);
	return s;
}

/* A rule set around one "below" condition, for load errors. */
static void
below_fails(const char *below, const char *field, const char *msg)
{
	char json[2048];

	snprintf(json, sizeof(json), "{\"standard\": \"t\", \"stages\": "
	    "{\"ks2\": [\"primary\"]}, \"rules\": [{\"id\": \"r\", \"measure\": "
	    "\"floor\", \"stage\": \"ks2\", \"years\": [2016, 2019], "
	    "\"below\": %s}]}", below);
	load_fails(json, 0, field, msg);
}

/* --- ki_std_load --- */

START_TEST(load_valid)
{
	struct ki_std *s = load_ok(test_std);

	ck_assert_str_eq(ki_std_name(s), "t");
	ki_std_free(s);
	ki_std_free(NULL);
	/* The least a standard needs. */
	s = load_ok("{\"standard\": \"min\", \"stages\": {\"ks2\": "
	    "[\"primary\"]}, \"rules\": [{\"id\": \"r\", \"measure\": "
	    "\"floor\", \"stage\": \"ks2\", \"years\": [2016, 2016], "
	    "\"below\": {\"col\": \"ks2_rwm_exp\", \"op\": \"<\", "
	    "\"value\": 65}}]}");
	ck_assert_str_eq(ki_std_name(s), "min");
	ki_std_free(s);
	/* Floor and coasting, or two stages, may share years. */
	s = load_ok("{\"standard\": \"s\", \"stages\": {\"ks2\": [\"primary\"], "
	    "\"ks4\": [\"secondary\"]}, \"rules\": ["
	    "{\"id\": \"a\", \"measure\": \"floor\", \"stage\": \"ks2\", "
	    "\"years\": [2016, 2019], \"none\": \"x\"}, "
	    "{\"id\": \"b\", \"measure\": \"coasting\", \"stage\": \"ks2\", "
	    "\"years\": [2016, 2019], \"none\": \"x\"}, "
	    "{\"id\": \"c\", \"measure\": \"floor\", \"stage\": \"ks4\", "
	    "\"years\": [2016, 2019], \"none\": \"x\"}, "
	    "{\"id\": \"d\", \"measure\": \"floor\", \"stage\": \"ks2\", "
	    "\"years\": [2020, 2020], \"none\": \"x\"}]}");
	ki_std_free(s);
}
END_TEST

START_TEST(load_errors)
{
	static const char head[] = "{\"standard\": \"t\", \"stages\": {\"ks2\": "
	    "[\"primary\"]}, ";
	char json[2048];

	load_fails("{\"standard\": \"t\", \"stages\": {\"ks2\": [\"primary\"]}, "
	    "\"rules\": [{\"id\": \"r\", \"measure\": \"floor\", \"stage\": "
	    "\"ks2\", \"years\": [2016, 2019], \"none\": \"x\"}], "
	    "\"colour\": 1}", 0, "", "unknown key \"colour\"");
	snprintf(json, sizeof(json), "%s\"rules\": [{\"id\": \"r\", \"measure\": "
	    "\"floor\", \"stage\": \"ks2\", \"years\": [2016, 2019], "
	    "\"bellow\": {}}]}", head);
	load_fails(json, 0, "rules[0]", "unknown key \"bellow\"");
	/* A measure that is not a canonical column. */
	below_fails("{\"col\": \"ks2_rwm\", \"op\": \"<\", \"value\": 65}",
	    "rules[0].below", "unknown measure \"ks2_rwm\" (not a canonical "
	    "column)");
	below_fails("{\"all\": [{\"col\": \"ks2_rwm_exp\", \"op\": \"<\", "
	    "\"value\": 65}, {\"col\": [\"ks2_mat_prog\", \"maths\"], \"op\": "
	    "\"<\", \"value\": -5}]}", "rules[0].below",
	    "unknown measure \"maths\"");
	/* A bad operator, with its place. */
	below_fails("{\"all\": [{\"col\": \"ks2_rwm_exp\", \"op\": \"<\", "
	    "\"value\": 65}, {\"col\": \"ks2_mat_prog\", \"op\": \"=>\", "
	    "\"value\": -5}]}", "rules[0].below.all[1].op",
	    "unknown operator \"=>\"");
	/* count and trend are rejected. */
	below_fails("{\"count\": \"ks2_rwm_exp\", \"equals\": \"1\", \"from\": -2, "
	    "\"to\": 0, \"op\": \">=\", \"value\": 2}", "rules[0].below",
	    "count and trend need other years");
	below_fails("{\"any\": [{\"col\": \"ks2_rwm_exp\", \"op\": \"<\", "
	    "\"value\": 65}, {\"trend\": \"ks2_rwm_exp\", \"years\": 3, "
	    "\"direction\": \"declining\"}]}", "rules[0].below",
	    "count and trend need other years");
	snprintf(json, sizeof(json), "%s\"rules\": [{\"id\": \"r\", \"measure\": "
	    "\"floor\", \"stage\": \"ks2\", \"years\": [2016, 2019], "
	    "\"exclude\": [{\"when\": {\"trend\": \"ks2_rwm_exp\", \"years\": 2, "
	    "\"direction\": \"rising\"}, \"reason\": \"r\"}], \"below\": "
	    "{\"col\": \"ks2_rwm_exp\", \"op\": \"<\", \"value\": 65}}]}", head);
	load_fails(json, 0, "rules[0].exclude[0].when", "count and trend");
	/* Exclusions and not_applicable are checked the same way. */
	snprintf(json, sizeof(json), "%s\"rules\": [{\"id\": \"r\", \"measure\": "
	    "\"floor\", \"stage\": \"ks2\", \"years\": [2016, 2019], "
	    "\"exclude\": [{\"when\": {\"col\": \"ks2_rwm_exp\", \"op\": \"<\", "
	    "\"value\": 1}, \"reason\": \"r\"}, {\"when\": {\"col\": \"cohort\", "
	    "\"op\": \"<\", \"value\": 11}, \"reason\": \"small\"}], \"below\": "
	    "{\"col\": \"ks2_rwm_exp\", \"op\": \"<\", \"value\": 65}}]}", head);
	load_fails(json, 0, "rules[0].exclude[1].when",
	    "unknown measure \"cohort\"");
	snprintf(json, sizeof(json), "%s\"rules\": [{\"id\": \"r\", \"measure\": "
	    "\"floor\", \"stage\": \"ks2\", \"years\": [2016, 2019], "
	    "\"exclude\": [{\"when\": {\"col\": \"ks2_cohort\", \"op\": \"<\", "
	    "\"value\": 11}, \"reason\": \"small\", \"note\": \"x\"}], \"below\": "
	    "{\"col\": \"ks2_rwm_exp\", \"op\": \"<\", \"value\": 65}}]}", head);
	load_fails(json, 0, "rules[0].exclude[0].when",
	    "needs exactly \"when\" and \"reason\"");
	snprintf(json, sizeof(json), "%s\"rules\": [{\"id\": \"r\", \"measure\": "
	    "\"floor\", \"stage\": \"ks2\", \"years\": [2016, 2019], "
	    "\"exclude\": {}, \"below\": {\"col\": \"ks2_rwm_exp\", \"op\": "
	    "\"<\", \"value\": 65}}]}", head);
	load_fails(json, 0, "rules[0].exclude", "must be an array");
	snprintf(json, sizeof(json), "%s\"not_applicable\": [{\"when\": "
	    "{\"col\": \"type\", \"op\": \"==\", \"value\": \"special\"}, "
	    "\"reason\": \"special\"}], \"rules\": [{\"id\": \"r\", \"measure\": "
	    "\"floor\", \"stage\": \"ks2\", \"years\": [2016, 2019], \"none\": "
	    "\"x\"}]}", head);
	load_fails(json, 0, "not_applicable[0].when", "unknown measure \"type\"");
	snprintf(json, sizeof(json), "%s\"not_applicable\": [{\"when\": "
	    "{\"col\": \"phase\", \"op\": \"in\", \"value\": \"special\"}, "
	    "\"reason\": \"special\"}], \"rules\": [{\"id\": \"r\", \"measure\": "
	    "\"floor\", \"stage\": \"ks2\", \"years\": [2016, 2019], \"none\": "
	    "\"x\"}]}", head);
	load_fails(json, 0, "not_applicable[0].when.value",
	    "\"in\" needs a non-empty array");
	/* Overlapping years of one measure and stage. */
	snprintf(json, sizeof(json), "%s\"rules\": ["
	    "{\"id\": \"a\", \"measure\": \"floor\", \"stage\": \"ks2\", "
	    "\"years\": [2016, 2019], \"none\": \"x\"}, "
	    "{\"id\": \"b\", \"measure\": \"coasting\", \"stage\": \"ks2\", "
	    "\"years\": [2016, 2019], \"none\": \"x\"}, "
	    "{\"id\": \"c\", \"measure\": \"floor\", \"stage\": \"ks2\", "
	    "\"years\": [2019, 2020], \"none\": \"x\"}]}", head);
	load_fails(json, 0, "rules[2]", "years 2019-2020 overlap rules[0] (a) "
	    "for floor ks2");
	/* A stage not declared. */
	snprintf(json, sizeof(json), "%s\"rules\": [{\"id\": \"r\", \"measure\": "
	    "\"floor\", \"stage\": \"ks4\", \"years\": [2016, 2019], \"none\": "
	    "\"x\"}]}", head);
	load_fails(json, 0, "rules[0]",
	    "\"stage\" must name one of the standard's stages");
	/* The rest of a rule. */
	snprintf(json, sizeof(json), "%s\"rules\": [{\"id\": \"r\", \"measure\": "
	    "\"flor\", \"stage\": \"ks2\", \"years\": [2016, 2019], \"none\": "
	    "\"x\"}]}", head);
	load_fails(json, 0, "rules[0]", "\"measure\" must be \"floor\" or "
	    "\"coasting\"");
	snprintf(json, sizeof(json), "%s\"rules\": [{\"measure\": \"floor\", "
	    "\"stage\": \"ks2\", \"years\": [2016, 2019], \"none\": \"x\"}]}",
	    head);
	load_fails(json, 0, "rules[0]", "needs an \"id\"");
	snprintf(json, sizeof(json), "%s\"rules\": [{\"id\": \"r\", \"measure\": "
	    "\"floor\", \"stage\": \"ks2\", \"years\": [2019, 2016], \"none\": "
	    "\"x\"}]}", head);
	load_fails(json, 0, "rules[0]", "\"years\" must run forwards");
	/* 2^32 + 2019: a cast to int before the check would make it 2019. */
	snprintf(json, sizeof(json), "%s\"rules\": [{\"id\": \"r\", \"measure\": "
	    "\"floor\", \"stage\": \"ks2\", \"years\": [4294969315, 2019], "
	    "\"none\": \"x\"}]}", head);
	load_fails(json, 0, "rules[0]", "\"years\" must run forwards");
	snprintf(json, sizeof(json), "%s\"coasting\": {\"from\": 2016, "
	    "\"to\": 4294969315, \"years\": 3}, \"rules\": [{\"id\": \"r\", "
	    "\"measure\": \"floor\", \"stage\": \"ks2\", \"years\": [2016, 2019], "
	    "\"none\": \"x\"}]}", head);
	load_fails(json, 0, "coasting", "must be {\"from\": YEAR");
	snprintf(json, sizeof(json), "%s\"rules\": [{\"id\": \"r\", \"measure\": "
	    "\"floor\", \"stage\": \"ks2\", \"years\": [2016], \"none\": "
	    "\"x\"}]}", head);
	load_fails(json, 0, "rules[0]", "\"years\" must be [FIRST, LAST]");
	snprintf(json, sizeof(json), "%s\"rules\": [{\"id\": \"r\", \"measure\": "
	    "\"floor\", \"stage\": \"ks2\", \"years\": [2016, 2019], \"none\": "
	    "\"x\", \"below\": {\"col\": \"ks2_rwm_exp\", \"op\": \"<\", "
	    "\"value\": 65}}]}", head);
	load_fails(json, 0, "rules[0]", "\"none\" is a reason, and comes "
	    "without \"below\"");
	snprintf(json, sizeof(json), "%s\"rules\": [{\"id\": \"r\", \"measure\": "
	    "\"floor\", \"stage\": \"ks2\", \"years\": [2016, 2019]}]}", head);
	load_fails(json, 0, "rules[0]", "needs \"below\" (or \"none\")");
	snprintf(json, sizeof(json), "%s\"rules\": [{\"id\": \"r\", \"measure\": "
	    "\"floor\", \"stage\": \"ks2\", \"years\": [2016, 2019], \"source\": "
	    "1, \"none\": \"x\"}]}", head);
	load_fails(json, 0, "rules[0]", "\"source\" must be a string");
	snprintf(json, sizeof(json), "%s\"rules\": [3]}", head);
	load_fails(json, 0, "rules[0]", "a rule must be an object");
	/* The top level. */
	snprintf(json, sizeof(json), "%s\"rules\": []}", head);
	load_fails(json, 0, "rules", "must be a non-empty array");
	load_fails("{\"stages\": {\"ks2\": [\"primary\"]}, \"rules\": []}", 0,
	    "standard", "must name the standard");
	load_fails("{\"standard\": \"t\", \"stages\": {}, \"rules\": []}", 0,
	    "stages", "must be an object of key stage to phases");
	load_fails("{\"standard\": \"t\", \"stages\": {\"ks2\": []}, "
	    "\"rules\": []}", 0, "stages", "ks2: must list phases");
	load_fails("{\"standard\": \"t\", \"stages\": {\"ks2\": [2]}, "
	    "\"rules\": []}", 0, "stages", "ks2: phases must be non-empty "
	    "strings");
	/* Empty names: a phase "" matches no row, an id "" writes none. */
	load_fails("{\"standard\": \"t\", \"stages\": {\"ks2\": [\"\"]}, "
	    "\"rules\": []}", 0, "stages", "ks2: phases must be non-empty "
	    "strings");
	load_fails("{\"standard\": \"t\", \"stages\": {\"\": [\"primary\"]}, "
	    "\"rules\": []}", 0, "stages", "a stage name must not be empty");
	snprintf(json, sizeof(json), "%s\"rules\": [{\"id\": \"\", "
	    "\"measure\": \"floor\", \"stage\": \"ks2\", \"years\": [2016, "
	    "2019], \"none\": \"x\"}]}", head);
	load_fails(json, 0, "rules[0]", "needs an \"id\"");
	snprintf(json, sizeof(json), "%s\"coasting\": {\"from\": 2019, \"to\": "
	    "2016, \"years\": 3}, \"rules\": [{\"id\": \"r\", \"measure\": "
	    "\"floor\", \"stage\": \"ks2\", \"years\": [2016, 2019], \"none\": "
	    "\"x\"}]}", head);
	load_fails(json, 0, "coasting", "must be {\"from\": YEAR");
	snprintf(json, sizeof(json), "%s\"coasting\": {\"from\": 2016, \"to\": "
	    "2019}, \"rules\": [{\"id\": \"r\", \"measure\": \"floor\", "
	    "\"stage\": \"ks2\", \"years\": [2016, 2019], \"none\": \"x\"}]}",
	    head);
	load_fails(json, 0, "coasting", "must be {\"from\": YEAR");
	load_fails("[]", 0, "", "a standard must be a JSON object");
}
END_TEST

START_TEST(load_bad_json)
{
	load_fails("{\n  \"standard\": \"t\",\n  \"stages\": {\"ks2\": "
	    "[\"primary\"],}\n}\n", 3, "", "invalid JSON");
	load_fails("{\n  \"standard\": \"t\",\n  \"standard\": \"u\"\n}\n", 3,
	    "", "invalid JSON");
	/* A missing file names the file and the system error. */
	util_path(spath, sizeof(spath), "none.json");
	ck_assert_ptr_null(ki_std_load(spath, &err));
	ck_assert_str_eq(err.file, spath);
	ck_assert_int_eq(err.line, 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "No such file or directory"));
}
END_TEST

/* --- ki_std_judge --- */

START_TEST(judge_answers)
{
	struct ki_std *s = test_loaded();

	rset("phase", "primary");
	rset("ks2_cohort", "30");
	rset("ks2_rwm_exp", "52");
	rset("ks2_mat_prog", "-5.4");
	judged(s, "floor", 2017, KI_YES, "f2-2016",
	    "ks2_rwm_exp 52 < 65 and ks2_mat_prog -5.4 < -5");
	rset("ks2_rwm_exp", "70");
	judged(s, "floor", 2017, KI_NO, "f2-2016", "ks2_rwm_exp 70 >= 65");
	rset("ks2_rwm_exp", "52");
	rset("ks2_mat_prog", NULL);
	judged(s, "floor", 2016, KI_UNKNOWN, "f2-2016", "ks2_mat_prog is blank");
	/* The verdict is reset each time. */
	rset("ks2_mat_prog", "-6");
	judged(s, "floor", 2019, KI_YES, "f2-2016",
	    "ks2_rwm_exp 52 < 65 and ks2_mat_prog -6 < -5");
	/* Coasting has its own rules. */
	rset("ks2_rwm_exp", "80");
	judged(s, "coasting", 2018, KI_YES, "c2-2016", "ks2_rwm_exp 80 < 85");
	judged(s, "floor", 2018, KI_NO, "f2-2016", "ks2_rwm_exp 80 >= 65");
	/* KS4. */
	rset("phase", "secondary");
	rset("ks4_cohort", "120");
	rset("ks4_p8_cov", "90");
	rset("ks4_p8", "-0.6");
	judged(s, "floor", 2017, KI_YES, "f4-2016", "ks4_p8 -0.6 < -0.5");
	judged(s, "coasting", 2017, KI_NA, "", "no t coasting rule for 2017");
	ki_std_free(s);
}
END_TEST

START_TEST(judge_exclusions)
{
	struct ki_std *s = test_loaded();

	rset("phase", "primary");
	rset("ks2_rwm_exp", "52");
	rset("ks2_mat_prog", "-6");
	/* An exclusion that holds: n/a with the reason and the fact. */
	rset("ks2_cohort", "8");
	judged(s, "floor", 2017, KI_NA, "f2-2016", "small cohort (ks2_cohort 8 "
	    "< 11)");
	/* One that cannot be told: unknown, naming the blank measure. */
	rset("ks2_cohort", NULL);
	judged(s, "floor", 2017, KI_UNKNOWN, "f2-2016", "cannot tell whether "
	    "small cohort: ks2_cohort is blank");
	/* ... and what else is blank. */
	rset("ks2_mat_prog", NULL);
	judged(s, "floor", 2017, KI_UNKNOWN, "f2-2016", "cannot tell whether "
	    "small cohort: ks2_cohort is blank; ks2_mat_prog is blank");
	/* Not excluded: judged. */
	rset("ks2_cohort", "11");
	judged(s, "floor", 2017, KI_UNKNOWN, "f2-2016", "ks2_mat_prog is blank");
	/* The second exclusion. */
	rset("phase", "secondary");
	rset("ks4_cohort", "100");
	rset("ks4_p8_cov", "49");
	rset("ks4_p8", "-1");
	judged(s, "floor", 2017, KI_NA, "f4-2016", "low coverage (ks4_p8_cov 49 "
	    "< 50)");
	rset("ks4_p8_cov", "50");
	judged(s, "floor", 2017, KI_YES, "f4-2016", "ks4_p8 -1 < -0.5");
	ki_std_free(s);
}
END_TEST

/*
 * An exclusion that holds makes the row n/a, whatever an earlier exclusion
 * would have said: a blank cohort must not hide a coverage under 50%.
 */
START_TEST(judge_later_exclusion_holds)
{
	struct ki_std *s = test_loaded();

	rset("phase", "secondary");
	rset("ks4_cohort", NULL);
	rset("ks4_p8_cov", "30");
	rset("ks4_p8", "-1");
	judged(s, "floor", 2017, KI_NA, "f4-2016", "low coverage (ks4_p8_cov 30 "
	    "< 50)");
	ki_std_free(s);
}
END_TEST

START_TEST(judge_not_applicable)
{
	struct ki_std *s = test_loaded();

	rset("ks2_cohort", "30");
	rset("ks2_rwm_exp", "52");
	rset("ks2_mat_prog", "-6");
	rset("phase", "special");
	judged(s, "floor", 2017, KI_NA, "", "special school");
	judged(s, "coasting", 2017, KI_NA, "", "special school");
	rset("phase", "primary");
	rset("funding", "independent");
	judged(s, "floor", 2017, KI_NA, "", "independent school");
	rset("funding", "academy");
	judged(s, "floor", 2017, KI_YES, "f2-2016",
	    "ks2_rwm_exp 52 < 65 and ks2_mat_prog -6 < -5");
	/* A blank phase: unknown. */
	rset("phase", NULL);
	judged(s, "floor", 2017, KI_UNKNOWN, "", "phase is blank");
	rset("phase", "");
	judged(s, "floor", 2017, KI_UNKNOWN, "", "phase is blank");
	/* A phase no stage lists. */
	rset("phase", "nursery");
	judged(s, "floor", 2017, KI_NA, "", "no t rule for phase nursery");
	ki_std_free(s);
}
END_TEST

START_TEST(judge_no_phase_column)
{
	struct ki_std *s = load_ok(test_std);
	struct ki_hdr *h = ki_hdr_new();
	const char *r[1] = { "52" };

	ck_assert_ptr_nonnull(h);
	ck_assert_int_eq(ki_hdr_add(h, "ks2_rwm_exp"), 0);
	ck_assert_int_eq(ki_std_bind(s, h, NULL, "in.csv", &err), 0);
	ck_assert_int_eq(ki_std_judge(s, "floor", r, 2017, &v, &err), 0);
	ck_assert_int_eq(v.answer, KI_UNKNOWN);
	ck_assert_str_eq(ki_buf_str(&v.why), "phase is blank");
	ki_hdr_free(h);
	ki_std_free(s);
}
END_TEST

START_TEST(judge_two_stages)
{
	struct ki_std *s = test_loaded();

	rset("phase", "all-through");
	rset("ks2_cohort", "30");
	rset("ks2_rwm_exp", "52");
	rset("ks2_mat_prog", "-6");
	rset("ks4_cohort", "100");
	rset("ks4_p8_cov", "90");
	rset("ks4_p8", "0.1");
	/* Yes if either. */
	judged(s, "floor", 2017, KI_YES, "f2-2016+f4-2016", "ks2: ks2_rwm_exp 52 "
	    "< 65 and ks2_mat_prog -6 < -5");
	rset("ks2_rwm_exp", "70");
	judged(s, "floor", 2017, KI_NO, "f2-2016+f4-2016", "ks2: ks2_rwm_exp 70 "
	    ">= 65; ks4: ks4_p8 0.1 >= -0.5");
	rset("ks4_p8", "-0.6");
	judged(s, "floor", 2017, KI_YES, "f2-2016+f4-2016", "ks4: ks4_p8 -0.6 < "
	    "-0.5");
	/* Unknown beats no, yes beats unknown. */
	rset("ks4_p8", NULL);
	judged(s, "floor", 2017, KI_UNKNOWN, "f2-2016+f4-2016", "ks4: ks4_p8 is "
	    "blank");
	rset("ks2_rwm_exp", "52");
	judged(s, "floor", 2017, KI_YES, "f2-2016+f4-2016", "ks2: ks2_rwm_exp 52 "
	    "< 65 and ks2_mat_prog -6 < -5");
	/* One stage n/a, the other judged. */
	rset("ks4_p8", "0.1");
	rset("ks4_p8_cov", "10");
	judged(s, "floor", 2017, KI_YES, "f2-2016+f4-2016", "ks2: ks2_rwm_exp 52 "
	    "< 65 and ks2_mat_prog -6 < -5");
	rset("ks2_rwm_exp", "70");
	judged(s, "floor", 2017, KI_NO, "f2-2016+f4-2016", "ks2: ks2_rwm_exp 70 "
	    ">= 65");
	/* Coasting has only a KS2 rule. */
	judged(s, "coasting", 2017, KI_YES, "c2-2016", "ks2: ks2_rwm_exp 70 < 85");
	/* Both n/a. */
	judged(s, "floor", 2020, KI_NA, "f2-2020", "ks2: no floor from 2020; "
	    "ks4: no t floor rule for 2020");
	ki_std_free(s);
}
END_TEST

START_TEST(judge_years)
{
	struct ki_std *s = test_loaded();

	rset("phase", "primary");
	rset("ks2_cohort", "30");
	rset("ks2_rwm_exp", "52");
	rset("ks2_mat_prog", "-6");
	/* A year with no rule. */
	judged(s, "floor", 2015, KI_NA, "", "no t floor rule for 2015");
	judged(s, "coasting", 2020, KI_NA, "", "no t coasting rule for 2020");
	/* A "none" rule: n/a with its text, naming the rule. */
	judged(s, "floor", 2020, KI_NA, "f2-2020", "no floor from 2020");
	judged(s, "floor", 2100, KI_NA, "f2-2020", "no floor from 2020");
	/* Years no rule can name, the first and last a rule can. */
	judged(s, "floor", 1899, KI_NA, "", "no t floor rule for 1899");
	judged(s, "floor", 2101, KI_NA, "", "no t floor rule for 2101");
	judged(s, "floor", 1900, KI_NA, "", "no t floor rule for 1900");
	judged(s, "floor", 2016, KI_YES, "f2-2016",
	    "ks2_rwm_exp 52 < 65 and ks2_mat_prog -6 < -5");
	judged(s, "floor", 2019, KI_YES, "f2-2016",
	    "ks2_rwm_exp 52 < 65 and ks2_mat_prog -6 < -5");
	ki_std_free(s);
}
END_TEST

START_TEST(judge_not_a_number)
{
	struct ki_std *s = test_loaded();

	rset("phase", "primary");
	rset("ks2_cohort", "30");
	rset("ks2_rwm_exp", "6O");
	ck_assert_int_eq(ki_std_judge(s, "floor", row, 2017, &v, &err), -1);
	ck_assert_str_eq(err.field, "ks2_rwm_exp");
	ck_assert_str_eq(err.msg, "\"6O\" is not a number");
	/* In an exclusion. */
	rset("ks2_rwm_exp", "52");
	rset("ks2_cohort", "x");
	ki_err_clear(&err);
	ck_assert_int_eq(ki_std_judge(s, "floor", row, 2017, &v, &err), -1);
	ck_assert_str_eq(err.field, "ks2_cohort");
	ck_assert_str_eq(err.msg, "\"x\" is not a number");
	ki_std_free(s);
}
END_TEST

/* A standard whose rules take parameters in all three places. */
static const char param_std[] =
	"{\"standard\": \"p\", \"stages\": {\"ks2\": [\"primary\"]},\n"
	" \"not_applicable\": [{\"when\": {\"col\": \"ks2_cohort\", \"op\": "
	"\"<\", \"value\": {\"param\": \"na_min\"}}, \"reason\": \"tiny\"}],\n"
	" \"rules\": [{\"id\": \"r\", \"measure\": \"floor\", \"stage\": "
	"\"ks2\", \"years\": [2012, 2012],\n"
	"  \"exclude\": [{\"when\": {\"col\": \"ks2_cohort\", \"op\": \"<\", "
	"\"value\": {\"param\": \"ex_min\"}}, \"reason\": \"small\"}],\n"
	"  \"below\": {\"all\": [{\"col\": \"ks2_l4_em\", \"op\": \"<\", "
	"\"value\": 60}, {\"col\": \"ks2_read_prog\", \"op\": \"<\", "
	"\"value\": {\"param\": \"med\", \"about\": \"the median\"}}]}}]}\n";

START_TEST(judge_params)
{
	struct ki_std *s = load_ok(param_std);
	json_t *params = json_pack("{s:f, s:f, s:f}", "na_min", 5.0, "ex_min",
	    11.0, "med", 94.0);

	ck_assert_ptr_nonnull(params);
	rset("phase", "primary");
	rset("ks2_cohort", "30");
	rset("ks2_l4_em", "55");
	rset("ks2_read_prog", "90");
	/* Without them: unknown, saying which. */
	ck_assert_int_eq(ki_std_bind(s, hdr, NULL, "in.csv", &err), 0);
	judged(s, "floor", 2012, KI_UNKNOWN, "r", "cannot tell whether small: "
	    "ex_min not supplied (--param ex_min=VALUE); the median not "
	    "supplied (--param med=VALUE)");
	ck_assert_int_eq(ki_std_bind(s, hdr, params, "in.csv", &err), 0);
	judged(s, "floor", 2012, KI_YES, "r", "ks2_l4_em 55 < 60 and "
	    "ks2_read_prog 90 < 94 (the median)");
	rset("ks2_cohort", "4");
	judged(s, "floor", 2012, KI_NA, "", "tiny");
	rset("ks2_cohort", "8");
	judged(s, "floor", 2012, KI_NA, "r", "small (ks2_cohort 8 < 11 (ex_min))");
	json_decref(params);
	ki_std_free(s);
}
END_TEST

/* --- ki_std_check_params --- */

START_TEST(check_params)
{
	struct ki_std *s = load_ok(param_std);
	json_t *params = json_object();

	ck_assert_int_eq(ki_std_check_params(s, params, &err), 0);
	ck_assert_int_eq(json_object_set_new(params, "med", json_real(94)), 0);
	ck_assert_int_eq(ki_std_check_params(s, params, &err), 0);
	ck_assert_int_eq(json_object_set_new(params, "ex_min", json_real(11)),
	    0);
	ck_assert_int_eq(json_object_set_new(params, "na_min", json_real(5)),
	    0);
	ck_assert_int_eq(ki_std_check_params(s, params, &err), 0);
	ck_assert_int_eq(json_object_set_new(params, "mde", json_real(94)), 0);
	ck_assert_int_eq(ki_std_check_params(s, params, &err), -1);
	ck_assert_str_eq(err.msg, "parameter mde: no rule of p takes it");
	json_decref(params);
	ki_std_free(s);
	/* A standard with no parameters takes none. */
	s = load_ok(test_std);
	params = json_pack("{s:f}", "med", 94.0);
	ki_err_clear(&err);
	ck_assert_int_eq(ki_std_check_params(s, params, &err), -1);
	ck_assert_str_eq(err.msg, "parameter med: no rule of t takes it");
	json_decref(params);
	ki_std_free(s);
}
END_TEST

/* --- ki_std_coasting_years --- */

START_TEST(coasting_years)
{
	struct ki_std *s = load_ok(test_std);

	ck_assert_int_eq(ki_std_coasting_years(s, 2015), 0);
	ck_assert_int_eq(ki_std_coasting_years(s, 2016), 3);
	ck_assert_int_eq(ki_std_coasting_years(s, 2019), 3);
	ck_assert_int_eq(ki_std_coasting_years(s, 2020), 0);
	ki_std_free(s);
	s = load_ok(param_std);
	ck_assert_int_eq(ki_std_coasting_years(s, 2016), 0);
	ck_assert_int_eq(ki_std_coasting_years(s, 0), 0);
	ki_std_free(s);
}
END_TEST

/* --- the shipped standards --- */

static struct ki_std *
shipped(const char *name)
{
	const char *d = getenv("KI_DATADIR");
	char p[4096];
	struct ki_std *s;

	snprintf(p, sizeof(p), "%s/standards/%s.json",
	    d != NULL && *d != '\0' ? d : "share", name);
	s = ki_std_load(p, &err);
	ck_assert_msg(s != NULL, "%s: %s:%ld: %s: %s", p, err.file, err.line,
	    err.field, err.msg);
	ck_assert_int_eq(ki_std_bind(s, hdr, NULL, "in.csv", &err), 0);
	return s;
}

START_TEST(shipped_dfe_ks2)
{
	struct ki_std *s = shipped("dfe");

	ck_assert_str_eq(ki_std_name(s), "dfe");
	rset("phase", "primary");
	rset("funding", "maintained");
	rset("ks2_cohort", "30");
	/* 2016: under 65% and reading below -5. */
	rset("ks2_rwm_exp", "64");
	rset("ks2_read_prog", "-5.1");
	judged(s, "floor", 2016, KI_YES, "dfe-ks2-2016",
	    "ks2_rwm_exp 64 < 65 and ks2_read_prog -5.1 < -5");
	rset("ks2_rwm_exp", "65");
	judged(s, "floor", 2016, KI_NO, "dfe-ks2-2016", "ks2_rwm_exp 65 >= 65");
	/* 2018: maths -6 counts only with its upper limit below 0. */
	rset("ks2_rwm_exp", "60");
	rset("ks2_read_prog", "1");
	rset("ks2_read_prog_upper", "3");
	rset("ks2_writ_prog", "0.5");
	rset("ks2_writ_prog_upper", "2");
	rset("ks2_mat_prog", "-6");
	rset("ks2_mat_prog_upper", "0");
	judged(s, "floor", 2018, KI_NO, "dfe-ks2-2018", "ks2_read_prog 1 >= -5 "
	    "and ks2_read_prog_upper 3 >= 0 and ks2_writ_prog 0.5 >= -7 and "
	    "ks2_writ_prog_upper 2 >= 0 and ks2_mat_prog_upper 0 >= 0");
	rset("ks2_mat_prog_upper", "-0.1");
	judged(s, "floor", 2018, KI_YES, "dfe-ks2-2018", "ks2_rwm_exp 60 < 65 "
	    "and ks2_mat_prog -6 < -5 and ks2_mat_prog_upper -0.1 < 0");
	/* Small cohorts, special schools, independents, 2020. */
	rset("ks2_cohort", "10");
	judged(s, "floor", 2018, KI_NA, "dfe-ks2-2018", "fewer than 11 eligible "
	    "pupils (ks2_cohort 10 < 11)");
	rset("ks2_cohort", "30");
	rset("phase", "special");
	judged(s, "floor", 2018, KI_NA, "", "special school, PRU or alternative "
	    "provision: not judged against the floor");
	rset("phase", "primary");
	rset("funding", "independent");
	judged(s, "floor", 2018, KI_NA, "", "independent school: not judged "
	    "against the floor");
	rset("funding", "academy");
	judged(s, "floor", 2020, KI_NA, "dfe-ks2-2020", "no floor standard from "
	    "2020");
	/* Coasting 2018: under 85% and maths below -2.5, upper below 0. */
	judged(s, "coasting", 2018, KI_YES, "coast-ks2-2016", "ks2_rwm_exp 60 < "
	    "85 and ks2_mat_prog -6 < -2.5 and ks2_mat_prog_upper -0.1 < 0");
	ck_assert_int_eq(ki_std_coasting_years(s, 2018), 3);
	ck_assert_int_eq(ki_std_coasting_years(s, 2015), 0);
	ki_std_free(s);
}
END_TEST

START_TEST(shipped_dfe_ks4)
{
	struct ki_std *s = shipped("dfe");

	rset("phase", "secondary");
	rset("ks4_cohort", "150");
	rset("ks4_p8_cov", "95");
	rset("ks4_p8", "-0.6");
	rset("ks4_p8_upper", "-0.1");
	judged(s, "floor", 2017, KI_YES, "dfe-ks4-2016", "ks4_p8 -0.6 < -0.5 and "
	    "ks4_p8_upper -0.1 < 0");
	rset("ks4_p8_upper", "0");
	judged(s, "floor", 2017, KI_NO, "dfe-ks4-2016", "ks4_p8_upper 0 >= 0");
	rset("ks4_p8_cov", "49");
	judged(s, "floor", 2017, KI_NA, "dfe-ks4-2016", "fewer than 50% of "
	    "pupils with KS2 results (ks4_p8_cov 49 < 50)");
	ki_std_free(s);
}
END_TEST

START_TEST(shipped_dfe_params)
{
	struct ki_std *s = shipped("dfe");
	json_t *params = json_pack("{s:f}", "ks2_ep_eng_median_2012", 80.0);

	ck_assert_int_eq(ki_std_check_params(s, params, &err), 0);
	ck_assert_int_eq(json_object_set_new(params, "ks2_ep_eng_median_2013",
	    json_real(80)), 0);
	ck_assert_int_eq(ki_std_check_params(s, params, &err), -1);
	ck_assert_str_eq(err.msg, "parameter ks2_ep_eng_median_2013: no rule of "
	    "dfe takes it");
	json_decref(params);
	rset("phase", "primary");
	rset("ks2_cohort", "30");
	rset("ks2_l4_em", "50");
	rset("ks2_ep_eng", "80");
	rset("ks2_ep_mat", "85");
	judged(s, "floor", 2012, KI_UNKNOWN, "dfe-ks2-2012", "national median "
	    "expected progress in English, 2012 not supplied (--param "
	    "ks2_ep_eng_median_2012=VALUE), national median expected progress "
	    "in maths, 2012 not supplied (--param "
	    "ks2_ep_mat_median_2012=VALUE)");
	ki_std_free(s);
}
END_TEST

START_TEST(shipped_kent60)
{
	struct ki_std *s = shipped("kent-60");

	ck_assert_str_eq(ki_std_name(s), "kent-60");
	rset("phase", "primary");
	rset("ks2_l4_em", "59");
	judged(s, "floor", 2009, KI_YES, "kent-60", "ks2_l4_em 59 < 60");
	rset("ks2_l4_em", "60");
	judged(s, "floor", 2009, KI_NO, "kent-60", "ks2_l4_em 60 >= 60");
	rset("ks2_l4_em", NULL);
	judged(s, "floor", 2009, KI_UNKNOWN, "kent-60", "ks2_l4_em is blank");
	judged(s, "floor", 1989, KI_NA, "", "no kent-60 floor rule for 1989");
	judged(s, "coasting", 2009, KI_NA, "", "no kent-60 coasting rule for "
	    "2009");
	rset("phase", "secondary");
	judged(s, "floor", 2009, KI_NA, "", "no kent-60 rule for phase "
	    "secondary");
	rset("phase", "pru");
	judged(s, "floor", 2009, KI_NA, "", "special school, PRU or alternative "
	    "provision: not judged against the floor");
	ck_assert_int_eq(ki_std_coasting_years(s, 2017), 0);
	ki_std_free(s);
}
END_TEST

static Suite *
std_suite(void)
{
	Suite *s = suite_create("std");
	TCase *tc;

	tc = tcase_create("ki_std_load");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, load_valid);
	tcase_add_test(tc, load_errors);
	tcase_add_test(tc, load_bad_json);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_std_judge");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, judge_answers);
	tcase_add_test(tc, judge_exclusions);
	tcase_add_test(tc, judge_later_exclusion_holds);
	tcase_add_test(tc, judge_not_applicable);
	tcase_add_test(tc, judge_no_phase_column);
	tcase_add_test(tc, judge_two_stages);
	tcase_add_test(tc, judge_years);
	tcase_add_test(tc, judge_not_a_number);
	tcase_add_test(tc, judge_params);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_std_check_params");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, check_params);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_std_coasting_years");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, coasting_years);
	suite_add_tcase(s, tc);
	tc = tcase_create("shipped");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, shipped_dfe_ks2);
	tcase_add_test(tc, shipped_dfe_ks4);
	tcase_add_test(tc, shipped_dfe_params);
	tcase_add_test(tc, shipped_kent60);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(std_suite());
}

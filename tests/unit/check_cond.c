/* Unit tests for lib/cond_*.c: parsing, binding and evaluating conditions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <jansson.h>

#include "ki/cond.h"

#include "util.h"

/* The header every condition is bound against, and one row over it. */
static const char *const cols[] = { "ks2_rwm_exp", "ks2_mat_prog",
	"ks2_read_prog", "phase", "grade", "grade_latest", "below_floor",
	"neet_concern", NULL };
#define NCOLS 8
#define YEAR 2019
#define Y0 2010
#define NYEARS 20

static struct ki_hdr *hdr;
static const char *row[NCOLS];
/* The school's other years: hist[col][year - Y0]. */
static const char *hist[NCOLS][NYEARS];
static json_t *params;
static struct ki_err err;
static struct ki_buf why;

static void
setup(void)
{
	hdr = util_hdr(cols);
	memset(row, 0, sizeof(row));
	memset(hist, 0, sizeof(hist));
	params = NULL;
	ki_err_clear(&err);
	memset(&why, 0, sizeof(why));
}

static void
teardown(void)
{
	ki_hdr_free(hdr);
	json_decref(params);
	ki_buf_free(&why);
}

static void
rset(const char *name, const char *v)
{
	row[util_col(hdr, name)] = v;
}

static void
hset(const char *name, int year, const char *v)
{
	ck_assert(year >= Y0 && year < Y0 + NYEARS);
	hist[util_col(hdr, name)][year - Y0] = v;
}

static const char *
hist_fn(void *arg, long c, int year)
{
	ck_assert_ptr_eq(arg, (void *)hist);
	ck_assert(c >= 0 && c < NCOLS);
	if (year < Y0 || year >= Y0 + NYEARS)
		return NULL;
	return hist[c][year - Y0];
}

static json_t *
js(const char *text)
{
	json_error_t jerr;
	json_t *j = json_loads(text, JSON_DECODE_ANY, &jerr);

	ck_assert_msg(j != NULL, "bad test JSON %s: %s", text, jerr.text);
	return j;
}

static struct ki_cond *
parse_ok(const char *text)
{
	json_t *j = js(text);
	struct ki_cond *c = ki_cond_parse(j, "t.json", "x", &err);

	ck_assert_msg(c != NULL, "parse of %s failed: %s: %s", text, err.field,
	    err.msg);
	json_decref(j);
	return c;
}

/* Parsing text fails at field with msg in the message. */
static void
parse_fails(const char *text, const char *field, const char *msg)
{
	json_t *j = js(text);

	ki_err_clear(&err);
	ck_assert_msg(ki_cond_parse(j, "t.json", "x", &err) == NULL,
	    "%s parsed", text);
	json_decref(j);
	util_err_is(&err, "t.json", 0, field, msg);
}

static int
eval_c(const struct ki_cond *c, int with_hist)
{
	struct ki_cond_ctx ctx = { row, YEAR, NULL, NULL, NULL };

	if (with_hist) {
		ctx.hist = hist_fn;
		ctx.arg = (void *)hist;
	}
	ki_buf_reset(&why);
	return ki_cond_eval(c, &ctx, &why, &err);
}

/* Parse text, bind it leniently with params, and evaluate the row. */
static void
expect_h(const char *text, int with_hist, int answer, const char *text_why)
{
	struct ki_cond *c = parse_ok(text);
	int rc;

	ck_assert_int_eq(ki_cond_bind(c, hdr, params, 0, "in.csv", &err), 0);
	rc = eval_c(c, with_hist);
	ck_assert_msg(rc == answer, "%s: answer %d, not %d (why \"%s\"; err "
	    "%s: %s)", text, rc, answer, ki_buf_str(&why), err.field, err.msg);
	ck_assert_str_eq(ki_buf_str(&why), text_why);
	ki_cond_free(c);
}

static void
expect(const char *text, int answer, const char *text_why)
{
	expect_h(text, 1, answer, text_why);
}

#define RWM_LT_65 "{\"col\": \"ks2_rwm_exp\", \"op\": \"<\", \"value\": 65}"
#define MAT_LT_5 "{\"col\": \"ks2_mat_prog\", \"op\": \"<\", \"value\": -5}"
#define READ_LT_5 "{\"col\": \"ks2_read_prog\", \"op\": \"<\", \"value\": -5}"

/* --- ki_cond_parse --- */

START_TEST(parse_shapes)
{
	static const char *const ok[] = {
		RWM_LT_65,
		"{\"all\": [" RWM_LT_65 ", " MAT_LT_5 "]}",
		"{\"any\": [" RWM_LT_65 "], \"label\": \"l\"}",
		"{\"not\": " RWM_LT_65 "}",
		"{\"not\": " RWM_LT_65 ", \"label\": \"l\"}",
		"{\"col\": [\"grade\", \"grade_latest\"], \"op\": \"==\", "
		    "\"value\": 4}",
		"{\"col\": \"phase\", \"op\": \"==\", \"value\": \"primary\"}",
		"{\"col\": \"phase\", \"op\": \"!=\", \"value\": \"primary\"}",
		"{\"col\": \"phase\", \"op\": \"in\", \"value\": [\"a\", 2, 2.5]}",
		"{\"col\": \"phase\", \"op\": \"blank\"}",
		"{\"col\": \"phase\", \"op\": \"not blank\", \"label\": \"l\"}",
		"{\"col\": \"grade\", \"op\": \">=\", \"value\": 2.5}",
		"{\"col\": \"grade\", \"op\": \"<=\", \"value\": {\"param\": "
		    "\"p\"}}",
		"{\"col\": \"grade\", \"op\": \">\", \"value\": {\"param\": "
		    "\"p\", \"about\": \"a median\"}}",
		"{\"count\": \"below_floor\", \"equals\": \"yes\", \"from\": -4, "
		    "\"to\": 0, \"op\": \">=\", \"value\": 3, \"label\": \"l\"}",
		"{\"count\": \"below_floor\", \"equals\": \"yes\", \"from\": -2, "
		    "\"to\": -2, \"op\": \"==\", \"value\": 1}",
		"{\"trend\": \"ks2_rwm_exp\", \"years\": 3, \"direction\": "
		    "\"declining\"}",
		"{\"trend\": \"ks2_rwm_exp\", \"years\": 20, \"direction\": "
		    "\"rising\", \"label\": \"up\"}",
		"{\"any\": [{\"not\": {\"all\": [" RWM_LT_65 "]}}, {\"count\": "
		    "\"below_floor\", \"equals\": \"yes\", \"from\": -1, \"to\": "
		    "0, \"op\": \">\", \"value\": 0}]}",
		NULL
	};
	size_t i;

	for (i = 0; ok[i] != NULL; i++)
		ki_cond_free(parse_ok(ok[i]));
	ki_cond_free(NULL);
}
END_TEST

START_TEST(parse_errors)
{
	parse_fails("[1]", "x", "a condition must be an object");
	parse_fails("\"a\"", "x", "a condition must be an object");
	parse_fails("{}", "x", "needs one of all, any, not, col, count, trend");
	parse_fails("{\"label\": \"l\"}", "x", "needs one of");
	/* The place of an unknown operator inside all. */
	parse_fails("{\"all\": [" RWM_LT_65 ", {\"col\": \"a\", \"op\": \"=<\", "
	    "\"value\": 1}]}", "x.all[1].op", "unknown operator \"=<\"");
	parse_fails("{\"any\": [{\"not\": {\"all\": [" RWM_LT_65 ", {\"col\": "
	    "\"a\", \"op\": \"~\", \"value\": 1}]}}]}", "x.any[0].not.all[1].op",
	    "unknown operator \"~\"");
	parse_fails("{\"not\": {\"col\": \"a\", \"op\": \"<\"}}", "x.not",
	    "needs a \"value\"");
	parse_fails("{\"all\": []}", "x", "\"all\" needs a non-empty array");
	parse_fails("{\"any\": {}}", "x", "\"any\" needs a non-empty array");
	parse_fails("{\"all\": [" RWM_LT_65 "], \"op\": \"<\"}", "x",
	    "\"all\" takes no other keys");
	parse_fails("{\"all\": [" RWM_LT_65 "], \"any\": [" RWM_LT_65 "]}", "x",
	    "takes no other keys");
	parse_fails("{\"not\": " RWM_LT_65 ", \"x\": 1}", "x",
	    "\"not\" takes no other keys");
	parse_fails("{\"not\": 3}", "x.not", "a condition must be an object");
	/* Unknown keys. */
	parse_fails("{\"col\": \"a\", \"op\": \"<\", \"value\": 1, \"vaule\": 2}",
	    "x", "unknown key \"vaule\"");
	parse_fails("{\"count\": \"a\", \"equals\": \"yes\", \"from\": -1, "
	    "\"to\": 0, \"op\": \">=\", \"value\": 1, \"years\": 3}", "x",
	    "unknown key \"years\"");
	parse_fails("{\"trend\": \"a\", \"years\": 3, \"direction\": "
	    "\"rising\", \"from\": 1}", "x", "unknown key \"from\"");
	/* col and op. */
	parse_fails("{\"col\": \"a\"}", "x", "needs an \"op\"");
	parse_fails("{\"col\": \"a\", \"op\": 3, \"value\": 1}", "x",
	    "needs an \"op\"");
	parse_fails("{\"col\": \"\", \"op\": \"<\", \"value\": 1}", "x",
	    "\"col\" must name a column or list columns");
	parse_fails("{\"col\": 3, \"op\": \"<\", \"value\": 1}", "x",
	    "\"col\" must name a column");
	parse_fails("{\"col\": [\"a\", 2], \"op\": \"<\", \"value\": 1}", "x",
	    "\"col\" must name a column");
	parse_fails("{\"col\": [\"a\", \"\"], \"op\": \"<\", \"value\": 1}", "x",
	    "\"col\" must name a column");
	parse_fails("{\"col\": [], \"op\": \"<\", \"value\": 1}", "x",
	    "\"col\" must name a column");
	/* value. */
	parse_fails("{\"col\": \"a\", \"op\": \"in\", \"value\": \"x\"}",
	    "x.value", "\"in\" needs a non-empty array");
	parse_fails("{\"col\": \"a\", \"op\": \"in\", \"value\": []}", "x.value",
	    "\"in\" needs a non-empty array");
	parse_fails("{\"col\": \"a\", \"op\": \"in\"}", "x", "needs a \"value\"");
	parse_fails("{\"col\": \"a\", \"op\": \"in\", \"value\": [\"a\", true]}",
	    "x.value", "must hold strings or numbers");
	parse_fails("{\"col\": \"a\", \"op\": \"<\", \"value\": \"65\"}",
	    "x.value", "\"<\" needs a number");
	parse_fails("{\"col\": \"a\", \"op\": \">=\", \"value\": \"x\"}",
	    "x.value", "\">=\" needs a number");
	parse_fails("{\"col\": \"a\", \"op\": \"<\", \"value\": true}",
	    "x.value", "must be a number or a string");
	parse_fails("{\"col\": \"a\", \"op\": \"<\", \"value\": null}",
	    "x.value", "must be a number or a string");
	parse_fails("{\"col\": \"a\", \"op\": \"blank\", \"value\": 1}", "x",
	    "\"blank\" takes no value");
	parse_fails("{\"col\": \"a\", \"op\": \"not blank\", \"value\": \"\"}",
	    "x", "\"not blank\" takes no value");
	parse_fails("{\"col\": \"a\", \"op\": \"<\", \"value\": {\"param\": "
	    "\"p\", \"x\": 1}}", "x.value", "must be a number, a string or "
	    "{\"param\": NAME, \"about\": TEXT}");
	parse_fails("{\"col\": \"a\", \"op\": \"<\", \"value\": {\"param\": 3}}",
	    "x.value", "{\"param\": NAME");
	parse_fails("{\"col\": \"a\", \"op\": \"<\", \"value\": {\"param\": "
	    "\"p\", \"about\": 2}}", "x.value", "{\"param\": NAME");
	/* label. */
	parse_fails("{\"label\": 3, \"col\": \"a\", \"op\": \"<\", \"value\": 1}",
	    "x", "label must be a string");
	parse_fails("{\"all\": [{\"label\": [\"l\"], \"col\": \"a\", \"op\": "
	    "\"<\", \"value\": 1}]}", "x.all[0]", "label must be a string");
	/* count. */
	parse_fails("{\"count\": \"bf\", \"equals\": \"yes\", \"from\": 0, "
	    "\"to\": -4, \"op\": \">=\", \"value\": 3}", "x",
	    "the window's \"from\" is after its \"to\"");
	parse_fails("{\"count\": \"bf\", \"equals\": \"yes\", \"from\": -1.5, "
	    "\"to\": 0, \"op\": \">=\", \"value\": 3}", "x",
	    "\"from\" and \"to\" must be whole numbers");
	parse_fails("{\"count\": \"bf\", \"equals\": \"yes\", \"to\": 0, "
	    "\"op\": \">=\", \"value\": 3}", "x", "whole numbers");
	parse_fails("{\"count\": \"bf\", \"equals\": \"yes\", \"from\": -4, "
	    "\"to\": 5000, \"op\": \">=\", \"value\": 3}", "x", "whole numbers");
	parse_fails("{\"count\": \"bf\", \"equals\": 1, \"from\": -4, \"to\": 0, "
	    "\"op\": \">=\", \"value\": 3}", "x",
	    "\"count\" and \"equals\" must be strings");
	parse_fails("{\"count\": [\"bf\"], \"equals\": \"yes\", \"from\": -4, "
	    "\"to\": 0, \"op\": \">=\", \"value\": 3}", "x", "must be strings");
	parse_fails("{\"count\": \"bf\", \"equals\": \"yes\", \"from\": -4, "
	    "\"to\": 0, \"op\": \"in\", \"value\": [3]}", "x",
	    "\"op\" must be one of == != < <= > >=");
	parse_fails("{\"count\": \"bf\", \"equals\": \"yes\", \"from\": -4, "
	    "\"to\": 0, \"op\": \"blank\"}", "x", "\"op\" must be one of");
	parse_fails("{\"count\": \"bf\", \"equals\": \"yes\", \"from\": -4, "
	    "\"to\": 0, \"value\": 3}", "x", "\"op\" must be one of");
	parse_fails("{\"count\": \"bf\", \"equals\": \"yes\", \"from\": -4, "
	    "\"to\": 0, \"op\": \"==\", \"value\": \"3\"}", "x",
	    "the count's \"value\" must be a number");
	parse_fails("{\"count\": \"bf\", \"equals\": \"yes\", \"from\": -4, "
	    "\"to\": 0, \"op\": \">=\", \"value\": {\"param\": \"p\"}}", "x",
	    "the count's \"value\" must be a number");
	parse_fails("{\"count\": \"bf\", \"equals\": \"yes\", \"from\": -4, "
	    "\"to\": 0, \"op\": \">=\", \"value\": \"3\"}", "x.value",
	    "\">=\" needs a number");
	parse_fails("{\"count\": \"bf\", \"equals\": \"yes\", \"from\": -4, "
	    "\"to\": 0, \"op\": \">=\"}", "x", "needs a \"value\"");
	/* trend. */
	parse_fails("{\"trend\": 3, \"years\": 3, \"direction\": \"rising\"}",
	    "x", "\"trend\" must name a column");
	parse_fails("{\"trend\": \"a\", \"years\": 1, \"direction\": \"rising\"}",
	    "x", "\"years\" must be a whole number from 2 to 20");
	parse_fails("{\"trend\": \"a\", \"years\": 21, \"direction\": "
	    "\"rising\"}", "x", "from 2 to 20");
	parse_fails("{\"trend\": \"a\", \"years\": 2.5, \"direction\": "
	    "\"rising\"}", "x", "from 2 to 20");
	parse_fails("{\"trend\": \"a\", \"direction\": \"rising\"}", "x",
	    "from 2 to 20");
	parse_fails("{\"trend\": \"a\", \"years\": 3, \"direction\": \"up\"}",
	    "x", "\"direction\" must be \"declining\" or \"rising\"");
	parse_fails("{\"trend\": \"a\", \"years\": 3}", "x",
	    "\"direction\" must be");
}
END_TEST

/* err may name no file; the path is used as given. */
START_TEST(parse_place)
{
	json_t *j = js("{\"col\": \"a\", \"op\": \"<>\", \"value\": 1}");

	ck_assert_ptr_null(ki_cond_parse(j, NULL, "rules[3].below", &err));
	ck_assert_str_eq(err.file, "");
	ck_assert_str_eq(err.field, "rules[3].below.op");
	json_decref(j);
	/* A NULL err is allowed. */
	j = js("{}");
	ck_assert_ptr_null(ki_cond_parse(j, "f", "p", NULL));
	json_decref(j);
}
END_TEST

/* --- ki_cond_bind --- */

START_TEST(bind_strict)
{
	struct ki_cond *c = parse_ok("{\"all\": [" RWM_LT_65 ", {\"col\": "
	    "\"ks2_writ_prog\", \"op\": \"<\", \"value\": -7}]}");

	ck_assert_int_eq(ki_cond_bind(c, hdr, NULL, 1, "in.csv", &err), -1);
	ck_assert_str_eq(err.file, "in.csv");
	ck_assert_str_eq(err.field, "ks2_writ_prog");
	ck_assert_str_eq(err.msg, "the input has no such column");
	/* Lenient: the missing column reads as blank. */
	ki_err_clear(&err);
	ck_assert_int_eq(ki_cond_bind(c, hdr, NULL, 0, "in.csv", &err), 0);
	rset("ks2_rwm_exp", "52");
	ck_assert_int_eq(eval_c(c, 0), KI_UNKNOWN);
	ck_assert_str_eq(ki_buf_str(&why), "ks2_writ_prog is blank");
	rset("ks2_rwm_exp", "70");
	ck_assert_int_eq(eval_c(c, 0), KI_NO);
	ck_assert_str_eq(ki_buf_str(&why), "ks2_rwm_exp 70 >= 65");
	ki_cond_free(c);
	/* Strict, every column there. */
	c = parse_ok("{\"not\": " RWM_LT_65 "}");
	ck_assert_int_eq(ki_cond_bind(c, hdr, NULL, 1, "in.csv", &err), 0);
	ki_cond_free(c);
	/* Count and trend columns are checked too. */
	c = parse_ok("{\"trend\": \"ks4_p8\", \"years\": 3, \"direction\": "
	    "\"declining\"}");
	ck_assert_int_eq(ki_cond_bind(c, hdr, NULL, 1, "in.csv", &err), -1);
	ck_assert_str_eq(err.field, "ks4_p8");
	ki_cond_free(c);
}
END_TEST

START_TEST(bind_column_list)
{
	struct ki_cond *c = parse_ok("{\"col\": [\"ofsted\", \"grade_latest\"], "
	    "\"op\": \"==\", \"value\": 4}");

	/* One of the list is enough, even strict. */
	ck_assert_int_eq(ki_cond_bind(c, hdr, NULL, 1, "in.csv", &err), 0);
	rset("grade_latest", "4");
	ck_assert_int_eq(eval_c(c, 0), KI_YES);
	ck_assert_str_eq(ki_buf_str(&why), "grade_latest 4 == 4");
	rset("grade_latest", NULL);
	ck_assert_int_eq(eval_c(c, 0), KI_UNKNOWN);
	ck_assert_str_eq(ki_buf_str(&why), "ofsted and grade_latest are blank");
	ki_cond_free(c);
	/* None of them: strict names the first, and says so. */
	c = parse_ok("{\"col\": [\"ofsted\", \"ofsted_latest\"], \"op\": \"==\", "
	    "\"value\": 4}");
	ck_assert_int_eq(ki_cond_bind(c, hdr, NULL, 1, "in.csv", &err), -1);
	ck_assert_str_eq(err.field, "ofsted");
	ck_assert_str_eq(err.msg, "the input has no such column (nor the "
	    "others listed with it)");
	ck_assert_int_eq(ki_cond_bind(c, hdr, NULL, 0, "in.csv", &err), 0);
	ck_assert_int_eq(eval_c(c, 0), KI_UNKNOWN);
	ck_assert_str_eq(ki_buf_str(&why), "ofsted and ofsted_latest are blank");
	ki_cond_free(c);
}
END_TEST

START_TEST(bind_params)
{
	static const char about[] = "{\"col\": \"ks2_read_prog\", \"op\": \"<\", "
	    "\"value\": {\"param\": \"med\", \"about\": \"national median\"}}";
	static const char bare[] = "{\"col\": \"ks2_read_prog\", \"op\": \"<\", "
	    "\"value\": {\"param\": \"med\"}}";
	struct ki_cond *c;

	rset("ks2_read_prog", "90");
	/* Not supplied: unknown, saying how to supply it. */
	expect(about, KI_UNKNOWN, "national median not supplied (--param "
	    "med=VALUE)");
	expect(bare, KI_UNKNOWN, "med not supplied (--param med=VALUE)");
	params = js("{\"other\": 1}");
	expect(about, KI_UNKNOWN, "national median not supplied (--param "
	    "med=VALUE)");
	json_decref(params);
	/* Supplied. */
	params = js("{\"med\": 94}");
	expect(about, KI_YES, "ks2_read_prog 90 < 94 (national median)");
	expect(bare, KI_YES, "ks2_read_prog 90 < 94 (med)");
	json_decref(params);
	params = js("{\"med\": 89.5}");
	expect(about, KI_NO, "ks2_read_prog 90 >= 89.5 (national median)");
	/* The parameter of a blank value: still blank. */
	rset("ks2_read_prog", NULL);
	expect(about, KI_UNKNOWN, "ks2_read_prog is blank");
	json_decref(params);
	/* A parameter that is not a number. */
	params = js("{\"med\": \"94\"}");
	c = parse_ok(about);
	ck_assert_int_eq(ki_cond_bind(c, hdr, params, 0, "in.csv", &err), -1);
	ck_assert_str_eq(err.file, "in.csv");
	ck_assert_str_eq(err.field, "med");
	ck_assert_str_eq(err.msg, "the parameter must be a number");
	ki_cond_free(c);
	/* Bound again without the parameter, it is no longer supplied. */
	c = parse_ok(about);
	json_decref(params);
	params = js("{\"med\": 94}");
	rset("ks2_read_prog", "90");
	ck_assert_int_eq(ki_cond_bind(c, hdr, params, 0, "in.csv", &err), 0);
	ck_assert_int_eq(eval_c(c, 0), KI_YES);
	ck_assert_int_eq(ki_cond_bind(c, hdr, NULL, 0, "in.csv", &err), 0);
	ck_assert_int_eq(eval_c(c, 0), KI_UNKNOWN);
	/* Bound again with another value, its facts say the new one. */
	json_decref(params);
	params = js("{\"med\": 80}");
	ck_assert_int_eq(ki_cond_bind(c, hdr, params, 0, "in.csv", &err), 0);
	ck_assert_int_eq(eval_c(c, 0), KI_NO);
	ck_assert_str_eq(ki_buf_str(&why), "ks2_read_prog 90 >= 80 (national "
	    "median)");
	ki_cond_free(c);
}
END_TEST

/* --- ki_cond_eval --- */

START_TEST(eval_compare_numbers)
{
	rset("ks2_rwm_exp", "52");
	expect(RWM_LT_65, KI_YES, "ks2_rwm_exp 52 < 65");
	rset("ks2_rwm_exp", "70");
	expect(RWM_LT_65, KI_NO, "ks2_rwm_exp 70 >= 65");
	rset("ks2_rwm_exp", "65");
	expect(RWM_LT_65, KI_NO, "ks2_rwm_exp 65 >= 65");
	rset("ks2_rwm_exp", "64.9");
	expect(RWM_LT_65, KI_YES, "ks2_rwm_exp 64.9 < 65");
	rset("ks2_rwm_exp", NULL);
	expect(RWM_LT_65, KI_UNKNOWN, "ks2_rwm_exp is blank");
	rset("ks2_rwm_exp", "");
	expect(RWM_LT_65, KI_UNKNOWN, "ks2_rwm_exp is blank");
	/* Each operator, both ways. */
	rset("grade", "3");
	expect("{\"col\": \"grade\", \"op\": \"<=\", \"value\": 3}", KI_YES,
	    "grade 3 <= 3");
	expect("{\"col\": \"grade\", \"op\": \"<=\", \"value\": 2}", KI_NO,
	    "grade 3 > 2");
	expect("{\"col\": \"grade\", \"op\": \">\", \"value\": 2}", KI_YES,
	    "grade 3 > 2");
	expect("{\"col\": \"grade\", \"op\": \">\", \"value\": 3}", KI_NO,
	    "grade 3 <= 3");
	expect("{\"col\": \"grade\", \"op\": \">=\", \"value\": 3}", KI_YES,
	    "grade 3 >= 3");
	expect("{\"col\": \"grade\", \"op\": \">=\", \"value\": 3.5}", KI_NO,
	    "grade 3 < 3.5");
	/* == and != on numbers compare values, not text. */
	expect("{\"col\": \"grade\", \"op\": \"==\", \"value\": 3}", KI_YES,
	    "grade 3 == 3");
	expect("{\"col\": \"grade\", \"op\": \"==\", \"value\": 4}", KI_NO,
	    "grade 3 != 4");
	expect("{\"col\": \"grade\", \"op\": \"!=\", \"value\": 4}", KI_YES,
	    "grade 3 != 4");
	expect("{\"col\": \"grade\", \"op\": \"!=\", \"value\": 3}", KI_NO,
	    "grade 3 == 3");
	rset("grade", "3.0");
	expect("{\"col\": \"grade\", \"op\": \"==\", \"value\": 3}", KI_YES,
	    "grade 3.0 == 3");
	rset("grade", "-0.35");
	expect("{\"col\": \"grade\", \"op\": \"<\", \"value\": -0.25}", KI_YES,
	    "grade -0.35 < -0.25");
	expect("{\"col\": \"grade\", \"op\": \"<\", \"value\": -0.5}", KI_NO,
	    "grade -0.35 >= -0.5");
}
END_TEST

START_TEST(eval_compare_text)
{
	rset("phase", "primary");
	expect("{\"col\": \"phase\", \"op\": \"==\", \"value\": \"primary\"}",
	    KI_YES, "phase is primary");
	expect("{\"col\": \"phase\", \"op\": \"==\", \"value\": \"Primary\"}",
	    KI_NO, "phase is primary");
	expect("{\"col\": \"phase\", \"op\": \"!=\", \"value\": \"secondary\"}",
	    KI_YES, "phase is primary");
	expect("{\"col\": \"phase\", \"op\": \"!=\", \"value\": \"primary\"}",
	    KI_NO, "phase is primary");
	rset("phase", NULL);
	expect("{\"col\": \"phase\", \"op\": \"!=\", \"value\": \"primary\"}",
	    KI_UNKNOWN, "phase is blank");
	/* Text == on a column holding numbers is exact text. */
	rset("below_floor", "yes");
	expect("{\"col\": \"below_floor\", \"op\": \"==\", \"value\": \"yes\"}",
	    KI_YES, "below_floor is yes");
}
END_TEST

START_TEST(eval_in)
{
	static const char in[] = "{\"col\": \"phase\", \"op\": \"in\", "
	    "\"value\": [\"special\", \"pru\", \"ap\"]}";
	static const char nums[] = "{\"col\": \"grade\", \"op\": \"in\", "
	    "\"value\": [3, 4, 2.5]}";

	rset("phase", "pru");
	expect(in, KI_YES, "phase is pru");
	rset("phase", "primary");
	expect(in, KI_NO, "phase is primary");
	rset("phase", NULL);
	expect(in, KI_UNKNOWN, "phase is blank");
	rset("grade", "4");
	expect(nums, KI_YES, "grade is 4");
	rset("grade", "2.5");
	expect(nums, KI_YES, "grade is 2.5");
	rset("grade", "1");
	expect(nums, KI_NO, "grade is 1");
	/* Numbers match as numbers. */
	rset("grade", "4.0");
	expect(nums, KI_YES, "grade is 4.0");
	rset("grade", "2.50");
	expect(nums, KI_YES, "grade is 2.50");
	expect("{\"col\": \"grade\", \"op\": \"in\", \"value\": [\"2.5\"]}",
	    KI_YES, "grade is 2.50");
	rset("phase", "4");
	expect(in, KI_NO, "phase is 4");
}
END_TEST

START_TEST(eval_blank)
{
	static const char blank[] = "{\"col\": \"ks2_read_prog\", \"op\": "
	    "\"blank\"}";
	static const char notblank[] = "{\"col\": \"ks2_read_prog\", \"op\": "
	    "\"not blank\"}";

	expect(blank, KI_YES, "ks2_read_prog is blank");
	expect(notblank, KI_NO, "ks2_read_prog is blank");
	rset("ks2_read_prog", "");
	expect(blank, KI_YES, "ks2_read_prog is blank");
	rset("ks2_read_prog", "-1.2");
	expect(blank, KI_NO, "ks2_read_prog is -1.2");
	expect(notblank, KI_YES, "ks2_read_prog is -1.2");
	/* A column the input lacks is blank, never unknown. */
	expect("{\"col\": \"absent\", \"op\": \"blank\"}", KI_YES,
	    "absent is blank");
	expect("{\"col\": \"absent\", \"op\": \"not blank\"}", KI_NO,
	    "absent is blank");
}
END_TEST

START_TEST(eval_column_list)
{
	static const char c[] = "{\"col\": [\"grade\", \"grade_latest\"], "
	    "\"op\": \"==\", \"value\": 4}";

	rset("grade", "3");
	rset("grade_latest", "4");
	expect(c, KI_NO, "grade 3 != 4");
	rset("grade", "");
	expect(c, KI_YES, "grade_latest 4 == 4");
	rset("grade", NULL);
	expect(c, KI_YES, "grade_latest 4 == 4");
	rset("grade_latest", NULL);
	expect(c, KI_UNKNOWN, "grade and grade_latest are blank");
	expect("{\"col\": [\"grade\", \"grade_latest\"], \"op\": \"blank\"}",
	    KI_YES, "grade and grade_latest are blank");
	rset("grade_latest", "2");
	expect("{\"col\": [\"grade\", \"grade_latest\"], \"op\": \"blank\"}",
	    KI_NO, "grade_latest is 2");
}
END_TEST

START_TEST(eval_not_a_number)
{
	struct ki_cond *c = parse_ok("{\"all\": [{\"col\": \"phase\", \"op\": "
	    "\"==\", \"value\": \"primary\"}, " RWM_LT_65 "]}");

	ck_assert_int_eq(ki_cond_bind(c, hdr, NULL, 0, "in.csv", &err), 0);
	rset("phase", "primary");
	rset("ks2_rwm_exp", "6O");
	ck_assert_int_eq(eval_c(c, 0), -1);
	ck_assert_str_eq(err.field, "ks2_rwm_exp");
	ck_assert_str_eq(err.msg, "\"6O\" is not a number");
	ki_cond_free(c);
	/* Under not, and in the second column of a list. */
	c = parse_ok("{\"not\": {\"col\": [\"grade\", \"grade_latest\"], "
	    "\"op\": \">\", \"value\": 2}}");
	ck_assert_int_eq(ki_cond_bind(c, hdr, NULL, 0, "in.csv", &err), 0);
	rset("grade_latest", "65%");
	ki_err_clear(&err);
	ck_assert_int_eq(eval_c(c, 0), -1);
	ck_assert_str_eq(err.field, "grade_latest");
	ck_assert_str_eq(err.msg, "\"65%\" is not a number");
	ki_cond_free(c);
	/* Even when the parameter it is compared with is not supplied. */
	c = parse_ok("{\"col\": \"ks2_read_prog\", \"op\": \"<\", \"value\": "
	    "{\"param\": \"p\"}}");
	ck_assert_int_eq(ki_cond_bind(c, hdr, NULL, 0, "in.csv", &err), 0);
	rset("ks2_read_prog", " 3");
	ki_err_clear(&err);
	ck_assert_int_eq(eval_c(c, 0), -1);
	ck_assert_str_eq(err.field, "ks2_read_prog");
	ck_assert_str_eq(err.msg, "\" 3\" is not a number");
	ki_cond_free(c);
}
END_TEST

START_TEST(eval_all)
{
	static const char all[] = "{\"all\": [" RWM_LT_65 ", " MAT_LT_5 "]}";

	rset("ks2_rwm_exp", "52");
	rset("ks2_mat_prog", "-5.4");
	expect(all, KI_YES, "ks2_rwm_exp 52 < 65 and ks2_mat_prog -5.4 < -5");
	rset("ks2_mat_prog", "-4");
	expect(all, KI_NO, "ks2_mat_prog -4 >= -5");
	rset("ks2_rwm_exp", "70");
	expect(all, KI_NO, "ks2_rwm_exp 70 >= 65 and ks2_mat_prog -4 >= -5");
	/* A no and an unknown: no. */
	rset("ks2_mat_prog", NULL);
	expect(all, KI_NO, "ks2_rwm_exp 70 >= 65");
	/* A yes and an unknown: unknown, naming the blank. */
	rset("ks2_rwm_exp", "52");
	expect(all, KI_UNKNOWN, "ks2_mat_prog is blank");
	rset("ks2_rwm_exp", NULL);
	expect(all, KI_UNKNOWN, "ks2_rwm_exp is blank, ks2_mat_prog is blank");
}
END_TEST

START_TEST(eval_any)
{
	static const char any[] = "{\"any\": [" READ_LT_5 ", " MAT_LT_5 "]}";

	rset("ks2_read_prog", "-5.1");
	rset("ks2_mat_prog", "-6");
	expect(any, KI_YES, "ks2_read_prog -5.1 < -5 and ks2_mat_prog -6 < -5");
	/* A yes and an unknown: yes. */
	rset("ks2_mat_prog", NULL);
	expect(any, KI_YES, "ks2_read_prog -5.1 < -5");
	/* A no and an unknown: unknown. */
	rset("ks2_read_prog", "0");
	expect(any, KI_UNKNOWN, "ks2_mat_prog is blank");
	rset("ks2_mat_prog", "1.5");
	expect(any, KI_NO, "ks2_read_prog 0 >= -5 and ks2_mat_prog 1.5 >= -5");
	/* Nested: all of (yes, any of (no, unknown)). */
	rset("ks2_rwm_exp", "64");
	rset("ks2_mat_prog", NULL);
	expect("{\"all\": [" RWM_LT_65 ", " "{\"any\": [" READ_LT_5 ", "
	    MAT_LT_5 "]}]}", KI_UNKNOWN, "ks2_mat_prog is blank");
}
END_TEST

START_TEST(eval_not)
{
	static const char not[] = "{\"not\": " READ_LT_5 "}";

	expect(not, KI_UNKNOWN, "ks2_read_prog is blank");
	rset("ks2_read_prog", "-6");
	expect(not, KI_NO, "ks2_read_prog -6 < -5");
	rset("ks2_read_prog", "-4");
	expect(not, KI_YES, "ks2_read_prog -4 >= -5");
	expect("{\"not\": {\"not\": " READ_LT_5 "}}", KI_NO,
	    "ks2_read_prog -4 >= -5");
}
END_TEST

START_TEST(eval_labels)
{
	static const char low[] = "{\"label\": \"low attainment\", \"col\": "
	    "\"ks2_rwm_exp\", \"op\": \"<\", \"value\": 65}";
	static const char both[] = "{\"label\": \"below the floor\", \"all\": "
	    "[{\"label\": \"low attainment\", \"col\": \"ks2_rwm_exp\", "
	    "\"op\": \"<\", \"value\": 65}, " MAT_LT_5 "]}";

	rset("ks2_rwm_exp", "52");
	expect(low, KI_YES, "low attainment (ks2_rwm_exp 52 < 65)");
	rset("ks2_rwm_exp", "70");
	expect(low, KI_NO, "not low attainment (ks2_rwm_exp 70 >= 65)");
	rset("ks2_rwm_exp", NULL);
	/* Unknown: the facts (what is blank) speak for themselves. */
	expect(low, KI_UNKNOWN, "low attainment (ks2_rwm_exp is blank)");
	/* Nested labels. */
	rset("ks2_rwm_exp", "52");
	rset("ks2_mat_prog", "-6");
	expect(both, KI_YES, "below the floor (low attainment (ks2_rwm_exp 52 "
	    "< 65) and ks2_mat_prog -6 < -5)");
	rset("ks2_mat_prog", "0");
	expect(both, KI_NO, "not below the floor (ks2_mat_prog 0 >= -5)");
	rset("ks2_mat_prog", NULL);
	expect(both, KI_UNKNOWN, "below the floor (ks2_mat_prog is blank)");
	/* A label on not says whether the not holds. */
	rset("ks2_read_prog", "-4");
	expect("{\"label\": \"reading fine\", \"not\": " READ_LT_5 "}", KI_YES,
	    "reading fine (ks2_read_prog -4 >= -5)");
}
END_TEST

#define COUNT3 "{\"count\": \"below_floor\", \"equals\": \"yes\", \"from\": -4, " \
	"\"to\": 0, \"op\": \">=\", \"value\": 3}"

START_TEST(eval_count)
{
	/* Three of 2015-2019, one of them this year's row. */
	hset("below_floor", 2015, "yes");
	hset("below_floor", 2016, "no");
	hset("below_floor", 2017, "yes");
	hset("below_floor", 2018, "no");
	rset("below_floor", "yes");
	expect(COUNT3, KI_YES, "below_floor yes in 3 of 2015-2019");
	/* The history's value for this year is not read: the row is. */
	hset("below_floor", 2019, "no");
	expect(COUNT3, KI_YES, "below_floor yes in 3 of 2015-2019");
	/* k >= n: yes even with years unknown. */
	hset("below_floor", 2016, NULL);
	expect(COUNT3, KI_YES, "below_floor yes in 3 of 2015-2019, 1 year "
	    "unknown");
	/* k + unknown < n: no. */
	rset("below_floor", "no");
	hset("below_floor", 2015, "no");
	expect(COUNT3, KI_NO, "below_floor yes in 1 of 2015-2019, 1 year "
	    "unknown");
	/* Else unknown. */
	hset("below_floor", 2018, "");
	expect(COUNT3, KI_UNKNOWN, "below_floor yes in 1 of 2015-2019, 2 years "
	    "unknown");
	/* No history: only this year is known. */
	rset("below_floor", "yes");
	expect_h(COUNT3, 0, KI_UNKNOWN, "below_floor yes in 1 of 2015-2019, 4 "
	    "years unknown");
	rset("below_floor", "no");
	expect_h(COUNT3, 0, KI_UNKNOWN, "below_floor yes in 0 of 2015-2019, 4 "
	    "years unknown");
	expect_h("{\"count\": \"below_floor\", \"equals\": \"yes\", \"from\": "
	    "-1, \"to\": 0, \"op\": \">=\", \"value\": 2}", 0, KI_NO,
	    "below_floor yes in 0 of 2018-2019, 1 year unknown");
	/* Other operators, and a window before this year: 2016 and 2018 are
	 * unknown, 2017 yes. */
	expect("{\"count\": \"below_floor\", \"equals\": \"yes\", \"from\": -3, "
	    "\"to\": -1, \"op\": \"<\", \"value\": 2}", KI_UNKNOWN,
	    "below_floor yes in 1 of 2016-2018, 2 years unknown");
	expect("{\"count\": \"below_floor\", \"equals\": \"yes\", \"from\": -3, "
	    "\"to\": -1, \"op\": \"<\", \"value\": 1}", KI_NO,
	    "below_floor yes in 1 of 2016-2018, 2 years unknown");
	expect("{\"count\": \"below_floor\", \"equals\": \"yes\", \"from\": -3, "
	    "\"to\": -1, \"op\": \"<=\", \"value\": 3}", KI_YES,
	    "below_floor yes in 1 of 2016-2018, 2 years unknown");
	hset("below_floor", 2016, "no");
	hset("below_floor", 2018, "no");
	expect("{\"count\": \"below_floor\", \"equals\": \"yes\", \"from\": -3, "
	    "\"to\": -1, \"op\": \"<\", \"value\": 2}", KI_YES,
	    "below_floor yes in 1 of 2016-2018");
	expect("{\"count\": \"below_floor\", \"equals\": \"yes\", \"from\": -3, "
	    "\"to\": -1, \"op\": \"==\", \"value\": 1}", KI_YES,
	    "below_floor yes in 1 of 2016-2018");
	expect("{\"label\": \"often below\", \"count\": \"below_floor\", "
	    "\"equals\": \"yes\", \"from\": -3, \"to\": -1, \"op\": \">\", "
	    "\"value\": 0}", KI_YES, "often below (below_floor yes in 1 of "
	    "2016-2018)");
}
END_TEST

/*
 * == and != are not monotone in the count: with 1 known and 2 unknown the
 * count may be 1, 2 or 3, so "== 2" and "!= 2" cannot be decided.
 */
START_TEST(eval_count_equals_unknown)
{
	hset("below_floor", 2017, "yes");
	hset("below_floor", 2018, NULL);
	rset("below_floor", NULL);
	expect("{\"count\": \"below_floor\", \"equals\": \"yes\", \"from\": -2, "
	    "\"to\": 0, \"op\": \"==\", \"value\": 2}", KI_UNKNOWN,
	    "below_floor yes in 1 of 2017-2019, 2 years unknown");
}
END_TEST

START_TEST(eval_count_not_equals_unknown)
{
	hset("below_floor", 2017, "yes");
	hset("below_floor", 2018, NULL);
	rset("below_floor", NULL);
	expect("{\"count\": \"below_floor\", \"equals\": \"yes\", \"from\": -2, "
	    "\"to\": 0, \"op\": \"!=\", \"value\": 2}", KI_UNKNOWN,
	    "below_floor yes in 1 of 2017-2019, 2 years unknown");
}
END_TEST

/*
 * cond.h: "Canonical yes/no columns accept true, false, y, n, 1 and 0 too."
 * A count over such a column must count "Y", "true" and "1" as "yes".
 */
START_TEST(eval_count_yes_no)
{
	hset("neet_concern", 2017, "Y");
	hset("neet_concern", 2018, "1");
	rset("neet_concern", "true");
	expect("{\"count\": \"neet_concern\", \"equals\": \"yes\", \"from\": "
	    "-2, \"to\": 0, \"op\": \">=\", \"value\": 3}", KI_YES,
	    "neet_concern yes in 3 of 2017-2019");
}
END_TEST

#define DECLINING "{\"trend\": \"ks2_rwm_exp\", \"years\": 3, \"direction\": " \
	"\"declining\"}"
#define RISING "{\"trend\": \"ks2_rwm_exp\", \"years\": 3, \"direction\": " \
	"\"rising\"}"

START_TEST(eval_trend)
{
	hset("ks2_rwm_exp", 2016, "10");
	hset("ks2_rwm_exp", 2017, "70");
	hset("ks2_rwm_exp", 2018, "65");
	rset("ks2_rwm_exp", "60");
	expect(DECLINING, KI_YES, "ks2_rwm_exp 2017-2019 (70, 65, 60) declining");
	expect(RISING, KI_NO, "ks2_rwm_exp 2017-2019 (70, 65, 60) not rising");
	/* Equal years are not a decline. */
	rset("ks2_rwm_exp", "65");
	expect(DECLINING, KI_NO, "ks2_rwm_exp 2017-2019 (70, 65, 65) not "
	    "declining");
	rset("ks2_rwm_exp", "80");
	expect(RISING, KI_NO, "ks2_rwm_exp 2017-2019 (70, 65, 80) not rising");
	hset("ks2_rwm_exp", 2018, "75.5");
	expect(RISING, KI_YES, "ks2_rwm_exp 2017-2019 (70, 75.5, 80) rising");
	expect("{\"trend\": \"ks2_rwm_exp\", \"years\": 4, \"direction\": "
	    "\"rising\"}", KI_YES, "ks2_rwm_exp 2016-2019 (10, 70, 75.5, 80) "
	    "rising");
	expect("{\"trend\": \"ks2_rwm_exp\", \"years\": 2, \"direction\": "
	    "\"declining\", \"label\": \"falling\"}", KI_NO, "not falling "
	    "(ks2_rwm_exp 2018-2019 (75.5, 80) not declining)");
}
END_TEST

START_TEST(eval_trend_blank)
{
	/*
	 * Fewer years of values than the trend needs: not evidenced, so no,
	 * unless what is known already breaks it; unknown when the
	 * condition asks for it.
	 */
	hset("ks2_rwm_exp", 2017, "70");
	rset("ks2_rwm_exp", "60");
	expect(DECLINING, KI_NO, "ks2_rwm_exp 2017-2019 (70, blank, 60) "
	    "decline not evidenced: only 2 years of results");
	expect("{\"trend\": \"ks2_rwm_exp\", \"years\": 3, \"direction\": "
	    "\"declining\", \"insufficient\": \"unknown\"}", KI_UNKNOWN,
	    "ks2_rwm_exp 2017-2019 (70, blank, 60) decline not evidenced: "
	    "only 2 years of results");
	hset("ks2_rwm_exp", 2017, NULL);
	hset("ks2_rwm_exp", 2018, "65");
	expect(DECLINING, KI_NO, "ks2_rwm_exp 2017-2019 (blank, 65, 60) "
	    "decline not evidenced: only 2 years of results");
	rset("ks2_rwm_exp", "66");
	expect(DECLINING, KI_NO, "ks2_rwm_exp 2017-2019 (blank, 65, 66) not "
	    "declining");
	rset("ks2_rwm_exp", NULL);
	hset("ks2_rwm_exp", 2017, "60");
	expect(DECLINING, KI_NO, "ks2_rwm_exp 2017-2019 (60, 65, blank) not "
	    "declining");
	expect(RISING, KI_NO, "ks2_rwm_exp 2017-2019 (60, 65, blank) "
	    "rise not evidenced: only 2 years of results");
	/* No history at all. */
	rset("ks2_rwm_exp", "60");
	expect_h(DECLINING, 0, KI_NO, "ks2_rwm_exp 2017-2019 (blank, "
	    "blank, 60) decline not evidenced: only 1 year of results");
	rset("ks2_rwm_exp", NULL);
	expect_h(DECLINING, 0, KI_NO, "ks2_rwm_exp 2017-2019 (blank, "
	    "blank, blank) decline not evidenced: no results");
}
END_TEST

START_TEST(eval_trend_not_a_number)
{
	struct ki_cond *c = parse_ok(DECLINING);

	ck_assert_int_eq(ki_cond_bind(c, hdr, NULL, 0, "in.csv", &err), 0);
	hset("ks2_rwm_exp", 2017, "70");
	hset("ks2_rwm_exp", 2018, "SUPP");
	rset("ks2_rwm_exp", "60");
	ck_assert_int_eq(eval_c(c, 1), -1);
	ck_assert_str_eq(err.field, "ks2_rwm_exp");
	ck_assert_str_eq(err.msg, "\"SUPP\" is not a number");
	ki_cond_free(c);
}
END_TEST

/* ki's own "unknown" (what ki-floor writes) is not known, like a blank. */
START_TEST(eval_unknown_word)
{
	rset("ks2_rwm_exp", "unknown");
	expect(RWM_LT_65, KI_UNKNOWN, "ks2_rwm_exp is unknown");
	rset("below_floor", "unknown");
	expect("{\"col\": \"below_floor\", \"op\": \"==\", \"value\": "
	    "\"yes\"}", KI_UNKNOWN, "below_floor is unknown");
	expect("{\"any\": [{\"col\": \"below_floor\", \"op\": \"==\", "
	    "\"value\": \"yes\"}, " RWM_LT_65 "]}", KI_UNKNOWN,
	    "below_floor is unknown, ks2_rwm_exp is unknown");
	/* In a column list the next column is read. */
	rset("grade", "unknown");
	rset("grade_latest", "3");
	expect("{\"col\": [\"grade\", \"grade_latest\"], \"op\": \"==\", "
	    "\"value\": 3}", KI_YES, "grade_latest 3 == 3");
	rset("grade_latest", NULL);
	expect("{\"col\": [\"grade\", \"grade_latest\"], \"op\": \"==\", "
	    "\"value\": 3}", KI_UNKNOWN, "grade and grade_latest are unknown");
	/* In a count's years. */
	hset("below_floor", 2018, "unknown");
	hset("below_floor", 2017, "yes");
	rset("below_floor", "yes");
	expect("{\"count\": \"below_floor\", \"equals\": \"yes\", \"from\": -2, "
	    "\"to\": 0, \"op\": \">=\", \"value\": 3}", KI_UNKNOWN,
	    "below_floor yes in 2 of 2017-2019, 1 year unknown");
	/* "unknown" written as text is still matched by nothing. */
	rset("phase", "unknown");
	expect("{\"col\": \"phase\", \"op\": \"==\", \"value\": "
	    "\"unknown\"}", KI_UNKNOWN, "phase is unknown");
}
END_TEST

/* Canonical yes/no columns read true, Y, 1 and the like as yes or no. */
START_TEST(eval_yes_no)
{
	static const char yes[] = "{\"col\": \"neet_concern\", \"op\": \"==\", "
	    "\"value\": \"yes\"}";
	static const char *const ys[] = { "yes", "Y", "true", "TRUE", "1", NULL };
	static const char *const ns[] = { "no", "n", "False", "0", NULL };
	struct ki_cond *c;
	size_t i;

	for (i = 0; ys[i] != NULL; i++) {
		rset("neet_concern", ys[i]);
		expect(yes, KI_YES, "neet_concern is yes");
	}
	for (i = 0; ns[i] != NULL; i++) {
		rset("neet_concern", ns[i]);
		expect(yes, KI_NO, "neet_concern is no");
	}
	expect("{\"col\": \"neet_concern\", \"op\": \"in\", \"value\": "
	    "[\"no\"]}", KI_YES, "neet_concern is no");
	/* Any column compared with yes or no reads Y as yes, and n/a stays. */
	rset("below_floor", "Y");
	expect("{\"col\": \"below_floor\", \"op\": \"==\", \"value\": "
	    "\"yes\"}", KI_YES, "below_floor is yes");
	rset("below_floor", "n/a");
	expect("{\"col\": \"below_floor\", \"op\": \"==\", \"value\": "
	    "\"yes\"}", KI_NO, "below_floor is n/a");
	/* Neither yes nor no. */
	c = parse_ok(yes);
	ck_assert_int_eq(ki_cond_bind(c, hdr, NULL, 0, "in.csv", &err), 0);
	rset("neet_concern", "maybe");
	ck_assert_int_eq(eval_c(c, 0), -1);
	ck_assert_str_eq(err.field, "neet_concern");
	ck_assert_str_eq(err.msg, "\"maybe\" is not yes or no");
	ki_cond_free(c);
}
END_TEST

/* --- ki_cond_check --- */

static int
opt_fn(const char *name, void *arg)
{
	const char *const *names = arg;
	size_t i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return 0;
}

START_TEST(check_columns)
{
	static const char *const none[] = { NULL };
	static const char *const opt[] = { "ks2_writ_prog", "ofsted", NULL };
	struct ki_cond *c = parse_ok("{\"all\": [" RWM_LT_65 ", {\"not\": "
	    "{\"col\": \"ks2_writ_prog\", \"op\": \"<\", \"value\": -7}}]}");

	ck_assert_int_eq(ki_cond_check(c, hdr, opt_fn, (void *)none, "in.csv",
	    &err), -1);
	ck_assert_str_eq(err.file, "in.csv");
	ck_assert_int_eq(err.line, 1);
	ck_assert_str_eq(err.field, "ks2_writ_prog");
	ck_assert_str_eq(err.msg, "the input has no such column");
	ki_err_clear(&err);
	ck_assert_int_eq(ki_cond_check(c, hdr, opt_fn, (void *)opt, "in.csv",
	    &err), 0);
	ck_assert_str_eq(err.msg, "");
	ki_cond_free(c);
	/* One column of a list is enough; an optional one counts. */
	c = parse_ok("{\"col\": [\"ofsted\", \"grade_latest\"], \"op\": "
	    "\"blank\"}");
	ck_assert_int_eq(ki_cond_check(c, hdr, opt_fn, (void *)none, "in.csv",
	    &err), 0);
	ki_cond_free(c);
	c = parse_ok("{\"col\": [\"ofsted\", \"ofsted_latest\"], \"op\": "
	    "\"blank\"}");
	ck_assert_int_eq(ki_cond_check(c, hdr, opt_fn, (void *)opt, "in.csv",
	    &err), 0);
	ck_assert_int_eq(ki_cond_check(c, hdr, opt_fn, (void *)none, "in.csv",
	    &err), -1);
	ck_assert_str_eq(err.field, "ofsted");
	ck_assert_str_eq(err.msg, "the input has no such column (nor the "
	    "others listed with it)");
	ki_cond_free(c);
	/* Count and trend columns too. */
	c = parse_ok("{\"any\": [" RWM_LT_65 ", {\"count\": \"kent_below\", "
	    "\"equals\": \"yes\", \"from\": -1, \"to\": 0, \"op\": \">=\", "
	    "\"value\": 1}]}");
	ck_assert_int_eq(ki_cond_check(c, hdr, opt_fn, (void *)none, "in.csv",
	    &err), -1);
	ck_assert_str_eq(err.field, "kent_below");
	ki_cond_free(c);
}
END_TEST

/* --- ki_cond_columns, ki_cond_params, ki_cond_history --- */

START_TEST(columns)
{
	struct ki_cond *c = parse_ok("{\"all\": [{\"col\": [\"grade\", "
	    "\"grade_latest\"], \"op\": \"==\", \"value\": 4}, {\"not\": "
	    "{\"count\": \"below_floor\", \"equals\": \"yes\", \"from\": -1, "
	    "\"to\": 0, \"op\": \">=\", \"value\": 1}}, {\"col\": \"grade\", "
	    "\"op\": \"blank\"}, {\"trend\": \"ks4_p8\", \"years\": 3, "
	    "\"direction\": \"rising\"}]}");
	struct ki_hdr *names = ki_hdr_new();

	ck_assert_ptr_nonnull(names);
	ck_assert_int_eq(ki_hdr_add(names, "below_floor"), 0);
	ck_assert_int_eq(ki_cond_columns(c, names), 0);
	/* Each once, in the order met, after those already there. */
	ck_assert_uint_eq(names->n, 4);
	ck_assert_str_eq(names->names[0], "below_floor");
	ck_assert_str_eq(names->names[1], "grade");
	ck_assert_str_eq(names->names[2], "grade_latest");
	ck_assert_str_eq(names->names[3], "ks4_p8");
	ki_hdr_free(names);
	ki_cond_free(c);
}
END_TEST

START_TEST(params_list)
{
	struct ki_cond *c = parse_ok("{\"any\": [{\"col\": \"a\", \"op\": \"<\", "
	    "\"value\": {\"param\": \"p1\"}}, {\"not\": {\"col\": \"b\", "
	    "\"op\": \">\", \"value\": {\"param\": \"p2\", \"about\": \"x\"}}}, "
	    "{\"col\": \"c\", \"op\": \"<\", \"value\": {\"param\": \"p1\"}}, "
	    RWM_LT_65 "]}");
	struct ki_hdr *names = ki_hdr_new();

	ck_assert_ptr_nonnull(names);
	ck_assert_int_eq(ki_cond_params(c, names), 0);
	ck_assert_uint_eq(names->n, 2);
	ck_assert_str_eq(names->names[0], "p1");
	ck_assert_str_eq(names->names[1], "p2");
	ki_cond_free(c);
	c = parse_ok(RWM_LT_65);
	ck_assert_int_eq(ki_cond_params(c, names), 0);
	ck_assert_uint_eq(names->n, 2);
	ki_hdr_free(names);
	ki_cond_free(c);
}
END_TEST

START_TEST(history)
{
	static const struct {
		const char *json;
		int history;
	} t[] = {
		{ RWM_LT_65, 0 },
		{ "{\"all\": [" RWM_LT_65 ", {\"not\": " MAT_LT_5 "}]}", 0 },
		{ COUNT3, 1 },
		{ DECLINING, 1 },
		{ "{\"any\": [" RWM_LT_65 ", {\"not\": " COUNT3 "}]}", 1 },
		{ "{\"all\": [" RWM_LT_65 ", {\"any\": [" DECLINING "]}]}", 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct ki_cond *c = parse_ok(t[i].json);

		ck_assert_msg(ki_cond_history(c) == t[i].history, "%s", t[i].json);
		ki_cond_free(c);
	}
}
END_TEST

static Suite *
cond_suite(void)
{
	Suite *s = suite_create("cond");
	TCase *tc;

	tc = tcase_create("ki_cond_parse");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, parse_shapes);
	tcase_add_test(tc, parse_errors);
	tcase_add_test(tc, parse_place);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_cond_bind");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, bind_strict);
	tcase_add_test(tc, bind_column_list);
	tcase_add_test(tc, bind_params);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_cond_eval");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, eval_compare_numbers);
	tcase_add_test(tc, eval_compare_text);
	tcase_add_test(tc, eval_in);
	tcase_add_test(tc, eval_blank);
	tcase_add_test(tc, eval_column_list);
	tcase_add_test(tc, eval_not_a_number);
	tcase_add_test(tc, eval_all);
	tcase_add_test(tc, eval_any);
	tcase_add_test(tc, eval_not);
	tcase_add_test(tc, eval_labels);
	tcase_add_test(tc, eval_count);
	tcase_add_test(tc, eval_count_equals_unknown);
	tcase_add_test(tc, eval_count_not_equals_unknown);
	tcase_add_test(tc, eval_count_yes_no);
	tcase_add_test(tc, eval_trend);
	tcase_add_test(tc, eval_trend_blank);
	tcase_add_test(tc, eval_trend_not_a_number);
	tcase_add_test(tc, eval_unknown_word);
	tcase_add_test(tc, eval_yes_no);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_cond_check");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, check_columns);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_cond_columns");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, columns);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_cond_params");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, params_list);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_cond_history");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, history);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(cond_suite());
}

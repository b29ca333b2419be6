/* Unit tests for lib/scheme.c: loading schemes and choosing categories. */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "ki/scheme.h"

#include "util.h"

static char spath[128];
static struct ki_err err;

/* The header schools are read with, and one row over it. */
static const char *const cols[] = { "urn", "ofsted_grade", "below_floor",
	"neet_concern", "ks2_rwm_exp", NULL };
#define NCOLS 5
#define YEAR 2019
#define Y0 2010
#define NYEARS 20

static struct ki_hdr *hdr;
static const char *row[NCOLS];
static const char *hist[NCOLS][NYEARS];
static struct ki_choice ch;

static void
setup(void)
{
	util_setup();
	util_path(spath, sizeof(spath), "scheme.json");
	ki_err_clear(&err);
	hdr = util_hdr(cols);
	memset(row, 0, sizeof(row));
	memset(hist, 0, sizeof(hist));
	memset(&ch, 0, sizeof(ch));
}

static void
teardown(void)
{
	ki_hdr_free(hdr);
	ki_choice_free(&ch);
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
	(void)arg;
	ck_assert(c >= 0 && c < NCOLS);
	if (year < Y0 || year >= Y0 + NYEARS)
		return NULL;
	return hist[c][year - Y0];
}

static struct ki_scheme *
load_ok(const char *json)
{
	struct ki_scheme *s;

	util_wfile(spath, json);
	s = ki_scheme_load(spath, &err);
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
	ck_assert_msg(ki_scheme_load(spath, &err) == NULL, "loaded: %s", json);
	util_err_is(&err, spath, line, field, msg);
}

/* Choose for the row and check the category, the reason and the set. */
static void
chosen(const struct ki_scheme *s, const char *category, const char *why,
    const char *set0, const char *set1)
{
	struct ki_cond_ctx ctx = { row, YEAR, hist_fn, NULL, NULL };
	int rc = ki_scheme_choose(s, &ctx, &ch, &err);

	ck_assert_msg(rc == 0, "choose failed: %s: %s", err.field, err.msg);
	ck_assert_str_eq(ch.category, category);
	ck_assert_str_eq(ki_buf_str(&ch.why), why);
	ck_assert_ptr_nonnull(ch.set);
	if (set0 == NULL)
		ck_assert_ptr_null(ch.set[0]);
	else
		ck_assert_str_eq(ch.set[0], set0);
	if (set1 == NULL)
		ck_assert_ptr_null(ch.set[1]);
	else
		ck_assert_str_eq(ch.set[1], set1);
}

#define RAG_HEAD \
	"{\n" \
	"  \"scheme\": \"t-rag\",\n" \
	"  \"description\": \"a scheme for tests\",\n" \
	"  \"source\": \"nowhere\",\n" \
	"  \"columns\": [\"support\", \"days\"],\n" \
	"  \"optional\": [\"neet_concern\"],\n"
#define RAG_CATS \
	"  \"categories\": [\n" \
	"    {\"name\": \"Red\", \"when\": {\"any\": [\n" \
	"       {\"col\": \"ofsted_grade\", \"op\": \"==\", \"value\": 4},\n" \
	"       {\"col\": \"below_floor\", \"op\": \"==\", \"value\": \"yes\"}]},\n" \
	"     \"set\": {\"support\": \"intensive\", \"days\": \"20\"},\n" \
	"     \"quote\": \"Inadequate or below the floor\"},\n" \
	"    {\"name\": \"Red\", \"when\": {\"col\": \"neet_concern\", \"op\": " \
	"\"==\", \"value\": \"yes\"},\n" \
	"     \"set\": {\"support\": \"intensive\", \"days\": \"20\"}},\n" \
	"    {\"name\": \"Amber\", \"when\": {\"col\": \"ofsted_grade\", \"op\": " \
	"\"==\", \"value\": 3}, \"set\": {\"support\": \"some\"}},\n" \
	"    {\"name\": \"Green\", \"otherwise\": true, \"set\": {\"days\": " \
	"\"2\"}}\n" \
	"  ]\n" \
	"}\n"

static const char rag[] = RAG_HEAD RAG_CATS;
static const char rag_missing[] = RAG_HEAD "  \"missing\": \"Amber\",\n"
    RAG_CATS;

static struct ki_scheme *
bound(const char *json)
{
	struct ki_scheme *s = load_ok(json);

	ck_assert_int_eq(ki_scheme_bind(s, hdr, NULL, "in.csv", &err), 0);
	return s;
}

/* --- ki_scheme_load --- */

START_TEST(load_valid)
{
	struct ki_scheme *s = load_ok(rag);

	ck_assert_str_eq(ki_scheme_name(s), "t-rag");
	ck_assert_uint_eq(ki_scheme_ncols(s), 2);
	ck_assert_str_eq(ki_scheme_col(s, 0), "support");
	ck_assert_str_eq(ki_scheme_col(s, 1), "days");
	ki_scheme_free(s);
	ki_scheme_free(NULL);
	/* The least a scheme needs. */
	s = load_ok("{\"scheme\": \"min\", \"categories\": [{\"name\": \"All\", "
	    "\"otherwise\": true}]}");
	ck_assert_str_eq(ki_scheme_name(s), "min");
	ck_assert_uint_eq(ki_scheme_ncols(s), 0);
	ki_scheme_free(s);
}
END_TEST

START_TEST(load_errors)
{
	static const char cond[] = "{\"col\": \"ofsted_grade\", \"op\": \"==\", "
	    "\"value\": 4}";
	char json[2048];

	/* A category with no condition. */
	snprintf(json, sizeof(json), "{\"scheme\": \"s\", \"categories\": ["
	    "{\"name\": \"Red\", \"when\": %s}, {\"name\": \"Amber\"}, "
	    "{\"name\": \"Green\", \"otherwise\": true}]}", cond);
	load_fails(json, 0, "categories[1]", "has no condition: give \"when\", "
	    "or \"otherwise\": true on the last category");
	/* otherwise not last. */
	snprintf(json, sizeof(json), "{\"scheme\": \"s\", \"categories\": ["
	    "{\"name\": \"Green\", \"otherwise\": true}, {\"name\": \"Red\", "
	    "\"when\": %s}]}", cond);
	load_fails(json, 0, "categories[0]", "only the last category may be "
	    "\"otherwise\"");
	snprintf(json, sizeof(json), "{\"scheme\": \"s\", \"categories\": ["
	    "{\"name\": \"Green\", \"otherwise\": true, \"when\": %s}]}", cond);
	load_fails(json, 0, "categories[0]", "\"otherwise\" must be true, and "
	    "comes without \"when\"");
	load_fails("{\"scheme\": \"s\", \"categories\": [{\"name\": \"Green\", "
	    "\"otherwise\": false}]}", 0, "categories[0]",
	    "\"otherwise\" must be true");
	/* set naming an unknown column, or not a string. */
	snprintf(json, sizeof(json), "{\"scheme\": \"s\", \"columns\": "
	    "[\"days\"], \"categories\": [{\"name\": \"Red\", \"when\": %s, "
	    "\"set\": {\"dayz\": \"20\"}}]}", cond);
	load_fails(json, 0, "categories[0].set", "\"dayz\" is not one of the "
	    "scheme's columns");
	snprintf(json, sizeof(json), "{\"scheme\": \"s\", \"categories\": ["
	    "{\"name\": \"Red\", \"when\": %s, \"set\": {\"days\": \"20\"}}]}",
	    cond);
	load_fails(json, 0, "categories[0].set", "\"days\" is not one of");
	snprintf(json, sizeof(json), "{\"scheme\": \"s\", \"columns\": "
	    "[\"days\"], \"categories\": [{\"name\": \"Red\", \"when\": %s, "
	    "\"set\": {\"days\": 20}}]}", cond);
	load_fails(json, 0, "categories[0].set", "days: values must be "
	    "strings");
	snprintf(json, sizeof(json), "{\"scheme\": \"s\", \"columns\": "
	    "[\"days\"], \"categories\": [{\"name\": \"Red\", \"when\": %s, "
	    "\"set\": [\"20\"]}]}", cond);
	load_fails(json, 0, "categories[0].set", "must be an object of column "
	    "to value");
	/* missing naming no category. */
	snprintf(json, sizeof(json), "{\"scheme\": \"s\", \"missing\": "
	    "\"amber\", \"categories\": [{\"name\": \"Red\", \"when\": %s}, "
	    "{\"name\": \"Amber\", \"otherwise\": true}]}", cond);
	load_fails(json, 0, "missing", "names no category of the scheme");
	load_fails("{\"scheme\": \"s\", \"missing\": 1, \"categories\": [{"
	    "\"name\": \"A\", \"otherwise\": true}]}", 0, "missing",
	    "must name a category");
	/* Unknown keys. */
	load_fails("{\"scheme\": \"s\", \"colour\": \"red\", \"categories\": [{"
	    "\"name\": \"A\", \"otherwise\": true}]}", 0, "",
	    "unknown key \"colour\"");
	snprintf(json, sizeof(json), "{\"scheme\": \"s\", \"categories\": ["
	    "{\"name\": \"Red\", \"wen\": %s}]}", cond);
	load_fails(json, 0, "categories[0]", "unknown key \"wen\"");
	/* A bad condition inside: its place. */
	snprintf(json, sizeof(json), "{\"scheme\": \"s\", \"categories\": ["
	    "{\"name\": \"Red\", \"when\": %s}, {\"name\": \"Amber\", "
	    "\"when\": %s}, {\"name\": \"Yellow\", \"when\": {\"all\": [%s, "
	    "{\"col\": \"x\", \"op\": \"=/=\", \"value\": 1}]}}, {\"name\": "
	    "\"Green\", \"otherwise\": true}]}", cond, cond, cond);
	load_fails(json, 0, "categories[2].when.all[1].op",
	    "unknown operator \"=/=\"");
	snprintf(json, sizeof(json), "{\"scheme\": \"s\", \"categories\": ["
	    "{\"name\": \"Red\", \"when\": %s}, {\"name\": \"Amber\", "
	    "\"when\": %s}, {\"name\": \"Yellow\", \"when\": {\"col\": \"x\", "
	    "\"op\": \"<\", \"value\": \"3\"}}]}", cond, cond);
	load_fails(json, 0, "categories[2].when.value", "\"<\" needs a number");
	load_fails("{\"scheme\": \"s\", \"categories\": [{\"name\": \"Red\", "
	    "\"when\": {\"label\": 1, \"col\": \"x\", \"op\": \"blank\"}}]}", 0, "categories[0].when", "label must be a string");
	/* The rest of a category. */
	snprintf(json, sizeof(json), "{\"scheme\": \"s\", \"categories\": ["
	    "{\"when\": %s}]}", cond);
	load_fails(json, 0, "categories[0]", "needs a \"name\"");
	snprintf(json, sizeof(json), "{\"scheme\": \"s\", \"categories\": ["
	    "{\"name\": \"\", \"when\": %s}]}", cond);
	load_fails(json, 0, "categories[0]", "needs a \"name\"");
	snprintf(json, sizeof(json), "{\"scheme\": \"s\", \"categories\": ["
	    "{\"name\": \"Red\", \"when\": %s, \"quote\": 2}]}", cond);
	load_fails(json, 0, "categories[0]", "\"quote\" must be a string");
	load_fails("{\"scheme\": \"s\", \"categories\": [\"Red\"]}", 0,
	    "categories[0]", "a category must be an object");
	/* The top level. */
	load_fails("{\"scheme\": \"s\", \"categories\": []}", 0, "categories",
	    "must be a non-empty array");
	load_fails("{\"scheme\": \"s\"}", 0, "categories",
	    "must be a non-empty array");
	load_fails("{\"categories\": [{\"name\": \"A\", \"otherwise\": true}]}",
	    0, "scheme", "must name the scheme");
	load_fails("{\"scheme\": \"s\", \"description\": 1, \"categories\": [{"
	    "\"name\": \"A\", \"otherwise\": true}]}", 0, "description",
	    "must be a string");
	load_fails("{\"scheme\": \"s\", \"source\": [], \"categories\": [{"
	    "\"name\": \"A\", \"otherwise\": true}]}", 0, "source",
	    "must be a string");
	load_fails("{\"scheme\": \"s\", \"columns\": \"days\", \"categories\": [{"
	    "\"name\": \"A\", \"otherwise\": true}]}", 0, "columns",
	    "must be an array of names");
	load_fails("{\"scheme\": \"s\", \"columns\": [\"\"], \"categories\": [{"
	    "\"name\": \"A\", \"otherwise\": true}]}", 0, "columns",
	    "must hold names");
	load_fails("{\"scheme\": \"s\", \"optional\": \"x\", \"categories\": [{"
	    "\"name\": \"A\", \"otherwise\": true}]}", 0, "optional",
	    "must be an array of column names");
	load_fails("{\"scheme\": \"s\", \"optional\": [1], \"categories\": [{"
	    "\"name\": \"A\", \"otherwise\": true}]}", 0, "optional",
	    "must hold column names");
	load_fails("[]", 0, "", "a scheme must be a JSON object");
}
END_TEST

START_TEST(load_bad_json)
{
	load_fails("{\n  \"scheme\": \"s\",\n  \"categories\": [\n  ]]\n}\n", 4,
	    "", "invalid JSON");
	load_fails("{\n  \"scheme\": \"s\",\n  \"scheme\": \"t\"\n}\n", 3, "",
	    "invalid JSON");
	util_path(spath, sizeof(spath), "none.json");
	ck_assert_ptr_null(ki_scheme_load(spath, &err));
	ck_assert_str_eq(err.file, spath);
	ck_assert_int_eq(err.line, 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "No such file or directory"));
}
END_TEST

/* --- ki_scheme_bind --- */

START_TEST(bind_missing_column)
{
	struct ki_scheme *s = load_ok(rag);
	struct ki_hdr *h = ki_hdr_new();

	ck_assert_ptr_nonnull(h);
	ck_assert_int_eq(ki_hdr_add(h, "ofsted_grade"), 0);
	ck_assert_int_eq(ki_hdr_add(h, "neet_concern"), 1);
	ck_assert_int_eq(ki_scheme_bind(s, h, NULL, "in.csv", &err), -1);
	ck_assert_str_eq(err.file, "in.csv");
	ck_assert_int_eq(err.line, 1);
	ck_assert_str_eq(err.field, "below_floor");
	ck_assert_str_eq(err.msg, "the input has no such column, which scheme "
	    "t-rag needs");
	ki_hdr_free(h);
	ki_scheme_free(s);
	/* A column list needs one of its columns. */
	s = load_ok("{\"scheme\": \"s\", \"categories\": [{\"name\": \"A\", "
	    "\"when\": {\"col\": [\"ofsted_grade\", \"ofsted_grade_latest\"], "
	    "\"op\": \"==\", \"value\": 4}}]}");
	h = ki_hdr_new();
	ck_assert_ptr_nonnull(h);
	ck_assert_int_eq(ki_hdr_add(h, "urn"), 0);
	ki_err_clear(&err);
	ck_assert_int_eq(ki_scheme_bind(s, h, NULL, "in.csv", &err), -1);
	ck_assert_str_eq(err.field, "ofsted_grade");
	ck_assert_str_eq(err.msg, "the input has no such column (nor the others "
	    "listed with it), which scheme s needs");
	ck_assert_int_eq(ki_hdr_add(h, "ofsted_grade_latest"), 1);
	ck_assert_int_eq(ki_scheme_bind(s, h, NULL, "in.csv", &err), 0);
	ki_hdr_free(h);
	ki_scheme_free(s);
}
END_TEST

START_TEST(bind_optional)
{
	struct ki_scheme *s = load_ok(rag);
	struct ki_hdr *h = ki_hdr_new();
	const char *r[2] = { "2", "no" };
	struct ki_cond_ctx ctx = { r, YEAR, NULL, NULL, NULL };

	/* neet_concern is optional: without it, it reads as blank. */
	ck_assert_ptr_nonnull(h);
	ck_assert_int_eq(ki_hdr_add(h, "ofsted_grade"), 0);
	ck_assert_int_eq(ki_hdr_add(h, "below_floor"), 1);
	ck_assert_int_eq(ki_scheme_bind(s, h, NULL, "in.csv", &err), 0);
	ck_assert_int_eq(ki_scheme_choose(s, &ctx, &ch, &err), 0);
	ck_assert_str_eq(ch.category, "unknown");
	ck_assert_str_eq(ki_buf_str(&ch.why), "cannot tell whether Red: "
	    "neet_concern is blank");
	ki_hdr_free(h);
	ki_scheme_free(s);
}
END_TEST

/* --- ki_scheme_choose --- */

START_TEST(choose_first_match)
{
	struct ki_scheme *s = bound(rag);

	rset("ofsted_grade", "4");
	rset("below_floor", "no");
	rset("neet_concern", "no");
	chosen(s, "Red", "ofsted_grade 4 == 4", "intensive", "20");
	/* The first whose condition holds wins, even if a later one holds. */
	rset("ofsted_grade", "3");
	rset("neet_concern", "yes");
	chosen(s, "Red", "neet_concern is yes", "intensive", "20");
	rset("neet_concern", "no");
	chosen(s, "Amber", "ofsted_grade 3 == 3", "some", NULL);
	/* A yes beside a blank in an any decides. */
	rset("ofsted_grade", NULL);
	rset("below_floor", "yes");
	chosen(s, "Red", "below_floor is yes", "intensive", "20");
	ki_scheme_free(s);
}
END_TEST

START_TEST(choose_otherwise)
{
	struct ki_scheme *s = bound(rag);

	rset("ofsted_grade", "2");
	rset("below_floor", "no");
	rset("neet_concern", "no");
	/* Why not each earlier one; two Reds in a row under one name. */
	chosen(s, "Green", "not Red: ofsted_grade 2 != 4 and below_floor is no; "
	    "neet_concern is no; not Amber: ofsted_grade 2 != 3", NULL, "2");
	ki_scheme_free(s);
}
END_TEST

START_TEST(choose_unknown)
{
	struct ki_scheme *s = bound(rag);

	rset("below_floor", "no");
	rset("neet_concern", "no");
	/* Never a lower category by default. */
	chosen(s, "unknown", "cannot tell whether Red: ofsted_grade is blank",
	    NULL, NULL);
	rset("ofsted_grade", "2");
	rset("neet_concern", NULL);
	chosen(s, "unknown", "cannot tell whether Red: neet_concern is blank",
	    NULL, NULL);
	/* Red on an earlier condition is not stopped by a later blank. */
	rset("below_floor", "yes");
	chosen(s, "Red", "below_floor is yes", "intensive", "20");
	ki_scheme_free(s);
	/* A blank for Amber, once Red is ruled out. */
	rset("below_floor", "no");
	s = bound("{\"scheme\": \"s\", \"columns\": [\"a\", \"b\"], "
	    "\"categories\": [{\"name\": \"Red\", \"when\": {\"col\": "
	    "\"below_floor\", \"op\": \"==\", \"value\": \"yes\"}}, "
	    "{\"name\": \"Amber\", \"when\": {\"col\": \"ks2_rwm_exp\", \"op\": "
	    "\"<\", \"value\": 65}}, {\"name\": \"Green\", \"otherwise\": "
	    "true}]}");
	chosen(s, "unknown", "cannot tell whether Amber: ks2_rwm_exp is blank",
	    NULL, NULL);
	ki_scheme_free(s);
}
END_TEST

START_TEST(choose_missing)
{
	struct ki_scheme *s = bound(rag_missing);

	rset("below_floor", "no");
	rset("neet_concern", "no");
	chosen(s, "Amber", "cannot tell whether Red: ofsted_grade is blank; the "
	    "scheme gives Amber for missing data", "some", NULL);
	rset("ofsted_grade", "2");
	chosen(s, "Green", "not Red: ofsted_grade 2 != 4 and below_floor is no; "
	    "neet_concern is no; not Amber: ofsted_grade 2 != 3", NULL, "2");
	ki_scheme_free(s);
}
END_TEST

START_TEST(choose_none)
{
	struct ki_scheme *s = bound("{\"scheme\": \"s\", \"columns\": [\"a\", "
	    "\"b\"], \"categories\": [{\"name\": \"Red\", \"when\": {\"col\": "
	    "\"below_floor\", \"op\": \"==\", \"value\": \"yes\"}, \"set\": "
	    "{\"a\": \"x\"}}]}");

	rset("below_floor", "no");
	chosen(s, "none", "no category's condition holds", NULL, NULL);
	rset("below_floor", "yes");
	chosen(s, "Red", "below_floor is yes", "x", NULL);
	ki_scheme_free(s);
}
END_TEST

START_TEST(choose_labels)
{
	struct ki_scheme *s = bound("{\"scheme\": \"s\", \"columns\": [\"a\", "
	    "\"b\"], \"categories\": [{\"name\": \"Red\", \"when\": {\"label\": "
	    "\"Inadequate\", \"col\": \"ofsted_grade\", \"op\": \"==\", "
	    "\"value\": 4}}, {\"name\": \"Green\", \"otherwise\": true}]}");

	rset("ofsted_grade", "4");
	chosen(s, "Red", "Inadequate (ofsted_grade 4 == 4)", NULL, NULL);
	rset("ofsted_grade", "1");
	chosen(s, "Green", "not Red: not Inadequate (ofsted_grade 1 != 4)", NULL,
	    NULL);
	rset("ofsted_grade", NULL);
	chosen(s, "unknown", "cannot tell whether Red: Inadequate (ofsted_grade "
	    "is blank)", NULL, NULL);
	/* ki-floor's "unknown" is not known either. */
	rset("ofsted_grade", "unknown");
	chosen(s, "unknown", "cannot tell whether Red: Inadequate (ofsted_grade "
	    "is unknown)", NULL, NULL);
	ki_scheme_free(s);
}
END_TEST

START_TEST(choose_history)
{
	struct ki_scheme *s = bound("{\"scheme\": \"s\", \"columns\": [\"a\", "
	    "\"b\"], \"categories\": [{\"name\": \"Amber\", \"when\": "
	    "{\"trend\": \"ks2_rwm_exp\", \"years\": 3, \"direction\": "
	    "\"declining\"}, \"set\": {\"b\": \"y\"}}, {\"name\": \"Green\", "
	    "\"otherwise\": true}]}");

	hset("ks2_rwm_exp", 2017, "70");
	hset("ks2_rwm_exp", 2018, "65");
	rset("ks2_rwm_exp", "60");
	chosen(s, "Amber", "ks2_rwm_exp 2017-2019 (70, 65, 60) declining", NULL,
	    "y");
	rset("ks2_rwm_exp", "66");
	chosen(s, "Green", "not Amber: ks2_rwm_exp 2017-2019 (70, 65, 66) not "
	    "declining", NULL, NULL);
	ki_scheme_free(s);
}
END_TEST

START_TEST(choose_not_a_number)
{
	struct ki_scheme *s = bound(rag);
	struct ki_cond_ctx ctx = { row, YEAR, NULL, NULL, NULL };

	rset("ofsted_grade", "Good");
	ck_assert_int_eq(ki_scheme_choose(s, &ctx, &ch, &err), -1);
	ck_assert_str_eq(err.field, "ofsted_grade");
	ck_assert_str_eq(err.msg, "\"Good\" is not a number");
	ki_scheme_free(s);
}
END_TEST

/* --- ki_scheme_columns --- */

START_TEST(columns)
{
	struct ki_scheme *s = load_ok(rag);
	struct ki_hdr *h = ki_scheme_columns(s);

	ck_assert_ptr_nonnull(h);
	ck_assert_uint_eq(h->n, 3);
	ck_assert_str_eq(h->names[0], "ofsted_grade");
	ck_assert_str_eq(h->names[1], "below_floor");
	ck_assert_str_eq(h->names[2], "neet_concern");
	ki_hdr_free(h);
	ki_scheme_free(s);
	s = load_ok("{\"scheme\": \"s\", \"categories\": [{\"name\": \"A\", "
	    "\"when\": {\"col\": [\"ofsted_grade\", \"ofsted_grade_latest\"], "
	    "\"op\": \"blank\"}}, {\"name\": \"B\", \"when\": {\"count\": "
	    "\"below_floor\", \"equals\": \"yes\", \"from\": -2, \"to\": 0, "
	    "\"op\": \">=\", \"value\": 2}}, {\"name\": \"C\", "
	    "\"otherwise\": true}]}");
	h = ki_scheme_columns(s);
	ck_assert_ptr_nonnull(h);
	ck_assert_uint_eq(h->n, 3);
	ck_assert_str_eq(h->names[0], "ofsted_grade");
	ck_assert_str_eq(h->names[1], "ofsted_grade_latest");
	ck_assert_str_eq(h->names[2], "below_floor");
	ki_hdr_free(h);
	ki_scheme_free(s);
	/* Only otherwise: no columns. */
	s = load_ok("{\"scheme\": \"s\", \"categories\": [{\"name\": \"A\", "
	    "\"otherwise\": true}]}");
	h = ki_scheme_columns(s);
	ck_assert_ptr_nonnull(h);
	ck_assert_uint_eq(h->n, 0);
	ki_hdr_free(h);
	ki_scheme_free(s);
}
END_TEST

/* A scheme's columns are added: one the input has would be written twice. */
START_TEST(load_column_clash)
{
#define CLASH(cols, extra) "{\"scheme\": \"s\", \"columns\": " cols ", " \
	extra "\"categories\": [{\"name\": \"Red\", \"when\": {\"col\": " \
	"\"la_rag\", \"op\": \"==\", \"value\": \"red\"}}, {\"name\": " \
	"\"Green\", \"otherwise\": true}]}"
	struct ki_scheme *s;

	load_fails(CLASH("[\"days\", \"urn\"]", ""), 0, "columns[1]",
	    "\"urn\" is a canonical input column");
	load_fails(CLASH("[\"la_rag\"]", ""), 0, "columns[0]",
	    "\"la_rag\" is an input column the scheme's conditions read");
	load_fails(CLASH("[\"days\", \"neet_rate\"]",
	    "\"optional\": [\"neet_rate\"], "), 0, "columns[1]",
	    "lists as optional");
	load_fails(CLASH("[\"category\"]", ""), 0, "columns[0]",
	    "ki-categorise adds");
	load_fails(CLASH("[\"below_floor\"]", ""), 0, "columns[0]",
	    "ki-floor");
	load_fails(CLASH("[\"days\", \"days\"]", ""), 0, "columns[1]",
	    "listed twice");
	util_wfile(spath, CLASH("[\"days\", \"rag_phase\"]", ""));
	s = ki_scheme_load(spath, &err);
	ck_assert_msg(s != NULL, "%s: %s", err.field, err.msg);
	ki_scheme_free(s);
#undef CLASH
}
END_TEST

static Suite *
scheme_suite(void)
{
	Suite *s = suite_create("scheme");
	TCase *tc;

	tc = tcase_create("ki_scheme_load");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, load_valid);
	tcase_add_test(tc, load_errors);
	tcase_add_test(tc, load_column_clash);
	tcase_add_test(tc, load_bad_json);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_scheme_bind");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, bind_missing_column);
	tcase_add_test(tc, bind_optional);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_scheme_choose");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, choose_first_match);
	tcase_add_test(tc, choose_otherwise);
	tcase_add_test(tc, choose_unknown);
	tcase_add_test(tc, choose_missing);
	tcase_add_test(tc, choose_none);
	tcase_add_test(tc, choose_labels);
	tcase_add_test(tc, choose_history);
	tcase_add_test(tc, choose_not_a_number);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_scheme_columns");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, columns);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(scheme_suite());
}

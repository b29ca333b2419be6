/* Unit tests for lib/map.c: loading column maps and applying them to rows. */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "ki/map.h"

#include "util.h"

static char mpath[128], dpath[128];
static struct ki_err err;

static void
setup(void)
{
	util_setup();
	util_path(mpath, sizeof(mpath), "map.json");
	util_path(dpath, sizeof(dpath), "data.csv");
	ki_err_clear(&err);
}

static struct ki_map *
load_ok(const char *json)
{
	struct ki_map *m;

	util_wfile(mpath, json);
	m = ki_map_load(mpath, &err);
	ck_assert_msg(m != NULL, "load failed: %s:%ld: %s: %s", err.file,
	    err.line, err.field, err.msg);
	return m;
}

/* Loading json fails with err at field, with msg in the message. */
static void
load_fails(const char *json, long line, const char *field, const char *msg)
{
	util_wfile(mpath, json);
	ki_err_clear(&err);
	ck_assert_ptr_null(ki_map_load(mpath, &err));
	util_err_is(&err, mpath, line, field, msg);
}

static const char full_map[] =
	"{\n"
	"  \"map\": \"test-layout\",\n"
	"  \"description\": \"a layout for tests\",\n"
	"  \"source\": \"nowhere\",\n"
	"  \"kind\": \"school\",\n"
	"  \"encoding\": \"cp1252\",\n"
	"  \"pad_short_rows\": true,\n"
	"  \"keep\": {\"RECTYPE\": [\"1\", \"2\"]},\n"
	"  \"columns\": {\n"
	"    \"urn\": {\"from\": [\"URN\", \"urn_alt\"], \"required\": true},\n"
	"    \"laestab\": {\"concat\": [\"LEA\", \"ESTAB\"]},\n"
	"    \"phase\": {\"first\": [\n"
	"      {\"from\": \"RECTYPE\", \"lookup\": {\"2\": \"special\"},"
	"       \"default\": \"\"},\n"
	"      {\"value\": \"primary\"}]},\n"
	"    \"name\": \"SCHNAME\",\n"
	"    \"ks2_rwm_exp\": {\"from\": \"PTRWM_EXP\", \"type\": \"number\"},\n"
	"    \"funding\": {\"from\": \"NFTYPE\", \"lookup\": {\"CY\": "
	"\"maintained\", \"AC\": \"academy\", \"SM\": \"special\", \"XX\": \"\"}},\n"
	"    \"ofsted_grade\": {\"from\": \"GRADE\", \"type\": \"grade\"},\n"
	"    \"ofsted_date\": {\"from\": \"INSPDATE\", \"type\": \"date\"},\n"
	"    \"low_roll\": {\"from\": \"LOWROLL\", \"type\": \"bool\","
	" \"blank\": [\"0\"]},\n"
	"    \"absent\": \"NOT_IN_FILE\"\n"
	"  }\n"
	"}\n";

static const char full_data[] =
	"RECTYPE,URN,LEA,ESTAB,SCHNAME,PTRWM_EXP,NFTYPE,GRADE,INSPDATE,LOWROLL\n"
	"1,100001,850,2001,Abbey,65%,CY,2,19/11/2014,1\n"
	"2,100002,850,2002,Beech,SUPP,SM ,9,2014-11-19,0\n"
	"4,100003,850,2003,Cedar,70,AC,1,01/09/2015,no\n"
	"1,100004,,2004,Dene,x,XX,,,\n"
	"1, 100005 ,850,2005,Elm,NE,ZZ,3,,\n"
	"1,100006,850,2006,Fir,6O,CY,3,,\n"
	"2,100007,850,2007,Gorse,80,AC,5,,\n";

START_TEST(load_valid)
{
	struct ki_map *m = load_ok(full_map);
	static const char *const cols[] = { "urn", "laestab", "phase", "name",
	    "ks2_rwm_exp", "funding", "ofsted_grade", "ofsted_date", "low_roll",
	    "absent" };
	size_t i;

	ck_assert_str_eq(ki_map_name(m), "test-layout");
	ck_assert_str_eq(ki_map_description(m), "a layout for tests");
	ck_assert_int_eq(ki_map_kind(m), KI_MAP_SCHOOL);
	ck_assert_int_eq(ki_map_flags(m), KI_RD_CP1252 | KI_RD_PAD_SHORT);
	ck_assert_int_eq(ki_map_year_from_suffix(m), 0);
	ck_assert_uint_eq(ki_map_ncols(m), 10);
	for (i = 0; i < 10; i++)
		ck_assert_str_eq(ki_map_col(m, i), cols[i]);
	ki_map_free(m);
	ki_map_free(NULL);
}
END_TEST

START_TEST(load_defaults)
{
	struct ki_map *m = load_ok("{\"year_from_suffix\": true, "
	    "\"kind\": \"inspection\", \"encoding\": \"utf-8\", "
	    "\"pad_short_rows\": false, \"columns\": {\"urn\": \"URN\"}}");

	/* Without "map" the name is the path. */
	ck_assert_str_eq(ki_map_name(m), mpath);
	ck_assert_str_eq(ki_map_description(m), "");
	ck_assert_int_eq(ki_map_kind(m), KI_MAP_INSPECTION);
	ck_assert_int_eq(ki_map_flags(m), 0);
	ck_assert_int_eq(ki_map_year_from_suffix(m), 1);
	ck_assert_uint_eq(ki_map_ncols(m), 1);
	ki_map_free(m);
	m = load_ok("{\"columns\": {\"b\": \"B\", \"a\": \"A\"}}");
	ck_assert_int_eq(ki_map_kind(m), KI_MAP_YEAR);
	ck_assert_str_eq(ki_map_col(m, 0), "b");
	ck_assert_str_eq(ki_map_col(m, 1), "a");
	ki_map_free(m);
}
END_TEST

START_TEST(load_errors)
{
	load_fails("{\"columns\": {\"urn\": \"URN\"}, \"colums\": {}}", 0, "",
	    "unknown key \"colums\"");
	load_fails("{\"columns\": {\"urn\": {\"frm\": \"URN\"}}}", 0,
	    "columns.urn", "unknown key \"frm\"");
	load_fails("{\"columns\": {\"x\": {\"from\": \"X\", \"type\": "
	    "\"nmber\"}}}", 0, "columns.x.type", "nmber");
	load_fails("{\"columns\": {\"x\": {\"from\": \"X\", \"type\": 3}}}", 0,
	    "columns.x.type", "unknown type");
	load_fails("{\"columns\": {\"x\": {\"from\": \"X\", \"default\": "
	    "\"d\"}}}", 0, "columns.x", "default needs a lookup");
	load_fails("{\"columns\": {\"x\": {\"from\": \"X\", \"value\": "
	    "\"v\"}}}", 0, "columns.x", "only one");
	load_fails("{\"columns\": {\"x\": {\"type\": \"text\"}}}", 0,
	    "columns.x", "needs one of");
	load_fails("{\"map\": \"m\"}", 0, "", "\"columns\"");
	load_fails("{\"columns\": {}}", 0, "columns", "non-empty");
	load_fails("{\"columns\": [\"urn\"]}", 0, "columns", "non-empty");
	load_fails("[]", 0, "", "JSON object");
	load_fails("{\"kind\": \"yearly\", \"columns\": {\"a\": \"A\"}}", 0,
	    "kind", "yearly");
	load_fails("{\"encoding\": \"latin1\", \"columns\": {\"a\": \"A\"}}", 0,
	    "encoding", "latin1");
	load_fails("{\"pad_short_rows\": 1, \"columns\": {\"a\": \"A\"}}", 0,
	    "pad_short_rows", "true or false");
	load_fails("{\"keep\": {\"A\": \"1\"}, \"columns\": {\"a\": \"A\"}}", 0,
	    "keep", "array");
	load_fails("{\"columns\": {\"a\": {\"from\": \"A\", \"lookup\": "
	    "{\"x\": 1}}}}", 0, "columns.a.lookup", "strings");
	load_fails("{\"columns\": {\"a\": {\"from\": []}}}", 0,
	    "columns.a.from", "non-empty array");
	load_fails("{\"columns\": {\"a\": {\"from\": [\"A\", 2]}}}", 0,
	    "columns.a.from", "only strings");
	load_fails("{\"columns\": {\"a\": 5}}", 0, "columns.a",
	    "column name or an object");
	load_fails("{\"columns\": {\"a\": {\"from\": \"A\", \"required\": "
	    "\"yes\"}}}", 0, "columns.a.required", "true or false");
	/* The place inside a "first" list. */
	load_fails("{\"columns\": {\"phase\": {\"first\": [\"A\", "
	    "{\"frm\": \"B\"}]}}}", 0, "columns.phase.first[1]",
	    "unknown key \"frm\"");
	load_fails("{\"columns\": {\"phase\": {\"first\": [\"A\", "
	    "{\"from\": \"B\", \"type\": \"nmber\"}]}}}", 0,
	    "columns.phase.first[1].type", "nmber");
}
END_TEST

START_TEST(load_bad_json)
{
	load_fails("{\n  \"columns\": {\n    \"urn\": \"URN\",\n  }\n}\n", 4, "",
	    "invalid JSON");
	load_fails("{\n  \"map\": \"a\",\n  \"map\": \"b\",\n"
	    "  \"columns\": {\"a\": \"A\"}\n}\n", 3, "", "invalid JSON");
	load_fails("", 1, "", "invalid JSON");
	/* A missing file names the file and the system error. */
	util_path(mpath, sizeof(mpath), "none.json");
	ck_assert_ptr_null(ki_map_load(mpath, &err));
	ck_assert_str_eq(err.file, mpath);
	ck_assert_ptr_nonnull(strstr(err.msg, "No such file or directory"));
}
END_TEST

/* Read the data file with the map's flags, bind, return the reader. */
static struct ki_reader *
bind_data(struct ki_map *m, const char *data)
{
	struct ki_reader *r;

	util_wfile(dpath, data);
	r = ki_reader_open(dpath, KI_FMT_AUTO, ki_map_flags(m), &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_msg(ki_map_bind(m, ki_reader_hdr(r), dpath, &err) == 0,
	    "bind: %s: %s", err.field, err.msg);
	return r;
}

static struct ki_rec *
next_rec(struct ki_reader *r)
{
	struct ki_rec *rec;

	ck_assert_int_eq(ki_reader_next(r, &rec, &err), 1);
	return rec;
}

static void
out_is(const char *got, const char *want)
{
	if (want == NULL)
		ck_assert_ptr_null(got);
	else
		ck_assert_str_eq(got, want);
}

START_TEST(apply)
{
	struct ki_map *m = load_ok(full_map);
	struct ki_reader *r = bind_data(m, full_data);
	struct ki_rec *rec;
	const char *out[10];

	rec = next_rec(r);
	ck_assert_int_eq(ki_map_keep(m, rec), 1);
	ck_assert_int_eq(ki_map_apply(m, rec, dpath, out, &err), 0);
	out_is(out[0], "100001");
	out_is(out[1], "8502001");
	out_is(out[2], "primary");
	out_is(out[3], "Abbey");
	out_is(out[4], "65");			/* % stripped */
	out_is(out[5], "maintained");
	out_is(out[6], "2");
	out_is(out[7], "2014-11-19");
	out_is(out[8], "yes");
	out_is(out[9], NULL);
	rec = next_rec(r);
	ck_assert_int_eq(ki_map_keep(m, rec), 1);
	ck_assert_int_eq(ki_map_apply(m, rec, dpath, out, &err), 0);
	out_is(out[0], "100002");
	out_is(out[2], "special");
	out_is(out[4], NULL);			/* SUPP */
	out_is(out[5], "special");		/* "SM " */
	out_is(out[6], NULL);			/* grade 9 */
	out_is(out[7], "2014-11-19");
	out_is(out[8], NULL);			/* "0" is blank here */
	rec = next_rec(r);
	ck_assert_int_eq(ki_map_keep(m, rec), 0);	/* RECTYPE 4 */
	rec = next_rec(r);
	ck_assert_int_eq(ki_map_apply(m, rec, dpath, out, &err), 0);
	out_is(out[1], NULL);			/* a blank part */
	out_is(out[4], NULL);			/* "x" is a default blank */
	out_is(out[5], NULL);			/* lookup gives "" */
	out_is(out[6], NULL);
	out_is(out[7], NULL);
	out_is(out[8], NULL);
	ki_reader_close(r);
	ki_map_free(m);
}
END_TEST

START_TEST(apply_errors)
{
	struct ki_map *m = load_ok(full_map);
	struct ki_reader *r = bind_data(m, full_data);
	struct ki_rec *rec;
	const char *out[10];
	int i;

	for (i = 0; i < 5; i++)
		rec = next_rec(r);
	/* Line 6: an unknown lookup value without a default. */
	ki_err_clear(&err);
	ck_assert_int_eq(ki_map_apply(m, rec, dpath, out, &err), -1);
	ck_assert_str_eq(err.file, dpath);
	ck_assert_int_eq(err.line, 6);
	ck_assert_str_eq(err.field, "NFTYPE");
	ck_assert_ptr_nonnull(strstr(err.msg, "unknown value \"ZZ\""));
	/* Line 7: a non-number in a number column. */
	rec = next_rec(r);
	ki_err_clear(&err);
	ck_assert_int_eq(ki_map_apply(m, rec, dpath, out, &err), -1);
	ck_assert_int_eq(err.line, 7);
	ck_assert_str_eq(err.field, "PTRWM_EXP");
	ck_assert_msg(strncmp(err.msg, "\"6O\" is not a number", 20) == 0,
	    "message \"%s\"", err.msg);
	ck_assert_ptr_nonnull(strstr(err.msg, "ks2_rwm_exp"));
	/* Line 8: grade 5. */
	rec = next_rec(r);
	ki_err_clear(&err);
	ck_assert_int_eq(ki_map_apply(m, rec, dpath, out, &err), -1);
	ck_assert_int_eq(err.line, 8);
	ck_assert_str_eq(err.field, "GRADE");
	ck_assert_ptr_nonnull(strstr(err.msg, "\"5\" is not an Ofsted grade"));
	ki_reader_close(r);
	ki_map_free(m);
}
END_TEST

START_TEST(apply_trim_and_blanks)
{
	struct ki_map *m = load_ok("{\"blank\": [\"-\"], \"columns\": {"
	    "\"a\": \"A\", \"b\": {\"from\": \"B\", \"blank\": [\"none\"]}, "
	    "\"c\": {\"from\": [\"C1\", \"C2\"]}, \"d\": {\"value\": \"\"}}}");
	struct ki_reader *r = bind_data(m, "A,B,C2\n SUPP ,none,x\n-,\"  \","
	    "\" y\t\"\n-1,nones,non\n--,none ,-\n");
	struct ki_rec *rec;
	const char *out[4];

	rec = next_rec(r);
	ck_assert_int_eq(ki_map_apply(m, rec, dpath, out, &err), 0);
	/* "blank" replaces the default list, so SUPP is a value. */
	out_is(out[0], "SUPP");
	out_is(out[1], NULL);
	out_is(out[2], "x");			/* C1 absent: C2 */
	out_is(out[3], NULL);			/* "value": "" */
	rec = next_rec(r);
	ck_assert_int_eq(ki_map_apply(m, rec, dpath, out, &err), 0);
	out_is(out[0], NULL);
	out_is(out[1], NULL);			/* spaces only */
	out_is(out[2], "y");
	/* A token's first byte or length is not the token. */
	rec = next_rec(r);
	ck_assert_int_eq(ki_map_apply(m, rec, dpath, out, &err), 0);
	out_is(out[0], "-1");
	out_is(out[1], "nones");
	out_is(out[2], "non");
	rec = next_rec(r);
	ck_assert_int_eq(ki_map_apply(m, rec, dpath, out, &err), 0);
	out_is(out[0], "--");
	out_is(out[1], NULL);			/* "none " */
	out_is(out[2], NULL);			/* the map's "-" */
	ki_reader_close(r);
	ki_map_free(m);
}
END_TEST

START_TEST(apply_long_concat)
{
	struct ki_map *m = load_ok("{\"columns\": {\"k\": {\"concat\": "
	    "[\"A\", \"B\", \"C\"]}}}");
	char data[512], want[256];
	struct ki_reader *r;
	const char *out[1];
	int i;

	/* 3 x 50 bytes: more than the first 64-byte buffer. */
	for (i = 0; i < 150; i++)
		want[i] = (char)('a' + i % 26);
	want[150] = '\0';
	snprintf(data, sizeof(data), "A,B,C\n%.50s,%.50s,%.50s\nab,cd,ef\n",
	    want, want + 50, want + 100);
	r = bind_data(m, data);
	ck_assert_int_eq(ki_map_apply(m, next_rec(r), dpath, out, &err), 0);
	out_is(out[0], want);
	ck_assert_int_eq(ki_map_apply(m, next_rec(r), dpath, out, &err), 0);
	out_is(out[0], "abcdef");
	ki_reader_close(r);
	ki_map_free(m);
}
END_TEST

START_TEST(bind_required)
{
	struct ki_map *m = load_ok(full_map);
	struct ki_reader *r;

	util_wfile(dpath, "RECTYPE,urn_alt\n1,5\n");
	ck_assert_ptr_nonnull(r = ki_reader_open(dpath, KI_FMT_AUTO, 0, &err));
	ck_assert_int_eq(ki_map_bind(m, ki_reader_hdr(r), dpath, &err), 0);
	ki_reader_close(r);
	util_wfile(dpath, "RECTYPE,SCHNAME\n1,x\n");
	ck_assert_ptr_nonnull(r = ki_reader_open(dpath, KI_FMT_AUTO, 0, &err));
	ki_err_clear(&err);
	ck_assert_int_eq(ki_map_bind(m, ki_reader_hdr(r), dpath, &err), -1);
	ck_assert_str_eq(err.file, dpath);
	ck_assert_int_eq(err.line, 1);
	ck_assert_str_eq(err.field, "URN");
	ck_assert_ptr_nonnull(strstr(err.msg, "no such column"));
	ki_reader_close(r);
	/* The keep column is needed too. */
	util_wfile(dpath, "URN,SCHNAME\n1,x\n");
	ck_assert_ptr_nonnull(r = ki_reader_open(dpath, KI_FMT_AUTO, 0, &err));
	ki_err_clear(&err);
	ck_assert_int_eq(ki_map_bind(m, ki_reader_hdr(r), dpath, &err), -1);
	ck_assert_str_eq(err.field, "RECTYPE");
	ki_reader_close(r);
	ki_map_free(m);
	/* A required concat needs every part. */
	m = load_ok("{\"columns\": {\"laestab\": {\"concat\": [\"LEA\", "
	    "\"ESTAB\"], \"required\": true}}}");
	util_wfile(dpath, "LEA,X\n1,x\n");
	ck_assert_ptr_nonnull(r = ki_reader_open(dpath, KI_FMT_AUTO, 0, &err));
	ck_assert_int_eq(ki_map_bind(m, ki_reader_hdr(r), dpath, &err), -1);
	ck_assert_str_eq(err.field, "ESTAB");
	ki_reader_close(r);
	ki_map_free(m);
}
END_TEST

START_TEST(keep)
{
	struct ki_map *m = load_ok("{\"keep\": {\"T\": [\"1\", \"2\"]}, "
	    "\"columns\": {\"a\": \"A\"}}");
	struct ki_reader *r = bind_data(m, "T,A\n1,a\n2,b\n3,c\n,d\n");

	ck_assert_int_eq(ki_map_keep(m, next_rec(r)), 1);
	ck_assert_int_eq(ki_map_keep(m, next_rec(r)), 1);
	ck_assert_int_eq(ki_map_keep(m, next_rec(r)), 0);
	ck_assert_int_eq(ki_map_keep(m, next_rec(r)), 0);	/* blank */
	ki_reader_close(r);
	ki_map_free(m);
	/* Without "keep" every row passes. */
	m = load_ok("{\"columns\": {\"a\": \"A\"}}");
	r = bind_data(m, "T,A\n3,c\n");
	ck_assert_int_eq(ki_map_keep(m, next_rec(r)), 1);
	ki_reader_close(r);
	ki_map_free(m);
}
END_TEST

/*
 * SPEC keys on a "first" spec are not silently ignored: "type" is applied
 * (or the map is refused), and "required" is enforced (or refused).
 */
START_TEST(first_outer_type)
{
	struct ki_map *m;
	struct ki_reader *r;
	const char *out[1];

	util_wfile(mpath, "{\"columns\": {\"n\": {\"first\": [\"A\", \"B\"], "
	    "\"type\": \"number\"}}}");
	if ((m = ki_map_load(mpath, &err)) == NULL)
		return;
	r = bind_data(m, "A,B\n6O,1\n");
	ck_assert_msg(ki_map_apply(m, next_rec(r), dpath, out, &err) == -1,
	    "\"type\": \"number\" on a first spec ignored: got \"%s\"",
	    out[0] ? out[0] : "(blank)");
	ki_reader_close(r);
	ki_map_free(m);
}
END_TEST

START_TEST(first_outer_required)
{
	struct ki_map *m;
	struct ki_reader *r;

	util_wfile(mpath, "{\"columns\": {\"n\": {\"first\": [\"A\", \"B\"], "
	    "\"required\": true}}}");
	if ((m = ki_map_load(mpath, &err)) == NULL)
		return;
	util_wfile(dpath, "C\n1\n");
	ck_assert_ptr_nonnull(r = ki_reader_open(dpath, KI_FMT_AUTO, 0, &err));
	ck_assert_msg(ki_map_bind(m, ki_reader_hdr(r), dpath, &err) == -1,
	    "\"required\": true on a first spec ignored");
	ki_reader_close(r);
	ki_map_free(m);
}
END_TEST

/* Maps that would drop every row, or write a column ki then rejects. */
START_TEST(load_refused)
{
	load_fails("{\"keep\": {\"RECTYPE\": []}, \"columns\": {\"urn\": "
	    "\"URN\"}}", 0, "keep.RECTYPE", "empty list");
	load_fails("{\"keep\": {\"\": [\"1\"]}, \"columns\": {\"urn\": "
	    "\"URN\"}}", 0, "keep", "must not be empty");
	load_fails("{\"columns\": {\"urn\": \"URN\", \"\": \"X\"}}", 0,
	    "columns", "must not be empty");
	load_fails("{\"columns\": {\"urn\": \"\"}}", 0, "columns.urn",
	    "must not be empty");
	load_fails("{\"columns\": {\"urn\": {\"from\": [\"URN\", \"\"]}}}",
	    0, "columns.urn.from", "must not be empty");
	load_fails("{\"columns\": {\"la\": {\"concat\": [\"\", \"B\"]}}}",
	    0, "columns.la.concat", "must not be empty");
	/* A blank for every unknown value, outside first. */
	load_fails("{\"columns\": {\"c\": {\"from\": \"C\", \"lookup\": "
	    "{\"SWK\": \"SWK\"}, \"default\": \"\"}}}", 0, "columns.c",
	    "default of \"\"");
	/* Keys alike but for case must agree. */
	load_fails("{\"columns\": {\"c\": {\"from\": \"C\", \"lookup\": "
	    "{\"SM\": \"SM\", \"sm\": \"x\"}}}}", 0, "columns.c.lookup",
	    "only in case");
}
END_TEST

START_TEST(load_allowed)
{
	struct ki_map *m;

	/* Inside first, "" tries the next part; a real default is a value. */
	m = load_ok("{\"columns\": {\"phase\": {\"first\": [{\"from\": "
	    "\"T\", \"lookup\": {\"2\": \"special\"}, \"default\": \"\"}, "
	    "{\"value\": \"primary\"}]}, \"f\": {\"from\": \"F\", "
	    "\"lookup\": {\"A\": \"a\", \"a\": \"a\"}, \"default\": "
	    "\"other\"}}}");
	ki_map_free(m);
}
END_TEST

START_TEST(apply_lookup_case)
{
	struct ki_map *m = load_ok("{\"columns\": {\"urn\": \"URN\", "
	    "\"ofsted_category\": {\"from\": \"Category\", \"lookup\": "
	    "{\"0\": \"\", \"SM\": \"SM\", \"SWK\": \"SWK\"}}}}");
	struct ki_reader *r = bind_data(m, "URN,Category\n1,swk\n2,Sm \n"
	    "3,0\n4,SWK\n5,NTi\n");
	struct ki_rec *rec;
	const char *out[2];

	rec = next_rec(r);
	ck_assert_int_eq(ki_map_apply(m, rec, dpath, out, &err), 0);
	out_is(out[1], "SWK");
	rec = next_rec(r);
	ck_assert_int_eq(ki_map_apply(m, rec, dpath, out, &err), 0);
	out_is(out[1], "SM");
	rec = next_rec(r);
	ck_assert_int_eq(ki_map_apply(m, rec, dpath, out, &err), 0);
	out_is(out[1], NULL);
	rec = next_rec(r);
	ck_assert_int_eq(ki_map_apply(m, rec, dpath, out, &err), 0);
	out_is(out[1], "SWK");
	/* Not in the lookup in any case: an error, never a blank. */
	rec = next_rec(r);
	ki_err_clear(&err);
	ck_assert_int_eq(ki_map_apply(m, rec, dpath, out, &err), -1);
	util_err_is(&err, dpath, 6, "Category", "unknown value \"NTi\"");
	ki_reader_close(r);
	ki_map_free(m);
}
END_TEST

/* Header names match in any case and with runs of spaces collapsed. */
START_TEST(bind_loose_names)
{
	struct ki_map *m = load_ok("{\"columns\": {"
	    "\"a\": \"Latest OEIF  safeguarding is effective?\", "
	    "\"b\": {\"from\": \"Overall Effectiveness\", \"required\": true}, "
	    "\"c\": \"Exact\"}}");
	struct ki_reader *r = bind_data(m, "Latest OEIF safeguarding is "
	    "effective?,overall  effectiveness ,exact,Exact\nYes,2,no,yes\n");
	const char *out[3];

	ck_assert_int_eq(ki_map_apply(m, next_rec(r), dpath, out, &err), 0);
	out_is(out[0], "Yes");
	out_is(out[1], "2");
	out_is(out[2], "yes");			/* the exact name first */
	ki_reader_close(r);
	ki_map_free(m);
}
END_TEST

/* since: a date gives the value of the latest key not after it. */
START_TEST(apply_since)
{
	struct ki_map *m = load_ok("{\"columns\": {\"f\": {\"from\": \"D\", "
	    "\"type\": \"date\", \"since\": {\"2019-09-01\": \"2019\", "
	    "\"2005-09-01\": \"2005\", \"2025-11-10\": \"2025\"}}}}");
	struct ki_reader *r = bind_data(m, "D\n01/09/2019\n31/08/2019\n"
	    "09/11/2025\n10/11/2025\n31/08/2005\nNULL\n");
	const char *out[1];

	ck_assert_int_eq(ki_map_apply(m, next_rec(r), dpath, out, &err), 0);
	out_is(out[0], "2019");
	ck_assert_int_eq(ki_map_apply(m, next_rec(r), dpath, out, &err), 0);
	out_is(out[0], "2005");
	ck_assert_int_eq(ki_map_apply(m, next_rec(r), dpath, out, &err), 0);
	out_is(out[0], "2019");
	ck_assert_int_eq(ki_map_apply(m, next_rec(r), dpath, out, &err), 0);
	out_is(out[0], "2025");
	ck_assert_int_eq(ki_map_apply(m, next_rec(r), dpath, out, &err), 0);
	out_is(out[0], NULL);			/* before the first */
	ck_assert_int_eq(ki_map_apply(m, next_rec(r), dpath, out, &err), 0);
	out_is(out[0], NULL);
	ki_reader_close(r);
	ki_map_free(m);
	load_fails("{\"columns\": {\"f\": {\"from\": \"D\", \"since\": "
	    "{\"2019-09-01\": \"2019\"}}}}", 0, "columns.f", "since needs type "
	    "date");
	load_fails("{\"columns\": {\"f\": {\"from\": \"D\", \"type\": "
	    "\"date\", \"since\": {\"2019\": \"2019\"}}}}", 0,
	    "columns.f.since", "keys must be dates");
}
END_TEST

/* if_blank and if_set: a value that depends on another column. */
START_TEST(apply_conditions)
{
	struct ki_map *m = load_ok("{\"columns\": {"
	    "\"now\": {\"from\": \"G\", \"if_blank\": \"RC\"}, "
	    "\"prev\": {\"from\": \"G\", \"if_set\": [\"RC\"]}, "
	    "\"gone\": {\"from\": \"G\", \"if_set\": \"NOT_THERE\"}, "
	    "\"any\": {\"from\": \"G\", \"if_blank\": \"NOT_THERE\"}}}");
	struct ki_reader *r = bind_data(m, "G,RC\n3,Met\n2,NULL \n1,\n");
	const char *out[4];

	ck_assert_int_eq(ki_map_apply(m, next_rec(r), dpath, out, &err), 0);
	out_is(out[0], NULL);
	out_is(out[1], "3");
	out_is(out[2], NULL);
	out_is(out[3], "3");
	ck_assert_int_eq(ki_map_apply(m, next_rec(r), dpath, out, &err), 0);
	out_is(out[0], "2");			/* "NULL " is blank */
	out_is(out[1], NULL);
	ck_assert_int_eq(ki_map_apply(m, next_rec(r), dpath, out, &err), 0);
	out_is(out[0], "1");
	out_is(out[1], NULL);
	ki_reader_close(r);
	ki_map_free(m);
}
END_TEST

/* identify: what a header lacks, alternatives joined by "or". */
START_TEST(identify)
{
	struct ki_map *m = load_ok("{\"family\": \"fam\", \"identify\": "
	    "[\"URN\", [\"P8MEA\", \"ATT8SCR\"], \"TPUP\"], \"columns\": "
	    "{\"urn\": \"URN\"}}");
	struct ki_reader *r;
	char miss[64];

	ck_assert_str_eq(ki_map_family(m), "fam");
	ck_assert_uint_eq(ki_map_nidentify(m), 3);
	r = bind_data(m, "urn,PTRWM_EXP\n1,2\n");
	ck_assert_uint_eq(ki_map_identify(m, ki_reader_hdr(r), miss,
	    sizeof(miss)), 2);
	ck_assert_str_eq(miss, "P8MEA or ATT8SCR, TPUP");
	ki_reader_close(r);
	r = bind_data(m, "URN,ATT8SCR,TPUP\n1,2,3\n");
	ck_assert_uint_eq(ki_map_identify(m, ki_reader_hdr(r), miss,
	    sizeof(miss)), 0);
	ck_assert_str_eq(miss, "");
	ki_reader_close(r);
	/* A short buffer is cut, never overrun. */
	r = bind_data(m, "X\n1\n");
	ck_assert_uint_eq(ki_map_identify(m, ki_reader_hdr(r), miss, 8), 3);
	ck_assert_uint_eq(strlen(miss), 7);
	ki_reader_close(r);
	ki_map_free(m);
	load_fails("{\"identify\": [], \"columns\": {\"urn\": \"URN\"}}", 0,
	    "identify", "non-empty array");
	load_fails("{\"long_rows\": \"keep\", \"columns\": {\"urn\": "
	    "\"URN\"}}", 0, "long_rows", "must be");
}
END_TEST

/* "years": the academic years a layout covers; none means any year. */
START_TEST(years)
{
	struct ki_map *m = load_ok("{\"years\": [2024, 2025], \"columns\": "
	    "{\"urn\": \"URN\"}}");
	int lo, hi;

	ck_assert_int_eq(ki_map_years(m, &lo, &hi), 1);
	ck_assert_int_eq(lo, 2024);
	ck_assert_int_eq(hi, 2025);
	ck_assert_int_eq(ki_map_covers(m, 2023), 0);
	ck_assert_int_eq(ki_map_covers(m, 2024), 1);
	ck_assert_int_eq(ki_map_covers(m, 2025), 1);
	ck_assert_int_eq(ki_map_covers(m, 2026), 0);
	ck_assert_int_eq(ki_map_covers(m, 0), 1);
	ki_map_free(m);
	m = load_ok("{\"columns\": {\"urn\": \"URN\"}}");
	ck_assert_int_eq(ki_map_years(m, &lo, &hi), 0);
	ck_assert_int_eq(lo, 0);
	ck_assert_int_eq(ki_map_covers(m, 1999), 1);
	ki_map_free(m);
	load_fails("{\"years\": [2025, 2024], \"columns\": {\"urn\": "
	    "\"URN\"}}", 0, "years", "in order");
	load_fails("{\"years\": [2024], \"columns\": {\"urn\": "
	    "\"URN\"}}", 0, "years", "[FIRST, LAST]");
	load_fails("{\"years\": [\"2024\", 2025], \"columns\": {\"urn\": "
	    "\"URN\"}}", 0, "years", "[FIRST, LAST]");
	load_fails("{\"years\": [1900, 2025], \"columns\": {\"urn\": "
	    "\"URN\"}}", 0, "years", "1990 to 2100");
}
END_TEST

static Suite *
map_suite(void)
{
	Suite *s = suite_create("map");
	TCase *tc;

	tc = tcase_create("ki_map_load");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, load_valid);
	tcase_add_test(tc, load_defaults);
	tcase_add_test(tc, load_errors);
	tcase_add_test(tc, load_bad_json);
	tcase_add_test(tc, load_refused);
	tcase_add_test(tc, load_allowed);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_map_bind");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, bind_required);
	tcase_add_test(tc, first_outer_required);
	tcase_add_test(tc, bind_loose_names);
	tcase_add_test(tc, identify);
	tcase_add_test(tc, years);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_map_apply");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, apply);
	tcase_add_test(tc, apply_errors);
	tcase_add_test(tc, apply_trim_and_blanks);
	tcase_add_test(tc, apply_long_concat);
	tcase_add_test(tc, first_outer_type);
	tcase_add_test(tc, apply_lookup_case);
	tcase_add_test(tc, apply_since);
	tcase_add_test(tc, apply_conditions);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_map_keep");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, keep);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(map_suite());
}

/* Unit tests for lib/policy.c: the policy-file loader shared by every kind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <jansson.h>

#include "ki/policy.h"

#include "util.h"

static json_t *
js(const char *text)
{
	json_error_t jerr;
	json_t *j = json_loads(text, JSON_DECODE_ANY, &jerr);

	ck_assert_msg(j != NULL, "bad test JSON %s: %s", text, jerr.text);
	return j;
}

static const char *const keys[] = { "name", "rows", "optional", NULL };

START_TEST(keys_known)
{
	struct ki_err err;
	json_t *j = js("{\"name\": 1, \"rows\": []}");

	ki_err_clear(&err);
	ck_assert_int_eq(ki_policy_keys("f.json", j, "rows[2]", keys, NULL,
	    &err), 0);
	ck_assert_str_eq(err.msg, "");
	json_decref(j);
	/* No keys at all is no stray key. */
	j = js("{}");
	ck_assert_int_eq(ki_policy_keys("f.json", j, NULL, keys, NULL, &err), 0);
	json_decref(j);
}
END_TEST

START_TEST(keys_stray)
{
	struct ki_err err;
	json_t *j = js("{\"name\": 1, \"rowz\": [], \"also\": 2}");

	ck_assert_int_eq(ki_policy_keys("f.json", j, "rules[3]", keys, NULL,
	    &err), -1);
	/* The first stray key, at the place given. */
	util_err_is(&err, "f.json", 0, "rules[3]", "unknown key \"rowz\"");
	ck_assert_int_eq(ki_policy_keys("f.json", j, NULL, keys, NULL, &err),
	    -1);
	util_err_is(&err, "f.json", 0, "", "unknown key \"rowz\"");
	json_decref(j);
}
END_TEST

START_TEST(keys_not_object)
{
	struct ki_err err;
	json_t *j = js("[1]");

	ck_assert_int_eq(ki_policy_keys("f.json", j, "rows[0]", keys, NULL,
	    &err), -1);
	util_err_is(&err, "f.json", 0, "rows[0]", "must be an object");
	ck_assert_int_eq(ki_policy_keys("f.json", j, "rows[0]", keys,
	    "a row must be an object", &err), -1);
	ck_assert_str_eq(err.msg, "a row must be an object");
	ck_assert_int_eq(ki_policy_keys("f.json", NULL, "x", keys, NULL, &err),
	    -1);
	json_decref(j);
}
END_TEST

START_TEST(load_file)
{
	char p[96];
	struct ki_err err;
	json_t *j;

	util_path(p, sizeof(p), "t.json");
	util_wfile(p, "{\"name\": \"t\", \"rows\": [1]}");
	j = ki_policy_load(p, keys, "a table must be a JSON object", &err);
	ck_assert_ptr_nonnull(j);
	ck_assert_str_eq(json_string_value(json_object_get(j, "name")), "t");
	json_decref(j);
	util_wfile(p, "[\"name\"]");
	ck_assert_ptr_null(ki_policy_load(p, keys, "a table must be a JSON "
	    "object", &err));
	util_err_is(&err, p, 0, "", "a table must be a JSON object");
	util_wfile(p, "{\"name\": \"t\", \"nmae\": \"t\"}");
	ck_assert_ptr_null(ki_policy_load(p, keys, NULL, &err));
	util_err_is(&err, p, 0, "", "unknown key \"nmae\"");
	/* Duplicate keys and bad JSON are the reader's errors. */
	util_wfile(p, "{\"name\": \"t\", \"name\": \"u\"}");
	ck_assert_ptr_null(ki_policy_load(p, keys, NULL, &err));
	util_err_is(&err, p, 1, "", "invalid JSON");
	util_path(p, sizeof(p), "none.json");
	ck_assert_ptr_null(ki_policy_load(p, keys, NULL, &err));
	util_err_is(&err, p, 0, "", "No such file");
}
END_TEST

START_TEST(path)
{
	static const struct {
		const char *path, *key;
		long i;
		const char *want;
	} t[] = {
		{ "rules[3]", "below", -1, "rules[3].below" },
		{ "x.all[0]", "any", 2, "x.all[0].any[2]" },
		{ NULL, "rules", 3, "rules[3]" },
		{ "", "rules", -1, "rules" },
		{ "identify", "", 1, "identify[1]" },
		{ "columns", "", -1, "columns." },
		{ "columns.phase", "first", 0, "columns.phase.first[0]" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *p = ki_policy_path(t[i].path, t[i].key, t[i].i);

		ck_assert_ptr_nonnull(p);
		ck_assert_str_eq(p, t[i].want);
		free(p);
	}
}
END_TEST

START_TEST(optional_list)
{
	struct ki_err err;
	json_t *j = js("{\"optional\": [\"neet_concern\", \"sen\"]}"), *o;

	ck_assert_int_eq(ki_policy_optional("f", j, &o, &err), 0);
	ck_assert_ptr_eq(o, json_object_get(j, "optional"));
	ck_assert_int_eq(ki_policy_is_optional("sen", o), 1);
	ck_assert_int_eq(ki_policy_is_optional("neet_concern", o), 1);
	ck_assert_int_eq(ki_policy_is_optional("phase", o), 0);
	json_decref(j);
	/* The caller's reference outlives the file's. */
	ck_assert_int_eq(ki_policy_is_optional("sen", o), 1);
	json_decref(o);
	j = js("{\"name\": \"x\"}");
	ck_assert_int_eq(ki_policy_optional("f", j, &o, &err), 0);
	ck_assert_ptr_null(o);
	ck_assert_int_eq(ki_policy_is_optional("sen", o), 0);
	json_decref(j);
}
END_TEST

START_TEST(optional_bad)
{
	struct ki_err err;
	json_t *j = js("{\"optional\": \"sen\"}"), *one = js("1"), *o = one;

	ck_assert_int_eq(ki_policy_optional("f", j, &o, &err), -1);
	ck_assert_ptr_null(o);
	json_decref(one);
	util_err_is(&err, "f", 0, "optional", "must be an array of column "
	    "names");
	json_decref(j);
	j = js("{\"optional\": [\"sen\", 1]}");
	ck_assert_int_eq(ki_policy_optional("f", j, &o, &err), -1);
	util_err_is(&err, "f", 0, "optional", "must hold column names");
	json_decref(j);
}
END_TEST

static Suite *
policy_suite(void)
{
	Suite *s = suite_create("policy");
	TCase *tc;

	tc = tcase_create("ki_policy_keys");
	tcase_add_test(tc, keys_known);
	tcase_add_test(tc, keys_stray);
	tcase_add_test(tc, keys_not_object);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_policy_load");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, util_setup, NULL);
	tcase_add_test(tc, load_file);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_policy_path");
	tcase_add_test(tc, path);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_policy_optional");
	tcase_add_test(tc, optional_list);
	tcase_add_test(tc, optional_bad);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(policy_suite());
}

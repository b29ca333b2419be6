/* Unit tests for lib/cond_table.c: the tables of condition kinds and comparisons. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <jansson.h>

#include "../../lib/cond_impl.h"

#include "util.h"

static json_t *
js(const char *text)
{
	json_error_t jerr;
	json_t *j = json_loads(text, 0, &jerr);

	ck_assert_msg(j != NULL, "bad test JSON %s: %s", text, jerr.text);
	return j;
}

/* Whether key is in the NULL-terminated keys. */
static int
has_key(const char *const *keys, const char *key)
{
	size_t i;

	for (i = 0; keys[i] != NULL; i++)
		if (strcmp(keys[i], key) == 0)
			return 1;
	return 0;
}

/* Each kind is a whole entry: what the engine calls for it is there. */
START_TEST(kinds_complete)
{
	size_t i, j;

	ck_assert_uint_eq(cond_nkinds, 6);
	for (i = 0; i < cond_nkinds; i++) {
		const struct cond_kind *k = &cond_kinds[i];

		ck_assert_ptr_nonnull(k->key);
		ck_assert(k->eval != NULL);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(k->key, cond_kinds[j].key);
		if (k->arity == COND_LEAF) {
			/* A leaf reads a column it names by its own key. */
			ck_assert(k->parse != NULL);
			ck_assert(k->explain != NULL);
			ck_assert_ptr_nonnull(k->keys);
			ck_assert_msg(has_key(k->keys, k->key), "%s", k->key);
			ck_assert_msg(has_key(k->keys, "label"), "%s", k->key);
		} else {
			ck_assert(k->parse == NULL);
			ck_assert_ptr_null(k->keys);
			ck_assert_int_eq(k->history, 0);
		}
	}
	/* Only count and trend read other years. */
	for (i = 0; i < cond_nkinds; i++)
		ck_assert_int_eq(cond_kinds[i].history,
		    strcmp(cond_kinds[i].key, "count") == 0 ||
		    strcmp(cond_kinds[i].key, "trend") == 0);
}
END_TEST

/* The kinds' order decides which one an object with two kinds' keys is. */
START_TEST(kinds_order)
{
	struct ki_err err;
	struct ki_cond *c;
	json_t *j;

	ki_err_clear(&err);
	j = js("{}");
	ck_assert_ptr_null(ki_cond_parse(j, "f", "p", &err));
	util_err_is(&err, "f", 0, "p",
	    "needs one of all, any, not, col, count, trend");
	json_decref(j);
	/* "all" comes before "col": the object is an all, which takes no
	 * other keys. */
	j = js("{\"all\": [{\"col\": \"a\", \"op\": \"blank\"}], \"col\": "
	    "\"b\"}");
	ck_assert_ptr_null(ki_cond_parse(j, "f", "p", &err));
	util_err_is(&err, "f", 0, "p", "\"all\" takes no other keys");
	json_decref(j);
	j = js("{\"not\": {\"col\": \"a\", \"op\": \"blank\"}, \"label\": "
	    "\"x\"}");
	c = ki_cond_parse(j, "f", "p", &err);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->kind->key, "not");
	ck_assert_str_eq(c->kids[0]->kind->key, "col");
	ki_cond_free(c);
	json_decref(j);
}
END_TEST

/* Each comparison's "neg" is the one that holds when it does not. */
START_TEST(cmps_negation)
{
	static const double v[] = { -1, 0, 0.5, 1, 2 };
	size_t i, a, b;

	ck_assert_uint_eq(cond_ncmps, 9);
	for (i = 0; i < cond_ncmps; i++) {
		const struct cond_cmp *op = &cond_cmps[i];
		const struct cond_cmp *neg = cond_cmp_find(op->neg);

		ck_assert_ptr_eq(cond_cmp_find(op->name), op);
		ck_assert_ptr_nonnull(neg);
		ck_assert_str_eq(neg->neg, op->name);
		ck_assert_int_eq(neg->value, op->value);
		if (op->holds == NULL) {
			ck_assert_int_eq(op->value, COND_V_SET);
			continue;
		}
		for (a = 0; a < sizeof(v) / sizeof(v[0]); a++)
			for (b = 0; b < sizeof(v) / sizeof(v[0]); b++)
				ck_assert_msg(op->holds(v[a], v[b]) !=
				    neg->holds(v[a], v[b]), "%s %g %g", op->name,
				    v[a], v[b]);
	}
	ck_assert_ptr_null(cond_cmp_find("=>"));
	ck_assert_ptr_null(cond_cmp_find(""));
}
END_TEST

/* The lists of names in messages come from the table. */
START_TEST(cmps_names)
{
	char buf[128];

	ck_assert_str_eq(cond_cmp_names(NULL, buf, sizeof(buf)),
	    "== != < <= > >= in blank, not blank");
	ck_assert_str_eq(cond_cmp_names(cond_cmp_numeric, buf, sizeof(buf)),
	    "== != < <= > >=");
	/* Cut short, never past the buffer. */
	ck_assert_str_eq(cond_cmp_names(NULL, buf, 6), "== !=");
}
END_TEST

/* What the value of each comparison is decides what parses. */
START_TEST(cmps_values)
{
	static const struct {
		const char *json, *msg;	/* msg NULL: parses */
	} t[] = {
		{ "{\"col\": \"a\", \"op\": \"<\", \"value\": \"x\"}",
		    "\"<\" needs a number" },
		{ "{\"col\": \"a\", \"op\": \"!=\", \"value\": \"x\"}", NULL },
		{ "{\"col\": \"a\", \"op\": \"not blank\", \"value\": 1}",
		    "\"not blank\" takes no value" },
		{ "{\"col\": \"a\", \"op\": \"in\", \"value\": 1}",
		    "\"in\" needs a non-empty array" },
		{ "{\"col\": \"a\", \"op\": \"=>\", \"value\": 1}",
		    "unknown operator \"=>\" (== != < <= > >= in blank, not "
		    "blank)" },
		{ "{\"count\": \"a\", \"equals\": \"yes\", \"from\": -1, "
		    "\"to\": 0, \"op\": \"in\", \"value\": [1]}",
		    "\"op\" must be one of == != < <= > >=" },
	};
	struct ki_err err;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		json_t *j = js(t[i].json);
		struct ki_cond *c = ki_cond_parse(j, "f", "p", &err);

		if (t[i].msg == NULL)
			ck_assert_msg(c != NULL, "%s: %s", t[i].json, err.msg);
		else {
			ck_assert_msg(c == NULL, "%s", t[i].json);
			ck_assert_msg(strstr(err.msg, t[i].msg) != NULL,
			    "%s: \"%s\"", t[i].json, err.msg);
		}
		ki_cond_free(c);
		json_decref(j);
	}
}
END_TEST

/*
 * A kind made of one entry and its functions: "odd", yes when its column
 * holds an odd number. Built by hand, it goes through every walk of the
 * engine as the shipped kinds do.
 */
static int
odd_number(const struct ki_cond *c)
{
	(void)c;
	return 1;
}

static int
odd_eval(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
    struct ki_buf *why, struct cond_seen *s, struct ki_err *err)
{
	(void)why;
	(void)err;
	s->v = cond_known(c->idx >= 0 ? ctx->row[c->idx] : NULL);
	if (s->v == NULL)
		return KI_UNKNOWN;
	return atoi(s->v) % 2 != 0 ? KI_YES : KI_NO;
}

static void
odd_explain(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
    const struct cond_seen *s, int answer, struct ki_buf *why, size_t start)
{
	(void)ctx;
	(void)start;
	ki_buf_printf(why, "%s %s is %s", c->col, s->v ? s->v : "blank",
	    answer == KI_YES ? "odd" : "not odd");
}

static const struct cond_kind odd_kind = { "odd", COND_LEAF, NULL, 1, NULL,
	odd_number, NULL, odd_eval, odd_explain };

START_TEST(new_kind)
{
	static const char *const names[] = { "n", "m", NULL };
	struct ki_hdr *h = util_hdr(names), *got = ki_hdr_new();
	struct ki_cond *leaf = calloc(1, sizeof(*leaf));
	struct ki_cond *all;
	struct ki_buf why = { 0 };
	struct ki_err err;
	const char *row[2] = { "3", "" };
	struct ki_cond_ctx ctx = { row, 2019, NULL, NULL, NULL };
	json_t *j = js("{\"all\": [{\"col\": \"m\", \"op\": \"blank\"}], "
	    "\"label\": \"both\"}");

	ck_assert_ptr_nonnull(leaf);
	ck_assert_ptr_nonnull(got);
	all = ki_cond_parse(j, "f", "p", &err);
	ck_assert_ptr_nonnull(all);
	leaf->kind = &odd_kind;
	leaf->idx = -1;
	leaf->col = strdup("n");
	leaf->label = strdup("n odd");
	ck_assert_ptr_nonnull(leaf->col);
	/* Put it in the list beside a shipped kind. */
	all->kids = realloc(all->kids, 2 * sizeof(*all->kids));
	ck_assert_ptr_nonnull(all->kids);
	all->kids[all->nkids++] = leaf;
	ck_assert_int_eq(ki_cond_bind(all, h, NULL, 1, "f", &err), 0);
	ck_assert_int_eq(leaf->idx, 0);
	ck_assert_int_eq(ki_cond_history(all), 1);
	ck_assert_int_eq(ki_cond_numbers(all, got), 0);
	ck_assert_uint_eq(got->n, 1);
	ck_assert_str_eq(got->names[0], "n");
	ck_assert_int_eq(ki_cond_columns(all, got), 0);
	ck_assert_uint_eq(got->n, 2);
	ck_assert_int_eq(ki_cond_eval(all, &ctx, &why, &err), KI_YES);
	ck_assert_str_eq(ki_buf_str(&why),
	    "both (m is blank and n odd (n 3 is odd))");
	ki_buf_reset(&why);
	row[0] = "4";
	ck_assert_int_eq(ki_cond_eval(all, &ctx, &why, &err), KI_NO);
	ck_assert_str_eq(ki_buf_str(&why), "not both (not n odd (n 4 is not "
	    "odd))");
	ki_buf_free(&why);
	ki_cond_free(all);
	ki_hdr_free(got);
	ki_hdr_free(h);
	json_decref(j);
}
END_TEST

static Suite *
cond_table_suite(void)
{
	Suite *s = suite_create("cond_table");
	TCase *tc;

	tc = tcase_create("cond_kinds");
	tcase_add_test(tc, kinds_complete);
	tcase_add_test(tc, kinds_order);
	tcase_add_test(tc, new_kind);
	suite_add_tcase(s, tc);
	tc = tcase_create("cond_cmps");
	tcase_add_test(tc, cmps_negation);
	tcase_add_test(tc, cmps_names);
	tcase_add_test(tc, cmps_values);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(cond_table_suite());
}

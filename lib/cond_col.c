/* The column test, {"col": C, "op": OP, "value": V}: parse, evaluate, explain. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cond_impl.h"
#include "ki/jsonfile.h"
#include "ki/num.h"
#include "ki/policy.h"

/* value, an array for "in": c->set. */
static int
parse_set(struct ki_cond *c, json_t *v, const char *file, const char *path,
    const char *p, struct ki_err *err)
{
	size_t i;
	int rc;

	if (!json_is_array(v) || json_array_size(v) == 0)
		return cond_failed(err, file, p, "\"%s\" needs a non-empty array",
		    c->op->name);
	c->set = calloc(json_array_size(v), sizeof(char *));
	c->setnum = calloc(json_array_size(v), sizeof(double));
	c->setisnum = calloc(json_array_size(v), 1);
	if (c->set == NULL || c->setnum == NULL || c->setisnum == NULL)
		return cond_failed(err, file, path, "out of memory");
	c->nset = json_array_size(v);
	for (i = 0; i < c->nset; i++) {
		json_t *e = json_array_get(v, i);
		double d;

		rc = 0;
		if (json_is_string(e)) {
			if ((c->set[i] = strdup(json_string_value(e))) == NULL)
				rc = -2;
		} else
			rc = cond_number_text(e, &c->set[i], &d);
		if (rc != 0)
			return cond_failed(err, file, p, "%s", rc == -2 ?
			    "out of memory" : "must hold strings or numbers");
		/* Read as a row's value is, once rather than each row. */
		c->setisnum[i] = ki_num_parse(c->set[i], &c->setnum[i]) == 0;
	}
	return 0;
}

/* value, {"param": NAME, "about": TEXT}: a number the user gives. */
static int
parse_param(struct ki_cond *c, json_t *v, const char *file, const char *path,
    const char *p, struct ki_err *err)
{
	static const char *const keys[] = { "param", "about", NULL };
	json_t *name = json_object_get(v, "param");
	json_t *about = json_object_get(v, "about");

	if (ki_json_stray_key(v, keys) != NULL || !json_is_string(name) ||
	    (about != NULL && !json_is_string(about)))
		return cond_failed(err, file, p, "must be a number, a string or "
		    "{\"param\": NAME, \"about\": TEXT}");
	c->param = strdup(json_string_value(name));
	c->about = about ? strdup(json_string_value(about)) : NULL;
	c->isnum = 1;
	if (c->param == NULL || (about != NULL && c->about == NULL))
		return cond_failed(err, file, path, "out of memory");
	return 0;
}

static int
parse_value(struct ki_cond *c, json_t *v, const char *file, const char *path,
    const char *p, struct ki_err *err)
{
	int rc;

	if (c->op->value == COND_V_SET)
		return parse_set(c, v, file, path, p, err);
	if (json_is_object(v))
		return parse_param(c, v, file, path, p, err);
	if (json_is_string(v)) {
		if (c->op->value != COND_V_ANY)
			return cond_failed(err, file, p, "\"%s\" needs a number",
			    c->op->name);
		if ((c->text = strdup(json_string_value(v))) == NULL)
			return cond_failed(err, file, path, "out of memory");
		return 0;
	}
	if ((rc = cond_number_text(v, &c->text, &c->num)) != 0)
		return cond_failed(err, file, p, "%s", rc == -2 ?
		    "out of memory" : "must be a number or a string");
	c->isnum = 1;
	return 0;
}

/* j's "value" for c->op, shared with count. 0, or -1 with err. */
int
cond_col_value(struct ki_cond *c, json_t *j, const char *file,
    const char *path, struct ki_err *err)
{
	json_t *v = json_object_get(j, "value");
	char *p;
	int rc;

	if (c->op->value == COND_V_NONE) {
		if (v != NULL)
			return cond_failed(err, file, path, "\"%s\" takes no "
			    "value", c->op->name);
		return 0;
	}
	if ((p = ki_policy_path(path, "value", -1)) == NULL)
		return cond_failed(err, file, path, "out of memory");
	if (v == NULL)
		rc = cond_failed(err, file, path, "needs a \"value\"");
	else
		rc = parse_value(c, v, file, path, p, err);
	free(p);
	return rc;
}

/* "col": a name, or a list of names of which the first not blank is read. */
static int
parse_cols(struct ki_cond *c, json_t *v, const char *file, const char *path,
    struct ki_err *err)
{
	size_t i;

	if (!json_is_array(v) || json_array_size(v) == 0) {
		if (!json_is_string(v) || *json_string_value(v) == '\0')
			return cond_failed(err, file, path, "\"col\" must name a "
			    "column or list columns");
		if ((c->col = strdup(json_string_value(v))) == NULL)
			return cond_failed(err, file, path, "out of memory");
		return 0;
	}
	c->alt = calloc(json_array_size(v), sizeof(char *));
	c->altidx = calloc(json_array_size(v), sizeof(long));
	if (c->alt == NULL || c->altidx == NULL)
		return cond_failed(err, file, path, "out of memory");
	c->nalt = json_array_size(v) - 1;
	for (i = 0; i < json_array_size(v); i++) {
		json_t *e = json_array_get(v, i);

		if (!json_is_string(e) || *json_string_value(e) == '\0')
			return cond_failed(err, file, path, "\"col\" must name a "
			    "column or list columns");
		if ((*(i == 0 ? &c->col : &c->alt[i - 1]) =
		    strdup(json_string_value(e))) == NULL)
			return cond_failed(err, file, path, "out of memory");
	}
	return 0;
}

int
cond_col_parse(struct ki_cond *c, json_t *j, const char *file,
    const char *path, struct ki_err *err)
{
	json_t *op = json_object_get(j, "op");
	char names[128], *p;
	int rc;

	if (parse_cols(c, json_object_get(j, "col"), file, path, err) == -1)
		return -1;
	cond_cmp_names(NULL, names, sizeof(names));
	if (!json_is_string(op))
		return cond_failed(err, file, path, "needs an \"op\" (%s)", names);
	if ((c->op = cond_cmp_find(json_string_value(op))) == NULL) {
		p = ki_policy_path(path, "op", -1);
		rc = cond_failed(err, file, p ? p : path, "unknown operator "
		    "\"%s\" (%s)", json_string_value(op), names);
		free(p);
		return rc;
	}
	return cond_col_value(c, j, file, path, err);
}

int
cond_col_number(const struct ki_cond *c)
{
	return c->isnum && cond_cmp_numeric(c->op);
}

int
cond_col_yes_no(const struct ki_cond *c)
{
	return cond_yes_no(c->col, c->text);
}

/*
 * The fixed words of a comparison's facts, " < 65" and " >= 65", for an
 * answer of yes and of no: made when the value is known (at bind), so
 * that each row puts them whole. Returns 0, or -1 out of memory.
 */
int
cond_col_said(struct ki_cond *c)
{
	int a;

	for (a = 0; a < 2; a++) {
		free(c->said[a]);
		c->said[a] = NULL;
	}
	c->collen = strlen(c->col);
	if (c->op->value == COND_V_NONE || c->op->value == COND_V_SET ||
	    !c->isnum || c->text == NULL)
		return 0;
	for (a = 0; a < 2; a++) {
		const char *op = a == KI_YES ? c->op->name : c->op->neg;
		size_t n = 1 + strlen(op) + 1 + strlen(c->text);

		if ((c->said[a] = malloc(n + 1)) == NULL)
			return -1;
		snprintf(c->said[a], n + 1, " %s %s", op, c->text);
		c->saidlen[a] = n;
	}
	return 0;
}

/* Whether "in" holds: numbers match as numbers, 4.0 is in [4]. */
static int
in_set(const struct ki_cond *c, const char *v)
{
	double a = 0;
	size_t i;
	int isnum = -1;		/* v not read as a number yet */

	for (i = 0; i < c->nset; i++) {
		if (strcmp(v, c->set[i]) == 0)
			return 1;
		if (!c->setisnum[i])
			continue;
		if (isnum == -1)
			isnum = ki_num_parse(v, &a) == 0;
		if (isnum && a == c->setnum[i])
			return 1;
	}
	return 0;
}

/* v of col is no number: -1 with err saying so. */
static __attribute__((noinline)) int
not_number(const char *col, const char *v, struct ki_err *err)
{
	snprintf(err->field, sizeof(err->field), "%s", col);
	snprintf(err->msg, sizeof(err->msg), "\"%s\" is not a number", v);
	return -1;
}

/* cond_col_eval in whole: out of line, so the usual way is lean. */
static __attribute__((noinline)) int
col_eval(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
    struct cond_seen *s, struct ki_err *err)
{
	const char *v = cond_known(c->idx >= 0 ? ctx->row[c->idx] : NULL);
	const char *col = c->col;
	double d;
	size_t i;

	for (i = 0; v == NULL && i < c->nalt; i++)
		if (c->altidx[i] >= 0 &&
		    (v = cond_known(ctx->row[c->altidx[i]])) != NULL)
			col = c->alt[i];
	/* c->yn is worked out once, at bind, for the first column. */
	if (v != NULL && (col == c->col ? c->yn : cond_yes_no(col, c->text)) &&
	    (v = cond_as_yes_no(v, col, s->yn, sizeof(s->yn), err)) == NULL)
		return -1;
	s->v = v;
	s->col = col;
	s->unsupplied = 0;
	if (c->op->value == COND_V_NONE)
		return c->op->holds(v == NULL, 1) ? KI_YES : KI_NO;
	if (v == NULL)
		return KI_UNKNOWN;
	if (c->op->value == COND_V_SET)
		return in_set(c, v) ? KI_YES : KI_NO;
	if (!c->isnum)
		return c->op->holds(strcmp(v, c->text) != 0, 0) ? KI_YES : KI_NO;
	if (ki_num_parse(v, &d) == -1)
		return not_number(col, v, err);
	if (c->param != NULL && !c->have) {
		s->unsupplied = 1;
		return KI_UNKNOWN;
	}
	return c->op->holds(d, c->num) ? KI_YES : KI_NO;
}

int
cond_col_eval(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
    struct ki_buf *why, struct cond_seen *s, struct ki_err *err)
{
	const char *v;
	double d;

	(void)why;
	/* The usual test, one column's number against a number: col_eval's
	 * way for it, without the rest. */
	if (c->nalt > 0 || c->yn || !c->isnum || (c->op->value !=
	    COND_V_NUMBER && c->op->value != COND_V_ANY))
		return col_eval(c, ctx, s, err);
	s->col = c->col;
	s->unsupplied = 0;
	if ((s->v = v = cond_known(c->idx >= 0 ? ctx->row[c->idx] : NULL)) ==
	    NULL)
		return KI_UNKNOWN;
	if (ki_num_parse(v, &d) == -1)
		return not_number(c->col, v, err);
	if (c->param != NULL && !c->have) {
		s->unsupplied = 1;
		return KI_UNKNOWN;
	}
	return c->op->holds(d, c->num) ? KI_YES : KI_NO;
}

static inline void
put_str(struct ki_buf *b, const char *s)
{
	ki_buf_put(b, s, strlen(s));
}

/* Whether the column (or one of its list) holds the word "unknown". */
static int
said_unknown(const struct ki_cond *c, const struct ki_cond_ctx *ctx)
{
	size_t i;

	if (c->idx >= 0 && ctx->row[c->idx] != NULL &&
	    strcmp(ctx->row[c->idx], "unknown") == 0)
		return 1;
	for (i = 0; i < c->nalt; i++)
		if (c->altidx[i] >= 0 && ctx->row[c->altidx[i]] != NULL &&
		    strcmp(ctx->row[c->altidx[i]], "unknown") == 0)
			return 1;
	return 0;
}

/*
 * "ks2_rwm_exp 52 < 65", "phase is primary", "ofsted_grade and
 * ofsted_grade_latest are blank".
 */
void
cond_col_explain(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
    const struct cond_seen *s, int answer, struct ki_buf *f, size_t start)
{
	size_t i;

	(void)start;
	if (s->v == NULL) {
		/* Name every column of a list: none of them has a value. */
		ki_buf_cat(f, s->col, (char *)NULL);
		for (i = 0; i < c->nalt; i++)
			ki_buf_cat(f, i + 1 == c->nalt ? " and " : ", ",
			    c->alt[i], (char *)NULL);
		ki_buf_cat(f, c->nalt ? " are " : " is ",
		    said_unknown(c, ctx) ? "unknown" : "blank", (char *)NULL);
	} else if (c->op->value == COND_V_NONE ||
	    c->op->value == COND_V_SET || !c->isnum) {
		put_str(f, s->col);
		ki_buf_put(f, " is ", 4);
		put_str(f, s->v);
	} else if (s->unsupplied)
		ki_buf_printf(f, "%s not supplied (--param %s=VALUE)",
		    c->about ? c->about : c->param, c->param);
	else if (s->col == c->col && c->said[answer == KI_YES] != NULL) {
		/* Words made at bind, and the value: one row has many. */
		ki_buf_put(f, c->col, c->collen);
		ki_buf_put(f, " ", 1);
		put_str(f, s->v);
		ki_buf_put(f, c->said[answer == KI_YES],
		    c->saidlen[answer == KI_YES]);
		if (c->param != NULL)
			ki_buf_cat(f, " (", c->about ? c->about : c->param, ")",
			    (char *)NULL);
	} else {
		put_str(f, s->col);
		ki_buf_put(f, " ", 1);
		put_str(f, s->v);
		ki_buf_put(f, " ", 1);
		put_str(f, answer == KI_YES ? c->op->name : c->op->neg);
		ki_buf_put(f, " ", 1);
		put_str(f, c->text);
		if (c->param != NULL)
			ki_buf_cat(f, " (", c->about ? c->about : c->param, ")",
			    (char *)NULL);
	}
}

/* Conditions over a row and its history: parse from JSON, evaluate, explain. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/cond.h"
#include "ki/jsonfile.h"
#include "ki/num.h"
#include "ki/val.h"

enum node { N_ALL, N_ANY, N_NOT, N_CMP, N_COUNT, N_TREND };
enum op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_IN, OP_BLANK,
	OP_NOTBLANK };

static const char *const opname[] = { "==", "!=", "<", "<=", ">", ">=", "in",
	"blank", "not blank" };
static const enum op negop[] = { OP_NE, OP_EQ, OP_GE, OP_GT, OP_LE, OP_LT,
	OP_IN, OP_NOTBLANK, OP_BLANK };

struct ki_cond {
	enum node type;
	char *label;
	struct ki_cond **kids;
	size_t nkids;
	char *col;		/* N_CMP, N_COUNT, N_TREND */
	long idx;
	char **alt;		/* N_CMP: further columns, read when col is blank */
	long *altidx;
	size_t nalt;
	enum op op;		/* N_CMP, N_COUNT */
	int isnum;		/* the value is a number */
	double num;
	char *text;		/* the value as written */
	char **set;		/* OP_IN */
	size_t nset;
	char *param;		/* the value is the user's parameter */
	char *about;
	int have;		/* the parameter was supplied */
	char *equals;		/* N_COUNT */
	int from, to;
	int years;		/* N_TREND */
	int rising;
	int insufficient;	/* N_TREND: answer with too few years */
	int yn;			/* col is read as yes or no */
};

static int yes_no(const char *, const char *);

static struct ki_cond *fail(struct ki_cond *, struct ki_err *, const char *,
    const char *, const char *, ...) __attribute__((format(printf, 5, 6)));

static struct ki_cond *
fail(struct ki_cond *c, struct ki_err *err, const char *file, const char *path,
    const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ki_err_set(err, file, 0, path, "%s", msg);
	ki_cond_free(c);
	return NULL;
}

static char *
sub(const char *path, const char *key, long i)
{
	size_t n = strlen(path) + strlen(key) + 24;
	char *p = malloc(n);

	if (p == NULL)
		return NULL;
	if (i >= 0)
		snprintf(p, n, "%s.%s[%ld]", path, key, i);
	else
		snprintf(p, n, "%s.%s", path, key);
	return p;
}

static int
number_text(json_t *v, char **text, double *num)
{
	char buf[64];

	if (json_is_integer(v))
		snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
	else if (json_is_real(v)) {
		if (ki_num_format(json_real_value(v), buf, sizeof(buf)) < 0)
			return -1;
	} else
		return -1;
	*num = json_number_value(v);
	return (*text = strdup(buf)) == NULL ? -1 : 0;
}

static int
int_of(json_t *o, const char *key, int *out)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v) || json_integer_value(v) < -1000 ||
	    json_integer_value(v) > 1000)
		return -1;
	*out = (int)json_integer_value(v);
	return 0;
}

static struct ki_cond *
parse_value(struct ki_cond *c, json_t *j, const char *file, const char *path,
    struct ki_err *err)
{
	json_t *v = json_object_get(j, "value");
	char *p = sub(path, "value", -1);
	size_t i;

	if (p == NULL)
		return fail(c, err, file, path, "out of memory");
	if (c->op == OP_BLANK || c->op == OP_NOTBLANK) {
		free(p);
		if (v != NULL)
			return fail(c, err, file, path, "\"%s\" takes no value",
			    opname[c->op]);
		return c;
	}
	if (v == NULL) {
		free(p);
		return fail(c, err, file, path, "needs a \"value\"");
	}
	if (c->op == OP_IN) {
		if (!json_is_array(v) || json_array_size(v) == 0) {
			c = fail(c, err, file, p, "\"in\" needs a non-empty array");
			free(p);
			return c;
		}
		c->nset = json_array_size(v);
		if ((c->set = calloc(c->nset, sizeof(char *))) == NULL) {
			free(p);
			return fail(c, err, file, path, "out of memory");
		}
		for (i = 0; i < c->nset; i++) {
			json_t *e = json_array_get(v, i);
			double d;

			if (json_is_string(e))
				c->set[i] = strdup(json_string_value(e));
			else if (number_text(e, &c->set[i], &d) == -1) {
				c = fail(c, err, file, p, "must hold strings or "
				    "numbers");
				free(p);
				return c;
			}
		}
		free(p);
		return c;
	}
	if (json_is_object(v)) {
		json_t *name = json_object_get(v, "param");
		json_t *about = json_object_get(v, "about");
		static const char *const keys[] = { "param", "about", NULL };
		const char *k;

		if ((k = ki_json_stray_key(v, keys)) != NULL || !json_is_string(name) ||
		    (about != NULL && !json_is_string(about))) {
			c = fail(c, err, file, p, "must be a number, a string or "
			    "{\"param\": NAME, \"about\": TEXT}");
			free(p);
			return c;
		}
		c->param = strdup(json_string_value(name));
		c->about = about ? strdup(json_string_value(about)) : NULL;
		c->isnum = 1;
		free(p);
		return c;
	}
	if (json_is_string(v)) {
		if (c->op != OP_EQ && c->op != OP_NE) {
			c = fail(c, err, file, p, "\"%s\" needs a number",
			    opname[c->op]);
			free(p);
			return c;
		}
		c->text = strdup(json_string_value(v));
		free(p);
		return c;
	}
	if (number_text(v, &c->text, &c->num) == -1) {
		c = fail(c, err, file, p, "must be a number or a string");
		free(p);
		return c;
	}
	c->isnum = 1;
	free(p);
	return c;
}

static int
parse_op(const char *s, enum op *op)
{
	size_t i;

	for (i = 0; i < sizeof(opname) / sizeof(opname[0]); i++)
		if (strcmp(s, opname[i]) == 0) {
			*op = (enum op)i;
			return 0;
		}
	return -1;
}

struct ki_cond *
ki_cond_parse(json_t *j, const char *file, const char *path,
    struct ki_err *err)
{
	static const char *const cmp_keys[] = { "col", "op", "value", "label",
	    NULL };
	static const char *const count_keys[] = { "count", "equals", "from",
	    "to", "op", "value", "label", NULL };
	static const char *const trend_keys[] = { "trend", "years",
	    "direction", "insufficient", "label", NULL };
	struct ki_cond *c;
	json_t *v, *label;
	const char *k;

	if (!json_is_object(j))
		return fail(NULL, err, file, path, "a condition must be an "
		    "object");
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return fail(NULL, err, file, path, "out of memory");
	c->idx = -1;
	label = json_object_get(j, "label");
	if (label != NULL) {
		if (!json_is_string(label))
			return fail(c, err, file, path, "label must be a "
			    "string");
		c->label = strdup(json_string_value(label));
	}
	if ((v = json_object_get(j, "all")) != NULL ||
	    (v = json_object_get(j, "any")) != NULL) {
		const char *kind = json_object_get(j, "all") ? "all" : "any";
		size_t i, want = label ? 2 : 1;

		c->type = kind[1] == 'l' ? N_ALL : N_ANY;
		if (json_object_size(j) != want)
			return fail(c, err, file, path, "\"%s\" takes no other "
			    "keys", kind);
		if (!json_is_array(v) || json_array_size(v) == 0)
			return fail(c, err, file, path, "\"%s\" needs a non-empty "
			    "array of conditions", kind);
		c->nkids = json_array_size(v);
		if ((c->kids = calloc(c->nkids, sizeof(*c->kids))) == NULL)
			return fail(c, err, file, path, "out of memory");
		for (i = 0; i < c->nkids; i++) {
			char *p = sub(path, kind, (long)i);

			if (p == NULL)
				return fail(c, err, file, path, "out of memory");
			c->kids[i] = ki_cond_parse(json_array_get(v, i), file, p,
			    err);
			free(p);
			if (c->kids[i] == NULL) {
				ki_cond_free(c);
				return NULL;
			}
		}
		return c;
	}
	if ((v = json_object_get(j, "not")) != NULL) {
		char *p = sub(path, "not", -1);

		c->type = N_NOT;
		if (json_object_size(j) != (label ? 2u : 1u)) {
			free(p);
			return fail(c, err, file, path, "\"not\" takes no other "
			    "keys");
		}
		if (p == NULL || (c->kids = calloc(1, sizeof(*c->kids))) == NULL) {
			free(p);
			return fail(c, err, file, path, "out of memory");
		}
		c->nkids = 1;
		c->kids[0] = ki_cond_parse(v, file, p, err);
		free(p);
		if (c->kids[0] == NULL) {
			ki_cond_free(c);
			return NULL;
		}
		return c;
	}
	if ((v = json_object_get(j, "col")) != NULL) {
		json_t *op = json_object_get(j, "op");

		c->type = N_CMP;
		if ((k = ki_json_stray_key(j, cmp_keys)) != NULL)
			return fail(c, err, file, path, "unknown key \"%s\"", k);
		if (json_is_array(v) && json_array_size(v) > 0) {
			/* ["ofsted_grade", "ofsted_grade_latest"]: the first
			 * that is not blank. */
			size_t i;

			c->nalt = json_array_size(v) - 1;
			c->alt = calloc(c->nalt + 1, sizeof(char *));
			c->altidx = calloc(c->nalt + 1, sizeof(long));
			if (c->alt == NULL || c->altidx == NULL)
				return fail(c, err, file, path, "out of memory");
			for (i = 0; i < json_array_size(v); i++) {
				json_t *e = json_array_get(v, i);

				if (!json_is_string(e) || *json_string_value(e) == '\0')
					return fail(c, err, file, path, "\"col\" "
					    "must name a column or list columns");
				if (i == 0)
					c->col = strdup(json_string_value(e));
				else
					c->alt[i - 1] = strdup(json_string_value(e));
			}
		} else if (!json_is_string(v) || *json_string_value(v) == '\0')
			return fail(c, err, file, path, "\"col\" must name a "
			    "column or list columns");
		else
			c->col = strdup(json_string_value(v));
		if (!json_is_string(op))
			return fail(c, err, file, path, "needs an \"op\" (== != < "
			    "<= > >= in blank, not blank)");
		if (parse_op(json_string_value(op), &c->op) == -1) {
			char *p = sub(path, "op", -1);

			c = fail(c, err, file, p ? p : path, "unknown operator "
			    "\"%s\" (== != < <= > >= in blank, not blank)",
			    json_string_value(op));
			free(p);
			return c;
		}
		return parse_value(c, j, file, path, err);
	}
	if ((v = json_object_get(j, "count")) != NULL) {
		json_t *eq = json_object_get(j, "equals");
		json_t *op = json_object_get(j, "op");

		c->type = N_COUNT;
		if ((k = ki_json_stray_key(j, count_keys)) != NULL)
			return fail(c, err, file, path, "unknown key \"%s\"", k);
		if (!json_is_string(v) || !json_is_string(eq))
			return fail(c, err, file, path, "\"count\" and \"equals\" "
			    "must be strings");
		c->col = strdup(json_string_value(v));
		c->equals = strdup(json_string_value(eq));
		if (int_of(j, "from", &c->from) == -1 ||
		    int_of(j, "to", &c->to) == -1)
			return fail(c, err, file, path, "\"from\" and \"to\" must "
			    "be whole numbers of years (e.g. -5 and -1)");
		if (c->from > c->to)
			return fail(c, err, file, path, "the window's \"from\" is "
			    "after its \"to\"");
		if (!json_is_string(op) ||
		    parse_op(json_string_value(op), &c->op) == -1 ||
		    c->op > OP_GE)
			return fail(c, err, file, path, "\"op\" must be one of "
			    "== != < <= > >=");
		c = parse_value(c, j, file, path, err);
		if (c != NULL && (!c->isnum || c->param != NULL))
			return fail(c, err, file, path, "the count's \"value\" "
			    "must be a number");
		return c;
	}
	if ((v = json_object_get(j, "trend")) != NULL) {
		json_t *dir = json_object_get(j, "direction");

		c->type = N_TREND;
		if ((k = ki_json_stray_key(j, trend_keys)) != NULL)
			return fail(c, err, file, path, "unknown key \"%s\"", k);
		if (!json_is_string(v))
			return fail(c, err, file, path, "\"trend\" must name a "
			    "column");
		c->col = strdup(json_string_value(v));
		if (int_of(j, "years", &c->years) == -1 || c->years < 2 ||
		    c->years > 20)
			return fail(c, err, file, path, "\"years\" must be a "
			    "whole number from 2 to 20");
		if (json_is_string(dir) &&
		    strcmp(json_string_value(dir), "declining") == 0)
			c->rising = 0;
		else if (json_is_string(dir) &&
		    strcmp(json_string_value(dir), "rising") == 0)
			c->rising = 1;
		else
			return fail(c, err, file, path, "\"direction\" must be "
			    "\"declining\" or \"rising\"");
		/* Too few years to see a trend: not evidenced, so not met,
		 * unless the scheme asks for unknown. */
		c->insufficient = KI_NO;
		if ((v = json_object_get(j, "insufficient")) != NULL) {
			if (json_is_string(v) &&
			    strcmp(json_string_value(v), "unknown") == 0)
				c->insufficient = KI_UNKNOWN;
			else if (!json_is_string(v) ||
			    strcmp(json_string_value(v), "no") != 0)
				return fail(c, err, file, path, "\"insufficient\" "
				    "must be \"no\" or \"unknown\"");
		}
		return c;
	}
	return fail(c, err, file, path, "needs one of all, any, not, col, "
	    "count, trend");
}

void
ki_cond_free(struct ki_cond *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nkids; i++)
		ki_cond_free(c->kids[i]);
	free(c->kids);
	for (i = 0; i < c->nset; i++)
		free(c->set[i]);
	free(c->set);
	free(c->label);
	free(c->col);
	for (i = 0; i < c->nalt; i++)
		free(c->alt[i]);
	free(c->alt);
	free(c->altidx);
	free(c->text);
	free(c->param);
	free(c->about);
	free(c->equals);
	free(c);
}

int
ki_cond_bind(struct ki_cond *c, const struct ki_hdr *h, json_t *params,
    int strict, const char *file, struct ki_err *err)
{
	size_t i;

	for (i = 0; i < c->nkids; i++)
		if (ki_cond_bind(c->kids[i], h, params, strict, file, err) == -1)
			return -1;
	if (c->col != NULL) {
		int found;

		c->yn = yes_no(c->col, c->type == N_COUNT ? c->equals : c->text);

		c->idx = ki_hdr_index(h, c->col);
		found = c->idx >= 0;
		for (i = 0; i < c->nalt; i++)
			found |= (c->altidx[i] = ki_hdr_index(h, c->alt[i])) >= 0;
		if (!found && strict)
			return ki_err_set(err, file, 0, c->col, "the input has no "
			    "such column%s", c->nalt ? " (nor the others listed "
			    "with it)" : "");
	}
	if (c->param != NULL) {
		json_t *v = params ? json_object_get(params, c->param) : NULL;

		c->have = 0;
		if (v != NULL) {
			free(c->text);
			c->text = NULL;
			if (number_text(v, &c->text, &c->num) == -1)
				return ki_err_set(err, file, 0, c->param, "the "
				    "parameter must be a number");
			c->have = 1;
		}
	}
	return 0;
}

/*
 * A value a condition can use, or NULL: blank, and ki's own "unknown" (as
 * ki-floor writes when it cannot judge) both mean not known.
 */
static const char *
known(const char *v)
{
	if (v == NULL || *v == '\0' || strcmp(v, "unknown") == 0)
		return NULL;
	return v;
}

/*
 * Whether col is a yes/no column here: a canonical one, or one compared
 * with "yes" or "no" (so Y, true and 1 count as yes for it too).
 */
static int
yes_no(const char *col, const char *text)
{
	return ki_canon_type(col, NULL) == KI_T_BOOL || (text != NULL &&
	    (strcmp(text, "yes") == 0 || strcmp(text, "no") == 0));
}

/*
 * v as "yes" or "no" in buf; "n/a" as it is. Anything else is an error:
 * NULL with err naming col.
 */
static const char *
as_yes_no(const char *v, const char *col, char *buf, size_t n,
    struct ki_err *err)
{
	char msg[160];

	if (strcmp(v, "n/a") == 0)
		return v;
	if (ki_val_norm(KI_T_BOOL, v, buf, n, msg, sizeof(msg)) == 1)
		return buf;
	snprintf(err->field, sizeof(err->field), "%s", col);
	snprintf(err->msg, sizeof(err->msg), "%s", msg);
	return NULL;
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

static int
compare(enum op op, double a, double b)
{
	switch (op) {
	case OP_EQ: return a == b;
	case OP_NE: return a != b;
	case OP_LT: return a < b;
	case OP_LE: return a <= b;
	case OP_GT: return a > b;
	case OP_GE: return a >= b;
	case OP_IN: case OP_BLANK: case OP_NOTBLANK: break;
	}
	return 0;
}

/*
 * The label says what holds, "not" in front when it does not; an unknown
 * answer's facts (what is blank) speak for themselves. The facts are the
 * text of why from start on.
 */
static void
labelled(const struct ki_cond *c, int answer, struct ki_buf *why,
    size_t start)
{
	size_t end = why->len;

	if (c->label == NULL)
		return;
	ki_buf_cat(why, answer == KI_NO ? "not " : "", c->label, " (",
	    (char *)NULL);
	ki_buf_again(why, start, end - start);
	ki_buf_add(why, ")", 1);
	ki_buf_drop(why, start, end);
}

static int
eval_cmp(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
    struct ki_buf *f, struct ki_err *err)
{
	const char *v = known(c->idx >= 0 ? ctx->row[c->idx] : NULL);
	const char *col = c->col;
	char yn[8];
	double d;
	size_t i;
	int yes;

	for (i = 0; v == NULL && i < c->nalt; i++)
		if (c->altidx[i] >= 0 &&
		    (v = known(ctx->row[c->altidx[i]])) != NULL)
			col = c->alt[i];
	/* c->yn is worked out once, at bind, for the first column. */
	if (v != NULL && (col == c->col ? c->yn : yes_no(col, c->text)) &&
	    (v = as_yes_no(v, col, yn, sizeof(yn), err)) == NULL)
		return -1;
	if (v == NULL) {
		/* Name every column of a list: none of them has a value. */
		ki_buf_cat(f, col, (char *)NULL);
		for (i = 0; i < c->nalt; i++)
			ki_buf_cat(f, i + 1 == c->nalt ? " and " : ", ",
			    c->alt[i], (char *)NULL);
		ki_buf_cat(f, c->nalt ? " are " : " is ",
		    said_unknown(c, ctx) ? "unknown" : "blank", (char *)NULL);
	}
	if (c->op == OP_BLANK || c->op == OP_NOTBLANK) {
		yes = (v == NULL) == (c->op == OP_BLANK);
		if (v != NULL)
			ki_buf_cat(f, col, " is ", v, (char *)NULL);
		return yes ? KI_YES : KI_NO;
	}
	if (v == NULL)
		return KI_UNKNOWN;
	if (c->op == OP_IN) {
		double a, b;

		/* Numbers match as numbers: 4.0 is in [4]. */
		for (i = 0; i < c->nset; i++)
			if (strcmp(v, c->set[i]) == 0 ||
			    (ki_num_parse(v, &a) == 0 &&
			    ki_num_parse(c->set[i], &b) == 0 && a == b))
				break;
		ki_buf_cat(f, col, " is ", v, (char *)NULL);
		return i < c->nset ? KI_YES : KI_NO;
	}
	if (!c->isnum) {
		yes = (strcmp(v, c->text) == 0) == (c->op == OP_EQ);
		ki_buf_cat(f, col, " is ", v, (char *)NULL);
		return yes ? KI_YES : KI_NO;
	}
	if (ki_num_parse(v, &d) == -1) {
		snprintf(err->field, sizeof(err->field), "%s", col);
		snprintf(err->msg, sizeof(err->msg), "\"%s\" is not a number", v);
		return -1;
	}
	if (c->param != NULL && !c->have) {
		ki_buf_printf(f, "%s not supplied (--param %s=VALUE)",
		    c->about ? c->about : c->param, c->param);
		return KI_UNKNOWN;
	}
	yes = compare(c->op, d, c->num);
	ki_buf_cat(f, col, " ", v, " ", opname[yes ? c->op : negop[c->op]],
	    " ", c->text, (char *)NULL);
	if (c->param != NULL)
		ki_buf_cat(f, " (", c->about ? c->about : c->param, ")",
		    (char *)NULL);
	return yes ? KI_YES : KI_NO;
}

static const char *
value_in(const struct ki_cond *c, const struct ki_cond_ctx *ctx, int year)
{
	const char *v;

	if (c->idx < 0)
		return NULL;
	if (year == ctx->year)
		v = ctx->row[c->idx];
	else
		v = ctx->hist ? ctx->hist(ctx->arg, c->idx, year) : NULL;
	return known(v);
}

static int
eval_count(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
    struct ki_buf *f, struct ki_err *err)
{
	int y, k = 0, u = 0, m, first = -1, same = 1;
	int yn_col = c->yn;
	char yn[8];

	for (y = ctx->year + c->from; y <= ctx->year + c->to; y++) {
		const char *v = value_in(c, ctx, y);

		if (v != NULL && yn_col &&
		    (v = as_yes_no(v, c->col, yn, sizeof(yn), err)) == NULL)
			return -1;
		if (v == NULL)
			u++;
		else if (strcmp(v, c->equals) == 0)
			k++;
	}
	/* The unknown years could each go either way: try every count. */
	for (m = k; m <= k + u; m++) {
		int r = compare(c->op, m, c->num);

		if (first == -1)
			first = r;
		else if (r != first)
			same = 0;
	}
	ki_buf_printf(f, "%s %s in %d of %d-%d", c->col, c->equals, k,
	    ctx->year + c->from, ctx->year + c->to);
	if (u > 0)
		ki_buf_printf(f, ", %d year%s unknown", u, u > 1 ? "s" : "");
	return !same ? KI_UNKNOWN : first ? KI_YES : KI_NO;
}

static int
eval_trend(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
    struct ki_buf *f, struct ki_err *err)
{
	int y, first = ctx->year - c->years + 1, broken = 0, known = 0;
	double prev = 0;
	int have_prev = 0;

	ki_buf_printf(f, "%s %d-%d (", c->col, first, ctx->year);
	for (y = first; y <= ctx->year; y++) {
		const char *v = value_in(c, ctx, y);
		double d;

		ki_buf_printf(f, "%s%s", y > first ? ", " : "", v ? v : "blank");
		if (v == NULL) {
			have_prev = 0;
			continue;
		}
		if (ki_num_parse(v, &d) == -1) {
			snprintf(err->field, sizeof(err->field), "%s", c->col);
			snprintf(err->msg, sizeof(err->msg),
			    "\"%s\" is not a number", v);
			return -1;
		}
		if (have_prev && (c->rising ? d <= prev : d >= prev))
			broken = 1;
		prev = d;
		have_prev = 1;
		known++;
	}
	if (broken) {
		ki_buf_printf(f, ") not %s", c->rising ? "rising" : "declining");
		return KI_NO;
	}
	if (known < c->years) {
		/* Fewer years than the trend needs: nothing shows it. */
		if (known == 0)
			ki_buf_printf(f, ") %s not evidenced: no results",
			    c->rising ? "rise" : "decline");
		else
			ki_buf_printf(f, ") %s not evidenced: only %d year%s of "
			    "results", c->rising ? "rise" : "decline", known,
			    known == 1 ? "" : "s");
		/* A column with no values at all is another phase's. */
		if (ctx->notes != NULL && known > 0)
			ki_buf_printf(ctx->notes, "%s%s: %s not evidenced: only "
			    "%d year%s of results", ctx->notes->len ? "; " : "",
			    c->col, c->rising ? "rise" : "decline", known,
			    known == 1 ? "" : "s");
		return c->insufficient;
	}
	ki_buf_printf(f, ") %s", c->rising ? "rising" : "declining");
	return KI_YES;
}

/* Where one part's facts are in why, and its answer. */
struct part {
	size_t off, len;
	int answer;
};

/* The facts of the parts with answer rc, joined, from start on. */
static void
join_parts(struct ki_buf *why, size_t start, const struct part *p,
    size_t n, int rc)
{
	size_t end = why->len, i;
	int first = 1;

	for (i = 0; i < n; i++) {
		size_t j;

		if (p[i].answer != rc)
			continue;
		/* The same fact twice ("x is 0 and x is 0") is said once. */
		for (j = 0; j < i; j++)
			if (p[j].answer == rc && p[j].len == p[i].len &&
			    memcmp(why->s + p[j].off, why->s + p[i].off,
			    p[i].len) == 0)
				break;
		if (j < i)
			continue;
		if (!first)
			ki_buf_add(why, rc == KI_UNKNOWN ? ", " : " and ",
			    rc == KI_UNKNOWN ? 2 : 5);
		ki_buf_again(why, p[i].off, p[i].len);
		first = 0;
	}
	ki_buf_drop(why, start, end);
}

/*
 * Each part's facts are written into why as it is judged, then those of
 * the parts with the answer are joined in place: no buffer is made per
 * condition.
 */
int
ki_cond_eval(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
    struct ki_buf *why, struct ki_err *err)
{
	struct part few[16], *p = few;
	size_t start = why ? why->len : 0, i;
	size_t notes0 = ctx->notes ? ctx->notes->len : 0;
	int rc = -1, n[3] = { 0, 0, 0 }, decided = 0;

	switch (c->type) {
	case N_CMP:
		rc = eval_cmp(c, ctx, why, err);
		break;
	case N_COUNT:
		rc = eval_count(c, ctx, why, err);
		break;
	case N_TREND:
		rc = eval_trend(c, ctx, why, err);
		break;
	case N_NOT:
		rc = ki_cond_eval(c->kids[0], ctx, why, err);
		if (rc == KI_YES || rc == KI_NO)
			rc = !rc;
		break;
	case N_ALL:
	case N_ANY:
		if (why != NULL && c->nkids > 16 &&
		    (p = malloc(c->nkids * sizeof(*p))) == NULL) {
			snprintf(err->msg, sizeof(err->msg), "out of memory");
			return -1;
		}
		for (i = 0; i < c->nkids; i++) {
			size_t off = why ? why->len : 0;
			size_t noted = ctx->notes ? ctx->notes->len : 0;
			int r = ki_cond_eval(c->kids[i], ctx, why, err);

			if (r == -1)
				goto out;
			if (ctx->notes != NULL && ctx->notes->len == noted &&
			    r == (c->type == N_ALL ? KI_NO : KI_YES))
				decided = 1;
			if (why != NULL) {
				p[i].off = off;
				p[i].len = why->len - off;
				p[i].answer = r;
			}
			n[r]++;
		}
		if (c->type == N_ALL)
			rc = n[KI_NO] ? KI_NO : n[KI_UNKNOWN] ? KI_UNKNOWN : KI_YES;
		else
			rc = n[KI_YES] ? KI_YES : n[KI_UNKNOWN] ? KI_UNKNOWN : KI_NO;
		/* A part that noted nothing decided it: the notes did not. */
		if (decided)
			ki_buf_drop(ctx->notes, notes0, ctx->notes->len);
		if (why != NULL)
			join_parts(why, start, p, c->nkids, rc);
		break;
	}
	if (rc >= 0 && why != NULL)
		labelled(c, rc, why, start);
out:
	if (p != few)
		free(p);
	return rc;
}

/* Add name to names unless it is there. Returns 0, or -1 out of memory. */
static int
add_name(struct ki_hdr *names, const char *name)
{
	return ki_hdr_index(names, name) < 0 && ki_hdr_add(names, name) < 0 ?
	    -1 : 0;
}

/* Add c's column and its alternatives to names. Returns 0 or -1. */
static int
add_col(struct ki_hdr *names, const struct ki_cond *c)
{
	size_t i;

	if (add_name(names, c->col) == -1)
		return -1;
	for (i = 0; i < c->nalt; i++)
		if (add_name(names, c->alt[i]) == -1)
			return -1;
	return 0;
}

int
ki_cond_columns(const struct ki_cond *c, struct ki_hdr *names)
{
	size_t i;

	for (i = 0; i < c->nkids; i++)
		if (ki_cond_columns(c->kids[i], names) == -1)
			return -1;
	return c->col != NULL ? add_col(names, c) : 0;
}

int
ki_cond_params(const struct ki_cond *c, struct ki_hdr *names)
{
	size_t i;

	for (i = 0; i < c->nkids; i++)
		if (ki_cond_params(c->kids[i], names) == -1)
			return -1;
	if (c->param != NULL && add_name(names, c->param) == -1)
		return -1;
	return 0;
}

int
ki_cond_history(const struct ki_cond *c)
{
	size_t i;

	if (c->type == N_COUNT || c->type == N_TREND)
		return 1;
	for (i = 0; i < c->nkids; i++)
		if (ki_cond_history(c->kids[i]))
			return 1;
	return 0;
}

int
ki_cond_check(const struct ki_cond *c, const struct ki_hdr *h,
    int (*optional)(const char *, void *), void *arg, const char *file,
    struct ki_err *err)
{
	size_t i;
	int found;

	for (i = 0; i < c->nkids; i++)
		if (ki_cond_check(c->kids[i], h, optional, arg, file, err) == -1)
			return -1;
	if (c->col == NULL)
		return 0;
	/* One column of a group is enough; an optional one may be absent. */
	found = ki_hdr_index(h, c->col) >= 0 || optional(c->col, arg);
	for (i = 0; !found && i < c->nalt; i++)
		found = ki_hdr_index(h, c->alt[i]) >= 0 ||
		    optional(c->alt[i], arg);
	if (!found)
		return ki_err_set(err, file, 1, c->col, "the input has no such "
		    "column%s", c->nalt ? " (nor the others listed with it)" :
		    "");
	return 0;
}

int
ki_cond_numbers(const struct ki_cond *c, struct ki_hdr *names)
{
	size_t i;

	for (i = 0; i < c->nkids; i++)
		if (ki_cond_numbers(c->kids[i], names) == -1)
			return -1;
	if ((c->type == N_TREND || (c->type == N_CMP && c->isnum &&
	    c->op != OP_IN && c->op != OP_BLANK && c->op != OP_NOTBLANK)) &&
	    c->col != NULL)
		return add_col(names, c);
	return 0;
}

int
ki_cond_yes_no(const struct ki_cond *c, struct ki_hdr *names)
{
	size_t i;

	for (i = 0; i < c->nkids; i++)
		if (ki_cond_yes_no(c->kids[i], names) == -1)
			return -1;
	if (c->col == NULL || !((c->type == N_CMP && yes_no(c->col, c->text)) ||
	    (c->type == N_COUNT && yes_no(c->col, c->equals))))
		return 0;
	return add_col(names, c);
}

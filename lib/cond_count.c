/* The count of years, {"count": C, "equals": V, "from": F, "to": T, ...}. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cond_impl.h"

int
cond_count_parse(struct ki_cond *c, json_t *j, const char *file,
    const char *path, struct ki_err *err)
{
	json_t *v = json_object_get(j, "count");
	json_t *eq = json_object_get(j, "equals");
	json_t *op = json_object_get(j, "op");

	if (!json_is_string(v) || !json_is_string(eq))
		return cond_failed(err, file, path, "\"count\" and \"equals\" "
		    "must be strings");
	if ((c->col = strdup(json_string_value(v))) == NULL ||
	    (c->equals = strdup(json_string_value(eq))) == NULL)
		return cond_failed(err, file, path, "out of memory");
	if (cond_int_of(j, "from", &c->from) == -1 ||
	    cond_int_of(j, "to", &c->to) == -1)
		return cond_failed(err, file, path, "\"from\" and \"to\" must be "
		    "whole numbers of years (e.g. -5 and -1)");
	if (c->from > c->to)
		return cond_failed(err, file, path, "the window's \"from\" is "
		    "after its \"to\"");
	if (!json_is_string(op) ||
	    (c->op = cond_cmp_find(json_string_value(op))) == NULL ||
	    !cond_cmp_numeric(c->op)) {
		char names[128];

		return cond_failed(err, file, path, "\"op\" must be one of %s",
		    cond_cmp_names(cond_cmp_numeric, names, sizeof(names)));
	}
	if (cond_col_value(c, j, file, path, err) == -1)
		return -1;
	if (!c->isnum || c->param != NULL)
		return cond_failed(err, file, path, "the count's \"value\" must "
		    "be a number");
	return 0;
}

int
cond_count_yes_no(const struct ki_cond *c)
{
	return cond_yes_no(c->col, c->equals);
}

int
cond_count_eval(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
    struct ki_buf *why, struct cond_seen *s, struct ki_err *err)
{
	int y, k = 0, u = 0, m, first = -1, same = 1;
	char yn[8];

	(void)why;
	for (y = ctx->year + c->from; y <= ctx->year + c->to; y++) {
		const char *v = cond_value_in(c, ctx, y);

		if (v != NULL && c->yn &&
		    (v = cond_as_yes_no(v, c->col, yn, sizeof(yn), err)) == NULL)
			return -1;
		if (v == NULL)
			u++;
		else if (strcmp(v, c->equals) == 0)
			k++;
	}
	/* The unknown years could each go either way: try every count. */
	for (m = k; m <= k + u; m++) {
		int r = c->op->holds(m, c->num);

		if (first == -1)
			first = r;
		else if (r != first)
			same = 0;
	}
	s->k = k;
	s->u = u;
	return !same ? KI_UNKNOWN : first ? KI_YES : KI_NO;
}

/* "below_floor yes in 2 of 2015-2019, 1 year unknown". */
void
cond_count_explain(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
    const struct cond_seen *s, int answer, struct ki_buf *f, size_t start)
{
	(void)answer;
	(void)start;
	ki_buf_printf(f, "%s %s in %d of %d-%d", c->col, c->equals, s->k,
	    ctx->year + c->from, ctx->year + c->to);
	if (s->u > 0)
		ki_buf_printf(f, ", %d year%s unknown", s->u, s->u > 1 ? "s" :
		    "");
}

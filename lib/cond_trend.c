/* The trend, {"trend": C, "years": N, "direction": "declining"}. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cond_impl.h"
#include "ki/num.h"

int
cond_trend_parse(struct ki_cond *c, json_t *j, const char *file,
    const char *path, struct ki_err *err)
{
	json_t *v = json_object_get(j, "trend");
	json_t *dir = json_object_get(j, "direction");
	const char *d = json_string_value(dir);

	if (!json_is_string(v))
		return cond_failed(err, file, path, "\"trend\" must name a "
		    "column");
	if ((c->col = strdup(json_string_value(v))) == NULL)
		return cond_failed(err, file, path, "out of memory");
	if (cond_int_of(j, "years", &c->years) == -1 || c->years < 2 ||
	    c->years > COND_MAX_YEARS)
		return cond_failed(err, file, path, "\"years\" must be a whole "
		    "number from 2 to %d", COND_MAX_YEARS);
	if (d != NULL && strcmp(d, "declining") == 0)
		c->rising = 0;
	else if (d != NULL && strcmp(d, "rising") == 0)
		c->rising = 1;
	else
		return cond_failed(err, file, path, "\"direction\" must be "
		    "\"declining\" or \"rising\"");
	/* Too few years to see a trend: not evidenced, so not met, unless
	 * the scheme asks for unknown. */
	c->insufficient = KI_NO;
	if ((v = json_object_get(j, "insufficient")) != NULL) {
		if (json_is_string(v) &&
		    strcmp(json_string_value(v), "unknown") == 0)
			c->insufficient = KI_UNKNOWN;
		else if (!json_is_string(v) ||
		    strcmp(json_string_value(v), "no") != 0)
			return cond_failed(err, file, path, "\"insufficient\" "
			    "must be \"no\" or \"unknown\"");
	}
	return 0;
}

int
cond_trend_number(const struct ki_cond *c)
{
	(void)c;
	return 1;
}

int
cond_trend_eval(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
    struct ki_buf *why, struct cond_seen *s, struct ki_err *err)
{
	int y, first = ctx->year - c->years + 1, broken = 0, known = 0;
	int have_prev = 0;
	double prev = 0;

	(void)why;
	for (y = first; y <= ctx->year; y++) {
		const char *v = cond_value_in(c, ctx, y);
		double d;

		s->vals[y - first] = v;
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
	s->broken = broken;
	s->nknown = known;
	if (broken)
		return KI_NO;
	if (known < c->years) {
		/* A column with no values at all is another phase's. */
		if (ctx->notes != NULL && known > 0)
			ki_buf_printf(ctx->notes, "%s%s: %s not evidenced: only "
			    "%d year%s of results", ctx->notes->len ? "; " : "",
			    c->col, c->rising ? "rise" : "decline", known,
			    known == 1 ? "" : "s");
		return c->insufficient;
	}
	return KI_YES;
}

/* "ks2_rwm_exp 2017-2019 (60, 55, 52) declining". */
void
cond_trend_explain(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
    const struct cond_seen *s, int answer, struct ki_buf *f, size_t start)
{
	int y, first = ctx->year - c->years + 1;
	const char *dir = c->rising ? "rising" : "declining";

	(void)answer;
	(void)start;
	ki_buf_printf(f, "%s %d-%d (", c->col, first, ctx->year);
	for (y = first; y <= ctx->year; y++)
		ki_buf_printf(f, "%s%s", y > first ? ", " : "",
		    s->vals[y - first] ? s->vals[y - first] : "blank");
	if (s->broken)
		ki_buf_printf(f, ") not %s", dir);
	else if (s->nknown == 0)
		/* Fewer years than the trend needs: nothing shows it. */
		ki_buf_printf(f, ") %s not evidenced: no results",
		    c->rising ? "rise" : "decline");
	else if (s->nknown < c->years)
		ki_buf_printf(f, ") %s not evidenced: only %d year%s of "
		    "results", c->rising ? "rise" : "decline", s->nknown,
		    s->nknown == 1 ? "" : "s");
	else
		ki_buf_printf(f, ") %s", dir);
}

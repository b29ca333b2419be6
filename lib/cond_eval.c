/* Conditions: answer yes, no or unknown for a row (Kleene logic). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cond_impl.h"
#include "ki/val.h"

/*
 * v as "yes" or "no" in buf; "n/a" as it is. Anything else is an error:
 * NULL with err naming col.
 */
const char *
cond_as_yes_no(const char *v, const char *col, char *buf, size_t n,
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

/* c's column in the school's row for year, or NULL when not known. */
const char *
cond_value_in(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
    int year)
{
	const char *v;

	if (c->idx < 0)
		return NULL;
	if (year == ctx->year)
		v = ctx->row[c->idx];
	else
		v = ctx->hist ? ctx->hist(ctx->arg, c->idx, year) : NULL;
	return cond_known(v);
}

/*
 * all (decider KI_NO) or any (KI_YES): each part's facts are written into
 * why as it is judged, and explain joins those of the parts with the
 * answer in place, so no buffer is made per condition.
 */
static int
eval_list(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
    struct ki_buf *why, struct cond_seen *s, struct ki_err *err, int decider)
{
	size_t notes0 = ctx->notes ? ctx->notes->len : 0, i;
	int n[3] = { 0, 0, 0 }, decided = 0;

	s->p = s->few;
	if (why != NULL && c->nkids > COND_FEW &&
	    (s->p = malloc(c->nkids * sizeof(*s->p))) == NULL) {
		snprintf(err->msg, sizeof(err->msg), "out of memory");
		return -1;
	}
	for (i = 0; i < c->nkids; i++) {
		size_t off = why ? why->len : 0;
		size_t noted = ctx->notes ? ctx->notes->len : 0;
		int r = ki_cond_eval(c->kids[i], ctx, why, err);

		if (r == -1)
			return -1;
		if (ctx->notes != NULL && ctx->notes->len == noted &&
		    r == decider)
			decided = 1;
		if (why != NULL) {
			s->p[i].off = off;
			s->p[i].len = why->len - off;
			s->p[i].answer = r;
		}
		n[r]++;
	}
	/* A part that noted nothing decided it: the notes did not. */
	if (decided)
		ki_buf_drop(ctx->notes, notes0, ctx->notes->len);
	return n[decider] ? decider : n[KI_UNKNOWN] ? KI_UNKNOWN : !decider;
}

int
cond_eval_all(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
    struct ki_buf *why, struct cond_seen *s, struct ki_err *err)
{
	return eval_list(c, ctx, why, s, err, KI_NO);
}

int
cond_eval_any(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
    struct ki_buf *why, struct cond_seen *s, struct ki_err *err)
{
	return eval_list(c, ctx, why, s, err, KI_YES);
}

int
cond_eval_not(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
    struct ki_buf *why, struct cond_seen *s, struct ki_err *err)
{
	int rc = ki_cond_eval(c->kids[0], ctx, why, err);

	(void)s;
	return rc == KI_YES || rc == KI_NO ? !rc : rc;
}

/*
 * ki_cond_eval with no facts and no notes to keep: only the answer, the
 * parts of all, any and not evaluated straight, in the same order (so a
 * bad value is found as it is there).
 */
static int
quiet(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
    struct ki_err *err)
{
	struct cond_seen seen;
	int n[3] = { 0, 0, 0 }, decider, r;
	size_t i;

	if (c->kind->eval == cond_eval_not)
		return (r = quiet(c->kids[0], ctx, err)) == KI_YES || r == KI_NO ?
		    !r : r;
	if (c->kind->eval == cond_eval_all || c->kind->eval == cond_eval_any) {
		decider = c->kind->eval == cond_eval_all ? KI_NO : KI_YES;
		for (i = 0; i < c->nkids; i++) {
			if ((r = quiet(c->kids[i], ctx, err)) == -1)
				return -1;
			n[r]++;
		}
		return n[decider] ? decider : n[KI_UNKNOWN] ? KI_UNKNOWN :
		    !decider;
	}
	seen.p = NULL;
	r = c->kind->eval(c, ctx, NULL, &seen, err);
	if (seen.p != NULL && seen.p != seen.few)
		free(seen.p);
	return r;
}

int
ki_cond_eval(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
    struct ki_buf *why, struct ki_err *err)
{
	struct cond_seen seen;
	size_t start = why ? why->len : 0;
	int rc;

	if (why == NULL && ctx->notes == NULL)
		return quiet(c, ctx, err);
	seen.p = NULL;
	rc = c->kind->eval(c, ctx, why, &seen, err);
	if (rc >= 0 && why != NULL) {
		if (c->kind->explain != NULL)
			c->kind->explain(c, ctx, &seen, rc, why, start);
		cond_explain_label(c, rc, why, start);
	}
	if (seen.p != NULL && seen.p != seen.few)
		free(seen.p);
	return rc;
}

/* Floor standards: judge a row by its year and key stage. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "std_impl.h"

int
ki_std_coasting_years(const struct ki_std *s, int year)
{
	return year >= s->coast_from && year <= s->coast_to ? s->coast_years : 0;
}

void
ki_verdict_free(struct ki_verdict *v)
{
	size_t i;

	ki_buf_free(&v->ids);
	ki_buf_free(&v->why);
	for (i = 0; i < sizeof(v->tmp) / sizeof(v->tmp[0]); i++)
		ki_buf_free(&v->tmp[i]);
}

/* What both measures of a row share, found once for the row. */
struct shared {
	const char *phase;	/* NULL when blank */
	long na;		/* the not_applicable entry that holds, or -1 */
	size_t staged;		/* how many stages the phase is in */
	uint64_t in;		/* bit i: the phase is in stage i (of the first 64) */
};

static int
in_stage(const struct stage *st, const char *phase)
{
	size_t j;

	for (j = 0; j < st->nphases; j++)
		if (strcmp(phase, st->phases[j]) == 0)
			return 1;
	return 0;
}

/* Whether the row's phase is in stage i. */
static int
staged_in(const struct ki_std *s, const struct shared *r, size_t i)
{
	return i < 64 ? (int)(r->in >> i & 1) : in_stage(&s->stages[i],
	    r->phase);
}

/* The row's shared facts. Returns 0, or -1 on a bad value (err set). */
static int
share(const struct ki_std *s, const struct ki_cond_ctx *ctx, struct shared *r,
    struct ki_err *err)
{
	size_t i;
	int a;

	r->phase = s->i_phase >= 0 ? ctx->row[s->i_phase] : NULL;
	if (r->phase != NULL && *r->phase == '\0')
		r->phase = NULL;
	r->na = -1;
	r->staged = 0;
	r->in = 0;
	for (i = 0; i < s->nna; i++) {
		if ((a = ki_cond_eval(s->na[i].when, ctx, NULL, err)) == -1)
			return -1;
		if (a == KI_YES) {
			r->na = (long)i;
			return 0;
		}
	}
	for (i = 0; r->phase != NULL && i < s->nstages; i++)
		if (in_stage(&s->stages[i], r->phase)) {
			r->staged++;
			if (i < 64)
				r->in |= (uint64_t)1 << i;
		}
	return 0;
}

/*
 * The exclusions of rule r: n/a when one holds, whatever the others say;
 * *undecided when one cannot be told. Their facts are made only for the
 * one whose reason is told: an exclusion that does not hold says nothing.
 * Returns the answer so far (KI_NO: none holds), or -1 on a bad value.
 */
static int
excluded(const struct rule *r, const struct ki_cond_ctx *ctx,
    struct ki_buf *why, struct ki_buf *b, int *undecided, struct ki_err *err)
{
	size_t i;
	int a;

	for (i = 0; i < r->nexcl; i++) {
		if ((a = ki_cond_eval(r->excl[i].when, ctx, NULL, err)) == -1)
			return -1;
		if (why != NULL && (a == KI_YES || (a == KI_UNKNOWN &&
		    !*undecided))) {
			ki_buf_reset(b);
			if ((a = ki_cond_eval(r->excl[i].when, ctx, b, err)) == -1)
				return -1;
		}
		if (a == KI_YES) {
			ki_buf_reset(why);
			ki_buf_cat(why, r->excl[i].reason, " (", ki_buf_str(b),
			    ")", (char *)NULL);
			return KI_NA;
		}
		if (a == KI_UNKNOWN && !*undecided)
			ki_buf_cat(why, "cannot tell whether ",
			    r->excl[i].reason, ": ", ki_buf_str(b), (char *)NULL);
		if (a == KI_UNKNOWN)
			*undecided = 1;
	}
	return KI_NO;
}

/*
 * Judge one key stage. Returns the answer, or -1 on a bad value. b is
 * scratch for the conditions' reasons.
 */
static int
judge_stage(const struct ki_std *s, int coasting, size_t st,
    const struct ki_cond_ctx *ctx, struct ki_buf *ids, struct ki_buf *why,
    struct ki_buf *b, struct ki_err *err)
{
	const struct rule *r = NULL;
	size_t i;
	int a, undecided = 0;

	if (s->rule_of != NULL && ctx->year >= STD_Y0 &&
	    ctx->year < STD_Y0 + STD_NYEARS) {
		i = s->rule_of[STD_RULE_OF(s, coasting, st, ctx->year)];
		r = i > 0 ? &s->rules[i - 1] : NULL;
	} else
		for (i = 0; i < s->nrules; i++)
			if (s->rules[i].coasting == coasting &&
			    s->rules[i].stage == st &&
			    ctx->year >= s->rules[i].from &&
			    ctx->year <= s->rules[i].to) {
				r = &s->rules[i];
				break;
			}
	if (r == NULL) {
		ki_buf_printf(why, "no %s %s rule for %d", s->name,
		    coasting ? "coasting" : "floor", ctx->year);
		return KI_NA;
	}
	if (ids != NULL)
		ki_buf_cat(ids, ids->len ? "+" : "", r->id, (char *)NULL);
	if (r->none != NULL) {
		ki_buf_cat(why, r->none, (char *)NULL);
		return KI_NA;
	}
	if ((a = excluded(r, ctx, why, b, &undecided, err)) != KI_NO)
		return a;
	if (undecided) {
		/* Name what else is missing, so one look tells all. */
		ki_buf_reset(b);
		if ((a = ki_cond_eval(r->below, ctx, why ? b : NULL, err)) == -1)
			return -1;
		if (a == KI_UNKNOWN)
			ki_buf_cat(why, "; ", ki_buf_str(b), (char *)NULL);
		return KI_UNKNOWN;
	}
	return ki_cond_eval(r->below, ctx, why, err);
}

static void
reset(struct ki_verdict *v)
{
	size_t i;

	ki_buf_reset(&v->ids);
	ki_buf_reset(&v->why);
	for (i = 0; i < 4; i++)
		ki_buf_reset(&v->tmp[i]);
}

/* Judge one measure of the row whose shared facts are r. */
static int
judge(const struct ki_std *s, int coasting, const struct ki_cond_ctx *ctx,
    const struct shared *r, struct ki_verdict *v, struct ki_err *err)
{
	int n[4] = { 0, 0, 0, 0 };
	struct ki_buf *part = v->tmp, *b = &v->tmp[4];
	size_t i;
	int a;

	reset(v);
	if (r->na >= 0) {
		v->answer = KI_NA;
		ki_buf_cat(&v->why, s->na[r->na].reason, (char *)NULL);
		return 0;
	}
	if (r->phase == NULL) {
		v->answer = KI_UNKNOWN;
		ki_buf_printf(&v->why, "phase is blank");
		return 0;
	}
	for (i = 0; i < s->nstages; i++) {
		if (!staged_in(s, r, i))
			continue;
		ki_buf_reset(b);
		a = judge_stage(s, coasting, i, ctx, v->quiet ? NULL : &v->ids,
		    v->quiet ? NULL : b, &v->tmp[5], err);
		if (a == -1)
			return -1;
		if (n[a]++ > 0)
			ki_buf_add(&part[a], "; ", 2);
		if (r->staged > 1)
			ki_buf_cat(&part[a], s->stages[i].name, ": ",
			    (char *)NULL);
		ki_buf_add(&part[a], ki_buf_str(b), b->len);
	}
	if (r->staged == 0) {
		v->answer = KI_NA;
		ki_buf_printf(&v->why, "no %s rule for phase %s", s->name,
		    r->phase);
	} else {
		v->answer = n[KI_YES] ? KI_YES : n[KI_UNKNOWN] ? KI_UNKNOWN :
		    n[KI_NO] ? KI_NO : KI_NA;
		ki_buf_add(&v->why, ki_buf_str(&part[v->answer]),
		    part[v->answer].len);
	}
	return 0;
}

/* rc, or -1 when a reason was cut short for want of memory: no answer. */
static int
done(struct ki_verdict *v, int rc, struct ki_err *err)
{
	size_t i;
	int oom;

	oom = v->ids.oom || v->why.oom;
	v->ids.oom = v->why.oom = 0;
	for (i = 0; i < sizeof(v->tmp) / sizeof(v->tmp[0]); i++) {
		oom |= v->tmp[i].oom;
		v->tmp[i].oom = 0;
	}
	if (oom)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	return rc;
}

int
ki_std_judge(const struct ki_std *s, const char *measure,
    const char *const *row, int year, struct ki_verdict *v,
    struct ki_err *err)
{
	struct ki_cond_ctx ctx = { row, year, NULL, NULL, NULL };
	struct shared r;

	if (share(s, &ctx, &r, err) == -1) {
		reset(v);
		return done(v, -1, err);
	}
	return done(v, judge(s, strcmp(measure, "coasting") == 0, &ctx, &r, v,
	    err), err);
}

int
ki_std_judge_both(const struct ki_std *s, const char *const *row, int year,
    struct ki_verdict *floor, struct ki_verdict *coast, struct ki_err *err)
{
	struct ki_cond_ctx ctx = { row, year, NULL, NULL, NULL };
	struct shared r;

	if (share(s, &ctx, &r, err) == -1) {
		reset(floor);
		return done(floor, -1, err);
	}
	if (done(floor, judge(s, 0, &ctx, &r, floor, err), err) == -1)
		return -1;
	return done(coast, judge(s, 1, &ctx, &r, coast, err), err);
}

/* ki-plan's dates: where each rule puts a school's events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/date.h"
#include "plan_impl.h"

long
ki_plan_bad_term(const struct plan *p, const struct ki_plan_rule *r)
{
	size_t j;

	if (r->kind == KI_PK_SPREAD || r->kind == KI_PK_AFTER)
		return 0;
	for (j = 0; j < r->nterms; j++)
		if (r->terms[j] > (long)p->cal->nterm)
			return r->terms[j];
	return 0;
}

/* The school days [*a, *b) of term t (1-based; ki_plan_bad_term checks). */
static void
term_days(const struct plan *p, long t, size_t *a, size_t *b)
{
	*a = ki_cal_index(p->cal, p->cal->term[t - 1].start);
	*b = ki_cal_index(p->cal, p->cal->term[t - 1].end + 1);
}

/* Call fn with an event, when it falls within the plan's window. */
static int
emit(const struct plan *p, long day, long orig, size_t i, size_t ri,
    long seq, long count, int (*fn)(void *, const struct plan_event *),
    void *arg)
{
	struct plan_event e;

	if (day < p->from || day > p->to)
		return 0;
	e.day = (int32_t)day;
	e.orig = (int32_t)orig;
	e.school = (uint32_t)i;
	e.rule = (uint32_t)ri;
	e.seq = (int32_t)seq;
	e.count = (int32_t)count;
	return fn(arg, &e);
}

/* Every r->days days from the term's start, staggered by k of m. */
static int
date_every(const struct plan *p, size_t ri, size_t i, size_t k, size_t m,
    int (*fn)(void *, const struct plan_event *), void *arg)
{
	const struct ki_plan_rule *r = &p->rules.r[ri];
	const struct ki_cal *c = p->cal;
	size_t a, b;
	long n = 0, day;

	term_days(p, r->terms[0], &a, &b);
	if (a >= c->nday)
		return 0;
	/* Start within the first six weeks' school days, staggered. */
	day = c->day[a + k * (size_t)(r->days * 5 / 7) / m < c->nday ?
	    a + k * (size_t)(r->days * 5 / 7) / m : a];
	for (; day <= c->term[c->nterm - 1].end; day += r->days) {
		size_t x = ki_cal_index(c, day);

		if (x >= c->nday)
			break;
		if (emit(p, c->day[x], day, i, ri, ++n, 0, fn, arg) == -1)
			return -1;
	}
	return 0;
}

/*
 * The events of rule ri for school i, the k-th of m schools that share
 * an adviser under it, so that one adviser's meetings fall on different
 * days.
 */
int
ki_plan_events(const struct plan *p, size_t i, size_t ri, size_t k,
    size_t m, int (*fn)(void *, const struct plan_event *), void *arg)
{
	const struct ki_plan_rule *r = &p->rules.r[ri];
	const struct ki_cal *c = p->cal;
	size_t a, b, j;
	long n = 0, day;

	switch (r->kind) {
	case KI_PK_TERM_END:
		term_days(p, r->terms[0], &a, &b);
		return b > a ? emit(p, c->day[b - 1], c->day[b - 1], i, ri, 1, 1,
		    fn, arg) : 0;
	case KI_PK_TERMLY:
		for (j = 0; j < r->nterms; j++) {
			term_days(p, r->terms[j], &a, &b);
			if (b > a && emit(p, c->day[a + (2 * k + 1) * (b - a) /
			    (2 * m)], 0, i, ri, (long)j + 1, (long)r->nterms, fn,
			    arg) == -1)
				return -1;
		}
		return 0;
	case KI_PK_EVERY:
		return date_every(p, ri, i, k, m, fn, arg);
	case KI_PK_SPREAD:
		n = r->add != NULL ? p->val[ri][i] : r->count;
		for (j = 0; n > 0 && c->nday > 0 && j < (size_t)n; j++) {
			size_t x = (j * 2 * m + 2 * k + 1) * c->nday /
			    (2 * m * (size_t)n);

			if (emit(p, c->day[x], 0, i, ri, (long)j + 1, n, fn, arg) ==
			    -1)
				return -1;
		}
		return 0;
	case KI_PK_AFTER:
		day = p->val[ri][i];
		return day == PLAN_NODAY ? 0 : emit(p, day, day, i, ri, 1, 1, fn,
		    arg);
	}
	return 0;
}

void
ki_plan_note(const struct plan *p, const struct plan_event *e, char *buf,
    size_t n)
{
	const struct ki_plan_rule *r = &p->rules.r[e->rule];
	char d[11], because[160];

	buf[0] = '\0';
	switch (r->kind) {
	case KI_PK_TERM_END:
		break;
	case KI_PK_TERMLY:
	case KI_PK_SPREAD:
		snprintf(buf, n, "%ld of %ld", (long)e->seq, (long)e->count);
		break;
	case KI_PK_EVERY:
		if (e->day != e->orig) {
			ki_cal_why(p->cal, e->orig, because, sizeof(because));
			ki_date_format(e->orig, d);
			snprintf(buf, n, "moved from %s, %s", d, because);
		}
		break;
	case KI_PK_AFTER:
		if (!ki_cal_school(p->cal, e->day)) {
			ki_cal_why(p->cal, e->day, because, sizeof(because));
			snprintf(buf, n, "the deadline falls %s%s",
			    strncmp(because, "in ", 3) == 0 ||
			    strncmp(because, "outside", 7) == 0 ? "" : "on ",
			    because);
		}
		break;
	}
}

/* ki-plan's events made again a window of days at a time, in date order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planwin.h"

/* Whether event e belongs in who's calendar (NULL: every calendar). */
int
plan_mine(const struct plan *p, const struct plan_event *e, const char *who)
{
	const struct plan_school *s = &p->s[e->school];
	const char *adv = plan_word(p->advs, s->adviser);
	const char *chair = plan_chair(p, e);

	if (who == NULL)
		return 1;
	if (*who == '\0')
		return adv == NULL && chair == NULL;
	return (adv && strcmp(adv, who) == 0) || (chair && strcmp(chair, who) ==
	    0);
}

const char *
plan_chair(const struct plan *p, const struct plan_event *e)
{
	uint32_t c = p->s[e->school].chair;

	return p->rules.r[e->rule].chair && c != 0 ? p->adv.a[c - 1].id : NULL;
}

/*
 * Every event of every school, in URN order, each school's rule by rule:
 * fn decides what to keep. The k of each rule's group counts every school
 * before, those before w->s0 too, whose events are not made.
 */
static int
each_event(struct win *w, int (*fn)(void *, const struct plan_event *))
{
	const struct plan *p = w->p;
	size_t i, ri, at;

	memset(w->k, 0, p->rules.n * p->ngroups * sizeof(*w->k));
	for (i = 0; i < p->ns; i++) {
		at = w->at = w->nev;
		for (ri = 0; ri < p->rules.n; ri++) {
			size_t g = ri * p->ngroups + plan_group(p, i), k;

			if (!plan_takes(p, i, ri))
				continue;
			k = w->k[g]++;
			if (i >= w->s0 && ki_plan_events(p, i, ri, k, p->m[g], fn,
			    w) == -1)
				break;
		}
		if (w->oom)
			return -1;
		if (w->full) {
			/* A school's events of the day stay together. */
			w->nev = at;
			w->stop = i;
			return 0;
		}
	}
	w->stop = p->ns;
	return 0;
}

static int
count(void *arg, const struct plan_event *e)
{
	struct win *w = arg;

	if (plan_mine(w->p, e, w->who))
		w->hist[e->day - w->p->from]++;
	return 0;
}

static int
collect(void *arg, const struct plan_event *e)
{
	struct win *w = arg;

	if (e->day < w->d0 || e->day > w->d1 || !plan_mine(w->p, e, w->who))
		return 0;
	if (w->nev == w->cap) {
		struct plan_event *ev;
		size_t cap = w->cap * 2;

		/* Only a day's events of one school can outgrow the window. */
		if (w->part && w->at > 0) {
			w->full = 1;
			return -1;
		}
		if ((ev = realloc(w->ev, cap * sizeof(*ev))) == NULL) {
			w->oom = 1;
			return -1;
		}
		w->ev = ev;
		w->cap = cap;
	}
	w->ev[w->nev++] = *e;
	return 0;
}

static int
by_day(const void *a, const void *b)
{
	const struct plan_event *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->school != y->school)
		return x->school < y->school ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Make the events of days d0 to d1 (from school w->s0), and write them. */
static int
one_window(struct win *w, long d0, long d1, int part, struct ki_err *err)
{
	w->d0 = d0;
	w->d1 = d1;
	w->part = part;
	w->nev = 0;
	w->full = 0;
	if (each_event(w, collect) == -1)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	if (w->nev > 1 && d0 != d1)
		qsort(w->ev, w->nev, sizeof(*w->ev), by_day);
	return w->sink(w, err);
}

int
plan_windows(struct win *w, struct ki_err *err)
{
	const struct plan *p = w->p;
	size_t ndays = (size_t)(p->to - p->from + 1), sum;
	long d, d1;

	if ((w->hist = calloc(ndays + 1, sizeof(*w->hist))) == NULL ||
	    (w->k == NULL && (w->k = calloc(p->rules.n * p->ngroups + 1,
	    sizeof(*w->k))) == NULL) ||
	    (w->ev == NULL && (w->ev = malloc(w->cap * sizeof(*w->ev))) == NULL))
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	w->s0 = 0;
	if (each_event(w, count) == -1)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	for (d = p->from; d <= p->to; d = d1) {
		if (w->hist[d - p->from] > w->cap) {
			/* One day, more events than a window: school by school. */
			for (w->s0 = 0; w->s0 < p->ns; w->s0 = w->stop)
				if (one_window(w, d, d, 1, err) == -1)
					return -1;
			w->s0 = 0;
			d1 = d + 1;
			continue;
		}
		for (d1 = d, sum = 0; d1 <= p->to && sum + w->hist[d1 - p->from] <=
		    w->cap; d1++)
			sum += w->hist[d1 - p->from];
		if (sum > 0 && one_window(w, d, d1 - 1, 0, err) == -1)
			return -1;
	}
	return 0;
}

int
plan_each(struct win *w, int (*fn)(void *, const struct plan_event *),
    struct ki_err *err)
{
	const struct plan *p = w->p;

	if ((w->k == NULL && (w->k = calloc(p->rules.n * p->ngroups + 1,
	    sizeof(*w->k))) == NULL) || (w->s0 = 0, each_event(w, fn)) == -1)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	return 0;
}

void
plan_win_free(struct win *w)
{
	free(w->hist);
	free(w->k);
	free(w->ev);
	w->hist = NULL;
	w->k = NULL;
	w->ev = NULL;
}

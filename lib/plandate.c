/* ki-plan's dates: where each rule puts a school's events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/date.h"
#include "plan_impl.h"

static int
add_event(struct plan *p, long day, size_t school, size_t rule, long seq,
    long count, const char *why, const char *note, struct ki_err *err)
{
	struct plan_event *e;

	if (day < p->from || day > p->to)
		return 0;
	if (p->nev == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 1024;

		if ((e = realloc(p->ev, cap * sizeof(*e))) == NULL)
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
		p->ev = e;
		p->cap = cap;
	}
	e = &p->ev[p->nev];
	e->day = day;
	e->school = school;
	e->rule = rule;
	e->seq = seq;
	e->count = count;
	e->why = strdup(why);
	e->note = strdup(note);
	if (e->why == NULL || e->note == NULL) {
		free(e->why);
		free(e->note);
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	}
	p->nev++;
	return 0;
}

/* A whole number from a cell; blank is 0. */
static int
count_of(struct plan *p, const struct plan_school *s, char **cols, long *sum,
    int sign, const struct ki_hdr *h, const char *file, struct ki_err *err)
{
	size_t i;

	for (i = 0; cols != NULL && cols[i] != NULL; i++) {
		const char *v = plan_cell((const char *const *)s->v, s->n,
		    ki_hdr_index(h, cols[i]));
		char *end;
		long n;

		if (v == NULL || *v == '\0')
			continue;
		n = strtol(v, &end, 10);
		if (*end != '\0' || n < 0 || n > 1000)
			return ki_err_set(err, file, s->line, cols[i], "\"%s\" is "
			    "not a whole number from 0 to 1000", v);
		*sum += sign * n;
	}
	(void)p;
	return 0;
}

/* The school days [*a, *b) of term t (1-based), or an error. */
static int
term_days(struct plan *p, const struct ki_plan_rule *r, long t, size_t *a,
    size_t *b, struct ki_err *err)
{
	if (t > (long)p->cal->nterm)
		return ki_err_set(err, NULL, 0, r->event, "the plan names term "
		    "%ld; calendar %s has %zu", t, p->cal->name, p->cal->nterm);
	*a = ki_cal_index(p->cal, p->cal->term[t - 1].start);
	*b = ki_cal_index(p->cal, p->cal->term[t - 1].end + 1);
	return 0;
}

/* Every r->days days from the term's start, staggered by k of m. */
static int
date_every(struct plan *p, size_t ri, size_t i, size_t k, size_t m,
    const char *why, struct ki_err *err)
{
	const struct ki_plan_rule *r = &p->rules.r[ri];
	const struct ki_cal *c = p->cal;
	char note[256], d[11], because[160];
	size_t a, b;
	long n = 0, day;

	if (term_days(p, r, r->terms[0], &a, &b, err) == -1)
		return -1;
	if (a >= c->nday)
		return 0;
	/* Start within the first six weeks' school days, staggered. */
	day = c->day[a + k * (size_t)(r->days * 5 / 7) / m < c->nday ?
	    a + k * (size_t)(r->days * 5 / 7) / m : a];
	for (; day <= c->term[c->nterm - 1].end; day += r->days) {
		size_t x = ki_cal_index(c, day);

		if (x >= c->nday)
			break;
		note[0] = '\0';
		if (c->day[x] != day) {
			ki_cal_why(c, day, because, sizeof(because));
			ki_date_format(day, d);
			snprintf(note, sizeof(note), "moved from %s, %s", d,
			    because);
		}
		if (add_event(p, c->day[x], i, ri, ++n, 0, why, note, err) == -1)
			return -1;
	}
	return 0;
}

/* r->days after the first date among the school's columns r->col. */
static int
date_after(struct plan *p, size_t ri, size_t i, const char *why,
    const struct ki_hdr *h, const char *file, struct ki_err *err)
{
	const struct ki_plan_rule *r = &p->rules.r[ri];
	const struct plan_school *s = &p->s[i];
	char note[256], because[160];
	size_t j;
	long day;

	for (j = 0; r->col[j] != NULL; j++) {
		const char *v = plan_cell((const char *const *)s->v, s->n,
		    ki_hdr_index(h, r->col[j]));

		if (v == NULL || *v == '\0')
			continue;
		if (ki_date_parse(v, &day) == -1)
			return ki_err_set(err, file, s->line, r->col[j], "\"%s\" "
			    "is not a date (yyyy-mm-dd)", v);
		day += r->days;
		note[0] = '\0';
		if (!ki_cal_school(p->cal, day)) {
			ki_cal_why(p->cal, day, because, sizeof(because));
			snprintf(note, sizeof(note), "the deadline falls %s%s",
			    strncmp(because, "in ", 3) == 0 ||
			    strncmp(because, "outside", 7) == 0 ? "" : "on ",
			    because);
		}
		return add_event(p, day, i, ri, 1, 1, why, note, err);
	}
	return 0;
}

/*
 * Date rule r for school i, the k-th of m schools that share an adviser
 * under it, so that one adviser's meetings fall on different days.
 */
int
ki_plan_date(struct plan *p, size_t ri, size_t i, size_t k, size_t m,
    const char *why, const struct ki_hdr *h, const char *file,
    struct ki_err *err)
{
	const struct ki_plan_rule *r = &p->rules.r[ri];
	const struct plan_school *s = &p->s[i];
	const struct ki_cal *c = p->cal;
	char note[256];
	size_t a, b, j;
	long n = 0;

	switch (r->kind) {
	case KI_PK_TERM_END:
		if (term_days(p, r, r->terms[0], &a, &b, err) == -1)
			return -1;
		return b > a ? add_event(p, c->day[b - 1], i, ri, 1, 1, why, "",
		    err) : 0;
	case KI_PK_TERMLY:
		for (j = 0; j < r->nterms; j++) {
			if (term_days(p, r, r->terms[j], &a, &b, err) == -1)
				return -1;
			snprintf(note, sizeof(note), "%zu of %zu", j + 1,
			    r->nterms);
			if (b > a && add_event(p, c->day[a + (2 * k + 1) *
			    (b - a) / (2 * m)], i, ri, (long)j + 1,
			    (long)r->nterms, why, note, err) == -1)
				return -1;
		}
		return 0;
	case KI_PK_EVERY:
		return date_every(p, ri, i, k, m, why, err);
	case KI_PK_SPREAD:
		n = r->count;
		if (r->add != NULL && (count_of(p, s, r->add, &n, 1, h, file,
		    err) == -1 || count_of(p, s, r->less, &n, -1, h, file, err) ==
		    -1))
			return -1;
		for (j = 0; n > 0 && c->nday > 0 && j < (size_t)n; j++) {
			size_t x = (j * 2 * m + 2 * k + 1) * c->nday /
			    (2 * m * (size_t)n);

			snprintf(note, sizeof(note), "%zu of %ld", j + 1, n);
			if (add_event(p, c->day[x], i, ri, (long)j + 1, n, why,
			    note, err) == -1)
				return -1;
		}
		return 0;
	case KI_PK_AFTER:
		return date_after(p, ri, i, why, h, file, err);
	}
	return 0;
}

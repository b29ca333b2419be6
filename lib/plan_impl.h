/* What lib/plan.c and lib/planout.c share: the schools and their events. */
#ifndef KI_PLAN_IMPL_H
#define KI_PLAN_IMPL_H

#include "ki/plan.h"

struct plan_school {
	char **v;		/* the input row */
	size_t n;
	long line;
	const char *urn, *name, *district, *adviser;
	const char *chair;	/* an adviser's id, or NULL */
};

struct plan_event {
	long day;
	size_t school, rule;
	long seq, count;	/* 1-based; count 1 for a single event */
	char *why;		/* the rule's label and the facts that chose it */
	char *note;
};

struct plan {
	const struct ki_plan_opts *o;
	struct ki_cal *cal;
	struct ki_plan_rules rules;
	struct plan_school *s;
	size_t ns;
	struct plan_event *ev;
	size_t nev, cap;
	long from, to;
	long long stamp;
	enum ki_fmt in_fmt;
};

/* The value of column k of a row of n cells, or NULL. */
static inline const char *
plan_cell(const char *const *v, size_t n, long k)
{
	return k >= 0 && (size_t)k < n ? v[k] : NULL;
}

/*
 * Add school i's events under rule ri to p (lib/plandate.c): i is the
 * k-th of m schools of one adviser under the rule, so that their meetings
 * are staggered. Returns 0, or -1 with err (a bad date or count in the row
 * at file's line, a term the calendar lacks, no memory).
 */
int ki_plan_date(struct plan *p, size_t ri, size_t i, size_t k, size_t m,
    const char *why, const struct ki_hdr *h, const char *file,
    struct ki_err *err);

/* Write p's events as o asks (lib/planout.c). Returns 0 or -1 with err. */
int ki_plan_write(struct plan *p, struct ki_err *err);

#endif

/* What lib/plan*.c share: the schools, packed, and their events. */
#ifndef KI_PLAN_IMPL_H
#define KI_PLAN_IMPL_H

#include <stdint.h>

#include "ki/assign.h"
#include "ki/buf.h"
#include "ki/hdr.h"
#include "ki/keys.h"
#include "ki/plan.h"
#include "ki/rowspool.h"

/*
 * A school, in a few bytes: every input row waits in a spool file, and
 * what the output needs of each school (its name and, for iCalendar, why
 * each rule took it) in a second one; the events are made again from
 * these, a window of days at a time, as they are written.
 */
struct plan_school {
	uint64_t key;		/* the URN (lib/plan.c: plan_urn) */
	uint32_t row;		/* the input row; then its place in p->out */
	uint32_t district;	/* interned (p->words) + 1; 0: none */
	uint32_t adviser;	/* interned (p->advs) + 1; 0: none */
	uint32_t chair;		/* p->adv.a index + 1; 0: none */
};

/* One event, made again from the school and the rule when written. */
struct plan_event {
	int32_t day;
	int32_t orig;		/* every: the day before it was moved */
	uint32_t school, rule;
	int32_t seq, count;	/* 1-based; count 1 for a single event */
};

struct plan {
	const struct ki_plan_opts *o;
	struct ki_cal *cal;
	struct ki_plan_rules rules;
	char *file;		/* the input's name, for messages */
	enum ki_fmt in_fmt;
	struct ki_hdr *h;	/* the input's columns, all of them */
	struct ki_rowspool *sp;	/* every input row */
	size_t nrows;
	struct plan_school *s;	/* in URN order, one a URN */
	size_t ns;
	struct plan_block *urns;	/* URNs not in the usual form */
	unsigned char *takes;	/* bit i * rules.n + ri: rule ri takes i */
	unsigned char *chaired;	/* bit i: a rule that takes i is chaired */
	int32_t **val;		/* [ri][i]: a spread's count, an after's day */
	uint32_t *m;		/* [ri * ngroups + g]: schools of group g */
	size_t ngroups;		/* the advisers (p->advs) + 1 */
	struct ki_keys *words;	/* districts */
	struct ki_keys *advs;	/* advisers */
	struct ki_advisers adv;	/* --advisers: the chairs */
	int have_adv;
	struct ki_rowspool *out;	/* per school: name, then why per rule */
	long from, to;
	long long stamp;
};

/* No day: an after rule's school whose columns are all blank. */
#define PLAN_NODAY INT32_MIN

/* The value of column k of a row of n cells, or NULL. */
static inline const char *
plan_cell(const char *const *v, size_t n, long k)
{
	return k >= 0 && (size_t)k < n ? v[k] : NULL;
}

static inline int
plan_bit(const unsigned char *b, size_t i)
{
	return (b[i / 8] >> (i % 8)) & 1;
}

static inline void
plan_set(unsigned char *b, size_t i)
{
	b[i / 8] |= (unsigned char)(1u << (i % 8));
}

/* Whether rule ri takes school i. */
static inline int
plan_takes(const struct plan *p, size_t i, size_t ri)
{
	return plan_bit(p->takes, i * p->rules.n + ri);
}

/* School i's group under a rule: its adviser, or 0 for none or blank. */
size_t plan_group(const struct plan *p, size_t i);

/* The text of URN key k: buf (at least 24 bytes) or the kept copy. */
const char *plan_urn(uint64_t k, char *buf);

/* The interned string id (+ 1; 0 gives NULL) of keys. */
const char *plan_word(const struct ki_keys *keys, uint32_t id);

/*
 * Judge every school by every rule (lib/planjudge.c): takes, chaired,
 * val, m and the districts and advisers, and p->out. Reports the first
 * error as the plan made school by school in URN order would: a rule's
 * condition first, then the chairs, then a count or date. Returns 0, or
 * -1 with err.
 */
int ki_plan_judge(struct plan *p, struct ki_err *err);

/*
 * Call fn(arg, e) for each event of school i under rule ri, the k-th of
 * m schools of its group (lib/plandate.c), inside the plan's window. fn
 * returns 0, or -1 to stop (returned).
 */
int ki_plan_events(const struct plan *p, size_t i, size_t ri, size_t k,
    size_t m, int (*fn)(void *, const struct plan_event *), void *arg);

/* The first term of rule r the calendar lacks, or 0 when none. */
long ki_plan_bad_term(const struct plan *p, const struct ki_plan_rule *r);

/* The note of event e into buf (lib/plandate.c). */
void ki_plan_note(const struct plan *p, const struct plan_event *e,
    char *buf, size_t n);

/* Write p's events as o asks (lib/planout.c). Returns 0 or -1 with err. */
int ki_plan_write(struct plan *p, struct ki_err *err);

#endif

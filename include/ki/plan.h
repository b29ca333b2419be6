/* The year's dated plan: rules as JSON, and the run of ki-plan. */
#ifndef KI_PLAN_H
#define KI_PLAN_H

#include <stddef.h>
#include <stdio.h>

#include "ki/calendar.h"
#include "ki/cond.h"
#include "ki/err.h"
#include "ki/rec.h"

/*
 * A plan file is one JSON object:
 *
 *   {"plan": "kent-challenge-2011", "description": "...", "source": "...",
 *    "events": [
 *      {"event": "progress-review", "label": "Progress review",
 *       "quote": "the source's words", "source": "where they are",
 *       "when": COND,                     which schools (lib/cond.h)
 *       "date": DATE,
 *       "chair": "another-district"}      optional
 *    ]}
 *
 * DATE is one of
 *   {"kind": "term-end", "term": 1}        the term's last school day
 *   {"kind": "termly", "terms": [2, 3]}    one in each term
 *   {"kind": "every", "days": 42, "from_term": 2}
 *                                          every so many days to the end
 *   {"kind": "spread", "count": 3}         spread evenly over the year;
 *        count may be {"add": ["visits"], "less": ["progress_meetings"]}
 *   {"kind": "after", "col": ["ofsted_published"], "days": 14}
 *                                          a deadline, days after a date
 */
enum ki_plan_kind { KI_PK_TERM_END, KI_PK_TERMLY, KI_PK_EVERY, KI_PK_SPREAD,
	KI_PK_AFTER };

struct ki_plan_rule {
	char *event, *label, *quote, *source;
	struct ki_cond *when;
	enum ki_plan_kind kind;
	long *terms;		/* 1-based term numbers */
	size_t nterms;
	long days;		/* every, after */
	long count;		/* spread: fixed, when add is NULL */
	char **add, **less;	/* spread: column lists, NULL-terminated */
	char **col;		/* after: the dates, first not blank */
	int chair;		/* chaired by an adviser of another district */
};

struct ki_plan_rules {
	struct ki_plan_rule *r;
	size_t n;
};

/*
 * Load every plan file in dir (sorted by name), or the one file path when
 * dir is NULL, appending to rules. Returns 0, or -1 with err at the file
 * and the place in it.
 */
int ki_plan_rules_load(struct ki_plan_rules *rules, const char *dir,
    const char *path, struct ki_err *err);

/* Free what ki_plan_rules_load allocated. */
void ki_plan_rules_free(struct ki_plan_rules *rules);

enum ki_plan_fmt { KI_PLAN_AUTO, KI_PLAN_CSV, KI_PLAN_JSON, KI_PLAN_ICS };

struct ki_plan_opts {
	const char *input;	/* NULL or "-": stdin */
	enum ki_fmt in_fmt;
	const char *calendar;	/* path of the calendar file */
	const char *plans;	/* a plan file, or NULL for the shipped ones */
	const char *advisers;	/* NULL: no chairs */
	long from, to;		/* day numbers; -1: the calendar's ends */
	enum ki_plan_fmt fmt;
	const char *output;	/* -o: a file, or with split the directory */
	int split;		/* one output per adviser */
	long long stamp;	/* DTSTAMP, seconds since 1970 */
	int have_stamp;		/* 0: the first day of the window */
	const char *prog;	/* names warnings on diag */
	FILE *diag;
};

/*
 * Read the schools, date their events and write them (atomically, one
 * file per adviser with split). Returns 0, or -1 with err; *usage is set
 * when the error is the caller's options (a window outside the calendar).
 */
int ki_plan_run(const struct ki_plan_opts *o, int *usage, struct ki_err *err);

#endif

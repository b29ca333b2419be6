/* Floor standards and coasting definitions, kept as JSON rule files. */
#ifndef KI_STD_H
#define KI_STD_H

#include <jansson.h>

#include "ki/buf.h"
#include "ki/cond.h"
#include "ki/err.h"
#include "ki/hdr.h"

/*
 * A standard file is one JSON object:
 *
 *   {
 *     "standard": "dfe",
 *     "description": "...",
 *     "stages": {"ks2": ["primary", "all-through"], "ks4": [...]},
 *                         which phases each key stage's rules judge
 *     "not_applicable": [{"when": COND, "reason": "special school"}],
 *                         rows that no rule judges (n/a, with the reason)
 *     "coasting": {"from": 2016, "to": 2019, "years": 3},
 *                         years with a coasting judgement, and how many
 *                         consecutive years below the coasting line it takes
 *                         (optional: without it coasting is n/a)
 *     "rules": [
 *       {"id": "dfe-ks2-2016", "measure": "floor" or "coasting",
 *        "stage": "ks2", "years": [2016, 2017], "source": "...",
 *        "exclude": [{"when": COND, "reason": "..."}],  n/a when it holds
 *        "below": COND}                   below the floor / coasting line
 *       {"id": ..., "measure": ..., "stage": ..., "years": [2020, 2100],
 *        "none": "no floor standard from 2020"}        n/a with that reason
 *     ]
 *   }
 *
 * COND is a condition (ki/cond.h). Two rules of one measure and stage may
 * not share a year. Every column a rule names must be a canonical column.
 */

struct ki_std;

/* The verdict on one row for one measure. */
struct ki_verdict {
	int quiet;		/* set by the caller: the answer only, no text */
	int answer;		/* KI_YES, KI_NO, KI_UNKNOWN, or KI_NA */
	struct ki_buf ids;	/* the rules used, "+"-joined */
	struct ki_buf why;	/* readable reason */
	struct ki_buf tmp[6];	/* scratch kept between calls: not the caller's */
};

#define KI_NA 3

/* Load and check a standard. Returns NULL with err (file and place). */
struct ki_std *ki_std_load(const char *path, struct ki_err *err);

/* Free s. NULL is allowed. */
void ki_std_free(struct ki_std *s);

/* The standard's name ("dfe"). */
const char *ki_std_name(const struct ki_std *s);

/*
 * Find the columns the rules read in h (a column h lacks reads as blank),
 * and the user's parameters (an object of name to number, or NULL).
 */
int ki_std_bind(struct ki_std *s, const struct ki_hdr *h, json_t *params,
    const char *file, struct ki_err *err);

/*
 * Check that every member of params is a parameter some rule takes, so a
 * misspelt --param is an error, not ignored. Returns 0 or -1.
 */
int ki_std_check_params(const struct ki_std *s, json_t *params,
    struct ki_err *err);

/*
 * Judge row (by header index) of the given year for measure "floor" or
 * "coasting" (the coasting line of that one year). Fills v (reset first).
 * Returns 0, or -1 with err->field and err->msg set for a value that is
 * not a number.
 */
int ki_std_judge(const struct ki_std *s, const char *measure,
    const char *const *row, int year, struct ki_verdict *v,
    struct ki_err *err);

/*
 * ki_std_judge of "floor" into floor, then of "coasting" into coast, with
 * what the two share (the not-applicable rules, the phase's stages) found
 * once. Returns 0, or -1 as ki_std_judge (coast not judged when floor
 * failed).
 */
int ki_std_judge_both(const struct ki_std *s, const char *const *row,
    int year, struct ki_verdict *floor, struct ki_verdict *coast,
    struct ki_err *err);

/*
 * Whether the standard judges coasting in year, and over how many
 * consecutive years (0 when it does not).
 */
int ki_std_coasting_years(const struct ki_std *s, int year);

/* Free the buffers of v. */
void ki_verdict_free(struct ki_verdict *v);

#endif

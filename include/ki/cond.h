/* Conditions over a row's columns, kept as JSON in standards and schemes. */
#ifndef KI_COND_H
#define KI_COND_H

#include <jansson.h>

#include "ki/buf.h"
#include "ki/err.h"
#include "ki/hdr.h"

/*
 * A condition is a JSON object: {"all": [...]}, {"any": [...]}, {"not": C},
 * {"col": ..., "op": ..., "value": ...}, {"count": ...} or {"trend": ...},
 * each with an optional "label". The grammar is told once, in
 * man/ki-policy.5 (CONDITIONS); lib/cond_impl.h says where a new kind or
 * comparison goes. Conditions answer yes, no or unknown (Kleene logic: a
 * value they need is blank or "unknown").
 */

enum ki_tri {
	KI_NO = 0,
	KI_YES = 1,
	KI_UNKNOWN = 2
};

struct ki_cond;

/* Where a condition finds values while it is evaluated. */
struct ki_cond_ctx {
	const char *const *row;	/* the row, by header index */
	int year;		/* the year judged (for count and trend) */
	/*
	 * The value of column col in the school's row for year, or NULL
	 * (blank, or no row that year). NULL hist means no history.
	 */
	const char *(*hist)(void *arg, long col, int year);
	void *arg;
	/*
	 * Where a trend that could not be evidenced says so, when that
	 * decided the answer ("ks2_rwm_exp: decline not evidenced: only 1
	 * year of results"), so a caller can show it beside a category the
	 * school was given for other reasons. NULL: not kept.
	 */
	struct ki_buf *notes;
};

/*
 * Parse j. file and path name the place in messages ("rules[3].below").
 * Returns NULL with err filled on a malformed condition.
 */
struct ki_cond *ki_cond_parse(json_t *j, const char *file, const char *path,
    struct ki_err *err);

/* Free c. NULL is allowed. */
void ki_cond_free(struct ki_cond *c);

/*
 * Find the columns c names in h. With strict, a column h lacks is an error
 * naming it; without, it reads as blank. params is an object of name to
 * number (may be NULL): a param it lacks makes its test unknown.
 * Returns 0 or -1.
 */
int ki_cond_bind(struct ki_cond *c, const struct ki_hdr *h, json_t *params,
    int strict, const char *file, struct ki_err *err);

/*
 * Check that h has each column c names, or one of each list of columns,
 * unless optional(name, arg) says the column may be absent. Returns 0, or
 * -1 with err naming the first column missing.
 */
int ki_cond_check(const struct ki_cond *c, const struct ki_hdr *h,
    int (*optional)(const char *, void *), void *arg, const char *file,
    struct ki_err *err);

/*
 * Evaluate c. Appends to why the facts that decided the answer, e.g.
 * "ks2_rwm_exp 52 < 65 and ks2_mat_prog -5.4 < -5", or for unknown
 * "ks2_read_prog is blank". Returns the answer, or -1 with err->field and
 * err->msg set when a value is not a number where one is needed.
 */
int ki_cond_eval(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
    struct ki_buf *why, struct ki_err *err);

/* Add to names (if not there) every column c reads. */
int ki_cond_columns(const struct ki_cond *c, struct ki_hdr *names);

/*
 * Add to names (if not there) every column c reads as a number, so that a
 * caller can check the values as it reads them, with the file and line.
 */
int ki_cond_numbers(const struct ki_cond *c, struct ki_hdr *names);

/* Add to names (if not there) every column c reads as yes or no. */
int ki_cond_yes_no(const struct ki_cond *c, struct ki_hdr *names);

/* Whether c holds a count or trend, which need the school's other years. */
int ki_cond_history(const struct ki_cond *c);

/* Add to names (if not there) every parameter c takes. */
int ki_cond_params(const struct ki_cond *c, struct ki_hdr *names);

#endif

/* Categorisation schemes: ordered categories with conditions, as JSON. */
#ifndef KI_SCHEME_H
#define KI_SCHEME_H

#include <jansson.h>

#include "ki/buf.h"
#include "ki/cond.h"
#include "ki/err.h"
#include "ki/hdr.h"

/*
 * A scheme file is one JSON object:
 *
 *   {
 *     "scheme": "kent-rag-2019",
 *     "description": "...",
 *     "source": "the document it comes from",
 *     "columns": ["type_of_support", "min_days"],   extra output columns
 *     "optional": ["neet_concern"],   columns that read as blank when the
 *                              input lacks them (any other column the
 *                              conditions name must be in the input)
 *     "missing": "Amber",      the category when a needed value is blank
 *                              (optional; without it such a school is
 *                              "unknown", with the reason)
 *     "categories": [
 *       {"name": "Red", "when": COND, "set": {"min_days": "20"},
 *        "quote": "the seed's words for this row"},
 *       ...
 *       {"name": "Green", "otherwise": true, "set": {...}}
 *     ]
 *   }
 *
 * Categories are tried in order and the first whose condition holds wins.
 * A condition that cannot be decided (unknown) stops the search: the
 * school gets "missing", never a lower category by default. Only the last
 * category may be "otherwise". Every name in "set" must be in "columns".
 */

struct ki_scheme;

/* The decision for one school. */
struct ki_choice {
	const char *category;	/* owned by the scheme; "unknown" possible */
	const char *const *set;	/* values of the extra columns (NULL: blank) */
	struct ki_buf why;	/* every condition that fired, for people */
};

/* Load and check a scheme. Returns NULL with err (file and place). */
struct ki_scheme *ki_scheme_load(const char *path, struct ki_err *err);

/* Free s. NULL is allowed. */
void ki_scheme_free(struct ki_scheme *s);

const char *ki_scheme_name(const struct ki_scheme *s);

/* The extra columns, in order. */
size_t ki_scheme_ncols(const struct ki_scheme *s);
const char *ki_scheme_col(const struct ki_scheme *s, size_t i);

/* A new list of every column the conditions read, or NULL (no memory). */
struct ki_hdr *ki_scheme_columns(const struct ki_scheme *s);

/*
 * Find the columns the conditions read in h: a column h lacks is an error
 * naming it, unless the scheme lists it as optional. params (may be NULL)
 * gives the values of {"param": NAME} thresholds. Returns 0 or -1.
 */
int ki_scheme_bind(struct ki_scheme *s, const struct ki_hdr *h,
    json_t *params, const char *file, struct ki_err *err);

/* A new list of the columns the conditions read as numbers, or NULL. */
struct ki_hdr *ki_scheme_numbers(const struct ki_scheme *s);

/* A new list of the columns the conditions read as yes or no, or NULL. */
struct ki_hdr *ki_scheme_yes_no(const struct ki_scheme *s);

/*
 * Check that every member of params (--param) is a parameter some
 * condition takes. Returns 0 or -1 with err set.
 */
int ki_scheme_check_params(const struct ki_scheme *s, json_t *params,
    struct ki_err *err);

/*
 * Decide the category for ctx (the as-at row, its year, and the school's
 * history). Returns 0, or -1 with err->field and err->msg set for a value
 * that is not a number.
 */
int ki_scheme_choose(const struct ki_scheme *s, const struct ki_cond_ctx *ctx,
    struct ki_choice *ch, struct ki_err *err);

/* Free the buffers of ch. */
void ki_choice_free(struct ki_choice *ch);

#endif

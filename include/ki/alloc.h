/* Allocation tables: visits, contacts and days by category, as JSON. */
#ifndef KI_ALLOC_H
#define KI_ALLOC_H

#include <stdint.h>

#include "ki/buf.h"
#include "ki/cond.h"
#include "ki/err.h"
#include "ki/hdr.h"

/*
 * An allocation table is one JSON object:
 *
 *   {
 *     "table": "kent-visits-2019",
 *     "description": "...", "source": "...",
 *     "schemes": ["kent-rag-2019"],   the category_scheme values it serves
 *     "days_per_visit": 1,            days a visit or contact takes, when a
 *                                     row names no days (optional)
 *     "optional": ["srp"],            columns that read as blank when the
 *                                     input lacks them
 *     "rows": [
 *       {"label": "LA maintained, Red", "categories": ["Red"],
 *        "when": COND,                  optional: funding, phase, ...
 *        "visits": 8, "min_visits": 3, "contacts": 8, "progress_meetings": 3,
 *        "days": 20 or {"col": "min_days"},
 *        "flags": ["schools causing concern protocol", "RSC alert"],
 *        "quote": "the source's words"}
 *     ],
 *     "additions": [                  on top of the row, when they hold
 *       {"label": "SRP", "when": COND, "visits": 1, "flags": ["..."]}
 *     ]
 *   }
 *
 * The first row whose categories hold the school's category and whose
 * condition holds gives the allocation. Numbers are whole, days may have
 * two decimals.
 */

struct ki_table;

/* The allocation for one school. */
struct ki_alloc {
	int allocated;		/* 0: no row applied; why says so */
	int64_t n[4];		/* visits, min_visits, contacts, progress */
	int has[4];		/* which of n are given */
	int64_t days;		/* hundredths of a day */
	int has_days;
	struct ki_buf flags;	/* "; "-joined */
	struct ki_buf why;	/* the row used, or why none */
};

enum { KI_AL_VISITS, KI_AL_MIN_VISITS, KI_AL_CONTACTS, KI_AL_PROGRESS };

/* Load and check a table. Returns NULL with err (file and place). */
struct ki_table *ki_table_load(const char *path, struct ki_err *err);

/*
 * The table named name (a shipped name or a path), or, when name is NULL,
 * the shipped table that serves scheme (the input's category_scheme;
 * NULL when blank, an error then). Returns NULL with err.
 */
struct ki_table *ki_table_open(const char *name, const char *scheme,
    struct ki_err *err);

/* Free t. NULL is allowed. */
void ki_table_free(struct ki_table *t);

const char *ki_table_name(const struct ki_table *t);

/* Whether t serves rows categorised by scheme. */
int ki_table_serves(const struct ki_table *t, const char *scheme);

/*
 * Find the columns the table reads in h; a missing one (not optional) is
 * an error naming it. Returns 0 or -1.
 */
int ki_table_bind(struct ki_table *t, const struct ki_hdr *h,
    const char *file, struct ki_err *err);

/*
 * The allocation for the row in ctx, whose category is category (NULL or
 * "" when blank). Fills a (reset first). Returns 0, or -1 with err->field
 * and err->msg set for a value that is not a number.
 */
int ki_table_apply(const struct ki_table *t, const struct ki_cond_ctx *ctx,
    const char *category, struct ki_alloc *a, struct ki_err *err);

/* Free the buffers of a. */
void ki_alloc_free(struct ki_alloc *a);

#endif

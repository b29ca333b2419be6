/* ki-allocate's stage: visits, days, advisers and costs for every school. */
#ifndef KI_ALLOCATE_H
#define KI_ALLOCATE_H

#include <stdio.h>

#include "ki/err.h"
#include "ki/rec.h"

struct ki_allocate_opts {
	const char *input;	/* NULL or "-": stdin */
	enum ki_fmt fmt;	/* KI_FMT_AUTO: detect */
	const char *table;	/* a shipped name or a path; NULL: the shipped
				   table that serves the input's scheme */
	const char *advisers;	/* the advisers to place, or NULL */
	const char *rates;	/* the rates to cost at, or NULL */
	int strict;		/* a school not placed is an error */
	const char *prog;	/* names the lines written to note */
	FILE *note;		/* schools placed out of phase or not placed */
};

struct ki_allocate;

/*
 * Ready a run: the canonical values and the rates file, read before any
 * output is opened. Returns NULL with err (the rates file's error, or out
 * of memory).
 */
struct ki_allocate *ki_allocate_new(const struct ki_allocate_opts *o,
    struct ki_err *err);

/* Free a. NULL is allowed. */
void ki_allocate_free(struct ki_allocate *a);

/*
 * The whole of ki-allocate: read the schools, allocate each its visits and
 * days by the table, place them with the advisers, cost them, and write
 * every row with the added columns to out in the input's format. Keeps
 * about 50 bytes a school in memory; the rows wait in a temporary file.
 * Returns 0, or -1 with err set (nothing written then, unless out of
 * memory or a spool error part way through the writing).
 */
int ki_allocate_run(struct ki_allocate *a, FILE *out, struct ki_err *err);

#endif

/* The floor stage: judge each row against the floor standard and coasting line. */
#ifndef KI_FLOOR_H
#define KI_FLOOR_H

#include <stdio.h>

#include <jansson.h>

#include "ki/err.h"
#include "ki/rec.h"

struct ki_floor_opts {
	const char *standard;	/* the standard's JSON file */
	const char *prefix;	/* put before the added column names; "" */
	json_t *params;		/* --param thresholds: an object */
	const char *input;	/* the file; NULL or "-": the standard input */
	enum ki_fmt fmt;	/* the input's format, or KI_FMT_AUTO */
};

/*
 * Read o->input, and write each row to out with floor_standard,
 * below_floor, floor_reason, floor_below_5y, floor_run, coasting (and
 * floor_history_from when the input links schools to predecessors) added.
 * The history columns count every year of the input, and a predecessor's.
 * Returns 0 (a write error is left in out's error flag); -1 with err set
 * for bad data, a bad standard or out of memory; or KI_ERR_USAGE with err
 * set when o->params do not fit the standard.
 */
int ki_floor_run(const struct ki_floor_opts *o, FILE *out, struct ki_err *err);

#endif

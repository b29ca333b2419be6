/* The categorise stage: each school's category of support as at one year. */
#ifndef KI_CATEGORISE_H
#define KI_CATEGORISE_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "ki/err.h"
#include "ki/hdr.h"
#include "ki/hist.h"
#include "ki/rec.h"
#include "ki/rowvals.h"
#include "ki/scheme.h"
#include "ki/spool.h"
#include "ki/yearset.h"

struct ki_categorise_opts {
	const char *scheme;	/* the scheme's JSON file */
	int year;		/* the as-at year, or 0: the input's latest */
	const char *prefix;	/* put before the added column names; "" */
	json_t *params;		/* --param thresholds: an object */
	const char *input;	/* the file; NULL or "-": the standard input */
	enum ki_fmt fmt;	/* the input's format, or KI_FMT_AUTO */
	const char *prog;	/* names the program in the note on diag */
	FILE *diag;		/* the note of schools closed, or NULL */
};

/*
 * Read o->input, and write one row per school to out: its row of the
 * as-at year with category, category_scheme, category_reasons and the
 * scheme's own columns added, in the order the schools first come. Its
 * other years, and a predecessor's, are its history. A school closed
 * before the as-at year's 31 August is left out and counted in a note.
 * Returns 0 (a write error is left in out's error flag); -1 with err set
 * for bad data, a bad scheme or out of memory; or KI_ERR_USAGE with err
 * set when o->params do not fit the scheme.
 */
int ki_categorise_run(const struct ki_categorise_opts *o, FILE *out,
    struct ki_err *err);

/*
 * The rest is the stage's own state, shared by lib/categorise.c (reading)
 * and lib/categorise_out.c (writing).
 */

struct ki_cat {
	const struct ki_categorise_opts *o;
	struct ki_scheme *scheme;
	struct ki_hist hist;	/* each school-year's data: its row in vals */
	struct ki_rowvals vals;	/* each school-year's values of hcols */
	struct ki_hdr *hcols;	/* the columns the scheme reads, the notes */
	long *hidx;		/* their index in the input, or -1 */
	const char **past;	/* a row's values of hcols */
	long h_note, h_lnote;	/* in hcols: ofsted_note, ..._latest_note */
	long i_close;		/* in hcols: close_date */
	struct ki_hdr *ncols;	/* the columns read as numbers */
	long *nidx;
	struct ki_hdr *ycols;	/* the columns read as yes or no */
	long *yidx;
	char **full;		/* the added columns' names, prefixed */
	size_t nfull;
	unsigned long long *at;	/* by school: its last row spooled, which */
	size_t nat, capat;	/* is its as-at row if it has one */
	struct ki_spool *spool;	/* the as-at row candidates */
	size_t spool_n;		/* columns the spool knows */
	const struct ki_hdr *in;	/* the input's columns */
	struct ki_yearset yset;	/* the years the input has */
	int latest;
	long nclosed;		/* schools closed before the as-at date */
	struct ki_err *err;
};

/* Write the output (lib/categorise_out.c). Returns 0 or -1 with c->err. */
int ki_cat_write(struct ki_cat *c, FILE *out, enum ki_fmt fmt);

#endif

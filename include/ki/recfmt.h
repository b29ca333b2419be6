/*
 * The record reader's parts (lib/rec.c): its state and what each input
 * format provides. lib/rec.c opens the input, hands out records and reads
 * ahead through lib/ahead.c; lib/rec_csv.c reads CSV through libcsv and
 * lib/rec_json.c reads NDJSON through jansson. Not for use outside them:
 * programs use ki/rec.h.
 */
#ifndef KI_RECFMT_H
#define KI_RECFMT_H

#include <stdatomic.h>
#include <stdio.h>

#include <csv.h>

#include "ki/ahead.h"
#include "ki/rec.h"

/* A growable string of one field. */
struct ki_slot {
	char *s;
	size_t len;
	size_t cap;
	int null;
};

/*
 * One input format. fill and parse are ki_ahead's (parse may be NULL:
 * fill finishes the records); convert makes r->rec of a record as read.
 */
struct ki_rdfmt {
	ki_fill_fn fill;
	ki_parse_fn parse;		/* in the threads reading ahead */
	ki_parse_fn parse_here;		/* in the caller's thread, or NULL */
	ki_drop_fn drop;
	int (*convert)(struct ki_reader *r, const struct ki_batch *b,
	    const struct ki_raw *row, struct ki_err *err);
	void (*free)(struct ki_reader *r);
	size_t batch;			/* records a batch */
	int arena;			/* the threads parse with jansson's arena */
};

struct ki_reader {
	FILE *fp;
	int fd;			/* fp's descriptor, or -1: read directly */
	int own;
	char *name;
	enum ki_fmt fmt;
	const struct ki_rdfmt *ops;
	int flags;
	struct ki_hdr *hdr;

	char *buf;		/* input bytes buf[pos..len) not yet consumed */
	size_t pos, len, cap;
	int eof;
	long nl;		/* newlines consumed so far */
	int cr;			/* the last piece fed ended with a CR */
	unsigned char hibit;	/* the row has a byte over 0x7F */

	struct csv_parser csv;
	int csv_on;
	struct ki_slot *f;	/* fields of the row being parsed */
	size_t nf, fcap;
	int row_done;
	char *errmsg;		/* set by callbacks on allocation failure */

	unsigned char *want;	/* columns to copy; NULL for all */
	size_t nwant;
	size_t *idx;		/* the wanted columns' indexes */
	size_t nidx;
	struct ki_rec rec;
	int pending;		/* NDJSON: rec holds the first record, unread */
	size_t rcap;
	struct ki_slot *val;	/* CSV text converted from cp1252, by column */
	long nlong;		/* rows with fields past the header's, dropped */

	/*
	 * Records as read come in batches: from the thread reading ahead
	 * (which owns the reading state above, from buf to idx, once it
	 * starts), or when it cannot start, from one read here.
	 */
	struct ki_ahead *ahead;
	int tried;		/* the thread was started, or could not be */
	int hooked;		/* the threads use jansson's arenas */
	struct ki_batch one;	/* read here */
	struct ki_batch *cur;	/* the batch being used */
	size_t cpos;		/* its next record */
	size_t *order;		/* NDJSON: the last line's keys' columns
				   (rcap of them, like rec's arrays) */
	size_t norder;
	atomic_llong nread;	/* bytes read, for the progress line */
	int failed;		/* an error was returned: error */
	struct ki_err error;
};

extern const struct ki_rdfmt ki_rdfmt_csv, ki_rdfmt_json;

/*
 * Read more input into r->buf, keeping buf[pos..len). Returns 1, 0 at the
 * end of input, -1 on a read or allocation error (ki_rd_fill_error says
 * which).
 */
int ki_rd_fill(struct ki_reader *r);
const char *ki_rd_fill_error(void);

/* Room for n columns in r->rec and the arrays beside it; 0 or -1. */
int ki_rd_grow(struct ki_reader *r, size_t n);

/* Room for cap fields in r->f; 0 or -1. */
int ki_rd_grow_fields(struct ki_reader *r, size_t cap);

/*
 * Check one field's encoding; text that is not UTF-8 is an error, or when
 * allowed is converted from cp1252 into r->val[i]. *s and *len are the
 * text to use. 0, or -1 with err.
 */
int ki_rd_text(struct ki_reader *r, size_t i, const char **s, size_t *len,
    long line, const char *col, struct ki_err *err);

/* CSV: start libcsv and read the header. 0, or -1 with err. */
int ki_rd_csv_open(struct ki_reader *r, struct ki_err *err);

#endif

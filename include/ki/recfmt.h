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
	/* The batch just taken: checked, its lines numbered (or NULL). */
	void (*taken)(struct ki_reader *r);
	void (*free)(struct ki_reader *r);
	size_t batch;			/* records a batch */
	int arena;			/* the threads parse with jansson's arena */
};

/*
 * Input bytes: read(2) from a descriptor (a pipe, say, whatever it has
 * ready), fread from a stream without one, or pread from a file offset
 * (a chunk of a regular file).
 */
struct ki_input {
	FILE *fp;
	int fd;			/* fp's descriptor, or -1: fread */
	const char *name;	/* for messages */
	char *buf;		/* bytes buf[pos..len) not yet consumed */
	size_t pos, len, cap;
	int eof;
	long nl;		/* newlines consumed so far */
	int cr;			/* the last piece fed ended with a CR */
	int lf;			/* ... with an LF, or none was fed yet */
	long long off;		/* pread: the file offset of buf[len]; else -1 */
	long long stop;		/* a chunk: where it ends (see csv_row); or -1 */
	atomic_llong *nread;	/* bytes read, for the progress line */
};

/* One libcsv parse: of the whole input, or of one chunk of a file. */
struct ki_csvp {
	struct ki_input *in;
	struct csv_parser csv;
	int on;			/* csv is initialised */
	struct ki_slot *f;	/* fields of the row being parsed */
	size_t nf, fcap;
	int row_done;
	const char *errmsg;	/* set by callbacks on allocation failure */
	unsigned char hibit;	/* the row has a byte over 0x7F */
	const unsigned char *want;	/* the reader's: columns to copy */
	size_t nwant;
	size_t tail;		/* > 0: one past the last column wanted, when
				   some are not: those are skipped where the
				   line lets them be (lib/rec_runs.c) */
	size_t *ev, nev;	/* the columns up to tail where runs of
				   columns wanted start or end */
	int ended;		/* a chunk: it stopped at its end */
	struct ki_batch *b;	/* rows: the fields wanted go straight into
				   b's last row (else into f, the header's) */
	size_t ncols;		/* the header's columns */
};

/* A chunk's own input and parse, in its batch (b->own). */
struct ki_chunk {
	struct ki_input in;
	struct ki_csvp cp;
};

struct ki_reader {
	struct ki_input in;
	int own;
	char *name;
	enum ki_fmt fmt;
	const struct ki_rdfmt *ops;
	int flags;
	struct ki_hdr *hdr;

	struct ki_csvp cp;	/* CSV: the header, and rows read in order */

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
	 * A big regular file is read in chunks, side by side (lib/rec_csv.c):
	 * size is its size (else -1), cfrom where the next chunk starts;
	 * the caller's side checks that each chunk starts where the one
	 * before ended (at), numbers its lines from lbase, and reads one
	 * again itself (fix) when it does not.
	 */
	long long size, cfrom, at;
	long lbase;
	struct ki_chunk *fix;

	/*
	 * Records as read come in batches: from the threads reading ahead
	 * (which own the reading state above, in and cp, once they start),
	 * or when they cannot start, from one read here.
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
 * Read more input into in->buf, keeping buf[pos..len). Returns 1, 0 at the
 * end of input, -1 on a read or allocation error (ki_rd_fill_error says
 * which).
 */
int ki_rd_fill(struct ki_input *in);
const char *ki_rd_fill_error(void);

/* Room for n columns in r->rec and the arrays beside it; 0 or -1. */
int ki_rd_grow(struct ki_reader *r, size_t n);

/* CSV: read only the columns r->want says (after ki_reader_want). 0 or -1. */
int ki_rd_csv_want(struct ki_reader *r);

/*
 * Check one field's encoding; text that is not UTF-8 is an error, or when
 * allowed is converted from cp1252 into r->val[i]. *s and *len are the
 * text to use. 0, or -1 with err.
 */
int ki_rd_text(struct ki_reader *r, size_t i, const char **s, size_t *len,
    long line, const char *col, struct ki_err *err);

/* CSV: start libcsv and read the header. 0, or -1 with err. */
int ki_rd_csv_open(struct ki_reader *r, struct ki_err *err);

/* Start cp reading in, for r's columns. 0, or -1 out of memory. */
int ki_rd_csvp_init(struct ki_csvp *cp, struct ki_input *in,
    const struct ki_reader *r);

/* cp reads the columns r->want says. 0, or -1 out of memory. */
int ki_rd_csvp_want(struct ki_csvp *cp, const struct ki_reader *r);

/* Free what cp holds (not its input). */
void ki_rd_csvp_free(struct ki_csvp *cp);

/* Give libcsv p[0..n) of cp's line, fields from column col on. 0, or -1. */
int ki_rd_parse_run(struct ki_csvp *cp, const char *p, size_t n, size_t col);

/*
 * The line in hand, looked at whole: it has a byte over 0x7F (hibit), a
 * space at a field's edge or a tab (keep). ki_rd_parse_bare then gives
 * libcsv its pieces as ki_rd_parse_run does, without looking at them.
 */
void ki_rd_line_known(struct ki_csvp *cp, int hibit, int keep);
int ki_rd_parse_bare(struct ki_csvp *cp, const char *p, size_t n, size_t col);

/*
 * The line p (n bytes) that starts a row, by runs of the columns wanted
 * (lib/rec_runs.c): 1 when read so, 0 when it must be read whole (it has
 * no line end), -1 with libcsv's error.
 */
int ki_rd_feed_runs(struct ki_csvp *cp, const char *p, size_t n);

/* cp->ev for cp->want and cp->tail. 0, or -1 out of memory. */
int ki_rd_runs_plan(struct ki_csvp *cp);

/*
 * The next row into cp->f[0..cp->nf): 1 with *line where it starts, 0 at
 * the end of the input or of a chunk (cp->ended), -1 with err.
 */
int ki_rd_csv_row(struct ki_csvp *cp, long *line, struct ki_err *err);

/*
 * Rows of cp into b (see lib/rec_csv.c): up to max rows, or until the
 * text passes maxtext bytes, the end, or an error.
 */
void ki_rd_csv_rows(struct ki_reader *r, struct ki_csvp *cp,
    struct ki_batch *b, size_t max, size_t maxtext);

/*
 * After the header: when r reads a regular file big enough, read it in
 * chunks side by side from here on (r->ops becomes ki_rdfmt_csv_chunks).
 */
void ki_rd_chunks_plan(struct ki_reader *r);

/* A CSV row as read made r->rec: 1, or -1 with err. */
int ki_rd_csv_convert(struct ki_reader *r, const struct ki_batch *b,
    const struct ki_raw *row, struct ki_err *err);

/* Free what reading CSV holds: r->cp, and the chunks' parses. */
void ki_rd_csv_free(struct ki_reader *r);

/* Free the chunks' parses that r holds itself. */
void ki_rd_chunks_free(struct ki_reader *r);

extern const struct ki_rdfmt ki_rdfmt_csv_chunks;

#endif

/*
 * Reading ahead: a thread fills batches of records, as read but not yet
 * checked, while the caller uses the last batch. Used by the record
 * reader (lib/rec.c); the parsing of the next rows runs on one core while
 * the program works on the rows it has on another.
 */
#ifndef KI_AHEAD_H
#define KI_AHEAD_H

#include <stddef.h>
#include <string.h>

#include "ki/err.h"

/* One field as read: text[off..off+len), NUL-terminated; or blank. */
struct ki_rawf {
	size_t off, len;
	unsigned char null;
	unsigned char num;	/* NDJSON: the value was a number */
};

/* One record as read. */
struct ki_raw {
	long line;		/* where it starts */
	size_t nf;		/* CSV: the fields the row had */
	unsigned char hibit;	/* CSV: a byte over 0x7F somewhere in it */
	size_t first, n;	/* its fields, f[first..first+n): CSV, the
				   columns; NDJSON, key and value by turns */
};

struct ki_batch {
	struct ki_raw *rows;
	size_t nrows, rcap;
	struct ki_rawf *f;
	size_t nf, fcap;
	char *text;
	size_t tlen, tcap;
	void *own;		/* the filler's own, per batch (an arena) */
	long long from, to;	/* a chunk of a file: its bytes [from, to),
				   to -1 for the rest of the file */
	long long at;		/* where its reading stopped */
	long nl;		/* the newlines it read */
	int end;		/* the input ends after these rows: */
	int rc;			/* 0 at its end, -1 on an error, */
	struct ki_err err;	/* which this says */
};

/*
 * Fill b (emptied) with up to max records, or fewer and b->end set. Any
 * failure, out of memory included, ends the batch with rc -1 and err.
 * One thread at a time, in the order of the batches.
 */
typedef void (*ki_fill_fn)(void *arg, struct ki_batch *b, size_t max);

/*
 * Finish the records fill read (parse their text): threads side by side,
 * each on its own batch. A failure at a record drops it and those after
 * it and ends the batch (b->end, rc -1, err).
 */
typedef void (*ki_parse_fn)(void *arg, struct ki_batch *b);

/*
 * Called on each batch before it is filled again (last 0) or freed (last
 * 1), for what its rows and b->own hold: by the thread, so what it made
 * it frees.
 */
typedef void (*ki_drop_fn)(struct ki_batch *b, int last);

struct ki_ahead;

/*
 * Start threads calling fill(arg, ...) for batches of max records, and
 * parse (when not NULL: then one thread for each processor but one, the
 * caller's, at least one and at most four, each reading a batch in turn
 * and parsing it while the others read or parse theirs). From then on, arg's reading state belongs to the threads.
 * Returns NULL when no thread can be started: the caller reads by itself.
 */
struct ki_ahead *ki_ahead_start(ki_fill_fn fill, ki_parse_fn parse,
    void *arg, size_t max, ki_drop_fn drop);

/*
 * The next batch, waiting for it if need be; the one taken before is
 * given back to be filled again.
 */
struct ki_batch *ki_ahead_take(struct ki_ahead *a);

/* Stop the thread, wait for it, and free everything. NULL is allowed. */
void ki_ahead_stop(struct ki_ahead *a);

/* Empty b, keeping its memory. */
void ki_batch_reset(struct ki_batch *b);

/* Free b's memory. */
void ki_batch_free(struct ki_batch *b);

/* A new record in b, or NULL out of memory. */
struct ki_raw *ki_batch_row(struct ki_batch *b, long line);

/*
 * Add a field to b's last record: s[0..len) copied, or blank when s is
 * NULL. Returns 0, or -1 out of memory.
 */
int ki_batch_field(struct ki_batch *b, const char *s, size_t len);

/* ki_batch_field, inline while b has room: a row is many fields. */
static inline int
ki_batch_put(struct ki_batch *b, const char *s, size_t len)
{
	struct ki_rawf *f;

	if (b->nf == b->fcap || (s != NULL && b->tlen + len + 1 > b->tcap))
		return ki_batch_field(b, s, len);
	f = &b->f[b->nf++];
	f->null = s == NULL;
	f->num = 0;
	f->off = b->tlen;
	f->len = s != NULL ? len : 0;
	b->rows[b->nrows - 1].n++;
	if (s != NULL) {
		memcpy(b->text + b->tlen, s, len);
		b->text[b->tlen + len] = '\0';
		b->tlen += len + 1;
	}
	return 0;
}

#endif

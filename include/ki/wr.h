/* Record writer: CSV with minimal quoting, or NDJSON. */
#ifndef KI_WR_H
#define KI_WR_H

#include <stddef.h>
#include <stdio.h>

#include "ki/rec.h"

struct ki_writer;

/*
 * Return a writer of fmt (KI_FMT_CSV or KI_FMT_JSON) on fp, or NULL on
 * allocation failure. The writer does not own fp.
 */
struct ki_writer *ki_writer_new(FILE *fp, enum ki_fmt fmt);

/* Free w (not its FILE). NULL is allowed. */
void ki_writer_free(struct ki_writer *w);

/*
 * Set the column names (copied). CSV writes the header row now; NDJSON
 * uses them as keys. Returns 0, or -1 on a write or allocation error.
 */
int ki_writer_header(struct ki_writer *w, size_t n, const char *const *names);

/*
 * Set or replace the column names (copied) without writing anything: for
 * NDJSON whose keys grow, or CSV rows written after a header written
 * elsewhere. Returns 0, or -1 on allocation failure.
 */
int ki_writer_names(struct ki_writer *w, size_t n, const char *const *names);

/*
 * Write one row of n values (n equals the header's). v[i] NULL or ""
 * is blank: an empty CSV field, or null in NDJSON. num may be NULL; where
 * num[i] is 1, NDJSON writes v[i] as a number: as read when it is a JSON
 * number, else in its plain form ("+3" as 3, ".5" as 0.5), or as a string
 * when it is no number at all.
 * CSV quotes a field only when it holds a comma, quote, CR or LF.
 * Returns 0, or -1 when the stream is in error.
 */
int ki_writer_row(struct ki_writer *w, size_t n, const char *const *v,
    const unsigned char *num);

/*
 * The text of one row as ki_writer_row would write it, end included, made
 * but not written: in w's memory, valid until the next call on w; *len is
 * its length. NULL for want of memory (ki_writer_oom then says so).
 */
const char *ki_writer_make(struct ki_writer *w, size_t n,
    const char *const *v, const unsigned char *num, size_t *len);

/*
 * ki_writer_make's text appended to b instead, len[i] the length of v[i]
 * (or len NULL: each read to its NUL). Returns 0, or -1 for want of
 * memory, b as it was (ki_writer_oom then says so).
 */
struct ki_buf;
int ki_writer_append(struct ki_writer *w, struct ki_buf *b, size_t n,
    const char *const *v, const size_t *len, const unsigned char *num);

/*
 * Write row (len bytes: a row a writer of w's format made, as a spool
 * gives it back) less its end, then n more cells and the end: for CSV v[i]
 * as a field; for NDJSON names[i] as the key, and v[i] as ki_writer_row
 * writes it (num may be NULL; blank is null). row NULL: the row's start
 * was written already, by other means. Returns 0, or -1 when the stream
 * is in error or for want of memory (ki_writer_oom).
 */
int ki_writer_extend(struct ki_writer *w, const char *row, size_t len,
    size_t n, const char *const *names, const char *const *v,
    const unsigned char *num);

/* ki_writer_extend with no row and no numbers. */
int ki_writer_tail(struct ki_writer *w, size_t n, const char *const *names,
    const char *const *v);

/*
 * Nonzero when a call on w has returned -1 for want of memory: a row or
 * header was not written, and the stream shows no error, so the caller
 * must report it ("out of memory"). Write errors are the stream's own.
 */
int ki_writer_oom(const struct ki_writer *w);

/* The bytes w has written so far. */
unsigned long long ki_writer_bytes(const struct ki_writer *w);

#endif

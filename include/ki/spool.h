/*
 * Spool and replay: rows put aside in a temporary file during a pass over
 * the input, each with a few bytes of the caller's (meta), and read back
 * in a second pass, in order or each from where it was put, to be written
 * again with cells added (ki_writer_extend). A row is kept as the record
 * writer makes it (lib/wr.c), so it goes out again byte for byte.
 */
#ifndef KI_SPOOL_H
#define KI_SPOOL_H

#include <stddef.h>

#include "ki/err.h"
#include "ki/rec.h"

struct ki_spool;

/* The most meta bytes a row can have. */
#define KI_SPOOL_META_MAX	64

/*
 * A new, empty spool of rows in fmt (KI_FMT_CSV or KI_FMT_JSON), each with
 * meta bytes of the caller's (at most KI_SPOOL_META_MAX). NULL with err filled: "out of memory", or
 * "cannot make a spool file: strerror".
 */
struct ki_spool *ki_spool_open(enum ki_fmt fmt, size_t meta,
    struct ki_err *err);

/* Remove the file and free s. NULL is allowed. */
void ki_spool_close(struct ki_spool *s);

/*
 * The column names of the rows put from now on (copied; NDJSON's keys).
 * Returns 0, or -1 with err ("out of memory").
 */
int ki_spool_names(struct ki_spool *s, size_t n, const char *const *names,
    struct ki_err *err);

/*
 * Put one row (n values, num as for ki_writer_row, or NULL) and meta
 * (the spool's meta bytes; NULL when it has none). *at, when not NULL,
 * says where it is, for ki_spool_get. Returns 0, or -1 with err ("spool:
 * write error", or "out of memory").
 */
int ki_spool_put(struct ki_spool *s, const void *meta, size_t n,
    const char *const *v, const unsigned char *num, unsigned long long *at,
    struct ki_err *err);

/* ki_spool_put with the values' lengths (len[i] of v[i]), or len NULL. */
int ki_spool_put_len(struct ki_spool *s, const void *meta, size_t n,
    const char *const *v, const size_t *len, const unsigned char *num,
    unsigned long long *at, struct ki_err *err);

/*
 * The next row, the first after ki_spool_open's puts or a rewind: its meta
 * copied into meta (when not NULL), its text (with its end) in *row, *len
 * bytes, valid until the next call on s. Returns 1, 0 after the last row,
 * or -1 with err ("spool: read error", or "out of memory").
 */
int ki_spool_next(struct ki_spool *s, void *meta, const char **row,
    size_t *len, struct ki_err *err);

/* Read from the first row again: 0, or -1 with err. */
int ki_spool_rewind(struct ki_spool *s, struct ki_err *err);

/*
 * The row put at at, as ki_spool_next gives it; the next ki_spool_next
 * gives the row after it. Returns 1, or -1 with err.
 */
int ki_spool_get(struct ki_spool *s, unsigned long long at, void *meta,
    const char **row, size_t *len, struct ki_err *err);

/* How many rows have been put. */
unsigned long long ki_spool_rows(const struct ki_spool *s);

#endif

/* A spool of records: written once to a temporary file, replayed in order. */
#ifndef KI_ROWSPOOL_H
#define KI_ROWSPOOL_H

#include <stddef.h>

#include "ki/err.h"
#include "ki/rec.h"

/*
 * A program that needs every row before it can write the first (a choice
 * made over all schools) keeps a few packed values per row in memory and
 * the rows themselves here, then reads them back as often as it needs.
 * Each record keeps its line, its values (NULL stays NULL; a value ends at
 * its first NUL, as every ki writer reads it) and its JSON-number marks.
 */
struct ki_rowspool;

/*
 * A new, empty spool in a temporary file that is gone when the spool is
 * freed or the program ends. Returns NULL with err: "out of memory", or
 * that no temporary file can be made.
 */
struct ki_rowspool *ki_rowspool_new(struct ki_err *err);

/* Free sp and remove its file. NULL is allowed. */
void ki_rowspool_free(struct ki_rowspool *sp);

/* Append rec. Returns 0, or -1 with err ("spool: write error"). */
int ki_rowspool_put(struct ki_rowspool *sp, const struct ki_rec *rec,
    struct ki_err *err);

/* The records put so far. */
size_t ki_rowspool_count(const struct ki_rowspool *sp);

/*
 * Start reading from the first record (ends any writing). Returns 0, or
 * -1 with err.
 */
int ki_rowspool_rewind(struct ki_rowspool *sp, struct ki_err *err);

/*
 * The next record: *rec is the spool's, valid until the next call, with
 * n, v, len, num and line as they were put. Returns 1, 0 after the last,
 * or -1 with err (a read error, out of memory).
 */
int ki_rowspool_next(struct ki_rowspool *sp, struct ki_rec **rec,
    struct ki_err *err);

#endif

/* Streaming record reader for CSV (libcsv) and NDJSON (jansson). */
#ifndef KI_REC_H
#define KI_REC_H

#include <stddef.h>

#include "ki/err.h"
#include "ki/hdr.h"

enum ki_fmt {
	KI_FMT_AUTO = 0,	/* detect: '{' first means NDJSON, else CSV */
	KI_FMT_CSV,
	KI_FMT_JSON
};

/* Reader options, or'ed together. */
enum {
	KI_RD_PAD_SHORT = 1 << 0,	/* pad rows shorter than the header with blanks */
	KI_RD_CP1252 = 1 << 1,		/* fields that are not UTF-8 are read as Windows-1252 */
	KI_RD_NO_AHEAD = 1 << 2,	/* parse in the calling thread only, not ahead */
	KI_RD_DROP_LONG = 1 << 3,	/* drop fields past the header's, counting rows */
	KI_RD_SKIP_FIRST = 1 << 4,	/* CSV: a title line comes before the header */
	KI_RD_SMALL_CHUNKS = 1 << 5	/* tests: a file of any size is read in
					   chunks, of a few bytes each */
};

/*
 * One record. v[i] is the value of column i of the reader's header, a
 * NUL-terminated string, or NULL when blank or absent. len[i] is its
 * length. num[i] is 1 when the value was a JSON number (NDJSON input).
 * All of it belongs to the reader and is valid until the next call to
 * ki_reader_next or ki_reader_close.
 */
struct ki_rec {
	size_t n;		/* equals the header's n */
	char **v;
	size_t *len;
	unsigned char *num;
	long line;		/* 1-based line where the record starts */
};

struct ki_reader;

/*
 * Open path ("-" or NULL means standard input, called "<stdin>" in
 * messages) and read the header (CSV) or the first record (NDJSON, whose
 * keys make the header until new ones appear). fmt
 * forces the format, or KI_FMT_AUTO detects it. A UTF-8 BOM at the very
 * start is skipped; one in a column name is an error, and so is a value of
 * a urn column that is not a URN (lib/urn.c), here and in ki_reader_next.
 * Returns NULL and fills err on failure (file missing, bad header,
 * duplicate column names, an empty file read as CSV or detected). An
 * empty file forced to NDJSON is a stream of no records, not an error.
 */
struct ki_reader *ki_reader_open(const char *path, enum ki_fmt fmt,
    int flags, struct ki_err *err);

/* Close the file (unless stdin) and free everything. NULL is allowed. */
void ki_reader_close(struct ki_reader *r);

/*
 * Read the next record into *rec. Returns 1 when a record was read, 0 at
 * the end of input, -1 on error with err filled (file, line, field); after
 * an error, each call returns it again. Records are parsed ahead, in a
 * second thread, from the second call on (unless KI_RD_NO_AHEAD, or no
 * thread can be started). For NDJSON, a key not seen before is appended to the header, so the
 * header can grow between calls; rec->n always equals the header's n.
 */
int ki_reader_next(struct ki_reader *r, struct ki_rec **rec,
    struct ki_err *err);

/*
 * Read only the columns i with want[i] set (n of them; later columns are
 * read): the others come back blank and cost no copy. CSV only; NULL reads
 * every column again. Call it before the first ki_reader_next: records
 * are read ahead from then on. Returns 0, or -1 on allocation failure or
 * when called too late.
 */
int ki_reader_want(struct ki_reader *r, const unsigned char *want, size_t n);

/* The header: column names in input order (grows for NDJSON). */
const struct ki_hdr *ki_reader_hdr(const struct ki_reader *r);

/* How many rows had fields past the header's (dropped: KI_RD_DROP_LONG). */
long ki_reader_long_rows(const struct ki_reader *r);

/* The format in use (KI_FMT_CSV or KI_FMT_JSON, never AUTO). */
enum ki_fmt ki_reader_fmt(const struct ki_reader *r);

/* The name used in messages: the path, or "<stdin>". */
const char *ki_reader_name(const struct ki_reader *r);

#endif

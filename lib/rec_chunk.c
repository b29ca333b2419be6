/*
 * A big regular CSV file in chunks, parsed side by side: each chunk by a
 * libcsv parser of its own, in the threads reading ahead (lib/ahead.c).
 *
 * A chunk is meant to start at a line start, the byte after an LF, and to
 * end where the first row that starts at or past its end's line start
 * would begin; its rows and errors are numbered from its own first line.
 * The caller's side takes the chunks in order: one that starts where the
 * one before really ended is used as it is, its lines numbered on from the
 * lines before; one that does not (a quoted field with a line end in it ran
 * over its start, so it began inside a field) is read again there, in the
 * caller's thread, whatever it found. So the records and errors are those
 * of a reading in one piece.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ki/recfmt.h"

/*
 * Bytes a chunk: its text is in the cache still when the caller uses it,
 * and the chunks in flight (lib/ahead.c) stay small. A chunk's records
 * take some 7 times its bytes (a field's place is 24 bytes): at 1 MB the
 * chunks of a 300-column file held 40 MB, at 256 KB some 12 MB, for the
 * same CPU.
 */
#define CHUNK_BYTES	(256 * 1024)
/* A file smaller than this many chunks is read in one piece. */
#define MIN_CHUNKS	8
/* KI_RD_SMALL_CHUNKS: to try chunk edges everywhere. */
#define SMALL_CHUNK	16

static long long
chunk_bytes(const struct ki_reader *r)
{
	return r->flags & KI_RD_SMALL_CHUNKS ? SMALL_CHUNK : CHUNK_BYTES;
}

void
ki_rd_chunks_plan(struct ki_reader *r)
{
	struct stat st;
	off_t at;
	long long start;

	/*
	 * Only a regular file read by read(2), with the header's line ended
	 * by an LF or CRLF (after a lone CR the count of lines would wait on
	 * the next byte), and big enough.
	 */
	if (r->in.fd < 0 || r->in.cr || !r->in.lf || r->in.eof ||
	    fstat(r->in.fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (at = lseek(r->in.fd, 0, SEEK_CUR)) == (off_t)-1)
		return;
	start = (long long)at - (long long)(r->in.len - r->in.pos);
	if (start < 0 || (long long)st.st_size - start <
	    (r->flags & KI_RD_SMALL_CHUNKS ? 1 : MIN_CHUNKS * chunk_bytes(r)))
		return;
	r->size = (long long)st.st_size;
	r->cfrom = r->at = start;
	r->lbase = r->in.nl;
	r->ops = &ki_rdfmt_csv_chunks;
}

/*
 * The offset just after the first LF at or past off, or the file's size;
 * -1 on a read error.
 */
static long long
line_after(const struct ki_reader *r, long long off)
{
	char buf[4096];
	ssize_t n;
	char *lf;

	for (; off < r->size; off += n) {
		while ((n = pread(r->in.fd, buf, sizeof(buf), (off_t)off)) ==
		    -1 && errno == EINTR)
			;
		if (n == -1)
			return -1;
		if (n == 0)
			break;
		if ((lf = memchr(buf, '\n', (size_t)n)) != NULL)
			return off + (lf - buf) + 1;
	}
	return r->size;
}

/* The next chunk's place, in order, one thread at a time. */
static void
chunk_fill(void *arg, struct ki_batch *b, size_t max)
{
	struct ki_reader *r = arg;
	long long to;

	(void)max;
	b->from = b->at = r->cfrom;
	b->nl = 0;
	to = r->cfrom + chunk_bytes(r) < r->size ? line_after(r, r->cfrom +
	    chunk_bytes(r)) : r->size;
	if (to == -1) {
		b->end = 1;
		b->rc = ki_err_set(&b->err, r->name, 0, NULL, "%s",
		    ki_rd_fill_error());
		return;
	}
	if (to >= r->size) {
		/* The last: to the end of the file. */
		b->to = -1;
		b->end = 1;
	} else
		b->to = to;
	r->cfrom = to;
}

static struct ki_chunk *
chunk_new(const struct ki_reader *r)
{
	struct ki_chunk *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	c->in.fd = r->in.fd;
	c->in.name = r->name;
	c->in.nread = (atomic_llong *)&r->nread;
	if (ki_rd_csvp_init(&c->cp, &c->in, r) == -1) {
		ki_rd_csvp_free(&c->cp);
		free(c);
		return NULL;
	}
	return c;
}

static void
chunk_free(struct ki_chunk *c)
{
	if (c == NULL)
		return;
	ki_rd_csvp_free(&c->cp);
	free(c->in.buf);
	free(c);
}

/* Read b's chunk with c: its rows into b, where it stopped into b->at. */
static void
chunk_read(struct ki_reader *r, struct ki_chunk *c, struct ki_batch *b)
{
	struct ki_input *in = &c->in;

	in->pos = in->len = 0;
	in->eof = in->cr = 0;
	in->lf = 1;
	in->nl = 0;
	in->off = b->from;
	in->stop = b->to;
	c->cp.ended = 0;
	c->cp.errmsg = NULL;
	/* A new parse: the last may have ended in an error. */
	csv_free(&c->cp.csv);
	csv_init(&c->cp.csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
	    CSV_EMPTY_IS_NULL);
	csv_set_blk_size(&c->cp.csv, 64 * 1024);
	ki_rd_csv_rows(r, &c->cp, b, SIZE_MAX, SIZE_MAX);
	b->at = in->off - (long long)(in->len - in->pos);
	b->nl = in->nl;
}

/* In the threads: the chunk's rows, with a parse of the batch's own. */
static void
chunk_parse(void *arg, struct ki_batch *b)
{
	struct ki_reader *r = arg;

	if (b->rc == -1)
		return;
	if (b->own == NULL && (b->own = chunk_new(r)) == NULL) {
		b->end = 1;
		b->rc = ki_err_set(&b->err, r->name, 0, NULL, "out of memory");
		return;
	}
	chunk_read(r, b->own, b);
}

static void
chunk_drop(struct ki_batch *b, int last)
{
	if (last) {
		chunk_free(b->own);
		b->own = NULL;
	}
}

/*
 * The batch just taken: read again from where the last one stopped if it
 * started elsewhere; its lines numbered on from the lines before.
 */
static void
chunk_taken(struct ki_reader *r)
{
	struct ki_batch *b = r->cur;
	size_t i;

	if (b->from != r->at) {
		long long to = b->to;

		b = &r->one;
		ki_batch_reset(b);
		b->from = b->at = r->at;
		b->to = to;
		b->nl = 0;
		if (r->fix == NULL && (r->fix = chunk_new(r)) == NULL) {
			b->end = 1;
			b->rc = ki_err_set(&b->err, r->name, 0, NULL,
			    "out of memory");
		} else
			chunk_read(r, r->fix, b);
		r->cur = b;
	}
	for (i = 0; i < b->nrows; i++)
		b->rows[i].line += r->lbase;
	if (b->rc == -1 && b->err.line > 0)
		b->err.line += r->lbase;
	r->lbase += b->nl;
	r->at = b->at;
}

void
ki_rd_chunks_free(struct ki_reader *r)
{
	chunk_free(r->fix);
	r->fix = NULL;
	chunk_free(r->one.own);
	r->one.own = NULL;
}

const struct ki_rdfmt ki_rdfmt_csv_chunks = {
	.fill = chunk_fill,
	.parse = chunk_parse,
	.parse_here = chunk_parse,
	.drop = chunk_drop,
	.convert = ki_rd_csv_convert,
	.taken = chunk_taken,
	.free = ki_rd_csv_free,
	.batch = 1,
};

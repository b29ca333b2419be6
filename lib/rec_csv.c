/*
 * The record reader's CSV lines through libcsv, a line at a time, the
 * columns not wanted skipped where a line lets them be: one parse (struct
 * ki_csvp) of the whole input, or of one chunk of a file (lib/rec_chunk.c).
 * lib/rec_rows.c makes batches and records of the rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "ki/recfmt.h"

/* A line cut by the end of the buffer is read whole if shorter. */
#define WHOLE_LINE	(64 * 1024)

static int
slot_set(struct ki_slot *sl, const char *s, size_t len)
{
	if (s == NULL) {
		sl->null = 1;
		sl->len = 0;
		return 0;
	}
	if (len + 1 > sl->cap) {
		size_t cap = len + 1 < 64 ? 64 : len + 1;
		char *p = realloc(sl->s, cap);

		if (p == NULL)
			return -1;
		sl->s = p;
		sl->cap = cap;
	}
	memcpy(sl->s, s, len);
	sl->s[len] = '\0';
	sl->len = len;
	sl->null = len == 0;
	return 0;
}

static int
grow_fields(struct ki_csvp *cp, size_t cap)
{
	struct ki_slot *f = realloc(cp->f, cap * sizeof(*f));

	if (f == NULL)
		return -1;
	memset(f + cp->fcap, 0, (cap - cp->fcap) * sizeof(*f));
	cp->f = f;
	cp->fcap = cap;
	return 0;
}

/* A field the caller wants: copied into its slot. */
static void __attribute__((noinline))
keep_field(struct ki_csvp *cp, size_t i, const char *s, size_t len)
{
	if (cp->errmsg != NULL)
		return;
	if ((i >= cp->fcap && grow_fields(cp, cp->fcap ? cp->fcap * 2 : 64) ==
	    -1) || slot_set(&cp->f[i], s, len) == -1)
		cp->errmsg = "out of memory";
}

/*
 * A field of a row, into the batch: column i, wanted, of the header's.
 * Blank (NULL, or "" quoted) is stored as blank.
 */
static inline void
put_field(struct ki_csvp *cp, size_t i, const char *s, size_t len)
{
	if (cp->errmsg != NULL || i >= (cp->want ? cp->nwant : cp->ncols))
		return;
	if (ki_batch_put(cp->b, len ? s : NULL, len) == -1)
		cp->errmsg = "out of memory";
}

/*
 * Called for every field libcsv reads: kept short. A column the caller
 * does not want is counted, not copied.
 */
static void
on_field(void *s, size_t len, void *data)
{
	struct ki_csvp *cp = data;
	size_t i = cp->nf++;

	if (i < cp->nwant && !cp->want[i])
		return;
	if (cp->b != NULL)
		put_field(cp, i, s, len);
	else
		keep_field(cp, i, s, len);
}

static void
on_row(int c, void *data)
{
	struct ki_csvp *cp = data;

	(void)c;
	cp->row_done = 1;
}

static int
keep_spaces(unsigned char c)
{
	(void)c;
	return 0;
}

/*
 * Whether libcsv's own rule would drop a space in the piece p: a space at
 * either end of a field (next to a comma or either end of the piece), or
 * any tab. ki keeps spaces, with a function libcsv calls for each byte;
 * pieces without such a space are parsed without it, which is faster and
 * gives the same fields.
 */
static int
edge_space(const char *p, size_t n)
{
	const char *q, *end = p + n;

	for (q = p; (q = memchr(q, ' ', (size_t)(end - q))) != NULL; q++)
		if (q == p || q[-1] == ',' || q + 1 == end || q[1] == ',' ||
		    q[1] == '\r' || q[1] == '\n')
			return 1;
	return memchr(p, '\t', n) != NULL;
}

/*
 * The length of the line at p (up to and including the first CR or LF, or
 * all of len), pointing *nul at a NUL byte if it has one. memchr is much
 * faster than a loop over the bytes.
 */
static size_t
line_len(const char *p, size_t len, char **nul)
{
	const char *lf = memchr(p, '\n', len), *cr;
	size_t n = lf ? (size_t)(lf - p) + 1 : len;

	/* A CR ends the line, with the LF after it if there is one. */
	if ((cr = memchr(p, '\r', n)) != NULL)
		n = (size_t)(cr - p) + 1 + (cr + 1 < p + len && cr[1] == '\n');
	*nul = memchr(p, '\0', n);
	return n;
}

/* 0x80 if a byte of p[0..n) is over 0x7F, else 0. */
static unsigned char
high_bit(const char *p, size_t n)
{
	unsigned long long acc = 0, w;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		acc |= w;
	}
	for (; i < n; i++)
		acc |= (unsigned char)p[i];
	return acc & 0x8080808080808080ULL ? 0x80 : 0;
}

/* Give libcsv p[0..n), fields from column col on. 0, or -1. */
int
ki_rd_parse_run(struct ki_csvp *cp, const char *p, size_t n, size_t col)
{
	cp->nf = col;
	cp->hibit |= high_bit(p, n);
	csv_set_space_func(&cp->csv, edge_space(p, n) ? keep_spaces : NULL);
	return csv_parse(&cp->csv, p, n, on_field, on_row, cp) == n ? 0 : -1;
}

void
ki_rd_line_known(struct ki_csvp *cp, int hibit, int keep)
{
	cp->hibit |= hibit ? 0x80 : 0;
	csv_set_space_func(&cp->csv, keep ? keep_spaces : NULL);
}

int
ki_rd_parse_bare(struct ki_csvp *cp, const char *p, size_t n, size_t col)
{
	cp->nf = col;
	return csv_parse(&cp->csv, p, n, on_field, on_row, cp) == n ? 0 : -1;
}

/*
 * Feed the line p (n bytes) to libcsv: when it starts a row (first), can
 * be, by runs of wanted columns; else all of it. Returns 0, or -1 with
 * libcsv's error.
 */
static int
feed(struct ki_csvp *cp, const char *p, size_t n, int first)
{
	int rc;

	if (first && cp->tail > 0 && (rc = ki_rd_feed_runs(cp, p, n)) != 0)
		return rc == 1 ? 0 : -1;
	cp->hibit |= high_bit(p, n);
	csv_set_space_func(&cp->csv, edge_space(p, n) ? keep_spaces : NULL);
	return csv_parse(&cp->csv, p, n, on_field, on_row, cp) == n ? 0 : -1;
}

/* The end of the input: the row libcsv holds, if any. */
static int
csv_end_input(struct ki_csvp *cp, long start, long *line,
    struct ki_err *err)
{
	struct ki_input *in = cp->in;

	if (csv_fini(&cp->csv, on_field, on_row, cp) != 0)
		return ki_err_set(err, in->name, start > 0 ? start : in->nl + 1,
		    NULL, "unterminated quoted field");
	if (cp->errmsg != NULL)
		return ki_err_set(err, in->name, in->nl + 1, NULL, "%s",
		    cp->errmsg);
	if (!cp->row_done)
		return 0;
	*line = start > 0 ? start : in->nl + 1;
	return 1;
}

/*
 * Whether a chunk ends here, before the next line: no row begun, at a
 * line start after an LF at or past its stop.
 */
static int
chunk_end(struct ki_csvp *cp, long start)
{
	struct ki_input *in = cp->in;

	if (in->stop < 0 || start >= 0 || !in->lf ||
	    in->off - (long long)(in->len - in->pos) < in->stop)
		return 0;
	cp->ended = 1;
	return 1;
}

int
ki_rd_csv_row(struct ki_csvp *cp, long *line, struct ki_err *err)
{
	struct ki_input *in = cp->in;
	long start = -1;	/* the line where the row's first byte is */

	cp->nf = 0;
	cp->row_done = 0;
	cp->hibit = 0;
	for (;;) {
		char *p, *nul;
		size_t n;
		int content;

		if (chunk_end(cp, start))
			return 0;
		if (in->pos == in->len) {
			int rc = ki_rd_fill(in);

			if (rc == -1)
				return ki_err_set(err, in->name, in->nl + 1, NULL,
				    "%s", ki_rd_fill_error());
			if (rc == 0)
				return csv_end_input(cp, start, line, err);
		}
		p = in->buf + in->pos;
		/* One line: up to and including a CR or LF. */
		n = line_len(p, in->len - in->pos, &nul);
		/*
		 * A line the buffer cuts: its rest read in first, so that
		 * libcsv is given it whole (and by runs), unless it is long.
		 */
		if (n == in->len - in->pos && n < WHOLE_LINE && !in->eof &&
		    p[n - 1] != '\n') {
			if (ki_rd_fill(in) == -1)
				return ki_err_set(err, in->name, in->nl + 1, NULL,
				    "%s", ki_rd_fill_error());
			continue;
		}
		if (nul != NULL)
			return ki_err_set(err, in->name, in->nl + 1, NULL,
			    "NUL byte in input (byte %zu of the line)",
			    (size_t)(nul - p) + 1);
		/* Not a blank line: CR, LF or CRLF alone. */
		content = n > 2 || (p[0] != '\n' && p[0] != '\r') ||
		    (n == 2 && (p[0] != '\r' || p[1] != '\n'));
		/* A CR not followed by LF ends a line on its own (old Macs). */
		if (in->cr && p[0] != '\n')
			in->nl++;
		in->cr = p[n - 1] == '\r';
		in->lf = p[n - 1] == '\n';
		/* libcsv skips blank lines: the row starts where text does. */
		if (feed(cp, p, n, start < 0 && content) == -1) {
			if (csv_error(&cp->csv) == CSV_ENOMEM)
				return ki_err_set(err, in->name, in->nl + 1, NULL,
				    "out of memory");
			return ki_err_set(err, in->name, in->nl + 1, NULL,
			    "malformed quoting (a quote inside an unquoted field, "
			    "or text after a closing quote)");
		}
		if (start < 0 && content)
			start = in->nl + 1;
		if (cp->errmsg != NULL)
			return ki_err_set(err, in->name, in->nl + 1, NULL, "%s",
			    cp->errmsg);
		in->pos += n;
		if (p[n - 1] == '\n')
			in->nl++;
		if (cp->row_done) {
			*line = start > 0 ? start : in->nl;
			return 1;
		}
	}
}

/* Start cp, reading in, for the reader r's columns. 0, or -1 out of memory. */
int
ki_rd_csvp_init(struct ki_csvp *cp, struct ki_input *in,
    const struct ki_reader *r)
{
	memset(cp, 0, sizeof(*cp));
	cp->in = in;
	if (csv_init(&cp->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
	    CSV_EMPTY_IS_NULL) != 0)
		return -1;
	cp->on = 1;
	/*
	 * libcsv grows a field's buffer by this much at a time, by default
	 * 128 bytes: a 10 MB field would be 80,000 reallocs.
	 */
	csv_set_blk_size(&cp->csv, 64 * 1024);
	return ki_rd_csvp_want(cp, r);
}

int
ki_rd_csvp_want(struct ki_csvp *cp, const struct ki_reader *r)
{
	size_t i;

	cp->want = r->want;
	cp->nwant = r->nwant;
	cp->tail = 0;
	if (r->want == NULL)
		return 0;
	if (r->nwant > cp->fcap && grow_fields(cp, r->nwant) == -1)
		return -1;
	/*
	 * The columns up to the last one wanted, when some are not: those
	 * between and after can be skipped (lib/rec_runs.c).
	 */
	for (i = r->nwant; i > 0 && !r->want[i - 1]; i--)
		;
	if (i > 0 && (i < r->nwant || memchr(r->want, 0, i) != NULL))
		cp->tail = i;
	return ki_rd_runs_plan(cp);
}

void
ki_rd_csvp_free(struct ki_csvp *cp)
{
	size_t i;

	if (cp->on)
		csv_free(&cp->csv);
	for (i = 0; i < cp->fcap; i++)
		free(cp->f[i].s);
	free(cp->f);
	free(cp->ev);
	memset(cp, 0, sizeof(*cp));
}

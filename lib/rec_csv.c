/* The record reader's CSV: rows through libcsv, a line at a time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "ki/recfmt.h"
#include "ki/urn.h"

/* A CSV batch ends early past this much text (wide rows). */
#define BATCH_TEXT	(256 * 1024)
/* Records in a batch read ahead: CSV rows are small. */
#define CSV_BATCH	256

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

int
ki_rd_grow_fields(struct ki_reader *r, size_t cap)
{
	struct ki_slot *f = realloc(r->f, cap * sizeof(*f));

	if (f == NULL)
		return -1;
	memset(f + r->fcap, 0, (cap - r->fcap) * sizeof(*f));
	r->f = f;
	r->fcap = cap;
	return 0;
}

/* A field the caller wants: copied into its slot. */
static void __attribute__((noinline))
keep_field(struct ki_reader *r, size_t i, const char *s, size_t len)
{
	if (r->errmsg != NULL)
		return;
	if ((i >= r->fcap && ki_rd_grow_fields(r, r->fcap ? r->fcap * 2 : 64) ==
	    -1) || slot_set(&r->f[i], s, len) == -1)
		r->errmsg = "out of memory";
}

/*
 * Called for every field of the file: kept short. A column the caller
 * does not want is counted, not copied: its slot was made blank once, by
 * ki_reader_want.
 */
static void
on_field(void *s, size_t len, void *data)
{
	struct ki_reader *r = data;
	size_t i = r->nf++;

	if (i < r->nwant && !r->want[i])
		return;
	keep_field(r, i, s, len);
}

static void
on_row(int c, void *data)
{
	struct ki_reader *r = data;

	(void)c;
	r->row_done = 1;
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
 * all of len), or'ing its bytes into *hi and pointing *nul at a NUL byte
 * if it has one. memchr is much faster than a loop over the bytes.
 */
static size_t
line_len(const char *p, size_t len, unsigned char *hi, char **nul)
{
	const char *lf = memchr(p, '\n', len), *cr;
	size_t n = lf ? (size_t)(lf - p) + 1 : len, i;
	unsigned long long acc = 0, w;

	if ((cr = memchr(p, '\r', n)) != NULL)
		n = (size_t)(cr - p) + 1;
	*nul = memchr(p, '\0', n);
	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		acc |= w;
	}
	for (; i < n; i++)
		acc |= (unsigned char)p[i];
	if (acc & 0x8080808080808080ULL)
		*hi |= 0x80;
	return n;
}

/*
 * Feed libcsv one line at a time (up to and including a CR or LF) so that
 * a finished row is known to end on the current line. Returns 1 with a row
 * in r->f, 0 at the end of input, -1 on error.
 */
static int
csv_row(struct ki_reader *r, long *line, struct ki_err *err)
{
	long start = -1;	/* the line where the row's first byte is */

	r->nf = 0;
	r->row_done = 0;
	r->hibit = 0;
	for (;;) {
		char *p, *end, *nul;
		size_t n;
		int content;

		if (r->pos == r->len) {
			int rc = ki_rd_fill(r);

			if (rc == -1)
				return ki_err_set(err, r->name, r->nl + 1, NULL,
				    "%s", ki_rd_fill_error());
			if (rc == 0) {
				if (csv_fini(&r->csv, on_field, on_row, r) != 0)
					return ki_err_set(err, r->name, start > 0 ?
					    start : r->nl + 1, NULL,
					    "unterminated quoted field");
				if (r->errmsg != NULL)
					return ki_err_set(err, r->name, r->nl + 1,
					    NULL, "%s", r->errmsg);
				if (!r->row_done)
					return 0;
				*line = start > 0 ? start : r->nl + 1;
				return 1;
			}
		}
		p = r->buf + r->pos;
		end = r->buf + r->len;
		/* One line: up to and including a CR or LF. */
		n = line_len(p, (size_t)(end - p), &r->hibit, &nul);
		if (nul != NULL)
			return ki_err_set(err, r->name, r->nl + 1, NULL,
			    "NUL byte in input (byte %zu of the line)",
			    (size_t)(nul - p) + 1);
		content = n > 1 || (p[0] != '\n' && p[0] != '\r');
		/* A CR not followed by LF ends a line on its own (old Macs). */
		if (r->cr && p[0] != '\n')
			r->nl++;
		r->cr = p[n - 1] == '\r';
		/* libcsv skips blank lines: the row starts where text does. */
		if (start < 0 && content)
			start = r->nl + 1;
		csv_set_space_func(&r->csv, edge_space(p, n) ? keep_spaces :
		    NULL);
		if (csv_parse(&r->csv, p, n, on_field, on_row, r) != n) {
			if (csv_error(&r->csv) == CSV_ENOMEM)
				return ki_err_set(err, r->name, r->nl + 1, NULL,
				    "out of memory");
			return ki_err_set(err, r->name, r->nl + 1, NULL,
			    "malformed quoting (a quote inside an unquoted field, "
			    "or text after a closing quote)");
		}
		if (r->errmsg != NULL)
			return ki_err_set(err, r->name, r->nl + 1, NULL, "%s",
			    r->errmsg);
		r->pos += n;
		if (p[n - 1] == '\n')
			r->nl++;
		if (r->row_done) {
			*line = start > 0 ? start : r->nl;
			return 1;
		}
	}
}

static int
csv_header(struct ki_reader *r, struct ki_err *err)
{
	long line;
	size_t i;
	int rc;

	/* A title line above the header (some Ofsted files): skip it. */
	if ((r->flags & KI_RD_SKIP_FIRST) &&
	    (rc = csv_row(r, &line, err)) != 1)
		return rc == -1 ? -1 : ki_err_set(err, r->name, 1, NULL,
		    "empty input: no header row");
	if ((rc = csv_row(r, &line, err)) == -1)
		return -1;
	if (rc == 0)
		return ki_err_set(err, r->name, 1, NULL,
		    "empty input: no header row");
	if (ki_rd_grow(r, r->nf) == -1)
		return ki_err_set(err, r->name, line, NULL, "out of memory");
	for (i = 0; i < r->nf; i++) {
		const char *name = r->f[i].null ? "" : r->f[i].s;
		size_t len = r->f[i].null ? 0 : r->f[i].len;
		long k;

		if (ki_rd_text(r, i, &name, &len, line, NULL, err) == -1)
			return -1;
		if (*name == '\0')
			return ki_err_set(err, r->name, line, NULL,
			    "column %zu of the header has no name", i + 1);
		if (ki_urn_hdr_name(name, r->name, line, err) == -1)
			return -1;
		if ((k = ki_hdr_index(r->hdr, name)) >= 0)
			return ki_err_set(err, r->name, line, name,
			    "duplicate column name (columns %ld and %zu)",
			    k + 1, i + 1);
		if (ki_hdr_add(r->hdr, name) == -1)
			return ki_err_set(err, r->name, line, NULL,
			    "out of memory");
	}
	return ki_rd_grow(r, r->hdr->n) == -1 ?
	    ki_err_set(err, r->name, line, NULL, "out of memory") : 0;
}

/*
 * The next row as read, into b: only the columns wanted, in the order of
 * r->idx (or all of the header's). Runs in the thread reading ahead.
 */
static void
csv_fill(void *arg, struct ki_batch *b, size_t max)
{
	struct ki_reader *r = arg;
	struct ki_raw *row = NULL;
	size_t n = r->hdr->n;

	while (b->nrows < max && b->tlen < BATCH_TEXT) {
		size_t k, i, cols;
		long line;
		int rc;

		if ((rc = csv_row(r, &line, &b->err)) != 1) {
			/* Name the column where the bad quoting started. */
			if (rc == -1 && b->err.field[0] == '\0' && r->nf < n &&
			    (strncmp(b->err.msg, "unterminated", 12) == 0 ||
			    strncmp(b->err.msg, "malformed", 9) == 0))
				snprintf(b->err.field, sizeof(b->err.field), "%s",
				    r->hdr->names[r->nf]);
			b->end = 1;
			b->rc = rc;
			return;
		}
		if ((row = ki_batch_row(b, line)) == NULL)
			goto oom;
		row->nf = r->nf;
		row->hibit = r->hibit;
		/* A row with too many fields is an error: no need of them. */
		cols = r->nf > n && !(r->flags & KI_RD_DROP_LONG) ? 0 :
		    r->want ? r->nidx : n;
		for (k = 0; k < cols; k++) {
			i = r->want ? r->idx[k] : k;
			if (ki_batch_field(b, i < r->nf && !r->f[i].null ?
			    r->f[i].s : NULL, i < r->nf ? r->f[i].len : 0) == -1)
				goto oom;
		}
	}
	return;
oom:
	/* The row half made is not given to the caller. */
	if (row != NULL) {
		b->nf = row->first;
		b->nrows--;
	}
	b->end = 1;
	b->rc = ki_err_set(&b->err, r->name, r->nl + 1, NULL, "out of memory");
}

/* A row as read made a record: counted, its text checked. */
static int
csv_convert(struct ki_reader *r, const struct ki_batch *b,
    const struct ki_raw *row, struct ki_err *err)
{
	size_t i, k, n = r->hdr->n;

	if (row->nf > n && !(r->flags & KI_RD_DROP_LONG))
		return ki_err_set(err, r->name, row->line, NULL,
		    "row has %zu fields, the header has %zu", row->nf, n);
	if (row->nf > n)
		r->nlong++;
	if (row->nf < n && !(r->flags & KI_RD_PAD_SHORT))
		return ki_err_set(err, r->name, row->line,
		    r->hdr->names[row->nf],
		    "missing: the row has %zu fields, the header has %zu",
		    row->nf, n);
	for (k = 0; k < row->n; k++) {
		const struct ki_rawf *f = &b->f[row->first + k];
		const char *s;
		size_t len = f->len;

		i = r->want ? r->idx[k] : k;
		r->rec.num[i] = 0;
		if (f->null) {
			/* (b->text may still be NULL: no text in the batch.) */
			r->rec.v[i] = NULL;
			r->rec.len[i] = 0;
			continue;
		}
		s = b->text + f->off;
		/* Only a row with bytes over 0x7F can hold bad UTF-8. */
		if ((row->hibit & 0x80) && ki_rd_text(r, i, &s, &len,
		    row->line, r->hdr->names[i], err) == -1)
			return -1;
		r->rec.v[i] = (char *)s;
		r->rec.len[i] = len;
	}
	r->rec.n = n;
	r->rec.line = row->line;
	return 1;
}

static void
csv_end(struct ki_reader *r)
{
	size_t i;

	if (r->csv_on)
		csv_free(&r->csv);
	for (i = 0; i < r->fcap; i++)
		free(r->f[i].s);
	free(r->f);
}

int
ki_rd_csv_open(struct ki_reader *r, struct ki_err *err)
{
	if (csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
	    CSV_EMPTY_IS_NULL) != 0)
		return ki_err_set(err, r->name, 0, NULL, "out of memory");
	r->csv_on = 1;
	/*
	 * libcsv grows a field's buffer by this much at a time, by default
	 * 128 bytes: a 10 MB field would be 80,000 reallocs.
	 */
	csv_set_blk_size(&r->csv, 64 * 1024);
	return csv_header(r, err);
}

const struct ki_rdfmt ki_rdfmt_csv = {
	.fill = csv_fill,
	.convert = csv_convert,
	.free = csv_end,
	.batch = CSV_BATCH,
};

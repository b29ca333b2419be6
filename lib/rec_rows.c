/*
 * The record reader's CSV rows: the header, rows into batches of the
 * columns wanted, and records made of them. The lines themselves go to
 * libcsv in lib/rec_csv.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/recfmt.h"
#include "ki/urn.h"

/* A CSV batch ends early past this much text (wide rows). */
#define BATCH_TEXT	(256 * 1024)
/* Records in a batch read ahead: CSV rows are small. */
#define CSV_BATCH	256

static int
csv_header(struct ki_reader *r, struct ki_err *err)
{
	long line;
	size_t i;
	int rc;

	/* A title line above the header (some Ofsted files): skip it. */
	if ((r->flags & KI_RD_SKIP_FIRST) &&
	    (rc = ki_rd_csv_row(&r->cp, &line, err)) != 1)
		return rc == -1 ? -1 : ki_err_set(err, r->name, 1, NULL,
		    "empty input: no header row");
	if ((rc = ki_rd_csv_row(&r->cp, &line, err)) == -1)
		return -1;
	if (rc == 0)
		return ki_err_set(err, r->name, 1, NULL,
		    "empty input: no header row");
	if (ki_rd_grow(r, r->cp.nf) == -1)
		return ki_err_set(err, r->name, line, NULL, "out of memory");
	for (i = 0; i < r->cp.nf; i++) {
		const char *name = r->cp.f[i].null ? "" : r->cp.f[i].s;
		size_t len = r->cp.f[i].null ? 0 : r->cp.f[i].len;
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
 * Rows of cp into b, up to max or past maxtext bytes of text: only the
 * columns wanted, in the order of r->idx (or all of the header's). The
 * end of the input or of a chunk, or an error, sets b->end and b->rc but
 * for a chunk's end. Runs in a thread reading ahead.
 */
void
ki_rd_csv_rows(struct ki_reader *r, struct ki_csvp *cp, struct ki_batch *b,
    size_t max, size_t maxtext)
{
	struct ki_raw *row;
	size_t n = r->hdr->n, cols = r->want ? r->nidx : n;

	cp->ncols = n;
	while (b->nrows < max && b->tlen < maxtext) {
		long line;
		int rc;

		if ((row = ki_batch_row(b, 0)) == NULL) {
			b->end = 1;
			b->rc = ki_err_set(&b->err, r->name, cp->in->nl + 1, NULL,
			    "out of memory");
			return;
		}
		/* The fields wanted go into row as libcsv reads them. */
		cp->b = b;
		rc = ki_rd_csv_row(cp, &line, &b->err);
		cp->b = NULL;
		if (rc != 1) {
			/* The row half made is not given to the caller. */
			b->nf = row->first;
			b->nrows--;
			if (rc == 0 && cp->ended)
				return;
			/* Name the column where the bad quoting started. */
			if (rc == -1 && b->err.field[0] == '\0' && cp->nf < n &&
			    (strncmp(b->err.msg, "unterminated", 12) == 0 ||
			    strncmp(b->err.msg, "malformed", 9) == 0))
				snprintf(b->err.field, sizeof(b->err.field), "%s",
				    r->hdr->names[cp->nf]);
			b->end = 1;
			b->rc = rc;
			return;
		}
		row->line = line;
		row->nf = cp->nf;
		row->hibit = cp->hibit;
		/* A row with too many fields is an error: no need of them. */
		if (cp->nf > n && !(r->flags & KI_RD_DROP_LONG)) {
			b->nf = row->first;
			row->n = 0;
			continue;
		}
		/* A short row's missing columns, blank. */
		while (row->n < cols)
			if (ki_batch_field(b, NULL, 0) == -1) {
				b->nf = row->first;
				b->nrows--;
				b->end = 1;
				b->rc = ki_err_set(&b->err, r->name, cp->in->nl + 1,
				    NULL, "out of memory");
				return;
			}
	}
}

/* The next rows as read, into b, in the thread reading ahead. */
static void
csv_fill(void *arg, struct ki_batch *b, size_t max)
{
	struct ki_reader *r = arg;

	ki_rd_csv_rows(r, &r->cp, b, max, BATCH_TEXT);
}

/* A row as read made a record: counted, its text checked. */
int
ki_rd_csv_convert(struct ki_reader *r, const struct ki_batch *b,
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

void
ki_rd_csv_free(struct ki_reader *r)
{
	ki_rd_csvp_free(&r->cp);
	ki_rd_chunks_free(r);
}

int
ki_rd_csv_want(struct ki_reader *r)
{
	return ki_rd_csvp_want(&r->cp, r);
}

int
ki_rd_csv_open(struct ki_reader *r, struct ki_err *err)
{
	if (ki_rd_csvp_init(&r->cp, &r->in, r) == -1)
		return ki_err_set(err, r->name, 0, NULL, "out of memory");
	if (csv_header(r, err) == -1)
		return -1;
	/* A big regular file: in chunks, side by side. */
	if (!(r->flags & KI_RD_NO_AHEAD))
		ki_rd_chunks_plan(r);
	return 0;
}

const struct ki_rdfmt ki_rdfmt_csv = {
	.fill = csv_fill,
	.convert = ki_rd_csv_convert,
	.free = ki_rd_csv_free,
	.batch = CSV_BATCH,
};

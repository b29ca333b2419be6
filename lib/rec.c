/*
 * Streaming record reader: opens the input, picks its format (lib/rec_csv.c,
 * lib/rec_json.c), and hands out records read ahead (lib/ahead.c).
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ki/ahead.h"
#include "ki/arena.h"
#include "ki/progress.h"
#include "ki/recfmt.h"
#include "ki/urn.h"
#include "ki/utf8.h"

#define CHUNK	(256 * 1024)
/* One read at most: what a read brings in is still in the cache when parsed. */
#define READ_MAX	(64 * 1024)

/* Why fill failed: its buffer could not grow, or the read failed. */
const char *
ki_rd_fill_error(void)
{
	return errno == ENOMEM ? "out of memory" : strerror(errno ? errno :
	    EIO);
}

int
ki_rd_fill(struct ki_reader *r)
{
	size_t n;

	if (r->eof)
		return 0;
	if (r->pos > 0 && r->pos < r->len)
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
	r->len -= r->pos;
	r->pos = 0;
	if (r->cap - r->len < CHUNK) {
		size_t cap = r->cap ? r->cap * 2 : CHUNK * 2;
		char *b = realloc(r->buf, cap + 1);

		if (b == NULL)
			return -1;
		r->buf = b;
		r->cap = cap;
	}
	/*
	 * read(2) gives what a pipe holds now; fread would wait to fill the
	 * whole buffer, and the program writing into the pipe would wait too.
	 * Streams without a descriptor (in memory) use fread.
	 */
	if (r->fd >= 0) {
		ssize_t got;
		size_t want = r->cap - r->len < READ_MAX ? r->cap - r->len :
		    READ_MAX;

		while ((got = read(r->fd, r->buf + r->len, want)) == -1 &&
		    errno == EINTR)
			;
		if (got == -1)
			return -1;
		n = (size_t)got;
	} else {
		n = fread(r->buf + r->len, 1, r->cap - r->len, r->fp);
		if (n == 0 && ferror(r->fp))
			return -1;
	}
	r->len += n;
	atomic_fetch_add(&r->nread, (long long)n);
	if (n == 0)
		r->eof = 1;
	return (int)(n > 0);
}

int
ki_rd_grow(struct ki_reader *r, size_t n)
{
	if (n > r->rcap) {
		size_t cap = n < 64 ? 64 : n * 2;
		char **v = realloc(r->rec.v, cap * sizeof(*v));
		size_t *len;
		unsigned char *num;
		struct ki_slot *val;
		size_t *order;

		if (v == NULL)
			return -1;
		r->rec.v = v;
		if ((len = realloc(r->rec.len, cap * sizeof(*len))) == NULL)
			return -1;
		r->rec.len = len;
		if ((num = realloc(r->rec.num, cap)) == NULL)
			return -1;
		r->rec.num = num;
		if ((val = realloc(r->val, cap * sizeof(*val))) == NULL)
			return -1;
		memset(val + r->rcap, 0, (cap - r->rcap) * sizeof(*val));
		r->val = val;
		if ((order = realloc(r->order, cap * sizeof(*order))) == NULL)
			return -1;
		r->order = order;
		r->rcap = cap;
	}
	return 0;
}

/*
 * Check one field's encoding; text that is not UTF-8 is an error, or when
 * allowed is converted from cp1252 into r->val[i]. *s and *len are the
 * text to use.
 */
int
ki_rd_text(struct ki_reader *r, size_t i, const char **s, size_t *len,
    long line, const char *col, struct ki_err *err)
{
	size_t bad, n;
	char *u;

	if (ki_utf8_check(*s, *len, &bad) == 0)
		return 0;
	if (!(r->flags & KI_RD_CP1252))
		return ki_err_set(err, r->name, line, col,
		    "invalid UTF-8 at byte %zu (convert the file to UTF-8, "
		    "e.g. iconv -f CP1252 -t UTF-8)", bad + 1);
	if ((u = ki_cp1252_to_utf8(*s, *len, &n)) == NULL)
		return ki_err_set(err, r->name, line, col, "out of memory");
	free(r->val[i].s);
	r->val[i].s = u;
	r->val[i].len = n;
	r->val[i].cap = n + 1;
	*s = u;
	*len = n;
	return 0;
}

/*
 * The next record as read: from the batch in use, else from the next
 * batch. Returns 1, 0 at the end, or -1 with err.
 */
static int
next_raw(struct ki_reader *r, struct ki_raw **row, struct ki_err *err)
{
	for (;;) {
		if (r->cur != NULL && r->cpos < r->cur->nrows) {
			*row = &r->cur->rows[r->cpos++];
			return 1;
		}
		if (r->cur != NULL && r->cur->end) {
			if (r->cur->rc == -1 && err != NULL)
				*err = r->cur->err;
			return r->cur->rc;
		}
		if (!r->tried) {
			/* From the second record on: the first came at open. */
			r->tried = 1;
			if (!(r->flags & KI_RD_NO_AHEAD))
				r->ahead = ki_ahead_start(r->ops->fill,
				    r->ops->parse, r, r->ops->batch, r->ops->drop);
		}
		if (r->ahead != NULL)
			r->cur = ki_ahead_take(r->ahead);
		else {
			/* Read here: no arena, the objects were freed. */
			ki_batch_reset(&r->one);
			r->ops->fill(r, &r->one, 1);
			if (r->ops->parse_here != NULL)
				r->ops->parse_here(r, &r->one);
			r->cur = &r->one;
		}
		r->cpos = 0;
		ki_progress_step(r->cur->nrows, atomic_load(&r->nread));
	}
}

static int
next_record(struct ki_reader *r, struct ki_err *err)
{
	struct ki_raw *row = NULL;
	int rc;

	if ((rc = next_raw(r, &row, err)) != 1)
		return rc;
	rc = r->ops->convert(r, r->cur, row, err);
	return rc == 1 && ki_urn_rec(r->hdr, &r->rec, r->name, err) == -1 ?
	    -1 : rc;
}

struct ki_reader *
ki_reader_open(const char *path, enum ki_fmt fmt, int flags,
    struct ki_err *err)
{
	struct ki_reader *r;
	size_t i;

	if ((r = calloc(1, sizeof(*r))) == NULL) {
		ki_err_set(err, path, 0, NULL, "out of memory");
		return NULL;
	}
	r->flags = flags;
	if (path == NULL || strcmp(path, "-") == 0) {
		r->fp = stdin;
		r->name = strdup("<stdin>");
	} else {
		r->fp = fopen(path, "rb");
		r->own = 1;
		if (r->fp == NULL) {
			ki_err_set(err, path, 0, NULL, "%s", errno == ENOMEM ?
			    "out of memory" : strerror(errno));
			goto fail;
		}
		r->name = strdup(path);
	}
	if (r->name == NULL || (r->hdr = ki_hdr_new()) == NULL) {
		ki_err_set(err, path, 0, NULL, "out of memory");
		goto fail;
	}
	r->fd = fileno(r->fp);
	ki_progress_file(r->fd);
	/* Read until the first byte that is not BOM or white space decides. */
	for (;;) {
		if (r->len >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0 &&
		    r->pos == 0)
			r->pos = 3;
		for (i = r->pos; i < r->len; i++)
			if (r->buf[i] != ' ' && r->buf[i] != '\t' &&
			    r->buf[i] != '\r' && r->buf[i] != '\n')
				break;
		if (i < r->len && r->len >= 3)
			break;
		if (r->eof)
			break;
		{
			size_t keep = r->pos;
			int rc;

			r->pos = 0;
			rc = ki_rd_fill(r);
			r->pos = keep;
			if (rc == -1) {
				ki_err_set(err, r->name, 0, NULL, "%s",
				    ki_rd_fill_error());
				goto fail;
			}
		}
	}
	if (fmt == KI_FMT_AUTO) {
		if (i >= r->len) {
			ki_err_set(err, r->name, 1, NULL,
			    "empty input: no header row");
			goto fail;
		}
		fmt = r->buf[i] == '{' ? KI_FMT_JSON : KI_FMT_CSV;
	}
	r->fmt = fmt;
	r->ops = fmt == KI_FMT_JSON ? &ki_rdfmt_json : &ki_rdfmt_csv;
	if (r->ops->arena) {
		/* For the threads' arenas, and to see jansson's allocations fail. */
		ki_arena_install();
		r->hooked = 1;
	}
	if (fmt == KI_FMT_JSON) {
		/* The first object's keys are the header until others appear. */
		r->tried = 1;	/* read here, before any thread */
		r->pending = next_record(r, err);
		r->tried = 0;
		if (r->pending == -1)
			goto fail;
		return r;
	}
	if (ki_rd_csv_open(r, err) == -1)
		goto fail;
	return r;
fail:
	ki_reader_close(r);
	return NULL;
}

void
ki_reader_close(struct ki_reader *r)
{
	size_t i;

	if (r == NULL)
		return;
	ki_progress_clear();
	/* First the thread, which may be using everything below. */
	ki_ahead_stop(r->ahead);
	ki_batch_free(&r->one);
	if (r->hooked)
		ki_arena_uninstall();
	if (r->own && r->fp != NULL)
		fclose(r->fp);
	if (r->ops != NULL && r->ops->free != NULL)
		r->ops->free(r);
	for (i = 0; i < r->rcap; i++)
		free(r->val[i].s);
	free(r->val);
	free(r->rec.v);
	free(r->rec.len);
	free(r->rec.num);
	free(r->buf);
	free(r->want);
	free(r->idx);
	free(r->order);
	free(r->name);
	ki_hdr_free(r->hdr);
	free(r);
}

int
ki_reader_next(struct ki_reader *r, struct ki_rec **rec, struct ki_err *err)
{
	int rc;

	if (r->pending) {
		r->pending = 0;
		*rec = &r->rec;
		return 1;
	}
	/* After an error, the same error: the input is not read past it. */
	if (r->failed) {
		if (err != NULL)
			*err = r->error;
		return -1;
	}
	rc = next_record(r, err);
	if (rc == 1)
		*rec = &r->rec;
	else if (rc == -1) {
		r->failed = 1;
		if (err != NULL)
			r->error = *err;
	}
	return rc;
}

int
ki_reader_want(struct ki_reader *r, const unsigned char *want, size_t n)
{
	size_t i, cap;

	/* The thread reading ahead reads these: too late once it runs. */
	if (r->tried)
		return -1;
	free(r->want);
	free(r->idx);
	r->want = NULL;
	r->idx = NULL;
	r->nwant = r->nidx = 0;
	if (want == NULL)
		return 0;
	/* Every column of the header, and any past it, is read or not. */
	cap = n > r->hdr->n ? n : r->hdr->n;
	if ((r->want = calloc(cap + 1, 1)) == NULL ||
	    (r->idx = calloc(cap + 1, sizeof(*r->idx))) == NULL ||
	    (cap > r->fcap && ki_rd_grow_fields(r, cap) == -1) ||
	    ki_rd_grow(r, cap) == -1) {
		free(r->want);
		free(r->idx);
		r->want = NULL;
		r->idx = NULL;
		return -1;
	}
	memcpy(r->want, want, n);
	for (i = n; i < cap; i++)
		r->want[i] = 1;
	for (i = 0; i < cap; i++) {
		if (r->want[i]) {
			r->idx[r->nidx++] = i;
			continue;
		}
		/* Blank for good: on_field skips these columns. */
		r->f[i].null = 1;
		r->f[i].len = 0;
		r->rec.v[i] = NULL;
		r->rec.len[i] = 0;
		r->rec.num[i] = 0;
	}
	r->nwant = cap;
	return 0;
}

const struct ki_hdr *
ki_reader_hdr(const struct ki_reader *r)
{
	return r->hdr;
}

long
ki_reader_long_rows(const struct ki_reader *r)
{
	return r->nlong;
}

enum ki_fmt
ki_reader_fmt(const struct ki_reader *r)
{
	return r->fmt;
}

const char *
ki_reader_name(const struct ki_reader *r)
{
	return r->name;
}

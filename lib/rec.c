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
ki_rd_fill(struct ki_input *in)
{
	size_t n;

	if (in->eof)
		return 0;
	if (in->pos > 0 && in->pos < in->len)
		memmove(in->buf, in->buf + in->pos, in->len - in->pos);
	in->len -= in->pos;
	in->pos = 0;
	if (in->cap - in->len < CHUNK) {
		size_t cap = in->cap ? in->cap * 2 : CHUNK * 2;
		char *b = realloc(in->buf, cap + 1);

		if (b == NULL)
			return -1;
		in->buf = b;
		in->cap = cap;
	}
	/*
	 * read(2) gives what a pipe holds now; fread would wait to fill the
	 * whole buffer, and the program writing into the pipe would wait too.
	 * Streams without a descriptor (in memory) use fread.
	 */
	if (in->fd >= 0) {
		ssize_t got;
		size_t want = in->cap - in->len < READ_MAX ? in->cap - in->len :
		    READ_MAX;

		while ((got = in->off >= 0 ? pread(in->fd, in->buf + in->len,
		    want, (off_t)in->off) : read(in->fd, in->buf + in->len,
		    want)) == -1 && errno == EINTR)
			;
		if (got == -1)
			return -1;
		n = (size_t)got;
		if (in->off >= 0)
			in->off += (long long)n;
	} else {
		n = fread(in->buf + in->len, 1, in->cap - in->len, in->fp);
		if (n == 0 && ferror(in->fp))
			return -1;
	}
	in->len += n;
	atomic_fetch_add(in->nread, (long long)n);
	if (n == 0)
		in->eof = 1;
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
		if (r->ops->taken != NULL)
			r->ops->taken(r);
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
	r->in.off = r->in.stop = r->size = -1;
	r->in.lf = 1;
	r->in.nread = &r->nread;
	if (path == NULL || strcmp(path, "-") == 0) {
		r->in.fp = stdin;
		r->name = strdup("<stdin>");
	} else {
		r->in.fp = fopen(path, "rb");
		r->own = 1;
		if (r->in.fp == NULL) {
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
	r->in.name = r->name;
	r->in.fd = fileno(r->in.fp);
	ki_progress_file(r->in.fd);
	/* Read until the first byte that is not BOM or white space decides. */
	for (;;) {
		if (r->in.len >= 3 && memcmp(r->in.buf, "\xEF\xBB\xBF", 3) == 0 &&
		    r->in.pos == 0)
			r->in.pos = 3;
		for (i = r->in.pos; i < r->in.len; i++)
			if (r->in.buf[i] != ' ' && r->in.buf[i] != '\t' &&
			    r->in.buf[i] != '\r' && r->in.buf[i] != '\n')
				break;
		if (i < r->in.len && r->in.len >= 3)
			break;
		if (r->in.eof)
			break;
		{
			size_t keep = r->in.pos;
			int rc;

			r->in.pos = 0;
			rc = ki_rd_fill(&r->in);
			r->in.pos = keep;
			if (rc == -1) {
				ki_err_set(err, r->name, 0, NULL, "%s",
				    ki_rd_fill_error());
				goto fail;
			}
		}
	}
	if (fmt == KI_FMT_AUTO) {
		if (i >= r->in.len) {
			ki_err_set(err, r->name, 1, NULL,
			    "empty input: no header row");
			goto fail;
		}
		fmt = r->in.buf[i] == '{' ? KI_FMT_JSON : KI_FMT_CSV;
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
	if (r->own && r->in.fp != NULL)
		fclose(r->in.fp);
	if (r->ops != NULL && r->ops->free != NULL)
		r->ops->free(r);
	for (i = 0; i < r->rcap; i++)
		free(r->val[i].s);
	free(r->val);
	free(r->rec.v);
	free(r->rec.len);
	free(r->rec.num);
	free(r->in.buf);
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
		return r->fmt == KI_FMT_CSV ? ki_rd_csv_want(r) : 0;
	/* Every column of the header, and any past it, is read or not. */
	cap = n > r->hdr->n ? n : r->hdr->n;
	if ((r->want = calloc(cap + 1, 1)) == NULL ||
	    (r->idx = calloc(cap + 1, sizeof(*r->idx))) == NULL ||
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
		r->rec.v[i] = NULL;
		r->rec.len[i] = 0;
		r->rec.num[i] = 0;
	}
	r->nwant = cap;
	return r->fmt == KI_FMT_CSV ? ki_rd_csv_want(r) : 0;
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

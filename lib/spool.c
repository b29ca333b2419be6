/* Spool and replay: rows in a temporary file, read back in a second pass. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ki/buf.h"
#include "ki/out.h"
#include "ki/spool.h"
#include "ki/wr.h"

/*
 * In the file, each row is its meta bytes, its length (a uint32_t), its
 * text and a NUL, so that a row read back is a string where it lies. Rows
 * are made straight into a block of memory, written whole when it is
 * full; they are read back a block at a time, and given from where they
 * lie in it. The file is read and written at offsets (pread, pwrite), so
 * reading and writing in turn need no seek.
 */
#define BLOCK	(256 * 1024)

struct ki_spool {
	FILE *fp;
	int fd;
	struct ki_writer *w;
	size_t meta;
	struct ki_buf put;		/* rows made, not yet in the file */
	unsigned long long written;	/* bytes in the file */
	unsigned long long pos;		/* where the next read is */
	unsigned long long rows;
	char *blk;			/* file bytes from at, len of them */
	size_t cap, len;
	unsigned long long at;
};

FILE *
ki_spool_new(void)
{
	FILE *fp = tmpfile();

	/* Spools are written and read whole: big blocks, few system calls. */
	if (fp != NULL)
		setvbuf(fp, NULL, _IOFBF, 256 * 1024);
	return fp;
}

struct ki_spool *
ki_spool_open(enum ki_fmt fmt, size_t meta, struct ki_err *err)
{
	struct ki_spool *s = calloc(1, sizeof(*s));

	if (s == NULL) {
		ki_err_set(err, NULL, 0, NULL, "out of memory");
		return NULL;
	}
	s->meta = meta <= KI_SPOOL_META_MAX ? meta : KI_SPOOL_META_MAX;
	/* Read and written by its descriptor: stdio needs no buffer. */
	if ((s->fp = tmpfile()) == NULL) {
		if (errno == ENOMEM)
			ki_err_set(err, NULL, 0, NULL, "out of memory");
		else
			ki_err_set(err, NULL, 0, NULL, "cannot make a spool "
			    "file: %s", strerror(errno));
		free(s);
		return NULL;
	}
	s->fd = fileno(s->fp);
	if ((s->w = ki_writer_new(s->fp, fmt)) == NULL) {
		ki_err_set(err, NULL, 0, NULL, "out of memory");
		ki_spool_close(s);
		return NULL;
	}
	return s;
}

void
ki_spool_close(struct ki_spool *s)
{
	if (s == NULL)
		return;
	ki_writer_free(s->w);
	if (s->fp != NULL)
		fclose(s->fp);
	ki_buf_free(&s->put);
	free(s->blk);
	free(s);
}

int
ki_spool_names(struct ki_spool *s, size_t n, const char *const *names,
    struct ki_err *err)
{
	if (ki_writer_names(s->w, n, names) == -1)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	return 0;
}

static int
write_error(struct ki_err *err)
{
	return ki_err_set(err, "spool", 0, NULL, "write error");
}

/* The rows made, into the file. Returns 0, or -1 with err. */
static int
flush(struct ki_spool *s, struct ki_err *err)
{
	size_t done = 0;
	ssize_t n;

	while (done < s->put.len) {
		n = pwrite(s->fd, s->put.s + done, s->put.len - done,
		    (off_t)(s->written + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return write_error(err);
		done += (size_t)n;
	}
	s->written += done;
	ki_buf_reset(&s->put);
	return 0;
}

int
ki_spool_put_len(struct ki_spool *s, const void *meta, size_t n,
    const char *const *v, const size_t *len, const unsigned char *num,
    unsigned long long *at, struct ki_err *err)
{
	struct ki_buf *b = &s->put;
	size_t start = b->len, text;
	uint32_t n32 = 0;
	char pad[KI_SPOOL_META_MAX] = { 0 };

	ki_buf_add(b, meta ? meta : pad, s->meta);
	ki_buf_add(b, (const char *)&n32, sizeof(n32));
	text = b->len;
	if (b->oom || ki_writer_append(s->w, b, n, v, len, num) == -1) {
		b->oom = 0;
		b->len = start;
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	}
	if (b->len - text > UINT32_MAX) {
		b->len = start;
		return ki_err_set(err, "spool", 0, NULL, "row too long");
	}
	n32 = (uint32_t)(b->len - text);
	memcpy(b->s + start + s->meta, &n32, sizeof(n32));
	/* The NUL that ends the text is the buffer's own. */
	b->len++;
	if (at != NULL)
		*at = s->written + start;
	s->rows++;
	/* Written before the block must grow: most rows then fit it. */
	if (b->len >= BLOCK / 4 * 3)
		return flush(s, err);
	return 0;
}

int
ki_spool_put(struct ki_spool *s, const void *meta, size_t n,
    const char *const *v, const unsigned char *num, unsigned long long *at,
    struct ki_err *err)
{
	return ki_spool_put_len(s, meta, n, v, NULL, num, at, err);
}

static int
read_error(struct ki_err *err)
{
	return ki_err_set(err, "spool", 0, NULL, "read error");
}

/*
 * The block from at on, at least need bytes of it (more when the file
 * has them). Returns 0, or -1 with err.
 */
static int
fill(struct ki_spool *s, unsigned long long at, size_t need,
    struct ki_err *err)
{
	size_t want = need > BLOCK ? need : BLOCK;
	ssize_t n;

	if (want > s->cap) {
		char *b = realloc(s->blk, want);

		if (b == NULL)
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
		s->blk = b;
		s->cap = want;
	}
	if (at + want > s->written)
		want = (size_t)(s->written - at);
	s->at = at;
	s->len = 0;
	while (s->len < want) {
		n = pread(s->fd, s->blk + s->len, want - s->len,
		    (off_t)(at + s->len));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return read_error(err);
		s->len += (size_t)n;
	}
	return s->len < need ? read_error(err) : 0;
}

/* Whether the block holds bytes [at, at + n). */
static int
holds(const struct ki_spool *s, unsigned long long at, size_t n)
{
	return s->blk != NULL && at >= s->at && at + n <= s->at + s->len;
}

/* The row at s->pos. Returns 1, 0 at the end, or -1 with err. */
static int
read_row(struct ki_spool *s, void *meta, const char **row, size_t *len,
    struct ki_err *err)
{
	size_t head = s->meta + sizeof(uint32_t);
	uint32_t n32;
	const char *p;

	if (s->put.len > 0 && flush(s, err) == -1)
		return -1;
	if (s->pos >= s->written)
		return 0;
	if (!holds(s, s->pos, head) && fill(s, s->pos, head, err) == -1)
		return -1;
	memcpy(&n32, s->blk + (s->pos - s->at) + s->meta, sizeof(n32));
	if (!holds(s, s->pos, head + n32 + 1) &&
	    fill(s, s->pos, head + n32 + 1, err) == -1)
		return -1;
	p = s->blk + (s->pos - s->at);
	if (meta != NULL)
		memcpy(meta, p, s->meta);
	*row = p + head;
	*len = n32;
	s->pos += head + n32 + 1;
	return 1;
}

int
ki_spool_next(struct ki_spool *s, void *meta, const char **row,
    size_t *len, struct ki_err *err)
{
	return read_row(s, meta, row, len, err);
}

int
ki_spool_rewind(struct ki_spool *s, struct ki_err *err)
{
	(void)err;
	s->pos = 0;
	return 0;
}

int
ki_spool_get(struct ki_spool *s, unsigned long long at, void *meta,
    const char **row, size_t *len, struct ki_err *err)
{
	int rc;

	s->pos = at;
	if ((rc = read_row(s, meta, row, len, err)) == 0)
		return read_error(err);
	return rc;
}

unsigned long long
ki_spool_rows(const struct ki_spool *s)
{
	return s->rows;
}

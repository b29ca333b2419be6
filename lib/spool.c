/* Spool and replay: rows in a temporary file, read back in a second pass. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/out.h"
#include "ki/spool.h"
#include "ki/wr.h"

/*
 * In the file, each row is its meta bytes, its length (a uint32_t) and its
 * text. The file is written, then read; stdio needs a seek between the
 * two, and where reading starts is kept so that rows read in order cost
 * no seek.
 */
struct ki_spool {
	FILE *fp;
	struct ki_writer *w;
	size_t meta;
	unsigned long long end;		/* bytes written */
	unsigned long long pos;		/* where the next read is */
	int reading;			/* the last call read (no seek needed) */
	unsigned long long rows;
	char *buf;			/* the row read */
	size_t cap;
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
	if ((s->fp = ki_spool_new()) == NULL) {
		if (errno == ENOMEM)
			ki_err_set(err, NULL, 0, NULL, "out of memory");
		else
			ki_err_set(err, NULL, 0, NULL, "cannot make a spool "
			    "file: %s", strerror(errno));
		free(s);
		return NULL;
	}
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
	free(s->buf);
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

int
ki_spool_put(struct ki_spool *s, const void *meta, size_t n,
    const char *const *v, const unsigned char *num, unsigned long long *at,
    struct ki_err *err)
{
	const char *text;
	size_t len;
	uint32_t n32;

	if ((text = ki_writer_make(s->w, n, v, num, &len)) == NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	if (len > UINT32_MAX)
		return ki_err_set(err, "spool", 0, NULL, "row too long");
	if (s->reading) {
		/* stdio: a seek between reading and writing. */
		if (fseek(s->fp, 0, SEEK_END) != 0)
			return write_error(err);
		s->reading = 0;
	}
	n32 = (uint32_t)len;
	if ((s->meta > 0 && fwrite(meta, s->meta, 1, s->fp) != 1) ||
	    fwrite(&n32, sizeof(n32), 1, s->fp) != 1 ||
	    fwrite(text, 1, len, s->fp) != len)
		return write_error(err);
	if (at != NULL)
		*at = s->end;
	s->end += s->meta + sizeof(n32) + len;
	s->rows++;
	return 0;
}

/* The row at s->pos, the stream there already. */
static int
read_row(struct ki_spool *s, void *meta, const char **row, size_t *len,
    struct ki_err *err)
{
	char skip[KI_SPOOL_META_MAX];
	uint32_t n32;

	if (s->pos >= s->end)
		return 0;
	if ((s->meta > 0 && fread(meta ? meta : skip, s->meta, 1, s->fp) != 1) ||
	    fread(&n32, sizeof(n32), 1, s->fp) != 1)
		return ki_err_set(err, "spool", 0, NULL, "read error");
	if ((size_t)n32 + 1 > s->cap) {
		char *b = realloc(s->buf, (size_t)n32 + 1);

		if (b == NULL)
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
		s->buf = b;
		s->cap = (size_t)n32 + 1;
	}
	if (fread(s->buf, 1, n32, s->fp) != n32)
		return ki_err_set(err, "spool", 0, NULL, "read error");
	s->buf[n32] = '\0';
	s->pos += s->meta + sizeof(n32) + n32;
	*row = s->buf;
	*len = n32;
	return 1;
}

/* Be reading at at. */
static int
seek(struct ki_spool *s, unsigned long long at, struct ki_err *err)
{
	if (s->reading && s->pos == at)
		return 0;
	if (at > (unsigned long long)LONG_MAX ||
	    fseek(s->fp, (long)at, SEEK_SET) != 0)
		return ki_err_set(err, "spool", 0, NULL, "read error");
	s->reading = 1;
	s->pos = at;
	return 0;
}

int
ki_spool_next(struct ki_spool *s, void *meta, const char **row,
    size_t *len, struct ki_err *err)
{
	if (!s->reading && seek(s, s->pos, err) == -1)
		return -1;
	return read_row(s, meta, row, len, err);
}

int
ki_spool_rewind(struct ki_spool *s, struct ki_err *err)
{
	if (seek(s, 0, err) == -1)
		return -1;
	return 0;
}

int
ki_spool_get(struct ki_spool *s, unsigned long long at, void *meta,
    const char **row, size_t *len, struct ki_err *err)
{
	int rc;

	if (seek(s, at, err) == -1)
		return -1;
	if ((rc = read_row(s, meta, row, len, err)) == 0)
		return ki_err_set(err, "spool", 0, NULL, "read error");
	return rc;
}

unsigned long long
ki_spool_rows(const struct ki_spool *s)
{
	return s->rows;
}

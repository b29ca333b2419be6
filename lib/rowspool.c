/* A spool of records in a temporary file, replayed in order. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/out.h"
#include "ki/rowspool.h"

/*
 * Each record is its size in bytes (after this word), then: the number of
 * values, the line, one byte per value (1: not NULL, 2: a JSON number),
 * and the values that are not NULL, each ending in a NUL.
 */
enum { F_SET = 1, F_NUM = 2 };

struct ki_rowspool {
	FILE *fp;
	size_t count;
	unsigned char *buf;	/* a record read back, or the flags written */
	size_t bufcap;
	struct ki_rec rec;	/* the record read back, pointing into buf */
	size_t reccap;
};

struct ki_rowspool *
ki_rowspool_new(struct ki_err *err)
{
	struct ki_rowspool *sp = calloc(1, sizeof(*sp));

	if (sp == NULL) {
		ki_err_set(err, NULL, 0, NULL, "out of memory");
		return NULL;
	}
	if ((sp->fp = ki_spool_new()) == NULL) {
		free(sp);
		if (errno == ENOMEM)
			ki_err_set(err, NULL, 0, NULL, "out of memory");
		else
			ki_err_set(err, NULL, 0, NULL, "cannot make a spool "
			    "file: %s", strerror(errno));
		return NULL;
	}
	return sp;
}

void
ki_rowspool_free(struct ki_rowspool *sp)
{
	if (sp == NULL)
		return;
	fclose(sp->fp);
	free(sp->buf);
	free(sp->rec.v);
	free(sp->rec.len);
	free(sp->rec.num);
	free(sp);
}

static int
reserve(struct ki_rowspool *sp, size_t size)
{
	unsigned char *b;
	size_t cap = sp->bufcap ? sp->bufcap : 4096;

	if (size <= sp->bufcap)
		return 0;
	while (cap < size)
		cap *= 2;
	if ((b = realloc(sp->buf, cap)) == NULL)
		return -1;
	sp->buf = b;
	sp->bufcap = cap;
	return 0;
}

int
ki_rowspool_put(struct ki_rowspool *sp, const struct ki_rec *rec,
    struct ki_err *err)
{
	uint64_t head[3];
	int64_t line = rec->line;
	size_t i, size = 2 * sizeof(uint64_t) + rec->n;

	if (reserve(sp, rec->n + 1) == -1)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < rec->n; i++) {
		sp->buf[i] = (rec->v[i] != NULL ? F_SET : 0) |
		    (rec->num[i] ? F_NUM : 0);
		if (rec->v[i] != NULL)
			size += strlen(rec->v[i]) + 1;
	}
	head[0] = size;
	head[1] = rec->n;
	memcpy(&head[2], &line, sizeof(line));
	if (fwrite(head, sizeof(head), 1, sp->fp) != 1 ||
	    fwrite(sp->buf, 1, rec->n, sp->fp) != rec->n)
		return ki_err_set(err, "spool", 0, NULL, "write error");
	for (i = 0; i < rec->n; i++)
		if (rec->v[i] != NULL && fwrite(rec->v[i], 1,
		    strlen(rec->v[i]) + 1, sp->fp) != strlen(rec->v[i]) + 1)
			return ki_err_set(err, "spool", 0, NULL, "write error");
	sp->count++;
	return 0;
}

size_t
ki_rowspool_count(const struct ki_rowspool *sp)
{
	return sp->count;
}

int
ki_rowspool_rewind(struct ki_rowspool *sp, struct ki_err *err)
{
	if (fflush(sp->fp) == EOF || ferror(sp->fp) ||
	    fseek(sp->fp, 0, SEEK_SET) != 0)
		return ki_err_set(err, "spool", 0, NULL, "write error");
	return 0;
}

/* Room in the record read back for n values. */
static int
reserve_rec(struct ki_rowspool *sp, size_t n)
{
	char **v;
	size_t *len;
	unsigned char *num;

	if (n < sp->reccap)
		return 0;
	if ((v = realloc(sp->rec.v, (n + 1) * sizeof(*v))) == NULL)
		return -1;
	sp->rec.v = v;
	if ((len = realloc(sp->rec.len, (n + 1) * sizeof(*len))) == NULL)
		return -1;
	sp->rec.len = len;
	if ((num = realloc(sp->rec.num, n + 1)) == NULL)
		return -1;
	sp->rec.num = num;
	sp->reccap = n + 1;
	return 0;
}

int
ki_rowspool_next(struct ki_rowspool *sp, struct ki_rec **rec,
    struct ki_err *err)
{
	uint64_t size, n;
	int64_t line;
	const unsigned char *flag;
	char *p, *end;
	size_t i;

	if (fread(&size, sizeof(size), 1, sp->fp) != 1) {
		if (ferror(sp->fp))
			return ki_err_set(err, "spool", 0, NULL, "read error");
		return 0;
	}
	if (size < 2 * sizeof(uint64_t) || size > SIZE_MAX - 1)
		return ki_err_set(err, "spool", 0, NULL, "read error");
	if (reserve(sp, (size_t)size + 1) == -1)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	if (fread(sp->buf, 1, (size_t)size, sp->fp) != size)
		return ki_err_set(err, "spool", 0, NULL, "read error");
	memcpy(&n, sp->buf, sizeof(n));
	memcpy(&line, sp->buf + sizeof(n), sizeof(line));
	if (n > size - 2 * sizeof(uint64_t))
		return ki_err_set(err, "spool", 0, NULL, "read error");
	if (reserve_rec(sp, (size_t)n) == -1)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	flag = sp->buf + 2 * sizeof(uint64_t);
	p = (char *)sp->buf + 2 * sizeof(uint64_t) + n;
	end = (char *)sp->buf + size;
	*end = '\0';	/* a damaged spool cannot run past the buffer */
	for (i = 0; i < n; i++) {
		sp->rec.num[i] = (flag[i] & F_NUM) != 0;
		sp->rec.v[i] = NULL;
		sp->rec.len[i] = 0;
		if (flag[i] & F_SET) {
			if (p >= end)
				return ki_err_set(err, "spool", 0, NULL,
				    "read error");
			sp->rec.v[i] = p;
			sp->rec.len[i] = strlen(p);
			p += sp->rec.len[i] + 1;
		}
	}
	sp->rec.n = (size_t)n;
	sp->rec.line = (long)line;
	*rec = &sp->rec;
	return 1;
}

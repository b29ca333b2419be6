/* The record reader's NDJSON: a line at a time, each parsed by jansson. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ki/arena.h"
#include "ki/num.h"
#include "ki/recfmt.h"
#include "ki/urn.h"

/* Records in a batch read ahead. */
#define JSON_BATCH	256

/* Next NDJSON line into *line (NUL-terminated, CR stripped). */
static int
json_line(struct ki_reader *r, char **line, size_t *len, struct ki_err *err)
{
	for (;;) {
		char *p = r->in.buf + r->in.pos, *nl;
		size_t avail = r->in.len - r->in.pos;
		int rc;

		nl = memchr(p, '\n', avail);
		if (nl != NULL || (r->in.eof && avail > 0)) {
			size_t n = nl ? (size_t)(nl - p) : avail;

			r->in.pos += nl ? n + 1 : n;
			r->in.nl++;
			if (n > 0 && p[n - 1] == '\r')
				n--;
			p[n] = '\0';
			*line = p;
			*len = n;
			return 1;
		}
		if (r->in.eof)
			return 0;
		if ((rc = ki_rd_fill(&r->in)) == -1)
			return ki_err_set(err, r->name, r->in.nl + 1, NULL, "%s",
			    ki_rd_fill_error());
	}
}

#define DUMP_FLAGS	(JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15))

/* v as text, added to b's last record (its num flag set for numbers). */
static int
json_value(struct ki_batch *b, json_t *v)
{
	char tmp[256];
	char *dump;
	size_t len;
	int n, rc;

	switch (json_typeof(v)) {
	case JSON_STRING:
		/* "" is blank, as an empty CSV field is. */
		return ki_batch_field(b, json_string_length(v) ?
		    json_string_value(v) : NULL, json_string_length(v));
	case JSON_INTEGER:
		n = snprintf(tmp, sizeof(tmp), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		rc = ki_batch_field(b, tmp, (size_t)n);
		break;
	case JSON_REAL:
		n = ki_num_format(json_real_value(v), tmp, sizeof(tmp));
		rc = ki_batch_field(b, n < 0 ? NULL : tmp, n < 0 ? 0 : (size_t)n);
		break;
	case JSON_TRUE:
		return ki_batch_field(b, "true", 4);
	case JSON_FALSE:
		return ki_batch_field(b, "false", 5);
	case JSON_NULL:
		return ki_batch_field(b, NULL, 0);
	case JSON_OBJECT:
	case JSON_ARRAY:
		/*
		 * As compact JSON text, into memory of ki's own: what jansson
		 * allocates may be in the batch's arena (lib/arena.c), which
		 * free() must never see.
		 */
		if ((len = json_dumpb(v, tmp, sizeof(tmp), DUMP_FLAGS)) == 0)
			return -1;
		if (len <= sizeof(tmp))
			return ki_batch_field(b, tmp, len);
		if ((dump = malloc(len)) == NULL)
			return -1;
		if (json_dumpb(v, dump, len, DUMP_FLAGS) != len)
			rc = -1;
		else
			rc = ki_batch_field(b, dump, len);
		free(dump);
		return rc;
	default:
		return -1;
	}
	if (rc == 0)
		b->f[b->nf - 1].num = 1;
	return rc;
}

/*
 * The next lines, as text, into b (one field each). In the thread reading
 * ahead, this part is done by one thread at a time, in order.
 */
static void
json_read(void *arg, struct ki_batch *b, size_t max)
{
	struct ki_reader *r = arg;
	struct ki_raw *row;

	while (b->nrows < max) {
		char *line;
		size_t len;
		int rc;

		do {
			if ((rc = json_line(r, &line, &len, &b->err)) <= 0) {
				b->end = 1;
				b->rc = rc;
				return;
			}
			while (len > 0 && (*line == ' ' || *line == '\t')) {
				line++;
				len--;
			}
		} while (len == 0);
		if (memchr(line, '\0', len) != NULL) {
			b->end = 1;
			b->rc = ki_err_set(&b->err, r->name, r->in.nl, NULL,
			    "NUL byte in input");
			return;
		}
		if ((row = ki_batch_row(b, r->in.nl)) == NULL ||
		    ki_batch_field(b, line, len) == -1) {
			if (row != NULL)
				b->nrows--;	/* no line in it */
			b->end = 1;
			b->rc = ki_err_set(&b->err, r->name, r->in.nl, NULL,
			    "out of memory");
			return;
		}
	}
}

/* The batch ends at row i with an error. */
static void
cut(struct ki_batch *b, size_t i)
{
	b->end = 1;
	b->rc = -1;
	b->nrows = i;
}

/*
 * Each line of b (its text the one field) parsed, and replaced by its keys
 * and values as text, by turns. The first line that is not a JSON object
 * ends the batch there, with its error. The objects are freed at once.
 */
static void
json_parse(void *arg, struct ki_batch *b)
{
	struct ki_reader *r = arg;
	size_t i, nrows = b->nrows;

	for (i = 0; i < nrows; i++) {
		struct ki_raw *row = &b->rows[i];
		const struct ki_rawf *f = &b->f[row->first];
		json_error_t jerr;
		const char *key;
		json_t *obj, *v;

		ki_arena_failed();
		obj = json_loadb(b->text + f->off, f->len,
		    JSON_REJECT_DUPLICATES, &jerr);
		if (ki_arena_failed()) {
			/* Not invalid: jansson could not allocate. */
			json_decref(obj);
			ki_err_set(&b->err, r->name, row->line, NULL,
			    "out of memory");
			cut(b, i);
			return;
		}
		if (obj == NULL) {
			ki_err_set(&b->err, r->name, row->line, NULL,
			    "invalid JSON at column %d: %s", jerr.column,
			    jerr.text);
			cut(b, i);
			return;
		}
		if (!json_is_object(obj)) {
			ki_err_set(&b->err, r->name, row->line, NULL,
			    "line is not a JSON object");
			json_decref(obj);
			cut(b, i);
			return;
		}
		/* The text is kept; the fields start again after it. */
		row->first = b->nf;
		row->n = 0;
		b->nrows = i + 1;
		json_object_foreach(obj, key, v) {
			if (*key == '\0') {
				ki_err_set(&b->err, r->name, row->line, NULL,
				    "empty key");
				json_decref(obj);
				cut(b, i);
				return;
			}
			if (ki_batch_field(b, key, strlen(key)) == -1 ||
			    json_value(b, v) == -1) {
				ki_err_set(&b->err, r->name, row->line, key,
				    "out of memory");
				json_decref(obj);
				cut(b, i);
				return;
			}
		}
		json_decref(obj);
	}
	b->nrows = nrows;
}

/* A batch's arena: emptied before the batch is filled again. */
static void
json_drop(struct ki_batch *b, int last)
{
	if (b->own != NULL && last) {
		ki_arena_free(b->own);
		b->own = NULL;
	} else if (b->own != NULL)
		ki_arena_reset(b->own);
}

/* The threads reading ahead: parse into the batch's arena. */
static void
json_parse_ahead(void *arg, struct ki_batch *b)
{
	if (b->own == NULL)
		b->own = ki_arena_new();	/* or NULL: malloc then */
	ki_arena_use(b->own);
	json_parse(arg, b);
	ki_arena_use(NULL);
}

/*
 * A line's keys and values made a record; new keys join the header. The
 * keys mostly come in the same order as the line before's: that order is
 * tried before the header's index.
 */
static int
json_convert(struct ki_reader *r, const struct ki_batch *b,
    const struct ki_raw *row, struct ki_err *err)
{
	size_t i, j;

	for (i = 0; i < r->hdr->n; i++) {
		r->rec.v[i] = NULL;
		r->rec.len[i] = 0;
		r->rec.num[i] = 0;
	}
	for (j = 0; 2 * j + 1 < row->n; j++) {
		const struct ki_rawf *kf = &b->f[row->first + 2 * j];
		const struct ki_rawf *vf = kf + 1;
		const char *key = b->text + kf->off;
		long k = -1;

		if (j < r->norder && r->order[j] < r->hdr->n &&
		    strcmp(r->hdr->names[r->order[j]], key) == 0)
			k = (long)r->order[j];
		else if ((k = ki_hdr_index(r->hdr, key)) < 0) {
			/* A new column: blank until its value is set. */
			if (ki_urn_hdr_name(key, r->name, row->line, err) == -1)
				return -1;
			if ((k = ki_hdr_add(r->hdr, key)) < 0 ||
			    ki_rd_grow(r, r->hdr->n) == -1)
				return ki_err_set(err, r->name, row->line, key,
				    "out of memory");
			r->rec.v[k] = NULL;
			r->rec.len[k] = 0;
			r->rec.num[k] = 0;
		}
		/* The j-th key: the header has at least j + 1 columns. */
		r->order[j] = (size_t)k;
		if (j >= r->norder)
			r->norder = j + 1;
		if (vf->null)
			continue;
		r->rec.v[k] = b->text + vf->off;
		r->rec.len[k] = vf->len;
		r->rec.num[k] = vf->num;
	}
	r->rec.n = r->hdr->n;
	r->rec.line = row->line;
	return 1;
}

const struct ki_rdfmt ki_rdfmt_json = {
	.fill = json_read,
	.parse = json_parse_ahead,
	.parse_here = json_parse,
	.drop = json_drop,
	.convert = json_convert,
	.batch = JSON_BATCH,
	.arena = 1,
};

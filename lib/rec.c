/* Streaming record reader: CSV through libcsv, NDJSON through jansson. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>
#include <jansson.h>

#include "ki/ahead.h"
#include "ki/arena.h"
#include "ki/num.h"
#include "ki/rec.h"
#include "ki/urn.h"
#include "ki/utf8.h"

#define CHUNK	(256 * 1024)
/* One read at most: what a read brings in is still in the cache when parsed. */
#define READ_MAX	(64 * 1024)
/* Records in a batch read ahead: CSV rows are small, NDJSON objects not. */
#define CSV_BATCH	256
#define JSON_BATCH	256
/* A CSV batch ends early past this much text (wide rows). */
#define BATCH_TEXT	(256 * 1024)

struct slot {
	char *s;
	size_t len;
	size_t cap;
	int null;
};

struct ki_reader {
	FILE *fp;
	int fd;			/* fp's descriptor, or -1: read directly */
	int own;
	char *name;
	enum ki_fmt fmt;
	int flags;
	struct ki_hdr *hdr;

	char *buf;		/* input bytes buf[pos..len) not yet consumed */
	size_t pos, len, cap;
	int eof;
	long nl;		/* newlines consumed so far */
	int cr;			/* the last piece fed ended with a CR */
	unsigned char hibit;	/* the row has a byte over 0x7F */

	struct csv_parser csv;
	int csv_on;
	struct slot *f;		/* fields of the row being parsed */
	size_t nf, fcap;
	int row_done;
	char *errmsg;		/* set by callbacks on allocation failure */

	unsigned char *want;	/* columns to copy; NULL for all */
	size_t nwant;
	size_t *idx;		/* the wanted columns' indexes */
	size_t nidx;
	struct ki_rec rec;
	int pending;		/* NDJSON: rec holds the first record, unread */
	size_t rcap;
	struct slot *val;	/* CSV text converted from cp1252, by column */
	long nlong;		/* rows with fields past the header's, dropped */

	/*
	 * Records as read come in batches: from the thread reading ahead
	 * (which owns the reading state above, from buf to idx, once it
	 * starts), or when it cannot start, from one read here.
	 */
	struct ki_ahead *ahead;
	int tried;		/* the thread was started, or could not be */
	struct ki_batch one;	/* read here */
	struct ki_batch *cur;	/* the batch being used */
	size_t cpos;		/* its next record */
	size_t *order;		/* NDJSON: the last line's keys' columns
				   (rcap of them, like rec's arrays) */
	size_t norder;
	int failed;		/* an error was returned: error */
	struct ki_err error;
};

static int
fill(struct ki_reader *r)
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
	if (n == 0)
		r->eof = 1;
	return (int)(n > 0);
}

static int
slot_set(struct slot *sl, const char *s, size_t len)
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
grow_fields(struct ki_reader *r, size_t cap)
{
	struct slot *f = realloc(r->f, cap * sizeof(*f));

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
	if ((i >= r->fcap && grow_fields(r, r->fcap ? r->fcap * 2 : 64) ==
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
			int rc = fill(r);

			if (rc == -1)
				return ki_err_set(err, r->name, r->nl + 1, NULL,
				    "%s", strerror(errno ? errno : EIO));
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
rec_grow(struct ki_reader *r, size_t n)
{
	if (n > r->rcap) {
		size_t cap = n < 64 ? 64 : n * 2;
		char **v = realloc(r->rec.v, cap * sizeof(*v));
		size_t *len;
		unsigned char *num;
		struct slot *val;
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
static int
field_text(struct ki_reader *r, size_t i, const char **s, size_t *len,
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
	if (rec_grow(r, r->nf) == -1)
		return ki_err_set(err, r->name, line, NULL, "out of memory");
	for (i = 0; i < r->nf; i++) {
		const char *name = r->f[i].null ? "" : r->f[i].s;
		size_t len = r->f[i].null ? 0 : r->f[i].len;
		long k;

		if (field_text(r, i, &name, &len, line, NULL, err) == -1)
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
	return rec_grow(r, r->hdr->n) == -1 ?
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
	size_t n = r->hdr->n;

	while (b->nrows < max && b->tlen < BATCH_TEXT) {
		struct ki_raw *row;
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
		if ((row->hibit & 0x80) && field_text(r, i, &s, &len,
		    row->line, r->hdr->names[i], err) == -1)
			return -1;
		r->rec.v[i] = (char *)s;
		r->rec.len[i] = len;
	}
	r->rec.n = n;
	r->rec.line = row->line;
	return 1;
}

/* Next NDJSON line into *line (NUL-terminated, CR stripped). */
static int
json_line(struct ki_reader *r, char **line, size_t *len, struct ki_err *err)
{
	for (;;) {
		char *p = r->buf + r->pos, *nl;
		size_t avail = r->len - r->pos;
		int rc;

		nl = memchr(p, '\n', avail);
		if (nl != NULL || (r->eof && avail > 0)) {
			size_t n = nl ? (size_t)(nl - p) : avail;

			r->pos += nl ? n + 1 : n;
			r->nl++;
			if (n > 0 && p[n - 1] == '\r')
				n--;
			p[n] = '\0';
			*line = p;
			*len = n;
			return 1;
		}
		if (r->eof)
			return 0;
		if ((rc = fill(r)) == -1)
			return ki_err_set(err, r->name, r->nl + 1, NULL, "%s",
			    strerror(errno ? errno : EIO));
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
			b->rc = ki_err_set(&b->err, r->name, r->nl, NULL,
			    "NUL byte in input");
			return;
		}
		if ((row = ki_batch_row(b, r->nl)) == NULL ||
		    ki_batch_field(b, line, len) == -1) {
			b->end = 1;
			b->rc = ki_err_set(&b->err, r->name, r->nl, NULL,
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

		obj = json_loadb(b->text + f->off, f->len,
		    JSON_REJECT_DUPLICATES, &jerr);
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
			    rec_grow(r, r->hdr->n) == -1)
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
			if (r->fmt == KI_FMT_JSON &&
			    !(r->flags & KI_RD_NO_AHEAD)) {
				ki_arena_install();
				r->ahead = ki_ahead_start(json_read,
				    json_parse_ahead, r, JSON_BATCH, json_drop);
			} else if (!(r->flags & KI_RD_NO_AHEAD))
				r->ahead = ki_ahead_start(csv_fill, NULL, r,
				    CSV_BATCH, NULL);
		}
		if (r->ahead != NULL)
			r->cur = ki_ahead_take(r->ahead);
		else {
			/* Read here: no arena, the objects were freed. */
			ki_batch_reset(&r->one);
			if (r->fmt == KI_FMT_JSON) {
				json_read(r, &r->one, 1);
				json_parse(r, &r->one);
			} else
				csv_fill(r, &r->one, 1);
			r->cur = &r->one;
		}
		r->cpos = 0;
	}
}

static int
next_record(struct ki_reader *r, struct ki_err *err)
{
	struct ki_raw *row = NULL;
	int rc;

	if ((rc = next_raw(r, &row, err)) != 1)
		return rc;
	rc = r->fmt == KI_FMT_JSON ? json_convert(r, r->cur, row, err) :
	    csv_convert(r, r->cur, row, err);
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
		r->name = strdup(path);
		if (r->fp == NULL) {
			ki_err_set(err, path, 0, NULL, "%s", strerror(errno));
			goto fail;
		}
	}
	if (r->name == NULL || (r->hdr = ki_hdr_new()) == NULL) {
		ki_err_set(err, path, 0, NULL, "out of memory");
		goto fail;
	}
	r->fd = fileno(r->fp);
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
			rc = fill(r);
			r->pos = keep;
			if (rc == -1) {
				ki_err_set(err, r->name, 0, NULL, "%s",
				    strerror(errno ? errno : EIO));
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
	if (fmt == KI_FMT_JSON) {
		/* The first object's keys are the header until others appear. */
		r->tried = 1;	/* read here, before any thread */
		r->pending = next_record(r, err);
		r->tried = 0;
		if (r->pending == -1)
			goto fail;
		return r;
	}
	if (csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
	    CSV_EMPTY_IS_NULL) != 0) {
		ki_err_set(err, r->name, 0, NULL, "out of memory");
		goto fail;
	}
	r->csv_on = 1;
	/*
	 * libcsv grows a field's buffer by this much at a time, by default
	 * 128 bytes: a 10 MB field would be 80,000 reallocs.
	 */
	csv_set_blk_size(&r->csv, 64 * 1024);
	if (csv_header(r, err) == -1)
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
	/* First the thread, which may be using everything below. */
	ki_ahead_stop(r->ahead);
	ki_batch_free(&r->one);
	if (r->own && r->fp != NULL)
		fclose(r->fp);
	if (r->csv_on)
		csv_free(&r->csv);
	for (i = 0; i < r->fcap; i++)
		free(r->f[i].s);
	for (i = 0; i < r->rcap; i++)
		free(r->val[i].s);
	free(r->f);
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
	    (cap > r->fcap && grow_fields(r, cap) == -1) ||
	    rec_grow(r, cap) == -1) {
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

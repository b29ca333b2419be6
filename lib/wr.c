/* Record writer: CSV with minimal quoting, or NDJSON, straight to stdio. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ki/buf.h"
#include "ki/esc.h"
#include "ki/num.h"
#include "ki/wr.h"

struct ki_writer {
	FILE *fp;
	enum ki_fmt fmt;
	size_t n;
	char **names;
	struct ki_buf keys;	/* NDJSON: each name as "name": */
	size_t *koff;		/* where each starts in keys; n + 1 of them */
	struct ki_buf line;	/* the row being made: one fwrite a row */
	unsigned long long bytes;
	int oom;		/* a call failed for want of memory */
};

struct ki_writer *
ki_writer_new(FILE *fp, enum ki_fmt fmt)
{
	struct ki_writer *w = calloc(1, sizeof(*w));

	if (w == NULL)
		return NULL;
	w->fp = fp;
	w->fmt = fmt == KI_FMT_JSON ? KI_FMT_JSON : KI_FMT_CSV;
	return w;
}

void
ki_writer_free(struct ki_writer *w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; i < w->n; i++)
		free(w->names[i]);
	free(w->names);
	free(w->koff);
	ki_buf_free(&w->keys);
	ki_buf_free(&w->line);
	free(w);
}

/* Write the row made in w->line. Returns 0, or -1 on an error. */
static int
flush_line(struct ki_writer *w)
{
	struct ki_buf *b = &w->line;

	if (b->oom) {
		b->oom = 0;
		w->oom = 1;
		ki_buf_reset(b);
		return -1;
	}
	if (b->len > 0 && fwrite(b->s, 1, b->len, w->fp) != b->len) {
		ki_buf_reset(b);
		return -1;
	}
	w->bytes += b->len;
	ki_buf_reset(b);
	return ferror(w->fp) ? -1 : 0;
}

/* A number as JSON: as read when it is JSON already (+3 and .5 are not). */
static void
json_number(struct ki_buf *b, const char *s)
{
	char num[64];
	size_t len = strlen(s);
	double d;
	int n;

	if (ki_num_is_json(s, len))
		ki_buf_add(b, s, len);
	else if (ki_num_parse(s, &d) == 0 &&
	    (n = ki_num_format(d, num, sizeof(num))) > 0)
		ki_buf_add(b, num, (size_t)n);
	else
		ki_esc_json(b, s);
}

int
ki_writer_names(struct ki_writer *w, size_t n, const char *const *names)
{
	char **nm;
	size_t i, *ko;

	/* The same names again (a row at a time): nothing to do. */
	for (i = 0; n == w->n && i < n; i++)
		if (strcmp(names[i], w->names[i]) != 0)
			break;
	if (n == w->n && i == n && w->names != NULL)
		return 0;
	if ((nm = calloc(n ? n : 1, sizeof(*nm))) == NULL) {
		w->oom = 1;
		return -1;
	}
	for (i = 0; i < n; i++)
		if ((nm[i] = strdup(names[i])) == NULL) {
			while (i-- > 0)
				free(nm[i]);
			free(nm);
			w->oom = 1;
			return -1;
		}
	/* The NDJSON keys, quoted and escaped once for every row. */
	if ((ko = calloc(n + 1, sizeof(*ko))) == NULL) {
		for (i = 0; i < n; i++)
			free(nm[i]);
		free(nm);
		w->oom = 1;
		return -1;
	}
	ki_buf_reset(&w->keys);
	for (i = 0; i < n; i++) {
		ko[i] = w->keys.len;
		ki_esc_json(&w->keys, nm[i]);
		ki_buf_add(&w->keys, ":", 1);
	}
	ko[n] = w->keys.len;
	if (w->keys.oom) {
		w->keys.oom = 0;
		for (i = 0; i < n; i++)
			free(nm[i]);
		free(nm);
		free(ko);
		w->oom = 1;
		return -1;
	}
	for (i = 0; i < w->n; i++)
		free(w->names[i]);
	free(w->names);
	free(w->koff);
	w->names = nm;
	w->koff = ko;
	w->n = n;
	return 0;
}

int
ki_writer_header(struct ki_writer *w, size_t n, const char *const *names)
{
	size_t i;

	if (ki_writer_names(w, n, names) == -1)
		return -1;
	if (w->fmt == KI_FMT_CSV) {
		for (i = 0; i < n; i++) {
			if (i > 0)
				ki_buf_add(&w->line, ",", 1);
			ki_esc_csv(&w->line, names[i], 0);
		}
		ki_buf_add(&w->line, "\n", 1);
	}
	return flush_line(w);
}

/*
 * Eight bytes at a time: whether x holds a byte that CSV quotes for (a
 * comma, quote, CR or LF) or a NUL. Most bytes of most fields (digits,
 * letters, '.', '-') are above all of those, which one test tells.
 */
#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL

static inline uint64_t
zero8(uint64_t x)
{
	return (x - ONES) & ~x & HIGHS;
}

static inline int
special8(uint64_t x)
{
	if (((x - 0x2D * ONES) & ~x & HIGHS) == 0)
		return 0;	/* every byte is '-' (0x2D) or above */
	return (zero8(x) | zero8(x ^ ',' * ONES) | zero8(x ^ '"' * ONES) |
	    zero8(x ^ '\r' * ONES) | zero8(x ^ '\n' * ONES)) != 0;
}

static inline uint64_t
load8(const char *p)
{
	uint64_t x;

	memcpy(&x, p, 8);
	return x;
}

static inline uint64_t
load4(const char *p)
{
	uint32_t x;

	memcpy(&x, p, 4);
	return x;
}

/*
 * A field of 4 to 16 bytes copied to d when it holds nothing to quote:
 * read and written as two words that overlap, all within its bytes.
 * Returns 1, or 0 (nothing written) when it needs quoting.
 */
static inline int
copy_short(char *d, const char *s, size_t l)
{
	uint64_t a, b;

	if (l >= 8) {
		a = load8(s);
		b = load8(s + l - 8);
		if (special8(a) || special8(b))
			return 0;
		memcpy(d, &a, 8);
		memcpy(d + l - 8, &b, 8);
	} else {
		a = load4(s);
		b = load4(s + l - 4);
		if (special8(a | b << 32))
			return 0;
		memcpy(d, &a, 4);
		memcpy(d + l - 4, &b, 4);
	}
	return 1;
}

/*
 * CSV row v (n values, len[i] the length of v[i]) of w's nw columns, with
 * its end, in b: the room made first, then each field copied as it is
 * when it holds nothing to quote (the most), else written by ki_esc_csv
 * (a NUL inside ends the field there, as it does for ki_esc_csv).
 */
static void
csv_row(struct ki_buf *b, size_t nw, size_t n, const char *const *v,
    const size_t *len)
{
	static const unsigned char special[256] = { [0] = 1, [','] = 1,
	    ['"'] = 1, ['\r'] = 1, ['\n'] = 1 };
	size_t i, j, l, need = nw + 1;
	const char *s;
	char *d;

	for (i = 0; i < n; i++)
		need += v[i] != NULL ? 2 * len[i] + 2 : 0;
	if (ki_buf_room(b, need) == -1)
		return;
	d = b->s + b->len;
	for (i = 0; i < nw; i++) {
		if (i > 0)
			*d++ = ',';
		if (i >= n || (s = v[i]) == NULL)
			continue;
		if ((l = len[i]) > 16) {
			if (strcspn(s, ",\"\r\n") == l) {
				memcpy(d, s, l);
				d += l;
				continue;
			}
		} else if (l >= 4) {
			if (copy_short(d, s, l)) {
				d += l;
				continue;
			}
		} else {
			for (j = 0; j < l && !special[(unsigned char)s[j]]; j++)
				d[j] = s[j];
			if (j == l) {
				d += l;
				continue;
			}
		}
		/* A field to quote: the escaper's, in the room made. */
		b->len = (size_t)(d - b->s);
		ki_esc_csv(b, s, 0);
		d = b->s + b->len;
	}
	*d++ = '\n';
	*d = '\0';
	b->len = (size_t)(d - b->s);
}

/*
 * Row v (n values, their lengths or NULL, num flags or NULL) made in b,
 * with its end.
 */
static void
make_row(struct ki_writer *w, struct ki_buf *b, size_t n,
    const char *const *v, const size_t *len, const unsigned char *num)
{
	size_t i;

	if (n > w->n)
		n = w->n;
	if (w->fmt == KI_FMT_CSV) {
		/* A lone blank field would be a blank line, which readers skip. */
		if (w->n == 1 && (n == 0 || v[0] == NULL || *v[0] == '\0')) {
			ki_buf_add(b, "\"\"\n", 3);
			return;
		}
		if (len != NULL) {
			csv_row(b, w->n, n, v, len);
			return;
		}
		for (i = 0; i < w->n; i++) {
			if (i > 0)
				ki_buf_put(b, ",", 1);
			if (i < n)
				ki_esc_csv(b, v[i], 0);
		}
		ki_buf_put(b, "\n", 1);
		return;
	}
	ki_buf_add(b, "{", 1);
	for (i = 0; i < w->n; i++) {
		const char *s = i < n ? v[i] : NULL;

		if (i > 0)
			ki_buf_add(b, ",", 1);
		ki_buf_add(b, w->keys.s + w->koff[i], w->koff[i + 1] - w->koff[i]);
		if (s == NULL || *s == '\0')
			ki_buf_add(b, "null", 4);
		else if (num != NULL && num[i])
			json_number(b, s);
		else
			ki_esc_json(b, s);
	}
	ki_buf_add(b, "}\n", 2);
}

int
ki_writer_row(struct ki_writer *w, size_t n, const char *const *v,
    const unsigned char *num)
{
	make_row(w, &w->line, n, v, NULL, num);
	return flush_line(w);
}

int
ki_writer_append(struct ki_writer *w, struct ki_buf *b, size_t n,
    const char *const *v, const size_t *len, const unsigned char *num)
{
	size_t was = b->len;

	make_row(w, b, n, v, len, num);
	if (!b->oom)
		return 0;
	b->oom = 0;
	w->oom = 1;
	b->len = was;
	if (b->s != NULL)
		b->s[was] = '\0';
	return -1;
}

const char *
ki_writer_make(struct ki_writer *w, size_t n, const char *const *v,
    const unsigned char *num, size_t *len)
{
	ki_buf_reset(&w->line);
	make_row(w, &w->line, n, v, NULL, num);
	if (w->line.oom) {
		w->line.oom = 0;
		w->oom = 1;
		ki_buf_reset(&w->line);
		return NULL;
	}
	*len = w->line.len;
	return w->line.s;
}

/* How a row of w's format ends: "\n", or "}\n" in NDJSON. */
static size_t
end_len(const struct ki_writer *w)
{
	return w->fmt == KI_FMT_JSON ? 2 : 1;
}

int
ki_writer_extend(struct ki_writer *w, const char *row, size_t len, size_t n,
    const char *const *names, const char *const *v, const unsigned char *num)
{
	struct ki_buf *b = &w->line;
	size_t i, e = end_len(w);

	if (row != NULL) {
		/* The row less its end, when it has the end a writer gives. */
		if (len >= e && memcmp(row + len - e, w->fmt == KI_FMT_JSON ?
		    "}\n" : "\n", e) == 0)
			len -= e;
		ki_buf_add(b, row, len);
	}
	if (w->fmt == KI_FMT_CSV && n <= 8) {
		/* The cells as a row of their own, after a comma. */
		size_t cl[8];

		for (i = 0; i < n; i++)
			cl[i] = v[i] != NULL ? strlen(v[i]) : 0;
		if (n > 0)
			ki_buf_put(b, ",", 1);
		csv_row(b, n, n, v, cl);
		return flush_line(w);
	}
	for (i = 0; i < n; i++) {
		ki_buf_add(b, ",", 1);
		if (w->fmt == KI_FMT_CSV) {
			ki_esc_csv(b, v[i], 0);
			continue;
		}
		ki_esc_json(b, names[i]);
		ki_buf_add(b, ":", 1);
		if (v[i] == NULL || *v[i] == '\0')
			ki_buf_add(b, "null", 4);
		else if (num != NULL && num[i])
			json_number(b, v[i]);
		else
			ki_esc_json(b, v[i]);
	}
	ki_buf_add(b, w->fmt == KI_FMT_CSV ? "\n" : "}\n", e);
	return flush_line(w);
}

int
ki_writer_tail(struct ki_writer *w, size_t n, const char *const *names,
    const char *const *v)
{
	return ki_writer_extend(w, NULL, 0, n, names, v, NULL);
}

int
ki_writer_oom(const struct ki_writer *w)
{
	return w->oom;
}

unsigned long long
ki_writer_bytes(const struct ki_writer *w)
{
	return w->bytes;
}

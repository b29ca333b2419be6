/*
 * The record reader's CSV lines by runs: of a line that starts a row,
 * libcsv is given only the runs of columns the caller wants, each with the
 * comma after it; the columns between and after are counted, not parsed.
 * The commas are found 64 bytes at a time, as a mask; a run's ends are
 * the commas whose numbers the run's columns give (cp->ev).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "ki/recfmt.h"

/* The bits set in x (without a call into libgcc where there is no
 * instruction for it). */
static inline size_t
popcount(uint64_t x)
{
	x -= (x >> 1) & 0x5555555555555555ULL;
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (size_t)((x * 0x0101010101010101ULL) >> 56);
}

#ifndef __SSE2__
/* The commas among the 64 bytes at p, bit i for byte i. */
static uint64_t
comma_mask(const char *p)
{
	const uint64_t lo7 = 0x7f7f7f7f7f7f7f7fULL;
	uint64_t m = 0, w;
	int i;

	for (i = 0; i < 8; i++) {
		memcpy(&w, p + 8 * i, 8);
		w ^= 0x2c2c2c2c2c2c2c2cULL;
		/* The high bit of each byte that is zero, exactly ... */
		w = ~(((w & lo7) + lo7) | w) & ~lo7;
		/* ... gathered into the top byte, one bit a byte. */
		m |= (((w >> 7) * 0x0102040810204080ULL) >> 56) << (8 * i);
	}
	return m;
}
#endif

/*
 * 64 bytes: their commas and spaces, bit i for byte i; whether a tab or a
 * byte over 0x7F is among them.
 */
struct block {
	uint64_t comma, space;
	int tab, high;
};

static void
block_scan(const char *p, struct block *b)
{
#ifdef __SSE2__
	const __m128i *q = (const __m128i *)(const void *)p;
	const __m128i comma = _mm_set1_epi8(','), space = _mm_set1_epi8(' ');
	const __m128i tab = _mm_set1_epi8('\t');
	__m128i tabs = _mm_setzero_si128(), high = _mm_setzero_si128();
	int i;

	b->comma = b->space = 0;
	for (i = 0; i < 4; i++) {
		__m128i v = _mm_loadu_si128(q + i);

		b->comma |= (uint64_t)(uint16_t)_mm_movemask_epi8(
		    _mm_cmpeq_epi8(v, comma)) << (16 * i);
		b->space |= (uint64_t)(uint16_t)_mm_movemask_epi8(
		    _mm_cmpeq_epi8(v, space)) << (16 * i);
		tabs = _mm_or_si128(tabs, _mm_cmpeq_epi8(v, tab));
		high = _mm_or_si128(high, v);
	}
	b->tab = _mm_movemask_epi8(tabs) != 0;
	b->high = _mm_movemask_epi8(high) != 0;
#else
	int i;

	b->comma = comma_mask(p);
	b->space = 0;
	b->tab = b->high = 0;
	for (i = 0; i < 64; i++) {
		b->space |= (uint64_t)(p[i] == ' ') << i;
		b->tab |= p[i] == '\t';
		b->high |= (unsigned char)p[i] > 0x7f;
	}
#endif
}

/*
 * A walk over the commas of a line with no quote from byte start, in
 * blocks of 64 bytes to the last run's; what libcsv must be told of the
 * bytes passed: a byte over 0x7F (high), a space at a field's edge or
 * a tab (keep), which ki_rd_parse_run finds of each piece by itself.
 */
struct commas {
	const char *p;
	size_t m;		/* the line's length, less its end */
	size_t n;		/* with its end: CR, LF or both */
	size_t i;		/* the block in hand starts here */
	uint64_t bits;		/* its commas not yet passed */
	size_t k;		/* the number of the next comma: columns passed */
	size_t after;		/* the byte after the last comma passed */
	int high, keep;
	int told;		/* what libcsv was told: high | keep << 1 | 4 */
	uint64_t edge;		/* bit 0: the byte before the block ends a field */
};

/* The commas of the block at c->i, and what it holds. */
static uint64_t
commas_block(struct commas *c)
{
	size_t n = c->m - c->i < 64 ? c->m - c->i : 64;
	const char *q = c->p + c->i;
	char tmp[64];
	struct block b;
	uint64_t ends;

	if (n < 64) {
		memset(tmp, 0, sizeof(tmp));
		memcpy(tmp, q, n);
		q = tmp;
	}
	block_scan(q, &b);
	/* A space next to a comma or either end of the line is at an edge. */
	ends = b.comma | (n < 64 ? (uint64_t)1 << n : 0);
	if (b.space & ((ends << 1) | c->edge | (ends >> 1)))
		c->keep = 1;
	if ((b.space >> 63) && (c->i + 64 == c->m || c->p[c->i + 64] == ','))
		c->keep = 1;
	c->edge = ends >> 63;
	c->keep |= b.tab;
	c->high |= b.high;
	return b.comma;
}

static void
commas_init(struct commas *c, const char *p, size_t m, size_t n,
    size_t start, size_t k)
{
	c->p = p;
	c->m = m;
	c->n = n;
	c->i = start;
	c->k = k;
	c->after = start;
	c->high = c->keep = c->told = 0;
	/* start is a line's or a field's. */
	c->edge = 1;
	c->bits = start < m ? commas_block(c) : 0;
}

/* The next block; 0 past the line's end. */
static int
commas_next(struct commas *c)
{
	if (c->bits != 0)
		c->after = c->i + 64 - (size_t)__builtin_clzll(c->bits);
	c->i += 64;
	if (c->i >= c->m) {
		c->bits = 0;
		return 0;
	}
	c->bits = commas_block(c);
	return 1;
}

/*
 * The byte of comma number j (j at least c->k), passed; or SIZE_MAX when
 * the line has fewer, every comma passed.
 */
static size_t
comma_at(struct commas *c, size_t j)
{
	size_t at;

	for (;;) {
		size_t n = popcount(c->bits);

		if (c->k + n > j)
			break;
		c->k += n;
		if (!commas_next(c))
			return SIZE_MAX;
	}
	for (; c->k < j; c->k++)
		c->bits &= c->bits - 1;
	at = c->i + (size_t)__builtin_ctzll(c->bits);
	c->bits &= c->bits - 1;
	c->k++;
	c->after = at + 1;
	return at;
}

/* The commas in p[0..n). */
static size_t
count_commas(const char *p, size_t n)
{
	size_t i = 0, c = 0;
#ifdef __SSE2__
	const __m128i comma = _mm_set1_epi8(','), zero = _mm_setzero_si128();

	while (n - i >= 16) {
		/* A count a byte lane, up to 255 blocks of 16, then summed. */
		__m128i acc = _mm_setzero_si128();
		size_t k = (n - i) / 16 < 255 ? (n - i) / 16 : 255;

		for (; k > 0; k--, i += 16)
			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(_mm_loadu_si128(
			    (const __m128i *)(const void *)(p + i)), comma));
		acc = _mm_sad_epu8(acc, zero);
		c += (size_t)_mm_cvtsi128_si32(acc) +
		    (size_t)_mm_extract_epi16(acc, 4);
	}
#else
	for (; n - i >= 64; i += 64)
		c += popcount(comma_mask(p + i));
#endif
	for (; i < n; i++)
		c += p[i] == ',';
	return c;
}

/* The commas not yet passed. */
static size_t
commas_rest(const struct commas *c)
{
	size_t n = popcount(c->bits);

	if (c->i + 64 < c->m)
		n += count_commas(c->p + c->i + 64, c->m - c->i - 64);
	return n;
}

/* The run of wanted columns in hand: from byte from, column col. */
struct runs {
	size_t from, col;
	int in;			/* a run is in hand */
	int fed;		/* libcsv has been given some of the line */
};

/*
 * Give libcsv p[0..n) of the line c walks, fields from column col on,
 * having told it what the bytes passed hold. 0, or -1.
 */
static int
piece(struct ki_csvp *cp, struct commas *c, const char *p, size_t n,
    size_t col)
{
	int told = c->high | c->keep << 1 | 4;

	if (c->told != told) {
		ki_rd_line_known(cp, c->high, c->keep);
		c->told = told;
	}
	return ki_rd_parse_bare(cp, p, n, col);
}

/* Give libcsv the line's end: it ends the field and the row. */
static int
line_end(struct ki_csvp *cp, struct commas *c)
{
	return piece(cp, c, c->p + c->m, c->n - c->m, cp->nf);
}

/*
 * The row ends with column k, from byte start to the line's end at p[m].
 * 1, 0 when nothing was given to libcsv (the caller gives it the line),
 * or -1 with libcsv's error.
 */
static int
run_end(struct ki_csvp *cp, struct runs *u, struct commas *c, size_t k,
    size_t start)
{
	const char *p = c->p;
	size_t m = c->m;

	if (k < cp->nwant && cp->want[k]) {
		if (!u->in)
			u->from = start, u->col = k;
		/* libcsv ends the field and the row at the line's end. */
		if (piece(cp, c, p + u->from, m - u->from, u->col) == -1 ||
		    line_end(cp, c) == -1)
			return -1;
		return 1;
	}
	if (u->in && piece(cp, c, p + u->from, start - u->from, u->col) == -1)
		return -1;
	if (!u->in && !u->fed)
		return 0;
	/* After a comma, libcsv ends the row with a blank field: k's. */
	if (line_end(cp, c) == -1)
		return -1;
	cp->nf = k + 1;
	return 1;
}

/*
 * A line with a quote character (a name such as "St John's, Gosport"):
 * libcsv is given it to the first comma after its last quote. When that
 * comma ends a field, no quoted field is open and the rest has no quote:
 * *from and *k are where the rest starts, its byte and column, and 0 is
 * returned. Else the rest is given to libcsv too: 1, or -1 with libcsv's
 * error.
 */
static int
quoted_head(struct ki_csvp *cp, const char *p, size_t m, size_t n,
    size_t *from, size_t *k)
{
	const char *q = p + m, *comma;
	size_t nf, c;

	while (q > p && q[-1] != '"')
		q--;
	comma = memchr(q, ',', (size_t)(p + m - q));
	c = comma != NULL ? (size_t)(comma - p) : m;
	if (ki_rd_parse_run(cp, p, c, 0) == -1)
		return -1;
	nf = cp->nf;
	if (comma != NULL && ki_rd_parse_run(cp, comma, 1, nf) == -1)
		return -1;
	if (comma != NULL && cp->nf == nf + 1) {
		*from = c + 1;
		*k = cp->nf;
		return 0;
	}
	c += comma != NULL;
	return ki_rd_parse_run(cp, p + c, n - c, cp->nf) == -1 ? -1 : 1;
}

/*
 * The runs of the line p[0..n), its text to m, from byte start, column k,
 * on: each run from the comma before its first column to the comma after
 * its last.
 */
static int
feed_from(struct ki_csvp *cp, const char *p, size_t m, size_t n,
    size_t start, size_t k, int fed)
{
	struct runs u = { start, k, 0, fed };
	struct commas c;
	size_t e = 0, last = cp->tail - 1, at = 0, j;

	commas_init(&c, p, m, n, start, k);
	if (k <= last) {
		/* The columns where runs start or end, past k. */
		u.in = cp->want[k];
		while (e < cp->nev && cp->ev[e] <= k)
			e++;
		for (;; e++) {
			j = e < cp->nev ? cp->ev[e] : last + 1;
			if ((at = comma_at(&c, j - 1)) == SIZE_MAX)
				return run_end(cp, &u, &c, c.k, c.after);
			if (j == last + 1)
				break;
			if (!u.in) {
				u.in = 1;
				u.from = at + 1;
				u.col = j;
			} else if (piece(cp, &c, p + u.from, at + 1 - u.from,
			    u.col) == -1)
				return -1;
			else
				u.in = 0, u.fed = 1;
		}
		/* The last run, to and with the comma after column last. */
		if (u.in && piece(cp, &c, p + u.from, at + 1 - u.from,
		    u.col) == -1)
			return -1;
		k = last + 1;
	}
	/* libcsv ends the row with one more (blank) field: the count's. */
	if (line_end(cp, &c) == -1)
		return -1;
	cp->nf = k + commas_rest(&c) + 1;
	return 1;
}

int
ki_rd_feed_runs(struct ki_csvp *cp, const char *p, size_t n)
{
	size_t m = n - 1, start = 0, k = 0;
	int rc, fed = 0;

	if (p[m] != '\n' && p[m] != '\r')
		return 0;
	/* The line's text is to m, its end (CR, LF or CRLF) after. */
	if (p[m] == '\n' && m > 0 && p[m - 1] == '\r')
		m--;
	if (memchr(p, '"', m) != NULL) {
		if ((rc = quoted_head(cp, p, m, n, &start, &k)) != 0)
			return rc;
		fed = 1;
	}
	return feed_from(cp, p, m, n, start, k, fed);
}

int
ki_rd_runs_plan(struct ki_csvp *cp)
{
	size_t i, n = 0;

	free(cp->ev);
	cp->ev = NULL;
	cp->nev = 0;
	if (cp->tail == 0)
		return 0;
	/* Where a column is wanted and the one before is not, or the reverse. */
	for (i = 1; i < cp->tail; i++)
		n += cp->want[i] != cp->want[i - 1];
	if (n > 0 && (cp->ev = malloc(n * sizeof(*cp->ev))) == NULL)
		return -1;
	for (i = 1; i < cp->tail; i++)
		if (cp->want[i] != cp->want[i - 1])
			cp->ev[cp->nev++] = i;
	return 0;
}

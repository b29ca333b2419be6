/* Rows of a few text values each, kept in bits: each column's values coded. */
#include <stdlib.h>
#include <string.h>

#include "ki/rowvals.h"

/* Room past the last row, so a value is read and written whole. */
#define SLACK	8

int
ki_rowvals_init(struct ki_rowvals *rv, size_t ncols)
{
	memset(rv, 0, sizeof(*rv));
	rv->ncols = ncols;
	if ((rv->col = calloc(ncols + 1, sizeof(*rv->col))) == NULL ||
	    (rv->code = calloc(ncols + 1, sizeof(*rv->code))) == NULL ||
	    (rv->want = calloc(ncols + 1, sizeof(*rv->want))) == NULL) {
		ki_rowvals_free(rv);
		return -1;
	}
	return 0;
}

void
ki_rowvals_free(struct ki_rowvals *rv)
{
	size_t i;

	for (i = 0; rv->col != NULL && i < rv->ncols; i++)
		ki_keys_free(rv->col[i].dict);
	free(rv->col);
	free(rv->code);
	free(rv->want);
	free(rv->v);
	memset(rv, 0, sizeof(*rv));
}

/* The width bits at bit of v (width at most 32), byte order free. */
static uint32_t
get(const unsigned char *v, size_t bit, unsigned width)
{
	const unsigned char *p = v + bit / 8;
	uint64_t w = 0;
	unsigned i;

	if (width == 0)
		return 0;
	for (i = 0; i < (bit % 8 + width + 7) / 8; i++)
		w |= (uint64_t)p[i] << (8 * i);
	return (uint32_t)(w >> (bit % 8) & ((UINT64_C(1) << width) - 1));
}

static void
put(unsigned char *v, size_t bit, unsigned width, uint32_t k)
{
	unsigned char *p = v + bit / 8;
	uint64_t mask = ((UINT64_C(1) << width) - 1) << (bit % 8);
	uint64_t w = 0;
	unsigned i, n = (bit % 8 + width + 7) / 8;

	if (width == 0)
		return;
	for (i = 0; i < n; i++)
		w |= (uint64_t)p[i] << (8 * i);
	w = (w & ~mask) | ((uint64_t)k << (bit % 8) & mask);
	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(w >> (8 * i));
}

static unsigned
width_of(uint32_t k)
{
	unsigned w = 0;

	while (w < 32 && (k >> w) != 0)
		w++;
	return w;
}

/*
 * Lay the rows out again with the columns' widths want (cap rows' room);
 * the rows so far keep their values.
 */
static int
relayout(struct ki_rowvals *rv, const unsigned *want)
{
	size_t i, r, bits = 0, *at;
	unsigned char *v;

	if ((at = calloc(rv->ncols + 1, sizeof(*at))) == NULL)
		return -1;
	for (i = 0; i < rv->ncols; i++) {
		at[i] = bits;
		bits += want[i];
	}
	if ((v = calloc((rv->cap * bits + 7) / 8 + SLACK, 1)) == NULL) {
		free(at);
		return -1;
	}
	for (r = 0; r < rv->n; r++)
		for (i = 0; i < rv->ncols; i++)
			put(v, r * bits + at[i], want[i], get(rv->v, r *
			    rv->bits + rv->col[i].at, rv->col[i].width));
	for (i = 0; i < rv->ncols; i++) {
		rv->col[i].at = at[i];
		rv->col[i].width = want[i];
	}
	free(rv->v);
	free(at);
	rv->v = v;
	rv->bits = bits;
	return 0;
}

/* Code each value of v into rv->code; note a column that must widen. */
static int
code_row(struct ki_rowvals *rv, const char *const *v, unsigned *want,
    int *wider)
{
	size_t i;
	long k;

	*wider = 0;
	for (i = 0; i < rv->ncols; i++) {
		struct ki_rowvals_col *c = &rv->col[i];

		rv->code[i] = 0;
		want[i] = c->width;
		if (v[i] == NULL)
			continue;
		if ((c->dict == NULL && (c->dict = ki_keys_new()) == NULL) ||
		    (k = ki_keys_intern(c->dict, v[i], NULL)) < 0)
			return -1;
		rv->code[i] = (uint32_t)k + 1;
		if (width_of(rv->code[i]) > c->width) {
			want[i] = width_of(rv->code[i]);
			*wider = 1;
		}
	}
	return 0;
}

long
ki_rowvals_add(struct ki_rowvals *rv, const char *const *v)
{
	int wider;
	size_t i;

	if (code_row(rv, v, rv->want, &wider) == -1)
		return -1;
	if (rv->n == rv->cap) {
		size_t cap = rv->cap ? rv->cap * 2 : 1024;
		size_t was = (rv->cap * rv->bits + 7) / 8;
		unsigned char *p = realloc(rv->v, (cap * rv->bits + 7) / 8 +
		    SLACK);

		if (p == NULL)
			return -1;
		memset(p + was, 0, (cap * rv->bits + 7) / 8 + SLACK - was);
		rv->v = p;
		rv->cap = cap;
	}
	if (wider && relayout(rv, rv->want) == -1)
		return -1;
	for (i = 0; i < rv->ncols; i++)
		put(rv->v, rv->n * rv->bits + rv->col[i].at, rv->col[i].width,
		    rv->code[i]);
	return (long)rv->n++;
}

const char *
ki_rowvals_get(const struct ki_rowvals *rv, size_t row, size_t col)
{
	const struct ki_rowvals_col *c = &rv->col[col];
	uint32_t k = get(rv->v, row * rv->bits + c->at, c->width);

	return k == 0 ? NULL : ki_keys_str(c->dict, (long)k - 1);
}

size_t
ki_rowvals_bytes(const struct ki_rowvals *rv)
{
	return (rv->n * rv->bits + 7) / 8;
}

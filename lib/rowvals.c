/* Rows of a few text values each, kept in bytes: each value interned once. */
#include <stdlib.h>
#include <string.h>

#include "ki/rowvals.h"

int
ki_rowvals_init(struct ki_rowvals *rv, size_t ncols)
{
	memset(rv, 0, sizeof(*rv));
	rv->ncols = ncols;
	rv->width = 1;
	return (rv->pool = ki_keys_new()) == NULL ? -1 : 0;
}

void
ki_rowvals_free(struct ki_rowvals *rv)
{
	ki_keys_free(rv->pool);
	free(rv->v);
	memset(rv, 0, sizeof(*rv));
}

static uint32_t
get(const unsigned char *p, unsigned width)
{
	uint16_t h;
	uint32_t w;

	switch (width) {
	case 1:
		return *p;
	case 2:
		memcpy(&h, p, 2);
		return h;
	default:
		memcpy(&w, p, 4);
		return w;
	}
}

static void
put(unsigned char *p, unsigned width, uint32_t k)
{
	uint16_t h = (uint16_t)k;

	if (width == 1)
		*p = (unsigned char)k;
	else if (width == 2)
		memcpy(p, &h, 2);
	else
		memcpy(p, &k, 4);
}

/* Store the first n values width bytes wide (cap rows' room). */
static int
widen(struct ki_rowvals *rv, unsigned width, size_t n)
{
	size_t i;
	unsigned char *v = malloc(rv->cap * rv->ncols * width + 1);

	if (v == NULL)
		return -1;
	for (i = 0; i < n; i++)
		put(v + i * width, width, get(rv->v + i * rv->width, rv->width));
	free(rv->v);
	rv->v = v;
	rv->width = width;
	return 0;
}

long
ki_rowvals_add(struct ki_rowvals *rv, const char *const *v)
{
	size_t i, w;
	long k;

	if (rv->n == rv->cap) {
		size_t cap = rv->cap ? rv->cap * 2 : 1024;
		unsigned char *p = realloc(rv->v, cap * rv->ncols * rv->width +
		    1);

		if (p == NULL)
			return -1;
		rv->v = p;
		rv->cap = cap;
	}
	w = rv->n * rv->ncols;
	for (i = 0; i < rv->ncols; i++) {
		k = 0;
		if (v[i] != NULL && (k = ki_keys_intern(rv->pool, v[i],
		    NULL) + 1) <= 0)
			return -1;
		if ((k > 0xff && rv->width < 2 && widen(rv, 2, w + i) == -1) ||
		    (k > 0xffff && rv->width < 4 && widen(rv, 4, w + i) == -1))
			return -1;
		put(rv->v + (w + i) * rv->width, rv->width, (uint32_t)k);
	}
	return (long)rv->n++;
}

const char *
ki_rowvals_get(const struct ki_rowvals *rv, size_t row, size_t col)
{
	uint32_t k = get(rv->v + (row * rv->ncols + col) * rv->width,
	    rv->width);

	return k == 0 ? NULL : ki_keys_str(rv->pool, (long)k - 1);
}

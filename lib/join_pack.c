/*
 * A per-school source packed for the join: each column's distinct values
 * interned once, each row a value number per column in the fewest bits
 * that hold them (a yes/no column takes 2), found by the run's URNs
 * (lib/urnset.c). A million schools of an LA sheet take some 4 bytes
 * each beside their URNs.
 */
#include <stdlib.h>
#include <string.h>

#include "ki/import_int.h"

/*
 * A column's value numbers: 0 blank, else its value's index + 1, each in
 * width[col] bits (1, 2, 4, 8, 16 or 32); under a byte, packed low bits
 * first.
 */
static uint32_t
get(const void *a, unsigned w, size_t row)
{
	size_t bit;

	switch (w) {
	case 8:
		return ((const uint8_t *)a)[row];
	case 16:
		return ((const uint16_t *)a)[row];
	case 32:
		return ((const uint32_t *)a)[row];
	default:
		bit = row * w;
		return (uint32_t)(((const uint8_t *)a)[bit / 8] >> (bit % 8)) &
		    ((1u << w) - 1);
	}
}

static void
put(void *a, unsigned w, size_t row, uint32_t id)
{
	size_t bit;
	uint8_t *b;

	switch (w) {
	case 8:
		((uint8_t *)a)[row] = (uint8_t)id;
		break;
	case 16:
		((uint16_t *)a)[row] = (uint16_t)id;
		break;
	case 32:
		((uint32_t *)a)[row] = id;
		break;
	default:
		bit = row * w;
		b = (uint8_t *)a + bit / 8;
		*b = (uint8_t)((*b & ~(((1u << w) - 1) << (bit % 8))) |
		    (id << (bit % 8)));
		break;
	}
}

static uint32_t
id_at(const struct ki_imp_pack *p, size_t col, size_t row)
{
	return get(p->ids[col], p->width[col], row);
}

/* Bytes for cap rows (a multiple of 8) of w bits. */
static size_t
id_bytes(size_t cap, unsigned w)
{
	return cap / 8 * w;
}

/* Widen column col's numbers to w bits each. Returns 0, or -1. */
static int
widen(struct ki_imp_pack *p, size_t col, unsigned w)
{
	void *a = malloc(id_bytes(p->cap, w));
	size_t r;

	if (a == NULL)
		return -1;
	for (r = 0; r < p->nrows; r++)
		put(a, w, r, id_at(p, col, r));
	free(p->ids[col]);
	p->ids[col] = a;
	p->width[col] = (unsigned char)w;
	return 0;
}

int
ki_imp_pack_init(struct ki_imp_pack *p, size_t ncols, long urncol)
{
	size_t i;

	memset(p, 0, sizeof(*p));
	p->ncols = ncols;
	p->urncol = urncol;
	p->ident = 1;
	if ((p->dict = calloc(ncols + 1, sizeof(*p->dict))) == NULL ||
	    (p->ids = calloc(ncols + 1, sizeof(*p->ids))) == NULL ||
	    (p->width = calloc(ncols + 1, 1)) == NULL)
		return -1;
	for (i = 0; i < ncols; i++) {
		p->width[i] = 1;
		if ((long)i != urncol && (p->dict[i] = ki_keys_new()) == NULL)
			return -1;
	}
	return 0;
}

void
ki_imp_pack_free(struct ki_imp_pack *p)
{
	size_t i;

	for (i = 0; p->dict != NULL && i < p->ncols; i++)
		ki_keys_free(p->dict[i]);
	for (i = 0; p->ids != NULL && i < p->ncols; i++)
		free(p->ids[i]);
	free(p->dict);
	free(p->ids);
	free(p->width);
	free(p->jrow);
	free(p->jline);
	free(p->rowof);
	memset(p, 0, sizeof(*p));
}

/* Room for one more row. Returns 0, or -1. */
static int
grow_rows(struct ki_imp_pack *p)
{
	size_t cap = p->cap ? p->cap * 2 : 1024, i;

	for (i = 0; i < p->ncols; i++) {
		void *a;

		if ((long)i == p->urncol)
			continue;
		if ((a = realloc(p->ids[i], id_bytes(cap, p->width[i]))) ==
		    NULL)
			return -1;
		p->ids[i] = a;
	}
	p->cap = cap;
	return 0;
}

/*
 * Note that school u (an index of urns) is row r. While each row's school
 * is the next URN interned (a first sheet), row and school are one number
 * and the map is not kept. Returns 0, or -1.
 */
static int
set_rowof(struct ki_imp_pack *p, long u, size_t r)
{
	size_t n = p->nrowof, i;
	uint32_t *a;

	if (p->ident && (size_t)u == r)
		return 0;
	if (n <= (size_t)u || n < r) {
		n = n ? n : 1024;
		while (n <= (size_t)u || n < r)
			n *= 2;
		if ((a = realloc(p->rowof, n * sizeof(*a))) == NULL)
			return -1;
		memset(a + p->nrowof, 0, (n - p->nrowof) * sizeof(*a));
		p->rowof = a;
		p->nrowof = n;
	}
	for (i = 0; p->ident && i < r; i++)
		p->rowof[i] = (uint32_t)i + 1;
	p->ident = 0;
	p->rowof[u] = (uint32_t)r + 1;
	return 0;
}

/*
 * Note that row r is of line. Lines are kept as runs: a row one line
 * after the row before it adds nothing. Returns 0, or -1.
 */
static int
set_line(struct ki_imp_pack *p, size_t r, long line)
{
	uint32_t l = line < 0 || line > (long)UINT32_MAX ? 0 : (uint32_t)line;

	if (p->njump > 0 && l - p->jline[p->njump - 1] ==
	    r - p->jrow[p->njump - 1])
		return 0;
	if (p->njump == p->capjump) {
		size_t cap = p->capjump ? p->capjump * 2 : 16;
		uint32_t *a, *b;

		if ((a = realloc(p->jrow, cap * sizeof(*a))) == NULL)
			return -1;
		p->jrow = a;
		if ((b = realloc(p->jline, cap * sizeof(*b))) == NULL)
			return -1;
		p->jline = b;
		p->capjump = cap;
	}
	p->jrow[p->njump] = (uint32_t)r;
	p->jline[p->njump++] = l;
	return 0;
}

/* The line of row r. */
static long
line_of(const struct ki_imp_pack *p, size_t r)
{
	size_t lo = 0, hi = p->njump;

	/* The last run that starts at or before r. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->jrow[mid] <= r)
			lo = mid;
		else
			hi = mid;
	}
	return (long)(p->jline[lo] + (r - p->jrow[lo]));
}

int
ki_imp_pack_add(struct ki_imp_pack *p, struct ki_urnset *urns,
    const char *urn, const char *const *v, long line, long *first)
{
	long u, r;
	size_t i;

	if ((r = ki_imp_pack_find(p, urns, urn)) >= 0) {
		*first = line_of(p, (size_t)r);
		return 1;
	}
	if (p->nrows >= UINT32_MAX - 1 ||
	    (p->nrows == p->cap && grow_rows(p) == -1) ||
	    (u = ki_urnset_intern(urns, urn)) == -1)
		return -1;
	for (i = 0; i < p->ncols; i++) {
		long id;

		if ((long)i == p->urncol)
			continue;
		if (v[i] == NULL) {
			put(p->ids[i], p->width[i], p->nrows, 0);
			continue;
		}
		if ((id = ki_keys_intern(p->dict[i], v[i], NULL)) == -1)
			return -1;
		/* The number id + 1 must fit the column's width. */
		if (p->width[i] < 32 && ((id + 1) >> p->width[i]) != 0 &&
		    widen(p, i, p->width[i] * 2u) == -1)
			return -1;
		put(p->ids[i], p->width[i], p->nrows, (uint32_t)id + 1);
	}
	if (set_line(p, p->nrows, line) == -1 ||
	    set_rowof(p, u, p->nrows) == -1)
		return -1;
	p->nrows++;
	return 0;
}

long
ki_imp_pack_find(const struct ki_imp_pack *p, const struct ki_urnset *urns,
    const char *urn)
{
	long u = ki_urnset_find(urns, urn);

	if (p->ident)
		return u >= 0 && (size_t)u < p->nrows ? u : -1;
	if (u < 0 || (size_t)u >= p->nrowof || p->rowof[u] == 0)
		return -1;
	return (long)p->rowof[u] - 1;
}

void
ki_imp_pack_row(const struct ki_imp_pack *p, long row, const char *urn,
    const char **v)
{
	size_t i;

	for (i = 0; i < p->ncols; i++) {
		uint32_t id;

		if ((long)i == p->urncol) {
			v[i] = urn;
			continue;
		}
		id = id_at(p, i, (size_t)row);
		v[i] = id == 0 ? NULL : ki_keys_str(p->dict[i], (long)id - 1);
	}
}

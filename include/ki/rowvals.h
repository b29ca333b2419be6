/* Rows of a few text values each, kept in bits: each column's values coded. */
#ifndef KI_ROWVALS_H
#define KI_ROWVALS_H

#include <stddef.h>
#include <stdint.h>

#include "ki/keys.h"

/*
 * Each column has its own dictionary of the distinct strings it holds,
 * and each value is stored as its code (0 for blank) in as many bits as
 * the column's dictionary needs, widened as it grows. A row of ten yes/no
 * columns takes under three bytes; a column always blank takes none.
 */
struct ki_rowvals_col {
	struct ki_keys *dict;	/* created on its first value */
	unsigned width;		/* bits a value */
	size_t at;		/* the first bit in a row */
};

struct ki_rowvals {
	size_t ncols;
	struct ki_rowvals_col *col;
	size_t bits;		/* bits a row: the columns' widths */
	unsigned char *v;	/* rows * bits, end to end */
	size_t n, cap;		/* rows */
	uint32_t *code;		/* a row's codes, as it is added */
	unsigned *want;		/* and the columns' widths they need */
};

/* Start rv with rows of ncols values. Returns 0, or -1 out of memory. */
int ki_rowvals_init(struct ki_rowvals *rv, size_t ncols);

/* Free what rv holds. A zeroed rv may be freed too. */
void ki_rowvals_free(struct ki_rowvals *rv);

/*
 * Add a row of the ncols values v (NULL for blank). Returns its index (0,
 * 1, 2, ...), or -1 out of memory.
 */
long ki_rowvals_add(struct ki_rowvals *rv, const char *const *v);

/* Value col of row, or NULL for blank. */
const char *ki_rowvals_get(const struct ki_rowvals *rv, size_t row,
    size_t col);

/* The bytes the rows take (for tests and measures). */
size_t ki_rowvals_bytes(const struct ki_rowvals *rv);

#endif

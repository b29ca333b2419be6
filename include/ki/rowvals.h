/* Rows of a few text values each, kept in bytes: each value interned once. */
#ifndef KI_ROWVALS_H
#define KI_ROWVALS_H

#include <stddef.h>
#include <stdint.h>

#include "ki/keys.h"

/*
 * Each row is ncols values, each the index of a distinct string in one
 * pool (0 for blank), stored 1, 2 or 4 bytes wide: as wide as the pool's
 * size needs, widened as it grows. Ten yes/no or grade columns of a row
 * take ten bytes.
 */
struct ki_rowvals {
	size_t ncols;
	struct ki_keys *pool;
	unsigned char *v;	/* rows * ncols values, width bytes each */
	size_t n, cap;		/* rows */
	unsigned width;
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

#endif

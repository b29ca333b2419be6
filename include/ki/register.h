/* Registers of people (advisers, system leaders): one row each, a unique id. */
#ifndef KI_REGISTER_H
#define KI_REGISTER_H

#include <stddef.h>

#include "ki/err.h"
#include "ki/rec.h"
#include "ki/tab.h"

struct ki_register {
	struct ki_reader *rd;
	struct ki_tab *ids;
	const char *const *cols;
	size_t ncols;
	size_t cap;		/* of the caller's array, for ki_register_grow */
};

/*
 * Open the register at path (CSV or NDJSON; flags as ki_reader_open's)
 * whose columns are cols[0..n-1], cols[0] the id. A CSV file must have
 * them all: a missing one is an error "no such column (has)". Returns 0,
 * or -1 with err.
 */
int ki_register_open(struct ki_register *r, const char *path, int flags,
    const char *const *cols, size_t n, const char *has, struct ki_err *err);

/*
 * The next row: v[i] (n of them) the value of cols[i], NULL when blank or
 * absent; v[0], the id, is never blank and never seen before (each an
 * error at the line). Returns 1, 0 after the last row, or -1 with err.
 */
int ki_register_next(struct ki_register *r, const char **v, long *line,
    struct ki_err *err);

/* The name of the file, for messages. */
const char *ki_register_name(const struct ki_register *r);

/*
 * arr (n elements of size bytes) with room for one more: the same or a
 * new array, or NULL out of memory (arr is as it was).
 */
void *ki_register_grow(struct ki_register *r, void *arr, size_t n,
    size_t size);

/* Close the file and free what r holds. */
void ki_register_close(struct ki_register *r);

#endif

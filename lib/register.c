/* Registers of people: read row by row, each id present and once. */
#include <stdlib.h>
#include <string.h>

#include "ki/register.h"

int
ki_register_open(struct ki_register *r, const char *path, int flags,
    const char *const *cols, size_t n, const char *has, struct ki_err *err)
{
	size_t i;

	memset(r, 0, sizeof(*r));
	r->cols = cols;
	r->ncols = n;
	if ((r->rd = ki_reader_open(path, KI_FMT_AUTO, flags, err)) == NULL)
		return -1;
	if ((r->ids = ki_tab_new()) == NULL) {
		ki_register_close(r);
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	}
	for (i = 0; i < n && ki_reader_fmt(r->rd) == KI_FMT_CSV; i++)
		if (ki_hdr_index(ki_reader_hdr(r->rd), cols[i]) < 0) {
			ki_err_set(err, ki_reader_name(r->rd), 1, cols[i], "no "
			    "such column (%s)", has);
			ki_register_close(r);
			return -1;
		}
	return 0;
}

int
ki_register_next(struct ki_register *r, const char **v, long *line,
    struct ki_err *err)
{
	struct ki_rec *rec;
	size_t i;
	int rc;

	if ((rc = ki_reader_next(r->rd, &rec, err)) != 1)
		return rc;
	/* The header grows as NDJSON keys appear: look each row. */
	for (i = 0; i < r->ncols; i++) {
		long c = ki_hdr_index(ki_reader_hdr(r->rd), r->cols[i]);

		v[i] = c >= 0 ? rec->v[c] : NULL;
	}
	*line = rec->line;
	if (v[0] == NULL)
		return ki_err_set(err, ki_reader_name(r->rd), rec->line,
		    r->cols[0], "blank");
	if (ki_tab_get(r->ids, v[0]) != NULL)
		return ki_err_set(err, ki_reader_name(r->rd), rec->line,
		    r->cols[0], "%s appears twice", v[0]);
	if (ki_tab_put(r->ids, v[0], r) == -1)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	return 1;
}

const char *
ki_register_name(const struct ki_register *r)
{
	return ki_reader_name(r->rd);
}

void *
ki_register_grow(struct ki_register *r, void *arr, size_t n, size_t size)
{
	size_t cap = r->cap ? r->cap * 2 : 16;
	void *na;

	if (n < r->cap)
		return arr;
	if ((na = realloc(arr, cap * size)) == NULL)
		return NULL;
	r->cap = cap;
	return na;
}

void
ki_register_close(struct ki_register *r)
{
	ki_tab_free(r->ids, NULL);
	ki_reader_close(r->rd);
	r->ids = NULL;
	r->rd = NULL;
}

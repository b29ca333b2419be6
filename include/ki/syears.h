/* School-years: a compact list of (school, year) facts, indexed by school. */
#ifndef KI_SYEARS_H
#define KI_SYEARS_H

#include <stddef.h>
#include <stdint.h>

#include "ki/err.h"
#include "ki/urnset.h"

/* One school-year: 16 bytes, whatever the width of the row it came from. */
struct ki_sy {
	uint32_t school;	/* a ki_urnset index */
	uint32_t line;		/* the row's line, for messages */
	uint32_t data;		/* the caller's */
	int16_t year;
};

struct ki_syears {
	struct ki_sy *y;
	size_t n, cap;
	uint32_t *first;	/* school i's years: y[first[i]..first[i + 1]) */
};

/* Add one. Returns 0, or -1 on allocation failure. */
int ki_syears_add(struct ki_syears *s, uint32_t school, int year, long line,
    uint32_t data);

/*
 * Sort by school and year, and index nschools schools. Returns 0, 1 with
 * *dup at the second row of a school that comes twice in one year, or -1
 * on allocation failure.
 */
int ki_syears_index(struct ki_syears *s, size_t nschools,
    const struct ki_sy **dup);

/*
 * ki_syears_index for the schools of urns, with the error in err: a school
 * twice in one year is an error at its line of file. Returns 0 or -1.
 */
int ki_syears_index_err(struct ki_syears *s, const struct ki_urnset *urns,
    const char *file, struct ki_err *err);

/* School's record for year, or NULL (after ki_syears_index). */
const struct ki_sy *ki_syears_find(const struct ki_syears *s, uint32_t school,
    int year);

/* Free what s holds and empty it. */
void ki_syears_free(struct ki_syears *s);

#endif

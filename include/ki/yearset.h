/* The years (1900-2100) an input holds, to say which when --year is not one. */
#ifndef KI_YEARSET_H
#define KI_YEARSET_H

#include "ki/err.h"

struct ki_yearset {
	unsigned char has[201];	/* has[y - 1900] */
};

/* Note year y; years outside 1900-2100 are ignored. */
void ki_yearset_add(struct ki_yearset *s, int y);

/* 1 if year y was noted, else 0. */
int ki_yearset_has(const struct ki_yearset *s, int y);

/*
 * Fill err with "OPT YEAR: no row has that year; the years present are
 * 2017, 2018 and 2019" (runs of three or more as "2005 to 2015"), about
 * file (may be NULL). Always returns -1.
 */
int ki_yearset_err(const struct ki_yearset *s, const char *opt, int year,
    const char *file, struct ki_err *err);

#endif

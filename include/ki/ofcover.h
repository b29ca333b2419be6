/*
 * What an Ofsted file covers: the period of an "inspections in period"
 * file, whether a file is a "latest inspections as at DATE" snapshot, and
 * whether a run of covered spans reaches from one date to another.
 */
#ifndef KI_OFCOVER_H
#define KI_OFCOVER_H

#include <stddef.h>

/*
 * The period an Ofsted file's name gives, into from and to (yyyy-mm-dd, 11
 * bytes each): "FROM_to_TO", "FROM to TO" or "FROM-to-TO", each a day
 * (2014-10-01, 20141001, 1_October_2014, 01-10-2014) or a month (2014-10:
 * from its first day, to its last); or "year_to_date ... by DATE", from 1
 * September of DATE's academic year. Returns 1, or 0 when the name gives
 * no period.
 */
int ki_ofcover_period_name(const char *path, char *from, char *to);

/*
 * Whether the name says it is a snapshot, "as at DATE" (as_at_31_May_2026,
 * as at 2026-05-31, asat20260531). Returns 1 or 0.
 */
int ki_ofcover_snapshot_name(const char *path);

/*
 * Read --ofsted-period FROM:TO (each yyyy-mm-dd or dd/mm/yyyy) into from
 * and to. Returns 0, or -1 when it is not two dates, FROM not after TO.
 */
int ki_ofcover_period_arg(const char *arg, char *from, char *to);

/* The academic year (by its end) of a yyyy-mm-dd date, or 0. */
int ki_ofcover_year(const char *date);

/* Dates a source covers for one school: day numbers lo to hi. */
struct ki_span {
	long lo, hi;
};

/*
 * Whether the spans v[0..n-1] (sorted in place) cover every day from x to
 * d, one after another without a gap; a span that ends the day before the
 * next begins joins it. x and d are yyyy-mm-dd. Returns 1 or 0.
 */
int ki_spans_cover(struct ki_span *v, size_t n, const char *x, const char *d);

/*
 * Add the span lo..hi (yyyy-mm-dd; a blank or bad date adds nothing) to
 * v, which holds *n of at most cap spans. Returns 0, or -1 when full.
 */
int ki_span_add(struct ki_span *v, size_t *n, size_t cap, const char *lo,
    const char *hi);

#endif

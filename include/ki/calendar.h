/* School calendars: terms, INSET days and bank holidays, as JSON. */
#ifndef KI_CALENDAR_H
#define KI_CALENDAR_H

#include <stddef.h>

#include "ki/err.h"

/*
 * A calendar is one JSON object:
 *
 *   {
 *     "calendar": "kent-2026-27", "description": "...", "source": "...",
 *     "terms": [{"name": "Term 1", "start": "2026-09-01",
 *                "end": "2026-10-23"}, ...],      in order, apart
 *     "inset": [{"date": "2026-09-01", "name": "..."}],   within a term
 *     "bank_holidays": [{"date": "2026-12-25", "name": "Christmas Day"}]
 *   }
 *
 * A school day is a Monday to Friday within a term that is neither an
 * INSET day nor a bank holiday. Days are day numbers (lib/date.c).
 */

struct ki_term {
	char *name;
	long start, end;
};

struct ki_cal {
	char *name;		/* "calendar", or the file's name */
	struct ki_term *term;
	size_t nterm;
	long *day;		/* the school days, in order */
	size_t nday;
	struct ki_cal_off *off;	/* INSET days and bank holidays */
	size_t noff;
};

/*
 * Load and check the calendar at path: valid dates, each term's start
 * not after its end, terms in order and not overlapping, every INSET day
 * within a term. Returns NULL with err (file and the place in it).
 */
struct ki_cal *ki_cal_load(const char *path, struct ki_err *err);

/* Free c. NULL is allowed. */
void ki_cal_free(struct ki_cal *c);

/* The term holding day (0-based), or -1 when day is in no term. */
long ki_cal_term(const struct ki_cal *c, long day);

/* Whether day is a school day. */
int ki_cal_school(const struct ki_cal *c, long day);

/*
 * Why day is not a school day, into buf (size n): "a Saturday", "a bank
 * holiday (Christmas Day)", "an INSET day", "in the holiday after Term 2",
 * "outside the calendar"; "" for a school day.
 */
void ki_cal_why(const struct ki_cal *c, long day, char *buf, size_t n);

/*
 * The index in c->day of the first school day on or after day (c->nday
 * when there is none).
 */
size_t ki_cal_index(const struct ki_cal *c, long day);

#endif

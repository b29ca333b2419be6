/* History: each school's years and its predecessors', for ki-floor and ki-categorise. */
#ifndef KI_HIST_H
#define KI_HIST_H

#include <stddef.h>
#include <stdint.h>

#include "ki/err.h"
#include "ki/urnset.h"
#include "ki/links.h"
#include "ki/syears.h"

/*
 * The rows' schools (by URN, in first-seen order), a record of each of
 * their years (ki_syears, the caller's 32 bits of data in each) and the
 * predecessor links between them. Fill with ki_hist_add and ki_hist_link,
 * then ki_hist_index once; then ki_hist_find.
 */
struct ki_hist {
	struct ki_urnset *urns;	/* urn -> school index */
	struct ki_syears years;
	struct ki_links links;
};

/* The predecessor whose years ki_hist_find read instead of the school's. */
struct ki_hist_from {
	long school;		/* the first one read, or -1: none */
	int lo, hi;		/* the years read from predecessors */
};

/* Start an empty history. Returns 0, or -1 on allocation failure. */
int ki_hist_init(struct ki_hist *h);

/* Free what h holds. A zeroed h may be freed too. */
void ki_hist_free(struct ki_hist *h);

/* A hint (ki_urnset_prefetch): urn is about to be added. */
void ki_hist_prefetch(const struct ki_hist *h, const char *urn);

/*
 * Add school urn's row of year, read at line, with data. Returns the
 * school's index, or -1 on allocation failure.
 */
long ki_hist_add(struct ki_hist *h, const char *urn, int year, long line,
    uint32_t data);

/*
 * Note that pred is urn's predecessor (NULL or blank ignored; see
 * ki_links_note). Returns 0, or -1 on allocation failure.
 */
int ki_hist_link(struct ki_hist *h, const char *urn, const char *pred);

/*
 * After the last row: index the years and follow the links. Returns 0, or
 * -1 with err set: a school twice in one year (at its second row's line
 * of file), or out of memory.
 */
int ki_hist_index(struct ki_hist *h, const char *file, struct ki_err *err);

/* The number of schools. */
size_t ki_hist_nschools(const struct ki_hist *h);

/* School s's URN. */
const char *ki_hist_urn(const struct ki_hist *h, long s, char *buf, size_t n);

/* No predecessor's years read yet. */
void ki_hist_from_clear(struct ki_hist_from *f);

/*
 * School s's record of year; if it has none, its predecessor's, and so on
 * (a school that became an academy keeps its history), at most
 * KI_LINKS_DEPTH deep. A predecessor's record read is noted in f (when not
 * NULL). Returns NULL when none has the year.
 */
const struct ki_sy *ki_hist_find(const struct ki_hist *h, uint32_t s,
    int year, struct ki_hist_from *f);

/*
 * How many of school s's years lo..hi (each as ki_hist_find finds it) have
 * data whose bits mask are want.
 */
int ki_hist_count(const struct ki_hist *h, uint32_t s, int lo, int hi,
    uint32_t mask, uint32_t want, struct ki_hist_from *f);

/*
 * How many years in a row, back from year, school s has (as ki_hist_find
 * finds them) with data whose bits mask are want.
 */
int ki_hist_run(const struct ki_hist *h, uint32_t s, int year, uint32_t mask,
    uint32_t want, struct ki_hist_from *f);

/* f's years as "LO" or "LO-HI" in buf (n bytes). */
void ki_hist_years(const struct ki_hist_from *f, char *buf, size_t n);

#endif

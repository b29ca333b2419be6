/* ki-plan's windows of days (lib/planwin.c), for lib/planout.c. */
#ifndef KI_PLANWIN_H
#define KI_PLANWIN_H

#include "plan_impl.h"

/*
 * The events of one calendar (who's, or every one's), made a window at a
 * time: the days from d0 to d1 whose events fit in cap, or one day's,
 * school by school, when they do not; each window sorted by day, then
 * school, rule and number, and handed to sink.
 */
struct win {
	const struct plan *p;
	const char *who;	/* NULL: every event */
	int (*sink)(struct win *, struct ki_err *);
	void *arg;		/* the sink's */
	size_t *hist;		/* who's events a day, from p->from */
	uint32_t *k;		/* per rule and group: schools so far */
	struct plan_event *ev;	/* the window's */
	size_t nev, cap;
	long d0, d1;
	size_t s0, stop, at;	/* first school; where it stopped; this one's */
	int part, full, oom;
};

/* Whether event e belongs in who's calendar (NULL: every calendar). */
int plan_mine(const struct plan *p, const struct plan_event *e,
    const char *who);

/* The id of the adviser who chairs event e, or NULL. */
const char *plan_chair(const struct plan *p, const struct plan_event *e);

/* Make every window of w->who's events and sink it. 0, or -1 with err. */
int plan_windows(struct win *w, struct ki_err *err);

/* Call fn(w, e) for every event of every school. 0, or -1 with err. */
int plan_each(struct win *w, int (*fn)(void *, const struct plan_event *),
    struct ki_err *err);

/* Free what plan_windows allocated (not w). */
void plan_win_free(struct win *w);

#endif

/* The ofsted report's history: when each inspection was, and what before. */
#include <stdlib.h>
#include <string.h>

#include "ki/date.h"
#include "report_ofsted.h"

const char *const ki_rc_cols[NRC] = { "rc_safeguarding", "rc_inclusion",
	"rc_curriculum", "rc_achievement", "rc_attendance", "rc_personal",
	"rc_early_years", "rc_post16", "rc_leadership" };
const char *const ki_rc_names[NRC] = { "Safeguarding standards",
	"Inclusion", "Curriculum and teaching", "Achievement",
	"Attendance and behaviour", "Personal development and wellbeing",
	"Early years", "Post-16 provision", "Leadership and governance" };
const char *const ki_rc_words[5] = { "Exceptional", "Strong standard",
	"Expected standard", "Needs attention", "Urgent improvement" };

/*
 * The day a judgement was published in *day: the publication date, else
 * the end of the inspection. Returns 0, 1 when the row has neither date,
 * or -1 with err set when a date is not a date.
 */
int
ki_rpublished(const struct rdata *d, size_t i, long *day, struct ki_err *err)
{
	static const char *const cols[] = { "ofsted_published", "ofsted_date" };
	long when[2];
	int has[2], k;

	for (k = 0; k < 2; k++) {
		const char *v = ki_rval(d, i, cols[k]);

		if ((has[k] = v != NULL) && ki_date_parse(v, &when[k]) == -1)
			return ki_err_set(err, d->name, d->rows[i].line, cols[k],
			    "\"%s\" is not a date such as 2014-11-21", v);
	}
	if (!has[0] && !has[1])
		return 1;
	*day = has[0] ? when[0] : when[1];
	return 0;
}

/*
 * The day of row k's inspection in *now (its end, else the day published),
 * and of the previous one in *prev (ofsted_prev_date, else
 * ofsted_prev_published; not known: -1, or *now when that is before
 * every day a word changes, as the previous is earlier still). Returns 0,
 * or -1 with err set for a date that is not one.
 */
int
ki_rinspection_days(const struct rdata *d, size_t k, long published,
    long *now, long *prev, struct ki_err *err)
{
	static const char *const cols[] = { "ofsted_date", "ofsted_prev_date",
	    "ofsted_prev_published" };
	long when[3];
	size_t c;

	for (c = 0; c < 3; c++) {
		const char *v = ki_rval(d, k, cols[c]);

		when[c] = -1;
		if (v != NULL && ki_date_parse(v, &when[c]) == -1)
			return ki_err_set(err, d->name, d->rows[k].line, cols[c],
			    "\"%s\" is not a date such as 2014-11-21", v);
	}
	*now = when[0] >= 0 ? when[0] : published;
	*prev = when[1] >= 0 ? when[1] : when[2] >= 0 ? when[2] : -1;
	if (*prev < 0 && *now < 15584)	/* 2012-09-01 */
		*prev = *now;
	return 0;
}

/* Whether row i is a report card: it has a judgement in an area. */
int
ki_ris_card(const struct rdata *d, size_t i)
{
	size_t a;

	for (a = 0; a < NRC; a++)
		if (ki_rval(d, i, ki_rc_cols[a]) != NULL)
			return 1;
	return 0;
}

/*
 * Whether row i holds a judgement: an overall grade, a report card or the
 * key judgements of an inspection with no overall grade (not a monitoring
 * visit).
 */
int
ki_ris_judged(const struct rdata *d, size_t i)
{
	return ki_rval(d, i, "ofsted_grade") != NULL || ki_ris_card(d, i) ||
	    ki_rval(d, i, "ofsted_quality") != NULL ||
	    ki_rval(d, i, "ofsted_leadership") != NULL;
}

/* A row to sort: its urn, its day and its place in the input. */
struct at {
	const char *urn;
	long day;
	size_t i;
};

/* Rows by urn, then day, then place in the input. */
static int
by_school(const void *a, const void *b)
{
	const struct at *x = a, *y = b;
	int c = strcmp(x->urn, y->urn);

	if (c != 0)
		return c;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * Fill pr for the dated rows with a urn (st[i] 0), by one sort: each
 * school's rows in order, remembering the last judged row and report card
 * of the days before. Returns 0, or -1 out of memory.
 */
int
ki_rprior_fill(const struct rdata *d, const long *day, const int *st,
    struct prior *pr)
{
	struct at *ord = calloc(d->n + 1, sizeof(*ord));
	size_t m = 0, i;
	long lastj = -1, lastc = -1, curj = -1, curc = -1;

	pr->judged = calloc(d->n + 1, sizeof(long));
	pr->card = calloc(d->n + 1, sizeof(long));
	if (ord == NULL || pr->judged == NULL || pr->card == NULL) {
		free(ord);
		return -1;
	}
	for (i = 0; i < d->n; i++) {
		pr->judged[i] = pr->card[i] = -1;
		if (st[i] == 0 && ki_rval(d, i, "urn") != NULL) {
			ord[m].urn = ki_rval(d, i, "urn");
			ord[m].day = day[i];
			ord[m++].i = i;
		}
	}
	qsort(ord, m, sizeof(*ord), by_school);
	for (i = 0; i < m; i++) {
		size_t k = ord[i].i;

		if (i == 0 || strcmp(ord[i].urn, ord[i - 1].urn) != 0)
			lastj = lastc = curj = curc = -1;
		else if (day[k] != ord[i - 1].day) {
			lastj = curj >= 0 ? curj : lastj;
			lastc = curc >= 0 ? curc : lastc;
			curj = curc = -1;
		}
		pr->judged[k] = lastj;
		pr->card[k] = lastc;
		if (ki_ris_judged(d, k))
			curj = (long)k;
		if (ki_ris_card(d, k))
			curc = (long)k;
	}
	free(ord);
	return 0;
}

/* The school's previous report card (cards) or judged row, or -1. */
long
ki_rbefore(const struct prior *pr, size_t k, int cards)
{
	return cards ? pr->card[k] : pr->judged[k];
}

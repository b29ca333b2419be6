/* The indicators report: the Kent Challenge success indicators. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/policy.h"
#include "ki/val.h"
#include "report_kind.h"

/* The counts the indicators are made of. */
struct ind {
	int year, base;
	long below_base, below_now;	/* below the floor, maintained */
	long graded, good, cat;
	long gaps, nogap;		/* schools with and without a gap */
	double gap;			/* the sum of their gaps */
};

/* The KS2 disadvantaged gap of row i (weight w). Returns 0 or -1. */
static int
add_gap(const struct rdata *d, size_t i, long w, struct ind *n,
    struct ki_err *err)
{
	const char *vx = ki_rval(d, i, "ks2_rwm_exp_disadv");
	const char *vy = ki_rval(d, i, "ks2_rwm_exp_other");
	double x, y;
	int fx = ki_val_figure(vx, &x);
	int fy = ki_val_figure(vy, &y);

	if (fx == -1 || fy == -1)
		return ki_err_set(err, d->name, d->rows[i].line, fx == -1 ?
		    "ks2_rwm_exp_disadv" : "ks2_rwm_exp_other", "\"%s\" is not "
		    "a number", fx == -1 ? vx : vy);
	if (fx == 1 && fy == 1) {
		n->gap += w * (y - x);
		n->gaps += w;
	} else if (ki_rdata_has(d, "ks2_rwm_exp_disadv") ||
	    ki_rdata_has(d, "ks2_rwm_exp_other"))
		n->nogap += w;
	return 0;
}

static int
count(const struct rdata *d, struct ind *n, struct ki_err *err)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		const char *bf = ki_rval(d, i, "below_floor"), *g = ki_rgrade(d, i);
		const char *fund = ki_rval(d, i, "funding");
		long w = d->rows[i].count;

		/* The Kent Challenge is for schools "excluding academies". */
		if (bf != NULL && strcmp(bf, "yes") == 0 &&
		    !(fund != NULL && strcmp(fund, "academy") == 0)) {
			n->below_base += w * (ki_ryear(d, i) == n->base);
			n->below_now += w * (ki_ryear(d, i) == n->year);
		}
		if (ki_ryear(d, i) != n->year)
			continue;
		if (g != NULL && g[0] >= '1' && g[0] <= '4' && !g[1]) {
			n->graded += w;
			n->good += w * (g[0] <= '2');
		}
		if ((g != NULL && strcmp(g, "4") == 0) ||
		    ki_rval(d, i, "ofsted_category") != NULL)
			n->cat += w;
		if (add_gap(d, i, w, n, err) == -1)
			return -1;
	}
	return 0;
}

/* The reduction in schools below the floor, against the target. */
static void
reduction(struct rctx *c, struct ki_section *s, const struct ind *n,
    double target_pct)
{
	char b[3][64], target[48];
	const char *row[5];

	row[0] = "schools below the floor: reduction";
	row[1] = ki_rnum(b[0], n->below_base);
	row[2] = ki_rnum(b[1], n->below_now);
	snprintf(target, sizeof(target), "at least %g%% fewer", target_pct);
	row[3] = target;
	if (!ki_rdata_has(c->d, "below_floor"))
		row[4] = "unknown: no below_floor column (run ki-floor first)";
	else if (n->below_base == 0)
		row[4] = "none below in the baseline year";
	else {
		double red = 100.0 * (n->below_base - n->below_now) /
		    n->below_base;

		snprintf(b[2], sizeof(b[2]), "%.1f%% fewer: %s", red,
		    red >= target_pct ? "met" : "not met");
		row[4] = b[2];
	}
	ki_section_row(s, row);
}

/* The other indicators, for the year reported. */
static void
others(struct ki_section *s, const struct ind *n)
{
	char b[4][64];
	const char *row[5];

	row[0] = "good or outstanding (% of graded schools)";
	row[1] = "";
	row[2] = ki_rpct(b[0], n->good, n->graded);
	row[3] = "";
	snprintf(b[1], sizeof(b[1]), "%ld of %ld graded", n->good, n->graded);
	row[4] = n->graded ? b[1] : "unknown: no Ofsted grades";
	ki_section_row(s, row);
	row[0] = "schools in an Ofsted category";
	row[1] = "";
	row[2] = ki_rnum(b[2], n->cat);
	row[3] = "";
	row[4] = "";
	ki_section_row(s, row);
	row[0] = "disadvantaged gap, KS2 RWM (points, mean of schools)";
	row[1] = "";
	snprintf(b[2], sizeof(b[2]), "%.1f", n->gaps ? n->gap / n->gaps : 0);
	row[2] = n->gaps ? b[2] : "";
	row[3] = "";
	snprintf(b[3], sizeof(b[3]), "%ld schools with both", n->gaps);
	row[4] = n->gaps ? b[3] : "not in the data";
	ki_section_row(s, row);
}

static int
build(struct rctx *c, struct ki_err *err)
{
	static const char *const h[] = { "indicator", "baseline", "now",
	    "target", "result" };
	static const enum ki_ckind k[] = { KI_CK_TEXT, KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_TEXT, KI_CK_TEXT };
	const struct rdata *d = c->d;
	struct ind n;
	struct ki_section *s;
	char title[160];
	double target_pct;
	size_t i;

	memset(&n, 0, sizeof(n));
	n.year = c->o->year ? c->o->year : ki_rlatest(d);
	n.base = c->o->base_year;
	/* The Kent Challenge's target, kept in share/ with its source. */
	if (ki_policy_number("indicators", "kent-challenge-2011",
	    "reduction.target_pct", &target_pct, err) == -1)
		return -1;
	if (n.base == 0)
		for (i = 0; i < d->n; i++)
			if (ki_ryear(d, i) && (n.base == 0 ||
			    ki_ryear(d, i) < n.base))
				n.base = ki_ryear(d, i);
	if (count(d, &n, err) == -1)
		return -1;
	if (n.year == 0) {
		/* No rows with a year: nothing to measure. */
		ki_report_section(c->r, "Kent Challenge success indicators", 5, h,
		    k);
		return 0;
	}
	snprintf(title, sizeof(title), "Kent Challenge success indicators, %d "
	    "against %d", n.year, n.base);
	s = ki_report_section(c->r, title, 5, h, k);
	reduction(c, s, &n, target_pct);
	others(s, &n);
	ki_section_note(s, ki_rdata_has(d, "funding") ? "The reduction counts "
	    "maintained schools' rows with below_floor yes in each year (the "
	    "Kent Challenge excludes academies); the other indicators are for "
	    "the year reported." : "The reduction counts rows with below_floor "
	    "yes in each year (no funding column: academies, which the Kent "
	    "Challenge excludes, cannot be left out); the other indicators are "
	    "for the year reported.");
	if (n.nogap > 0) {
		snprintf(title, sizeof(title), "%ld school%s without both KS2 "
		    "disadvantaged figures (blank or suppressed): the gap leaves "
		    "%s out.", n.nogap, n.nogap == 1 ? "" : "s", n.nogap == 1 ?
		    "it" : "them");
		ki_section_note(s, title);
	}
	return 0;
}

static void
title(const struct ki_report_opts *o, char *buf, size_t size)
{
	(void)o;
	snprintf(buf, size, "Kent Challenge success indicators");
}

static const char *const cols[] = { "urn", "year", "below_floor",
	"ofsted_grade", "ofsted_grade_latest", "ofsted_category",
	"ks2_rwm_exp_disadv", "ks2_rwm_exp_other", "funding", NULL };
static const char *const need[] = { "year", NULL };

const struct rkind ki_rk_indicators = {
	.name = "indicators",
	.cols = cols,
	.read = { .per_school = 1, .merge = 1 },
	.years = 1,
	.opts = RO_YEAR | RO_BASE_YEAR,
	.need = need,
	.need_field = "year",
	.need_hint = "the rows of several years, from ki-floor",
	.title = title,
	.as_at = ki_ryear_as_at,
	.build = build
};

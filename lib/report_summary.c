/*
 * The summary report: schools per category, good or outstanding, below
 * the floor and coasting, by district (or --by), and the change in each
 * category since a baseline file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/num.h"
#include "ki/val.h"
#include "report_kind.h"

/* What the summary works with beyond the context. */
struct sum {
	struct rctx *c;
	const char *by;
	int year;
	char yearstr[16];
	struct ki_tab *g;	/* group -> counts */
	struct ki_tab *cats;	/* category -> schools */
	const char **keys, **ck;	/* the groups and categories, sorted */
	size_t nk, nc;
	struct agg all;		/* the groups' sums */
};

/*
 * The pupils of row i in *p, whole; *known is 0 (and *p 0) when the figure
 * is blank or a suppression token. Text that is not a number, a negative
 * number, or one too large for a count, is an error.
 */
static int
pupils_of(const struct rdata *d, size_t i, long *p, int *known,
    struct ki_err *err)
{
	const char *v = ki_rval(d, i, "pupils");
	double dp;
	int64_t n;
	int f = ki_val_figure(v, &dp);

	*p = 0;
	*known = f == 1;
	if (f == 0)
		return 0;
	if (f == -1)
		return ki_err_set(err, d->name, d->rows[i].line, "pupils",
		    "\"%s\" is not a number", v);
	if (dp < 0 || ki_num_int64(dp, &n) == -1)
		return ki_err_set(err, d->name, d->rows[i].line, "pupils",
		    "\"%s\" is not a number of pupils", v);
	*p = (long)n;
	return 0;
}

/* The categories in d, in the order they first come. */
static struct ki_tab *
categories(const struct rdata *d, int year, int *lost)
{
	struct ki_tab *t = ki_tab_new();
	size_t i;

	for (i = 0; t != NULL && i < d->n; i++)
		if (year == 0 || ki_ryear(d, i) == year)
			ki_rgroup(t, ki_rval(d, i, "category"), lost);
	return t;
}

static int
is_yes(const struct rdata *d, size_t i, const char *col)
{
	const char *v = ki_rval(d, i, col);

	return v != NULL && strcmp(v, "yes") == 0;
}

/* Count graded row i (weight w) in a. Returns 0 or -1. */
static int
count_graded(struct sum *s, size_t i, const char *gr, long w, struct agg *a,
    long *pupils_all, struct ki_err *err)
{
	const struct rdata *d = s->c->d;
	long p, pw;
	int known;

	a->graded += w;
	if (pupils_of(d, i, &p, &known, err) == -1)
		return -1;
	if (!known && ki_rdata_has(d, "pupils"))
		a->no_pupils += w;
	/*
	 * Pupils are at least 0, so a group's sums are at most the running
	 * total, and so is the "all" row.
	 */
	if (__builtin_mul_overflow(p, w, &pw) ||
	    __builtin_add_overflow(*pupils_all, pw, pupils_all))
		return ki_err_set(err, d->name, d->rows[i].line, "pupils",
		    "\"%s\" takes the pupils past the largest total ki can "
		    "hold", ki_rval(d, i, "pupils"));
	a->pupils += pw;
	if (gr[0] <= '2') {
		a->good += w;
		a->pupils_good += pw;
	}
	return 0;
}

/* Count every row of the year into its group and category. */
static int
tally(struct sum *s, struct ki_err *err)
{
	const struct rdata *d = s->c->d;
	int has_floor = ki_rdata_has(d, "below_floor");
	long pupils_all = 0;
	size_t i;

	for (i = 0; i < d->n; i++) {
		struct agg *a, *c;
		const char *gr = ki_rgrade(d, i), *bf;
		long w = d->rows[i].count;

		if (s->year != 0 && ki_ryear(d, i) != s->year)
			continue;
		if ((a = ki_rgroup(s->g, ki_rval(d, i, s->by), &s->c->lost)) ==
		    NULL || (c = ki_rgroup(s->cats, ki_rval(d, i, "category"),
		    &s->c->lost)) == NULL)
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
		a->schools += w;
		c->schools += w;
		if (gr != NULL && gr[0] >= '1' && gr[0] <= '4' && !gr[1] &&
		    count_graded(s, i, gr, w, a, &pupils_all, err) == -1)
			return -1;
		a->below += is_yes(d, i, "below_floor") ? w : 0;
		/* Blank is as unknown as "unknown", when ki-floor has run. */
		bf = ki_rval(d, i, "below_floor");
		if (has_floor && (bf == NULL || strcmp(bf, "unknown") == 0))
			a->floor_unknown += w;
		a->coasting += is_yes(d, i, "coasting") ? w : 0;
	}
	return 0;
}

/* Schools per group and category, keyed "group<US>category". */
static struct ki_tab *
per_category(struct sum *s)
{
	const struct rdata *d = s->c->d;
	struct ki_tab *gc = ki_tab_new();
	char key[512];
	size_t k;

	for (k = 0; gc != NULL && k < d->n; k++) {
		const char *gv = ki_rval(d, k, s->by);
		const char *cv = ki_rval(d, k, "category");
		struct agg *a;

		if (s->year != 0 && ki_ryear(d, k) != s->year)
			continue;
		snprintf(key, sizeof(key), "%s\x1f%s", gv ? gv : BLANK,
		    cv ? cv : BLANK);
		if ((a = ki_rgroup(gc, key, &s->c->lost)) != NULL)
			a->schools += d->rows[k].count;
	}
	return gc;
}

/* Row i of the table of schools per category (i == nk: "all"). */
static void
category_row(struct sum *s, struct ki_section *sec, struct ki_tab *gc,
    size_t i, long *tot, const char **cells)
{
	char (*cnt)[32] = calloc(s->nc + 2, sizeof(*cnt)), key[512];
	size_t j;
	long v;

	if (cnt == NULL) {
		s->c->lost = 1;
		return;
	}
	cells[0] = i < s->nk ? s->keys[i] : "all";
	for (j = 0; j < s->nc; j++) {
		const struct agg *a;

		snprintf(key, sizeof(key), "%s\x1f%s", i < s->nk ? s->keys[i] :
		    "", s->ck[j]);
		a = i < s->nk ? ki_tab_get(gc, key) : NULL;
		v = i < s->nk ? (a ? a->schools : 0) : tot[j];
		tot[j] += i < s->nk ? v : 0;
		cells[j + 1] = ki_rnum(cnt[j], v);
	}
	v = i < s->nk ? ((struct agg *)ki_tab_get(s->g, s->keys[i]))->schools :
	    tot[s->nc];
	tot[s->nc] += i < s->nk ? v : 0;
	cells[s->nc + 1] = ki_rnum(cnt[s->nc], v);
	ki_section_row(sec, cells);
	free(cnt);
}

/* The table of schools per category by group. Returns 0, or -1 (OOM). */
static int
by_category(struct sum *s)
{
	const char **cols = calloc(s->nc + 3, sizeof(*cols));
	const char **cells = calloc(s->nc + 3, sizeof(*cells));
	enum ki_ckind *kinds = calloc(s->nc + 3, sizeof(*kinds));
	struct ki_tab *gc = NULL;
	long *tot = calloc(s->nc + 2, sizeof(long));
	struct ki_section *sec;
	char title[256];
	size_t i;
	int rc = -1;

	if (cols == NULL || cells == NULL || kinds == NULL || tot == NULL)
		goto out;
	cols[0] = s->by;
	for (i = 0; i < s->nc; i++) {
		cols[i + 1] = s->ck[i];
		kinds[i + 1] = KI_CK_NUMBER;
	}
	cols[s->nc + 1] = "schools";
	kinds[s->nc + 1] = KI_CK_NUMBER;
	snprintf(title, sizeof(title), "Schools%s by %s%s", s->nc ?
	    " per category" : "", s->by, s->yearstr);
	sec = ki_report_section(s->c->r, title, s->nc + 2, cols, kinds);
	if ((gc = per_category(s)) == NULL)
		goto out;
	for (i = 0; i <= s->nk && s->nk > 0 && !s->c->lost; i++)
		category_row(s, sec, gc, i, tot, cells);
	if (s->nk > 0)
		ki_section_total(sec);
	ki_section_chart(sec, s->nc + 1);
	rc = 0;
out:
	ki_tab_free(gc, free);
	free(tot);
	free(cols);
	free(cells);
	free(kinds);
	return rc;
}

static void
agg_sum(struct agg *all, const struct agg *a)
{
	all->schools += a->schools;
	all->graded += a->graded;
	all->good += a->good;
	all->pupils += a->pupils;
	all->pupils_good += a->pupils_good;
	all->below += a->below;
	all->coasting += a->coasting;
	all->floor_unknown += a->floor_unknown;
	all->no_pupils += a->no_pupils;
}

/* Good or outstanding by group, with the "all" row. */
static void
good(struct sum *s)
{
	static const enum ki_ckind k2[] = { KI_CK_TEXT, KI_CK_NUMBER,
	    KI_CK_NUMBER, KI_CK_NUMBER, KI_CK_NUMBER, KI_CK_NUMBER };
	const char *h2[] = { s->by, "schools", "graded", "good or outstanding",
	    "% of schools", "% of pupils" };
	struct ki_section *sec;
	char title[256], b[5][32];
	size_t i;

	snprintf(title, sizeof(title), "Good or outstanding by %s%s", s->by,
	    s->yearstr);
	sec = ki_report_section(s->c->r, title, 6, h2, k2);
	for (i = 0; i <= s->nk; i++) {
		const struct agg *a = i < s->nk ? ki_tab_get(s->g, s->keys[i]) :
		    &s->all;
		const char *row[6];

		if (i < s->nk)
			agg_sum(&s->all, a);
		else if (s->nk == 0)
			break;
		row[0] = i < s->nk ? s->keys[i] : "all";
		row[1] = ki_rnum(b[0], a->schools);
		row[2] = ki_rnum(b[1], a->graded);
		row[3] = ki_rnum(b[2], a->good);
		row[4] = ki_rpct(b[3], a->good, a->graded);
		row[5] = ki_rpct(b[4], a->pupils_good, a->pupils);
		ki_section_row(sec, row);
	}
	if (s->nk > 0)
		ki_section_total(sec);
	ki_section_chart(sec, 4);
	ki_section_note(sec, "Graded: schools with an Ofsted grade "
	    "(ofsted_grade, or GIAS's ofsted_grade_latest). % of pupils "
	    "weights each school by its pupils column, blank when the "
	    "input has none.");
	if (s->all.no_pupils > 0) {
		char note[160];
		long n = s->all.no_pupils;

		snprintf(note, sizeof(note), "%ld graded school%s with no pupils "
		    "figure (blank or suppressed): %% of pupils leaves %s out.",
		    n, n == 1 ? "" : "s", n == 1 ? "it" : "them");
		ki_section_note(sec, note);
	} else if (s->all.graded > 0 && !ki_rdata_has(s->c->d, "pupils")) {
		char note[200];
		long n = s->all.graded;

		snprintf(note, sizeof(note), "The input has no pupils column: the "
		    "pupil numbers of %s %ld graded school%s %s missing, so %% of "
		    "pupils is blank.", n == 1 ? "the" : "all", n, n == 1 ? "" :
		    "s", n == 1 ? "is" : "are");
		ki_section_note(sec, note);
	}
}

/* Below the floor and coasting by group. */
static void
floor_coasting(struct sum *s)
{
	static const enum ki_ckind k3[] = { KI_CK_TEXT, KI_CK_NUMBER,
	    KI_CK_NUMBER, KI_CK_NUMBER, KI_CK_NUMBER };
	const char *h3[] = { s->by, "schools", "below floor", "coasting",
	    "floor unknown" };
	struct ki_section *sec;
	char title[256], b[4][32];
	size_t i;

	snprintf(title, sizeof(title), "Below the floor and coasting by %s%s",
	    s->by, s->yearstr);
	sec = ki_report_section(s->c->r, title, 5, h3, k3);
	for (i = 0; i <= s->nk && s->nk > 0; i++) {
		const struct agg *a = i < s->nk ? ki_tab_get(s->g, s->keys[i]) :
		    &s->all;
		const char *row[5];

		row[0] = i < s->nk ? s->keys[i] : "all";
		row[1] = ki_rnum(b[0], a->schools);
		row[2] = ki_rnum(b[1], a->below);
		row[3] = ki_rnum(b[2], a->coasting);
		row[4] = ki_rnum(b[3], a->floor_unknown);
		ki_section_row(sec, row);
	}
	if (s->nk > 0)
		ki_section_total(sec);
	ki_section_chart(sec, 2);
}

/* The change in each category since the baseline file. */
static int
baseline(struct sum *s, struct ki_err *err)
{
	static const char *const want[] = { "year", "category" };
	static const enum ki_ckind k4[] = { KI_CK_TEXT, KI_CK_NUMBER,
	    KI_CK_NUMBER, KI_CK_NUMBER };
	static const char *const h4[] = { "category", "baseline", "now",
	    "change" };
	const struct ki_report_opts *o = s->c->o;
	struct rread how = { .per_school = 1, .merge = 1 };
	struct rfilter bf = { .la = o->la, .district = o->district,
	    .phase = o->phase };
	struct ki_section *sec;
	struct rdata base;
	struct ki_tab *bc;
	const char **bk;
	char title[256], b[3][32];
	size_t nb, i;
	int rc, by_year;

	rc = ki_rdata_read(o->baseline, o->in, want, 2, how, &bf, &base, err);
	ki_rfilter_free(&bf);
	if (rc == -1) {
		ki_rdata_free(&base);
		return -1;
	}
	by_year = ki_rlatest(&base);
	if ((bc = categories(&base, by_year, &s->c->lost)) == NULL) {
		ki_rdata_free(&base);
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	}
	for (i = 0; i < base.n; i++) {
		struct agg *a;

		if ((by_year == 0 || ki_ryear(&base, i) == by_year) &&
		    (a = ki_rgroup(bc, ki_rval(&base, i, "category"),
		    &s->c->lost)) != NULL)
			a->schools += base.rows[i].count;
	}
	/* Both sides' categories, in name order. */
	for (i = 0; i < s->nc; i++)
		ki_rgroup(bc, s->ck[i], &s->c->lost);
	bk = ki_rkeys(bc, &nb, &s->c->lost);
	snprintf(title, sizeof(title), "Change since the baseline (%s)",
	    o->baseline);
	sec = ki_report_section(s->c->r, title, 4, h4, k4);
	for (i = 0; bk != NULL && i < nb; i++) {
		const struct agg *was = ki_tab_get(bc, bk[i]);
		const struct agg *now = ki_tab_get(s->cats, bk[i]);
		long w = was ? was->schools : 0, n = now ? now->schools : 0;
		const char *row[4];

		row[0] = bk[i];
		row[1] = ki_rnum(b[0], w);
		row[2] = ki_rnum(b[1], n);
		row[3] = ki_rnum(b[2], n - w);
		ki_section_row(sec, row);
	}
	free(bk);
	ki_tab_free(bc, free);
	ki_rdata_free(&base);
	return 0;
}

static int
build(struct rctx *c, struct ki_err *err)
{
	struct sum s;
	int rc = -1;

	memset(&s, 0, sizeof(s));
	s.c = c;
	s.by = c->o->by ? c->o->by : "district";
	s.year = c->o->year ? c->o->year : ki_rlatest(c->d);
	s.g = ki_tab_new();
	s.cats = categories(c->d, s.year, &c->lost);
	if (s.g == NULL || s.cats == NULL ||
	    (s.ck = ki_rkeys(s.cats, &s.nc, &c->lost)) == NULL)
		goto oom;
	if (s.year != 0)
		snprintf(s.yearstr, sizeof(s.yearstr), ", %d", s.year);
	if (ki_tab_get(s.cats, BLANK) != NULL && s.nc == 1)
		s.nc = 0;	/* no category column, or none set */
	if (tally(&s, err) == -1)
		goto out;
	if ((s.keys = ki_rkeys(s.g, &s.nk, &c->lost)) == NULL ||
	    by_category(&s) == -1)
		goto oom;
	good(&s);
	floor_coasting(&s);
	rc = c->o->baseline != NULL ? baseline(&s, err) : 0;
	goto out;
oom:
	rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
out:
	free(s.keys);
	free(s.ck);
	ki_tab_free(s.g, free);
	ki_tab_free(s.cats, free);
	return rc;
}

static void
title(const struct ki_report_opts *o, char *buf, size_t size)
{
	(void)o;
	snprintf(buf, size, "School improvement summary");
}

static const char *const cols[] = { "urn", "year", "category",
	"ofsted_grade", "ofsted_grade_latest", "below_floor", "coasting",
	"pupils", NULL };

const struct rkind ki_rk_summary = {
	.name = "summary",
	.cols = cols,
	.read = { .per_school = 1, .merge = 1 },
	.by_district = 1,
	.years = 1,
	.opts = RO_YEAR | RO_BASELINE,
	.title = title,
	.as_at = ki_ryear_as_at,
	.build = build
};

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

/* The running counts of one year, as the rows are read. */
struct syear {
	int year;
	struct ki_tab *g;	/* group -> counts */
	struct ki_tab *cats;	/* category -> schools */
	struct ki_tab *gc;	/* "group<US>category" -> schools */
	long pupils_all;	/* for the check against overflow */
	int failed;		/* a row of the year failed: err says why */
	struct ki_err err;
};

/*
 * The counts of each year (or of --year's alone): the year reported is
 * the latest, known only at the end, and a row of another year is neither
 * counted nor checked.
 */
struct ssum {
	const char *by;
	struct syear *y;
	size_t ny;
};

/* What the summary works with beyond the context. */
struct sum {
	struct rctx *c;
	const char *by;
	int year;
	char yearstr[16];
	struct ki_tab *g;	/* group -> counts */
	struct ki_tab *cats;	/* category -> schools */
	struct ki_tab *gc;	/* "group<US>category" -> schools */
	const char **keys, **ck;	/* the groups and categories, sorted */
	size_t nk, nc;
	struct agg all;		/* the groups' sums */
};

/*
 * The pupils of row r in *p, whole; *known is 0 (and *p 0) when the figure
 * is blank or a suppression token. Text that is not a number, a negative
 * number, or one too large for a count, is an error.
 */
static int
pupils_of(const struct rdata *d, const struct rrow *r, long *p, int *known,
    struct ki_err *err)
{
	const char *v = ki_rv(d, r, "pupils");
	double dp;
	int64_t n;
	int f = ki_val_figure(v, &dp);

	*p = 0;
	*known = f == 1;
	if (f == 0)
		return 0;
	if (f == -1)
		return ki_err_set(err, d->name, r->line, "pupils",
		    "\"%s\" is not a number", v);
	if (dp < 0 || ki_num_int64(dp, &n) == -1)
		return ki_err_set(err, d->name, r->line, "pupils",
		    "\"%s\" is not a number of pupils", v);
	*p = (long)n;
	return 0;
}

static int
is_yes(const struct rdata *d, const struct rrow *r, const char *col)
{
	const char *v = ki_rv(d, r, col);

	return v != NULL && strcmp(v, "yes") == 0;
}

/*
 * Count graded row r (weight w) in a. Whether the input has a pupils
 * column is known only at the end: a school with no pupils figure is
 * counted here, and left out at the end when there is no such column.
 * Returns 0 or -1.
 */
static int
count_graded(struct syear *y, const struct rdata *d, const struct rrow *r,
    const char *gr, struct agg *a)
{
	long p, pw, w = r->count;
	int known;

	a->graded += w;
	if (pupils_of(d, r, &p, &known, &y->err) == -1)
		return -1;
	if (!known)
		a->no_pupils += w;
	/*
	 * Pupils are at least 0, so a group's sums are at most the running
	 * total, and so is the "all" row.
	 */
	if (__builtin_mul_overflow(p, w, &pw) ||
	    __builtin_add_overflow(y->pupils_all, pw, &y->pupils_all))
		return ki_err_set(&y->err, d->name, r->line, "pupils",
		    "\"%s\" takes the pupils past the largest total ki can "
		    "hold", ki_rv(d, r, "pupils"));
	a->pupils += pw;
	if (gr[0] <= '2') {
		a->good += w;
		a->pupils_good += pw;
	}
	return 0;
}

/*
 * The counts of year yr, made when new; NULL out of memory. A year not
 * reported (--year is another) is skipped: *skip is set.
 */
static struct syear *
year_of(struct rctx *c, struct ssum *ss, int yr, int *skip)
{
	struct syear *y;
	size_t i;

	*skip = c->o->year != 0 && yr != c->o->year;
	if (*skip)
		return NULL;
	for (i = 0; i < ss->ny; i++)
		if (ss->y[i].year == yr)
			return &ss->y[i];
	if ((y = realloc(ss->y, (ss->ny + 1) * sizeof(*y))) == NULL)
		return NULL;
	ss->y = y;
	y = &ss->y[ss->ny];
	memset(y, 0, sizeof(*y));
	y->year = yr;
	if ((y->g = ki_tab_new()) == NULL || (y->cats = ki_tab_new()) == NULL ||
	    (y->gc = ki_tab_new()) == NULL) {
		ki_tab_free(y->g, NULL);
		ki_tab_free(y->cats, NULL);
		return NULL;
	}
	ss->ny++;
	return y;
}

/* Count row r into its year's group and category. */
static void
add(struct rctx *c, const struct rdata *d, const struct rrow *r)
{
	struct ssum *ss = c->acc;
	const char *gr = ki_rv_grade(d, r), *bf = ki_rv(d, r, "below_floor");
	const char *gv = ki_rv(d, r, ss->by), *cv = ki_rv(d, r, "category");
	struct agg *a, *ca, *gca;
	struct syear *y;
	char key[512];
	long w = r->count;
	int skip;

	if (c->failed || ((y = year_of(c, ss, ki_rv_year(d, r), &skip)) ==
	    NULL && skip) || (y != NULL && y->failed))
		return;
	snprintf(key, sizeof(key), "%s\x1f%s", gv ? gv : BLANK, cv ? cv :
	    BLANK);
	if (y == NULL || (a = ki_rgroup(y->g, gv, &c->lost)) == NULL ||
	    (ca = ki_rgroup(y->cats, cv, &c->lost)) == NULL ||
	    (gca = ki_rgroup(y->gc, key, &c->lost)) == NULL) {
		ki_rsum_fail(c, NULL, 0, NULL, "out of memory");
		return;
	}
	a->schools += w;
	ca->schools += w;
	gca->schools += w;
	if (gr != NULL && gr[0] >= '1' && gr[0] <= '4' && !gr[1] &&
	    count_graded(y, d, r, gr, a) == -1) {
		y->failed = 1;
		return;
	}
	a->below += is_yes(d, r, "below_floor") ? w : 0;
	/*
	 * Blank is as unknown as "unknown", when ki-floor has run: known at
	 * the end, when it has not these are left out.
	 */
	if (bf == NULL || strcmp(bf, "unknown") == 0)
		a->floor_unknown += w;
	a->coasting += is_yes(d, r, "coasting") ? w : 0;
}

static int
start(struct rctx *c)
{
	struct ssum *ss = calloc(1, sizeof(*ss));

	if (ss == NULL)
		return -1;
	ss->by = c->o->by ? c->o->by : "district";
	c->acc = ss;
	return 0;
}

static void
stop(struct rctx *c)
{
	struct ssum *ss = c->acc;
	size_t i;

	for (i = 0; ss != NULL && i < ss->ny; i++) {
		ki_tab_free(ss->y[i].g, free);
		ki_tab_free(ss->y[i].cats, free);
		ki_tab_free(ss->y[i].gc, free);
	}
	if (ss != NULL)
		free(ss->y);
	free(ss);
	c->acc = NULL;
}

static const struct rsum sum = { start, add, stop };

/* Under a table with a (blank) row: what it is. */
static void
blank_note(const struct sum *s, struct ki_section *sec)
{
	const struct agg *a = ki_tab_get(s->g, BLANK);

	if (a != NULL)
		ki_rblank_note(sec, ki_rdata_has(s->c->d, s->by), s->by,
		    a->schools, "school", "the input");
}

/* Row i of the table of schools per category (i == nk: "all"). */
static void
category_row(struct sum *s, struct ki_section *sec, const struct ki_tab *gc,
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
	for (i = 0; i <= s->nk && s->nk > 0 && !s->c->lost; i++)
		category_row(s, sec, s->gc, i, tot, cells);
	if (s->nk > 0)
		ki_section_total(sec);
	ki_section_chart(sec, s->nc + 1);
	blank_note(s, sec);
	rc = 0;
out:
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
	/* Without a pupils column, a blank figure is not a missing one. */
	if (!ki_rdata_has(s->c->d, "pupils"))
		s->all.no_pupils = 0;
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
	blank_note(s, sec);
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
		/* Before ki-floor, no floor is unknown: there is none. */
		row[4] = ki_rnum(b[3], ki_rdata_has(s->c->d, "below_floor") ?
		    a->floor_unknown : 0);
		ki_section_row(sec, row);
	}
	if (s->nk > 0)
		ki_section_total(sec);
	ki_section_chart(sec, 2);
	blank_note(s, sec);
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
	if ((bc = ki_tab_new()) == NULL) {
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

/* The sections, from the counts of the year reported. */
static int
finish(struct rctx *c, struct ki_err *err)
{
	struct ssum *ss = c->acc;
	struct syear *y;
	struct sum s;
	int rc = -1, skip;

	memset(&s, 0, sizeof(s));
	s.c = c;
	s.by = ss->by;
	s.year = c->o->year ? c->o->year : ki_rlatest(c->d);
	if (ki_rsum_failed(c, err) == -1)
		return -1;
	/* No row of the year: no counts, and the sections say so. */
	if ((y = year_of(c, ss, s.year, &skip)) == NULL)
		goto oom;
	if (y->failed) {
		*err = y->err;
		return -1;
	}
	s.g = y->g;
	s.cats = y->cats;
	s.gc = y->gc;
	if ((s.ck = ki_rkeys(s.cats, &s.nc, &c->lost)) == NULL)
		goto oom;
	if (s.year != 0)
		snprintf(s.yearstr, sizeof(s.yearstr), ", %d", s.year);
	if (ki_tab_get(s.cats, BLANK) != NULL && s.nc == 1)
		s.nc = 0;	/* no category column, or none set */
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
	return rc;
}

static int
build(struct rctx *c, struct ki_err *err)
{
	return ki_rsum_build(c, &sum, finish, err);
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
	.build = build,
	.sum = &sum
};

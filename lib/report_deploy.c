/*
 * The budget's deployments: ki-broker's system leaders, days and cost by
 * district (or --by) and role, and beside the visits of each group.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/fixed.h"
#include "report_kind.h"

/*
 * The deployments' counts: by group and role, and by group, added up as
 * the rows are read (the first failure kept, for after the read's own).
 */
struct dep {
	struct rctx *c;
	const char *by;
	struct rdata d;
	struct ki_tab *gr;	/* "group<US>role" -> counts */
	struct ki_tab *g;	/* group -> counts */
	const struct ki_tab *urns;	/* --la: the schools wanted */
	struct agg run;		/* every deployment's, for the checks */
	int failed;
	struct ki_err ferr;
};

/* Parts of "group<US>role" compared as group names are: blank last. */
static int
part_cmp(const char *x, size_t xn, const char *y, size_t yn)
{
	int xb = xn == strlen(BLANK) && strncmp(x, BLANK, xn) == 0;
	int yb = yn == strlen(BLANK) && strncmp(y, BLANK, yn) == 0;
	int c;

	if (xb || yb)
		return xb - yb;
	c = strncmp(x, y, xn < yn ? xn : yn);
	return c != 0 ? c : (xn > yn) - (xn < yn);
}

static int
by_group_role(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	size_t xn = strcspn(x, "\x1f"), yn = strcspn(y, "\x1f");
	int c = part_cmp(x, xn, y, yn);

	return c != 0 ? c : part_cmp(x + xn + 1, strlen(x + xn + 1), y + yn + 1,
	    strlen(y + yn + 1));
}

/*
 * Deployment r's days and cost into a and b (its group and role, and its
 * group), checked against the running total. Returns 0 or -1.
 */
static int
add(struct dep *p, const struct rdata *d, const struct rrow *r,
    struct agg *a, struct agg *b)
{
	static const char *const col[] = { "days", "cost" };
	static const char *const what[] = { "a number of days",
	    "an amount in pounds and pence" };
	struct agg *run = &p->run;
	int64_t x[2] = { 0, 0 };
	size_t k;

	for (k = 0; k < 2; k++) {
		const char *v = ki_rv(d, r, col[k]);

		if (v != NULL && (ki_fixed_parse(v, 2, &x[k]) == -1 || x[k] < 0))
			return ki_err_set(&p->ferr, d->name, r->line, col[k],
			    "\"%s\" is not %s", v, what[k]);
	}
	/*
	 * Every value is at least 0, so a group's sum is at most the
	 * running total: when that fits in 64 bits, so do the others.
	 */
	for (k = 0; k < 2; k++)
		if (ki_fixed_add(k ? run->money : run->days, x[k], k ?
		    &run->money : &run->days) == -1)
			return ki_err_set(&p->ferr, d->name, r->line, col[k],
			    "\"%s\" takes the total past the largest ki can hold "
			    "(92233720368547758.07 %s)", ki_rv(d, r, col[k]), k ?
			    "pounds" : "days");
	a->deployments++;
	a->days += x[0];
	a->money += x[1];
	b->deployments++;
	b->days += x[0];
	b->money += x[1];
	return 0;
}

/*
 * Tally deployment r into p->gr and p->g, when it is of the report's
 * schools (--la: by urn).
 */
static void
tally(void *arg, const struct rdata *d, const struct rrow *r)
{
	struct dep *p = arg;
	const char *gv = ki_rv(d, r, p->by), *rv = ki_rv(d, r, "role");
	const char *u = ki_rv(d, r, "urn");
	struct agg *a, *b;
	char key[512];

	if (p->failed || (p->urns != NULL && (u == NULL ||
	    ki_tab_get(p->urns, u) == NULL)))
		return;
	snprintf(key, sizeof(key), "%s\x1f%s", gv ? gv : BLANK,
	    rv ? rv : BLANK);
	if ((a = ki_rgroup(p->gr, key, &p->c->lost)) == NULL ||
	    (b = ki_rgroup(p->g, gv, &p->c->lost)) == NULL)
		p->failed = ki_err_set(&p->ferr, NULL, 0, NULL, "out of memory");
	else
		p->failed = add(p, d, r, a, b);
}

/* One row: a group and role (role NULL: the total), or the total. */
static void
role_row(struct dep *p, struct ki_section *s, const char *group,
    const char *role, const struct agg *a)
{
	char b[3][48];
	const char *row[5];

	row[0] = group;
	row[1] = role;
	row[2] = ki_rnum(b[0], a->deployments);
	ki_fixed_format(a->days, 2, 1, b[1], sizeof(b[1]));
	row[3] = b[1];
	row[4] = ki_rmoney_cell(p->c->o, b[2], a->money);
	ki_section_row(s, row);
}

/* The deployments by group and role, with their total. */
static int
by_role(struct dep *p)
{
	static const enum ki_ckind k[] = { KI_CK_TEXT, KI_CK_TEXT, KI_CK_NUMBER,
	    KI_CK_NUMBER, KI_CK_NUMBER };
	const char *h[] = { p->by, "role", "deployments", "days", "cost" };
	const struct agg *blank;
	const char **keys;
	struct ki_section *s;
	struct agg all;
	char title[200], group[512];
	size_t n, i;

	memset(&all, 0, sizeof(all));
	if ((keys = ki_rkeys(p->gr, &n, &p->c->lost)) == NULL)
		return -1;
	qsort(keys, n, sizeof(*keys), by_group_role);
	snprintf(title, sizeof(title), "System leaders' deployments by %s and "
	    "role", p->by);
	s = ki_report_section(p->c->r, title, 5, h, k);
	for (i = 0; i < n; i++) {
		const struct agg *a = ki_tab_get(p->gr, keys[i]);
		size_t gn = strcspn(keys[i], "\x1f");

		snprintf(group, sizeof(group), "%.*s", (int)gn, keys[i]);
		all.deployments += a->deployments;
		all.days += a->days;
		all.money += a->money;
		role_row(p, s, group, keys[i] + gn + 1, a);
	}
	if (n > 0) {
		role_row(p, s, "total", NULL, &all);
		ki_section_total(s);
	}
	/* No chart: a group has a row a role, so a bar's label would not
	 * say which. */
	ki_section_note(s, "From ki-broker: one deployment a row, the days and "
	    "cost of each added exactly, to the hundredth of a day and the "
	    "penny; the total is the sum of the rows. An AST's termly payment "
	    "is on the row of the first school it supports.");
	if ((blank = ki_tab_get(p->g, BLANK)) != NULL)
		ki_rblank_note(s, 1, p->by, blank->deployments, "deployment",
		    "the deployments file");
	free(keys);
	return 0;
}

/* Row of the visits and deployments of a group (or the total). */
static int
beside_row(struct dep *p, struct ki_section *s, const char *name,
    const struct agg *v, const struct agg *dp, struct ki_err *err)
{
	static const struct agg none;
	char b[5][48];
	const char *row[6];
	int64_t all;

	v = v ? v : &none;
	dp = dp ? dp : &none;
	if (ki_fixed_add(v->money, dp->money, &all) == -1)
		return ki_err_set(err, p->d.name, 0, "cost", "the cost of %s is "
		    "past the largest ki can hold (92233720368547758.07 pounds)",
		    name);
	row[0] = name;
	ki_fixed_format(v->days, 2, 1, b[0], sizeof(b[0]));
	row[1] = b[0];
	row[2] = ki_rmoney_cell(p->c->o, b[1], v->money);
	ki_fixed_format(dp->days, 2, 1, b[2], sizeof(b[2]));
	row[3] = b[2];
	row[4] = ki_rmoney_cell(p->c->o, b[3], dp->money);
	row[5] = ki_rmoney_cell(p->c->o, b[4], all);
	ki_section_row(s, row);
	return 0;
}

/* Under the visits and deployments, with a (blank) row: what it is. */
static void
both_blank(struct ki_section *s, const char *by, const struct agg *v,
    const struct agg *dp)
{
	char note[400];
	long n = v ? v->schools : 0, m = dp ? dp->deployments : 0;

	if (dp == NULL)
		return;
	snprintf(note, sizeof(note), "%s: %ld school%s and %ld deployment%s "
	    "whose %s is empty.", BLANK, n, n == 1 ? "" : "s", m, m == 1 ? "" :
	    "s", by);
	ki_section_note(s, note);
}

/* The visits' and the deployments' days and cost, group by group. */
static int
beside(struct dep *p, struct ki_tab *visits, struct ki_err *err)
{
	static const enum ki_ckind k[] = { KI_CK_TEXT, KI_CK_NUMBER,
	    KI_CK_NUMBER, KI_CK_NUMBER, KI_CK_NUMBER, KI_CK_NUMBER };
	const char *h[] = { p->by, "visit days", "visit cost",
	    "deployment days", "deployment cost", "cost in all" };
	struct agg vall, dall;
	const char **keys, *key;
	struct ki_section *s;
	char title[200];
	size_t n, i, pos = 0;
	void *x;

	memset(&vall, 0, sizeof(vall));
	memset(&dall, 0, sizeof(dall));
	/* Every group of either side. */
	while (ki_tab_next(visits, &pos, &key, &x))
		ki_rgroup(p->g, key, &p->c->lost);
	if ((keys = ki_rkeys(p->g, &n, &p->c->lost)) == NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	snprintf(title, sizeof(title), "Visits and deployments by %s", p->by);
	s = ki_report_section(p->c->r, title, 6, h, k);
	for (i = 0; i < n; i++) {
		const struct agg *v = ki_tab_get(visits, keys[i]);
		const struct agg *dp = ki_tab_get(p->g, keys[i]);

		/* No overflow: each side's sums are at most its running total. */
		vall.days += v ? v->days : 0;
		vall.money += v ? v->money : 0;
		dall.days += dp->days;
		dall.money += dp->money;
		if (beside_row(p, s, keys[i], v, dp, err) == -1) {
			free(keys);
			return -1;
		}
	}
	free(keys);
	if (n > 0) {
		if (beside_row(p, s, "total", &vall, &dall, err) == -1)
			return -1;
		ki_section_total(s);
	}
	ki_section_chart(s, 5);
	both_blank(s, p->by, ki_tab_get(visits, BLANK), ki_tab_get(p->g, BLANK));
	return 0;
}

/*
 * With --deployments, its sections: the deployments by group and role, and
 * beside the visits (visits: the budget's groups). With --la, urns are the
 * schools of the input, and only their deployments count (ki-broker's
 * output has no la). Returns 0 or -1.
 */
int
ki_rdeploy(struct rctx *c, const char *by, struct ki_tab *visits,
    const struct ki_tab *urns, struct ki_err *err)
{
	const struct ki_report_opts *o = c->o;
	const char *want[] = { "urn", "role", "days", "cost", "district",
	    "phase", by };
	struct rfilter f = { .district = o->district, .phase = o->phase };
	struct rread how = { .per_school = 0, .merge = 0, .sink = tally };
	struct dep p;
	int rc = -1;

	memset(&p, 0, sizeof(p));
	p.c = c;
	p.by = by;
	p.urns = urns;
	how.arg = &p;
	if ((p.gr = ki_tab_new()) == NULL || (p.g = ki_tab_new()) == NULL) {
		ki_err_set(err, NULL, 0, NULL, "out of memory");
		goto out;
	}
	if (ki_rdata_read(o->deployments, KI_FMT_AUTO, want, 7, how, &f, &p.d,
	    err) == -1)
		goto out;
	if (p.d.total > 0 && (!ki_rdata_has(&p.d, "role") ||
	    !ki_rdata_has(&p.d, by))) {
		ki_err_set(err, p.d.name, 1, ki_rdata_has(&p.d, "role") ? by :
		    "role", "no such column: --deployments reads ki-broker's "
		    "output");
		goto out;
	}
	if (p.failed) {
		*err = p.ferr;
		goto out;
	}
	if (by_role(&p) == -1) {
		ki_err_set(err, NULL, 0, NULL, "out of memory");
		goto out;
	}
	rc = beside(&p, visits, err);
out:
	ki_rfilter_free(&f);
	ki_tab_free(p.gr, free);
	ki_tab_free(p.g, free);
	ki_rdata_free(&p.d);
	return rc;
}

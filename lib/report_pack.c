/*
 * The district pack: one page for a district (or an LA) with the summary,
 * floor and coasting, categories, budget, this term's Ofsted changes and
 * the plan's meetings and deadlines, listed in a contents list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/date.h"
#include "report_kind.h"

/* A dated event of the plan, for sorting. */
struct event {
	long day;
	size_t row;
};

static int
by_day(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* Whether plan row r is of the pack's schools (urns): kept only then. */
static int
of_pack(void *urns, const struct rdata *p, const struct rrow *r)
{
	const char *u = ki_rv(p, r, "urn");

	return u != NULL && ki_tab_get(urns, u) != NULL;
}

/* The plan's events (of the pack's schools), but visits, in date order. */
static int
plan_rows(const struct rdata *p, struct ki_section *s, long *visits,
    struct ki_err *err)
{
	struct event *ev = calloc(p->n + 1, sizeof(*ev));
	size_t i, n = 0;

	if (ev == NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < p->n; i++) {
		const char *ds = ki_rval(p, i, "date");
		const char *e = ki_rval(p, i, "event");

		if (ds == NULL || ki_date_parse(ds, &ev[n].day) == -1) {
			free(ev);
			return ki_err_set(err, p->name, p->rows[i].line, "date",
			    "\"%s\" is not a date such as 2026-09-03", ds ? ds :
			    "");
		}
		if (e != NULL && strcmp(e, "visit") == 0) {
			(*visits)++;
			continue;
		}
		ev[n++].row = i;
	}
	qsort(ev, n, sizeof(*ev), by_day);
	for (i = 0; i < n; i++) {
		static const char *const col[] = { "date", "event", "urn", "name",
		    "adviser", "chair", "note" };
		const char *row[7];
		size_t k;

		for (k = 0; k < 7; k++)
			row[k] = ki_rval(p, ev[i].row, col[k]);
		ki_section_row(s, row);
	}
	free(ev);
	return 0;
}

/* The plan's meetings and deadlines for the pack's schools. */
static int
plan_section(struct rctx *c, struct ki_err *err)
{
	static const char *const want[] = { "urn", "name", "district", "date",
	    "event", "adviser", "chair", "note" };
	static const char *const h[] = { "date", "event", "urn", "name",
	    "adviser", "chair", "note" };
	static const enum ki_ckind k[] = { KI_CK_DATE, KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_TEXT, KI_CK_TEXT, KI_CK_TEXT, KI_CK_TEXT };
	struct rread how = { .per_school = 0, .merge = 0, .only = of_pack };
	struct ki_tab *urns = ki_rschools(c->d);
	struct ki_section *s;
	struct rdata p;
	char note[200];
	long visits = 0;
	int rc;

	/* Only the rows of the pack's schools are kept. */
	if (urns == NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	how.arg = urns;
	rc = ki_rdata_read(c->o->plan, KI_FMT_AUTO, want, 8, how, NULL, &p, err);
	ki_tab_free(urns, NULL);
	if (rc == -1) {
		ki_rdata_free(&p);
		return -1;
	}
	if (p.total > 0 && (!ki_rdata_has(&p, "date") ||
	    !ki_rdata_has(&p, "event"))) {
		ki_rdata_free(&p);
		return ki_err_set(err, c->o->plan, 1, ki_rdata_has(&p, "date") ?
		    "event" : "date", "no such column: --plan reads ki-plan's "
		    "output");
	}
	s = ki_report_section(c->r, "Meetings and deadlines in the plan", 7, h,
	    k);
	rc = plan_rows(&p, s, &visits, err);
	ki_rdata_free(&p);
	if (rc == -1)
		return -1;
	snprintf(note, sizeof(note), "From ki-plan: the progress reviews, "
	    "boards, meetings and deadlines of these schools. %ld visit%s in "
	    "the plan %s not listed (ki-plan --format ics has them).", visits,
	    visits == 1 ? "" : "s", visits == 1 ? "is" : "are");
	ki_section_note(s, note);
	return 0;
}

/*
 * The Ofsted window when none is given: the term of the last day an
 * inspection of the pack was published (autumn: September to December;
 * spring: January to March; summer: April to August). Returns 0, or 1
 * when no row has a date.
 */
static int
this_term(const struct rctx *c, long *from, long *to)
{
	char last[16], b[16];
	int y, m;

	ki_rk_ofsted.as_at(c, last, sizeof(last));
	if (last[0] == '\0')
		return 1;
	y = atoi(last);
	m = atoi(last + 5);
	snprintf(b, sizeof(b), "%04d-%s", y, m >= 9 ? "09-01" : m >= 4 ?
	    "04-01" : "01-01");
	ki_date_parse(b, from);
	snprintf(b, sizeof(b), "%04d-%s", y, m >= 9 ? "12-31" : m >= 4 ?
	    "08-31" : "03-31");
	ki_date_parse(b, to);
	return 0;
}

/* A part the input has no columns for: its heading and why it is empty. */
static void
missing(struct rctx *c, const char *title, const char *why)
{
	static const char *const h[] = { "" };
	struct ki_section *s = ki_report_section(c->r, title, 1, h, NULL);

	ki_section_note(s, why);
}

/* Whether d has one of cols. */
static int
any(const struct rdata *d, const char *const *cols)
{
	size_t i;

	for (i = 0; cols[i] != NULL; i++)
		if (ki_rdata_has(d, cols[i]))
			return 1;
	return 0;
}

static int
build(struct rctx *c, struct ki_err *err)
{
	struct ki_report_opts po = *c->o;
	struct rctx pc = *c;
	int rc;

	ki_report_contents(c->r, 1);
	pc.o = &po;
	/* A district's pack by phase (the district is one row), an LA's by
	 * district. */
	if (po.by == NULL)
		po.by = po.district == NULL && ki_rdata_has(c->d, "district") ?
		    "district" : ki_rdata_has(c->d, "phase") ? "phase" :
		    "district";
	if ((rc = ki_rk_summary.build(&pc, err)) == 0) {
		if (any(c->d, ki_rk_budget.need) || po.deployments != NULL)
			rc = ki_rk_budget.build(&pc, err);
		else
			missing(c, "Visits, days and cost", "No visits, days or "
			    "cost in the input: run ki-allocate first.");
	}
	if (rc == 0 && po.week == NULL && !po.has_from &&
	    this_term(&pc, &po.from, &po.to) == 1)
		missing(c, "Ofsted inspections this term", "No Ofsted dates in "
		    "the input: join an Ofsted file with ki-import ofsted:FILE.");
	else if (rc == 0)
		rc = ki_rk_ofsted.build(&pc, err);
	if (rc == 0 && po.plan != NULL)
		rc = plan_section(&pc, err);
	c->lost |= pc.lost;
	return rc;
}

static void
title(const struct ki_report_opts *o, char *buf, size_t size)
{
	if (o->district != NULL)
		snprintf(buf, size, "District pack: %s%s%s%s", o->district,
		    o->la ? " (LA " : "", o->la ? o->la : "", o->la ? ")" : "");
	else
		snprintf(buf, size, "LA pack: %s", o->la ? o->la : "");
}

/* Every column a part of the pack reads (--by's is added). */
static const char *const cols[] = { "urn", "name", "year", "la", "district",
	"phase", "category", "ofsted_grade", "ofsted_grade_latest",
	"below_floor", "coasting", "pupils", "visits", "contacts", "days", "cost",
	"inspection_type", "ofsted_date", "ofsted_published",
	"ofsted_prev_grade", "ofsted_category", "rc_safeguarding",
	"rc_inclusion", "rc_curriculum", "rc_achievement", "rc_attendance",
	"rc_personal", "rc_early_years", "rc_post16", "rc_leadership",
	"ofsted_framework", "ofsted_quality", "ofsted_leadership",
	"ofsted_ungraded_outcome", "ofsted_same_urn", "ofsted_inspected_urn",
	"ofsted_prev_quality", "ofsted_prev_leadership", "ofsted_prev_date",
	"ofsted_prev_published", NULL };

const struct rkind ki_rk_pack = {
	.name = "pack",
	.cols = cols,
	.read = { .per_school = 0, .merge = 0 },
	.years = 1,
	.opts = RO_YEAR | RO_WINDOW | RO_PLAN | RO_DEPLOY | RO_AREA,
	.window = 0,		/* default: this term */
	.title = title,
	.as_at = ki_ryear_as_at,
	.build = build
};

/* The budget report: visits, days and cost by district (or --by). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/fixed.h"
#include "ki/fmtint.h"
#include "report_kind.h"

/* The columns added up: counts whole, days and money to the hundredth. */
enum bfield { B_VISITS, B_CONTACTS, B_DAYS, B_COST, NBFIELD };

static const struct {
	const char *col;
	int places;
	const char *what;	/* for "is not ..." */
	const char *most;	/* the largest total */
} bfields[NBFIELD] = {
	{ "visits", 0, "a whole number", "9223372036854775807" },
	{ "contacts", 0, "a whole number", "9223372036854775807" },
	{ "days", 2, "a number of days", "92233720368547758.07 days" },
	{ "cost", 2, "an amount in pounds and pence",
	    "92233720368547758.07 pounds" },
};

/* Add x to field f of a, checked. Returns 0, or -1 on overflow. */
static int
add_to(struct agg *a, enum bfield f, int64_t x)
{
	switch (f) {
	case B_VISITS:
		return __builtin_add_overflow(a->visits, x, &a->visits) ? -1 : 0;
	case B_CONTACTS:
		return __builtin_add_overflow(a->contacts, x, &a->contacts) ?
		    -1 : 0;
	case B_DAYS:
		return ki_fixed_add(a->days, x, &a->days);
	case B_COST:
	case NBFIELD:
		break;
	}
	return ki_fixed_add(a->money, x, &a->money);
}

/*
 * An amount in pence as people read it, "£1,234.56" (a minus first), in
 * buf of at least 40 bytes.
 */
char *
ki_rmoney(char *buf, int64_t pence)
{
	/* Of INT64_MIN, the pounds are still negatable; the pence are not. */
	long long pounds = pence / 100, p = pence % 100;
	char whole[KI_INT_LEN];

	ki_int_format(whole, pounds < 0 ? -pounds : pounds, KI_INT_GROUP);
	sprintf(buf, "%s\xc2\xa3%s.%02lld", pence < 0 ? "-" : "", whole,
	    p < 0 ? -p : p);
	return buf;
}

/* Money as money for people; exact decimals for programs. */
char *
ki_rmoney_cell(const struct ki_report_opts *o, char *buf, int64_t pence)
{
	if (ki_rcodes(o))
		ki_fixed_format(pence, 2, 0, buf, 40);
	else
		ki_rmoney(buf, pence);
	return buf;
}

/* The running totals of the budget, as the rows are read. */
struct bsum {
	const char *by;
	struct ki_tab *g;	/* group -> counts */
	struct agg run;		/* every row's, for the checks */
	struct ki_tab *urns;	/* --la and --deployments: the schools */
};

/* Add row r's figures to its group a and to the running total. */
static void
add_row(struct rctx *c, const struct rdata *d, const struct rrow *r,
    struct agg *a, struct agg *run)
{
	enum bfield f;

	a->schools++;
	for (f = B_VISITS; f < NBFIELD; f++) {
		const char *v = ki_rv(d, r, bfields[f].col);
		int64_t x;

		if (v == NULL)
			continue;
		if (ki_fixed_parse(v, bfields[f].places, &x) == -1 || x < 0) {
			ki_rsum_fail(c, d->name, r->line, bfields[f].col,
			    "\"%s\" is not %s", v, bfields[f].what);
			return;
		}
		/*
		 * Every value is at least 0, so a group's sum is at most the
		 * running total: when that fits in 64 bits, so do the groups'
		 * sums and the total row.
		 */
		if (add_to(run, f, x) == -1 || add_to(a, f, x) == -1) {
			ki_rsum_fail(c, d->name, r->line, bfields[f].col,
			    "\"%s\" takes the total past the largest ki can hold "
			    "(%s)", v, bfields[f].most);
			return;
		}
	}
}

static int
start(struct rctx *c)
{
	struct bsum *b = calloc(1, sizeof(*b));

	if (b == NULL)
		return -1;
	b->by = c->o->by ? c->o->by : "district";
	if ((b->g = ki_tab_new()) == NULL || (c->o->la != NULL &&
	    c->o->deployments != NULL && (b->urns = ki_tab_new()) == NULL)) {
		ki_tab_free(b->g, NULL);
		free(b);
		return -1;
	}
	c->acc = b;
	return 0;
}

/* Row r into its group; the first failure stops the adding. */
static void
add(struct rctx *c, const struct rdata *d, const struct rrow *r)
{
	struct bsum *b = c->acc;
	const char *u = ki_rv(d, r, "urn");
	struct agg *a;

	if (c->failed)
		return;
	if ((a = ki_rgroup(b->g, ki_rv(d, r, b->by), &c->lost)) == NULL ||
	    (b->urns != NULL && u != NULL && ki_tab_get(b->urns, u) == NULL &&
	    ki_tab_put(b->urns, u, (void *)1) == -1)) {
		ki_rsum_fail(c, NULL, 0, NULL, "out of memory");
		return;
	}
	add_row(c, d, r, a, &b->run);
}

static void
stop(struct rctx *c)
{
	struct bsum *b = c->acc;

	if (b != NULL) {
		ki_tab_free(b->g, free);
		ki_tab_free(b->urns, NULL);
		free(b);
	}
	c->acc = NULL;
}

static const struct rsum sum = { start, add, stop };

/* One row of the table: a group, or the total. */
static void
budget_row(struct rctx *c, struct ki_section *s, const char *name,
    const struct agg *a)
{
	const struct rdata *d = c->d;
	const char *row[6];
	char b[5][48];

	row[0] = name;
	row[1] = ki_rnum(b[0], a->schools);
	ki_fixed_format(a->days, 2, 1, b[3], sizeof(b[3]));
	ki_rmoney_cell(c->o, b[4], a->money);
	/* A column the input lacks is blank, not zero. */
	row[2] = ki_rdata_has(d, "visits") ? ki_rnum(b[1], a->visits) : NULL;
	row[3] = ki_rdata_has(d, "contacts") ? ki_rnum(b[2], a->contacts) :
	    NULL;
	row[4] = ki_rdata_has(d, "days") ? b[3] : NULL;
	row[5] = ki_rdata_has(d, "cost") ? b[4] : NULL;
	ki_section_row(s, row);
}

/* The table of the running totals, and the deployments beside. */
static int
finish(struct rctx *c, struct ki_err *err)
{
	const struct bsum *b = c->acc;
	const char *h[] = { b->by, "schools", "visits", "contacts", "days",
	    "cost" };
	static const enum ki_ckind kinds[] = { KI_CK_TEXT, KI_CK_NUMBER,
	    KI_CK_NUMBER, KI_CK_NUMBER, KI_CK_NUMBER, KI_CK_NUMBER };
	const struct agg *blank = ki_tab_get(b->g, BLANK);
	struct agg all;
	const char **keys;
	struct ki_section *s;
	char title[200];
	size_t nk, i;

	if (ki_rsum_failed(c, err) == -1)
		return -1;
	memset(&all, 0, sizeof(all));
	keys = ki_rkeys(b->g, &nk, &c->lost);
	snprintf(title, sizeof(title), "Visits, days and cost by %s", b->by);
	s = ki_report_section(c->r, title, 6, h, kinds);
	for (i = 0; keys != NULL && i < nk; i++) {
		const struct agg *a = ki_tab_get(b->g, keys[i]);

		/* No overflow: these are at most the running totals. */
		all.schools += a->schools;
		all.visits += a->visits;
		all.contacts += a->contacts;
		all.days += a->days;
		all.money += a->money;
		budget_row(c, s, keys[i], a);
	}
	if (keys != NULL && nk > 0) {
		budget_row(c, s, "total", &all);
		ki_section_total(s);
	}
	ki_section_chart(s, 4);
	ki_section_note(s, "The total is the sum of the rows: days and costs "
	    "are added exactly, to the hundredth of a day and the penny.");
	if (blank != NULL)
		ki_rblank_note(s, ki_rdata_has(c->d, b->by), b->by, blank->schools,
		    "school", "the input");
	free(keys);
	return c->o->deployments != NULL ? ki_rdeploy(c, b->by, b->g, b->urns,
	    err) : 0;
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
	snprintf(buf, size, "Visits, days and budget");
}

static const char *const cols[] = { "urn", "visits", "contacts", "days",
	"cost", "year", NULL };
static const char *const need[] = { "visits", "contacts", "days", "cost",
	NULL };

const struct rkind ki_rk_budget = {
	.name = "budget",
	.cols = cols,
	.read = { .per_school = 1, .merge = 0 },
	.by_district = 1,
	.opts = RO_DEPLOY,
	.need = need,
	.need_field = "days",
	.need_hint = "run ki-allocate first",
	.title = title,
	.as_at = ki_ryear_as_at,
	.build = build,
	.sum = &sum
};

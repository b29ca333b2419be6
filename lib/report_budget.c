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

/* Add row i's figures to its group a and to the running total. */
static int
add_row(const struct rdata *d, size_t i, struct agg *a, struct agg *run,
    struct ki_err *err)
{
	enum bfield f;

	a->schools++;
	for (f = B_VISITS; f < NBFIELD; f++) {
		const char *v = ki_rval(d, i, bfields[f].col);
		int64_t x;

		if (v == NULL)
			continue;
		if (ki_fixed_parse(v, bfields[f].places, &x) == -1 || x < 0)
			return ki_err_set(err, d->name, d->rows[i].line,
			    bfields[f].col, "\"%s\" is not %s", v, bfields[f].what);
		/*
		 * Every value is at least 0, so a group's sum is at most the
		 * running total: when that fits in 64 bits, so do the groups'
		 * sums and the total row.
		 */
		if (add_to(run, f, x) == -1 || add_to(a, f, x) == -1)
			return ki_err_set(err, d->name, d->rows[i].line,
			    bfields[f].col, "\"%s\" takes the total past the "
			    "largest ki can hold (%s)", v, bfields[f].most);
	}
	return 0;
}

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

static int
build(struct rctx *c, struct ki_err *err)
{
	const char *by = c->o->by ? c->o->by : "district";
	const char *h[] = { by, "schools", "visits", "contacts", "days", "cost" };
	static const enum ki_ckind kinds[] = { KI_CK_TEXT, KI_CK_NUMBER,
	    KI_CK_NUMBER, KI_CK_NUMBER, KI_CK_NUMBER, KI_CK_NUMBER };
	struct ki_tab *g = ki_tab_new();
	struct agg all, run;
	const char **keys;
	struct ki_section *s;
	char title[200];
	size_t nk, i;
	int rc;

	memset(&all, 0, sizeof(all));
	memset(&run, 0, sizeof(run));
	if (g == NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < c->d->n; i++) {
		struct agg *a = ki_rgroup(g, ki_rval(c->d, i, by), &c->lost);

		if (a == NULL || add_row(c->d, i, a, &run, err) == -1) {
			ki_tab_free(g, free);
			return a == NULL ? ki_err_set(err, NULL, 0, NULL,
			    "out of memory") : -1;
		}
	}
	keys = ki_rkeys(g, &nk, &c->lost);
	snprintf(title, sizeof(title), "Visits, days and cost by %s", by);
	s = ki_report_section(c->r, title, 6, h, kinds);
	for (i = 0; keys != NULL && i < nk; i++) {
		const struct agg *a = ki_tab_get(g, keys[i]);

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
	free(keys);
	rc = c->o->deployments != NULL ? ki_rdeploy(c, by, g, err) : 0;
	ki_tab_free(g, free);
	return rc;
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
	.build = build
};

/* ki-report's stage: the table of report kinds, and one run of one kind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/date.h"
#include "ki/share.h"
#include "report_kind.h"

/* Every kind of report; a new kind is a file and a line here. */
static const struct rkind *const kinds[] = { &ki_rk_summary,
	&ki_rk_ofsted, &ki_rk_budget, &ki_rk_indicators, &ki_rk_pack };
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static const struct rkind *
kind(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < NKINDS; i++)
		if (strcmp(kinds[i]->name, name) == 0)
			return kinds[i];
	return NULL;
}

int
ki_report_kind_known(const char *name)
{
	return kind(name) != NULL;
}

void
ki_report_kind_list(char *buf, size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < NKINDS && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    i ? ", " : "", kinds[i]->name);
}

/* The kinds that read option bit, for messages: "summary, indicators". */
static void
readers(unsigned bit, char *buf, size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < NKINDS; i++)
		if ((kinds[i]->opts & bit) && len < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
			    len ? ", " : "", kinds[i]->name);
}

/*
 * --week-ending, or --from and --to: the ofsted report's window (needed
 * unless the kind has a default).
 */
static int
check_window(struct ki_report_opts *o, int needed, char *msg, size_t size)
{
	if (!needed && o->week == NULL && !o->has_from && !o->has_to)
		return 0;
	if (o->week != NULL) {
		if (o->has_from || o->has_to) {
			snprintf(msg, size, "--week-ending or --from/--to, not "
			    "both");
			return -1;
		}
		if (strlen(o->week) != 10 || o->week[4] != '-' ||
		    o->week[7] != '-' || ki_date_parse(o->week, &o->to) == -1) {
			snprintf(msg, size, "\"%s\" is not a date such as "
			    "2014-11-21", o->week);
			return -1;
		}
		o->from = o->to - 6;
	} else if (!o->has_from || !o->has_to) {
		snprintf(msg, size, "%s needs --week-ending DATE, or --from DATE "
		    "and --to DATE", o->kind);
		return -1;
	} else if (o->from > o->to) {
		snprintf(msg, size, "--from is after --to");
		return -1;
	}
	return 0;
}

int
ki_report_check(struct ki_report_opts *o, char *msg, size_t size)
{
	/* An option the report does not read is an error, not ignored. */
	const struct {
		const char *opt;
		unsigned bit;
		int given;
	} only[] = {
		{ "--year", RO_YEAR, o->year != 0 },
		{ "--baseline-year", RO_BASE_YEAR, o->base_year != 0 },
		{ "--baseline", RO_BASELINE, o->baseline != NULL },
		{ "--week-ending", RO_WINDOW, o->week != NULL },
		{ "--from", RO_WINDOW, o->has_from },
		{ "--to", RO_WINDOW, o->has_to },
		{ "--plan", RO_PLAN, o->plan != NULL },
		{ "--deployments", RO_DEPLOY, o->deployments != NULL },
	};
	const struct rkind *k = kind(o->kind);
	char list[200];
	size_t i;

	if (k == NULL) {
		ki_report_kind_list(list, sizeof(list));
		snprintf(msg, size, "\"%s\" is not a report (%s)", o->kind,
		    list);
		return -1;
	}
	if ((k->opts & RO_WINDOW) && check_window(o, k->window, msg,
	    size) == -1)
		return -1;
	for (i = 0; i < sizeof(only) / sizeof(only[0]); i++)
		if (only[i].given && !(k->opts & only[i].bit)) {
			readers(only[i].bit, list, sizeof(list));
			snprintf(msg, size, "%s is not read by the %s report, only "
			    "by: %s", only[i].opt, o->kind, list);
			return -1;
		}
	if ((k->opts & RO_AREA) && o->la == NULL && o->district == NULL) {
		snprintf(msg, size, "%s needs --district NAME or --la CODE",
		    o->kind);
		return -1;
	}
	if (o->raw_csv && o->format != KI_RF_CSV) {
		snprintf(msg, size, "--raw-csv is for --format csv");
		return -1;
	}
	if (o->excel && o->format != KI_RF_CSV) {
		snprintf(msg, size, "--excel is for --format csv");
		return -1;
	}
	return 0;
}

/*
 * The footer: the day made, ki's version, the inputs, the rows read (and
 * which), and the data's as-at date.
 */
static void
footer(const struct ki_report_opts *o, const struct rdata *d,
    const char *asat, char *buf, size_t size)
{
	const char *what[] = { "LA", "district", "phase" };
	const char *want[] = { o->la, o->district, o->phase };
	char made[11], which[400] = "";
	size_t k, len = 0;

	ki_date_format(o->made, made);
	for (k = 0; k < 3; k++)
		if (want[k] != NULL && len < sizeof(which) - 1)
			len += (size_t)snprintf(which + len, sizeof(which) - len,
			    "%s %s %s", len ? "," : " of", what[k], want[k]);
	snprintf(buf, size, "Made %s by ki-report %s (%s) from %s%s%s%s%s%s%s: "
	    "%zu row%s%s; %s%s.", made, KI_VERSION, o->kind, d->name,
	    o->baseline ? " and baseline " : "", o->baseline ? o->baseline : "",
	    o->plan ? " and plan " : "", o->plan ? o->plan : "",
	    o->deployments ? " and deployments " : "", o->deployments ?
	    o->deployments : "", d->total,
	    d->total == 1 ? "" : "s", which, *asat ? "data as at " :
	    "no as-at date in the data", asat);
}

/* The columns a kind reads: its own, --by's, and district by default. */
static size_t
wanted(const struct rkind *k, const struct ki_report_opts *o,
    const char **want, size_t max)
{
	size_t n = 0, i;

	for (i = 0; k->cols[i] != NULL && n < max - 2; i++)
		want[n++] = k->cols[i];
	if (o->by != NULL)
		want[n++] = o->by;
	else if (k->by_district)
		want[n++] = "district";
	return n;
}

/* The checks on what was read: filters, --by, needed columns, years. */
static int
check_data(const struct rkind *k, const struct ki_report_opts *o,
    const struct rdata *d, struct rfilter *f, struct ki_err *err)
{
	const char *file = o->input ? o->input : "<stdin>";
	size_t i;
	int any = 0;

	if (ki_rfilter_check(f, file, err) == -1)
		return -1;
	if (o->by != NULL && !ki_rdata_has(d, o->by) && d->total > 0)
		return ki_err_set(err, file, 1, o->by, "no such column to group "
		    "by");
	/* The columns a report cannot do without: a clear error, not zeros. */
	for (i = 0; k->need != NULL && k->need[i] != NULL; i++)
		any |= ki_rdata_has(d, k->need[i]);
	if (d->total > 0 && k->need != NULL && !any)
		return ki_err_set(err, file, 1, k->need_field, "no such column: "
		    "%s", k->need_hint);
	if (k->years && ki_rcheck_years(o, d, err) == -1)
		return -1;
	return 0;
}

/* The report's title, footer and meta. NULL when out of memory. */
static struct ki_report *
report_new(const struct rkind *k, const struct ki_report_opts *o,
    const struct rctx *c)
{
	const char *fopt[] = { "la", "district", "phase" };
	const char *fval[] = { o->la, o->district, o->phase };
	struct ki_report *r;
	char title[200], foot[1600], asat[40], made[11];
	size_t i;

	k->as_at(c, asat, sizeof(asat));
	footer(o, c->d, asat, foot, sizeof(foot));
	k->title(o, title, sizeof(title));
	if ((r = ki_report_new(title)) == NULL)
		return NULL;
	ki_report_footer(r, foot);
	ki_date_format(o->made, made);
	ki_report_meta(r, "made", made);
	ki_report_meta(r, "as_at", *asat ? asat : NULL);
	ki_report_meta(r, "version", KI_VERSION);
	ki_report_meta(r, "report", o->kind);
	for (i = 0; i < 3; i++)
		if (fval[i] != NULL)
			ki_report_meta(r, fopt[i], fval[i]);
	ki_report_input(r, c->d->name);
	if (o->baseline != NULL)
		ki_report_input(r, o->baseline);
	if (o->plan != NULL)
		ki_report_input(r, o->plan);
	if (o->deployments != NULL)
		ki_report_input(r, o->deployments);
	ki_report_raw_csv(r, o->raw_csv);
	ki_report_excel(r, o->excel);
	return r;
}

/* A kind that adds up as it reads: where each row goes. */
struct adding {
	struct rctx *c;
	const struct rsum *sum;
};

static void
add_row(void *arg, const struct rdata *d, const struct rrow *r)
{
	struct adding *a = arg;

	a->sum->add(a->c, d, r);
}

/* Read the input: into c->acc when the kind adds up, else into d. */
static int
read_input(const struct rkind *k, struct rctx *c, const char *const *want,
    size_t nwant, struct rfilter *f, struct ki_err *err)
{
	struct rread how = k->read;
	struct adding a = { c, k->sum };

	if (k->sum != NULL) {
		if (k->sum->start(c) == -1) {
			memset(c->d, 0, sizeof(*c->d));
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
		}
		how.sink = add_row;
		how.arg = &a;
	}
	return ki_rdata_read(c->o->input, c->o->in, want, nwant, how, f, c->d,
	    err);
}

int
ki_report_run(const struct ki_report_opts *o, FILE *out, struct ki_err *err)
{
	const struct rkind *k = kind(o->kind);
	struct rfilter f = { .la = o->la, .district = o->district,
	    .phase = o->phase };
	const char *want[64];
	struct rdata d;
	struct rctx c;
	size_t nwant;
	int rc;

	if (k == NULL)
		return ki_err_set(err, NULL, 0, NULL, "\"%s\" is not a report",
		    o->kind ? o->kind : "");
	memset(&c, 0, sizeof(c));
	c.o = o;
	c.d = &d;
	nwant = wanted(k, o, want, sizeof(want) / sizeof(want[0]));
	rc = read_input(k, &c, want, nwant, &f, err);
	if (rc == 0)
		rc = check_data(k, o, &d, &f, err);
	ki_rfilter_free(&f);
	if (rc == 0 && (c.r = report_new(k, o, &c)) == NULL)
		rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
	if (rc == 0)
		rc = k->build(&c, err);
	if (rc == 0 && c.lost)
		rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
	if (rc == 0 && ki_report_write(c.r, out, o->format) == -1 &&
	    !ferror(out))
		rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
	if (k->sum != NULL)
		k->sum->stop(&c);
	ki_report_free(c.r);
	ki_rdata_free(&d);
	return rc;
}

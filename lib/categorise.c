/* The categorise stage: read every row, keep its history, spool as-at rows. */
#include <stdlib.h>
#include <string.h>

#include "ki/categorise.h"
#include "ki/num.h"
#include "ki/val.h"

static const char *const added[] = { "category", "category_scheme",
	"category_reasons" };
#define NADDED 3

static int
oom(struct ki_cat *c)
{
	return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
}

/* Column name's index in h, added if new; -1 on allocation failure. */
static long
keep_col(struct ki_hdr *h, const char *name)
{
	long k = ki_hdr_index(h, name);

	return k >= 0 ? k : ki_hdr_add(h, name);
}

/*
 * The columns the scheme reads, for the history it keeps, those that
 * explain its Ofsted grade, and close_date: a school closed before the
 * as-at date is not categorised.
 */
static int
history_columns(struct ki_cat *c)
{
	if ((c->hcols = ki_scheme_columns(c->scheme)) == NULL ||
	    (c->h_note = keep_col(c->hcols, "ofsted_note")) < 0 ||
	    (c->h_lnote = keep_col(c->hcols, "ofsted_grade_latest_note")) < 0 ||
	    (c->i_close = keep_col(c->hcols, "close_date")) < 0 ||
	    (c->hidx = calloc(c->hcols->n + 1, sizeof(long))) == NULL ||
	    (c->past = calloc(c->hcols->n + 1, sizeof(char *))) == NULL ||
	    (c->ncols = ki_scheme_numbers(c->scheme)) == NULL ||
	    (c->nidx = calloc(c->ncols->n + 1, sizeof(long))) == NULL ||
	    (c->ycols = ki_scheme_yes_no(c->scheme)) == NULL ||
	    (c->yidx = calloc(c->ycols->n + 1, sizeof(long))) == NULL ||
	    ki_rowvals_init(&c->vals, c->hcols->n) == -1 ||
	    ki_hist_init(&c->hist) == -1)
		return oom(c);
	return 0;
}

/* The added columns' names, with the prefix: none the same. */
static int
full_names(struct ki_cat *c)
{
	const char *prefix = c->o->prefix ? c->o->prefix : "";
	size_t i, k;

	c->nfull = NADDED + ki_scheme_ncols(c->scheme);
	if ((c->full = calloc(c->nfull, sizeof(char *))) == NULL)
		return oom(c);
	for (i = 0; i < c->nfull; i++) {
		const char *base = i < NADDED ? added[i] :
		    ki_scheme_col(c->scheme, i - NADDED);
		size_t len = strlen(prefix) + strlen(base) + 1;

		if ((c->full[i] = malloc(len)) == NULL)
			return oom(c);
		snprintf(c->full[i], len, "%s%s", prefix, base);
		for (k = 0; k < i; k++)
			if (strcmp(c->full[k], c->full[i]) == 0)
				return ki_err_set(c->err, NULL, 0, NULL, "the "
				    "scheme's column %s clashes with "
				    "ki-categorise's", base);
	}
	return 0;
}

/* Keep the scheme's columns of this school-year; returns the school. */
static long
keep_past(struct ki_cat *c, const struct ki_rec *rec, const char *urn,
    int year)
{
	size_t i;
	long r;

	for (i = 0; i < c->hcols->n; i++)
		c->past[i] = c->hidx[i] >= 0 ? rec->v[c->hidx[i]] : NULL;
	if ((r = ki_rowvals_add(&c->vals, c->past)) < 0)
		return -1;
	return ki_hist_add(&c->hist, urn, year, rec->line, (uint32_t)r);
}

/* Room in c->at for school, the new ones zero. */
static int
at_room(struct ki_cat *c, long school)
{
	unsigned long long *at;

	if ((size_t)school >= c->capat) {
		/* By half again: 8 bytes a school, so at a million
		   doubling would leave up to 8 MB unused. */
		size_t cap = c->capat ? c->capat + c->capat / 2 : 4096;

		while (cap <= (size_t)school)
			cap += cap / 2;
		if ((at = realloc(c->at, cap * sizeof(*at))) == NULL)
			return -1;
		c->at = at;
		c->capat = cap;
	}
	if ((size_t)school >= c->nat) {
		memset(c->at + c->nat, 0, ((size_t)school + 1 - c->nat) *
		    sizeof(*c->at));
		c->nat = (size_t)school + 1;
	}
	return 0;
}

/*
 * Spool the row when it may be the school's as-at row: of --year, or of
 * the latest year so far (a row of the input's latest year always is).
 */
static int
keep_row(struct ki_cat *c, long school, const struct ki_rec *rec, int year)
{
	if (year != (c->o->year ? c->o->year : c->latest))
		return 0;
	if (c->in->n != c->spool_n) {
		if (ki_spool_names(c->spool, c->in->n, (const char *const *)
		    c->in->names, c->err) == -1)
			return -1;
		c->spool_n = c->in->n;
	}
	return ki_spool_put(c->spool, NULL, rec->n, (const char *const *)
	    rec->v, rec->num, &c->at[school], c->err);
}

/*
 * Check the header from column from on (none of the added columns, the
 * scheme's included; urn and year there; every column the scheme needs)
 * and find the columns.
 */
static int
header(struct ki_cat *c, const struct ki_reader *rd, size_t from)
{
	const struct ki_hdr *h = ki_reader_hdr(rd);
	size_t i, k;

	for (i = from; i < h->n; i++)
		for (k = 0; k < c->nfull; k++)
			if (strcmp(h->names[i], c->full[k]) == 0)
				return ki_err_set(c->err, ki_reader_name(rd), 1,
				    c->full[k], "the input already has this "
				    "column: use --prefix");
	if (ki_hdr_index(h, "urn") < 0 || ki_hdr_index(h, "year") < 0)
		return ki_err_set(c->err, ki_reader_name(rd), 1,
		    ki_hdr_index(h, "urn") < 0 ? "urn" : "year",
		    "no such column in the input");
	if (ki_scheme_bind(c->scheme, h, c->o->params, ki_reader_name(rd),
	    c->err) == -1)
		return -1;
	for (i = 0; i < c->hcols->n; i++)
		c->hidx[i] = ki_hdr_index(h, c->hcols->names[i]);
	for (i = 0; i < c->ncols->n; i++)
		c->nidx[i] = ki_hdr_index(h, c->ncols->names[i]);
	for (i = 0; i < c->ycols->n; i++)
		c->yidx[i] = ki_hdr_index(h, c->ycols->names[i]);
	return 0;
}

/* The numbers and yes-or-no values the scheme reads, checked as read. */
static int
check_values(struct ki_cat *c, const struct ki_reader *rd,
    const struct ki_rec *rec)
{
	size_t i;

	for (i = 0; i < c->ncols->n; i++) {
		const char *v = c->nidx[i] >= 0 ? rec->v[c->nidx[i]] : NULL;
		double d;

		if (v != NULL && strcmp(v, "unknown") != 0 &&
		    ki_num_parse(v, &d) == -1)
			return ki_err_set(c->err, ki_reader_name(rd), rec->line,
			    c->ncols->names[i], "\"%s\" is not a number", v);
	}
	for (i = 0; i < c->ycols->n; i++) {
		const char *v = c->yidx[i] >= 0 ? rec->v[c->yidx[i]] : NULL;
		char yn[8], msg[160];

		if (v != NULL && strcmp(v, "unknown") != 0 &&
		    strcmp(v, "n/a") != 0 && ki_val_norm(KI_T_BOOL, v, yn,
		    sizeof(yn), msg, sizeof(msg)) == -1)
			return ki_err_set(c->err, ki_reader_name(rd), rec->line,
			    c->ycols->names[i], "%s", msg);
	}
	return 0;
}

/*
 * Take one row: check it, keep its history and the links to a predecessor
 * (urn_predecessor, or a predecessor's urn_successor), spool it.
 */
static int
take(struct ki_cat *c, const struct ki_reader *rd, const struct ki_rec *rec)
{
	const struct ki_hdr *h = c->in;
	long iurn = ki_hdr_index(h, "urn"), iyear = ki_hdr_index(h, "year");
	long ipred = ki_hdr_index(h, "urn_predecessor");
	long isucc = ki_hdr_index(h, "urn_successor");
	const char *urn = rec->v[iurn];
	long school;
	int year;

	if (check_values(c, rd, rec) == -1)
		return -1;
	if (urn == NULL)
		return ki_err_set(c->err, ki_reader_name(rd), rec->line, "urn",
		    "blank");
	if (rec->v[iyear] == NULL || ki_num_year(rec->v[iyear], &year) == -1)
		return ki_err_set(c->err, ki_reader_name(rd), rec->line,
		    "year", rec->v[iyear] ? "\"%s\" is not a year such as 2019" :
		    "blank", rec->v[iyear]);
	if (year > c->latest)
		c->latest = year;
	ki_yearset_add(&c->yset, year);
	if ((school = keep_past(c, rec, urn, year)) < 0 ||
	    (ipred >= 0 && ki_hist_link(&c->hist, urn, rec->v[ipred]) == -1) ||
	    (isucc >= 0 && ki_hist_link(&c->hist, rec->v[isucc], urn) == -1) ||
	    at_room(c, school) == -1)
		return oom(c);
	return keep_row(c, school, rec, year);
}

static int
read_all(struct ki_cat *c, struct ki_reader *rd)
{
	const struct ki_hdr *h = ki_reader_hdr(rd);
	struct ki_rec *rec;
	size_t known;
	int rc;

	c->in = h;
	/* A CSV header is checked before any row: a header alone too. */
	if (h->n > 0 && header(c, rd, 0) == -1)
		return -1;
	known = h->n;
	while ((rc = ki_reader_next(rd, &rec, c->err)) == 1) {
		if (h->n != known) {
			if (header(c, rd, known) == -1)
				return -1;
			known = h->n;
		}
		if (take(c, rd, rec) == -1)
			return -1;
	}
	if (rc == 0)
		rc = ki_hist_index(&c->hist, ki_reader_name(rd), c->err);
	/* An as-at year no row has would give a header and nothing else. */
	if (rc == 0 && c->o->year != 0 && !ki_yearset_has(&c->yset,
	    c->o->year))
		rc = ki_yearset_err(&c->yset, "--year", c->o->year,
		    ki_reader_name(rd), c->err);
	return rc;
}

/* Load the scheme, find its columns, check the parameters. */
static int
setup(struct ki_cat *c)
{
	if (ki_canon_load(c->err) == -1 ||
	    (c->scheme = ki_scheme_load(c->o->scheme, c->err)) == NULL ||
	    history_columns(c) == -1)
		return -1;
	if (ki_scheme_check_params(c->scheme, c->o->params, c->err) == -1)
		return ki_err_oom(c->err) ? -1 : KI_ERR_USAGE;
	return full_names(c);
}

static int
run(struct ki_cat *c, FILE *out)
{
	struct ki_reader *rd;
	int rc;

	if ((rc = setup(c)) != 0)
		return rc;
	if ((rd = ki_reader_open(c->o->input, c->o->fmt, 0, c->err)) == NULL)
		return -1;
	if ((c->spool = ki_spool_open(ki_reader_fmt(rd), 0, c->err)) == NULL)
		rc = -1;
	else if ((rc = read_all(c, rd)) == 0)
		rc = ki_cat_write(c, out, ki_reader_fmt(rd));
	ki_reader_close(rd);
	return rc;
}

int
ki_categorise_run(const struct ki_categorise_opts *o, FILE *out,
    struct ki_err *err)
{
	struct ki_cat c;
	size_t i;
	int rc;

	memset(&c, 0, sizeof(c));
	c.o = o;
	c.err = err;
	rc = run(&c, out);
	ki_hist_free(&c.hist);
	ki_rowvals_free(&c.vals);
	ki_spool_close(c.spool);
	free(c.at);
	ki_hdr_free(c.hcols);
	free(c.hidx);
	free(c.past);
	ki_hdr_free(c.ncols);
	free(c.nidx);
	ki_hdr_free(c.ycols);
	free(c.yidx);
	for (i = 0; c.full != NULL && i < c.nfull; i++)
		free(c.full[i]);
	free(c.full);
	ki_scheme_free(c.scheme);
	return rc;
}

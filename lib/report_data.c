/* ki-report's rows: read the columns a report needs, and count groups. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/buf.h"
#include "ki/date.h"
#include "ki/fixed.h"
#include "ki/fmtint.h"
#include "ki/num.h"
#include "ki/rec.h"
#include "ki/yearset.h"
#include "report_kind.h"

void
ki_rdata_free(struct rdata *d)
{
	size_t i, k;

	for (i = 0; i < d->n; i++) {
		for (k = 0; d->cols != NULL && k < d->cols->n; k++)
			free(d->rows[i].v[k]);
		free(d->rows[i].v);
	}
	free(d->rows);
	free(d->has);
	ki_hdr_free(d->cols);
	memset(d, 0, sizeof(*d));
}

/*
 * A year must be a year; with once (rows one per school and year), a school
 * may not come twice in one year, or it would be counted twice.
 */
static int
check_row(const struct ki_reader *rd, const struct ki_rec *rec,
    struct ki_ronce *once, struct ki_err *err)
{
	const struct ki_hdr *h = ki_reader_hdr(rd);
	long iy = ki_hdr_index(h, "year"), iu = ki_hdr_index(h, "urn");
	const char *y = iy >= 0 ? rec->v[iy] : NULL;
	int yy, added;

	if (y != NULL && ki_num_year(y, &yy) == -1)
		return ki_err_set(err, ki_reader_name(rd), rec->line, "year",
		    "\"%s\" is not a year such as 2019", y);
	if (once == NULL || iu < 0 || rec->v[iu] == NULL)
		return 0;
	if ((added = ki_ronce_add(once, rec->v[iu], y)) < 0)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	if (!added)
		return ki_err_set(err, ki_reader_name(rd), rec->line, "urn",
		    "school %s appears twice%s%s", rec->v[iu], y ? " for " : "",
		    y ? y : "");
	return 0;
}

/* What one read keeps as it goes. */
struct reading {
	struct ki_reader *rd;
	const char *const *want;
	size_t nwant;
	long *idx;		/* want[i]'s column in the input, or -1 */
	long iyear;		/* the year's place in want, or -1 */
	struct ki_tab *alike;	/* merge: the key of each row kept */
	struct ki_buf key;
	rsink_fn *sink;		/* where rows go, when they are not kept */
	int (*only)(void *, const struct rdata *, const struct rrow *);
	void *arg;
	struct rrow pass;	/* the row passing through the sink */
};

/*
 * With merge, whether rec is alike in every column but urn to a row kept:
 * then that row's count goes up and 1 is returned. Else 0 (the key noted
 * for the row about to be added), or -1 out of memory.
 */
static int
merged(struct reading *g, const struct ki_rec *rec, struct rdata *d)
{
	void *seen;
	size_t i;

	ki_buf_reset(&g->key);
	for (i = 0; i < g->nwant; i++) {
		const char *v = g->idx[i] >= 0 && strcmp(g->want[i], "urn") != 0 ?
		    rec->v[g->idx[i]] : NULL;

		/* \x1e marks blank, \x1f ends a value. */
		if (v == NULL)
			ki_buf_add(&g->key, "\x1e", 1);
		else
			ki_buf_add(&g->key, v, strlen(v));
		ki_buf_add(&g->key, "\x1f", 1);
	}
	if (g->key.oom)
		return -1;
	if ((seen = ki_tab_get(g->alike, ki_buf_str(&g->key))) != NULL) {
		d->rows[(uintptr_t)seen - 1].count++;
		return 1;
	}
	return ki_tab_put(g->alike, ki_buf_str(&g->key),
	    (void *)(uintptr_t)(d->n + 1)) == -1 ? -1 : 0;
}

/* Keep rec's wanted values as a new row. Returns 0, or -1 out of memory. */
static int
keep(struct reading *g, const struct ki_rec *rec, struct rdata *d)
{
	struct rrow *r;
	size_t i;

	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 1024;
		struct rrow *nr = realloc(d->rows, cap * sizeof(*nr));

		if (nr == NULL)
			return -1;
		d->rows = nr;
		d->cap = cap;
	}
	r = &d->rows[d->n++];
	r->line = rec->line;
	r->count = 1;
	if ((r->v = calloc(g->nwant + 1, sizeof(char *))) == NULL) {
		d->n--;
		return -1;
	}
	for (i = 0; i < g->nwant; i++)
		if (g->idx[i] >= 0 && rec->v[g->idx[i]] != NULL &&
		    (g->alike == NULL || strcmp(g->want[i], "urn") != 0) &&
		    (r->v[i] = strdup(rec->v[g->idx[i]])) == NULL)
			return -1;
	return 0;
}

/* Note the year of rec, a row of the report, in d. */
static void
note_year(const struct reading *g, const struct ki_rec *rec, struct rdata *d)
{
	const char *v = g->iyear >= 0 && g->idx[g->iyear] >= 0 ?
	    rec->v[g->idx[g->iyear]] : NULL;
	int y;

	if (v != NULL && ki_num_year(v, &y) == 0) {
		ki_yearset_add(&d->years, y);
		if (y > d->latest)
			d->latest = y;
	}
}

/* rec's wanted values as a row, good until the next record. */
static const struct rrow *
view(struct reading *g, const struct ki_rec *rec)
{
	size_t i;

	for (i = 0; i < g->nwant; i++)
		g->pass.v[i] = g->idx[i] >= 0 ? rec->v[g->idx[i]] : NULL;
	g->pass.line = rec->line;
	g->pass.count = 1;
	return &g->pass;
}

/* Read every record of g->rd into d. Returns 0 or -1. */
static int
read_rows(struct reading *g, struct ki_ronce *once, struct rfilter *f,
    struct rdata *d, struct ki_err *err)
{
	struct ki_rec *rec;
	size_t i;
	int rc, m;

	while ((rc = ki_reader_next(g->rd, &rec, err)) == 1) {
		const struct ki_hdr *h = ki_reader_hdr(g->rd);

		if (check_row(g->rd, rec, once, err) == -1)
			return -1;
		if (f != NULL && (m = ki_rfilter_match(f, h,
		    (const char *const *)rec->v)) != 1) {
			if (m == -1)
				return ki_err_set(err, NULL, 0, NULL,
				    "out of memory");
			continue;
		}
		for (i = 0; i < g->nwant; i++)
			if (g->idx[i] < 0 && (g->idx[i] = ki_hdr_index(h,
			    g->want[i])) >= 0)
				d->has[i] = 1;
		d->total++;
		note_year(g, rec, d);
		if (g->sink != NULL) {
			g->sink(g->arg, d, view(g, rec));
			continue;
		}
		if (g->only != NULL && !g->only(g->arg, d, view(g, rec)))
			continue;
		if (g->alike != NULL && (m = merged(g, rec, d)) != 0) {
			if (m == -1)
				return ki_err_set(err, NULL, 0, NULL,
				    "out of memory");
			continue;
		}
		if (keep(g, rec, d) == -1)
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
	}
	return rc;
}

/*
 * Read the named columns of every row. A column the input lacks reads as
 * blank; ki_rdata_has tells which are there. With merge, rows alike in
 * every column but urn are kept once with a count: the summary and the
 * indicators count, so memory grows with the kinds of school, not their
 * number (a million schools of one year fit in a few megabytes). With a
 * sink, no row is kept: each goes to the sink as it is read; with only,
 * the rows it does not take are not kept (but are counted in d->total).
 */
int
ki_rdata_read(const char *path, enum ki_fmt fmt, const char *const *want,
    size_t nwant, struct rread how, struct rfilter *f, struct rdata *d,
    struct ki_err *err)
{
	struct ki_ronce *once = how.per_school ? ki_ronce_new() : NULL;
	struct reading g;
	size_t i;
	int rc = -1;

	memset(d, 0, sizeof(*d));
	memset(&g, 0, sizeof(g));
	g.want = want;
	g.nwant = nwant;
	g.alike = how.merge && how.sink == NULL ? ki_tab_new() : NULL;
	g.sink = how.sink;
	g.only = how.only;
	g.arg = how.arg;
	g.iyear = -1;
	if ((how.per_school && once == NULL) || (how.merge && g.sink == NULL &&
	    g.alike == NULL)) {
		rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
		goto out;
	}
	if ((g.rd = ki_reader_open(path, fmt, 0, err)) == NULL)
		goto out;
	d->name = path && strcmp(path, "-") != 0 ? path : "<stdin>";
	if ((d->cols = ki_hdr_new()) == NULL ||
	    (d->has = calloc(nwant + 1, 1)) == NULL ||
	    (g.idx = calloc(nwant + 1, sizeof(long))) == NULL ||
	    (g.pass.v = calloc(nwant + 1, sizeof(char *))) == NULL) {
		rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
		goto out;
	}
	for (i = 0; i < nwant; i++)
		if (ki_hdr_add(d->cols, want[i]) < 0) {
			rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
			goto out;
		}
	for (i = 0; i < nwant; i++)
		d->has[i] = (g.idx[i] = ki_hdr_index(ki_reader_hdr(g.rd),
		    want[i])) >= 0;
	g.iyear = ki_hdr_index(d->cols, "year");
	rc = read_rows(&g, once, f, d, err);
out:
	free(g.idx);
	free(g.pass.v);
	ki_buf_free(&g.key);
	if (g.rd != NULL)
		ki_reader_close(g.rd);
	ki_tab_free(g.alike, NULL);
	ki_ronce_free(once);
	return rc;
}

int
ki_rdata_has(const struct rdata *d, const char *col)
{
	long k = d->cols != NULL ? ki_hdr_index(d->cols, col) : -1;

	return k >= 0 && d->has[k];
}

const char *
ki_rv(const struct rdata *d, const struct rrow *r, const char *col)
{
	long k = ki_hdr_index(d->cols, col);
	const char *v = k >= 0 ? r->v[k] : NULL;

	return v != NULL && *v != '\0' ? v : NULL;
}

int
ki_rv_year(const struct rdata *d, const struct rrow *r)
{
	const char *v = ki_rv(d, r, "year");
	int y;

	return ki_num_year(v ? v : "", &y) == 0 ? y : 0;
}

const char *
ki_rv_grade(const struct rdata *d, const struct rrow *r)
{
	return ki_rv(d, r, "ofsted_grade") ? ki_rv(d, r, "ofsted_grade") :
	    ki_rv(d, r, "ofsted_grade_latest");
}

const char *
ki_rval(const struct rdata *d, size_t i, const char *col)
{
	return ki_rv(d, &d->rows[i], col);
}

int
ki_ryear(const struct rdata *d, size_t i)
{
	return ki_rv_year(d, &d->rows[i]);
}

/* The latest year in d, or 0: noted as the rows were read. */
int
ki_rlatest(const struct rdata *d)
{
	return d->latest;
}

const char *
ki_rgrade(const struct rdata *d, size_t i)
{
	return ki_rv_grade(d, &d->rows[i]);
}

/* A --year or --baseline-year that no row has is an error, not zeros. */
int
ki_rcheck_years(const struct ki_report_opts *o, const struct rdata *d,
    struct ki_err *err)
{
	if (o->year != 0 && !ki_yearset_has(&d->years, o->year))
		return ki_yearset_err(&d->years, "--year", o->year, d->name, err);
	if (o->base_year != 0 && !ki_yearset_has(&d->years, o->base_year))
		return ki_yearset_err(&d->years, "--baseline-year", o->base_year,
		    d->name, err);
	return 0;
}

/* The as-at date of a report of one year: the year reported. */
void
ki_ryear_as_at(const struct rctx *c, char *buf, size_t size)
{
	int y = c->o->year ? c->o->year : ki_rlatest(c->d);

	if (y != 0)
		snprintf(buf, size, "%d", y);
	else
		buf[0] = '\0';
}

/*
 * The group key's counts, made when new; NULL, with *lost set, when out
 * of memory (the report would lack it, so the run fails).
 */
struct agg *
ki_rgroup(struct ki_tab *t, const char *key, int *lost)
{
	struct agg *a = ki_tab_get(t, key ? key : BLANK);

	if (a == NULL && ((a = calloc(1, sizeof(*a))) == NULL ||
	    ki_tab_put(t, key ? key : BLANK, a) == -1)) {
		free(a);
		a = NULL;
		*lost = 1;
	}
	return a;
}

static int
by_name(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;

	/* The blank group goes last. */
	if (strcmp(x, BLANK) == 0 || strcmp(y, BLANK) == 0)
		return strcmp(x, BLANK) == 0 ? (strcmp(y, BLANK) != 0) : -1;
	return strcmp(x, y);
}

/* The group names of t, sorted; the caller frees the array only. */
const char **
ki_rkeys(const struct ki_tab *t, size_t *n, int *lost)
{
	const char **k = calloc(ki_tab_count(t) + 1, sizeof(char *));
	const char *key;
	void *v;
	size_t pos = 0;

	*n = 0;
	if (k == NULL) {
		*lost = 1;
		return NULL;
	}
	while (ki_tab_next(t, &pos, &key, &v))
		k[(*n)++] = key;
	qsort(k, *n, sizeof(*k), by_name);
	return k;
}

/* v in buf (at least KI_INT_LEN bytes). */
char *
ki_rnum(char *buf, long v)
{
	return ki_int_format(buf, v, 0);
}

/* part of whole as a percentage with one decimal, or "" when whole is 0. */
char *
ki_rpct(char *buf, long part, long whole)
{
	if (whole == 0)
		buf[0] = '\0';
	else
		sprintf(buf, "%.1f", 100.0 * part / whole);
	return buf;
}

/* Whether the report is for programs: codes, with words beside. */
int
ki_rcodes(const struct ki_report_opts *o)
{
	return o->format == KI_RF_CSV || o->format == KI_RF_JSON;
}

/* The urns of d's rows. NULL when out of memory. */
struct ki_tab *
ki_rschools(const struct rdata *d)
{
	struct ki_tab *t = ki_tab_new();
	size_t i;

	for (i = 0; t != NULL && i < d->n; i++) {
		const char *u = ki_rval(d, i, "urn");

		if (u != NULL && ki_tab_get(t, u) == NULL &&
		    ki_tab_put(t, u, (void *)1) == -1) {
			ki_tab_free(t, NULL);
			return NULL;
		}
	}
	return t;
}


/*
 * Under a table grouped by column by with a (blank) row of n schools (or
 * what else, singular) of in ("the input"): what that row is, "(blank):
 * 3 schools whose district is empty in the input."
 */
void
ki_rblank_note(struct ki_section *s, int has, const char *by, long n,
    const char *what, const char *in)
{
	char note[400];

	if (has)
		snprintf(note, sizeof(note), "%s: %ld %s%s whose %s is empty in "
		    "%s.", BLANK, n, what, n == 1 ? "" : "s", by, in);
	else
		snprintf(note, sizeof(note), "%s: %ld %s%s, as %s has no %s "
		    "column.", BLANK, n, what, n == 1 ? "" : "s", in, by);
	ki_section_note(s, note);
}

/* The floor stage: judge every row, spool it, then add its history columns. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/buf.h"
#include "ki/floor.h"
#include "ki/fmtint.h"
#include "ki/hdr.h"
#include "ki/hist.h"
#include "ki/num.h"
#include "ki/spool.h"
#include "ki/std.h"
#include "ki/val.h"
#include "ki/wr.h"

/* The columns ki-floor adds, in order; the last three need all the years. */
static const char *const added[] = { "floor_standard", "below_floor",
	"floor_reason", "floor_below_5y", "floor_run", "coasting",
	"floor_history_from" };
#define NADDED	6
#define NFIRST	3
/* floor_history_from, only when the input links schools to predecessors. */
#define NALL	7

static const char *const answer[] = { "no", "yes", "unknown", "n/a" };

/* A school-year's data: the floor answer and the coasting line's. */
#define PACK(floor, coast)	((uint32_t)(floor) | (uint32_t)(coast) << 8)
#define FLOOR(d)		((int)((d) & 0xff))
#define COAST(d)		((int)((d) >> 8 & 0xff))

/* What pass 2 needs of each spooled row, spooled with it. */
struct meta {
	uint32_t school;
	int32_t year;
};

struct ctx {
	const struct ki_floor_opts *o;
	struct ki_std *std;
	struct ki_hist hist;	/* every row's judgement, and predecessors */
	int linked;		/* the input has urn_predecessor or urn_successor */
	struct ki_spool *spool;	/* the rows, with three columns added */
	char *full[NALL];	/* the added columns' names, prefixed */
	const char **names;	/* the output's columns */
	size_t nnames;
	struct ki_err *err;
};

/* Pass 1's view of the input's columns, which NDJSON may add to. */
struct cols {
	size_t known;		/* the input's columns seen so far */
	long iurn, iyear, ipred, isucc;
	const char **row;	/* a row to spool: the input's and three more */
	size_t *len;		/* their lengths */
	unsigned char *num;
	size_t nrow;
};

static int
oom(struct ctx *c)
{
	return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
}

/*
 * The header from column from on: none of the columns ki-floor adds, and
 * urn and year present. Returns 0 or -1 with c->err set.
 */
static int
check_header(struct ctx *c, const struct ki_reader *rd, size_t from)
{
	const struct ki_hdr *h = ki_reader_hdr(rd);
	size_t i, k;

	for (i = from; i < h->n; i++)
		for (k = 0; k < NALL; k++)
			if (strcmp(h->names[i], c->full[k]) == 0)
				return ki_err_set(c->err, ki_reader_name(rd), 1,
				    c->full[k], "the input already has this "
				    "column: use --prefix");
	if (ki_hdr_index(h, "urn") < 0 || ki_hdr_index(h, "year") < 0)
		return ki_err_set(c->err, ki_reader_name(rd), 1,
		    ki_hdr_index(h, "urn") < 0 ? "urn" : "year",
		    "no such column in the input");
	return 0;
}

/* The output's columns: the input's (h) and the first NADDED added. */
static int
set_names(struct ctx *c, const struct ki_hdr *h)
{
	size_t i;

	free(c->names);
	/* One more for floor_history_from. */
	if ((c->names = calloc(h->n + NADDED + 1, sizeof(*c->names))) == NULL)
		return oom(c);
	for (i = 0; i < h->n; i++)
		c->names[i] = h->names[i];
	for (i = 0; i < NADDED; i++)
		c->names[h->n + i] = c->full[i];
	c->nnames = h->n + NADDED;
	return 0;
}

/* New columns (a CSV header, or NDJSON keys): check, bind and name them. */
static int
new_columns(struct ctx *c, const struct ki_reader *rd, struct cols *k)
{
	const struct ki_hdr *h = ki_reader_hdr(rd);

	if (check_header(c, rd, k->known) == -1)
		return -1;
	k->iurn = ki_hdr_index(h, "urn");
	k->iyear = ki_hdr_index(h, "year");
	k->ipred = ki_hdr_index(h, "urn_predecessor");
	k->isucc = ki_hdr_index(h, "urn_successor");
	c->linked |= k->ipred >= 0 || k->isucc >= 0;
	if (ki_std_bind(c->std, h, c->o->params, ki_reader_name(rd),
	    c->err) == -1)
		return -1;
	free(k->row);
	free(k->len);
	free(k->num);
	k->nrow = h->n + NFIRST;
	k->row = calloc(k->nrow, sizeof(*k->row));
	k->len = calloc(k->nrow, sizeof(*k->len));
	k->num = calloc(k->nrow, 1);
	if (k->row == NULL || k->len == NULL || k->num == NULL ||
	    set_names(c, h) == -1)
		return oom(c);
	k->known = h->n;
	return ki_spool_names(c->spool, k->nrow, c->names, c->err);
}

/* Judge one row (both measures) and keep its school-year. */
static int
judge(struct ctx *c, const struct ki_reader *rd, const struct cols *k,
    const struct ki_rec *rec, struct ki_verdict *fv, struct ki_verdict *cv,
    long *school, int *year)
{
	const char *const *v = (const char *const *)rec->v;

	if (v[k->iurn] == NULL)
		return ki_err_set(c->err, ki_reader_name(rd), rec->line, "urn",
		    "blank");
	/* The school's place in the table, fetched while the row is judged. */
	ki_hist_prefetch(&c->hist, v[k->iurn]);
	if (v[k->iyear] == NULL || ki_num_year(v[k->iyear], year) == -1)
		return ki_err_set(c->err, ki_reader_name(rd), rec->line,
		    "year", v[k->iyear] ? "\"%s\" is not a year such as 2019" :
		    "blank", v[k->iyear]);
	if (ki_std_judge_both(c->std, v, *year, fv, cv, c->err) == -1) {
		struct ki_err e = *c->err;

		return ki_err_set(c->err, ki_reader_name(rd), rec->line,
		    e.field, "%s", e.msg);
	}
	if ((*school = ki_hist_add(&c->hist, v[k->iurn], *year, rec->line,
	    PACK(fv->answer, cv->answer))) < 0 ||
	    (k->ipred >= 0 && ki_hist_link(&c->hist, v[k->iurn],
	    v[k->ipred]) == -1) ||
	    (k->isucc >= 0 && ki_hist_link(&c->hist, v[k->isucc],
	    v[k->iurn]) == -1))
		return oom(c);
	return 0;
}

/* Spool the row with its first three added cells, and what pass 2 needs. */
static int
spool(struct ctx *c, struct cols *k, const struct ki_rec *rec,
    const struct ki_verdict *fv, long school, int year)
{
	size_t n = k->known;
	struct meta m;

	memcpy(k->row, rec->v, n * sizeof(*k->row));
	memcpy(k->len, rec->len, n * sizeof(*k->len));
	k->row[n] = ki_buf_str(&fv->ids);
	k->len[n] = fv->ids.len;
	k->row[n + 1] = answer[fv->answer];
	k->len[n + 1] = strlen(answer[fv->answer]);
	k->row[n + 2] = ki_buf_str(&fv->why);
	k->len[n + 2] = fv->why.len;
	/* The reader's number flags, for the input columns only. */
	memcpy(k->num, rec->num, n);
	m.school = (uint32_t)school;
	m.year = year;
	return ki_spool_put_len(c->spool, &m, k->nrow, k->row, k->len, k->num,
	    NULL, c->err);
}

/* Pass 1: judge each row, keep its years, spool it with three columns. */
static int
judge_all(struct ctx *c, struct ki_reader *rd)
{
	/* Only the coasting line's answer is kept: no text for it. */
	struct ki_verdict fv = { 0 }, cv = { .quiet = 1 };
	const struct ki_hdr *h = ki_reader_hdr(rd);
	struct cols k = { 0, -1, -1, -1, -1, NULL, NULL, NULL, 0 };
	struct ki_rec *rec;
	long school = 0;
	int rc, year = 0;

	if (h->n > 0 && check_header(c, rd, 0) == -1)
		return -1;
	while ((rc = ki_reader_next(rd, &rec, c->err)) == 1)
		if ((h->n != k.known && (rc = new_columns(c, rd, &k)) == -1) ||
		    (rc = judge(c, rd, &k, rec, &fv, &cv, &school, &year)) == -1 ||
		    (rc = spool(c, &k, rec, &fv, school, year)) == -1)
			break;
	free(k.row);
	free(k.len);
	free(k.num);
	ki_verdict_free(&fv);
	ki_verdict_free(&cv);
	return rc;
}

/* The coasting answer of school s in year, whose own answer is a. */
static const char *
coasting(const struct ctx *c, uint32_t s, int year, int a,
    struct ki_hist_from *f)
{
	const struct ki_sy *p;
	int k, n = ki_std_coasting_years(c->std, year), yes = 1, unknown = 0;

	if (n == 0 || a == KI_NA)
		return answer[KI_NA];
	for (k = year - n + 1; k <= year; k++) {
		a = (p = ki_hist_find(&c->hist, s, k, f)) == NULL ? KI_UNKNOWN :
		    COAST(p->data);
		/* A year with no judgement (n/a) breaks the run of years
		 * below the line that the regulations require. */
		if (a == KI_NO || a == KI_NA)
			return answer[KI_NO];
		if (a != KI_YES)
			unknown = 1;
		yes = yes && a == KI_YES;
	}
	return answer[yes ? KI_YES : unknown ? KI_UNKNOWN : KI_NO];
}

/* floor_below_5y, floor_run and coasting of school s in year. */
static void
history(const struct ctx *c, uint32_t s, int year, char *five,
    char *run, const char **coast, struct ki_hist_from *f)
{
	const struct ki_sy *y = ki_hist_find(&c->hist, s, year, NULL);

	ki_hist_from_clear(f);
	five[0] = run[0] = '\0';
	if (FLOOR(y->data) != KI_NA)
		ki_int_format(five, ki_hist_count(&c->hist, s, year - 4, year,
		    0xff, KI_YES, f), 0);
	if (FLOOR(y->data) == KI_YES)
		ki_int_format(run, ki_hist_run(&c->hist, s, year, 0xff, KI_YES,
		    f), 0);
	else if (FLOOR(y->data) == KI_NO)
		strcpy(run, "0");
	*coast = coasting(c, s, year, COAST(y->data), f);
}

/* Pass 2: each spooled row with its history columns. */
static int
write_all(struct ctx *c, struct ki_writer *w)
{
	/* floor_below_5y and floor_run are numbers, for NDJSON. */
	static const unsigned char num[] = { 1, 1, 0, 0 };
	char five[16], run[16], from[160], yrs[32];
	const char *v[4], *row;
	struct ki_hist_from f;
	struct meta m;
	size_t len;
	int rc;

	if (ki_spool_rewind(c->spool, c->err) == -1)
		return -1;
	while ((rc = ki_spool_next(c->spool, &m, &row, &len, c->err)) == 1) {
		history(c, m.school, m.year, five, run, &v[2], &f);
		from[0] = '\0';
		if (f.school >= 0) {
			ki_hist_years(&f, yrs, sizeof(yrs));
			char ub[16];

			snprintf(from, sizeof(from), "%s (%s)",
			    ki_hist_urn(&c->hist, f.school, ub, sizeof(ub)),
			    yrs);
		}
		v[0] = five;
		v[1] = run;
		v[3] = from;
		/* The row less its end, then the history. */
		if (ki_writer_extend(w, row, len, c->linked ? 4 : 3,
		    (const char *const *)c->full + NFIRST, v, num) == -1)
			return ki_writer_oom(w) ? oom(c) : 0;
	}
	return rc;
}

/* Load the standard, check the parameters, name the added columns. */
static int
setup(struct ctx *c)
{
	const char *prefix = c->o->prefix ? c->o->prefix : "";
	size_t i;

	if (ki_canon_load(c->err) == -1 ||
	    (c->std = ki_std_load(c->o->standard, c->err)) == NULL)
		return -1;
	if (ki_std_check_params(c->std, c->o->params, c->err) == -1)
		return ki_err_oom(c->err) ? -1 : KI_ERR_USAGE;
	for (i = 0; i < NALL; i++) {
		size_t n = strlen(prefix) + strlen(added[i]) + 1;

		if ((c->full[i] = malloc(n)) == NULL)
			return oom(c);
		snprintf(c->full[i], n, "%s%s", prefix, added[i]);
	}
	if (ki_hist_init(&c->hist) == -1)
		return oom(c);
	return 0;
}

/*
 * The header, when it is written (CSV); rows or none. Returns 0, 1 when
 * it could not be written (reported when the output is closed), or -1.
 */
static int
header(struct ctx *c, const struct ki_reader *rd, FILE *out, enum ki_fmt fmt,
    struct ki_writer **ow)
{
	if (c->names == NULL) {
		/* No rows: a CSV input still gets its header. */
		const struct ki_hdr *h = ki_reader_hdr(rd);

		if (set_names(c, h) == -1)
			return -1;
		/* The same columns as with rows: the header says if linked. */
		c->linked = ki_hdr_index(h, "urn_predecessor") >= 0 ||
		    ki_hdr_index(h, "urn_successor") >= 0;
	}
	if (c->linked)
		c->names[c->nnames++] = c->full[NADDED];
	if ((*ow = ki_writer_new(out, fmt)) == NULL)
		return oom(c);
	if (fmt == KI_FMT_CSV && ki_writer_header(*ow, c->nnames,
	    c->names) == -1)
		return ki_writer_oom(*ow) ? oom(c) : 1;
	return 0;
}

static int
run(struct ctx *c, FILE *out)
{
	struct ki_reader *rd;
	struct ki_writer *ow = NULL;
	enum ki_fmt fmt;
	int rc;

	if ((rc = setup(c)) != 0)
		return rc;
	if ((rd = ki_reader_open(c->o->input, c->o->fmt, 0, c->err)) == NULL)
		return -1;
	fmt = ki_reader_fmt(rd);
	if ((c->spool = ki_spool_open(fmt, sizeof(struct meta), c->err)) ==
	    NULL)
		rc = -1;
	else if ((rc = judge_all(c, rd)) == 0 &&
	    (rc = ki_hist_index(&c->hist, ki_reader_name(rd), c->err)) == 0 &&
	    (rc = header(c, rd, out, fmt, &ow)) == 0)
		rc = write_all(c, ow);
	else if (rc == 1)
		rc = 0;
	ki_writer_free(ow);
	ki_reader_close(rd);
	return rc;
}

int
ki_floor_run(const struct ki_floor_opts *o, FILE *out, struct ki_err *err)
{
	struct ctx c;
	size_t i;
	int rc;

	memset(&c, 0, sizeof(c));
	c.o = o;
	c.err = err;
	rc = run(&c, out);
	ki_hist_free(&c.hist);
	ki_spool_close(c.spool);
	ki_std_free(c.std);
	for (i = 0; i < NALL; i++)
		free(c.full[i]);
	free(c.names);
	return rc;
}

/* ki-allocate's stage: every school's visits, days, adviser and cost. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/alloc.h"
#include "ki/allocate.h"
#include "ki/assign.h"
#include "ki/fixed.h"
#include "ki/fmtint.h"
#include "ki/keys.h"
#include "ki/rates.h"
#include "ki/rowspool.h"
#include "ki/tab.h"
#include "ki/val.h"
#include "ki/wr.h"

/* The columns added, in order; adviser and cost only with their option. */
enum { C_VISITS, C_MIN, C_CONTACTS, C_DAYS, C_PROGRESS, C_FLAGS, C_ALLOC,
	C_ADVISER, C_COST, NCOLS };
static const char *const added[NCOLS] = { "visits", "min_visits",
	"contacts", "days", "progress_meetings", "flags", "allocation",
	"adviser", "cost" };

/*
 * URNs end to end in blocks that never move, so that a school's record
 * can point at its own.
 */
struct block {
	struct block *next;
	size_t used, cap;
	char s[];
};

/*
 * Every row waits in a spool file; in memory each school has one packed
 * record (its urn, interned district and phase, and days), what the
 * advisers need of all schools at once. The rest of each row's output is
 * made again as the row is written.
 */
struct ki_allocate {
	struct ki_allocate_opts o;
	struct ki_table *table;
	struct ki_advisers adv;
	int have_adv;
	struct ki_rates rates;
	int have_rates;
	struct ki_rowspool *sp;
	char *scheme;		/* the first row's category_scheme */
	struct ki_job *job;	/* one a row; days < 0: none */
	size_t ns;
	struct ki_keys *districts, *phases;
	struct block *urns;
	long i_urn, i_district, i_phase, i_scheme, i_category;
	struct ki_err *err;	/* the run's */
};

/* A copy of s among the URNs, or NULL out of memory. */
static const char *
urn_keep(struct ki_allocate *c, const char *s)
{
	size_t len = strlen(s) + 1;
	struct block *b = c->urns;

	if (b == NULL || b->cap - b->used < len) {
		size_t cap = len > 65536 ? len : 65536;

		if ((b = malloc(sizeof(*b) + cap)) == NULL)
			return NULL;
		b->next = c->urns;
		b->used = 0;
		b->cap = cap;
		c->urns = b;
	}
	memcpy(b->s + b->used, s, len);
	b->used += len;
	return b->s + b->used - len;
}

/* 1 + the index of s among keys, 0 when blank, or -1 out of memory. */
static long
intern(struct ki_keys *keys, const char *s)
{
	long i;

	if (s == NULL)
		return 0;
	return (i = ki_keys_intern(keys, s, NULL)) < 0 || i >= UINT32_MAX - 1 ?
	    -1 : i + 1;
}

static const char *
col(const struct ki_rec *rec, long k)
{
	return k >= 0 && (size_t)k < rec->n ? rec->v[k] : NULL;
}

/* Read every school into the spool. */
static int
read_all(struct ki_allocate *c, struct ki_reader *rd)
{
	const struct ki_hdr *h = ki_reader_hdr(rd);
	struct ki_rec *rec;
	const char *sc;
	size_t k;
	int rc;

	for (k = 0; k < NCOLS; k++)
		if (h->n > 0 && ki_hdr_index(h, added[k]) >= 0)
			return ki_err_set(c->err, ki_reader_name(rd), 1, added[k],
			    "the input already has this column");
	while ((rc = ki_reader_next(rd, &rec, c->err)) == 1) {
		if (c->ns == 0 && (sc = col(rec, ki_hdr_index(h,
		    "category_scheme"))) != NULL &&
		    (c->scheme = strdup(sc)) == NULL)
			return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
		if (ki_rowspool_put(c->sp, rec, c->err) == -1)
			return -1;
		c->ns++;
	}
	if (rc == 0 && ki_hdr_index(h, "urn") < 0)
		return ki_err_set(c->err, ki_reader_name(rd), 1, "urn",
		    "no such column in the input");
	if (rc == 0 && (c->job = calloc(c->ns + 1, sizeof(*c->job))) == NULL)
		return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	ki_rates_bind(&c->rates, h);
	c->i_urn = ki_hdr_index(h, "urn");
	c->i_district = ki_hdr_index(h, "district");
	c->i_phase = ki_hdr_index(h, "phase");
	c->i_scheme = ki_hdr_index(h, "category_scheme");
	c->i_category = ki_hdr_index(h, "category");
	return rc;
}

/* What the advisers need of the school: its urn, district and phase. */
static int
keep_job(struct ki_allocate *c, struct ki_job *j, const struct ki_rec *rec)
{
	const char *urn = col(rec, c->i_urn);
	long d, p;

	if ((j->urn = urn_keep(c, urn ? urn : "")) == NULL ||
	    (d = intern(c->districts, col(rec, c->i_district))) < 0 ||
	    (p = intern(c->phases, col(rec, c->i_phase))) < 0)
		return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	j->district = (uint32_t)d;
	j->phase = (uint32_t)p;
	return 0;
}

/* The table's allocation for the row; row[] is filled from rec. */
static int
apply(struct ki_allocate *c, const char *file, const struct ki_hdr *h,
    const struct ki_rec *rec, const char **row, struct ki_alloc *a)
{
	struct ki_cond_ctx cx = { row, 0, NULL, NULL, NULL };
	size_t k;

	for (k = 0; k < h->n; k++)
		row[k] = k < rec->n ? rec->v[k] : NULL;
	if (ki_table_apply(c->table, &cx, col(rec, c->i_category), a,
	    c->err) == -1) {
		struct ki_err e = *c->err;

		return ki_err_set(c->err, file, rec->line, e.field, "%s", e.msg);
	}
	if (a->flags.oom || a->why.oom)
		return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	return 0;
}

/* The table's allocation for every school: its days. */
static int
allocate(struct ki_allocate *c, struct ki_reader *rd)
{
	const struct ki_hdr *h = ki_reader_hdr(rd);
	struct ki_alloc a = { 0 };
	struct ki_rec *rec;
	const char **row = NULL;
	size_t i = 0;
	int rc;

	if (c->ns == 0 && c->o.table == NULL)
		return 0;
	if ((c->table = ki_table_open(c->o.table, c->scheme, c->err)) == NULL ||
	    ki_table_bind(c->table, h, ki_reader_name(rd), c->err) == -1 ||
	    ki_rowspool_rewind(c->sp, c->err) == -1)
		return -1;
	if ((row = calloc(h->n + 1, sizeof(*row))) == NULL)
		return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	while ((rc = ki_rowspool_next(c->sp, &rec, c->err)) == 1) {
		const char *sc = col(rec, c->i_scheme);
		struct ki_job *j = &c->job[i++];

		if (c->o.table == NULL && sc != NULL && c->scheme != NULL &&
		    strcmp(sc, c->scheme) != 0) {
			rc = ki_err_set(c->err, ki_reader_name(rd), rec->line,
			    "category_scheme", "%s here but %s in the first row: "
			    "one scheme at a time, or give --table", sc,
			    c->scheme);
			break;
		}
		if ((rc = apply(c, ki_reader_name(rd), h, rec, row, &a)) == -1 ||
		    (c->o.advisers != NULL && (rc = keep_job(c, j, rec)) == -1))
			break;
		j->days = a.allocated && a.has_days ? a.days : -1;
	}
	ki_alloc_free(&a);
	free(row);
	return rc;
}

/* Place the schools with the advisers; report those left over. */
static int
advise(struct ki_allocate *c)
{
	size_t i, unplaced = 0;

	if (ki_assign(&c->adv, c->districts, c->phases, c->job, c->ns) == -1)
		return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < c->ns; i++) {
		const struct ki_job *j = &c->job[i];
		char why[160];

		if (j->adviser >= 0) {
			if (j->near)
				fprintf(c->o.note, "%s: school %s: placed with "
				    "%s, of its district but not its phase\n",
				    c->o.prog, j->urn, c->adv.a[j->adviser].id);
		} else if (j->days > 0) {
			ki_assign_why(j, j->district ? ki_keys_str(c->districts,
			    (long)j->district - 1) : NULL, why, sizeof(why));
			fprintf(c->o.note, "%s: school %s: not placed: %s\n",
			    c->o.prog, j->urn, why);
			unplaced++;
		}
	}
	if (unplaced > 0 && c->o.strict)
		return ki_err_set(c->err, NULL, 0, NULL, "%zu school%s not "
		    "placed (--strict)", unplaced, unplaced > 1 ? "s" : "");
	return 0;
}

/* The school's cost into out (48 bytes): "" when it has none. */
static int
cost_one(struct ki_allocate *c, const char *file, const struct ki_rec *rec,
    const struct ki_job *j, struct ki_tab *paid, char *out)
{
	char days[48];

	if (j->days < 0 || ki_fixed_format(j->days, 2, 1, days,
	    sizeof(days)) < 0)
		return ki_rates_cost(&c->rates, file, rec, NULL, paid, out,
		    c->err);
	return ki_rates_cost(&c->rates, file, rec, days, paid, out, c->err);
}

/* Every school's cost, checked before anything is written. */
static int
cost(struct ki_allocate *c, const char *file)
{
	struct ki_tab *paid = ki_tab_new();
	struct ki_rec *rec;
	size_t i = 0;
	int rc;
	char out[48];

	if (paid == NULL)
		return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	if ((rc = ki_rowspool_rewind(c->sp, c->err)) == 0)
		while ((rc = ki_rowspool_next(c->sp, &rec, c->err)) == 1 &&
		    (rc = cost_one(c, file, rec, &c->job[i++], paid, out)) == 0)
			;
	ki_tab_free(paid, free);
	return rc;
}

/* The cells a school's row adds, made again from its row. */
struct cells {
	const char *v[NCOLS];
	char n[4][KI_INT_LEN], days[48], cost[48];
	struct ki_alloc a;
	struct ki_tab *paid;
};

static int
make_cells(struct ki_allocate *c, const char *file, const struct ki_hdr *h,
    const struct ki_rec *rec, size_t i, const char **row, struct cells *x)
{
	static const int which[4] = { C_VISITS, C_MIN, C_CONTACTS, C_PROGRESS };
	static const int al[4] = { KI_AL_VISITS, KI_AL_MIN_VISITS,
	    KI_AL_CONTACTS, KI_AL_PROGRESS };
	size_t k;

	memset(x->v, 0, sizeof(x->v));
	if (c->table != NULL) {
		if (apply(c, file, h, rec, row, &x->a) == -1)
			return -1;
		for (k = 0; k < 4 && x->a.allocated; k++)
			if (x->a.has[al[k]]) {
				ki_int_format(x->n[k],
				    (long long)x->a.n[al[k]], 0);
				x->v[which[k]] = x->n[k];
			}
		if (x->a.allocated && x->a.has_days &&
		    ki_fixed_format(x->a.days, 2, 1, x->days,
		    sizeof(x->days)) >= 0)
			x->v[C_DAYS] = x->days;
		if (x->a.flags.len)
			x->v[C_FLAGS] = ki_buf_str(&x->a.flags);
		x->v[C_ALLOC] = ki_buf_str(&x->a.why);
	}
	if (c->have_adv && c->job[i].adviser >= 0)
		x->v[C_ADVISER] = c->adv.a[c->job[i].adviser].id;
	if (c->have_rates) {
		if (cost_one(c, file, rec, &c->job[i], x->paid, x->cost) == -1)
			return -1;
		if (x->cost[0] != '\0')
			x->v[C_COST] = x->cost;
	}
	return 0;
}

/* The header and each spooled row with its cells. */
static int
write_rows(struct ki_allocate *c, struct ki_writer *w, const char *file,
    const struct ki_hdr *h, const char **names, unsigned char *num,
    const size_t *which, size_t nc)
{
	const char **row;
	struct ki_rec *rec;
	struct cells x = { 0 };
	size_t n = h->n, i = 0, k;
	int rc;

	if ((row = calloc(n + nc + 1, sizeof(*row))) == NULL ||
	    (x.paid = ki_tab_new()) == NULL) {
		free(row);
		return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	}
	if ((rc = ki_rowspool_rewind(c->sp, c->err)) == 0 &&
	    ki_writer_header(w, n + nc, names) == 0)
		while ((rc = ki_rowspool_next(c->sp, &rec, c->err)) == 1) {
			if ((rc = make_cells(c, file, h, rec, i++, row, &x)) == -1)
				break;
			for (k = 0; k < n; k++) {
				row[k] = k < rec->n ? rec->v[k] : NULL;
				num[k] = k < rec->n ? rec->num[k] : 0;
			}
			for (k = 0; k < nc; k++)
				row[n + k] = x.v[which[k]];
			if (ki_writer_row(w, n + nc, row, num) == -1)
				break;	/* a write error: reported at the close */
		}
	ki_alloc_free(&x.a);
	ki_tab_free(x.paid, free);
	free(row);
	return rc == -1 ? -1 : 0;
}

static int
write_all(struct ki_allocate *c, FILE *fp, enum ki_fmt fmt, const char *file,
    const struct ki_hdr *h)
{
	const char **names;
	unsigned char *num;
	size_t n = h->n, i, k, nc = 0;
	size_t which[NCOLS];
	struct ki_writer *w;
	int rc = 0;

	for (k = 0; k < NCOLS; k++)
		if ((k != C_ADVISER || c->have_adv) && (k != C_COST ||
		    c->have_rates))
			which[nc++] = k;
	names = calloc(n + nc, sizeof(*names));
	num = calloc(n + nc, 1);
	if (names == NULL || num == NULL ||
	    (w = ki_writer_new(fp, fmt)) == NULL) {
		free(names);
		free(num);
		return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	}
	for (i = 0; i < n; i++)
		names[i] = h->names[i];
	for (k = 0; k < nc; k++) {
		names[n + k] = added[which[k]];
		num[n + k] = which[k] <= C_PROGRESS || which[k] == C_COST;
	}
	rc = write_rows(c, w, file, h, names, num, which, nc);
	if (rc == 0 && ki_writer_oom(w))
		rc = ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	ki_writer_free(w);
	free(names);
	free(num);
	return rc;
}

struct ki_allocate *
ki_allocate_new(const struct ki_allocate_opts *o, struct ki_err *err)
{
	struct ki_allocate *c = calloc(1, sizeof(*c));

	if (c == NULL) {
		ki_err_set(err, NULL, 0, NULL, "out of memory");
		return NULL;
	}
	c->o = *o;
	if (ki_canon_load(err) == -1 || (o->rates != NULL &&
	    ki_rates_load(&c->rates, o->rates, err) == -1)) {
		free(c);
		return NULL;
	}
	c->have_rates = o->rates != NULL;
	return c;
}

void
ki_allocate_free(struct ki_allocate *c)
{
	if (c == NULL)
		return;
	while (c->urns != NULL) {
		struct block *next = c->urns->next;

		free(c->urns);
		c->urns = next;
	}
	free(c->job);
	free(c->scheme);
	ki_rowspool_free(c->sp);
	ki_keys_free(c->districts);
	ki_keys_free(c->phases);
	ki_table_free(c->table);
	ki_advisers_free(&c->adv);
	free(c);
}

/* Advisers: each school's district must be known, each adviser's a school's. */
static int
place(struct ki_allocate *c, struct ki_reader *rd)
{
	if (ki_hdr_index(ki_reader_hdr(rd), "district") < 0 && c->ns > 0)
		return ki_err_set(c->err, ki_reader_name(rd), 1, "district",
		    "no such column: advisers are placed by district");
	/* An adviser's district must be some school's: a typo is caught. */
	if (ki_advisers_load(&c->adv, c->o.advisers, c->districts, c->err) ==
	    -1)
		return -1;
	c->have_adv = 1;
	return advise(c);
}

int
ki_allocate_run(struct ki_allocate *c, FILE *out, struct ki_err *err)
{
	struct ki_reader *rd;
	int rc = -1;

	c->err = err;
	if (c->sp != NULL)
		return ki_err_set(err, NULL, 0, NULL, "a run is made once");
	if ((rd = ki_reader_open(c->o.input, c->o.fmt, 0, err)) == NULL)
		return -1;
	if (c->o.advisers != NULL && ((c->districts = ki_keys_new()) ==
	    NULL || (c->phases = ki_keys_new()) == NULL))
		ki_err_set(err, NULL, 0, NULL, "out of memory");
	else if ((c->sp = ki_rowspool_new(err)) != NULL &&
	    read_all(c, rd) == 0 && allocate(c, rd) == 0 &&
	    (c->o.advisers == NULL || place(c, rd) == 0) &&
	    (!c->have_rates || cost(c, ki_reader_name(rd)) == 0))
		rc = write_all(c, out, ki_reader_fmt(rd), ki_reader_name(rd),
		    ki_reader_hdr(rd));
	ki_reader_close(rd);
	return rc;
}

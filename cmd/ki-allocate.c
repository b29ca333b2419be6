/* ki-allocate: visits, days, advisers and costs for every school. */
#include <errno.h>
#include <dirent.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/alloc.h"
#include "ki/assign.h"
#include "ki/cli.h"
#include "ki/err.h"
#include "ki/exit.h"
#include "ki/fixed.h"
#include "ki/jsonfile.h"
#include "ki/keys.h"
#include "ki/num.h"
#include "ki/out.h"
#include "ki/rec.h"
#include "ki/rowspool.h"
#include "ki/share.h"
#include "ki/tab.h"
#include "ki/val.h"
#include "ki/wr.h"

#define PROG "ki-allocate"

enum { OPT_CSV = 256, OPT_JSON, OPT_LIST, OPT_STRICT };

static const struct option longopts[] = {
	{ "table", required_argument, NULL, 't' },
	{ "advisers", required_argument, NULL, 'a' },
	{ "rates", required_argument, NULL, 'r' },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "output", required_argument, NULL, 'o' },
	{ "csv", no_argument, NULL, OPT_CSV },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "list", no_argument, NULL, OPT_LIST },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* The columns added, in order; adviser and cost only with their option. */
enum { C_VISITS, C_MIN, C_CONTACTS, C_DAYS, C_PROGRESS, C_FLAGS, C_ALLOC,
	C_ADVISER, C_COST, NCOLS };
static const char *const added[NCOLS] = { "visits", "min_visits",
	"contacts", "days", "progress_meetings", "flags", "allocation",
	"adviser", "cost" };

/* What the rates file says a day or a term costs, in pence. */
enum { R_ADVISER, R_NLE, R_CPD, R_AST, NRATES };
static const char *const ratekey[NRATES] = { "adviser_day", "nle_day",
	"cpd_day", "ast_term" };
/* The input columns each rate multiplies (days for the adviser's). */
static const char *const ratecol[NRATES] = { NULL, "nle_days", "cpd_days",
	"ast_terms" };

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
struct ctx {
	struct ki_table *table;
	const char *table_name;	/* --table, or NULL to choose by scheme */
	struct ki_advisers adv;
	int want_adv, have_adv, strict;
	int64_t rate[NRATES];
	int have_rate[NRATES], have_rates;
	struct ki_rowspool *sp;
	char *scheme;		/* the first row's category_scheme */
	struct ki_job *job;	/* one a row; days < 0: none */
	size_t ns;
	struct ki_keys *districts, *phases;
	struct block *urns;
	long col[NRATES];	/* the rate columns (R_ADVISER: none) */
	long i_urn, i_district, i_phase, i_scheme, i_category, i_ast,
	    i_ast_terms;
	struct ki_err err;
};

static void
usage(FILE *fp, int status)
{
	fputs("usage: ki-allocate [--table NAME|FILE] [--advisers FILE] "
	    "[--rates FILE] [--strict]\n"
	    "                   [--csv | --json] [-o FILE] [FILE]\n"
	    "       ki-allocate --list\n", fp);
	if (status != KI_EXIT_OK) {
		fputs("Try 'ki-allocate --help'.\n", fp);
		exit(status);
	}
	fputs("\nTurn each school's category into work: add visits, min_visits, "
	    "contacts,\ndays, progress_meetings, flags and allocation (the "
	    "table row used); with\n--advisers an adviser, with --rates a "
	    "cost.\n\n"
	    "Options:\n"
	    "  -t, --table NAME|FILE   the allocation table (default: the "
	    "shipped one that\n"
	    "                          serves the input's category_scheme; see "
	    "--list)\n"
	    "  -a, --advisers FILE     advisers to assign: id, name, districts, "
	    "phases,\n"
	    "                          capacity (days); lists split on ';'\n"
	    "  -r, --rates FILE        JSON day and term rates: adviser_day, "
	    "nle_day,\n"
	    "                          cpd_day, ast_term (pounds)\n"
	    "      --strict            exit 1 when a school cannot be placed\n"
	    "      --csv, --json       read CSV or NDJSON (default: detect)\n"
	    "  -o, --output FILE       write to FILE, whole or not at all\n"
	    "      --list              list the shipped tables\n"
	    "      --quiet             no progress line on a terminal\n"
	    "  -h, --help              show this help\n"
	    "  -V, --version           show the version\n\n"
	    "Advisers: same district and phase first, then same district; "
	    "never over\ncapacity; the loads kept even; the same answer "
	    "whatever the row order.\nSchools that cannot be placed are left "
	    "blank and listed on standard error.\nCosts are exact to the "
	    "penny: days times the adviser's day rate, plus nle_days,\n"
	    "cpd_days and ast_terms times theirs when the input has those "
	    "columns;\nast_terms once per AST (the column ast names it), on "
	    "the first row that names it.\n", fp);
	exit(KI_EXIT_OK);
}

static int
load_rates(struct ctx *c, const char *path)
{
	json_t *o, *v;
	const char *key;
	size_t k;
	int rc = 0;

	if ((o = ki_json_load(path, &c->err)) == NULL)
		return -1;
	if (!json_is_object(o)) {
		json_decref(o);
		return ki_err_set(&c->err, path, 0, NULL, "must be a JSON object "
		    "of rates");
	}
	json_object_foreach(o, key, v) {
		char buf[64];

		for (k = 0; k < NRATES; k++)
			if (strcmp(key, ratekey[k]) == 0)
				break;
		if (k == NRATES) {
			rc = ki_err_set(&c->err, path, 0, key, "unknown rate "
			    "(adviser_day, nle_day, cpd_day, ast_term)");
			break;
		}
		/* Pounds, written as a number or a string: to pence, exactly. */
		if (json_is_string(v))
			snprintf(buf, sizeof(buf), "%s", json_string_value(v));
		else if (json_is_integer(v))
			snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT,
			    json_integer_value(v));
		else if (!json_is_real(v) || ki_num_format(json_real_value(v),
		    buf, sizeof(buf)) < 0)
			buf[0] = '\0';
		if (ki_fixed_parse(buf, 2, &c->rate[k]) == -1 || c->rate[k] < 0) {
			rc = ki_err_set(&c->err, path, 0, key, "\"%s\" is not an "
			    "amount in pounds and pence", buf);
			break;
		}
		c->have_rate[k] = 1;
	}
	json_decref(o);
	c->have_rates = rc == 0;
	return rc;
}

/* Choose the shipped table that serves scheme, unless --table named one. */
static int
open_table(struct ctx *c, const char *scheme)
{
	char *dir, *path;
	struct dirent **ents = NULL;
	int n = 0, i;

	if (c->table_name != NULL) {
		if ((path = ki_share_find("tables", c->table_name, &c->err)) ==
		    NULL)
			return -1;
		c->table = ki_table_load(path, &c->err);
		free(path);
		return c->table ? 0 : -1;
	}
	if (scheme == NULL)
		return ki_err_set(&c->err, NULL, 0, "category_scheme", "blank: "
		    "give --table");
	if ((dir = ki_share_dir("tables")) != NULL)
		n = ki_share_scan(dir, &ents);
	if ((dir == NULL && errno == ENOMEM) || n < 0) {
		free(dir);
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	}
	for (i = 0; i < n && c->table == NULL; i++) {
		char p[4096];
		struct ki_table *t;

		snprintf(p, sizeof(p), "%s/%s", dir, ents[i]->d_name);
		if ((t = ki_table_load(p, &c->err)) == NULL) {
			ki_share_scan_free(ents, n);
			free(dir);
			return -1;
		}
		if (ki_table_serves(t, scheme))
			c->table = t;
		else
			ki_table_free(t);
	}
	ki_share_scan_free(ents, n);
	free(dir);
	if (c->table == NULL)
		return ki_err_set(&c->err, NULL, 0, "category_scheme", "no shipped "
		    "table serves scheme %s: give --table", scheme);
	return 0;
}

/* A copy of s among the URNs, or NULL out of memory. */
static const char *
urn_keep(struct ctx *c, const char *s)
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
read_all(struct ctx *c, struct ki_reader *rd)
{
	const struct ki_hdr *h = ki_reader_hdr(rd);
	struct ki_rec *rec;
	const char *sc;
	size_t k;
	int rc;

	for (k = 0; k < NCOLS; k++)
		if (h->n > 0 && ki_hdr_index(h, added[k]) >= 0)
			return ki_err_set(&c->err, ki_reader_name(rd), 1, added[k],
			    "the input already has this column");
	while ((rc = ki_reader_next(rd, &rec, &c->err)) == 1) {
		if (c->ns == 0 && (sc = col(rec, ki_hdr_index(h,
		    "category_scheme"))) != NULL &&
		    (c->scheme = strdup(sc)) == NULL)
			return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
		if (ki_rowspool_put(c->sp, rec, &c->err) == -1)
			return -1;
		c->ns++;
	}
	if (rc == 0 && ki_hdr_index(h, "urn") < 0)
		return ki_err_set(&c->err, ki_reader_name(rd), 1, "urn",
		    "no such column in the input");
	if (rc == 0 && (c->job = calloc(c->ns + 1, sizeof(*c->job))) == NULL)
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	for (k = 0; k < NRATES; k++)
		c->col[k] = ratecol[k] ? ki_hdr_index(h, ratecol[k]) : -1;
	c->i_urn = ki_hdr_index(h, "urn");
	c->i_district = ki_hdr_index(h, "district");
	c->i_phase = ki_hdr_index(h, "phase");
	c->i_scheme = ki_hdr_index(h, "category_scheme");
	c->i_category = ki_hdr_index(h, "category");
	c->i_ast = ki_hdr_index(h, "ast");
	c->i_ast_terms = ki_hdr_index(h, "ast_terms");
	return rc;
}

/* What the advisers need of the school: its urn, district and phase. */
static int
keep_job(struct ctx *c, struct ki_job *j, const struct ki_rec *rec)
{
	const char *urn = col(rec, c->i_urn);
	long d, p;

	if ((j->urn = urn_keep(c, urn ? urn : "")) == NULL ||
	    (d = intern(c->districts, col(rec, c->i_district))) < 0 ||
	    (p = intern(c->phases, col(rec, c->i_phase))) < 0)
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	j->district = (uint32_t)d;
	j->phase = (uint32_t)p;
	return 0;
}

/* The table's allocation for the row; row[] is filled from rec. */
static int
apply(struct ctx *c, const char *file, const struct ki_hdr *h,
    const struct ki_rec *rec, const char **row, struct ki_alloc *a)
{
	struct ki_cond_ctx cx = { row, 0, NULL, NULL, NULL };
	size_t k;

	for (k = 0; k < h->n; k++)
		row[k] = k < rec->n ? rec->v[k] : NULL;
	if (ki_table_apply(c->table, &cx, col(rec, c->i_category), a,
	    &c->err) == -1) {
		struct ki_err e = c->err;

		return ki_err_set(&c->err, file, rec->line, e.field, "%s", e.msg);
	}
	if (a->flags.oom || a->why.oom)
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	return 0;
}

/* The table's allocation for every school: its days. */
static int
allocate(struct ctx *c, struct ki_reader *rd)
{
	const struct ki_hdr *h = ki_reader_hdr(rd);
	struct ki_alloc a = { 0 };
	struct ki_rec *rec;
	const char **row = NULL;
	size_t i = 0;
	int rc;

	if (c->ns == 0 && c->table_name == NULL)
		return 0;
	if (open_table(c, c->scheme) == -1 ||
	    ki_table_bind(c->table, h, ki_reader_name(rd), &c->err) == -1 ||
	    ki_rowspool_rewind(c->sp, &c->err) == -1)
		return -1;
	if ((row = calloc(h->n + 1, sizeof(*row))) == NULL)
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	while ((rc = ki_rowspool_next(c->sp, &rec, &c->err)) == 1) {
		const char *sc = col(rec, c->i_scheme);
		struct ki_job *j = &c->job[i++];

		if (c->table_name == NULL && sc != NULL && c->scheme != NULL &&
		    strcmp(sc, c->scheme) != 0) {
			rc = ki_err_set(&c->err, ki_reader_name(rd), rec->line,
			    "category_scheme", "%s here but %s in the first row: "
			    "one scheme at a time, or give --table", sc,
			    c->scheme);
			break;
		}
		if ((rc = apply(c, ki_reader_name(rd), h, rec, row, &a)) == -1 ||
		    (c->want_adv && (rc = keep_job(c, j, rec)) == -1))
			break;
		j->days = a.allocated && a.has_days ? a.days : -1;
	}
	ki_alloc_free(&a);
	free(row);
	return rc;
}

/* Place the schools with the advisers; report those left over. */
static int
advise(struct ctx *c)
{
	size_t i, unplaced = 0;

	if (ki_assign(&c->adv, c->districts, c->phases, c->job, c->ns) == -1)
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < c->ns; i++) {
		const struct ki_job *j = &c->job[i];
		char why[160];

		if (j->adviser >= 0) {
			if (j->near)
				fprintf(stderr, "%s: school %s: placed with %s, "
				    "of its district but not its phase\n", PROG,
				    j->urn, c->adv.a[j->adviser].id);
		} else if (j->days > 0) {
			ki_assign_why(j, j->district ? ki_keys_str(c->districts,
			    (long)j->district - 1) : NULL, why, sizeof(why));
			fprintf(stderr, "%s: school %s: not placed: %s\n", PROG,
			    j->urn, why);
			unplaced++;
		}
	}
	if (unplaced > 0 && c->strict)
		return ki_err_set(&c->err, NULL, 0, NULL, "%zu school%s not "
		    "placed (--strict)", unplaced, unplaced > 1 ? "s" : "");
	return 0;
}

/* The first row to name an AST: its line and ast_terms. */
struct paid {
	long line;
	char terms[];
};

/*
 * The AST's payments, ast_terms at the term rate, are made once per AST
 * to its home school (manual 2.1.7: "a sum of £6000 (per AST)"), not by
 * each school it supports: the first row naming the AST carries them,
 * and the others nothing. Returns the row's ast_terms to cost, "" when
 * the AST is paid already, or NULL with c->err set.
 */
static const char *
ast_once(struct ctx *c, const char *file, const struct ki_rec *rec,
    const char *v, struct ki_tab *paid)
{
	const char *ast = col(rec, c->i_ast);
	struct paid *first;

	if (ast == NULL || *ast == '\0') {
		ki_err_set(&c->err, file, rec->line, "ast", "ast_terms needs the "
		    "AST's id in ast: an AST is paid per AST, to its home "
		    "school, not per school it supports");
		return NULL;
	}
	if ((first = ki_tab_get(paid, ast)) == NULL) {
		if ((first = malloc(sizeof(*first) + strlen(v) + 1)) == NULL ||
		    ki_tab_put(paid, ast, first) == -1) {
			free(first);
			ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
			return NULL;
		}
		first->line = rec->line;
		memcpy(first->terms, v, strlen(v) + 1);
		return v;
	}
	if (strcmp(first->terms, v) != 0) {
		ki_err_set(&c->err, file, rec->line, "ast_terms", "AST %s has "
		    "\"%s\" here but \"%s\" on line %ld", ast, v, first->terms,
		    first->line);
		return NULL;
	}
	return "";
}

/*
 * The school's cost into out (size 48), "" when it has none: days and the
 * other support at the rates, added exactly (in hundredths of a penny)
 * and rounded to the penny once, half away from zero.
 */
static int
cost_one(struct ctx *c, const char *file, const struct ki_rec *rec,
    const struct ki_job *j, struct ki_tab *paid, char *out)
{
	int64_t exact = 0, pence;
	char days[48];
	size_t k;
	int any = 0;

	out[0] = '\0';
	if (j->days < 0 || ki_fixed_format(j->days, 2, 1, days,
	    sizeof(days)) < 0)
		days[0] = '\0';
	for (k = 0; k < NRATES; k++) {
		const char *v = k == R_ADVISER ? days : col(rec, c->col[k]);
		int64_t qty, part;

		if (v == NULL || *v == '\0')
			continue;
		if (k == R_AST && c->have_rate[k] &&
		    (v = ast_once(c, file, rec, v, paid)) == NULL)
			return -1;
		if (*v == '\0') {
			any = 1;
			continue;
		}
		if (!c->have_rate[k])
			return ki_err_set(&c->err, file, rec->line,
			    k == R_ADVISER ? "days" : ratecol[k], "the "
			    "rates file has no %s", ratekey[k]);
		if (ki_fixed_parse(v, 2, &qty) == -1 || qty < 0)
			return ki_err_set(&c->err, file, rec->line,
			    ratecol[k], "\"%s\" is not a number, 0 or "
			    "more, with at most two decimals", v);
		/* qty is in hundredths: part is exact, in 1/100 p. */
		if (ki_fixed_mul(qty, c->rate[k], 0, &part) == -1 ||
		    ki_fixed_add(exact, part, &exact) == -1)
			return ki_err_set(&c->err, file, rec->line,
			    k == R_ADVISER ? "days" : ratecol[k], "\"%s\" "
			    "at the rate makes a cost past the largest ki "
			    "can hold", v);
		any = 1;
	}
	if (any && (ki_fixed_mul(exact, 1, 2, &pence) == -1 ||
	    ki_fixed_format(pence, 2, 0, out, 48) < 0))
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	return 0;
}

/* Every school's cost, checked before anything is written. */
static int
cost(struct ctx *c, const char *file)
{
	struct ki_tab *paid = ki_tab_new();
	struct ki_rec *rec;
	size_t i = 0;
	int rc;
	char out[48];

	if (paid == NULL)
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	if ((rc = ki_rowspool_rewind(c->sp, &c->err)) == 0)
		while ((rc = ki_rowspool_next(c->sp, &rec, &c->err)) == 1 &&
		    (rc = cost_one(c, file, rec, &c->job[i++], paid, out)) == 0)
			;
	ki_tab_free(paid, free);
	return rc;
}

/* The cells a school's row adds, made again from its row. */
struct cells {
	const char *v[NCOLS];
	char n[4][32], days[48], cost[48];
	struct ki_alloc a;
	struct ki_tab *paid;
};

static int
make_cells(struct ctx *c, const char *file, const struct ki_hdr *h,
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
				snprintf(x->n[k], sizeof(x->n[k]), "%lld",
				    (long long)x->a.n[al[k]]);
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
write_rows(struct ctx *c, struct ki_writer *w, const char *file,
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
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	}
	if ((rc = ki_rowspool_rewind(c->sp, &c->err)) == 0 &&
	    ki_writer_header(w, n + nc, names) == 0)
		while ((rc = ki_rowspool_next(c->sp, &rec, &c->err)) == 1) {
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
write_all(struct ctx *c, FILE *fp, enum ki_fmt fmt, const char *file,
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
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	}
	for (i = 0; i < n; i++)
		names[i] = h->names[i];
	for (k = 0; k < nc; k++) {
		names[n + k] = added[which[k]];
		num[n + k] = which[k] <= C_PROGRESS || which[k] == C_COST;
	}
	rc = write_rows(c, w, file, h, names, num, which, nc);
	if (rc == 0 && ki_writer_oom(w))
		rc = ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	ki_writer_free(w);
	free(names);
	free(num);
	return rc;
}

static int
run(struct ctx *c, const char *path, enum ki_fmt fmt, const char *advisers,
    struct ki_out *o)
{
	struct ki_reader *rd;
	int rc = -1;

	if ((rd = ki_reader_open(path, fmt, 0, &c->err)) == NULL)
		return -1;
	c->want_adv = advisers != NULL;
	if (c->want_adv && ((c->districts = ki_keys_new()) == NULL ||
	    (c->phases = ki_keys_new()) == NULL)) {
		ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
		goto done;
	}
	if ((c->sp = ki_rowspool_new(&c->err)) == NULL ||
	    read_all(c, rd) == -1 || allocate(c, rd) == -1)
		goto done;
	if (advisers != NULL) {
		if (ki_hdr_index(ki_reader_hdr(rd), "district") < 0 && c->ns > 0) {
			ki_err_set(&c->err, ki_reader_name(rd), 1, "district",
			    "no such column: advisers are placed by district");
			goto done;
		}
		/* An adviser's district must be some school's: a typo is caught. */
		if (ki_advisers_load(&c->adv, advisers, c->districts, &c->err) ==
		    -1)
			goto done;
		c->have_adv = 1;
		if (advise(c) == -1)
			goto done;
	}
	if (c->have_rates && cost(c, ki_reader_name(rd)) == -1)
		goto done;
	rc = write_all(c, o->fp, ki_reader_fmt(rd), ki_reader_name(rd),
	    ki_reader_hdr(rd));
done:
	ki_reader_close(rd);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct ctx c;
	struct ki_out o;
	enum ki_fmt fmt = KI_FMT_AUTO;
	const char *outfile = NULL, *advisers = NULL, *rates = NULL;
	int ch, rc = KI_EXIT_OK;

	memset(&c, 0, sizeof(c));
	argv[0] = (char *)PROG;	/* getopt's messages name the program so */
	ki_cli_quiet(PROG, &argc, argv);
	while ((ch = getopt_long(argc, argv, "t:a:r:o:hV", longopts, NULL)) !=
	    -1)
		switch (ch) {
		case 't':
			c.table_name = optarg;
			break;
		case 'a':
			advisers = optarg;
			break;
		case 'r':
			rates = optarg;
			break;
		case OPT_STRICT:
			c.strict = 1;
			break;
		case 'o':
			outfile = optarg;
			break;
		case OPT_CSV:
			fmt = KI_FMT_CSV;
			break;
		case OPT_JSON:
			fmt = KI_FMT_JSON;
			break;
		case OPT_LIST:
			return ki_cli_list(PROG, "tables");
		case 'h':
			usage(stdout, KI_EXIT_OK);
			break;
		case 'V':
			printf("%s %s\n", PROG, KI_VERSION);
			return KI_EXIT_OK;
		default:
			usage(stderr, KI_EXIT_USAGE);
		}
	argc -= optind;
	argv += optind;
	if (argc > 1) {
		fprintf(stderr, "%s: one input at a time\n", PROG);
		usage(stderr, KI_EXIT_USAGE);
	}
	if (c.table_name != NULL && !ki_share_is_path(c.table_name)) {
		char *p = ki_share_find("tables", c.table_name, &c.err);

		if (p == NULL) {
			ki_diag(PROG, &c.err);
			if (ki_err_oom(&c.err))
				return KI_EXIT_DATA;
			usage(stderr, KI_EXIT_USAGE);
		}
		free(p);
	}
	if (ki_canon_load(&c.err) == -1 ||
	    (rates != NULL && load_rates(&c, rates) == -1)) {
		ki_diag(PROG, &c.err);
		return KI_EXIT_DATA;
	}
	if (ki_out_open(&o, outfile, &c.err) == -1) {
		ki_diag(PROG, &c.err);
		rc = KI_EXIT_DATA;
	} else
		rc = ki_cli_finish(PROG, &o, run(&c, argc ? argv[0] : NULL, fmt,
		    advisers, &o), &c.err);
	while (c.urns != NULL) {
		struct block *next = c.urns->next;

		free(c.urns);
		c.urns = next;
	}
	free(c.job);
	free(c.scheme);
	ki_rowspool_free(c.sp);
	ki_keys_free(c.districts);
	ki_keys_free(c.phases);
	ki_table_free(c.table);
	ki_advisers_free(&c.adv);
	return rc;
}

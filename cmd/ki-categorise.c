/* ki-categorise: each school's category of support as at one year. */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/cli.h"
#include "ki/err.h"
#include "ki/exit.h"
#include "ki/keys.h"
#include "ki/links.h"
#include "ki/num.h"
#include "ki/out.h"
#include "ki/rec.h"
#include "ki/scheme.h"
#include "ki/share.h"
#include "ki/syears.h"
#include "ki/yearset.h"
#include "ki/val.h"
#include "ki/wr.h"

#define PROG "ki-categorise"

static const struct ki_cli_usage use = {
	"usage: ki-categorise --scheme NAME|FILE [--year YEAR] "
	"[--prefix PREFIX]\n"
	"                     [--param NAME=VALUE] [--params FILE] "
	"[--csv | --json]\n"
	"                     [-o FILE] [FILE]\n"
	"       ki-categorise --list\n",
	"\nPut each school in a category of support as at one year, "
	"using its earlier\nyears for history. One row per school: the "
	"as-at row plus category,\ncategory_scheme, category_reasons and "
	"the scheme's own columns.\n\n"
	"Options:\n"
	"  -s, --scheme NAME|FILE  the categories: a shipped scheme (see "
	"--list) or a\n"
	"                          JSON file\n"
	"  -y, --year YEAR         the as-at year (default: the latest in "
	"the input); a\n"
	"                          year no row has is an error\n"
	"  -p, --prefix PREFIX     put PREFIX before the added column "
	"names\n"
	"  -P, --param NAME=VALUE  a threshold the scheme takes from the "
	"user\n"
	"      --params FILE       a JSON object of such thresholds\n"
	"      --csv, --json       read CSV or NDJSON (default: detect)\n"
	"  -o, --output FILE       write to FILE, whole or not at all\n"
	"      --list              list the shipped schemes\n"
	"      --quiet             no progress line on a terminal\n"
	"  -h, --help              show this help\n"
	"  -V, --version           show the version\n\n"
	"The first category whose condition holds wins. When a value a "
	"condition needs\nis blank, the school gets the scheme's category "
	"for missing data, or\n\"unknown\", with the reason: never a lower "
	"category by default. A school closed\nbefore 31 August of the "
	"as-at year (close_date) is left out, and counted on\nstandard "
	"error. A year the school has no row for is its predecessor's\n"
	"(urn_predecessor, urn_successor).\n"
};

static const struct option longopts[] = {
	{ "scheme", required_argument, NULL, 's' },
	{ "year", required_argument, NULL, 'y' },
	{ "prefix", required_argument, NULL, 'p' },
	KI_CLI_PARAM_LONGOPTS,
	KI_CLI_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static const char *const added[] = { "category", "category_scheme",
	"category_reasons" };
#define NADDED 3

/*
 * A school-year's data (ki_syears): where the values of the columns the
 * scheme reads start in vals (0 for blank, else pool index + 1). A dozen
 * bytes and a few values a row; the rows themselves wait in a spool file.
 */

/* Where the school's as-at row candidate sits in the spool. */
struct asat {
	uint32_t off_lo;	/* the offset, in two parts to pack in 12 bytes */
	uint16_t off_hi;
	int16_t year;		/* 0: none yet */
	uint32_t len;
};

#define AT_OFF(at)	((long)(at)->off_lo | (long)(at)->off_hi << 32)

struct ctx {
	struct ki_scheme *scheme;
	struct ki_keys *urns;	/* urn -> school index, in first-seen order */
	struct ki_keys *pool;	/* the distinct values of the scheme's columns */
	struct ki_syears years;
	struct ki_links links;	/* predecessors, whose years count too */
	long h_pred, h_succ;	/* in hcols: urn_predecessor, urn_successor */
	long h_note, h_lnote;	/* ofsted_note, ofsted_grade_latest_note */
	uint32_t *vals;
	size_t nvals, capv;
	struct asat *at;
	size_t nat, capat;	/* at[0..nat) are set, the rest not touched */
	FILE *spool;
	struct ki_writer *sw;
	size_t spool_n;		/* columns the spool writer knows */
	struct ki_hdr *hcols;	/* the columns the scheme reads, close_date */
	long i_close;		/* close_date's place in hcols */
	long nclosed;		/* schools closed before the as-at date */
	long *hidx;		/* their index in the input */
	const struct ki_hdr *in;
	struct ki_hdr *ncols;	/* the columns read as numbers */
	long *nidx;
	struct ki_hdr *ycols;	/* the columns read as yes or no */
	long *yidx;
	json_t *params;		/* --param thresholds */
	int year_opt;
	struct ki_yearset yset;	/* the years the input has */
	int latest;
	struct ki_err err;
};

static void
free_strings(char **v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Keep the scheme's columns of this school-year. */
static int
keep_past(struct ctx *c, long school, const struct ki_rec *rec, int year)
{
	size_t i, nh = c->hcols->n;

	if (c->nvals + nh > c->capv) {
		size_t cap = c->capv ? c->capv * 2 : 4096;
		uint32_t *v;

		while (cap < c->nvals + nh)
			cap *= 2;
		if ((v = realloc(c->vals, cap * sizeof(*v))) == NULL)
			return -1;
		c->vals = v;
		c->capv = cap;
	}
	if (ki_syears_add(&c->years, (uint32_t)school, year, rec->line,
	    (uint32_t)c->nvals) == -1)
		return -1;
	for (i = 0; i < nh; i++) {
		const char *v = c->hidx[i] >= 0 ? rec->v[c->hidx[i]] : NULL;
		long k = 0;

		if (v != NULL && (k = ki_keys_intern(c->pool, v, NULL)) < 0)
			return -1;
		c->vals[c->nvals++] = v != NULL ? (uint32_t)k + 1 : 0;
	}
	return 0;
}

/* Spool the row when it may be the school's as-at row. */
static int
keep_row(struct ctx *c, long school, const struct ki_rec *rec, int year)
{
	struct asat *at;
	long before, after;

	if ((size_t)school >= c->capat) {
		size_t cap = c->capat ? c->capat * 2 : 4096;

		while (cap <= (size_t)school)
			cap *= 2;
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
	at = &c->at[school];
	if (c->year_opt ? year != c->year_opt : (at->year != 0 &&
	    year < at->year))
		return 0;
	if (c->in->n != c->spool_n) {
		if (ki_writer_names(c->sw, c->in->n, (const char *const *)
		    c->in->names) == -1)
			return -1;
		c->spool_n = c->in->n;
	}
	before = ftell(c->spool);
	if (ki_writer_row(c->sw, rec->n, (const char *const *)rec->v,
	    rec->num) == -1 || (after = ftell(c->spool)) < 0)
		return -1;
	at->year = year;
	at->off_lo = (uint32_t)before;
	at->off_hi = (uint16_t)((unsigned long)before >> 32);
	at->len = (uint32_t)(after - before);
	return 0;
}

/*
 * Check the header from column from on (none of the added columns, the
 * scheme's included; urn and year there; every column the scheme needs)
 * and find the columns.
 */
static int
header(struct ctx *c, const struct ki_reader *rd, const char *const *full,
    size_t from)
{
	const struct ki_hdr *h = ki_reader_hdr(rd);
	size_t i, k, nfull = NADDED + ki_scheme_ncols(c->scheme);

	for (i = from; i < h->n; i++)
		for (k = 0; k < nfull; k++)
			if (strcmp(h->names[i], full[k]) == 0)
				return ki_err_set(&c->err, ki_reader_name(rd), 1,
				    full[k], "the input already has this column: "
				    "use --prefix");
	if (ki_hdr_index(h, "urn") < 0 || ki_hdr_index(h, "year") < 0)
		return ki_err_set(&c->err, ki_reader_name(rd), 1,
		    ki_hdr_index(h, "urn") < 0 ? "urn" : "year",
		    "no such column in the input");
	if (ki_scheme_bind(c->scheme, h, c->params, ki_reader_name(rd),
	    &c->err) == -1)
		return -1;
	for (i = 0; i < c->hcols->n; i++)
		c->hidx[i] = ki_hdr_index(h, c->hcols->names[i]);
	for (i = 0; i < c->ncols->n; i++)
		c->nidx[i] = ki_hdr_index(h, c->ncols->names[i]);
	for (i = 0; i < c->ycols->n; i++)
		c->yidx[i] = ki_hdr_index(h, c->ycols->names[i]);
	return 0;
}

static const char *value(const struct ctx *, uint32_t);

/*
 * A school's predecessor, from its rows' urn_predecessor or the
 * predecessor's rows' urn_successor (ki-import, GIAS links, DfE URN_AC).
 */
static int
note_links(struct ctx *c)
{
	size_t i;

	if (c->h_pred < 0 && c->h_succ < 0)
		return 0;
	for (i = 0; i < c->years.n; i++) {
		const struct ki_sy *y = &c->years.y[i];
		const char *urn = ki_keys_str(c->urns, (long)y->school);

		if ((c->h_pred >= 0 && ki_links_note(&c->links, urn,
		    value(c, c->vals[y->data + (size_t)c->h_pred])) == -1) ||
		    (c->h_succ >= 0 && ki_links_note(&c->links,
		    value(c, c->vals[y->data + (size_t)c->h_succ]), urn) == -1))
			return -1;
	}
	return ki_links_resolve(&c->links, c->urns);
}

static int
read_all(struct ctx *c, struct ki_reader *rd, const char *const *full)
{
	const struct ki_hdr *h = ki_reader_hdr(rd);
	size_t known, i;
	long iurn, iyear;
	struct ki_rec *rec;
	int rc;

	c->in = h;
	/* A CSV header is checked before any row: a header alone too. */
	if (h->n > 0 && header(c, rd, full, 0) == -1)
		return -1;
	known = h->n;
	while ((rc = ki_reader_next(rd, &rec, &c->err)) == 1) {
		long school;
		int year;

		if (h->n != known) {
			if (header(c, rd, full, known) == -1)
				return -1;
			known = h->n;
		}
		iurn = ki_hdr_index(h, "urn");
		iyear = ki_hdr_index(h, "year");
		/* Numbers are checked as they are read, with file and line. */
		for (i = 0; i < c->ncols->n; i++) {
			const char *v = c->nidx[i] >= 0 ? rec->v[c->nidx[i]] : NULL;
			double d;

			if (v != NULL && strcmp(v, "unknown") != 0 &&
			    ki_num_parse(v, &d) == -1)
				return ki_err_set(&c->err, ki_reader_name(rd),
				    rec->line, c->ncols->names[i], "\"%s\" is not "
				    "a number", v);
		}
		for (i = 0; i < c->ycols->n; i++) {
			const char *v = c->yidx[i] >= 0 ? rec->v[c->yidx[i]] : NULL;
			char yn[8], msg[160];

			if (v != NULL && strcmp(v, "unknown") != 0 &&
			    strcmp(v, "n/a") != 0 && ki_val_norm(KI_T_BOOL, v,
			    yn, sizeof(yn), msg, sizeof(msg)) == -1)
				return ki_err_set(&c->err, ki_reader_name(rd),
				    rec->line, c->ycols->names[i], "%s", msg);
		}
		if (rec->v[iurn] == NULL)
			return ki_err_set(&c->err, ki_reader_name(rd), rec->line,
			    "urn", "blank");
		if (rec->v[iyear] == NULL || ki_num_year(rec->v[iyear],
		    &year) == -1)
			return ki_err_set(&c->err, ki_reader_name(rd), rec->line,
			    "year", rec->v[iyear] ? "\"%s\" is not a year such "
			    "as 2019" : "blank", rec->v[iyear]);
		if (year > c->latest)
			c->latest = year;
		ki_yearset_add(&c->yset, year);
		if ((school = ki_keys_intern(c->urns, rec->v[iurn], NULL)) < 0 ||
		    keep_past(c, school, rec, year) == -1 ||
		    keep_row(c, school, rec, year) == -1)
			return ki_err_set(&c->err, NULL, 0, NULL, "%s",
			    ferror(c->spool) ? "spool: write error" :
			    "out of memory");
	}
	if (rc == 0)
		rc = ki_syears_index_err(&c->years, c->urns,
		    ki_reader_name(rd), &c->err);
	if (rc == 0 && note_links(c) == -1)
		rc = ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	/* An as-at year no row has would give a header and nothing else. */
	if (rc == 0 && c->year_opt != 0 && !ki_yearset_has(&c->yset,
	    c->year_opt))
		rc = ki_yearset_err(&c->yset, "--year", c->year_opt,
		    ki_reader_name(rd), &c->err);
	return rc;
}

struct hist_arg {
	const struct ctx *c;
	uint32_t school;
	long pred;		/* a predecessor whose years were read, or -1 */
	int lo, hi;		/* those years */
};

static const char *
value(const struct ctx *c, uint32_t v)
{
	return v == 0 ? NULL : ki_keys_str(c->pool, (long)v - 1);
}

/* The value of input column col for the school in year (for conditions). */
static const char *
hist(void *arg, long col, int year)
{
	struct hist_arg *a = arg;
	const struct ctx *c = a->c;
	size_t k;

	const struct ki_sy *y = NULL;
	long school = (long)a->school;
	int depth;

	for (k = 0; k < c->hcols->n; k++)
		if (c->hidx[k] == col)
			break;
	if (k == c->hcols->n)
		return NULL;
	/* A year before the school's own: its predecessor's, if any. */
	for (depth = 0; y == NULL && school >= 0 && depth <= KI_LINKS_DEPTH;
	    depth++) {
		y = ki_syears_find(&c->years, (uint32_t)school, year);
		if (y == NULL)
			school = ki_links_pred(&c->links, school);
	}
	/* Say whose years they were (the nearest predecessor named). */
	if (y != NULL && y->school != a->school) {
		if (a->pred < 0 || a->lo > year)
			a->lo = year;
		if (a->pred < 0 || a->hi < year)
			a->hi = year;
		if (a->pred < 0)
			a->pred = (long)y->school;
	}
	return y == NULL ? NULL : value(c, c->vals[y->data + k]);
}

/* Whether why names column col (not a longer name that starts so). */
static int
names_col(const char *why, const char *col)
{
	const char *p;
	size_t n = strlen(col);

	for (p = why; (p = strstr(p, col)) != NULL; p += n)
		if ((p == why || (p[-1] != '_' && p[-1] != '.')) &&
		    (p[n] == '\0' || p[n] == ' ' || p[n] == ')' || p[n] == ','))
			return 1;
	return 0;
}

/*
 * A reason that reads the Ofsted grade says what ki-import said of it: why
 * no grade is in force, or that GIAS's rating is as at its extract's date.
 */
static void
say_notes(const struct ctx *c, const struct ki_sy *y, struct ki_buf *why)
{
	const char *n;

	if (c->h_note >= 0 && names_col(ki_buf_str(why), "ofsted_grade") &&
	    (n = value(c, c->vals[y->data + (size_t)c->h_note])) != NULL)
		ki_buf_cat(why, "; ofsted_grade: ", n, (char *)NULL);
	if (c->h_lnote >= 0 && names_col(ki_buf_str(why),
	    "ofsted_grade_latest") && (n = value(c, c->vals[y->data +
	    (size_t)c->h_lnote])) != NULL)
		ki_buf_cat(why, "; ofsted_grade_latest: ", n, (char *)NULL);
}

static int
write_all(struct ctx *c, FILE *fp, enum ki_fmt fmt, const char *const *full)
{
	size_t nin = c->in->n, ns = ki_scheme_ncols(c->scheme), n, i, k;
	size_t nschool = ki_keys_count(c->urns);
	int year = c->year_opt ? c->year_opt : c->latest;
	struct ki_choice ch = { 0 };
	struct ki_writer *w;
	const char **names, **row, **tail;
	char *buf = NULL;
	size_t cap = 0;
	int rc = 0;

	n = nin + NADDED + ns;
	names = calloc(n, sizeof(*names));
	row = calloc(nin + 1, sizeof(*row));
	tail = calloc(NADDED + ns, sizeof(*tail));
	if (names == NULL || row == NULL || tail == NULL ||
	    (w = ki_writer_new(fp, fmt)) == NULL) {
		free(names);
		free(row);
		free(tail);
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	}
	for (i = 0; i < nin; i++)
		names[i] = c->in->names[i];
	for (i = 0; i < NADDED; i++)
		names[nin + i] = full[i];
	for (i = 0; i < ns; i++)
		names[nin + NADDED + i] = full[NADDED + i];
	if (fmt == KI_FMT_CSV ? ki_writer_header(w, n, names) :
	    ki_writer_names(w, n, names)) {
		if (ki_writer_oom(w))
			rc = ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
		goto done;	/* a write error is reported at the close */
	}
	for (k = 0; k < nschool; k++) {
		const struct asat *at = k < c->nat ? &c->at[k] : NULL;
		struct hist_arg a = { c, (uint32_t)k, -1, 0, 0 };
		struct ki_cond_ctx cx;
		const struct ki_sy *y;

		if (at == NULL || at->year != year)
			continue;
		/* The conditions read only the scheme's columns. */
		for (i = 0; i < nin; i++)
			row[i] = NULL;
		if ((y = ki_syears_find(&c->years, (uint32_t)k, year)) != NULL)
			for (i = 0; i < c->hcols->n; i++)
				if (c->hidx[i] >= 0)
					row[c->hidx[i]] = value(c,
					    c->vals[y->data + i]);
		/* Closed before the end of the as-at year: counted, not
		 * categorised (GIAS CloseDate; ISO dates compare as text). */
		if (y != NULL && c->hidx[c->i_close] >= 0) {
			const char *cd = value(c, c->vals[y->data +
			    (size_t)c->i_close]);
			char end[16];

			snprintf(end, sizeof(end), "%04d-08-31", year);
			if (cd != NULL && *cd != '\0' && strcmp(cd, end) < 0) {
				c->nclosed++;
				continue;
			}
		}
		cx.row = row;
		cx.year = year;
		cx.hist = hist;
		cx.arg = &a;
		cx.notes = NULL;
		if (ki_scheme_choose(c->scheme, &cx, &ch, &c->err) == -1) {
			struct ki_err e = c->err;

			rc = ki_err_set(&c->err, NULL, 0, e.field, "school %s, "
			    "%d: %s", ki_keys_str(c->urns, (long)k), year, e.msg);
			goto done;
		}
		if (y != NULL)
			say_notes(c, y, &ch.why);
		if (a.pred >= 0) {
			char yrs[32];

			snprintf(yrs, sizeof(yrs), a.lo == a.hi ? "%d" : "%d-%d",
			    a.lo, a.hi);
			ki_buf_cat(&ch.why, "; ", yrs, " from the predecessor, URN ",
			    ki_keys_str(c->urns, a.pred), (char *)NULL);
		}
		tail[0] = ch.category;
		tail[1] = ki_scheme_name(c->scheme);
		tail[2] = ki_buf_str(&ch.why);
		for (i = 0; i < ns; i++)
			tail[NADDED + i] = ch.set[i];
		/* The spooled row, less its end, then the added cells. */
		if (at->len + 1 > cap) {
			char *b2 = realloc(buf, at->len + 1);

			if (b2 == NULL) {
				rc = ki_err_set(&c->err, NULL, 0, NULL,
				    "out of memory");
				goto done;
			}
			buf = b2;
			cap = at->len + 1;
		}
		if (fseek(c->spool, AT_OFF(at), SEEK_SET) != 0 ||
		    fread(buf, 1, at->len, c->spool) != at->len) {
			rc = ki_err_set(&c->err, "spool", 0, NULL, "read error");
			goto done;
		}
		fwrite(buf, 1, at->len - (fmt == KI_FMT_JSON ? 2 : 1), fp);
		if (ki_writer_tail(w, NADDED + ns, names + nin, tail) == -1) {
			if (ki_writer_oom(w))
				rc = ki_err_set(&c->err, NULL, 0, NULL,
				    "out of memory");
			break;	/* a write error: reported at the close */
		}
	}
done:
	if (rc == 0 && c->nclosed > 0)
		fprintf(stderr, "%s: note: %ld school%s closed before %d-08-31 "
		    "(close_date) not categorised\n", PROG, c->nclosed,
		    c->nclosed == 1 ? "" : "s", year);
	free(buf);
	ki_choice_free(&ch);
	ki_writer_free(w);
	free(names);
	free(row);
	free(tail);
	return rc;
}

static int
run(struct ctx *c, const char *path, enum ki_fmt fmt, const char *prefix,
    struct ki_out *o)
{
	size_t ns = ki_scheme_ncols(c->scheme), nfull = NADDED + ns, i, k;
	struct ki_reader *rd;
	char **full;
	int rc = -1;

	if ((full = calloc(nfull, sizeof(char *))) == NULL)
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < nfull; i++) {
		const char *base = i < NADDED ? added[i] :
		    ki_scheme_col(c->scheme, i - NADDED);
		size_t len = strlen(prefix) + strlen(base) + 1;

		if ((full[i] = malloc(len)) == NULL) {
			free_strings(full, nfull);
			return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
		}
		snprintf(full[i], len, "%s%s", prefix, base);
		for (k = 0; k < i; k++)
			if (strcmp(full[k], full[i]) == 0) {
				free_strings(full, nfull);
				return ki_err_set(&c->err, NULL, 0, NULL, "the "
				    "scheme's column %s clashes with ki-categorise's",
				    base);
			}
	}
	if ((rd = ki_reader_open(path, fmt, 0, &c->err)) == NULL) {
		free_strings(full, nfull);
		return -1;
	}
	if ((c->spool = ki_spool_new()) == NULL ||
	    (c->sw = ki_writer_new(c->spool, ki_reader_fmt(rd))) == NULL ||
	    (c->pool = ki_keys_new()) == NULL) {
		if (c->spool == NULL && errno != ENOMEM)
			ki_err_set(&c->err, NULL, 0, NULL, "cannot make a spool "
			    "file: %s", strerror(errno));
		else
			ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
		ki_reader_close(rd);
		free_strings(full, nfull);
		return -1;
	}
	if (read_all(c, rd, (const char *const *)full) == 0)
		rc = write_all(c, o->fp, ki_reader_fmt(rd),
		    (const char *const *)full);
	free_strings(full, nfull);
	ki_reader_close(rd);
	return rc;
}

/* Column name's index in h, added if new; -1 on allocation failure. */
static long
keep_col(struct ki_hdr *h, const char *name)
{
	long k = ki_hdr_index(h, name);

	return k >= 0 ? k : ki_hdr_add(h, name);
}

/*
 * The columns the scheme reads, for the history it keeps, and those that
 * link a school to its predecessor or explain its Ofsted grade.
 */
static int
history_columns(struct ctx *c)
{
	if ((c->hcols = ki_scheme_columns(c->scheme)) == NULL ||
	    (c->h_pred = keep_col(c->hcols, "urn_predecessor")) < 0 ||
	    (c->h_succ = keep_col(c->hcols, "urn_successor")) < 0 ||
	    (c->h_note = keep_col(c->hcols, "ofsted_note")) < 0 ||
	    (c->h_lnote = keep_col(c->hcols, "ofsted_grade_latest_note")) < 0 ||
	    (c->hidx = calloc(c->hcols->n + 1, sizeof(long))) == NULL ||
	    (c->ncols = ki_scheme_numbers(c->scheme)) == NULL ||
	    (c->nidx = calloc(c->ncols->n + 1, sizeof(long))) == NULL ||
	    (c->ycols = ki_scheme_yes_no(c->scheme)) == NULL ||
	    (c->yidx = calloc(c->ycols->n + 1, sizeof(long))) == NULL)
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	/* A school closed before the as-at date is not categorised. */
	if ((c->i_close = ki_hdr_index(c->hcols, "close_date")) < 0 &&
	    (c->i_close = ki_hdr_add(c->hcols, "close_date")) < 0)
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	free(c->hidx);
	if ((c->hidx = calloc(c->hcols->n + 1, sizeof(long))) == NULL)
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	return 0;
}

static void
ctx_free(struct ctx *c)
{
	ki_keys_free(c->urns);
	ki_keys_free(c->pool);
	ki_writer_free(c->sw);
	if (c->spool != NULL)
		fclose(c->spool);
	ki_syears_free(&c->years);
	ki_links_free(&c->links);
	free(c->vals);
	free(c->at);
	ki_hdr_free(c->hcols);
	free(c->hidx);
	ki_hdr_free(c->ncols);
	free(c->nidx);
	ki_hdr_free(c->ycols);
	free(c->yidx);
	ki_scheme_free(c->scheme);
}

int
main(int argc, char *argv[])
{
	struct ki_cli cli;
	struct ctx c;
	const char *name = NULL, *prefix = "";
	char *path;
	int ch, rc;

	memset(&c, 0, sizeof(c));
	if ((rc = ki_cli_init(&cli, PROG, "schemes", &use, &argc, argv)) !=
	    KI_CLI_NEXT)
		return rc;
	while ((ch = getopt_long(argc, argv, "s:y:p:P:" KI_CLI_SHORTOPTS,
	    longopts, NULL)) != -1)
		switch (ch) {
		case 's':
			name = optarg;
			break;
		case 'y':
			if (ki_num_year(optarg, &c.year_opt) == -1)
				return ki_cli_misuse(&cli, "--year: \"%s\" is not "
				    "a year such as 2019", optarg);
			break;
		case 'p':
			prefix = optarg;
			break;
		default:
			if ((rc = ki_cli_opt(&cli, ch, optarg)) != KI_CLI_NEXT)
				return rc;
		}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		return ki_cli_misuse(&cli, "one input at a time");
	if (name == NULL)
		return ki_cli_misuse(&cli, "no --scheme given (see --list)");
	if ((path = ki_cli_find(&cli, "schemes", name, &rc)) == NULL)
		return rc;
	c.params = cli.params;
	c.scheme = ki_canon_load(&c.err) == 0 ? ki_scheme_load(path,
	    &c.err) : NULL;
	free(path);
	if (c.scheme != NULL && (c.urns = ki_keys_new()) == NULL)
		ki_err_set(&c.err, NULL, 0, NULL, "out of memory");
	if (c.scheme == NULL || c.urns == NULL || history_columns(&c) == -1)
		rc = ki_cli_fail(&cli, &c.err, KI_EXIT_DATA);
	else if (ki_scheme_check_params(c.scheme, c.params, &c.err) == -1)
		rc = ki_cli_fail(&cli, &c.err, KI_EXIT_USAGE);
	else if ((rc = ki_cli_open(&cli)) == KI_CLI_NEXT) {
		rc = run(&c, argc ? argv[0] : NULL, cli.fmt, prefix, &cli.out);
		cli.err = c.err;
		rc = ki_cli_done(&cli, rc);
	}
	ctx_free(&c);
	return rc;
}

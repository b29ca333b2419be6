/* ki-report: the weekly Ofsted summary, tallies, budgets and indicators. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/cli.h"
#include "ki/date.h"
#include "ki/err.h"
#include "ki/exit.h"
#include "ki/buf.h"
#include "ki/fixed.h"
#include "ki/keys.h"
#include "ki/num.h"
#include "ki/out.h"
#include "ki/policy.h"
#include "ki/rec.h"
#include "ki/report.h"
#include "ki/scheme.h"
#include "ki/val.h"
#include "ki/share.h"
#include "ki/tab.h"
#include "ki/yearset.h"

#define PROG "ki-report"
#define BLANK "(blank)"

enum { OPT_CSV = 256, OPT_JSON, OPT_FROM, OPT_TO, OPT_WEEK, OPT_BASE,
	OPT_BASEYEAR, OPT_RAWCSV };

static const struct option longopts[] = {
	{ "by", required_argument, NULL, 'b' },
	{ "format", required_argument, NULL, 'f' },
	{ "year", required_argument, NULL, 'y' },
	{ "baseline", required_argument, NULL, OPT_BASE },
	{ "baseline-year", required_argument, NULL, OPT_BASEYEAR },
	{ "week-ending", required_argument, NULL, OPT_WEEK },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "to", required_argument, NULL, OPT_TO },
	{ "output", required_argument, NULL, 'o' },
	{ "csv", no_argument, NULL, OPT_CSV },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "raw-csv", no_argument, NULL, OPT_RAWCSV },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

struct opts {
	const char *report;
	const char *by;
	enum ki_rfmt format;
	int raw_csv;		/* --raw-csv: formulas not neutralised */
	enum ki_fmt in;
	int year, base_year;
	const char *baseline;
	long from, to;		/* day numbers (0 is 1970-01-01) */
	int has_from, has_to;	/* whether they were given */
	const char *week;
};

/* One row held for a report: the values of the columns it reads. */
struct row {
	char **v;
	long line;
	long count;		/* rows alike in every column kept */
};

struct data {
	struct ki_hdr *cols;	/* the columns held, by name */
	struct row *rows;
	size_t n, cap;
	size_t total;		/* rows read (n counts the alike ones once) */
	const char *name;	/* the file, for messages and the footer */
};

static void
usage(FILE *fp, int status)
{
	fputs("usage: ki-report summary [--by COLUMN] [--year YEAR] "
	    "[--baseline FILE] [OPTIONS] [FILE]\n"
	    "       ki-report ofsted (--week-ending DATE | --from DATE --to "
	    "DATE) [--by COLUMN]\n"
	    "                 [OPTIONS] [FILE]\n"
	    "       ki-report budget [--by COLUMN] [OPTIONS] [FILE]\n"
	    "       ki-report indicators [--year YEAR] [--baseline-year YEAR] "
	    "[OPTIONS] [FILE]\n"
	    "OPTIONS: [--format text|md|csv|json|html] [--csv | --json] "
	    "[-o FILE]\n", fp);
	if (status != KI_EXIT_OK) {
		fputs("Try 'ki-report --help'.\n", fp);
		exit(status);
	}
	fputs("\nWrite a report from any ki step's output.\n\n"
	    "Reports:\n"
	    "  summary     schools per category, % good or outstanding, below "
	    "the floor and\n"
	    "              coasting, by district (or --by), and the change "
	    "since --baseline\n"
	    "  ofsted      the inspections published in the week (or "
	    "--from/--to): grade\n"
	    "              changes, report cards area by area in words, "
	    "categories of\n"
	    "              concern, schools stuck by the DfE's RISE rule, "
	    "letters owed\n"
	    "  budget      visits, days and cost by district (or --by), with "
	    "totals\n"
	    "  indicators  the Kent Challenge success indicators\n\n"
	    "Options (one that the report named does not read is an error):\n"
	    "  -b, --by COLUMN         group by district, phase, category, "
	    "adviser, funding\n"
	    "  -f, --format FORMAT     text (default), md, csv, json or html; "
	    "data shows as\n"
	    "                          text only (control characters made "
	    "visible, Markdown\n"
	    "                          escaped, CSV cells that a spreadsheet "
	    "would run as\n"
	    "                          formulas given a leading ')\n"
	    "      --raw-csv           csv: every cell as it is, formulas "
	    "too\n"
	    "  -y, --year YEAR         summary, indicators: the year reported "
	    "(default: the\n"
	    "                          latest); a year no row has is an error\n"
	    "      --baseline FILE     summary: an earlier file to compare "
	    "with\n"
	    "      --baseline-year YEAR  indicators: the year to measure the "
	    "reduction from\n"
	    "                          (default: the earliest)\n"
	    "      --week-ending DATE  ofsted: the seven days ending DATE "
	    "(yyyy-mm-dd)\n"
	    "      --from DATE, --to DATE  ofsted: the days from and to, both "
	    "included\n"
	    "      --csv, --json       read CSV or NDJSON (default: detect)\n"
	    "  -o, --output FILE       write to FILE, whole or not at all\n"
	    "  -h, --help              show this help\n"
	    "  -V, --version           show the version\n", fp);
	exit(KI_EXIT_OK);
}

/* --- reading ---------------------------------------------------------- */

static void
free_data(struct data *d)
{
	size_t i, k;

	for (i = 0; i < d->n; i++) {
		for (k = 0; d->cols != NULL && k < d->cols->n; k++)
			free(d->rows[i].v[k]);
		free(d->rows[i].v);
	}
	free(d->rows);
	ki_hdr_free(d->cols);
	memset(d, 0, sizeof(*d));
}

/*
 * A year must be a year; with once (rows one per school and year), a school
 * may not come twice in one year, or it would be counted twice.
 */
static int
check_row(const struct ki_reader *rd, const struct ki_rec *rec,
    struct ki_keys *once, struct ki_err *err)
{
	const struct ki_hdr *h = ki_reader_hdr(rd);
	long iy = ki_hdr_index(h, "year"), iu = ki_hdr_index(h, "urn");
	const char *y = iy >= 0 ? rec->v[iy] : NULL;
	char key[256];
	int yy, added;

	if (y != NULL && ki_num_year(y, &yy) == -1)
		return ki_err_set(err, ki_reader_name(rd), rec->line, "year",
		    "\"%s\" is not a year such as 2019", y);
	if (once == NULL || iu < 0 || rec->v[iu] == NULL)
		return 0;
	snprintf(key, sizeof(key), "%s|%s", rec->v[iu], y ? y : "");
	if (ki_keys_intern(once, key, &added) < 0)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	if (!added)
		return ki_err_set(err, ki_reader_name(rd), rec->line, "urn",
		    "school %s appears twice%s%s", rec->v[iu], y ? " for " : "",
		    y ? y : "");
	return 0;
}

/*
 * Read the named columns of every row. A column the input lacks reads as
 * blank; has[] tells which are there. With merge, rows alike in every
 * column but urn are kept once with a count: the summary and the
 * indicators count, so memory grows with the kinds of school, not their
 * number (a million schools of one year fit in a few megabytes).
 */
static int
read_data(const char *path, enum ki_fmt fmt, const char *const *want,
    size_t nwant, int per_school, int merge, struct data *d, int *has,
    struct ki_err *err)
{
	struct ki_keys *once = per_school ? ki_keys_new() : NULL;
	struct ki_tab *alike = merge ? ki_tab_new() : NULL;
	struct ki_buf key = { 0 };
	struct ki_reader *rd;
	struct ki_rec *rec;
	long *idx;
	size_t i;
	int rc;

	memset(d, 0, sizeof(*d));
	if ((per_school && once == NULL) || (merge && alike == NULL)) {
		rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
		goto fail;
	}
	if ((rd = ki_reader_open(path, fmt, 0, err)) == NULL) {
		rc = -1;
		goto fail;
	}
	d->name = path && strcmp(path, "-") != 0 ? path : "<stdin>";
	if ((d->cols = ki_hdr_new()) == NULL ||
	    (idx = calloc(nwant + 1, sizeof(long))) == NULL) {
		ki_reader_close(rd);
		rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
		goto fail;
	}
	for (i = 0; i < nwant; i++)
		if (ki_hdr_add(d->cols, want[i]) < 0)
			rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < nwant; i++)
		has[i] = (idx[i] = ki_hdr_index(ki_reader_hdr(rd), want[i])) >= 0;
	while ((rc = ki_reader_next(rd, &rec, err)) == 1) {
		struct row *r;

		if (check_row(rd, rec, once, err) == -1) {
			rc = -1;
			break;
		}
		for (i = 0; i < nwant; i++)
			if (idx[i] < 0 && (idx[i] = ki_hdr_index(ki_reader_hdr(rd),
			    want[i])) >= 0)
				has[i] = 1;
		d->total++;
		if (alike != NULL) {
			void *seen;

			ki_buf_reset(&key);
			for (i = 0; i < nwant; i++) {
				const char *v = idx[i] >= 0 &&
				    strcmp(want[i], "urn") != 0 ? rec->v[idx[i]] :
				    NULL;

				/* \x1e marks blank, \x1f ends a value. */
				if (v == NULL)
					ki_buf_add(&key, "\x1e", 1);
				else
					ki_buf_add(&key, v, strlen(v));
				ki_buf_add(&key, "\x1f", 1);
			}
			if ((seen = ki_tab_get(alike, ki_buf_str(&key))) != NULL) {
				d->rows[(uintptr_t)seen - 1].count++;
				continue;
			}
			if (ki_tab_put(alike, ki_buf_str(&key),
			    (void *)(uintptr_t)(d->n + 1)) == -1) {
				rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
				break;
			}
		}
		if (d->n == d->cap) {
			size_t cap = d->cap ? d->cap * 2 : 1024;
			struct row *nr = realloc(d->rows, cap * sizeof(*nr));

			if (nr == NULL) {
				rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
				break;
			}
			d->rows = nr;
			d->cap = cap;
		}
		r = &d->rows[d->n++];
		r->line = rec->line;
		r->count = 1;
		if ((r->v = calloc(nwant + 1, sizeof(char *))) == NULL) {
			d->n--;
			rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
			break;
		}
		for (i = 0; i < nwant; i++)
			if (idx[i] >= 0 && rec->v[idx[i]] != NULL &&
			    (alike == NULL || strcmp(want[i], "urn") != 0))
				r->v[i] = strdup(rec->v[idx[i]]);
	}
	free(idx);
	ki_buf_free(&key);
	ki_reader_close(rd);
fail:
	ki_tab_free(alike, NULL);
	ki_keys_free(once);
	return rc;
}

static const char *
val(const struct data *d, size_t i, const char *col)
{
	long k = ki_hdr_index(d->cols, col);
	const char *v = k >= 0 ? d->rows[i].v[k] : NULL;

	return v != NULL && *v != '\0' ? v : NULL;
}

static int
year_of(const struct data *d, size_t i)
{
	int y;

	return ki_num_year(val(d, i, "year") ? val(d, i, "year") : "", &y) == 0 ?
	    y : 0;
}

/* The latest year in d, or 0. */
static int
latest(const struct data *d)
{
	size_t i;
	int y = 0;

	for (i = 0; i < d->n; i++)
		if (year_of(d, i) > y)
			y = year_of(d, i);
	return y;
}

/* A --year or --baseline-year that no row has is an error, not zeros. */
static int
check_years(const struct opts *o, const struct data *d, struct ki_err *err)
{
	struct ki_yearset ys;
	size_t i;

	memset(&ys, 0, sizeof(ys));
	for (i = 0; i < d->n; i++)
		ki_yearset_add(&ys, year_of(d, i));
	if (o->year != 0 && !ki_yearset_has(&ys, o->year))
		return ki_yearset_err(&ys, "--year", o->year, d->name, err);
	if (o->base_year != 0 && !ki_yearset_has(&ys, o->base_year))
		return ki_yearset_err(&ys, "--baseline-year", o->base_year,
		    d->name, err);
	return 0;
}

/* --- grouping --------------------------------------------------------- */

/* Counts kept for one group. */
struct agg {
	long n[12];
	int64_t money;		/* pence */
	int64_t days;		/* hundredths */
};

static struct agg *
group(struct ki_tab *t, const char *key)
{
	struct agg *a = ki_tab_get(t, key ? key : BLANK);

	if (a == NULL && (a = calloc(1, sizeof(*a))) != NULL &&
	    ki_tab_put(t, key ? key : BLANK, a) == -1) {
		free(a);
		a = NULL;
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
static const char **
sorted_keys(const struct ki_tab *t, size_t *n)
{
	const char **k = calloc(ki_tab_count(t) + 1, sizeof(char *));
	const char *key;
	void *v;
	size_t pos = 0;

	*n = 0;
	if (k == NULL)
		return NULL;
	while (ki_tab_next(t, &pos, &key, &v))
		k[(*n)++] = key;
	qsort(k, *n, sizeof(*k), by_name);
	return k;
}

static char *
num(char *buf, long v)
{
	sprintf(buf, "%ld", v);
	return buf;
}

/* part of whole as a percentage with one decimal, or "" when whole is 0. */
static char *
pct(char *buf, long part, long whole)
{
	if (whole == 0)
		buf[0] = '\0';
	else
		sprintf(buf, "%.1f", 100.0 * part / whole);
	return buf;
}

static const char *
grade_of(const struct data *d, size_t i)
{
	return val(d, i, "ofsted_grade") ? val(d, i, "ofsted_grade") :
	    val(d, i, "ofsted_grade_latest");
}

/* --- summary ---------------------------------------------------------- */

/*
 * The pupils of row i in *p, whole; *known is 0 (and *p 0) when the figure
 * is blank or a suppression token. Text that is not a number, a negative
 * number, or one too large for a count, is an error.
 */
static int
pupils_of(const struct data *d, size_t i, long *p, int *known,
    struct ki_err *err)
{
	const char *v = val(d, i, "pupils");
	double dp;
	int64_t n;
	int f = ki_val_figure(v, &dp);

	*p = 0;
	*known = f == 1;
	if (f == 0)
		return 0;
	if (f == -1)
		return ki_err_set(err, d->name, d->rows[i].line, "pupils",
		    "\"%s\" is not a number", v);
	if (dp < 0 || ki_num_int64(dp, &n) == -1)
		return ki_err_set(err, d->name, d->rows[i].line, "pupils",
		    "\"%s\" is not a number of pupils", v);
	*p = (long)n;
	return 0;
}

static const char *const summary_cols[] = { "urn", "year", "category",
	"ofsted_grade", "ofsted_grade_latest", "below_floor", "coasting",
	"pupils", NULL /* --by */ };
#define NSUMMARY 9

/* The categories in d, in the order they first come. */
static struct ki_tab *
categories(const struct data *d, int year)
{
	struct ki_tab *t = ki_tab_new();
	size_t i;

	for (i = 0; t != NULL && i < d->n; i++)
		if (year == 0 || year_of(d, i) == year)
			group(t, val(d, i, "category"));
	return t;
}

static int
summary(const struct opts *o, struct data *d, struct ki_report *r,
    const int *has, struct ki_err *err)
{
	int has_floor = has[5];
	const char *by = o->by ? o->by : "district";
	int year = o->year ? o->year : latest(d);
	struct ki_tab *g = ki_tab_new(), *cats = categories(d, year);
	const char **keys = NULL, **ck = NULL, **cols = NULL, **cells = NULL;
	enum ki_ckind *kinds = NULL;
	struct ki_section *s;
	size_t nk = 0, nc = 0, i, j, k;
	char title[256], b[6][32], yearstr[16] = "";
	struct agg all = { { 0 }, 0, 0 };
	long pupils_all = 0;
	int rc = -1;

	if (g == NULL || cats == NULL || (ck = sorted_keys(cats, &nc)) == NULL)
		goto oom;
	if (year != 0)
		snprintf(yearstr, sizeof(yearstr), ", %d", year);
	if (ki_tab_get(cats, BLANK) != NULL && nc == 1)
		nc = 0;		/* no category column, or none set */
	for (i = 0; i < d->n; i++) {
		struct agg *a, *c;
		const char *gr = grade_of(d, i);
		long w = d->rows[i].count;

		if (year != 0 && year_of(d, i) != year)
			continue;
		if ((a = group(g, val(d, i, by))) == NULL ||
		    (c = group(cats, val(d, i, "category"))) == NULL)
			goto oom;
		a->n[0] += w;
		c->n[0] += w;
		/* n[1] graded, n[2] good or better, n[3] pupils graded,
		 * n[4] pupils good or better, n[5] below, n[6] coasting,
		 * n[7] floor unknown, n[8] graded with no pupils figure */
		if (gr != NULL && gr[0] >= '1' && gr[0] <= '4' && !gr[1]) {
			long p, pw;
			int known;

			a->n[1] += w;
			if (pupils_of(d, i, &p, &known, err) == -1)
				goto done;
			if (!known && has[7])
				a->n[8] += w;
			/*
			 * Pupils are at least 0, so a group's sums are at most
			 * the running total, and so is the "all" row.
			 */
			if (__builtin_mul_overflow(p, w, &pw) ||
			    __builtin_add_overflow(pupils_all, pw, &pupils_all)) {
				ki_err_set(err, d->name, d->rows[i].line, "pupils",
				    "\"%s\" takes the pupils past the largest "
				    "total ki can hold", val(d, i, "pupils"));
				goto done;
			}
			a->n[3] += pw;
			if (gr[0] <= '2') {
				a->n[2] += w;
				a->n[4] += pw;
			}
		}
		if (val(d, i, "below_floor") &&
		    strcmp(val(d, i, "below_floor"), "yes") == 0)
			a->n[5] += w;
		/* Blank is as unknown as "unknown", when ki-floor has run. */
		if (has_floor && (val(d, i, "below_floor") == NULL ||
		    strcmp(val(d, i, "below_floor"), "unknown") == 0))
			a->n[7] += w;
		if (val(d, i, "coasting") &&
		    strcmp(val(d, i, "coasting"), "yes") == 0)
			a->n[6] += w;
	}
	if ((keys = sorted_keys(g, &nk)) == NULL)
		goto oom;
	/* Schools per category by group. */
	cols = calloc(nc + 3, sizeof(*cols));
	cells = calloc(nc + 3, sizeof(*cells));
	kinds = calloc(nc + 3, sizeof(*kinds));
	if (cols == NULL || cells == NULL || kinds == NULL)
		goto oom;
	cols[0] = by;
	for (j = 0; j < nc; j++) {
		cols[j + 1] = ck[j];
		kinds[j + 1] = KI_CK_NUMBER;
	}
	cols[nc + 1] = "schools";
	kinds[nc + 1] = KI_CK_NUMBER;
	snprintf(title, sizeof(title), "Schools%s by %s%s", nc ? " per category" :
	    "", by, yearstr);
	s = ki_report_section(r, title, nc + 2, cols, kinds);
	{
		/* Counts per group and category, keyed "group<US>category". */
		struct ki_tab *gc = ki_tab_new();
		long *tot = calloc(nc + 2, sizeof(long));
		char key[512];

		if (gc == NULL || tot == NULL) {
			ki_tab_free(gc, free);
			free(tot);
			goto oom;
		}
		for (k = 0; k < d->n; k++) {
			const char *gv = val(d, k, by), *cv = val(d, k, "category");
			struct agg *a;

			if (year != 0 && year_of(d, k) != year)
				continue;
			snprintf(key, sizeof(key), "%s\x1f%s", gv ? gv : BLANK,
			    cv ? cv : BLANK);
			if ((a = group(gc, key)) != NULL)
				a->n[0] += d->rows[k].count;
		}
		for (i = 0; i <= nk && nk > 0; i++) {
			char (*cnt)[32] = calloc(nc + 2, sizeof(*cnt));

			if (cnt == NULL)
				break;
			cells[0] = i < nk ? keys[i] : "all";
			for (j = 0; j < nc; j++) {
				const struct agg *a;
				long v;

				snprintf(key, sizeof(key), "%s\x1f%s", i < nk ?
				    keys[i] : "", ck[j]);
				a = i < nk ? ki_tab_get(gc, key) : NULL;
				v = i < nk ? (a ? a->n[0] : 0) : tot[j];
				tot[j] += i < nk ? v : 0;
				cells[j + 1] = num(cnt[j], v);
			}
			{
				long v = i < nk ? ((struct agg *)ki_tab_get(g,
				    keys[i]))->n[0] : tot[nc];

				tot[nc] += i < nk ? v : 0;
				cells[nc + 1] = num(cnt[nc], v);
			}
			ki_section_row(s, cells);
			free(cnt);
		}
		if (nk > 0)
			ki_section_total(s);
		ki_section_chart(s, nc + 1);
		ki_tab_free(gc, free);
		free(tot);
	}
	/* Good or outstanding. */
	{
		static const char *const c2[] = { NULL, "schools", "graded",
		    "good or outstanding", "% of schools", "% of pupils" };
		static const enum ki_ckind k2[] = { KI_CK_TEXT, KI_CK_NUMBER,
		    KI_CK_NUMBER, KI_CK_NUMBER, KI_CK_NUMBER, KI_CK_NUMBER };
		const char *h2[6];

		memcpy(h2, c2, sizeof(h2));
		h2[0] = by;
		snprintf(title, sizeof(title), "Good or outstanding by %s%s", by,
		    yearstr);
		s = ki_report_section(r, title, 6, h2, k2);
		for (i = 0; i <= nk; i++) {
			const struct agg *a = i < nk ? ki_tab_get(g, keys[i]) : &all;
			const char *row[6];

			if (i < nk)
				for (k = 0; k < 9; k++)
					all.n[k] += a->n[k];
			else if (nk == 0)
				break;
			row[0] = i < nk ? keys[i] : "all";
			row[1] = num(b[0], a->n[0]);
			row[2] = num(b[1], a->n[1]);
			row[3] = num(b[2], a->n[2]);
			row[4] = pct(b[3], a->n[2], a->n[1]);
			row[5] = pct(b[4], a->n[4], a->n[3]);
			ki_section_row(s, row);
		}
		if (nk > 0)
			ki_section_total(s);
		ki_section_chart(s, 4);
		ki_section_note(s, "Graded: schools with an Ofsted grade "
		    "(ofsted_grade, or GIAS's ofsted_grade_latest). % of pupils "
		    "weights each school by its pupils column, blank when the "
		    "input has none.");
		if (all.n[8] > 0) {
			char note[160];

			snprintf(note, sizeof(note), "%ld graded school%s with "
			    "no pupils figure (blank or suppressed): %% of "
			    "pupils leaves %s out.", all.n[8], all.n[8] == 1 ?
			    "" : "s", all.n[8] == 1 ? "it" : "them");
			ki_section_note(s, note);
		}
	}
	/* Below the floor and coasting. */
	{
		const char *h3[] = { by, "schools", "below floor", "coasting",
		    "floor unknown" };
		static const enum ki_ckind k3[] = { KI_CK_TEXT, KI_CK_NUMBER,
		    KI_CK_NUMBER, KI_CK_NUMBER, KI_CK_NUMBER };

		snprintf(title, sizeof(title), "Below the floor and coasting "
		    "by %s%s", by, yearstr);
		s = ki_report_section(r, title, 5, h3, k3);
		for (i = 0; i <= nk && nk > 0; i++) {
			const struct agg *a = i < nk ? ki_tab_get(g, keys[i]) : &all;
			const char *row[5];

			row[0] = i < nk ? keys[i] : "all";
			row[1] = num(b[0], a->n[0]);
			row[2] = num(b[1], a->n[5]);
			row[3] = num(b[2], a->n[6]);
			row[4] = num(b[3], a->n[7]);
			ki_section_row(s, row);
		}
		if (nk > 0)
			ki_section_total(s);
		ki_section_chart(s, 2);
	}
	rc = 0;
	if (o->baseline != NULL) {
		/* Change in each category since the baseline file. */
		static const char *const want[] = { "year", "category" };
		static const enum ki_ckind k4[] = { KI_CK_TEXT, KI_CK_NUMBER,
		    KI_CK_NUMBER, KI_CK_NUMBER };
		const char *h4[] = { "category", "baseline", "now", "change" };
		struct data base;
		struct ki_tab *bc;
		const char **bk;
		size_t nb;
		int bhas[2], by_year;

		if (read_data(o->baseline, o->in, want, 2, 1, 1, &base, bhas,
		    err) == -1) {
			free_data(&base);
			rc = -1;
			goto done;
		}
		by_year = latest(&base);
		if ((bc = categories(&base, by_year)) == NULL)
			goto oom;
		for (i = 0; i < base.n; i++)
			if (by_year == 0 || year_of(&base, i) == by_year)
				group(bc, val(&base, i, "category"))->n[0] +=
				    base.rows[i].count;
		/* Both sides' categories, in name order. */
		for (j = 0; j < nc; j++)
			group(bc, ck[j]);
		bk = sorted_keys(bc, &nb);
		snprintf(title, sizeof(title), "Change since the baseline (%s)",
		    o->baseline);
		s = ki_report_section(r, title, 4, h4, k4);
		for (i = 0; bk != NULL && i < nb; i++) {
			const struct agg *was = ki_tab_get(bc, bk[i]);
			const struct agg *now = ki_tab_get(cats, bk[i]);
			long w = was ? was->n[0] : 0, n = now ? now->n[0] : 0;
			const char *row[4];

			row[0] = bk[i];
			row[1] = num(b[0], w);
			row[2] = num(b[1], n);
			row[3] = num(b[2], n - w);
			ki_section_row(s, row);
		}
		free(bk);
		ki_tab_free(bc, free);
		free_data(&base);
	}
	goto done;
oom:
	rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
done:
	free(keys);
	free(ck);
	free(cols);
	free(cells);
	free(kinds);
	ki_tab_free(g, free);
	ki_tab_free(cats, free);
	return rc;
}

/* --- ofsted ----------------------------------------------------------- */

static int
grade_ok(const char *g)
{
	return g[0] >= '1' && g[0] <= '4' && g[1] == '\0';
}

static const char *const ofsted_cols[] = { "urn", "name", "phase",
	"inspection_type", "ofsted_date", "ofsted_published", "ofsted_grade",
	"ofsted_prev_grade", "ofsted_category",
	/* report cards, and what the RISE scheme reads */
	"rc_safeguarding", "rc_inclusion", "rc_curriculum", "rc_achievement",
	"rc_attendance", "rc_personal", "rc_early_years", "rc_post16",
	"rc_leadership", "ofsted_framework", "ofsted_quality",
	"ofsted_leadership", "ofsted_ungraded_outcome", "ofsted_same_urn",
	"ofsted_inspected_urn", "ofsted_prev_quality", "ofsted_prev_leadership",
	NULL /* --by */ };
#define NOFSTED 27

/* A report card's areas: the column, the area's name, and its scale. */
#define NRC 9
static const char *const rc_cols[NRC] = { "rc_safeguarding", "rc_inclusion",
	"rc_curriculum", "rc_achievement", "rc_attendance", "rc_personal",
	"rc_early_years", "rc_post16", "rc_leadership" };
static const char *const rc_names[NRC] = { "Safeguarding standards",
	"Inclusion", "Curriculum and teaching", "Achievement",
	"Attendance and behaviour", "Personal development and wellbeing",
	"Early years", "Post-16 provision", "Leadership and governance" };
static const char *const rc_words[5] = { "Exceptional", "Strong standard",
	"Expected standard", "Needs attention", "Urgent improvement" };

/*
 * The day a judgement was published in *day: the publication date, else
 * the end of the inspection (*proxy set). Returns 0, 1 when the row has
 * neither date, or -1 with err set when a date is not a date.
 */
static int
published(const struct data *d, size_t i, long *day, int *proxy,
    struct ki_err *err)
{
	static const char *const cols[] = { "ofsted_published", "ofsted_date" };
	long when[2];
	int has[2], k;

	for (k = 0; k < 2; k++) {
		const char *v = val(d, i, cols[k]);

		if ((has[k] = v != NULL) && ki_date_parse(v, &when[k]) == -1)
			return ki_err_set(err, d->name, d->rows[i].line, cols[k],
			    "\"%s\" is not a date such as 2014-11-21", v);
	}
	*proxy = !has[0];
	if (!has[0] && !has[1])
		return 1;
	*day = has[0] ? when[0] : when[1];
	return 0;
}

static const char *
change(const char *g, const char *p)
{
	if (g == NULL)
		return "not graded";
	if (p == NULL)
		return "first";
	return strcmp(g, p) < 0 ? "improved" : strcmp(g, p) > 0 ? "declined" :
	    "same";
}

static int
by_published(const void *a, const void *b)
{
	const long *x = a, *y = b;

	return x[1] != y[1] ? (x[1] < y[1] ? -1 : 1) :
	    x[2] != y[2] ? (x[2] < y[2] ? -1 : 1) : 0;
}

/*
 * The days within which a headteacher is owed a letter after a report is
 * published, from the shipped plan of Ofsted deadlines (manual 5.2.1:
 * "within two weeks of the publication of the report"), and the title of
 * the section that lists the letters.
 */
static int
letter_title(char *title, size_t size, long *days, struct ki_err *err)
{
	static const char *const weeks[] = { "one week", "two weeks",
	    "three weeks", "four weeks" };
	double v;

	if (ki_policy_number("plans", "ofsted",
	    "events[event=ofsted-letter].date.days", &v, err) == -1)
		return -1;
	if (v < 1 || v > 366 || v != (long)v)
		return ki_err_set(err, NULL, 0, NULL, "plans/ofsted.json: the "
		    "letter's days must be a whole number from 1 to 366");
	*days = (long)v;
	if (*days % 7 == 0 && *days / 7 <= 4)
		snprintf(title, size, "Letters owed to headteachers (%s from "
		    "publication)", weeks[*days / 7 - 1]);
	else
		snprintf(title, size, "Letters owed to headteachers (%ld days "
		    "from publication)", *days);
	return 0;
}

/*
 * Area a of row i: its rank in *rank (1 best; safeguarding met 1, not met
 * 2) and its words in *word. Returns 1, 0 when blank, or -1 with err set
 * for a value that is not of the scale.
 */
static int
rc_judgement(const struct data *d, size_t i, size_t a, int *rank,
    const char **word, struct ki_err *err)
{
	const char *v = val(d, i, rc_cols[a]);

	if (v == NULL)
		return 0;
	if (a == 0) {
		if (strcmp(v, "met") == 0 || strcmp(v, "not met") == 0) {
			*rank = v[0] == 'm' ? 1 : 2;
			*word = v[0] == 'm' ? "Met" : "Not met";
			return 1;
		}
		return ki_err_set(err, d->name, d->rows[i].line, rc_cols[a],
		    "\"%s\" is not a safeguarding standard (met, not met)", v);
	}
	if (v[0] >= '1' && v[0] <= '5' && v[1] == '\0') {
		*rank = v[0] - '0';
		*word = rc_words[*rank - 1];
		return 1;
	}
	return ki_err_set(err, d->name, d->rows[i].line, rc_cols[a],
	    "\"%s\" is not a report-card judgement (1 Exceptional to 5 Urgent "
	    "improvement)", v);
}

/* Whether row i is a report card: it has a judgement in an area. */
static int
is_card(const struct data *d, size_t i)
{
	size_t a;

	for (a = 0; a < NRC; a++)
		if (val(d, i, rc_cols[a]) != NULL)
			return 1;
	return 0;
}

/*
 * Whether row i holds a judgement: an overall grade, a report card or the
 * key judgements of an inspection with no overall grade (not a monitoring
 * visit).
 */
static int
is_judged(const struct data *d, size_t i)
{
	return val(d, i, "ofsted_grade") != NULL || is_card(d, i) ||
	    val(d, i, "ofsted_quality") != NULL ||
	    val(d, i, "ofsted_leadership") != NULL;
}

/*
 * Each row's place in the school's history: the school's row published last
 * before it (an earlier day; of one day, the later row of the input) that
 * holds a judgement, and that is a report card, or -1.
 */
struct prior {
	long *judged;
	long *card;
};

static const struct data *order_d;	/* for by_school (qsort) */
static const long *order_day;

/* Rows by urn, then day, then place in the input. */
static int
by_school(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(val(order_d, i, "urn"), val(order_d, j, "urn"));

	if (c != 0)
		return c;
	if (order_day[i] != order_day[j])
		return order_day[i] < order_day[j] ? -1 : 1;
	return i < j ? -1 : i > j;
}

/*
 * Fill pr for the dated rows with a urn (st[i] 0), by one sort: each
 * school's rows in order, remembering the last judged row and report card
 * of the days before. Returns 0, or -1 out of memory.
 */
static int
prior_fill(const struct data *d, const long *day, const int *st,
    struct prior *pr)
{
	size_t *ord = calloc(d->n + 1, sizeof(*ord)), m = 0, i;
	long lastj = -1, lastc = -1, curj = -1, curc = -1;

	pr->judged = calloc(d->n + 1, sizeof(long));
	pr->card = calloc(d->n + 1, sizeof(long));
	if (ord == NULL || pr->judged == NULL || pr->card == NULL) {
		free(ord);
		return -1;
	}
	for (i = 0; i < d->n; i++) {
		pr->judged[i] = pr->card[i] = -1;
		if (st[i] == 0 && val(d, i, "urn") != NULL)
			ord[m++] = i;
	}
	order_d = d;
	order_day = day;
	qsort(ord, m, sizeof(*ord), by_school);
	for (i = 0; i < m; i++) {
		size_t k = ord[i];

		if (i == 0 || strcmp(val(d, k, "urn"), val(d, ord[i - 1],
		    "urn")) != 0)
			lastj = lastc = curj = curc = -1;
		else if (day[k] != day[ord[i - 1]]) {
			lastj = curj >= 0 ? curj : lastj;
			lastc = curc >= 0 ? curc : lastc;
			curj = curc = -1;
		}
		pr->judged[k] = lastj;
		pr->card[k] = lastc;
		if (is_judged(d, k))
			curj = (long)k;
		if (is_card(d, k))
			curc = (long)k;
	}
	free(ord);
	return 0;
}

/* The school's previous report card (cards) or judged row, or -1. */
static long
before(const struct prior *pr, size_t k, int cards)
{
	return cards ? pr->card[k] : pr->judged[k];
}

/*
 * Row k's category under the RISE scheme in *cat, and in *note (if not
 * NULL) the scheme's rise_note for it, such as "changed structure since
 * the inspection", or NULL. Returns 0 or -1.
 */
static int
rise_of(const struct ki_scheme *rise, const struct data *d, size_t k,
    const char **cat, const char **note, struct ki_err *err)
{
	struct ki_cond_ctx ctx;
	struct ki_choice ch;
	struct ki_err e;

	memset(&ctx, 0, sizeof(ctx));
	memset(&ch, 0, sizeof(ch));
	memset(&e, 0, sizeof(e));
	ctx.row = (const char *const *)d->rows[k].v;
	if (ki_scheme_choose(rise, &ctx, &ch, &e) == -1) {
		ki_choice_free(&ch);
		return ki_err_set(err, d->name, d->rows[k].line, e.field, "%s",
		    e.msg);
	}
	*cat = ch.category;
	if (note != NULL) {
		size_t c;

		*note = NULL;
		for (c = 0; ch.set != NULL && c < ki_scheme_ncols(rise); c++)
			if (strcmp(ki_scheme_col(rise, c), "rise_note") == 0)
				*note = ch.set[c];
	}
	ki_choice_free(&ch);
	return 0;
}

/*
 * Whether the school was stuck before row k: by the RISE scheme on its
 * previous judged row in the input, else from the previous grade (Good or
 * better, or Inadequate: no; Requires improvement: not known, as the
 * inspection before that is not in the data). "yes", "no" or "not known"
 * in *was. Returns 0 or -1.
 */
static int
stuck_before(const struct ki_scheme *rise, const struct data *d, size_t k,
    const struct prior *pr, const char **was, struct ki_err *err)
{
	long p = before(pr, k, 0);
	const char *pv = val(d, k, "ofsted_prev_grade"), *cat;

	if (p >= 0) {
		if (rise_of(rise, d, (size_t)p, &cat, NULL, err) == -1)
			return -1;
		*was = strcmp(cat, "Stuck") == 0 ? "yes" :
		    strcmp(cat, "unknown") == 0 ? "not known" : "no";
		return 0;
	}
	*was = pv != NULL && strcmp(pv, "3") != 0 ? "no" : "not known";
	return 0;
}

/*
 * The report cards of the window: each area's judgement against the
 * school's previous report card in the input, the judgements by area and
 * the changes per area. Codes beside the words in CSV and JSON.
 */
static int
ofsted_cards(const struct opts *o, const struct data *d, const long (*in)[3],
    size_t n, const struct prior *pr, struct ki_report *r,
    struct ki_err *err)
{
	static const char *const hw[] = { "urn", "name", "area", "judgement",
	    "previous", "change" };
	static const char *const hc[] = { "urn", "name", "area", "code",
	    "judgement", "previous code", "previous", "change" };
	static const enum ki_ckind kw[] = { KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_TEXT, KI_CK_TEXT, KI_CK_TEXT, KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_TEXT };
	static const char *const hjw[] = { "area", "judgement",
	    "report cards" };
	static const char *const hjc[] = { "area", "code", "judgement",
	    "report cards" };
	static const enum ki_ckind kjw[] = { KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_NUMBER };
	static const enum ki_ckind kjc[] = { KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_TEXT, KI_CK_NUMBER };
	static const char *const hx[] = { "area", "improved", "declined",
	    "same", "first report card" };
	static const enum ki_ckind kx[] = { KI_CK_TEXT, KI_CK_NUMBER,
	    KI_CK_NUMBER, KI_CK_NUMBER, KI_CK_NUMBER };
	static const char *const moves[] = { "improved", "declined", "same",
	    "first report card" };
	int codes = o->format == KI_RF_CSV || o->format == KI_RF_JSON;
	long count[NRC][6], change[NRC][4];
	struct ki_section *sa, *sj, *sx;
	size_t j, a, m;
	char b[5][32];

	memset(count, 0, sizeof(count));
	memset(change, 0, sizeof(change));
	sa = ki_report_section(r, "Report cards, area by area, against the "
	    "previous report card", codes ? 8 : 6, codes ? hc : hw, kw);
	sj = ki_report_section(r, "Report-card judgements by area",
	    codes ? 4 : 3, codes ? hjc : hjw, codes ? kjc : kjw);
	sx = ki_report_section(r, "Changes per area against the previous "
	    "report card", 5, hx, kx);
	for (j = 0; j < n; j++) {
		size_t k = (size_t)in[j][0];
		long p;

		if (!is_card(d, k))
			continue;
		p = before(pr, k, 1);
		for (a = 0; a < NRC; a++) {
			const char *w = NULL, *pw = NULL, *row[8];
			int rk = 0, prk = 0, got, pgot = 0;

			if ((got = rc_judgement(d, k, a, &rk, &w, err)) == -1 ||
			    (p >= 0 && (pgot = rc_judgement(d, (size_t)p, a, &prk,
			    &pw, err)) == -1))
				return -1;
			if (!got)
				continue;
			m = !pgot ? 3 : rk < prk ? 0 : rk > prk ? 1 : 2;
			change[a][m]++;
			count[a][rk - 1]++;
			row[0] = val(d, k, "urn");
			row[1] = val(d, k, "name");
			row[2] = rc_names[a];
			if (codes) {
				row[3] = val(d, k, rc_cols[a]);
				row[4] = w;
				row[5] = pgot ? val(d, (size_t)p, rc_cols[a]) :
				    NULL;
				row[6] = pgot ? pw : NULL;
				row[7] = moves[m];
			} else {
				row[3] = w;
				row[4] = pgot ? pw : NULL;
				row[5] = moves[m];
			}
			ki_section_row(sa, row);
		}
	}
	for (a = 0; a < NRC; a++) {
		static const char *const sg[2][2] = { { "met", "Met" },
		    { "not met", "Not met" } };
		const char *row[5];
		int g;

		for (g = 0; g < (a == 0 ? 2 : 5); g++) {
			const char *code = a == 0 ? sg[g][0] : b[1];
			const char *word = a == 0 ? sg[g][1] : rc_words[g];

			if (count[a][g] == 0)
				continue;
			snprintf(b[1], sizeof(b[1]), "%d", g + 1);
			row[0] = rc_names[a];
			row[1] = codes ? code : word;
			row[2] = codes ? word : num(b[0], count[a][g]);
			row[3] = num(b[0], count[a][g]);
			ki_section_row(sj, row);
		}
		if (change[a][0] + change[a][1] + change[a][2] + change[a][3] >
		    0) {
			row[0] = rc_names[a];
			for (m = 0; m < 4; m++)
				row[m + 1] = num(b[m + 1], change[a][m]);
			ki_section_row(sx, row);
		}
	}
	ki_section_note(sa, "The previous report card is the school's last "
	    "one published before this in the input; \"first report card\" "
	    "when there is none. Safeguarding standards are Met or Not met; "
	    "the other areas Exceptional, Strong standard, Expected standard, "
	    "Needs attention or Urgent improvement.");
	return 0;
}

/*
 * Schools that became or stopped being stuck, by the DfE's RISE scheme
 * (share/schemes/dfe-rise-2025.json), and those that may have.
 */
static int
ofsted_stuck(const struct ki_scheme *rise, const struct data *d,
    const long (*in)[3], size_t n, const struct prior *pr,
    struct ki_report *r, struct ki_err *err)
{
	static const char *const h[] = { "urn", "name", "published",
	    "stuck before", "RISE now", "movement" };
	static const enum ki_ckind k6[] = { KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_DATE, KI_CK_TEXT, KI_CK_TEXT, KI_CK_TEXT };
	struct ki_section *s;
	size_t j;

	s = ki_report_section(r, "Becoming or stopping being stuck (DfE RISE)",
	    6, h, k6);
	for (j = 0; j < n; j++) {
		size_t k = (size_t)in[j][0];
		const char *now, *note, *was, *mv = NULL, *pv, *row[6];
		char pub[11], nowbuf[200];

		if (!is_judged(d, k))
			continue;
		if (rise_of(rise, d, k, &now, &note, err) == -1 ||
		    stuck_before(rise, d, k, pr, &was, err) == -1)
			return -1;
		pv = val(d, k, "ofsted_prev_grade");
		if (strcmp(now, "Stuck") == 0)
			mv = strcmp(was, "yes") == 0 ? "still stuck" :
			    strcmp(was, "no") == 0 ? "became stuck" :
			    "stuck; not known whether it was before";
		else if (strcmp(now, "unknown") == 0)
			mv = "perhaps stuck: the previous grade is not in the "
			    "data";
		else if (strcmp(was, "yes") == 0)
			mv = "stopped being stuck";
		else if (strcmp(was, "not known") == 0 && ((pv != NULL &&
		    strcmp(pv, "3") == 0) || (pv == NULL &&
		    ((val(d, k, "ofsted_prev_quality") != NULL &&
		    strcmp(val(d, k, "ofsted_prev_quality"), "3") == 0) ||
		    (val(d, k, "ofsted_prev_leadership") != NULL &&
		    strcmp(val(d, k, "ofsted_prev_leadership"), "3") == 0)))))
			mv = "perhaps stopped being stuck";
		if (mv == NULL)
			continue;
		ki_date_format(in[j][1], pub);
		row[0] = val(d, k, "urn");
		row[1] = val(d, k, "name");
		row[2] = pub;
		row[3] = was;
		if (note != NULL && *note != '\0') {
			snprintf(nowbuf, sizeof(nowbuf), "%s: %s", now, note);
			row[4] = nowbuf;
		} else
			row[4] = now;
		row[5] = mv;
		ki_section_row(s, row);
	}
	ki_section_note(s, "Stuck, by the DfE's RISE rule (ki-categorise "
	    "--scheme dfe-rise-2025): Requires improvement, or equivalent, at "
	    "the latest inspection (on a report card, Leadership and governance "
	    "Needs attention or worse) and below Good at the previous one. "
	    "Stuck before: by the school's previous inspection in the input, "
	    "else by its previous grade (Good or better, or Inadequate: no; "
	    "Requires improvement: not known, as the inspection before that is "
	    "not in the data).");
	return 0;
}

static int
ofsted_week(const struct opts *o, struct data *d, struct ki_report *r,
    const long *day, const int *st, const struct prior *pr,
    const struct ki_scheme *rise, struct ki_err *err)
{
	static const char *const h1[] = { "urn", "name", "phase",
	    "published", "grade", "previous", "change", "category" };
	static const enum ki_ckind k1[] = { KI_CK_TEXT, KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_DATE, KI_CK_NUMBER, KI_CK_NUMBER, KI_CK_TEXT, KI_CK_TEXT };
	static const char *const h2[] = { "change", "inspections" };
	static const char *const h3[] = { "urn", "name", "grade", "previous",
	    "category", "movement" };
	static const enum ki_ckind k3[] = { KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_NUMBER, KI_CK_NUMBER, KI_CK_TEXT, KI_CK_TEXT };
	static const enum ki_ckind k4[] = { KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_DATE, KI_CK_DATE };
	static const char *const h4[] = { "urn", "name", "published",
	    "letter due" };
	static const enum ki_ckind kn[] = { KI_CK_TEXT, KI_CK_NUMBER };
	static const char *const changes[] = { "improved", "declined", "same",
	    "first", "not graded", "report card" };
	long (*in)[3], nchange[6] = { 0 };
	size_t n = 0, i, j, ncards = 0;
	struct ki_section *s1, *s2, *s3, *s4, *s5 = NULL;
	struct ki_tab *g = NULL;
	char title[200], ltitle[80], f[11], t[11], b[4][32];
	int proxies = 0;
	long undated = 0, letter_days = 14;

	if (letter_title(ltitle, sizeof(ltitle), &letter_days, err) == -1)
		return -1;
	if ((in = calloc(d->n + 1, sizeof(*in))) == NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < d->n; i++) {
		/* A row with no date is in no week: counted, never listed. */
		if (st[i] == 1) {
			undated++;
			continue;
		}
		if (day[i] < o->from || day[i] > o->to)
			continue;
		/* Dated by the end of the inspection: no publication date. */
		proxies += val(d, i, "ofsted_published") == NULL;
		ncards += is_card(d, i);
		in[n][0] = (long)i;
		in[n][1] = day[i];
		/* The urn orders rows of a day; strtol saturates, atol may not. */
		in[n][2] = val(d, i, "urn") ? strtol(val(d, i, "urn"), NULL,
		    10) : 0;
		n++;
	}
	qsort(in, n, sizeof(*in), by_published);
	ki_date_format(o->from, f);
	ki_date_format(o->to, t);
	snprintf(title, sizeof(title), "Inspections published %s to %s", f, t);
	s1 = ki_report_section(r, title, 8, h1, k1);
	s2 = ki_report_section(r, "Grade changes against the previous "
	    "inspection", 2, h2, kn);
	if (ncards > 0 && ofsted_cards(o, d, (const long (*)[3])in, n, pr, r,
	    err) == -1) {
		free(in);
		return -1;
	}
	s3 = ki_report_section(r, "Entering or leaving a category of concern",
	    6, h3, k3);
	if (ofsted_stuck(rise, d, (const long (*)[3])in, n, pr, r, err) ==
	    -1) {
		free(in);
		return -1;
	}
	s4 = ki_report_section(r, ltitle, 4, h4, k4);
	if (o->by != NULL) {
		const char *h5[] = { o->by, "inspections" };

		snprintf(title, sizeof(title), "Inspections by %s", o->by);
		s5 = ki_report_section(r, title, 2, h5, kn);
		if ((g = ki_tab_new()) == NULL) {
			free(in);
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
		}
	}
	for (j = 0; j < n; j++) {
		size_t k = (size_t)in[j][0];
		const char *gr = val(d, k, "ofsted_grade");
		const char *pv = val(d, k, "ofsted_prev_grade");

		if ((gr != NULL && !grade_ok(gr)) || (pv != NULL && !grade_ok(pv))) {
			free(in);
			return ki_err_set(err, d->name, d->rows[k].line, gr &&
			    !grade_ok(gr) ? "ofsted_grade" : "ofsted_prev_grade",
			    "\"%s\" is not an Ofsted grade (1-4)", gr &&
			    !grade_ok(gr) ? gr : pv);
		}
		const char *cat = val(d, k, "ofsted_category");
		const char *ch = gr == NULL && is_card(d, k) ? "report card" :
		    change(gr, pv), *row[8];
		char pub[11], due[11];
		size_t c;
		/* In a category now: Inadequate, or with no overall grade (a
		 * report card, 2024/25) a category of concern. */
		int in_now = gr != NULL ? strcmp(gr, "4") == 0 :
		    is_judged(d, k) && cat != NULL;
		int in_before = pv != NULL && strcmp(pv, "4") == 0;

		ki_date_format(in[j][1], pub);
		ki_date_format(in[j][1] + letter_days, due);
		row[0] = val(d, k, "urn");
		row[1] = val(d, k, "name");
		row[2] = val(d, k, "phase");
		row[3] = pub;
		row[4] = gr;
		row[5] = pv;
		row[6] = ch;
		row[7] = cat;
		ki_section_row(s1, row);
		for (c = 0; c < 6; c++)
			if (strcmp(ch, changes[c]) == 0)
				nchange[c]++;
		/* Into a category: in one now and not Inadequate before; out of
		 * one: Inadequate before and judged better now. */
		if (is_judged(d, k) && in_now != in_before) {
			const char *e[6];

			e[0] = row[0];
			e[1] = row[1];
			e[2] = gr;
			e[3] = pv;
			e[4] = cat;
			e[5] = in_now ? "entering" : "leaving";
			ki_section_row(s3, e);
		}
		{
			const char *l[4] = { row[0], row[1], pub, due };

			ki_section_row(s4, l);
		}
		if (g != NULL) {
			struct agg *a = group(g, val(d, k, o->by));

			if (a != NULL)
				a->n[0]++;
		}
	}
	for (i = 0; i < 6; i++)
		if (nchange[i] > 0) {
			const char *row[2] = { changes[i], num(b[0], nchange[i]) };

			ki_section_row(s2, row);
		}
	ki_section_chart(s2, 1);
	if (g != NULL) {
		const char **keys = sorted_keys(g, &i);

		for (j = 0; keys != NULL && j < i; j++) {
			const char *row[2] = { keys[j], num(b[1], ((struct agg *)
			    ki_tab_get(g, keys[j]))->n[0]) };

			ki_section_row(s5, row);
		}
		ki_section_chart(s5, 1);
		free(keys);
		ki_tab_free(g, free);
	}
	if (proxies > 0) {
		snprintf(title, sizeof(title), "%d of these inspections have no "
		    "publication date in the file: their inspection end date is "
		    "used instead.", proxies);
		ki_section_note(s1, title);
	}
	if (undated > 0) {
		snprintf(title, sizeof(title), "%ld row%s of the file ha%s "
		    "neither ofsted_published nor ofsted_date, so no week: "
		    "left out.", undated, undated == 1 ? "" : "s",
		    undated == 1 ? "s" : "ve");
		ki_section_note(s1, title);
	}
	ki_section_note(s3, "Entering: graded Inadequate (4) now and not at the "
	    "previous inspection. Leaving: Inadequate before and better now.");
	if (ncards > 0)
		ki_section_note(s3, "A report card, or an inspection with no "
		    "overall grade, is in a category of concern when it has one "
		    "(special measures, requires significant improvement).");
	free(in);
	return 0;
}

/*
 * The weekly Ofsted report: the publication day of every row first (a
 * school's previous inspection may be outside the window), and the RISE
 * scheme for who is stuck.
 */
static int
ofsted(const struct opts *o, struct data *d, struct ki_report *r,
    struct ki_err *err)
{
	long *day = calloc(d->n + 1, sizeof(*day));
	int *st = calloc(d->n + 1, sizeof(*st));
	struct ki_scheme *rise = NULL;
	struct prior pr = { NULL, NULL };
	char *path = NULL;
	size_t i;
	int rc = -1, proxy;

	if (day == NULL || st == NULL) {
		ki_err_set(err, NULL, 0, NULL, "out of memory");
		goto out;
	}
	for (i = 0; i < d->n; i++)
		if ((st[i] = published(d, i, &day[i], &proxy, err)) == -1)
			goto out;
	if (prior_fill(d, day, st, &pr) == -1) {
		ki_err_set(err, NULL, 0, NULL, "out of memory");
		goto out;
	}
	if ((path = ki_share_find("schemes", "dfe-rise-2025", err)) == NULL ||
	    (rise = ki_scheme_load(path, err)) == NULL ||
	    ki_scheme_bind(rise, d->cols, NULL, d->name, err) == -1)
		goto out;
	rc = ofsted_week(o, d, r, day, st, &pr, rise, err);
out:
	free(pr.judged);
	free(pr.card);
	ki_scheme_free(rise);
	free(path);
	free(day);
	free(st);
	return rc;
}

/* --- budget ----------------------------------------------------------- */

static const char *const budget_cols[] = { "urn", "visits", "contacts",
	"days", "cost", NULL /* --by */ };
#define NBUDGET 6

/* Add x to budget column k of a (visits, contacts, days, cost), checked. */
static int
add_to(struct agg *a, size_t k, int64_t x)
{
	if (k < 2)
		return __builtin_add_overflow(a->n[k + 1], x, &a->n[k + 1]) ?
		    -1 : 0;
	return ki_fixed_add(k == 2 ? a->days : a->money, x, k == 2 ? &a->days :
	    &a->money);
}

static int
budget(const struct opts *o, struct data *d, struct ki_report *r,
    const int *has, struct ki_err *err)
{
	const char *by = o->by ? o->by : "district";
	const char *h[] = { by, "schools", "visits", "contacts", "days", "cost" };
	static const enum ki_ckind kinds[] = { KI_CK_TEXT, KI_CK_NUMBER,
	    KI_CK_NUMBER, KI_CK_NUMBER, KI_CK_NUMBER, KI_CK_NUMBER };
	static const char *const bcol[] = { "visits", "contacts", "days",
	    "cost" };
	struct ki_tab *g = ki_tab_new();
	struct agg all = { { 0 }, 0, 0 }, run = { { 0 }, 0, 0 };
	const char **keys;
	struct ki_section *s;
	char title[200], b[6][48];
	size_t nk, i, k;

	if (g == NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < d->n; i++) {
		struct agg *a = group(g, val(d, i, by));

		if (a == NULL) {
			ki_tab_free(g, free);
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
		}
		a->n[0]++;
		/* Counts are whole numbers; days and money are added exactly. */
		for (k = 0; k < 4; k++) {
			const char *v = val(d, i, bcol[k]);
			int64_t x;

			if (v == NULL)
				continue;
			if (ki_fixed_parse(v, k < 2 ? 0 : 2, &x) == -1 || x < 0) {
				ki_tab_free(g, free);
				return ki_err_set(err, d->name, d->rows[i].line,
				    bcol[k], "\"%s\" is not %s", v, k < 2 ? "a whole "
				    "number" : k == 2 ? "a number of days" : "an "
				    "amount in pounds and pence");
			}
			/*
			 * Every value is at least 0, so a group's sum is at most
			 * the running total: when that fits in 64 bits, so do
			 * the groups' sums and the total row.
			 */
			if (add_to(&run, k, x) == -1 || add_to(a, k, x) == -1) {
				ki_tab_free(g, free);
				return ki_err_set(err, d->name, d->rows[i].line,
				    bcol[k], "\"%s\" takes the total past the "
				    "largest ki can hold (%s)", v, k < 2 ?
				    "9223372036854775807" : k == 2 ?
				    "92233720368547758.07 days" :
				    "92233720368547758.07 pounds");
			}
		}
	}
	keys = sorted_keys(g, &nk);
	snprintf(title, sizeof(title), "Visits, days and cost by %s", by);
	s = ki_report_section(r, title, 6, h, kinds);
	for (i = 0; keys != NULL && i <= nk && nk > 0; i++) {
		const struct agg *a = i < nk ? ki_tab_get(g, keys[i]) : &all;
		const char *row[6];

		if (i < nk) {
			/* No overflow: these are at most the running totals. */
			all.n[0] += a->n[0];
			all.n[1] += a->n[1];
			all.n[2] += a->n[2];
			all.days += a->days;
			all.money += a->money;
		}
		row[0] = i < nk ? keys[i] : "total";
		row[1] = num(b[0], a->n[0]);
		row[2] = num(b[1], a->n[1]);
		row[3] = num(b[2], a->n[2]);
		ki_fixed_format(a->days, 2, 1, b[3], sizeof(b[3]));
		ki_fixed_format(a->money, 2, 0, b[4], sizeof(b[4]));
		/* A column the input lacks is blank, not zero. */
		row[2] = has[1] ? row[2] : NULL;
		row[3] = has[2] ? row[3] : NULL;
		row[4] = has[3] ? b[3] : NULL;
		row[5] = has[4] ? b[4] : NULL;
		ki_section_row(s, row);
	}
	if (nk > 0)
		ki_section_total(s);
	ki_section_chart(s, 4);
	ki_section_note(s, "The total is the sum of the rows: days and costs "
	    "are added exactly, to the hundredth of a day and the penny.");
	free(keys);
	ki_tab_free(g, free);
	return 0;
}

/* --- indicators ------------------------------------------------------- */

static const char *const indicator_cols[] = { "urn", "year", "below_floor",
	"ofsted_grade", "ofsted_grade_latest", "ofsted_category",
	"ks2_rwm_exp_disadv", "ks2_rwm_exp_other", "funding" };
#define NINDICATOR 9

static int
indicators(const struct opts *o, struct data *d, struct ki_report *r,
    const int *has, struct ki_err *err)
{
	static const char *const h[] = { "indicator", "baseline", "now",
	    "target", "result" };
	static const enum ki_ckind k[] = { KI_CK_TEXT, KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_TEXT, KI_CK_TEXT };
	int year = o->year ? o->year : latest(d), base = o->base_year;
	long below_base = 0, below_now = 0, graded = 0, good = 0, cat = 0;
	long gaps = 0, nogap = 0;
	double gap = 0;
	struct ki_section *s;
	char title[160], b[6][64], target[48];
	const char *row[5];
	double target_pct;
	size_t i;

	/* The Kent Challenge's target, kept in share/ with its source. */
	if (ki_policy_number("indicators", "kent-challenge-2011",
	    "reduction.target_pct", &target_pct, err) == -1)
		return -1;
	if (base == 0)
		for (i = 0; i < d->n; i++)
			if (year_of(d, i) && (base == 0 || year_of(d, i) < base))
				base = year_of(d, i);
	for (i = 0; i < d->n; i++) {
		const char *bf = val(d, i, "below_floor"), *g = grade_of(d, i);
		long w = d->rows[i].count;
		double x, y;

		/* The Kent Challenge is for schools "excluding academies". */
		if (bf != NULL && strcmp(bf, "yes") == 0 &&
		    !(val(d, i, "funding") != NULL &&
		    strcmp(val(d, i, "funding"), "academy") == 0)) {
			below_base += w * (year_of(d, i) == base);
			below_now += w * (year_of(d, i) == year);
		}
		if (year_of(d, i) != year)
			continue;
		if (g != NULL && g[0] >= '1' && g[0] <= '4' && !g[1]) {
			graded += w;
			good += w * (g[0] <= '2');
		}
		if ((g != NULL && strcmp(g, "4") == 0) ||
		    val(d, i, "ofsted_category") != NULL)
			cat += w;
		{
			const char *vx = val(d, i, "ks2_rwm_exp_disadv");
			const char *vy = val(d, i, "ks2_rwm_exp_other");
			int fx = ki_val_figure(vx, &x);
			int fy = ki_val_figure(vy, &y);

			if (fx == -1 || fy == -1)
				return ki_err_set(err, d->name, d->rows[i].line,
				    fx == -1 ? "ks2_rwm_exp_disadv" :
				    "ks2_rwm_exp_other", "\"%s\" is not a "
				    "number", fx == -1 ? vx : vy);
			if (fx == 1 && fy == 1) {
				gap += w * (y - x);
				gaps += w;
			} else if (has[6] || has[7])
				nogap += w;
		}
	}
	if (year == 0) {
		/* No rows with a year: nothing to measure. */
		ki_report_section(r, "Kent Challenge success indicators", 5, h, k);
		return 0;
	}
	snprintf(title, sizeof(title), "Kent Challenge success indicators, %d "
	    "against %d", year, base);
	s = ki_report_section(r, title, 5, h, k);
	row[0] = "schools below the floor: reduction";
	row[1] = num(b[0], below_base);
	row[2] = num(b[1], below_now);
	snprintf(target, sizeof(target), "at least %g%% fewer", target_pct);
	row[3] = target;
	if (!has[2])
		row[4] = "unknown: no below_floor column (run ki-floor first)";
	else if (below_base == 0)
		row[4] = "none below in the baseline year";
	else {
		double red = 100.0 * (below_base - below_now) / below_base;

		snprintf(b[2], sizeof(b[2]), "%.1f%% fewer: %s", red, red >= target_pct ?
		    "met" : "not met");
		row[4] = b[2];
	}
	ki_section_row(s, row);
	row[0] = "good or outstanding (% of graded schools)";
	row[1] = "";
	row[2] = pct(b[3], good, graded);
	row[3] = "";
	snprintf(b[4], sizeof(b[4]), "%ld of %ld graded", good, graded);
	row[4] = graded ? b[4] : "unknown: no Ofsted grades";
	ki_section_row(s, row);
	row[0] = "schools in an Ofsted category";
	row[1] = "";
	row[2] = num(b[5], cat);
	row[3] = "";
	row[4] = "";
	ki_section_row(s, row);
	row[0] = "disadvantaged gap, KS2 RWM (points, mean of schools)";
	row[1] = "";
	snprintf(b[0], sizeof(b[0]), "%.1f", gaps ? gap / gaps : 0);
	row[2] = gaps ? b[0] : "";
	row[3] = "";
	snprintf(b[1], sizeof(b[1]), "%ld schools with both", gaps);
	row[4] = gaps ? b[1] : "not in the data";
	ki_section_row(s, row);
	ki_section_note(s, has[8] ? "The reduction counts maintained schools' "
	    "rows with below_floor yes in each year (the Kent Challenge excludes "
	    "academies); the other indicators are for the year reported." :
	    "The reduction counts rows with below_floor yes in each year (no "
	    "funding column: academies, which the Kent Challenge excludes, "
	    "cannot be left out); the other indicators are for the year "
	    "reported.");
	if (nogap > 0) {
		snprintf(title, sizeof(title), "%ld school%s without both KS2 "
		    "disadvantaged figures (blank or suppressed): the gap "
		    "leaves %s out.", nogap, nogap == 1 ? "" : "s", nogap == 1 ?
		    "it" : "them");
		ki_section_note(s, title);
	}
	return 0;
}

/* --- main ------------------------------------------------------------- */

static int
date_opt(const char *s, long *day)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    ki_date_parse(s, day) == -1) {
		fprintf(stderr, "%s: \"%s\" is not a date such as 2014-11-21\n",
		    PROG, s);
		return -1;
	}
	return 0;
}

static int
run(struct opts *o, const char *path, struct ki_out *out, struct ki_err *err)
{
	const char *want[32];
	size_t nwant = 0, i;
	const char *const *cols;
	struct ki_report *r;
	struct data d;
	char foot[600];
	int has[32], rc;

	if (strcmp(o->report, "summary") == 0)
		cols = summary_cols;
	else if (strcmp(o->report, "ofsted") == 0)
		cols = ofsted_cols;
	else if (strcmp(o->report, "budget") == 0)
		cols = budget_cols;
	else
		cols = indicator_cols;
	for (i = 0; (cols == indicator_cols ? i < NINDICATOR : cols[i] != NULL);
	    i++)
		want[nwant++] = cols[i];
	if (o->by != NULL)
		want[nwant++] = o->by;
	if ((cols == summary_cols || cols == budget_cols) && o->by == NULL)
		want[nwant++] = "district";
	memset(has, 0, sizeof(has));
	if (read_data(path, o->in, want, nwant, cols != ofsted_cols,
	    cols == summary_cols || cols == indicator_cols, &d, has,
	    err) == -1) {
		free_data(&d);
		return -1;
	}
	if (o->by != NULL && !has[nwant - 1] && d.n > 0) {
		free_data(&d);
		return ki_err_set(err, path ? path : "<stdin>", 1, o->by, "no such "
		    "column to group by");
	}
	/* The columns a report cannot do without: a clear error, not zeros. */
	if (d.n > 0 && ((cols == ofsted_cols && !has[4] && !has[5]) ||
	    (cols == budget_cols && !has[1] && !has[2] && !has[3] &&
	    !has[4]) || (cols != ofsted_cols && cols != budget_cols &&
	    !has[1] && cols == indicator_cols))) {
		const char *need = cols == ofsted_cols ? "ofsted_date" :
		    cols == budget_cols ? "days" : "year";
		const char *hint = cols == ofsted_cols ? "read Ofsted files "
		    "through ki-import ofsted:FILE first" : cols == budget_cols ?
		    "run ki-allocate first" : "the rows of several years, from "
		    "ki-floor";

		free_data(&d);
		return ki_err_set(err, path ? path : "<stdin>", 1, need, "no such "
		    "column: %s", hint);
	}
	if ((cols == summary_cols || cols == indicator_cols) &&
	    check_years(o, &d, err) == -1) {
		free_data(&d);
		return -1;
	}
	snprintf(foot, sizeof(foot), "ki-report %s of %s, %zu row%s.",
	    o->report, d.name, d.total, d.total == 1 ? "" : "s");
	if (strcmp(o->report, "summary") == 0)
		r = ki_report_new("School improvement summary");
	else if (strcmp(o->report, "ofsted") == 0) {
		char f[11], t[11], title[80];

		ki_date_format(o->from, f);
		ki_date_format(o->to, t);
		if (o->week != NULL)
			snprintf(title, sizeof(title), "Ofsted inspections, the "
			    "week ending %s", t);
		else
			snprintf(title, sizeof(title), "Ofsted inspections "
			    "published %s to %s", f, t);
		r = ki_report_new(title);
	}
	else if (strcmp(o->report, "budget") == 0)
		r = ki_report_new("Visits, days and budget");
	else
		r = ki_report_new("Kent Challenge success indicators");
	if (r == NULL) {
		free_data(&d);
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	}
	ki_report_footer(r, foot);
	ki_report_raw_csv(r, o->raw_csv);
	if (strcmp(o->report, "summary") == 0)
		rc = summary(o, &d, r, has, err);
	else if (strcmp(o->report, "ofsted") == 0)
		rc = ofsted(o, &d, r, err);
	else if (strcmp(o->report, "budget") == 0)
		rc = budget(o, &d, r, has, err);
	else
		rc = indicators(o, &d, r, has, err);
	if (rc == 0 && ki_report_write(r, out->fp, o->format) == -1 &&
	    !ferror(out->fp))
		rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
	ki_report_free(r);
	free_data(&d);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct opts o;
	struct ki_out out;
	struct ki_err err;
	const char *outfile = NULL;
	int ch, y;

	memset(&o, 0, sizeof(o));
	o.format = KI_RF_TEXT;
	argv[0] = (char *)PROG;	/* getopt's messages name the program so */
	while ((ch = getopt_long(argc, argv, "b:f:y:o:hV", longopts, NULL)) !=
	    -1)
		switch (ch) {
		case 'b':
			o.by = optarg;
			break;
		case 'f':
			if (ki_rfmt_parse(optarg, &o.format) == -1) {
				fprintf(stderr, "%s: --format: \"%s\" is not text, "
				    "md, csv, json or html\n", PROG, optarg);
				usage(stderr, KI_EXIT_USAGE);
			}
			break;
		case 'y':
		case OPT_BASEYEAR:
			if (ki_num_year(optarg, &y) == -1) {
				fprintf(stderr, "%s: \"%s\" is not a year such as "
				    "2019\n", PROG, optarg);
				usage(stderr, KI_EXIT_USAGE);
			}
			*(ch == 'y' ? &o.year : &o.base_year) = y;
			break;
		case OPT_BASE:
			o.baseline = optarg;
			break;
		case OPT_WEEK:
			o.week = optarg;
			break;
		case OPT_FROM:
			if (date_opt(optarg, &o.from) == -1)
				usage(stderr, KI_EXIT_USAGE);
			o.has_from = 1;
			break;
		case OPT_TO:
			if (date_opt(optarg, &o.to) == -1)
				usage(stderr, KI_EXIT_USAGE);
			o.has_to = 1;
			break;
		case 'o':
			outfile = optarg;
			break;
		case OPT_CSV:
			o.in = KI_FMT_CSV;
			break;
		case OPT_JSON:
			o.in = KI_FMT_JSON;
			break;
		case OPT_RAWCSV:
			o.raw_csv = 1;
			break;
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
	if (argc == 0) {
		fprintf(stderr, "%s: no report named (summary, ofsted, budget, "
		    "indicators)\n", PROG);
		usage(stderr, KI_EXIT_USAGE);
	}
	o.report = argv[0];
	if (strcmp(o.report, "summary") != 0 && strcmp(o.report, "ofsted") != 0 &&
	    strcmp(o.report, "budget") != 0 &&
	    strcmp(o.report, "indicators") != 0) {
		fprintf(stderr, "%s: \"%s\" is not a report (summary, ofsted, "
		    "budget, indicators)\n", PROG, o.report);
		usage(stderr, KI_EXIT_USAGE);
	}
	argc--;
	argv++;
	if (argc > 1) {
		fprintf(stderr, "%s: one input at a time\n", PROG);
		usage(stderr, KI_EXIT_USAGE);
	}
	if (strcmp(o.report, "ofsted") == 0) {
		if (o.week != NULL) {
			if (o.has_from || o.has_to) {
				fprintf(stderr, "%s: --week-ending or --from/--to, "
				    "not both\n", PROG);
				usage(stderr, KI_EXIT_USAGE);
			}
			if (date_opt(o.week, &o.to) == -1)
				usage(stderr, KI_EXIT_USAGE);
			o.from = o.to - 6;
		} else if (!o.has_from || !o.has_to) {
			fprintf(stderr, "%s: ofsted needs --week-ending DATE, or "
			    "--from DATE and --to DATE\n", PROG);
			usage(stderr, KI_EXIT_USAGE);
		} else if (o.from > o.to) {
			fprintf(stderr, "%s: --from is after --to\n", PROG);
			usage(stderr, KI_EXIT_USAGE);
		}
	}
	/* An option the report does not read is an error, not ignored. */
	{
		static const struct {
			const char *opt, *reports;
		} only[] = {
			{ "--year", "summary, indicators" },
			{ "--baseline-year", "indicators" },
			{ "--baseline", "summary" },
			{ "--week-ending", "ofsted" },
			{ "--from", "ofsted" },
			{ "--to", "ofsted" },
		};
		const int given[] = { o.year != 0, o.base_year != 0,
		    o.baseline != NULL, o.week != NULL, o.has_from, o.has_to };
		char want[32], in[64];
		size_t i;

		snprintf(want, sizeof(want), " %s,", o.report);
		for (i = 0; i < sizeof(only) / sizeof(only[0]); i++) {
			snprintf(in, sizeof(in), " %s,", only[i].reports);
			if (given[i] && strstr(in, want) == NULL) {
				fprintf(stderr, "%s: %s is not read by the %s "
				    "report, only by: %s\n", PROG, only[i].opt,
				    o.report, only[i].reports);
				usage(stderr, KI_EXIT_USAGE);
			}
		}
	}
	if (o.raw_csv && o.format != KI_RF_CSV) {
		fprintf(stderr, "%s: --raw-csv is for --format csv\n", PROG);
		usage(stderr, KI_EXIT_USAGE);
	}
	ki_err_clear(&err);
	if (ki_out_open(&out, outfile, &err) == -1) {
		ki_diag(PROG, &err);
		return KI_EXIT_DATA;
	}
	return ki_cli_finish(PROG, &out, run(&o, argc ? argv[0] : NULL, &out,
	    &err), &err);
}

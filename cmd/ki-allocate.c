/* ki-allocate: visits, days, advisers and costs for every school. */
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
#include "ki/num.h"
#include "ki/out.h"
#include "ki/rec.h"
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

/* One school, held until every school is known. */
struct school {
	char **v;		/* the input row */
	unsigned char *num;
	size_t n;
	long line;
	char *out[NCOLS];	/* the added values */
};

struct ctx {
	struct ki_table *table;
	const char *table_name;	/* --table, or NULL to choose by scheme */
	struct ki_advisers adv;
	int have_adv, strict;
	int64_t rate[NRATES];
	int have_rate[NRATES], have_rates;
	struct school *s;
	size_t ns, cap;
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

static char *
fixed_text(int64_t v, int places, int trim)
{
	char buf[48];

	if (ki_fixed_format(v, places, trim, buf, sizeof(buf)) < 0)
		return NULL;
	return strdup(buf);
}

static char *
int_text(int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	return strdup(buf);
}

/* Read every school, keeping its row. */
static int
read_all(struct ctx *c, struct ki_reader *rd)
{
	const struct ki_hdr *h = ki_reader_hdr(rd);
	struct ki_rec *rec;
	size_t i, k;
	int rc;

	for (k = 0; k < NCOLS; k++)
		if (h->n > 0 && ki_hdr_index(h, added[k]) >= 0)
			return ki_err_set(&c->err, ki_reader_name(rd), 1, added[k],
			    "the input already has this column");
	while ((rc = ki_reader_next(rd, &rec, &c->err)) == 1) {
		struct school *s;

		if (c->ns == c->cap) {
			size_t cap = c->cap ? c->cap * 2 : 1024;
			struct school *ns = realloc(c->s, cap * sizeof(*ns));

			if (ns == NULL)
				return ki_err_set(&c->err, NULL, 0, NULL,
				    "out of memory");
			c->s = ns;
			c->cap = cap;
		}
		s = &c->s[c->ns++];
		memset(s, 0, sizeof(*s));
		s->n = rec->n;
		s->line = rec->line;
		if ((s->v = calloc(rec->n + 1, sizeof(char *))) == NULL ||
		    (s->num = malloc(rec->n + 1)) == NULL)
			return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
		for (i = 0; i < rec->n; i++) {
			s->num[i] = rec->num[i];
			if (rec->v[i] != NULL &&
			    (s->v[i] = strdup(rec->v[i])) == NULL)
				return ki_err_set(&c->err, NULL, 0, NULL,
				    "out of memory");
		}
	}
	if (rc == 0 && ki_hdr_index(h, "urn") < 0)
		return ki_err_set(&c->err, ki_reader_name(rd), 1, "urn",
		    "no such column in the input");
	return rc;
}

static const char *
cell(const struct school *s, const struct ki_hdr *h, const char *name)
{
	long k = ki_hdr_index(h, name);

	return k >= 0 && (size_t)k < s->n ? s->v[k] : NULL;
}

/* The table's allocation for every school. */
static int
allocate(struct ctx *c, struct ki_reader *rd)
{
	const struct ki_hdr *h = ki_reader_hdr(rd);
	const char *scheme = c->ns ? cell(&c->s[0], h, "category_scheme") : NULL;
	struct ki_alloc a = { 0 };
	const char **row = NULL;
	size_t i, k;
	int rc = 0;

	if (c->ns == 0 && c->table_name == NULL)
		return 0;
	if (open_table(c, scheme) == -1 ||
	    ki_table_bind(c->table, h, ki_reader_name(rd), &c->err) == -1)
		return -1;
	if ((row = calloc(h->n + 1, sizeof(*row))) == NULL)
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < c->ns && rc == 0; i++) {
		struct school *s = &c->s[i];
		const char *sc = cell(s, h, "category_scheme");
		struct ki_cond_ctx cx = { row, 0, NULL, NULL, NULL };

		if (c->table_name == NULL && sc != NULL && scheme != NULL &&
		    strcmp(sc, scheme) != 0) {
			rc = ki_err_set(&c->err, ki_reader_name(rd), s->line,
			    "category_scheme", "%s here but %s in the first row: "
			    "one scheme at a time, or give --table", sc, scheme);
			break;
		}
		for (k = 0; k < h->n; k++)
			row[k] = k < s->n ? s->v[k] : NULL;
		if (ki_table_apply(c->table, &cx, cell(s, h, "category"), &a,
		    &c->err) == -1) {
			struct ki_err e = c->err;

			rc = ki_err_set(&c->err, ki_reader_name(rd), s->line,
			    e.field, "%s", e.msg);
			break;
		}
		if (a.allocated) {
			if (a.has[KI_AL_VISITS])
				s->out[C_VISITS] = int_text(a.n[KI_AL_VISITS]);
			if (a.has[KI_AL_MIN_VISITS])
				s->out[C_MIN] = int_text(a.n[KI_AL_MIN_VISITS]);
			if (a.has[KI_AL_CONTACTS])
				s->out[C_CONTACTS] = int_text(a.n[KI_AL_CONTACTS]);
			if (a.has[KI_AL_PROGRESS])
				s->out[C_PROGRESS] = int_text(a.n[KI_AL_PROGRESS]);
			if (a.has_days)
				s->out[C_DAYS] = fixed_text(a.days, 2, 1);
		}
		s->out[C_FLAGS] = a.flags.len ? strdup(ki_buf_str(&a.flags)) :
		    NULL;
		s->out[C_ALLOC] = strdup(ki_buf_str(&a.why));
	}
	ki_alloc_free(&a);
	free(row);
	return rc;
}

/* Place the schools with the advisers; report those left over. */
static int
advise(struct ctx *c, const struct ki_hdr *h)
{
	struct ki_job *jobs;
	size_t i, unplaced = 0;

	if ((jobs = calloc(c->ns + 1, sizeof(*jobs))) == NULL)
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < c->ns; i++) {
		const struct school *s = &c->s[i];

		jobs[i].urn = cell(s, h, "urn") ? cell(s, h, "urn") : "";
		jobs[i].district = cell(s, h, "district");
		jobs[i].phase = cell(s, h, "phase");
		if (s->out[C_DAYS] == NULL ||
		    ki_fixed_parse(s->out[C_DAYS], 2, &jobs[i].days) == -1)
			jobs[i].days = 0;
	}
	if (ki_assign(&c->adv, jobs, c->ns) == -1) {
		free(jobs);
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	}
	for (i = 0; i < c->ns; i++) {
		struct school *s = &c->s[i];

		if (jobs[i].adviser >= 0) {
			s->out[C_ADVISER] = strdup(c->adv.a[jobs[i].adviser].id);
			if (jobs[i].near)
				fprintf(stderr, "%s: school %s: placed with %s, "
				    "of its district but not its phase\n", PROG,
				    jobs[i].urn, c->adv.a[jobs[i].adviser].id);
		} else if (jobs[i].days > 0) {
			fprintf(stderr, "%s: school %s: not placed: %s\n", PROG,
			    jobs[i].urn, jobs[i].why);
			unplaced++;
		}
	}
	free(jobs);
	if (unplaced > 0 && c->strict)
		return ki_err_set(&c->err, NULL, 0, NULL, "%zu school%s not "
		    "placed (--strict)", unplaced, unplaced > 1 ? "s" : "");
	return 0;
}

/*
 * Each school's cost: days and the other support at the rates, added
 * exactly (in hundredths of a penny) and rounded to the penny once, half
 * away from zero.
 */
static int cost_one(struct ctx *, const char *, const struct ki_hdr *,
    struct school *, struct ki_tab *);

static int
cost(struct ctx *c, const char *file, const struct ki_hdr *h)
{
	struct ki_tab *paid = ki_tab_new();
	size_t i;
	int rc = 0;

	if (paid == NULL)
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < c->ns && rc == 0; i++)
		rc = cost_one(c, file, h, &c->s[i], paid);
	ki_tab_free(paid, NULL);
	return rc;
}

/*
 * The AST's payments, ast_terms at the term rate, are made once per AST
 * to its home school (manual 2.1.7: "a sum of £6000 (per AST)"), not by
 * each school it supports: the first row naming the AST carries them,
 * and the others nothing. Returns the row's ast_terms to cost, "" when
 * the AST is paid already, or NULL with c->err set.
 */
static const char *
ast_once(struct ctx *c, const char *file, const struct ki_hdr *h,
    struct school *s, const char *v, struct ki_tab *paid)
{
	const char *ast = cell(s, h, "ast");
	struct school *first;

	if (ast == NULL || *ast == '\0') {
		ki_err_set(&c->err, file, s->line, "ast", "ast_terms needs the "
		    "AST's id in ast: an AST is paid per AST, to its home "
		    "school, not per school it supports");
		return NULL;
	}
	if ((first = ki_tab_get(paid, ast)) == NULL) {
		if (ki_tab_put(paid, ast, s) == -1) {
			ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
			return NULL;
		}
		return v;
	}
	if (strcmp(cell(first, h, "ast_terms"), v) != 0) {
		ki_err_set(&c->err, file, s->line, "ast_terms", "AST %s has "
		    "\"%s\" here but \"%s\" on line %ld", ast, v,
		    cell(first, h, "ast_terms"), first->line);
		return NULL;
	}
	return "";
}

static int
cost_one(struct ctx *c, const char *file, const struct ki_hdr *h,
    struct school *s, struct ki_tab *paid)
{
	int64_t exact = 0, pence;
	size_t k;
	int any = 0;

	for (k = 0; k < NRATES; k++) {
		const char *v = k == R_ADVISER ? s->out[C_DAYS] :
		    cell(s, h, ratecol[k]);
		int64_t qty, part;

		if (v == NULL || *v == '\0')
			continue;
		if (k == R_AST && c->have_rate[k] &&
		    (v = ast_once(c, file, h, s, v, paid)) == NULL)
			return -1;
		if (*v == '\0') {
			any = 1;
			continue;
		}
		if (!c->have_rate[k])
			return ki_err_set(&c->err, file, s->line,
			    k == R_ADVISER ? "days" : ratecol[k], "the "
			    "rates file has no %s", ratekey[k]);
		if (ki_fixed_parse(v, 2, &qty) == -1 || qty < 0)
			return ki_err_set(&c->err, file, s->line,
			    ratecol[k], "\"%s\" is not a number, 0 or "
			    "more, with at most two decimals", v);
		/* qty is in hundredths: part is exact, in 1/100 p. */
		if (ki_fixed_mul(qty, c->rate[k], 0, &part) == -1 ||
		    ki_fixed_add(exact, part, &exact) == -1)
			return ki_err_set(&c->err, file, s->line,
			    k == R_ADVISER ? "days" : ratecol[k], "\"%s\" "
			    "at the rate makes a cost past the largest ki "
			    "can hold", v);
		any = 1;
	}
	if (!any)
		return 0;
	if (ki_fixed_mul(exact, 1, 2, &pence) == -1 ||
	    (s->out[C_COST] = fixed_text(pence, 2, 0)) == NULL)
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	return 0;
}

static int
write_all(struct ctx *c, FILE *fp, enum ki_fmt fmt, const struct ki_hdr *h)
{
	const char **names, **row;
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
	row = calloc(n + nc, sizeof(*row));
	num = calloc(n + nc, 1);
	if (names == NULL || row == NULL || num == NULL ||
	    (w = ki_writer_new(fp, fmt)) == NULL) {
		free(names);
		free(row);
		free(num);
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	}
	for (i = 0; i < n; i++)
		names[i] = h->names[i];
	for (k = 0; k < nc; k++) {
		names[n + k] = added[which[k]];
		num[n + k] = which[k] <= C_PROGRESS || which[k] == C_COST;
	}
	if (ki_writer_header(w, n + nc, names) == 0)
		for (i = 0; i < c->ns; i++) {
			const struct school *s = &c->s[i];

			for (k = 0; k < n; k++) {
				row[k] = k < s->n ? s->v[k] : NULL;
				num[k] = k < s->n ? s->num[k] : 0;
			}
			for (k = 0; k < nc; k++)
				row[n + k] = s->out[which[k]];
			if (ki_writer_row(w, n + nc, row, num) == -1)
				break;	/* reported when the output is closed */
		}
	ki_writer_free(w);
	free(names);
	free(row);
	free(num);
	return rc;
}

static int
run(struct ctx *c, const char *path, enum ki_fmt fmt, const char *advisers,
    struct ki_out *o)
{
	struct ki_reader *rd;
	struct ki_tab *districts = NULL;
	const struct ki_hdr *h;
	size_t i;
	int rc = -1;

	if ((rd = ki_reader_open(path, fmt, 0, &c->err)) == NULL)
		return -1;
	h = ki_reader_hdr(rd);
	if (read_all(c, rd) == -1 || allocate(c, rd) == -1)
		goto done;
	if (advisers != NULL) {
		/* An adviser's district must be some school's: a typo is caught. */
		if ((districts = ki_tab_new()) == NULL) {
			ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
			goto done;
		}
		for (i = 0; i < c->ns; i++) {
			const char *d = cell(&c->s[i], h, "district");

			if (d != NULL && ki_tab_put(districts, d, c) == -1) {
				ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
				goto done;
			}
		}
		if (ki_hdr_index(h, "district") < 0 && c->ns > 0) {
			ki_err_set(&c->err, ki_reader_name(rd), 1, "district",
			    "no such column: advisers are placed by district");
			goto done;
		}
		if (ki_advisers_load(&c->adv, advisers, districts, &c->err) == -1)
			goto done;
		c->have_adv = 1;
		if (advise(c, h) == -1)
			goto done;
	}
	if (c->have_rates && cost(c, ki_reader_name(rd), h) == -1)
		goto done;
	rc = write_all(c, o->fp, ki_reader_fmt(rd), h);
done:
	ki_tab_free(districts, NULL);
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
	size_t i, k;
	int ch, rc = KI_EXIT_OK;

	memset(&c, 0, sizeof(c));
	argv[0] = (char *)PROG;	/* getopt's messages name the program so */
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
	for (i = 0; i < c.ns; i++) {
		for (k = 0; k < c.s[i].n; k++)
			free(c.s[i].v[k]);
		free(c.s[i].v);
		free(c.s[i].num);
		for (k = 0; k < NCOLS; k++)
			free(c.s[i].out[k]);
	}
	free(c.s);
	ki_table_free(c.table);
	ki_advisers_free(&c.adv);
	return rc;
}

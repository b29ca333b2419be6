/* ki-floor: judge every row against the floor standard and coasting line. */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/buf.h"
#include "ki/cli.h"
#include "ki/err.h"
#include "ki/exit.h"
#include "ki/keys.h"
#include "ki/links.h"
#include "ki/num.h"
#include "ki/out.h"
#include "ki/rec.h"
#include "ki/share.h"
#include "ki/std.h"
#include "ki/syears.h"
#include "ki/val.h"
#include "ki/wr.h"

#define PROG "ki-floor"

static const struct ki_cli_usage use = {
	"usage: ki-floor [--standard NAME|FILE] [--prefix PREFIX] "
	"[--param NAME=VALUE] [--params FILE]\n"
	"                [--csv | --json] [-o FILE] [FILE]\n"
	"       ki-floor --list\n",
	"\nJudge every row against the floor standard of its year and "
	"key stage, and\nadd floor_standard, below_floor, floor_reason, "
	"floor_below_5y, floor_run\nand coasting.\n\n"
	"Options:\n"
	"  -s, --standard NAME|FILE  the rules: a shipped standard (dfe, "
	"the default;\n"
	"                            kent-60) or a JSON file\n"
	"  -p, --prefix PREFIX       put PREFIX before the added column "
	"names\n"
	"  -P, --param NAME=VALUE    a threshold the rules take from the "
	"user, such as\n"
	"                            ks2_ep_eng_median_2012=92\n"
	"      --params FILE         a JSON object of such thresholds\n"
	"      --csv, --json         read CSV or NDJSON (default: "
	"detect)\n"
	"  -o, --output FILE         write to FILE, whole or not at all\n"
	"      --list                list the shipped standards\n"
	"      --quiet               no progress line on a terminal\n"
	"  -h, --help                show this help\n"
	"  -V, --version             show the version\n\n"
	"below_floor is yes, no, unknown (a measure the rule needs is "
	"blank: the reason\nnames it) or n/a (special school, PRU, "
	"independent school, infant school,\nsmall cohort, no pupils at the "
	"end of the key stage, or a year without a\nstandard). "
	"History columns count across all the years\nin the input, "
	"whatever the row order, and a predecessor's years (urn_predecessor,\n"
	"urn_successor) as the school's own, floor_history_from saying "
	"whose.\n"
};

static const struct option longopts[] = {
	{ "standard", required_argument, NULL, 's' },
	{ "prefix", required_argument, NULL, 'p' },
	KI_CLI_PARAM_LONGOPTS,
	KI_CLI_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

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

/* What pass 2 needs of each spooled row. */
struct meta {
	uint32_t school;
	int32_t year;
	uint32_t len;
};

struct ctx {
	struct ki_std *std;
	struct ki_keys *urns;	/* urn -> school index */
	struct ki_syears years;	/* every row's judgement */
	struct ki_links links;	/* predecessors, whose years count too */
	int linked;		/* the input has urn_predecessor or urn_successor */
	FILE *data, *meta;	/* the spool */
	json_t *params;		/* --param thresholds */
	struct ki_err err;
};

/*
 * The header from column from on: none of the columns ki-floor adds, and
 * urn and year present. Returns 0 or -1 with c->err set.
 */
static int
check_header(struct ctx *c, const struct ki_reader *rd, char *const *full,
    size_t from)
{
	const struct ki_hdr *h = ki_reader_hdr(rd);
	size_t i, k;

	for (i = from; i < h->n; i++)
		for (k = 0; k < NALL; k++)
			if (strcmp(h->names[i], full[k]) == 0)
				return ki_err_set(&c->err, ki_reader_name(rd), 1,
				    full[k], "the input already has this column: "
				    "use --prefix");
	if (ki_hdr_index(h, "urn") < 0 || ki_hdr_index(h, "year") < 0)
		return ki_err_set(&c->err, ki_reader_name(rd), 1,
		    ki_hdr_index(h, "urn") < 0 ? "urn" : "year",
		    "no such column in the input");
	return 0;
}

/* Pass 1: judge each row, keep its years, spool it with three columns. */
static int
judge_all(struct ctx *c, struct ki_reader *rd, char *const *full,
    struct ki_writer *sw, const char ***names, size_t *nnames)
{
	/* Only the coasting line's answer is kept: no text for it. */
	struct ki_verdict fv = { 0 }, cv = { .quiet = 1 };
	const struct ki_hdr *h = ki_reader_hdr(rd);
	const char **row = NULL;
	unsigned char *num = NULL;
	size_t nrow = 0, known = 0, i, k;
	long iurn = -1, iyear = -1, ipred = -1, isucc = -1;

	struct ki_rec *rec;
	int rc;

	if (h->n > 0 && check_header(c, rd, full, 0) == -1)
		return -1;
	while ((rc = ki_reader_next(rd, &rec, &c->err)) == 1) {
		long school;
		struct meta m;
		unsigned long long before;
		int year;

		if (h->n != known) {
			/* New columns (NDJSON): check and name them. */
			if ((rc = check_header(c, rd, full, known)) == -1)
				goto out;
			iurn = ki_hdr_index(h, "urn");
			iyear = ki_hdr_index(h, "year");
			ipred = ki_hdr_index(h, "urn_predecessor");
			isucc = ki_hdr_index(h, "urn_successor");
			c->linked |= ipred >= 0 || isucc >= 0;
			if (ki_std_bind(c->std, h, c->params, ki_reader_name(rd),
			    &c->err) == -1) {
				rc = -1;
				goto out;
			}
			free(row);
			free(num);
			free(*names);
			nrow = h->n + NFIRST;
			row = calloc(nrow, sizeof(*row));
			num = calloc(nrow, 1);
			*names = calloc(nrow + NADDED - NFIRST, sizeof(**names));
			if (row == NULL || num == NULL || *names == NULL) {
				rc = ki_err_set(&c->err, NULL, 0, NULL,
				    "out of memory");
				goto out;
			}
			for (i = 0; i < h->n; i++)
				(*names)[i] = h->names[i];
			for (k = 0; k < NADDED; k++)
				(*names)[h->n + k] = full[k];
			*nnames = h->n + NADDED;
			known = h->n;
			if (ki_writer_names(sw, nrow, *names) == -1) {
				rc = ki_err_set(&c->err, NULL, 0, NULL,
				    "out of memory");
				goto out;
			}
		}
		if (rec->v[iurn] == NULL) {
			rc = ki_err_set(&c->err, ki_reader_name(rd), rec->line,
			    "urn", "blank");
			goto out;
		}
		if (rec->v[iyear] == NULL || ki_num_year(rec->v[iyear],
		    &year) == -1) {
			rc = ki_err_set(&c->err, ki_reader_name(rd), rec->line,
			    "year", rec->v[iyear] ? "\"%s\" is not a year such "
			    "as 2019" : "blank", rec->v[iyear]);
			goto out;
		}
		if (ki_std_judge(c->std, "floor", (const char *const *)rec->v,
		    year, &fv, &c->err) == -1 ||
		    ki_std_judge(c->std, "coasting", (const char *const *)rec->v,
		    year, &cv, &c->err) == -1) {
			struct ki_err e = c->err;

			rc = ki_err_set(&c->err, ki_reader_name(rd), rec->line,
			    e.field, "%s", e.msg);
			goto out;
		}
		if ((school = ki_keys_intern(c->urns, rec->v[iurn], NULL)) < 0 ||
		    ki_syears_add(&c->years, (uint32_t)school, year, rec->line,
		    PACK(fv.answer, cv.answer)) == -1 ||
		    (ipred >= 0 && ki_links_note(&c->links, rec->v[iurn],
		    rec->v[ipred]) == -1) ||
		    (isucc >= 0 && ki_links_note(&c->links, rec->v[isucc],
		    rec->v[iurn]) == -1)) {
			rc = ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
			goto out;
		}
		for (i = 0; i < h->n; i++)
			row[i] = rec->v[i];
		row[h->n] = ki_buf_str(&fv.ids);
		row[h->n + 1] = answer[fv.answer];
		row[h->n + 2] = ki_buf_str(&fv.why);
		before = ki_writer_bytes(sw);
		/* The reader's number flags, for the input columns only. */
		memcpy(num, rec->num, h->n);
		if (ki_writer_row(sw, nrow, row, num) == -1) {
			rc = ki_err_set(&c->err, "spool", 0, NULL, "%s",
			    ki_writer_oom(sw) ? "out of memory" : "write error");
			goto out;
		}
		m.school = (uint32_t)school;
		m.year = year;
		m.len = (uint32_t)(ki_writer_bytes(sw) - before);
		if (fwrite(&m, sizeof(m), 1, c->meta) != 1) {
			rc = ki_err_set(&c->err, "spool", 0, NULL, "write error");
			goto out;
		}
	}
out:
	free(row);
	free(num);
	ki_verdict_free(&fv);
	ki_verdict_free(&cv);
	return rc;
}

/* n (0 or more, a count of years) as text in s. */
static void
put_int(char *s, int n)
{
	char tmp[16];
	size_t k = 0;

	do
		tmp[k++] = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	while (k > 0)
		*s++ = tmp[--k];
	*s = '\0';
}

/* The predecessor whose years a school's history read, and which years. */
struct from {
	long urn;		/* school index, or -1 */
	int lo, hi;
};

/*
 * School s's record for year, else its predecessor's (a school that
 * became an academy keeps its history), or NULL.
 */
static const struct ki_sy *
find(const struct ctx *c, uint32_t s, int year, struct from *f)
{
	const struct ki_sy *p;
	long school = (long)s;
	int depth;

	for (depth = 0; depth <= KI_LINKS_DEPTH && school >= 0; depth++) {
		if ((p = ki_syears_find(&c->years, (uint32_t)school, year)) !=
		    NULL) {
			if (school != (long)s && f->urn < 0)
				f->urn = school;
			if (school != (long)s) {
				f->lo = f->lo == 0 || year < f->lo ? year : f->lo;
				f->hi = year > f->hi ? year : f->hi;
			}
			return p;
		}
		school = ki_links_pred(&c->links, school);
	}
	return NULL;
}

/* floor_below_5y, floor_run and coasting of school s in year. */
static void
history(const struct ctx *c, uint32_t s, int year, char *five,
    char *run, const char **coast, struct from *f)
{
	const struct ki_sy *y = ki_syears_find(&c->years, s, year), *p;
	int k, n = 0, yes = 1, any_unknown = 0;

	f->urn = -1;
	f->lo = f->hi = 0;

	five[0] = run[0] = '\0';
	if (FLOOR(y->data) != KI_NA) {
		for (k = year - 4; k <= year; k++)
			if ((p = find(c, s, k, f)) != NULL && FLOOR(p->data) == KI_YES)
				n++;
		put_int(five, n);
	}
	if (FLOOR(y->data) == KI_YES) {
		for (n = 0, k = year; (p = find(c, s, k, f)) != NULL &&
		    FLOOR(p->data) == KI_YES; k--)
			n++;
		put_int(run, n);
	} else if (FLOOR(y->data) == KI_NO)
		strcpy(run, "0");
	n = ki_std_coasting_years(c->std, year);
	if (n == 0 || COAST(y->data) == KI_NA) {
		*coast = answer[KI_NA];
		return;
	}
	for (k = year - n + 1; k <= year; k++) {
		int a = (p = find(c, s, k, f)) == NULL ? KI_UNKNOWN : COAST(p->data);

		/* A year with no judgement (n/a) breaks the run of years
		 * below the line that the regulations require. */
		if (a == KI_NO || a == KI_NA) {
			*coast = answer[KI_NO];
			return;
		}
		if (a != KI_YES)
			any_unknown = 1;
		yes = yes && a == KI_YES;
	}
	*coast = answer[yes ? KI_YES : any_unknown ? KI_UNKNOWN : KI_NO];
}

/* Append ,"s" to b, s quoted as CSV. */
static void
csv_quote(struct ki_buf *b, const char *s)
{
	char one[2] = { 0, 0 };

	ki_buf_cat(b, ",\"", (char *)NULL);
	for (; *s; s++) {
		one[0] = *s;
		ki_buf_cat(b, *s == '"' ? "\"\"" : one, (char *)NULL);
	}
	ki_buf_cat(b, "\"", (char *)NULL);
}

/* Pass 2: each spooled row with its history columns. */
static int
write_all(struct ctx *c, FILE *out, enum ki_fmt fmt, char *const *full)
{
	struct meta m;
	char *buf = NULL, *key[4] = { NULL, NULL, NULL, NULL };
	struct ki_buf tail = { 0 };
	size_t cap = 0, k;
	int rc = 0;

	/* NDJSON keys, quoted and escaped once (the prefix may need it). */
	for (k = 0; fmt == KI_FMT_JSON && k < 4; k++) {
		json_t *j = json_string(full[NFIRST + k]);

		key[k] = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
		json_decref(j);
		if (key[k] == NULL) {
			rc = ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
			goto out;
		}
	}
	rewind(c->data);
	rewind(c->meta);
	while (fread(&m, sizeof(m), 1, c->meta) == 1) {
		char five[16], run[16], from[160];
		const char *coast;
		struct from f;

		if (m.len > cap) {
			char *b = realloc(buf, m.len);

			if (b == NULL) {
				rc = ki_err_set(&c->err, NULL, 0, NULL,
				    "out of memory");
				goto out;
			}
			buf = b;
			cap = m.len;
		}
		if (fread(buf, 1, m.len, c->data) != m.len) {
			rc = ki_err_set(&c->err, "spool", 0, NULL, "read error");
			goto out;
		}
		history(c, m.school, m.year, five, run, &coast, &f);
		/* The row less its end ("\n", or "}\n"), then the history. */
		fwrite(buf, 1, m.len - (fmt == KI_FMT_JSON ? 2 : 1), out);
		ki_buf_reset(&tail);
		from[0] = '\0';
		if (f.urn >= 0)
			snprintf(from, sizeof(from), f.lo == f.hi ? "%s (%d)" :
			    "%s (%d-%d)", ki_keys_str(c->urns, f.urn), f.lo, f.hi);
		if (fmt == KI_FMT_JSON) {
			ki_buf_cat(&tail, ",", key[0], ":", *five ? five : "null",
			    ",", key[1], ":", *run ? run : "null", ",", key[2],
			    ":\"", coast, "\"", (char *)NULL);
			if (c->linked) {
				json_t *j = json_string(from);
				char *v = j && *from ? json_dumps(j,
				    JSON_ENCODE_ANY) : NULL;

				ki_buf_cat(&tail, ",", key[3], ":", v ? v : "null",
				    (char *)NULL);
				free(v);
				json_decref(j);
			}
			ki_buf_cat(&tail, "}\n", (char *)NULL);
		} else {
			ki_buf_cat(&tail, ",", five, ",", run, ",", coast,
			    (char *)NULL);
			/* A URN is checked by ki-import, but not here: quote it. */
			if (c->linked && strpbrk(from, ",\"\r\n") != NULL)
				csv_quote(&tail, from);
			else if (c->linked)
				ki_buf_cat(&tail, ",", from, (char *)NULL);
			ki_buf_cat(&tail, "\n", (char *)NULL);
		}
		fwrite(tail.s, 1, tail.len, out);
		if (tail.oom) {
			rc = ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
			goto out;
		}
		if (ferror(out))
			break;
	}
	if (ferror(c->data) || ferror(c->meta))
		rc = ki_err_set(&c->err, "spool", 0, NULL, "read error");
out:
	free(buf);
	ki_buf_free(&tail);
	for (k = 0; k < 4; k++)
		free(key[k]);
	return rc;
}

static int
run(struct ctx *c, const char *path, enum ki_fmt fmt, const char *prefix,
    struct ki_out *o)
{
	struct ki_reader *rd;
	struct ki_writer *sw = NULL, *ow = NULL;
	const char **names = NULL;
	size_t nnames = 0, i;
	char *full[NALL] = { NULL };
	int rc = -1;

	if ((rd = ki_reader_open(path, fmt, 0, &c->err)) == NULL)
		return -1;
	fmt = ki_reader_fmt(rd);
	for (i = 0; i < NALL; i++) {
		size_t n = strlen(prefix) + strlen(added[i]) + 1;

		if ((full[i] = malloc(n)) == NULL)
			goto oom;
		snprintf(full[i], n, "%s%s", prefix, added[i]);
	}
	if ((c->urns = ki_keys_new()) == NULL)
		goto oom;
	if ((c->data = ki_spool_new()) == NULL ||
	    (c->meta = ki_spool_new()) == NULL) {
		if (errno == ENOMEM)
			goto oom;
		ki_err_set(&c->err, NULL, 0, NULL, "cannot make a spool file: "
		    "%s", strerror(errno));
		goto done;
	}
	if ((sw = ki_writer_new(c->data, fmt)) == NULL)
		goto oom;
	if (judge_all(c, rd, full, sw, &names, &nnames) == -1 ||
	    ki_syears_index_err(&c->years, c->urns, ki_reader_name(rd),
	    &c->err) == -1)
		goto done;
	if (ki_links_resolve(&c->links, c->urns) == -1)
		goto oom;
	if (names == NULL) {
		/* No rows: a CSV input still gets its header. */
		const struct ki_hdr *h = ki_reader_hdr(rd);

		nnames = h->n + NADDED;
		if ((names = calloc(nnames, sizeof(*names))) == NULL)
			goto oom;
		for (i = 0; i < h->n; i++)
			names[i] = h->names[i];
		for (i = 0; i < NADDED; i++)
			names[h->n + i] = full[i];
		/* The same columns as with rows: the header says if linked. */
		c->linked = ki_hdr_index(h, "urn_predecessor") >= 0 ||
		    ki_hdr_index(h, "urn_successor") >= 0;
	}
	if (c->linked) {
		const char **n2 = realloc(names, (nnames + 1) * sizeof(*names));

		if (n2 == NULL)
			goto oom;
		names = n2;
		names[nnames++] = full[NADDED];
	}
	if (fmt == KI_FMT_CSV) {
		if ((ow = ki_writer_new(o->fp, fmt)) == NULL)
			goto oom;
		if (ki_writer_header(ow, nnames, names) == -1) {
			if (ki_writer_oom(ow))
				goto oom;
			rc = 0;		/* reported when the output is closed */
			goto done;
		}
	}
	rc = write_all(c, o->fp, fmt, full);
	goto done;
oom:
	ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
done:
	for (i = 0; i < NALL; i++)
		free(full[i]);
	free(names);
	ki_writer_free(sw);
	ki_writer_free(ow);
	ki_reader_close(rd);
	return rc;
}

static void
ctx_free(struct ctx *c)
{
	ki_syears_free(&c->years);
	ki_keys_free(c->urns);
	ki_links_free(&c->links);
	if (c->data != NULL)
		fclose(c->data);
	if (c->meta != NULL)
		fclose(c->meta);
	ki_std_free(c->std);
}

int
main(int argc, char *argv[])
{
	struct ki_cli cli;
	struct ctx c;
	const char *stdname = "dfe", *prefix = "";
	char *path;
	int ch, rc;

	memset(&c, 0, sizeof(c));
	if ((rc = ki_cli_init(&cli, PROG, "standards", &use, &argc, argv)) !=
	    KI_CLI_NEXT)
		return rc;
	while ((ch = getopt_long(argc, argv, "s:p:P:" KI_CLI_SHORTOPTS,
	    longopts, NULL)) != -1)
		switch (ch) {
		case 's':
			stdname = optarg;
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
		return ki_cli_misuse(&cli, "one input at a time (join files "
		    "with ki-import first)");
	if ((path = ki_cli_find(&cli, "standards", stdname, &rc)) == NULL)
		return rc;
	c.std = ki_canon_load(&c.err) == 0 ? ki_std_load(path, &c.err) :
	    NULL;
	free(path);
	c.params = cli.params;
	if (c.std == NULL)
		rc = ki_cli_fail(&cli, &c.err, KI_EXIT_DATA);
	else if (ki_std_check_params(c.std, cli.params, &c.err) == -1)
		rc = ki_cli_fail(&cli, &c.err, KI_EXIT_USAGE);
	else if ((rc = ki_cli_open(&cli)) == KI_CLI_NEXT) {
		rc = run(&c, argc ? argv[0] : NULL, cli.fmt, prefix, &cli.out);
		cli.err = c.err;
		rc = ki_cli_done(&cli, rc);
	}
	ctx_free(&c);
	return rc;
}

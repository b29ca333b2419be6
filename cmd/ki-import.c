/* ki-import: DfE, Ofsted, GIAS and LA files in, canonical records out. */
#include <errno.h>
#include <sys/stat.h>

#include <dirent.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ki/cli.h"
#include "ki/date.h"
#include "ki/err.h"
#include "ki/keys.h"
#include "ki/links.h"
#include "ki/exit.h"
#include "ki/map.h"
#include "ki/ofcover.h"
#include "ki/preds.h"
#include "ki/num.h"
#include "ki/out.h"
#include "ki/rec.h"
#include "ki/share.h"
#include "ki/tab.h"
#include "ki/urn.h"
#include "ki/val.h"
#include "ki/wr.h"

#define PROG "ki-import"

enum { OPT_CSV = 256, OPT_JSON, OPT_LIST, OPT_MAP, OPT_FORCE_YEAR,
	OPT_OFSTED_AS_AT, OPT_OFSTED_PERIOD };

/* Ask which layout a header has only of this many shipped maps. */
#define MAX_LAYOUTS 64

static const struct option longopts[] = {
	{ "year", required_argument, NULL, 'y' },
	{ "force-year", required_argument, NULL, OPT_FORCE_YEAR },
	{ "ofsted-as-at", required_argument, NULL, OPT_OFSTED_AS_AT },
	{ "ofsted-period", required_argument, NULL, OPT_OFSTED_PERIOD },
	{ "output", required_argument, NULL, 'o' },
	{ "map", required_argument, NULL, OPT_MAP },
	{ "csv", no_argument, NULL, OPT_CSV },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "list", no_argument, NULL, OPT_LIST },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

struct source {
	char *arg;		/* as given: TAG:FILE, or FILE to detect */
	char *tag;		/* a shipped map's name as tagged, or NULL */
	int detect;		/* no tag: the header says which layout */
	int title;		/* the header is on line 2, under a title */
	char *mappath;		/* the map file, NULL for local */
	const char *path;	/* the data file */
	struct ki_map *map;	/* NULL for local */
	enum ki_map_kind kind;
	struct ki_reader *rd;
	int year;		/* fixed year of a year source, or 0 */
	long yearcol;		/* local: index of its year column, or -1 */
	size_t ncols;		/* the source's output columns */
	size_t *oidx;		/* their index in the output */
	const char **vals;	/* the values of the current row */
	enum ki_type *types;	/* local: canonical types to check */
	struct ki_tab *rows;	/* school/inspection sources: urn -> rows */
	struct held **order;	/* inspection sources: rows in file order */
	size_t norder, caporder;
	char cover[11];		/* inspection: the last date it covers */
	char from[11];		/* inspection: a period's first date, or "" */
	int snap;		/* inspection: a latest-inspections snapshot */
	char asat[11];		/* school: the extract's date, from its name */
	int dated;		/* school: some row dates its Ofsted rating */
	struct ki_tab *back;	/* links: link_urn -> rows */
};

/* A row kept from a school or inspection source. */
struct held {
	char **v;		/* the source's output columns */
	char date[11];		/* inspection: when its judgement took effect */
	char prev[11];		/* inspection: the same of the one before */
	int graded;		/* has an overall grade */
	int judged;		/* has any judgement: a grade, report card, ... */
	long line;
	size_t src;		/* merged rows: the first source */
	uint64_t srcs;		/* merged rows: every source, as bits */
	struct held *next;	/* the next row of the same urn */
	struct held *bnext;	/* links: the next row of the same link_urn */
};

/* A shipped map, for telling layouts apart by their header. */
struct layout {
	struct ki_map *map;
	char *path;
};

struct ctx {
	struct source *src;
	size_t nsrc;
	struct layout *lay;	/* the shipped maps, loaded when needed */
	size_t nlay;
	int lay_loaded;
	int verbose;
	struct ki_hdr *out;	/* output columns */
	const char **row;	/* output row */
	unsigned char *num;	/* canonical numeric columns, for NDJSON */
	long i_urn, i_year, i_succ, i_grade, i_prev, i_phase;
	long i_ourn, i_onote, i_lnote, i_pred, i_links;
	char ourn[32], onote[512], lnote[256], pred[32], succ[32], links[1024];
	char closed[11];	/* close_date from the links */
	char as_at[11];		/* --ofsted-as-at */
	char per_from[11], per_to[11];	/* --ofsted-period */
	struct ki_preds *preds;	/* URN_AC: successor -> predecessor */
	struct ki_tab *seen;	/* urn|year -> held row, or odd years seen */
	struct ki_keys *urns;	/* schools seen, when not merging */
	uint64_t *ymask;	/* school's years seen: bit 0 none, 1+ 2000+ */
	size_t ymcap;
	int merge;		/* per-year sources may share urn and year */
	int year_opt;
	int force_year;		/* --force-year: year_opt wins over the file */
	struct ki_err err;
};

static long src_index(const struct source *, const char *);
static int hold(struct ctx *, const char *, size_t, long);
static int see(struct ctx *, const char *, const char *);

static void
usage(FILE *fp, int status)
{
	fputs("usage: ki-import [--year YEAR | --force-year YEAR] [--map FILE] "
	    "[--csv | --json]\n"
	    "                 [-o FILE] TAG:FILE ...\n"
	    "       ki-import --list\n", fp);
	if (status != KI_EXIT_OK) {
		fputs("Try 'ki-import --help'.\n", fp);
		exit(status);
	}
	fputs("\nTurn downloaded school data into canonical rows, one per "
	    "school per year.\n\n"
	    "Sources (TAG:FILE, FILE may be - for standard input):\n"
	    "  dfe-ks2:FILE     DfE KS2 performance tables (2016-2019 layout)\n"
	    "  dfe-ks4:FILE     DfE KS4 performance tables (2016-2019 layout)\n"
	    "  ofsted:FILE      Ofsted management information, every era "
	    "2005-2026\n"
	    "  gias:FILE        Get Information About Schools extract\n"
	    "  gias-links:FILE  GIAS links file: predecessors and successors\n"
	    "  local:FILE       an LA sheet already in canonical column names\n"
	    "  map:FILE         any layout, described by the --map file\n"
	    "  NAME:FILE        a shipped map (see --list), or MAP.json:FILE\n"
	    "  FILE             no tag: the layout is told from the header "
	    "(-v says which);\n"
	    "                   a sheet with a urn column is read as local\n\n"
	    "Options:\n"
	    "  -y, --year YEAR  the academic year (end) of the DfE files, e.g. "
	    "2019; an error\n"
	    "                   when the file name or prior-year columns say "
	    "another\n"
	    "      --force-year YEAR  the same, even against the file name "
	    "and columns\n"
	    "      --ofsted-as-at DATE  the date every Ofsted file covers to "
	    "(else its name's,\n"
	    "                   else its latest date, said on stderr)\n"
	    "      --ofsted-period FROM:TO  the period every Ofsted file of "
	    "inspections in a\n"
	    "                   period covers (else its name's)\n"
	    "      --map FILE   the JSON column map for map: sources\n"
	    "      --csv        write CSV (the default)\n"
	    "      --json       write NDJSON\n"
	    "  -o, --output FILE  write to FILE, whole or not at all\n"
	    "  -v, --verbose    say which layout each file was read as, and "
	    "Ofsted covers\n"
	    "      --list       list the shipped maps\n"
	    "      --quiet      no progress line on a terminal\n"
	    "  -h, --help       show this help\n"
	    "  -V, --version    show the version\n\n"
	    "Rows come from the per-year sources (dfe-ks2, dfe-ks4, a local "
	    "sheet with a\nyear column); gias, ofsted and other per-school "
	    "sources are joined onto them\nby urn, Ofsted as the inspection in "
	    "force on 31 August of each row's year,\nonly where an Ofsted file "
	    "covers that date (else blank, and ofsted_note says\nwhy); an "
	    "academy not yet inspected takes its predecessor's (ofsted_urn).\n"
	    "With no per-year source, "
	    "the first source gives the rows. A file that lacks the\ncolumns "
	    "that identify its tag's layout is refused.\ndfe-ks2 and dfe-ks4 "
	    "read each year (2016 on) with the map that covers it; a\nmeasure "
	    "a year does not publish (KS2 progress in 2024 and 2025, Progress 8 "
	    "in\n2025) is blank.\n", fp);
	exit(KI_EXIT_OK);
}

#define DIGIT(c)	((c) >= '0' && (c) <= '9')

/*
 * A year written in the file name: 2019_850_ks2final.csv, 2018-2019.csv,
 * 2018-19.csv (the academic year's end, 2019, for the last two).
 */
static int
year_from_name(const char *path)
{
	const char *base = strrchr(path, '/'), *p;
	int lo = 0, hi = 0;

	base = base ? base + 1 : path;
	for (p = base; *p; p++) {
		int y = 0, k;

		if (p > base && DIGIT(p[-1]))
			continue;
		for (k = 0; k < 4 && DIGIT(p[k]); k++)
			y = y * 10 + (p[k] - '0');
		if (k < 4 || DIGIT(p[4]) || y < 1990 || y > 2100)
			continue;
		/* 2018-19: the two digits are the next year's. */
		if ((p[4] == '-' || p[4] == '_') && DIGIT(p[5]) && DIGIT(p[6]) &&
		    !DIGIT(p[7]) && (p[5] - '0') * 10 + (p[6] - '0') ==
		    (y + 1) % 100)
			y++;
		if (lo == 0 || y < lo)
			lo = y;
		if (y > hi)
			hi = y;
	}
	return hi - lo <= 1 ? hi : -1;
}

/*
 * ATT8SCR_16 beside ATT8SCR: the file holds 2016 as its prior year. A
 * suffix counts when at least three columns carry it, as a lone column
 * such as PT5EM_94_17 may be about the current year.
 */
static int
year_from_suffix(const struct ki_hdr *h)
{
	char base[256];
	int count[100] = { 0 }, yy;
	size_t i;

	for (i = 0; i < h->n; i++) {
		const char *s = h->names[i];
		size_t len = strlen(s);

		if (len < 4 || len >= sizeof(base) || s[len - 3] != '_' ||
		    s[len - 2] < '0' || s[len - 2] > '9' || s[len - 1] < '0' ||
		    s[len - 1] > '9')
			continue;
		memcpy(base, s, len - 3);
		base[len - 3] = '\0';
		if (ki_hdr_index(h, base) >= 0)
			count[(s[len - 2] - '0') * 10 + (s[len - 1] - '0')]++;
	}
	for (yy = 98; yy >= 0; yy--)
		if (count[yy] >= 3)
			return 2000 + yy + 1;
	return 0;
}

static int
set_year(struct ctx *c, struct source *s)
{
	int fy, sy = 0;

	if (c->year_opt && c->force_year) {
		s->year = c->year_opt;
		return 0;
	}
	fy = year_from_name(s->path);
	if (s->map != NULL && ki_map_year_from_suffix(s->map))
		sy = year_from_suffix(ki_reader_hdr(s->rd));
	/* --year may fill in a year, never relabel one the file gives. */
	if (c->year_opt && ((fy > 0 && fy != c->year_opt) ||
	    (sy > 0 && sy != c->year_opt)))
		return ki_err_set(&c->err, s->path, 0, NULL, "--year %d, but "
		    "the %s %d: give --force-year %d if the file really is %d",
		    c->year_opt, fy > 0 && fy != c->year_opt ? "file name says" :
		    "prior-year columns say", fy > 0 && fy != c->year_opt ? fy :
		    sy, c->year_opt, c->year_opt);
	if (c->year_opt) {
		s->year = c->year_opt;
		return 0;
	}
	if (fy > 0 && sy > 0 && fy != sy)
		return ki_err_set(&c->err, s->path, 0, NULL, "the file name "
		    "says %d but the prior-year columns say %d: give "
		    "--force-year", fy, sy);
	s->year = fy > 0 ? fy : sy;
	if (s->year == 0)
		return ki_err_set(&c->err, s->path, 0, NULL, "cannot tell the "
		    "year: give --year, or put the year in the file name");
	return 0;
}

/* Days in month m of year y. */
static int
mdays(int y, int m)
{
	static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 :
	    n[m - 1];
}

/* n digits at p as a number, or -1. */
static int
digits(const char *p, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!DIGIT(p[i]))
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return DIGIT(p[n]) ? -1 : v;
}

/*
 * A date written at p in a file name, into out (yyyy-mm-dd): 2026-05-31,
 * 2026_05_31, 20260531, 31_May_2026, 31 May 2026, 31-05-2026; with
 * month_end, 2014-12 too (the month's last day). Returns 1 if one is.
 */
static int
name_date(const char *p, int month_end, char *out)
{
	static const char *const mon[] = { "jan", "feb", "mar", "apr", "may",
	    "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
	int y = -1, m = -1, d = -1, i;

	if (digits(p, 8) > 0) {
		y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 +
		    (p[3] - '0');
		m = (p[4] - '0') * 10 + (p[5] - '0');
		d = (p[6] - '0') * 10 + (p[7] - '0');
	} else if (DIGIT(p[0]) && DIGIT(p[3]) && strchr("-_ ", p[4]) &&
	    (y = digits(p, 4)) >= 0 && (m = digits(p + 5, 2)) >= 0) {
		if (strchr("-_ ", p[7]) && p[7] != '\0' &&
		    (d = digits(p + 8, 2)) >= 0)
			;
		else if (month_end && m >= 1 && m <= 12)
			d = mdays(y, m);
	} else if (DIGIT(p[0])) {
		int dd = DIGIT(p[1]) ? 2 : 1;
		const char *q;

		d = digits(p, dd);
		q = p + dd;
		if (!strchr("-_ ", *q) || *q == '\0')
			return 0;
		q++;
		if ((m = digits(q, 2)) >= 0 && strchr("-_ ", q[2]) && q[2]) {
			y = digits(q + 3, 4);
		} else {
			for (i = 0, m = -1; i < 12; i++)
				if (strncasecmp(q, mon[i], 3) == 0)
					m = i + 1;
			while (*q && !strchr("-_ ", *q))
				q++;
			if (m < 0 || *q == '\0')
				return 0;
			y = digits(q + 1, 4);
		}
	} else
		return 0;
	if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 ||
	    d > mdays(y, m))
		return 0;
	snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	return 1;
}

/*
 * The date an Ofsted file name says it covers to: "as at 31 May 2026"
 * (as_at_31_May_2026, as at 2026-05-31) or the end of a period, "..._to_
 * 2014-12" or "to 31 August 2015". Returns 1 and out, or 0.
 */
static int
cover_from_name(const char *path, char *out)
{
	static const char *const at[] = { "as_at_", "as at ", "as-at-",
	    "asat_", "asat", NULL };
	static const char *const to[] = { "_to_", " to ", "-to-", NULL };
	const char *base = strrchr(path, '/'), *p;
	int i;

	base = base ? base + 1 : path;
	for (i = 0; at[i] != NULL; i++)
		for (p = base; *p; p++)
			if (strncasecmp(p, at[i], strlen(at[i])) == 0 &&
			    name_date(p + strlen(at[i]), 0, out))
				return 1;
	for (i = 0; to[i] != NULL; i++)
		for (p = base; *p; p++)
			if (strncasecmp(p, to[i], strlen(to[i])) == 0 &&
			    name_date(p + strlen(to[i]), 1, out))
				return 1;
	return 0;
}

/* A GIAS extract's date from its name: gias_2021-05-07_..., ...20250422. */
static int
extract_date(const char *path, char *out)
{
	const char *base = strrchr(path, '/'), *p;

	base = base ? base + 1 : path;
	for (p = base; *p; p++)
		if ((p == base || !DIGIT(p[-1])) && (p[0] == '1' || p[0] == '2') &&
		    name_date(p, 0, out))
			return 1;
	return 0;
}

/*
 * The last date inspection source s covers (after load): --ofsted-as-at,
 * else the date in its name, else the latest date in it, said on stderr.
 */
static void
set_cover(struct ctx *c, struct source *s, int say)
{
	const char *how;
	size_t i;

	/* A period, from --ofsted-period or the name; else a snapshot? */
	if (c->per_from[0] != '\0' || (c->as_at[0] == '\0' &&
	    ki_ofcover_period_name(s->path, s->from, s->cover))) {
		if (c->per_from[0] != '\0') {
			snprintf(s->from, sizeof(s->from), "%s", c->per_from);
			snprintf(s->cover, sizeof(s->cover), "%s", c->per_to);
		}
		if (say && c->verbose)
			fprintf(stderr, "%s: %s: covers %s to %s (from %s)\n",
			    PROG, ki_reader_name(s->rd), s->from, s->cover,
			    c->per_from[0] ? "--ofsted-period" : "its name");
		return;
	}
	s->snap = c->as_at[0] != '\0' || ki_ofcover_snapshot_name(s->path);
	if (c->as_at[0] != '\0') {
		snprintf(s->cover, sizeof(s->cover), "%s", c->as_at);
		how = "--ofsted-as-at";
	} else if (cover_from_name(s->path, s->cover))
		how = "its name";
	else {
		s->cover[0] = '\0';
		for (i = 0; i < s->norder; i++)
			if (strcmp(s->order[i]->date, s->cover) > 0)
				snprintf(s->cover, sizeof(s->cover), "%s",
				    s->order[i]->date);
		if (say && s->cover[0] != '\0')
			fprintf(stderr, "%s: %s: note: its name gives no date "
			    "it is as at, so it is taken to cover to %s, its "
			    "latest date (give --ofsted-as-at DATE to say)\n",
			    PROG, ki_reader_name(s->rd), s->cover);
		else if (say)
			fprintf(stderr, "%s: %s: note: its name gives no date "
			    "it is as at and it has no dated inspection, so it "
			    "covers no date (give --ofsted-as-at DATE to say)\n",
			    PROG, ki_reader_name(s->rd));
		return;
	}
	if (say && c->verbose)
		fprintf(stderr, "%s: %s: covers to %s (from %s)\n", PROG,
		    ki_reader_name(s->rd), s->cover, how);
}

static long
out_col(struct ctx *c, const char *name)
{
	long k = ki_hdr_index(c->out, name);

	if (k < 0 && (k = ki_hdr_add(c->out, name)) < 0)
		ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	return k;
}

/*
 * Split TAG:FILE and find the map for TAG. Returns 0, or -1 with err set
 * (a usage error: the source is not TAG:FILE or names no map).
 */
static int
parse_source(struct source *s, const char *mapfile, struct ki_err *err)
{
	const char *colon = strchr(s->arg, ':'), *json;
	char *tag;

	if ((json = strstr(s->arg, ".json:")) != NULL)
		colon = json + 5;
	/* A file named without a tag: its header tells its layout. */
	if (colon == NULL && access(s->arg, F_OK) == 0) {
		s->path = s->arg;
		s->detect = 1;
		return 0;
	}
	if (colon == NULL || colon == s->arg || colon[1] == '\0')
		return ki_err_set(err, NULL, 0, NULL, "%s: a source is TAG:FILE, "
		    "e.g. dfe-ks2:2019_ks2final.csv", s->arg);
	s->path = colon + 1;
	if ((tag = strndup(s->arg, (size_t)(colon - s->arg))) == NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	if (strcmp(tag, "local") == 0)
		s->mappath = NULL;
	else if (strcmp(tag, "map") == 0) {
		if (mapfile == NULL) {
			free(tag);
			return ki_err_set(err, NULL, 0, NULL, "%s: map: sources "
			    "need --map FILE", s->arg);
		}
		if ((s->mappath = strdup(mapfile)) == NULL) {
			free(tag);
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
		}
	} else if ((s->mappath = ki_share_find("maps", tag, err)) == NULL) {
		if (!ki_err_oom(err))
			ki_err_set(err, NULL, 0, NULL, "%s: unknown source type "
			    "\"%s\" (see ki-import --list)", s->arg, tag);
		free(tag);
		return -1;
	}
	if (s->mappath != NULL && !ki_share_is_path(tag)) {
		s->tag = tag;
		return 0;
	}
	free(tag);
	return 0;
}

/* Load the shipped maps once, for choose_layout and check_layout. */
static int
load_layouts(struct ctx *c)
{
	struct dirent **ents;
	char *dir;
	int n, i;

	if (c->lay_loaded)
		return 0;
	c->lay_loaded = 1;
	if ((dir = ki_share_dir("maps")) == NULL)
		return errno == ENOMEM ? ki_err_set(&c->err, NULL, 0, NULL,
		    "out of memory") : ki_err_set(&c->err, NULL, 0, NULL,
		    "cannot find the shipped maps directory (set KI_DATADIR)");
	n = ki_share_scan(dir, &ents);
	if (n > MAX_LAYOUTS)
		n = MAX_LAYOUTS;
	if (n > 0 && (c->lay = calloc((size_t)n, sizeof(*c->lay))) == NULL) {
		ki_share_scan_free(ents, n);
		free(dir);
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	}
	for (i = 0; i < n; i++) {
		struct layout *l = &c->lay[c->nlay];
		size_t len = strlen(dir) + strlen(ents[i]->d_name) + 2;

		if ((l->path = malloc(len)) == NULL)
			break;
		snprintf(l->path, len, "%s/%s", dir, ents[i]->d_name);
		/*
		 * A shipped map that does not load is an error: skipping it
		 * would read its files with another layout.
		 */
		if ((l->map = ki_map_load(l->path, &c->err)) == NULL) {
			free(l->path);
			ki_share_scan_free(ents, n);
			free(dir);
			return -1;
		}
		c->nlay++;
	}
	ki_share_scan_free(ents, n);
	free(dir);
	return i < n ? ki_err_set(&c->err, NULL, 0, NULL, "out of memory") : 0;
}

/*
 * The shipped layouts that header h has every identifying column of, most
 * specific first (the one with most such columns), into best; those that
 * fit as well as the first go to *ties. Only layouts named tag or of its
 * family count, unless tag is NULL, and only those that cover year, when
 * it is known (not 0). Returns how many fit.
 */
static size_t
fitting(struct ctx *c, const struct ki_hdr *h, const char *tag, int year,
    struct layout **best, size_t *ties)
{
	size_t i, n = 0;
	char miss[8];

	*best = NULL;
	*ties = 0;
	for (i = 0; i < c->nlay; i++) {
		struct ki_map *m = c->lay[i].map;
		const char *fam = ki_map_family(m);
		size_t k = ki_map_nidentify(m);

		if (k == 0 || (tag != NULL && strcmp(ki_map_name(m), tag) != 0 &&
		    (fam == NULL || strcmp(fam, tag) != 0)) ||
		    !ki_map_covers(m, year))
			continue;
		if (ki_map_identify(m, h, miss, sizeof(miss)) > 0)
			continue;
		n++;
		if (*best == NULL || k > ki_map_nidentify((*best)->map)) {
			*best = &c->lay[i];
			*ties = 0;
		} else if (k == ki_map_nidentify((*best)->map))
			(*ties)++;
	}
	return n;
}

/*
 * The layouts nearest to header h, for messages: "dfe-ks2" when one fits,
 * else up to three with the share of their identifying columns h has,
 * each with what it lacks. Empty when nothing is near.
 */
static void
nearest(struct ctx *c, const struct ki_hdr *h, char *out, size_t len)
{
	struct layout *best;
	size_t ties, i, used = 0, shown = 0;
	double top[3] = { 0, 0, 0 };
	size_t pick[3] = { 0, 0, 0 };

	out[0] = '\0';
	if (fitting(c, h, NULL, 0, &best, &ties) > 0 && ties == 0) {
		snprintf(out, len, "%s", ki_map_name(best->map));
		return;
	}
	for (i = 0; i < c->nlay; i++) {
		size_t k = ki_map_nidentify(c->lay[i].map), j;
		char miss[8];
		double f;

		if (k == 0)
			continue;
		f = (double)(k - ki_map_identify(c->lay[i].map, h, miss,
		    sizeof(miss))) / (double)k;
		for (j = 0; j < 3; j++)
			if (f > top[j]) {
				memmove(top + j + 1, top + j, (2 - j) * sizeof(*top));
				memmove(pick + j + 1, pick + j, (2 - j) * sizeof(*pick));
				top[j] = f;
				pick[j] = i;
				break;
			}
	}
	for (i = 0; i < 3 && top[i] > 0 && used < len; i++) {
		char miss[512];
		int w;

		ki_map_identify(c->lay[pick[i]].map, h, miss, sizeof(miss));
		w = snprintf(out + used, len - used, "%s%s (lacks %s)",
		    shown++ ? ", " : "", ki_map_name(c->lay[pick[i]].map), miss);
		if (w > 0)
			used += (size_t)w;
	}
}

/*
 * Pick the map of s from its file's header: among every shipped layout
 * when s has no tag, else among its tag's layout and family (ofsted: reads
 * each era's file by its era's map). Standard input or a pipe is read
 * once, so only its tag's own map can read it.
 */
static int
choose_layout(struct ctx *c, struct source *s)
{
	struct ki_reader *rd;
	struct layout *best;
	struct stat st;
	size_t n, ties;
	char near[1024];
	int year, lo, hi;

	if (strcmp(s->path, "-") == 0 || stat(s->path, &st) == -1 ||
	    !S_ISREG(st.st_mode)) {
		if (s->detect)
			return ki_err_set(&c->err, NULL, 0, NULL, "%s: only a "
			    "regular file can be read without a tag, as it is "
			    "read twice: give TAG:%s", s->path, s->path);
		return 0;
	}
	if (load_layouts(c) == -1)
		return -1;
	rd = ki_reader_open(s->path, KI_FMT_AUTO, KI_RD_CP1252 | KI_RD_NO_AHEAD,
	    &c->err);
	/* The year, where the name or options tell it, picks among layouts. */
	year = c->year_opt ? c->year_opt : year_from_name(s->path);
	if (year <= 0 && rd != NULL)
		year = year_from_suffix(ki_reader_hdr(rd));
	n = rd == NULL ? 0 : fitting(c, ki_reader_hdr(rd), s->detect ? NULL :
	    s->tag, year, &best, &ties);
	/* Some Ofsted files have a title line above the header. */
	if (n == 0 && (rd == NULL || ki_reader_fmt(rd) == KI_FMT_CSV)) {
		struct ki_err first = c->err;
		struct ki_reader *r2 = ki_reader_open(s->path, KI_FMT_CSV,
		    KI_RD_CP1252 | KI_RD_NO_AHEAD | KI_RD_SKIP_FIRST, &c->err);

		c->err = first;
		if (r2 != NULL && (n = fitting(c, ki_reader_hdr(r2), s->detect ?
		    NULL : s->tag, year, &best, &ties)) > 0) {
			ki_reader_close(rd);
			rd = r2;
			s->title = 1;
		} else
			ki_reader_close(r2);
	}
	if (rd == NULL)
		return -1;
	if (n == 0 && !s->detect) {
		/* check_layout says why, once the map is bound. */
		ki_reader_close(rd);
		return 0;
	}
	/* A sheet in canonical names (urn, ...) is a local one. */
	if (n == 0 && !s->title && ki_hdr_index(ki_reader_hdr(rd), "urn") >= 0) {
		ki_reader_close(rd);
		return 0;
	}
	if (n == 0 || ties > 0) {
		nearest(c, ki_reader_hdr(rd), near, sizeof(near));
		ki_reader_close(rd);
		if (n == 0)
			return ki_err_set(&c->err, s->path, 0, NULL, "unknown "
			    "layout: no shipped map fits its header%s%s (give "
			    "TAG:FILE, or a map)", *near ? "; nearest: " : "",
			    near);
		return ki_err_set(&c->err, s->path, 0, NULL, "ambiguous "
		    "header: %d layouts fit it as well as %s (give %s)",
		    (int)ties + 1, ki_map_name(best->map),
		    ki_map_years(best->map, &lo, &hi) ? "--year" : "TAG:FILE");
	}
	ki_reader_close(rd);
	free(s->mappath);
	if ((s->mappath = strdup(best->path)) == NULL)
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	return 0;
}

/* Refuse a file that lacks the columns that identify s's layout. */
static int
check_layout(struct ctx *c, struct source *s, const struct ki_hdr *h)
{
	char miss[512], near[1024];

	if (ki_map_identify(s->map, h, miss, sizeof(miss)) == 0)
		return 0;
	if (load_layouts(c) == -1)
		return -1;
	nearest(c, h, near, sizeof(near));
	return ki_err_set(&c->err, ki_reader_name(s->rd), 0, NULL, "this is "
	    "not a%s %s file: it lacks %s%s%s", strchr("aeiou",
	    ki_map_name(s->map)[0]) ? "n" : "", ki_map_name(s->map), miss,
	    *near ? "; it looks like " : "", near);
}

static int
open_source(struct ctx *c, struct source *s)
{
	const struct ki_hdr *h;
	size_t i;

	if ((s->detect || s->tag != NULL) && choose_layout(c, s) == -1)
		return -1;
	if (s->mappath != NULL) {
		if ((s->map = ki_map_load(s->mappath, &c->err)) == NULL)
			return -1;
		s->kind = ki_map_kind(s->map);
	}
	s->rd = ki_reader_open(s->path, s->title ? KI_FMT_CSV : KI_FMT_AUTO,
	    (s->map ? ki_map_flags(s->map) : 0) |
	    (s->title ? KI_RD_SKIP_FIRST : 0), &c->err);
	if (s->rd == NULL)
		return -1;
	h = ki_reader_hdr(s->rd);
	if (s->map != NULL) {
		unsigned char *want;

		if (ki_map_bind(s->map, h, ki_reader_name(s->rd), &c->err) == -1 ||
		    check_layout(c, s, h) == -1)
			return -1;
		if (c->verbose)
			fprintf(stderr, "%s: %s: read as %s%s\n", PROG,
			    ki_reader_name(s->rd), ki_map_name(s->map), s->title ?
			    " (the header is line 2, under a title line)" : "");
		s->ncols = ki_map_ncols(s->map);
		/* A DfE file has 300 columns; the map reads a few dozen. */
		if ((want = malloc(h->n + 1)) == NULL)
			return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
		ki_map_used(s->map, want, h->n);
		if (ki_reader_want(s->rd, want, h->n) == -1) {
			free(want);
			return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
		}
		free(want);
	} else {
		if (ki_hdr_index(h, "urn") < 0)
			return ki_err_set(&c->err, ki_reader_name(s->rd), 1, "urn",
			    "no such column in the header");
		if (c->verbose)
			fprintf(stderr, "%s: %s: read as local\n", PROG,
			    ki_reader_name(s->rd));
		s->yearcol = ki_hdr_index(h, "year");
		s->kind = s->yearcol >= 0 ? KI_MAP_YEAR : KI_MAP_SCHOOL;
		s->ncols = h->n;
		if ((s->types = calloc(h->n, sizeof(*s->types))) == NULL)
			return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
		for (i = 0; i < h->n; i++)
			s->types[i] = ki_canon_type(h->names[i], NULL);
	}
	if ((s->oidx = calloc(s->ncols, sizeof(size_t))) == NULL ||
	    (s->vals = calloc(s->ncols, sizeof(char *))) == NULL)
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	/* A map with a year column gives each row's year itself. */
	if (s->kind == KI_MAP_YEAR && s->map != NULL &&
	    src_index(s, "year") < 0 && set_year(c, s) == -1)
		return -1;
	/* A layout read on a year it does not cover would misread it. */
	if (s->map != NULL && s->year > 0 && !c->force_year &&
	    !ki_map_covers(s->map, s->year)) {
		int lo, hi;
		const char *fam = ki_map_family(s->map);

		ki_map_years(s->map, &lo, &hi);
		return ki_err_set(&c->err, s->path, 0, NULL, "the %s layout "
		    "covers %d to %d, but the file is of %d: tag it %s, or "
		    "give --force-year if that year is wrong",
		    ki_map_name(s->map), lo, hi, s->year,
		    fam ? fam : "with that year's layout");
	}
	return 0;
}

static int
add_columns(struct ctx *c, struct source *s)
{
	size_t i;

	for (i = 0; i < s->ncols; i++) {
		const char *name = s->map ? ki_map_col(s->map, i) :
		    ki_reader_hdr(s->rd)->names[i];
		long k = out_col(c, name);

		if (k < 0)
			return -1;
		s->oidx[i] = (size_t)k;
	}
	return 0;
}

/* Values of the current record of s, in s->vals. 0 ok, 1 skip, -1 error. */
static int
source_row(struct ctx *c, struct source *s, const struct ki_rec *rec)
{
	static char (*buf)[64];
	static size_t nbuf;
	size_t i;

	if (s->map != NULL) {
		if (!ki_map_keep(s->map, rec))
			return 1;
		return ki_map_apply(s->map, rec, ki_reader_name(s->rd), s->vals,
		    &c->err);
	}
	if (rec->n > s->ncols)
		return ki_err_set(&c->err, ki_reader_name(s->rd), rec->line,
		    ki_reader_hdr(s->rd)->names[s->ncols], "not in the first "
		    "record: every NDJSON line of a local sheet needs the same "
		    "keys");
	if (nbuf < s->ncols) {
		free(buf);
		if ((buf = calloc(s->ncols, sizeof(*buf))) == NULL)
			return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
		nbuf = s->ncols;
	}
	for (i = 0; i < s->ncols; i++) {
		char msg[160];
		int rc;

		s->vals[i] = i < rec->n ? rec->v[i] : NULL;
		if (s->vals[i] == NULL || s->types[i] == KI_T_TEXT)
			continue;
		rc = ki_val_norm(s->types[i], s->vals[i], buf[i], sizeof(buf[i]),
		    msg, sizeof(msg));
		if (rc == -1)
			return ki_err_set(&c->err, ki_reader_name(s->rd), rec->line,
			    ki_reader_hdr(s->rd)->names[i], "%s", msg);
		s->vals[i] = rc == 1 ? buf[i] : NULL;
	}
	return 0;
}

static const char *
col_of(const struct source *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->ncols; i++) {
		const char *n = s->map ? ki_map_col(s->map, i) :
		    ki_reader_hdr(s->rd)->names[i];

		if (strcmp(n, name) == 0)
			return s->vals[i];
	}
	return NULL;
}

static long
src_index(const struct source *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->ncols; i++)
		if (strcmp(s->map ? ki_map_col(s->map, i) :
		    ki_reader_hdr(s->rd)->names[i], name) == 0)
			return (long)i;
	return -1;
}

static void
free_held(void *p)
{
	struct held *h = p, *next;

	while (h != NULL) {
		next = h->next;
		free(h->v);
		free(h);
		h = next;
	}
}

/*
 * Whether the current row of inspection source s gives any judgement: an
 * overall grade, a sub-judgement, a report card or a category. An
 * inspection without one (a monitoring visit) changes no grade in force.
 */
static int
judged(const struct source *s)
{
	static const char *const cols[] = { "ofsted_grade", "ofsted_quality",
	    "ofsted_behaviour", "ofsted_personal", "ofsted_leadership",
	    "ofsted_category", "rc_safeguarding", "rc_inclusion",
	    "rc_curriculum", "rc_achievement", "rc_attendance", "rc_personal",
	    "rc_early_years", "rc_post16", "rc_leadership", NULL };
	size_t i;

	for (i = 0; cols[i] != NULL; i++)
		if (col_of(s, cols[i]) != NULL)
			return 1;
	return 0;
}

/* Keep a link row under its urn, and under its link_urn in s->back. */
static int
load_link(struct ctx *c, struct source *s, struct held *h, struct held *old,
    const char *urn)
{
	const char *to = col_of(s, "link_urn");
	struct held **pp;

	if (to == NULL) {
		free_held(h);
		return ki_err_set(&c->err, ki_reader_name(s->rd), h->line,
		    "link_urn", "blank");
	}
	if (ki_urn_check(to, ki_reader_name(s->rd), h->line, &c->err) == -1) {
		snprintf(c->err.field, sizeof(c->err.field), "link_urn");
		free_held(h);
		return -1;
	}
	if (s->norder == s->caporder) {
		size_t cap = s->caporder ? s->caporder * 2 : 256;
		struct held **o = realloc(s->order, cap * sizeof(*o));

		if (o == NULL) {
			free_held(h);
			return ki_err_set(&c->err, NULL, 0, NULL,
			    "out of memory");
		}
		s->order = o;
		s->caporder = cap;
	}
	s->order[s->norder++] = h;
	/* In file order, for messages that list them. */
	for (pp = &old; *pp != NULL; pp = &(*pp)->next)
		;
	*pp = h;
	if (ki_tab_put(s->rows, urn, old) == -1)
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	h->bnext = ki_tab_get(s->back, to);
	if (ki_tab_put(s->back, to, h) == -1)
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	return 0;
}

/* Load a school or inspection source into memory, keyed by urn. */
static int
load(struct ctx *c, struct source *s)
{
	struct ki_rec *rec;
	long ig = src_index(s, "ofsted_grade");
	int rc;

	if ((s->rows = ki_tab_new()) == NULL || (s->kind == KI_MAP_LINKS &&
	    (s->back = ki_tab_new()) == NULL))
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	while ((rc = ki_reader_next(s->rd, &rec, &c->err)) == 1) {
		struct held *h, *old, **pp;
		const char *urn, *pub, *end;
		size_t i, sz = 0;
		char *p;

		if ((rc = source_row(c, s, rec)) == -1)
			return -1;
		if (rc == 1)
			continue;
		if ((urn = col_of(s, "urn")) == NULL)
			return ki_err_set(&c->err, ki_reader_name(s->rd), rec->line,
			    "urn", "blank");
		if (ki_urn_check(urn, ki_reader_name(s->rd), rec->line,
		    &c->err) == -1)
			return -1;
		for (i = 0; i < s->ncols; i++)
			sz += s->vals[i] ? strlen(s->vals[i]) + 1 : 0;
		if ((h = calloc(1, sizeof(*h))) == NULL ||
		    (h->v = malloc(s->ncols * sizeof(char *) + sz)) == NULL) {
			free(h);
			return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
		}
		p = (char *)(h->v + s->ncols);
		for (i = 0; i < s->ncols; i++) {
			if (s->vals[i] == NULL) {
				h->v[i] = NULL;
				continue;
			}
			h->v[i] = p;
			p = stpcpy(p, s->vals[i]) + 1;
		}
		h->line = rec->line;
		old = ki_tab_get(s->rows, urn);
		if (s->kind == KI_MAP_LINKS) {
			if (load_link(c, s, h, old, urn) == -1)
				return -1;
			continue;
		}
		if (s->kind != KI_MAP_INSPECTION) {
			if (col_of(s, "ofsted_grade_latest_date") != NULL)
				s->dated = 1;
			if (old != NULL) {
				free_held(h);
				return ki_err_set(&c->err, ki_reader_name(s->rd),
				    rec->line, "urn", "%s appears twice (first "
				    "at line %ld)", urn, old->line);
			}
			if (ki_tab_put(s->rows, urn, h) == -1)
				return ki_err_set(&c->err, NULL, 0, NULL,
				    "out of memory");
			continue;
		}
		if (s->norder == s->caporder) {
			size_t cap = s->caporder ? s->caporder * 2 : 256;
			struct held **o = realloc(s->order, cap * sizeof(*o));

			if (o == NULL) {
				free_held(h);
				return ki_err_set(&c->err, NULL, 0, NULL,
				    "out of memory");
			}
			s->order = o;
			s->caporder = cap;
		}
		s->order[s->norder++] = h;
		pub = col_of(s, "ofsted_published");
		end = col_of(s, "ofsted_date");
		snprintf(h->date, sizeof(h->date), "%s", pub ? pub : end ? end :
		    "");
		h->graded = ig >= 0 && s->vals[ig] != NULL;
		h->judged = judged(s);
		pub = col_of(s, "ofsted_prev_published");
		end = col_of(s, "ofsted_prev_date");
		snprintf(h->prev, sizeof(h->prev), "%s", pub ? pub : end ? end :
		    "");
		/* Keep each school's inspections in date order. */
		for (pp = &old; *pp != NULL && strcmp((*pp)->date, h->date) <= 0;
		    pp = &(*pp)->next)
			;
		h->next = *pp;
		*pp = h;
		if (ki_tab_put(s->rows, urn, old) == -1)
			return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	}
	return rc;
}

static void
fill(struct ctx *c, const struct source *s, char *const *v)
{
	size_t i;

	for (i = 0; i < s->ncols; i++)
		if (c->row[s->oidx[i]] == NULL && v[i] != NULL)
			c->row[s->oidx[i]] = v[i];
}

/*
 * A closed school takes only its place from the academy that replaced it:
 * its own number, funding and Ofsted grade were not the successor's.
 */
static void
fill_place(struct ctx *c, const struct source *s, char *const *v)
{
	size_t i;

	for (i = 0; i < s->ncols; i++) {
		const char *name = c->out->names[s->oidx[i]];

		if ((strcmp(name, "district") == 0 || strcmp(name, "la") == 0) &&
		    c->row[s->oidx[i]] == NULL && v[i] != NULL)
			c->row[s->oidx[i]] = v[i];
	}
}

/* The value of column name in held row h of source s, or NULL. */
static const char *
hval(const struct source *s, const struct held *h, const char *name)
{
	long i = src_index(s, name);

	return i < 0 ? NULL : h->v[i];
}

/* Whether a GIAS link type is exactly word (Predecessor, Successor). */
static int
link_is(const char *type, const char *word)
{
	return type != NULL && strcasecmp(type, word) == 0;
}

/*
 * The one school that urn's Predecessor links (dir 0) or Successor links
 * (dir 1) name, from every links source, into out; blank when there is
 * none, or more than one (a merger is reported, not followed).
 */
static void
linked(struct ctx *c, const char *urn, int dir, char *out, size_t len)
{
	const char *own = dir ? "Successor" : "Predecessor";
	const char *other = dir ? "Predecessor" : "Successor";
	size_t k;
	int many = 0;

	out[0] = '\0';
	for (k = 0; k < c->nsrc; k++) {
		const struct source *s = &c->src[k];
		const struct held *h;

		if (s->kind != KI_MAP_LINKS || s->rows == NULL)
			continue;
		for (h = ki_tab_get(s->rows, urn); h != NULL; h = h->next) {
			const char *to = hval(s, h, "link_urn");

			if (!link_is(hval(s, h, "link_type"), own) || to == NULL)
				continue;
			if (*out && strcmp(out, to) != 0)
				many = 1;
			snprintf(out, len, "%s", to);
		}
		/* The other school's link the other way. */
		for (h = ki_tab_get(s->back, urn); h != NULL; h = h->bnext) {
			const char *from = hval(s, h, "urn");

			if (!link_is(hval(s, h, "link_type"), other) ||
			    from == NULL)
				continue;
			if (*out && strcmp(out, from) != 0)
				many = 1;
			snprintf(out, len, "%s", from);
		}
	}
	if (many)
		out[0] = '\0';
}

/*
 * urn's links that are not followed (mergers, amalgamations, splits, sixth
 * form links, several predecessors), as "TYPE URN (DATE); ..." in out.
 */
static void
other_links(struct ctx *c, const char *urn, const char *pred,
    const char *succ, char *out, size_t len)
{
	size_t k, used = 0;

	out[0] = '\0';
	for (k = 0; k < c->nsrc; k++) {
		const struct source *s = &c->src[k];
		const struct held *h;

		if (s->kind != KI_MAP_LINKS || s->rows == NULL)
			continue;
		for (h = ki_tab_get(s->rows, urn); h != NULL; h = h->next) {
			const char *type = hval(s, h, "link_type");
			const char *to = hval(s, h, "link_urn");
			const char *date = hval(s, h, "link_date");
			int w;

			if (to == NULL || (link_is(type, "Predecessor") &&
			    strcmp(to, pred) == 0) || (link_is(type,
			    "Successor") && strcmp(to, succ) == 0))
				continue;
			if (used >= len)
				break;
			w = snprintf(out + used, len - used, "%s%s %s%s%s%s",
			    used ? "; " : "", type ? type : "link", to,
			    date ? " (" : "", date ? date : "", date ? ")" : "");
			if (w > 0)
				used += (size_t)w;
		}
	}
}

/*
 * When urn closed, into out (blank if the links do not say): the earliest
 * date of its Successor links and of the Predecessor links that name it.
 * The links file dates one side of a conversion by the old school's last
 * day and the other by the new one's first, either way round.
 */
static void
closed_by_links(struct ctx *c, const char *urn, char *out)
{
	size_t k;

	out[0] = '\0';
	for (k = 0; k < c->nsrc; k++) {
		const struct source *s = &c->src[k];
		const struct held *h;
		const char *t, *d;

		if (s->kind != KI_MAP_LINKS || s->rows == NULL)
			continue;
		for (h = ki_tab_get(s->rows, urn); h != NULL; h = h->next)
			if ((t = hval(s, h, "link_type")) != NULL &&
			    strncasecmp(t, "Successor", 9) == 0 &&
			    (d = hval(s, h, "link_date")) != NULL &&
			    (out[0] == '\0' || strcmp(d, out) < 0))
				snprintf(out, 11, "%s", d);
		for (h = ki_tab_get(s->back, urn); h != NULL; h = h->bnext)
			if ((t = hval(s, h, "link_type")) != NULL &&
			    strncasecmp(t, "Predecessor", 11) == 0 &&
			    (d = hval(s, h, "link_date")) != NULL &&
			    (out[0] == '\0' || strcmp(d, out) < 0))
				snprintf(out, 11, "%s", d);
	}
}

/* How many inspection sources there are. */
static size_t
nsrc_insp(const struct ctx *c)
{
	size_t k, n = 0;

	for (k = 0; k < c->nsrc; k++)
		n += c->src[k].kind == KI_MAP_INSPECTION;
	return n;
}

/*
 * Whether inspection row h of source s for urn is also in a file that
 * covers later (the newer file's copy wins: duplicates by inspection
 * number are dropped).
 */
static int
dup_newer(const struct ctx *c, size_t base, const struct source *s,
    const char *urn, const struct held *h)
{
	const char *num = hval(s, h, "inspection_number");
	size_t k;

	if (num == NULL)
		return 0;
	for (k = 0; k < c->nsrc; k++) {
		const struct source *o = &c->src[k];
		const struct held *g;
		int cmp;

		if (k == base || o == s || o->kind != KI_MAP_INSPECTION ||
		    (cmp = strcmp(o->cover, s->cover)) < 0 || (cmp == 0 && o < s))
			continue;
		for (g = ki_tab_get(o->rows, urn); g != NULL; g = g->next) {
			const char *n2 = hval(o, g, "inspection_number");

			if (g->judged && n2 != NULL && strcmp(num, n2) == 0)
				return 1;
		}
	}
	return 0;
}

/*
 * Add to sp the dates source s covers for a school whose first inspection
 * in it is e (or NULL): a period's every day, and the days before e that its
 * previous-inspection columns tell; else from e (or the one before it) to
 * the cover. Returns 1 when s is a period that holds date d.
 */
static int
spans_of(const struct source *s, const struct held *e, const char *d,
    struct ki_span *sp, size_t *nsp)
{
	if (s->from[0] == '\0') {
		if (e != NULL)
			(void)ki_span_add(sp, nsp, 128, e->prev[0] ? e->prev :
			    e->date, s->cover);
		return 0;
	}
	(void)ki_span_add(sp, nsp, 128, s->from, s->cover);
	if (e != NULL && e->prev[0] != '\0' && strcmp(e->date, s->from) >= 0)
		(void)ki_span_add(sp, nsp, 128, e->prev, e->date);
	return strcmp(s->from, d) <= 0 && strcmp(s->cover, d) >= 0;
}

/* Why no grade is in force at d, in a period that holds d from its start. */
static void
why_period(char *why, size_t len, const char *urn, const char *from,
    const char *d)
{
	snprintf(why, len, "no grade in force known: the Ofsted data has no "
	    "inspection of %s from %s, the start of the period it covers, to "
	    "%s, and does not say what was in force before", urn, from, d);
}

/* The inspection in force, and where it came from. */
struct pick {
	const struct source *s;
	const struct held *h;	/* the inspection's row */
	int prev;		/* 1: the one before h, from h's columns */
};

/*
 * The inspection in force for urn on date d (yyyy-mm-dd), from every
 * inspection source but base: the latest with a judgement on or before
 * d, when some source covers d for this school (it covers to its date,
 * and back to the first inspection of the school it reports or the one
 * before it, from its previous-inspection columns). Returns 1 and *p;
 * else why there is none in why, and 0 when the school has no inspection
 * known on or before d (an academy's predecessor's may be in force), -1
 * when no source covers d.
 */
static int
in_force(struct ctx *c, size_t base, const char *urn, const char *d,
    struct pick *p, char *why, size_t len)
{
	const struct source *last = NULL;	/* the latest cover */
	const struct source *per = NULL;	/* a period holding d */
	const char *first = NULL;		/* the earliest date known */
	const char *gap_lo = NULL, *gap_hi = NULL;
	struct ki_span sp[128];			/* what each source covers */
	size_t k, nsp = 0;
	int any = 0;

	memset(p, 0, sizeof(*p));
	for (k = 0; k < c->nsrc; k++) {
		const struct source *s = &c->src[k];
		const struct held *h, *e = NULL;

		if (k == base || s->kind != KI_MAP_INSPECTION)
			continue;
		if (last == NULL || strcmp(s->cover, last->cover) > 0)
			last = s;
		for (h = ki_tab_get(s->rows, urn); h != NULL; h = h->next) {
			if (!h->judged || h->date[0] == '\0' ||
			    dup_newer(c, base, s, urn, h))
				continue;
			any = 1;
			if (e == NULL)
				e = h;
			if (strcmp(h->date, d) > 0)
				break;
			/* The latest; the same inspection from a newer file. */
			if (p->h == NULL || strcmp(h->date, p->prev ?
			    p->h->prev : p->h->date) > 0 || (strcmp(h->date,
			    p->prev ? p->h->prev : p->h->date) == 0 &&
			    strcmp(s->cover, p->s->cover) >= 0)) {
				p->s = s;
				p->h = h;
				p->prev = 0;
			}
		}
		if (spans_of(s, e, d, sp, &nsp))
			per = s;
		if (e == NULL)
			continue;
		/* Before its first inspection here: its previous one's. */
		if (e->prev[0] != '\0' && strcmp(e->date, d) > 0 &&
		    strcmp(e->prev, d) <= 0 && (p->h == NULL ||
		    strcmp(e->prev, p->prev ? p->h->prev : p->h->date) > 0)) {
			p->s = s;
			p->h = e;
			p->prev = 1;
		}
		if (first == NULL || strcmp(e->prev[0] ? e->prev : e->date,
		    first) < 0)
			first = e->prev[0] ? e->prev : e->date;
		/* The gap d may fall in: a file's end before it, one's start after. */
		if (strcmp(s->cover, d) < 0 && (gap_lo == NULL ||
		    strcmp(s->cover, gap_lo) > 0))
			gap_lo = s->cover;
		if (strcmp(e->prev[0] ? e->prev : e->date, d) > 0 &&
		    (gap_hi == NULL || strcmp(e->prev[0] ? e->prev : e->date,
		    gap_hi) < 0))
			gap_hi = e->prev[0] ? e->prev : e->date;
	}
	/* In force only when the sources cover every day since it. */
	if (p->h != NULL && ki_spans_cover(sp, nsp, p->prev ? p->h->prev :
	    p->h->date, d))
		return 1;
	p->h = NULL;
	if (last == NULL) {
		snprintf(why, len, "no Ofsted source");
		return -1;
	}
	if (last->cover[0] == '\0') {
		snprintf(why, len, "no grade in force known: the Ofsted data "
		    "has no dated inspection");
		return -1;
	}
	if (strcmp(last->cover, d) < 0) {
		snprintf(why, len, "no grade in force known: the Ofsted %s "
		    "to %s; as at %s is after it", nsrc_insp(c) < 2 ?
		    "file covers" : "files cover", last->cover, d);
		return -1;
	}
	if (per != NULL)
		why_period(why, len, urn, per->from, d);
	else if (!any)
		snprintf(why, len, "no inspection of %s in the Ofsted data",
		    urn);
	else if (strcmp(first, d) <= 0 && gap_lo != NULL && gap_hi != NULL)
		snprintf(why, len, "no grade in force known: the Ofsted data "
		    "covers %s to %s and again from %s; as at %s is between",
		    urn, gap_lo, gap_hi, d);
	else if (strcmp(first, d) <= 0 && gap_lo != NULL)
		snprintf(why, len, "no grade in force known: the Ofsted data "
		    "covers %s to %s; as at %s is after it", urn, gap_lo, d);
	else
		snprintf(why, len, "no grade in force known: the Ofsted data's "
		    "first inspection of %s is of %s; as at %s is before it",
		    urn, first, d);
	return 0;
}

/*
 * Fill the row from pick p: the inspection, or the one before it; a
 * predecessor's (own 0) gives its judgements, not its number, name,
 * phase, funding or pupils.
 */
static void
fill_pick(struct ctx *c, const struct pick *p, int own)
{
	static const char *const ident[] = { "urn", "laestab", "name",
	    "phase", "funding", "pupils", NULL };
	const struct source *s = p->s;
	size_t i, j;

	for (i = 0; i < s->ncols; i++) {
		const char *name = c->out->names[s->oidx[i]];
		const char *v = p->prev ? NULL : p->h->v[i];

		for (j = 0; ident[j] != NULL; j++)
			if (strcmp(name, ident[j]) == 0)
				v = own ? p->h->v[i] : NULL;
		if (!p->prev)
			;
		else if (strcmp(name, "ofsted_grade") == 0)
			v = hval(s, p->h, "ofsted_prev_grade");
		else if (strcmp(name, "ofsted_date") == 0)
			v = hval(s, p->h, "ofsted_prev_date");
		else if (strcmp(name, "ofsted_published") == 0)
			v = hval(s, p->h, "ofsted_prev_published");
		/* A predecessor's inspection: the school changed structure. */
		if (!own && strcmp(name, "ofsted_same_urn") == 0)
			v = "no";
		else if (!own && strcmp(name, "ofsted_inspected_urn") == 0)
			v = c->ourn;
		if (c->row[s->oidx[i]] == NULL && v != NULL)
			c->row[s->oidx[i]] = v;
	}
}

/*
 * Join the inspection in force on 31 August of the row's year: the
 * school's own, else (an academy not yet inspected) its predecessor's.
 * Says which URN it came from, or why there is none.
 */
static void
join_inspections(struct ctx *c, size_t base)
{
	const char *urn = c->row[c->i_urn], *year = c->row[c->i_year];
	char d[16], why[256], at[32];
	struct pick p;
	const struct held *h, *prev = NULL;
	const struct source *ps = NULL;
	const char *iu;
	size_t k;
	int found, depth;

	if (year == NULL || c->i_onote < 0) {
		/* No as-at date: the latest inspection of each source. */
		for (k = 0; k < c->nsrc; k++) {
			const struct source *s = &c->src[k];

			if (k == base || s->kind != KI_MAP_INSPECTION)
				continue;
			for (h = ki_tab_get(s->rows, urn), p.h = NULL; h != NULL;
			    h = h->next)
				if (h->judged && h->date[0] != '\0')
					p.h = h;
			if (p.h != NULL)
				fill(c, s, p.h->v);
		}
		return;
	}
	snprintf(d, sizeof(d), "%s-08-31", year);
	found = in_force(c, base, urn, d, &p, why, sizeof(why));
	snprintf(at, sizeof(at), "%s", urn);
	/* An academy not inspected by then: its predecessor's inspection. */
	for (depth = 0; found == 0 && depth < KI_LINKS_DEPTH; depth++) {
		char pred[32], pwhy[256];
		const char *ac = NULL;

		linked(c, at, 0, pred, sizeof(pred));
		/* Else the school whose DfE row names it in URN_AC. */
		if (pred[0] == '\0' && (ac = ki_preds_of(c->preds, at)) != NULL)
			snprintf(pred, sizeof(pred), "%s", ac);
		if (pred[0] == '\0')
			break;
		snprintf(at, sizeof(at), "%s", pred);
		if (in_force(c, base, at, d, &p, pwhy, sizeof(pwhy)) == 1) {
			found = 1;
			snprintf(c->onote, sizeof(c->onote), "the predecessor's "
			    "(URN %s%s): %s has no inspection of its own in the "
			    "Ofsted data on or before %s", at, ac ? ", whose "
			    "DfE row names it in URN_AC" : "", urn, d);
		}
	}
	if (found != 1) {
		snprintf(c->onote, sizeof(c->onote), "%s", why);
		c->row[c->i_onote] = c->onote;
		return;
	}
	if (strcmp(at, urn) == 0 && p.prev)
		snprintf(c->onote, sizeof(c->onote), "the inspection before "
		    "the one of %s, from its previous-inspection columns",
		    p.h->date);
	snprintf(c->ourn, sizeof(c->ourn), "%s", at);
	/* Ofsted's own file may say the inspection was of another URN. */
	if (!p.prev && (iu = hval(p.s, p.h, "ofsted_inspected_urn")) != NULL &&
	    strcmp(iu, at) != 0) {
		snprintf(c->ourn, sizeof(c->ourn), "%s", iu);
		snprintf(c->onote, sizeof(c->onote), "the inspection of URN %s, "
		    "which Ofsted's file gives as %s's", iu, at);
		c->row[c->i_onote] = c->onote;
	}
	c->row[c->i_ourn] = c->ourn;
	if (strcmp(at, urn) != 0 || p.prev)
		c->row[c->i_onote] = c->onote;
	fill_pick(c, &p, strcmp(at, urn) == 0);
	if (p.prev || c->i_prev < 0 || c->row[c->i_prev] != NULL)
		return;
	/* The graded inspection before it, in any file, where it lacks that. */
	for (k = 0; k < c->nsrc; k++) {
		const struct source *s = &c->src[k];

		if (k == base || s->kind != KI_MAP_INSPECTION)
			continue;
		for (h = ki_tab_get(s->rows, at); h != NULL; h = h->next)
			if (h->graded && strcmp(h->date, p.h->date) < 0 &&
			    (prev == NULL || strcmp(h->date, prev->date) > 0)) {
				prev = h;
				ps = s;
			}
	}
	if (prev != NULL)
		c->row[c->i_prev] = hval(ps, prev, "ofsted_grade");
}

/*
 * GIAS's latest rating is in force from its inspection date on, up to the
 * extract's date; a file without the dates gives the rating as at the
 * extract's date, and says so.
 */
static void
latest_rating(struct ctx *c, const struct source *s, const char *year)
{
	long il = ki_hdr_index(c->out, "ofsted_grade_latest");
	long id = ki_hdr_index(c->out, "ofsted_grade_latest_date");
	const char *date = id >= 0 ? c->row[id] : NULL;
	char d[16];

	if (il < 0 || c->row[il] == NULL || c->i_lnote < 0 || year == NULL)
		return;
	snprintf(d, sizeof(d), "%s-08-31", year);
	if (date != NULL && strcmp(date, d) > 0) {
		snprintf(c->lnote, sizeof(c->lnote), "GIAS's latest rating is "
		    "of an inspection of %s, after %s: it says nothing of %s",
		    date, d, d);
		c->row[il] = NULL;
	} else if (date != NULL && s->asat[0] != '\0' && strcmp(s->asat, d) < 0) {
		snprintf(c->lnote, sizeof(c->lnote), "the GIAS extract is of "
		    "%s; as at %s is after it", s->asat, d);
		c->row[il] = NULL;
	} else if (date != NULL)
		return;
	else if (s->asat[0] != '\0')
		snprintf(c->lnote, sizeof(c->lnote), "GIAS's rating as at the "
		    "extract's date, %s, not as at %s", s->asat, d);
	else
		snprintf(c->lnote, sizeof(c->lnote), "GIAS's rating as at the "
		    "extract's date (its file name gives none), not as at %s",
		    d);
	c->row[c->i_lnote] = c->lnote;
}

/* Join the per-school sources onto the current output row. */
static void
join(struct ctx *c, size_t base)
{
	const char *urn = c->row[c->i_urn], *year = c->row[c->i_year];
	size_t k;

	if (urn == NULL)
		return;
	/* Dated facts (inspections) first, then the undated ones. */
	if (base >= c->nsrc || c->src[base].kind != KI_MAP_INSPECTION)
		join_inspections(c, base);
	if (c->i_pred >= 0) {
		char succ[32];

		c->links[0] = '\0';
		linked(c, urn, 0, c->pred, sizeof(c->pred));
		linked(c, urn, 1, succ, sizeof(succ));
		if (c->pred[0] != '\0')
			c->row[c->i_pred] = c->pred;
		other_links(c, urn, c->pred, succ, c->links, sizeof(c->links));
		if (c->links[0] != '\0')
			c->row[c->i_links] = c->links;
		if (succ[0] != '\0' && c->i_succ >= 0 &&
		    c->row[c->i_succ] == NULL) {
			snprintf(c->succ, sizeof(c->succ), "%s", succ);
			c->row[c->i_succ] = c->succ;
		}
	}
	for (k = 0; k < c->nsrc; k++) {
		const struct source *s = &c->src[k];
		struct held *h;

		if (k == base || s->kind != KI_MAP_SCHOOL)
			continue;
		if ((h = ki_tab_get(s->rows, urn)) != NULL) {
			fill(c, s, h->v);
			latest_rating(c, s, year);
		} else if (c->i_succ >= 0 && c->row[c->i_succ] != NULL &&
		    (h = ki_tab_get(s->rows, c->row[c->i_succ])) != NULL)
			fill_place(c, s, h->v);
	}
	/* A school that GIAS no longer lists closed when it was replaced. */
	if (c->i_pred >= 0 && (k = (size_t)ki_hdr_index(c->out,
	    "close_date")) < c->out->n && c->row[k] == NULL) {
		closed_by_links(c, urn, c->closed);
		if (c->closed[0] != '\0')
			c->row[k] = c->closed;
	}
}

/*
 * After a row the writer refused: -1 with err set out of memory, else 0 (a
 * write error is reported when the output is closed).
 */
static int
written(struct ctx *c, const struct ki_writer *w)
{
	if (ki_writer_oom(w))
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	return 0;
}

/* Stream the rows of source k, join the others, write them. */
static int
stream(struct ctx *c, size_t k, struct ki_writer *w)
{
	struct source *s = &c->src[k];
	struct ki_rec *rec;
	char ybuf[16], key[512];
	int seen;
	int rc;

	while ((rc = ki_reader_next(s->rd, &rec, &c->err)) == 1) {
		size_t i;

		if ((rc = source_row(c, s, rec)) == -1)
			return -1;
		if (rc == 1)
			continue;
		for (i = 0; i < c->out->n; i++)
			c->row[i] = NULL;
		for (i = 0; i < s->ncols; i++)
			c->row[s->oidx[i]] = s->vals[i];
		if (c->row[c->i_urn] == NULL)
			return ki_err_set(&c->err, ki_reader_name(s->rd), rec->line,
			    "urn", "blank");
		/* A mapped source's URN column is not the reader's urn. */
		if (ki_urn_check(c->row[c->i_urn], ki_reader_name(s->rd),
		    rec->line, &c->err) == -1)
			return -1;
		if (s->year > 0) {
			snprintf(ybuf, sizeof(ybuf), "%d", s->year);
			c->row[c->i_year] = ybuf;
		} else if (c->year_opt && c->row[c->i_year] == NULL) {
			snprintf(ybuf, sizeof(ybuf), "%d", c->year_opt);
			c->row[c->i_year] = ybuf;
		}
		if (s->kind != KI_MAP_INSPECTION) {
			const char *y = c->row[c->i_year];

			if (y == NULL && s->kind == KI_MAP_YEAR)
				return ki_err_set(&c->err, ki_reader_name(s->rd),
				    rec->line, "year", "blank");
			snprintf(key, sizeof(key), "%s|%s", c->row[c->i_urn],
			    y ? y : "");
			if (!c->merge && (seen = see(c, key, y)) != 0) {
				if (seen == -1)
					return ki_err_set(&c->err, NULL, 0,
					    NULL, "out of memory");
				return ki_err_set(&c->err, ki_reader_name(s->rd),
				    rec->line, "urn", "school %s appears twice%s%s",
				    c->row[c->i_urn], y ? " for " : "", y ? y : "");
			}
		}
		if (c->merge) {
			if (hold(c, key, k, rec->line) == -1)
				return -1;
			continue;
		}
		join(c, k);
		/* A write error is reported when the output is closed. */
		if (ki_writer_row(w, c->out->n, c->row, c->num) == -1)
			return written(c, w);
	}
	return rc;
}

static void
free_merged(void *p)
{
	struct held *h = p;
	size_t i;

	for (i = 0; h->v[i] != (char *)h; i++)
		free(h->v[i]);
	free(h->v);
	free(h);
}

/*
 * Note that the current row's school (urn) has been seen in year y (NULL
 * for none). Returns 1 if it had been already, 0 if not, -1 on allocation
 * failure. Memory is some 30 bytes a school: the years of 2000-2062 are
 * bits of one word, and only other years go to the table under key.
 */
static int
see(struct ctx *c, const char *key, const char *y)
{
	long i, bit = 0;
	int added;

	if (y != NULL) {
		char *end;
		long v = strtol(y, &end, 10);

		if (*end != '\0' || end == y || v < 2000 || v > 2062) {
			if (ki_tab_get(c->seen, key) != NULL)
				return 1;
			return ki_tab_put(c->seen, key, c) == -1 ? -1 : 0;
		}
		bit = v - 1999;
	}
	if ((i = ki_keys_intern(c->urns, c->row[c->i_urn], &added)) == -1)
		return -1;
	if ((size_t)i >= c->ymcap) {
		size_t cap = c->ymcap ? c->ymcap * 2 : 1024;
		uint64_t *m = realloc(c->ymask, cap * sizeof(*m));

		if (m == NULL)
			return -1;
		memset(m + c->ymcap, 0, (cap - c->ymcap) * sizeof(*m));
		c->ymask = m;
		c->ymcap = cap;
	}
	if (c->ymask[i] & (UINT64_C(1) << bit))
		return 1;
	c->ymask[i] |= UINT64_C(1) << bit;
	return 0;
}

/*
 * Keep the current row under key, or merge it into the row already there
 * from another per-year source (an all-through school is in both the KS2
 * and the KS4 file): blanks are filled, and the phases merge by the rule
 * of share/canon/columns.json (primary with secondary makes all-through).
 */
static int
hold(struct ctx *c, const char *key, size_t k, long line)
{
	struct held *h = ki_tab_get(c->seen, key);
	size_t i, n = c->out->n;

	if (h != NULL && (h->srcs & (UINT64_C(1) << k)))
		return ki_err_set(&c->err, ki_reader_name(c->src[k].rd), line,
		    "urn", "school %s appears twice for %s",
		    c->row[c->i_urn], c->row[c->i_year]);
	if (h == NULL) {
		if ((h = calloc(1, sizeof(*h))) == NULL ||
		    (h->v = calloc(n + 1, sizeof(char *))) == NULL ||
		    ki_tab_put(c->seen, key, h) == -1) {
			if (h != NULL)
				free(h->v);
			free(h);
			return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
		}
		h->v[n] = (char *)h;	/* end mark for free_merged */
		h->src = k;
		h->line = line;
	}
	h->srcs |= UINT64_C(1) << k;
	for (i = 0; i < n; i++) {
		const char *v = c->row[i];

		if (v == NULL)
			continue;
		/* Two files that disagree on a value: never pick one quietly. */
		if (h->v[i] != NULL && (long)i != c->i_phase &&
		    strcmp(c->out->names[i], "name") != 0 &&
		    strcmp(h->v[i], v) != 0)
			return ki_err_set(&c->err, ki_reader_name(c->src[k].rd),
			    line, c->out->names[i], "school %s, %s: \"%s\" here "
			    "but \"%s\" in %s", c->row[c->i_urn],
			    c->row[c->i_year], v, h->v[i],
			    ki_reader_name(c->src[h->src].rd));
		if (h->v[i] != NULL && (long)i != c->i_phase)
			continue;
		/* The phases merge by the rule in share/canon/columns.json. */
		if (h->v[i] != NULL) {
			if ((v = ki_canon_merge_phase(h->v[i], v)) == h->v[i])
				continue;
		}
		free(h->v[i]);
		if ((h->v[i] = strdup(v)) == NULL)
			return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	}
	return 0;
}

/* Write the merged rows, in the order they first came. */
static int
flush_merged(struct ctx *c, struct ki_writer *w)
{
	const char *key;
	void *val;
	size_t pos = 0, i;

	/* An academy may take the grade of the school that names it (URN_AC). */
	while (c->i_succ >= 0 && c->i_onote >= 0 && ki_tab_next(c->seen, &pos,
	    &key, &val))
		if ((c->preds == NULL && (c->preds = ki_preds_new()) == NULL) ||
		    ki_preds_note(c->preds, ((struct held *)val)->v[c->i_succ],
		    ((struct held *)val)->v[c->i_urn]) == -1)
			return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	pos = 0;
	while (ki_tab_next(c->seen, &pos, &key, &val)) {
		struct held *h = val;

		for (i = 0; i < c->out->n; i++)
			c->row[i] = h->v[i];
		join(c, c->nsrc);
		if (ki_writer_row(w, c->out->n, c->row, c->num) == -1)
			return written(c, w);
	}
	return 0;
}

/*
 * Write an inspection source's rows in file order, each with the grade of
 * the school's graded inspection before it where the file lacks that.
 */
static int
emit_inspections(struct ctx *c, size_t k, struct ki_writer *w)
{
	struct source *s = &c->src[k];
	long ig = src_index(s, "ofsted_grade"), iu = src_index(s, "urn");
	long idate = src_index(s, "ofsted_date");
	long inum = src_index(s, "inspection_number");
	char ybuf[16];
	size_t n, i, noyear = 0;

	for (n = 0; n < s->norder; n++) {
		const struct held *h = s->order[n], *p, *prev = NULL;
		const char *num = inum >= 0 ? h->v[inum] : NULL;
		char key[256];

		/* An inspection in an earlier Ofsted file is not repeated. */
		if (num != NULL && nsrc_insp(c) > 1) {
			snprintf(key, sizeof(key), "%s|%s", h->v[iu], num);
			if (ki_tab_get(c->seen, key) != NULL)
				continue;
			if (ki_tab_put(c->seen, key, c) == -1)
				return ki_err_set(&c->err, NULL, 0, NULL,
				    "out of memory");
		}

		for (i = 0; i < c->out->n; i++)
			c->row[i] = NULL;
		for (i = 0; i < s->ncols; i++)
			c->row[s->oidx[i]] = h->v[i];
		for (p = ki_tab_get(s->rows, h->v[iu]); p != NULL && p != h;
		    p = p->next)
			if (p->graded)
				prev = p;
		if (c->i_prev >= 0 && c->row[c->i_prev] == NULL && prev != NULL &&
		    ig >= 0)
			c->row[c->i_prev] = prev->v[ig];
		/* A snapshot's rows are the schools as at its date; an
		 * inspection of a period belongs to the year it fell in. */
		if (s->snap && s->cover[0] != '\0') {
			snprintf(ybuf, sizeof(ybuf), "%d",
			    ki_ofcover_year(s->cover));
			c->row[c->i_year] = ybuf;
		} else if (idate >= 0 && h->v[idate] != NULL) {
			int y = atoi(h->v[idate]), m = atoi(h->v[idate] + 5);

			snprintf(ybuf, sizeof(ybuf), "%d", m >= 9 ? y + 1 : y);
			c->row[c->i_year] = ybuf;
		}
		noyear += c->row[c->i_year] == NULL;
		join(c, k);
		if (ki_writer_row(w, c->out->n, c->row, c->num) == -1)
			return written(c, w);
	}
	if (noyear > 0 && s->kind == KI_MAP_INSPECTION)
		fprintf(stderr, "%s: %s: note: %zu %s no inspection date and so "
		    "no year; if the file is a \"latest inspections as at "
		    "DATE\" snapshot, give --ofsted-as-at DATE (or keep the "
		    "date in its name) and every row takes that date's year\n",
		    PROG, ki_reader_name(s->rd), noyear, noyear == 1 ?
		    "row has" : "rows have");
	return 0;
}

static int
is_numeric(enum ki_type t)
{
	return t == KI_T_NUMBER || t == KI_T_INT || t == KI_T_YEAR ||
	    t == KI_T_GRADE;
}

static int
run(struct ctx *c, struct ki_out *o, enum ki_fmt fmt)
{
	struct ki_writer *w = NULL;
	size_t k, pass, base = 0;
	int rc = -1, any_year = 0, joined_insp = 0;

	for (k = 0; k < c->nsrc; k++)
		if (open_source(c, &c->src[k]) == -1)
			return -1;
	if ((c->out = ki_hdr_new()) == NULL ||
	    (c->seen = ki_tab_new()) == NULL ||
	    (c->urns = ki_keys_new()) == NULL ||
	    out_col(c, "urn") < 0 || out_col(c, "year") < 0)
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	for (k = 0; k < c->nsrc; k++) {
		const struct source *s = &c->src[k];
		size_t j;

		any_year |= s->kind == KI_MAP_YEAR;
		/* Two per-year sources that can hold the same year are merged. */
		for (j = 0; j < k; j++) {
			if (s->kind == KI_MAP_YEAR && s->year != 0 &&
			    s->year == c->src[j].year && s->mappath != NULL &&
			    c->src[j].mappath != NULL &&
			    strcmp(s->mappath, c->src[j].mappath) == 0)
				return ki_err_set(&c->err, NULL, 0, NULL, "%s and %s "
				    "are both %s files for %d", c->src[j].path,
				    s->path, ki_map_name(s->map), s->year);
		}
		for (j = 0; j < k; j++)
			if (s->kind == KI_MAP_YEAR &&
			    c->src[j].kind == KI_MAP_YEAR &&
			    (s->year == 0 || c->src[j].year == 0 ||
			    s->year == c->src[j].year))
				c->merge = 1;
		if (c->merge && k >= 64)
			return ki_err_set(&c->err, NULL, 0, NULL, "at most 64 "
			    "sources when per-year sources share years");
	}
	if (!any_year)
		base = 0;
	else
		for (k = 0; k < c->nsrc; k++)
			if (c->src[k].kind == KI_MAP_YEAR) {
				base = k;
				break;
			}
	/* Column order: per-year sources, then inspections, then schools. */
	for (pass = 0; pass < 3; pass++)
		for (k = 0; k < c->nsrc; k++) {
			struct source *s = &c->src[k];
			int p = (any_year ? s->kind == KI_MAP_YEAR : k == base) ? 0 :
			    s->kind == KI_MAP_INSPECTION ? 1 : 2;

			/* Links are not columns of the rows they join. */
			if (s->kind == KI_MAP_LINKS && p != 0)
				continue;
			if ((size_t)p == pass && add_columns(c, s) == -1)
				return -1;
			if (p == 0 || pass != 2)
				continue;
			if (s->kind == KI_MAP_INSPECTION &&
			    c->src[base].kind != KI_MAP_INSPECTION)
				joined_insp = 1;
			if (s->kind == KI_MAP_SCHOOL &&
			    src_index(s, "ofsted_grade_latest") >= 0 &&
			    out_col(c, "ofsted_grade_latest_note") < 0)
				return -1;
		}
	if (joined_insp && (out_col(c, "ofsted_urn") < 0 ||
	    out_col(c, "ofsted_note") < 0))
		return -1;
	for (k = 0; k < c->nsrc; k++)
		if (c->src[k].kind == KI_MAP_LINKS && k != base &&
		    (out_col(c, "urn_predecessor") < 0 ||
		    out_col(c, "urn_successor") < 0 ||
		    out_col(c, "urn_links") < 0))
			return -1;
	c->i_urn = ki_hdr_index(c->out, "urn");
	c->i_year = ki_hdr_index(c->out, "year");
	c->i_succ = ki_hdr_index(c->out, "urn_successor");
	c->i_grade = ki_hdr_index(c->out, "ofsted_grade");
	c->i_prev = ki_hdr_index(c->out, "ofsted_prev_grade");
	c->i_phase = ki_hdr_index(c->out, "phase");
	c->i_ourn = ki_hdr_index(c->out, "ofsted_urn");
	c->i_onote = ki_hdr_index(c->out, "ofsted_note");
	c->i_lnote = ki_hdr_index(c->out, "ofsted_grade_latest_note");
	c->i_pred = ki_hdr_index(c->out, "urn_predecessor");
	c->i_links = ki_hdr_index(c->out, "urn_links");
	/* Rows are held to the end when a DfE row's URN_AC may name an
	 * academy that takes the closed school's grade. */
	if (joined_insp && any_year && c->i_succ >= 0 && c->nsrc <= 64)
		c->merge = 1;
	if ((c->row = calloc(c->out->n, sizeof(char *))) == NULL ||
	    (c->num = calloc(c->out->n, 1)) == NULL)
		return ki_err_set(&c->err, NULL, 0, NULL, "out of memory");
	/* NDJSON writes numbers bare: canonical ones, and what maps convert. */
	for (k = 0; k < c->out->n; k++)
		c->num[k] = is_numeric(ki_canon_type(c->out->names[k], NULL));
	for (k = 0; k < c->nsrc; k++) {
		const struct source *s = &c->src[k];
		size_t i;

		for (i = 0; s->map != NULL && i < s->ncols; i++)
			if (is_numeric(ki_map_col_type(s->map, i)))
				c->num[s->oidx[i]] = 1;
	}
	for (k = 0; k < c->nsrc; k++) {
		struct source *s = &c->src[k];

		if (s->kind == KI_MAP_YEAR && any_year)
			continue;
		if (!any_year && k == base && s->kind != KI_MAP_INSPECTION &&
		    s->kind != KI_MAP_LINKS)
			continue;
		if (load(c, s) == -1)
			return -1;
		if (s->kind == KI_MAP_INSPECTION)
			set_cover(c, s, joined_insp);
		else if (s->kind == KI_MAP_SCHOOL)
			extract_date(s->path, s->asat);
	}
	if ((w = ki_writer_new(o->fp, fmt)) == NULL ||
	    ki_writer_header(w, c->out->n, (const char *const *)c->out->names)
	    == -1) {
		rc = w == NULL || ki_writer_oom(w) ? ki_err_set(&c->err, NULL, 0,
		    NULL, "out of memory") : ki_err_set(&c->err, NULL, 0, NULL,
		    "write error");
		ki_writer_free(w);
		return rc;
	}
	for (k = 0; k < c->nsrc; k++) {
		/* Ofsted files alone: every file's inspections, each once. */
		if (!any_year && c->src[base].kind == KI_MAP_INSPECTION &&
		    c->src[k].kind == KI_MAP_INSPECTION) {
			if (emit_inspections(c, k, w) == -1)
				goto done;
			continue;
		}
		if (any_year ? c->src[k].kind != KI_MAP_YEAR : k != base)
			continue;
		if (c->src[k].kind == KI_MAP_INSPECTION ||
		    c->src[k].kind == KI_MAP_LINKS) {
			if (emit_inspections(c, k, w) == -1)
				goto done;
		} else if (stream(c, k, w) == -1)
			goto done;
	}
	if (c->merge && flush_merged(c, w) == -1)
		goto done;
	for (k = 0; k < c->nsrc; k++)
		if (ki_reader_long_rows(c->src[k].rd) > 0)
			fprintf(stderr, "%s: %s: note: %ld rows had more fields "
			    "than the header; the fields past it were dropped\n",
			    PROG, ki_reader_name(c->src[k].rd),
			    ki_reader_long_rows(c->src[k].rd));
	rc = 0;
done:
	ki_writer_free(w);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct ctx c;
	struct ki_out o;
	enum ki_fmt fmt = KI_FMT_CSV;
	const char *outfile = NULL, *mapfile = NULL;
	int ch, i, rc = KI_EXIT_OK;

	memset(&c, 0, sizeof(c));
	argv[0] = (char *)PROG;	/* getopt's messages name the program so */
	ki_cli_quiet(PROG, &argc, argv);
	while ((ch = getopt_long(argc, argv, "y:o:vhV", longopts, NULL)) != -1)
		switch (ch) {
		case 'y':
		case OPT_FORCE_YEAR:
			if (ki_num_year(optarg, &i) == -1) {
				fprintf(stderr, "%s: --%s: \"%s\" is not a year "
				    "such as 2019\n", PROG, ch == 'y' ? "year" :
				    "force-year", optarg);
				usage(stderr, KI_EXIT_USAGE);
			}
			if (c.year_opt != 0 && (c.year_opt != i ||
			    c.force_year != (ch != 'y'))) {
				fprintf(stderr, "%s: --year or --force-year, once\n",
				    PROG);
				usage(stderr, KI_EXIT_USAGE);
			}
			c.year_opt = i;
			c.force_year = ch != 'y';
			break;
		case 'o':
			outfile = optarg;
			break;
		case OPT_MAP:
			mapfile = optarg;
			break;
		case OPT_OFSTED_AS_AT: {
			char msg[160];

			if (ki_val_norm(KI_T_DATE, optarg, c.as_at, sizeof(c.as_at),
			    msg, sizeof(msg)) != 1) {
				fprintf(stderr, "%s: --ofsted-as-at: \"%s\" is not "
				    "a date such as 2026-05-31\n", PROG, optarg);
				usage(stderr, KI_EXIT_USAGE);
			}
			break;
		}
		case OPT_OFSTED_PERIOD:
			if (ki_ofcover_period_arg(optarg, c.per_from,
			    c.per_to) == -1) {
				fprintf(stderr, "%s: --ofsted-period: \"%s\" is "
				    "not FROM:TO, two dates such as "
				    "2014-10-01:2014-12-31\n", PROG, optarg);
				usage(stderr, KI_EXIT_USAGE);
			}
			break;
		case 'v':
			c.verbose = 1;
			break;
		case OPT_CSV:
			fmt = KI_FMT_CSV;
			break;
		case OPT_JSON:
			fmt = KI_FMT_JSON;
			break;
		case OPT_LIST:
			return ki_cli_list(PROG, "maps");
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
	if (c.as_at[0] != '\0' && c.per_from[0] != '\0') {
		fprintf(stderr, "%s: --ofsted-as-at or --ofsted-period, not "
		    "both\n", PROG);
		usage(stderr, KI_EXIT_USAGE);
	}
	if (argc == 0) {
		fprintf(stderr, "%s: no sources given\n", PROG);
		usage(stderr, KI_EXIT_USAGE);
	}
	c.nsrc = (size_t)argc;
	if ((c.src = calloc(c.nsrc, sizeof(*c.src))) == NULL) {
		fprintf(stderr, "%s: out of memory\n", PROG);
		return KI_EXIT_DATA;
	}
	for (i = 0; i < argc; i++) {
		c.src[i].arg = argv[i];
		c.src[i].yearcol = -1;
	}
	for (i = 0; i < argc; i++)
		if (parse_source(&c.src[i], mapfile, &c.err) == -1) {
			ki_diag(PROG, &c.err);
			if (ki_err_oom(&c.err))
				return KI_EXIT_DATA;
			usage(stderr, KI_EXIT_USAGE);
		}
	if (ki_canon_load(&c.err) == -1 ||
	    ki_out_open(&o, outfile, &c.err) == -1) {
		ki_diag(PROG, &c.err);
		rc = KI_EXIT_DATA;
	} else
		rc = ki_cli_finish(PROG, &o, run(&c, &o, fmt), &c.err);
	for (i = 0; i < argc; i++) {
		ki_reader_close(c.src[i].rd);
		ki_map_free(c.src[i].map);
		ki_tab_free(c.src[i].rows, free_held);
		ki_tab_free(c.src[i].back, NULL);
		free(c.src[i].oidx);
		free(c.src[i].vals);
		free(c.src[i].types);
		free(c.src[i].mappath);
		free(c.src[i].order);
		free(c.src[i].tag);
	}
	for (i = 0; i < (int)c.nlay; i++) {
		ki_map_free(c.lay[i].map);
		free(c.lay[i].path);
	}
	free(c.lay);
	free(c.src);
	free(c.row);
	free(c.num);
	ki_hdr_free(c.out);
	ki_tab_free(c.seen, c.merge ? free_merged : NULL);
	ki_keys_free(c.urns);
	ki_preds_free(c.preds);
	free(c.ymask);
	return rc;
}

/* ki-import: DfE, Ofsted, GIAS and LA files in, canonical records out. */
#include <sys/stat.h>

#include <dirent.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ki/cli.h"
#include "ki/err.h"
#include "ki/keys.h"
#include "ki/exit.h"
#include "ki/map.h"
#include "ki/num.h"
#include "ki/out.h"
#include "ki/rec.h"
#include "ki/share.h"
#include "ki/tab.h"
#include "ki/urn.h"
#include "ki/val.h"
#include "ki/wr.h"

#define PROG "ki-import"

enum { OPT_CSV = 256, OPT_JSON, OPT_LIST, OPT_MAP, OPT_FORCE_YEAR };

/* Ask which layout a header has only of this many shipped maps. */
#define MAX_LAYOUTS 64

static const struct option longopts[] = {
	{ "year", required_argument, NULL, 'y' },
	{ "force-year", required_argument, NULL, OPT_FORCE_YEAR },
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
};

/* A row kept from a school or inspection source. */
struct held {
	char **v;		/* the source's output columns */
	char date[11];		/* inspection: when its judgement took effect */
	int graded;
	long line;
	size_t src;		/* merged rows: the first source */
	uint64_t srcs;		/* merged rows: every source, as bits */
	struct held *next;	/* the next row of the same urn */
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
	    "      --map FILE   the JSON column map for map: sources\n"
	    "      --csv        write CSV (the default)\n"
	    "      --json       write NDJSON\n"
	    "  -o, --output FILE  write to FILE, whole or not at all\n"
	    "  -v, --verbose    say which layout each file was read as\n"
	    "      --list       list the shipped maps\n"
	    "  -h, --help       show this help\n"
	    "  -V, --version    show the version\n\n"
	    "Rows come from the per-year sources (dfe-ks2, dfe-ks4, a local "
	    "sheet with a\nyear column); gias, ofsted and other per-school "
	    "sources are joined onto them\nby urn, Ofsted as the inspection in "
	    "force on 31 August of each row's year.\nWith no per-year source, "
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
		s->mappath = strdup(mapfile);
	} else if ((s->mappath = ki_share_find("maps", tag, err)) == NULL) {
		ki_err_set(err, NULL, 0, NULL, "%s: unknown source type \"%s\" "
		    "(see ki-import --list)", s->arg, tag);
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
		return ki_err_set(&c->err, NULL, 0, NULL, "cannot find the "
		    "shipped maps directory (set KI_DATADIR)");
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

/* Load a school or inspection source into memory, keyed by urn. */
static int
load(struct ctx *c, struct source *s)
{
	struct ki_rec *rec;
	long ig = src_index(s, "ofsted_grade");
	int rc;

	if ((s->rows = ki_tab_new()) == NULL)
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
		if (s->kind != KI_MAP_INSPECTION) {
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

/* Join the per-school sources onto the current output row. */
static void
join(struct ctx *c, size_t base)
{
	const char *urn = c->row[c->i_urn], *year = c->row[c->i_year];
	char cutoff[16];
	size_t k;

	if (year != NULL)
		snprintf(cutoff, sizeof(cutoff), "%s-08-31", year);
	/* Dated facts (inspections) first, then the undated ones. */
	for (k = 0; k < c->nsrc; k++) {
		const struct source *s = &c->src[k];
		struct held *h, *in = NULL, *prev = NULL;

		if (k == base || s->kind != KI_MAP_INSPECTION || urn == NULL)
			continue;
		for (h = ki_tab_get(s->rows, urn); h != NULL; h = h->next) {
			if (!h->graded || h->date[0] == '\0')
				continue;
			if (year != NULL && strcmp(h->date, cutoff) > 0)
				break;
			prev = in;
			in = h;
		}
		if (in == NULL)
			continue;
		fill(c, s, in->v);
		if (c->i_prev >= 0 && c->row[c->i_prev] == NULL && prev != NULL &&
		    c->i_grade >= 0) {
			long g = src_index(s, "ofsted_grade");

			if (g >= 0)
				c->row[c->i_prev] = prev->v[g];
		}
	}
	for (k = 0; k < c->nsrc; k++) {
		const struct source *s = &c->src[k];
		struct held *h;

		if (k == base || s->kind != KI_MAP_SCHOOL || urn == NULL)
			continue;
		if ((h = ki_tab_get(s->rows, urn)) != NULL)
			fill(c, s, h->v);
		else if (c->i_succ >= 0 && c->row[c->i_succ] != NULL &&
		    (h = ki_tab_get(s->rows, c->row[c->i_succ])) != NULL)
			fill_place(c, s, h->v);
	}
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
			return 0;
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

	while (ki_tab_next(c->seen, &pos, &key, &val)) {
		struct held *h = val;

		for (i = 0; i < c->out->n; i++)
			c->row[i] = h->v[i];
		join(c, c->nsrc);
		if (ki_writer_row(w, c->out->n, c->row, c->num) == -1)
			return 0;
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
	char ybuf[16];
	size_t n, i;

	for (n = 0; n < s->norder; n++) {
		const struct held *h = s->order[n], *p, *prev = NULL;

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
		/* An inspection belongs to the academic year it fell in. */
		if (idate >= 0 && h->v[idate] != NULL) {
			int y = atoi(h->v[idate]), m = atoi(h->v[idate] + 5);

			snprintf(ybuf, sizeof(ybuf), "%d", m >= 9 ? y + 1 : y);
			c->row[c->i_year] = ybuf;
		}
		join(c, k);
		if (ki_writer_row(w, c->out->n, c->row, c->num) == -1)
			return 0;	/* reported when the output is closed */
	}
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
	int rc = -1, any_year = 0;

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

			if ((size_t)p == pass && add_columns(c, s) == -1)
				return -1;
		}
	c->i_urn = ki_hdr_index(c->out, "urn");
	c->i_year = ki_hdr_index(c->out, "year");
	c->i_succ = ki_hdr_index(c->out, "urn_successor");
	c->i_grade = ki_hdr_index(c->out, "ofsted_grade");
	c->i_prev = ki_hdr_index(c->out, "ofsted_prev_grade");
	c->i_phase = ki_hdr_index(c->out, "phase");
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
		if (!any_year && k == base && s->kind != KI_MAP_INSPECTION)
			continue;
		if (load(c, s) == -1)
			return -1;
	}
	if ((w = ki_writer_new(o->fp, fmt)) == NULL ||
	    ki_writer_header(w, c->out->n, (const char *const *)c->out->names)
	    == -1) {
		ki_writer_free(w);
		return ki_err_set(&c->err, NULL, 0, NULL, "write error");
	}
	for (k = 0; k < c->nsrc; k++) {
		if (any_year ? c->src[k].kind != KI_MAP_YEAR : k != base)
			continue;
		if (c->src[k].kind == KI_MAP_INSPECTION) {
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
	free(c.ymask);
	return rc;
}

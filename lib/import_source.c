/* ki-import's sources: TAG:FILE parsed, opened and bound, rows read. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ki/import_int.h"
#include "ki/share.h"

/* The year of per-year source s: --year, its file name or its columns. */

static int
set_year(struct ki_imp *c, struct ki_imp_src *s)
{
	int fy, sy = 0;

	if (c->opt->year && c->opt->force_year) {
		s->year = c->opt->year;
		return 0;
	}
	fy = ki_imp_year_from_name(s->path);
	if (s->map != NULL && ki_map_year_from_suffix(s->map))
		sy = ki_imp_year_from_suffix(ki_reader_hdr(s->rd));
	/* --year may fill in a year, never relabel one the file gives. */
	if (c->opt->year && ((fy > 0 && fy != c->opt->year) ||
	    (sy > 0 && sy != c->opt->year)))
		return ki_err_set(c->err, s->path, 0, NULL, "--year %d, but "
		    "the %s %d: give --force-year %d if the file really is %d",
		    c->opt->year, fy > 0 && fy != c->opt->year ? "file name says" :
		    "prior-year columns say", fy > 0 && fy != c->opt->year ? fy :
		    sy, c->opt->year, c->opt->year);
	if (c->opt->year) {
		s->year = c->opt->year;
		return 0;
	}
	if (fy > 0 && sy > 0 && fy != sy)
		return ki_err_set(c->err, s->path, 0, NULL, "the file name "
		    "says %d but the prior-year columns say %d: give "
		    "--force-year", fy, sy);
	s->year = fy > 0 ? fy : sy;
	if (s->year == 0)
		return ki_err_set(c->err, s->path, 0, NULL, "cannot tell the "
		    "year: give --year, or put the year in the file name");
	return 0;
}

long
ki_imp_out_col(struct ki_imp *c, const char *name)
{
	long k = ki_hdr_index(c->out, name);

	if (k < 0 && (k = ki_hdr_add(c->out, name)) < 0)
		ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	return k;
}

/*
 * Split TAG:FILE and find the map for TAG. Returns 0, or -1 with err set
 * (a usage error: the source is not TAG:FILE or names no map).
 */
int
ki_imp_parse_source(struct ki_imp_src *s, const char *mapfile,
    struct ki_err *err)
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

/* Bind mapped source s to its header h and read only the columns it maps. */
static int
open_mapped(struct ki_imp *c, struct ki_imp_src *s, const struct ki_hdr *h)
{
	unsigned char *want;

	if (ki_map_bind(s->map, h, ki_reader_name(s->rd), c->err) == -1 ||
	    ki_imp_check_layout(c, s, h) == -1)
		return -1;
	if (c->opt->verbose)
		fprintf(c->note, "%s: %s: read as %s%s\n", KI_IMP_PROG,
		    ki_reader_name(s->rd), ki_map_name(s->map), s->title ?
		    " (the header is line 2, under a title line)" : "");
	s->ncols = ki_map_ncols(s->map);
	/* A DfE file has 300 columns; the map reads a few dozen. */
	if ((want = malloc(h->n + 1)) == NULL)
		return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	ki_map_used(s->map, want, h->n);
	if (ki_reader_want(s->rd, want, h->n) == -1) {
		free(want);
		return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	}
	free(want);
	return 0;
}

/* A local sheet: canonical column names, each checked by its type. */
static int
open_local(struct ki_imp *c, struct ki_imp_src *s, const struct ki_hdr *h)
{
	size_t i;

	if (ki_hdr_index(h, "urn") < 0)
		return ki_err_set(c->err, ki_reader_name(s->rd), 1, "urn",
		    "no such column in the header");
	if (c->opt->verbose)
		fprintf(c->note, "%s: %s: read as local\n", KI_IMP_PROG,
		    ki_reader_name(s->rd));
	s->yearcol = ki_hdr_index(h, "year");
	s->kind = s->yearcol >= 0 ? KI_MAP_YEAR : KI_MAP_SCHOOL;
	s->ncols = h->n;
	if ((s->types = calloc(h->n, sizeof(*s->types))) == NULL ||
	    (h->n > 0 && (s->buf = calloc(h->n, sizeof(*s->buf))) == NULL))
		return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < h->n; i++)
		s->types[i] = ki_canon_type(h->names[i], NULL);
	return 0;
}

/*
 * Open source s: its layout chosen where it has no tag or a family's,
 * its map loaded and bound, its year found. Returns 0, or -1 with err set.
 */
int
ki_imp_open_source(struct ki_imp *c, struct ki_imp_src *s)
{
	if ((s->detect || s->tag != NULL) && ki_imp_choose_layout(c, s) == -1)
		return -1;
	if (s->mappath != NULL) {
		if ((s->map = ki_map_load(s->mappath, c->err)) == NULL)
			return -1;
		s->kind = ki_map_kind(s->map);
	}
	s->rd = ki_reader_open(s->path, s->title ? KI_FMT_CSV : KI_FMT_AUTO,
	    (s->map ? ki_map_flags(s->map) : 0) |
	    (s->title ? KI_RD_SKIP_FIRST : 0), c->err);
	if (s->rd == NULL)
		return -1;
	if ((s->map != NULL ? open_mapped(c, s, ki_reader_hdr(s->rd)) :
	    open_local(c, s, ki_reader_hdr(s->rd))) == -1)
		return -1;
	if ((s->oidx = calloc(s->ncols, sizeof(size_t))) == NULL ||
	    (s->vals = calloc(s->ncols, sizeof(char *))) == NULL)
		return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	/* A map with a year column gives each row's year itself. */
	if (s->kind == KI_MAP_YEAR && s->map != NULL &&
	    ki_imp_src_index(s, "year") < 0 && set_year(c, s) == -1)
		return -1;
	/* A layout read on a year it does not cover would misread it. */
	if (s->map != NULL && s->year > 0 && !c->opt->force_year &&
	    !ki_map_covers(s->map, s->year)) {
		int lo, hi;
		const char *fam = ki_map_family(s->map);

		ki_map_years(s->map, &lo, &hi);
		return ki_err_set(c->err, s->path, 0, NULL, "the %s layout "
		    "covers %d to %d, but the file is of %d: tag it %s, or "
		    "give --force-year if that year is wrong",
		    ki_map_name(s->map), lo, hi, s->year,
		    fam ? fam : "with that year's layout");
	}
	return 0;
}

/* Free what s holds (not s itself). */
void
ki_imp_close_source(struct ki_imp_src *s)
{
	ki_reader_close(s->rd);
	ki_map_free(s->map);
	ki_imp_pack_free(&s->pack);
	ki_tab_free(s->rows, ki_imp_free_held);
	ki_tab_free(s->back, NULL);
	free(s->oidx);
	free(s->vals);
	free(s->buf);
	free(s->types);
	free(s->mappath);
	free(s->order);
	free(s->tag);
}

int
ki_imp_add_columns(struct ki_imp *c, struct ki_imp_src *s)
{
	size_t i;

	for (i = 0; i < s->ncols; i++) {
		const char *name = s->map ? ki_map_col(s->map, i) :
		    ki_reader_hdr(s->rd)->names[i];
		long k = ki_imp_out_col(c, name);

		if (k < 0)
			return -1;
		s->oidx[i] = (size_t)k;
	}
	return 0;
}

/* Values of the current record of s, in s->vals. 0 ok, 1 skip, -1 error. */
int
ki_imp_source_row(struct ki_imp *c, struct ki_imp_src *s,
    const struct ki_rec *rec)
{
	size_t i;

	if (s->map != NULL) {
		if (!ki_map_keep(s->map, rec))
			return 1;
		return ki_map_apply(s->map, rec, ki_reader_name(s->rd), s->vals,
		    c->err);
	}
	if (rec->n > s->ncols)
		return ki_err_set(c->err, ki_reader_name(s->rd), rec->line,
		    ki_reader_hdr(s->rd)->names[s->ncols], "not in the first "
		    "record: every NDJSON line of a local sheet needs the same "
		    "keys");
	for (i = 0; i < s->ncols; i++) {
		char msg[160];
		int rc;

		s->vals[i] = i < rec->n ? rec->v[i] : NULL;
		if (s->vals[i] == NULL || s->types[i] == KI_T_TEXT)
			continue;
		rc = ki_val_norm(s->types[i], s->vals[i], s->buf[i],
		    sizeof(s->buf[i]), msg, sizeof(msg));
		if (rc == -1)
			return ki_err_set(c->err, ki_reader_name(s->rd), rec->line,
			    ki_reader_hdr(s->rd)->names[i], "%s", msg);
		s->vals[i] = rc == 1 ? s->buf[i] : NULL;
	}
	return 0;
}

const char *
ki_imp_col_of(const struct ki_imp_src *s, const char *name)
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

long
ki_imp_src_index(const struct ki_imp_src *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->ncols; i++)
		if (strcmp(s->map ? ki_map_col(s->map, i) :
		    ki_reader_hdr(s->rd)->names[i], name) == 0)
			return (long)i;
	return -1;
}

/* The value of column name in held row h of source s, or NULL. */
const char *
ki_imp_hval(const struct ki_imp_src *s, const struct ki_imp_held *h,
    const char *name)
{
	long i = ki_imp_src_index(s, name);

	return i < 0 ? NULL : h->v[i];
}

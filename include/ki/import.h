/* ki-import's stage: DfE, Ofsted, GIAS and LA files in, canonical rows out. */
#ifndef KI_IMPORT_H
#define KI_IMPORT_H

#include <stdio.h>

#include "ki/err.h"
#include "ki/rec.h"

struct ki_import_opts {
	char *const *sources;	/* TAG:FILE, or FILE to detect its layout */
	size_t nsrc;
	const char *mapfile;	/* --map: the map of map: sources, or NULL */
	int year;		/* --year or --force-year, or 0 */
	int force_year;		/* year wins over the file name and columns */
	char as_at[11];		/* --ofsted-as-at (yyyy-mm-dd), or "" */
	char per_from[11], per_to[11];	/* --ofsted-period, or "" */
	int verbose;		/* say how each file was read */
	enum ki_fmt fmt;	/* KI_FMT_CSV or KI_FMT_JSON */
	FILE *note;		/* notes and --verbose lines; NULL: stderr */
};

/*
 * Check the sources' form (TAG:FILE naming a known map, or an existing
 * FILE) without reading them. Returns 0, or -1 with err set: a usage
 * error, unless ki_err_oom(err).
 */
int ki_import_check(const struct ki_import_opts *o, struct ki_err *err);

/*
 * The whole of ki-import: read every source, join the per-school ones onto
 * the rows of the per-year ones and write the rows to out in o->fmt.
 * Needs ki_canon_load first. Returns 0, or -1 with err set (the output
 * is then partial: the caller discards it). A write error on out is left
 * for the caller to find when it closes out.
 */
int ki_import_run(const struct ki_import_opts *o, FILE *out,
    struct ki_err *err);

#endif

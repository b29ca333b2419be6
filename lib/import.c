/* ki_import_run: ki-import's stage, its sources read, joined and written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/import_int.h"
#include "ki/ofcover.h"
#include "ki/urn.h"

/*
 * After a row the writer refused: -1 with err set out of memory, else 0 (a
 * write error is reported when the output is closed).
 */
int
ki_imp_written(struct ki_imp *c, const struct ki_writer *w)
{
	if (ki_writer_oom(w))
		return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	return 0;
}

/* "URN|YEAR" (YEAR may be NULL) into key (size n), as snprintf would. */
static void
row_key(char *key, size_t n, const char *urn, const char *y)
{
	size_t lu = strlen(urn), ly = y != NULL ? strlen(y) : 0;

	if (lu + ly + 2 > n) {
		snprintf(key, n, "%s|%s", urn, y ? y : "");
		return;
	}
	memcpy(key, urn, lu);
	key[lu] = '|';
	if (ly > 0)
		memcpy(key + lu + 1, y, ly);
	key[lu + 1 + ly] = '\0';
}

/* Stream the rows of source k, join the others, write them. */
static int
stream(struct ki_imp *c, size_t k, struct ki_writer *w)
{
	struct ki_imp_src *s = &c->src[k];
	struct ki_rec *rec;
	char syear[16], oyear[16], key[512];
	int seen;
	int rc;

	/* The years a row may be given, written once. */
	snprintf(syear, sizeof(syear), "%d", s->year);
	snprintf(oyear, sizeof(oyear), "%d", c->opt->year);
	while ((rc = ki_reader_next(s->rd, &rec, c->err)) == 1) {
		size_t i;

		if ((rc = ki_imp_source_row(c, s, rec)) == -1)
			return -1;
		if (rc == 1)
			continue;
		for (i = 0; i < c->out->n; i++)
			c->row[i] = NULL;
		for (i = 0; i < s->ncols; i++)
			c->row[s->oidx[i]] = s->vals[i];
		if (c->row[c->i_urn] == NULL)
			return ki_err_set(c->err, ki_reader_name(s->rd), rec->line,
			    "urn", "blank");
		/* A mapped source's URN column is not the reader's urn. */
		if (ki_urn_check(c->row[c->i_urn], ki_reader_name(s->rd),
		    rec->line, c->err) == -1)
			return -1;
		if (s->year > 0)
			c->row[c->i_year] = syear;
		else if (c->opt->year && c->row[c->i_year] == NULL)
			c->row[c->i_year] = oyear;
		if (s->kind != KI_MAP_INSPECTION) {
			const char *y = c->row[c->i_year];

			if (y == NULL && s->kind == KI_MAP_YEAR)
				return ki_err_set(c->err, ki_reader_name(s->rd),
				    rec->line, "year", "blank");
			row_key(key, sizeof(key), c->row[c->i_urn], y);
			if (!c->merge && (seen = ki_imp_see(c, key, y)) != 0) {
				if (seen == -1)
					return ki_err_set(c->err, NULL, 0,
					    NULL, "out of memory");
				return ki_err_set(c->err, ki_reader_name(s->rd),
				    rec->line, "urn", "school %s appears twice%s%s",
				    c->row[c->i_urn], y ? " for " : "", y ? y : "");
			}
		}
		if (c->merge) {
			if (ki_imp_hold(c, key, k, rec->line) == -1)
				return -1;
			continue;
		}
		if (c->spool != NULL) {
			if (ki_imp_spool_row(c, rec->line) == -1)
				return -1;
			continue;
		}
		ki_imp_join(c, k);
		/* A write error is reported when the output is closed. */
		if (ki_writer_row(w, c->out->n, c->row, c->num) == -1)
			return ki_imp_written(c, w);
	}
	return rc;
}

/*
 * Write an inspection source's rows in file order, each with the grade of
 * the school's graded inspection before it where the file lacks that.
 */
static int
emit_inspections(struct ki_imp *c, size_t k, struct ki_writer *w)
{
	struct ki_imp_src *s = &c->src[k];
	long ig = ki_imp_src_index(s, "ofsted_grade");
	long iu = ki_imp_src_index(s, "urn");
	long idate = ki_imp_src_index(s, "ofsted_date");
	long inum = ki_imp_src_index(s, "inspection_number");
	char ybuf[16];
	size_t n, i, noyear = 0;

	for (n = 0; n < s->norder; n++) {
		const struct ki_imp_held *h = s->order[n], *p, *prev = NULL;
		const char *num = inum >= 0 ? h->v[inum] : NULL;
		char key[256];

		/* An inspection in an earlier Ofsted file is not repeated. */
		if (num != NULL && ki_imp_nsrc_insp(c) > 1) {
			snprintf(key, sizeof(key), "%s|%s", h->v[iu], num);
			if (ki_tab_get(c->seen, key) != NULL)
				continue;
			if (ki_tab_put(c->seen, key, c) == -1)
				return ki_err_set(c->err, NULL, 0, NULL,
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
		ki_imp_join(c, k);
		if (ki_writer_row(w, c->out->n, c->row, c->num) == -1)
			return ki_imp_written(c, w);
	}
	if (noyear > 0 && s->kind == KI_MAP_INSPECTION)
		fprintf(c->note, "%s: %s: note: %zu %s no inspection date and "
		    "so no year; if the file is a \"latest inspections as at "
		    "DATE\" snapshot, give --ofsted-as-at DATE (or keep the "
		    "date in its name) and every row takes that date's year\n",
		    KI_IMP_PROG, ki_reader_name(s->rd), noyear, noyear == 1 ?
		    "row has" : "rows have");
	return 0;
}

static int
is_numeric(enum ki_type t)
{
	return t == KI_T_NUMBER || t == KI_T_INT || t == KI_T_YEAR ||
	    t == KI_T_GRADE;
}

/*
 * Which sources give the rows (the per-year ones, else the first) and
 * whether per-year sources share years, so that their rows merge.
 */
static int
plan_sources(struct ki_imp *c)
{
	size_t k, j;

	for (k = 0; k < c->nsrc; k++) {
		const struct ki_imp_src *s = &c->src[k];

		c->any_year |= s->kind == KI_MAP_YEAR;
		/* Two per-year sources that can hold the same year are merged. */
		for (j = 0; j < k; j++) {
			if (s->kind == KI_MAP_YEAR && s->year != 0 &&
			    s->year == c->src[j].year && s->mappath != NULL &&
			    c->src[j].mappath != NULL &&
			    strcmp(s->mappath, c->src[j].mappath) == 0)
				return ki_err_set(c->err, NULL, 0, NULL, "%s and "
				    "%s are both %s files for %d", c->src[j].path,
				    s->path, ki_map_name(s->map), s->year);
		}
		for (j = 0; j < k; j++)
			if (s->kind == KI_MAP_YEAR &&
			    c->src[j].kind == KI_MAP_YEAR &&
			    (s->year == 0 || c->src[j].year == 0 ||
			    s->year == c->src[j].year))
				c->merge = 1;
		if (c->merge && k >= 64)
			return ki_err_set(c->err, NULL, 0, NULL, "at most 64 "
			    "sources when per-year sources share years");
	}
	c->base = 0;
	for (k = 0; c->any_year && k < c->nsrc; k++)
		if (c->src[k].kind == KI_MAP_YEAR) {
			c->base = k;
			break;
		}
	return 0;
}

/*
 * The output columns: the per-year sources' (or the first source's), then
 * the inspections', then the schools', then the notes the joins add.
 */
static int
lay_columns(struct ki_imp *c)
{
	size_t k, pass;

	for (pass = 0; pass < 3; pass++)
		for (k = 0; k < c->nsrc; k++) {
			struct ki_imp_src *s = &c->src[k];
			int p = (c->any_year ? s->kind == KI_MAP_YEAR :
			    k == c->base) ? 0 : s->kind == KI_MAP_INSPECTION ?
			    1 : 2;

			/* Links are not columns of the rows they join. */
			if (s->kind == KI_MAP_LINKS && p != 0)
				continue;
			if ((size_t)p == pass && ki_imp_add_columns(c, s) == -1)
				return -1;
			if (p == 0 || pass != 2)
				continue;
			if (s->kind == KI_MAP_INSPECTION &&
			    c->src[c->base].kind != KI_MAP_INSPECTION)
				c->joined_insp = 1;
			if (s->kind == KI_MAP_SCHOOL &&
			    ki_imp_src_index(s, "ofsted_grade_latest") >= 0 &&
			    ki_imp_out_col(c, "ofsted_grade_latest_note") < 0)
				return -1;
		}
	if (c->joined_insp && (ki_imp_out_col(c, "ofsted_urn") < 0 ||
	    ki_imp_out_col(c, "ofsted_note") < 0))
		return -1;
	for (k = 0; k < c->nsrc; k++)
		if (c->src[k].kind == KI_MAP_LINKS && k != c->base &&
		    (ki_imp_out_col(c, "urn_predecessor") < 0 ||
		    ki_imp_out_col(c, "urn_successor") < 0 ||
		    ki_imp_out_col(c, "urn_links") < 0))
			return -1;
	return 0;
}

/* The row, the named columns' indices and which columns are numbers. */
static int
set_row(struct ki_imp *c)
{
	size_t k, i;

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
	/*
	 * Rows are held to the end when a DfE row's URN_AC may name an
	 * academy that takes the closed school's grade: on disk, unless rows
	 * of several sources merge anyway.
	 */
	if (c->joined_insp && c->any_year && c->i_succ >= 0 && c->nsrc <= 64 &&
	    !c->merge && (c->spool = ki_rowspool_new(c->err)) == NULL)
		return -1;
	if ((c->row = calloc(c->out->n, sizeof(char *))) == NULL ||
	    (c->num = calloc(c->out->n, 1)) == NULL)
		return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	/* NDJSON writes numbers bare: canonical ones, and what maps convert. */
	for (k = 0; k < c->out->n; k++)
		c->num[k] = is_numeric(ki_canon_type(c->out->names[k], NULL));
	for (k = 0; k < c->nsrc; k++) {
		const struct ki_imp_src *s = &c->src[k];

		for (i = 0; s->map != NULL && i < s->ncols; i++)
			if (is_numeric(ki_map_col_type(s->map, i)))
				c->num[s->oidx[i]] = 1;
	}
	return 0;
}

/* Load every source that is joined (all but those that give the rows). */
static int
load_sources(struct ki_imp *c)
{
	size_t k;

	for (k = 0; k < c->nsrc; k++) {
		struct ki_imp_src *s = &c->src[k];

		if (s->kind == KI_MAP_YEAR && c->any_year)
			continue;
		if (!c->any_year && k == c->base &&
		    s->kind != KI_MAP_INSPECTION && s->kind != KI_MAP_LINKS)
			continue;
		if (ki_imp_load(c, s) == -1)
			return -1;
		if (s->kind == KI_MAP_INSPECTION)
			ki_imp_set_cover(c, s, c->joined_insp);
		else if (s->kind == KI_MAP_SCHOOL)
			ki_imp_extract_date(s->path, s->asat);
	}
	return 0;
}

/* Write the rows: those of the sources that give them, joined. */
static int
write_rows(struct ki_imp *c, struct ki_writer *w)
{
	size_t k;

	for (k = 0; k < c->nsrc; k++) {
		const struct ki_imp_src *s = &c->src[k];

		/* Ofsted files alone: every file's inspections, each once. */
		if (!c->any_year && c->src[c->base].kind == KI_MAP_INSPECTION &&
		    s->kind == KI_MAP_INSPECTION) {
			if (emit_inspections(c, k, w) == -1)
				return -1;
			continue;
		}
		if (c->any_year ? s->kind != KI_MAP_YEAR : k != c->base)
			continue;
		if (s->kind == KI_MAP_INSPECTION || s->kind == KI_MAP_LINKS) {
			if (emit_inspections(c, k, w) == -1)
				return -1;
		} else if (stream(c, k, w) == -1)
			return -1;
	}
	if (c->merge && ki_imp_flush_merged(c, w) == -1)
		return -1;
	if (c->spool != NULL && ki_imp_flush_spool(c, w) == -1)
		return -1;
	for (k = 0; k < c->nsrc; k++)
		if (ki_reader_long_rows(c->src[k].rd) > 0)
			fprintf(c->note, "%s: %s: note: %ld rows had more fields "
			    "than the header; the fields past it were dropped\n",
			    KI_IMP_PROG, ki_reader_name(c->src[k].rd),
			    ki_reader_long_rows(c->src[k].rd));
	return 0;
}

static int
run(struct ki_imp *c, FILE *out)
{
	struct ki_writer *w;
	size_t k;
	int rc;

	for (k = 0; k < c->nsrc; k++)
		if (ki_imp_open_source(c, &c->src[k]) == -1)
			return -1;
	if ((c->out = ki_hdr_new()) == NULL ||
	    (c->seen = ki_tab_new()) == NULL ||
	    (c->urns = ki_urnset_new()) == NULL ||
	    ki_imp_out_col(c, "urn") < 0 || ki_imp_out_col(c, "year") < 0)
		return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	if (plan_sources(c) == -1 || lay_columns(c) == -1 || set_row(c) == -1 ||
	    load_sources(c) == -1)
		return -1;
	if ((w = ki_writer_new(out, c->opt->fmt)) == NULL ||
	    ki_writer_header(w, c->out->n, (const char *const *)c->out->names)
	    == -1) {
		rc = w == NULL || ki_writer_oom(w) ? ki_err_set(c->err, NULL, 0,
		    NULL, "out of memory") : ki_err_set(c->err, NULL, 0, NULL,
		    "write error");
		ki_writer_free(w);
		return rc;
	}
	rc = write_rows(c, w);
	ki_writer_free(w);
	return rc;
}

/* The sources of o, parsed into c->src. Returns 0, or -1 with err set. */
static int
parse_sources(struct ki_imp *c, const struct ki_import_opts *o,
    struct ki_err *err)
{
	size_t i;

	c->nsrc = o->nsrc;
	if ((c->src = calloc(c->nsrc ? c->nsrc : 1, sizeof(*c->src))) == NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < c->nsrc; i++) {
		c->src[i].arg = o->sources[i];
		c->src[i].yearcol = -1;
	}
	for (i = 0; i < c->nsrc; i++)
		if (ki_imp_parse_source(&c->src[i], o->mapfile, err) == -1)
			return -1;
	return 0;
}

static void
imp_free(struct ki_imp *c)
{
	size_t i;

	for (i = 0; c->src != NULL && i < c->nsrc; i++)
		ki_imp_close_source(&c->src[i]);
	ki_imp_layouts_free(&c->lays);
	free(c->src);
	free(c->row);
	free(c->num);
	ki_hdr_free(c->out);
	ki_tab_free(c->seen, c->merge ? ki_imp_free_merged : NULL);
	ki_urnset_free(c->urns);
	ki_preds_free(c->preds);
	ki_rowspool_free(c->spool);
	free(c->ymask);
}

int
ki_import_check(const struct ki_import_opts *o, struct ki_err *err)
{
	struct ki_imp c;
	int rc;

	memset(&c, 0, sizeof(c));
	rc = parse_sources(&c, o, err);
	imp_free(&c);
	return rc;
}

int
ki_import_run(const struct ki_import_opts *o, FILE *out, struct ki_err *err)
{
	struct ki_imp c;
	int rc;

	memset(&c, 0, sizeof(c));
	c.opt = o;
	c.err = err;
	c.note = o->note != NULL ? o->note : stderr;
	rc = parse_sources(&c, o, err);
	if (rc == 0)
		rc = run(&c, out);
	imp_free(&c);
	return rc;
}

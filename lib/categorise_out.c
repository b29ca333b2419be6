/* The categorise stage's output: each school's as-at row, categorised. */
#include <stdlib.h>
#include <string.h>

#include "ki/buf.h"
#include "ki/categorise.h"
#include "ki/wr.h"

#define NADDED 3

/* The school whose history the conditions read, and whose years they were. */
struct hist_arg {
	const struct ki_cat *c;
	uint32_t school;
	struct ki_hist_from from;
};

/* The value of input column col for the school in year (for conditions). */
static const char *
hist(void *arg, long col, int year)
{
	struct hist_arg *a = arg;
	const struct ki_cat *c = a->c;
	const struct ki_sy *y;
	size_t k;

	for (k = 0; k < c->hcols->n; k++)
		if (c->hidx[k] == col)
			break;
	if (k == c->hcols->n)
		return NULL;
	/* A year before the school's own: its predecessor's, if any. */
	y = ki_hist_find(&c->hist, a->school, year, &a->from);
	return y == NULL ? NULL : ki_rowvals_get(&c->vals, y->data, k);
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
say_notes(const struct ki_cat *c, const struct ki_sy *y, struct ki_buf *why)
{
	const char *n;

	if (names_col(ki_buf_str(why), "ofsted_grade") && (n =
	    ki_rowvals_get(&c->vals, y->data, (size_t)c->h_note)) != NULL)
		ki_buf_cat(why, "; ofsted_grade: ", n, (char *)NULL);
	if (names_col(ki_buf_str(why), "ofsted_grade_latest") && (n =
	    ki_rowvals_get(&c->vals, y->data, (size_t)c->h_lnote)) != NULL)
		ki_buf_cat(why, "; ofsted_grade_latest: ", n, (char *)NULL);
}

/*
 * Whether school k, whose as-at row is y (or NULL), closed before the end
 * of the as-at year: counted, not categorised (GIAS CloseDate; ISO dates
 * compare as text).
 */
static int
closed(const struct ki_cat *c, const struct ki_sy *y, int year)
{
	const char *cd;
	char end[16];

	if (y == NULL || c->hidx[c->i_close] < 0)
		return 0;
	cd = ki_rowvals_get(&c->vals, y->data, (size_t)c->i_close);
	snprintf(end, sizeof(end), "%04d-08-31", year);
	return cd != NULL && *cd != '\0' && strcmp(cd, end) < 0;
}

/*
 * Choose school k's category as at year into ch; row has room for the
 * input's columns. Returns 0, 1 when it closed before then, or -1.
 */
static int
choose(struct ki_cat *c, uint32_t k, int year, const char **row,
    struct ki_choice *ch)
{
	struct hist_arg a = { c, k, { -1, 0, 0 } };
	struct ki_cond_ctx cx;
	const struct ki_sy *y;
	size_t i;

	/* The conditions read only the scheme's columns. */
	for (i = 0; i < c->in->n; i++)
		row[i] = NULL;
	if ((y = ki_syears_find(&c->hist.years, k, year)) != NULL)
		for (i = 0; i < c->hcols->n; i++)
			if (c->hidx[i] >= 0)
				row[c->hidx[i]] = ki_rowvals_get(&c->vals,
				    y->data, i);
	if (closed(c, y, year))
		return 1;
	cx.row = row;
	cx.year = year;
	cx.hist = hist;
	cx.arg = &a;
	cx.notes = NULL;
	if (ki_scheme_choose(c->scheme, &cx, ch, c->err) == -1) {
		struct ki_err e = *c->err;
		char ub[16];

		return ki_err_set(c->err, NULL, 0, e.field, "school %s, %d: %s",
		    ki_hist_urn(&c->hist, (long)k, ub, sizeof(ub)), year,
		    e.msg);
	}
	if (y != NULL)
		say_notes(c, y, &ch->why);
	if (a.from.school >= 0) {
		char yrs[32], ub[16];

		ki_hist_years(&a.from, yrs, sizeof(yrs));
		ki_buf_cat(&ch->why, "; ", yrs, " from the predecessor, URN ",
		    ki_hist_urn(&c->hist, a.from.school, ub, sizeof(ub)),
		    (char *)NULL);
	}
	return 0;
}

/* The output's columns: the input's and the added ones. */
static const char **
out_names(const struct ki_cat *c)
{
	const char **names = calloc(c->in->n + c->nfull, sizeof(*names));
	size_t i;

	if (names == NULL)
		return NULL;
	for (i = 0; i < c->in->n; i++)
		names[i] = c->in->names[i];
	for (i = 0; i < c->nfull; i++)
		names[c->in->n + i] = c->full[i];
	return names;
}

/* The schools whose as-at row is of year, in the order they came. */
static int
each_school(struct ki_cat *c, int year, struct ki_writer *w,
    const char **names)
{
	size_t nin = c->in->n, ns = c->nfull - NADDED, i, k, len;
	size_t nschool = ki_hist_nschools(&c->hist);
	const char **row = calloc(nin + 1, sizeof(*row));
	const char **tail = calloc(c->nfull, sizeof(*tail));
	struct ki_choice ch = { 0 };
	const char *text;
	int rc = 0;

	if (row == NULL || tail == NULL)
		rc = ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	for (k = 0; rc == 0 && k < nschool; k++) {
		/* A school with a row of the as-at year: its last spooled. */
		if (ki_syears_find(&c->hist.years, (uint32_t)k, year) == NULL)
			continue;
		if ((rc = choose(c, (uint32_t)k, year, row, &ch)) == 1) {
			c->nclosed++;
			rc = 0;
			continue;
		}
		tail[0] = ch.category;
		tail[1] = ki_scheme_name(c->scheme);
		tail[2] = ki_buf_str(&ch.why);
		for (i = 0; i < ns; i++)
			tail[NADDED + i] = ch.set[i];
		/* The spooled row, less its end, then the added cells. */
		if (rc == 0 && (rc = ki_spool_get(c->spool, c->at[k], NULL,
		    &text, &len, c->err)) == 1 && (rc = ki_writer_extend(w, text,
		    len, c->nfull, names + nin, tail, NULL)) == -1) {
			rc = ki_writer_oom(w) ? ki_err_set(c->err, NULL, 0, NULL,
			    "out of memory") : 0;
			break;	/* a write error: reported at the close */
		}
	}
	ki_choice_free(&ch);
	free(row);
	free(tail);
	return rc;
}

int
ki_cat_write(struct ki_cat *c, FILE *fp, enum ki_fmt fmt)
{
	size_t n = c->in->n + c->nfull;
	int year = c->o->year ? c->o->year : c->latest;
	struct ki_writer *w;
	const char **names;
	int rc = 0;

	if ((names = out_names(c)) == NULL ||
	    (w = ki_writer_new(fp, fmt)) == NULL) {
		free(names);
		return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	}
	if (fmt == KI_FMT_CSV ? ki_writer_header(w, n, names) :
	    ki_writer_names(w, n, names)) {
		if (ki_writer_oom(w))
			rc = ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	} else
		rc = each_school(c, year, w, names);
	if (rc == 0 && c->nclosed > 0 && c->o->diag != NULL)
		fprintf(c->o->diag, "%s: note: %ld school%s closed before "
		    "%d-08-31 (close_date) not categorised\n", c->o->prog,
		    c->nclosed, c->nclosed == 1 ? "" : "s", year);
	ki_writer_free(w);
	free(names);
	return rc;
}

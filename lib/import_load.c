/* ki-import's per-school and inspection sources, kept by urn. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/import_int.h"
#include "ki/urn.h"

/* Free a held row and those after it (its next). */
void
ki_imp_free_held(void *p)
{
	struct ki_imp_held *h = p, *next;

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
judged(const struct ki_imp_src *s)
{
	static const char *const cols[] = { "ofsted_grade", "ofsted_quality",
	    "ofsted_behaviour", "ofsted_personal", "ofsted_leadership",
	    "ofsted_category", "rc_safeguarding", "rc_inclusion",
	    "rc_curriculum", "rc_achievement", "rc_attendance", "rc_personal",
	    "rc_early_years", "rc_post16", "rc_leadership", NULL };
	size_t i;

	for (i = 0; cols[i] != NULL; i++)
		if (ki_imp_col_of(s, cols[i]) != NULL)
			return 1;
	return 0;
}

/* Add h to s's rows in file order. Returns 0, or -1 (h freed, err set). */
static int
push_order(struct ki_imp *c, struct ki_imp_src *s, struct ki_imp_held *h)
{
	if (s->norder == s->caporder) {
		size_t cap = s->caporder ? s->caporder * 2 : 256;
		struct ki_imp_held **o = realloc(s->order, cap * sizeof(*o));

		if (o == NULL) {
			ki_imp_free_held(h);
			return ki_err_set(c->err, NULL, 0, NULL,
			    "out of memory");
		}
		s->order = o;
		s->caporder = cap;
	}
	s->order[s->norder++] = h;
	return 0;
}

/* Keep a link row under its urn, and under its link_urn in s->back. */
static int
load_link(struct ki_imp *c, struct ki_imp_src *s, struct ki_imp_held *h,
    struct ki_imp_held *old, const char *urn)
{
	const char *to = ki_imp_col_of(s, "link_urn");
	struct ki_imp_held **pp;

	if (to == NULL) {
		ki_imp_free_held(h);
		return ki_err_set(c->err, ki_reader_name(s->rd), h->line,
		    "link_urn", "blank");
	}
	if (ki_urn_check(to, ki_reader_name(s->rd), h->line, c->err) == -1) {
		snprintf(c->err->field, sizeof(c->err->field), "link_urn");
		ki_imp_free_held(h);
		return -1;
	}
	if (push_order(c, s, h) == -1)
		return -1;
	/* In file order, for messages that list them. */
	for (pp = &old; *pp != NULL; pp = &(*pp)->next)
		;
	*pp = h;
	if (ki_tab_put(s->rows, urn, old) == -1)
		return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	h->bnext = ki_tab_get(s->back, to);
	if (ki_tab_put(s->back, to, h) == -1)
		return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	return 0;
}

/* Keep the current row of school source s: one per urn. */
static int
load_school(struct ki_imp *c, struct ki_imp_src *s, const char *urn, long line)
{
	long first;
	int rc;

	rc = ki_imp_pack_add(&s->pack, c->urns, urn,
	    (const char *const *)s->vals, line, &first);
	if (rc == 1)
		return ki_err_set(c->err, ki_reader_name(s->rd), line, "urn",
		    "%s appears twice (first at line %ld)", urn, first);
	return rc == -1 ? ki_err_set(c->err, NULL, 0, NULL, "out of memory") :
	    0;
}

/* Keep an inspection row, with its dates, among its school's by date. */
static int
load_inspection(struct ki_imp *c, struct ki_imp_src *s, struct ki_imp_held *h,
    struct ki_imp_held *old, const char *urn)
{
	long ig = ki_imp_src_index(s, "ofsted_grade");
	struct ki_imp_held **pp;
	const char *pub, *end;

	if (push_order(c, s, h) == -1)
		return -1;
	pub = ki_imp_col_of(s, "ofsted_published");
	end = ki_imp_col_of(s, "ofsted_date");
	snprintf(h->date, sizeof(h->date), "%s", pub ? pub : end ? end : "");
	h->graded = ig >= 0 && s->vals[ig] != NULL;
	h->judged = judged(s);
	pub = ki_imp_col_of(s, "ofsted_prev_published");
	end = ki_imp_col_of(s, "ofsted_prev_date");
	snprintf(h->prev, sizeof(h->prev), "%s", pub ? pub : end ? end : "");
	/* Keep each school's inspections in date order. */
	for (pp = &old; *pp != NULL && strcmp((*pp)->date, h->date) <= 0;
	    pp = &(*pp)->next)
		;
	h->next = *pp;
	*pp = h;
	if (ki_tab_put(s->rows, urn, old) == -1)
		return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	return 0;
}

/* The current row of s as a held row of line, or NULL with err set. */
static struct ki_imp_held *
new_held(struct ki_imp *c, const struct ki_imp_src *s, long line)
{
	struct ki_imp_held *h;
	size_t i, sz = 0;
	char *p;

	for (i = 0; i < s->ncols; i++)
		sz += s->vals[i] ? strlen(s->vals[i]) + 1 : 0;
	if ((h = calloc(1, sizeof(*h))) == NULL ||
	    (h->v = malloc(s->ncols * sizeof(char *) + sz)) == NULL) {
		free(h);
		ki_err_set(c->err, NULL, 0, NULL, "out of memory");
		return NULL;
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
	h->line = line;
	return h;
}

/*
 * Load a per-school, inspection or links source into memory, keyed by
 * urn: a school source packed, the others as rows.
 */
int
ki_imp_load(struct ki_imp *c, struct ki_imp_src *s)
{
	struct ki_rec *rec;
	int rc;

	if (s->kind == KI_MAP_SCHOOL ? ki_imp_pack_init(&s->pack, s->ncols,
	    ki_imp_src_index(s, "urn")) == -1 : (s->rows = ki_tab_new()) ==
	    NULL || (s->kind == KI_MAP_LINKS && (s->back = ki_tab_new()) ==
	    NULL))
		return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	while ((rc = ki_reader_next(s->rd, &rec, c->err)) == 1) {
		struct ki_imp_held *h, *old;
		const char *urn;

		if ((rc = ki_imp_source_row(c, s, rec)) == -1)
			return -1;
		if (rc == 1)
			continue;
		if ((urn = ki_imp_col_of(s, "urn")) == NULL)
			return ki_err_set(c->err, ki_reader_name(s->rd), rec->line,
			    "urn", "blank");
		if (ki_urn_check(urn, ki_reader_name(s->rd), rec->line,
		    c->err) == -1)
			return -1;
		if (s->kind == KI_MAP_SCHOOL) {
			if (load_school(c, s, urn, rec->line) == -1)
				return -1;
			continue;
		}
		if ((h = new_held(c, s, rec->line)) == NULL)
			return -1;
		old = ki_tab_get(s->rows, urn);
		if ((s->kind == KI_MAP_LINKS ? load_link(c, s, h, old, urn) :
		    load_inspection(c, s, h, old, urn)) == -1)
			return -1;
	}
	return rc;
}

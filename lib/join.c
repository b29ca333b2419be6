/* The join: per-school sources filled into the current output row. */
#include <stdio.h>
#include <string.h>

#include "ki/import_int.h"

/* Fill the row's blanks from v, a row of per-school source s. */
void
ki_imp_fill(struct ki_imp *c, const struct ki_imp_src *s,
    const char *const *v)
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
fill_place(struct ki_imp *c, const struct ki_imp_src *s,
    const char *const *v)
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
void
ki_imp_join(struct ki_imp *c, size_t base)
{
	const char *urn = c->row[c->i_urn], *year = c->row[c->i_year];
	size_t k;

	if (urn == NULL)
		return;
	/* Dated facts (inspections) first, then the undated ones. */
	if (base >= c->nsrc || c->src[base].kind != KI_MAP_INSPECTION)
		ki_imp_join_inspections(c, base);
	if (c->i_pred >= 0) {
		char succ[32];

		c->links[0] = '\0';
		ki_imp_linked(c, urn, 0, c->pred, sizeof(c->pred));
		ki_imp_linked(c, urn, 1, succ, sizeof(succ));
		if (c->pred[0] != '\0')
			c->row[c->i_pred] = c->pred;
		ki_imp_other_links(c, urn, c->pred, succ, c->links,
		    sizeof(c->links));
		if (c->links[0] != '\0')
			c->row[c->i_links] = c->links;
		if (succ[0] != '\0' && c->i_succ >= 0 &&
		    c->row[c->i_succ] == NULL) {
			snprintf(c->succ, sizeof(c->succ), "%s", succ);
			c->row[c->i_succ] = c->succ;
		}
	}
	for (k = 0; k < c->nsrc; k++) {
		struct ki_imp_src *s = &c->src[k];
		const char *succ = c->i_succ >= 0 ? c->row[c->i_succ] : NULL;
		long r;

		if (k == base || s->kind != KI_MAP_SCHOOL)
			continue;
		/* s's values are free: only the source of the rows streams. */
		if ((r = ki_imp_pack_find(&s->pack, c->urns, urn)) >= 0) {
			ki_imp_pack_row(&s->pack, r, urn, s->vals);
			ki_imp_fill(c, s, s->vals);
			ki_imp_latest_rating(c, s, year);
		} else if (succ != NULL &&
		    (r = ki_imp_pack_find(&s->pack, c->urns, succ)) >= 0) {
			ki_imp_pack_row(&s->pack, r, succ, s->vals);
			fill_place(c, s, s->vals);
		}
	}
	/* A school that GIAS no longer lists closed when it was replaced. */
	if (c->i_pred >= 0 && (k = (size_t)ki_hdr_index(c->out,
	    "close_date")) < c->out->n && c->row[k] == NULL) {
		ki_imp_closed_by_links(c, urn, c->closed);
		if (c->closed[0] != '\0')
			c->row[k] = c->closed;
	}
}

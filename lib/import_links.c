/* GIAS links: a school's predecessor, successor and other links. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ki/import_int.h"

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
void
ki_imp_linked(const struct ki_imp *c, const char *urn, int dir, char *out,
    size_t len)
{
	const char *own = dir ? "Successor" : "Predecessor";
	const char *other = dir ? "Predecessor" : "Successor";
	size_t k;
	int many = 0;

	out[0] = '\0';
	for (k = 0; k < c->nsrc; k++) {
		const struct ki_imp_src *s = &c->src[k];
		const struct ki_imp_held *h;

		if (s->kind != KI_MAP_LINKS || s->rows == NULL)
			continue;
		for (h = ki_tab_get(s->rows, urn); h != NULL; h = h->next) {
			const char *to = ki_imp_hval(s, h, "link_urn");

			if (!link_is(ki_imp_hval(s, h, "link_type"), own) ||
			    to == NULL)
				continue;
			if (*out && strcmp(out, to) != 0)
				many = 1;
			snprintf(out, len, "%s", to);
		}
		/* The other school's link the other way. */
		for (h = ki_tab_get(s->back, urn); h != NULL; h = h->bnext) {
			const char *from = ki_imp_hval(s, h, "urn");

			if (!link_is(ki_imp_hval(s, h, "link_type"), other) ||
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
void
ki_imp_other_links(const struct ki_imp *c, const char *urn, const char *pred,
    const char *succ, char *out, size_t len)
{
	size_t k, used = 0;

	out[0] = '\0';
	for (k = 0; k < c->nsrc; k++) {
		const struct ki_imp_src *s = &c->src[k];
		const struct ki_imp_held *h;

		if (s->kind != KI_MAP_LINKS || s->rows == NULL)
			continue;
		for (h = ki_tab_get(s->rows, urn); h != NULL; h = h->next) {
			const char *type = ki_imp_hval(s, h, "link_type");
			const char *to = ki_imp_hval(s, h, "link_urn");
			const char *date = ki_imp_hval(s, h, "link_date");
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
void
ki_imp_closed_by_links(const struct ki_imp *c, const char *urn, char *out)
{
	size_t k;

	out[0] = '\0';
	for (k = 0; k < c->nsrc; k++) {
		const struct ki_imp_src *s = &c->src[k];
		const struct ki_imp_held *h;
		const char *t, *d;

		if (s->kind != KI_MAP_LINKS || s->rows == NULL)
			continue;
		for (h = ki_tab_get(s->rows, urn); h != NULL; h = h->next)
			if ((t = ki_imp_hval(s, h, "link_type")) != NULL &&
			    strncasecmp(t, "Successor", 9) == 0 &&
			    (d = ki_imp_hval(s, h, "link_date")) != NULL &&
			    (out[0] == '\0' || strcmp(d, out) < 0))
				snprintf(out, 11, "%s", d);
		for (h = ki_tab_get(s->back, urn); h != NULL; h = h->bnext)
			if ((t = ki_imp_hval(s, h, "link_type")) != NULL &&
			    strncasecmp(t, "Predecessor", 11) == 0 &&
			    (d = ki_imp_hval(s, h, "link_date")) != NULL &&
			    (out[0] == '\0' || strcmp(d, out) < 0))
				snprintf(out, 11, "%s", d);
	}
}

/* Predecessor links: follow a school's history through academy conversion. */
#include <stdlib.h>
#include <string.h>

#include "ki/links.h"

int
ki_links_note(struct ki_links *l, const char *urn, const char *pred)
{
	if (urn == NULL || pred == NULL || *urn == '\0' || *pred == '\0' ||
	    strcmp(urn, pred) == 0)
		return 0;
	/* Rows of one school repeat its link: keep it once. */
	if (l->n > 0 && strcmp(l->urn[l->n - 1], urn) == 0 &&
	    strcmp(l->pred[l->n - 1], pred) == 0)
		return 0;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		char **a = realloc(l->urn, cap * sizeof(*a)), **b;

		if (a == NULL)
			return -1;
		l->urn = a;
		if ((b = realloc(l->pred, cap * sizeof(*b))) == NULL)
			return -1;
		l->pred = b;
		l->cap = cap;
	}
	if ((l->urn[l->n] = strdup(urn)) == NULL)
		return -1;
	if ((l->pred[l->n] = strdup(pred)) == NULL) {
		free(l->urn[l->n]);
		return -1;
	}
	l->n++;
	return 0;
}

int
ki_links_resolve(struct ki_links *l, const struct ki_keys *k)
{
	size_t i, n = ki_keys_count(k);

	free(l->of);
	l->nof = 0;
	if ((l->of = malloc((n + 1) * sizeof(*l->of))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		l->of[i] = -1;
	l->nof = n;
	for (i = 0; i < l->n; i++) {
		long s = ki_keys_find(k, l->urn[i]), p = ki_keys_find(k,
		    l->pred[i]);

		if (s < 0 || p < 0 || l->of[s] == -2)
			continue;
		/* Two predecessors: a merger, not followed. */
		l->of[s] = l->of[s] >= 0 && l->of[s] != p ? -2 : p;
	}
	for (i = 0; i < n; i++)
		if (l->of[i] == -2)
			l->of[i] = -1;
	return 0;
}

long
ki_links_pred(const struct ki_links *l, long school)
{
	if (school < 0 || (size_t)school >= l->nof)
		return -1;
	return l->of[school];
}

void
ki_links_free(struct ki_links *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->urn[i]);
		free(l->pred[i]);
	}
	free(l->urn);
	free(l->pred);
	free(l->of);
	memset(l, 0, sizeof(*l));
}

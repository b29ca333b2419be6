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

static int
by_school(const void *a, const void *b)
{
	const uint32_t *x = a, *y = b;

	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

int
ki_links_resolve(struct ki_links *l, const struct ki_urnset *k)
{
	size_t i, j, n = 0;

	free(l->of);
	l->nof = 0;
	if ((l->of = malloc((l->n + 1) * 2 * sizeof(*l->of))) == NULL)
		return -1;
	for (i = 0; i < l->n; i++) {
		long s = ki_urnset_find(k, l->urn[i]), p = ki_urnset_find(k,
		    l->pred[i]);

		if (s < 0 || p < 0)
			continue;
		l->of[2 * n] = (uint32_t)s;
		l->of[2 * n + 1] = (uint32_t)p;
		n++;
	}
	qsort(l->of, n, 2 * sizeof(*l->of), by_school);
	/* Two predecessors: a merger, not followed. */
	for (i = j = 0; i < n; ) {
		size_t e = i + 1;
		int two = 0;

		for (; e < n && l->of[2 * e] == l->of[2 * i]; e++)
			two |= l->of[2 * e + 1] != l->of[2 * i + 1];
		if (!two) {
			l->of[2 * j] = l->of[2 * i];
			l->of[2 * j + 1] = l->of[2 * i + 1];
			j++;
		}
		i = e;
	}
	l->nof = j;
	return 0;
}

long
ki_links_pred(const struct ki_links *l, long school)
{
	size_t lo = 0, hi = l->nof;

	if (school < 0)
		return -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->of[2 * mid] == (uint64_t)school)
			return (long)l->of[2 * mid + 1];
		if (l->of[2 * mid] < (uint64_t)school)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
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

/* Open-addressing string hash table that keeps insertion order. */
#include <stdlib.h>
#include <string.h>

#include "ki/tab.h"

struct ent {
	char *key;
	void *val;
};

struct ki_tab {
	struct ent *ent;	/* entries in insertion order */
	size_t n, cap;
	long *slot;		/* index into ent, -1 empty */
	size_t nslot;
};

static size_t
hash(const char *s)
{
	size_t h = 1469598103934665603ULL;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h;
}

struct ki_tab *
ki_tab_new(void)
{
	return calloc(1, sizeof(struct ki_tab));
}

void
ki_tab_free(struct ki_tab *t, void (*freeval)(void *))
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++) {
		if (freeval != NULL)
			freeval(t->ent[i].val);
		free(t->ent[i].key);
	}
	free(t->ent);
	free(t->slot);
	free(t);
}

static long
find(const struct ki_tab *t, const char *key, size_t *at)
{
	size_t i;

	if (t->nslot == 0)
		return -1;
	for (i = hash(key) & (t->nslot - 1);; i = (i + 1) & (t->nslot - 1)) {
		long e = t->slot[i];

		if (e < 0) {
			if (at != NULL)
				*at = i;
			return -1;
		}
		if (strcmp(t->ent[e].key, key) == 0)
			return e;
	}
}

static int
grow(struct ki_tab *t)
{
	size_t nslot = t->nslot ? t->nslot * 2 : 64, i;
	long *slot = malloc(nslot * sizeof(*slot));

	if (slot == NULL)
		return -1;
	for (i = 0; i < nslot; i++)
		slot[i] = -1;
	free(t->slot);
	t->slot = slot;
	t->nslot = nslot;
	for (i = 0; i < t->n; i++) {
		size_t k = hash(t->ent[i].key) & (nslot - 1);

		while (slot[k] >= 0)
			k = (k + 1) & (nslot - 1);
		slot[k] = (long)i;
	}
	return 0;
}

void *
ki_tab_get(const struct ki_tab *t, const char *key)
{
	long e = find(t, key, NULL);

	return e < 0 ? NULL : t->ent[e].val;
}

int
ki_tab_put(struct ki_tab *t, const char *key, void *val)
{
	size_t at;
	long e;

	if ((e = find(t, key, NULL)) >= 0) {
		t->ent[e].val = val;
		return 0;
	}
	if ((t->n + 1) * 2 > t->nslot && grow(t) == -1)
		return -1;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		struct ent *ent = realloc(t->ent, cap * sizeof(*ent));

		if (ent == NULL)
			return -1;
		t->ent = ent;
		t->cap = cap;
	}
	if ((t->ent[t->n].key = strdup(key)) == NULL)
		return -1;
	t->ent[t->n].val = val;
	find(t, key, &at);
	t->slot[at] = (long)t->n;
	t->n++;
	return 0;
}

size_t
ki_tab_count(const struct ki_tab *t)
{
	return t->n;
}

int
ki_tab_next(const struct ki_tab *t, size_t *pos, const char **key, void **val)
{
	if (*pos >= t->n)
		return 0;
	*key = t->ent[*pos].key;
	*val = t->ent[*pos].val;
	(*pos)++;
	return 1;
}

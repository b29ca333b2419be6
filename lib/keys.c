/* Interned keys: one arena of strings, offsets, and an open hash of indices. */
#include <stdlib.h>
#include <string.h>

#include "ki/keys.h"

struct ki_keys {
	char *arena;		/* the strings, NUL-terminated, end to end */
	size_t used, cap;
	uint32_t *off;		/* off[i]: where string i starts */
	size_t n, ncap;
	uint32_t *slot;		/* index + 1, 0 when empty */
	size_t nslot;
};

static uint32_t
hash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 16777619u;
	}
	return h;
}

struct ki_keys *
ki_keys_new(void)
{
	return calloc(1, sizeof(struct ki_keys));
}

void
ki_keys_free(struct ki_keys *k)
{
	if (k == NULL)
		return;
	free(k->arena);
	free(k->off);
	free(k->slot);
	free(k);
}

static long
lookup(const struct ki_keys *k, const char *s, size_t *at)
{
	size_t i;

	if (k->nslot == 0)
		return -1;
	for (i = hash(s) & (k->nslot - 1);; i = (i + 1) & (k->nslot - 1)) {
		uint32_t v = k->slot[i];

		if (v == 0) {
			if (at != NULL)
				*at = i;
			return -1;
		}
		if (strcmp(k->arena + k->off[v - 1], s) == 0)
			return (long)v - 1;
	}
}

static int
rehash(struct ki_keys *k)
{
	size_t nslot = k->nslot ? k->nslot * 2 : 1024, i;
	uint32_t *slot = calloc(nslot, sizeof(*slot));

	if (slot == NULL)
		return -1;
	for (i = 0; i < k->n; i++) {
		size_t j = hash(k->arena + k->off[i]) & (nslot - 1);

		while (slot[j] != 0)
			j = (j + 1) & (nslot - 1);
		slot[j] = (uint32_t)i + 1;
	}
	free(k->slot);
	k->slot = slot;
	k->nslot = nslot;
	return 0;
}

long
ki_keys_find(const struct ki_keys *k, const char *s)
{
	return lookup(k, s, NULL);
}

long
ki_keys_intern(struct ki_keys *k, const char *s, int *added)
{
	size_t len = strlen(s) + 1, at;
	long i;

	if (added != NULL)
		*added = 0;
	if ((i = lookup(k, s, NULL)) >= 0)
		return i;
	if (k->n >= UINT32_MAX - 1 || k->used + len > UINT32_MAX)
		return -1;
	/* Keep the table at most two thirds full. */
	if ((k->n + 1) * 3 > k->nslot * 2 && rehash(k) == -1)
		return -1;
	if (k->used + len > k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 4096;
		char *a;

		while (cap < k->used + len)
			cap *= 2;
		if ((a = realloc(k->arena, cap)) == NULL)
			return -1;
		k->arena = a;
		k->cap = cap;
	}
	if (k->n == k->ncap) {
		size_t cap = k->ncap ? k->ncap * 2 : 1024;
		uint32_t *o = realloc(k->off, cap * sizeof(*o));

		if (o == NULL)
			return -1;
		k->off = o;
		k->ncap = cap;
	}
	memcpy(k->arena + k->used, s, len);
	k->off[k->n] = (uint32_t)k->used;
	k->used += len;
	lookup(k, s, &at);
	k->slot[at] = (uint32_t)k->n + 1;
	if (added != NULL)
		*added = 1;
	return (long)k->n++;
}

const char *
ki_keys_str(const struct ki_keys *k, long i)
{
	return k->arena + k->off[i];
}

size_t
ki_keys_count(const struct ki_keys *k)
{
	return k->n;
}

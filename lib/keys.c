/*
 * The string table: each distinct string gets the next index, in blocks of
 * strings that never move and an open hash of indices. ki_tab (strings to
 * values) and ki_hdr (column names) are built on it.
 */
#include <stdlib.h>
#include <string.h>

#include "ki/keys.h"

#define BLOCK_MIN	4096		/* the first block's bytes */
#define BLOCK_MAX	(1024 * 1024)	/* blocks grow to this, then stay */

/* Strings end to end, each NUL-terminated; full blocks are kept. */
struct block {
	struct block *prev;
	size_t used, cap;
	char s[];
};

struct ki_keys {
	struct block *blk;	/* the block being filled */
	const char **str;	/* str[i]: string i, in a block */
	size_t n, ncap;
	uint32_t *slot;		/* index + 1, 0 when empty */
	unsigned char *tag;	/* eight more bits of the hash of each slot's
				   string: most strings a probe meets are told
				   apart without reading them */
	size_t nslot;
};

/* The bits of a hash that make its tag (the slot takes the low ones). */
#define TAG(h)	((unsigned char)((h) >> 24))

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
	struct block *b, *prev;

	if (k == NULL)
		return;
	for (b = k->blk; b != NULL; b = prev) {
		prev = b->prev;
		free(b);
	}
	free(k->str);
	free(k->slot);
	free(k->tag);
	free(k);
}

/*
 * The index of s (whose hash is h), or -1 with *at (when not NULL) the
 * empty slot where it would go.
 */
static long
lookup(const struct ki_keys *k, const char *s, uint32_t h, size_t *at)
{
	unsigned char t = TAG(h);
	size_t i;

	if (k->nslot == 0)
		return -1;
	for (i = h & (k->nslot - 1);; i = (i + 1) & (k->nslot - 1)) {
		uint32_t v = k->slot[i];

		if (v == 0) {
			if (at != NULL)
				*at = i;
			return -1;
		}
		if (k->tag[i] == t && strcmp(k->str[v - 1], s) == 0)
			return (long)v - 1;
	}
}

static int
rehash(struct ki_keys *k)
{
	size_t nslot = k->nslot ? k->nslot * 2 : 32, i;
	uint32_t *slot = calloc(nslot, sizeof(*slot));
	unsigned char *tag = malloc(nslot);

	if (slot == NULL || tag == NULL) {
		free(slot);
		free(tag);
		return -1;
	}
	for (i = 0; i < k->n; i++) {
		uint32_t h = hash(k->str[i]);
		size_t j = h & (nslot - 1);

		while (slot[j] != 0)
			j = (j + 1) & (nslot - 1);
		slot[j] = (uint32_t)i + 1;
		tag[j] = TAG(h);
	}
	free(k->slot);
	free(k->tag);
	k->slot = slot;
	k->tag = tag;
	k->nslot = nslot;
	return 0;
}

/* A copy of the len bytes of s (its NUL too) in a block, or NULL. */
static const char *
store(struct ki_keys *k, const char *s, size_t len)
{
	struct block *b = k->blk;
	char *p;

	if (b == NULL || b->cap - b->used < len) {
		size_t cap = b == NULL ? BLOCK_MIN : b->cap < BLOCK_MAX ?
		    b->cap * 2 : BLOCK_MAX;

		if (cap < len)
			cap = len;
		if ((b = malloc(sizeof(*b) + cap)) == NULL)
			return NULL;
		b->prev = k->blk;
		b->used = 0;
		b->cap = cap;
		k->blk = b;
	}
	p = b->s + b->used;
	memcpy(p, s, len);
	b->used += len;
	return p;
}

long
ki_keys_find(const struct ki_keys *k, const char *s)
{
	return lookup(k, s, hash(s), NULL);
}

void
ki_keys_prefetch(const struct ki_keys *k, const char *s)
{
#if defined(__GNUC__)
	size_t i;

	if (k->nslot == 0)
		return;
	i = hash(s) & (k->nslot - 1);
	__builtin_prefetch(&k->slot[i]);
	__builtin_prefetch(&k->tag[i]);
#else
	(void)k;
	(void)s;
#endif
}

long
ki_keys_intern(struct ki_keys *k, const char *s, int *added)
{
	uint32_t h = hash(s);
	size_t at = 0;
	long i;

	if (added != NULL)
		*added = 0;
	if ((i = lookup(k, s, h, &at)) >= 0)
		return i;
	if (k->n >= UINT32_MAX - 1)
		return -1;
	/* Keep the table at most two thirds full: a new table, a new slot. */
	if ((k->n + 1) * 3 > k->nslot * 2) {
		if (rehash(k) == -1)
			return -1;
		lookup(k, s, h, &at);
	}
	if (k->n == k->ncap) {
		/* By half again, not double: at a million schools the
		   list's slack is a third of its size at most. */
		size_t cap = k->ncap ? k->ncap + k->ncap / 2 : 32;
		const char **str = realloc(k->str, cap * sizeof(*str));

		if (str == NULL)
			return -1;
		k->str = str;
		k->ncap = cap;
	}
	if ((k->str[k->n] = store(k, s, strlen(s) + 1)) == NULL)
		return -1;
	k->slot[at] = (uint32_t)k->n + 1;
	k->tag[at] = TAG(h);
	if (added != NULL)
		*added = 1;
	return (long)k->n++;
}

const char *
ki_keys_str(const struct ki_keys *k, long i)
{
	return k->str[i];
}

size_t
ki_keys_count(const struct ki_keys *k)
{
	return k->n;
}

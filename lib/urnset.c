/*
 * Schools' URNs numbered in the order first seen (include/ki/urnset.h).
 * A URN that is a number is kept as its 4 bytes in key[], found through
 * slot[], an open hash (linear probing) of indices + 1 at most 3/4 full
 * and grown by half: some 10 bytes a school in all. Other URNs go to a
 * string table, with a map from its indices to the set's.
 */
#include <stdint.h>
#include <stdlib.h>

#include "ki/keys.h"
#include "ki/urnset.h"

struct ki_urnset {
	uint32_t *key;		/* key[i]: URN i as a number, if it is one */
	size_t n, kcap;
	uint32_t *slot;		/* a number's index + 1, 0 when empty */
	size_t nslot, nnum;	/* the slots, and the numbers in them */
	struct ki_keys *other;	/* the URNs that are not numbers */
	uint32_t *oidx;		/* other's index -> the set's */
	size_t ocap;
};

struct ki_urnset *
ki_urnset_new(void)
{
	return calloc(1, sizeof(struct ki_urnset));
}

void
ki_urnset_free(struct ki_urnset *u)
{
	if (u == NULL)
		return;
	free(u->key);
	free(u->slot);
	ki_keys_free(u->other);
	free(u->oidx);
	free(u);
}

/*
 * s as a number into *v: 1 if it is one written the one way (digits, no
 * leading zero, below 2^32), so that no two strings share a number; else 0.
 */
static int
as_number(const char *s, uint32_t *v)
{
	uint64_t x = 0;
	const char *p;

	if (*s < '0' || *s > '9' || (*s == '0' && s[1] != '\0'))
		return 0;
	for (p = s; *p >= '0' && *p <= '9'; p++)
		if ((x = x * 10 + (uint64_t)(*p - '0')) >= UINT32_MAX)
			return 0;
	if (*p != '\0')
		return 0;
	*v = (uint32_t)x;
	return 1;
}

/* The first slot to try for v, of n: a multiplicative hash scaled to n. */
static size_t
home(uint32_t v, size_t n)
{
	uint32_t h = v * UINT32_C(2654435769);

	return (size_t)(((uint64_t)h * n) >> 32);
}

/* The index of number v, or -1 and its empty slot into *at. */
static long
num_find(const struct ki_urnset *u, uint32_t v, size_t *at)
{
	size_t i;

	if (u->nslot == 0)
		return -1;
	for (i = home(v, u->nslot);; i = i + 1 == u->nslot ? 0 : i + 1) {
		uint32_t s = u->slot[i];

		if (s == 0) {
			if (at != NULL)
				*at = i;
			return -1;
		}
		if (u->key[s - 1] == v)
			return (long)s - 1;
	}
}

/* Half as many slots again. Returns 0, or -1. */
static int
grow(struct ki_urnset *u)
{
	size_t nslot = u->nslot ? u->nslot + u->nslot / 2 : 64, i;
	uint32_t *slot;

	if (nslot > UINT32_MAX || (slot = calloc(nslot, sizeof(*slot))) ==
	    NULL)
		return -1;
	for (i = 0; i < u->nslot; i++) {
		uint32_t s = u->slot[i];
		size_t j;

		if (s == 0)
			continue;
		for (j = home(u->key[s - 1], nslot); slot[j] != 0;
		    j = j + 1 == nslot ? 0 : j + 1)
			;
		slot[j] = s;
	}
	free(u->slot);
	u->slot = slot;
	u->nslot = nslot;
	return 0;
}

/* Room in a (of *cap) for index n. Returns 0, or -1. */
static int
room(uint32_t **a, size_t *cap, size_t n)
{
	size_t c = *cap ? *cap * 2 : 1024;
	uint32_t *p;

	if (n < *cap)
		return 0;
	if ((p = realloc(*a, c * sizeof(*p))) == NULL)
		return -1;
	*a = p;
	*cap = c;
	return 0;
}

static long
other_intern(struct ki_urnset *u, const char *s)
{
	long j;

	if (u->other == NULL && (u->other = ki_keys_new()) == NULL)
		return -1;
	if ((j = ki_keys_find(u->other, s)) >= 0)
		return (long)u->oidx[j];
	if (u->n >= UINT32_MAX - 1 || room(&u->key, &u->kcap, u->n) == -1 ||
	    room(&u->oidx, &u->ocap, ki_keys_count(u->other)) == -1 ||
	    (j = ki_keys_intern(u->other, s, NULL)) == -1)
		return -1;
	u->oidx[j] = (uint32_t)u->n;
	u->key[u->n] = 0;
	return (long)u->n++;
}

long
ki_urnset_intern(struct ki_urnset *u, const char *s)
{
	uint32_t v;
	size_t at;
	long i;

	if (!as_number(s, &v))
		return other_intern(u, s);
	if ((i = num_find(u, v, NULL)) >= 0)
		return i;
	if (u->n >= UINT32_MAX - 1 || room(&u->key, &u->kcap, u->n) == -1 ||
	    ((u->nnum + 1) * 4 > u->nslot * 3 && grow(u) == -1))
		return -1;
	num_find(u, v, &at);
	u->key[u->n] = v;
	u->slot[at] = (uint32_t)u->n + 1;
	u->nnum++;
	return (long)u->n++;
}

long
ki_urnset_find(const struct ki_urnset *u, const char *s)
{
	uint32_t v;
	long j;

	if (as_number(s, &v))
		return num_find(u, v, NULL);
	if (u->other == NULL || (j = ki_keys_find(u->other, s)) < 0)
		return -1;
	return (long)u->oidx[j];
}

size_t
ki_urnset_count(const struct ki_urnset *u)
{
	return u->n;
}

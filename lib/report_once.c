/*
 * The (urn, year) pairs a report has met, so that a school twice in a year
 * is an error: in a few bytes a school, not a string each. A urn of digits
 * (or EY and digits) with no leading zero and a year of four digits, as
 * nearly every row has, is a bit in a word of 64 urns; any other pair is
 * kept as its text "urn|year", so that pairs are the same exactly when
 * their text is.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/keys.h"
#include "report_kind.h"

/* A word: 64 urns of one year, from (urn / 64) * 64. */
struct word {
	uint64_t key;		/* 0 when the slot is empty */
	uint64_t bits;
};

struct ki_ronce {
	struct word *slot;
	size_t nslot, n;	/* a power of two, and the words in use */
	struct ki_keys *text;	/* the other pairs, as "urn|year" */
};

struct ki_ronce *
ki_ronce_new(void)
{
	return calloc(1, sizeof(struct ki_ronce));
}

void
ki_ronce_free(struct ki_ronce *o)
{
	if (o == NULL)
		return;
	free(o->slot);
	ki_keys_free(o->text);
	free(o);
}

/*
 * The pair as a number: *key (never 0) for its word and *bit in it.
 * Returns 0, or -1 when it is not of the usual form.
 */
static int
pack(const char *urn, const char *year, uint64_t *key, uint64_t *bit)
{
	const char *p = urn;
	uint64_t v = 0, y = 0;
	int ey = 0, k;

	if (p[0] == 'E' && p[1] == 'Y') {
		ey = 1;
		p += 2;
	}
	/* Up to 15 digits (below 2^50), the first not 0. */
	if (*p < '1' || *p > '9' || strlen(p) > 15)
		return -1;
	for (; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (year != NULL) {
		/* The reader has checked it: four digits, 1900 to 2100. */
		for (k = 0; k < 4; k++)
			y = y * 10 + (uint64_t)(year[k] - '0');
		y -= 1899;
	}
	*key = (uint64_t)1 << 63 | (v >> 6) << 9 | (uint64_t)ey << 8 | y;
	*bit = (uint64_t)1 << (v & 63);
	return 0;
}

static size_t
hash(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return (size_t)k;
}

/* The slot of key: its word, or the empty slot where it would go. */
static struct word *
find(struct word *slot, size_t nslot, uint64_t key)
{
	size_t i = hash(key) & (nslot - 1);

	while (slot[i].key != 0 && slot[i].key != key)
		i = (i + 1) & (nslot - 1);
	return &slot[i];
}

/* Twice the slots, the words moved. Returns 0, or -1 out of memory. */
static int
grow(struct ki_ronce *o)
{
	size_t n = o->nslot ? o->nslot * 2 : 1024, i;
	struct word *s = calloc(n, sizeof(*s));

	if (s == NULL)
		return -1;
	for (i = 0; i < o->nslot; i++)
		if (o->slot[i].key != 0)
			*find(s, n, o->slot[i].key) = o->slot[i];
	free(o->slot);
	o->slot = s;
	o->nslot = n;
	return 0;
}

/* The pair as text, as the report has always kept it. */
static int
add_text(struct ki_ronce *o, const char *urn, const char *year)
{
	char key[256];
	int added = 0;

	if (o->text == NULL && (o->text = ki_keys_new()) == NULL)
		return -1;
	snprintf(key, sizeof(key), "%s|%s", urn, year ? year : "");
	if (ki_keys_intern(o->text, key, &added) < 0)
		return -1;
	return added;
}

int
ki_ronce_add(struct ki_ronce *o, const char *urn, const char *year)
{
	uint64_t key, bit;
	struct word *w;

	if (pack(urn, year, &key, &bit) == -1)
		return add_text(o, urn, year);
	/* At most half the slots full. */
	if ((o->n + 1) * 2 > o->nslot && grow(o) == -1)
		return -1;
	w = find(o->slot, o->nslot, key);
	if (w->key == 0) {
		w->key = key;
		o->n++;
	}
	if (w->bits & bit)
		return 0;
	w->bits |= bit;
	return 1;
}

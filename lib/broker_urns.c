/* The URNs ki-broker has read, each once: about 8 bytes a school. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ki/keys.h"

#include "broker_impl.h"

/*
 * A URN in its usual form, 1 to 9 digits with no leading zero, is kept as
 * its number (plus one, 0 marking an empty slot) in an open hash of 32-bit
 * slots; any other URN is kept as a string.
 */
struct ki_bk_urns {
	uint32_t *slot;
	size_t nslot, n;
	struct ki_keys *other;
};

struct ki_bk_urns *
ki_bk_urns_new(void)
{
	return calloc(1, sizeof(struct ki_bk_urns));
}

void
ki_bk_urns_free(struct ki_bk_urns *u)
{
	if (u == NULL)
		return;
	free(u->slot);
	ki_keys_free(u->other);
	free(u);
}

/* The number of s plus one, or 0 when s is not in the usual form. */
static uint32_t
number(const char *s)
{
	uint32_t v = 0;
	size_t i;

	if (s[0] < '1' || s[0] > '9')
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		if (i == 9 || s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (uint32_t)(s[i] - '0');
	}
	return v + 1;
}

static size_t
home(uint32_t v, size_t nslot)
{
	return (size_t)(((uint64_t)v * 0x9E3779B97F4A7C15ull) >> 32) &
	    (nslot - 1);
}

/* Put v in the first empty slot from its home: 1, or 0 when there. */
static int
place(uint32_t *slot, size_t nslot, uint32_t v)
{
	size_t i;

	for (i = home(v, nslot); slot[i] != 0; i = (i + 1) & (nslot - 1))
		if (slot[i] == v)
			return 0;
	slot[i] = v;
	return 1;
}

static int
grow(struct ki_bk_urns *u)
{
	size_t n = u->nslot ? u->nslot * 2 : 1024, i;
	uint32_t *s;

	if (n > SIZE_MAX / sizeof(*s) || (s = calloc(n, sizeof(*s))) == NULL)
		return -1;
	for (i = 0; i < u->nslot; i++)
		if (u->slot[i] != 0)
			place(s, n, u->slot[i]);
	free(u->slot);
	u->slot = s;
	u->nslot = n;
	return 0;
}

int
ki_bk_urns_add(struct ki_bk_urns *u, const char *urn)
{
	uint32_t v = number(urn);
	int added = 0;

	if (v == 0) {
		if (u->other == NULL && (u->other = ki_keys_new()) == NULL)
			return -1;
		return ki_keys_intern(u->other, urn, &added) < 0 ? -1 : added;
	}
	if ((u->n + 1) * 4 > u->nslot * 3 && grow(u) == -1)
		return -1;
	if (!place(u->slot, u->nslot, v))
		return 0;
	u->n++;
	return 1;
}

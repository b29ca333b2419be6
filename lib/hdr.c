/* Column names with lookup by name, on the string table (lib/keys.c). */
#include <stdlib.h>

#include "ki/hdr.h"
#include "ki/keys.h"

struct ki_hdr *
ki_hdr_new(void)
{
	return calloc(1, sizeof(struct ki_hdr));
}

void
ki_hdr_free(struct ki_hdr *h)
{
	if (h == NULL)
		return;
	ki_keys_free(h->keys);
	free(h->names);
	free(h->at);
	free(h);
}

long
ki_hdr_add(struct ki_hdr *h, const char *name)
{
	long k;

	if (h->keys == NULL && (h->keys = ki_keys_new()) == NULL)
		return -1;
	/* Room first: at[] has a place for each distinct name. */
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 16;
		const char **nm = realloc(h->names, cap * sizeof(*nm));
		long *at;

		if (nm == NULL)
			return -1;
		h->names = nm;
		if ((at = realloc(h->at, cap * sizeof(*at))) == NULL)
			return -1;
		h->at = at;
		h->cap = cap;
	}
	if ((k = ki_keys_intern(h->keys, name, NULL)) < 0)
		return -1;
	h->names[h->n] = ki_keys_str(h->keys, k);
	h->at[k] = (long)h->n;
	return (long)h->n++;
}

long
ki_hdr_index(const struct ki_hdr *h, const char *name)
{
	long k = h->keys != NULL ? ki_keys_find(h->keys, name) : -1;

	return k < 0 ? -1 : h->at[k];
}

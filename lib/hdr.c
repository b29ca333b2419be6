/* Column names with a small hash index for lookup by name. */
#include <stdlib.h>
#include <string.h>

#include "ki/hdr.h"

static size_t
hash(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

struct ki_hdr *
ki_hdr_new(void)
{
	return calloc(1, sizeof(struct ki_hdr));
}

void
ki_hdr_free(struct ki_hdr *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->n; i++)
		free(h->names[i]);
	free(h->names);
	free(h->bucket);
	free(h->chain);
	free(h);
}

static int
rehash(struct ki_hdr *h, size_t nbucket)
{
	long *b;
	size_t i;

	if ((b = malloc(nbucket * sizeof(*b))) == NULL)
		return -1;
	for (i = 0; i < nbucket; i++)
		b[i] = -1;
	free(h->bucket);
	h->bucket = b;
	h->nbucket = nbucket;
	for (i = 0; i < h->n; i++) {
		size_t k = hash(h->names[i]) % nbucket;
		h->chain[i] = b[k];
		b[k] = (long)i;
	}
	return 0;
}

long
ki_hdr_add(struct ki_hdr *h, const char *name)
{
	size_t k;

	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 16;
		char **nm = realloc(h->names, cap * sizeof(*nm));
		long *ch;

		if (nm == NULL)
			return -1;
		h->names = nm;
		if ((ch = realloc(h->chain, cap * sizeof(*ch))) == NULL)
			return -1;
		h->chain = ch;
		h->cap = cap;
	}
	if ((h->names[h->n] = strdup(name)) == NULL)
		return -1;
	h->n++;
	if (h->nbucket < h->n * 2)
		return rehash(h, h->cap * 2) == 0 ? (long)h->n - 1 : -1;
	k = hash(name) % h->nbucket;
	h->chain[h->n - 1] = h->bucket[k];
	h->bucket[k] = (long)h->n - 1;
	return (long)h->n - 1;
}

long
ki_hdr_index(const struct ki_hdr *h, const char *name)
{
	long i;

	if (h->nbucket == 0)
		return -1;
	for (i = h->bucket[hash(name) % h->nbucket]; i >= 0; i = h->chain[i])
		if (strcmp(h->names[i], name) == 0)
			return i;
	return -1;
}

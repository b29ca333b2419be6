/* A list of column names with lookup by name. */
#ifndef KI_HDR_H
#define KI_HDR_H

#include <stddef.h>

struct ki_keys;

struct ki_hdr {
	size_t n;		/* number of names */
	size_t cap;
	const char **names;	/* NUL-terminated, owned by the header */
	struct ki_keys *keys;	/* the distinct names (lib/keys.c) */
	long *at;		/* at[k]: the column of distinct name k */
};

/* Return a new empty header, or NULL on allocation failure. */
struct ki_hdr *ki_hdr_new(void);

/* Free h and its names. NULL is allowed. */
void ki_hdr_free(struct ki_hdr *h);

/*
 * Append a copy of name. Returns its index, or -1 on allocation failure.
 * Does not check for duplicates: see ki_hdr_index first.
 */
long ki_hdr_add(struct ki_hdr *h, const char *name);

/*
 * Return the index of name, or -1 if h has no such column. Of names added
 * twice, the last.
 */
long ki_hdr_index(const struct ki_hdr *h, const char *name);

#endif

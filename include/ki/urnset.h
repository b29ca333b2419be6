/*
 * Schools' URNs numbered 0, 1, 2, ... in the order first seen, in few bytes
 * a school: a URN written as a number (digits, no leading zero, below 2^32)
 * is kept as that number in an open hash; any other string goes to a string
 * table (lib/keys.c). A million URNs take some 10 MB, not the 25 MB of
 * their strings interned.
 */
#ifndef KI_URNSET_H
#define KI_URNSET_H

#include <stddef.h>

struct ki_urnset;

/* A new empty set, or NULL on allocation failure. */
struct ki_urnset *ki_urnset_new(void);

/* Free u. NULL is allowed. */
void ki_urnset_free(struct ki_urnset *u);

/* The number of s, adding it when new. Returns it, or -1 out of memory. */
long ki_urnset_intern(struct ki_urnset *u, const char *s);

/* The number of s, or -1 if it is not in the set. */
long ki_urnset_find(const struct ki_urnset *u, const char *s);

/* The number of URNs. */
size_t ki_urnset_count(const struct ki_urnset *u);

#endif

/*
 * The string table (interned keys): strings to dense indices, in little
 * memory. The one string hash of ki: ki_tab and ki_hdr are built on it.
 */
#ifndef KI_KEYS_H
#define KI_KEYS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Each distinct string gets the next index, 0, 1, 2, ... Memory is the
 * strings themselves plus about 16 bytes a key, so a million URNs take
 * some 24 MB.
 */
struct ki_keys;

/* A new empty set, or NULL on allocation failure. */
struct ki_keys *ki_keys_new(void);

/* Free k. NULL is allowed. */
void ki_keys_free(struct ki_keys *k);

/*
 * The index of s, adding it when new (then *added is set to 1, if added is
 * not NULL). Returns the index, or -1 on allocation failure.
 */
long ki_keys_intern(struct ki_keys *k, const char *s, int *added);

/* The index of s, or -1 if it is not in the set. */
long ki_keys_find(const struct ki_keys *k, const char *s);

/*
 * A hint, changing nothing: s is about to be looked up (interned or
 * found), so the memory that will read is fetched now, while the caller
 * does other work. In a table far bigger than the caches that read is a
 * wait for memory.
 */
void ki_keys_prefetch(const struct ki_keys *k, const char *s);

/* The string of index i: it stays where it is until ki_keys_free. */
const char *ki_keys_str(const struct ki_keys *k, long i);

/* The number of keys. */
size_t ki_keys_count(const struct ki_keys *k);

#endif

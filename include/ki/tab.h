/* Strings to pointers, in insertion order (on the string table, ki/keys.h). */
#ifndef KI_TAB_H
#define KI_TAB_H

#include <stddef.h>

struct ki_tab;

/* Return a new empty table, or NULL on allocation failure. */
struct ki_tab *ki_tab_new(void);

/*
 * Free t and its copies of the keys; each value is passed to freeval
 * first unless freeval is NULL. NULL t is allowed.
 */
void ki_tab_free(struct ki_tab *t, void (*freeval)(void *));

/* Return the value stored under key, or NULL. */
void *ki_tab_get(const struct ki_tab *t, const char *key);

/*
 * Store val under a copy of key, replacing any value there (the old value
 * is not freed). Returns 0, or -1 on allocation failure.
 */
int ki_tab_put(struct ki_tab *t, const char *key, void *val);

/* Number of keys. */
size_t ki_tab_count(const struct ki_tab *t);

/*
 * Visit the entries in insertion order: *pos starts at 0; returns 1 with
 * *key and *val set, or 0 after the last. *key stays valid until
 * ki_tab_free, whatever is put meanwhile.
 */
int ki_tab_next(const struct ki_tab *t, size_t *pos, const char **key,
    void **val);

#endif

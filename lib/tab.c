/* Strings to pointers in insertion order: the string table and a value each. */
#include <stdlib.h>

#include "ki/keys.h"
#include "ki/tab.h"

struct ki_tab {
	struct ki_keys *keys;	/* made at the first put */
	void **val;		/* val[i]: the value of key i */
	size_t cap;
};

struct ki_tab *
ki_tab_new(void)
{
	return calloc(1, sizeof(struct ki_tab));
}

void
ki_tab_free(struct ki_tab *t, void (*freeval)(void *))
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; freeval != NULL && i < ki_tab_count(t); i++)
		freeval(t->val[i]);
	ki_keys_free(t->keys);
	free(t->val);
	free(t);
}

void *
ki_tab_get(const struct ki_tab *t, const char *key)
{
	long i = t->keys != NULL ? ki_keys_find(t->keys, key) : -1;

	return i < 0 ? NULL : t->val[i];
}

int
ki_tab_put(struct ki_tab *t, const char *key, void *val)
{
	long i;

	if (t->keys == NULL && (t->keys = ki_keys_new()) == NULL)
		return -1;
	if ((i = ki_keys_find(t->keys, key)) < 0) {
		size_t n = ki_keys_count(t->keys);

		if (n == t->cap) {
			size_t cap = t->cap ? t->cap * 2 : 32;
			void **v = realloc(t->val, cap * sizeof(*v));

			if (v == NULL)
				return -1;
			t->val = v;
			t->cap = cap;
		}
		if ((i = ki_keys_intern(t->keys, key, NULL)) < 0)
			return -1;
	}
	t->val[i] = val;
	return 0;
}

size_t
ki_tab_count(const struct ki_tab *t)
{
	return t->keys != NULL ? ki_keys_count(t->keys) : 0;
}

int
ki_tab_next(const struct ki_tab *t, size_t *pos, const char **key, void **val)
{
	if (*pos >= ki_tab_count(t))
		return 0;
	*key = ki_keys_str(t->keys, (long)*pos);
	*val = t->val[*pos];
	(*pos)++;
	return 1;
}

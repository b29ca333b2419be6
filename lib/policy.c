/* Policy numbers kept in share/ as data: read one by its path. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ki/jsonfile.h"
#include "ki/policy.h"
#include "ki/share.h"

/* The member of j that one step of a path names, or NULL. */
static json_t *
step(json_t *j, const char *s, size_t len)
{
	const char *br = memchr(s, '[', len), *eq;
	char key[128], k2[128], v2[128];
	size_t i;

	if (len >= sizeof(key))
		return NULL;
	if (br == NULL) {
		memcpy(key, s, len);
		key[len] = '\0';
		return json_object_get(j, key);
	}
	/* key[field=value]: the element of the array whose field is value. */
	eq = memchr(br, '=', len - (size_t)(br - s));
	if (eq == NULL || s[len - 1] != ']' || (size_t)(eq - br) >= sizeof(k2) ||
	    (size_t)(s + len - 1 - eq) >= sizeof(v2))
		return NULL;
	memcpy(key, s, (size_t)(br - s));
	key[br - s] = '\0';
	memcpy(k2, br + 1, (size_t)(eq - br - 1));
	k2[eq - br - 1] = '\0';
	memcpy(v2, eq + 1, (size_t)(s + len - 1 - eq - 1));
	v2[s + len - 1 - eq - 1] = '\0';
	j = json_object_get(j, key);
	for (i = 0; i < json_array_size(j); i++) {
		json_t *e = json_array_get(j, i);
		json_t *f = json_object_get(e, k2);

		if (json_is_string(f) && strcmp(json_string_value(f), v2) == 0)
			return e;
	}
	return NULL;
}

int
ki_policy_number(const char *kind, const char *name, const char *path,
    double *out, struct ki_err *err)
{
	char *file = ki_share_find(kind, name, err);
	const char *p = path, *dot;
	json_t *root, *j;

	if (file == NULL)
		return -1;
	if ((root = ki_json_load(file, err)) == NULL) {
		free(file);
		return -1;
	}
	for (j = root; j != NULL && *p != '\0'; p = *dot ? dot + 1 : dot) {
		if ((dot = strchr(p, '.')) == NULL)
			dot = p + strlen(p);
		j = step(j, p, (size_t)(dot - p));
	}
	if (!json_is_number(j)) {
		ki_err_set(err, file, 0, path, "must be a number");
		json_decref(root);
		free(file);
		return -1;
	}
	*out = json_number_value(j);
	json_decref(root);
	free(file);
	return 0;
}

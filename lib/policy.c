/* Policy files: load, the unknown-key check, places, optional columns, numbers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ki/jsonfile.h"
#include "ki/policy.h"
#include "ki/share.h"
#include "ki/words.h"

json_t *
ki_policy_load(const char *path, const char *const *keys, const char *notobj,
    struct ki_err *err)
{
	json_t *root = ki_json_load(path, err);

	if (root != NULL &&
	    ki_policy_keys(path, root, NULL, keys, notobj, err) == -1) {
		json_decref(root);
		return NULL;
	}
	return root;
}

int
ki_policy_read(const char *path, const char *const *keys, const char *notobj,
    int (*read)(void *, json_t *, struct ki_err *), void *obj,
    struct ki_err *err)
{
	json_t *root = ki_policy_load(path, keys, notobj, err);
	int rc;

	if (root == NULL)
		return -1;
	rc = read(obj, root, err);
	json_decref(root);
	return rc;
}

int
ki_policy_keys(const char *file, json_t *o, const char *path,
    const char *const *keys, const char *notobj, struct ki_err *err)
{
	const char *k;

	if (!json_is_object(o))
		return ki_err_set(err, file, 0, path, "%s", notobj ? notobj :
		    "must be an object");
	if ((k = ki_json_stray_key(o, keys)) != NULL)
		return ki_err_set(err, file, 0, path, "unknown key \"%s\"", k);
	return 0;
}

char *
ki_policy_path(const char *path, const char *key, long i)
{
	size_t n = (path ? strlen(path) : 0) + strlen(key) + 24;
	char *p = malloc(n);
	/* An index alone, key "", follows path without a dot. */
	const char *dot = path != NULL && *path != '\0' && (*key != '\0' ||
	    i < 0) ? "." : "";

	if (p == NULL)
		return NULL;
	if (i >= 0)
		snprintf(p, n, "%s%s%s[%ld]", path ? path : "", dot, key, i);
	else
		snprintf(p, n, "%s%s%s", path ? path : "", dot, key);
	return p;
}

int
ki_policy_optional(const char *file, json_t *root, json_t **out,
    struct ki_err *err)
{
	json_t *v = json_object_get(root, "optional");
	size_t i;

	*out = NULL;
	if (v == NULL)
		return 0;
	if (!json_is_array(v))
		return ki_err_set(err, file, 0, "optional", "must be an array of "
		    "column names");
	for (i = 0; i < json_array_size(v); i++)
		if (!json_is_string(json_array_get(v, i)))
			return ki_err_set(err, file, 0, "optional", "must hold "
			    "column names");
	*out = json_incref(v);
	return 0;
}

int
ki_policy_is_optional(const char *name, void *list)
{
	size_t i;

	for (i = 0; i < json_array_size(list); i++)
		if (strcmp(name, json_string_value(json_array_get(list, i))) ==
		    0)
			return 1;
	return 0;
}

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

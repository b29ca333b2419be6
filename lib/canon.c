/*
 * The canonical columns of SPEC "Records", their types, and how two
 * per-year sources' values merge: data in share/canon/columns.json.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ki/jsonfile.h"
#include "ki/share.h"
#include "ki/val.h"

static json_t *root;		/* the file, once loaded */
static json_t *cols;		/* name -> type name, in SPEC order */
static enum ki_type *types;	/* the types, in the same order */

static int
bad(json_t *r, const char *file, const char *path, const char *msg,
    struct ki_err *err)
{
	ki_err_set(err, file, 0, path, "%s", msg);
	json_decref(r);
	return -1;
}

int
ki_canon_load(struct ki_err *err)
{
	char *file;
	json_t *r, *c, *m, *v;
	const char *name;
	size_t i = 0, k;
	int rc;

	if (root != NULL)
		return 0;
	if ((file = ki_share_find("canon", "columns", err)) == NULL)
		return -1;
	if ((r = ki_json_load(file, err)) == NULL) {
		free(file);
		return -1;
	}
	c = json_object_get(r, "columns");
	m = json_object_get(json_object_get(r, "merge"), "phase");
	rc = 0;
	if (!json_is_object(c) || json_object_size(c) == 0)
		rc = bad(r, file, "columns", "must be an object of column "
		    "name to type", err);
	else if (!json_is_array(json_object_get(m, "keep")) ||
	    !json_is_string(json_object_get(m, "otherwise")))
		rc = bad(r, file, "merge.phase", "needs \"keep\" (an array of "
		    "phases) and \"otherwise\" (a phase)", err);
	else if ((types = calloc(json_object_size(c), sizeof(*types))) == NULL)
		rc = bad(r, file, NULL, "out of memory", err);
	else {
		json_object_foreach(c, name, v) {
			if (!json_is_string(v) ||
			    ki_type_parse(json_string_value(v), &types[i]) == -1) {
				ki_err_set(err, file, 0, "columns", "%s: the type "
				    "must be text, number, int, date, grade, bool "
				    "or year", name);
				free(types);
				types = NULL;
				json_decref(r);
				rc = -1;
				break;
			}
			i++;
		}
		for (k = 0; rc == 0 && k < json_array_size(json_object_get(m,
		    "keep")); k++)
			if (!json_is_string(json_array_get(json_object_get(m,
			    "keep"), k))) {
				free(types);
				types = NULL;
				rc = bad(r, file, "merge.phase.keep", "must hold "
				    "phases", err);
			}
	}
	free(file);
	if (rc == 0) {
		root = r;
		cols = c;
	}
	return rc;
}

/* Loaded on first use when no caller loaded it first; tried once. */
static int
loaded(void)
{
	static int tried;
	struct ki_err e;

	if (root == NULL && !tried) {
		tried = 1;
		(void)ki_canon_load(&e);
	}
	return root != NULL;
}

const char *
ki_canon_col(size_t i)
{
	void *it;

	if (!loaded())
		return NULL;
	for (it = json_object_iter(cols); it != NULL && i > 0; i--)
		it = json_object_iter_next(cols, it);
	return it != NULL ? json_object_iter_key(it) : NULL;
}

enum ki_type
ki_canon_type(const char *name, int *known)
{
	void *it;
	size_t i = 0;

	if (loaded())
		for (it = json_object_iter(cols); it != NULL;
		    it = json_object_iter_next(cols, it), i++)
			if (strcmp(json_object_iter_key(it), name) == 0) {
				if (known != NULL)
					*known = 1;
				return types[i];
			}
	if (known != NULL)
		*known = 0;
	return KI_T_TEXT;
}

const char *
ki_canon_merge_phase(const char *had, const char *v)
{
	json_t *m = json_object_get(json_object_get(root, "merge"), "phase");
	json_t *keep = json_object_get(m, "keep");
	size_t k;

	if (strcmp(had, v) == 0)
		return had;
	for (k = 0; k < json_array_size(keep); k++)
		if (strcmp(had, json_string_value(json_array_get(keep, k))) == 0)
			return had;
	for (k = 0; k < json_array_size(keep); k++)
		if (strcmp(v, json_string_value(json_array_get(keep, k))) == 0)
			return v;
	return json_string_value(json_object_get(m, "otherwise"));
}

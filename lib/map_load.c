/* Column maps: load a JSON layout description, check it, free it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map_impl.h"
#include "ki/policy.h"

/* "identify": ["URN", ["P8MEA", "ATT8SCR"]]: each entry a column or its names. */
static int
parse_identify(struct ki_map *m, json_t *v, struct ki_err *err)
{
	size_t i;

	if (m->ident != NULL)
		return map_bad(m, "identify", err, "given twice", NULL);
	if (!json_is_array(v) || json_array_size(v) == 0)
		return map_bad(m, "identify", err, "must be a non-empty array", NULL);
	if ((m->ident = calloc(json_array_size(v), sizeof(*m->ident))) == NULL)
		return map_bad(m, "identify", err, "out of memory", NULL);
	for (i = 0; i < json_array_size(v); i++) {
		char *sub = ki_policy_path("identify", "", (long)i);
		int rc;

		if (sub == NULL)
			return map_bad(m, "identify", err, "out of memory", NULL);
		m->nident = i + 1;
		rc = map_strlist(m, json_array_get(v, i), sub, &m->ident[i].names,
		    &m->ident[i].n, 1, err);
		free(sub);
		if (rc == -1)
			return -1;
	}
	return 0;
}

/* "map", "description", "source" and "family": strings. */
static int
top_text(struct ki_map *m, const char *key, json_t *v, struct ki_err *err)
{
	char **to = strcmp(key, "map") == 0 ? &m->name :
	    strcmp(key, "description") == 0 ? &m->desc :
	    strcmp(key, "family") == 0 ? &m->family : NULL;

	if (!json_is_string(v))
		return map_bad(m, key, err, "must be a string", NULL);
	if (to == NULL)
		return 0;
	free(*to);
	if ((*to = strdup(json_string_value(v))) == NULL)
		return map_bad(m, key, err, "out of memory", NULL);
	return 0;
}

static int
top_kind(struct ki_map *m, const char *key, json_t *v, struct ki_err *err)
{
	static const char *const kinds[] = { "year", "school", "inspection",
	    "links" };
	static const enum ki_map_kind kind[] = { KI_MAP_YEAR, KI_MAP_SCHOOL,
	    KI_MAP_INSPECTION, KI_MAP_LINKS };
	const char *s = json_is_string(v) ? json_string_value(v) : "";
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(s, kinds[i]) == 0) {
			m->kind = kind[i];
			return 0;
		}
	return map_bad(m, key, err, "must be \"year\", \"school\", "
	    "\"inspection\" or \"links\", not", s);
}

/* "encoding" and "long_rows": a word that may set a reader's flag. */
static int
top_reader(struct ki_map *m, const char *key, json_t *v, struct ki_err *err)
{
	const char *s = json_is_string(v) ? json_string_value(v) : "";

	if (strcmp(key, "encoding") == 0) {
		if (strcmp(s, "cp1252") == 0)
			m->flags |= KI_RD_CP1252;
		else if (strcmp(s, "utf-8") != 0)
			return map_bad(m, key, err, "must be \"utf-8\" or "
			    "\"cp1252\", not", s);
	} else if (strcmp(s, "drop") == 0)
		m->flags |= KI_RD_DROP_LONG;
	else if (strcmp(s, "error") != 0)
		return map_bad(m, key, err, "must be \"drop\" or \"error\", not",
		    s);
	return 0;
}

/* "pad_short_rows" and "year_from_suffix": true or false. */
static int
top_bool(struct ki_map *m, const char *key, json_t *v, struct ki_err *err)
{
	if (!json_is_boolean(v))
		return map_bad(m, key, err, "must be true or false", NULL);
	if (strcmp(key, "year_from_suffix") == 0)
		m->suffix = json_is_true(v);
	else if (json_is_true(v))
		m->flags |= KI_RD_PAD_SHORT;
	return 0;
}

static int
top_years(struct ki_map *m, const char *key, json_t *v, struct ki_err *err)
{
	json_t *lo = json_array_get(v, 0);
	json_t *hi = json_array_get(v, 1);

	if (!json_is_array(v) || json_array_size(v) != 2 ||
	    !json_is_integer(lo) || !json_is_integer(hi) ||
	    json_integer_value(lo) < 1990 || json_integer_value(hi) > 2100 ||
	    json_integer_value(lo) > json_integer_value(hi))
		return map_bad(m, key, err, "must be [FIRST, LAST], two years "
		    "from 1990 to 2100 in order", NULL);
	m->year_lo = (int)json_integer_value(lo);
	m->year_hi = (int)json_integer_value(hi);
	return 0;
}

/* "keep": {"COLUMN": ["value", ...]}, the rows kept. */
static int
top_keep(struct ki_map *m, const char *key, json_t *v, struct ki_err *err)
{
	const char *k2;
	json_t *v2;
	size_t j;

	if (!json_is_object(v) || json_object_size(v) != 1)
		return map_bad(m, key, err, "must be an object with one column",
		    NULL);
	json_object_foreach(v, k2, v2) {
		if (!json_is_array(v2))
			return map_bad(m, key, err, "must list values in an "
			    "array", NULL);
		if (*k2 == '\0')
			return map_bad(m, key, err, "a column name must not be "
			    "empty", NULL);
		if (json_array_size(v2) == 0) {
			char *kp = ki_policy_path(key, k2, -1);
			int rc = map_bad(m, kp ? kp : key, err, "empty list: no "
			    "row would be kept", NULL);

			free(kp);
			return rc;
		}
		for (j = 0; j < json_array_size(v2); j++)
			if (!json_is_string(json_array_get(v2, j)))
				return map_bad(m, key, err, "values must be "
				    "strings", NULL);
		free(m->keep_col);
		if ((m->keep_col = strdup(k2)) == NULL)
			return map_bad(m, key, err, "out of memory", NULL);
		m->keep_vals = json_incref(v2);
	}
	return 0;
}

static int
top_blank(struct ki_map *m, const char *key, json_t *v, struct ki_err *err)
{
	return map_strlist(m, v, key, &m->blank, &m->nblank, 0, err);
}

static int
top_identify(struct ki_map *m, const char *key, json_t *v, struct ki_err *err)
{
	(void)key;
	return parse_identify(m, v, err);
}

/* "columns" is checked here and read once the top is known. */
static int
top_columns(struct ki_map *m, const char *key, json_t *v, struct ki_err *err)
{
	if (!json_is_object(v) || json_object_size(v) == 0)
		return map_bad(m, key, err, "must be a non-empty object", NULL);
	return 0;
}

/* The keys of a map, in the order man/ki-import.1 gives them. */
static const struct {
	const char *key;
	int (*parse)(struct ki_map *, const char *, json_t *, struct ki_err *);
} top_keys[] = {
	{ "map", top_text }, { "description", top_text },
	{ "source", top_text }, { "kind", top_kind },
	{ "encoding", top_reader }, { "pad_short_rows", top_bool },
	{ "year_from_suffix", top_bool }, { "years", top_years },
	{ "keep", top_keep }, { "blank", top_blank }, { "family", top_text },
	{ "identify", top_identify }, { "long_rows", top_reader },
	{ "columns", top_columns },
};
#define NTOP (sizeof(top_keys) / sizeof(top_keys[0]))

/* The map's blank tokens: its own, or ki's (KI_MAP_BLANKS). */
static int
blanks(struct ki_map *m, struct ki_err *err)
{
	static const char *dflt_blank[] = KI_MAP_BLANKS;
	size_t i;

	if (m->blank == NULL) {
		for (i = 0; dflt_blank[i] != NULL; i++)
			;
		if ((m->blank = calloc(i, sizeof(char *))) == NULL)
			return map_bad(m, "", err, "out of memory", NULL);
		for (m->nblank = 0; m->nblank < i; m->nblank++)
			if ((m->blank[m->nblank] = strdup(dflt_blank[m->nblank]))
			    == NULL)
				return map_bad(m, "", err, "out of memory", NULL);
	}
	for (i = 0; i < m->nblank; i++)
		m->first[(unsigned char)m->blank[i][0]] |=
		    map_lenbit(strlen(m->blank[i]));
	return 0;
}

/* Each of "columns", a canonical column and its spec. */
static int
parse_columns(struct ki_map *m, json_t *cols, struct ki_err *err)
{
	const char *key;
	json_t *v;
	size_t i = 0;

	if ((m->cols = calloc(json_object_size(cols), sizeof(char *))) == NULL ||
	    (m->specs = calloc(json_object_size(cols), sizeof(struct spec))) ==
	    NULL)
		return map_bad(m, "", err, "out of memory", NULL);
	m->ncols = json_object_size(cols);
	json_object_foreach(cols, key, v) {
		char *path = ki_policy_path("columns", key, -1);
		int rc;

		if (path == NULL)
			return map_bad(m, "", err, "out of memory", NULL);
		if ((m->cols[i] = strdup(key)) == NULL) {
			free(path);
			return map_bad(m, "", err, "out of memory", NULL);
		}
		rc = *key == '\0' ? map_bad(m, "columns", err, "a column name must "
		    "not be empty", NULL) : map_parse_spec(m, v, path, &m->specs[i],
		    0, err);
		free(path);
		i++;
		if (rc == -1)
			return -1;
	}
	return 0;
}

/* root's keys are known (ki_policy_load checked them): read each. */
static int
parse_top(void *arg, json_t *root, struct ki_err *err)
{
	struct ki_map *m = arg;
	const char *key;
	json_t *v, *cols;
	size_t i;

	m->kind = KI_MAP_YEAR;
	json_object_foreach(root, key, v) {
		for (i = 0; i < NTOP && strcmp(key, top_keys[i].key) != 0; i++)
			;
		if (i < NTOP && top_keys[i].parse(m, key, v, err) == -1)
			return -1;
	}
	if ((cols = json_object_get(root, "columns")) == NULL)
		return map_bad(m, "", err, "has no \"columns\"", NULL);
	if (blanks(m, err) == -1)
		return -1;
	return parse_columns(m, cols, err);
}

/* ki_policy_load's list of the keys a map may have. */
static void
map_keys(const char **keys)
{
	size_t i;

	for (i = 0; i < NTOP; i++)
		keys[i] = top_keys[i].key;
	keys[i] = NULL;
}

struct ki_map *
ki_map_load(const char *path, struct ki_err *err)
{
	const char *keys[NTOP + 1];
	struct ki_map *m;

	if ((m = calloc(1, sizeof(*m))) == NULL ||
	    (m->file = strdup(path)) == NULL) {
		free(m);
		ki_err_set(err, path, 0, NULL, "out of memory");
		return NULL;
	}
	m->keep_idx = -1;
	map_keys(keys);
	if (ki_policy_read(path, keys, "a map must be a JSON object",
	    parse_top, m, err) == -1) {
		ki_map_free(m);
		return NULL;
	}
	if (m->name == NULL && (m->name = strdup(path)) == NULL) {
		ki_map_free(m);
		ki_err_set(err, path, 0, NULL, "out of memory");
		return NULL;
	}
	return m;
}

void
ki_map_free(struct ki_map *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->ncols; i++) {
		free(m->cols[i]);
		map_free_spec(&m->specs[i]);
	}
	free(m->cols);
	free(m->specs);
	for (i = 0; i < m->nblank; i++)
		free(m->blank[i]);
	free(m->blank);
	free(m->keep_col);
	json_decref(m->keep_vals);
	for (i = 0; i < m->nident; i++) {
		size_t j;

		for (j = 0; j < m->ident[i].n; j++)
			free(m->ident[i].names[j]);
		free(m->ident[i].names);
	}
	free(m->ident);
	free(m->family);
	free(m->name);
	free(m->desc);
	free(m->file);
	free(m);
}

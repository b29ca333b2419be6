/* Column maps: load a JSON layout description and apply it to rows. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ki/jsonfile.h"
#include "ki/map.h"
#include "ki/val.h"

enum how { SP_FROM, SP_CONCAT, SP_VALUE, SP_FIRST };

/* Source columns whose being blank (or set) a value depends on. */
struct cond {
	char **names;
	size_t n;
	long *idx;
};

/* One entry of "identify": a column, given by any of its names. */
struct ident {
	char **names;
	size_t n;
};

struct spec {
	enum how how;
	char **names;		/* SP_FROM: alternatives; SP_CONCAT: parts */
	size_t nnames;
	long *idx;		/* bound column indices, -1 if absent */
	char *value;		/* SP_VALUE */
	struct spec *kids;	/* SP_FIRST */
	size_t nkids;
	enum ki_type type;
	json_t *lookup;		/* object, or NULL */
	json_t *lookup_ci;	/* the same, keyed in lower case */
	char *dflt;		/* NULL: an unknown value is an error */
	char **blank;		/* more values that mean blank here */
	size_t nblank;
	char **keep;		/* tokens that are values here, not blanks */
	size_t nkeep;
	int required;
	json_t *since;		/* date -> value: the value of the latest key */
	struct cond cond[2];	/* if_blank, if_set */
	char *path;		/* "columns.phase.first[1]", for messages */
	char *buf;		/* result of the last apply */
	size_t cap;
};

struct ki_map {
	char *file;
	char *name;
	char *desc;
	enum ki_map_kind kind;
	int flags;
	int suffix;
	int year_lo, year_hi;	/* "years": the years the layout covers */
	char **blank;
	size_t nblank;
	unsigned char first[256];	/* first bytes of the blank tokens */
	char *keep_col;
	json_t *keep_vals;	/* array of strings */
	long keep_idx;
	size_t ncols;
	char **cols;
	struct spec *specs;
	char *family;		/* the tag this layout also answers to */
	struct ident *ident;	/* columns that identify the layout */
	size_t nident;
};

static int
bad(struct ki_map *m, const char *path, struct ki_err *err, const char *msg,
    const char *what)
{
	if (what != NULL)
		return ki_err_set(err, m->file, 0, path, "%s \"%s\"", msg, what);
	return ki_err_set(err, m->file, 0, path, "%s", msg);
}

static char *
joinpath(const char *a, const char *b, long i)
{
	size_t n = strlen(a) + strlen(b) + 24;
	char *p = malloc(n);

	if (p == NULL)
		return NULL;
	if (i >= 0)
		snprintf(p, n, "%s%s[%ld]", a, b, i);
	else
		snprintf(p, n, "%s%s%s", a, *a ? "." : "", b);
	return p;
}

/* A string or a list of them; names: each is a column name, not "". */
static int
strlist(struct ki_map *m, json_t *j, const char *path, char ***out, size_t *n,
    int names, struct ki_err *err)
{
	size_t i;

	if (json_is_string(j)) {
		if (names && *json_string_value(j) == '\0')
			return bad(m, path, err, "a column name must not be "
			    "empty", NULL);
		if ((*out = calloc(1, sizeof(char *))) == NULL ||
		    ((*out)[0] = strdup(json_string_value(j))) == NULL)
			return bad(m, path, err, "out of memory", NULL);
		*n = 1;
		return 0;
	}
	if (!json_is_array(j) || json_array_size(j) == 0)
		return bad(m, path, err,
		    "must be a string or a non-empty array of strings", NULL);
	if ((*out = calloc(json_array_size(j), sizeof(char *))) == NULL)
		return bad(m, path, err, "out of memory", NULL);
	*n = json_array_size(j);
	for (i = 0; i < *n; i++) {
		json_t *s = json_array_get(j, i);

		if (!json_is_string(s))
			return bad(m, path, err, "must hold only strings", NULL);
		if (names && *json_string_value(s) == '\0')
			return bad(m, path, err, "a column name must not be "
			    "empty", NULL);
		if (((*out)[i] = strdup(json_string_value(s))) == NULL)
			return bad(m, path, err, "out of memory", NULL);
	}
	return 0;
}

/*
 * The lookup of sp again, keyed in lower case: source files vary the case
 * of one label ("SWK", "swk"). Keys alike but for case must agree.
 */
static int
fold_lookup(struct ki_map *m, struct spec *sp, const char *path,
    struct ki_err *err)
{
	const char *key;
	json_t *v;
	char low[256];

	if ((sp->lookup_ci = json_object()) == NULL)
		return bad(m, path, err, "out of memory", NULL);
	json_object_foreach(sp->lookup, key, v) {
		json_t *had;
		size_t i;

		for (i = 0; key[i] != '\0' && i + 1 < sizeof(low); i++)
			low[i] = (char)(key[i] >= 'A' && key[i] <= 'Z' ?
			    key[i] - 'A' + 'a' : key[i]);
		low[i] = '\0';
		if (key[i] != '\0')
			return bad(m, path, err, "a key is too long (255 bytes "
			    "at most):", key);
		if ((had = json_object_get(sp->lookup_ci, low)) != NULL &&
		    !json_equal(had, v))
			return ki_err_set(err, m->file, 0, path, "\"%s\" and a "
			    "key that differs from it only in case give "
			    "different values (\"%s\", \"%s\"): lookups match "
			    "in any case", key, json_string_value(had),
			    json_string_value(v));
		if (json_object_set(sp->lookup_ci, low, v) == -1)
			return bad(m, path, err, "out of memory", NULL);
	}
	return 0;
}

/* "since": {"2019-09-01": "2019", ...}, keys ISO dates, values strings. */
static int
parse_since(struct ki_map *m, json_t *v, const char *path, struct spec *sp,
    struct ki_err *err)
{
	const char *k;
	json_t *x;

	if (!json_is_object(v) || json_object_size(v) == 0)
		return bad(m, path, err, "must be a non-empty object of dates",
		    NULL);
	json_object_foreach(v, k, x) {
		if (strlen(k) != 10 || k[4] != '-' || k[7] != '-')
			return bad(m, path, err, "keys must be dates yyyy-mm-dd, "
			    "not", k);
		if (!json_is_string(x))
			return bad(m, path, err, "values must be strings, not at",
			    k);
	}
	json_decref(sp->since);
	sp->since = json_incref(v);
	return 0;
}

static int
parse_spec(struct ki_map *m, json_t *j, const char *path, struct spec *sp,
    int part, struct ki_err *err)
{
	const char *key;
	json_t *v;
	int ways = 0;

	memset(sp, 0, sizeof(*sp));
	if ((sp->path = strdup(path)) == NULL)
		return bad(m, path, err, "out of memory", NULL);
	sp->type = KI_T_TEXT;
	if (json_is_string(j)) {
		sp->how = SP_FROM;
		return strlist(m, j, path, &sp->names, &sp->nnames, 1, err);
	}
	if (!json_is_object(j))
		return bad(m, path, err,
		    "must be a column name or an object", NULL);
	json_object_foreach(j, key, v) {
		char *sub = joinpath(path, key, -1);
		int rc = 0;

		if (sub == NULL)
			return bad(m, path, err, "out of memory", NULL);
		if (strcmp(key, "from") == 0 || strcmp(key, "concat") == 0) {
			sp->how = key[0] == 'f' ? SP_FROM : SP_CONCAT;
			/* A second list would leak the first: refuse it now. */
			if (ways++ > 0)
				rc = bad(m, path, err, "give only one of from, "
				    "concat, value and first", NULL);
			else
				rc = strlist(m, v, sub, &sp->names, &sp->nnames,
				    1, err);
		} else if (strcmp(key, "value") == 0) {
			sp->how = SP_VALUE;
			ways++;
			if (!json_is_string(v))
				rc = bad(m, sub, err, "must be a string", NULL);
			else if ((sp->value = strdup(json_string_value(v))) == NULL)
				rc = bad(m, sub, err, "out of memory", NULL);
		} else if (strcmp(key, "first") == 0) {
			size_t i;

			sp->how = SP_FIRST;
			ways++;
			if (!json_is_array(v) || json_array_size(v) == 0)
				rc = bad(m, sub, err, "must be a non-empty array",
				    NULL);
			else if ((sp->kids = calloc(json_array_size(v),
			    sizeof(*sp->kids))) == NULL)
				rc = bad(m, sub, err, "out of memory", NULL);
			for (i = 0; rc == 0 && i < json_array_size(v); i++) {
				char *kp = joinpath(path, ".first", (long)i);

				if (kp == NULL)
					rc = bad(m, sub, err, "out of memory", NULL);
				else {
					sp->nkids = i + 1;
					rc = parse_spec(m, json_array_get(v, i),
					    kp, &sp->kids[i], 1, err);
					free(kp);
				}
			}
		} else if (strcmp(key, "type") == 0) {
			if (!json_is_string(v) ||
			    ki_type_parse(json_string_value(v), &sp->type) == -1)
				rc = ki_err_set(err, m->file, 0, sub, "unknown "
				    "type \"%s\" (text, number, int, date, grade, "
				    "bool, year)", json_is_string(v) ?
				    json_string_value(v) : "?");
		} else if (strcmp(key, "lookup") == 0) {
			const char *k2;
			json_t *v2;

			if (!json_is_object(v))
				rc = bad(m, sub, err, "must be an object", NULL);
			else
				json_object_foreach(v, k2, v2)
					if (rc == 0 && !json_is_string(v2))
						rc = bad(m, sub, err,
						    "values must be strings, not at",
						    k2);
			if (rc == 0) {
				sp->lookup = json_incref(v);
				rc = fold_lookup(m, sp, sub, err);
			}
		} else if (strcmp(key, "default") == 0) {
			if (!json_is_string(v))
				rc = bad(m, sub, err, "must be a string", NULL);
			else if ((sp->dflt = strdup(json_string_value(v))) == NULL)
				rc = bad(m, sub, err, "out of memory", NULL);
		} else if (strcmp(key, "blank") == 0) {
			rc = strlist(m, v, sub, &sp->blank, &sp->nblank, 0,
			    err);
		} else if (strcmp(key, "keep") == 0) {
			rc = strlist(m, v, sub, &sp->keep, &sp->nkeep, 0,
			    err);
		} else if (strcmp(key, "required") == 0) {
			if (!json_is_boolean(v))
				rc = bad(m, sub, err, "must be true or false", NULL);
			sp->required = json_is_true(v);
		} else if (strcmp(key, "since") == 0) {
			rc = parse_since(m, v, sub, sp, err);
		} else if (strcmp(key, "if_blank") == 0 ||
		    strcmp(key, "if_set") == 0) {
			struct cond *cd = &sp->cond[key[3] == 's'];

			rc = strlist(m, v, sub, &cd->names, &cd->n, 1, err);
		} else
			rc = bad(m, path, err, "unknown key", key);
		free(sub);
		if (rc == -1)
			return -1;
	}
	if (ways != 1)
		return bad(m, path, err, ways ? "give only one of from, concat, "
		    "value and first" : "needs one of from, concat, value and "
		    "first", NULL);
	if (sp->dflt != NULL && sp->lookup == NULL)
		return bad(m, path, err, "default needs a lookup", NULL);
	/* Blank for every value not listed would hide a new or odd one. */
	if (sp->dflt != NULL && *sp->dflt == '\0' && !part)
		return bad(m, path, err, "a default of \"\" blanks every value "
		    "the lookup lacks: list the values that mean blank, or put "
		    "the lookup in a part of first (where \"\" tries the next "
		    "part)", NULL);
	if (sp->since != NULL && (sp->type != KI_T_DATE || sp->lookup != NULL))
		return bad(m, path, err, "since needs type date, and no lookup",
		    NULL);
	/* Conversions read a source column: first and value have none. */
	if ((sp->how == SP_FIRST || sp->how == SP_VALUE) &&
	    (sp->type != KI_T_TEXT || sp->lookup != NULL || sp->nblank > 0 ||
	    sp->required || sp->since != NULL || sp->cond[0].n > 0 ||
	    sp->cond[1].n > 0))
		return bad(m, path, err, "type, lookup, default, blank and "
		    "required, since, if_blank and if_set go with from or concat "
		    "(inside first, on each part)", NULL);
	return 0;
}

static void
free_spec(struct spec *sp)
{
	size_t i, k;

	for (i = 0; i < sp->nnames; i++)
		free(sp->names[i]);
	free(sp->names);
	free(sp->idx);
	free(sp->value);
	for (i = 0; i < sp->nkids; i++)
		free_spec(&sp->kids[i]);
	free(sp->kids);
	json_decref(sp->lookup);
	json_decref(sp->lookup_ci);
	free(sp->dflt);
	for (i = 0; i < sp->nblank; i++)
		free(sp->blank[i]);
	free(sp->blank);
	for (i = 0; i < sp->nkeep; i++)
		free(sp->keep[i]);
	free(sp->keep);
	json_decref(sp->since);
	for (k = 0; k < 2; k++) {
		for (i = 0; i < sp->cond[k].n; i++)
			free(sp->cond[k].names[i]);
		free(sp->cond[k].names);
		free(sp->cond[k].idx);
	}
	free(sp->path);
	free(sp->buf);
}

/* "identify": ["URN", ["P8MEA", "ATT8SCR"]]: each entry a column or its names. */
static int
parse_identify(struct ki_map *m, json_t *v, struct ki_err *err)
{
	size_t i;

	if (m->ident != NULL)
		return bad(m, "identify", err, "given twice", NULL);
	if (!json_is_array(v) || json_array_size(v) == 0)
		return bad(m, "identify", err, "must be a non-empty array", NULL);
	if ((m->ident = calloc(json_array_size(v), sizeof(*m->ident))) == NULL)
		return bad(m, "identify", err, "out of memory", NULL);
	for (i = 0; i < json_array_size(v); i++) {
		char *sub = joinpath("identify", "", (long)i);
		int rc;

		if (sub == NULL)
			return bad(m, "identify", err, "out of memory", NULL);
		m->nident = i + 1;
		rc = strlist(m, json_array_get(v, i), sub, &m->ident[i].names,
		    &m->ident[i].n, 1, err);
		free(sub);
		if (rc == -1)
			return -1;
	}
	return 0;
}

static int
parse_top(struct ki_map *m, json_t *root, struct ki_err *err)
{
	static const char *dflt_blank[] = KI_MAP_BLANKS;
	const char *key;
	json_t *v, *cols = NULL;
	size_t i;

	if (!json_is_object(root))
		return bad(m, "", err, "a map must be a JSON object", NULL);
	m->kind = KI_MAP_YEAR;
	json_object_foreach(root, key, v) {
		if (strcmp(key, "map") == 0) {
			if (!json_is_string(v))
				return bad(m, key, err, "must be a string", NULL);
			free(m->name);
			m->name = strdup(json_string_value(v));
		} else if (strcmp(key, "description") == 0 ||
		    strcmp(key, "source") == 0) {
			if (!json_is_string(v))
				return bad(m, key, err, "must be a string", NULL);
			if (strcmp(key, "description") == 0) {
				free(m->desc);
				m->desc = strdup(json_string_value(v));
			}
		} else if (strcmp(key, "kind") == 0) {
			const char *s = json_is_string(v) ? json_string_value(v) : "";

			if (strcmp(s, "year") == 0)
				m->kind = KI_MAP_YEAR;
			else if (strcmp(s, "school") == 0)
				m->kind = KI_MAP_SCHOOL;
			else if (strcmp(s, "inspection") == 0)
				m->kind = KI_MAP_INSPECTION;
			else
				return bad(m, key, err, "must be \"year\", "
				    "\"school\" or \"inspection\", not", s);
		} else if (strcmp(key, "encoding") == 0) {
			const char *s = json_is_string(v) ? json_string_value(v) : "";

			if (strcmp(s, "cp1252") == 0)
				m->flags |= KI_RD_CP1252;
			else if (strcmp(s, "utf-8") != 0)
				return bad(m, key, err, "must be \"utf-8\" or "
				    "\"cp1252\", not", s);
		} else if (strcmp(key, "pad_short_rows") == 0) {
			if (!json_is_boolean(v))
				return bad(m, key, err, "must be true or false",
				    NULL);
			if (json_is_true(v))
				m->flags |= KI_RD_PAD_SHORT;
		} else if (strcmp(key, "year_from_suffix") == 0) {
			if (!json_is_boolean(v))
				return bad(m, key, err, "must be true or false",
				    NULL);
			m->suffix = json_is_true(v);
		} else if (strcmp(key, "years") == 0) {
			json_t *lo = json_array_get(v, 0);
			json_t *hi = json_array_get(v, 1);

			if (!json_is_array(v) || json_array_size(v) != 2 ||
			    !json_is_integer(lo) || !json_is_integer(hi) ||
			    json_integer_value(lo) < 1990 ||
			    json_integer_value(hi) > 2100 ||
			    json_integer_value(lo) > json_integer_value(hi))
				return bad(m, key, err, "must be [FIRST, LAST], "
				    "two years from 1990 to 2100 in order", NULL);
			m->year_lo = (int)json_integer_value(lo);
			m->year_hi = (int)json_integer_value(hi);
		} else if (strcmp(key, "keep") == 0) {
			const char *k2;
			json_t *v2;

			if (!json_is_object(v) || json_object_size(v) != 1)
				return bad(m, key, err, "must be an object with "
				    "one column", NULL);
			json_object_foreach(v, k2, v2) {
				size_t j;

				if (!json_is_array(v2))
					return bad(m, key, err,
					    "must list values in an array", NULL);
				if (*k2 == '\0')
					return bad(m, key, err, "a column name "
					    "must not be empty", NULL);
				if (json_array_size(v2) == 0) {
					char *kp = joinpath(key, k2, -1);
					int rc = bad(m, kp ? kp : key, err,
					    "empty list: no row would be kept",
					    NULL);

					free(kp);
					return rc;
				}
				for (j = 0; j < json_array_size(v2); j++)
					if (!json_is_string(json_array_get(v2, j)))
						return bad(m, key, err,
						    "values must be strings", NULL);
				m->keep_col = strdup(k2);
				m->keep_vals = json_incref(v2);
			}
		} else if (strcmp(key, "blank") == 0) {
			if (strlist(m, v, key, &m->blank, &m->nblank, 0,
			    err) == -1)
				return -1;
		} else if (strcmp(key, "family") == 0) {
			if (!json_is_string(v))
				return bad(m, key, err, "must be a string", NULL);
			free(m->family);
			if ((m->family = strdup(json_string_value(v))) == NULL)
				return bad(m, key, err, "out of memory", NULL);
		} else if (strcmp(key, "identify") == 0) {
			if (parse_identify(m, v, err) == -1)
				return -1;
		} else if (strcmp(key, "long_rows") == 0) {
			const char *s = json_is_string(v) ? json_string_value(v) : "";

			if (strcmp(s, "drop") == 0)
				m->flags |= KI_RD_DROP_LONG;
			else if (strcmp(s, "error") != 0)
				return bad(m, key, err, "must be \"drop\" or "
				    "\"error\", not", s);
		} else if (strcmp(key, "columns") == 0) {
			if (!json_is_object(v) || json_object_size(v) == 0)
				return bad(m, key, err, "must be a non-empty "
				    "object", NULL);
			cols = v;
		} else
			return bad(m, "", err, "unknown key", key);
	}
	if (cols == NULL)
		return bad(m, "", err, "has no \"columns\"", NULL);
	if (m->blank == NULL) {
		for (i = 0; dflt_blank[i] != NULL; i++)
			;
		if ((m->blank = calloc(i, sizeof(char *))) == NULL)
			return bad(m, "", err, "out of memory", NULL);
		for (m->nblank = 0; m->nblank < i; m->nblank++)
			m->blank[m->nblank] = strdup(dflt_blank[m->nblank]);
	}
	for (i = 0; i < m->nblank; i++)
		m->first[(unsigned char)m->blank[i][0]] = 1;
	m->ncols = json_object_size(cols);
	if ((m->cols = calloc(m->ncols, sizeof(char *))) == NULL ||
	    (m->specs = calloc(m->ncols, sizeof(struct spec))) == NULL)
		return bad(m, "", err, "out of memory", NULL);
	i = 0;
	json_object_foreach(cols, key, v) {
		char *path = joinpath("columns", key, -1);
		int rc;

		if (path == NULL)
			return bad(m, "", err, "out of memory", NULL);
		m->cols[i] = strdup(key);
		rc = *key == '\0' ? bad(m, "columns", err, "a column name must "
		    "not be empty", NULL) : parse_spec(m, v, path, &m->specs[i],
		    0, err);
		free(path);
		i++;
		if (rc == -1)
			return -1;
	}
	return 0;
}

struct ki_map *
ki_map_load(const char *path, struct ki_err *err)
{
	struct ki_map *m;
	json_t *root;

	if ((m = calloc(1, sizeof(*m))) == NULL ||
	    (m->file = strdup(path)) == NULL) {
		free(m);
		ki_err_set(err, path, 0, NULL, "out of memory");
		return NULL;
	}
	m->keep_idx = -1;
	if ((root = ki_json_load(path, err)) == NULL) {
		ki_map_free(m);
		return NULL;
	}
	if (parse_top(m, root, err) == -1) {
		json_decref(root);
		ki_map_free(m);
		return NULL;
	}
	json_decref(root);
	if (m->name == NULL)
		m->name = strdup(path);
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
		free_spec(&m->specs[i]);
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

const char *
ki_map_name(const struct ki_map *m)
{
	return m->name;
}

const char *
ki_map_description(const struct ki_map *m)
{
	return m->desc ? m->desc : "";
}

enum ki_map_kind
ki_map_kind(const struct ki_map *m)
{
	return m->kind;
}

int
ki_map_flags(const struct ki_map *m)
{
	return m->flags;
}

int
ki_map_year_from_suffix(const struct ki_map *m)
{
	return m->suffix;
}

int
ki_map_years(const struct ki_map *m, int *lo, int *hi)
{
	*lo = m->year_lo;
	*hi = m->year_hi;
	return m->year_lo > 0;
}

int
ki_map_covers(const struct ki_map *m, int year)
{
	return m->year_lo == 0 || year <= 0 ||
	    (year >= m->year_lo && year <= m->year_hi);
}

size_t
ki_map_ncols(const struct ki_map *m)
{
	return m->ncols;
}

const char *
ki_map_col(const struct ki_map *m, size_t i)
{
	return m->cols[i];
}

/* A first's type is its parts' when they all agree. */
static enum ki_type
spec_type(const struct spec *sp)
{
	size_t i;

	if (sp->how != SP_FIRST)
		return sp->type;
	for (i = 1; i < sp->nkids; i++)
		if (spec_type(&sp->kids[i]) != spec_type(&sp->kids[0]))
			return KI_T_TEXT;
	return spec_type(&sp->kids[0]);
}

enum ki_type
ki_map_col_type(const struct ki_map *m, size_t i)
{
	return spec_type(&m->specs[i]);
}

/*
 * Whether header name a is b, give or take case and runs of spaces:
 * monthly releases write "Latest OEIF  safeguarding is effective?" with two
 * spaces in one month and one in the next.
 */
static int
same_name(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' && (a[1] == ' ' || a[1] == '\0'))
			a++;
		while (*b == ' ' && (b[1] == ' ' || b[1] == '\0'))
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++;
		b++;
	}
}

/* The index of column name in h: exactly, else by same_name. -1 if none. */
static long
find_col(const struct ki_hdr *h, const char *name)
{
	long k = ki_hdr_index(h, name);
	size_t i;

	if (k >= 0)
		return k;
	while (*name == ' ')
		name++;
	for (i = 0; i < h->n; i++) {
		const char *n = h->names[i];

		while (*n == ' ')
			n++;
		if (same_name(n, name))
			return (long)i;
	}
	return -1;
}

static int
bind_cond(struct cond *cd, const struct ki_hdr *h, const char *file,
    struct ki_err *err)
{
	size_t i;

	if (cd->n == 0)
		return 0;
	free(cd->idx);
	if ((cd->idx = calloc(cd->n, sizeof(long))) == NULL)
		return ki_err_set(err, file, 0, NULL, "out of memory");
	for (i = 0; i < cd->n; i++)
		cd->idx[i] = find_col(h, cd->names[i]);
	return 0;
}

static int
bind_spec(struct spec *sp, const struct ki_hdr *h, const char *file,
    struct ki_err *err)
{
	size_t i;
	int found = 0;

	for (i = 0; i < sp->nkids; i++)
		if (bind_spec(&sp->kids[i], h, file, err) == -1)
			return -1;
	if (bind_cond(&sp->cond[0], h, file, err) == -1 ||
	    bind_cond(&sp->cond[1], h, file, err) == -1)
		return -1;
	if (sp->nnames == 0)
		return 0;
	free(sp->idx);
	if ((sp->idx = calloc(sp->nnames, sizeof(long))) == NULL)
		return ki_err_set(err, file, 0, NULL, "out of memory");
	for (i = 0; i < sp->nnames; i++) {
		sp->idx[i] = find_col(h, sp->names[i]);
		found |= sp->idx[i] >= 0;
	}
	if (sp->how == SP_CONCAT)
		for (i = 0; i < sp->nnames; i++)
			if (sp->idx[i] < 0 && sp->required)
				return ki_err_set(err, file, 1, sp->names[i],
				    "no such column in the header");
	if (!found && sp->required)
		return ki_err_set(err, file, 1, sp->names[0],
		    "no such column in the header");
	return 0;
}

int
ki_map_bind(struct ki_map *m, const struct ki_hdr *h, const char *file,
    struct ki_err *err)
{
	size_t i;

	if (m->keep_col != NULL &&
	    (m->keep_idx = find_col(h, m->keep_col)) < 0)
		return ki_err_set(err, file, 1, m->keep_col,
		    "no such column in the header (the %s layout needs it)",
		    m->name);
	for (i = 0; i < m->ncols; i++)
		if (bind_spec(&m->specs[i], h, file, err) == -1)
			return -1;
	return 0;
}

static void
used(const struct spec *sp, unsigned char *want, size_t n)
{
	size_t i, k;

	for (i = 0; i < sp->nkids; i++)
		used(&sp->kids[i], want, n);
	for (k = 0; k < 2; k++)
		for (i = 0; i < sp->cond[k].n; i++)
			if (sp->cond[k].idx != NULL && sp->cond[k].idx[i] >= 0 &&
			    (size_t)sp->cond[k].idx[i] < n)
				want[sp->cond[k].idx[i]] = 1;
	for (i = 0; i < sp->nnames; i++)
		if (sp->idx != NULL && sp->idx[i] >= 0 && (size_t)sp->idx[i] < n)
			want[sp->idx[i]] = 1;
}

void
ki_map_used(const struct ki_map *m, unsigned char *want, size_t n)
{
	size_t i;

	memset(want, 0, n);
	if (m->keep_idx >= 0 && (size_t)m->keep_idx < n)
		want[m->keep_idx] = 1;
	for (i = 0; i < m->ncols; i++)
		used(&m->specs[i], want, n);
}

int
ki_map_keep(const struct ki_map *m, const struct ki_rec *rec)
{
	const char *v;
	size_t i;

	if (m->keep_idx < 0)
		return 1;
	v = rec->v[m->keep_idx];
	if (v == NULL)
		return 0;
	for (i = 0; i < json_array_size(m->keep_vals); i++)
		if (strcmp(v, json_string_value(json_array_get(m->keep_vals,
		    i))) == 0)
			return 1;
	return 0;
}

static int
is_blank(const struct ki_map *m, const struct spec *sp, const char *v)
{
	size_t i;

	if (v == NULL || *v == '\0')
		return 1;
	/* Most cells are numbers: no token starts with a digit. */
	if (!m->first[(unsigned char)*v] && sp->nblank == 0)
		return 0;
	for (i = 0; i < sp->nkeep; i++)
		if (strcmp(v, sp->keep[i]) == 0)
			return 0;
	for (i = 0; i < m->nblank; i++)
		if (strcmp(v, m->blank[i]) == 0)
			return 1;
	for (i = 0; i < sp->nblank; i++)
		if (strcmp(v, sp->blank[i]) == 0)
			return 1;
	return 0;
}

static int
put(struct spec *sp, const char *s, size_t len)
{
	if (len + 1 > sp->cap) {
		char *p = realloc(sp->buf, len + 64);

		if (p == NULL)
			return -1;
		sp->buf = p;
		sp->cap = len + 64;
	}
	memcpy(sp->buf, s, len);
	sp->buf[len] = '\0';
	return 0;
}

/*
 * Whether sp's if_blank columns are all blank (or absent) and its if_set
 * columns all hold a value in rec.
 */
static int
cond_holds(const struct ki_map *m, const struct spec *sp,
    const struct ki_rec *rec)
{
	static const struct spec none;	/* the map's blanks only */
	size_t k, i;

	for (k = 0; k < 2; k++)
		for (i = 0; i < sp->cond[k].n; i++) {
			long x = sp->cond[k].idx[i];
			const char *v = x >= 0 ? rec->v[x] : NULL;
			int set;

			if (v != NULL)
				while (*v == ' ' || *v == '\t')
					v++;
			/* Padded cells ("NULL ") count as their token. */
			if (v == NULL)
				set = 0;
			else {
				char tok[64];
				size_t len = strlen(v);

				while (len > 0 && (v[len - 1] == ' ' ||
				    v[len - 1] == '\t'))
					len--;
				if (len >= sizeof(tok))
					set = 1;
				else {
					memcpy(tok, v, len);
					tok[len] = '\0';
					set = !is_blank(m, &none, tok);
				}
			}
			if (set != (int)k)
				return 0;
		}
	return 1;
}

/* The value of the latest "since" date not after the ISO date d, or NULL. */
static const char *
since(const struct spec *sp, const char *d)
{
	const char *k, *best = NULL, *val = NULL;
	json_t *v;

	json_object_foreach(sp->since, k, v)
		if (strcmp(k, d) <= 0 && (best == NULL || strcmp(k, best) > 0)) {
			best = k;
			val = json_string_value(v);
		}
	return val != NULL && *val != '\0' ? val : NULL;
}

static int
eval(struct ki_map *m, struct spec *sp, const struct ki_rec *rec,
    const char *file, const char **out, struct ki_err *err)
{
	const char *raw = NULL, *col = NULL;
	char conv[64];
	size_t i;

	*out = NULL;
	if ((sp->cond[0].n > 0 || sp->cond[1].n > 0) && !cond_holds(m, sp, rec))
		return 0;
	switch (sp->how) {
	case SP_VALUE:
		*out = *sp->value ? sp->value : NULL;
		return 0;
	case SP_FIRST:
		for (i = 0; i < sp->nkids; i++) {
			if (eval(m, &sp->kids[i], rec, file, out, err) == -1)
				return -1;
			if (*out != NULL)
				return 0;
		}
		return 0;
	case SP_FROM:
		for (i = 0; i < sp->nnames; i++)
			if (sp->idx[i] >= 0) {
				col = sp->names[i];
				raw = rec->v[sp->idx[i]];
				break;
			}
		if (raw != NULL) {
			/* Exports pad some cells ("SM "): compare without it. */
			size_t len;

			while (*raw == ' ' || *raw == '\t')
				raw++;
			len = strlen(raw);
			while (len > 0 && (raw[len - 1] == ' ' ||
			    raw[len - 1] == '\t'))
				len--;
			if (put(sp, raw, len) == -1)
				return ki_err_set(err, file, rec->line, NULL,
				    "out of memory");
			raw = sp->buf;
		}
		if (is_blank(m, sp, raw))
			return 0;
		break;
	case SP_CONCAT: {
		size_t len = 0;

		for (i = 0; i < sp->nnames; i++) {
			const char *p = sp->idx[i] >= 0 ? rec->v[sp->idx[i]] : NULL;

			if (is_blank(m, sp, p))
				return 0;
			len += strlen(p);
		}
		if (len + 1 > sp->cap) {
			char *b = realloc(sp->buf, len + 64);

			if (b == NULL)
				return ki_err_set(err, file, rec->line, NULL,
				    "out of memory");
			sp->buf = b;
			sp->cap = len + 64;
		}
		sp->buf[0] = '\0';
		for (i = 0; i < sp->nnames; i++)
			strcat(sp->buf, rec->v[sp->idx[i]]);
		raw = sp->buf;
		col = sp->names[0];
		break;
	}
	}
	if (sp->type != KI_T_TEXT) {
		char msg[160];
		int rc = ki_val_norm(sp->type, raw, conv, sizeof(conv), msg,
		    sizeof(msg));

		if (rc == -1)
			return ki_err_set(err, file, rec->line, col, "%s (for %s)",
			    msg, sp->path + (strncmp(sp->path, "columns.", 8) ?
			    0 : 8));
		if (rc == 0)
			return 0;
		raw = conv;
	}
	if (sp->since != NULL && (raw = since(sp, raw)) == NULL)
		return 0;
	if (sp->lookup != NULL) {
		json_t *hit = json_object_get(sp->lookup, raw);

		if (hit == NULL) {
			char low[256];
			size_t k;

			for (k = 0; raw[k] != '\0' && k + 1 < sizeof(low); k++)
				low[k] = (char)(raw[k] >= 'A' && raw[k] <= 'Z' ?
				    raw[k] - 'A' + 'a' : raw[k]);
			low[k] = '\0';
			if (raw[k] == '\0')
				hit = json_object_get(sp->lookup_ci, low);
		}
		if (hit != NULL)
			raw = json_string_value(hit);
		else if (sp->dflt != NULL)
			raw = sp->dflt;
		else
			return ki_err_set(err, file, rec->line, col,
			    "unknown value \"%s\" (for %s; add it to the map's "
			    "lookup)", raw, sp->path);
		if (*raw == '\0')
			return 0;
	}
	if (raw != sp->buf && put(sp, raw, strlen(raw)) == -1)
		return ki_err_set(err, file, rec->line, NULL, "out of memory");
	*out = sp->buf;
	return 0;
}

int
ki_map_apply(struct ki_map *m, const struct ki_rec *rec, const char *file,
    const char **out, struct ki_err *err)
{
	size_t i;

	for (i = 0; i < m->ncols; i++)
		if (eval(m, &m->specs[i], rec, file, &out[i], err) == -1)
			return -1;
	return 0;
}

const char *
ki_map_family(const struct ki_map *m)
{
	return m->family;
}

size_t
ki_map_nidentify(const struct ki_map *m)
{
	return m->nident;
}

size_t
ki_map_identify(const struct ki_map *m, const struct ki_hdr *h,
    char *missing, size_t len)
{
	size_t i, j, nmiss = 0, used = 0;

	if (len > 0)
		missing[0] = '\0';
	for (i = 0; i < m->nident; i++) {
		const struct ident *id = &m->ident[i];

		for (j = 0; j < id->n; j++)
			if (find_col(h, id->names[j]) >= 0)
				break;
		if (j < id->n)
			continue;
		nmiss++;
		for (j = 0; j < id->n && used < len; j++) {
			int w = snprintf(missing + used, len - used, "%s%s",
			    j > 0 ? " or " : nmiss > 1 ? ", " : "", id->names[j]);

			if (w > 0)
				used += (size_t)w;
		}
	}
	return nmiss;
}

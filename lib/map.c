/* Column maps: load a JSON layout description and apply it to rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ki/jsonfile.h"
#include "ki/map.h"
#include "ki/val.h"

enum how { SP_FROM, SP_CONCAT, SP_VALUE, SP_FIRST };

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
	char *dflt;		/* NULL: an unknown value is an error */
	char **blank;		/* more values that mean blank here */
	size_t nblank;
	int required;
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
	char **blank;
	size_t nblank;
	unsigned char first[256];	/* first bytes of the blank tokens */
	char *keep_col;
	json_t *keep_vals;	/* array of strings */
	long keep_idx;
	size_t ncols;
	char **cols;
	struct spec *specs;
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

static int
strlist(struct ki_map *m, json_t *j, const char *path, char ***out, size_t *n,
    struct ki_err *err)
{
	size_t i;

	if (json_is_string(j)) {
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
		if (((*out)[i] = strdup(json_string_value(s))) == NULL)
			return bad(m, path, err, "out of memory", NULL);
	}
	return 0;
}

static int
parse_spec(struct ki_map *m, json_t *j, const char *path, struct spec *sp,
    struct ki_err *err)
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
		return strlist(m, j, path, &sp->names, &sp->nnames, err);
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
				    err);
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
					    kp, &sp->kids[i], err);
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
			if (rc == 0)
				sp->lookup = json_incref(v);
		} else if (strcmp(key, "default") == 0) {
			if (!json_is_string(v))
				rc = bad(m, sub, err, "must be a string", NULL);
			else if ((sp->dflt = strdup(json_string_value(v))) == NULL)
				rc = bad(m, sub, err, "out of memory", NULL);
		} else if (strcmp(key, "blank") == 0) {
			rc = strlist(m, v, sub, &sp->blank, &sp->nblank, err);
		} else if (strcmp(key, "required") == 0) {
			if (!json_is_boolean(v))
				rc = bad(m, sub, err, "must be true or false", NULL);
			sp->required = json_is_true(v);
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
	/* Conversions read a source column: first and value have none. */
	if ((sp->how == SP_FIRST || sp->how == SP_VALUE) &&
	    (sp->type != KI_T_TEXT || sp->lookup != NULL || sp->nblank > 0 ||
	    sp->required))
		return bad(m, path, err, "type, lookup, default, blank and "
		    "required go with from or concat (inside first, on each "
		    "part)", NULL);
	return 0;
}

static void
free_spec(struct spec *sp)
{
	size_t i;

	for (i = 0; i < sp->nnames; i++)
		free(sp->names[i]);
	free(sp->names);
	free(sp->idx);
	free(sp->value);
	for (i = 0; i < sp->nkids; i++)
		free_spec(&sp->kids[i]);
	free(sp->kids);
	json_decref(sp->lookup);
	free(sp->dflt);
	for (i = 0; i < sp->nblank; i++)
		free(sp->blank[i]);
	free(sp->blank);
	free(sp->path);
	free(sp->buf);
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
			if ((m->name = strdup(json_string_value(v))) == NULL)
				return bad(m, key, err, "out of memory", NULL);
		} else if (strcmp(key, "description") == 0 ||
		    strcmp(key, "source") == 0) {
			if (!json_is_string(v))
				return bad(m, key, err, "must be a string", NULL);
			if (strcmp(key, "description") == 0) {
				free(m->desc);
				if ((m->desc = strdup(json_string_value(v))) ==
				    NULL)
					return bad(m, key, err, "out of memory",
					    NULL);
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
				for (j = 0; j < json_array_size(v2); j++)
					if (!json_is_string(json_array_get(v2, j)))
						return bad(m, key, err,
						    "values must be strings", NULL);
				free(m->keep_col);
				if ((m->keep_col = strdup(k2)) == NULL)
					return bad(m, key, err, "out of memory",
					    NULL);
				m->keep_vals = json_incref(v2);
			}
		} else if (strcmp(key, "blank") == 0) {
			if (strlist(m, v, key, &m->blank, &m->nblank, err) == -1)
				return -1;
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
			if ((m->blank[m->nblank] = strdup(dflt_blank[m->nblank]))
			    == NULL)
				return bad(m, "", err, "out of memory", NULL);
	}
	for (i = 0; i < m->nblank; i++)
		m->first[(unsigned char)m->blank[i][0]] = 1;
	if ((m->cols = calloc(json_object_size(cols), sizeof(char *))) == NULL ||
	    (m->specs = calloc(json_object_size(cols), sizeof(struct spec))) ==
	    NULL)
		return bad(m, "", err, "out of memory", NULL);
	m->ncols = json_object_size(cols);
	i = 0;
	json_object_foreach(cols, key, v) {
		char *path = joinpath("columns", key, -1);
		int rc;

		if (path == NULL)
			return bad(m, "", err, "out of memory", NULL);
		if ((m->cols[i] = strdup(key)) == NULL) {
			free(path);
			return bad(m, "", err, "out of memory", NULL);
		}
		rc = parse_spec(m, v, path, &m->specs[i], err);
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
		free_spec(&m->specs[i]);
	}
	free(m->cols);
	free(m->specs);
	for (i = 0; i < m->nblank; i++)
		free(m->blank[i]);
	free(m->blank);
	free(m->keep_col);
	json_decref(m->keep_vals);
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

static int
bind_spec(struct spec *sp, const struct ki_hdr *h, const char *file,
    struct ki_err *err)
{
	size_t i;
	int found = 0;

	for (i = 0; i < sp->nkids; i++)
		if (bind_spec(&sp->kids[i], h, file, err) == -1)
			return -1;
	if (sp->nnames == 0)
		return 0;
	free(sp->idx);
	if ((sp->idx = calloc(sp->nnames, sizeof(long))) == NULL)
		return ki_err_set(err, file, 0, NULL, "out of memory");
	for (i = 0; i < sp->nnames; i++) {
		sp->idx[i] = ki_hdr_index(h, sp->names[i]);
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
	    (m->keep_idx = ki_hdr_index(h, m->keep_col)) < 0)
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
	size_t i;

	for (i = 0; i < sp->nkids; i++)
		used(&sp->kids[i], want, n);
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

static int
eval(struct ki_map *m, struct spec *sp, const struct ki_rec *rec,
    const char *file, const char **out, struct ki_err *err)
{
	const char *raw = NULL, *col = NULL;
	char conv[64];
	size_t i;

	*out = NULL;
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
	if (sp->lookup != NULL) {
		json_t *hit = json_object_get(sp->lookup, raw);

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

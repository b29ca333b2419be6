/* Column maps: read one column's spec ("from", "lookup", "first", ...). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map_impl.h"
#include "ki/policy.h"

int
map_bad(struct ki_map *m, const char *path, struct ki_err *err, const char *msg,
    const char *what)
{
	if (what != NULL)
		return ki_err_set(err, m->file, 0, path, "%s \"%s\"", msg, what);
	return ki_err_set(err, m->file, 0, path, "%s", msg);
}

/* A string or a list of them; names: each is a column name, not "". */
int
map_strlist(struct ki_map *m, json_t *j, const char *path, char ***out, size_t *n,
    int names, struct ki_err *err)
{
	size_t i;

	if (json_is_string(j)) {
		if (names && *json_string_value(j) == '\0')
			return map_bad(m, path, err, "a column name must not be "
			    "empty", NULL);
		if ((*out = calloc(1, sizeof(char *))) == NULL ||
		    ((*out)[0] = strdup(json_string_value(j))) == NULL)
			return map_bad(m, path, err, "out of memory", NULL);
		*n = 1;
		return 0;
	}
	if (!json_is_array(j) || json_array_size(j) == 0)
		return map_bad(m, path, err,
		    "must be a string or a non-empty array of strings", NULL);
	if ((*out = calloc(json_array_size(j), sizeof(char *))) == NULL)
		return map_bad(m, path, err, "out of memory", NULL);
	*n = json_array_size(j);
	for (i = 0; i < *n; i++) {
		json_t *s = json_array_get(j, i);

		if (!json_is_string(s))
			return map_bad(m, path, err, "must hold only strings", NULL);
		if (names && *json_string_value(s) == '\0')
			return map_bad(m, path, err, "a column name must not be "
			    "empty", NULL);
		if (((*out)[i] = strdup(json_string_value(s))) == NULL)
			return map_bad(m, path, err, "out of memory", NULL);
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
		return map_bad(m, path, err, "out of memory", NULL);
	json_object_foreach(sp->lookup, key, v) {
		json_t *had;
		size_t i;

		for (i = 0; key[i] != '\0' && i + 1 < sizeof(low); i++)
			low[i] = (char)(key[i] >= 'A' && key[i] <= 'Z' ?
			    key[i] - 'A' + 'a' : key[i]);
		low[i] = '\0';
		if (key[i] != '\0')
			return map_bad(m, path, err, "a key is too long (255 bytes "
			    "at most):", key);
		if ((had = json_object_get(sp->lookup_ci, low)) != NULL &&
		    !json_equal(had, v))
			return ki_err_set(err, m->file, 0, path, "\"%s\" and a "
			    "key that differs from it only in case give "
			    "different values (\"%s\", \"%s\"): lookups match "
			    "in any case", key, json_string_value(had),
			    json_string_value(v));
		if (json_object_set(sp->lookup_ci, low, v) == -1)
			return map_bad(m, path, err, "out of memory", NULL);
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
		return map_bad(m, path, err, "must be a non-empty object of dates",
		    NULL);
	json_object_foreach(v, k, x) {
		if (strlen(k) != 10 || k[4] != '-' || k[7] != '-')
			return map_bad(m, path, err, "keys must be dates yyyy-mm-dd, "
			    "not", k);
		if (!json_is_string(x))
			return map_bad(m, path, err, "values must be strings, not at",
			    k);
	}
	json_decref(sp->since);
	sp->since = json_incref(v);
	return 0;
}

/* One spec being read: where, and how many of from, concat, value, first. */
struct rd {
	struct ki_map *m;
	struct spec *sp;
	const char *path;
	int ways;
	struct ki_err *err;
};

/* "from" and "concat": a column's names, or the parts joined. */
static int
sp_names(struct rd *r, const char *key, json_t *v, const char *sub)
{
	r->sp->how = key[0] == 'f' ? SP_FROM : SP_CONCAT;
	/* A second list would leak the first: refuse it now. */
	if (r->ways++ > 0)
		return map_bad(r->m, r->path, r->err, "give only one of from, "
		    "concat, value and first", NULL);
	return map_strlist(r->m, v, sub, &r->sp->names, &r->sp->nnames, 1,
	    r->err);
}

/* "value" and "default": a text. */
static int
sp_text(struct rd *r, const char *key, json_t *v, const char *sub)
{
	char **to = key[0] == 'v' ? &r->sp->value : &r->sp->dflt;

	if (key[0] == 'v') {
		r->sp->how = SP_VALUE;
		r->ways++;
	}
	if (!json_is_string(v))
		return map_bad(r->m, sub, r->err, "must be a string", NULL);
	if ((*to = strdup(json_string_value(v))) == NULL)
		return map_bad(r->m, sub, r->err, "out of memory", NULL);
	return 0;
}

/* "first": specs tried in turn, the first not blank being the value. */
static int
sp_first(struct rd *r, const char *key, json_t *v, const char *sub)
{
	struct spec *sp = r->sp;
	size_t i;
	int rc = 0;

	(void)key;
	sp->how = SP_FIRST;
	r->ways++;
	if (!json_is_array(v) || json_array_size(v) == 0)
		return map_bad(r->m, sub, r->err, "must be a non-empty array",
		    NULL);
	if ((sp->kids = calloc(json_array_size(v), sizeof(*sp->kids))) == NULL)
		return map_bad(r->m, sub, r->err, "out of memory", NULL);
	for (i = 0; rc == 0 && i < json_array_size(v); i++) {
		char *kp = ki_policy_path(r->path, "first", (long)i);

		if (kp == NULL)
			return map_bad(r->m, sub, r->err, "out of memory", NULL);
		sp->nkids = i + 1;
		rc = map_parse_spec(r->m, json_array_get(v, i), kp,
		    &sp->kids[i], 1, r->err);
		free(kp);
	}
	return rc;
}

static int
sp_type(struct rd *r, const char *key, json_t *v, const char *sub)
{
	(void)key;
	if (!json_is_string(v) ||
	    ki_type_parse(json_string_value(v), &r->sp->type) == -1)
		return ki_err_set(r->err, r->m->file, 0, sub, "unknown type "
		    "\"%s\" (text, number, int, date, grade, bool, year)",
		    json_is_string(v) ? json_string_value(v) : "?");
	return 0;
}

/* A lookup this small is looked through, not hashed. */
#define LOOKUP_LIST	32

/* sp's lookup (ci 0) or lookup_ci (1) as a list, when small. 0, or -1. */
static int
list_lookup(struct spec *sp, int ci)
{
	json_t *o = ci ? sp->lookup_ci : sp->lookup, *v;
	const char *key;
	size_t n = json_object_size(o);

	if (n == 0 || n > LOOKUP_LIST)
		return 0;
	if ((sp->lk[ci] = calloc(n, sizeof(*sp->lk[ci]))) == NULL)
		return -1;
	json_object_foreach(o, key, v) {
		struct lkent *e = &sp->lk[ci][sp->nlk[ci]++];

		e->key = key;
		e->len = strlen(key);
		e->val = json_string_value(v);
	}
	return 0;
}

static int
sp_lookup(struct rd *r, const char *key, json_t *v, const char *sub)
{
	const char *k2;
	json_t *v2;

	(void)key;
	if (!json_is_object(v))
		return map_bad(r->m, sub, r->err, "must be an object", NULL);
	json_object_foreach(v, k2, v2)
		if (!json_is_string(v2))
			return map_bad(r->m, sub, r->err, "values must be "
			    "strings, not at", k2);
	r->sp->lookup = json_incref(v);
	if (fold_lookup(r->m, r->sp, sub, r->err) == -1)
		return -1;
	if (list_lookup(r->sp, 0) == -1 || list_lookup(r->sp, 1) == -1)
		return map_bad(r->m, sub, r->err, "out of memory", NULL);
	return 0;
}

unsigned long long
map_lenbits(char *const *tok, size_t n)
{
	unsigned long long bits = 0;
	size_t i;

	for (i = 0; i < n; i++)
		bits |= map_lenbit(strlen(tok[i]));
	return bits;
}

/* "blank" and "keep": tokens that are blank, or are values, here. */
static int
sp_tokens(struct rd *r, const char *key, json_t *v, const char *sub)
{
	struct spec *sp = r->sp;

	if (key[0] == 'b') {
		if (map_strlist(r->m, v, sub, &sp->blank, &sp->nblank, 0,
		    r->err) == -1)
			return -1;
		sp->bmask = map_lenbits(sp->blank, sp->nblank);
		return 0;
	}
	return map_strlist(r->m, v, sub, &sp->keep, &sp->nkeep, 0, r->err);
}

static int
sp_required(struct rd *r, const char *key, json_t *v, const char *sub)
{
	(void)key;
	r->sp->required = json_is_true(v);
	if (!json_is_boolean(v))
		return map_bad(r->m, sub, r->err, "must be true or false", NULL);
	return 0;
}

static int
sp_since(struct rd *r, const char *key, json_t *v, const char *sub)
{
	(void)key;
	return parse_since(r->m, v, sub, r->sp, r->err);
}

/* "if_blank" and "if_set": columns the value depends on. */
static int
sp_if(struct rd *r, const char *key, json_t *v, const char *sub)
{
	struct cond *cd = &r->sp->cond[key[3] == 's'];

	return map_strlist(r->m, v, sub, &cd->names, &cd->n, 1, r->err);
}

/* The keys of a spec, in the order man/ki-import.1 gives them. */
static const struct {
	const char *key;
	int (*parse)(struct rd *, const char *, json_t *, const char *);
} spec_keys[] = {
	{ "from", sp_names }, { "concat", sp_names }, { "value", sp_text },
	{ "first", sp_first }, { "type", sp_type }, { "lookup", sp_lookup },
	{ "default", sp_text }, { "blank", sp_tokens }, { "keep", sp_tokens },
	{ "required", sp_required }, { "since", sp_since },
	{ "if_blank", sp_if }, { "if_set", sp_if },
};
#define NSPEC (sizeof(spec_keys) / sizeof(spec_keys[0]))

/* What the keys of a spec must agree on. */
static int
check_spec(struct ki_map *m, const char *path, const struct spec *sp,
    int ways, int part, struct ki_err *err)
{
	if (ways != 1)
		return map_bad(m, path, err, ways ? "give only one of from, "
		    "concat, value and first" : "needs one of from, concat, "
		    "value and first", NULL);
	if (sp->dflt != NULL && sp->lookup == NULL)
		return map_bad(m, path, err, "default needs a lookup", NULL);
	/* Blank for every value not listed would hide a new or odd one. */
	if (sp->dflt != NULL && *sp->dflt == '\0' && !part)
		return map_bad(m, path, err, "a default of \"\" blanks every "
		    "value the lookup lacks: list the values that mean blank, "
		    "or put the lookup in a part of first (where \"\" tries the "
		    "next part)", NULL);
	if (sp->since != NULL && (sp->type != KI_T_DATE || sp->lookup != NULL))
		return map_bad(m, path, err, "since needs type date, and no "
		    "lookup", NULL);
	/* Conversions read a source column: first and value have none. */
	if ((sp->how == SP_FIRST || sp->how == SP_VALUE) &&
	    (sp->type != KI_T_TEXT || sp->lookup != NULL || sp->nblank > 0 ||
	    sp->required || sp->since != NULL || sp->cond[0].n > 0 ||
	    sp->cond[1].n > 0))
		return map_bad(m, path, err, "type, lookup, default, blank and "
		    "required, since, if_blank and if_set go with from or "
		    "concat (inside first, on each part)", NULL);
	return 0;
}

int
map_parse_spec(struct ki_map *m, json_t *j, const char *path, struct spec *sp,
    int part, struct ki_err *err)
{
	struct rd r = { m, sp, path, 0, err };
	const char *key, *keys[NSPEC + 1];
	json_t *v;
	size_t i;

	memset(sp, 0, sizeof(*sp));
	if ((sp->path = strdup(path)) == NULL)
		return map_bad(m, path, err, "out of memory", NULL);
	sp->type = KI_T_TEXT;
	if (json_is_string(j)) {
		sp->how = SP_FROM;
		return map_strlist(m, j, path, &sp->names, &sp->nnames, 1, err);
	}
	for (i = 0; i < NSPEC; i++)
		keys[i] = spec_keys[i].key;
	keys[i] = NULL;
	if (ki_policy_keys(m->file, j, path, keys, "must be a column name or an "
	    "object", err) == -1)
		return -1;
	json_object_foreach(j, key, v) {
		char *sub = ki_policy_path(path, key, -1);
		int rc;

		if (sub == NULL)
			return map_bad(m, path, err, "out of memory", NULL);
		for (i = 0; strcmp(key, spec_keys[i].key) != 0; i++)
			;
		rc = spec_keys[i].parse(&r, key, v, sub);
		free(sub);
		if (rc == -1)
			return -1;
	}
	return check_spec(m, path, sp, r.ways, part, err);
}

void
map_free_spec(struct spec *sp)
{
	size_t i, k;

	for (i = 0; i < sp->nnames; i++)
		free(sp->names[i]);
	free(sp->names);
	free(sp->idx);
	free(sp->value);
	for (i = 0; i < sp->nkids; i++)
		map_free_spec(&sp->kids[i]);
	free(sp->kids);
	json_decref(sp->lookup);
	json_decref(sp->lookup_ci);
	free(sp->lk[0]);
	free(sp->lk[1]);
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

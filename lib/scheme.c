/* Categorisation schemes: load, check, and choose a school's category. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ki/policy.h"
#include "ki/scheme.h"
#include "ki/val.h"

struct category {
	char *name;
	struct ki_cond *when;	/* NULL: otherwise */
	char **set;		/* one per scheme column */
};

struct ki_scheme {
	char *file;
	char *name;
	char **cols;
	size_t ncols;
	char *missing;
	json_t *optional;	/* columns that read as blank when absent */
	struct category *cats;
	size_t ncats;
	char **blank_set;	/* all NULL, for unknown */
};

static int
bad(struct ki_scheme *s, const char *path, struct ki_err *err, const char *msg)
{
	return ki_err_set(err, s->file, 0, path, "%s", msg);
}

static int
parse_category(struct ki_scheme *s, json_t *o, size_t i, size_t n,
    struct ki_err *err)
{
	static const char *const keys[] = { "name", "when", "otherwise", "set",
	    "quote", NULL };
	struct category *c = &s->cats[i];
	const char *key;
	json_t *v, *set;
	char path[64], sub[96];
	size_t k;

	snprintf(path, sizeof(path), "categories[%zu]", i);
	if (ki_policy_keys(s->file, o, path, keys, "a category must be an "
	    "object", err) == -1)
		return -1;
	v = json_object_get(o, "name");
	if (!json_is_string(v) || *json_string_value(v) == '\0')
		return bad(s, path, err, "needs a \"name\"");
	if ((c->name = strdup(json_string_value(v))) == NULL)
		return bad(s, path, err, "out of memory");
	if ((v = json_object_get(o, "quote")) != NULL && !json_is_string(v))
		return bad(s, path, err, "\"quote\" must be a string");
	if ((c->set = calloc(s->ncols + 1, sizeof(char *))) == NULL)
		return bad(s, path, err, "out of memory");
	if ((set = json_object_get(o, "set")) != NULL) {
		snprintf(sub, sizeof(sub), "%s.set", path);
		if (!json_is_object(set))
			return bad(s, sub, err, "must be an object of column to "
			    "value");
		json_object_foreach(set, key, v) {
			for (k = 0; k < s->ncols; k++)
				if (strcmp(key, s->cols[k]) == 0)
					break;
			if (k == s->ncols)
				return ki_err_set(err, s->file, 0, sub, "\"%s\" is "
				    "not one of the scheme's columns", key);
			if (!json_is_string(v))
				return ki_err_set(err, s->file, 0, sub, "%s: values "
				    "must be strings", key);
			if ((c->set[k] = strdup(json_string_value(v))) == NULL)
				return bad(s, sub, err, "out of memory");
		}
	}
	v = json_object_get(o, "otherwise");
	if (v != NULL) {
		if (!json_is_true(v) || json_object_get(o, "when") != NULL)
			return bad(s, path, err, "\"otherwise\" must be true, and "
			    "comes without \"when\"");
		if (i + 1 != n)
			return bad(s, path, err, "only the last category may be "
			    "\"otherwise\"");
		return 0;
	}
	if ((v = json_object_get(o, "when")) == NULL)
		return bad(s, path, err, "has no condition: give \"when\", or "
		    "\"otherwise\": true on the last category");
	snprintf(sub, sizeof(sub), "%s.when", path);
	return (c->when = ki_cond_parse(v, s->file, sub, err)) ? 0 : -1;
}

static const char *const scheme_keys[] = { "scheme", "description", "source",
	"columns", "missing", "optional", "categories", NULL };

static int
parse(void *arg, json_t *root, struct ki_err *err)
{
	struct ki_scheme *s = arg;
	const char *key;
	json_t *v, *cats;
	size_t i;

	json_object_foreach(root, key, v) {
		if ((strcmp(key, "description") == 0 ||
		    strcmp(key, "source") == 0) && !json_is_string(v))
			return bad(s, key, err, "must be a string");
	}
	v = json_object_get(root, "scheme");
	if (!json_is_string(v))
		return bad(s, "scheme", err, "must name the scheme");
	if ((s->name = strdup(json_string_value(v))) == NULL)
		return bad(s, "scheme", err, "out of memory");
	if ((v = json_object_get(root, "columns")) != NULL) {
		if (!json_is_array(v))
			return bad(s, "columns", err, "must be an array of names");
		if ((s->cols = calloc(json_array_size(v) + 1, sizeof(char *))) ==
		    NULL)
			return bad(s, "columns", err, "out of memory");
		s->ncols = json_array_size(v);
		for (i = 0; i < s->ncols; i++) {
			json_t *e = json_array_get(v, i);

			if (!json_is_string(e) || *json_string_value(e) == '\0')
				return bad(s, "columns", err, "must hold names");
			if ((s->cols[i] = strdup(json_string_value(e))) == NULL)
				return bad(s, "columns", err, "out of memory");
		}
	}
	if ((s->blank_set = calloc(s->ncols + 1, sizeof(char *))) == NULL)
		return bad(s, "columns", err, "out of memory");
	if ((v = json_object_get(root, "missing")) != NULL) {
		if (!json_is_string(v))
			return bad(s, "missing", err, "must name a category");
		if ((s->missing = strdup(json_string_value(v))) == NULL)
			return bad(s, "missing", err, "out of memory");
	}
	if (ki_policy_optional(s->file, root, &s->optional, err) == -1)
		return -1;
	cats = json_object_get(root, "categories");
	if (!json_is_array(cats) || json_array_size(cats) == 0)
		return bad(s, "categories", err, "must be a non-empty array");
	if ((s->cats = calloc(json_array_size(cats), sizeof(*s->cats))) == NULL)
		return bad(s, "categories", err, "out of memory");
	s->ncats = json_array_size(cats);
	for (i = 0; i < s->ncats; i++)
		if (parse_category(s, json_array_get(cats, i), i, s->ncats,
		    err) == -1)
			return -1;
	if (s->missing != NULL) {
		for (i = 0; i < s->ncats; i++)
			if (strcmp(s->cats[i].name, s->missing) == 0)
				break;
		if (i == s->ncats)
			return bad(s, "missing", err, "names no category of the "
			    "scheme");
	}
	return 0;
}

/*
 * A scheme's columns are added to the input's: one that names an input
 * column (canonical, read by a condition, or added by ki-floor or by
 * ki-categorise itself) would be written twice.
 */
static int
check_cols(struct ki_scheme *s, struct ki_err *err)
{
	static const char *const taken[] = { "category", "category_scheme",
	    "category_reasons", "floor_standard", "below_floor",
	    "floor_reason", "floor_below_5y", "floor_run", "coasting", NULL };
	struct ki_hdr *read = ki_scheme_columns(s);
	char path[64];
	size_t i, k;
	int known, rc = 0;

	if (read == NULL)
		return bad(s, "columns", err, "out of memory");
	for (i = 0; i < s->ncols && rc == 0; i++) {
		const char *c = s->cols[i], *why = NULL;

		snprintf(path, sizeof(path), "columns[%zu]", i);
		for (k = 0; k < i && why == NULL; k++)
			if (strcmp(c, s->cols[k]) == 0)
				why = "is listed twice";
		for (k = 0; taken[k] != NULL && why == NULL; k++)
			if (strcmp(c, taken[k]) == 0)
				why = "is a column ki-floor or ki-categorise "
				    "adds";
		if (why == NULL && (ki_canon_type(c, &known), known))
			why = "is a canonical input column";
		if (why == NULL && ki_hdr_index(read, c) >= 0)
			why = "is an input column the scheme's conditions read";
		if (why == NULL && ki_policy_is_optional(c, s->optional))
			why = "is an input column the scheme lists as optional";
		if (why != NULL)
			rc = ki_err_set(err, s->file, 0, path, "\"%s\" %s: the "
			    "output would have it twice; give the scheme's "
			    "column another name", c, why);
	}
	ki_hdr_free(read);
	return rc;
}

struct ki_scheme *
ki_scheme_load(const char *path, struct ki_err *err)
{
	struct ki_scheme *s = calloc(1, sizeof(*s));

	if (s == NULL || (s->file = strdup(path)) == NULL) {
		free(s);
		ki_err_set(err, path, 0, NULL, "out of memory");
		return NULL;
	}
	if (ki_policy_read(path, scheme_keys, "a scheme must be a JSON object",
	    parse, s, err) == -1 || check_cols(s, err) == -1) {
		ki_scheme_free(s);
		return NULL;
	}
	return s;
}

void
ki_scheme_free(struct ki_scheme *s)
{
	size_t i, k;

	if (s == NULL)
		return;
	for (i = 0; i < s->ncats; i++) {
		free(s->cats[i].name);
		ki_cond_free(s->cats[i].when);
		if (s->cats[i].set != NULL)
			for (k = 0; k < s->ncols; k++)
				free(s->cats[i].set[k]);
		free(s->cats[i].set);
	}
	free(s->cats);
	for (i = 0; i < s->ncols; i++)
		free(s->cols[i]);
	free(s->cols);
	free(s->blank_set);
	free(s->missing);
	json_decref(s->optional);
	free(s->name);
	free(s->file);
	free(s);
}

const char *
ki_scheme_name(const struct ki_scheme *s)
{
	return s->name;
}

size_t
ki_scheme_ncols(const struct ki_scheme *s)
{
	return s->ncols;
}

const char *
ki_scheme_col(const struct ki_scheme *s, size_t i)
{
	return s->cols[i];
}

/* Every column of the scheme's conditions that fn collects. */
static struct ki_hdr *
collect(const struct ki_scheme *s, int (*fn)(const struct ki_cond *,
    struct ki_hdr *))
{
	struct ki_hdr *h = ki_hdr_new();
	size_t i;

	for (i = 0; h != NULL && i < s->ncats; i++)
		if (s->cats[i].when != NULL && fn(s->cats[i].when, h) == -1) {
			ki_hdr_free(h);
			h = NULL;
		}
	return h;
}

struct ki_hdr *
ki_scheme_columns(const struct ki_scheme *s)
{
	return collect(s, ki_cond_columns);
}

int
ki_scheme_bind(struct ki_scheme *s, const struct ki_hdr *h, json_t *params,
    const char *file, struct ki_err *err)
{
	size_t i, len;

	/* A column the input lacks is an error, unless the scheme says not. */
	for (i = 0; i < s->ncats; i++)
		if (s->cats[i].when != NULL &&
		    ki_cond_check(s->cats[i].when, h, ki_policy_is_optional,
		    s->optional, file, err) == -1) {
			len = strlen(err->msg);
			snprintf(err->msg + len, sizeof(err->msg) - len, ", which "
			    "scheme %s needs", s->name);
			return -1;
		}
	for (i = 0; i < s->ncats; i++)
		if (s->cats[i].when != NULL &&
		    ki_cond_bind(s->cats[i].when, h, params, 0, file, err) == -1)
			return -1;
	return 0;
}

struct ki_hdr *
ki_scheme_numbers(const struct ki_scheme *s)
{
	return collect(s, ki_cond_numbers);
}

struct ki_hdr *
ki_scheme_yes_no(const struct ki_scheme *s)
{
	return collect(s, ki_cond_yes_no);
}

int
ki_scheme_check_params(const struct ki_scheme *s, json_t *params,
    struct ki_err *err)
{
	struct ki_hdr *names = collect(s, ki_cond_params);
	const char *key;
	json_t *v;
	int rc = 0;

	if (names == NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	json_object_foreach(params, key, v)
		if (rc == 0 && ki_hdr_index(names, key) < 0)
			rc = ki_err_set(err, NULL, 0, NULL, "parameter %s: no "
			    "condition of %s takes it", key, s->name);
	ki_hdr_free(names);
	return rc;
}

static const struct category *
by_name(const struct ki_scheme *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->ncats; i++)
		if (strcmp(s->cats[i].name, name) == 0)
			return &s->cats[i];
	return NULL;
}

/* A reason's buffer freed; *oom set if it lost text for want of memory. */
static void
drop(struct ki_buf *b, int *oom)
{
	*oom |= b->oom;
	ki_buf_free(b);
}

static int choose(const struct ki_scheme *, const struct ki_cond_ctx *,
    struct ki_choice *, int *, struct ki_err *);

int
ki_scheme_choose(const struct ki_scheme *s, const struct ki_cond_ctx *ctx,
    struct ki_choice *ch, struct ki_err *err)
{
	struct ki_buf notes = { 0 };
	struct ki_cond_ctx cx = *ctx;
	int oom = 0, rc;

	ki_buf_reset(&ch->why);
	cx.notes = &notes;
	rc = choose(s, &cx, ch, &oom, err);
	/* What was not evidenced, where that let a category pass. */
	if (rc == 0 && notes.len > 0 && strcmp(ch->category, "unknown") != 0)
		ki_buf_cat(&ch->why, "; ", ki_buf_str(&notes), (char *)NULL);
	drop(&notes, &oom);
	/* A reason cut short for want of memory is no answer. */
	if (oom || ch->why.oom) {
		ch->why.oom = 0;
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	}
	return rc;
}

/* The first category that holds, or unknown when one cannot tell. */
static int
choose(const struct ki_scheme *s, const struct ki_cond_ctx *ctx,
    struct ki_choice *ch, int *oom, struct ki_err *err)
{
	struct ki_buf no = { 0 };
	size_t i;

	for (i = 0; i < s->ncats; i++) {
		const struct category *c = &s->cats[i];
		struct ki_buf b = { 0 };
		int a;

		if (c->when == NULL) {
			ch->category = c->name;
			ch->set = (const char *const *)c->set;
			ki_buf_add(&ch->why, ki_buf_str(&no), no.len);
			drop(&no, oom);
			return 0;
		}
		if ((a = ki_cond_eval(c->when, ctx, &b, err)) == -1) {
			drop(&b, oom);
			drop(&no, oom);
			return -1;
		}
		if (a == KI_YES) {
			ch->category = c->name;
			ch->set = (const char *const *)c->set;
			ki_buf_add(&ch->why, ki_buf_str(&b), b.len);
			drop(&b, oom);
			drop(&no, oom);
			return 0;
		}
		if (a == KI_UNKNOWN) {
			/* Not decided: never slide into a lower category. */
			const struct category *m = s->missing ?
			    by_name(s, s->missing) : NULL;

			ch->category = m ? m->name : "unknown";
			ch->set = (const char *const *)(m ? m->set : s->blank_set);
			ki_buf_printf(&ch->why, "cannot tell whether %s: %s",
			    c->name, ki_buf_str(&b));
			if (m != NULL)
				ki_buf_printf(&ch->why, "; the scheme gives %s "
				    "for missing data", m->name);
			drop(&b, oom);
			drop(&no, oom);
			return 0;
		}
		/* Why not this one: kept for an "otherwise" answer. */
		if (no.len == 0 || strcmp(c->name, s->cats[i - 1].name) != 0)
			ki_buf_printf(&no, "%snot %s: %s", no.len ? "; " : "",
			    c->name, ki_buf_str(&b));
		else
			ki_buf_printf(&no, "; %s", ki_buf_str(&b));
		drop(&b, oom);
	}
	drop(&no, oom);
	ch->category = "none";
	ch->set = (const char *const *)s->blank_set;
	ki_buf_printf(&ch->why, "no category's condition holds");
	return 0;
}

void
ki_choice_free(struct ki_choice *ch)
{
	ki_buf_free(&ch->why);
}

/* Allocation tables: load, check, and give a school its visits and days. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ki/alloc.h"
#include "ki/fixed.h"
#include "ki/policy.h"
#include "ki/num.h"
#include "ki/share.h"

static const char *const numkey[4] = { "visits", "min_visits", "contacts",
	"progress_meetings" };

struct row {
	char *label;
	json_t *cats;		/* array of names; NULL for an addition */
	struct ki_cond *when;	/* NULL: always */
	int64_t n[4];
	int has[4];
	int64_t days;		/* hundredths */
	int has_days;
	char *days_col;		/* days from this column of the row */
	long days_idx;
	json_t *flags;		/* array of strings */
	int present;		/* the input has a column the condition reads */
};

struct ki_table {
	char *file;
	char *name;
	json_t *schemes;
	json_t *optional;
	int64_t per_visit;	/* hundredths of a day; 0 when not given */
	long i_funding, i_phase;	/* for the reason when no row applies */
	struct row *rows, *adds;
	size_t nrows, nadds;
};

static int
bad(struct ki_table *t, const char *path, struct ki_err *err, const char *msg)
{
	return ki_err_set(err, t->file, 0, path, "%s", msg);
}

static int
days_of(json_t *v, int64_t *out)
{
	char buf[64];

	if (json_is_integer(v))
		snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
	else if (!json_is_real(v) ||
	    ki_num_format(json_real_value(v), buf, sizeof(buf)) < 0)
		return -1;
	return ki_fixed_parse(buf, 2, out) == 0 && *out >= 0 ? 0 : -1;
}

static int
parse_row(struct ki_table *t, json_t *o, const char *path, struct row *r,
    int addition, struct ki_err *err)
{
	static const char *const keys[] = { "label", "categories", "when",
	    "visits", "min_visits", "contacts", "progress_meetings", "days",
	    "flags", "quote", NULL };
	json_t *v;
	char sub[128];
	size_t i, k;

	r->days_idx = -1;
	if (ki_policy_keys(t->file, o, path, keys, "a row must be an object",
	    err) == -1)
		return -1;
	if (addition && json_object_get(o, "categories") != NULL)
		return ki_err_set(err, t->file, 0, path, "unknown key "
		    "\"categories\"");
	v = json_object_get(o, "label");
	if (!json_is_string(v))
		return bad(t, path, err, "needs a \"label\"");
	if ((r->label = strdup(json_string_value(v))) == NULL)
		return bad(t, path, err, "out of memory");
	if (!addition) {
		v = json_object_get(o, "categories");
		if (!json_is_array(v) || json_array_size(v) == 0)
			return bad(t, path, err, "needs \"categories\", a "
			    "non-empty array of category names");
		for (i = 0; i < json_array_size(v); i++)
			if (!json_is_string(json_array_get(v, i)))
				return bad(t, path, err, "categories must be "
				    "names");
		r->cats = json_incref(v);
	}
	if ((v = json_object_get(o, "when")) != NULL) {
		snprintf(sub, sizeof(sub), "%s.when", path);
		if ((r->when = ki_cond_parse(v, t->file, sub, err)) == NULL)
			return -1;
	} else if (addition)
		return bad(t, path, err, "an addition needs \"when\"");
	for (k = 0; k < 4; k++) {
		if ((v = json_object_get(o, numkey[k])) == NULL)
			continue;
		if (!json_is_integer(v) || json_integer_value(v) < 0) {
			snprintf(sub, sizeof(sub), "%s.%s", path, numkey[k]);
			return bad(t, sub, err, "must be a whole number, 0 or "
			    "more");
		}
		r->n[k] = json_integer_value(v);
		r->has[k] = 1;
	}
	if ((v = json_object_get(o, "days")) != NULL) {
		snprintf(sub, sizeof(sub), "%s.days", path);
		if (json_is_object(v)) {
			json_t *c = json_object_get(v, "col");

			if (!json_is_string(c) || json_object_size(v) != 1)
				return bad(t, sub, err, "must be a number or "
				    "{\"col\": COLUMN}");
			if ((r->days_col = strdup(json_string_value(c))) ==
			    NULL)
				return bad(t, sub, err, "out of memory");
		} else if (days_of(v, &r->days) == -1)
			return bad(t, sub, err, "must be a number of days, 0 or "
			    "more, with at most two decimals");
		r->has_days = 1;
	}
	if ((v = json_object_get(o, "flags")) != NULL) {
		if (!json_is_array(v))
			return bad(t, path, err, "flags must be an array");
		for (i = 0; i < json_array_size(v); i++)
			if (!json_is_string(json_array_get(v, i)))
				return bad(t, path, err, "flags must be strings");
		r->flags = json_incref(v);
	}
	if ((v = json_object_get(o, "quote")) != NULL && !json_is_string(v))
		return bad(t, path, err, "\"quote\" must be a string");
	return 0;
}

static const char *const table_keys[] = { "table", "description", "source",
	"schemes", "days_per_visit", "optional", "rows", "additions", NULL };

static int
parse(void *arg, json_t *root, struct ki_err *err)
{
	struct ki_table *t = arg;
	json_t *v;
	char path[48];
	size_t i;

	if (!json_is_string(v = json_object_get(root, "table")))
		return bad(t, "table", err, "must name the table");
	if ((t->name = strdup(json_string_value(v))) == NULL)
		return bad(t, "table", err, "out of memory");
	v = json_object_get(root, "schemes");
	if (!json_is_array(v) || json_array_size(v) == 0)
		return bad(t, "schemes", err, "must list the schemes it serves");
	t->schemes = json_incref(v);
	if (ki_policy_optional(t->file, root, &t->optional, err) == -1)
		return -1;
	if ((v = json_object_get(root, "days_per_visit")) != NULL &&
	    days_of(v, &t->per_visit) == -1)
		return bad(t, "days_per_visit", err, "must be a number of days");
	v = json_object_get(root, "rows");
	if (!json_is_array(v) || json_array_size(v) == 0)
		return bad(t, "rows", err, "must be a non-empty array");
	if ((t->rows = calloc(json_array_size(v), sizeof(*t->rows))) == NULL)
		return bad(t, "rows", err, "out of memory");
	t->nrows = json_array_size(v);
	for (i = 0; i < t->nrows; i++) {
		snprintf(path, sizeof(path), "rows[%zu]", i);
		if (parse_row(t, json_array_get(v, i), path, &t->rows[i], 0,
		    err) == -1)
			return -1;
	}
	if ((v = json_object_get(root, "additions")) != NULL) {
		if (!json_is_array(v))
			return bad(t, "additions", err, "must be an array");
		if ((t->adds = calloc(json_array_size(v) + 1,
		    sizeof(*t->adds))) == NULL)
			return bad(t, "additions", err, "out of memory");
		t->nadds = json_array_size(v);
		for (i = 0; i < t->nadds; i++) {
			snprintf(path, sizeof(path), "additions[%zu]", i);
			if (parse_row(t, json_array_get(v, i), path,
			    &t->adds[i], 1, err) == -1)
				return -1;
		}
	}
	return 0;
}

struct ki_table *
ki_table_load(const char *path, struct ki_err *err)
{
	struct ki_table *t = calloc(1, sizeof(*t));

	if (t == NULL || (t->file = strdup(path)) == NULL) {
		free(t);
		ki_err_set(err, path, 0, NULL, "out of memory");
		return NULL;
	}
	if (ki_policy_read(path, table_keys, "a table must be a JSON object",
	    parse, t, err) == -1) {
		ki_table_free(t);
		return NULL;
	}
	return t;
}

struct ki_table *
ki_table_open(const char *name, const char *scheme, struct ki_err *err)
{
	struct ki_table *t = NULL;
	struct dirent **ents = NULL;
	char *dir, *path;
	int n = 0, i;

	if (name != NULL) {
		if ((path = ki_share_find("tables", name, err)) == NULL)
			return NULL;
		t = ki_table_load(path, err);
		free(path);
		return t;
	}
	if (scheme == NULL) {
		ki_err_set(err, NULL, 0, "category_scheme", "blank: give --table");
		return NULL;
	}
	if ((dir = ki_share_dir("tables")) != NULL)
		n = ki_share_scan(dir, &ents);
	if ((dir == NULL && errno == ENOMEM) || n < 0) {
		free(dir);
		ki_err_set(err, NULL, 0, NULL, "out of memory");
		return NULL;
	}
	for (i = 0; i < n && t == NULL; i++) {
		char p[4096];

		snprintf(p, sizeof(p), "%s/%s", dir, ents[i]->d_name);
		if ((t = ki_table_load(p, err)) == NULL)
			break;
		if (!ki_table_serves(t, scheme)) {
			ki_table_free(t);
			t = NULL;
		}
	}
	ki_share_scan_free(ents, n);
	free(dir);
	if (t == NULL && i == n)
		ki_err_set(err, NULL, 0, "category_scheme", "no shipped table "
		    "serves scheme %s: give --table", scheme);
	return t;
}

static void
free_rows(struct row *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(r[i].label);
		json_decref(r[i].cats);
		ki_cond_free(r[i].when);
		free(r[i].days_col);
		json_decref(r[i].flags);
	}
	free(r);
}

void
ki_table_free(struct ki_table *t)
{
	if (t == NULL)
		return;
	free_rows(t->rows, t->nrows);
	free_rows(t->adds, t->nadds);
	json_decref(t->schemes);
	json_decref(t->optional);
	free(t->name);
	free(t->file);
	free(t);
}

const char *
ki_table_name(const struct ki_table *t)
{
	return t->name;
}

int
ki_table_serves(const struct ki_table *t, const char *scheme)
{
	size_t i;

	for (i = 0; i < json_array_size(t->schemes); i++)
		if (strcmp(json_string_value(json_array_get(t->schemes, i)),
		    scheme) == 0)
			return 1;
	return 0;
}

static int
bind_rows(struct ki_table *t, struct row *r, size_t n, const struct ki_hdr *h,
    const char *file, struct ki_err *err)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (r[i].when != NULL &&
		    ki_cond_check(r[i].when, h, ki_policy_is_optional,
		    t->optional, file, err) == -1) {
			size_t len = strlen(err->msg);

			snprintf(err->msg + len, sizeof(err->msg) - len, ", which "
			    "table %s needs", t->name);
			return -1;
		}
		if (r[i].when != NULL &&
		    ki_cond_bind(r[i].when, h, NULL, 0, file, err) == -1)
			return -1;
		if (r[i].when != NULL) {
			struct ki_hdr *cols = ki_hdr_new();
			size_t k;

			if (cols == NULL || ki_cond_columns(r[i].when, cols) == -1) {
				ki_hdr_free(cols);
				return ki_err_set(err, NULL, 0, NULL,
				    "out of memory");
			}
			for (k = 0, r[i].present = 0; k < cols->n; k++)
				r[i].present |= ki_hdr_index(h, cols->names[k]) >= 0;
			ki_hdr_free(cols);
		}
		if (r[i].days_col != NULL &&
		    (r[i].days_idx = ki_hdr_index(h, r[i].days_col)) < 0)
			return ki_err_set(err, file, 1, r[i].days_col, "the input "
			    "has no such column, which table %s reads days from",
			    t->name);
	}
	return 0;
}

int
ki_table_bind(struct ki_table *t, const struct ki_hdr *h, const char *file,
    struct ki_err *err)
{
	t->i_funding = ki_hdr_index(h, "funding");
	t->i_phase = ki_hdr_index(h, "phase");
	if (bind_rows(t, t->rows, t->nrows, h, file, err) == -1 ||
	    bind_rows(t, t->adds, t->nadds, h, file, err) == -1)
		return -1;
	return 0;
}

static int
has_category(const struct row *r, const char *cat)
{
	size_t i;

	for (i = 0; i < json_array_size(r->cats); i++)
		if (strcmp(json_string_value(json_array_get(r->cats, i)), cat) ==
		    0)
			return 1;
	return 0;
}

static void
add_flags(struct ki_alloc *a, const struct row *r)
{
	size_t i;

	for (i = 0; i < json_array_size(r->flags); i++)
		ki_buf_printf(&a->flags, "%s%s", a->flags.len ? "; " : "",
		    json_string_value(json_array_get(r->flags, i)));
}

/* err's field and message for a count or a number of days past 64 bits. */
static int
too_large(struct ki_err *err, const char *field, const char *what)
{
	snprintf(err->field, sizeof(err->field), "%s", field);
	snprintf(err->msg, sizeof(err->msg), "%s past the largest number ki "
	    "can hold", what);
	return -1;
}

/*
 * The first row of t for category whose condition holds: *r, or NULL with
 * the reason in a->why. Returns 0, or -1 with err (a value not a number).
 */
static int
find_row(const struct ki_table *t, const struct ki_cond_ctx *ctx,
    const char *category, struct ki_alloc *a, const struct row **r,
    struct ki_err *err)
{
	size_t i;
	int ans;

	*r = NULL;
	for (i = 0; i < t->nrows && *r == NULL; i++) {
		struct ki_buf b = { 0 };

		if (!has_category(&t->rows[i], category))
			continue;
		ans = t->rows[i].when ? ki_cond_eval(t->rows[i].when, ctx, &b,
		    err) : KI_YES;
		if (ans == -1 || ans == KI_UNKNOWN) {
			if (ans == KI_UNKNOWN)
				ki_buf_printf(&a->why, "not allocated: cannot tell "
				    "whether %s: %s", t->rows[i].label,
				    ki_buf_str(&b));
			ki_buf_free(&b);
			return ans == -1 ? -1 : 0;
		}
		ki_buf_free(&b);
		if (ans == KI_YES)
			*r = &t->rows[i];
	}
	if (*r == NULL) {
		const char *f = t->i_funding >= 0 ? ctx->row[t->i_funding] : NULL;
		const char *p = t->i_phase >= 0 ? ctx->row[t->i_phase] : NULL;

		ki_buf_printf(&a->why, "not allocated: no row of %s for category "
		    "%s, funding %s, phase %s", t->name, category,
		    f && *f ? f : "blank", p && *p ? p : "blank");
	}
	return 0;
}

/* Row r's numbers and days (its own, or from its column) into a. */
static int
take_row(const struct row *r, const struct ki_cond_ctx *ctx,
    struct ki_alloc *a, struct ki_err *err)
{
	size_t k;

	a->allocated = 1;
	ki_buf_printf(&a->why, "%s", r->label);
	for (k = 0; k < 4; k++) {
		a->n[k] = r->n[k];
		a->has[k] = r->has[k];
	}
	if (r->days_col != NULL) {
		const char *v = ctx->row[r->days_idx];

		if (v != NULL && *v != '\0') {
			if (ki_fixed_parse(v, 2, &a->days) == -1 || a->days < 0) {
				snprintf(err->field, sizeof(err->field), "%s",
				    r->days_col);
				snprintf(err->msg, sizeof(err->msg), "\"%s\" is not "
				    "a number of days", v);
				return -1;
			}
			a->has_days = 1;
		}
	} else if (r->has_days) {
		a->days = r->days;
		a->has_days = 1;
	}
	add_flags(a, r);
	return 0;
}

/*
 * The additions whose conditions hold, added to a: their numbers, and
 * their days into *extra (*more set). Returns 0, or -1 with err.
 */
static int
add_additions(const struct ki_table *t, const struct ki_cond_ctx *ctx,
    struct ki_alloc *a, int64_t *extra, int *more, struct ki_err *err)
{
	size_t i, k;
	int ans;

	for (i = 0; i < t->nadds; i++) {
		struct ki_buf b = { 0 };

		ans = ki_cond_eval(t->adds[i].when, ctx, &b, err);
		/* Unknown is worth saying only when the input has the column. */
		if (ans == KI_UNKNOWN && t->adds[i].present)
			ki_buf_printf(&a->why, "; cannot tell whether %s: %s",
			    t->adds[i].label, ki_buf_str(&b));
		ki_buf_free(&b);
		if (ans == -1)
			return -1;
		if (ans != KI_YES)
			continue;
		for (k = 0; k < 4; k++)
			if (t->adds[i].has[k]) {
				if (__builtin_add_overflow(a->n[k],
				    t->adds[i].n[k], &a->n[k]))
					return too_large(err, numkey[k], "the "
					    "table's row and additions add up");
				a->has[k] = 1;
			}
		if (t->adds[i].has_days) {
			if (__builtin_add_overflow(*extra, t->adds[i].days, extra))
				return too_large(err, "days", "the table's "
				    "additions add up");
			*more = 1;
		}
		add_flags(a, &t->adds[i]);
		ki_buf_printf(&a->why, " + %s", t->adds[i].label);
	}
	return 0;
}

int
ki_table_apply(const struct ki_table *t, const struct ki_cond_ctx *ctx,
    const char *category, struct ki_alloc *a, struct ki_err *err)
{
	const struct row *r;
	int64_t extra = 0;
	int more_days = 0;

	memset(a->n, 0, sizeof(a->n));
	memset(a->has, 0, sizeof(a->has));
	a->allocated = a->has_days = 0;
	a->days = 0;
	ki_buf_reset(&a->flags);
	ki_buf_reset(&a->why);
	if (category == NULL || *category == '\0' ||
	    strcmp(category, "unknown") == 0) {
		ki_buf_printf(&a->why, "not allocated: the category is %s",
		    category && *category ? category : "blank");
		return 0;
	}
	if (find_row(t, ctx, category, a, &r, err) == -1)
		return -1;
	if (r == NULL)
		return 0;
	if (take_row(r, ctx, a, err) == -1 ||
	    add_additions(t, ctx, a, &extra, &more_days, err) == -1)
		return -1;
	/* Days from the visits (or contacts) when the row names none. */
	if (!a->has_days && t->per_visit > 0 &&
	    (a->has[KI_AL_VISITS] || a->has[KI_AL_CONTACTS])) {
		int v = a->has[KI_AL_VISITS] && a->n[KI_AL_VISITS] >=
		    a->n[KI_AL_CONTACTS];
		int64_t n = a->n[v ? KI_AL_VISITS : KI_AL_CONTACTS];

		if (__builtin_mul_overflow(n, t->per_visit, &a->days))
			return too_large(err, v ? "visits" : "contacts", v ?
			    "the visits times days_per_visit come" : "the "
			    "contacts times days_per_visit come");
		a->has_days = 1;
	}
	if (more_days) {
		if (__builtin_add_overflow(a->days, extra, &a->days))
			return too_large(err, r->days_col ? r->days_col : "days",
			    "the days and the additions' days add up");
		a->has_days = 1;
	}
	return 0;
}

void
ki_alloc_free(struct ki_alloc *a)
{
	ki_buf_free(&a->flags);
	ki_buf_free(&a->why);
}

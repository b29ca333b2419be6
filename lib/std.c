/* Floor standards: load rule files, check them, and bind them to a header. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/policy.h"
#include "ki/std.h"
#include "ki/val.h"

#include "std_impl.h"

static int
bad(struct ki_std *s, const char *path, struct ki_err *err, const char *msg)
{
	return ki_err_set(err, s->file, 0, path, "%s", msg);
}

static char *
place(const char *a, size_t i, const char *b)
{
	char buf[256];

	if (b != NULL)
		snprintf(buf, sizeof(buf), "%s[%zu].%s", a, i, b);
	else
		snprintf(buf, sizeof(buf), "%s[%zu]", a, i);
	return strdup(buf);
}

/* Every column a condition names must be canonical: a typo is an error. */
static int
check_columns(struct ki_std *s, const struct ki_cond *c, const char *path,
    struct ki_err *err)
{
	struct ki_hdr *cols;
	size_t i;
	int known, rc = 0;

	if (ki_cond_history(c))
		return bad(s, path, err, "count and trend need other years, "
		    "which a standard does not see: use them in a scheme "
		    "(ki-categorise), on ki-floor's history columns");
	cols = ki_hdr_new();
	if (cols == NULL || ki_cond_columns(c, cols) == -1) {
		ki_hdr_free(cols);
		return bad(s, path, err, "out of memory");
	}
	for (i = 0; i < cols->n && rc == 0; i++) {
		ki_canon_type(cols->names[i], &known);
		if (!known)
			rc = ki_err_set(err, s->file, 0, path, "unknown measure "
			    "\"%s\" (not a canonical column)", cols->names[i]);
	}
	ki_hdr_free(cols);
	return rc;
}

static int
parse_excl(struct ki_std *s, json_t *arr, const char *path, struct excl **out,
    size_t *n, struct ki_err *err)
{
	size_t i;

	if (!json_is_array(arr))
		return bad(s, path, err, "must be an array");
	if (json_array_size(arr) == 0)
		return 0;
	if ((*out = calloc(json_array_size(arr), sizeof(**out))) == NULL)
		return bad(s, path, err, "out of memory");
	*n = json_array_size(arr);
	for (i = 0; i < *n; i++) {
		json_t *e = json_array_get(arr, i);
		json_t *reason = json_object_get(e, "reason");
		char *p = place(path, i, "when");
		int rc = 0;

		if (p == NULL)
			return bad(s, path, err, "out of memory");
		if (!json_is_object(e) || json_object_size(e) != 2 ||
		    !json_is_string(reason))
			rc = ki_err_set(err, s->file, 0, p, "needs exactly "
			    "\"when\" and \"reason\"");
		else if (((*out)[i].when = ki_cond_parse(json_object_get(e,
		    "when"), s->file, p, err)) == NULL)
			rc = -1;
		else if (check_columns(s, (*out)[i].when, p, err) == -1)
			rc = -1;
		else if (((*out)[i].reason = strdup(json_string_value(reason)))
		    == NULL)
			rc = bad(s, p, err, "out of memory");
		free(p);
		if (rc == -1)
			return -1;
	}
	return 0;
}

static int
parse_stages(struct ki_std *s, json_t *o, struct ki_err *err)
{
	const char *key;
	json_t *v;
	size_t i = 0, j;

	if (!json_is_object(o) || json_object_size(o) == 0)
		return bad(s, "stages", err, "must be an object of key stage to "
		    "phases");
	if ((s->stages = calloc(json_object_size(o), sizeof(*s->stages))) ==
	    NULL)
		return bad(s, "stages", err, "out of memory");
	s->nstages = json_object_size(o);
	json_object_foreach(o, key, v) {
		struct stage *st = &s->stages[i++];

		if ((st->name = strdup(key)) == NULL)
			return bad(s, "stages", err, "out of memory");
		if (*key == '\0')
			return bad(s, "stages", err, "a stage name must not be "
			    "empty");
		if (!json_is_array(v) || json_array_size(v) == 0)
			return ki_err_set(err, s->file, 0, "stages", "%s: must "
			    "list phases", key);
		if ((st->phases = calloc(json_array_size(v), sizeof(char *))) ==
		    NULL)
			return bad(s, "stages", err, "out of memory");
		st->nphases = json_array_size(v);
		for (j = 0; j < st->nphases; j++) {
			json_t *p = json_array_get(v, j);

			/* A blank phase is no phase: "" would match none. */
			if (!json_is_string(p) || *json_string_value(p) == '\0')
				return ki_err_set(err, s->file, 0, "stages",
				    "%s: phases must be non-empty strings",
				    key);
			if ((st->phases[j] = strdup(json_string_value(p))) ==
			    NULL)
				return bad(s, "stages", err, "out of memory");
		}
	}
	return 0;
}

static int
parse_rule(struct ki_std *s, json_t *o, size_t i, struct ki_err *err)
{
	static const char *const keys[] = { "id", "measure", "stage", "years",
	    "source", "exclude", "below", "none", NULL };
	struct rule *r = &s->rules[i];
	json_t *v, *years;
	const char *m, *st;
	char path[64];
	size_t k;

	snprintf(path, sizeof(path), "rules[%zu]", i);
	if (ki_policy_keys(s->file, o, path, keys, "a rule must be an object",
	    err) == -1)
		return -1;
	v = json_object_get(o, "id");
	if (!json_is_string(v) || *json_string_value(v) == '\0')
		return bad(s, path, err, "needs an \"id\"");
	if ((r->id = strdup(json_string_value(v))) == NULL)
		return bad(s, path, err, "out of memory");
	m = json_string_value(json_object_get(o, "measure"));
	if (m == NULL || (strcmp(m, "floor") != 0 && strcmp(m, "coasting") != 0))
		return bad(s, path, err, "\"measure\" must be \"floor\" or "
		    "\"coasting\"");
	r->coasting = m[0] == 'c';
	st = json_string_value(json_object_get(o, "stage"));
	for (k = 0; st != NULL && k < s->nstages; k++)
		if (strcmp(st, s->stages[k].name) == 0)
			break;
	if (st == NULL || k == s->nstages)
		return bad(s, path, err, "\"stage\" must name one of the "
		    "standard's stages");
	r->stage = k;
	years = json_object_get(o, "years");
	if (!json_is_array(years) || json_array_size(years) != 2 ||
	    !json_is_integer(json_array_get(years, 0)) ||
	    !json_is_integer(json_array_get(years, 1)))
		return bad(s, path, err, "\"years\" must be [FIRST, LAST]");
	/* Checked as JSON integers: a cast first would wrap 2^32 + 2019. */
	if (json_integer_value(json_array_get(years, 0)) < 1900 ||
	    json_integer_value(json_array_get(years, 1)) > 2100 ||
	    json_integer_value(json_array_get(years, 0)) >
	    json_integer_value(json_array_get(years, 1)))
		return bad(s, path, err, "\"years\" must run forwards within "
		    "1900-2100");
	r->from = (int)json_integer_value(json_array_get(years, 0));
	r->to = (int)json_integer_value(json_array_get(years, 1));
	if ((v = json_object_get(o, "source")) != NULL && !json_is_string(v))
		return bad(s, path, err, "\"source\" must be a string");
	if ((v = json_object_get(o, "none")) != NULL) {
		if (!json_is_string(v) || json_object_get(o, "below") != NULL)
			return bad(s, path, err, "\"none\" is a reason, and comes "
			    "without \"below\"");
		if ((r->none = strdup(json_string_value(v))) == NULL)
			return bad(s, path, err, "out of memory");
		return 0;
	}
	if ((v = json_object_get(o, "exclude")) != NULL) {
		char p[80];

		snprintf(p, sizeof(p), "%s.exclude", path);
		if (parse_excl(s, v, p, &r->excl, &r->nexcl, err) == -1)
			return -1;
	}
	if ((v = json_object_get(o, "below")) == NULL)
		return bad(s, path, err, "needs \"below\" (or \"none\")");
	{
		char p[80];

		snprintf(p, sizeof(p), "%s.below", path);
		if ((r->below = ki_cond_parse(v, s->file, p, err)) == NULL ||
		    check_columns(s, r->below, p, err) == -1)
			return -1;
	}
	return 0;
}

/* Each measure, stage and year's rule, found once (rules do not overlap). */
static int
index_rules(struct ki_std *s, struct ki_err *err)
{
	size_t i;
	int y;

	if ((s->rule_of = calloc(2 * s->nstages * STD_NYEARS,
	    sizeof(*s->rule_of))) == NULL)
		return bad(s, "rules", err, "out of memory");
	for (i = 0; i < s->nrules; i++)
		for (y = s->rules[i].from; y <= s->rules[i].to; y++)
			s->rule_of[STD_RULE_OF(s, s->rules[i].coasting,
			    s->rules[i].stage, y)] = (uint32_t)i + 1;
	return 0;
}

static const char *const std_keys[] = { "standard", "description", "stages",
	"not_applicable", "coasting", "rules", NULL };

static int
parse(void *arg, json_t *root, struct ki_err *err)
{
	struct ki_std *s = arg;
	json_t *v, *rules;
	size_t i, j;

	v = json_object_get(root, "standard");
	if (!json_is_string(v))
		return bad(s, "standard", err, "must name the standard");
	if ((s->name = strdup(json_string_value(v))) == NULL)
		return bad(s, "standard", err, "out of memory");
	if (parse_stages(s, json_object_get(root, "stages"), err) == -1)
		return -1;
	if ((v = json_object_get(root, "not_applicable")) != NULL &&
	    parse_excl(s, v, "not_applicable", &s->na, &s->nna, err) == -1)
		return -1;
	if ((v = json_object_get(root, "coasting")) != NULL) {
		json_t *f = json_object_get(v, "from"), *t = json_object_get(v,
		    "to"), *y = json_object_get(v, "years");

		if (!json_is_integer(f) || !json_is_integer(t) ||
		    !json_is_integer(y) || json_object_size(v) != 3 ||
		    json_integer_value(y) < 1 || json_integer_value(y) > 10 ||
		    json_integer_value(f) > json_integer_value(t) ||
		    json_integer_value(f) < 1900 || json_integer_value(t) > 2100)
			return bad(s, "coasting", err, "must be {\"from\": YEAR, "
			    "\"to\": YEAR, \"years\": N}");
		s->coast_from = (int)json_integer_value(f);
		s->coast_to = (int)json_integer_value(t);
		s->coast_years = (int)json_integer_value(y);
	}
	rules = json_object_get(root, "rules");
	if (!json_is_array(rules) || json_array_size(rules) == 0)
		return bad(s, "rules", err, "must be a non-empty array");
	if ((s->rules = calloc(json_array_size(rules), sizeof(*s->rules))) ==
	    NULL)
		return bad(s, "rules", err, "out of memory");
	s->nrules = json_array_size(rules);
	for (i = 0; i < s->nrules; i++)
		if (parse_rule(s, json_array_get(rules, i), i, err) == -1)
			return -1;
	for (i = 0; i < s->nrules; i++)
		for (j = 0; j < i; j++) {
			const struct rule *a = &s->rules[i], *b = &s->rules[j];

			if (a->coasting == b->coasting && a->stage == b->stage &&
			    a->from <= b->to && b->from <= a->to) {
				char p[32];

				snprintf(p, sizeof(p), "rules[%zu]", i);
				return ki_err_set(err, s->file, 0, p, "years "
				    "%d-%d overlap rules[%zu] (%s) for %s %s",
				    a->from, a->to, j, b->id, a->coasting ?
				    "coasting" : "floor", s->stages[a->stage].name);
			}
		}
	return index_rules(s, err);
}

struct ki_std *
ki_std_load(const char *path, struct ki_err *err)
{
	struct ki_std *s = calloc(1, sizeof(*s));

	if (s == NULL || (s->file = strdup(path)) == NULL) {
		free(s);
		ki_err_set(err, path, 0, NULL, "out of memory");
		return NULL;
	}
	s->i_phase = -1;
	if (ki_policy_read(path, std_keys, "a standard must be a JSON object",
	    parse, s, err) == -1) {
		ki_std_free(s);
		return NULL;
	}
	return s;
}

static void
free_excl(struct excl *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		ki_cond_free(e[i].when);
		free(e[i].reason);
	}
	free(e);
}

void
ki_std_free(struct ki_std *s)
{
	size_t i, j;

	if (s == NULL)
		return;
	for (i = 0; i < s->nrules; i++) {
		free(s->rules[i].id);
		free(s->rules[i].none);
		free_excl(s->rules[i].excl, s->rules[i].nexcl);
		ki_cond_free(s->rules[i].below);
	}
	free(s->rules);
	free(s->rule_of);
	for (i = 0; i < s->nstages; i++) {
		for (j = 0; j < s->stages[i].nphases; j++)
			free(s->stages[i].phases[j]);
		free(s->stages[i].phases);
		free(s->stages[i].name);
	}
	free(s->stages);
	free_excl(s->na, s->nna);
	free(s->name);
	free(s->file);
	free(s);
}

const char *
ki_std_name(const struct ki_std *s)
{
	return s->name;
}

int
ki_std_bind(struct ki_std *s, const struct ki_hdr *h, json_t *params,
    const char *file, struct ki_err *err)
{
	size_t i, j;

	s->i_phase = ki_hdr_index(h, "phase");
	for (i = 0; i < s->nna; i++)
		if (ki_cond_bind(s->na[i].when, h, params, 0, file, err) == -1)
			return -1;
	for (i = 0; i < s->nrules; i++) {
		struct rule *r = &s->rules[i];

		for (j = 0; j < r->nexcl; j++)
			if (ki_cond_bind(r->excl[j].when, h, params, 0, file,
			    err) == -1)
				return -1;
		if (r->below != NULL &&
		    ki_cond_bind(r->below, h, params, 0, file, err) == -1)
			return -1;
	}
	return 0;
}

int
ki_std_check_params(const struct ki_std *s, json_t *params,
    struct ki_err *err)
{
	struct ki_hdr *names = ki_hdr_new();
	const char *key;
	json_t *v;
	size_t i;
	int rc = 0;

	if (names == NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < s->nna; i++)
		if (ki_cond_params(s->na[i].when, names) == -1)
			rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < s->nrules; i++) {
		const struct rule *r = &s->rules[i];
		size_t j;

		for (j = 0; j < r->nexcl; j++)
			if (ki_cond_params(r->excl[j].when, names) == -1)
				rc = ki_err_set(err, NULL, 0, NULL,
				    "out of memory");
		if (r->below != NULL && ki_cond_params(r->below, names) == -1)
			rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
	}
	json_object_foreach(params, key, v)
		if (rc == 0 && ki_hdr_index(names, key) < 0)
			rc = ki_err_set(err, NULL, 0, NULL, "parameter %s: no rule "
			    "of %s takes it", key, s->name);
	ki_hdr_free(names);
	return rc;
}

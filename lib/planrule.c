/* Load the plan files: which events each school gets, and when. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ki/jsonfile.h"
#include "ki/plan.h"
#include "ki/policy.h"
#include "ki/share.h"
#include "ki/words.h"

static char *
dupstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return strdup(s ? s : "");
}

/* A string or an array of strings, as a NULL-terminated list. */
static int
words(json_t *j, char ***out, const char *file, const char *path,
    struct ki_err *err)
{
	size_t i, n = json_is_string(j) ? 1 : json_array_size(j);

	if ((!json_is_string(j) && !json_is_array(j)) || n == 0)
		return ki_err_set(err, file, 0, path, "must be a column name or "
		    "a list of them");
	if ((*out = calloc(n + 1, sizeof(char *))) == NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < n; i++) {
		json_t *s = json_is_string(j) ? j : json_array_get(j, i);

		if (!json_is_string(s))
			return ki_err_set(err, file, 0, path, "must be a column "
			    "name or a list of them");
		if (((*out)[i] = strdup(json_string_value(s))) == NULL)
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
	}
	return 0;
}

static int
whole(json_t *o, const char *key, long min, long *v, const char *file,
    const char *path, struct ki_err *err)
{
	json_t *j = json_object_get(o, key);

	if (!json_is_integer(j) || json_integer_value(j) < min ||
	    json_integer_value(j) > 1000)
		return ki_err_set(err, file, 0, path, "%s: must be a whole "
		    "number from %ld to 1000", key, min);
	*v = (long)json_integer_value(j);
	return 0;
}

static int
date_rule(struct ki_plan_rule *r, json_t *d, const char *file,
    const char *path, struct ki_err *err)
{
	static const char *const kinds[] = { "term-end", "termly", "every",
	    "spread", "after", NULL };
	static const char *const keys[] = { "kind", "term", "terms", "days",
	    "from_term", "count", "col", NULL };
	const char *kind = json_string_value(json_object_get(d, "kind"));
	json_t *c;
	size_t k, i;

	if (ki_policy_keys(file, d, path, keys, NULL, err) == -1)
		return -1;
	for (k = 0; kind != NULL && kinds[k] != NULL; k++)
		if (strcmp(kind, kinds[k]) == 0)
			break;
	if (kind == NULL || kinds[k] == NULL)
		return ki_err_set(err, file, 0, path, "kind: must be term-end, "
		    "termly, every, spread or after");
	r->kind = (enum ki_plan_kind)k;
	switch (r->kind) {
	case KI_PK_TERM_END:
		if ((r->terms = calloc(1, sizeof(long))) == NULL)
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
		r->nterms = 1;
		return whole(d, "term", 1, &r->terms[0], file, path, err);
	case KI_PK_TERMLY:
		c = json_object_get(d, "terms");
		if (!json_is_array(c) || json_array_size(c) == 0)
			return ki_err_set(err, file, 0, path, "terms: must be a "
			    "list of term numbers");
		if ((r->terms = calloc(json_array_size(c), sizeof(long))) ==
		    NULL)
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
		for (i = 0; i < json_array_size(c); i++) {
			json_t *t = json_array_get(c, i);

			if (!json_is_integer(t) || json_integer_value(t) < 1 ||
			    (i > 0 && json_integer_value(t) <= r->terms[i - 1]))
				return ki_err_set(err, file, 0, path, "terms: "
				    "must be term numbers (from 1), rising");
			r->terms[r->nterms++] = (long)json_integer_value(t);
		}
		return 0;
	case KI_PK_EVERY:
		if ((r->terms = calloc(1, sizeof(long))) == NULL)
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
		r->nterms = 1;
		return whole(d, "days", 1, &r->days, file, path, err) == -1 ||
		    whole(d, "from_term", 1, &r->terms[0], file, path, err) ==
		    -1 ? -1 : 0;
	case KI_PK_SPREAD:
		c = json_object_get(d, "count");
		if (json_is_integer(c))
			return whole(d, "count", 1, &r->count, file, path, err);
		if (!json_is_object(c) || words(json_object_get(c, "add"),
		    &r->add, file, path, err) == -1) {
			if (ki_err_oom(err))
				return -1;
			return ki_err_set(err, file, 0, path, "count: must be a "
			    "number or {\"add\": [columns], \"less\": [columns]}");
		}
		return json_object_get(c, "less") == NULL ? 0 :
		    words(json_object_get(c, "less"), &r->less, file, path, err);
	case KI_PK_AFTER:
		return words(json_object_get(d, "col"), &r->col, file, path,
		    err) == -1 || whole(d, "days", 0, &r->days, file, path,
		    err) == -1 ? -1 : 0;
	}
	return 0;
}

static int
load_file(struct ki_plan_rules *rules, const char *path, struct ki_err *err)
{
	static const char *const top[] = { "plan", "description", "source",
	    "events", NULL };
	static const char *const keys[] = { "event", "label", "quote",
	    "source", "when", "date", "chair", NULL };
	json_t *j, *ev;
	char where[64];
	size_t i;
	int rc = -1;

	if ((j = ki_policy_load(path, top, "must be an object with an events "
	    "list", err)) == NULL)
		return -1;
	if (!json_is_array(ev = json_object_get(j, "events"))) {
		ki_err_set(err, path, 0, NULL, "must be an object with an "
		    "events list");
		goto out;
	}
	for (i = 0; i < json_array_size(ev); i++) {
		json_t *e = json_array_get(ev, i), *ch;
		struct ki_plan_rule *r, *nr;

		snprintf(where, sizeof(where), "events[%zu]", i);
		if (!json_is_object(e) || !json_is_string(json_object_get(e,
		    "event"))) {
			ki_err_set(err, path, 0, where, "must be an object with "
			    "an event name");
			goto out;
		}
		if (ki_policy_keys(path, e, where, keys, NULL, err) == -1)
			goto out;
		if ((nr = realloc(rules->r, (rules->n + 1) * sizeof(*nr))) ==
		    NULL) {
			ki_err_set(err, NULL, 0, NULL, "out of memory");
			goto out;
		}
		rules->r = nr;
		r = &rules->r[rules->n++];
		memset(r, 0, sizeof(*r));
		r->event = dupstr(e, "event");
		r->label = dupstr(e, "label");
		r->quote = dupstr(e, "quote");
		r->source = dupstr(e, "source");
		if (r->event == NULL || r->label == NULL || r->quote == NULL ||
		    r->source == NULL) {
			ki_err_set(err, NULL, 0, NULL, "out of memory");
			goto out;
		}
		ch = json_object_get(e, "chair");
		if (ch != NULL && !(json_is_string(ch) && strcmp(
		    json_string_value(ch), "another-district") == 0)) {
			ki_err_set(err, path, 0, where, "chair: the only kind is "
			    "\"another-district\"");
			goto out;
		}
		r->chair = ch != NULL;
		if (json_object_get(e, "when") != NULL && (r->when =
		    ki_cond_parse(json_object_get(e, "when"), path, where,
		    err)) == NULL)
			goto out;
		snprintf(where, sizeof(where), "events[%zu].date", i);
		if (date_rule(r, json_object_get(e, "date"), path, where, err) ==
		    -1)
			goto out;
	}
	rc = 0;
out:
	json_decref(j);
	return rc;
}

int
ki_plan_rules_load(struct ki_plan_rules *rules, const char *dir,
    const char *path, struct ki_err *err)
{
	struct dirent **ents;
	int n, i, rc = 0;

	if (dir == NULL)
		return load_file(rules, path, err);
	if ((n = ki_share_scan(dir, &ents)) < 0)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < n && rc == 0; i++) {
		char p[4096];

		snprintf(p, sizeof(p), "%s/%s", dir, ents[i]->d_name);
		rc = load_file(rules, p, err);
	}
	ki_share_scan_free(ents, n);
	if (rc == 0 && rules->n == 0)
		return ki_err_set(err, dir, 0, NULL, "no plan files");
	return rc;
}

void
ki_plan_rules_free(struct ki_plan_rules *rules)
{
	size_t i;

	for (i = 0; i < rules->n; i++) {
		struct ki_plan_rule *r = &rules->r[i];

		free(r->event);
		free(r->label);
		free(r->quote);
		free(r->source);
		ki_cond_free(r->when);
		free(r->terms);
		ki_words_free(r->add);
		ki_words_free(r->less);
		ki_words_free(r->col);
	}
	free(rules->r);
	rules->r = NULL;
	rules->n = 0;
}

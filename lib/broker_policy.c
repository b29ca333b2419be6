/* Brokering policy: who is supported, needs, roles, review and rates, as JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ki/jsonfile.h"
#include "ki/policy.h"
#include "ki/share.h"
#include "ki/words.h"

#include "broker_impl.h"

static const char *const payname[] = { "headteacher", "supply", "cpd",
	"ast" };

/*
 * The string v, copied into *out: 0 with *out NULL when v is no string,
 * -1 with "out of memory" in err when the copy cannot be had.
 */
int
ki_bk_dupstr(json_t *v, char **out, struct ki_err *err)
{
	*out = NULL;
	if (!json_is_string(v))
		return 0;
	if ((*out = strdup(json_string_value(v))) == NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	return 0;
}

/* A list of role names as a bit set. */
static int
role_set(struct ki_broker_policy *p, json_t *a, const char *path,
    unsigned *set, struct ki_err *err)
{
	size_t i;
	json_t *v;
	int r;

	*set = 0;
	if (!json_is_array(a) || json_array_size(a) == 0)
		return ki_err_set(err, p->file, 0, path, "\"roles\" must be a "
		    "list of roles");
	json_array_foreach(a, i, v) {
		if (!json_is_string(v) ||
		    (r = ki_broker_role(p, json_string_value(v))) < 0)
			return ki_err_set(err, p->file, 0, path, "\"%s\" is not "
			    "one of the policy's roles", json_is_string(v) ?
			    json_string_value(v) : "?");
		*set |= 1u << r;
	}
	return 0;
}

struct ki_cond *
ki_bk_cond(struct ki_broker_policy *p, json_t *o, const char *path,
    struct ki_err *err)
{
	char sub[96];

	snprintf(sub, sizeof(sub), "%s.when", path);
	return ki_cond_parse(json_object_get(o, "when"), p->file, sub, err);
}

static int
parse_roles(struct ki_broker_policy *p, json_t *a, struct ki_err *err)
{
	static const char *const keys[] = { "name", "pay", "quote", NULL };
	char path[48];
	size_t i, k;
	json_t *o;

	if (!json_is_array(a) || json_array_size(a) == 0 ||
	    json_array_size(a) > 32)
		return ki_err_set(err, p->file, 0, "roles", "must be a list of "
		    "1 to 32 roles");
	if ((p->roles = calloc(json_array_size(a), sizeof(*p->roles))) == NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	json_array_foreach(a, i, o) {
		struct ki_bk_role *r = &p->roles[i];
		const char *pay;

		snprintf(path, sizeof(path), "roles[%zu]", i);
		if (ki_policy_keys(p->file, o, path, keys, NULL, err) == -1)
			return -1;
		p->nroles++;
		if (ki_bk_dupstr(json_object_get(o, "name"), &r->name, err) == -1)
			return -1;
		if (r->name == NULL)
			return ki_err_set(err, p->file, 0, path, "needs a "
			    "\"name\"");
		pay = json_string_value(json_object_get(o, "pay"));
		for (k = 0; pay != NULL && k < 4; k++)
			if (strcmp(pay, payname[k]) == 0)
				break;
		if (pay == NULL || k == 4)
			return ki_err_set(err, p->file, 0, path, "\"pay\" must be "
			    "headteacher, supply, cpd or ast");
		r->pay = (enum ki_bk_pay)k;
	}
	return 0;
}

static int
parse_support(struct ki_broker_policy *p, json_t *a, struct ki_err *err)
{
	static const char *const keys[] = { "name", "when", "days", "quote",
	    NULL };
	char path[48];
	size_t i;
	json_t *o;

	if (!json_is_array(a) || json_array_size(a) == 0)
		return ki_err_set(err, p->file, 0, "support", "must be a list");
	if ((p->support = calloc(json_array_size(a), sizeof(*p->support))) ==
	    NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	json_array_foreach(a, i, o) {
		struct ki_bk_support *s = &p->support[p->nsupport];

		snprintf(path, sizeof(path), "support[%zu]", i);
		if (ki_policy_keys(p->file, o, path, keys, NULL, err) == -1)
			return -1;
		p->nsupport++;
		if (ki_bk_dupstr(json_object_get(o, "name"), &s->name, err) == -1)
			return -1;
		if (s->name == NULL)
			return ki_err_set(err, p->file, 0, path, "needs a "
			    "\"name\"");
		if ((s->when = ki_bk_cond(p, o, path, err)) == NULL)
			return -1;
		if (ki_bk_pounds(json_object_get(o, "days"), &s->days) == -1)
			return ki_err_set(err, p->file, 0, path, "\"days\" must "
			    "be a number of days, 0 or more");
	}
	return 0;
}

static int
parse_sign(struct ki_broker_policy *p, json_t *o, const char *path,
    struct ki_bk_sign *g, struct ki_err *err)
{
	static const char *const keys[] = { "when", "col", "contains", NULL };
	json_t *c, *v;
	size_t i;

	g->idx = -1;
	if (ki_policy_keys(p->file, o, path, keys, NULL, err) == -1)
		return -1;
	if (json_object_get(o, "when") != NULL &&
	    (g->when = ki_bk_cond(p, o, path, err)) == NULL)
		return -1;
	c = json_object_get(o, "contains");
	if ((json_object_get(o, "col") == NULL) != (c == NULL))
		return ki_err_set(err, p->file, 0, path, "\"col\" and "
		    "\"contains\" go together");
	if (c == NULL) {
		if (g->when == NULL)
			return ki_err_set(err, p->file, 0, path, "needs \"when\" "
			    "or \"col\" and \"contains\"");
		return 0;
	}
	if (ki_bk_dupstr(json_object_get(o, "col"), &g->col, err) == -1)
		return -1;
	if (g->col == NULL || !json_is_array(c) || json_array_size(c) == 0)
		return ki_err_set(err, p->file, 0, path, "\"col\" must be a "
		    "column and \"contains\" a list of words");
	if ((g->contains = calloc(json_array_size(c) + 1, sizeof(char *))) ==
	    NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	json_array_foreach(c, i, v) {
		if (ki_bk_dupstr(v, &g->contains[i], err) == -1)
			return -1;
		if (g->contains[i] == NULL)
			return ki_err_set(err, p->file, 0, path, "\"contains\" "
			    "must hold strings");
	}
	return 0;
}

static int
parse_needs(struct ki_broker_policy *p, json_t *a, struct ki_err *err)
{
	static const char *const keys[] = { "need", "signs", "otherwise",
	    "roles", "strength", "quote", NULL };
	char path[48], sub[80];
	size_t i, k;
	json_t *o, *g;

	if (!json_is_array(a) || json_array_size(a) == 0 ||
	    json_array_size(a) > 32)
		return ki_err_set(err, p->file, 0, "needs", "must be a list of "
		    "1 to 32 needs");
	if ((p->needs = calloc(json_array_size(a), sizeof(*p->needs))) == NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	json_array_foreach(a, i, o) {
		struct ki_bk_need *n = &p->needs[p->nneeds];

		snprintf(path, sizeof(path), "needs[%zu]", i);
		if (ki_policy_keys(p->file, o, path, keys, NULL, err) == -1)
			return -1;
		p->nneeds++;
		if (ki_bk_dupstr(json_object_get(o, "need"), &n->name, err) == -1)
			return -1;
		if (n->name == NULL)
			return ki_err_set(err, p->file, 0, path, "needs a "
			    "\"need\"");
		if (role_set(p, json_object_get(o, "roles"), path, &n->roles,
		    err) == -1)
			return -1;
		if (ki_bk_dupstr(json_object_get(o, "strength"), &n->strength,
		    err) == -1)
			return -1;
		n->otherwise = json_is_true(json_object_get(o, "otherwise"));
		/* A school that shows no need still gets the last one. */
		if (n->otherwise != (i + 1 == json_array_size(a)))
			return ki_err_set(err, p->file, 0, path, "the last need, "
			    "and only the last, is \"otherwise\": true");
		g = json_object_get(o, "signs");
		if (n->otherwise != (g == NULL))
			return ki_err_set(err, p->file, 0, path, "needs \"signs\" "
			    "or \"otherwise\": true, not both");
		if (g == NULL)
			continue;
		if (!json_is_array(g) || json_array_size(g) == 0)
			return ki_err_set(err, p->file, 0, path, "\"signs\" must "
			    "be a list");
		if ((n->signs = calloc(json_array_size(g), sizeof(*n->signs))) ==
		    NULL)
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
		for (k = 0; k < json_array_size(g); k++) {
			snprintf(sub, sizeof(sub), "%s.signs[%zu]", path, k);
			n->nsigns++;
			if (parse_sign(p, json_array_get(g, k), sub, &n->signs[k],
			    err) == -1)
				return -1;
		}
	}
	return 0;
}

static int
parse_mentoring(struct ki_broker_policy *p, json_t *o, struct ki_err *err)
{
	static const char *const keys[] = { "when", "roles", "strength", "max",
	    "quote", NULL };
	json_t *m;

	if (ki_policy_keys(p->file, o, "mentoring", keys, NULL, err) == -1 ||
	    (p->mentor_when = ki_bk_cond(p, o, "mentoring", err)) == NULL ||
	    role_set(p, json_object_get(o, "roles"), "mentoring",
	    &p->mentor_roles, err) == -1)
		return -1;
	if (ki_bk_dupstr(json_object_get(o, "strength"), &p->mentor_strength,
	    err) == -1)
		return -1;
	m = json_object_get(o, "max");
	if (!json_is_integer(m) || json_integer_value(m) < 0 ||
	    json_integer_value(m) > 1000)
		return ki_err_set(err, p->file, 0, "mentoring", "\"max\" must "
		    "be a whole number of new heads");
	p->mentor_max = (int)json_integer_value(m);
	return 0;
}

struct ki_broker_policy *
ki_broker_policy_load(const char *name, struct ki_err *err)
{
	static const char *const keys[] = { "broker", "description", "source",
	    "roles", "support", "needs", "review", "mentoring", "rates",
	    "ast", NULL };
	struct ki_broker_policy *p;
	json_t *j = NULL, *a;
	char *path;
	int rc = -1;

	if ((path = ki_share_find("broker", name, err)) == NULL)
		return NULL;
	if ((p = calloc(1, sizeof(*p))) == NULL) {
		free(path);
		ki_err_set(err, NULL, 0, NULL, "out of memory");
		return NULL;
	}
	p->file = path;
	if ((j = ki_policy_load(path, keys, NULL, err)) == NULL ||
	    parse_roles(p, json_object_get(j, "roles"), err) == -1 ||
	    parse_support(p, json_object_get(j, "support"), err) == -1 ||
	    parse_needs(p, json_object_get(j, "needs"), err) == -1 ||
	    ki_bk_parse_rates(p, json_object_get(j, "rates"), 1, path, err) == -1)
		goto out;
	if ((a = json_object_get(j, "review")) != NULL &&
	    ki_bk_parse_review(p, a, err) == -1)
		goto out;
	if ((a = json_object_get(j, "mentoring")) != NULL &&
	    parse_mentoring(p, a, err) == -1)
		goto out;
	if ((a = json_object_get(j, "ast")) != NULL) {
		if (ki_policy_keys(path, a, "ast", (const char *const [])
		    { "terms", "quote", NULL }, NULL, err) == -1)
			goto out;
		a = json_object_get(a, "terms");
		if (!json_is_integer(a) || json_integer_value(a) < 0 ||
		    json_integer_value(a) > 12) {
			ki_err_set(err, path, 0, "ast", "\"terms\" must be the "
			    "number of termly payments, 0 to 12");
			goto out;
		}
		p->ast_terms = (int)json_integer_value(a);
	}
	rc = 0;
out:
	json_decref(j);
	if (rc == -1) {
		ki_broker_policy_free(p);
		return NULL;
	}
	return p;
}

int
ki_broker_role(const struct ki_broker_policy *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nroles; i++)
		if (strcmp(p->roles[i].name, name) == 0)
			return (int)i;
	return -1;
}

int
ki_broker_policy_bind(struct ki_broker_policy *p, const struct ki_hdr *h,
    const char *file, struct ki_err *err)
{
	size_t i, k;

	/* Columns the input lacks read as blank: 2011 and 2019 differ. */
	for (i = 0; i < p->nsupport; i++)
		if (ki_cond_bind(p->support[i].when, h, NULL, 0, file, err) == -1)
			return -1;
	for (i = 0; i < p->nneeds; i++)
		for (k = 0; k < p->needs[i].nsigns; k++) {
			struct ki_bk_sign *g = &p->needs[i].signs[k];

			if (g->when != NULL && ki_cond_bind(g->when, h, NULL, 0,
			    file, err) == -1)
				return -1;
			g->idx = g->col ? ki_hdr_index(h, g->col) : -1;
		}
	for (i = 0; i < p->nreview; i++) {
		struct ki_bk_review *r = &p->review[i];

		if (r->when != NULL && ki_cond_bind(r->when, h, NULL, 0, file,
		    err) == -1)
			return -1;
		for (k = 0; k < 2; k++)
			r->fidx[k] = r->fall[k] ? ki_hdr_index(h, r->fall[k]) : -1;
	}
	if (p->mentor_when != NULL && ki_cond_bind(p->mentor_when, h, NULL, 0,
	    file, err) == -1)
		return -1;
	return 0;
}

void
ki_broker_policy_free(struct ki_broker_policy *p)
{
	size_t i, k;

	if (p == NULL)
		return;
	for (i = 0; i < p->nroles; i++)
		free(p->roles[i].name);
	for (i = 0; i < p->nsupport; i++) {
		free(p->support[i].name);
		ki_cond_free(p->support[i].when);
	}
	for (i = 0; i < p->nneeds; i++) {
		for (k = 0; k < p->needs[i].nsigns; k++) {
			ki_cond_free(p->needs[i].signs[k].when);
			free(p->needs[i].signs[k].col);
			ki_words_free(p->needs[i].signs[k].contains);
		}
		free(p->needs[i].signs);
		free(p->needs[i].name);
		free(p->needs[i].strength);
	}
	for (i = 0; i < p->nreview; i++) {
		free(p->review[i].label);
		ki_cond_free(p->review[i].when);
		free(p->review[i].fall[0]);
		free(p->review[i].fall[1]);
	}
	ki_cond_free(p->mentor_when);
	free(p->mentor_strength);
	free(p->roles);
	free(p->support);
	free(p->needs);
	free(p->review);
	free(p->file);
	free(p);
}

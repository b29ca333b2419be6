/* Conditions: read from JSON into a tree, by the table of kinds. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cond_impl.h"
#include "ki/num.h"
#include "ki/policy.h"

struct ki_cond *
cond_fail(struct ki_cond *c, struct ki_err *err, const char *file,
    const char *path, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ki_err_set(err, file, 0, path, "%s", msg);
	ki_cond_free(c);
	return NULL;
}

/* As cond_fail, for a kind's parse, which leaves the freeing to its caller. */
int
cond_failed(struct ki_err *err, const char *file, const char *path,
    const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return ki_err_set(err, file, 0, path, "%s", msg);
}

/* v's number as text: 0, -1 when v is no number, -2 out of memory. */
int
cond_number_text(json_t *v, char **text, double *num)
{
	char buf[64];

	if (json_is_integer(v))
		snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
	else if (json_is_real(v)) {
		if (ki_num_format(json_real_value(v), buf, sizeof(buf)) < 0)
			return -1;
	} else
		return -1;
	*num = json_number_value(v);
	return (*text = strdup(buf)) == NULL ? -2 : 0;
}

/* o's key as a whole number of years, -1000..1000: 0, or -1. */
int
cond_int_of(json_t *o, const char *key, int *out)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v) || json_integer_value(v) < -1000 ||
	    json_integer_value(v) > 1000)
		return -1;
	*out = (int)json_integer_value(v);
	return 0;
}

/* The conditions of all, any or not (v), each parsed at path.key[i]. */
static struct ki_cond *
parse_kids(struct ki_cond *c, json_t *j, json_t *v, const char *file,
    const char *path, struct ki_err *err)
{
	const char *key = c->kind->key;
	size_t i, n = c->kind->arity == COND_LIST ? json_array_size(v) : 1;

	if (json_object_size(j) != (c->label ? 2u : 1u))
		return cond_fail(c, err, file, path, "\"%s\" takes no other "
		    "keys", key);
	if (c->kind->arity == COND_LIST && n == 0)
		return cond_fail(c, err, file, path, "\"%s\" needs a non-empty "
		    "array of conditions", key);
	if ((c->kids = calloc(n, sizeof(*c->kids))) == NULL)
		return cond_fail(c, err, file, path, "out of memory");
	c->nkids = n;
	for (i = 0; i < n; i++) {
		char *p = ki_policy_path(path, key, c->kind->arity == COND_LIST ?
		    (long)i : -1);

		if (p == NULL)
			return cond_fail(c, err, file, path, "out of memory");
		c->kids[i] = ki_cond_parse(c->kind->arity == COND_LIST ?
		    json_array_get(v, i) : v, file, p, err);
		free(p);
		if (c->kids[i] == NULL) {
			ki_cond_free(c);
			return NULL;
		}
	}
	return c;
}

/* The kind j is, by the first of the table's keys it has; v its value. */
static const struct cond_kind *
kind_of(json_t *j, json_t **v)
{
	size_t i;

	for (i = 0; i < cond_nkinds; i++)
		if ((*v = json_object_get(j, cond_kinds[i].key)) != NULL)
			return &cond_kinds[i];
	return NULL;
}

struct ki_cond *
ki_cond_parse(json_t *j, const char *file, const char *path,
    struct ki_err *err)
{
	struct ki_cond *c;
	json_t *v, *label;
	char names[128];
	size_t i, len;

	if (!json_is_object(j))
		return cond_fail(NULL, err, file, path, "a condition must be an "
		    "object");
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return cond_fail(NULL, err, file, path, "out of memory");
	c->idx = -1;
	if ((label = json_object_get(j, "label")) != NULL) {
		if (!json_is_string(label))
			return cond_fail(c, err, file, path, "label must be a "
			    "string");
		if ((c->label = strdup(json_string_value(label))) == NULL)
			return cond_fail(c, err, file, path, "out of memory");
	}
	if ((c->kind = kind_of(j, &v)) == NULL) {
		for (i = len = 0; i < cond_nkinds; i++, len += strlen(names +
		    len))
			snprintf(names + len, sizeof(names) - len, "%s%s",
			    i ? ", " : "", cond_kinds[i].key);
		return cond_fail(c, err, file, path, "needs one of %s", names);
	}
	if (c->kind->arity != COND_LEAF)
		return parse_kids(c, j, v, file, path, err);
	if (ki_policy_keys(file, j, path, c->kind->keys, NULL, err) == -1 ||
	    c->kind->parse(c, j, file, path, err) == -1) {
		ki_cond_free(c);
		return NULL;
	}
	return c;
}

void
ki_cond_free(struct ki_cond *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nkids; i++)
		ki_cond_free(c->kids[i]);
	free(c->kids);
	for (i = 0; i < c->nset; i++)
		free(c->set[i]);
	free(c->set);
	free(c->setnum);
	free(c->setisnum);
	free(c->label);
	free(c->col);
	for (i = 0; i < c->nalt; i++)
		free(c->alt[i]);
	free(c->alt);
	free(c->altidx);
	free(c->text);
	free(c->said[0]);
	free(c->said[1]);
	free(c->param);
	free(c->about);
	free(c->equals);
	free(c);
}

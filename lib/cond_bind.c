/* Conditions: find their columns and parameters, and list what they read. */
#include <stdlib.h>
#include <string.h>

#include "cond_impl.h"
#include "ki/val.h"

/*
 * Call fn on every condition of the tree, the parts before the whole (so
 * lists come in the order of the file). Stops at the first fn that does
 * not return 0, and returns what it did.
 */
static int
walk(struct ki_cond *c, int (*fn)(struct ki_cond *, void *), void *arg)
{
	size_t i;
	int rc;

	for (i = 0; i < c->nkids; i++)
		if ((rc = walk(c->kids[i], fn, arg)) != 0)
			return rc;
	return fn(c, arg);
}

/* walk for a tree that fn only reads. */
static int
walk_const(const struct ki_cond *c, int (*fn)(struct ki_cond *, void *),
    void *arg)
{
	return walk((struct ki_cond *)c, fn, arg);
}

/*
 * Whether col is a yes/no column here: a canonical one, or one compared
 * with "yes" or "no" (so Y, true and 1 count as yes for it too).
 */
int
cond_yes_no(const char *col, const char *text)
{
	return ki_canon_type(col, NULL) == KI_T_BOOL || (text != NULL &&
	    (strcmp(text, "yes") == 0 || strcmp(text, "no") == 0));
}

struct bind {
	const struct ki_hdr *h;
	json_t *params;
	int strict;
	const char *file;
	struct ki_err *err;
};

static int
bind_param(struct ki_cond *c, const struct bind *b)
{
	json_t *v = b->params ? json_object_get(b->params, c->param) : NULL;
	int rc;

	c->have = 0;
	if (v == NULL)
		return 0;
	free(c->text);
	c->text = NULL;
	rc = cond_number_text(v, &c->text, &c->num);
	if (rc == -2)
		return ki_err_set(b->err, NULL, 0, NULL, "out of memory");
	if (rc != 0)
		return ki_err_set(b->err, b->file, 0, c->param, "the parameter "
		    "must be a number");
	c->have = 1;
	return 0;
}

static int
bind_one(struct ki_cond *c, void *arg)
{
	const struct bind *b = arg;
	size_t i;
	int found;

	if (c->col != NULL) {
		c->yn = c->kind->yes_no != NULL && c->kind->yes_no(c);
		c->idx = ki_hdr_index(b->h, c->col);
		found = c->idx >= 0;
		for (i = 0; i < c->nalt; i++)
			found |= (c->altidx[i] = ki_hdr_index(b->h, c->alt[i])) >=
			    0;
		if (!found && b->strict)
			return ki_err_set(b->err, b->file, 0, c->col, "the input "
			    "has no such column%s", c->nalt ? " (nor the others "
			    "listed with it)" : "");
	}
	if (c->param != NULL && bind_param(c, b) == -1)
		return -1;
	/* The words of its facts, once the value is known. */
	if (c->kind->explain == cond_col_explain && cond_col_said(c) == -1)
		return ki_err_set(b->err, NULL, 0, NULL, "out of memory");
	return 0;
}

int
ki_cond_bind(struct ki_cond *c, const struct ki_hdr *h, json_t *params,
    int strict, const char *file, struct ki_err *err)
{
	struct bind b = { h, params, strict, file, err };

	return walk(c, bind_one, &b);
}

struct check {
	const struct ki_hdr *h;
	int (*optional)(const char *, void *);
	void *arg;
	const char *file;
	struct ki_err *err;
};

static int
check_one(struct ki_cond *c, void *arg)
{
	const struct check *k = arg;
	size_t i;
	int found;

	if (c->col == NULL)
		return 0;
	/* One column of a group is enough; an optional one may be absent. */
	found = ki_hdr_index(k->h, c->col) >= 0 || k->optional(c->col, k->arg);
	for (i = 0; !found && i < c->nalt; i++)
		found = ki_hdr_index(k->h, c->alt[i]) >= 0 ||
		    k->optional(c->alt[i], k->arg);
	if (!found)
		return ki_err_set(k->err, k->file, 1, c->col, "the input has no "
		    "such column%s", c->nalt ? " (nor the others listed with "
		    "it)" : "");
	return 0;
}

int
ki_cond_check(const struct ki_cond *c, const struct ki_hdr *h,
    int (*optional)(const char *, void *), void *arg, const char *file,
    struct ki_err *err)
{
	struct check k = { h, optional, arg, file, err };

	return walk_const(c, check_one, &k);
}

/* Add name to names unless it is there. Returns 0, or -1 out of memory. */
static int
add_name(struct ki_hdr *names, const char *name)
{
	return ki_hdr_index(names, name) < 0 && ki_hdr_add(names, name) < 0 ?
	    -1 : 0;
}

/* Add c's column and its alternatives to names. Returns 0 or -1. */
static int
add_col(struct ki_hdr *names, const struct ki_cond *c)
{
	size_t i;

	if (add_name(names, c->col) == -1)
		return -1;
	for (i = 0; i < c->nalt; i++)
		if (add_name(names, c->alt[i]) == -1)
			return -1;
	return 0;
}

static int
add_columns(struct ki_cond *c, void *names)
{
	return c->col != NULL ? add_col(names, c) : 0;
}

static int
add_numbers(struct ki_cond *c, void *names)
{
	return c->col != NULL && c->kind->number != NULL &&
	    c->kind->number(c) ? add_col(names, c) : 0;
}

static int
add_yes_no(struct ki_cond *c, void *names)
{
	return c->col != NULL && c->kind->yes_no != NULL &&
	    c->kind->yes_no(c) ? add_col(names, c) : 0;
}

static int
add_params(struct ki_cond *c, void *names)
{
	return c->param != NULL ? add_name(names, c->param) : 0;
}

static int
has_history(struct ki_cond *c, void *arg)
{
	(void)arg;
	return c->kind->history;
}

int
ki_cond_columns(const struct ki_cond *c, struct ki_hdr *names)
{
	return walk_const(c, add_columns, names);
}

int
ki_cond_numbers(const struct ki_cond *c, struct ki_hdr *names)
{
	return walk_const(c, add_numbers, names);
}

int
ki_cond_yes_no(const struct ki_cond *c, struct ki_hdr *names)
{
	return walk_const(c, add_yes_no, names);
}

int
ki_cond_params(const struct ki_cond *c, struct ki_hdr *names)
{
	return walk_const(c, add_params, names);
}

int
ki_cond_history(const struct ki_cond *c)
{
	return walk_const(c, has_history, NULL);
}

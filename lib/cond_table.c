/* The table of condition kinds and of comparisons: one entry each. */
#include <stdio.h>
#include <string.h>

#include "cond_impl.h"

static const char *const col_keys[] = { "col", "op", "value", "label", NULL };
static const char *const count_keys[] = { "count", "equals", "from", "to",
	"op", "value", "label", NULL };
static const char *const trend_keys[] = { "trend", "years", "direction",
	"insufficient", "label", NULL };

/*
 * Tried in this order: an object with two kinds' keys is the first. The
 * grammar is told in man/ki-policy.5.
 */
const struct cond_kind cond_kinds[] = {
	{ "all", COND_LIST, NULL, 0, NULL, NULL, NULL, cond_eval_all,
	    cond_explain_list },
	{ "any", COND_LIST, NULL, 0, NULL, NULL, NULL, cond_eval_any,
	    cond_explain_list },
	{ "not", COND_ONE, NULL, 0, NULL, NULL, NULL, cond_eval_not, NULL },
	{ "col", COND_LEAF, col_keys, 0, cond_col_parse, cond_col_number,
	    cond_col_yes_no, cond_col_eval, cond_col_explain },
	{ "count", COND_LEAF, count_keys, 1, cond_count_parse, NULL,
	    cond_count_yes_no, cond_count_eval, cond_count_explain },
	{ "trend", COND_LEAF, trend_keys, 1, cond_trend_parse,
	    cond_trend_number, NULL, cond_trend_eval, cond_trend_explain },
};
const size_t cond_nkinds = sizeof(cond_kinds) / sizeof(cond_kinds[0]);

static int
eq(double a, double b)
{
	return a == b;
}

static int
ne(double a, double b)
{
	return a != b;
}

static int
lt(double a, double b)
{
	return a < b;
}

static int
le(double a, double b)
{
	return a <= b;
}

static int
gt(double a, double b)
{
	return a > b;
}

static int
ge(double a, double b)
{
	return a >= b;
}

const struct cond_cmp cond_cmps[] = {
	{ "==", "!=", COND_V_ANY, eq },
	{ "!=", "==", COND_V_ANY, ne },
	{ "<", ">=", COND_V_NUMBER, lt },
	{ "<=", ">", COND_V_NUMBER, le },
	{ ">", "<=", COND_V_NUMBER, gt },
	{ ">=", "<", COND_V_NUMBER, ge },
	{ "in", "in", COND_V_SET, NULL },
	{ "blank", "not blank", COND_V_NONE, eq },
	{ "not blank", "blank", COND_V_NONE, ne },
};
const size_t cond_ncmps = sizeof(cond_cmps) / sizeof(cond_cmps[0]);

const struct cond_cmp *
cond_cmp_find(const char *name)
{
	size_t i;

	for (i = 0; i < cond_ncmps; i++)
		if (strcmp(name, cond_cmps[i].name) == 0)
			return &cond_cmps[i];
	return NULL;
}

/* Whether op compares a number with a number. */
int
cond_cmp_numeric(const struct cond_cmp *op)
{
	return op->value == COND_V_NUMBER || op->value == COND_V_ANY;
}

/* A name with a space in it is set off by a comma: "in blank, not blank". */
const char *
cond_cmp_names(int (*filter)(const struct cond_cmp *), char *buf, size_t n)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < cond_ncmps; i++) {
		if (filter != NULL && !filter(&cond_cmps[i]))
			continue;
		snprintf(buf + len, n - len, "%s%s", len == 0 ? "" :
		    strchr(cond_cmps[i].name, ' ') ? ", " : " ",
		    cond_cmps[i].name);
		len += strlen(buf + len);
	}
	return buf;
}

/* ki-allocate's rates: load them, and cost a school exactly to the penny. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ki/fixed.h"
#include "ki/jsonfile.h"
#include "ki/num.h"
#include "ki/rates.h"

static const char *const ratekey[KI_NRATES] = { "adviser_day", "nle_day",
	"cpd_day", "ast_term" };
/* The input columns each rate multiplies (days for the adviser's). */
static const char *const ratecol[KI_NRATES] = { NULL, "nle_days",
	"cpd_days", "ast_terms" };

int
ki_rates_load(struct ki_rates *r, const char *path, struct ki_err *err)
{
	json_t *o, *v;
	const char *key;
	size_t k;
	int rc = 0;

	if ((o = ki_json_load(path, err)) == NULL)
		return -1;
	if (!json_is_object(o)) {
		json_decref(o);
		return ki_err_set(err, path, 0, NULL, "must be a JSON object "
		    "of rates");
	}
	json_object_foreach(o, key, v) {
		char buf[64];

		for (k = 0; k < KI_NRATES; k++)
			if (strcmp(key, ratekey[k]) == 0)
				break;
		if (k == KI_NRATES) {
			rc = ki_err_set(err, path, 0, key, "unknown rate "
			    "(adviser_day, nle_day, cpd_day, ast_term)");
			break;
		}
		/* Pounds, written as a number or a string: to pence, exactly. */
		if (json_is_string(v))
			snprintf(buf, sizeof(buf), "%s", json_string_value(v));
		else if (json_is_integer(v))
			snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT,
			    json_integer_value(v));
		else if (!json_is_real(v) || ki_num_format(json_real_value(v),
		    buf, sizeof(buf)) < 0)
			buf[0] = '\0';
		if (ki_fixed_parse(buf, 2, &r->pence[k]) == -1 ||
		    r->pence[k] < 0) {
			rc = ki_err_set(err, path, 0, key, "\"%s\" is not an "
			    "amount in pounds and pence", buf);
			break;
		}
		r->have[k] = 1;
	}
	json_decref(o);
	return rc;
}

void
ki_rates_bind(struct ki_rates *r, const struct ki_hdr *h)
{
	size_t k;

	for (k = 0; k < KI_NRATES; k++)
		r->col[k] = ratecol[k] ? ki_hdr_index(h, ratecol[k]) : -1;
	r->i_ast = ki_hdr_index(h, "ast");
}

static const char *
col(const struct ki_rec *rec, long k)
{
	return k >= 0 && (size_t)k < rec->n ? rec->v[k] : NULL;
}

/* The first row to name an AST: its line and ast_terms. */
struct paid {
	long line;
	char terms[];
};

/*
 * The AST's payments, ast_terms at the term rate, are made once per AST
 * to its home school (manual 2.1.7: "a sum of £6000 (per AST)"), not by
 * each school it supports: the first row naming the AST carries them,
 * and the others nothing. Returns the row's ast_terms to cost, "" when
 * the AST is paid already, or NULL with err set.
 */
static const char *
ast_once(const struct ki_rates *r, const char *file, const struct ki_rec *rec,
    const char *v, struct ki_tab *paid, struct ki_err *err)
{
	const char *ast = col(rec, r->i_ast);
	struct paid *first;

	if (ast == NULL || *ast == '\0') {
		ki_err_set(err, file, rec->line, "ast", "ast_terms needs the "
		    "AST's id in ast: an AST is paid per AST, to its home "
		    "school, not per school it supports");
		return NULL;
	}
	if ((first = ki_tab_get(paid, ast)) == NULL) {
		if ((first = malloc(sizeof(*first) + strlen(v) + 1)) == NULL ||
		    ki_tab_put(paid, ast, first) == -1) {
			free(first);
			ki_err_set(err, NULL, 0, NULL, "out of memory");
			return NULL;
		}
		first->line = rec->line;
		memcpy(first->terms, v, strlen(v) + 1);
		return v;
	}
	if (strcmp(first->terms, v) != 0) {
		ki_err_set(err, file, rec->line, "ast_terms", "AST %s has "
		    "\"%s\" here but \"%s\" on line %ld", ast, v, first->terms,
		    first->line);
		return NULL;
	}
	return "";
}

int
ki_rates_cost(const struct ki_rates *r, const char *file,
    const struct ki_rec *rec, const char *days, struct ki_tab *paid,
    char *out, struct ki_err *err)
{
	int64_t exact = 0, pence;
	size_t k;
	int any = 0;

	out[0] = '\0';
	for (k = 0; k < KI_NRATES; k++) {
		const char *v = k == KI_RATE_ADVISER ? days : col(rec, r->col[k]);
		const char *field = k == KI_RATE_ADVISER ? "days" : ratecol[k];
		int64_t qty, part;

		if (v == NULL || *v == '\0')
			continue;
		if (k == KI_RATE_AST && r->have[k] &&
		    (v = ast_once(r, file, rec, v, paid, err)) == NULL)
			return -1;
		if (*v == '\0') {
			any = 1;
			continue;
		}
		if (!r->have[k])
			return ki_err_set(err, file, rec->line, field, "the "
			    "rates file has no %s", ratekey[k]);
		if (ki_fixed_parse(v, 2, &qty) == -1 || qty < 0)
			return ki_err_set(err, file, rec->line, ratecol[k],
			    "\"%s\" is not a number, 0 or more, with at most "
			    "two decimals", v);
		/* qty is in hundredths: part is exact, in 1/100 p. */
		if (ki_fixed_mul(qty, r->pence[k], 0, &part) == -1 ||
		    ki_fixed_add(exact, part, &exact) == -1)
			return ki_err_set(err, file, rec->line, field, "\"%s\" "
			    "at the rate makes a cost past the largest ki can "
			    "hold", v);
		any = 1;
	}
	if (any && (ki_fixed_mul(exact, 1, 2, &pence) == -1 ||
	    ki_fixed_format(pence, 2, 0, out, 48) < 0))
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	return 0;
}

/* ki-allocate's rates: what a day or a term of support costs, and a school's cost. */
#ifndef KI_RATES_H
#define KI_RATES_H

#include <stdint.h>

#include "ki/err.h"
#include "ki/hdr.h"
#include "ki/rec.h"
#include "ki/tab.h"

/*
 * The rates file is a JSON object of amounts in pounds, each a number or
 * a string ("400.00"): adviser_day, nle_day, cpd_day, ast_term. Each but
 * the adviser's multiplies an input column: nle_days, cpd_days, ast_terms.
 */
enum { KI_RATE_ADVISER, KI_RATE_NLE, KI_RATE_CPD, KI_RATE_AST, KI_NRATES };

struct ki_rates {
	int64_t pence[KI_NRATES];
	int have[KI_NRATES];
	long col[KI_NRATES];	/* the columns, by ki_rates_bind; -1 none */
	long i_ast;		/* the ast column, naming the AST */
};

/* Read the rates file at path into r. Returns 0, or -1 with err. */
int ki_rates_load(struct ki_rates *r, const char *path, struct ki_err *err);

/* Find the columns the rates multiply in h. */
void ki_rates_bind(struct ki_rates *r, const struct ki_hdr *h);

/*
 * The cost of the school in rec into out (48 bytes), "" when it has none:
 * days (its text, or NULL) at the adviser's day rate, plus the columns at
 * theirs, added exactly (in hundredths of a penny) and rounded to the
 * penny once, half away from zero. An AST's ast_terms are paid once, on
 * the first row that names it: paid (a table the caller makes empty and
 * frees with free) remembers them. Returns 0, or -1 with err at file and
 * the record's line.
 */
int ki_rates_cost(const struct ki_rates *r, const char *file,
    const struct ki_rec *rec, const char *days, struct ki_tab *paid,
    char *out, struct ki_err *err);

#endif

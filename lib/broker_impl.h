/* The insides of ki-broker, shared by lib/broker*.c only. */
#ifndef KI_BROKER_IMPL_H
#define KI_BROKER_IMPL_H

#include <jansson.h>

#include "ki/broker.h"
#include "ki/buf.h"

/* One input row, kept until every school is known. */
struct row {
	char **v;
	unsigned char *num;	/* a JSON number in NDJSON input */
	size_t n;
	long line;
};

/* One run of ki-broker. */
struct run {
	const struct ki_broker_opts *o;
	struct ki_broker_policy *p;
	struct ki_reader *rd;
	const struct ki_hdr *h;
	struct row *r;
	size_t nr;
	struct ki_tab *byurn;	/* urn -> row + 1 */
	struct ki_bk_school *s;	/* the schools to support */
	size_t *srow;		/* their rows */
	size_t ns;
	struct ki_leaders ls;
	struct ki_err *err;
};

/* Row i's value of column name, or NULL. */
const char *ki_bk_cell(const struct run *x, size_t i, const char *name);

/* Evaluate c on row i: 1 yes, 0 no or unknown, -1 with x->err at the row. */
int ki_bk_eval(struct run *x, size_t i, const struct ki_cond *c,
    struct ki_buf *why);

/* Hold back, and note, each leader whose own school has declined. */
int ki_bk_review(struct run *x);

/* Write the n deployments d to fp. Returns 0, or -1 with x->err set. */
int ki_bk_write(struct run *x, FILE *fp, const struct ki_bk_deploy *d,
    size_t n);

/* Policy parsing helpers: each returns 0, or -1 with err set. */
int ki_bk_dupstr(json_t *v, char **out, struct ki_err *err);
int ki_bk_pounds(json_t *v, int64_t *pence);
struct ki_cond *ki_bk_cond(struct ki_broker_policy *p, json_t *o,
    const char *path, struct ki_err *err);
int ki_bk_parse_rates(struct ki_broker_policy *p, json_t *o, int policy,
    const char *file, struct ki_err *err);
int ki_bk_parse_review(struct ki_broker_policy *p, json_t *a,
    struct ki_err *err);

#endif

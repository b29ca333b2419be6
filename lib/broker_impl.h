/* The insides of ki-broker, shared by lib/broker*.c only. */
#ifndef KI_BROKER_IMPL_H
#define KI_BROKER_IMPL_H

#include <jansson.h>

#include "ki/broker.h"
#include "ki/buf.h"
#include "ki/keys.h"
#include "ki/rowspool.h"
#include "ki/spool.h"

/* A row in memory: a leader's own school, or the row being judged. */
struct row {
	char **v;		/* by the header's index, h->n of them */
	unsigned char *num;	/* a JSON number in NDJSON input */
	size_t n;
	long line;
};

/*
 * One run of ki-broker. Every input row waits in a spool file; in memory
 * each school has its URN once (urns), and each school to support a
 * packed record (s) and where its kept columns are in a second spool.
 */
struct run {
	const struct ki_broker_opts *o;
	struct ki_broker_policy *p;
	struct ki_reader *rd;
	const struct ki_hdr *h;
	struct ki_rowspool *sp;	/* every input row */
	size_t nr;
	struct ki_bk_urns *urns;
	struct ki_tab *districts;	/* every row's district; NULL: none */
	struct ki_keys *words;	/* districts and phases of s, interned */
	struct ki_bk_block *urnstr;	/* the URNs of s */
	struct ki_bk_school *s;	/* the schools to support */
	unsigned long long *sat;	/* where each one's kept columns are */
	size_t ns, scap;
	struct ki_spool *keep;	/* their columns the output copies */
	struct row *r;		/* the leaders' own schools' rows */
	long *rsch;		/* the school to support each is, or -1 */
	size_t nlr;
	struct ki_tab *lurn;	/* a leader's urn -> 1, or 2 + its row in r */
	struct ki_leaders ls;
	struct ki_err *err;
};

/* The URNs read, each once (lib/broker_urns.c). */
struct ki_bk_urns *ki_bk_urns_new(void);
void ki_bk_urns_free(struct ki_bk_urns *u);

/* Add urn: 1 when it is new, 0 when it was there, -1 out of memory. */
int ki_bk_urns_add(struct ki_bk_urns *u, const char *urn);

/* Free the blocks of the URNs of the schools to support. */
void ki_bk_urnstr_free(struct ki_bk_block *b);

/* The columns of a school copied to each of its rows, in this order. */
extern const char *const ki_bk_keep[];
#define KI_BK_NKEEP 9

/*
 * Read every row into x->sp, each URN once (lib/broker_read.c). Returns 0,
 * or -1 with x->err set.
 */
int ki_bk_read(struct run *x);

/*
 * Judge every spooled row: the schools to support into x->s, their kept
 * columns into x->keep, and the rows of the leaders' own schools (URNs in
 * x->lurn) into x->r. Returns 0, or -1 with x->err set.
 */
int ki_bk_schools(struct run *x);

/* Evaluate c on row w: 1 yes, 0 no or unknown, -1 with x->err at the row. */
int ki_bk_eval(struct run *x, const struct row *w, const struct ki_cond *c,
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

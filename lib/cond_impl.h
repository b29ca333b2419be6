/* The condition engine's insides, shared by lib/cond_*.c and no one else. */
#ifndef KI_COND_IMPL_H
#define KI_COND_IMPL_H

#include <string.h>

#include <jansson.h>

#include "ki/buf.h"
#include "ki/cond.h"
#include "ki/err.h"
#include "ki/hdr.h"

/*
 * The engine is split by job: cond_parse.c reads JSON into a tree,
 * cond_bind.c finds columns and parameters and walks the tree for the
 * callers' lists, cond_eval.c answers yes, no or unknown, cond_explain.c
 * writes the facts that decided it. Each kind of condition is one entry of
 * cond_kinds[] (cond_table.c) with its own functions; each comparison "op"
 * is one entry of cond_cmps[]. A new kind is one entry, its functions in a
 * file of its own (as cond_col.c, cond_count.c, cond_trend.c), its fields
 * below, and its words in man/ki-policy.5.
 */

struct cond_seen;

/* How many conditions a kind holds. */
enum cond_arity {
	COND_LEAF,		/* none: it reads a column */
	COND_ONE,		/* one, {"not": C} */
	COND_LIST		/* a non-empty array, {"all": [C, ...]} */
};

/* What the "value" of a comparison is. */
enum cond_value {
	COND_V_NONE,		/* no value: blank, not blank */
	COND_V_NUMBER,		/* a number (or a parameter) */
	COND_V_ANY,		/* a number or a text */
	COND_V_SET		/* an array of texts and numbers: in */
};

/* One comparison, the "op" of {"col": ..., "op": ..., "value": ...}. */
struct cond_cmp {
	const char *name;	/* as written: "<=" */
	const char *neg;	/* the name of its opposite, for "not" facts */
	enum cond_value value;
	/*
	 * Whether a op b holds, for numbers; with COND_V_ANY a text compares
	 * as holds(texts differ, 0), and with COND_V_NONE as holds(blank,
	 * 1). NULL for in.
	 */
	int (*holds)(double a, double b);
};

/* One kind of condition: a row of cond_kinds[]. */
struct cond_kind {
	const char *key;	/* the key that names it: "all", "col" */
	enum cond_arity arity;
	const char *const *keys;	/* COND_LEAF: every key it takes */
	int history;		/* reads the school's other years */
	/* Parse: j's kind-specific keys into c (c->col and label are not
	 * set). 0, or -1 with err at file and path. NULL for the lists. */
	int (*parse)(struct ki_cond *c, json_t *j, const char *file,
	    const char *path, struct ki_err *err);
	/* Bind: whether c reads its column as a number, as yes or no. */
	int (*number)(const struct ki_cond *c);
	int (*yes_no)(const struct ki_cond *c);
	/*
	 * Evaluate: the answer, or -1 with err; what explain needs goes in
	 * seen. Only the lists write to why (their parts' facts).
	 */
	int (*eval)(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
	    struct ki_buf *why, struct cond_seen *seen, struct ki_err *err);
	/* Explain: the facts that decided answer, appended to why from
	 * start on (the lists join their parts' facts there). */
	void (*explain)(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
	    const struct cond_seen *seen, int answer, struct ki_buf *why,
	    size_t start);
};

struct ki_cond {
	const struct cond_kind *kind;
	char *label;
	struct ki_cond **kids;	/* COND_ONE, COND_LIST */
	size_t nkids;
	char *col;		/* COND_LEAF */
	long idx;
	char **alt;		/* col: further columns, read when col is blank */
	long *altidx;
	size_t nalt;
	const struct cond_cmp *op;	/* col, count */
	int isnum;		/* the value is a number */
	double num;
	char *text;		/* the value as written */
	char **set;		/* in */
	size_t nset;
	double *setnum;		/* in: each of set as a number, */
	unsigned char *setisnum;	/* when it is one */
	char *param;		/* the value is the user's parameter */
	char *about;
	int have;		/* the parameter was supplied */
	char *equals;		/* count */
	int from, to;
	int years;		/* trend */
	int rising;
	int insufficient;	/* trend: answer with too few years */
	int yn;			/* col is read as yes or no */
	/* col: " OP VALUE" for an answer of no and of yes, made at bind
	 * (NULL until then), and the lengths of those and of col. */
	char *said[2];
	size_t saidlen[2], collen;
};

#define COND_FEW 16		/* list parts kept without a malloc */
#define COND_MAX_YEARS 20	/* the longest trend */

/* Where one part's facts are in why, and its answer. */
struct cond_part {
	size_t off, len;
	int answer;
};

/* What evaluation found, for the explanation. */
struct cond_seen {
	const char *v;		/* col: the value read, NULL when not known */
	const char *col;	/* col: the column it was read from */
	char yn[8];		/* col: v as yes or no */
	int unsupplied;		/* col: the parameter was not given */
	int k, u;		/* count: years equal, years unknown */
	const char *vals[COND_MAX_YEARS];	/* trend: each year's value */
	int nknown, broken;	/* trend */
	struct cond_part few[COND_FEW];	/* lists: the parts */
	struct cond_part *p;
};

/* cond_table.c */
extern const struct cond_kind cond_kinds[];
extern const size_t cond_nkinds;
extern const struct cond_cmp cond_cmps[];
extern const size_t cond_ncmps;
const struct cond_cmp *cond_cmp_find(const char *name);
/* "== != < <= > >= in blank, not blank": the names of the ops that
 * filter(op) accepts (NULL: all), in buf. */
const char *cond_cmp_names(int (*filter)(const struct cond_cmp *), char *buf,
    size_t n);
int cond_cmp_numeric(const struct cond_cmp *op);

/* cond_parse.c */
struct ki_cond *cond_fail(struct ki_cond *c, struct ki_err *err,
    const char *file, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
int cond_failed(struct ki_err *err, const char *file, const char *path,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
int cond_number_text(json_t *v, char **text, double *num);
int cond_int_of(json_t *o, const char *key, int *out);

/* cond_bind.c */
int cond_yes_no(const char *col, const char *text);

/*
 * A value a condition can use, or NULL: blank, and ki's own "unknown" (as
 * ki-floor writes when it cannot judge) both mean not known.
 */
static inline const char *
cond_known(const char *v)
{
	if (v == NULL || *v == '\0' || (*v == 'u' && strcmp(v, "unknown") ==
	    0))
		return NULL;
	return v;
}

/* cond_eval.c */
const char *cond_as_yes_no(const char *v, const char *col, char *buf,
    size_t n, struct ki_err *err);
const char *cond_value_in(const struct ki_cond *c,
    const struct ki_cond_ctx *ctx, int year);
int cond_eval_all(const struct ki_cond *, const struct ki_cond_ctx *,
    struct ki_buf *, struct cond_seen *, struct ki_err *);
int cond_eval_any(const struct ki_cond *, const struct ki_cond_ctx *,
    struct ki_buf *, struct cond_seen *, struct ki_err *);
int cond_eval_not(const struct ki_cond *, const struct ki_cond_ctx *,
    struct ki_buf *, struct cond_seen *, struct ki_err *);

/* cond_explain.c */
void cond_explain_list(const struct ki_cond *, const struct ki_cond_ctx *,
    const struct cond_seen *, int, struct ki_buf *, size_t);
void cond_explain_label(const struct ki_cond *c, int answer,
    struct ki_buf *why, size_t start);

/* The leaf kinds: cond_col.c, cond_count.c, cond_trend.c. */
int cond_col_parse(struct ki_cond *, json_t *, const char *, const char *,
    struct ki_err *);
int cond_col_number(const struct ki_cond *);
int cond_col_yes_no(const struct ki_cond *);
int cond_col_eval(const struct ki_cond *, const struct ki_cond_ctx *,
    struct ki_buf *, struct cond_seen *, struct ki_err *);
void cond_col_explain(const struct ki_cond *, const struct ki_cond_ctx *,
    const struct cond_seen *, int, struct ki_buf *, size_t);
int cond_col_value(struct ki_cond *c, json_t *j, const char *file,
    const char *path, struct ki_err *err);
int cond_col_said(struct ki_cond *c);

int cond_count_parse(struct ki_cond *, json_t *, const char *, const char *,
    struct ki_err *);
int cond_count_yes_no(const struct ki_cond *);
int cond_count_eval(const struct ki_cond *, const struct ki_cond_ctx *,
    struct ki_buf *, struct cond_seen *, struct ki_err *);
void cond_count_explain(const struct ki_cond *, const struct ki_cond_ctx *,
    const struct cond_seen *, int, struct ki_buf *, size_t);

int cond_trend_parse(struct ki_cond *, json_t *, const char *, const char *,
    struct ki_err *);
int cond_trend_number(const struct ki_cond *);
int cond_trend_eval(const struct ki_cond *, const struct ki_cond_ctx *,
    struct ki_buf *, struct cond_seen *, struct ki_err *);
void cond_trend_explain(const struct ki_cond *, const struct ki_cond_ctx *,
    const struct cond_seen *, int, struct ki_buf *, size_t);

#endif

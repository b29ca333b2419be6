/* Brokering system leaders (NLE, LLE, SLE, AST, ...) to schools. */
#ifndef KI_BROKER_H
#define KI_BROKER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ki/cond.h"
#include "ki/err.h"
#include "ki/hdr.h"
#include "ki/rec.h"
#include "ki/tab.h"

/* How a role's days are paid for (manual 2.1, 2.1.2, 2.1.7). */
enum ki_bk_pay {
	KI_BK_HEAD,		/* headteacher support: days at nle_day */
	KI_BK_SUPPLY,		/* staff released: days at the LA's supply_day */
	KI_BK_CPD,		/* CPD: days at cpd_day */
	KI_BK_AST		/* ast_term a term per AST, to the AST's school */
};

/* The rates, in pence; the policy gives them and --rates overrides. */
enum { KI_BK_NLE_DAY, KI_BK_CPD_DAY, KI_BK_AST_TERM, KI_BK_SUPPLY_DAY,
	KI_BK_PP_FEE, KI_BK_NRATES };

struct ki_bk_role {
	char *name;		/* "NLE" */
	enum ki_bk_pay pay;
};

/* Who gets support, and how many days of it. */
struct ki_bk_support {
	char *name;
	struct ki_cond *when;
	int64_t days;		/* hundredths */
};

/* One way a need shows: a condition and/or words in a column. */
struct ki_bk_sign {
	struct ki_cond *when;	/* NULL: no condition */
	char *col;		/* NULL: no words */
	char **contains;	/* NULL-terminated */
	long idx;		/* col in the input's header, or -1 */
};

struct ki_bk_need {
	char *name;
	struct ki_bk_sign *signs;
	size_t nsigns;
	int otherwise;		/* the need of a school that shows none */
	unsigned roles;		/* bit i: roles[i] may meet it */
	char *strength;		/* NULL: any strength */
};

/* Why a leader's own school holds the leader back for review. */
struct ki_bk_review {
	char *label;
	struct ki_cond *when;	/* NULL: the fall or supported test */
	char *fall[2];		/* grade and previous grade columns */
	long fidx[2];
	int supported;		/* the school is itself one to support */
};

struct ki_broker_policy {
	char *file;
	struct ki_bk_role *roles;
	size_t nroles;
	struct ki_bk_support *support;
	size_t nsupport;
	struct ki_bk_need *needs;
	size_t nneeds;
	struct ki_bk_review *review;
	size_t nreview;
	struct ki_cond *mentor_when;	/* a new headteacher */
	unsigned mentor_roles;
	char *mentor_strength;
	int mentor_max;		/* new heads a professional partner takes */
	int ast_terms;		/* termly payments a year */
	int64_t rate[KI_BK_NRATES];
	int have_rate[KI_BK_NRATES];
};

/*
 * Load the policy kind "broker" name (a shipped name or a path; see
 * ki_share_find). Every key is checked; a misspelt one is an error.
 * Returns NULL with err set.
 */
struct ki_broker_policy *ki_broker_policy_load(const char *name,
    struct ki_err *err);

/* Free p. NULL is allowed. */
void ki_broker_policy_free(struct ki_broker_policy *p);

/*
 * Override the policy's rates with the JSON object of pounds in path
 * (nle_day, cpd_day, ast_term, supply_day, pp_fee; adviser_day, for
 * ki-allocate, is allowed and unused). Returns 0, or -1 with err set.
 */
int ki_broker_rates(struct ki_broker_policy *p, const char *path,
    struct ki_err *err);

/* Bind the policy's conditions and columns to h. Returns 0 or -1. */
int ki_broker_policy_bind(struct ki_broker_policy *p, const struct ki_hdr *h,
    const char *file, struct ki_err *err);

/* The index of role name in p, or -1. */
int ki_broker_role(const struct ki_broker_policy *p, const char *name);

struct ki_leader {
	char *id, *name, *urn, *district;
	char **phases;		/* NULL-terminated; empty means any */
	char **strengths;	/* NULL-terminated, as written */
	int role;		/* index into the policy's roles */
	int64_t days;		/* hundredths */
	int64_t used;
	int mentees;
	int held;		/* held back for review */
	long line;
};

struct ki_leaders {
	struct ki_leader *l;	/* sorted by id */
	size_t n;
};

/*
 * Read the register of leaders at path (CSV or NDJSON): id, name, role,
 * urn, district, phases, strengths, days; lists split on ';'. Rejects a
 * missing column, a blank id or urn, a duplicate id, a role p does not
 * know, days that are not a number 0 or more, and, when districts is not
 * NULL, a district no school has. Returns 0, or -1 with err at the line.
 */
int ki_leaders_load(struct ki_leaders *ls, const char *path,
    const struct ki_broker_policy *p, const struct ki_tab *districts,
    struct ki_err *err);

/* Free what ki_leaders_load allocated. */
void ki_leaders_free(struct ki_leaders *ls);

/* A school to support, as ki_broker_match sees it. */
struct ki_bk_school {
	const char *urn, *district, *phase;
	int support;		/* index into the policy's support */
	unsigned needs;		/* bit i: the policy's needs[i] */
	int first;		/* the need that chooses the role */
	int new_head;
};

/* One deployment. */
struct ki_bk_deploy {
	size_t school, leader;
	int mentor;		/* professional partner for a new head */
	int away;		/* from another district */
	int64_t days;		/* hundredths */
	int64_t cost;		/* pence */
	int ast_sum;		/* this row carries the AST's yearly sum */
};

/*
 * Deploy leaders to schools s[0..n-1]: the school's first need chooses the
 * roles and strength; the same phase; never the leader's own school, a
 * held leader, or more than a leader's days; leaders of the school's
 * district first, then of others, schools in order of support then need
 * then urn; among leaders, more of the school's other needs in strength,
 * then more days left, then id. New heads get a professional partner.
 * The answer does not depend on the order of s. Writes "ki-broker: ..."
 * lines for schools not placed to note, and returns how many, or -1 on
 * allocation failure. *out (free it) holds *nout deployments in urn order.
 */
long ki_broker_match(const struct ki_broker_policy *p, struct ki_leaders *ls,
    const struct ki_bk_school *s, size_t n, struct ki_bk_deploy **out,
    size_t *nout, FILE *note);

/*
 * Cost the deployments d[0..n-1] at p's rates: days at the role's rate;
 * one yearly sum per AST, on its first row; the fee per new head
 * mentored. Returns 0, or -1 with err naming a rate p lacks.
 */
int ki_broker_cost(const struct ki_broker_policy *p,
    const struct ki_leaders *ls, struct ki_bk_deploy *d, size_t n,
    struct ki_err *err);

struct ki_broker_opts {
	const char *input;	/* NULL or "-": stdin */
	enum ki_fmt fmt;
	const char *leaders;
	const char *policy;	/* shipped name or path */
	const char *rates;	/* NULL: the policy's */
	int strict;		/* a school not placed is an error */
	FILE *note;		/* where schools not placed and leaders held go */
};

/*
 * The whole of ki-broker: read the schools and the register, deploy, cost
 * and write one row per deployment to out in the input's format. Returns
 * 0, or -1 with err set (nothing written then).
 */
int ki_broker_run(const struct ki_broker_opts *o, FILE *out,
    struct ki_err *err);

#endif

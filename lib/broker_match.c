/* Matching leaders to schools: need, strength, phase, district, days. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ki/broker.h"
#include "ki/fixed.h"

/* A 6-digit urn before a 7-digit one: by length, then bytes. */
static int
urncmp(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	return la != lb ? (la < lb ? -1 : 1) : strcmp(a, b);
}

static int
has_word(char *const *v, const char *w)
{
	size_t i;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		if (strcasecmp(v[i], w) == 0)
			return 1;
	return 0;
}

static int
popcount(unsigned x)
{
	int n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}

/*
 * The priority order: the policy's support order, more needs, urn, then
 * the input's order. The schools are sorted as pointers into one array.
 */
static int
by_place(const struct ki_bk_school *x, const struct ki_bk_school *y)
{
	return (x > y) - (x < y);
}

static int
by_priority(const void *a, const void *b)
{
	const struct ki_bk_school *x = *(const struct ki_bk_school *const *)a;
	const struct ki_bk_school *y = *(const struct ki_bk_school *const *)b;
	int c;

	if (x->support != y->support)
		return x->support < y->support ? -1 : 1;
	if (popcount(x->needs) != popcount(y->needs))
		return popcount(x->needs) > popcount(y->needs) ? -1 : 1;
	return (c = urncmp(x->urn, y->urn)) != 0 ? c : by_place(x, y);
}

static int
by_urn(const void *a, const void *b)
{
	const struct ki_bk_school *x = *(const struct ki_bk_school *const *)a;
	const struct ki_bk_school *y = *(const struct ki_bk_school *const *)b;
	int c = urncmp(x->urn, y->urn);

	return c != 0 ? c : by_place(x, y);
}

static int
same(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* Whether leader l may serve school s (not counting days), or its own. */
static int
fits(const struct ki_leader *l, const struct ki_bk_school *s, unsigned roles,
    const char *strength, int own)
{
	return !l->held && (roles & (1u << l->role)) &&
	    (strength == NULL || has_word(l->strengths, strength)) &&
	    (l->phases[0] == NULL || (s->phase != NULL &&
	    has_word(l->phases, s->phase))) &&
	    (own || strcmp(l->urn, s->urn) != 0);
}

/* How many of s's other needs are among l's strengths. */
static int
extra(const struct ki_broker_policy *p, const struct ki_leader *l,
    const struct ki_bk_school *s)
{
	size_t i;
	int n = 0;

	for (i = 0; i < p->nneeds; i++)
		if ((s->needs & (1u << i)) && (int)i != s->first &&
		    p->needs[i].strength != NULL &&
		    has_word(l->strengths, p->needs[i].strength))
			n++;
	return n;
}

/* The best leader for s in this pass, or -1. */
static long
choose(const struct ki_broker_policy *p, const struct ki_leaders *ls,
    const struct ki_bk_school *s, int64_t days, int pass, int mentor)
{
	const struct ki_bk_need *nd = &p->needs[s->first];
	unsigned roles = mentor ? p->mentor_roles : nd->roles;
	const char *strength = mentor ? p->mentor_strength : nd->strength;
	long best = -1;
	int bx = 0;
	size_t j;

	for (j = 0; j < ls->n; j++) {
		const struct ki_leader *l = &ls->l[j], *b;
		int x;

		if (!fits(l, s, roles, strength, 0) ||
		    same(l->district, s->district) != (pass == 0))
			continue;
		if (mentor ? l->mentees >= p->mentor_max :
		    l->days - l->used < days)
			continue;
		x = mentor ? 0 : extra(p, l, s);
		if (best >= 0) {
			b = &ls->l[best];
			if (x < bx)
				continue;
			if (x == bx && (mentor ? l->mentees >= b->mentees :
			    l->days - l->used <= b->days - b->used))
				continue;
		}
		best = (long)j;
		bx = x;
	}
	return best;
}

static void
roles_text(const struct ki_broker_policy *p, unsigned roles, char *buf,
    size_t n)
{
	size_t i, len = 0;
	int k = 0, all = popcount(roles);

	buf[0] = '\0';
	if (all == (int)p->nroles) {
		snprintf(buf, n, "leader");
		return;
	}
	for (i = 0; i < p->nroles && len < n; i++)
		if (roles & (1u << i)) {
			k++;
			len += (size_t)snprintf(buf + len, n - len, "%s%s",
			    k == 1 ? "" : k == all ? " or " : ", ",
			    p->roles[i].name);
		}
}

static void
unplaced(FILE *note, const struct ki_broker_policy *p,
    const struct ki_leaders *ls, const struct ki_bk_school *s, int64_t days,
    int mentor)
{
	const struct ki_bk_need *nd = &p->needs[s->first];
	const char *strength = mentor ? p->mentor_strength : nd->strength;
	unsigned rs = mentor ? p->mentor_roles : nd->roles;
	char roles[256], d[32], who[512];
	size_t j, any = 0, other = 0;

	for (j = 0; j < ls->n; j++) {
		any += fits(&ls->l[j], s, rs, strength, 1);
		other += fits(&ls->l[j], s, rs, strength, 0);
	}
	roles_text(p, rs, roles, sizeof(roles));
	ki_fixed_format(days, 2, 1, d, sizeof(d));
	snprintf(who, sizeof(who), "%s%s%s%s%s", roles, strength ?
	    " with strength " : "", strength ? strength : "", s->phase ?
	    " of phase " : "", s->phase ? s->phase : "");
	if (mentor)
		fprintf(note, "ki-broker: school %s: no professional partner for "
		    "its new headteacher: ", s->urn);
	else
		fprintf(note, "ki-broker: school %s: not placed: need %s: ",
		    s->urn, nd->name);
	if (any == 0)
		fprintf(note, "no %s (not held back)\n", who);
	else if (other == 0)
		fprintf(note, "the only %s is of the school itself\n", who);
	else if (mentor)
		fprintf(note, "no %s has room for another\n", who);
	else
		fprintf(note, "no %s has %s days free\n", who, d);
}

/*
 * The deployments of the n schools s (ord: in any order) into *out, in
 * urn order, each school not placed written to note: how many, or -1 on
 * allocation failure.
 */
static long
deployments(const struct ki_broker_policy *p, const struct ki_leaders *ls,
    const struct ki_bk_school *s, const struct ki_bk_school **ord, size_t n,
    const long *main_l, const long *mentor_l, struct ki_bk_deploy **out,
    size_t *nout, FILE *note)
{
	size_t i, k = 0;
	long missed = 0;
	int m;

	/* Room for the deployments made, not for two a school. */
	for (i = 0; i < n; i++)
		k += (main_l[i] >= 0) + (mentor_l[i] >= 0);
	if ((*out = calloc(k + 1, sizeof(**out))) == NULL)
		return -1;
	k = 0;
	qsort(ord, n, sizeof(*ord), by_urn);
	for (i = 0; i < n; i++) {
		const struct ki_bk_school *x = ord[i];
		int64_t days = p->support[x->support].days;

		for (m = 0; m < 2; m++) {
			long j = (m ? mentor_l : main_l)[ord[i] - s];
			struct ki_bk_deploy *d = &(*out)[k];

			if (m && !x->new_head)
				continue;
			if (j < 0) {
				unplaced(note, p, ls, x, days, m);
				missed++;
				continue;
			}
			d->school = (size_t)(ord[i] - s);
			d->leader = (size_t)j;
			d->mentor = m;
			d->days = m ? 0 : days;
			d->away = !same(ls->l[j].district, x->district);
			k++;
		}
	}
	*nout = k;
	return missed;
}

long
ki_broker_match(const struct ki_broker_policy *p, struct ki_leaders *ls,
    const struct ki_bk_school *s, size_t n, struct ki_bk_deploy **out,
    size_t *nout, FILE *note)
{
	const struct ki_bk_school **ord;
	size_t i;
	long *main_l, *mentor_l, missed;
	int pass, m;

	*out = NULL;
	*nout = 0;
	ord = calloc(n + 1, sizeof(*ord));
	main_l = calloc(n + 1, sizeof(*main_l));
	mentor_l = calloc(n + 1, sizeof(*mentor_l));
	if (ord == NULL || main_l == NULL || mentor_l == NULL) {
		free(ord);
		free(main_l);
		free(mentor_l);
		return -1;
	}
	for (i = 0; i < n; i++) {
		ord[i] = &s[i];
		main_l[i] = mentor_l[i] = -1;
	}
	qsort(ord, n, sizeof(*ord), by_priority);
	/* Leaders of the school's district first, then "across Districts". */
	for (m = 0; m < 2; m++)
		for (pass = 0; pass < 2; pass++)
			for (i = 0; i < n; i++) {
				const struct ki_bk_school *x = ord[i];
				int64_t days = p->support[x->support].days;
				long j;

				if ((m ? mentor_l : main_l)[ord[i] - s] >= 0 ||
				    (m && !x->new_head))
					continue;
				if ((j = choose(p, ls, x, days, pass, m)) < 0)
					continue;
				if (m) {
					mentor_l[ord[i] - s] = j;
					ls->l[j].mentees++;
				} else {
					main_l[ord[i] - s] = j;
					ls->l[j].used += days;
				}
			}
	missed = deployments(p, ls, s, ord, n, main_l, mentor_l, out, nout,
	    note);
	free(ord);
	free(main_l);
	free(mentor_l);
	return missed;
}

int
ki_broker_cost(const struct ki_broker_policy *p, const struct ki_leaders *ls,
    struct ki_bk_deploy *d, size_t n, struct ki_err *err)
{
	static const int payrate[] = { KI_BK_NLE_DAY, KI_BK_SUPPLY_DAY,
	    KI_BK_CPD_DAY, KI_BK_AST_TERM };
	static const char *const name[] = { "nle_day", "supply_day", "cpd_day",
	    "ast_term" };
	unsigned char *paid;
	size_t i;

	if ((paid = calloc(ls->n + 1, 1)) == NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < n; i++) {
		const struct ki_leader *l = &ls->l[d[i].leader];
		enum ki_bk_pay pay = p->roles[l->role].pay;
		int r = d[i].mentor ? KI_BK_PP_FEE : payrate[pay];

		if (!p->have_rate[r]) {
			free(paid);
			return ki_err_set(err, NULL, 0, d[i].mentor ? "pp_fee" :
			    name[pay], "leader %s (%s) is paid at this rate, and "
			    "neither the policy nor --rates gives it", l->id,
			    p->roles[l->role].name);
		}
		if (d[i].mentor)
			d[i].cost = p->rate[r];
		else if (pay == KI_BK_AST) {
			if (p->rate[r] > INT64_MAX / 12) {
				free(paid);
				return ki_err_set(err, NULL, 0, NULL, "cost too "
				    "large");
			}
			/* Per AST, to its school, not per school supported. */
			d[i].cost = paid[d[i].leader] ? 0 :
			    p->rate[r] * p->ast_terms;
			d[i].ast_sum = !paid[d[i].leader];
			paid[d[i].leader] = 1;
		} else if (ki_fixed_mul(d[i].days, p->rate[r], 2, &d[i].cost) ==
		    -1) {
			free(paid);
			return ki_err_set(err, NULL, 0, NULL, "cost too large");
		}
	}
	free(paid);
	return 0;
}

/* ki-broker's run: read schools and leaders, deploy, cost, write a row each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ki/broker.h"
#include "ki/buf.h"
#include "ki/fixed.h"
#include "ki/num.h"
#include "ki/wr.h"

/* The school's columns copied to each row, when the input has them. */
static const char *const keep[] = { "urn", "year", "name", "la",
	"district", "phase", "category", "category_scheme", "adviser" };
#define NKEEP (sizeof(keep) / sizeof(keep[0]))
enum { O_SUPPORT, O_NEEDS, O_LEADER, O_LNAME, O_ROLE, O_LURN, O_SERVICE,
	O_DAYS, O_COST, O_MATCH, NOUT };
static const char *const added[NOUT] = { "support", "needs", "leader",
	"leader_name", "role", "leader_urn", "service", "days", "cost",
	"match" };
static const char *const service[] = { "headteacher support",
	"supply cover", "CPD", "AST outreach" };

struct row {
	char **v;
	unsigned char *num;	/* a JSON number in NDJSON input */
	size_t n;
	long line;
};

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

static const char *
cell(const struct run *x, size_t i, const char *name)
{
	long k = ki_hdr_index(x->h, name);

	return k >= 0 && (size_t)k < x->r[i].n ? x->r[i].v[k] : NULL;
}

static int
read_rows(struct run *x)
{
	struct ki_rec *rec;
	size_t cap = 0, i;
	int rc;

	while ((rc = ki_reader_next(x->rd, &rec, x->err)) == 1) {
		struct row *w;
		const char *urn;

		if (x->nr == cap) {
			size_t c2 = cap ? cap * 2 : 256;
			struct row *nr = realloc(x->r, c2 * sizeof(*nr));

			if (nr == NULL)
				return ki_err_set(x->err, NULL, 0, NULL, "out of "
				    "memory");
			x->r = nr;
			cap = c2;
		}
		w = &x->r[x->nr++];
		w->n = rec->n;
		w->line = rec->line;
		if ((w->v = calloc(rec->n + 1, sizeof(char *))) == NULL ||
		    (w->num = calloc(rec->n + 1, 1)) == NULL)
			return ki_err_set(x->err, NULL, 0, NULL, "out of memory");
		memcpy(w->num, rec->num, rec->n);
		for (i = 0; i < rec->n; i++)
			if (rec->v[i] != NULL &&
			    (w->v[i] = strdup(rec->v[i])) == NULL)
				return ki_err_set(x->err, NULL, 0, NULL, "out of "
				    "memory");
		x->h = ki_reader_hdr(x->rd);
		if ((urn = cell(x, x->nr - 1, "urn")) == NULL)
			return ki_err_set(x->err, ki_reader_name(x->rd), w->line,
			    "urn", "blank");
		if (ki_tab_get(x->byurn, urn) != NULL)
			return ki_err_set(x->err, ki_reader_name(x->rd), w->line,
			    "urn", "%s appears twice: one row a school (one "
			    "year at a time)", urn);
		if (ki_tab_put(x->byurn, urn, (void *)(x->nr)) == -1)
			return ki_err_set(x->err, NULL, 0, NULL, "out of memory");
	}
	x->h = ki_reader_hdr(x->rd);
	/* NDJSON's keys grow: give every row the whole header's cells. */
	for (i = 0; rc == 0 && i < x->nr; i++) {
		struct row *w = &x->r[i];
		char **nv;
		unsigned char *nn;

		if (w->n >= x->h->n)
			continue;
		if ((nv = realloc(w->v, (x->h->n + 1) * sizeof(*nv))) != NULL)
			w->v = nv;
		if ((nn = realloc(w->num, x->h->n + 1)) != NULL)
			w->num = nn;
		if (nv == NULL || nn == NULL)
			return ki_err_set(x->err, NULL, 0, NULL, "out of memory");
		memset(w->v + w->n, 0, (x->h->n - w->n) * sizeof(*nv));
		memset(w->num + w->n, 0, x->h->n - w->n);
		w->n = x->h->n;
	}
	if (rc == 0 && x->nr > 0 && ki_hdr_index(x->h, "urn") < 0)
		return ki_err_set(x->err, ki_reader_name(x->rd), 1, "urn", "no "
		    "such column in the input");
	/* Not an error: a school with no category is supported by none. */
	if (rc == 0 && x->nr > 0 && ki_hdr_index(x->h, "category") < 0)
		fprintf(x->o->note, "ki-broker: %s: no category column, so no "
		    "school to support: ki-broker reads ki-categorise or "
		    "ki-allocate output\n", ki_reader_name(x->rd));
	return rc;
}

/* Evaluate c on row i: 1 yes, 0 no or unknown, -1 error at the row. */
static int
eval(struct run *x, size_t i, const struct ki_cond *c, struct ki_buf *why)
{
	struct ki_cond_ctx cx = { (const char *const *)x->r[i].v, 0, NULL,
	    NULL, NULL };
	int a;

	if ((a = ki_cond_eval(c, &cx, why, x->err)) == -1) {
		struct ki_err e = *x->err;

		return ki_err_set(x->err, ki_reader_name(x->rd), x->r[i].line,
		    e.field, "%s", e.msg);
	}
	return a == KI_YES;
}

static int
contains(const char *text, char *const *words)
{
	size_t i, n, k;

	for (i = 0; text != NULL && words[i] != NULL; i++)
		for (n = strlen(words[i]), k = 0; text[k] != '\0'; k++)
			if (strncasecmp(text + k, words[i], n) == 0)
				return 1;
	return 0;
}

/* Which need each sign shows, for a school to support. */
static int
needs(struct run *x, size_t i, struct ki_bk_school *s)
{
	size_t k, g;
	int a;

	s->first = -1;
	for (k = 0; k < x->p->nneeds; k++) {
		const struct ki_bk_need *nd = &x->p->needs[k];

		if (nd->otherwise && s->needs == 0) {
			s->needs |= 1u << k;
			s->first = (int)k;
		}
		for (g = 0; g < nd->nsigns; g++) {
			const struct ki_bk_sign *sg = &nd->signs[g];

			a = sg->when ? eval(x, i, sg->when, NULL) : 1;
			if (a == -1)
				return -1;
			if (a && sg->col != NULL)
				a = sg->idx >= 0 && (size_t)sg->idx < x->r[i].n &&
				    contains(x->r[i].v[sg->idx], sg->contains);
			if (a) {
				s->needs |= 1u << k;
				if (s->first < 0)
					s->first = (int)k;
				break;
			}
		}
	}
	return 0;
}

static int
schools(struct run *x)
{
	size_t i, k;
	int a;

	x->s = calloc(x->nr + 1, sizeof(*x->s));
	x->srow = calloc(x->nr + 1, sizeof(*x->srow));
	if (x->s == NULL || x->srow == NULL)
		return ki_err_set(x->err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < x->nr; i++) {
		struct ki_bk_school *s = &x->s[x->ns];

		for (k = 0; k < x->p->nsupport; k++)
			if ((a = eval(x, i, x->p->support[k].when, NULL)) != 0)
				break;
		if (k == x->p->nsupport)
			continue;
		if (a == -1 || needs(x, i, s) == -1)
			return -1;
		s->support = (int)k;
		s->urn = cell(x, i, "urn");
		s->district = cell(x, i, "district");
		s->phase = cell(x, i, "phase");
		if (x->p->mentor_when != NULL && (s->new_head = eval(x, i,
		    x->p->mentor_when, NULL)) == -1)
			return -1;
		x->srow[x->ns++] = i;
	}
	return 0;
}

/* Hold back each leader whose own school has declined. */
static int
review(struct run *x)
{
	size_t j, k;

	for (j = 0; j < x->ls.n; j++) {
		struct ki_leader *l = &x->ls.l[j];
		size_t i = (size_t)ki_tab_get(x->byurn, l->urn);
		struct ki_buf why = { 0 };
		int a = 0;

		if (i-- == 0)
			continue;
		for (k = 0; k < x->p->nreview && !l->held; k++) {
			const struct ki_bk_review *r = &x->p->review[k];

			ki_buf_reset(&why);
			if (r->when != NULL)
				a = eval(x, i, r->when, &why);
			else if (r->supported) {
				size_t m;

				for (m = 0; m < x->ns && x->srow[m] != i; m++)
					;
				if ((a = m < x->ns))
					ki_buf_printf(&why, "%s",
					    x->p->support[x->s[m].support].name);
			} else {
				const char *g = r->fidx[0] >= 0 ? x->r[i].v[r->fidx[0]] :
				    NULL, *pg = r->fidx[1] >= 0 ?
				    x->r[i].v[r->fidx[1]] : NULL;
				double dg, dp;

				/* Grades run 1 (outstanding) to 4: a fall is up. */
				a = g != NULL && pg != NULL && ki_num_parse(g, &dg) ==
				    0 && ki_num_parse(pg, &dp) == 0 && dg > dp;
				if (a)
					ki_buf_printf(&why, "%s %s, %s %s", r->fall[0],
					    g, r->fall[1], pg);
			}
			if (a == -1) {
				ki_buf_free(&why);
				return -1;
			}
			if (a) {
				l->held = 1;
				fprintf(x->o->note, "ki-broker: leader %s (%s, %s): "
				    "held back for review: own school %s: %s%s%s%s\n",
				    l->id, l->name, x->p->roles[l->role].name, l->urn,
				    r->label, why.len ? " (" : "", ki_buf_str(&why),
				    why.len ? ")" : "");
			}
		}
		ki_buf_free(&why);
	}
	return 0;
}

static void
match_text(struct run *x, const struct ki_bk_deploy *d, struct ki_buf *b)
{
	const struct ki_bk_school *s = &x->s[d->school];
	const struct ki_leader *l = &x->ls.l[d->leader];
	const struct ki_bk_need *nd = &x->p->needs[s->first];
	const char *strength = d->mentor ? x->p->mentor_strength : nd->strength;
	char m[48];
	size_t k;
	int also = 0;

	ki_buf_reset(b);
	if (d->mentor)
		ki_buf_printf(b, "new headteacher: professional partner (at most "
		    "%d new heads a leader)", x->p->mentor_max);
	else
		ki_buf_printf(b, "need %s: %s", nd->name,
		    x->p->roles[l->role].name);
	if (strength != NULL)
		ki_buf_printf(b, " with strength %s", strength);
	for (k = 0; !d->mentor && k < x->p->nneeds; k++)
		if ((s->needs & (1u << k)) && (int)k != s->first) {
			const char *st = x->p->needs[k].strength;
			int has = 0;
			size_t w;

			for (w = 0; st != NULL && l->strengths[w] != NULL; w++)
				has |= strcasecmp(l->strengths[w], st) == 0;
			ki_buf_printf(b, "%s%s%s", also++ ? ", " : "; other needs: ",
			    x->p->needs[k].name, st == NULL ? "" : has ?
			    " (a strength)" : " (not a strength)");
		}
	if (d->away)
		ki_buf_printf(b, "; across districts, from %s", l->district ?
		    l->district : "no district");
	else
		ki_buf_printf(b, "; same district");
	ki_buf_printf(b, "; %s", l->phases[0] ? "same phase" : "any phase");
	if (d->ast_sum) {
		ki_fixed_format(x->p->rate[KI_BK_AST_TERM], 2, 0, m, sizeof(m));
		ki_buf_printf(b, "; the AST's %d termly payments of %s, for all "
		    "its schools", x->p->ast_terms, m);
	} else if (!d->mentor && x->p->roles[l->role].pay == KI_BK_AST)
		ki_buf_printf(b, "; within the AST's termly payments");
	ki_buf_printf(b, "; paid to school %s", l->urn);
}

static int
write_rows(struct run *x, FILE *fp, const struct ki_bk_deploy *d, size_t n)
{
	const char *names[NKEEP + NOUT], *row[NKEEP + NOUT];
	unsigned char num[NKEEP + NOUT];
	long at[NKEEP];
	char days[32], cost[32];
	struct ki_writer *w;
	struct ki_buf b = { 0 }, needs = { 0 };
	size_t i, k, nc = 0, nk;

	for (k = 0; k < NKEEP; k++)
		if ((at[nc] = ki_hdr_index(x->h, keep[k])) >= 0)
			names[nc++] = keep[k];
	nk = nc;
	for (k = 0; k < NOUT; k++)
		names[nc++] = added[k];
	if ((w = ki_writer_new(fp, ki_reader_fmt(x->rd))) == NULL)
		return ki_err_set(x->err, NULL, 0, NULL, "out of memory");
	if (ki_writer_header(w, nc, names) == -1)
		n = 0;	/* reported when the output is closed */
	for (i = 0; i < n; i++) {
		const struct ki_bk_school *s = &x->s[d[i].school];
		const struct row *r = &x->r[x->srow[d[i].school]];
		const struct ki_leader *l = &x->ls.l[d[i].leader];

		memset(num, 0, sizeof(num));
		for (k = 0; k < nk; k++) {
			row[k] = (size_t)at[k] < r->n ? r->v[at[k]] : NULL;
			num[k] = (size_t)at[k] < r->n ? r->num[at[k]] : 0;
		}
		ki_buf_reset(&needs);
		for (k = 0; k < x->p->nneeds; k++)
			if (s->needs & (1u << k))
				ki_buf_printf(&needs, "%s%s", needs.len ? "; " : "",
				    x->p->needs[k].name);
		match_text(x, &d[i], &b);
		ki_fixed_format(d[i].days, 2, 1, days, sizeof(days));
		ki_fixed_format(d[i].cost, 2, 0, cost, sizeof(cost));
		row[nk + O_SUPPORT] = x->p->support[s->support].name;
		row[nk + O_NEEDS] = ki_buf_str(&needs);
		row[nk + O_LEADER] = l->id;
		row[nk + O_LNAME] = l->name;
		row[nk + O_ROLE] = x->p->roles[l->role].name;
		row[nk + O_LURN] = l->urn;
		row[nk + O_SERVICE] = d[i].mentor ? "professional partner" :
		    service[x->p->roles[l->role].pay];
		row[nk + O_DAYS] = days;
		row[nk + O_COST] = cost;
		row[nk + O_MATCH] = ki_buf_str(&b);
		num[nk + O_DAYS] = num[nk + O_COST] = 1;
		if (ki_writer_row(w, nc, row, num) == -1)
			break;
	}
	ki_buf_free(&b);
	ki_buf_free(&needs);
	ki_writer_free(w);
	return 0;
}

static int
deploy(struct run *x, FILE *out)
{
	struct ki_bk_deploy *d = NULL;
	struct ki_tab *districts = NULL;
	long missed;
	size_t i, nd = 0;
	int rc = -1;

	if (x->nr > 0 && ki_hdr_index(x->h, "district") >= 0) {
		if ((districts = ki_tab_new()) == NULL)
			return ki_err_set(x->err, NULL, 0, NULL, "out of memory");
		for (i = 0; i < x->nr; i++)
			if (cell(x, i, "district") != NULL &&
			    ki_tab_put(districts, cell(x, i, "district"), x) == -1) {
				ki_tab_free(districts, NULL);
				return ki_err_set(x->err, NULL, 0, NULL, "out of "
				    "memory");
			}
	}
	if (ki_leaders_load(&x->ls, x->o->leaders, x->p, districts, x->err) ==
	    -1 || review(x) == -1)
		goto done;
	if ((missed = ki_broker_match(x->p, &x->ls, x->s, x->ns, &d, &nd,
	    x->o->note)) == -1) {
		ki_err_set(x->err, NULL, 0, NULL, "out of memory");
		goto done;
	}
	if (missed > 0 && x->o->strict) {
		ki_err_set(x->err, NULL, 0, NULL, "%ld school%s not placed "
		    "(--strict)", missed, missed > 1 ? "s" : "");
		goto done;
	}
	if (ki_broker_cost(x->p, &x->ls, d, nd, x->err) == -1)
		goto done;
	rc = write_rows(x, out, d, nd);
done:
	free(d);
	ki_tab_free(districts, NULL);
	return rc;
}

int
ki_broker_run(const struct ki_broker_opts *o, FILE *out, struct ki_err *err)
{
	struct run x;
	size_t i, k;
	int rc = -1;

	memset(&x, 0, sizeof(x));
	x.o = o;
	x.err = err;
	if ((x.p = ki_broker_policy_load(o->policy, err)) == NULL ||
	    (o->rates != NULL && ki_broker_rates(x.p, o->rates, err) == -1))
		goto done;
	if ((x.byurn = ki_tab_new()) == NULL) {
		ki_err_set(err, NULL, 0, NULL, "out of memory");
		goto done;
	}
	if ((x.rd = ki_reader_open(o->input, o->fmt, 0, err)) == NULL)
		goto done;
	x.h = ki_reader_hdr(x.rd);
	if (read_rows(&x) == -1 ||
	    ki_broker_policy_bind(x.p, x.h, ki_reader_name(x.rd), err) == -1 ||
	    schools(&x) == -1)
		goto done;
	rc = deploy(&x, out);
done:
	for (i = 0; i < x.nr; i++) {
		for (k = 0; k < x.r[i].n; k++)
			free(x.r[i].v[k]);
		free(x.r[i].v);
		free(x.r[i].num);
	}
	free(x.r);
	free(x.s);
	free(x.srow);
	ki_tab_free(x.byurn, NULL);
	ki_leaders_free(&x.ls);
	ki_reader_close(x.rd);
	ki_broker_policy_free(x.p);
	return rc;
}

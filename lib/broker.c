/* ki-broker's run: read schools and leaders, deploy, cost, write a row each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "broker_impl.h"

const char *
ki_bk_cell(const struct run *x, size_t i, const char *name)
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
		if ((urn = ki_bk_cell(x, x->nr - 1, "urn")) == NULL)
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
int
ki_bk_eval(struct run *x, size_t i, const struct ki_cond *c, struct ki_buf *why)
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

			a = sg->when ? ki_bk_eval(x, i, sg->when, NULL) : 1;
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
			if ((a = ki_bk_eval(x, i, x->p->support[k].when, NULL)) != 0)
				break;
		if (k == x->p->nsupport)
			continue;
		if (a == -1 || needs(x, i, s) == -1)
			return -1;
		s->support = (int)k;
		s->urn = ki_bk_cell(x, i, "urn");
		s->district = ki_bk_cell(x, i, "district");
		s->phase = ki_bk_cell(x, i, "phase");
		if (x->p->mentor_when != NULL && (s->new_head = ki_bk_eval(x, i,
		    x->p->mentor_when, NULL)) == -1)
			return -1;
		x->srow[x->ns++] = i;
	}
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
			if (ki_bk_cell(x, i, "district") != NULL &&
			    ki_tab_put(districts, ki_bk_cell(x, i, "district"), x) == -1) {
				ki_tab_free(districts, NULL);
				return ki_err_set(x->err, NULL, 0, NULL, "out of "
				    "memory");
			}
	}
	if (ki_leaders_load(&x->ls, x->o->leaders, x->p, districts, x->err) ==
	    -1 || ki_bk_review(x) == -1)
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
	rc = ki_bk_write(x, out, d, nd);
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

/* ki-broker's run: read schools and leaders, deploy, cost, write a row each. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "broker_impl.h"

/* The register, its leaders' URNs marked to be found among the rows. */
static int
leaders(struct run *x)
{
	size_t j;

	if (ki_leaders_load(&x->ls, x->o->leaders, x->p, x->districts, x->err) ==
	    -1)
		return -1;
	for (j = 0; j < x->ls.n; j++)
		if (ki_tab_put(x->lurn, x->ls.l[j].urn, (void *)(uintptr_t)1) == -1)
			return ki_err_set(x->err, NULL, 0, NULL, "out of memory");
	return 0;
}

/*
 * The schools to support, and the register: the register is read first,
 * so that its leaders' own schools are kept as the rows go by, but an
 * error in the rows is the one reported, as when they came first.
 */
static int
schools(struct run *x)
{
	struct ki_err lerr;
	int lrc;

	if (ki_broker_policy_bind(x->p, x->h, ki_reader_name(x->rd), x->err) ==
	    -1)
		return -1;
	memset(&lerr, 0, sizeof(lerr));
	if ((lrc = leaders(x)) == -1) {
		lerr = *x->err;
		ki_leaders_free(&x->ls);
	}
	if (ki_bk_schools(x) == -1)
		return -1;
	if (lrc == -1) {
		*x->err = lerr;
		return -1;
	}
	return 0;
}

static int
deploy(struct run *x, FILE *out)
{
	struct ki_bk_deploy *d = NULL;
	long missed;
	size_t nd = 0;
	int rc = -1;

	if (ki_bk_review(x) == -1)
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
	return rc;
}

static void
run_free(struct run *x)
{
	size_t i, k;

	for (i = 0; i < x->nlr; i++) {
		for (k = 0; k < x->r[i].n; k++)
			free(x->r[i].v[k]);
		free(x->r[i].v);
		free(x->r[i].num);
	}
	free(x->r);
	free(x->rsch);
	free(x->s);
	free(x->sat);
	ki_bk_urnstr_free(x->urnstr);
	ki_keys_free(x->words);
	ki_spool_close(x->keep);
	ki_rowspool_free(x->sp);
	ki_bk_urns_free(x->urns);
	ki_tab_free(x->districts, NULL);
	ki_tab_free(x->lurn, NULL);
	ki_leaders_free(&x->ls);
	ki_reader_close(x->rd);
	ki_broker_policy_free(x->p);
}

int
ki_broker_run(const struct ki_broker_opts *o, FILE *out, struct ki_err *err)
{
	struct run x;
	int rc = -1;

	memset(&x, 0, sizeof(x));
	x.o = o;
	x.err = err;
	if ((x.p = ki_broker_policy_load(o->policy, err)) == NULL ||
	    (o->rates != NULL && ki_broker_rates(x.p, o->rates, err) == -1))
		goto done;
	if ((x.urns = ki_bk_urns_new()) == NULL ||
	    (x.districts = ki_tab_new()) == NULL ||
	    (x.lurn = ki_tab_new()) == NULL || (x.words = ki_keys_new()) ==
	    NULL) {
		ki_err_set(err, NULL, 0, NULL, "out of memory");
		goto done;
	}
	if ((x.rd = ki_reader_open(o->input, o->fmt, 0, err)) == NULL ||
	    (x.sp = ki_rowspool_new(err)) == NULL)
		goto done;
	x.h = ki_reader_hdr(x.rd);
	if (ki_bk_read(&x) == -1 || schools(&x) == -1)
		goto done;
	rc = deploy(&x, out);
done:
	run_free(&x);
	return rc;
}

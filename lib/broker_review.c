/* Holding back a leader whose own school has declined, for review. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/num.h"
#include "ki/policy.h"

#include "broker_impl.h"

int
ki_bk_parse_review(struct ki_broker_policy *p, json_t *a, struct ki_err *err)
{
	static const char *const keys[] = { "label", "when", "fall",
	    "supported", "quote", NULL };
	char path[48];
	size_t i;
	json_t *o, *f;

	if (!json_is_array(a))
		return ki_err_set(err, p->file, 0, "review", "must be a list");
	if ((p->review = calloc(json_array_size(a) + 1, sizeof(*p->review))) ==
	    NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	json_array_foreach(a, i, o) {
		struct ki_bk_review *r = &p->review[p->nreview];
		int ways;

		snprintf(path, sizeof(path), "review[%zu]", i);
		if (ki_policy_keys(p->file, o, path, keys, NULL, err) == -1)
			return -1;
		p->nreview++;
		if (ki_bk_dupstr(json_object_get(o, "label"), &r->label, err) == -1)
			return -1;
		if (r->label == NULL)
			return ki_err_set(err, p->file, 0, path, "needs a "
			    "\"label\"");
		f = json_object_get(o, "fall");
		r->supported = json_is_true(json_object_get(o, "supported"));
		ways = (json_object_get(o, "when") != NULL) + (f != NULL) +
		    r->supported;
		if (ways != 1)
			return ki_err_set(err, p->file, 0, path, "needs one of "
			    "\"when\", \"fall\" or \"supported\": true");
		if (json_object_get(o, "when") != NULL &&
		    (r->when = ki_bk_cond(p, o, path, err)) == NULL)
			return -1;
		if (f != NULL && json_is_array(f) && json_array_size(f) == 2 &&
		    (ki_bk_dupstr(json_array_get(f, 0), &r->fall[0], err) == -1 ||
		    ki_bk_dupstr(json_array_get(f, 1), &r->fall[1], err) == -1))
			return -1;
		if (f != NULL && (!json_is_array(f) || json_array_size(f) != 2 ||
		    r->fall[0] == NULL || r->fall[1] == NULL))
			return ki_err_set(err, p->file, 0, path, "\"fall\" must "
			    "name the grade and the previous grade columns");
	}
	return 0;
}

/* Hold back each leader whose own school has declined. */
int
ki_bk_review(struct run *x)
{
	size_t j, k;

	for (j = 0; j < x->ls.n; j++) {
		struct ki_leader *l = &x->ls.l[j];
		uintptr_t at = (uintptr_t)ki_tab_get(x->lurn, l->urn);
		const struct row *w;
		struct ki_buf why = { 0 };
		long sch;
		int a = 0;

		if (at < 2)
			continue;
		w = &x->r[at - 2];
		sch = x->rsch[at - 2];
		for (k = 0; k < x->p->nreview && !l->held; k++) {
			const struct ki_bk_review *r = &x->p->review[k];

			ki_buf_reset(&why);
			if (r->when != NULL)
				a = ki_bk_eval(x, w, r->when, &why);
			else if (r->supported) {
				if ((a = sch >= 0))
					ki_buf_printf(&why, "%s",
					    x->p->support[x->s[sch].support].name);
			} else {
				const char *g = r->fidx[0] >= 0 ? w->v[r->fidx[0]] :
				    NULL, *pg = r->fidx[1] >= 0 ? w->v[r->fidx[1]] :
				    NULL;
				double dg, dp;

				/* Grades run 1 (outstanding) to 4: a fall is up. */
				a = g != NULL && pg != NULL && ki_num_parse(g, &dg) ==
				    0 && ki_num_parse(pg, &dp) == 0 && dp >= 1 &&
				    dg <= 4 && dg > dp;
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

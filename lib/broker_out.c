/* ki-broker's output: one row per deployment, and why this leader. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ki/fixed.h"
#include "ki/wr.h"

#include "broker_impl.h"

enum { O_SUPPORT, O_NEEDS, O_LEADER, O_LNAME, O_ROLE, O_LURN, O_SERVICE,
	O_DAYS, O_COST, O_MATCH, NOUT };
static const char *const added[NOUT] = { "support", "needs", "leader",
	"leader_name", "role", "leader_urn", "service", "days", "cost",
	"match" };
static const char *const service[] = { "headteacher support",
	"supply cover", "CPD", "AST outreach" };

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

int
ki_bk_write(struct run *x, FILE *fp, const struct ki_bk_deploy *d, size_t n)
{
	const char *names[KI_BK_NKEEP + NOUT], *row[NOUT], *text;
	unsigned char num[NOUT];
	char days[32], cost[32];
	struct ki_writer *w;
	struct ki_buf b = { 0 }, needs = { 0 };
	size_t i, k, nc = 0, len;
	int rc = 0;

	for (k = 0; k < KI_BK_NKEEP; k++)
		if (ki_hdr_index(x->h, ki_bk_keep[k]) >= 0)
			names[nc++] = ki_bk_keep[k];
	for (k = 0; k < NOUT; k++)
		names[nc++] = added[k];
	if ((w = ki_writer_new(fp, ki_reader_fmt(x->rd))) == NULL)
		return ki_err_set(x->err, NULL, 0, NULL, "out of memory");
	if (ki_writer_header(w, nc, names) == -1)
		n = 0;	/* reported when the output is closed */
	memset(num, 0, sizeof(num));
	num[O_DAYS] = num[O_COST] = 1;
	for (i = 0; i < n; i++) {
		const struct ki_bk_school *s = &x->s[d[i].school];
		const struct ki_leader *l = &x->ls.l[d[i].leader];

		/* The school's kept columns, as the spool has them. */
		if (ki_spool_get(x->keep, x->sat[d[i].school], NULL, &text, &len,
		    x->err) == -1) {
			rc = -1;
			break;
		}
		ki_buf_reset(&needs);
		for (k = 0; k < x->p->nneeds; k++)
			if (s->needs & (1u << k))
				ki_buf_printf(&needs, "%s%s", needs.len ? "; " : "",
				    x->p->needs[k].name);
		match_text(x, &d[i], &b);
		if (needs.oom || b.oom) {
			rc = ki_err_set(x->err, NULL, 0, NULL, "out of memory");
			break;
		}
		ki_fixed_format(d[i].days, 2, 1, days, sizeof(days));
		ki_fixed_format(d[i].cost, 2, 0, cost, sizeof(cost));
		row[O_SUPPORT] = x->p->support[s->support].name;
		row[O_NEEDS] = ki_buf_str(&needs);
		row[O_LEADER] = l->id;
		row[O_LNAME] = l->name;
		row[O_ROLE] = x->p->roles[l->role].name;
		row[O_LURN] = l->urn;
		row[O_SERVICE] = d[i].mentor ? "professional partner" :
		    service[x->p->roles[l->role].pay];
		row[O_DAYS] = days;
		row[O_COST] = cost;
		row[O_MATCH] = ki_buf_str(&b);
		if (ki_writer_extend(w, text, len, NOUT, added, row, num) == -1)
			break;	/* a write error: reported at the close */
	}
	if (ki_writer_oom(w))
		rc = ki_err_set(x->err, NULL, 0, NULL, "out of memory");
	ki_buf_free(&b);
	ki_buf_free(&needs);
	ki_writer_free(w);
	return rc;
}

/* ki-broker's reading: every row spooled, the schools to support packed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "broker_impl.h"

const char *const ki_bk_keep[KI_BK_NKEEP] = { "urn", "year", "name", "la",
	"district", "phase", "category", "category_scheme", "adviser" };

/* URNs end to end in blocks that never move: a school points at its own. */
struct ki_bk_block {
	struct ki_bk_block *next;
	size_t used, cap;
	char s[];
};

static int
oom(struct run *x)
{
	return ki_err_set(x->err, NULL, 0, NULL, "out of memory");
}

/* Column name of rec as read under the header h now, or NULL. */
static const char *
cell(const struct ki_hdr *h, const struct ki_rec *rec, const char *name)
{
	long k = ki_hdr_index(h, name);

	return k >= 0 && (size_t)k < rec->n ? rec->v[k] : NULL;
}

int
ki_bk_read(struct run *x)
{
	struct ki_rec *rec;
	const char *urn, *d;
	int rc;

	while ((rc = ki_reader_next(x->rd, &rec, x->err)) == 1) {
		x->h = ki_reader_hdr(x->rd);
		x->nr++;
		if ((urn = cell(x->h, rec, "urn")) == NULL)
			return ki_err_set(x->err, ki_reader_name(x->rd), rec->line,
			    "urn", "blank");
		if ((rc = ki_bk_urns_add(x->urns, urn)) == -1)
			return oom(x);
		if (rc == 0)
			return ki_err_set(x->err, ki_reader_name(x->rd), rec->line,
			    "urn", "%s appears twice: one row a school (one "
			    "year at a time)", urn);
		if ((d = cell(x->h, rec, "district")) != NULL &&
		    ki_tab_put(x->districts, d, x) == -1)
			return oom(x);
		if (ki_rowspool_put(x->sp, rec, x->err) == -1)
			return -1;
	}
	x->h = ki_reader_hdr(x->rd);
	/* The leaders' districts are checked only when the input has some. */
	if (x->nr == 0 || ki_hdr_index(x->h, "district") < 0) {
		ki_tab_free(x->districts, NULL);
		x->districts = NULL;
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

/* Evaluate c on row w: 1 yes, 0 no or unknown, -1 error at the row. */
int
ki_bk_eval(struct run *x, const struct row *w, const struct ki_cond *c,
    struct ki_buf *why)
{
	struct ki_cond_ctx cx = { (const char *const *)w->v, 0, NULL, NULL,
	    NULL };
	int a;

	if ((a = ki_cond_eval(c, &cx, why, x->err)) == -1) {
		struct ki_err e = *x->err;

		return ki_err_set(x->err, ki_reader_name(x->rd), w->line,
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
needs(struct run *x, const struct row *w, struct ki_bk_school *s)
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

			a = sg->when ? ki_bk_eval(x, w, sg->when, NULL) : 1;
			if (a == -1)
				return -1;
			if (a && sg->col != NULL)
				a = sg->idx >= 0 && (size_t)sg->idx < w->n &&
				    contains(w->v[sg->idx], sg->contains);
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

/* A copy of s among the URNs, or NULL out of memory. */
static const char *
urn_keep(struct run *x, const char *s)
{
	size_t len = strlen(s) + 1;
	struct ki_bk_block *b = x->urnstr;

	if (b == NULL || b->cap - b->used < len) {
		size_t cap = len > 65536 ? len : 65536;

		if ((b = malloc(sizeof(*b) + cap)) == NULL)
			return NULL;
		b->next = x->urnstr;
		b->used = 0;
		b->cap = cap;
		x->urnstr = b;
	}
	memcpy(b->s + b->used, s, len);
	b->used += len;
	return b->s + b->used - len;
}

void
ki_bk_urnstr_free(struct ki_bk_block *b)
{
	struct ki_bk_block *next;

	for (; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
}

/* The interned copy of s (NULL stays NULL), or -1 out of memory. */
static int
word(struct run *x, const char *s, const char **out)
{
	long i;

	*out = NULL;
	if (s == NULL)
		return 0;
	if ((i = ki_keys_intern(x->words, s, NULL)) < 0)
		return -1;
	*out = ki_keys_str(x->words, i);
	return 0;
}

/* Room for one more school to support. */
static int
more(struct run *x)
{
	struct ki_bk_school *s;
	unsigned long long *at;
	size_t cap = x->scap ? x->scap * 2 : 256;

	if (x->ns < x->scap)
		return 0;
	if ((s = realloc(x->s, cap * sizeof(*s))) == NULL)
		return -1;
	x->s = s;
	if ((at = realloc(x->sat, cap * sizeof(*at))) == NULL)
		return -1;
	x->sat = at;
	x->scap = cap;
	return 0;
}

/* Row w, a school to support under x->p->support[k]: pack and spool it. */
static int
keep_school(struct run *x, const struct row *w, size_t k, const long *at)
{
	const char *v[KI_BK_NKEEP];
	unsigned char num[KI_BK_NKEEP];
	struct ki_bk_school *s;
	size_t c, nk = 0;

	if (more(x) == -1)
		return oom(x);
	s = &x->s[x->ns];
	memset(s, 0, sizeof(*s));
	if (needs(x, w, s) == -1)
		return -1;
	s->support = (int)k;
	for (c = 0; c < KI_BK_NKEEP; c++)
		if (at[c] >= 0) {
			v[nk] = w->v[at[c]];
			num[nk++] = w->num[at[c]];
		}
	if ((s->urn = urn_keep(x, w->v[at[0]])) == NULL ||
	    word(x, at[4] >= 0 ? w->v[at[4]] : NULL, &s->district) == -1 ||
	    word(x, at[5] >= 0 ? w->v[at[5]] : NULL, &s->phase) == -1)
		return oom(x);
	if (x->p->mentor_when != NULL && (s->new_head = ki_bk_eval(x, w,
	    x->p->mentor_when, NULL)) == -1)
		return -1;
	if (ki_spool_put(x->keep, NULL, nk, v, num, &x->sat[x->ns], x->err) ==
	    -1)
		return -1;
	x->ns++;
	return 0;
}

/* A copy of row w among the leaders' own schools': its index, or -1. */
static long
keep_row(struct run *x, const struct row *w, long sch)
{
	struct row *r;
	long *rs;
	size_t i;

	if ((r = realloc(x->r, (x->nlr + 1) * sizeof(*r))) == NULL)
		return -1;
	x->r = r;
	if ((rs = realloc(x->rsch, (x->nlr + 1) * sizeof(*rs))) == NULL)
		return -1;
	x->rsch = rs;
	r = &x->r[x->nlr];
	memset(r, 0, sizeof(*r));
	if ((r->v = calloc(w->n + 1, sizeof(char *))) == NULL ||
	    (r->num = calloc(w->n + 1, 1)) == NULL) {
		free(r->v);
		return -1;
	}
	x->rsch[x->nlr++] = sch;
	r->n = w->n;
	r->line = w->line;
	memcpy(r->num, w->num, w->n);
	for (i = 0; i < w->n; i++)
		if (w->v[i] != NULL && (r->v[i] = strdup(w->v[i])) == NULL)
			return -1;
	return (long)x->nlr - 1;
}

/* Judge row w: a school to support, a leader's own school, or neither. */
static int
judge(struct run *x, const struct row *w, const long *at)
{
	size_t k;
	long sch = -1, i;
	uintptr_t lr;
	int a = 0;

	for (k = 0; k < x->p->nsupport; k++)
		if ((a = ki_bk_eval(x, w, x->p->support[k].when, NULL)) != 0)
			break;
	if (a == -1)
		return -1;
	if (k < x->p->nsupport) {
		sch = (long)x->ns;
		if (keep_school(x, w, k, at) == -1)
			return -1;
	}
	lr = (uintptr_t)ki_tab_get(x->lurn, w->v[at[0]]);
	if (lr == 1) {
		if ((i = keep_row(x, w, sch)) < 0 ||
		    ki_tab_put(x->lurn, w->v[at[0]], (void *)(uintptr_t)(i + 2)) ==
		    -1)
			return oom(x);
	}
	return 0;
}

int
ki_bk_schools(struct run *x)
{
	const char *names[KI_BK_NKEEP];
	struct ki_rec *rec;
	struct row w = { 0 };
	long at[KI_BK_NKEEP];
	size_t k, nk = 0;
	int rc;

	for (k = 0; k < KI_BK_NKEEP; k++)
		if ((at[k] = ki_hdr_index(x->h, ki_bk_keep[k])) >= 0)
			names[nk++] = ki_bk_keep[k];
	if (x->nr == 0)
		return 0;
	if ((x->keep = ki_spool_open(ki_reader_fmt(x->rd), 0, x->err)) == NULL ||
	    ki_spool_names(x->keep, nk, names, x->err) == -1 ||
	    ki_rowspool_rewind(x->sp, x->err) == -1)
		return -1;
	w.n = x->h->n;
	if ((w.v = calloc(w.n + 1, sizeof(char *))) == NULL ||
	    (w.num = calloc(w.n + 1, 1)) == NULL) {
		free(w.v);
		return oom(x);
	}
	while ((rc = ki_rowspool_next(x->sp, &rec, x->err)) == 1) {
		/* NDJSON's keys grow: an early row lacks the later ones. */
		for (k = 0; k < w.n; k++) {
			w.v[k] = k < rec->n ? rec->v[k] : NULL;
			w.num[k] = k < rec->n ? rec->num[k] : 0;
		}
		w.line = rec->line;
		if ((rc = judge(x, &w, at)) == -1)
			break;
	}
	free(w.v);
	free(w.num);
	return rc;
}

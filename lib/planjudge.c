/* ki-plan's judging: which rules take each school, its chair and counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/date.h"
#include "ki/words.h"
#include "plan_impl.h"

#define NONE UINT32_MAX

/*
 * The first error, as the plan made school by school would meet it: a
 * condition's, by school; a count's or a date's, by rule, then adviser,
 * then school.
 */
struct judging {
	uint32_t *inv;		/* input row -> school, or NONE */
	const char **row;	/* a row's cells, by header index */
	struct ki_buf *why;	/* per rule (iCalendar), else NULL */
	const char **ov;	/* a record of p->out: name, why per rule */
	unsigned char *onum;
	struct ki_err cond;	/* a condition's error, at school cond_i */
	size_t cond_i;		/* NONE: no such error */
	struct ki_err date;	/* a count's or a date's, at date_ri ... */
	size_t date_ri, date_i;
	const char *date_adv;
};

const char *
plan_word(const struct ki_keys *keys, uint32_t id)
{
	return id == 0 ? NULL : ki_keys_str(keys, (long)id - 1);
}

size_t
plan_group(const struct plan *p, size_t i)
{
	const char *a = plan_word(p->advs, p->s[i].adviser);

	return a == NULL || *a == '\0' ? 0 : p->s[i].adviser;
}

static int
oom(struct ki_err *err)
{
	return ki_err_set(err, NULL, 0, NULL, "out of memory");
}

/* Keep e as the date error when it comes before the one kept. */
static void
date_error(struct judging *j, const struct plan *p, size_t ri, size_t i,
    const struct ki_err *e)
{
	const char *a = plan_word(p->advs, p->s[i].adviser);
	int c;

	a = a ? a : "";
	if (j->date_i != NONE) {
		c = ri != j->date_ri ? (ri < j->date_ri ? -1 : 1) :
		    strcmp(a, j->date_adv);
		if (c > 0 || (c == 0 && i > j->date_i))
			return;
	}
	j->date = *e;
	j->date_ri = ri;
	j->date_i = i;
	j->date_adv = a;
}

/* A spread's count: its number plus the add columns less the less. */
static int
count_of(const struct plan *p, const struct ki_plan_rule *r, long line,
    const char **row, long *n, struct ki_err *err)
{
	size_t i, g;

	*n = r->count;
	for (g = 0; g < 2; g++) {
		char **cols = g ? r->less : r->add;

		for (i = 0; cols != NULL && cols[i] != NULL; i++) {
			const char *v = plan_cell(row, p->h->n, ki_hdr_index(p->h,
			    cols[i]));
			char *end;
			long x;

			if (v == NULL || *v == '\0')
				continue;
			x = strtol(v, &end, 10);
			if (*end != '\0' || x < 0 || x > 1000)
				return ki_err_set(err, p->file, line, cols[i], "\"%s\" "
				    "is not a whole number from 0 to 1000", v);
			*n += g ? -x : x;
		}
	}
	return 0;
}

/* An after rule's day: r->days after the first of its dates. */
static int
after_of(const struct plan *p, const struct ki_plan_rule *r, long line,
    const char **row, long *day, struct ki_err *err)
{
	size_t k;

	*day = PLAN_NODAY;
	for (k = 0; r->col[k] != NULL; k++) {
		const char *v = plan_cell(row, p->h->n, ki_hdr_index(p->h,
		    r->col[k]));

		if (v == NULL || *v == '\0')
			continue;
		if (ki_date_parse(v, day) == -1)
			return ki_err_set(err, p->file, line, r->col[k], "\"%s\" "
			    "is not a date (yyyy-mm-dd)", v);
		*day += r->days;
		return 0;
	}
	return 0;
}

/* The rules' counts and dates for school i, which rule ri takes. */
static int
values(struct plan *p, struct judging *j, size_t i, size_t ri, long line)
{
	const struct ki_plan_rule *r = &p->rules.r[ri];
	struct ki_err e = { { 0 }, 0, { 0 }, { 0 } };
	long v = 0;
	int rc = 0;

	if (r->kind == KI_PK_SPREAD && r->add != NULL)
		rc = count_of(p, r, line, j->row, &v, &e);
	else if (r->kind == KI_PK_AFTER)
		rc = after_of(p, r, line, j->row, &v, &e);
	else
		return 0;
	if (rc == -1) {
		date_error(j, p, ri, i, &e);
		return 0;
	}
	/* Only a rule that takes a school has its values. */
	if (p->val[ri] == NULL && (p->val[ri] = calloc(p->ns + 1,
	    sizeof(**p->val))) == NULL)
		return -1;
	p->val[ri][i] = (int32_t)v;
	return 0;
}

/* Judge school i, of the row in j->row at line, by every rule. */
static int
judge_one(struct plan *p, struct judging *j, size_t i, long line,
    struct ki_err *err)
{
	struct ki_cond_ctx cx = { j->row, 0, NULL, NULL, NULL };
	size_t ri;

	for (ri = 0; ri < p->rules.n; ri++) {
		const struct ki_plan_rule *r = &p->rules.r[ri];
		struct ki_buf *b = j->why ? &j->why[ri] : NULL;
		int ans = KI_YES;

		if (b != NULL) {
			ki_buf_reset(b);
			ki_buf_printf(b, "%s", r->label);
		}
		if (r->when != NULL) {
			if (b != NULL)
				ki_buf_printf(b, ": ");
			ans = ki_cond_eval(r->when, &cx, b, err);
		}
		if (ans == -1) {
			if (i < j->cond_i) {
				ki_err_set(&j->cond, p->file, line, err->field, "%s",
				    err->msg);
				j->cond_i = i;
			}
			return 0;
		}
		if (b != NULL && b->oom)
			return oom(err);
		if (ans != KI_YES)
			continue;
		plan_set(p->takes, i * p->rules.n + ri);
		if (r->chair)
			plan_set(p->chaired, i);
		if (values(p, j, i, ri, line) == -1)
			return oom(err);
	}
	return 0;
}

/* Intern s into keys as id + 1 (0 for NULL), or -1 out of memory. */
static int
intern(struct ki_keys *keys, const char *s, uint32_t *id)
{
	long k;

	*id = 0;
	if (s == NULL)
		return 0;
	if ((k = ki_keys_intern(keys, s, NULL)) < 0 || k >= (long)NONE - 1)
		return -1;
	*id = (uint32_t)k + 1;
	return 0;
}

/* School i's row: its district, adviser, rules, and its place in p->out. */
static int
school(struct plan *p, struct judging *j, size_t i, const struct ki_rec *rec,
    struct ki_err *err)
{
	struct ki_rec o;
	size_t k, n = 1 + (j->why ? p->rules.n : 0);

	for (k = 0; k < p->h->n; k++)
		j->row[k] = k < rec->n ? rec->v[k] : NULL;
	if (intern(p->words, plan_cell(j->row, p->h->n, ki_hdr_index(p->h,
	    "district")), &p->s[i].district) == -1 || intern(p->advs,
	    plan_cell(j->row, p->h->n, ki_hdr_index(p->h, "adviser")),
	    &p->s[i].adviser) == -1)
		return oom(err);
	if (judge_one(p, j, i, rec->line, err) == -1)
		return -1;
	j->ov[0] = plan_cell(j->row, p->h->n, ki_hdr_index(p->h, "name"));
	for (k = 1; k < n; k++)
		j->ov[k] = plan_takes(p, i, k - 1) ? ki_buf_str(&j->why[k - 1]) :
		    NULL;
	memset(&o, 0, sizeof(o));
	o.n = n;
	o.v = (char **)j->ov;
	o.num = j->onum;
	o.line = rec->line;
	p->s[i].row = (uint32_t)ki_rowspool_count(p->out);
	return ki_rowspool_put(p->out, &o, err);
}

/* Every row of the spool, each school's once. */
static int
judge_all(struct plan *p, struct judging *j, struct ki_err *err)
{
	struct ki_rec *rec;
	size_t r;
	int rc;

	for (r = 0; r < p->ns; r++)
		j->inv[p->s[r].row] = (uint32_t)r;
	if (ki_rowspool_rewind(p->sp, err) == -1)
		return -1;
	for (r = 0; (rc = ki_rowspool_next(p->sp, &rec, err)) == 1; r++)
		if (j->inv[r] != NONE && school(p, j, j->inv[r], rec, err) == -1)
			return -1;
	if (rc == 0 && j->cond_i != NONE) {
		*err = j->cond;
		return -1;
	}
	return rc;
}

/* Room for the judging of p's schools. */
static int
judging_new(struct plan *p, struct judging *j, struct ki_err *err)
{
	size_t n = p->rules.n;

	memset(j, 0, sizeof(*j));
	j->cond_i = j->date_i = NONE;
	if ((j->inv = malloc((p->nrows + 1) * sizeof(*j->inv))) == NULL ||
	    (j->row = calloc(p->h->n + 1, sizeof(*j->row))) == NULL ||
	    (j->ov = calloc(n + 2, sizeof(*j->ov))) == NULL ||
	    (j->onum = calloc(n + 2, 1)) == NULL ||
	    (p->o->fmt == KI_PLAN_ICS && (j->why = calloc(n + 1,
	    sizeof(*j->why))) == NULL) ||
	    (p->takes = calloc((p->ns * n + 8) / 8, 1)) == NULL ||
	    (p->chaired = calloc((p->ns + 8) / 8, 1)) == NULL ||
	    (p->val = calloc(n + 1, sizeof(*p->val))) == NULL ||
	    (p->words = ki_keys_new()) == NULL ||
	    (p->advs = ki_keys_new()) == NULL)
		return oom(err);
	memset(j->inv, 0xff, (p->nrows + 1) * sizeof(*j->inv));
	if ((p->out = ki_rowspool_new(err)) == NULL)
		return -1;
	return 0;
}

static void
judging_free(const struct plan *p, struct judging *j)
{
	size_t ri;

	for (ri = 0; j->why != NULL && ri < p->rules.n; ri++)
		ki_buf_free(&j->why[ri]);
	free(j->why);
	free(j->inv);
	free(j->row);
	free(j->ov);
	free(j->onum);
}

/* How many schools of each group each rule takes. */
static int
groups(struct plan *p, struct ki_err *err)
{
	size_t i, ri;

	p->ngroups = ki_keys_count(p->advs) + 1;
	if ((p->m = calloc(p->rules.n * p->ngroups + 1, sizeof(*p->m))) == NULL)
		return oom(err);
	for (i = 0; i < p->ns; i++)
		for (ri = 0; ri < p->rules.n; ri++)
			if (plan_takes(p, i, ri))
				p->m[ri * p->ngroups + plan_group(p, i)]++;
	return 0;
}

/*
 * A chair for each school a chaired rule takes: an adviser whose
 * districts are named and are not the school's, not its own adviser;
 * the one with the fewest schools so far, then the first by id. The
 * schools go in URN order, so the answer is the input's in any order.
 */
static int
chairs(struct plan *p, struct ki_err *err)
{
	size_t i, k, *load;
	char u[24];

	for (i = 0; p->o->advisers == NULL && i < p->ns; i++)
		if (plan_bit(p->chaired, i)) {
			fprintf(p->o->diag, "%s: no --advisers: progress reviews "
			    "are left without a chair\n", p->o->prog);
			break;
		}
	if (p->o->advisers == NULL)
		return 0;
	if (ki_advisers_load(&p->adv, p->o->advisers, NULL, err) == -1)
		return -1;
	p->have_adv = 1;
	if ((load = calloc(p->adv.n + 1, sizeof(*load))) == NULL)
		return oom(err);
	for (i = 0; i < p->ns; i++) {
		const char *d = plan_word(p->words, p->s[i].district);
		const char *a = plan_word(p->advs, p->s[i].adviser);
		long best = -1;

		if (!plan_bit(p->chaired, i))
			continue;
		for (k = 0; k < p->adv.n; k++) {
			const struct ki_adviser *x = &p->adv.a[k];

			if (x->districts[0] == NULL ||
			    ki_words_has(x->districts, d) ||
			    (a != NULL && strcmp(x->id, a) == 0))
				continue;
			if (best < 0 || load[k] < load[best])
				best = (long)k;
		}
		if (best < 0) {
			fprintf(p->o->diag, "%s: school %s: no adviser of "
			    "another district to chair it\n", p->o->prog,
			    plan_urn(p->s[i].key, u));
			continue;
		}
		load[best]++;
		p->s[i].chair = (uint32_t)best + 1;
	}
	free(load);
	return 0;
}

/* The first rule, in order, that cannot be dated: its error. */
static int
dates(const struct plan *p, const struct judging *j, struct ki_err *err)
{
	size_t ri, g;
	long t;

	for (ri = 0; ri < p->rules.n; ri++) {
		const struct ki_plan_rule *r = &p->rules.r[ri];
		size_t n = 0;

		for (g = 0; g < p->ngroups; g++)
			n += p->m[ri * p->ngroups + g];
		if (n > 0 && (t = ki_plan_bad_term(p, r)) != 0)
			return ki_err_set(err, NULL, 0, r->event, "the plan names "
			    "term %ld; calendar %s has %zu", t, p->cal->name,
			    p->cal->nterm);
		if (j->date_i != NONE && j->date_ri == ri) {
			*err = j->date;
			return -1;
		}
	}
	return 0;
}

int
ki_plan_judge(struct plan *p, struct ki_err *err)
{
	struct judging j;
	size_t ri;
	int rc = -1;

	for (ri = 0; ri < p->rules.n; ri++)
		if (p->rules.r[ri].when != NULL && ki_cond_bind(p->rules.r[ri].when,
		    p->h, NULL, 0, p->file, err) == -1)
			return -1;
	if (judging_new(p, &j, err) == 0 && judge_all(p, &j, err) == 0 &&
	    groups(p, err) == 0 && chairs(p, err) == 0 && dates(p, &j, err) == 0)
		rc = 0;
	judging_free(p, &j);
	/* The input's rows are no longer needed: p->out has the rest. */
	ki_rowspool_free(p->sp);
	p->sp = NULL;
	return rc;
}

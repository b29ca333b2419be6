/* ki-plan's work: read the schools, choose chairs, date every event. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/assign.h"
#include "ki/buf.h"
#include "ki/date.h"
#include "ki/share.h"
#include "ki/words.h"
#include "plan_impl.h"

static int
by_urn(const void *a, const void *b)
{
	const struct plan_school *x = a, *y = b;
	int c = strcmp(x->urn, y->urn);

	return c != 0 ? c : (x->line > y->line) - (x->line < y->line);
}

static int
read_all(struct plan *p, struct ki_reader *rd, struct ki_err *err)
{
	const struct ki_hdr *h = ki_reader_hdr(rd);
	static const char *const need[] = { "urn", "district" };
	struct ki_rec *rec;
	size_t cap = 0, i;
	int rc;

	while ((rc = ki_reader_next(rd, &rec, err)) == 1) {
		struct plan_school *s;

		if (p->ns == cap) {
			struct plan_school *ns;

			cap = cap ? cap * 2 : 256;
			if ((ns = realloc(p->s, cap * sizeof(*ns))) == NULL)
				return ki_err_set(err, NULL, 0, NULL,
				    "out of memory");
			p->s = ns;
		}
		s = &p->s[p->ns++];
		memset(s, 0, sizeof(*s));
		s->line = rec->line;
		if ((s->v = calloc(rec->n + 1, sizeof(char *))) == NULL)
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
		s->n = rec->n;
		for (i = 0; i < rec->n; i++)
			if (rec->v[i] != NULL &&
			    (s->v[i] = strdup(rec->v[i])) == NULL)
				return ki_err_set(err, NULL, 0, NULL,
				    "out of memory");
	}
	if (rc == -1)
		return -1;
	for (i = 0; i < 2; i++)
		if (ki_hdr_index(h, need[i]) < 0 && (i == 0 ||
		    p->o->advisers != NULL))
			return ki_err_set(err, ki_reader_name(rd), 1, need[i],
			    "no such column in the input%s", i ? ": chairs come "
			    "from another district" : "");
	for (i = 0; i < p->ns; i++) {
		struct plan_school *s = &p->s[i];
		const char *const *v = (const char *const *)s->v;

		s->urn = plan_cell(v, s->n, ki_hdr_index(h, "urn"));
		s->name = plan_cell(v, s->n, ki_hdr_index(h, "name"));
		s->district = plan_cell(v, s->n, ki_hdr_index(h, "district"));
		s->adviser = plan_cell(v, s->n, ki_hdr_index(h, "adviser"));
		if (s->urn == NULL)
			return ki_err_set(err, ki_reader_name(rd), s->line, "urn",
			    "blank: every school needs its URN");
	}
	if (p->ns > 0)
		qsort(p->s, p->ns, sizeof(*p->s), by_urn);
	return 0;
}

static void
school_free(struct plan_school *s)
{
	size_t k;

	for (k = 0; k < s->n; k++)
		free(s->v[k]);
	free(s->v);
	free((char *)s->chair);
}

static int
add_cols(struct ki_hdr *cols, char **v)
{
	size_t i;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		if (ki_hdr_index(cols, v[i]) < 0 && ki_hdr_add(cols, v[i]) < 0)
			return -1;
	return 0;
}

/*
 * ki-broker writes a school once per leader: rows of one URN that agree
 * in every column the plan reads are one school (the first row kept);
 * rows that disagree are an error.
 */
static int
merge_twins(struct plan *p, const struct ki_hdr *h, const char *file,
    struct ki_err *err)
{
	static char *fixed[] = { "name", "district", "adviser", NULL };
	struct ki_hdr *cols = ki_hdr_new();
	size_t i, k, n = 0, c;
	int rc = 0;

	if (cols == NULL || add_cols(cols, fixed) == -1)
		rc = -1;
	for (i = 0; i < p->rules.n && rc == 0; i++) {
		const struct ki_plan_rule *r = &p->rules.r[i];

		if ((r->when != NULL && ki_cond_columns(r->when, cols) == -1) ||
		    add_cols(cols, r->add) == -1 || add_cols(cols, r->less) ==
		    -1 || add_cols(cols, r->col) == -1)
			rc = -1;
	}
	if (rc == -1) {
		ki_hdr_free(cols);
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	}
	for (i = 0; i < p->ns; i++) {
		struct plan_school *s = &p->s[i], *t = n ? &p->s[n - 1] : NULL;

		if (t == NULL || strcmp(s->urn, t->urn) != 0) {
			p->s[n++] = *s;
			continue;
		}
		for (c = 0; c < cols->n && rc == 0; c++) {
			long x = ki_hdr_index(h, cols->names[c]);
			const char *a = plan_cell((const char *const *)t->v, t->n, x);
			const char *b = plan_cell((const char *const *)s->v, s->n, x);

			if (strcmp(a ? a : "", b ? b : "") != 0)
				rc = ki_err_set(err, file, s->line, cols->names[c],
				    "\"%s\" here, \"%s\" on line %ld for URN %s: "
				    "one school, one plan", b ? b : "", a ? a : "",
				    t->line, s->urn);
		}
		school_free(s);
		if (rc == -1) {
			for (k = i + 1; k < p->ns; k++)
				school_free(&p->s[k]);
			break;
		}
	}
	p->ns = n;
	ki_hdr_free(cols);
	return rc;
}

/*
 * A chair for each school a chaired rule takes: an adviser whose
 * districts are named and are not the school's, not its own adviser;
 * the one with the fewest schools so far, then the first by id. The
 * schools go in URN order, so the answer is the input's in any order.
 */
static int
chairs(struct plan *p, unsigned char *takes, struct ki_err *err)
{
	struct ki_advisers adv;
	size_t i, k, *load;

	if (p->o->advisers == NULL) {
		for (i = 0; i < p->ns; i++)
			if (takes[i]) {
				fprintf(p->o->diag, "%s: no --advisers: progress "
				    "reviews are left without a chair\n",
				    p->o->prog);
				break;
			}
		return 0;
	}
	if (ki_advisers_load(&adv, p->o->advisers, NULL, err) == -1)
		return -1;
	if ((load = calloc(adv.n + 1, sizeof(*load))) == NULL) {
		ki_advisers_free(&adv);
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	}
	for (i = 0; i < p->ns; i++) {
		struct plan_school *s = &p->s[i];
		long best = -1;

		if (!takes[i])
			continue;
		for (k = 0; k < adv.n; k++) {
			const struct ki_adviser *a = &adv.a[k];

			if (a->districts[0] == NULL ||
			    ki_words_has(a->districts, s->district) ||
			    (s->adviser != NULL && strcmp(a->id, s->adviser) ==
			    0))
				continue;
			if (best < 0 || load[k] < load[best])
				best = (long)k;
		}
		if (best < 0) {
			fprintf(p->o->diag, "%s: school %s: no adviser of "
			    "another district to chair it\n", p->o->prog, s->urn);
			continue;
		}
		load[best]++;
		if ((s->chair = strdup(adv.a[best].id)) == NULL) {
			free(load);
			ki_advisers_free(&adv);
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
		}
	}
	free(load);
	ki_advisers_free(&adv);
	return 0;
}

/* A school taken by a rule, with its adviser: the events' groups. */
struct member {
	const char *adviser;	/* "" when none */
	size_t school;
};

static int
by_group(const void *a, const void *b)
{
	const struct member *x = a, *y = b;
	int c = strcmp(x->adviser, y->adviser);

	return c != 0 ? c : (x->school > y->school) - (x->school < y->school);
}

/*
 * Judge every school by every rule: takes[i * nrules + ri] when rule ri
 * takes school i, why[] the reason, chaired[i] when a taking rule is
 * chaired. Returns 0, or -1 with err.
 */
static int
judge(struct plan *p, const struct ki_hdr *h, const char *file,
    unsigned char *takes, unsigned char *chaired, struct ki_buf *why,
    struct ki_err *err)
{
	const char **row = calloc(h->n + 1, sizeof(*row));
	size_t ri, i, k;
	int rc = -1;

	if (row == NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < p->ns; i++) {
		struct ki_cond_ctx cx = { row, 0, NULL, NULL, NULL };

		for (k = 0; k < h->n; k++)
			row[k] = k < p->s[i].n ? p->s[i].v[k] : NULL;
		for (ri = 0; ri < p->rules.n; ri++) {
			const struct ki_plan_rule *r = &p->rules.r[ri];
			struct ki_buf *b = &why[i * p->rules.n + ri];
			int ans = KI_YES;

			ki_buf_printf(b, "%s", r->label);
			if (r->when != NULL) {
				ki_buf_printf(b, ": ");
				ans = ki_cond_eval(r->when, &cx, b, err);
			}
			if (ans == -1) {
				struct ki_err e = *err;

				ki_err_set(err, file, p->s[i].line, e.field, "%s",
				    e.msg);
				goto out;
			}
			if (b->oom) {
				ki_err_set(err, NULL, 0, NULL, "out of memory");
				goto out;
			}
			takes[i * p->rules.n + ri] = ans == KI_YES;
			chaired[i] |= ans == KI_YES && r->chair;
		}
	}
	rc = 0;
out:
	free(row);
	return rc;
}

/*
 * Date each rule's events: the schools of each adviser together, in URN
 * order, so that one adviser's meetings are spread. Returns 0, or -1.
 */
static int
date_all(struct plan *p, const struct ki_hdr *h, const char *file,
    const unsigned char *takes, struct ki_buf *why, struct member *mb,
    struct ki_err *err)
{
	size_t ri, i, j, k;

	for (ri = 0; ri < p->rules.n; ri++) {
		size_t n = 0, g0;

		for (i = 0; i < p->ns; i++)
			if (takes[i * p->rules.n + ri]) {
				mb[n].adviser = p->s[i].adviser ? p->s[i].adviser :
				    "";
				mb[n++].school = i;
			}
		qsort(mb, n, sizeof(*mb), by_group);
		for (g0 = 0; g0 < n; g0 = j) {
			for (j = g0; j < n && strcmp(mb[j].adviser,
			    mb[g0].adviser) == 0; j++)
				;
			for (k = g0; k < j; k++)
				if (ki_plan_date(p, ri, mb[k].school, k - g0,
				    j - g0, ki_buf_str(&why[mb[k].school *
				    p->rules.n + ri]), h, file, err) == -1)
					return -1;
		}
	}
	return 0;
}

/* Every school the rules take, and each event's date. */
static int
make(struct plan *p, struct ki_reader *rd, struct ki_err *err)
{
	const struct ki_hdr *h = ki_reader_hdr(rd);
	const char *file = ki_reader_name(rd);
	unsigned char *takes, *chaired;
	struct ki_buf *why;
	struct member *mb;
	size_t ri, i;
	int rc = -1;

	takes = calloc(p->ns + 1, p->rules.n + 1);
	chaired = calloc(p->ns + 1, 1);
	why = calloc((p->ns + 1) * (p->rules.n + 1), sizeof(*why));
	mb = calloc(p->ns + 1, sizeof(*mb));
	if (takes == NULL || chaired == NULL || why == NULL || mb == NULL) {
		ki_err_set(err, NULL, 0, NULL, "out of memory");
		goto out;
	}
	for (ri = 0; ri < p->rules.n; ri++)
		if (p->rules.r[ri].when != NULL && ki_cond_bind(p->rules.r[ri].when,
		    h, NULL, 0, file, err) == -1)
			goto out;
	if (judge(p, h, file, takes, chaired, why, err) == 0 &&
	    chairs(p, chaired, err) == 0 &&
	    date_all(p, h, file, takes, why, mb, err) == 0)
		rc = 0;
out:
	for (i = 0; why != NULL && i < p->ns * p->rules.n; i++)
		ki_buf_free(&why[i]);
	free(why);
	free(takes);
	free(chaired);
	free(mb);
	return rc;
}

static int
by_day(const void *a, const void *b)
{
	const struct plan_event *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->school != y->school)
		return x->school < y->school ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

int
ki_plan_run(const struct ki_plan_opts *o, int *usage, struct ki_err *err)
{
	struct plan p;
	struct ki_reader *rd = NULL;
	char *dir = NULL, a[11], b[11];
	size_t i;
	int rc = -1;

	memset(&p, 0, sizeof(p));
	p.o = o;
	*usage = 0;
	if ((p.cal = ki_cal_load(o->calendar, err)) == NULL)
		goto out;
	p.from = o->from >= 0 ? o->from : p.cal->term[0].start;
	p.to = o->to >= 0 ? o->to : p.cal->term[p.cal->nterm - 1].end;
	ki_date_format(p.cal->term[0].start, a);
	ki_date_format(p.cal->term[p.cal->nterm - 1].end, b);
	for (i = 0; i < 2; i++) {
		long d = i ? p.to : p.from;
		char s[11];

		if (d < p.cal->term[0].start ||
		    d > p.cal->term[p.cal->nterm - 1].end) {
			ki_date_format(d, s);
			*usage = 1;
			ki_err_set(err, NULL, 0, i ? "--to" : "--from", "%s is "
			    "outside every term of calendar %s (%s to %s)", s,
			    p.cal->name, a, b);
			goto out;
		}
	}
	if (p.from > p.to) {
		*usage = 1;
		ki_err_set(err, NULL, 0, "--to", "before --from");
		goto out;
	}
	p.stamp = o->have_stamp ? o->stamp : (long long)p.from * 86400;
	if (o->plans == NULL && (dir = ki_share_dir("plans")) == NULL) {
		if (errno == ENOMEM)
			ki_err_set(err, NULL, 0, NULL, "out of memory");
		else
			ki_err_set(err, NULL, 0, NULL, "cannot find the shipped "
			    "plans directory (set KI_DATADIR)");
		goto out;
	}
	if (ki_plan_rules_load(&p.rules, dir, o->plans, err) == -1 ||
	    (rd = ki_reader_open(o->input, o->in_fmt, 0, err)) == NULL ||
	    read_all(&p, rd, err) == -1 || merge_twins(&p, ki_reader_hdr(rd),
	    ki_reader_name(rd), err) == -1 || make(&p, rd, err) == -1)
		goto out;
	p.in_fmt = ki_reader_fmt(rd);
	if (p.nev > 0)
		qsort(p.ev, p.nev, sizeof(*p.ev), by_day);
	rc = ki_plan_write(&p, err);
out:
	ki_reader_close(rd);
	for (i = 0; i < p.nev; i++) {
		free(p.ev[i].why);
		free(p.ev[i].note);
	}
	free(p.ev);
	for (i = 0; i < p.ns; i++)
		school_free(&p.s[i]);
	free(p.s);
	ki_plan_rules_free(&p.rules);
	ki_cal_free(p.cal);
	free(dir);
	return rc;
}

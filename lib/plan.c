/* ki-plan's work: read the schools into a spool, in URN order, twins merged. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/date.h"
#include "ki/share.h"
#include "ki/words.h"
#include "plan_impl.h"

/* URNs not in the usual form, end to end in blocks that never move. */
struct plan_block {
	struct plan_block *next;
	size_t used, cap;
	char s[];
};

/*
 * A URN's key sorts as strcmp sorts the URNs: a URN of 1 to 9 digits with
 * no leading zero is its digits padded to nine, then its length, under
 * the top bit; any other is a pointer to its copy.
 */
#define NUMERIC (1ull << 63)

static const uint64_t pow10[] = { 1, 10, 100, 1000, 10000, 100000, 1000000,
	10000000, 100000000, 1000000000 };

static uint64_t
numeric(const char *s)
{
	uint64_t v = 0;
	size_t i;

	if (s[0] < '1' || s[0] > '9')
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		if (i == 9 || s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	return NUMERIC | (v * pow10[9 - i]) << 4 | i;
}

const char *
plan_urn(uint64_t k, char *buf)
{
	if (!(k & NUMERIC))
		return (const char *)(uintptr_t)k;
	snprintf(buf, 24, "%llu", (unsigned long long)(((k & ~NUMERIC) >> 4) /
	    pow10[9 - (k & 15)]));
	return buf;
}

/* The key of urn, or 0 out of memory. */
static uint64_t
urn_key(struct plan *p, const char *urn)
{
	struct plan_block *b = p->urns;
	uint64_t k = numeric(urn);
	size_t len = strlen(urn) + 1;

	if (k != 0)
		return k;
	if (b == NULL || b->cap - b->used < len) {
		size_t cap = len > 65536 ? len : 65536;

		if ((b = malloc(sizeof(*b) + cap)) == NULL)
			return 0;
		b->next = p->urns;
		b->used = 0;
		b->cap = cap;
		p->urns = b;
	}
	memcpy(b->s + b->used, urn, len);
	b->used += len;
	return (uint64_t)(uintptr_t)(b->s + b->used - len);
}

static int
urncmp(uint64_t a, uint64_t b)
{
	char x[24], y[24];

	if ((a & NUMERIC) && (b & NUMERIC))
		return (a > b) - (a < b);
	return strcmp(plan_urn(a, x), plan_urn(b, y));
}

static int
by_urn(const void *a, const void *b)
{
	const struct plan_school *x = a, *y = b;
	int c = urncmp(x->key, y->key);

	return c != 0 ? c : (x->row > y->row) - (x->row < y->row);
}

/*
 * The columns the plan reads, whose values twins must share: a hash of
 * them stands for the values until two rows differ.
 */
static uint64_t
twin_hash(const struct ki_hdr *h, const struct ki_rec *rec,
    const struct ki_hdr *cols)
{
	uint64_t x = 14695981039346656037ull;
	size_t c;

	for (c = 0; c < cols->n; c++) {
		const char *v = plan_cell((const char *const *)rec->v, rec->n,
		    ki_hdr_index(h, cols->names[c]));

		/* Blank and missing are the same value. */
		x = (x ^ 0xffu) * 1099511628211ull;
		for (; v != NULL && *v != '\0'; v++)
			x = (x ^ (unsigned char)*v) * 1099511628211ull;
	}
	return x;
}

/* Room for one more row. */
static int
more(struct plan *p, uint64_t **hash, size_t *cap)
{
	size_t c = *cap ? *cap * 2 : 1024;
	struct plan_school *s;
	uint64_t *x;

	if (p->nrows < *cap)
		return 0;
	if (p->nrows >= UINT32_MAX - 1 || (s = realloc(p->s, c * sizeof(*s))) ==
	    NULL)
		return -1;
	p->s = s;
	if ((x = realloc(*hash, c * sizeof(*x))) == NULL)
		return -1;
	*hash = x;
	*cap = c;
	return 0;
}

static int
read_all(struct plan *p, struct ki_reader *rd, const struct ki_hdr *cols,
    uint64_t **hash, struct ki_err *err)
{
	const struct ki_hdr *h = ki_reader_hdr(rd);
	static const char *const need[] = { "urn", "district" };
	struct ki_rec *rec;
	size_t cap = 0, i;
	long blank = 0;
	int rc;

	while ((rc = ki_reader_next(rd, &rec, err)) == 1) {
		struct plan_school *s;
		const char *urn = plan_cell((const char *const *)rec->v, rec->n,
		    ki_hdr_index(h, "urn"));

		if (more(p, hash, &cap) == -1)
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
		s = &p->s[p->nrows];
		memset(s, 0, sizeof(*s));
		s->row = (uint32_t)p->nrows;
		if (urn == NULL && blank == 0)
			blank = rec->line;
		if (urn != NULL && (s->key = urn_key(p, urn)) == 0)
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
		(*hash)[p->nrows] = twin_hash(h, rec, cols);
		if (ki_rowspool_put(p->sp, rec, err) == -1)
			return -1;
		p->nrows++;
	}
	if (rc == -1)
		return -1;
	for (i = 0; i < 2; i++)
		if (ki_hdr_index(h, need[i]) < 0 && (i == 0 ||
		    p->o->advisers != NULL))
			return ki_err_set(err, ki_reader_name(rd), 1, need[i],
			    "no such column in the input%s", i ? ": chairs come "
			    "from another district" : "");
	if (blank != 0)
		return ki_err_set(err, ki_reader_name(rd), blank, "urn",
		    "blank: every school needs its URN");
	return 0;
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

/* The columns the plan reads: a school's twins must agree in them. */
static struct ki_hdr *
twin_cols(const struct plan *p)
{
	static char *fixed[] = { "name", "district", "adviser", NULL };
	struct ki_hdr *cols = ki_hdr_new();
	size_t i;

	if (cols == NULL || add_cols(cols, fixed) == -1)
		goto oom;
	for (i = 0; i < p->rules.n; i++) {
		const struct ki_plan_rule *r = &p->rules.r[i];

		if ((r->when != NULL && ki_cond_columns(r->when, cols) == -1) ||
		    add_cols(cols, r->add) == -1 || add_cols(cols, r->less) ==
		    -1 || add_cols(cols, r->col) == -1)
			goto oom;
	}
	return cols;
oom:
	ki_hdr_free(cols);
	return NULL;
}

/* A copy of rec's cells, or NULL. */
static char **
copy_cells(const struct ki_rec *rec)
{
	char **v = calloc(rec->n + 1, sizeof(*v));
	size_t i;

	for (i = 0; v != NULL && i < rec->n; i++)
		if (rec->v[i] != NULL && (v[i] = strdup(rec->v[i])) == NULL) {
			ki_words_free(v);
			return NULL;
		}
	return v;
}

/* Rows a (the first of its URN) and b differ: say where, from the spool. */
static int
twin_error(struct plan *p, const struct ki_hdr *cols, uint32_t a, uint32_t b,
    uint64_t urn, struct ki_err *err)
{
	struct ki_rec *rec;
	char **v[2] = { NULL, NULL }, u[24];
	size_t n[2] = { 0, 0 }, i, c;
	long line[2] = { 0, 0 };
	int rc;

	if ((rc = ki_rowspool_rewind(p->sp, err)) == -1)
		return -1;
	for (i = 0; (rc = ki_rowspool_next(p->sp, &rec, err)) == 1; i++)
		if (i == a || i == b) {
			free(v[i == b]);
			if ((v[i == b] = copy_cells(rec)) == NULL) {
				rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
				break;
			}
			n[i == b] = rec->n;
			line[i == b] = rec->line;
		}
	for (c = 0; rc == 0 && c < cols->n; c++) {
		long x = ki_hdr_index(p->h, cols->names[c]);
		const char *s = plan_cell((const char *const *)v[0], n[0], x);
		const char *t = plan_cell((const char *const *)v[1], n[1], x);

		if (strcmp(s ? s : "", t ? t : "") != 0) {
			rc = ki_err_set(err, p->file, line[1], cols->names[c],
			    "\"%s\" here, \"%s\" on line %ld for URN %s: one "
			    "school, one plan", t ? t : "", s ? s : "", line[0],
			    plan_urn(urn, u));
			break;
		}
	}
	/* Equal hashes of unequal values: not worth a second hash. */
	if (rc == 0)
		rc = ki_err_set(err, p->file, line[1], NULL, "rows of one URN "
		    "differ");
	for (i = 0; i < 2; i++)
		ki_words_free(v[i]);
	return rc;
}

/*
 * ki-broker writes a school once per leader: rows of one URN that agree
 * in every column the plan reads are one school (the first row kept);
 * rows that disagree are an error.
 */
static int
merge_twins(struct plan *p, const uint64_t *hash, const struct ki_hdr *cols,
    struct ki_err *err)
{
	struct plan_school *s;
	size_t i, n = 0;

	if (p->nrows > 0)
		qsort(p->s, p->nrows, sizeof(*p->s), by_urn);
	for (i = 0; i < p->nrows; i++) {
		if (n == 0 || urncmp(p->s[i].key, p->s[n - 1].key) != 0) {
			p->s[n++] = p->s[i];
			continue;
		}
		if (hash[p->s[i].row] != hash[p->s[n - 1].row]) {
			return twin_error(p, cols, p->s[n - 1].row, p->s[i].row,
			    p->s[i].key, err);
		}
	}
	p->ns = n;
	/* Twins gone, the rows' room is given back. */
	if (n > 0 && (s = realloc(p->s, n * sizeof(*s))) != NULL)
		p->s = s;
	return 0;
}

/* Read the input into p, closing it: the reader's buffers go too. */
static int
load(struct plan *p, struct ki_err *err)
{
	struct ki_reader *rd;
	struct ki_hdr *cols;
	uint64_t *hash = NULL;
	const struct ki_hdr *h;
	size_t i;
	int rc = -1;

	if ((cols = twin_cols(p)) == NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	if ((rd = ki_reader_open(p->o->input, p->o->in_fmt, 0, err)) == NULL ||
	    (p->sp = ki_rowspool_new(err)) == NULL)
		goto out;
	if (read_all(p, rd, cols, &hash, err) == -1)
		goto out;
	h = ki_reader_hdr(rd);
	p->in_fmt = ki_reader_fmt(rd);
	if ((p->file = strdup(ki_reader_name(rd))) == NULL ||
	    (p->h = ki_hdr_new()) == NULL) {
		ki_err_set(err, NULL, 0, NULL, "out of memory");
		goto out;
	}
	for (i = 0; i < h->n; i++)
		if (ki_hdr_add(p->h, h->names[i]) < 0) {
			ki_err_set(err, NULL, 0, NULL, "out of memory");
			goto out;
		}
	ki_reader_close(rd);
	rd = NULL;
	rc = merge_twins(p, hash, cols, err);
out:
	ki_reader_close(rd);
	ki_hdr_free(cols);
	free(hash);
	return rc;
}

/* The window of the plan: --from and --to within the calendar's terms. */
static int
window(struct plan *p, int *usage, struct ki_err *err)
{
	const struct ki_plan_opts *o = p->o;
	char a[11], b[11];
	size_t i;

	p->from = o->from >= 0 ? o->from : p->cal->term[0].start;
	p->to = o->to >= 0 ? o->to : p->cal->term[p->cal->nterm - 1].end;
	ki_date_format(p->cal->term[0].start, a);
	ki_date_format(p->cal->term[p->cal->nterm - 1].end, b);
	for (i = 0; i < 2; i++) {
		long d = i ? p->to : p->from;
		char s[11];

		if (d < p->cal->term[0].start ||
		    d > p->cal->term[p->cal->nterm - 1].end) {
			ki_date_format(d, s);
			*usage = 1;
			return ki_err_set(err, NULL, 0, i ? "--to" : "--from", "%s "
			    "is outside every term of calendar %s (%s to %s)", s,
			    p->cal->name, a, b);
		}
	}
	if (p->from > p->to) {
		*usage = 1;
		return ki_err_set(err, NULL, 0, "--to", "before --from");
	}
	p->stamp = o->have_stamp ? o->stamp : (long long)p->from * 86400;
	return 0;
}

static void
plan_free(struct plan *p)
{
	struct plan_block *b, *next;
	size_t i;

	for (b = p->urns; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	for (i = 0; p->val != NULL && i < p->rules.n; i++)
		free(p->val[i]);
	free(p->val);
	free(p->s);
	free(p->takes);
	free(p->chaired);
	free(p->m);
	free(p->file);
	ki_hdr_free(p->h);
	ki_keys_free(p->words);
	ki_keys_free(p->advs);
	if (p->have_adv)
		ki_advisers_free(&p->adv);
	ki_rowspool_free(p->sp);
	ki_rowspool_free(p->out);
	ki_plan_rules_free(&p->rules);
	ki_cal_free(p->cal);
}

int
ki_plan_run(const struct ki_plan_opts *o, int *usage, struct ki_err *err)
{
	struct plan p;
	char *dir = NULL;
	int rc = -1;

	memset(&p, 0, sizeof(p));
	p.o = o;
	*usage = 0;
	if ((p.cal = ki_cal_load(o->calendar, err)) == NULL ||
	    window(&p, usage, err) == -1)
		goto out;
	if (o->plans == NULL && (dir = ki_share_dir("plans")) == NULL) {
		if (errno == ENOMEM)
			ki_err_set(err, NULL, 0, NULL, "out of memory");
		else
			ki_err_set(err, NULL, 0, NULL, "cannot find the shipped "
			    "plans directory (set KI_DATADIR)");
		goto out;
	}
	if (ki_plan_rules_load(&p.rules, dir, o->plans, err) == -1 ||
	    load(&p, err) == -1 || ki_plan_judge(&p, err) == -1)
		goto out;
	rc = ki_plan_write(&p, err);
out:
	plan_free(&p);
	free(dir);
	return rc;
}

/* Per-year sources that share a school and year, merged; schools seen. */
#include <stdlib.h>
#include <string.h>

#include "ki/import_int.h"

void
ki_imp_free_merged(void *p)
{
	struct ki_imp_held *h = p;
	size_t i;

	for (i = 0; h->v[i] != (char *)h; i++)
		free(h->v[i]);
	free(h->v);
	free(h);
}

/*
 * Note that the current row's school (urn) has been seen in year y (NULL
 * for none). Returns 1 if it had been already, 0 if not, -1 on allocation
 * failure. Memory is some 12 bytes a school, its URN's and 2: fifteen
 * years about the first year seen are bits of one short (bit 15: no year),
 * and only other years go to the table under key.
 */
int
ki_imp_see(struct ki_imp *c, const char *key, const char *y)
{
	long i, bit = 15;

	if (y != NULL) {
		char *end;
		long v = strtol(y, &end, 10);

		if (*end == '\0' && end != y && c->ybase == 0 && v > 7 &&
		    v < 100000)
			c->ybase = v - 7;
		if (*end != '\0' || end == y || c->ybase == 0 ||
		    v < c->ybase || v > c->ybase + 14) {
			if (ki_tab_get(c->seen, key) != NULL)
				return 1;
			return ki_tab_put(c->seen, key, c) == -1 ? -1 : 0;
		}
		bit = v - c->ybase;
	}
	if ((i = ki_urnset_intern(c->urns, c->row[c->i_urn])) == -1)
		return -1;
	if ((size_t)i >= c->ymcap) {
		size_t cap = c->ymcap ? c->ymcap * 2 : 1024;
		uint16_t *m;

		while (cap <= (size_t)i)
			cap *= 2;
		if ((m = realloc(c->ymask, cap * sizeof(*m))) == NULL)
			return -1;
		c->ymask = m;
		c->ymcap = cap;
	}
	/* Zeroed as far as used: the pages past it are never touched. */
	if ((size_t)i >= c->ymlen) {
		memset(c->ymask + c->ymlen, 0, ((size_t)i + 1 - c->ymlen) *
		    sizeof(*c->ymask));
		c->ymlen = (size_t)i + 1;
	}
	if (c->ymask[i] & (1u << bit))
		return 1;
	c->ymask[i] |= (uint16_t)(1u << bit);
	return 0;
}

/*
 * Keep the current row under key, or merge it into the row already there
 * from another per-year source (an all-through school is in both the KS2
 * and the KS4 file): blanks are filled, and the phases merge by the rule
 * of share/canon/columns.json (primary with secondary makes all-through).
 */
int
ki_imp_hold(struct ki_imp *c, const char *key, size_t k, long line)
{
	struct ki_imp_held *h = ki_tab_get(c->seen, key);
	size_t i, n = c->out->n;

	if (h != NULL && (h->srcs & (UINT64_C(1) << k)))
		return ki_err_set(c->err, ki_reader_name(c->src[k].rd), line,
		    "urn", "school %s appears twice for %s",
		    c->row[c->i_urn], c->row[c->i_year]);
	if (h == NULL) {
		if ((h = calloc(1, sizeof(*h))) == NULL ||
		    (h->v = calloc(n + 1, sizeof(char *))) == NULL ||
		    ki_tab_put(c->seen, key, h) == -1) {
			if (h != NULL)
				free(h->v);
			free(h);
			return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
		}
		h->v[n] = (char *)h;	/* end mark for free_merged */
		h->src = k;
		h->line = line;
	}
	h->srcs |= UINT64_C(1) << k;
	for (i = 0; i < n; i++) {
		const char *v = c->row[i];

		if (v == NULL)
			continue;
		/* Two files that disagree on a value: never pick one quietly. */
		if (h->v[i] != NULL && (long)i != c->i_phase &&
		    strcmp(c->out->names[i], "name") != 0 &&
		    strcmp(h->v[i], v) != 0)
			return ki_err_set(c->err, ki_reader_name(c->src[k].rd),
			    line, c->out->names[i], "school %s, %s: \"%s\" here "
			    "but \"%s\" in %s", c->row[c->i_urn],
			    c->row[c->i_year], v, h->v[i],
			    ki_reader_name(c->src[h->src].rd));
		if (h->v[i] != NULL && (long)i != c->i_phase)
			continue;
		/* The phases merge by the rule in share/canon/columns.json. */
		if (h->v[i] != NULL) {
			if ((v = ki_canon_merge_phase(h->v[i], v)) == h->v[i])
				continue;
		}
		free(h->v[i]);
		if ((h->v[i] = strdup(v)) == NULL)
			return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	}
	return 0;
}

/* Write the merged rows, in the order they first came. */
int
ki_imp_flush_merged(struct ki_imp *c, struct ki_writer *w)
{
	const char *key;
	void *val;
	size_t pos = 0, i;

	/* An academy may take the grade of the school that names it (URN_AC). */
	while (c->i_succ >= 0 && c->i_onote >= 0 && ki_tab_next(c->seen, &pos,
	    &key, &val))
		if ((c->preds == NULL && (c->preds = ki_preds_new()) == NULL) ||
		    ki_preds_note(c->preds,
		    ((struct ki_imp_held *)val)->v[c->i_succ],
		    ((struct ki_imp_held *)val)->v[c->i_urn]) == -1)
			return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	pos = 0;
	while (ki_tab_next(c->seen, &pos, &key, &val)) {
		struct ki_imp_held *h = val;

		for (i = 0; i < c->out->n; i++)
			c->row[i] = h->v[i];
		ki_imp_join(c, c->nsrc);
		if (ki_writer_row(w, c->out->n, c->row, c->num) == -1)
			return ki_imp_written(c, w);
	}
	return 0;
}

/*
 * Hold the current row to the end, on disk, noting the predecessor its
 * successor column names (URN_AC), which rows after it may need. Returns
 * 0, or -1 with err set.
 */
int
ki_imp_spool_row(struct ki_imp *c, long line)
{
	struct ki_rec r;

	if (c->i_onote >= 0 && ((c->preds == NULL &&
	    (c->preds = ki_preds_new()) == NULL) || ki_preds_note(c->preds,
	    c->row[c->i_succ], c->row[c->i_urn]) == -1))
		return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	r.n = c->out->n;
	r.v = (char **)c->row;
	r.len = NULL;
	r.num = c->num;
	r.line = line;
	return ki_rowspool_put(c->spool, &r, c->err);
}

/* Write the spooled rows, in the order they came, joined. */
int
ki_imp_flush_spool(struct ki_imp *c, struct ki_writer *w)
{
	struct ki_rec *rec;
	size_t i;
	int rc;

	if (ki_rowspool_rewind(c->spool, c->err) == -1)
		return -1;
	while ((rc = ki_rowspool_next(c->spool, &rec, c->err)) == 1) {
		for (i = 0; i < c->out->n; i++)
			c->row[i] = i < rec->n ? rec->v[i] : NULL;
		ki_imp_join(c, c->nsrc);
		if (ki_writer_row(w, c->out->n, c->row, c->num) == -1)
			return ki_imp_written(c, w);
	}
	return rc;
}

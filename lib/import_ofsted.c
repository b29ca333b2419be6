/* The Ofsted inspection in force at a date, from every Ofsted source. */
#include <stdio.h>
#include <string.h>

#include "ki/import_int.h"
#include "ki/links.h"
#include "ki/ofcover.h"

/*
 * The last date inspection source s covers (after load): --ofsted-as-at,
 * else the date in its name, else the latest date in it, said on c->note.
 */
void
ki_imp_set_cover(struct ki_imp *c, struct ki_imp_src *s, int say)
{
	const char *how;
	size_t i;

	/* A period, from --ofsted-period or the name; else a snapshot? */
	if (c->opt->per_from[0] != '\0' || (c->opt->as_at[0] == '\0' &&
	    ki_ofcover_period_name(s->path, s->from, s->cover))) {
		if (c->opt->per_from[0] != '\0') {
			snprintf(s->from, sizeof(s->from), "%s",
			    c->opt->per_from);
			snprintf(s->cover, sizeof(s->cover), "%s",
			    c->opt->per_to);
		}
		if (say && c->opt->verbose)
			fprintf(c->note, "%s: %s: covers %s to %s (from %s)\n",
			    KI_IMP_PROG, ki_reader_name(s->rd), s->from,
			    s->cover, c->opt->per_from[0] ? "--ofsted-period" :
			    "its name");
		return;
	}
	s->snap = c->opt->as_at[0] != '\0' || ki_ofcover_snapshot_name(s->path);
	if (c->opt->as_at[0] != '\0') {
		snprintf(s->cover, sizeof(s->cover), "%s", c->opt->as_at);
		how = "--ofsted-as-at";
	} else if (ki_imp_cover_from_name(s->path, s->cover))
		how = "its name";
	else {
		s->cover[0] = '\0';
		for (i = 0; i < s->norder; i++)
			if (strcmp(s->order[i]->date, s->cover) > 0)
				snprintf(s->cover, sizeof(s->cover), "%s",
				    s->order[i]->date);
		if (say && s->cover[0] != '\0')
			fprintf(c->note, "%s: %s: note: its name gives no date "
			    "it is as at, so it is taken to cover to %s, its "
			    "latest date (give --ofsted-as-at DATE to say)\n",
			    KI_IMP_PROG, ki_reader_name(s->rd), s->cover);
		else if (say)
			fprintf(c->note, "%s: %s: note: its name gives no date "
			    "it is as at and it has no dated inspection, so it "
			    "covers no date (give --ofsted-as-at DATE to say)\n",
			    KI_IMP_PROG, ki_reader_name(s->rd));
		return;
	}
	if (say && c->opt->verbose)
		fprintf(c->note, "%s: %s: covers to %s (from %s)\n", KI_IMP_PROG,
		    ki_reader_name(s->rd), s->cover, how);
}

/* How many inspection sources there are. */
size_t
ki_imp_nsrc_insp(const struct ki_imp *c)
{
	size_t k, n = 0;

	for (k = 0; k < c->nsrc; k++)
		n += c->src[k].kind == KI_MAP_INSPECTION;
	return n;
}

/*
 * Whether inspection row h of source s for urn is also in a file that
 * covers later (the newer file's copy wins: duplicates by inspection
 * number are dropped).
 */
static int
dup_newer(const struct ki_imp *c, size_t base, const struct ki_imp_src *s,
    const char *urn, const struct ki_imp_held *h)
{
	const char *num = ki_imp_hval(s, h, "inspection_number");
	size_t k;

	if (num == NULL)
		return 0;
	for (k = 0; k < c->nsrc; k++) {
		const struct ki_imp_src *o = &c->src[k];
		const struct ki_imp_held *g;
		int cmp;

		if (k == base || o == s || o->kind != KI_MAP_INSPECTION ||
		    (cmp = strcmp(o->cover, s->cover)) < 0 || (cmp == 0 && o < s))
			continue;
		for (g = ki_tab_get(o->rows, urn); g != NULL; g = g->next) {
			const char *n2 = ki_imp_hval(o, g, "inspection_number");

			if (g->judged && n2 != NULL && strcmp(num, n2) == 0)
				return 1;
		}
	}
	return 0;
}

/* The inspection in force, and where it came from. */
struct pick {
	const struct ki_imp_src *s;
	const struct ki_imp_held *h;	/* the inspection's row */
	int prev;		/* 1: the one before h, from h's columns */
};

/* What the Ofsted sources say of a school and a date, for in_force. */
struct scan {
	const struct ki_imp_src *last;	/* the latest cover */
	const struct ki_imp_src *per;	/* a period holding d */
	const char *first;		/* the earliest date known */
	const char *gap_lo, *gap_hi;	/* a file's end before d, one's start after */
	struct ki_span sp[128];		/* what each source covers */
	size_t nsp;
	int any;
};

/*
 * Scan source s's inspections of urn for the one in force on d, into p,
 * and what s covers, into sc.
 */
static void
scan_source(const struct ki_imp *c, size_t base, const struct ki_imp_src *s,
    const char *urn, const char *d, struct pick *p, struct scan *sc)
{
	const struct ki_imp_held *h, *e = NULL;
	const char *from;

	for (h = ki_tab_get(s->rows, urn); h != NULL; h = h->next) {
		if (!h->judged || h->date[0] == '\0' ||
		    dup_newer(c, base, s, urn, h))
			continue;
		sc->any = 1;
		if (e == NULL)
			e = h;
		if (strcmp(h->date, d) > 0)
			break;
		/* The latest; the same inspection from a newer file. */
		if (p->h == NULL || strcmp(h->date, p->prev ?
		    p->h->prev : p->h->date) > 0 || (strcmp(h->date,
		    p->prev ? p->h->prev : p->h->date) == 0 &&
		    strcmp(s->cover, p->s->cover) >= 0)) {
			p->s = s;
			p->h = h;
			p->prev = 0;
		}
	}
	/* A period covers every school; else from the first here. */
	if (s->from[0] != '\0') {
		(void)ki_span_add(sc->sp, &sc->nsp, 128, s->from, s->cover);
		if (e != NULL && e->prev[0] != '\0' &&
		    strcmp(e->date, s->from) >= 0)
			(void)ki_span_add(sc->sp, &sc->nsp, 128, e->prev,
			    e->date);
		if (strcmp(s->from, d) <= 0 && strcmp(s->cover, d) >= 0)
			sc->per = s;
	} else if (e != NULL)
		(void)ki_span_add(sc->sp, &sc->nsp, 128, e->prev[0] ? e->prev :
		    e->date, s->cover);
	if (e == NULL)
		return;
	/* Before its first inspection here: its previous one's. */
	if (e->prev[0] != '\0' && strcmp(e->date, d) > 0 &&
	    strcmp(e->prev, d) <= 0 && (p->h == NULL ||
	    strcmp(e->prev, p->prev ? p->h->prev : p->h->date) > 0)) {
		p->s = s;
		p->h = e;
		p->prev = 1;
	}
	from = e->prev[0] ? e->prev : e->date;
	if (sc->first == NULL || strcmp(from, sc->first) < 0)
		sc->first = from;
	/* The gap d may fall in: a file's end before it, one's start after. */
	if (strcmp(s->cover, d) < 0 && (sc->gap_lo == NULL ||
	    strcmp(s->cover, sc->gap_lo) > 0))
		sc->gap_lo = s->cover;
	if (strcmp(from, d) > 0 && (sc->gap_hi == NULL ||
	    strcmp(from, sc->gap_hi) < 0))
		sc->gap_hi = from;
}

/* Why no grade of urn is known in force on d, from scan sc; as in_force. */
static int
why_none(const struct ki_imp *c, const char *urn, const char *d,
    const struct scan *sc, char *why, size_t len)
{
	if (sc->last == NULL) {
		snprintf(why, len, "no Ofsted source");
		return -1;
	}
	if (sc->last->cover[0] == '\0') {
		snprintf(why, len, "no grade in force known: the Ofsted data "
		    "has no dated inspection");
		return -1;
	}
	if (strcmp(sc->last->cover, d) < 0) {
		snprintf(why, len, "no grade in force known: the Ofsted %s "
		    "to %s; as at %s is after it", ki_imp_nsrc_insp(c) < 2 ?
		    "file covers" : "files cover", sc->last->cover, d);
		return -1;
	}
	if (sc->per != NULL)
		snprintf(why, len, "no grade in force known: the Ofsted data "
		    "has no inspection of %s from %s, the start of the period "
		    "it covers, to %s, and does not say what was in force "
		    "before", urn, sc->per->from, d);
	else if (!sc->any)
		snprintf(why, len, "no inspection of %s in the Ofsted data",
		    urn);
	else if (strcmp(sc->first, d) <= 0 && sc->gap_lo != NULL &&
	    sc->gap_hi != NULL)
		snprintf(why, len, "no grade in force known: the Ofsted data "
		    "covers %s to %s and again from %s; as at %s is between",
		    urn, sc->gap_lo, sc->gap_hi, d);
	else if (strcmp(sc->first, d) <= 0 && sc->gap_lo != NULL)
		snprintf(why, len, "no grade in force known: the Ofsted data "
		    "covers %s to %s; as at %s is after it", urn, sc->gap_lo, d);
	else
		snprintf(why, len, "no grade in force known: the Ofsted data's "
		    "first inspection of %s is of %s; as at %s is before it",
		    urn, sc->first, d);
	return 0;
}

/*
 * The inspection in force for urn on date d (yyyy-mm-dd), from every
 * inspection source but base: the latest with a judgement on or before
 * d, when some source covers d for this school (it covers to its date,
 * and back to the first inspection of the school it reports or the one
 * before it, from its previous-inspection columns). Returns 1 and *p;
 * else why there is none in why, and 0 when the school has no inspection
 * known on or before d (an academy's predecessor's may be in force), -1
 * when no source covers d.
 */
static int
in_force(const struct ki_imp *c, size_t base, const char *urn, const char *d,
    struct pick *p, char *why, size_t len)
{
	struct scan sc;
	size_t k;

	memset(p, 0, sizeof(*p));
	memset(&sc, 0, sizeof(sc));
	for (k = 0; k < c->nsrc; k++) {
		const struct ki_imp_src *s = &c->src[k];

		if (k == base || s->kind != KI_MAP_INSPECTION)
			continue;
		if (sc.last == NULL || strcmp(s->cover, sc.last->cover) > 0)
			sc.last = s;
		scan_source(c, base, s, urn, d, p, &sc);
	}
	/* In force only when the sources cover every day since it. */
	if (p->h != NULL && ki_spans_cover(sc.sp, sc.nsp, p->prev ?
	    p->h->prev : p->h->date, d))
		return 1;
	p->h = NULL;
	return why_none(c, urn, d, &sc, why, len);
}

/*
 * Fill the row from pick p: the inspection, or the one before it; a
 * predecessor's (own 0) gives its judgements, not its number, name,
 * phase, funding or pupils.
 */
static void
fill_pick(struct ki_imp *c, const struct pick *p, int own)
{
	static const char *const ident[] = { "urn", "laestab", "name",
	    "phase", "funding", "pupils", NULL };
	const struct ki_imp_src *s = p->s;
	size_t i, j;

	for (i = 0; i < s->ncols; i++) {
		const char *name = c->out->names[s->oidx[i]];
		const char *v = p->prev ? NULL : p->h->v[i];

		for (j = 0; ident[j] != NULL; j++)
			if (strcmp(name, ident[j]) == 0)
				v = own ? p->h->v[i] : NULL;
		if (!p->prev)
			;
		else if (strcmp(name, "ofsted_grade") == 0)
			v = ki_imp_hval(s, p->h, "ofsted_prev_grade");
		else if (strcmp(name, "ofsted_date") == 0)
			v = ki_imp_hval(s, p->h, "ofsted_prev_date");
		else if (strcmp(name, "ofsted_published") == 0)
			v = ki_imp_hval(s, p->h, "ofsted_prev_published");
		/* A predecessor's inspection: the school changed structure. */
		if (!own && strcmp(name, "ofsted_same_urn") == 0)
			v = "no";
		else if (!own && strcmp(name, "ofsted_inspected_urn") == 0)
			v = c->ourn;
		if (c->row[s->oidx[i]] == NULL && v != NULL)
			c->row[s->oidx[i]] = v;
	}
}

/* No as-at date: the latest inspection of each source. */
static void
join_latest(struct ki_imp *c, size_t base, const char *urn)
{
	const struct ki_imp_held *h, *last;
	size_t k;

	for (k = 0; k < c->nsrc; k++) {
		const struct ki_imp_src *s = &c->src[k];

		if (k == base || s->kind != KI_MAP_INSPECTION)
			continue;
		for (h = ki_tab_get(s->rows, urn), last = NULL; h != NULL;
		    h = h->next)
			if (h->judged && h->date[0] != '\0')
				last = h;
		if (last != NULL)
			ki_imp_fill(c, s, (const char *const *)last->v);
	}
}

/*
 * The grade of at's graded inspection before inspection h, in any file,
 * as the row's previous grade.
 */
static void
prev_graded(struct ki_imp *c, size_t base, const char *at,
    const struct ki_imp_held *h)
{
	const struct ki_imp_held *g, *prev = NULL;
	const struct ki_imp_src *ps = NULL;
	size_t k;

	for (k = 0; k < c->nsrc; k++) {
		const struct ki_imp_src *s = &c->src[k];

		if (k == base || s->kind != KI_MAP_INSPECTION)
			continue;
		for (g = ki_tab_get(s->rows, at); g != NULL; g = g->next)
			if (g->graded && strcmp(g->date, h->date) < 0 &&
			    (prev == NULL || strcmp(g->date, prev->date) > 0)) {
				prev = g;
				ps = s;
			}
	}
	if (prev != NULL)
		c->row[c->i_prev] = ki_imp_hval(ps, prev, "ofsted_grade");
}

/*
 * Join the inspection in force on 31 August of the row's year: the
 * school's own, else (an academy not yet inspected) its predecessor's.
 * Says which URN it came from, or why there is none.
 */
void
ki_imp_join_inspections(struct ki_imp *c, size_t base)
{
	const char *urn = c->row[c->i_urn], *year = c->row[c->i_year];
	char d[16], why[256], at[32];
	struct pick p;
	const char *iu;
	int found, depth;

	if (year == NULL || c->i_onote < 0) {
		join_latest(c, base, urn);
		return;
	}
	snprintf(d, sizeof(d), "%s-08-31", year);
	found = in_force(c, base, urn, d, &p, why, sizeof(why));
	snprintf(at, sizeof(at), "%s", urn);
	/* An academy not inspected by then: its predecessor's inspection. */
	for (depth = 0; found == 0 && depth < KI_LINKS_DEPTH; depth++) {
		char pred[32], pwhy[256];
		const char *ac = NULL;

		ki_imp_linked(c, at, 0, pred, sizeof(pred));
		/* Else the school whose DfE row names it in URN_AC. */
		if (pred[0] == '\0' && (ac = ki_preds_of(c->preds, at)) != NULL)
			snprintf(pred, sizeof(pred), "%s", ac);
		if (pred[0] == '\0')
			break;
		snprintf(at, sizeof(at), "%s", pred);
		if (in_force(c, base, at, d, &p, pwhy, sizeof(pwhy)) == 1) {
			found = 1;
			snprintf(c->onote, sizeof(c->onote), "the predecessor's "
			    "(URN %s%s): %s has no inspection of its own in the "
			    "Ofsted data on or before %s", at, ac ? ", whose "
			    "DfE row names it in URN_AC" : "", urn, d);
		}
	}
	if (found != 1) {
		snprintf(c->onote, sizeof(c->onote), "%s", why);
		c->row[c->i_onote] = c->onote;
		return;
	}
	if (strcmp(at, urn) == 0 && p.prev)
		snprintf(c->onote, sizeof(c->onote), "the inspection before "
		    "the one of %s, from its previous-inspection columns",
		    p.h->date);
	snprintf(c->ourn, sizeof(c->ourn), "%s", at);
	/* Ofsted's own file may say the inspection was of another URN. */
	if (!p.prev && (iu = ki_imp_hval(p.s, p.h, "ofsted_inspected_urn")) !=
	    NULL && strcmp(iu, at) != 0) {
		snprintf(c->ourn, sizeof(c->ourn), "%s", iu);
		snprintf(c->onote, sizeof(c->onote), "the inspection of URN %s, "
		    "which Ofsted's file gives as %s's", iu, at);
		c->row[c->i_onote] = c->onote;
	}
	c->row[c->i_ourn] = c->ourn;
	if (strcmp(at, urn) != 0 || p.prev)
		c->row[c->i_onote] = c->onote;
	fill_pick(c, &p, strcmp(at, urn) == 0);
	if (p.prev || c->i_prev < 0 || c->row[c->i_prev] != NULL)
		return;
	prev_graded(c, base, at, p.h);
}

/*
 * GIAS's latest rating is in force from its inspection date on, up to the
 * extract's date; a file without the dates gives the rating as at the
 * extract's date, and says so.
 */
void
ki_imp_latest_rating(struct ki_imp *c, const struct ki_imp_src *s,
    const char *year)
{
	long il = ki_hdr_index(c->out, "ofsted_grade_latest");
	long id = ki_hdr_index(c->out, "ofsted_grade_latest_date");
	const char *date = id >= 0 ? c->row[id] : NULL;
	char d[16];

	size_t k;

	if (il < 0 || c->row[il] == NULL || c->i_lnote < 0 || year == NULL)
		return;
	/* Only the source that gave the rating says what it covers. */
	for (k = 0; k < s->ncols && s->oidx[k] != (size_t)il; k++)
		;
	if (k == s->ncols)
		return;
	snprintf(d, sizeof(d), "%s-08-31", year);
	if (date != NULL && strcmp(date, d) > 0) {
		snprintf(c->lnote, sizeof(c->lnote), "GIAS's latest rating is "
		    "of an inspection of %s, after %s: it says nothing of %s",
		    date, d, d);
		c->row[il] = NULL;
	} else if (date != NULL && s->asat[0] != '\0' && strcmp(s->asat, d) < 0) {
		snprintf(c->lnote, sizeof(c->lnote), "the GIAS extract is of "
		    "%s; as at %s is after it", s->asat, d);
		c->row[il] = NULL;
	} else if (date != NULL)
		return;
	else if (s->asat[0] != '\0')
		snprintf(c->lnote, sizeof(c->lnote), "GIAS's rating as at the "
		    "extract's date, %s, not as at %s", s->asat, d);
	else
		snprintf(c->lnote, sizeof(c->lnote), "GIAS's rating as at the "
		    "extract's date (its file name gives none), not as at %s",
		    d);
	c->row[c->i_lnote] = c->lnote;
}

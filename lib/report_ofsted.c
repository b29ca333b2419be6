/*
 * The ofsted report: the inspections published in a week (or --from/--to),
 * their grade changes, report cards, categories of concern, schools stuck
 * by the DfE's RISE rule, and the letters owed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/date.h"
#include "ki/policy.h"
#include "ki/share.h"
#include "report_ofsted.h"

/* The changes in grade, in the order they are listed. */
#define NCHANGE 7
static const char *const changes[NCHANGE] = { "improved", "declined",
	"same", "first inspection", "previous grade not in the file",
	"not graded", "report card" };

/* What the week's sections gather. */
struct week {
	const struct ki_report_opts *o;
	const struct rdata *d;
	const struct prior *pr;
	const struct words *w;
	struct ki_report *r;
	int codes;		/* codes beside the words (csv, json) */
	int text;		/* the text form: 80 columns */
	int carries_prev;	/* the file says what came before */
	long letter_days;
	struct inwin *in;	/* the window's inspections, in order */
	size_t n, ncards;
	int proxies;		/* dated by the end of the inspection */
	long undated;		/* rows with no date: in no week */
	struct ki_section *list, *grades, *cats, *letters, *by;
	struct ki_tab *g;	/* --by: inspections per group */
	long nchange[NCHANGE];
	int *lost;
};

static int
grade_ok(const char *g)
{
	return g[0] >= '1' && g[0] <= '4' && g[1] == '\0';
}

/*
 * The change in grade. With no previous grade: "first inspection" only
 * when the data says there was none (the file carries previous
 * inspections, and the row has neither a previous date nor an earlier
 * inspection in the input); else the previous grade is not in the file.
 */
static const char *
change(const char *g, const char *p, int none_before)
{
	if (g == NULL)
		return "not graded";
	if (p == NULL)
		return none_before ? "first inspection" :
		    "previous grade not in the file";
	return strcmp(g, p) < 0 ? "improved" : strcmp(g, p) > 0 ? "declined" :
	    "same";
}

static int
by_published(const void *a, const void *b)
{
	const struct inwin *x = a, *y = b;

	return x->day != y->day ? (x->day < y->day ? -1 : 1) :
	    x->urn != y->urn ? (x->urn < y->urn ? -1 : 1) : 0;
}

/*
 * The days within which a headteacher is owed a letter after a report is
 * published, from the shipped plan of Ofsted deadlines (manual 5.2.1:
 * "within two weeks of the publication of the report"), and the title of
 * the section that lists the letters.
 */
static int
letter_title(char *title, size_t size, long *days, struct ki_err *err)
{
	static const char *const weeks[] = { "one week", "two weeks",
	    "three weeks", "four weeks" };
	double v;

	if (ki_policy_number("plans", "ofsted",
	    "events[event=ofsted-letter].date.days", &v, err) == -1)
		return -1;
	if (v < 1 || v > 366 || v != (long)v)
		return ki_err_set(err, NULL, 0, NULL, "plans/ofsted.json: the "
		    "letter's days must be a whole number from 1 to 366");
	*days = (long)v;
	if (*days % 7 == 0 && *days / 7 <= 4)
		snprintf(title, size, "Letters owed to headteachers (%s from "
		    "publication)", weeks[*days / 7 - 1]);
	else
		snprintf(title, size, "Letters owed to headteachers (%ld days "
		    "from publication)", *days);
	return 0;
}

/* The inspections published in the window, in order of the day. */
static int
select_window(struct week *wk, const long *day, const int *st)
{
	const struct rdata *d = wk->d;
	size_t i;

	if ((wk->in = calloc(d->n + 1, sizeof(*wk->in))) == NULL)
		return -1;
	for (i = 0; i < d->n; i++) {
		const char *urn = ki_rval(d, i, "urn");

		/* A row with no date is in no week: counted, never listed. */
		if (st[i] == 1) {
			wk->undated++;
			continue;
		}
		if (day[i] < wk->o->from || day[i] > wk->o->to)
			continue;
		/* Dated by the end of the inspection: no publication date. */
		wk->proxies += ki_rval(d, i, "ofsted_published") == NULL;
		wk->ncards += ki_ris_card(d, i);
		wk->in[wk->n].row = (long)i;
		wk->in[wk->n].day = day[i];
		/* The urn orders rows of a day; strtol saturates, atol may not. */
		wk->in[wk->n++].urn = urn ? strtol(urn, NULL, 10) : 0;
	}
	qsort(wk->in, wk->n, sizeof(*wk->in), by_published);
	return 0;
}

/* The list of inspections and the grade changes. */
static void
first_sections(struct week *wk)
{
	/* Words for people; codes, and the words beside them, for programs. */
	static const char *const h1[] = { "urn", "name", "phase",
	    "published", "grade", "previous", "change", "category" };
	static const char *const h1c[] = { "urn", "name", "phase",
	    "published", "grade", "grade in words", "previous",
	    "previous in words", "change", "category", "category in words" };
	static const enum ki_ckind k1[] = { KI_CK_TEXT, KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_DATE, KI_CK_TEXT, KI_CK_TEXT, KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_TEXT, KI_CK_TEXT, KI_CK_TEXT };
	/* Text fits 80 columns: what spills goes on a second line. */
	static const char *const h1t[] = { "urn", "name", "published", "grade",
	    "change", "previous", "category", "phase" };
	static const enum ki_ckind k1t[] = { KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_DATE, KI_CK_TEXT, KI_CK_TEXT, KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_TEXT };
	static const char *const h2[] = { "change", "inspections" };
	static const enum ki_ckind kn[] = { KI_CK_TEXT, KI_CK_NUMBER };
	char title[200], f[11], t[11];

	ki_date_format(wk->o->from, f);
	ki_date_format(wk->o->to, t);
	snprintf(title, sizeof(title), "Inspections published %s to %s", f, t);
	wk->list = ki_report_section(wk->r, title, wk->codes ? 11 : 8,
	    wk->codes ? h1c : wk->text ? h1t : h1, wk->text ? k1t : k1);
	wk->grades = ki_report_section(wk->r, "Grade changes against the "
	    "previous inspection", 2, h2, kn);
}

/* Entering or leaving a category of concern: after the report cards. */
static void
cats_section(struct week *wk)
{
	static const char *const h3[] = { "urn", "name", "grade", "previous",
	    "category", "movement" };
	static const char *const h3c[] = { "urn", "name", "grade",
	    "grade in words", "previous", "previous in words", "category",
	    "category in words", "movement" };
	static const enum ki_ckind k3[] = { KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_TEXT, KI_CK_TEXT, KI_CK_TEXT, KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_TEXT, KI_CK_TEXT };

	wk->cats = ki_report_section(wk->r, "Entering or leaving a category "
	    "of concern", wk->codes ? 9 : 6, wk->codes ? h3c : h3, k3);
}

/* The letters owed, and with --by the inspections per group. */
static int
last_sections(struct week *wk, const char *ltitle)
{
	static const enum ki_ckind k4[] = { KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_DATE, KI_CK_DATE };
	static const char *const h4[] = { "urn", "name", "published",
	    "letter due" };
	static const enum ki_ckind kn[] = { KI_CK_TEXT, KI_CK_NUMBER };
	char title[200];
	size_t i;

	wk->letters = ki_report_section(wk->r, ltitle, 4, h4, k4);
	if (wk->o->by != NULL) {
		const char *h5[] = { wk->o->by, "inspections" };

		snprintf(title, sizeof(title), "Inspections by %s", wk->o->by);
		wk->by = ki_report_section(wk->r, title, 2, h5, kn);
		if ((wk->g = ki_tab_new()) == NULL)
			return -1;
	}
	/* Whether the file says what came before: a previous grade or date. */
	for (i = 0; i < wk->d->n && !wk->carries_prev; i++)
		wk->carries_prev = ki_rval(wk->d, i, "ofsted_prev_grade") !=
		    NULL || ki_rval(wk->d, i, "ofsted_prev_date") != NULL ||
		    ki_rval(wk->d, i, "ofsted_prev_published") != NULL;
	return 0;
}

/* The change of row k in words, and whether it is in a category now. */
static const char *
change_of(const struct week *wk, size_t k, const char *gr, const char *pv)
{
	const struct rdata *d = wk->d;

	if (gr == NULL && ki_ris_card(d, k))
		return "report card";
	return change(gr, pv, wk->carries_prev && ki_rbefore(wk->pr, k, 0) < 0 &&
	    ki_rval(d, k, "ofsted_prev_date") == NULL &&
	    ki_rval(d, k, "ofsted_prev_published") == NULL);
}

/* Row k's line in the list of inspections, in the order of the form. */
static void
list_row(struct week *wk, size_t k, const char *const *code,
    const char *const *word, const char *pub, const char *ch)
{
	const struct rdata *d = wk->d;
	const char *row[11];

	row[0] = ki_rval(d, k, "urn");
	row[1] = ki_rval(d, k, "name");
	row[2] = ki_rval(d, k, "phase");
	row[3] = pub;
	if (wk->codes) {
		const char *c1[] = { code[0], word[0], code[1], word[1], ch,
		    code[2], word[2] };

		memcpy(row + 4, c1, sizeof(c1));
	} else if (wk->text) {
		const char *c1[] = { pub, word[0], ch, word[1], word[2], row[2] };

		memcpy(row + 2, c1, sizeof(c1));
	} else {
		const char *c1[] = { word[0], word[1], ch, word[2] };

		memcpy(row + 4, c1, sizeof(c1));
	}
	ki_section_row(wk->list, row);
}

/*
 * Row k into a category (in one now and not Inadequate before) or out of
 * one (Inadequate before and judged better now).
 */
static void
cat_row(struct week *wk, size_t k, const char *const *code,
    const char *const *word)
{
	const struct rdata *d = wk->d;
	const char *gr = code[0], *pv = code[1], *cat = code[2];
	/* In a category now: Inadequate, or with no overall grade (a report
	 * card, 2024/25) a category of concern. */
	int in_now = gr != NULL ? strcmp(gr, "4") == 0 :
	    ki_ris_judged(d, k) && cat != NULL;
	int in_before = pv != NULL && strcmp(pv, "4") == 0;
	const char *mv = in_now ? "entering" : "leaving";
	const char *urn = ki_rval(d, k, "urn"), *name = ki_rval(d, k, "name");
	const char *e[9] = { urn, name, gr, word[0], pv, word[1], cat, word[2],
	    mv };
	const char *ew[6] = { urn, name, word[0], word[1], word[2], mv };

	if (ki_ris_judged(d, k) && in_now != in_before)
		ki_section_row(wk->cats, wk->codes ? e : ew);
}

/* One inspection of the window (the j-th). Returns 0 or -1. */
static int
inspection(struct week *wk, size_t j, struct ki_err *err)
{
	const struct rdata *d = wk->d;
	size_t k = (size_t)wk->in[j].row, c;
	const char *code[3], *word[3], *ch;
	char pub[11], due[11];
	long now = -1, prev = -1;

	code[0] = ki_rval(d, k, "ofsted_grade");
	code[1] = ki_rval(d, k, "ofsted_prev_grade");
	code[2] = ki_rval(d, k, "ofsted_category");
	if ((code[0] != NULL && !grade_ok(code[0])) ||
	    (code[1] != NULL && !grade_ok(code[1]))) {
		int bad = code[0] != NULL && !grade_ok(code[0]);

		return ki_err_set(err, d->name, d->rows[k].line, bad ?
		    "ofsted_grade" : "ofsted_prev_grade", "\"%s\" is not an "
		    "Ofsted grade (1-4)", bad ? code[0] : code[1]);
	}
	ch = change_of(wk, k, code[0], code[1]);
	if (ki_rinspection_days(d, k, wk->in[j].day, &now, &prev, err) == -1)
		return -1;
	word[0] = ki_rword(wk->w, code[0], 1, now);
	word[1] = ki_rword(wk->w, code[1], 1, prev);
	word[2] = ki_rword(wk->w, code[2], 0, now);
	ki_date_format(wk->in[j].day, pub);
	ki_date_format(wk->in[j].day + wk->letter_days, due);
	list_row(wk, k, code, word, pub, ch);
	for (c = 0; c < NCHANGE; c++)
		if (strcmp(ch, changes[c]) == 0)
			wk->nchange[c]++;
	cat_row(wk, k, code, word);
	{
		const char *l[4] = { ki_rval(d, k, "urn"), ki_rval(d, k, "name"),
		    pub, due };

		ki_section_row(wk->letters, l);
	}
	if (wk->g != NULL) {
		struct agg *a = ki_rgroup(wk->g, ki_rval(d, k, wk->o->by),
		    wk->lost);

		if (a != NULL)
			a->schools++;
	}
	return 0;
}

/* Under the inspections by group, with a (blank) row: what it is. */
static void
blank_note(struct week *wk)
{
	const struct agg *a = ki_tab_get(wk->g, BLANK);

	if (a != NULL)
		ki_rblank_note(wk->by, ki_rdata_has(wk->d, wk->o->by), wk->o->by,
		    a->schools, "inspection", "the input");
}

/* The counts of changes and groups, and the notes. */
static void
tallies(struct week *wk)
{
	char b[2][32], note[200];
	size_t i, j, nk;

	for (i = 0; i < NCHANGE; i++)
		if (wk->nchange[i] > 0) {
			const char *row[2] = { changes[i], ki_rnum(b[0],
			    wk->nchange[i]) };

			ki_section_row(wk->grades, row);
		}
	ki_section_chart(wk->grades, 1);
	if (wk->g != NULL) {
		const char **keys = ki_rkeys(wk->g, &nk, wk->lost);

		for (j = 0; keys != NULL && j < nk; j++) {
			const char *row[2] = { keys[j], ki_rnum(b[1], ((struct agg *)
			    ki_tab_get(wk->g, keys[j]))->schools) };

			ki_section_row(wk->by, row);
		}
		ki_section_chart(wk->by, 1);
		free(keys);
		blank_note(wk);
	}
	if (wk->proxies > 0) {
		snprintf(note, sizeof(note), "%d of these inspections have no "
		    "publication date in the file: their inspection end date is "
		    "used instead.", wk->proxies);
		ki_section_note(wk->list, note);
	}
	if (wk->undated > 0) {
		snprintf(note, sizeof(note), "%ld row%s of the file ha%s "
		    "neither ofsted_published nor ofsted_date, so no week: "
		    "left out.", wk->undated, wk->undated == 1 ? "" : "s",
		    wk->undated == 1 ? "s" : "ve");
		ki_section_note(wk->list, note);
	}
	ki_section_note(wk->cats, "Entering: graded Inadequate (4) now and not "
	    "at the previous inspection. Leaving: Inadequate before and better "
	    "now.");
	ki_section_note(wk->list, "Grades: 1 Outstanding, 2 Good, 3 Requires "
	    "improvement (Satisfactory for inspections before 1 September "
	    "2012), 4 Inadequate. \"First inspection\": the file gives no "
	    "earlier inspection for the school; \"previous grade not in the "
	    "file\": there was one, or the file does not say.");
	if (wk->ncards > 0)
		ki_section_note(wk->cats, "A report card, or an inspection with "
		    "no overall grade, is in a category of concern when it has "
		    "one (special measures, requires significant improvement).");
}

static int
sections(struct week *wk, const long *day, const int *st,
    const struct ki_scheme *rise, struct ki_err *err)
{
	char ltitle[80];
	size_t j;

	wk->letter_days = 14;
	if (letter_title(ltitle, sizeof(ltitle), &wk->letter_days, err) == -1)
		return -1;
	if (select_window(wk, day, st) == -1)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	first_sections(wk);
	if (wk->ncards > 0 && ki_rofsted_cards(wk->o, wk->d, wk->in, wk->n,
	    wk->pr, wk->r, err) == -1)
		return -1;
	cats_section(wk);
	if (ki_rofsted_stuck(rise, wk->d, wk->in, wk->n, wk->pr, wk->r,
	    err) == -1)
		return -1;
	if (last_sections(wk, ltitle) == -1)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	for (j = 0; j < wk->n; j++)
		if (inspection(wk, j, err) == -1)
			return -1;
	tallies(wk);
	return 0;
}

/* Each row's day published (st 1: none), and each school's history. */
static int
history(const struct rdata *d, long *day, int *st, struct prior *pr,
    struct ki_err *err)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if ((st[i] = ki_rpublished(d, i, &day[i], err)) == -1)
			return -1;
	if (ki_rprior_fill(d, day, st, pr) == -1)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	return 0;
}

/*
 * The weekly Ofsted report: the publication day of every row first (a
 * school's previous inspection may be outside the window), and the RISE
 * scheme for who is stuck.
 */
static int
build(struct rctx *c, struct ki_err *err)
{
	const struct rdata *d = c->d;
	long *day = calloc(d->n + 1, sizeof(*day));
	int *st = calloc(d->n + 1, sizeof(*st));
	struct ki_scheme *rise = NULL;
	struct prior pr = { NULL, NULL };
	struct words w;
	struct week wk;
	char *path = NULL;
	int rc = -1;

	memset(&wk, 0, sizeof(wk));
	if (day == NULL || st == NULL) {
		ki_err_set(err, NULL, 0, NULL, "out of memory");
		goto out;
	}
	if (history(d, day, st, &pr, err) == -1)
		goto out;
	if ((path = ki_share_find("schemes", "dfe-rise-2025", err)) == NULL ||
	    (rise = ki_scheme_load(path, err)) == NULL ||
	    ki_scheme_bind(rise, d->cols, NULL, d->name, err) == -1)
		goto out;
	if (ki_rwords_load(&w, err) == -1)
		goto out;
	wk.o = c->o;
	wk.d = d;
	wk.pr = &pr;
	wk.w = &w;
	wk.r = c->r;
	wk.codes = ki_rcodes(c->o);
	wk.text = c->o->format == KI_RF_TEXT;
	wk.lost = &c->lost;
	rc = sections(&wk, day, st, rise, err);
	ki_rwords_free(&w);
out:
	free(wk.in);
	ki_tab_free(wk.g, free);
	free(pr.judged);
	free(pr.card);
	ki_scheme_free(rise);
	free(path);
	free(day);
	free(st);
	return rc;
}

static void
title(const struct ki_report_opts *o, char *buf, size_t size)
{
	char f[11], t[11];

	ki_date_format(o->from, f);
	ki_date_format(o->to, t);
	if (o->week != NULL)
		snprintf(buf, size, "Ofsted inspections, the week ending %s", t);
	else
		snprintf(buf, size, "Ofsted inspections published %s to %s", f,
		    t);
}

/*
 * The data's as-at date: the last day an inspection in the file was
 * published (or, with no publication date, ended).
 */
static void
as_at(const struct rctx *c, char *buf, size_t size)
{
	const struct rdata *d = c->d;
	long last = -1, day;
	size_t i;

	(void)size;
	for (i = 0; i < d->n; i++) {
		const char *v = ki_rval(d, i, "ofsted_published") ?
		    ki_rval(d, i, "ofsted_published") : ki_rval(d, i,
		    "ofsted_date");

		if (v != NULL && ki_date_parse(v, &day) == 0 && day > last)
			last = day;
	}
	if (last >= 0)
		ki_date_format(last, buf);
	else
		buf[0] = '\0';
}

static const char *const cols[] = { "urn", "name", "phase",
	"inspection_type", "ofsted_date", "ofsted_published", "ofsted_grade",
	"ofsted_prev_grade", "ofsted_category",
	/* report cards, and what the RISE scheme reads */
	"rc_safeguarding", "rc_inclusion", "rc_curriculum", "rc_achievement",
	"rc_attendance", "rc_personal", "rc_early_years", "rc_post16",
	"rc_leadership", "ofsted_framework", "ofsted_quality",
	"ofsted_leadership", "ofsted_ungraded_outcome", "ofsted_same_urn",
	"ofsted_inspected_urn", "ofsted_prev_quality", "ofsted_prev_leadership",
	"ofsted_prev_date", "ofsted_prev_published", NULL };
static const char *const need[] = { "ofsted_date", "ofsted_published",
	NULL };

const struct rkind ki_rk_ofsted = {
	.name = "ofsted",
	.cols = cols,
	.read = { .per_school = 0, .merge = 0 },	/* a row an inspection */
	.opts = RO_WINDOW,
	.window = 1,
	.need = need,
	.need_field = "ofsted_date",
	.need_hint = "read Ofsted files through ki-import ofsted:FILE first",
	.title = title,
	.as_at = as_at,
	.build = build
};

/*
 * The ofsted report's report cards (area by area, 2025 on) and the schools
 * that became or stopped being stuck by the DfE's RISE rule.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/date.h"
#include "report_ofsted.h"

/*
 * Area a of row i: its rank in *rank (1 best; safeguarding met 1, not met
 * 2) and its words in *word. Returns 1, 0 when blank, or -1 with err set
 * for a value that is not of the scale.
 */
static int
rc_judgement(const struct rdata *d, size_t i, size_t a, int *rank,
    const char **word, struct ki_err *err)
{
	const char *v = ki_rval(d, i, ki_rc_cols[a]);

	if (v == NULL)
		return 0;
	if (a == 0) {
		if (strcmp(v, "met") == 0 || strcmp(v, "not met") == 0) {
			*rank = v[0] == 'm' ? 1 : 2;
			*word = v[0] == 'm' ? "Met" : "Not met";
			return 1;
		}
		return ki_err_set(err, d->name, d->rows[i].line, ki_rc_cols[a],
		    "\"%s\" is not a safeguarding standard (met, not met)", v);
	}
	if (v[0] >= '1' && v[0] <= '5' && v[1] == '\0') {
		*rank = v[0] - '0';
		*word = ki_rc_words[*rank - 1];
		return 1;
	}
	return ki_err_set(err, d->name, d->rows[i].line, ki_rc_cols[a],
	    "\"%s\" is not a report-card judgement (1 Exceptional to 5 Urgent "
	    "improvement)", v);
}

/* What the report-card sections gather. */
enum move { MV_IMPROVED, MV_DECLINED, MV_SAME, MV_FIRST, NMOVE };

static const char *const moves[NMOVE] = { "improved", "declined", "same",
	"first report card" };

struct cards {
	const struct rdata *d;
	int codes;		/* codes beside the words (csv, json) */
	struct ki_section *area, *judged, *changes;
	long count[NRC][6];	/* judgements per area and rank */
	long change[NRC][NMOVE];
};

/* Row k's areas against its previous report card p (or -1). */
static int
card_rows(struct cards *c, size_t k, long p, struct ki_err *err)
{
	const struct rdata *d = c->d;
	size_t a;

	for (a = 0; a < NRC; a++) {
		const char *w = NULL, *pw = NULL, *row[8];
		int rk = 0, prk = 0, got, pgot = 0;
		enum move m;

		if ((got = rc_judgement(d, k, a, &rk, &w, err)) == -1 ||
		    (p >= 0 && (pgot = rc_judgement(d, (size_t)p, a, &prk,
		    &pw, err)) == -1))
			return -1;
		if (!got)
			continue;
		m = !pgot ? MV_FIRST : rk < prk ? MV_IMPROVED : rk > prk ?
		    MV_DECLINED : MV_SAME;
		c->change[a][m]++;
		c->count[a][rk - 1]++;
		row[0] = ki_rval(d, k, "urn");
		row[1] = ki_rval(d, k, "name");
		row[2] = ki_rc_names[a];
		if (c->codes) {
			row[3] = ki_rval(d, k, ki_rc_cols[a]);
			row[4] = w;
			row[5] = pgot ? ki_rval(d, (size_t)p, ki_rc_cols[a]) : NULL;
			row[6] = pgot ? pw : NULL;
			row[7] = moves[m];
		} else {
			row[3] = w;
			row[4] = pgot ? pw : NULL;
			row[5] = moves[m];
		}
		ki_section_row(c->area, row);
	}
	return 0;
}

/* The judgements by area, and the changes per area. */
static void
card_tallies(struct cards *c)
{
	static const char *const sg[2][2] = { { "met", "Met" },
	    { "not met", "Not met" } };
	char b[5][32];
	size_t a, m;

	for (a = 0; a < NRC; a++) {
		const char *row[5];
		int g;

		for (g = 0; g < (a == 0 ? 2 : 5); g++) {
			const char *code = a == 0 ? sg[g][0] : b[1];
			const char *word = a == 0 ? sg[g][1] : ki_rc_words[g];

			if (c->count[a][g] == 0)
				continue;
			snprintf(b[1], sizeof(b[1]), "%d", g + 1);
			row[0] = ki_rc_names[a];
			row[1] = c->codes ? code : word;
			row[2] = c->codes ? word : ki_rnum(b[0], c->count[a][g]);
			row[3] = ki_rnum(b[0], c->count[a][g]);
			ki_section_row(c->judged, row);
		}
		if (c->change[a][MV_IMPROVED] + c->change[a][MV_DECLINED] +
		    c->change[a][MV_SAME] + c->change[a][MV_FIRST] > 0) {
			row[0] = ki_rc_names[a];
			for (m = 0; m < NMOVE; m++)
				row[m + 1] = ki_rnum(b[m + 1], c->change[a][m]);
			ki_section_row(c->changes, row);
		}
	}
}

/*
 * The report cards of the window: each area's judgement against the
 * school's previous report card in the input, the judgements by area and
 * the changes per area. Codes beside the words in CSV and JSON.
 */
int
ki_rofsted_cards(const struct ki_report_opts *o, const struct rdata *d,
    const struct inwin *in, size_t n, const struct prior *pr,
    struct ki_report *r, struct ki_err *err)
{
	static const char *const hw[] = { "urn", "name", "area", "judgement",
	    "previous", "change" };
	static const char *const hc[] = { "urn", "name", "area", "code",
	    "judgement", "previous code", "previous", "change" };
	static const enum ki_ckind kw[] = { KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_TEXT, KI_CK_TEXT, KI_CK_TEXT, KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_TEXT };
	static const char *const hjw[] = { "area", "judgement",
	    "report cards" };
	static const char *const hjc[] = { "area", "code", "judgement",
	    "report cards" };
	static const enum ki_ckind kjw[] = { KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_NUMBER };
	static const enum ki_ckind kjc[] = { KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_TEXT, KI_CK_NUMBER };
	static const char *const hx[] = { "area", "improved", "declined",
	    "same", "first report card" };
	static const enum ki_ckind kx[] = { KI_CK_TEXT, KI_CK_NUMBER,
	    KI_CK_NUMBER, KI_CK_NUMBER, KI_CK_NUMBER };
	struct cards c;
	size_t j;

	memset(&c, 0, sizeof(c));
	c.d = d;
	c.codes = ki_rcodes(o);
	c.area = ki_report_section(r, "Report cards, area by area, against "
	    "the previous report card", c.codes ? 8 : 6, c.codes ? hc : hw, kw);
	c.judged = ki_report_section(r, "Report-card judgements by area",
	    c.codes ? 4 : 3, c.codes ? hjc : hjw, c.codes ? kjc : kjw);
	c.changes = ki_report_section(r, "Changes per area against the "
	    "previous report card", 5, hx, kx);
	for (j = 0; j < n; j++) {
		size_t k = (size_t)in[j].row;

		if (ki_ris_card(d, k) && card_rows(&c, k, ki_rbefore(pr, k, 1),
		    err) == -1)
			return -1;
	}
	card_tallies(&c);
	ki_section_note(c.area, "The previous report card is the school's last "
	    "one published before this in the input; \"first report card\" "
	    "when there is none. Safeguarding standards are Met or Not met; "
	    "the other areas Exceptional, Strong standard, Expected standard, "
	    "Needs attention or Urgent improvement.");
	return 0;
}

/*
 * Row k's category under the RISE scheme in *cat, and in *note (if not
 * NULL) the scheme's rise_note for it, such as "changed structure since
 * the inspection", or NULL. Returns 0 or -1.
 */
static int
rise_of(const struct ki_scheme *rise, const struct rdata *d, size_t k,
    const char **cat, const char **note, struct ki_err *err)
{
	struct ki_cond_ctx ctx;
	struct ki_choice ch;
	struct ki_err e;

	memset(&ctx, 0, sizeof(ctx));
	memset(&ch, 0, sizeof(ch));
	memset(&e, 0, sizeof(e));
	ctx.row = (const char *const *)d->rows[k].v;
	if (ki_scheme_choose(rise, &ctx, &ch, &e) == -1) {
		ki_choice_free(&ch);
		return ki_err_set(err, d->name, d->rows[k].line, e.field, "%s",
		    e.msg);
	}
	*cat = ch.category;
	if (note != NULL) {
		size_t c;

		*note = NULL;
		for (c = 0; ch.set != NULL && c < ki_scheme_ncols(rise); c++)
			if (strcmp(ki_scheme_col(rise, c), "rise_note") == 0)
				*note = ch.set[c];
	}
	ki_choice_free(&ch);
	return 0;
}

/*
 * Whether the school was stuck before row k: by the RISE scheme on its
 * previous judged row in the input, else from the previous grade (Good or
 * better, or Inadequate: no; Requires improvement: not known, as the
 * inspection before that is not in the data). "yes", "no" or "not known"
 * in *was. Returns 0 or -1.
 */
static int
stuck_before(const struct ki_scheme *rise, const struct rdata *d, size_t k,
    const struct prior *pr, const char **was, struct ki_err *err)
{
	long p = ki_rbefore(pr, k, 0);
	const char *pv = ki_rval(d, k, "ofsted_prev_grade"), *cat;

	if (p >= 0) {
		if (rise_of(rise, d, (size_t)p, &cat, NULL, err) == -1)
			return -1;
		*was = strcmp(cat, "Stuck") == 0 ? "yes" :
		    strcmp(cat, "unknown") == 0 ? "not known" : "no";
		return 0;
	}
	*was = pv != NULL && strcmp(pv, "3") != 0 ? "no" : "not known";
	return 0;
}

static int
is3(const struct rdata *d, size_t k, const char *col)
{
	const char *v = ki_rval(d, k, col);

	return v != NULL && strcmp(v, "3") == 0;
}

/* The movement of row k, RISE now and stuck before; NULL for none. */
static const char *
movement(const struct rdata *d, size_t k, const char *now, const char *was)
{
	const char *pv = ki_rval(d, k, "ofsted_prev_grade");

	if (strcmp(now, "Stuck") == 0)
		return strcmp(was, "yes") == 0 ? "still stuck" :
		    strcmp(was, "no") == 0 ? "became stuck" :
		    "stuck; not known whether it was before";
	if (strcmp(now, "unknown") == 0)
		return "perhaps stuck: the previous grade is not in the data";
	if (strcmp(was, "yes") == 0)
		return "stopped being stuck";
	if (strcmp(was, "not known") == 0 && ((pv != NULL && strcmp(pv,
	    "3") == 0) || (pv == NULL && (is3(d, k, "ofsted_prev_quality") ||
	    is3(d, k, "ofsted_prev_leadership")))))
		return "perhaps stopped being stuck";
	return NULL;
}

/*
 * Schools that became or stopped being stuck, by the DfE's RISE scheme
 * (share/schemes/dfe-rise-2025.json), and those that may have.
 */
int
ki_rofsted_stuck(const struct ki_scheme *rise, const struct rdata *d,
    const struct inwin *in, size_t n, const struct prior *pr,
    struct ki_report *r, struct ki_err *err)
{
	static const char *const h[] = { "urn", "name", "published",
	    "stuck before", "RISE now", "movement" };
	static const enum ki_ckind k6[] = { KI_CK_TEXT, KI_CK_TEXT,
	    KI_CK_DATE, KI_CK_TEXT, KI_CK_TEXT, KI_CK_TEXT };
	struct ki_section *s;
	size_t j;

	s = ki_report_section(r, "Becoming or stopping being stuck (DfE RISE)",
	    6, h, k6);
	for (j = 0; j < n; j++) {
		size_t k = (size_t)in[j].row;
		const char *now, *note, *was, *mv, *row[6];
		char pub[11], nowbuf[200];

		if (!ki_ris_judged(d, k))
			continue;
		if (rise_of(rise, d, k, &now, &note, err) == -1 ||
		    stuck_before(rise, d, k, pr, &was, err) == -1)
			return -1;
		if ((mv = movement(d, k, now, was)) == NULL)
			continue;
		ki_date_format(in[j].day, pub);
		row[0] = ki_rval(d, k, "urn");
		row[1] = ki_rval(d, k, "name");
		row[2] = pub;
		row[3] = was;
		if (note != NULL && *note != '\0') {
			snprintf(nowbuf, sizeof(nowbuf), "%s: %s", now, note);
			row[4] = nowbuf;
		} else
			row[4] = now;
		row[5] = mv;
		ki_section_row(s, row);
	}
	ki_section_note(s, "Stuck, by the DfE's RISE rule (ki-categorise "
	    "--scheme dfe-rise-2025): Requires improvement, or equivalent, at "
	    "the latest inspection (on a report card, Leadership and governance "
	    "Needs attention or worse) and below Good at the previous one. "
	    "Stuck before: by the school's previous inspection in the input, "
	    "else by its previous grade (Good or better, or Inadequate: no; "
	    "Requires improvement: not known, as the inspection before that is "
	    "not in the data).");
	return 0;
}

/* The insides of the ofsted report, shared by lib/report_ofsted*.c only. */
#ifndef KI_REPORT_OFSTED_H
#define KI_REPORT_OFSTED_H

#include "ki/scheme.h"
#include "report_kind.h"

/*
 * Ofsted's codes in words, from share/words/ofsted.json: the grades (one
 * word before a day, such as Satisfactory for 3 before September 2012)
 * and the categories of concern.
 */
#define NWORDS 16
struct words {
	char *code[NWORDS], *word[NWORDS], *before_word[NWORDS];
	long before[NWORDS];	/* day number, or -1 */
	int grade[NWORDS];	/* a grade, not a category */
	size_t n;
};

int ki_rwords_load(struct words *w, struct ki_err *err);
void ki_rwords_free(struct words *w);
const char *ki_rword(const struct words *w, const char *code, int grade,
    long day);

/*
 * Each row's place in the school's history: the school's row published last
 * before it (an earlier day; of one day, the later row of the input) that
 * holds a judgement, and that is a report card, or -1.
 */
struct prior {
	long *judged;
	long *card;
};

/* An inspection of the window: its row, the day published, its urn. */
struct inwin {
	long row;
	long day;
	long urn;		/* orders the rows of a day */
};

/* A report card's areas: the column, the area's name; and the scale. */
#define NRC 9
extern const char *const ki_rc_cols[NRC];
extern const char *const ki_rc_names[NRC];
extern const char *const ki_rc_words[5];

int ki_rpublished(const struct rdata *d, size_t i, long *day,
    struct ki_err *err);
int ki_rinspection_days(const struct rdata *d, size_t k, long published,
    long *now, long *prev, struct ki_err *err);
int ki_ris_card(const struct rdata *d, size_t i);
int ki_ris_judged(const struct rdata *d, size_t i);
int ki_rprior_fill(const struct rdata *d, const long *day, const int *st,
    struct prior *pr);
long ki_rbefore(const struct prior *pr, size_t k, int cards);

/* The sections on report cards, and on schools stuck (DfE RISE). */
int ki_rofsted_cards(const struct ki_report_opts *o, const struct rdata *d,
    const struct inwin *in, size_t n, const struct prior *pr,
    struct ki_report *r, struct ki_err *err);
int ki_rofsted_stuck(const struct ki_scheme *rise, const struct rdata *d,
    const struct inwin *in, size_t n, const struct prior *pr,
    struct ki_report *r, struct ki_err *err);

#endif

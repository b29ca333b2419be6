/*
 * The insides of ki-report's stage, shared by lib/report_*.c only: the rows
 * a report reads, the groups it counts, and the table of report kinds.
 */
#ifndef KI_REPORT_KIND_H
#define KI_REPORT_KIND_H

#include <stdint.h>

#include "ki/err.h"
#include "ki/hdr.h"
#include "ki/report.h"
#include "ki/report_run.h"
#include "ki/tab.h"
#include "ki/yearset.h"

#define BLANK "(blank)"

/* One row held for a report: the values of the columns it reads. */
struct rrow {
	char **v;
	long line;
	long count;		/* rows alike in every column kept */
};

/*
 * Where each row read goes, when it is not kept: sink(arg, d, row), the row
 * good until sink returns.
 */
struct rdata;
typedef void rsink_fn(void *arg, const struct rdata *d, const struct rrow *r);

/* The rows read, the columns asked for, and which the input has. */
struct rdata {
	struct ki_hdr *cols;	/* the columns held, by name */
	unsigned char *has;	/* has[i]: the input has cols' column i */
	struct rrow *rows;	/* none when the rows went to a sink */
	size_t n, cap;
	size_t total;		/* rows read (n counts the alike ones once) */
	const char *name;	/* the file, for messages and the footer */
	int latest;		/* the latest year of the rows read, or 0 */
	struct ki_yearset years;	/* the years of the rows read */
};

/*
 * The rows a report is of: --la, --district and --phase (NULL when not
 * given), and the values each column has in the input, for the error when
 * no row matches.
 */
struct rfilter {
	const char *la, *district, *phase;
	struct ki_tab *seen_la, *seen_district, *seen_phase;
};

/* How a kind reads its input. */
struct rread {
	int per_school;		/* a school once a year, or an error */
	int merge;		/* rows alike but for urn kept once, counted */
	rsink_fn *sink;		/* when set, rows go to it and none is kept */
	/* When set, only the rows it returns 1 for are kept. */
	int (*only)(void *arg, const struct rdata *d, const struct rrow *r);
	void *arg;		/* sink's or only's */
};

/* Counts kept for one group. */
struct agg {
	long schools;
	long graded;		/* with an Ofsted grade */
	long good;		/* graded good or better */
	long pupils;		/* pupils of the graded schools */
	long pupils_good;	/* pupils of those good or better */
	long below;		/* below the floor */
	long coasting;
	long floor_unknown;
	long no_pupils;		/* graded, with no pupils figure */
	long deployments;	/* system leaders deployed (ki-broker) */
	long visits, contacts;
	int64_t days;		/* hundredths */
	int64_t money;		/* pence */
};

/* What a kind's builder works with. */
struct rctx {
	const struct ki_report_opts *o;
	struct rdata *d;
	struct ki_report *r;
	int lost;		/* a group, list or row lost for want of memory */
	void *acc;		/* a kind's running totals (struct rsum) */
	int failed;		/* adding a row up failed: ferr says why */
	struct ki_err ferr;
};

/*
 * A kind that adds its rows up as they are read, so that memory grows with
 * its groups, not its rows: start makes c->acc, add adds one row to it (the
 * first failure goes in c->failed and c->ferr, and stops the adding; the
 * read goes on, so that its own errors, which come first, are still
 * found), stop frees it. Its build reports c->ferr, or writes the totals.
 */
struct rsum {
	int (*start)(struct rctx *c);	/* 0, or -1 out of memory */
	void (*add)(struct rctx *c, const struct rdata *d,
	    const struct rrow *r);
	void (*stop)(struct rctx *c);
};

/* Options a kind reads, beyond those every kind reads. */
enum {
	RO_YEAR = 1, RO_BASE_YEAR = 2, RO_BASELINE = 4, RO_WINDOW = 8,
	RO_PLAN = 16, RO_DEPLOY = 64,
	RO_AREA = 32		/* not an option: needs --district or --la */
};

/* One kind of report: what it reads, needs and builds. */
struct rkind {
	const char *name;
	const char *const *cols;	/* the columns it reads, NULL ended */
	struct rread read;
	int by_district;	/* groups by district unless --by */
	int years;		/* --year and --baseline-year must be in the data */
	unsigned opts;		/* RO_* */
	int window;		/* RO_WINDOW: 1 needed, 0 optional */
	const char *const *need;	/* one of these, or an error (NULL ended) */
	const char *need_field, *need_hint;
	/* The title in buf. */
	void (*title)(const struct ki_report_opts *o, char *buf, size_t size);
	/* The data's as-at date in buf ("" when none). */
	void (*as_at)(const struct rctx *c, char *buf, size_t size);
	/* Add the sections to c->r. Returns 0, or -1 with err set. */
	int (*build)(struct rctx *c, struct ki_err *err);
	/* Rows added up as read (NULL: held for build). */
	const struct rsum *sum;
};

extern const struct rkind ki_rk_summary, ki_rk_ofsted, ki_rk_budget,
    ki_rk_indicators, ki_rk_pack;

/* lib/report_data.c: reading. */
int ki_rdata_read(const char *path, enum ki_fmt fmt, const char *const *want,
    size_t nwant, struct rread how, struct rfilter *f, struct rdata *d,
    struct ki_err *err);
void ki_rdata_free(struct rdata *d);
int ki_rdata_has(const struct rdata *d, const char *col);
const char *ki_rval(const struct rdata *d, size_t i, const char *col);
int ki_ryear(const struct rdata *d, size_t i);
int ki_rlatest(const struct rdata *d);
const char *ki_rgrade(const struct rdata *d, size_t i);
/* The same of a row r of d (held or passing through a sink). */
const char *ki_rv(const struct rdata *d, const struct rrow *r,
    const char *col);
int ki_rv_year(const struct rdata *d, const struct rrow *r);
const char *ki_rv_grade(const struct rdata *d, const struct rrow *r);
int ki_rcheck_years(const struct ki_report_opts *o, const struct rdata *d,
    struct ki_err *err);
void ki_ryear_as_at(const struct rctx *c, char *buf, size_t size);

/* lib/report_filter.c: --la, --district, --phase. */
int ki_rfilter_match(struct rfilter *f, const struct ki_hdr *h,
    const char *const *v);
int ki_rfilter_check(const struct rfilter *f, const char *file,
    struct ki_err *err);
void ki_rfilter_free(struct rfilter *f);

/* lib/report_data.c: groups and cells. */
struct agg *ki_rgroup(struct ki_tab *t, const char *key, int *lost);
const char **ki_rkeys(const struct ki_tab *t, size_t *n, int *lost);
char *ki_rnum(char *buf, long v);
char *ki_rpct(char *buf, long part, long whole);
int ki_rcodes(const struct ki_report_opts *o);

/*
 * lib/report_sum.c: a kind that adds up as it reads. ki_rsum_build adds the
 * rows held in c->d when they were not added as read (a pack's parts),
 * then writes the report with finish and, if it added them, stops the
 * sum. Returns finish's answer, or -1 with err out of memory. ki_rsum_fail notes the first failure of adding a row (always
 * returns -1); ki_rsum_failed reports it into err (-1), or returns 0.
 */
int ki_rsum_build(struct rctx *c, const struct rsum *s,
    int (*finish)(struct rctx *, struct ki_err *), struct ki_err *err);
int ki_rsum_fail(struct rctx *c, const char *file, long line,
    const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
int ki_rsum_failed(const struct rctx *c, struct ki_err *err);

/* lib/report_once.c: the (urn, year) pairs met, in a few bytes each. */
struct ki_ronce;
struct ki_ronce *ki_ronce_new(void);
void ki_ronce_free(struct ki_ronce *o);
/* 1 when urn and year (year NULL when blank) are new, 0 when met, -1 OOM. */
int ki_ronce_add(struct ki_ronce *o, const char *urn, const char *year);

/*
 * lib/report_data.c: the note under a table whose group column (by) has a
 * (blank) row of n schools, inspections or deployments (what, singular)
 * of in ("the input"), which has the column or not.
 */
void ki_rblank_note(struct ki_section *s, int has, const char *by, long n,
    const char *what, const char *in);

/*
 * lib/report_deploy.c: --deployments beside the visits of each group;
 * with urns, only the deployments to those schools (--la).
 */
int ki_rdeploy(struct rctx *c, const char *by, struct ki_tab *visits,
    const struct ki_tab *urns, struct ki_err *err);

/* lib/report_data.c: the urns of d's rows. NULL when out of memory. */
struct ki_tab *ki_rschools(const struct rdata *d);

/* lib/report_budget.c: money, "£1,234.56" (buf of 40 bytes or more). */
char *ki_rmoney(char *buf, int64_t pence);
/* As people read it in text, md and html; exact decimals in csv, json. */
char *ki_rmoney_cell(const struct ki_report_opts *o, char *buf,
    int64_t pence);

#endif

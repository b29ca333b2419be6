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

#define BLANK "(blank)"

/* One row held for a report: the values of the columns it reads. */
struct rrow {
	char **v;
	long line;
	long count;		/* rows alike in every column kept */
};

/* The rows read, the columns asked for, and which the input has. */
struct rdata {
	struct ki_hdr *cols;	/* the columns held, by name */
	unsigned char *has;	/* has[i]: the input has cols' column i */
	struct rrow *rows;
	size_t n, cap;
	size_t total;		/* rows read (n counts the alike ones once) */
	const char *name;	/* the file, for messages and the footer */
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

/* lib/report_deploy.c: --deployments beside the visits of each group. */
int ki_rdeploy(struct rctx *c, const char *by, struct ki_tab *visits,
    struct ki_err *err);

/* lib/report_data.c: the urns of d's rows. NULL when out of memory. */
struct ki_tab *ki_rschools(const struct rdata *d);

/* lib/report_budget.c: money, "£1,234.56" (buf of 40 bytes or more). */
char *ki_rmoney(char *buf, int64_t pence);
/* As people read it in text, md and html; exact decimals in csv, json. */
char *ki_rmoney_cell(const struct ki_report_opts *o, char *buf,
    int64_t pence);

#endif

/* ki-report's stage: read a step's output, build one report, write it. */
#ifndef KI_REPORT_RUN_H
#define KI_REPORT_RUN_H

#include <stddef.h>
#include <stdio.h>

#include "ki/err.h"
#include "ki/rec.h"
#include "ki/report.h"

/* What a report is asked for: ki-report's options, parsed. */
struct ki_report_opts {
	const char *kind;	/* summary, ofsted, budget, indicators, pack */
	const char *input;	/* NULL or "-": stdin */
	enum ki_fmt in;		/* --csv, --json, or detect */
	enum ki_rfmt format;
	int raw_csv;		/* --raw-csv: formulas not neutralised */
	int excel;		/* --excel: CSV with a BOM and CRLF */
	const char *by;		/* --by, or NULL */
	const char *la;		/* --la, --district, --phase, or NULL */
	const char *district;
	const char *phase;
	long made;		/* the day the report is made (day number) */
	int year;		/* --year, or 0 */
	int base_year;		/* --baseline-year, or 0 */
	const char *baseline;	/* --baseline FILE, or NULL */
	const char *week;	/* --week-ending as given, or NULL */
	long from, to;		/* day numbers (0 is 1970-01-01) */
	int has_from, has_to;	/* whether --from and --to were given */
	const char *plan;	/* pack: --plan FILE, ki-plan's output, or NULL */
	const char *deployments;	/* --deployments FILE (ki-broker's), or NULL */
};

/* Whether name is a report kind. Returns 1 or 0. */
int ki_report_kind_known(const char *name);

/*
 * The kinds, for messages, in buf: "summary, ofsted, budget, indicators,
 * pack" (cut short when buf is too small).
 */
void ki_report_kind_list(char *buf, size_t size);

/*
 * Check the options together before any input is read: the window of the
 * ofsted report (o->from and o->to set from --week-ending), and that
 * every option given is one the kind reads; a pack is of a district or an
 * LA. Returns 0, or -1 with the
 * reason in msg (a usage error: exit 2).
 */
int ki_report_check(struct ki_report_opts *o, char *msg, size_t size);

/*
 * Read o->input, build the report o->kind and write it to out in
 * o->format. Returns 0, or -1 with err set (bad data, a missing column,
 * out of memory); on -1 out may hold part of a report, for the caller to
 * discard. Never exits; holds nothing between calls.
 */
int ki_report_run(const struct ki_report_opts *o, FILE *out,
    struct ki_err *err);

#endif

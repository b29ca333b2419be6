/* The insides of a report, shared by lib/report.c and lib/fmt_*.c only. */
#ifndef KI_REPORT_IMPL_H
#define KI_REPORT_IMPL_H

#include "ki/report.h"

struct ki_section {
	char *title;
	size_t ncols;
	char **cols;
	enum ki_ckind *kinds;
	char ***rows;		/* rows[i][j], NULL for blank */
	size_t nrows, cap;
	char **notes;
	size_t nnotes;
	long chart;		/* column drawn, or -1 */
	int total;		/* the last row is a total */
	int oom;		/* a row, cell or note was lost: no report */
};

struct ki_report {
	char *title;
	char *footer;
	struct ki_section **sec;
	size_t nsec;
	int oom;
	int raw_csv;		/* CSV cells as they are, formulas too */
	int excel;		/* CSV with a BOM and CRLF */
	int contents;		/* a contents list after the title */
	char **meta;		/* key, value (or NULL), ... */
	size_t nmeta;		/* pairs */
	char **inputs;
	size_t ninputs;
};

/* Cell k of row i, "" when blank. */
static inline const char *
ki_rcell(const struct ki_section *s, size_t i, size_t k)
{
	return s->rows[i][k] ? s->rows[i][k] : "";
}

/*
 * An output format: its name for --format, and how it writes a whole
 * report (every part of it there). Returns 0, or -1 out of memory or
 * when the stream is in error.
 */
struct ki_rformat {
	const char *name;
	int (*write)(const struct ki_report *r, FILE *fp);
};

extern const struct ki_rformat ki_rformat_text, ki_rformat_md,
    ki_rformat_csv, ki_rformat_json, ki_rformat_html;

#endif

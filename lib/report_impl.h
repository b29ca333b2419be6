/* The insides of a report, shared by lib/report.c and lib/html.c only. */
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
};

struct ki_report {
	char *title;
	char *footer;
	struct ki_section **sec;
	size_t nsec;
	int oom;
	int raw_csv;		/* CSV cells as they are, formulas too */
};

/* Write r as one self-contained HTML page. Returns 0 or -1. */
int ki_report_html(const struct ki_report *r, FILE *fp);

#endif

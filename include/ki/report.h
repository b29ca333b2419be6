/* Reports: titled tables with notes and bar charts, written in five forms. */
#ifndef KI_REPORT_H
#define KI_REPORT_H

#include <stddef.h>
#include <stdio.h>

enum ki_rfmt {
	KI_RF_TEXT,	/* aligned, for a terminal or an email body */
	KI_RF_MD,	/* Markdown tables */
	KI_RF_CSV,	/* one long table: section, then the row's cells */
	KI_RF_JSON,	/* one object: title, sections with columns and rows */
	KI_RF_HTML	/* one self-contained page with SVG bar charts */
};

/* How a column's cells read: numbers are right-aligned and bare in JSON. */
enum ki_ckind {
	KI_CK_TEXT,
	KI_CK_NUMBER,
	KI_CK_DATE	/* kept on one line in HTML */
};

struct ki_report;
struct ki_section;

/* Parse "text", "md", "csv", "json" or "html". Returns 0, or -1. */
int ki_rfmt_parse(const char *s, enum ki_rfmt *f);

/* The formats, for messages, in buf: "text, md, csv, json or html". */
void ki_rfmt_list(char *buf, size_t size);

/* A new report with a title. NULL when out of memory. */
struct ki_report *ki_report_new(const char *title);

/* Free r and its sections. NULL is allowed. */
void ki_report_free(struct ki_report *r);

/*
 * Non-zero: CSV cells are written as they are. By default a text cell that
 * a spreadsheet would take as a formula (=, +, -, @, tab or carriage return
 * first, and not a number) gets a leading '.
 */
void ki_report_raw_csv(struct ki_report *r, int on);

/*
 * The footer at the foot of the page (text, md, html; "footer" in json):
 * when it was made, from what, the data's as-at date, ki's version.
 */
void ki_report_footer(struct ki_report *r, const char *text);

/*
 * What JSON's "meta" object holds: key and value (copied, in the order
 * given; a NULL value is null), and the input files, an array "inputs".
 */
void ki_report_meta(struct ki_report *r, const char *key, const char *value);
void ki_report_input(struct ki_report *r, const char *path);

/*
 * Non-zero: CSV for Excel, which reads UTF-8 without a byte order mark as
 * cp1252: a BOM first and CRLF line ends.
 */
void ki_report_excel(struct ki_report *r, int on);

/*
 * Non-zero: a contents list after the title, each section's title linked
 * to it (html, md; numbered in text).
 */
void ki_report_contents(struct ki_report *r, int on);

/*
 * Add a section with ncols columns (names copied, kinds may be NULL for all
 * text). Returns it, or NULL when out of memory (the report keeps a note
 * of the failure and ki_report_write returns -1).
 */
struct ki_section *ki_report_section(struct ki_report *r, const char *title,
    size_t ncols, const char *const *cols, const enum ki_ckind *kinds);

/* Add a row of ncols cells (copied; NULL is blank). */
void ki_section_row(struct ki_section *s, const char *const *cells);

/* A sentence under the table (copied). */
void ki_section_note(struct ki_section *s, const char *text);

/*
 * Mark the last row as the total of the others: set apart in text and
 * HTML, and left out of the chart.
 */
void ki_section_total(struct ki_section *s);

/* Draw column col (a number) as a bar chart, labelled by column 0. */
void ki_section_chart(struct ki_section *s, size_t col);

/* The number of rows so far. */
size_t ki_section_rows(const struct ki_section *s);

/*
 * Write r to fp in form f. Every title, footer, column name, cell and note
 * is written so that it shows as itself and does nothing else: control
 * characters made visible in text (ki_esc_text), Markdown escaped
 * (ki_esc_md), HTML escaped, CSV quoted and kept from spreadsheet formulas
 * (ki_report_raw_csv), JSON quoted. Returns 0, or -1 when out of memory or
 * the stream is in error.
 */
int ki_report_write(const struct ki_report *r, FILE *fp, enum ki_rfmt f);

#endif

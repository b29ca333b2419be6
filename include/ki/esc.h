/* Escapes for reports that people open: terminal, Markdown, spreadsheet. */
#ifndef KI_ESC_H
#define KI_ESC_H

#include <stddef.h>
#include <stdio.h>

/*
 * Write s to fp with every control character made visible, so that data
 * cannot move a terminal's cursor, retitle its window or hide text: C0
 * characters but tab and newline, DEL and bytes that are not UTF-8 become
 * \xNN; C1 characters (U+0080 to U+009F) and the bidirectional overrides
 * and isolates (U+202A to U+202E, U+2066 to U+2069) become \uNNNN.
 */
void ki_esc_text(FILE *fp, const char *s);

/* The columns ki_esc_text writes for s: one a code point. */
size_t ki_esc_text_width(const char *s);

/*
 * Write s to fp as Markdown that shows s and nothing more: no heading,
 * emphasis, code, table cell end, HTML, link, image or URL autolink can
 * come of it. Line breaks become spaces and control characters are shown
 * as ki_esc_text shows them. Non-zero bol: s begins a line (a list item
 * or a rule could start there too).
 */
void ki_esc_md(FILE *fp, const char *s, int bol);

/*
 * Non-zero when a spreadsheet would take the CSV cell s for a formula:
 * it starts with =, +, -, @, tab or carriage return and is not a number
 * such as -1.5 or +2 (OWASP's rule for CSV injection).
 */
int ki_esc_csv_formula(const char *s);

#endif

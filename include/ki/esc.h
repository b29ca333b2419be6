/* The escapers, one a format: terminal, Markdown, CSV, JSON and HTML. */
#ifndef KI_ESC_H
#define KI_ESC_H

#include <stddef.h>
#include <stdio.h>

struct ki_buf;

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

/* ki_esc_csv's flags. */
#define KI_ESC_FORMULA	1	/* a formula cell gets a leading ' */

/*
 * Append s to b as one CSV field: as it is, or in double quotes (a quote
 * doubled) when it holds a comma, quote, CR or LF. NULL and "" add nothing.
 * With KI_ESC_FORMULA, a cell that ki_esc_csv_formula takes for a formula
 * starts with ' (inside the quotes when quoted), which a spreadsheet shows
 * as the text it is (OWASP's advice).
 */
void ki_esc_csv(struct ki_buf *b, const char *s, int flags);

/* The same, written to fp. */
void ki_esc_csv_file(FILE *fp, const char *s, int flags);

/*
 * Append s to b as a JSON string, in its quotes: quote, backslash, LF, CR
 * and tab as \", \\, \n, \r and \t, the other control characters as
 * \u00xx, the rest (UTF-8 too) as it is. NULL is "".
 */
void ki_esc_json(struct ki_buf *b, const char *s);

/* The same, written to fp. */
void ki_esc_json_file(FILE *fp, const char *s);

/*
 * Write s to fp as HTML text that is safe in element content and in a
 * quoted attribute: & < > " ' as entities. NULL writes nothing.
 */
void ki_esc_html(FILE *fp, const char *s);

#endif

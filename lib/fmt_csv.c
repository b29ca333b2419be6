/* Reports as CSV: one long table of section, row, column and value. */
#include "ki/esc.h"
#include "report_impl.h"

/*
 * A CSV cell, quoted as needed. Unless raw, a text cell that a spreadsheet
 * would run as a formula gets a leading ' (OWASP's advice), which shows it
 * as the text it is.
 */
static void
csv_cell(FILE *fp, const char *v, int raw)
{
	ki_esc_csv_file(fp, v, raw ? 0 : KI_ESC_FORMULA);
}

/*
 * One long table for the next tool: section, row, column, value. Every
 * section fits, whatever its columns.
 */
static int
csv_report(const struct ki_report *r, FILE *fp)
{
	const char *eol = r->excel ? "\r\n" : "\n";
	size_t n, i, k;

	if (r->excel)
		fputs("\xef\xbb\xbf", fp);	/* the UTF-8 byte order mark */
	fputs("section,row,column,value", fp);
	fputs(eol, fp);
	for (n = 0; n < r->nsec; n++) {
		const struct ki_section *s = r->sec[n];

		for (i = 0; i < s->nrows; i++)
			for (k = 0; k < s->ncols; k++) {
				csv_cell(fp, s->title, r->raw_csv);
				fprintf(fp, ",%zu,", i + 1);
				csv_cell(fp, s->cols[k], r->raw_csv);
				putc(',', fp);
				csv_cell(fp, ki_rcell(s, i, k), r->raw_csv);
				fputs(eol, fp);
			}
		/* Notes travel too: they qualify the figures. */
		for (i = 0; i < s->nnotes; i++) {
			csv_cell(fp, s->title, r->raw_csv);
			fputs(",,note,", fp);
			csv_cell(fp, s->notes[i], r->raw_csv);
			fputs(eol, fp);
		}
	}
	return ferror(fp) ? -1 : 0;
}

const struct ki_rformat ki_rformat_csv = { "csv", csv_report };

/* Reports as CSV: one long table of section, row, column and value. */
#include "ki/esc.h"
#include "report_impl.h"

/*
 * The cells' flags: a text cell that a spreadsheet would run as a formula
 * gets a leading ' (OWASP's advice), which shows it as the text it is,
 * unless --raw-csv.
 */
#define CELL(r)	((r)->raw_csv ? 0 : KI_ESC_FORMULA)

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
				ki_esc_csv_file(fp, s->title, CELL(r));
				fprintf(fp, ",%zu,", i + 1);
				ki_esc_csv_file(fp, s->cols[k], CELL(r));
				putc(',', fp);
				ki_esc_csv_file(fp, ki_rcell(s, i, k), CELL(r));
				fputs(eol, fp);
			}
		/* Notes travel too: they qualify the figures. */
		for (i = 0; i < s->nnotes; i++) {
			ki_esc_csv_file(fp, s->title, CELL(r));
			fputs(",,note,", fp);
			ki_esc_csv_file(fp, s->notes[i], CELL(r));
			fputs(eol, fp);
		}
	}
	return ferror(fp) ? -1 : 0;
}

const struct ki_rformat ki_rformat_csv = { "csv", csv_report };

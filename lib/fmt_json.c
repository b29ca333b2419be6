/* Reports as JSON: one object with the title, meta and sections. */
#include "ki/esc.h"
#include "ki/num.h"
#include "report_impl.h"

/*
 * A number cell is bare in JSON when it is a JSON number ("01" is not)
 * that readers take as one (1e999 is not).
 */
static void
json_cell(FILE *fp, const struct ki_section *s, size_t i, size_t k)
{
	const char *v = s->rows[i][k];

	if (v == NULL || *v == '\0')
		fputs("null", fp);
	else if (s->kinds[k] == KI_CK_NUMBER && ki_num_json_fits(v))
		fputs(v, fp);
	else
		ki_esc_json_file(fp, v);
}

static int
json_report(const struct ki_report *r, FILE *fp)
{
	size_t n, i, k;

	fputs("{\"title\":", fp);
	ki_esc_json_file(fp, r->title);
	fputs(",\"footer\":", fp);
	ki_esc_json_file(fp, r->footer ? r->footer : "");
	fputs(",\"meta\":{", fp);
	for (n = 0; n < r->nmeta; n++) {
		if (n)
			putc(',', fp);
		ki_esc_json_file(fp, r->meta[2 * n]);
		putc(':', fp);
		if (r->meta[2 * n + 1] == NULL)
			fputs("null", fp);
		else
			ki_esc_json_file(fp, r->meta[2 * n + 1]);
	}
	fputs(n ? ",\"inputs\":[" : "\"inputs\":[", fp);
	for (n = 0; n < r->ninputs; n++) {
		if (n)
			putc(',', fp);
		ki_esc_json_file(fp, r->inputs[n]);
	}
	fputs("]}", fp);
	fputs(",\"sections\":[", fp);
	for (n = 0; n < r->nsec; n++) {
		const struct ki_section *s = r->sec[n];

		fputs(n ? ",\n{\"title\":" : "\n{\"title\":", fp);
		ki_esc_json_file(fp, s->title);
		fputs(",\"columns\":[", fp);
		for (k = 0; k < s->ncols; k++) {
			if (k)
				putc(',', fp);
			ki_esc_json_file(fp, s->cols[k]);
		}
		fputs("],\"rows\":[", fp);
		for (i = 0; i < s->nrows; i++) {
			fputs(i ? ",[" : "[", fp);
			for (k = 0; k < s->ncols; k++) {
				if (k)
					putc(',', fp);
				json_cell(fp, s, i, k);
			}
			putc(']', fp);
		}
		fputs("],\"notes\":[", fp);
		for (k = 0; k < s->nnotes; k++) {
			if (k)
				putc(',', fp);
			ki_esc_json_file(fp, s->notes[k]);
		}
		fputs("]}", fp);
	}
	fputs("\n]}\n", fp);
	return ferror(fp) ? -1 : 0;
}

const struct ki_rformat ki_rformat_json = { "json", json_report };

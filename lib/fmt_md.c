/* Reports as Markdown: a heading and a table a section. */
#include "ki/esc.h"
#include "report_impl.h"

static void
md_section(const struct ki_section *s, size_t id, FILE *fp)
{
	size_t i, k;

	/* An anchor for the contents list. */
	if (id > 0)
		fprintf(fp, "<a id=\"s%zu\"></a>\n\n", id);
	fputs("## ", fp);
	ki_esc_md(fp, s->title, 0);
	fputs("\n\n", fp);
	if (s->nrows == 0)
		fputs("Nothing in this selection.\n", fp);
	else {
		for (i = 0; i <= s->nrows + 1; i++) {
			fputs("|", fp);
			for (k = 0; k < s->ncols; k++) {
				putc(' ', fp);
				if (i == 1)
					fputs(s->kinds[k] == KI_CK_NUMBER ? "---:" :
					    "---", fp);
				else
					ki_esc_md(fp, i == 0 ? s->cols[k] :
					    ki_rcell(s, i - 2, k), 0);
				fputs(" |", fp);
			}
			putc('\n', fp);
		}
	}
	for (i = 0; i < s->nnotes; i++) {
		putc('\n', fp);
		ki_esc_md(fp, s->notes[i], 1);
		putc('\n', fp);
	}
	putc('\n', fp);
}

static int
write_md(const struct ki_report *r, FILE *fp)
{
	size_t n;

	fputs("# ", fp);
	ki_esc_md(fp, r->title, 0);
	fputs("\n\n", fp);
	if (r->contents) {
		fputs("## Contents\n\n", fp);
		for (n = 0; n < r->nsec; n++) {
			fprintf(fp, "%zu. [", n + 1);
			ki_esc_md(fp, r->sec[n]->title, 0);
			fprintf(fp, "](#s%zu)\n", n + 1);
		}
		putc('\n', fp);
	}
	for (n = 0; n < r->nsec; n++)
		md_section(r->sec[n], r->contents ? n + 1 : 0, fp);
	if (r->footer != NULL) {
		putc('_', fp);
		ki_esc_md(fp, r->footer, 0);
		fputs("_\n", fp);
	}
	return ferror(fp) ? -1 : 0;
}

const struct ki_rformat ki_rformat_md = { "md", write_md };

/* Reports: build titled tables, write them as text, Markdown, CSV or JSON. */
#include <stdlib.h>
#include <string.h>

#include "ki/esc.h"
#include "ki/num.h"
#include "report_impl.h"

static const char *const fmtname[] = { "text", "md", "csv", "json", "html" };

int
ki_rfmt_parse(const char *s, enum ki_rfmt *f)
{
	size_t i;

	for (i = 0; i < sizeof(fmtname) / sizeof(fmtname[0]); i++)
		if (strcmp(s, fmtname[i]) == 0) {
			*f = (enum ki_rfmt)i;
			return 0;
		}
	return -1;
}

struct ki_report *
ki_report_new(const char *title)
{
	struct ki_report *r = calloc(1, sizeof(*r));

	if (r != NULL && (r->title = strdup(title)) == NULL) {
		free(r);
		return NULL;
	}
	return r;
}

void
ki_report_free(struct ki_report *r)
{
	size_t i, j, k;

	if (r == NULL)
		return;
	for (i = 0; i < r->nsec; i++) {
		struct ki_section *s = r->sec[i];

		for (j = 0; j < s->nrows; j++) {
			for (k = 0; k < s->ncols; k++)
				free(s->rows[j][k]);
			free(s->rows[j]);
		}
		for (k = 0; k < s->ncols; k++)
			free(s->cols[k]);
		for (k = 0; k < s->nnotes; k++)
			free(s->notes[k]);
		free(s->rows);
		free(s->cols);
		free(s->kinds);
		free(s->notes);
		free(s->title);
		free(s);
	}
	free(r->sec);
	free(r->title);
	free(r->footer);
	free(r);
}

void
ki_report_raw_csv(struct ki_report *r, int on)
{
	r->raw_csv = on;
}

void
ki_report_footer(struct ki_report *r, const char *text)
{
	free(r->footer);
	if ((r->footer = strdup(text)) == NULL)
		r->oom = 1;
}

struct ki_section *
ki_report_section(struct ki_report *r, const char *title, size_t ncols,
    const char *const *cols, const enum ki_ckind *kinds)
{
	struct ki_section *s, **sec;
	size_t k;

	if ((sec = realloc(r->sec, (r->nsec + 1) * sizeof(*sec))) == NULL ||
	    (s = calloc(1, sizeof(*s))) == NULL) {
		if (sec != NULL)
			r->sec = sec;
		r->oom = 1;
		return NULL;
	}
	r->sec = sec;
	r->sec[r->nsec++] = s;
	s->chart = -1;
	s->ncols = ncols;
	s->title = strdup(title);
	s->cols = calloc(ncols + 1, sizeof(char *));
	s->kinds = calloc(ncols + 1, sizeof(*s->kinds));
	if (s->title == NULL || s->cols == NULL || s->kinds == NULL) {
		r->oom = 1;
		s->ncols = 0;
		return s;
	}
	for (k = 0; k < ncols; k++) {
		if ((s->cols[k] = strdup(cols[k])) == NULL)
			r->oom = 1;
		s->kinds[k] = kinds ? kinds[k] : KI_CK_TEXT;
	}
	return s;
}

void
ki_section_row(struct ki_section *s, const char *const *cells)
{
	char **row;
	size_t k;

	if (s == NULL)
		return;
	if (s->nrows == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		char ***rows = realloc(s->rows, cap * sizeof(*rows));

		if (rows == NULL)
			return;
		s->rows = rows;
		s->cap = cap;
	}
	if ((row = calloc(s->ncols + 1, sizeof(char *))) == NULL)
		return;
	for (k = 0; k < s->ncols; k++)
		row[k] = cells[k] ? strdup(cells[k]) : NULL;
	s->rows[s->nrows++] = row;
}

void
ki_section_note(struct ki_section *s, const char *text)
{
	char **n;

	if (s == NULL ||
	    (n = realloc(s->notes, (s->nnotes + 1) * sizeof(*n))) == NULL)
		return;
	s->notes = n;
	if ((s->notes[s->nnotes] = strdup(text)) != NULL)
		s->nnotes++;
}

void
ki_section_chart(struct ki_section *s, size_t col)
{
	if (s != NULL && col < s->ncols)
		s->chart = (long)col;
}

void
ki_section_total(struct ki_section *s)
{
	if (s != NULL && s->nrows > 0)
		s->total = 1;
}

size_t
ki_section_rows(const struct ki_section *s)
{
	return s ? s->nrows : 0;
}

static const char *
cell(const struct ki_section *s, size_t i, size_t k)
{
	return s->rows[i][k] ? s->rows[i][k] : "";
}

/* Display width of text as ki_esc_text writes it. */
static size_t
width(const char *p)
{
	return ki_esc_text_width(p);
}

static void
pad(FILE *fp, size_t n)
{
	while (n-- > 0)
		putc(' ', fp);
}

static void
text_section(const struct ki_section *s, FILE *fp)
{
	size_t *w = calloc(s->ncols + 1, sizeof(*w)), i, k;

	if (w == NULL)
		return;
	for (k = 0; k < s->ncols; k++) {
		w[k] = width(s->cols[k]);
		for (i = 0; i < s->nrows; i++)
			if (width(cell(s, i, k)) > w[k])
				w[k] = width(cell(s, i, k));
	}
	ki_esc_text(fp, s->title);
	putc('\n', fp);
	for (k = 0; k < width(s->title); k++)
		putc('=', fp);
	putc('\n', fp);
	if (s->nrows == 0)
		fputs("(nothing in this selection)\n", fp);
	else
		for (i = 0; i <= s->nrows; i++) {
			if (s->total && i == s->nrows) {
				size_t all = 0;

				for (k = 0; k < s->ncols; k++)
					all += w[k] + (k ? 2 : 0);
				while (all-- > 0)
					putc('-', fp);
				putc('\n', fp);
			}
			size_t owed = 0;	/* spaces not yet written */

			for (k = 0; k < s->ncols; k++) {
				const char *v = i == 0 ? s->cols[k] : cell(s, i - 1, k);
				int right = s->kinds[k] == KI_CK_NUMBER;

				/* Spaces are written only before text, so no
				 * line ends in them. */
				owed += (k > 0 ? 2 : 0) + (right ? w[k] - width(v) : 0);
				if (*v != '\0') {
					pad(fp, owed);
					owed = 0;
					ki_esc_text(fp, v);
				}
				if (!right)
					owed += w[k] - width(v);
			}
			putc('\n', fp);
		}
	for (i = 0; i < s->nnotes; i++) {
		ki_esc_text(fp, s->notes[i]);
		putc('\n', fp);
	}
	free(w);
}

static void
md_section(const struct ki_section *s, FILE *fp)
{
	size_t i, k;

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
					    cell(s, i - 2, k), 0);
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

/*
 * A CSV cell, quoted as needed. Unless raw, a text cell that a spreadsheet
 * would run as a formula gets a leading ' (OWASP's advice), which shows it
 * as the text it is.
 */
static void
csv_cell(FILE *fp, const char *v, int raw)
{
	int formula = !raw && ki_esc_csv_formula(v);

	if (strpbrk(v, ",\"\r\n") == NULL) {
		if (formula)
			putc('\'', fp);
		fputs(v, fp);
		return;
	}
	putc('"', fp);
	if (formula)
		putc('\'', fp);
	for (; *v; v++) {
		if (*v == '"')
			putc('"', fp);
		putc(*v, fp);
	}
	putc('"', fp);
}

/*
 * One long table for the next tool: section, row, column, value. Every
 * section fits, whatever its columns.
 */
static void
csv_report(const struct ki_report *r, FILE *fp)
{
	size_t n, i, k;

	fputs("section,row,column,value\n", fp);
	for (n = 0; n < r->nsec; n++) {
		const struct ki_section *s = r->sec[n];

		for (i = 0; i < s->nrows; i++)
			for (k = 0; k < s->ncols; k++) {
				csv_cell(fp, s->title, r->raw_csv);
				fprintf(fp, ",%zu,", i + 1);
				csv_cell(fp, s->cols[k], r->raw_csv);
				putc(',', fp);
				csv_cell(fp, cell(s, i, k), r->raw_csv);
				putc('\n', fp);
			}
		/* Notes travel too: they qualify the figures. */
		for (i = 0; i < s->nnotes; i++) {
			csv_cell(fp, s->title, r->raw_csv);
			fputs(",,note,", fp);
			csv_cell(fp, s->notes[i], r->raw_csv);
			putc('\n', fp);
		}
	}
}

static void
json_str(FILE *fp, const char *v)
{
	putc('"', fp);
	for (; *v; v++) {
		unsigned char c = (unsigned char)*v;

		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", fp);
		else if (c < 0x20)
			fprintf(fp, "\\u%04x", c);
		else
			putc(c, fp);
	}
	putc('"', fp);
}

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
		json_str(fp, v);
}

static void
json_report(const struct ki_report *r, FILE *fp)
{
	size_t n, i, k;

	fputs("{\"title\":", fp);
	json_str(fp, r->title);
	fputs(",\"footer\":", fp);
	json_str(fp, r->footer ? r->footer : "");
	fputs(",\"sections\":[", fp);
	for (n = 0; n < r->nsec; n++) {
		const struct ki_section *s = r->sec[n];

		fputs(n ? ",\n{\"title\":" : "\n{\"title\":", fp);
		json_str(fp, s->title);
		fputs(",\"columns\":[", fp);
		for (k = 0; k < s->ncols; k++) {
			if (k)
				putc(',', fp);
			json_str(fp, s->cols[k]);
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
			json_str(fp, s->notes[k]);
		}
		fputs("]}", fp);
	}
	fputs("\n]}\n", fp);
}

int
ki_report_write(const struct ki_report *r, FILE *fp, enum ki_rfmt f)
{
	size_t n;

	if (r->oom)
		return -1;
	switch (f) {
	case KI_RF_TEXT:
		ki_esc_text(fp, r->title);
		putc('\n', fp);
		if (r->footer != NULL) {
			ki_esc_text(fp, r->footer);
			putc('\n', fp);
		}
		for (n = 0; n < r->nsec; n++) {
			putc('\n', fp);
			text_section(r->sec[n], fp);
		}
		break;
	case KI_RF_MD:
		fputs("# ", fp);
		ki_esc_md(fp, r->title, 0);
		fputs("\n\n", fp);
		for (n = 0; n < r->nsec; n++)
			md_section(r->sec[n], fp);
		if (r->footer != NULL) {
			putc('_', fp);
			ki_esc_md(fp, r->footer, 0);
			fputs("_\n", fp);
		}
		break;
	case KI_RF_CSV:
		csv_report(r, fp);
		break;
	case KI_RF_JSON:
		json_report(r, fp);
		break;
	case KI_RF_HTML:
		return ki_report_html(r, fp);
	}
	return ferror(fp) ? -1 : 0;
}

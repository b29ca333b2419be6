/* A report as one self-contained HTML page, with SVG bar charts. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ki/esc.h"
#include "ki/num.h"
#include "report_impl.h"

#define BAR_W	360	/* the longest bar, in pixels */
#define LABEL_W	220
#define ROW_H	22

static double
value(const char *v)
{
	char plain[64];
	size_t o = 0;
	double d;

	/* Money as people read it, "£1,234.56": the number without £ and ,. */
	if (v != NULL && strncmp(v, "\xc2\xa3", 2) == 0) {
		for (v += 2; *v != '\0' && o < sizeof(plain) - 1; v++)
			if (*v != ',')
				plain[o++] = *v;
		plain[o] = '\0';
		v = plain;
	}
	if (v == NULL || ki_num_parse(v, &d) == -1 || d < 0)
		return 0;
	return d;
}

/*
 * The order and colour of a label that means something by its colour: the
 * categories Red, Amber, Green (then others, then unknown) and the grade
 * changes improved, same, declined. The colours have 3:1 against white and
 * 4.5:1 against their count's text; the label is always written beside.
 */
static const struct mark {
	const char *name;
	int rank;
	const char *cls;
} marks[] = {
	{ "red", 0, "rag-r" }, { "amber", 1, "rag-a" }, { "green", 2, "rag-g" },
	{ "improved", 0, "rag-g" }, { "same", 1, "rag-n" },
	{ "declined", 2, "rag-r" },
	{ "unknown", 9, "rag-u" }, { "(blank)", 9, "rag-u" },
};

static const struct mark *
mark(const char *v)
{
	size_t i;

	for (i = 0; v != NULL && i < sizeof(marks) / sizeof(marks[0]); i++)
		if (strcasecmp(v, marks[i].name) == 0)
			return &marks[i];
	return NULL;
}

/* A mark's rank; others between the coloured ones and unknown. */
static int
rank(const char *v)
{
	const struct mark *m = mark(v);

	return m != NULL ? m->rank : 5;
}

static int
coloured(const char *v)
{
	const struct mark *m = mark(v);

	return m != NULL && m->rank < 9;
}

/* perm[0..n) = 0..n) stably sorted by the rank of name(i). */
static void
order(size_t *perm, size_t n, const char *(*name)(const struct ki_section *,
    size_t), const struct ki_section *s)
{
	size_t i, j;

	for (i = 0; i < n; i++)
		perm[i] = i;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && rank(name(s, perm[j - 1])) >
		    rank(name(s, perm[j])); j--) {
			size_t t = perm[j];

			perm[j] = perm[j - 1];
			perm[j - 1] = t;
		}
}

/* The name of the category column k + 1. */
static const char *
catname(const struct ki_section *s, size_t k)
{
	return s->cols[k + 1];
}

static const char *
rowname(const struct ki_section *s, size_t i)
{
	return s->rows[i][0];
}

/*
 * A section whose columns 1 .. chart-1 are categories (schools per category
 * by district): its categories are charted, in RAG order, from the sums.
 */
static int
is_matrix(const struct ki_section *s)
{
	size_t k;

	if (s->chart < 2)
		return 0;
	for (k = 1; k < (size_t)s->chart; k++)
		if (coloured(s->cols[k]))
			return 1;
	return 0;
}

/* A section whose rows are categories or grade changes. */
static int
is_marked(const struct ki_section *s)
{
	size_t i;

	for (i = 0; i < s->nrows; i++)
		if (coloured(s->rows[i][0]))
			return 1;
	return 0;
}

struct bar {
	const char *label;
	const char *count;	/* as written */
	double v;
	const char *cls;	/* colour class, or NULL */
};

/*
 * A horizontal bar chart with a label and the count beside each bar, an
 * axis with its unit, and a text alternative: the chart's title and a
 * description that gives every figure.
 */
static void
bars(FILE *fp, size_t id, const char *what, const char *by,
    const struct bar *b, size_t n)
{
	size_t i, top = 0;
	double max = 0;
	int h = (int)n * ROW_H + 50, w = LABEL_W + BAR_W + 90;
	int pct = what[0] == '%', money;

	for (i = 0; i < n; i++)
		if (b[i].v > max) {
			max = b[i].v;
			top = i;
		}
	/* Money's axis ends at the largest bar's amount, as it is written. */
	money = !pct && max > 0 && b[top].count != NULL &&
	    strncmp(b[top].count, "\xc2\xa3", 2) == 0;
	if (pct && max < 100)
		max = 100;
	fprintf(fp, "<figure>\n<svg class=\"chart\" role=\"img\" "
	    "aria-labelledby=\"c%zu-t c%zu-d\" width=\"%d\" height=\"%d\" "
	    "viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\">"
	    "<title id=\"c%zu-t\">", id, id, w, h, w, h, id);
	ki_esc_html(fp, what);
	fputs(" by ", fp);
	ki_esc_html(fp, by);
	fprintf(fp, "</title><desc id=\"c%zu-d\">Bar chart. ", id);
	for (i = 0; i < n; i++) {
		ki_esc_html(fp, b[i].label);
		fputs(": ", fp);
		ki_esc_html(fp, b[i].count ? b[i].count : "none");
		fputs(i + 1 < n ? "; " : ".", fp);
	}
	fputs("</desc>\n", fp);
	fprintf(fp, "<text class=\"axis\" x=\"%d\" y=\"12\" "
	    "text-anchor=\"end\">", LABEL_W - 8);
	ki_esc_html(fp, by);
	fputs("</text>\n", fp);
	for (i = 0; i < n; i++) {
		int y = (int)i * ROW_H + 20;
		int bw = max > 0 ? (int)(b[i].v / max * BAR_W + 0.5) : 0;

		fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">",
		    LABEL_W - 8, y + 15);
		ki_esc_html(fp, b[i].label);
		fprintf(fp, "</text><rect%s%s%s x=\"%d\" y=\"%d\" width=\"%d\" "
		    "height=\"%d\"/><text x=\"%d\" y=\"%d\">",
		    b[i].cls ? " class=\"" : "", b[i].cls ? b[i].cls : "",
		    b[i].cls ? "\"" : "", LABEL_W, y, bw, ROW_H - 6,
		    LABEL_W + bw + 6, y + 15);
		ki_esc_html(fp, b[i].count);
		fputs("</text>\n", fp);
	}
	fprintf(fp, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" "
	    "y2=\"%d\"/><text class=\"axis\" x=\"%d\" y=\"%d\" "
	    "text-anchor=\"middle\">0</text><text class=\"axis\" x=\"%d\" "
	    "y=\"%d\" text-anchor=\"middle\">",
	    LABEL_W, (int)n * ROW_H + 18, LABEL_W + BAR_W, (int)n * ROW_H + 18,
	    LABEL_W, (int)n * ROW_H + 32, LABEL_W + BAR_W, (int)n * ROW_H + 32);
	if (money)
		ki_esc_html(fp, b[top].count);
	else
		fprintf(fp, "%.15g%s", max, pct ? "%" : "");
	fprintf(fp, "</text><text class=\"axis\" x=\"%d\" y=\"%d\" "
	    "text-anchor=\"middle\">", LABEL_W + BAR_W / 2, (int)n * ROW_H + 46);
	ki_esc_html(fp, what);
	fputs("</text>\n</svg>\n<figcaption>Chart: ", fp);
	ki_esc_html(fp, what);
	fputs(" by ", fp);
	ki_esc_html(fp, by);
	fputs(". The figures are in the table below.</figcaption>\n"
	    "</figure>\n", fp);
}

/* The chart of a section; -1 when out of memory (nothing written). */
static int
chart(const struct ki_section *s, size_t id, const size_t *rowp,
    const size_t *colp, FILE *fp)
{
	size_t i, k, n = s->nrows - (s->total ? 1 : 0), nb = 0;
	struct bar *b;

	if (n == 0)
		return 0;
	if ((b = calloc(s->ncols + n, sizeof(*b))) == NULL)
		return -1;
	if (is_matrix(s)) {
		/* The categories over all rows: the total row, or the sums. */
		char sums[64][32];

		for (k = 1; k < (size_t)s->chart && nb < 64; k++) {
			size_t c = colp[k];
			double v = 0;

			for (i = 0; i < n; i++)
				v += value(s->rows[i][c]);
			b[nb].label = s->cols[c];
			b[nb].v = v;
			if (s->total && s->rows[n][c] != NULL)
				b[nb].count = s->rows[n][c];
			else {
				snprintf(sums[nb], sizeof(sums[nb]), "%.15g", v);
				b[nb].count = sums[nb];
			}
			b[nb].cls = mark(s->cols[c]) ? mark(s->cols[c])->cls :
			    "rag-o";
			nb++;
		}
		bars(fp, id, "schools", "category", b, nb);
	} else {
		k = (size_t)s->chart;
		for (i = 0; i < n; i++) {
			const char *const *row = (const char *const *)
			    s->rows[rowp[i]];

			b[nb].label = row[0] ? row[0] : "";
			b[nb].count = row[k];
			b[nb].v = value(row[k]);
			b[nb].cls = mark(row[0]) ? mark(row[0])->cls : NULL;
			nb++;
		}
		bars(fp, id, s->cols[k], s->cols[0], b, nb);
	}
	free(b);
	return 0;
}

/* A cell's text, with a swatch before a label that has a colour. */
static void
cell(FILE *fp, const char *v)
{
	const struct mark *m = mark(v);

	if (m != NULL && m->rank < 9)
		fprintf(fp, "<span class=\"sw %s\"></span>", m->cls);
	ki_esc_html(fp, v);
}

static void
table(const struct ki_section *s, const size_t *rowp, const size_t *colp,
    FILE *fp)
{
	size_t i, k;

	fputs("<table>\n<caption>", fp);
	ki_esc_html(fp, s->title);
	fputs("</caption>\n<thead><tr>", fp);
	for (k = 0; k < s->ncols; k++) {
		size_t c = colp[k];

		fputs(s->kinds[c] == KI_CK_NUMBER ? "<th scope=\"col\" "
		    "class=\"n\">" : "<th scope=\"col\">", fp);
		cell(fp, s->cols[c]);
		fputs("</th>", fp);
	}
	fputs("</tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < s->nrows; i++) {
		const char *const *row = (const char *const *)s->rows[rowp[i]];

		fputs(s->total && i + 1 == s->nrows ? "<tr class=\"total\">" :
		    "<tr>", fp);
		for (k = 0; k < s->ncols; k++) {
			size_t c = colp[k];

			/* The first cell names the row. */
			fputs(k == 0 ? (s->kinds[c] == KI_CK_NUMBER ?
			    "<th scope=\"row\" class=\"n\">" :
			    s->kinds[c] == KI_CK_DATE ?
			    "<th scope=\"row\" class=\"d\">" :
			    "<th scope=\"row\">") :
			    s->kinds[c] == KI_CK_NUMBER ? "<td class=\"n\">" :
			    s->kinds[c] == KI_CK_DATE ? "<td class=\"d\">" :
			    "<td>", fp);
			if (strcmp(s->cols[c], "category") == 0 ||
			    strcmp(s->cols[c], "change") == 0 || k == 0)
				cell(fp, row[c]);
			else
				ki_esc_html(fp, row[c]);
			fputs(k == 0 ? "</th>" : "</td>", fp);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
}

/*
 * A section: its chart and its table, rows and columns in RAG order.
 * Returns 0, or -1 out of memory.
 */
static int
section(const struct ki_section *s, size_t id, FILE *fp)
{
	size_t *rowp, *colp, i, n = s->nrows - (s->total ? 1 : 0);

	rowp = calloc(s->nrows + 1, sizeof(*rowp));
	colp = calloc(s->ncols + 1, sizeof(*colp));
	if (rowp == NULL || colp == NULL) {
		free(rowp);
		free(colp);
		return -1;
	}
	for (i = 0; i < s->nrows; i++)
		rowp[i] = i;
	for (i = 0; i < s->ncols; i++)
		colp[i] = i;
	if (is_marked(s))
		order(rowp, n, rowname, s);
	if (is_matrix(s)) {
		order(colp + 1, (size_t)s->chart - 1, catname, s);
		for (i = 1; i < (size_t)s->chart; i++)
			colp[i] += 1;
	}
	if (s->chart >= 0 && chart(s, id, rowp, colp, fp) == -1) {
		free(rowp);
		free(colp);
		return -1;
	}
	table(s, rowp, colp, fp);
	free(rowp);
	free(colp);
	return 0;
}

/*
 * The page from the end of its title to the start of its heading: the
 * style, in the page so that it needs nothing fetched.
 */
static const char page_head[] =
    "</title>\n<style>\n"
    "body{font:15px/1.4 system-ui,sans-serif;margin:2em auto;"
    "max-width:60em;padding:0 1em;color:#1b1b1b;background:#fff}\n"
    "h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;"
    "border-bottom:1px solid #ccc}\n"
    "table{border-collapse:collapse;margin:.5em 0}\n"
    /* The caption repeats the heading: for screen readers only. */
    "caption{position:absolute;width:1px;height:1px;overflow:hidden;"
    "clip:rect(0 0 0 0);white-space:nowrap}section{position:relative}\n"
    "th,td{padding:.25em .7em;border-bottom:1px solid #e3e3e3;"
    "text-align:left;vertical-align:top}\n"
    "thead th{background:#f3f3f3}tbody th{font-weight:normal}"
    ".n{text-align:right;"
    "font-variant-numeric:tabular-nums}.n,.d{white-space:nowrap}\n"
    "figure{margin:.5em 0}figcaption{font-size:.9em;color:#444}\n"
    "svg.chart{display:block;max-width:100%;height:auto}"
    "svg.chart rect{fill:#2b6cb0}svg.chart text{font-size:13px;"
    "fill:#1b1b1b}\nsvg.chart line.axis{stroke:#595959}"
    "svg.chart text.axis{fill:#444;font-size:12px}\n"
    /* 3:1 or more against white; the label is always beside. */
    "svg.chart rect.rag-r,.sw.rag-r{fill:#c62828;background:#c62828}"
    "svg.chart rect.rag-a,.sw.rag-a{fill:#c77c02;background:#c77c02}"
    "svg.chart rect.rag-g,.sw.rag-g{fill:#2e7d32;background:#2e7d32}"
    "svg.chart rect.rag-n,.sw.rag-n{fill:#6b6b6b;background:#6b6b6b}"
    "svg.chart rect.rag-o{fill:#2b6cb0}"
    "svg.chart rect.rag-u{fill:#767676}\n"
    ".sw{display:inline-block;width:.8em;height:.8em;"
    "margin-right:.35em;vertical-align:-.05em;border-radius:2px;"
    "print-color-adjust:exact;-webkit-print-color-adjust:exact}\n"
    "tr.total td,tr.total th{font-weight:600;border-top:2px solid #999}\n"
    "p.note{color:#444}footer{margin-top:3em;color:#555;"
    "font-size:.9em;border-top:1px solid #ccc;padding-top:.5em}\n"
    /* A4: tables across pages with their heads, no row cut. */
    "@media print{@page{size:A4;margin:15mm 12mm}"
    "body{max-width:none;margin:0;padding:0;font-size:10pt}"
    "h2{break-after:avoid;page-break-after:avoid}"
    "figure{break-inside:avoid;page-break-inside:avoid}"
    "table{width:100%}thead{display:table-header-group}"
    "tfoot{display:table-footer-group}"
    "tr{break-inside:avoid;page-break-inside:avoid}"
    "svg.chart rect{print-color-adjust:exact;"
    "-webkit-print-color-adjust:exact}}\n"
    "</style>\n</head>\n<body>\n<main>\n<h1>";

/* The contents list: each section's title, linked to it. */
static void
contents(const struct ki_report *r, FILE *fp)
{
	size_t n;

	fputs("<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">"
	    "Contents</h2>\n<ol>\n", fp);
	for (n = 0; n < r->nsec; n++) {
		fprintf(fp, "<li><a href=\"#s%zu\">", n + 1);
		ki_esc_html(fp, r->sec[n]->title);
		fputs("</a></li>\n", fp);
	}
	fputs("</ol>\n</nav>\n", fp);
}

static int
write_html(const struct ki_report *r, FILE *fp)
{
	size_t n, i;

	fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width\">\n<title>",
	    fp);
	ki_esc_html(fp, r->title);
	fputs(page_head, fp);
	ki_esc_html(fp, r->title);
	fputs("</h1>\n", fp);
	if (r->contents)
		contents(r, fp);
	for (n = 0; n < r->nsec; n++) {
		const struct ki_section *s = r->sec[n];

		if (r->contents)
			fprintf(fp, "<section id=\"s%zu\">\n<h2>", n + 1);
		else
			fputs("<section>\n<h2>", fp);
		ki_esc_html(fp, s->title);
		fputs("</h2>\n", fp);
		if (s->nrows == 0)
			fputs("<p class=\"empty\">Nothing in this selection.</p>\n",
			    fp);
		else if (section(s, n + 1, fp) == -1)
			return -1;
		for (i = 0; i < s->nnotes; i++) {
			fputs("<p class=\"note\">", fp);
			ki_esc_html(fp, s->notes[i]);
			fputs("</p>\n", fp);
		}
		fputs("</section>\n", fp);
	}
	fputs("</main>\n<footer>", fp);
	ki_esc_html(fp, r->footer ? r->footer : "");
	fputs("</footer>\n</body>\n</html>\n", fp);
	return ferror(fp) ? -1 : 0;
}

const struct ki_rformat ki_rformat_html = { "html", write_html };

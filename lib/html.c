/* A report as one self-contained HTML page, with SVG bar charts. */
#include <stdlib.h>
#include <string.h>

#include "ki/num.h"
#include "report_impl.h"

#define BAR_W	360	/* the longest bar, in pixels */
#define LABEL_W	220
#define ROW_H	22

/* Text from the data, safe in element content and in attributes. */
static void
esc(FILE *fp, const char *v)
{
	for (; v != NULL && *v; v++)
		switch (*v) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&#39;", fp);
			break;
		default:
			putc(*v, fp);
		}
}

static double
value(const char *v)
{
	double d;

	if (v == NULL || ki_num_parse(v, &d) == -1 || d < 0)
		return 0;
	return d;
}

static void
chart(const struct ki_section *s, FILE *fp)
{
	size_t i, k = (size_t)s->chart, n = s->nrows - (s->total ? 1 : 0);
	double max = 0;
	int h = (int)n * ROW_H + 10;

	for (i = 0; i < n; i++)
		if (value(s->rows[i][k]) > max)
			max = value(s->rows[i][k]);
	fprintf(fp, "<svg class=\"chart\" role=\"img\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" "
	    "xmlns=\"http://www.w3.org/2000/svg\"><title>", LABEL_W + BAR_W + 80,
	    h, LABEL_W + BAR_W + 80, h);
	esc(fp, s->cols[k]);
	fputs(" by ", fp);
	esc(fp, s->cols[0]);
	fputs("</title>\n", fp);
	for (i = 0; i < n; i++) {
		int y = (int)i * ROW_H + 5;
		int w = max > 0 ? (int)(value(s->rows[i][k]) / max * BAR_W + 0.5) : 0;

		fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">",
		    LABEL_W - 8, y + 15);
		esc(fp, s->rows[i][0]);
		fprintf(fp, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" "
		    "height=\"%d\"/><text x=\"%d\" y=\"%d\">", LABEL_W, y, w,
		    ROW_H - 6, LABEL_W + w + 6, y + 15);
		esc(fp, s->rows[i][k]);
		fputs("</text>\n", fp);
	}
	fputs("</svg>\n", fp);
}

static void
table(const struct ki_section *s, FILE *fp)
{
	size_t i, k;

	fputs("<table>\n<thead><tr>", fp);
	for (k = 0; k < s->ncols; k++) {
		fputs(s->kinds[k] == KI_CK_NUMBER ? "<th class=\"n\">" : "<th>",
		    fp);
		esc(fp, s->cols[k]);
		fputs("</th>", fp);
	}
	fputs("</tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < s->nrows; i++) {
		fputs(s->total && i + 1 == s->nrows ? "<tr class=\"total\">" :
		    "<tr>", fp);
		for (k = 0; k < s->ncols; k++) {
			fputs(s->kinds[k] == KI_CK_NUMBER ? "<td class=\"n\">" :
			    s->kinds[k] == KI_CK_DATE ? "<td class=\"d\">" :
			    "<td>", fp);
			esc(fp, s->rows[i][k]);
			fputs("</td>", fp);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
}

int
ki_report_html(const struct ki_report *r, FILE *fp)
{
	size_t n, i;

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width\">\n<title>",
	    fp);
	esc(fp, r->title);
	fputs("</title>\n<style>\n"
	    "body{font:15px/1.4 system-ui,sans-serif;margin:2em auto;"
	    "max-width:60em;padding:0 1em;color:#1b1b1b}\n"
	    "h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;"
	    "border-bottom:1px solid #ccc}\n"
	    "table{border-collapse:collapse;margin:.5em 0}\n"
	    "th,td{padding:.25em .7em;border-bottom:1px solid #e3e3e3;"
	    "text-align:left;vertical-align:top}\n"
	    "th{background:#f3f3f3}.n{text-align:right;"
	    "font-variant-numeric:tabular-nums}.n,.d{white-space:nowrap}\n"
	    "svg.chart{display:block;margin:.5em 0}"
	    "svg.chart rect{fill:#2b6cb0}svg.chart text{font-size:13px}\n"
	    "tr.total td{font-weight:600;border-top:2px solid #999}\n"
	    "p.note{color:#444}footer{margin-top:3em;color:#555;"
	    "font-size:.9em;border-top:1px solid #ccc;padding-top:.5em}\n"
	    "</style>\n</head>\n<body>\n<h1>", fp);
	esc(fp, r->title);
	fputs("</h1>\n", fp);
	for (n = 0; n < r->nsec; n++) {
		const struct ki_section *s = r->sec[n];

		fputs("<section>\n<h2>", fp);
		esc(fp, s->title);
		fputs("</h2>\n", fp);
		if (s->nrows == 0)
			fputs("<p class=\"empty\">Nothing in this selection.</p>\n",
			    fp);
		else {
			if (s->chart >= 0)
				chart(s, fp);
			table(s, fp);
		}
		for (i = 0; i < s->nnotes; i++) {
			fputs("<p class=\"note\">", fp);
			esc(fp, s->notes[i]);
			fputs("</p>\n", fp);
		}
		fputs("</section>\n", fp);
	}
	fputs("<footer>", fp);
	esc(fp, r->footer ? r->footer : "");
	fputs("</footer>\n</body>\n</html>\n", fp);
	return ferror(fp) ? -1 : 0;
}

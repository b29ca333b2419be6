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
	for (k = 0; k < 2 * r->nmeta; k++)
		free(r->meta[k]);
	for (k = 0; k < r->ninputs; k++)
		free(r->inputs[k]);
	free(r->meta);
	free(r->inputs);
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
ki_report_excel(struct ki_report *r, int on)
{
	r->excel = on;
}

void
ki_report_meta(struct ki_report *r, const char *key, const char *value)
{
	char **m = realloc(r->meta, (r->nmeta + 1) * 2 * sizeof(*m));

	if (m == NULL) {
		r->oom = 1;
		return;
	}
	r->meta = m;
	m[2 * r->nmeta] = strdup(key);
	m[2 * r->nmeta + 1] = value ? strdup(value) : NULL;
	if (m[2 * r->nmeta] == NULL || (value && m[2 * r->nmeta + 1] == NULL))
		r->oom = 1;
	r->nmeta++;
}

void
ki_report_input(struct ki_report *r, const char *path)
{
	char **in = realloc(r->inputs, (r->ninputs + 1) * sizeof(*in));

	if (in == NULL) {
		r->oom = 1;
		return;
	}
	r->inputs = in;
	if ((in[r->ninputs] = strdup(path)) == NULL)
		r->oom = 1;
	else
		r->ninputs++;
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

		if (rows == NULL) {
			s->oom = 1;
			return;
		}
		s->rows = rows;
		s->cap = cap;
	}
	if ((row = calloc(s->ncols + 1, sizeof(char *))) == NULL) {
		s->oom = 1;
		return;
	}
	for (k = 0; k < s->ncols; k++)
		if (cells[k] != NULL && (row[k] = strdup(cells[k])) == NULL)
			s->oom = 1;
	s->rows[s->nrows++] = row;
}

void
ki_section_note(struct ki_section *s, const char *text)
{
	char **n;

	if (s == NULL)
		return;
	if ((n = realloc(s->notes, (s->nnotes + 1) * sizeof(*n))) == NULL) {
		s->oom = 1;
		return;
	}
	s->notes = n;
	if ((s->notes[s->nnotes] = strdup(text)) != NULL)
		s->nnotes++;
	else
		s->oom = 1;
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

/* The width a text report keeps within: an e-mail's, a terminal's. */
#define TEXT_COLS 80

/*
 * The display width of the n bytes at p, one UTF-8 character at a time
 * (nothing to allocate, so nothing to lose for want of memory).
 */
static size_t
width_n(const char *p, size_t n)
{
	char ch[8];
	size_t w = 0, i = 0;

	while (i < n) {
		size_t j = i + 1;

		while (j < n && (p[j] & 0xc0) == 0x80 && j - i < sizeof(ch) - 1)
			j++;
		memcpy(ch, p + i, j - i);
		ch[j - i] = '\0';
		w += width(ch);
		i = j;
	}
	return w;
}

/*
 * The first line of p that fits in cols columns: *len bytes, broken at a
 * space when there is one (else within a word, at a character), and the
 * offset the next line starts at in *next (spaces skipped).
 */
static void
wrap_piece(const char *p, size_t cols, size_t *len, size_t *next)
{
	size_t col = 0, i = 0, sp = 0, spnext = 0;
	int has_sp = 0;

	while (p[i] != '\0') {
		size_t j = i + 1, cw;

		while ((p[j] & 0xc0) == 0x80)
			j++;
		if (p[i] == ' ' && i > 0) {
			sp = i;
			spnext = j;
			has_sp = 1;
		}
		cw = width_n(p + i, j - i);
		if (col + cw > cols) {
			if (p[i] == ' ')
				*len = i;
			else if (has_sp) {
				*len = sp;
				i = spnext;
			} else
				*len = i > 0 ? i : j;
			if (p[i] != ' ' && !has_sp)
				i = *len;
			while (p[i] == ' ')
				i++;
			*next = i;
			return;
		}
		col += cw;
		i = j;
	}
	*len = *next = i;
}

/* Write p, wrapped at TEXT_COLS columns after indent spaces, lines ended. */
static void
text_wrap_at(FILE *fp, const char *p, size_t indent)
{
	size_t len, next;

	do {
		size_t i = 0;

		pad(fp, indent);
		wrap_piece(p, TEXT_COLS - indent, &len, &next);
		/* One character at a time: nothing to allocate. */
		while (i < len) {
			char ch[8];
			size_t j = i + 1;

			while (j < len && (p[j] & 0xc0) == 0x80 &&
			    j - i < sizeof(ch) - 1)
				j++;
			memcpy(ch, p + i, j - i);
			ch[j - i] = '\0';
			ki_esc_text(fp, ch);
			i = j;
		}
		putc('\n', fp);
		p += next;
	} while (*p != '\0');
}

static void
text_wrap(FILE *fp, const char *p)
{
	text_wrap_at(fp, p, 0);
}

/* The widest a text column is drawn when a table is too wide. */
#define TEXT_CAP 32

/*
 * When the columns do not fit in TEXT_COLS, text columns are drawn at most
 * TEXT_CAP wide (wrapped within), and the columns from the first that
 * does not fit on go to a second line under each row, as "column: value".
 * Returns how many columns are drawn as a table, 0 when out of memory.
 */
static size_t
main_cols(const struct ki_section *s, size_t *w)
{
	size_t all = 0, k;

	for (k = 0; k < s->ncols; k++)
		all += w[k] + (k ? 2 : 0);
	if (all <= TEXT_COLS)
		return s->ncols;
	size_t *nat = malloc((s->ncols + 1) * sizeof(*nat)), n = s->ncols;
	int grew = 1;

	if (nat == NULL)
		return 0;	/* out of memory: text_section fails */
	memcpy(nat, w, s->ncols * sizeof(*nat));
	for (k = 0; k < s->ncols; k++)
		if (s->kinds[k] == KI_CK_TEXT && w[k] > TEXT_CAP)
			w[k] = TEXT_CAP;
	for (all = 0, k = 0; k < s->ncols; k++) {
		all += w[k] + (k ? 2 : 0);
		if (all > TEXT_COLS) {
			all -= w[k] + (k ? 2 : 0);
			n = k > 0 ? k : 1;
			break;
		}
	}
	/* The room left goes back to the capped columns, a column at a time. */
	while (grew && all < TEXT_COLS)
		for (grew = 0, k = 0; k < n && all < TEXT_COLS; k++)
			if (w[k] < nat[k]) {
				w[k]++;
				all++;
				grew = 1;
			}
	free(nat);
	return n;
}

/*
 * Row i's cells from column from on, as "column: value; ...", wrapped.
 * Returns 0, or -1 out of memory.
 */
static int
text_detail(const struct ki_section *s, size_t i, size_t from,
    size_t indent, FILE *fp)
{
	size_t k, len = 1;
	char *b;

	for (k = from; k < s->ncols; k++)
		len += strlen(s->cols[k]) + strlen(cell(s, i, k)) + 4;
	if ((b = malloc(len)) == NULL)
		return -1;
	b[0] = '\0';
	for (k = from; k < s->ncols; k++) {
		if (*cell(s, i, k) == '\0')
			continue;
		if (*b != '\0')
			strcat(b, "; ");
		strcat(b, s->cols[k]);
		strcat(b, ": ");
		strcat(b, cell(s, i, k));
	}
	if (*b != '\0')
		text_wrap_at(fp, b, indent);
	free(b);
	return 0;
}

/*
 * The columns' widths, narrowed until a row fits in TEXT_COLS: the widest
 * text column first (names, notes), a number or date column only when no
 * text column can give more; none below 8 columns.
 */
static void
fit_widths(const struct ki_section *s, size_t *w, size_t ncols)
{
	size_t all = 0, k;

	for (k = 0; k < ncols; k++)
		all += w[k] + (k ? 2 : 0);
	while (all > TEXT_COLS) {
		size_t best = s->ncols, pass;

		for (pass = 0; pass < 2 && best == s->ncols; pass++)
			for (k = 0; k < ncols; k++)
				if (w[k] > 8 && (pass == 1 ||
				    s->kinds[k] == KI_CK_TEXT) &&
				    (best == s->ncols || w[k] > w[best]))
					best = k;
		if (best == s->ncols)
			break;
		w[best]--;
		all--;
	}
}

/*
 * One row of cells (the header when i is 0), wrapped within the widths.
 * Returns 0, or -1 out of memory.
 */
static int
text_row(const struct ki_section *s, size_t i, const size_t *w,
    size_t ncols, FILE *fp)
{
	const char **at = calloc(s->ncols + 1, sizeof(*at));
	char *piece;
	size_t k, most = 0;
	int more = 1;

	for (k = 0; at != NULL && k < ncols; k++) {
		at[k] = i == 0 ? s->cols[k] : cell(s, i - 1, k);
		if (strlen(at[k]) > most)
			most = strlen(at[k]);
	}
	/* A line of a cell is at most the whole cell. */
	if (at == NULL || (piece = malloc(most + 1)) == NULL) {
		free(at);
		return -1;
	}
	while (more) {
		size_t owed = 0;	/* spaces not yet written */

		more = 0;
		for (k = 0; k < ncols; k++) {
			int right = s->kinds[k] == KI_CK_NUMBER;
			size_t len, next, pw;

			wrap_piece(at[k], w[k], &len, &next);
			memcpy(piece, at[k], len);
			piece[len] = '\0';
			at[k] += next;
			more |= *at[k] != '\0';
			pw = width(piece);
			pw = pw > w[k] ? w[k] : pw;
			/* Spaces are written only before text, so no line
			 * ends in them. */
			owed += (k > 0 ? 2 : 0) + (right ? w[k] - pw : 0);
			if (*piece != '\0') {
				pad(fp, owed);
				owed = 0;
				ki_esc_text(fp, piece);
			}
			if (!right)
				owed += w[k] - pw;
		}
		putc('\n', fp);
	}
	free(piece);
	free(at);
	return 0;
}

static int
text_section(const struct ki_section *s, FILE *fp)
{
	size_t *w = calloc(s->ncols + 1, sizeof(*w)), i, k, nmain;

	if (w == NULL)
		return -1;
	for (k = 0; k < s->ncols; k++) {
		w[k] = width(s->cols[k]);
		for (i = 0; i < s->nrows; i++)
			if (width(cell(s, i, k)) > w[k])
				w[k] = width(cell(s, i, k));
	}
	nmain = s->ncols > 0 ? main_cols(s, w) : 0;
	if (s->ncols > 0 && nmain == 0) {
		free(w);
		return -1;
	}
	fit_widths(s, w, nmain);
	text_wrap(fp, s->title);
	for (k = 0; k < width(s->title) && k < TEXT_COLS; k++)
		putc('=', fp);
	putc('\n', fp);
	if (s->nrows == 0)
		fputs("(nothing in this selection)\n", fp);
	else
		for (i = 0; i <= s->nrows; i++) {
			if (s->total && i == s->nrows) {
				size_t all = 0;

				for (k = 0; k < nmain; k++)
					all += w[k] + (k ? 2 : 0);
				while (all-- > 0)
					putc('-', fp);
				putc('\n', fp);
			}
			if (text_row(s, i, w, nmain, fp) == -1 ||
			    (i > 0 && nmain < s->ncols && text_detail(s, i - 1,
			    nmain, w[0] + 2, fp) == -1)) {
				free(w);
				return -1;
			}
		}
	for (i = 0; i < s->nnotes; i++)
		text_wrap(fp, s->notes[i]);
	free(w);
	return 0;
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
				csv_cell(fp, cell(s, i, k), r->raw_csv);
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
	fputs(",\"meta\":{", fp);
	for (n = 0; n < r->nmeta; n++) {
		if (n)
			putc(',', fp);
		json_str(fp, r->meta[2 * n]);
		putc(':', fp);
		if (r->meta[2 * n + 1] == NULL)
			fputs("null", fp);
		else
			json_str(fp, r->meta[2 * n + 1]);
	}
	fputs(n ? ",\"inputs\":[" : "\"inputs\":[", fp);
	for (n = 0; n < r->ninputs; n++) {
		if (n)
			putc(',', fp);
		json_str(fp, r->inputs[n]);
	}
	fputs("]}", fp);
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

	/* Nothing is written of a report that lost a part. */
	if (r->oom)
		return -1;
	for (n = 0; n < r->nsec; n++)
		if (r->sec[n]->oom)
			return -1;
	switch (f) {
	case KI_RF_TEXT:
		ki_esc_text(fp, r->title);
		putc('\n', fp);
		for (n = 0; n < r->nsec; n++) {
			putc('\n', fp);
			if (text_section(r->sec[n], fp) == -1)
				return -1;
		}
		if (r->footer != NULL) {
			fputs("\n--\n", fp);
			text_wrap(fp, r->footer);
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

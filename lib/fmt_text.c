/* Reports as text: aligned, within 80 columns, for a terminal or e-mail. */
#include <stdlib.h>
#include <string.h>

#include "ki/esc.h"
#include "report_impl.h"

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

/*
 * Write p, wrapped at TEXT_COLS columns after indent spaces, lines ended;
 * with hang, the first line's indent is already written.
 */
static void
text_wrap_hang(FILE *fp, const char *p, size_t indent, int hang)
{
	size_t len, next;

	do {
		size_t i = 0;

		if (!hang)
			pad(fp, indent);
		hang = 0;
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
text_wrap_at(FILE *fp, const char *p, size_t indent)
{
	text_wrap_hang(fp, p, indent, 0);
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
		len += strlen(s->cols[k]) + strlen(ki_rcell(s, i, k)) + 4;
	if ((b = malloc(len)) == NULL)
		return -1;
	b[0] = '\0';
	for (k = from; k < s->ncols; k++) {
		if (*ki_rcell(s, i, k) == '\0')
			continue;
		if (*b != '\0')
			strcat(b, "; ");
		strcat(b, s->cols[k]);
		strcat(b, ": ");
		strcat(b, ki_rcell(s, i, k));
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
		at[k] = i == 0 ? s->cols[k] : ki_rcell(s, i - 1, k);
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
			if (width(ki_rcell(s, i, k)) > w[k])
				w[k] = width(ki_rcell(s, i, k));
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

/* The sections' titles, numbered. */
static void
text_contents(const struct ki_report *r, FILE *fp)
{
	char num[16];
	size_t n;

	fputs("\nContents\n========\n", fp);
	for (n = 0; n < r->nsec; n++) {
		int w = snprintf(num, sizeof(num), "%2zu. ", n + 1);

		fputs(num, fp);
		/* Wrapped under the title, past the number. */
		text_wrap_hang(fp, r->sec[n]->title, (size_t)w, 1);
	}
}

static int
write_text(const struct ki_report *r, FILE *fp)
{
	size_t n;

	ki_esc_text(fp, r->title);
	putc('\n', fp);
	if (r->contents)
		text_contents(r, fp);
	for (n = 0; n < r->nsec; n++) {
		putc('\n', fp);
		if (text_section(r->sec[n], fp) == -1)
			return -1;
	}
	if (r->footer != NULL) {
		fputs("\n--\n", fp);
		text_wrap(fp, r->footer);
	}
	return ferror(fp) ? -1 : 0;
}

const struct ki_rformat ki_rformat_text = { "text", write_text };

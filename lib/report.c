/* Reports: build titled tables; write them in one of the formats. */
#include <stdlib.h>
#include <string.h>

#include "report_impl.h"

/* Every format, in the order of enum ki_rfmt; a new one is a file and a line. */
static const struct ki_rformat *const formats[] = { &ki_rformat_text,
	&ki_rformat_md, &ki_rformat_csv, &ki_rformat_json, &ki_rformat_html };
#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

int
ki_rfmt_parse(const char *s, enum ki_rfmt *f)
{
	size_t i;

	for (i = 0; i < NFORMATS; i++)
		if (strcmp(s, formats[i]->name) == 0) {
			*f = (enum ki_rfmt)i;
			return 0;
		}
	return -1;
}

void
ki_rfmt_list(char *buf, size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < NFORMATS && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    i == 0 ? "" : i + 1 < NFORMATS ? ", " : " or ",
		    formats[i]->name);
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
ki_report_contents(struct ki_report *r, int on)
{
	r->contents = on;
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
	if ((size_t)f >= NFORMATS)
		return -1;
	return formats[f]->write(r, fp);
}

/*
 * Fuzz target: the report builder and its five writers (lib/report.c,
 * lib/fmt_*.c). The summary, ofsted, budget and indicators reports are
 * built in lib/report_*.c, and fuzzed whole by fuzz_cmd_report.
 *
 * The input is lines: the first is the title; then "F" and a footer, "S"
 * and a section title and its columns ("#" before a name makes a number
 * column, "@" a date), "R" and a row's cells, "N" a note, "T" the last row
 * is a total, "C" and a column to chart. Fields are split by tabs; a byte
 * 0x1E is a line break inside one. Missing cells are blank.
 *
 * Each form is written to memory; JSON must parse back to the same title,
 * sections, columns, rows, cells and notes, and CSV must be four fields a
 * record, one record a cell or note (when the input is UTF-8).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <jansson.h>

#include "fuzz.h"
#include "ki/report.h"
#include "ki/utf8.h"

#define MAXCOLS	64
#define MAXSECS	32

struct model {
	size_t nsec;
	size_t ncols[MAXSECS], nrows[MAXSECS], nnotes[MAXSECS];
};

/* Split s at tabs into f (at most max), 0x1E made a line break. */
static size_t
split(char *s, char **f, size_t max)
{
	size_t n = 0;
	char *p;

	for (p = s; *p; p++)
		if (*p == '\x1e')
			*p = '\n';
	while (n < max) {
		f[n++] = s;
		if ((s = strchr(s, '\t')) == NULL)
			break;
		*s++ = '\0';
	}
	return n;
}

struct csvcount {
	size_t fields, records;
	int bad;
};

static void
csv_on_field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	((struct csvcount *)data)->fields++;
}

static void
csv_on_row(int c, void *data)
{
	struct csvcount *cc = data;

	(void)c;
	if (cc->fields != 4)
		cc->bad = 1;
	cc->fields = 0;
	cc->records++;
}

static void
check_csv(const char *out, size_t len, const struct model *m)
{
	struct csv_parser p;
	struct csvcount cc = { 0, 0, 0 };
	size_t want = 1, i;

	for (i = 0; i < m->nsec; i++)
		want += m->nrows[i] * m->ncols[i] + m->nnotes[i];
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return;
	if (csv_parse(&p, out, len, csv_on_field, csv_on_row, &cc) != len ||
	    csv_fini(&p, csv_on_field, csv_on_row, &cc) != 0 || cc.bad ||
	    cc.records != want)
		abort();
	csv_free(&p);
}

static void
check_json(const char *out, size_t len, const char *title,
    const struct model *m)
{
	json_error_t jerr;
	json_t *o = json_loadb(out, len, 0, &jerr), *secs;
	size_t i;

	if (o == NULL || !json_is_object(o))
		abort();
	if (strcmp(json_string_value(json_object_get(o, "title")), title) != 0)
		abort();
	secs = json_object_get(o, "sections");
	if (json_array_size(secs) != m->nsec)
		abort();
	for (i = 0; i < m->nsec; i++) {
		json_t *s = json_array_get(secs, i), *rows;
		size_t j;

		rows = json_object_get(s, "rows");
		if (json_array_size(json_object_get(s, "columns")) !=
		    m->ncols[i] || json_array_size(rows) != m->nrows[i] ||
		    json_array_size(json_object_get(s, "notes")) !=
		    m->nnotes[i])
			abort();
		for (j = 0; j < m->nrows[i]; j++)
			if (json_array_size(json_array_get(rows, j)) !=
			    m->ncols[i])
				abort();
	}
	json_decref(o);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *line, *next, *f[MAXCOLS + 1];
	const char *cols[MAXCOLS], *cells[MAXCOLS];
	enum ki_ckind kinds[MAXCOLS];
	struct ki_report *r;
	struct ki_section *s = NULL;
	struct model m;
	size_t bad, n, k;
	int utf8, fmt;

	if (memchr(data, '\0', size) != NULL ||
	    (text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	utf8 = ki_utf8_check(text, size, &bad) == 0;
	memset(&m, 0, sizeof(m));
	if ((next = strchr(text, '\n')) != NULL)
		*next++ = '\0';
	if ((r = ki_report_new(text)) == NULL) {
		free(text);
		return 0;
	}
	while ((line = next) != NULL) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		switch (line[0]) {
		case 'F':
			ki_report_footer(r, line + 1);
			break;
		case 'S':
			if (m.nsec == MAXSECS)
				break;
			n = split(line + 1, f, MAXCOLS + 1) - 1;
			for (k = 0; k < n; k++) {
				cols[k] = f[k + 1];
				kinds[k] = f[k + 1][0] == '#' ? KI_CK_NUMBER :
				    f[k + 1][0] == '@' ? KI_CK_DATE : KI_CK_TEXT;
			}
			if ((s = ki_report_section(r, f[0], n, cols, kinds)) !=
			    NULL)
				m.ncols[m.nsec++] = n;
			break;
		case 'R':
			if (s == NULL)
				break;
			n = split(line + 1, f, MAXCOLS);
			for (k = 0; k < m.ncols[m.nsec - 1]; k++)
				cells[k] = k < n && f[k][0] != '\0' ? f[k] : NULL;
			ki_section_row(s, cells);
			m.nrows[m.nsec - 1]++;
			break;
		case 'N':
			if (s == NULL)
				break;
			split(line + 1, f, 1);
			ki_section_note(s, line + 1);
			m.nnotes[m.nsec - 1]++;
			break;
		case 'T':
			ki_section_total(s);
			break;
		case 'C':
			ki_section_chart(s, (size_t)strtoul(line + 1, NULL, 10));
			break;
		default:
			break;
		}
	}
	for (fmt = KI_RF_TEXT; fmt <= KI_RF_HTML; fmt++) {
		char *out = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&out, &len);

		if (fp == NULL)
			break;
		if (ki_report_write(r, fp, (enum ki_rfmt)fmt) == -1)
			abort();
		if (fclose(fp) != 0) {
			free(out);
			break;
		}
		if (utf8 && fmt == KI_RF_JSON)
			check_json(out, len, text, &m);
		if (fmt == KI_RF_CSV)
			check_csv(out, len, &m);
		free(out);
	}
	ki_report_free(r);
	free(text);
	return 0;
}

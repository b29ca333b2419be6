/* Record writer: CSV with minimal quoting, or NDJSON, straight to stdio. */
#include <stdlib.h>
#include <string.h>

#include "ki/num.h"
#include "ki/wr.h"

struct ki_writer {
	FILE *fp;
	enum ki_fmt fmt;
	size_t n;
	char **names;
};

struct ki_writer *
ki_writer_new(FILE *fp, enum ki_fmt fmt)
{
	struct ki_writer *w = calloc(1, sizeof(*w));

	if (w == NULL)
		return NULL;
	w->fp = fp;
	w->fmt = fmt == KI_FMT_JSON ? KI_FMT_JSON : KI_FMT_CSV;
	return w;
}

void
ki_writer_free(struct ki_writer *w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; i < w->n; i++)
		free(w->names[i]);
	free(w->names);
	free(w);
}

static void
csv_field(FILE *fp, const char *s)
{
	const char *p;

	if (s == NULL || *s == '\0')
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, fp);
		return;
	}
	putc('"', fp);
	for (p = s; *p; p++) {
		if (*p == '"')
			putc('"', fp);
		putc(*p, fp);
	}
	putc('"', fp);
}

static void
json_string(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;

	putc('"', fp);
	/* Write runs of plain characters at once; escape the rest. */
	for (; *p; p++) {
		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		fwrite(run, 1, (size_t)(p - run), fp);
		run = p + 1;
		switch (*p) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		default:
			fprintf(fp, "\\u%04x", *p);
		}
	}
	fwrite(run, 1, (size_t)(p - run), fp);
	putc('"', fp);
}

/* A number as JSON: as read when it is JSON already (+3 and .5 are not). */
static void
json_number(FILE *fp, const char *s)
{
	char buf[64];
	double d;

	if (ki_num_is_json(s, strlen(s)))
		fputs(s, fp);
	else if (ki_num_parse(s, &d) == 0 &&
	    ki_num_format(d, buf, sizeof(buf)) > 0)
		fputs(buf, fp);
	else
		json_string(fp, s);
}

int
ki_writer_names(struct ki_writer *w, size_t n, const char *const *names)
{
	char **nm;
	size_t i;

	if ((nm = calloc(n ? n : 1, sizeof(*nm))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if ((nm[i] = strdup(names[i])) == NULL) {
			while (i-- > 0)
				free(nm[i]);
			free(nm);
			return -1;
		}
	for (i = 0; i < w->n; i++)
		free(w->names[i]);
	free(w->names);
	w->names = nm;
	w->n = n;
	return 0;
}

int
ki_writer_header(struct ki_writer *w, size_t n, const char *const *names)
{
	size_t i;

	if (ki_writer_names(w, n, names) == -1)
		return -1;
	if (w->fmt == KI_FMT_CSV) {
		for (i = 0; i < n; i++) {
			if (i > 0)
				putc(',', w->fp);
			csv_field(w->fp, names[i]);
		}
		putc('\n', w->fp);
	}
	return ferror(w->fp) ? -1 : 0;
}

int
ki_writer_row(struct ki_writer *w, size_t n, const char *const *v,
    const unsigned char *num)
{
	size_t i;

	if (n > w->n)
		n = w->n;
	if (w->fmt == KI_FMT_CSV) {
		/* A lone blank field would be a blank line, which readers skip. */
		if (w->n == 1 && (n == 0 || v[0] == NULL || *v[0] == '\0')) {
			fputs("\"\"\n", w->fp);
			return ferror(w->fp) ? -1 : 0;
		}
		for (i = 0; i < w->n; i++) {
			if (i > 0)
				putc(',', w->fp);
			if (i < n)
				csv_field(w->fp, v[i]);
		}
		putc('\n', w->fp);
	} else {
		putc('{', w->fp);
		for (i = 0; i < w->n; i++) {
			const char *s = i < n ? v[i] : NULL;

			if (i > 0)
				putc(',', w->fp);
			json_string(w->fp, w->names[i]);
			putc(':', w->fp);
			if (s == NULL || *s == '\0')
				fputs("null", w->fp);
			else if (num != NULL && num[i])
				json_number(w->fp, s);
			else
				json_string(w->fp, s);
		}
		fputs("}\n", w->fp);
	}
	return ferror(w->fp) ? -1 : 0;
}

int
ki_writer_tail(struct ki_writer *w, size_t n, const char *const *names,
    const char *const *v)
{
	size_t i;

	for (i = 0; i < n; i++) {
		putc(',', w->fp);
		if (w->fmt == KI_FMT_CSV) {
			csv_field(w->fp, v[i]);
			continue;
		}
		json_string(w->fp, names[i]);
		putc(':', w->fp);
		if (v[i] == NULL || *v[i] == '\0')
			fputs("null", w->fp);
		else
			json_string(w->fp, v[i]);
	}
	fputs(w->fmt == KI_FMT_CSV ? "\n" : "}\n", w->fp);
	return ferror(w->fp) ? -1 : 0;
}

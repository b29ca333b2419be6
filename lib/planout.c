/* Write ki-plan's events: CSV, NDJSON or iCalendar, one file or one each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/buf.h"
#include "ki/date.h"
#include "ki/ics.h"
#include "ki/out.h"
#include "ki/wr.h"
#include "plan_impl.h"

static const char *const cols[] = { "urn", "name", "district", "date",
	"event", "adviser", "chair", "note" };

/* Whether event e belongs in who's calendar (NULL: every calendar). */
static int
mine(const struct plan *p, const struct plan_event *e, const char *who)
{
	const struct plan_school *s = &p->s[e->school];
	const char *chair = p->rules.r[e->rule].chair ? s->chair : NULL;

	if (who == NULL)
		return 1;
	if (*who == '\0')
		return s->adviser == NULL && chair == NULL;
	return (s->adviser && strcmp(s->adviser, who) == 0) ||
	    (chair && strcmp(chair, who) == 0);
}

static int
write_rows(const struct plan *p, FILE *fp, enum ki_fmt fmt, const char *who)
{
	struct ki_writer *w;
	size_t i;
	int rc;

	if ((w = ki_writer_new(fp, fmt)) == NULL)
		return -1;
	rc = ki_writer_header(w, 8, cols);
	for (i = 0; i < p->nev && rc == 0; i++) {
		const struct plan_event *e = &p->ev[i];
		const struct plan_school *s = &p->s[e->school];
		const char *v[8];
		char d[11];

		if (!mine(p, e, who))
			continue;
		ki_date_format(e->day, d);
		v[0] = s->urn;
		v[1] = s->name;
		v[2] = s->district;
		v[3] = d;
		v[4] = p->rules.r[e->rule].event;
		v[5] = s->adviser;
		v[6] = p->rules.r[e->rule].chair ? s->chair : NULL;
		v[7] = e->note;
		rc = ki_writer_row(w, 8, v, NULL);
	}
	ki_writer_free(w);
	return rc;
}

static int
write_ics(const struct plan *p, FILE *fp, const char *who)
{
	struct ki_ics_event *ev;
	struct ki_buf *b;
	size_t i, n = 0;
	int rc = -1, oom = 0;

	ev = calloc(p->nev + 1, sizeof(*ev));
	b = calloc(3 * (p->nev + 1), sizeof(*b));
	if (ev == NULL || b == NULL)
		goto out;
	for (i = 0; i < p->nev; i++) {
		const struct plan_event *e = &p->ev[i];
		const struct plan_school *s = &p->s[e->school];
		const struct ki_plan_rule *r = &p->rules.r[e->rule];
		struct ki_buf *uid = &b[3 * n], *sum = uid + 1, *des = uid + 2;
		const char *chair = r->chair ? s->chair : NULL;

		if (!mine(p, e, who))
			continue;
		ki_buf_printf(uid, "%s-%s-%ld@%s.ki-plan", s->urn, r->event,
		    e->seq, p->cal->name);
		ki_buf_printf(sum, "%s: %s", r->label, s->name ? s->name :
		    s->urn);
		if (e->count > 1)
			ki_buf_printf(sum, " (%ld of %ld)", e->seq, e->count);
		else if (e->count == 0)
			ki_buf_printf(sum, " (%ld)", e->seq);
		ki_buf_printf(des, "School: %s (URN %s, %s)\nWhy: %s\n"
		    "Source: %s: \"%s\"", s->name ? s->name : "", s->urn,
		    s->district ? s->district : "no district", e->why, r->source,
		    r->quote);
		if (s->adviser != NULL)
			ki_buf_printf(des, "\nAdviser: %s", s->adviser);
		if (chair != NULL)
			ki_buf_printf(des, "\nChair: %s", chair);
		if (*e->note != '\0')
			ki_buf_printf(des, "\nNote: %s", e->note);
		oom |= uid->oom | sum->oom | des->oom;
		ev[n].uid = ki_buf_str(uid);
		ev[n].day = e->day;
		ev[n].summary = ki_buf_str(sum);
		ev[n].description = ki_buf_str(des);
		ev[n].category = r->event;
		n++;
	}
	if (!oom) {
		struct ki_buf name = { 0 };

		ki_buf_printf(&name, "%s%s%s", p->cal->name, who ? " " : "",
		    who ? (*who ? who : "unassigned") : "");
		rc = name.oom ? -1 : ki_ics_write(fp, ki_buf_str(&name), p->stamp,
		    ev, n);
		ki_buf_free(&name);
	}
out:
	for (i = 0; b != NULL && i < 3 * (p->nev + 1); i++)
		ki_buf_free(&b[i]);
	free(b);
	free(ev);
	return rc;
}

static int
write_one(const struct plan *p, FILE *fp, const char *who)
{
	enum ki_fmt fmt = p->o->fmt == KI_PLAN_CSV ? KI_FMT_CSV :
	    p->o->fmt == KI_PLAN_JSON ? KI_FMT_JSON : p->in_fmt;

	return p->o->fmt == KI_PLAN_ICS ? write_ics(p, fp, who) :
	    write_rows(p, fp, fmt, who);
}

static int
by_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Each adviser or chair once, sorted; "" for events with neither. */
static const char **
people(const struct plan *p, size_t *n)
{
	const char **v = calloc(2 * p->nev + 2, sizeof(*v));
	size_t i, k = 0, j;

	if (v == NULL)
		return NULL;
	for (i = 0; i < p->nev; i++) {
		const struct plan_school *s = &p->s[p->ev[i].school];
		int chaired = p->rules.r[p->ev[i].rule].chair && s->chair;

		if (s->adviser == NULL && !chaired)
			v[k++] = "";
		if (s->adviser != NULL)
			v[k++] = s->adviser;
		if (chaired)
			v[k++] = s->chair;
	}
	qsort(v, k, sizeof(*v), by_str);
	for (j = 0, *n = 0; j < k; j++)
		if (*n == 0 || strcmp(v[*n - 1], v[j]) != 0)
			v[(*n)++] = v[j];
	return v;
}

/* An adviser's id as a file name: letters, digits, '-', '_' and '.'. */
static void
file_name(struct ki_buf *b, const char *dir, const char *who,
    const char *ext)
{
	const char *c;

	ki_buf_printf(b, "%s/", dir);
	if (*who == '\0')
		ki_buf_printf(b, "unassigned");
	for (c = who; *c != '\0'; c++)
		ki_buf_printf(b, "%c", (*c >= 'a' && *c <= 'z') || (*c >= 'A' &&
		    *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-' ||
		    *c == '_' || (*c == '.' && c > who) ? *c : '_');
	ki_buf_printf(b, ".%s", ext);
}

int
ki_plan_write(struct plan *p, struct ki_err *err)
{
	const struct ki_plan_opts *o = p->o;
	const char **who, *ext;
	char **text;
	size_t *len, n = 0, i;
	struct ki_out out;
	int rc = 0;

	if (!o->split) {
		if (ki_out_open(&out, o->output, err) == -1)
			return -1;
		if (write_one(p, out.fp, NULL) == -1 && !ferror(out.fp)) {
			ki_out_abort(&out);
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
		}
		return ki_out_commit(&out, err);
	}
	ext = o->fmt == KI_PLAN_ICS ? "ics" : o->fmt == KI_PLAN_CSV ? "csv" :
	    o->fmt == KI_PLAN_JSON ? "ndjson" : p->in_fmt == KI_FMT_JSON ?
	    "ndjson" : "csv";
	who = people(p, &n);
	text = calloc(n + 1, sizeof(*text));
	len = calloc(n + 1, sizeof(*len));
	if (who == NULL || text == NULL || len == NULL)
		rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
	/* Every calendar is made before any file is written. */
	for (i = 0; i < n && rc == 0; i++) {
		FILE *fp = open_memstream(&text[i], &len[i]);
		int w = fp == NULL ? -1 : write_one(p, fp, who[i]);

		if ((fp != NULL && fclose(fp) != 0) || w == -1)
			rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
	}
	/* Then each file whole, or not at all (lib/out.c). */
	for (i = 0; i < n && rc == 0; i++) {
		struct ki_buf path = { 0 };

		file_name(&path, o->output, who[i], ext);
		if (path.oom)
			rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
		else if ((rc = ki_out_open(&out, ki_buf_str(&path), err)) == 0) {
			fwrite(text[i], 1, len[i], out.fp);
			rc = ki_out_commit(&out, err);
		}
		ki_buf_free(&path);
	}
	for (i = 0; text != NULL && i < n; i++)
		free(text[i]);
	free(text);
	free(len);
	free(who);
	return rc;
}

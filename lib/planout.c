/* Write ki-plan's events: CSV, NDJSON or iCalendar, one file or one each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/date.h"
#include "ki/ics.h"
#include "ki/out.h"
#include "ki/wr.h"
#include "planwin.h"

static const char *const cols[] = { "urn", "name", "district", "date",
	"event", "adviser", "chair", "note" };

/* One calendar being written, and the strings of the window's schools. */
struct outw {
	const struct plan *p;
	FILE *fp;
	struct ki_writer *wr;	/* CSV, NDJSON; NULL for iCalendar */
	uint32_t *want;		/* the window's schools' places in p->out */
	size_t nwant, wcap;
	size_t *off;		/* per school: per cells, into text */
	size_t per;		/* cells: name, then why per rule (iCalendar) */
	char *text;
	size_t tlen, tcap;
	struct ki_buf uid, sum, des;
	int stream;		/* the stream failed: the commit reports it */
};

#define NOCELL ((size_t)-1)

static int
by_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* Keep s (or NULL) among the window's strings: its offset. */
static int
keep(struct outw *o, const char *s, size_t *at)
{
	size_t len;

	*at = NOCELL;
	if (s == NULL)
		return 0;
	len = strlen(s) + 1;
	if (o->tlen + len > o->tcap) {
		size_t cap = o->tcap ? o->tcap : 65536;
		char *t;

		while (cap < o->tlen + len)
			cap *= 2;
		if ((t = realloc(o->text, cap)) == NULL)
			return -1;
		o->text = t;
		o->tcap = cap;
	}
	memcpy(o->text + o->tlen, s, len);
	*at = o->tlen;
	o->tlen += len;
	return 0;
}

/* The names (and whys) of the window's schools, from p->out, in one pass. */
static int
fetch(struct outw *o, const struct win *w, struct ki_err *err)
{
	struct ki_rec *rec;
	size_t i, j, k;
	int rc;

	if (w->nev > o->wcap) {
		uint32_t *x = realloc(o->want, w->nev * sizeof(*x));
		size_t *y = x == NULL ? NULL : realloc(o->off, w->nev * o->per *
		    sizeof(*y));

		if (x != NULL)
			o->want = x;
		if (y == NULL)
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
		o->off = y;
		o->wcap = w->nev;
	}
	for (i = 0; i < w->nev; i++)
		o->want[i] = o->p->s[w->ev[i].school].row;
	qsort(o->want, w->nev, sizeof(*o->want), by_u32);
	for (i = 0, o->nwant = 0; i < w->nev; i++)
		if (o->nwant == 0 || o->want[o->nwant - 1] != o->want[i])
			o->want[o->nwant++] = o->want[i];
	o->tlen = 0;
	if (ki_rowspool_rewind(o->p->out, err) == -1)
		return -1;
	for (i = j = 0; j < o->nwant && (rc = ki_rowspool_next(o->p->out, &rec,
	    err)) == 1; i++) {
		if (i != o->want[j])
			continue;
		for (k = 0; k < o->per; k++)
			if (keep(o, k < rec->n ? rec->v[k] : NULL,
			    &o->off[j * o->per + k]) == -1)
				return ki_err_set(err, NULL, 0, NULL, "out of memory");
		j++;
	}
	if (j < o->nwant)
		return rc == -1 ? -1 : ki_err_set(err, "spool", 0, NULL, "read "
		    "error");
	return 0;
}

/* Cell k of school i's strings in the window. */
static const char *
cell(const struct outw *o, size_t i, size_t k)
{
	uint32_t r = o->p->s[i].row;
	size_t lo = 0, hi = o->nwant, at;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (o->want[mid] <= r)
			lo = mid;
		else
			hi = mid;
	}
	at = o->off[lo * o->per + k];
	return at == NOCELL ? NULL : o->text + at;
}

/* A row of CSV or NDJSON: 0, or -1 (err set unless o->stream). */
static int
row(struct outw *o, const struct plan_event *e, struct ki_err *err)
{
	const struct plan *p = o->p;
	const struct plan_school *s = &p->s[e->school];
	char d[11], u[24], note[256];
	const char *v[8];

	ki_date_format(e->day, d);
	ki_plan_note(p, e, note, sizeof(note));
	v[0] = plan_urn(s->key, u);
	v[1] = cell(o, e->school, 0);
	v[2] = plan_word(p->words, s->district);
	v[3] = d;
	v[4] = p->rules.r[e->rule].event;
	v[5] = plan_word(p->advs, s->adviser);
	v[6] = plan_chair(p, e);
	v[7] = note;
	if (ki_writer_row(o->wr, 8, v, NULL) == 0)
		return 0;
	if (ki_writer_oom(o->wr))
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	o->stream = 1;
	return -1;
}

/*
 * After a write to o->fp that gave rc: 0, or -1 with err out of memory, or
 * -1 with o->stream set when the stream failed (for the caller to report).
 */
static int
wrote(struct outw *o, int rc, struct ki_err *err)
{
	if (rc == 0)
		return 0;
	if (!ferror(o->fp))
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	o->stream = 1;
	return -1;
}

/* An iCalendar event: 0, or -1 (err set unless o->stream). */
static int
vevent(struct outw *o, const struct plan_event *e, struct ki_err *err)
{
	const struct plan *p = o->p;
	const struct plan_school *s = &p->s[e->school];
	const struct ki_plan_rule *r = &p->rules.r[e->rule];
	const char *name = cell(o, e->school, 0), *chair = plan_chair(p, e);
	const char *dist = plan_word(p->words, s->district);
	const char *adv = plan_word(p->advs, s->adviser), *urn;
	struct ki_ics_event ev;
	char u[24], note[256];

	urn = plan_urn(s->key, u);
	ki_plan_note(p, e, note, sizeof(note));
	ki_buf_reset(&o->uid);
	ki_buf_reset(&o->sum);
	ki_buf_reset(&o->des);
	ki_buf_printf(&o->uid, "%s-%s-%ld@%s.ki-plan", urn, r->event,
	    (long)e->seq, p->cal->name);
	ki_buf_printf(&o->sum, "%s: %s", r->label, name ? name : urn);
	if (e->count > 1)
		ki_buf_printf(&o->sum, " (%ld of %ld)", (long)e->seq,
		    (long)e->count);
	else if (e->count == 0)
		ki_buf_printf(&o->sum, " (%ld)", (long)e->seq);
	ki_buf_printf(&o->des, "School: %s (URN %s, %s)\nWhy: %s\n"
	    "Source: %s: \"%s\"", name ? name : "", urn, dist ? dist :
	    "no district", cell(o, e->school, 1 + e->rule), r->source,
	    r->quote);
	if (adv != NULL)
		ki_buf_printf(&o->des, "\nAdviser: %s", adv);
	if (chair != NULL)
		ki_buf_printf(&o->des, "\nChair: %s", chair);
	if (*note != '\0')
		ki_buf_printf(&o->des, "\nNote: %s", note);
	if (o->uid.oom || o->sum.oom || o->des.oom)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	ev.uid = ki_buf_str(&o->uid);
	ev.day = e->day;
	ev.summary = ki_buf_str(&o->sum);
	ev.description = ki_buf_str(&o->des);
	ev.category = r->event;
	return wrote(o, ki_ics_event(o->fp, p->stamp, &ev), err);
}

static int
sink(struct win *w, struct ki_err *err)
{
	struct outw *o = w->arg;
	size_t i;

	if (fetch(o, w, err) == -1)
		return -1;
	for (i = 0; i < w->nev; i++)
		if ((o->wr != NULL ? row(o, &w->ev[i], err) :
		    vevent(o, &w->ev[i], err)) == -1)
			return -1;
	return 0;
}

/* The calendar's start: 0, or -1 (err set unless o->stream). */
static int
begin(struct outw *o, const char *who, struct ki_err *err)
{
	const struct plan *p = o->p;
	enum ki_fmt fmt = p->o->fmt == KI_PLAN_CSV ? KI_FMT_CSV :
	    p->o->fmt == KI_PLAN_JSON ? KI_FMT_JSON : p->in_fmt;
	struct ki_buf name = { 0 };
	int rc;

	if (p->o->fmt != KI_PLAN_ICS) {
		if ((o->wr = ki_writer_new(o->fp, fmt)) == NULL)
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
		return wrote(o, ki_writer_header(o->wr, 8, cols), err);
	}
	ki_buf_printf(&name, "%s%s%s", p->cal->name, who ? " " : "",
	    who ? (*who ? who : "unassigned") : "");
	rc = name.oom ? -1 : ki_ics_begin(o->fp, ki_buf_str(&name));
	ki_buf_free(&name);
	return wrote(o, rc, err);
}

/*
 * Write who's calendar (NULL: every event) to fp. Returns 0 (a write
 * error is fp's, for the caller to report), or -1 with err.
 */
static int
write_one(const struct plan *p, FILE *fp, const char *who,
    struct ki_err *err)
{
	struct outw o;
	struct win w;
	int rc;

	memset(&o, 0, sizeof(o));
	memset(&w, 0, sizeof(w));
	o.p = p;
	o.fp = fp;
	o.per = 1 + (p->o->fmt == KI_PLAN_ICS ? p->rules.n : 0);
	w.p = p;
	w.who = who;
	w.sink = sink;
	w.arg = &o;
	/* iCalendar keeps each school's reasons for the window. */
	w.cap = p->o->fmt == KI_PLAN_ICS ? 32768 : 131072;
	rc = begin(&o, who, err);
	if (rc == 0)
		rc = plan_windows(&w, err);
	if (rc == 0 && o.wr == NULL && ki_ics_end(fp) == -1) {
		if (!ferror(fp))
			rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
		else
			o.stream = 1;
	}
	plan_win_free(&w);
	ki_writer_free(o.wr);
	ki_buf_free(&o.uid);
	ki_buf_free(&o.sum);
	ki_buf_free(&o.des);
	free(o.want);
	free(o.off);
	free(o.text);
	return o.stream ? 0 : rc;
}

/* The people with events: advisers, chairs, "" for neither. */
struct people {
	unsigned char *adv, *chair;
	int none;
};

static int
mark(void *arg, const struct plan_event *e)
{
	const struct win *w = arg;
	struct people *pp = w->arg;
	const struct plan_school *s = &w->p->s[e->school];
	int chaired = plan_chair(w->p, e) != NULL;

	if (s->adviser == 0 && !chaired)
		pp->none = 1;
	if (s->adviser != 0)
		pp->adv[s->adviser] = 1;
	if (chaired)
		pp->chair[s->chair] = 1;
	return 0;
}

static int
by_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Each adviser or chair once, sorted; "" for events with neither. */
static const char **
people(const struct plan *p, size_t *n, struct ki_err *err)
{
	size_t na = ki_keys_count(p->advs) + 1, nc = p->adv.n + 1, i, k = 0;
	struct people pp = { calloc(na, 1), calloc(nc, 1), 0 };
	const char **v = calloc(na + nc + 1, sizeof(*v));
	struct win w;

	memset(&w, 0, sizeof(w));
	w.p = p;
	w.arg = &pp;
	if (pp.adv == NULL || pp.chair == NULL || v == NULL) {
		ki_err_set(err, NULL, 0, NULL, "out of memory");
		free(v);
		v = NULL;
	} else if (plan_each(&w, mark, err) == 0) {
		if (pp.none)
			v[k++] = "";
		for (i = 1; i < na; i++)
			if (pp.adv[i])
				v[k++] = plan_word(p->advs, (uint32_t)i);
		for (i = 1; i < nc; i++)
			if (pp.chair[i])
				v[k++] = p->adv.a[i - 1].id;
		qsort(v, k, sizeof(*v), by_str);
		for (i = 0, *n = 0; i < k; i++)
			if (*n == 0 || strcmp(v[*n - 1], v[i]) != 0)
				v[(*n)++] = v[i];
	} else {
		free(v);
		v = NULL;
	}
	plan_win_free(&w);
	free(pp.adv);
	free(pp.chair);
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

/* Bytes [a, b) of tmp into fp. */
static void
copy(FILE *tmp, long a, long b, FILE *fp)
{
	char buf[65536];
	size_t n;

	if (fseek(tmp, a, SEEK_SET) != 0) {
		fputc(0, tmp);	/* an error on tmp, seen by the caller */
		return;
	}
	for (; a < b; a += (long)n) {
		n = (size_t)(b - a) < sizeof(buf) ? (size_t)(b - a) : sizeof(buf);
		if (fread(buf, 1, n, tmp) != n)
			return;
		fwrite(buf, 1, n, fp);
	}
}

/*
 * One file per adviser in the directory o->output: every calendar is
 * made (in one temporary file) before any file is written, then each
 * file whole, or not at all (lib/out.c).
 */
static int
write_split(struct plan *p, struct ki_err *err)
{
	const struct ki_plan_opts *o = p->o;
	const char **who, *ext;
	size_t n = 0, i;
	long *at = NULL;
	FILE *tmp = NULL;
	struct ki_out out;
	int rc = 0;

	ext = o->fmt == KI_PLAN_ICS ? "ics" : o->fmt == KI_PLAN_CSV ? "csv" :
	    o->fmt == KI_PLAN_JSON ? "ndjson" : p->in_fmt == KI_FMT_JSON ?
	    "ndjson" : "csv";
	if ((who = people(p, &n, err)) == NULL)
		return -1;
	if ((at = calloc(n + 1, sizeof(*at))) == NULL ||
	    (tmp = ki_spool_new()) == NULL)
		rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < n && rc == 0; i++) {
		rc = write_one(p, tmp, who[i], err);
		if ((at[i + 1] = ftell(tmp)) < 0 || ferror(tmp))
			rc = ki_err_set(err, "spool", 0, NULL, "write error");
	}
	for (i = 0; i < n && rc == 0; i++) {
		struct ki_buf path = { 0 };

		file_name(&path, o->output, who[i], ext);
		if (path.oom)
			rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
		else if ((rc = ki_out_open(&out, ki_buf_str(&path), err)) == 0) {
			copy(tmp, at[i], at[i + 1], out.fp);
			if (ferror(tmp)) {
				ki_out_abort(&out);
				rc = ki_err_set(err, "spool", 0, NULL, "read error");
			} else
				rc = ki_out_commit(&out, err);
		}
		ki_buf_free(&path);
	}
	if (tmp != NULL)
		fclose(tmp);
	free(at);
	free(who);
	return rc;
}

int
ki_plan_write(struct plan *p, struct ki_err *err)
{
	struct ki_out out;

	if (p->o->split)
		return write_split(p, err);
	if (ki_out_open(&out, p->o->output, err) == -1)
		return -1;
	if (write_one(p, out.fp, NULL, err) == -1) {
		ki_out_abort(&out);
		return -1;
	}
	return ki_out_commit(&out, err);
}

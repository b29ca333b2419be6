/* Load a school calendar and answer which days are school days. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ki/calendar.h"
#include "ki/date.h"
#include "ki/jsonfile.h"

struct ki_cal_off {
	long day;
	int inset;		/* 1 INSET day, 0 bank holiday */
	char *name;
};

static const char *const wday[7] = { "Sunday", "Monday", "Tuesday",
	"Wednesday", "Thursday", "Friday", "Saturday" };

static int
weekday(long day)
{
	return (int)(((day + 4) % 7 + 7) % 7);	/* 1970-01-01 was a Thursday */
}

static int
get_date(json_t *o, const char *key, long *day, const char *file,
    const char *path, struct ki_err *err)
{
	const char *s = json_string_value(json_object_get(o, key));

	if (s == NULL)
		return ki_err_set(err, file, 0, path, "%s: missing, or not a "
		    "string", key);
	if (ki_date_parse(s, day) == -1 || strlen(s) != 10)
		return ki_err_set(err, file, 0, path, "%s: \"%s\" is not a "
		    "date (yyyy-mm-dd)", key, s);
	return 0;
}

static const struct ki_cal_off *
find_off(const struct ki_cal *c, long day)
{
	size_t i;

	for (i = 0; i < c->noff; i++)
		if (c->off[i].day == day)
			return &c->off[i];
	return NULL;
}

static int
load_terms(struct ki_cal *c, json_t *a, const char *file, struct ki_err *err)
{
	static const char *const keys[] = { "name", "start", "end", NULL };
	char path[64];
	size_t i;

	if (!json_is_array(a) || json_array_size(a) == 0)
		return ki_err_set(err, file, 0, "terms", "must be a non-empty "
		    "array");
	if ((c->term = calloc(json_array_size(a), sizeof(*c->term))) == NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < json_array_size(a); i++) {
		json_t *t = json_array_get(a, i);
		struct ki_term *tm = &c->term[i];
		const char *name, *stray;

		snprintf(path, sizeof(path), "terms[%zu]", i);
		if (!json_is_object(t))
			return ki_err_set(err, file, 0, path, "must be an object");
		if ((stray = ki_json_stray_key(t, keys)) != NULL)
			return ki_err_set(err, file, 0, path, "unknown key \"%s\" "
			    "(name, start, end)", stray);
		if ((name = json_string_value(json_object_get(t, "name"))) ==
		    NULL)
			return ki_err_set(err, file, 0, path, "name: missing, or "
			    "not a string");
		if ((tm->name = strdup(name)) == NULL)
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
		c->nterm++;
		if (get_date(t, "start", &tm->start, file, path, err) == -1 ||
		    get_date(t, "end", &tm->end, file, path, err) == -1)
			return -1;
		if (tm->end < tm->start)
			return ki_err_set(err, file, 0, path, "%s ends before it "
			    "starts", name);
		if (i > 0 && tm->start <= c->term[i - 1].end)
			return ki_err_set(err, file, 0, path, "%s overlaps %s, or "
			    "comes before it: terms are in order and apart", name,
			    c->term[i - 1].name);
	}
	return 0;
}

static int
load_off(struct ki_cal *c, json_t *a, const char *key, int inset,
    const char *file, struct ki_err *err)
{
	static const char *const keys[] = { "date", "name", NULL };
	char path[64], buf[11];
	size_t i;

	if (a == NULL)
		return 0;
	if (!json_is_array(a))
		return ki_err_set(err, file, 0, key, "must be an array");
	for (i = 0; i < json_array_size(a); i++) {
		json_t *o = json_array_get(a, i);
		struct ki_cal_off *f = &c->off[c->noff];
		const char *name, *stray;

		snprintf(path, sizeof(path), "%s[%zu]", key, i);
		if (!json_is_object(o))
			return ki_err_set(err, file, 0, path, "must be an object");
		if ((stray = ki_json_stray_key(o, keys)) != NULL)
			return ki_err_set(err, file, 0, path, "unknown key \"%s\" "
			    "(date, name)", stray);
		if (get_date(o, "date", &f->day, file, path, err) == -1)
			return -1;
		name = json_string_value(json_object_get(o, "name"));
		if ((f->name = strdup(name ? name : "")) == NULL)
			return ki_err_set(err, NULL, 0, NULL, "out of memory");
		f->inset = inset;
		c->noff++;
		if (inset && ki_cal_term(c, f->day) < 0) {
			ki_date_format(f->day, buf);
			return ki_err_set(err, file, 0, path, "INSET day %s is "
			    "outside every term", buf);
		}
	}
	return 0;
}

struct ki_cal *
ki_cal_load(const char *path, struct ki_err *err)
{
	static const char *const keys[] = { "calendar", "description",
	    "source", "notes", "terms", "inset", "bank_holidays", NULL };
	struct ki_cal *c;
	const char *name, *stray;
	json_t *j, *in, *bh;
	size_t noff, cap;
	long d;

	if ((j = ki_json_load(path, err)) == NULL)
		return NULL;
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		json_decref(j);
		ki_err_set(err, NULL, 0, NULL, "out of memory");
		return NULL;
	}
	if (!json_is_object(j)) {
		ki_err_set(err, path, 0, NULL, "must be a JSON object");
		goto bad;
	}
	if ((stray = ki_json_stray_key(j, keys)) != NULL) {
		ki_err_set(err, path, 0, stray, "unknown key (calendar, "
		    "description, source, notes, terms, inset, bank_holidays)");
		goto bad;
	}
	name = json_string_value(json_object_get(j, "calendar"));
	if ((c->name = strdup(name ? name : path)) == NULL) {
		ki_err_set(err, NULL, 0, NULL, "out of memory");
		goto bad;
	}
	in = json_object_get(j, "inset");
	bh = json_object_get(j, "bank_holidays");
	noff = json_array_size(in) + json_array_size(bh);
	if ((c->off = calloc(noff + 1, sizeof(*c->off))) == NULL) {
		ki_err_set(err, NULL, 0, NULL, "out of memory");
		goto bad;
	}
	if (load_terms(c, json_object_get(j, "terms"), path, err) == -1 ||
	    load_off(c, in, "inset", 1, path, err) == -1 ||
	    load_off(c, bh, "bank_holidays", 0, path, err) == -1)
		goto bad;
	cap = (size_t)(c->term[c->nterm - 1].end - c->term[0].start + 1);
	if ((c->day = calloc(cap, sizeof(*c->day))) == NULL) {
		ki_err_set(err, NULL, 0, NULL, "out of memory");
		goto bad;
	}
	for (d = c->term[0].start; d <= c->term[c->nterm - 1].end; d++)
		if (ki_cal_school(c, d))
			c->day[c->nday++] = d;
	json_decref(j);
	return c;
bad:
	json_decref(j);
	ki_cal_free(c);
	return NULL;
}

void
ki_cal_free(struct ki_cal *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nterm; i++)
		free(c->term[i].name);
	for (i = 0; i < c->noff; i++)
		free(c->off[i].name);
	free(c->term);
	free(c->off);
	free(c->day);
	free(c->name);
	free(c);
}

long
ki_cal_term(const struct ki_cal *c, long day)
{
	size_t i;

	for (i = 0; i < c->nterm; i++)
		if (day >= c->term[i].start && day <= c->term[i].end)
			return (long)i;
	return -1;
}

int
ki_cal_school(const struct ki_cal *c, long day)
{
	int w = weekday(day);

	return w != 0 && w != 6 && ki_cal_term(c, day) >= 0 &&
	    find_off(c, day) == NULL;
}

void
ki_cal_why(const struct ki_cal *c, long day, char *buf, size_t n)
{
	const struct ki_cal_off *f = find_off(c, day);
	int w = weekday(day);
	size_t i;

	if (ki_cal_school(c, day))
		snprintf(buf, n, "%s", "");
	else if (f != NULL && !f->inset)
		snprintf(buf, n, "a bank holiday (%s)", f->name);
	else if (w == 0 || w == 6)
		snprintf(buf, n, "a %s", wday[w]);
	else if (f != NULL)
		snprintf(buf, n, "an INSET day%s%s%s", *f->name ? " (" : "",
		    f->name, *f->name ? ")" : "");
	else {
		for (i = 0; i + 1 < c->nterm; i++)
			if (day > c->term[i].end && day < c->term[i + 1].start)
				break;
		if (i + 1 < c->nterm)
			snprintf(buf, n, "in the holiday after %s",
			    c->term[i].name);
		else
			snprintf(buf, n, "outside the calendar");
	}
}

size_t
ki_cal_index(const struct ki_cal *c, long day)
{
	size_t lo = 0, hi = c->nday;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->day[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

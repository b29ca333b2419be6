/* What an Ofsted file covers: its period, snapshot or not, and spans of dates. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ki/date.h"
#include "ki/ofcover.h"

#define SEP(ch) ((ch) == '-' || (ch) == '_' || (ch) == ' ' || (ch) == '.')

/* n digits at p, not followed by another digit, as a number; or -1. */
static int
num(const char *p, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)p[i]))
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return isdigit((unsigned char)p[n]) ? -1 : v;
}

/* A month's name (three letters or more) at p: 1-12 and its length. */
static int
month_name(const char *p, size_t *len)
{
	static const char *const mon[] = { "jan", "feb", "mar", "apr", "may",
	    "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
	size_t n = 0;
	int i;

	while (isalpha((unsigned char)p[n]))
		n++;
	for (i = 0; n >= 3 && i < 12; i++)
		if (strncasecmp(p, mon[i], 3) == 0) {
			*len = n;
			return i + 1;
		}
	return 0;
}

/*
 * A date written at p in a file name: 20141001, 2014-10-01, 2014_10 (a
 * month: *d is 0), 01-10-2014, 1_October_2014, October_2014. Returns the
 * characters it takes, or 0.
 */
static size_t
tok_date(const char *p, int *y, int *m, int *d)
{
	size_t len;
	int dd;

	*d = 0;
	if (num(p, 8) > 0) {
		*y = num(p, 4 + 4) / 10000;
		*m = (p[4] - '0') * 10 + (p[5] - '0');
		*d = (p[6] - '0') * 10 + (p[7] - '0');
		return 8;
	}
	if ((*y = num(p, 4)) >= 0 && SEP(p[4]) && (*m = num(p + 5, 2)) >= 0) {
		if (SEP(p[7]) && (*d = num(p + 8, 2)) >= 0)
			return 10;
		*d = 0;
		return 7;
	}
	if ((*m = month_name(p, &len)) > 0) {
		if (SEP(p[len]) && (*y = num(p + len + 1, 4)) >= 0)
			return len + 5;
		return 0;
	}
	dd = isdigit((unsigned char)p[1]) ? 2 : 1;
	if ((*d = num(p, dd)) < 0 || !SEP(p[dd]))
		return 0;
	p += dd + 1;
	if ((*m = num(p, 2)) >= 0 && SEP(p[2]) && (*y = num(p + 3, 4)) >= 0)
		return (size_t)dd + 8;
	if ((*m = month_name(p, &len)) > 0 && SEP(p[len]) &&
	    (*y = num(p + len + 1, 4)) >= 0)
		return (size_t)dd + 1 + len + 5;
	return 0;
}

/*
 * The date at p into out, how: 0 a day, 1 a day or a month's first day, 2
 * a day or a month's last day. Returns the characters it takes, or 0.
 */
static size_t
name_date(const char *p, int how, char *out)
{
	int y, m, d;
	size_t n = tok_date(p, &y, &m, &d);

	if (n == 0 || y < 1990 || y > 2100 || m < 1 || m > 12)
		return 0;
	if (d == 0 && how == 0)
		return 0;
	if (d == 0)
		d = how == 1 ? 1 : ki_date_mdays(y, m);
	if (d < 1 || d > ki_date_mdays(y, m))
		return 0;
	{
		/* Room for any int, so that no compiler sees a truncation. */
		char t[40];

		snprintf(t, sizeof(t), "%04d-%02d-%02d", y, m, d);
		memcpy(out, t, 11);
	}
	return n;
}

/* Where the words w (one of "_", " ", "-" between them) begin in s, or NULL. */
static const char *
words(const char *s, const char *w)
{
	size_t n = strlen(w), i;
	const char *p;

	for (p = s; *p; p++) {
		for (i = 0; i < n && p[i]; i++)
			if (w[i] == ' ' ? !SEP(p[i]) :
			    tolower((unsigned char)p[i]) != w[i])
				break;
		if (i == n)
			return p;
	}
	return NULL;
}

static const char *
base_of(const char *path)
{
	const char *b = strrchr(path, '/');

	return b ? b + 1 : path;
}

int
ki_ofcover_period_name(const char *path, char *from, char *to)
{
	const char *base = base_of(path), *t, *p;

	for (t = base; (t = words(t, " to ")) != NULL; t++) {
		if (name_date(t + 4, 2, to) == 0)
			continue;
		for (p = base; p < t; p++)
			if ((p == base || !isalnum((unsigned char)p[-1])) &&
			    name_date(p, 1, from) == (size_t)(t - p))
				return 1;
	}
	/* "year to date published by 31 Aug 2025": from 1 September. */
	if (words(base, "year to date") != NULL &&
	    (t = words(base, " by ")) != NULL && name_date(t + 4, 2, to) > 0) {
		int y = ki_ofcover_year(to) - 1;

		snprintf(from, 11, "%04d-09-01", (y > 0 ? y : 0) % 10000);
		return 1;
	}
	return 0;
}

int
ki_ofcover_snapshot_name(const char *path)
{
	const char *base = base_of(path), *p;
	char d[11];

	for (p = base; (p = words(p, "as at ")) != NULL; p++)
		if (name_date(p + 6, 0, d) > 0)
			return 1;
	for (p = base; (p = words(p, "asat")) != NULL; p++)
		if (name_date(p + 4, 0, d) > 0 || (SEP(p[4]) &&
		    name_date(p + 5, 0, d) > 0))
			return 1;
	return 0;
}

int
ki_ofcover_period_arg(const char *arg, char *from, char *to)
{
	const char *colon = arg ? strchr(arg, ':') : NULL;
	char a[32];
	long lo, hi;

	if (colon == NULL || (size_t)(colon - arg) >= sizeof(a))
		return -1;
	memcpy(a, arg, (size_t)(colon - arg));
	a[colon - arg] = '\0';
	if (ki_date_parse(a, &lo) == -1 || ki_date_parse(colon + 1, &hi) == -1 ||
	    lo > hi || strpbrk(a, " T") != NULL || strpbrk(colon + 1, " T") !=
	    NULL)
		return -1;
	ki_date_format(lo, from);
	ki_date_format(hi, to);
	return 0;
}

int
ki_ofcover_year(const char *date)
{
	long day;
	char iso[11];

	if (date == NULL || ki_date_parse(date, &day) == -1)
		return 0;
	ki_date_format(day, iso);
	return atoi(iso) + (atoi(iso + 5) >= 9);
}

int
ki_span_add(struct ki_span *v, size_t *n, size_t cap, const char *lo,
    const char *hi)
{
	long a, b;

	if (lo == NULL || hi == NULL || ki_date_parse(lo, &a) == -1 ||
	    ki_date_parse(hi, &b) == -1 || a > b)
		return 0;
	if (*n >= cap)
		return -1;
	v[*n].lo = a;
	v[*n].hi = b;
	(*n)++;
	return 0;
}

static int
by_lo(const void *a, const void *b)
{
	const struct ki_span *x = a, *y = b;

	return (x->lo > y->lo) - (x->lo < y->lo);
}

int
ki_spans_cover(struct ki_span *v, size_t n, const char *x, const char *d)
{
	long need, end;
	size_t i;

	if (ki_date_parse(x, &need) == -1 || ki_date_parse(d, &end) == -1 ||
	    need > end)
		return 0;
	qsort(v, n, sizeof(*v), by_lo);
	for (i = 0; i < n && v[i].lo <= need; i++)
		if (v[i].hi >= need && (need = v[i].hi + 1) > end)
			return 1;
	return 0;
}

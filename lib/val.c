/* Normal forms of numbers, dates, grades and booleans. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ki/map.h"
#include "ki/num.h"
#include "ki/val.h"

static const char *const type_names[] = {
	"text", "number", "int", "date", "grade", "bool", "year"
};

int
ki_type_parse(const char *name, enum ki_type *t)
{
	size_t i;

	for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (strcmp(name, type_names[i]) == 0) {
			*t = (enum ki_type)i;
			return 0;
		}
	return -1;
}

const char *
ki_type_name(enum ki_type t)
{
	return type_names[t];
}

static int
digits(const char *s, size_t n, int *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

static int
valid_date(int y, int m, int d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 0;
	return 1;
}

/* Two digits at s no greater than max, or -1. */
static int
two(const char *s, int max)
{
	int v;

	return digits(s, 2, &v) == 0 && v <= max ? v : -1;
}

/*
 * A time of day as exports add after a date: hh:mm, hh:mm:ss or
 * hh:mm:ss.fff, then optionally Z or an offset +hh:mm, +hhmm or +hh.
 * Anything else ("2019-02-28 garbage") is not a time.
 */
static int
time_ok(const char *t)
{
	if (two(t, 23) < 0 || t[2] != ':' || two(t + 3, 59) < 0)
		return 0;
	t += 5;
	if (*t == ':') {
		if (two(t + 1, 60) < 0)
			return 0;
		t += 3;
		if (*t == '.') {
			if (t[1] < '0' || t[1] > '9')
				return 0;
			for (t++; *t >= '0' && *t <= '9'; t++)
				;
		}
	}
	if (*t == 'Z')
		return t[1] == '\0';
	if (*t == '+' || *t == '-') {
		if (two(t + 1, 23) < 0)
			return 0;
		t += 3;
		if (*t == ':')
			t++;
		if (*t != '\0' && (two(t, 59) < 0 || t[2] != '\0'))
			return 0;
		return 1;
	}
	return *t == '\0';
}

static int
date_norm(const char *s, char *buf, size_t n)
{
	int y, m, d;
	size_t len = strlen(s);
	const char *p, *q;

	/* A time of day after the date, as some exports add, is dropped. */
	if ((p = strchr(s, ' ')) != NULL || (p = strchr(s, 'T')) != NULL) {
		if (!time_ok(p + 1))
			return -1;
		len = (size_t)(p - s);
	}
	if (len == 10 && s[4] == '-' && s[7] == '-') {
		if (digits(s, 4, &y) || digits(s + 5, 2, &m) ||
		    digits(s + 8, 2, &d))
			return -1;
	} else {
		char sep;

		/* d/m/yyyy, dd/mm/yyyy, dd-mm-yyyy */
		p = s;
		q = s + strcspn(s, "/-");
		if (q == p || q - p > 2 || (q - s) >= (long)len)
			return -1;
		sep = *q;
		if (digits(p, (size_t)(q - p), &d))
			return -1;
		p = q + 1;
		q = strchr(p, sep);
		if (q == NULL || q == p || q - p > 2 || digits(p,
		    (size_t)(q - p), &m))
			return -1;
		p = q + 1;
		if ((size_t)(s + len - p) != 4 || digits(p, 4, &y))
			return -1;
	}
	if (!valid_date(y, m, d))
		return -1;
	snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
	return 0;
}

int
ki_val_plain(const char *s, size_t n, int *point)
{
	size_t i = 0, digits = 0;

	*point = 0;
	if (n > 0 && (s[0] == '-' || s[0] == '+'))
		i++;
	for (; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] == '.' && !*point)
			*point = 1;
		else
			return 0;
	return digits > 0;
}

int
ki_val_norm(enum ki_type t, const char *raw, char *buf, size_t n, char *msg,
    size_t msgn)
{
	size_t len = strlen(raw);
	double d;
	int y;

	switch (t) {
	case KI_T_TEXT:
		snprintf(buf, n, "%s", raw);
		return 1;
	case KI_T_NUMBER:
	case KI_T_INT:
		if (len > 0 && raw[len - 1] == '%')
			len--;
		if (len == 0 || len >= n)
			break;
		memcpy(buf, raw, len);
		buf[len] = '\0';
		if (ki_num_parse(buf, &d) == -1)
			break;
		if (t == KI_T_INT && strpbrk(buf, ".eE") != NULL) {
			snprintf(msg, msgn, "\"%s\" is not a whole number", raw);
			return -1;
		}
		return 1;
	case KI_T_DATE:
		if (date_norm(raw, buf, n) == 0)
			return 1;
		snprintf(msg, msgn, "\"%s\" is not a date (dd/mm/yyyy or "
		    "yyyy-mm-dd)", raw);
		return -1;
	case KI_T_GRADE:
		if (len == 1 && raw[0] >= '1' && raw[0] <= '4') {
			snprintf(buf, n, "%s", raw);
			return 1;
		}
		if (strcmp(raw, "9") == 0)
			return 0;
		snprintf(msg, msgn, "\"%s\" is not an Ofsted grade (1-4, or 9 "
		    "for none)", raw);
		return -1;
	case KI_T_BOOL:
		if (!strcasecmp(raw, "yes") || !strcasecmp(raw, "y") ||
		    !strcasecmp(raw, "true") || !strcmp(raw, "1")) {
			snprintf(buf, n, "yes");
			return 1;
		}
		if (!strcasecmp(raw, "no") || !strcasecmp(raw, "n") ||
		    !strcasecmp(raw, "false") || !strcmp(raw, "0")) {
			snprintf(buf, n, "no");
			return 1;
		}
		snprintf(msg, msgn, "\"%s\" is not yes or no", raw);
		return -1;
	case KI_T_YEAR:
		if (ki_num_year(raw, &y) == 0) {
			snprintf(buf, n, "%d", y);
			return 1;
		}
		snprintf(msg, msgn, "\"%s\" is not a year such as 2019", raw);
		return -1;
	}
	snprintf(msg, msgn, "\"%s\" is not a number", raw);
	return -1;
}

int
ki_val_figure(const char *s, double *d)
{
	static const char *const blank[] = KI_MAP_BLANKS;
	size_t i;

	if (s == NULL || *s == '\0')
		return 0;
	for (i = 0; blank[i] != NULL; i++)
		if (strcmp(s, blank[i]) == 0)
			return 0;
	return ki_num_parse(s, d) == 0 ? 1 : -1;
}

/* File names and headers: the year and dates they say. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ki/date.h"
#include "ki/import_int.h"

#define DIGIT(c)	((c) >= '0' && (c) <= '9')

/*
 * A year written in the file name: 2019_850_ks2final.csv, 2018-2019.csv,
 * 2018-19.csv (the academic year's end, 2019, for the last two).
 */
int
ki_imp_year_from_name(const char *path)
{
	const char *base = strrchr(path, '/'), *p;
	int lo = 0, hi = 0;

	base = base ? base + 1 : path;
	for (p = base; *p; p++) {
		int y = 0, k;

		if (p > base && DIGIT(p[-1]))
			continue;
		for (k = 0; k < 4 && DIGIT(p[k]); k++)
			y = y * 10 + (p[k] - '0');
		if (k < 4 || DIGIT(p[4]) || y < 1990 || y > 2100)
			continue;
		/* 2018-19: the two digits are the next year's. */
		if ((p[4] == '-' || p[4] == '_') && DIGIT(p[5]) && DIGIT(p[6]) &&
		    !DIGIT(p[7]) && (p[5] - '0') * 10 + (p[6] - '0') ==
		    (y + 1) % 100)
			y++;
		if (lo == 0 || y < lo)
			lo = y;
		if (y > hi)
			hi = y;
	}
	return hi - lo <= 1 ? hi : -1;
}

/*
 * ATT8SCR_16 beside ATT8SCR: the file holds 2016 as its prior year. A
 * suffix counts when at least three columns carry it, as a lone column
 * such as PT5EM_94_17 may be about the current year.
 */
int
ki_imp_year_from_suffix(const struct ki_hdr *h)
{
	char base[256];
	int count[100] = { 0 }, yy;
	size_t i;

	for (i = 0; i < h->n; i++) {
		const char *s = h->names[i];
		size_t len = strlen(s);

		if (len < 4 || len >= sizeof(base) || s[len - 3] != '_' ||
		    s[len - 2] < '0' || s[len - 2] > '9' || s[len - 1] < '0' ||
		    s[len - 1] > '9')
			continue;
		memcpy(base, s, len - 3);
		base[len - 3] = '\0';
		if (ki_hdr_index(h, base) >= 0)
			count[(s[len - 2] - '0') * 10 + (s[len - 1] - '0')]++;
	}
	for (yy = 98; yy >= 0; yy--)
		if (count[yy] >= 3)
			return 2000 + yy + 1;
	return 0;
}

/* n digits at p as a number, or -1. */
static int
digits(const char *p, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!DIGIT(p[i]))
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return DIGIT(p[n]) ? -1 : v;
}

/*
 * A date written at p in a file name, into out (yyyy-mm-dd): 2026-05-31,
 * 2026_05_31, 20260531, 31_May_2026, 31 May 2026, 31-05-2026; with
 * month_end, 2014-12 too (the month's last day). Returns 1 if one is.
 */
int
ki_imp_name_date(const char *p, int month_end, char *out)
{
	static const char *const mon[] = { "jan", "feb", "mar", "apr", "may",
	    "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
	int y = -1, m = -1, d = -1, i;

	if (digits(p, 8) > 0) {
		y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 +
		    (p[3] - '0');
		m = (p[4] - '0') * 10 + (p[5] - '0');
		d = (p[6] - '0') * 10 + (p[7] - '0');
	} else if (DIGIT(p[0]) && DIGIT(p[3]) && strchr("-_ ", p[4]) &&
	    (y = digits(p, 4)) >= 0 && (m = digits(p + 5, 2)) >= 0) {
		if (strchr("-_ ", p[7]) && p[7] != '\0' &&
		    (d = digits(p + 8, 2)) >= 0)
			;
		else if (month_end && m >= 1 && m <= 12)
			d = ki_date_mdays(y, m);
	} else if (DIGIT(p[0])) {
		int dd = DIGIT(p[1]) ? 2 : 1;
		const char *q;

		d = digits(p, dd);
		q = p + dd;
		if (!strchr("-_ ", *q) || *q == '\0')
			return 0;
		q++;
		if ((m = digits(q, 2)) >= 0 && strchr("-_ ", q[2]) && q[2]) {
			y = digits(q + 3, 4);
		} else {
			for (i = 0, m = -1; i < 12; i++)
				if (strncasecmp(q, mon[i], 3) == 0)
					m = i + 1;
			while (*q && !strchr("-_ ", *q))
				q++;
			if (m < 0 || *q == '\0')
				return 0;
			y = digits(q + 1, 4);
		}
	} else
		return 0;
	if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 ||
	    d > ki_date_mdays(y, m))
		return 0;
	snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	return 1;
}

/*
 * The date an Ofsted file name says it covers to: "as at 31 May 2026"
 * (as_at_31_May_2026, as at 2026-05-31) or the end of a period, "..._to_
 * 2014-12" or "to 31 August 2015". Returns 1 and out, or 0.
 */
int
ki_imp_cover_from_name(const char *path, char *out)
{
	static const char *const at[] = { "as_at_", "as at ", "as-at-",
	    "asat_", "asat", NULL };
	static const char *const to[] = { "_to_", " to ", "-to-", NULL };
	const char *base = strrchr(path, '/'), *p;
	int i;

	base = base ? base + 1 : path;
	for (i = 0; at[i] != NULL; i++)
		for (p = base; *p; p++)
			if (strncasecmp(p, at[i], strlen(at[i])) == 0 &&
			    ki_imp_name_date(p + strlen(at[i]), 0, out))
				return 1;
	for (i = 0; to[i] != NULL; i++)
		for (p = base; *p; p++)
			if (strncasecmp(p, to[i], strlen(to[i])) == 0 &&
			    ki_imp_name_date(p + strlen(to[i]), 1, out))
				return 1;
	return 0;
}

/* A GIAS extract's date from its name: gias_2021-05-07_..., ...20250422. */
int
ki_imp_extract_date(const char *path, char *out)
{
	const char *base = strrchr(path, '/'), *p;

	base = base ? base + 1 : path;
	for (p = base; *p; p++)
		if ((p == base || !DIGIT(p[-1])) && (p[0] == '1' || p[0] == '2') &&
		    ki_imp_name_date(p, 0, out))
			return 1;
	return 0;
}

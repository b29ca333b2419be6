/* Write iCalendar (RFC 5545) for all-day events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ki/buf.h"
#include "ki/date.h"
#include "ki/ics.h"

size_t
ki_ics_escape(const char *s, char *buf, size_t cap)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		char e[3] = { 0, 0, 0 };

		switch (*s) {
		case '\\': case ';': case ',':
			e[0] = '\\';
			e[1] = *s;
			break;
		case '\n':
			e[0] = '\\';
			e[1] = 'n';
			break;
		case '\r':
			break;
		default:
			e[0] = *s;
		}
		for (size_t i = 0; e[i] != '\0'; i++, n++)
			if (n + 1 < cap)
				buf[n] = e[i];
	}
	if (cap > 0)
		buf[n < cap ? n : cap - 1] = '\0';
	return n;
}

/*
 * Write "name:value" (value already escaped) folded: at most 75 octets a
 * line, continuation lines starting with one space, a UTF-8 character
 * never split.
 */
static int
line(FILE *fp, const char *name, const char *value)
{
	struct ki_buf b = { 0 };
	const char *p;
	size_t used = 0, len;

	ki_buf_cat(&b, name, ":", value, (char *)NULL);
	if (b.oom) {
		ki_buf_free(&b);
		return -1;
	}
	p = ki_buf_str(&b);
	len = strlen(p);
	while (len > 0) {
		size_t room = used == 0 ? 75 : 74, take = len < room ? len : room;

		while (take < len && take > 0 && ((unsigned char)p[take] & 0xC0) ==
		    0x80)
			take--;
		if (used > 0)
			fputc(' ', fp);
		fwrite(p, 1, take, fp);
		fputs("\r\n", fp);
		p += take;
		len -= take;
		used++;
	}
	ki_buf_free(&b);
	return 0;
}

static int
text(FILE *fp, const char *name, const char *s)
{
	size_t n = ki_ics_escape(s, NULL, 0);
	char *e = malloc(n + 1);
	int rc;

	if (e == NULL)
		return -1;
	ki_ics_escape(s, e, n + 1);
	rc = line(fp, name, e);
	free(e);
	return rc;
}

int
ki_ics_begin(FILE *fp, const char *name)
{
	int rc = 0;

	rc |= line(fp, "BEGIN", "VCALENDAR");
	rc |= line(fp, "VERSION", "2.0");
	rc |= line(fp, "PRODID", "-//ki//ki-plan//EN");
	rc |= line(fp, "CALSCALE", "GREGORIAN");
	rc |= line(fp, "METHOD", "PUBLISH");
	rc |= text(fp, "X-WR-CALNAME", name);
	return rc != 0 || ferror(fp) ? -1 : 0;
}

int
ki_ics_event(FILE *fp, long long stamp, const struct ki_ics_event *ev)
{
	char d[11], v[32], ts[32];
	time_t t = (time_t)stamp;
	struct tm tm;
	int rc = 0;

	gmtime_r(&t, &tm);
	strftime(ts, sizeof(ts), "%Y%m%dT%H%M%SZ", &tm);
	rc |= line(fp, "BEGIN", "VEVENT");
	rc |= text(fp, "UID", ev->uid);
	rc |= line(fp, "DTSTAMP", ts);
	ki_date_format(ev->day, d);
	snprintf(v, sizeof(v), "%.4s%.2s%.2s", d, d + 5, d + 8);
	rc |= line(fp, "DTSTART;VALUE=DATE", v);
	ki_date_format(ev->day + 1, d);
	snprintf(v, sizeof(v), "%.4s%.2s%.2s", d, d + 5, d + 8);
	rc |= line(fp, "DTEND;VALUE=DATE", v);
	rc |= text(fp, "SUMMARY", ev->summary);
	rc |= text(fp, "DESCRIPTION", ev->description);
	if (ev->category != NULL)
		rc |= text(fp, "CATEGORIES", ev->category);
	rc |= line(fp, "TRANSP", "TRANSPARENT");
	rc |= line(fp, "END", "VEVENT");
	return rc != 0 || ferror(fp) ? -1 : 0;
}

int
ki_ics_end(FILE *fp)
{
	return line(fp, "END", "VCALENDAR") != 0 || ferror(fp) ? -1 : 0;
}

int
ki_ics_write(FILE *fp, const char *name, long long stamp,
    const struct ki_ics_event *ev, size_t n)
{
	size_t i;
	int rc = ki_ics_begin(fp, name);

	for (i = 0; i < n; i++)
		rc |= ki_ics_event(fp, stamp, &ev[i]);
	rc |= ki_ics_end(fp);
	return rc != 0 || ferror(fp) ? -1 : 0;
}

/* RFC 5545 iCalendar output: all-day events, escaped and folded. */
#ifndef KI_ICS_H
#define KI_ICS_H

#include <stddef.h>
#include <stdio.h>

struct ki_ics_event {
	const char *uid;	/* stable across runs */
	long day;		/* day number (lib/date.c) */
	const char *summary;
	const char *description;
	const char *category;	/* one word, or NULL */
};

/*
 * Write a VCALENDAR named name holding the n events to fp: CRLF line
 * ends, lines folded at 75 octets (never inside a UTF-8 character), text
 * escaped (backslash, semicolon, comma, newline), DTSTAMP stamp (seconds
 * since 1970, UTC) on every event, each an all-day DTSTART;VALUE=DATE
 * with DTEND the next day. Returns 0, or -1 when fp is in error.
 */
int ki_ics_write(FILE *fp, const char *name, long long stamp,
    const struct ki_ics_event *ev, size_t n);

/*
 * ki_ics_write in parts, for events made as they are written: the
 * VCALENDAR's start, one event, its end. Each returns 0, or -1 when fp is
 * in error.
 */
int ki_ics_begin(FILE *fp, const char *name);
int ki_ics_event(FILE *fp, long long stamp, const struct ki_ics_event *ev);
int ki_ics_end(FILE *fp);

/*
 * Append to buf (size cap, NUL-terminated) the escaped form of s, as
 * ki_ics_write writes text. Returns the length it needs (like snprintf).
 */
size_t ki_ics_escape(const char *s, char *buf, size_t cap);

#endif

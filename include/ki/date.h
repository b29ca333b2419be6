/* ISO dates (yyyy-mm-dd) as day numbers, for windows and due dates. */
#ifndef KI_DATE_H
#define KI_DATE_H

/*
 * The day number of an ISO date (days since 1970-01-01), in *day. Returns
 * 0, or -1 when s is not a valid yyyy-mm-dd date.
 */
int ki_date_parse(const char *s, long *day);

/* Write day as yyyy-mm-dd into buf (at least 11 bytes). */
void ki_date_format(long day, char *buf);

#endif

/* ISO dates (yyyy-mm-dd) as day numbers, for windows and due dates. */
#ifndef KI_DATE_H
#define KI_DATE_H

/*
 * The day number of a date (days since 1970-01-01, negative before), in
 * *day. s is a date as ki_val_norm reads one: yyyy-mm-dd, dd/mm/yyyy or
 * dd-mm-yyyy of 1900 to 2100, with at most a time of day after it. Returns
 * 0, or -1 when s is NULL or not such a date (2019-02-30, "2019-02-28 x").
 * Every day number is a real day: callers keep "no date" apart.
 */
int ki_date_parse(const char *s, long *day);

/* Write day as yyyy-mm-dd into buf (at least 11 bytes). */
void ki_date_format(long day, char *buf);

/* The days in month m (1-12) of year y. */
int ki_date_mdays(int y, int m);

#endif

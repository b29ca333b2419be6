/* The set of years in an input, and the error for a --year it lacks. */
#include <stdio.h>

#include "ki/yearset.h"

void
ki_yearset_add(struct ki_yearset *s, int y)
{
	if (y >= 1900 && y <= 2100)
		s->has[y - 1900] = 1;
}

int
ki_yearset_has(const struct ki_yearset *s, int y)
{
	return y >= 1900 && y <= 2100 && s->has[y - 1900];
}

int
ki_yearset_err(const struct ki_yearset *s, const char *opt, int year,
    const char *file, struct ki_err *err)
{
	/* At most 101 runs, each at most "2000 to 2002, " (14 bytes). */
	char list[1500];
	int y, end, len = 0;

	list[0] = '\0';
	for (y = 0; y <= 200; y = end + 1) {
		const char *sep = len > 0 ? ", " : "";

		end = y;
		if (!s->has[y])
			continue;
		while (end < 200 && s->has[end + 1])
			end++;
		if (end - y >= 2)
			len += sprintf(list + len, "%s%d to %d", sep, 1900 + y,
			    1900 + end);
		else {
			end = y;
			len += sprintf(list + len, "%s%d", sep, 1900 + y);
		}
	}
	if (len == 0)
		return ki_err_set(err, file, 0, NULL, "%s %d: no row has that "
		    "year; no row has a year at all", opt, year);
	return ki_err_set(err, file, 0, NULL, "%s %d: no row has that year; "
	    "the years present: %s", opt, year, list);
}

/* Civil dates and day numbers (Howard Hinnant's days_from_civil). */
#include <stdio.h>

#include "ki/date.h"
#include "ki/val.h"

static long
from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

int
ki_date_parse(const char *s, long *day)
{
	char buf[16], msg[80];
	int y, m, d;

	/* ki_val_norm checks the calendar (30 February is refused). */
	if (s == NULL || ki_val_norm(KI_T_DATE, s, buf, sizeof(buf), msg,
	    sizeof(msg)) != 1 || sscanf(buf, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return -1;
	*day = from_civil(y, (unsigned)m, (unsigned)d);
	return 0;
}

void
ki_date_format(long z, char *buf)
{
	long era, y;
	unsigned doe, yoe, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	/* Day numbers come from ki_date_parse: years 1900 to 2100. */
	sprintf(buf, "%04d-%02u-%02u", (int)(y % 10000), m % 100, d % 100);
}

int
ki_date_mdays(int y, int m)
{
	static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 :
	    n[m - 1];
}

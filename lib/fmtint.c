/* The integer formatter (ki/fmtint.h): digits from the right. */
#include <stddef.h>

#include "ki/fmtint.h"

char *
ki_int_format(char *buf, long long v, int flags)
{
	char tmp[KI_INT_LEN];
	/* The magnitude as unsigned: -LLONG_MIN does not fit a long long. */
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;
	size_t t = 0, o = 0;
	int digits = 0;

	do {
		if ((flags & KI_INT_GROUP) && digits > 0 && digits % 3 == 0)
			tmp[t++] = ',';
		tmp[t++] = (char)('0' + u % 10);
		digits++;
	} while ((u /= 10) > 0);
	if (v < 0)
		buf[o++] = '-';
	while (t > 0)
		buf[o++] = tmp[--t];
	buf[o] = '\0';
	return buf;
}

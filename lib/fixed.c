/* Exact decimal arithmetic on scaled integers, for money and days. */
#include <stdio.h>
#include <string.h>

#include "ki/fixed.h"

static const int64_t pow10[] = { 1, 10, 100, 1000, 10000, 100000, 1000000 };

int
ki_fixed_parse(const char *s, int places, int64_t *out)
{
	int64_t whole = 0, frac = 0, v;
	int neg = 0, nd = 0, nf = 0;

	if (s == NULL || places < 0 || places > 6)
		return -1;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++, nd++)
		if (__builtin_mul_overflow(whole, 10, &whole) ||
		    __builtin_add_overflow(whole, *s - '0', &whole))
			return -1;
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, nf++) {
			if (nf >= places) {
				/* Trailing zeros beyond the places are harmless. */
				if (*s != '0')
					return -1;
				continue;
			}
			frac = frac * 10 + (*s - '0');
		}
		if (nf == 0 && nd == 0)
			return -1;
	}
	if (*s != '\0' || (nd == 0 && nf == 0))
		return -1;
	if (nf < places)
		frac *= pow10[places - nf];
	/* The scaled whole and fraction must fit, or the value is refused. */
	if (__builtin_mul_overflow(whole, pow10[places], &v) ||
	    __builtin_add_overflow(v, frac, &v))
		return -1;
	*out = neg ? -v : v;
	return 0;
}

int
ki_fixed_format(int64_t v, int places, int trim, char *buf, size_t n)
{
	uint64_t a = v < 0 ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;
	uint64_t p = (uint64_t)pow10[places];
	char frac[8];
	int len, fl = places;

	snprintf(frac, sizeof(frac), "%0*llu", places,
	    (unsigned long long)(a % p));
	if (trim)
		while (fl > 0 && frac[fl - 1] == '0')
			fl--;
	len = snprintf(buf, n, "%s%llu%s%.*s", v < 0 ? "-" : "",
	    (unsigned long long)(a / p), fl > 0 ? "." : "", fl, frac);
	return len < 0 || (size_t)len >= n ? -1 : len;
}

int
ki_fixed_mul(int64_t a, int64_t b, int places, int64_t *out)
{
	int64_t r, p, q, m;

	if (places < 0 || places > 6 || __builtin_mul_overflow(a, b, &r))
		return -1;
	p = pow10[places];
	q = r / p;
	m = r % p;
	/* Round half away from zero on the remainder (|m| < p <= 10^6). */
	if (m * 2 >= p)
		q++;
	else if (m * 2 <= -p)
		q--;
	*out = q;
	return 0;
}

int
ki_fixed_add(int64_t a, int64_t b, int64_t *out)
{
	return __builtin_add_overflow(a, b, out) ? -1 : 0;
}

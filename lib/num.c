/* Strict number parsing and shortest round-trip formatting. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/num.h"

/* Length of the decimal number at s, or 0 if s does not start with one. */
static size_t
scan(const char *s, size_t len, int json)
{
	size_t i = 0, d;

	if (i < len && (s[i] == '-' || (!json && s[i] == '+')))
		i++;
	d = i;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	if (json && i - d > 1 && s[d] == '0')
		return 0;
	if (json && i == d)
		return 0;
	if (i < len && s[i] == '.') {
		size_t f = ++i;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == f && (json || f - 1 == d))
			return 0;
	} else if (i == d)
		return 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t e;
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		e = i;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == e)
			return 0;
	}
	return i;
}

/*
 * Plain decimals of up to 15 digits and up to 22 after the point are
 * m / 10^k with m and 10^k exact doubles, and IEEE division rounds
 * correctly: the same double strtod gives, without its general method.
 * Returns 0 with *d set, or -1 to leave the text to strtod.
 */
static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
	1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
	1e21, 1e22 };

static int
fast_decimal(const char *s, size_t len, double *d)
{
	unsigned long long m = 0;
	size_t i = 0;
	int digits = 0, frac = -1, neg = 0;

	if (s[0] == '-' || s[0] == '+')
		neg = s[i++] == '-';
	for (; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (m == 0 && s[i] == '0') {
				/* Leading zeros are not significant digits. */
			} else if (++digits > 15)
				return -1;
			m = m * 10 + (unsigned)(s[i] - '0');
			if (frac >= 0)
				frac++;
		} else if (s[i] == '.' && frac < 0)
			frac = 0;
		else
			return -1;
	}
	if (frac > 22)
		return -1;
	*d = frac > 0 ? (double)m / p10[frac] : (double)m;
	if (neg)
		*d = -*d;
	return 0;
}

/*
 * fast_decimal and scan in one pass, for the text that is nearly every
 * value: [+-]digits[.digits] with at most 15 digits in all (so at most 15
 * significant, as fast_decimal needs). Returns 0 with *d set, -1 when s is
 * no number, or 1 to leave it to the general way (an exponent, more
 * digits, anything else).
 */
static int
plain(const char *s, double *d)
{
	const unsigned char *p = (const unsigned char *)s, *f;
	unsigned long long m = 0;
	unsigned c;
	int neg = 0, lead, frac = 0;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (f = p; (c = (unsigned)*p - '0') <= 9; p++)
		m = m * 10 + c;
	lead = (int)(p - f);
	if (*p == '.') {
		for (f = ++p; (c = (unsigned)*p - '0') <= 9; p++)
			m = m * 10 + c;
		frac = (int)(p - f);
	}
	if (*p != '\0' || lead + frac > 15)
		return 1;
	if (lead + frac == 0)
		return -1;	/* "", a sign, a point */
	*d = frac > 0 ? (double)m / p10[frac] : (double)m;
	if (neg)
		*d = -*d;
	return 0;
}

/* ki_num_parse for what plain leaves: out of line, so its short cut is lean. */
static __attribute__((noinline)) int
general(const char *s, double *d)
{
	size_t len = strlen(s);
	char *end;
	double v;

	if (len == 0 || scan(s, len, 0) != len)
		return -1;
	if (fast_decimal(s, len, d) == 0)
		return 0;
	/* The program never calls setlocale, so strtod reads '.' as the point. */
	v = strtod(s, &end);
	if (*end != '\0' || !isfinite(v))
		return -1;
	*d = v;
	return 0;
}

int
ki_num_parse(const char *s, double *d)
{
	int rc;

	if (s == NULL)
		return -1;
	if ((rc = plain(s, d)) != 1)
		return rc;
	return general(s, d);
}

int
ki_num_is_json(const char *s, size_t len)
{
	return len > 0 && scan(s, len, 1) == len;
}

int
ki_num_json_fits(const char *s)
{
	size_t len = strlen(s), digits;
	double d;

	if (!ki_num_is_json(s, len))
		return 0;
	if (strpbrk(s, ".eE") != NULL)
		return ki_num_parse(s, &d) == 0;
	/* 19 digits fit when they are at most INT64_MAX (or its negation). */
	digits = len - (s[0] == '-');
	if (digits != 19)
		return digits < 19;
	return strcmp(s + (s[0] == '-'), s[0] == '-' ? "9223372036854775808" :
	    "9223372036854775807") <= 0;
}

/*
 * d as m / 10^k with the fewest decimals k, when m has at most 15 digits:
 * the text %.15g would give, without printf. Division is exact to the
 * last bit here (as in fast_decimal), so the text reads back as d.
 * Returns the length, or -1 to leave d to printf.
 */
static int
fast_format(double d, char *buf, size_t n)
{
	double a = fabs(d);
	char tmp[32];
	int k, len = 0, t = 0;

	if (!(a >= 1e-4 && a < 1e15))
		return -1;
	for (k = 0; k <= 15; k++) {
		double x = a * p10[k], m;
		unsigned long long u;

		if (x >= 1e15)
			return -1;
		m = floor(x + 0.5);
		if (m / p10[k] != a)
			continue;
		u = (unsigned long long)m;
		/* Digits from the right, the point after k of them. */
		do {
			if (t == k && k > 0)
				tmp[t++] = '.';
			tmp[t++] = (char)('0' + u % 10);
			u /= 10;
		} while (u > 0 || t <= k);
		if (d < 0)
			tmp[t++] = '-';
		if ((size_t)t >= n)
			return -1;
		while (t > 0)
			buf[len++] = tmp[--t];
		buf[len] = '\0';
		return len;
	}
	return -1;
}

int
ki_num_format(double d, char *buf, size_t n)
{
	char tmp[64];
	int prec, len = -1;

	if (!isfinite(d))
		return -1;
	if (d == 0)
		d = 0;	/* no "-0" */
	if ((len = fast_format(d, buf, n)) > 0)
		return len;
	/*
	 * %g drops trailing zeros, so 15 digits give the shortest text of any
	 * number with 15 or fewer: nearly all. Only the rest need 16 or 17.
	 */
	for (prec = 15; prec <= 17; prec++) {
		len = snprintf(tmp, sizeof(tmp), "%.*g", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	/* People read 50, not 5e+01: write plain decimals where sensible. */
	if (strchr(tmp, 'e') != NULL && fabs(d) >= 1e-6 && fabs(d) < 1e21) {
		int exp10 = atoi(strchr(tmp, 'e') + 1);
		int decimals = prec - 1 - exp10;

		len = snprintf(tmp, sizeof(tmp), "%.*f", decimals > 0 ?
		    decimals : 0, d);
	}
	if (len < 0 || (size_t)len >= n)
		return -1;
	memcpy(buf, tmp, (size_t)len + 1);
	return len;
}

int
ki_num_int64(double d, int64_t *out)
{
	/* -2^63 and 2^63 are exact doubles; NaN fails both tests. */
	if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
		return -1;
	*out = (int64_t)d;
	return 0;
}

int
ki_num_year(const char *s, int *year)
{
	int y = 0, i;

	if (s == NULL)
		return -1;
	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		y = y * 10 + (s[i] - '0');
	}
	if (s[4] != '\0' || y < 1900 || y > 2100)
		return -1;
	*year = y;
	return 0;
}

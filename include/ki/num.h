/* Strict, locale-independent parsing of the numbers found in school data. */
#ifndef KI_NUM_H
#define KI_NUM_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parse s as a plain decimal number: optional sign, digits, optional
 * fraction, optional exponent. No spaces, no "inf", "nan", hex or
 * thousands separators. Returns 0 and sets *d, or -1 if s is not such
 * a number. Never depends on LC_NUMERIC.
 */
int ki_num_parse(const char *s, double *d);

/* Return 1 if s (len bytes) is a valid JSON number text, else 0. */
int ki_num_is_json(const char *s, size_t len);

/*
 * Return 1 if s (NUL-terminated) is a JSON number that a reader such as
 * jansson takes as one: a whole number in the range of a 64-bit integer,
 * any other in the range of a double (1e999 is not). Else 0.
 */
int ki_num_json_fits(const char *s);

/*
 * Write d into buf (size n) as the shortest decimal text that reads back
 * as the same double ("0.1", "65", "-0.35"). Returns the length, or -1 if
 * d is not finite or buf is too small.
 */
int ki_num_format(double d, char *buf, size_t n);

/*
 * d truncated toward zero into *out, when d is finite and in the range of
 * int64_t (a plain cast of 1e300 is undefined). Returns 0, or -1 with *out
 * unchanged.
 */
int ki_num_int64(double d, int64_t *out);

/* Parse a whole year such as "2019" (1900..2100). Returns 0 or -1. */
int ki_num_year(const char *s, int *year);

#endif

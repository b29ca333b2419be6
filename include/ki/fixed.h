/* Exact decimal amounts (money in pence, days in hundredths) as integers. */
#ifndef KI_FIXED_H
#define KI_FIXED_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parse a plain decimal ("450", "450.5", "-0.25", "1e2" is refused) into
 * *out, scaled by 10^places (places 0 to 6): "450.5" with 2 places is
 * 45050. More decimals than places is an error, never a rounding. Returns
 * 0, or -1 when s is not such a number or its scaled value does not fit
 * in 64 bits (92233720368547758.07 is the largest with 2 places).
 */
int ki_fixed_parse(const char *s, int places, int64_t *out);

/*
 * Write v (scaled by 10^places) into buf (size n) as a decimal with exactly
 * places decimals when trim is 0 ("450.50"), or with trailing zeros (and a
 * bare point) dropped when trim is 1 ("450.5", "3"). Returns the length,
 * or -1 when buf is too small.
 */
int ki_fixed_format(int64_t v, int places, int trim, char *buf, size_t n);

/*
 * a * b / 10^places, rounded half away from zero: the cost of a number of
 * days (a, in hundredths, places 2) at a rate (b, in pence). Returns 0, or
 * -1 on overflow.
 */
int ki_fixed_mul(int64_t a, int64_t b, int places, int64_t *out);

/*
 * a + b in *out: a sum of amounts or of counts. Returns 0, or -1 when the
 * sum does not fit in 64 bits (*out is then not to be used).
 */
int ki_fixed_add(int64_t a, int64_t b, int64_t *out);

#endif

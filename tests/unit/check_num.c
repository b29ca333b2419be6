/* Unit tests for lib/num.c: strict number parsing and formatting. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "ki/num.h"

#include "util.h"

START_TEST(parse_accepts)
{
	static const struct {
		const char *s;
		double d;
	} ok[] = {
		{ "65", 65 }, { "-0.35", -0.35 }, { "1e2", 100 }, { "+3", 3 },
		{ "0", 0 }, { "0.1", 0.1 }, { "1E-3", 0.001 }, { "2.5e+1", 25 },
		{ "007", 7 }, { ".5", 0.5 }, { "5.", 5 }, { "-12.75", -12.75 }
	};
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		double d = -999;

		ck_assert_msg(ki_num_parse(ok[i].s, &d) == 0, "rejected \"%s\"",
		    ok[i].s);
		ck_assert_msg(d == ok[i].d, "\"%s\" gave %.17g", ok[i].s, d);
	}
}
END_TEST

/* The short cut for plain decimals gives strtod's double, bit for bit. */
START_TEST(parse_same_as_strtod)
{
	static const char *const edge[] = {
		"0.1", "0.2", "0.3", "-0", "-0.0", "0.000000000000000000001",
		"999999999999999", "9999999999999999", "123456789012345.6",
		"0.1234567890123456789012", "0.12345678901234567890123",
		"8.589973e9", "1.7976931348623157", "00000000000000000001.5",
		"4.35", "100.", ".001", "2.675", "9007199254740993"
	};
	char s[64];
	size_t i;
	unsigned seed = 12345;

	for (i = 0; i < sizeof(edge) / sizeof(edge[0]) + 200000; i++) {
		double d, want;
		const char *t;

		if (i < sizeof(edge) / sizeof(edge[0]))
			t = edge[i];
		else {
			/* Random sign, digits before and after the point. */
			int a, b, k, n = 0;

			seed = seed * 1103515245u + 12345u;
			a = (int)(seed >> 8) % 12;
			b = (int)(seed >> 16) % 19;
			if (seed & 1)
				s[n++] = '-';
			for (k = 0; k < a; k++) {
				seed = seed * 1103515245u + 12345u;
				s[n++] = (char)('0' + (seed >> 16) % 10);
			}
			if (b > 0 || a == 0) {
				s[n++] = '.';
				for (k = 0; k < b || (a == 0 && k == 0); k++) {
					seed = seed * 1103515245u + 12345u;
					s[n++] = (char)('0' + (seed >> 16) % 10);
				}
			}
			s[n] = '\0';
			t = s;
		}
		want = strtod(t, NULL);
		ck_assert_msg(ki_num_parse(t, &d) == 0, "rejected \"%s\"", t);
		ck_assert_msg(memcmp(&d, &want, sizeof(d)) == 0,
		    "\"%s\" gave %.17g, strtod %.17g", t, d, want);
	}
}
END_TEST

START_TEST(parse_rejects)
{
	static const char *const bad[] = {
		"", " 65", "65 ", "6O", "inf", "-inf", "nan", "NaN", "0x10",
		"1,000", "65%", "+", "-", ".", "1e", "1e+", "e5", "1.2.3",
		"--1", "+-1", "1e400", "-1e400", "infinity", "1 000", "\t1",
		"65\n", "SUPP", "+.", "-.", "..", "-.e1"
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		double d = 42;

		ck_assert_msg(ki_num_parse(bad[i], &d) == -1, "accepted \"%s\"",
		    bad[i]);
		ck_assert_msg(d == 42, "\"%s\" changed *d", bad[i]);
	}
	ck_assert_int_eq(ki_num_parse(NULL, NULL), -1);
}
END_TEST

START_TEST(is_json)
{
	static const char *const ok[] = {
		"0", "-0", "65", "-0.35", "1e2", "1E+2", "1e-2", "0.5", "10",
		"123456789012345678901234567890", "-1.5e10"
	};
	static const char *const bad[] = {
		"", "065", "00", "+3", "5.", "-", "1e", "1e+", "6O", "inf",
		"nan", "0x10", " 1", "1 ", "1,0", "65%", "--1", "-01", "1.e5"
	};
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		ck_assert_msg(ki_num_is_json(ok[i], strlen(ok[i])) == 1,
		    "\"%s\" not taken as JSON", ok[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(ki_num_is_json(bad[i], strlen(bad[i])) == 0,
		    "\"%s\" taken as a JSON number", bad[i]);
	/* len bounds the text: "12" of "12x" is a number, "12x" is not. */
	ck_assert_int_eq(ki_num_is_json("12x", 2), 1);
	ck_assert_int_eq(ki_num_is_json("12x", 3), 0);
	ck_assert_int_eq(ki_num_is_json("1", 0), 0);
}
END_TEST

/* What jansson reads back as a number: 1e999 and 2^63 are not. */
START_TEST(json_fits)
{
	static const char *const ok[] = {
		"0", "-0", "65", "-0.35", "1e308", "-1.7976931348623157e308",
		"1e-999", "9223372036854775807", "-9223372036854775808",
		"999999999999999999", "123456789012345678901234567890.0"
	};
	static const char *const bad[] = {
		"1e999", "-1e309", "9223372036854775808", "-9223372036854775809",
		"123456789012345678901234567890", "99999999999999999999", "01",
		"+3", "inf", ""
	};
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		ck_assert_msg(ki_num_json_fits(ok[i]) == 1,
		    "\"%s\" does not fit", ok[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(ki_num_json_fits(bad[i]) == 0,
		    "\"%s\" fits", bad[i]);
}
END_TEST

/* JSON needs a digit before the point: ".5" and "-.5" are not JSON. */
START_TEST(is_json_int_part)
{
	ck_assert_int_eq(ki_num_is_json("0.5", 3), 1);
	ck_assert_msg(ki_num_is_json(".5", 2) == 0,
	    "\".5\" taken as a JSON number");
	ck_assert_msg(ki_num_is_json("-.5", 3) == 0,
	    "\"-.5\" taken as a JSON number");
}
END_TEST

START_TEST(format)
{
	static const struct {
		double d;
		const char *s;
	} ok[] = {
		{ 0.1, "0.1" }, { 65.0, "65" }, { -0.35, "-0.35" },
		{ -0.0, "0" }, { 0.0, "0" }, { 7, "7" }, { 2.675, "2.675" },
		{ 1.0 / 3, "0.3333333333333333" }, { 123456789, "123456789" },
		{ 0.000123, "0.000123" }
	};
	char buf[64];
	size_t i;
	double back;
	int n;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		n = ki_num_format(ok[i].d, buf, sizeof(buf));
		ck_assert_str_eq(buf, ok[i].s);
		ck_assert_int_eq(n, (int)strlen(ok[i].s));
	}
	/* 1e21: shortest text that reads back, and valid JSON. */
	n = ki_num_format(1e21, buf, sizeof(buf));
	ck_assert_int_gt(n, 0);
	ck_assert_int_eq(n, (int)strlen(buf));
	back = strtod(buf, NULL);
	ck_assert(back == 1e21);
	ck_assert_int_le(n, 5);
	ck_assert_int_eq(ki_num_is_json(buf, (size_t)n), 1);
	/* Every output reads back exactly. */
	n = ki_num_format(0.1 + 0.2, buf, sizeof(buf));
	ck_assert_int_gt(n, 0);
	ck_assert(strtod(buf, NULL) == 0.1 + 0.2);
	ck_assert_str_eq(buf, "0.30000000000000004");
}
END_TEST

/*
 * Values of 15 digits or fewer come out as %.15g writes them (the quick
 * way and printf agree), and every output reads back exactly.
 */
START_TEST(format_same_as_printf)
{
	unsigned long long x = 88172645463325252ULL;
	char buf[64], want[64];
	int i;

	for (i = 0; i < 300000; i++) {
		double d;
		int n;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		d = (double)(x % 1000000000000000ULL) / pow(10, (int)(x >> 58));
		if (x & (1ULL << 57))
			d = -d;
		n = ki_num_format(d, buf, sizeof(buf));
		ck_assert_int_gt(n, 0);
		ck_assert_msg(strtod(buf, NULL) == d, "%s is not %.17g", buf, d);
		if (fabs(d) >= 1e-4 && fabs(d) < 1e15) {
			snprintf(want, sizeof(want), "%.15g", d);
			ck_assert_str_eq(buf, want);
		}
	}
}
END_TEST

START_TEST(format_errors)
{
	char buf[64];

	ck_assert_int_eq(ki_num_format(NAN, buf, sizeof(buf)), -1);
	ck_assert_int_eq(ki_num_format(INFINITY, buf, sizeof(buf)), -1);
	ck_assert_int_eq(ki_num_format(-INFINITY, buf, sizeof(buf)), -1);
	/* "-0.35" needs 6 bytes with the NUL. */
	ck_assert_int_eq(ki_num_format(-0.35, buf, 5), -1);
	ck_assert_int_eq(ki_num_format(-0.35, buf, 6), 5);
	ck_assert_str_eq(buf, "-0.35");
	ck_assert_int_eq(ki_num_format(65, buf, 2), -1);
	ck_assert_int_eq(ki_num_format(1.0 / 3, buf, 10), -1);
}
END_TEST

/* A buffer that holds the result is big enough: "65" fits in 3 bytes. */
START_TEST(format_exact_buffer)
{
	char buf[3];

	ck_assert_int_eq(ki_num_format(65, buf, sizeof(buf)), 2);
	ck_assert_str_eq(buf, "65");
}
END_TEST

/* Shortest text: "100" (3 bytes) and not "1e+02" (5). */
START_TEST(format_round_tens)
{
	static const struct {
		double d;
		const char *s;
	} ok[] = {
		{ 50, "50" }, { 100, "100" }, { 120, "120" }, { 1000, "1000" },
		{ -20, "-20" }, { 2019, "2019" }
	};
	char buf[64];
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		int n = ki_num_format(ok[i].d, buf, sizeof(buf));

		ck_assert_str_eq(buf, ok[i].s);
		ck_assert_int_eq(n, (int)strlen(ok[i].s));
	}
}
END_TEST

START_TEST(year)
{
	int y = 0;

	ck_assert_int_eq(ki_num_year("2019", &y), 0);
	ck_assert_int_eq(y, 2019);
	ck_assert_int_eq(ki_num_year("1900", &y), 0);
	ck_assert_int_eq(y, 1900);
	ck_assert_int_eq(ki_num_year("2100", &y), 0);
	ck_assert_int_eq(y, 2100);
	y = 7;
	ck_assert_int_eq(ki_num_year("1899", &y), -1);
	ck_assert_int_eq(ki_num_year("2101", &y), -1);
	ck_assert_int_eq(ki_num_year("19", &y), -1);
	ck_assert_int_eq(ki_num_year("", &y), -1);
	ck_assert_int_eq(ki_num_year("20190", &y), -1);
	ck_assert_int_eq(ki_num_year("2019 ", &y), -1);
	ck_assert_int_eq(ki_num_year(" 2019", &y), -1);
	ck_assert_int_eq(ki_num_year("2O19", &y), -1);
	ck_assert_int_eq(ki_num_year("+201", &y), -1);
	ck_assert_int_eq(ki_num_year("2019.0", &y), -1);
	ck_assert_int_eq(ki_num_year(NULL, &y), -1);
	ck_assert_int_eq(y, 7);
}
END_TEST

static Suite *
num_suite(void)
{
	Suite *s = suite_create("num");
	TCase *tc;

	tc = tcase_create("ki_num_parse");
	tcase_add_test(tc, parse_accepts);
	tcase_add_test(tc, parse_rejects);
	tcase_add_test(tc, parse_same_as_strtod);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_num_is_json");
	tcase_add_test(tc, is_json);
	tcase_add_test(tc, is_json_int_part);
	tcase_add_test(tc, json_fits);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_num_format");
	tcase_add_test(tc, format);
	tcase_add_test(tc, format_errors);
	tcase_add_test(tc, format_same_as_printf);
	tcase_add_test(tc, format_exact_buffer);
	tcase_add_test(tc, format_round_tens);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_num_year");
	tcase_add_test(tc, year);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(num_suite());
}

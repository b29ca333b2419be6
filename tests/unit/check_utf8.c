/* Unit tests for lib/utf8.c: UTF-8 validation and cp1252 conversion. */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "ki/utf8.h"

#include "util.h"

/* ki_utf8_check on s (len bytes); returns the fault offset or -1 if valid. */
static long
fault(const char *s, size_t len)
{
	size_t bad = 12345;

	if (ki_utf8_check(s, len, &bad) == 0) {
		ck_assert_uint_eq(bad, 12345);	/* untouched when valid */
		return -1;
	}
	return (long)bad;
}

START_TEST(check_valid)
{
	ck_assert_int_eq(fault("", 0), -1);
	ck_assert_int_eq(fault("Hampshire, 65%", 14), -1);
	ck_assert_int_eq(fault("caf\xC3\xA9", 5), -1);		/* é, 2 bytes */
	ck_assert_int_eq(fault("\xC2\x80", 2), -1);		/* U+0080 */
	ck_assert_int_eq(fault("\xDF\xBF", 2), -1);		/* U+07FF */
	ck_assert_int_eq(fault("\xE2\x82\xAC", 3), -1);		/* €, 3 bytes */
	ck_assert_int_eq(fault("\xE0\xA0\x80", 3), -1);		/* U+0800 */
	ck_assert_int_eq(fault("\xED\x9F\xBF", 3), -1);		/* U+D7FF */
	ck_assert_int_eq(fault("\xEE\x80\x80", 3), -1);		/* U+E000 */
	ck_assert_int_eq(fault("\xEF\xBF\xBD", 3), -1);		/* U+FFFD */
	ck_assert_int_eq(fault("\xF0\x9F\x98\x80", 4), -1);	/* 4 bytes */
	ck_assert_int_eq(fault("\xF0\x90\x80\x80", 4), -1);	/* U+10000 */
	ck_assert_int_eq(fault("\xF4\x8F\xBF\xBF", 4), -1);	/* U+10FFFF */
	ck_assert_int_eq(fault("a\xE2\x80\x99s \xF0\x9F\x98\x80!", 10), -1);
	/* len bounds the check: the bad byte after it is not looked at. */
	ck_assert_int_eq(fault("ab\xFF", 2), -1);
	ck_assert_int_eq(ki_utf8_check("abc", 3, NULL), 0);
}
END_TEST

START_TEST(check_invalid)
{
	/* Overlong forms. */
	ck_assert_int_eq(fault("\xC0\xAF", 2), 0);
	ck_assert_int_eq(fault("\xC1\xBF", 2), 0);
	ck_assert_int_eq(fault("ab\xE0\x80\xAF", 5), 2);
	ck_assert_int_eq(fault("\xE0\x9F\xBF", 3), 0);
	ck_assert_int_eq(fault("\xF0\x8F\xBF\xBF", 4), 0);
	/* UTF-16 surrogates. */
	ck_assert_int_eq(fault("\xED\xA0\x80", 3), 0);
	ck_assert_int_eq(fault("x\xED\xBF\xBF", 4), 1);
	/* Past U+10FFFF, and bytes that never appear. */
	ck_assert_int_eq(fault("\xF4\x90\x80\x80", 4), 0);
	ck_assert_int_eq(fault("\xF5\x80\x80\x80", 4), 0);
	ck_assert_int_eq(fault("ok\xFF", 3), 2);
	ck_assert_int_eq(fault("ok\xFE", 3), 2);
	/* A lone continuation byte; cp1252 é. */
	ck_assert_int_eq(fault("\x80", 1), 0);
	ck_assert_int_eq(fault("caf\xE9", 4), 3);
	ck_assert_int_eq(fault("caf\xE9 ok", 7), 3);
	/* Truncated sequences, at the end and before ASCII. */
	ck_assert_int_eq(fault("abc\xC3", 4), 3);
	ck_assert_int_eq(fault("abc\xE2\x82", 5), 3);
	ck_assert_int_eq(fault("\xF0\x9F\x98", 3), 0);
	ck_assert_int_eq(fault("\xE2\x82z", 3), 0);
	/* A NUL byte is a fault even though it is ASCII. */
	ck_assert_int_eq(fault("ab\0cd", 5), 2);
	ck_assert_int_eq(fault("\0", 1), 0);
	/* The first fault is reported, not a later one. */
	ck_assert_int_eq(fault("\xC3\xA9x\xFFy\xFE", 6), 3);
	ck_assert_int_eq(ki_utf8_check("\xFF", 1, NULL), -1);
}
END_TEST

/* Convert s and compare with want (wantlen bytes). */
static void
conv_is(const char *s, size_t len, const char *want)
{
	size_t outlen = 999;
	char *u = ki_cp1252_to_utf8(s, len, &outlen);

	ck_assert_ptr_nonnull(u);
	ck_assert_str_eq(u, want);
	ck_assert_uint_eq(outlen, strlen(want));
	ck_assert_int_eq(ki_utf8_check(u, outlen, NULL), 0);
	free(u);
}

START_TEST(cp1252)
{
	conv_is("", 0, "");
	conv_is("plain ASCII, 65%", 16, "plain ASCII, 65%");
	conv_is("\x80", 1, "\xE2\x82\xAC");			/* € */
	conv_is("St Mary\x92s", 9, "St Mary\xE2\x80\x99s");	/* ’ */
	conv_is("caf\xE9", 4, "caf\xC3\xA9");			/* é */
	conv_is("\xA0", 1, "\xC2\xA0");				/* NBSP */
	conv_is("\xFF", 1, "\xC3\xBF");				/* ÿ */
	conv_is("\x9F", 1, "\xC5\xB8");				/* Ÿ */
	conv_is("\x93q\x94", 3, "\xE2\x80\x9Cq\xE2\x80\x9D");	/* “q” */
	conv_is("\x96", 1, "\xE2\x80\x93");			/* – */
	/* The five undefined bytes become U+FFFD. */
	conv_is("\x81", 1, "\xEF\xBF\xBD");
	conv_is("a\x8D" "b\x8F" "c\x90" "d\x9D", 8,
	    "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d\xEF\xBF\xBD");
}
END_TEST

START_TEST(cp1252_len)
{
	size_t outlen = 0;
	char *u;

	/* len, not the NUL, ends the input. */
	u = ki_cp1252_to_utf8("\xE9xyz", 2, &outlen);
	ck_assert_ptr_nonnull(u);
	ck_assert_uint_eq(outlen, 3);
	ck_assert_str_eq(u, "\xC3\xA9x");
	free(u);
	/* outlen may be NULL. */
	u = ki_cp1252_to_utf8("\x80\x80", 2, NULL);
	ck_assert_ptr_nonnull(u);
	ck_assert_str_eq(u, "\xE2\x82\xAC\xE2\x82\xAC");
	free(u);
	/* Every byte 0x01-0xFF gives valid UTF-8. */
	{
		char all[255];
		int i;

		for (i = 0; i < 255; i++)
			all[i] = (char)(i + 1);
		u = ki_cp1252_to_utf8(all, sizeof(all), &outlen);
		ck_assert_ptr_nonnull(u);
		ck_assert_int_eq(ki_utf8_check(u, outlen, NULL), 0);
		ck_assert_uint_eq(outlen, strlen(u));
		/*
		 * 127 ASCII; in 0x80-0x9F 10 two-byte, 17 three-byte and 5
		 * U+FFFD; 96 two-byte for 0xA0-0xFF (Python's cp1252 agrees).
		 */
		ck_assert_uint_eq(outlen, 127 + 10 * 2 + 17 * 3 + 5 * 3 + 96 * 2);
		free(u);
	}
}
END_TEST

static Suite *
utf8_suite(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc;

	tc = tcase_create("ki_utf8_check");
	tcase_add_test(tc, check_valid);
	tcase_add_test(tc, check_invalid);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_cp1252_to_utf8");
	tcase_add_test(tc, cp1252);
	tcase_add_test(tc, cp1252_len);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(utf8_suite());
}

/*
 * Unit tests for lib/fmtint.c: whole numbers as text, plain and grouped;
 * and ki-report's money (lib/report_budget.c), which groups with it.
 */
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "ki/fmtint.h"
#include "../../lib/report_kind.h"

#include "util.h"

static void
int_is(long long v, int flags, const char *want)
{
	char buf[KI_INT_LEN];

	memset(buf, 'x', sizeof(buf));
	ck_assert_ptr_eq(ki_int_format(buf, v, flags), buf);
	ck_assert_msg(strcmp(buf, want) == 0, "%lld: \"%s\", not \"%s\"", v,
	    buf, want);
}

START_TEST(plain)
{
	char want[KI_INT_LEN];
	long long v[] = { 0, 1, -1, 9, 10, 99, 100, 999, 1000, -1000, 65535,
	    1234567, -987654321, LLONG_MAX, LLONG_MIN, LLONG_MIN + 1 };
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		snprintf(want, sizeof(want), "%lld", v[i]);
		int_is(v[i], 0, want);
	}
}
END_TEST

START_TEST(grouped)
{
	int_is(0, KI_INT_GROUP, "0");
	int_is(7, KI_INT_GROUP, "7");
	int_is(999, KI_INT_GROUP, "999");
	int_is(1000, KI_INT_GROUP, "1,000");
	int_is(-1000, KI_INT_GROUP, "-1,000");
	int_is(12345, KI_INT_GROUP, "12,345");
	int_is(123456, KI_INT_GROUP, "123,456");
	int_is(1234567, KI_INT_GROUP, "1,234,567");
	int_is(-100000, KI_INT_GROUP, "-100,000");
	int_is(LLONG_MAX, KI_INT_GROUP, "9,223,372,036,854,775,807");
	/* The longest text there is fits KI_INT_LEN. */
	int_is(LLONG_MIN, KI_INT_GROUP, "-9,223,372,036,854,775,808");
}
END_TEST

/* A locale with other digits grouping changes nothing. */
START_TEST(any_locale)
{
	if (setlocale(LC_ALL, "de_DE.UTF-8") == NULL)
		setlocale(LC_ALL, "C.UTF-8");
	int_is(1234567, KI_INT_GROUP, "1,234,567");
	int_is(-42, 0, "-42");
	setlocale(LC_ALL, "C");
}
END_TEST

/* Money as people read it, its pounds grouped by the same formatter. */
START_TEST(money)
{
	static const struct {
		int64_t pence;
		const char *want;
	} c[] = {
		{ 0, "\xc2\xa3" "0.00" },
		{ 5, "\xc2\xa3" "0.05" },
		{ -5, "-\xc2\xa3" "0.05" },
		{ 123456, "\xc2\xa3" "1,234.56" },
		{ 18836095, "\xc2\xa3" "188,360.95" },
		{ -100000000, "-\xc2\xa3" "1,000,000.00" },
		{ INT64_MAX, "\xc2\xa3" "92,233,720,368,547,758.07" },
		{ INT64_MIN, "-\xc2\xa3" "92,233,720,368,547,758.08" },
	};
	char buf[40];
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		ck_assert_str_eq(ki_rmoney(buf, c[i].pence), c[i].want);
}
END_TEST

static Suite *
fmtint_suite(void)
{
	Suite *s = suite_create("fmtint");
	TCase *tc = tcase_create("ki_int_format");

	tcase_add_test(tc, plain);
	tcase_add_test(tc, grouped);
	tcase_add_test(tc, any_locale);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_rmoney");
	tcase_add_test(tc, money);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(fmtint_suite());
}

/* Unit tests for lib/val.c and lib/canon.c: value types and canonical columns. */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "ki/num.h"
#include "ki/val.h"

#include "util.h"

/* Normalise raw as t; expect rc and, when rc is 1, want in buf. */
static void
norm_is(enum ki_type t, const char *raw, int rc, const char *want)
{
	char buf[64], msg[160];
	int got;

	strcpy(buf, "untouched");
	msg[0] = '\0';
	got = ki_val_norm(t, raw, buf, sizeof(buf), msg, sizeof(msg));
	ck_assert_msg(got == rc, "%s \"%s\": returned %d, not %d (msg \"%s\")",
	    ki_type_name(t), raw, got, rc, msg);
	if (rc == 1)
		ck_assert_msg(strcmp(buf, want) == 0, "%s \"%s\": \"%s\", not "
		    "\"%s\"", ki_type_name(t), raw, buf, want);
	if (rc == -1)
		ck_assert_msg(strcmp(msg, want) == 0, "%s \"%s\": message "
		    "\"%s\", not \"%s\"", ki_type_name(t), raw, msg, want);
}

/* One ki_val_norm case: raw in, then as norm_is's rc and want. */
struct norm_case {
	const char *raw;
	int rc;
	const char *want;
};

/* norm_is for each case of the array cases, in order, as type t. */
#define NORM_ALL(t, cases) do {						\
	size_t i_;							\
									\
	for (i_ = 0; i_ < sizeof(cases) / sizeof((cases)[0]); i_++)	\
		norm_is((t), (cases)[i_].raw, (cases)[i_].rc,		\
		    (cases)[i_].want);					\
} while (0)

START_TEST(norm_text)
{
	static const struct norm_case c[] = {
		{ "St Mary's, Lyndhurst", 1, "St Mary's, Lyndhurst" },
		{ "  a ", 1, "  a " },
		{ "65%", 1, "65%" },
		{ "9", 1, "9" },
	};

	NORM_ALL(KI_T_TEXT, c);
}
END_TEST

START_TEST(norm_number)
{
	static const struct norm_case c[] = {
		{ "65", 1, "65" },
		{ "65%", 1, "65" },
		{ "-0.35", 1, "-0.35" },
		{ "0.5%", 1, "0.5" },
		{ "100", 1, "100" },
		{ "6O", -1, "\"6O\" is not a number" },
		{ "6O%", -1, "\"6O%\" is not a number" },
		{ "%", -1, "\"%\" is not a number" },
		{ "65%%", -1, "\"65%%\" is not a number" },
		{ " 65", -1, "\" 65\" is not a number" },
		{ "65 ", -1, "\"65 \" is not a number" },
		{ "1,000", -1, "\"1,000\" is not a number" },
		{ "inf", -1, "\"inf\" is not a number" },
		{ "nan", -1, "\"nan\" is not a number" },
		{ "0x10", -1, "\"0x10\" is not a number" },
		{ "SUPP", -1, "\"SUPP\" is not a number" },
	};

	NORM_ALL(KI_T_NUMBER, c);
}
END_TEST

/*
 * Plain decimals: every one ki_val_plain takes, ki_num_parse takes too
 * (ki_val_norm leans on it); what it leaves goes to ki_num_parse.
 */
START_TEST(plain)
{
	static const char *const yes[] = { "0", "65", "-0.35", "+7", "3.",
		".5", "-.5", "0001", "1234567890123456789012345678901234567890",
		"0.00000000000000000000000000001" };
	static const char *const no[] = { "", "-", "+", ".", "-.", "1e5",
		"1E5", "1.2.3", "--1", "1-", " 1", "1 ", "6O", "1,0", "inf",
		"0x10", "%" };
	size_t i;
	double d;
	int point;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		ck_assert_msg(ki_val_plain(yes[i], strlen(yes[i]), &point),
		    "%s", yes[i]);
		ck_assert_int_eq(point, strchr(yes[i], '.') != NULL);
		ck_assert_int_eq(ki_num_parse(yes[i], &d), 0);
	}
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		ck_assert_msg(!ki_val_plain(no[i], strlen(no[i]), &point), "%s",
		    no[i]);
	/* Only n bytes are looked at. */
	ck_assert(ki_val_plain("12x", 2, &point));
}
END_TEST

START_TEST(norm_int)
{
	static const struct norm_case c[] = {
		{ "30", 1, "30" },
		{ "-4", 1, "-4" },
		{ "0", 1, "0" },
		{ "2.5", -1, "\"2.5\" is not a whole number" },
		{ "30.0", -1, "\"30.0\" is not a whole number" },
		{ "1e2", -1, "\"1e2\" is not a whole number" },
		{ "thirty", -1, "\"thirty\" is not a number" },
		{ "3O", -1, "\"3O\" is not a number" },
	};

	NORM_ALL(KI_T_INT, c);
}
END_TEST

START_TEST(norm_date)
{
	static const struct norm_case c[] = {
		{ "19/11/2014", 1, "2014-11-19" },
		{ "1/2/2019", 1, "2019-02-01" },
		{ "01/2/2019", 1, "2019-02-01" },
		{ "19-11-2014", 1, "2014-11-19" },
		{ "2014-11-19", 1, "2014-11-19" },
		{ "2014-11-19 00:00:00", 1, "2014-11-19" },
		{ "19/11/2014 00:00", 1, "2014-11-19" },
		{ "31/12/2100", 1, "2100-12-31" },
		{ "01/01/1900", 1, "1900-01-01" },
	};

	NORM_ALL(KI_T_DATE, c);
}
END_TEST

START_TEST(norm_date_invalid)
{
	static const char *const bad[] = {
		"31/02/2019", "29/02/2019", "30/02/2020", "29/02/1900",
		"31/04/2019", "32/01/2019", "00/01/2019", "01/00/2019",
		"01/13/2019", "19/11/14", "19/11/20140", "2014/11/19",
		"19.11.2014", "19/11-2014", "2014-11-32", "2014-13-01",
		"2014-1-19", "14-11-19", "today", "19/11/", "/11/2014",
		"1/2/2019x", "x19/11/2014", "31/12/1899", "01/01/2101",
		"2014-11-19x", "123/1/2019"
	};
	/* Leap years: 2020 and 2000 have 29 February. */
	static const struct norm_case leap[] = {
		{ "29/02/2020", 1, "2020-02-29" },
		{ "29-02-2000", 1, "2000-02-29" },
		{ "2024-02-29", 1, "2024-02-29" },
		{ "2023-02-29", -1, "\"2023-02-29\" is not a date "
		    "(dd/mm/yyyy or yyyy-mm-dd)" },
	};
	char want[160];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(want, sizeof(want), "\"%s\" is not a date (dd/mm/yyyy "
		    "or yyyy-mm-dd)", bad[i]);
		norm_is(KI_T_DATE, bad[i], -1, want);
	}
	NORM_ALL(KI_T_DATE, leap);
}
END_TEST

/* After a date, only a time of day: "2019-02-28 garbage" is no date. */
START_TEST(norm_date_time)
{
	static const struct norm_case ok[] = {
		{ "2019-02-28 10:30", 1, "2019-02-28" },
		{ "2019-02-28T10:30:59", 1, "2019-02-28" },
		{ "2019-02-28T10:30:59.125Z", 1, "2019-02-28" },
		{ "2019-02-28T23:59:60+01:00", 1, "2019-02-28" },
		{ "2019-02-28 00:00:00-0500", 1, "2019-02-28" },
		{ "28/02/2019 09:00", 1, "2019-02-28" },
	};
	static const char *const bad[] = {
		"2019-02-28 garbage", "2019-02-28 ", "2019-02-28T",
		"2019-02-28 24:00", "2019-02-28 10:60", "2019-02-28 1:30",
		"2019-02-28 10:30:61", "2019-02-28 10:30:00.",
		"2019-02-28 10:30Zx", "2019-02-28 10:30+1", "2019-02-28 10:30 x",
		"28/02/2019 garbage", "2019-02-30 10:30"
	};
	char want[160];
	size_t i;

	NORM_ALL(KI_T_DATE, ok);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(want, sizeof(want), "\"%s\" is not a date (dd/mm/yyyy "
		    "or yyyy-mm-dd)", bad[i]);
		norm_is(KI_T_DATE, bad[i], -1, want);
	}
}
END_TEST

START_TEST(norm_grade)
{
	static const struct norm_case c[] = {
		{ "1", 1, "1" },
		{ "2", 1, "2" },
		{ "3", 1, "3" },
		{ "4", 1, "4" },
		{ "9", 0, NULL },
		{ "5", -1, "\"5\" is not an Ofsted grade (1-4, or 9 for "
		    "none)" },
		{ "0", -1, "\"0\" is not an Ofsted grade (1-4, or 9 for "
		    "none)" },
		{ "12", -1, "\"12\" is not an Ofsted grade (1-4, or 9 for "
		    "none)" },
		{ "Good", -1, "\"Good\" is not an Ofsted grade (1-4, or 9 for "
		    "none)" },
	};

	NORM_ALL(KI_T_GRADE, c);
}
END_TEST

START_TEST(norm_bool)
{
	static const struct norm_case c[] = {
		{ "yes", 1, "yes" }, { "Yes", 1, "yes" }, { "YES", 1, "yes" },
		{ "y", 1, "yes" }, { "Y", 1, "yes" }, { "true", 1, "yes" },
		{ "TRUE", 1, "yes" }, { "True", 1, "yes" }, { "1", 1, "yes" },
		{ "no", 1, "no" }, { "No", 1, "no" }, { "NO", 1, "no" },
		{ "n", 1, "no" }, { "N", 1, "no" }, { "false", 1, "no" },
		{ "FALSE", 1, "no" }, { "False", 1, "no" }, { "0", 1, "no" },
		{ "maybe", -1, "\"maybe\" is not yes or no" },
		{ "2", -1, "\"2\" is not yes or no" },
		{ "yes ", -1, "\"yes \" is not yes or no" },
		{ "t", -1, "\"t\" is not yes or no" },
	};

	NORM_ALL(KI_T_BOOL, c);
}
END_TEST

START_TEST(norm_year)
{
	static const struct norm_case c[] = {
		{ "2019", 1, "2019" },
		{ "1900", 1, "1900" },
		{ "2100", 1, "2100" },
		{ "19", -1, "\"19\" is not a year such as 2019" },
		{ "2101", -1, "\"2101\" is not a year such as 2019" },
		{ "2019/20", -1, "\"2019/20\" is not a year such as 2019" },
		{ "2019.0", -1, "\"2019.0\" is not a year such as 2019" },
	};

	NORM_ALL(KI_T_YEAR, c);
}
END_TEST

START_TEST(type_parse)
{
	static const struct {
		const char *name;
		enum ki_type t;
	} ok[] = {
		{ "text", KI_T_TEXT }, { "number", KI_T_NUMBER },
		{ "int", KI_T_INT }, { "date", KI_T_DATE },
		{ "grade", KI_T_GRADE }, { "bool", KI_T_BOOL },
		{ "year", KI_T_YEAR }
	};
	static const char *const bad[] = { "", "Number", "TEXT", "float",
	    "integer", "boolean", "num", "text " };
	enum ki_type t;
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		t = KI_T_YEAR - ok[i].t;
		ck_assert_int_eq(ki_type_parse(ok[i].name, &t), 0);
		ck_assert_int_eq(t, ok[i].t);
		ck_assert_str_eq(ki_type_name(t), ok[i].name);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		t = KI_T_DATE;
		ck_assert_msg(ki_type_parse(bad[i], &t) == -1, "accepted \"%s\"",
		    bad[i]);
		ck_assert_int_eq(t, KI_T_DATE);
	}
}
END_TEST

START_TEST(canon_type)
{
	static const struct {
		const char *name;
		enum ki_type t;
	} ok[] = {
		{ "urn", KI_T_TEXT }, { "year", KI_T_YEAR },
		{ "name", KI_T_TEXT }, { "ks2_rwm_exp", KI_T_NUMBER },
		{ "ks2_cohort", KI_T_INT }, { "ks4_p8", KI_T_NUMBER },
		{ "ofsted_grade", KI_T_GRADE }, { "ofsted_date", KI_T_DATE },
		{ "ofsted_prev_grade", KI_T_GRADE }, { "at_risk_ri", KI_T_BOOL },
		{ "new_head", KI_T_BOOL }, { "pct_disadvantaged", KI_T_NUMBER }
	};
	size_t i;
	int known;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		known = -1;
		ck_assert_int_eq(ki_canon_type(ok[i].name, &known), ok[i].t);
		ck_assert_int_eq(known, 1);
		ck_assert_int_eq(ki_canon_type(ok[i].name, NULL), ok[i].t);
	}
	known = -1;
	ck_assert_int_eq(ki_canon_type("bogus", &known), KI_T_TEXT);
	ck_assert_int_eq(known, 0);
	known = -1;
	ck_assert_int_eq(ki_canon_type("URN", &known), KI_T_TEXT);
	ck_assert_int_eq(known, 0);
	known = -1;
	ck_assert_int_eq(ki_canon_type("", &known), KI_T_TEXT);
	ck_assert_int_eq(known, 0);
	ck_assert_int_eq(ki_canon_type("ks2_rwm", NULL), KI_T_TEXT);
}
END_TEST

START_TEST(canon_col)
{
	size_t i, j, n;
	int known;

	ck_assert_str_eq(ki_canon_col(0), "urn");
	ck_assert_str_eq(ki_canon_col(1), "year");
	for (n = 0; ki_canon_col(n) != NULL; n++) {
		ck_assert_uint_lt(n, 1000);
		known = 0;
		ki_canon_type(ki_canon_col(n), &known);
		ck_assert_msg(known == 1, "%s is not known", ki_canon_col(n));
	}
	ck_assert_uint_gt(n, 40);
	ck_assert_ptr_null(ki_canon_col(n));
	ck_assert_ptr_null(ki_canon_col(n + 1));
	ck_assert_ptr_null(ki_canon_col(100000));
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			ck_assert_str_ne(ki_canon_col(i), ki_canon_col(j));
}
END_TEST

START_TEST(figure)
{
	double d = -1;

	ck_assert_int_eq(ki_val_figure("250", &d), 1);
	ck_assert(d == 250);
	ck_assert_int_eq(ki_val_figure("12.5", &d), 1);
	ck_assert(d == 12.5);
	/* Blank and the published files' suppression tokens. */
	ck_assert_int_eq(ki_val_figure(NULL, &d), 0);
	ck_assert_int_eq(ki_val_figure("", &d), 0);
	ck_assert_int_eq(ki_val_figure("SUPP", &d), 0);
	ck_assert_int_eq(ki_val_figure("x", &d), 0);
	ck_assert_int_eq(ki_val_figure("..", &d), 0);
	ck_assert_int_eq(ki_val_figure("NE", &d), 0);
	/* Anything else is not a figure. */
	ck_assert_int_eq(ki_val_figure("two hundred", &d), -1);
	ck_assert_int_eq(ki_val_figure("4O", &d), -1);
	ck_assert_int_eq(ki_val_figure("supp", &d), -1);
}
END_TEST

static Suite *
val_suite(void)
{
	Suite *s = suite_create("val");
	TCase *tc;

	tc = tcase_create("ki_val_norm");
	tcase_add_test(tc, norm_text);
	tcase_add_test(tc, norm_number);
	tcase_add_test(tc, plain);
	tcase_add_test(tc, norm_int);
	tcase_add_test(tc, norm_date);
	tcase_add_test(tc, norm_date_invalid);
	tcase_add_test(tc, norm_date_time);
	tcase_add_test(tc, norm_grade);
	tcase_add_test(tc, norm_bool);
	tcase_add_test(tc, norm_year);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_type_parse");
	tcase_add_test(tc, type_parse);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_canon_type");
	tcase_add_test(tc, canon_type);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_canon_col");
	tcase_add_test(tc, canon_col);
	tcase_add_test(tc, figure);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(val_suite());
}

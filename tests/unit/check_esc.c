/* Unit tests for lib/esc.c: text, Markdown, CSV, JSON and HTML that are inert. */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "ki/buf.h"
#include "ki/esc.h"

#include "util.h"

static void
text_is(const char *in, const char *want)
{
	FILE *fp = util_mopen();

	ki_esc_text(fp, in);
	util_mclose_is(fp, in, want);
	ck_assert_uint_eq(ki_esc_text_width(in), strlen(want) -
	    /* Each multibyte character of want counts once. */
	    (size_t)(strstr(want, "\xc3\xa9") != NULL));
}

static void
md_is(const char *in, int bol, const char *want)
{
	FILE *fp = util_mopen();

	ki_esc_md(fp, in, bol);
	util_mclose_is(fp, in, want);
}

START_TEST(text_controls)
{
	text_is("plain caf\xc3\xa9", "plain caf\xc3\xa9");
	text_is("tab\tand\nline", "tab\tand\nline");
	/* OSC window title, CSI clear screen, bell, CR, DEL. */
	text_is("\x1b]0;pwned\x07x", "\\x1b]0;pwned\\x07x");
	text_is("\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H");
	text_is("a\rb\x7f", "a\\x0db\\x7f");
	text_is("\x01\x1f", "\\x01\\x1f");
	/* C1 (U+009B, CSI) and the bidirectional override U+202E. */
	text_is("\xc2\x9b" "31m", "\\u009b31m");
	text_is("x\xe2\x80\xae" "y\xe2\x81\xa6", "x\\u202ey\\u2066");
	/* Bytes that are not UTF-8: a stray continuation, a cut sequence. */
	text_is("\x9b" "a", "\\x9ba");
	text_is("\xe2\x80", "\\xe2\\x80");
	text_is("\xc0\xaf", "\\xc0\\xaf");
	text_is("", "");
}
END_TEST

START_TEST(text_width)
{
	ck_assert_uint_eq(ki_esc_text_width("caf\xc3\xa9"), 4);
	ck_assert_uint_eq(ki_esc_text_width("\x1b"), 4);
	ck_assert_uint_eq(ki_esc_text_width("\xc2\x9b"), 6);
	ck_assert_uint_eq(ki_esc_text_width("\xe2\x80\xae"), 6);
}
END_TEST

START_TEST(md_inert)
{
	md_is("Ash Primary", 0, "Ash Primary");
	md_is("# Heading", 0, "\\# Heading");
	md_is("<img src=x onerror=alert(1)>", 0,
	    "&lt;img src=x onerror=alert(1)&gt;");
	md_is("![i](http://e.x/i.png)", 0, "!\\[i\\](http\\://e.x/i.png)");
	md_is("[l](x)", 0, "\\[l\\](x)");
	md_is("*b* _e_ `c` ~~s~~ a|b \\ $x$", 0,
	    "\\*b\\* \\_e\\_ \\`c\\` \\~\\~s\\~\\~ a\\|b \\\\ \\$x\\$");
	md_is("www.e.x WWW.e.x https://e.x", 0,
	    "www\\.e.x WWW\\.e.x https\\://e.x");
	md_is("Smith &amp; Sons", 0, "Smith &amp;amp; Sons");
	md_is("two\nlines\r", 0, "two lines ");
	md_is("\x1b[2J", 0, "\\x1b\\[2J");
	/* Within a word, _ is no emphasis and stays as it is. */
	md_is("ofsted_grade _x", 0, "ofsted_grade \\_x");
	/* Numbers, dates and times are left alone. */
	md_is("-1.5 2019-02-28 10:30 50.0%", 0, "-1.5 2019-02-28 10:30 50.0%");
}
END_TEST

START_TEST(md_line_start)
{
	md_is("- item", 1, "\\- item");
	md_is("+ item", 1, "\\+ item");
	md_is("---", 1, "\\---");
	md_is("===", 1, "\\===");
	md_is("12. item", 1, "12\\. item");
	md_is("1) item", 1, "1\\) item");
	md_is("    code", 1, "&#32;   code");
	md_is("> quote", 1, "&gt; quote");
	md_is("2 of 4 graded. Done", 1, "2 of 4 graded. Done");
	/* Not at the start of a line, none of this is needed. */
	md_is("- item", 0, "- item");
	md_is("12. item", 0, "12. item");
}
END_TEST

START_TEST(csv_formula)
{
	const char *yes[] = { "=1+1", "=HYPERLINK(\"http://x\")", "+1+cmd",
	    "-2+3", "@SUM(A1)", "\tx", "\rx", "-", "+", "=", "-inf", "-1.5x",
	    "- 1", NULL };
	const char *no[] = { "", "Ash", "-1.5", "+2", "-0", "1e5", "-2.5E-3",
	    "+.5", "-5.", "a=b", " =1", "50.0", NULL };
	size_t i;

	for (i = 0; yes[i] != NULL; i++)
		ck_assert_msg(ki_esc_csv_formula(yes[i]), "\"%s\" passed",
		    yes[i]);
	for (i = 0; no[i] != NULL; i++)
		ck_assert_msg(!ki_esc_csv_formula(no[i]), "\"%s\" marked",
		    no[i]);
}
END_TEST

/* An escaper's case: the text in, its flags (CSV's), what comes out. */
struct ecase {
	const char *in;
	int flags;
	const char *want;
};

enum { CSV, JSON, HTML };

/*
 * Each case through escaper which: CSV and JSON into a buffer and into a
 * stream (the two must agree), HTML into a stream.
 */
static void
cases_are(int which, const struct ecase *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *what = c[i].in ? c[i].in : "(null)";
		struct ki_buf b = { 0 };
		FILE *fp = util_mopen();

		if (which == CSV) {
			ki_esc_csv(&b, c[i].in, c[i].flags);
			ki_esc_csv_file(fp, c[i].in, c[i].flags);
		} else if (which == JSON) {
			ki_esc_json(&b, c[i].in);
			ki_esc_json_file(fp, c[i].in);
		} else
			ki_esc_html(fp, c[i].in);
		util_mclose_is(fp, what, c[i].want);
		ck_assert_msg(!b.oom, "%s: out of memory", what);
		if (which != HTML)
			ck_assert_msg(strcmp(ki_buf_str(&b), c[i].want) == 0,
			    "%s: \"%s\" in the buffer, not \"%s\"", what,
			    ki_buf_str(&b), c[i].want);
		ki_buf_free(&b);
	}
}

START_TEST(csv_fields)
{
	static const struct ecase c[] = {
		{ NULL, 0, "" },
		{ "", 0, "" },
		{ "", KI_ESC_FORMULA, "" },
		{ "Ash Primary", 0, "Ash Primary" },
		{ "St Mary's, Alton", 0, "\"St Mary's, Alton\"" },
		{ "say \"hi\"", 0, "\"say \"\"hi\"\"\"" },
		{ "\"", 0, "\"\"\"\"" },
		{ "a\r\nb", 0, "\"a\r\nb\"" },
		{ "caf\xc3\xa9;\t", 0, "caf\xc3\xa9;\t" },
		/* Formulas: left alone unless asked; a leading ' when asked. */
		{ "=1+1", 0, "=1+1" },
		{ "=1+1", KI_ESC_FORMULA, "'=1+1" },
		{ "=A1,B1", KI_ESC_FORMULA, "\"'=A1,B1\"" },
		{ "-1.5", KI_ESC_FORMULA, "-1.5" },
	};

	cases_are(CSV, c, sizeof(c) / sizeof(c[0]));
}
END_TEST

START_TEST(json_strings)
{
	static const struct ecase c[] = {
		{ NULL, 0, "\"\"" },
		{ "", 0, "\"\"" },
		{ "Ash", 0, "\"Ash\"" },
		{ "a\"b\\c", 0, "\"a\\\"b\\\\c\"" },
		{ "l1\nl2\r\tx", 0, "\"l1\\nl2\\r\\tx\"" },
		{ "\x01\x1f\x7f", 0, "\"\\u0001\\u001f\x7f\"" },
		{ "\x1b[2J", 0, "\"\\u001b[2J\"" },
		{ "caf\xc3\xa9 \xc2\xa3/", 0, "\"caf\xc3\xa9 \xc2\xa3/\"" },
	};

	cases_are(JSON, c, sizeof(c) / sizeof(c[0]));
}
END_TEST

START_TEST(html_text)
{
	static const struct ecase c[] = {
		{ NULL, 0, "" },
		{ "", 0, "" },
		{ "Ash", 0, "Ash" },
		{ "<script>alert('x')</script>", 0,
		    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" },
		{ "a & b \"c\"", 0, "a &amp; b &quot;c&quot;" },
		{ "&amp;", 0, "&amp;amp;" },
		{ ">", 0, "&gt;" },
		{ "St Thomas \xc3\xa0 Becket", 0, "St Thomas \xc3\xa0 Becket" },
	};

	cases_are(HTML, c, sizeof(c) / sizeof(c[0]));
}
END_TEST

static Suite *
esc_suite(void)
{
	Suite *s = suite_create("esc");
	TCase *tc;

	tc = tcase_create("ki_esc_text");
	tcase_add_test(tc, text_controls);
	tcase_add_test(tc, text_width);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_esc_md");
	tcase_add_test(tc, md_inert);
	tcase_add_test(tc, md_line_start);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_esc_csv_formula");
	tcase_add_test(tc, csv_formula);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_esc_csv");
	tcase_add_test(tc, csv_fields);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_esc_json");
	tcase_add_test(tc, json_strings);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_esc_html");
	tcase_add_test(tc, html_text);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(esc_suite());
}

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

/* ki_esc_csv into a buffer and ki_esc_csv_file into a stream give want. */
static void
csv_is(const char *in, int flags, const char *want)
{
	struct ki_buf b = { 0 };
	FILE *fp = util_mopen();

	ki_esc_csv(&b, in, flags);
	ck_assert_msg(!b.oom, "out of memory");
	ck_assert_str_eq(ki_buf_str(&b), want);
	ki_buf_free(&b);
	ki_esc_csv_file(fp, in, flags);
	util_mclose_is(fp, in ? in : "(null)", want);
}

START_TEST(csv_fields)
{
	csv_is(NULL, 0, "");
	csv_is("", 0, "");
	csv_is("", KI_ESC_FORMULA, "");
	csv_is("Ash Primary", 0, "Ash Primary");
	csv_is("St Mary's, Alton", 0, "\"St Mary's, Alton\"");
	csv_is("say \"hi\"", 0, "\"say \"\"hi\"\"\"");
	csv_is("\"", 0, "\"\"\"\"");
	csv_is("a\r\nb", 0, "\"a\r\nb\"");
	csv_is("caf\xc3\xa9;\t", 0, "caf\xc3\xa9;\t");
	/* Formulas: left alone unless asked; a leading ' when asked. */
	csv_is("=1+1", 0, "=1+1");
	csv_is("=1+1", KI_ESC_FORMULA, "'=1+1");
	csv_is("=A1,B1", KI_ESC_FORMULA, "\"'=A1,B1\"");
	csv_is("-1.5", KI_ESC_FORMULA, "-1.5");
}
END_TEST

static void
json_is(const char *in, const char *want)
{
	struct ki_buf b = { 0 };
	FILE *fp = util_mopen();

	ki_esc_json(&b, in);
	ck_assert_msg(!b.oom, "out of memory");
	ck_assert_str_eq(ki_buf_str(&b), want);
	ki_buf_free(&b);
	ki_esc_json_file(fp, in);
	util_mclose_is(fp, in ? in : "(null)", want);
}

START_TEST(json_strings)
{
	json_is(NULL, "\"\"");
	json_is("", "\"\"");
	json_is("Ash", "\"Ash\"");
	json_is("a\"b\\c", "\"a\\\"b\\\\c\"");
	json_is("l1\nl2\r\tx", "\"l1\\nl2\\r\\tx\"");
	json_is("\x01\x1f\x7f", "\"\\u0001\\u001f\x7f\"");
	json_is("\x1b[2J", "\"\\u001b[2J\"");
	json_is("caf\xc3\xa9 \xc2\xa3/", "\"caf\xc3\xa9 \xc2\xa3/\"");
}
END_TEST

static void
html_is(const char *in, const char *want)
{
	FILE *fp = util_mopen();

	ki_esc_html(fp, in);
	util_mclose_is(fp, in ? in : "(null)", want);
}

START_TEST(html_text)
{
	html_is(NULL, "");
	html_is("", "");
	html_is("Ash", "Ash");
	html_is("<script>alert('x')</script>",
	    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
	html_is("a & b \"c\"", "a &amp; b &quot;c&quot;");
	html_is("&amp;", "&amp;amp;");
	html_is(">", "&gt;");
	html_is("St Thomas \xc3\xa0 Becket", "St Thomas \xc3\xa0 Becket");
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

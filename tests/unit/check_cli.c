/* Unit tests for lib/cli.c (the options and exit every binary shares). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "ki/cli.h"
#include "ki/exit.h"
#include "ki/share.h"

#include "util.h"

static const struct ki_cli_usage use = {
	"usage: ki-x [FILE]\n",
	"\nDo x.\n"
};

/* A cli started as ki-x, with argv "ki-x" and the words given. */
static void
start(struct ki_cli *cli, const char *list, int *argc, char **argv)
{
	*argc = 1;
	argv[0] = (char *)"./ki-x";
	argv[1] = NULL;
	ck_assert_int_eq(ki_cli_init(cli, "ki-x", list, &use, argc, argv),
	    KI_CLI_NEXT);
	ck_assert_str_eq(argv[0], "ki-x");
	ck_assert_ptr_nonnull(cli->params);
}

/* Send stream (stdout or stderr) to util_dir/name; returns the path. */
static const char *
capture(FILE *stream, const char *name)
{
	static char p[2][96];
	int k = stream == stdout;

	util_path(p[k], sizeof(p[k]), name);
	ck_assert_ptr_nonnull(freopen(p[k], "w", stream));
	return p[k];
}

START_TEST(cli_shared_options)
{
	struct ki_cli cli;
	char *argv[2];
	int argc;

	start(&cli, NULL, &argc, argv);
	ck_assert_int_eq(cli.fmt, KI_FMT_AUTO);
	ck_assert_int_eq(ki_cli_opt(&cli, KI_CLI_OPT_JSON, NULL), KI_CLI_NEXT);
	ck_assert_int_eq(cli.fmt, KI_FMT_JSON);
	ck_assert_int_eq(ki_cli_opt(&cli, KI_CLI_OPT_CSV, NULL), KI_CLI_NEXT);
	ck_assert_int_eq(cli.fmt, KI_FMT_CSV);
	ck_assert_int_eq(ki_cli_opt(&cli, 'o', "out.csv"), KI_CLI_NEXT);
	ck_assert_str_eq(cli.outfile, "out.csv");
	ck_assert_int_eq(ki_cli_opt(&cli, 'P', "x=92.5"), KI_CLI_NEXT);
	ck_assert(json_real_value(json_object_get(cli.params, "x")) == 92.5);
	ki_cli_free(&cli);
	ck_assert_ptr_null(cli.params);
}
END_TEST

START_TEST(cli_quiet_taken)
{
	struct ki_cli cli;
	char *argv[5] = { "ki-x", "--quiet", "a.csv", "--", NULL };
	int argc = 4;

	ck_assert_int_eq(ki_cli_init(&cli, "ki-x", NULL, &use, &argc, argv),
	    KI_CLI_NEXT);
	ck_assert_int_eq(argc, 3);
	ck_assert_str_eq(argv[1], "a.csv");
	ck_assert_str_eq(argv[2], "--");
	ck_assert_ptr_null(argv[3]);
	ki_cli_free(&cli);
}
END_TEST

START_TEST(cli_help_and_version)
{
	struct ki_cli cli;
	const char *out;
	char *argv[2];
	int argc;

	util_setup();
	out = capture(stdout, "out");
	start(&cli, NULL, &argc, argv);
	ck_assert_int_eq(ki_cli_opt(&cli, 'h', NULL), KI_EXIT_OK);
	ck_assert_ptr_null(cli.params);
	start(&cli, NULL, &argc, argv);
	ck_assert_int_eq(ki_cli_opt(&cli, 'V', NULL), KI_EXIT_OK);
	fflush(stdout);
	ck_assert_str_eq(util_content(out), "usage: ki-x [FILE]\n\nDo x.\n"
	    "ki-x " KI_VERSION "\n");
}
END_TEST

START_TEST(cli_misuse)
{
	struct ki_cli cli;
	const char *err;
	char *argv[2];
	int argc;

	util_setup();
	err = capture(stderr, "err");
	start(&cli, NULL, &argc, argv);
	/* --list where the binary has no shipped kind to list: a misuse. */
	ck_assert_int_eq(ki_cli_opt(&cli, KI_CLI_OPT_LIST, NULL),
	    KI_EXIT_USAGE);
	start(&cli, NULL, &argc, argv);
	ck_assert_int_eq(ki_cli_misuse(&cli, "one %s at a time", "input"),
	    KI_EXIT_USAGE);
	start(&cli, NULL, &argc, argv);
	ck_assert_int_eq(ki_cli_opt(&cli, 'P', "x"), KI_EXIT_USAGE);
	ck_assert_ptr_null(cli.params);
	fflush(stderr);
	ck_assert_str_eq(util_content(err),
	    "usage: ki-x [FILE]\nTry 'ki-x --help'.\n"
	    "ki-x: one input at a time\n"
	    "usage: ki-x [FILE]\nTry 'ki-x --help'.\n"
	    "ki-x: --param: \"x\" is not NAME=VALUE\n"
	    "usage: ki-x [FILE]\nTry 'ki-x --help'.\n");
}
END_TEST

START_TEST(cli_fail_and_find)
{
	struct ki_cli cli;
	struct ki_err e;
	const char *err;
	char *argv[2];
	int argc, st = -7;

	util_setup();
	err = capture(stderr, "err");
	start(&cli, NULL, &argc, argv);
	ki_err_set(&e, "a.csv", 3, "year", "blank");
	ck_assert_int_eq(ki_cli_fail(&cli, &e, KI_EXIT_USAGE), KI_EXIT_USAGE);
	start(&cli, NULL, &argc, argv);
	ki_err_set(&e, NULL, 0, NULL, "out of memory");
	ck_assert_int_eq(ki_cli_fail(&cli, &e, KI_EXIT_USAGE), KI_EXIT_DATA);
	/* A file given that is not there is bad data, not a misuse. */
	start(&cli, NULL, &argc, argv);
	ck_assert_ptr_null(ki_cli_find(&cli, "standards", "/nonexistent/x.json",
	    &st));
	ck_assert_int_eq(st, KI_EXIT_DATA);
	ck_assert_ptr_null(cli.params);
	fflush(stderr);
	ck_assert(strncmp(util_content(err), "ki-x: a.csv:3: year: blank\n"
	    "ki-x: out of memory\nki-x: ", 40) == 0);
}
END_TEST

START_TEST(cli_output)
{
	struct ki_cli cli;
	char *argv[2], p[96];
	int argc;

	util_setup();
	start(&cli, NULL, &argc, argv);
	ck_assert_int_eq(ki_cli_opt(&cli, 'o', util_path(p, sizeof(p), "o")),
	    KI_CLI_NEXT);
	ck_assert_int_eq(ki_cli_open(&cli), KI_CLI_NEXT);
	fputs("whole\n", cli.out.fp);
	ck_assert_int_eq(ki_cli_done(&cli, 0), KI_EXIT_OK);
	ck_assert_str_eq(util_content(p), "whole\n");
	/* A stage that failed leaves the file as it was. */
	start(&cli, NULL, &argc, argv);
	ck_assert_int_eq(ki_cli_opt(&cli, 'o', p), KI_CLI_NEXT);
	ck_assert_int_eq(ki_cli_open(&cli), KI_CLI_NEXT);
	fputs("partial\n", cli.out.fp);
	ki_err_set(&cli.err, "in.csv", 2, NULL, "bad");
	capture(stderr, "err");
	ck_assert_int_eq(ki_cli_done(&cli, -1), KI_EXIT_DATA);
	ck_assert_str_eq(util_content(p), "whole\n");
	ck_assert_ptr_null(cli.params);
}
END_TEST

/* SOURCE_DATE_EPOCH: unset, digits up to 9999's end, anything else bad. */
START_TEST(cli_epoch)
{
	static const char *const bad[] = { "x", "12x", " 12", "+12", "-1",
	    "-0", "1.5", "253402300800", "99999999999999999999", "0x10" };
	long long t = -7;
	size_t i;

	ck_assert_int_eq(ki_cli_epoch(NULL, &t), 0);
	ck_assert_int_eq(ki_cli_epoch("", &t), 0);
	ck_assert_int_eq(t, -7);
	ck_assert_int_eq(ki_cli_epoch("0", &t), 1);
	ck_assert_int_eq(t, 0);
	ck_assert_int_eq(ki_cli_epoch("1767225600", &t), 1);
	ck_assert_int_eq(t, 1767225600LL);
	ck_assert_int_eq(ki_cli_epoch("253402300799", &t), 1);
	ck_assert_int_eq(t, 253402300799LL);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(ki_cli_epoch(bad[i], &t) == -1, "\"%s\" taken",
		    bad[i]);
}
END_TEST

static Suite *
cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("ki_cli");

	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_test(tc, cli_shared_options);
	tcase_add_test(tc, cli_quiet_taken);
	tcase_add_test(tc, cli_help_and_version);
	tcase_add_test(tc, cli_misuse);
	tcase_add_test(tc, cli_fail_and_find);
	tcase_add_test(tc, cli_output);
	tcase_add_test(tc, cli_epoch);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(cli_suite());
}

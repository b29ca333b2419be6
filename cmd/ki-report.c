/* ki-report: the weekly Ofsted summary, tallies, budgets and indicators. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ki/cli.h"
#include "ki/date.h"
#include "ki/err.h"
#include "ki/exit.h"
#include "ki/num.h"
#include "ki/out.h"
#include "ki/report_run.h"
#include "ki/share.h"

#define PROG "ki-report"

enum { OPT_CSV = 256, OPT_JSON, OPT_FROM, OPT_TO, OPT_WEEK, OPT_BASE,
	OPT_BASEYEAR, OPT_RAWCSV, OPT_LA, OPT_DISTRICT, OPT_PHASE, OPT_EXCEL,
	OPT_PLAN, OPT_DEPLOY };

static const struct option longopts[] = {
	{ "by", required_argument, NULL, 'b' },
	{ "format", required_argument, NULL, 'f' },
	{ "year", required_argument, NULL, 'y' },
	{ "baseline", required_argument, NULL, OPT_BASE },
	{ "baseline-year", required_argument, NULL, OPT_BASEYEAR },
	{ "week-ending", required_argument, NULL, OPT_WEEK },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "to", required_argument, NULL, OPT_TO },
	{ "output", required_argument, NULL, 'o' },
	{ "csv", no_argument, NULL, OPT_CSV },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "raw-csv", no_argument, NULL, OPT_RAWCSV },
	{ "excel", no_argument, NULL, OPT_EXCEL },
	{ "la", required_argument, NULL, OPT_LA },
	{ "district", required_argument, NULL, OPT_DISTRICT },
	{ "phase", required_argument, NULL, OPT_PHASE },
	{ "plan", required_argument, NULL, OPT_PLAN },
	{ "deployments", required_argument, NULL, OPT_DEPLOY },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* The synopsis, word for word the man page's. */
static const char synopsis[] =
    "usage: ki-report summary [--by COLUMN] [--year YEAR] "
    "[--baseline FILE] [OPTIONS] [FILE]\n"
    "       ki-report ofsted (--week-ending DATE | --from DATE --to "
    "DATE) [--by COLUMN]\n"
    "                 [OPTIONS] [FILE]\n"
    "       ki-report budget [--by COLUMN] [--deployments FILE] [OPTIONS] "
    "[FILE]\n"
    "       ki-report indicators [--year YEAR] [--baseline-year YEAR] "
    "[OPTIONS] [FILE]\n"
    "       ki-report pack (--district NAME | --la CODE) [--from DATE "
    "--to DATE]\n"
    "                 [--plan FILE] [--deployments FILE] [OPTIONS] "
    "[FILE]\n"
    "OPTIONS: [--la CODE] [--district NAME] [--phase PHASE]\n"
    "         [--format text|md|csv|json|html] [--excel] "
    "[--csv | --json] [-o FILE]\n";

static const char help[] =
    "\nWrite a report from any ki step's output. Text, md and html "
    "are for people:\ngrades and categories in words, money as "
    "\xc2\xa3" "1,234.56, text within 80 columns,\nand a footer with the "
    "day made (SOURCE_DATE_EPOCH's if set), ki's version,\nthe inputs "
    "and the data's as-at date; csv and json keep the codes (words "
    "beside\nthem) and exact decimals, and json has the footer's facts "
    "in \"meta\".\n\n"
    "Reports:\n"
    "  summary     schools per category, % good or outstanding, below "
    "the floor and\n"
    "              coasting, by district (or --by), and the change "
    "since --baseline\n"
    "  ofsted      the inspections published in the week (or "
    "--from/--to): grade\n"
    "              changes, report cards area by area in words, "
    "categories of\n"
    "              concern, schools stuck by the DfE's RISE rule, "
    "letters owed\n"
    "  budget      visits, days and cost by district (or --by), with "
    "totals\n"
    "  indicators  the Kent Challenge success indicators\n"
    "  pack        one page for a district or LA: the summary, budget, "
    "this term's\n"
    "              Ofsted changes and the plan's meetings, with a "
    "contents list\n\n"
    "Options (one that the report named does not read is an error):\n"
    "  -b, --by COLUMN         group by district, phase, category, "
    "adviser, funding\n"
    "      --la CODE           only the rows of the LA with this "
    "three-digit code\n"
    "                          (la, or the first digits of laestab)\n"
    "      --district NAME     only the rows of this district\n"
    "      --phase PHASE       only the rows of this phase; a value no "
    "row has is an\n"
    "                          error naming those present\n"
    "  -f, --format FORMAT     text (default), md, csv, json or html; "
    "data shows as\n"
    "                          text only (control characters made "
    "visible, Markdown\n"
    "                          escaped, CSV cells that a spreadsheet "
    "would run as\n"
    "                          formulas given a leading ')\n"
    "      --raw-csv           csv: every cell as it is, formulas "
    "too\n"
    "      --excel             csv: for Excel, a UTF-8 byte order mark "
    "and CRLF\n"
    "  -y, --year YEAR         summary, indicators: the year reported "
    "(default: the\n"
    "                          latest); a year no row has is an error\n"
    "      --baseline FILE     summary: an earlier file to compare "
    "with\n"
    "      --baseline-year YEAR  indicators: the year to measure the "
    "reduction from\n"
    "                          (default: the earliest)\n"
    "      --week-ending DATE  ofsted: the seven days ending DATE "
    "(yyyy-mm-dd)\n"
    "      --from DATE, --to DATE  ofsted: the days from and to, both "
    "included; pack:\n"
    "                          the Ofsted window (default: the term of "
    "the latest\n"
    "                          inspection, Sep-Dec, Jan-Mar or "
    "Apr-Aug)\n"
    "      --plan FILE         pack: ki-plan's output, for the meetings "
    "and deadlines\n"
    "      --deployments FILE  budget, pack: ki-broker's output, "
    "tallied beside the\n"
    "                          visits by district (or --by) and "
    "role\n"
    "      --csv, --json       read CSV or NDJSON (default: detect)\n"
    "  -o, --output FILE       write to FILE, whole or not at all\n"
    "      --quiet             no progress line on a terminal\n"
    "  -h, --help              show this help\n"
    "  -V, --version           show the version\n";

static void
usage(FILE *fp, int status)
{
	fputs(synopsis, fp);
	if (status != KI_EXIT_OK) {
		fputs("Try 'ki-report --help'.\n", fp);
		exit(status);
	}
	fputs(help, fp);
	exit(KI_EXIT_OK);
}

/* A usage error: the message, the synopsis, exit 2. */
static _Noreturn void bad(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static _Noreturn void
bad(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", PROG);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	putc('\n', stderr);
	usage(stderr, KI_EXIT_USAGE);
	exit(KI_EXIT_USAGE);
}

static long
date_opt(const char *s)
{
	long day;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    ki_date_parse(s, &day) == -1)
		bad("\"%s\" is not a date such as 2014-11-21", s);
	return day;
}

/*
 * The day the report is made: SOURCE_DATE_EPOCH's when it is set (so that
 * a report made twice from the same data is the same), else today's, UTC.
 */
static long
made_day(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long t;

	if (e == NULL || *e == '\0')
		return (long)(time(NULL) / 86400);
	t = strtoll(e, &end, 10);
	if (*end != '\0' || t < 0 || t > 253402300799LL || !(*e >= '0' &&
	    *e <= '9'))
		bad("SOURCE_DATE_EPOCH: \"%s\" is not a number of seconds "
		    "since 1970-01-01", e);
	return (long)(t / 86400);
}

/* One option of ki-report's own into o. Returns 0, or 1 for -V. */
static int
option(int ch, struct ki_report_opts *o, const char **outfile)
{
	char list[64];
	int y;

	switch (ch) {
	case 'b':
		o->by = optarg;
		break;
	case 'f':
		if (ki_rfmt_parse(optarg, &o->format) == -1) {
			ki_rfmt_list(list, sizeof(list));
			bad("--format: \"%s\" is not %s", optarg, list);
		}
		break;
	case 'y':
	case OPT_BASEYEAR:
		if (ki_num_year(optarg, &y) == -1)
			bad("\"%s\" is not a year such as 2019", optarg);
		*(ch == 'y' ? &o->year : &o->base_year) = y;
		break;
	case OPT_BASE:
		o->baseline = optarg;
		break;
	case OPT_PLAN:
		o->plan = optarg;
		break;
	case OPT_DEPLOY:
		o->deployments = optarg;
		break;
	case OPT_WEEK:
		o->week = optarg;
		break;
	case OPT_FROM:
		o->from = date_opt(optarg);
		o->has_from = 1;
		break;
	case OPT_TO:
		o->to = date_opt(optarg);
		o->has_to = 1;
		break;
	case 'o':
		*outfile = optarg;
		break;
	case OPT_CSV:
	case OPT_JSON:
		o->in = ch == OPT_CSV ? KI_FMT_CSV : KI_FMT_JSON;
		break;
	case OPT_RAWCSV:
		o->raw_csv = 1;
		break;
	case OPT_EXCEL:
		o->excel = 1;
		break;
	case OPT_LA:
		if (strlen(optarg) != 3 || strspn(optarg, "0123456789") != 3)
			bad("--la: \"%s\" is not an LA code of three digits such "
			    "as 886", optarg);
		o->la = optarg;
		break;
	case OPT_DISTRICT:
	case OPT_PHASE:
		if (*optarg == '\0')
			bad("%s needs a value", ch == OPT_DISTRICT ? "--district" :
			    "--phase");
		*(ch == OPT_DISTRICT ? &o->district : &o->phase) = optarg;
		break;
	case 'h':
		usage(stdout, KI_EXIT_OK);
		break;
	case 'V':
		printf("%s %s\n", PROG, KI_VERSION);
		return 1;
	default:
		usage(stderr, KI_EXIT_USAGE);
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	struct ki_report_opts o;
	struct ki_out out;
	struct ki_err err;
	const char *outfile = NULL;
	char msg[400];
	int ch;

	memset(&o, 0, sizeof(o));
	o.format = KI_RF_TEXT;
	argv[0] = (char *)PROG;	/* getopt's messages name the program so */
	ki_cli_quiet(PROG, &argc, argv);
	while ((ch = getopt_long(argc, argv, "b:f:y:o:hV", longopts, NULL)) !=
	    -1)
		if (option(ch, &o, &outfile) == 1)
			return KI_EXIT_OK;
	argc -= optind;
	argv += optind;
	ki_report_kind_list(msg, sizeof(msg));
	if (argc == 0)
		bad("no report named (%s)", msg);
	o.kind = argv[0];
	if (!ki_report_kind_known(o.kind))
		bad("\"%s\" is not a report (%s)", o.kind, msg);
	if (argc > 2)
		bad("%s", "one input at a time");
	o.input = argc > 1 ? argv[1] : NULL;
	if (ki_report_check(&o, msg, sizeof(msg)) == -1)
		bad("%s", msg);
	o.made = made_day();
	ki_err_clear(&err);
	if (ki_out_open(&out, outfile, &err) == -1) {
		ki_diag(PROG, &err);
		return KI_EXIT_DATA;
	}
	return ki_cli_finish(PROG, &out, ki_report_run(&o, out.fp, &err),
	    &err);
}

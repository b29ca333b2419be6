/* ki-report: the weekly Ofsted summary, tallies, budgets and indicators. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ki/cli.h"
#include "ki/date.h"
#include "ki/num.h"
#include "ki/report_run.h"

#define PROG "ki-report"

enum { OPT_FROM = KI_CLI_OPT_OWN, OPT_TO, OPT_WEEK, OPT_BASE, OPT_BASEYEAR,
	OPT_RAWCSV, OPT_LA, OPT_DISTRICT, OPT_PHASE, OPT_EXCEL, OPT_PLAN,
	OPT_DEPLOY };

/* By hand, in this order (getopt's "ambiguous" lists them so): no --list. */
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
	{ "csv", no_argument, NULL, KI_CLI_OPT_CSV },
	{ "json", no_argument, NULL, KI_CLI_OPT_JSON },
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

/* The synopsis (word for word the man page's), then the rest of --help. */
static const struct ki_cli_usage use = {
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
	"[--csv | --json] [-o FILE]\n",
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
	"  -V, --version           show the version\n"
};

/* The day number of s, a date such as 2014-11-21, or -1. */
static long
date_opt(const char *s)
{
	long day;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    ki_date_parse(s, &day) == -1)
		return -1;
	return day;
}

/* One option of ki-report's into o: KI_CLI_NEXT or the exit status. */
static int
option(struct ki_cli *cli, struct ki_report_opts *o, int ch, const char *arg)
{
	char list[64];
	long day;
	int y;

	switch (ch) {
	case 'b':
		o->by = arg;
		break;
	case 'f':
		if (ki_rfmt_parse(arg, &o->format) == -1) {
			ki_rfmt_list(list, sizeof(list));
			return ki_cli_misuse(cli, "--format: \"%s\" is not %s",
			    arg, list);
		}
		break;
	case 'y':
	case OPT_BASEYEAR:
		if (ki_num_year(arg, &y) == -1)
			return ki_cli_misuse(cli, "\"%s\" is not a year such as "
			    "2019", arg);
		*(ch == 'y' ? &o->year : &o->base_year) = y;
		break;
	case OPT_BASE:
		o->baseline = arg;
		break;
	case OPT_PLAN:
		o->plan = arg;
		break;
	case OPT_DEPLOY:
		o->deployments = arg;
		break;
	case OPT_WEEK:
		o->week = arg;
		break;
	case OPT_FROM:
	case OPT_TO:
		if ((day = date_opt(arg)) == -1)
			return ki_cli_misuse(cli, "\"%s\" is not a date such as "
			    "2014-11-21", arg);
		*(ch == OPT_FROM ? &o->from : &o->to) = day;
		*(ch == OPT_FROM ? &o->has_from : &o->has_to) = 1;
		break;
	case OPT_RAWCSV:
		o->raw_csv = 1;
		break;
	case OPT_EXCEL:
		o->excel = 1;
		break;
	case OPT_LA:
		if (strlen(arg) != 3 || strspn(arg, "0123456789") != 3)
			return ki_cli_misuse(cli, "--la: \"%s\" is not an LA code "
			    "of three digits such as 886", arg);
		o->la = arg;
		break;
	case OPT_DISTRICT:
	case OPT_PHASE:
		if (*arg == '\0')
			return ki_cli_misuse(cli, "%s needs a value", ch ==
			    OPT_DISTRICT ? "--district" : "--phase");
		*(ch == OPT_DISTRICT ? &o->district : &o->phase) = arg;
		break;
	default:	/* -o, --csv, --json, -h, -V, and unknown ones */
		return ki_cli_opt(cli, ch, arg);
	}
	return KI_CLI_NEXT;
}

int
main(int argc, char *argv[])
{
	struct ki_report_opts o;
	struct ki_cli cli;
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char msg[400];
	long long secs;
	int ch, rc;

	memset(&o, 0, sizeof(o));
	o.format = KI_RF_TEXT;
	if ((rc = ki_cli_init(&cli, PROG, NULL, &use, &argc, argv)) !=
	    KI_CLI_NEXT)
		return rc;
	while ((ch = getopt_long(argc, argv, "b:f:y:" KI_CLI_SHORTOPTS,
	    longopts, NULL)) != -1)
		if ((rc = option(&cli, &o, ch, optarg)) != KI_CLI_NEXT)
			return rc;
	argc -= optind;
	argv += optind;
	o.in = cli.fmt;
	ki_report_kind_list(msg, sizeof(msg));
	if (argc == 0)
		return ki_cli_misuse(&cli, "no report named (%s)", msg);
	o.kind = argv[0];
	if (!ki_report_kind_known(o.kind))
		return ki_cli_misuse(&cli, "\"%s\" is not a report (%s)", o.kind,
		    msg);
	if (argc > 2)
		return ki_cli_misuse(&cli, "%s", "one input at a time");
	o.input = argc > 1 ? argv[1] : NULL;
	if (ki_report_check(&o, msg, sizeof(msg)) == -1)
		return ki_cli_misuse(&cli, "%s", msg);
	/* The day made: SOURCE_DATE_EPOCH's (a report made twice is the same). */
	if ((rc = ki_cli_epoch(epoch, &secs)) == -1)
		return ki_cli_misuse(&cli, "SOURCE_DATE_EPOCH: \"%s\" is not a "
		    "number of seconds since 1970-01-01", epoch);
	o.made = (long)((rc == 1 ? secs : (long long)time(NULL)) / 86400);
	if ((rc = ki_cli_open(&cli)) != KI_CLI_NEXT)
		return rc;
	return ki_cli_done(&cli, ki_report_run(&o, cli.out.fp, &cli.err));
}

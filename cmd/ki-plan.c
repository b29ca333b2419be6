/* ki-plan: the year's dated plan of meetings, visits and deadlines. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/cli.h"
#include "ki/date.h"
#include "ki/err.h"
#include "ki/exit.h"
#include "ki/plan.h"

#define PROG "ki-plan"

enum { OPT_FROM = KI_CLI_OPT_OWN, OPT_TO, OPT_FORMAT, OPT_SPLIT, OPT_DTSTAMP,
	OPT_PLAN };

static const struct ki_cli_usage use = {
	"usage: ki-plan --calendar NAME|FILE [--advisers FILE] "
	    "[--from DATE] [--to DATE]\n"
	    "               [--format csv|json|ics] [--dtstamp DATE] "
	    "[--plan FILE]\n"
	    "               [--csv | --json] [--split-by adviser] [-o FILE|DIR] "
	    "[FILE]\n"
	    "       ki-plan --list\n",
	"\nDate the year's work for every school of ki-allocate's (or "
	    "ki-broker's)\noutput: one row per event, with urn, name, district, "
	    "date, event,\nadviser, chair and note. Events (share/plans/*.json): "
	    "action-plan,\nprogress-review, spa-board, progress-and-impact, "
	    "visit, ofsted-letter,\nstatement-of-action. Meetings fall on school "
	    "days of the calendar;\na deadline that does not says so in note.\n\n"
	    "Options:\n"
	    "  -c, --calendar NAME|FILE  term dates, INSET days and bank "
	    "holidays (see --list)\n"
	    "  -a, --advisers FILE       lead advisers (id, name, districts, "
	    "phases, capacity):\n"
	    "                            progress reviews are chaired by one "
	    "of another district\n"
	    "      --from DATE           first day of the plan (default: the "
	    "calendar's first)\n"
	    "      --to DATE             last day of the plan (default: the "
	    "calendar's last)\n"
	    "      --format FMT          csv, json (NDJSON) or ics (RFC 5545 "
	    "iCalendar);\n"
	    "                            default: the input's format\n"
	    "      --dtstamp DATE        DTSTAMP of the iCalendar events "
	    "(default:\n"
	    "                            $SOURCE_DATE_EPOCH, else --from)\n"
	    "      --plan FILE           one plan file instead of the shipped "
	    "ones\n"
	    "      --csv, --json         read CSV or NDJSON (default: detect)\n"
	    "      --split-by adviser    one file per adviser (and chair) in "
	    "the directory -o\n"
	    "  -o, --output FILE|DIR     write to FILE, whole or not at all\n"
	    "      --list                list the shipped calendars\n"
	    "      --quiet               no progress line on a terminal\n"
	    "  -h, --help                show this help\n"
	    "  -V, --version             show the version\n"
};

static const struct option longopts[] = {
	{ "calendar", required_argument, NULL, 'c' },
	{ "advisers", required_argument, NULL, 'a' },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "to", required_argument, NULL, OPT_TO },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "split-by", required_argument, NULL, OPT_SPLIT },
	{ "dtstamp", required_argument, NULL, OPT_DTSTAMP },
	{ "plan", required_argument, NULL, OPT_PLAN },
	KI_CLI_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

/* The day number of s (yyyy-mm-dd) into *d, or -1 when it is not a date. */
static int
date_arg(const char *s, long *d)
{
	return ki_date_parse(s, d) == -1 || strlen(s) != 10 ? -1 : 0;
}

/* ki-plan's own options; KI_CLI_NEXT or the exit status. */
static int
option(struct ki_cli *cli, struct ki_plan_opts *o, const char **calendar,
    int ch, const char *arg)
{
	static const char *const fmts[] = { "csv", "json", "ics" };
	long d;
	int i;

	switch (ch) {
	case 'c':
		*calendar = arg;
		return KI_CLI_NEXT;
	case 'a':
		o->advisers = arg;
		return KI_CLI_NEXT;
	case OPT_FROM:
	case OPT_TO:
	case OPT_DTSTAMP:
		if (date_arg(arg, &d) == -1)
			return ki_cli_misuse(cli, "%s: \"%s\" is not a date "
			    "(yyyy-mm-dd)", ch == OPT_FROM ? "--from" : ch ==
			    OPT_TO ? "--to" : "--dtstamp", arg);
		if (ch == OPT_FROM)
			o->from = d;
		else if (ch == OPT_TO)
			o->to = d;
		else {
			o->stamp = (long long)d * 86400;
			o->have_stamp = 2;
		}
		return KI_CLI_NEXT;
	case OPT_FORMAT:
		for (i = 0; i < 3 && strcmp(arg, fmts[i]) != 0; i++)
			;
		if (i == 3)
			return ki_cli_misuse(cli, "--format: \"%s\" is not csv, "
			    "json or ics", arg);
		o->fmt = i == 0 ? KI_PLAN_CSV : i == 1 ? KI_PLAN_JSON :
		    KI_PLAN_ICS;
		return KI_CLI_NEXT;
	case OPT_SPLIT:
		if (strcmp(arg, "adviser") != 0)
			return ki_cli_misuse(cli, "--split-by: \"%s\": only "
			    "adviser", arg);
		o->split = 1;
		return KI_CLI_NEXT;
	case OPT_PLAN:
		o->plans = arg;
		return KI_CLI_NEXT;
	default:
		return ki_cli_opt(cli, ch, arg);
	}
}

int
main(int argc, char *argv[])
{
	struct ki_plan_opts o;
	struct ki_cli cli;
	const char *calendar = NULL, *epoch = getenv("SOURCE_DATE_EPOCH");
	char *cal;
	int ch, rc, bad = 0;

	memset(&o, 0, sizeof(o));
	o.from = o.to = -1;
	o.prog = PROG;
	o.diag = stderr;
	if ((rc = ki_cli_init(&cli, PROG, "calendars", &use, &argc, argv)) !=
	    KI_CLI_NEXT)
		return rc;
	while ((ch = getopt_long(argc, argv, "c:a:" KI_CLI_SHORTOPTS,
	    longopts, NULL)) != -1)
		if ((rc = option(&cli, &o, &calendar, ch, optarg)) !=
		    KI_CLI_NEXT)
			return rc;
	argc -= optind;
	argv += optind;
	o.output = cli.outfile;
	o.in_fmt = cli.fmt;
	if (argc > 1)
		return ki_cli_misuse(&cli, "one input at a time");
	if (calendar == NULL)
		return ki_cli_misuse(&cli, "--calendar is required");
	if (o.split && (o.output == NULL || strcmp(o.output, "-") == 0))
		return ki_cli_misuse(&cli, "--split-by needs -o DIR");
	if (o.have_stamp == 0 && (o.have_stamp = ki_cli_epoch(epoch,
	    &o.stamp)) == -1)
		return ki_cli_misuse(&cli, "SOURCE_DATE_EPOCH: \"%s\" is not "
		    "seconds since 1970", epoch);
	if ((cal = ki_cli_find(&cli, "calendars", calendar, &rc)) == NULL)
		return rc;
	o.calendar = cal;
	o.input = argc ? argv[0] : NULL;
	/* ki-plan writes its own files: one, or one per adviser in -o DIR. */
	if (ki_plan_run(&o, &bad, &cli.err) == 0)
		rc = KI_EXIT_OK;
	else {
		if (cli.err.msg[0] != '\0')
			ki_diag(PROG, &cli.err);
		rc = bad ? KI_EXIT_USAGE : KI_EXIT_DATA;
	}
	ki_cli_free(&cli);
	free(cal);
	return rc;
}

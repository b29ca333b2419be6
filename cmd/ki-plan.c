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
#include "ki/share.h"

#define PROG "ki-plan"

enum { OPT_CSV = 256, OPT_JSON, OPT_LIST, OPT_FROM, OPT_TO, OPT_FORMAT,
	OPT_SPLIT, OPT_DTSTAMP, OPT_PLAN };

static const struct option longopts[] = {
	{ "calendar", required_argument, NULL, 'c' },
	{ "advisers", required_argument, NULL, 'a' },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "to", required_argument, NULL, OPT_TO },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "split-by", required_argument, NULL, OPT_SPLIT },
	{ "dtstamp", required_argument, NULL, OPT_DTSTAMP },
	{ "plan", required_argument, NULL, OPT_PLAN },
	{ "output", required_argument, NULL, 'o' },
	{ "csv", no_argument, NULL, OPT_CSV },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "list", no_argument, NULL, OPT_LIST },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp, int status)
{
	fputs("usage: ki-plan --calendar NAME|FILE [--advisers FILE] "
	    "[--from DATE] [--to DATE]\n"
	    "               [--format csv|json|ics] [--dtstamp DATE] "
	    "[--plan FILE]\n"
	    "               [--csv | --json] [--split-by adviser] [-o FILE|DIR] "
	    "[FILE]\n"
	    "       ki-plan --list\n", fp);
	if (status != KI_EXIT_OK) {
		fputs("Try 'ki-plan --help'.\n", fp);
		exit(status);
	}
	fputs("\nDate the year's work for every school of ki-allocate's (or "
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
	    "  -V, --version             show the version\n", fp);
	exit(KI_EXIT_OK);
}

static long
date_arg(const char *opt, const char *s)
{
	long d;

	if (ki_date_parse(s, &d) == -1 || strlen(s) != 10) {
		fprintf(stderr, "%s: %s: \"%s\" is not a date (yyyy-mm-dd)\n",
		    PROG, opt, s);
		usage(stderr, KI_EXIT_USAGE);
	}
	return d;
}

/* SOURCE_DATE_EPOCH, as reproducible builds define it. */
static int
epoch(struct ki_plan_opts *o)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;

	if (s == NULL || *s == '\0')
		return 0;
	o->stamp = strtoll(s, &end, 10);
	if (*end != '\0' || o->stamp < 0 || o->stamp > 253402300799LL) {
		fprintf(stderr, "%s: SOURCE_DATE_EPOCH: \"%s\" is not seconds "
		    "since 1970\n", PROG, s);
		usage(stderr, KI_EXIT_USAGE);
	}
	o->have_stamp = 1;
	return 0;
}

int
main(int argc, char *argv[])
{
	struct ki_plan_opts o;
	struct ki_err err;
	const char *calendar = NULL;
	char *cal = NULL;
	int ch, rc, bad = 0;

	memset(&o, 0, sizeof(o));
	memset(&err, 0, sizeof(err));
	o.from = o.to = -1;
	o.prog = PROG;
	o.diag = stderr;
	argv[0] = (char *)PROG;	/* getopt's messages name the program so */
	ki_cli_quiet(PROG, &argc, argv);
	while ((ch = getopt_long(argc, argv, "c:a:o:hV", longopts, NULL)) != -1)
		switch (ch) {
		case 'c':
			calendar = optarg;
			break;
		case 'a':
			o.advisers = optarg;
			break;
		case OPT_FROM:
			o.from = date_arg("--from", optarg);
			break;
		case OPT_TO:
			o.to = date_arg("--to", optarg);
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "csv") == 0)
				o.fmt = KI_PLAN_CSV;
			else if (strcmp(optarg, "json") == 0)
				o.fmt = KI_PLAN_JSON;
			else if (strcmp(optarg, "ics") == 0)
				o.fmt = KI_PLAN_ICS;
			else {
				fprintf(stderr, "%s: --format: \"%s\" is not csv, "
				    "json or ics\n", PROG, optarg);
				usage(stderr, KI_EXIT_USAGE);
			}
			break;
		case OPT_SPLIT:
			if (strcmp(optarg, "adviser") != 0) {
				fprintf(stderr, "%s: --split-by: \"%s\": only "
				    "adviser\n", PROG, optarg);
				usage(stderr, KI_EXIT_USAGE);
			}
			o.split = 1;
			break;
		case OPT_DTSTAMP:
			o.stamp = (long long)date_arg("--dtstamp", optarg) * 86400;
			o.have_stamp = 2;
			break;
		case OPT_PLAN:
			o.plans = optarg;
			break;
		case 'o':
			o.output = optarg;
			break;
		case OPT_CSV:
			o.in_fmt = KI_FMT_CSV;
			break;
		case OPT_JSON:
			o.in_fmt = KI_FMT_JSON;
			break;
		case OPT_LIST:
			return ki_cli_list(PROG, "calendars");
		case 'h':
			usage(stdout, KI_EXIT_OK);
			break;
		case 'V':
			printf("%s %s\n", PROG, KI_VERSION);
			return KI_EXIT_OK;
		default:
			usage(stderr, KI_EXIT_USAGE);
		}
	argc -= optind;
	argv += optind;
	if (argc > 1) {
		fprintf(stderr, "%s: one input at a time\n", PROG);
		bad = 1;
	} else if (calendar == NULL) {
		fprintf(stderr, "%s: --calendar is required\n", PROG);
		bad = 1;
	} else if (o.split && (o.output == NULL || strcmp(o.output, "-") ==
	    0)) {
		fprintf(stderr, "%s: --split-by needs -o DIR\n", PROG);
		bad = 1;
	}
	if (bad)
		usage(stderr, KI_EXIT_USAGE);
	if (o.have_stamp == 0)
		epoch(&o);
	if ((cal = ki_share_find("calendars", calendar, &err)) == NULL) {
		ki_diag(PROG, &err);
		return ki_share_is_path(calendar) || ki_err_oom(&err) ?
		    KI_EXIT_DATA : (usage(stderr,
		    KI_EXIT_USAGE), KI_EXIT_USAGE);
	}
	o.calendar = cal;
	o.input = argc ? argv[0] : NULL;
	if (ki_plan_run(&o, &bad, &err) == 0)
		rc = KI_EXIT_OK;
	else {
		if (err.msg[0] != '\0')
			ki_diag(PROG, &err);
		rc = bad ? KI_EXIT_USAGE : KI_EXIT_DATA;
	}
	free(cal);
	return rc;
}

/* ki-import: DfE, Ofsted, GIAS and LA files in, canonical records out. */
#include <getopt.h>
#include <string.h>

#include "ki/cli.h"
#include "ki/err.h"
#include "ki/exit.h"
#include "ki/import.h"
#include "ki/num.h"
#include "ki/ofcover.h"
#include "ki/val.h"

#define PROG "ki-import"

enum { OPT_MAP = KI_CLI_OPT_OWN, OPT_FORCE_YEAR, OPT_OFSTED_AS_AT,
	OPT_OFSTED_PERIOD };

static const struct option longopts[] = {
	{ "year", required_argument, NULL, 'y' },
	{ "force-year", required_argument, NULL, OPT_FORCE_YEAR },
	{ "ofsted-as-at", required_argument, NULL, OPT_OFSTED_AS_AT },
	{ "ofsted-period", required_argument, NULL, OPT_OFSTED_PERIOD },
	{ "map", required_argument, NULL, OPT_MAP },
	{ "verbose", no_argument, NULL, 'v' },
	KI_CLI_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static const struct ki_cli_usage use = {
	"usage: ki-import [--year YEAR | --force-year YEAR] [--map FILE] "
	    "[--csv | --json]\n"
	    "                 [-o FILE] TAG:FILE ...\n"
	    "       ki-import --list\n",
	"\nTurn downloaded school data into canonical rows, one per "
	    "school per year.\n\n"
	    "Sources (TAG:FILE, FILE may be - for standard input):\n"
	    "  dfe-ks2:FILE     DfE KS2 performance tables (2016-2019 layout)\n"
	    "  dfe-ks4:FILE     DfE KS4 performance tables (2016-2019 layout)\n"
	    "  ofsted:FILE      Ofsted management information, every era "
	    "2005-2026\n"
	    "  gias:FILE        Get Information About Schools extract\n"
	    "  gias-links:FILE  GIAS links file: predecessors and successors\n"
	    "  local:FILE       an LA sheet already in canonical column names\n"
	    "  map:FILE         any layout, described by the --map file\n"
	    "  NAME:FILE        a shipped map (see --list), or MAP.json:FILE\n"
	    "  FILE             no tag: the layout is told from the header "
	    "(-v says which);\n"
	    "                   a sheet with a urn column is read as local\n\n"
	    "Options:\n"
	    "  -y, --year YEAR  the academic year (end) of the DfE files, e.g. "
	    "2019; an error\n"
	    "                   when the file name or prior-year columns say "
	    "another\n"
	    "      --force-year YEAR  the same, even against the file name "
	    "and columns\n"
	    "      --ofsted-as-at DATE  the date every Ofsted file covers to "
	    "(else its name's,\n"
	    "                   else its latest date, said on stderr)\n"
	    "      --ofsted-period FROM:TO  the period every Ofsted file of "
	    "inspections in a\n"
	    "                   period covers (else its name's)\n"
	    "      --map FILE   the JSON column map for map: sources\n"
	    "      --csv        write CSV (the default)\n"
	    "      --json       write NDJSON\n"
	    "  -o, --output FILE  write to FILE, whole or not at all\n"
	    "  -v, --verbose    say which layout each file was read as, and "
	    "Ofsted covers\n"
	    "      --list       list the shipped maps\n"
	    "      --quiet      no progress line on a terminal\n"
	    "  -h, --help       show this help\n"
	    "  -V, --version    show the version\n\n"
	    "Rows come from the per-year sources (dfe-ks2, dfe-ks4, a local "
	    "sheet with a\nyear column); gias, ofsted and other per-school "
	    "sources are joined onto them\nby urn, Ofsted as the inspection in "
	    "force on 31 August of each row's year,\nonly where an Ofsted file "
	    "covers that date (else blank, and ofsted_note says\nwhy); an "
	    "academy not yet inspected takes its predecessor's (ofsted_urn).\n"
	    "With no per-year source, "
	    "the first source gives the rows. A file that lacks the\ncolumns "
	    "that identify its tag's layout is refused.\ndfe-ks2 and dfe-ks4 "
	    "read each year (2016 on) with the map that covers it; a\nmeasure "
	    "a year does not publish (KS2 progress in 2024 and 2025, Progress 8 "
	    "in\n2025) is blank.\n"
};

/*
 * ki-import's own option ch (with optarg arg) into o. Returns KI_CLI_NEXT,
 * or the exit status of a misuse.
 */
static int
own_opt(struct ki_cli *cli, struct ki_import_opts *o, int ch, const char *arg)
{
	char msg[160];
	int y;

	switch (ch) {
	case 'y':
	case OPT_FORCE_YEAR:
		if (ki_num_year(arg, &y) == -1)
			return ki_cli_misuse(cli, "--%s: \"%s\" is not a year "
			    "such as 2019", ch == 'y' ? "year" : "force-year",
			    arg);
		if (o->year != 0 && (o->year != y ||
		    o->force_year != (ch != 'y')))
			return ki_cli_misuse(cli, "--year or --force-year, once");
		o->year = y;
		o->force_year = ch != 'y';
		return KI_CLI_NEXT;
	case OPT_MAP:
		o->mapfile = arg;
		return KI_CLI_NEXT;
	case OPT_OFSTED_AS_AT:
		if (ki_val_norm(KI_T_DATE, arg, o->as_at, sizeof(o->as_at), msg,
		    sizeof(msg)) != 1)
			return ki_cli_misuse(cli, "--ofsted-as-at: \"%s\" is not "
			    "a date such as 2026-05-31", arg);
		return KI_CLI_NEXT;
	case OPT_OFSTED_PERIOD:
		if (ki_ofcover_period_arg(arg, o->per_from, o->per_to) == -1)
			return ki_cli_misuse(cli, "--ofsted-period: \"%s\" is not "
			    "FROM:TO, two dates such as 2014-10-01:2014-12-31",
			    arg);
		return KI_CLI_NEXT;
	case 'v':
		o->verbose = 1;
		return KI_CLI_NEXT;
	default:
		return ki_cli_opt(cli, ch, arg);
	}
}

int
main(int argc, char *argv[])
{
	struct ki_import_opts opt;
	struct ki_cli cli;
	int ch, rc;

	memset(&opt, 0, sizeof(opt));
	if ((rc = ki_cli_init(&cli, PROG, "maps", &use, &argc, argv)) !=
	    KI_CLI_NEXT)
		return rc;
	while ((ch = getopt_long(argc, argv, "y:v" KI_CLI_SHORTOPTS, longopts,
	    NULL)) != -1)
		if ((rc = own_opt(&cli, &opt, ch, optarg)) != KI_CLI_NEXT)
			return rc;
	argc -= optind;
	argv += optind;
	if (opt.as_at[0] != '\0' && opt.per_from[0] != '\0')
		return ki_cli_misuse(&cli, "--ofsted-as-at or --ofsted-period, "
		    "not both");
	if (argc == 0)
		return ki_cli_misuse(&cli, "no sources given");
	opt.sources = argv;
	opt.nsrc = (size_t)argc;
	opt.fmt = cli.fmt == KI_FMT_JSON ? KI_FMT_JSON : KI_FMT_CSV;
	/* A source that is not TAG:FILE is a misuse, found before -o opens. */
	if (ki_import_check(&opt, &cli.err) == -1) {
		if (ki_err_oom(&cli.err))
			return ki_cli_fail(&cli, &cli.err, KI_EXIT_DATA);
		ki_diag(PROG, &cli.err);
		return ki_cli_usage(&cli, KI_EXIT_USAGE);
	}
	if (ki_canon_load(&cli.err) == -1)
		return ki_cli_fail(&cli, &cli.err, KI_EXIT_DATA);
	if ((rc = ki_cli_open(&cli)) != KI_CLI_NEXT)
		return rc;
	return ki_cli_done(&cli, ki_import_run(&opt, cli.out.fp, &cli.err));
}

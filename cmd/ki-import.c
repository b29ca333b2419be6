/* ki-import: DfE, Ofsted, GIAS and LA files in, canonical records out. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/cli.h"
#include "ki/err.h"
#include "ki/exit.h"
#include "ki/import.h"
#include "ki/num.h"
#include "ki/ofcover.h"
#include "ki/out.h"
#include "ki/share.h"
#include "ki/val.h"

#define PROG "ki-import"

enum { OPT_CSV = 256, OPT_JSON, OPT_LIST, OPT_MAP, OPT_FORCE_YEAR,
	OPT_OFSTED_AS_AT, OPT_OFSTED_PERIOD };

static const struct option longopts[] = {
	{ "year", required_argument, NULL, 'y' },
	{ "force-year", required_argument, NULL, OPT_FORCE_YEAR },
	{ "ofsted-as-at", required_argument, NULL, OPT_OFSTED_AS_AT },
	{ "ofsted-period", required_argument, NULL, OPT_OFSTED_PERIOD },
	{ "output", required_argument, NULL, 'o' },
	{ "map", required_argument, NULL, OPT_MAP },
	{ "csv", no_argument, NULL, OPT_CSV },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "list", no_argument, NULL, OPT_LIST },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp, int status)
{
	fputs("usage: ki-import [--year YEAR | --force-year YEAR] [--map FILE] "
	    "[--csv | --json]\n"
	    "                 [-o FILE] TAG:FILE ...\n"
	    "       ki-import --list\n", fp);
	if (status != KI_EXIT_OK) {
		fputs("Try 'ki-import --help'.\n", fp);
		exit(status);
	}
	fputs("\nTurn downloaded school data into canonical rows, one per "
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
	    "in\n2025) is blank.\n", fp);
	exit(KI_EXIT_OK);
}

/* --year or --force-year (force) YEAR into o; a bad one is a usage error. */
static void
year_opt(struct ki_import_opts *o, const char *arg, int force)
{
	int y;

	if (ki_num_year(arg, &y) == -1) {
		fprintf(stderr, "%s: --%s: \"%s\" is not a year such as 2019\n",
		    PROG, force ? "force-year" : "year", arg);
		usage(stderr, KI_EXIT_USAGE);
	}
	if (o->year != 0 && (o->year != y || o->force_year != force)) {
		fprintf(stderr, "%s: --year or --force-year, once\n", PROG);
		usage(stderr, KI_EXIT_USAGE);
	}
	o->year = y;
	o->force_year = force;
}

int
main(int argc, char *argv[])
{
	struct ki_import_opts opt;
	struct ki_err err;
	struct ki_out o;
	const char *outfile = NULL;
	char msg[160];
	int ch;

	memset(&opt, 0, sizeof(opt));
	opt.fmt = KI_FMT_CSV;
	argv[0] = (char *)PROG;	/* getopt's messages name the program so */
	ki_cli_quiet(PROG, &argc, argv);
	while ((ch = getopt_long(argc, argv, "y:o:vhV", longopts, NULL)) != -1)
		switch (ch) {
		case 'y':
		case OPT_FORCE_YEAR:
			year_opt(&opt, optarg, ch != 'y');
			break;
		case 'o':
			outfile = optarg;
			break;
		case OPT_MAP:
			opt.mapfile = optarg;
			break;
		case OPT_OFSTED_AS_AT:
			if (ki_val_norm(KI_T_DATE, optarg, opt.as_at,
			    sizeof(opt.as_at), msg, sizeof(msg)) != 1) {
				fprintf(stderr, "%s: --ofsted-as-at: \"%s\" is not "
				    "a date such as 2026-05-31\n", PROG, optarg);
				usage(stderr, KI_EXIT_USAGE);
			}
			break;
		case OPT_OFSTED_PERIOD:
			if (ki_ofcover_period_arg(optarg, opt.per_from,
			    opt.per_to) == -1) {
				fprintf(stderr, "%s: --ofsted-period: \"%s\" is "
				    "not FROM:TO, two dates such as "
				    "2014-10-01:2014-12-31\n", PROG, optarg);
				usage(stderr, KI_EXIT_USAGE);
			}
			break;
		case 'v':
			opt.verbose = 1;
			break;
		case OPT_CSV:
			opt.fmt = KI_FMT_CSV;
			break;
		case OPT_JSON:
			opt.fmt = KI_FMT_JSON;
			break;
		case OPT_LIST:
			return ki_cli_list(PROG, "maps");
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
	if (opt.as_at[0] != '\0' && opt.per_from[0] != '\0') {
		fprintf(stderr, "%s: --ofsted-as-at or --ofsted-period, not "
		    "both\n", PROG);
		usage(stderr, KI_EXIT_USAGE);
	}
	if (argc == 0) {
		fprintf(stderr, "%s: no sources given\n", PROG);
		usage(stderr, KI_EXIT_USAGE);
	}
	opt.sources = argv;
	opt.nsrc = (size_t)argc;
	if (ki_import_check(&opt, &err) == -1) {
		ki_diag(PROG, &err);
		if (ki_err_oom(&err))
			return KI_EXIT_DATA;
		usage(stderr, KI_EXIT_USAGE);
	}
	if (ki_canon_load(&err) == -1 || ki_out_open(&o, outfile, &err) == -1) {
		ki_diag(PROG, &err);
		return KI_EXIT_DATA;
	}
	return ki_cli_finish(PROG, &o, ki_import_run(&opt, o.fp, &err), &err);
}

/* ki-allocate: visits, days, advisers and costs for every school. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/allocate.h"
#include "ki/cli.h"
#include "ki/err.h"
#include "ki/exit.h"
#include "ki/share.h"

#define PROG "ki-allocate"

enum { OPT_STRICT = KI_CLI_OPT_OWN };

static const struct ki_cli_usage use = {
	"usage: ki-allocate [--table NAME|FILE] [--advisers FILE] "
	    "[--rates FILE] [--strict]\n"
	    "                   [--csv | --json] [-o FILE] [FILE]\n"
	    "       ki-allocate --list\n",
	"\nTurn each school's category into work: add visits, min_visits, "
	    "contacts,\ndays, progress_meetings, flags and allocation (the "
	    "table row used); with\n--advisers an adviser, with --rates a "
	    "cost.\n\n"
	    "Options:\n"
	    "  -t, --table NAME|FILE   the allocation table (default: the "
	    "shipped one that\n"
	    "                          serves the input's category_scheme; see "
	    "--list)\n"
	    "  -a, --advisers FILE     advisers to assign: id, name, districts, "
	    "phases,\n"
	    "                          capacity (days); lists split on ';'\n"
	    "  -r, --rates FILE        JSON day and term rates: adviser_day, "
	    "nle_day,\n"
	    "                          cpd_day, ast_term (pounds)\n"
	    "      --strict            exit 1 when a school cannot be placed\n"
	    "      --csv, --json       read CSV or NDJSON (default: detect)\n"
	    "  -o, --output FILE       write to FILE, whole or not at all\n"
	    "      --list              list the shipped tables\n"
	    "      --quiet             no progress line on a terminal\n"
	    "  -h, --help              show this help\n"
	    "  -V, --version           show the version\n\n"
	    "Advisers: same district and phase first, then same district; "
	    "never over\ncapacity; the loads kept even; the same answer "
	    "whatever the row order.\nSchools that cannot be placed are left "
	    "blank and listed on standard error.\nCosts are exact to the "
	    "penny: days times the adviser's day rate, plus nle_days,\n"
	    "cpd_days and ast_terms times theirs when the input has those "
	    "columns;\nast_terms once per AST (the column ast names it), on "
	    "the first row that names it.\n"
};

static const struct option longopts[] = {
	{ "table", required_argument, NULL, 't' },
	{ "advisers", required_argument, NULL, 'a' },
	{ "rates", required_argument, NULL, 'r' },
	{ "strict", no_argument, NULL, OPT_STRICT },
	KI_CLI_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

int
main(int argc, char *argv[])
{
	struct ki_allocate_opts opt;
	struct ki_allocate *a;
	struct ki_cli cli;
	char *path;
	int ch, rc;

	memset(&opt, 0, sizeof(opt));
	opt.prog = PROG;
	opt.note = stderr;
	if ((rc = ki_cli_init(&cli, PROG, "tables", &use, &argc, argv)) !=
	    KI_CLI_NEXT)
		return rc;
	while ((ch = getopt_long(argc, argv, "t:a:r:" KI_CLI_SHORTOPTS,
	    longopts, NULL)) != -1)
		switch (ch) {
		case 't':
			opt.table = optarg;
			break;
		case 'a':
			opt.advisers = optarg;
			break;
		case 'r':
			opt.rates = optarg;
			break;
		case OPT_STRICT:
			opt.strict = 1;
			break;
		default:
			if ((rc = ki_cli_opt(&cli, ch, optarg)) != KI_CLI_NEXT)
				return rc;
		}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		return ki_cli_misuse(&cli, "one input at a time");
	/* A shipped name that is not there is a misuse; a path, bad data. */
	if (opt.table != NULL && !ki_share_is_path(opt.table)) {
		if ((path = ki_cli_find(&cli, "tables", opt.table, &rc)) == NULL)
			return rc;
		free(path);
	}
	opt.input = argc ? argv[0] : NULL;
	opt.fmt = cli.fmt;
	if ((a = ki_allocate_new(&opt, &cli.err)) == NULL)
		return ki_cli_fail(&cli, &cli.err, KI_EXIT_DATA);
	if ((rc = ki_cli_open(&cli)) == KI_CLI_NEXT)
		rc = ki_cli_done(&cli, ki_allocate_run(a, cli.out.fp, &cli.err));
	ki_allocate_free(a);
	return rc;
}

/* ki-categorise: each school's category of support as at one year. */
#include <getopt.h>
#include <stdlib.h>

#include "ki/categorise.h"
#include "ki/cli.h"
#include "ki/num.h"

#define PROG "ki-categorise"

static const struct ki_cli_usage use = {
	"usage: ki-categorise --scheme NAME|FILE [--year YEAR] "
	"[--prefix PREFIX]\n"
	"                     [--param NAME=VALUE] [--params FILE] "
	"[--csv | --json]\n"
	"                     [-o FILE] [FILE]\n"
	"       ki-categorise --list\n",
	"\nPut each school in a category of support as at one year, "
	"using its earlier\nyears for history. One row per school: the "
	"as-at row plus category,\ncategory_scheme, category_reasons and "
	"the scheme's own columns.\n\n"
	"Options:\n"
	"  -s, --scheme NAME|FILE  the categories: a shipped scheme (see "
	"--list) or a\n"
	"                          JSON file\n"
	"  -y, --year YEAR         the as-at year (default: the latest in "
	"the input); a\n"
	"                          year no row has is an error\n"
	"  -p, --prefix PREFIX     put PREFIX before the added column "
	"names\n"
	"  -P, --param NAME=VALUE  a threshold the scheme takes from the "
	"user\n"
	"      --params FILE       a JSON object of such thresholds\n"
	"      --csv, --json       read CSV or NDJSON (default: detect)\n"
	"  -o, --output FILE       write to FILE, whole or not at all\n"
	"      --list              list the shipped schemes\n"
	"      --quiet             no progress line on a terminal\n"
	"  -h, --help              show this help\n"
	"  -V, --version           show the version\n\n"
	"The first category whose condition holds wins. When a value a "
	"condition needs\nis blank, the school gets the scheme's category "
	"for missing data, or\n\"unknown\", with the reason: never a lower "
	"category by default. A school closed\nbefore 31 August of the "
	"as-at year (close_date) is left out, and counted on\nstandard "
	"error. A year the school has no row for is its predecessor's\n"
	"(urn_predecessor, urn_successor).\n"
};

static const struct option longopts[] = {
	{ "scheme", required_argument, NULL, 's' },
	{ "year", required_argument, NULL, 'y' },
	{ "prefix", required_argument, NULL, 'p' },
	KI_CLI_PARAM_LONGOPTS,
	KI_CLI_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

int
main(int argc, char *argv[])
{
	struct ki_categorise_opts opt = { NULL, 0, "", NULL, NULL, KI_FMT_AUTO,
	    PROG, NULL };
	struct ki_cli cli;
	const char *scheme = NULL;
	char *path;
	int ch, rc;

	if ((rc = ki_cli_init(&cli, PROG, "schemes", &use, &argc, argv)) !=
	    KI_CLI_NEXT)
		return rc;
	while ((ch = getopt_long(argc, argv, "s:y:p:P:" KI_CLI_SHORTOPTS,
	    longopts, NULL)) != -1)
		switch (ch) {
		case 's':
			scheme = optarg;
			break;
		case 'y':
			if (ki_num_year(optarg, &opt.year) == -1)
				return ki_cli_misuse(&cli, "--year: \"%s\" is not "
				    "a year such as 2019", optarg);
			break;
		case 'p':
			opt.prefix = optarg;
			break;
		default:
			if ((rc = ki_cli_opt(&cli, ch, optarg)) != KI_CLI_NEXT)
				return rc;
		}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		return ki_cli_misuse(&cli, "one input at a time");
	if (scheme == NULL)
		return ki_cli_misuse(&cli, "no --scheme given (see --list)");
	if ((path = ki_cli_find(&cli, "schemes", scheme, &rc)) == NULL)
		return rc;
	opt.scheme = path;
	opt.params = cli.params;
	opt.input = argc ? argv[0] : NULL;
	opt.fmt = cli.fmt;
	opt.diag = stderr;
	if ((rc = ki_cli_open(&cli)) == KI_CLI_NEXT)
		rc = ki_cli_done(&cli, ki_categorise_run(&opt, cli.out.fp,
		    &cli.err));
	free(path);
	return rc;
}

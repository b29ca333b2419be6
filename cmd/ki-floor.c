/* ki-floor: judge every row against the floor standard and coasting line. */
#include <getopt.h>
#include <stdlib.h>

#include "ki/cli.h"
#include "ki/floor.h"

#define PROG "ki-floor"

static const struct ki_cli_usage use = {
	"usage: ki-floor [--standard NAME|FILE] [--prefix PREFIX] "
	"[--param NAME=VALUE] [--params FILE]\n"
	"                [--csv | --json] [-o FILE] [FILE]\n"
	"       ki-floor --list\n",
	"\nJudge every row against the floor standard of its year and "
	"key stage, and\nadd floor_standard, below_floor, floor_reason, "
	"floor_below_5y, floor_run\nand coasting.\n\n"
	"Options:\n"
	"  -s, --standard NAME|FILE  the rules: a shipped standard (dfe, "
	"the default;\n"
	"                            kent-60) or a JSON file\n"
	"  -p, --prefix PREFIX       put PREFIX before the added column "
	"names\n"
	"  -P, --param NAME=VALUE    a threshold the rules take from the "
	"user, such as\n"
	"                            ks2_ep_eng_median_2012=92\n"
	"      --params FILE         a JSON object of such thresholds\n"
	"      --csv, --json         read CSV or NDJSON (default: "
	"detect)\n"
	"  -o, --output FILE         write to FILE, whole or not at all\n"
	"      --list                list the shipped standards\n"
	"      --quiet               no progress line on a terminal\n"
	"  -h, --help                show this help\n"
	"  -V, --version             show the version\n\n"
	"below_floor is yes, no, unknown (a measure the rule needs is "
	"blank: the reason\nnames it) or n/a (special school, PRU, "
	"independent school, infant school,\nsmall cohort, no pupils at the "
	"end of the key stage, or a year without a\nstandard). "
	"History columns count across all the years\nin the input, "
	"whatever the row order, and a predecessor's years (urn_predecessor,\n"
	"urn_successor) as the school's own, floor_history_from saying "
	"whose.\n"
};

static const struct option longopts[] = {
	{ "standard", required_argument, NULL, 's' },
	{ "prefix", required_argument, NULL, 'p' },
	KI_CLI_PARAM_LONGOPTS,
	KI_CLI_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

int
main(int argc, char *argv[])
{
	struct ki_floor_opts opt = { NULL, "", NULL, NULL, KI_FMT_AUTO };
	struct ki_cli cli;
	const char *standard = "dfe";
	char *path;
	int ch, rc;

	if ((rc = ki_cli_init(&cli, PROG, "standards", &use, &argc, argv)) !=
	    KI_CLI_NEXT)
		return rc;
	while ((ch = getopt_long(argc, argv, "s:p:P:" KI_CLI_SHORTOPTS,
	    longopts, NULL)) != -1)
		switch (ch) {
		case 's':
			standard = optarg;
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
		return ki_cli_misuse(&cli, "one input at a time (join files "
		    "with ki-import first)");
	if ((path = ki_cli_find(&cli, "standards", standard, &rc)) == NULL)
		return rc;
	opt.standard = path;
	opt.params = cli.params;
	opt.input = argc ? argv[0] : NULL;
	opt.fmt = cli.fmt;
	if ((rc = ki_cli_open(&cli)) == KI_CLI_NEXT)
		rc = ki_cli_done(&cli, ki_floor_run(&opt, cli.out.fp, &cli.err));
	free(path);
	return rc;
}

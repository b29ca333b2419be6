/* ki-broker: system leaders (NLE, LLE, SLE, AST, ...) brokered to schools. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/broker.h"
#include "ki/cli.h"
#include "ki/err.h"
#include "ki/exit.h"
#include "ki/share.h"

#define PROG "ki-broker"

enum { OPT_STRICT = KI_CLI_OPT_OWN };

static const struct ki_cli_usage use = {
	"usage: ki-broker --leaders FILE [--policy NAME|FILE] "
	    "[--rates FILE] [--strict]\n"
	    "                 [--csv | --json] [-o FILE] [FILE]\n"
	    "       ki-broker --list\n",
	"\nBroker system leaders to the schools that need them: one row "
	    "per deployment\n(urn, name, ..., support, needs, leader, "
	    "leader_name, role, leader_urn,\nservice, days, cost, match), "
	    "from ki-categorise or ki-allocate output.\n\n"
	    "Options:\n"
	    "  -l, --leaders FILE      the register: id, name, role, urn, "
	    "district, phases,\n"
	    "                          strengths, days; lists split on ';'\n"
	    "  -p, --policy NAME|FILE  who is supported, needs, roles, review "
	    "and rates\n"
	    "                          (default kent-2011; see --list)\n"
	    "  -r, --rates FILE        JSON rates in pounds: nle_day, cpd_day, "
	    "ast_term,\n"
	    "                          supply_day, pp_fee (adviser_day is "
	    "ignored)\n"
	    "      --strict            exit 1 when a school cannot be placed\n"
	    "      --csv, --json       read CSV or NDJSON (default: detect)\n"
	    "  -o, --output FILE       write to FILE, whole or not at all\n"
	    "      --list              list the shipped policies\n"
	    "      --quiet             no progress line on a terminal\n"
	    "  -h, --help              show this help\n"
	    "  -V, --version           show the version\n\n"
	    "A school's first need (from its category reasons and columns) "
	    "chooses the\nroles and strength; the leader is of the same phase, "
	    "never of the school\nitself, never over its days; leaders of the "
	    "school's district first, then of\nothers, schools in order of "
	    "need; the same answer whatever the row order.\nA new headteacher "
	    "gets a professional partner (at most three each).\n"
	    "Leaders whose own school fell an Ofsted grade, is below the floor, "
	    "is in an\nOfsted category or is itself supported are held back and "
	    "listed on standard\nerror, as are schools not placed. Costs, exact to "
	    "the penny: £400 a day for\nheadteacher support (NLE, LLE), supply "
	    "cover at supply_day (SLE, leading\nteacher), £200 a day for CPD "
	    "(teaching school), £1,000 a new head mentored,\nand £6,000 a term "
	    "per AST deployed, paid to the AST's school once, not per\n"
	    "school.\n"
};

static const struct option longopts[] = {
	{ "leaders", required_argument, NULL, 'l' },
	{ "policy", required_argument, NULL, 'p' },
	{ "rates", required_argument, NULL, 'r' },
	{ "strict", no_argument, NULL, OPT_STRICT },
	KI_CLI_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

int
main(int argc, char *argv[])
{
	struct ki_broker_opts opt;
	struct ki_cli cli;
	char *p;
	int ch, rc;

	memset(&opt, 0, sizeof(opt));
	opt.policy = "kent-2011";
	opt.note = stderr;
	if ((rc = ki_cli_init(&cli, PROG, "broker", &use, &argc, argv)) !=
	    KI_CLI_NEXT)
		return rc;
	while ((ch = getopt_long(argc, argv, "l:p:r:" KI_CLI_SHORTOPTS,
	    longopts, NULL)) != -1)
		switch (ch) {
		case 'l':
			opt.leaders = optarg;
			break;
		case 'p':
			opt.policy = optarg;
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
	if (opt.leaders == NULL)
		return ki_cli_misuse(&cli, "--leaders is required");
	if (!ki_share_is_path(opt.policy)) {
		if ((p = ki_share_find("broker", opt.policy, &cli.err)) == NULL &&
		    ki_err_oom(&cli.err))
			return ki_cli_fail(&cli, &cli.err, KI_EXIT_DATA);
		if (p == NULL)
			return ki_cli_misuse(&cli, "no shipped policy \"%s\" (see "
			    "--list)", opt.policy);
		free(p);
	}
	opt.input = argc ? argv[0] : NULL;
	opt.fmt = cli.fmt;
	if ((rc = ki_cli_open(&cli)) != KI_CLI_NEXT)
		return rc;
	return ki_cli_done(&cli, ki_broker_run(&opt, cli.out.fp, &cli.err));
}

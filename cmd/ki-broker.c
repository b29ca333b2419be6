/* ki-broker: system leaders (NLE, LLE, SLE, AST, ...) brokered to schools. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/broker.h"
#include "ki/cli.h"
#include "ki/err.h"
#include "ki/exit.h"
#include "ki/out.h"
#include "ki/share.h"

#define PROG "ki-broker"

enum { OPT_CSV = 256, OPT_JSON, OPT_LIST, OPT_STRICT };

static const struct option longopts[] = {
	{ "leaders", required_argument, NULL, 'l' },
	{ "policy", required_argument, NULL, 'p' },
	{ "rates", required_argument, NULL, 'r' },
	{ "strict", no_argument, NULL, OPT_STRICT },
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
	fputs("usage: ki-broker --leaders FILE [--policy NAME|FILE] "
	    "[--rates FILE] [--strict]\n"
	    "                 [--csv | --json] [-o FILE] [FILE]\n"
	    "       ki-broker --list\n", fp);
	if (status != KI_EXIT_OK) {
		fputs("Try 'ki-broker --help'.\n", fp);
		exit(status);
	}
	fputs("\nBroker system leaders to the schools that need them: one row "
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
	    "school.\n", fp);
	exit(KI_EXIT_OK);
}

int
main(int argc, char *argv[])
{
	struct ki_broker_opts opt;
	struct ki_err err;
	struct ki_out o;
	const char *outfile = NULL;
	int ch;

	memset(&opt, 0, sizeof(opt));
	memset(&err, 0, sizeof(err));
	opt.policy = "kent-2011";
	opt.note = stderr;
	argv[0] = (char *)PROG;	/* getopt's messages name the program so */
	ki_cli_quiet(PROG, &argc, argv);
	while ((ch = getopt_long(argc, argv, "l:p:r:o:hV", longopts, NULL)) !=
	    -1)
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
		case 'o':
			outfile = optarg;
			break;
		case OPT_CSV:
			opt.fmt = KI_FMT_CSV;
			break;
		case OPT_JSON:
			opt.fmt = KI_FMT_JSON;
			break;
		case OPT_LIST:
			return ki_cli_list(PROG, "broker");
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
		usage(stderr, KI_EXIT_USAGE);
	}
	if (opt.leaders == NULL) {
		fprintf(stderr, "%s: --leaders is required\n", PROG);
		usage(stderr, KI_EXIT_USAGE);
	}
	if (!ki_share_is_path(opt.policy)) {
		char *p = ki_share_find("broker", opt.policy, &err);

		if (p == NULL && ki_err_oom(&err)) {
			ki_diag(PROG, &err);
			return KI_EXIT_DATA;
		}
		if (p == NULL) {
			fprintf(stderr, "%s: no shipped policy \"%s\" (see "
			    "--list)\n", PROG, opt.policy);
			usage(stderr, KI_EXIT_USAGE);
		}
		free(p);
	}
	opt.input = argc ? argv[0] : NULL;
	if (ki_out_open(&o, outfile, &err) == -1) {
		ki_diag(PROG, &err);
		return KI_EXIT_DATA;
	}
	return ki_cli_finish(PROG, &o, ki_broker_run(&opt, o.fp, &err), &err);
}

/* What every ki binary's main() shares: the common options, usage, the exit. */
#ifndef KI_CLI_H
#define KI_CLI_H

/*
 * A binary's main() with it (cmd/ki-floor.c is one in full):
 *
 *	static const struct ki_cli_usage use = {
 *		"usage: ki-floor [--standard NAME|FILE] ... [FILE]\n"
 *		"       ki-floor --list\n",		(the man page's SYNOPSIS)
 *		"\nJudge every row ...\n"		(the rest of --help)
 *	};
 *	static const struct option longopts[] = {
 *		{ "standard", required_argument, NULL, 's' },
 *		KI_CLI_PARAM_LONGOPTS,		(--param, --params: if taken)
 *		KI_CLI_LONGOPTS,		(-o, --csv, --json, --list, -h, -V)
 *		{ NULL, 0, NULL, 0 }
 *	};
 *
 *	struct ki_cli cli;
 *	int ch, rc;
 *
 *	if ((rc = ki_cli_init(&cli, PROG, "standards", &use, &argc,
 *	    argv)) != KI_CLI_NEXT)
 *		return rc;
 *	while ((ch = getopt_long(argc, argv, "s:P:" KI_CLI_SHORTOPTS,
 *	    longopts, NULL)) != -1)
 *		switch (ch) {
 *		case 's':
 *			opt.standard = optarg;
 *			break;
 *		default:	(the shared options, and unknown ones)
 *			if ((rc = ki_cli_opt(&cli, ch, optarg)) != KI_CLI_NEXT)
 *				return rc;
 *		}
 *	if (argc - optind > 1)
 *		return ki_cli_misuse(&cli, "one input at a time");
 *	if ((rc = ki_cli_open(&cli)) != KI_CLI_NEXT)
 *		return rc;
 *	return ki_cli_done(&cli, ki_floor_run(&opt, ..., cli.out.fp,
 *	    &cli.err));
 *
 * Every function below that returns an exit status (anything but
 * KI_CLI_NEXT) has printed what there was to say and freed what cli
 * holds: main returns it as it is. Own long-only options are numbered
 * from KI_CLI_OPT_OWN. Binaries whose options differ from the usual set
 * (no --list, -o DIR) list the entries they take by hand with these codes.
 */

#include <getopt.h>
#include <stdio.h>

#include <jansson.h>

#include "ki/err.h"
#include "ki/out.h"
#include "ki/rec.h"

/* Not an exit status: the option was taken, read on. */
#define KI_CLI_NEXT	(-1)

/* The codes of the shared long-only options. */
enum {
	KI_CLI_OPT_CSV = 256,
	KI_CLI_OPT_JSON,
	KI_CLI_OPT_LIST,
	KI_CLI_OPT_PARAMS,
	KI_CLI_OPT_OWN = 272	/* a binary's own long-only options from here */
};

/* The short options ki_cli_opt takes, for getopt_long's string. */
#define KI_CLI_SHORTOPTS	"o:hV"

#define KI_CLI_LONGOPTS \
	{ "output", required_argument, NULL, 'o' }, \
	{ "csv", no_argument, NULL, KI_CLI_OPT_CSV }, \
	{ "json", no_argument, NULL, KI_CLI_OPT_JSON }, \
	{ "list", no_argument, NULL, KI_CLI_OPT_LIST }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, 'V' }

/* --param NAME=VALUE (-P, so "P:" in the short options) and --params FILE. */
#define KI_CLI_PARAM_LONGOPTS \
	{ "param", required_argument, NULL, 'P' }, \
	{ "params", required_argument, NULL, KI_CLI_OPT_PARAMS }

/* A binary's usage: the synopsis, then what --help adds to it. */
struct ki_cli_usage {
	const char *synopsis;	/* "usage: ki-floor ...\n", as the man page */
	const char *help;	/* "\nJudge every row ...\n" */
};

struct ki_cli {
	const char *prog;		/* "ki-floor", for every message */
	const char *list;		/* the shipped kind --list prints */
	const struct ki_cli_usage *use;
	enum ki_fmt fmt;		/* --csv, --json; else KI_FMT_AUTO */
	const char *outfile;		/* -o FILE, or NULL for stdout */
	json_t *params;			/* --param, --params: an object */
	struct ki_out out;		/* after ki_cli_open */
	struct ki_err err;		/* for the stage's errors */
};

/*
 * Start: name the program in argv[0] (getopt's messages), take --quiet
 * out of argv (ki_cli_quiet), and make the empty params object. list is
 * the kind of shipped file --list prints ("standards"), or NULL. Returns
 * KI_CLI_NEXT, or KI_EXIT_DATA out of memory.
 */
int ki_cli_init(struct ki_cli *cli, const char *prog, const char *list,
    const struct ki_cli_usage *use, int *argc, char **argv);

/*
 * Take getopt_long's ch (with its optarg arg): -o, --csv, --json, --param,
 * --params, and --list, -h, -V, which print and end. Anything else is a
 * misuse: the synopsis and "Try" to stderr. Returns KI_CLI_NEXT or the
 * exit status.
 */
int ki_cli_opt(struct ki_cli *cli, int ch, const char *arg);

/*
 * Print --help (status 0, to stdout) or, for any other status, the
 * synopsis and "Try 'PROG --help'." to stderr. Frees cli; returns status.
 */
int ki_cli_usage(struct ki_cli *cli, int status);

/*
 * A misuse: "PROG: message" (printf-style), then the synopsis and "Try"
 * to stderr. Frees cli; returns KI_EXIT_USAGE.
 */
int ki_cli_misuse(struct ki_cli *cli, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Print err (ki_diag) and free cli. Returns status, but KI_EXIT_DATA when
 * err is "out of memory".
 */
int ki_cli_fail(struct ki_cli *cli, const struct ki_err *err, int status);

/*
 * ki_share_find(kind, name): the path of a shipped file or a file given.
 * Returns it (the caller frees it), or NULL with *status the exit status
 * (a shipped name that is not there is a misuse; cli freed).
 */
char *ki_cli_find(struct ki_cli *cli, const char *kind, const char *name,
    int *status);

/* Open -o (or stdout) as cli->out. Returns KI_CLI_NEXT or the exit status. */
int ki_cli_open(struct ki_cli *cli);

/*
 * After the stage returned rc (0, or -1 or KI_ERR_USAGE with cli->err
 * set): commit the output opened by ki_cli_open, or abort it and print
 * cli->err (ki_cli_finish). Frees cli; returns the exit status.
 */
int ki_cli_done(struct ki_cli *cli, int rc);

/* Free what cli holds (params); ki_cli_init may follow. */
void ki_cli_free(struct ki_cli *cli);

/*
 * Add "NAME=VALUE" (VALUE a plain number) to the object params. Returns 0,
 * or -1 with err set.
 */
int ki_cli_param(json_t *params, const char *arg, struct ki_err *err);

/*
 * Add every member of the JSON object in path (each a number) to params.
 * Returns 0, or -1 with err set.
 */
int ki_cli_params_file(json_t *params, const char *path, struct ki_err *err);

/*
 * Print the shipped files of kind ("maps", "standards", ...): one line
 * each, the name, the first sentence of its "description" and its
 * "source", separated by tabs.
 * Returns the exit status.
 */
int ki_cli_list(const char *prog, const char *kind);

/*
 * Finish an output after the work returned rc (0, or -1 or KI_ERR_USAGE
 * with err set): commit it, or on failure abort it so no partial file is
 * left, printing err. Returns the exit status (a closed pipe exits 1
 * quietly; KI_ERR_USAGE exits 2).
 */
int ki_cli_finish(const char *prog, struct ki_out *o, int rc,
    struct ki_err *err);

/*
 * Take --quiet out of argv (options before "--" only; argc updated) and
 * start the progress line as prog unless it was there. Call first in main.
 */
void ki_cli_quiet(const char *prog, int *argc, char **argv);

/*
 * SOURCE_DATE_EPOCH's value s (getenv's: NULL or "" when unset), as
 * reproducible builds define it: decimal seconds since 1970-01-01, at most
 * the last second of 9999, digits only. Returns 1 with *secs set, 0 when
 * unset, or -1 when s is not such a number.
 */
int ki_cli_epoch(const char *s, long long *secs);

#endif

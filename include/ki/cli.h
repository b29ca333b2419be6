/* What every ki binary's main() shares: parameters, listings, the exit. */
#ifndef KI_CLI_H
#define KI_CLI_H

#include <jansson.h>

#include "ki/err.h"
#include "ki/out.h"

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
 * Finish an output after the work returned rc (0 or -1 with err set):
 * commit it, or on failure abort it so no partial file is left, printing
 * err. Returns the exit status (a closed pipe exits 1 quietly).
 */
int ki_cli_finish(const char *prog, struct ki_out *o, int rc,
    struct ki_err *err);

/*
 * Take --quiet out of argv (options before "--" only; argc updated) and
 * start the progress line as prog unless it was there. Call first in main.
 */
void ki_cli_quiet(const char *prog, int *argc, char **argv);

#endif

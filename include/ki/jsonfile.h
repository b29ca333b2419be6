/* Reading the JSON files of maps, standards, schemes and parameters. */
#ifndef KI_JSONFILE_H
#define KI_JSONFILE_H

#include <jansson.h>

#include "ki/err.h"

/*
 * Load the JSON file at path, rejecting duplicate keys. Returns a new
 * reference the caller decrefs, or NULL with err set: the file's own
 * error ("No such file or directory"), "out of memory", or "invalid JSON:
 * ..." with the line.
 */
json_t *ki_json_load(const char *path, struct ki_err *err);

/*
 * The first key of object o that is not in keys (NULL-terminated), or NULL
 * when every key is known: a misspelt key is an error, not ignored.
 */
const char *ki_json_stray_key(json_t *o, const char *const *keys);

#endif

/*
 * Policy files: the JSON files of standards, schemes, tables, maps, broker
 * policies and plans (man/ki-policy.5), read the same way, and the policy
 * numbers kept in them as data, with their sources, not in C.
 */
#ifndef KI_POLICY_H
#define KI_POLICY_H

#include <jansson.h>

#include "ki/err.h"

/*
 * Load the policy file at path (as ki_json_load does) and check that it
 * is an object whose every key is in keys (NULL-terminated). Returns a new
 * reference, or NULL with err: notobj (as "a standard must be a JSON
 * object") when the file is no object, "unknown key \"K\"" for a key not
 * in keys.
 */
json_t *ki_policy_load(const char *path, const char *const *keys,
    const char *notobj, struct ki_err *err);

/*
 * Load the policy file at path as ki_policy_load does, and give its root
 * to read(obj, root, err), which keeps what it needs of it (json_incref
 * for a part it holds on to). Returns 0, or -1 with err when the file
 * would not load or read failed.
 */
int ki_policy_read(const char *path, const char *const *keys,
    const char *notobj, int (*read)(void *obj, json_t *root,
    struct ki_err *err), void *obj, struct ki_err *err);

/*
 * The unknown-key check: o is an object and each of its keys is in keys.
 * Returns 0, or -1 with err at file and path (the place in the file, as
 * "rules[3].below"; NULL for the top): notobj (NULL: "must be an object")
 * when o is no object, else "unknown key \"K\"" for the first key not in
 * keys: a misspelt key is an error, never ignored.
 */
int ki_policy_keys(const char *file, json_t *o, const char *path,
    const char *const *keys, const char *notobj, struct ki_err *err);

/*
 * The place path.key[i] in a policy file, as messages give it: "key[i]"
 * when path is NULL or "", "path.key" when i < 0, "path[i]" when key is
 * "". A new string the caller frees, or NULL out of memory.
 */
char *ki_policy_path(const char *path, const char *key, long i);

/*
 * root's "optional", the columns that read as blank when the input lacks
 * them: *out is a new reference to the array, or NULL when there is none.
 * Returns 0, or -1 with err at file and "optional" when it is not an
 * array of column names.
 */
int ki_policy_optional(const char *file, json_t *root, json_t **out,
    struct ki_err *err);

/*
 * Whether name is in list, an array that ki_policy_optional gave (NULL:
 * none); list is a void pointer so that this is ki_cond_check's optional.
 */
int ki_policy_is_optional(const char *name, void *list);

/*
 * The number at path in the shipped file kind/name.json (found as
 * ki_share_find does), such as "reduction.target_pct", or
 * "events[event=ofsted-letter].date.days" for the element of the array
 * events whose "event" is "ofsted-letter". Returns 0 with *out set, or -1
 * with err naming the file and the path.
 */
int ki_policy_number(const char *kind, const char *name, const char *path,
    double *out, struct ki_err *err);

#endif

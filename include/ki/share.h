/* Finding the JSON files that ship with ki (maps, standards, schemes, tables). */
#ifndef KI_SHARE_H
#define KI_SHARE_H

#include "ki/err.h"

#define KI_VERSION "0.1.0"

/*
 * Return the path of the shipped file kind/name.json (kind is "maps",
 * "standards", "schemes" or "tables"), looked for in $KI_DATADIR, beside
 * the running binary (share/), in ../share/ki from it, and in the
 * directory fixed at build time. A name holding a '/' or ending in ".json"
 * is taken as a path. The caller frees the result. Returns NULL and fills
 * err when there is no such file, or with "out of memory".
 */
char *ki_share_find(const char *kind, const char *name, struct ki_err *err);

/* Whether ki_share_find takes name as a path rather than a shipped name. */
int ki_share_is_path(const char *name);

/*
 * Return the directory that holds kind's shipped files, or NULL if none is
 * found (errno ENOENT) or out of memory (errno ENOMEM). The caller frees it.
 */
char *ki_share_dir(const char *kind);

/*
 * The .json files in dir, sorted by name, into *ents (free with
 * ki_share_scan_free). Returns how many, 0 when none or unreadable, -1
 * out of memory.
 */
struct dirent;
int ki_share_scan(const char *dir, struct dirent ***ents);
void ki_share_scan_free(struct dirent **ents, int n);

#endif

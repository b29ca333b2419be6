/* Column maps' insides, shared by lib/map*.c and no one else. */
#ifndef KI_MAP_IMPL_H
#define KI_MAP_IMPL_H

#include <jansson.h>

#include "ki/err.h"
#include "ki/map.h"
#include "ki/val.h"

/*
 * A map is read in map_load.c (its top keys) and map_spec.c (each
 * column's spec), bound to a header and asked which layout it is in
 * map.c, and applied to rows in map_apply.c.
 */

enum how { SP_FROM, SP_CONCAT, SP_VALUE, SP_FIRST };

/* Source columns whose being blank (or set) a value depends on. */
struct cond {
	char **names;
	size_t n;
	long *idx;
};

/* One entry of "identify": a column, given by any of its names. */
struct ident {
	char **names;
	size_t n;
};

/* A lookup's key (len bytes) and value, the key's and value's strings. */
struct lkent {
	const char *key;
	size_t len;
	const char *val;
};

struct spec {
	enum how how;
	char **names;		/* SP_FROM: alternatives; SP_CONCAT: parts */
	size_t nnames;
	long *idx;		/* bound column indices, -1 if absent */
	char *value;		/* SP_VALUE */
	struct spec *kids;	/* SP_FIRST */
	size_t nkids;
	enum ki_type type;
	json_t *lookup;		/* object, or NULL */
	json_t *lookup_ci;	/* the same, keyed in lower case */
	struct lkent *lk[2];	/* a small lookup and lookup_ci as lists, */
	size_t nlk[2];		/* or NULL: looked up in the objects */
	char *dflt;		/* NULL: an unknown value is an error */
	char **blank;		/* more values that mean blank here */
	size_t nblank;
	unsigned long long bmask;	/* map_lenbits of each blank */
	char **keep;		/* tokens that are values here, not blanks */
	size_t nkeep;
	int required;
	json_t *since;		/* date -> value: the value of the latest key */
	struct cond cond[2];	/* if_blank, if_set */
	char *path;		/* "columns.phase.first[1]", for messages */
	char *buf;		/* result of the last apply */
	size_t cap;
};

struct ki_map {
	char *file;
	char *name;
	char *desc;
	enum ki_map_kind kind;
	int flags;
	int suffix;
	int year_lo, year_hi;	/* "years": the years the layout covers */
	char **blank;
	size_t nblank;
	/* By first byte, the map_lenbit of each blank token so starting. */
	unsigned long long first[256];
	char *keep_col;
	json_t *keep_vals;	/* array of strings */
	long keep_idx;
	size_t ncols;
	char **cols;
	struct spec *specs;
	char *family;		/* the tag this layout also answers to */
	struct ident *ident;	/* columns that identify the layout */
	size_t nident;
};

/* map_spec.c */
int map_bad(struct ki_map *m, const char *path, struct ki_err *err,
    const char *msg, const char *what);
int map_strlist(struct ki_map *m, json_t *j, const char *path, char ***out,
    size_t *n, int names, struct ki_err *err);
int map_parse_spec(struct ki_map *m, json_t *j, const char *path,
    struct spec *sp, int part, struct ki_err *err);
void map_free_spec(struct spec *sp);

/*
 * A bit for a token of len bytes (bit 63 for any of 63 or more), so that
 * a value whose bit is not among its tokens' is none of them.
 */
static inline unsigned long long
map_lenbit(size_t len)
{
	return 1ULL << (len < 63 ? len : 63);
}

unsigned long long map_lenbits(char *const *tok, size_t n);

#endif

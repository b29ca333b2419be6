/* Column maps: JSON files that turn a source layout into canonical columns. */
#ifndef KI_MAP_H
#define KI_MAP_H

#include <stddef.h>

#include "ki/err.h"
#include "ki/hdr.h"
#include "ki/rec.h"
#include "ki/val.h"

/*
 * A map file is one JSON object:
 *
 *   {
 *     "map": "dfe-ks2",                    name, for messages and --list
 *     "description": "...",                one line for people
 *     "source": "...",                     where the layout is documented
 *     "kind": "year",                      "year": one row per school per year
 *                                          "school": one row per school (GIAS)
 *                                          "inspection": one row per inspection
 *     "encoding": "utf-8",                 or "cp1252": fields that are not
 *                                          UTF-8 are converted from cp1252
 *     "pad_short_rows": true,              rows shorter than the header are
 *                                          padded with blanks (default false)
 *     "keep": {"RECTYPE": ["1", "2"]},     keep only rows whose column holds
 *                                          one of these values (optional)
 *     "blank": ["SUPP", "NE", "x"],        values that mean blank, in every
 *                                          column (default: KI_MAP_BLANKS)
 *     "family": "ofsted",                  the tag this layout also answers
 *                                          to: ofsted: reads a file with the
 *                                          family's layout that fits it
 *     "identify": ["URN", ["P8MEA",        columns a file of this layout has
 *                  "ATT8SCR"]]             (an entry may list alternatives);
 *                                          a file without them is refused
 *     "long_rows": "drop",                 fields past the header's are
 *                                          dropped and counted (default
 *                                          "error")
 *     "years": [2023, 2024],               the academic years (by their end)
 *                                          the layout covers: a file of
 *                                          another year is read by another
 *                                          layout (optional: any year)
 *     "year_from_suffix": true,            the year may come from prior-year
 *                                          column suffixes (ATT8SCR_16 beside
 *                                          ATT8SCR means 2017)
 *     "columns": { "urn": SPEC, ... }      canonical column -> SPEC, in the
 *                                          order the output should have
 *   }
 *
 * A SPEC is a string (the source column's name) or an object:
 *
 *   "from": "COL" or ["COL", "OTHER"]   the first of these the file has
 *   "concat": ["LEA", "ESTAB"]          values joined; blank if any is blank
 *   "value": "primary"                  a constant
 *   "first": [SPEC, SPEC]               the first that gives a non-blank value
 *   "type": "text"                      as read (default)
 *           "number"                    a trailing % is removed; must be a
 *                                       plain decimal number
 *           "int"                       a whole number
 *           "date"                      dd/mm/yyyy, dd-mm-yyyy or yyyy-mm-dd,
 *                                       written yyyy-mm-dd
 *           "grade"                     1 to 4; 9 is blank
 *           "bool"                      yes/no/true/false/y/n/1/0 -> yes or no
 *   "lookup": {"CY": "maintained"}      replace a value (after blanks and
 *                                       type); "" in the result means blank
 *   "default": "other"                  result for a value the lookup lacks;
 *                                       without it, such a value is an error
 *   "blank": ["0"]                      more values that mean blank here
 *   "keep": ["NEW"]                     tokens that are values here, not
 *                                       blanks (TPUPYEAR NEW: a new school)
 *   "required": true                    the file must have the column
 *   "since": {"2019-09-01": "2019"}     after type date: the value of the
 *                                       latest key not after the date
 *                                       (blank before the first)
 *   "if_blank": ["COL"]                 the value only when these source
 *                                       columns are blank or absent
 *   "if_set": ["COL"]                   ... only when they all hold a value
 *
 * Source column names match whatever their case and runs of spaces.
 *
 * A column none of whose "from" names is in the file is blank in every row
 * unless "required" is set. Unknown keys are errors, so a typo is not
 * silently ignored.
 */

#define KI_MAP_BLANKS { "SUPP", "NE", "NP", "LOWCOV", "NA", "NEW", "x", \
	"z", "c", "..", "NULL", "-", NULL }

enum ki_map_kind {
	KI_MAP_YEAR,
	KI_MAP_SCHOOL,
	KI_MAP_INSPECTION
};

struct ki_map;

/*
 * Load and check a map from path. Returns NULL and fills err with the
 * file and the place inside it (e.g. "columns.urn.type") on failure.
 */
struct ki_map *ki_map_load(const char *path, struct ki_err *err);

/* Free m. NULL is allowed. */
void ki_map_free(struct ki_map *m);

const char *ki_map_name(const struct ki_map *m);
const char *ki_map_description(const struct ki_map *m);	/* "" if none */
enum ki_map_kind ki_map_kind(const struct ki_map *m);
int ki_map_flags(const struct ki_map *m);	/* KI_RD_* for the reader */
int ki_map_year_from_suffix(const struct ki_map *m);

/*
 * The years the map declares it covers, into *lo and *hi; returns 0 (and
 * zeroes) when it declares none. ki_map_covers: whether year is among them
 * (1 when the map declares none or year is 0, not known).
 */
int ki_map_years(const struct ki_map *m, int *lo, int *hi);
int ki_map_covers(const struct ki_map *m, int year);

/* Output columns, in map order, and the type each is converted to. */
size_t ki_map_ncols(const struct ki_map *m);
const char *ki_map_col(const struct ki_map *m, size_t i);
enum ki_type ki_map_col_type(const struct ki_map *m, size_t i);

/*
 * Bind m to a file's header: find each source column. Returns 0, or -1
 * with err filled when a required column is missing (file is the name for
 * messages). Must be called before ki_map_apply.
 */
int ki_map_bind(struct ki_map *m, const struct ki_hdr *h, const char *file,
    struct ki_err *err);

/*
 * Set want[i] (n entries, cleared first) for every column i of the bound
 * header that m reads, for ki_reader_want.
 */
void ki_map_used(const struct ki_map *m, unsigned char *want, size_t n);

/*
 * Whether rec passes the map's "keep" filter: 1 keep, 0 drop.
 */
int ki_map_keep(const struct ki_map *m, const struct ki_rec *rec);

/*
 * Apply m to rec: out[i] gets the value of output column i, a string the
 * map owns (valid until the next call) or NULL for blank. Returns 0, or -1
 * with err filled (file, rec->line, the source column, the message).
 */
int ki_map_apply(struct ki_map *m, const struct ki_rec *rec, const char *file,
    const char **out, struct ki_err *err);

/* The family named by "family", or NULL. */
const char *ki_map_family(const struct ki_map *m);

/* How many entries "identify" has (0: the map identifies no layout). */
size_t ki_map_nidentify(const struct ki_map *m);

/*
 * How many of m's "identify" entries header h lacks; their names go into
 * missing (len bytes), "P8MEA, ATT8SCR" (alternatives joined by " or ").
 */
size_t ki_map_identify(const struct ki_map *m, const struct ki_hdr *h,
    char *missing, size_t len);

#endif

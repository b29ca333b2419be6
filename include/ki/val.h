/* Value types of canonical columns and their normal forms. */
#ifndef KI_VAL_H
#define KI_VAL_H

#include <stddef.h>

#include "ki/err.h"

enum ki_type {
	KI_T_TEXT,
	KI_T_NUMBER,	/* plain decimal; a trailing % is dropped */
	KI_T_INT,	/* whole number */
	KI_T_DATE,	/* yyyy-mm-dd; dd/mm/yyyy and dd-mm-yyyy accepted */
	KI_T_GRADE,	/* Ofsted grade 1-4; 9 means blank */
	KI_T_BOOL,	/* yes or no; true/false/y/n/1/0 accepted */
	KI_T_YEAR	/* academic year end, 1900-2100 */
};

/* Set *t from a name ("text", "number", ...). Returns 0, or -1 if unknown. */
int ki_type_parse(const char *name, enum ki_type *t);

/* The name of t. */
const char *ki_type_name(enum ki_type t);

/*
 * Whether s (n bytes) is a plain decimal: a sign or none, then digits with
 * a point among or after them, or a point and digits ("-12", "3.", "+.5").
 * ki_num_parse reads every one, so that a number (or, with no point, a
 * whole number) needs no more looking at. *point: whether it has one.
 */
int ki_val_plain(const char *s, size_t n, int *point);

/*
 * Normalise raw (not NULL, not blank) as type t into buf (size n).
 * Returns 1 with the value in buf, 0 when the value means blank (grade 9),
 * or -1 with a message such as "\"6O\" is not a number" in msg (size msgn).
 */
int ki_val_norm(enum ki_type t, const char *raw, char *buf, size_t n,
    char *msg, size_t msgn);

/*
 * Read a figure such as a number of pupils: 1 with the number in *d, 0
 * when s is NULL, blank or a suppression token of the published files
 * (KI_MAP_BLANKS: SUPP, NE, x, ...), -1 when s is none of these.
 */
int ki_val_figure(const char *s, double *d);

/*
 * The type of a canonical column (SPEC "Records"), KI_T_TEXT for names it
 * does not know. Sets *known to 1 when name is canonical (may be NULL).
 */
enum ki_type ki_canon_type(const char *name, int *known);

/* The i-th canonical column in SPEC order, or NULL past the last. */
const char *ki_canon_col(size_t i);

/*
 * Load the canonical columns, their types and the merge rule from the
 * shipped share/canon/columns.json. Returns 0, or -1 with err naming the
 * file and what is wrong in it. The functions above load it on first use
 * when no caller did; a program calls this first to report a bad file.
 */
int ki_canon_load(struct ki_err *err);

/*
 * A school's phase when two per-year sources give had and v for the same
 * year (the KS2 and KS4 files of an all-through school), by the file's
 * merge rule: the same phase stays; a phase the rule keeps (special) wins;
 * otherwise the rule's phase (all-through). Needs ki_canon_load first.
 */
const char *ki_canon_merge_phase(const char *had, const char *v);

#endif

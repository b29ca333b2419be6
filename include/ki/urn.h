/* Checks on what every record must be: a URN of digits, a clean header. */
#ifndef KI_URN_H
#define KI_URN_H

#include "ki/err.h"
#include "ki/hdr.h"
#include "ki/rec.h"

/*
 * Check that v (not NULL, not blank) is a URN: ASCII digits, or "EY" and
 * digits (Ofsted's early years settings). Returns
 * 0, or -1 with err set to file, line, field "urn" and a message that
 * names what is wrong (a byte-order mark, a space, another character).
 */
int ki_urn_check(const char *v, const char *file, long line,
    struct ki_err *err);

/*
 * Check the urn column of rec, if h has one and the value is not blank.
 * Returns 0, or -1 with err set as ki_urn_check does.
 */
int ki_urn_rec(const struct ki_hdr *h, const struct ki_rec *rec,
    const char *file, struct ki_err *err);

/*
 * Check a column name of a header: a UTF-8 byte-order mark is allowed only
 * at the very start of a file (the reader skips it), so one in a name
 * (a second file's header stuck on, a BOM after blank lines) is an error.
 * Returns 0, or -1 with err set to file, line and the name without it.
 */
int ki_urn_hdr_name(const char *name, const char *file, long line,
    struct ki_err *err);

#endif

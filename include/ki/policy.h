/* Policy numbers kept in share/ as data, with their sources, not in C. */
#ifndef KI_POLICY_H
#define KI_POLICY_H

#include "ki/err.h"

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

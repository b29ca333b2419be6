/* Error records filled by lib/ and printed by cmd/: "prog: file:line: field: message". */
#ifndef KI_ERR_H
#define KI_ERR_H

#include <stdio.h>

/*
 * A stage's status for an error in its options (a --param its policy does
 * not take): the binary exits 2, where -1 (bad data) exits 1.
 */
#define KI_ERR_USAGE	(-2)

struct ki_err {
	char file[256];		/* "" when not about a file */
	long line;		/* 1-based line where the record starts; 0 if none */
	char field[128];	/* "" when not about one field */
	char msg[768];		/* lower case, no final period */
};

/*
 * Fill err (if not NULL) with the place and a printf-style message.
 * file and field may be NULL. Always returns -1, so callers can
 * "return ki_err_set(...);".
 */
int ki_err_set(struct ki_err *err, const char *file, long line,
    const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/*
 * Nonzero when err says "out of memory", so that a caller that would give
 * a usage error (exit 2) for a failure gives a data error (exit 1) instead.
 */
int ki_err_oom(const struct ki_err *err);

/* Clear err to "no error". */
void ki_err_clear(struct ki_err *err);

/*
 * Print err to fp as "prog: file:line: field: message\n", leaving out
 * the parts that are empty. Never exits.
 */
void ki_diag_to(FILE *fp, const char *prog, const struct ki_err *err);

/* ki_diag_to(stderr, ...). */
void ki_diag(const char *prog, const struct ki_err *err);

#endif

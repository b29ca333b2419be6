/* Output streams: stdout, or "-o FILE" written atomically (temp + rename). */
#ifndef KI_OUT_H
#define KI_OUT_H

#include <stdio.h>

#include "ki/err.h"

struct ki_out {
	FILE *fp;		/* where to write */
	char *path;		/* final path, or NULL for stdout */
	char *tmp;		/* temporary path in the same directory */
	const char *name;	/* for messages: path or "<stdout>" */
};

/*
 * Open path for writing: NULL or "-" is stdout; otherwise a temporary file
 * beside path that SIGINT, SIGTERM and SIGHUP remove. Returns 0, or -1 and
 * fills err (missing directory, permission).
 */
int ki_out_open(struct ki_out *o, const char *path, struct ki_err *err);

/*
 * Flush and close; for a file, rename the temporary file to the path.
 * On any failure the temporary file is removed, the old file at path is
 * left as it was, err is filled and -1 returned.
 */
int ki_out_commit(struct ki_out *o, struct ki_err *err);

/* Close and remove the temporary file, leaving path as it was. */
void ki_out_abort(struct ki_out *o);

/*
 * Flush fp and close it, reporting a write error. Returns 0, or -1 with
 * err filled as "name: strerror". A closed pipe (EPIPE) sets err->msg ""
 * so the caller can exit 1 quietly.
 */
int ki_fshut(FILE *fp, const char *name, struct ki_err *err);

/*
 * A temporary file for a program's passes, gone when closed or when the
 * program ends; NULL if none can be made.
 */
FILE *ki_spool_new(void);

#endif

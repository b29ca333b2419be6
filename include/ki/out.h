/* Output streams: stdout, or "-o FILE" written whole or not at all. */
#ifndef KI_OUT_H
#define KI_OUT_H

#include <stdio.h>

#include "ki/err.h"

/* How an output reaches its file; see ki_out_open. */
enum ki_out_how {
	KI_OUT_STDOUT,		/* the standard output */
	KI_OUT_LINK,		/* a file with no name, linked and renamed */
	KI_OUT_RENAME,		/* a named temporary file, renamed */
	KI_OUT_INPLACE,		/* held aside, then copied into a hard-linked file */
	KI_OUT_THROUGH		/* a FIFO or device, written straight through */
};

struct ki_out {
	FILE *fp;		/* where to write */
	char *path;		/* the file written (symlinks followed), or NULL */
	char *tmp;		/* the temporary file's name while it has one */
	const char *name;	/* for messages: FILE as given, or "<stdout>" */
	enum ki_out_how how;
	int fd;			/* LINK, INPLACE: the unnamed file, else -1 */
};

/*
 * Open path for writing: NULL or "-" is stdout. Otherwise path's symbolic
 * links are followed (the links stay) to the file, and:
 * - a FIFO, character device or other file that is not a regular file is
 *   opened and written straight through; it is never replaced;
 * - a regular file with other hard links is written whole to a file with
 *   no name and copied over it at ki_out_commit, so every name sees it;
 * - otherwise, the usual case, the output goes to a file with no name in
 *   the same directory (Linux's O_TMPFILE) that nothing can leave behind,
 *   or where the system lacks it to ".NAME.XXXXXX" beside path, which
 *   catchable fatal signals remove.
 * SIGXFSZ is ignored, for stdout too, so that a file size limit is a write
 * error that is reported. Returns
 * 0, or -1 and fills err (missing directory, permission).
 */
int ki_out_open(struct ki_out *o, const char *path, struct ki_err *err);

/*
 * Flush and close; for a file, put the output in place: renamed over the
 * file, or copied into it (hard links). On any failure the temporary file
 * is removed, the old file is left as it was (or err says it may not be,
 * when a copy in place failed part way), err is filled and -1 returned.
 */
int ki_out_commit(struct ki_out *o, struct ki_err *err);

/* Close and remove the temporary file, leaving path as it was. */
void ki_out_abort(struct ki_out *o);

/*
 * Non-zero: ki_out_open uses named temporary files even where O_TMPFILE
 * works, as on systems without it (for tests).
 */
void ki_out_portable(int on);

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

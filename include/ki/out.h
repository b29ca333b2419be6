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

/*
 * One output, owned by the caller: all its state is here, but for the
 * name a fatal signal removes (see ki_out_open).
 */
struct ki_out {
	FILE *fp;		/* where to write */
	char *buf;		/* fp's buffer, freed when fp is closed */
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
 *
 * What is process-wide, and why: a signal handler can reach no caller's
 * struct, so the name of a temporary file that a fatal signal must remove
 * is kept by lib/out_sys.c for the process, which writes one -o output at
 * a time; the handlers are put in for the catchable fatal signals whose
 * action is the default, and SIGXFSZ is ignored. Nothing else is: stdout's
 * buffer and everything about a file are in *o.
 */
int ki_out_open(struct ki_out *o, const char *path, struct ki_err *err);

/* ki_out_open's options. */
enum {
	/* Use a named temporary file even where O_TMPFILE works (tests). */
	KI_OUT_NAMED = 1 << 0
};

/* ki_out_open with opts, or'ed together. */
int ki_out_open_opts(struct ki_out *o, const char *path, int opts,
    struct ki_err *err);

/*
 * Flush and close (stdout too); for a file, put the output in place: renamed over the
 * file, or copied into it (hard links). On any failure the temporary file
 * is removed, the old file is left as it was (or err says it may not be,
 * when a copy in place failed part way), err is filled and -1 returned.
 */
int ki_out_commit(struct ki_out *o, struct ki_err *err);

/*
 * Close (stdout too, flushing what was written to it) and remove the
 * temporary file, leaving path as it was.
 */
void ki_out_abort(struct ki_out *o);

/*
 * Flush fp and close it, reporting a write error. Returns 0, or -1 with
 * err filled as "name: strerror". A closed pipe (EPIPE) sets err->msg ""
 * so the caller can exit 1 quietly.
 */
int ki_fshut(FILE *fp, const char *name, struct ki_err *err);

/*
 * A temporary file for a program's passes, gone when closed or when the
 * program ends; NULL if none can be made. (lib/spool.c; ki/spool.h puts
 * rows in one and reads them back.)
 */
FILE *ki_spool_new(void);

#endif

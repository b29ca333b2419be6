/*
 * The system side of -o, for lib/out.c alone (programs use ki/out.h):
 * symbolic links, temporary names and unnamed files, and the signal
 * cleanup, whose state is the process's (see ki_out_open).
 */
#ifndef KI_OUT_SYS_H
#define KI_OUT_SYS_H

#include <stddef.h>
#include <sys/types.h>

/*
 * From now until ki_out_disarm, a catchable fatal signal removes name
 * (copied; at most ki_out_tmp_max() bytes with its NUL) before the
 * process ends as the signal would have ended it.
 */
void ki_out_arm(const char *name);
void ki_out_disarm(void);
size_t ki_out_tmp_max(void);

/*
 * The file that path names once its symbolic links are followed (path
 * itself when it is none, or is not there yet), in new memory; NULL with
 * errno set.
 */
char *ki_out_resolve(const char *path);

/*
 * Fill tmp (room for strlen(path) + 16) with ".NAME.XXXXXX" beside path,
 * the last six characters left for the caller.
 */
void ki_out_tmp_name(char *tmp, const char *path);

/*
 * A file with no name in path's directory, open with flags (O_WRONLY or
 * O_RDWR) and mode; -1 with errno EOPNOTSUPP when the system or the file
 * system cannot, named is set, or linkat could not name it later.
 */
int ki_out_anon_open(const char *path, int flags, mode_t mode, int named);

/* Give the unnamed file fd the name tmp (made unique) beside path: 0 or -1. */
int ki_out_anon_link(int fd, char *tmp, const char *path);

/* A file with no name to hold an output until it is copied in place. */
int ki_out_spool_fd(const char *path, int named);

#endif

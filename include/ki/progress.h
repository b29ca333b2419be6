/* One progress line on a terminal's standard error while input is read. */
#ifndef KI_PROGRESS_H
#define KI_PROGRESS_H

#include <stddef.h>

/*
 * Show progress as prog when on is set and standard error is a terminal;
 * otherwise (a pipe, a file, cron's mail, a test) never. Call once, early.
 */
void ki_progress_init(const char *prog, int on);

/*
 * A new input: its descriptor (fd >= 0), whose size gives a percentage
 * and the time left when it is a regular file.
 */
void ki_progress_file(int fd);

/*
 * rows more records, and the input now at byte bytes of the current file.
 * Redraws the line at most a few times a second.
 */
void ki_progress_step(size_t rows, long long bytes);

/* Erase the line, if shown (before a message, and at the end). */
void ki_progress_clear(void);

#endif

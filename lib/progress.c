/* One progress line on a terminal's standard error while input is read. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ki/fmtint.h"
#include "ki/progress.h"

#define EVERY	0.25	/* seconds between redraws */

/*
 * One line for the whole process: only the thread that takes the records
 * (the program's own) calls in here.
 */
static struct {
	const char *prog;
	int on;
	int shown;		/* a line is on the terminal */
	double start, last;
	unsigned long long rows;
	long long done;		/* bytes of the files before this one */
	long long at;		/* bytes into this one */
	long long size;		/* this one's size, or -1 */
} p;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void
ki_progress_init(const char *prog, int on)
{
	memset(&p, 0, sizeof(p));
	p.prog = prog;
	p.on = on && isatty(STDERR_FILENO);
	p.size = -1;
	p.last = -1;
	if (p.on)
		p.start = now();
}

void
ki_progress_file(int fd)
{
	struct stat st;

	if (!p.on)
		return;
	p.done += p.at;
	p.at = 0;
	p.size = fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0 ? (long long)st.st_size : -1;
}

void
ki_progress_step(size_t rows, long long bytes)
{
	double t, el;
	char line[160], r[KI_INT_LEN], rate[KI_INT_LEN];
	int n;

	if (!p.on)
		return;
	p.rows += rows;
	if (bytes > p.at)
		p.at = bytes;
	t = now();
	if (p.last >= 0 && t - p.last < EVERY)
		return;
	p.last = t;
	el = t - p.start;
	n = snprintf(line, sizeof(line), "%s: %s rows, %.1f MB", p.prog,
	    ki_int_format(r, (long long)p.rows, KI_INT_GROUP), (double)(p.done + p.at) / 1e6);
	if (p.size > 0 && n > 0 && (size_t)n < sizeof(line)) {
		double f = (double)p.at / (double)p.size;

		n += snprintf(line + n, sizeof(line) - (size_t)n, ", %.0f%%",
		    f > 1 ? 100 : f * 100);
	}
	if (el >= 1 && n > 0 && (size_t)n < sizeof(line))
		n += snprintf(line + n, sizeof(line) - (size_t)n,
		    ", %s rows/s", ki_int_format(rate,
		    (long long)((double)p.rows / el), KI_INT_GROUP));
	if (el >= 1 && p.size > 0 && p.at > 0 && p.at < p.size && n > 0 &&
	    (size_t)n < sizeof(line)) {
		double f = (double)p.at / (double)p.size;
		long left = (long)(el * (1 - f) / f + 0.5);

		snprintf(line + n, sizeof(line) - (size_t)n, ", %ld:%02ld left",
		    left / 60, left % 60);
	}
	/* The cursor stays at the start: a message overwrites the line. */
	fprintf(stderr, "\r%s\033[K\r", line);
	fflush(stderr);
	p.shown = 1;
}

void
ki_progress_clear(void)
{
	if (!p.shown)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	p.shown = 0;
	p.last = -1;
}

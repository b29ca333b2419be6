/*
 * The system side of -o (lib/out.c): following symbolic links, temporary
 * names, files with no name, and the one piece of process-wide state the
 * output layer keeps, the name a fatal signal must remove.
 */
#define _GNU_SOURCE		/* O_TMPFILE and AT_EMPTY_PATH, where Linux has them */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ki/out_sys.h"

/*
 * Process-wide, and only this: a signal handler can reach nothing else.
 * The process has one -o output between arm and disarm at a time.
 *
 * sig.tmp is the name a fatal signal must remove while sig.armed is set.
 * With O_TMPFILE the output has no name while it is written, so nothing can
 * be left behind, whatever the signal (kill -9 included); a name exists only
 * between linkat() and rename() at the commit, and sig is armed for that
 * short window alone. Without O_TMPFILE (another system, or a file system
 * that lacks it) the output is a named temporary file, and sig is armed for
 * the whole run: then SIGKILL, and the signals of a crash (SIGSEGV, SIGBUS),
 * which are left to the sanitizers' own handlers, can still leave it.
 * The handlers are put in for the signals whose action is still the
 * default when the first output is armed, and stay (doing nothing while
 * disarmed). SIGXFSZ is ignored by ki_out_open, for the whole process.
 */
static struct {
	volatile sig_atomic_t armed;
	char tmp[PATH_MAX];
} sig;

/* The signals whose default action ends the process and that can be caught. */
static const int fatal[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGALRM, SIGUSR1, SIGUSR2,
	SIGABRT, SIGXCPU, SIGVTALRM, SIGPROF
};

static void
on_signal(int s)
{
	if (sig.armed)
		unlink(sig.tmp);
	signal(s, SIG_DFL);
	raise(s);
}

/*
 * Remove name if a fatal signal comes. Only signals whose action is still
 * the default (to end the process) are taken: one ignored on entry stays
 * ignored, and one a host program handles itself (a fuzzer's timer, say)
 * keeps its handler.
 */
void
ki_out_arm(const char *name)
{
	struct sigaction sa, old;
	size_t i;

	snprintf(sig.tmp, sizeof(sig.tmp), "%s", name);
	sig.armed = 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
		if (sigaction(fatal[i], NULL, &old) == 0 &&
		    (old.sa_handler == SIG_DFL || old.sa_handler == on_signal))
			sigaction(fatal[i], &sa, NULL);
}

void
ki_out_disarm(void)
{
	sig.armed = 0;
}



/*
 * The file that path names once its symbolic links are followed (path
 * itself when it is none, or is not there yet), in new memory; NULL with
 * errno set.
 */
char *
ki_out_resolve(const char *path)
{
	char *cur = strdup(path), *next, link[PATH_MAX];
	struct stat st;
	const char *slash;
	ssize_t n;
	int hops;

	for (hops = 0; cur != NULL; hops++) {
		if (lstat(cur, &st) == -1)
			return errno == ENOENT ? cur : (free(cur), NULL);
		if (!S_ISLNK(st.st_mode))
			return cur;
		if (hops == 40 ||
		    (n = readlink(cur, link, sizeof(link) - 1)) == -1) {
			if (hops == 40)
				errno = ELOOP;
			free(cur);
			return NULL;
		}
		link[n] = '\0';
		/* A relative link is read from the link's own directory. */
		slash = strrchr(cur, '/');
		if (link[0] == '/' || slash == NULL)
			next = strdup(link);
		else if ((next = malloc((size_t)(slash - cur) + 2 +
		    (size_t)n)) != NULL)
			sprintf(next, "%.*s/%s", (int)(slash - cur), cur, link);
		free(cur);
		cur = next;
	}
	return NULL;
}

/*
 * Fill tmp (room for strlen(path) + 16) with ".NAME.XXXXXX" beside path,
 * the last six characters left for the caller: a dot file, so it is not
 * globbed; in the same directory, so rename is atomic.
 */
void
ki_out_tmp_name(char *tmp, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash != NULL)
		sprintf(tmp, "%.*s/.%s.XXXXXX", (int)(slash - path), path,
		    slash + 1);
	else
		sprintf(tmp, ".%s.XXXXXX", path);
}

#ifdef O_TMPFILE
/*
 * A file with no name in path's directory, open with flags (O_WRONLY or
 * O_RDWR) and mode; -1 with errno EOPNOTSUPP when the system or the file
 * system cannot, or linkat could not give it a name later (no /proc).
 */
int
ki_out_anon_open(const char *path, int flags, mode_t mode, int named)
{
	const char *slash = strrchr(path, '/');
	char dir[PATH_MAX], proc[64];
	int fd;

	if (named) {
		errno = EOPNOTSUPP;
		return -1;
	}
	if (slash == NULL)
		strcpy(dir, ".");
	else if (slash == path)
		strcpy(dir, "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	if ((fd = open(dir, O_TMPFILE | flags, mode)) == -1) {
		/* Kernels and file systems without O_TMPFILE say so thus. */
		if (errno == EISDIR || errno == EINVAL || errno == ENOTSUP ||
		    errno == EOPNOTSUPP)
			errno = EOPNOTSUPP;
		return -1;
	}
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	if (access(proc, F_OK) == -1) {
		close(fd);
		errno = EOPNOTSUPP;
		return -1;
	}
	return fd;
}

/* Give the unnamed file fd the name tmp (made unique) beside the output. */
int
ki_out_anon_link(int fd, char *tmp, const char *path)
{
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	char proc[64];
	struct timespec ts;
	unsigned long x;
	int i, tries;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	clock_gettime(CLOCK_REALTIME, &ts);
	x = (unsigned long)ts.tv_nsec ^ ((unsigned long)getpid() << 16);
	for (tries = 0; tries < 100; tries++) {
		ki_out_tmp_name(tmp, path);
		for (i = 0; i < 6; i++) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			tmp[strlen(tmp) - 6 + i] = digits[(x >> 33) % 36];
		}
		if (linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) ==
		    0 || (errno == ENOENT &&
		    linkat(fd, "", AT_FDCWD, tmp, AT_EMPTY_PATH) == 0))
			return 0;
		if (errno != EEXIST)
			return -1;
	}
	return -1;
}
#else
int
ki_out_anon_open(const char *path, int flags, mode_t mode, int named)
{
	(void)path;
	(void)flags;
	(void)mode;
	(void)named;
	errno = EOPNOTSUPP;
	return -1;
}

int
ki_out_anon_link(int fd, char *tmp, const char *path)
{
	(void)fd;
	(void)tmp;
	(void)path;
	errno = EOPNOTSUPP;
	return -1;
}
#endif

/* A file with no name to hold an output until it is copied in place. */
int
ki_out_spool_fd(const char *path, int named)
{
	FILE *fp;
	int fd;

	if ((fd = ki_out_anon_open(path, O_RDWR, 0600, named)) != -1 || errno != EOPNOTSUPP)
		return fd;
	if ((fp = tmpfile()) == NULL)
		return -1;
	fd = dup(fileno(fp));
	fclose(fp);
	return fd;
}

size_t
ki_out_tmp_max(void)
{
	return sizeof(sig.tmp);
}

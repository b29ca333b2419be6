/* Output to stdout, or to a file written whole or not at all. */
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

#include "ki/out.h"

/*
 * All the state this file keeps for the process, which has one -o output
 * open at a time:
 *
 * sig.tmp is the name a fatal signal must remove while sig.armed is set.
 * With O_TMPFILE the output has no name while it is written, so nothing can
 * be left behind, whatever the signal (kill -9 included); a name exists only
 * between linkat() and rename() at the commit, and sig is armed for that
 * short window alone. Without O_TMPFILE (another system, or a file system
 * that lacks it) the output is a named temporary file, and sig is armed for
 * the whole run: then SIGKILL, and the signals of a crash (SIGSEGV, SIGBUS),
 * which are left to the sanitizers' own handlers, can still leave it.
 *
 * portable makes ki_out_open take that second path even on Linux, so that
 * tests reach it (ki_out_portable).
 *
 * obuf is the standard output's buffer: big, so that a pipe into the next
 * ki binary is fed in few writes (stdio's own is 4 KB for a pipe). It is
 * also the copy buffer for an output written in place (no stdout then).
 */
/* A system error's words; ENOMEM in ki's own words, as every binary says it. */
static const char *
sys_msg(int e)
{
	return e == ENOMEM ? "out of memory" : strerror(e);
}

static struct {
	volatile sig_atomic_t armed;
	char tmp[PATH_MAX];
} sig;
static int portable;
static char obuf[128 * 1024];

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
static void
arm(const char *name)
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

static void
disarm(void)
{
	sig.armed = 0;
}

void
ki_out_portable(int on)
{
	portable = on;
}

int
ki_fshut(FILE *fp, const char *name, struct ki_err *err)
{
	int bad = 0, e = 0;

	if (fflush(fp) != 0) {
		bad = 1;
		e = errno;
	}
	if (ferror(fp) && !bad) {
		bad = 1;
		e = errno ? errno : EIO;
	}
	if (fclose(fp) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	if (!bad)
		return 0;
	if (e == EPIPE)
		return ki_err_set(err, NULL, 0, NULL, "%s", "");
	return ki_err_set(err, name, 0, NULL, "%s", sys_msg(e ? e : EIO));
}

/*
 * The file that path names once its symbolic links are followed (path
 * itself when it is none, or is not there yet), in new memory; NULL with
 * errno set.
 */
static char *
resolve(const char *path)
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
static void
tmp_name(char *tmp, const char *path)
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
static int
anon_open(const char *path, int flags, mode_t mode)
{
	const char *slash = strrchr(path, '/');
	char dir[PATH_MAX], proc[64];
	int fd;

	if (portable) {
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
static int
anon_link(int fd, char *tmp, const char *path)
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
		tmp_name(tmp, path);
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
static int
anon_open(const char *path, int flags, mode_t mode)
{
	(void)path;
	(void)flags;
	(void)mode;
	errno = EOPNOTSUPP;
	return -1;
}

static int
anon_link(int fd, char *tmp, const char *path)
{
	(void)fd;
	(void)tmp;
	(void)path;
	errno = EOPNOTSUPP;
	return -1;
}
#endif

/* A file with no name to hold an output until it is copied in place. */
static int
spool_fd(const char *path)
{
	FILE *fp;
	int fd;

	if ((fd = anon_open(path, O_RDWR, 0600)) != -1 || errno != EOPNOTSUPP)
		return fd;
	if ((fp = tmpfile()) == NULL)
		return -1;
	fd = dup(fileno(fp));
	fclose(fp);
	return fd;
}

int
ki_out_open(struct ki_out *o, const char *path, struct ki_err *err)
{
	struct stat st;
	int fd = -1, have;
	mode_t mask;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	/* A file size limit is a write error to report, not a silent death. */
	signal(SIGXFSZ, SIG_IGN);
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = stdout;
		o->name = "<stdout>";
		o->how = KI_OUT_STDOUT;
		if (!isatty(STDOUT_FILENO))
			setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
		return 0;
	}
	o->name = path;
	if ((o->path = resolve(path)) == NULL)
		return ki_err_set(err, path, 0, NULL, "%s", sys_msg(errno));
	if (strlen(o->path) + 16 > sizeof(sig.tmp)) {
		ki_err_set(err, path, 0, NULL, "%s", sys_msg(ENAMETOOLONG));
		goto fail;
	}
	have = stat(o->path, &st) == 0;
	if (have && !S_ISREG(st.st_mode)) {
		/* A FIFO or a device is written straight through, never replaced. */
		o->how = KI_OUT_THROUGH;
		if ((fd = open(o->path, O_WRONLY | O_NOCTTY)) == -1) {
			ki_err_set(err, path, 0, NULL, "%s", sys_msg(errno));
			goto fail;
		}
	} else if (have && st.st_nlink > 1) {
		/* Other names share the file: it is rewritten in place at commit. */
		o->how = KI_OUT_INPLACE;
		if (access(o->path, W_OK) == -1 ||
		    (o->fd = spool_fd(o->path)) == -1) {
			ki_err_set(err, path, 0, NULL, "%s", sys_msg(errno));
			goto fail;
		}
	} else if ((o->fd = anon_open(o->path, O_WRONLY, 0666)) != -1) {
		o->how = KI_OUT_LINK;
		if (have)
			fchmod(o->fd, st.st_mode & 07777);
	} else if (errno != EOPNOTSUPP) {
		ki_err_set(err, path, 0, NULL, "%s", sys_msg(errno));
		goto fail;
	} else {
		o->how = KI_OUT_RENAME;
		if ((o->tmp = malloc(strlen(o->path) + 16)) == NULL) {
			ki_err_set(err, path, 0, NULL, "out of memory");
			goto fail;
		}
		tmp_name(o->tmp, o->path);
		if ((fd = mkstemp(o->tmp)) == -1) {
			ki_err_set(err, path, 0, NULL, "%s", sys_msg(errno));
			goto fail;
		}
		arm(o->tmp);
		/* mkstemp makes 0600: give the file the mode it would have had. */
		mask = umask(0);
		umask(mask);
		fchmod(fd, have ? st.st_mode & 07777 : 0666 & ~mask);
	}
	if (o->fd != -1 && (fd = dup(o->fd)) == -1) {
		ki_err_set(err, path, 0, NULL, "%s", sys_msg(errno));
		goto fail;
	}
	if ((o->fp = fdopen(fd, "w")) == NULL) {
		ki_err_set(err, path, 0, NULL, "%s", sys_msg(errno));
		close(fd);
		goto fail;
	}
	setvbuf(o->fp, NULL, _IOFBF, sizeof(obuf));
	return 0;
fail:
	if (o->tmp != NULL && fd != -1)
		unlink(o->tmp);
	disarm();
	if (o->fd != -1)
		close(o->fd);
	free(o->path);
	free(o->tmp);
	o->path = o->tmp = NULL;
	o->fd = -1;
	return -1;
}

/*
 * Copy the finished output (in o->fd) over the file at o->path, keeping its
 * other names. Room is reserved first, so a full disk or a size limit
 * leaves the file as it was; catchable signals wait until the copy is done.
 * Only a crash, kill -9 or an I/O error during the copy itself can leave
 * the file part old and part new.
 */
static int
in_place(struct ki_out *o, struct ki_err *err)
{
	struct stat st;
	sigset_t all, old;
	off_t size, at;
	ssize_t n;
	int fd, e = 0, started = 0;

	if ((size = lseek(o->fd, 0, SEEK_END)) == -1 ||
	    (fd = open(o->path, O_WRONLY | O_NOCTTY)) == -1)
		return ki_err_set(err, o->name, 0, NULL, "%s", sys_msg(errno));
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	if (fstat(fd, &st) == -1)
		e = errno;
	else if (size > st.st_size &&
	    (e = posix_fallocate(fd, st.st_size, size - st.st_size)) != 0 &&
	    e != EOPNOTSUPP && e != EINVAL) {
		/* What an emulated posix_fallocate added goes again. */
		if (ftruncate(fd, st.st_size) == -1)
			started = 1;
	} else
		e = 0;
	for (at = 0; e == 0 && at < size; at += n) {
		if ((n = pread(o->fd, obuf, sizeof(obuf), at)) <= 0) {
			e = n == 0 ? EIO : errno;
			break;
		}
		started = 1;
		if (pwrite(fd, obuf, (size_t)n, at) != n) {
			e = errno ? errno : EIO;
			break;
		}
	}
	if (e == 0 && ftruncate(fd, size) == -1)
		e = errno;
	if (close(fd) == -1 && e == 0)
		e = errno;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (e == 0)
		return 0;
	return ki_err_set(err, o->name, 0, NULL, "%s%s", sys_msg(e), started ?
	    " (it was being rewritten in place and may be incomplete)" : "");
}

int
ki_out_commit(struct ki_out *o, struct ki_err *err)
{
	sigset_t all, old;
	int rc = 0;

	if (o->how == KI_OUT_STDOUT)
		return ki_fshut(o->fp, o->name, err);
	if (ki_fshut(o->fp, o->name, err) == -1)
		rc = -1;
	else if (o->how == KI_OUT_INPLACE)
		rc = in_place(o, err);
	else if (o->how == KI_OUT_LINK) {
		/*
		 * linkat cannot replace a name, so the file is linked to a new
		 * one and renamed over the output. Between the two it has a
		 * name: signals wait in this thread, and the handler removes
		 * the name should another thread take one.
		 */
		if ((o->tmp = malloc(strlen(o->path) + 16)) == NULL) {
			o->fp = NULL;
			ki_out_abort(o);
			return ki_err_set(err, o->name, 0, NULL, "out of memory");
		}
		sigfillset(&all);
		pthread_sigmask(SIG_BLOCK, &all, &old);
		if (anon_link(o->fd, o->tmp, o->path) == -1) {
			ki_err_set(err, o->name, 0, NULL, "%s", sys_msg(errno));
			rc = -1;
		} else {
			arm(o->tmp);
			if (rename(o->tmp, o->path) == -1) {
				ki_err_set(err, o->name, 0, NULL, "%s",
				    sys_msg(errno));
				unlink(o->tmp);
				rc = -1;
			}
			disarm();
		}
		pthread_sigmask(SIG_SETMASK, &old, NULL);
	} else if (o->how == KI_OUT_RENAME) {
		if (rc == 0 && rename(o->tmp, o->path) == -1) {
			ki_err_set(err, o->name, 0, NULL, "%s", sys_msg(errno));
			rc = -1;
		}
	}
	o->fp = NULL;
	if (rc == -1 && o->how == KI_OUT_RENAME)
		unlink(o->tmp);
	ki_out_abort(o);
	return rc;
}

void
ki_out_abort(struct ki_out *o)
{
	if (o->how == KI_OUT_STDOUT)
		return;
	if (o->fp != NULL)
		fclose(o->fp);
	if (o->how == KI_OUT_RENAME && o->fp != NULL)
		unlink(o->tmp);
	disarm();
	if (o->fd != -1)
		close(o->fd);
	free(o->path);
	free(o->tmp);
	o->path = o->tmp = NULL;
	o->fp = NULL;
	o->fd = -1;
}

FILE *
ki_spool_new(void)
{
	FILE *fp = tmpfile();

	/* Spools are written and read whole: big blocks, few system calls. */
	if (fp != NULL)
		setvbuf(fp, NULL, _IOFBF, 256 * 1024);
	return fp;
}

/* Output to stdout, or to a file written whole or not at all. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ki/out.h"

/* The temporary file a signal must remove; one output per process. */
static volatile sig_atomic_t have_tmp;
static char tmp_path[4096];
/*
 * The output's buffer: big, so that a pipe into the next ki binary is fed
 * in few writes (stdio's own is 4 KB for a pipe).
 */
static char obuf[128 * 1024];

static void
on_signal(int sig)
{
	if (have_tmp)
		unlink(tmp_path);
	signal(sig, SIG_DFL);
	raise(sig);
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
	return ki_err_set(err, name, 0, NULL, "%s", strerror(e ? e : EIO));
}

int
ki_out_open(struct ki_out *o, const char *path, struct ki_err *err)
{
	const char *slash;
	int fd;

	memset(o, 0, sizeof(*o));
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = stdout;
		o->name = "<stdout>";
		if (!isatty(STDOUT_FILENO))
			setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
		return 0;
	}
	o->name = path;
	if ((o->path = strdup(path)) == NULL ||
	    (o->tmp = malloc(strlen(path) + 16)) == NULL) {
		free(o->path);
		return ki_err_set(err, path, 0, NULL, "out of memory");
	}
	/* Same directory, so rename is atomic; a dot file so it is not globbed. */
	slash = strrchr(path, '/');
	if (slash != NULL)
		sprintf(o->tmp, "%.*s/.%s.XXXXXX", (int)(slash - path), path,
		    slash + 1);
	else
		sprintf(o->tmp, ".%s.XXXXXX", path);
	if (strlen(o->tmp) >= sizeof(tmp_path)) {
		ki_err_set(err, path, 0, NULL, "path too long");
		goto fail;
	}
	if ((fd = mkstemp(o->tmp)) == -1) {
		ki_err_set(err, path, 0, NULL, "%s", strerror(errno));
		goto fail;
	}
	{
		/* mkstemp makes 0600: give the file the mode it would have had. */
		struct stat st;
		mode_t mask = umask(0);

		umask(mask);
		if (stat(path, &st) == 0)
			fchmod(fd, st.st_mode & 07777);
		else
			fchmod(fd, 0666 & ~mask);
	}
	if ((o->fp = fdopen(fd, "w")) == NULL) {
		ki_err_set(err, path, 0, NULL, "%s", errno == ENOMEM ?
		    "out of memory" : strerror(errno));
		close(fd);
		unlink(o->tmp);
		goto fail;
	}
	setvbuf(o->fp, NULL, _IOFBF, sizeof(obuf));
	strcpy(tmp_path, o->tmp);
	have_tmp = 1;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	return 0;
fail:
	free(o->path);
	free(o->tmp);
	o->path = o->tmp = NULL;
	return -1;
}

int
ki_out_commit(struct ki_out *o, struct ki_err *err)
{
	int rc = 0;

	if (o->path == NULL)
		return ki_fshut(o->fp, o->name, err);
	if (ki_fshut(o->fp, o->name, err) == -1) {
		unlink(o->tmp);
		rc = -1;
	} else if (rename(o->tmp, o->path) == -1) {
		ki_err_set(err, o->path, 0, NULL, "%s", strerror(errno));
		unlink(o->tmp);
		rc = -1;
	}
	have_tmp = 0;
	free(o->path);
	free(o->tmp);
	o->path = o->tmp = NULL;
	o->fp = NULL;
	return rc;
}

void
ki_out_abort(struct ki_out *o)
{
	if (o->path == NULL)
		return;
	fclose(o->fp);
	unlink(o->tmp);
	have_tmp = 0;
	free(o->path);
	free(o->tmp);
	o->path = o->tmp = NULL;
	o->fp = NULL;
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

/* Output to stdout, or to a file written whole or not at all. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ki/out.h"
#include "ki/out_sys.h"

/*
 * An output's buffer: big, so that a pipe into the next ki binary is fed
 * in few writes (stdio's own is 4 KB for a pipe). It belongs to the
 * struct ki_out, and is freed once its stream is closed.
 */
#define OBUF	(128 * 1024)

/* A system error's words; ENOMEM in ki's own words, as every binary says it. */
static const char *
sys_msg(int e)
{
	return e == ENOMEM ? "out of memory" : strerror(e);
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
 * Give fp the output's own big buffer; without the memory for one, stdio's
 * own does, to the same effect but slower.
 */
static void
buffer(struct ki_out *o, FILE *fp)
{
	if ((o->buf = malloc(OBUF)) != NULL &&
	    setvbuf(fp, o->buf, _IOFBF, OBUF) != 0) {
		free(o->buf);
		o->buf = NULL;
	}
}

int
ki_out_open(struct ki_out *o, const char *path, struct ki_err *err)
{
	return ki_out_open_opts(o, path, 0, err);
}

int
ki_out_open_opts(struct ki_out *o, const char *path, int opts,
    struct ki_err *err)
{
	struct stat st;
	int fd = -1, have, named = (opts & KI_OUT_NAMED) != 0;
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
			buffer(o, stdout);
		return 0;
	}
	o->name = path;
	if ((o->path = ki_out_resolve(path)) == NULL)
		return ki_err_set(err, path, 0, NULL, "%s", sys_msg(errno));
	if (strlen(o->path) + 16 > ki_out_tmp_max()) {
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
		    (o->fd = ki_out_spool_fd(o->path, named)) == -1) {
			ki_err_set(err, path, 0, NULL, "%s", sys_msg(errno));
			goto fail;
		}
	} else if ((o->fd = ki_out_anon_open(o->path, O_WRONLY, 0666, named)) != -1) {
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
		ki_out_tmp_name(o->tmp, o->path);
		if ((fd = mkstemp(o->tmp)) == -1) {
			ki_err_set(err, path, 0, NULL, "%s", sys_msg(errno));
			goto fail;
		}
		ki_out_arm(o->tmp);
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
	buffer(o, o->fp);
	return 0;
fail:
	if (o->tmp != NULL && fd != -1)
		unlink(o->tmp);
	ki_out_disarm();
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
	char buf[64 * 1024];
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
		if ((n = pread(o->fd, buf, sizeof(buf), at)) <= 0) {
			e = n == 0 ? EIO : errno;
			break;
		}
		started = 1;
		if (pwrite(fd, buf, (size_t)n, at) != n) {
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

	if (o->how == KI_OUT_STDOUT) {
		rc = ki_fshut(o->fp, o->name, err);
		o->fp = NULL;
		ki_out_abort(o);
		return rc;
	}
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
		if (ki_out_anon_link(o->fd, o->tmp, o->path) == -1) {
			ki_err_set(err, o->name, 0, NULL, "%s", sys_msg(errno));
			rc = -1;
		} else {
			ki_out_arm(o->tmp);
			if (rename(o->tmp, o->path) == -1) {
				ki_err_set(err, o->name, 0, NULL, "%s",
				    sys_msg(errno));
				unlink(o->tmp);
				rc = -1;
			}
			ki_out_disarm();
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
	/* Standard output is closed too: its buffer is the output's. */
	if (o->fp != NULL)
		fclose(o->fp);
	free(o->buf);
	o->buf = NULL;
	if (o->how == KI_OUT_STDOUT) {
		o->fp = NULL;
		return;
	}
	if (o->how == KI_OUT_RENAME && o->fp != NULL)
		unlink(o->tmp);
	ki_out_disarm();
	if (o->fd != -1)
		close(o->fd);
	free(o->path);
	free(o->tmp);
	o->path = o->tmp = NULL;
	o->fp = NULL;
	o->fd = -1;
}

/*
 * Fuzz target: a whole command, its arguments and its input. Built once
 * per binary, with cmd/ki-NAME.c compiled in and its main renamed
 * fuzz_cmd_main (see the Makefile).
 *
 * The input is parts split by NUL bytes: the arguments, one a line; the
 * standard input; then up to four files, named f1 to f4, which the
 * arguments can name. Everything runs in a directory of its own, emptied
 * after each run; an argument with a '/' is not run, so nothing is read or
 * written outside it.
 *
 * A run must end with status 0, 1 or 2 (never a signal or a sanitizer's
 * report), with a message on standard error when it is not 0, and leave
 * no temporary file of -o behind.
 *
 * With libFuzzer (FUZZ_INPROCESS) the command runs in the fuzzer's process
 * so that its coverage guides the fuzzing: exit() is renamed fuzz_exit and
 * jumps back here, and stdin, stdout and stderr are streams of this file's.
 * Without it (the replay programs of make check), each input runs in a
 * child process, as the real binary would.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

#undef exit

#define MAXARGS		24
#define MAXFILES	4

int fuzz_cmd_main(int argc, char *argv[]);
_Noreturn void fuzz_exit(int status);

static char dir[64];		/* the directory runs happen in */
static char *work;		/* a copy of the input, split in place */

struct parts {
	int argc;
	char *argv[MAXARGS + 2];
	const char *in;		/* standard input */
	size_t inlen;
	const char *file[MAXFILES];
	size_t len[MAXFILES];
	int nfiles;
};

/* Split the input into arguments, input and files; -1 not to run it. */
static int
split(const uint8_t *data, size_t size, struct parts *p)
{
	char *s, *end, *nl, *nul;
	int i;

	free(work);
	if ((work = malloc(size + 1)) == NULL)
		return -1;
	memcpy(work, data, size);
	work[size] = '\0';
	end = work + size;
	memset(p, 0, sizeof(*p));
	p->argv[p->argc++] = "ki";
	/* The arguments: up to the first NUL. */
	nul = memchr(work, '\0', size);
	s = work;
	while (s < (nul ? nul : end)) {
		if (p->argc == MAXARGS + 1)
			return -1;
		if ((nl = strchr(s, '\n')) != NULL && nl < (nul ? nul : end))
			*nl = '\0';
		else
			nl = nul ? nul : end;
		if (strchr(s, '/') != NULL)
			return -1;
		p->argv[p->argc++] = s;
		s = nl + 1;
	}
	p->argv[p->argc] = NULL;
	if (nul == NULL)
		return 0;
	/* The standard input, then the files. */
	for (i = -1, s = nul + 1; s <= end && i < MAXFILES; i++) {
		char *e = memchr(s, '\0', (size_t)(end - s));

		if (e == NULL)
			e = end;
		if (i < 0) {
			p->in = s;
			p->inlen = (size_t)(e - s);
		} else {
			p->file[i] = s;
			p->len[i] = (size_t)(e - s);
			p->nfiles = i + 1;
		}
		s = e + 1;
	}
	return 0;
}

static int
wfile(const char *name, const char *data, size_t len)
{
	FILE *fp = fopen(name, "wb");

	if (fp == NULL)
		return -1;
	if (len > 0 && fwrite(data, 1, len, fp) != len) {
		fclose(fp);
		return -1;
	}
	return fclose(fp);
}

/* The run's directory made (once) and entered, with its files written. */
static void
remove_dir(void)
{
	/* Empty once the last run is cleaned; a child's exit leaves it. */
	rmdir(dir);
}

static int
prepare(const struct parts *p)
{
	char name[16];
	int i;

	if (dir[0] == '\0') {
		snprintf(dir, sizeof(dir), "/tmp/ki-fuzz-cmd.XXXXXX");
		if (mkdtemp(dir) == NULL) {
			dir[0] = '\0';
			return -1;
		}
		atexit(remove_dir);
		/* The shipped standards, schemes, tables and maps. */
		setenv("KI_DATADIR", FUZZ_SHARE, 1);
	}
	if (chdir(dir) == -1)
		return -1;
	if (wfile(".stdin", p->in ? p->in : "", p->inlen) == -1)
		return -1;
	for (i = 0; i < p->nfiles; i++) {
		snprintf(name, sizeof(name), "f%d", i + 1);
		if (wfile(name, p->file[i], p->len[i]) == -1)
			return -1;
	}
	return 0;
}

/*
 * Empty the directory. A file left that looks like -o's temporary file
 * (".NAME.XXXXXX") and is not named in the arguments is a fault.
 */
static int
clean(const struct parts *p)
{
	struct dirent *e;
	DIR *d = opendir(".");
	int left = 0, i;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		const char *n = e->d_name, *dot;

		if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0)
			continue;
		if (n[0] == '.' && strcmp(n, ".stdin") != 0 &&
		    strcmp(n, ".stderr") != 0 &&
		    (dot = strrchr(n, '.')) != n && strlen(dot) == 7) {
			left = 1;
			for (i = 1; i < p->argc; i++)
				if (strstr(p->argv[i], n) != NULL)
					left = 0;
			if (left)
				fprintf(stderr, "fuzz_cmd: %s left behind\n", n);
		}
		if (unlink(n) == -1 && errno == EISDIR)
			rmdir(n);
	}
	closedir(d);
	return left;
}

/* A run's end: the status and what it said, checked. */
static void
judge(int status, const char *err, size_t errlen, const struct parts *p)
{
	int i;

	if (status == 0 || ((status == 1 || status == 2) && errlen > 0))
		return;
	fprintf(stderr, "fuzz_cmd: exit status %d with %s on stderr; args:",
	    status, errlen ? "a message" : "nothing");
	for (i = 1; i < p->argc; i++)
		fprintf(stderr, " '%s'", p->argv[i]);
	fprintf(stderr, "\n%.*s", (int)(errlen < 2000 ? errlen : 2000),
	    err ? err : "");
	abort();
}

#ifdef FUZZ_INPROCESS

int __real_fclose(FILE *fp);
int __wrap_fclose(FILE *fp);

/*
 * A run that ends in exit() leaves what the command held, as a process's
 * end would: not a leak. The replay programs check leaks, run by run.
 */
const char *__asan_default_options(void);

const char *
__asan_default_options(void)
{
	return "detect_leaks=0";
}

static jmp_buf back;
static int exit_status;
static FILE *my_in, *my_out, *my_err;
static unsigned char had_fd[1024];	/* open before the first run */

/*
 * Descriptors opened since the first run: a run that ended in exit()
 * leaves its files open, as a process would at its end. Closed here.
 */
static void
close_fds(int first)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		int fd = atoi(e->d_name);

		if (e->d_name[0] < '0' || e->d_name[0] > '9' ||
		    fd == dirfd(d) || fd >= (int)sizeof(had_fd))
			continue;
		if (first)
			had_fd[fd] = 1;
		else if (!had_fd[fd])
			close(fd);
	}
	closedir(d);
}

_Noreturn void
fuzz_exit(int status)
{
	exit_status = status;
	longjmp(back, 1);
}

/* The command closes stdout (and may close the others): noted here. */
int
__wrap_fclose(FILE *fp)
{
	if (fp == my_in)
		my_in = NULL;
	else if (fp == my_out)
		my_out = NULL;
	else if (fp == my_err) {
		/* Kept open to be read; flushed as a close would. */
		return fflush(fp);
	}
	return __real_fclose(fp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sigaction old[3];
	static const int sigs[3] = { SIGINT, SIGTERM, SIGHUP };
	FILE *in = stdin, *out = stdout, *errfp = stderr;
	char *errbuf = NULL;
	size_t errlen = 0;
	struct parts p;
	int i, status, left;

	static int started;

	if (!started) {
		close_fds(1);
		started = 1;
	}
	if (split(data, size, &p) == -1 || prepare(&p) == -1)
		return 0;
	if ((my_in = fopen(".stdin", "rb")) == NULL ||
	    (my_out = fopen("/dev/null", "w")) == NULL ||
	    (my_err = open_memstream(&errbuf, &errlen)) == NULL) {
		if (my_in != NULL)
			__real_fclose(my_in);
		if (my_out != NULL)
			__real_fclose(my_out);
		return 0;
	}
	for (i = 0; i < 3; i++)
		sigaction(sigs[i], NULL, &old[i]);
	stdin = my_in;
	stdout = my_out;
	stderr = my_err;
	optind = 0;	/* glibc: getopt starts afresh */
	if (setjmp(back) == 0)
		status = fuzz_cmd_main(p.argc, p.argv);
	else
		status = exit_status;
	stdin = in;
	stdout = out;
	stderr = errfp;
	/* -o catches these signals: the fuzzer's own handlers again. */
	for (i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
	if (my_in != NULL)
		__real_fclose(my_in);
	if (my_out != NULL)
		__real_fclose(my_out);
	__real_fclose(my_err);
	my_in = my_out = my_err = NULL;
	close_fds(0);
	left = clean(&p);
	judge(status, errbuf, errlen, &p);
	free(errbuf);
	if (left)
		abort();
	return 0;
}

#else	/* each input in a child process */

/* Sanitizers' findings must not pass for ki's exit status 1. */
const char *__asan_default_options(void);
const char *__ubsan_default_options(void);

const char *
__asan_default_options(void)
{
	return "exitcode=99";
}

const char *
__ubsan_default_options(void)
{
	return "exitcode=99:print_stacktrace=1";
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *errbuf = NULL;
	size_t errlen = 0;
	struct parts p;
	pid_t pid;
	int st, left;
	char cwd[4096];

	if (split(data, size, &p) == -1 || getcwd(cwd, sizeof(cwd)) == NULL ||
	    prepare(&p) == -1)
		return 0;
	fflush(NULL);
	if ((pid = fork()) == -1)
		abort();
	if (pid == 0) {
		int fd;

		alarm(60);
		if ((fd = open(".stdin", O_RDONLY)) == -1 || dup2(fd, 0) == -1 ||
		    (fd = open("/dev/null", O_WRONLY)) == -1 || dup2(fd, 1) == -1 ||
		    (fd = open(".stderr", O_WRONLY | O_CREAT | O_TRUNC, 0600)) ==
		    -1 || dup2(fd, 2) == -1)
			_exit(98);
		exit(fuzz_cmd_main(p.argc, p.argv));
	}
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			abort();
	{
		FILE *fp = fopen(".stderr", "rb");
		char buf[8192];
		size_t n;

		if (fp != NULL) {
			n = fread(buf, 1, sizeof(buf) - 1, fp);
			buf[n] = '\0';
			errlen = n;
			errbuf = strdup(buf);
			fclose(fp);
		}
	}
	left = clean(&p);
	if (chdir(cwd) == -1)
		abort();
	if (WIFSIGNALED(st)) {
		fprintf(stderr, "fuzz_cmd: killed by signal %d\n%s",
		    WTERMSIG(st), errbuf ? errbuf : "");
		abort();
	}
	if (errbuf != NULL && (strstr(errbuf, "runtime error:") != NULL ||
	    strstr(errbuf, "Sanitizer") != NULL)) {
		fprintf(stderr, "fuzz_cmd: a sanitizer's report\n%s", errbuf);
		abort();
	}
	judge(WEXITSTATUS(st), errbuf, errlen, &p);
	free(errbuf);
	if (left)
		abort();
	return 0;
}

#endif

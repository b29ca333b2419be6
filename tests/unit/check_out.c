/* Unit tests for lib/out.c: atomic output files and ki_fshut. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <check.h>

#include "ki/out.h"

#include "util.h"

static char path[128];
static struct ki_err err;

/* The names in util_dir, in readdir order, joined by spaces. */
static const char *
listing(void)
{
	static char buf[1024];
	DIR *d = opendir(util_dir);
	struct dirent *e;

	ck_assert_ptr_nonnull(d);
	buf[0] = '\0';
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (buf[0] != '\0')
			strcat(buf, " ");
		strncat(buf, e->d_name, sizeof(buf) - strlen(buf) - 2);
	}
	closedir(d);
	return buf;
}

static void
setup(void)
{
	util_setup();
	util_path(path, sizeof(path), "out.csv");
	ki_err_clear(&err);
}

START_TEST(open_commit)
{
	struct ki_out o;

	ck_assert_int_eq(ki_out_open(&o, path, &err), 0);
	ck_assert_ptr_nonnull(o.fp);
	ck_assert_str_eq(o.name, path);
	ck_assert_str_eq(o.path, path);
	/* A file with no name: nothing in the directory until the commit. */
	ck_assert_int_eq(o.how, KI_OUT_LINK);
	ck_assert_ptr_null(o.tmp);
	ck_assert_int_ge(o.fd, 0);
	ck_assert_int_gt(fputs("urn,name\n1,a\n", o.fp), -1);
	fflush(o.fp);
	ck_assert_str_eq(listing(), "");
	ck_assert_int_eq(ki_out_commit(&o, &err), 0);
	ck_assert_str_eq(util_content(path), "urn,name\n1,a\n");
	ck_assert_str_eq(listing(), "out.csv");
	ck_assert_ptr_null(o.path);
	ck_assert_ptr_null(o.tmp);
	ck_assert_int_eq(o.fd, -1);
}
END_TEST

/* Where O_TMPFILE is missing: a named temporary file beside path. */
START_TEST(open_commit_portable)
{
	struct ki_out o;

	ck_assert_int_eq(ki_out_open_opts(&o, path, KI_OUT_NAMED, &err), 0);
	ck_assert_int_eq(o.how, KI_OUT_RENAME);
	ck_assert_ptr_nonnull(o.tmp);
	ck_assert_int_eq(strncmp(o.tmp, util_dir, strlen(util_dir)), 0);
	ck_assert_int_eq(access(o.tmp, F_OK), 0);
	ck_assert_int_eq(access(path, F_OK), -1);
	ck_assert_int_gt(fputs("urn,name\n1,a\n", o.fp), -1);
	ck_assert_int_eq(ki_out_commit(&o, &err), 0);
	ck_assert_str_eq(util_content(path), "urn,name\n1,a\n");
	ck_assert_str_eq(listing(), "out.csv");
	ck_assert_ptr_null(o.tmp);
}
END_TEST

START_TEST(commit_replaces)
{
	struct ki_out o;
	int portable;

	for (portable = 0; portable < 2; portable++) {
		util_wfile(path, "old\n");
		ck_assert_int_eq(ki_out_open_opts(&o, path, portable ?
		    KI_OUT_NAMED : 0, &err), 0);
		/* The old file stays until the commit. */
		fputs("new\n", o.fp);
		fflush(o.fp);
		ck_assert_str_eq(util_content(path), "old\n");
		ck_assert_int_eq(ki_out_commit(&o, &err), 0);
		ck_assert_str_eq(util_content(path), "new\n");
		ck_assert_str_eq(listing(), "out.csv");
		/* A path without a directory part writes in the current one. */
		ck_assert_int_eq(chdir(util_dir), 0);
		ck_assert_int_eq(ki_out_open_opts(&o, "rel.csv", portable ?
		    KI_OUT_NAMED : 0, &err), 0);
		ck_assert(o.tmp == NULL || strchr(o.tmp, '/') == NULL);
		fputs("r\n", o.fp);
		ck_assert_int_eq(ki_out_commit(&o, &err), 0);
		ck_assert_str_eq(util_content("rel.csv"), "r\n");
		unlink("rel.csv");
		ck_assert_str_eq(listing(), "out.csv");
	}
}
END_TEST

/* A symlink is followed: its target is replaced, the link stays. */
START_TEST(commit_symlink)
{
	struct ki_out o;
	struct stat st;
	char target[160], other[160];

	util_path(target, sizeof(target), "target.csv");
	util_wfile(target, "old\n");
	ck_assert_int_eq(symlink("target.csv", path), 0);
	ck_assert_int_eq(ki_out_open(&o, path, &err), 0);
	ck_assert_str_eq(o.path, target);
	ck_assert_str_eq(o.name, path);
	fputs("new\n", o.fp);
	ck_assert_int_eq(ki_out_commit(&o, &err), 0);
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	ck_assert_str_eq(util_content(target), "new\n");
	/* A chain of links, the last one dangling: its file is made. */
	unlink(target);
	unlink(path);
	util_path(target, sizeof(target), "last.csv");
	ck_assert_int_eq(symlink(target, util_path(other, sizeof(other),
	    "mid.csv")), 0);
	ck_assert_int_eq(symlink("mid.csv", path), 0);
	ck_assert_int_eq(ki_out_open(&o, path, &err), 0);
	ck_assert_str_eq(o.path, target);
	fputs("end\n", o.fp);
	ck_assert_int_eq(ki_out_commit(&o, &err), 0);
	ck_assert_str_eq(util_content(target), "end\n");
	/* A loop is an error. */
	unlink(target);
	ck_assert_int_eq(symlink("out.csv", target), 0);
	ck_assert_int_eq(ki_out_open(&o, path, &err), -1);
	ck_assert_str_eq(err.msg, strerror(ELOOP));
}
END_TEST

/* Hard links keep sharing the file: it is rewritten in place. */
START_TEST(commit_hard_link)
{
	struct ki_out o;
	struct stat a, b;
	char other[160];
	int fd;

	util_path(other, sizeof(other), "other.csv");
	util_wfile(path, "old and longer\n");
	ck_assert_int_eq(link(path, other), 0);
	ck_assert_int_eq(ki_out_open(&o, path, &err), 0);
	ck_assert_int_eq(o.how, KI_OUT_INPLACE);
	fputs("new\n", o.fp);
	fflush(o.fp);
	ck_assert_str_eq(util_content(other), "old and longer\n");
	ck_assert_int_eq(ki_out_commit(&o, &err), 0);
	ck_assert_str_eq(util_content(other), "new\n");
	ck_assert_int_eq(stat(path, &a), 0);
	ck_assert_int_eq(stat(other, &b), 0);
	ck_assert(a.st_ino == b.st_ino);
	ck_assert_int_eq(strlen(listing()), strlen("other.csv out.csv"));
	/* An abort, or a failed write, leaves it as it was. */
	ck_assert_int_eq(ki_out_open(&o, path, &err), 0);
	fputs("partial", o.fp);
	ki_out_abort(&o);
	ck_assert_str_eq(util_content(other), "new\n");
	ck_assert_int_eq(ki_out_open(&o, path, &err), 0);
	fputs("lost\n", o.fp);
	ck_assert_int_ge(fd = open("/dev/full", O_WRONLY), 0);
	ck_assert_int_ge(dup2(fd, fileno(o.fp)), 0);
	close(fd);
	ck_assert_int_eq(ki_out_commit(&o, &err), -1);
	ck_assert_str_eq(err.msg, strerror(ENOSPC));
	ck_assert_str_eq(util_content(other), "new\n");
	ck_assert_int_eq(strlen(listing()), strlen("other.csv out.csv"));
}
END_TEST

/* A FIFO or a device is written straight through and never replaced. */
START_TEST(open_through)
{
	struct ki_out o;
	struct stat st;
	int fd;

	ck_assert_int_eq(mkfifo(path, 0600), 0);
	/* A reader, so that the open for writing does not wait. */
	ck_assert_int_ge(fd = open(path, O_RDONLY | O_NONBLOCK), 0);
	ck_assert_int_eq(ki_out_open(&o, path, &err), 0);
	ck_assert_int_eq(o.how, KI_OUT_THROUGH);
	fputs("through\n", o.fp);
	ck_assert_int_eq(ki_out_commit(&o, &err), 0);
	{
		char buf[32];
		ssize_t n = read(fd, buf, sizeof(buf) - 1);

		ck_assert_int_eq(n, 8);
		buf[n] = '\0';
		ck_assert_str_eq(buf, "through\n");
	}
	close(fd);
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
	ck_assert_str_eq(listing(), "out.csv");
	ck_assert_int_eq(ki_out_open(&o, "/dev/null", &err), 0);
	ck_assert_int_eq(o.how, KI_OUT_THROUGH);
	fputs("gone\n", o.fp);
	ck_assert_int_eq(ki_out_commit(&o, &err), 0);
	ck_assert_int_eq(stat("/dev/null", &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
	/* A directory is an error, not replaced. */
	ck_assert_int_eq(ki_out_open(&o, util_dir, &err), -1);
	ck_assert_str_eq(err.msg, strerror(EISDIR));
}
END_TEST

/* The new file gets the mode a plain creat(2) would give: 0666 & ~umask. */
START_TEST(commit_mode)
{
	struct ki_out o;
	struct stat st;
	mode_t mask = umask(022);

	ck_assert_int_eq(ki_out_open(&o, path, &err), 0);
	fputs("x\n", o.fp);
	ck_assert_int_eq(ki_out_commit(&o, &err), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	umask(mask);
	ck_assert_msg((st.st_mode & 0777) == 0644, "mode %03o, not 644",
	    (unsigned)(st.st_mode & 0777));
}
END_TEST

START_TEST(commit_fails)
{
	struct ki_out o;
	int fd;

	util_wfile(path, "old\n");
	ck_assert_int_eq(ki_out_open(&o, path, &err), 0);
	fputs("lost\n", o.fp);
	/* Make the temporary file's descriptor a full disk. */
	ck_assert_int_ge(fd = open("/dev/full", O_WRONLY), 0);
	ck_assert_int_ge(dup2(fd, fileno(o.fp)), 0);
	close(fd);
	ck_assert_int_eq(ki_out_commit(&o, &err), -1);
	ck_assert_str_eq(err.file, path);
	ck_assert_str_eq(err.msg, strerror(ENOSPC));
	ck_assert_str_eq(util_content(path), "old\n");
	ck_assert_str_eq(listing(), "out.csv");
}
END_TEST

START_TEST(abort_keeps_old)
{
	struct ki_out o;

	util_wfile(path, "old\n");
	ck_assert_int_eq(ki_out_open(&o, path, &err), 0);
	fputs("partial", o.fp);
	fflush(o.fp);
	ki_out_abort(&o);
	ck_assert_str_eq(util_content(path), "old\n");
	ck_assert_str_eq(listing(), "out.csv");
	ck_assert_ptr_null(o.tmp);
	unlink(path);
	/* Without an old file, nothing is left at all. */
	ck_assert_int_eq(ki_out_open(&o, path, &err), 0);
	fputs("partial", o.fp);
	ki_out_abort(&o);
	ck_assert_str_eq(listing(), "");
	ck_assert_int_eq(access(path, F_OK), -1);
}
END_TEST

/* Child: open -o path, write, then die of signal sig. */
static void
die_mid_run(int portable, int sig)
{
	pid_t pid;
	int status;

	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct ki_out o;

		signal(sig, SIG_DFL);
		if (ki_out_open_opts(&o, path, portable ? KI_OUT_NAMED : 0,
		    &err) == 0) {
			fputs("partial\n", o.fp);
			fflush(o.fp);
			kill(getpid(), sig);
		}
		_exit(3);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFSIGNALED(status));
	ck_assert_int_eq(WTERMSIG(status), sig);
}

START_TEST(signal_removes_tmp)
{
	/* With O_TMPFILE no signal, not even SIGKILL, can leave a file. */
	die_mid_run(0, SIGKILL);
	ck_assert_str_eq(listing(), "");
	die_mid_run(0, SIGQUIT);
	ck_assert_str_eq(listing(), "");
	/* A named temporary file: catchable signals remove it. */
	die_mid_run(1, SIGTERM);
	ck_assert_str_eq(listing(), "");
	die_mid_run(1, SIGQUIT);
	ck_assert_str_eq(listing(), "");
	die_mid_run(1, SIGABRT);
	ck_assert_str_eq(listing(), "");
	util_wfile(path, "old\n");
	die_mid_run(0, SIGKILL);
	die_mid_run(1, SIGINT);
	ck_assert_str_eq(util_content(path), "old\n");
	ck_assert_str_eq(listing(), "out.csv");
}
END_TEST

START_TEST(open_missing_dir)
{
	struct ki_out o;
	char p[160];

	util_path(p, sizeof(p), "no-such-dir/out.csv");
	ck_assert_int_eq(ki_out_open(&o, p, &err), -1);
	ck_assert_str_eq(err.file, p);
	ck_assert_str_eq(err.msg, strerror(ENOENT));
	ck_assert_int_eq(err.line, 0);
	ck_assert_ptr_null(o.path);
	ck_assert_ptr_null(o.tmp);
	ck_assert_str_eq(listing(), "");
}
END_TEST

START_TEST(open_stdout)
{
	struct ki_out o;

	ck_assert_ptr_nonnull(freopen(path, "w", stdout));
	ck_assert_int_eq(ki_out_open(&o, NULL, &err), 0);
	ck_assert_ptr_eq(o.fp, stdout);
	ck_assert_str_eq(o.name, "<stdout>");
	ck_assert_ptr_null(o.path);
	/* Not a terminal: the output's own buffer, closed with stdout. */
	ck_assert_ptr_nonnull(o.buf);
	fputs("first\n", o.fp);
	ck_assert_int_eq(ki_out_commit(&o, &err), 0);
	ck_assert_ptr_null(o.buf);
	ck_assert_str_eq(util_content(path), "first\n");
	ck_assert_ptr_nonnull(stdout = fopen(path, "w"));
	ck_assert_int_eq(ki_out_open(&o, "-", &err), 0);
	ck_assert_ptr_eq(o.fp, stdout);
	ck_assert_ptr_null(o.tmp);
	fputs("to stdout\n", o.fp);
	ck_assert_int_eq(ki_out_commit(&o, &err), 0);
	ck_assert_str_eq(util_content(path), "to stdout\n");
	ck_assert_str_eq(listing(), "out.csv");
	/* An abort flushes what was written and closes stdout all the same. */
	ck_assert_ptr_nonnull(stdout = fopen(path, "w"));
	ck_assert_int_eq(ki_out_open(&o, NULL, &err), 0);
	fputs("so far\n", o.fp);
	ki_out_abort(&o);
	ck_assert_ptr_null(o.buf);
	ck_assert_ptr_null(o.fp);
	ck_assert_str_eq(util_content(path), "so far\n");
}
END_TEST

START_TEST(fshut_full)
{
	FILE *fp = fopen("/dev/full", "w");

	ck_assert_ptr_nonnull(fp);
	fputs("data\n", fp);
	ck_assert_int_eq(ki_fshut(fp, "<stdout>", &err), -1);
	ck_assert_str_eq(err.file, "<stdout>");
	ck_assert_str_eq(err.msg, "No space left on device");
	ck_assert_int_eq(err.line, 0);
	ck_assert_str_eq(err.field, "");
}
END_TEST

START_TEST(fshut_ok)
{
	FILE *fp = fopen(path, "w");

	ck_assert_ptr_nonnull(fp);
	fputs("data\n", fp);
	ki_err_clear(&err);
	ck_assert_int_eq(ki_fshut(fp, path, &err), 0);
	ck_assert_str_eq(err.msg, "");
	ck_assert_str_eq(util_content(path), "data\n");
}
END_TEST

START_TEST(fshut_epipe)
{
	int fd[2];
	FILE *fp;

	signal(SIGPIPE, SIG_IGN);
	ck_assert_int_eq(pipe(fd), 0);
	close(fd[0]);
	ck_assert_ptr_nonnull(fp = fdopen(fd[1], "w"));
	fputs("data\n", fp);
	strcpy(err.msg, "unset");
	ck_assert_int_eq(ki_fshut(fp, "<stdout>", &err), -1);
	ck_assert_str_eq(err.msg, "");
}
END_TEST

static Suite *
out_suite(void)
{
	Suite *s = suite_create("out");
	TCase *tc;

	tc = tcase_create("ki_out_open");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, open_missing_dir);
	tcase_add_test(tc, open_stdout);
	tcase_add_test(tc, signal_removes_tmp);
	tcase_add_test(tc, open_through);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_out_commit");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, open_commit);
	tcase_add_test(tc, open_commit_portable);
	tcase_add_test(tc, commit_replaces);
	tcase_add_test(tc, commit_symlink);
	tcase_add_test(tc, commit_hard_link);
	tcase_add_test(tc, commit_mode);
	tcase_add_test(tc, commit_fails);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_out_abort");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, abort_keeps_old);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_fshut");
	tcase_add_unchecked_fixture(tc, util_base_setup, util_base_teardown);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, fshut_full);
	tcase_add_test(tc, fshut_ok);
	tcase_add_test(tc, fshut_epipe);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(out_suite());
}

/*
 * Helpers shared by the unit tests (tests/unit/check_*.c). A helper that
 * finds a problem reports it with ck_assert, failing the test that called it.
 */
#ifndef KI_TESTS_UNIT_UTIL_H
#define KI_TESTS_UNIT_UTIL_H

#include <stddef.h>
#include <stdio.h>

#include <check.h>

#include "ki/err.h"
#include "ki/hdr.h"

/* The TCase's temporary directory: made by util_base_setup. */
extern char util_base[32];
/* The test's own fresh directory inside util_base: made by util_setup. */
extern char util_dir[48];

/* Remove p and everything under it, ignoring errors (a missing p too). */
void util_rmtree(const char *p);

/* Unchecked fixture: make util_base, once per TCase, in the runner. */
void util_base_setup(void);

/* Unchecked fixture: remove util_base and all in it, even after a failure. */
void util_base_teardown(void);

/* Checked fixture: make a fresh util_dir inside util_base for each test. */
void util_setup(void);

/* Put util_dir/name in buf (n bytes) and return buf; it must fit. */
char *util_path(char *buf, size_t n, const char *name);

/* Write exactly the len bytes of data to file p, replacing it; return p. */
const char *util_wbytes(const char *p, const void *data, size_t len);

/* Write the string s to file p, replacing it; return p. */
const char *util_wfile(const char *p, const char *s);

/* All of fp from its start, in a static buffer the next read replaces. */
const char *util_fread_all(FILE *fp);

/* All of file p (as util_fread_all), or "(missing)" if it cannot be opened. */
const char *util_content(const char *p);

/* Open a stream that writes to memory; one at a time, see util_mclose_is. */
FILE *util_mopen(void);

/* Close fp (from util_mopen): it got exactly want; what names the case. */
void util_mclose_is(FILE *fp, const char *what, const char *want);

/* err is about file at line and field (NULL: any), its message has msg. */
void util_err_is(const struct ki_err *err, const char *file, long line,
    const char *field, const char *msg);

/* A new header of the NULL-terminated names, each at its own index. */
struct ki_hdr *util_hdr(const char *const *names);

/* The index of column name in h, which must have it. */
long util_col(const struct ki_hdr *h, const char *name);

/*
 * UTIL_ASAN is 1 under AddressSanitizer, whose shadow and quarantine make
 * peak sizes its own: memory tests skip their bounds then.
 */
#if defined(__SANITIZE_ADDRESS__)
#define UTIL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UTIL_ASAN 1
#endif
#endif
#ifndef UTIL_ASAN
#define UTIL_ASAN 0
#endif

/* The process's peak resident size so far, in KB. */
long util_maxrss(void);

/* Run every test in s (the srunner frees it); main's exit status. */
int util_run(Suite *s);

#endif

/*
 * failmalloc.c: an LD_PRELOAD library that makes one allocation fail, for
 * tests/oom/sweep.sh.
 *
 *   KI_FAILMALLOC=N       the Nth allocation (1 is the first) returns NULL
 *                         with errno ENOMEM; 0 or unset fails none.
 *   KI_FAILMALLOC_ALL=1   every allocation from the Nth on fails, not only
 *                         the Nth (memory that stays exhausted).
 *   KI_FAILMALLOC_HIT=F   when an allocation is failed, F is created, so the
 *                         sweep knows when N has passed the last allocation.
 *   KI_FAILMALLOC_TRAP=1  raise SIGTRAP at the failed allocation, for its
 *                         backtrace in gdb (set startup-with-shell off).
 *
 * Counted are malloc, calloc, realloc, reallocarray, memalign,
 * posix_memalign, aligned_alloc, valloc and pvalloc, from every thread
 * (atomically). strdup, asprintf, fopen and the rest of the C library
 * allocate through these, so they fail as well. Counting starts when this
 * library is initialised, after the C library's own start-up. The real
 * allocator is glibc's __libc_* entry points: no dlsym, so no recursion.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

static unsigned long fail_at;	/* 0: never */
static int fail_all;
static int trap;
static const char *hit_file;
static unsigned long count;
static int armed;

static void
parse(void)
{
	const char *s = getenv("KI_FAILMALLOC");
	unsigned long n = 0;

	for (; s != NULL && *s >= '0' && *s <= '9'; s++)
		n = n * 10 + (unsigned long)(*s - '0');
	fail_at = n;
	s = getenv("KI_FAILMALLOC_ALL");
	fail_all = s != NULL && *s == '1';
	hit_file = getenv("KI_FAILMALLOC_HIT");
	s = getenv("KI_FAILMALLOC_TRAP");
	trap = s != NULL && *s == '1';
}

__attribute__((constructor)) static void
init(void)
{
	parse();
	__atomic_store_n(&armed, 1, __ATOMIC_SEQ_CST);
}

/* fail: count one allocation; nonzero when it is to fail. */
static int
fail(void)
{
	unsigned long n;
	int fd;

	if (!__atomic_load_n(&armed, __ATOMIC_SEQ_CST) || fail_at == 0)
		return 0;
	n = __atomic_add_fetch(&count, 1, __ATOMIC_SEQ_CST);
	if (n < fail_at || (n > fail_at && !fail_all))
		return 0;
	if (n == fail_at && hit_file != NULL) {
		fd = open(hit_file, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
		if (fd >= 0)
			close(fd);
	}
	if (n == fail_at && trap)
		raise(SIGTRAP);
	errno = ENOMEM;
	return 1;
}

void *
malloc(size_t n)
{
	return fail() ? NULL : __libc_malloc(n);
}

void *
calloc(size_t n, size_t size)
{
	return fail() ? NULL : __libc_calloc(n, size);
}

void *
realloc(void *p, size_t n)
{
	return fail() ? NULL : __libc_realloc(p, n);
}

void *
reallocarray(void *p, size_t n, size_t size)
{
	size_t t;

	if (__builtin_mul_overflow(n, size, &t)) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(p, t);
}

void *
memalign(size_t align, size_t n)
{
	return fail() ? NULL : __libc_memalign(align, n);
}

void *
aligned_alloc(size_t align, size_t n)
{
	return memalign(align, n);
}

int
posix_memalign(void **p, size_t align, size_t n)
{
	void *q;

	if (align < sizeof(void *) || (align & (align - 1)) != 0)
		return EINVAL;
	if ((q = memalign(align, n)) == NULL)
		return ENOMEM;
	*p = q;
	return 0;
}

void *
valloc(size_t n)
{
	return memalign((size_t)sysconf(_SC_PAGESIZE), n);
}

void *
pvalloc(size_t n)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);

	return memalign(pg, (n + pg - 1) / pg * pg);
}

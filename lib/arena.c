/* Arenas for jansson's objects, per thread. */
#include <stdint.h>
#include <stdlib.h>
#include <threads.h>

#include <jansson.h>

#include "ki/arena.h"

/*
 * Under AddressSanitizer, what is not handed out (or was, before the last
 * reset) is poisoned, so that a use of text from an emptied arena is
 * caught as a use after free would be.
 */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif
#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n)	ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n)	ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n)	((void)(p), (void)(n))
#define UNPOISON(p, n)	((void)(p), (void)(n))
#endif

#define BLOCK	(256 * 1024)
#define ALIGN	16

struct block {
	struct block *next;
	size_t size, used;
	/* the memory follows, aligned */
};

struct ki_arena {
	struct block *head;	/* blocks in use, newest first */
	struct block *spare;	/* blocks kept from before the last reset */
};

static _Thread_local struct ki_arena *active;
static _Thread_local int failed;	/* an allocation for jansson failed */
/* Memory for jansson once an allocation has failed (ki_arena_reserve). */
static _Thread_local char *reserve;
static _Thread_local size_t rsize, rused;
/* jansson's functions before ours: what every other allocation still uses. */
static json_malloc_t prev_malloc = malloc;
static json_free_t prev_free = free;

#define HDR	((sizeof(struct block) + ALIGN - 1) / ALIGN * ALIGN)

static int
owns(const struct ki_arena *a, const void *p)
{
	const struct block *b;

	for (b = a->head; b != NULL; b = b->next)
		if ((const char *)p >= (const char *)b + HDR &&
		    (const char *)p < (const char *)b + HDR + b->size)
			return 1;
	return 0;
}

static void *
take(struct ki_arena *a, size_t n)
{
	struct block *b = a->head;

	if (n > SIZE_MAX - HDR - ALIGN)
		return NULL;
	n = (n + ALIGN - 1) / ALIGN * ALIGN;
	if (b == NULL || b->size - b->used < n) {
		if (n <= BLOCK && a->spare != NULL) {
			b = a->spare;
			a->spare = b->next;
		} else {
			size_t size = n > BLOCK ? n : BLOCK;

			if ((b = malloc(HDR + size)) == NULL)
				return NULL;
			b->size = size;
			POISON((char *)b + HDR, size);
		}
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	b->used += n;
	UNPOISON((char *)b + HDR + b->used - n, n);
	return (char *)b + HDR + b->used - n;
}

static int
in_reserve(const void *p)
{
	return reserve != NULL && (const char *)p >= reserve &&
	    (const char *)p < reserve + rsize;
}

static void *
arena_malloc(size_t n)
{
	void *p = active != NULL ? take(active, n) : prev_malloc(n);

	if (p == NULL) {
		failed = 1;
		/* jansson's parser is not safe from a failed allocation. */
		n = n <= rsize ? (n + ALIGN - 1) / ALIGN * ALIGN : rsize + 1;
		if (reserve != NULL && n <= rsize - rused) {
			p = reserve + rused;
			rused += n;
		}
	}
	return p;
}

static void
arena_free(void *p)
{
	/* What the arena gave is given back with it, not one by one. */
	if (p == NULL || in_reserve(p) || (active != NULL && owns(active, p)))
		return;
	prev_free(p);
}

int
ki_arena_reserve(size_t n)
{
	ki_arena_unreserve();
	if ((reserve = prev_malloc(n)) == NULL)
		return -1;
	rsize = n;
	rused = 0;
	return 0;
}

void
ki_arena_unreserve(void)
{
	prev_free(reserve);
	reserve = NULL;
	rsize = rused = 0;
}

struct ki_arena *
ki_arena_new(void)
{
	return calloc(1, sizeof(struct ki_arena));
}

void
ki_arena_reset(struct ki_arena *a)
{
	struct block *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		if (b->size == BLOCK) {
			POISON((char *)b + HDR, b->size);
			b->next = a->spare;
			a->spare = b;
		} else {
			UNPOISON((char *)b + HDR, b->size);
			free(b);
		}
	}
	a->head = NULL;
}

void
ki_arena_free(struct ki_arena *a)
{
	struct block *b, *next;

	if (a == NULL)
		return;
	ki_arena_reset(a);
	for (b = a->spare; b != NULL; b = next) {
		next = b->next;
		UNPOISON((char *)b + HDR, b->size);
		free(b);
	}
	free(a);
}

void
ki_arena_use(struct ki_arena *a)
{
	active = a;
}

int
ki_arena_failed(void)
{
	int f = failed;

	failed = 0;
	return f;
}

/*
 * jansson has one allocator for the whole process: ours is put in while
 * something uses it (users counts them) and the one before is put back
 * when the last is done. Its functions pass what is not an arena's through
 * to the functions before, so either may free what the other allocated.
 */
static once_flag once = ONCE_FLAG_INIT;
static mtx_t hook_mu;
static int hook_ok;
static long users;

static void
init(void)
{
	hook_ok = mtx_init(&hook_mu, mtx_plain) == thrd_success;
}

void
ki_arena_install(void)
{
	call_once(&once, init);
	if (!hook_ok)
		return;
	mtx_lock(&hook_mu);
	if (users++ == 0) {
		json_get_alloc_funcs(&prev_malloc, &prev_free);
		json_set_alloc_funcs(arena_malloc, arena_free);
	}
	mtx_unlock(&hook_mu);
}

void
ki_arena_uninstall(void)
{
	call_once(&once, init);
	if (!hook_ok)
		return;
	mtx_lock(&hook_mu);
	if (users > 0 && --users == 0)
		json_set_alloc_funcs(prev_malloc, prev_free);
	mtx_unlock(&hook_mu);
}

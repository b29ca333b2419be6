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
static once_flag installed = ONCE_FLAG_INIT;
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

static void *
arena_malloc(size_t n)
{
	return active != NULL ? take(active, n) : prev_malloc(n);
}

static void
arena_free(void *p)
{
	/* What the arena gave is given back with it, not one by one. */
	if (p == NULL || (active != NULL && owns(active, p)))
		return;
	prev_free(p);
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

static void
install(void)
{
	json_get_alloc_funcs(&prev_malloc, &prev_free);
	json_set_alloc_funcs(arena_malloc, arena_free);
}

void
ki_arena_install(void)
{
	call_once(&installed, install);
}

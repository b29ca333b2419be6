/*
 * Arenas for jansson's objects: memory taken in big blocks and given back
 * all at once. The thread reading NDJSON ahead parses each batch's objects
 * into the batch's arena, and empties the arena instead of freeing the
 * objects one by one: malloc and free were a fifth of its time.
 */
#ifndef KI_ARENA_H
#define KI_ARENA_H

#include <stddef.h>

struct ki_arena;

/* A new, empty arena, or NULL out of memory. */
struct ki_arena *ki_arena_new(void);

/* Forget everything in a (keeping its blocks for reuse). */
void ki_arena_reset(struct ki_arena *a);

/* Free a and its blocks. NULL is allowed. */
void ki_arena_free(struct ki_arena *a);

/*
 * From now on, jansson's allocations in the calling thread come from a
 * (NULL: from malloc again), and its frees of them do nothing. Other
 * threads are not affected. Objects made so must not be freed with
 * json_decref after ki_arena_reset or outside ki_arena_use(a).
 */
void ki_arena_use(struct ki_arena *a);

/*
 * Route jansson's allocations through the arenas, from now until the
 * matching ki_arena_uninstall: the reader installs it while it reads NDJSON
 * (before its threads start, until they have stopped), ki_json_load while
 * it loads, to see allocations fail. jansson has one allocator for the
 * whole process, so the hook is scoped by thread instead: a thread with no
 * arena in use allocates and frees through the functions that were in
 * place before (malloc and free, or a program's own), and a pointer that
 * is not in the arena in use is freed through them too; when the last user
 * uninstalls, those functions are put back. What jansson allocates inside
 * ki_arena_use(a) (the text of json_dumps as well) lives in a: it must not
 * reach free() or outlive the arena. Calls nest; each install needs one
 * uninstall.
 */
void ki_arena_install(void);
void ki_arena_uninstall(void);

/*
 * Nonzero when, since the last call in this thread, an allocation jansson
 * asked for in it has failed (while installed); clears that. So a
 * parse that fails for want of memory is not called invalid JSON.
 */
int ki_arena_failed(void);

/*
 * Keep n bytes (-1: out of memory) from which jansson's allocations in the
 * calling thread are met, after ki_arena_install, when malloc or the arena
 * fails them: ki_arena_failed still says so, but jansson's parser, which
 * can read past a string it could not grow, sees no failure. Frees of that
 * memory do nothing: whatever jansson made from it must be freed before
 * ki_arena_unreserve gives it back.
 */
int ki_arena_reserve(size_t n);
void ki_arena_unreserve(void);

#endif

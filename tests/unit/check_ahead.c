/* Unit tests for lib/ahead.c (reading ahead) and lib/arena.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include <check.h>
#include <jansson.h>

#include "ki/ahead.h"
#include "ki/arena.h"

#include "util.h"

/* A source of numbered records, "r1", "r2", ..., ending or failing. */
struct src {
	long next, last;	/* records 1..last */
	int fail;		/* fail after last instead of ending */
	int drops, finals;	/* calls of drop */
};

static void
fill(void *arg, struct ki_batch *b, size_t max)
{
	struct src *s = arg;
	char text[32];

	while (b->nrows < max) {
		if (s->next > s->last) {
			b->end = 1;
			b->rc = s->fail ? ki_err_set(&b->err, "src", s->next, NULL,
			    "bad record") : 0;
			return;
		}
		ck_assert_ptr_nonnull(ki_batch_row(b, s->next));
		snprintf(text, sizeof(text), "r%ld", s->next);
		ck_assert_int_eq(ki_batch_field(b, text, strlen(text)), 0);
		ck_assert_int_eq(ki_batch_field(b, NULL, 0), 0);
		s->next++;
	}
}

static void
drop(struct ki_batch *b, int last)
{
	/* Only the thread calls it before refilling; stop calls it last. */
	struct src *s = (struct src *)b->own;

	if (s != NULL) {
		s->drops++;
		s->finals += last;
	}
}

/* Read every record of s through a thread, in batches of max. */
static long
read_all(struct src *s, size_t max, int *rc)
{
	struct ki_ahead *a = ki_ahead_start(fill, NULL, s, max, NULL);
	long n = 0;
	size_t i;

	ck_assert_ptr_nonnull(a);
	for (;;) {
		struct ki_batch *b = ki_ahead_take(a);

		for (i = 0; i < b->nrows; i++) {
			char want[32];
			const struct ki_raw *r = &b->rows[i];

			n++;
			snprintf(want, sizeof(want), "r%ld", n);
			ck_assert_int_eq(r->line, n);
			ck_assert_uint_eq(r->n, 2);
			ck_assert_str_eq(b->text + b->f[r->first].off, want);
			ck_assert_int_eq(b->f[r->first + 1].null, 1);
		}
		if (b->end) {
			*rc = b->rc;
			if (b->rc == -1)
				ck_assert_str_eq(b->err.msg, "bad record");
			break;
		}
	}
	ki_ahead_stop(a);
	return n;
}

START_TEST(in_order)
{
	static const long sizes[] = { 0, 1, 7, 8, 9, 100, 12345 };
	size_t k;
	int rc;

	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		struct src s = { 1, sizes[k], 0, 0, 0 };

		ck_assert_int_eq(read_all(&s, 8, &rc), sizes[k]);
		ck_assert_int_eq(rc, 0);
		s = (struct src){ 1, sizes[k], 1, 0, 0 };
		ck_assert_int_eq(read_all(&s, 8, &rc), sizes[k]);
		ck_assert_int_eq(rc, -1);
	}
}
END_TEST

/* Stopping with batches unread, and the thread waiting, is clean. */
START_TEST(stop_early)
{
	struct src s = { 1, 1000000, 0, 0, 0 };
	struct ki_ahead *a = ki_ahead_start(fill, NULL, &s, 16, drop);
	struct ki_batch *b;

	ck_assert_ptr_nonnull(a);
	b = ki_ahead_take(a);
	ck_assert_uint_eq(b->nrows, 16);
	b = ki_ahead_take(a);
	ck_assert_int_eq(b->rows[0].line, 17);
	ki_ahead_stop(a);
	ck_assert_int_lt(s.next, 1000000);
	ki_ahead_stop(NULL);
}
END_TEST

/* drop sees each batch before it is refilled, and last when freed. */
static struct src counts;

static void
fill_own(void *arg, struct ki_batch *b, size_t max)
{
	b->own = &counts;
	fill(arg, b, max);
}

START_TEST(drop_calls)
{
	struct src s = { 1, 100, 0, 0, 0 };
	struct ki_ahead *a;
	struct ki_batch *b;

	memset(&counts, 0, sizeof(counts));
	a = ki_ahead_start(fill_own, NULL, &s, 10, drop);
	ck_assert_ptr_nonnull(a);
	do
		b = ki_ahead_take(a);
	while (!b->end);
	ki_ahead_stop(a);
	/* 11 batches (the last one empty) in 4 slots: 7 refills. */
	ck_assert_int_eq(counts.drops - counts.finals, 7);
	ck_assert_int_eq(counts.finals, 4);
}
END_TEST

START_TEST(batch_growth)
{
	struct ki_batch b = { 0 };
	char *big = malloc(300000);
	size_t i;

	ck_assert_ptr_nonnull(big);
	memset(big, 'x', 300000);
	for (i = 0; i < 3000; i++) {
		ck_assert_ptr_nonnull(ki_batch_row(&b, (long)i));
		ck_assert_int_eq(ki_batch_field(&b, "ab", 2), 0);
	}
	ck_assert_int_eq(ki_batch_field(&b, big, 300000), 0);
	ck_assert_uint_eq(b.nrows, 3000);
	ck_assert_uint_eq(b.rows[2999].n, 2);
	ck_assert_uint_eq(b.f[b.rows[2999].first + 1].len, 300000);
	ck_assert_str_eq(b.text + b.f[b.rows[1234].first].off, "ab");
	ki_batch_reset(&b);
	ck_assert_uint_eq(b.nrows, 0);
	ck_assert_uint_eq(b.tlen, 0);
	ki_batch_free(&b);
	free(big);
}
END_TEST

/* Parse in an arena in another thread; the objects read back whole. */
struct parsed {
	struct ki_arena *a;
	json_t *obj;
	size_t nbig;
};

static int
parse(void *arg)
{
	struct parsed *p = arg;
	char *text = malloc(400100);
	int i;

	if (text == NULL)
		return 1;
	ki_arena_use(p->a);
	for (i = 0; i < 3; i++) {
		/* Each round forgets the last one's objects. */
		ki_arena_reset(p->a);
		strcpy(text, "{\"urn\":\"100001\",\"n\":1.5,\"big\":\"");
		memset(text + strlen(text), 'y', 400000);
		strcpy(text + 31 + 400000, "\"}");
		p->obj = json_loads(text, 0, NULL);
	}
	/* A bad document frees its pieces into the arena: nothing happens. */
	if (json_loads("{\"a\":[1,2,", 0, NULL) != NULL)
		return 1;
	ki_arena_use(NULL);
	free(text);
	return 0;
}

START_TEST(arena_in_thread)
{
	struct parsed p = { ki_arena_new(), NULL, 0 };
	json_malloc_t m;
	json_free_t f;
	json_t *mine;
	thrd_t t;
	int rc;

	ck_assert_ptr_nonnull(p.a);
	ki_arena_install();
	ki_arena_install();
	ck_assert_int_eq(thrd_create(&t, parse, &p), thrd_success);
	/* This thread's objects still come from malloc, and are freed. */
	mine = json_pack("{s:i}", "k", 7);
	ck_assert_ptr_nonnull(mine);
	ck_assert_int_eq(thrd_join(t, &rc), thrd_success);
	ck_assert_int_eq(rc, 0);
	ck_assert_ptr_nonnull(p.obj);
	ck_assert_str_eq(json_string_value(json_object_get(p.obj, "urn")),
	    "100001");
	ck_assert(json_real_value(json_object_get(p.obj, "n")) == 1.5);
	ck_assert_uint_eq(json_string_length(json_object_get(p.obj, "big")),
	    400000);
	ck_assert_int_eq(json_integer_value(json_object_get(mine, "k")), 7);
	json_decref(mine);
	/* The arena's objects go with it, never by json_decref. */
	ki_arena_free(p.a);
	ki_arena_free(NULL);
	/* Installed twice, it stays until uninstalled twice. */
	ki_arena_uninstall();
	json_get_alloc_funcs(&m, &f);
	ck_assert(m != malloc);
	ki_arena_uninstall();
	json_get_alloc_funcs(&m, &f);
	ck_assert(m == malloc && f == free);
}
END_TEST

/*
 * The arena's hook is scoped: without an arena in use, jansson allocates
 * through what was in place before (here a counting allocator), and frees
 * through it too; with one, nothing reaches it, and a size that cannot be
 * had is refused, not wrapped round.
 */
static size_t nmalloc, nfree;

static void *
count_malloc(size_t n)
{
	nmalloc++;
	return malloc(n);
}

static void
count_free(void *p)
{
	if (p != NULL)
		nfree++;
	free(p);
}

START_TEST(arena_scoped)
{
	struct ki_arena *a = ki_arena_new();
	json_malloc_t m;
	json_free_t f;
	json_t *o;
	size_t before;

	ck_assert_ptr_nonnull(a);
	json_set_alloc_funcs(count_malloc, count_free);
	ki_arena_install();
	ck_assert_ptr_nonnull(o = json_pack("{s:[i]}", "k", 1));
	ck_assert_uint_gt(nmalloc, 0);
	json_decref(o);
	ck_assert_uint_eq(nfree, nmalloc);
	ki_arena_use(a);
	before = nmalloc;
	ck_assert_ptr_nonnull(o = json_pack("{s:[i]}", "k", 1));
	json_decref(o);
	json_get_alloc_funcs(&m, &f);
	ck_assert_ptr_null(m((size_t)-1));
	ck_assert_ptr_null(m((size_t)-1 - 8));
	ki_arena_use(NULL);
	ck_assert_uint_eq(nmalloc, before);
	ck_assert_uint_eq(nfree, nmalloc);
	ki_arena_free(a);
	/* The last user gone, jansson has the functions it had before. */
	ki_arena_uninstall();
	json_get_alloc_funcs(&m, &f);
	ck_assert(m == count_malloc && f == count_free);
}
END_TEST

static Suite *
ahead_suite(void)
{
	Suite *s = suite_create("ahead");
	TCase *tc;

	tc = tcase_create("ki_ahead");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, in_order);
	tcase_add_test(tc, stop_early);
	tcase_add_test(tc, drop_calls);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_batch");
	tcase_add_test(tc, batch_growth);
	suite_add_tcase(s, tc);
	tc = tcase_create("ki_arena");
	tcase_add_test(tc, arena_in_thread);
	tcase_add_test(tc, arena_scoped);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return util_run(ahead_suite());
}

/* Reading ahead: a thread fills batches of records while the caller works. */
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <unistd.h>

#include "ki/ahead.h"

#define NBATCH	4
#define MAXTHREADS	4

/*
 * Batches go round NBATCH slots. A thread claims the next slot, reads the
 * batch's records (one thread at a time, so in order), then parses them
 * (threads side by side); the caller takes the slots in order as they
 * become ready.
 */
struct ki_ahead {
	thrd_t thread[MAXTHREADS];
	int nthreads;
	mtx_t mu;
	cnd_t cv;		/* anything below changed */
	struct ki_batch b[NBATCH];
	int ready[NBATCH];	/* b[i] is filled for the caller */
	size_t claimed;		/* batches claimed by a thread */
	size_t tail;		/* batches given back by the caller */
	int taken;		/* b[tail % NBATCH] is with the caller */
	int reading;		/* a thread is reading the input */
	int input_end;		/* a batch ended the input: no more */
	int stop;
	ki_fill_fn fill;
	ki_parse_fn parse;
	ki_drop_fn drop;
	void *arg;
	size_t max;
};

void
ki_batch_reset(struct ki_batch *b)
{
	b->nrows = b->nf = b->tlen = 0;
	b->end = b->rc = 0;
}

void
ki_batch_free(struct ki_batch *b)
{
	free(b->rows);
	free(b->f);
	free(b->text);
	memset(b, 0, sizeof(*b));
}

struct ki_raw *
ki_batch_row(struct ki_batch *b, long line)
{
	struct ki_raw *r;

	if (b->nrows == b->rcap) {
		size_t cap = b->rcap ? b->rcap * 2 : 64;

		if ((r = realloc(b->rows, cap * sizeof(*r))) == NULL)
			return NULL;
		b->rows = r;
		b->rcap = cap;
	}
	r = &b->rows[b->nrows++];
	memset(r, 0, sizeof(*r));
	r->line = line;
	r->first = b->nf;
	return r;
}

int
ki_batch_field(struct ki_batch *b, const char *s, size_t len)
{
	struct ki_rawf *f;

	if (b->nf == b->fcap) {
		size_t cap = b->fcap ? b->fcap * 2 : 1024;

		if ((f = realloc(b->f, cap * sizeof(*f))) == NULL)
			return -1;
		b->f = f;
		b->fcap = cap;
	}
	/* Room for the text first: a failure adds no field. */
	if (s != NULL && b->tlen + len + 1 > b->tcap) {
		size_t cap = b->tcap ? b->tcap : 64 * 1024;
		char *t;

		while (cap < b->tlen + len + 1)
			cap *= 2;
		if ((t = realloc(b->text, cap)) == NULL)
			return -1;
		b->text = t;
		b->tcap = cap;
	}
	f = &b->f[b->nf++];
	f->null = s == NULL;
	f->num = 0;
	f->off = b->tlen;
	f->len = s ? len : 0;
	b->rows[b->nrows - 1].n++;
	if (s == NULL)
		return 0;
	memcpy(b->text + b->tlen, s, len);
	b->text[b->tlen + len] = '\0';
	b->tlen += len + 1;
	return 0;
}

static int
run(void *p)
{
	struct ki_ahead *a = p;

	for (;;) {
		struct ki_batch *b;
		size_t slot;

		mtx_lock(&a->mu);
		while (!a->stop && !a->input_end &&
		    (a->reading || a->claimed - a->tail == NBATCH))
			cnd_wait(&a->cv, &a->mu);
		if (a->stop || a->input_end) {
			mtx_unlock(&a->mu);
			return 0;
		}
		slot = a->claimed++ % NBATCH;
		b = &a->b[slot];
		a->ready[slot] = 0;
		a->reading = 1;
		mtx_unlock(&a->mu);

		/* What the caller left of the batch is freed here. */
		if (a->drop != NULL)
			a->drop(b, 0);
		ki_batch_reset(b);
		a->fill(a->arg, b, a->max);

		mtx_lock(&a->mu);
		a->reading = 0;
		if (b->end)
			a->input_end = 1;
		cnd_broadcast(&a->cv);
		mtx_unlock(&a->mu);

		if (a->parse != NULL)
			a->parse(a->arg, b);

		mtx_lock(&a->mu);
		a->ready[slot] = 1;
		cnd_broadcast(&a->cv);
		mtx_unlock(&a->mu);
	}
}

/*
 * The threads to parse with: one for each processor but the one the
 * caller's thread keeps busy, so that the threads and the caller together
 * fill the machine and no more; at least one, at most MAXTHREADS.
 */
static int
parsers(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN) - 1;

	return n < 1 ? 1 : n > MAXTHREADS ? MAXTHREADS : (int)n;
}

struct ki_ahead *
ki_ahead_start(ki_fill_fn fill, ki_parse_fn parse, void *arg, size_t max,
    ki_drop_fn drop)
{
	struct ki_ahead *a = calloc(1, sizeof(*a));
	int i, want = parse != NULL ? parsers() : 1;

	if (a == NULL)
		return NULL;
	a->fill = fill;
	a->parse = parse;
	a->drop = drop;
	a->arg = arg;
	a->max = max;
	if (mtx_init(&a->mu, mtx_plain) != thrd_success) {
		free(a);
		return NULL;
	}
	if (cnd_init(&a->cv) != thrd_success) {
		mtx_destroy(&a->mu);
		free(a);
		return NULL;
	}
	for (i = 0; i < want; i++) {
		if (thrd_create(&a->thread[i], run, a) != thrd_success)
			break;
		a->nthreads++;
	}
	if (a->nthreads == 0) {
		cnd_destroy(&a->cv);
		mtx_destroy(&a->mu);
		free(a);
		return NULL;
	}
	return a;
}

struct ki_batch *
ki_ahead_take(struct ki_ahead *a)
{
	struct ki_batch *b;

	mtx_lock(&a->mu);
	if (a->taken) {
		a->ready[a->tail % NBATCH] = 0;
		a->tail++;
		a->taken = 0;
		cnd_broadcast(&a->cv);
	}
	while (!a->ready[a->tail % NBATCH])
		cnd_wait(&a->cv, &a->mu);
	b = &a->b[a->tail % NBATCH];
	a->taken = 1;
	mtx_unlock(&a->mu);
	return b;
}

void
ki_ahead_stop(struct ki_ahead *a)
{
	size_t i;

	if (a == NULL)
		return;
	mtx_lock(&a->mu);
	a->stop = 1;
	cnd_broadcast(&a->cv);
	mtx_unlock(&a->mu);
	for (i = 0; i < (size_t)a->nthreads; i++)
		thrd_join(a->thread[i], NULL);
	for (i = 0; i < NBATCH; i++) {
		if (a->drop != NULL)
			a->drop(&a->b[i], 1);
		ki_batch_free(&a->b[i]);
	}
	cnd_destroy(&a->cv);
	mtx_destroy(&a->mu);
	free(a);
}

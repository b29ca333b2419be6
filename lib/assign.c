/* Advisers: read and check the list, and place schools with them evenly. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/assign.h"
#include "ki/fixed.h"
#include "ki/register.h"
#include "ki/tab.h"
#include "ki/words.h"

static int
by_id(const void *a, const void *b)
{
	return strcmp(((const struct ki_adviser *)a)->id,
	    ((const struct ki_adviser *)b)->id);
}

/* Check one adviser's row; fill a. */
static int
one(struct ki_adviser *a, const char *const *v, const struct ki_keys *districts,
    const char *file, long line, struct ki_err *err)
{
	size_t k;

	a->id = strdup(v[0]);
	a->name = strdup(v[1] ? v[1] : "");
	a->districts = ki_words_split(v[2]);
	a->phases = ki_words_split(v[3]);
	if (a->id == NULL || a->name == NULL || a->districts == NULL ||
	    a->phases == NULL)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	if (v[4] == NULL || ki_fixed_parse(v[4], 2, &a->capacity) == -1 ||
	    a->capacity < 0)
		return ki_err_set(err, file, line, "capacity", "\"%s\" is not a "
		    "number of days, 0 or more", v[4] ? v[4] : "");
	for (k = 0; districts != NULL && a->districts[k] != NULL; k++)
		if (ki_keys_find(districts, a->districts[k]) < 0)
			return ki_err_set(err, file, line, "districts", "\"%s\" "
			    "is the district of no school in the input",
			    a->districts[k]);
	return 0;
}

int
ki_advisers_load(struct ki_advisers *adv, const char *path,
    const struct ki_keys *districts, struct ki_err *err)
{
	static const char *const need[] = { "id", "name", "districts", "phases",
	    "capacity" };
	struct ki_register r;
	const char *v[5];
	long line;
	int rc;

	memset(adv, 0, sizeof(*adv));
	if (ki_register_open(&r, path, 0, need, 5, "an adviser file has id, "
	    "name, districts, phases, capacity", err) == -1)
		return -1;
	while ((rc = ki_register_next(&r, v, &line, err)) == 1) {
		struct ki_adviser *na = ki_register_grow(&r, adv->a, adv->n,
		    sizeof(*adv->a));

		if (na == NULL) {
			rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
			break;
		}
		adv->a = na;
		memset(&adv->a[adv->n], 0, sizeof(*adv->a));
		if ((rc = one(&adv->a[adv->n++], v, districts,
		    ki_register_name(&r), line, err)) == -1)
			break;
	}
	ki_register_close(&r);
	if (rc == -1) {
		ki_advisers_free(adv);
		return -1;
	}
	if (adv->n > 1)
		qsort(adv->a, adv->n, sizeof(*adv->a), by_id);
	return 0;
}

void
ki_advisers_free(struct ki_advisers *adv)
{
	size_t i;

	for (i = 0; i < adv->n; i++) {
		free(adv->a[i].id);
		free(adv->a[i].name);
		ki_words_free(adv->a[i].districts);
		ki_words_free(adv->a[i].phases);
	}
	free(adv->a);
	memset(adv, 0, sizeof(*adv));
}

/*
 * The advisers as ids: for each district, the advisers that name it, and
 * for each adviser, the phases it names. A job's candidates are those of
 * its district and those that name no district (they cover all).
 */
struct cover {
	size_t nid;		/* district ids are 0 .. nid - 1 */
	size_t *dstart;		/* dlist[dstart[d] .. dstart[d + 1]] */
	uint32_t *dlist;
	uint32_t *any;
	size_t nany;
	size_t *pstart;		/* plist[pstart[a] .. pstart[a + 1]] */
	uint32_t *plist;
};

/* A name no job has: it covers none. */
#define NO_ID UINT32_MAX

static uint32_t
id_of(const struct ki_keys *names, const char *s)
{
	long i = names != NULL ? ki_keys_find(names, s) : -1;

	return i < 0 ? NO_ID : (uint32_t)i + 1;
}

static void
cover_free(struct cover *cv)
{
	free(cv->dstart);
	free(cv->dlist);
	free(cv->any);
	free(cv->pstart);
	free(cv->plist);
}

static size_t
count_words(char **v)
{
	size_t n = 0;

	while (v[n] != NULL)
		n++;
	return n;
}

static int
cover_make(struct cover *cv, const struct ki_advisers *adv,
    const struct ki_keys *districts, const struct ki_keys *phases)
{
	size_t i, k, nd = 0, np = 0;
	uint32_t id;

	memset(cv, 0, sizeof(*cv));
	cv->nid = (districts != NULL ? ki_keys_count(districts) : 0) + 1;
	for (i = 0; i < adv->n; i++) {
		nd += count_words(adv->a[i].districts);
		np += count_words(adv->a[i].phases);
	}
	if ((cv->dstart = calloc(cv->nid + 1, sizeof(*cv->dstart))) == NULL ||
	    (cv->dlist = malloc((nd + 1) * sizeof(*cv->dlist))) == NULL ||
	    (cv->any = malloc((adv->n + 1) * sizeof(*cv->any))) == NULL ||
	    (cv->pstart = calloc(adv->n + 1, sizeof(*cv->pstart))) == NULL ||
	    (cv->plist = malloc((np + 1) * sizeof(*cv->plist))) == NULL)
		return -1;
	/* Count each district's advisers, then place them, in adviser order. */
	for (i = 0; i < adv->n; i++)
		for (k = 0; adv->a[i].districts[k] != NULL; k++)
			if ((id = id_of(districts, adv->a[i].districts[k])) != NO_ID)
				cv->dstart[id + 1]++;
	for (i = 0; i < cv->nid; i++)
		cv->dstart[i + 1] += cv->dstart[i];
	for (i = 0; i < adv->n; i++) {
		if (adv->a[i].districts[0] == NULL)
			cv->any[cv->nany++] = (uint32_t)i;
		for (k = 0; adv->a[i].districts[k] != NULL; k++)
			if ((id = id_of(districts, adv->a[i].districts[k])) != NO_ID)
				cv->dlist[cv->dstart[id]++] = (uint32_t)i;
	}
	for (i = cv->nid; i > 0; i--)
		cv->dstart[i] = cv->dstart[i - 1];
	cv->dstart[0] = 0;
	for (i = 0, np = 0; i < adv->n; i++) {
		for (k = 0; adv->a[i].phases[k] != NULL; k++)
			cv->plist[np++] = id_of(phases, adv->a[i].phases[k]);
		cv->pstart[i + 1] = np;
	}
	return 0;
}

/* Tier 2: the job's district and phase; 1: its district alone. */
static int
tier(const struct cover *cv, uint32_t a, const struct ki_job *j)
{
	size_t k;

	if (cv->pstart[a] == cv->pstart[a + 1])
		return 2;
	for (k = cv->pstart[a]; k < cv->pstart[a + 1]; k++)
		if (cv->plist[k] == j->phase && j->phase != 0)
			return 2;
	return 1;
}

/*
 * The candidates of j's district: *list and *n, then the advisers of every
 * district (which = 1).
 */
static void
candidates(const struct cover *cv, const struct ki_job *j, int which,
    const uint32_t **list, size_t *n)
{
	if (which == 1) {
		*list = cv->any;
		*n = cv->nany;
	} else if (j->district == 0 || j->district >= cv->nid) {
		*list = cv->dlist;
		*n = 0;
	} else {
		*list = cv->dlist + cv->dstart[j->district];
		*n = cv->dstart[j->district + 1] - cv->dstart[j->district];
	}
}

/* The least loaded adviser of tier t for j with room (the first, on a tie), or -1. */
static long
best(const struct ki_advisers *adv, const struct cover *cv,
    const struct ki_job *j, int t)
{
	const uint32_t *list;
	long b = -1;
	size_t i, n;
	int w;

	for (w = 0; w < 2; w++) {
		candidates(cv, j, w, &list, &n);
		for (i = 0; i < n; i++) {
			const struct ki_adviser *a = &adv->a[list[i]];

			if (tier(cv, list[i], j) != t ||
			    a->capacity - a->load < j->days)
				continue;
			if (b < 0 || a->load < adv->a[b].load ||
			    (a->load == adv->a[b].load && (long)list[i] < b))
				b = (long)list[i];
		}
	}
	return b;
}

/* Why j has no adviser: none covers its district, or none has room. */
static unsigned char
why_not(const struct ki_advisers *adv, const struct cover *cv,
    const struct ki_job *j)
{
	const uint32_t *list;
	size_t i, n;
	int w, any = 0, room = 0;

	for (w = 0; w < 2; w++) {
		candidates(cv, j, w, &list, &n);
		for (i = 0; i < n; i++) {
			any = 1;
			room |= adv->a[list[i]].capacity >= j->days;
		}
	}
	return !any ? KI_WHY_NO_ADVISER : room ? KI_WHY_FULL :
	    KI_WHY_NO_CAPACITY;
}

void
ki_assign_why(const struct ki_job *j, const char *district, char *buf,
    size_t size)
{
	snprintf(buf, size, j->why == KI_WHY_NO_ADVISER ? "no adviser covers "
	    "district %s" : j->why == KI_WHY_FULL ? "the advisers of district "
	    "%s are full" : "no adviser of district %s has the capacity for it",
	    district ? district : "(blank)");
}

/* Largest first, then by urn, then in the jobs' order. */
static int
before(const struct ki_job *jobs, uint32_t x, uint32_t y)
{
	const struct ki_job *a = &jobs[x], *b = &jobs[y];
	int c;

	if (a->days != b->days)
		return a->days > b->days;
	if ((c = strcmp(a->urn, b->urn)) != 0)
		return c < 0;
	return x < y;
}

/* Sort v (n of them) with tmp's room: a bottom-up merge sort. */
static void
sort_jobs(const struct ki_job *jobs, uint32_t *v, uint32_t *tmp, size_t n)
{
	size_t width, i;

	for (width = 1; width < n; width *= 2) {
		for (i = 0; i < n; i += 2 * width) {
			size_t lo = i, mid = i + width < n ? i + width : n;
			size_t hi = i + 2 * width < n ? i + 2 * width : n;
			size_t a = lo, b = mid, k = lo;

			while (a < mid && b < hi)
				tmp[k++] = before(jobs, v[b], v[a]) ? v[b++] :
				    v[a++];
			while (a < mid)
				tmp[k++] = v[a++];
			while (b < hi)
				tmp[k++] = v[b++];
		}
		memcpy(v, tmp, n * sizeof(*v));
	}
}

/*
 * Even out: move a school to a less loaded adviser of its district and
 * phase with room, while that leaves both loads closer. Each move lowers
 * the sum of squared loads, so this ends.
 */
static void
even_out(struct ki_advisers *adv, const struct cover *cv, struct ki_job *jobs,
    const uint32_t *order, size_t n)
{
	size_t i;
	int moved, pass;

	for (pass = 0, moved = 1; moved && pass < 1000; pass++) {
		moved = 0;
		for (i = 0; i < n; i++) {
			struct ki_job *j = &jobs[order[i]];
			long from = j->adviser, to;

			if (from < 0)
				continue;
			to = best(adv, cv, j, 2);
			if (to < 0 || to == from)
				continue;
			if (!j->near && adv->a[to].load + j->days >=
			    adv->a[from].load)
				continue;
			adv->a[from].load -= j->days;
			adv->a[to].load += j->days;
			j->adviser = (int32_t)to;
			j->near = 0;
			moved = 1;
		}
	}
}

int
ki_assign(struct ki_advisers *adv, const struct ki_keys *districts,
    const struct ki_keys *phases, struct ki_job *jobs, size_t n)
{
	struct cover cv;
	uint32_t *order = NULL, *tmp = NULL;
	size_t i, k, m = 0;
	int rc = -1;

	if (n >= UINT32_MAX || adv->n >= INT32_MAX)
		return -1;
	for (i = 0; i < n; i++) {
		jobs[i].adviser = -1;
		jobs[i].near = 0;
		jobs[i].why = KI_WHY_PLACED;
		m += jobs[i].days > 0;
	}
	for (k = 0; k < adv->n; k++)
		adv->a[k].load = 0;
	if (cover_make(&cv, adv, districts, phases) == -1 ||
	    (order = malloc((m + 1) * sizeof(*order))) == NULL ||
	    (tmp = malloc((m + 1) * sizeof(*tmp))) == NULL)
		goto out;
	for (i = 0, m = 0; i < n; i++)
		if (jobs[i].days > 0)
			order[m++] = (uint32_t)i;
	/* The same answer for any input order. */
	sort_jobs(jobs, order, tmp, m);
	free(tmp);
	tmp = NULL;
	for (i = 0; i < m; i++) {
		struct ki_job *j = &jobs[order[i]];
		long b;

		if ((b = best(adv, &cv, j, 2)) < 0 &&
		    (b = best(adv, &cv, j, 1)) >= 0)
			j->near = 1;
		if (b >= 0) {
			j->adviser = (int32_t)b;
			adv->a[b].load += j->days;
		} else
			j->why = why_not(adv, &cv, j);
	}
	even_out(adv, &cv, jobs, order, m);
	rc = 0;
out:
	cover_free(&cv);
	free(order);
	free(tmp);
	return rc;
}

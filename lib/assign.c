/* Advisers: read and check the list, and place schools with them evenly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/assign.h"
#include "ki/fixed.h"
#include "ki/rec.h"

/* Split "a; b;c" into a NULL-terminated array of trimmed words; NULL out of memory. */
static char **
split(const char *s)
{
	char **v;
	size_t n = 1, k = 0;
	const char *p;

	for (p = s ? s : ""; *p; p++)
		n += *p == ';';
	if ((v = calloc(n + 1, sizeof(char *))) == NULL)
		return NULL;
	for (p = s ? s : ""; *p;) {
		const char *e = strchr(p, ';'), *end = e ? e : p + strlen(p);

		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (end > p && (v[k++] = strndup(p, (size_t)(end - p))) == NULL) {
			/* Not a shorter list: none. */
			while (k-- > 0)
				free(v[k]);
			free(v);
			return NULL;
		}
		p = e ? e + 1 : p + strlen(p);
	}
	return v;
}

static void
free_words(char **v)
{
	size_t i;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

static int
by_id(const void *a, const void *b)
{
	return strcmp(((const struct ki_adviser *)a)->id,
	    ((const struct ki_adviser *)b)->id);
}

int
ki_advisers_load(struct ki_advisers *adv, const char *path,
    const struct ki_tab *districts, struct ki_err *err)
{
	static const char *const need[] = { "id", "name", "districts", "phases",
	    "capacity" };
	struct ki_reader *rd;
	struct ki_rec *rec;
	struct ki_tab *ids;
	long col[5];
	size_t cap = 0, i;
	int rc;

	memset(adv, 0, sizeof(*adv));
	if ((rd = ki_reader_open(path, KI_FMT_AUTO, 0, err)) == NULL)
		return -1;
	if ((ids = ki_tab_new()) == NULL) {
		ki_reader_close(rd);
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	}
	for (i = 0; i < 5; i++)
		if ((col[i] = ki_hdr_index(ki_reader_hdr(rd), need[i])) < 0 &&
		    ki_reader_fmt(rd) == KI_FMT_CSV) {
			rc = ki_err_set(err, ki_reader_name(rd), 1, need[i],
			    "no such column (an adviser file has id, name, "
			    "districts, phases, capacity)");
			goto out;
		}
	while ((rc = ki_reader_next(rd, &rec, err)) == 1) {
		struct ki_adviser *a;
		const char *v[5];
		size_t k;

		for (i = 0; i < 5; i++) {
			col[i] = ki_hdr_index(ki_reader_hdr(rd), need[i]);
			v[i] = col[i] >= 0 ? rec->v[col[i]] : NULL;
		}
		if (v[0] == NULL) {
			rc = ki_err_set(err, ki_reader_name(rd), rec->line, "id",
			    "blank");
			goto out;
		}
		if (ki_tab_get(ids, v[0]) != NULL) {
			rc = ki_err_set(err, ki_reader_name(rd), rec->line, "id",
			    "%s appears twice", v[0]);
			goto out;
		}
		if (adv->n == cap) {
			size_t c2 = cap ? cap * 2 : 16;
			struct ki_adviser *na = realloc(adv->a, c2 * sizeof(*na));

			if (na == NULL) {
				rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
				goto out;
			}
			adv->a = na;
			cap = c2;
		}
		a = &adv->a[adv->n++];
		memset(a, 0, sizeof(*a));
		a->id = strdup(v[0]);
		a->name = strdup(v[1] ? v[1] : "");
		a->districts = split(v[2]);
		a->phases = split(v[3]);
		if (a->id == NULL || a->name == NULL || a->districts == NULL ||
		    a->phases == NULL || ki_tab_put(ids, a->id, a) == -1) {
			rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
			goto out;
		}
		if (v[4] == NULL || ki_fixed_parse(v[4], 2, &a->capacity) == -1 ||
		    a->capacity < 0) {
			rc = ki_err_set(err, ki_reader_name(rd), rec->line,
			    "capacity", "\"%s\" is not a number of days, 0 or "
			    "more", v[4] ? v[4] : "");
			goto out;
		}
		for (k = 0; districts != NULL && a->districts[k] != NULL; k++)
			if (ki_tab_get(districts, a->districts[k]) == NULL) {
				rc = ki_err_set(err, ki_reader_name(rd), rec->line,
				    "districts", "\"%s\" is the district of no "
				    "school in the input", a->districts[k]);
				goto out;
			}
	}
	if (rc == 0 && adv->n > 1)
		qsort(adv->a, adv->n, sizeof(*adv->a), by_id);
out:
	ki_tab_free(ids, NULL);
	ki_reader_close(rd);
	if (rc == -1) {
		ki_advisers_free(adv);
		return -1;
	}
	return 0;
}

void
ki_advisers_free(struct ki_advisers *adv)
{
	size_t i;

	for (i = 0; i < adv->n; i++) {
		free(adv->a[i].id);
		free(adv->a[i].name);
		free_words(adv->a[i].districts);
		free_words(adv->a[i].phases);
	}
	free(adv->a);
	memset(adv, 0, sizeof(*adv));
}

static int
covers(char **list, const char *v)
{
	size_t i;

	if (list[0] == NULL)
		return 1;
	for (i = 0; v != NULL && list[i] != NULL; i++)
		if (strcmp(list[i], v) == 0)
			return 1;
	return 0;
}

/* Tier 2: same district and phase; 1: same district; 0: neither. */
static int
tier(const struct ki_adviser *a, const struct ki_job *j)
{
	if (!covers(a->districts, j->district))
		return 0;
	return covers(a->phases, j->phase) ? 2 : 1;
}

static int
by_size(const void *x, const void *y)
{
	const struct ki_job *a = *(struct ki_job *const *)x;
	const struct ki_job *b = *(struct ki_job *const *)y;

	if (a->days != b->days)
		return a->days > b->days ? -1 : 1;
	return strcmp(a->urn, b->urn);
}

/* The least loaded adviser of tier t for j with room, or -1. */
static long
best(const struct ki_advisers *adv, const struct ki_job *j, int t)
{
	long b = -1;
	size_t i;

	for (i = 0; i < adv->n; i++) {
		const struct ki_adviser *a = &adv->a[i];

		if (tier(a, j) != t || a->capacity - a->load < j->days)
			continue;
		if (b < 0 || a->load < adv->a[b].load)
			b = (long)i;
	}
	return b;
}

int
ki_assign(struct ki_advisers *adv, struct ki_job *jobs, size_t n)
{
	struct ki_job **order;
	size_t i, k;
	int moved, pass;

	if ((order = malloc((n ? n : 1) * sizeof(*order))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		order[i] = &jobs[i];
		jobs[i].adviser = -1;
		jobs[i].near = 0;
		jobs[i].why[0] = '\0';
	}
	for (k = 0; k < adv->n; k++)
		adv->a[k].load = 0;
	/* Largest first, then by urn: the same answer for any input order. */
	qsort(order, n, sizeof(*order), by_size);
	for (i = 0; i < n; i++) {
		struct ki_job *j = order[i];
		long b;
		int any = 0, room = 0;

		if (j->days <= 0)
			continue;
		if ((b = best(adv, j, 2)) < 0 && (b = best(adv, j, 1)) >= 0)
			j->near = 1;
		if (b >= 0) {
			j->adviser = b;
			adv->a[b].load += j->days;
			continue;
		}
		for (k = 0; k < adv->n; k++)
			if (tier(&adv->a[k], j) > 0) {
				any = 1;
				room |= adv->a[k].capacity >= j->days;
			}
		snprintf(j->why, sizeof(j->why), !any ? "no adviser covers "
		    "district %s" : room ? "the advisers of district %s are "
		    "full" : "no adviser of district %s has the capacity for it",
		    j->district ? j->district : "(blank)");
	}
	/*
	 * Even out: move a school to a less loaded adviser of its district and
	 * phase with room, while that leaves both loads closer. Each move
	 * lowers the sum of squared loads, so this ends.
	 */
	for (pass = 0, moved = 1; moved && pass < 1000; pass++) {
		moved = 0;
		for (i = 0; i < n; i++) {
			struct ki_job *j = order[i];
			long from = j->adviser, to;

			if (from < 0)
				continue;
			to = best(adv, j, 2);
			if (to < 0 || to == from)
				continue;
			if (!j->near && adv->a[to].load + j->days >=
			    adv->a[from].load)
				continue;
			adv->a[from].load -= j->days;
			adv->a[to].load += j->days;
			j->adviser = to;
			j->near = 0;
			moved = 1;
		}
	}
	free(order);
	return 0;
}

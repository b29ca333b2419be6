/* History: each school's years and its predecessors', for ki-floor and ki-categorise. */
#include <stdio.h>
#include <string.h>

#include "ki/hist.h"

int
ki_hist_init(struct ki_hist *h)
{
	memset(h, 0, sizeof(*h));
	return (h->urns = ki_urnset_new()) == NULL ? -1 : 0;
}

void
ki_hist_free(struct ki_hist *h)
{
	ki_urnset_free(h->urns);
	ki_syears_free(&h->years);
	ki_links_free(&h->links);
	h->urns = NULL;
}

void
ki_hist_prefetch(const struct ki_hist *h, const char *urn)
{
	ki_urnset_prefetch(h->urns, urn);
}

long
ki_hist_add(struct ki_hist *h, const char *urn, int year, long line,
    uint32_t data)
{
	long school;

	if ((school = ki_urnset_intern(h->urns, urn)) < 0 ||
	    ki_syears_add(&h->years, (uint32_t)school, year, line, data) == -1)
		return -1;
	return school;
}

int
ki_hist_link(struct ki_hist *h, const char *urn, const char *pred)
{
	return ki_links_note(&h->links, urn, pred);
}

int
ki_hist_index(struct ki_hist *h, const char *file, struct ki_err *err)
{
	if (ki_syears_index_err(&h->years, h->urns, file, err) == -1)
		return -1;
	/* No links: no table of them (8 bytes a school). */
	if (h->links.n > 0 && ki_links_resolve(&h->links, h->urns) == -1)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	return 0;
}

size_t
ki_hist_nschools(const struct ki_hist *h)
{
	return ki_urnset_count(h->urns);
}

const char *
ki_hist_urn(const struct ki_hist *h, long s, char *buf, size_t n)
{
	return ki_urnset_str(h->urns, s, buf, n);
}

void
ki_hist_from_clear(struct ki_hist_from *f)
{
	f->school = -1;
	f->lo = f->hi = 0;
}

const struct ki_sy *
ki_hist_find(const struct ki_hist *h, uint32_t s, int year,
    struct ki_hist_from *f)
{
	const struct ki_sy *y;
	long school = (long)s;
	int depth;

	for (depth = 0; depth <= KI_LINKS_DEPTH && school >= 0; depth++) {
		if ((y = ki_syears_find(&h->years, (uint32_t)school, year)) !=
		    NULL) {
			if (school != (long)s && f != NULL) {
				if (f->school < 0 || year < f->lo)
					f->lo = year;
				if (f->school < 0 || year > f->hi)
					f->hi = year;
				if (f->school < 0)
					f->school = school;
			}
			return y;
		}
		school = ki_links_pred(&h->links, school);
	}
	return NULL;
}

int
ki_hist_count(const struct ki_hist *h, uint32_t s, int lo, int hi,
    uint32_t mask, uint32_t want, struct ki_hist_from *f)
{
	const struct ki_sy *y;
	int k, n = 0;

	for (k = lo; k <= hi; k++)
		if ((y = ki_hist_find(h, s, k, f)) != NULL &&
		    (y->data & mask) == want)
			n++;
	return n;
}

int
ki_hist_run(const struct ki_hist *h, uint32_t s, int year, uint32_t mask,
    uint32_t want, struct ki_hist_from *f)
{
	const struct ki_sy *y;
	int n = 0;

	while ((y = ki_hist_find(h, s, year - n, f)) != NULL &&
	    (y->data & mask) == want)
		n++;
	return n;
}

void
ki_hist_years(const struct ki_hist_from *f, char *buf, size_t n)
{
	if (f->lo == f->hi)
		snprintf(buf, n, "%d", f->lo);
	else
		snprintf(buf, n, "%d-%d", f->lo, f->hi);
}

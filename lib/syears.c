/* School-years: append, sort and index, find. */
#include <stdlib.h>
#include <string.h>

#include "ki/syears.h"

int
ki_syears_add(struct ki_syears *s, uint32_t school, int year, long line,
    uint32_t data)
{
	struct ki_sy *y;

	if (s->n == s->cap) {
		/* By half again, not double: 16 bytes a row, so at a
		   million rows doubling would leave up to 16 MB unused. */
		size_t cap = s->cap ? s->cap + s->cap / 2 : 4096;

		if ((y = realloc(s->y, cap * sizeof(*y))) == NULL)
			return -1;
		s->y = y;
		s->cap = cap;
	}
	y = &s->y[s->n++];
	y->school = school;
	y->line = (uint32_t)line;
	y->data = data;
	y->year = (int16_t)year;
	return 0;
}

static int
by_school(const void *a, const void *b)
{
	const struct ki_sy *x = a, *y = b;

	if (x->school != y->school)
		return x->school < y->school ? -1 : 1;
	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

int
ki_syears_index(struct ki_syears *s, size_t nschools, const struct ki_sy **dup)
{
	size_t i;

	/* One year a school comes in order; qsort would copy it all. */
	for (i = 1; i < s->n; i++)
		if (by_school(&s->y[i - 1], &s->y[i]) > 0)
			break;
	if (i < s->n)
		qsort(s->y, s->n, sizeof(*s->y), by_school);
	free(s->first);
	if ((s->first = calloc(nschools + 1, sizeof(*s->first))) == NULL)
		return -1;
	for (i = 0; i < s->n; i++) {
		if (i > 0 && s->y[i].school == s->y[i - 1].school &&
		    s->y[i].year == s->y[i - 1].year) {
			*dup = &s->y[i];
			return 1;
		}
		s->first[s->y[i].school + 1] = (uint32_t)i + 1;
	}
	/* A school with no years starts where the next one does. */
	for (i = 1; i <= nschools; i++)
		if (s->first[i] < s->first[i - 1])
			s->first[i] = s->first[i - 1];
	return 0;
}

int
ki_syears_index_err(struct ki_syears *s, const struct ki_urnset *urns,
    const char *file, struct ki_err *err)
{
	const struct ki_sy *dup;
	char buf[16];

	switch (ki_syears_index(s, ki_urnset_count(urns), &dup)) {
	case 0:
		return 0;
	case 1:
		return ki_err_set(err, file, (long)dup->line, "urn", "school "
		    "%s appears twice for %d", ki_urnset_str(urns, dup->school, buf, sizeof(buf)),
		    dup->year);
	default:
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	}
}

const struct ki_sy *
ki_syears_find(const struct ki_syears *s, uint32_t school, int year)
{
	uint32_t i;

	for (i = s->first[school]; i < s->first[school + 1]; i++)
		if (s->y[i].year == year)
			return &s->y[i];
	return NULL;
}

void
ki_syears_free(struct ki_syears *s)
{
	free(s->y);
	free(s->first);
	memset(s, 0, sizeof(*s));
}

/* ki-report's --la, --district and --phase: the rows a report is of. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_kind.h"

/* One of the three filters, by name. */
struct which {
	const char *opt, *what, *col;
};

static const struct which which_la = { "--la", "LA", "la" };
static const struct which which_district = { "--district", "district",
	"district" };
static const struct which which_phase = { "--phase", "phase", "phase" };

/* Note v as a value of a filter's column. Returns 0, or -1 out of memory. */
static int
see(struct ki_tab **seen, const char *v)
{
	if (*seen == NULL && (*seen = ki_tab_new()) == NULL)
		return -1;
	if (ki_tab_get(*seen, v) != NULL)
		return 0;
	return ki_tab_put(*seen, v, (void *)1);
}

/*
 * Whether value v (NULL or "" when blank) is the one wanted; it is noted
 * in *seen. Returns 1, 0, or -1 out of memory.
 */
static int
one(const char *want, const char *v, struct ki_tab **seen)
{
	if (want == NULL)
		return 1;
	if (v == NULL || *v == '\0')
		return 0;
	if (see(seen, v) == -1)
		return -1;
	return strcmp(v, want) == 0;
}

/*
 * Whether the record (values v under header h) is of the rows asked for:
 * its la (or the first three digits of its laestab), district and phase
 * are those given. Every value met is noted. Returns 1, 0, or -1 out of
 * memory.
 */
int
ki_rfilter_match(struct rfilter *f, const struct ki_hdr *h,
    const char *const *v)
{
	long i = ki_hdr_index(h, "la");
	const char *la = i >= 0 ? v[i] : NULL;
	char code[4];
	int a, b, c;

	if (f->la != NULL && (la == NULL || *la == '\0') &&
	    (i = ki_hdr_index(h, "laestab")) >= 0 && v[i] != NULL &&
	    strlen(v[i]) >= 3) {
		memcpy(code, v[i], 3);
		code[3] = '\0';
		la = code;
	}
	if ((a = one(f->la, la, &f->seen_la)) == -1)
		return -1;
	i = ki_hdr_index(h, "district");
	if ((b = one(f->district, i >= 0 ? v[i] : NULL,
	    &f->seen_district)) == -1)
		return -1;
	i = ki_hdr_index(h, "phase");
	if ((c = one(f->phase, i >= 0 ? v[i] : NULL, &f->seen_phase)) == -1)
		return -1;
	return a && b && c;
}

static int
by_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The values of seen, sorted, in list (shortened to fit). */
static int
values(const struct ki_tab *seen, char *list, size_t size)
{
	const char **v, *key;
	void *x;
	size_t n = 0, pos = 0, i, len = 0;

	if ((v = calloc(ki_tab_count(seen) + 1, sizeof(*v))) == NULL)
		return -1;
	while (ki_tab_next(seen, &pos, &key, &x))
		v[n++] = key;
	qsort(v, n, sizeof(*v), by_str);
	list[0] = '\0';
	for (i = 0; i < n; i++) {
		size_t l = strlen(v[i]);

		if (len + l + 40 >= size) {
			snprintf(list + len, size - len, " and %zu more", n - i);
			break;
		}
		len += (size_t)snprintf(list + len, size - len, "%s%s",
		    i ? ", " : "", v[i]);
	}
	free(v);
	return 0;
}

/* A value wanted that no row has: an error naming those the input has. */
static int
check_one(const struct which *w, const char *want, const struct ki_tab *seen,
    const char *file, struct ki_err *err)
{
	char list[600];

	if (want == NULL || (seen != NULL && ki_tab_get(seen, want) != NULL))
		return 0;
	if (seen == NULL || ki_tab_count(seen) == 0)
		return ki_err_set(err, file, 0, NULL, "%s %s: no row has that %s; "
		    "no row has %s %s at all", w->opt, want, w->what,
		    w == &which_la ? "an" : "a", w->what);
	if (values(seen, list, sizeof(list)) == -1)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	return ki_err_set(err, file, 0, NULL, "%s %s: no row has that %s; the "
	    "%ss present: %s", w->opt, want, w->what, w->what, list);
}

/*
 * A --la, --district or --phase that no row has is an error naming the
 * values the input has, as --year's is.
 */
int
ki_rfilter_check(const struct rfilter *f, const char *file,
    struct ki_err *err)
{
	if (check_one(&which_la, f->la, f->seen_la, file, err) == -1 ||
	    check_one(&which_district, f->district, f->seen_district, file,
	    err) == -1 ||
	    check_one(&which_phase, f->phase, f->seen_phase, file, err) == -1)
		return -1;
	return 0;
}

void
ki_rfilter_free(struct rfilter *f)
{
	ki_tab_free(f->seen_la, NULL);
	ki_tab_free(f->seen_district, NULL);
	ki_tab_free(f->seen_phase, NULL);
	f->seen_la = f->seen_district = f->seen_phase = NULL;
}

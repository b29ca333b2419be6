/* Column maps: what a map says, binding it to a header, and which layout a header is. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map_impl.h"

const char *
ki_map_name(const struct ki_map *m)
{
	return m->name;
}

const char *
ki_map_description(const struct ki_map *m)
{
	return m->desc ? m->desc : "";
}

enum ki_map_kind
ki_map_kind(const struct ki_map *m)
{
	return m->kind;
}

int
ki_map_flags(const struct ki_map *m)
{
	return m->flags;
}

int
ki_map_year_from_suffix(const struct ki_map *m)
{
	return m->suffix;
}

int
ki_map_years(const struct ki_map *m, int *lo, int *hi)
{
	*lo = m->year_lo;
	*hi = m->year_hi;
	return m->year_lo > 0;
}

int
ki_map_covers(const struct ki_map *m, int year)
{
	return m->year_lo == 0 || year <= 0 ||
	    (year >= m->year_lo && year <= m->year_hi);
}

size_t
ki_map_ncols(const struct ki_map *m)
{
	return m->ncols;
}

const char *
ki_map_col(const struct ki_map *m, size_t i)
{
	return m->cols[i];
}

/* A first's type is its parts' when they all agree. */
static enum ki_type
spec_type(const struct spec *sp)
{
	size_t i;

	if (sp->how != SP_FIRST)
		return sp->type;
	for (i = 1; i < sp->nkids; i++)
		if (spec_type(&sp->kids[i]) != spec_type(&sp->kids[0]))
			return KI_T_TEXT;
	return spec_type(&sp->kids[0]);
}

enum ki_type
ki_map_col_type(const struct ki_map *m, size_t i)
{
	return spec_type(&m->specs[i]);
}

/*
 * Whether header name a is b, give or take case and runs of spaces:
 * monthly releases write "Latest OEIF  safeguarding is effective?" with two
 * spaces in one month and one in the next.
 */
static int
same_name(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' && (a[1] == ' ' || a[1] == '\0'))
			a++;
		while (*b == ' ' && (b[1] == ' ' || b[1] == '\0'))
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++;
		b++;
	}
}

/* The index of column name in h: exactly, else by same_name. -1 if none. */
static long
find_col(const struct ki_hdr *h, const char *name)
{
	long k = ki_hdr_index(h, name);
	size_t i;

	if (k >= 0)
		return k;
	while (*name == ' ')
		name++;
	for (i = 0; i < h->n; i++) {
		const char *n = h->names[i];

		while (*n == ' ')
			n++;
		if (same_name(n, name))
			return (long)i;
	}
	return -1;
}

static int
bind_cond(struct cond *cd, const struct ki_hdr *h, const char *file,
    struct ki_err *err)
{
	size_t i;

	if (cd->n == 0)
		return 0;
	free(cd->idx);
	if ((cd->idx = calloc(cd->n, sizeof(long))) == NULL)
		return ki_err_set(err, file, 0, NULL, "out of memory");
	for (i = 0; i < cd->n; i++)
		cd->idx[i] = find_col(h, cd->names[i]);
	return 0;
}

static int
bind_spec(struct spec *sp, const struct ki_hdr *h, const char *file,
    struct ki_err *err)
{
	size_t i;
	int found = 0;

	for (i = 0; i < sp->nkids; i++)
		if (bind_spec(&sp->kids[i], h, file, err) == -1)
			return -1;
	if (bind_cond(&sp->cond[0], h, file, err) == -1 ||
	    bind_cond(&sp->cond[1], h, file, err) == -1)
		return -1;
	if (sp->nnames == 0)
		return 0;
	free(sp->idx);
	if ((sp->idx = calloc(sp->nnames, sizeof(long))) == NULL)
		return ki_err_set(err, file, 0, NULL, "out of memory");
	for (i = 0; i < sp->nnames; i++) {
		sp->idx[i] = find_col(h, sp->names[i]);
		found |= sp->idx[i] >= 0;
	}
	if (sp->how == SP_CONCAT)
		for (i = 0; i < sp->nnames; i++)
			if (sp->idx[i] < 0 && sp->required)
				return ki_err_set(err, file, 1, sp->names[i],
				    "no such column in the header");
	if (!found && sp->required)
		return ki_err_set(err, file, 1, sp->names[0],
		    "no such column in the header");
	return 0;
}

int
ki_map_bind(struct ki_map *m, const struct ki_hdr *h, const char *file,
    struct ki_err *err)
{
	size_t i;

	if (m->keep_col != NULL &&
	    (m->keep_idx = find_col(h, m->keep_col)) < 0)
		return ki_err_set(err, file, 1, m->keep_col,
		    "no such column in the header (the %s layout needs it)",
		    m->name);
	for (i = 0; i < m->ncols; i++)
		if (bind_spec(&m->specs[i], h, file, err) == -1)
			return -1;
	return 0;
}

static void
used(const struct spec *sp, unsigned char *want, size_t n)
{
	size_t i, k;

	for (i = 0; i < sp->nkids; i++)
		used(&sp->kids[i], want, n);
	for (k = 0; k < 2; k++)
		for (i = 0; i < sp->cond[k].n; i++)
			if (sp->cond[k].idx != NULL && sp->cond[k].idx[i] >= 0 &&
			    (size_t)sp->cond[k].idx[i] < n)
				want[sp->cond[k].idx[i]] = 1;
	for (i = 0; i < sp->nnames; i++)
		if (sp->idx != NULL && sp->idx[i] >= 0 && (size_t)sp->idx[i] < n)
			want[sp->idx[i]] = 1;
}

void
ki_map_used(const struct ki_map *m, unsigned char *want, size_t n)
{
	size_t i;

	memset(want, 0, n);
	if (m->keep_idx >= 0 && (size_t)m->keep_idx < n)
		want[m->keep_idx] = 1;
	for (i = 0; i < m->ncols; i++)
		used(&m->specs[i], want, n);
}

int
ki_map_keep(const struct ki_map *m, const struct ki_rec *rec)
{
	const char *v;
	size_t i;

	if (m->keep_idx < 0)
		return 1;
	v = rec->v[m->keep_idx];
	if (v == NULL)
		return 0;
	for (i = 0; i < json_array_size(m->keep_vals); i++)
		if (strcmp(v, json_string_value(json_array_get(m->keep_vals,
		    i))) == 0)
			return 1;
	return 0;
}

const char *
ki_map_family(const struct ki_map *m)
{
	return m->family;
}

size_t
ki_map_nidentify(const struct ki_map *m)
{
	return m->nident;
}

size_t
ki_map_identify(const struct ki_map *m, const struct ki_hdr *h,
    char *missing, size_t len)
{
	size_t i, j, nmiss = 0, used = 0;

	if (len > 0)
		missing[0] = '\0';
	for (i = 0; i < m->nident; i++) {
		const struct ident *id = &m->ident[i];

		for (j = 0; j < id->n; j++)
			if (find_col(h, id->names[j]) >= 0)
				break;
		if (j < id->n)
			continue;
		nmiss++;
		for (j = 0; j < id->n && used < len; j++) {
			int w = snprintf(missing + used, len - used, "%s%s",
			    j > 0 ? " or " : nmiss > 1 ? ", " : "", id->names[j]);

			if (w > 0)
				used += (size_t)w;
		}
	}
	return nmiss;
}

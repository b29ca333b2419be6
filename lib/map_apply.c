/* Column maps: apply a bound map to a row, one canonical value per column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map_impl.h"
#include "ki/num.h"

/* Whether v (NUL-terminated) is one of the n tokens. */
static int
among(char *const *tok, size_t n, const char *v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (tok[i][0] == v[0] && strcmp(v, tok[i]) == 0)
			return 1;
	return 0;
}

/*
 * Whether v (len bytes, not 0) might be a blank token here: most values
 * have a first byte and length no token has.
 */
static inline int
maybe_token(const struct ki_map *m, const struct spec *sp, const char *v,
    size_t len)
{
	unsigned long long bit = map_lenbit(len);

	return (m->first[(unsigned char)*v] & bit) || (sp->bmask & bit);
}

/* Whether v (len bytes, NUL-terminated) means blank here. */
static int
is_blank(const struct ki_map *m, const struct spec *sp, const char *v,
    size_t len)
{
	if (v == NULL || len == 0)
		return 1;
	if (!maybe_token(m, sp, v, len) || among(sp->keep, sp->nkeep, v))
		return 0;
	return among(m->blank, m->nblank, v) || among(sp->blank, sp->nblank, v);
}

static int
put(struct spec *sp, const char *s, size_t len)
{
	if (len + 1 > sp->cap) {
		char *p = realloc(sp->buf, len + 64);

		if (p == NULL)
			return -1;
		sp->buf = p;
		sp->cap = len + 64;
	}
	memmove(sp->buf, s, len);
	sp->buf[len] = '\0';
	return 0;
}

/*
 * Whether sp's if_blank columns are all blank (or absent) and its if_set
 * columns all hold a value in rec.
 */
static int
cond_holds(const struct ki_map *m, const struct spec *sp,
    const struct ki_rec *rec)
{
	static const struct spec none;	/* the map's blanks only */
	size_t k, i;

	for (k = 0; k < 2; k++)
		for (i = 0; i < sp->cond[k].n; i++) {
			long x = sp->cond[k].idx[i];
			const char *v = x >= 0 ? rec->v[x] : NULL;
			int set;

			if (v != NULL)
				while (*v == ' ' || *v == '\t')
					v++;
			/* Padded cells ("NULL ") count as their token. */
			if (v == NULL)
				set = 0;
			else {
				char tok[64];
				size_t len = strlen(v);

				while (len > 0 && (v[len - 1] == ' ' ||
				    v[len - 1] == '\t'))
					len--;
				if (len >= sizeof(tok))
					set = 1;
				else {
					memcpy(tok, v, len);
					tok[len] = '\0';
					set = !is_blank(m, &none, tok, len);
				}
			}
			if (set != (int)k)
				return 0;
		}
	return 1;
}

/* The value of the latest "since" date not after the ISO date d, or NULL. */
static const char *
since(const struct spec *sp, const char *d)
{
	const char *k, *best = NULL, *val = NULL;
	json_t *v;

	json_object_foreach(sp->since, k, v)
		if (strcmp(k, d) <= 0 && (best == NULL || strcmp(k, best) > 0)) {
			best = k;
			val = json_string_value(v);
		}
	return val != NULL && *val != '\0' ? val : NULL;
}

/*
 * SP_FROM: the first of the names the header has, unpadded, or NULL; its
 * length in *len. The value is the record's own where it needs no change.
 */
static int
read_from(const struct ki_map *m, struct spec *sp, const struct ki_rec *rec,
    const char *file, const char **raw, size_t *rawlen, const char **col,
    struct ki_err *err)
{
	const char *v = NULL;
	size_t i, len = 0, end;

	for (i = 0; i < sp->nnames; i++)
		if (sp->idx[i] >= 0) {
			*col = sp->names[i];
			v = rec->v[sp->idx[i]];
			len = v != NULL ? rec->len[sp->idx[i]] : 0;
			break;
		}
	if (v != NULL) {
		/* Exports pad some cells ("SM "): compare without it. */
		for (; len > 0 && (*v == ' ' || *v == '\t'); len--)
			v++;
		for (end = len; len > 0 && (v[len - 1] == ' ' ||
		    v[len - 1] == '\t'); len--)
			;
		if (len < end) {
			if (put(sp, v, len) == -1)
				return ki_err_set(err, file, rec->line, NULL,
				    "out of memory");
			v = sp->buf;
		}
	}
	/* Most values have a length no blank token has. */
	*raw = (len > 0 && !maybe_token(m, sp, v, len)) ||
	    !is_blank(m, sp, v, len) ? v : NULL;
	*rawlen = len;
	return 0;
}

/* SP_CONCAT: the parts joined, or NULL when one is blank. */
static int
read_concat(const struct ki_map *m, struct spec *sp, const struct ki_rec *rec,
    const char *file, const char **raw, size_t *rawlen, const char **col,
    struct ki_err *err)
{
	size_t i, len = 0;

	*raw = NULL;
	for (i = 0; i < sp->nnames; i++) {
		long x = sp->idx[i];
		const char *p = x >= 0 ? rec->v[x] : NULL;

		if (is_blank(m, sp, p, p != NULL ? rec->len[x] : 0))
			return 0;
		len += rec->len[x];
	}
	if (len + 1 > sp->cap) {
		char *b = realloc(sp->buf, len + 64);

		if (b == NULL)
			return ki_err_set(err, file, rec->line, NULL,
			    "out of memory");
		sp->buf = b;
		sp->cap = len + 64;
	}
	for (len = 0, i = 0; i < sp->nnames; i++) {
		memcpy(sp->buf + len, rec->v[sp->idx[i]], rec->len[sp->idx[i]]);
		len += rec->len[sp->idx[i]];
	}
	sp->buf[len] = '\0';
	*raw = sp->buf;
	*rawlen = len;
	*col = sp->names[0];
	return 0;
}

/* v (len bytes) in sp's lookup (ci 0) or lookup_ci (1), or NULL. */
static const char *
find(const struct spec *sp, int ci, const char *v, size_t len)
{
	const struct lkent *e = sp->lk[ci];
	size_t i;
	json_t *hit;

	if (e == NULL) {
		hit = json_object_get(ci ? sp->lookup_ci : sp->lookup, v);
		return hit != NULL ? json_string_value(hit) : NULL;
	}
	for (i = 0; i < sp->nlk[ci]; i++)
		if (e[i].len == len && memcmp(e[i].key, v, len) == 0)
			return e[i].val;
	return NULL;
}

/* v (len bytes) in lower case in sp's lookup_ci, or NULL. */
static const char * __attribute__((noinline))
find_ci(const struct spec *sp, const char *v, size_t len)
{
	char low[256];
	size_t k;

	if (len >= sizeof(low))
		return NULL;
	for (k = 0; k < len; k++)
		low[k] = (char)(v[k] >= 'A' && v[k] <= 'Z' ? v[k] - 'A' + 'a' :
		    v[k]);
	low[k] = '\0';
	return find(sp, 1, low, len);
}

/* raw (len bytes) through the spec's lookup: its value, the default, or
 * an error. */
static int
look_up(const struct spec *sp, const struct ki_rec *rec, const char *file,
    const char **raw, size_t len, const char *col, struct ki_err *err)
{
	const char *v = *raw, *hit = find(sp, 0, v, len);

	if (hit == NULL)
		hit = find_ci(sp, v, len);
	if (hit != NULL)
		*raw = hit;
	else if (sp->dflt != NULL)
		*raw = sp->dflt;
	else
		return ki_err_set(err, file, rec->line, col, "unknown value "
		    "\"%s\" (for %s; add it to the map's lookup)", v, sp->path);
	return 0;
}

/* The longest number ki_val_norm reads (its buffer, less its NUL). */
#define NUM_MAX	63

/* A number with a trailing % (len bytes, len > 0): as number() says. */
static int __attribute__((noinline))
percent(struct spec *sp, const char **raw, size_t *len)
{
	char tmp[NUM_MAX + 1];
	size_t n = *len - 1;
	double d;
	int point;

	if (n == 0 || n > NUM_MAX)
		return 0;
	memcpy(tmp, *raw, n);
	tmp[n] = '\0';
	if (ki_val_plain(tmp, n, &point)) {
		if (point && sp->type == KI_T_INT)
			return 0;
	} else if (ki_num_parse(tmp, &d) == -1 || (sp->type == KI_T_INT &&
	    strpbrk(tmp, ".eE") != NULL))
		return 0;
	if (put(sp, tmp, n) == -1)
		return -1;
	*raw = sp->buf;
	*len = n;
	return 1;
}

/*
 * A number (or a whole one) as ki_val_norm reads it, without copies:
 * 1 with *raw the number (the text less a trailing %), 0 when
 * ki_val_norm is to say what is wrong, -1 out of memory.
 */
static int
number(struct spec *sp, const char **raw, size_t *len)
{
	const char *s = *raw;
	size_t n = *len;
	double d;
	int point;

	if (n > 0 && s[n - 1] == '%')
		return percent(sp, raw, len);
	if (n == 0 || n > NUM_MAX)
		return 0;
	if (ki_val_plain(s, n, &point))
		return !(point && sp->type == KI_T_INT);
	return ki_num_parse(s, &d) == 0 && !(sp->type == KI_T_INT &&
	    strpbrk(s, ".eE") != NULL);
}

/* raw (len bytes) through the spec's lookup, if any, into *out. */
static int
finish(struct spec *sp, const struct ki_rec *rec, const char *file,
    const char *raw, size_t len, const char *col, const char **out,
    struct ki_err *err)
{
	if (sp->lookup != NULL) {
		if (look_up(sp, rec, file, &raw, len, col, err) == -1)
			return -1;
		if (*raw == '\0')
			return 0;
	}
	*out = raw;
	return 0;
}

/* raw as ki_val_norm reads it as sp's type, then as since says. */
static int __attribute__((noinline))
normalise(struct spec *sp, const struct ki_rec *rec, const char *file,
    const char *raw, const char *col, const char **out, struct ki_err *err)
{
	char conv[64], msg[160];
	int rc = ki_val_norm(sp->type, raw, conv, sizeof(conv), msg,
	    sizeof(msg));

	if (rc == -1)
		return ki_err_set(err, file, rec->line, col, "%s (for %s)", msg,
		    sp->path + (strncmp(sp->path, "columns.", 8) ? 0 : 8));
	if (rc == 0)
		return 0;
	raw = conv;
	if (sp->since != NULL && (raw = since(sp, raw)) == NULL)
		return 0;
	/* conv is gone on return. */
	if (raw == conv) {
		if (put(sp, conv, strlen(conv)) == -1)
			return ki_err_set(err, file, rec->line, NULL,
			    "out of memory");
		raw = sp->buf;
	}
	return finish(sp, rec, file, raw, strlen(raw), col, out, err);
}

/*
 * raw (len bytes), read from column col, as the spec's type, date and
 * lookup say. *out is raw itself where that is the answer: the record's
 * text, sp's buffer or the map's.
 */
static int
convert(struct spec *sp, const struct ki_rec *rec, const char *file,
    const char *raw, size_t len, const char *col, const char **out,
    struct ki_err *err)
{
	int rc = 0;

	if (sp->type == KI_T_NUMBER || sp->type == KI_T_INT)
		rc = number(sp, &raw, &len);
	if (rc == -1)
		return ki_err_set(err, file, rec->line, NULL, "out of memory");
	if (rc == 0 && sp->type != KI_T_TEXT)
		return normalise(sp, rec, file, raw, col, out, err);
	return finish(sp, rec, file, raw, len, col, out, err);
}

static int
eval(struct ki_map *m, struct spec *sp, const struct ki_rec *rec,
    const char *file, const char **out, struct ki_err *err)
{
	const char *raw = NULL, *col = NULL;
	size_t i, len = 0;
	int rc = 0;

	*out = NULL;
	if ((sp->cond[0].n > 0 || sp->cond[1].n > 0) && !cond_holds(m, sp, rec))
		return 0;
	switch (sp->how) {
	case SP_VALUE:
		*out = *sp->value ? sp->value : NULL;
		return 0;
	case SP_FIRST:
		for (i = 0; i < sp->nkids; i++) {
			if (eval(m, &sp->kids[i], rec, file, out, err) == -1)
				return -1;
			if (*out != NULL)
				return 0;
		}
		return 0;
	case SP_FROM:
		rc = read_from(m, sp, rec, file, &raw, &len, &col, err);
		break;
	case SP_CONCAT:
		rc = read_concat(m, sp, rec, file, &raw, &len, &col, err);
		break;
	}
	if (rc == -1 || raw == NULL)
		return rc;
	return convert(sp, rec, file, raw, len, col, out, err);
}

int
ki_map_apply(struct ki_map *m, const struct ki_rec *rec, const char *file,
    const char **out, struct ki_err *err)
{
	size_t i;

	for (i = 0; i < m->ncols; i++)
		if (eval(m, &m->specs[i], rec, file, &out[i], err) == -1)
			return -1;
	return 0;
}

/* Layout detection: which shipped map a file's header is. */
#include <errno.h>
#include <sys/stat.h>

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "ki/import_int.h"
#include "ki/share.h"

/*
 * Load the shipped maps into l, once, for telling layouts apart. Returns 0,
 * or -1 with err set.
 */
int
ki_imp_layouts_load(struct ki_imp_layouts *l, struct ki_err *err)
{
	struct dirent **ents;
	char *dir;
	int n, i;

	if (l->loaded)
		return 0;
	l->loaded = 1;
	if ((dir = ki_share_dir("maps")) == NULL)
		return errno == ENOMEM ? ki_err_set(err, NULL, 0, NULL,
		    "out of memory") : ki_err_set(err, NULL, 0, NULL,
		    "cannot find the shipped maps directory (set KI_DATADIR)");
	n = ki_share_scan(dir, &ents);
	if (n > KI_IMP_MAX_LAYOUTS)
		n = KI_IMP_MAX_LAYOUTS;
	if (n > 0 && (l->lay = calloc((size_t)n, sizeof(*l->lay))) == NULL) {
		ki_share_scan_free(ents, n);
		free(dir);
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	}
	for (i = 0; i < n; i++) {
		struct ki_imp_layout *y = &l->lay[l->n];
		size_t len = strlen(dir) + strlen(ents[i]->d_name) + 2;

		if ((y->path = malloc(len)) == NULL)
			break;
		snprintf(y->path, len, "%s/%s", dir, ents[i]->d_name);
		/*
		 * A shipped map that does not load is an error: skipping it
		 * would read its files with another layout.
		 */
		if ((y->map = ki_map_load(y->path, err)) == NULL) {
			free(y->path);
			ki_share_scan_free(ents, n);
			free(dir);
			return -1;
		}
		l->n++;
	}
	ki_share_scan_free(ents, n);
	free(dir);
	return i < n ? ki_err_set(err, NULL, 0, NULL, "out of memory") : 0;
}

void
ki_imp_layouts_free(struct ki_imp_layouts *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		ki_map_free(l->lay[i].map);
		free(l->lay[i].path);
	}
	free(l->lay);
	memset(l, 0, sizeof(*l));
}

/*
 * The shipped layouts that header h has every identifying column of, most
 * specific first (the one with most such columns), into best; those that
 * fit as well as the first go to *ties. Only layouts named tag or of its
 * family count, unless tag is NULL, and only those that cover year, when
 * it is known (not 0). Returns how many fit.
 */
size_t
ki_imp_fitting(const struct ki_imp_layouts *l, const struct ki_hdr *h,
    const char *tag, int year, struct ki_imp_layout **best, size_t *ties)
{
	size_t i, n = 0;
	char miss[8];

	*best = NULL;
	*ties = 0;
	for (i = 0; i < l->n; i++) {
		struct ki_map *m = l->lay[i].map;
		const char *fam = ki_map_family(m);
		size_t k = ki_map_nidentify(m);

		if (k == 0 || (tag != NULL && strcmp(ki_map_name(m), tag) != 0 &&
		    (fam == NULL || strcmp(fam, tag) != 0)) ||
		    !ki_map_covers(m, year))
			continue;
		if (ki_map_identify(m, h, miss, sizeof(miss)) > 0)
			continue;
		n++;
		if (*best == NULL || k > ki_map_nidentify((*best)->map)) {
			*best = &l->lay[i];
			*ties = 0;
		} else if (k == ki_map_nidentify((*best)->map))
			(*ties)++;
	}
	return n;
}

/*
 * The layouts nearest to header h, for messages: "dfe-ks2" when one fits,
 * else up to three with the share of their identifying columns h has,
 * each with what it lacks. Empty when nothing is near.
 */
void
ki_imp_nearest(const struct ki_imp_layouts *l, const struct ki_hdr *h, char *out,
    size_t len)
{
	struct ki_imp_layout *best;
	size_t ties, i, used = 0, shown = 0;
	double top[3] = { 0, 0, 0 };
	size_t pick[3] = { 0, 0, 0 };

	out[0] = '\0';
	if (ki_imp_fitting(l, h, NULL, 0, &best, &ties) > 0 && ties == 0) {
		snprintf(out, len, "%s", ki_map_name(best->map));
		return;
	}
	for (i = 0; i < l->n; i++) {
		size_t k = ki_map_nidentify(l->lay[i].map), j;
		char miss[8];
		double f;

		if (k == 0)
			continue;
		f = (double)(k - ki_map_identify(l->lay[i].map, h, miss,
		    sizeof(miss))) / (double)k;
		for (j = 0; j < 3; j++)
			if (f > top[j]) {
				memmove(top + j + 1, top + j, (2 - j) * sizeof(*top));
				memmove(pick + j + 1, pick + j, (2 - j) * sizeof(*pick));
				top[j] = f;
				pick[j] = i;
				break;
			}
	}
	for (i = 0; i < 3 && top[i] > 0 && used < len; i++) {
		char miss[512];
		int w;

		ki_map_identify(l->lay[pick[i]].map, h, miss, sizeof(miss));
		w = snprintf(out + used, len - used, "%s%s (lacks %s)",
		    shown++ ? ", " : "", ki_map_name(l->lay[pick[i]].map), miss);
		if (w > 0)
			used += (size_t)w;
	}
}

/*
 * Pick the map of s from its file's header: among every shipped layout
 * when s has no tag, else among its tag's layout and family (ofsted: reads
 * each era's file by its era's map). Standard input or a pipe is read
 * once, so only its tag's own map can read it.
 */
int
ki_imp_choose_layout(struct ki_imp *c, struct ki_imp_src *s)
{
	struct ki_reader *rd;
	struct ki_imp_layout *best;
	struct stat st;
	size_t n, ties;
	char near[1024];
	int year, lo, hi;

	if (strcmp(s->path, "-") == 0 || stat(s->path, &st) == -1 ||
	    !S_ISREG(st.st_mode)) {
		if (s->detect)
			return ki_err_set(c->err, NULL, 0, NULL, "%s: only a "
			    "regular file can be read without a tag, as it is "
			    "read twice: give TAG:%s", s->path, s->path);
		return 0;
	}
	if (ki_imp_layouts_load(&c->lays, c->err) == -1)
		return -1;
	rd = ki_reader_open(s->path, KI_FMT_AUTO, KI_RD_CP1252 | KI_RD_NO_AHEAD,
	    c->err);
	/* The year, where the name or options tell it, picks among layouts. */
	year = c->opt->year ? c->opt->year : ki_imp_year_from_name(s->path);
	if (year <= 0 && rd != NULL)
		year = ki_imp_year_from_suffix(ki_reader_hdr(rd));
	n = rd == NULL ? 0 : ki_imp_fitting(&c->lays, ki_reader_hdr(rd),
	    s->detect ? NULL : s->tag, year, &best, &ties);
	/* Some Ofsted files have a title line above the header. */
	if (n == 0 && (rd == NULL || ki_reader_fmt(rd) == KI_FMT_CSV)) {
		struct ki_err first = *c->err;
		struct ki_reader *r2 = ki_reader_open(s->path, KI_FMT_CSV,
		    KI_RD_CP1252 | KI_RD_NO_AHEAD | KI_RD_SKIP_FIRST, c->err);

		*c->err = first;
		if (r2 != NULL && (n = ki_imp_fitting(&c->lays,
		    ki_reader_hdr(r2), s->detect ? NULL : s->tag, year, &best,
		    &ties)) > 0) {
			ki_reader_close(rd);
			rd = r2;
			s->title = 1;
		} else
			ki_reader_close(r2);
	}
	if (rd == NULL)
		return -1;
	if (n == 0 && !s->detect) {
		/* check_layout says why, once the map is bound. */
		ki_reader_close(rd);
		return 0;
	}
	/* A sheet in canonical names (urn, ...) is a local one. */
	if (n == 0 && !s->title && ki_hdr_index(ki_reader_hdr(rd), "urn") >= 0) {
		ki_reader_close(rd);
		return 0;
	}
	if (n == 0 || ties > 0) {
		ki_imp_nearest(&c->lays, ki_reader_hdr(rd), near, sizeof(near));
		ki_reader_close(rd);
		if (n == 0)
			return ki_err_set(c->err, s->path, 0, NULL, "unknown "
			    "layout: no shipped map fits its header%s%s (give "
			    "TAG:FILE, or a map)", *near ? "; nearest: " : "",
			    near);
		return ki_err_set(c->err, s->path, 0, NULL, "ambiguous "
		    "header: %d layouts fit it as well as %s (give %s)",
		    (int)ties + 1, ki_map_name(best->map),
		    ki_map_years(best->map, &lo, &hi) ? "--year" : "TAG:FILE");
	}
	ki_reader_close(rd);
	free(s->mappath);
	if ((s->mappath = strdup(best->path)) == NULL)
		return ki_err_set(c->err, NULL, 0, NULL, "out of memory");
	return 0;
}

/* Refuse a file that lacks the columns that identify s's layout. */
int
ki_imp_check_layout(struct ki_imp *c, struct ki_imp_src *s,
    const struct ki_hdr *h)
{
	char miss[512], near[1024];

	if (ki_map_identify(s->map, h, miss, sizeof(miss)) == 0)
		return 0;
	if (ki_imp_layouts_load(&c->lays, c->err) == -1)
		return -1;
	ki_imp_nearest(&c->lays, h, near, sizeof(near));
	return ki_err_set(c->err, ki_reader_name(s->rd), 0, NULL, "this is "
	    "not a%s %s file: it lacks %s%s%s", strchr("aeiou",
	    ki_map_name(s->map)[0]) ? "n" : "", ki_map_name(s->map), miss,
	    *near ? "; it looks like " : "", near);
}

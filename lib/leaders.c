/* The register of system leaders: read and check it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/broker.h"
#include "ki/fixed.h"
#include "ki/policy.h"
#include "ki/rec.h"

enum { L_ID, L_NAME, L_ROLE, L_URN, L_DISTRICT, L_PHASES, L_STRENGTHS,
	L_DAYS, NL };
static const char *const lcol[NL] = { "id", "name", "role", "urn",
	"district", "phases", "strengths", "days" };

/* Split "a; b;c" into a NULL-terminated array of trimmed words. */
static char **
split(const char *s)
{
	const char *p, *e, *end;
	size_t n = 1, k = 0;
	char **v;

	for (p = s ? s : ""; *p; p++)
		n += *p == ';';
	if ((v = calloc(n + 1, sizeof(char *))) == NULL)
		return NULL;
	for (p = s ? s : ""; *p; p = e ? e + 1 : end) {
		e = strchr(p, ';');
		end = e ? e : p + strlen(p);
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (end > p && (v[k++] = strndup(p, (size_t)(end - p))) == NULL)
			break;
		if (e == NULL)
			break;
	}
	return v;
}

static int
by_id(const void *a, const void *b)
{
	return strcmp(((const struct ki_leader *)a)->id,
	    ((const struct ki_leader *)b)->id);
}

static int
roles_text(const struct ki_broker_policy *p, char *buf, size_t n)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < p->nroles && len < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? ", " : "",
		    p->roles[i].name);
	return 0;
}

/* Check one leader's row; fill l. */
static int
one(struct ki_leader *l, const char *const *v, const struct ki_broker_policy *p,
    const struct ki_tab *districts, const char *file, long line,
    struct ki_err *err)
{
	char roles[256];

	if (v[L_URN] == NULL)
		return ki_err_set(err, file, line, "urn", "blank: the leader's "
		    "own school");
	if ((l->role = v[L_ROLE] ? ki_broker_role(p, v[L_ROLE]) : -1) < 0) {
		roles_text(p, roles, sizeof(roles));
		return ki_err_set(err, file, line, "role", "\"%s\" is not a role "
		    "(%s)", v[L_ROLE] ? v[L_ROLE] : "", roles);
	}
	if (v[L_DAYS] == NULL || ki_fixed_parse(v[L_DAYS], 2, &l->days) == -1 ||
	    l->days < 0)
		return ki_err_set(err, file, line, "days", "\"%s\" is not a "
		    "number of days, 0 or more", v[L_DAYS] ? v[L_DAYS] : "");
	if (districts != NULL && v[L_DISTRICT] != NULL &&
	    ki_tab_get(districts, v[L_DISTRICT]) == NULL)
		return ki_err_set(err, file, line, "district", "\"%s\" is the "
		    "district of no school in the input", v[L_DISTRICT]);
	l->line = line;
	l->name = strdup(v[L_NAME] ? v[L_NAME] : "");
	l->urn = strdup(v[L_URN]);
	l->district = v[L_DISTRICT] ? strdup(v[L_DISTRICT]) : NULL;
	l->phases = split(v[L_PHASES]);
	l->strengths = split(v[L_STRENGTHS]);
	if (l->name == NULL || l->urn == NULL || l->phases == NULL ||
	    l->strengths == NULL || (v[L_DISTRICT] && l->district == NULL))
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	return 0;
}

int
ki_leaders_load(struct ki_leaders *ls, const char *path,
    const struct ki_broker_policy *p, const struct ki_tab *districts,
    struct ki_err *err)
{
	struct ki_reader *rd;
	struct ki_rec *rec;
	struct ki_tab *ids;
	size_t cap = 0, i;
	int rc = 0;

	memset(ls, 0, sizeof(*ls));
	if ((rd = ki_reader_open(path, KI_FMT_AUTO, KI_RD_NO_AHEAD, err)) ==
	    NULL)
		return -1;
	if ((ids = ki_tab_new()) == NULL) {
		ki_reader_close(rd);
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	}
	for (i = 0; i < NL && ki_reader_fmt(rd) == KI_FMT_CSV; i++)
		if (ki_hdr_index(ki_reader_hdr(rd), lcol[i]) < 0) {
			rc = ki_err_set(err, ki_reader_name(rd), 1, lcol[i], "no "
			    "such column (a register of leaders has id, name, "
			    "role, urn, district, phases, strengths, days)");
			goto out;
		}
	while ((rc = ki_reader_next(rd, &rec, err)) == 1) {
		const char *v[NL];
		struct ki_leader *l;

		for (i = 0; i < NL; i++) {
			long c = ki_hdr_index(ki_reader_hdr(rd), lcol[i]);

			v[i] = c >= 0 ? rec->v[c] : NULL;
		}
		if (v[L_ID] == NULL) {
			rc = ki_err_set(err, ki_reader_name(rd), rec->line, "id",
			    "blank");
			goto out;
		}
		if (ki_tab_get(ids, v[L_ID]) != NULL) {
			rc = ki_err_set(err, ki_reader_name(rd), rec->line, "id",
			    "%s appears twice", v[L_ID]);
			goto out;
		}
		if (ls->n == cap) {
			size_t c2 = cap ? cap * 2 : 16;
			struct ki_leader *nl = realloc(ls->l, c2 * sizeof(*nl));

			if (nl == NULL) {
				rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
				goto out;
			}
			ls->l = nl;
			cap = c2;
		}
		l = &ls->l[ls->n++];
		memset(l, 0, sizeof(*l));
		if ((l->id = strdup(v[L_ID])) == NULL ||
		    ki_tab_put(ids, l->id, l) == -1) {
			rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
			goto out;
		}
		if ((rc = one(l, v, p, districts, ki_reader_name(rd), rec->line,
		    err)) == -1)
			goto out;
	}
	if (rc == 0 && ls->n > 1)
		qsort(ls->l, ls->n, sizeof(*ls->l), by_id);
out:
	ki_tab_free(ids, NULL);
	ki_reader_close(rd);
	if (rc == -1)
		ki_leaders_free(ls);
	return rc;
}

void
ki_leaders_free(struct ki_leaders *ls)
{
	size_t i;

	for (i = 0; i < ls->n; i++) {
		free(ls->l[i].id);
		free(ls->l[i].name);
		free(ls->l[i].urn);
		free(ls->l[i].district);
		ki_policy_words_free(ls->l[i].phases);
		ki_policy_words_free(ls->l[i].strengths);
	}
	free(ls->l);
	ls->l = NULL;
	ls->n = 0;
}

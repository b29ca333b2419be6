/* The register of system leaders: read and check it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/broker.h"
#include "ki/fixed.h"
#include "ki/register.h"
#include "ki/words.h"

enum { L_ID, L_NAME, L_ROLE, L_URN, L_DISTRICT, L_PHASES, L_STRENGTHS,
	L_DAYS, NL };
static const char *const lcol[NL] = { "id", "name", "role", "urn",
	"district", "phases", "strengths", "days" };

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
	l->phases = ki_words_split(v[L_PHASES]);
	l->strengths = ki_words_split(v[L_STRENGTHS]);
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
	struct ki_register r;
	const char *v[NL];
	long line;
	int rc;

	memset(ls, 0, sizeof(*ls));
	if (ki_register_open(&r, path, KI_RD_NO_AHEAD, lcol, NL, "a register "
	    "of leaders has id, name, role, urn, district, phases, strengths, "
	    "days", err) == -1)
		return -1;
	while ((rc = ki_register_next(&r, v, &line, err)) == 1) {
		struct ki_leader *nl = ki_register_grow(&r, ls->l, ls->n,
		    sizeof(*ls->l)), *l;

		if (nl == NULL) {
			rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
			break;
		}
		ls->l = nl;
		l = &ls->l[ls->n++];
		memset(l, 0, sizeof(*l));
		if ((l->id = strdup(v[L_ID])) == NULL) {
			rc = ki_err_set(err, NULL, 0, NULL, "out of memory");
			break;
		}
		if ((rc = one(l, v, p, districts, ki_register_name(&r), line,
		    err)) == -1)
			break;
	}
	ki_register_close(&r);
	if (rc == -1) {
		ki_leaders_free(ls);
		return -1;
	}
	if (ls->n > 1)
		qsort(ls->l, ls->n, sizeof(*ls->l), by_id);
	return 0;
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
		ki_words_free(ls->l[i].phases);
		ki_words_free(ls->l[i].strengths);
	}
	free(ls->l);
	ls->l = NULL;
	ls->n = 0;
}

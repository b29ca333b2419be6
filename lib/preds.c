/* Predecessors named by successor columns (DfE's URN_AC). */
#include <stdlib.h>
#include <string.h>

#include "ki/preds.h"
#include "ki/tab.h"

struct ki_preds {
	struct ki_tab *of;	/* successor -> its predecessor, or merger */
};

/* The mark of a successor named by two schools. */
static char merger[] = "";

struct ki_preds *
ki_preds_new(void)
{
	struct ki_preds *p = calloc(1, sizeof(*p));

	if (p != NULL && (p->of = ki_tab_new()) == NULL) {
		free(p);
		return NULL;
	}
	return p;
}

int
ki_preds_note(struct ki_preds *p, const char *succ, const char *pred)
{
	char *old, *v;

	if (succ == NULL || pred == NULL || *succ == '\0' || *pred == '\0' ||
	    strcmp(succ, pred) == 0)
		return 0;
	old = ki_tab_get(p->of, succ);
	if (old == merger || (old != NULL && strcmp(old, pred) == 0))
		return 0;
	if (old != NULL) {
		if (ki_tab_put(p->of, succ, merger) == -1)
			return -1;
		free(old);
		return 0;
	}
	if ((v = strdup(pred)) == NULL)
		return -1;
	if (ki_tab_put(p->of, succ, v) == -1) {
		free(v);
		return -1;
	}
	return 0;
}

const char *
ki_preds_of(const struct ki_preds *p, const char *succ)
{
	const char *v;

	if (p == NULL || succ == NULL)
		return NULL;
	v = ki_tab_get(p->of, succ);
	return v == merger ? NULL : v;
}

static void
free_pred(void *v)
{
	if (v != merger)
		free(v);
}

void
ki_preds_free(struct ki_preds *p)
{
	if (p == NULL)
		return;
	ki_tab_free(p->of, free_pred);
	free(p);
}

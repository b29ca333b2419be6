/*
 * Predecessors named by successor columns: a DfE row of a closed school
 * whose URN_AC (urn_successor) names the academy that replaced it makes
 * that school the academy's predecessor.
 */
#ifndef KI_PREDS_H
#define KI_PREDS_H

struct ki_preds;

/* A new empty set, or NULL on allocation failure. */
struct ki_preds *ki_preds_new(void);

/*
 * Note that pred's row names succ as its successor. Blank or NULL values,
 * and a school its own successor, are ignored. Two schools that name one
 * successor are a merger: it then has no predecessor that is followed.
 * Returns 0, or -1 on allocation failure.
 */
int ki_preds_note(struct ki_preds *p, const char *succ, const char *pred);

/* succ's one predecessor, or NULL (none, or a merger). */
const char *ki_preds_of(const struct ki_preds *p, const char *succ);

void ki_preds_free(struct ki_preds *p);

#endif

/* Predecessor links: follow a school's history through academy conversion. */
#ifndef KI_LINKS_H
#define KI_LINKS_H

#include <stddef.h>
#include <stdint.h>

#include "ki/urnset.h"

/*
 * Pairs "pred is the predecessor of urn" noted from the rows (a row's
 * urn_predecessor column, or a row of pred whose urn_successor is urn),
 * then resolved to school indices of a ki_urnset. A school with two
 * different predecessors (a merger) follows neither.
 */
struct ki_links {
	char **urn, **pred;
	size_t n, cap;
	uint32_t *of;		/* after resolve: pairs of school and its */
	size_t nof;		/* predecessor, by school: 8 bytes a link */
};

/*
 * Note that pred is urn's predecessor; NULL or blank values and a school
 * its own predecessor are ignored. Returns 0, or -1 on allocation failure.
 */
int ki_links_note(struct ki_links *l, const char *urn, const char *pred);

/*
 * Resolve the pairs to the schools of k (a predecessor with no rows is
 * not followed). Returns 0, or -1 on allocation failure.
 */
int ki_links_resolve(struct ki_links *l, const struct ki_urnset *k);

/* School's predecessor index, or -1 (after resolve). */
long ki_links_pred(const struct ki_links *l, long school);

/* At most this many predecessors are followed, so a cycle ends. */
#define KI_LINKS_DEPTH 8

void ki_links_free(struct ki_links *l);

#endif

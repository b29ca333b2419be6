/* Conditions: the facts that decided an answer, for people. */
#include <string.h>

#include "cond_impl.h"

/*
 * The facts of the parts of a list with its answer, joined, from start
 * on: "x is 0 and y is 1" for yes or no, "x is blank, y is blank" for
 * unknown.
 */
void
cond_explain_list(const struct ki_cond *c, const struct ki_cond_ctx *ctx,
    const struct cond_seen *s, int rc, struct ki_buf *why, size_t start)
{
	const struct cond_part *p = s->p;
	const char *sep = rc == KI_UNKNOWN ? ", " : " and ";
	size_t end = why->len, seplen = rc == KI_UNKNOWN ? 2 : 5, i, j;
	char *d;
	int first = 1;

	(void)ctx;
	/* Room for the parts again and a separator each: copied in place. */
	if (ki_buf_room(why, end - start + c->nkids * seplen) == -1)
		return;
	d = why->s + end;
	for (i = 0; i < c->nkids; i++) {
		if (p[i].answer != rc)
			continue;
		/* The same fact twice ("x is 0 and x is 0") is said once. */
		for (j = 0; j < i; j++)
			if (p[j].answer == rc && p[j].len == p[i].len &&
			    memcmp(why->s + p[j].off, why->s + p[i].off,
			    p[i].len) == 0)
				break;
		if (j < i)
			continue;
		if (!first) {
			memcpy(d, sep, seplen);
			d += seplen;
		}
		memcpy(d, why->s + p[i].off, p[i].len);
		d += p[i].len;
		first = 0;
	}
	/* The parts as they were, dropped: the join in their place. */
	memmove(why->s + start, why->s + end, (size_t)(d - why->s) - end);
	why->len = start + (size_t)(d - why->s) - end;
	why->s[why->len] = '\0';
}

/*
 * The label says what holds, "not" in front when it does not; an unknown
 * answer's facts (what is blank) speak for themselves. The facts are the
 * text of why from start on.
 */
void
cond_explain_label(const struct ki_cond *c, int answer, struct ki_buf *why,
    size_t start)
{
	size_t end = why->len;

	if (c->label == NULL)
		return;
	ki_buf_cat(why, answer == KI_NO ? "not " : "", c->label, " (",
	    (char *)NULL);
	ki_buf_again(why, start, end - start);
	ki_buf_add(why, ")", 1);
	ki_buf_drop(why, start, end);
}

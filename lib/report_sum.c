/*
 * A report kind that adds its rows up as they are read (struct rsum): the
 * first failure kept for the build, and the rows held by a pack added up
 * the same way.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "report_kind.h"

int
ki_rsum_build(struct rctx *c, const struct rsum *s,
    int (*finish)(struct rctx *, struct ki_err *), struct ki_err *err)
{
	int rc;
	size_t i;

	if (c->acc != NULL)
		return finish(c, err);
	if (s->start(c) == -1)
		return ki_err_set(err, NULL, 0, NULL, "out of memory");
	for (i = 0; i < c->d->n && !c->failed; i++)
		s->add(c, c->d, &c->d->rows[i]);
	rc = finish(c, err);
	s->stop(c);
	return rc;
}

int
ki_rsum_fail(struct rctx *c, const char *file, long line, const char *field,
    const char *fmt, ...)
{
	va_list ap;
	char msg[sizeof(c->ferr.msg)];

	if (c->failed)
		return -1;
	c->failed = 1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return ki_err_set(&c->ferr, file, line, field, "%s", msg);
}

int
ki_rsum_failed(const struct rctx *c, struct ki_err *err)
{
	if (!c->failed)
		return 0;
	if (err != NULL)
		*err = c->ferr;
	return -1;
}

/* Growable text buffer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ki/buf.h"

static int
reserve(struct ki_buf *b, size_t more)
{
	size_t cap;
	char *s;

	if (b->len + more + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < b->len + more + 1)
		cap *= 2;
	if ((s = realloc(b->s, cap)) == NULL) {
		b->oom = 1;
		return -1;
	}
	b->s = s;
	b->cap = cap;
	return 0;
}

void
ki_buf_add(struct ki_buf *b, const char *s, size_t len)
{
	if (b == NULL || reserve(b, len) == -1)
		return;
	memcpy(b->s + b->len, s, len);
	b->len += len;
	b->s[b->len] = '\0';
}

int
ki_buf_room(struct ki_buf *b, size_t more)
{
	return reserve(b, more);
}

void
ki_buf_printf(struct ki_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b == NULL)
		return;
	/* Most text fits what is left: format once, again only if not. */
	if (reserve(b, 63) == -1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len) {
		if (reserve(b, (size_t)n) == -1) {
			b->s[b->len] = '\0';
			return;
		}
		va_start(ap, fmt);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void
ki_buf_cat(struct ki_buf *b, ...)
{
	va_list ap;
	const char *s;

	if (b == NULL)
		return;
	va_start(ap, b);
	while ((s = va_arg(ap, const char *)) != NULL)
		ki_buf_add(b, s, strlen(s));
	va_end(ap);
}

void
ki_buf_again(struct ki_buf *b, size_t off, size_t len)
{
	if (b == NULL || off + len > b->len || reserve(b, len) == -1)
		return;
	/* After reserve: b->s may have moved. */
	memcpy(b->s + b->len, b->s + off, len);
	b->len += len;
	b->s[b->len] = '\0';
}

void
ki_buf_drop(struct ki_buf *b, size_t from, size_t to)
{
	if (b == NULL || b->s == NULL || from >= to || to > b->len)
		return;
	memmove(b->s + from, b->s + to, b->len - to + 1);
	b->len -= to - from;
}

const char *
ki_buf_str(const struct ki_buf *b)
{
	return b != NULL && b->s != NULL ? b->s : "";
}

void
ki_buf_reset(struct ki_buf *b)
{
	if (b == NULL)
		return;
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

void
ki_buf_free(struct ki_buf *b)
{
	free(b->s);
	memset(b, 0, sizeof(*b));
}

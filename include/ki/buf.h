/* A growable text buffer. The appends do nothing on a NULL buffer. */
#ifndef KI_BUF_H
#define KI_BUF_H

#include <stddef.h>
#include <string.h>

struct ki_buf {
	char *s;		/* NUL-terminated; NULL until the first append */
	size_t len;
	size_t cap;
	int oom;		/* an append failed for lack of memory */
};

/* Append printf-style text. On allocation failure sets b->oom. */
void ki_buf_printf(struct ki_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Append len bytes of s. */
void ki_buf_add(struct ki_buf *b, const char *s, size_t len);

/*
 * ki_buf_add, inline while the room lasts, for text made of many small
 * pieces (a row, a reason). b must not be NULL.
 */
static inline void
ki_buf_put(struct ki_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 <= b->cap) {
		memcpy(b->s + b->len, s, n);
		b->len += n;
		b->s[b->len] = '\0';
	} else
		ki_buf_add(b, s, n);
}

/*
 * Make room for more bytes and a NUL after b->len, so that a caller may
 * write them at b->s + b->len itself. Returns 0, or -1 (b->oom set).
 */
int ki_buf_room(struct ki_buf *b, size_t more);

/* Append each string of the NULL-terminated list. */
void ki_buf_cat(struct ki_buf *b, ...) __attribute__((sentinel));

/* Append a copy of the len bytes at offset off of b itself. */
void ki_buf_again(struct ki_buf *b, size_t off, size_t len);

/* Remove the bytes [from, to), moving the rest down. */
void ki_buf_drop(struct ki_buf *b, size_t from, size_t to);

/* The text so far ("" when empty). */
const char *ki_buf_str(const struct ki_buf *b);

/* Empty b, keeping its memory. */
void ki_buf_reset(struct ki_buf *b);

/* Free b's memory and empty it. */
void ki_buf_free(struct ki_buf *b);

#endif

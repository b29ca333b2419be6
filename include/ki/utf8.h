/* UTF-8 validation and Windows-1252 conversion. */
#ifndef KI_UTF8_H
#define KI_UTF8_H

#include <stddef.h>

/*
 * Return 0 if s (len bytes) is valid UTF-8 with no NUL byte, else -1
 * and *bad set to the byte offset of the first fault.
 */
int ki_utf8_check(const char *s, size_t len, size_t *bad);

/*
 * Convert s (len bytes of Windows-1252) to a new NUL-terminated UTF-8
 * string that the caller frees. *outlen gets its length. Returns NULL
 * on allocation failure. Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D, which
 * cp1252 leaves undefined, become U+FFFD.
 */
char *ki_cp1252_to_utf8(const char *s, size_t len, size_t *outlen);

#endif

/* Word lists: split a ';' list into trimmed words, free it, look in it. */
#include <stdlib.h>
#include <string.h>

#include "ki/words.h"

char **
ki_words_split(const char *s)
{
	char **v;
	size_t n = 1, k = 0;
	const char *p;

	for (p = s ? s : ""; *p; p++)
		n += *p == ';';
	if ((v = calloc(n + 1, sizeof(char *))) == NULL)
		return NULL;
	for (p = s ? s : ""; *p;) {
		const char *e = strchr(p, ';'), *end = e ? e : p + strlen(p);

		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (end > p && (v[k++] = strndup(p, (size_t)(end - p))) == NULL) {
			/* Not a shorter list: none. */
			ki_words_free(v);
			return NULL;
		}
		p = e ? e + 1 : p + strlen(p);
	}
	return v;
}

void
ki_words_free(char **v)
{
	size_t i;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

int
ki_words_has(char *const *v, const char *w)
{
	size_t i;

	for (i = 0; w != NULL && v != NULL && v[i] != NULL; i++)
		if (strcmp(v[i], w) == 0)
			return 1;
	return 0;
}

/* Word lists: "a; b;c" cells split into NULL-terminated arrays of words. */
#ifndef KI_WORDS_H
#define KI_WORDS_H

/*
 * Split s (NULL is blank) at ';' into a NULL-terminated array of words,
 * each trimmed of spaces and tabs; empty words are left out. Returns it
 * (free it with ki_words_free), or NULL out of memory.
 */
char **ki_words_split(const char *s);

/* Free v and its words. NULL is allowed. */
void ki_words_free(char **v);

/* Whether v holds the word w (NULL v or w: no). */
int ki_words_has(char *const *v, const char *w);

#endif

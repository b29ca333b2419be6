/* Ofsted's codes in words for the ofsted report (share/words/ofsted.json). */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ki/date.h"
#include "ki/jsonfile.h"
#include "ki/share.h"
#include "report_ofsted.h"

void
ki_rwords_free(struct words *w)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		free(w->code[i]);
		free(w->word[i]);
		free(w->before_word[i]);
	}
	w->n = 0;
}

/* Add entry e of a list (grades when grade). Returns 0, 1 bad, -1 OOM. */
static int
add(struct words *w, json_t *e, int grade)
{
	const char *c = json_string_value(json_object_get(e, "code"));
	const char *wd = json_string_value(json_object_get(e, "word"));
	const char *b = json_string_value(json_object_get(e, "before"));
	const char *bw = json_string_value(json_object_get(e, "word_before"));
	long day = -1;

	if (c == NULL || wd == NULL || w->n == NWORDS || (b != NULL &&
	    (bw == NULL || ki_date_parse(b, &day) == -1)))
		return 1;
	w->grade[w->n] = grade;
	w->before[w->n] = day;
	w->code[w->n] = strdup(c);
	w->word[w->n] = strdup(wd);
	w->before_word[w->n] = bw ? strdup(bw) : NULL;
	if (w->code[w->n++] == NULL || w->word[w->n - 1] == NULL ||
	    (bw != NULL && w->before_word[w->n - 1] == NULL))
		return -1;
	return 0;
}

int
ki_rwords_load(struct words *w, struct ki_err *err)
{
	static const char *const lists[] = { "grades", "categories" };
	char *path = ki_share_find("words", "ofsted", err);
	json_t *root, *e;
	size_t l, i;
	int rc = 0;

	memset(w, 0, sizeof(*w));
	if (path == NULL)
		return -1;
	if ((root = ki_json_load(path, err)) == NULL) {
		free(path);
		return -1;
	}
	for (l = 0; l < 2 && rc == 0; l++) {
		json_t *a = json_object_get(root, lists[l]);

		if (!json_is_array(a)) {
			rc = 1;
			break;
		}
		json_array_foreach(a, i, e)
			if ((rc = add(w, e, l == 0)) != 0)
				break;
	}
	if (rc == -1)
		ki_err_set(err, NULL, 0, NULL, "out of memory");
	else if (rc == 1)
		ki_err_set(err, path, 0, NULL, "each of grades and categories "
		    "must be a list of at most %d objects with a code and a word "
		    "(and a \"before\" date with a \"word_before\")", NWORDS);
	json_decref(root);
	free(path);
	if (rc != 0) {
		ki_rwords_free(w);
		return -1;
	}
	return 0;
}

/*
 * The words for code (a grade when grade, else a category) of an
 * inspection on day (-1 when not known), or code itself when the table
 * has no words for it; NULL for NULL.
 */
const char *
ki_rword(const struct words *w, const char *code, int grade, long day)
{
	size_t i;

	if (code == NULL)
		return NULL;
	for (i = 0; i < w->n; i++)
		if (w->grade[i] == grade && strcmp(w->code[i], code) == 0)
			return day >= 0 && w->before[i] >= 0 &&
			    day < w->before[i] ? w->before_word[i] : w->word[i];
	return code;
}

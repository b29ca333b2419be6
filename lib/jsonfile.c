/* Load a JSON file with a message a person can act on. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ki/arena.h"
#include "ki/jsonfile.h"

json_t *
ki_json_load(const char *path, struct ki_err *err)
{
	json_error_t jerr;
	json_t *j;
	FILE *fp;

	/* jansson's allocations are watched, so that one that fails is told. */
	ki_arena_install();
	if (access(path, R_OK) != 0 || (fp = fopen(path, "r")) == NULL) {
		ki_err_set(err, path, 0, NULL, "%s", errno == ENOMEM ?
		    "out of memory" : strerror(errno));
		return NULL;
	}
	ki_arena_failed();
	j = json_loadf(fp, JSON_REJECT_DUPLICATES, &jerr);
	if (ki_arena_failed() || (j == NULL &&
	    json_error_code(&jerr) == json_error_out_of_memory)) {
		json_decref(j);
		j = NULL;
		ki_err_set(err, path, 0, NULL, "out of memory");
	} else if (j == NULL)
		ki_err_set(err, path, jerr.line > 0 ? jerr.line : 0, NULL,
		    "invalid JSON: %s", jerr.text);
	fclose(fp);
	return j;
}

const char *
ki_json_stray_key(json_t *o, const char *const *keys)
{
	const char *key;
	json_t *v;
	size_t i;

	json_object_foreach(o, key, v) {
		for (i = 0; keys[i] != NULL; i++)
			if (strcmp(key, keys[i]) == 0)
				break;
		if (keys[i] == NULL)
			return key;
	}
	return NULL;
}

/* Load a JSON file with a message a person can act on. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "ki/jsonfile.h"

json_t *
ki_json_load(const char *path, struct ki_err *err)
{
	json_error_t jerr;
	json_t *j;

	if (access(path, R_OK) != 0) {
		ki_err_set(err, path, 0, NULL, "%s", strerror(errno));
		return NULL;
	}
	if ((j = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr)) == NULL)
		ki_err_set(err, path, jerr.line > 0 ? jerr.line : 0, NULL,
		    "invalid JSON: %s", jerr.text);
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

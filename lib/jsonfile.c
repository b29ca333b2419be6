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

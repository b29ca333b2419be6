/* Load a JSON file with a message a person can act on. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ki/arena.h"
#include "ki/jsonfile.h"

struct feed {
	FILE *fp;
	int failed;	/* an allocation for jansson has failed */
};

/*
 * The file to jansson a byte at a time, and no more once an allocation
 * has failed: the parse then ends at once, its few allocations met from
 * the reserve.
 */
static size_t
feed(void *buf, size_t len, void *data)
{
	struct feed *f = data;
	int c;

	if (len == 0 || f->failed || (f->failed = ki_arena_failed()) ||
	    (c = getc(f->fp)) == EOF)
		return 0;
	*(char *)buf = (char)c;
	return 1;
}

json_t *
ki_json_load(const char *path, struct ki_err *err)
{
	json_error_t jerr;
	json_t *j;
	FILE *fp;
	struct stat st;
	struct feed f;

	/* jansson's allocations are watched, so that one that fails is told. */
	ki_arena_install();
	if (access(path, R_OK) != 0 || (fp = fopen(path, "r")) == NULL) {
		ki_err_set(err, path, 0, NULL, "%s", errno == ENOMEM ?
		    "out of memory" : strerror(errno));
		ki_arena_uninstall();
		return NULL;
	}
	/*
	 * jansson's parser can read past a string it failed to grow: what it
	 * asks for after a failure comes from a reserve, enough to finish the
	 * token it is on (a string as long as the file, an object's table).
	 */
	if (fstat(fileno(fp), &st) != 0 || ki_arena_reserve(
	    (size_t)(st.st_size > 0 ? st.st_size : 0) * 16 + 65536) == -1) {
		ki_err_set(err, path, 0, NULL, "out of memory");
		fclose(fp);
		ki_arena_uninstall();
		return NULL;
	}
	ki_arena_failed();
	f.fp = fp;
	f.failed = 0;
	j = json_load_callback(feed, &f, JSON_REJECT_DUPLICATES, &jerr);
	f.failed |= ki_arena_failed();
	if (f.failed || (j == NULL &&
	    json_error_code(&jerr) == json_error_out_of_memory)) {
		json_decref(j);
		j = NULL;
		ki_err_set(err, path, 0, NULL, "out of memory");
	} else if (j == NULL)
		ki_err_set(err, path, jerr.line > 0 ? jerr.line : 0, NULL,
		    "invalid JSON: %s", jerr.text);
	ki_arena_unreserve();
	ki_arena_uninstall();
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

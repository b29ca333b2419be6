/* The temporary file the fuzz targets hand to the loaders. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

const char *
fuzz_file(const uint8_t *data, size_t size, const char *suffix)
{
	static char path[64];
	FILE *fp;

	snprintf(path, sizeof(path), "/tmp/ki-fuzz-%ld%s", (long)getpid(),
	    suffix);
	if ((fp = fopen(path, "wb")) == NULL)
		return NULL;
	if (size > 0 && fwrite(data, 1, size, fp) != size) {
		fclose(fp);
		return NULL;
	}
	if (fclose(fp) != 0)
		return NULL;
	return path;
}

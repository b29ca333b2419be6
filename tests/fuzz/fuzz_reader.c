/* Fuzz target: the CSV and NDJSON reader, every format and flag. */
#include <unistd.h>

#include "fuzz.h"
#include "ki/rec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ki_reader *r;
	struct ki_rec *rec;
	struct ki_err err;
	const char *path;
	int how, n = 0;

	if (size < 1)
		return 0;
	/* The first byte picks the format and the flags. */
	how = data[0];
	if ((path = fuzz_file(data + 1, size - 1, ".csv")) == NULL)
		return 0;
	r = ki_reader_open(path, (enum ki_fmt)(how % 3), (how >> 2) & 3, &err);
	if (r != NULL) {
		while (ki_reader_next(r, &rec, &err) == 1 && n++ < 100000)
			;
		ki_reader_close(r);
	}
	unlink(path);
	return 0;
}

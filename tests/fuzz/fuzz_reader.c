/*
 * Fuzz target: the CSV and NDJSON reader, every format and flag, with the
 * thread reading ahead and without it, every column or some.
 */
#include <stdlib.h>
#include <string.h>
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
	/*
	 * The first byte picks the format (how % 3: detect, CSV, NDJSON), the
	 * flags (bits 2-4: pad short rows, cp1252, no thread reading ahead)
	 * and, with bit 5, reads only every other column.
	 */
	how = data[0];
	if ((path = fuzz_file(data + 1, size - 1, ".csv")) == NULL)
		return 0;
	r = ki_reader_open(path, (enum ki_fmt)(how % 3), (how >> 2) & 7, &err);
	if (r != NULL && (how & 0x20)) {
		size_t i, nw = ki_reader_hdr(r)->n;
		unsigned char *want = malloc(nw + 1);

		if (want != NULL) {
			for (i = 0; i < nw; i++)
				want[i] = i % 2 == 0;
			/* NDJSON refuses it (CSV only): read on regardless. */
			(void)ki_reader_want(r, want, nw);
			free(want);
		}
	}
	if (r != NULL) {
		int rc;

		while ((rc = ki_reader_next(r, &rec, &err)) == 1 &&
		    n++ < 100000) {
			size_t i;

			/* Every record is as wide as the header, its text whole. */
			if (rec->n != ki_reader_hdr(r)->n || rec->line < 1)
				abort();
			for (i = 0; i < rec->n; i++)
				if (rec->v[i] != NULL &&
				    strlen(rec->v[i]) != rec->len[i])
					abort();
		}
		/* An error names a line, and the next call says it again. */
		if (rc == -1 && (err.line < 1 || err.msg[0] == '\0' ||
		    ki_reader_next(r, &rec, &err) != -1))
			abort();
		ki_reader_close(r);
	}
	unlink(path);
	return 0;
}

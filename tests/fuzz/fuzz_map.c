/* Fuzz target: column maps, loaded then applied to a small DfE-like file. */
#include <unistd.h>

#include "fuzz.h"
#include "ki/map.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char csv[] = "\xEF\xBB\xBFRECTYPE,LEA,ESTAB,URN,SCHNAME,"
	    "NFTYPE,PTRWM_EXP,TELIG\r\n1,850,2001,115851,\"A, B\",CY,63%,60\r\n"
	    "2,850,7001,116600,S,CYS,SUPP,x\r\n1,850,2003,115853,C\r\n";
	struct ki_reader *r;
	struct ki_rec *rec;
	struct ki_map *m;
	struct ki_err err;
	const char *out[256];
	const char *path;

	if ((path = fuzz_file(data, size, ".json")) == NULL)
		return 0;
	m = ki_map_load(path, &err);
	unlink(path);
	if (m == NULL)
		return 0;
	if (ki_map_ncols(m) <= 256 &&
	    (path = fuzz_file((const uint8_t *)csv, sizeof(csv) - 1, ".csv")) !=
	    NULL) {
		if ((r = ki_reader_open(path, KI_FMT_CSV, ki_map_flags(m),
		    &err)) != NULL) {
			if (ki_map_bind(m, ki_reader_hdr(r), path, &err) == 0)
				while (ki_reader_next(r, &rec, &err) == 1)
					if (ki_map_keep(m, rec))
						ki_map_apply(m, rec, path, out, &err);
			ki_reader_close(r);
		}
		unlink(path);
	}
	ki_map_free(m);
	return 0;
}

/* Run a fuzz target over saved inputs, for make check (no libFuzzer). */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

int
main(int argc, char *argv[])
{
	int i, n = 0;

	for (i = 1; i < argc; i++) {
		FILE *fp = fopen(argv[i], "rb");
		uint8_t *buf;
		long len;

		if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 ||
		    (len = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0) {
			fprintf(stderr, "replay: %s: cannot read\n", argv[i]);
			return 1;
		}
		if ((buf = malloc((size_t)len + 1)) == NULL ||
		    fread(buf, 1, (size_t)len, fp) != (size_t)len) {
			fprintf(stderr, "replay: %s: cannot read\n", argv[i]);
			return 1;
		}
		fclose(fp);
		LLVMFuzzerTestOneInput(buf, (size_t)len);
		free(buf);
		n++;
	}
	printf("replay: %d inputs\n", n);
	return 0;
}

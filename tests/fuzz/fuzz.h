/* Shared by the fuzz targets: write the input where the loaders can read it. */
#ifndef KI_FUZZ_H
#define KI_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* The fuzzing entry point each target defines (libFuzzer's name). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Write data to a temporary file and return its path (valid until the next
 * call), or NULL. The same file is reused run after run.
 */
const char *fuzz_file(const uint8_t *data, size_t size, const char *suffix);

#endif

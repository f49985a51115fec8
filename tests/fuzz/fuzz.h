/* Shared by the libFuzzer targets: each target defines LLVMFuzzerTestOneInput and may call
 * these helpers. The same sources are linked with replay.c (no clang needed) to replay the
 * corpora and the regression inputs under ctest. */
#ifndef LR_FUZZ_H
#define LR_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The source tree (templates/, fonts/): $LR_SOURCE_DIR, else the one the build came from. */
const char *lr_fuzz_source_dir(void);

#endif

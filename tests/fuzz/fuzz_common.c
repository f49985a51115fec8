/* Helpers shared by the fuzz targets. */
#include <stdlib.h>

#include "fuzz.h"

const char *lr_fuzz_source_dir(void)
{
    const char *env = getenv("LR_SOURCE_DIR");
    return env && env[0] ? env : LR_SOURCE_DIR;
}

/* lr_json_load against cJSON on any bytes (json_oracle.c): the same verdict and, when both
 * accept, the same tree; the differences the parser makes on purpose are listed there. Any
 * other difference aborts. */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "json_oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char why[512];
    if (lr_json_oracle_check((const char *)data, size, why, sizeof why)) {
        fprintf(stderr, "json: %s\n", why);
        abort();
    }
    return 0;
}

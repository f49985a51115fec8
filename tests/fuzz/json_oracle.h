/* lr_json_load held against cJSON 1.7.15, the reference the parser was written to: the same
 * verdict (accepts or rejects) on the same bytes and, when both accept, the same tree. Used by
 * the `json` fuzz target and tests/unit/test_json.c. The differences the parser makes on purpose
 * are listed in json_oracle.c; anything else is reported. */
#ifndef LR_JSON_ORACLE_H
#define LR_JSON_ORACLE_H

#include <stddef.h>

/* NULL when lr_json_load and cJSON agree on data (or differ only as intended); otherwise what
 * differs, in why (size bytes). Never fails on memory: out of memory counts as agreement. */
const char *lr_json_oracle_check(const char *data, size_t size, char *why, size_t why_size);

#endif

/* The tables of src/report/ that name things (the writer table, the export table): rows whose
 * first member is their name (const char *), looked up and listed the same way. */
#ifndef LR_REPORT_NAMES_H
#define LR_REPORT_NAMES_H

#include <stddef.h>

/* The index of the row of n rows (stride bytes apart) whose name is the len bytes at name, or n
 * when none is. */
size_t lr_names_find(const void *rows, size_t n, size_t stride, const char *name, size_t len);

/* The rows' names into buf (always NUL-terminated), joined by sep, the last two by last. */
void lr_names_join(const void *rows, size_t n, size_t stride, const char *sep, const char *last,
                   char *buf, size_t size);

#endif

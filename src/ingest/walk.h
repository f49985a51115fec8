/* Listing the input files below a path: *.json and *.csv, recursively, in byte order of their
 * paths, each real file once (symlink loops and hard links to folders already seen are
 * skipped). */
#ifndef LR_WALK_H
#define LR_WALK_H

#include <stddef.h>

#include "llmreport.h"

typedef struct lr_file_list {
    char **paths;
    size_t n, cap;
} lr_file_list;

/* Appends the files at path (a file is listed as it is, whatever its name). */
lr_status lr_walk(const char *path, lr_file_list *out, lr_error *err);
void lr_file_list_free(lr_file_list *list);
/* Appends one path as it is; 0 on success. */
int lr_file_list_add(lr_file_list *list, const char *path);

#endif

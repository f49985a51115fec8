/* Helpers shared by the unit tests: paths to data and reading files. */
#ifndef LR_TESTUTIL_H
#define LR_TESTUTIL_H

#include <stddef.h>

/* LR_SHARED_DATA "/" rel, in a static buffer (one at a time). */
const char *shared_path(const char *rel);
/* LR_SOURCE_DIR "/" rel, in a static buffer. */
const char *source_path(const char *rel);
/* Reads a file; NULL when missing. Caller frees. */
char *read_text(const char *path, size_t *len);
/* Writes data to path, creating parent folders; 0 on success. */
int write_text(const char *path, const char *data);
/* Compares text with the golden file tests/golden/NAME; with UPDATE_GOLDEN=1 in the environment
 * rewrites the golden instead. Returns 0 when equal (or updated), prints a diff hint otherwise. */
int check_golden(const char *name, const char *text);
/* A fresh empty folder under the build tree for a test; returns its path (static buffer). */
const char *temp_dir(const char *name);

#endif

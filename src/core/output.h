/* Staged outputs: every file of a build is written to a temporary file beside its target, and
 * all are renamed into place only when the whole build succeeded. A failed or killed build
 * leaves the previous outputs as they were (at worst a stray "NAME.tmp.XXXXXX" file, never a
 * half-written report under the real name); the next successful build removes such strays. */
#ifndef LR_OUTPUT_H
#define LR_OUTPUT_H

#include <stddef.h>

#include "llmreport.h"

typedef struct lr_staged {
    char *target;
    char *temp;
} lr_staged;

typedef struct lr_output {
    char *dir;
    lr_staged *files;
    size_t n, cap;
} lr_output;

/* Creates dir (and its parents) when missing. */
lr_status lr_output_begin(lr_output *out, const char *dir, lr_error *err);
/* Writes data to a temporary file for dir/rel (rel may name a subfolder, which is created;
 * rel must not contain ".." or start with '/'). */
lr_status lr_output_add(lr_output *out, const char *rel, const char *data, size_t len,
                        lr_error *err);
/* One output written in pieces (a large results.json streams instead of sitting in memory). */
typedef struct lr_output_file {
    char *target, *temp;
    int fd;
    int failed;                          /* errno of the first failed write */
    unsigned long long written, flushed; /* bytes written, and handed to the disk early */
    int synced;                          /* nothing written since the last lr_output_sync() */
} lr_output_file;

/* Opens the temporary file for dir/rel. */
lr_status lr_output_open(lr_output *out, const char *rel, lr_output_file *f, lr_error *err);
/* An lr_write_fn appending to the lr_output_file given as user; -1 after a failure. */
int lr_output_write(void *user, const char *data, size_t len);
/* Waits until what was written to f is on disk (lr_output_close() does it otherwise; a thread
 * writing a large output can do it while other outputs are made). A failure is kept in f. */
void lr_output_sync(lr_output_file *f);
/* Closes f and stages it (a failed write is reported now: LR_EIO with its reason, and the
 * temporary file is removed). */
lr_status lr_output_close(lr_output *out, lr_output_file *f, lr_error *err);

/* The file that marks a folder as the outputs of a build: the walk of input folders does not
 * enter a folder holding it (a report folder inside an input folder is not read back). */
#define LR_OUTPUT_MARKER ".llmreport-output"

/* Renames every staged file into place, then removes stale temporary files of the same targets
 * left by builds that were killed. A folder without LR_OUTPUT_MARKER gets one, staged and
 * renamed with the rest. */
lr_status lr_output_commit(lr_output *out, lr_error *err);
/* Removes the temporary files of an unfinished build and frees out. Safe after commit. */
void lr_output_end(lr_output *out);

/* Creates a folder and its parents; 0 on success (existing folders are fine). */
int lr_mkdirs(const char *path);

#endif

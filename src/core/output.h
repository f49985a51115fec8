/* Staged outputs. A build writes a whole new output folder beside the old one
 * (".NAME.llmreport-new.XXXXXX" in the same parent), takes over every file of the old folder it
 * did not write (hard links; the user's own files, and old outputs this build does not make),
 * and swaps the two folders in one rename (renameat2 RENAME_EXCHANGE), so that a reader, a
 * failed rename or a kill -9 at any moment leaves the old set of outputs or the new one, never a
 * mix; the path of the folder stays the same. What a stopped build left beside the folder is
 * removed by the next build. When no folder can be made beside it (the parent is not writable,
 * or the working folder lies inside it), the files are renamed into place one by one, each
 * file whole but the set not. */
#ifndef LR_OUTPUT_H
#define LR_OUTPUT_H

#include <stddef.h>

#include "llmreport.h"

typedef struct lr_staged {
    char *target;
    char *temp;
} lr_staged;

typedef struct lr_output {
    char *dir;    /* as given: what messages name */
    char *real;   /* its resolved path */
    char *stage;  /* the new folder being filled, beside it (NULL: file by file in place); after
                   * the switch, the old folder being removed */
    char *prefix; /* stage without its random suffix */
    int committed;
    int lock, stage_lock; /* locked folders (-1: none) */
    lr_staged *files;
    size_t n, cap;
} lr_output;

/* The part of a staged folder's name after ".NAME". */
#define LR_OUTPUT_STAGE ".llmreport-new."

/* Creates dir (and its parents) when missing, locks it against other builds, and makes the
 * staged folder beside it. A folder that is not writable is refused (LR_EIO), though a new one
 * could take its place. A folder another build holds: LR_EBUSY at once, or with wait set, the
 * wait until that build ended. The lock is held until lr_output_end(). */
lr_status lr_output_begin(lr_output *out, const char *dir, int wait, lr_error *err);
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

/* Switches to the staged folder (or renames every staged file into place), then removes what
 * builds that were killed left. The new folder holds LR_OUTPUT_MARKER. A build that staged
 * nothing changes nothing. */
lr_status lr_output_commit(lr_output *out, lr_error *err);
/* Removes the temporary files of an unfinished build and frees out. Safe after commit. */
void lr_output_end(lr_output *out);

/* Creates a folder and its parents; 0 on success (existing folders are fine). */
int lr_mkdirs(const char *path);

#endif

/* Listing the input files below the paths a build is given: *.json and *.csv, recursively,
 * every file once (by device and inode). lr_walk_inputs lists them all in byte order of their
 * paths, whatever the order of the inputs given (the same inputs, the same report); lr_walk in
 * byte order within each folder.
 *
 * What the walk leaves out is said, never silently dropped (lr_walk_inputs):
 * - notes: a file or folder met again (given twice, a symlink or hard link to one already
 *   listed: read once), the output folder of this build, a folder holding the marker of an
 *   earlier build's outputs (LR_OUTPUT_MARKER), results.json of this build's output folder;
 * - errors (the entry goes to "Inputs not used"; --strict fails on them): entries named like
 *   inputs that are no regular file (a FIFO, a socket, a link to /dev/zero), symbolic links that
 *   lead nowhere or back to a folder above them, folders that cannot be opened, folders nested
 *   deeper than LR_WALK_MAX_DEPTH. A broken link named like a file of another kind
 *   ("notes.txt") is no input and is passed over silently.
 * Paths named on the command line are taken as they are: a file whatever its name (a path that
 * cannot be opened is listed, for the reader to report in its place), a folder even when it
 * holds the marker. */
#ifndef LR_WALK_H
#define LR_WALK_H

#include <stddef.h>

#include "llmreport.h"

enum { LR_WALK_MAX_DEPTH = 64 };

typedef struct lr_file_list {
    char **paths;
    size_t n, cap;
} lr_file_list;

typedef struct lr_walk_options {
    const char *output; /* the output folder of the build (it may not exist yet), or NULL */
    lr_diag_fn report;  /* the notes and errors above; NULL: none */
    void *user;
} lr_walk_options;

/* Appends the input files of every path in inputs to out. Returns LR_OK, or LR_ENOMEM with err
 * filled (everything else goes to opt->report). */
lr_status lr_walk_inputs(const char *const *inputs, size_t n, const lr_walk_options *opt,
                         lr_file_list *out, lr_error *err);

/* Appends the files at path (a file is listed as it is, whatever its name), for folders that
 * are not inputs (the history of snapshots, which may hold copies of report folders): no
 * marker is honoured, nothing is reported; a path that cannot be opened is an LR_EIO error. */
lr_status lr_walk(const char *path, lr_file_list *out, lr_error *err);
void lr_file_list_free(lr_file_list *list);
/* Appends one path as it is; 0 on success. */
int lr_file_list_add(lr_file_list *list, const char *path);

#endif

/* Reading many input files with worker threads: each file is read, parsed and handed to its
 * adapter on one of `jobs` threads, into a part model of its own (lr_store_new_part); the parts
 * are merged into the model strictly in list order, so the model built from them is the same
 * for any jobs. At most a small window of files is in flight at a time (memory stays bounded). */
#ifndef LR_PIPELINE_H
#define LR_PIPELINE_H

#include <stddef.h>

#include "ingest/ingest.h"

/* One file, after its part was merged into the model. */
typedef struct lr_ingested {
    const char *path;
    lr_status status; /* of reading, parsing and the adapter; err says why */
    lr_error err;
    int is_config; /* a report config: not read as results */
} lr_ingested;

/* Called once per file, in order, on the calling thread. */
typedef void (*lr_ingested_fn)(void *user, const lr_ingested *file);

typedef struct lr_pipeline_opts {
    int jobs;                 /* threads; 1 or less: none */
    size_t max_file;          /* bytes; larger files fail with LR_ELIMIT */
    const lr_adapter *forced; /* NULL: sniff each file */
} lr_pipeline_opts;

/* Reads paths[0..n) into model and calls fn for each file in order. Returns LR_ENOMEM when
 * threads or memory could not be had. */
lr_status lr_pipeline_run(lr_store *store, char *const *paths, size_t n,
                          const lr_pipeline_opts *opts, lr_ingested_fn fn, void *user);

#endif

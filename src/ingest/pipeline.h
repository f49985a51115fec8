/* Reading many input files with worker threads: files are read and parsed ahead on `jobs`
 * threads, at most a small window of them at a time (memory stays bounded), and handed to the
 * caller strictly in list order, so the model built from them is the same for any jobs. */
#ifndef LR_PIPELINE_H
#define LR_PIPELINE_H

#include <stddef.h>

#include "ingest/ingest.h"

/* Called once per file, in order, on the calling thread. The parsed file is freed after. */
typedef void (*lr_parsed_fn)(void *user, lr_parsed *parsed);

/* Parses paths[0..n) with jobs threads (1: no threads) and calls fn for each in order; files
 * larger than max_file bytes are handed out as failed (LR_ELIMIT).
 * Returns LR_ENOMEM when threads or memory could not be had (no file was handed out then). */
lr_status lr_pipeline_run(char *const *paths, size_t n, int jobs, size_t max_file, lr_parsed_fn fn,
                          void *user);

#endif

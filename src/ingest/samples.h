/* Per-item samples files: lm-eval's samples_<task>_<date>.jsonl (--log_samples) and Every Eval
 * Ever's <id>_samples.jsonl instance records. Sample lines hold whole prompts and responses and
 * real files run to gigabytes, so they are read in fixed-size chunks by a scanner made for them:
 * it keeps the few top-level fields the comparison needs (ids, filter, hashes, numeric metric
 * values, EEE's evaluation.score) and steps over everything else, long strings included,
 * without copying it. Memory is independent of file and line size. */
#ifndef LR_SAMPLES_H
#define LR_SAMPLES_H

#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "llmreport.h"
#include "model/items.h"
#include "model/store.h"

enum { LR_SAMPLE_MAX_VALUES = 32, LR_SAMPLE_NAME = 64, LR_SAMPLE_TEXT = 256 };

/* What the scanner keeps of one line. Strings are NUL-terminated and decoded (JSON escapes);
 * a string longer than its buffer is cut at the buffer (hashes only need their head). */
typedef struct lr_sample_line {
    char id[LR_SAMPLE_TEXT]; /* doc_id (lm-eval) or sample_id (EEE); "" when absent */
    char filter[LR_SAMPLE_NAME];
    int has_filter;
    uint64_t doc_hash, prompt_hash, target_hash; /* 0 when absent */
    /* EEE */
    char model_id[LR_SAMPLE_TEXT], evaluation_name[LR_SAMPLE_TEXT];
    double score;
    int has_score;
    /* numeric top-level members (numbers, true/false) other than doc_id: metric values */
    size_t n_values;
    char value_name[LR_SAMPLE_MAX_VALUES][LR_SAMPLE_NAME];
    double value[LR_SAMPLE_MAX_VALUES];
    /* the line's "metrics" list, when it has one */
    size_t n_metrics;
    char metric[LR_SAMPLE_MAX_VALUES][LR_SAMPLE_NAME];
    int has_metrics;
    /* the value of the document's field asked for (doc_field), as written; "" when absent */
    char cluster[LR_SAMPLE_NAME];
} lr_sample_line;

typedef struct lr_samples_scan_stats {
    size_t lines;           /* non-blank lines */
    size_t malformed;       /* lines that are not one complete JSON object (skipped) */
    size_t first_malformed; /* line number of the first of them */
    uint64_t bytes;
} lr_samples_scan_stats;

/* Called once per well-formed line, in file order; lineno counts from 1. */
typedef void (*lr_sample_fn)(void *user, const lr_sample_line *line, size_t lineno);

/*
 * Scans a samples file line by line in chunks of a fixed size. Malformed lines are counted in
 * stats and skipped, nothing else lost. doc_field (NULL: none) names a member of each line's
 * "doc" object kept as line->cluster. Returns LR_OK, or LR_EIO with err filled when the file
 * cannot be opened or read.
 */
lr_status lr_samples_scan(const char *path, const char *doc_field, lr_sample_fn fn, void *user,
                          lr_samples_scan_stats *stats, lr_error *err);
/* The same over bytes in memory (tests, fuzzing), fed chunk bytes at a time (0: all at once),
 * so that any cut through a line can be tried. */
void lr_samples_scan_bytes(const char *data, size_t len, size_t chunk, const char *doc_field,
                           lr_sample_fn fn, void *user, lr_samples_scan_stats *stats);

/* The 64-bit form of a hash as written: its first 16 hex digits when it starts with them, else
 * FNV-1a of the whole text; 0 for "". */
uint64_t lr_samples_hash64(const char *text);

/* Whether a file name is a samples file: "samples_<task>[_<date>].jsonl" (lm-eval) or
 * "<id>_samples.jsonl" (EEE). */
int lr_samples_is_samples_name(const char *name);
/* Splits an lm-eval samples file name into task and run time ("samples_arc_easy_2024-05-01T10-
 * 00-00.123.jsonl" -> "arc_easy", "2024-05-01T10-00-00.123"); the date is "" when the name has
 * none. Returns 0, or -1 when the name is not of that form. */
int lr_samples_split_name(const char *name, char *task, size_t task_size, char *date,
                          size_t date_size);

/*
 * Finds and reads the samples of the results read into store: lm-eval samples files beside
 * each lm-eval results file with the same run time in their names, EEE samples beside each EEE
 * file, and the samples files given in explicit (matched by task and run time, or by model and
 * evaluation name). Each set is matched to the observation of its task, filter and metric and
 * kept only when the mean of its items is that observation's value. Problems (malformed lines,
 * a file that matches no result, a mean that differs) are reported through diag as warnings;
 * the sets read so far stay usable. LR_OK or LR_ENOMEM.
 */
lr_status lr_samples_attach(lr_items *items, lr_store *store, const char *const *explicit,
                            size_t n_explicit, lr_diag *diag);

/* Reads an items.jsonl snapshot (what lr_items_export writes) into items. LR_OK, LR_EIO (err
 * filled) when it cannot be read; lines that cannot be parsed are skipped with a warning. */
lr_status lr_samples_read_snapshot(lr_items *items, const char *path, lr_diag *diag, lr_error *err);

#endif

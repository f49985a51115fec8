/* The Open LLM Leaderboard's tasks: what it displayed for each benchmark (metric and shots), one
 * table for the per-model results (oll.c) and the table snapshots (olltable.c). */
#ifndef LR_LEADERBOARD_H
#define LR_LEADERBOARD_H

#include <stddef.h>

#include "ingest/ingest.h"

typedef struct lr_leaderboard_task {
    const char *benchmark; /* registry id */
    const char *metric;    /* the metric the leaderboard displayed */
    const char *display;   /* its column name, for messages */
    int shots;
} lr_leaderboard_task;

/* Version 1 (2023 - mid 2024), in the order of its columns. */
extern const lr_leaderboard_task lr_leaderboard_v1[];
extern const size_t lr_leaderboard_v1_count;

/* Version 2 (mid 2024 - 2025), as lm-evaluation-harness names its leaderboard tasks, in the
 * order of its columns. IFEval's score is the mean of prompt- and instruction-level strict
 * accuracy ("mean"); the table shows each raw and normalized (rescaled from the random baseline
 * to 0-100). */
extern const lr_leaderboard_task lr_leaderboard_v2[];
extern const size_t lr_leaderboard_v2_count;

/* The v1 task of a benchmark id, or NULL. */
const lr_leaderboard_task *lr_leaderboard_task_of(const char *benchmark);

/* Whether the leaderboard displayed this benchmark with this metric at these shots. */
int lr_leaderboard_is_reference(const char *benchmark, const char *metric, int shots);

/* Splits a results key "suite|task|k" (or "task|k", lighteval from v0.13) into task and shots;
 * 0 when the key has no whole shot count after its last '|'. Shared by the leaderboard's and
 * lighteval's readers. */
int lr_leaderboard_split_key(const char *key, char *task, size_t size, int *shots);

/* The head of one entry of "results" in the lighteval layout: its JSON pointer in base, and its
 * task and shots from the key. 0, after a note or a warning, for the "all" row (noted with
 * all_note), aggregate rows (":_average"), keys that are not "suite|task|shots" and entries that
 * are not objects; 1 when the entry is to be read. */
int lr_leaderboard_entry(const lr_input *in, const cJSON *entry, const char *all_note, char *base,
                         size_t base_size, char *task, size_t task_size, int *shots);

#endif

/* The Open LLM Leaderboard's tasks: what it displayed for each benchmark (metric and shots), one
 * table for the per-model results (oll.c) and the table snapshots (olltable.c). */
#ifndef LR_LEADERBOARD_H
#define LR_LEADERBOARD_H

#include <stddef.h>

typedef struct lr_leaderboard_task {
    const char *benchmark; /* registry id */
    const char *metric;    /* the metric the leaderboard displayed */
    const char *display;   /* its column name, for messages */
    int shots;
} lr_leaderboard_task;

/* Version 1 (2023 - mid 2024), in the order of its columns. */
extern const lr_leaderboard_task lr_leaderboard_v1[];
extern const size_t lr_leaderboard_v1_count;

/* The v1 task of a benchmark id, or NULL. */
const lr_leaderboard_task *lr_leaderboard_task_of(const char *benchmark);

/* Whether the leaderboard displayed this benchmark with this metric at these shots. */
int lr_leaderboard_is_reference(const char *benchmark, const char *metric, int shots);

#endif

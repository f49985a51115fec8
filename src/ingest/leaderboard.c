/* The Open LLM Leaderboard's task table; see leaderboard.h. */
#include "ingest/leaderboard.h"

#include <string.h>

/* huggingface/leaderboards, archive.md */
const lr_leaderboard_task lr_leaderboard_v1[] = {
    {"arc_challenge", "acc_norm", "ARC", 25},
    {"hellaswag", "acc_norm", "HellaSwag", 10},
    {"mmlu", "acc", "MMLU", 5},
    {"truthfulqa", "mc2", "TruthfulQA", 0},
    {"winogrande", "acc", "Winogrande", 5},
    {"gsm8k", "acc", "GSM8K", 5},
    {"drop", "f1", "DROP", 3},
};
const size_t lr_leaderboard_v1_count = sizeof lr_leaderboard_v1 / sizeof lr_leaderboard_v1[0];

const lr_leaderboard_task *lr_leaderboard_task_of(const char *benchmark)
{
    for (size_t i = 0; benchmark && i < lr_leaderboard_v1_count; i++)
        if (!strcmp(lr_leaderboard_v1[i].benchmark, benchmark))
            return &lr_leaderboard_v1[i];
    return NULL;
}

int lr_leaderboard_is_reference(const char *benchmark, const char *metric, int shots)
{
    const lr_leaderboard_task *t = lr_leaderboard_task_of(benchmark);
    return t && metric && !strcmp(t->metric, metric) && t->shots == shots;
}

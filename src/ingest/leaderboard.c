/* The Open LLM Leaderboard's task table; see leaderboard.h. */
#include "ingest/leaderboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"

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

/* huggingface/leaderboards, docs: the v2 tasks and their shots */
const lr_leaderboard_task lr_leaderboard_v2[] = {
    {"leaderboard_ifeval", "mean", "IFEval", 0},
    {"leaderboard_bbh", "acc_norm", "BBH", 3},
    {"leaderboard_math_hard", "exact_match", "MATH Lvl 5", 4},
    {"leaderboard_gpqa", "acc_norm", "GPQA", 0},
    {"leaderboard_musr", "acc_norm", "MuSR", 0},
    {"leaderboard_mmlu_pro", "acc", "MMLU-Pro", 5},
};
const size_t lr_leaderboard_v2_count = sizeof lr_leaderboard_v2 / sizeof lr_leaderboard_v2[0];

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

/* Splits "suite|task|k" (or "task|k") into task and shots; 0 when the key has no whole shot
 * count after its last '|'. */
int lr_leaderboard_split_key(const char *key, char *task, size_t size, int *shots)
{
    const char *last = strrchr(key, '|');
    if (!last || !last[1])
        return 0;
    char *end;
    long k = strtol(last + 1, &end, 10);
    if (*end || k < 0 || k > 1000000 || last[1] == '-' || last[1] == '+' || last[1] == ' ')
        return 0;
    const char *start = key;
    for (const char *p = key; p < last; p++)
        if (*p == '|')
            start = p + 1;
    size_t n = (size_t)(last - start);
    if (!n || n >= size)
        return 0;
    memcpy(task, start, n);
    task[n] = '\0';
    *shots = (int)k;
    return 1;
}

int lr_leaderboard_entry(const lr_input *in, const cJSON *entry, const char *all_note, char *base,
                         size_t base_size, char *task, size_t task_size, int *shots)
{
    const char *key = entry->string;
    snprintf(base, base_size, "/results");
    lr_json_pointer_push(base, base_size, key);
    if (!strcmp(key, "all")) {
        lr_ingest_note(in, base, all_note);
        return 0;
    }
    if (!lr_leaderboard_split_key(key, task, task_size, shots)) {
        lr_ingest_warn(in, base, "key is not \"suite|task|shots\"; skipped");
        return 0;
    }
    if (strstr(task, ":_average")) {
        lr_ingest_note(in, base, "aggregate row not read (its members are)");
        return 0;
    }
    if (!cJSON_IsObject(entry)) {
        lr_ingest_warn(in, base, "task entry must be an object; skipped");
        return 0;
    }
    return 1;
}

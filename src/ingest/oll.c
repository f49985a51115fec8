/* Open LLM Leaderboard v1 per-model results (open-llm-leaderboard-old/results on the HF Hub):
 * config_general (older files: config) around harness v0.3 results keyed "harness|task|shots".
 * The shots come from the key; MMLU is the plain mean of the 57 hendrycksTest subjects, which
 * the model adds after the file when all 57 are there (model/aggregate.c); the "all" row (a mean
 * over everything) is not read; the metric the leaderboard displayed for each benchmark is marked
 * as the reference. See FORMATS.md §2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/error.h"
#include "core/json.h"
#include "ingest/ingest.h"
#include "ingest/leaderboard.h"

static const cJSON *get(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* Has results at least one "suite|task|k" key? */
static int has_pipe_keys(const cJSON *results)
{
    const cJSON *task;
    lr_json_for_members(task, results)
    {
        if (strchr(task->string, '|'))
            return 1;
    }
    return 0;
}

static int sniff(const lr_input *in)
{
    const cJSON *results = get(in->json, "results");
    if (!cJSON_IsObject(in->json) || !cJSON_IsObject(results))
        return 0;
    if (cJSON_IsObject(get(in->json, "config_general")))
        return 95;
    if (cJSON_IsObject(get(in->json, "config")) && has_pipe_keys(results))
        return 95;
    return 0;
}

/* The run date: a date string in the config, an epoch start/end time (not the perf-counter
 * values lighteval writes under the same names: those are far below any plausible epoch), or
 * the time in the file name. */
static const char *run_date(const lr_input *in, const cJSON *config)
{
    static const char *const strings[] = {"start_date", "end_date", "date"};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
        const char *s = lr_json_string(config, strings[i]);
        if (s && s[0])
            return lr_store_strdup(in->store, s);
    }
    static const char *const epochs[] = {"start_date", "end_date", "date", "start_time",
                                         "end_time"};
    for (size_t i = 0; i < sizeof epochs / sizeof epochs[0]; i++) {
        double t;
        if (lr_json_number(get(config, epochs[i]), &t) == LR_NUM_OK && t > 1e9)
            return lr_ingest_iso_utc(in->store, t);
    }
    return lr_ingest_date_from_name(in->store, in->name);
}

static const char *version_note(lr_store *store, const cJSON *v)
{
    if (cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble < 1e6 &&
        v->valuedouble == (double)(int)v->valuedouble) {
        /* the usual case, without printf: what "%g" writes for a small integer */
        char buf[32] = "task version ", digits[12];
        int n = 0, k = (int)v->valuedouble;
        do
            digits[n++] = (char)('0' + k % 10);
        while ((k /= 10));
        size_t len = strlen(buf);
        while (n)
            buf[len++] = digits[--n];
        buf[len] = '\0';
        return lr_arena_strdup(lr_store_arena(store), buf);
    }
    if (cJSON_IsNumber(v))
        return lr_arena_printf(lr_store_arena(store), "task version %g", v->valuedouble);
    if (cJSON_IsString(v) && v->valuestring[0] && strcmp(v->valuestring, "N/A"))
        return lr_arena_printf(lr_store_arena(store), "task version %s", v->valuestring);
    return NULL;
}

/* The member of obj named key, trying first the one after *hint: "versions" lists the tasks in
 * the order of "results", and a search from the start for each would be quadratic. */
static const cJSON *get_next(const cJSON *obj, const char *key, const cJSON **hint)
{
    const cJSON *next = *hint ? (*hint)->next : lr_json_first_member(obj);
    const cJSON *found = next && next->string && !strcmp(next->string, key) ? next : get(obj, key);
    if (found)
        *hint = found;
    return found;
}

static void read_task(const lr_input *in, const cJSON *entry, const char *model,
                      const cJSON *versions, const cJSON **version_hint, const lr_source *src)
{
    const char *key = entry->string;
    char base[256], task[200];
    int shots;
    if (!lr_leaderboard_entry(in, entry,
                              "row \"all\" (a mean over every task, not the leaderboard average) "
                              "not read",
                              base, sizeof base, task, sizeof task, &shots))
        return;
    const lr_benchmark_def *bench = lr_store_benchmark(in->store, task);
    const char *note = version_note(in->store, get_next(versions, key, version_hint));
    const cJSON *item;
    lr_json_for_members(item, entry)
    {
        const char *metric = item->string;
        size_t mlen = strlen(metric);
        if (mlen >= 7 && !strcmp(metric + mlen - 7, "_stderr"))
            continue; /* read with its metric */
        char ptr[512];
        memcpy(ptr, base, sizeof base);
        lr_json_pointer_push(ptr, sizeof ptr, metric);
        lr_obs_in o;
        lr_obs_in_init(&o);
        lr_num_kind k = lr_json_number(item, &o.value);
        if (k == LR_NUM_NONFINITE)
            lr_ingest_warn(in, ptr, "value is %s; no value recorded", lr_json_nonfinite_name(item));
        else if (k == LR_NUM_NA)
            lr_ingest_note(in, ptr, "value is not available; no value recorded");
        else if (k == LR_NUM_NOT_NUMBER)
            lr_ingest_warn(in, ptr, "value must be a number; skipped");
        char se_key[300];
        if (mlen + 8 > sizeof se_key)
            mlen = sizeof se_key - 8;
        memcpy(se_key, metric, mlen);
        memcpy(se_key + mlen, "_stderr", 8);
        o.has_stderr = lr_ingest_stderr(in, entry, base, se_key, 0, &o.stderr_);
        if (k != LR_NUM_OK)
            continue;
        o.has_value = 1;
        o.model = model;
        o.benchmark = task;
        o.metric = metric;
        o.shots = shots;
        o.note = note;
        o.locator = ptr;
        o.source = src;
        const lr_metric_def *m = lr_store_metric(in->store, metric);
        /* an MMLU subject's reference is MMLU's: the leaderboard displayed their mean, which
         * the model computes after the file (model/aggregate.c) */
        if (bench && m &&
            (lr_leaderboard_is_reference(bench->id, m->id, shots) ||
             (bench->parent && lr_leaderboard_is_reference(bench->parent, m->id, shots))))
            o.flags |= LR_OBS_REFERENCE;
        lr_store_add(in->store, &o);
    }
}

static lr_status read_oll(const lr_input *in)
{
    const cJSON *results = get(in->json, "results");
    const cJSON *config = get(in->json, "config_general");
    const char *config_name = "config_general";
    int legacy = !config;
    if (legacy) {
        config = get(in->json, "config");
        config_name = "config";
    }
    if (!cJSON_IsObject(in->json) || !cJSON_IsObject(results)) {
        lr_error_set(in->err, LR_EFORMAT, in->path,
                     "not an Open LLM Leaderboard results file: \"results\" must be an object "
                     "of \"harness|task|shots\" entries");
        lr_error_pointer(in->err, "/results");
        return LR_EFORMAT;
    }
    if (!cJSON_IsObject(config) || (legacy && !has_pipe_keys(results))) {
        lr_error_set(in->err, LR_EFORMAT, in->path,
                     "not an Open LLM Leaderboard results file: no \"config_general\" object "
                     "and no \"harness|task|shots\" keys");
        lr_error_pointer(in->err, "/config_general");
        return LR_EFORMAT;
    }
    const cJSON *name = get(config, "model_name");
    const char *model = cJSON_IsString(name) && name->valuestring[0]
                            ? lr_ingest_model_name(in->store, name->valuestring)
                            : NULL;
    if (!model)
        model = lr_ingest_model_from_args(in->store, get(config, "model_args"));
    if (!model) {
        char ptr[64];
        snprintf(ptr, sizeof ptr, "/%s/model_name", config_name);
        lr_error_set(in->err, LR_ETYPE, in->path,
                     "no model name: \"%s.model_name\" must be a string", config_name);
        lr_error_pointer(in->err, ptr);
        return LR_ETYPE;
    }

    lr_source *src = lr_store_source_new(in->store, "leaderboard", in->path);
    if (!src)
        return lr_error_set(in->err, LR_ENOMEM, in->path, "out of memory");
    src->title = lr_store_strdup(in->store, "Open LLM Leaderboard");
    src->date = run_date(in, config);
    const char *sha = lr_json_string(config, "lighteval_sha");
    src->harness = sha && sha[0]
                       ? lr_arena_printf(lr_store_arena(in->store),
                                         "lm-evaluation-harness v0.3 via lighteval (%.8s)", sha)
                       : lr_store_strdup(in->store, "lm-evaluation-harness v0.3");
    const char *model_sha = lr_json_string(config, "model_sha");
    const char *dtype = lr_json_string(config, "model_dtype");
    char args[256] = "";
    size_t an = 0;
    if (model_sha && model_sha[0])
        an += (size_t)snprintf(args, sizeof args, "revision=%.80s", model_sha);
    if (dtype && dtype[0])
        an += (size_t)snprintf(args + an, sizeof args - an, "%sdtype=%.80s", an ? "," : "", dtype);
    if (an)
        src->model_args = lr_store_strdup(in->store, args);

    const cJSON *versions = get(in->json, "versions");
    const cJSON *entry;
    const cJSON *hint = NULL;
    lr_json_for_members(entry, results) read_task(in, entry, model, versions, &hint, src);
    return LR_OK;
}

const lr_adapter lr_adapter_oll = {
    "oll-v1",
    "Open LLM Leaderboard v1 per-model results (config_general, \"harness|task|shots\" keys)",
    sniff,
    read_oll,
};

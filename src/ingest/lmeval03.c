/* lm-evaluation-harness v0.1-v0.3 results files ("old style", until mid-2023): bare metric names
 * with "<metric>_stderr", one config.num_fewshot for the whole file, the model inside
 * config.model_args. Test fixtures without config state neither shots nor model. MMLU comes as
 * 57 hendrycksTest-* tasks, which the registry makes members of mmlu. See FORMATS.md §1.1. */
#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "core/json.h"
#include "ingest/ingest.h"

static const cJSON *get(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

static int sniff(const lr_input *in)
{
    const cJSON *results = get(in->json, "results");
    if (!cJSON_IsObject(in->json) || !cJSON_IsObject(results) || get(in->json, "config_general") ||
        get(in->json, "n-shot") || get(in->json, "group_subtasks") ||
        get(in->json, "higher_is_better"))
        return 0;
    int metrics = 0;
    const cJSON *task, *item;
    lr_json_for_members(task, results)
    {
        if (strchr(task->string, '|'))
            return 0; /* Open LLM Leaderboard / lighteval */
        lr_json_for_members(item, task)
        {
            if (strchr(item->string, ','))
                return 0; /* "metric,filter": v0.4 */
            if (cJSON_IsNumber(item))
                metrics = 1;
        }
    }
    if (!metrics)
        return 0;
    return get(get(in->json, "config"), "num_fewshot") ? 85 : 80;
}

static const char *version_note(lr_store *store, const cJSON *v)
{
    if (cJSON_IsNumber(v))
        return lr_arena_printf(lr_store_arena(store), "task version %g", v->valuedouble);
    if (cJSON_IsString(v) && v->valuestring[0] && strcmp(v->valuestring, "N/A"))
        return lr_arena_printf(lr_store_arena(store), "task version %s", v->valuestring);
    return NULL;
}

static void read_task(const lr_input *in, const cJSON *entry, const char *model, int shots,
                      int limited, const char *note, const lr_source *src)
{
    char base[256] = "/results";
    lr_json_pointer_push(base, sizeof base, entry->string);
    if (!cJSON_IsObject(entry)) {
        lr_ingest_warn(in, base, "task entry must be an object; skipped");
        return;
    }
    const cJSON *item;
    lr_json_for_members(item, entry)
    {
        const char *key = item->string;
        if (!strcmp(key, "alias"))
            continue;
        /* "metric,filter" keys (a v0.4 file read with this adapter forced) */
        char metric[128];
        const char *comma = strchr(key, ',');
        size_t mlen = comma ? (size_t)(comma - key) : strlen(key);
        if (mlen >= sizeof metric)
            mlen = sizeof metric - 1;
        memcpy(metric, key, mlen);
        metric[mlen] = '\0';
        if (mlen >= 7 && !strcmp(metric + mlen - 7, "_stderr"))
            continue; /* read with its metric */
        char ptr[512];
        snprintf(ptr, sizeof ptr, "%s", base);
        lr_json_pointer_push(ptr, sizeof ptr, key);
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
        snprintf(se_key, sizeof se_key, "%s_stderr%s", metric, comma ? comma : "");
        o.has_stderr = lr_ingest_stderr(in, entry, base, se_key, 0, &o.stderr_);
        if (k != LR_NUM_OK)
            continue;
        o.has_value = 1;
        o.model = model;
        o.benchmark = entry->string;
        o.metric = metric;
        o.filter = comma ? comma + 1 : NULL;
        o.shots = shots;
        o.note = note;
        o.locator = ptr;
        o.source = src;
        if (limited)
            o.flags |= LR_OBS_LIMITED;
        lr_store_add(in->store, &o);
    }
}

static lr_status read_lmeval03(const lr_input *in)
{
    const cJSON *results = get(in->json, "results");
    if (!cJSON_IsObject(in->json) || !cJSON_IsObject(results)) {
        lr_error_set(in->err, LR_EFORMAT, in->path,
                     "not an lm-evaluation-harness results file: \"results\" must be an object "
                     "of tasks");
        lr_error_pointer(in->err, "/results");
        return LR_EFORMAT;
    }
    const cJSON *config = get(in->json, "config");
    if (config && !cJSON_IsObject(config)) {
        lr_error_set(in->err, LR_ETYPE, in->path, "\"config\" must be an object");
        lr_error_pointer(in->err, "/config");
        return LR_ETYPE;
    }
    const cJSON *args = get(config, "model_args");
    const char *model = lr_ingest_model_from_args(in->store, args);
    if (!model) {
        model = lr_ingest_file_stem(in->store, in->name);
        if (!model)
            return lr_error_set(in->err, LR_ENOMEM, in->path, "out of memory");
        lr_ingest_warn(in, config ? "/config/model_args" : NULL,
                       "no model name in the file (%s); using the file name \"%s\"",
                       config ? "no pretrained= in config.model_args" : "no config", model);
    }
    int shots = LR_SHOTS_UNKNOWN;
    const cJSON *fewshot = get(config, "num_fewshot");
    if (cJSON_IsNumber(fewshot) && fewshot->valuedouble >= 0 && fewshot->valuedouble <= 1e6 &&
        fewshot->valuedouble == (double)(int)fewshot->valuedouble)
        shots = (int)fewshot->valuedouble;
    else if (fewshot && !cJSON_IsNull(fewshot))
        lr_ingest_warn(in, "/config/num_fewshot",
                       "num_fewshot must be a whole number; shots unknown");
    const cJSON *limit = get(config, "limit");
    int limited = limit && !cJSON_IsNull(limit);

    lr_source *src = lr_store_source_new(in->store, "lm-eval", in->path);
    if (!src)
        return lr_error_set(in->err, LR_ENOMEM, in->path, "out of memory");
    const char *git = lr_json_string(in->json, "git_hash");
    src->harness = git && git[0] ? lr_arena_printf(lr_store_arena(in->store),
                                                   "lm-evaluation-harness v0.3 (git %.8s)", git)
                                 : lr_store_strdup(in->store, "lm-evaluation-harness v0.3");
    if (cJSON_IsString(args) && args->valuestring[0])
        src->model_args =
            lr_ingest_args_shown(in->store, lr_store_strdup(in->store, args->valuestring));

    const cJSON *versions = get(in->json, "versions");
    const cJSON *entry;
    lr_json_for_members(entry, results)
    {
        const char *note = version_note(in->store, get(versions, entry->string));
        read_task(in, entry, model, shots, limited, note, src);
    }
    return LR_OK;
}

const lr_adapter lr_adapter_lmeval03 = {
    "lm-eval-v0.3",
    "lm-evaluation-harness v0.1-v0.3 results (bare metric names, config.num_fewshot)",
    sniff,
    read_lmeval03,
};

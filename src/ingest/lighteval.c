/* lighteval's own results files (results/<model>/results_<time>.json): the Open LLM Leaderboard
 * v1 envelope (config_general, results keyed "suite|task|shots", config_tasks, summary_tasks)
 * without its "harness|" tasks. The model's generation parameters (temperature, top_p), system
 * prompt (by sha256) and chat template are the method; metric names with parameters
 * ("pass@k:k=1&n=16") become the metric (pass@1) and a detail (n=16); extractive_match is exact
 * match by extraction; config_tasks gives each metric's direction and the documents evaluated,
 * summary_tasks the hash of the examples (a changed dataset is measured differently), and
 * max_samples a limited run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/json.h"
#include "core/sha256.h"
#include "ingest/ingest.h"
#include "ingest/leaderboard.h"

static const cJSON *get(const cJSON *obj, const char *key)
{
    return cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
}

static int number(const cJSON *obj, const char *key, double *out)
{
    return lr_json_number(get(obj, key), out) == LR_NUM_OK;
}

static int sniff(const lr_input *in)
{
    const cJSON *results = get(in->json, "results");
    if (!cJSON_IsObject(results) || !cJSON_IsObject(get(in->json, "config_general")))
        return 0;
    int pipes = 0;
    const cJSON *task;
    lr_json_for_members(task, results)
    {
        if (!strncmp(task->string, "harness|", 8))
            return 0; /* the leaderboard's harness runs (oll.c) */
        pipes |= strchr(task->string, '|') != NULL;
    }
    return pipes ? 97 : 0;
}

/* The method of the run: "chat+sys=<sha8>" prompting, "T=x,top_p=y" sampling (temperature 0 or
 * none stated: greedy, lighteval's default, no token). The generation parameters are the model
 * config's, or (lighteval 0.8 to 0.9) config_general's own. */
static void run_method(const cJSON *model_config, const cJSON *config, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    if (cJSON_IsTrue(get(model_config, "use_chat_template")))
        n += (size_t)snprintf(buf, size, "chat");
    const char *sys = lr_json_string(model_config, "system_prompt");
    if (sys && sys[0] && n < size) {
        char hex[9];
        lr_sha256_hex8(sys, hex);
        n += (size_t)snprintf(buf + n, size - n, "%ssys=%s", n ? "+" : "", hex);
    }
    const cJSON *gen = get(model_config, "generation_parameters");
    if (!cJSON_IsObject(gen))
        gen = get(config, "generation_parameters");
    double t, p;
    int sampled = number(gen, "temperature", &t) && t > 0;
    if (sampled && n < size)
        n += (size_t)snprintf(buf + n, size - n, "%sT=%g", n ? "," : "", t);
    if (sampled && number(gen, "top_p", &p) && n < size)
        snprintf(buf + n, size - n, ",top_p=%g", p);
}

/* The start of "pass@"/"maj@" after an extraction prefix ("gpqa_pass@1", "math_pass@k"): the
 * prefix names how answers are extracted for the task, not another metric. */
static const char *estimator(const char *name)
{
    static const char *const kinds[] = {"pass@", "maj@"};
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        const char *at = strstr(name, kinds[i]);
        if (!at)
            continue;
        const char *p = name;
        while (p < at && ((*p >= 'a' && *p <= 'z') || *p == '_'))
            p++;
        if (p == at && (at == name || at[-1] == '_'))
            return at;
    }
    return NULL;
}

/* "pass@k:k=1&n=16" -> metric "pass@1", detail "n=16"; "maj@k:k=8" -> "maj@8"; lighteval 0.8's
 * "math_pass@1:32_samples" and "codegen_pass@1:16" -> "pass@1", "n=32" / "n=16"; a name without
 * parameters as it is. */
static void split_metric(const char *name, char *metric, size_t msize, char *detail, size_t dsize)
{
    detail[0] = '\0';
    const char *colon = strchr(name, ':');
    const char *start = estimator(name);
    if (start && colon && start < colon && start[strcspn(start, "@") + 1] != 'k') {
        /* "pass@1:32_samples": k in the name, the samples after the colon */
        char *end;
        long samples = strtol(colon + 1, &end, 10);
        if (end > colon + 1 && (!*end || !strcmp(end, "_samples"))) {
            snprintf(metric, msize, "%.*s", (int)(colon - start), start);
            if (samples > 0)
                snprintf(detail, dsize, "n=%ld", samples);
            return;
        }
    }
    const char *at = strstr(name, "@k");
    if (!colon || !at || at > colon) {
        snprintf(metric, msize, "%s", name);
        return;
    }
    if (start && start < at)
        name = start;
    long k = -1, samples = -1;
    for (const char *p = colon + 1; *p;) {
        const char *eq = strchr(p, '=');
        if (!eq)
            break;
        char *end;
        long v = strtol(eq + 1, &end, 10);
        if (end == eq + 1 || v < 1)
            v = -1; /* "k=" or "k=0": no count */
        if (eq - p == 1 && *p == 'k')
            k = v;
        else if (eq - p == 1 && *p == 'n')
            samples = v;
        p = eq + 1 + strcspn(eq + 1, "&");
        if (*p == '&')
            p++;
    }
    if (k < 0) {
        snprintf(metric, msize, "%s", name);
        return;
    }
    snprintf(metric, msize, "%.*s@%ld", (int)(at - name), name, k);
    if (samples > 0)
        snprintf(detail, dsize, "n=%ld", samples);
}

/* Whether the task's entry states metric from samples counts other than detail's: the samples
 * behind a pass@1 are detail, but three estimates of one file (from 1, 4 and 8 samples) are three
 * results, kept apart by their counts. */
static int several_counts(const cJSON *entry, const char *metric, const char *detail)
{
    const cJSON *item;
    lr_json_for_members(item, entry)
    {
        size_t len = strlen(item->string);
        if (len >= 7 && !strcmp(item->string + len - 7, "_stderr"))
            continue;
        char m[160], d[32];
        split_metric(item->string, m, sizeof m, d, sizeof d);
        if (!strcmp(m, metric) && strcmp(d, detail))
            return 1;
    }
    return 0;
}

/* The direction config_tasks states for a metric: 1, 0, or -1 when it does not. */
static int stated_direction(const cJSON *task_config, const char *metric)
{
    const cJSON *metrics = get(task_config, "metrics");
    const cJSON *m;
    if (!cJSON_IsArray(metrics)) {
        /* lighteval 0.8 to 0.9: "metric": [{"metric_name": ..., "higher_is_better": true}] */
        lr_json_for_items(m, get(task_config, "metric"))
        {
            const char *name = lr_json_string(m, "metric_name");
            const cJSON *hib = get(m, "higher_is_better");
            if (name && !strcmp(name, metric) && cJSON_IsBool(hib))
                return cJSON_IsTrue(hib);
        }
        return -1;
    }
    lr_json_for_items(m, metrics)
    {
        const cJSON *hib = get(get(m, "higher_is_better"), metric);
        if (cJSON_IsBool(hib))
            return cJSON_IsTrue(hib);
    }
    return -1;
}

static void read_task(const lr_input *in, const cJSON *entry, const char *model, const char *method,
                      int limited, const lr_source *src)
{
    const char *key = entry->string;
    char base[256], task[200];
    int shots;
    if (!lr_leaderboard_entry(in, entry, "row \"all\" (a mean over every task) not read", base,
                              sizeof base, task, sizeof task, &shots))
        return;
    const cJSON *tasks = get(in->json, "config_tasks");
    const cJSON *task_config = get(tasks, key);
    const char *bar = strrchr(key, '|');
    if (!task_config && bar) {
        /* lighteval 0.8 to 0.9 key config_tasks by "suite|task", without the shots */
        char bare[256];
        snprintf(bare, sizeof bare, "%.*s", (int)(bar - key), key);
        task_config = get(tasks, bare);
    }
    double docs = -1, original = -1;
    number(task_config, "effective_num_docs", &docs);
    number(task_config, "original_num_docs", &original);
    if (docs > 0 && original > 0 && docs < original)
        limited = 1;
    const char *hash =
        lr_json_string(get(get(get(in->json, "summary_tasks"), key), "hashes"), "hash_examples");
    const cJSON *item;
    lr_json_for_members(item, entry)
    {
        const char *name = item->string;
        size_t len = strlen(name);
        if (len >= 7 && !strcmp(name + len - 7, "_stderr"))
            continue; /* read with its metric */
        char ptr[512];
        memcpy(ptr, base, sizeof base);
        lr_json_pointer_push(ptr, sizeof ptr, name);
        lr_obs_in o;
        lr_obs_in_init(&o);
        lr_num_kind k = lr_json_number(item, &o.value);
        if (k == LR_NUM_NONFINITE)
            lr_ingest_warn(in, ptr, "value is %s; no value recorded", lr_json_nonfinite_name(item));
        else if (k == LR_NUM_NOT_NUMBER && !cJSON_IsObject(item))
            lr_ingest_warn(in, ptr, "value must be a number; skipped");
        if (k != LR_NUM_OK)
            continue;
        char se_key[300];
        snprintf(se_key, sizeof se_key, "%s_stderr", name);
        o.has_stderr = lr_ingest_stderr(in, entry, base, se_key, 0, &o.stderr_);
        char metric[160], detail[32], full[400];
        split_metric(name, metric, sizeof metric, detail, sizeof detail);
        snprintf(full, sizeof full, "%s%s%s", method, method[0] && detail[0] ? "," : "", detail);
        o.has_value = 1;
        o.model = model;
        o.benchmark = task;
        o.shots = shots;
        o.method = full[0] ? full : NULL;
        if (!strcmp(metric, "extractive_match")) {
            o.metric = "exact_match";
            o.variant = "extractive";
        } else {
            o.metric = metric;
        }
        char counts[48];
        if (detail[0] && several_counts(entry, metric, detail)) {
            snprintf(counts, sizeof counts, "%s sample%s", detail + 2,
                     strcmp(detail + 2, "1") ? "s" : "");
            o.variant = counts;
        }
        if (strchr(metric, '@') && !lr_store_metric(in->store, metric))
            o.scale = LR_SCALE_FRACTION; /* pass@k, maj@k for any k */
        o.higher_is_better = stated_direction(task_config, name);
        o.task_hash = hash;
        o.n = docs > 0 ? (long)docs : -1;
        if (limited)
            o.flags |= LR_OBS_LIMITED;
        o.locator = ptr;
        o.source = src;
        lr_store_add(in->store, &o);
    }
}

static lr_status read_lighteval(const lr_input *in)
{
    const cJSON *config = get(in->json, "config_general");
    const cJSON *results = get(in->json, "results");
    if (!cJSON_IsObject(config) || !cJSON_IsObject(results)) {
        lr_error_set(in->err, LR_EFORMAT, in->path,
                     "not a lighteval results file: it needs a \"config_general\" object and a "
                     "\"results\" object of \"suite|task|shots\" entries");
        lr_error_pointer(in->err, cJSON_IsObject(config) ? "/results" : "/config_general");
        return LR_EFORMAT;
    }
    const cJSON *model_config = get(config, "model_config");
    const char *model = lr_json_string(config, "model_name");
    if (!model || !model[0])
        model = lr_json_string(model_config, "model_name");
    model = lr_ingest_model_name(in->store, model);
    if (!model || !model[0]) {
        lr_error_set(in->err, LR_ETYPE, in->path,
                     "no model name: \"config_general.model_name\" must be a string");
        lr_error_pointer(in->err, "/config_general/model_name");
        return LR_ETYPE;
    }
    char method[256];
    run_method(model_config, config, method, sizeof method);
    double max_samples = -1;
    int limited = number(config, "max_samples", &max_samples);

    lr_source *src = lr_store_source_new(in->store, "lighteval", in->path);
    if (!src)
        return lr_error_set(in->err, LR_ENOMEM, in->path, "out of memory");
    const char *sha = lr_json_string(config, "lighteval_sha");
    int has_sha = sha && sha[0] && strcmp(sha, "?");
    src->harness = has_sha ? lr_arena_printf(lr_store_arena(in->store), "lighteval (git %.8s)", sha)
                           : lr_store_strdup(in->store, "lighteval");
    src->date = lr_ingest_date_from_name(in->store, in->name);
    const char *provider = lr_json_string(model_config, "provider");
    const char *model_sha = lr_json_string(config, "model_sha");
    char args[256] = "";
    size_t an = 0;
    if (provider && provider[0])
        an += (size_t)snprintf(args, sizeof args, "provider=%.80s", provider);
    if (model_sha && model_sha[0] && an < sizeof args)
        snprintf(args + an, sizeof args - an, "%srevision=%.80s", an ? "," : "", model_sha);
    if (args[0])
        src->model_args = lr_store_strdup(in->store, args);
    if (limited)
        src->note =
            lr_arena_printf(lr_store_arena(in->store), "max_samples %g per task", max_samples);

    const cJSON *entry;
    lr_json_for_members(entry, results) read_task(in, entry, model, method, limited, src);
    return LR_OK;
}

const lr_adapter lr_adapter_lighteval = {
    "lighteval",
    "lighteval results files (config_general, \"suite|task|shots\" keys without \"harness|\")",
    sniff,
    read_lighteval,
};

/* bigcode-evaluation-harness metric files ({"<task>": {"pass@k": ...}, "config": {...}}). The
 * decoding (temperature, top_p, n_samples) becomes the method, so pass@1 from 1 greedy sample
 * and pass@1 estimated from 200 samples at T=0.8 are different settings. n_samples is samples
 * per problem, not shots: HumanEval and MBPP prompts are zero-shot, other tasks do not say.
 * Custom metric names (Mercury's "Easy_pass@1") are kept as written. See FORMATS.md §4. */
#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "core/json.h"
#include "ingest/ingest.h"

/* Problems per task, to tell whether config.limit cut a run short. */
static const struct task_size {
    const char *benchmark; /* registry id or name as written */
    int problems;
} task_sizes[] = {{"humaneval", 164}, {"mbpp", 500}, {"mercury", 256}};

static const cJSON *get(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

static int sniff(const lr_input *in)
{
    const cJSON *config = get(in->json, "config");
    if (!cJSON_IsObject(in->json) || !cJSON_IsObject(config) || get(in->json, "results") ||
        !cJSON_IsString(get(config, "model")))
        return 0;
    int tasks = 0;
    const cJSON *t, *m;
    lr_json_for_members(t, in->json)
    {
        if (t == config)
            continue;
        if (!cJSON_IsObject(t))
            return 0;
        lr_json_for_members(m, t)
        {
            if (cJSON_IsNumber(m))
                tasks = 1;
        }
    }
    if (!tasks)
        return 0;
    return get(config, "n_samples") || get(config, "tasks") || get(config, "temperature") ? 90 : 70;
}

static int number(const cJSON *obj, const char *key, double *out)
{
    return lr_json_number(get(obj, key), out) == LR_NUM_OK;
}

/* "T=0.2,top_p=0.95,n=200", or "greedy" when do_sample is false. */
static void decoding_method(const cJSON *config, char *buf, size_t size)
{
    buf[0] = '\0';
    if (cJSON_IsFalse(get(config, "do_sample"))) {
        snprintf(buf, size, "greedy");
        return;
    }
    size_t n = 0;
    double v;
    if (number(config, "temperature", &v))
        n += (size_t)snprintf(buf + n, size - n, "T=%g", v);
    if (number(config, "top_p", &v) && n < size)
        n += (size_t)snprintf(buf + n, size - n, "%stop_p=%g", n ? "," : "", v);
    if (number(config, "n_samples", &v) && n < size)
        snprintf(buf + n, size - n, "%sn=%g", n ? "," : "", v);
}

/* Metric names whose values are fractions although the registry does not know them. */
static int fraction_metric(const char *metric)
{
    const char *at = strrchr(metric, '@');
    return at && at - metric >= 4 &&
           (!strncmp(at - 4, "pass@", 5) || (at - metric >= 6 && !strncmp(at - 6, "beyond@", 7)));
}

static lr_status read_bigcode(const lr_input *in)
{
    const cJSON *config = get(in->json, "config");
    if (!cJSON_IsObject(in->json) || !cJSON_IsObject(config)) {
        lr_error_set(in->err, LR_EFORMAT, in->path,
                     "not a bigcode-evaluation-harness file: no \"config\" object");
        lr_error_pointer(in->err, "/config");
        return LR_EFORMAT;
    }
    if (get(in->json, "results")) {
        lr_error_set(in->err, LR_EFORMAT, in->path,
                     "not a bigcode-evaluation-harness file: it has \"results\" (an "
                     "lm-evaluation-harness or leaderboard file?)");
        lr_error_pointer(in->err, "/results");
        return LR_EFORMAT;
    }
    const cJSON *model = get(config, "model");
    if (!cJSON_IsString(model) || !model->valuestring[0]) {
        lr_error_set(in->err, LR_ETYPE, in->path, "\"config.model\" (the model) must be a string");
        lr_error_pointer(in->err, "/config/model");
        return LR_ETYPE;
    }
    const char *model_name = lr_ingest_model_name(in->store, model->valuestring);
    char method[128];
    decoding_method(config, method, sizeof method);
    double limit = -1, start = 0;
    int has_limit = number(config, "limit", &limit);
    number(config, "limit_start", &start);

    lr_source *src = lr_store_source_new(in->store, "bigcode", in->path);
    if (!src)
        return lr_error_set(in->err, LR_ENOMEM, in->path, "out of memory");
    src->harness = lr_store_strdup(in->store, "bigcode-evaluation-harness");
    char args[256] = "";
    size_t an = 0;
    static const char *const arg_keys[] = {"revision",     "peft_model",   "precision",
                                           "load_in_8bit", "load_in_4bit", "max_length_generation"};
    for (size_t i = 0; i < sizeof arg_keys / sizeof arg_keys[0] && an < sizeof args; i++) {
        const cJSON *v = get(config, arg_keys[i]);
        if (cJSON_IsString(v) && v->valuestring[0])
            an += (size_t)snprintf(args + an, sizeof args - an, "%s%s=%s", an ? "," : "",
                                   arg_keys[i], v->valuestring);
        else if (cJSON_IsTrue(v))
            an += (size_t)snprintf(args + an, sizeof args - an, "%s%s=True", an ? "," : "",
                                   arg_keys[i]);
        else if (cJSON_IsNumber(v))
            an += (size_t)snprintf(args + an, sizeof args - an, "%s%s=%g", an ? "," : "",
                                   arg_keys[i], v->valuedouble);
    }
    if (an)
        src->model_args = lr_store_strdup(in->store, args);

    lr_registry *reg = lr_store_registry(in->store);
    const cJSON *task;
    lr_json_for_members(task, in->json)
    {
        if (task == config)
            continue;
        char base[256] = "";
        lr_json_pointer_push(base, sizeof base, task->string);
        if (!cJSON_IsObject(task)) {
            lr_ingest_warn(in, base, "task entry must be an object of metrics; skipped");
            continue;
        }
        const lr_benchmark_def *bench = lr_registry_benchmark(reg, task->string);
        const char *id = bench ? bench->id : task->string;
        int shots = !strcmp(id, "humaneval") || !strcmp(id, "mbpp") ? 0 : LR_SHOTS_UNKNOWN;
        int limited = start > 0;
        if (has_limit) {
            int problems = 0;
            for (size_t i = 0; i < sizeof task_sizes / sizeof task_sizes[0]; i++)
                if (!strcmp(task_sizes[i].benchmark, id))
                    problems = task_sizes[i].problems;
            if (!problems || limit < problems)
                limited = 1;
        }
        const cJSON *m;
        lr_json_for_members(m, task)
        {
            char ptr[512];
            snprintf(ptr, sizeof ptr, "%s", base);
            lr_json_pointer_push(ptr, sizeof ptr, m->string);
            lr_obs_in o;
            lr_obs_in_init(&o);
            lr_num_kind k = lr_json_number(m, &o.value);
            if (k == LR_NUM_NONFINITE) {
                lr_ingest_warn(in, ptr, "value is not finite; no value recorded");
                continue;
            }
            if (k == LR_NUM_NOT_NUMBER) {
                lr_ingest_warn(in, ptr, "value must be a number; skipped");
                continue;
            }
            if (k == LR_NUM_NA)
                continue;
            o.has_value = 1;
            o.model = model_name;
            o.benchmark = task->string;
            o.metric = m->string;
            o.shots = shots;
            o.method = method[0] ? method : NULL;
            if (!lr_registry_metric(reg, m->string) && fraction_metric(m->string))
                o.scale = LR_SCALE_FRACTION;
            if (limited)
                o.flags |= LR_OBS_LIMITED;
            o.locator = ptr;
            o.source = src;
            lr_store_add(in->store, &o);
        }
    }
    return LR_OK;
}

const lr_adapter lr_adapter_bigcode = {
    "bigcode",
    "bigcode-evaluation-harness metric files ({\"<task>\": {\"pass@k\": ...}, \"config\": ...})",
    sniff,
    read_bigcode,
};

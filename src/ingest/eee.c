/* Every Eval Ever (EvalEval) records, schema 0.2.x: one model, a list of evaluation_results with
 * a free-text evaluation_name (the registry maps the Open LLM Leaderboard v2 names), the metric's
 * range (max 1: a fraction, max 100: a percentage) and direction, the score and its uncertainty,
 * and generation settings. The record's source (documentation vs evaluation run, who published
 * it, when it was retrieved) becomes the source. See FORMATS.md §3 and §6. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/error.h"
#include "core/json.h"
#include "ingest/ingest.h"

static const cJSON *get(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

static int is_record(const cJSON *j)
{
    return cJSON_IsObject(j) && cJSON_IsString(get(j, "schema_version")) &&
           cJSON_IsArray(get(j, "evaluation_results"));
}

/* One record, or a list of records (what `llmreport export --format eee` writes). */
static int sniff(const lr_input *in)
{
    if (cJSON_IsArray(in->json))
        return is_record(cJSON_GetArrayItem(in->json, 0)) ? 100 : 0;
    return is_record(in->json) ? 100 : 0;
}

/* A Unix time written as a number or a numeric string ("1770682486.623709"). */
static int epoch_of(const cJSON *v, double *out)
{
    if (lr_json_number(v, out) == LR_NUM_OK)
        return 1;
    if (!cJSON_IsString(v))
        return 0;
    char *end;
    *out = strtod(v->valuestring, &end);
    return end != v->valuestring && !*end;
}

/* The metric of a result: metric_id ("pass_at_k" with metric_parameters.k -> "pass@k"),
 * metric_name, or the head of "Accuracy on IFEval"; NULL to use the benchmark's default. */
static const char *metric_of(lr_store *store, const cJSON *mc)
{
    const char *id = lr_json_string(mc, "metric_id");
    double k;
    if (id && !strcmp(id, "pass_at_k") &&
        lr_json_number(get(get(mc, "metric_parameters"), "k"), &k) == LR_NUM_OK)
        return lr_arena_printf(lr_store_arena(store), "pass@%g", k);
    const char *name = lr_json_string(mc, "metric_name");
    if (name && name[0])
        return name;
    if (id && id[0])
        return id;
    const char *desc = lr_json_string(mc, "evaluation_description");
    const char *on = desc ? strstr(desc, " on ") : NULL;
    if (on && on > desc)
        return lr_arena_strndup(lr_store_arena(store), desc, (size_t)(on - desc));
    return NULL;
}

/* Scale from the declared range (and unit): max 1 -> fraction, max 100 -> percent. */
static lr_scale scale_of(const cJSON *mc)
{
    const char *unit = lr_json_string(mc, "metric_unit");
    if (unit && !strcmp(unit, "percent"))
        return LR_SCALE_PERCENT;
    if (unit && !strcmp(unit, "proportion"))
        return LR_SCALE_FRACTION;
    const char *type = lr_json_string(mc, "score_type");
    if (type && !strcmp(type, "levels"))
        return LR_SCALE_RAW;
    double lo = 0, hi;
    if (lr_json_number(get(mc, "max_score"), &hi) != LR_NUM_OK)
        return LR_SCALE_DEFAULT;
    if (lr_json_number(get(mc, "min_score"), &lo) != LR_NUM_OK)
        lo = 0;
    if (lo == 0 && hi == 1)
        return LR_SCALE_FRACTION;
    if (lo == 0 && hi == 100)
        return LR_SCALE_PERCENT;
    return LR_SCALE_RAW;
}

/* Generation settings -> method token ("cot,T=0.7,top_p=0.95"); empty for none. */
static void method_of(const cJSON *gen, char *buf, size_t size)
{
    const cJSON *args = get(gen, "generation_args");
    size_t n = 0;
    buf[0] = '\0';
    if (cJSON_IsTrue(get(args, "reasoning")))
        n += (size_t)snprintf(buf, size, "cot");
    double v;
    if (lr_json_number(get(args, "temperature"), &v) == LR_NUM_OK && n < size)
        n += (size_t)snprintf(buf + n, size - n, "%sT=%g", n ? "," : "", v);
    if (lr_json_number(get(args, "top_p"), &v) == LR_NUM_OK && n < size)
        snprintf(buf + n, size - n, "%stop_p=%g", n ? "," : "", v);
}

/* Shots, when some details object states them ("num_fewshot": "5"). */
static int shots_of(const cJSON *result)
{
    static const char *const keys[] = {"num_fewshot", "n_shot", "n_shots", "shots", "fewshot"};
    const cJSON *places[] = {get(get(result, "generation_config"), "additional_details"),
                             get(get(result, "metric_config"), "additional_details"),
                             get(get(result, "source_data"), "additional_details"),
                             get(get(result, "score_details"), "details")};
    for (size_t p = 0; p < sizeof places / sizeof places[0]; p++) {
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            const cJSON *v = get(places[p], keys[k]);
            double d;
            char *end;
            if (cJSON_IsNumber(v))
                d = v->valuedouble;
            else if (cJSON_IsString(v) && isdigit((unsigned char)v->valuestring[0]))
                d = strtod(v->valuestring, &end);
            else
                continue;
            if (d >= 0 && d <= 1e6 && d == (double)(int)d)
                return (int)d;
        }
    }
    return LR_SHOTS_UNKNOWN;
}

static void read_result(const lr_input *in, const cJSON *r, const char *prefix, int i,
                        const char *model, const lr_source *src)
{
    char ptr[96];
    snprintf(ptr, sizeof ptr, "%s/evaluation_results/%d", prefix, i);
    const char *name = lr_json_string(r, "evaluation_name");
    if (!cJSON_IsObject(r) || !name || !name[0]) {
        lr_ingest_warn(in, ptr, "result needs an \"evaluation_name\"; skipped");
        return;
    }
    const cJSON *mc = get(r, "metric_config");
    const cJSON *sd = get(r, "score_details");
    const cJSON *score = get(sd, "score");
    char vptr[160];
    snprintf(vptr, sizeof vptr, "%s/score_details/score", ptr);
    lr_obs_in o;
    lr_obs_in_init(&o);
    lr_num_kind k = lr_json_number(score, &o.value);
    if (k == LR_NUM_NOT_NUMBER) {
        lr_ingest_warn(in, vptr, "score must be a number; result skipped");
        return;
    }
    if (k == LR_NUM_NONFINITE) {
        lr_ingest_warn(in, vptr, "score is not finite; result skipped");
        return;
    }
    if (k == LR_NUM_NA) {
        lr_ingest_warn(in, vptr, "result without a score skipped");
        return;
    }
    o.has_value = 1;
    const cJSON *unc = get(sd, "uncertainty");
    const cJSON *se = get(get(unc, "standard_error"), "value");
    if (!se)
        se = get(sd, "stderr");
    if (se) {
        lr_num_kind sk = lr_json_number(se, &o.stderr_);
        if (sk == LR_NUM_OK)
            o.has_stderr = 1;
        else if (sk != LR_NUM_NA) {
            char sptr[192];
            snprintf(sptr, sizeof sptr, "%s/score_details/uncertainty/standard_error/value", ptr);
            lr_ingest_warn(in, sptr, "standard error is not a finite number; treated as unknown");
        }
    }
    /* 0.3.0: a confidence interval without a standard error; a normal interval at its level */
    const cJSON *ci = get(unc, "confidence_interval");
    double lo, hi, level = 0.95;
    if (!o.has_stderr && lr_json_number(get(ci, "lower"), &lo) == LR_NUM_OK &&
        lr_json_number(get(ci, "upper"), &hi) == LR_NUM_OK && hi >= lo) {
        static const struct {
            double level, z;
        } z_of[] = {
            {0.9, 1.6448536269514722}, {0.95, 1.959963984540054}, {0.99, 2.5758293035489004}};
        lr_json_number(get(ci, "confidence_level"), &level);
        for (size_t z = 0; z < sizeof z_of / sizeof z_of[0]; z++)
            if (level > z_of[z].level - 1e-9 && level < z_of[z].level + 1e-9) {
                o.stderr_ = (hi - lo) / (2 * z_of[z].z);
                o.has_stderr = 1;
            }
        if (!o.has_stderr)
            lr_ingest_note(in, ptr, "confidence interval at level %g: no standard error derived",
                           level);
    }
    double n;
    if (lr_json_number(get(unc, "num_samples"), &n) == LR_NUM_OK && n >= 0 && n < 1e15)
        o.n = (long)n;
    const cJSON *lib = get(mc, "lower_is_better");
    if (cJSON_IsBool(lib))
        o.higher_is_better = !cJSON_IsTrue(lib);
    char method[128];
    method_of(get(r, "generation_config"), method, sizeof method);
    o.model = model;
    o.benchmark = name;
    o.metric = metric_of(in->store, mc);
    o.scale = scale_of(mc);
    o.shots = shots_of(r);
    o.method = method[0] ? method : NULL;
    /* llmreport's own export spells the setting out */
    const cJSON *details = get(get(r, "generation_config"), "additional_details");
    if (cJSON_IsString(get(details, "method")))
        o.method = get(details, "method")->valuestring;
    if (cJSON_IsString(get(details, "variant")))
        o.variant = get(details, "variant")->valuestring;
    if (cJSON_IsString(get(details, "shots")) &&
        !strcmp(get(details, "shots")->valuestring, "mixed"))
        o.shots = LR_SHOTS_MIXED;
    o.task_hash = lr_json_string(details, "task_hash");
    const char *limited = lr_json_string(details, "limited");
    if (limited && !strcmp(limited, "true"))
        o.flags |= LR_OBS_LIMITED;
    o.locator = ptr;
    o.source = src;
    lr_store_add(in->store, &o);
}

/* model_info.additional_details keys that describe the model, not how it was run (0.3.0). */
static int is_model_metadata(const char *key)
{
    return !strcmp(key, "deployment_type") || !strcmp(key, "model_availability");
}

/* "k=v,k=v" from an object of scalars. */
static const char *pairs_text(lr_store *store, const cJSON *obj)
{
    char buf[512];
    size_t n = 0;
    const cJSON *v;
    lr_json_for_members(v, obj)
    {
        if (n >= sizeof buf)
            break;
        if (v->string && is_model_metadata(v->string))
            continue;
        if (cJSON_IsString(v))
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s=%s", n ? "," : "", v->string,
                                  v->valuestring);
        else if (cJSON_IsNumber(v))
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s=%g", n ? "," : "", v->string,
                                  v->valuedouble);
        else if (cJSON_IsBool(v))
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s=%s", n ? "," : "", v->string,
                                  cJSON_IsTrue(v) ? "True" : "False");
    }
    return n ? lr_store_strdup(store, buf) : NULL;
}

static lr_status read_record(const lr_input *in, const cJSON *rec, const char *prefix)
{
    const cJSON *results = get(rec, "evaluation_results");
    if (!cJSON_IsObject(rec) || !cJSON_IsArray(results)) {
        lr_error_set(in->err, LR_EFORMAT, in->path,
                     "not an Every Eval Ever record: \"evaluation_results\" must be a list");
        char p[96];
        snprintf(p, sizeof p, "%s/evaluation_results", prefix);
        lr_error_pointer(in->err, p);
        return LR_EFORMAT;
    }
    const cJSON *info = get(rec, "model_info");
    const char *model = lr_json_string(info, "id");
    if (!model || !model[0])
        model = lr_json_string(info, "name");
    if (!model || !model[0]) {
        lr_error_set(in->err, LR_ETYPE, in->path, "\"model_info.id\" (the model) must be a string");
        char p[96];
        snprintf(p, sizeof p, "%s/model_info/id", prefix);
        lr_error_pointer(in->err, p);
        return LR_ETYPE;
    }
    const cJSON *meta = get(rec, "source_metadata");
    lr_source *src = lr_store_source_new(in->store, "eee", in->path);
    if (!src)
        return lr_error_set(in->err, LR_ENOMEM, in->path, "out of memory");
    const char *title = lr_json_string(meta, "source_name");
    if (!title)
        title = lr_json_string(meta, "source_organization_name");
    src->title = lr_store_strdup(in->store, title);
    src->url = lr_store_strdup(in->store, lr_json_string(meta, "source_url"));
    double t;
    if (epoch_of(get(rec, "retrieved_timestamp"), &t))
        src->date = lr_ingest_iso_utc(in->store, t);
    const cJSON *lib = get(rec, "eval_library");
    const char *lib_name = lr_json_string(lib, "name"),
               *lib_version = lr_json_string(lib, "version");
    if (lib_name && lib_name[0])
        src->harness =
            lib_version && lib_version[0] && strcmp(lib_version, "unknown")
                ? lr_arena_printf(lr_store_arena(in->store), "%s %s", lib_name, lib_version)
                : lr_store_strdup(in->store, lib_name);
    src->model_args = pairs_text(in->store, get(info, "additional_details"));
    const char *type = lr_json_string(meta, "source_type");
    const char *org = lr_json_string(meta, "source_organization_name");
    const char *rel = lr_json_string(meta, "evaluator_relationship");
    const char *id = lr_json_string(rec, "evaluation_id");
    /* the model as 0.3.0 describes it: open or closed weights, deployed by whom */
    const cJSON *extra = get(info, "additional_details");
    const char *avail = lr_json_string(extra, "model_availability");
    const char *deploy = lr_json_string(extra, "deployment_type");
    char model_note[160] = "";
    if (avail && strcmp(avail, "unknown"))
        snprintf(model_note, sizeof model_note, "; model: %s", avail);
    if (deploy && strcmp(deploy, "unknown")) {
        size_t mn = strlen(model_note);
        snprintf(model_note + mn, sizeof model_note - mn, "%s%s", mn ? ", " : "; model: ", deploy);
    }
    src->note = lr_arena_printf(
        lr_store_arena(in->store), "%s%s%s%s%s%s%s%s%s",
        type && !strcmp(type, "documentation")    ? "from documentation"
        : type && !strcmp(type, "evaluation_run") ? "from an evaluation run"
                                                  : "source type not stated",
        org ? " by " : "", org ? org : "", rel ? " (" : "", rel ? rel : "",
        rel ? " evaluator)" : "", id ? "; evaluation " : "", id ? id : "", model_note);

    const cJSON *r;
    int i = 0;
    lr_json_for_items(r, results) read_result(in, r, prefix, i++, model, src);
    return LR_OK;
}

static lr_status read_eee(const lr_input *in)
{
    if (!cJSON_IsArray(in->json))
        return read_record(in, in->json, "");
    /* a list: check every record first, so that a bad one costs the file, not half of it */
    const cJSON *rec;
    int k = 0;
    lr_json_for_items(rec, in->json)
    {
        if (!is_record(rec)) {
            char p[32];
            snprintf(p, sizeof p, "/%d", k);
            lr_error_set(in->err, LR_EFORMAT, in->path,
                         "not an Every Eval Ever record: \"evaluation_results\" must be a list");
            lr_error_pointer(in->err, p);
            return LR_EFORMAT;
        }
        k++;
    }
    k = 0;
    lr_json_for_items(rec, in->json)
    {
        char p[32];
        snprintf(p, sizeof p, "/%d", k++);
        lr_status st = read_record(in, rec, p);
        if (st)
            return st;
    }
    return LR_OK;
}

const lr_adapter lr_adapter_eee = {
    "eee",
    "Every Eval Ever records (schema_version, evaluation_results)",
    sniff,
    read_eee,
};

/* Inspect AI evaluation logs in JSON (`inspect eval --log-format json`, `inspect log dump`):
 * eval.task and eval.model name the benchmark and model, results.scores is a list of scorers each
 * with a dict of metrics ("accuracy", "mean", ... and "stderr" for them). The scorer is the
 * variant (the grading); the plan's system message (by sha256, as lm-eval hashes its system
 * instruction) and chain-of-thought solver and the generate config's temperature and top_p are
 * the method; epochs are samples per problem; eval.config.limit below the dataset's size, or a
 * run that did not finish, is a limited run. The `.eval` zip logs are refused in ingest.c with
 * the command that converts them. */
#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "core/sha256.h"
#include "core/json.h"
#include "ingest/ingest.h"

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
    const cJSON *eval = get(in->json, "eval");
    if (!cJSON_IsObject(eval) || !cJSON_IsString(get(eval, "task")) ||
        !cJSON_IsString(get(eval, "model")))
        return 0;
    const cJSON *results = get(in->json, "results");
    if (cJSON_IsArray(get(results, "scores")))
        return 95;
    return cJSON_IsNumber(get(in->json, "version")) && get(in->json, "plan") ? 80 : 0;
}

/* ---- the setting ---------------------------------------------------------------------------- */

/* Prompting tokens from the plan's solvers: "sys=<sha8>" for a system message, "cot" for
 * chain_of_thought; joined by '+'. The other solvers (generate, prompt_template, ...) are the
 * task's own and are named in the note. */
static void plan_tokens(const cJSON *plan, char *buf, size_t size, char *solvers, size_t ssize)
{
    size_t n = 0, sn = 0;
    buf[0] = solvers[0] = '\0';
    const cJSON *steps = get(plan, "steps");
    if (!cJSON_IsArray(steps))
        return;
    const cJSON *step;
    lr_json_for_items(step, steps)
    {
        const char *solver = lr_json_string(step, "solver");
        if (!solver)
            continue;
        if (sn < ssize)
            sn += (size_t)snprintf(solvers + sn, ssize - sn, "%s%s", sn ? ", " : "", solver);
        char token[32] = "";
        if (!strcmp(solver, "system_message")) {
            const char *template = lr_json_string(get(step, "params"), "template");
            char hex[9];
            if (template) {
                lr_sha256_hex8(template, hex);
                snprintf(token, sizeof token, "sys=%s", hex);
            } else {
                snprintf(token, sizeof token, "sys");
            }
        } else if (!strcmp(solver, "chain_of_thought")) {
            snprintf(token, sizeof token, "cot");
        }
        if (token[0] && n < size)
            n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? "+" : "", token);
    }
}

/* Decoding tokens: temperature and top_p of the generate config (the plan's, else the model's);
 * temperature 0 is greedy. */
static void decoding_tokens(const cJSON *log, char *buf, size_t size)
{
    const cJSON *plan_config = get(get(log, "plan"), "config");
    const cJSON *model_config = get(get(log, "eval"), "model_generate_config");
    double t, p;
    size_t n = 0;
    buf[0] = '\0';
    if (number(plan_config, "temperature", &t) || number(model_config, "temperature", &t)) {
        if (t == 0) {
            snprintf(buf, size, "greedy");
            return;
        }
        n += (size_t)snprintf(buf, size, "T=%g", t);
    }
    if ((number(plan_config, "top_p", &p) || number(model_config, "top_p", &p)) && n < size)
        snprintf(buf + n, size - n, "%stop_p=%g", n ? "," : "", p);
}

/* "2025-05-12T20:28:13-04:00" as UTC ("2025-05-13T00:28:13Z"); as written when it is not of
 * that form. */
static const char *created_utc(lr_store *store, const char *created)
{
    int y, mo, d, h, mi, s, oh = 0, om = 0;
    char sign = 0;
    if (!created)
        return NULL;
    if (strlen(created) < 20)
        return lr_store_strdup(store, created);
    const char *zone = created + 19 + strspn(created + 19, ".0123456789"); /* after the seconds */
    if (sscanf(created, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6 || mo < 1 ||
        mo > 12 || (*zone != 'Z' && sscanf(zone, "%c%2d:%2d", &sign, &oh, &om) != 3) ||
        (sign && sign != '+' && sign != '-'))
        return lr_store_strdup(store, created);
    /* days from the civil date (proleptic Gregorian), then seconds */
    int yy = mo <= 2 ? y - 1 : y;
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    double epoch = (double)(era * 146097 + doe - 719468) * 86400.0 + h * 3600 + mi * 60 + s;
    epoch -= (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    const char *utc = lr_ingest_iso_utc(store, epoch);
    return utc ? utc : lr_store_strdup(store, created);
}

/* Metrics that are the spread of a score, not a score. */
static int is_spread(const char *metric)
{
    static const char *const names[] = {"stderr", "std", "var", "bootstrap_stderr",
                                        "bootstrap_std"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(metric, names[i]))
            return 1;
    return 0;
}

/* "openai/gpt-4o-mini" stays as it is; "inspect_evals/gpqa_diamond" is task gpqa_diamond. */
static const char *task_name(const char *task)
{
    const char *slash = strrchr(task, '/');
    return slash && slash[1] ? slash + 1 : task;
}

static lr_status read_inspect(const lr_input *in)
{
    const cJSON *eval = get(in->json, "eval");
    const char *task = lr_json_string(eval, "task");
    const char *model = lr_json_string(eval, "model");
    if (!task || !task[0]) {
        lr_error_set(in->err, LR_EFORMAT, in->path,
                     "not an Inspect AI log: \"eval.task\" (the task) must be a string");
        lr_error_pointer(in->err, "/eval/task");
        return LR_EFORMAT;
    }
    if (!model || !model[0]) {
        lr_error_set(in->err, LR_ETYPE, in->path, "\"eval.model\" (the model) must be a string");
        lr_error_pointer(in->err, "/eval/model");
        return LR_ETYPE;
    }
    const char *status = lr_json_string(in->json, "status");
    const cJSON *results = get(in->json, "results");
    const cJSON *scores = get(results, "scores");
    if (!cJSON_IsArray(scores)) {
        lr_error_set(in->err, LR_EFORMAT, in->path,
                     "the log has no scores (\"results.scores\"; status \"%s\")",
                     status ? status : "not stated");
        lr_error_pointer(in->err, "/results/scores");
        return LR_EFORMAT;
    }

    const cJSON *config = get(eval, "config");
    double samples = -1, limit = -1, epochs = 1, completed = -1;
    number(get(eval, "dataset"), "samples", &samples);
    number(config, "epochs", &epochs);
    number(results, "completed_samples", &completed);
    const cJSON *lim = get(config, "limit");
    if (cJSON_IsArray(lim) && cJSON_GetArraySize(lim) == 2) {
        double a, b; /* [start, end] */
        if (lr_json_number(cJSON_GetArrayItem(lim, 0), &a) == LR_NUM_OK &&
            lr_json_number(cJSON_GetArrayItem(lim, 1), &b) == LR_NUM_OK)
            limit = b - a;
    } else {
        number(config, "limit", &limit);
    }
    const cJSON *ids = get(config, "sample_id");
    int limited = (limit >= 0 && (samples < 0 || limit < samples)) || (ids && !cJSON_IsNull(ids));
    int unfinished = status && strcmp(status, "success");
    if (unfinished)
        limited = 1;
    double shots = -1;
    const cJSON *task_args = get(eval, "task_args");
    if (!number(task_args, "fewshot", &shots))
        number(task_args, "num_fewshot", &shots);

    char prompting[160], solvers[512], decoding[96], method[320];
    plan_tokens(get(in->json, "plan"), prompting, sizeof prompting, solvers, sizeof solvers);
    decoding_tokens(in->json, decoding, sizeof decoding);
    if (epochs > 1) {
        size_t n = strlen(decoding);
        snprintf(decoding + n, sizeof decoding - n, "%sn=%g", n ? "," : "", epochs);
    }
    snprintf(method, sizeof method, "%s%s%s", prompting, prompting[0] && decoding[0] ? "," : "",
             decoding);

    lr_source *src = lr_store_source_new(in->store, "inspect", in->path);
    if (!src)
        return lr_error_set(in->err, LR_ENOMEM, in->path, "out of memory");
    const char *version = lr_json_string(get(eval, "packages"), "inspect_ai");
    char harness[160];
    snprintf(harness, sizeof harness, "Inspect AI%s%s", version ? " " : "", version ? version : "");
    src->harness = lr_store_strdup(in->store, harness);
    src->date = created_utc(in->store, lr_json_string(eval, "created"));
    char note[1024];
    size_t nn = 0;
    note[0] = '\0';
    if (unfinished)
        nn += (size_t)snprintf(note, sizeof note, "run %s: scores over the samples completed",
                               status);
    if (limit >= 0 && nn < sizeof note)
        nn += (size_t)snprintf(note + nn, sizeof note - nn, "%slimit %g of %g samples",
                               nn ? "; " : "", limit, samples);
    if (solvers[0] && nn < sizeof note)
        nn +=
            (size_t)snprintf(note + nn, sizeof note - nn, "%ssolvers: %s", nn ? "; " : "", solvers);
    if (!decoding[0] && nn < sizeof note)
        snprintf(note + nn, sizeof note - nn, "%sdecoding: the provider's defaults",
                 nn ? "; " : "");
    if (note[0])
        src->note = lr_store_strdup(in->store, note);

    int index = -1;
    const cJSON *score;
    lr_json_for_items(score, scores)
    {
        index++;
        char base[64] = "/results/scores";
        lr_json_pointer_push_index(base, sizeof base, index);
        const char *scorer = lr_json_string(score, "name");
        const cJSON *metrics = get(score, "metrics");
        if (!cJSON_IsObject(metrics)) {
            lr_ingest_warn(in, base, "scorer without a \"metrics\" object; skipped");
            continue;
        }
        /* the spread of the scorer's values, for each of its scores */
        double se = -1;
        const cJSON *m;
        lr_json_for_members(m, metrics)
        {
            if (m->string && !strcmp(m->string, "stderr"))
                number(m, "value", &se);
        }
        const char *reducer = lr_json_string(score, "reducer");
        lr_json_for_members(m, metrics)
        {
            if (!m->string || is_spread(m->string))
                continue;
            char ptr[512];
            snprintf(ptr, sizeof ptr, "%s/metrics", base);
            lr_json_pointer_push(ptr, sizeof ptr, m->string);
            lr_json_pointer_push(ptr, sizeof ptr, "value");
            lr_obs_in o;
            lr_obs_in_init(&o);
            lr_num_kind k = lr_json_number(get(m, "value"), &o.value);
            if (k == LR_NUM_NONFINITE) {
                lr_ingest_warn(in, ptr, "value is not finite; no value recorded");
                continue;
            }
            if (k != LR_NUM_OK) {
                if (k == LR_NUM_NOT_NUMBER)
                    lr_ingest_warn(in, ptr, "value must be a number; skipped");
                continue;
            }
            o.has_value = 1;
            o.model = model;
            o.benchmark = task_name(task);
            o.metric = m->string;
            o.shots = shots >= 0 ? (int)shots : LR_SHOTS_UNKNOWN;
            o.method = method[0] ? method : NULL;
            char variant[160];
            snprintf(variant, sizeof variant, "%s%s%s", scorer ? scorer : "",
                     reducer && scorer ? ", " : "", reducer ? reducer : "");
            o.variant = variant[0] ? variant : NULL;
            /* accuracy is a proportion; a mean is on the scorer's own scale */
            o.scale = !strcmp(m->string, "accuracy") ? LR_SCALE_FRACTION : LR_SCALE_RAW;
            if (se >= 0) {
                o.stderr_ = se;
                o.has_stderr = 1;
            }
            o.n = completed >= 0 ? (long)completed : -1;
            if (limited)
                o.flags |= LR_OBS_LIMITED;
            o.locator = ptr;
            o.source = src;
            lr_store_add(in->store, &o);
        }
    }
    return LR_OK;
}

const lr_adapter lr_adapter_inspect = {
    "inspect",
    "Inspect AI evaluation logs in JSON (\"eval\", \"plan\", \"results.scores\")",
    sniff,
    read_inspect,
};

/* lm-evaluation-harness v0.4+ results files (and the 2023 big-refactor pre-releases, whose keys
 * are already "metric,filter"). Each "metric,filter" key of results[task] is one observation;
 * group_subtasks tells groups (aggregates) from leaves (members), n-shot/configs give the shots,
 * n-samples the sample count and --limit, higher_is_better the direction. See FORMATS.md §1.2. */
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/error.h"
#include "core/json.h"
#include "core/sha256.h"
#include "ingest/ingest.h"
#include "model/aggregate.h"

/* Group trees are walked recursively; a malformed group_subtasks (cycles, or a DAG that fans out
 * at every level) must not make that walk deep or exponential. */
enum { MAX_DEPTH = 16, WALK_BUDGET = 10000 };

static const cJSON *get(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* Keys of results[task] that are not metrics. */
static int is_metadata_key(const char *key)
{
    static const char *const names[] = {"alias", "samples", "sample_len", "sample_count", "name"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(key, names[i]))
            return 1;
    for (const char *p = key; *p; p++)
        if (*p != ' ')
            return 0;
    return 1; /* the placeholder " " of empty group rows */
}

static int sniff(const lr_input *in)
{
    const cJSON *results = get(in->json, "results");
    if (!cJSON_IsObject(in->json) || !cJSON_IsObject(results) || get(in->json, "config_general"))
        return 0;
    int comma_keys = 0;
    const cJSON *task, *item;
    lr_json_for_members(task, results)
    {
        if (strchr(task->string, '|'))
            return 0; /* Open LLM Leaderboard / lighteval */
        lr_json_for_members(item, task)
        {
            if (strchr(item->string, ','))
                comma_keys = 1;
        }
    }
    int v04_keys = get(in->json, "n-shot") || get(in->json, "group_subtasks") ||
                   get(in->json, "configs") || get(in->json, "lm_eval_version") ||
                   get(in->json, "higher_is_better");
    if (comma_keys)
        return v04_keys ? 98 : 90;
    return v04_keys ? 60 : 0;
}

/* model_args as one "k=v,k=v" string: as written, or built from a JSON object. */
static const char *model_args_text(lr_store *store, const cJSON *args)
{
    if (cJSON_IsString(args))
        return args->valuestring[0] ? lr_store_strdup(store, args->valuestring) : NULL;
    if (!cJSON_IsObject(args))
        return NULL;
    char buf[1024];
    size_t n = 0;
    buf[0] = '\0';
    const cJSON *a;
    lr_json_for_members(a, args)
    {
        char val[256];
        if (cJSON_IsString(a))
            snprintf(val, sizeof val, "%s", a->valuestring);
        else if (cJSON_IsBool(a))
            snprintf(val, sizeof val, "%s", cJSON_IsTrue(a) ? "True" : "False");
        else if (cJSON_IsNumber(a)) {
            /* the shortest text that reads back as the same number: 0.6, not 0.59999999999999998 */
            snprintf(val, sizeof val, "%.15g", a->valuedouble);
            if (strtod(val, NULL) != a->valuedouble)
                snprintf(val, sizeof val, "%.17g", a->valuedouble);
        } else if (cJSON_IsNull(a))
            snprintf(val, sizeof val, "None");
        else
            continue;
        if (n < sizeof buf)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s=%s", n ? "," : "", a->string, val);
    }
    return n ? lr_store_strdup(store, buf) : NULL;
}

/* Generation arguments as a harness states them: unknown fields are NAN / -1. */
typedef struct gen_args {
    int do_sample; /* 1, 0, or -1 when not stated */
    double temperature, top_p, max_gen_toks;
} gen_args;

typedef struct reader {
    const lr_input *in;
    const cJSON *results, *groups, *group_subtasks, *configs, *versions, *n_shot, *hib, *n_samples,
        *config, *task_hashes;
    gen_args user;      /* config.gen_kwargs: what the run overrode for every generative task */
    char prompting[64]; /* "chat", "chat+sys=1a2b3c4d": the file's prompt formatting */
    int multiturn;      /* fewshot_as_multiturn: few-shot examples as chat turns */
    int limit_set;      /* config.limit is not null */
    const lr_source *source;
    const char *model;
    long budget;                 /* group-tree visits left for this task */
    const char *path[MAX_DEPTH]; /* the groups above the task being walked */
} reader;

/* Is task one of the groups above it (a cycle in group_subtasks)? */
static int on_path(const reader *r, const char *task, int depth)
{
    for (int i = 0; i < depth; i++)
        if (!strcmp(r->path[i], task))
            return 1;
    return 0;
}

/* The children of a group from group_subtasks; NULL for leaves and unknown names. */
static const cJSON *children_of(const reader *r, const char *task)
{
    const cJSON *c = get(r->group_subtasks, task);
    return cJSON_IsArray(c) && cJSON_GetArraySize(c) > 0 ? c : NULL;
}

static int is_group(const reader *r, const char *task)
{
    return children_of(r, task) || cJSON_IsObject(get(r->groups, task));
}

/* The group a task belongs to: from group_subtasks, else (v0.4.0/0.4.1, no group_subtasks)
 * from configs[task].group when that names a group of the file. */
static const char *parent_of(const reader *r, const char *task)
{
    const cJSON *g, *c;
    lr_json_for_members(g, r->group_subtasks)
    {
        if (!strcmp(g->string, task))
            continue; /* a group listing itself is not its own parent */
        lr_json_for_items(c, g)
        {
            if (cJSON_IsString(c) && !strcmp(c->valuestring, task))
                return g->string;
        }
    }
    if (r->group_subtasks)
        return NULL;
    const cJSON *group = get(get(r->configs, task), "group");
    if (cJSON_IsString(group) && is_group(r, group->valuestring))
        return group->valuestring;
    lr_json_for_items(c, group)
    {
        if (cJSON_IsString(c) && is_group(r, c->valuestring))
            return c->valuestring;
    }
    return NULL;
}

static int whole_number(const cJSON *v, int *out)
{
    if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 1e6 ||
        v->valuedouble != (double)(int)v->valuedouble)
        return 0;
    *out = (int)v->valuedouble;
    return 1;
}

/* Shots of a task: n-shot, else configs[task].num_fewshot, else config.num_fewshot, else a
 * top-level num_fewshot. A group
 * whose children agree has their shots; one whose children differ is "mixed", unless a child's
 * are not stated. */
static int task_shots(reader *r, const char *task, int depth)
{
    if (--r->budget < 0 || on_path(r, task, depth))
        return LR_SHOTS_UNKNOWN;
    const cJSON *children = children_of(r, task);
    if (children && depth < MAX_DEPTH) {
        r->path[depth] = task;
        int shots = LR_SHOTS_UNKNOWN, first = 1;
        const cJSON *c;
        lr_json_for_items(c, children)
        {
            int s = cJSON_IsString(c) ? task_shots(r, c->valuestring, depth + 1) : LR_SHOTS_UNKNOWN;
            if (s == LR_SHOTS_UNKNOWN)
                return LR_SHOTS_UNKNOWN;
            if (first)
                shots = s;
            else if (s != shots)
                shots = LR_SHOTS_MIXED;
            first = 0;
        }
        return shots;
    }
    int shots;
    if (whole_number(get(r->n_shot, task), &shots) ||
        whole_number(get(get(r->configs, task), "num_fewshot"), &shots) ||
        whole_number(get(r->config, "num_fewshot"), &shots) ||
        whole_number(get(r->in->json, "num_fewshot"),
                     &shots)) /* a script's {model, tasks, num_fewshot, results} */
        return shots;
    return LR_SHOTS_UNKNOWN;
}

/* Sample count (-1 unknown) and whether --limit cut the task short. Groups add up their
 * children. Without n-samples, a config.limit means a limited run of unknown size. */
static long task_n(reader *r, const char *task, int depth, int *limited)
{
    if (--r->budget < 0 || on_path(r, task, depth))
        return -1;
    const cJSON *children = children_of(r, task);
    if (children && depth < MAX_DEPTH) {
        r->path[depth] = task;
        long total = 0;
        const cJSON *c;
        lr_json_for_items(c, children)
        {
            long n = cJSON_IsString(c) ? task_n(r, c->valuestring, depth + 1, limited) : -1;
            total = (n < 0 || total < 0) ? -1 : total + n;
        }
        return total;
    }
    const cJSON *ns = get(r->n_samples, task);
    double eff, orig;
    if (lr_json_number(get(ns, "effective"), &eff) == LR_NUM_OK && eff >= 0 && eff < 1e12) {
        if (lr_json_number(get(ns, "original"), &orig) == LR_NUM_OK && eff < orig)
            *limited = 1;
        return (long)eff;
    }
    if (r->limit_set)
        *limited = 1;
    return -1;
}

/* Reads one generation argument ("temperature", 0.6 or "0.6", true or "True"). */
static void gen_arg(gen_args *g, const char *key, const char *text, const cJSON *v)
{
    double d = NAN;
    int b = -1;
    if (v && cJSON_IsBool(v))
        b = cJSON_IsTrue(v);
    else if (v && cJSON_IsNumber(v))
        d = v->valuedouble;
    else if (text) {
        char *end;
        d = strtod(text, &end);
        if (end == text || (*end && *end != ','))
            d = NAN;
        if (!strncmp(text, "True", 4) || !strncmp(text, "true", 4))
            b = 1;
        else if (!strncmp(text, "False", 5) || !strncmp(text, "false", 5))
            b = 0;
    }
    if (!strcmp(key, "do_sample"))
        g->do_sample = b;
    else if (!isfinite(d))
        return;
    else if (!strcmp(key, "temperature"))
        g->temperature = d;
    else if (!strcmp(key, "top_p"))
        g->top_p = d;
    else if (!strcmp(key, "max_gen_toks") || !strcmp(key, "max_new_tokens") ||
             !strcmp(key, "max_tokens"))
        g->max_gen_toks = d;
}

/* Generation arguments from an object, or from the "k=v,k=v" string of --gen_kwargs. */
static gen_args gen_args_of(const cJSON *v)
{
    gen_args g = {-1, NAN, NAN, NAN};
    if (cJSON_IsObject(v)) {
        const cJSON *a;
        lr_json_for_members(a, v) gen_arg(&g, a->string, NULL, a);
    } else if (cJSON_IsString(v)) {
        for (const char *p = v->valuestring; *p;) {
            while (*p == ' ' || *p == ',')
                p++;
            const char *eq = strchr(p, '=');
            size_t len = strcspn(p, ",");
            if (!eq || (size_t)(eq - p) >= len) {
                p += len;
                continue;
            }
            char key[32];
            snprintf(key, sizeof key, "%.*s", (int)(eq - p < 31 ? eq - p : 31), p);
            gen_arg(&g, key, eq + 1, NULL);
            p += len;
        }
    }
    return g;
}

/* The decoding of one generative task: its configs[task].generation_kwargs (which the harness
 * has already merged with --gen_kwargs), under what config.gen_kwargs states. Greedy decoding is
 * the harness default and adds no token; sampling is "T=0.6,top_p=0.95"; a generation length
 * the run overrode is "max_gen_toks=N"; repeats > 1 are the samples drawn, "n=N" (detail). */
static void leaf_decoding(const reader *r, const char *task, char *buf, size_t size)
{
    buf[0] = '\0';
    const cJSON *cfg = get(r->configs, task);
    const char *type = lr_json_string(cfg, "output_type");
    size_t n = 0;
    double repeats;
    if (type && !strcmp(type, "generate_until")) {
        gen_args g = gen_args_of(get(cfg, "generation_kwargs"));
        const gen_args *u = &r->user;
        if (u->do_sample >= 0)
            g.do_sample = u->do_sample;
        if (isfinite(u->temperature))
            g.temperature = u->temperature;
        if (isfinite(u->top_p))
            g.top_p = u->top_p;
        int sampled = g.do_sample == 1
                          ? !(isfinite(g.temperature) && g.temperature == 0)
                          : g.do_sample < 0 && isfinite(g.temperature) && g.temperature > 0;
        if (sampled) {
            /* do_sample without a temperature samples at the library's default, 1 */
            n += (size_t)snprintf(buf + n, size - n, "T=%g",
                                  isfinite(g.temperature) ? g.temperature : 1.0);
            if (isfinite(g.top_p))
                n += (size_t)snprintf(buf + n, size - n, ",top_p=%g", g.top_p);
        }
        if (isfinite(u->max_gen_toks) && n < size)
            n += (size_t)snprintf(buf + n, size - n, "%smax_gen_toks=%g", n ? "," : "",
                                  u->max_gen_toks);
    }
    if (lr_json_number(get(cfg, "repeats"), &repeats) == LR_NUM_OK && repeats > 1 &&
        repeats < 1e6 && n < size)
        snprintf(buf + n, size - n, "%sn=%g", n ? "," : "", repeats);
}

/* The decoding of a task or group: a group's members must agree, else it is "decoding per
 * member" (a token that matches nothing else). */
static void task_decoding(reader *r, const char *task, int depth, char *buf, size_t size)
{
    buf[0] = '\0';
    if (--r->budget < 0 || on_path(r, task, depth))
        return;
    const cJSON *children = children_of(r, task);
    if (!children || depth >= MAX_DEPTH) {
        leaf_decoding(r, task, buf, size);
        return;
    }
    r->path[depth] = task;
    int first = 1;
    const cJSON *c;
    lr_json_for_items(c, children)
    {
        if (!cJSON_IsString(c))
            continue;
        char child[128];
        task_decoding(r, c->valuestring, depth + 1, child, sizeof child);
        if (first)
            snprintf(buf, size, "%s", child);
        else if (strcmp(buf, child)) {
            snprintf(buf, size, "decoding per member");
            return;
        }
        first = 0;
    }
}

/* The method of a task: the file's prompt formatting (chat template, multi-turn few-shot when
 * there are shots, system prompt), then the task's decoding. */
static void task_method(reader *r, const char *task, int shots, char *buf, size_t size)
{
    char decoding[128];
    r->budget = WALK_BUDGET;
    task_decoding(r, task, 0, decoding, sizeof decoding);
    size_t n = (size_t)snprintf(buf, size, "%s", r->prompting);
    if (r->multiturn && shots != 0 && n < size)
        n += (size_t)snprintf(buf + n, size - n, "%smultiturn", n ? "+" : "");
    if (decoding[0] && n < size)
        snprintf(buf + n, size - n, "%s%s", n ? "," : "", decoding);
}

static const char *version_note(lr_store *store, const cJSON *v)
{
    if (cJSON_IsNumber(v))
        return lr_arena_printf(lr_store_arena(store), "task version %g", v->valuedouble);
    if (cJSON_IsString(v) && v->valuestring[0] && strcmp(v->valuestring, "N/A"))
        return lr_arena_printf(lr_store_arena(store), "task version %s", v->valuestring);
    return NULL;
}

/* The benchmark id a group stands for: its registry id, or its name as written. */
static const char *benchmark_id(const reader *r, const char *name)
{
    const lr_benchmark_def *b = lr_store_benchmark(r->in->store, name);
    return b ? b->id : name;
}

/* Has the task's row no value (the placeholder {" ": " "} of groups without an aggregate)? */
static int row_is_empty(const reader *r, const char *task)
{
    const cJSON *row = get(r->results, task);
    if (!row)
        row = get(r->groups, task);
    const cJSON *item;
    lr_json_for_members(item, row)
    {
        double v;
        if (!is_metadata_key(item->string) && lr_json_number(item, &v) != LR_NUM_NOT_NUMBER)
            return 0;
    }
    return 1;
}

/* A suite: a group without a value of its own whose members are groups ("leaderboard" over
 * BBH, GPQA, ...). Its members are benchmarks in their own right, not parts of one number. */
static int is_suite(const reader *r, const char *group)
{
    const cJSON *children = children_of(r, group);
    if (!children || !row_is_empty(r, group))
        return 0;
    const cJSON *c;
    lr_json_for_items(c, children)
    {
        if (cJSON_IsString(c) && strcmp(c->valuestring, group) && is_group(r, c->valuestring))
            return 1;
    }
    return 0;
}

/* Groups whose row is empty and whose members are tasks (leaderboard_bbh over its 24 subtasks
 * in lm-eval 0.4.3-0.4.7): the model computes their plain mean, saying so. */
static lr_status add_group_means(reader *r, size_t first)
{
    const cJSON *g;
    lr_json_for_members(g, r->group_subtasks)
    {
        const cJSON *children = children_of(r, g->string);
        if (!children || !row_is_empty(r, g->string) || is_suite(r, g->string))
            continue;
        const char *members[512];
        size_t n = 0;
        const cJSON *c;
        lr_json_for_items(c, children)
        {
            if (cJSON_IsString(c) && strcmp(c->valuestring, g->string) && n < 512)
                members[n++] = benchmark_id(r, c->valuestring);
        }
        char rule[128], locator[256] = "";
        snprintf(rule, sizeof rule,
                 "mean of %zu subtasks (computed by llmreport: the file gives the group no value)",
                 n);
        lr_json_pointer_push(locator, sizeof locator,
                             get(r->results, g->string) ? "results" : "group_subtasks");
        lr_json_pointer_push(locator, sizeof locator, g->string);
        lr_mean_spec spec = {
            benchmark_id(r, g->string), g->string, members, n, "subtasks", NULL, rule, locator, 0};
        if (lr_aggregate_file(r->in->store, first, &spec))
            return LR_ENOMEM;
    }
    return LR_OK;
}

/* The value of key ("acc,none") in a task's row, from results or groups. */
static int row_value(const reader *r, const char *task, const char *key, double *out)
{
    const cJSON *row = get(r->results, task);
    if (!row)
        row = get(r->groups, task);
    return lr_json_number(get(row, key), out) == LR_NUM_OK;
}

/* The rule by which a group's value for key was computed, recomputed from its members in the
 * file: the sample-size-weighted mean, the plain mean (task YAMLs set weight_by_size either way),
 * both when they agree, else "rule not stated". */
static void group_rule(reader *r, const char *group, const char *key, double value, char *buf,
                       size_t size)
{
    const cJSON *children = children_of(r, group);
    double sum = 0, wsum = 0, wtotal = 0;
    int k = 0, sized = 1;
    const cJSON *c;
    const char *names[512];
    int n_names = 0;
    if (children) {
        lr_json_for_items(c, children)
        {
            if (cJSON_IsString(c) && n_names < 512)
                names[n_names++] = c->valuestring;
        }
    } else {
        /* v0.4.0/0.4.1: members name their group in configs */
        lr_json_for_members(c, r->results)
        {
            const char *p = parent_of(r, c->string);
            if (p && !strcmp(p, group) && n_names < 512)
                names[n_names++] = c->string;
        }
    }
    for (int i = 0; i < n_names; i++) {
        double v;
        if (!strcmp(names[i], group) || !row_value(r, names[i], key, &v))
            continue;
        int limited = 0;
        r->budget = WALK_BUDGET;
        long n = task_n(r, names[i], 0, &limited);
        sum += v;
        k++;
        if (n > 0) {
            wsum += v * (double)n;
            wtotal += (double)n;
        } else {
            sized = 0;
        }
    }
    double tol = 1e-9 * (fabs(value) > 1 ? fabs(value) : 1);
    int plain = k > 0 && fabs(sum / k - value) <= tol;
    int weighted = k > 0 && sized && wtotal > 0 && fabs(wsum / wtotal - value) <= tol;
    if (k == 1 && plain)
        snprintf(buf, size, "the value of its one subtask with this metric");
    else if (plain && weighted)
        snprintf(buf, size, "mean of %d subtasks (sample-size-weighted and plain agree)", k);
    else if (weighted)
        snprintf(buf, size, "sample-size-weighted mean of %d subtasks", k);
    else if (plain)
        snprintf(buf, size, "mean of %d subtasks", k);
    else
        snprintf(buf, size, "rule not stated");
}

static void read_task(reader *r, const cJSON *entry, const char *section)
{
    const lr_input *in = r->in;
    const char *task = entry->string;
    char base[256] = "";
    lr_json_pointer_push(base, sizeof base, section);
    lr_json_pointer_push(base, sizeof base, task);
    if (!cJSON_IsObject(entry)) {
        lr_ingest_warn(in, base, "task entry must be an object; skipped");
        return;
    }
    int group = is_group(r, task);
    const char *parent = parent_of(r, task);
    if (parent && is_suite(r, parent))
        parent = NULL; /* a benchmark of a suite (BBH of "leaderboard") is a headline of its own */
    int limited = 0;
    r->budget = WALK_BUDGET;
    long n = task_n(r, task, 0, &limited);
    r->budget = WALK_BUDGET;
    int shots = task_shots(r, task, 0);
    char method[192];
    task_method(r, task, shots, method, sizeof method);
    const char *task_hash = lr_json_string(r->task_hashes, task);
    const char *note = version_note(in->store, get(r->versions, task));
    const cJSON *item;
    lr_json_for_members(item, entry)
    {
        const char *key = item->string;
        if (is_metadata_key(key))
            continue;
        char metric[128], filter[128] = "";
        const char *comma = strchr(key, ',');
        size_t mlen = comma ? (size_t)(comma - key) : strlen(key);
        if (mlen >= sizeof metric)
            mlen = sizeof metric - 1;
        memcpy(metric, key, mlen);
        metric[mlen] = '\0';
        if (comma)
            snprintf(filter, sizeof filter, "%s", comma + 1);
        if (mlen >= 7 && !strcmp(metric + mlen - 7, "_stderr"))
            continue; /* read with its metric */
        char ptr[512];
        snprintf(ptr, sizeof ptr, "%s", base);
        lr_json_pointer_push(ptr, sizeof ptr, key);

        lr_obs_in o;
        lr_obs_in_init(&o);
        lr_num_kind k = lr_json_number(item, &o.value);
        if (k == LR_NUM_NONFINITE) {
            lr_ingest_warn(in, ptr, "value is %s; no value recorded", lr_json_nonfinite_name(item));
        } else if (k == LR_NUM_NA) {
            lr_ingest_note(in, ptr, "value is not available; no value recorded");
        } else if (k == LR_NUM_NOT_NUMBER) {
            if (comma || cJSON_IsString(item) || cJSON_IsBool(item))
                lr_ingest_warn(in, ptr, "value must be a number; skipped");
        }
        char se_key[300];
        snprintf(se_key, sizeof se_key, "%s_stderr%s%s", metric, comma ? "," : "", filter);
        o.has_stderr = lr_ingest_stderr(in, entry, base, se_key, k == LR_NUM_OK, &o.stderr_);
        if (k != LR_NUM_OK)
            continue;

        o.has_value = 1;
        o.model = r->model;
        o.benchmark = task;
        o.metric = metric;
        o.filter = comma ? filter : NULL;
        o.shots = shots;
        o.method = method[0] ? method : NULL;
        o.task_hash = task_hash;
        o.n = n;
        o.note = note;
        o.locator = ptr;
        o.source = r->source;
        const cJSON *hib = get(get(r->hib, task), metric);
        if (cJSON_IsBool(hib))
            o.higher_is_better = cJSON_IsTrue(hib);
        if (limited)
            o.flags |= LR_OBS_LIMITED;
        char rule[96];
        if (group) {
            o.flags |= LR_OBS_AGGREGATE;
            group_rule(r, task, key, o.value, rule, sizeof rule);
            o.rule = rule;
        }
        /* a leaf that is the benchmark its group stands for (TruthfulQA's mc2 task under the
         * truthfulqa group) is not a member of itself */
        if (parent && strcmp(benchmark_id(r, parent), benchmark_id(r, task))) {
            o.flags |= LR_OBS_MEMBER;
            o.parent = benchmark_id(r, parent);
        }
        lr_store_add(in->store, &o);
    }
}

static lr_status read_lmeval(const lr_input *in)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.in = in;
    r.results = get(in->json, "results");
    if (!cJSON_IsObject(in->json) || !cJSON_IsObject(r.results)) {
        lr_error_set(in->err, LR_EFORMAT, in->path,
                     "not an lm-evaluation-harness results file: \"results\" must be an object "
                     "of tasks");
        lr_error_pointer(in->err, "/results");
        return LR_EFORMAT;
    }
    r.config = get(in->json, "config");
    if (r.config && !cJSON_IsObject(r.config)) {
        lr_error_set(in->err, LR_ETYPE, in->path, "\"config\" must be an object");
        lr_error_pointer(in->err, "/config");
        return LR_ETYPE;
    }
    /* the model: model_name, the model_args' pretrained=/model=, a top-level "model"; else the
     * backend (config.model: a wrapper class such as AzureOpenAIWrapper) or the file name, with
     * a warning */
    const char *name = lr_json_string(in->json, "model_name");
    const cJSON *args = get(r.config, "model_args");
    r.model = name && name[0] ? lr_ingest_model_name(in->store, name)
                              : lr_ingest_model_from_args(in->store, args);
    if (!r.model && (name = lr_json_string(in->json, "model")) && name[0])
        r.model = lr_ingest_model_name(in->store, name);
    if (!r.model) {
        const char *backend = lr_json_string(r.config, "model");
        const char *why = !r.config ? "no config"
                          : args && !cJSON_IsNull(args)
                              ? "no pretrained= or model= in config.model_args"
                              : "no config.model_args";
        if (backend && backend[0]) {
            r.model = backend;
            lr_ingest_warn(in, "/config/model",
                           "no model name in the file (%s); using the backend config.model \"%s\"",
                           why, backend);
        } else {
            r.model = lr_ingest_file_stem(in->store, in->name);
            if (!r.model)
                return lr_error_set(in->err, LR_ENOMEM, in->path, "out of memory");
            lr_ingest_warn(in, r.config ? "/config" : NULL,
                           "no model name in the file (%s); using the file name \"%s\"", why,
                           r.model);
        }
    }
    static const char *const objects[] = {"groups", "group_subtasks",   "configs",   "versions",
                                          "n-shot", "higher_is_better", "n-samples", "task_hashes"};
    const cJSON **slots[] = {&r.groups, &r.group_subtasks, &r.configs,    &r.versions, &r.n_shot,
                             &r.hib,    &r.n_samples,      &r.task_hashes};
    for (size_t i = 0; i < sizeof objects / sizeof objects[0]; i++) {
        const cJSON *v = get(in->json, objects[i]);
        if (v && !cJSON_IsObject(v)) {
            char ptr[64] = "";
            lr_json_pointer_push(ptr, sizeof ptr, objects[i]);
            lr_ingest_warn(in, ptr, "\"%s\" must be an object; ignored", objects[i]);
            v = NULL;
        }
        *slots[i] = v;
    }
    const cJSON *limit = get(r.config, "limit");
    r.limit_set = limit && !cJSON_IsNull(limit);
    r.user = gen_args_of(get(r.config, "gen_kwargs"));
    /* the prompt formatting of the whole run (v0.4.3+): a chat template, few-shot examples as
     * turns, a system prompt by its hash; the template's own hash is detail (each model has its
     * own), kept in the source's note */
    const char *template_sha = lr_json_string(in->json, "chat_template_sha");
    const cJSON *template = get(in->json, "chat_template");
    int chat = (template_sha && template_sha[0]) ||
               (cJSON_IsString(template) && template->valuestring[0]) ||
               cJSON_IsTrue(get(r.config, "apply_chat_template"));
    const char *sys_sha = lr_json_string(in->json, "system_instruction_sha");
    const cJSON *sys = get(in->json, "system_instruction");
    size_t pn = 0;
    if (chat)
        pn += (size_t)snprintf(r.prompting, sizeof r.prompting, "chat");
    if (sys_sha && sys_sha[0])
        pn += (size_t)snprintf(r.prompting + pn, sizeof r.prompting - pn, "%ssys=%.8s",
                               pn ? "+" : "", sys_sha);
    else if (cJSON_IsString(sys) && sys->valuestring[0]) {
        char hex[9]; /* the harness's system_instruction_sha is this hash */
        lr_sha256_hex8(sys->valuestring, hex);
        pn += (size_t)snprintf(r.prompting + pn, sizeof r.prompting - pn, "%ssys=%s", pn ? "+" : "",
                               hex);
    }
    r.multiturn = chat && cJSON_IsTrue(get(in->json, "fewshot_as_multiturn"));

    lr_source *src = lr_store_source_new(in->store, "lm-eval", in->path);
    if (!src)
        return lr_error_set(in->err, LR_ENOMEM, in->path, "out of memory");
    double date;
    if (lr_json_number(get(in->json, "date"), &date) == LR_NUM_OK)
        src->date = lr_ingest_iso_utc(in->store, date);
    if (!src->date)
        src->date = lr_ingest_date_from_name(in->store, in->name);
    const char *version = lr_json_string(in->json, "lm_eval_version");
    const char *git = lr_json_string(in->json, "git_hash");
    char harness[160] = "lm-evaluation-harness";
    size_t hn = strlen(harness);
    if (version && version[0])
        hn += (size_t)snprintf(harness + hn, sizeof harness - hn, " %.40s", version);
    if (git && git[0] && hn < sizeof harness)
        snprintf(harness + hn, sizeof harness - hn, " (git %.8s)", git);
    src->harness = lr_store_strdup(in->store, harness);
    src->model_args = lr_ingest_args_shown(in->store, model_args_text(in->store, args));
    /* detail that does not split settings, or is in them only in part: the chat template's hash,
     * and the generation arguments the run set as written (until, max_gen_toks, ...) */
    const char *user_args = model_args_text(in->store, get(r.config, "gen_kwargs"));
    if ((template_sha && template_sha[0]) || user_args)
        src->note = lr_arena_printf(
            lr_store_arena(in->store), "%s%.8s%s%s%s", template_sha ? "chat template " : "",
            template_sha ? template_sha : "", template_sha && user_args ? "; " : "",
            user_args ? "generation arguments of the run: " : "", user_args ? user_args : "");
    r.source = src;

    size_t first = lr_store_count(in->store);
    const cJSON *entry;
    lr_json_for_members(entry, r.results) read_task(&r, entry, "results");
    /* groups repeat their rows of results (v0.4.0-0.4.x): read only those missing there */
    lr_json_for_members(entry, r.groups)
    {
        if (!get(r.results, entry->string))
            read_task(&r, entry, "groups");
    }
    if (add_group_means(&r, first))
        return lr_error_set(in->err, LR_ENOMEM, in->path, "out of memory");
    return LR_OK;
}

const lr_adapter lr_adapter_lmeval = {
    "lm-eval",
    "lm-evaluation-harness v0.4+ results (\"metric,filter\" keys, n-shot, group_subtasks)",
    sniff,
    read_lmeval,
};

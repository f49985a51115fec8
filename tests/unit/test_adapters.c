/* The input adapters against the real files in ../shared/data/real/ (one test per file, asserting
 * normalized values at the pitfalls FORMATS.md lists), against the fixtures in tests/data/, and
 * against broken versions of real files made here from their bytes (truncated, mistyped, read
 * with the wrong adapter): exact messages and positions, and the rest of the model unharmed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/json.h"
#include "core/sha256.h"
#include "ingest/csv.h"
#include "ingest/ingest.h"
#include "model/aggregate.h"
#include "model/registry.h"
#include "model/store.h"
#include "view/overview.h"
#include "write/export.h"
#include "testutil.h"

/* ---- a model with a diagnostics recorder ---------------------------------------------------- */

typedef struct diag_rec {
    lr_severity severity;
    char pointer[256];
    int line, column;
    char message[512];
} diag_rec;

typedef struct fixture {
    lr_diag diag;
    lr_store *store;
    diag_rec *recs;
    size_t n_recs, cap_recs;
    lr_error err;
} fixture;

static void record(void *user, lr_severity severity, const lr_error *e)
{
    fixture *f = user;
    if (f->n_recs == f->cap_recs) {
        f->cap_recs = f->cap_recs ? f->cap_recs * 2 : 64;
        f->recs = realloc(f->recs, f->cap_recs * sizeof *f->recs);
        assert_non_null(f->recs);
    }
    diag_rec *r = &f->recs[f->n_recs++];
    r->severity = severity;
    snprintf(r->pointer, sizeof r->pointer, "%s", e->pointer);
    r->line = e->line;
    r->column = e->column;
    snprintf(r->message, sizeof r->message, "%s", e->message);
}

static fixture *fx_new(void)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->diag.fn = record;
    f->diag.user = f;
    f->store = lr_store_new(&f->diag);
    assert_non_null(f->store);
    return f;
}

static void fx_free(fixture *f)
{
    lr_store_free(f->store);
    free(f->recs);
    free(f);
}

/* Loads a file (forced: adapter name or NULL to sniff); the error, if any, is in f->err. */
static lr_status fx_load(fixture *f, const char *path, const char *forced)
{
    const lr_adapter *a = NULL;
    if (forced) {
        a = lr_adapter_find(forced);
        assert_non_null(a);
    }
    memset(&f->err, 0, sizeof f->err);
    return lr_ingest_file(f->store, path, a, NULL, &f->err);
}

/* A file of ../shared/data/real/. */
static const char *real_path(const char *rel)
{
    static char buf[512];
    snprintf(buf, sizeof buf, "real/%s", rel);
    return shared_path(buf);
}

static lr_status fx_load_real(fixture *f, const char *rel)
{
    return fx_load(f, real_path(rel), NULL);
}

/* A real file with one edit made here (from -> to, which must occur once): for the cases no
 * real file shows, such as a changed task hash. The test says what it changed. */
static lr_status fx_load_real_edited(fixture *f, const char *rel, const char *from, const char *to)
{
    size_t len;
    char *text = read_text(real_path(rel), &len);
    assert_non_null(text);
    char *at = strstr(text, from);
    assert_non_null(at);
    assert_null(strstr(at + 1, from));
    size_t nf = strlen(from), nt = strlen(to);
    char *edited = malloc(len - nf + nt + 1);
    assert_non_null(edited);
    memcpy(edited, text, (size_t)(at - text));
    memcpy(edited + (at - text), to, nt);
    memcpy(edited + (at - text) + nt, at + nf, len - (size_t)(at - text) - nf + 1);
    memset(&f->err, 0, sizeof f->err);
    lr_status st = lr_ingest_bytes(f->store, rel, edited, len - nf + nt, NULL, NULL, &f->err);
    free(edited);
    free(text);
    return st;
}

/* A recorded diagnostic with this severity, pointer ("" for none) and exact message. */
static int has_diag(const fixture *f, lr_severity sev, const char *pointer, const char *message)
{
    for (size_t i = 0; i < f->n_recs; i++)
        if (f->recs[i].severity == sev && !strcmp(f->recs[i].pointer, pointer) &&
            !strcmp(f->recs[i].message, message))
            return 1;
    fprintf(stderr, "missing diagnostic [%d] %s: %s\nrecorded:\n", (int)sev, pointer, message);
    for (size_t i = 0; i < f->n_recs; i++)
        fprintf(stderr, "  [%d] %s %d:%d: %s\n", (int)f->recs[i].severity, f->recs[i].pointer,
                f->recs[i].line, f->recs[i].column, f->recs[i].message);
    return 0;
}

static int has_diag_at_line(const fixture *f, lr_severity sev, int line, const char *message)
{
    for (size_t i = 0; i < f->n_recs; i++)
        if (f->recs[i].severity == sev && f->recs[i].line == line &&
            !strcmp(f->recs[i].message, message))
            return 1;
    fprintf(stderr, "missing diagnostic [%d] line %d: %s\n", (int)sev, line, message);
    for (size_t i = 0; i < f->n_recs; i++)
        fprintf(stderr, "  [%d] %s %d:%d: %s\n", (int)f->recs[i].severity, f->recs[i].pointer,
                f->recs[i].line, f->recs[i].column, f->recs[i].message);
    return 0;
}

static size_t count_diags(const fixture *f, lr_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n_recs; i++)
        n += f->recs[i].severity == sev;
    return n;
}

/* ---- finding observations ------------------------------------------------------------------ */

#define ANY_SHOTS (-99)
#define ANY "\x01any"

static int str_match(const char *want, const char *got)
{
    if (want && !strcmp(want, ANY))
        return 1;
    if (!want || !got)
        return want == got;
    return !strcmp(want, got);
}

/* The first observation with these fields (ANY / ANY_SHOTS match anything; NULL variant matches
 * only no variant). */
static const lr_observation *find(const fixture *f, const char *model, const char *bench,
                                  const char *metric, int shots, const char *variant)
{
    for (size_t i = 0; i < lr_store_count(f->store); i++) {
        const lr_observation *o = lr_store_get(f->store, i);
        if (str_match(model, o->model) && str_match(bench, o->setting->benchmark) &&
            str_match(metric, o->setting->metric) &&
            (shots == ANY_SHOTS || shots == o->setting->shots) &&
            str_match(variant, o->setting->variant))
            return o;
    }
    return NULL;
}

static size_t count(const fixture *f, const char *model, const char *bench, const char *metric)
{
    size_t n = 0;
    for (size_t i = 0; i < lr_store_count(f->store); i++) {
        const lr_observation *o = lr_store_get(f->store, i);
        n += str_match(model, o->model) && str_match(bench, o->setting->benchmark) &&
             str_match(metric, o->setting->metric);
    }
    return n;
}

/* Finds or fails the test. */
static const lr_observation *get_obs(const fixture *f, const char *model, const char *bench,
                                     const char *metric, int shots, const char *variant)
{
    const lr_observation *o = find(f, model, bench, metric, shots, variant);
    if (!o) {
        fprintf(stderr, "no observation %s / %s / %s / %d / %s among:\n", model, bench, metric,
                shots, variant ? variant : "(none)");
        for (size_t i = 0; i < lr_store_count(f->store) && i < 40; i++) {
            const lr_observation *p = lr_store_get(f->store, i);
            fprintf(stderr, "  %s / %s / %s / %d / %s = %.17g\n", p->model, p->setting->benchmark,
                    p->setting->metric, p->setting->shots,
                    p->setting->variant ? p->setting->variant : "(none)", p->value);
        }
    }
    assert_non_null(o);
    return o;
}

#define assert_close(a, b)                                                                         \
    do {                                                                                           \
        double a_ = (a), b_ = (b);                                                                 \
        if (!(fabs(a_ - b_) <= 1e-9)) {                                                            \
            fprintf(stderr, "%s = %.17g, expected %.17g\n", #a, a_, b_);                           \
            fail();                                                                                \
        }                                                                                          \
    } while (0)

#define assert_str(a, b)                                                                           \
    do {                                                                                           \
        const char *a_ = (a);                                                                      \
        assert_non_null(a_);                                                                       \
        assert_string_equal(a_, (b));                                                              \
    } while (0)

/* ---- helpers for derived files -------------------------------------------------------------- */

/* Which adapter sniffing picks for a file, as lr_ingest_file does. */
static const char *claimed_by(const char *path)
{
    char *text;
    size_t len;
    lr_error err;
    assert_int_equal(lr_file_read(path, LR_INGEST_MAX_FILE, &text, &len, &err), LR_OK);
    cJSON *json = NULL;
    lr_arena tree = LR_ARENA_INIT;
    lr_json_info info;
    const char *dot = strrchr(path, '.');
    if (!dot || strcmp(dot, ".csv"))
        assert_int_equal(lr_json_load(&text, &len, path, &tree, &json, &info, &err), LR_OK);
    lr_store *store = lr_store_new(NULL);
    lr_input in = {path, path, text, len, json, store, &err};
    const char *best = NULL;
    int best_score = 0;
    for (size_t i = 0; lr_adapters[i]; i++) {
        int s = lr_adapters[i]->sniff(&in);
        if (s > best_score) {
            best_score = s;
            best = lr_adapters[i]->name;
        }
    }
    lr_store_free(store);
    lr_arena_free(&tree);
    free(text);
    return best;
}

/* The bytes of a real file. */
static char *real_bytes(const char *rel, size_t *len)
{
    char *text = read_text(real_path(rel), len);
    assert_non_null(text);
    return text;
}

/* Replaces the first occurrence of from in text by to (text is freed; a new string returned). */
static char *replace(char *text, const char *from, const char *to)
{
    char *at = strstr(text, from);
    assert_non_null(at);
    size_t n = strlen(text), nf = strlen(from), nt = strlen(to);
    char *out = malloc(n - nf + nt + 1);
    assert_non_null(out);
    size_t head = (size_t)(at - text);
    memcpy(out, text, head);
    memcpy(out + head, to, nt);
    memcpy(out + head + nt, at + nf, n - head - nf + 1);
    free(text);
    return out;
}

/* Writes text to a file in a fresh test folder; returns the path (static buffer). */
static const char *scratch(const char *dir, const char *name, const char *text)
{
    static char path[4200];
    const char *d = temp_dir(dir);
    assert_non_null(d);
    snprintf(path, sizeof path, "%s/%s", d, name);
    assert_int_equal(write_text(path, text), 0);
    return path;
}

/* ---- sniffing -------------------------------------------------------------------------------- */

static void test_sniff_real_files(void **state)
{
    (void)state;
    static const struct {
        const char *file, *adapter;
    } cases[] = {
        {"lm-eval/v0.3_bloom-7b1_bbh_3-shot.json", "lm-eval-v0.3"},
        {"lm-eval/v0.3_bloom-7b1_common_sense_reasoning_0-shot.json", "lm-eval-v0.3"},
        {"lm-eval/v0.3_testdata_arc_easy-v0-res.json", "lm-eval-v0.3"},
        {"lm-eval/v0.4.0-dev_big-refactor_boolq_output-arc.json", "lm-eval"},
        {"lm-eval/v0.4.10dev_vllm_dict-model-args_NA-stderr_results.json", "lm-eval"},
        {"lm-eval/v0.4.2_wmdp_group_openai-chat_results.json", "lm-eval"},
        {"lm-eval/v0.4.7_rwkv7_lambada_perplexity_results.json", "lm-eval"},
        {"lm-eval/v0.4.8_api-model_infinity-nan_results.json", "lm-eval"},
        /* LumiOpen's recipe reproductions are v0.3 files, not leaderboard results */
        {"open-llm-leaderboard-v1/recipe-repro_lm-eval-v0.3_Yi-34B_arc_challenge_25-shot.json",
         "lm-eval-v0.3"},
        {"open-llm-leaderboard-v1/recipe-repro_lm-eval-v0.3_Yi-34B_gsm8k_5-shot.json",
         "lm-eval-v0.3"},
        {"open-llm-leaderboard-v1/recipe-repro_lm-eval-v0.3_Yi-34B_truthfulqa_mc_0-shot.json",
         "lm-eval-v0.3"},
        {"open-llm-leaderboard-v2/eee-v0.2.0_hfopenllm_v2_01-ai_Yi-1.5-34B-Chat.json", "eee"},
        {"open-llm-leaderboard-v2/eee-v0.2.0_hfopenllm_v2_01-ai_Yi-1.5-34B.json", "eee"},
        {"bigcode/Yi-34B_humaneval_pass@1.json", "bigcode"},
        {"bigcode/Yi-34B_mbpp_pass@10.json", "bigcode"},
        {"bigcode/deepseek-coder-6.7b-base_mercury_evaluation_results.json", "bigcode"},
        {"bigcode/starcoder2_3b_evaluation_humaneval.json", "bigcode"},
        {"dsdanielpark-report/assets_20230523.csv", "oll-table"},
        {"dsdanielpark-report/data_20230526.json", "oll-table"},
        {"dsdanielpark-report/data_20231031_3b.json", "oll-table"},
        {"helm/anthropic_red_team_model=meta_llama-3-70b_stats.json", "helm"},
        {"helm/runs_v3_summary.json", "helm"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = claimed_by(real_path(cases[i].file));
        if (!got || strcmp(got, cases[i].adapter))
            fprintf(stderr, "%s: claimed by %s, expected %s\n", cases[i].file, got ? got : "(none)",
                    cases[i].adapter);
        assert_non_null(got);
        assert_string_equal(got, cases[i].adapter);
    }
    assert_string_equal(claimed_by(source_path("tests/data/oll-v1/example-org/example-7b/"
                                               "results_2023-10-28T12-34-56.123456.json")),
                        "oll-v1");
    assert_string_equal(claimed_by(source_path("tests/data/oll-v1/example-org/example-13b-legacy/"
                                               "results_2023-07-19T10-20-30.000000.json")),
                        "oll-v1");
    assert_string_equal(
        claimed_by(source_path("tests/data/lm-eval/nested-groups-filters_results.json")),
        "lm-eval");
}

/* ---- lm-evaluation-harness v0.3 -------------------------------------------------------------- */

static void test_lmeval03_bloom_bbh(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(fx_load_real(f, "lm-eval/v0.3_bloom-7b1_bbh_3-shot.json"), LR_OK);
    assert_int_equal(lr_store_count(f->store), 22);
    /* multiple_choice_grade is accuracy; one config.num_fewshot for the whole file */
    const lr_observation *o =
        get_obs(f, "bigscience/bloom-7b1", "bigbench_navigate", "acc", 3, NULL);
    assert_close(o->value, 49.9);
    assert_close(o->stderr_, 1.5819268290576817);
    assert_int_equal(o->n, -1);
    assert_int_equal(o->setting->flags, 0);
    assert_str(o->setting->note, "task version 0");
    assert_str(o->locator, "/results/bigbench_navigate/multiple_choice_grade");
    o = get_obs(f, "bigscience/bloom-7b1", "bigbench_geometric_shapes", "exact_match", 3, NULL);
    assert_close(o->value, 0.0);
    assert_close(o->stderr_, 0.0);
    assert_str(o->source->kind, "lm-eval");
    assert_str(o->source->harness, "lm-evaluation-harness v0.3");
    assert_str(o->source->model_args, "pretrained=bigscience/bloom-7b1,use_accelerate=True");
    assert_null(o->source->date);
    assert_int_equal(count_diags(f, LR_WARNING), 0);
    fx_free(f);
}

static void test_lmeval03_bloom_common_sense(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(fx_load_real(f, "lm-eval/v0.3_bloom-7b1_common_sense_reasoning_0-shot.json"),
                     LR_OK);
    assert_int_equal(lr_store_count(f->store), 20);
    const lr_observation *o = get_obs(f, "bigscience/bloom-7b1", "winogrande", "acc", 0, NULL);
    assert_close(o->value, 64.32517758484609);
    assert_close(o->stderr_, 1.3463393958028726);
    o = get_obs(f, "bigscience/bloom-7b1", "arc_challenge", "acc_norm", 0, NULL);
    assert_close(o->value, 33.532423208191126);
    /* mc_taco has no stderr at all */
    o = get_obs(f, "bigscience/bloom-7b1", "mc_taco", "exact_match", 0, NULL);
    assert_close(o->value, 13.588588588588588);
    assert_true(o->stderr_ < 0);
    o = get_obs(f, "bigscience/bloom-7b1", "mc_taco", "f1", 0, NULL);
    assert_close(o->value, 50.52611696967991);
    /* versions[boolq] is 1, the others 0 */
    assert_str(get_obs(f, ANY, "boolq", "acc", 0, NULL)->setting->note, "task version 1");
    assert_str(get_obs(f, ANY, "hellaswag", "acc_norm", 0, NULL)->setting->note, "task version 0");
    fx_free(f);
}

static void test_lmeval03_testdata_without_config(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(fx_load_real(f, "lm-eval/v0.3_testdata_arc_easy-v0-res.json"), LR_OK);
    assert_int_equal(lr_store_count(f->store), 2);
    /* no config: neither the model nor the shots are stated */
    assert_true(has_diag(f, LR_WARNING, "",
                         "no model name in the file (no config); using the file name "
                         "\"v0.3_testdata_arc_easy-v0-res\""));
    const lr_observation *o =
        get_obs(f, "v0.3_testdata_arc_easy-v0-res", "arc_easy", "acc", LR_SHOTS_UNKNOWN, NULL);
    assert_close(o->value, 24.74747474747475);
    assert_close(o->stderr_, 0.8855114414834707);
    assert_false(lr_setting_known(o->setting));
    o = get_obs(f, ANY, "arc_easy", "acc_norm", LR_SHOTS_UNKNOWN, NULL);
    assert_close(o->value, 24.074074074074073);
    assert_str(o->setting->note, "task version 0");
    fx_free(f);
}

/* ---- lm-evaluation-harness v0.4 -------------------------------------------------------------- */

static void test_lmeval_big_refactor(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(fx_load_real(f, "lm-eval/v0.4.0-dev_big-refactor_boolq_output-arc.json"),
                     LR_OK);
    assert_int_equal(lr_store_count(f->store), 1);
    /* no n-shot: configs[boolq].num_fewshot; filter "none" is no variant */
    const lr_observation *o = get_obs(f, "facebook/xglm-1.7B", "boolq", "acc", 0, NULL);
    assert_close(o->value, 58.59327217125382);
    assert_close(o->stderr_, 0.8614932353134956);
    assert_int_equal(o->n, -1);
    assert_int_equal(o->setting->flags, 0);
    assert_str(o->setting->note, "task version Yaml");
    assert_str(o->locator, "/results/boolq/acc,none");
    assert_str(o->source->harness, "lm-evaluation-harness (git c37ad6e)");
    assert_str(o->source->model_args, "pretrained=facebook/xglm-1.7B");
    assert_null(o->source->date);
    fx_free(f);
}

static void test_lmeval_shots_fallback(void **state)
{
    (void)state;
    /* configs[task].num_fewshot wins over config.num_fewshot; n-shot over both */
    size_t len;
    char *text = real_bytes("lm-eval/v0.4.0-dev_big-refactor_boolq_output-arc.json", &len);
    text = replace(text, "\"num_fewshot\": 0,\n      \"metric_list\"",
                   "\"num_fewshot\": 3,\n      \"metric_list\"");
    fixture *f = fx_new();
    assert_int_equal(fx_load(f, scratch("adapters-shots", "a.json", text), NULL), LR_OK);
    get_obs(f, "facebook/xglm-1.7B", "boolq", "acc", 3, NULL);
    fx_free(f);
    text = replace(text, "\"git_hash\"", "\"n-shot\": {\"boolq\": 7},\n  \"git_hash\"");
    f = fx_new();
    assert_int_equal(fx_load(f, scratch("adapters-shots", "b.json", text), NULL), LR_OK);
    get_obs(f, "facebook/xglm-1.7B", "boolq", "acc", 7, NULL);
    fx_free(f);
    free(text);
}

static void test_lmeval_dict_model_args_na_stderr(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(
        fx_load_real(f, "lm-eval/v0.4.10dev_vllm_dict-model-args_NA-stderr_results.json"), LR_OK);
    assert_int_equal(lr_store_count(f->store), 2);
    /* model from model_name (config.model is the backend "vllm") */
    const lr_observation *o =
        get_obs(f, "google/gemma-2b", "afrisenti_swa_prompt_1", "f1", 0, NULL);
    assert_close(o->value, 13.802513148918377);
    assert_true(o->stderr_ < 0); /* "N/A" */
    assert_int_equal(o->n, 748);
    assert_int_equal(o->setting->flags, 0);
    assert_int_equal(o->setting->higher_is_better, 1);
    assert_str(o->setting->note, "task version 1");
    assert_true(has_diag(f, LR_NOTE, "/results/afrisenti_swa_prompt_1/f1_stderr,none",
                         "stderr \"N/A\": unknown"));
    o = get_obs(f, "google/gemma-2b", "afrisenti_swa_prompt_1", "acc", 0, NULL);
    assert_close(o->value, 29.94652406417112);
    assert_close(o->stderr_, 1.6758214844604685);
    const lr_source *s = o->source;
    assert_str(s->kind, "lm-eval");
    assert_str(s->date, "2026-01-15T13:12:06Z");
    assert_str(s->harness, "lm-evaluation-harness 0.4.10.dev0 (git 4b74ec1)");
    assert_str(s->model_args, "pretrained=google/gemma-2b,dtype=bfloat16,trust_remote_code=True");
    assert_int_equal(count_diags(f, LR_WARNING), 0);
    fx_free(f);
}

static void test_lmeval_limited_by_n_samples(void **state)
{
    (void)state;
    size_t len;
    char *text = real_bytes("lm-eval/v0.4.10dev_vllm_dict-model-args_NA-stderr_results.json", &len);
    text = replace(text, "\"effective\": 748", "\"effective\": 100");
    fixture *f = fx_new();
    assert_int_equal(fx_load(f, scratch("adapters-limit", "results.json", text), NULL), LR_OK);
    const lr_observation *o = get_obs(f, "google/gemma-2b", ANY, "acc", 0, NULL);
    assert_int_equal(o->n, 100);
    assert_int_equal(o->setting->flags, LR_OBS_LIMITED);
    free(text);
    fx_free(f);
}

static void test_lmeval_group_wmdp(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(fx_load_real(f, "lm-eval/v0.4.2_wmdp_group_openai-chat_results.json"), LR_OK);
    assert_int_equal(lr_store_count(f->store), 4);
    /* the group row is in results and in groups: read once, as an aggregate */
    assert_int_equal(count(f, ANY, "wmdp", ANY), 1);
    const lr_observation *g = get_obs(f, "gpt-3.5-turbo-0125", "wmdp", "exact_match", 0, NULL);
    assert_close(g->value, 100.0);
    assert_close(g->stderr_, 0.0);
    /* config.limit 100 without n-samples: a --limit run */
    assert_int_equal(g->setting->flags, LR_OBS_AGGREGATE | LR_OBS_LIMITED);
    /* all three are 100 and their sizes unknown (no n-samples): the plain mean is what can be
     * checked */
    assert_str(g->setting->rule, "mean of 3 subtasks");
    assert_null(g->setting->parent);
    const lr_observation *o = get_obs(f, "gpt-3.5-turbo-0125", "wmdp_bio", "exact_match", 0, NULL);
    assert_int_equal(o->setting->flags, LR_OBS_MEMBER | LR_OBS_LIMITED);
    assert_str(o->setting->parent, "wmdp");
    assert_str(o->setting->note, "task version 0");
    assert_str(o->source->date, "2024-04-04T00:44:35Z");
    assert_str(o->source->harness, "lm-evaluation-harness (git 4a1e48ce)");
    assert_str(o->source->model_args, "model=gpt-3.5-turbo-0125");
    fx_free(f);
}

static void test_lmeval_perplexity(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(fx_load_real(f, "lm-eval/v0.4.7_rwkv7_lambada_perplexity_results.json"),
                     LR_OK);
    assert_int_equal(lr_store_count(f->store), 2);
    /* perplexity is unbounded and lower is better: stored as written */
    const lr_observation *o =
        get_obs(f, "SmerkyG/RWKV7-Goose-0.1B-Pile-HF", "lambada", "perplexity", 0, NULL);
    assert_close(o->value, 14.451282557750991);
    assert_close(o->stderr_, 0.44525656480930514);
    assert_int_equal(o->setting->bounded, 0);
    assert_int_equal(o->setting->higher_is_better, 0);
    assert_int_equal(o->n, 5153);
    o = get_obs(f, "SmerkyG/RWKV7-Goose-0.1B-Pile-HF", "lambada", "acc", 0, NULL);
    assert_close(o->value, 45.77915777217155);
    assert_close(o->stderr_, 0.6941112792281861);
    assert_int_equal(o->setting->bounded, 1);
    assert_int_equal(o->setting->higher_is_better, 1);
    assert_str(o->source->date, "2025-02-25T02:49:32Z");
    assert_str(o->source->model_args,
               "pretrained=SmerkyG/RWKV7-Goose-0.1B-Pile-HF,trust_remote_code=True");
    fx_free(f);
}

static void test_lmeval_infinity_nan(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(fx_load_real(f, "lm-eval/v0.4.8_api-model_infinity-nan_results.json"), LR_OK);
    /* the file is used, its only value is not */
    assert_int_equal(lr_store_count(f->store), 0);
    assert_true(has_diag(f, LR_WARNING, "", "2 bare NaN/Infinity tokens read as no value"));
    assert_true(has_diag(f, LR_WARNING, "/results/polymer_tg_prediction/mae,none",
                         "value is Infinity; no value recorded"));
    assert_true(has_diag(f, LR_WARNING, "/results/polymer_tg_prediction/mae_stderr,none",
                         "stderr is NaN; treated as unknown"));
    assert_int_equal(lr_store_source_count(f->store), 1);
    const lr_source *s = lr_store_source_get(f->store, 0);
    assert_str(s->harness, "lm-evaluation-harness 0.4.8 (git cffb9ad0)");
    assert_str(s->date, "2025-06-30T23:39:56Z");
    fx_free(f);

    /* with a finite mae: unbounded, lower is better, and not --limit (limit 200 > 24 samples) */
    size_t len;
    char *text = real_bytes("lm-eval/v0.4.8_api-model_infinity-nan_results.json", &len);
    text = replace(text, "Infinity", "37.25");
    f = fx_new();
    assert_int_equal(fx_load(f, scratch("adapters-mae", "results.json", text), NULL), LR_OK);
    const lr_observation *o = get_obs(f, "gpt-4o-mini", "polymer_tg_prediction", "mae", 0, NULL);
    assert_close(o->value, 37.25);
    assert_int_equal(o->setting->bounded, 0);
    assert_int_equal(o->setting->higher_is_better, 0);
    assert_int_equal(o->n, 24);
    assert_int_equal(o->setting->flags, 0);
    assert_true(o->stderr_ < 0);
    free(text);
    fx_free(f);
}

static void test_lmeval_nested_groups_filters(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(
        fx_load(f, source_path("tests/data/lm-eval/nested-groups-filters_results.json"), NULL),
        LR_OK);
    assert_int_equal(lr_store_count(f->store), 10 + 1); /* + the mean of leaderboard_bbh */
    const char *m = "example-org/example-7b";
    /* one metric, two filters: two observations with different variants */
    const lr_observation *s = get_obs(f, m, "gsm8k", "exact_match", 5, "strict-match");
    const lr_observation *x = get_obs(f, m, "gsm8k", "exact_match", 5, "flexible-extract");
    assert_close(s->value, 55.04);
    assert_close(s->stderr_, 1.37);
    assert_close(x->value, 58.15);
    assert_false(lr_setting_equal(s->setting, x->setting));
    assert_int_equal(s->n, 1319);
    assert_str(s->setting->note, "task version 3");
    /* nested groups: mmlu -> mmlu_stem -> subjects; groups are not read twice */
    assert_int_equal(count(f, ANY, "mmlu", ANY), 1);
    const lr_observation *top = get_obs(f, m, "mmlu", "acc", 5, NULL);
    assert_int_equal(top->setting->flags, LR_OBS_AGGREGATE | LR_OBS_LIMITED);
    assert_str(top->setting->rule, "sample-size-weighted mean of 2 subtasks");
    assert_int_equal(top->n, 255);
    assert_null(top->setting->note); /* version "N/A" */
    const lr_observation *stem = get_obs(f, m, "mmlu_stem", "acc", 5, NULL);
    assert_int_equal(stem->setting->flags, LR_OBS_AGGREGATE | LR_OBS_MEMBER);
    assert_str(stem->setting->parent, "mmlu");
    assert_int_equal(stem->n, 235);
    assert_true(stem->stderr_ < 0);
    const lr_observation *leaf = get_obs(f, m, "mmlu_abstract_algebra", "acc", 5, NULL);
    assert_str(leaf->setting->parent, "mmlu_stem");
    assert_int_equal(leaf->setting->flags, LR_OBS_MEMBER);
    assert_close(leaf->value, 40.0);
    const lr_observation *phil = get_obs(f, m, "mmlu_philosophy", "acc", 5, NULL);
    assert_int_equal(phil->setting->flags, LR_OBS_MEMBER | LR_OBS_LIMITED);
    assert_int_equal(phil->n, 20);
    /* placeholder group rows {" ": " "} are not results */
    assert_int_equal(count(f, ANY, "leaderboard", ANY), 0);
    /* ... but the group of tasks gets the mean of its members (model/aggregate.c) */
    assert_int_equal(count(f, ANY, "leaderboard_bbh", ANY), 1);
    const lr_observation *bbh = get_obs(f, m, "leaderboard_bbh_navigate", "acc_norm", 3, NULL);
    assert_str(bbh->setting->parent, "leaderboard_bbh");
    assert_str(bbh->source->harness, "lm-evaluation-harness 0.4.3 (git 0123abcd)");
    assert_str(bbh->source->date, "2024-07-03T09:46:40Z");
    assert_int_equal(count_diags(f, LR_WARNING), 0);
    fx_free(f);
}

static void test_lmeval_group_cycle(void **state)
{
    (void)state;
    /* a group that lists itself: the walk ends, and the group's shots are not guessed */
    size_t len;
    char *text =
        read_text(source_path("tests/data/lm-eval/nested-groups-filters_results.json"), &len);
    assert_non_null(text);
    text = replace(text, "\"mmlu_stem\": [\n      \"mmlu_anatomy\"",
                   "\"mmlu_stem\": [\n      \"mmlu_stem\",\n      \"mmlu_anatomy\"");
    fixture *f = fx_new();
    assert_int_equal(fx_load(f, scratch("adapters-cycle", "results.json", text), NULL), LR_OK);
    assert_int_equal(lr_store_count(f->store), 10 + 1);
    const lr_observation *o = get_obs(f, ANY, "mmlu_stem", "acc", LR_SHOTS_UNKNOWN, NULL);
    assert_str(o->setting->parent, "mmlu");
    assert_int_equal(o->n, -1);
    /* the rule is recomputed from its real members, not from itself */
    assert_str(o->setting->rule, "sample-size-weighted mean of 2 subtasks");
    free(text);
    fx_free(f);
}

static void test_lmeval03_mmlu_subjects(void **state)
{
    (void)state;
    /* v0.3 MMLU is 57 hendrycksTest-* tasks: members of mmlu */
    size_t len;
    char *text = real_bytes("lm-eval/v0.3_bloom-7b1_common_sense_reasoning_0-shot.json", &len);
    text = replace(text, "\"copa\": {", "\"hendrycksTest-college_physics\": {");
    text = replace(text, "\"num_fewshot\": 0", "\"num_fewshot\": 5");
    fixture *f = fx_new();
    assert_int_equal(fx_load(f, scratch("adapters-v03mmlu", "results.json", text), NULL), LR_OK);
    const lr_observation *o =
        get_obs(f, "bigscience/bloom-7b1", "mmlu_college_physics", "acc", 5, NULL);
    assert_close(o->value, 72.0);
    assert_str(o->setting->parent, "mmlu");
    assert_int_equal(o->setting->flags, LR_OBS_MEMBER);
    free(text);
    fx_free(f);
}

/* ---- Open LLM Leaderboard v1: the recipe reproductions (v0.3 files) and the fixtures ----------
 */

static void test_oll_recipe_files(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(
        fx_load_real(
            f,
            "open-llm-leaderboard-v1/recipe-repro_lm-eval-v0.3_Yi-34B_arc_challenge_25-shot.json"),
        LR_OK);
    assert_int_equal(
        fx_load_real(f,
                     "open-llm-leaderboard-v1/recipe-repro_lm-eval-v0.3_Yi-34B_gsm8k_5-shot.json"),
        LR_OK);
    assert_int_equal(
        fx_load_real(
            f,
            "open-llm-leaderboard-v1/recipe-repro_lm-eval-v0.3_Yi-34B_truthfulqa_mc_0-shot.json"),
        LR_OK);
    /* one model over three files, each file with its own shots */
    assert_int_equal(lr_store_count(f->store), 5);
    assert_int_equal(lr_store_source_count(f->store), 3);
    const lr_observation *o = get_obs(f, "01-ai/Yi-34B", "arc_challenge", "acc_norm", 25, NULL);
    assert_close(o->value, 64.50511945392492);
    assert_close(o->stderr_, 1.3983036904094089);
    assert_str(o->source->kind, "lm-eval");
    assert_str(o->source->model_args, "pretrained=01-ai/Yi-34B,use_accelerate=True,tokenizer=01-"
                                      "ai/Yi-34B,dtype=bfloat16,trust_remote_code=True");
    o = get_obs(f, "01-ai/Yi-34B", "gsm8k", "acc", 5, NULL);
    assert_close(o->value, 61.86504927975739);
    o = get_obs(f, "01-ai/Yi-34B", "truthfulqa", "mc2", 0, NULL);
    assert_close(o->value, 56.19331283224275);
    assert_str(o->setting->note, "task version 1");
    get_obs(f, "01-ai/Yi-34B", "truthfulqa", "mc1", 0, NULL);
    /* not leaderboard rows: nothing marked as the leaderboard's reference */
    for (size_t i = 0; i < lr_store_count(f->store); i++)
        assert_int_equal(lr_store_get(f->store, i)->setting->flags, 0);
    fx_free(f);
}

static void test_oll_fixture_full(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(fx_load(f,
                             source_path("tests/data/oll-v1/example-org/example-7b/"
                                         "results_2023-10-28T12-34-56.123456.json"),
                             NULL),
                     LR_OK);
    const char *m = "example-org/example-7b";
    /* 2 ARC + 2 HellaSwag + 57 x (acc, acc_norm) + 2 TruthfulQA + Winogrande + GSM8K + MMLU */
    assert_int_equal(lr_store_count(f->store), 123);
    const lr_observation *mmlu = get_obs(f, m, "mmlu", "acc", 5, NULL);
    assert_close(mmlu->value, 53.0);
    assert_int_equal(mmlu->setting->flags, LR_OBS_AGGREGATE | LR_OBS_REFERENCE);
    assert_str(mmlu->setting->rule, "mean of 57 subjects");
    assert_true(mmlu->stderr_ < 0);
    const lr_observation *subj = get_obs(f, m, "mmlu_anatomy", "acc", 5, NULL);
    assert_close(subj->value, 26.0);
    assert_close(subj->stderr_, 4.0);
    /* the leaderboard displayed MMLU as the mean of the subjects' acc at 5 shots */
    assert_int_equal(subj->setting->flags, LR_OBS_MEMBER | LR_OBS_REFERENCE);
    assert_str(subj->setting->parent, "mmlu");
    assert_int_equal(count(f, m, ANY, "acc") - 57, 5); /* ARC, HellaSwag, Winogrande, GSM8K, MMLU */
    /* the leaderboard's displayed metrics */
    assert_int_equal(get_obs(f, m, "arc_challenge", "acc_norm", 25, NULL)->setting->flags,
                     LR_OBS_REFERENCE);
    assert_close(get_obs(f, m, "arc_challenge", "acc_norm", 25, NULL)->value, 59.12);
    assert_int_equal(get_obs(f, m, "arc_challenge", "acc", 25, NULL)->setting->flags, 0);
    assert_int_equal(get_obs(f, m, "hellaswag", "acc_norm", 10, NULL)->setting->flags,
                     LR_OBS_REFERENCE);
    assert_int_equal(get_obs(f, m, "truthfulqa", "mc2", 0, NULL)->setting->flags, LR_OBS_REFERENCE);
    assert_int_equal(get_obs(f, m, "truthfulqa", "mc1", 0, NULL)->setting->flags, 0);
    assert_int_equal(get_obs(f, m, "winogrande", "acc", 5, NULL)->setting->flags, LR_OBS_REFERENCE);
    assert_int_equal(get_obs(f, m, "gsm8k", "acc", 5, NULL)->setting->flags, LR_OBS_REFERENCE);
    /* "all" is not read */
    assert_true(has_diag(f, LR_NOTE, "/results/all",
                         "row \"all\" (a mean over every task, not the leaderboard average) not "
                         "read"));
    assert_null(find(f, m, ANY, "mc1", 5, NULL));
    /* start_time is a perf counter, not an epoch: the date comes from the file name */
    const lr_source *s = mmlu->source;
    assert_str(s->kind, "leaderboard");
    assert_str(s->title, "Open LLM Leaderboard");
    assert_str(s->date, "2023-10-28T12:34:56");
    assert_str(s->harness, "lm-evaluation-harness v0.3 via lighteval (494ee122)");
    assert_str(s->model_args,
               "revision=84430552036c85cc6a16722b26496df4d93f3afe,dtype=torch.bfloat16");
    assert_int_equal(count_diags(f, LR_WARNING), 0);
    fx_free(f);
}

static void test_oll_fixture_legacy_missing_subjects(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(fx_load(f,
                             source_path("tests/data/oll-v1/example-org/example-13b-legacy/"
                                         "results_2023-07-19T10-20-30.000000.json"),
                             NULL),
                     LR_OK);
    const char *m = "example-org/example-13b-legacy";
    assert_true(has_diag(f, LR_WARNING, "/results/harness|hendrycksTest-virology|5/acc",
                         "value is NaN; no value recorded"));
    assert_true(has_diag(f, LR_WARNING, "/results",
                         "no MMLU average: 3 of 57 subjects missing or without acc (anatomy, "
                         "astronomy, virology)"));
    assert_null(find(f, m, "mmlu", ANY, ANY_SHOTS, ANY));
    assert_int_equal(count(f, m, ANY, "acc") - 4, 54); /* ARC, HellaSwag, Winogrande, GSM8K */
    const lr_observation *drop = get_obs(f, m, "drop", "f1", 3, NULL);
    assert_close(drop->value, 9.73);
    assert_int_equal(drop->setting->flags, LR_OBS_REFERENCE);
    assert_int_equal(get_obs(f, m, "drop", "exact_match", 3, NULL)->setting->flags, 0);
    assert_str(drop->source->date, "2023-07-19T10:20:30");
    assert_str(drop->source->harness, "lm-evaluation-harness v0.3");
    fx_free(f);
}

/* ---- Every Eval Ever (Open LLM Leaderboard v2) ----------------------------------------------- */

static void test_eee_yi_chat(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(
        fx_load_real(f,
                     "open-llm-leaderboard-v2/eee-v0.2.0_hfopenllm_v2_01-ai_Yi-1.5-34B-Chat.json"),
        LR_OK);
    assert_int_equal(lr_store_count(f->store), 6);
    const char *m = "01-ai/Yi-1.5-34B-Chat";
    /* the leaderboard's display names map to registry ids; max_score 1: fractions */
    assert_close(get_obs(f, m, "ifeval", "acc", LR_SHOTS_UNKNOWN, NULL)->value, 60.67);
    assert_close(get_obs(f, m, "bbh", "acc", LR_SHOTS_UNKNOWN, NULL)->value, 60.84);
    assert_close(get_obs(f, m, "math_hard", "exact_match", LR_SHOTS_UNKNOWN, NULL)->value, 27.72);
    assert_close(get_obs(f, m, "gpqa", "acc", LR_SHOTS_UNKNOWN, NULL)->value, 36.49);
    assert_close(get_obs(f, m, "musr", "acc", LR_SHOTS_UNKNOWN, NULL)->value, 42.82);
    const lr_observation *o = get_obs(f, m, "mmlu_pro", "acc", LR_SHOTS_UNKNOWN, NULL);
    assert_close(o->value, 45.2);
    assert_int_equal(o->setting->higher_is_better, 1);
    assert_true(o->stderr_ < 0);
    assert_null(o->setting->method);
    assert_str(o->locator, "/evaluation_results/5");
    const lr_source *s = o->source;
    assert_str(s->kind, "eee");
    assert_str(s->title, "HF Open LLM v2");
    assert_str(s->date, "2026-02-10T00:14:46Z");
    assert_str(s->note, "from documentation by Hugging Face (third_party evaluator); evaluation "
                        "hfopenllm_v2/01-ai_Yi-1.5-34B-Chat/1770682486.623709");
    assert_str(s->model_args,
               "precision=bfloat16,architecture=LlamaForCausalLM,params_billions=34.389");
    fx_free(f);
}

static void test_eee_yi_base(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(
        fx_load_real(f, "open-llm-leaderboard-v2/eee-v0.2.0_hfopenllm_v2_01-ai_Yi-1.5-34B.json"),
        LR_OK);
    assert_int_equal(lr_store_count(f->store), 6);
    const char *m = "01-ai/Yi-1.5-34B";
    assert_close(get_obs(f, m, "ifeval", "acc", LR_SHOTS_UNKNOWN, NULL)->value, 28.41);
    assert_close(get_obs(f, m, "math_hard", "exact_match", LR_SHOTS_UNKNOWN, NULL)->value, 15.33);
    assert_close(get_obs(f, m, "mmlu_pro", "acc", LR_SHOTS_UNKNOWN, NULL)->value, 46.66);
    fx_free(f);
}

static void test_eee_scale_direction_uncertainty(void **state)
{
    (void)state;
    size_t len;
    char *text =
        real_bytes("open-llm-leaderboard-v2/eee-v0.2.0_hfopenllm_v2_01-ai_Yi-1.5-34B.json", &len);
    /* IFEval: lower is better, 0-100; BBH: stderr, sample count and decoding */
    text = replace(text, "\"lower_is_better\": false", "\"lower_is_better\": true");
    text = replace(text, "\"max_score\": 1.0", "\"max_score\": 100.0");
    text = replace(text, "\"score\": 0.2841", "\"score\": 28.41");
    text = replace(text, "\"score\": 0.5976",
                   "\"score\": 0.5976, \"uncertainty\": {\"standard_error\": {\"value\": 0.0061}, "
                   "\"num_samples\": 6511}");
    text = replace(text, "\"score_details\": {\n        \"score\": 0.5976",
                   "\"generation_config\": {\"generation_args\": {\"temperature\": 0.0, "
                   "\"reasoning\": true}, \"additional_details\": {\"num_fewshot\": \"3\"}},\n"
                   "      \"score_details\": {\n        \"score\": 0.5976");
    fixture *f = fx_new();
    assert_int_equal(fx_load(f, scratch("adapters-eee", "record.json", text), NULL), LR_OK);
    const lr_observation *o = get_obs(f, "01-ai/Yi-1.5-34B", "ifeval", "acc", ANY_SHOTS, NULL);
    assert_close(o->value, 28.41);
    assert_int_equal(o->setting->higher_is_better, 0);
    o = get_obs(f, "01-ai/Yi-1.5-34B", "bbh", "acc", 3, ANY);
    assert_close(o->value, 59.76);
    assert_close(o->stderr_, 0.61);
    assert_int_equal(o->n, 6511);
    assert_str(o->setting->method, "cot,T=0");
    free(text);
    fx_free(f);
}

/* ---- bigcode-evaluation-harness ------------------------------------------------------------- */

static void test_bigcode_yi_humaneval(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(fx_load_real(f, "bigcode/Yi-34B_humaneval_pass@1.json"), LR_OK);
    assert_int_equal(lr_store_count(f->store), 1);
    /* n_samples is generations per problem, not shots; HumanEval prompts are zero-shot */
    const lr_observation *o = get_obs(f, "01-ai/Yi-34B", "humaneval", "pass@1", 0, ANY);
    assert_close(o->value, 25.609756097560976);
    assert_str(o->setting->method, "T=0.2,top_p=0.95,n=1");
    assert_null(o->setting->variant);
    assert_int_equal(o->setting->flags, 0);
    assert_true(o->stderr_ < 0);
    assert_str(o->source->kind, "bigcode");
    assert_str(o->source->harness, "bigcode-evaluation-harness");
    assert_str(o->source->model_args, "precision=bf16,max_length_generation=512");
    fx_free(f);
}

static void test_bigcode_yi_mbpp(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(fx_load_real(f, "bigcode/Yi-34B_mbpp_pass@10.json"), LR_OK);
    assert_int_equal(lr_store_count(f->store), 2);
    const lr_observation *o = get_obs(f, "01-ai/Yi-34B", "mbpp", "pass@1", 0, ANY);
    assert_close(o->value, 31.98);
    assert_str(o->setting->method, "T=0.2,top_p=0.95,n=10");
    o = get_obs(f, "01-ai/Yi-34B", "mbpp", "pass@10", 0, ANY);
    assert_close(o->value, 47.4);
    fx_free(f);
}

static void test_bigcode_mercury(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(
        fx_load_real(f, "bigcode/deepseek-coder-6.7b-base_mercury_evaluation_results.json"), LR_OK);
    assert_int_equal(lr_store_count(f->store), 64);
    const char *m = "deepseek-ai/deepseek-coder-6.7b-base";
    /* custom metric names kept; pass@k/beyond@k are fractions; Mercury's shots are not stated */
    const lr_observation *o = get_obs(f, m, "mercury", "Easy_pass@1", LR_SHOTS_UNKNOWN, ANY);
    assert_close(o->value, 80.09090909090908);
    assert_int_equal(o->setting->bounded, 1);
    assert_str(o->setting->method, "T=0.2,top_p=0.95,n=100");
    /* limit 256 is the whole Mercury test set: not a --limit run */
    assert_int_equal(o->setting->flags, 0);
    o = get_obs(f, m, "mercury", "Average_beyond@100", LR_SHOTS_UNKNOWN, ANY);
    assert_close(o->value, 53.76949001699693);
    assert_str(o->source->model_args,
               "precision=fp32,load_in_4bit=True,max_length_generation=1024");
    fx_free(f);
}

static void test_bigcode_starcoder2_trimmed_config(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(fx_load_real(f, "bigcode/starcoder2_3b_evaluation_humaneval.json"), LR_OK);
    assert_int_equal(lr_store_count(f->store), 2);
    const lr_observation *o = get_obs(f, "bigcode/starcoder2-3b", "humaneval", "pass@10", 0, ANY);
    assert_close(o->value, 33.567450318498165);
    assert_str(o->setting->method, "T=0.2,n=50");
    const lr_observation *p1 = get_obs(f, "bigcode/starcoder2-3b", "humaneval", "pass@1", 0, ANY);
    assert_close(p1->value, 19.25609756097561);
    assert_null(o->source->model_args);
    /* pass@1 from 50 samples and from 1 sample, both at T=0.2 (top_p stated by one only): the
     * samples drawn are detail, so these are one setting (docs/settings.md) */
    assert_int_equal(fx_load_real(f, "bigcode/Yi-34B_humaneval_pass@1.json"), LR_OK);
    const lr_observation *yi = get_obs(f, "01-ai/Yi-34B", "humaneval", "pass@1", 0, ANY);
    assert_true(lr_setting_equal(p1->setting, yi->setting));
    fx_free(f);
}

/* ---- Open LLM Leaderboard table snapshots --------------------------------------------------- */

static void test_olltable_json_with_revision(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(fx_load_real(f, "dsdanielpark-report/data_20230526.json"), LR_OK);
    assert_int_equal(lr_store_count(f->store), 58 * 5);
    const char *m = "tiiuae/falcon-40b";
    /* already x100; shots the leaderboard used; the metric it displayed */
    const lr_observation *o = get_obs(f, m, "arc_challenge", "acc_norm", 25, NULL);
    assert_close(o->value, 61.9);
    assert_int_equal(o->setting->flags, LR_OBS_REFERENCE);
    assert_str(o->locator, "/0/3");
    assert_null(o->setting->note); /* revision "main" */
    assert_close(get_obs(f, m, "hellaswag", "acc_norm", 10, NULL)->value, 85.3);
    o = get_obs(f, m, "mmlu", "acc", 5, NULL);
    assert_close(o->value, 52.7);
    assert_null(o->setting->parent);
    assert_close(get_obs(f, m, "truthfulqa", "mc2", 0, NULL)->value, 41.7);
    o = get_obs(f, m, "oll_average", "mean", LR_SHOTS_MIXED, "mean of 4 benchmarks (leaderboard)");
    assert_close(o->value, 60.4);
    assert_int_equal(o->setting->flags, LR_OBS_AGGREGATE | LR_OBS_REFERENCE);
    assert_str(o->setting->rule, "mean of 4 benchmarks (leaderboard)");
    assert_str(o->setting->note, "ARC 25-shot, HellaSwag 10-shot, MMLU 5-shot, TruthfulQA 0-shot");
    /* the table's "llama-65b" is the registry's LLaMA 65B (lr_registry_model) */
    assert_close(get_obs(f, "LLaMA 65B", "hellaswag", "acc_norm", 10, NULL)->value, 84.2);
    const lr_source *s = o->source;
    assert_str(s->kind, "leaderboard");
    assert_str(s->title, "Open LLM Leaderboard");
    assert_str(s->date, "2023-05-26");
    fx_free(f);
}

static void test_olltable_json_flagged(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(fx_load_real(f, "dsdanielpark-report/data_20231031_3b.json"), LR_OK);
    assert_int_equal(lr_store_count(f->store), 65 * 5);
    /* the flag text is not part of the name */
    const char *m = "Fredithefish/ReasonixPajama-3B-HF";
    assert_null(find(f, "Fredithefish/ReasonixPajama-3B-HF has been flagged! See discussion #236",
                     ANY, ANY, ANY_SHOTS, ANY));
    const lr_observation *o = get_obs(f, m, "truthfulqa", "mc2", 0, NULL);
    assert_close(o->value, 55.42);
    assert_int_equal(o->setting->flags, LR_OBS_REFERENCE | LR_OBS_FLAGGED);
    assert_str(o->setting->note, "flagged on the leaderboard (discussion #236)");
    o = get_obs(f, m, "oll_average", "mean", LR_SHOTS_MIXED, "mean of 4 benchmarks (leaderboard)");
    assert_int_equal(o->setting->flags, LR_OBS_AGGREGATE | LR_OBS_REFERENCE | LR_OBS_FLAGGED);
    assert_true(has_diag(f, LR_NOTE, "/2",
                         "model \"Fredithefish/ReasonixPajama-3B-HF\" is flagged on the "
                         "leaderboard (discussion #236); marked flagged"));
    /* the same model twice with different scores: both kept, and said */
    assert_true(has_diag(f, LR_NOTE, "/10",
                         "model \"harborwater/open-llama-3b-v2-wizard-evol-instuct-v2-196k\" "
                         "appears again (first at /6); both rows kept"));
    assert_int_equal(
        count(f, "harborwater/open-llama-3b-v2-wizard-evol-instuct-v2-196k", "oll_average", ANY),
        2);
    /* no revision column: values start one earlier; two decimals */
    o = get_obs(f, "stabilityai/stablelm-3b-4e1t", "oll_average", "mean", LR_SHOTS_MIXED,
                "mean of 4 benchmarks (leaderboard)");
    assert_close(o->value, 51.24);
    assert_close(get_obs(f, "stabilityai/stablelm-3b-4e1t", "mmlu", "acc", 5, NULL)->value, 45.23);
    assert_str(o->source->date, "2023-10-31");
    fx_free(f);
}

static void test_olltable_csv_bom_not_run(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(fx_load_real(f, "dsdanielpark-report/assets_20230523.csv"), LR_OK);
    /* 49 rows; 6 of them have HellaSwag and MMLU 0.0 (not run) and then no Average */
    assert_int_equal(lr_store_count(f->store), 43 * 5 + 6 * 2);
    /* the BOM is not part of the first column name nor of the first model */
    const lr_observation *o = get_obs(f, "LLaMA 65B", "arc_challenge", "acc_norm", 25, NULL);
    assert_close(o->value, 57.8);
    assert_str(o->locator, "line 2, ARC");
    const char *m = "bigscience/bloomz-3b";
    assert_close(get_obs(f, m, "arc_challenge", "acc_norm", 25, NULL)->value, 36.9);
    assert_close(get_obs(f, m, "truthfulqa", "mc2", 0, NULL)->value, 40.3);
    assert_null(find(f, m, "hellaswag", ANY, ANY_SHOTS, ANY));
    assert_null(find(f, m, "mmlu", ANY, ANY_SHOTS, ANY));
    assert_null(find(f, m, "oll_average", ANY, ANY_SHOTS, ANY));
    assert_true(has_diag_at_line(f, LR_NOTE, 45,
                                 "bigscience/bloomz-3b: 0.0 for HellaSwag, MMLU means not "
                                 "evaluated on the leaderboard; no value, and no Average (the "
                                 "table averaged the zeros in)"));
    /* Parameters (a rescaled size) and URL are not scores */
    assert_true(has_diag_at_line(
        f, LR_NOTE, 1, "columns not read (not benchmark scores): \"Parameters\", \"URL\""));
    assert_null(find(f, ANY, "Parameters", ANY, ANY_SHOTS, ANY));
    o = get_obs(f, "LLaMA 65B", "oll_average", "mean", LR_SHOTS_MIXED,
                "mean of 4 benchmarks (leaderboard)");
    assert_close(o->value, 58.3);
    assert_str(o->source->date, "2023-05-23");
    assert_int_equal(count_diags(f, LR_WARNING), 0);
    fx_free(f);
}

/* ---- HELM ------------------------------------------------------------------------------------ */

static void test_helm_refused(void **state)
{
    (void)state;
    static const char *const files[] = {"helm/anthropic_red_team_model=meta_llama-3-70b_stats.json",
                                        "helm/runs_v3_summary.json"};
    for (size_t i = 0; i < 2; i++) {
        fixture *f = fx_new();
        assert_int_equal(fx_load_real(f, files[i]), LR_EFORMAT);
        assert_string_equal(f->err.message, "HELM output is not supported (stats.json / "
                                            "summary.json); export it to Every Eval Ever first");
        assert_string_equal(f->err.file, real_path(files[i]));
        assert_int_equal(lr_store_count(f->store), 0);
        assert_int_equal(lr_store_source_count(f->store), 0);
        fx_free(f);
    }
}

/* ---- broken versions of real files ---------------------------------------------------------- */

/* A model already holding good data, to check that a bad file leaves it alone. */
static fixture *fx_with_good_data(void)
{
    fixture *f = fx_new();
    assert_int_equal(fx_load_real(f, "bigcode/Yi-34B_mbpp_pass@10.json"), LR_OK);
    assert_int_equal(lr_store_count(f->store), 2);
    return f;
}

static void assert_good_data_intact(fixture *f)
{
    assert_close(get_obs(f, "01-ai/Yi-34B", "mbpp", "pass@10", 0, ANY)->value, 47.4);
    assert_close(get_obs(f, "01-ai/Yi-34B", "mbpp", "pass@1", 0, ANY)->value, 31.98);
    /* and a good file after the bad one still loads */
    size_t before = lr_store_count(f->store);
    assert_int_equal(fx_load_real(f, "lm-eval/v0.4.7_rwkv7_lambada_perplexity_results.json"),
                     LR_OK);
    assert_int_equal(lr_store_count(f->store), before + 2);
}

static void test_broken_truncated_json(void **state)
{
    (void)state;
    size_t len;
    char *text = real_bytes("lm-eval/v0.4.7_rwkv7_lambada_perplexity_results.json", &len);
    text[len / 2] = '\0';
    int lines = 1;
    for (size_t i = 0; i < len / 2; i++)
        lines += text[i] == '\n';
    fixture *f = fx_with_good_data();
    const char *path = scratch("adapters-truncated", "results.json", text);
    assert_int_equal(fx_load(f, path, NULL), LR_EPARSE);
    /* cut just after the opening quote of a member name */
    assert_int_equal(f->err.line, lines);
    assert_int_equal(f->err.line, 63);
    assert_int_equal(f->err.column, 7);
    assert_string_equal(f->err.message, "unterminated string");
    assert_string_equal(f->err.file, path);
    assert_int_equal(lr_store_count(f->store), 2);
    assert_int_equal(lr_store_source_count(f->store), 1);
    assert_good_data_intact(f);
    free(text);
    fx_free(f);
}

static void test_broken_value_is_string(void **state)
{
    (void)state;
    size_t len;
    char *text = real_bytes("lm-eval/v0.4.7_rwkv7_lambada_perplexity_results.json", &len);
    text =
        replace(text, "\"acc,none\": 0.4577915777217155", "\"acc,none\": \"0.4577915777217155\"");
    fixture *f = fx_with_good_data();
    assert_int_equal(fx_load(f, scratch("adapters-string", "results.json", text), NULL), LR_OK);
    assert_true(has_diag(f, LR_WARNING, "/results/lambada_openai/acc,none",
                         "value must be a number; skipped"));
    /* the other metric of the same task is still read */
    assert_int_equal(lr_store_count(f->store), 3);
    assert_null(find(f, ANY, "lambada", "acc", ANY_SHOTS, ANY));
    assert_close(get_obs(f, ANY, "lambada", "perplexity", 0, NULL)->value, 14.451282557750991);
    assert_good_data_intact(f);
    free(text);
    fx_free(f);
}

static void test_broken_results_not_object(void **state)
{
    (void)state;
    size_t len;
    char *text = real_bytes("lm-eval/v0.4.7_rwkv7_lambada_perplexity_results.json", &len);
    text = replace(text, "\"results\": {", "\"results\": [], \"was_results\": {");
    fixture *f = fx_with_good_data();
    assert_int_equal(fx_load(f, scratch("adapters-results", "results.json", text), "lm-eval"),
                     LR_EFORMAT);
    assert_string_equal(f->err.message, "not an lm-evaluation-harness results file: \"results\" "
                                        "must be an object of tasks");
    assert_string_equal(f->err.pointer, "/results");
    assert_int_equal(lr_store_count(f->store), 2);
    assert_int_equal(lr_store_source_count(f->store), 1);
    assert_good_data_intact(f);
    free(text);
    fx_free(f);
}

static void test_broken_no_model(void **state)
{
    (void)state;
    /* the real Azure wrapper run: no model_args at all; the backend names the model */
    fixture *f = fx_new();
    assert_int_equal(fx_load_real(f, "wild/lm-eval-0.4/azure-wrapper_aibe_400KB.json"), LR_OK);
    assert_true(has_diag(f, LR_WARNING, "/config/model",
                         "no model name in the file (no config.model_args); using the backend "
                         "config.model \"AzureOpenAIWrapper\""));
    assert_close(get_obs(f, "AzureOpenAIWrapper", "aibe", "acc", 0, NULL)->value, 72.0);
    fx_free(f);

    /* model_args without a model entry (edited here from a real file): the backend, warned */
    size_t len;
    char *text = real_bytes("lm-eval/v0.4.2_wmdp_group_openai-chat_results.json", &len);
    text = replace(text, "\"model_args\": \"model=gpt-3.5-turbo-0125\"", "\"model_args\": \"\"");
    f = fx_with_good_data();
    assert_int_equal(fx_load(f, scratch("adapters-nomodel", "results.json", text), NULL), LR_OK);
    assert_true(has_diag(f, LR_WARNING, "/config/model",
                         "no model name in the file (no pretrained= or model= in "
                         "config.model_args); using the backend config.model "
                         "\"openai-chat-completions\""));
    assert_int_equal(count(f, "openai-chat-completions", ANY, ANY), 4);
    assert_good_data_intact(f);
    fx_free(f);

    /* and without the backend either: the file name */
    text = replace(text, "\"model\": \"openai-chat-completions\"", "\"model\": null");
    f = fx_new();
    assert_int_equal(fx_load(f, scratch("adapters-nomodel", "results_x.json", text), NULL), LR_OK);
    assert_true(has_diag(f, LR_WARNING, "/config",
                         "no model name in the file (no pretrained= or model= in "
                         "config.model_args); using the file name \"results_x\""));
    assert_int_equal(count(f, "results_x", ANY, ANY), 4);
    fx_free(f);

    /* a top-level "model" key names it too */
    text = replace(text, "\"results\": {", "\"model\": \"gpt-3.5-turbo-0125\", \"results\": {");
    f = fx_new();
    assert_int_equal(fx_load(f, scratch("adapters-nomodel", "results_y.json", text), NULL), LR_OK);
    assert_int_equal(count(f, "gpt-3.5-turbo-0125", ANY, ANY), 4);
    assert_int_equal(count_diags(f, LR_WARNING), 0);
    free(text);
    fx_free(f);
}

static void test_broken_bigcode_model_type(void **state)
{
    (void)state;
    size_t len;
    char *text = real_bytes("bigcode/starcoder2_3b_evaluation_humaneval.json", &len);
    text = replace(text, "\"model\": \"bigcode/starcoder2-3b\"", "\"model\": 3");
    fixture *f = fx_with_good_data();
    assert_int_equal(fx_load(f, scratch("adapters-bc", "humaneval.json", text), "bigcode"),
                     LR_ETYPE);
    assert_string_equal(f->err.message, "\"config.model\" (the model) must be a string");
    assert_string_equal(f->err.pointer, "/config/model");
    assert_int_equal(lr_store_count(f->store), 2);
    assert_good_data_intact(f);
    free(text);
    fx_free(f);
}

static void test_broken_wrong_adapter(void **state)
{
    (void)state;
    fixture *f = fx_with_good_data();
    assert_int_equal(
        fx_load(f, real_path("lm-eval/v0.4.7_rwkv7_lambada_perplexity_results.json"), "eee"),
        LR_EFORMAT);
    assert_string_equal(f->err.message,
                        "not an Every Eval Ever record: \"evaluation_results\" must be a list");
    assert_string_equal(f->err.pointer, "/evaluation_results");
    assert_int_equal(fx_load(f, real_path("lm-eval/v0.3_bloom-7b1_bbh_3-shot.json"), "bigcode"),
                     LR_EFORMAT);
    assert_string_equal(f->err.message, "not a bigcode-evaluation-harness file: it has "
                                        "\"results\" (an lm-evaluation-harness or leaderboard "
                                        "file?)");
    assert_int_equal(fx_load(f, real_path("bigcode/Yi-34B_mbpp_pass@10.json"), "lm-eval"),
                     LR_EFORMAT);
    assert_string_equal(f->err.pointer, "/results");
    assert_int_equal(
        fx_load(f,
                real_path("open-llm-leaderboard-v2/eee-v0.2.0_hfopenllm_v2_01-ai_Yi-1.5-34B.json"),
                "oll-table"),
        LR_EFORMAT);
    assert_string_equal(f->err.message,
                        "not an Open LLM Leaderboard table: expected a list of rows");
    assert_int_equal(fx_load(f, real_path("lm-eval/v0.3_bloom-7b1_bbh_3-shot.json"), "oll-v1"),
                     LR_EFORMAT);
    assert_string_equal(f->err.message,
                        "not an Open LLM Leaderboard results file: no \"config_general\" object "
                        "and no \"harness|task|shots\" keys");
    assert_int_equal(lr_store_count(f->store), 2);
    assert_int_equal(lr_store_source_count(f->store), 1);
    assert_good_data_intact(f);
    fx_free(f);
}

static void test_broken_csv_saved_as_json(void **state)
{
    (void)state;
    size_t len;
    char *text = real_bytes("dsdanielpark-report/assets_20230523.csv", &len);
    fixture *f = fx_with_good_data();
    assert_int_equal(fx_load(f, scratch("adapters-csvjson", "20230523.json", text), NULL),
                     LR_EPARSE);
    /* column 4: after the three BOM bytes */
    assert_int_equal(f->err.line, 1);
    assert_int_equal(f->err.column, 4);
    assert_string_equal(f->err.message, "expected a value before 'M'");
    assert_good_data_intact(f);
    free(text);
    fx_free(f);
}

static void test_broken_csv_truncated(void **state)
{
    (void)state;
    size_t len;
    char *text = real_bytes("dsdanielpark-report/assets_20230523.csv", &len);
    text[len / 2] = '\0';
    int line = 1, fields = 1;
    for (size_t i = 0; i < len / 2; i++) {
        if (text[i] == '\n') {
            line++;
            fields = 1;
        } else if (text[i] == ',') {
            fields++;
        }
    }
    fixture *f = fx_with_good_data();
    assert_int_equal(fx_load(f, scratch("adapters-csvcut", "assets_20230523.csv", text), NULL),
                     LR_OK);
    assert_int_equal(line, 26);
    assert_int_equal(fields, 2);
    assert_true(has_diag_at_line(f, LR_WARNING, 26, "row has 2 fields, the header has 8; skipped"));
    /* rows 2-25 are read: 24 models, none with 0.0 */
    assert_int_equal(lr_store_count(f->store), 2 + 24 * 5);
    assert_good_data_intact(f);
    free(text);
    fx_free(f);
}

static void test_broken_csv_quote(void **state)
{
    (void)state;
    size_t len;
    char *text = real_bytes("dsdanielpark-report/assets_20230523.csv", &len);
    text = replace(text, "digitous/Alpacino30b,", "\"digitous/Alpacino30b,");
    fixture *f = fx_with_good_data();
    assert_int_equal(fx_load(f, scratch("adapters-csvquote", "assets_20230523.csv", text), NULL),
                     LR_EPARSE);
    assert_string_equal(f->err.message, "unterminated quoted field");
    assert_int_equal(f->err.line, 4);
    assert_int_equal(f->err.column, 1);
    assert_int_equal(lr_store_count(f->store), 2);
    assert_good_data_intact(f);
    free(text);
    fx_free(f);
}

static void test_broken_table_value_string(void **state)
{
    (void)state;
    size_t len;
    char *text = real_bytes("dsdanielpark-report/data_20230526.json", &len);
    text = replace(text, "60.4, 61.9,", "60.4, \"61.9\",");
    fixture *f = fx_new();
    assert_int_equal(fx_load(f, scratch("adapters-table", "data_20230526.json", text), NULL),
                     LR_OK);
    assert_true(has_diag(f, LR_WARNING, "/0/3", "ARC value must be a number; skipped"));
    /* that row loses ARC and its Average; the other rows are whole */
    assert_null(find(f, "tiiuae/falcon-40b", "arc_challenge", ANY, ANY_SHOTS, ANY));
    assert_null(find(f, "tiiuae/falcon-40b", "oll_average", ANY, ANY_SHOTS, ANY));
    assert_close(get_obs(f, "tiiuae/falcon-40b", "mmlu", "acc", 5, NULL)->value, 52.7);
    assert_int_equal(lr_store_count(f->store), 58 * 5 - 2);
    free(text);
    fx_free(f);
}

static void test_broken_eee_score_string(void **state)
{
    (void)state;
    size_t len;
    char *text =
        real_bytes("open-llm-leaderboard-v2/eee-v0.2.0_hfopenllm_v2_01-ai_Yi-1.5-34B.json", &len);
    text = replace(text, "\"score\": 0.1533", "\"score\": \"0.1533\"");
    fixture *f = fx_with_good_data();
    assert_int_equal(fx_load(f, scratch("adapters-eeestr", "record.json", text), NULL), LR_OK);
    assert_true(has_diag(f, LR_WARNING, "/evaluation_results/2/score_details/score",
                         "score must be a number; result skipped"));
    assert_int_equal(lr_store_count(f->store), 2 + 5);
    assert_null(find(f, ANY, "math_hard", ANY, ANY_SHOTS, ANY));
    assert_good_data_intact(f);
    free(text);
    fx_free(f);
}

/* ---- the CSV reader ------------------------------------------------------------------------- */

static void test_csv_reader(void **state)
{
    (void)state;
    static const char text[] = "\xEF\xBB\xBFModel,Note\r\n"
                               "\"a, b\",\"say \"\"hi\"\"\"\r\n"
                               "\r\n"
                               "plain,\"two\nlines\"\n"
                               "last,";
    lr_csv csv;
    lr_error err;
    assert_int_equal(lr_csv_parse(text, sizeof text - 1, "t.csv", &csv, &err), LR_OK);
    assert_int_equal(csv.n, 4);
    assert_string_equal(csv.rows[0].fields[0], "Model");
    assert_int_equal(csv.rows[1].line, 2);
    assert_string_equal(csv.rows[1].fields[0], "a, b");
    assert_string_equal(csv.rows[1].fields[1], "say \"hi\"");
    assert_int_equal(csv.rows[2].line, 4);
    assert_string_equal(csv.rows[2].fields[1], "two\nlines");
    assert_int_equal(csv.rows[3].line, 6);
    assert_int_equal(csv.rows[3].n, 2);
    assert_string_equal(csv.rows[3].fields[1], "");
    lr_csv_free(&csv);

    static const char bad1[] = "a,b\n\"x\"y,z\n";
    assert_int_equal(lr_csv_parse(bad1, sizeof bad1 - 1, "t.csv", &csv, &err), LR_EPARSE);
    assert_string_equal(err.message, "expected ',' or the end of the line after a quoted field");
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 4);
    static const char bad2[] = "a,b\nx\"y,z\n";
    assert_int_equal(lr_csv_parse(bad2, sizeof bad2 - 1, "t.csv", &csv, &err), LR_EPARSE);
    assert_string_equal(err.message, "'\"' inside an unquoted field (quote the whole field)");
    assert_int_equal(err.column, 2);
    assert_int_equal(lr_csv_parse("", 0, "t.csv", &csv, &err), LR_OK);
    assert_int_equal(csv.n, 0);
    lr_csv_free(&csv);
}

/* ---- settings: generation arguments, chat template, task hashes (docs/settings.md) ---------- */

#define R1 "wild/oll-v2/DeepSeek-R1-Distill-Llama-8B_leaderboard_hellaswag.json"
#define LLAMA31 "wild/oll-v2/Llama-3.1-8B-Instruct_leaderboard_hellaswag.json"

static void test_setting_sampled_against_greedy(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(fx_load_real(f, R1), LR_OK);
    assert_int_equal(fx_load_real(f, LLAMA31), LR_OK);
    const char *r1 = "deepseek-ai/DeepSeek-R1-Distill-Llama-8B",
               *ll = "meta-llama/Llama-3.1-8B-Instruct";
    /* config.gen_kwargs {temperature 0.6, top_p 0.95, do_sample true}: generative tasks sample */
    const lr_observation *a =
        get_obs(f, r1, "leaderboard_math_algebra_hard", "exact_match", 4, NULL);
    assert_close(a->value, 48.20846905537459);
    assert_str(a->setting->method, "T=0.6,top_p=0.95");
    assert_str(a->setting->task_hash, "556af1a5");
    const lr_observation *b =
        get_obs(f, ll, "leaderboard_math_algebra_hard", "exact_match", 4, NULL);
    assert_close(b->value, 31.596091205211724);
    assert_null(b->setting->method); /* do_sample false, temperature 0: greedy, the default */
    assert_str(b->setting->task_hash, "556af1a5");
    assert_false(lr_setting_equal(a->setting, b->setting));
    char buf[256];
    assert_string_equal(lr_setting_describe(a->setting, buf, sizeof buf),
                        "4-shot · exact_match · T=0.6,top_p=0.95 · task 556af1a5");
    /* IFEval is generative too */
    a = get_obs(f, r1, "leaderboard_ifeval", "prompt_level_strict_acc", 0, NULL);
    assert_close(a->value, 29.57486136783734);
    assert_str(a->setting->method, "T=0.6,top_p=0.95");
    /* a loglikelihood task does not decode: the same setting for both runs */
    a = get_obs(f, r1, "hellaswag", "acc_norm", 0, NULL);
    b = get_obs(f, ll, "hellaswag", "acc_norm", 0, NULL);
    assert_close(a->value, 74.35769766978689);
    assert_close(b->value, 79.29695279824737);
    assert_null(a->setting->method);
    assert_str(a->setting->task_hash, "f3c11b39");
    assert_true(lr_setting_equal(a->setting, b->setting));
    /* the run's own arguments are quoted in the source's note */
    assert_str(get_obs(f, r1, "hellaswag", "acc", 0, NULL)->source->note,
               "generation arguments of the run: temperature=0.6,top_p=0.95,do_sample=True");
    assert_null(b->source->note); /* gen_kwargs null, no chat template */
    fx_free(f);
}

static void test_setting_task_hash_and_chat(void **state)
{
    (void)state;
    fixture *f = fx_new();
    const char *ll = "meta-llama/Llama-3.1-8B-Instruct";
    assert_int_equal(fx_load_real(f, LLAMA31), LR_OK);
    /* the same file with hellaswag's task hash changed (an edit made here: no real pair of runs
     * with different hashes was found): measured differently, like a changed harness */
    assert_int_equal(
        fx_load_real_edited(f, LLAMA31, "\"hellaswag\": \"f3c11b39", "\"hellaswag\": \"0000beef"),
        LR_OK);
    const lr_observation *a = NULL, *b = NULL;
    for (size_t i = 0; i < lr_store_count(f->store); i++) {
        const lr_observation *o = lr_store_get(f->store, i);
        if (!strcmp(o->setting->benchmark, "hellaswag") && !strcmp(o->setting->metric, "acc_norm"))
            *(a ? &b : &a) = o;
    }
    assert_non_null(b);
    assert_str(a->setting->task_hash, "f3c11b39");
    assert_str(b->setting->task_hash, "0000beef");
    assert_close(a->value, b->value);
    assert_false(lr_setting_equal(a->setting, b->setting));
    fx_free(f);

    /* the same file as if run with --apply_chat_template --fewshot_as_multiturn and a system
     * prompt (edits made here: lm-eval writes these keys so; no real such file was found) */
    f = fx_new();
    assert_int_equal(fx_load_real(f, LLAMA31), LR_OK);
    assert_int_equal(fx_load_real_edited(
                         f, LLAMA31,
                         "\"system_instruction_sha\": null,\n  \"fewshot_as_multiturn\": false,\n "
                         " \"chat_template\": null,\n  \"chat_template_sha\": null",
                         "\"system_instruction_sha\": \"9A1C0F3E77\",\n  "
                         "\"fewshot_as_multiturn\": true,\n  \"chat_template\": \"{{ x }}\",\n  "
                         "\"chat_template_sha\": \"5816fce10444e03c\""),
                     LR_OK);
    const lr_observation *plain =
        get_obs(f, ll, "leaderboard_musr_murder_mysteries", "acc_norm", 0, NULL);
    assert_null(plain->setting->method);
    const lr_observation *chat = NULL, *bbh_chat = NULL, *bbh = NULL;
    for (size_t i = 0; i < lr_store_count(f->store); i++) {
        const lr_observation *o = lr_store_get(f->store, i);
        if (!strcmp(o->setting->benchmark, "leaderboard_musr_murder_mysteries") && o != plain)
            chat = o;
        if (!strcmp(o->setting->benchmark, "leaderboard_bbh_navigate"))
            *(o->setting->method ? &bbh_chat : &bbh) = o;
    }
    assert_non_null(chat);
    assert_close(chat->value, 53.2);
    /* 0-shot: multi-turn few-shot changes nothing, so no token */
    assert_str(chat->setting->method, "chat+sys=9a1c0f3e");
    assert_false(lr_setting_equal(plain->setting, chat->setting));
    assert_str(chat->source->note, "chat template 5816fce1");
    /* BBH is 3-shot: the examples are chat turns */
    assert_non_null(bbh_chat);
    assert_non_null(bbh);
    assert_int_equal(bbh_chat->setting->shots, 3);
    assert_str(bbh_chat->setting->method, "chat+multiturn+sys=9a1c0f3e");
    assert_false(lr_setting_equal(bbh->setting, bbh_chat->setting));
    fx_free(f);
}

static void test_setting_detail_and_stated_only(void **state)
{
    (void)state;
    fixture *f = fx_new();
    /* bigcode's T=0.2,top_p=0.95,n=1 against a paper's "nucleus sampling, T=0.2" (the CodeT5+
     * paper in samples/): n is detail, top_p is compared only when both state it */
    assert_int_equal(fx_load_real(f, "bigcode/Yi-34B_humaneval_pass@1.json"), LR_OK);
    assert_int_equal(fx_load(f, source_path("samples/papers/codet5p.json"), NULL), LR_OK);
    const lr_observation *yi = get_obs(f, "01-ai/Yi-34B", "humaneval", "pass@1", 0, ANY);
    assert_str(yi->setting->method, "T=0.2,top_p=0.95,n=1");
    const lr_observation *paper = get_obs(f, "CodeT5+ 2B", "humaneval", "pass@1", 0, ANY);
    assert_str(paper->setting->method, "T=0.2");
    assert_true(lr_setting_equal(yi->setting, paper->setting));
    /* the other direction: greedy, another temperature, another stated top_p never match */
    assert_true(lr_registry_method_equal("T=0.2,top_p=0.95,n=1", "T=0.2,n=200"));
    assert_true(lr_registry_method_equal("T=0.2,top_p=0.95", "top_p=0.95,T=0.2"));
    assert_true(lr_registry_method_equal("T=0", "greedy"));
    assert_false(lr_registry_method_equal("T=0.2,top_p=0.95", "T=0.2,top_p=0.9"));
    assert_false(lr_registry_method_equal("T=0.2", "T=0.8"));
    assert_false(lr_registry_method_equal("T=0.6,top_p=0.95", NULL));
    assert_false(lr_registry_method_equal("T=0.2", "greedy"));
    assert_false(lr_registry_method_equal("chat", NULL));
    assert_false(lr_registry_method_equal("chat+multiturn", "chat"));
    assert_false(lr_registry_method_equal("chat+sys=1a2b3c4d", "chat+sys=5e6f7a8b"));
    assert_false(lr_registry_method_equal("cot+sc@40", "cot"));
    assert_false(lr_registry_method_equal("T=0.2 (re-run)", "T=0.2"));
    assert_false(lr_registry_method_equal("max_gen_toks=10", NULL));
    fx_free(f);
}

static void test_setting_run_overrides_length(void **state)
{
    (void)state;
    fixture *f = fx_new();
    /* --gen_kwargs until=.,max_gen_toks=10 on wmdp: the overridden length is part of the setting */
    assert_int_equal(fx_load_real(f, "lm-eval/v0.4.2_wmdp_group_openai-chat_results.json"), LR_OK);
    const lr_observation *o = get_obs(f, "gpt-3.5-turbo-0125", "wmdp_bio", "exact_match", 0, NULL);
    assert_str(o->setting->method, "max_gen_toks=10");
    /* the group's members agree: the group has their method */
    o = get_obs(f, "gpt-3.5-turbo-0125", "wmdp", "exact_match", 0, NULL);
    assert_str(o->setting->method, "max_gen_toks=10");
    assert_str(o->source->note, "generation arguments of the run: until=.,max_gen_toks=10");
    fx_free(f);
}

/* ---- groups, leaves and aggregates (issue: numbers shown wrong or hidden) ------------------- */

/* No two observations of one source share a model and setting. */
static void assert_settings_distinct(const fixture *f)
{
    size_t n = lr_store_count(f->store);
    for (size_t i = 0; i < n; i++) {
        const lr_observation *a = lr_store_get(f->store, i);
        for (size_t j = i + 1; j < n; j++) {
            const lr_observation *b = lr_store_get(f->store, j);
            if (a->source == b->source && !strcmp(a->model, b->model) &&
                lr_setting_equal(a->setting, b->setting)) {
                fprintf(stderr, "%s and %s share a setting\n", a->locator, b->locator);
                fail();
            }
        }
    }
}

static void test_truthfulqa_mc_same_in_v03_and_v04(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(fx_load_real(f, "wild/lm-eval-0.3/nous_Nereus-7B_truthfulqa.json"), LR_OK);
    assert_int_equal(
        fx_load_real(f, "wild/lm-eval-0.4/v0.4.2_Llama-3-8B-Instruct_truthfulqa_gen_mc.json"),
        LR_OK);
    assert_settings_distinct(f);
    const char *ll = "meta-llama/Meta-Llama-3-8B-Instruct";
    /* v0.3: truthfulqa_mc with mc1/mc2; v0.4: tasks truthfulqa_mc1/_mc2 with acc */
    const lr_observation *a = get_obs(f, "saucam/Nereus-7B", "truthfulqa", "mc2", 0, NULL);
    const lr_observation *b = get_obs(f, ll, "truthfulqa", "mc2", 0, NULL);
    assert_close(a->value, 54.318982425);
    assert_close(b->value, 51.714520235);
    assert_str(b->locator, "/results/truthfulqa_mc2/acc,none");
    assert_true(lr_setting_equal(a->setting, b->setting));
    /* the leaf is the benchmark, not a member of its own group */
    assert_int_equal(b->setting->flags, 0);
    assert_null(b->setting->parent);
    const lr_observation *mc1 = get_obs(f, ll, "truthfulqa", "mc1", 0, NULL);
    assert_close(mc1->value, 36.230110159);
    assert_true(lr_setting_equal(
        mc1->setting, get_obs(f, "saucam/Nereus-7B", "truthfulqa", "mc1", 0, NULL)->setting));
    /* the group (mean of mc1 and mc2) stays apart, with the rule the file's numbers show */
    const lr_observation *g = get_obs(f, ll, "truthfulqa", "acc", 0, NULL);
    assert_close(g->value, 43.972315197);
    assert_int_equal(g->setting->flags, LR_OBS_AGGREGATE);
    assert_str(g->setting->rule, "mean of 2 subtasks");
    assert_false(lr_setting_equal(g->setting, b->setting));
    char buf[256];
    assert_string_equal(lr_setting_describe(g->setting, buf, sizeof buf),
                        "0-shot · acc · mean of 2 subtasks");
    fx_free(f);
}

/* MCC (lm-eval's cola) is a correlation, -1 to 1, not a proportion: kept as written, never
 * taken ×100 nor refused when below 0, while the same files' accuracies and F1 are percentages.
 * Two real GLUE runs (tests/data/lm-eval/SOURCES.md): a full lm-eval 0.4 file, and a script's
 * {model, tasks, num_fewshot, results} whose model is a path on the machine that ran it. */
static void test_lmeval_mcc_glue(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(
        fx_load(
            f,
            source_path(
                "tests/data/lm-eval/rwkv7-2.9B-world_glue_results_2025-02-24T21-32-52.744317.json"),
            NULL),
        LR_OK);
    const char *m = "fla-hub/rwkv7-2.9B-world";
    assert_int_equal(lr_store_count(f->store), 11);
    const lr_observation *o = get_obs(f, m, "cola", "mcc", 0, NULL);
    assert_close(o->value, 0.025845628245246572);
    assert_close(o->stderr_, 0.031363267772649465);
    assert_int_equal(o->n, 1043);
    assert_false(o->setting->bounded);
    assert_true(o->setting->higher_is_better);
    assert_str(o->setting->benchmark_display, "CoLA");
    assert_null(o->setting->method);
    assert_null(o->setting->variant);
    assert_str(o->locator, "/results/cola/mcc,none");
    o = get_obs(f, m, "mrpc", "f1", 0, NULL);
    assert_close(o->value, 85.354330709);
    assert_close(o->stderr_, 1.5069864575343074);
    assert_true(o->setting->bounded);
    o = get_obs(f, m, "mnli_mismatched", "acc", 0, NULL);
    assert_close(o->value, 39.340927583);
    assert_int_equal(o->n, 9832);
    assert_str(o->source->model_args,
               "pretrained=fla-hub/rwkv7-2.9B-world,trust_remote_code=True,add_bos_token=True");
    assert_int_equal(count_diags(f, LR_WARNING), 0);
    assert_settings_distinct(f);
    fx_free(f);

    f = fx_new();
    assert_int_equal(
        fx_load(f,
                source_path(
                    "tests/data/lm-eval/rwkv7-1.47B-pile_glue_results_2025-03-05T00-33-06.json"),
                NULL),
        LR_OK);
    /* "/workspace/RWKV-x070-Pile-1.47B-20241210-ctx4096": the folder that names the model */
    m = "RWKV-x070-Pile-1.47B-20241210-ctx4096";
    assert_int_equal(count(f, m, ANY, ANY), lr_store_count(f->store));
    o = get_obs(f, m, "cola", "mcc", 0, NULL); /* num_fewshot 0 at the top */
    assert_close(o->value, -0.00034019924859577224);
    assert_close(o->stderr_, 0.031010003773358896);
    assert_false(o->setting->bounded);
    o = get_obs(f, m, "glue", "mcc", 0, NULL); /* the group's mcc is CoLA's */
    assert_close(o->value, -0.00034019924859577224);
    assert_false(o->setting->bounded);
    assert_str(o->setting->benchmark_display, "GLUE");
    assert_close(get_obs(f, m, "glue", "acc", 0, NULL)->value, 40.785790853);
    assert_close(get_obs(f, m, "glue", "f1", 0, NULL)->value, 53.404441634);
    o = get_obs(f, m, "sst2", "acc", 0, NULL);
    assert_close(o->value, 53.78440367);
    assert_close(o->stderr_, 1.6893256723229545);
    assert_int_equal(count_diags(f, LR_WARNING), 0);
    fx_free(f);
}

/* A model named by a path on the machine that ran it is shown by the folder that names the
 * model, never by the folders above it (a user's home); a checkpoint or a bare size keeps the
 * model's folder; Hugging Face ids and cache folders are org/name. */
static void test_model_names_from_paths(void **state)
{
    (void)state;
    fixture *f = fx_new();
    static const char *const cases[][2] = {
        {"/home/user/models/llama-7b", "llama-7b"},
        {"/home/user/models/llama-7b/", "llama-7b"},
        {"/mnt/data/runs/llama-7b/checkpoint-500", "llama-7b/checkpoint-500"},
        {"./out/llama-7b/step_1000", "llama-7b/step_1000"},
        {"/home/alice/checkpoint-500", "checkpoint-500"},
        {"/home/alice", "unnamed local model"},
        {"~/models/Mistral-7B-v0.1/hf", "Mistral-7B-v0.1"},
        {"/root/.cache/huggingface/hub/models--meta-llama--Llama-2-7b-hf/snapshots/"
         "01c7f73d771dfac7d292323805ebc428287df4f9",
         "meta-llama/Llama-2-7b-hf"},
        {"C:\\Users\\bob\\models\\phi-2", "phi-2"},
        {"/gaueko1/hizkuntza-ereduak/LLaMA/lm/huggingface/13B", "LLaMA/13B"},
        {"meta-llama/Llama-2-7b-hf", "meta-llama/Llama-2-7b-hf"},
        {"gpt2", "gpt2"},
        {"openrouter/google/gemini-3-pro-preview", "openrouter/google/gemini-3-pro-preview"},
        {"models/llama-7b", "models/llama-7b"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *got = lr_ingest_model_name(f->store, cases[i][0]);
        if (strcmp(got, cases[i][1]))
            fail_msg("%s -> %s, expected %s", cases[i][0], got, cases[i][1]);
    }
    assert_str(lr_ingest_args_shown(f->store, "pretrained=/home/u/models/llama-7b,dtype=float16"),
               "pretrained=\xe2\x80\xa6/llama-7b,dtype=float16");
    assert_str(lr_ingest_args_shown(f->store, "pretrained=EleutherAI/pythia-70m,dtype=float16"),
               "pretrained=EleutherAI/pythia-70m,dtype=float16");

    /* a real v0.3 run: pretrained=/gaueko1/.../LLaMA/lm/huggingface/13B is LLaMA 13B, and no
     * folder of that machine reaches the model */
    assert_int_equal(fx_load_real(f, "wild/lm-eval-0.3/llama-13B_mmlu_5-shot.json"), LR_OK);
    const lr_observation *o = get_obs(f, "LLaMA 13B", "mmlu_college_biology", "acc", 5, NULL);
    assert_close(o->value, 45.833333333);
    assert_str(o->source->model_args, "pretrained=\xe2\x80\xa6/LLaMA/13B,use_accelerate=True");
    for (size_t i = 0; i < lr_store_count(f->store); i++)
        assert_null(strstr(lr_store_get(f->store, i)->model, "gaueko1"));
    fx_free(f);
}

static void test_mmlu_v03_subjects_mean(void **state)
{
    (void)state;
    fixture *f = fx_new();
    /* 57 hendrycksTest-* tasks and no MMLU row: the model adds their mean */
    assert_int_equal(fx_load_real(f, "wild/lm-eval-0.3/llama-13B_mmlu_5-shot.json"), LR_OK);
    const char *m = "LLaMA 13B"; /* pretrained=/gaueko1/.../LLaMA/lm/huggingface/13B */
    assert_int_equal(count(f, m, ANY, "acc"), 57 + 1);
    const lr_observation *o = get_obs(f, m, "mmlu", "acc", 5, NULL);
    assert_close(o->value, 45.262119965);
    assert_int_equal(o->setting->flags, LR_OBS_AGGREGATE);
    assert_str(o->setting->rule, "mean of 57 subjects");
    assert_str(o->locator, "/results");
    assert_str(o->source->file, real_path("wild/lm-eval-0.3/llama-13B_mmlu_5-shot.json"));
    const lr_observation *s = get_obs(f, m, "mmlu_college_biology", "acc", 5, NULL);
    assert_close(s->value, 45.833333333);
    assert_str(s->setting->parent, "mmlu");
    assert_int_equal(lr_aggregate_hidden(f->store, NULL), 0);
    assert_int_equal(count_diags(f, LR_WARNING), 0);
    fx_free(f);

    /* an lm-eval 0.4 file has the MMLU group row: no second mean */
    f = fx_new();
    assert_int_equal(
        fx_load_real(f, "wild/lm-eval-0.4/v0.4.2_Llama-3-8B-Instruct_mmlu_groups.json"), LR_OK);
    assert_int_equal(count(f, ANY, "mmlu", ANY), 1);
    o = get_obs(f, "meta-llama/Meta-Llama-3-8B-Instruct", "mmlu", "acc", 5, NULL);
    assert_close(o->value, 65.816835209);
    /* without n-samples the sizes are unknown, and the plain mean of the four categories is
     * not the value: the rule cannot be told */
    assert_str(o->setting->rule, "rule not stated");
    assert_settings_distinct(f);
    assert_int_equal(lr_aggregate_hidden(f->store, NULL), 0);
    fx_free(f);

    /* subjects missing: no mean, and the numbers are counted as shown nowhere */
    f = fx_new();
    assert_int_equal(fx_load(f,
                             source_path("tests/data/oll-v1/example-org/example-13b-legacy/"
                                         "results_2023-07-19T10-20-30.000000.json"),
                             NULL),
                     LR_OK);
    const lr_observation *example;
    /* 55 subjects in the file, virology's acc and acc_norm NaN: 54 x 2 numbers */
    assert_int_equal(lr_aggregate_hidden(f->store, &example), 54 * 2);
    assert_non_null(example);
    assert_str(example->setting->parent, "mmlu");
    fx_free(f);
}

static void test_lmeval_empty_groups_get_means(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(fx_load_real(f, R1), LR_OK);
    assert_settings_distinct(f);
    const char *r1 = "deepseek-ai/DeepSeek-R1-Distill-Llama-8B";
    /* lm-eval 0.4.7's leaderboard groups have rows {" ": " "}: the model computes the mean */
    const lr_observation *o = get_obs(f, r1, "leaderboard_bbh", "acc_norm", 3, NULL);
    assert_close(o->value, 41.418994342);
    assert_int_equal(o->setting->flags, LR_OBS_AGGREGATE);
    assert_null(o->setting->parent);
    assert_str(o->setting->rule,
               "mean of 24 subtasks (computed by llmreport: the file gives the group no value)");
    assert_str(o->locator, "/results/leaderboard_bbh");
    /* leaderboard_math_hard keeps its name, like every leaderboard_* task; the sampled
     * decoding of its members is the group's */
    o = get_obs(f, r1, "leaderboard_math_hard", "exact_match", 4, NULL);
    assert_close(o->value, 27.567208482);
    assert_str(o->setting->method, "T=0.6,top_p=0.95");
    assert_str(
        get_obs(f, r1, "leaderboard_math_algebra_hard", "exact_match", 4, NULL)->setting->parent,
        "leaderboard_math_hard");
    /* each shown under the leaderboard's name, its own id kept (registry data) */
    assert_str(o->setting->benchmark_display, "MATH Lvl 5 (OLL v2)");
    assert_str(get_obs(f, r1, "leaderboard_bbh", "acc_norm", 3, NULL)->setting->benchmark_display,
               "BBH (OLL v2)");
    static const char *const shown[][2] = {
        {"leaderboard_bbh_boolean_expressions", "BBH (OLL v2): boolean expressions"},
        {"leaderboard_bbh_web_of_lies", "BBH (OLL v2): web of lies"},
        {"leaderboard_math_counting_and_prob_hard",
         "MATH Lvl 5 (OLL v2): counting and probability"},
        {"leaderboard_math_num_theory_hard", "MATH Lvl 5 (OLL v2): number theory"},
        {"leaderboard_gpqa_diamond", "GPQA (OLL v2): diamond"},
        {"leaderboard_musr_murder_mysteries", "MuSR (OLL v2): murder mysteries"},
        {"leaderboard_gpqa", "GPQA (OLL v2)"},
        {"leaderboard_musr", "MuSR (OLL v2)"},
        {"leaderboard_ifeval", "IFEval (OLL v2)"},
        {"leaderboard_mmlu_pro", "MMLU-Pro (OLL v2)"},
    };
    for (size_t i = 0; i < sizeof shown / sizeof *shown; i++) {
        int met = 0;
        for (size_t k = 0; k < lr_store_count(f->store); k++) {
            const lr_setting *s = lr_store_get(f->store, k)->setting;
            if (!strcmp(s->benchmark, shown[i][0])) {
                assert_str(s->benchmark_display, shown[i][1]);
                met++;
            }
        }
        assert_true(met > 0);
    }
    assert_close(get_obs(f, r1, "leaderboard_gpqa", "acc_norm", 0, NULL)->value, 29.727217227);
    assert_close(get_obs(f, r1, "leaderboard_musr", "acc_norm", 0, NULL)->value, 38.019791667);
    assert_int_equal(lr_aggregate_hidden(f->store, NULL), 0);
    /* and they reach the overview */
    assert_int_equal(fx_load_real(f, LLAMA31), LR_OK);
    lr_overview ov;
    assert_int_equal(lr_overview_build(f->store, NULL, &ov), LR_OK);
    int bbh = 0, musr = 0;
    for (size_t c = 0; c < ov.n_cols; c++) {
        bbh |= !strcmp(ov.cols[c].benchmark, "leaderboard_bbh");
        musr |= !strcmp(ov.cols[c].benchmark, "leaderboard_musr");
    }
    assert_true(bbh && musr);
    lr_overview_free(&ov);
    fx_free(f);

    /* the fixture's suite "leaderboard" over leaderboard_bbh: BBH is a headline of its own */
    f = fx_new();
    assert_int_equal(
        fx_load(f, source_path("tests/data/lm-eval/nested-groups-filters_results.json"), NULL),
        LR_OK);
    o = get_obs(f, ANY, "leaderboard_bbh", "acc_norm", 3, NULL);
    assert_close(o->value, 70.0);
    assert_null(o->setting->parent);
    assert_int_equal(count(f, ANY, "leaderboard", ANY), 0);
    fx_free(f);
}

/* ---- the overview's columns (issue: a column never mixes settings) -------------------------- */

static const lr_column *overview_col(const lr_overview *ov, const char *benchmark)
{
    for (size_t c = 0; c < ov->n_cols; c++)
        if (!strcmp(ov->cols[c].benchmark, benchmark))
            return &ov->cols[c];
    return NULL;
}

static void test_overview_columns_at_one_setting(void **state)
{
    (void)state;
    fixture *f = fx_new();
    /* two real leaderboard runs: R1 sampled its generative tasks (T=0.6, top_p 0.95), Llama
     * decoded greedily; plus a --limit 100 run (WMDP, every value 100) and a perplexity run */
    assert_int_equal(fx_load_real(f, R1), LR_OK);
    assert_int_equal(fx_load_real(f, LLAMA31), LR_OK);
    assert_int_equal(fx_load_real(f, "lm-eval/v0.4.2_wmdp_group_openai-chat_results.json"), LR_OK);
    assert_int_equal(fx_load_real(f, "lm-eval/v0.4.7_rwkv7_lambada_perplexity_results.json"),
                     LR_OK);
    lr_overview ov;
    assert_int_equal(lr_overview_build(f->store, NULL, &ov), LR_OK);
    /* both models measured hellaswag and BBH alike: columns of two reference cells */
    const lr_column *c = overview_col(&ov, "hellaswag");
    assert_non_null(c);
    assert_int_equal(c->n_ref, 2);
    c = overview_col(&ov, "leaderboard_bbh");
    assert_non_null(c);
    assert_int_equal(c->n_ref, 2);
    for (size_t k = 0; k < ov.n_cols; k++) {
        /* no column holds fewer than two models at its setting */
        assert_true(ov.cols[k].n_ref >= 2);
        assert_true(ov.cols[k].ref.bounded);
    }
    /* MATH-hard and IFEval: two models, but each at its own decoding: no comparison */
    assert_null(overview_col(&ov, "leaderboard_math_hard"));
    assert_null(overview_col(&ov, "leaderboard_ifeval"));
    /* the limited run and the one-model perplexity are not columns */
    assert_null(overview_col(&ov, "wmdp"));
    assert_null(overview_col(&ov, "lambada"));
    lr_overview_free(&ov);
    fx_free(f);
}

static void test_overview_non_percent_and_limited(void **state)
{
    (void)state;
    fixture *f = fx_new();
    /* the real lambada run, and the same file under another model name (an edit made here: no
     * second real perplexity run of lambada was found) with a higher perplexity */
    const char *rel = "lm-eval/v0.4.7_rwkv7_lambada_perplexity_results.json";
    assert_int_equal(fx_load_real(f, rel), LR_OK);
    size_t len;
    char *text = real_bytes(rel, &len);
    text = replace(text, "14.451282557750991", "20.5");
    char *edited = text;
    while ((edited = strstr(edited, "SmerkyG/RWKV7-Goose-0.1B-Pile-HF")))
        memcpy(edited, "SmerkyG/RWKV7-Other-0.1B-Pile-HF", 32);
    assert_int_equal(fx_load(f, scratch("adapters-ppl", "results.json", text), NULL), LR_OK);
    free(text);
    const lr_observation *o =
        get_obs(f, "SmerkyG/RWKV7-Other-0.1B-Pile-HF", "lambada", "perplexity", 0, NULL);
    assert_close(o->value, 20.5);
    /* two models at one setting of perplexity and of acc: lambada's reference is acc (the
     * registry's default) */
    lr_overview ov;
    assert_int_equal(lr_overview_build(f->store, NULL, &ov), LR_OK);
    const lr_column *c = overview_col(&ov, "lambada");
    assert_non_null(c);
    assert_str(c->ref.metric, "acc");
    lr_overview_free(&ov);

    /* a config that asks for perplexity: the column is shown at it, lower is better, and no
     * cell is bolded (its scale is not the others' percent) */
    lr_config cfg;
    lr_config_init(&cfg);
    const char *benchmarks[] = {"lambada"};
    lr_ref_setting ref;
    memset(&ref, 0, sizeof ref);
    ref.benchmark = "lambada";
    ref.metric = "perplexity";
    ref.shots = LR_SHOTS_UNKNOWN;
    cfg.benchmarks = benchmarks;
    cfg.n_benchmarks = 1;
    cfg.refs = &ref;
    cfg.n_refs = 1;
    assert_int_equal(lr_overview_build(f->store, &cfg, &ov), LR_OK);
    assert_int_equal(ov.n_cols, 1);
    assert_str(ov.cols[0].ref.metric, "perplexity");
    assert_int_equal(ov.cols[0].ref.bounded, 0);
    assert_int_equal(ov.cols[0].ref.higher_is_better, 0);
    assert_int_equal(ov.cols[0].n_ref, 2);
    for (size_t r = 0; r < ov.n_rows; r++)
        assert_false(lr_overview_cell(&ov, r, 0)->best);
    /* and no average over a perplexity */
    assert_false(ov.show_average);
    lr_overview_free(&ov);
    fx_free(f);

    /* the --limit 100 WMDP run (every value 100) is never a column's reference setting: its
     * cells are shown as measured differently, never ranked */
    f = fx_new();
    assert_int_equal(fx_load_real(f, "lm-eval/v0.4.2_wmdp_group_openai-chat_results.json"), LR_OK);
    o = get_obs(f, "gpt-3.5-turbo-0125", "wmdp", "exact_match", 0, NULL);
    assert_true(o->setting->flags & LR_OBS_LIMITED);
    lr_setting r;
    int configured;
    assert_false(lr_reference_setting(f->store, NULL, "wmdp", &r, &configured));
    lr_config_free(&cfg);
    fx_free(f);
}

/* ---- Inspect AI logs (tests/data/inspect/SOURCES.md: real logs from Inspect's own tests) ---- */

static lr_status fx_load_inspect(fixture *f, const char *name)
{
    char rel[256];
    snprintf(rel, sizeof rel, "tests/data/inspect/%s", name);
    return fx_load(f, source_path(rel), NULL); /* sniffed */
}

/* Several metrics and several scorers. A real log (Every Eval Ever's converter tests, SOURCES.md)
 * whose one scorer reports accuracy, mean and std over 4 epochs; and, as no real log with two
 * scorers was found, the real log_formats.json with a second scorer added here. Each scorer is a
 * variant of its own (two scorers are two ways of grading), accuracy is a proportion (×100), a
 * mean stays on the scorer's scale, std is the spread of the scores (neither a result nor a
 * standard error), and each scorer's stderr belongs to it alone. */
static void test_inspect_scorers(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(fx_load_inspect(f, "eee_data_cyse2_vuln_exploit_challenges.json"), LR_OK);
    const char *m = "mistral/mistral-large-latest";
    assert_int_equal(lr_store_count(f->store), 2);
    const lr_observation *o =
        get_obs(f, m, "cyse2_vulnerability_exploit", "acc", LR_SHOTS_UNKNOWN, "vul_exploit_scorer");
    assert_close(o->value, 38.108974358974373);
    assert_true(o->stderr_ < 0);
    assert_true(o->setting->bounded);
    assert_str(o->setting->method, "T=0.75,n=4");
    assert_int_equal(o->n, 2340);
    assert_int_equal(o->setting->flags, 0);
    assert_str(o->locator, "/results/scores/0/metrics/accuracy/value");
    assert_str(o->source->harness, "Inspect AI 0.3.75");
    o = get_obs(f, m, "cyse2_vulnerability_exploit", "mean", LR_SHOTS_UNKNOWN,
                "vul_exploit_scorer");
    assert_close(o->value, 0.38108974358974357);
    assert_false(o->setting->bounded);
    assert_true(o->stderr_ < 0);
    assert_int_equal(count(f, ANY, ANY, "std"), 0);
    assert_settings_distinct(f);
    fx_free(f);

    size_t len;
    char *text = read_text(source_path("tests/data/inspect/log_formats.json"), &len);
    assert_non_null(text);
    text =
        replace(text,
                "            \"options\": {}\n          }\n        }\n      }\n    ],\n    "
                "\"sample_reductions\"",
                "            \"options\": {}\n          }\n        }\n      },\n      {\"name\": "
                "\"includes\", \"scorer\": \"includes\", \"params\": {}, \"metrics\": "
                "{\"accuracy\": {\"name\": \"accuracy\", \"value\": 1.0}, \"stderr\": "
                "{\"name\": \"stderr\", \"value\": 0.5}}}\n    ],\n    \"sample_reductions\"");
    f = fx_new();
    assert_int_equal(fx_load(f, scratch("adapters-inspect", "two_scorers.json", text), NULL),
                     LR_OK);
    free(text);
    m = "ollama/llama3.1";
    assert_int_equal(lr_store_count(f->store), 2);
    const lr_observation *match = get_obs(f, m, "popularity", "acc", ANY_SHOTS, "match");
    const lr_observation *incl = get_obs(f, m, "popularity", "acc", ANY_SHOTS, "includes");
    assert_close(match->value, 0.0);
    assert_close(match->stderr_, 0.0);
    assert_close(incl->value, 100.0);
    assert_close(incl->stderr_, 50.0);
    assert_str(incl->locator, "/results/scores/1/metrics/accuracy/value");
    assert_int_equal(match->setting->flags & LR_OBS_LIMITED, LR_OBS_LIMITED); /* limit 1 of 100 */
    assert_int_equal(incl->setting->flags & LR_OBS_LIMITED, LR_OBS_LIMITED);
    assert_false(lr_setting_equal(match->setting, incl->setting));
    assert_settings_distinct(f);
    fx_free(f);
}

static void test_inspect_logs(void **state)
{
    (void)state;
    /* results.scores is a list: the lm-eval sniffers once crashed on such a file */
    assert_str(claimed_by(source_path("tests/data/inspect/log_formats.json")), "inspect");
    assert_str(claimed_by(source_path("tests/data/inspect/eee_data_with_llm_scoring.json")),
               "inspect");
    fixture *f = fx_new();
    /* a cancelled run of 3 of the task's 100 samples, with a system message */
    assert_int_equal(fx_load_inspect(f, "2025-05-12T20-28-13-04-00_popularity.json"), LR_OK);
    const lr_observation *o =
        get_obs(f, "openai/gpt-4o-mini", "popularity", "acc", LR_SHOTS_UNKNOWN, "match");
    assert_close(o->value, 66.666666667);
    assert_close(o->stderr_, 33.333333333);
    assert_int_equal(o->n, 3);
    assert_int_equal(o->setting->flags, LR_OBS_LIMITED);
    assert_str(o->setting->method, "sys=21d425fb"); /* sha256 of the template, as lm-eval's */
    assert_str(o->locator, "/results/scores/0/metrics/accuracy/value");
    assert_str(o->source->kind, "inspect");
    assert_str(o->source->harness, "Inspect AI 0.3.95.dev16+g6527d0861");
    assert_str(o->source->date, "2025-05-13T00:28:13Z");
    assert_str(o->source->note, "run cancelled: scores over the samples completed; limit 3 of "
                                "100 samples; solvers: system_message, generate; decoding: the "
                                "provider's defaults");
    assert_int_equal(count(f, ANY, ANY, ANY), 1); /* stderr is the accuracy's, not a score */

    /* the same task with one sample at temperature 1, by two models */
    assert_int_equal(fx_load_inspect(f, "log_formats.json"), LR_OK);
    assert_int_equal(
        fx_load_inspect(f, "2024-08-29T15-11-17+00-00_popularity_5EAmX6wjMFqea6WY7XHzZp.json"),
        LR_OK);
    const lr_observation *a =
        get_obs(f, "ollama/llama3.1", "popularity", "acc", LR_SHOTS_UNKNOWN, "match");
    const lr_observation *b =
        get_obs(f, "mockllm/model", "popularity", "acc", LR_SHOTS_UNKNOWN, "match");
    assert_close(a->value, 0.0);
    assert_close(b->stderr_, 0.0);
    assert_str(a->setting->method, "sys=21d425fb,T=1");
    assert_str(b->setting->method, "sys=21d425fb,T=1");
    assert_str(b->source->harness, "Inspect AI");
    /* both limited to 1 sample of 100: never compared */
    assert_int_equal(a->setting->flags, LR_OBS_LIMITED);
    assert_false(lr_setting_equal(a->setting, b->setting));
    fx_free(f);

    /* a full run (the dataset's one sample), graded by a model */
    f = fx_new();
    assert_int_equal(
        fx_load_inspect(f, "2024-11-05T13-31-45-05-00_input-task_8zXjbRzCWrL9GXiXo2vus9.json"),
        LR_OK);
    o = get_obs(f, "openai/gpt-4o-mini", "input_task", "acc", LR_SHOTS_UNKNOWN,
                "model_graded_fact");
    assert_close(o->value, 100.0);
    assert_int_equal(o->setting->flags, 0);
    assert_null(o->setting->method);
    assert_int_equal(o->n, 1);
    assert_str(o->source->date, "2024-11-05T18:31:45Z");
    fx_free(f);

    /* logs kept by Every Eval Ever's converter tests: ARC-Easy from inspect_evals by two models,
     * each on a few of its 2376 questions; and a full SimpleQA-Verified run graded by a model */
    f = fx_new();
    assert_int_equal(fx_load_inspect(f, "eee_data_arc_qwen.json"), LR_OK);
    assert_int_equal(fx_load_inspect(f, "eee_data_arc_sonnet.json"), LR_OK);
    assert_int_equal(fx_load_inspect(f, "eee_data_with_llm_scoring.json"), LR_OK);
    a = get_obs(f, "ollama/qwen2.5:0.5b", "arc_easy", "acc", LR_SHOTS_UNKNOWN, "choice");
    b = get_obs(f, "anthropic/claude-sonnet-4-0", "arc_easy", "acc", LR_SHOTS_UNKNOWN, "choice");
    assert_close(a->value, 33.333333333);
    assert_close(b->value, 100.0);
    assert_int_equal(a->n, 3);
    assert_int_equal(b->n, 5);
    assert_null(a->setting->method); /* the multiple_choice solver is the task's own */
    assert_int_equal(b->setting->flags, LR_OBS_LIMITED);
    assert_false(lr_setting_equal(a->setting, b->setting));
    assert_str(b->source->harness, "Inspect AI 0.3.138.dev45+g23fb0e7e");
    o = get_obs(f, "anthropic/claude-opus-4-6", "simpleqa_verified", "acc", LR_SHOTS_UNKNOWN,
                "simpleqa_scorer");
    assert_close(o->value, 43.1);
    assert_close(o->stderr_, 1.566794448817);
    assert_int_equal(o->n, 1000);
    assert_int_equal(o->setting->flags, 0);
    assert_null(o->setting->method); /* max_tokens only: no decoding stated */
    assert_str(o->source->date, "2026-02-06T02:15:41Z");
    assert_str(o->source->note, "solvers: generate; decoding: the provider's defaults");
    fx_free(f);

    /* the zip log format is refused with the command that converts it */
    f = fx_new();
    assert_int_equal(fx_load_inspect(f, "log_formats.eval"), LR_EFORMAT);
    assert_string_equal(f->err.message, "an Inspect AI .eval log (a zip archive): convert it with "
                                        "`inspect log convert --to json FILE`");
    assert_int_equal(lr_store_count(f->store), 0);
    fx_free(f);
}

/* ---- lighteval results (tests/data/lighteval/SOURCES.md: real lighteval 0.11 files) -------- */

#define LE_GPT52 "tests/data/lighteval/gpt-5.2/results_2025-12-12T15-11-59.471879.json"
#define LE_GEMINI_NOV                                                                              \
    "tests/data/lighteval/gemini-3-pro-preview/results_2025-11-18T18-17-53.491808.json"
#define LE_GEMINI_DEC                                                                              \
    "tests/data/lighteval/gemini-3-pro-preview/results_2025-12-12T15-23-50.919930.json"
#define LE_CLAUDE "tests/data/lighteval/claude-sonnet-4/results_2025-09-26T18-28-36.556950.json"

/* lighteval 0.8 to 0.9 (tests/data/lighteval/SOURCES.md): pass@1 estimated from several sample
 * counts ("gpqa_pass@1:4_samples", "math_pass@1:32_samples"), the generation parameters in
 * config_general, config_tasks keyed without the shots. The extraction prefix (gpqa_, math_) is
 * no part of the metric; the count is detail, except that the three estimates of one file are
 * kept apart by it; sampling at T=0.6 is the method. */
static void test_lighteval_pass_at_k(void **state)
{
    (void)state;
    fixture *f = fx_new();
    assert_int_equal(
        fx_load(
            f,
            source_path("tests/data/lighteval/olmo-2-sft/results_2025-05-13T16-25-16.698233.json"),
            NULL),
        LR_OK);
    const char *m = "Neelectric/OLMo-2-1124-7B-Instruct_SFTv02.00";
    assert_int_equal(count(f, m, "gpqa_diamond", "pass@1"), 3);
    assert_int_equal(lr_store_count(f->store), 3); /* "all" not read */
    static const struct {
        const char *variant, *method;
        double value, stderr_;
    } want[] = {
        {"1 sample", "T=0.6,top_p=0.95,n=1", 26.262626263, 3.1353050095330855},
        {"4 samples", "T=0.6,top_p=0.95,n=4", 27.146464646, 2.623471261401078},
        {"8 samples", "T=0.6,top_p=0.95,n=8", 28.03030303, 2.5774140280291995},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const lr_observation *o = get_obs(f, m, "gpqa_diamond", "pass@1", 0, want[i].variant);
        assert_close(o->value, want[i].value);
        assert_close(o->stderr_, want[i].stderr_);
        assert_str(o->setting->method, want[i].method);
        assert_true(o->setting->bounded);
        assert_int_equal(o->setting->higher_is_better, 1);
        assert_int_equal(o->n, 198);
        assert_str(o->setting->benchmark_display, "GPQA Diamond");
        assert_str(o->setting->task_hash, "50ecb6f5");
        assert_int_equal(o->setting->flags, 0);
    }
    assert_settings_distinct(f);
    /* the sampling is part of the setting, the count alone is not */
    assert_false(lr_registry_method_equal("T=0.6,top_p=0.95,n=1", NULL));
    assert_true(lr_registry_method_equal("T=0.6,top_p=0.95,n=1", "T=0.6,top_p=0.95,n=8"));
    fx_free(f);

    /* a name whose k is missing is no pass@k: kept as written (edited here from the real file) */
    size_t len;
    char *text = read_text(
        source_path("tests/data/lighteval/olmo-2-sft/results_2025-05-13T16-25-16.698233.json"),
        &len);
    assert_non_null(text);
    text = replace(text, "\"gpqa_pass@1:8_samples\": 0.28", "\"pass@k:k=&n=8\": 0.28");
    f = fx_new();
    assert_int_equal(fx_load(f, scratch("adapters-lighteval-k", "results_x.json", text), NULL),
                     LR_OK);
    free(text);
    assert_int_equal(count(f, m, "gpqa_diamond", "pass@k:k=&n=8"), 1);
    assert_int_equal(count(f, m, "gpqa_diamond", "pass@0"), 0);
    fx_free(f);

    f = fx_new();
    assert_int_equal(
        fx_load(
            f,
            source_path("tests/data/lighteval/pythia-14m/results_2025-05-02T21-28-09.714048.json"),
            NULL),
        LR_OK);
    m = "EleutherAI/pythia-14m";
    assert_int_equal(lr_store_count(f->store), 2);
    const lr_observation *o = get_obs(f, m, "aime24", "pass@1", 0, NULL); /* one count: detail */
    assert_close(o->value, 0.0);
    assert_close(o->stderr_, 0.0);
    assert_str(o->setting->method, "T=0.6,top_p=0.95,n=32");
    assert_str(o->setting->benchmark_display, "AIME 2024");
    o = get_obs(f, m, "aime24", "exact_match", 0, "extractive");
    assert_str(o->setting->method, "T=0.6,top_p=0.95");
    assert_str(o->setting->task_hash, "34f73561");
    fx_free(f);
}

static void test_lighteval_results(void **state)
{
    (void)state;
    /* told apart from the leaderboard's files (same envelope, "harness|" keys) */
    assert_str(claimed_by(source_path(LE_GPT52)), "lighteval");
    assert_str(claimed_by(source_path(LE_CLAUDE)), "lighteval");
    assert_str(claimed_by(source_path("tests/data/oll-v1/example-org/example-7b/"
                                      "results_2023-10-28T12-34-56.123456.json")),
               "oll-v1");
    fixture *f = fx_new();
    assert_int_equal(fx_load(f, source_path(LE_GPT52), NULL), LR_OK);
    assert_int_equal(fx_load(f, source_path(LE_GEMINI_NOV), NULL), LR_OK);
    assert_int_equal(fx_load(f, source_path(LE_GEMINI_DEC), NULL), LR_OK);
    assert_int_equal(fx_load(f, source_path(LE_CLAUDE), NULL), LR_OK);
    const char *gpt = "openrouter/openai/gpt-5.2", *gem = "openrouter/google/gemini-3-pro-preview";
    const lr_observation *o = get_obs(f, gpt, "lexam-en-idk", "trad_score", 0, NULL);
    /* a metric llmreport does not know stays on the file's scale */
    assert_close(o->value, 0.8885298869143781);
    assert_close(o->stderr_, 0.012659629729084016);
    assert_int_equal(o->setting->bounded, 0);
    assert_int_equal(o->setting->higher_is_better, 1);
    assert_null(o->setting->method); /* temperature 0: greedy, no token */
    assert_str(o->setting->task_hash, "0e3d3070");
    assert_str(o->locator, "/results/community|lexam-en-idk|0/trad_score");
    assert_str(o->source->kind, "lighteval");
    assert_str(o->source->harness, "lighteval");
    assert_str(o->source->date, "2025-12-12T15:11:59");
    assert_str(o->source->model_args, "provider=openrouter");
    /* config_tasks states the direction */
    o = get_obs(f, gpt, "lexam-en-idk", "idk_freq", 0, NULL);
    assert_close(o->value, 0.004846526655896607);
    assert_int_equal(o->setting->higher_is_better, 0);
    /* "all" is not read: 4 metrics per file */
    assert_int_equal(count(f, gpt, ANY, ANY), 4);
    /* one model before and after the dataset's revision: measured differently */
    const lr_observation *nov = NULL, *dec = NULL;
    for (size_t i = 0; i < lr_store_count(f->store); i++) {
        const lr_observation *p = lr_store_get(f->store, i);
        if (!strcmp(p->model, gem) && !strcmp(p->setting->metric, "trad_score"))
            *(p->setting->task_hash && !strcmp(p->setting->task_hash, "9419dfa3") ? &nov : &dec) =
                p;
    }
    assert_non_null(nov);
    assert_non_null(dec);
    assert_close(nov->value, 0.7140549273021002);
    assert_close(dec->value, 0.875605815831987);
    assert_false(lr_setting_equal(nov->setting, dec->setting));
    /* two models on the same examples: comparable */
    assert_true(lr_setting_equal(dec->setting,
                                 get_obs(f, gpt, "lexam-en-idk", "trad_score", 0, NULL)->setting));
    assert_close(get_obs(f, "openrouter/anthropic/claude-sonnet-4", "gpqa-diamond-idk",
                         "trad_score", 0, NULL)
                     ->value,
                 0.6767676767676768);
    fx_free(f);

    /* metric names with parameters, sampling, a system prompt and max_samples: the real file
     * with its names and settings edited here (no real lighteval file with them was found) */
    size_t len;
    char *text = read_text(source_path(LE_GPT52), &len);
    assert_non_null(text);
    text = replace(text, "\"trad_score\": 0.88", "\"pass@k:k=1&n=16\": 0.88");
    text = replace(text, "\"trad_score_stderr\"", "\"pass@k:k=1&n=16_stderr\"");
    text = replace(text, "\"idk_score\": 0.78", "\"extractive_match\": 0.78");
    text = replace(text, "\"max_samples\": null", "\"max_samples\": 50");
    text = replace(text, "\"temperature\": 0,", "\"temperature\": 0.6,");
    text = replace(text, "\"top_p\": null", "\"top_p\": 0.95");
    text = replace(text, "\"system_prompt\": null", "\"system_prompt\": \"abc\"");
    f = fx_new();
    assert_int_equal(fx_load(f, scratch("adapters-lighteval", "results_x.json", text), NULL),
                     LR_OK);
    free(text);
    o = get_obs(f, gpt, "lexam-en-idk", "pass@1", 0, NULL);
    assert_close(o->value, 88.852988691); /* pass@k is a proportion */
    assert_close(o->stderr_, 1.265962973);
    /* sha256("abc") = ba7816bf...; n=16 is detail */
    assert_str(o->setting->method, "sys=ba7816bf,T=0.6,top_p=0.95,n=16");
    assert_int_equal(o->setting->flags, LR_OBS_LIMITED);
    assert_str(o->source->note, "max_samples 50 per task");
    /* the hash against Python's hashlib, across the padding's edge cases */
    static const struct {
        size_t n;
        const char *hex;
    } vectors[] = {
        {0, "e3b0c442"}, {55, "9f4390f8"}, {56, "b35439a4"}, {64, "ffe054fe"}, {119, "31eba51c"}};
    for (size_t v = 0; v < sizeof vectors / sizeof vectors[0]; v++) {
        char in[128], hex[9];
        memset(in, 'a', vectors[v].n);
        in[vectors[v].n] = '\0';
        lr_sha256_hex8(in, hex);
        assert_string_equal(hex, vectors[v].hex);
    }
    o = get_obs(f, gpt, "lexam-en-idk", "exact_match", 0, "extractive");
    assert_close(o->value, 78.190630048);
    assert_str(o->setting->method, "sys=ba7816bf,T=0.6,top_p=0.95");
    fx_free(f);
}

static void test_export_csv_flags(void **state)
{
    (void)state;
    /* the real --limit 100 WMDP run: the group is an aggregate of a limited run, its members
     * members of it; the CSV says so as the JSON export does */
    fixture *f = fx_new();
    assert_int_equal(fx_load_real(f, "lm-eval/v0.4.2_wmdp_group_openai-chat_results.json"), LR_OK);
    lr_buf out = LR_BUF_INIT;
    lr_export_csv(f->store, &out);
    assert_non_null(out.data);
    const char *header = "model,benchmark,metric,shots,method,variant,value,stderr,n,unit,"
                         "higher_is_better,source_kind,source_title,source_table,source_date,"
                         "source_file,flags,parent,rule,task_hash\n";
    assert_true(!strncmp(out.data, header, strlen(header)));
    char line[1024];
    snprintf(line, sizeof line,
             "\ngpt-3.5-turbo-0125,wmdp,exact_match,0,max_gen_toks=10,,100,0,,percent,true,"
             "lm-eval,,,2024-04-04T00:44:35Z,%s,aggregate;limited,,mean of 3 subtasks,\n",
             real_path("lm-eval/v0.4.2_wmdp_group_openai-chat_results.json"));
    assert_non_null(strstr(out.data, line));
    assert_non_null(strstr(out.data, ",member;limited,wmdp,,\n"));
    lr_buf_free(&out);
    fx_free(f);
}

/* ---- leaderboard table CSVs in the scrapers' layouts (tests/data/oll-table/SOURCES.md) ------- */

static void test_olltable_csv_layouts(void **state)
{
    (void)state;
    /* v1: "t,model,average,arc,hellaswag,mmlu,truthfulqa,winogrande,gsm8k,..." */
    const char *v1 = "wild/oll-table/fboulnois_huggingface_v1_table_2024-07-07.csv";
    assert_str(claimed_by(real_path(v1)), "oll-table");
    fixture *f = fx_new();
    assert_int_equal(fx_load_real(f, v1), LR_OK);
    const char *m = "paloalma/Le_Triomphant-ECE-TW3";
    const lr_observation *o = get_obs(f, m, "arc_challenge", "acc_norm", 25, NULL);
    assert_close(o->value, 78.5);
    assert_str(o->locator, "line 2, ARC");
    assert_close(get_obs(f, m, "hellaswag", "acc_norm", 10, NULL)->value, 90.3);
    assert_close(get_obs(f, m, "mmlu", "acc", 5, NULL)->value, 77.81);
    assert_close(get_obs(f, m, "truthfulqa", "mc2", 0, NULL)->value, 75.84);
    assert_close(get_obs(f, m, "winogrande", "acc", 5, NULL)->value, 85.56);
    assert_close(get_obs(f, m, "gsm8k", "acc", 5, NULL)->value, 79.83);
    o = get_obs(f, m, "oll_average", "mean", LR_SHOTS_MIXED, "mean of 6 benchmarks (leaderboard)");
    assert_close(o->value, 81.31);
    assert_int_equal(count_diags(f, LR_WARNING), 0);
    fx_free(f);

    /* v2, 2024: "ifeval,ifeval_raw,...": the normalized score and the raw one, two variants */
    const char *v2a = "tests/data/oll-table/huggingface_v2_2024-07-23.csv";
    assert_str(claimed_by(source_path(v2a)), "oll-table");
    f = fx_new();
    assert_int_equal(fx_load(f, source_path(v2a), NULL), LR_OK);
    const char *yi = "01-ai/Yi-1.5-34B-Chat";
    const lr_observation *norm = get_obs(f, yi, "leaderboard_bbh", "acc_norm", 3, "normalized");
    const lr_observation *raw = get_obs(f, yi, "leaderboard_bbh", "acc_norm", 3, NULL);
    assert_close(norm->value, 44.26);
    assert_close(raw->value, 61.0); /* 0.61: a fraction */
    assert_false(lr_setting_equal(norm->setting, raw->setting));
    /* a chat model: run with its template, few-shot examples as turns */
    assert_str(raw->setting->method, "chat+multiturn");
    assert_str(get_obs(f, yi, "leaderboard_ifeval", "mean", 0, NULL)->setting->method, "chat");
    assert_close(get_obs(f, yi, "leaderboard_mmlu_pro", "acc", 5, "normalized")->value, 39.12);
    o = get_obs(f, yi, "oll_average", "mean", LR_SHOTS_MIXED,
                "mean of 6 benchmarks (leaderboard, normalized)");
    assert_close(o->value, 32.63);
    /* in v2 a 0 is a score (normalized scores are clipped at 0) */
    o = get_obs(f, "Qwen/Qwen1.5-110B-Chat", "leaderboard_math_hard", "exact_match", 4,
                "normalized");
    assert_close(o->value, 0.0);
    assert_true(find(f, "Qwen/Qwen1.5-110B-Chat", "oll_average", ANY, LR_SHOTS_MIXED, ANY) != NULL);
    assert_int_equal(count_diags(f, LR_WARNING), 0);
    fx_free(f);

    /* v2, 2025: "evaluations_bbh_value,evaluations_bbh_normalized_score", beside the real local
     * runs of the same two models */
    f = fx_new();
    assert_int_equal(
        fx_load(f, source_path("tests/data/oll-table/huggingface_v2_2025-06-09_rows.csv"), NULL),
        LR_OK);
    assert_int_equal(fx_load_real(f, R1), LR_OK);
    assert_int_equal(fx_load_real(f, LLAMA31), LR_OK);
    const char *ll = "meta-llama/Llama-3.1-8B-Instruct",
               *r1 = "deepseek-ai/DeepSeek-R1-Distill-Llama-8B";
    const lr_observation *board = NULL, *local = NULL;
    for (size_t i = 0; i < lr_store_count(f->store); i++) {
        const lr_observation *p = lr_store_get(f->store, i);
        if (!strcmp(p->model, ll) && !strcmp(p->setting->benchmark, "leaderboard_bbh") &&
            !strcmp(p->setting->metric, "acc_norm") && !p->setting->variant)
            *(!strcmp(p->source->kind, "leaderboard") ? &board : &local) = p;
    }
    assert_non_null(board);
    assert_non_null(local);
    assert_close(board->value, 50.870321843);
    assert_null(board->setting->method); /* run without a chat template, like the local run */
    assert_true(lr_setting_equal(board->setting, local->setting));
    /* R1 ran on the board with its chat template: not the local run's setting */
    o = get_obs(f, r1, "leaderboard_bbh", "acc_norm", 3, "normalized");
    assert_close(o->value, 5.32524715324071);
    assert_str(o->setting->method, "chat+multiturn");
    const lr_observation *r1_board = NULL, *r1_local = NULL;
    for (size_t i = 0; i < lr_store_count(f->store); i++) {
        const lr_observation *p = lr_store_get(f->store, i);
        if (!strcmp(p->model, r1) && !strcmp(p->setting->benchmark, "leaderboard_bbh") &&
            !strcmp(p->setting->metric, "acc_norm") && !p->setting->variant)
            *(!strcmp(p->source->kind, "leaderboard") ? &r1_board : &r1_local) = p;
    }
    assert_non_null(r1_board);
    assert_non_null(r1_local);
    assert_close(r1_board->value, 32.393510854);
    assert_false(lr_setting_equal(r1_board->setting, r1_local->setting));
    assert_str(board->source->note, "snapshot of the leaderboard table (values as displayed: "
                                    "normalized scores in percent, raw scores as fractions)");
    fx_free(f);
}

/* ---- Every Eval Ever 0.3.0 (tests/data/eee/SOURCES.md) ------------------------------------ */

static void test_eee_030_record(void **state)
{
    (void)state;
    const char *rec = "tests/data/eee/f3a1c0de-4b2e-4c1a-9f6d-1b7e5a2c8d40.json";
    fixture *f = fx_new();
    assert_int_equal(fx_load(f, source_path(rec), NULL), LR_OK);
    const lr_observation *o =
        get_obs(f, "demo-org/demo-model", "demo-source.demo_bench", "acc", LR_SHOTS_UNKNOWN, NULL);
    assert_close(o->value, 75.0); /* metric_unit "proportion" */
    assert_true(o->stderr_ < 0);
    /* availability and deployment describe the model, not how it was run */
    assert_null(o->source->model_args);
    assert_str(o->source->note, "from documentation by <Aggregator org> (third_party evaluator); "
                                "evaluation demo-source/demo-org_demo-model/1750000000; model: "
                                "open_weights, externally_managed");
    fx_free(f);

    /* a confidence interval without a standard error (an edit made here: no real 0.3.0 record
     * with one was found): a normal 95 % interval, so (upper - lower) / (2 * 1.96) */
    size_t len;
    char *text = read_text(source_path(rec), &len);
    assert_non_null(text);
    text = replace(text, "\"score\": 0.75",
                   "\"score\": 0.75, \"uncertainty\": {\"confidence_interval\": {\"lower\": 0.7, "
                   "\"upper\": 0.8, \"confidence_level\": 0.95}, \"num_samples\": 300}");
    f = fx_new();
    assert_int_equal(fx_load(f, scratch("adapters-eee030", "record.json", text), NULL), LR_OK);
    o = get_obs(f, "demo-org/demo-model", "demo-source.demo_bench", "acc", LR_SHOTS_UNKNOWN, NULL);
    assert_close(o->stderr_, 2.5510672846);
    assert_int_equal(o->n, 300);
    fx_free(f);
    /* at a level without a table entry, no standard error is made up */
    text = replace(text, "\"confidence_level\": 0.95", "\"confidence_level\": 0.8");
    f = fx_new();
    assert_int_equal(fx_load(f, scratch("adapters-eee030", "record.json", text), NULL), LR_OK);
    o = get_obs(f, "demo-org/demo-model", "demo-source.demo_bench", "acc", LR_SHOTS_UNKNOWN, NULL);
    assert_true(o->stderr_ < 0);
    assert_true(has_diag(f, LR_NOTE, "/evaluation_results/0",
                         "confidence interval at level 0.8: no standard error derived"));
    free(text);
    fx_free(f);

    /* llmreport's own 0.3.0 export reads back with the limited flag and the task hash */
    f = fx_new();
    assert_int_equal(fx_load_real(f, "lm-eval/v0.4.2_wmdp_group_openai-chat_results.json"), LR_OK);
    assert_int_equal(fx_load_real(f, LLAMA31), LR_OK);
    lr_buf out = LR_BUF_INIT;
    lr_export_eee(f->store, &out);
    assert_non_null(strstr(out.data, "\"eval_library\": {\"name\": \"lm_eval\", \"version\": "
                                     "\"unknown\", \"additional_details\": {\"harness\": "
                                     "\"lm-evaluation-harness (git 4a1e48ce)\"}}"));
    fixture *g = fx_new();
    assert_int_equal(fx_load(g, scratch("adapters-eee030", "export.json", out.data), NULL), LR_OK);
    lr_buf_free(&out);
    o = get_obs(g, "gpt-3.5-turbo-0125", "wmdp", "exact_match", 0, NULL);
    assert_true(o->setting->flags & LR_OBS_LIMITED);
    o = get_obs(g, "meta-llama/Llama-3.1-8B-Instruct", "hellaswag", "acc_norm", 0, NULL);
    assert_str(o->setting->task_hash, "f3c11b39");
    assert_close(o->value, 79.29695279824737);
    fx_free(g);
    fx_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sniff_real_files),
        cmocka_unit_test(test_lmeval03_bloom_bbh),
        cmocka_unit_test(test_lmeval03_bloom_common_sense),
        cmocka_unit_test(test_lmeval03_testdata_without_config),
        cmocka_unit_test(test_lmeval_big_refactor),
        cmocka_unit_test(test_lmeval_shots_fallback),
        cmocka_unit_test(test_lmeval_dict_model_args_na_stderr),
        cmocka_unit_test(test_lmeval_limited_by_n_samples),
        cmocka_unit_test(test_lmeval_group_wmdp),
        cmocka_unit_test(test_lmeval_perplexity),
        cmocka_unit_test(test_lmeval_infinity_nan),
        cmocka_unit_test(test_lmeval_nested_groups_filters),
        cmocka_unit_test(test_lmeval_group_cycle),
        cmocka_unit_test(test_lmeval03_mmlu_subjects),
        cmocka_unit_test(test_oll_recipe_files),
        cmocka_unit_test(test_oll_fixture_full),
        cmocka_unit_test(test_oll_fixture_legacy_missing_subjects),
        cmocka_unit_test(test_eee_yi_chat),
        cmocka_unit_test(test_eee_yi_base),
        cmocka_unit_test(test_eee_scale_direction_uncertainty),
        cmocka_unit_test(test_bigcode_yi_humaneval),
        cmocka_unit_test(test_bigcode_yi_mbpp),
        cmocka_unit_test(test_bigcode_mercury),
        cmocka_unit_test(test_bigcode_starcoder2_trimmed_config),
        cmocka_unit_test(test_olltable_json_with_revision),
        cmocka_unit_test(test_olltable_json_flagged),
        cmocka_unit_test(test_olltable_csv_bom_not_run),
        cmocka_unit_test(test_helm_refused),
        cmocka_unit_test(test_broken_truncated_json),
        cmocka_unit_test(test_broken_value_is_string),
        cmocka_unit_test(test_broken_results_not_object),
        cmocka_unit_test(test_broken_no_model),
        cmocka_unit_test(test_broken_bigcode_model_type),
        cmocka_unit_test(test_broken_wrong_adapter),
        cmocka_unit_test(test_broken_csv_saved_as_json),
        cmocka_unit_test(test_broken_csv_truncated),
        cmocka_unit_test(test_broken_csv_quote),
        cmocka_unit_test(test_broken_table_value_string),
        cmocka_unit_test(test_broken_eee_score_string),
        cmocka_unit_test(test_csv_reader),
        cmocka_unit_test(test_setting_sampled_against_greedy),
        cmocka_unit_test(test_setting_task_hash_and_chat),
        cmocka_unit_test(test_setting_detail_and_stated_only),
        cmocka_unit_test(test_setting_run_overrides_length),
        cmocka_unit_test(test_truthfulqa_mc_same_in_v03_and_v04),
        cmocka_unit_test(test_mmlu_v03_subjects_mean),
        cmocka_unit_test(test_lmeval_mcc_glue),
        cmocka_unit_test(test_model_names_from_paths),
        cmocka_unit_test(test_lmeval_empty_groups_get_means),
        cmocka_unit_test(test_overview_columns_at_one_setting),
        cmocka_unit_test(test_overview_non_percent_and_limited),
        cmocka_unit_test(test_lighteval_results),
        cmocka_unit_test(test_lighteval_pass_at_k),
        cmocka_unit_test(test_inspect_logs),
        cmocka_unit_test(test_inspect_scorers),
        cmocka_unit_test(test_export_csv_flags),
        cmocka_unit_test(test_olltable_csv_layouts),
        cmocka_unit_test(test_eee_030_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests of the registry, the model's normalization and the comparability rule. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/mdtext.h"
#include "ingest/ingest.h"
#include "model/store.h"
#include "view/overview.h"

typedef struct recorder {
    lr_diag diag;
    char last[1024];
    int count;
} recorder;

static void record(void *user, lr_severity sev, const lr_error *e)
{
    recorder *r = user;
    char line[1024];
    snprintf(r->last, sizeof r->last, "%s", lr_error_format(e, line, sizeof line));
    r->count++;
    (void)sev;
}

static lr_store *new_model(recorder *rec)
{
    memset(rec, 0, sizeof *rec);
    rec->diag.fn = record;
    rec->diag.user = rec;
    lr_store *m = lr_store_new(&rec->diag);
    assert_non_null(m);
    return m;
}

static void test_registry_aliases(void **state)
{
    (void)state;
    lr_registry *reg = lr_registry_new();
    static const char *const cases[][2] = {
        {"AI2 ARC (Challenge)", "arc_challenge"},
        {"arc:challenge", "arc_challenge"},
        {"ARC-Challenge", "arc_challenge"},
        {"GSM-8K", "gsm8k"},
        {"hendrycksTest-anatomy", "mmlu_anatomy"},
        {"MMLU", "mmlu"},
        {"WinoGrande", "winogrande"},
        {"Natural Questions (closed-book)", "naturalquestions"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const lr_benchmark_def *b = lr_registry_benchmark(reg, cases[i][0]);
        assert_non_null(b);
        assert_string_equal(b->id, cases[i][1]);
    }
    assert_null(lr_registry_benchmark(reg, "MMLU translated to Welsh"));
    assert_string_equal(lr_registry_benchmark(reg, "hendrycksTest-anatomy")->parent, "mmlu");
    static const char *const metrics[][2] = {
        {"accuracy", "acc"},
        {"exact match", "exact_match"},
        {"F1", "f1"},
        {"pass rate (pass@1 implied)", "pass@1"},
        {"acc_norm", "acc_norm"},
        {"ppl", "perplexity"},
    };
    for (size_t i = 0; i < sizeof metrics / sizeof metrics[0]; i++)
        assert_string_equal(lr_registry_metric(reg, metrics[i][0])->id, metrics[i][1]);
    assert_int_equal(lr_registry_metric(reg, "perplexity")->higher_is_better, 0);
    assert_int_equal(lr_registry_metric(reg, "perplexity")->bounded, 0);
    lr_registry_free(reg);
}

static void test_methods(void **state)
{
    (void)state;
    lr_registry *reg = lr_registry_new();
    lr_arena a = LR_ARENA_INIT;
    static const char *const cases[][2] = {
        {"chain-of-thought", "cot"},
        {"chain-of-thought + self-consistency (40 samples)", "cot+sc@40"},
        {"chain-of-thought + self-consistency", "cot+sc"},
        {"greedy decoding", "greedy"},
        {"nucleus sampling, T=0.2", "T=0.2"},
        {"sampling T=0.8, nucleus p=0.95", "T=0.8,top_p=0.95"},
        {"nucleus sampling, T=0.2 (re-run of released predictions)", "T=0.2 (re-run)"},
        {"majority voting", "maj"},
        {"few-shot + CoT + self-critique", "few-shot + CoT + self-critique"},
        {"CodeT reranking with generated tests", "CodeT reranking with generated tests"},
        /* canonical tokens read back as themselves */
        {"cot+sc@40", "cot+sc@40"},
        {"T=0.8,top_p=0.95", "T=0.8,top_p=0.95"},
        {"T=0.2 (re-run)", "T=0.2 (re-run)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(lr_registry_method(reg, cases[i][0], &a), cases[i][1]);
    assert_null(lr_registry_method(reg, NULL, &a));
    assert_null(lr_registry_method(reg, "direct prompting", &a));
    lr_arena_free(&a);
    lr_registry_free(reg);
}

static lr_status add(lr_store *m, const lr_source *src, const char *model, const char *bench,
                     const char *metric, int shots, const char *method, double value,
                     lr_scale scale)
{
    lr_obs_in o;
    lr_obs_in_init(&o);
    o.model = model;
    o.benchmark = bench;
    o.metric = metric;
    o.shots = shots;
    o.method = method;
    o.value = value;
    o.has_value = 1;
    o.scale = scale;
    o.source = src;
    return lr_store_add(m, &o);
}

static void test_normalize_values(void **state)
{
    (void)state;
    recorder rec;
    lr_store *m = new_model(&rec);
    lr_source *src = lr_store_source_new(m, "paper", "t.json");
    assert_int_equal(add(m, src, "A", "MMLU", "accuracy", 5, NULL, 0.4684, LR_SCALE_FRACTION),
                     LR_OK);
    assert_int_equal(add(m, src, "A", "MMLU", "acc", 5, NULL, 0.4684, LR_SCALE_DEFAULT), LR_OK);
    assert_int_equal(add(m, src, "A", "MMLU", "acc", 5, NULL, 86.4, LR_SCALE_PERCENT), LR_OK);
    assert_int_equal(add(m, src, "A", "lambada", "perplexity", 0, NULL, 14.45, LR_SCALE_DEFAULT),
                     LR_OK);
    const lr_observation *o = lr_store_get(m, 0);
    assert_string_equal(o->setting->benchmark, "mmlu");
    assert_string_equal(o->setting->metric, "acc");
    assert_true(fabs(o->value - 46.84) < 1e-9);
    assert_true(fabs(lr_store_get(m, 1)->value - 46.84) < 1e-9);
    assert_true(fabs(lr_store_get(m, 2)->value - 86.4) < 1e-12);
    o = lr_store_get(m, 3);
    assert_true(fabs(o->value - 14.45) < 1e-12);
    assert_int_equal(o->setting->bounded, 0);
    assert_int_equal(o->setting->higher_is_better, 0);

    /* out of range and non-finite values are rejected per value, with the reason */
    assert_int_equal(add(m, src, "B", "MMLU", "acc", 5, NULL, 150, LR_SCALE_PERCENT), LR_EVALUE);
    assert_string_equal(rec.last, "t.json: 150 is outside 0-100 % for acc; result skipped");
    assert_int_equal(add(m, src, "B", "MMLU", "acc", 5, NULL, NAN, LR_SCALE_PERCENT), LR_EVALUE);
    assert_string_equal(rec.last, "t.json: value is not a finite number; result skipped");
    assert_int_equal(lr_store_count(m), 4);

    /* unknown names are kept as written and noted once per kind and file */
    int before = rec.count;
    add(m, src, "C", "Brand New Bench", "acc", 0, NULL, 0.5, LR_SCALE_FRACTION);
    add(m, src, "D", "Brand New Bench", "acc", 0, NULL, 0.6, LR_SCALE_FRACTION);
    add(m, src, "D", "Other New Bench", "acc", 0, NULL, 0.6, LR_SCALE_FRACTION);
    assert_int_equal(rec.count, before);
    lr_store_flush_notes(m, "t.json");
    assert_int_equal(rec.count, before + 1);
    assert_string_equal(rec.last, "t.json: 2 unknown benchmarks kept as written: \"Brand New "
                                  "Bench\", \"Other New Bench\"");
    add(m, src, "E", "Brand New Bench", "acc", 0, NULL, 0.7, LR_SCALE_FRACTION);
    lr_store_flush_notes(m, "u.json");
    assert_int_equal(rec.count, before + 1); /* already reported */
    assert_string_equal(lr_store_get(m, 4)->setting->benchmark, "Brand New Bench");
    assert_string_equal(lr_store_get(m, 4)->setting->benchmark_display, "Brand New Bench");
    assert_true(fabs(lr_store_get(m, 5)->value - 60.0) < 1e-9);

    /* a task the registry does not know, of a family it does, keeps its id and is shown under
     * the family's name (real ids from lm-eval runs in shared/data/real) */
    size_t at = lr_store_count(m);
    add(m, src, "F", "bigbench_geometric_shapes", "acc", 3, NULL, 0.2, LR_SCALE_FRACTION);
    add(m, src, "F", "afrisenti_swa_prompt_1", "acc", 0, NULL, 0.3, LR_SCALE_FRACTION);
    add(m, src, "F", "bigbench_", "acc", 0, NULL, 0.3, LR_SCALE_FRACTION);
    assert_string_equal(lr_store_get(m, at)->setting->benchmark, "bigbench_geometric_shapes");
    assert_string_equal(lr_store_get(m, at)->setting->benchmark_display,
                        "BIG-bench: geometric shapes");
    assert_string_equal(lr_store_get(m, at + 1)->setting->benchmark_display,
                        "AfriSenti: swa prompt 1");
    assert_string_equal(lr_store_get(m, at + 2)->setting->benchmark_display, "bigbench_");
    char buf[16];
    assert_null(lr_registry_family_display("bigbench_geometric_shapes", buf, sizeof buf));
    assert_null(lr_registry_family_display("mmlu_anatomy", buf, sizeof buf));
    lr_store_free(m);
}

static void test_settings(void **state)
{
    (void)state;
    recorder rec;
    lr_store *m = new_model(&rec);
    lr_source *src = lr_store_source_new(m, "paper", "t.json");
    add(m, src, "A", "GSM8K", "accuracy", 5, "chain-of-thought", 92.0, LR_SCALE_PERCENT);
    add(m, src, "B", "GSM-8K", "acc", 5, "cot", 57.1, LR_SCALE_PERCENT);
    add(m, src, "C", "gsm8k", "acc", 5, NULL, 57.1, LR_SCALE_PERCENT);
    add(m, src, "D", "gsm8k", "acc", LR_SHOTS_UNKNOWN, "cot", 50.0, LR_SCALE_PERCENT);
    add(m, src, "E", "gsm8k", "acc", LR_SHOTS_UNKNOWN, "cot", 50.0, LR_SCALE_PERCENT);
    const lr_observation *a = lr_store_get(m, 0), *b = lr_store_get(m, 1), *c = lr_store_get(m, 2),
                         *d = lr_store_get(m, 3), *e = lr_store_get(m, 4);
    assert_true(lr_setting_equal(a->setting, b->setting));
    assert_false(lr_setting_equal(a->setting, c->setting)); /* CoT vs plain */
    /* an unstated setting equals nothing, not even another unstated one */
    assert_false(lr_setting_equal(d->setting, e->setting));
    assert_false(lr_setting_equal(d->setting, d->setting));
    char buf[128];
    assert_string_equal(lr_setting_describe(a->setting, buf, sizeof buf), "5-shot · acc · cot");
    assert_string_equal(lr_setting_describe(d->setting, buf, sizeof buf),
                        "shots not stated · acc · cot");
    lr_store_free(m);
}

/* lr_setting_groups_join gives the group of the first earlier setting lr_setting_equal() holds
 * equal, as a scan of every earlier group would: settings drawn from small pools of shots,
 * metrics, variants, methods (two spellings of chain-of-thought) and task hashes, NULL among
 * them (a missing hash equals any), in a fixed pseudo-random order, each met several times. */
static void test_setting_groups(void **state)
{
    (void)state;
    recorder rec;
    lr_store *m = new_model(&rec);
    static const int shots[] = {0, 5};
    static const char *const metrics[] = {"acc", "acc_norm"};
    static const char *const variants[] = {NULL, "strict-match"};
    static const char *const methods[] = {NULL, "cot", "chain-of-thought"};
    static const char *const hashes[] = {NULL, "1a2b3c4d", "99999999", "00000000"};
    enum { N = 400 };
    lr_setting *all = calloc(N, sizeof *all);
    assert_non_null(all);
    unsigned x = 12345;
    for (size_t i = 0; i < N; i++) {
        x = x * 1103515245u + 12345u;
        unsigned r = x >> 8;
        all[i].benchmark = "gsm8k";
        all[i].shots = shots[r % 2];
        all[i].metric = metrics[(r / 2) % 2];
        all[i].variant = variants[(r / 4) % 2];
        all[i].method = methods[(r / 8) % 3];
        all[i].task_hash = hashes[(r / 24) % 4];
        all[i].id = (size_t)-1; /* not the store's: no memory by id */
    }
    lr_setting_groups *g = lr_setting_groups_new(m);
    assert_non_null(g);
    const lr_setting *firsts[N];
    size_t n_groups = 0, n_created = 0;
    for (size_t pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < N; i++) {
            size_t want = 0;
            while (want < n_groups && !lr_setting_equal(firsts[want], &all[i]))
                want++;
            int created;
            size_t got = lr_setting_groups_join(g, &all[i], &created);
            assert_int_equal(got, want);
            assert_int_equal(created, want == n_groups);
            if (created) {
                firsts[n_groups++] = &all[i];
                n_created++;
            }
            assert_ptr_equal(lr_setting_groups_first(g, got), firsts[want]);
        }
    /* at least one group per shots, metric, variant and method (cot = chain-of-thought); fewer
     * than the 96 combinations as written, the two spellings being one and a missing hash
     * joining the first group of any hash */
    assert_true(n_created >= 2 * 2 * 2 * 2 && n_created < 2 * 2 * 2 * 3 * 4);
    lr_setting_groups_free(g);
    free(all);
    lr_store_free(m);
}

static void test_overview_comparability(void **state)
{
    (void)state;
    recorder rec;
    lr_store *m = new_model(&rec);
    lr_source *src = lr_store_source_new(m, "paper", "t.json");
    /* MMLU: three models at 5-shot, one at 3-shot (higher value), one unstated (highest) */
    add(m, src, "A", "MMLU", "acc", 5, NULL, 70.0, LR_SCALE_PERCENT);
    add(m, src, "B", "MMLU", "acc", 5, NULL, 80.0, LR_SCALE_PERCENT);
    add(m, src, "C", "MMLU", "acc", 5, NULL, 60.0, LR_SCALE_PERCENT);
    add(m, src, "D", "MMLU", "acc", 3, NULL, 95.0, LR_SCALE_PERCENT);
    add(m, src, "E", "MMLU", "acc", LR_SHOTS_UNKNOWN, NULL, 99.0, LR_SCALE_PERCENT);
    /* HellaSwag: A and B at 10-shot; C missing */
    add(m, src, "A", "HellaSwag", "acc", 10, NULL, 50.0, LR_SCALE_PERCENT);
    add(m, src, "B", "HellaSwag", "acc", 10, NULL, 40.0, LR_SCALE_PERCENT);
    add(m, src, "D", "HellaSwag", "acc", 10, NULL, 45.0, LR_SCALE_PERCENT);
    lr_overview ov;
    assert_int_equal(lr_overview_build(m, NULL, &ov), LR_OK);
    assert_int_equal(ov.n_cols, 2);
    assert_string_equal(ov.cols[0].benchmark, "mmlu");
    assert_int_equal(ov.cols[0].ref.shots, 5);
    size_t row[5];
    for (size_t r = 0; r < ov.n_rows; r++)
        row[ov.models[r][0] - 'A'] = r;
    assert_int_equal(ov.n_rows, 5);
    /* B is best at the reference setting; D (3-shot) and E (unstated) are higher but marked */
    assert_true(lr_overview_cell(&ov, row[1], 0)->best);
    assert_int_equal(lr_overview_cell(&ov, row[3], 0)->kind, LR_CELL_OTHER);
    assert_false(lr_overview_cell(&ov, row[3], 0)->best);
    assert_int_equal(lr_overview_cell(&ov, row[4], 0)->kind, LR_CELL_UNKNOWN);
    assert_false(lr_overview_cell(&ov, row[4], 0)->best);
    assert_int_equal(lr_overview_cell(&ov, row[2], 1)->kind, LR_CELL_EMPTY);
    /* averages only for rows complete at reference settings: A and B, not C (missing) or D
     * (MMLU at another setting) */
    assert_true(ov.show_average);
    assert_true(ov.has_average[row[0]]);
    assert_true(fabs(ov.average[row[0]] - 60.0) < 1e-9);
    assert_true(ov.has_average[row[1]]);
    assert_false(ov.has_average[row[2]]);
    assert_false(ov.has_average[row[3]]);
    assert_int_equal(ov.n_without_average, 3);
    lr_overview_free(&ov);
    lr_store_free(m);
}

static void test_overview_ties_by_stderr(void **state)
{
    (void)state;
    recorder rec;
    lr_store *m = new_model(&rec);
    lr_source *src = lr_store_source_new(m, "lm-eval", "t.json");
    const double v[] = {0.60, 0.59, 0.50};
    const char *names[] = {"A", "B", "C"};
    for (int i = 0; i < 3; i++) {
        lr_obs_in o;
        lr_obs_in_init(&o);
        o.model = names[i];
        o.benchmark = "arc_challenge";
        o.metric = "acc_norm";
        o.shots = 25;
        o.value = v[i];
        o.has_value = 1;
        o.stderr_ = 0.01;
        o.has_stderr = 1;
        o.source = src;
        assert_int_equal(lr_store_add(m, &o), LR_OK);
    }
    lr_overview ov;
    assert_int_equal(lr_overview_build(m, NULL, &ov), LR_OK);
    assert_int_equal(ov.n_cols, 1);
    /* |60-59| = 1 <= 1.96 * sqrt(1+1) = 2.77: tied; |60-50| = 10: not */
    for (size_t r = 0; r < ov.n_rows; r++) {
        const lr_cell *c = lr_overview_cell(&ov, r, 0);
        if (!strcmp(ov.models[r], "A"))
            assert_true(c->best);
        if (!strcmp(ov.models[r], "B"))
            assert_true(c->tied && !c->best);
        if (!strcmp(ov.models[r], "C"))
            assert_false(c->tied || c->best);
    }
    lr_overview_free(&ov);
    lr_store_free(m);
}

/* Numbers in exports read back as the same double, by the fast path and the slow one. */
static void test_format_double_round_trips(void **state)
{
    (void)state;
    unsigned long long x = 88172645463325252ull;
    char buf[64];
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double v;
        switch (i % 4) {
        case 0: /* percentages rounded as normalization rounds them */
            v = round((double)(x % 100000000000ull) / 1e9 * 1e9) / 1e9;
            break;
        case 1:
            v = (double)(x % 1000000) / 10.0 - 50000.0;
            break;
        case 2: /* arbitrary doubles */
            v = (double)x / 3.0e7 * (x & 1 ? -1 : 1);
            break;
        default:
            v = 1.0 / (double)((x % 1000) + 1);
        }
        lr_format_double(v, buf, sizeof buf);
        if (strtod(buf, NULL) != v)
            fail_msg("%.17g printed as %s", v, buf);
    }
    lr_format_double(86.4, buf, sizeof buf);
    assert_string_equal(buf, "86.4");
    lr_format_double(-0.5, buf, sizeof buf);
    assert_string_equal(buf, "-0.5");
    lr_format_double(46.839999999999996, buf, sizeof buf);
    assert_string_equal(buf, "46.839999999999996");
    lr_format_double(1e300, buf, sizeof buf);
    assert_string_equal(buf, "1e+300");
}

/* One spelling per model: the registry's aliases join a paper's "LLaMA 65B", a run's
 * "huggyllama/llama-65b" and a leaderboard's "llama-65b" into one model, after the config's
 * aliases; their results stay apart by setting and source, and other models stay apart. */
static void test_model_aliases(void **state)
{
    (void)state;
    lr_registry *reg = lr_registry_new();
    assert_string_equal(lr_registry_model(reg, "huggyllama/llama-65b"), "LLaMA 65B");
    assert_string_equal(lr_registry_model(reg, "llama-65b"), "LLaMA 65B");
    assert_string_equal(lr_registry_model(reg, "LLaMA-65B"), "LLaMA 65B");
    assert_string_equal(lr_registry_model(reg, "meta-llama/Llama-2-70b-hf"), "Llama 2 70B");
    assert_null(lr_registry_model(reg, "llama-65b-instruct"));
    assert_null(lr_registry_model(reg, "meta-llama/Llama-2-70b-chat-hf"));
    /* LLaMA's third size: the paper's 33B is the release's and Hugging Face's 30B */
    assert_string_equal(lr_registry_model(reg, "llama-30b"), "LLaMA 33B");
    assert_string_equal(lr_registry_model(reg, "huggyllama/llama-30b"), "LLaMA 33B");
    assert_string_equal(lr_registry_model(reg, "LLaMA-30B"), "LLaMA 33B");
    assert_string_equal(lr_registry_model(reg, "LLaMA 33B"), "LLaMA 33B");
    assert_null(lr_registry_model(reg, "LLaMA-30B fine-tuned on MIT data"));
    assert_null(lr_registry_model(reg, "llama-30b-supercot"));
    assert_null(lr_registry_model(reg, NULL));
    lr_registry_free(reg);

    recorder rec;
    lr_store *m = new_model(&rec);
    assert_int_equal(lr_store_alias(m, "llama-7b", "LLaMA-7B (ours)"), LR_OK);
    lr_source *paper = lr_store_source_new(m, "paper", "p.json");
    lr_source *run = lr_store_source_new(m, "lm-eval", "r.json");
    assert_int_equal(add(m, paper, "LLaMA 65B", "MMLU", "acc", 5, NULL, 63.4, LR_SCALE_PERCENT),
                     LR_OK);
    assert_int_equal(
        add(m, run, "huggyllama/llama-65b", "MMLU", "acc", 5, NULL, 0.488, LR_SCALE_FRACTION),
        LR_OK);
    assert_int_equal(
        add(m, run, "huggyllama/llama-65b", "MMLU", "acc", 0, NULL, 0.45, LR_SCALE_FRACTION),
        LR_OK);
    assert_int_equal(add(m, run, "llama-7b", "MMLU", "acc", 5, NULL, 0.35, LR_SCALE_FRACTION),
                     LR_OK);
    assert_int_equal(
        add(m, paper, "LLaMA 33B", "HumanEval", "pass@1", 0, NULL, 21.7, LR_SCALE_PERCENT), LR_OK);
    assert_int_equal(
        add(m, run, "huggyllama/llama-30b", "MMLU", "acc", 5, NULL, 0.58, LR_SCALE_FRACTION),
        LR_OK);
    assert_string_equal(lr_store_get(m, 4)->model, "LLaMA 33B");
    assert_string_equal(lr_store_get(m, 5)->model, "LLaMA 33B");
    assert_int_equal(lr_store_count(m), 6);
    const lr_observation *a = lr_store_get(m, 0), *b = lr_store_get(m, 1), *c = lr_store_get(m, 2);
    assert_string_equal(a->model, "LLaMA 65B");
    assert_string_equal(b->model, "LLaMA 65B");
    assert_string_equal(c->model, "LLaMA 65B");
    /* one model, three results: two sources, two settings */
    assert_true(a->source != b->source);
    assert_int_equal(b->setting->shots, 5);
    assert_int_equal(c->setting->shots, 0);
    assert_true(fabs(b->value - 48.8) < 1e-9 && fabs(c->value - 45.0) < 1e-9);
    /* the config's alias comes first */
    assert_string_equal(lr_store_get(m, 3)->model, "LLaMA-7B (ours)");
    lr_store_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_registry_aliases),
        cmocka_unit_test(test_model_aliases),
        cmocka_unit_test(test_methods),
        cmocka_unit_test(test_normalize_values),
        cmocka_unit_test(test_settings),
        cmocka_unit_test(test_setting_groups),
        cmocka_unit_test(test_overview_comparability),
        cmocka_unit_test(test_overview_ties_by_stderr),
        cmocka_unit_test(test_format_double_round_trips),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests of the findings on small stores made by hand: spreads and their threshold, flips
 * (a reversal inside both 95 % intervals is not one), Kendall's tau with ties, head-to-heads,
 * how each source measured (caveats, also through a merge), and the summary's exact sentences.
 * The stores are hand-made on purpose: each test holds the few numbers its assertion needs; the
 * samples are tested in tests/cli/test_findings.sh. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ingest/ingest.h"
#include "model/config.h"
#include "model/registry.h"
#include "model/store.h"
#include "view/findings.h"
#include "view/overview.h"

static void quiet(void *user, lr_severity sev, const lr_error *e)
{
    (void)user, (void)sev, (void)e;
}

static lr_diag diag = {quiet, NULL, {0, 0, 0, 0}};

static lr_source *source(lr_store *m, const char *kind, const char *title)
{
    lr_source *s = lr_store_source_new(m, kind, "test.json");
    assert_non_null(s);
    s->title = lr_store_strdup(m, title);
    return s;
}

/* One accuracy in percent; stderr < 0: not stated. */
static void add(lr_store *m, const lr_source *src, const char *model, const char *bench, int shots,
                const char *method, const char *variant, double value, double stderr_,
                unsigned flags)
{
    lr_obs_in o;
    lr_obs_in_init(&o);
    o.model = model;
    o.benchmark = bench;
    o.metric = "acc";
    o.shots = shots;
    o.method = method;
    o.variant = variant;
    o.value = value;
    o.has_value = 1;
    o.scale = LR_SCALE_PERCENT;
    o.stderr_ = stderr_;
    o.has_stderr = stderr_ >= 0;
    o.flags = flags;
    o.source = src;
    assert_int_equal(lr_store_add(m, &o), LR_OK);
}

typedef struct world {
    lr_store *store;
    lr_config config;
    lr_overview ov;
    lr_findings f;
} world;

static void build(world *w, const char *const *models, size_t n_models)
{
    w->config.models = (const char **)models;
    w->config.n_models = n_models;
    assert_int_equal(lr_overview_build(w->store, &w->config, &w->ov), LR_OK);
    assert_int_equal(lr_findings_build(w->store, &w->config, &w->ov, &w->f), LR_OK);
}

static void world_new(world *w)
{
    memset(w, 0, sizeof *w);
    w->store = lr_store_new(&diag);
    assert_non_null(w->store);
    lr_config_init(&w->config);
}

static void world_free(world *w)
{
    lr_findings_free(&w->f);
    lr_overview_free(&w->ov);
    w->config.models = NULL;
    w->config.n_models = 0;
    lr_config_free(&w->config);
    lr_store_free(w->store);
}

/* ---- spreads ---- */

static void test_spread(void **state)
{
    (void)state;
    world w;
    world_new(&w);
    lr_source *board = source(w.store, "leaderboard", "Board");
    lr_source *blog = source(w.store, "blog", "Blog");
    /* A: three implementations, 15.1 points apart, and two results the findings must not use */
    add(w.store, board, "A", "MMLU", 5, NULL, "harness (Jan 2023)", 48.8, -1, 0);
    add(w.store, board, "A", "MMLU", 5, NULL, "harness (July 2023 fix)", 63.9, -1, 0);
    add(w.store, blog, "A", "MMLU", 5, NULL, "HELM", 63.7, -1, 0);
    add(w.store, blog, "A", "MMLU", LR_SHOTS_UNKNOWN, NULL, NULL, 20.0, -1, 0);
    add(w.store, blog, "A", "MMLU", 5, NULL, "HELM", 10.0, -1, LR_OBS_LIMITED);
    /* B: 1 point, below the threshold */
    add(w.store, board, "B", "MMLU", 5, NULL, "harness (Jan 2023)", 50.0, -1, 0);
    add(w.store, blog, "B", "MMLU", 5, NULL, "HELM", 51.0, -1, 0);
    /* C: 3 points, beyond 2 but inside the combined 95 % interval (4.16) */
    add(w.store, board, "C", "MMLU", 5, NULL, "harness (Jan 2023)", 60.0, 1.5, 0);
    add(w.store, blog, "C", "MMLU", 5, NULL, "HELM", 63.0, 1.5, 0);
    /* D: the same setting from two sources that disagree: the source is what differs */
    add(w.store, board, "D", "MMLU", 5, NULL, "HELM", 40.0, -1, 0);
    add(w.store, blog, "D", "MMLU", 5, NULL, "HELM", 45.0, -1, 0);
    build(&w, NULL, 0);

    assert_int_equal(w.f.n_spreads, 2);
    const lr_spread *a = &w.f.spreads[0];
    assert_string_equal(a->model, "A");
    assert_string_equal(a->benchmark, "mmlu");
    assert_true(fabs(a->spread - 15.1) < 1e-9);
    assert_int_equal(a->n_values, 3);
    assert_true(a->values[0]->value == 63.9 && a->values[1]->value == 63.7 &&
                a->values[2]->value == 48.8);
    assert_int_equal(a->differs, LR_DIFF_VARIANT);
    assert_int_equal(a->n_unstated, 1);
    assert_int_equal(a->n_limited, 1);
    const lr_spread *d = &w.f.spreads[1];
    assert_string_equal(d->model, "D");
    assert_int_equal(d->differs, LR_DIFF_SOURCE);
    assert_int_equal(w.f.n_unstated, 1);
    assert_int_equal(w.f.n_limited, 1);
    assert_int_equal(w.f.n_multi, 4); /* A, B, C and D were measured more than one way */
    lr_buf text = LR_BUF_INIT;
    lr_findings_describe_diff(a->differs, a->values[2], a->values[0], LR_LANG_EN, &text);
    assert_string_equal(text.data, "variant harness (Jan 2023) vs harness (July 2023 fix)");
    lr_buf_clear(&text);
    lr_findings_describe_diff(a->differs, a->values[2], a->values[0], LR_LANG_KO, &text);
    assert_string_equal(text.data, "변형 harness (Jan 2023) 대 harness (July 2023 fix)");
    lr_buf_free(&text);
    lr_findings_free(&w.f);

    /* a lower threshold lets B in; C stays out: its interval, not the points, decides */
    w.config.findings_spread_points = 0.5;
    assert_int_equal(lr_findings_build(w.store, &w.config, &w.ov, &w.f), LR_OK);
    assert_int_equal(w.f.n_spreads, 3);
    assert_string_equal(w.f.spreads[2].model, "B");
    lr_findings_free(&w.f);
    /* and a limit keeps the largest */
    w.config.findings_limit = 1;
    assert_int_equal(lr_findings_build(w.store, &w.config, &w.ov, &w.f), LR_OK);
    assert_int_equal(w.f.n_spreads, 1);
    assert_int_equal(w.f.n_spreads_total, 3);
    assert_string_equal(w.f.spreads[0].model, "A");
    world_free(&w);
}

/* A translated test is another test: its value is not a way of measuring the original one, so
 * it makes no spread with it and no flip; two translated results of one language do. */
static void test_translated_is_another_test(void **state)
{
    (void)state;
    world w;
    world_new(&w);
    lr_source *s = source(w.store, "paper", "Paper");
    add(w.store, s, "A", "MMLU", 5, NULL, NULL, 86.4, -1, 0);
    add(w.store, s, "A", "MMLU", 3, NULL, "Telugu (machine-translated)", 62.0, -1, 0);
    add(w.store, s, "B", "MMLU", 5, NULL, NULL, 70.0, -1, 0);
    add(w.store, s, "B", "MMLU", 3, NULL, "Telugu (machine-translated)", 65.0, -1, 0);
    add(w.store, s, "A", "MMLU", 0, NULL, "Welsh (machine-translated)", 70.0, -1, 0);
    add(w.store, s, "A", "MMLU", 5, NULL, "Welsh (machine-translated)", 75.0, -1, 0);
    build(&w, NULL, 0);
    assert_int_equal(w.f.n_spreads, 1);
    assert_string_equal(w.f.spreads[0].model, "A");
    assert_true(fabs(w.f.spreads[0].spread - 5.0) < 1e-9);
    assert_string_equal(w.f.spreads[0].values[0]->setting->variant, "Welsh (machine-translated)");
    assert_int_equal(w.f.spreads[0].differs, LR_DIFF_SHOTS);
    assert_int_equal(w.f.n_multi, 1);
    /* A ahead of B in English, behind in Telugu: two tests, not a flip */
    assert_int_equal(w.f.n_flips_total, 0);
    assert_int_equal(w.f.n_flip_sets, 0);
    /* the source row counts the two translations instead of listing them as variants */
    assert_int_equal(w.f.n_sources, 1);
    assert_int_equal(w.f.sources[0].n_translated, 2);
    assert_int_equal(w.f.sources[0].n_variants, 0);
    world_free(&w);
}

/* Which results are of translated tests is registry data: a variant naming a translation, and
 * benchmarks that translate another (lm-eval's Okapi and Global-MMLU tasks, the Open Ko-LLM
 * Leaderboard's); a test written in its language (KMMLU) is none. A run's translated tasks are
 * counted as translations in its source row. */
static void test_translations_are_registry_facts(void **state)
{
    (void)state;
    assert_true(lr_registry_variant_translates("Telugu (machine-translated)"));
    assert_true(lr_registry_variant_translates("Translation into Welsh"));
    assert_false(lr_registry_variant_translates("harness (July 2023 fix)"));
    assert_false(lr_registry_variant_translates(NULL));
    assert_string_equal(lr_registry_translation_of("m_mmlu_ko"), "mmlu");
    assert_string_equal(lr_registry_translation_of("global_mmlu_ko"), "mmlu");
    assert_string_equal(lr_registry_translation_of("global_mmlu_full_ko_anatomy"), "mmlu");
    assert_string_equal(lr_registry_translation_of("ko_mmlu"), "mmlu");
    assert_string_equal(lr_registry_translation_of("arc_ko"), "arc_challenge");
    assert_string_equal(lr_registry_translation_of("hellaswag_de"), "hellaswag");
    assert_null(lr_registry_translation_of("kmmlu"));
    assert_null(lr_registry_translation_of("arc_easy"));
    assert_null(lr_registry_translation_of("arc_challenge"));
    assert_null(lr_registry_translation_of("mmlu"));
    assert_null(lr_registry_translation_of("hellaswag"));

    world w;
    world_new(&w);
    lr_source *s = source(w.store, "lm-eval", "run.json");
    add(w.store, s, "A", "mmlu", 5, NULL, NULL, 60.0, -1, 0);
    add(w.store, s, "A", "m_mmlu_ko", 5, NULL, NULL, 40.0, -1, 0);
    add(w.store, s, "A", "kmmlu", 5, NULL, NULL, 42.0, -1, 0);
    add(w.store, s, "B", "m_mmlu_ko", 5, NULL, NULL, 45.0, -1, 0);
    build(&w, NULL, 0);
    assert_int_equal(w.f.n_sources, 1);
    assert_int_equal(w.f.sources[0].n_translated, 1);
    assert_int_equal(w.f.n_spreads, 0);
    world_free(&w);
}

/* ---- flips and tau ---- */

static void test_kendall_tau(void **state)
{
    (void)state;
    double tau = 9;
    const double x[] = {1, 2, 3, 4}, same[] = {10, 20, 30, 40}, reversed[] = {4, 3, 2, 1};
    assert_true(lr_kendall_tau(x, same, 4, &tau));
    assert_true(fabs(tau - 1) < 1e-12);
    assert_true(lr_kendall_tau(x, reversed, 4, &tau));
    assert_true(fabs(tau + 1) < 1e-12);
    /* a tie in x: 5 concordant pairs of 6, tau-b = 5 / sqrt(5 * 6) */
    const double tx[] = {1, 2, 2, 3}, ty[] = {1, 3, 2, 4};
    assert_true(lr_kendall_tau(tx, ty, 4, &tau));
    assert_true(fabs(tau - 5 / sqrt(30)) < 1e-12);
    /* ties on both sides: (1,1) (2,2) (2,3) (3,3): C = 4, D = 0, one tie in x, one in y */
    const double ux[] = {1, 2, 2, 3}, uy[] = {1, 2, 3, 3};
    assert_true(lr_kendall_tau(ux, uy, 4, &tau));
    assert_true(fabs(tau - 4.0 / 5.0) < 1e-12);
    /* not defined: all tied, or fewer than two */
    const double flat[] = {5, 5, 5};
    tau = 9;
    assert_false(lr_kendall_tau(x, flat, 3, &tau));
    assert_false(lr_kendall_tau(x, same, 1, &tau));
    assert_true(tau == 9);
}

static void test_flips(void **state)
{
    (void)state;
    world w;
    world_new(&w);
    lr_source *s = source(w.store, "paper", "Paper");
    /* X ahead of Y under K1 beyond the intervals, behind under K2 inside them: not a flip */
    add(w.store, s, "X", "MMLU", 5, NULL, "K1", 60.0, 0.5, 0);
    add(w.store, s, "Y", "MMLU", 5, NULL, "K1", 55.0, 0.5, 0);
    add(w.store, s, "X", "MMLU", 5, NULL, "K2", 58.0, 2.0, 0);
    add(w.store, s, "Y", "MMLU", 5, NULL, "K2", 59.0, 2.0, 0);
    /* Z behind both under K1, ahead of both under K2, beyond the intervals: two flips */
    add(w.store, s, "Z", "MMLU", 5, NULL, "K1", 50.0, 0.5, 0);
    add(w.store, s, "Z", "MMLU", 5, NULL, "K2", 70.0, 0.5, 0);
    /* a benchmark with one setting has no flip set */
    add(w.store, s, "X", "GSM8K", 5, NULL, NULL, 50.0, 1, 0);
    add(w.store, s, "Y", "GSM8K", 5, NULL, NULL, 40.0, 1, 0);
    static const char *const order[] = {"Z", "X", "Y"};
    build(&w, order, 3);

    assert_int_equal(w.f.n_flip_sets, 1);
    const lr_flip_set *set = &w.f.flip_sets[0];
    assert_string_equal(set->benchmark, "mmlu");
    assert_int_equal(set->n_settings, 2);
    assert_string_equal(set->settings[0]->variant, "K1"); /* three models each: by name */
    assert_int_equal(set->n_models, 3);
    assert_string_equal(set->models[0], "Z"); /* the config's order */
    assert_int_equal(set->n_flips, 2);
    assert_int_equal(w.f.n_flips_total, 2);
    assert_int_equal(set->n_inside, 1);
    assert_true(set->stderr_known);
    /* Z/X first (both prominent); the one ahead under the first setting is a */
    assert_string_equal(set->models[set->flips[0].a], "X");
    assert_string_equal(set->models[set->flips[0].b], "Z");
    assert_string_equal(set->models[set->flips[1].a], "Y");
    assert_string_equal(set->models[set->flips[1].b], "Z");
    assert_int_equal(set->n_pairs, 1);
    assert_int_equal(set->pairs[0].n_shared, 3);
    assert_int_equal(set->pairs[0].n_flips, 2);
    /* K1: X 60, Y 55, Z 50; K2: Z 70, Y 59, X 58: pairs XY D, XZ D, YZ D -> -1 */
    assert_true(set->pairs[0].has_tau);
    assert_true(fabs(set->pairs[0].tau + 1) < 1e-12);
    world_free(&w);
}

/* ---- head-to-heads ---- */

static void test_head_to_heads(void **state)
{
    (void)state;
    world w;
    world_new(&w);
    lr_source *gpt = source(w.store, "paper", "GPT-4 Technical Report");
    lr_source *palm = source(w.store, "paper", "PaLM 2 Technical Report");
    lr_source *palm_t3 = source(w.store, "paper", "PaLM 2 Technical Report");
    palm_t3->table = lr_store_strdup(w.store, "Table 3");
    add(w.store, gpt, "GPT-4", "HellaSwag", 10, NULL, NULL, 95.3, -1, 0);
    add(w.store, gpt, "GPT-3.5", "HellaSwag", 10, NULL, NULL, 85.5, -1, 0);
    add(w.store, palm, "PaLM 2-L", "HellaSwag", 1, NULL, NULL, 86.8, -1, 0);
    /* shares GPT-4's setting: compared in the overview, not a head-to-head */
    add(w.store, palm_t3, "PaLM 540B", "HellaSwag", 10, NULL, NULL, 83.0, -1, 0);
    add(w.store, gpt, "GPT-4", "GSM8K", 5, "cot", NULL, 92.0, -1, 0);
    add(w.store, palm, "PaLM 2-L", "GSM8K", 5, NULL, NULL, 80.7, -1, 0);
    static const char *const order[] = {"GPT-4", "GPT-3.5", "PaLM 2-L", "PaLM 540B"};
    build(&w, order, 4);

    /* GPT-4/PaLM 2-L on both, GPT-3.5/PaLM 2-L on HellaSwag; PaLM 540B shares 10-shot with
     * the GPT-4 report, and GPT-4/GPT-3.5 come from one source */
    assert_int_equal(w.f.n_head_to_heads_total, 3);
    const lr_head_to_head *h = w.f.head_to_heads;
    assert_string_equal(h[0].a->model, "GPT-4");
    assert_string_equal(h[0].b->model, "PaLM 2-L");
    assert_string_equal(h[0].benchmark, "hellaswag");
    assert_int_equal(h[0].differs, LR_DIFF_SHOTS);
    assert_string_equal(h[1].a->model, "GPT-4");
    assert_string_equal(h[1].benchmark, "gsm8k");
    assert_int_equal(h[1].differs, LR_DIFF_METHOD);
    assert_string_equal(h[2].a->model, "GPT-3.5");
    lr_buf text = LR_BUF_INIT;
    lr_findings_describe_diff(h[0].differs, h[0].a, h[0].b, LR_LANG_EN, &text);
    assert_string_equal(text.data, "shots 10 vs 1");
    lr_buf_clear(&text);
    lr_findings_describe_diff(h[1].differs, h[1].a, h[1].b, LR_LANG_EN, &text);
    assert_string_equal(text.data, "method cot vs plain");
    lr_buf_free(&text);
    /* the two reports are one source each, whatever their tables */
    assert_int_equal(w.f.n_sources, 2);
    assert_int_equal(w.f.sources[1].n_sources, 2);
    assert_int_equal(w.f.sources[1].n_results, 3);
    assert_int_equal(w.f.sources[1].n_shots, 3); /* 1, 5, 10 */
    /* they share HellaSwag at 10-shot (PaLM 540B): they can be compared, so no gap */
    assert_int_equal(w.f.n_gaps, 0);
    world_free(&w);
}

/* ---- sources, caveats ---- */

static void test_source_rows(void **state)
{
    (void)state;
    lr_store *store = lr_store_new(&diag);
    /* read into a part and merged, as a build reads files on threads */
    lr_store *part = lr_store_new_part(store);
    static const char file[] =
        "{\"format\": \"llmreport/1\","
        " \"source\": {\"kind\": \"paper\", \"title\": \"MIT curriculum\","
        "  \"caveats\": [\"Graded by GPT-4, the model under test.\", \"Cascade of retries.\"]},"
        " \"results\": ["
        "  {\"model\": \"GPT-4\", \"benchmark\": \"MIT test set\", \"metric\": \"solve rate\","
        "   \"shots\": 0, \"variant\": \"GPT-4-graded\", \"value\": 0.9, \"scale\": \"fraction\"},"
        "  {\"model\": \"GPT-4\", \"benchmark\": \"MIT test set\", \"metric\": \"solve rate\","
        "   \"shots\": null, \"method\": \"few-shot + CoT\","
        "   \"variant\": \"GPT-4-graded, cumulative cascade\", \"value\": 0.95,"
        "   \"scale\": \"fraction\"},"
        "  {\"model\": \"GPT-4\", \"benchmark\": \"MIT test set\", \"metric\": \"share correct\","
        "   \"shots\": 0, \"variant\": \"manual grading\", \"value\": 58, \"scale\": \"percent\","
        "   \"source\": {\"kind\": \"blog\", \"title\": \"Rebuttal\","
        "    \"caveats\": [\"Partial re-grade of 96 answers.\"]}},"
        "  {\"model\": \"M\", \"benchmark\": \"Avg\", \"metric\": \"acc\", \"shots\": 0,"
        "   \"variant\": \"mean of 4\", \"value\": 50, \"scale\": \"percent\","
        "   \"source\": {\"caveats\": 7}}"
        "]}";
    lr_error err;
    assert_int_equal(lr_ingest_bytes(part, "mit.json", file, sizeof file - 1, NULL, NULL, &err),
                     LR_OK);
    assert_int_equal(lr_store_merge(store, part, "mit.json"), LR_OK);
    lr_store_free(part);
    lr_config config;
    lr_config_init(&config);
    lr_overview ov;
    lr_findings f;
    assert_int_equal(lr_overview_build(store, &config, &ov), LR_OK);
    assert_int_equal(lr_findings_build(store, &config, &ov, &f), LR_OK);
    assert_int_equal(f.n_sources, 2);
    const lr_source_row *mit = &f.sources[0], *rebuttal = &f.sources[1];
    assert_string_equal(lr_source_name(mit->source), "MIT curriculum");
    /* the file's source and the result overriding only "caveats" (not a list: ignored, the
     * file's kept) are one source */
    assert_int_equal(mit->n_results, 3);
    assert_int_equal(mit->n_caveats, 2);
    assert_string_equal(mit->caveats[0], "Graded by GPT-4, the model under test.");
    assert_string_equal(mit->caveats[1], "Cascade of retries.");
    assert_int_equal(mit->n_grading, 1);
    assert_string_equal(mit->grading[0], "GPT-4-graded");
    assert_int_equal(mit->n_aggregation, 1);
    assert_string_equal(mit->aggregation[0], "mean of 4");
    assert_int_equal(mit->n_variants, 1);
    assert_string_equal(mit->variants[0], "cumulative cascade");
    assert_int_equal(mit->n_shots, 1);
    assert_true(mit->shots_unstated);
    assert_true(mit->plain);
    assert_int_equal(mit->n_methods, 1);
    assert_int_equal(rebuttal->n_caveats, 1);
    assert_string_equal(rebuttal->caveats[0], "Partial re-grade of 96 answers.");
    assert_int_equal(rebuttal->n_grading, 1);
    assert_string_equal(rebuttal->grading[0], "manual grading");
    lr_findings_free(&f);
    lr_overview_free(&ov);
    lr_config_free(&config);
    lr_store_free(store);
}

/* ---- the summary ---- */

/* Two implementations of MMLU from a paper and a board, a HellaSwag result under another
 * number of shots from a third source, and one result without its setting. */
static void summary_world(world *w)
{
    world_new(w);
    lr_source *p1 = source(w->store, "paper", "Paper One");
    lr_source *board = source(w->store, "leaderboard", "Board");
    lr_source *p3 = source(w->store, "paper", "Paper Three");
    add(w->store, p1, "A", "MMLU", 5, NULL, "impl X", 50.0, -1, 0);
    add(w->store, p1, "B", "MMLU", 5, NULL, "impl X", 55.0, -1, 0);
    add(w->store, board, "A", "MMLU", 5, NULL, "impl Y", 60.0, -1, 0);
    add(w->store, board, "B", "MMLU", 5, NULL, "impl Y", 58.0, -1, 0);
    add(w->store, board, "A", "HellaSwag", 0, NULL, NULL, 70.0, -1, 0);
    add(w->store, p3, "C", "HellaSwag", 10, NULL, NULL, 80.0, -1, 0);
    /* HellaSwag: one model at each setting, so no overview column (its cells count nowhere) */
    add(w->store, p3, "C", "MMLU", LR_SHOTS_UNKNOWN, NULL, NULL, 40.0, -1, 0);
    static const char *const order[] = {"A", "B", "C"};
    build(w, order, 3);
}

static void test_summary_en(void **state)
{
    (void)state;
    world w;
    summary_world(&w);
    lr_buf text = LR_BUF_INIT;
    lr_findings_summary(&w.f, LR_LANG_EN, &text);
    assert_string_equal(
        text.data,
        "1 pair of models changes order between settings of MMLU: under 5-shot · acc · impl X, "
        "B is ahead of A (55.0 vs 50.0), under 5-shot · acc · impl Y behind (58.0 vs 60.0). "
        "The way of measuring moves a number by up to 10.0 points: A on MMLU scores 50.0 "
        "(5-shot · acc · impl X) and 60.0 (5-shot · acc · impl Y). "
        "A table that ignored settings would set 1 pair of models from different sources side "
        "by side that was measured differently (e.g. A vs C on HellaSwag: shots 0 vs 10); Board "
        "and Paper One share MMLU but not one setting, so no number of one can stand next to "
        "the other. "
        "7 results from 3 sources: 2 of them are compared in the overview at their column's "
        "setting, and 1 more are shown there marked as measured differently. "
        "Listed in the tables but left out of these findings: results whose setting is not "
        "stated (1).");
    lr_buf_free(&text);
    world_free(&w);
}

static void test_summary_ko(void **state)
{
    (void)state;
    world w;
    summary_world(&w);
    lr_buf text = LR_BUF_INIT;
    lr_findings_summary(&w.f, LR_LANG_KO, &text);
    assert_string_equal(
        text.data,
        "모델 쌍 1개의 순서가 MMLU의 설정에 따라 바뀝니다: 5-shot · acc · impl X에서는 B 쪽이 "
        "A보다 앞서지만(55.0 대 50.0) 5-shot · acc · impl Y에서는 뒤처집니다(58.0 대 60.0). "
        "측정 방식에 따라 같은 결과가 최대 10.0점 달라집니다: A의 MMLU 점수는 50.0점(5-shot · "
        "acc · impl X)과 60.0점(5-shot · acc · impl Y)입니다. "
        "설정을 무시한 표라면 출처가 다르고 측정 방식도 다른 모델 쌍 1개를 나란히 놓게 되며(예: "
        "A 대 C, HellaSwag: 샷 수 0 대 10), Board, Paper One 두 출처는 벤치마크(MMLU)를 함께 "
        "다루지만 같은 설정이 하나도 없어 서로의 숫자를 나란히 놓을 수 없습니다. "
        "결과 7개(출처 3곳) 가운데 2개는 개요 표에서 열의 기준 설정으로 비교하고, 1개는 다르게 "
        "측정된 값으로 표시만 합니다. "
        "설정이 밝혀지지 않은 결과 1개는 표에는 있지만 이 분석에서는 뺐습니다.");
    lr_buf_free(&text);
    world_free(&w);
}

static void test_nothing_changed(void **state)
{
    (void)state;
    world w;
    world_new(&w);
    lr_source *s = source(w.store, "paper", "Paper");
    add(w.store, s, "A", "MMLU", 5, NULL, NULL, 50.0, -1, 0);
    add(w.store, s, "B", "MMLU", 5, NULL, NULL, 55.0, -1, 0);
    add(w.store, s, "A", "GSM8K", 8, "cot", NULL, 40.0, -1, 0);
    build(&w, NULL, 0);
    assert_false(lr_findings_any(&w.f));
    assert_int_equal(w.f.n_flip_sets, 0);
    assert_int_equal(w.f.n_spreads, 0);
    assert_int_equal(w.f.n_head_to_heads_total, 0);
    lr_buf text = LR_BUF_INIT;
    lr_findings_summary(&w.f, LR_LANG_EN, &text);
    assert_string_equal(text.data,
                        "Every benchmark here was measured one way only, so nothing changed "
                        "with the way of measuring. 3 results from 1 source: 2 of them are "
                        "compared in the overview at their column's setting, and 0 more are "
                        "shown there marked as measured differently.");
    lr_buf_free(&text);
    world_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spread),
        cmocka_unit_test(test_kendall_tau),
        cmocka_unit_test(test_flips),
        cmocka_unit_test(test_head_to_heads),
        cmocka_unit_test(test_source_rows),
        cmocka_unit_test(test_summary_en),
        cmocka_unit_test(test_summary_ko),
        cmocka_unit_test(test_nothing_changed),
        cmocka_unit_test(test_translated_is_another_test),
        cmocka_unit_test(test_translations_are_registry_facts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

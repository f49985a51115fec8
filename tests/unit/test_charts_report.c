/* The report's charts: built from the model at reference settings, written as SVG files that
 * real clients render, linked from the Markdown; trend charts over a history of snapshots. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "chart/chart.h"
#include "core/buf.h"
#include "ingest/ingest.h"
#include "llmreport.h"
#include "testutil.h"
#include "view/charts.h"
#include "view/overview.h"

static void quiet(void *user, lr_severity sev, const lr_error *e)
{
    (void)user;
    (void)sev;
    (void)e;
}

static lr_status build_samples(const char *dir, unsigned formats)
{
    lr_report *r = lr_report_new();
    lr_report_set_diag(r, quiet, NULL);
    lr_report_set_datadir(r, LR_SOURCE_DIR);
    lr_error err;
    lr_report_add_input(r, source_path("samples"), &err);
    lr_build_options opt = {dir, formats, NULL, 0};
    lr_status st = lr_report_build(r, &opt, &err);
    lr_report_free(r);
    return st;
}

static void test_sample_charts(void **state)
{
    (void)state;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", temp_dir("charts-sample"));
    assert_int_equal(build_samples(dir, LR_OUT_MD | LR_OUT_SVG | LR_OUT_PNG), LR_OK);
    char path[4200];
    snprintf(path, sizeof path, "%s/report.md", dir);
    char *md = read_text(path, NULL);
    assert_non_null(md);
    md_doc doc;
    assert_int_equal(md_parse(md, &doc), 0);
    /* every chart of the config is linked, as an image with alt text, and exists as SVG and
     * PNG; rsvg-convert renders every SVG */
    static const char *const ids[] = {"overview", "arc-challenge", "humaneval-pass1", "arc-vs-size",
                                      "heatmap"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        char link[128];
        snprintf(link, sizeof link, "charts/%s.svg", ids[i]);
        int linked = 0;
        for (size_t k = 0; k < doc.n_links; k++)
            linked |= !strcmp(doc.links[k], link);
        assert_true(linked);
        struct stat st;
        snprintf(path, sizeof path, "%s/charts/%s.png", dir, ids[i]);
        assert_int_equal(stat(path, &st), 0);
        assert_true(st.st_size > 1000);
        char cmd[9000];
        snprintf(cmd, sizeof cmd, "rsvg-convert -o '%s/%s.check.png' '%s/charts/%s.svg'", dir,
                 ids[i], dir, ids[i]);
        assert_int_equal(system(cmd), 0);
    }
    assert_non_null(strstr(md, "![HumanEval pass@1](charts/humaneval-pass1.svg)"));
    md_free(&doc);
    free(md);

    /* the same inputs give the same SVG bytes */
    char dir2[4096];
    snprintf(dir2, sizeof dir2, "%s", temp_dir("charts-sample-2"));
    assert_int_equal(build_samples(dir2, LR_OUT_SVG), LR_OK);
    char a[4200], b[4200];
    snprintf(a, sizeof a, "%s/charts/heatmap.svg", dir);
    snprintf(b, sizeof b, "%s/charts/heatmap.svg", dir2);
    char *x = read_text(a, NULL), *y = read_text(b, NULL);
    assert_non_null(x);
    assert_non_null(y);
    assert_string_equal(x, y);
    free(x);
    free(y);
}

/* Model names cannot steer chart files out of the charts folder. */
static void test_chart_ids_are_safe(void **state)
{
    (void)state;
    const char *dir = temp_dir("charts-hostile");
    char input[4096], out[4096];
    snprintf(input, sizeof input, "%s/in/h.json", dir);
    snprintf(out, sizeof out, "%s/out", dir);
    write_text(input, "{\"format\": \"llmreport/1\", \"results\": [\n"
                      " {\"model\": \"a\", \"benchmark\": \"../../etc/passwd\", \"metric\": "
                      "\"acc\", \"shots\": 0, \"value\": 50, \"scale\": \"percent\"},\n"
                      " {\"model\": \"b\", \"benchmark\": \"../../etc/passwd\", \"metric\": "
                      "\"acc\", \"shots\": 0, \"value\": 60, \"scale\": \"percent\"},\n"
                      " {\"model\": \"c\", \"benchmark\": \"../../etc/passwd\", \"metric\": "
                      "\"acc\", \"shots\": 0, \"value\": 70, \"scale\": \"percent\"}]}\n");
    lr_report *r = lr_report_new();
    lr_report_set_diag(r, quiet, NULL);
    lr_report_set_datadir(r, LR_SOURCE_DIR);
    lr_error err;
    lr_report_add_input(r, input, &err);
    lr_build_options opt = {out, LR_OUT_MD | LR_OUT_SVG, NULL, 0};
    assert_int_equal(lr_report_build(r, &opt, &err), LR_OK);
    lr_report_free(r);
    char cmd[9000];
    /* every file written is inside out/, and the ranked chart got a plain id */
    snprintf(cmd, sizeof cmd, "test -z \"$(find '%s' -newer '%s' -type f | grep -v '^%s/')\"", dir,
             input, out);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "ls '%s/charts/' | grep -qEx 'etc-passwd(-[0-9a-f]+)?\\.svg'", out);
    assert_int_equal(system(cmd), 0);
}

/* Five nightly snapshots make a trend chart; the night B ran at another shot count is its own
 * series, never joined into B's line. */
static void test_trend_from_history(void **state)
{
    (void)state;
    lr_diag diag = {quiet, NULL, {0, 0, 0, 0}};
    lr_snapshot hist[5];
    lr_store *models[5];
    static const char *const dates[] = {"2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04",
                                        "2026-11-05"};
    for (int i = 0; i < 5; i++) {
        models[i] = lr_store_new(&diag);
        char rel[128];
        snprintf(rel, sizeof rel, "tests/data/history/results-%s.json", dates[i]);
        lr_error err;
        int is_config;
        assert_int_equal(lr_ingest_file(models[i], source_path(rel), lr_adapter_find("native"),
                                        &is_config, &err),
                         LR_OK);
        hist[i].date = dates[i];
        hist[i].store = models[i];
    }
    lr_config config;
    lr_config_init(&config);
    lr_chart_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.type = "trend";
    spec.id = "trend";
    const char *bench[] = {"arc_challenge"};
    spec.benchmarks = bench;
    spec.n_benchmarks = 1;
    config.charts = &spec;
    config.n_charts = 1;
    config.charts_given = 1;
    lr_overview ov;
    assert_int_equal(lr_overview_build(models[4], &config, &ov), LR_OK);
    lr_chart_set set;
    assert_int_equal(lr_charts_build(models[4], &config, &ov, NULL, hist, 5, &set), LR_OK);
    assert_int_equal(set.n, 1);
    const lr_chart *c = &set.charts[0];
    assert_int_equal(c->type, LR_CHART_TREND);
    assert_string_equal(set.links[0].file, "charts/trend-arc_challenge.svg");
    assert_int_equal(c->n_groups, 5);
    assert_int_equal(c->n_series, 3);
    assert_string_equal(c->series[0], "A");
    assert_string_equal(c->series[1], "B");
    assert_string_equal(c->series[2], "B (other setting)");
    /* B's own line has a gap on the third night; the other-setting series has only that night */
    assert_true(c->cells[1 * 5 + 1].present);
    assert_false(c->cells[1 * 5 + 2].present);
    assert_true(c->cells[2 * 5 + 2].present);
    assert_int_equal(c->cells[2 * 5 + 2].mark, LR_MARK_OTHER_SETTING);
    assert_false(c->cells[2 * 5 + 1].present);
    lr_buf trace = LR_BUF_INIT;
    lr_error err;
    assert_int_equal(lr_chart_render_trace(c, NULL, &trace, &err), LR_OK);
    assert_int_equal(check_golden("chart/report-trend.trace", trace.data), 0);
    lr_buf_free(&trace);
    lr_chart_set_free(&set);
    lr_overview_free(&ov);
    for (int i = 0; i < 5; i++)
        lr_store_free(models[i]);
}

/* The value axis says "(%)" only when every benchmark on it is a percentage: a chart of
 * MMLU's accuracy alone does, one that adds a raw score (a perplexity-like "loss") does not. */
static char setting[600];

static const char *axis_of(const char *json, const char *type, const char **bench, size_t n_bench)
{
    static char label[160];
    lr_diag diag = {quiet, NULL, {0, 0, 0, 0}};
    lr_store *store = lr_store_new(&diag);
    const char *dir = temp_dir("charts-axis");
    char path[4096];
    snprintf(path, sizeof path, "%s/in.json", dir);
    assert_int_equal(write_text(path, json), 0);
    lr_error err;
    int is_config;
    assert_int_equal(lr_ingest_file(store, path, lr_adapter_find("native"), &is_config, &err),
                     LR_OK);
    lr_config config;
    lr_config_init(&config);
    lr_chart_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.type = type;
    spec.id = "axis";
    spec.benchmarks = bench;
    spec.n_benchmarks = n_bench;
    config.charts = &spec;
    config.n_charts = 1;
    config.charts_given = 1;
    lr_overview ov;
    assert_int_equal(lr_overview_build(store, &config, &ov), LR_OK);
    lr_chart_set set;
    assert_int_equal(lr_charts_build(store, &config, &ov, NULL, NULL, 0, &set), LR_OK);
    assert_int_equal(set.n, 1);
    snprintf(label, sizeof label, "%s", set.charts[0].value_label);
    snprintf(setting, sizeof setting, "%s", set.charts[0].setting);
    lr_chart_set_free(&set);
    lr_overview_free(&ov);
    lr_store_free(store);
    return label;
}

static void test_axis_unit(void **state)
{
    (void)state;
    static const char json[] =
        "{\"format\": \"llmreport/1\", \"source\": {\"title\": \"T\"}, \"results\": [\n"
        " {\"model\": \"A\", \"benchmark\": \"MMLU\", \"metric\": \"acc\", \"shots\": 5, "
        "\"value\": 70, \"scale\": \"percent\"},\n"
        " {\"model\": \"B\", \"benchmark\": \"MMLU\", \"metric\": \"acc\", \"shots\": 5, "
        "\"value\": 60, \"scale\": \"percent\"},\n"
        " {\"model\": \"A\", \"benchmark\": \"mytask\", \"metric\": \"loss\", \"shots\": 0, "
        "\"value\": 2.5, \"scale\": \"raw\", \"higher_is_better\": false},\n"
        " {\"model\": \"B\", \"benchmark\": \"mytask\", \"metric\": \"loss\", \"shots\": 0, "
        "\"value\": 3.5, \"scale\": \"raw\", \"higher_is_better\": false}]}\n";
    const char *mmlu[] = {"mmlu"}, *both[] = {"mmlu", "mytask"}, *raw[] = {"mytask"};
    assert_string_equal(axis_of(json, "bars", mmlu, 1), "accuracy (%)");
    /* one value axis: the bars draw the percentage and name what they leave out */
    assert_string_equal(axis_of(json, "bars", both, 2), "accuracy (%)");
    assert_non_null(strstr(setting, "; not drawn, not a percentage: 1 (mytask)"));
    /* a heatmap colours each column on its own: both drawn, the legend's unit is no "%" */
    assert_string_equal(axis_of(json, "heatmap", both, 2), "score");
    assert_null(strstr(setting, "not drawn"));
    assert_string_equal(axis_of(json, "bars", raw, 1), "score"); /* a metric the registry does
                                                                     not know */
}

/* A Korean report's charts say their own words in Korean. */
static void test_chart_words_in_korean(void **state)
{
    (void)state;
    const char *series[] = {"모델 가", "모델 나", "GPT-4"};
    const char *groups[] = {"MMLU"};
    lr_chart_cell cells[] = {{1, 70.0, -1, LR_MARK_NONE},
                             {1, 60.0, -1, LR_MARK_NONE},
                             {1, 86.4, -1, LR_MARK_OTHER_SETTING}};
    lr_chart c;
    memset(&c, 0, sizeof c);
    c.type = LR_CHART_RANKED;
    c.id = "mmlu";
    c.title = "MMLU";
    c.n_series = 3;
    c.series = series;
    c.n_groups = 1;
    c.groups = groups;
    c.cells = cells;
    c.bounded = 1;
    c.baseline = -1;
    c.higher_is_better = 1;
    lr_buf en = LR_BUF_INIT, ko = LR_BUF_INIT;
    lr_error err;
    assert_int_equal(lr_chart_render_trace(&c, NULL, &en, &err), LR_OK);
    c.language = "ko";
    assert_int_equal(lr_chart_render_trace(&c, NULL, &ko, &err), LR_OK);
    assert_non_null(strstr(en.data, "\"measured under another setting\""));
    assert_null(strstr(ko.data, "measured under another setting"));
    assert_non_null(strstr(ko.data, "\"다른 설정에서 측정\""));
    assert_non_null(strstr(ko.data, "\"모델 가\""));
    lr_buf_free(&en);
    lr_buf_free(&ko);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_charts),      cmocka_unit_test(test_chart_ids_are_safe),
        cmocka_unit_test(test_trend_from_history), cmocka_unit_test(test_chart_words_in_korean),
        cmocka_unit_test(test_axis_unit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

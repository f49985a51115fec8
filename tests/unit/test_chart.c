/* Tests of chart layout: golden traces for every chart type, bars bound to their own models
 * through every sort, Korean names, top-N, chart errors, and file-name-safe ids. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/chart.h"
#include "core/buf.h"
#include "testutil.h"

static lr_fonts *fonts;

static int setup(void **state)
{
    (void)state;
    lr_error err;
    return lr_fonts_load(source_path("fonts"), &fonts, &err) == LR_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    lr_fonts_free(fonts);
    return 0;
}

#define C(v, ci, m)                                                                                \
    {                                                                                              \
        1, v, ci, m                                                                                \
    }
#define NONE                                                                                       \
    {                                                                                              \
        0, 0, -1, LR_MARK_NONE                                                                     \
    }
#define OTHER LR_MARK_OTHER_SETTING
#define UNKNOWN LR_MARK_UNKNOWN_SETTING

/* Renders a trace; fails the test on an error. Caller frees. */
static char *trace(const lr_chart *ch)
{
    lr_buf out = LR_BUF_INIT;
    lr_error err;
    memset(&err, 0, sizeof(err));
    lr_status st = lr_chart_render_trace(ch, fonts, &out, &err);
    if (st != LR_OK)
        fprintf(stderr, "trace: %s\n", err.message);
    assert_int_equal(st, LR_OK);
    return lr_buf_detach(&out);
}

static lr_chart base_chart(lr_chart_type type)
{
    lr_chart ch;
    memset(&ch, 0, sizeof(ch));
    ch.type = type;
    ch.baseline = -1;
    ch.bounded = 1;
    ch.higher_is_better = 1;
    ch.value_label = "accuracy (%)";
    return ch;
}

/* ---- Fixtures: small hand-made data ------------------------------------------------------- */

static const char *const models3[] = {"GPT-4", "Llama 2 70B", "Mistral 7B Instruct v0.2"};
static const char *const benches3[] = {"MMLU", "GSM8K", "HumanEval"};
static const lr_chart_cell cells3x3[] = {
    C(86.4, 0.6, 0), C(92.0, -1, OTHER),    C(67.0, 3.6, 0), C(68.9, 0.7, 0),
    C(56.8, 1.4, 0), C(29.9, 3.5, UNKNOWN), C(60.1, 0.8, 0), NONE,
    C(30.5, 3.5, 0),
};

static lr_chart bars_fixture(void)
{
    lr_chart ch = base_chart(LR_CHART_BARS);
    ch.id = "overview";
    ch.title = "Overview";
    ch.setting = "reference setting per benchmark";
    ch.footnote = "Sources: GPT-4 Technical Report (Table 2); Llama 2 paper (Table 3); "
                  "Mistral 7B model card.";
    ch.n_series = 3;
    ch.series = models3;
    ch.n_groups = 3;
    ch.groups = benches3;
    ch.cells = cells3x3;
    return ch;
}

static const char *const models5[] = {"GPT-4", "Claude 2", "Llama 2 70B", "Falcon 180B",
                                      "Mixtral 8x7B"};
static const char *const mmlu[] = {"MMLU"};
static const lr_chart_cell cells5[] = {
    C(86.4, 0.6, 0), C(78.5, 0.7, OTHER), C(68.9, 0.7, 0), C(70.6, 0.7, 0), C(70.6, -1, UNKNOWN),
};
static const double params5[] = {0, 0, 70, 180, 46.7};

static lr_chart ranked_fixture(void)
{
    lr_chart ch = base_chart(LR_CHART_RANKED);
    ch.id = "mmlu";
    ch.title = "MMLU";
    ch.setting = "MMLU · 5-shot · acc";
    ch.footnote = "Sources: GPT-4 Technical Report; Claude 2 model card; Llama 2 paper; "
                  "Falcon paper; Mixtral of Experts.";
    ch.n_series = 5;
    ch.series = models5;
    ch.n_groups = 1;
    ch.groups = mmlu;
    ch.cells = cells5;
    ch.baseline = 25;
    return ch;
}

static const char *const dates6[] = {"2024-03-01", "2024-03-02", "2024-03-03",
                                     "2024-03-04", "2024-03-05", "2024-03-06"};
static const double days6[] = {19783, 19784, 19785, 19786, 19787, 19788};
static const char *const nightly[] = {"my-model", "baseline"};
static const lr_chart_cell trend_cells[] = {
    C(61.0, -1, 0),     C(61.5, -1, 0), NONE,           C(62.4, -1, 0),
    C(62.0, -1, OTHER), C(63.1, -1, 0), C(45.5, -1, 0), C(45.6, -1, 0),
    C(45.5, -1, 0),     C(45.6, -1, 0), C(45.4, -1, 0), C(45.6, -1, 0),
};

static lr_chart trend_fixture(void)
{
    lr_chart ch = base_chart(LR_CHART_TREND);
    ch.id = "gsm8k-trend";
    ch.title = "GSM8K, nightly";
    ch.setting = "GSM8K · 5-shot · exact_match";
    ch.value_label = "exact match (%)";
    ch.footnote = "Sources: nightly lm-evaluation-harness runs.";
    ch.n_series = 2;
    ch.series = nightly;
    ch.n_groups = 6;
    ch.groups = dates6;
    ch.cells = trend_cells;
    ch.x = days6;
    return ch;
}

/* ---- Golden traces ------------------------------------------------------------------------- */

static void golden(const char *name, const lr_chart *ch)
{
    char *t = trace(ch);
    char path[128];
    snprintf(path, sizeof(path), "chart/%s.trace", name);
    assert_int_equal(check_golden(path, t), 0);
    free(t);
}

static void test_golden_bars(void **state)
{
    (void)state;
    lr_chart ch = bars_fixture();
    golden("bars", &ch);
}

static void test_golden_ranked(void **state)
{
    (void)state;
    lr_chart ch = ranked_fixture();
    golden("ranked", &ch);
}

static void test_golden_forest(void **state)
{
    (void)state;
    lr_chart ch = ranked_fixture();
    ch.type = LR_CHART_FOREST;
    ch.id = "mmlu-forest";
    golden("forest", &ch);
    ch = bars_fixture();
    ch.type = LR_CHART_FOREST;
    golden("forest_groups", &ch);
}

static void test_golden_heatmap(void **state)
{
    (void)state;
    lr_chart ch = bars_fixture();
    ch.type = LR_CHART_HEATMAP;
    golden("heatmap", &ch);
}

static void test_golden_scatter(void **state)
{
    (void)state;
    lr_chart ch = ranked_fixture();
    ch.type = LR_CHART_SCATTER;
    ch.x = params5;
    golden("scatter", &ch);
}

static void test_golden_radar(void **state)
{
    (void)state;
    lr_chart ch = bars_fixture();
    ch.type = LR_CHART_RADAR;
    golden("radar", &ch);
}

static void test_golden_trend(void **state)
{
    (void)state;
    lr_chart ch = trend_fixture();
    golden("trend", &ch);
}

/* ---- Every mark stays with its model ------------------------------------------------------- */

/* The first rect after the line `group "TITLE"`; returns 0 when there is none. */
/* The strings of the trace's text calls of one size (" size=9.00 " is the setting line under
 * the title), joined by spaces: what a reader reads across wrapped lines. Caller frees. */
static char *texts_of_size(const char *t, const char *size)
{
    lr_buf out = LR_BUF_INIT;
    for (const char *p = strstr(t, "\ntext "); p; p = strstr(p + 1, "\ntext ")) {
        const char *q = strchr(p, '"'), *end = strchr(p + 1, '\n');
        const char *close = q ? strstr(q + 1, "\" size=") : NULL;
        if (!q || !close || (end && close > end) || strncmp(close + 2, size, strlen(size)))
            continue;
        if (out.len)
            lr_buf_putc(&out, ' ');
        lr_buf_append(&out, q + 1, (size_t)(close - q - 1));
    }
    lr_buf_putc(&out, '\0');
    return out.data;
}

static int rect_after(const char *t, const char *title, double r[4])
{
    char needle[256];
    snprintf(needle, sizeof(needle), "group \"%s\"\n", title);
    const char *p = strstr(t, needle);
    if (!p)
        return 0;
    p = strstr(p, "\nrect ");
    const char *end = strstr(strstr(t, needle), "\nend-group");
    if (!p || (end && p > end))
        return 0;
    return sscanf(p + 6, "%lf %lf %lf %lf", &r[0], &r[1], &r[2], &r[3]) == 4;
}

static void test_ranked_keeps_bars_with_models(void **state)
{
    (void)state;
    /* Values given in an order unlike the ranking: a chart that sorted the values of the column
     * on their own (and kept the labels in place) would give A the bar of B. */
    static const char *const names[] = {"A", "B", "C", "D"};
    static const lr_chart_cell cells[] = {C(30, -1, 0), C(90, -1, 0), C(60, -1, 0), C(45, -1, 0)};
    lr_chart ch = base_chart(LR_CHART_RANKED);
    ch.id = "binding";
    ch.title = "Binding";
    ch.n_series = 4;
    ch.series = names;
    ch.n_groups = 1;
    ch.groups = mmlu;
    ch.cells = cells;
    char *t = trace(&ch);
    double a[4], b[4], c[4], d[4];
    assert_true(rect_after(t, "A: 30.0", a));
    assert_true(rect_after(t, "B: 90.0", b));
    assert_true(rect_after(t, "C: 60.0", c));
    assert_true(rect_after(t, "D: 45.0", d));
    /* Each bar's width is its own model's value (the axis starts at 0). */
    double unit = b[2] / 90;
    assert_true(unit > 1);
    assert_true(fabs(a[2] - 30 * unit) < 0.02);
    assert_true(fabs(c[2] - 60 * unit) < 0.02);
    assert_true(fabs(d[2] - 45 * unit) < 0.02);
    /* And the label drawn in B's group is "B", on B's row: best first, top down. */
    assert_non_null(strstr(t, "group \"B: 90.0\"\ntext"));
    assert_true(strstr(strstr(t, "group \"B: 90.0\""), "\"B\" size=") != NULL);
    assert_true(b[1] < c[1] && c[1] < d[1] && d[1] < a[1]);
    free(t);

    /* Lower is better: the smallest value is ranked first, widths still bound. */
    ch.higher_is_better = 0;
    t = trace(&ch);
    assert_true(rect_after(t, "A: 30.0", a));
    assert_true(rect_after(t, "B: 90.0", b));
    assert_true(a[1] < d[1] + 1e9 && a[1] < b[1]);
    assert_true(fabs(a[2] / 30 - b[2] / 90) < 0.01);
    free(t);
}

static void test_grouped_bars_keep_values(void **state)
{
    (void)state;
    lr_chart ch = bars_fixture();
    char *t = trace(&ch);
    /* Every bar's height over the zero line is its own cell's value, in every group. */
    struct {
        const char *title;
        double value;
    } want[] = {
        {"GPT-4 · MMLU: 86.4 ± 0.6", 86.4},
        {"Llama 2 70B · MMLU: 68.9 ± 0.7", 68.9},
        {"Mistral 7B Instruct v0.2 · MMLU: 60.1 ± 0.8", 60.1},
        {"GPT-4 · HumanEval: 67.0 ± 3.6", 67.0},
        {"Mistral 7B Instruct v0.2 · HumanEval: 30.5 ± 3.5", 30.5},
        {"Llama 2 70B · GSM8K: 56.8 ± 1.4", 56.8},
    };
    double unit = 0;
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        double r[4];
        assert_true(rect_after(t, want[i].title, r));
        if (!unit)
            unit = r[3] / want[i].value;
        assert_true(fabs(r[3] - want[i].value * unit) < 0.02);
    }
    /* No value measured under another setting, or whose setting is not stated, is a bar: it
     * is a hollow marker (circle, diamond) at its height, the legend says which is which, and
     * the setting line counts what is not a bar. A missing value draws nothing. */
    double r[4];
    assert_false(rect_after(t, "GPT-4 · GSM8K: 92.0 (measured under another setting)", r));
    assert_null(strstr(t, "hatch="));
    const char *other = strstr(t, "group \"GPT-4 · GSM8K: 92.0 (measured under another setting)\"");
    assert_non_null(other);
    assert_true(!strncmp(strchr(other, '\n') + 1, "circle ", 7));
    const char *unknown = strstr(t, "(setting not stated)\"\n");
    assert_non_null(unknown);
    assert_true(!strncmp(strchr(unknown, '\n') + 1, "path ", 5));
    double cx, cy, rad;
    assert_true(rect_after(t, "GPT-4 · MMLU: 86.4 ± 0.6", r));
    double zero = r[1] + r[3];
    unit = r[3] / 86.4;
    assert_int_equal(sscanf(strchr(other, '\n') + 8, "%lf %lf %lf", &cx, &cy, &rad), 3);
    assert_true(fabs((zero - cy) - 92.0 * unit) < 0.6); /* at its value's height */
    assert_true(rad <= 3.5);
    assert_non_null(strstr(t, "\"measured under another setting\""));
    assert_non_null(strstr(t, "\"setting not stated\""));
    assert_null(strstr(t, "GSM8K: no result"));
    char *setting = texts_of_size(t, "size=9.00");
    assert_non_null(strstr(setting, "not drawn as bars: 1 measured under another setting (○), 1 "
                                    "with the setting not stated (◇), 1 missing"));
    free(setting);
    free(t);
}

/* ---- Korean, long names, top-N ------------------------------------------------------------- */

static void test_korean_names(void **state)
{
    (void)state;
    static const char *const names[] = {"하이퍼클로바X", "솔라 10.7B 인스트럭트",
                                        ("아주 아주 긴 한국어 모델 이름이 들어가는 경우의 "
                                         "시험용 모델 (세 번째 버전, 2024년 3월)")};
    static const lr_chart_cell cells[] = {C(69.3, -1, 0), C(66.2, -1, 0), C(50, -1, 0)};
    lr_chart ch = base_chart(LR_CHART_RANKED);
    ch.id = "한국어";
    ch.title = "한국어 모델 비교 (KMMLU)";
    ch.setting = "KMMLU · 5-shot · 정확도";
    ch.value_label = "정확도 (%)";
    ch.footnote = "출처: 각 모델의 기술 보고서.";
    ch.n_series = 3;
    ch.series = names;
    ch.n_groups = 1;
    ch.groups = mmlu;
    ch.cells = cells;
    char *t = trace(&ch);
    assert_non_null(strstr(t, "\"하이퍼클로바X\" size=8.50 anchor=end"));
    assert_non_null(strstr(t, "\"한국어 모델 비교 (KMMLU)\" size=13.00"));
    /* The long name is shortened with an ellipsis, the full one kept as the group title. */
    char group[600];
    snprintf(group, sizeof(group), "group \"%s\"\ntext", names[2]);
    const char *g = strstr(t, group);
    assert_non_null(g);
    const char *q = strchr(g + strlen(group), '"');
    assert_non_null(q);
    assert_non_null(strstr(q, "…\" size=8.50 anchor=end"));
    free(t);

    /* It renders to SVG too (glyphs from Nanum Gothic). */
    lr_buf out = LR_BUF_INIT;
    lr_error err;
    assert_int_equal(lr_chart_render_svg(&ch, fonts, lr_buf_write, &out, &err), LR_OK);
    assert_non_null(strstr(out.data, "<title>하이퍼클로바X: 69.3</title>"));
    lr_buf_free(&out);
}

static size_t count(const char *t, const char *needle)
{
    size_t n = 0;
    for (const char *p = t; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

static void test_top_n(void **state)
{
    (void)state;
    enum { N = 20 };
    static char names[N][16];
    static const char *series[N];
    static lr_chart_cell one[N], three[N * 3];
    for (int i = 0; i < N; i++) {
        snprintf(names[i], sizeof(names[i]), "model-%02d", i);
        series[i] = names[i];
        one[i] = (lr_chart_cell){1, 40 + (i * 7) % 20 + i * 0.1, -1, LR_MARK_NONE};
        for (int g = 0; g < 3; g++)
            three[i * 3 + g] = (lr_chart_cell){1, 30 + i + g, -1, LR_MARK_NONE};
    }
    lr_chart ch = base_chart(LR_CHART_RANKED);
    ch.id = "top";
    ch.title = "Top";
    ch.n_series = N;
    ch.series = series;
    ch.n_groups = 1;
    ch.groups = mmlu;
    ch.cells = one;
    ch.top_n = 3;
    char *t = trace(&ch);
    assert_int_equal(count(t, "\nrect "), 1 + 3); /* the background and three bars */
    assert_non_null(strstr(t, "top 3 of 20 models"));
    /* The three best: values 59.x for i = 17 (59.7), 14 (55.4 ... ) — check by value. */
    double best = 0;
    for (int i = 0; i < N; i++)
        best = fmax(best, one[i].value);
    char title[64];
    snprintf(title, sizeof(title), "group \"model-17: %.1f\"", one[17].value);
    assert_true(one[17].value == best);
    assert_non_null(strstr(t, title));
    free(t);

    /* Grouped bars with 20 models and 3 benchmarks: the 8 best by mean (the colours the
     * palette keeps apart), said so. */
    ch.type = LR_CHART_BARS;
    ch.top_n = 0;
    ch.n_groups = 3;
    ch.groups = benches3;
    ch.cells = three;
    t = trace(&ch);
    assert_non_null(strstr(t, "top 8 of 20 models by mean over the benchmarks shown"));
    assert_non_null(strstr(t, "\"model-19\""));
    assert_non_null(strstr(t, "\"model-12\""));
    assert_null(strstr(t, "\"model-11\""));
    free(t);
    ch.top_n = 4;
    t = trace(&ch);
    assert_non_null(strstr(t, "top 4 of 20 models"));
    assert_int_equal(count(t, "hatch="), 0);
    free(t);

    /* The best means belong to models without a value on one benchmark (19, 18) or with one
     * measured under another setting (17): only the complete ones are ranked. */
    three[19 * 3 + 1].present = 0;
    three[18 * 3 + 2].present = 0;
    three[17 * 3 + 0].mark = LR_MARK_OTHER_SETTING;
    ch.top_n = 3;
    t = trace(&ch);
    char *setting = texts_of_size(t, "size=9.00");
    assert_non_null(strstr(setting, "top 3 of 20 models by mean, ranked among the 17 with a "
                                    "comparable value on every benchmark shown"));
    free(setting);
    assert_non_null(strstr(t, "\"model-16\""));
    assert_non_null(strstr(t, "\"model-14\""));
    assert_null(strstr(t, "\"model-19\""));
    assert_null(strstr(t, "\"model-18\""));
    assert_null(strstr(t, "\"model-17\""));
    free(t);
    /* none complete: report order, none ranked */
    for (int i = 0; i < N; i++)
        three[i * 3 + 1].present = 0;
    t = trace(&ch);
    setting = texts_of_size(t, "size=9.00");
    assert_non_null(strstr(setting, "3 of 20 models in report order: none has a comparable value"));
    free(setting);
    assert_non_null(strstr(t, "\"model-00\""));
    free(t);

    /* Grouped bars of one benchmark and many models become a ranking. */
    ch.top_n = 0;
    ch.n_groups = 1;
    ch.groups = mmlu;
    ch.cells = one;
    t = trace(&ch);
    assert_int_equal(count(t, "\nrect "), 1 + N);
    const char *first = strstr(t, "group \"model-");
    assert_non_null(first);
    assert_true(!strncmp(first, "group \"model-17:", 16)); /* best first */
    free(t);
}

/* ---- Details of the layout ----------------------------------------------------------------- */

/* ---- The sources line lists what is drawn ------------------------------------------------- */

/* The ranked top 3 of 20 models are 17, 14 and 11: the sources line names their sources (the
 * leaderboard's two snapshots as one entry, dates sorted), none of the 17 not drawn, and no
 * "and N more"; when the cells drawn all come from one source, the setting line says so. */
static void test_sources_drawn(void **state)
{
    (void)state;
    enum { N = 20 };
    static char names[N][16], other[N][40];
    static const char *series[N], *sources[N];
    static lr_chart_cell one[N];
    for (int i = 0; i < N; i++) {
        snprintf(names[i], sizeof(names[i]), "model-%02d", i);
        snprintf(other[i], sizeof(other[i]), "Paper number %02d (2022-01-%02d)", i, i + 1);
        series[i] = names[i];
        sources[i] = other[i];
        one[i] = (lr_chart_cell){1, 40 + (i * 7) % 20 + i * 0.1, -1, LR_MARK_NONE};
    }
    sources[17] = "Open LLM Leaderboard (2023-07-24)";
    sources[14] = "Open LLM Leaderboard (2023-06-10)";
    sources[11] = "a run";
    lr_chart ch = base_chart(LR_CHART_RANKED);
    ch.id = "top";
    ch.title = "Top";
    ch.n_series = N;
    ch.series = series;
    ch.n_groups = 1;
    ch.groups = mmlu;
    ch.cells = one;
    ch.sources = sources;
    ch.footnote = "Sources: not this one";
    ch.top_n = 3;
    char *t = trace(&ch);
    char *foot = texts_of_size(t, "size=8.00");
    assert_non_null(
        strstr(foot, "Sources: Open LLM Leaderboard (2023-06-10, 2023-07-24); a run 0 "));
    assert_null(strstr(foot, "Paper number"));
    assert_null(strstr(foot, "not this one"));
    assert_null(strstr(foot, "more"));
    free(foot);
    char *setting = texts_of_size(t, "size=9.00");
    assert_null(strstr(setting, "one source"));
    free(setting);
    free(t);

    /* all drawn from the leaderboard: one source, said so */
    sources[11] = "Open LLM Leaderboard (2023-06-10)";
    t = trace(&ch);
    setting = texts_of_size(t, "size=9.00");
    assert_non_null(strstr(setting, "top 3 of 20 models · all values from one source"));
    free(setting);
    free(t);

    /* All 20 drawn, each its own long-named source: every one is listed, wrapped over lines,
     * and only the sources of rows drawn. */
    ch.top_n = 0;
    for (int i = 0; i < N; i++)
        sources[i] = other[i];
    t = trace(&ch);
    foot = texts_of_size(t, "size=8.00");
    size_t listed = 0;
    for (int i = 0; i < N; i++) {
        char bar[40];
        snprintf(bar, sizeof(bar), "group \"model-%02d: ", i);
        int drawn = strstr(t, bar) != NULL;
        listed += drawn;
        assert_int_equal(drawn, strstr(foot, other[i]) != NULL);
    }
    assert_true(listed >= 10);
    assert_true(count(t, "size=8.00 anchor=start fill=#6b6b6bff") >= 2); /* wrapped */
    assert_null(strstr(foot, "more"));
    assert_null(strstr(foot, "\xe2\x80\xa6"));
    free(foot);
    free(t);
}

/* ---- Subtitles are wrapped, never cut ----------------------------------------------------- */

/* A setting line that fits two lines wraps there; a longer one leaves the note under the title
 * and moves the settings under the chart ("Settings: …", wrapped with the sources); no line
 * under the title ends in "…" and every word of both is drawn. */
static void test_setting_wraps(void **state)
{
    (void)state;
    lr_chart ch = bars_fixture();
    char *t = trace(&ch), *setting = texts_of_size(t, "size=9.00");
    assert_non_null(strstr(setting, "reference setting per benchmark · not drawn as bars: 1 "
                                    "measured under another setting (○), 1 with the setting not "
                                    "stated (◇), 1 missing"));
    assert_null(strstr(setting, "\xe2\x80\xa6"));
    free(setting);
    free(t);

    char longer[800] = "";
    for (int i = 0; i < 12; i++) {
        char part[64];
        snprintf(part, sizeof(part), "%sBenchmark-%02d · %d-shot · acc_norm", i ? "; " : "", i,
                 i % 6);
        strcat(longer, part);
    }
    ch.setting = longer;
    t = trace(&ch);
    setting = texts_of_size(t, "size=9.00");
    char *foot = texts_of_size(t, "size=8.00");
    assert_null(strstr(setting, "\xe2\x80\xa6"));
    assert_null(strstr(setting, "Benchmark-"));
    assert_non_null(strstr(setting, "not drawn as bars: 1 measured under another setting (○), 1 "
                                    "with the setting not stated (◇), 1 missing"));
    char want[900];
    snprintf(want, sizeof(want), "Settings: %s Sources: GPT-4 Technical Report", longer);
    assert_non_null(strstr(foot, want));
    assert_null(strstr(foot, "\xe2\x80\xa6"));
    free(foot);
    free(setting);
    free(t);
}

/* ---- Heatmap: a scale per column, column heads wrapped --------------------------------------- */

/* Each column runs from its own lowest to its highest comparable value: the best of a column
 * of low scores is as dark as the best of one of high scores. Heads too wide for a column are
 * wrapped to two lines on one pair of baselines, not staggered; values under another setting
 * are grey. */
static void test_heatmap_columns(void **state)
{
    (void)state;
    static const char *const heads[] = {"HellaSwag", "Grade School Math 8K", "HumanEval",
                                        "Multiple-Choice"};
    static const lr_chart_cell cells[] = {
        C(95.3, -1, 0), C(92.0, -1, 0), C(35.0, -1, 0), C(60.0, -1, OTHER),
        C(85.5, -1, 0), C(57.1, -1, 0), C(12.0, -1, 0), C(50.0, -1, 0),
        C(80.0, -1, 0), C(50.0, -1, 0), C(20.0, -1, 0), C(40.0, -1, 0),
    };
    lr_chart ch = base_chart(LR_CHART_HEATMAP);
    ch.id = "heat";
    ch.title = "Heat";
    ch.n_series = 3;
    ch.series = models3;
    ch.n_groups = 4;
    ch.groups = heads;
    ch.cells = cells;
    char *t = trace(&ch);
    /* the best of every column has the darkest fill, the worst the lightest */
    const char *dark = strstr(t, "group \"GPT-4 · HellaSwag: 95.3\"\nrect ");
    const char *dark2 = strstr(t, "group \"GPT-4 · HumanEval: 35.0\"\nrect ");
    const char *light = strstr(t, "group \"Llama 2 70B · HumanEval: 12.0\"\nrect ");
    assert_non_null(dark);
    assert_non_null(dark2);
    assert_non_null(light);
    char f1[16], f2[16], f3[16];
    assert_int_equal(sscanf(strstr(dark, "fill="), "fill=%9s", f1), 1);
    assert_int_equal(sscanf(strstr(dark2, "fill="), "fill=%9s", f2), 1);
    assert_int_equal(sscanf(strstr(light, "fill="), "fill=%9s", f3), 1);
    assert_string_equal(f1, f2);
    assert_string_not_equal(f1, f3);
    /* another setting: grey, hatched, with its number */
    const char *other = strstr(t, "(measured under another setting)\"\nrect ");
    assert_non_null(other);
    assert_true(!strncmp(strstr(other, "fill="), "fill=#e6e6e6ff hatch=", 21));
    /* the wide head: two lines 12 pt apart in its own group, the second on the baseline of
     * the one-line heads */
    const char *g = strstr(t, "group \"Grade School Math 8K\"\n");
    assert_non_null(g);
    double x1, y1, x2, y2, xh, yh;
    char a[64], b[64];
    assert_int_equal(sscanf(strchr(g, '\n'), "\ntext %lf %lf \"%63[^\"]\"", &x1, &y1, a), 3);
    assert_int_equal(
        sscanf(strchr(strchr(g, '\n') + 1, '\n'), "\ntext %lf %lf \"%63[^\"]\"", &x2, &y2, b), 3);
    assert_string_equal(a, "Grade School");
    assert_string_equal(b, "Math 8K");
    assert_true(fabs(y2 - y1 - 12) < 0.01);
    const char *h = strstr(t, "\"HellaSwag\" size=8.50");
    assert_non_null(h);
    while (h > t && h[-1] != '\n')
        h--;
    assert_int_equal(sscanf(h, "text %lf %lf", &xh, &yh), 2);
    assert_true(fabs(yh - y2) < 0.01);
    assert_non_null(strstr(t, "\"Multiple-Choice\" size=8.50")); /* fits: one line */
    assert_null(strstr(t, "\xe2\x80\xa6"));
    free(t);
}

static void test_baseline_and_axes(void **state)
{
    (void)state;
    lr_chart ch = ranked_fixture();
    char *t = trace(&ch);
    assert_non_null(strstr(t, "\"accuracy (%) — axis starts at 25, not 0\""));
    assert_non_null(strstr(t, "\"25\" size=8.00 anchor=middle"));
    /* Marked cells come after the ranked ones, under a separator. */
    assert_non_null(strstr(t, "not ranked — setting differs or is not stated"));
    const char *ranked = strstr(t, "group \"Falcon 180B: 70.6");
    const char *marked = strstr(t, "group \"Claude 2: 78.5");
    assert_true(ranked && marked && ranked < marked);
    free(t);

    ch.baseline = -1;
    t = trace(&ch);
    assert_null(strstr(t, "axis starts at"));
    assert_non_null(strstr(t, "\"0\" size=8.00 anchor=middle"));
    free(t);
}

static void test_trend_breaks(void **state)
{
    (void)state;
    lr_chart ch = trend_fixture();
    char *t = trace(&ch);
    /* my-model: a missing night and a marked one break its line into three pieces. */
    const char *g = strstr(t, "group \"my-model\"\npath");
    assert_non_null(g);
    const char *eol = strchr(g + 18, '\n');
    size_t moves = 0;
    for (const char *p = g; p < eol; p++)
        moves += p[0] == ' ' && p[1] == 'M' && p[2] == ' ';
    assert_int_equal(moves, 3); /* [1, 2], [4], [6]: single nights are dots only */
    assert_non_null(strstr(t, "\"2024-03-02\""));
    assert_non_null(strstr(t, "\"my-model 63.1\""));
    free(t);
}

static void test_errors(void **state)
{
    (void)state;
    lr_buf out = LR_BUF_INIT;
    lr_error err;
    lr_chart ch = bars_fixture();
    ch.type = LR_CHART_RADAR;
    ch.bounded = 0;
    assert_int_equal(lr_chart_render_trace(&ch, fonts, &out, &err), LR_EUSAGE);
    assert_non_null(strstr(err.message, "radar needs percentages"));
    ch.bounded = 1;
    ch.n_groups = 2;
    assert_int_equal(lr_chart_render_trace(&ch, fonts, &out, &err), LR_EUSAGE);
    assert_non_null(strstr(err.message, "three benchmarks"));

    static const lr_chart_cell nan_cell[] = {{1, NAN, -1, LR_MARK_NONE}};
    ch = ranked_fixture();
    ch.n_series = 1;
    ch.cells = nan_cell;
    assert_int_equal(lr_chart_render_trace(&ch, fonts, &out, &err), LR_EVALUE);
    assert_non_null(strstr(err.message, "GPT-4 / MMLU is not a finite number"));

    ch = ranked_fixture();
    ch.cells = NULL;
    assert_int_equal(lr_chart_render_trace(&ch, fonts, &out, &err), LR_EUSAGE);
    ch = ranked_fixture();
    ch.type = LR_CHART_SCATTER;
    assert_int_equal(lr_chart_render_trace(&ch, fonts, &out, &err), LR_EUSAGE);
    assert_non_null(strstr(err.message, "needs sizes"));
    assert_int_equal(out.len, 0);

    lr_canvas *c = lr_canvas_trace_new(fonts, &out);
    ch = ranked_fixture();
    assert_int_equal(lr_chart_draw(&ch, c, 100, 100), LR_EUSAGE);
    assert_non_null(strstr(lr_canvas_error(c)->message, "too small"));
    lr_canvas_free(c);
    assert_int_equal(lr_chart_draw(&ch, NULL, 640, 400), LR_EUSAGE);
    lr_buf_free(&out);

    assert_string_equal(lr_chart_type_name(LR_CHART_SCATTER), "scatter");
    assert_int_equal(lr_chart_type_parse("heatmap"), LR_CHART_HEATMAP);
    assert_int_equal(lr_chart_type_parse("pie"), -1);
}

static void test_draw_any_size(void **state)
{
    (void)state;
    /* Every type draws at the smallest and a large size without error or NaN. */
    lr_chart charts[8];
    charts[0] = bars_fixture();
    charts[1] = ranked_fixture();
    charts[2] = ranked_fixture();
    charts[2].type = LR_CHART_FOREST;
    charts[3] = bars_fixture();
    charts[3].type = LR_CHART_HEATMAP;
    charts[4] = ranked_fixture();
    charts[4].type = LR_CHART_SCATTER;
    charts[4].x = params5;
    charts[5] = bars_fixture();
    charts[5].type = LR_CHART_RADAR;
    charts[6] = trend_fixture();
    charts[7] = trend_fixture();
    charts[7].x = NULL;
    const double sizes[][2] = {{200, 150}, {1400, 900}, {300, 1000}};
    for (size_t i = 0; i < 8; i++)
        for (size_t k = 0; k < 3; k++) {
            lr_buf out = LR_BUF_INIT;
            lr_canvas *c = lr_canvas_trace_new(fonts, &out);
            assert_int_equal(lr_chart_draw(&charts[i], c, sizes[k][0], sizes[k][1]), LR_OK);
            assert_int_equal(lr_canvas_finish(c), LR_OK);
            assert_null(strstr(out.data, "nan"));
            lr_canvas_free(c);
            lr_buf_free(&out);
        }
}

static void test_edge_cases(void **state)
{
    (void)state;
    /* No result at all: the chart is still drawn, and says so. */
    static const lr_chart_cell none[] = {NONE, NONE, NONE, NONE, NONE};
    lr_chart ch = ranked_fixture();
    ch.cells = none;
    for (int type = LR_CHART_RANKED; type <= LR_CHART_SCATTER; type++) {
        ch.type = (lr_chart_type)type;
        ch.x = params5;
        char *t = trace(&ch);
        if (type != LR_CHART_HEATMAP)
            assert_non_null(strstr(t, "\"no results to show\""));
        free(t);
    }
    /* Only marked cells on a page with room for three rows: they fill the rows, not ranked. */
    static const lr_chart_cell marked[] = {C(10, -1, OTHER), C(20, -1, UNKNOWN), C(30, -1, OTHER),
                                           C(40, -1, UNKNOWN), C(50, -1, OTHER)};
    ch = ranked_fixture();
    ch.cells = marked;
    lr_buf out = LR_BUF_INIT;
    lr_canvas *c = lr_canvas_trace_new(fonts, &out);
    assert_int_equal(lr_chart_draw(&ch, c, 400, 150), LR_OK);
    assert_int_equal(lr_canvas_finish(c), LR_OK);
    assert_non_null(strstr(out.data, " of 5 models, none ranked"));
    assert_null(strstr(out.data, "not ranked —")); /* no separator above the first row */
    lr_canvas_free(c);
    lr_buf_free(&out);
    /* Values beyond the usual: huge, negative, unknown intervals, equal values, empty names. */
    static const char *const odd_names[] = {"", "x"};
    static const char *const odd_groups[] = {"", "y", "z"};
    static const lr_chart_cell odd[] = {C(1e12, 1e11, 0),        C(-1e12, -1, OTHER), C(0, NAN, 0),
                                        C(5, INFINITY, UNKNOWN), C(5, 0, 0),          NONE};
    static const double odd_x[] = {1e-3, 1e6, 19000};
    for (int type = LR_CHART_BARS; type <= LR_CHART_TREND; type++) {
        ch = base_chart((lr_chart_type)type);
        ch.bounded = type == LR_CHART_RADAR;
        ch.id = "odd";
        ch.n_series = 2;
        ch.series = odd_names;
        ch.n_groups = 3;
        ch.groups = odd_groups;
        ch.cells = odd;
        ch.x = odd_x;
        char *t = trace(&ch);
        assert_null(strstr(t, "nan"));
        assert_null(strstr(t, "inf"));
        free(t);
    }
}

static void test_svg_every_type(void **state)
{
    (void)state;
    /* Every chart type renders to an SVG that librsvg reads. */
    lr_chart charts[7];
    charts[0] = bars_fixture();
    charts[1] = ranked_fixture();
    charts[2] = ranked_fixture();
    charts[2].type = LR_CHART_FOREST;
    charts[3] = bars_fixture();
    charts[3].type = LR_CHART_HEATMAP;
    charts[4] = ranked_fixture();
    charts[4].type = LR_CHART_SCATTER;
    charts[4].x = params5;
    charts[5] = bars_fixture();
    charts[5].type = LR_CHART_RADAR;
    charts[6] = trend_fixture();
    const char *dir = temp_dir("chart-svg");
    assert_non_null(dir);
    char base[4200];
    snprintf(base, sizeof(base), "%s", dir);
    for (size_t i = 0; i < 7; i++) {
        lr_buf out = LR_BUF_INIT;
        lr_error err;
        assert_int_equal(lr_chart_render_svg(&charts[i], fonts, lr_buf_write, &out, &err), LR_OK);
        char svg[4400], png[4400], cmd[9000];
        snprintf(svg, sizeof(svg), "%s/%s.svg", base, lr_chart_type_name(charts[i].type));
        snprintf(png, sizeof(png), "%s/%s.png", base, lr_chart_type_name(charts[i].type));
        assert_int_equal(write_text(svg, out.data), 0);
        snprintf(cmd, sizeof(cmd), "rsvg-convert -o '%s' '%s'", png, svg);
        assert_int_equal(system(cmd), 0);
        size_t len = 0;
        char *data = read_text(png, &len);
        assert_non_null(data);
        assert_true(len > 1000 && !memcmp(data, "\x89PNG", 4));
        free(data);
        lr_buf_free(&out);
    }
}

/* ---- Safe ids ------------------------------------------------------------------------------ */

static void assert_safe(const char *id, size_t max)
{
    assert_true(id[0] != '\0');
    assert_true(strlen(id) <= max);
    assert_true(id[0] != '.' && id[0] != '-');
    assert_null(strstr(id, ".."));
    for (const char *p = id; *p; p++)
        assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' ||
                    *p == '_' || *p == '-');
}

static void test_safe_id(void **state)
{
    (void)state;
    char out[128];
    lr_chart_safe_id("../x", out, sizeof(out));
    assert_string_equal(out, "x");
    lr_chart_safe_id("a/b", out, sizeof(out));
    assert_string_equal(out, "a-b");
    lr_chart_safe_id("MMLU 5-shot (acc)", out, sizeof(out));
    assert_string_equal(out, "mmlu-5-shot-acc");
    lr_chart_safe_id("arc_challenge.v2", out, sizeof(out));
    assert_string_equal(out, "arc_challenge.v2");
    lr_chart_safe_id("", out, sizeof(out));
    assert_string_equal(out, "chart-811c9dc5"); /* FNV-1a of "" */
    lr_chart_safe_id(NULL, out, sizeof(out));
    assert_safe(out, 64);
    lr_chart_safe_id("../../..", out, sizeof(out));
    assert_true(!strncmp(out, "chart-", 6));
    assert_safe(out, 64);
    lr_chart_safe_id("/etc/passwd", out, sizeof(out));
    assert_string_equal(out, "etc-passwd");
    lr_chart_safe_id("한국어", out, sizeof(out));
    assert_true(!strncmp(out, "chart-", 6) && strlen(out) == 14);
    char other[128];
    lr_chart_safe_id("일본어", other, sizeof(other));
    assert_string_not_equal(out, other); /* distinct names stay distinct */
    lr_chart_safe_id("GPT-4 모델", out, sizeof(out));
    assert_true(!strncmp(out, "gpt-4-", 6) && strlen(out) == 14);
    assert_safe(out, 64);

    char *big = malloc(10001);
    assert_non_null(big);
    memset(big, 'a', 10000);
    big[10000] = '\0';
    lr_chart_safe_id(big, out, sizeof(out));
    assert_safe(out, 64);
    assert_int_equal(strlen(out), 64);
    big[9999] = 'b';
    lr_chart_safe_id(big, other, sizeof(other));
    assert_string_not_equal(out, other);
    memset(big, '.', 10000);
    lr_chart_safe_id(big, out, sizeof(out));
    assert_safe(out, 64);
    free(big);

    char small[8];
    lr_chart_safe_id("abcdefghijkl", small, sizeof(small));
    assert_string_equal(small, "abcdefg");
    lr_chart_safe_id("", small, sizeof(small));
    assert_safe(small, 7);
    char tiny[1] = {'x'};
    lr_chart_safe_id("abc", tiny, sizeof(tiny));
    assert_int_equal(tiny[0], '\0');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_bars),
        cmocka_unit_test(test_golden_ranked),
        cmocka_unit_test(test_golden_forest),
        cmocka_unit_test(test_golden_heatmap),
        cmocka_unit_test(test_golden_scatter),
        cmocka_unit_test(test_golden_radar),
        cmocka_unit_test(test_golden_trend),
        cmocka_unit_test(test_ranked_keeps_bars_with_models),
        cmocka_unit_test(test_grouped_bars_keep_values),
        cmocka_unit_test(test_korean_names),
        cmocka_unit_test(test_top_n),
        cmocka_unit_test(test_sources_drawn),
        cmocka_unit_test(test_setting_wraps),
        cmocka_unit_test(test_heatmap_columns),
        cmocka_unit_test(test_baseline_and_axes),
        cmocka_unit_test(test_trend_breaks),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_draw_any_size),
        cmocka_unit_test(test_edge_cases),
        cmocka_unit_test(test_svg_every_type),
        cmocka_unit_test(test_safe_id),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

/* Tests of the slope chart: a golden trace of MMLU under four implementations (the numbers of the
 * Hugging Face blog post and the leaderboard, written here by hand), the lines bound to their
 * models, a bridge over a setting a model was not measured under, an SVG that librsvg reads, a
 * vector page in a PDF, and the spec errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas/canvas.h"
#include "chart/chart.h"
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

#define C(v, ci)                                                                                   \
    {                                                                                              \
        1, v, ci, LR_MARK_NONE                                                                     \
    }
#define NONE                                                                                       \
    {                                                                                              \
        0, 0, -1, LR_MARK_NONE                                                                     \
    }

static const char *const settings4[] = {"harness (Jan 2023)", "HELM", "original (Hendrycks)",
                                        "harness (July 2023 fix)"};
static const char *const models4[] = {"LLaMA 65B", "tiiuae/falcon-40b",
                                      "tiiuae/falcon-40b-instruct", "LLaMA 7B"};
/* falcon-40b-instruct has no HELM or original value; LLaMA 7B states a stderr under HELM */
static const lr_chart_cell cells4[] = {
    C(48.8, -1), C(63.7, -1),  C(63.6, -1), C(63.9, -1), /* LLaMA 65B */
    C(52.7, -1), C(57.1, -1),  C(55.8, -1), C(57.0, -1), /* falcon-40b */
    C(54.1, -1), NONE,         NONE,        C(55.4, -1), /* falcon-40b-instruct */
    C(34.2, -1), C(33.9, 0.8), C(35.1, -1), NONE,        /* LLaMA 7B */
};

static lr_chart fixture(void)
{
    lr_chart ch;
    memset(&ch, 0, sizeof ch);
    ch.type = LR_CHART_SLOPE;
    ch.id = "slope-mmlu-acc";
    ch.title = "MMLU by implementation";
    ch.setting = "MMLU · 5-shot · acc; settings left to right by models measured";
    ch.value_label = "accuracy (%)";
    ch.footnote = "Sources: What's going on with the Open LLM Leaderboard? (2023-06-23); Open LLM "
                  "Leaderboard (2023-07-24)";
    ch.n_series = 4;
    ch.series = models4;
    ch.n_groups = 4;
    ch.groups = settings4;
    ch.cells = cells4;
    ch.bounded = 1;
    ch.baseline = -1;
    ch.higher_is_better = 1;
    return ch;
}

static char *trace(const lr_chart *ch, lr_status want)
{
    lr_buf out = LR_BUF_INIT;
    lr_error err;
    memset(&err, 0, sizeof err);
    lr_status st = lr_chart_render_trace(ch, fonts, &out, &err);
    if (st != want)
        fprintf(stderr, "trace: %s\n", err.message);
    assert_int_equal(st, want);
    return lr_buf_detach(&out);
}

static size_t count(const char *text, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_golden(void **state)
{
    (void)state;
    lr_chart ch = fixture();
    char *t = trace(&ch, LR_OK);
    assert_int_equal(check_golden("chart/slope.trace", t), 0);
    /* every setting is named under its column, every model in the legend */
    for (size_t g = 0; g < 4; g++)
        assert_non_null(strstr(t, settings4[g]));
    for (size_t s = 0; s < 4; s++)
        assert_non_null(strstr(t, models4[s]));
    /* the right-hand labels carry the last values of the lines that reach the last column */
    assert_non_null(strstr(t, "\"LLaMA 65B 63.9\""));
    assert_non_null(strstr(t, "\"tiiuae/falcon-40b 57.0\""));
    assert_null(strstr(t, "\"LLaMA 7B 35.1\""));
    /* a line that ends before the last column carries its last value beside its last point, in
     * its model's group, just right of the point */
    /* the model's labels: 34.2 on the left, then 35.1 beside its last point */
    double x = 0, y = 0;
    char label[16] = "";
    for (const char *g7 = strstr(t, "group \"LLaMA 7B\"\ntext "); g7;
         g7 = strstr(g7 + 1, "group \"LLaMA 7B\"\ntext "))
        assert_int_equal(sscanf(g7, "group \"LLaMA 7B\"\ntext %lf %lf \"%15[^\"]\"", &x, &y, label),
                         3);
    assert_string_equal(label, "35.1");
    const char *dot = strstr(t, "group \"LLaMA 7B · original (Hendrycks): 35.1\"\ncircle ");
    assert_non_null(dot);
    double cx = 0, cy = 0;
    assert_int_equal(
        sscanf(dot, "group \"LLaMA 7B · original (Hendrycks): 35.1\"\ncircle %lf %lf", &cx, &cy),
        2);
    assert_true(x > cx && x < cx + 20);
    assert_true(fabs(y - cy) < 12);
    /* one whisker: the only stated interval */
    assert_non_null(strstr(t, "95 % interval"));
    free(t);
}

static void test_lines_and_bridges(void **state)
{
    (void)state;
    lr_chart ch = fixture();
    char *t = trace(&ch, LR_OK);
    /* each point has its tooltip with its model and setting */
    assert_non_null(strstr(t, "LLaMA 65B · harness (Jan 2023): 48.8"));
    assert_non_null(strstr(t, "tiiuae/falcon-40b · harness (July 2023 fix): 57.0"));
    assert_null(strstr(t, "tiiuae/falcon-40b-instruct · HELM"));
    /* falcon-40b-instruct: two points, no solid segment, one dashed bridge over the gap */
    assert_int_equal(count(t, "dash="), 1);
    free(t);
    /* a line per model: moving a model's values moves only its own line */
    lr_chart_cell moved[16];
    memcpy(moved, cells4, sizeof moved);
    moved[0].value = 70.0;
    ch.cells = moved;
    char *u = trace(&ch, LR_OK);
    assert_non_null(strstr(u, "LLaMA 65B · harness (Jan 2023): 70.0"));
    assert_non_null(strstr(u, "tiiuae/falcon-40b · harness (Jan 2023): 52.7"));
    free(u);
}

static void test_errors(void **state)
{
    (void)state;
    lr_chart ch = fixture();
    ch.n_groups = 1;
    char *t = trace(&ch, LR_EUSAGE);
    free(t);
    lr_buf out = LR_BUF_INIT;
    lr_error err;
    assert_int_equal(lr_chart_render_trace(&ch, fonts, &out, &err), LR_EUSAGE);
    assert_non_null(strstr(err.message, "two settings"));
    lr_buf_free(&out);
    assert_int_equal(lr_chart_type_parse("slope"), LR_CHART_SLOPE);
    assert_string_equal(lr_chart_type_name(LR_CHART_SLOPE), "slope");
}

/* at most the eight series Okabe–Ito's palette keeps apart, in the given order, said in the
 * setting line; the same for a trend (the latest best) */
static void test_series_cap(void **state)
{
    (void)state;
    static const char *const ten[] = {"m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"};
    lr_chart_cell cells[20];
    for (size_t i = 0; i < 10; i++) {
        cells[2 * i] = (lr_chart_cell)C(40.0 + i, -1);
        cells[2 * i + 1] = (lr_chart_cell)C(50.0 + i, -1);
    }
    lr_chart ch = fixture();
    ch.n_series = 10;
    ch.series = ten;
    ch.n_groups = 2;
    ch.cells = cells;
    char *t = trace(&ch, LR_OK);
    assert_non_null(strstr(t, "top 8 of 10 models"));
    assert_non_null(strstr(t, "\"m7 57.0\""));
    assert_null(strstr(t, "m8"));
    assert_null(strstr(t, "m9"));
    free(t);
    static const double days[] = {19000, 19001};
    static const char *const dates[] = {"2022-01-08", "2022-01-09"};
    ch.type = LR_CHART_TREND;
    ch.groups = dates;
    ch.x = days;
    t = trace(&ch, LR_OK);
    /* the eight with the best latest values: m2 .. m9 */
    assert_null(strstr(t, "m0 "));
    assert_null(strstr(t, "m1 "));
    assert_non_null(strstr(t, "m9"));
    assert_non_null(strstr(t, "m2"));
    free(t);
}

static void test_svg_renders(void **state)
{
    (void)state;
    lr_chart ch = fixture();
    lr_buf out = LR_BUF_INIT;
    lr_error err;
    assert_int_equal(lr_chart_render_svg(&ch, fonts, lr_buf_write, &out, &err), LR_OK);
    const char *dir = temp_dir("slope-svg");
    assert_non_null(dir);
    char svg[4400], png[4400], cmd[9000];
    snprintf(svg, sizeof svg, "%s/slope.svg", dir);
    snprintf(png, sizeof png, "%s/slope.png", dir);
    assert_int_equal(write_text(svg, out.data), 0);
    snprintf(cmd, sizeof cmd, "rsvg-convert -o '%s' '%s'", png, svg);
    assert_int_equal(system(cmd), 0);
    size_t len = 0;
    char *data = read_text(png, &len);
    assert_non_null(data);
    assert_true(len > 1000 && !memcmp(data, "\x89PNG", 4));
    free(data);
    lr_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden),      cmocka_unit_test(test_lines_and_bridges),
        cmocka_unit_test(test_errors),      cmocka_unit_test(test_series_cap),
        cmocka_unit_test(test_svg_renders),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

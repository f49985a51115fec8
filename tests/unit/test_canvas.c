/* Tests of the canvas: the trace format, the sticky error, font loading and measuring, fallback
 * runs for Hangul, and the cairo SVG/PNG output (deterministic bytes, parsed by rsvg-convert). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H

#include "canvas/canvas.h"
#include "canvas/fonts.h"
#include "core/utf8.h"
#include "chart/chart.h"
#include "testutil.h"

static lr_fonts *load_fonts(void)
{
    lr_fonts *fonts = NULL;
    lr_error err;
    memset(&err, 0, sizeof(err));
    lr_status st = lr_fonts_load(source_path("fonts"), &fonts, &err);
    if (st != LR_OK)
        fprintf(stderr, "%s\n", err.message);
    assert_int_equal(st, LR_OK);
    assert_non_null(fonts);
    return fonts;
}

/* ---- Trace --------------------------------------------------------------------------------- */

static void test_trace_format(void **state)
{
    (void)state;
    lr_buf out = LR_BUF_INIT;
    lr_canvas *c = lr_canvas_trace_new(NULL, &out);
    assert_non_null(c);
    lr_style fill = {LR_RGB(0x0072b2), 0, 0, {0, 0}, 0};
    lr_style stroke = {0, LR_RGBA(0x333333, 0x80), 1.5, {3, 2}, 0};
    lr_style hatched = {LR_RGB(0xffffff), LR_RGB(0xe69f00), 1, {0, 0}, LR_RGB(0xe69f00)};
    lr_text_style ts = {LR_RGB(0x000000), LR_FONT_REGULAR, 9};
    lr_text_style bold = {LR_RGB(0x1a1a1a), LR_FONT_BOLD, 13};
    lr_canvas_begin_page(c, 200, 100);
    lr_canvas_rect(c, 10, 20, 30, 40, &fill);
    lr_canvas_rect(c, 50, 60, -10, -20, &hatched); /* normalised to a positive size */
    lr_canvas_line(c, 0, 0.004, 100, -0.001, &stroke);
    lr_canvas_circle(c, 5, 6, 2.5, &fill);
    lr_path p = LR_PATH_INIT;
    lr_path_move(&p, 1, 2);
    lr_path_line(&p, 3, 4);
    lr_path_curve(&p, 5, 6, 7, 8, 9, 10);
    lr_path_close(&p);
    lr_canvas_draw_path(c, &p, &stroke);
    lr_path_free(&p);
    lr_canvas_clip(c, 0, 0, 50, 50);
    lr_canvas_group_begin(c, "GPT-4 \"turbo\"\n");
    lr_canvas_text(c, 12, 30, "GPT-4", &ts, LR_ANCHOR_END);
    lr_canvas_text(c, 12, 45, "Title", &bold, LR_ANCHOR_MIDDLE);
    lr_canvas_text(c, 12, 45, "", &bold, LR_ANCHOR_MIDDLE); /* nothing */
    lr_canvas_group_end(c);
    lr_canvas_restore(c);
    lr_canvas_end_page(c);
    assert_int_equal(lr_canvas_finish(c), LR_OK);
    lr_canvas_free(c);
    const char *want =
        "page 200.00 100.00\n"
        "rect 10.00 20.00 30.00 40.00 fill=#0072b2ff\n"
        "rect 40.00 40.00 10.00 20.00 fill=#ffffffff hatch=#e69f00ff stroke=#e69f00ff "
        "width=1.00\n"
        "line 0.00 0.00 100.00 0.00 stroke=#33333380 width=1.50 dash=3.00,2.00\n"
        "circle 5.00 6.00 2.50 fill=#0072b2ff\n"
        "path stroke=#33333380 width=1.50 dash=3.00,2.00 : M 1.00 2.00 L 3.00 4.00 C 5.00 "
        "6.00 7.00 8.00 9.00 10.00 Z\n"
        "clip 0.00 0.00 50.00 50.00\n"
        "group \"GPT-4 \\\"turbo\\\"\\n\"\n"
        "text 12.00 30.00 \"GPT-4\" size=9.00 anchor=end fill=#000000ff\n"
        "text 12.00 45.00 \"Title\" size=13.00 anchor=middle font=bold fill=#1a1a1aff\n"
        "end-group\n"
        "restore\n"
        "end-page\n";
    assert_string_equal(out.data, want);
    lr_buf_free(&out);
}

static void test_sticky_error(void **state)
{
    (void)state;
    lr_buf out = LR_BUF_INIT;
    lr_canvas *c = lr_canvas_trace_new(NULL, &out);
    lr_style fill = {LR_RGB(0x0072b2), 0, 0, {0, 0}, 0};
    lr_canvas_begin_page(c, 100, 100);
    lr_canvas_rect(c, 1, 1, 1, 1, &fill);
    size_t len = out.len;
    lr_canvas_rect(c, NAN, 1, 1, 1, &fill);
    assert_int_equal(lr_canvas_status(c), LR_ERENDER);
    assert_non_null(strstr(lr_canvas_error(c)->message, "rect"));
    /* Everything after the failure is a no-op, including calls that would fail otherwise. */
    lr_canvas_rect(c, 2, 2, 2, 2, &fill);
    lr_canvas_restore(c);
    lr_canvas_text(c, 1, 1, "x", NULL, LR_ANCHOR_START);
    lr_canvas_end_page(c);
    assert_int_equal(out.len, len);
    assert_int_equal(lr_canvas_finish(c), LR_ERENDER);
    assert_int_equal(lr_canvas_finish(c), LR_ERENDER);
    assert_non_null(strstr(lr_canvas_error(c)->message, "not a finite number"));
    lr_canvas_free(c);

    /* Misuse is an error too, and the first one wins. */
    lr_buf_clear(&out);
    c = lr_canvas_trace_new(NULL, &out);
    lr_canvas_rect(c, 1, 1, 1, 1, &fill); /* before any page */
    assert_int_equal(lr_canvas_status(c), LR_EUSAGE);
    assert_non_null(strstr(lr_canvas_error(c)->message, "outside a page"));
    lr_canvas_begin_page(c, -1, 10);
    assert_non_null(strstr(lr_canvas_error(c)->message, "outside a page"));
    assert_int_equal(lr_canvas_finish(c), LR_EUSAGE);
    assert_int_equal(out.len, 0);
    lr_canvas_free(c);

    c = lr_canvas_trace_new(NULL, &out);
    lr_canvas_begin_page(c, 10, 10);
    lr_canvas_restore(c);
    assert_int_equal(lr_canvas_status(c), LR_EUSAGE);
    lr_canvas_free(c);

    c = lr_canvas_trace_new(NULL, &out);
    lr_canvas_begin_page(c, 10, 10);
    lr_canvas_group_begin(c, "open");
    lr_canvas_end_page(c); /* a group left open */
    assert_int_equal(lr_canvas_finish(c), LR_EUSAGE);
    lr_canvas_free(c);

    /* NULL canvas: harmless, and finish reports the failed creation. */
    lr_canvas_rect(NULL, 1, 1, 1, 1, &fill);
    assert_int_equal(lr_canvas_finish(NULL), LR_ENOMEM);
    lr_canvas_free(NULL);
    lr_buf_free(&out);
}

/* ---- Fonts --------------------------------------------------------------------------------- */

static void test_fonts_missing(void **state)
{
    (void)state;
    const char *dir = temp_dir("fonts-missing");
    assert_non_null(dir);
    char dst[4200], cmd[9000];
    snprintf(dst, sizeof(dst), "%s", dir);
    /* Only the regular face: the bold one is the first missing. */
    snprintf(cmd, sizeof(cmd), "cp '%s' '%s/'", source_path("fonts/DejaVuSans.ttf"), dst);
    assert_int_equal(system(cmd), 0);
    lr_fonts *fonts = (lr_fonts *)&fonts;
    lr_error err;
    memset(&err, 0, sizeof(err));
    assert_int_equal(lr_fonts_load(dst, &fonts, &err), LR_EIO);
    assert_null(fonts);
    assert_int_equal(err.status, LR_EIO);
    char want[4400];
    snprintf(want, sizeof(want), "cannot load font %s/DejaVuSans-Bold.ttf", dst);
    assert_string_equal(err.message, want);
    assert_non_null(strstr(err.file, "DejaVuSans-Bold.ttf"));

    assert_int_equal(lr_fonts_load("/nonexistent-fonts", &fonts, &err), LR_EIO);
    assert_string_equal(err.message, "cannot load font /nonexistent-fonts/DejaVuSans.ttf");
    lr_fonts_free(NULL);
}

/* The width FreeType itself gives: unscaled advances summed. */
static double freetype_width(const char *file, const char *ascii, double size)
{
    FT_Library lib;
    FT_Face face;
    assert_int_equal(FT_Init_FreeType(&lib), 0);
    assert_int_equal(FT_New_Face(lib, source_path(file), 0, &face), 0);
    double w = 0;
    for (const char *p = ascii; *p; p++) {
        FT_Fixed adv;
        FT_Get_Advance(face, FT_Get_Char_Index(face, (FT_ULong)*p), FT_LOAD_NO_SCALE, &adv);
        w += (double)adv;
    }
    w = w * size / face->units_per_EM;
    FT_Done_Face(face);
    FT_Done_FreeType(lib);
    return w;
}

static void test_text_width(void **state)
{
    (void)state;
    lr_fonts *a = load_fonts();
    lr_fonts *b = load_fonts();
    const char *texts[] = {"GPT-4", "Claude 3 Opus", "하이퍼클로바X", "±Δ▲ 86.4 %", ""};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        double wa = lr_fonts_text_width(a, LR_FONT_REGULAR, 9, texts[i]);
        double wb = lr_fonts_text_width(b, LR_FONT_REGULAR, 9, texts[i]);
        assert_true(wa == wb);
        assert_true(*texts[i] ? wa > 0 : wa == 0);
    }
    /* The numbers are FreeType's own advances (not a guess): DejaVu Sans, 10 pt. */
    double want = freetype_width("fonts/DejaVuSans.ttf", "GPT-4", 10);
    assert_true(fabs(lr_fonts_text_width(a, LR_FONT_REGULAR, 10, "GPT-4") - want) < 1e-9);
    want = freetype_width("fonts/DejaVuSans-Bold.ttf", "GPT-4", 10);
    assert_true(fabs(lr_fonts_text_width(a, LR_FONT_BOLD, 10, "GPT-4") - want) < 1e-9);
    /* Width scales with the size, and bold is wider. */
    double w9 = lr_fonts_text_width(a, LR_FONT_REGULAR, 9, "Mixtral"),
           w18 = lr_fonts_text_width(a, LR_FONT_REGULAR, 18, "Mixtral");
    assert_true(fabs(w18 - 2 * w9) < 1e-9);
    assert_true(lr_fonts_text_width(a, LR_FONT_BOLD, 9, "Mixtral") > w9);
    /* The canvas measures with the same numbers. */
    lr_buf out = LR_BUF_INIT;
    lr_canvas *c = lr_canvas_trace_new(a, &out);
    lr_text_style ts = {0, LR_FONT_REGULAR, 9};
    assert_true(lr_canvas_text_width(c, "하이퍼클로바X", &ts) ==
                lr_fonts_text_width(b, LR_FONT_REGULAR, 9, "하이퍼클로바X"));
    lr_canvas_free(c);
    lr_buf_free(&out);
    /* Metrics a PDF layout needs. */
    assert_true(lr_fonts_ascent(a, LR_FONT_REGULAR) > 0.7 &&
                lr_fonts_ascent(a, LR_FONT_REGULAR) < 1.0);
    assert_true(lr_fonts_descent(a, LR_FONT_REGULAR) > 0.1 &&
                lr_fonts_descent(a, LR_FONT_REGULAR) < 0.4);
    assert_string_equal(lr_fonts_face_family(a, LR_FACE_SANS), "DejaVu Sans");
    assert_non_null(strstr(lr_fonts_face_path(a, LR_FACE_HANGUL), "NanumGothic.ttf"));
    lr_fonts_free(a);
    lr_fonts_free(b);
}

static void test_fallback_runs(void **state)
{
    (void)state;
    lr_fonts *f = load_fonts();
    const char *s = "GPT-4 모델 ±Δ▲";
    size_t n = lr_fonts_split(f, LR_FONT_REGULAR, 10, s, NULL, 0);
    assert_int_equal(n, 3);
    lr_text_run runs[3];
    assert_int_equal(lr_fonts_split(f, LR_FONT_REGULAR, 10, s, runs, 3), 3);
    assert_int_equal(runs[0].face, LR_FACE_SANS);
    assert_int_equal(runs[0].offset, 0);
    assert_int_equal(runs[0].length, strlen("GPT-4 "));
    assert_int_equal(runs[1].face, LR_FACE_HANGUL);
    assert_int_equal(runs[1].offset, strlen("GPT-4 "));
    assert_int_equal(runs[1].length, strlen("모델 "));
    assert_int_equal(runs[2].face, LR_FACE_SANS);
    assert_int_equal(runs[2].offset, strlen("GPT-4 모델 "));
    assert_int_equal(runs[2].length, strlen("±Δ▲"));
    double sum = runs[0].width + runs[1].width + runs[2].width;
    assert_true(fabs(sum - lr_fonts_text_width(f, LR_FONT_REGULAR, 10, s)) < 1e-9);
    /* Bold falls back to the bold Nanum face. */
    lr_fonts_split(f, LR_FONT_BOLD, 10, s, runs, 3);
    assert_int_equal(runs[0].face, LR_FACE_SANS_BOLD);
    assert_int_equal(runs[1].face, LR_FACE_HANGUL_BOLD);
    /* A phrase of Hangul words is one run; Latin text is one run. */
    assert_int_equal(lr_fonts_split(f, LR_FONT_REGULAR, 10, "모델 이름", NULL, 0), 1);
    assert_int_equal(lr_fonts_split(f, LR_FONT_REGULAR, 10, "Llama 3 70B", NULL, 0), 1);
    assert_int_equal(lr_fonts_split(f, LR_FONT_REGULAR, 10, "", NULL, 0), 0);
    /* Glyphs exist where the runs say. */
    uint32_t cp;
    lr_utf8_decode("모", LR_UTF8_MAX, &cp);
    assert_int_equal(lr_fonts_glyph(f, LR_FACE_SANS, cp), 0);
    assert_true(lr_fonts_glyph(f, LR_FACE_HANGUL, cp) > 0);
    assert_true(lr_fonts_advance(f, LR_FACE_HANGUL, lr_fonts_glyph(f, LR_FACE_HANGUL, cp)) > 0.5);
    lr_fonts_free(f);
}

/* ---- cairo --------------------------------------------------------------------------------- */

static const char *const demo_series[] = {"GPT-4", "Claude 3 Opus", "하이퍼클로바X <&>"};
static const char *const demo_groups[] = {"MMLU", "GSM8K"};
static const lr_chart_cell demo_cells[] = {
    {1, 86.4, 1.1, LR_MARK_NONE},           {1, 92.0, -1, LR_MARK_OTHER_SETTING},
    {1, 86.8, 1.0, LR_MARK_NONE},           {1, 95.0, -1, LR_MARK_NONE},
    {1, 69.3, -1, LR_MARK_UNKNOWN_SETTING}, {0, 0, -1, LR_MARK_NONE},
};

static lr_chart demo_chart(void)
{
    lr_chart ch;
    memset(&ch, 0, sizeof(ch));
    ch.type = LR_CHART_BARS;
    ch.id = "demo";
    ch.title = "Demo chart";
    ch.setting = "reference settings";
    ch.value_label = "accuracy (%)";
    ch.footnote = "Sources: GPT-4 Technical Report (Table 2); Claude 3 model card.";
    ch.n_series = 3;
    ch.series = demo_series;
    ch.n_groups = 2;
    ch.groups = demo_groups;
    ch.cells = demo_cells;
    ch.bounded = 1;
    ch.baseline = -1;
    ch.higher_is_better = 1;
    return ch;
}

static char *render_svg(const lr_fonts *fonts, size_t *len)
{
    lr_chart ch = demo_chart();
    lr_buf out = LR_BUF_INIT;
    lr_error err;
    memset(&err, 0, sizeof(err));
    lr_status st = lr_chart_render_svg(&ch, fonts, lr_buf_write, &out, &err);
    if (st != LR_OK)
        fprintf(stderr, "%s\n", err.message);
    assert_int_equal(st, LR_OK);
    *len = out.len;
    return lr_buf_detach(&out);
}

static const char *self_path; /* argv[0] */

/* Runs this test program again as `--write-svg FILE` (a fresh process, other addresses). */
static char *render_svg_in_child(const char *name, size_t *len)
{
    const char *dir = temp_dir(name);
    assert_non_null(dir);
    char path[4200], cmd[8600];
    snprintf(path, sizeof(path), "%s/out.svg", dir);
    snprintf(cmd, sizeof(cmd), "'%s' --write-svg '%s'", self_path, path);
    assert_int_equal(system(cmd), 0);
    char *data = read_text(path, len);
    assert_non_null(data);
    return data;
}

static void test_svg_deterministic(void **state)
{
    (void)state;
    lr_fonts *fonts = load_fonts();
    size_t n1, n2, n3, n4;
    char *a = render_svg(fonts, &n1);
    char *b = render_svg(fonts, &n2);
    lr_fonts_free(fonts);
    fonts = load_fonts(); /* new faces at new addresses */
    char *c = render_svg(fonts, &n3);
    lr_fonts_free(fonts);
    char *d = render_svg_in_child("svg-child", &n4);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    assert_int_equal(n1, n3);
    assert_memory_equal(a, c, n1);
    assert_int_equal(n1, n4);
    assert_memory_equal(a, d, n1);

    /* The tooltips made it in, escaped; no marker fills are left; ids are renumbered. */
    assert_non_null(strstr(a, "<title>GPT-4 · MMLU: 86.4 ± 1.1</title>"));
    assert_non_null(strstr(a, "<title>하이퍼클로바X &lt;&amp;&gt; · MMLU: 69.3 (setting not "
                              "stated)</title>"));
    assert_null(strstr(a, "fill-opacity:0.25;"));
    assert_null(strstr(a, "fill-opacity:0.75;"));
    assert_non_null(strstr(a, "id=\"surface1\""));
    size_t opens = 0, closes = 0;
    for (const char *p = a; (p = strstr(p, "<g")); p++)
        opens += p[2] == '>' || p[2] == ' ';
    for (const char *p = a; (p = strstr(p, "</g>")); p++)
        closes++;
    assert_int_equal(opens, closes);
    free(a);
    free(b);
    free(c);
    free(d);
}

static int file_is_png(const char *path, unsigned *width)
{
    size_t len = 0;
    char *data = read_text(path, &len);
    int ok = data && len > 24 && !memcmp(data, "\x89PNG\r\n\x1a\n", 8);
    if (ok && width) {
        const unsigned char *u = (const unsigned char *)data + 16;
        *width = (unsigned)u[0] << 24 | (unsigned)u[1] << 16 | (unsigned)u[2] << 8 | u[3];
    }
    free(data);
    return ok;
}

static void test_svg_parses(void **state)
{
    (void)state;
    lr_fonts *fonts = load_fonts();
    size_t len;
    char *svg = render_svg(fonts, &len);
    const char *dir = temp_dir("svg-parse");
    assert_non_null(dir);
    char in[4200], png[4200], cmd[9000];
    snprintf(in, sizeof(in), "%s/demo.svg", dir);
    snprintf(png, sizeof(png), "%s/demo.png", dir);
    assert_int_equal(write_text(in, svg), 0);
    snprintf(cmd, sizeof(cmd), "rsvg-convert -o '%s' '%s'", png, in);
    assert_int_equal(system(cmd), 0);
    unsigned width = 0;
    assert_true(file_is_png(png, &width));
    assert_true(width == 853 || width == 854); /* 640 pt at 96 dpi */
    free(svg);
    lr_fonts_free(fonts);
}

static void test_png(void **state)
{
    (void)state;
    lr_fonts *fonts = load_fonts();
    lr_chart ch = demo_chart();
    lr_buf out = LR_BUF_INIT;
    lr_error err;
    assert_int_equal(lr_chart_render_png(&ch, fonts, lr_buf_write, &out, &err), LR_OK);
    const char *dir = temp_dir("png");
    char path[4200];
    snprintf(path, sizeof(path), "%s/demo.png", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(out.data, 1, out.len, f), out.len);
    fclose(f);
    unsigned width = 0;
    assert_true(file_is_png(path, &width));
    double w, h;
    lr_chart_size(&ch, &w, &h);
    assert_int_equal(width, (unsigned)(2 * w)); /* 2x for crispness */
    lr_buf_free(&out);
    lr_fonts_free(fonts);
}

static int failing_write(void *user, const char *data, size_t len)
{
    (void)user, (void)data, (void)len;
    return -1;
}

static void test_cairo_errors(void **state)
{
    (void)state;
    lr_fonts *fonts = load_fonts();
    lr_chart ch = demo_chart();
    lr_error err;
    memset(&err, 0, sizeof(err));
    assert_int_equal(lr_chart_render_svg(&ch, fonts, failing_write, NULL, &err), LR_EIO);
    assert_non_null(strstr(err.message, "cannot write"));
    assert_int_equal(lr_chart_render_png(&ch, fonts, failing_write, NULL, &err), LR_EIO);
    /* Errors of the chart reach the caller through the canvas. */
    lr_chart bad = ch;
    bad.n_series = 0;
    lr_buf out = LR_BUF_INIT;
    assert_int_equal(lr_chart_render_svg(&bad, fonts, lr_buf_write, &out, &err), LR_EUSAGE);
    assert_non_null(strstr(err.message, "nothing to draw"));
    assert_int_equal(out.len, 0); /* nothing written on failure */
    lr_buf_free(&out);
    /* One page per SVG. */
    lr_canvas *c = lr_canvas_svg_new(fonts, lr_buf_write, &out);
    lr_canvas_begin_page(c, 10, 10);
    lr_canvas_end_page(c);
    lr_canvas_begin_page(c, 10, 10);
    assert_int_equal(lr_canvas_finish(c), LR_EUSAGE);
    lr_canvas_free(c);
    lr_buf_free(&out);
    lr_fonts_free(fonts);
}

/* Coordinates reach the SVG with at most two decimals (cairo writes six); a group's title keeps
 * its text as written. */
static void test_svg_short_numbers(void **state)
{
    (void)state;
    lr_fonts *fonts = load_fonts();
    lr_buf out = LR_BUF_INIT;
    lr_canvas *c = lr_canvas_svg_new(fonts, lr_buf_write, &out);
    lr_style fill = {LR_RGB(0x336699), LR_COLOR_NONE, 0, {0, 0}, LR_COLOR_NONE};
    lr_style stroke = {LR_COLOR_NONE, LR_RGB(0x111111), 0.8, {0, 0}, LR_COLOR_NONE};
    lr_canvas_begin_page(c, 100, 50);
    lr_canvas_group_begin(c, "value 0.123456");
    lr_canvas_rect(c, 10.123456, 5.006, 20.5, 10.25, &fill);
    lr_canvas_group_end(c);
    lr_canvas_line(c, 1.0049, 2.9951, 50.123, 40, &stroke);
    lr_canvas_end_page(c);
    assert_int_equal(lr_canvas_finish(c), LR_OK);
    lr_canvas_free(c);
    const char *svg = out.data;
    assert_non_null(strstr(svg, "<title>value 0.123456</title>"));
    assert_non_null(strstr(svg, "10.12 "));
    assert_non_null(strstr(svg, " 5.01 "));
    assert_non_null(strstr(svg, " 50.12 "));
    /* no number outside a title has a third decimal */
    for (const char *p = svg; *p; p++) {
        if (!strncmp(p, "<title>", 7)) {
            p = strstr(p, "</title>");
            assert_non_null(p);
            continue;
        }
        if (*p == '.' && p > svg && isdigit((unsigned char)p[-1]))
            assert_false(isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
                         isdigit((unsigned char)p[3]));
    }
    lr_buf_free(&out);
    lr_fonts_free(fonts);
}

static void test_hatch_range(void **state)
{
    (void)state;
    long k0, k1;
    lr_hatch_range(10, 20, 30, 40, &k0, &k1);
    /* lines x + y = 4k cover x + y from 30 to 70 */
    assert_true(k0 * LR_HATCH_SPACING <= 30 && (k0 + 1) * LR_HATCH_SPACING > 30);
    assert_true(k1 * LR_HATCH_SPACING >= 70 && (k1 - 1) * LR_HATCH_SPACING < 70);
    double x0, y0, x1, y1;
    lr_path_seg segs[3] = {{LR_SEG_MOVE, 1, 2, 0, 0, 0, 0},
                           {LR_SEG_CURVE, 5, 6, -3, 9, 4, 4},
                           {LR_SEG_CLOSE, 0, 0, 0, 0, 0, 0}};
    assert_true(lr_path_bounds(segs, 3, &x0, &y0, &x1, &y1));
    assert_true(x0 == -3 && y0 == 2 && x1 == 5 && y1 == 9);
    assert_false(lr_path_bounds(segs + 2, 1, &x0, &y0, &x1, &y1));
}

/* Child mode of test_svg_deterministic. */
static int write_svg_to(const char *path)
{
    lr_fonts *fonts = NULL;
    lr_error err;
    if (lr_fonts_load(source_path("fonts"), &fonts, &err) != LR_OK)
        return 1;
    lr_chart ch = demo_chart();
    lr_buf out = LR_BUF_INIT;
    lr_status st = lr_chart_render_svg(&ch, fonts, lr_buf_write, &out, &err);
    lr_fonts_free(fonts);
    FILE *f = st == LR_OK ? fopen(path, "wb") : NULL;
    int ok = f && fwrite(out.data, 1, out.len, f) == out.len;
    if (f)
        ok &= fclose(f) == 0;
    lr_buf_free(&out);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--write-svg"))
        return write_svg_to(argv[2]);
    self_path = argv[0];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trace_format),  cmocka_unit_test(test_sticky_error),
        cmocka_unit_test(test_fonts_missing), cmocka_unit_test(test_text_width),
        cmocka_unit_test(test_fallback_runs), cmocka_unit_test(test_svg_deterministic),
        cmocka_unit_test(test_svg_parses),    cmocka_unit_test(test_svg_short_numbers),
        cmocka_unit_test(test_png),           cmocka_unit_test(test_cairo_errors),
        cmocka_unit_test(test_hatch_range),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    /* Empties cairo's font caches, which releases the FreeType faces (and through them the
     * libraries) the cairo canvases opened: under valgrind nothing of ours stays reachable. */
    cairo_debug_reset_static_data();
    return failed;
}

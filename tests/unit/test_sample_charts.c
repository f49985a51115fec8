/* The sample report's charts as every output draws them: each chart's SVG and its drawing in
 * the PDF are one layout (their traces are equal but for the "canvas svg" / "canvas pdf" header
 * line), in English and Korean. The charts are built from the samples as a build builds them
 * (the report's store, config and overview), drawn by the SVG canvas through lr_chart_render
 * and into the PDF by lr_pdf_render, each canvas traced with lr_canvas_trace_to. */
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
#include "canvas/fonts.h"
#include "chart/chart.h"
#include "core/buf.h"
#include "core/phrases.h"
#include "llmreport.h"
#include "pdf/pdf.h"
#include "report/report.h"
#include "testutil.h"
#include "view/charts.h"
#include "view/findings.h"
#include "view/overview.h"

static void quiet(void *user, lr_severity sev, const lr_error *e)
{
    (void)user, (void)sev, (void)e;
}

typedef struct samples {
    lr_report *report;
    lr_overview overview;
    lr_chart_set charts;
    lr_fonts *fonts;
} samples;

/* The sample report folder loaded with config (NULL: its llmreport.json) and its charts. */
static void samples_load(samples *s, const char *config)
{
    memset(s, 0, sizeof *s);
    lr_error err;
    s->report = lr_report_new();
    assert_non_null(s->report);
    lr_report_set_diag(s->report, quiet, NULL);
    lr_report_set_datadir(s->report, LR_SOURCE_DIR);
    if (config)
        assert_int_equal(lr_report_load_config(s->report, source_path(config), &err), LR_OK);
    assert_int_equal(lr_report_add_input(s->report, source_path("samples"), &err), LR_OK);
    assert_int_equal(lr_report_load(s->report, &err), LR_OK);
    lr_report *r = s->report;
    assert_int_equal(lr_overview_build(r->store, &r->config, &s->overview), LR_OK);
    assert_int_equal(lr_charts_build(r->store, &r->config, &s->overview, NULL, NULL, 0, &s->charts),
                     LR_OK);
    assert_true(s->charts.n >= 5);
    assert_int_equal(lr_fonts_load(source_path("fonts"), &s->fonts, &err), LR_OK);
}

static void samples_free(samples *s)
{
    lr_fonts_free(s->fonts);
    lr_chart_set_free(&s->charts);
    lr_overview_free(&s->overview);
    lr_report_free(s->report);
}

/* The trace of chart i as its SVG file draws it. */
static void svg_trace(const samples *s, size_t i, lr_buf *trace)
{
    lr_buf svg = LR_BUF_INIT;
    lr_canvas *c = lr_canvas_svg_new(s->fonts, lr_buf_write, &svg);
    lr_canvas_trace_to(c, trace);
    lr_error err;
    assert_int_equal(lr_chart_render(&s->charts.charts[i], c, &err), LR_OK);
    assert_true(svg.len > 1000);
    lr_buf_free(&svg);
}

/* The traces of every chart as a PDF of a Markdown document showing them all draws them. */
static void pdf_traces(const samples *s, lr_buf *traces)
{
    lr_buf md = LR_BUF_INIT;
    lr_pdf_image *images = calloc(s->charts.n, sizeof *images);
    assert_non_null(images);
    for (size_t i = 0; i < s->charts.n; i++) {
        lr_buf_printf(&md, "![%s](%s)\n\n", s->charts.links[i].title, s->charts.links[i].file);
        images[i].url = s->charts.links[i].file;
        images[i].chart = &s->charts.charts[i];
    }
    lr_pdf_options o;
    memset(&o, 0, sizeof o);
    o.fonts = s->fonts;
    o.images = images;
    o.n_images = s->charts.n;
    o.language = s->report->config.language;
    o.chart_traces = traces;
    lr_buf pdf = LR_BUF_INIT;
    lr_error err;
    assert_int_equal(lr_pdf_render(md.data, md.len, &o, lr_buf_write, &pdf, &err), LR_OK);
    assert_true(pdf.len > 1000);
    lr_buf_free(&pdf);
    lr_buf_free(&md);
    free(images);
}

/* Fails with the first line where a and b differ. */
static void assert_same_lines(const char *what, const char *a, const char *b)
{
    size_t line = 1;
    const char *p = a, *q = b;
    while (*p && *p == *q) {
        line += *p == '\n';
        p++, q++;
    }
    if (!*p && !*q)
        return;
    fprintf(stderr, "%s: line %zu differs:\n  svg: %.*s\n  pdf: %.*s\n", what, line,
            (int)strcspn(p, "\n"), p, (int)strcspn(q, "\n"), q);
    fail();
}

static void check_svg_equals_pdf(const char *config)
{
    samples s;
    samples_load(&s, config);
    lr_buf pdf = LR_BUF_INIT;
    pdf_traces(&s, &pdf);
    static const char header_pdf[] = "canvas pdf\n", header_svg[] = "canvas svg\n";
    const char *p = pdf.data;
    for (size_t i = 0; i < s.charts.n; i++) {
        /* this chart's part of the PDF traces: from its header to the next one */
        assert_non_null(p);
        assert_memory_equal(p, header_pdf, strlen(header_pdf));
        p += strlen(header_pdf);
        const char *next = strstr(p, header_pdf);
        size_t len = next ? (size_t)(next - p) : strlen(p);
        char *part = malloc(len + 1);
        assert_non_null(part);
        memcpy(part, p, len);
        part[len] = '\0';
        lr_buf svg = LR_BUF_INIT;
        svg_trace(&s, i, &svg);
        assert_memory_equal(svg.data, header_svg, strlen(header_svg));
        assert_non_null(strstr(part, "end-page\n"));
        assert_same_lines(s.charts.links[i].id, svg.data + strlen(header_svg), part);
        lr_buf_free(&svg);
        free(part);
        p = next;
    }
    assert_null(p); /* every chart drawn once */
    lr_buf_free(&pdf);
    samples_free(&s);
}

/* In every grouped bar chart, a value measured under another setting or whose setting is not
 * stated is never a bar: its group (the mark's tooltip) holds no rectangle. The overview chart
 * of the samples has such values, so the check has something to check. */
static void check_no_marked_bars(const char *config)
{
    samples s;
    samples_load(&s, config);
    lr_lang lang = lr_lang_parse(s.report->config.language);
    const char *words[] = {lr_phrase(lang, LR_PH_OTHER_SETTING),
                           lr_phrase(lang, LR_PH_SETTING_NOT_STATED)};
    size_t marked = 0;
    for (size_t i = 0; i < s.charts.n; i++) {
        const lr_chart *c = &s.charts.charts[i];
        if (c->type != LR_CHART_BARS || c->n_groups < 2)
            continue;
        lr_buf t = LR_BUF_INIT;
        svg_trace(&s, i, &t);
        for (const char *g = strstr(t.data, "\ngroup \""); g; g = strstr(g + 1, "\ngroup \"")) {
            const char *eol = strchr(g + 1, '\n');
            int is_marked = 0;
            for (size_t w = 0; w < 2; w++) {
                char tail[200];
                snprintf(tail, sizeof tail, "(%s)\"", words[w]);
                size_t n = strlen(tail);
                is_marked |= (size_t)(eol - g) > n && !strncmp(eol - n, tail, n);
            }
            if (!is_marked)
                continue;
            marked++;
            const char *end = strstr(eol, "\nend-group");
            const char *rect = strstr(eol, "\nrect ");
            assert_non_null(end);
            if (rect && rect < end) {
                fprintf(stderr, "%s: a bar for %.*s\n", s.charts.links[i].id, (int)(eol - g), g);
                fail();
            }
        }
        lr_buf_free(&t);
    }
    assert_true(marked >= 5);
    samples_free(&s);
}

static void test_no_marked_bars(void **state)
{
    (void)state;
    check_no_marked_bars(NULL);
    check_no_marked_bars("samples/llmreport.ko.json");
}

/* The sources line of each sample chart names only what it draws: the ARC-Challenge ranking
 * draws the leaderboard's and the runs' values (GPT-4's and PaLM 2's are under other settings,
 * below the top 10), so it names neither report; no sources line hides any behind "and N
 * more", and none is cut with "…"; no title and no setting line is either. */
static void check_sources(const char *config)
{
    samples s;
    samples_load(&s, config);
    lr_lang lang = lr_lang_parse(s.report->config.language);
    const char *head = lr_phrase(lang, LR_PH_CHART_SOURCES);
    char more[64];
    snprintf(more, sizeof more, lr_phrase(lang, LR_PH_CHART_MORE_SOURCES), (size_t)1);
    *strpbrk(more, "0123456789") = '\0'; /* "; and " / "; 외 " */
    int arc = 0;
    for (size_t i = 0; i < s.charts.n; i++) {
        lr_buf t = LR_BUF_INIT;
        svg_trace(&s, i, &t);
        /* the sources: the footnote-size texts from the one starting with the head word */
        const char *p = strstr(t.data, head);
        assert_non_null(p);
        lr_buf foot = LR_BUF_INIT;
        for (; p; p = strstr(p, "\ntext ")) {
            const char *close = strstr(p, "\" size=8.00 anchor=start fill=#6b6b6bff");
            const char *eol = strchr(p, '\n') ? strchr(p + 1, '\n') : NULL;
            if (!close || (eol && close > eol))
                break;
            const char *open = foot.len ? strchr(p + 1, '"') : p;
            lr_buf_append(&foot, open + (foot.len ? 1 : 0),
                          (size_t)(close - open - (foot.len ? 1 : 0)));
            lr_buf_putc(&foot, ' ');
            p = eol;
        }
        lr_buf_putc(&foot, '\0');
        /* no title and no line under it cut with "…" */
        for (const char *l = strstr(t.data, "\ntext "); l; l = strstr(l + 1, "\ntext ")) {
            size_t len = strcspn(l + 1, "\n");
            char line[2000];
            snprintf(line, sizeof line, "%.*s", (int)(len < 1999 ? len : 1999), l + 1);
            if (strstr(line, "\" size=9.00 ") || strstr(line, "\" size=13.00 "))
                assert_null(strstr(line, "\xe2\x80\xa6"));
        }
        assert_null(strstr(foot.data, more));
        assert_null(strstr(foot.data, "\xe2\x80\xa6"));
        if (!strcmp(s.charts.links[i].id, "arc-challenge")) {
            arc = 1;
            assert_non_null(strstr(foot.data, "Open LLM Leaderboard ("));
            assert_null(strstr(foot.data, "GPT-4 Technical Report"));
            assert_null(strstr(foot.data, "PaLM 2"));
        }
        lr_buf_free(&foot);
        lr_buf_free(&t);
    }
    assert_true(arc);
    samples_free(&s);
}

static void test_sources(void **state)
{
    (void)state;
    check_sources(NULL);
    check_sources("samples/llmreport.ko.json");
}

/* ---- Labels bound to their points ---------------------------------------------------------- */

typedef struct point {
    char title[400];
    double x, y;
} point;

/* The title of the group at line g ("group \"T\"\n"), copied to buf; 0 when g is no group. */
static int group_title(const char *g, char *buf, size_t size)
{
    if (strncmp(g, "group \"", 7))
        return 0;
    const char *end = strstr(g, "\"\n");
    size_t n = end ? (size_t)(end - g - 7) : 0;
    if (!end || n >= size)
        return 0;
    memcpy(buf, g + 7, n);
    buf[n] = '\0';
    return 1;
}

/* In every scatter of the samples, each label's group has the title of one dot's group (the
 * label names that point), its box is one of the eight places beside that dot, and no other
 * dot is as near to it: for every labelled point, the label's anchor is that point's. Dots
 * are never drawn on top of one another. */
static void check_labels_bound(const char *config)
{
    samples s;
    samples_load(&s, config);
    size_t labels = 0;
    for (size_t c = 0; c < s.charts.n; c++) {
        if (s.charts.charts[c].type != LR_CHART_SCATTER)
            continue;
        lr_buf t = LR_BUF_INIT;
        svg_trace(&s, c, &t);
        point *pts = calloc(s.charts.charts[c].n_series + 1, sizeof *pts);
        size_t n = 0;
        assert_non_null(pts);
        /* the dots: a group holding a circle or a diamond path */
        for (const char *g = strstr(t.data, "\ngroup \""); g; g = strstr(g + 1, "\ngroup \"")) {
            char title[400];
            if (!group_title(g + 1, title, sizeof title))
                continue;
            const char *end = strstr(g, "\nend-group"), *l = strchr(g + 1, '\n');
            for (; l && l < end; l = strchr(l + 1, '\n')) {
                double x, y, x2, y2;
                if (sscanf(l, "\ncircle %lf %lf", &x, &y) == 2 ||
                    (!strncmp(l, "\npath ", 6) && strstr(l, ": M ") &&
                     sscanf(strstr(l, ": M "), ": M %lf %lf L %lf %lf", &x, &y, &x2, &y2) == 4 &&
                     (y = y2, 1))) {
                    assert_true(n <= s.charts.charts[c].n_series);
                    snprintf(pts[n].title, sizeof pts[n].title, "%s", title);
                    pts[n].x = x, pts[n].y = y;
                    n++;
                    break;
                }
            }
        }
        assert_true(n >= 5);
        /* the four 7B models are four dots: those moved off another say so */
        size_t moved = 0;
        const char *said = lr_phrase(lr_lang_parse(s.report->config.language), LR_PH_DOT_MOVED);
        for (size_t i = 0; i < n; i++)
            moved += strstr(pts[i].title, said) != NULL;
        assert_true(moved >= 2);
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++)
                assert_true(hypot(pts[i].x - pts[j].x, pts[i].y - pts[j].y) >= 8.9);
        /* the labels: a group holding a text */
        for (const char *g = strstr(t.data, "\ngroup \""); g; g = strstr(g + 1, "\ngroup \"")) {
            char title[400], text[400];
            double x, y;
            const char *l = strchr(g + 1, '\n');
            if (!group_title(g + 1, title, sizeof title) || strncmp(l, "\ntext ", 6))
                continue;
            const char *q = strchr(l + 6, '"'), *close = q ? strstr(q, "\" size=8.00") : NULL;
            if (sscanf(l, "\ntext %lf %lf", &x, &y) != 2 || !close || close - q >= 400)
                continue;
            memcpy(text, q + 1, (size_t)(close - q - 1));
            text[close - q - 1] = '\0';
            size_t own = n;
            for (size_t i = 0; i < n; i++)
                if (!strcmp(pts[i].title, title))
                    own = i;
            if (own == n) {
                fprintf(stderr, "label \"%s\" in a group no dot has: \"%s\"\n", text, title);
                fail();
            }
            labels++;
            double w = lr_fonts_text_width(s.fonts, LR_FONT_REGULAR, 8, text), h = 8, r = 4,
                   d = r + 2;
            double x0 = x, y1 = y + 1, cx = pts[own].x, cy = pts[own].y;
            const double want[8][2] = {
                {cx + r + 3, cy + h / 2}, {cx - r - 3 - w, cy + h / 2},
                {cx - w / 2, cy - r - 3}, {cx - w / 2, cy + r + 3 + h},
                {cx + d, cy - d},         {cx + d, cy + d + h},
                {cx - d - w, cy - d},     {cx - d - w, cy + d + h},
            };
            int beside = 0;
            for (int k = 0; k < 8; k++)
                beside |= fabs(want[k][0] - x0) < 0.02 && fabs(want[k][1] - y1) < 0.02;
            if (!beside) {
                fprintf(stderr, "label \"%s\" at %.2f %.2f is not beside its dot %.2f %.2f\n", text,
                        x0, y1, cx, cy);
                fail();
            }
            /* the label's box is nearer its own dot than any other */
            double bx0 = x0, bx1 = x0 + w, by0 = y1 - h, by1 = y1;
#define DIST(px, py) hypot(fmax(fmax(bx0 - (px), 0), (px)-bx1), fmax(fmax(by0 - (py), 0), (py)-by1))
            for (size_t i = 0; i < n; i++)
                if (i != own && DIST(pts[i].x, pts[i].y) <= DIST(cx, cy)) {
                    fprintf(stderr, "label \"%s\" is as near to \"%s\" as to its own dot\n", text,
                            pts[i].title);
                    fail();
                }
#undef DIST
        }
        free(pts);
        lr_buf_free(&t);
    }
    assert_true(labels >= 5);
    samples_free(&s);
}

static void test_labels_bound(void **state)
{
    (void)state;
    check_labels_bound(NULL);
    check_labels_bound("samples/llmreport.ko.json");
}

static void test_svg_equals_pdf(void **state)
{
    (void)state;
    check_svg_equals_pdf(NULL);
}

static void test_svg_equals_pdf_korean(void **state)
{
    (void)state;
    check_svg_equals_pdf("samples/llmreport.ko.json");
}

/* ---- The Korean charts speak Korean ---------------------------------------------------- */

/* English words the Korean charts once drew (axis "score (%)", "accuracy (%)", "n/a", table
 * and figure locators, note and source labels), each matched as a whole word. */
static const char *const english_words[] = {"score",      "accuracy", "n/a",      "Table",
                                            "Figure",     "Note",     "Sources",  "sources",
                                            "confidence", "missing",  "interval", "model"};

static int has_word(const char *text, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = strstr(text, w); p; p = strstr(p + 1, w)) {
        int before =
            p == text || !((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' && p[-1] <= 'Z'));
        char c = p[n];
        int after = !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
        if (before && after)
            return 1;
    }
    return 0;
}

/* A ranked chart marks the overview's tiers on its values (tests/data/tiers/tiers.json, worked
 * out by hand in tests/cli/test_tiers.sh): A 80.0 leads, B 79.5 joins it (≈), C 78.0 leads tier
 * 2 and D 77.6 joins C, E 70.0 is tier 3; the keys say what the marks mean. */
static void test_ranked_tiers(void **state)
{
    (void)state;
    lr_error err;
    lr_report *r = lr_report_new();
    assert_non_null(r);
    lr_report_set_diag(r, quiet, NULL);
    lr_report_set_datadir(r, LR_SOURCE_DIR);
    assert_int_equal(lr_report_add_input(r, source_path("tests/data/tiers/tiers.json"), &err),
                     LR_OK);
    lr_overview ov;
    lr_findings f;
    assert_int_equal(lr_report_load_views(r, &ov, &f, &err), LR_OK);
    lr_chart_set set;
    assert_int_equal(lr_charts_build(r->store, &r->config, &ov, &r->items, NULL, 0, &set), LR_OK);
    const lr_chart *mmlu = NULL;
    for (size_t i = 0; i < set.n; i++)
        if (!strcmp(set.links[i].id, "mmlu"))
            mmlu = &set.charts[i];
    assert_non_null(mmlu);
    assert_int_equal(mmlu->type, LR_CHART_RANKED);
    lr_buf t = LR_BUF_INIT;
    assert_int_equal(lr_chart_render_trace(mmlu, NULL, &t, &err), LR_OK);
    assert_non_null(strstr(t.data, " \"80.0\""));
    assert_non_null(strstr(t.data, " \"79.5 ≈\""));
    assert_non_null(strstr(t.data, " \"78.0 ²\""));
    assert_non_null(strstr(t.data, " \"77.6 ²\""));
    assert_non_null(strstr(t.data, " \"70.0 ³\""));
    assert_null(strstr(t.data, "80.0 ≈"));
    assert_non_null(strstr(t.data, "\"not separable from the best at the 5 % level\""));
    assert_non_null(strstr(t.data, "\"tier 2, 3, …: led by the best of the rest\""));
    lr_buf_free(&t);
    lr_chart_set_free(&set);
    lr_findings_free(&f);
    lr_overview_free(&ov);
    lr_report_free(r);
}

static void test_korean_words(void **state)
{
    (void)state;
    samples s;
    samples_load(&s, "samples/llmreport.ko.json");
    size_t texts = 0;
    for (size_t i = 0; i < s.charts.n; i++) {
        lr_buf trace = LR_BUF_INIT;
        svg_trace(&s, i, &trace);
        for (const char *line = trace.data; line && *line;) {
            const char *end = strchr(line, '\n');
            size_t len = end ? (size_t)(end - line) : strlen(line);
            if (!strncmp(line, "text ", 5)) {
                char text[1024];
                snprintf(text, sizeof text, "%.*s", (int)len, line);
                texts++;
                for (size_t w = 0; w < sizeof english_words / sizeof english_words[0]; w++)
                    if (has_word(text, english_words[w]))
                        fail_msg("chart %s draws \"%s\": %s", s.charts.charts[i].id,
                                 english_words[w], text);
            }
            line = end ? end + 1 : line + len;
        }
        lr_buf_free(&trace);
    }
    assert_true(texts > 100);
    samples_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_svg_equals_pdf), cmocka_unit_test(test_svg_equals_pdf_korean),
        cmocka_unit_test(test_no_marked_bars), cmocka_unit_test(test_sources),
        cmocka_unit_test(test_labels_bound),   cmocka_unit_test(test_korean_words),
        cmocka_unit_test(test_ranked_tiers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

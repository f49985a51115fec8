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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas/canvas.h"
#include "chart/chart.h"
#include "core/buf.h"
#include "core/phrases.h"
#include "llmreport.h"
#include "pdf/pdf.h"
#include "report/report.h"
#include "testutil.h"
#include "view/charts.h"
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
    assert_int_equal(lr_charts_build(r->store, &r->config, &s->overview, NULL, 0, &s->charts),
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
 * more", and none is cut with "…". */
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_svg_equals_pdf),
        cmocka_unit_test(test_svg_equals_pdf_korean),
        cmocka_unit_test(test_no_marked_bars),
        cmocka_unit_test(test_sources),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

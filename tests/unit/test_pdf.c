/* Tests of the PDF report, checked the way readers meet the file: every PDF is written to a
 * temporary file and examined with real tools (qpdf --check, pdffonts, pdftotext, pdfinfo). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/buf.h"
#include "pdf/style.h"
#include "llmreport.h"
#include "pdf/pdf.h"
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

static lr_pdf_options options(void)
{
    lr_pdf_options o;
    memset(&o, 0, sizeof o);
    o.fonts = fonts;
    return o;
}

/* Renders md into memory; asserts success. */
static lr_buf render(const char *md, const lr_pdf_options *opt)
{
    lr_buf out = LR_BUF_INIT;
    lr_error err;
    memset(&err, 0, sizeof err);
    lr_status st = lr_pdf_render(md, strlen(md), opt, lr_buf_write, &out, &err);
    if (st != LR_OK)
        fprintf(stderr, "render failed: %s\n", err.message);
    assert_int_equal(st, LR_OK);
    assert_false(lr_buf_failed(&out));
    assert_true(out.len > 100);
    assert_memory_equal(out.data, "%PDF-", 5);
    return out;
}

static void save(const char *path, const lr_buf *b)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
    assert_int_equal(fclose(f), 0);
}

/* Renders md to DIR/name.pdf (a fresh folder per test); returns the path (static). */
static const char *render_file(const char *name, const char *md, const lr_pdf_options *opt)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s.pdf", temp_dir(name), name);
    lr_buf b = render(md, opt);
    save(path, &b);
    lr_buf_free(&b);
    return path;
}

/* Output of a shell command (stdout only; caller frees). */
static char *run(const char *fmt, ...)
{
    char cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    lr_buf out = LR_BUF_INIT;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        lr_buf_append(&out, buf, n);
    pclose(p);
    lr_buf_puts(&out, "");
    return lr_buf_detach(&out);
}

static void assert_qpdf_ok(const char *path)
{
    char cmd[8400];
    snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null 2>&1", path);
    assert_int_equal(system(cmd), 0);
}

static void assert_fonts_embedded(const char *path)
{
    char *out = run("pdffonts '%s' 2>/dev/null", path);
    size_t fonts_seen = 0;
    /* two header lines, then one line per font: "... emb sub uni object ID" */
    char *line = strtok(out, "\n");
    for (int i = 0; line; line = strtok(NULL, "\n"), i++) {
        if (i < 2)
            continue;
        char name[256], type1[64], type2[64], enc[64], emb[8];
        assert_int_equal(sscanf(line, "%255s %63s %63s %63s %7s", name, type1, type2, enc, emb), 5);
        assert_string_equal(emb, "yes");
        fonts_seen++;
    }
    assert_true(fonts_seen >= 1);
    free(out);
}

static long pages_of(const char *path)
{
    char *out = run("pdfinfo '%s' 2>/dev/null", path);
    const char *p = strstr(out, "Pages:");
    long n = p ? strtol(p + 6, NULL, 10) : -1;
    free(out);
    return n;
}

static char *text_of(const char *path)
{
    return run("pdftotext -enc UTF-8 '%s' - 2>/dev/null", path);
}

static char *page_text(const char *path, long page)
{
    return run("pdftotext -enc UTF-8 -f %ld -l %ld '%s' - 2>/dev/null", page, page, path);
}

/* Every word box of every page lies within [left, right] x [top, bottom]. Returns the number
 * of words. */
static size_t assert_words_within(const char *path, double left, double right)
{
    char *out = run("pdftotext -bbox '%s' - 2>/dev/null", path);
    size_t words = 0;
    double page_w = 0;
    for (const char *p = out; (p = strstr(p, "<")) != NULL; p++) {
        double x0, y0, x1, y1;
        if (sscanf(p, "<page width=\"%lf\"", &page_w) == 1)
            continue;
        if (sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0, &y0, &x1,
                   &y1) != 4)
            continue;
        words++;
        if (x0 < left - 0.5 || x1 > right + 0.5) {
            fprintf(stderr, "word outside [%.1f, %.1f]: %.1f..%.1f\n", left, right, x0, x1);
            fail();
        }
        assert_true(x1 <= page_w);
    }
    free(out);
    return words;
}

/* ---- Tests ---------------------------------------------------------------------------------- */

static const char basic_md[] =
    "# Model comparison\n\n"
    "*A subtitle in italics*\n\n"
    "Written by tests · 2026-11-28\n\n"
    "## Results\n\n"
    "Text with **strong**, *emphasis*, `code`, ~~struck~~ and a [link](https://example.com/x).\n"
    "A footnote marker[^1] in the text.\n\n"
    "| Model | MMLU | 모델 이름 |\n"
    "|:---|---:|:---|\n"
    "| GPT-4 | 86.4[^2] | 한국어 모델 |\n"
    "| PaLM 2-L | 78.3 | – |\n\n"
    "- one\n- two\n  1. nested\n  2. numbers\n\n"
    "> A quote.\n\n"
    "```\ncode block\n  indented\n```\n\n"
    "---\n\n"
    "[^1]: The first footnote text.\n"
    "[^2]: Measured 5-shot, from the GPT-4 Technical Report.\n";

static void test_basic(void **state)
{
    (void)state;
    lr_pdf_options o = options();
    o.author = "Tester";
    o.subject = "Evaluations";
    const char *path = render_file("pdf-basic", basic_md, &o);
    assert_qpdf_ok(path);
    assert_fonts_embedded(path);
    char *text = text_of(path);
    assert_non_null(strstr(text, "Model comparison"));
    assert_non_null(strstr(text, "86.4"));
    assert_non_null(strstr(text, "The first footnote text."));
    assert_non_null(strstr(text, "Measured 5-shot"));
    assert_non_null(strstr(text, "모델"));
    assert_non_null(strstr(text, "한국어 모델"));
    assert_non_null(strstr(text, "code block"));
    free(text);
    /* document information, and no date unless one is given */
    char *info = run("pdfinfo '%s' 2>/dev/null", path);
    assert_non_null(strstr(info, "Title:           Model comparison"));
    assert_non_null(strstr(info, "Author:          Tester"));
    assert_non_null(strstr(info, "Subject:         Evaluations"));
    assert_non_null(strstr(info, "Creator:         llmreport " LR_VERSION));
    assert_null(strstr(info, "CreationDate"));
    assert_non_null(strstr(info, "595.276 x 841.89 pts (A4)"));
    free(info);
    /* the link is an annotation, footnote markers go to their notes, headings are bookmarks */
    char *qdf = run("qpdf --qdf --object-streams=disable '%s' - 2>/dev/null", path);
    assert_non_null(strstr(qdf, "/URI (https://example.com/x)"));
    assert_true(strstr(qdf, "/Subtype /Link") != NULL);
    free(qdf);
    char *outline = run("qpdf --json --json-key=outlines '%s' 2>/dev/null", path);
    assert_non_null(strstr(outline, "\"title\": \"Model comparison\""));
    assert_non_null(strstr(outline, "\"title\": \"Results\""));
    free(outline);
    /* Hangul comes from Nanum Gothic */
    char *f = run("pdffonts '%s' 2>/dev/null", path);
    assert_non_null(strstr(f, "NanumGothic"));
    assert_non_null(strstr(f, "DejaVuSans"));
    free(f);
}

/* 300 rows: as many pages as the layout says, the header on every page, every row once, in
 * order, never split. */
static void test_long_table(void **state)
{
    (void)state;
    lr_buf md = LR_BUF_INIT;
    lr_buf_puts(&md, "# Long\n\n| Row | Model | Score |\n|---:|:---|---:|\n");
    for (int i = 1; i <= 300; i++)
        lr_buf_printf(&md, "| %d | model-%03d | %d.5 |\n", i, i, i % 100);
    lr_pdf_options o = options();
    size_t predicted = 0;
    lr_error err;
    assert_int_equal(lr_pdf_count_pages(md.data, md.len, &o, &predicted, &err), LR_OK);
    const char *path = render_file("pdf-long", md.data, &o);
    assert_qpdf_ok(path);
    char saved[4096];
    snprintf(saved, sizeof saved, "%s", path);
    long pages = pages_of(saved);
    assert_true(predicted > 3);
    assert_int_equal(pages, (long)predicted);
    int next = 1;
    for (long p = 1; p <= pages; p++) {
        char *t = page_text(saved, p);
        assert_non_null(strstr(t, "Row"));
        assert_non_null(strstr(t, "Model"));
        assert_non_null(strstr(t, "Score"));
        /* the rows of this page follow the last row of the page before */
        char want[32];
        for (;;) {
            snprintf(want, sizeof want, "model-%03d", next);
            if (!strstr(t, want))
                break;
            next++;
        }
        free(t);
    }
    assert_int_equal(next, 301);
    lr_buf_free(&md);
}

static void test_wide_table(void **state)
{
    (void)state;
    lr_buf md = LR_BUF_INIT;
    lr_buf_puts(&md, "# Wide\n\n|");
    for (int c = 1; c <= 20; c++)
        lr_buf_printf(&md, " Benchmark column %d |", c);
    lr_buf_puts(&md, "\n|");
    for (int c = 1; c <= 20; c++)
        lr_buf_puts(&md, "---:|");
    lr_buf_puts(&md, "\n");
    for (int r = 0; r < 12; r++) {
        lr_buf_puts(&md, "|");
        for (int c = 1; c <= 20; c++)
            lr_buf_printf(&md, " %d.%d †[^1] |", 10 * r + c, c % 10);
        lr_buf_puts(&md, "\n");
    }
    lr_buf_puts(&md, "\n[^1]: A note.\n");
    lr_pdf_options o = options();
    const char *path = render_file("pdf-wide", md.data, &o);
    assert_qpdf_ok(path);
    assert_true(assert_words_within(path, LR_PDF_MARGIN_X, 595.276 - LR_PDF_MARGIN_X) > 240);
    char *text = text_of(path);
    assert_non_null(strstr(text, "118.8"));
    free(text);
    lr_buf_free(&md);
}

static void test_long_word(void **state)
{
    (void)state;
    lr_buf md = LR_BUF_INIT, word = LR_BUF_INIT;
    for (int i = 0; i < 300; i++)
        lr_buf_putc(&word, (char)('a' + i % 26));
    lr_buf hangul = LR_BUF_INIT;
    for (int i = 0; i < 80; i++)
        lr_buf_puts(&hangul, "모델");
    lr_buf_printf(&md,
                  "# Words\n\n## Long\n\nBefore %s after.\n\n| Name | Value |\n|:--|--:|\n"
                  "| %s | 1.0 |\n\n%s\n",
                  word.data, word.data, hangul.data);
    lr_pdf_options o = options();
    const char *path = render_file("pdf-long-word", md.data, &o);
    assert_qpdf_ok(path);
    assert_true(assert_words_within(path, LR_PDF_MARGIN_X, 595.276 - LR_PDF_MARGIN_X) > 5);
    /* all of the word is there, in order, across its lines */
    char *text = run("pdftotext -enc UTF-8 '%s' - 2>/dev/null | tr -d '\\n'", path);
    assert_non_null(strstr(text, word.data));
    assert_non_null(strstr(text, hangul.data));
    free(text);
    lr_buf_free(&hangul);
    lr_buf_free(&md);
    lr_buf_free(&word);
}

static void test_empty(void **state)
{
    (void)state;
    lr_pdf_options o = options();
    const char *path = render_file("pdf-empty", "", &o);
    assert_qpdf_ok(path);
    assert_int_equal(pages_of(path), 1);
    size_t pages = 0;
    lr_error err;
    assert_int_equal(lr_pdf_count_pages(NULL, 0, &o, &pages, &err), LR_OK);
    assert_int_equal(pages, 1);
}

static void test_deterministic(void **state)
{
    (void)state;
    lr_pdf_options o = options();
    lr_buf a = render(basic_md, &o), b = render(basic_md, &o);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    lr_buf_free(&b);
    /* a date is written only when given, and still gives the same bytes twice */
    o.date = "2026-11-28";
    lr_buf c = render(basic_md, &o), d = render(basic_md, &o);
    assert_int_equal(c.len, d.len);
    assert_memory_equal(c.data, d.data, c.len);
    char path[4096];
    snprintf(path, sizeof path, "%s/dated.pdf", temp_dir("pdf-dated"));
    save(path, &c);
    char *info = run("pdfinfo '%s' 2>/dev/null", path);
    assert_non_null(strstr(info, "CreationDate:    Sat Nov 28 00:00:00 2026 UTC"));
    assert_non_null(strstr(info, "ModDate:         Sat Nov 28 00:00:00 2026 UTC"));
    free(info);
    lr_buf_free(&a);
    lr_buf_free(&c);
    lr_buf_free(&d);
}

static void test_missing_font(void **state)
{
    (void)state;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", temp_dir("pdf-fonts"));
    char cmd[8400];
    snprintf(cmd, sizeof cmd, "cp '%s'/*.ttf '%s'/", source_path("fonts"), dir);
    assert_int_equal(system(cmd), 0);
    lr_fonts *f;
    lr_error err;
    assert_int_equal(lr_fonts_load(dir, &f, &err), LR_OK);
    char gone[4200];
    snprintf(gone, sizeof gone, "%s/NanumGothic.ttf", dir);
    assert_int_equal(unlink(gone), 0);
    lr_pdf_options o = options();
    o.fonts = f;
    lr_buf out = LR_BUF_INIT;
    memset(&err, 0, sizeof err);
    const char *md = "# 제목\n\nHangul needs Nanum Gothic: 모델.\n";
    assert_int_equal(lr_pdf_render(md, strlen(md), &o, lr_buf_write, &out, &err), LR_EIO);
    char want[4400];
    snprintf(want, sizeof want, "cannot load font %s", gone);
    assert_string_equal(err.message, want);
    assert_string_equal(err.file, gone);
    assert_int_equal(err.status, LR_EIO);
    lr_buf_free(&out);
    lr_fonts_free(f);
}

static void test_options(void **state)
{
    (void)state;
    lr_pdf_options o = options();
    lr_buf out = LR_BUF_INIT;
    lr_error err;
    o.page = "A5";
    assert_int_equal(lr_pdf_render("x", 1, &o, lr_buf_write, &out, &err), LR_EUSAGE);
    assert_string_equal(err.message, "pdf: unknown page size \"A5\" (A4, Letter)");
    o.page = "Letter";
    o.date = "28.11.2026";
    assert_int_equal(lr_pdf_render("x", 1, &o, lr_buf_write, &out, &err), LR_EUSAGE);
    assert_string_equal(err.message, "pdf: date \"28.11.2026\" is not YYYY-MM-DD");
    o.fonts = NULL;
    assert_int_equal(lr_pdf_render("x", 1, &o, lr_buf_write, &out, &err), LR_EUSAGE);
    assert_int_equal(lr_pdf_render("x", 1, NULL, lr_buf_write, &out, &err), LR_EUSAGE);
    assert_int_equal(out.len, 0);
    lr_buf_free(&out);
    o = options();
    o.page = "Letter";
    const char *path = render_file("pdf-letter", "# Letter\n\nUS paper.\n", &o);
    char *info = run("pdfinfo '%s' 2>/dev/null", path);
    assert_non_null(strstr(info, "612 x 792 pts (letter)"));
    free(info);
}

/* More than four sections: a table of contents on the first page with the right numbers, in
 * the document's language. */
static void test_contents(void **state)
{
    (void)state;
    lr_buf md = LR_BUF_INIT;
    lr_buf_puts(&md, "# Report\n\nSubtitle.\n\n");
    for (int s = 1; s <= 6; s++) {
        lr_buf_printf(&md, "## Section %d\n\n", s);
        for (int p = 0; p < 12; p++)
            lr_buf_puts(&md, "Some words to fill the page with text that wraps over a few lines "
                             "so that the sections land on different pages of the report.\n\n");
    }
    lr_pdf_options o = options();
    const char *path = render_file("pdf-contents", md.data, &o);
    char saved[4096];
    snprintf(saved, sizeof saved, "%s", path);
    assert_qpdf_ok(saved);
    char *first = page_text(saved, 1);
    assert_non_null(strstr(first, "Contents"));
    /* each entry's number is the page its section starts on; the document goes on below the
     * contents, so on page 1 a section is there when it appears a second time */
    for (int s = 1; s <= 6; s++) {
        char name[32];
        snprintf(name, sizeof name, "Section %d", s);
        long found = 0;
        for (long p = 1; p <= pages_of(saved) && !found; p++) {
            char *t = page_text(saved, p);
            char *at = strstr(t, name);
            if (at && (p > 1 || strstr(at + 1, name)))
                found = p;
            free(t);
        }
        assert_true(found >= 1);
        char line[64];
        snprintf(line, sizeof line, "%s", name);
        char *entry = strstr(first, line);
        assert_non_null(entry);
        char *bbox =
            run("pdftotext -layout -f 1 -l 1 '%s' - 2>/dev/null | grep 'Section %d '", saved, s);
        long number = 0;
        const char *end = bbox + strlen(bbox);
        while (end > bbox && (end[-1] == '\n' || end[-1] == ' '))
            end--;
        const char *digits = end;
        while (digits > bbox && digits[-1] >= '0' && digits[-1] <= '9')
            digits--;
        number = strtol(digits, NULL, 10);
        assert_int_equal(number, found);
        free(bbox);
    }
    free(first);
    o.language = "ko";
    path = render_file("pdf-contents-ko", md.data, &o);
    first = page_text(path, 1);
    assert_non_null(strstr(first, "목차"));
    assert_non_null(strstr(first, "페이지 1 /"));
    free(first);
    lr_buf_free(&md);
}

static int write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t n = fwrite(data, 1, len, f);
    return fclose(f) == 0 && n == len ? 0 : -1;
}

/* A chart of the run as vector graphics, a PNG as an image, the unreadable as alt text. */
static void test_images(void **state)
{
    (void)state;
    static const char *const series[] = {"GPT-4", "PaLM 2-L", "LLaMA 65B"};
    static const char *const groups[] = {"MMLU", "HellaSwag"};
    static const lr_chart_cell cells[] = {
        {1, 86.4, -1, LR_MARK_NONE}, {1, 95.3, -1, LR_MARK_NONE},
        {1, 78.3, -1, LR_MARK_NONE}, {1, 86.8, -1, LR_MARK_OTHER_SETTING},
        {1, 63.9, -1, LR_MARK_NONE}, {1, 84.2, -1, LR_MARK_NONE}};
    lr_chart chart;
    memset(&chart, 0, sizeof chart);
    chart.type = LR_CHART_BARS;
    chart.id = "overview";
    chart.title = "Overview chart";
    chart.setting = "5-shot · acc";
    chart.value_label = "accuracy (%)";
    chart.n_series = 3;
    chart.series = series;
    chart.n_groups = 2;
    chart.groups = groups;
    chart.cells = cells;
    chart.bounded = 1;
    chart.baseline = -1;
    chart.higher_is_better = 1;

    char dir[4096];
    snprintf(dir, sizeof dir, "%s", temp_dir("pdf-images"));
    char png[4200];
    snprintf(png, sizeof png, "%s/picture.png", dir);
    lr_buf pngdata = LR_BUF_INIT;
    lr_error err;
    assert_int_equal(lr_chart_render_png(&chart, fonts, lr_buf_write, &pngdata, &err), LR_OK);
    assert_int_equal(write_file(png, pngdata.data, pngdata.len), 0);
    /* a file that starts like a PNG and then is not one */
    snprintf(png, sizeof png, "%s/broken.png", dir);
    lr_buf broken = LR_BUF_INIT;
    lr_buf_append(&broken, pngdata.data, 33);
    lr_buf_puts(&broken, "this is not image data at all, just text in a PNG costume");
    assert_int_equal(write_file(png, broken.data, broken.len), 0);
    lr_buf_free(&broken);
    lr_buf_free(&pngdata);

    const char *md =
        "# Images\n\n![The overview](charts/overview.svg)\n\n"
        "![A picture](picture.png)\n\n![Broken alt text](broken.png)\n\n"
        "![Missing alt text](nowhere.png)\n\n![Remote alt text](https://x.org/a.png)\n";
    lr_pdf_image images[] = {{"charts/overview.svg", &chart}};
    lr_pdf_options o = options();
    o.base_dir = dir;
    o.images = images;
    o.n_images = 1;
    char path[4200];
    snprintf(path, sizeof path, "%s/images.pdf", dir);
    lr_buf b = render(md, &o);
    save(path, &b);
    lr_buf_free(&b);
    assert_qpdf_ok(path);
    char *text = text_of(path);
    /* the chart's own text is real text in the PDF: vector graphics, not a picture */
    assert_non_null(strstr(text, "Overview chart"));
    assert_non_null(strstr(text, "HellaSwag"));
    assert_non_null(strstr(text, "Broken alt text"));
    assert_non_null(strstr(text, "Missing alt text"));
    assert_non_null(strstr(text, "Remote alt text"));
    assert_null(strstr(text, "A picture"));
    free(text);
    char *list = run("pdfimages -list '%s' 2>/dev/null | tail -n +3 | wc -l", path);
    assert_int_equal(strtol(list, NULL, 10), 1);
    free(list);
    assert_words_within(path, LR_PDF_MARGIN_X, 595.276 - LR_PDF_MARGIN_X);
}

/* The report of the samples, built through the public API, typeset. */
static void test_sample_report(void **state)
{
    (void)state;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", temp_dir("pdf-sample"));
    lr_report *r = lr_report_new();
    assert_non_null(r);
    lr_report_set_datadir(r, LR_SOURCE_DIR);
    lr_error err;
    assert_int_equal(lr_report_add_input(r, source_path("samples"), &err), LR_OK);
    lr_build_options bo = {dir, LR_OUT_MD, NULL, 0};
    assert_int_equal(lr_report_build(r, &bo, &err), LR_OK);
    lr_report_free(r);
    char mdpath[4200];
    snprintf(mdpath, sizeof mdpath, "%s/report.md", dir);
    size_t len;
    char *md = read_text(mdpath, &len);
    assert_non_null(md);
    lr_pdf_options o = options();
    o.base_dir = dir;
    o.date = "2026-11-28";
    char path[4200];
    snprintf(path, sizeof path, "%s/report.pdf", dir);
    lr_buf b = render(md, &o);
    save(path, &b);
    lr_buf_free(&b);
    assert_qpdf_ok(path);
    assert_fonts_embedded(path);
    char *text = text_of(path);
    assert_non_null(strstr(text, "86.4"));
    assert_non_null(strstr(text, "GPT-4"));
    free(text);
    assert_words_within(path, LR_PDF_MARGIN_X, 595.276 - LR_PDF_MARGIN_X);
    size_t predicted = 0;
    assert_int_equal(lr_pdf_count_pages(md, len, &o, &predicted, &err), LR_OK);
    assert_int_equal(pages_of(path), (long)predicted);
    free(md);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),         cmocka_unit_test(test_long_table),
        cmocka_unit_test(test_wide_table),    cmocka_unit_test(test_long_word),
        cmocka_unit_test(test_empty),         cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_missing_font),  cmocka_unit_test(test_options),
        cmocka_unit_test(test_contents),      cmocka_unit_test(test_images),
        cmocka_unit_test(test_sample_report),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

/* Tests of the PDF layout from its own boxes, not from pixels: the layout's record
 * (lr_pdf_options.layout_record: text runs with their face and slant, rules, headings,
 * paragraph and cell lines, table rows) is checked for what a typeset paper never shows — a
 * rule under every row, a heading left at the bottom of a page, two precisions in one column,
 * a note marker alone on a line, slanted Hangul. Each check runs on small documents written for
 * it, on a record spoiled on purpose (so that the check is seen to fail), and on the English
 * and Korean sample reports. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas/fonts.h"
#include "core/buf.h"
#include "llmreport.h"
#include "pdf/pdf.h"
#include "report/report.h"
#include "testutil.h"
#include "view/charts.h"
#include "view/overview.h"

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

/* ---- The record ---------------------------------------------------------------------------- */

/* One line of the record: "KIND PAGE ...", for lines of text "KIND PAGE X TOP W TAG |TEXT". */
typedef struct entry {
    char kind[16];
    long page;
    double v[4]; /* the numbers after the page */
    char tag[48];
    const char *text; /* after '|', or the rest of the line */
    size_t text_len;
} entry;

typedef struct record {
    char *data;
    entry *e;
    size_t n;
} record;

static void record_parse(record *r, const char *text)
{
    memset(r, 0, sizeof *r);
    size_t len = strlen(text);
    r->data = malloc(len + 1);
    assert_non_null(r->data);
    memcpy(r->data, text, len + 1);
    size_t cap = 0;
    for (char *line = r->data; *line;) {
        char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        if (r->n == cap) {
            cap = cap ? cap * 2 : 256;
            r->e = realloc(r->e, cap * sizeof *r->e);
            assert_non_null(r->e);
        }
        entry *e = &r->e[r->n++];
        memset(e, 0, sizeof *e);
        int used = 0;
        assert_true(sscanf(line, "%15s %ld%n", e->kind, &e->page, &used) == 2);
        const char *p = line + used;
        const char *bar = memchr(line, '|', n);
        if (!strcmp(e->kind, "text")) { /* text PAGE X Y FACE SLANTED SIZE TEXT */
            int slant = 0, used2 = 0;
            assert_true(sscanf(p, "%lf %lf %47s %d %lf %n", &e->v[0], &e->v[1], e->tag, &slant,
                               &e->v[3], &used2) == 5);
            e->v[2] = slant;
            e->text = p + used2;
            e->text_len = (size_t)(line + n - e->text);
        } else if (bar) {
            int used2 = 0;
            assert_true(sscanf(p, "%lf %lf %lf %47s %n", &e->v[0], &e->v[1], &e->v[2], e->tag,
                               &used2) == 4);
            e->text = bar + 1;
            e->text_len = (size_t)(line + n - e->text);
        } else {
            for (int k = 0; k < 4; k++) {
                int u = 0;
                if (sscanf(p, "%lf%n", &e->v[k], &u) != 1)
                    break;
                p += u;
            }
            while (*p == ' ')
                p++;
            e->text = p;
            e->text_len = (size_t)(line + n - p);
        }
        line += n + (end ? 1 : 0);
    }
}

static void record_free(record *r)
{
    free(r->data);
    free(r->e);
}

static int is(const entry *e, const char *kind)
{
    return !strcmp(e->kind, kind);
}

/* ---- The checks: each returns the number of problems and names them on stderr ------------- */

/* A rule drawn along the bottom of a body row that has a body row under it on the same page. */
static int rules_under_rows(const record *r)
{
    int problems = 0;
    for (size_t i = 0; i < r->n; i++) {
        const entry *row = &r->e[i];
        if (!is(row, "row") || strncmp(row->text, "body", 4))
            continue;
        size_t j = i + 1;
        while (j < r->n && !is(&r->e[j], "row") && !is(&r->e[j], "table-end"))
            j++;
        if (j == r->n || !is(&r->e[j], "row") || r->e[j].page != row->page ||
            strncmp(r->e[j].text, "body", 4))
            continue;
        double bottom = row->v[0] + row->v[1];
        for (size_t k = i + 1; k <= j; k++)
            if (is(&r->e[k], "line") && fabs(r->e[k].v[1] - bottom) < 1.0 &&
                fabs(r->e[k].v[3] - r->e[k].v[1]) < 0.01) {
                fprintf(stderr, "p. %ld: a rule under the row at %.2f\n", row->page, row->v[0]);
                problems++;
                break;
            }
    }
    return problems;
}

/* The block after a heading: its first lines (two, or a table's header and two rows) are on the
 * heading's page. */
static int orphaned_headings(const record *r)
{
    int problems = 0;
    for (size_t i = 0; i < r->n; i++) {
        if (!is(&r->e[i], "heading"))
            continue;
        size_t j = i + 1;
        while (j < r->n && (is(&r->e[j], "text") || is(&r->e[j], "line")))
            j++;
        const entry *h = &r->e[i];
        if (j < r->n && is(&r->e[j], "heading")) {
            /* the next line of this heading, or a heading under it: checked then */
            if (r->e[j].page != h->page) {
                fprintf(stderr, "p. %ld: heading \"%.*s\" without what follows it\n", h->page,
                        (int)h->text_len, h->text);
                problems++;
            }
            continue;
        }
        long page = h->page;
        int need = 2, seen = 0, table = 0;
        for (; j < r->n && seen < need; j++) {
            const entry *e = &r->e[j];
            if (is(e, "text") || is(e, "line") || is(e, "rule") || is(e, "page"))
                continue;
            if (seen && (is(e, "heading") || is(e, "table") || (!table && is(e, "para"))))
                break; /* a paragraph (its lines kept together), then the next block */
            if (is(e, "table")) {
                table = 1;
                need = e->v[2] > 2 ? 3 : (int)e->v[2]; /* the header and two rows */
                continue;
            }
            if (table && !is(e, "row"))
                continue;
            if (!table && !is(e, "para") && !is(e, "caption") && !is(e, "image") &&
                !is(e, "code") && !is(e, "toc") && !is(e, "note"))
                continue;
            if (e->page != page) {
                fprintf(stderr, "p. %ld: heading \"%.*s\" without what follows it\n", page,
                        (int)h->text_len, h->text);
                problems++;
                break;
            }
            seen++;
            if (is(e, "image"))
                break;
        }
        if (j == r->n && seen == 0) {
            fprintf(stderr, "p. %ld: heading \"%.*s\" ends the document\n", page, (int)h->text_len,
                    h->text);
            problems++;
        }
    }
    return problems;
}

/* The number a cell opens with, when the cell is a number (followed by nothing, a space, a
 * marker or a superscript): its count of decimals; -1 when the cell is not a number. A number
 * followed by a word is one on a scale of its own ("298 exam score"), a kind apart: unit (may be
 * NULL) says so. */
static int decimals_unit(const char *s, size_t n, int *unit)
{
    size_t i = 0;
    if (i < n && s[i] == '-')
        i++;
    size_t digits = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++, digits++;
    if (!digits)
        return -1;
    int dec = 0;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++, dec++;
        if (!dec)
            return -1;
    }
    if (i < n && s[i] != ' ' && s[i] != '^' && (unsigned char)s[i] < 0x80)
        return -1;
    if (unit)
        *unit = i + 1 < n && s[i] == ' ' &&
                ((s[i + 1] >= 'a' && s[i + 1] <= 'z') || (s[i + 1] >= 'A' && s[i + 1] <= 'Z'));
    return dec;
}

/* Two precisions among the numbers of one column of one table (of one kind: percentages, or
 * numbers with their unit). */
static int mixed_precision(const record *r)
{
    int problems = 0;
    for (size_t i = 0; i < r->n; i++) {
        if (!is(&r->e[i], "table"))
            continue;
        size_t cols = (size_t)r->e[i].v[3];
        int seen[64][2][8];
        memset(seen, 0, sizeof seen);
        size_t j = i + 1;
        for (; j < r->n && !is(&r->e[j], "table-end"); j++) {
            const entry *e = &r->e[j];
            size_t row, col;
            char kind[16];
            if (!is(e, "cell") || sscanf(e->tag, "%zu,%zu,%15s", &row, &col, kind) != 3 ||
                strcmp(kind, "body") || col >= 64 || col >= cols)
                continue;
            int unit = 0, d = decimals_unit(e->text, e->text_len, &unit);
            if (d >= 0)
                seen[col][unit][d > 7 ? 7 : d] = 1;
        }
        for (size_t k = 0; k < cols && k < 64; k++)
            for (int u = 0; u < 2; u++) {
                int kinds = 0;
                for (int d = 0; d < 8; d++)
                    kinds += seen[k][u][d];
                if (kinds > 1) {
                    fprintf(stderr, "p. %ld: table at %.2f, column %zu: %d precisions\n",
                            r->e[i].page, r->e[i].v[1], k + 1, kinds);
                    problems++;
                }
            }
        i = j;
    }
    return problems;
}

/* A line of text that holds nothing but note markers (†, ‡, ≈, *, footnote numbers). */
static int lonely_markers(const record *r)
{
    static const char *const markers[] = {
        "\xe2\x80\xa0", "\xe2\x80\xa1", "\xe2\x89\x88", "*", " ", NULL};
    int problems = 0;
    for (size_t i = 0; i < r->n; i++) {
        const entry *e = &r->e[i];
        if (!is(e, "cell") && !is(e, "para") && !is(e, "note") && !is(e, "caption"))
            continue;
        const char *s = e->text, *end = e->text + e->text_len;
        int any = 0, other = 0;
        while (s < end && !other) {
            if (!strncmp(s, "^{", 2)) {
                const char *close = memchr(s, '}', (size_t)(end - s));
                if (!close)
                    break;
                s = close + 1;
                any = 1;
                continue;
            }
            int hit = 0;
            for (size_t m = 0; markers[m] && !hit; m++) {
                size_t n = strlen(markers[m]);
                if ((size_t)(end - s) >= n && !memcmp(s, markers[m], n)) {
                    s += n;
                    hit = 1;
                    any |= m < 4;
                }
            }
            other = !hit;
        }
        if (any && !other) {
            fprintf(stderr, "p. %ld: a marker alone on a line: \"%.*s\"\n", e->page,
                    (int)e->text_len, e->text);
            problems++;
        }
    }
    return problems;
}

/* A table's note on another page than the table's last rows, or a short table (the header and
 * up to seven rows) broken across pages. */
static int notes_apart(const record *r)
{
    int problems = 0;
    for (size_t i = 0; i < r->n; i++) {
        if (!is(&r->e[i], "table"))
            continue;
        long first = -1, last = -1;
        size_t j = i + 1, rows = 0;
        for (; j < r->n && !is(&r->e[j], "table-end"); j++)
            if (is(&r->e[j], "row")) {
                last = r->e[j].page;
                first = first < 0 ? last : first;
                rows++;
            }
        if (rows && rows <= 8 && first != last) {
            fprintf(stderr, "p. %ld: a table of %zu rows broken across pages\n", first, rows);
            problems++;
        }
        size_t k = j + 1;
        while (k < r->n && (is(&r->e[k], "text") || is(&r->e[k], "line") || is(&r->e[k], "rule") ||
                            is(&r->e[k], "page")))
            k++;
        if (k < r->n && is(&r->e[k], "note") && r->e[k].page != last) {
            fprintf(stderr, "p. %ld: the note of the table on p. %ld: \"%.*s\"\n", r->e[k].page,
                    last, (int)(r->e[k].text_len > 40 ? 40 : r->e[k].text_len), r->e[k].text);
            problems++;
        }
        i = j;
    }
    return problems;
}

/* A column of a table that continues on the next page at another x: the header lines repeated
 * there, and the lines of a left-aligned body column (one whose lines start at one x on the
 * table's first page, the x of its header), start where they do on the first page. */
static int columns_moved(const record *r)
{
    int problems = 0;
    for (size_t i = 0; i < r->n; i++) {
        if (!is(&r->e[i], "table"))
            continue;
        double head[64][4], body[64];
        size_t n_head[64];
        int one[64];
        for (int k = 0; k < 64; k++)
            n_head[k] = 0, body[k] = -1, one[k] = 1;
        long first = -1;
        size_t j = i + 1;
        for (int pass = 0; pass < 2; pass++)
            for (j = i + 1; j < r->n && !is(&r->e[j], "table-end"); j++) {
                const entry *e = &r->e[j];
                size_t row, col;
                char kind[16];
                if (!is(e, "cell") || sscanf(e->tag, "%zu,%zu,%15s", &row, &col, kind) != 3 ||
                    col >= 64)
                    continue;
                if (first < 0)
                    first = e->page;
                int header = !strcmp(kind, "header");
                if (pass == 0 && e->page == first) { /* the first page's positions */
                    if (header && n_head[col] < 4)
                        head[col][n_head[col]++] = e->v[0];
                    else if (!header && body[col] < 0)
                        body[col] = e->v[0];
                    else if (!header && fabs(body[col] - e->v[0]) > 0.01)
                        one[col] = 0;
                    continue;
                }
                if (pass == 0 || e->page == first)
                    continue;
                one[col] &= n_head[col] > 0 && fabs(head[col][0] - body[col]) <= 0.01;
                int found = !header;
                for (size_t k = 0; header && k < n_head[col]; k++)
                    found |= fabs(head[col][k] - e->v[0]) <= 0.01;
                if (!found ||
                    (!header && one[col] && body[col] >= 0 && fabs(body[col] - e->v[0]) > 0.01)) {
                    fprintf(stderr, "p. %ld: column %zu of a continued table at %.2f\n", e->page,
                            col + 1, e->v[0]);
                    problems++;
                }
            }
        i = j;
    }
    return problems;
}

/* A run of text in the Hangul face drawn slanted. */
static int slanted_hangul(const record *r)
{
    int problems = 0;
    for (size_t i = 0; i < r->n; i++) {
        const entry *e = &r->e[i];
        if (is(e, "text") && !strncmp(e->tag, "hangul", 6) && e->v[2] != 0) {
            fprintf(stderr, "p. %ld: slanted Hangul \"%.*s\"\n", e->page, (int)e->text_len,
                    e->text);
            problems++;
        }
    }
    return problems;
}

static size_t count(const record *r, const char *kind)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n; i++)
        n += is(&r->e[i], kind);
    return n;
}

/* ---- Rendering ----------------------------------------------------------------------------- */

static void render_record_to(const char *md, const char *language, const lr_pdf_image *images,
                             size_t n_images, record *out, const char *save);

static void render_record(const char *md, const char *language, const lr_pdf_image *images,
                          size_t n_images, record *out)
{
    render_record_to(md, language, images, n_images, out, NULL);
}

/* As render_record; save (may be NULL) gets the record, for a reader to look at. */
static void render_record_to(const char *md, const char *language, const lr_pdf_image *images,
                             size_t n_images, record *out, const char *save)
{
    lr_pdf_options o;
    memset(&o, 0, sizeof o);
    o.fonts = fonts;
    o.language = language;
    o.images = images;
    o.n_images = n_images;
    lr_buf rec = LR_BUF_INIT, pdf = LR_BUF_INIT;
    o.layout_record = &rec;
    lr_error err;
    assert_int_equal(lr_pdf_render(md, strlen(md), &o, lr_buf_write, &pdf, &err), LR_OK);
    assert_false(lr_buf_failed(&rec));
    lr_buf_puts(&rec, "");
    if (save) {
        FILE *f = fopen(save, "wb");
        assert_non_null(f);
        fputs(rec.data, f);
        fclose(f);
    }
    record_parse(out, rec.data);
    lr_buf_free(&rec);
    lr_buf_free(&pdf);
}

/* Filler paragraphs: n of them, each some lines long. */
static void filler(lr_buf *md, int n)
{
    for (int i = 0; i < n; i++)
        lr_buf_puts(md, "Results are compared only where they were measured the same way; "
                        "the others are shown for reference and marked, with a note on how "
                        "and where each was measured, and never ranked or averaged.\n\n");
}

static void table(lr_buf *md, int rows, const char *caption)
{
    if (caption)
        lr_buf_printf(md, "**%s** Scores of the models at one setting.\n\n", caption);
    lr_buf_puts(md, "| Model | Score | Setting |\n|---|--:|---|\n");
    for (int i = 0; i < rows; i++)
        lr_buf_printf(md, "| model-%d | %d.%d | 5-shot · acc |\n", i, 40 + i, i % 10);
}

/* ---- Tests --------------------------------------------------------------------------------- */

/* Booktabs: the rows of a table have no rule between them, and a group header row spans the
 * table with a rule of its own; the check finds rules added under every row. */
static void test_rules(void **state)
{
    (void)state;
    lr_buf md = LR_BUF_INIT;
    lr_buf_puts(&md, "# Rules\n\n");
    table(&md, 6, "Table 1.");
    lr_buf_puts(&md, "| **0-shot** | | |\n| model-x | 12.5 | 0-shot · acc |\n"
                     "| model-y | 13.5 | 0-shot · acc |\n\n*Note.* Scores in percent.\n");
    record r;
    render_record(md.data, NULL, NULL, 0, &r);
    assert_int_equal(rules_under_rows(&r), 0);
    /* top, mid, group, bottom: four rules in the table */
    size_t rules = 0, groups = 0, lines = 0, caption = 0, note = 0;
    int inside = 0;
    for (size_t i = 0; i < r.n; i++) {
        const entry *e = &r.e[i];
        if (is(e, "table"))
            inside = 1;
        if (is(e, "table-end"))
            inside = 0;
        lines += inside && is(e, "line");
        rules += is(e, "rule");
        groups += is(e, "row") && !strncmp(e->text, "group", 5);
        caption += is(e, "caption");
        note += is(e, "note");
    }
    assert_int_equal(rules, 4);
    assert_int_equal(lines, 4);
    assert_int_equal(groups, 1);
    assert_int_equal(caption, 1);
    assert_int_equal(note, 1);
    /* the caption above the table, the note right under it, smaller than the text */
    size_t cap = 0, tab = 0, end = 0, nt = 0;
    for (size_t i = 0; i < r.n; i++) {
        if (is(&r.e[i], "caption") && !cap)
            cap = i;
        if (is(&r.e[i], "table"))
            tab = i;
        if (is(&r.e[i], "table-end"))
            end = i;
        if (is(&r.e[i], "note") && !nt)
            nt = i;
    }
    assert_true(cap < tab && end < nt);
    assert_true(r.e[nt].v[1] - r.e[end].v[0] < 6);
    int small = 0;
    for (size_t i = nt; i < r.n; i++)
        if (is(&r.e[i], "text") && r.e[i].v[3] < 8)
            small = 1;
    assert_true(small);
    /* a rule under every row is found */
    lr_buf spoiled = LR_BUF_INIT;
    for (size_t i = 0; i < r.n; i++) {
        const entry *e = &r.e[i];
        if (is(e, "row") && !strncmp(e->text, "body", 4))
            lr_buf_printf(&spoiled,
                          "row %ld %.2f %.2f 0 body\nline %ld 60.00 %.2f 535.28 %.2f 0.30\n",
                          e->page, e->v[0], e->v[1], e->page, e->v[0] + e->v[1], e->v[0] + e->v[1]);
        else if (is(e, "table-end"))
            lr_buf_printf(&spoiled, "table-end %ld %.2f\n", e->page, e->v[0]);
    }
    lr_buf_puts(&spoiled, "");
    record bad;
    record_parse(&bad, spoiled.data);
    assert_true(rules_under_rows(&bad) >= 5);
    record_free(&bad);
    lr_buf_free(&spoiled);
    record_free(&r);
    /* a note followed by the next table's caption is still its own table's note, not a
     * paragraph leading into the next table */
    lr_buf_puts(&md, "\n");
    table(&md, 3, "Table 2.");
    lr_buf_puts(&md, "\n*Note.* The second table's note.\n");
    render_record(md.data, NULL, NULL, 0, &r);
    note = 0;
    for (size_t i = 0; i < r.n; i++)
        note += is(&r.e[i], "note");
    assert_int_equal(note, 2);
    record_free(&r);
    lr_buf_free(&md);
}

/* A heading that would end a page moves to the next one with its table's header and two rows,
 * or its paragraph's first lines, whatever comes between (a caption, a short lead paragraph). */
static void test_orphaned_headings(void **state)
{
    (void)state;
    for (int fill = 8; fill <= 16; fill++) {
        lr_buf md = LR_BUF_INIT;
        lr_buf_puts(&md, "# Headings\n\n");
        filler(&md, fill);
        lr_buf_puts(&md, "## A table\n\nThe scores of the models.\n\n");
        table(&md, 12, "Table 2.");
        filler(&md, fill / 2);
        lr_buf_puts(&md, "### A paragraph\n\n");
        filler(&md, 2);
        lr_buf_puts(&md, "## Another table\n\n");
        table(&md, 3, NULL);
        record r;
        render_record(md.data, NULL, NULL, 0, &r);
        assert_int_equal(orphaned_headings(&r), 0);
        assert_int_equal(count(&r, "heading"), 4);
        record_free(&r);
        lr_buf_free(&md);
    }
    record bad;
    record_parse(&bad, "page 1\nheading 1 60.00 700.00 100.00 2 |Results\npage 2\n"
                       "para 2 60.00 58.00 300.00 0 |Text\n");
    assert_int_equal(orphaned_headings(&bad), 1);
    record_free(&bad);
    record_parse(&bad, "page 1\nheading 1 60.00 700.00 100.00 2 |Results\ntable 1 60.00 720.00 "
                       "5 3\nrow 1 720.00 12.00 0 header\nrow 1 732.00 12.00 1 body\npage 2\n"
                       "row 2 58.00 12.00 2 body\n");
    assert_int_equal(orphaned_headings(&bad), 1);
    record_free(&bad);
}

/* A note stays under its table's last rows, and a short table stays whole with its note, at
 * every place the page can end; the check finds a note moved apart and a short table broken. */
static void test_notes_kept(void **state)
{
    (void)state;
    for (int fill = 8; fill <= 22; fill++)
        for (int rows = 2; rows <= 30; rows += 7) {
            lr_buf md = LR_BUF_INIT;
            lr_buf_puts(&md, "# Notes\n\n");
            filler(&md, fill);
            table(&md, rows, "Table 1.");
            lr_buf_puts(&md, "\n*Note.* Sources: a: a paper; b: a leaderboard. The scores are "
                             "percentages; the setting is the same for every row of the table, "
                             "so it is said once, here.\n\n");
            filler(&md, 2);
            record r;
            render_record(md.data, NULL, NULL, 0, &r);
            assert_int_equal(notes_apart(&r), 0);
            assert_int_equal(count(&r, "table"), 1);
            record_free(&r);
            lr_buf_free(&md);
        }
    record bad;
    record_parse(&bad, "page 1\ntable 1 60.00 700.00 12 3\nrow 1 700.00 12.00 0 header\n"
                       "row 1 712.00 12.00 1 body\ntable-end 1 724.00\npage 2\n"
                       "note 2 60.00 58.00 300.00 0 |Note. Sources\n");
    assert_int_equal(notes_apart(&bad), 1); /* its note apart */
    record_free(&bad);
    record_parse(&bad, "page 1\ntable 1 60.00 700.00 3 3\nrow 1 700.00 12.00 0 header\n"
                       "row 1 712.00 12.00 1 body\npage 2\nrow 2 58.00 12.00 0 header\n"
                       "row 2 70.00 12.00 2 body\ntable-end 2 82.00\n"
                       "note 2 60.00 88.00 300.00 0 |Note. Sources\n");
    assert_int_equal(notes_apart(&bad), 1); /* a short table broken */
    record_free(&bad);
    record_parse(&bad, "page 1\ntable 1 60.00 700.00 3 3\nrow 1 700.00 12.00 0 header\n"
                       "row 1 712.00 12.00 1 body\ntable-end 1 724.00\n"
                       "note 1 60.00 730.00 300.00 0 |Note. Sources\n");
    assert_int_equal(notes_apart(&bad), 0);
    record_free(&bad);
}

/* A table that continues on the next pages keeps its columns where they are on its first page,
 * whatever the widths its rows there would take; the check finds a column moved. */
static void test_continued_columns(void **state)
{
    (void)state;
    lr_buf md = LR_BUF_INIT;
    lr_buf_puts(&md, "# Columns\n\n");
    filler(&md, 6);
    lr_buf_puts(&md, "| Model | Score | Setting |\n|---|--:|---|\n");
    for (int i = 0; i < 120; i++) /* the later rows are wider than the first page's */
        lr_buf_printf(&md, "| model-%d%s | %d.%d | 5-shot · acc%s |\n", i,
                      i > 60 ? "-with-a-much-longer-name" : "", 40 + i % 50, i % 10,
                      i > 60 ? " · a much longer setting than above" : "");
    record r;
    render_record(md.data, NULL, NULL, 0, &r);
    assert_true(count(&r, "page") >= 3);
    assert_int_equal(columns_moved(&r), 0);
    record_free(&r);
    lr_buf_free(&md);
    record bad;
    record_parse(&bad, "page 1\ntable 1 60.00 700.00 12 2\nrow 1 700.00 12.00 0 header\n"
                       "cell 1 64.00 701.00 30.00 0,0,header |Model\n"
                       "cell 1 200.00 701.00 30.00 0,1,header |Score\n"
                       "cell 1 64.00 713.00 30.00 1,0,body |a\npage 2\n"
                       "cell 2 64.00 59.00 30.00 0,0,header |Model\n"
                       "cell 2 210.00 59.00 30.00 0,1,header |Score\n"
                       "cell 2 70.00 71.00 30.00 2,0,body |b\ntable-end 2 82.00\n");
    assert_int_equal(columns_moved(&bad), 2);
    record_free(&bad);
}

/* One precision per column: the check finds 64.51 under 63.5. */
static void test_precision(void **state)
{
    (void)state;
    record r;
    render_record("| Model | A | B |\n|---|--:|--:|\n| x | 64.51 | 1.5 \xe2\x80\xa0[^1] |\n"
                  "| y | 63.5 | 2.5 |\n| z | \xe2\x80\x93 | **3.5** |\n\n[^1]: A note.\n",
                  NULL, NULL, 0, &r);
    assert_int_equal(mixed_precision(&r), 1);
    record_free(&r);
    render_record("| Model | A |\n|---|--:|\n| x | 64.5 |\n| y | 63.5 \xe2\x80\xa1 |\n", NULL, NULL,
                  0, &r);
    assert_int_equal(mixed_precision(&r), 0);
    record_free(&r);
    /* an exam score with its unit is a kind apart from the percentages of its column; 298.0
     * where the source wrote 298, or 298 without its unit, is found */
    render_record("| Exam | A |\n|---|--:|\n| x | 75.0 |\n| y | 298 exam score |\n"
                  "| z | 4 exam score |\n",
                  NULL, NULL, 0, &r);
    assert_int_equal(mixed_precision(&r), 0);
    record_free(&r);
    render_record("| Exam | A |\n|---|--:|\n| x | 75.0 |\n| y | 298 |\n", NULL, NULL, 0, &r);
    assert_int_equal(mixed_precision(&r), 1);
    record_free(&r);
    render_record("| Exam | A |\n|---|--:|\n| x | 75.0 |\n| y | 298.0 exam score |\n"
                  "| z | 4 exam score |\n",
                  NULL, NULL, 0, &r);
    assert_int_equal(mixed_precision(&r), 1);
    record_free(&r);
}

/* Decimals line up: in a right-aligned column, markers and footnote numbers sit after the
 * number, so that the numbers' decimal points are at one x. */
static void test_decimals_aligned(void **state)
{
    (void)state;
    record r;
    render_record("| Model | Score |\n|---|--:|\n| a | 96.3 \xe2\x80\xa0[^1] |\n| b | 63.5 |\n"
                  "| c | **85.3**[^2] |\n| d | 7.25 \xc2\xb1 0.5 |\n\n[^1]: One.\n[^2]: Two.\n",
                  NULL, NULL, 0, &r);
    double point[4];
    int n = 0;
    for (size_t i = 0; i < r.n && n < 4; i++) {
        const entry *e = &r.e[i];
        if (!is(e, "text") || !strchr("9678", e->text[0]) || e->text_len < 3)
            continue;
        const char *dot = memchr(e->text, '.', e->text_len);
        if (!dot)
            continue;
        double w = lr_fonts_text_width(
            fonts, strcmp(e->tag, "sans-bold") ? LR_FONT_REGULAR : LR_FONT_BOLD, e->v[3], "0");
        point[n++] = e->v[0] + w * (double)(dot - e->text); /* digits are of one width */
    }
    assert_int_equal(n, 4);
    for (int k = 1; k < 4; k++)
        assert_true(fabs(point[k] - point[0]) < 0.6);
    record_free(&r);
}

/* Breaking: a marker never alone on a line, an identifier never broken after '-' or '_'. */
static void test_breaking(void **state)
{
    (void)state;
    lr_buf md = LR_BUF_INIT;
    lr_buf_puts(&md, "| Rank | Model | Value | Setting | Source | Source | Source |\n"
                     "|--:|---|--:|---|---|---|---|\n");
    for (int i = 0; i < 6; i++)
        lr_buf_printf(&md,
                      "| %d | tiiuae/falcon-40b-instruct | 4%d.0 | shots not stated · "
                      "pass@100 \xe2\x80\xa1 | trust_remote_code=True, a long source name | "
                      "CodeT5+: Open Code Large Language Models for Code | arXiv:2305.07922, "
                      "Table 2, 2023-05-20 |\n",
                      i + 1, i);
    record r;
    render_record(md.data, NULL, NULL, 0, &r);
    assert_int_equal(lonely_markers(&r), 0);
    for (size_t i = 0; i < r.n; i++) {
        const entry *e = &r.e[i];
        if (!is(e, "cell") || !e->text_len)
            continue;
        char last = e->text[e->text_len - 1];
        if (last == '-' || last == '_')
            fprintf(stderr, "broken after '%c': %.*s\n", last, (int)e->text_len, e->text);
        assert_true(last != '-' && last != '_');
    }
    record_free(&r);
    lr_buf_free(&md);
    record bad;
    record_parse(&bad, "cell 1 300.00 100.00 5.00 1,3,body |\xe2\x80\xa1\n"
                       "cell 1 300.00 110.00 5.00 2,3,body |^{12}\n"
                       "para 1 60.00 120.00 5.00 0 |\xe2\x80\xa0 ^{3}\n"
                       "cell 1 300.00 130.00 5.00 3,3,body |pass@100 \xe2\x80\xa1\n");
    assert_int_equal(lonely_markers(&bad), 3);
    record_free(&bad);
}

/* Korean has no italic: emphasis and the subtitle in Hangul are upright, Latin emphasis next to
 * it is slanted. */
static void test_no_slanted_hangul(void **state)
{
    (void)state;
    record r;
    render_record("# 보고서\n\n*평가 결과 비교 보고서*\n\n본문에 *강조된 한국어*와 *emphasis*가 "
                  "있습니다.\n",
                  "ko", NULL, 0, &r);
    assert_int_equal(slanted_hangul(&r), 0);
    int latin_slanted = 0, hangul = 0;
    for (size_t i = 0; i < r.n; i++) {
        const entry *e = &r.e[i];
        latin_slanted |= is(e, "text") && !strncmp(e->tag, "sans", 4) && e->v[2] != 0;
        hangul |= is(e, "text") && !strncmp(e->tag, "hangul", 6);
    }
    assert_true(latin_slanted);
    assert_true(hangul);
    record_free(&r);
    record_parse(&r, "text 1 60.00 100.00 hangul 1 12.50 평가\n");
    assert_int_equal(slanted_hangul(&r), 1);
    record_free(&r);
}

static void quiet(void *user, lr_severity sev, const lr_error *e)
{
    (void)user, (void)sev, (void)e;
}

/* The sample report as the tool typesets it (with its charts), checked whole. */
static void check_sample(const char *config, const char *name)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", temp_dir(name));
    lr_error err;
    lr_report *r = lr_report_new();
    assert_non_null(r);
    lr_report_set_diag(r, quiet, NULL);
    lr_report_set_datadir(r, LR_SOURCE_DIR);
    if (config)
        assert_int_equal(lr_report_load_config(r, source_path(config), &err), LR_OK);
    /* relative, as a user gives it: the report prints paths as given */
    assert_int_equal(lr_report_add_input(r, "samples", &err), LR_OK);
    /* with the charts, so that the Markdown shows them */
    lr_build_options bo = {dir, LR_OUT_MD | LR_OUT_SVG, NULL, 0};
    assert_int_equal(lr_report_build(r, &bo, &err), LR_OK);
    lr_overview ov;
    lr_chart_set charts;
    assert_int_equal(lr_overview_build(r->store, &r->config, &ov), LR_OK);
    assert_int_equal(lr_charts_build(r->store, &r->config, &ov, NULL, NULL, 0, &charts), LR_OK);
    lr_pdf_image *images = calloc(charts.n ? charts.n : 1, sizeof *images);
    assert_non_null(images);
    for (size_t i = 0; i < charts.n; i++) {
        images[i].url = charts.links[i].file;
        images[i].chart = &charts.charts[i];
    }
    char mdpath[4200];
    snprintf(mdpath, sizeof mdpath, "%s/report.md", dir);
    size_t len;
    char *md = read_text(mdpath, &len);
    assert_non_null(md);
    record rec;
    char save[4200];
    snprintf(save, sizeof save, "%s/layout.txt", dir);
    render_record_to(md, r->config.language, images, charts.n, &rec, save);
    int rules = rules_under_rows(&rec), orphans = orphaned_headings(&rec),
        markers = lonely_markers(&rec), slanted = slanted_hangul(&rec);
    int precision = mixed_precision(&rec), apart = notes_apart(&rec), moved = columns_moved(&rec);
    fprintf(stderr,
            "%s: %zu pages, %zu tables; problems: %d rules under rows, %d orphaned "
            "headings, %d lonely markers, %d slanted Hangul, %d mixed precisions, %d notes apart "
            "or short tables broken, %d columns moved\n",
            name, count(&rec, "page"), count(&rec, "table"), rules, orphans, markers, slanted,
            precision, apart, moved);
    assert_true(count(&rec, "table") > 5);
    assert_int_equal(rules, 0);
    assert_int_equal(orphans, 0);
    assert_int_equal(markers, 0);
    assert_int_equal(slanted, 0);
    /* one precision per column (and kind) in every table of the sample */
    assert_int_equal(precision, 0);
    assert_int_equal(apart, 0);
    assert_int_equal(moved, 0);
    record_free(&rec);
    free(md);
    free(images);
    lr_chart_set_free(&charts);
    lr_overview_free(&ov);
    lr_report_free(r);
}

static void test_sample_english(void **state)
{
    (void)state;
    check_sample(NULL, "layout-sample-en");
}

static void test_sample_korean(void **state)
{
    (void)state;
    check_sample("samples/llmreport.ko.json", "layout-sample-ko");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules),          cmocka_unit_test(test_orphaned_headings),
        cmocka_unit_test(test_notes_kept),     cmocka_unit_test(test_continued_columns),
        cmocka_unit_test(test_precision),      cmocka_unit_test(test_decimals_aligned),
        cmocka_unit_test(test_breaking),       cmocka_unit_test(test_no_slanted_hangul),
        cmocka_unit_test(test_sample_english), cmocka_unit_test(test_sample_korean),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

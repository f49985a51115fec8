/*
 * Block layout of the PDF report: the title block, the table of contents, headings kept with
 * what follows, paragraphs (no orphans or widows), lists, quotes, code blocks, images and
 * charts, footnotes, and the page furniture. Tables are in table.c.
 */
#include "pdf/layout.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas/canvas.h"
#include "core/error.h"
#include "core/phrases.h"
#include "pdf/image.h"
#include "pdf/style.h"

#define EPS 0.01
#define MAX_PAGES 100000
#define MIN_BOX 120.0 /* deep nesting stops indenting here */

/* The words the PDF adds itself, in the report's language. */
static const char *say(const lr_layout *L, lr_phrase_id id)
{
    return lr_phrase(lr_lang_parse(L->opt ? L->opt->language : NULL), id);
}

void lr_layout_fail(lr_layout *L, lr_status status, const char *fmt, ...)
{
    if (L->status != LR_OK)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    L->status = status;
    lr_error_set(&L->error, status, NULL, "%s", msg);
}

static int failed(const lr_layout *L)
{
    return L->status != LR_OK || lr_pdfdoc_status(L->doc) != LR_OK;
}

/* ---- Pages and the cursor ------------------------------------------------------------------ */

void lr_layout_new_page(lr_layout *L)
{
    if (L->pages >= MAX_PAGES) {
        lr_layout_fail(L, LR_ELIMIT, "pdf: more than %d pages", MAX_PAGES);
        return;
    }
    for (size_t q = 0; q < L->n_quotes && L->pages; q++)
        lr_pdfdoc_rect(L->doc, L->quote_x[q], L->quote_top[q], LR_PDF_QUOTE_BAR,
                       L->y - L->quote_top[q], LR_PDF_QUOTE_BAR_COLOR);
    lr_pdfdoc_add_page(L->doc);
    L->pages++;
    L->y = L->top;
    L->gap = 0;
    for (size_t q = 0; q < L->n_quotes; q++)
        L->quote_top[q] = L->top;
}

int lr_layout_at_top(const lr_layout *L)
{
    return L->y <= L->top + EPS;
}

void lr_layout_record_line(lr_layout *L, const char *kind, const char *tag, const lr_flow *f,
                           const lr_flow_line *line, double x, double top)
{
    if (!lr_pdfdoc_recording(L->doc))
        return;
    lr_buf text = LR_BUF_INIT;
    lr_flow_line_text(f, line, &text);
    lr_buf_puts(&text, "");
    if (lr_buf_failed(&text))
        lr_layout_fail(L, LR_ENOMEM, "pdf: out of memory");
    else
        lr_pdfdoc_record(L->doc, kind, "%.2f %.2f %.2f %s |%s", x, top, line->width, tag,
                         text.data);
    lr_buf_free(&text);
}

static int ruled(const lr_layout_pending *p)
{
    return p->kind == LR_KEPT_HEADING && p->level == 2;
}

static double pending_height(const lr_layout_pending *p)
{
    return (double)p->lines.n * lr_flow_line_height(&p->flow) + (ruled(p) ? 4.5 : 0);
}

static void free_pending(lr_layout_pending *p)
{
    lr_flow_free(&p->flow);
    lr_flow_lines_free(&p->lines);
}

static void draw_heading(lr_layout *L, lr_layout_pending *p)
{
    double top = L->y;
    if (p->ordinal >= 0 && (size_t)p->ordinal < L->n_headings) {
        lr_layout_heading *h = &L->headings[p->ordinal];
        h->page = L->pages;
        lr_pdfdoc_outline(L->doc, p->level, h->text, top);
        char id[48];
        snprintf(id, sizeof id, "toc:%ld", p->ordinal);
        lr_pdfdoc_anchor(L->doc, id, top);
        lr_buf slug = LR_BUF_INIT;
        lr_buf_puts(&slug, "h:");
        lr_flow_slug(h->text, &slug);
        if (!lr_buf_failed(&slug))
            lr_pdfdoc_anchor(L->doc, slug.data, top);
        lr_buf_free(&slug);
    }
    double lh = lr_flow_line_height(&p->flow);
    static const char *const kinds[] = {"heading", "caption", "para"};
    char tag[16];
    snprintf(tag, sizeof tag, "%d", p->kind == LR_KEPT_HEADING ? p->level : 0);
    for (size_t i = 0; i < p->lines.n; i++) {
        double base =
            lr_flow_draw(&p->flow, &p->lines.v[i], L->doc, p->x, L->y, p->w, LR_FLOW_LEFT);
        lr_layout_record_line(L, kinds[p->kind], tag, &p->flow, &p->lines.v[i], p->x, L->y);
        if (i == 0 && p->takes_marker)
            lr_layout_marker(L, L->y, base);
        L->y += lh;
    }
    if (ruled(p)) {
        L->y += 4;
        lr_pdfdoc_line(L->doc, p->x, L->y, p->x + p->w, L->y, 0.5, LR_PDF_RULE);
        L->y += 0.5;
    }
}

void lr_layout_block_start(lr_layout *L, double before, double first_height)
{
    double space = lr_layout_at_top(L) ? 0 : fmax(L->gap, before);
    double need = first_height;
    if (L->n_pending) {
        double hs = 0;
        for (size_t i = 0; i < L->n_pending; i++) {
            if (i)
                hs += fmax(L->pending[i - 1].after, L->pending[i].before);
            hs += pending_height(&L->pending[i]);
        }
        space = lr_layout_at_top(L) ? 0 : fmax(L->gap, L->pending[0].before);
        need =
            hs + (first_height > 0 ? fmax(L->pending[L->n_pending - 1].after, before) + first_height
                                   : 0);
    }
    if (!lr_layout_at_top(L) && L->y + space + need > L->bottom + EPS) {
        lr_layout_new_page(L);
        space = 0;
    }
    L->y += space;
    L->gap = 0;
    if (L->n_pending) {
        double after = 0;
        for (size_t i = 0; i < L->n_pending; i++) {
            if (i)
                L->y += fmax(L->pending[i - 1].after, L->pending[i].before);
            draw_heading(L, &L->pending[i]);
            after = L->pending[i].after;
            free_pending(&L->pending[i]);
        }
        L->n_pending = 0;
        if (first_height > 0)
            L->y += fmax(after, before);
        else
            L->gap = after;
    }
}

void lr_layout_block_end(lr_layout *L, double after)
{
    L->gap = after;
}

void lr_layout_marker(lr_layout *L, double top, double baseline)
{
    if (L->marker_anchor[0]) {
        lr_pdfdoc_anchor(L->doc, L->marker_anchor, top);
        L->marker_anchor[0] = '\0';
    }
    if (!L->marker)
        return;
    L->marker = 0;
    double w = lr_fonts_text_width(L->fonts, LR_FONT_REGULAR, L->marker_size, L->marker_text);
    lr_pdfdoc_text(L->doc, L->marker_right - w, baseline, L->marker_text, strlen(L->marker_text),
                   LR_FONT_REGULAR, L->marker_size, L->color, 0);
}

/* Lays out the lines of a flow in the content box. */
static void text_block(lr_layout *L, lr_flow *f, const char *kind, double before, double after)
{
    lr_flow_align align = LR_FLOW_LEFT;
    lr_flow_lines lines = {NULL, 0, 0};
    if (lr_flow_break(f, L->w, &lines) != LR_OK) {
        lr_layout_fail(L, LR_ENOMEM, "pdf: out of memory");
        lr_flow_lines_free(&lines);
        return;
    }
    size_t n = lines.n;
    double lh = lr_flow_line_height(f);
    if (n) {
        /* short paragraphs stay together; longer ones leave at least two lines behind */
        double first = (double)(n <= 3 ? n : 2) * lh;
        if (first > L->bottom - L->top)
            first = lh;
        lr_layout_block_start(L, before, first);
    }
    size_t on_page = 0;
    for (size_t i = 0; i < n && !failed(L); i++) {
        int widow = n >= 4 && i == n - 2 && on_page >= 2 && L->y + 2 * lh > L->bottom + EPS;
        if ((!lr_layout_at_top(L) && L->y + lh > L->bottom + EPS) || widow) {
            lr_layout_new_page(L);
            on_page = 0;
        }
        double base = lr_flow_draw(f, &lines.v[i], L->doc, L->x, L->y, L->w, align);
        lr_layout_record_line(L, kind, "0", f, &lines.v[i], L->x, L->y);
        if (i == 0)
            lr_layout_marker(L, L->y, base);
        L->y += lh;
        on_page++;
    }
    lr_flow_lines_free(&lines);
    if (n)
        lr_layout_block_end(L, after);
}

/* ---- Headings ------------------------------------------------------------------------------ */

static const struct {
    double size, before, after;
} heading_style[7] = {
    {0, 0, 0}, {18, 20, 9}, {14, 16, 7}, {11.5, 10, 4}, {10, 10, 4}, {9.5, 11, 3}, {9.5, 11, 3},
};

static void push_heading(lr_layout *L, int level, long ordinal, cmark_node *node, const char *text)
{
    if (L->n_pending == LR_LAYOUT_MAX_PENDING)
        lr_layout_block_start(L, 0, 0);
    if (level < 1)
        level = 1;
    if (level > 6)
        level = 6;
    lr_layout_pending *p = &L->pending[L->n_pending];
    memset(p, 0, sizeof(*p));
    p->kind = LR_KEPT_HEADING;
    p->level = level;
    p->ordinal = ordinal;
    p->takes_marker = L->marker;
    p->x = L->x;
    p->w = L->w;
    p->before = heading_style[level].before;
    p->after = heading_style[level].after;
    lr_flow_init(&p->flow, L->fonts, heading_style[level].size, 1.3);
    lr_flow_style st = lr_flow_plain_style(LR_FONT_BOLD, heading_style[level].size,
                                           level == 6 ? LR_PDF_MUTED : LR_PDF_TEXT);
    if (node)
        lr_flow_add_inlines(&p->flow, node, &st);
    else
        lr_flow_add(&p->flow, text, strlen(text), &st);
    if (lr_flow_break(&p->flow, L->w, &p->lines) != LR_OK) {
        lr_layout_fail(L, LR_ENOMEM, "pdf: out of memory");
        free_pending(p);
        return;
    }
    L->n_pending++;
}

static void heading(lr_layout *L, cmark_node *node)
{
    long ordinal = L->next_heading < L->n_headings ? (long)L->next_heading++ : -1;
    push_heading(L, cmark_node_get_heading_level(node), ordinal, node, NULL);
}

/* ---- Paragraphs and images ----------------------------------------------------------------- */

static int blank_inline(cmark_node *n)
{
    cmark_node_type t = cmark_node_get_type(n);
    if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
        return 1;
    if (t != CMARK_NODE_TEXT)
        return 0;
    for (const char *s = cmark_node_get_literal(n); s && *s; s++)
        if (*s != ' ' && *s != '\t')
            return 0;
    return 1;
}

/* The image a paragraph consists of (alone, or alone inside a link), or NULL. */
static cmark_node *single_image(cmark_node *para)
{
    cmark_node *found = NULL;
    for (cmark_node *c = cmark_node_first_child(para); c; c = cmark_node_next(c)) {
        if (blank_inline(c))
            continue;
        if (found)
            return NULL;
        cmark_node_type t = cmark_node_get_type(c);
        if (t == CMARK_NODE_LINK) {
            cmark_node *inner = cmark_node_first_child(c);
            if (!inner || cmark_node_next(inner) || cmark_node_get_type(inner) != CMARK_NODE_IMAGE)
                return NULL;
            found = inner;
        } else if (t == CMARK_NODE_IMAGE) {
            found = c;
        } else {
            return NULL;
        }
    }
    return found;
}

/* The local file an image URL names (percent-decoded, confined: pdf/image.h) into real, or -1
 * for a remote or data URL, a missing file, or one refused (with a warning, once per layout). */
static int image_path(const lr_layout *L, const char *url, char *real, size_t size)
{
    if (!url || !*url || strstr(url, "://") || !strncmp(url, "data:", 5))
        return -1;
    lr_buf path = LR_BUF_INIT;
    for (const char *s = url; *s && *s != '?' && *s != '#'; s++) {
        unsigned hi, lo;
        if (*s == '%' && sscanf(s + 1, "%1x%1x", &hi, &lo) == 2) {
            lr_buf_putc(&path, (char)(hi * 16 + lo));
            s += 2;
        } else {
            lr_buf_putc(&path, *s);
        }
    }
    const lr_pdf_options *o = L->opt;
    const char *base[] = {o->base_dir && *o->base_dir ? o->base_dir : "."};
    const char *const *dirs = o->n_image_dirs ? o->image_dirs : base;
    size_t n = o->n_image_dirs ? o->n_image_dirs : 1;
    const char *why = NULL;
    lr_pdf_image_where where = lr_buf_failed(&path) || strlen(path.data) != path.len
                                   ? LR_PDF_IMAGE_MISSING
                                   : lr_pdf_image_locate(path.data, dirs, n, real, size, &why);
    if (where == LR_PDF_IMAGE_REFUSED)
        lr_diag_emit(o->diag, LR_WARNING, "report.pdf", NULL, 0, 0, "image \"%.300s\" left out: %s",
                     url, why);
    lr_buf_free(&path);
    return where == LR_PDF_IMAGE_FOUND ? 0 : -1;
}

static int chart_drawable(const lr_layout *L, const lr_chart *chart, double w, double h)
{
    lr_buf trace = LR_BUF_INIT;
    lr_canvas *c = lr_canvas_trace_new(L->fonts, &trace);
    lr_chart_draw(chart, c, w, h);
    lr_status st = lr_canvas_finish(c);
    lr_canvas_free(c);
    lr_buf_free(&trace);
    return st == LR_OK;
}

/* Alt text in place of an image. */
static void alt_text(lr_layout *L, cmark_node *img)
{
    lr_flow f;
    lr_flow_init(&f, L->fonts, L->size, L->leading);
    lr_flow_style st = lr_flow_plain_style(LR_FONT_REGULAR, L->size, LR_PDF_MUTED);
    st.flags = LR_FLOW_ITALIC;
    lr_flow_add_inlines(&f, img, &st);
    if (lr_flow_is_blank(&f)) {
        const char *url = cmark_node_get_url(img);
        if (url)
            lr_flow_add(&f, url, strlen(url), &st);
    }
    if (f.failed)
        lr_layout_fail(L, LR_ENOMEM, "pdf: out of memory");
    else
        text_block(L, &f, "para", 0, L->para_gap);
    lr_flow_free(&f);
}

static void image_block(lr_layout *L, cmark_node *img)
{
    const char *url = cmark_node_get_url(img);
    double avail_h = L->bottom - L->top;
    for (size_t i = 0; url && i < L->opt->n_images; i++) {
        const lr_pdf_image *im = &L->opt->images[i];
        if (!im->chart || !im->url || strcmp(im->url, url))
            continue;
        /* The chart's one layout, at its natural size as in its SVG, scaled to the column:
         * the PDF shows the same picture, never a layout of its own. */
        double cw, ch;
        lr_chart_size(im->chart, &cw, &ch);
        double scale = fmin(1, L->w / cw);
        /* a chart takes at most LR_PDF_CHART_MAX_H of the text block, so that two share a page */
        if (ch * scale > avail_h * LR_PDF_CHART_MAX_H)
            scale = avail_h * LR_PDF_CHART_MAX_H / ch;
        if (!chart_drawable(L, im->chart, cw, ch))
            break;
        double w = cw * scale, h = ch * scale;
        lr_layout_block_start(L, 6, h);
        lr_layout_marker(L, L->y, L->y + L->size);
        lr_pdfdoc_record(L->doc, "image", "%.2f %.2f %.2f %.2f", L->x + (L->w - w) / 2, L->y, w, h);
        lr_pdfdoc_chart(L->doc, im->chart, L->x + (L->w - w) / 2, L->y, cw, ch, scale,
                        L->opt->chart_traces);
        L->y += h;
        lr_layout_block_end(L, 10);
        return;
    }
    char path[4096];
    double pw, ph;
    if (image_path(L, url, path, sizeof path) == 0 && lr_pdf_png_check(path, &pw, &ph) == 0) {
        double w = pw * 0.75, h = ph * 0.75; /* CSS pixels */
        if (w > L->w)
            h *= L->w / w, w = L->w;
        if (h > avail_h)
            w *= avail_h / h, h = avail_h;
        lr_layout_block_start(L, 6, h);
        lr_layout_marker(L, L->y, L->y + L->size);
        double x = L->x + (L->w - w) / 2, top = L->y;
        lr_pdfdoc_record(L->doc, "image", "%.2f %.2f %.2f %.2f", x, top, w, h);
        if (lr_pdfdoc_png(L->doc, path, x, top, w, h) != 0) {
            /* unreadable after all: its alt text, in the space it would have taken */
            L->gap = 0;
            alt_text(L, img);
            L->y = fmax(L->y, top + h);
        } else {
            L->y += h;
        }
        lr_layout_block_end(L, 10);
    } else {
        alt_text(L, img);
    }
}

static int is_table(cmark_node *n)
{
    return n && !strcmp(cmark_node_get_type_string(n), "table");
}

/*
 * Whether paragraph para opens with a label of labels, set in inline type t (strong for
 * "Table N.", emphasis for "Note."): the convention by which the templates give a table its
 * caption (the paragraph right above it) and its note (the paragraph right below it). A label
 * ending in a space must be followed by a digit ("Table 3.").
 */
static int labelled(cmark_node *para, cmark_node_type t, const char *const *labels)
{
    cmark_node *first = para ? cmark_node_first_child(para) : NULL;
    if (!first || cmark_node_get_type(first) != t)
        return 0;
    lr_buf text = LR_BUF_INIT;
    lr_flow_plain_text(first, &text);
    lr_buf_puts(&text, "");
    int found = 0;
    for (size_t i = 0; labels[i] && !found && !lr_buf_failed(&text); i++) {
        size_t n = strlen(labels[i]);
        if (strncmp(text.data, labels[i], n))
            continue;
        found = labels[i][n - 1] != ' ' || (text.data[n] >= '0' && text.data[n] <= '9');
    }
    lr_buf_free(&text);
    return found;
}

static const char *const caption_labels[] = {"Table ", "\xed\x91\x9c ", NULL}; /* 표 */
static const char *const note_labels[] = {"Note.", "\xec\xa3\xbc.", NULL};     /* 주. */

static int is_caption(cmark_node *para)
{
    return is_table(cmark_node_next(para)) && labelled(para, CMARK_NODE_STRONG, caption_labels);
}

static int is_note(cmark_node *para)
{
    return is_table(cmark_node_previous(para)) && labelled(para, CMARK_NODE_EMPH, note_labels);
}

double lr_layout_note_height(lr_layout *L, cmark_node *table)
{
    cmark_node *next = table ? cmark_node_next(table) : NULL;
    if (!next || cmark_node_get_type(next) != CMARK_NODE_PARAGRAPH || !is_note(next))
        return 0;
    lr_flow f;
    lr_flow_init(&f, L->fonts, LR_PDF_TABLE_NOTE_SIZE, LR_PDF_NOTE_LEADING);
    lr_flow_style st = lr_flow_plain_style(LR_FONT_REGULAR, LR_PDF_TABLE_NOTE_SIZE, L->color);
    lr_flow_add_inlines(&f, next, &st);
    lr_flow_lines lines = {NULL, 0, 0};
    double h = 0;
    if (!f.failed && lr_flow_break(&f, L->w, &lines) == LR_OK && lines.n)
        /* as text_block keeps them: a short note whole, a longer one's first two lines */
        h = LR_PDF_TABLE_NOTE_BEFORE +
            (double)(lines.n <= 3 ? lines.n : 2) * lr_flow_line_height(&f);
    lr_flow_lines_free(&lines);
    lr_flow_free(&f);
    return h;
}

/* Whether the block after para is a table, or a table's caption. */
static int leads_to_table(cmark_node *para)
{
    cmark_node *next = cmark_node_next(para);
    return is_table(next) ||
           (next && cmark_node_get_type(next) == CMARK_NODE_PARAGRAPH && is_caption(next));
}

/* Sets paragraph node aside to be placed with the block after it (a table's caption, or a short
 * paragraph leading into a table). Returns 0, or -1 when it is not kept after all (too long). */
static int keep_paragraph(lr_layout *L, cmark_node *node, lr_layout_kept kind, double size,
                          double leading, double before, double after, size_t max_lines)
{
    if (L->n_pending == LR_LAYOUT_MAX_PENDING)
        lr_layout_block_start(L, 0, 0);
    lr_layout_pending *p = &L->pending[L->n_pending];
    memset(p, 0, sizeof(*p));
    p->kind = kind;
    p->ordinal = -1;
    p->takes_marker = L->marker;
    p->x = L->x;
    p->w = L->w;
    p->before = before;
    p->after = after;
    lr_flow_init(&p->flow, L->fonts, size, leading);
    lr_flow_style st = lr_flow_plain_style(LR_FONT_REGULAR, size, L->color);
    lr_flow_add_inlines(&p->flow, node, &st);
    if (p->flow.failed || lr_flow_break(&p->flow, L->w, &p->lines) != LR_OK) {
        lr_layout_fail(L, LR_ENOMEM, "pdf: out of memory");
        free_pending(p);
        return 0;
    }
    if (p->lines.n > max_lines || lr_flow_is_blank(&p->flow)) {
        free_pending(p);
        return -1;
    }
    L->n_pending++;
    return 0;
}

static void paragraph(lr_layout *L, cmark_node *node)
{
    cmark_node *img = single_image(node);
    if (img) {
        image_block(L, img);
        return;
    }
    int plain = node != L->backlink_para;
    /* a caption stays with its table's header and first rows, and so does a short paragraph
     * that leads into a table (with the heading above it, if any) */
    if (plain && is_caption(node) &&
        keep_paragraph(L, node, LR_KEPT_CAPTION, LR_PDF_CAPTION_SIZE, LR_PDF_CAPTION_LEADING,
                       LR_PDF_CAPTION_BEFORE, LR_PDF_CAPTION_AFTER, 6) == 0)
        return;
    /* a table's note stays its table's, even when the next table's caption follows it */
    int note = plain && is_note(node);
    if (plain && !note && leads_to_table(node) &&
        keep_paragraph(L, node, LR_KEPT_LEAD, L->size, L->leading, 0, L->para_gap, 3) == 0)
        return;
    double size = note ? LR_PDF_TABLE_NOTE_SIZE : L->size;
    lr_flow f;
    lr_flow_init(&f, L->fonts, size, note ? LR_PDF_NOTE_LEADING : L->leading);
    lr_flow_style st = lr_flow_plain_style(LR_FONT_REGULAR, size, L->color);
    lr_flow_add_inlines(&f, node, &st);
    if (node == L->backlink_para) {
        char target[48];
        snprintf(target, sizeof target, "#fnref:%d", L->backlink_number);
        lr_flow_add(&f, "\xc2\xa0", 2, &st);
        st.link = lr_flow_target(&f, target);
        st.color = LR_PDF_LINK;
        lr_flow_add(&f, "\xe2\x86\xa9", 3, &st); /* ↩ */
    }
    if (note) /* directly under its table */
        L->gap = fmin(L->gap, LR_PDF_TABLE_NOTE_BEFORE);
    if (f.failed)
        lr_layout_fail(L, LR_ENOMEM, "pdf: out of memory");
    else if (!lr_flow_is_blank(&f))
        text_block(L, &f, note ? "note" : "para", note ? LR_PDF_TABLE_NOTE_BEFORE : 0, L->para_gap);
    lr_flow_free(&f);
}

/* ---- Other blocks -------------------------------------------------------------------------- */

static void blocks(lr_layout *L, cmark_node *parent);

static void thematic_break(lr_layout *L)
{
    lr_layout_block_start(L, 10, 1);
    lr_pdfdoc_line(L->doc, L->x, L->y + 0.3, L->x + L->w, L->y + 0.3, 0.6, LR_PDF_RULE);
    L->y += 0.6;
    lr_layout_block_end(L, 10);
}

static void code_block(lr_layout *L, cmark_node *node)
{
    const char *lit = cmark_node_get_literal(node);
    size_t len = lit ? strlen(lit) : 0;
    if (len && lit[len - 1] == '\n')
        len--;
    lr_flow f;
    lr_flow_init(&f, L->fonts, LR_PDF_CODE_SIZE, LR_PDF_CODE_LEADING);
    lr_flow_style st = lr_flow_plain_style(LR_FONT_MONO, LR_PDF_CODE_SIZE, LR_PDF_TEXT);
    lr_flow_add(&f, lit ? lit : "", len, &st);
    lr_flow_lines lines = {NULL, 0, 0};
    double pad = LR_PDF_CODE_PAD;
    if (f.failed || lr_flow_break(&f, L->w - 2 * pad, &lines) != LR_OK) {
        lr_layout_fail(L, LR_ENOMEM, "pdf: out of memory");
    } else {
        double lh = lr_flow_line_height(&f);
        size_t n = lines.n ? lines.n : 1;
        lr_layout_block_start(L, L->para_gap, (double)(n < 2 ? n : 2) * lh + 2 * pad);
        size_t i = 0;
        int first = 1;
        while (i < n && !failed(L)) {
            size_t fit = (size_t)fmax(0, floor((L->bottom - L->y - 2 * pad + EPS) / lh));
            if (fit < 1 && !lr_layout_at_top(L)) {
                lr_layout_new_page(L);
                continue;
            }
            if (fit < 1)
                fit = 1;
            if (fit > n - i)
                fit = n - i;
            lr_pdfdoc_rect(L->doc, L->x, L->y, L->w, (double)fit * lh + 2 * pad, LR_PDF_CODE_BG);
            L->y += pad;
            for (size_t k = 0; k < fit; k++, i++) {
                double base = lr_flow_baseline(&f, L->y);
                if (i < lines.n) {
                    base = lr_flow_draw(&f, &lines.v[i], L->doc, L->x + pad, L->y, L->w - 2 * pad,
                                        LR_FLOW_LEFT);
                    lr_layout_record_line(L, "code", "0", &f, &lines.v[i], L->x + pad, L->y);
                } else {
                    lr_pdfdoc_record(L->doc, "code", "%.2f %.2f 0.00 0 |", L->x + pad, L->y);
                }
                if (first)
                    lr_layout_marker(L, L->y, base);
                first = 0;
                L->y += lh;
            }
            L->y += pad;
            if (i < n)
                lr_layout_new_page(L);
        }
        lr_layout_block_end(L, L->para_gap);
    }
    lr_flow_lines_free(&lines);
    lr_flow_free(&f);
}

static void set_marker(lr_layout *L, const char *text, double right, double size)
{
    L->marker = 1;
    snprintf(L->marker_text, sizeof L->marker_text, "%s", text);
    L->marker_right = right;
    L->marker_size = size;
}

/* A marker still waiting after its item: the item drew no line, so it gets one of its own. */
static void lonely_marker(lr_layout *L)
{
    if (!L->marker && !L->marker_anchor[0])
        return;
    double lh = L->size * L->leading;
    lr_layout_block_start(L, 0, lh);
    lr_flow f;
    lr_flow_init(&f, L->fonts, L->size, L->leading);
    lr_layout_marker(L, L->y, lr_flow_baseline(&f, L->y));
    lr_flow_free(&f);
    L->y += lh;
    lr_layout_block_end(L, L->para_gap);
}

static void list(lr_layout *L, cmark_node *node)
{
    static const char *const bullets[] = {"\xe2\x80\xa2", "\xe2\x97\xa6", "\xe2\x96\xaa"};
    int ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
    int number = cmark_node_get_list_start(node);
    char delim = cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM ? ')' : '.';
    int count = 0;
    for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c))
        count++;
    double indent = LR_PDF_LIST_INDENT;
    char text[32];
    if (ordered) {
        snprintf(text, sizeof text, "%d%c", number + count - 1, delim);
        indent = fmax(indent, lr_fonts_text_width(L->fonts, LR_FONT_REGULAR, L->size, text) + 6);
    }
    double x = L->x, w = L->w, gap = L->para_gap;
    indent = fmin(indent, fmax(0, L->w - MIN_BOX));
    L->x += indent;
    L->w -= indent;
    L->para_gap = cmark_node_get_list_tight(node) ? LR_PDF_TIGHT_GAP : LR_PDF_PARA_GAP;
    const char *bullet = bullets[L->list_depth % 3];
    L->list_depth++;
    for (cmark_node *item = cmark_node_first_child(node); item && !failed(L);
         item = cmark_node_next(item), number++) {
        if (ordered)
            snprintf(text, sizeof text, "%d%c", number, delim);
        set_marker(L, ordered ? text : bullet, L->x - (ordered ? 5 : 6), L->size);
        blocks(L, item);
        lonely_marker(L);
    }
    L->list_depth--;
    if (L->n_pending)
        lr_layout_block_start(L, 0, 0);
    L->x = x;
    L->w = w;
    L->para_gap = gap;
    lr_layout_block_end(L, gap);
}

static void quote(lr_layout *L, cmark_node *node)
{
    lr_layout_block_start(L, 0, L->size * L->leading);
    size_t q = L->n_quotes;
    if (q < LR_LAYOUT_MAX_QUOTES) {
        L->quote_x[q] = L->x;
        L->quote_top[q] = L->y;
        L->n_quotes++;
    }
    double x = L->x, w = L->w;
    lr_color color = L->color;
    double indent = fmin(LR_PDF_QUOTE_INDENT, fmax(0, L->w - MIN_BOX));
    L->x += indent;
    L->w -= indent;
    L->color = LR_PDF_MUTED;
    blocks(L, node);
    if (L->n_pending)
        lr_layout_block_start(L, 0, 0);
    if (q < LR_LAYOUT_MAX_QUOTES) {
        lr_pdfdoc_rect(L->doc, L->quote_x[q], L->quote_top[q], LR_PDF_QUOTE_BAR,
                       L->y - L->quote_top[q], LR_PDF_QUOTE_BAR_COLOR);
        L->n_quotes--;
    }
    L->x = x;
    L->w = w;
    L->color = color;
    lr_layout_block_end(L, L->para_gap);
}

/* The footnote definitions, which cmark-gfm has put at the end in order of first reference:
 * the i-th is footnote i. */
static void footnotes(lr_layout *L, cmark_node *first)
{
    int count = 0;
    for (cmark_node *d = first; d; d = cmark_node_next(d))
        count += cmark_node_get_type(d) == CMARK_NODE_FOOTNOTE_DEFINITION;
    /* under a heading of their own, after the colophon: the evidence a value cites */
    push_heading(L, 2, -1, NULL, say(L, LR_PH_NOTES));
    lr_layout_block_start(L, 0, 24);
    double x = L->x, w = L->w, size = L->size, leading = L->leading, gap = L->para_gap;
    L->size = LR_PDF_NOTE_SIZE;
    L->leading = LR_PDF_NOTE_LEADING;
    L->para_gap = 2.5;
    char text[32];
    snprintf(text, sizeof text, "%d.", count);
    double indent = lr_fonts_text_width(L->fonts, LR_FONT_REGULAR, L->size, text) + 5;
    indent = fmin(indent, fmax(0, L->w - MIN_BOX));
    L->x += indent;
    L->w -= indent;
    int number = 1;
    for (cmark_node *d = first; d && !failed(L); d = cmark_node_next(d)) {
        if (cmark_node_get_type(d) != CMARK_NODE_FOOTNOTE_DEFINITION)
            continue;
        snprintf(text, sizeof text, "%d.", number);
        set_marker(L, text, L->x - 4, L->size);
        snprintf(L->marker_anchor, sizeof L->marker_anchor, "fn:%d", number);
        L->backlink_para = NULL;
        cmark_node *last = cmark_node_last_child(d);
        if (last && cmark_node_get_type(last) == CMARK_NODE_PARAGRAPH) {
            L->backlink_para = last;
            L->backlink_number = number;
        }
        blocks(L, d);
        lonely_marker(L);
        number++;
    }
    L->backlink_para = NULL;
    L->x = x;
    L->w = w;
    L->size = size;
    L->leading = leading;
    L->para_gap = gap;
}

static void block(lr_layout *L, cmark_node *node)
{
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_PARAGRAPH:
        paragraph(L, node);
        break;
    case CMARK_NODE_HEADING:
        heading(L, node);
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        /* a rule right before a heading parts the document (the body from the appendix): on
         * GitHub a rule, in the PDF a new page */
        if (cmark_node_next(node) &&
            cmark_node_get_type(cmark_node_next(node)) == CMARK_NODE_HEADING) {
            if (!lr_layout_at_top(L))
                lr_layout_new_page(L);
        } else {
            thematic_break(L);
        }
        break;
    case CMARK_NODE_CODE_BLOCK:
        code_block(L, node);
        break;
    case CMARK_NODE_LIST:
        list(L, node);
        break;
    case CMARK_NODE_BLOCK_QUOTE:
        quote(L, node);
        break;
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_CUSTOM_BLOCK:
        break; /* raw HTML has no PDF rendering; GitHub strips most of it too */
    case CMARK_NODE_FOOTNOTE_DEFINITION:
        footnotes(L, node);
        break;
    default:
        if (is_table(node))
            lr_table_layout(L, node);
        else
            blocks(L, node);
        break;
    }
}

static void blocks(lr_layout *L, cmark_node *parent)
{
    for (cmark_node *c = cmark_node_first_child(parent); c && !failed(L); c = cmark_node_next(c)) {
        block(L, c);
        if (cmark_node_get_type(c) == CMARK_NODE_FOOTNOTE_DEFINITION)
            break; /* footnotes() took the rest */
    }
}

/* ---- Title block and contents -------------------------------------------------------------- */

/* The first level-1 heading as the title, and the paragraphs of text right under it (up to
 * three) as subtitle and byline. Returns the node after them. */
static cmark_node *title_block(lr_layout *L, cmark_node *h1)
{
    long ordinal = L->next_heading < L->n_headings ? (long)L->next_heading++ : -1;
    lr_layout_block_start(L, 0, 0);
    lr_layout_pending p;
    memset(&p, 0, sizeof p);
    p.level = 1;
    p.ordinal = ordinal;
    p.x = L->x;
    p.w = L->w;
    lr_flow_init(&p.flow, L->fonts, LR_PDF_TITLE_SIZE, 1.2);
    lr_flow_style st = lr_flow_plain_style(LR_FONT_BOLD, LR_PDF_TITLE_SIZE, LR_PDF_TEXT);
    lr_flow_add_inlines(&p.flow, h1, &st);
    if (p.flow.failed || lr_flow_break(&p.flow, L->w, &p.lines) != LR_OK)
        lr_layout_fail(L, LR_ENOMEM, "pdf: out of memory");
    else
        draw_heading(L, &p);
    free_pending(&p);
    lr_layout_block_end(L, 9);
    double size = L->size;
    lr_color color = L->color;
    cmark_node *next = cmark_node_next(h1);
    for (int k = 0; k < 3 && next && cmark_node_get_type(next) == CMARK_NODE_PARAGRAPH &&
                    !single_image(next) && !failed(L);
         next = cmark_node_next(next), k++) {
        L->size = k ? LR_PDF_META_SIZE : LR_PDF_SUBTITLE_SIZE;
        L->color = LR_PDF_MUTED;
        paragraph(L, next);
        lr_layout_block_end(L, 5);
    }
    L->size = size;
    L->color = color;
    lr_layout_block_start(L, 10, 1);
    lr_pdfdoc_line(L->doc, L->x, L->y, L->x + L->w, L->y, 0.8, LR_PDF_DARK_RULE);
    L->y += 0.8;
    lr_layout_block_end(L, 24);
    return next;
}

static void contents(lr_layout *L)
{
    size_t n2 = 0, n3 = 0;
    for (size_t i = 0; i < L->n_headings; i++)
        n2 += L->headings[i].level == 2, n3 += L->headings[i].level == 3;
    int with3 = n2 + n3 <= 30;
    push_heading(L, 2, -1, NULL, say(L, LR_PH_CONTENTS));
    double size = LR_PDF_BODY_SIZE, leading = 1.75;
    double numw = lr_fonts_text_width(L->fonts, LR_FONT_REGULAR, size, "0000");
    double dot = lr_fonts_text_width(L->fonts, LR_FONT_REGULAR, size, ".");
    for (size_t i = 0; i < L->n_headings && !failed(L); i++) {
        const lr_layout_heading *h = &L->headings[i];
        if (h->level != 2 && !(h->level == 3 && with3))
            continue;
        double indent = h->level == 3 ? 14 : 0;
        lr_flow f;
        lr_flow_init(&f, L->fonts, size, leading);
        lr_flow_style st =
            lr_flow_plain_style(LR_FONT_REGULAR, size, h->level == 3 ? LR_PDF_MUTED : LR_PDF_TEXT);
        lr_flow_add(&f, h->text, strlen(h->text), &st);
        lr_flow_lines lines = {NULL, 0, 0};
        if (f.failed || lr_flow_break(&f, L->w - indent - numw - 16, &lines) != LR_OK) {
            lr_layout_fail(L, LR_ENOMEM, "pdf: out of memory");
        } else if (lines.n) {
            double lh = lr_flow_line_height(&f);
            lr_layout_block_start(L, 0, (double)lines.n * lh);
            double top = L->y, base = 0;
            for (size_t k = 0; k < lines.n; k++) {
                base = lr_flow_draw(&f, &lines.v[k], L->doc, L->x + indent, L->y, L->w, 0);
                lr_layout_record_line(L, "toc", "0", &f, &lines.v[k], L->x + indent, L->y);
                L->y += lh;
            }
            double right = L->x + L->w;
            if (L->doc) { /* the number, once the heading's page is known */
                lr_layout_toc_number *t =
                    realloc(L->toc_numbers, (L->n_toc_numbers + 1) * sizeof *t);
                if (!t) {
                    lr_layout_fail(L, LR_ENOMEM, "pdf: out of memory");
                } else {
                    L->toc_numbers = t;
                    t[L->n_toc_numbers++] = (lr_layout_toc_number){i, L->pages - 1, right, base};
                }
            }
            /* dot leaders on a grid from the right edge, so that they line up */
            double from = L->x + indent + lines.v[lines.n - 1].width + 6;
            for (double dx = right - numw - 6; dx >= from; dx -= 4.5)
                lr_pdfdoc_text(L->doc, dx - dot, base, ".", 1, LR_FONT_REGULAR, size, LR_PDF_MUTED,
                               0);
            char id[48];
            snprintf(id, sizeof id, "toc:%zu", i);
            lr_pdfdoc_link_anchor(L->doc, L->x, top, L->w, L->y - top, id);
            lr_layout_block_end(L, 0);
        }
        lr_flow_lines_free(&lines);
        lr_flow_free(&f);
    }
    if (L->n_pending)
        lr_layout_block_start(L, 0, 0);
    lr_layout_block_end(L, 28);
}

/* ---- The document -------------------------------------------------------------------------- */

static int plain_paragraph(cmark_node *n)
{
    return n && cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH && !single_image(n);
}

static void collect_headings(lr_layout *L, cmark_node *root)
{
    cmark_iter *it = cmark_iter_new(root);
    if (!it) {
        lr_layout_fail(L, LR_ENOMEM, "pdf: out of memory");
        return;
    }
    cmark_event_type ev;
    size_t cap = 0;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE && !failed(L)) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_HEADING)
            continue;
        if (L->n_headings == cap) {
            size_t c = cap ? cap * 2 : 16;
            lr_layout_heading *h = realloc(L->headings, c * sizeof(*h));
            if (!h) {
                lr_layout_fail(L, LR_ENOMEM, "pdf: out of memory");
                break;
            }
            L->headings = h;
            cap = c;
        }
        lr_buf text = LR_BUF_INIT;
        lr_flow_plain_text(n, &text);
        lr_buf_puts(&text, "");
        if (lr_buf_failed(&text)) {
            lr_layout_fail(L, LR_ENOMEM, "pdf: out of memory");
            lr_buf_free(&text);
            break;
        }
        lr_layout_heading *h = &L->headings[L->n_headings++];
        h->level = cmark_node_get_heading_level(n);
        h->text = lr_buf_detach(&text);
        h->page = 0;
    }
    cmark_iter_free(it);
}

void lr_layout_document(lr_layout *L, cmark_node *root)
{
    L->x = L->margin_x;
    L->w = L->page_w - 2 * L->margin_x;
    L->size = LR_PDF_BODY_SIZE;
    L->leading = LR_PDF_BODY_LEADING;
    L->para_gap = LR_PDF_PARA_GAP;
    L->color = LR_PDF_TEXT;
    collect_headings(L, root);
    size_t n2 = 0;
    for (size_t i = 0; i < L->n_headings; i++)
        n2 += L->headings[i].level == 2;
    L->toc = n2 > 4;
    cmark_node *title = NULL;
    for (cmark_node *c = cmark_node_first_child(root); c && !title; c = cmark_node_next(c))
        if (cmark_node_get_type(c) == CMARK_NODE_HEADING && cmark_node_get_heading_level(c) == 1)
            title = c;
    if (!L->title)
        for (size_t i = 0; i < L->n_headings && !L->title; i++)
            if (L->headings[i].level == 1)
                L->title = L->headings[i].text;
    lr_layout_new_page(L);
    /* The contents follows the opening paragraphs of the first section (the findings' summary),
     * so that page 1 answers before it lists: title block, first heading and its paragraphs,
     * contents, the rest. A first section that opens with anything else gets the contents above
     * its heading. */
    int toc_due = L->toc, opened = 0;
    for (cmark_node *c = cmark_node_first_child(root); c && !failed(L);) {
        if (c == title) {
            c = title_block(L, c);
            continue;
        }
        if (toc_due) {
            int heading = cmark_node_get_type(c) == CMARK_NODE_HEADING;
            if (plain_paragraph(c))
                opened = 1;
            else if (opened || !heading || !plain_paragraph(cmark_node_next(c))) {
                contents(L);
                toc_due = 0;
            }
        }
        block(L, c);
        if (cmark_node_get_type(c) == CMARK_NODE_FOOTNOTE_DEFINITION)
            break;
        c = cmark_node_next(c);
    }
    if (toc_due && !failed(L))
        contents(L);
    if (L->n_pending)
        lr_layout_block_start(L, 0, 0);
}

void lr_layout_toc_pages(lr_layout *L)
{
    double size = LR_PDF_BODY_SIZE;
    for (size_t k = 0; k < L->n_toc_numbers && !failed(L); k++) {
        const lr_layout_toc_number *t = &L->toc_numbers[k];
        char num[32];
        snprintf(num, sizeof num, "%zu", L->headings[t->heading].page);
        double nw = lr_fonts_text_width(L->fonts, LR_FONT_REGULAR, size, num);
        lr_pdfdoc_select_page(L->doc, t->page);
        lr_pdfdoc_text(L->doc, t->right - nw, t->base, num, strlen(num), LR_FONT_REGULAR, size,
                       LR_PDF_TEXT, 0);
    }
}

void lr_layout_footers(lr_layout *L)
{
    size_t n = lr_pdfdoc_page_count(L->doc);
    double size = LR_PDF_FOOTER_SIZE;
    double y = L->page_h - LR_PDF_FOOTER_BASELINE;
    double left = L->margin_x, right = L->page_w - L->margin_x;
    for (size_t i = 0; i < n && !failed(L); i++) {
        lr_pdfdoc_select_page(L->doc, i);
        lr_pdfdoc_line(L->doc, left, y - 11, right, y - 11, 0.4, LR_PDF_RULE);
        char num[96];
        snprintf(num, sizeof num, "%s %zu / %zu", say(L, LR_PH_PAGE), i + 1, n);
        double nw = lr_fonts_text_width(L->fonts, LR_FONT_REGULAR, size, num);
        lr_pdfdoc_text(L->doc, right - nw, y, num, strlen(num), LR_FONT_REGULAR, size, LR_PDF_MUTED,
                       0);
        if (!L->title || !*L->title)
            continue;
        /* the title on one line, cut with an ellipsis where it would reach the number */
        lr_flow f, g;
        lr_flow_init(&f, L->fonts, size, 1);
        lr_flow_init(&g, L->fonts, size, 1);
        lr_flow_style st = lr_flow_plain_style(LR_FONT_REGULAR, size, LR_PDF_MUTED);
        lr_flow_add(&f, L->title, strlen(L->title), &st);
        double avail = right - left - nw - 24, w = 0;
        size_t k = 0;
        while (k < f.n && f.chars[k].cp != '\n')
            w += f.chars[k++].width;
        if (w > avail) {
            double ell = lr_fonts_text_width(L->fonts, LR_FONT_REGULAR, size, "\xe2\x80\xa6");
            for (w = 0, k = 0; w + f.chars[k].width + ell <= avail; k++)
                w += f.chars[k].width;
        }
        size_t bytes = k ? f.chars[k - 1].off + f.chars[k - 1].len : 0;
        lr_flow_add(&g, f.text.data ? f.text.data : "", bytes, &st);
        if (k < f.n && f.chars[k].cp != '\n')
            lr_flow_add(&g, "\xe2\x80\xa6", 3, &st);
        lr_flow_line line = {0, g.n, lr_flow_natural_width(&g)};
        lr_flow_draw(&g, &line, L->doc, left, y - lr_flow_baseline(&g, 0), avail, LR_FLOW_LEFT);
        lr_flow_free(&g);
        lr_flow_free(&f);
    }
}

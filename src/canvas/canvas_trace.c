/* The trace: one line of text per drawing call, every number "%.2f", for golden tests of chart
 * layout that survive library upgrades (no bytes from cairo or libharu in them). The front
 * writes the lines (canvas/trace.h) for the trace canvas, which draws nothing else, and for any
 * canvas traced with lr_canvas_trace_to(). */
#include "canvas/trace.h"

#include <math.h>
#include <stdlib.h>

/* "%.2f" without "-0.00". */
static void num(lr_buf *b, double v)
{
    if (fabs(v) < 0.005)
        v = 0;
    lr_buf_printf(b, " %.2f", v);
}

static void color(lr_buf *b, const char *key, lr_color c)
{
    lr_buf_printf(b, " %s=#%08x", key, (unsigned)c);
}

static void style(lr_buf *b, const lr_style *s)
{
    if (s->fill)
        color(b, "fill", s->fill);
    if (s->hatch)
        color(b, "hatch", s->hatch);
    if (s->stroke) {
        color(b, "stroke", s->stroke);
        lr_buf_puts(b, " width=");
        lr_buf_printf(b, "%.2f", s->line_width);
        if (s->dash[0] > 0 || s->dash[1] > 0)
            lr_buf_printf(b, " dash=%.2f,%.2f", s->dash[0], s->dash[1]);
    }
}

/* A string in double quotes; quote, backslash and control characters escaped. */
static void quoted(lr_buf *b, const char *s)
{
    lr_buf_putc(b, '"');
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            lr_buf_putc(b, '\\'), lr_buf_putc(b, (char)ch);
        else if (ch == '\n')
            lr_buf_puts(b, "\\n");
        else if (ch < 0x20 || ch == 0x7f)
            lr_buf_printf(b, "\\x%02x", ch);
        else
            lr_buf_putc(b, (char)ch);
    }
    lr_buf_putc(b, '"');
}

static void path_segs(lr_buf *b, const lr_path_seg *segs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const lr_path_seg *g = &segs[i];
        switch (g->kind) {
        case LR_SEG_MOVE:
            lr_buf_puts(b, " M");
            num(b, g->x), num(b, g->y);
            break;
        case LR_SEG_LINE:
            lr_buf_puts(b, " L");
            num(b, g->x), num(b, g->y);
            break;
        case LR_SEG_CURVE:
            lr_buf_puts(b, " C");
            num(b, g->x1), num(b, g->y1), num(b, g->x2), num(b, g->y2), num(b, g->x), num(b, g->y);
            break;
        case LR_SEG_CLOSE:
            lr_buf_puts(b, " Z");
            break;
        }
    }
}

void lr_trace_canvas(lr_buf *b, const char *name)
{
    lr_buf_puts(b, "canvas ");
    lr_buf_puts(b, name);
    lr_buf_putc(b, '\n');
}

void lr_trace_page(lr_buf *b, double w, double h)
{
    lr_buf_puts(b, "page");
    num(b, w);
    num(b, h);
    lr_buf_putc(b, '\n');
}

void lr_trace_end_page(lr_buf *b)
{
    lr_buf_puts(b, "end-page\n");
}

void lr_trace_shape(lr_buf *b, const lr_shape *sh, const lr_style *s)
{
    lr_buf_puts(b, lr_shape_name(sh->kind));
    switch (sh->kind) {
    case LR_SHAPE_RECT:
    case LR_SHAPE_LINE:
        num(b, sh->x), num(b, sh->y), num(b, sh->w), num(b, sh->h);
        style(b, s);
        break;
    case LR_SHAPE_CIRCLE:
        num(b, sh->x), num(b, sh->y), num(b, sh->w);
        style(b, s);
        break;
    case LR_SHAPE_PATH:
        style(b, s);
        lr_buf_puts(b, " :");
        path_segs(b, sh->segs, sh->n);
        break;
    }
    lr_buf_putc(b, '\n');
}

void lr_trace_text(lr_buf *b, double x, double y, const char *utf8, const lr_text_style *s,
                   lr_anchor anchor)
{
    static const char *const anchors[] = {"start", "middle", "end"};
    lr_buf_puts(b, "text");
    num(b, x), num(b, y);
    lr_buf_putc(b, ' ');
    quoted(b, utf8);
    lr_buf_printf(b, " size=%.2f anchor=%s", s->size, anchors[anchor]);
    if (s->font == LR_FONT_BOLD)
        lr_buf_puts(b, " font=bold");
    else if (s->font == LR_FONT_MONO)
        lr_buf_puts(b, " font=mono");
    color(b, "fill", s->color);
    lr_buf_putc(b, '\n');
}

void lr_trace_clip(lr_buf *b, double x, double y, double w, double h)
{
    lr_buf_puts(b, "clip");
    num(b, x), num(b, y), num(b, w), num(b, h);
    lr_buf_putc(b, '\n');
}

void lr_trace_restore(lr_buf *b)
{
    lr_buf_puts(b, "restore\n");
}

void lr_trace_group(lr_buf *b, const char *title)
{
    lr_buf_puts(b, "group ");
    quoted(b, title);
    lr_buf_putc(b, '\n');
}

void lr_trace_group_end(lr_buf *b)
{
    lr_buf_puts(b, "end-group\n");
}

/* The trace canvas draws nothing: every method is the front's trace line. */
static const lr_canvas_class trace_class = {
    .version = LR_CANVAS_CLASS_VERSION,
    .name = "trace",
};

lr_canvas *lr_canvas_trace_new(const lr_fonts *fonts, lr_buf *out)
{
    if (!out)
        return NULL;
    lr_canvas *c = calloc(1, sizeof(*c));
    if (!c)
        return NULL;
    lr_canvas_init(c, &trace_class, fonts);
    c->trace = out;
    return c;
}

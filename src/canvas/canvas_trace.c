/* The trace backend: one line of text per drawing call, every number "%.2f", for golden tests
 * of chart layout that survive library upgrades (no bytes from cairo or libharu in them). */
#include "canvas/canvas.h"

#include <math.h>
#include <stdlib.h>

typedef struct trace_canvas {
    lr_canvas base;
    lr_buf *out;
} trace_canvas;

static lr_buf *out_of(lr_canvas *c)
{
    return ((trace_canvas *)c)->out;
}

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

static lr_status done(lr_canvas *c)
{
    lr_buf *b = out_of(c);
    lr_buf_putc(b, '\n');
    if (lr_buf_failed(b))
        return lr_canvas_fail(c, LR_ENOMEM, "trace: out of memory");
    return LR_OK;
}

static lr_status t_begin_page(lr_canvas *c, double w, double h)
{
    lr_buf *b = out_of(c);
    lr_buf_puts(b, "page");
    num(b, w);
    num(b, h);
    return done(c);
}

static lr_status t_end_page(lr_canvas *c)
{
    lr_buf_puts(out_of(c), "end-page");
    return done(c);
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

/* A shape as the chart code drew it: "rect x y w h", "line x1 y1 x2 y2", "circle cx cy r"
 * with the style after, or "path STYLE : SEGMENTS". */
static lr_status t_shape(lr_canvas *c, const lr_shape *sh, const lr_style *s)
{
    lr_buf *b = out_of(c);
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
    return done(c);
}

static lr_status t_text(lr_canvas *c, const lr_text_layout *t, const lr_text_style *s)
{
    static const char *const anchors[] = {"start", "middle", "end"};
    lr_buf *b = out_of(c);
    lr_buf_puts(b, "text");
    num(b, t->x), num(b, t->y);
    lr_buf_putc(b, ' ');
    quoted(b, t->utf8);
    lr_buf_printf(b, " size=%.2f anchor=%s", s->size, anchors[t->anchor]);
    if (s->font == LR_FONT_BOLD)
        lr_buf_puts(b, " font=bold");
    else if (s->font == LR_FONT_MONO)
        lr_buf_puts(b, " font=mono");
    color(b, "fill", s->color);
    return done(c);
}

static lr_status t_clip(lr_canvas *c, double x, double y, double w, double h)
{
    lr_buf *b = out_of(c);
    lr_buf_puts(b, "clip");
    num(b, x), num(b, y), num(b, w), num(b, h);
    return done(c);
}

static lr_status t_restore(lr_canvas *c)
{
    lr_buf_puts(out_of(c), "restore");
    return done(c);
}

static lr_status t_group_begin(lr_canvas *c, const char *title)
{
    lr_buf *b = out_of(c);
    lr_buf_puts(b, "group ");
    quoted(b, title);
    return done(c);
}

static lr_status t_group_end(lr_canvas *c)
{
    lr_buf_puts(out_of(c), "end-group");
    return done(c);
}

static lr_status t_finish(lr_canvas *c)
{
    return lr_buf_failed(out_of(c)) ? LR_ENOMEM : LR_OK;
}

static const lr_canvas_class trace_class = {
    .version = LR_CANVAS_CLASS_VERSION,
    .name = "trace",
    .begin_page = t_begin_page,
    .end_page = t_end_page,
    .shape = t_shape,
    .text = t_text,
    .clip = t_clip,
    .restore = t_restore,
    .group_begin = t_group_begin,
    .group_end = t_group_end,
    .finish = t_finish,
};

lr_canvas *lr_canvas_trace_new(const lr_fonts *fonts, lr_buf *out)
{
    if (!out)
        return NULL;
    trace_canvas *t = calloc(1, sizeof(*t));
    if (!t)
        return NULL;
    lr_canvas_init(&t->base, &trace_class, fonts);
    t->out = out;
    return &t->base;
}

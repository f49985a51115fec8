/* The canvas front: argument checks, the sticky error, clip/group bookkeeping, the path
 * builder, and the painting driver: shape bounds, the fill -> hatch -> stroke order, the hatch
 * lines and the text layout (runs by face, anchor). Backends (canvas_cairo.c, canvas_hpdf.c,
 * canvas_trace.c) only see calls that passed these checks, and only draw primitives. */
#include "canvas/canvas.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas/trace.h"
#include "core/error.h"
#include "core/utf8.h"

void lr_canvas_init(lr_canvas *c, const lr_canvas_class *klass, const lr_fonts *fonts)
{
    memset(c, 0, sizeof(*c));
    c->klass = klass;
    c->fonts = fonts;
    c->status = LR_OK;
}

lr_status lr_canvas_fail(lr_canvas *c, lr_status status, const char *fmt, ...)
{
    if (!c || c->status != LR_OK || status == LR_OK)
        return c && c->status != LR_OK ? c->status : status;
    c->status = status;
    c->error.status = status;
    c->error.file[0] = '\0';
    c->error.pointer[0] = '\0';
    c->error.line = c->error.column = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->error.message, sizeof(c->error.message), fmt, ap);
    va_end(ap);
    return status;
}

/* Common gate of the drawing calls: no error, a page open, finite numbers. */
static int ready(lr_canvas *c, const char *what, const double *v, size_t n)
{
    if (!c || c->status != LR_OK)
        return 0;
    if (c->finished) {
        lr_canvas_fail(c, LR_EUSAGE, "%s after finish", what);
        return 0;
    }
    if (!c->page_open) {
        lr_canvas_fail(c, LR_EUSAGE, "%s outside a page", what);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(v[i])) {
            lr_canvas_fail(c, LR_ERENDER, "%s: coordinate is not a finite number", what);
            return 0;
        }
    }
    return 1;
}

static int style_ok(lr_canvas *c, const char *what, const lr_style *s)
{
    if (!s) {
        lr_canvas_fail(c, LR_EUSAGE, "%s without a style", what);
        return 0;
    }
    if (!isfinite(s->line_width) || s->line_width < 0 || !isfinite(s->dash[0]) ||
        !isfinite(s->dash[1]) || s->dash[0] < 0 || s->dash[1] < 0) {
        lr_canvas_fail(c, LR_EUSAGE, "%s: bad line width or dash", what);
        return 0;
    }
    return 1;
}

static void check(lr_canvas *c, lr_status st, const char *what)
{
    if (st != LR_OK)
        lr_canvas_fail(c, st, "%s failed", what); /* keeps the backend's message if it set one */
}

/* After a trace line: the trace's growth failing is the canvas failing. */
static int traced(lr_canvas *c)
{
    if (lr_buf_failed(c->trace)) {
        lr_canvas_fail(c, LR_ENOMEM, "trace: out of memory");
        return 0;
    }
    return 1;
}

void lr_canvas_trace_to(lr_canvas *c, lr_buf *out)
{
    if (!c)
        return;
    c->trace = out;
    if (out) {
        lr_trace_canvas(out, c->klass->name);
        traced(c);
    }
}

/* ---- The painting driver ------------------------------------------------------------------- */

const char *lr_shape_name(lr_shape_kind kind)
{
    static const char *const names[] = {"rect", "path", "circle", "line"};
    return (unsigned)kind <= LR_SHAPE_LINE ? names[kind] : "shape";
}

static void shape_bounds(const lr_shape *sh, double *x0, double *y0, double *x1, double *y1)
{
    switch (sh->kind) {
    case LR_SHAPE_RECT:
        *x0 = sh->x, *y0 = sh->y, *x1 = sh->x + sh->w, *y1 = sh->y + sh->h;
        break;
    case LR_SHAPE_CIRCLE:
        *x0 = sh->x - sh->w, *y0 = sh->y - sh->w, *x1 = sh->x + sh->w, *y1 = sh->y + sh->w;
        break;
    case LR_SHAPE_LINE:
        *x0 = fmin(sh->x, sh->w), *x1 = fmax(sh->x, sh->w);
        *y0 = fmin(sh->y, sh->h), *y1 = fmax(sh->y, sh->h);
        break;
    case LR_SHAPE_PATH:
        if (!lr_path_bounds(sh->segs, sh->n, x0, y0, x1, y1))
            *x0 = *y0 = *x1 = *y1 = 0;
        break;
    }
}

/* The hatch lines over the shape's bounding box (see LR_HATCH_SPACING), handed to the
 * backend to stroke clipped to the shape. */
static lr_status hatch(lr_canvas *c, const lr_shape *sh, lr_color color)
{
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    long k0, k1;
    shape_bounds(sh, &x0, &y0, &x1, &y1);
    lr_hatch_range(x0, y0, x1, y1, &k0, &k1);
    size_t n = 2 * (size_t)(k1 - k0 + 1);
    lr_path_seg small[128], *lines = small;
    if (n > sizeof(small) / sizeof(small[0])) {
        lines = malloc(n * sizeof(*lines));
        if (!lines)
            return lr_canvas_fail(c, LR_ENOMEM, "%s: out of memory hatching",
                                  lr_shape_name(sh->kind));
    }
    memset(lines, 0, n * sizeof(*lines));
    for (long k = k0; k <= k1; k++) {
        double d = (double)k * LR_HATCH_SPACING;
        lr_path_seg *g = &lines[2 * (size_t)(k - k0)];
        g[0].kind = LR_SEG_MOVE, g[0].x = d - y0, g[0].y = y0;
        g[1].kind = LR_SEG_LINE, g[1].x = d - y1, g[1].y = y1;
    }
    lr_status st = c->klass->hatch(c, sh, lines, n, color);
    if (lines != small)
        free(lines);
    return st;
}

/* A checked shape: whole to a recording backend, else fill, hatch, stroke, in that order. */
static void draw_shape(lr_canvas *c, const lr_shape *sh, const lr_style *s)
{
    const lr_canvas_class *k = c->klass;
    lr_status st = LR_OK;
    int area = sh->kind != LR_SHAPE_LINE;
    if (c->trace) {
        lr_trace_shape(c->trace, sh, s);
        if (!traced(c))
            return;
    }
    if (k->shape) {
        st = k->shape(c, sh, s);
    } else {
        if (s->fill && area && k->fill)
            st = k->fill(c, sh, s->fill);
        if (st == LR_OK && s->hatch && area && k->hatch)
            st = hatch(c, sh, s->hatch);
        if (st == LR_OK && s->stroke && s->line_width > 0 && k->stroke)
            st = k->stroke(c, sh, s);
    }
    check(c, st, lr_shape_name(sh->kind));
}

void lr_canvas_begin_page(lr_canvas *c, double width, double height)
{
    if (!c || c->status != LR_OK)
        return;
    if (c->finished || c->page_open) {
        lr_canvas_fail(c, LR_EUSAGE, "begin_page %s", c->finished ? "after finish" : "twice");
        return;
    }
    if (!isfinite(width) || !isfinite(height) || width <= 0 || height <= 0 || width > 1e5 ||
        height > 1e5) {
        lr_canvas_fail(c, LR_EUSAGE, "page size %g x %g is not usable", width, height);
        return;
    }
    c->page_open = 1;
    c->pages++;
    c->page_width = width;
    c->page_height = height;
    if (c->trace) {
        lr_trace_page(c->trace, width, height);
        if (!traced(c))
            return;
    }
    if (c->klass->begin_page)
        check(c, c->klass->begin_page(c, width, height), "begin_page");
}

void lr_canvas_end_page(lr_canvas *c)
{
    if (!ready(c, "end_page", NULL, 0))
        return;
    if (c->clips || c->groups) {
        lr_canvas_fail(c, LR_EUSAGE, "end_page with %d clip(s) and %d group(s) open", c->clips,
                       c->groups);
        return;
    }
    c->page_open = 0;
    if (c->trace) {
        lr_trace_end_page(c->trace);
        if (!traced(c))
            return;
    }
    if (c->klass->end_page)
        check(c, c->klass->end_page(c), "end_page");
}

void lr_canvas_rect(lr_canvas *c, double x, double y, double w, double h, const lr_style *s)
{
    double v[4] = {x, y, w, h};
    if (!ready(c, "rect", v, 4) || !style_ok(c, "rect", s))
        return;
    if (w < 0)
        x += w, w = -w;
    if (h < 0)
        y += h, h = -h;
    lr_shape sh = {LR_SHAPE_RECT, x, y, w, h, NULL, 0};
    draw_shape(c, &sh, s);
}

void lr_canvas_path(lr_canvas *c, const lr_path_seg *segs, size_t n, const lr_style *s)
{
    if (!ready(c, "path", NULL, 0) || !style_ok(c, "path", s))
        return;
    if (!segs && n) {
        lr_canvas_fail(c, LR_ENOMEM, "path: out of memory building the path");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const lr_path_seg *g = &segs[i];
        double v[6] = {g->x, g->y, g->x1, g->y1, g->x2, g->y2};
        if (!ready(c, "path", v, g->kind == LR_SEG_CURVE ? 6 : g->kind == LR_SEG_CLOSE ? 0 : 2))
            return;
        if ((unsigned)g->kind > LR_SEG_CLOSE || (i == 0 && g->kind != LR_SEG_MOVE)) {
            lr_canvas_fail(c, LR_EUSAGE, "path: segment %zu is not valid here", i);
            return;
        }
    }
    lr_shape sh = {LR_SHAPE_PATH, 0, 0, 0, 0, segs, n};
    if (n)
        draw_shape(c, &sh, s);
}

void lr_canvas_draw_path(lr_canvas *c, const lr_path *p, const lr_style *s)
{
    if (p && p->failed) {
        if (c && c->status == LR_OK)
            lr_canvas_fail(c, LR_ENOMEM, "path: out of memory building the path");
        return;
    }
    if (p)
        lr_canvas_path(c, p->segs, p->n, s);
}

void lr_canvas_line(lr_canvas *c, double x1, double y1, double x2, double y2, const lr_style *s)
{
    double v[4] = {x1, y1, x2, y2};
    if (!ready(c, "line", v, 4) || !style_ok(c, "line", s))
        return;
    lr_shape sh = {LR_SHAPE_LINE, x1, y1, x2, y2, NULL, 0};
    draw_shape(c, &sh, s);
}

void lr_canvas_circle(lr_canvas *c, double cx, double cy, double r, const lr_style *s)
{
    double v[3] = {cx, cy, r};
    if (!ready(c, "circle", v, 3) || !style_ok(c, "circle", s))
        return;
    if (r < 0) {
        lr_canvas_fail(c, LR_EUSAGE, "circle: negative radius");
        return;
    }
    lr_shape sh = {LR_SHAPE_CIRCLE, cx, cy, r, r, NULL, 0};
    draw_shape(c, &sh, s);
}

void lr_canvas_text(lr_canvas *c, double x, double y, const char *utf8, const lr_text_style *s,
                    lr_anchor anchor)
{
    double v[2] = {x, y};
    if (!ready(c, "text", v, 2))
        return;
    if (!s || !isfinite(s->size) || s->size <= 0 || (unsigned)anchor > LR_ANCHOR_END) {
        lr_canvas_fail(c, LR_EUSAGE, "text: bad style or anchor");
        return;
    }
    if (!utf8 || !*utf8)
        return;
    if (c->trace) {
        lr_trace_text(c->trace, x, y, utf8, s, anchor);
        if (!traced(c))
            return;
    }
    if (!c->klass->text)
        return;
    lr_text_layout t = {x, y, anchor, utf8, NULL, 0, x};
    lr_text_run small[8], *runs = small;
    if (c->fonts) {
        t.n = lr_fonts_split(c->fonts, s->font, s->size, utf8, small, 8);
        if (t.n > 8) {
            runs = malloc(t.n * sizeof(*runs));
            if (!runs) {
                lr_canvas_fail(c, LR_ENOMEM, "text: out of memory");
                return;
            }
            lr_fonts_split(c->fonts, s->font, s->size, utf8, runs, t.n);
        }
        double width = 0;
        for (size_t i = 0; i < t.n; i++)
            width += runs[i].width;
        t.pen = anchor == LR_ANCHOR_MIDDLE ? x - width / 2
                : anchor == LR_ANCHOR_END  ? x - width
                                           : x;
        t.runs = runs;
    }
    check(c, c->klass->text(c, &t, s), "text");
    if (runs != small)
        free(runs);
}

double lr_canvas_text_width(lr_canvas *c, const char *utf8, const lr_text_style *s)
{
    if (!c || c->status != LR_OK || !utf8 || !*utf8 || !s || !isfinite(s->size) || s->size <= 0)
        return 0;
    if (c->klass->text_width)
        return c->klass->text_width(c, utf8, s);
    if (c->fonts)
        return lr_fonts_text_width(c->fonts, s->font, s->size, utf8);
    /* No fonts (tests of the trace alone): 0.55 em per character. */
    size_t chars = 0;
    for (size_t i = 0; utf8[i];) {
        uint32_t cp;
        i += lr_utf8_decode(utf8 + i, LR_UTF8_MAX, &cp);
        chars++;
    }
    return 0.55 * s->size * (double)chars;
}

void lr_canvas_clip(lr_canvas *c, double x, double y, double w, double h)
{
    double v[4] = {x, y, w, h};
    if (!ready(c, "clip", v, 4))
        return;
    if (w < 0)
        x += w, w = -w;
    if (h < 0)
        y += h, h = -h;
    c->clips++;
    if (c->trace) {
        lr_trace_clip(c->trace, x, y, w, h);
        if (!traced(c))
            return;
    }
    if (c->klass->clip)
        check(c, c->klass->clip(c, x, y, w, h), "clip");
}

/* Closes the innermost clip or group: what is the call, *depth its open count, opener the
 * name of what it closes. 1 when the backend is to be told. */
static int close_nested(lr_canvas *c, const char *what, int *depth, const char *opener)
{
    if (!ready(c, what, NULL, 0))
        return 0;
    if (*depth <= 0) {
        lr_canvas_fail(c, LR_EUSAGE, "%s without a %s", what, opener);
        return 0;
    }
    (*depth)--;
    return 1;
}

void lr_canvas_restore(lr_canvas *c)
{
    if (!close_nested(c, "restore", c ? &c->clips : NULL, "clip"))
        return;
    if (c->trace) {
        lr_trace_restore(c->trace);
        if (!traced(c))
            return;
    }
    if (c->klass->restore)
        check(c, c->klass->restore(c), "restore");
}

void lr_canvas_group_begin(lr_canvas *c, const char *title)
{
    if (!ready(c, "group_begin", NULL, 0))
        return;
    c->groups++;
    if (c->trace) {
        lr_trace_group(c->trace, title ? title : "");
        if (!traced(c))
            return;
    }
    if (c->klass->group_begin)
        check(c, c->klass->group_begin(c, title ? title : ""), "group_begin");
}

void lr_canvas_group_end(lr_canvas *c)
{
    if (!close_nested(c, "group_end", c ? &c->groups : NULL, "group"))
        return;
    if (c->trace) {
        lr_trace_group_end(c->trace);
        if (!traced(c))
            return;
    }
    if (c->klass->group_end)
        check(c, c->klass->group_end(c), "group_end");
}

lr_status lr_canvas_finish(lr_canvas *c)
{
    if (!c)
        return LR_ENOMEM;
    if (c->finished)
        return c->status;
    if (c->status == LR_OK && c->page_open)
        lr_canvas_fail(c, LR_EUSAGE, "finish with a page open");
    if (c->status == LR_OK && !c->pages)
        lr_canvas_fail(c, LR_EUSAGE, "finish without a page");
    c->finished = 1;
    /* The backend is told even after an error, to release what it holds; it writes nothing. */
    lr_status st = c->klass->finish ? c->klass->finish(c) : c->status;
    if (st != LR_OK)
        lr_canvas_fail(c, st, "finish failed");
    return c->status;
}

lr_status lr_canvas_status(const lr_canvas *c)
{
    return c ? c->status : LR_ENOMEM;
}

const lr_error *lr_canvas_error(const lr_canvas *c)
{
    static const lr_error no_canvas = {LR_ENOMEM, "", 0, 0, "", "out of memory creating a canvas"};
    return c ? &c->error : &no_canvas;
}

void lr_canvas_free(lr_canvas *c)
{
    if (c && c->klass->destroy)
        c->klass->destroy(c);
    else
        free(c);
}

/* ---- Hatching and paths -------------------------------------------------------------------- */

void lr_hatch_range(double x0, double y0, double x1, double y1, long *k_first, long *k_last)
{
    double lo = fmin(x0, x1) + fmin(y0, y1), hi = fmax(x0, x1) + fmax(y0, y1);
    *k_first = (long)floor(lo / LR_HATCH_SPACING);
    *k_last = (long)ceil(hi / LR_HATCH_SPACING);
}

static lr_path_seg *push(lr_path *p)
{
    if (p->failed)
        return NULL;
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        lr_path_seg *s = realloc(p->segs, cap * sizeof(*s));
        if (!s) {
            p->failed = 1;
            free(p->segs);
            p->segs = NULL;
            p->n = p->cap = 0;
            return NULL;
        }
        p->segs = s;
        p->cap = cap;
    }
    lr_path_seg *g = &p->segs[p->n++];
    memset(g, 0, sizeof(*g));
    return g;
}

void lr_path_move(lr_path *p, double x, double y)
{
    lr_path_seg *g = push(p);
    if (g)
        g->kind = LR_SEG_MOVE, g->x = x, g->y = y;
}

void lr_path_line(lr_path *p, double x, double y)
{
    lr_path_seg *g = push(p);
    if (g)
        g->kind = LR_SEG_LINE, g->x = x, g->y = y;
}

void lr_path_curve(lr_path *p, double x1, double y1, double x2, double y2, double x, double y)
{
    lr_path_seg *g = push(p);
    if (g) {
        g->kind = LR_SEG_CURVE;
        g->x1 = x1, g->y1 = y1, g->x2 = x2, g->y2 = y2, g->x = x, g->y = y;
    }
}

void lr_path_close(lr_path *p)
{
    lr_path_seg *g = push(p);
    if (g)
        g->kind = LR_SEG_CLOSE;
}

void lr_path_clear(lr_path *p)
{
    p->n = 0;
}

void lr_path_free(lr_path *p)
{
    free(p->segs);
    p->segs = NULL;
    p->n = p->cap = 0;
    p->failed = 0;
}

int lr_path_bounds(const lr_path_seg *segs, size_t n, double *x0, double *y0, double *x1,
                   double *y1)
{
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        double px[3], py[3];
        int k = 0;
        if (segs[i].kind == LR_SEG_CLOSE)
            continue;
        px[k] = segs[i].x, py[k++] = segs[i].y;
        if (segs[i].kind == LR_SEG_CURVE) {
            px[k] = segs[i].x1, py[k++] = segs[i].y1;
            px[k] = segs[i].x2, py[k++] = segs[i].y2;
        }
        for (int j = 0; j < k; j++) {
            if (!any) {
                *x0 = *x1 = px[j], *y0 = *y1 = py[j];
                any = 1;
            } else {
                *x0 = fmin(*x0, px[j]), *x1 = fmax(*x1, px[j]);
                *y0 = fmin(*y0, py[j]), *y1 = fmax(*y1, py[j]);
            }
        }
    }
    return any;
}

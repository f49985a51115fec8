/*
 * The libharu backend of the canvas: shapes and text as PDF vector graphics, either on pages of
 * their own or placed into a box of an existing page (charts inside the PDF report). Canvas
 * coordinates (top-left origin, y down) are mapped to PDF coordinates here and nowhere else.
 */
#include "canvas/canvas_hpdf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

typedef struct hpdf_canvas {
    lr_canvas base;
    HPDF_Doc pdf;
    lr_hpdf_font_fn font_fn;
    void *font_user;
    HPDF_Font own_fonts[LR_FACE_COUNT]; /* when font_fn is NULL */
    HPDF_Page page;                     /* the page being drawn, or NULL */
    HPDF_Page target;                   /* set by lr_canvas_hpdf_place() */
    double target_x, target_y, target_scale;
    double ox, oy, scale, page_height; /* the mapping of the current page */
    HPDF_ExtGState fill_alpha[256], stroke_alpha[256];
} hpdf_canvas;

static hpdf_canvas *hc_of(lr_canvas *c)
{
    return (hpdf_canvas *)c;
}

static HPDF_REAL px(hpdf_canvas *hc, double x)
{
    return (HPDF_REAL)(hc->ox + x * hc->scale);
}

static HPDF_REAL py(hpdf_canvas *hc, double y)
{
    return (HPDF_REAL)(hc->page_height - (hc->oy + y * hc->scale));
}

/* The first libharu error since the document was made, as a canvas failure. */
static lr_status check(lr_canvas *c, const char *what)
{
    hpdf_canvas *hc = hc_of(c);
    HPDF_STATUS e = HPDF_GetError(hc->pdf);
    if (e == HPDF_OK)
        return LR_OK;
    return lr_canvas_fail(c, e == HPDF_FAILD_TO_ALLOC_MEM ? LR_ENOMEM : LR_ERENDER,
                          "pdf: %s: libharu error 0x%04X", what, (unsigned)e);
}

/* Fill or stroke colour, with an ExtGState for alpha below 1 (cached per alpha value). */
static void set_color(hpdf_canvas *hc, lr_color color, int stroke)
{
    HPDF_REAL r = (HPDF_REAL)LR_COLOR_R(color), g = (HPDF_REAL)LR_COLOR_G(color),
              b = (HPDF_REAL)LR_COLOR_B(color);
    if (stroke)
        HPDF_Page_SetRGBStroke(hc->page, r, g, b);
    else
        HPDF_Page_SetRGBFill(hc->page, r, g, b);
    unsigned a = color & 0xffu;
    if (a == 0xffu)
        return;
    HPDF_ExtGState *slot = stroke ? &hc->stroke_alpha[a] : &hc->fill_alpha[a];
    if (!*slot) {
        *slot = HPDF_CreateExtGState(hc->pdf);
        if (!*slot)
            return;
        if (stroke)
            HPDF_ExtGState_SetAlphaStroke(*slot, (HPDF_REAL)LR_COLOR_A(color));
        else
            HPDF_ExtGState_SetAlphaFill(*slot, (HPDF_REAL)LR_COLOR_A(color));
    }
    HPDF_Page_SetExtGState(hc->page, *slot);
}

/* ---- Paint primitives (the order and the hatch lines are the front's) ---------------------- */

static void emit_segs(hpdf_canvas *hc, const lr_path_seg *segs, size_t n)
{
    HPDF_Page p = hc->page;
    for (size_t i = 0; i < n; i++) {
        const lr_path_seg *g = &segs[i];
        switch (g->kind) {
        case LR_SEG_MOVE:
            HPDF_Page_MoveTo(p, px(hc, g->x), py(hc, g->y));
            break;
        case LR_SEG_LINE:
            HPDF_Page_LineTo(p, px(hc, g->x), py(hc, g->y));
            break;
        case LR_SEG_CURVE:
            HPDF_Page_CurveTo(p, px(hc, g->x1), py(hc, g->y1), px(hc, g->x2), py(hc, g->y2),
                              px(hc, g->x), py(hc, g->y));
            break;
        case LR_SEG_CLOSE:
            HPDF_Page_ClosePath(p);
            break;
        }
    }
}

static void shape_path(hpdf_canvas *hc, const lr_shape *sh)
{
    HPDF_Page p = hc->page;
    switch (sh->kind) {
    case LR_SHAPE_RECT:
        HPDF_Page_Rectangle(p, px(hc, sh->x), py(hc, sh->y + sh->h), (HPDF_REAL)(sh->w * hc->scale),
                            (HPDF_REAL)(sh->h * hc->scale));
        break;
    case LR_SHAPE_CIRCLE:
        HPDF_Page_Circle(p, px(hc, sh->x), py(hc, sh->y), (HPDF_REAL)(sh->w * hc->scale));
        break;
    case LR_SHAPE_LINE:
        HPDF_Page_MoveTo(p, px(hc, sh->x), py(hc, sh->y));
        HPDF_Page_LineTo(p, px(hc, sh->w), py(hc, sh->h));
        break;
    case LR_SHAPE_PATH:
        emit_segs(hc, sh->segs, sh->n);
        break;
    }
}

/* Each primitive keeps its graphics state changes inside GSave ... GRestore; PDF wants the
 * colours set before the path is built. */
static lr_status h_fill(lr_canvas *c, const lr_shape *sh, lr_color color)
{
    hpdf_canvas *hc = hc_of(c);
    HPDF_Page_GSave(hc->page);
    set_color(hc, color, 0);
    shape_path(hc, sh);
    HPDF_Page_Fill(hc->page);
    HPDF_Page_GRestore(hc->page);
    return check(c, lr_shape_name(sh->kind));
}

static lr_status h_hatch(lr_canvas *c, const lr_shape *sh, const lr_path_seg *lines, size_t n,
                         lr_color color)
{
    hpdf_canvas *hc = hc_of(c);
    HPDF_Page p = hc->page;
    HPDF_Page_GSave(p);
    shape_path(hc, sh);
    HPDF_Page_Clip(p);
    HPDF_Page_EndPath(p);
    set_color(hc, color, 1);
    HPDF_Page_SetLineWidth(p, (HPDF_REAL)(LR_HATCH_WIDTH * hc->scale));
    HPDF_Page_SetLineCap(p, HPDF_BUTT_END);
    emit_segs(hc, lines, n);
    HPDF_Page_Stroke(p);
    HPDF_Page_GRestore(p);
    return check(c, lr_shape_name(sh->kind));
}

static lr_status h_stroke(lr_canvas *c, const lr_shape *sh, const lr_style *s)
{
    hpdf_canvas *hc = hc_of(c);
    HPDF_Page p = hc->page;
    HPDF_Page_GSave(p);
    set_color(hc, s->stroke, 1);
    HPDF_Page_SetLineWidth(p, (HPDF_REAL)(s->line_width * hc->scale));
    HPDF_Page_SetLineCap(p, HPDF_BUTT_END);
    HPDF_Page_SetLineJoin(p, sh->kind == LR_SHAPE_RECT ? HPDF_MITER_JOIN : HPDF_ROUND_JOIN);
    if (s->dash[0] > 0 || s->dash[1] > 0) {
        /* libharu 2.3 takes whole points; round, never to 0 */
        HPDF_UINT16 dash[2];
        for (int i = 0; i < 2; i++) {
            double v = floor(s->dash[i] * hc->scale + 0.5);
            dash[i] = (HPDF_UINT16)(v < 1 ? 1 : v > 1000 ? 1000 : v);
        }
        HPDF_Page_SetDash(p, dash, 2, 0);
    }
    shape_path(hc, sh);
    HPDF_Page_Stroke(p);
    HPDF_Page_GRestore(p);
    return check(c, lr_shape_name(sh->kind));
}

/* ---- Text ---------------------------------------------------------------------------------- */

static HPDF_Font font_of(hpdf_canvas *hc, lr_face face)
{
    if (hc->font_fn)
        return hc->font_fn(hc->font_user, face);
    if (!hc->own_fonts[face]) {
        const char *name =
            HPDF_LoadTTFontFromFile(hc->pdf, lr_fonts_face_path(hc->base.fonts, face), HPDF_TRUE);
        if (name)
            hc->own_fonts[face] = HPDF_GetFont(hc->pdf, name, "UTF-8");
    }
    return hc->own_fonts[face];
}

/* Copies n bytes of UTF-8, replacing characters beyond the Basic Multilingual Plane (libharu's
 * UTF-8 encoder maps to 16-bit codes) with U+FFFD. out holds 3 * n + 1 bytes. */
static void bmp_copy(char *out, const char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = lr_utf8_decode(s + i, n - i, &cp);
        if (cp > 0xffff || (cp == 0xfffd && k == 1)) {
            memcpy(out + o, "\xef\xbf\xbd", 3);
            o += 3;
        } else {
            memcpy(out + o, s + i, k);
            o += k;
        }
        i += k;
    }
    out[o] = '\0';
}

static lr_status h_text(lr_canvas *c, const lr_text_layout *t, const lr_text_style *s)
{
    hpdf_canvas *hc = hc_of(c);
    char *buf = malloc(3 * strlen(t->utf8) + 1);
    if (!buf)
        return lr_canvas_fail(c, LR_ENOMEM, "text: out of memory");
    lr_status st = LR_OK;
    double pen = t->pen;
    HPDF_Page_GSave(hc->page);
    set_color(hc, s->color, 0);
    HPDF_Page_BeginText(hc->page);
    for (size_t i = 0; i < t->n && st == LR_OK; i++) {
        const lr_text_run *run = &t->runs[i];
        HPDF_Font font = font_of(hc, run->face);
        if (!font) {
            st = lr_canvas_fail(c, LR_EIO, "cannot load font %s",
                                lr_fonts_face_path(c->fonts, run->face));
            break;
        }
        HPDF_Page_SetFontAndSize(hc->page, font, (HPDF_REAL)(s->size * hc->scale));
        HPDF_Page_SetTextMatrix(hc->page, 1, 0, 0, 1, px(hc, pen), py(hc, t->y));
        bmp_copy(buf, t->utf8 + run->offset, run->length);
        HPDF_Page_ShowText(hc->page, buf);
        pen += run->width;
    }
    HPDF_Page_EndText(hc->page);
    HPDF_Page_GRestore(hc->page);
    free(buf);
    return st != LR_OK ? st : check(c, "text");
}

/* ---- Pages and clips ----------------------------------------------------------------------- */

static lr_status h_begin_page(lr_canvas *c, double w, double h)
{
    hpdf_canvas *hc = hc_of(c);
    if (hc->target) {
        hc->page = hc->target;
        hc->ox = hc->target_x;
        hc->oy = hc->target_y;
        hc->scale = hc->target_scale;
        hc->page_height = HPDF_Page_GetHeight(hc->page);
        hc->target = NULL;
    } else {
        hc->page = HPDF_AddPage(hc->pdf);
        if (!hc->page)
            return check(c, "begin_page");
        HPDF_Page_SetWidth(hc->page, (HPDF_REAL)w);
        HPDF_Page_SetHeight(hc->page, (HPDF_REAL)h);
        hc->ox = hc->oy = 0;
        hc->scale = 1;
        hc->page_height = h;
    }
    /* Nothing leaves the box: the chart is clipped to its page. */
    HPDF_Page_GSave(hc->page);
    HPDF_Page_Rectangle(hc->page, px(hc, 0), py(hc, h), (HPDF_REAL)(w * hc->scale),
                        (HPDF_REAL)(h * hc->scale));
    HPDF_Page_Clip(hc->page);
    HPDF_Page_EndPath(hc->page);
    return check(c, "begin_page");
}

static lr_status h_end_page(lr_canvas *c)
{
    hpdf_canvas *hc = hc_of(c);
    HPDF_Page_GRestore(hc->page);
    hc->page = NULL;
    return check(c, "end_page");
}

static lr_status h_clip(lr_canvas *c, double x, double y, double w, double h)
{
    hpdf_canvas *hc = hc_of(c);
    HPDF_Page_GSave(hc->page);
    HPDF_Page_Rectangle(hc->page, px(hc, x), py(hc, y + h), (HPDF_REAL)(w * hc->scale),
                        (HPDF_REAL)(h * hc->scale));
    HPDF_Page_Clip(hc->page);
    HPDF_Page_EndPath(hc->page);
    return check(c, "clip");
}

static lr_status h_restore(lr_canvas *c)
{
    HPDF_Page_GRestore(hc_of(c)->page);
    return check(c, "restore");
}

/* No finish (the caller saves the document) and no destroy (nothing is held but the struct). */
static const lr_canvas_class hpdf_class = {
    .version = LR_CANVAS_CLASS_VERSION,
    .name = "pdf",
    .begin_page = h_begin_page,
    .end_page = h_end_page,
    .fill = h_fill,
    .hatch = h_hatch,
    .stroke = h_stroke,
    .text = h_text,
    .clip = h_clip,
    .restore = h_restore,
};

lr_canvas *lr_canvas_hpdf_new(const lr_fonts *fonts, HPDF_Doc doc, lr_hpdf_font_fn font,
                              void *font_user)
{
    if (!fonts || !doc)
        return NULL;
    hpdf_canvas *hc = calloc(1, sizeof(*hc));
    if (!hc)
        return NULL;
    lr_canvas_init(&hc->base, &hpdf_class, fonts);
    hc->pdf = doc;
    hc->font_fn = font;
    hc->font_user = font_user;
    return &hc->base;
}

void lr_canvas_hpdf_place(lr_canvas *c, HPDF_Page page, double x, double y, double scale)
{
    if (!c || c->klass != &hpdf_class)
        return;
    if (!page || !isfinite(x) || !isfinite(y) || !isfinite(scale) || scale <= 0) {
        lr_canvas_fail(c, LR_EUSAGE, "pdf: bad placement");
        return;
    }
    hpdf_canvas *hc = hc_of(c);
    hc->target = page;
    hc->target_x = x;
    hc->target_y = y;
    hc->target_scale = scale;
}

/*
 * canvas.h - the drawing interface charts are drawn against.
 *
 * A canvas is a small object with a method table (lr_canvas_class), in the manner of cmark's
 * renderer and duc's graph backends: chart geometry is computed once in src/chart, and each
 * backend (cairo SVG/PNG, libharu PDF, text trace) only turns the calls into its own output.
 *
 * Conventions:
 *  - Units are points (1/72 in); the origin is the top-left corner of the page, y grows down.
 *  - Styles are passed with every call; a backend keeps no drawing state between calls other
 *    than clips and groups, which nest and must be balanced before end_page.
 *  - Text is UTF-8 and is always drawn with the fonts of lr_fonts (per-character fallback to
 *    Nanum Gothic for Hangul), measured by FreeType advances: every backend gets the same
 *    widths, so a layout computed against one backend is exact for all of them.
 *  - Errors are sticky: after the first failure every call is a harmless no-op and
 *    lr_canvas_finish() returns the first failure's status (detail in lr_canvas_error()).
 *    A NULL canvas is also a harmless no-op everywhere.
 */
#ifndef LR_CANVAS_H
#define LR_CANVAS_H

#include <stddef.h>
#include <stdint.h>

#include "llmreport.h"
#include "core/buf.h"
#include "canvas/fonts.h"

/* A colour as 0xRRGGBBAA. Alpha 0 means "none" (no fill, no stroke). */
typedef uint32_t lr_color;

#define LR_RGB(rgb) ((lr_color)(((uint32_t)(rgb) << 8) | 0xffu))
#define LR_RGBA(rgb, a) ((lr_color)(((uint32_t)(rgb) << 8) | ((uint32_t)(a)&0xffu)))
#define LR_COLOR_NONE ((lr_color)0)
#define LR_COLOR_R(c) ((double)(((c) >> 24) & 0xffu) / 255.0)
#define LR_COLOR_G(c) ((double)(((c) >> 16) & 0xffu) / 255.0)
#define LR_COLOR_B(c) ((double)(((c) >> 8) & 0xffu) / 255.0)
#define LR_COLOR_A(c) ((double)((c)&0xffu) / 255.0)

/* Style of shapes (rect, path, line, circle). Order of painting: fill, hatch, stroke. */
typedef struct lr_style {
    lr_color fill;     /* LR_COLOR_NONE: not filled */
    lr_color stroke;   /* LR_COLOR_NONE: not stroked */
    double line_width; /* of the stroke, points */
    double dash[2];    /* on, off lengths; {0, 0} is a solid line */
    lr_color hatch;    /* not NONE: diagonal hatch lines of this colour over the fill */
} lr_style;

/* Hatching, drawn by the front for every painting backend: lines x + y = k * LR_HATCH_SPACING
 * (k integer, page coordinates, so neighbouring hatched shapes line up), LR_HATCH_WIDTH wide,
 * clipped to the shape. lr_hatch_range() gives the k range that covers a bounding box. */
#define LR_HATCH_SPACING 4.0
#define LR_HATCH_WIDTH 1.0
void lr_hatch_range(double x0, double y0, double x1, double y1, long *k_first, long *k_last);

/* Style of text. */
typedef struct lr_text_style {
    lr_color color;
    lr_font_role font; /* LR_FONT_REGULAR, LR_FONT_BOLD, LR_FONT_MONO */
    double size;       /* points */
} lr_text_style;

/* Where the x of a text call sits on the string; y is always the baseline. */
typedef enum lr_anchor { LR_ANCHOR_START = 0, LR_ANCHOR_MIDDLE, LR_ANCHOR_END } lr_anchor;

/* One segment of a path. CURVE is a cubic Bézier with control points (x1,y1), (x2,y2) ending at
 * (x,y). CLOSE ignores the coordinates. */
typedef enum lr_seg_kind { LR_SEG_MOVE = 0, LR_SEG_LINE, LR_SEG_CURVE, LR_SEG_CLOSE } lr_seg_kind;

typedef struct lr_path_seg {
    lr_seg_kind kind;
    double x, y;
    double x1, y1, x2, y2;
} lr_path_seg;

/* A growable path, drawn with lr_canvas_draw_path(). Sticky failure like lr_buf: a path whose
 * growth failed is empty and lr_canvas_draw_path() reports LR_ENOMEM for it. */
typedef struct lr_path {
    lr_path_seg *segs;
    size_t n, cap;
    int failed;
} lr_path;

/* clang-format off */
#define LR_PATH_INIT {NULL, 0, 0, 0}
/* clang-format on */
void lr_path_move(lr_path *p, double x, double y);
void lr_path_line(lr_path *p, double x, double y);
void lr_path_curve(lr_path *p, double x1, double y1, double x2, double y2, double x, double y);
void lr_path_close(lr_path *p);
void lr_path_clear(lr_path *p);
void lr_path_free(lr_path *p);
/* Bounding box of the segments (control points included). Returns 0 when there is none. */
int lr_path_bounds(const lr_path_seg *segs, size_t n, double *x0, double *y0, double *x1,
                   double *y1);

typedef struct lr_canvas lr_canvas;

/* A shape as the front hands it to a backend: rectangles are normalised (w, h >= 0), paths
 * are checked (a MOVE first, known kinds, finite numbers). */
typedef enum lr_shape_kind {
    LR_SHAPE_RECT = 0,
    LR_SHAPE_PATH,
    LR_SHAPE_CIRCLE,
    LR_SHAPE_LINE
} lr_shape_kind;

typedef struct lr_shape {
    lr_shape_kind kind;
    double x, y, w, h;       /* rect; line from (x,y) to (w,h); circle centre (x,y) radius w */
    const lr_path_seg *segs; /* path */
    size_t n;
} lr_shape;

/* "rect", "path", "circle", "line": for messages. */
const char *lr_shape_name(lr_shape_kind kind);

/* A text call laid out by the front: utf8 split into runs by face (lr_fonts_split), the first
 * run starting at pen (x with the anchor applied), each next one at the sum of the widths
 * before it. x and anchor are the call's own. Without fonts (a trace for tests) n is 0. */
typedef struct lr_text_layout {
    double x, y;
    lr_anchor anchor;
    const char *utf8;
    const lr_text_run *runs;
    size_t n;
    double pen;
} lr_text_layout;

/*
 * The method table a backend fills. Methods are only called on a canvas without error, with
 * finite coordinates and a non-NULL style; drawing methods only between begin_page and
 * end_page. A method returns LR_OK or a status, after filling the canvas error with
 * lr_canvas_fail().
 *
 * Shapes: a backend that records calls (the trace) takes each shape whole through shape().
 * A backend that paints leaves shape NULL and fills the three primitives; the front then owns
 * the order (fill, hatch, stroke; a line is only stroked) and the hatch geometry, so every
 * painting backend paints alike. fill: fill the shape with a colour. hatch: stroke lines (a
 * MOVE, LINE pair each) LR_HATCH_WIDTH wide, butt caps, solid, in a colour, clipped to the
 * shape. stroke: stroke the shape with the style's stroke colour, width and dash, butt caps,
 * mitre joins for rectangles and round joins otherwise.
 *
 * Every method may be NULL, which makes the call a no-op for that backend (the trace canvas
 * has none): clip/restore (then nothing is clipped), group_begin/group_end (groups are
 * dropped), text_width (the width comes from lr_fonts_text_width, which is what every backend
 * should use anyway).
 * version is LR_CANVAS_CLASS_VERSION.
 */
#define LR_CANVAS_CLASS_VERSION 2

/*
 * Writing a backend: embed lr_canvas as the first member, fill a static lr_canvas_class, and
 * call lr_canvas_init() in the constructor. Text comes laid out (lr_text_layout): within a run
 * advance glyph by glyph by lr_fonts_advance() x size, or show the run's UTF-8 with the face's
 * own font where the output format positions glyphs by the same hmtx advances (PDF). Report
 * failures with lr_canvas_fail() and return its status.
 */

typedef struct lr_canvas_class {
    int version;
    const char *name; /* "svg", "png", "trace", "pdf" */
    lr_status (*begin_page)(lr_canvas *c, double width, double height);
    lr_status (*end_page)(lr_canvas *c);
    lr_status (*shape)(lr_canvas *c, const lr_shape *sh, const lr_style *s);
    lr_status (*fill)(lr_canvas *c, const lr_shape *sh, lr_color color);
    lr_status (*hatch)(lr_canvas *c, const lr_shape *sh, const lr_path_seg *lines, size_t n,
                       lr_color color);
    lr_status (*stroke)(lr_canvas *c, const lr_shape *sh, const lr_style *s);
    lr_status (*text)(lr_canvas *c, const lr_text_layout *t, const lr_text_style *s);
    double (*text_width)(lr_canvas *c, const char *utf8, const lr_text_style *s);
    lr_status (*clip)(lr_canvas *c, double x, double y, double w, double h);
    lr_status (*restore)(lr_canvas *c);
    lr_status (*group_begin)(lr_canvas *c, const char *title);
    lr_status (*group_end)(lr_canvas *c);
    /* Completes the output (writes the file). Called once, also after an error so that the
     * backend can release what it holds; it must not write output then. NULL: nothing to
     * complete (the canvas status is the result). */
    lr_status (*finish)(lr_canvas *c);
    /* Frees the backend's part; the canvas memory itself included. NULL: the backend holds
     * nothing but its struct, which the front frees. */
    void (*destroy)(lr_canvas *c);
} lr_canvas_class;

/* The common part of every canvas; a backend's struct starts with it. Backends fill klass and
 * fonts through lr_canvas_init(); the rest belongs to canvas.c. */
struct lr_canvas {
    const lr_canvas_class *klass;
    const lr_fonts *fonts; /* borrowed; NULL: text widths are estimated (tests only) */
    lr_status status;
    lr_error error;
    int page_open;
    int pages;
    int clips;  /* open clips */
    int groups; /* open groups */
    int finished;
    double page_width, page_height;
    lr_buf *trace; /* borrowed; not NULL: every call is also written here as a trace line */
};

/* For backends: sets up the common part. */
void lr_canvas_init(lr_canvas *c, const lr_canvas_class *klass, const lr_fonts *fonts);

/* Records a failure (first one wins) and returns status. For backends and for chart layout,
 * which reports bad chart data through the canvas it draws on. */
lr_status lr_canvas_fail(lr_canvas *c, lr_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- Backends ------------------------------------------------------------------------------ */

/*
 * The cairo backends. fonts is borrowed and must outlive the canvas (cairo's font caches may
 * keep FreeType faces a little longer; they hold their own reference on the FreeType library).
 * SVG: one page; the bytes are written to write(user, ...) by lr_canvas_finish(); the output is
 * deterministic (same calls, same bytes, in any process), and groups become
 * <g><title>…</title>…</g> so viewers show the title as a tooltip.
 * PNG: one page rendered at scale × the page size in pixels (2 is crisp on most screens),
 * white background. Return NULL when out of memory.
 */
lr_canvas *lr_canvas_svg_new(const lr_fonts *fonts, lr_write_fn write, void *user);
lr_canvas *lr_canvas_png_new(const lr_fonts *fonts, double scale, lr_write_fn write, void *user);

/*
 * The trace backend: appends one line per call to out, every number with "%.2f", e.g.
 *   rect 10.00 20.00 30.00 40.00 fill=#0072b2ff
 *   text 12.00 30.00 "GPT-4" size=9.00 anchor=end fill=#000000ff
 * fonts may be NULL; text widths are then estimated as 0.55 em per character. out is borrowed.
 */
lr_canvas *lr_canvas_trace_new(const lr_fonts *fonts, lr_buf *out);

/*
 * Makes any canvas write the trace of what it is asked to draw to out (borrowed) as well: a
 * line "canvas NAME" (the backend's name), then the line of every call that reaches the
 * backend, in the trace canvas's format. So two backends' drawings of one chart can be
 * compared line by line. Call before the first page; NULL out stops the trace.
 */
void lr_canvas_trace_to(lr_canvas *c, lr_buf *out);

/* ---- Drawing ------------------------------------------------------------------------------- */

/* Starts a page of width × height points: for SVG and PNG the whole image; a backend that draws
 * into part of a larger page (a chart placed in the PDF text flow) maps this box onto its
 * region instead of starting a physical page. */
void lr_canvas_begin_page(lr_canvas *c, double width, double height);
void lr_canvas_end_page(lr_canvas *c);
/* A rectangle; a negative width or height extends to the left or up. */
void lr_canvas_rect(lr_canvas *c, double x, double y, double w, double h, const lr_style *s);
void lr_canvas_path(lr_canvas *c, const lr_path_seg *segs, size_t n, const lr_style *s);
void lr_canvas_draw_path(lr_canvas *c, const lr_path *p, const lr_style *s);
void lr_canvas_line(lr_canvas *c, double x1, double y1, double x2, double y2, const lr_style *s);
void lr_canvas_circle(lr_canvas *c, double cx, double cy, double r, const lr_style *s);
/* Text on the baseline y; x is its start, middle or end. NULL or "" draws nothing. */
void lr_canvas_text(lr_canvas *c, double x, double y, const char *utf8, const lr_text_style *s,
                    lr_anchor anchor);
/* Advance width of utf8 in points (0 for NULL, "", or a canvas in error). */
double lr_canvas_text_width(lr_canvas *c, const char *utf8, const lr_text_style *s);
/* Restricts drawing to a rectangle until the matching lr_canvas_restore(). */
void lr_canvas_clip(lr_canvas *c, double x, double y, double w, double h);
void lr_canvas_restore(lr_canvas *c);
/* Groups the calls up to the matching group_end; title (may be NULL) is a tooltip in SVG. */
void lr_canvas_group_begin(lr_canvas *c, const char *title);
void lr_canvas_group_end(lr_canvas *c);

/* Completes the output and returns the canvas status (LR_OK or the first failure). Call once;
 * later calls return the same status. A NULL canvas gives LR_ENOMEM (a failed _new). */
lr_status lr_canvas_finish(lr_canvas *c);
lr_status lr_canvas_status(const lr_canvas *c);
/* Detail of the first failure; never NULL for a non-NULL canvas. */
const lr_error *lr_canvas_error(const lr_canvas *c);
/* Frees the canvas (without finishing it). NULL is a no-op. */
void lr_canvas_free(lr_canvas *c);

#endif

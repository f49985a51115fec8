/*
 * The cairo backends: SVG (through a stream callback) and PNG (an image surface at a scale).
 * Text is drawn glyph by glyph at the advances of lr_fonts, so it lands where the layout
 * measured it. cairo cannot write <title> elements, and numbers its SVG surfaces with a
 * process-wide counter, so the SVG bytes are buffered and rewritten at finish: group markers
 * (invisible fills) become <g><title>…</title> … </g> and surface ids are renumbered.
 */
#include "canvas/canvas.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-ft.h>
#include <cairo-svg.h>

#include "core/utf8.h"

typedef struct cairo_canvas {
    lr_canvas base;
    double scale; /* PNG pixels per point */
    lr_write_fn write;
    void *user;
    cairo_surface_t *surface;
    cairo_t *cr;
    cairo_font_options_t *font_options;
    cairo_font_face_t *faces[LR_FACE_COUNT]; /* opened on first use */
    lr_buf svg;                              /* cairo's SVG output, rewritten at finish */
    char **titles;                           /* group titles in order of group_begin */
    size_t n_titles, cap_titles;
} cairo_canvas;

/* Marker fills: white at exactly 0.25 / 0.75 alpha, which no lr_color (alpha n/255) can be. */
#define MARK_BEGIN_ALPHA 0.25
#define MARK_END_ALPHA 0.75

static cairo_canvas *cc_of(lr_canvas *c)
{
    return (cairo_canvas *)c;
}

static lr_status cairo_check(lr_canvas *c, const char *what)
{
    cairo_canvas *cc = cc_of(c);
    cairo_status_t st = cc->cr ? cairo_status(cc->cr) : CAIRO_STATUS_NULL_POINTER;
    if (st == CAIRO_STATUS_SUCCESS)
        return LR_OK;
    return lr_canvas_fail(c, st == CAIRO_STATUS_NO_MEMORY ? LR_ENOMEM : LR_ERENDER, "cairo: %s: %s",
                          what, cairo_status_to_string(st));
}

static void set_color(cairo_t *cr, lr_color c)
{
    cairo_set_source_rgba(cr, LR_COLOR_R(c), LR_COLOR_G(c), LR_COLOR_B(c), LR_COLOR_A(c));
}

/* ---- Output streams ------------------------------------------------------------------------ */

static cairo_status_t svg_stream(void *closure, const unsigned char *data, unsigned int len)
{
    cairo_canvas *cc = closure;
    lr_buf_append(&cc->svg, (const char *)data, len);
    return lr_buf_failed(&cc->svg) ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

static cairo_status_t png_stream(void *closure, const unsigned char *data, unsigned int len)
{
    cairo_canvas *cc = closure;
    return cc->write(cc->user, (const char *)data, len) ? CAIRO_STATUS_WRITE_ERROR
                                                        : CAIRO_STATUS_SUCCESS;
}

/* ---- Paint primitives (the order and the hatch lines are the front's) ---------------------- */

static void emit_segs(cairo_t *cr, const lr_path_seg *segs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const lr_path_seg *g = &segs[i];
        switch (g->kind) {
        case LR_SEG_MOVE:
            cairo_move_to(cr, g->x, g->y);
            break;
        case LR_SEG_LINE:
            cairo_line_to(cr, g->x, g->y);
            break;
        case LR_SEG_CURVE:
            cairo_curve_to(cr, g->x1, g->y1, g->x2, g->y2, g->x, g->y);
            break;
        case LR_SEG_CLOSE:
            cairo_close_path(cr);
            break;
        }
    }
}

static void shape_path(cairo_t *cr, const lr_shape *sh)
{
    cairo_new_path(cr);
    switch (sh->kind) {
    case LR_SHAPE_RECT:
        cairo_rectangle(cr, sh->x, sh->y, sh->w, sh->h);
        break;
    case LR_SHAPE_CIRCLE:
        cairo_new_sub_path(cr);
        cairo_arc(cr, sh->x, sh->y, sh->w, 0, 2 * 3.14159265358979323846);
        cairo_close_path(cr);
        break;
    case LR_SHAPE_LINE:
        cairo_move_to(cr, sh->x, sh->y);
        cairo_line_to(cr, sh->w, sh->h);
        break;
    case LR_SHAPE_PATH:
        emit_segs(cr, sh->segs, sh->n);
        break;
    }
}

static lr_status c_fill(lr_canvas *c, const lr_shape *sh, lr_color color)
{
    cairo_t *cr = cc_of(c)->cr;
    shape_path(cr, sh);
    set_color(cr, color);
    cairo_fill(cr);
    return cairo_check(c, lr_shape_name(sh->kind));
}

static lr_status c_hatch(lr_canvas *c, const lr_shape *sh, const lr_path_seg *lines, size_t n,
                         lr_color color)
{
    cairo_t *cr = cc_of(c)->cr;
    cairo_save(cr);
    shape_path(cr, sh);
    cairo_clip(cr);
    cairo_new_path(cr);
    emit_segs(cr, lines, n);
    set_color(cr, color);
    cairo_set_line_width(cr, LR_HATCH_WIDTH);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_set_dash(cr, NULL, 0, 0);
    cairo_stroke(cr);
    cairo_restore(cr);
    return cairo_check(c, lr_shape_name(sh->kind));
}

static lr_status c_stroke(lr_canvas *c, const lr_shape *sh, const lr_style *s)
{
    cairo_t *cr = cc_of(c)->cr;
    shape_path(cr, sh);
    set_color(cr, s->stroke);
    cairo_set_line_width(cr, s->line_width);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_set_line_join(cr,
                        sh->kind == LR_SHAPE_RECT ? CAIRO_LINE_JOIN_MITER : CAIRO_LINE_JOIN_ROUND);
    if (s->dash[0] > 0 || s->dash[1] > 0)
        cairo_set_dash(cr, s->dash, 2, 0);
    else
        cairo_set_dash(cr, NULL, 0, 0);
    cairo_stroke(cr);
    return cairo_check(c, lr_shape_name(sh->kind));
}

/* ---- Text ---------------------------------------------------------------------------------- */

static const cairo_user_data_key_t ft_face_key;

static void release_ft_face(void *ft_face)
{
    lr_fonts_close_ft_face(ft_face);
}

/* The cairo face of an lr_face. The FT_Face is closed by cairo when it drops the font face
 * (user data destroy), never earlier: cairo keys its caches by FT_Face address. */
static cairo_font_face_t *face_of(lr_canvas *c, lr_face face)
{
    cairo_canvas *cc = cc_of(c);
    if (cc->faces[face])
        return cc->faces[face];
    struct FT_FaceRec_ *ft = lr_fonts_open_ft_face(c->fonts, face);
    if (!ft)
        return NULL;
    cairo_font_face_t *cf = cairo_ft_font_face_create_for_ft_face(ft, FT_LOAD_NO_HINTING);
    if (cairo_font_face_status(cf) != CAIRO_STATUS_SUCCESS ||
        cairo_font_face_set_user_data(cf, &ft_face_key, ft, release_ft_face) !=
            CAIRO_STATUS_SUCCESS) {
        cairo_font_face_destroy(cf);
        lr_fonts_close_ft_face(ft);
        return NULL;
    }
    cc->faces[face] = cf;
    return cf;
}

static lr_status c_text(lr_canvas *c, const lr_text_layout *t, const lr_text_style *s)
{
    cairo_t *cr = cc_of(c)->cr;
    if (!c->fonts)
        return lr_canvas_fail(c, LR_EUSAGE, "text: the cairo canvas has no fonts");
    cairo_glyph_t *glyphs = malloc(strlen(t->utf8) * sizeof(*glyphs));
    if (!glyphs)
        return lr_canvas_fail(c, LR_ENOMEM, "text: out of memory");
    lr_status st = LR_OK;
    double pen = t->pen;
    set_color(cr, s->color);
    cairo_set_font_size(cr, s->size);
    for (size_t i = 0; i < t->n && st == LR_OK; i++) {
        const lr_text_run *run = &t->runs[i];
        cairo_font_face_t *cf = face_of(c, run->face);
        if (!cf) {
            st = lr_canvas_fail(c, LR_ERENDER, "text: cannot open font %s",
                                lr_fonts_face_path(c->fonts, run->face));
            break;
        }
        cairo_set_font_face(cr, cf);
        size_t ng = 0;
        const char *p = t->utf8 + run->offset, *end = p + run->length;
        while (p < end) {
            uint32_t cp;
            p += lr_utf8_decode(p, (size_t)(end - p), &cp);
            unsigned g = lr_fonts_glyph(c->fonts, run->face, cp);
            glyphs[ng].index = g;
            glyphs[ng].x = pen;
            glyphs[ng].y = t->y;
            ng++;
            pen += lr_fonts_advance(c->fonts, run->face, g) * s->size;
        }
        cairo_show_glyphs(cr, glyphs, (int)ng);
        st = cairo_check(c, "text");
    }
    free(glyphs);
    return st;
}

/* ---- Pages, clips, groups ------------------------------------------------------------------ */

static lr_status one_page(lr_canvas *c)
{
    if (c->pages > 1)
        return lr_canvas_fail(c, LR_EUSAGE, "%s canvas: one page only", c->klass->name);
    return LR_OK;
}

/* The context on the page's new surface, with the kind's hinting (none for SVG, which viewers
 * scale; slight for PNG pixels). */
static lr_status start_context(lr_canvas *c, cairo_hint_style_t hint)
{
    cairo_canvas *cc = cc_of(c);
    if (cairo_surface_status(cc->surface) != CAIRO_STATUS_SUCCESS)
        return lr_canvas_fail(c, LR_ERENDER, "cairo: cannot create a surface: %s",
                              cairo_status_to_string(cairo_surface_status(cc->surface)));
    cc->cr = cairo_create(cc->surface);
    cairo_font_options_t *fo = cc->font_options;
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, hint);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    cairo_set_font_options(cc->cr, fo);
    return LR_OK;
}

static lr_status svg_begin_page(lr_canvas *c, double w, double h)
{
    cairo_canvas *cc = cc_of(c);
    if (one_page(c) != LR_OK)
        return c->status;
    cc->surface = cairo_svg_surface_create_for_stream(svg_stream, cc, w, h);
    cairo_svg_surface_restrict_to_version(cc->surface, CAIRO_SVG_VERSION_1_1);
    cairo_svg_surface_set_document_unit(cc->surface, CAIRO_SVG_UNIT_PT);
    if (start_context(c, CAIRO_HINT_STYLE_NONE) != LR_OK)
        return c->status;
    return cairo_check(c, "begin_page");
}

/* A white page of scale x the page size in pixels. */
static lr_status png_begin_page(lr_canvas *c, double w, double h)
{
    cairo_canvas *cc = cc_of(c);
    if (one_page(c) != LR_OK)
        return c->status;
    double pw = ceil(w * cc->scale), ph = ceil(h * cc->scale);
    if (pw > 16384 || ph > 16384)
        return lr_canvas_fail(c, LR_ELIMIT, "png: %gx%g pixels is too large", pw, ph);
    cc->surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)pw, (int)ph);
    if (start_context(c, CAIRO_HINT_STYLE_SLIGHT) != LR_OK)
        return c->status;
    cairo_set_source_rgb(cc->cr, 1, 1, 1);
    cairo_paint(cc->cr);
    cairo_scale(cc->cr, cc->scale, cc->scale);
    return cairo_check(c, "begin_page");
}

static lr_status c_end_page(lr_canvas *c)
{
    return cairo_check(c, "end_page");
}

static lr_status c_clip(lr_canvas *c, double x, double y, double w, double h)
{
    cairo_t *cr = cc_of(c)->cr;
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_rectangle(cr, x, y, w, h);
    cairo_clip(cr);
    return cairo_check(c, "clip");
}

static lr_status c_restore(lr_canvas *c)
{
    cairo_restore(cc_of(c)->cr);
    return cairo_check(c, "restore");
}

/* An invisible fill that the SVG rewrite recognises. Unclipped, so that it is never culled and
 * always lands at the top level of the page (cairo closes clip groups around it). */
static lr_status marker(lr_canvas *c, double alpha)
{
    cairo_t *cr = cc_of(c)->cr;
    cairo_save(cr);
    cairo_reset_clip(cr);
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, 0, 0.5, 0.5);
    cairo_set_source_rgba(cr, 1, 1, 1, alpha);
    cairo_fill(cr);
    cairo_restore(cr);
    return cairo_check(c, "group");
}

/* Groups exist in the SVG only (png_class has no group methods). */
static lr_status svg_group_begin(lr_canvas *c, const char *title)
{
    cairo_canvas *cc = cc_of(c);
    if (cc->n_titles == cc->cap_titles) {
        size_t cap = cc->cap_titles ? cc->cap_titles * 2 : 32;
        char **t = realloc(cc->titles, cap * sizeof(*t));
        if (!t)
            return lr_canvas_fail(c, LR_ENOMEM, "svg: out of memory");
        cc->titles = t;
        cc->cap_titles = cap;
    }
    size_t len = strlen(title);
    char *copy = malloc(len + 1);
    if (!copy)
        return lr_canvas_fail(c, LR_ENOMEM, "svg: out of memory");
    memcpy(copy, title, len + 1);
    cc->titles[cc->n_titles++] = copy;
    return marker(c, MARK_BEGIN_ALPHA);
}

static lr_status svg_group_end(lr_canvas *c)
{
    return marker(c, MARK_END_ALPHA);
}

/* ---- The SVG rewrite ----------------------------------------------------------------------- */

/* Where pat (of n bytes) first occurs in the len bytes at s, or -1. */
static long find_in(const char *s, size_t len, const char *pat, size_t n)
{
    for (const char *p = s, *end = s + len; (size_t)(end - p) >= n;) {
        p = memchr(p, pat[0], (size_t)(end - p) - n + 1);
        if (!p)
            return -1;
        if (!memcmp(p, pat, n))
            return p - s;
        p++;
    }
    return -1;
}

/* Which marker a line of cairo's SVG is: 1 begin, 2 end, 0 none. Knows cairo 1.16's style
 * attribute syntax and the presentation attributes of cairo >= 1.17.6. */
static int marker_kind(const char *line, size_t len)
{
    if (len < 5 || memcmp(line, "<path", 5) != 0)
        return 0;
    static const char *const begin[] = {"fill:rgb(100%,100%,100%);fill-opacity:0.25;",
                                        "fill=\"rgb(100%, 100%, 100%)\" fill-opacity=\"0.25\""};
    static const char *const end[] = {"fill:rgb(100%,100%,100%);fill-opacity:0.75;",
                                      "fill=\"rgb(100%, 100%, 100%)\" fill-opacity=\"0.75\""};
    for (int i = 0; i < 2; i++) {
        /* the first of the two in the line (they cannot start at one place) */
        long b = find_in(line, len, begin[i], strlen(begin[i]));
        long e = find_in(line, len, end[i], strlen(end[i]));
        if (b >= 0 && (e < 0 || b < e))
            return 1;
        if (e >= 0)
            return 2;
    }
    return 0;
}

/* Text for an XML text node: valid UTF-8 (bad bytes become U+FFFD), & < > escaped, control
 * characters dropped. */
static void xml_text(lr_buf *b, const char *s)
{
    while (*s) {
        uint32_t cp;
        size_t n = lr_utf8_decode(s, LR_UTF8_MAX, &cp);
        if (cp == '&')
            lr_buf_puts(b, "&amp;");
        else if (cp == '<')
            lr_buf_puts(b, "&lt;");
        else if (cp == '>')
            lr_buf_puts(b, "&gt;");
        else if (cp < 0x20 && cp != '\t' && cp != '\n')
            ;
        else if (cp == 0xfffd && n == 1)
            lr_buf_puts(b, "\xef\xbf\xbd");
        else
            lr_buf_append(b, s, n);
        s += n;
    }
}

/* Writes the number of len bytes at s (sign, digits, '.', digits) with at most two decimals:
 * cairo prints coordinates with six, in points, where 0.005 pt cannot be seen at any zoom a
 * chart is read at, and the digits are a quarter of the file. Returns 0 if s is no such number
 * or has two decimals or fewer already. What printf("%.2f") writes of the number's double,
 * without trailing zeros (and "0" for "-0"): worked out on the digits, unless the number lies
 * half-way between two (then its double decides) or has more digits than a double holds. */
static int short_number(lr_buf *out, const char *s, size_t len)
{
    size_t i = s[0] == '-', dot = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == (size_t)(s[0] == '-') || i >= len || s[i] != '.')
        return 0;
    dot = i++;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i - dot - 1 <= 2)
        return 0;
    char num[64], text[64];
    if (i >= sizeof num)
        return 0;
    size_t neg = s[0] == '-', il = dot - neg, dl = i - dot - 1;
    const char *ip = s + neg, *dp = s + dot + 1;
    while (il > 1 && ip[0] == '0')
        ip++, il--;
    int half = dp[2] == '5', above = dp[2] > '5';
    for (size_t k = 3; k < dl && half; k++)
        if (dp[k] != '0')
            above = 1, half = 0;
    if (!half && il + dl <= 15) {
        /* digits[0] takes a carry; then the integer part and two decimals */
        char d[24];
        d[0] = '0';
        memcpy(d + 1, ip, il);
        d[il + 1] = dp[0];
        d[il + 2] = dp[1];
        size_t nd = il + 3;
        for (size_t k = nd; above && k-- > 0;) {
            if (d[k] == '9') {
                d[k] = '0';
            } else {
                d[k]++;
                above = 0;
            }
        }
        size_t from = 0, int_end = il + 1, dec_end = nd;
        while (from + 1 < int_end && d[from] == '0')
            from++;
        while (dec_end > int_end && d[dec_end - 1] == '0')
            dec_end--;
        int zero = 1;
        for (size_t k = from; k < nd; k++)
            zero &= d[k] == '0';
        if (neg && !zero)
            lr_buf_putc(out, '-');
        lr_buf_append(out, d + from, int_end - from);
        if (dec_end > int_end) {
            lr_buf_putc(out, '.');
            lr_buf_append(out, d + int_end, dec_end - int_end);
        }
        return (int)i;
    }
    memcpy(num, s, i);
    num[i] = 0;
    int n = snprintf(text, sizeof text, "%.2f", strtod(num, NULL));
    while (n > 0 && text[n - 1] == '0')
        n--;
    if (n > 0 && text[n - 1] == '.')
        n--;
    text[n] = 0;
    lr_buf_puts(out, strcmp(text, "-0") ? text : "0");
    return (int)i;
}

/* Copies a line, renumbering "surfaceN" ids (cairo takes them from a process-wide counter) in
 * the order they first appear, with numbers shortened by short_number. */
static void renumber(lr_buf *out, const char *line, size_t len, unsigned long *ids, size_t *n_ids,
                     size_t max_ids)
{
    static const char key[] = "surface";
    size_t kl = sizeof(key) - 1;
    size_t i = 0;
#define PLAIN(ch) ((ch) != 's' && (ch) != '-' && ((ch) < '0' || (ch) > '9'))
    while (i < len) {
        /* what neither starts a surface id nor a number: copied as it is, a run at a time */
        if (PLAIN(line[i])) {
            size_t j = i + 1;
            while (j < len && PLAIN(line[j]))
                j++;
            lr_buf_append(out, line + i, j - i);
            i = j;
            continue;
        }
        if (i + kl < len && (i > 0 && (line[i - 1] == '"' || line[i - 1] == '#')) &&
            !memcmp(line + i, key, kl) && line[i + kl] >= '0' && line[i + kl] <= '9') {
            size_t j = i + kl;
            unsigned long v = 0;
            while (j < len && line[j] >= '0' && line[j] <= '9')
                v = v * 10 + (unsigned long)(line[j++] - '0');
            size_t k;
            for (k = 0; k < *n_ids && ids[k] != v; k++)
                ;
            if (k == *n_ids && *n_ids < max_ids)
                ids[(*n_ids)++] = v;
            lr_buf_printf(out, "surface%zu", k + 1);
            i = j;
        } else {
            int prev_word = i > 0 && (isalnum((unsigned char)line[i - 1]) || line[i - 1] == '.' ||
                                      line[i - 1] == '_' || line[i - 1] == '-');
            int used = prev_word ? 0 : short_number(out, line + i, len - i);
            if (used)
                i += (size_t)used;
            else
                lr_buf_putc(out, line[i++]);
        }
    }
#undef PLAIN
}

static lr_status rewrite_svg(lr_canvas *c, lr_buf *out)
{
    cairo_canvas *cc = cc_of(c);
    const char *s = cc->svg.data ? cc->svg.data : "";
    size_t len = cc->svg.len;
    size_t begins = 0, ends = 0;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t l = nl ? (size_t)(nl - (s + i)) : len - i;
        int m = marker_kind(s + i, l);
        begins += m == 1, ends += m == 2;
        i += l + (nl != NULL);
    }
    /* If cairo ever culled or merged a marker, titles would land on the wrong groups: then the
     * markers are dropped and no titles written, rather than wrong ones. */
    int titles_ok = begins == cc->n_titles && ends == cc->n_titles;
    unsigned long ids[64];
    size_t n_ids = 0, t = 0;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t l = nl ? (size_t)(nl - (s + i)) : len - i;
        int m = marker_kind(s + i, l);
        if (m == 1 && titles_ok) {
            lr_buf_puts(out, "<g><title>");
            xml_text(out, cc->titles[t++]);
            lr_buf_puts(out, "</title>\n");
        } else if (m == 2 && titles_ok) {
            lr_buf_puts(out, "</g>\n");
        } else if (!m) {
            renumber(out, s + i, l, ids, &n_ids, sizeof(ids) / sizeof(ids[0]));
            if (nl)
                lr_buf_putc(out, '\n');
        }
        i += l + (nl != NULL);
    }
    return lr_buf_failed(out) ? lr_canvas_fail(c, LR_ENOMEM, "svg: out of memory") : LR_OK;
}

/* Drops the context and finishes the surface (for SVG, cairo writes the document to cc->svg
 * then); returns st or the surface's failure. */
static lr_status release(lr_canvas *c, lr_status st)
{
    cairo_canvas *cc = cc_of(c);
    if (cc->cr) {
        cairo_destroy(cc->cr);
        cc->cr = NULL;
    }
    if (cc->surface) {
        cairo_surface_finish(cc->surface);
        cairo_status_t cs = cairo_surface_status(cc->surface);
        if (st == LR_OK && cs != CAIRO_STATUS_SUCCESS)
            st = lr_canvas_fail(c, LR_ERENDER, "cairo: %s", cairo_status_to_string(cs));
        cairo_surface_destroy(cc->surface);
        cc->surface = NULL;
    }
    return st;
}

static lr_status svg_finish(lr_canvas *c)
{
    cairo_canvas *cc = cc_of(c);
    lr_status st = release(c, c->status);
    if (st == LR_OK) {
        lr_buf out = LR_BUF_INIT;
        st = rewrite_svg(c, &out);
        if (st == LR_OK && cc->write(cc->user, out.data ? out.data : "", out.len))
            st = lr_canvas_fail(c, LR_EIO, "svg: cannot write the output");
        lr_buf_free(&out);
    }
    return st;
}

static lr_status png_finish(lr_canvas *c)
{
    cairo_canvas *cc = cc_of(c);
    lr_status st = c->status;
    if (st == LR_OK) {
        cairo_surface_flush(cc->surface);
        cairo_status_t cs = cairo_surface_write_to_png_stream(cc->surface, png_stream, cc);
        if (cs != CAIRO_STATUS_SUCCESS)
            st = lr_canvas_fail(c, cs == CAIRO_STATUS_WRITE_ERROR ? LR_EIO : LR_ERENDER, "png: %s",
                                cairo_status_to_string(cs));
    }
    return release(c, st);
}

static void c_destroy(lr_canvas *c)
{
    cairo_canvas *cc = cc_of(c);
    if (cc->cr)
        cairo_destroy(cc->cr);
    if (cc->surface) {
        cairo_surface_finish(cc->surface);
        cairo_surface_destroy(cc->surface);
    }
    for (int i = 0; i < LR_FACE_COUNT; i++)
        if (cc->faces[i])
            cairo_font_face_destroy(cc->faces[i]);
    if (cc->font_options)
        cairo_font_options_destroy(cc->font_options);
    for (size_t i = 0; i < cc->n_titles; i++)
        free(cc->titles[i]);
    free(cc->titles);
    lr_buf_free(&cc->svg);
    free(cc);
}

/* One class per surface kind: the kinds share the painting, the text and the clips, and differ
 * in the page (surface, hinting, background), the groups (SVG <title>s) and the output. */
#define CAIRO_PAINTING                                                                             \
    .end_page = c_end_page, .fill = c_fill, .hatch = c_hatch, .stroke = c_stroke, .text = c_text,  \
    .clip = c_clip, .restore = c_restore, .destroy = c_destroy

static const lr_canvas_class svg_class = {
    .version = LR_CANVAS_CLASS_VERSION,
    .name = "svg",
    .begin_page = svg_begin_page,
    .group_begin = svg_group_begin,
    .group_end = svg_group_end,
    .finish = svg_finish,
    CAIRO_PAINTING,
};

static const lr_canvas_class png_class = {
    .version = LR_CANVAS_CLASS_VERSION,
    .name = "png",
    .begin_page = png_begin_page,
    .finish = png_finish, /* no groups: a PNG has nowhere to keep them */
    CAIRO_PAINTING,
};

static lr_canvas *create(const lr_canvas_class *klass, const lr_fonts *fonts, double scale,
                         lr_write_fn write, void *user)
{
    if (!write)
        return NULL;
    cairo_canvas *cc = calloc(1, sizeof(*cc));
    if (!cc)
        return NULL;
    lr_canvas_init(&cc->base, klass, fonts);
    cc->scale = scale;
    cc->write = write;
    cc->user = user;
    cc->font_options = cairo_font_options_create();
    if (cairo_font_options_status(cc->font_options) != CAIRO_STATUS_SUCCESS) {
        c_destroy(&cc->base);
        return NULL;
    }
    return &cc->base;
}

lr_canvas *lr_canvas_svg_new(const lr_fonts *fonts, lr_write_fn write, void *user)
{
    return create(&svg_class, fonts, 1, write, user);
}

lr_canvas *lr_canvas_png_new(const lr_fonts *fonts, double scale, lr_write_fn write, void *user)
{
    if (!isfinite(scale) || scale <= 0 || scale > 16)
        return NULL;
    return create(&png_class, fonts, scale, write, user);
}

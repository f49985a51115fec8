/*
 * The PDF document under the layout: libharu behind a sticky error, pages, fonts loaded and
 * embedded on first use, text drawn run by run at lr_fonts advances, links resolved by anchor
 * name at save time (so a link may point forward), outline entries and images.
 */
#include "pdf/doc.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#include "canvas/canvas_hpdf.h"
#include "core/buf.h"
#include "core/error.h"

typedef struct anchor {
    char *id;
    size_t page;
    double y;
} anchor;

typedef struct pending_link {
    size_t page;
    HPDF_Rect rect;
    char *id;
} pending_link;

typedef struct png_entry {
    char *path;
    HPDF_Image image; /* NULL: libharu could not read it */
} png_entry;

struct lr_pdfdoc {
    HPDF_Doc pdf;
    const lr_fonts *fonts;
    double width, height;
    lr_status status;
    lr_error error;
    const char *loading_font; /* path while a font is being loaded, for the message */
    int tolerant;             /* libharu errors are expected (reading an image) */
    HPDF_STATUS tolerated;
    HPDF_Encoder utf8;
    HPDF_Font font[LR_FACE_COUNT];
    HPDF_Page *pages;
    size_t n_pages, cap_pages;
    HPDF_Page page; /* current */
    size_t page_index;
    anchor *anchors;
    size_t n_anchors, cap_anchors;
    pending_link *links;
    size_t n_links, cap_links;
    HPDF_Outline outline[7]; /* the last entry of each level, for nesting */
    int has_outline;
    png_entry *pngs;
    size_t n_pngs, cap_pngs;
    lr_buf *record; /* NULL, or gets a line per placed text run and rule (lr_pdfdoc_record_to) */
};

static lr_status fail(lr_pdfdoc *d, lr_status status, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static lr_status fail(lr_pdfdoc *d, lr_status status, const char *file, const char *fmt, ...)
{
    if (d->status != LR_OK)
        return d->status;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    d->status = status;
    lr_error_set(&d->error, status, file, "%s", msg);
    return status;
}

/* libharu reports every failure here; the first one is kept and every later call is skipped. */
static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
    lr_pdfdoc *d = user;
    if (d->tolerant) {
        if (!d->tolerated)
            d->tolerated = code;
        return;
    }
    if (d->loading_font)
        fail(d, code == HPDF_FAILD_TO_ALLOC_MEM ? LR_ENOMEM : LR_EIO, d->loading_font,
             "cannot load font %s", d->loading_font);
    else if (code == HPDF_FAILD_TO_ALLOC_MEM)
        fail(d, LR_ENOMEM, NULL, "pdf: out of memory");
    else
        fail(d, LR_ERENDER, NULL, "pdf: libharu error 0x%04X (detail %u)", (unsigned)code,
             (unsigned)detail);
}

static int ok(const lr_pdfdoc *d)
{
    return d && d->status == LR_OK && d->page;
}

static void *grow(lr_pdfdoc *d, void *array, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return array;
    size_t c = *cap ? *cap * 2 : 16;
    void *p = realloc(array, c * size);
    if (!p) {
        fail(d, LR_ENOMEM, NULL, "pdf: out of memory");
        return NULL;
    }
    *cap = c;
    return p;
}

static char *dup(lr_pdfdoc *d, const char *s)
{
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (!p)
        fail(d, LR_ENOMEM, NULL, "pdf: out of memory");
    else
        memcpy(p, s, n + 1);
    return p;
}

lr_status lr_pdfdoc_new(const lr_fonts *fonts, double width, double height, lr_pdfdoc **out,
                        lr_error *err)
{
    *out = NULL;
    lr_pdfdoc *d = calloc(1, sizeof(*d));
    if (!d)
        return lr_error_set(err, LR_ENOMEM, NULL, "pdf: out of memory");
    d->fonts = fonts;
    d->width = width;
    d->height = height;
    d->pdf = HPDF_New(on_error, d);
    if (!d->pdf) {
        free(d);
        return lr_error_set(err, LR_ENOMEM, NULL, "pdf: out of memory");
    }
    HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(d->pdf);
    HPDF_SetCurrentEncoder(d->pdf, "UTF-8");
    d->utf8 = HPDF_GetEncoder(d->pdf, "UTF-8");
    if (d->status != LR_OK) {
        lr_status st = d->status;
        if (err)
            *err = d->error;
        lr_pdfdoc_free(d);
        return st;
    }
    *out = d;
    return LR_OK;
}

void lr_pdfdoc_free(lr_pdfdoc *d)
{
    if (!d)
        return;
    if (d->pdf)
        HPDF_Free(d->pdf);
    for (size_t i = 0; i < d->n_anchors; i++)
        free(d->anchors[i].id);
    free(d->anchors);
    for (size_t i = 0; i < d->n_links; i++)
        free(d->links[i].id);
    free(d->links);
    for (size_t i = 0; i < d->n_pngs; i++)
        free(d->pngs[i].path);
    free(d->pngs);
    free(d->pages);
    free(d);
}

lr_status lr_pdfdoc_status(const lr_pdfdoc *d)
{
    return d ? d->status : LR_OK;
}

/* ---- Fonts --------------------------------------------------------------------------------- */

/*
 * libharu 2.3.0 gives UTF-8 fonts a ToUnicode CMap written as a CID map ("begincidrange"),
 * which readers reject with a warning and then guess. The codes it writes are the characters'
 * own 16-bit values, so the correct map is the identity: bfrange lines, one per high byte
 * (a range may not cross one), surrogates left out.
 */
static void fix_to_unicode(lr_pdfdoc *d, HPDF_Font font)
{
    HPDF_Dict cmap = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);
    if (!cmap)
        return;
    lr_buf b = LR_BUF_INIT;
    lr_buf_puts(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    unsigned hi[256], n = 0;
    for (unsigned h = 0; h < 256; h++)
        if (h < 0xd8 || h > 0xdf)
            hi[n++] = h;
    for (unsigned i = 0; i < n; i += 100) {
        unsigned k = n - i < 100 ? n - i : 100;
        lr_buf_printf(&b, "%u beginbfrange\n", k);
        for (unsigned j = i; j < i + k; j++)
            lr_buf_printf(&b, "<%02X00> <%02XFF> <%02X00>\n", hi[j], hi[j], hi[j]);
        lr_buf_puts(&b, "endbfrange\n");
    }
    lr_buf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    if (lr_buf_failed(&b)) {
        fail(d, LR_ENOMEM, NULL, "pdf: out of memory");
    } else {
        HPDF_Stream_Write(cmap->stream, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
        cmap->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
        HPDF_Dict_Add(font, "ToUnicode", cmap);
    }
    lr_buf_free(&b);
}

/* The libharu font of a face, loaded and embedded on first use. */
static HPDF_Font face_font(void *user, lr_face face)
{
    lr_pdfdoc *d = user;
    if ((unsigned)face >= LR_FACE_COUNT || d->status != LR_OK)
        return NULL;
    if (d->font[face])
        return d->font[face];
    const char *path = lr_fonts_face_path(d->fonts, face);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fail(d, LR_EIO, path, "cannot load font %s", path);
        return NULL;
    }
    fclose(f);
    d->loading_font = path;
    const char *name = HPDF_LoadTTFontFromFile(d->pdf, path, HPDF_TRUE);
    HPDF_Font font = name ? HPDF_GetFont(d->pdf, name, "UTF-8") : NULL;
    d->loading_font = NULL;
    if (!font) {
        fail(d, LR_EIO, path, "cannot load font %s", path);
        return NULL;
    }
    fix_to_unicode(d, font);
    d->font[face] = font;
    return d->status == LR_OK ? font : NULL;
}

/* ---- Document information and pages -------------------------------------------------------- */

void lr_pdfdoc_info(lr_pdfdoc *d, const char *title, const char *author, const char *subject,
                    const char *creator, const char *date)
{
    if (!d || d->status != LR_OK)
        return;
    if (title && *title)
        HPDF_SetInfoAttr(d->pdf, HPDF_INFO_TITLE, title);
    if (author && *author)
        HPDF_SetInfoAttr(d->pdf, HPDF_INFO_AUTHOR, author);
    if (subject && *subject)
        HPDF_SetInfoAttr(d->pdf, HPDF_INFO_SUBJECT, subject);
    if (creator && *creator)
        HPDF_SetInfoAttr(d->pdf, HPDF_INFO_CREATOR, creator);
    int y, m, day;
    if (date && sscanf(date, "%4d-%2d-%2d", &y, &m, &day) == 3) {
        HPDF_Date t = {y, m, day, 0, 0, 0, 'Z', 0, 0};
        HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE, t);
        HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_MOD_DATE, t);
    }
}

void lr_pdfdoc_add_page(lr_pdfdoc *d)
{
    if (!d || d->status != LR_OK)
        return;
    HPDF_Page *pages = grow(d, d->pages, &d->cap_pages, d->n_pages, sizeof(*pages));
    if (!pages)
        return;
    d->pages = pages;
    HPDF_Page p = HPDF_AddPage(d->pdf);
    if (!p)
        return;
    HPDF_Page_SetWidth(p, (HPDF_REAL)d->width);
    HPDF_Page_SetHeight(p, (HPDF_REAL)d->height);
    d->pages[d->n_pages] = p;
    d->page_index = d->n_pages++;
    d->page = p;
    lr_pdfdoc_record(d, "page", NULL);
}

void lr_pdfdoc_select_page(lr_pdfdoc *d, size_t index)
{
    if (d && index < d->n_pages) {
        d->page = d->pages[index];
        d->page_index = index;
    }
}

size_t lr_pdfdoc_page_count(const lr_pdfdoc *d)
{
    return d ? d->n_pages : 0;
}

static HPDF_REAL pdf_y(const lr_pdfdoc *d, double y)
{
    return (HPDF_REAL)(d->height - y);
}

/* ---- The record of what was placed -------------------------------------------------------- */

void lr_pdfdoc_record_to(lr_pdfdoc *d, lr_buf *record)
{
    if (d)
        d->record = record;
}

int lr_pdfdoc_recording(const lr_pdfdoc *d)
{
    return d && d->record && d->status == LR_OK;
}

void lr_pdfdoc_record(lr_pdfdoc *d, const char *kind, const char *fmt, ...)
{
    if (!lr_pdfdoc_recording(d))
        return;
    lr_buf_printf(d->record, "%s %zu", kind, d->page_index + 1);
    if (fmt && *fmt) {
        va_list ap;
        va_start(ap, fmt);
        lr_buf_putc(d->record, ' ');
        lr_buf_vprintf(d->record, fmt, ap);
        va_end(ap);
    }
    lr_buf_putc(d->record, '\n');
}

static const char *const face_names[LR_FACE_COUNT] = {"sans", "sans-bold", "mono", "hangul",
                                                      "hangul-bold"};

/* ---- Drawing ------------------------------------------------------------------------------- */

/* The fill colour and the font are set only when they change: libharu keeps the graphics state
 * (saved and restored with it), and each setting costs a page-sized buffer clear in libharu. */
static void set_fill(HPDF_Page p, lr_color c)
{
    HPDF_REAL r = (HPDF_REAL)LR_COLOR_R(c), g = (HPDF_REAL)LR_COLOR_G(c),
              b = (HPDF_REAL)LR_COLOR_B(c);
    if (HPDF_Page_GetFillingColorSpace(p) == HPDF_CS_DEVICE_RGB) {
        HPDF_RGBColor now = HPDF_Page_GetRGBFill(p);
        if (now.r == r && now.g == g && now.b == b)
            return;
    }
    HPDF_Page_SetRGBFill(p, r, g, b);
}

static void set_font(HPDF_Page p, HPDF_Font font, HPDF_REAL size)
{
    if (HPDF_Page_GetCurrentFont(p) != font || HPDF_Page_GetCurrentFontSize(p) != size)
        HPDF_Page_SetFontAndSize(p, font, size);
}

void lr_pdfdoc_text(lr_pdfdoc *d, double x, double y, const char *utf8, size_t len,
                    lr_font_role role, double size, lr_color color, int italic)
{
    if (!ok(d) || !len)
        return;
    char small_text[256];
    char *s = len < sizeof small_text ? small_text : malloc(len + 1);
    if (!s) {
        fail(d, LR_ENOMEM, NULL, "pdf: out of memory");
        return;
    }
    memcpy(s, utf8, len);
    s[len] = '\0';
    lr_text_run small_runs[8], *runs = small_runs;
    size_t n = lr_fonts_split(d->fonts, role, size, s, small_runs, 8);
    if (n > 8) {
        runs = malloc(n * sizeof(*runs));
        if (!runs) {
            fail(d, LR_ENOMEM, NULL, "pdf: out of memory");
            n = 0;
        } else {
            lr_fonts_split(d->fonts, role, size, s, runs, n);
        }
    }
    HPDF_Page p = d->page;
    HPDF_Page_BeginText(p);
    set_fill(p, color);
    double pen = x;
    for (size_t i = 0; i < n && d->status == LR_OK; i++) {
        HPDF_Font font = face_font(d, runs[i].face);
        if (!font)
            break;
        set_font(p, font, (HPDF_REAL)size);
        /* A slant of about 12 degrees stands in for an italic face; Hangul is never slanted
         * (Korean has no italic: a slanted syllable reads as a rendering fault), so emphasis
         * in Hangul stays upright. */
        int slant = italic && runs[i].face != LR_FACE_HANGUL && runs[i].face != LR_FACE_HANGUL_BOLD;
        HPDF_Page_SetTextMatrix(p, 1, 0, slant ? (HPDF_REAL)0.21 : 0, 1, (HPDF_REAL)pen,
                                pdf_y(d, y));
        char keep = s[runs[i].offset + runs[i].length];
        s[runs[i].offset + runs[i].length] = '\0';
        HPDF_Page_ShowText(p, s + runs[i].offset);
        if ((unsigned)runs[i].face < LR_FACE_COUNT)
            lr_pdfdoc_record(d, "text", "%.2f %.2f %s %d %.2f %s", pen, y, face_names[runs[i].face],
                             slant, size, s + runs[i].offset);
        s[runs[i].offset + runs[i].length] = keep;
        pen += runs[i].width;
    }
    if (d->status == LR_OK)
        HPDF_Page_EndText(p);
    if (runs != small_runs)
        free(runs);
    if (s != small_text)
        free(s);
}

void lr_pdfdoc_rect(lr_pdfdoc *d, double x, double y, double w, double h, lr_color fill)
{
    if (!ok(d) || w <= 0 || h <= 0)
        return;
    set_fill(d->page, fill);
    HPDF_Page_Rectangle(d->page, (HPDF_REAL)x, pdf_y(d, y + h), (HPDF_REAL)w, (HPDF_REAL)h);
    HPDF_Page_Fill(d->page);
}

void lr_pdfdoc_line(lr_pdfdoc *d, double x1, double y1, double x2, double y2, double width,
                    lr_color color)
{
    if (!ok(d))
        return;
    HPDF_Page p = d->page;
    HPDF_Page_SetRGBStroke(p, (HPDF_REAL)LR_COLOR_R(color), (HPDF_REAL)LR_COLOR_G(color),
                           (HPDF_REAL)LR_COLOR_B(color));
    HPDF_Page_SetLineWidth(p, (HPDF_REAL)width);
    HPDF_Page_MoveTo(p, (HPDF_REAL)x1, pdf_y(d, y1));
    HPDF_Page_LineTo(p, (HPDF_REAL)x2, pdf_y(d, y2));
    HPDF_Page_Stroke(p);
    lr_pdfdoc_record(d, "line", "%.2f %.2f %.2f %.2f %.2f", x1, y1, x2, y2, width);
}

/* ---- Links, anchors, outline --------------------------------------------------------------- */

static HPDF_Rect box(const lr_pdfdoc *d, double x, double y, double w, double h)
{
    HPDF_Rect r = {(HPDF_REAL)x, pdf_y(d, y + h), (HPDF_REAL)(x + w), pdf_y(d, y)};
    return r;
}

void lr_pdfdoc_link_uri(lr_pdfdoc *d, double x, double y, double w, double h, const char *uri)
{
    if (!ok(d) || !uri || !*uri)
        return;
    /* URIs are 7-bit: anything else is percent-encoded */
    lr_buf b = LR_BUF_INIT;
    for (const unsigned char *s = (const unsigned char *)uri; *s; s++) {
        if (*s <= 0x20 || *s >= 0x7f)
            lr_buf_printf(&b, "%%%02X", *s);
        else
            lr_buf_putc(&b, (char)*s);
    }
    if (lr_buf_failed(&b)) {
        fail(d, LR_ENOMEM, NULL, "pdf: out of memory");
    } else {
        HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(d->page, box(d, x, y, w, h), b.data);
        if (a)
            HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
    }
    lr_buf_free(&b);
}

void lr_pdfdoc_link_anchor(lr_pdfdoc *d, double x, double y, double w, double h, const char *id)
{
    if (!ok(d) || !id)
        return;
    pending_link *links = grow(d, d->links, &d->cap_links, d->n_links, sizeof(*links));
    if (!links)
        return;
    d->links = links;
    char *copy = dup(d, id);
    if (!copy)
        return;
    pending_link *l = &d->links[d->n_links++];
    l->page = d->page_index;
    l->rect = box(d, x, y, w, h);
    l->id = copy;
}

static const anchor *find_anchor(const lr_pdfdoc *d, const char *id)
{
    for (size_t i = 0; i < d->n_anchors; i++)
        if (!strcmp(d->anchors[i].id, id))
            return &d->anchors[i];
    return NULL;
}

void lr_pdfdoc_anchor(lr_pdfdoc *d, const char *id, double y)
{
    if (!ok(d) || !id || find_anchor(d, id))
        return;
    anchor *a = grow(d, d->anchors, &d->cap_anchors, d->n_anchors, sizeof(*a));
    if (!a)
        return;
    d->anchors = a;
    char *copy = dup(d, id);
    if (!copy)
        return;
    d->anchors[d->n_anchors].id = copy;
    d->anchors[d->n_anchors].page = d->page_index;
    d->anchors[d->n_anchors].y = y;
    d->n_anchors++;
}

/* A destination showing page at height y, keeping the reader's zoom and horizontal position:
 * [page /XYZ null top null]. libharu's own SetXYZ insists on a zoom. */
static HPDF_Destination destination(lr_pdfdoc *d, HPDF_Page page, double y)
{
    HPDF_Destination dst = HPDF_Page_CreateDestination(page);
    if (!dst)
        return NULL;
    double top = fmin(d->height, d->height - y + 6);
    HPDF_Array_Clear(dst);
    HPDF_Array_Add(dst, page);
    HPDF_Array_AddName(dst, "XYZ");
    HPDF_Array_Add(dst, HPDF_Null_New(d->pdf->mmgr));
    HPDF_Array_AddReal(dst, (HPDF_REAL)top);
    HPDF_Array_Add(dst, HPDF_Null_New(d->pdf->mmgr));
    return d->status == LR_OK ? dst : NULL;
}

void lr_pdfdoc_outline(lr_pdfdoc *d, int level, const char *title, double y)
{
    if (!ok(d) || !title)
        return;
    if (level < 1)
        level = 1;
    if (level > 6)
        level = 6;
    HPDF_Outline parent = NULL;
    for (int l = level - 1; l >= 1 && !parent; l--)
        parent = d->outline[l];
    HPDF_Outline o = HPDF_CreateOutline(d->pdf, parent, title, d->utf8);
    if (!o)
        return;
    if (!d->has_outline) /* readers open with the bookmarks shown */
        HPDF_SetPageMode(d->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    d->has_outline = 1;
    HPDF_Destination dst = destination(d, d->page, y);
    if (dst)
        HPDF_Outline_SetDestination(o, dst);
    HPDF_Outline_SetOpened(o, level <= 1 ? HPDF_TRUE : HPDF_FALSE);
    d->outline[level] = o;
    for (int l = level + 1; l <= 6; l++)
        d->outline[l] = NULL;
}

/* ---- Images -------------------------------------------------------------------------------- */

int lr_pdfdoc_png(lr_pdfdoc *d, const char *path, double x, double y, double w, double h)
{
    if (!ok(d))
        return d ? -1 : 0;
    png_entry *e = NULL;
    for (size_t i = 0; i < d->n_pngs && !e; i++)
        if (!strcmp(d->pngs[i].path, path))
            e = &d->pngs[i];
    if (!e) {
        png_entry *pngs = grow(d, d->pngs, &d->cap_pngs, d->n_pngs, sizeof(*pngs));
        if (!pngs)
            return -1;
        d->pngs = pngs;
        char *copy = dup(d, path);
        if (!copy)
            return -1;
        /* A broken image is not a broken document: libharu's complaint is set aside. */
        d->tolerant = 1;
        d->tolerated = HPDF_OK;
        HPDF_Image img = HPDF_LoadPngImageFromFile(d->pdf, path);
        d->tolerant = 0;
        if (d->tolerated != HPDF_OK) {
            img = NULL;
            HPDF_ResetError(d->pdf);
        }
        e = &d->pngs[d->n_pngs++];
        e->path = copy;
        e->image = img;
    }
    if (!e->image)
        return -1;
    HPDF_Page_DrawImage(d->page, e->image, (HPDF_REAL)x, pdf_y(d, y + h), (HPDF_REAL)w,
                        (HPDF_REAL)h);
    return 0;
}

void lr_pdfdoc_chart(lr_pdfdoc *d, const lr_chart *chart, double x, double y, double width,
                     double height, double scale, lr_buf *trace)
{
    if (!ok(d))
        return;
    lr_canvas *c = lr_canvas_hpdf_new(d->fonts, d->pdf, face_font, d);
    if (!c) {
        fail(d, LR_ENOMEM, NULL, "pdf: out of memory");
        return;
    }
    lr_canvas_trace_to(c, trace);
    lr_canvas_hpdf_place(c, d->page, x, y, scale);
    lr_chart_draw(chart, c, width, height);
    lr_status st = lr_canvas_finish(c);
    if (st != LR_OK)
        fail(d, st, lr_canvas_error(c)->file[0] ? lr_canvas_error(c)->file : NULL, "chart %s: %s",
             chart->id ? chart->id : "", lr_canvas_error(c)->message);
    lr_canvas_free(c);
}

/* ---- Saving -------------------------------------------------------------------------------- */

static void resolve_links(lr_pdfdoc *d)
{
    for (size_t i = 0; i < d->n_links && d->status == LR_OK; i++) {
        const anchor *a = find_anchor(d, d->links[i].id);
        if (!a)
            continue;
        HPDF_Destination dst = destination(d, d->pages[a->page], a->y);
        if (!dst)
            return;
        HPDF_Annotation an =
            HPDF_Page_CreateLinkAnnot(d->pages[d->links[i].page], d->links[i].rect, dst);
        if (an)
            HPDF_LinkAnnot_SetBorderStyle(an, 0, 0, 0);
    }
}

lr_status lr_pdfdoc_save(lr_pdfdoc *d, lr_write_fn write, void *user, lr_error *err)
{
    if (!d)
        return lr_error_set(err, LR_EUSAGE, NULL, "pdf: no document");
    if (d->status == LR_OK)
        resolve_links(d);
    if (d->status == LR_OK)
        HPDF_SaveToStream(d->pdf);
    while (d->status == LR_OK) {
        HPDF_BYTE buf[16384];
        HPDF_UINT32 n = sizeof buf;
        HPDF_STATUS st = HPDF_ReadFromStream(d->pdf, buf, &n);
        if (st != HPDF_OK && st != HPDF_STREAM_EOF) {
            fail(d, LR_ERENDER, NULL, "pdf: cannot read the document back (error 0x%04X)",
                 (unsigned)st);
            break;
        }
        if (n && write(user, (const char *)buf, n)) {
            fail(d, LR_EIO, NULL, "cannot write the PDF");
            break;
        }
        if (st == HPDF_STREAM_EOF)
            break;
    }
    if (d->status != LR_OK && err)
        *err = d->error;
    return d->status;
}

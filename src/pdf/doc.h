/*
 * doc.h - the PDF document the layout draws on: a thin, sticky-error wrapper over libharu.
 *
 * The layout never sees libharu: it draws text pieces, rules, rectangles, images and charts,
 * and places links, anchors and outline entries through these calls. Coordinates are points
 * from the top-left corner of the page, y down (as on a canvas); text is UTF-8 of the Basic
 * Multilingual Plane (the flow replaces anything else), drawn run by run with the faces of
 * lr_fonts (per-character fallback to Nanum Gothic) at the advances lr_fonts measures.
 *
 * A NULL document is a harmless no-op everywhere: the layout runs against NULL to measure
 * (counting pages, finding the pages of headings for the table of contents).
 * Errors are sticky: after the first failure every call is a no-op; lr_pdfdoc_status() and
 * lr_pdfdoc_save() report it.
 */
#ifndef LR_PDF_DOC_H
#define LR_PDF_DOC_H

#include <stddef.h>

#include "llmreport.h"
#include "canvas/canvas.h"
#include "canvas/fonts.h"
#include "chart/chart.h"

typedef struct lr_pdfdoc lr_pdfdoc;

/* A new document whose pages are width x height points. fonts is borrowed. Fonts are loaded
 * into the document (embedded, subset by libharu) on first use of each face. */
lr_status lr_pdfdoc_new(const lr_fonts *fonts, double width, double height, lr_pdfdoc **out,
                        lr_error *err);
void lr_pdfdoc_free(lr_pdfdoc *d);
lr_status lr_pdfdoc_status(const lr_pdfdoc *d);

/* The record of what the layout placed, for tests that check the layout from its own boxes
 * rather than from pixels: record (borrowed, may be NULL) gets one line per text run drawn
 * ("text PAGE X Y FACE SLANTED SIZE TEXT", FACE one of sans, sans-bold, mono, hangul,
 * hangul-bold), per rule ("line PAGE X1 Y1 X2 Y2 WIDTH") and per lr_pdfdoc_record() call
 * ("KIND PAGE ..."). Pages count from 1, lengths are points from the top-left corner (%.2f). */
void lr_pdfdoc_record_to(lr_pdfdoc *d, lr_buf *record);
/* Whether a record is being kept (the document is not NULL and has not failed). */
int lr_pdfdoc_recording(const lr_pdfdoc *d);
/* Appends "KIND PAGE " and the formatted rest to the record, if any. */
void lr_pdfdoc_record(lr_pdfdoc *d, const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Document information; NULL or "" leaves an entry out. date is "YYYY-MM-DD" (checked by the
 * caller) and sets CreationDate and ModDate. */
void lr_pdfdoc_info(lr_pdfdoc *d, const char *title, const char *author, const char *subject,
                    const char *creator, const char *date);

/* Adds a page at the end and makes it current. */
void lr_pdfdoc_add_page(lr_pdfdoc *d);
/* Makes page index (0-based) current again, e.g. to draw footers at the end. */
void lr_pdfdoc_select_page(lr_pdfdoc *d, size_t index);
size_t lr_pdfdoc_page_count(const lr_pdfdoc *d);

/* Text of len bytes with its left end at x and its baseline at y. italic slants the glyphs
 * (the fonts have no italic face) except Hangul, which stays upright; the advance is
 * unchanged. */
void lr_pdfdoc_text(lr_pdfdoc *d, double x, double y, const char *utf8, size_t len,
                    lr_font_role role, double size, lr_color color, int italic);
void lr_pdfdoc_rect(lr_pdfdoc *d, double x, double y, double w, double h, lr_color fill);
void lr_pdfdoc_line(lr_pdfdoc *d, double x1, double y1, double x2, double y2, double width,
                    lr_color color);

/* A clickable area on the current page opening uri. */
void lr_pdfdoc_link_uri(lr_pdfdoc *d, double x, double y, double w, double h, const char *uri);
/* A clickable area going to the anchor named id (defined before or after; links to anchors
 * never defined are left out when saving). */
void lr_pdfdoc_link_anchor(lr_pdfdoc *d, double x, double y, double w, double h, const char *id);
/* Defines anchor id at height y of the current page. The first definition of an id wins. */
void lr_pdfdoc_anchor(lr_pdfdoc *d, const char *id, double y);
/* An outline (bookmark) entry for a heading of level 1..6 at height y of the current page,
 * nested under the nearest preceding entry of a smaller level. */
void lr_pdfdoc_outline(lr_pdfdoc *d, int level, const char *title, double y);

/* Draws the PNG file at path into the box. path must have passed lr_pdf_png_check() (image.h):
 * libharu lets libpng abort the process on damaged data. Returns 0, or -1 when libharu cannot
 * read it after all (the document stays usable; the caller draws something else there). */
int lr_pdfdoc_png(lr_pdfdoc *d, const char *path, double x, double y, double w, double h);
/* Draws chart at (x, y) of the current page: laid out on a width x height page, scaled by
 * scale. A chart that cannot be drawn fails the document. trace (may be NULL) gets the trace of
 * what the chart drew (lr_canvas_trace_to). */
void lr_pdfdoc_chart(lr_pdfdoc *d, const lr_chart *chart, double x, double y, double width,
                     double height, double scale, lr_buf *trace);

/* Resolves the links to anchors, then writes the document to write(user, ...). Returns the
 * document status (err filled) or LR_EIO when writing fails. */
lr_status lr_pdfdoc_save(lr_pdfdoc *d, lr_write_fn write, void *user, lr_error *err);

#endif

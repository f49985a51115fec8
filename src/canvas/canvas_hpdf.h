/*
 * canvas_hpdf.h - the libharu backend of the canvas: charts as vector graphics in PDF pages.
 *
 * The canvas draws into an HPDF_Doc that the caller owns and saves. Each canvas page either
 * becomes a new PDF page of its size, or, after lr_canvas_hpdf_place(), is drawn into a box of
 * an existing page (how the PDF report puts a chart between paragraphs): the canvas page's
 * top-left corner goes to (x, y) of that page (points from its top-left corner, y down), every
 * length is multiplied by scale, and drawing is clipped to the box.
 *
 * Text is drawn run by run (lr_fonts_split) with the faces of lr_fonts, each run at the
 * position lr_fonts measures, so the layout computed by the chart code holds exactly.
 * Colours with alpha use ExtGState objects. libharu errors become canvas errors (LR_ERENDER,
 * LR_ENOMEM); the document's own error handler sees them too.
 */
#ifndef LR_CANVAS_HPDF_H
#define LR_CANVAS_HPDF_H

#include <hpdf.h>

#include "canvas/canvas.h"

/* Gives the libharu font of a face in the document (loaded on first use), or NULL when it
 * cannot be loaded. */
typedef HPDF_Font (*lr_hpdf_font_fn)(void *user, lr_face face);

/*
 * A canvas drawing into doc (borrowed; HPDF_UseUTFEncodings() must have been called on it).
 * font gives the document's fonts, so that a document that draws text itself loads each face
 * once; when font is NULL the canvas loads the faces of fonts itself (embedded). fonts is
 * required. lr_canvas_finish() writes nothing: the caller saves doc. NULL when out of memory
 * or an argument is missing.
 */
lr_canvas *lr_canvas_hpdf_new(const lr_fonts *fonts, HPDF_Doc doc, lr_hpdf_font_fn font,
                              void *font_user);

/* Makes the next canvas page draw into page at (x, y), scaled by scale > 0, instead of adding
 * a page. Applies to one begin_page ... end_page. */
void lr_canvas_hpdf_place(lr_canvas *c, HPDF_Page page, double x, double y, double scale);

#endif

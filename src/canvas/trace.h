/* The lines of the canvas trace (private to src/canvas): canvas.c writes one per call that
 * passed its checks, for the trace canvas and for canvases traced with lr_canvas_trace_to().
 * The format is the one canvas.h describes at lr_canvas_trace_new(). */
#ifndef LR_CANVAS_TRACE_H
#define LR_CANVAS_TRACE_H

#include "canvas/canvas.h"

/* "canvas NAME": the header of a traced canvas (not written by the trace canvas itself). */
void lr_trace_canvas(lr_buf *b, const char *name);
void lr_trace_page(lr_buf *b, double w, double h);
void lr_trace_end_page(lr_buf *b);
void lr_trace_shape(lr_buf *b, const lr_shape *sh, const lr_style *s);
void lr_trace_text(lr_buf *b, double x, double y, const char *utf8, const lr_text_style *s,
                   lr_anchor anchor);
void lr_trace_clip(lr_buf *b, double x, double y, double w, double h);
void lr_trace_restore(lr_buf *b);
void lr_trace_group(lr_buf *b, const char *title);
void lr_trace_group_end(lr_buf *b);

#endif

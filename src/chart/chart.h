/*
 * chart.h - chart specs and their layout onto a canvas.
 *
 * An lr_chart is plain data that the report code fills (all pointers borrowed, nothing owned):
 * a title, the setting of what is shown, series (models) × groups (benchmarks, or dates for a
 * trend) of cells, and a few switches. lr_chart_draw() lays it out once against any canvas
 * (cairo SVG/PNG, libharu PDF, text trace); the render functions wrap the usual canvases.
 *
 * What every chart does, whatever the type:
 *  - states title, setting, axis labels with units, sources and a legend: the sources line
 *    lists exactly the sources of the cells drawn (sources), each once, wrapped;
 *  - draws a cell measured under another setting (LR_MARK_OTHER_SETTING) hatched, and one whose
 *    setting was not stated (LR_MARK_UNKNOWN_SETTING) outlined / hollow, explains both in the
 *    legend, and never ranks such cells against the comparable ones;
 *  - keeps every mark bound to its model: orderings permute whole series (index arrays), never
 *    values within a group;
 *  - starts bar axes at 0, or at baseline when one is given and says so on the axis;
 *  - uses the Okabe–Ito colour-blind-safe palette, text of 8 pt and more, shortens long labels
 *    with an ellipsis (the full name stays in a canvas group title: an SVG tooltip), and never
 *    lets labels overlap (value labels are left out where they do not fit).
 */
#ifndef LR_CHART_H
#define LR_CHART_H

#include <stddef.h>

#include "llmreport.h"
#include "canvas/canvas.h"
#include "canvas/fonts.h"
#include "core/buf.h"

typedef enum lr_chart_type {
    LR_CHART_BARS = 0, /* grouped vertical bars: groups on x, one bar per series; more than 8
                          series (the colours Okabe–Ito's palette keeps apart) keep the best 8
                          by mean; one group with more than 8 series
                          or a top_n is drawn as RANKED */
    LR_CHART_RANKED,   /* horizontal bars of group 0, best first, with 95 % whiskers; marked
                          cells follow under a separator, not ranked */
    LR_CHART_FOREST,   /* dot and 95 % interval per series (dodged by group when several) */
    LR_CHART_HEATMAP,  /* series × groups, values in cells, darker is better */
    LR_CHART_SCATTER,  /* x[series] = parameters (billions, log axis) vs group 0, Pareto frontier */
    LR_CHART_RADAR,    /* groups (3..36) as spokes on a fixed 0–100 scale; needs bounded values;
                          at most 8 series */
    LR_CHART_TREND,    /* x[group] = time in days since 1970-01-01, one line per series (at most
                          8, the latest best); a missing or marked point breaks the line */
    LR_CHART_SLOPE     /* groups = settings of one benchmark, left to right as given; one line
                          per series (at most 8, in the given order); a missing point breaks
                          the line; lines that cross are rankings that flip */
} lr_chart_type;

typedef enum lr_chart_mark {
    LR_MARK_NONE = 0,
    LR_MARK_OTHER_SETTING,  /* measured under another setting than the chart's */
    LR_MARK_UNKNOWN_SETTING /* the source does not state the setting */
} lr_chart_mark;

typedef struct lr_chart_cell {
    int present;  /* 0: no result (drawn as a gap or "n/a") */
    double value; /* finite */
    double ci95;  /* half-width of the 95 % interval; < 0 unknown */
    lr_chart_mark mark;
} lr_chart_cell;

typedef struct lr_chart {
    lr_chart_type type;
    const char *id;          /* file name stem before lr_chart_safe_id(), e.g. "mmlu" */
    const char *title;       /* "MMLU" */
    const char *setting;     /* "MMLU · 5-shot · acc" (NULL: none) */
    const char *value_label; /* axis label with unit, "accuracy (%)" */
    const char *footnote;    /* "Sources: GPT-4 Technical Report (Table 2); …" (NULL: none);
                                when cells name their sources, the chart lists those of the
                                cells it draws instead */
    size_t n_series;
    const char *const *series; /* model names */
    size_t n_groups;
    const char *const *groups;  /* benchmark names, or date labels for TREND */
    const lr_chart_cell *cells; /* n_series * n_groups: cells[s * n_groups + g] */
    const char *const *sources; /* like cells (NULL: none given): where each value is from, as
                                   the sources line names it, "GPT-4 Technical Report
                                   (2023-03-15)" (NULL entry: not known) */
    const double *x;            /* SCATTER: parameters per series, billions (<= 0 unknown);
                                   TREND: days per group (NULL: evenly spaced) */
    const int *tiers; /* RANKED: per series, the tier of its cell (1: the leader's, 2, ...; 0: not
                         tiered), marked as the overview marks them; NULL: none */
    const unsigned char *level_changes; /* TREND: n_series * n_groups like cells, 1 at the first
                                           night of a new level (a change point over the
                                           history), drawn as a ring; NULL: none */
    int bounded;                        /* values are percentages: axes may be fixed to 0–100 */
    double baseline;                    /* < 0: none; else bar axes start there, and say so */
    int higher_is_better;               /* direction for ranking, frontier and colour */
    size_t top_n;         /* 0: all that fit; else at most this many series, best first
                             (by value, mean over groups, or latest value), said so in
                             the setting line */
    const char *language; /* words the chart adds itself: "en" (NULL) or "ko" */
} lr_chart;

/* Natural size of a chart in points (width 640, height by type and number of rows). */
void lr_chart_size(const lr_chart *chart, double *width, double *height);

/*
 * Lays out and draws chart on one page of canvas of width × height points (begin_page ...
 * end_page). Does not finish the canvas. Rows that do not fit the page (ranked, forest,
 * heatmap) are left out, best kept, with "top N of M models" in the setting line; a chart
 * without any result is drawn with "no results to show". Returns the canvas status: LR_EUSAGE
 * for a spec that cannot be drawn (no series or groups, cells missing, a scatter without x, a
 * radar of unbounded values or with fewer than three groups, a page smaller than 200 × 150),
 * LR_EVALUE for a non-finite value, with the reason in lr_canvas_error(canvas).
 */
lr_status lr_chart_draw(const lr_chart *chart, lr_canvas *canvas, double width, double height);

/*
 * Draws chart at its natural size (lr_chart_size) on canvas, finishes and frees the canvas
 * (NULL: a failed constructor, LR_ENOMEM). Every output draws a chart through this one layout:
 * the chart files here, and the PDF, which places the same page scaled (pdf/layout.c).
 */
lr_status lr_chart_render(const lr_chart *chart, lr_canvas *canvas, lr_error *err);

/* Draws chart at its natural size as SVG, PNG (2× scale) or a trace, written to write(user) or
 * appended to out. fonts is required for SVG and PNG and may be NULL for the trace. */
lr_status lr_chart_render_svg(const lr_chart *chart, const lr_fonts *fonts, lr_write_fn write,
                              void *user, lr_error *err);
lr_status lr_chart_render_png(const lr_chart *chart, const lr_fonts *fonts, lr_write_fn write,
                              void *user, lr_error *err);
lr_status lr_chart_render_trace(const lr_chart *chart, const lr_fonts *fonts, lr_buf *out,
                                lr_error *err);

/*
 * A file-name-safe id for in: lower-case ASCII letters, digits, '.', '_' and '-'; runs of
 * anything else become one '-'; no "..", no leading '.' or '-', at most 64 characters. When the
 * name had to be cut or had nothing usable (e.g. "", "../", Hangul), "-" and 8 hex digits of a
 * hash of the whole name are appended ("chart-1a2b3c4d" for nothing usable), so distinct long
 * names stay distinct. out is always NUL-terminated and, when size >= 16, never empty.
 */
void lr_chart_safe_id(const char *in, char *out, size_t size);

/* Name of a chart type ("bars", "ranked", ...) and back; -1 for an unknown name. */
const char *lr_chart_type_name(lr_chart_type type);
int lr_chart_type_parse(const char *name);

#endif

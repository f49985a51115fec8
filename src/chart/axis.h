/*
 * axis.h - scales and ticks for chart axes (private to src/chart): "nice" linear ticks
 * (1, 2, 2.5, 5 × 10^k), log ticks for model sizes (100M, 1B, 10B, 1T), calendar ticks for
 * dates (days, weeks, months, years), and drawing of the usual value axes.
 */
#ifndef LR_CHART_AXIS_H
#define LR_CHART_AXIS_H

#include "chart/frame.h"

#define LR_MAX_TICKS 48

typedef struct lr_ticks {
    double lo, hi; /* the axis domain */
    int log;       /* log10 scale */
    size_t n;
    double v[LR_MAX_TICKS];
    char label[LR_MAX_TICKS][24];
} lr_ticks;

/*
 * Nice linear ticks covering [lo, hi] with about target intervals. With pin_lo the domain
 * starts exactly at lo (a bar axis at 0 or at a baseline, which then gets its own tick);
 * otherwise it is widened to a tick. With max100 the domain never ends above 100.
 */
void lr_ticks_linear(lr_ticks *t, double lo, double hi, int target, int pin_lo, int max100);

/* Log ticks for sizes in billions over [lo, hi] (both > 0), padded a little; labels "7B". */
void lr_ticks_log(lr_ticks *t, double lo, double hi);

/* Calendar ticks over days [lo, hi] at a level: 0 = every day, 1 = 2 days, 2 = week,
 * 3 = 2 weeks, 4 = month, 5 = 2 months, 6 = quarter, 7 = half year, 8 = year, 9 = 2 years,
 * 10 = 5 years, 11 = 10 years. Returns 0 when the level gives more than LR_MAX_TICKS. Labels
 * are ISO: "2024-03-05", "2024-03", "2024". */
#define LR_DATE_LEVELS 12
int lr_ticks_dates(lr_ticks *t, double lo, double hi, int level);

/* "2024-03-05" for a day number (days since 1970-01-01). */
void lr_format_date(double days, char *buf, size_t size);

/* Position of v on an axis from r0 (at t->lo) to r1 (at t->hi). */
double lr_ticks_map(const lr_ticks *t, double v, double r0, double r1);

/* The widest tick label. */
double lr_ticks_label_width(lr_chart_ctx *ctx, const lr_ticks *t, const lr_text_style *ts);

/*
 * A value axis on the left of plot: horizontal gridlines, tick labels right-aligned before
 * plot->x, and the axis title (with note, e.g. "axis starts at 25, not 0") above the plot,
 * left-aligned with the labels. The caller leaves room: lr_value_axis_left_room().
 */
double lr_value_axis_left_room(lr_chart_ctx *ctx, const lr_ticks *t);
void lr_value_axis_left(lr_chart_ctx *ctx, const lr_box *plot, const lr_ticks *t, const char *title,
                        const char *note);
/* A value axis below plot: vertical gridlines, tick labels, the title centred below them.
 * Height it needs: lr_value_axis_bottom_room(). */
double lr_value_axis_bottom_room(void);
void lr_value_axis_bottom(lr_chart_ctx *ctx, const lr_box *plot, const lr_ticks *t,
                          const char *title, const char *note);

/* Ticks for a line's value axis: the range of the series drawn (ctx->order) with 8 % padding and
 * no zero, percentages kept within 0..100; 0..100 (or 0..1) when nothing is drawn. */
void lr_ticks_line_values(const lr_chart_ctx *ctx, lr_ticks *t);

/* The note an axis that does not start at zero carries. Empty when it starts at 0. */
void lr_axis_start_note(const lr_chart *chart, const lr_ticks *t, int pinned_at_baseline, char *buf,
                        size_t size);

#endif

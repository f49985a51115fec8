/*
 * frame.h - what every chart type shares (private to src/chart): the drawing context, the page
 * frame (title, setting line, legend, footnote), the palette and text styles, fitting text into
 * widths, drawing marked cells, and series orders. Each chart type (bars.c, dots.c, heatmap.c,
 * radar.c, trend.c) supplies a prepare step (choose and order series, add legend keys) and a
 * body that draws into the box the frame leaves.
 */
#ifndef LR_CHART_FRAME_H
#define LR_CHART_FRAME_H

#include "chart/chart.h"
#include "core/phrases.h"

typedef struct lr_box {
    double x, y, w, h;
} lr_box;

/* ---- Look ---------------------------------------------------------------------------------- */

#define LR_PAD 14.0    /* page margin */
#define LR_ROW_GAP 4.0 /* space between a label and its neighbour */
#define LR_SERIES_COLORS 12
/* Series one chart draws at most: what the palette keeps apart, Okabe–Ito's eight (the other
 * four colours tell series apart only beside these, e.g. in a heatmap's rows) */
#define LR_DISTINCT_SERIES 8

extern const lr_color lr_palette[LR_SERIES_COLORS];
#define LR_INK LR_RGB(0x1a1a1a)      /* titles */
#define LR_TEXT LR_RGB(0x333333)     /* labels */
#define LR_MUTED LR_RGB(0x595959)    /* setting line, tick labels, notes */
#define LR_FAINT LR_RGB(0x6b6b6b)    /* footnote */
#define LR_GRID LR_RGB(0xe3e3e3)     /* gridlines */
#define LR_AXIS LR_RGB(0x8c8c8c)     /* axis lines */
#define LR_ZERO LR_RGB(0x333333)     /* the zero / baseline line bars stand on */
#define LR_WHISKER LR_RGB(0x262626)  /* 95 % intervals */
#define LR_MISSING LR_RGB(0xf0f0f0)  /* heatmap cell without a result */
#define LR_FRONTIER LR_RGB(0xd55e00) /* Pareto frontier (Okabe–Ito vermillion) */

/* Text styles by role. */
extern const lr_text_style lr_ts_title, lr_ts_setting, lr_ts_label, lr_ts_tick, lr_ts_axis,
    lr_ts_value, lr_ts_legend, lr_ts_note, lr_ts_footnote;

/* Colour of series i (cycles after 12). */
lr_color lr_series_color(size_t i);
/* Sequential colour-blind-safe ramp (light to dark blue), t in [0, 1]. */
lr_color lr_ramp_color(double t);
/* Text colour readable on a fill. */
lr_color lr_text_on(lr_color fill);
/* c mixed with white (tint) or black (shade): amount 0 = c, 1 = white / black. */
lr_color lr_tint(lr_color c, double amount);
lr_color lr_shade(lr_color c, double amount);

/* ---- Legend keys --------------------------------------------------------------------------- */

typedef enum lr_key_kind {
    LR_KEY_BOX,     /* filled square (a series' bars) */
    LR_KEY_HATCH,   /* hatched square: other setting (bars, heatmap) */
    LR_KEY_OUTLINE, /* dashed outline: setting not stated (bars, heatmap) */
    LR_KEY_DOT,     /* filled dot */
    LR_KEY_HOLLOW,  /* hollow dot: other setting (dots) */
    LR_KEY_DIAMOND, /* hollow diamond: setting not stated (dots) */
    LR_KEY_LINE,    /* line with a dot (a series in a trend or radar) */
    LR_KEY_RING,    /* dot in a ring: a change of level (trend) */
    LR_KEY_STEP,    /* step line (Pareto frontier) */
    LR_KEY_WHISKER, /* 95 % interval */
    LR_KEY_RAMP,    /* heatmap colour ramp from lo to hi */
    LR_KEY_TEXT     /* a mark written after values (lo_text: "≈", " ²") */
} lr_key_kind;

typedef struct lr_key {
    lr_key_kind kind;
    lr_color color;
    const char *label; /* borrowed; shortened when drawn, full text in the group title */
    double lo, hi;     /* LR_KEY_RAMP */
    const char *lo_text, *hi_text; /* LR_KEY_RAMP: words at its ends instead of lo and hi */
} lr_key;

#define LR_MAX_KEYS 40

/* ---- Context ------------------------------------------------------------------------------- */

struct lr_chart_kind;

typedef struct lr_chart_ctx {
    const struct lr_chart_kind *kind; /* a prepare step may hand over to another kind */
    const lr_chart *chart;
    lr_canvas *cv;
    double width, height;
    lr_box body;   /* what the frame leaves for the chart itself */
    size_t *order; /* series drawn, in drawing order (indices into chart->series) */
    size_t n_order;
    size_t split;       /* order[split..] are shown but not ranked (marked cells) */
    int decimals;       /* of every value label, lr_value_decimals() */
    size_t max_rows;    /* rows that fit the body (0: not known yet), see rows_fit */
    size_t group_first; /* the groups drawn: all, or only the ranked one */
    size_t group_count;
    size_t n_shown_of; /* when a selection was made: how many there were (else 0) */
    char note[400];    /* appended to the setting line, e.g. "top 10 of 24 models" */
    lr_key keys[LR_MAX_KEYS];
    size_t n_keys;
    char key_text[4][96]; /* storage for computed key labels */
} lr_chart_ctx;

/* The cell of series s in group g. */
const lr_chart_cell *lr_cell(const lr_chart *chart, size_t s, size_t g);
/* Where the value of series s in group g is from (chart->sources), or NULL. */
const char *lr_cell_source(const lr_chart *chart, size_t s, size_t g);
/* A present cell with a finite value. */
int lr_cell_ok(const lr_chart_cell *c);

void lr_key_add(lr_chart_ctx *ctx, lr_key_kind kind, lr_color color, const char *label);
/* Adds the keys explaining the marks found in the cells drawn (ctx->order × the groups drawn).
 * dots: hollow dot / diamond keys, else hatch / outline keys. */
void lr_key_add_marks(lr_chart_ctx *ctx, int dots);
/* Adds "95 % interval" when any shown cell has one. */
void lr_key_add_whisker(lr_chart_ctx *ctx);
/* The mark after the value of series s in a chart with tiers, as the overview writes it, into
 * out: " ≈" in the first tier but not the best value, " ²", " ¹²" ... in the later ones, else
 * "". */
void lr_tier_mark(const lr_chart_ctx *ctx, size_t s, char *out, size_t size);
/* Adds the keys of the tier marks the ranked rows show. */
void lr_key_add_tiers(lr_chart_ctx *ctx);

/* Draws title, setting line (+ note), legend and footnote and sets ctx->body; measure only
 * sets ctx->body, so that a kind can check how many rows fit before it draws. */
void lr_frame_draw(lr_chart_ctx *ctx);
void lr_frame_measure(lr_chart_ctx *ctx);
/* Appends the sources line of the cells drawn (ctx->order × the groups drawn) to out:
 * "Sources: A; B (2023-06-10, 2023-07-24)", each source once in drawing order, the details in
 * parentheses of sources of one name ("Open LLM Leaderboard (2023-06-10)", its snapshots)
 * together, sorted; returns how many names there are (0: no drawn cell names its source, out
 * untouched). */
size_t lr_sources_line(const lr_chart_ctx *ctx, lr_buf *out);
/* When no series is left to draw (no model has a result), says so in the body and returns 1:
 * a nightly report with an empty benchmark still gets its chart, not a failed build. */
int lr_frame_empty(lr_chart_ctx *ctx);

/* ---- Text ---------------------------------------------------------------------------------- */

double lr_text_w(lr_chart_ctx *ctx, const char *s, const lr_text_style *ts);
/* s when it fits in max_w, else its longest prefix + "…" that does, written to buf. */
const char *lr_fit(lr_chart_ctx *ctx, const char *s, const lr_text_style *ts, double max_w,
                   char *buf, size_t size);
/* Draws s shortened to max_w; when shortened, inside a group titled with the full text. */
void lr_text_fit(lr_chart_ctx *ctx, double x, double y, const char *s, const lr_text_style *ts,
                 lr_anchor anchor, double max_w);
/* A value as labels show it: "86.4", "−3.20" (a true minus sign), with ctx->decimals. */
void lr_chart_format_value(const lr_chart_ctx *ctx, double v, char *buf, size_t size);
/* The decimals values of a chart get: 1 for percentages, else by the largest magnitude
 * (≥ 100: 0, ≥ 10: 1, ≥ 1: 2, else 3), the same for every label of the chart. */
int lr_value_decimals(const lr_chart *chart);
/* Replaces a leading '-' by U+2212 in place (buf must have 2 bytes to spare). */
void lr_minus_sign(char *buf, size_t size);
/* "GPT-4 · MMLU: 86.4 ± 1.2 (measured under another setting)" — a mark's tooltip. */
void lr_cell_title(const lr_chart_ctx *ctx, size_t s, size_t g, char *buf, size_t size);

/* Vertical offset from a centre line to the baseline of text of this size (digits and
 * capitals centred). */
double lr_center_baseline(const lr_text_style *ts);

/* ---- Marks --------------------------------------------------------------------------------- */

/* Style of a bar or cell of colour c under mark. */
lr_style lr_bar_style(lr_color c, lr_chart_mark mark);
/* A dot at (x, y) of radius r: filled, hollow (other setting) or hollow diamond (unknown). */
void lr_draw_dot(lr_chart_ctx *ctx, double x, double y, double r, lr_color c, lr_chart_mark mark);
/* A horizontal (vertical when vertical != 0) 95 % interval from a to b at position p, with end
 * caps of length cap (0: none), in colour c. */
void lr_draw_whisker(lr_chart_ctx *ctx, double a, double b, double p, double cap, int vertical,
                     lr_color c);

/* ---- Series orders ------------------------------------------------------------------------- */

/* Stable merge sort of an index array with a context comparator. Returns -1 when out of
 * memory (the array is then unchanged). */
int lr_sort_indices(size_t *idx, size_t n, int (*cmp)(const void *user, size_t a, size_t b),
                    const void *user);
/* The chart's own words in its language (the phrase tables of core/phrases.c). */
const char *lr_tr(const lr_chart *chart, lr_phrase_id id);
/* Orders series (for lr_sort_indices, user = the chart) best-first by the mean of their cells
 * measured at the chart's setting; series without such a cell go last. */
int lr_by_mean(const void *user, size_t a, size_t b);
/* Compares values best-first by the chart's direction. */
int lr_better(const lr_chart *chart, double a, double b);

/* Sets ctx->order to all series in the given order. Returns LR_ENOMEM on failure. */
lr_status lr_order_all(lr_chart_ctx *ctx);
/* Keeps the first n of ctx->order and writes the note "top n of N models <rule>". */
void lr_order_keep(lr_chart_ctx *ctx, size_t n, lr_phrase_id rule);
/* A series with a comparable value (present, at the chart's setting) in every group drawn. */
int lr_series_complete(const lr_chart_ctx *ctx, size_t s);
/* Keeps at most keep series of ctx->order, best first by their mean over the groups drawn,
 * ranking only the series complete on them (a mean over other member sets is not comparable):
 * with the note "top n of N models by mean, ranked among the C with ...", or, when no series
 * is complete, the first keep in report order, with a note saying none is ranked. Returns
 * LR_ENOMEM on failure. */
lr_status lr_order_top_by_mean(lr_chart_ctx *ctx, size_t keep);
/* Appends text to ctx->note, after " · " when it holds something. */
void lr_note_add(lr_chart_ctx *ctx, const char *text);

/* Orders the series for a ranking of one group: comparable cells best first, then the marked
 * ones (ctx->split is where they start), none for missing cells; applies top_n and
 * ctx->max_rows, with a note. Used by ranked bars and the forest plot. lr_rank_rows_fit() is
 * the rows of at least 11 pt that fit a ranking's body. */
lr_status lr_rank_prepare(lr_chart_ctx *ctx, size_t group);
size_t lr_rank_rows_fit(lr_chart_ctx *ctx);

/* ---- Chart types --------------------------------------------------------------------------- */

typedef struct lr_chart_kind {
    lr_chart_type type;
    const char *name;
    lr_status (*prepare)(lr_chart_ctx *ctx); /* order, keys, checks */
    void (*body)(lr_chart_ctx *ctx);         /* draws into ctx->body */
    double (*natural_height)(const lr_chart *chart);
    /* Optional, for kinds with a row per series: how many rows fit ctx->body. When fewer than
     * prepare chose, prepare runs again with ctx->max_rows set to it. */
    size_t (*rows_fit)(lr_chart_ctx *ctx);
} lr_chart_kind;

extern const lr_chart_kind lr_chart_bars_kind, lr_chart_ranked_kind, lr_chart_forest_kind,
    lr_chart_heatmap_kind, lr_chart_scatter_kind, lr_chart_radar_kind, lr_chart_trend_kind,
    lr_chart_slope_kind;

#endif

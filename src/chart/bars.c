/* Bar charts: grouped vertical bars (models × benchmarks) and ranked horizontal bars with 95 %
 * whiskers. Both look cells up through an order of whole series, so a bar can only ever carry
 * its own model's value; ranking sorts that order, never the values. */
#include "chart/axis.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Grouped bars with more series than this are unreadable: they become top-N or ranked. */
#define BARS_MAX_SERIES LR_DISTINCT_SERIES

static int has_ci(const lr_chart_cell *c)
{
    return isfinite(c->ci95) && c->ci95 >= 0;
}

/* Value range of the shown cells (with intervals). Returns 0 when there is no value. */
static int value_range(const lr_chart_ctx *ctx, size_t g_first, size_t g_count, double *lo,
                       double *hi)
{
    const lr_chart *ch = ctx->chart;
    int any = 0;
    for (size_t i = 0; i < ctx->n_order; i++)
        for (size_t g = g_first; g < g_first + g_count; g++) {
            const lr_chart_cell *c = lr_cell(ch, ctx->order[i], g);
            if (!lr_cell_ok(c))
                continue;
            double ci = has_ci(c) ? c->ci95 : 0;
            double a = c->value - ci, b = c->value + ci;
            if (!any)
                *lo = a, *hi = b, any = 1;
            else
                *lo = fmin(*lo, a), *hi = fmax(*hi, b);
        }
    return any;
}

/* Ticks of a bar axis: from 0 (or the baseline) to the largest value. *pinned says whether
 * the axis starts at the baseline. */
static void bar_ticks(lr_chart_ctx *ctx, size_t g_first, size_t g_count, int target, lr_ticks *t,
                      int *pinned)
{
    const lr_chart *ch = ctx->chart;
    double lo = 0, hi = 0;
    if (!value_range(ctx, g_first, g_count, &lo, &hi))
        lo = 0, hi = ch->bounded ? 100 : 1;
    double start = 0;
    *pinned = 0;
    if (isfinite(ch->baseline) && ch->baseline > 0 && lo >= ch->baseline) {
        start = ch->baseline;
        *pinned = 1;
    }
    lo = fmin(lo, start);
    hi = fmax(hi, start);
    if (lo < start) /* negative values: the axis covers them, bars hang from 0 */
        lr_ticks_linear(t, lo, hi, target, 0, ch->bounded);
    else
        lr_ticks_linear(t, start, hi, target, 1, ch->bounded);
}

/* ---- Grouped bars -------------------------------------------------------------------------- */

static lr_status bars_prepare(lr_chart_ctx *ctx)
{
    const lr_chart *ch = ctx->chart;
    if (ch->n_groups == 1 && (ch->n_series > BARS_MAX_SERIES || ch->top_n)) {
        ctx->kind = &lr_chart_ranked_kind; /* one benchmark, many models: a ranking reads better */
        return ctx->kind->prepare(ctx);
    }
    if (lr_order_all(ctx) != LR_OK)
        return LR_ENOMEM;
    size_t keep = ch->top_n ? ch->top_n : BARS_MAX_SERIES;
    if (keep > BARS_MAX_SERIES)
        keep = BARS_MAX_SERIES;
    if (lr_order_top_by_mean(ctx, keep) != LR_OK)
        return LR_ENOMEM;
    ctx->split = ctx->n_order;
    for (size_t i = 0; i < ctx->n_order; i++)
        lr_key_add(ctx, LR_KEY_BOX, lr_series_color(i), ch->series[ctx->order[i]]);
    /* Only comparable values are bars; the others are light hollow markers, and the setting
     * line counts what is not a bar and why. */
    lr_key_add_marks(ctx, 1);
    lr_key_add_whisker(ctx);
    size_t other = 0, unknown = 0, missing = 0;
    for (size_t i = 0; i < ctx->n_order; i++)
        for (size_t g = 0; g < ch->n_groups; g++) {
            const lr_chart_cell *c = lr_cell(ch, ctx->order[i], g);
            if (!lr_cell_ok(c))
                missing++;
            else
                other += c->mark == LR_MARK_OTHER_SETTING,
                    unknown += c->mark == LR_MARK_UNKNOWN_SETTING;
        }
    if (other || unknown || missing) {
        char text[300], part[100];
        snprintf(text, sizeof(text), "%s", lr_tr(ch, LR_PH_LEFT_OUT));
        const size_t counts[] = {other, unknown, missing};
        const lr_phrase_id words[] = {LR_PH_LEFT_OUT_OTHER, LR_PH_LEFT_OUT_UNKNOWN,
                                      LR_PH_LEFT_OUT_MISSING};
        int first = 1;
        for (size_t k = 0; k < 3; k++) {
            if (!counts[k])
                continue;
            snprintf(part, sizeof(part), lr_tr(ch, words[k]), counts[k]);
            size_t len = strlen(text);
            snprintf(text + len, sizeof(text) - len, "%s%s", first ? "" : ", ", part);
            first = 0;
        }
        lr_note_add(ctx, text);
    }
    return LR_OK;
}

/* A value that is not comparable: a light hollow marker at its height (○ another setting,
 * ◇ setting not stated), which cannot be read as a bar of its series. */
static void marked_value(lr_chart_ctx *ctx, double cx, double y, double bar_w, lr_color c,
                         lr_chart_mark mark)
{
    lr_draw_dot(ctx, cx, y, fmax(2, fmin(3.5, bar_w / 2 - 1)), lr_tint(c, 0.25), mark);
}

static void bars_body(lr_chart_ctx *ctx)
{
    const lr_chart *ch = ctx->chart;
    lr_canvas *cv = ctx->cv;
    const lr_box *b = &ctx->body;
    size_t G = ch->n_groups, S = ctx->n_order;
    lr_ticks t;
    int pinned;
    bar_ticks(ctx, 0, G, b->h > 260 ? 6 : 4, &t, &pinned);
    double room = lr_value_axis_left_room(ctx, &t);

    /* Group labels: one row when they fit their band, else two staggered rows. */
    double band = (b->w - room) / (double)G;
    double widest = 0;
    for (size_t g = 0; g < G; g++)
        widest = fmax(widest, lr_text_w(ctx, ch->groups[g], &lr_ts_label));
    int stagger = G > 1 && widest > band - 6;
    double label_max = stagger ? 2 * band - 10 : band - 6;
    double label_h = stagger ? 26 : 14;

    lr_box plot = {b->x + room, b->y + 18, b->w - room, b->h - 18 - label_h - 4};
    char note[96];
    lr_axis_start_note(ch, &t, pinned, note, sizeof(note));
    lr_value_axis_left(ctx, &plot, &t, ch->value_label, note);

    double y_of0 = lr_ticks_map(&t, fmax(t.lo, fmin(0, t.hi)), plot.y + plot.h, plot.y);
    double inner = band * 0.84;
    double bar_w = fmin(inner / (double)S, 34);
    double gap = bar_w >= 8 ? 1.5 : 0.5;

    /* Value labels only when every one fits above its own bar. */
    int show_values = 1;
    for (size_t g = 0; g < G && show_values; g++)
        for (size_t i = 0; i < S; i++) {
            const lr_chart_cell *c = lr_cell(ch, ctx->order[i], g);
            char v[48];
            if (!lr_cell_ok(c) || c->mark != LR_MARK_NONE)
                continue;
            lr_chart_format_value(ctx, c->value, v, sizeof(v));
            if (lr_text_w(ctx, v, &lr_ts_value) > bar_w - 2) {
                show_values = 0;
                break;
            }
        }

    for (size_t g = 0; g < G; g++) {
        double x0 = plot.x + band * (double)g + (band - bar_w * (double)S) / 2;
        for (size_t i = 0; i < S; i++) {
            size_t s = ctx->order[i];
            const lr_chart_cell *c = lr_cell(ch, s, g);
            double x = x0 + bar_w * (double)i;
            double cx = x + bar_w / 2;
            if (!lr_cell_ok(c))
                continue; /* no result: an empty slot, counted in the setting line */
            char title[600];
            lr_cell_title(ctx, s, g, title, sizeof(title));
            lr_canvas_group_begin(cv, title);
            double from = t.lo > 0 ? t.lo : 0;
            double yv = lr_ticks_map(&t, c->value, plot.y + plot.h, plot.y);
            if (c->mark != LR_MARK_NONE) {
                marked_value(ctx, cx, yv, bar_w, lr_series_color(i), c->mark);
                lr_canvas_group_end(cv);
                continue;
            }
            double yb = lr_ticks_map(&t, from, plot.y + plot.h, plot.y);
            lr_style st = lr_bar_style(lr_series_color(i), c->mark);
            double inset = st.stroke ? st.line_width / 2 : 0;
            double top = fmin(yv, yb), h = fabs(yb - yv);
            if (h > 2 * inset)
                lr_canvas_rect(cv, x + gap / 2 + inset, top + inset, bar_w - gap - 2 * inset,
                               h - 2 * inset, &st);
            double label_y = c->value >= from ? yv - 3 : yv + 9;
            if (has_ci(c)) {
                double y1 = lr_ticks_map(&t, c->value - c->ci95, plot.y + plot.h, plot.y);
                double y2 = lr_ticks_map(&t, c->value + c->ci95, plot.y + plot.h, plot.y);
                lr_draw_whisker(ctx, y1, y2, cx, fmin(bar_w * 0.5, 8), 1, LR_WHISKER);
                label_y = c->value >= from ? fmin(label_y, y2 - 3) : fmax(label_y, y1 + 9);
            }
            if (show_values) {
                char v[48];
                lr_chart_format_value(ctx, c->value, v, sizeof(v));
                lr_canvas_text(cv, cx, label_y, v, &lr_ts_value, LR_ANCHOR_MIDDLE);
            }
            lr_canvas_group_end(cv);
        }
        double ly = plot.y + plot.h + 12 + (stagger && g % 2 ? 12 : 0);
        lr_text_fit(ctx, plot.x + band * ((double)g + 0.5), ly, ch->groups[g], &lr_ts_label,
                    LR_ANCHOR_MIDDLE, label_max);
    }
    lr_style zero = {0, LR_ZERO, 0.8, {0, 0}, 0};
    lr_canvas_line(cv, plot.x, y_of0, plot.x + plot.w, y_of0, &zero);
}

static double bars_height(const lr_chart *chart)
{
    size_t keys = chart->n_series < BARS_MAX_SERIES ? chart->n_series : BARS_MAX_SERIES;
    if (chart->n_groups == 1 && (chart->n_series > BARS_MAX_SERIES || chart->top_n))
        return lr_chart_ranked_kind.natural_height(chart);
    return 380 + 14 * (double)(keys / 6);
}

const lr_chart_kind lr_chart_bars_kind = {LR_CHART_BARS, "bars",      bars_prepare,
                                          bars_body,     bars_height, NULL};

/* ---- Ranked bars --------------------------------------------------------------------------- */

typedef struct by_value_key {
    const lr_chart *chart;
    size_t group;
} by_value_key;

static int by_value(const void *user, size_t a, size_t b)
{
    const by_value_key *k = user;
    return lr_better(k->chart, lr_cell(k->chart, a, k->group)->value,
                     lr_cell(k->chart, b, k->group)->value);
}

size_t lr_rank_rows_fit(lr_chart_ctx *ctx)
{
    double sep = ctx->split < ctx->n_order ? 24 : 0; /* the separator before marked rows */
    double h = ctx->body.h - 2 - lr_value_axis_bottom_room() - sep;
    return h < 11 ? 1 : (size_t)floor(h / 11);
}

/* Shared by ranked bars and the single-benchmark forest plot: comparable cells best first, then
 * the marked ones (shown, sorted among themselves, but not ranked), no rows for missing ones. */
lr_status lr_rank_prepare(lr_chart_ctx *ctx, size_t group)
{
    const lr_chart *ch = ctx->chart;
    if (lr_order_all(ctx) != LR_OK)
        return LR_ENOMEM;
    ctx->group_first = group;
    ctx->group_count = 1;
    size_t n = 0, missing = 0, ranked = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t s = 0; s < ch->n_series; s++) {
            const lr_chart_cell *c = lr_cell(ch, s, group);
            if (!lr_cell_ok(c))
                missing += pass == 0;
            else if ((c->mark == LR_MARK_NONE) == (pass == 0))
                ctx->order[n++] = s;
        }
        if (pass == 0)
            ranked = n;
    }
    ctx->split = ranked;
    ctx->n_order = n;
    by_value_key key = {ch, group};
    if (lr_sort_indices(ctx->order, ranked, by_value, &key) ||
        lr_sort_indices(ctx->order + ranked, n - ranked, by_value, &key))
        return lr_canvas_fail(ctx->cv, LR_ENOMEM, "chart: out of memory");

    size_t keep = ch->top_n ? ch->top_n : n;
    if (ctx->max_rows && keep > ctx->max_rows)
        keep = ctx->max_rows;
    if (n > keep) {
        /* A top N is a ranking, which marked cells cannot take part in: an explicit top_n
         * shows ranked cells only; when the page is what limits the rows, marked cells fill
         * the rows the ranked ones leave, still below the separator. */
        size_t k = ranked < keep ? ranked : keep;
        size_t m = ch->top_n && ch->top_n <= keep ? 0 : keep - k;
        if (m > n - ranked)
            m = n - ranked;
        memmove(ctx->order + k, ctx->order + ranked, m * sizeof(*ctx->order));
        ctx->n_shown_of = ch->n_series;
        ctx->n_order = k + m;
        ctx->split = k;
        if (m && !k)
            snprintf(ctx->note, sizeof(ctx->note), lr_tr(ch, LR_PH_NONE_RANKED), m, ch->n_series);
        else if (m)
            snprintf(ctx->note, sizeof(ctx->note), lr_tr(ch, LR_PH_TOP_OF_NOT_RANKED), k,
                     ch->n_series, m);
        else
            snprintf(ctx->note, sizeof(ctx->note), lr_tr(ch, LR_PH_TOP_OF), k, ch->n_series);
    } else if (missing) {
        snprintf(ctx->note, sizeof(ctx->note), "%zu of %zu models have a result", n, ch->n_series);
    }
    return LR_OK;
}

static lr_status ranked_prepare(lr_chart_ctx *ctx)
{
    if (lr_rank_prepare(ctx, 0) != LR_OK)
        return lr_canvas_status(ctx->cv);
    lr_key_add_marks(ctx, 0);
    lr_key_add_whisker(ctx);
    lr_key_add_tiers(ctx);
    return LR_OK;
}

/* The text of the separator between ranked and not-ranked rows. */
#define NOT_RANKED "not ranked \xe2\x80\x94 setting differs or is not stated"

static void ranked_body(lr_chart_ctx *ctx)
{
    const lr_chart *ch = ctx->chart;
    lr_canvas *cv = ctx->cv;
    const lr_box *b = &ctx->body;
    size_t n = ctx->n_order;
    int sep = ctx->split < n && ctx->split > 0;
    double sep_h = sep ? 24 : 0;
    if (lr_frame_empty(ctx))
        return;

    lr_ticks t;
    int pinned;
    bar_ticks(ctx, 0, 1, 5, &t, &pinned);

    double names = 0, values = 0;
    for (size_t i = 0; i < n; i++) {
        const lr_chart_cell *c = lr_cell(ch, ctx->order[i], 0);
        char v[64];
        lr_chart_format_value(ctx, c->value, v, sizeof(v));
        if (i < ctx->split) {
            char m[32];
            lr_tier_mark(ctx, ctx->order[i], m, sizeof m);
            strncat(v, m, sizeof(v) - strlen(v) - 1);
        }
        names = fmax(names, lr_text_w(ctx, ch->series[ctx->order[i]], &lr_ts_label));
        values = fmax(values, lr_text_w(ctx, v, &lr_ts_value));
    }
    names = fmin(names, b->w * 0.34);
    lr_box plot = {b->x + names + 8, b->y + 2, b->w - names - 8 - values - 8,
                   b->h - 2 - lr_value_axis_bottom_room()};
    double row = (plot.h - sep_h) / (double)n;
    double bar_h = fmin(row * 0.68, 16);

    char note[96];
    lr_axis_start_note(ch, &t, pinned, note, sizeof(note));
    lr_value_axis_bottom(ctx, &plot, &t, ch->value_label, note);

    double from = t.lo > 0 ? t.lo : 0;
    double x_from = lr_ticks_map(&t, from, plot.x, plot.x + plot.w);
    lr_text_style name_ts = lr_ts_label;
    if (row < 11)
        name_ts.size = 8;
    for (size_t i = 0; i < n; i++) {
        size_t s = ctx->order[i];
        const lr_chart_cell *c = lr_cell(ch, s, 0);
        double cy = plot.y + row * ((double)i + 0.5) + (sep && i >= ctx->split ? sep_h : 0);
        char title[600], v[64];
        lr_cell_title(ctx, s, 0, title, sizeof(title));
        lr_chart_format_value(ctx, c->value, v, sizeof(v));
        if (i < ctx->split) {
            char m[32];
            lr_tier_mark(ctx, s, m, sizeof m);
            strncat(v, m, sizeof(v) - strlen(v) - 1);
        }
        lr_canvas_group_begin(cv, title);
        lr_text_fit(ctx, plot.x - 6, cy + lr_center_baseline(&name_ts), ch->series[s], &name_ts,
                    LR_ANCHOR_END, names);
        double xv = lr_ticks_map(&t, c->value, plot.x, plot.x + plot.w);
        lr_style st = lr_bar_style(lr_series_color(0), c->mark);
        double inset = st.stroke ? st.line_width / 2 : 0;
        if (fabs(xv - x_from) > 2 * inset)
            lr_canvas_rect(cv, fmin(x_from, xv) + inset, cy - bar_h / 2 + inset,
                           fabs(xv - x_from) - 2 * inset, bar_h - 2 * inset, &st);
        double end = fmax(xv, x_from);
        if (has_ci(c)) {
            double x1 = lr_ticks_map(&t, c->value - c->ci95, plot.x, plot.x + plot.w);
            double x2 = lr_ticks_map(&t, c->value + c->ci95, plot.x, plot.x + plot.w);
            lr_draw_whisker(ctx, x1, x2, cy, fmin(bar_h * 0.6, 8), 0, LR_WHISKER);
            end = fmax(end, x2);
        }
        lr_canvas_text(cv, end + 4, cy + lr_center_baseline(&lr_ts_value), v, &lr_ts_value,
                       LR_ANCHOR_START);
        lr_canvas_group_end(cv);
    }
    if (sep) {
        double y = plot.y + row * (double)ctx->split + 5;
        lr_style dash = {0, LR_AXIS, 0.6, {2, 2}, 0};
        lr_canvas_line(cv, b->x, y, b->x + b->w, y, &dash);
        lr_text_fit(ctx, b->x, y + 11, NOT_RANKED, &lr_ts_note, LR_ANCHOR_START, b->w);
    }
    lr_style zero = {0, LR_ZERO, 0.8, {0, 0}, 0};
    lr_canvas_line(cv, x_from, plot.y, x_from, plot.y + plot.h, &zero);
}

static double ranked_height(const lr_chart *chart)
{
    size_t rows = chart->n_series;
    if (chart->top_n && chart->top_n < rows)
        rows = chart->top_n;
    if (rows > 40)
        rows = 40;
    return fmax(240, 130 + 19 * (double)rows);
}

const lr_chart_kind lr_chart_ranked_kind = {LR_CHART_RANKED, "ranked",      ranked_prepare,
                                            ranked_body,     ranked_height, lr_rank_rows_fit};

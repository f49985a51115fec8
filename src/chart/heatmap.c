/* The heatmap: models as rows, benchmarks as columns, each cell coloured on a sequential ramp
 * (darker is better) from its column's lowest to its highest comparable value, with its value
 * written in it. Marked cells are grey with their number, hatched (another setting) or
 * outlined (setting not stated); cells without a result are white with a dash. */
#include "chart/axis.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static lr_status heatmap_prepare(lr_chart_ctx *ctx)
{
    const lr_chart *ch = ctx->chart;
    if (lr_order_all(ctx) != LR_OK)
        return LR_ENOMEM;
    ctx->split = ctx->n_order;
    size_t keep = ch->top_n ? ch->top_n : ctx->n_order;
    if (ctx->max_rows && keep > ctx->max_rows)
        keep = ctx->max_rows;
    if (lr_order_top_by_mean(ctx, keep) != LR_OK)
        return LR_ENOMEM;
    ctx->split = ctx->n_order;
    /* Each column on its own scale (benchmarks differ in range: HumanEval's best would be pale
     * beside HellaSwag's weakest): the ramp runs from the column's lowest to its highest
     * comparable value, as the legend says. */
    snprintf(ctx->key_text[0], sizeof(ctx->key_text[0]), "%s%s%s",
             ch->value_label ? ch->value_label : "",
             ch->higher_is_better ? "" : lr_tr(ch, LR_PH_LOWER_IS_BETTER_TITLE),
             lr_tr(ch, LR_PH_RAMP_PER_COLUMN));
    lr_key_add(ctx, LR_KEY_RAMP, 0, ctx->key_text[0]);
    ctx->keys[ctx->n_keys - 1].lo_text = lr_tr(ch, LR_PH_RAMP_LOWEST);
    ctx->keys[ctx->n_keys - 1].hi_text = lr_tr(ch, LR_PH_RAMP_HIGHEST);
    lr_key_add_marks(ctx, 0);
    return LR_OK;
}

/* The lowest and highest comparable value of column g among the rows drawn; 0 when it has
 * none. */
static int column_range(const lr_chart_ctx *ctx, size_t g, double *lo, double *hi)
{
    int any = 0;
    for (size_t i = 0; i < ctx->n_order; i++) {
        const lr_chart_cell *c = lr_cell(ctx->chart, ctx->order[i], g);
        if (!lr_cell_ok(c) || c->mark != LR_MARK_NONE)
            continue;
        *lo = any ? fmin(*lo, c->value) : c->value;
        *hi = any ? fmax(*hi, c->value) : c->value;
        any = 1;
    }
    return any;
}

#define MARKED_FILL LR_RGB(0xe6e6e6) /* a value not comparable: grey, with its number */
#define MARKED_INK LR_RGB(0x8a8a8a)

/* Position of v on the ramp: 1 is the best value shown. */
static double ramp_t(const lr_chart *ch, double v, double lo, double hi)
{
    if (!(hi > lo))
        return 0.5;
    double t = (v - lo) / (hi - lo);
    return ch->higher_is_better ? t : 1 - t;
}

/* Splits a column head into two lines at the break (a space, or after a hyphen) that leaves
 * the wider line narrowest; 0 when it has none. */
static int split_head(lr_chart_ctx *ctx, const char *s, char *a, char *b, size_t size)
{
    size_t len = strlen(s), best = 0;
    double best_w = 0;
    for (size_t i = 1; i + 1 < len && i < size; i++) {
        int space = s[i] == ' ', hyphen = s[i - 1] == '-';
        if (!space && !hyphen)
            continue;
        size_t rest = i + (size_t)space;
        if (len - rest >= size)
            continue;
        memcpy(a, s, i);
        a[i] = '\0';
        memcpy(b, s + rest, len - rest + 1);
        double w = fmax(lr_text_w(ctx, a, &lr_ts_label), lr_text_w(ctx, b, &lr_ts_label));
        if (!best || w < best_w)
            best = i, best_w = w;
    }
    if (!best)
        return 0;
    size_t rest = best + (size_t)(s[best] == ' ');
    memcpy(a, s, best);
    a[best] = '\0';
    memcpy(b, s + rest, len - rest + 1);
    return 1;
}

static void heatmap_body(lr_chart_ctx *ctx)
{
    const lr_chart *ch = ctx->chart;
    lr_canvas *cv = ctx->cv;
    const lr_box *b = &ctx->body;
    size_t R = ctx->n_order, G = ch->n_groups;

    double names = 0;
    for (size_t i = 0; i < R; i++)
        names = fmax(names, lr_text_w(ctx, ch->series[ctx->order[i]], &lr_ts_label));
    names = fmin(names, b->w * 0.3);
    double avail_w = b->w - names - 8;
    double cell_w = fmin(86, avail_w / (double)G);

    /* Column heads: one line when they fit, else wrapped to two lines (at a space or after a
     * hyphen), shortened if a line still does not fit. */
    double widest = 0;
    for (size_t g = 0; g < G; g++)
        widest = fmax(widest, lr_text_w(ctx, ch->groups[g], &lr_ts_label));
    int two = G > 1 && widest > cell_w - 4;
    double head_h = two ? 28 : 16;
    double cell_h = fmin(24, (b->h - head_h) / (double)R);
    double x0 = b->x + names + 8, y0 = b->y + head_h;

    for (size_t g = 0; g < G; g++) {
        double cx = x0 + cell_w * ((double)g + 0.5);
        const char *name = ch->groups[g];
        char first[256], second[256];
        if (!two || lr_text_w(ctx, name, &lr_ts_label) <= cell_w - 4 ||
            !split_head(ctx, name, first, second, sizeof(first))) {
            lr_text_fit(ctx, cx, y0 - 6, name, &lr_ts_label, LR_ANCHOR_MIDDLE, cell_w - 4);
            continue;
        }
        lr_canvas_group_begin(cv, name);
        lr_text_fit(ctx, cx, y0 - 18, first, &lr_ts_label, LR_ANCHOR_MIDDLE, cell_w - 4);
        lr_text_fit(ctx, cx, y0 - 6, second, &lr_ts_label, LR_ANCHOR_MIDDLE, cell_w - 4);
        lr_canvas_group_end(cv);
    }

    /* Values are written when the widest fits its cell. */
    lr_text_style vs = lr_ts_value;
    vs.size = cell_h >= 14 ? 8.5 : 8;
    int values = cell_h >= 11;
    for (size_t i = 0; i < R && values; i++)
        for (size_t g = 0; g < G; g++) {
            const lr_chart_cell *c = lr_cell(ch, ctx->order[i], g);
            char v[48];
            if (!lr_cell_ok(c))
                continue;
            lr_chart_format_value(ctx, c->value, v, sizeof(v));
            if (lr_text_w(ctx, v, &vs) > cell_w - 4) {
                values = 0;
                break;
            }
        }

    for (size_t i = 0; i < R; i++) {
        size_t s = ctx->order[i];
        double y = y0 + cell_h * (double)i;
        lr_canvas_group_begin(cv, ch->series[s]);
        lr_text_fit(ctx, x0 - 8, y + cell_h / 2 + lr_center_baseline(&lr_ts_label), ch->series[s],
                    &lr_ts_label, LR_ANCHOR_END, names);
        lr_canvas_group_end(cv);
        for (size_t g = 0; g < G; g++) {
            const lr_chart_cell *c = lr_cell(ch, s, g);
            double x = x0 + cell_w * (double)g;
            char title[600], v[48];
            lr_cell_title(ctx, s, g, title, sizeof(title));
            lr_canvas_group_begin(cv, title);
            if (!lr_cell_ok(c)) {
                lr_style st = {LR_RGB(0xffffff), LR_GRID, 0.8, {0, 0}, 0};
                lr_canvas_rect(cv, x + 1.4, y + 1.4, cell_w - 2.8, cell_h - 2.8, &st);
                lr_canvas_text(cv, x + cell_w / 2, y + cell_h / 2 + lr_center_baseline(&vs),
                               "\xe2\x80\x93", &lr_ts_note, LR_ANCHOR_MIDDLE);
                lr_canvas_group_end(cv);
                continue;
            }
            double lo = 0, hi = 0;
            column_range(ctx, g, &lo, &hi);
            lr_color fill =
                c->mark != LR_MARK_NONE ? MARKED_FILL : lr_ramp_color(ramp_t(ch, c->value, lo, hi));
            lr_color ink = c->mark != LR_MARK_NONE ? LR_TEXT : lr_text_on(fill);
            lr_style st = {fill, 0, 0, {0, 0}, 0};
            if (c->mark == LR_MARK_OTHER_SETTING)
                st.hatch = MARKED_INK;
            lr_canvas_rect(cv, x + 1, y + 1, cell_w - 2, cell_h - 2, &st);
            if (c->mark == LR_MARK_UNKNOWN_SETTING) {
                lr_style o = {0, MARKED_INK, 1.2, {3, 2}, 0};
                lr_canvas_rect(cv, x + 3, y + 3, cell_w - 6, cell_h - 6, &o);
            }
            if (values) {
                lr_text_style ts = vs;
                ts.color = ink;
                lr_chart_format_value(ctx, c->value, v, sizeof(v));
                if (c->mark == LR_MARK_OTHER_SETTING) {
                    /* a solid patch under the number keeps it readable over the hatch */
                    double w = lr_text_w(ctx, v, &ts) + 4;
                    lr_style patch = {fill, 0, 0, {0, 0}, 0};
                    lr_canvas_rect(cv, x + (cell_w - w) / 2, y + cell_h / 2 - ts.size * 0.55, w,
                                   ts.size * 1.1, &patch);
                }
                lr_canvas_text(cv, x + cell_w / 2, y + cell_h / 2 + lr_center_baseline(&ts), v, &ts,
                               LR_ANCHOR_MIDDLE);
            }
            lr_canvas_group_end(cv);
        }
    }
}

/* Rows of at least 12 pt under column heads of up to two lines. */
static size_t heatmap_rows_fit(lr_chart_ctx *ctx)
{
    double h = ctx->body.h - 28;
    return h < 12 ? 1 : (size_t)floor(h / 12);
}

static double heatmap_height(const lr_chart *chart)
{
    size_t rows = chart->n_series;
    if (chart->top_n && chart->top_n < rows)
        rows = chart->top_n;
    if (rows > 60)
        rows = 60;
    return fmax(170, 118 + 24 * (double)rows);
}

const lr_chart_kind lr_chart_heatmap_kind = {LR_CHART_HEATMAP, "heatmap",      heatmap_prepare,
                                             heatmap_body,     heatmap_height, heatmap_rows_fit};

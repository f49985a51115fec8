/* The radar chart: one spoke per benchmark on a fixed 0–100 scale that is never rescaled to
 * the data (a rescaled radar exaggerates differences), one outline per model. Opt-in only:
 * it needs percentages and at least three benchmarks. */
#include "chart/axis.h"

#include <math.h>
#include <stdio.h>

#define RADAR_MAX_SERIES LR_DISTINCT_SERIES
#define RADAR_MAX_GROUPS 36
#define PI 3.14159265358979323846

static lr_status radar_prepare(lr_chart_ctx *ctx)
{
    const lr_chart *ch = ctx->chart;
    const char *id = ch->id ? ch->id : "";
    if (!ch->bounded)
        return lr_canvas_fail(ctx->cv, LR_EUSAGE,
                              "chart %s: a radar needs percentages on a fixed 0-100 scale", id);
    if (ch->n_groups < 3)
        return lr_canvas_fail(ctx->cv, LR_EUSAGE,
                              "chart %s: a radar needs three benchmarks "
                              "or more",
                              id);
    if (ch->n_groups > RADAR_MAX_GROUPS)
        return lr_canvas_fail(ctx->cv, LR_EUSAGE,
                              "chart %s: a radar of more than %d benchmarks "
                              "is unreadable",
                              id, RADAR_MAX_GROUPS);
    if (lr_order_all(ctx) != LR_OK)
        return LR_ENOMEM;
    ctx->split = ctx->n_order;
    size_t keep = ch->top_n && ch->top_n < RADAR_MAX_SERIES ? ch->top_n : RADAR_MAX_SERIES;
    if (lr_order_top_by_mean(ctx, keep) != LR_OK)
        return LR_ENOMEM;
    ctx->split = ctx->n_order;
    for (size_t i = 0; i < ctx->n_order; i++)
        lr_key_add(ctx, LR_KEY_LINE, lr_series_color(i), ch->series[ctx->order[i]]);
    lr_key_add_marks(ctx, 1);
    return LR_OK;
}

static void radar_body(lr_chart_ctx *ctx)
{
    const lr_chart *ch = ctx->chart;
    lr_canvas *cv = ctx->cv;
    const lr_box *b = &ctx->body;
    size_t G = ch->n_groups;

    char title[300];
    snprintf(title, sizeof(title),
             "%s%sfixed 0\xe2\x80\x93"
             "100 scale",
             ch->value_label ? ch->value_label : "", ch->value_label ? ", " : "");
    lr_text_fit(ctx, b->x, b->y + 8, title, &lr_ts_axis, LR_ANCHOR_START, b->w);

    double label_w = 0;
    for (size_t g = 0; g < G; g++)
        label_w = fmax(label_w, lr_text_w(ctx, ch->groups[g], &lr_ts_label));
    label_w = fmin(label_w, 130);
    /* The polygon is not symmetric vertically (a pentagon's base is higher than its tip is
     * far): size and centre it by the extent of its spokes, with a line of labels on either
     * end. */
    double top = b->y + 14, h = b->h - 14;
    double smin = 0, smax = 0;
    for (size_t g = 0; g < G; g++) {
        double s = sin(-PI / 2 + 2 * PI * (double)g / (double)G);
        smin = fmin(smin, s), smax = fmax(smax, s);
    }
    const double lab = 20; /* room for a line of spoke labels */
    double R = fmin((h - 2 * lab) / (smax - smin), b->w / 2 - label_w - 14);
    if (R < 20)
        R = 20;
    double cx = b->x + b->w / 2;
    double cy = top + lab - R * smin + (h - 2 * lab - R * (smax - smin)) / 2;

    /* Rings every 20 and spokes. */
    lr_style grid = {0, LR_GRID, 0.7, {0, 0}, 0};
    lr_style outer = {0, LR_AXIS, 0.8, {0, 0}, 0};
    for (int k = 1; k <= 5; k++) {
        double r = R * k / 5.0;
        lr_path p = LR_PATH_INIT;
        for (size_t g = 0; g < G; g++) {
            double a = -PI / 2 + 2 * PI * (double)g / (double)G;
            if (g == 0)
                lr_path_move(&p, cx + r * cos(a), cy + r * sin(a));
            else
                lr_path_line(&p, cx + r * cos(a), cy + r * sin(a));
        }
        lr_path_close(&p);
        lr_canvas_draw_path(cv, &p, k == 5 ? &outer : &grid);
        lr_path_free(&p);
    }
    for (size_t g = 0; g < G; g++) {
        double a = -PI / 2 + 2 * PI * (double)g / (double)G;
        lr_canvas_line(cv, cx, cy, cx + R * cos(a), cy + R * sin(a), &grid);
        double lx = cx + (R + 8) * cos(a), ly = cy + (R + 8) * sin(a);
        double c = cos(a), s = sin(a);
        lr_anchor an = c > 0.25 ? LR_ANCHOR_START : c < -0.25 ? LR_ANCHOR_END : LR_ANCHOR_MIDDLE;
        double base = s < -0.5 ? ly - 2 : s > 0.5 ? ly + 8 : ly + 3;
        lr_text_fit(ctx, lx, base, ch->groups[g], &lr_ts_label, an, label_w);
    }
    /* One outline per model: closed and lightly filled when every spoke has a comparable
     * value; otherwise only the edges between comparable neighbours, so that a missing or
     * marked value never looks measured. */
    for (size_t i = 0; i < ctx->n_order; i++) {
        size_t s = ctx->order[i];
        lr_color col = lr_series_color(i);
        double px[RADAR_MAX_GROUPS], py[RADAR_MAX_GROUPS];
        size_t Gd = G;
        int full = 1;
        for (size_t g = 0; g < Gd; g++) {
            const lr_chart_cell *c = lr_cell(ch, s, g);
            double v = lr_cell_ok(c) ? fmin(100, fmax(0, c->value)) : 0;
            double a = -PI / 2 + 2 * PI * (double)g / (double)G;
            px[g] = cx + R * v / 100 * cos(a);
            py[g] = cy + R * v / 100 * sin(a);
            full &= lr_cell_ok(c) && c->mark == LR_MARK_NONE;
        }
        lr_canvas_group_begin(cv, ch->series[s]);
        lr_style line = {0, col, 1.8, {0, 0}, 0};
        lr_path p = LR_PATH_INIT;
        if (full) {
            for (size_t g = 0; g < Gd; g++) {
                if (g == 0)
                    lr_path_move(&p, px[g], py[g]);
                else
                    lr_path_line(&p, px[g], py[g]);
            }
            lr_path_close(&p);
            if (ctx->n_order <= 3) /* more fills only muddy each other */
                line.fill = (col & 0xffffff00u) | 0x1au;
        } else {
            for (size_t g = 0; g < Gd; g++) {
                size_t h2 = (g + 1) % Gd;
                const lr_chart_cell *a = lr_cell(ch, s, g), *bb = lr_cell(ch, s, h2);
                if (lr_cell_ok(a) && a->mark == LR_MARK_NONE && lr_cell_ok(bb) &&
                    bb->mark == LR_MARK_NONE) {
                    lr_path_move(&p, px[g], py[g]);
                    lr_path_line(&p, px[h2], py[h2]);
                }
            }
        }
        lr_canvas_draw_path(cv, &p, &line);
        lr_path_free(&p);
        for (size_t g = 0; g < Gd; g++) {
            const lr_chart_cell *c = lr_cell(ch, s, g);
            if (!lr_cell_ok(c))
                continue;
            char t[600];
            lr_cell_title(ctx, s, g, t, sizeof(t));
            lr_canvas_group_begin(cv, t);
            lr_draw_dot(ctx, px[g], py[g], 2.8, col, c->mark);
            lr_canvas_group_end(cv);
        }
        lr_canvas_group_end(cv);
    }
    /* Ring values last, on a white halo, so that no outline crosses them. */
    lr_style halo = {LR_RGBA(0xffffff, 0xd9), 0, 0, {0, 0}, 0};
    for (int k = 1; k <= 5; k++) {
        char v[8];
        snprintf(v, sizeof(v), "%d", k * 20);
        double y = cy - R * k / 5.0 + 9;
        double w = lr_text_w(ctx, v, &lr_ts_tick);
        lr_canvas_rect(cv, cx + 4, y - 7, w + 2, 8.5, &halo);
        lr_canvas_text(cv, cx + 5, y, v, &lr_ts_tick, LR_ANCHOR_START);
    }
}

static double radar_height(const lr_chart *chart)
{
    (void)chart;
    return 540;
}

const lr_chart_kind lr_chart_radar_kind = {LR_CHART_RADAR, "radar",      radar_prepare,
                                           radar_body,     radar_height, NULL};

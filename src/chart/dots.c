/* Dot charts: the forest plot (a dot and its 95 % interval per model, dodged by benchmark when
 * there are several) and the scatter of model size (log axis) against score with its Pareto
 * frontier. Positions, not lengths, carry the values, so these axes need not start at zero. */
#include "chart/axis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int has_ci(const lr_chart_cell *c)
{
    return isfinite(c->ci95) && c->ci95 >= 0;
}

/* Ticks over the shown values with their intervals; percentages stay within 0..100. */
static void dot_ticks(lr_chart_ctx *ctx, int target, lr_ticks *t)
{
    const lr_chart *ch = ctx->chart;
    double lo = 0, hi = 0;
    int any = 0;
    for (size_t i = 0; i < ctx->n_order; i++)
        for (size_t g = 0; g < ch->n_groups; g++) {
            const lr_chart_cell *c = lr_cell(ch, ctx->order[i], g);
            if (!lr_cell_ok(c) || (ch->type == LR_CHART_SCATTER && g))
                continue;
            double ci = has_ci(c) ? c->ci95 : 0;
            if (!any)
                lo = c->value - ci, hi = c->value + ci, any = 1;
            else
                lo = fmin(lo, c->value - ci), hi = fmax(hi, c->value + ci);
        }
    if (!any)
        lo = 0, hi = ch->bounded ? 100 : 1;
    if (ch->bounded)
        lo = fmax(lo, 0), hi = fmin(fmax(hi, lo), 100);
    double pad = (hi - lo) * 0.04;
    lr_ticks_linear(t, ch->bounded ? fmax(0, lo - pad) : lo - pad, hi + pad, target, 0,
                    ch->bounded);
}

/* A dashed line at the baseline when the chart has one inside the axis. */
static void baseline_rule(lr_chart_ctx *ctx, const lr_ticks *t, const lr_box *plot, int vertical)
{
    const lr_chart *ch = ctx->chart;
    if (!(isfinite(ch->baseline) && ch->baseline >= 0) || ch->baseline <= t->lo ||
        ch->baseline >= t->hi)
        return;
    lr_style dash = {0, LR_AXIS, 0.8, {4, 3}, 0};
    char label[48], v[32];
    lr_chart_format_value(ctx, ch->baseline, v, sizeof(v));
    snprintf(label, sizeof(label), lr_tr(ch, LR_PH_BASELINE_AT), v);
    if (vertical) {
        double x = lr_ticks_map(t, ch->baseline, plot->x, plot->x + plot->w);
        lr_canvas_line(ctx->cv, x, plot->y, x, plot->y + plot->h, &dash);
        lr_canvas_text(ctx->cv, x + 3, plot->y + 8, label, &lr_ts_note, LR_ANCHOR_START);
    } else {
        double y = lr_ticks_map(t, ch->baseline, plot->y + plot->h, plot->y);
        lr_canvas_line(ctx->cv, plot->x, y, plot->x + plot->w, y, &dash);
        lr_canvas_text(ctx->cv, plot->x + plot->w - 3, y - 3, label, &lr_ts_note, LR_ANCHOR_END);
    }
}

/* ---- Forest plot --------------------------------------------------------------------------- */

static lr_status forest_prepare(lr_chart_ctx *ctx)
{
    const lr_chart *ch = ctx->chart;
    if (ch->n_groups == 1) {
        if (lr_rank_prepare(ctx, 0) != LR_OK)
            return lr_canvas_status(ctx->cv);
        lr_key_add(ctx, LR_KEY_DOT, lr_series_color(0), lr_tr(ctx->chart, LR_PH_ESTIMATE));
    } else {
        if (lr_order_all(ctx) != LR_OK)
            return LR_ENOMEM;
        ctx->split = ctx->n_order;
        size_t keep = ch->top_n ? ch->top_n : ctx->n_order;
        if (ctx->max_rows && keep > ctx->max_rows)
            keep = ctx->max_rows;
        if (lr_order_top_by_mean(ctx, keep) != LR_OK)
            return LR_ENOMEM;
        ctx->split = ctx->n_order;
        for (size_t g = 0; g < ch->n_groups && g < LR_MAX_KEYS - 3; g++)
            lr_key_add(ctx, LR_KEY_DOT, lr_series_color(g), ch->groups[g]);
    }
    lr_key_add_marks(ctx, 1);
    lr_key_add_whisker(ctx);
    return LR_OK;
}

/* Rows that fit: 12 pt for one dot, 7 pt a dot (14 at least) when dodged. */
static size_t forest_rows_fit(lr_chart_ctx *ctx)
{
    size_t G = ctx->chart->n_groups;
    double per_row = G == 1 ? 12 : fmax(14, 7 * (double)G);
    double h = ctx->body.h - 2 - lr_value_axis_bottom_room() - (G == 1 ? 24 : 0);
    return h < per_row ? 1 : (size_t)floor(h / per_row);
}

static void interval_text(const lr_chart_ctx *ctx, const lr_chart_cell *c, char *buf, size_t size)
{
    char v[40], a[40], b[40];
    lr_chart_format_value(ctx, c->value, v, sizeof(v));
    if (!has_ci(c)) {
        snprintf(buf, size, "%s", v);
        return;
    }
    lr_chart_format_value(ctx, c->value - c->ci95, a, sizeof(a));
    lr_chart_format_value(ctx, c->value + c->ci95, b, sizeof(b));
    snprintf(buf, size, "%s [%s, %s]", v, a, b);
}

static void forest_body(lr_chart_ctx *ctx)
{
    const lr_chart *ch = ctx->chart;
    lr_canvas *cv = ctx->cv;
    const lr_box *b = &ctx->body;
    size_t n = ctx->n_order, G = ch->n_groups;
    int single = G == 1;
    int sep = ctx->split < n && ctx->split > 0;
    double sep_h = sep ? 24 : 0;
    if (lr_frame_empty(ctx))
        return;

    double names = 0, values = 0;
    for (size_t i = 0; i < n; i++) {
        names = fmax(names, lr_text_w(ctx, ch->series[ctx->order[i]], &lr_ts_label));
        if (single) {
            char v[160];
            interval_text(ctx, lr_cell(ch, ctx->order[i], 0), v, sizeof(v));
            values = fmax(values, lr_text_w(ctx, v, &lr_ts_value));
        }
    }
    names = fmin(names, b->w * 0.32);
    double right = single ? values + 12 : 4;
    lr_box plot = {b->x + names + 10, b->y + 2, b->w - names - 10 - right,
                   b->h - 2 - lr_value_axis_bottom_room()};
    double row = (plot.h - sep_h) / (double)n;

    /* Zebra rows first, under the gridlines. */
    lr_style zebra = {LR_RGB(0xf5f5f5), 0, 0, {0, 0}, 0};
    for (size_t i = 0; i < n; i += 2) {
        double y = plot.y + row * (double)i + (sep && i >= ctx->split ? sep_h : 0);
        lr_canvas_rect(cv, b->x, y, b->w, row, &zebra);
    }
    lr_ticks t;
    dot_ticks(ctx, 5, &t);
    lr_value_axis_bottom(ctx, &plot, &t, ch->value_label, NULL);
    baseline_rule(ctx, &t, &plot, 1);

    double dodge = single ? 0 : fmin(row * 0.8 / (double)G, 7);
    double r = single ? 4 : fmin(3.2, fmax(2, dodge * 0.45));
    for (size_t i = 0; i < n; i++) {
        size_t s = ctx->order[i];
        double cy = plot.y + row * ((double)i + 0.5) + (sep && i >= ctx->split ? sep_h : 0);
        lr_canvas_group_begin(cv, ch->series[s]);
        lr_text_fit(ctx, plot.x - 8, cy + lr_center_baseline(&lr_ts_label), ch->series[s],
                    &lr_ts_label, LR_ANCHOR_END, names);
        lr_canvas_group_end(cv);
        for (size_t g = 0; g < G; g++) {
            const lr_chart_cell *c = lr_cell(ch, s, g);
            if (!lr_cell_ok(c))
                continue;
            double y = cy + dodge * ((double)g - (double)(G - 1) / 2);
            char title[600];
            lr_cell_title(ctx, s, g, title, sizeof(title));
            lr_canvas_group_begin(cv, title);
            if (has_ci(c)) {
                double x1 = lr_ticks_map(&t, c->value - c->ci95, plot.x, plot.x + plot.w);
                double x2 = lr_ticks_map(&t, c->value + c->ci95, plot.x, plot.x + plot.w);
                lr_draw_whisker(ctx, x1, x2, y, single ? 6 : 0, 0,
                                single ? LR_WHISKER : lr_series_color(g));
            }
            double x = lr_ticks_map(&t, c->value, plot.x, plot.x + plot.w);
            lr_draw_dot(ctx, x, y, r, lr_series_color(single ? 0 : g), c->mark);
            if (single) {
                char v[160];
                interval_text(ctx, c, v, sizeof(v));
                lr_canvas_text(cv, b->x + b->w, y + lr_center_baseline(&lr_ts_value), v,
                               &lr_ts_value, LR_ANCHOR_END);
            }
            lr_canvas_group_end(cv);
        }
    }
    if (sep) {
        double y = plot.y + row * (double)ctx->split + 5;
        lr_style dash = {0, LR_AXIS, 0.6, {2, 2}, 0};
        lr_canvas_line(cv, b->x, y, b->x + b->w, y, &dash);
        lr_text_fit(ctx, b->x, y + 11, "not ranked \xe2\x80\x94 setting differs or is not stated",
                    &lr_ts_note, LR_ANCHOR_START, b->w);
    }
}

static double forest_height(const lr_chart *chart)
{
    size_t rows = chart->n_series;
    if (chart->top_n && chart->top_n < rows)
        rows = chart->top_n;
    if (rows > 40)
        rows = 40;
    double per_row = chart->n_groups > 1 ? fmax(18, 8 * (double)chart->n_groups) : 19;
    return fmax(240, 130 + per_row * (double)rows);
}

const lr_chart_kind lr_chart_forest_kind = {LR_CHART_FOREST, "forest",      forest_prepare,
                                            forest_body,     forest_height, forest_rows_fit};

/* ---- Scatter: size vs score ---------------------------------------------------------------- */

static int plotted(const lr_chart *ch, size_t s)
{
    return isfinite(ch->x[s]) && ch->x[s] > 0 && lr_cell_ok(lr_cell(ch, s, 0));
}

static lr_status scatter_prepare(lr_chart_ctx *ctx)
{
    const lr_chart *ch = ctx->chart;
    if (lr_order_all(ctx) != LR_OK)
        return LR_ENOMEM;
    ctx->group_first = 0;
    ctx->group_count = 1; /* the scatter shows group 0 */
    size_t n = 0, unknown = 0;
    for (size_t s = 0; s < ch->n_series; s++) {
        if (plotted(ch, s))
            ctx->order[n++] = s;
        else if (lr_cell_ok(lr_cell(ch, s, 0)))
            unknown++;
    }
    ctx->n_order = ctx->split = n;
    if (unknown) {
        /* Say who is missing, so that nobody wonders. */
        size_t len = (size_t)snprintf(ctx->note, sizeof(ctx->note), "size unknown, not shown:");
        const char *sepr = " ";
        for (size_t s = 0; s < ch->n_series && len < sizeof(ctx->note); s++) {
            if (plotted(ch, s) || !lr_cell_ok(lr_cell(ch, s, 0)))
                continue;
            len += (size_t)snprintf(ctx->note + len, sizeof(ctx->note) - len, "%s%s", sepr,
                                    ch->series[s]);
            sepr = ", ";
        }
    }
    lr_key_add(ctx, LR_KEY_DOT, lr_series_color(0), lr_tr(ctx->chart, LR_PH_MODEL));
    lr_key_add(ctx, LR_KEY_STEP, LR_FRONTIER,
               lr_tr(ch, ch->higher_is_better ? LR_PH_PARETO_HIGHER : LR_PH_PARETO_LOWER));
    lr_key_add_marks(ctx, 1);
    lr_key_add_whisker(ctx);
    return LR_OK;
}

typedef struct box2 {
    double x0, y0, x1, y1;
} box2;

static int overlaps(const box2 *a, const box2 *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static int by_size(const void *user, size_t a, size_t b)
{
    const lr_chart *ch = user;
    if (ch->x[a] != ch->x[b])
        return ch->x[a] < ch->x[b] ? -1 : 1;
    return lr_better(ch, lr_cell(ch, a, 0)->value, lr_cell(ch, b, 0)->value);
}

/* A point's tooltip, "LLaMA 7B · ARC-Challenge: 46.6 · 7B parameters", saying so when the dot
 * was moved sideways off another; its label's group has the same title, which binds the label
 * to the point. */
static void point_title(const lr_chart_ctx *ctx, size_t s, int moved, char *buf, size_t size)
{
    char sz[200];
    lr_cell_title(ctx, s, 0, buf, size);
    snprintf(sz, sizeof(sz), " \xc2\xb7 %gB parameters%s%s", ctx->chart->x[s],
             moved ? " \xc2\xb7 " : "", moved ? lr_tr(ctx->chart, LR_PH_DOT_MOVED) : "");
    if (strlen(buf) + strlen(sz) < size)
        strcat(buf, sz);
}

/* Distance from (x, y) to the nearest point of a box. */
static double box_distance(const box2 *b, double x, double y)
{
    double dx = fmax(fmax(b->x0 - x, 0), x - b->x1), dy = fmax(fmax(b->y0 - y, 0), y - b->y1);
    return hypot(dx, dy);
}

static void scatter_body(lr_chart_ctx *ctx)
{
    const lr_chart *ch = ctx->chart;
    lr_canvas *cv = ctx->cv;
    const lr_box *b = &ctx->body;
    size_t n = ctx->n_order;
    if (lr_frame_empty(ctx))
        return;

    lr_ticks ty, tx;
    dot_ticks(ctx, b->h > 260 ? 6 : 4, &ty);
    double xlo = ch->x[ctx->order[0]], xhi = xlo;
    for (size_t i = 1; i < n; i++)
        xlo = fmin(xlo, ch->x[ctx->order[i]]), xhi = fmax(xhi, ch->x[ctx->order[i]]);
    lr_ticks_log(&tx, xlo, xhi);
    double room = lr_value_axis_left_room(ctx, &ty);
    lr_box plot = {b->x + room, b->y + 18, b->w - room - 4,
                   b->h - 18 - lr_value_axis_bottom_room()};
    lr_value_axis_left(ctx, &plot, &ty, ch->value_label, NULL);
    lr_value_axis_bottom(ctx, &plot, &tx, lr_tr(ch, LR_PH_PARAMETERS_LOG), NULL);
    lr_style frame = {0, LR_AXIS, 0.8, {0, 0}, 0};
    lr_canvas_line(cv, plot.x, plot.y + plot.h, plot.x + plot.w, plot.y + plot.h, &frame);
    baseline_rule(ctx, &ty, &plot, 0);

    /* Pareto frontier among comparable cells: walk by size, keep each new best. */
    size_t *by_x = malloc(n * sizeof(*by_x));
    unsigned char *front = calloc(ch->n_series, 1);
    /* obstacles for labels: n dots, 2 n + 1 frontier segments, n labels */
    box2 *boxes = malloc((4 * n + 2) * sizeof(*boxes));
    if (!by_x || !front || !boxes) {
        free(by_x), free(front), free(boxes);
        lr_canvas_fail(cv, LR_ENOMEM, "chart: out of memory");
        return;
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (lr_cell(ch, ctx->order[i], 0)->mark == LR_MARK_NONE)
            by_x[m++] = ctx->order[i];
    lr_sort_indices(by_x, m, by_size, ch); /* m <= n: the buffer is there */
    lr_path step = LR_PATH_INIT;
    double best = 0, last_x = 0, last_y = 0;
    int have = 0;
    size_t nb = n; /* boxes[0..n) are the dots, filled below */
    for (size_t i = 0; i < m; i++) {
        size_t s = by_x[i];
        double v = lr_cell(ch, s, 0)->value;
        if (have && lr_better(ch, v, best) >= 0)
            continue;
        double x = lr_ticks_map(&tx, ch->x[s], plot.x, plot.x + plot.w);
        double y = lr_ticks_map(&ty, v, plot.y + plot.h, plot.y);
        if (!have) {
            lr_path_move(&step, x, y);
        } else {
            lr_path_line(&step, x, last_y), lr_path_line(&step, x, y);
            boxes[nb++] = (box2){last_x, last_y - 1.5, x, last_y + 1.5};
            boxes[nb++] = (box2){x - 1.5, fmin(y, last_y), x + 1.5, fmax(y, last_y)};
        }
        front[s] = 1;
        best = v, last_x = x, last_y = y, have = 1;
    }
    if (have) {
        lr_path_line(&step, plot.x + plot.w, last_y);
        boxes[nb++] = (box2){last_x, last_y - 1.5, plot.x + plot.w, last_y + 1.5};
        lr_style fs = {0, LR_FRONTIER, 1.5, {0, 0}, 0};
        lr_canvas_draw_path(cv, &step, &fs);
    }
    lr_path_free(&step);

    /* Where each dot goes: at its size and value; a dot that would cover one placed before
     * (the frontier first, then best first) moves sideways by a dot's width, so that models of
     * one size and nearly one score stay as many dots as there are models. */
    double r = 4;
    double *px = malloc(3 * n * sizeof(*px)), *py = px ? px + n : NULL, *px0 = px ? py + n : NULL;
    size_t *place = malloc(n * sizeof(*place));
    if (!px || !place) {
        free(px), free(place), free(by_x), free(front), free(boxes);
        lr_canvas_fail(cv, LR_ENOMEM, "chart: out of memory");
        return;
    }
    size_t np0 = 0;
    for (int pass = 1; pass >= 0; pass--)
        for (size_t i = 0; i < n; i++)
            if (front[ctx->order[i]] == pass)
                place[np0++] = i;
    for (size_t k = 0; k < n; k++) {
        size_t i = place[k], s = ctx->order[i];
        double x0 = lr_ticks_map(&tx, ch->x[s], plot.x, plot.x + plot.w);
        px[i] = px0[i] = x0;
        py[i] = lr_ticks_map(&ty, lr_cell(ch, s, 0)->value, plot.y + plot.h, plot.y);
        if (front[s])
            continue;
        for (int shift = 0; shift <= 6; shift++) {
            double dx = (2 * r + 1.5) * (double)((shift + 1) / 2) * (shift % 2 ? 1 : -1);
            int free_spot = x0 + dx >= plot.x + r && x0 + dx <= plot.x + plot.w - r;
            for (size_t j = 0; free_spot && j < k; j++)
                free_spot = hypot(px[place[j]] - (x0 + dx), py[place[j]] - py[i]) >= 2 * r + 1;
            if (free_spot) {
                px[i] = x0 + dx;
                break;
            }
        }
    }
    free(place);

    /* Points: the others first, the frontier on top. */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            size_t s = ctx->order[i];
            if (front[s] != pass)
                continue;
            const lr_chart_cell *c = lr_cell(ch, s, 0);
            double x = px[i], y = py[i];
            char title[600];
            point_title(ctx, s, px[i] != px0[i], title, sizeof(title));
            lr_canvas_group_begin(cv, title);
            if (has_ci(c))
                lr_draw_whisker(ctx, lr_ticks_map(&ty, c->value - c->ci95, plot.y + plot.h, plot.y),
                                lr_ticks_map(&ty, c->value + c->ci95, plot.y + plot.h, plot.y), x,
                                4, 1, LR_WHISKER);
            lr_draw_dot(ctx, x, y, pass ? r + 0.5 : r, pass ? LR_FRONTIER : lr_series_color(0),
                        c->mark);
            lr_canvas_group_end(cv);
            boxes[i] = (box2){x - r - 1, y - r - 1, x + r + 1, y + r + 1};
            if (has_ci(c)) { /* the whisker is an obstacle too */
                boxes[i].y0 =
                    fmin(boxes[i].y0,
                         lr_ticks_map(&ty, c->value + c->ci95, plot.y + plot.h, plot.y) - 1);
                boxes[i].y1 =
                    fmax(boxes[i].y1,
                         lr_ticks_map(&ty, c->value - c->ci95, plot.y + plot.h, plot.y) + 1);
            }
        }

    /* Direct labels: frontier first, then best first; a label goes right, left, above or below
     * its dot, wherever it touches no dot and no other label and no other dot is as near to it
     * as its own (a label is read as naming the nearest dot), or is left out (the tooltip
     * still names the dot). */
    size_t *prio = by_x; /* reuse: the frontier walk is done */
    size_t np = 0;
    for (int pass = 1; pass >= 0; pass--)
        for (size_t i = 0; i < n; i++)
            if (front[ctx->order[i]] == pass)
                prio[np++] = i;
    for (size_t k = 0; k < np; k++) {
        size_t i = prio[k], s = ctx->order[i];
        char buf[512];
        const char *label = lr_fit(ctx, ch->series[s], &lr_ts_value, 110, buf, sizeof(buf));
        double w = lr_text_w(ctx, label, &lr_ts_value), h = 8;
        double cx = px[i], cy = py[i];
        double d = r + 2;
        box2 cand[8] = {
            {cx + r + 3, cy - h / 2, cx + r + 3 + w, cy + h / 2}, /* right */
            {cx - r - 3 - w, cy - h / 2, cx - r - 3, cy + h / 2}, /* left */
            {cx - w / 2, cy - r - 3 - h, cx + w / 2, cy - r - 3}, /* above */
            {cx - w / 2, cy + r + 3, cx + w / 2, cy + r + 3 + h}, /* below */
            {cx + d, cy - d - h, cx + d + w, cy - d},             /* above right */
            {cx + d, cy + d, cx + d + w, cy + d + h},             /* below right */
            {cx - d - w, cy - d - h, cx - d, cy - d},             /* above left */
            {cx - d - w, cy + d, cx - d, cy + d + h},             /* below left */
        };
        for (int c = 0; c < 8; c++) {
            box2 *bx = &cand[c];
            int ok = bx->x0 >= plot.x + 1 && bx->x1 <= plot.x + plot.w - 1 && bx->y0 >= plot.y &&
                     bx->y1 <= plot.y + plot.h - 1;
            for (size_t j = 0; ok && j < nb; j++)
                ok = !overlaps(bx, &boxes[j]);
            double own = box_distance(bx, cx, cy);
            for (size_t j = 0; ok && j < n; j++)
                ok = j == i || box_distance(bx, px[j], py[j]) > own + 1;
            if (!ok)
                continue;
            char title[600];
            point_title(ctx, s, px[i] != px0[i], title, sizeof(title));
            lr_canvas_group_begin(cv, title);
            lr_canvas_text(cv, bx->x0, bx->y1 - 1, label, &lr_ts_value, LR_ANCHOR_START);
            lr_canvas_group_end(cv);
            boxes[nb++] = *bx;
            break;
        }
    }
    free(px);
    free(by_x);
    free(front);
    free(boxes);
}

static double scatter_height(const lr_chart *chart)
{
    (void)chart;
    return 460;
}

const lr_chart_kind lr_chart_scatter_kind = {LR_CHART_SCATTER, "scatter",      scatter_prepare,
                                             scatter_body,     scatter_height, NULL};

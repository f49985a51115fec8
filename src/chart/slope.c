/* Slope charts: groups are the settings one benchmark was measured under, left to right in the
 * order the spec gives, and each model is one line across them. Every column is its own
 * setting, so the values of one column are comparable with each other and a line shows how a
 * model's number moves with the way of measuring; lines that cross are rankings that flip. A
 * model missing in a column has no point there: a thin dashed bridge joins its neighbours. */
#include "chart/axis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOPE_MAX_SERIES LR_DISTINCT_SERIES
#define SLOPE_LABEL_GAP 10.5 /* vertical distance between end labels */

static lr_status slope_prepare(lr_chart_ctx *ctx)
{
    const lr_chart *ch = ctx->chart;
    if (ch->n_groups < 2)
        return lr_canvas_fail(ctx->cv, LR_EUSAGE, "chart %s: a slope chart needs two settings",
                              ch->id ? ch->id : "");
    if (lr_order_all(ctx) != LR_OK)
        return LR_ENOMEM;
    /* the spec's order is the stated one (most prominent models first): keep it */
    if (ctx->n_order > SLOPE_MAX_SERIES) {
        size_t of = ctx->n_order;
        ctx->n_order = SLOPE_MAX_SERIES;
        snprintf(ctx->note, sizeof ctx->note, lr_tr(ch, LR_PH_TOP_OF), (size_t)SLOPE_MAX_SERIES,
                 of);
    }
    ctx->split = ctx->n_order;
    for (size_t i = 0; i < ctx->n_order; i++)
        lr_key_add(ctx, LR_KEY_LINE, lr_series_color(i), ch->series[ctx->order[i]]);
    lr_key_add_whisker(ctx);
    return LR_OK;
}

typedef struct end_label {
    size_t i;    /* index in ctx->order */
    double want; /* y of the point */
    double y;    /* y after spreading */
    char text[320];
} end_label;

static int by_want(const void *user, size_t a, size_t b)
{
    const end_label *l = user;
    return l[a].want < l[b].want ? -1 : l[a].want > l[b].want ? 1 : 0;
}

/* Moves labels apart so that none is closer than SLOPE_LABEL_GAP to the next, within
 * [top, bottom]. order is scratch of n. */
static void spread_labels(end_label *l, size_t n, size_t *order, double top, double bottom)
{
    for (size_t k = 0; k < n; k++)
        order[k] = k;
    lr_sort_indices(order, n, by_want, l);
    double prev = top - 1e9;
    for (size_t k = 0; k < n; k++) {
        end_label *e = &l[order[k]];
        e->y = fmax(e->want, prev + SLOPE_LABEL_GAP);
        prev = e->y;
    }
    double limit = bottom;
    for (size_t k = n; k-- > 0;) {
        end_label *e = &l[order[k]];
        if (e->y > limit)
            e->y = limit;
        limit = e->y - SLOPE_LABEL_GAP;
    }
}

/* Labels for the series present in group g: "name value" (with_name) or "value". */
static size_t end_labels(lr_chart_ctx *ctx, size_t g, int with_name, end_label *l, double *width)
{
    const lr_chart *ch = ctx->chart;
    size_t n = 0;
    *width = 0;
    for (size_t i = 0; i < ctx->n_order; i++) {
        const lr_chart_cell *c = lr_cell(ch, ctx->order[i], g);
        if (!lr_cell_ok(c))
            continue;
        char v[48], name[300];
        lr_chart_format_value(ctx, c->value, v, sizeof v);
        if (with_name)
            snprintf(l[n].text, sizeof l[n].text, "%s %s",
                     lr_fit(ctx, ch->series[ctx->order[i]], &lr_ts_value, 120, name, sizeof name),
                     v);
        else
            snprintf(l[n].text, sizeof l[n].text, "%s", v);
        l[n].i = i;
        *width = fmax(*width, lr_text_w(ctx, l[n].text, &lr_ts_value));
        n++;
    }
    return n;
}

/* Value labels of the series whose last point is in group g (0 < g < G - 1). */
static size_t ends_at(lr_chart_ctx *ctx, size_t g, end_label *l)
{
    const lr_chart *ch = ctx->chart;
    size_t n = 0;
    for (size_t i = 0; i < ctx->n_order; i++) {
        size_t s = ctx->order[i], last = ch->n_groups;
        for (size_t h = 0; h < ch->n_groups; h++)
            if (lr_cell_ok(lr_cell(ch, s, h)))
                last = h;
        if (last != g)
            continue;
        char v[48];
        lr_chart_format_value(ctx, lr_cell(ch, s, g)->value, v, sizeof v);
        snprintf(l[n].text, sizeof l[n].text, "%s", v);
        l[n++].i = i;
    }
    return n;
}

static void draw_labels(lr_chart_ctx *ctx, end_label *l, size_t n, double px, double lx,
                        lr_anchor anchor, double max_w)
{
    for (size_t k = 0; k < n; k++) {
        lr_color col = lr_series_color(l[k].i);
        lr_text_style ts = lr_ts_value;
        ts.color = lr_shade(col, 0.25);
        if (fabs(l[k].y - l[k].want) > 2) {
            lr_style leader = {0, lr_tint(col, 0.3), 0.6, {0, 0}, 0};
            double from = anchor == LR_ANCHOR_START ? px + 4 : px - 4;
            double to = anchor == LR_ANCHOR_START ? lx - 2 : lx + 2;
            lr_canvas_line(ctx->cv, from, l[k].want, to, l[k].y, &leader);
        }
        lr_canvas_group_begin(ctx->cv, ctx->chart->series[ctx->order[l[k].i]]);
        lr_text_fit(ctx, lx, l[k].y + lr_center_baseline(&ts), l[k].text, &ts, anchor, max_w + 2);
        lr_canvas_group_end(ctx->cv);
    }
}

static void slope_body(lr_chart_ctx *ctx)
{
    const lr_chart *ch = ctx->chart;
    lr_canvas *cv = ctx->cv;
    const lr_box *b = &ctx->body;
    size_t G = ch->n_groups, S = ctx->n_order;
    end_label *left = calloc(S ? S : 1, sizeof *left), *right = calloc(S ? S : 1, sizeof *right);
    size_t *scratch = malloc((S ? S : 1) * sizeof *scratch);
    if (!left || !right || !scratch) {
        free(left), free(right), free(scratch);
        lr_canvas_fail(cv, LR_ENOMEM, "chart: out of memory");
        return;
    }

    lr_ticks ty, tx;
    lr_ticks_line_values(ctx, &ty);

    double wl, wr;
    size_t nl = end_labels(ctx, 0, 0, left, &wl);
    size_t nr = end_labels(ctx, G - 1, 1, right, &wr);
    wr = fmin(wr, b->w * 0.28);
    double room = lr_value_axis_left_room(ctx, &ty);
    lr_box plot = {b->x + room, b->y + 18, b->w - room - (nr ? wr + 10 : 6),
                   b->h - 18 - lr_value_axis_bottom_room()};
    /* x: one column per setting, the first far enough in for its values on the left */
    double lroom = (nl ? wl + 12 : 8), rpad = 8;
    double unit = (plot.w - lroom - rpad) / (double)(G - 1);
    if (unit < 20)
        unit = 20;
    memset(&tx, 0, sizeof tx);
    tx.lo = -lroom / unit;
    tx.hi = (double)(G - 1) + rpad / unit;
    for (size_t g = 0; g < G && tx.n < LR_MAX_TICKS; g++) {
        tx.v[tx.n] = (double)g;
        /* shortened by width, and by whole characters to the tick label's bytes */
        char buf[64];
        double w = fmax(30, fmin(unit, 160) - 8);
        const char *fit = lr_fit(ctx, ch->groups[g], &lr_ts_tick, w, buf, sizeof buf);
        while (strlen(fit) >= sizeof tx.label[0] && w > 10)
            fit = lr_fit(ctx, ch->groups[g], &lr_ts_tick, w -= 10, buf, sizeof buf);
        snprintf(tx.label[tx.n], sizeof tx.label[tx.n], "%s",
                 strlen(fit) < sizeof tx.label[0] ? fit : "…");
        tx.n++;
    }
    lr_value_axis_left(ctx, &plot, &ty, ch->value_label, NULL);
    lr_value_axis_bottom(ctx, &plot, &tx, NULL, NULL);
    lr_style axis = {0, LR_AXIS, 0.8, {0, 0}, 0};
    lr_canvas_line(cv, plot.x, plot.y + plot.h, plot.x + plot.w, plot.y + plot.h, &axis);

#define XPOS(g) lr_ticks_map(&tx, (double)(g), plot.x, plot.x + plot.w)
#define YPOS(v) lr_ticks_map(&ty, (v), plot.y + plot.h, plot.y)
    for (size_t i = 0; i < S; i++) {
        size_t s = ctx->order[i];
        lr_color col = lr_series_color(i);
        lr_canvas_group_begin(cv, ch->series[s]);
        lr_path p = LR_PATH_INIT;
        int pen = 0;
        for (size_t g = 0; g < G; g++) {
            const lr_chart_cell *c = lr_cell(ch, s, g);
            if (!lr_cell_ok(c)) {
                pen = 0;
                continue;
            }
            if (pen)
                lr_path_line(&p, XPOS(g), YPOS(c->value));
            else
                lr_path_move(&p, XPOS(g), YPOS(c->value));
            pen = 1;
        }
        lr_style line = {0, col, 1.8, {0, 0}, 0};
        lr_canvas_draw_path(cv, &p, &line);
        lr_path_free(&p);
        /* across settings the model was not measured under: a thin dashed bridge, so that the
         * order at both ends stays visible without a point that does not exist */
        lr_style bridge = {0, lr_tint(col, 0.2), 1.0, {3, 3}, 0};
        size_t prev = G;
        for (size_t g = 0; g < G; g++) {
            const lr_chart_cell *c = lr_cell(ch, s, g);
            if (!lr_cell_ok(c))
                continue;
            if (prev < G && g > prev + 1)
                lr_canvas_line(cv, XPOS(prev), YPOS(lr_cell(ch, s, prev)->value), XPOS(g),
                               YPOS(c->value), &bridge);
            prev = g;
        }
        for (size_t g = 0; g < G; g++) {
            const lr_chart_cell *c = lr_cell(ch, s, g);
            if (!lr_cell_ok(c))
                continue;
            char t[600];
            lr_cell_title(ctx, s, g, t, sizeof t);
            lr_canvas_group_begin(cv, t);
            if (c->ci95 >= 0)
                lr_draw_whisker(ctx, YPOS(c->value - c->ci95), YPOS(c->value + c->ci95), XPOS(g), 4,
                                1, lr_shade(col, 0.2));
            lr_draw_dot(ctx, XPOS(g), YPOS(c->value), 3, col, c->mark);
            lr_canvas_group_end(cv);
        }
        lr_canvas_group_end(cv);
    }

    /* the values at both ends, names on the right */
    for (size_t k = 0; k < nl; k++)
        left[k].want = YPOS(lr_cell(ch, ctx->order[left[k].i], 0)->value);
    for (size_t k = 0; k < nr; k++)
        right[k].want = YPOS(lr_cell(ch, ctx->order[right[k].i], G - 1)->value);
    spread_labels(left, nl, scratch, plot.y, plot.y + plot.h);
    spread_labels(right, nr, scratch, plot.y, plot.y + plot.h);
    draw_labels(ctx, left, nl, XPOS(0), XPOS(0) - 8, LR_ANCHOR_END, wl);
    draw_labels(ctx, right, nr, XPOS(G - 1), plot.x + plot.w + 8, LR_ANCHOR_START, wr);
    /* a line that ends before the last setting gets its last value beside its last point, so
     * that every line can be read at both ends */
    for (size_t g = 1; g + 1 < G; g++) {
        size_t ne = ends_at(ctx, g, left);
        for (size_t k = 0; k < ne; k++)
            left[k].want = YPOS(lr_cell(ch, ctx->order[left[k].i], g)->value);
        spread_labels(left, ne, scratch, plot.y, plot.y + plot.h);
        draw_labels(ctx, left, ne, XPOS(g), XPOS(g) + 8, LR_ANCHOR_START, unit * 0.4);
    }
#undef XPOS
#undef YPOS
    free(left);
    free(right);
    free(scratch);
}

static double slope_height(const lr_chart *chart)
{
    size_t keys = chart->n_series < SLOPE_MAX_SERIES ? chart->n_series : SLOPE_MAX_SERIES;
    return 400 + 14 * (double)(keys / 5);
}

const lr_chart_kind lr_chart_slope_kind = {LR_CHART_SLOPE, "slope",      slope_prepare,
                                           slope_body,     slope_height, NULL};

/* Trend lines over nightly history: groups are dates (x in days), one line per model. A
 * missing night breaks the line, and a value measured under another setting is a hollow mark
 * that no line runs through: a line claims the points on it are comparable. */
#include "chart/axis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TREND_MAX_SERIES LR_DISTINCT_SERIES

/* Whether a point is the first night at a new level (a ring). */
static int level_change(const lr_chart *ch, size_t s, size_t g)
{
    return ch->level_changes && ch->level_changes[s * ch->n_groups + g];
}

/* Latest comparable value of a series. */
static int latest(const lr_chart *ch, const size_t *gorder, size_t s, double *v)
{
    for (size_t k = ch->n_groups; k-- > 0;) {
        const lr_chart_cell *c = lr_cell(ch, s, gorder ? gorder[k] : k);
        if (lr_cell_ok(c) && c->mark == LR_MARK_NONE) {
            *v = c->value;
            return 1;
        }
    }
    return 0;
}

static int by_latest(const void *user, size_t a, size_t b)
{
    const lr_chart *ch = user;
    double va = 0, vb = 0;
    int ha = latest(ch, NULL, a, &va), hb = latest(ch, NULL, b, &vb);
    if (ha != hb)
        return ha ? -1 : 1;
    return ha ? lr_better(ch, va, vb) : 0;
}

static lr_status trend_prepare(lr_chart_ctx *ctx)
{
    const lr_chart *ch = ctx->chart;
    if (ch->x)
        for (size_t g = 0; g < ch->n_groups; g++)
            if (!isfinite(ch->x[g]))
                return lr_canvas_fail(ctx->cv, LR_EVALUE, "chart %s: date of %s is not a number",
                                      ch->id ? ch->id : "", ch->groups[g]);
    if (lr_order_all(ctx) != LR_OK)
        return LR_ENOMEM;
    ctx->split = ctx->n_order;
    size_t keep = ch->top_n && ch->top_n < TREND_MAX_SERIES ? ch->top_n : TREND_MAX_SERIES;
    if (ctx->n_order > keep) {
        if (lr_sort_indices(ctx->order, ctx->n_order, by_latest, ch))
            return lr_canvas_fail(ctx->cv, LR_ENOMEM, "chart: out of memory");
        lr_order_keep(ctx, keep, LR_PH_BY_LATEST);
        ctx->split = ctx->n_order;
    }
    for (size_t i = 0; i < ctx->n_order; i++)
        lr_key_add(ctx, LR_KEY_LINE, lr_series_color(i), ch->series[ctx->order[i]]);
    lr_key_add(ctx, LR_KEY_LINE, LR_RGB(0x8c8c8c), lr_tr(ch, LR_PH_BEST_SO_FAR));
    lr_key_add_marks(ctx, 1);
    for (size_t i = 0, done = 0; i < ctx->n_order && !done; i++)
        for (size_t g = 0; g < ch->n_groups && !done; g++)
            if (lr_cell_ok(lr_cell(ch, ctx->order[i], g)) && level_change(ch, ctx->order[i], g)) {
                lr_key_add(ctx, LR_KEY_RING, LR_RGB(0x666666), lr_tr(ch, LR_PH_LEVEL_CHANGE));
                done = 1;
            }
    return LR_OK;
}

static int by_x(const void *user, size_t a, size_t b)
{
    const lr_chart *ch = user;
    return ch->x[a] < ch->x[b] ? -1 : ch->x[a] > ch->x[b] ? 1 : 0;
}

typedef struct end_label {
    size_t i;    /* index in ctx->order */
    double want; /* y of the last point */
    double y;    /* y after spreading */
    char text[320];
} end_label;

static int by_want(const void *user, size_t a, size_t b)
{
    const end_label *l = user;
    return l[a].want < l[b].want ? -1 : l[a].want > l[b].want ? 1 : 0;
}

static void trend_body(lr_chart_ctx *ctx)
{
    const lr_chart *ch = ctx->chart;
    lr_canvas *cv = ctx->cv;
    const lr_box *b = &ctx->body;
    size_t G = ch->n_groups, S = ctx->n_order;

    size_t *gorder = malloc(G * sizeof(*gorder));
    end_label *labels = calloc(S ? S : 1, sizeof(*labels));
    size_t *lorder = malloc((S ? S : 1) * sizeof(*lorder));
    if (!gorder || !labels || !lorder) {
        free(gorder), free(labels), free(lorder);
        lr_canvas_fail(cv, LR_ENOMEM, "chart: out of memory");
        return;
    }
    for (size_t g = 0; g < G; g++)
        gorder[g] = g;
    if (ch->x)
        lr_sort_indices(gorder, G, by_x, ch);
#define XPOS(g) (ch->x ? ch->x[g] : (double)(g))

    lr_ticks ty, tx;
    lr_ticks_line_values(ctx, &ty);

    /* End labels: "name  86.4" at the right of the last night, for lines that reach it. */
    size_t last_g = gorder[G - 1];
    double right = 0;
    size_t nl = 0;
    for (size_t i = 0; i < S; i++) {
        const lr_chart_cell *c = lr_cell(ch, ctx->order[i], last_g);
        if (!lr_cell_ok(c))
            continue;
        char v[48], name[300];
        lr_chart_format_value(ctx, c->value, v, sizeof(v));
        const char *nm =
            lr_fit(ctx, ch->series[ctx->order[i]], &lr_ts_value, 120, name, sizeof(name));
        snprintf(labels[nl].text, sizeof(labels[nl].text), "%s %s", nm, v);
        labels[nl].i = i;
        right = fmax(right, lr_text_w(ctx, labels[nl].text, &lr_ts_value));
        nl++;
    }
    right = fmin(right, b->w * 0.3);

    double room = lr_value_axis_left_room(ctx, &ty);
    lr_box plot = {b->x + room, b->y + 18, b->w - room - (nl ? right + 10 : 6),
                   b->h - 18 - lr_value_axis_bottom_room()};
    double x0 = XPOS(gorder[0]), x1 = XPOS(last_g);
    if (!(x1 > x0))
        x0 -= 1, x1 += 1;
    double xpad = (x1 - x0) * 0.03;
    x0 -= xpad, x1 += xpad;

    /* x ticks: calendar steps (or the group names), as many as fit without touching. */
    if (ch->x) {
        int level;
        for (level = 0; level < LR_DATE_LEVELS; level++) {
            if (!lr_ticks_dates(&tx, x0, x1, level))
                continue;
            double w = lr_ticks_label_width(ctx, &tx, &lr_ts_tick) + 10;
            if ((double)tx.n * w <= plot.w)
                break;
        }
        if (level == LR_DATE_LEVELS)
            lr_ticks_dates(&tx, x0, x1, LR_DATE_LEVELS - 1);
    } else {
        memset(&tx, 0, sizeof(tx));
        double widest = 0;
        for (size_t g = 0; g < G; g++)
            widest = fmax(widest, fmin(lr_text_w(ctx, ch->groups[g], &lr_ts_tick), 90));
        size_t stride = 1;
        while ((double)(G / stride) * (widest + 10) > plot.w && stride < G)
            stride++;
        for (size_t g = 0; g < G && tx.n < LR_MAX_TICKS; g += stride) {
            tx.v[tx.n] = (double)g;
            char buf[64];
            snprintf(tx.label[tx.n], sizeof(tx.label[tx.n]), "%s",
                     lr_fit(ctx, ch->groups[g], &lr_ts_tick, 90, buf, sizeof(buf)));
            tx.n++;
        }
    }
    tx.lo = x0;
    tx.hi = x1;
    tx.log = 0;
    lr_value_axis_left(ctx, &plot, &ty, ch->value_label, NULL);
    lr_value_axis_bottom(ctx, &plot, &tx, ch->x ? lr_tr(ch, LR_PH_DATE) : NULL, NULL);
    lr_style axis = {0, LR_AXIS, 0.8, {0, 0}, 0};
    lr_canvas_line(cv, plot.x, plot.y + plot.h, plot.x + plot.w, plot.y + plot.h, &axis);

    /* "best so far": the best comparable value any model had reached by each night, as a
     * dashed step line under the series */
    {
        lr_style step = {0, LR_RGB(0x8c8c8c), 1.1, {3, 2}, 0};
        lr_path p = LR_PATH_INIT;
        int have = 0;
        double best = 0, prev_x = 0;
        for (size_t k = 0; k < G; k++) {
            size_t g = gorder[k];
            int moved = 0;
            for (size_t i = 0; i < S; i++) {
                const lr_chart_cell *c = lr_cell(ch, ctx->order[i], g);
                if (!lr_cell_ok(c) || c->mark != LR_MARK_NONE)
                    continue;
                if (!have || lr_better(ch, c->value, best) < 0) {
                    best = c->value;
                    moved = 1;
                }
                have = 1;
            }
            if (!have)
                continue;
            double x = lr_ticks_map(&tx, XPOS(g), plot.x, plot.x + plot.w);
            double y = lr_ticks_map(&ty, best, plot.y + plot.h, plot.y);
            if (p.n == 0) {
                lr_path_move(&p, x, y);
            } else if (moved) {
                lr_path_line(&p, x, p.segs[p.n - 1].y);
                lr_path_line(&p, x, y);
            }
            prev_x = x;
        }
        if (p.n) {
            lr_path_line(&p, prev_x, p.segs[p.n - 1].y);
            lr_canvas_draw_path(cv, &p, &step);
        }
        lr_path_free(&p);
    }

    double r = G <= 40 ? 2.6 : 0;
    for (size_t i = 0; i < S; i++) {
        size_t s = ctx->order[i];
        lr_color col = lr_series_color(i);
        lr_canvas_group_begin(cv, ch->series[s]);
        lr_path p = LR_PATH_INIT;
        int pen = 0;
        for (size_t k = 0; k < G; k++) {
            size_t g = gorder[k];
            const lr_chart_cell *c = lr_cell(ch, s, g);
            if (!lr_cell_ok(c) || c->mark != LR_MARK_NONE) {
                pen = 0;
                continue;
            }
            double x = lr_ticks_map(&tx, XPOS(g), plot.x, plot.x + plot.w);
            double y = lr_ticks_map(&ty, c->value, plot.y + plot.h, plot.y);
            if (pen)
                lr_path_line(&p, x, y);
            else
                lr_path_move(&p, x, y);
            pen = 1;
        }
        lr_style line = {0, col, 1.8, {0, 0}, 0};
        lr_canvas_draw_path(cv, &p, &line);
        lr_path_free(&p);
        for (size_t k = 0; k < G; k++) {
            size_t g = gorder[k];
            const lr_chart_cell *c = lr_cell(ch, s, g);
            if (!lr_cell_ok(c) ||
                (r == 0 && c->mark == LR_MARK_NONE && g != last_g && !level_change(ch, s, g)))
                continue;
            double x = lr_ticks_map(&tx, XPOS(g), plot.x, plot.x + plot.w);
            double y = lr_ticks_map(&ty, c->value, plot.y + plot.h, plot.y);
            char t[600];
            lr_cell_title(ctx, s, g, t, sizeof(t));
            lr_canvas_group_begin(cv, t);
            lr_draw_dot(ctx, x, y, r > 0 ? r : 2.6, col, c->mark);
            if (level_change(ch, s, g)) {
                lr_style ring = {0, col, 1.2, {0, 0}, 0};
                lr_canvas_circle(cv, x, y, (r > 0 ? r : 2.6) + 2.6, &ring);
            }
            lr_canvas_group_end(cv);
        }
        lr_canvas_group_end(cv);
    }

    /* Spread the end labels so none touches another, then draw them with leaders. */
    const double lead = 10.5;
    for (size_t k = 0; k < nl; k++) {
        const lr_chart_cell *c = lr_cell(ch, ctx->order[labels[k].i], last_g);
        labels[k].want = lr_ticks_map(&ty, c->value, plot.y + plot.h, plot.y);
        lorder[k] = k;
    }
    lr_sort_indices(lorder, nl, by_want, labels);
    double prev = -1e9;
    for (size_t k = 0; k < nl; k++) {
        end_label *l = &labels[lorder[k]];
        l->y = fmax(l->want, prev + lead);
        prev = l->y;
    }
    double limit = plot.y + plot.h;
    for (size_t k = nl; k-- > 0;) {
        end_label *l = &labels[lorder[k]];
        if (l->y > limit)
            l->y = limit;
        limit = l->y - lead;
    }
    double lx = plot.x + plot.w + 8;
    double px = lr_ticks_map(&tx, XPOS(last_g), plot.x, plot.x + plot.w);
    for (size_t k = 0; k < nl; k++) {
        const end_label *l = &labels[k];
        lr_color col = lr_series_color(l->i);
        lr_text_style ts = lr_ts_value;
        ts.color = lr_shade(col, 0.25);
        if (fabs(l->y - l->want) > 2) {
            lr_style leader = {0, lr_tint(col, 0.3), 0.6, {0, 0}, 0};
            lr_canvas_line(cv, px + 4, l->want, lx - 2, l->y, &leader);
        }
        lr_canvas_group_begin(cv, ch->series[ctx->order[l->i]]);
        lr_text_fit(ctx, lx, l->y + lr_center_baseline(&ts), l->text, &ts, LR_ANCHOR_START,
                    right + 2);
        lr_canvas_group_end(cv);
    }
#undef XPOS
    free(gorder);
    free(labels);
    free(lorder);
}

static double trend_height(const lr_chart *chart)
{
    size_t keys = chart->n_series < TREND_MAX_SERIES ? chart->n_series : TREND_MAX_SERIES;
    return 380 + 14 * (double)(keys / 6);
}

const lr_chart_kind lr_chart_trend_kind = {LR_CHART_TREND, "trend",      trend_prepare,
                                           trend_body,     trend_height, NULL};

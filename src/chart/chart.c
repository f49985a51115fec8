/* Chart entry points: checking a chart spec, the table of chart kinds, drawing through the
 * frame and a kind's body, rendering to the usual canvases, and file-name-safe ids. */
#include "chart/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/frame.h"
#include "core/error.h"
#include "core/index.h"

static const lr_chart_kind *const kinds[] = {
    [LR_CHART_BARS] = &lr_chart_bars_kind,       [LR_CHART_RANKED] = &lr_chart_ranked_kind,
    [LR_CHART_FOREST] = &lr_chart_forest_kind,   [LR_CHART_HEATMAP] = &lr_chart_heatmap_kind,
    [LR_CHART_SCATTER] = &lr_chart_scatter_kind, [LR_CHART_RADAR] = &lr_chart_radar_kind,
    [LR_CHART_TREND] = &lr_chart_trend_kind,     [LR_CHART_SLOPE] = &lr_chart_slope_kind,
};
#define N_KINDS (sizeof(kinds) / sizeof(kinds[0]))

const char *lr_chart_type_name(lr_chart_type type)
{
    return (unsigned)type < N_KINDS ? kinds[type]->name : "unknown";
}

int lr_chart_type_parse(const char *name)
{
    for (size_t i = 0; name && i < N_KINDS; i++)
        if (!strcmp(kinds[i]->name, name))
            return (int)i;
    return -1;
}

/* Limits that keep layout loops and allocations sane; real reports are far below them. */
#define MAX_SERIES 100000
#define MAX_GROUPS 10000
#define MAX_CELLS 10000000

static const char *name_of(const lr_chart *chart)
{
    return chart->id && *chart->id ? chart->id : chart->title ? chart->title : "chart";
}

static lr_status check(const lr_chart *ch, lr_canvas *cv, double width, double height)
{
    if (!ch)
        return lr_canvas_fail(cv, LR_EUSAGE, "no chart");
    const char *id = name_of(ch);
    if ((unsigned)ch->type >= N_KINDS)
        return lr_canvas_fail(cv, LR_EUSAGE, "chart %s: unknown type %d", id, (int)ch->type);
    if (!ch->n_series || !ch->n_groups || !ch->series || !ch->groups || !ch->cells)
        return lr_canvas_fail(cv, LR_EUSAGE,
                              "chart %s: nothing to draw (no series, groups or "
                              "cells)",
                              id);
    if (ch->n_series > MAX_SERIES || ch->n_groups > MAX_GROUPS ||
        ch->n_series * ch->n_groups > MAX_CELLS)
        return lr_canvas_fail(cv, LR_ELIMIT, "chart %s: %zu x %zu cells is too many", id,
                              ch->n_series, ch->n_groups);
    for (size_t s = 0; s < ch->n_series; s++)
        if (!ch->series[s])
            return lr_canvas_fail(cv, LR_EUSAGE, "chart %s: series %zu has no name", id, s);
    for (size_t g = 0; g < ch->n_groups; g++)
        if (!ch->groups[g])
            return lr_canvas_fail(cv, LR_EUSAGE, "chart %s: group %zu has no name", id, g);
    for (size_t i = 0; i < ch->n_series * ch->n_groups; i++) {
        const lr_chart_cell *c = &ch->cells[i];
        if (c->present && !isfinite(c->value))
            return lr_canvas_fail(cv, LR_EVALUE, "chart %s: %s / %s is not a finite number", id,
                                  ch->series[i / ch->n_groups], ch->groups[i % ch->n_groups]);
        if ((unsigned)c->mark > LR_MARK_UNKNOWN_SETTING)
            return lr_canvas_fail(cv, LR_EUSAGE, "chart %s: bad mark %d", id, (int)c->mark);
    }
    if (ch->type == LR_CHART_SCATTER && !ch->x)
        return lr_canvas_fail(cv, LR_EUSAGE, "chart %s: a scatter needs sizes (x)", id);
    if (!isfinite(width) || !isfinite(height) || width < 200 || height < 150)
        return lr_canvas_fail(cv, LR_EUSAGE, "chart %s: %g x %g pt is too small to draw", id, width,
                              height);
    return LR_OK;
}

/* Runs the kind's prepare; a chart comparing models whose values drawn all come from one
 * source says so in the setting line (the sources line names it). */
static lr_status prepare(lr_chart_ctx *ctx)
{
    lr_status st = ctx->kind->prepare(ctx);
    if (st != LR_OK || ctx->chart->type == LR_CHART_TREND || ctx->n_order < 2)
        return st;
    lr_buf line = LR_BUF_INIT;
    if (lr_sources_line(ctx, &line) == 1)
        lr_note_add(ctx, lr_tr(ctx->chart, LR_PH_ONE_SOURCE));
    lr_buf_free(&line);
    return st;
}

/* Runs a kind's prepare again, limited to max_rows rows. */
static lr_status reprepare(lr_chart_ctx *ctx, size_t max_rows)
{
    free(ctx->order);
    ctx->order = NULL;
    ctx->n_order = ctx->n_keys = ctx->split = ctx->n_shown_of = 0;
    ctx->note[0] = '\0';
    ctx->max_rows = max_rows ? max_rows : 1;
    return prepare(ctx);
}

lr_status lr_chart_draw(const lr_chart *chart, lr_canvas *canvas, double width, double height)
{
    if (!canvas)
        return LR_EUSAGE;
    if (lr_canvas_status(canvas) != LR_OK)
        return lr_canvas_status(canvas);
    if (check(chart, canvas, width, height) != LR_OK)
        return lr_canvas_status(canvas);
    lr_chart_ctx *ctx = calloc(1, sizeof(*ctx));
    if (!ctx)
        return lr_canvas_fail(canvas, LR_ENOMEM, "chart: out of memory");
    ctx->kind = kinds[chart->type];
    ctx->chart = chart;
    ctx->cv = canvas;
    ctx->width = width;
    ctx->height = height;
    ctx->decimals = lr_value_decimals(chart);
    ctx->group_first = 0;
    ctx->group_count = chart->n_groups;
    lr_status st = prepare(ctx);
    if (st == LR_OK && ctx->kind->rows_fit) {
        /* Rows that do not fit would overlap: measure, and choose again with the room known.
         * Fewer rows may shorten the legend (a mark no longer shown): then try the rows that
         * frees, and keep them only if they still fit. */
        lr_frame_measure(ctx);
        size_t fit = ctx->kind->rows_fit(ctx);
        if (fit < ctx->n_order) {
            st = reprepare(ctx, fit);
            lr_frame_measure(ctx);
            size_t more = st == LR_OK ? ctx->kind->rows_fit(ctx) : 0;
            if (more > fit && more > ctx->n_order && ctx->n_order == ctx->max_rows) {
                st = reprepare(ctx, more);
                lr_frame_measure(ctx);
                if (st == LR_OK && ctx->kind->rows_fit(ctx) < ctx->n_order)
                    st = reprepare(ctx, fit);
            }
        }
    }
    if (st == LR_OK && lr_canvas_status(canvas) == LR_OK) {
        lr_canvas_begin_page(canvas, width, height);
        lr_frame_draw(ctx);
        ctx->kind->body(ctx);
        lr_canvas_end_page(canvas);
    }
    free(ctx->order);
    free(ctx);
    return lr_canvas_status(canvas);
}

static size_t chars_of(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

/* Rough height of the sources line, for the natural size (layout itself measures): the
 * distinct sources of all cells, which the cells drawn have at most, else the footnote. */
static double footnote_height(const lr_chart *chart)
{
    size_t chars = 0, n = chart->n_series * chart->n_groups;
    lr_index seen = LR_INDEX_INIT;
    for (size_t i = 0; i < n; i++) {
        const char *src = chart->sources && chart->cells[i].present ? chart->sources[i] : NULL;
        size_t hits = 0;
        if (!src || !*src)
            continue;
        lr_index_get(&seen, src, NULL, &hits);
        if (!hits && !lr_index_add(&seen, src, NULL, i))
            chars += chars_of(src) + 2;
    }
    lr_index_free(&seen);
    if (!chars && chart->footnote)
        chars = chars_of(chart->footnote);
    if (!chars)
        return 0;
    size_t lines = chars / 120 + 1;
    return (double)(lines > 8 ? 8 : lines) * 10.5 + 8;
}

void lr_chart_size(const lr_chart *chart, double *width, double *height)
{
    double w = 640, h = 400;
    if (chart && (unsigned)chart->type < N_KINDS) {
        h = kinds[chart->type]->natural_height(chart) + footnote_height(chart);
        if (chart->type == LR_CHART_HEATMAP)
            w = fmin(1200, fmax(640, 220 + 64 * (double)chart->n_groups));
        if (chart->type == LR_CHART_BARS && chart->n_groups > 1) {
            /* room for about 12 pt a bar; at most 8 series are drawn */
            size_t s = chart->n_series < 8 ? chart->n_series : 8;
            if (chart->top_n && chart->top_n < s)
                s = chart->top_n;
            w = fmin(1200, fmax(640, 140 + 12 * (double)(chart->n_groups * s)));
        }
    }
    *width = w;
    *height = fmin(h, 4000);
}

lr_status lr_chart_render(const lr_chart *chart, lr_canvas *cv, lr_error *err)
{
    const char *id = chart ? name_of(chart) : "chart";
    if (!cv)
        return lr_error_set(err, LR_ENOMEM, NULL, "chart %s: out of memory creating a canvas", id);
    double w, h;
    lr_chart_size(chart, &w, &h);
    lr_chart_draw(chart, cv, w, h);
    lr_status st = lr_canvas_finish(cv);
    if (st != LR_OK)
        lr_error_set(err, st, NULL, "%s", lr_canvas_error(cv)->message);
    lr_canvas_free(cv);
    return st;
}

lr_status lr_chart_render_svg(const lr_chart *chart, const lr_fonts *fonts, lr_write_fn write,
                              void *user, lr_error *err)
{
    if (!fonts || !write)
        return lr_error_set(err, LR_EUSAGE, NULL, "svg: fonts and a writer are required");
    return lr_chart_render(chart, lr_canvas_svg_new(fonts, write, user), err);
}

lr_status lr_chart_render_png(const lr_chart *chart, const lr_fonts *fonts, lr_write_fn write,
                              void *user, lr_error *err)
{
    if (!fonts || !write)
        return lr_error_set(err, LR_EUSAGE, NULL, "png: fonts and a writer are required");
    return lr_chart_render(chart, lr_canvas_png_new(fonts, 2, write, user), err);
}

lr_status lr_chart_render_trace(const lr_chart *chart, const lr_fonts *fonts, lr_buf *out,
                                lr_error *err)
{
    if (!out)
        return lr_error_set(err, LR_EUSAGE, NULL, "trace: no output buffer");
    return lr_chart_render(chart, lr_canvas_trace_new(fonts, out), err);
}

/* ---- Safe ids ------------------------------------------------------------------------------ */

#define SAFE_ID_MAX 64

void lr_chart_safe_id(const char *in, char *out, size_t size)
{
    if (!size)
        return;
    if (!in)
        in = "";
    uint32_t hash = 2166136261u; /* FNV-1a over the whole name */
    for (const unsigned char *p = (const unsigned char *)in; *p; p++)
        hash = (hash ^ *p) * 16777619u;

    char id[SAFE_ID_MAX + 1];
    size_t n = 0;
    int lossy = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p; p++) {
        char c = (char)*p;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (*p >= 0x80)
            lossy = 1;
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            c = '-';
        if ((c == '-' || c == '.') && (n == 0 || id[n - 1] == '-' || id[n - 1] == '.')) {
            /* no leading '-' or '.', no "..", no runs of separators */
            if (n > 0 && c == '-' && id[n - 1] == '.')
                id[n - 1] = '-';
            continue;
        }
        if (n == SAFE_ID_MAX) {
            lossy = 1;
            break;
        }
        id[n++] = c;
    }
    while (n > 0 && (id[n - 1] == '-' || id[n - 1] == '.'))
        n--;
    id[n] = '\0';

    size_t max = size - 1 < SAFE_ID_MAX ? size - 1 : SAFE_ID_MAX;
    const char *base = n ? id : "chart";
    size_t keep = n ? n : 5;
    char tail[16] = "";
    if ((lossy || !n) && max > 9) {
        snprintf(tail, sizeof(tail), "-%08x", (unsigned)hash);
        if (keep > max - 9)
            keep = max - 9;
    } else if (keep > max) {
        keep = max;
    }
    while (keep > 1 && (base[keep - 1] == '-' || base[keep - 1] == '.'))
        keep--;
    memcpy(out, base, keep);
    memcpy(out + keep, tail, strlen(tail) + 1);
}

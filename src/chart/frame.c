/* The frame every chart shares (title, setting line, legend, footnote), the palette and text
 * styles, text fitting, marked cells, and stable orderings of series. */
#include "chart/frame.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/index.h"
#include "core/mdtext.h"
#include "core/utf8.h"

/* Okabe & Ito (2008), then four of Paul Tol's "muted" set: all distinguishable with the common
 * colour-vision deficiencies. Yellow comes late: it is weak on white. */
const lr_color lr_palette[LR_SERIES_COLORS] = {
    LR_RGB(0x0072b2), LR_RGB(0xe69f00), LR_RGB(0x009e73), LR_RGB(0xd55e00),
    LR_RGB(0x56b4e9), LR_RGB(0xcc79a7), LR_RGB(0x000000), LR_RGB(0xf0e442),
    LR_RGB(0x882255), LR_RGB(0x44aa99), LR_RGB(0x999933), LR_RGB(0x332288),
};

const lr_text_style lr_ts_title = {LR_INK, LR_FONT_BOLD, 13};
const lr_text_style lr_ts_setting = {LR_MUTED, LR_FONT_REGULAR, 9};
const lr_text_style lr_ts_label = {LR_TEXT, LR_FONT_REGULAR, 8.5};
const lr_text_style lr_ts_tick = {LR_MUTED, LR_FONT_REGULAR, 8};
const lr_text_style lr_ts_axis = {LR_TEXT, LR_FONT_REGULAR, 8.5};
const lr_text_style lr_ts_value = {LR_TEXT, LR_FONT_REGULAR, 8};
const lr_text_style lr_ts_legend = {LR_TEXT, LR_FONT_REGULAR, 8.5};
const lr_text_style lr_ts_note = {LR_MUTED, LR_FONT_REGULAR, 8};
const lr_text_style lr_ts_footnote = {LR_FAINT, LR_FONT_REGULAR, 8};

lr_color lr_series_color(size_t i)
{
    return lr_palette[i % LR_SERIES_COLORS];
}

static lr_color mix(lr_color a, lr_color b, double t)
{
    unsigned out = 0xff;
    for (int sh = 24; sh >= 8; sh -= 8) {
        double ca = (double)((a >> sh) & 0xff), cb = (double)((b >> sh) & 0xff);
        unsigned v = (unsigned)lround(ca + (cb - ca) * t);
        out |= (v > 255 ? 255u : v) << sh;
    }
    return out;
}

lr_color lr_tint(lr_color c, double amount)
{
    return mix(c, LR_RGB(0xffffff), amount);
}

lr_color lr_shade(lr_color c, double amount)
{
    return mix(c, LR_RGB(0x000000), amount);
}

lr_color lr_ramp_color(double t)
{
    /* ColorBrewer "Blues", without its near-white end. */
    static const uint32_t stops[] = {0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6,
                                     0x4292c6, 0x2171b5, 0x08519c, 0x08306b};
    size_t n = sizeof(stops) / sizeof(stops[0]);
    if (!(t > 0))
        t = 0;
    if (t > 1)
        t = 1;
    double f = t * (double)(n - 1);
    size_t i = (size_t)floor(f);
    if (i >= n - 1)
        return LR_RGB(stops[n - 1]);
    return mix(LR_RGB(stops[i]), LR_RGB(stops[i + 1]), f - (double)i);
}

lr_color lr_text_on(lr_color fill)
{
    double l = 0.2126 * LR_COLOR_R(fill) + 0.7152 * LR_COLOR_G(fill) + 0.0722 * LR_COLOR_B(fill);
    return l < 0.5 ? LR_RGB(0xffffff) : LR_INK;
}

/* ---- Cells --------------------------------------------------------------------------------- */

const lr_chart_cell *lr_cell(const lr_chart *chart, size_t s, size_t g)
{
    return &chart->cells[s * chart->n_groups + g];
}

const char *lr_cell_source(const lr_chart *chart, size_t s, size_t g)
{
    const char *src = chart->sources ? chart->sources[s * chart->n_groups + g] : NULL;
    return src && *src ? src : NULL;
}

int lr_cell_ok(const lr_chart_cell *c)
{
    return c->present && isfinite(c->value);
}

static int has_ci(const lr_chart_cell *c)
{
    return isfinite(c->ci95) && c->ci95 >= 0;
}

int lr_value_decimals(const lr_chart *chart)
{
    if (chart->bounded)
        return 1;
    double a = 0;
    for (size_t i = 0; i < chart->n_series * chart->n_groups; i++)
        if (lr_cell_ok(&chart->cells[i]))
            a = fmax(a, fabs(chart->cells[i].value));
    return a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
}

void lr_minus_sign(char *buf, size_t size)
{
    size_t len = strlen(buf);
    if (buf[0] != '-' || len + 2 >= size)
        return;
    memmove(buf + 3, buf + 1, len); /* with the NUL */
    memcpy(buf, "\xe2\x88\x92", 3);
}

void lr_chart_format_value(const lr_chart_ctx *ctx, double v, char *buf, size_t size)
{
    int d = ctx->decimals;
    if (fabs(v) < 0.5 * pow(10, -d))
        v = 0;
    snprintf(buf, size, "%.*f", d, v);
    lr_minus_sign(buf, size);
}

const char *lr_tr(const lr_chart *chart, lr_phrase_id id)
{
    return lr_phrase(lr_lang_parse(chart ? chart->language : NULL), id);
}

static const char *mark_text(const lr_chart *chart, lr_chart_mark m)
{
    return m == LR_MARK_OTHER_SETTING     ? lr_tr(chart, LR_PH_OTHER_SETTING)
           : m == LR_MARK_UNKNOWN_SETTING ? lr_tr(chart, LR_PH_SETTING_NOT_STATED)
                                          : NULL;
}

void lr_cell_title(const lr_chart_ctx *ctx, size_t s, size_t g, char *buf, size_t size)
{
    const lr_chart *chart = ctx->chart;
    const lr_chart_cell *c = lr_cell(chart, s, g);
    char v[48], ci[48] = "";
    snprintf(v, sizeof v, "%s", lr_tr(chart, LR_PH_NO_RESULT));
    if (lr_cell_ok(c)) {
        lr_chart_format_value(ctx, c->value, v, sizeof(v));
        if (has_ci(c)) {
            char h[40];
            lr_chart_format_value(ctx, c->ci95, h, sizeof(h));
            snprintf(ci, sizeof(ci), " \xc2\xb1 %s", h);
        }
    }
    const char *m = lr_cell_ok(c) ? mark_text(chart, c->mark) : NULL;
    if (chart->n_groups > 1 || chart->type == LR_CHART_TREND)
        snprintf(buf, size, "%s \xc2\xb7 %s: %s%s%s%s%s", chart->series[s], chart->groups[g], v, ci,
                 m ? " (" : "", m ? m : "", m ? ")" : "");
    else
        snprintf(buf, size, "%s: %s%s%s%s%s", chart->series[s], v, ci, m ? " (" : "", m ? m : "",
                 m ? ")" : "");
}

/* ---- Text ---------------------------------------------------------------------------------- */

double lr_text_w(lr_chart_ctx *ctx, const char *s, const lr_text_style *ts)
{
    return lr_canvas_text_width(ctx->cv, s, ts);
}

double lr_center_baseline(const lr_text_style *ts)
{
    return 0.36 * ts->size;
}

#define ELLIPSIS "\xe2\x80\xa6"

const char *lr_fit(lr_chart_ctx *ctx, const char *s, const lr_text_style *ts, double max_w,
                   char *buf, size_t size)
{
    if (!s)
        return "";
    if (lr_text_w(ctx, s, ts) <= max_w + 1e-9)
        return s;
    if (size < 4) {
        if (size)
            buf[0] = '\0';
        return buf;
    }
    /* Character boundaries of the prefix that can be kept in buf. */
    size_t cap = size - 4, bounds[512], nb = 0;
    for (size_t i = 0; s[i] && nb < 512;) {
        uint32_t cp;
        size_t n = lr_utf8_decode(s + i, LR_UTF8_MAX, &cp);
        if (i + n > cap)
            break;
        i += n;
        bounds[nb++] = i;
    }
    /* Largest k with prefix(k) + "…" fitting: widths grow with k, so bisect. */
    size_t lo = 0, hi = nb;
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        size_t len = bounds[mid - 1];
        memcpy(buf, s, len);
        memcpy(buf + len, ELLIPSIS, 4);
        if (lr_text_w(ctx, buf, ts) <= max_w + 1e-9)
            lo = mid;
        else
            hi = mid - 1;
    }
    size_t len = lo ? bounds[lo - 1] : 0;
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == ','))
        len--;
    memcpy(buf, s, len);
    memcpy(buf + len, ELLIPSIS, 4);
    if (lr_text_w(ctx, buf, ts) > max_w + 1e-9)
        buf[0] = '\0';
    return buf;
}

void lr_text_fit(lr_chart_ctx *ctx, double x, double y, const char *s, const lr_text_style *ts,
                 lr_anchor anchor, double max_w)
{
    char buf[512];
    const char *t = lr_fit(ctx, s, ts, max_w, buf, sizeof(buf));
    if (t == s) {
        lr_canvas_text(ctx->cv, x, y, t, ts, anchor);
    } else {
        lr_canvas_group_begin(ctx->cv, s);
        lr_canvas_text(ctx->cv, x, y, t, ts, anchor);
        lr_canvas_group_end(ctx->cv);
    }
}

/* ---- Marks --------------------------------------------------------------------------------- */

lr_style lr_bar_style(lr_color c, lr_chart_mark mark)
{
    lr_style s = {c, 0, 0, {0, 0}, 0};
    if (mark == LR_MARK_OTHER_SETTING) {
        s.fill = lr_tint(c, 0.72);
        s.hatch = c;
        s.stroke = c;
        s.line_width = 1;
    } else if (mark == LR_MARK_UNKNOWN_SETTING) {
        s.fill = LR_RGB(0xffffff);
        s.stroke = c;
        s.line_width = 1.2;
        s.dash[0] = 3;
        s.dash[1] = 2;
    }
    return s;
}

void lr_draw_dot(lr_chart_ctx *ctx, double x, double y, double r, lr_color c, lr_chart_mark mark)
{
    if (mark == LR_MARK_NONE) {
        lr_style s = {c, LR_RGB(0xffffff), 0.8, {0, 0}, 0};
        lr_canvas_circle(ctx->cv, x, y, r, &s);
    } else if (mark == LR_MARK_OTHER_SETTING) {
        lr_style s = {LR_RGB(0xffffff), c, 1.6, {0, 0}, 0};
        lr_canvas_circle(ctx->cv, x, y, r, &s);
    } else {
        lr_style s = {LR_RGB(0xffffff), c, 1.6, {0, 0}, 0};
        double d = r * 1.3;
        lr_path p = LR_PATH_INIT;
        lr_path_move(&p, x, y - d);
        lr_path_line(&p, x + d, y);
        lr_path_line(&p, x, y + d);
        lr_path_line(&p, x - d, y);
        lr_path_close(&p);
        lr_canvas_draw_path(ctx->cv, &p, &s);
        lr_path_free(&p);
    }
}

void lr_draw_whisker(lr_chart_ctx *ctx, double a, double b, double p, double cap, int vertical,
                     lr_color c)
{
    lr_style s = {0, c, 1, {0, 0}, 0};
    if (vertical) {
        lr_canvas_line(ctx->cv, p, a, p, b, &s);
        if (cap > 0) {
            lr_canvas_line(ctx->cv, p - cap / 2, a, p + cap / 2, a, &s);
            lr_canvas_line(ctx->cv, p - cap / 2, b, p + cap / 2, b, &s);
        }
    } else {
        lr_canvas_line(ctx->cv, a, p, b, p, &s);
        if (cap > 0) {
            lr_canvas_line(ctx->cv, a, p - cap / 2, a, p + cap / 2, &s);
            lr_canvas_line(ctx->cv, b, p - cap / 2, b, p + cap / 2, &s);
        }
    }
}

/* ---- Legend -------------------------------------------------------------------------------- */

void lr_key_add(lr_chart_ctx *ctx, lr_key_kind kind, lr_color color, const char *label)
{
    if (ctx->n_keys == LR_MAX_KEYS)
        return;
    lr_key *k = &ctx->keys[ctx->n_keys++];
    memset(k, 0, sizeof(*k));
    k->kind = kind;
    k->color = color;
    k->label = label ? label : "";
}

void lr_key_add_marks(lr_chart_ctx *ctx, int dots)
{
    const lr_chart *ch = ctx->chart;
    int other = 0, unknown = 0;
    for (size_t i = 0; i < ctx->n_order; i++)
        for (size_t g = ctx->group_first; g < ctx->group_first + ctx->group_count; g++) {
            const lr_chart_cell *c = lr_cell(ch, ctx->order[i], g);
            if (!lr_cell_ok(c))
                continue;
            other |= c->mark == LR_MARK_OTHER_SETTING;
            unknown |= c->mark == LR_MARK_UNKNOWN_SETTING;
        }
    lr_color grey = LR_RGB(0x666666);
    if (other)
        lr_key_add(ctx, dots ? LR_KEY_HOLLOW : LR_KEY_HATCH, grey,
                   mark_text(ctx->chart, LR_MARK_OTHER_SETTING));
    if (unknown)
        lr_key_add(ctx, dots ? LR_KEY_DIAMOND : LR_KEY_OUTLINE, grey,
                   mark_text(ctx->chart, LR_MARK_UNKNOWN_SETTING));
}

void lr_key_add_whisker(lr_chart_ctx *ctx)
{
    const lr_chart *ch = ctx->chart;
    for (size_t i = 0; i < ctx->n_order; i++)
        for (size_t g = ctx->group_first; g < ctx->group_first + ctx->group_count; g++) {
            const lr_chart_cell *c = lr_cell(ch, ctx->order[i], g);
            if (lr_cell_ok(c) && has_ci(c)) {
                lr_key_add(ctx, LR_KEY_WHISKER, LR_WHISKER, lr_tr(ctx->chart, LR_PH_INTERVAL_95));
                return;
            }
        }
}

void lr_tier_mark(const lr_chart_ctx *ctx, size_t s, char *out, size_t size)
{
    const lr_chart *ch = ctx->chart;
    out[0] = '\0';
    if (!ch->tiers || !ctx->split || size < 2)
        return;
    int t = ch->tiers[s];
    if (t == 1) {
        /* the best value leads; an equal one shares the lead */
        const lr_chart_cell *best = lr_cell(ch, ctx->order[0], 0), *c = lr_cell(ch, s, 0);
        if (c->value != best->value)
            snprintf(out, size, " \xe2\x89\x88");
    } else if (t >= 2) {
        lr_format_superscript(t, out, size);
    }
}

void lr_key_add_tiers(lr_chart_ctx *ctx)
{
    int tied = 0, next = 0;
    for (size_t i = 0; i < ctx->split && i < ctx->n_order; i++) {
        char m[32];
        lr_tier_mark(ctx, ctx->order[i], m, sizeof m);
        if (m[0])
            *(ctx->chart->tiers[ctx->order[i]] == 1 ? &tied : &next) = 1;
    }
    if (tied) {
        lr_key_add(ctx, LR_KEY_TEXT, LR_TEXT, lr_tr(ctx->chart, LR_PH_TIER_TIED));
        ctx->keys[ctx->n_keys - 1].lo_text = "\xe2\x89\x88";
    }
    if (next) {
        lr_key_add(ctx, LR_KEY_TEXT, LR_TEXT, lr_tr(ctx->chart, LR_PH_TIER_NEXT));
        ctx->keys[ctx->n_keys - 1].lo_text = "\xc2\xb2";
    }
}

#define KEY_SWATCH 10.0
#define KEY_LINE 18.0
#define KEY_RAMP 84.0
#define KEY_GAP 14.0
#define KEY_ROW 14.0
#define KEY_LABEL_MAX 240.0

/* Width of the symbol part of a key. */
static double key_symbol_w(lr_chart_ctx *ctx, const lr_key *k)
{
    switch (k->kind) {
    case LR_KEY_LINE:
    case LR_KEY_STEP:
    case LR_KEY_WHISKER:
        return KEY_LINE;
    case LR_KEY_RAMP: {
        char a[32], b[32];
        lr_chart_format_value(ctx, k->lo, a, sizeof(a));
        lr_chart_format_value(ctx, k->hi, b, sizeof(b));
        return lr_text_w(ctx, k->lo_text ? k->lo_text : a, &lr_ts_tick) + KEY_RAMP +
               lr_text_w(ctx, k->hi_text ? k->hi_text : b, &lr_ts_tick) + 8;
    }
    case LR_KEY_TEXT:
        return fmax(lr_text_w(ctx, k->lo_text, &lr_ts_value), 6);
    default:
        return KEY_SWATCH;
    }
}

static double key_w(lr_chart_ctx *ctx, const lr_key *k)
{
    double lw = fmin(lr_text_w(ctx, k->label, &lr_ts_legend), KEY_LABEL_MAX);
    return key_symbol_w(ctx, k) + (lw > 0 ? 5 + lw : 0);
}

/* Draws the symbol of k with its left edge at x, centred on cy. */
static void key_symbol(lr_chart_ctx *ctx, const lr_key *k, double x, double cy)
{
    lr_canvas *cv = ctx->cv;
    double h = KEY_SWATCH;
    switch (k->kind) {
    case LR_KEY_BOX: {
        lr_style s = lr_bar_style(k->color, LR_MARK_NONE);
        lr_canvas_rect(cv, x, cy - h / 2, h, h, &s);
        break;
    }
    case LR_KEY_HATCH: {
        lr_style s = lr_bar_style(k->color, LR_MARK_OTHER_SETTING);
        lr_canvas_rect(cv, x + 0.5, cy - h / 2 + 0.5, h - 1, h - 1, &s);
        break;
    }
    case LR_KEY_OUTLINE: {
        lr_style s = lr_bar_style(k->color, LR_MARK_UNKNOWN_SETTING);
        lr_canvas_rect(cv, x + 0.6, cy - h / 2 + 0.6, h - 1.2, h - 1.2, &s);
        break;
    }
    case LR_KEY_DOT:
        lr_draw_dot(ctx, x + h / 2, cy, 3.5, k->color, LR_MARK_NONE);
        break;
    case LR_KEY_HOLLOW:
        lr_draw_dot(ctx, x + h / 2, cy, 3.5, k->color, LR_MARK_OTHER_SETTING);
        break;
    case LR_KEY_DIAMOND:
        lr_draw_dot(ctx, x + h / 2, cy, 3.2, k->color, LR_MARK_UNKNOWN_SETTING);
        break;
    case LR_KEY_RING: {
        lr_style s = {0, k->color, 1.2, {0, 0}, 0};
        lr_draw_dot(ctx, x + h / 2, cy, 2.6, k->color, LR_MARK_NONE);
        lr_canvas_circle(cv, x + h / 2, cy, 5.2, &s);
        break;
    }
    case LR_KEY_LINE: {
        lr_style s = {0, k->color, 2, {0, 0}, 0};
        lr_canvas_line(cv, x, cy, x + KEY_LINE, cy, &s);
        lr_draw_dot(ctx, x + KEY_LINE / 2, cy, 2.8, k->color, LR_MARK_NONE);
        break;
    }
    case LR_KEY_STEP: {
        lr_style s = {0, k->color, 1.5, {0, 0}, 0};
        lr_path p = LR_PATH_INIT;
        lr_path_move(&p, x, cy + 4);
        lr_path_line(&p, x + KEY_LINE / 2, cy + 4);
        lr_path_line(&p, x + KEY_LINE / 2, cy - 4);
        lr_path_line(&p, x + KEY_LINE, cy - 4);
        lr_canvas_draw_path(cv, &p, &s);
        lr_path_free(&p);
        break;
    }
    case LR_KEY_WHISKER:
        lr_draw_whisker(ctx, x + 1, x + KEY_LINE - 1, cy, 7, 0, LR_WHISKER);
        break;
    case LR_KEY_RAMP: {
        char a[32], b[32];
        int up = ctx->chart->higher_is_better;
        lr_chart_format_value(ctx, up ? k->lo : k->hi, a, sizeof(a));
        lr_chart_format_value(ctx, up ? k->hi : k->lo, b, sizeof(b));
        if (k->lo_text && k->hi_text) {
            snprintf(a, sizeof(a), "%s", up ? k->lo_text : k->hi_text);
            snprintf(b, sizeof(b), "%s", up ? k->hi_text : k->lo_text);
        }
        double wa = lr_text_w(ctx, a, &lr_ts_tick);
        double base = cy + lr_center_baseline(&lr_ts_tick);
        lr_canvas_text(cv, x, base, a, &lr_ts_tick, LR_ANCHOR_START);
        double rx = x + wa + 4;
        const int steps = 21;
        for (int i = 0; i < steps; i++) {
            lr_style s = {lr_ramp_color((double)i / (steps - 1)), 0, 0, {0, 0}, 0};
            double w = KEY_RAMP / steps;
            /* overlap by a hair so no seams show between steps */
            lr_canvas_rect(cv, rx + w * i, cy - h / 2, w + (i + 1 < steps ? 0.3 : 0), h, &s);
        }
        lr_canvas_text(cv, rx + KEY_RAMP + 4, base, b, &lr_ts_tick, LR_ANCHOR_START);
        break;
    }
    case LR_KEY_TEXT:
        lr_canvas_text(cv, x, cy + lr_center_baseline(&lr_ts_value), k->lo_text, &lr_ts_value,
                       LR_ANCHOR_START);
        break;
    }
}

/* Lays out the keys in rows of at most max_w; draws them when draw is set. Returns the
 * number of rows. */
static int legend(lr_chart_ctx *ctx, double x0, double y0, double max_w, int draw)
{
    if (!ctx->n_keys)
        return 0;
    int rows = 1;
    double x = x0;
    for (size_t i = 0; i < ctx->n_keys; i++) {
        const lr_key *k = &ctx->keys[i];
        double w = fmin(key_w(ctx, k), max_w);
        if (x > x0 && x + w > x0 + max_w) {
            rows++;
            x = x0;
        }
        if (draw) {
            double cy = y0 + (rows - 1) * KEY_ROW + KEY_ROW / 2;
            double sw = key_symbol_w(ctx, k);
            double base = cy + lr_center_baseline(&lr_ts_legend);
            double lmax = fmin(KEY_LABEL_MAX, max_w - sw - 5);
            if (k->kind == LR_KEY_RAMP) {
                /* "accuracy (%)  32.3 ▬▬▬ 96.4": the label says what the ramp measures */
                double lw = fmin(lr_text_w(ctx, k->label, &lr_ts_legend), lmax);
                lr_text_fit(ctx, x, base, k->label, &lr_ts_legend, LR_ANCHOR_START, lmax);
                key_symbol(ctx, k, x + (lw > 0 ? lw + 5 : 0), cy);
            } else {
                key_symbol(ctx, k, x, cy);
                lr_text_fit(ctx, x + sw + 5, base, k->label, &lr_ts_legend, LR_ANCHOR_START, lmax);
            }
        }
        x += w + KEY_GAP;
    }
    return rows;
}

/* ---- Wrapped text -------------------------------------------------------------------------- */

#define FOOT_LINES 8    /* sources and settings under the chart, at most */
#define SETTING_LINES 2 /* the setting line under the title, at most */
#define NOTE_LINES 3    /* the note alone, when the settings went under the chart */
#define FOOT_LEAD 10.5
#define SETTING_LEAD 12.5

typedef struct span {
    size_t start, len;
} span;

/* Width of s[start, start+len) in ts. */
static double span_w(lr_chart_ctx *ctx, const char *s, size_t start, size_t len,
                     const lr_text_style *ts)
{
    char buf[1024];
    if (len >= sizeof(buf))
        len = sizeof(buf) - 1;
    memcpy(buf, s + start, len);
    buf[len] = '\0';
    return lr_text_w(ctx, buf, ts);
}

/* Greedy word wrap of s into at most max lines of max_w; *more is set when text was left over.
 * Lines break at spaces only; a single word wider than a line (no space to break at) is cut
 * at a character, the one case where a word is split. */
static size_t wrap(lr_chart_ctx *ctx, const char *s, const lr_text_style *ts, double max_w,
                   span *lines, size_t max, int *more)
{
    size_t n = 0, i = 0, len = strlen(s);
    *more = 0;
    while (i < len) {
        while (i < len && s[i] == ' ')
            i++;
        if (i >= len)
            break;
        if (n == max) {
            *more = 1;
            break;
        }
        size_t end = i, best = i;
        while (end < len) {
            size_t next = end;
            while (next < len && s[next] == ' ')
                next++;
            while (next < len && s[next] != ' ')
                next++;
            if (span_w(ctx, s, i, next - i, ts) > max_w)
                break;
            best = end = next;
        }
        if (best == i) {
            size_t j = i;
            while (j < len && s[j] != ' ') {
                uint32_t cp;
                size_t k = lr_utf8_decode(s + j, len - j, &cp);
                if (span_w(ctx, s, i, j + k - i, ts) > max_w && j > i)
                    break;
                j += k;
            }
            best = j;
        }
        lines[n].start = i;
        lines[n].len = best - i;
        n++;
        i = best;
    }
    return n;
}

/* Draws line i of a wrapped text; the last line of a text that did not fit ends in " …"
 * after its last whole word that leaves room for it, inside a group titled with the whole. */
static void wrapped_line(lr_chart_ctx *ctx, const char *s, span line, int cut, double x, double y,
                         double max_w, const lr_text_style *ts)
{
    char buf[1100];
    size_t len = line.len < 1000 ? line.len : 1000;
    memcpy(buf, s + line.start, len);
    buf[len] = '\0';
    if (!cut) {
        lr_canvas_text(ctx->cv, x, y, buf, ts, LR_ANCHOR_START);
        return;
    }
    for (;;) {
        memcpy(buf + len, " " ELLIPSIS, 5);
        size_t space = len;
        while (space > 0 && buf[space - 1] != ' ')
            space--;
        if (lr_text_w(ctx, buf, ts) <= max_w || space <= 1)
            break;
        len = space - 1;
    }
    lr_canvas_group_begin(ctx->cv, s);
    lr_canvas_text(ctx->cv, x, y, buf, ts, LR_ANCHOR_START);
    lr_canvas_group_end(ctx->cv);
}

/* ---- Sources ------------------------------------------------------------------------------- */

/* "NAME (DETAIL)" → the length of NAME and DETAIL's span, else the whole string as NAME. */
static size_t source_name_len(const char *s, const char **detail, size_t *detail_len)
{
    size_t len = strlen(s);
    const char *open = len > 1 && s[len - 1] == ')' ? strstr(s, " (") : NULL;
    while (open && strstr(open + 1, " ("))
        open = strstr(open + 1, " (");
    *detail = open ? open + 2 : NULL;
    *detail_len = open ? (size_t)(s + len - 1 - (open + 2)) : 0;
    return open ? (size_t)(open - s) : len;
}

static int by_string(const void *user, size_t a, size_t b)
{
    const char *const *s = user;
    return strcmp(s[a], s[b]);
}

size_t lr_sources_line(const lr_chart_ctx *ctx, lr_buf *out)
{
    const lr_chart *ch = ctx->chart;
    lr_index seen = LR_INDEX_INIT;
    const char **list = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < ctx->n_order; i++)
        for (size_t g = ctx->group_first; g < ctx->group_first + ctx->group_count; g++) {
            const char *src = lr_cell_source(ch, ctx->order[i], g);
            size_t hits = 0;
            if (!src || !lr_cell_ok(lr_cell(ch, ctx->order[i], g)))
                continue;
            lr_index_get(&seen, src, NULL, &hits);
            if (hits)
                continue;
            if (n == cap) {
                size_t want = cap ? 2 * cap : 16;
                const char **grown = realloc(list, want * sizeof(*grown));
                if (!grown)
                    break;
                list = grown, cap = want;
            }
            if (lr_index_add(&seen, src, NULL, n))
                break;
            list[n++] = src;
        }
    lr_index_free(&seen);
    /* One entry per name, in drawing order; the details of its entries (dates of snapshots)
     * sorted within its parentheses: "Open LLM Leaderboard (2023-06-10, 2023-07-24)". */
    size_t *idx = malloc((n ? n : 1) * sizeof(*idx));
    unsigned char *done = calloc(n ? n : 1, 1);
    size_t names = 0;
    for (size_t i = 0; idx && done && i < n; i++) {
        if (done[i])
            continue;
        const char *d;
        size_t dl, nl = source_name_len(list[i], &d, &dl), k = 0;
        for (size_t j = i; j < n; j++) {
            const char *dj;
            size_t djl, nj = source_name_len(list[j], &dj, &djl);
            if (nj == nl && !strncmp(list[j], list[i], nl))
                idx[k++] = j, done[j] = 1;
        }
        lr_sort_indices(idx, k, by_string, list);
        lr_buf_puts(out, names++ ? "; " : lr_tr(ch, LR_PH_CHART_SOURCES));
        lr_buf_append(out, list[i], nl);
        size_t shown = 0;
        for (size_t j = 0; j < k; j++) {
            source_name_len(list[idx[j]], &d, &dl);
            if (!d)
                continue;
            lr_buf_puts(out, shown++ ? ", " : " (");
            lr_buf_append(out, d, dl);
        }
        if (shown)
            lr_buf_putc(out, ')');
    }
    free(idx);
    free(done);
    free(list);
    return names;
}

/* ---- Frame --------------------------------------------------------------------------------- */

/* Lays the frame out, drawing it when draw is set; sets ctx->body either way. The setting line
 * (setting · note) wraps to two lines; when it needs more, the note stays under the title and
 * the settings go under the chart ("Settings: …"), above the sources. */
static void frame(lr_chart_ctx *ctx, int draw)
{
    const lr_chart *ch = ctx->chart;
    lr_canvas *cv = ctx->cv;
    double x = LR_PAD, w = ctx->width - 2 * LR_PAD, y = LR_PAD;

    if (draw) {
        lr_style bg = {LR_RGB(0xffffff), 0, 0, {0, 0}, 0};
        lr_canvas_rect(cv, 0, 0, ctx->width, ctx->height, &bg);
    }
    y += 12;
    if (draw)
        lr_text_fit(ctx, x, y, ch->title && *ch->title ? ch->title : ch->id, &lr_ts_title,
                    LR_ANCHOR_START, w);
    char line[1200], below[1200] = "";
    const char *setting = ch->setting ? ch->setting : "";
    if (*setting && ctx->note[0])
        snprintf(line, sizeof(line), "%s \xc2\xb7 %s", setting, ctx->note);
    else
        snprintf(line, sizeof(line), "%s", *setting ? setting : ctx->note);
    span sl[NOTE_LINES];
    int more = 0;
    size_t n_sl = line[0] ? wrap(ctx, line, &lr_ts_setting, w, sl, SETTING_LINES, &more) : 0;
    if (more && *setting) {
        snprintf(below, sizeof(below), "%s%s", lr_tr(ch, LR_PH_SETTINGS), setting);
        snprintf(line, sizeof(line), "%s", ctx->note);
        n_sl = line[0] ? wrap(ctx, line, &lr_ts_setting, w, sl, NOTE_LINES, &more) : 0;
    }
    for (size_t i = 0; i < n_sl; i++) {
        y += i ? SETTING_LEAD : 15;
        if (draw)
            wrapped_line(ctx, line, sl[i], more && i == n_sl - 1, x, y, w, &lr_ts_setting);
    }
    y += 9;
    int rows = legend(ctx, x, y, w, 0);
    if (rows) {
        if (draw)
            legend(ctx, x, y, w, 1);
        y += rows * KEY_ROW;
    }
    double top = y + 8;

    /* Under the chart, from the bottom up: the settings when they moved there, the sources. */
    lr_buf sources = LR_BUF_INIT;
    lr_sources_line(ctx, &sources);
    const char *texts[2] = {below, sources.len ? sources.data : ch->footnote ? ch->footnote : ""};
    span lines[2][FOOT_LINES];
    size_t n[2] = {0, 0}, total = 0;
    int cut[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        if (*texts[k])
            n[k] = wrap(ctx, texts[k], &lr_ts_footnote, w, lines[k], FOOT_LINES - total, &cut[k]);
        total += n[k];
    }
    double bottom = ctx->height - LR_PAD;
    if (total) {
        double fy = bottom - (double)(total - 1) * FOOT_LEAD;
        for (int k = 0; k < 2; k++)
            for (size_t i = 0; i < n[k]; i++, fy += FOOT_LEAD)
                if (draw)
                    wrapped_line(ctx, texts[k], lines[k][i], cut[k] && i == n[k] - 1, x, fy, w,
                                 &lr_ts_footnote);
        bottom -= (double)total * FOOT_LEAD + 8;
    }
    lr_buf_free(&sources);
    ctx->body.x = x;
    ctx->body.y = top;
    ctx->body.w = w;
    ctx->body.h = fmax(bottom - top, 10);
}

void lr_frame_measure(lr_chart_ctx *ctx)
{
    frame(ctx, 0);
}

void lr_frame_draw(lr_chart_ctx *ctx)
{
    frame(ctx, 1);
}

int lr_frame_empty(lr_chart_ctx *ctx)
{
    if (ctx->n_order)
        return 0;
    const lr_box *b = &ctx->body;
    lr_canvas_text(ctx->cv, b->x + b->w / 2, b->y + b->h / 2,
                   lr_tr(ctx->chart, LR_PH_NO_RESULTS_TO_SHOW), &lr_ts_note, LR_ANCHOR_MIDDLE);
    return 1;
}

/* ---- Orders -------------------------------------------------------------------------------- */

int lr_sort_indices(size_t *idx, size_t n, int (*cmp)(const void *user, size_t a, size_t b),
                    const void *user)
{
    if (n < 2)
        return 0;
    size_t *tmp = malloc(n * sizeof(*tmp));
    if (!tmp)
        return -1;
    /* Bottom-up merge sort: stable, so equal values keep the order the report gave. */
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = cmp(user, idx[j], idx[i]) < 0 ? idx[j++] : idx[i++];
            while (i < mid)
                tmp[k++] = idx[i++];
            while (j < hi)
                tmp[k++] = idx[j++];
        }
        memcpy(idx, tmp, n * sizeof(*idx));
    }
    free(tmp);
    return 0;
}

int lr_better(const lr_chart *chart, double a, double b)
{
    if (a == b)
        return 0;
    int a_first = chart->higher_is_better ? a > b : a < b;
    return a_first ? -1 : 1;
}

lr_status lr_order_all(lr_chart_ctx *ctx)
{
    const lr_chart *ch = ctx->chart;
    ctx->order = malloc((ch->n_series ? ch->n_series : 1) * sizeof(*ctx->order));
    if (!ctx->order)
        return lr_canvas_fail(ctx->cv, LR_ENOMEM, "chart: out of memory");
    for (size_t i = 0; i < ch->n_series; i++)
        ctx->order[i] = i;
    ctx->n_order = ch->n_series;
    return LR_OK;
}

void lr_order_keep(lr_chart_ctx *ctx, size_t n, lr_phrase_id rule)
{
    if (n >= ctx->n_order)
        return;
    size_t of = ctx->n_shown_of ? ctx->n_shown_of : ctx->chart->n_series;
    ctx->n_shown_of = of;
    ctx->n_order = n;
    snprintf(ctx->note, sizeof(ctx->note), lr_tr(ctx->chart, LR_PH_TOP_OF_RULE), n, of, " ",
             lr_tr(ctx->chart, rule));
}

void lr_note_add(lr_chart_ctx *ctx, const char *text)
{
    size_t len = strlen(ctx->note);
    snprintf(ctx->note + len, sizeof(ctx->note) - len, "%s%s", len ? " \xc2\xb7 " : "", text);
}

int lr_series_complete(const lr_chart_ctx *ctx, size_t s)
{
    for (size_t g = ctx->group_first; g < ctx->group_first + ctx->group_count; g++) {
        const lr_chart_cell *c = lr_cell(ctx->chart, s, g);
        if (!lr_cell_ok(c) || c->mark != LR_MARK_NONE)
            return 0;
    }
    return 1;
}

typedef struct mean_key {
    const lr_chart_ctx *ctx;
    const unsigned char *complete; /* per series */
} mean_key;

/* Complete series first, best mean first; the others after, in report order. */
static int by_complete_mean(const void *user, size_t a, size_t b)
{
    const mean_key *k = user;
    if (k->complete[a] != k->complete[b])
        return k->complete[a] ? -1 : 1;
    return k->complete[a] ? lr_by_mean(k->ctx->chart, a, b) : 0;
}

lr_status lr_order_top_by_mean(lr_chart_ctx *ctx, size_t keep)
{
    const lr_chart *ch = ctx->chart;
    if (ctx->n_order <= keep)
        return LR_OK;
    unsigned char *complete = calloc(ch->n_series ? ch->n_series : 1, 1);
    if (!complete)
        return lr_canvas_fail(ctx->cv, LR_ENOMEM, "chart: out of memory");
    size_t n_complete = 0;
    for (size_t i = 0; i < ctx->n_order; i++) {
        complete[ctx->order[i]] = (unsigned char)lr_series_complete(ctx, ctx->order[i]);
        n_complete += complete[ctx->order[i]];
    }
    mean_key k = {ctx, complete};
    int failed = lr_sort_indices(ctx->order, ctx->n_order, by_complete_mean, &k);
    free(complete);
    if (failed)
        return lr_canvas_fail(ctx->cv, LR_ENOMEM, "chart: out of memory");
    size_t of = ctx->n_shown_of ? ctx->n_shown_of : ch->n_series;
    if (!n_complete) {
        ctx->n_shown_of = of;
        ctx->n_order = keep;
        snprintf(ctx->note, sizeof(ctx->note), lr_tr(ch, LR_PH_NONE_COMPLETE), keep, of);
        return LR_OK;
    }
    size_t n = keep < n_complete ? keep : n_complete;
    lr_order_keep(ctx, n, LR_PH_BY_MEAN);
    if (n_complete < of) {
        char rule[200];
        snprintf(rule, sizeof(rule), lr_tr(ch, LR_PH_BY_MEAN_COMPLETE), n_complete);
        snprintf(ctx->note, sizeof(ctx->note), lr_tr(ch, LR_PH_TOP_OF_RULE), n, of, " ", rule);
    }
    return LR_OK;
}

int lr_by_mean(const void *user, size_t a, size_t b)
{
    const lr_chart *ch = user;
    double sa = 0, sb = 0;
    size_t na = 0, nb = 0;
    for (size_t g = 0; g < ch->n_groups; g++) {
        const lr_chart_cell *ca = lr_cell(ch, a, g), *cb = lr_cell(ch, b, g);
        if (lr_cell_ok(ca) && ca->mark == LR_MARK_NONE)
            sa += ca->value, na++;
        if (lr_cell_ok(cb) && cb->mark == LR_MARK_NONE)
            sb += cb->value, nb++;
    }
    if (!na || !nb)
        return na ? -1 : nb ? 1 : 0;
    return lr_better(ch, sa / (double)na, sb / (double)nb);
}

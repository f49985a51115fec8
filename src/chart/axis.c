/* Axis scales and ticks: nice linear steps, log steps for model sizes, calendar steps for
 * dates, and the two value axes (left, bottom) most chart types use. */
#include "chart/axis.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Decimals needed to print every value of v[] exactly at the tick step (0..3). */
static int decimals_for(const double *v, size_t n)
{
    for (int d = 0; d < 3; d++) {
        double m = pow(10, d);
        size_t i;
        for (i = 0; i < n; i++) {
            double x = v[i] * m;
            if (fabs(x - round(x)) > 1e-6 * fmax(1, fabs(x)))
                break;
        }
        if (i == n)
            return d;
    }
    return 3;
}

static void label_all(lr_ticks *t)
{
    int d = decimals_for(t->v, t->n);
    for (size_t i = 0; i < t->n; i++) {
        double v = fabs(t->v[i]) < 1e-12 ? 0 : t->v[i];
        snprintf(t->label[i], sizeof(t->label[i]), "%.*f", d, v);
        lr_minus_sign(t->label[i], sizeof(t->label[i]));
    }
}

static double nice_step(double span, int target)
{
    double raw = span / (target > 0 ? target : 5);
    double mag = pow(10, floor(log10(raw)));
    double r = raw / mag;
    double nice = r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10;
    return nice * mag;
}

void lr_ticks_linear(lr_ticks *t, double lo, double hi, int target, int pin_lo, int max100)
{
    memset(t, 0, sizeof(*t));
    if (!isfinite(lo) || !isfinite(hi)) {
        lo = 0;
        hi = 1;
    }
    if (hi < lo) {
        double x = lo;
        lo = hi;
        hi = x;
    }
    if (hi - lo < 1e-9) {
        double pad = fabs(lo) > 0 ? fabs(lo) * 0.1 : 1;
        if (!pin_lo)
            lo -= pad;
        hi += pad;
    }
    double step = nice_step(hi - lo, target);
    double d0 = pin_lo ? lo : floor(lo / step + 1e-9) * step;
    double d1 = ceil(hi / step - 1e-9) * step;
    if (max100 && hi <= 100 + 1e-9 && d1 > 100)
        d1 = 100;
    if (d1 <= d0)
        d1 = d0 + step;
    t->lo = d0;
    t->hi = d1;
    double first = ceil(d0 / step - 1e-9) * step;
    if (pin_lo && fabs(first - d0) > 1e-9 * fmax(1, fabs(d0))) {
        t->v[t->n++] = d0; /* the baseline gets its own tick */
        if (first - d0 < 0.45 * step)
            first += step;
    }
    for (double v = first; v <= d1 + step * 1e-6 && t->n < LR_MAX_TICKS; v += step)
        t->v[t->n++] = fabs(v) < step * 1e-9 ? 0 : v;
    label_all(t);
}

static void size_label(double v, char *buf, size_t size)
{
    if (v >= 1000)
        snprintf(buf, size, "%gT", v / 1000);
    else if (v >= 1)
        snprintf(buf, size, "%gB", v);
    else
        snprintf(buf, size, "%gM", v * 1000);
}

void lr_ticks_log(lr_ticks *t, double lo, double hi)
{
    memset(t, 0, sizeof(*t));
    t->log = 1;
    if (!(lo > 0) || !isfinite(lo))
        lo = 1;
    if (!(hi > 0) || !isfinite(hi))
        hi = lo * 10;
    double l0 = log10(fmin(lo, hi)), l1 = log10(fmax(lo, hi));
    if (l1 - l0 < 0.6) {
        double mid = (l0 + l1) / 2;
        l0 = mid - 0.3;
        l1 = mid + 0.3;
    }
    double pad = 0.06 * (l1 - l0) + 0.04;
    l0 -= pad;
    l1 += pad;
    t->lo = pow(10, l0);
    t->hi = pow(10, l1);
    int e0 = (int)floor(l0), e1 = (int)ceil(l1);
    static const double fine[] = {1, 2, 5};
    int nm = e1 - e0 <= 3 ? 3 : 1;
    int every = e1 - e0 > 6 ? 2 : 1;
    for (int e = e0; e <= e1; e++) {
        if ((e - e0) % every)
            continue;
        for (int m = 0; m < nm && t->n < LR_MAX_TICKS; m++) {
            double v = fine[m] * pow(10, e);
            double lv = log10(v);
            if (lv < l0 - 1e-9 || lv > l1 + 1e-9)
                continue;
            t->v[t->n] = v;
            size_label(v, t->label[t->n], sizeof(t->label[t->n]));
            t->n++;
        }
    }
}

/* Days since 1970-01-01 from a civil date and back (H. Hinnant's algorithms). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = (long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yy + (*m <= 2);
}

void lr_format_date(double days, char *buf, size_t size)
{
    long y;
    unsigned m, d;
    civil_from_days((long)floor(days), &y, &m, &d);
    snprintf(buf, size, "%04ld-%02u-%02u", y, m, d);
}

int lr_ticks_dates(lr_ticks *t, double lo, double hi, int level)
{
    memset(t, 0, sizeof(*t));
    t->lo = lo;
    t->hi = hi;
    long z0 = (long)ceil(lo - 1e-9), z1 = (long)floor(hi + 1e-9);
    if (z1 - z0 > 366L * 400)
        return 0; /* four centuries of nightly runs: not a real chart */
    if (level <= 3) {
        static const long step[] = {1, 2, 7, 14};
        for (long z = z0; z <= z1; z++) {
            int on;
            if (level <= 1)
                on = ((z % step[level]) + step[level]) % step[level] == 0;
            else
                on = ((z + 3) % 7 + 7) % 7 == 0 && (level == 2 || (((z + 3) / 7) % 2) == 0);
            if (!on)
                continue;
            if (t->n == LR_MAX_TICKS)
                return 0;
            t->v[t->n] = (double)z;
            lr_format_date((double)z, t->label[t->n], sizeof(t->label[t->n]));
            t->n++;
        }
        return 1;
    }
    long y0, y1;
    unsigned m0, m1, d0, d1;
    civil_from_days(z0, &y0, &m0, &d0);
    civil_from_days(z1, &y1, &m1, &d1);
    if (level <= 7) {
        static const unsigned step[] = {1, 2, 3, 6};
        unsigned st = step[level - 4];
        for (long y = y0; y <= y1; y++) {
            for (unsigned m = 1; m <= 12; m++) {
                if ((m - 1) % st)
                    continue;
                long z = days_from_civil(y, m, 1);
                if (z < z0 || z > z1)
                    continue;
                if (t->n == LR_MAX_TICKS)
                    return 0;
                t->v[t->n] = (double)z;
                snprintf(t->label[t->n], sizeof(t->label[t->n]), "%04ld-%02u", y, m);
                t->n++;
            }
        }
        return 1;
    }
    static const long ystep[] = {1, 2, 5, 10};
    long st = ystep[level - 8 < 4 ? level - 8 : 3];
    for (long y = y0; y <= y1; y++) {
        long z = days_from_civil(y, 1, 1);
        if (y % st || z < z0 || z > z1)
            continue;
        if (t->n == LR_MAX_TICKS)
            return 0;
        t->v[t->n] = (double)z;
        snprintf(t->label[t->n], sizeof(t->label[t->n]), "%04ld", y);
        t->n++;
    }
    return 1;
}

double lr_ticks_map(const lr_ticks *t, double v, double r0, double r1)
{
    double f;
    if (t->log) {
        double a = log10(t->lo), b = log10(t->hi);
        f = v > 0 ? (log10(v) - a) / (b - a) : 0;
    } else {
        f = t->hi > t->lo ? (v - t->lo) / (t->hi - t->lo) : 0.5;
    }
    return r0 + f * (r1 - r0);
}

double lr_ticks_label_width(lr_chart_ctx *ctx, const lr_ticks *t, const lr_text_style *ts)
{
    double w = 0;
    for (size_t i = 0; i < t->n; i++)
        w = fmax(w, lr_text_w(ctx, t->label[i], ts));
    return w;
}

double lr_value_axis_left_room(lr_chart_ctx *ctx, const lr_ticks *t)
{
    return lr_ticks_label_width(ctx, t, &lr_ts_tick) + 7;
}

void lr_axis_start_note(const lr_chart *chart, const lr_ticks *t, int pinned_at_baseline, char *buf,
                        size_t size)
{
    buf[0] = '\0';
    if (pinned_at_baseline && fabs(t->lo) > 1e-12) {
        char v[32];
        snprintf(v, sizeof(v), "%g", t->lo);
        snprintf(buf, size, lr_tr(chart, LR_PH_AXIS_STARTS_AT), v);
    }
}

/* "title — note" or either alone; the chart's value axis also says when lower is better. */
static void axis_title(lr_chart_ctx *ctx, char *buf, size_t size, const char *title,
                       const char *note)
{
    char both[200];
    if (title && title == ctx->chart->value_label && !ctx->chart->higher_is_better) {
        snprintf(both, sizeof(both), lr_tr(ctx->chart, LR_PH_LOWER_IS_BETTER_NOTE),
                 note && *note ? "; " : "", note ? note : "");
        note = both;
    }
    if (title && *title && note && *note)
        snprintf(buf, size, "%s \xe2\x80\x94 %s", title, note);
    else
        snprintf(buf, size, "%s", title && *title ? title : note ? note : "");
}

void lr_value_axis_left(lr_chart_ctx *ctx, const lr_box *plot, const lr_ticks *t, const char *title,
                        const char *note)
{
    lr_style grid = {0, LR_GRID, 0.6, {0, 0}, 0};
    double base = plot->y + plot->h, top = plot->y;
    double room = lr_value_axis_left_room(ctx, t);
    for (size_t i = 0; i < t->n; i++) {
        double y = lr_ticks_map(t, t->v[i], base, top);
        lr_canvas_line(ctx->cv, plot->x, y, plot->x + plot->w, y, &grid);
        lr_canvas_text(ctx->cv, plot->x - 6, y + lr_center_baseline(&lr_ts_tick), t->label[i],
                       &lr_ts_tick, LR_ANCHOR_END);
    }
    char buf[400];
    axis_title(ctx, buf, sizeof(buf), title, note);
    double x = plot->x - room;
    lr_text_fit(ctx, x, plot->y - 12, buf, &lr_ts_axis, LR_ANCHOR_START, ctx->width - LR_PAD - x);
}

double lr_value_axis_bottom_room(void)
{
    return 34;
}

void lr_value_axis_bottom(lr_chart_ctx *ctx, const lr_box *plot, const lr_ticks *t,
                          const char *title, const char *note)
{
    lr_style grid = {0, LR_GRID, 0.6, {0, 0}, 0};
    double y0 = plot->y, y1 = plot->y + plot->h;
    /* Thin out labels that would touch: every k-th. */
    size_t k = 1;
    for (; k < t->n; k++) {
        double last = -1e9;
        size_t i;
        for (i = 0; i < t->n; i += k) {
            double x = lr_ticks_map(t, t->v[i], plot->x, plot->x + plot->w);
            double w = lr_text_w(ctx, t->label[i], &lr_ts_tick);
            if (x - w / 2 < last + 6)
                break;
            last = x + w / 2;
        }
        if (i >= t->n)
            break;
    }
    for (size_t i = 0; i < t->n; i++) {
        double x = lr_ticks_map(t, t->v[i], plot->x, plot->x + plot->w);
        lr_canvas_line(ctx->cv, x, y0, x, y1, &grid);
        if (i % k == 0)
            lr_canvas_text(ctx->cv, x, y1 + 12, t->label[i], &lr_ts_tick, LR_ANCHOR_MIDDLE);
    }
    char buf[400];
    axis_title(ctx, buf, sizeof(buf), title, note);
    lr_text_fit(ctx, plot->x + plot->w / 2, y1 + 27, buf, &lr_ts_axis, LR_ANCHOR_MIDDLE, plot->w);
}

void lr_ticks_line_values(const lr_chart_ctx *ctx, lr_ticks *t)
{
    const lr_chart *ch = ctx->chart;
    double lo = 0, hi = 0;
    int any = 0;
    for (size_t i = 0; i < ctx->n_order; i++)
        for (size_t g = 0; g < ch->n_groups; g++) {
            const lr_chart_cell *c = lr_cell(ch, ctx->order[i], g);
            if (!lr_cell_ok(c))
                continue;
            lo = any ? fmin(lo, c->value) : c->value;
            hi = any ? fmax(hi, c->value) : c->value;
            any = 1;
        }
    if (!any)
        lo = 0, hi = ch->bounded ? 100 : 1;
    double pad = fmax((hi - lo) * 0.08, ch->bounded ? 0.5 : 1e-9);
    lr_ticks_linear(t, ch->bounded ? fmax(0, lo - pad) : lo - pad, hi + pad, 5, 0, ch->bounded);
}

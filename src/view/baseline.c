/* Changes since a baseline; see baseline.h. Only numbers measured the same way are compared: a
 * match needs the same model and setting, a changed harness version is reported instead of
 * compared, and a --limit subset is compared only item by item, when both nights have the same
 * items. The comparisons of a night are made once (lr_night_compare) and read by both the
 * Changes section and the overview's marks. */
#include "baseline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/index.h"
#include "model/registry.h"
#include "view/context.h"
#include "view/overview.h"
#include "core/mdtext.h"

/* z(0.975): Wilson intervals at 95 % */
#define Z95 1.959963984540054

const lr_observation *lr_baseline_match(const lr_store *base, const lr_observation *o)
{
    size_t n;
    const size_t *ix = lr_store_find(base, o->model, o->setting->benchmark, &n);
    const lr_observation *best = NULL;
    for (size_t i = 0; i < n; i++) {
        const lr_observation *b = lr_store_get(base, ix[i]);
        if (lr_setting_equal(b->setting, o->setting) &&
            (!best || lr_observation_newer(b, best) < 0))
            best = b;
    }
    return best;
}

/* Two --limit subsets at otherwise the same setting: comparable only on the same items. */
static int subset_equal(const lr_setting *a, const lr_setting *b)
{
    return (a->flags & LR_OBS_LIMITED) && (b->flags & LR_OBS_LIMITED) && lr_setting_known(a) &&
           lr_setting_known(b) && a->shots == b->shots && lr_str_eq(a->benchmark, b->benchmark) &&
           lr_str_eq(a->metric, b->metric) && lr_str_eq(a->variant, b->variant) &&
           (!a->task_hash || !b->task_hash || lr_str_eq(a->task_hash, b->task_hash)) &&
           lr_registry_method_equal(a->method, b->method);
}

static const lr_observation *subset_match(const lr_store *base, const lr_observation *o)
{
    size_t n;
    const size_t *ix = lr_store_find(base, o->model, o->setting->benchmark, &n);
    const lr_observation *best = NULL;
    for (size_t i = 0; i < n; i++) {
        const lr_observation *b = lr_store_get(base, ix[i]);
        if (subset_equal(b->setting, o->setting) && (!best || lr_observation_newer(b, best) < 0))
            best = b;
    }
    return best;
}

/* Newest observation of its model and setting in m (restatements and re-runs collapse). */
static int is_current(const lr_store *m, const lr_observation *o)
{
    size_t n;
    const size_t *ix = lr_store_find(m, o->model, o->setting->benchmark, &n);
    for (size_t i = 0; i < n; i++) {
        const lr_observation *p = lr_store_get(m, ix[i]);
        if (p != o && lr_setting_equal(p->setting, o->setting) && lr_observation_newer(p, o) < 0)
            return 0;
    }
    return 1;
}

const char *lr_format_p(double p, char *buf, size_t size)
{
    if (!isfinite(p))
        snprintf(buf, size, "—");
    else if (p >= 0.001 || p == 0)
        snprintf(buf, size, "%.2g", p);
    else
        snprintf(buf, size, "%.1e", p);
    return buf;
}

/* The standard error of a value: its stderr when known and positive, else the half-width of the
 * 95 % Wilson interval of a percentage at n items over z; negative when neither is known. */
double lr_baseline_se(const lr_observation *o, int *wilson)
{
    *wilson = 0;
    if (o->stderr_ > 0)
        return o->stderr_;
    double lo, hi;
    if (o->setting->bounded && o->n >= 1 &&
        !lr_stats_wilson(o->value / 100.0, o->n, Z95, &lo, &hi)) {
        *wilson = 1;
        return (hi - lo) / 2 / Z95 * 100.0;
    }
    return -1;
}

/* ---- one comparison ---- */

typedef struct comparer {
    const lr_night_input *in;
    lr_night *night;
    lr_buf tmp;
    int oom;
} comparer;

static const char *keep(comparer *cm, const char *s)
{
    char *c = lr_arena_strdup(&cm->night->arena, s ? s : "");
    if (!c)
        cm->oom = 1;
    return c ? c : "";
}

static void describe(const lr_observation *o, lr_buf *out)
{
    char buf[512];
    lr_md_escape(out, lr_setting_describe(o->setting, buf, sizeof buf));
}

/* Why a paired join was refused, Markdown-safe. */
static const char *refusal(comparer *cm, const lr_paired *p)
{
    lr_buf_clear(&cm->tmp);
    static const char *const what[] = {
        "", "test set changed: %zu item%s only in one night (first: %s)",
        "test set changed: the document or target of %zu item%s differs (first: %s)",
        "prompt changed: the prompt of %zu item%s differs (first: %s)"};
    char *id = lr_md_escaped(p->example ? p->example : "");
    lr_buf_printf(&cm->tmp, what[p->status], p->differ, p->differ == 1 ? "" : "s", id ? id : "");
    free(id);
    return keep(cm, cm->tmp.data);
}

static void compare(comparer *cm, const lr_observation *o, const lr_observation *m, int subset,
                    lr_change *c)
{
    const lr_config *cfg = cm->in->config;
    memset(c, 0, sizeof *c);
    c->now = o;
    c->before = m;
    c->delta = o->value - m->value;
    c->p = c->se = c->threshold = c->mde = NAN;
    const char *hn = o->source ? o->source->harness : NULL;
    const char *hb = m->source ? m->source->harness : NULL;
    if (hn && hb && strcmp(hn, hb)) {
        lr_buf_clear(&cm->tmp);
        lr_buf_puts(&cm->tmp, "harness changed: ");
        lr_md_escape(&cm->tmp, hb);
        lr_buf_puts(&cm->tmp, " → ");
        lr_md_escape(&cm->tmp, hn);
        c->kind = LR_CHANGE_NOT_COMPARED;
        c->why = keep(cm, cm->tmp.data);
        return;
    }
    int w_now, w_before;
    double se_now = lr_baseline_se(o, &w_now), se_before = lr_baseline_se(m, &w_before);
    if (se_now >= 0 && se_before >= 0) {
        c->se = sqrt(se_now * se_now + se_before * se_before);
        c->mde = lr_stats_mde(c->se);
        c->wilson = w_now | w_before << 1;
    }
    const lr_item_set *a = lr_items_find(cm->in->now_items, o);
    const lr_item_set *b = lr_items_find(cm->in->base_items, m);
    if (a && b) {
        lr_paired_opts po = {o->setting->higher_is_better,
                             o->setting->bounded ? 100.0 : 1.0,
                             cfg->bootstrap_resamples,
                             cfg->bootstrap_seed,
                             cfg->flips_listed,
                             cfg->cluster_task};
        if (lr_paired_compare(a, b, &po, &c->paired)) {
            cm->oom = 1;
            return;
        }
        if (c->paired.status != LR_PAIR_OK) {
            c->kind = LR_CHANGE_NOT_COMPARED;
            c->why = refusal(cm, &c->paired);
            return;
        }
        c->test = c->paired.clustered ? LR_TEST_CLUSTERED
                  : c->paired.binary  ? LR_TEST_MCNEMAR
                                      : LR_TEST_BOOTSTRAP;
        c->p = c->paired.p;
        c->wilson = 0; /* the test does not use the standard errors */
        /* the MDE of the paired test: from the share of discordant items (at least one), or
         * from the spread of the bootstrap */
        double scale = o->setting->bounded ? 100.0 : 1.0, items = (double)c->paired.n;
        if (c->paired.clustered) {
            c->mde = c->paired.se > 0 ? lr_stats_mde(c->paired.se * scale) : c->mde;
        } else if (c->paired.binary && items > 0) {
            double disc = (double)(c->paired.worse + c->paired.better);
            c->mde = lr_stats_mde(sqrt((disc > 0 ? disc : 1) / items) / sqrt(items) * scale);
        } else if (!c->paired.binary) {
            double se = (c->paired.bootstrap.hi - c->paired.bootstrap.lo) / 2 / Z95 * scale;
            c->mde = se > 0 ? lr_stats_mde(se) : c->mde;
        }
        return;
    }
    if (subset) {
        c->kind = LR_CHANGE_NOT_COMPARED;
        c->why = keep(cm, "a subset (--limit) is compared only on the same items, and not both "
                          "nights have samples");
        return;
    }
    if (c->se > 0) {
        c->test = LR_TEST_Z;
        c->p = lr_stats_z_pvalue(c->delta, c->se);
    } else {
        c->test = LR_TEST_POINTS;
        c->threshold = cfg->threshold_points;
        c->se = NAN;
        c->wilson = 0;
    }
}

/* ---- history ---- */

/* The noise of each value of a series, as lr_history_changepoints takes it; 0 when the series
 * has none at all. */
static double series_sigma(const double *x, const double *se, const long *n, int bounded,
                           size_t count, double *sigma)
{
    double fallback = -1;
    for (size_t i = 0; i < count; i++) {
        double lo, hi;
        if (se[i] > 0)
            sigma[i] = se[i];
        else if (bounded && n[i] >= 1 && !lr_stats_wilson(x[i] / 100.0, n[i], Z95, &lo, &hi) &&
                 hi > lo)
            sigma[i] = (hi - lo) / 2 / Z95 * 100.0;
        else {
            if (fallback < 0)
                fallback = lr_stats_noise_mad(x, count);
            sigma[i] = fallback;
        }
        if (!(sigma[i] > 0))
            return 0;
    }
    return 1;
}

size_t lr_history_changepoints(const double *x, const double *se, const long *n, int bounded,
                               size_t n_values, size_t *cp)
{
    double *sigma = malloc((n_values ? n_values : 1) * sizeof *sigma);
    size_t k = 0;
    if (sigma && n_values >= 4 && series_sigma(x, se, n, bounded, n_values, sigma) &&
        lr_stats_changepoints(x, sigma, n_values, lr_stats_changepoint_penalty(n_values), 2, cp,
                              &k))
        k = 0;
    free(sigma);
    return k;
}

typedef struct series {
    double *x, *se;
    long *n;
    size_t *night; /* index in the history */
    size_t len;
} series;

/* The values of o's model at o's setting over the history, tonight's last. */
static int series_of(const lr_night_input *in, const lr_observation *o, series *s)
{
    size_t cap = in->n_history + 1;
    s->x = malloc(cap * sizeof *s->x);
    s->se = malloc(cap * sizeof *s->se);
    s->n = malloc(cap * sizeof *s->n);
    s->night = malloc(cap * sizeof *s->night);
    s->len = 0;
    if (!s->x || !s->se || !s->n || !s->night)
        return -1;
    size_t tonight = in->n_history;
    for (size_t g = 0; g < in->n_history; g++) {
        if (in->history[g].store == in->now) {
            tonight = g;
            continue;
        }
        const lr_observation *h = lr_baseline_match(in->history[g].store, o);
        if (!h)
            continue;
        s->x[s->len] = h->value;
        s->se[s->len] = h->stderr_;
        s->n[s->len] = h->n;
        s->night[s->len++] = g;
    }
    s->x[s->len] = o->value;
    s->se[s->len] = o->stderr_;
    s->n[s->len] = o->n;
    s->night[s->len++] = tonight;
    return 0;
}

static void series_free(series *s)
{
    free(s->x);
    free(s->se);
    free(s->n);
    free(s->night);
}

/* The most nights in a row, up to tonight, that the value has stayed worse than it was the
 * night before them by more than threshold. */
static size_t nights_below(const series *s, int higher, double threshold)
{
    size_t best = 0;
    for (size_t t = 1; t < s->len; t++) {
        double ref = s->x[s->len - 1 - t];
        size_t j = s->len - t;
        for (; j < s->len; j++) {
            double worse = higher ? ref - s->x[j] : s->x[j] - ref;
            if (!(worse > threshold))
                break;
        }
        if (j == s->len)
            best = t; /* a longer run may hold where a shorter one does not: 80, 77.9, 78.1 */
    }
    return best;
}

static void add_changepoints(comparer *cm, const lr_observation *o, const series *s)
{
    lr_night *night = cm->night;
    size_t *cp = malloc((s->len ? s->len : 1) * sizeof *cp);
    double *sigma = malloc((s->len ? s->len : 1) * sizeof *sigma);
    if (!cp || !sigma) {
        free(cp);
        free(sigma);
        cm->oom = 1;
        return;
    }
    size_t k = lr_history_changepoints(s->x, s->se, s->n, o->setting->bounded, s->len, cp);
    if (k)
        series_sigma(s->x, s->se, s->n, o->setting->bounded, s->len, sigma);
    for (size_t i = 0; i < k; i++) {
        size_t from = i ? cp[i - 1] : 0, at = cp[i], to = i + 1 < k ? cp[i + 1] : s->len;
        if (lr_grow((void **)&night->points, &night->cap_points, night->n_points,
                    sizeof *night->points)) {
            cm->oom = 1;
            break;
        }
        size_t g = s->night[at];
        lr_changepoint cpt = {o, g < cm->in->n_history ? cm->in->history[g].date : cm->in->date,
                              lr_stats_weighted_mean(s->x, sigma, from, at),
                              lr_stats_weighted_mean(s->x, sigma, at, to), g};
        night->points[night->n_points++] = cpt;
    }
    free(cp);
    free(sigma);
}

/* ---- the night ---- */

static const lr_acknowledged *acknowledged(const lr_config *c, const lr_observation *o,
                                           const char *date)
{
    for (size_t i = 0; i < c->n_acknowledged; i++) {
        const lr_acknowledged *a = &c->acknowledged[i];
        if (lr_str_eq(a->model, o->model) && lr_str_eq(a->benchmark, o->setting->benchmark) &&
            (!date || strncmp(date, a->until, 10) <= 0))
            return a;
    }
    return NULL;
}

lr_status lr_night_compare(lr_night *night, const lr_night_input *in)
{
    memset(night, 0, sizeof *night);
    comparer cm = {in, night, LR_BUF_INIT, 0};
    const lr_config *cfg = in->config;
    size_t n = lr_store_count(in->now), cap = 0;
    for (size_t i = 0; i < n && !cm.oom; i++) {
        const lr_observation *o = lr_store_get(in->now, i);
        if ((o->setting->flags & LR_OBS_MEMBER) || !lr_setting_known(o->setting) ||
            !is_current(in->now, o))
            continue;
        int subset = 0;
        const lr_observation *m = lr_baseline_match(in->base, o);
        if (!m && (o->setting->flags & LR_OBS_LIMITED) && (m = subset_match(in->base, o)))
            subset = 1;
        if (!m)
            continue;
        if (lr_grow((void **)&night->changes, &cap, night->n, sizeof *night->changes)) {
            cm.oom = 1;
            break;
        }
        compare(&cm, o, m, subset, &night->changes[night->n++]);
    }
    /* the family: every comparison with a p-value */
    double *p = malloc((night->n ? night->n : 1) * sizeof *p);
    unsigned char *reject = malloc(night->n ? night->n : 1);
    size_t m = 0;
    if (!p || !reject)
        cm.oom = 1;
    for (size_t i = 0; !cm.oom && i < night->n; i++) {
        lr_change *c = &night->changes[i];
        if (c->kind != LR_CHANGE_NOT_COMPARED && c->test != LR_TEST_POINTS)
            p[m++] = c->p;
        if (c->test == LR_TEST_MCNEMAR || c->test == LR_TEST_BOOTSTRAP ||
            c->test == LR_TEST_CLUSTERED)
            night->paired++;
        if (c->test == LR_TEST_CLUSTERED)
            night->clustered++;
        if (c->kind != LR_CHANGE_NOT_COMPARED && c->wilson)
            night->wilson++;
    }
    night->legacy = !(cfg->gate_q > 0);
    night->nights_needed = cfg->gate_nights ? cfg->gate_nights : 1;
    if (!cm.oom && lr_stats_bh(p, m, night->legacy ? 0.05 : cfg->gate_q, reject, &night->bh))
        cm.oom = 1;
    double zcrit =
        night->legacy ? cfg->threshold_stderr : lr_stats_normal_quantile(1 - night->bh.level / 2);
    for (size_t i = 0, k = 0; !cm.oom && i < night->n; i++) {
        lr_change *c = &night->changes[i];
        if (c->kind == LR_CHANGE_NOT_COMPARED)
            continue;
        int beyond;
        if (c->test == LR_TEST_POINTS) {
            /* a hair of tolerance so that 71.0 - 70.0 counts as the 1.0 it is printed as */
            beyond = fabs(c->delta) > c->threshold + 1e-9;
        } else {
            int rejected = reject[k++];
            if (c->test == LR_TEST_Z)
                c->threshold = zcrit * c->se;
            if (night->legacy)
                beyond = c->test == LR_TEST_Z ? fabs(c->delta) > c->threshold + 1e-9 : c->p < 0.05;
            else
                beyond = rejected;
        }
        if (!beyond || c->delta == 0)
            continue;
        int better = c->now->setting->higher_is_better ? c->delta > 0 : c->delta < 0;
        c->kind = better ? LR_CHANGE_IMPROVED : LR_CHANGE_REGRESSED;
    }
    free(p);
    free(reject);
    /* regressions: acknowledged, or held back until they lasted; change points */
    for (size_t i = 0; !cm.oom && i < night->n; i++) {
        lr_change *c = &night->changes[i];
        if (c->kind == LR_CHANGE_NOT_COMPARED)
            continue;
        series s = {0};
        int have = in->n_history && !series_of(in, c->now, &s);
        if (in->n_history && !have) {
            series_free(&s);
            cm.oom = 1;
        }
        if (cfg->gate_nights > 1 && have && c->kind == LR_CHANGE_NONE) {
            /* a drop that no single night shows beyond the gate, but that has lasted: worse
             * than its level of k nights ago by more than the gate, each of those nights */
            double thr = isfinite(c->threshold) ? c->threshold
                         : c->se > 0            ? zcrit * c->se
                                                : cfg->threshold_points;
            size_t lasted = nights_below(&s, c->now->setting->higher_is_better, thr);
            if (lasted >= cfg->gate_nights) {
                c->kind = LR_CHANGE_REGRESSED;
                c->lasting = 1;
                c->reference = s.x[s.len - 1 - lasted];
            }
        }
        if (c->kind == LR_CHANGE_REGRESSED) {
            const lr_acknowledged *a = acknowledged(cfg, c->now, in->date);
            if (a) {
                c->acknowledged = 1;
                c->until = a->until;
            }
            c->nights = 1;
            if (cfg->gate_nights > 1) {
                double thr = isfinite(c->threshold) ? c->threshold
                             : c->se > 0            ? zcrit * c->se
                                                    : cfg->threshold_points;
                size_t lasted = have ? nights_below(&s, c->now->setting->higher_is_better, thr) : 1;
                c->nights = lasted > 1 ? lasted : 1;
                if (c->lasting)
                    c->nights = lasted;
                c->pending = c->nights < cfg->gate_nights;
            }
            if (!c->acknowledged && !c->pending)
                night->gated++;
        }
        if (have) {
            add_changepoints(&cm, c->now, &s);
            series_free(&s);
        }
    }
    lr_buf_free(&cm.tmp);
    return cm.oom ? LR_ENOMEM : LR_OK;
}

void lr_night_free(lr_night *night)
{
    if (!night)
        return;
    for (size_t i = 0; i < night->n; i++)
        lr_paired_free(&night->changes[i].paired);
    free(night->changes);
    free(night->points);
    lr_arena_free(&night->arena);
    memset(night, 0, sizeof *night);
}

const lr_change *lr_night_find(const lr_night *night, const lr_observation *o)
{
    if (!night)
        return NULL;
    for (size_t i = 0; i < night->n; i++)
        if (night->changes[i].now == o)
            return &night->changes[i];
    return NULL;
}

/* ---- the context ---- */

typedef struct builder {
    cJSON *root;
    int failed;
} builder;

static void add_md(builder *b, cJSON *obj, const char *key, const char *md)
{
    if (!cJSON_AddStringToObject(obj, key, md ? md : ""))
        b->failed = 1;
}

static void add_text(builder *b, cJSON *obj, const char *key, const char *text)
{
    char *md = lr_md_escaped(text);
    add_md(b, obj, key, md);
    free(md);
}

static void add_bool(builder *b, cJSON *obj, const char *key, int v)
{
    if (!cJSON_AddBoolToObject(obj, key, v))
        b->failed = 1;
}

static void add_num(builder *b, cJSON *obj, const char *key, double v)
{
    if (!cJSON_AddNumberToObject(obj, key, v))
        b->failed = 1;
}

static cJSON *push(builder *b, cJSON *arr)
{
    cJSON *o = cJSON_CreateObject();
    if (!o || !cJSON_AddItemToArray(arr, o)) {
        cJSON_Delete(o);
        b->failed = 1;
        return NULL;
    }
    return o;
}

static cJSON *array(builder *b, cJSON *obj, const char *key)
{
    cJSON *a = cJSON_AddArrayToObject(obj, key);
    if (!a)
        b->failed = 1;
    return a;
}

static const char *test_name(const lr_change *c, char *buf, size_t size)
{
    switch (c->test) {
    case LR_TEST_CLUSTERED:
        snprintf(buf, size, "paired z, %zu clusters", c->paired.clusters);
        return buf;
    case LR_TEST_MCNEMAR:
        return c->paired.mcnemar.exact ? "McNemar (exact)" : "McNemar (χ²)";
    case LR_TEST_BOOTSTRAP:
        return "paired bootstrap";
    case LR_TEST_Z:
        return c->wilson ? "z (Wilson)" : "z";
    default:
        return "points";
    }
}

/* "▼ −2.0" beyond the gate, "−0.3" within it. */
static void signed_delta(const lr_change *c, char *buf, size_t size)
{
    char v[64];
    lr_format_delta(c->delta, v, sizeof v);
    if (c->kind == LR_CHANGE_REGRESSED || c->kind == LR_CHANGE_IMPROVED)
        snprintf(buf, size, "%s %s", c->delta > 0 ? "▲" : "▼", v);
    else
        snprintf(buf, size, "%s", v);
}

static void gate_text(const lr_night *night, const lr_change *c, char *buf, size_t size)
{
    char v[64], p[32];
    if (c->test == LR_TEST_POINTS || c->test == LR_TEST_Z) {
        lr_format_value(c->threshold, v, sizeof v);
        snprintf(buf, size, "±%s", v);
    } else {
        snprintf(buf, size, "p ≤ %s",
                 lr_format_p(night->legacy ? 0.05 : night->bh.level, p, sizeof p));
    }
}

static void change_row(builder *b, const lr_night *night, cJSON *arr, const lr_change *c)
{
    cJSON *row = push(b, arr);
    if (!row)
        return;
    char v[64];
    add_text(b, row, "model", c->now->model);
    add_text(b, row, "benchmark", c->now->setting->benchmark_display);
    lr_buf tmp = LR_BUF_INIT;
    describe(c->now, &tmp);
    add_md(b, row, "setting", tmp.data);
    lr_buf_free(&tmp);
    lr_format_value(c->before->value, v, sizeof v);
    add_md(b, row, "before", v);
    lr_format_value(c->now->value, v, sizeof v);
    add_md(b, row, "now", v);
    char d[80];
    signed_delta(c, d, sizeof d);
    add_md(b, row, "delta", d);
    add_num(b, row, "delta_value", c->delta);
    lr_format_p(c->p, v, sizeof v);
    add_md(b, row, "p", v);
    gate_text(night, c, d, sizeof d);
    add_md(b, row, "gate", d);
    if (isfinite(c->threshold)) {
        lr_format_value(c->threshold, v, sizeof v);
        add_md(b, row, "threshold", v);
    } else {
        add_md(b, row, "threshold", "—");
    }
    if (isfinite(c->mde))
        lr_format_value(c->mde, v, sizeof v);
    else
        snprintf(v, sizeof v, "—");
    add_md(b, row, "mde", v);
    if (c->lasting) {
        char r[64], t[160];
        lr_format_value(c->reference, r, sizeof r);
        snprintf(t, sizeof t, "%s; %zu nights below %s", test_name(c, v, sizeof v), c->nights, r);
        add_md(b, row, "test", t);
    } else {
        add_md(b, row, "test", test_name(c, v, sizeof v));
    }
    add_bool(b, row, "regressed", c->kind == LR_CHANGE_REGRESSED);
    add_bool(b, row, "improved", c->kind == LR_CHANGE_IMPROVED);
    add_bool(b, row, "acknowledged", c->acknowledged);
    add_md(b, row, "until", c->until);
    add_bool(b, row, "pending", c->pending);
    add_num(b, row, "nights", (double)c->nights);
    /* the items that got worse, under a regression */
    int paired =
        c->test == LR_TEST_MCNEMAR || c->test == LR_TEST_BOOTSTRAP || c->test == LR_TEST_CLUSTERED;
    add_bool(b, row, "has_flips", paired && c->paired.worse > 0);
    if (paired) {
        add_num(b, row, "worse", (double)c->paired.worse);
        add_num(b, row, "better", (double)c->paired.better);
        add_num(b, row, "items", (double)c->paired.n);
        lr_buf ids = LR_BUF_INIT;
        for (size_t k = 0; k < c->paired.n_worst; k++) {
            if (k)
                lr_buf_puts(&ids, ", ");
            lr_md_escape(&ids, c->paired.worst[k]);
        }
        if ((size_t)c->paired.worse > c->paired.n_worst)
            lr_buf_printf(&ids, " and %zu more", (size_t)c->paired.worse - c->paired.n_worst);
        add_md(b, row, "worse_ids", ids.data);
        lr_buf_free(&ids);
        add_bool(b, row, "binary", c->paired.binary);
    }
}

/* The models (or benchmarks) of from that other does not have, in order of first appearance. */
static void list_missing(builder *b, cJSON *obj, const char *key, const lr_store *from,
                         const lr_store *other, int models)
{
    cJSON *arr = array(b, obj, key);
    if (!arr)
        return;
    lr_index known = LR_INDEX_INIT; /* names in other, and names already listed */
    size_t n_other = lr_store_count(other), n;
    for (size_t i = 0; i < n_other; i++) {
        const lr_observation *o = lr_store_get(other, i);
        lr_index_get(&known, models ? o->model : o->setting->benchmark, NULL, &n);
        if (!n)
            lr_index_add(&known, models ? o->model : o->setting->benchmark, NULL, i);
    }
    for (size_t i = 0; i < lr_store_count(from); i++) {
        const lr_observation *o = lr_store_get(from, i);
        if (o->setting->flags & LR_OBS_MEMBER)
            continue;
        const char *name = models ? o->model : o->setting->benchmark;
        lr_index_get(&known, name, NULL, &n);
        if (n)
            continue;
        lr_index_add(&known, name, NULL, i);
        cJSON *e = push(b, arr);
        if (e)
            add_text(b, e, "name", models ? name : o->setting->benchmark_display);
    }
    b->failed |= known.failed;
    lr_index_free(&known);
    /* "a, b, c": each item carries the separator that follows it */
    for (cJSON *e = arr->child; e; e = e->next)
        add_md(b, e, "sep", e->next ? ", " : "");
}

/* Whether base has p's model at p's setting. */
static int has_setting(const lr_store *m, const lr_observation *p)
{
    return lr_baseline_match(m, p) != NULL;
}

/* A current observation with no match: measured another way last time? */
static void setting_changed(builder *b, cJSON *nc, const lr_store *now, const lr_store *base,
                            const lr_observation *o, lr_buf *tmp)
{
    size_t n;
    const size_t *ix = lr_store_find(base, o->model, o->setting->benchmark, &n);
    const lr_observation *other = NULL;
    for (size_t k = 0; k < n && !other; k++) {
        const lr_observation *p = lr_store_get(base, ix[k]);
        if (lr_str_eq(p->setting->metric, o->setting->metric) && lr_setting_known(p->setting) &&
            is_current(base, p) && !has_setting(now, p) && !subset_equal(p->setting, o->setting))
            other = p;
    }
    if (!other)
        return;
    cJSON *row = push(b, nc);
    if (!row)
        return;
    add_text(b, row, "model", o->model);
    add_text(b, row, "benchmark", o->setting->benchmark_display);
    lr_buf_clear(tmp);
    lr_buf_puts(tmp, "setting changed: ");
    describe(other, tmp);
    lr_buf_puts(tmp, " → ");
    describe(o, tmp);
    add_md(b, row, "why", tmp->data);
}

static void emit_regression(lr_diag *diag, const lr_night *night, const lr_change *c)
{
    const lr_observation *o = c->now, *m = c->before;
    char setting[256], before[32], after[32], d[32], why[300], p[32], lvl[32], tn[64];
    lr_format_value(m->value, before, sizeof before);
    lr_format_value(o->value, after, sizeof after);
    lr_format_value(c->delta, d, sizeof d);
    if (c->test == LR_TEST_POINTS) {
        char th[32];
        lr_format_value(c->threshold, th, sizeof th);
        snprintf(why, sizeof why, "beyond the threshold of %s points (no stderr)", th);
    } else if (night->legacy) {
        snprintf(why, sizeof why, "%s p = %s",
                 c->test == LR_TEST_Z ? "z-test" : test_name(c, tn, sizeof tn),
                 lr_format_p(c->p, p, sizeof p));
    } else {
        snprintf(why, sizeof why,
                 "%s p = %s, gate p <= %s (Benjamini-Hochberg, q = %g, %zu test%s)",
                 c->test == LR_TEST_Z ? "z-test" : test_name(c, tn, sizeof tn),
                 lr_format_p(c->p, p, sizeof p), lr_format_p(night->bh.level, lvl, sizeof lvl),
                 night->bh.q, night->bh.m, night->bh.m == 1 ? "" : "s");
    }
    if (c->lasting) {
        char r[32];
        lr_format_value(c->reference, r, sizeof r);
        snprintf(why + strlen(why), sizeof why - strlen(why), "; %zu nights below %s", c->nights,
                 r);
    }
    lr_diag_emit(diag, LR_REGRESSION, o->source ? o->source->file : NULL, NULL, 0, 0,
                 "%s, %s (%s): %s -> %s (%s), %s", o->model, o->setting->benchmark_display,
                 lr_setting_describe(o->setting, setting, sizeof setting), before, after, d, why);
}

void lr_night_report(const lr_night *night, lr_diag *diag)
{
    for (size_t i = 0; i < night->n; i++) {
        const lr_change *c = &night->changes[i];
        if (c->kind == LR_CHANGE_REGRESSED && !c->acknowledged && !c->pending)
            emit_regression(diag, night, c);
    }
}

cJSON *lr_changes_build(const lr_night *night, const lr_store *now, const lr_store *base,
                        const lr_config *config, const char *base_date)
{
    builder b = {cJSON_CreateObject(), 0};
    if (!b.root)
        return NULL;
    add_text(&b, b.root, "since", base_date ? base_date : "the baseline");
    cJSON *reg = array(&b, b.root, "regressions");
    cJSON *imp = array(&b, b.root, "improvements");
    cJSON *held = array(&b, b.root, "held");
    cJSON *all = array(&b, b.root, "compared_rows");
    cJSON *nc = array(&b, b.root, "not_compared");
    cJSON *cps = array(&b, b.root, "changepoints");
    if (b.failed) {
        cJSON_Delete(b.root);
        return NULL;
    }
    size_t unchanged = 0, compared = 0, unstated = 0;
    const lr_change *largest = NULL; /* the largest |delta| within noise */
    lr_buf tmp = LR_BUF_INIT;
    for (size_t i = 0; i < lr_store_count(now); i++) {
        const lr_observation *o = lr_store_get(now, i);
        if ((o->setting->flags & LR_OBS_MEMBER) || !is_current(now, o))
            continue;
        if (!lr_setting_known(o->setting)) {
            unstated++; /* an unstated setting is never comparable, not even with itself */
            continue;
        }
        const lr_change *c = lr_night_find(night, o);
        if (!c) {
            setting_changed(&b, nc, now, base, o, &tmp);
            continue;
        }
        if (c->kind == LR_CHANGE_NOT_COMPARED) {
            cJSON *row = push(&b, nc);
            if (row) {
                add_text(&b, row, "model", o->model);
                add_text(&b, row, "benchmark", o->setting->benchmark_display);
                add_md(&b, row, "why", c->why);
            }
            continue;
        }
        compared++;
        change_row(&b, night, all, c);
        if (c->kind == LR_CHANGE_REGRESSED) {
            change_row(&b, night, c->acknowledged || c->pending ? held : reg, c);
        } else if (c->kind == LR_CHANGE_IMPROVED) {
            change_row(&b, night, imp, c);
        } else {
            unchanged++;
            if (!largest || fabs(c->delta) > fabs(largest->delta))
                largest = c;
        }
    }
    cJSON *big = largest ? cJSON_AddObjectToObject(b.root, "unchanged_largest") : NULL;
    if (largest && !big)
        b.failed = 1;
    if (big) {
        /* the numbers behind "within noise": the largest change, its gate and MDE */
        char d[80], g[80], m[64];
        signed_delta(largest, d, sizeof d);
        gate_text(night, largest, g, sizeof g);
        add_text(&b, big, "model", largest->now->model);
        add_text(&b, big, "benchmark", largest->now->setting->benchmark_display);
        add_md(&b, big, "delta", d);
        add_md(&b, big, "gate", g);
        add_bool(&b, big, "has_mde", isfinite(largest->mde));
        if (isfinite(largest->mde)) {
            lr_format_value(largest->mde, m, sizeof m);
            add_md(&b, big, "mde", m);
        }
    }
    add_bool(&b, b.root, "has_unchanged_largest", largest != NULL);
    for (size_t i = 0; i < night->n_points; i++) {
        const lr_changepoint *p = &night->points[i];
        cJSON *row = push(&b, cps);
        if (!row)
            break;
        char v[64];
        add_text(&b, row, "model", p->obs->model);
        add_text(&b, row, "benchmark", p->obs->setting->benchmark_display);
        lr_buf_clear(&tmp);
        describe(p->obs, &tmp);
        add_md(&b, row, "setting", tmp.data);
        add_text(&b, row, "date", p->date ? p->date : "tonight");
        lr_format_value(p->before, v, sizeof v);
        add_md(&b, row, "before", v);
        lr_format_value(p->after, v, sizeof v);
        add_md(&b, row, "after", v);
    }
    lr_buf_free(&tmp);
    /* the gate */
    cJSON *gate = cJSON_AddObjectToObject(b.root, "gate");
    if (!gate) {
        b.failed = 1;
    } else {
        char v[64];
        add_bool(&b, gate, "bh", !night->legacy && night->bh.m > 0);
        add_bool(&b, gate, "legacy", night->legacy);
        snprintf(v, sizeof v, "%g", night->bh.q);
        add_md(&b, gate, "q", v);
        add_num(&b, gate, "family", (double)night->bh.m);
        add_num(&b, gate, "rejected", (double)night->bh.rejected);
        add_md(&b, gate, "level", lr_format_p(night->bh.level, v, sizeof v));
        lr_format_value(config ? config->threshold_points : 1.0, v, sizeof v);
        add_md(&b, gate, "points", v);
        snprintf(v, sizeof v, "%g", config ? config->threshold_stderr : 2.0);
        add_md(&b, gate, "stderr", v);
        add_num(&b, gate, "nights", (double)(config ? config->gate_nights : 1));
        add_bool(&b, gate, "has_nights", config && config->gate_nights > 1);
        add_num(&b, gate, "paired", (double)night->paired);
        add_bool(&b, gate, "has_paired", night->paired > 0);
        add_num(&b, gate, "clustered", (double)night->clustered);
        add_bool(&b, gate, "has_clustered", night->clustered > 0);
        if (config && config->cluster_field) /* "cluster": "doc.FIELD" */
            add_text(&b, gate, "cluster_field", config->cluster_field);
        add_num(&b, gate, "wilson", (double)night->wilson);
        add_bool(&b, gate, "has_wilson", night->wilson > 0);
        snprintf(v, sizeof v, "%llu", config ? config->bootstrap_seed : 20261120ull);
        add_md(&b, gate, "seed", v);
        add_num(&b, gate, "resamples", (double)(config ? config->bootstrap_resamples : 10000));
    }
    list_missing(&b, b.root, "new_models", now, base, 1);
    list_missing(&b, b.root, "removed_models", base, now, 1);
    list_missing(&b, b.root, "new_benchmarks", now, base, 0);
    list_missing(&b, b.root, "removed_benchmarks", base, now, 0);
    add_num(&b, b.root, "compared", (double)compared);
    add_num(&b, b.root, "unchanged", (double)unchanged);
    add_num(&b, b.root, "unstated", (double)unstated);
    add_num(&b, b.root, "gated", (double)night->gated);
    int flips = 0;
    for (size_t i = 0; i < night->n; i++)
        flips |= night->changes[i].kind == LR_CHANGE_REGRESSED && !night->changes[i].acknowledged &&
                 !night->changes[i].pending && night->changes[i].paired.worse > 0 &&
                 night->changes[i].test != LR_TEST_Z && night->changes[i].test != LR_TEST_POINTS;
    add_bool(&b, b.root, "has_flips", flips);
    add_bool(&b, b.root, "has_unstated", unstated > 0);
    static const char *const lists[] = {
        "regressions",  "improvements", "held",           "compared_rows",  "not_compared",
        "changepoints", "new_models",   "removed_models", "new_benchmarks", "removed_benchmarks"};
    for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++) {
        char key[40];
        snprintf(key, sizeof key, "has_%s", lists[k]);
        add_bool(&b, b.root, key, cJSON_GetArraySize(cJSON_GetObjectItem(b.root, lists[k])) > 0);
    }
    if (b.failed) {
        cJSON_Delete(b.root);
        return NULL;
    }
    return b.root;
}

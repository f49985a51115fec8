/* Changes since a baseline; see baseline.h. Only numbers measured the same way are compared:
 * a match needs the same model and setting, and a changed harness version is reported instead
 * of compared. */
#include "baseline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/index.h"
#include "view/context.h"
#include "write/mdtext.h"
#include "view/overview.h"

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

static int str_eq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return !strcmp(a, b);
}

lr_change lr_change_of(const lr_config *config, const lr_observation *now,
                       const lr_observation *before)
{
    lr_change c = {now, before, LR_CHANGE_NONE, now->value - before->value, 0};
    double points = config ? config->threshold_points : 1.0;
    double factor = config ? config->threshold_stderr : 2.0;
    if (now->stderr_ >= 0 && before->stderr_ >= 0)
        c.threshold =
            factor * sqrt(now->stderr_ * now->stderr_ + before->stderr_ * before->stderr_);
    else
        c.threshold = points;
    const char *hn = now->source ? now->source->harness : NULL;
    const char *hb = before->source ? before->source->harness : NULL;
    if (hn && hb && strcmp(hn, hb)) {
        c.kind = LR_CHANGE_NOT_COMPARED;
        return c;
    }
    /* a hair of tolerance so that 71.0 - 70.0 counts as the 1.0 it is printed as */
    if (fabs(c.delta) > c.threshold + 1e-9) {
        int better = now->setting->higher_is_better ? c.delta > 0 : c.delta < 0;
        c.kind = better ? LR_CHANGE_IMPROVED : LR_CHANGE_REGRESSED;
    }
    return c;
}

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

/* Whether m has an observation of p's model at p's setting. */
static int has_setting(const lr_store *m, const lr_observation *p)
{
    return lr_baseline_match(m, p) != NULL;
}

static void describe(const lr_observation *o, lr_buf *out)
{
    char buf[512];
    lr_md_escape(out, lr_setting_describe(o->setting, buf, sizeof buf));
}

static void change_row(builder *b, cJSON *arr, const lr_change *c)
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
    lr_format_value(fabs(c->delta), v, sizeof v);
    snprintf(d, sizeof d, "%s %s%s", c->delta < 0 ? "▼" : "▲", c->delta < 0 ? "−" : "+", v);
    add_md(b, row, "delta", d);
    lr_format_value(c->threshold, v, sizeof v);
    add_md(b, row, "threshold", v);
    cJSON_AddNumberToObject(row, "delta_value", c->delta);
}

/* The models (or benchmarks) of from that other does not have, in order of first appearance. */
static void list_missing(builder *b, cJSON *obj, const char *key, const lr_store *from,
                         const lr_store *other, int models)
{
    cJSON *arr = cJSON_AddArrayToObject(obj, key);
    if (!arr) {
        b->failed = 1;
        return;
    }
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

cJSON *lr_changes_build(const lr_store *now, const lr_store *base, const lr_config *config,
                        const char *base_date, lr_diag *diag, size_t *regressions)
{
    builder b = {cJSON_CreateObject(), 0};
    *regressions = 0;
    if (!b.root)
        return NULL;
    add_text(&b, b.root, "since", base_date ? base_date : "the baseline");
    cJSON *reg = cJSON_AddArrayToObject(b.root, "regressions");
    cJSON *imp = cJSON_AddArrayToObject(b.root, "improvements");
    cJSON *nc = cJSON_AddArrayToObject(b.root, "not_compared");
    if (!reg || !imp || !nc) {
        cJSON_Delete(b.root);
        return NULL;
    }
    size_t unchanged = 0, compared = 0, unstated = 0;
    lr_buf tmp = LR_BUF_INIT;
    for (size_t i = 0; i < lr_store_count(now); i++) {
        const lr_observation *o = lr_store_get(now, i);
        if ((o->setting->flags & LR_OBS_MEMBER) || !is_current(now, o))
            continue;
        if (!lr_setting_known(o->setting)) {
            unstated++; /* an unstated setting is never comparable, not even with itself */
            continue;
        }
        const lr_observation *m = lr_baseline_match(base, o);
        if (!m) {
            /* the same model and benchmark measured another way last time, in a setting that
             * is gone now: say so rather than compare */
            size_t n;
            const size_t *ix = lr_store_find(base, o->model, o->setting->benchmark, &n);
            const lr_observation *other = NULL;
            for (size_t k = 0; k < n && !other; k++) {
                const lr_observation *p = lr_store_get(base, ix[k]);
                if (str_eq(p->setting->metric, o->setting->metric) &&
                    lr_setting_known(p->setting) && is_current(base, p) && !has_setting(now, p))
                    other = p;
            }
            if (!other)
                continue;
            cJSON *row = push(&b, nc);
            if (!row)
                break;
            add_text(&b, row, "model", o->model);
            add_text(&b, row, "benchmark", o->setting->benchmark_display);
            lr_buf_clear(&tmp);
            lr_buf_puts(&tmp, "setting changed: ");
            describe(other, &tmp);
            lr_buf_puts(&tmp, " → ");
            describe(o, &tmp);
            add_md(&b, row, "why", tmp.data);
            continue;
        }
        lr_change c = lr_change_of(config, o, m);
        compared++;
        if (c.kind == LR_CHANGE_NOT_COMPARED) {
            cJSON *row = push(&b, nc);
            if (!row)
                break;
            add_text(&b, row, "model", o->model);
            add_text(&b, row, "benchmark", o->setting->benchmark_display);
            lr_buf_clear(&tmp);
            lr_buf_puts(&tmp, "harness changed: ");
            lr_md_escape(&tmp, m->source->harness);
            lr_buf_puts(&tmp, " → ");
            lr_md_escape(&tmp, o->source->harness);
            add_md(&b, row, "why", tmp.data);
        } else if (c.kind == LR_CHANGE_REGRESSED) {
            change_row(&b, reg, &c);
            ++*regressions;
            char setting[256], before[32], after[32], th[32];
            lr_format_value(m->value, before, sizeof before);
            lr_format_value(o->value, after, sizeof after);
            lr_format_value(c.threshold, th, sizeof th);
            lr_diag_emit(diag, LR_REGRESSION, o->source ? o->source->file : NULL, NULL, 0, 0,
                         "%s, %s (%s): %s -> %s, beyond the threshold of %s", o->model,
                         o->setting->benchmark_display,
                         lr_setting_describe(o->setting, setting, sizeof setting), before, after,
                         th);
        } else if (c.kind == LR_CHANGE_IMPROVED) {
            change_row(&b, imp, &c);
        } else {
            unchanged++;
        }
    }
    lr_buf_free(&tmp);
    list_missing(&b, b.root, "new_models", now, base, 1);
    list_missing(&b, b.root, "removed_models", base, now, 1);
    list_missing(&b, b.root, "new_benchmarks", now, base, 0);
    list_missing(&b, b.root, "removed_benchmarks", base, now, 0);
    cJSON_AddNumberToObject(b.root, "compared", (double)compared);
    cJSON_AddNumberToObject(b.root, "unchanged", (double)unchanged);
    cJSON_AddNumberToObject(b.root, "unstated", (double)unstated);
    cJSON_AddBoolToObject(b.root, "has_unstated", unstated > 0);
    cJSON_AddBoolToObject(b.root, "has_regressions", cJSON_GetArraySize(reg) > 0);
    cJSON_AddBoolToObject(b.root, "has_improvements", cJSON_GetArraySize(imp) > 0);
    cJSON_AddBoolToObject(b.root, "has_not_compared", cJSON_GetArraySize(nc) > 0);
    const char *lists[] = {"new_models", "removed_models", "new_benchmarks", "removed_benchmarks"};
    for (size_t k = 0; k < 4; k++) {
        char key[40];
        snprintf(key, sizeof key, "has_%s", lists[k]);
        cJSON_AddBoolToObject(b.root, key,
                              cJSON_GetArraySize(cJSON_GetObjectItem(b.root, lists[k])) > 0);
    }
    if (b.failed) {
        cJSON_Delete(b.root);
        return NULL;
    }
    return b.root;
}

/* One precision per table column; see precision.h. */
#include "precision.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mdtext.h"

int lr_precision_of_value(double v)
{
    if (!isfinite(v))
        return 0;
    double scale = 1;
    for (int d = 0; d < LR_PRECISION_MAX; d++, scale *= 10) {
        double x = v * scale;
        /* a decimal read from text lies within rounding of x: 0.4624 * 100 is 46.239999... */
        if (fabs(x - nearbyint(x)) <= 1e-6 * fmax(1, fabs(x)))
            return d;
    }
    return LR_PRECISION_MAX;
}

int lr_precision_shared(const int *decimals, size_t n)
{
    if (!n)
        return LR_PRECISION_MIXED;
    for (size_t i = 1; i < n; i++)
        if (decimals[i] != decimals[0])
            return LR_PRECISION_MIXED;
    return decimals[0];
}

struct lr_precision {
    size_t n_sources;
    signed char *decimals; /* [source index * 2 + bounded]; -1: no value of that kind */
};

lr_precision *lr_precision_new(const lr_store *store)
{
    lr_precision *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->n_sources = lr_store_source_count(store);
    p->decimals = malloc(2 * p->n_sources + 1);
    if (!p->decimals) {
        free(p);
        return NULL;
    }
    memset(p->decimals, -1, 2 * p->n_sources + 1);
    for (size_t i = 0; i < lr_store_count(store); i++) {
        const lr_observation *o = lr_store_get(store, i);
        if (!o->source || o->source->index >= p->n_sources)
            continue;
        signed char *d = &p->decimals[2 * o->source->index + !!o->setting->bounded];
        int need = lr_precision_of_value(o->value);
        if (need > *d)
            *d = (signed char)need;
    }
    return p;
}

void lr_precision_free(lr_precision *p)
{
    if (!p)
        return;
    free(p->decimals);
    free(p);
}

int lr_precision_source(const lr_precision *p, const lr_observation *o)
{
    int d = p && o->source && o->source->index < p->n_sources
                ? p->decimals[2 * o->source->index + !!o->setting->bounded]
                : -1;
    if (d < 0)
        d = lr_precision_of_value(o->value);
    /* a percentage read as 54 was 0.54 or "54.0": whole numbers only on scales of their own */
    return o->setting->bounded && d < 1 ? 1 : d;
}

int lr_precision_column(const lr_precision *p, const lr_observation *const *obs, size_t n)
{
    int first = -1;
    for (size_t i = 0; i < n; i++) {
        if (!obs[i])
            continue;
        int d = lr_precision_source(p, obs[i]);
        if (first < 0)
            first = d;
        else if (d != first)
            return LR_PRECISION_MIXED;
    }
    return first < 0 ? LR_PRECISION_MIXED : first;
}

void lr_precision_column_kinds(const lr_precision *p, const lr_observation *const *obs, size_t n,
                               int decimals[2])
{
    for (int kind = 0; kind < 2; kind++) {
        int first = -1, mixed = 0;
        for (size_t i = 0; i < n && !mixed; i++) {
            if (!obs[i] || !!obs[i]->setting->bounded != kind)
                continue;
            int d = lr_precision_source(p, obs[i]);
            if (first < 0)
                first = d;
            else
                mixed = d != first;
        }
        decimals[kind] = first < 0 || mixed ? LR_PRECISION_MIXED : first;
    }
}

void lr_precision_value_md(const lr_observation *o, int decimals, int with_stderr, int with_unit,
                           lr_buf *out)
{
    char v[64];
    lr_format_fixed(o->value, decimals, v, sizeof v);
    lr_buf_puts(out, v);
    if (with_unit && !o->setting->bounded && decimals == 0 && o->setting->metric) {
        lr_buf_puts(out, " ");
        lr_md_escape(out, o->setting->metric);
    }
    if (with_stderr && o->stderr_ >= 0) {
        lr_format_fixed(o->stderr_, decimals, v, sizeof v);
        lr_buf_printf(out, " ± %s", v);
    }
}

/* lr_report_write_coverage: the models x benchmarks table of `llmreport list`. */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "report/report.h"

lr_status lr_report_write_coverage(lr_report *r, lr_write_fn write, void *user, lr_error *err)
{
    lr_status st = lr_report_load(r, err);
    if (st)
        return st;
    size_t n = lr_store_count(r->store);
    const char **models = calloc(n + 1, sizeof *models);
    const char **bench = calloc(n + 1, sizeof *bench);
    size_t *counts = NULL, n_models = 0, n_bench = 0;
    if (!models || !bench)
        goto oom;
    for (size_t i = 0; i < n; i++) {
        const lr_observation *o = lr_store_get(r->store, i);
        size_t k;
        for (k = 0; k < n_models && strcmp(models[k], o->model); k++)
            ;
        if (k == n_models)
            models[n_models++] = o->model;
        if (o->setting->flags & LR_OBS_MEMBER)
            continue;
        for (k = 0; k < n_bench && strcmp(bench[k], o->setting->benchmark); k++)
            ;
        if (k == n_bench)
            bench[n_bench++] = o->setting->benchmark;
    }
    counts = calloc(n_models * n_bench + 1, sizeof *counts);
    if (!counts)
        goto oom;
    for (size_t i = 0; i < n; i++) {
        const lr_observation *o = lr_store_get(r->store, i);
        if (o->setting->flags & LR_OBS_MEMBER)
            continue;
        size_t a, b;
        for (a = 0; strcmp(models[a], o->model); a++)
            ;
        for (b = 0; strcmp(bench[b], o->setting->benchmark); b++)
            ;
        counts[a * n_bench + b]++;
    }
    lr_buf out = LR_BUF_INIT;
    size_t width = 5;
    for (size_t a = 0; a < n_models; a++)
        if (strlen(models[a]) > width)
            width = strlen(models[a]);
    if (width > 48)
        width = 48;
    lr_buf_printf(&out, "%-*s", (int)width, "model");
    for (size_t b = 0; b < n_bench; b++)
        lr_buf_printf(&out, " %3zu", b + 1);
    lr_buf_puts(&out, "\n");
    for (size_t a = 0; a < n_models; a++) {
        lr_buf_printf(&out, "%-*.*s", (int)width, (int)width, models[a]);
        for (size_t b = 0; b < n_bench; b++) {
            size_t c = counts[a * n_bench + b];
            if (c)
                lr_buf_printf(&out, " %3zu", c);
            else
                lr_buf_puts(&out, "   .");
        }
        lr_buf_puts(&out, "\n");
    }
    lr_buf_puts(&out, "\nbenchmarks (cells count results, all settings):\n");
    for (size_t b = 0; b < n_bench; b++)
        lr_buf_printf(&out, "%4zu  %s\n", b + 1, bench[b]);
    free(models);
    free(bench);
    free(counts);
    if (lr_buf_failed(&out)) {
        lr_buf_free(&out);
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    }
    int rc = write(user, out.data, out.len);
    lr_buf_free(&out);
    return rc ? lr_error_set(err, LR_EIO, NULL, "cannot write") : LR_OK;
oom:
    free(models);
    free(bench);
    free(counts);
    return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
}

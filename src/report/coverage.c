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
    /* models in order of first appearance, benchmarks (not aggregate members) likewise; each
     * cell counts the model's results on the benchmark through the store's index */
    size_t n_models, n_bench;
    const char *const *models = lr_store_models(r->store, &n_models);
    const char *const *bench = lr_store_benchmarks(r->store, &n_bench);
    size_t *counts = calloc(n_models * n_bench + 1, sizeof *counts);
    if (!counts)
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    for (size_t a = 0; a < n_models; a++)
        for (size_t b = 0; b < n_bench; b++) {
            size_t n;
            const size_t *at = lr_store_find(r->store, models[a], bench[b], &n);
            for (size_t i = 0; i < n; i++)
                if (!(lr_store_get(r->store, at[i])->setting->flags & LR_OBS_MEMBER))
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
    free(counts);
    if (lr_buf_failed(&out)) {
        lr_buf_free(&out);
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    }
    int rc = write(user, out.data, out.len);
    lr_buf_free(&out);
    return rc ? lr_error_set(err, LR_EIO, NULL, "cannot write") : LR_OK;
}

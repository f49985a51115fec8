/* The public lr_report API, its front door: a report's lifecycle, its setters and counts. Loading
 * is load.c, the Markdown template markdown.c, the outputs of a build build.c, the exports
 * export.c and the coverage of `list` coverage.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/error.h"
#include "ingest/ingest.h"
#include "llmreport.h"
#include "model/store.h"
#include "report/report.h"

lr_report *lr_report_new(void)
{
    lr_report *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->store = lr_store_new(&r->diag);
    if (!r->store) {
        free(r);
        return NULL;
    }
    lr_config_init(&r->config);
    r->jobs = 1;
    return r;
}

void lr_report_free(lr_report *r)
{
    if (!r)
        return;
    lr_store_free(r->store);
    lr_store_free(r->baseline);
    free(r->baseline_date);
    lr_items_free(&r->items);
    lr_items_free(&r->baseline_items);
    lr_night_free(&r->night);
    for (size_t i = 0; i < r->n_history_models; i++) {
        lr_store_free(r->history_models[i]);
        free(r->history_dates[i]);
    }
    free(r->history_models);
    free(r->history_dates);
    free(r->history);
    free(r->history_dir);
    lr_config_free(&r->config);
    for (size_t i = 0; i < r->n_inputs; i++)
        free(r->inputs[i]);
    free(r->inputs);
    free(r->datadir);
    free(r->output);
    free(r->date);
    free(r->config_path);
    free(r->baseline_path);
    free(r);
}

void lr_report_set_diag(lr_report *r, lr_diag_fn fn, void *user)
{
    r->diag.fn = fn;
    r->diag.user = user;
}

void lr_report_set_progress(lr_report *r, lr_progress_fn fn, void *user)
{
    r->progress = fn;
    r->progress_user = user;
}

static lr_status set_string(char **slot, const char *value)
{
    char *copy = value ? strdup(value) : NULL;
    if (value && !copy)
        return LR_ENOMEM;
    free(*slot);
    *slot = copy;
    return LR_OK;
}

lr_status lr_report_set_datadir(lr_report *r, const char *dir)
{
    return set_string(&r->datadir, dir);
}

lr_status lr_report_set_output(lr_report *r, const char *dir)
{
    return set_string(&r->output, dir);
}

lr_status lr_report_set_date(lr_report *r, const char *date)
{
    return set_string(&r->date, date);
}

lr_status lr_report_set_format(lr_report *r, const char *name, lr_error *err)
{
    if (!name) {
        r->forced = NULL;
        return LR_OK;
    }
    r->forced = lr_adapter_find(name);
    if (!r->forced) {
        lr_buf names = LR_BUF_INIT;
        for (size_t i = 0; lr_adapters[i]; i++)
            lr_buf_printf(&names, "%s%s", i ? ", " : "", lr_adapters[i]->name);
        lr_error_set(err, LR_EUSAGE, NULL, "unknown format \"%s\" (formats: %s)", name,
                     names.data ? names.data : "");
        lr_buf_free(&names);
        return LR_EUSAGE;
    }
    return LR_OK;
}

lr_status lr_report_load_config(lr_report *r, const char *path, lr_error *err)
{
    if (set_string(&r->config_path, path))
        return lr_error_set(err, LR_ENOMEM, path, "out of memory");
    return LR_OK;
}

lr_status lr_report_set_baseline(lr_report *r, const char *path, lr_error *err)
{
    if (set_string(&r->baseline_path, path))
        return lr_error_set(err, LR_ENOMEM, path, "out of memory");
    return LR_OK;
}

void lr_report_set_wait(lr_report *r, int wait)
{
    r->wait = wait;
}

void lr_report_set_jobs(lr_report *r, int jobs)
{
    r->jobs = jobs > 0 ? jobs : 1;
}

void lr_report_set_max_file_size(lr_report *r, size_t bytes)
{
    r->max_file = bytes;
}

lr_status lr_report_set_history(lr_report *r, const char *dir, lr_error *err)
{
    if (set_string(&r->history_dir, dir))
        return lr_error_set(err, LR_ENOMEM, dir, "out of memory");
    return LR_OK;
}

lr_status lr_report_add_input(lr_report *r, const char *path, lr_error *err)
{
    char **p = realloc(r->inputs, (r->n_inputs + 1) * sizeof *p);
    if (!p)
        return lr_error_set(err, LR_ENOMEM, path, "out of memory");
    r->inputs = p;
    r->inputs[r->n_inputs] = strdup(path);
    if (!r->inputs[r->n_inputs])
        return lr_error_set(err, LR_ENOMEM, path, "out of memory");
    r->n_inputs++;
    struct stat st;
    if (lr_store_add_input(r->store, path, stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
        return lr_error_set(err, LR_ENOMEM, path, "out of memory");
    return LR_OK;
}

void lr_report_summary(lr_report *r, lr_summary *out)
{
    memset(out, 0, sizeof *out);
    out->files = r->files_read;
    out->files_skipped = r->files_skipped;
    size_t n = lr_store_count(r->store);
    out->observations = n;
    lr_store_models(r->store, &out->models);
    lr_store_benchmarks(r->store, &out->benchmarks);
    out->notes = r->diag.count[LR_NOTE];
    out->warnings = r->diag.count[LR_WARNING];
    out->errors = r->diag.count[LR_ERROR];
    out->regressions = r->regressions;
}

const char *lr_report_datadir(lr_report *r)
{
    static const char *const candidates[] = {LR_SOURCE_DATADIR, LR_INSTALL_DATADIR};
    if (r->datadir)
        return r->datadir;
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        char probe[4096];
        snprintf(probe, sizeof probe, "%s/templates/report.md", candidates[i]);
        struct stat st;
        if (stat(probe, &st) == 0)
            return candidates[i];
    }
    return LR_INSTALL_DATADIR;
}

const char *lr_report_date(lr_report *r)
{
    return r->config.date ? r->config.date : r->date;
}

/* Loading a report: the config (given, or found in a report folder), the walk of every input,
 * the reading pipeline, then the baseline and the history snapshots. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/diag.h"
#include "core/error.h"
#include "core/json.h"
#include "ingest/config.h"
#include "ingest/ingest.h"
#include "ingest/pipeline.h"
#include "ingest/samples.h"
#include "ingest/walk.h"
#include "model/aggregate.h"
#include "model/store.h"
#include "report/report.h"
#include "view/baseline.h"
#include "view/tiers.h"
#include "view/charts.h"
#include "view/overview.h"

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void skip_file(lr_report *r, const lr_error *e)
{
    char reason[1400];
    lr_diag_error(&r->diag, LR_ERROR, e);
    /* the reason, without the file name the report shows in its own column */
    lr_error_reason(e, reason, sizeof reason);
    lr_store_skip(r->store, e->file, reason);
    r->files_skipped++;
}

/* What the walk of the inputs left out: broken entries are errors and inputs not used; the
 * rest (a file met twice, an output folder) are notes. */
static void walk_said(void *user, lr_severity severity, const lr_error *e)
{
    lr_report *r = user;
    if (severity == LR_ERROR)
        skip_file(r, e);
    else
        lr_diag_error(&r->diag, severity, e);
}

/* A snapshot (a results.json of an earlier build), read and parsed once: its "date" member
 * comes from the parsed tree, then the same tree goes to the native adapter. */
static void snapshot_parse(const char *path, lr_parsed *p, char **date)
{
    lr_ingest_parse(path, LR_INGEST_MAX_FILE, p);
    const char *d = p->status ? NULL : lr_json_string(p->json, "date");
    *date = d ? strdup(d) : NULL;
}

/* The observations of a parsed snapshot, in a store of their own with the config's aliases so
 * that names match. */
static lr_status snapshot_read(lr_report *r, lr_parsed *p, lr_store **out, lr_error *err)
{
    *out = NULL;
    lr_store *m = lr_store_new(&r->diag);
    if (!m)
        return lr_error_set(err, LR_ENOMEM, p->path, "out of memory");
    lr_status st = LR_OK;
    for (size_t i = 0; !st && i < r->config.n_aliases_copy; i++)
        st = lr_store_alias(m, r->config.alias_from[i], r->config.alias_to[i]);
    if (st)
        lr_error_set(err, st, p->path, "out of memory");
    else
        st = lr_ingest_parsed(m, p, lr_adapter_find("native"), NULL, err);
    if (!st && (st = lr_store_index(m)))
        lr_error_set(err, st, p->path, "out of memory");
    if (st) {
        lr_store_free(m);
        return st;
    }
    *out = m;
    return LR_OK;
}

/* The baseline: read like a snapshot of the history; a file that cannot be used stops the
 * load. */
static lr_status load_baseline(lr_report *r, lr_error *err)
{
    lr_parsed p;
    char *date;
    snapshot_parse(r->baseline_path, &p, &date);
    lr_status st = snapshot_read(r, &p, &r->baseline, err);
    lr_parsed_free(&p);
    if (st) {
        free(date);
        return st;
    }
    r->baseline_date = date;
    /* the per-item results of the baseline's night, written beside it as items.jsonl */
    char items[4096];
    const char *slash = strrchr(r->baseline_path, '/');
    snprintf(items, sizeof items, "%.*sitems.jsonl",
             slash ? (int)(slash - r->baseline_path + 1) : 0, r->baseline_path);
    struct stat sb;
    if (stat(items, &sb) == 0 &&
        lr_samples_read_snapshot(&r->baseline_items, items, &r->diag, err) == LR_ENOMEM)
        return LR_ENOMEM;
    return LR_OK;
}

/* A YYYY-MM-DD in a snapshot's file name; malloc'ed or NULL. */
static char *date_in_name(const char *path)
{
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    for (const char *p = name; *p; p++) {
        int y, m, d;
        char tail;
        if (sscanf(p, "%4d-%2d-%2d%c", &y, &m, &d, &tail) >= 3 && y > 1900 && m >= 1 && m <= 12) {
            char buf[40];
            snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
            return strdup(buf);
        }
    }
    return NULL;
}

static int by_date(const void *a, const void *b)
{
    const lr_snapshot *x = a, *y = b;
    int c = strcmp(x->date, y->date);
    return c ? c : (x < y ? -1 : x > y);
}

/* Every snapshot of the history folder, read with the native adapter, oldest first; the current
 * build last. A snapshot without a date cannot be placed in time and is skipped with a warning. */
static lr_status load_history(lr_report *r, lr_error *err)
{
    lr_file_list files = {0};
    lr_status st = lr_walk(r->history_dir, &files, err);
    if (st)
        return st;
    r->history_models = calloc(files.n + 1, sizeof *r->history_models);
    r->history_dates = calloc(files.n + 1, sizeof *r->history_dates);
    r->history = calloc(files.n + 2, sizeof *r->history);
    if (!r->history_models || !r->history_dates || !r->history) {
        lr_file_list_free(&files);
        return lr_error_set(err, LR_ENOMEM, r->history_dir, "out of memory");
    }
    for (size_t i = 0; i < files.n; i++) {
        /* the "date" member, else a date in the file name */
        lr_parsed p;
        char *date;
        snapshot_parse(files.paths[i], &p, &date);
        if (!date)
            date = date_in_name(files.paths[i]);
        if (!date) {
            lr_parsed_free(&p);
            lr_diag_emit(&r->diag, LR_WARNING, files.paths[i], NULL, 0, 0,
                         "snapshot without a date skipped");
            continue;
        }
        lr_store *m;
        lr_error e;
        st = snapshot_read(r, &p, &m, &e);
        lr_parsed_free(&p);
        if (st == LR_ENOMEM) {
            free(date);
            lr_file_list_free(&files);
            if (err)
                *err = e;
            return st;
        }
        if (st) {
            lr_diag_error(&r->diag, LR_WARNING, &e);
            free(date);
            continue;
        }
        r->history_models[r->n_history_models] = m;
        r->history_dates[r->n_history_models++] = date;
        r->history[r->n_history].date = date;
        r->history[r->n_history++].store = m;
    }
    lr_file_list_free(&files);
    qsort(r->history, r->n_history, sizeof *r->history, by_date);
    const char *now = lr_report_date(r);
    if (now && (!r->n_history || strcmp(r->history[r->n_history - 1].date, now) < 0)) {
        r->history[r->n_history].date = now;
        r->history[r->n_history++].store = r->store;
    }
    return LR_OK;
}

/* One input, in order, after its results were merged into the model: counted as read, or
 * reported and listed under "Inputs not used". */
static void take_file(void *user, const lr_ingested *file)
{
    lr_report *r = user;
    if (file->status == LR_ENOMEM) {
        /* not the file's fault: the load fails, rather than build a report without it */
        if (!r->out_of_memory)
            r->oom_error = file->err;
        r->out_of_memory = 1;
    } else if (file->status != LR_OK)
        skip_file(r, &file->err);
    else if (!file->is_config && lr_store_count(r->store) == r->results_taken) {
        /* a file none of whose results could be used is not used either (--strict fails) */
        lr_error e;
        size_t said = r->diag.count[LR_NOTE] + r->diag.count[LR_WARNING];
        lr_error_set(&e, LR_EVALUE, file->path, "%s",
                     said > r->said_taken ? "none of its results could be used"
                                          : "it holds no results");
        skip_file(r, &e);
    } else if (!file->is_config)
        r->files_read++;
    r->results_taken = lr_store_count(r->store);
    r->said_taken = r->diag.count[LR_NOTE] + r->diag.count[LR_WARNING];
    if (r->progress)
        r->progress(r->progress_user, LR_PROGRESS_READ, ++r->files_seen, r->files_total,
                    file->path);
}

lr_status lr_report_load(lr_report *r, lr_error *err)
{
    if (r->loaded)
        return r->load_status;
    r->loaded = 1;
    /* the config first: its aliases and registry entries apply to every input */
    const char *config = r->config_path;
    char found[4096], other[4096];
    struct stat first;
    for (size_t i = 0; !r->config_path && i < r->n_inputs; i++) {
        if (!is_dir(r->inputs[i]))
            continue;
        char *path = config ? other : found;
        snprintf(path, sizeof found, "%s%s%s", r->inputs[i],
                 r->inputs[i][strlen(r->inputs[i]) - 1] == '/' ? "" : "/", "llmreport.json");
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        if (!config) {
            config = found;
            first = st;
        } else if (st.st_dev != first.st_dev || st.st_ino != first.st_ino) {
            /* which one is the report's must not depend on the order of the inputs */
            r->load_status = lr_error_set(err, LR_EUSAGE, NULL,
                                          "two report folders, %s and %s: choose the config "
                                          "with -c",
                                          strcmp(found, other) < 0 ? found : other,
                                          strcmp(found, other) < 0 ? other : found);
            return r->load_status;
        }
    }
    if (config) {
        lr_status st = lr_config_load(&r->config, config, r->store, err);
        if (!st)
            st = lr_charts_check_config(&r->config, err);
        if (st) {
            r->load_status = st;
            return st;
        }
        r->config_dir = NULL;
    }
    /* every file of every input, in order; then read and parsed on jobs threads, handed to
     * the adapters in that order */
    lr_file_list files = {0};
    lr_walk_options walk = {r->output, walk_said, r};
    lr_status st = lr_walk_inputs((const char *const *)r->inputs, r->n_inputs, &walk, &files, err);
    if (st) {
        lr_file_list_free(&files);
        return r->load_status = st;
    }
    /* samples files given by name are read after the results they belong to */
    size_t n_results = 0, n_samples = 0;
    char **samples = malloc((files.n ? files.n : 1) * sizeof *samples);
    if (!samples) {
        lr_file_list_free(&files);
        return r->load_status = lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    }
    for (size_t i = 0; i < files.n; i++) {
        if (lr_samples_is_samples_name(files.paths[i]))
            samples[n_samples++] = files.paths[i];
        else
            files.paths[n_results++] = files.paths[i];
    }
    lr_pipeline_opts opts = {r->jobs, r->max_file ? r->max_file : LR_INGEST_MAX_FILE, r->forced};
    r->files_total = n_results;
    st = lr_pipeline_run(r->store, files.paths, n_results, &opts, take_file, r);
    /* the lookup indexes, now that every result is in: out of memory here is an error, not a
     * report whose lookups find nothing */
    if (!st)
        st = lr_store_index(r->store);
    r->items.doc_field = r->config.cluster_field; /* "cluster": "doc.FIELD" */
    if (!st)
        st = lr_samples_attach(&r->items, r->store, (const char *const *)samples, n_samples,
                               &r->diag);
    if (!st)
        st = lr_store_index(r->store);
    for (size_t i = 0; i < n_samples; i++)
        files.paths[n_results + i] = samples[i]; /* for lr_file_list_free */
    free(samples);
    lr_file_list_free(&files);
    if (st)
        return r->load_status = lr_error_set(err, st, NULL, "out of memory");
    if (r->out_of_memory) {
        if (err)
            *err = r->oom_error;
        return r->load_status = LR_ENOMEM;
    }
    /* the config's aggregates: means over benchmarks at their reference settings; each mean
     * adds results, so the indexes are brought up to date before the next one looks */
    for (size_t i = 0; i < r->config.n_aggregates; i++) {
        const lr_aggregate_spec *a = &r->config.aggregates[i];
        if (!a->id || !a->n_members)
            continue;
        if ((st = lr_store_index(r->store)))
            return r->load_status = lr_error_set(err, st, NULL, "out of memory");
        lr_setting *refs = calloc(a->n_members, sizeof *refs);
        if (!refs)
            return r->load_status = lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
        int complete = 1, configured;
        for (size_t k = 0; k < a->n_members && complete; k++)
            complete =
                lr_reference_setting(r->store, &r->config, a->members[k], &refs[k], &configured);
        char locator[64];
        snprintf(locator, sizeof locator, "/aggregates/%zu", i);
        lr_benchmark_mean mean = {a->id, a->title,       a->members, a->n_members,
                                  refs,  r->config.path, locator};
        st = complete ? lr_aggregate_benchmarks(r->store, &mean, NULL) : LR_OK;
        if (!complete)
            lr_diag_emit(&r->diag, LR_WARNING, r->config.path, locator, 0, 0,
                         "aggregate \"%s\": a member has no result at a known setting; no mean",
                         a->id);
        free(refs);
        if (st)
            return r->load_status = lr_error_set(err, st, NULL, "out of memory");
    }
    if ((st = lr_store_index(r->store)))
        return r->load_status = lr_error_set(err, st, NULL, "out of memory");
    if (r->baseline_path && (st = load_baseline(r, err)))
        return r->load_status = st;
    if (r->history_dir && (st = load_history(r, err)))
        return r->load_status = st;
    if (r->baseline) {
        lr_night_input in = {r->store,   r->baseline, &r->items,    &r->baseline_items,
                             &r->config, r->history,  r->n_history, lr_report_date(r)};
        if (lr_night_compare(&r->night, &in))
            return r->load_status = lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
        lr_night_report(&r->night, &r->diag);
        r->regressions = r->night.gated;
    }
    if (!lr_store_count(r->store)) {
        r->load_status =
            lr_error_set(err, LR_EFORMAT, NULL, "no results found in the inputs given");
        return r->load_status;
    }
    return LR_OK;
}

lr_status lr_report_load_views(lr_report *r, lr_overview *ov, lr_findings *f, lr_error *err)
{
    lr_status st = lr_report_load(r, err);
    if (st)
        return st;
    if (lr_overview_build(r->store, &r->config, ov) || lr_overview_tiers(ov, &r->items)) {
        lr_overview_free(ov);
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    }
    if (lr_findings_build(r->store, &r->config, ov, f)) {
        lr_overview_free(ov);
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    }
    return LR_OK;
}

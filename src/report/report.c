/* The public lr_report API: collects inputs and config, loads them, and runs the writers of a
 * build (Markdown through the template, the JSON snapshot, charts, PDF) into staged outputs. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/error.h"
#include "core/json.h"
#include "core/output.h"
#include "ingest/ingest.h"
#include "ingest/pipeline.h"
#include "ingest/walk.h"
#include "llmreport.h"
#include "model/store.h"
#include "template/mustache.h"
#include "model/config.h"
#include "view/baseline.h"
#include "view/charts.h"
#include "view/context.h"
#include "write/export.h"
#include "view/overview.h"
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
    (void)err;
    return set_string(&r->config_path, path);
}

lr_status lr_report_set_baseline(lr_report *r, const char *path, lr_error *err)
{
    (void)err;
    return set_string(&r->baseline_path, path);
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
    (void)err;
    return set_string(&r->history_dir, dir);
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
    return LR_OK;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void skip_file(lr_report *r, const lr_error *e)
{
    char line[1400];
    lr_diag_error(&r->diag, LR_ERROR, e);
    lr_error_format(e, line, sizeof line);
    /* the reason, without the file name the report shows in its own column */
    const char *reason = line;
    size_t flen = strlen(e->file);
    if (flen && !strncmp(line, e->file, flen) && line[flen] == ':')
        reason = line + flen + (line[flen + 1] == ' ' ? 2 : 1);
    lr_store_skip(r->store, e->file, reason);
    r->files_skipped++;
}

/* The baseline is a results.json of an earlier build: read with the native adapter into a
 * model of its own, with the config's aliases so that names match. */
static lr_status load_baseline(lr_report *r, lr_error *err)
{
    r->baseline = lr_store_new(&r->diag);
    if (!r->baseline)
        return lr_error_set(err, LR_ENOMEM, r->baseline_path, "out of memory");
    for (size_t i = 0; i < r->config.n_aliases_copy; i++)
        lr_store_alias(r->baseline, r->config.alias_from[i], r->config.alias_to[i]);
    int is_config;
    lr_status st =
        lr_ingest_file(r->baseline, r->baseline_path, lr_adapter_find("native"), &is_config, err);
    if (st)
        return st;
    char *text;
    size_t len;
    cJSON *json;
    int nonfinite;
    if (lr_file_read(r->baseline_path, LR_INGEST_MAX_FILE, &text, &len, err) == LR_OK) {
        if (lr_json_parse(text, len, r->baseline_path, &json, &nonfinite, err) == LR_OK) {
            const char *date = lr_json_string(json, "date");
            r->baseline_date = date ? strdup(date) : NULL;
            cJSON_Delete(json);
        }
        free(text);
    }
    return LR_OK;
}

/* The "date" member of a snapshot file, else a YYYY-MM-DD in its name; malloc'ed or NULL. */
static char *snapshot_date(const char *path)
{
    char *text, *date = NULL;
    size_t len;
    lr_error e;
    if (lr_file_read(path, LR_INGEST_MAX_FILE, &text, &len, &e) == LR_OK) {
        cJSON *json;
        int nonfinite;
        if (lr_json_parse(text, len, path, &json, &nonfinite, &e) == LR_OK) {
            const char *d = lr_json_string(json, "date");
            date = d ? strdup(d) : NULL;
            cJSON_Delete(json);
        }
        free(text);
    }
    if (date)
        return date;
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
        char *date = snapshot_date(files.paths[i]);
        if (!date) {
            lr_diag_emit(&r->diag, LR_WARNING, files.paths[i], NULL, 0, 0,
                         "snapshot without a date skipped");
            continue;
        }
        lr_store *m = lr_store_new(&r->diag);
        if (!m) {
            free(date);
            break;
        }
        for (size_t k = 0; k < r->config.n_aliases_copy; k++)
            lr_store_alias(m, r->config.alias_from[k], r->config.alias_to[k]);
        lr_error e;
        int is_config;
        if (lr_ingest_file(m, files.paths[i], lr_adapter_find("native"), &is_config, &e)) {
            lr_diag_error(&r->diag, LR_WARNING, &e);
            lr_store_free(m);
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

cJSON *lr_report_changes(lr_report *r)
{
    if (!r->baseline)
        return NULL;
    return lr_changes_build(r->store, r->baseline, &r->config, r->baseline_date, &r->diag,
                            &r->regressions);
}

/* One input, in order, after its results were merged into the model: counted as read, or
 * reported and listed under "Inputs not used". */
static void take_file(void *user, const lr_ingested *file)
{
    lr_report *r = user;
    if (file->status != LR_OK)
        skip_file(r, &file->err);
    else if (!file->is_config)
        r->files_read++;
}

lr_status lr_report_load(lr_report *r, lr_error *err)
{
    if (r->loaded)
        return r->load_status;
    r->loaded = 1;
    /* the config first: its aliases and registry entries apply to every input */
    const char *config = r->config_path;
    char found[4096];
    for (size_t i = 0; !config && i < r->n_inputs; i++) {
        if (!is_dir(r->inputs[i]))
            continue;
        snprintf(found, sizeof found, "%s%s%s", r->inputs[i],
                 r->inputs[i][strlen(r->inputs[i]) - 1] == '/' ? "" : "/", "llmreport.json");
        struct stat st;
        if (stat(found, &st) == 0)
            config = found;
    }
    if (config) {
        lr_status st = lr_config_load(&r->config, config, r->store, err);
        if (st) {
            r->load_status = st;
            return st;
        }
        r->config_dir = NULL;
    }
    /* every file of every input, in order; then read and parsed on jobs threads, handed to
     * the adapters in that order */
    lr_file_list files = {0};
    for (size_t i = 0; i < r->n_inputs; i++) {
        lr_error e;
        lr_error_clear(&e);
        struct stat sb;
        /* a path that cannot be opened is reported in its place, by the reader */
        lr_status st = stat(r->inputs[i], &sb)
                           ? (lr_file_list_add(&files, r->inputs[i]) ? LR_ENOMEM : LR_OK)
                           : lr_walk(r->inputs[i], &files, &e);
        if (st == LR_ENOMEM) {
            lr_file_list_free(&files);
            return r->load_status = lr_error_set(err, st, r->inputs[i], "out of memory");
        }
        if (st)
            skip_file(r, &e);
    }
    lr_pipeline_opts opts = {r->jobs, r->max_file ? r->max_file : LR_INGEST_MAX_FILE, r->forced};
    lr_status st = lr_pipeline_run(r->store, files.paths, files.n, &opts, take_file, r);
    lr_file_list_free(&files);
    if (st)
        return r->load_status = lr_error_set(err, st, NULL, "out of memory");
    if (r->baseline_path && (st = load_baseline(r, err)))
        return r->load_status = st;
    if (r->history_dir && (st = load_history(r, err)))
        return r->load_status = st;
    if (!lr_store_count(r->store)) {
        r->load_status =
            lr_error_set(err, LR_EFORMAT, NULL, "no results found in the inputs given");
        return r->load_status;
    }
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

lr_status lr_formats_parse(const char *list, unsigned *out, lr_error *err)
{
    static const struct {
        const char *name;
        unsigned bit;
    } names[] = {{"md", LR_OUT_MD},
                 {"json", LR_OUT_JSON},
                 {"svg", LR_OUT_SVG},
                 {"png", LR_OUT_PNG},
                 {"pdf", LR_OUT_PDF}};
    *out = 0;
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        size_t k;
        for (k = 0; k < sizeof names / sizeof names[0]; k++)
            if (strlen(names[k].name) == n && !strncmp(names[k].name, p, n))
                break;
        if (k == sizeof names / sizeof names[0])
            return lr_error_set(err, LR_EUSAGE, NULL,
                                "unknown output format \"%.*s\" (formats: md, json, svg, png, pdf)",
                                (int)n, p);
        *out |= names[k].bit;
        p += n;
        if (*p == ',')
            p++;
    }
    return *out ? LR_OK : lr_error_set(err, LR_EUSAGE, NULL, "no output format given");
}

/* ---- templates ---- */

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

typedef struct partial_ctx {
    char dir[4096];
    int refused; /* a partial name that would leave the folder stopped the render */
} partial_ctx;

/* Partials come from the template's own folder, by plain names only: any other name stops the
 * render (LR_EUSAGE, reworded by lr_report_render_markdown) rather than reading nothing. */
static lr_status load_partial(void *user, const char *name, char **text)
{
    partial_ctx *p = user;
    if (!name[0])
        return LR_ENOTFOUND;
    if (strstr(name, "..") || strchr(name, '/') || strchr(name, '\\')) {
        p->refused = 1;
        return LR_EUSAGE;
    }
    char path[4400];
    snprintf(path, sizeof path, "%s/%s.md", p->dir, name);
    size_t len;
    lr_error e;
    return lr_file_read(path, 4 * 1024 * 1024, text, &len, &e) == LR_OK ? LR_OK : LR_ENOTFOUND;
}

static lr_status template_path(lr_report *r, const char *given, char *out, size_t size)
{
    if (given) {
        snprintf(out, size, "%s", given);
        return LR_OK;
    }
    const char *t = r->config.template_path;
    if (t && t[0] == '/') {
        snprintf(out, size, "%s", t);
    } else if (t) {
        /* relative to the config's folder, else to the data folder */
        const char *cfg = r->config.path;
        const char *slash = cfg ? strrchr(cfg, '/') : NULL;
        struct stat st;
        if (slash) {
            snprintf(out, size, "%.*s/%s", (int)(slash - cfg), cfg, t);
            if (stat(out, &st) == 0)
                return LR_OK;
        }
        snprintf(out, size, "%s/%s", lr_report_datadir(r), t);
        if (stat(out, &st) != 0)
            snprintf(out, size, "%s/templates/%s", lr_report_datadir(r), t);
    } else {
        snprintf(out, size, "%s/templates/report.md", lr_report_datadir(r));
    }
    return LR_OK;
}

lr_status lr_report_render_markdown(lr_report *r, const cJSON *context, const char *given,
                                    lr_buf *out, lr_error *err)
{
    char path[4096];
    template_path(r, given, path, sizeof path);
    char *text;
    size_t len;
    lr_status st = lr_file_read(path, 16 * 1024 * 1024, &text, &len, err);
    if (st)
        return st;
    partial_ctx pc;
    const char *slash = strrchr(path, '/');
    snprintf(pc.dir, sizeof pc.dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    pc.refused = 0;
    lr_template_options opt = {load_partial, &pc, 0, path};
    st = lr_template_render(text, len, context, &opt, out, err);
    free(text);
    if (st == LR_EUSAGE && pc.refused && err) {
        /* "cannot load partial "../x": usage error" -> say why, keep where */
        char *quote = strchr(err->message, '"');
        char *end = quote ? strstr(quote, "\": ") : NULL;
        if (end) {
            char name[300];
            snprintf(name, sizeof name, "%.*s", (int)(end - quote + 1), quote);
            snprintf(err->message, sizeof err->message,
                     "partial %s refused: partials are plain names of files beside the template",
                     name);
        }
        err->status = st = LR_ETEMPLATE;
    }
    return st;
}

lr_status lr_report_render_named(lr_report *r, const cJSON *context, const char *name, lr_buf *out,
                                 lr_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/templates/%s", lr_report_datadir(r), name);
    return lr_report_render_markdown(r, context, path, out, err);
}

/* ---- context ---- */

const char *lr_report_date(lr_report *r)
{
    return r->config.date ? r->config.date : r->date;
}

cJSON *lr_report_context(lr_report *r, const lr_overview *ov, const lr_chart_link *charts,
                         size_t n_charts, cJSON *changes)
{
    lr_context_input in = {r->store,
                           &r->config,
                           ov,
                           lr_report_date(r),
                           charts,
                           n_charts,
                           r->files_read,
                           changes,
                           r->baseline,
                           r->config.overview_top,
                           r->config.table_top,
                           0};
    return lr_context_build(&in);
}

cJSON *lr_report_overview_context(lr_report *r, const lr_overview *ov)
{
    lr_context_input in = {
        r->store, &r->config, ov, lr_report_date(r), NULL, 0, r->files_read, NULL, r->baseline,
        0,        0,          1};
    return lr_context_build(&in);
}

lr_status lr_report_write_context(lr_report *r, lr_write_fn write, void *user, lr_error *err)
{
    lr_status st = lr_report_load(r, err);
    if (st)
        return st;
    lr_overview ov;
    if (lr_overview_build(r->store, &r->config, &ov)) {
        lr_overview_free(&ov);
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    }
    cJSON *ctx = lr_report_context(r, &ov, NULL, 0, NULL);
    lr_overview_free(&ov);
    char *text = ctx ? cJSON_Print(ctx) : NULL;
    cJSON_Delete(ctx);
    if (!text)
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    int rc = write(user, text, strlen(text)) || write(user, "\n", 1);
    free(text);
    return rc ? lr_error_set(err, LR_EIO, NULL, "cannot write the context") : LR_OK;
}

/* ---- export, coverage ---- */

lr_status lr_report_export(lr_report *r, lr_export_format format, lr_write_fn write, void *user,
                           lr_error *err)
{
    lr_status st = lr_report_load(r, err);
    if (st)
        return st;
    lr_buf out = LR_BUF_INIT;
    out.sink = write; /* streamed: an export is as large as the inputs */
    out.sink_user = user;
    if (format == LR_EXPORT_CSV)
        lr_export_csv(r->store, &out);
    else if (format == LR_EXPORT_JSON)
        lr_export_json(r->store, NULL, &out);
    else
        lr_export_eee(r->store, &out);
    int failed = lr_buf_failed(&out);
    lr_buf_free(&out);
    return failed ? lr_error_set(err, LR_EIO, NULL, "cannot write the export") : LR_OK;
}

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

/* The report object, shared by the files of src/report/ that implement the lr_report API:
 * report.c (lifecycle, setters), load.c, markdown.c (context and template), build.c (the
 * outputs of a build), export.c and coverage.c. */
#ifndef LR_REPORT_H
#define LR_REPORT_H

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/diag.h"
#include "ingest/ingest.h"
#include "llmreport.h"
#include "model/store.h"
#include "model/config.h"
#include "model/items.h"
#include "view/baseline.h"
#include "view/context.h"
#include "view/findings.h"
#include "view/overview.h"

struct lr_report {
    lr_diag diag;
    lr_progress_fn progress; /* NULL: none */
    void *progress_user;
    size_t files_seen, files_total; /* inputs taken of those the pipeline reads */
    lr_store *store;
    lr_config config;
    const char *config_dir;
    char *config_path;
    char **inputs;
    size_t n_inputs;
    char *datadir;
    char *output; /* the build's output folder: not walked as an input */
    char *date;
    char *baseline_path;
    const lr_adapter *forced;
    int jobs;        /* threads reading inputs */
    int wait;        /* a build waits for another one writing into its output folder */
    size_t max_file; /* size limit of an input file in bytes; 0: LR_INGEST_MAX_FILE */
    int loaded;
    lr_status load_status;
    size_t files_read, files_skipped;
    size_t results_taken, said_taken; /* the model's results and the diagnostics said, as the
                                       * last input was taken: what the next one added */
    int out_of_memory;  /* an input could not be read for want of memory: the load fails */
    lr_error oom_error; /* the first such input's */
    size_t regressions;
    lr_store *baseline;          /* loaded from baseline_path by lr_report_load */
    struct lr_snapshot *history; /* loaded from history_dir, oldest first, then this build */
    size_t n_history;
    lr_store **history_models; /* owned, one per snapshot read */
    char **history_dates;
    size_t n_history_models;
    char *history_dir;
    char *baseline_date;
    lr_items items;          /* per-item samples of this build's results (src/ingest/samples.c) */
    lr_items baseline_items; /* ... of the baseline, from the items.jsonl beside it */
    lr_night night;          /* the comparisons with the baseline (when there is one) */
};

/* Loads the inputs (once) and builds the views every output starts from: the overview into *ov
 * and the findings into *f, which the caller frees with lr_overview_free and lr_findings_free;
 * on failure neither holds anything to free. */
lr_status lr_report_load_views(lr_report *r, lr_overview *ov, lr_findings *f, lr_error *err);
/* The folder holding templates/ and fonts/. */
const char *lr_report_datadir(lr_report *r);
/* The report date: the config's, else the one set, else NULL. */
const char *lr_report_date(lr_report *r);
/* Builds the template context (changes is taken over). */
cJSON *lr_report_context(lr_report *r, const lr_overview *ov, const lr_findings *findings,
                         const lr_chart_link *charts, size_t n_charts, cJSON *changes);
/* The context of overview.md: the whole overview table and its footnotes. */
cJSON *lr_report_overview_context(lr_report *r, const lr_overview *ov);
/* The "changes" object against the baseline (NULL without one); counts regressions. */
cJSON *lr_report_changes(lr_report *r);
/* Renders the report template (given path, else the config's, else templates/report.md). */
lr_status lr_report_render_markdown(lr_report *r, const cJSON *context, const char *template_path,
                                    lr_buf *out, lr_error *err);
/* Renders a template of the data folder by name ("overview.md"). */
lr_status lr_report_render_named(lr_report *r, const cJSON *context, const char *name, lr_buf *out,
                                 lr_error *err);

#endif

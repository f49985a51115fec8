/* The writers of a build: one function per output format, each staging its files into the
 * build's lr_output, all of them reading one lr_build. The costly parts several writers share
 * (the charts and their fonts, the rendered Markdown) are made on first use and kept, so a build
 * makes only what its formats need. The writer table is writers.h. */
#ifndef LR_WRITER_H
#define LR_WRITER_H

#include <stddef.h>

#include "canvas/fonts.h"
#include "chart/chart.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/output.h"
#include "llmreport.h"
#include "model/config.h"
#include "model/items.h"
#include "model/store.h"
#include "view/baseline.h"
#include "view/charts.h"
#include "view/findings.h"
#include "view/overview.h"

typedef struct lr_build lr_build;

/* Writes one output format of b: returns LR_OK, or the status with err filled. */
typedef lr_status (*lr_writer_fn)(lr_build *b, lr_error *err);

/* A row of the writer table. */
typedef struct lr_writer {
    const char *name; /* as --formats names it */
    unsigned bit;     /* LR_OUT_* */
    lr_writer_fn write;
    int pass; /* the build runs the writers pass by pass, in table order within one */
} lr_writer;

/* The passes of a build: the snapshot first, as it goes on on a thread of its own while the
 * others run; the chart files; the documents, which link or draw the charts. */
enum { LR_PASS_BACKGROUND, LR_PASS_CHARTS, LR_PASS_DOCUMENTS, LR_PASSES };

/* Work a writer leaves running (results.json on a thread), finished by lr_build_finish: with
 * st LR_OK it completes and stages its output, else it only stops. */
typedef lr_status (*lr_build_finish_fn)(lr_build *b, void *data, lr_status st, lr_error *err);

struct lr_build {
    /* filled by the report before the writers run */
    const lr_store *store; /* indexed (lr_store_index): its lookups allocate nothing */
    const lr_items *items; /* per-item samples of the store's results, or NULL */
    const lr_night *night; /* the comparisons with the baseline, or NULL without one */
    const char *baseline_date;
    const lr_config *config;
    const lr_overview *overview;
    const lr_findings *findings; /* slope charts are drawn for its flips; NULL: none */
    const lr_snapshot *history;  /* oldest first, for trend charts */
    size_t n_history;
    const char *date;    /* the report date, or NULL */
    const char *datadir; /* holds fonts/ */
    const char *outdir;
    const char *template_path; /* given on the command line (trusted), or NULL */
    lr_diag *diag;             /* warnings of the writers (an image left out of the PDF) */
    unsigned formats;          /* every LR_OUT_* bit of this build */
    int jobs;                  /* threads the build may use */
    lr_output *out;            /* where outputs are staged */
    /* the report's Markdown with the first n_links charts linked; the overview.md document */
    lr_status (*render)(lr_build *b, size_t n_links, lr_buf *out, lr_error *err);
    lr_status (*render_overview)(lr_build *b, lr_buf *out, lr_error *err);

    /* made on first use; private to writer.c */
    lr_fonts *fonts;
    lr_chart_set charts;
    lr_status charts_status;
    int charts_done;
    struct {
        size_t n_links;
        lr_buf text;
        int done;
    } markdown[2];
    struct {
        lr_build_finish_fn fn;
        void *data;
    } pending[4];
    size_t n_pending;
};

/* Zeroes the private part of b (the report fills the rest). */
void lr_build_init(lr_build *b);
/* The charts of the build and the fonts they are drawn with, made on the first call. */
lr_status lr_build_charts(lr_build *b, const lr_chart_set **charts, const lr_fonts **fonts,
                          lr_error *err);
/* The report's Markdown with the first n_links charts linked, rendered on the first call for
 * that n_links. */
lr_status lr_build_markdown(lr_build *b, size_t n_links, const lr_buf **text, lr_error *err);
/* Leaves fn(b, data, ...) to lr_build_finish. Returns LR_ENOMEM when the list is full, after
 * calling fn with LR_ENOMEM itself. */
lr_status lr_build_defer(lr_build *b, lr_build_finish_fn fn, void *data, lr_error *err);
/* Finishes the deferred work, in order: with st LR_OK returns the first failure (err filled);
 * with st set, only stops the work and returns st. */
lr_status lr_build_finish(lr_build *b, lr_status st, lr_error *err);
/* Frees what b made (after lr_build_finish). */
void lr_build_free(lr_build *b);

/* Renders every chart of b with render and stages it as charts/<id>.<ext>. For the writers of
 * chart files (svg.c, png.c). */
typedef lr_status (*lr_chart_render_fn)(const lr_chart *chart, const lr_fonts *fonts,
                                        lr_write_fn write, void *user, lr_error *err);
lr_status lr_build_chart_files(lr_build *b, const char *ext, lr_chart_render_fn render,
                               lr_error *err);

#endif

/* lr_report_build: runs the writer table (src/write/writers.h) over one lr_build, every output
 * staged and committed together. The table also gives lr_formats_parse and lr_format_name their
 * names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/output.h"
#include "report/names.h"
#include "report/report.h"
#include "write/writers.h"

static const lr_writer writers[] = {
#define LR_WRITER_ROW(name, bit, write, pass) {name, bit, write, pass},
    LR_WRITERS(LR_WRITER_ROW)
#undef LR_WRITER_ROW
};
enum { N_WRITERS = sizeof writers / sizeof writers[0] };

const char *lr_format_name(size_t i, unsigned *bit)
{
    if (i >= N_WRITERS)
        return NULL;
    if (bit)
        *bit = writers[i].bit;
    return writers[i].name;
}

lr_status lr_formats_parse(const char *list, unsigned *out, lr_error *err)
{
    *out = 0;
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        size_t k = lr_names_find(writers, N_WRITERS, sizeof *writers, p, n);
        if (k == N_WRITERS) {
            char names[256];
            lr_names_join(writers, N_WRITERS, sizeof *writers, ", ", ", ", names, sizeof names);
            return lr_error_set(err, LR_EUSAGE, NULL,
                                "unknown output format \"%.*s\" (formats: %s)", (int)n, p, names);
        }
        *out |= writers[k].bit;
        p += n;
        if (*p == ',')
            p++;
    }
    return *out ? LR_OK : lr_error_set(err, LR_EUSAGE, NULL, "no output format given");
}

/* The build as the report's hooks see it. */
typedef struct report_build {
    lr_build b;
    lr_report *r;
    const char *template_path;
    cJSON *changes; /* against the baseline, made with the first render */
    int changes_done;
} report_build;

/* The report's Markdown: the template over a context with the first n_links charts linked. */
static lr_status render(lr_build *b, size_t n_links, lr_buf *out, lr_error *err)
{
    report_build *rb = (report_build *)b;
    if (!rb->changes_done) {
        rb->changes_done = 1;
        rb->changes = lr_report_changes(rb->r); /* made once */
    }
    const lr_chart_link *links = NULL;
    if (n_links) {
        const lr_chart_set *charts;
        lr_status st = lr_build_charts(b, &charts, NULL, err);
        if (st)
            return st;
        links = charts->links;
    }
    cJSON *copy = rb->changes ? cJSON_Duplicate(rb->changes, 1) : NULL;
    if (rb->changes && !copy)
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    cJSON *ctx = lr_report_context(rb->r, b->overview, b->findings, links, n_links, copy);
    if (!ctx)
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    lr_buf_clear(out);
    lr_status st = lr_report_render_markdown(rb->r, ctx, rb->template_path, out, err);
    cJSON_Delete(ctx);
    return st;
}

/* overview.md: the whole overview table and its footnotes. */
static lr_status render_overview(lr_build *b, lr_buf *out, lr_error *err)
{
    report_build *rb = (report_build *)b;
    cJSON *full = lr_report_overview_context(rb->r, b->overview);
    if (!full)
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    lr_status st = lr_report_render_named(rb->r, full, "overview.md", out, err);
    cJSON_Delete(full);
    return st;
}

/* Runs the writers of formats pass by pass, each announced to the report's progress callback;
 * a failure stops the build. */
static lr_status run_writers(lr_build *b, unsigned formats, lr_error *err)
{
    const lr_report *r = ((report_build *)b)->r;
    size_t total = 0, done = 0;
    for (size_t i = 0; i < N_WRITERS; i++)
        total += (formats & writers[i].bit) != 0;
    for (int pass = 0; pass < LR_PASSES; pass++)
        for (size_t i = 0; i < N_WRITERS; i++) {
            if (!(formats & writers[i].bit) || writers[i].pass != pass)
                continue;
            if (r->progress)
                r->progress(r->progress_user, LR_PROGRESS_WRITE, done++, total, writers[i].name);
            lr_status st = writers[i].write(b, err);
            if (st)
                return st;
        }
    return LR_OK;
}

lr_status lr_report_build(lr_report *r, const lr_build_options *opt, lr_error *err)
{
    lr_overview ov;
    lr_findings findings;
    lr_status st = lr_report_load_views(r, &ov, &findings, err);
    if (st)
        return st;
    lr_output out;
    st = lr_output_begin(&out, opt->outdir, r->wait, err);
    if (st) {
        lr_findings_free(&findings);
        lr_overview_free(&ov);
        return st;
    }
    report_build rb;
    memset(&rb, 0, sizeof rb);
    lr_build *b = &rb.b;
    lr_build_init(b);
    b->store = r->store;
    b->config = &r->config;
    b->overview = &ov;
    b->findings = &findings;
    b->history = r->history;
    b->n_history = r->n_history;
    b->date = lr_report_date(r);
    b->datadir = lr_report_datadir(r);
    b->outdir = opt->outdir;
    b->template_path = opt->template_path;
    b->diag = &r->diag;
    b->formats = opt->formats;
    b->jobs = r->jobs;
    b->items = &r->items;
    b->night = r->baseline ? &r->night : NULL;
    b->baseline_date = r->baseline_date;
    b->out = &out;
    b->render = render;
    b->render_overview = render_overview;
    rb.r = r;
    rb.template_path = opt->template_path;

    st = run_writers(b, opt->formats, err);
    st = lr_build_finish(b, st, err);
    if (!st)
        st = lr_output_commit(&out, err);
    lr_build_free(b);
    cJSON_Delete(rb.changes);
    lr_output_end(&out);
    lr_findings_free(&findings);
    lr_overview_free(&ov);
    return st;
}

/* lr_report_build: every output of a build, staged and committed together. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "canvas/fonts.h"
#include "core/output.h"
#include "pdf/pdf.h"
#include "view/charts.h"
#include "write/export.h"
#include "report/report.h"

/* The report's Markdown: the template over a context with the first n_links charts linked. */
static lr_status render(lr_report *r, const lr_overview *ov, const lr_chart_set *charts,
                        size_t n_links, const cJSON *changes, const char *template_path,
                        lr_buf *out, lr_error *err)
{
    cJSON *copy = changes ? cJSON_Duplicate(changes, 1) : NULL;
    if (changes && !copy)
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    cJSON *ctx = lr_report_context(r, ov, charts->links, n_links, copy);
    if (!ctx)
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    lr_buf_clear(out);
    lr_status st = lr_report_render_markdown(r, ctx, template_path, out, err);
    cJSON_Delete(ctx);
    return st;
}

/* overview.md, when report.md shows only the top of the overview. */
static lr_status write_full_overview(lr_report *r, const lr_overview *ov, lr_output *out,
                                     lr_error *err)
{
    if (!r->config.overview_top || ov->n_rows <= r->config.overview_top)
        return LR_OK;
    cJSON *full = lr_report_overview_context(r, ov);
    if (!full)
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    lr_buf text = LR_BUF_INIT;
    lr_status st = lr_report_render_named(r, full, "overview.md", &text, err);
    cJSON_Delete(full);
    if (!st)
        st = lr_output_add(out, "overview.md", text.data ? text.data : "", text.len, err);
    lr_buf_free(&text);
    return st;
}

/* report.pdf: the same Markdown laid out by the PDF writer, charts drawn as vector graphics. */
static lr_status write_pdf(lr_report *r, const lr_buf *md, const lr_chart_set *charts,
                           const lr_fonts *fonts, const char *outdir, lr_output *out, lr_error *err)
{
    lr_pdf_image *images = calloc(charts->n + 1, sizeof *images);
    if (!images)
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    for (size_t i = 0; i < charts->n; i++) {
        images[i].url = charts->links[i].file;
        images[i].chart = &charts->charts[i];
    }
    const lr_config *c = &r->config;
    lr_pdf_options po = {fonts,  c->page, c->title,  c->author,  c->subtitle, lr_report_date(r),
                         outdir, images,  charts->n, c->language};
    lr_buf pdf = LR_BUF_INIT;
    lr_status st = lr_pdf_render(md->data ? md->data : "", md->len, &po, lr_buf_write, &pdf, err);
    free(images);
    if (!st && lr_buf_failed(&pdf))
        st = lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    if (!st)
        st = lr_output_add(out, "report.pdf", pdf.data, pdf.len, err);
    lr_buf_free(&pdf);
    return st;
}

/* results.json streams to its file, written on a thread of its own while the report, the
 * charts and the PDF are made (the model is only read by then). */
typedef struct json_job {
    lr_report *r;
    lr_output_file f;
    int open, threaded;
    pthread_t thread;
    int oom;
} json_job;

static void *write_json(void *arg)
{
    json_job *j = arg;
    lr_buf json = LR_BUF_INIT;
    json.sink = lr_output_write;
    json.sink_user = &j->f;
    lr_export_json(j->r->store, lr_report_date(j->r), &json);
    j->oom = json.failed && !j->f.failed;
    lr_buf_free(&json);
    lr_output_sync(&j->f); /* here rather than at the rename, while the other outputs are made */
    return NULL;
}

static lr_status json_start(json_job *j, lr_report *r, lr_output *out, lr_error *err)
{
    j->r = r;
    lr_status st = lr_output_open(out, "results.json", &j->f, err);
    if (st)
        return st;
    j->open = 1;
    if (r->jobs > 1) {
        /* the model's lookup indexes are built on first use: complete them before sharing */
        size_t n;
        lr_store_models(r->store, &n);
        j->threaded = !pthread_create(&j->thread, NULL, write_json, j);
    }
    return LR_OK;
}

/* Waits for results.json (or writes it now) and stages it; with st set, only waits. */
static lr_status json_finish(json_job *j, lr_output *out, lr_status st, lr_error *err)
{
    if (!j->open)
        return st;
    if (j->threaded)
        pthread_join(j->thread, NULL);
    else if (!st)
        write_json(j);
    j->open = 0;
    if (st) {
        lr_error e;
        lr_output_close(out, &j->f, &e); /* staged, removed by lr_output_end */
        return st;
    }
    st = lr_output_close(out, &j->f, err);
    if (!st && j->oom)
        st = lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    return st;
}

lr_status lr_report_build(lr_report *r, const lr_build_options *opt, lr_error *err)
{
    lr_status st = lr_report_load(r, err);
    if (st)
        return st;
    lr_overview ov;
    if (lr_overview_build(r->store, &r->config, &ov)) {
        lr_overview_free(&ov);
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    }
    lr_output out;
    st = lr_output_begin(&out, opt->outdir, err);
    if (st) {
        lr_overview_free(&ov);
        return st;
    }
    lr_buf text = LR_BUF_INIT;
    cJSON *changes = NULL;
    lr_chart_set charts;
    memset(&charts, 0, sizeof charts);
    lr_fonts *fonts = NULL;
    json_job json = {0};
    if ((opt->formats & LR_OUT_JSON) && (st = json_start(&json, r, &out, err)))
        goto done;
    if (opt->formats & (LR_OUT_SVG | LR_OUT_PNG | LR_OUT_PDF)) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/fonts", lr_report_datadir(r));
        st = lr_fonts_load(dir, &fonts, err);
        if (st)
            goto done;
        st = lr_charts_build(r->store, &r->config, &ov, r->history, r->n_history, &charts);
        if (st) {
            lr_error_set(err, st, NULL, "out of memory");
            goto done;
        }
    }
    for (size_t i = 0; i < charts.n && (opt->formats & (LR_OUT_SVG | LR_OUT_PNG)); i++) {
        const char *ext[] = {"svg", "png"};
        for (int k = 0; k < 2; k++) {
            if (!(opt->formats & (k ? LR_OUT_PNG : LR_OUT_SVG)))
                continue;
            lr_buf_clear(&text);
            st = k ? lr_chart_render_png(&charts.charts[i], fonts, lr_buf_write, &text, err)
                   : lr_chart_render_svg(&charts.charts[i], fonts, lr_buf_write, &text, err);
            if (st)
                goto done;
            char rel[160];
            snprintf(rel, sizeof rel, "charts/%s.%s", charts.links[i].id, ext[k]);
            st = lr_output_add(&out, rel, text.data ? text.data : "", text.len, err);
            if (st)
                goto done;
        }
    }
    if (opt->formats & (LR_OUT_MD | LR_OUT_PDF)) {
        /* report.md links the charts only when their SVG files are written; the PDF draws
         * every chart of the run */
        changes = lr_report_changes(r);
        size_t n_links = (opt->formats & LR_OUT_SVG) ? charts.n : 0;
        st = render(r, &ov, &charts, n_links, changes, opt->template_path, &text, err);
        if (st)
            goto done;
        if (opt->formats & LR_OUT_MD) {
            st = lr_output_add(&out, "report.md", text.data ? text.data : "", text.len, err);
            if (!st)
                st = write_full_overview(r, &ov, &out, err);
            if (st)
                goto done;
        }
        if (opt->formats & LR_OUT_PDF) {
            lr_buf pdf_md = LR_BUF_INIT;
            const lr_buf *md = &text;
            if (n_links != charts.n) {
                st = render(r, &ov, &charts, charts.n, changes, opt->template_path, &pdf_md, err);
                md = &pdf_md;
            }
            if (!st)
                st = write_pdf(r, md, &charts, fonts, opt->outdir, &out, err);
            lr_buf_free(&pdf_md);
            if (st)
                goto done;
        }
    }
    if ((st = json_finish(&json, &out, LR_OK, err)))
        goto done;
    st = lr_output_commit(&out, err);
done:
    st = json_finish(&json, &out, st, err);
    lr_chart_set_free(&charts);
    lr_fonts_free(fonts);
    cJSON_Delete(changes);
    lr_buf_free(&text);
    lr_output_end(&out);
    lr_overview_free(&ov);
    return st;
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

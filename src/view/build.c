/* lr_report_build: every output of a build, staged and committed together. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "canvas/fonts.h"
#include "core/output.h"
#include "view/charts.h"
#include "view/export.h"
#include "view/report_internal.h"

lr_status lr_report_build(lr_report *r, const lr_build_options *opt, lr_error *err)
{
    lr_status st = lr_report_load(r, err);
    if (st)
        return st;
    lr_overview ov;
    if (lr_overview_build(r->model, &r->config, &ov)) {
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
    cJSON *ctx = NULL;
    lr_chart_set charts;
    memset(&charts, 0, sizeof charts);
    lr_fonts *fonts = NULL;
    if (opt->formats & (LR_OUT_SVG | LR_OUT_PNG | LR_OUT_PDF)) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/fonts", lr_report_datadir(r));
        st = lr_fonts_load(dir, &fonts, err);
        if (st)
            goto done;
        st = lr_charts_build(r->model, &r->config, &ov, r->history, r->n_history, &charts);
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
    if (opt->formats & LR_OUT_MD) {
        /* the Markdown links the charts only when their SVG files are written */
        size_t n_links = (opt->formats & LR_OUT_SVG) ? charts.n : 0;
        ctx = lr_report_context(r, &ov, charts.links, n_links, lr_report_changes(r));
        if (!ctx) {
            st = lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
            goto done;
        }
        lr_buf_clear(&text);
        st = lr_report_render_markdown(r, ctx, opt->template_path, &text, err);
        if (st)
            goto done;
        st = lr_output_add(&out, "report.md", text.data ? text.data : "", text.len, err);
        if (st)
            goto done;
        if (r->config.overview_top && ov.n_rows > r->config.overview_top) {
            /* the whole overview in a file of its own */
            cJSON *full = lr_report_overview_context(r, &ov);
            if (!full) {
                st = lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
                goto done;
            }
            lr_buf_clear(&text);
            st = lr_report_render_named(r, full, "overview.md", &text, err);
            cJSON_Delete(full);
            if (!st)
                st = lr_output_add(&out, "overview.md", text.data ? text.data : "", text.len, err);
            if (st)
                goto done;
        }
    }
    if (opt->formats & LR_OUT_JSON) {
        lr_buf_clear(&text);
        lr_export_json(r->model, lr_report_date(r), &text);
        if (lr_buf_failed(&text)) {
            st = lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
            goto done;
        }
        st = lr_output_add(&out, "results.json", text.data, text.len, err);
        if (st)
            goto done;
    }
    st = lr_output_commit(&out, err);
done:
    lr_chart_set_free(&charts);
    lr_fonts_free(fonts);
    cJSON_Delete(ctx);
    lr_buf_free(&text);
    lr_output_end(&out);
    lr_overview_free(&ov);
    return st;
}

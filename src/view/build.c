/* lr_report_build: every output of a build, staged and committed together. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/output.h"
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
    if (opt->formats & LR_OUT_MD) {
        ctx = lr_report_context(r, &ov, NULL, 0, lr_report_changes(r));
        if (!ctx) {
            st = lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
            goto done;
        }
        st = lr_report_render_markdown(r, ctx, opt->template_path, &text, err);
        if (st)
            goto done;
        st = lr_output_add(&out, "report.md", text.data ? text.data : "", text.len, err);
        if (st)
            goto done;
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
    cJSON_Delete(ctx);
    lr_buf_free(&text);
    lr_output_end(&out);
    lr_overview_free(&ov);
    return st;
}

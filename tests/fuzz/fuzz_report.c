/* The whole pipeline on one input of any format: sniffing picks the adapter, then the overview,
 * the template context, the Markdown report (the real templates/report.md), the exports and the
 * charts (drawn to the trace canvas). Named ".csv" so that both the JSON path (text that looks
 * like JSON) and the CSV path are taken. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas/fonts.h"
#include "chart/chart.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/json.h"
#include "fuzz.h"
#include "ingest/ingest.h"
#include "model/store.h"
#include "template/mustache.h"
#include "view/charts.h"
#include "model/config.h"
#include "view/context.h"
#include "write/export.h"
#include "view/overview.h"

static char *template_text;
static size_t template_len;
static lr_fonts *fonts;

static void setup(void)
{
    char path[4096];
    lr_error err;
    snprintf(path, sizeof path, "%s/templates/report.md", lr_fuzz_source_dir());
    if (lr_file_read(path, 1 << 24, &template_text, &template_len, &err))
        abort();
    snprintf(path, sizeof path, "%s/fonts", lr_fuzz_source_dir());
    if (lr_fonts_load(path, &fonts, &err))
        abort();
}

#define NAME "fuzz/results_2024-01-02T03-04-05.000000.csv"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!template_text)
        setup();
    if (size > 1 << 20)
        return 0;
    /* read as a build reads: into a part, merged into the model (what the threads do) ... */
    lr_diag diag;
    memset(&diag, 0, sizeof diag);
    lr_store *store = lr_store_new(&diag);
    lr_store *part = store ? lr_store_new_part(store) : NULL;
    if (!part) {
        lr_store_free(store);
        return 0;
    }
    lr_error err;
    memset(&err, 0, sizeof err);
    int is_config;
    lr_status st = lr_ingest_bytes(part, NAME, (const char *)data, size, NULL, &is_config, &err);
    if (lr_store_merge(store, part, NAME))
        abort(); /* inputs are at most 1 MiB: no allocation may fail */
    lr_store_free(part);
    /* ... which must give what reading straight into a model gives: the same results and
     * sources (results.json byte for byte) and the same diagnostics */
    lr_diag direct_diag;
    memset(&direct_diag, 0, sizeof direct_diag);
    lr_store *direct = lr_store_new(&direct_diag);
    if (!direct)
        abort();
    lr_error direct_err;
    memset(&direct_err, 0, sizeof direct_err);
    int direct_config;
    if (lr_ingest_bytes(direct, NAME, (const char *)data, size, NULL, &direct_config,
                        &direct_err) != st ||
        direct_config != is_config || memcmp(diag.count, direct_diag.count, sizeof diag.count))
        abort();
    lr_buf a = LR_BUF_INIT, b = LR_BUF_INIT;
    lr_export_json(store, "2024-01-02", &a);
    lr_export_json(direct, "2024-01-02", &b);
    if (a.failed || b.failed || a.len != b.len || memcmp(a.data, b.data, a.len))
        abort();
    lr_buf_free(&a);
    lr_buf_free(&b);
    lr_store_free(direct);
    if (st != LR_OK || !lr_store_count(store)) {
        lr_store_free(store);
        return 0;
    }
    lr_config config;
    lr_config_init(&config);
    lr_overview ov;
    lr_buf out = LR_BUF_INIT;
    lr_chart_set charts;
    memset(&charts, 0, sizeof charts);
    lr_findings findings;
    memset(&findings, 0, sizeof findings);
    if (lr_overview_build(store, &config, &ov) == LR_OK &&
        lr_findings_build(store, &config, &ov, &findings) == LR_OK &&
        lr_charts_build(store, &config, &ov, NULL, NULL, 0, &charts) == LR_OK &&
        lr_charts_add_findings(store, &config, &findings, &charts) == LR_OK) {
        lr_context_input in;
        memset(&in, 0, sizeof in);
        in.store = store;
        in.config = &config;
        in.overview = &ov;
        in.date = "2024-01-02";
        in.charts = charts.links;
        in.n_charts = charts.n;
        in.files_read = 1;
        in.findings = &findings;
        cJSON *ctx = lr_context_build(&in);
        if (ctx) {
            lr_template_options opt = {NULL, NULL, 0, "report.md"};
            if (lr_template_render(template_text, template_len, ctx, &opt, &out, &err))
                abort(); /* the shipped template renders any context */
            cJSON_Delete(ctx);
        }
        for (size_t i = 0; i < charts.n; i++) {
            lr_buf_clear(&out);
            lr_chart_render_trace(&charts.charts[i], fonts, &out, &err);
        }
        lr_buf_clear(&out);
        lr_export_json(store, "2024-01-02", &out);
        lr_export_csv(store, &out);
        lr_export_eee(store, &out);
    }
    lr_findings_free(&findings);
    lr_chart_set_free(&charts);
    lr_overview_free(&ov);
    lr_buf_free(&out);
    lr_config_free(&config);
    lr_store_free(store);
    return 0;
}

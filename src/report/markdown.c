/* The report's Markdown: the template context, the template's path (given, the config's, else
 * the data folder's), partials from the template's own folder, and rendering. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/error.h"
#include "core/json.h"
#include "report/report.h"
#include "template/mustache.h"
#include "view/baseline.h"
#include "view/context.h"
#include "view/overview.h"

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

cJSON *lr_report_changes(lr_report *r)
{
    if (!r->baseline)
        return NULL;
    return lr_changes_build(&r->night, r->store, r->baseline, &r->config, r->baseline_date);
}

cJSON *lr_report_context(lr_report *r, const lr_overview *ov, const lr_findings *findings,
                         const lr_chart_link *charts, size_t n_charts, cJSON *changes)
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
                           r->baseline ? &r->night : NULL,
                           r->config.overview_top,
                           r->config.table_top,
                           0,
                           findings};
    return lr_context_build(&in);
}

cJSON *lr_report_overview_context(lr_report *r, const lr_overview *ov)
{
    lr_context_input in = {r->store,
                           &r->config,
                           ov,
                           lr_report_date(r),
                           NULL,
                           0,
                           r->files_read,
                           NULL,
                           r->baseline,
                           r->baseline ? &r->night : NULL,
                           0,
                           0,
                           1,
                           NULL};
    return lr_context_build(&in);
}

lr_status lr_report_write_context(lr_report *r, lr_write_fn write, void *user, lr_error *err)
{
    lr_overview ov;
    lr_status st = lr_report_load_overview(r, &ov, err);
    if (st)
        return st;
    lr_findings findings;
    if (lr_findings_build(r->store, &r->config, &ov, &findings)) {
        lr_overview_free(&ov);
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    }
    cJSON *ctx = lr_report_context(r, &ov, &findings, NULL, 0, NULL);
    lr_findings_free(&findings);
    lr_overview_free(&ov);
    char *text = ctx ? cJSON_Print(ctx) : NULL;
    cJSON_Delete(ctx);
    if (!text)
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    int rc = write(user, text, strlen(text)) || write(user, "\n", 1);
    free(text);
    return rc ? lr_error_set(err, LR_EIO, NULL, "cannot write the context") : LR_OK;
}

/* The report's Markdown: the template context, the template's path (given, the config's, else
 * the data folder's), partials from the template's own folder, and rendering. A config's
 * template and every partial are confined to the trusted folders (core/confine.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/confine.h"
#include "core/error.h"
#include "core/json.h"
#include "report/report.h"
#include "template/mustache.h"
#include "view/baseline.h"
#include "view/context.h"
#include "view/overview.h"

/* The folders a template and its partials may be read from: the template's own folder, the
 * report folder (the config's) and the data folder's templates/ (the data folder can be a
 * source tree: the rest of it is not for templates). */
typedef struct partial_ctx {
    char dir[4096];
    char config_dir[4096];
    char templates[4096];
    const char *refused; /* why a partial stopped the render */
} partial_ctx;

/* The folder of path ("." when it has none) into out. */
static void folder_of(const char *path, char *out, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (slash == path)
        snprintf(out, size, "/");
    else
        snprintf(out, size, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
}

/* Partials come from the template's own folder, by plain names only, and a symlink there may
 * not lead out of the trusted folders: any other name stops the render (LR_EUSAGE, reworded by
 * lr_report_render_markdown) rather than reading nothing. */
static lr_status load_partial(void *user, const char *name, char **text)
{
    partial_ctx *p = user;
    if (!name[0])
        return LR_ENOTFOUND;
    if (strstr(name, "..") || strchr(name, '/') || strchr(name, '\\')) {
        p->refused = "partials are plain names of files beside the template";
        return LR_EUSAGE;
    }
    char path[4400], real[4096];
    snprintf(path, sizeof path, "%s/%s.md", p->dir, name);
    const char *dirs[] = {p->dir, p->config_dir[0] ? p->config_dir : NULL, p->templates};
    switch (lr_path_confine(path, dirs, 3, real, sizeof real)) {
    case LR_CONFINE_MISSING:
        return LR_ENOTFOUND;
    case LR_CONFINE_OUTSIDE:
        p->refused = "it leads outside the template's folder, the report folder and the data "
                     "folder's templates";
        return LR_EUSAGE;
    case LR_CONFINE_INSIDE:
        break;
    }
    size_t len;
    lr_error e;
    return lr_file_read(real, 4 * 1024 * 1024, text, &len, &e) == LR_OK ? LR_OK : LR_ENOTFOUND;
}

static lr_status config_refusal(lr_report *r, lr_error *err, const char *fmt, const char *t)
{
    char msg[400];
    snprintf(msg, sizeof msg, fmt, t);
    lr_error_set(err, LR_EVALUE, r->config.path, "template \"%.200s\" %s", t, msg);
    lr_error_pointer(err, "/template");
    return LR_EVALUE;
}

/* The template to read into out: the given one (trusted: it comes from the command line), else
 * the config's, which is a plain relative path resolved inside the config's folder, else the
 * data folder, else the data folder's templates/, else templates/report.md. */
static lr_status template_path(lr_report *r, const char *given, char *shown, char *out, size_t size,
                               lr_error *err)
{
    const char *t = r->config.template_path;
    if (given || !t) {
        if (given)
            snprintf(out, size, "%s", given);
        else
            snprintf(out, size, "%s/templates/report.md", lr_report_datadir(r));
        snprintf(shown, size, "%s", out);
        return LR_OK;
    }
    if (!lr_path_is_plain(t))
        return config_refusal(r, err,
                              "refused: a config names its template by a relative path inside "
                              "the report folder or the data folder, without \"..\"",
                              t);
    char config_dir[4096];
    folder_of(r->config.path ? r->config.path : ".", config_dir, sizeof config_dir);
    const char *datadir = lr_report_datadir(r);
    char templates[4096];
    snprintf(templates, sizeof templates, "%s/templates", datadir);
    const char *bases[] = {config_dir, datadir, templates};
    const char *roots[] = {config_dir, templates, templates};
    for (size_t i = 0; i < 3; i++) {
        char path[4096];
        if (snprintf(path, sizeof path, "%s/%s", bases[i], t) >= (int)sizeof path)
            continue;
        switch (lr_path_confine(path, &roots[i], 1, out, size)) {
        case LR_CONFINE_INSIDE:
            snprintf(shown, size, "%s", path);
            return LR_OK;
        case LR_CONFINE_OUTSIDE:
            return config_refusal(r, err,
                                  "refused: it leads outside the report folder and the data "
                                  "folder's templates",
                                  t);
        case LR_CONFINE_MISSING:
            break;
        }
    }
    return config_refusal(r, err, "not found in the report folder nor in the data folder", t);
}

/* Table captions are numbered here, through the document, since a logic-less template cannot
 * count: a line that begins "**Table #.**" (Korean "**표 #.**") is written with the table's
 * number. The convention the PDF layout reads: a paragraph that begins with strong text
 * "Table N." / "표 N." directly before a table is that table's caption; a paragraph that begins
 * with emphasis "Note." / "주." directly after a table is its note. */
static void number_captions(const char *md, size_t len, lr_buf *out)
{
    static const char *const marks[] = {"**Table #.**", "**\xed\x91\x9c #.**"};
    int n = 0;
    const char *p = md, *end = md + len;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *next = eol ? eol + 1 : end;
        const char *hash = NULL;
        for (size_t m = 0; m < sizeof marks / sizeof *marks && !hash; m++) {
            size_t k = strlen(marks[m]);
            if ((size_t)(next - p) >= k && !memcmp(p, marks[m], k))
                hash = p + k - 4; /* the "#" */
        }
        if (hash) {
            lr_buf_append(out, p, (size_t)(hash - p));
            lr_buf_printf(out, "%d", ++n);
            lr_buf_append(out, hash + 1, (size_t)(next - hash - 1));
        } else {
            lr_buf_append(out, p, (size_t)(next - p));
        }
        p = next;
    }
}

lr_status lr_report_render_markdown(lr_report *r, const cJSON *context, const char *given,
                                    lr_buf *out, lr_error *err)
{
    char shown[4096], path[4096];
    lr_status st = template_path(r, given, shown, path, sizeof path, err);
    if (st)
        return st;
    char *text;
    size_t len;
    st = lr_file_read(path, 16 * 1024 * 1024, &text, &len, err);
    if (st)
        return st;
    partial_ctx pc;
    folder_of(shown, pc.dir, sizeof pc.dir);
    pc.config_dir[0] = '\0';
    if (r->config.path)
        folder_of(r->config.path, pc.config_dir, sizeof pc.config_dir);
    snprintf(pc.templates, sizeof pc.templates, "%s/templates", lr_report_datadir(r));
    pc.refused = NULL;
    lr_template_options opt = {load_partial, &pc, 0, shown}; /* errors name it as found */
    lr_buf md = LR_BUF_INIT;
    st = lr_template_render(text, len, context, &opt, &md, err);
    free(text);
    if (st == LR_OK && lr_buf_failed(&md))
        st = lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    if (st == LR_OK)
        number_captions(md.data ? md.data : "", md.len, out);
    lr_buf_free(&md);
    if (st == LR_EUSAGE && pc.refused && err) {
        /* "cannot load partial "../x": usage error" -> say why, keep where */
        char *quote = strchr(err->message, '"');
        char *end = quote ? strstr(quote, "\": ") : NULL;
        if (end) {
            char partial[300];
            snprintf(partial, sizeof partial, "%.*s", (int)(end - quote + 1), quote);
            snprintf(err->message, sizeof err->message, "partial %s refused: %s", partial,
                     pc.refused);
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
    lr_findings findings;
    lr_status st = lr_report_load_views(r, &ov, &findings, err);
    if (st)
        return st;
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

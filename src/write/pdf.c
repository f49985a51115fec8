/* report.pdf: the report's Markdown laid out by the PDF writer (src/pdf/), every chart of the
 * run drawn into it as vector graphics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "pdf/pdf.h"
#include "write/writers.h"

/* The folder of path into out ("." when it has none). */
static void folder_of(const char *path, char *out, size_t size)
{
    const char *slash = strrchr(path, '/');
    snprintf(out, size, "%.*s", slash ? (int)(slash - path) + (slash == path) : 1,
             slash ? path : ".");
}

lr_status lr_write_pdf(lr_build *b, lr_error *err)
{
    const lr_chart_set *charts;
    const lr_fonts *fonts;
    lr_status st = lr_build_charts(b, &charts, &fonts, err);
    const lr_buf *md;
    if (!st)
        st = lr_build_markdown(b, charts->n, &md, err);
    if (st)
        return st;
    lr_pdf_image *images = calloc(charts->n + 1, sizeof *images);
    if (!images)
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    for (size_t i = 0; i < charts->n; i++) {
        images[i].url = charts->links[i].file;
        images[i].chart = &charts->charts[i];
    }
    const lr_config *c = b->config;
    /* the images a template names: beside report.md (the output folder, as GitHub finds them),
     * else in the report folder, the folder of a template given on the command line, the data
     * folder's templates; confined to each (pdf/image.h) */
    char config_dir[4096] = "", given_dir[4096] = "", templates[4096];
    if (c->path)
        folder_of(c->path, config_dir, sizeof config_dir);
    if (b->template_path)
        folder_of(b->template_path, given_dir, sizeof given_dir);
    snprintf(templates, sizeof templates, "%s/templates", b->datadir ? b->datadir : ".");
    const char *dirs[4];
    size_t n_dirs = 0;
    dirs[n_dirs++] = b->outdir;
    if (config_dir[0])
        dirs[n_dirs++] = config_dir;
    if (given_dir[0])
        dirs[n_dirs++] = given_dir;
    dirs[n_dirs++] = templates;
    lr_pdf_options po = {fonts,   c->page,   c->title, c->author, c->subtitle,
                         b->date, b->outdir, images,   charts->n, c->language,
                         NULL,    NULL,      dirs,     n_dirs,    b->diag};
    lr_buf pdf = LR_BUF_INIT;
    st = lr_pdf_render(md->data ? md->data : "", md->len, &po, lr_buf_write, &pdf, err);
    free(images);
    if (!st && lr_buf_failed(&pdf))
        st = lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    if (!st)
        st = lr_output_add(b->out, "report.pdf", pdf.data, pdf.len, err);
    lr_buf_free(&pdf);
    return st;
}

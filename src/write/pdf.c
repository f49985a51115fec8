/* report.pdf: the report's Markdown laid out by the PDF writer (src/pdf/), every chart of the
 * run drawn into it as vector graphics. */
#include <stdlib.h>

#include "core/error.h"
#include "pdf/pdf.h"
#include "write/writers.h"

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
    lr_pdf_options po = {fonts,     c->page, c->title,  c->author,   c->subtitle, b->date,
                         b->outdir, images,  charts->n, c->language, NULL,        NULL};
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

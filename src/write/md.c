/* report.md, the document itself, and overview.md when report.md shows only the top of the
 * overview. report.md links the charts only when their SVG files are written too. */
#include "write/writers.h"

lr_status lr_write_md(lr_build *b, lr_error *err)
{
    size_t n_links = 0;
    if (b->formats & LR_OUT_SVG) {
        const lr_chart_set *charts;
        lr_status st = lr_build_charts(b, &charts, NULL, err);
        if (st)
            return st;
        n_links = charts->n;
    }
    const lr_buf *text;
    lr_status st = lr_build_markdown(b, n_links, &text, err);
    if (!st)
        st = lr_output_add(b->out, "report.md", text->data ? text->data : "", text->len, err);
    size_t top = b->config->overview_top;
    if (st || !top || b->overview->n_rows <= top)
        return st;
    lr_buf full = LR_BUF_INIT;
    st = b->render_overview(b, &full, err);
    if (!st)
        st = lr_output_add(b->out, "overview.md", full.data ? full.data : "", full.len, err);
    lr_buf_free(&full);
    return st;
}

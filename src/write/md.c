/* report.md, the document itself, and overview.md when report.md shows only the top of the
 * overview, both with GitHub's non-breaking joins (the PDF renders the same Markdown without
 * them and breaks by its own rules). report.md links the charts only when their SVG files are
 * written too. */
#include "write/writers.h"

#include "core/error.h"
#include "core/mdtext.h"

/* Adds the GitHub Markdown of text (lr_md_github_joins) as the output file name. */
static lr_status add_github(lr_build *b, const char *name, const lr_buf *text, lr_error *err)
{
    lr_buf gh = LR_BUF_INIT;
    lr_md_github_joins(text->data ? text->data : "", text->len, &gh);
    lr_status st = lr_buf_failed(&gh)
                       ? lr_error_set(err, LR_ENOMEM, name, "out of memory")
                       : lr_output_add(b->out, name, gh.data ? gh.data : "", gh.len, err);
    lr_buf_free(&gh);
    return st;
}

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
        st = add_github(b, "report.md", text, err);
    size_t top = b->config->overview_top;
    if (st || !top || b->overview->n_rows <= top)
        return st;
    lr_buf full = LR_BUF_INIT;
    st = b->render_overview(b, &full, err);
    if (!st)
        st = add_github(b, "overview.md", &full, err);
    lr_buf_free(&full);
    return st;
}

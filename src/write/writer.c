/* What the writers of a build share: the charts and fonts, the rendered Markdown (each made
 * once, on first use) and the work left running until the end of the build. */
#include "write/writer.h"

#include <stdio.h>
#include <string.h>

#include "core/error.h"

void lr_build_init(lr_build *b)
{
    b->fonts = NULL;
    memset(&b->charts, 0, sizeof b->charts);
    b->charts_status = LR_OK;
    b->charts_done = 0;
    for (size_t i = 0; i < sizeof b->markdown / sizeof b->markdown[0]; i++) {
        lr_buf empty = LR_BUF_INIT;
        b->markdown[i].n_links = 0;
        b->markdown[i].text = empty;
        b->markdown[i].done = 0;
    }
    b->n_pending = 0;
}

lr_status lr_build_charts(lr_build *b, const lr_chart_set **charts, const lr_fonts **fonts,
                          lr_error *err)
{
    if (!b->charts_done) {
        /* a build stops at its first failure, so a failed call is not repeated */
        b->charts_done = 1;
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/fonts", b->datadir);
        lr_status st = lr_fonts_load(dir, &b->fonts, err);
        if (st)
            return b->charts_status = st;
        st =
            lr_charts_build(b->store, b->config, b->overview, b->history, b->n_history, &b->charts);
        if (!st && b->findings)
            st = lr_charts_add_findings(b->store, b->config, b->findings, &b->charts);
        if (st)
            return b->charts_status = lr_error_set(err, st, NULL, "out of memory");
    }
    if (b->charts_status)
        return lr_error_set(err, b->charts_status, NULL, "%s", lr_strerror(b->charts_status));
    *charts = &b->charts;
    if (fonts)
        *fonts = b->fonts;
    return LR_OK;
}

lr_status lr_build_markdown(lr_build *b, size_t n_links, const lr_buf **text, lr_error *err)
{
    size_t slots = sizeof b->markdown / sizeof b->markdown[0], i;
    for (i = 0; i < slots && b->markdown[i].done; i++)
        if (b->markdown[i].n_links == n_links) {
            *text = &b->markdown[i].text;
            return LR_OK;
        }
    if (i == slots)
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    lr_status st = b->render(b, n_links, &b->markdown[i].text, err);
    if (st)
        return st;
    b->markdown[i].n_links = n_links;
    b->markdown[i].done = 1;
    *text = &b->markdown[i].text;
    return LR_OK;
}

lr_status lr_build_defer(lr_build *b, lr_build_finish_fn fn, void *data, lr_error *err)
{
    if (b->n_pending == sizeof b->pending / sizeof b->pending[0]) {
        fn(b, data, LR_ENOMEM, err);
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    }
    b->pending[b->n_pending].fn = fn;
    b->pending[b->n_pending++].data = data;
    return LR_OK;
}

lr_status lr_build_finish(lr_build *b, lr_status st, lr_error *err)
{
    for (size_t i = 0; i < b->n_pending; i++) {
        lr_error e;
        lr_status done = b->pending[i].fn(b, b->pending[i].data, st, st ? &e : err);
        if (!st)
            st = done;
    }
    b->n_pending = 0;
    return st;
}

void lr_build_free(lr_build *b)
{
    lr_chart_set_free(&b->charts);
    lr_fonts_free(b->fonts);
    b->fonts = NULL;
    for (size_t i = 0; i < sizeof b->markdown / sizeof b->markdown[0]; i++)
        lr_buf_free(&b->markdown[i].text);
}

lr_status lr_build_chart_files(lr_build *b, const char *ext, lr_chart_render_fn render,
                               lr_error *err)
{
    const lr_chart_set *charts;
    const lr_fonts *fonts;
    lr_status st = lr_build_charts(b, &charts, &fonts, err);
    lr_buf text = LR_BUF_INIT;
    for (size_t i = 0; !st && i < charts->n; i++) {
        lr_buf_clear(&text);
        st = render(&charts->charts[i], fonts, lr_buf_write, &text, err);
        if (st)
            break;
        char rel[160];
        snprintf(rel, sizeof rel, "charts/%s.%s", charts->links[i].id, ext);
        st = lr_output_add(b->out, rel, text.data ? text.data : "", text.len, err);
    }
    lr_buf_free(&text);
    return st;
}

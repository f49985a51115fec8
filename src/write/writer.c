/* What the writers of a build share: the charts and fonts, the rendered Markdown (each made
 * once, on first use) and the work left running until the end of the build. */
#include "write/writer.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
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
        st = lr_charts_build(b->store, b->config, b->overview, b->items, b->history, b->n_history,
                             &b->charts);
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

/* Chart i's file: charts/<id>.<ext>. */
static void chart_path(const lr_chart_set *charts, size_t i, const char *ext, char *rel,
                       size_t size)
{
    snprintf(rel, size, "charts/%s.%s", charts->links[i].id, ext);
}

/* The chart files drawn on a thread of their own while the documents are made: with fonts of
 * its own (a FreeType face serves one thread at a time), each chart written to its staged file
 * (opened here, closed and staged in order by finish_charts, as results.json is). The charts
 * are only read by then. */
typedef struct chart_job {
    const lr_chart_set *charts;
    lr_chart_render_fn render;
    char fontdir[4096];
    lr_output_file *files; /* per chart */
    size_t n_open;
    lr_status st;
    lr_error err;
    pthread_t thread;
    int joined;
} chart_job;

static void *draw_charts(void *arg)
{
    chart_job *j = arg;
    lr_fonts *fonts = NULL;
    j->st = lr_fonts_load(j->fontdir, &fonts, &j->err);
    for (size_t i = 0; !j->st && i < j->charts->n; i++)
        j->st = j->render(&j->charts->charts[i], fonts, lr_output_write, &j->files[i], &j->err);
    lr_fonts_free(fonts);
    return NULL;
}

/* Closes the job's files: staged in order while st is LR_OK (the first failure is returned),
 * else only closed (lr_output_end removes them). */
static lr_status close_charts(lr_build *b, chart_job *j, lr_status st, lr_error *err)
{
    for (size_t i = 0; i < j->n_open; i++) {
        lr_error e;
        lr_status c = lr_output_close(b->out, &j->files[i], st ? &e : err);
        if (!st)
            st = c;
    }
    free(j->files);
    free(j);
    return st;
}

/* Waits for the charts and stages them; with st set, only waits. */
static lr_status finish_charts(lr_build *b, void *data, lr_status st, lr_error *err)
{
    chart_job *j = data;
    if (!j->joined)
        pthread_join(j->thread, NULL);
    if (!st && j->st) {
        *err = j->err;
        st = j->st;
    }
    return close_charts(b, j, st, err);
}

lr_status lr_build_chart_files(lr_build *b, const char *ext, lr_chart_render_fn render,
                               lr_error *err)
{
    const lr_chart_set *charts;
    const lr_fonts *fonts;
    lr_status st = lr_build_charts(b, &charts, &fonts, err);
    char rel[160];
    if (!st && b->jobs > 1 && charts->n > 1) {
        chart_job *j = calloc(1, sizeof *j);
        lr_output_file *files = j ? calloc(charts->n, sizeof *files) : NULL;
        if (!files) {
            free(j);
            return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
        }
        j->charts = charts;
        j->render = render;
        j->files = files;
        snprintf(j->fontdir, sizeof j->fontdir, "%s/fonts", b->datadir);
        for (; j->n_open < charts->n; j->n_open++) {
            chart_path(charts, j->n_open, ext, rel, sizeof rel);
            if ((st = lr_output_open(b->out, rel, &files[j->n_open], err)))
                return close_charts(b, j, st, err);
        }
        /* one chart thread at a time (SVG, then PNG): two threads drawing cairo surfaces at
         * once showed races inside cairo under ThreadSanitizer (likely its lock-free pools) */
        for (size_t i = 0; i < b->n_pending; i++) {
            chart_job *running = b->pending[i].data;
            if (b->pending[i].fn == finish_charts && !running->joined) {
                pthread_join(running->thread, NULL);
                running->joined = 1;
            }
        }
        if (!pthread_create(&j->thread, NULL, draw_charts, j))
            return lr_build_defer(b, finish_charts, j, err);
        draw_charts(j); /* no thread: drawn here */
        if (j->st)
            *err = j->err;
        return close_charts(b, j, j->st, err);
    }
    lr_buf text = LR_BUF_INIT;
    for (size_t i = 0; !st && i < charts->n; i++) {
        lr_buf_clear(&text);
        st = render(&charts->charts[i], fonts, lr_buf_write, &text, err);
        if (st)
            break;
        chart_path(charts, i, ext, rel, sizeof rel);
        st = lr_output_add(b->out, rel, text.data ? text.data : "", text.len, err);
    }
    lr_buf_free(&text);
    return st;
}

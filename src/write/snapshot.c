/* results.json, the normalized snapshot (the next run's --baseline), and items.jsonl beside it
 * when the results have per-item samples. results.json streams to its file and,
 * when the build may use threads, is written on a thread of its own while the other outputs are
 * made (the store is only read by then); lr_build_finish waits for it and stages it. */
#include <pthread.h>
#include <stdlib.h>

#include "core/error.h"
#include "write/export.h"
#include "write/items.h"
#include "write/writers.h"

typedef struct snapshot_job {
    const lr_store *store;
    const char *date;
    lr_output_file f;
    int threaded;
    pthread_t thread;
    int oom;
} snapshot_job;

static void *write_snapshot(void *arg)
{
    snapshot_job *j = arg;
    lr_buf json = LR_BUF_INIT;
    json.sink = lr_output_write;
    json.sink_user = &j->f;
    lr_export_json(j->store, j->date, &json);
    j->oom = json.failed && !j->f.failed;
    lr_buf_free(&json);
    lr_output_sync(&j->f); /* here rather than at the rename, while the other outputs are made */
    return NULL;
}

/* Waits for results.json (or writes it now) and stages it; with st set, only waits. */
static lr_status finish(lr_build *b, void *data, lr_status st, lr_error *err)
{
    snapshot_job *j = data;
    if (j->threaded)
        pthread_join(j->thread, NULL);
    else if (!st)
        write_snapshot(j);
    if (st) {
        lr_error e;
        lr_output_close(b->out, &j->f, &e); /* staged, removed by lr_output_end */
    } else {
        st = lr_output_close(b->out, &j->f, err);
        if (!st && j->oom)
            st = lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    }
    free(j);
    return st;
}

/* items.jsonl beside results.json: the per-item samples the next night pairs with its own. */
static lr_status write_items(lr_build *b, lr_error *err)
{
    if (!b->items || !b->items->n)
        return LR_OK;
    lr_buf text = LR_BUF_INIT;
    lr_items_export(b->items, &text);
    lr_status st = lr_buf_failed(&text)
                       ? lr_error_set(err, LR_ENOMEM, NULL, "out of memory")
                       : lr_output_add(b->out, "items.jsonl", text.data, text.len, err);
    lr_buf_free(&text);
    return st;
}

lr_status lr_write_json(lr_build *b, lr_error *err)
{
    lr_status items = write_items(b, err);
    if (items)
        return items;
    snapshot_job *j = calloc(1, sizeof *j);
    if (!j)
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    j->store = b->store;
    j->date = b->date;
    lr_status st = lr_output_open(b->out, "results.json", &j->f, err);
    if (st) {
        free(j);
        return st;
    }
    /* the store is indexed (lr_store_index) and only read from here on: the thread may share it */
    if (b->jobs > 1)
        j->threaded = !pthread_create(&j->thread, NULL, write_snapshot, j);
    return lr_build_defer(b, finish, j, err);
}

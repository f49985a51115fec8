/* Parallel ingest with in-order merging; see pipeline.h. A ring of slots: a worker reads file k
 * into slot k % window once the consumer has merged what that slot held before. */
#include "pipeline.h"

#include "core/error.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

typedef struct slot {
    lr_store *part;
    lr_ingested file;
    int ready;
} slot;

typedef struct pipeline {
    lr_store *store;
    char *const *paths;
    size_t n, window;
    const lr_pipeline_opts *opts;
    slot *slots;
    size_t next;     /* next file to claim */
    size_t consumed; /* files merged */
    pthread_mutex_t lock;
    pthread_cond_t changed;
} pipeline;

/* The work of one file that needs no lock: read, parse, adapter into a new part. */
static void ingest_one(const pipeline *p, size_t k, slot *s, lr_store_memo *memo)
{
    memset(&s->file, 0, sizeof s->file);
    s->file.path = p->paths[k];
    s->part = lr_store_new_part(p->store);
    if (!s->part) {
        s->file.status = lr_error_set(&s->file.err, LR_ENOMEM, p->paths[k], "out of memory");
        return;
    }
    if (memo)
        lr_store_lend_memo(s->part, memo); /* the names of one thread's files, looked up once */
    lr_parsed parsed;
    lr_ingest_parse(p->paths[k], p->opts->max_file, &parsed);
    s->file.status =
        lr_ingest_parsed(s->part, &parsed, p->opts->forced, &s->file.is_config, &s->file.err);
    lr_parsed_free(&parsed);
}

/* Merges one file's part into the model and reports the file. */
static void take(const pipeline *p, slot *s, lr_ingested_fn fn, void *user)
{
    if (s->part && lr_store_merge(p->store, s->part, s->file.path) && !s->file.status)
        s->file.status = lr_error_set(&s->file.err, LR_ENOMEM, s->file.path, "out of memory");
    lr_store_free(s->part);
    s->part = NULL;
    fn(user, &s->file);
}

static void *worker(void *arg)
{
    pipeline *p = arg;
    lr_store_memo *memo = lr_store_memo_new(); /* without one, each part has its own */
    for (;;) {
        pthread_mutex_lock(&p->lock);
        while (p->next < p->n && p->next - p->consumed >= p->window)
            pthread_cond_wait(&p->changed, &p->lock);
        if (p->next >= p->n) {
            pthread_mutex_unlock(&p->lock);
            lr_store_memo_free(memo);
            return NULL;
        }
        size_t k = p->next++;
        pthread_mutex_unlock(&p->lock);
        slot s;
        ingest_one(p, k, &s, memo);
        pthread_mutex_lock(&p->lock);
        p->slots[k % p->window] = s;
        p->slots[k % p->window].ready = 1;
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->lock);
    }
}

lr_status lr_pipeline_run(lr_store *store, char *const *paths, size_t n,
                          const lr_pipeline_opts *opts, lr_ingested_fn fn, void *user)
{
    pipeline p;
    memset(&p, 0, sizeof p);
    p.store = store;
    p.paths = paths;
    p.n = n;
    p.opts = opts;
    int jobs = opts->jobs;
    if (jobs <= 1 || n < 2) {
        lr_store_memo *memo = lr_store_memo_new();
        for (size_t k = 0; k < n; k++) {
            slot s;
            ingest_one(&p, k, &s, memo);
            take(&p, &s, fn, user);
        }
        lr_store_memo_free(memo);
        return LR_OK;
    }
    if ((size_t)jobs > n)
        jobs = (int)n;
    p.window = (size_t)jobs * 4;
    p.slots = calloc(p.window, sizeof *p.slots);
    pthread_t *threads = calloc((size_t)jobs, sizeof *threads);
    if (!p.slots || !threads) {
        free(p.slots);
        free(threads);
        return LR_ENOMEM;
    }
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.changed, NULL);
    int started = 0;
    for (; started < jobs; started++)
        if (pthread_create(&threads[started], NULL, worker, &p))
            break;
    lr_status st = LR_OK;
    if (!started) {
        st = LR_ENOMEM;
    } else {
        for (size_t k = 0; k < n; k++) {
            pthread_mutex_lock(&p.lock);
            while (!p.slots[k % p.window].ready)
                pthread_cond_wait(&p.changed, &p.lock);
            slot s = p.slots[k % p.window];
            pthread_mutex_unlock(&p.lock);
            take(&p, &s, fn, user);
            pthread_mutex_lock(&p.lock);
            p.slots[k % p.window].ready = 0;
            p.consumed++;
            pthread_cond_broadcast(&p.changed);
            pthread_mutex_unlock(&p.lock);
        }
    }
    for (int t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
#ifdef __GLIBC__
    /* the pages the readers' arenas hold free (texts, trees, parts) go back to the system
     * rather than stay in the peak beside what the outputs allocate in other arenas */
    malloc_trim(0);
#endif
    pthread_cond_destroy(&p.changed);
    pthread_mutex_destroy(&p.lock);
    free(p.slots);
    free(threads);
    return st;
}

/* Parallel reading and parsing with in-order delivery; see pipeline.h. A ring of slots: worker
 * i parses file k into slot k % window once the consumer has released that slot. */
#include "pipeline.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct pipeline {
    char *const *paths;
    size_t n, window;
    size_t max_file; /* bytes; larger files are refused */
    lr_parsed *slots;
    unsigned char *ready;
    size_t next;     /* next file to claim */
    size_t consumed; /* files handed out and released */
    pthread_mutex_t lock;
    pthread_cond_t changed;
} pipeline;

static void *worker(void *arg)
{
    pipeline *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        while (p->next < p->n && p->next - p->consumed >= p->window)
            pthread_cond_wait(&p->changed, &p->lock);
        if (p->next >= p->n) {
            pthread_mutex_unlock(&p->lock);
            return NULL;
        }
        size_t k = p->next++;
        pthread_mutex_unlock(&p->lock);
        lr_parsed parsed;
        lr_ingest_parse(p->paths[k], p->max_file, &parsed);
        pthread_mutex_lock(&p->lock);
        p->slots[k % p->window] = parsed;
        p->ready[k % p->window] = 1;
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->lock);
    }
}

lr_status lr_pipeline_run(char *const *paths, size_t n, int jobs, size_t max_file, lr_parsed_fn fn,
                          void *user)
{
    if (jobs <= 1 || n < 2) {
        for (size_t k = 0; k < n; k++) {
            lr_parsed parsed;
            lr_ingest_parse(paths[k], max_file, &parsed);
            fn(user, &parsed);
            lr_parsed_free(&parsed);
        }
        return LR_OK;
    }
    if ((size_t)jobs > n)
        jobs = (int)n;
    pipeline p;
    memset(&p, 0, sizeof p);
    p.paths = paths;
    p.n = n;
    p.max_file = max_file;
    p.window = (size_t)jobs * 4;
    p.slots = calloc(p.window, sizeof *p.slots);
    p.ready = calloc(p.window, 1);
    pthread_t *threads = calloc((size_t)jobs, sizeof *threads);
    if (!p.slots || !p.ready || !threads) {
        free(p.slots);
        free(p.ready);
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
            while (!p.ready[k % p.window])
                pthread_cond_wait(&p.changed, &p.lock);
            lr_parsed parsed = p.slots[k % p.window];
            pthread_mutex_unlock(&p.lock);
            fn(user, &parsed);
            lr_parsed_free(&parsed);
            pthread_mutex_lock(&p.lock);
            p.ready[k % p.window] = 0;
            p.consumed++;
            pthread_cond_broadcast(&p.changed);
            pthread_mutex_unlock(&p.lock);
        }
    }
    for (int t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    pthread_cond_destroy(&p.changed);
    pthread_mutex_destroy(&p.lock);
    free(p.slots);
    free(p.ready);
    free(threads);
    return st;
}

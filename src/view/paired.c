/* Paired comparisons; see paired.h. Both sets are sorted by id (lr_item_set_finish), so the join
 * is one merge. */
#include "paired.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct drop {
    const char *id;
    double by;   /* how much worse, > 0 */
    size_t rank; /* position in id order */
} drop;

static int by_drop(const void *x, const void *y)
{
    const drop *a = x, *b = y;
    if (a->by != b->by)
        return a->by > b->by ? -1 : 1;
    return a->rank < b->rank ? -1 : a->rank > b->rank;
}

typedef struct prefix {
    const char *id; /* the item's id, or its own cluster */
    size_t len;     /* bytes of id that name the cluster */
    size_t at;
} prefix;

static int by_prefix(const void *x, const void *y)
{
    const prefix *a = x, *b = y;
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->id, b->id, n);
    if (!c && a->len != b->len)
        c = a->len < b->len ? -1 : 1;
    return c ? c : (a->at < b->at ? -1 : a->at > b->at);
}

/* The cluster of each item of s, numbered in byte order of the clusters: the item's own (the
 * document field the config names) when every item has one, else its task, the part of its id
 * before the last '/'. *cluster stays NULL when an item has neither. */
static lr_status clusters_of(const lr_item_set *s, size_t **cluster, size_t *count)
{
    *cluster = NULL;
    *count = 0;
    prefix *pf = malloc(s->n * sizeof *pf);
    if (!pf)
        return LR_ENOMEM;
    int own = s->n > 0;
    for (size_t i = 0; i < s->n && own; i++)
        own = s->items[i].cluster != NULL;
    for (size_t i = 0; i < s->n; i++) {
        if (own) {
            pf[i] = (prefix){s->items[i].cluster, strlen(s->items[i].cluster), i};
            continue;
        }
        const char *slash = strrchr(s->items[i].id, '/');
        if (!slash || slash == s->items[i].id) {
            free(pf);
            return LR_OK;
        }
        pf[i] = (prefix){s->items[i].id, (size_t)(slash - s->items[i].id), i};
    }
    size_t *c = malloc(s->n * sizeof *c);
    if (!c) {
        free(pf);
        return LR_ENOMEM;
    }
    qsort(pf, s->n, sizeof *pf, by_prefix);
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (i && (pf[i].len != pf[i - 1].len || memcmp(pf[i].id, pf[i - 1].id, pf[i].len)))
            k++;
        c[pf[i].at] = k;
    }
    free(pf);
    *cluster = c;
    *count = s->n ? k + 1 : 0;
    return LR_OK;
}

/* A hash that both sides know and that differs. */
static int hash_differs(uint64_t a, uint64_t b)
{
    return a && b && a != b;
}

lr_status lr_paired_compare(const lr_item_set *now, const lr_item_set *before,
                            const lr_paired_opts *opts, lr_paired *out)
{
    memset(out, 0, sizeof *out);
    out->p = NAN;
    /* the join: every id on both sides, with the same hashes */
    size_t i = 0, j = 0, ids = 0, targets = 0, prompts = 0;
    while (i < now->n || j < before->n) {
        int c = i == now->n      ? 1
                : j == before->n ? -1
                                 : lr_item_id_cmp(now->items[i].id, before->items[j].id);
        const char *id;
        if (c) {
            id = c < 0 ? now->items[i++].id : before->items[j++].id;
            ids++;
        } else {
            const lr_item *a = &now->items[i++], *b = &before->items[j++];
            id = a->id;
            if (hash_differs(a->doc_hash, b->doc_hash) ||
                hash_differs(a->target_hash, b->target_hash))
                targets++;
            else if (hash_differs(a->prompt_hash, b->prompt_hash))
                prompts++;
            else
                continue;
        }
        if (!out->differ++)
            out->example = id;
    }
    if (out->differ) {
        out->status = ids ? LR_PAIR_ITEMS : targets ? LR_PAIR_TARGET : LR_PAIR_PROMPT;
        return LR_OK;
    }
    size_t n = now->n;
    out->n = n;
    out->binary = now->binary && before->binary;
    double *d = malloc((n ? n : 1) * sizeof *d);
    drop *drops = malloc((n ? n : 1) * sizeof *drops);
    if (!d || !drops) {
        free(d);
        free(drops);
        return LR_ENOMEM;
    }
    size_t n_drops = 0;
    double sum = 0;
    for (size_t k = 0; k < n; k++) {
        double diff = now->items[k].value - before->items[k].value;
        d[k] = diff;
        sum += diff;
        double worse = opts->higher_is_better ? -diff : diff;
        if (worse > 0) {
            out->worse++;
            drops[n_drops++] = (drop){now->items[k].id, worse, k};
        } else if (worse < 0) {
            out->better++;
        }
    }
    out->delta = n ? sum / (double)n * opts->scale : 0;
    lr_status st = LR_OK;
    size_t *cluster = NULL;
    if (opts->cluster && n)
        st = clusters_of(now, &cluster, &out->clusters);
    if (!st && cluster && out->clusters >= 2) {
        out->clustered = 1;
        st = lr_stats_clustered_se(d, cluster, n, out->clusters, &out->se);
        if (!st)
            out->p = out->se > 0 ? lr_stats_z_pvalue(sum / (double)n, out->se) : sum ? 0 : 1;
    } else if (st) {
        /* out of memory: reported below */
    } else if (out->binary) {
        /* discordant pairs: b = right before and wrong now, c = the other way */
        long b = 0, c = 0;
        for (size_t k = 0; k < n; k++) {
            if (before->items[k].value == 1 && now->items[k].value == 0)
                b++;
            else if (before->items[k].value == 0 && now->items[k].value == 1)
                c++;
        }
        out->mcnemar = lr_stats_mcnemar(b, c);
        out->p = out->mcnemar.p;
    } else if (n) {
        st = lr_stats_bootstrap_paired(d, n, opts->resamples ? opts->resamples : 10000, opts->seed,
                                       &out->bootstrap);
        out->p = out->bootstrap.p;
    }
    if (!st && n_drops && opts->list) {
        qsort(drops, n_drops, sizeof *drops, by_drop);
        size_t keep = n_drops < opts->list ? n_drops : opts->list;
        out->worst = malloc(keep * sizeof *out->worst);
        if (!out->worst) {
            st = LR_ENOMEM;
        } else {
            for (size_t k = 0; k < keep; k++)
                out->worst[k] = drops[k].id;
            out->n_worst = keep;
        }
    }
    free(cluster);
    free(d);
    free(drops);
    return st;
}

void lr_paired_free(lr_paired *p)
{
    if (!p)
        return;
    free(p->worst);
    p->worst = NULL;
    p->n_worst = 0;
}

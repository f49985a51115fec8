/* A paired comparison of two runs on the same items: the item sets are joined on their ids
 * (task, filter and doc_id; the filter is part of the set), refused when the items differ
 * (an id on one side only, or a hash of the document, target or prompt that changed), and
 * tested with McNemar's test when every value is 0 or 1, else with a seeded paired bootstrap of
 * the differences; when the items come in clusters (the member tasks of a group), with a z-test
 * on the clustered standard error of the mean difference instead. */
#ifndef LR_PAIRED_H
#define LR_PAIRED_H

#include <stddef.h>
#include <stdint.h>

#include "core/stats.h"
#include "llmreport.h"
#include "model/items.h"

typedef enum lr_pair_status {
    LR_PAIR_OK = 0,
    LR_PAIR_ITEMS,  /* the ids differ: items added or removed (the test set changed) */
    LR_PAIR_TARGET, /* the same ids, another document or target (the test set changed) */
    LR_PAIR_PROMPT  /* the same items, another prompt (the prompt changed) */
} lr_pair_status;

typedef struct lr_paired {
    lr_pair_status status;
    size_t n;            /* items joined */
    size_t differ;       /* items that refused the join */
    const char *example; /* the id of the first of them (borrowed from a set) */
    int binary;          /* McNemar (else the bootstrap) */
    long worse, better;  /* items that got worse / better (for 0/1: right->wrong, wrong->right) */
    lr_mcnemar mcnemar;
    lr_bootstrap bootstrap;
    /* clustered: a z-test of the mean difference with its clustered standard error
     * (lr_stats_clustered_se, on the items' scale) instead of McNemar or the bootstrap */
    int clustered;
    size_t clusters;
    double se;
    double p;     /* two-sided */
    double delta; /* mean of now - before, times scale */
    /* ids of the items that got worse, the largest drops first (ties in id order); at most
     * the limit asked for, borrowed from the now set */
    const char **worst;
    size_t n_worst;
} lr_paired;

typedef struct lr_paired_opts {
    int higher_is_better;
    double scale;       /* items on 0-1 and results in percent: 100 */
    unsigned resamples; /* bootstrap resamples */
    uint64_t seed;
    size_t list; /* how many worsened ids to keep */
    int cluster; /* items clustered by their cluster (lr_item.cluster) when every item has one,
                  * else by the task their id names ("mmlu_anatomy/17": the part before the
                  * last '/'); used when the items span at least 2 clusters */
} lr_paired_opts;

/* Compares now with before. LR_OK with out filled (status says whether the join held; the
 * test is only run when it did), or LR_ENOMEM. lr_paired_free releases out->worst. */
lr_status lr_paired_compare(const lr_item_set *now, const lr_item_set *before,
                            const lr_paired_opts *opts, lr_paired *out);
void lr_paired_free(lr_paired *p);

#endif

/* Per-item results (lm-eval --log_samples, EEE instance records): for one observation, the value
 * each test item got, with the hashes that identify the item, its prompt and its target. Item
 * sets are what a paired comparison joins; they hold no prompts or responses, so their memory
 * grows with the number of items, not with the size of the files they were read from. */
#ifndef LR_ITEMS_H
#define LR_ITEMS_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "llmreport.h"
#include "model/store.h"

typedef struct lr_item {
    const char *id;       /* doc_id / sample_id as written ("17"), in the container's arena */
    uint64_t doc_hash;    /* the first 64 bits of the harness's hash of the document; 0 unknown */
    uint64_t prompt_hash; /* ... of the prompt as the model saw it */
    uint64_t target_hash; /* ... of the expected answer */
    double value;         /* the metric on this item, on the file's scale (0/1, a fraction) */
    const char *cluster;  /* the value of the document's field the config clusters by
                             ("cluster": "doc.FIELD"), or NULL */
} lr_item;

/* Which observation an item set belongs to: the observation's model and setting. */
typedef struct lr_item_key {
    const char *model, *benchmark, *metric, *variant, *method;
    int shots;
} lr_item_key;

typedef struct lr_item_set {
    lr_item_key key;
    const char *task, *filter; /* as written in the samples file */
    const char *file;          /* the samples file */
    lr_item *items;
    size_t n, cap;
    int binary;     /* every value is 0 or 1 */
    int duplicates; /* an item id met twice (the later line was ignored) */
} lr_item_set;

typedef struct lr_items {
    lr_arena arena;
    lr_item_set **sets;
    size_t n, cap;
    int failed;            /* out of memory at some point: sets may be incomplete */
    const char *doc_field; /* the document field samples files are read for as each item's
                              cluster ("solution_type" for "cluster": "doc.solution_type"), or
                              NULL; set before reading */
    /* the sets with a key by key (open addressing, a power of two of slots; NULL empty), so
     * that finding the set of an observation does not scan every set */
    lr_item_set **index;
    size_t index_cap, indexed;
} lr_items;

void lr_items_init(lr_items *items);
void lr_items_free(lr_items *items);

/* A new empty set with the key's strings copied (a key without a model: no key yet, see
 * lr_items_set_key); NULL when out of memory. */
lr_item_set *lr_items_add_set(lr_items *items, const lr_item_key *key, const char *task,
                              const char *filter, const char *file);
/* Appends one item (id and cluster, which may be NULL, copied). LR_OK or LR_ENOMEM. */
lr_status lr_item_set_add(lr_items *items, lr_item_set *set, const char *id, uint64_t doc_hash,
                          uint64_t prompt_hash, uint64_t target_hash, double value,
                          const char *cluster);
/* Sorts a set's items by id (numbers by value, then other ids bytewise), drops later
 * duplicates, and works out .binary. Called once a set is complete. */
void lr_item_set_finish(lr_item_set *set);

/* Gives a set without a key the key of an observation (strings borrowed from it), so that
 * lr_items_find finds it. LR_OK or LR_ENOMEM (items->failed set). */
lr_status lr_items_set_key(lr_items *items, lr_item_set *set, const lr_observation *o);

/* The key of an observation. */
lr_item_key lr_item_key_of(const lr_observation *o);
/* The first set added whose key equals the observation's, or NULL (a hash look-up). */
const lr_item_set *lr_items_find(const lr_items *items, const lr_observation *o);
/* Compares item ids in the order lr_item_set_finish sorts them. */
int lr_item_id_cmp(const char *a, const char *b);

#endif

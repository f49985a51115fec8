/* Per-item result sets; see items.h. */
#include "items.h"

#include <stdlib.h>
#include <string.h>

void lr_items_init(lr_items *items)
{
    memset(items, 0, sizeof *items);
}

void lr_items_free(lr_items *items)
{
    if (!items)
        return;
    for (size_t i = 0; i < items->n; i++)
        free(items->sets[i]->items);
    free(items->sets);
    free(items->index);
    lr_arena_free(&items->arena);
    memset(items, 0, sizeof *items);
}

static const char *dup(lr_items *items, const char *s)
{
    if (!s)
        return NULL;
    const char *c = lr_arena_strdup(&items->arena, s);
    if (!c)
        items->failed = 1;
    return c;
}

/* ---- the index of keys ---- */

static int same(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return !strcmp(a, b);
}

static uint64_t hash_str(uint64_t h, const char *s)
{
    if (s)
        for (; *s; s++)
            h = (h ^ (unsigned char)*s) * 0x100000001b3u;
    return (h ^ 0xff) * 0x100000001b3u; /* NULL and "" differ from "a" + "" */
}

static uint64_t key_hash(const lr_item_key *k)
{
    uint64_t h = 0xcbf29ce484222325u;
    h = hash_str(h, k->model);
    h = hash_str(h, k->benchmark);
    h = hash_str(h, k->metric);
    h = hash_str(h, k->variant);
    h = hash_str(h, k->method);
    return (h ^ (uint64_t)(unsigned)k->shots) * 0x100000001b3u;
}

static int key_equal(const lr_item_key *s, const lr_item_key *k)
{
    return s->shots == k->shots && same(s->model, k->model) && same(s->benchmark, k->benchmark) &&
           same(s->metric, k->metric) && same(s->variant, k->variant) && same(s->method, k->method);
}

/* The slot of key k: the one holding it, or the empty one where it would go. */
static size_t slot_of(lr_item_set *const *index, size_t cap, const lr_item_key *k)
{
    size_t i = (size_t)key_hash(k) & (cap - 1);
    while (index[i] && !key_equal(&index[i]->key, k))
        i = (i + 1) & (cap - 1);
    return i;
}

/* Indexes set under its key unless a set with that key is indexed already. */
static lr_status index_add(lr_items *items, lr_item_set *set)
{
    if (2 * (items->indexed + 1) > items->index_cap) {
        size_t cap = items->index_cap ? 2 * items->index_cap : 64;
        lr_item_set **grown = calloc(cap, sizeof *grown);
        if (!grown) {
            items->failed = 1;
            return LR_ENOMEM;
        }
        for (size_t i = 0; i < items->index_cap; i++)
            if (items->index[i])
                grown[slot_of(grown, cap, &items->index[i]->key)] = items->index[i];
        free(items->index);
        items->index = grown;
        items->index_cap = cap;
    }
    size_t i = slot_of(items->index, items->index_cap, &set->key);
    if (!items->index[i]) {
        items->index[i] = set;
        items->indexed++;
    }
    return LR_OK;
}

lr_item_set *lr_items_add_set(lr_items *items, const lr_item_key *key, const char *task,
                              const char *filter, const char *file)
{
    if (lr_grow((void **)&items->sets, &items->cap, items->n, sizeof *items->sets)) {
        items->failed = 1;
        return NULL;
    }
    lr_item_set *s = lr_arena_alloc(&items->arena, sizeof *s);
    if (!s) {
        items->failed = 1;
        return NULL;
    }
    memset(s, 0, sizeof *s);
    s->key.model = dup(items, key->model);
    s->key.benchmark = dup(items, key->benchmark);
    s->key.metric = dup(items, key->metric);
    s->key.variant = dup(items, key->variant);
    s->key.method = dup(items, key->method);
    s->key.shots = key->shots;
    s->task = dup(items, task);
    s->filter = dup(items, filter);
    s->file = dup(items, file);
    items->sets[items->n++] = s;
    if (s->key.model && index_add(items, s))
        return NULL;
    return s;
}

lr_status lr_items_set_key(lr_items *items, lr_item_set *set, const lr_observation *o)
{
    set->key = lr_item_key_of(o);
    return index_add(items, set);
}

lr_status lr_item_set_add(lr_items *items, lr_item_set *set, const char *id, uint64_t doc_hash,
                          uint64_t prompt_hash, uint64_t target_hash, double value,
                          const char *cluster)
{
    if (lr_grow((void **)&set->items, &set->cap, set->n, sizeof *set->items)) {
        items->failed = 1;
        return LR_ENOMEM;
    }
    const char *c = dup(items, id);
    if (!c)
        return LR_ENOMEM;
    const char *k = cluster ? dup(items, cluster) : NULL;
    if (cluster && !k)
        return LR_ENOMEM;
    set->items[set->n++] = (lr_item){c, doc_hash, prompt_hash, target_hash, value, k};
    return LR_OK;
}

/* A non-negative decimal integer without leading zeros (what lm-eval writes as doc_id). */
static int is_count(const char *s, size_t *len)
{
    size_t n = 0;
    while (s[n] >= '0' && s[n] <= '9')
        n++;
    *len = n;
    return n > 0 && !s[n] && (n == 1 || s[0] != '0');
}

int lr_item_id_cmp(const char *a, const char *b)
{
    size_t na, nb;
    int ca = is_count(a, &na), cb = is_count(b, &nb);
    if (ca && cb && na != nb)
        return na < nb ? -1 : 1; /* shorter number, smaller number */
    if (ca != cb)
        return ca ? -1 : 1; /* numbers first */
    return strcmp(a, b);
}

static int by_id(const void *x, const void *y)
{
    const lr_item *a = x, *b = y;
    int c = lr_item_id_cmp(a->id, b->id);
    if (c)
        return c;
    return a < b ? -1 : a > b; /* stable: the first line of an id stays first */
}

void lr_item_set_finish(lr_item_set *set)
{
    /* ties are broken by position, so qsort's order is the same everywhere */
    if (set->n > 1)
        qsort(set->items, set->n, sizeof *set->items, by_id);
    size_t k = 0;
    set->binary = 1;
    for (size_t i = 0; i < set->n; i++) {
        if (k && !strcmp(set->items[k - 1].id, set->items[i].id)) {
            set->duplicates = 1;
            continue;
        }
        set->items[k++] = set->items[i];
        double v = set->items[i].value;
        if (v != 0 && v != 1)
            set->binary = 0;
    }
    set->n = k;
    if (!k)
        set->binary = 0;
}

lr_item_key lr_item_key_of(const lr_observation *o)
{
    const lr_setting *s = o->setting;
    lr_item_key k = {o->model, s->benchmark, s->metric, s->variant, s->method, s->shots};
    return k;
}

const lr_item_set *lr_items_find(const lr_items *items, const lr_observation *o)
{
    if (!items || !items->index_cap)
        return NULL;
    lr_item_key k = lr_item_key_of(o);
    return items->index[slot_of(items->index, items->index_cap, &k)];
}

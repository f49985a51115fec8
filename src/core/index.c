/* Hash index of string pairs to position lists; see index.h. Open hashing with chains, FNV-1a. */
#include "index.h"

#include <stdlib.h>
#include <string.h>

struct lr_index_entry {
    lr_index_entry *next;
    size_t hash;
    size_t *values;
    size_t n, cap;
    size_t one; /* the list while it has one value: most keys have one, and no malloc for it */
    char key[];
};

static size_t hash2(const char *a, const char *b)
{
    size_t h = 1469598103934665603u;
    for (const unsigned char *p = (const unsigned char *)a; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    h = (h ^ 0x1f) * 1099511628211u;
    for (const unsigned char *p = (const unsigned char *)(b ? b : ""); *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return h;
}

static int key_equal(const lr_index_entry *e, const char *a, const char *b)
{
    size_t na = strlen(a);
    return !strncmp(e->key, a, na) && e->key[na] == '\x1f' && !strcmp(e->key + na + 1, b ? b : "");
}

static int grow(lr_index *ix)
{
    size_t n = ix->n_slots ? ix->n_slots * 2 : 256;
    lr_index_entry **slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < ix->n_slots; i++) {
        lr_index_entry *e = ix->slots[i];
        while (e) {
            lr_index_entry *next = e->next;
            e->next = slots[e->hash & (n - 1)];
            slots[e->hash & (n - 1)] = e;
            e = next;
        }
    }
    free(ix->slots);
    ix->slots = slots;
    ix->n_slots = n;
    return 0;
}

static lr_index_entry *find(const lr_index *ix, const char *a, const char *b, size_t h)
{
    if (!ix->n_slots)
        return NULL;
    for (lr_index_entry *e = ix->slots[h & (ix->n_slots - 1)]; e; e = e->next)
        if (e->hash == h && key_equal(e, a, b))
            return e;
    return NULL;
}

int lr_index_add(lr_index *ix, const char *a, const char *b, size_t value)
{
    size_t h = hash2(a, b);
    lr_index_entry *e = find(ix, a, b, h);
    if (!e) {
        if (ix->n_keys >= ix->n_slots / 2 * 1 + ix->n_slots / 4 && grow(ix)) {
            ix->failed = 1;
            return -1;
        }
        size_t na = strlen(a), nb = b ? strlen(b) : 0;
        e = malloc(sizeof *e + na + nb + 2);
        if (!e) {
            ix->failed = 1;
            return -1;
        }
        memcpy(e->key, a, na);
        e->key[na] = '\x1f';
        memcpy(e->key + na + 1, b ? b : "", nb + 1);
        e->hash = h;
        e->values = &e->one;
        e->n = 0;
        e->cap = 1;
        e->next = ix->slots[h & (ix->n_slots - 1)];
        ix->slots[h & (ix->n_slots - 1)] = e;
        ix->n_keys++;
    }
    if (e->n == e->cap) {
        size_t cap = e->cap < 4 ? 4 : e->cap * 2;
        size_t *v =
            e->values == &e->one ? malloc(cap * sizeof *v) : realloc(e->values, cap * sizeof *v);
        if (!v) {
            ix->failed = 1;
            return -1;
        }
        if (e->values == &e->one)
            v[0] = e->one;
        e->values = v;
        e->cap = cap;
    }
    e->values[e->n++] = value;
    return 0;
}

const size_t *lr_index_get(const lr_index *ix, const char *a, const char *b, size_t *n)
{
    lr_index_entry *e = find(ix, a, b, hash2(a, b));
    *n = e ? e->n : 0;
    return e ? e->values : NULL;
}

void lr_index_free(lr_index *ix)
{
    for (size_t i = 0; i < ix->n_slots; i++) {
        lr_index_entry *e = ix->slots[i];
        while (e) {
            lr_index_entry *next = e->next;
            if (e->values != &e->one)
                free(e->values);
            free(e);
            e = next;
        }
    }
    free(ix->slots);
    memset(ix, 0, sizeof *ix);
}

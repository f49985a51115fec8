/* A hash index from string keys to lists of positions (size_t), for looking observations up by
 * model and benchmark without scanning. Keys are copied; lists keep insertion order. */
#ifndef LR_INDEX_H
#define LR_INDEX_H

#include <stddef.h>

typedef struct lr_index_entry lr_index_entry;

typedef struct lr_index {
    lr_index_entry **slots;
    size_t n_slots, n_keys;
    int failed; /* sticky: an allocation failed, lookups may miss */
} lr_index;

#define LR_INDEX_INIT                                                                              \
    {                                                                                              \
        NULL, 0, 0, 0                                                                              \
    }

/* Appends value to the list of key (parts joined with '\x1f'). 0 on success. */
int lr_index_add(lr_index *ix, const char *key1, const char *key2, size_t value);
/* The list of key, or NULL (with *n = 0). */
const size_t *lr_index_get(const lr_index *ix, const char *key1, const char *key2, size_t *n);
void lr_index_free(lr_index *ix);

#endif

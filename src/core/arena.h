/* A bump allocator: many small allocations freed at once. A report owns one arena for its
 * strings and observations. Allocation failure returns NULL and is remembered (failed), so an
 * owner can check once that nothing was lost; nothing is freed individually. */
#ifndef LR_ARENA_H
#define LR_ARENA_H

#include <stddef.h>

typedef struct lr_arena_block lr_arena_block;
typedef struct lr_arena {
    lr_arena_block *head;
    int failed; /* an allocation failed since the arena was made or freed */
} lr_arena;

#define LR_ARENA_INIT                                                                              \
    {                                                                                              \
        NULL, 0                                                                                    \
    }

void *lr_arena_alloc(lr_arena *a, size_t size);
/* Copies s (or its first n bytes) into the arena, NUL-terminated. NULL in, NULL out. */
char *lr_arena_strdup(lr_arena *a, const char *s);
char *lr_arena_strndup(lr_arena *a, const char *s, size_t n);
char *lr_arena_printf(lr_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void lr_arena_free(lr_arena *a);
/* Whether p points into memory allocated from a (a walk over its blocks). */
int lr_arena_owns(const lr_arena *a, const void *p);
/* Forgets every allocation but keeps one block for reuse (a scratch arena between uses). */
void lr_arena_reset(lr_arena *a);

/* Makes room for one more element in a malloc'ed array of n elements of elem bytes whose
 * capacity is *cap (doubling, from 64). Returns 0, or -1 with the array unchanged. */
int lr_grow(void **array, size_t *cap, size_t n, size_t elem);

#endif

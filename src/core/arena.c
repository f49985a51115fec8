/* Bump allocator; see arena.h. Blocks of 64 KiB, larger requests get a block of their own. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lr_arena_block {
    lr_arena_block *next;
    size_t used;
    size_t size;
    max_align_t data[];
};

enum { BLOCK_SIZE = 64 * 1024 };

void *lr_arena_alloc(lr_arena *a, size_t size)
{
    size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    if (size == 0)
        size = sizeof(max_align_t);
    lr_arena_block *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t bsize = size > BLOCK_SIZE / 4 ? size : BLOCK_SIZE;
        b = malloc(sizeof(*b) + bsize);
        if (!b) {
            a->failed = 1;
            return NULL;
        }
        b->size = bsize;
        b->used = 0;
        if (size > BLOCK_SIZE / 4 && a->head) {
            /* keep the current block in front: it still has room for small requests */
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    return p;
}

char *lr_arena_strndup(lr_arena *a, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = lr_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *lr_arena_strdup(lr_arena *a, const char *s)
{
    return s ? lr_arena_strndup(a, s, strlen(s)) : NULL;
}

char *lr_arena_printf(lr_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = lr_arena_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void lr_arena_reset(lr_arena *a)
{
    lr_arena_block *b = a->head;
    if (!b)
        return;
    lr_arena_block *rest = b->next;
    while (rest) {
        lr_arena_block *next = rest->next;
        free(rest);
        rest = next;
    }
    b->next = NULL;
    b->used = 0;
}

void lr_arena_free(lr_arena *a)
{
    lr_arena_block *b = a->head;
    while (b) {
        lr_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->failed = 0;
}

int lr_grow(void **array, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 64;
    if (ncap > ((size_t)-1) / elem)
        return -1;
    void *p = realloc(*array, ncap * elem);
    if (!p)
        return -1;
    *array = p;
    *cap = ncap;
    return 0;
}

int lr_arena_owns(const lr_arena *a, const void *p)
{
    uintptr_t u = (uintptr_t)p;
    for (const lr_arena_block *b = a->head; b; b = b->next) {
        uintptr_t start = (uintptr_t)b->data;
        if (u >= start && u < start + b->used)
            return 1;
    }
    return 0;
}

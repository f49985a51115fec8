/* Growable byte buffer; see buf.h. */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int lr_buf_grow(lr_buf *b, size_t n)
{
    if (b->failed)
        return -1;
    if (b->len + n + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + n + 1) {
        if (cap > ((size_t)-1) / 2) {
            b->failed = 1;
            return -1;
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

void lr_buf_vprintf(lr_buf *b, const char *fmt, va_list ap)
{
    /* format once into the free space; only a text longer than that is formatted again */
    if (lr_buf_reserve(b, 64))
        return;
    size_t room = b->cap - b->len; /* including the NUL */
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(b->data + b->len, room, fmt, aq);
    va_end(aq);
    if (n < 0) {
        b->data[b->len] = '\0';
        b->failed = 1;
        return;
    }
    if ((size_t)n >= room) {
        b->data[b->len] = '\0';
        if (lr_buf_reserve(b, (size_t)n))
            return;
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    }
    b->len += (size_t)n;
}

void lr_buf_put_int(lr_buf *b, long long v)
{
    char digits[24], *p = digits + sizeof digits;
    /* the magnitude in unsigned arithmetic, so that LLONG_MIN works too */
    unsigned long long a = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        *--p = (char)('0' + a % 10);
        a /= 10;
    } while (a);
    if (v < 0)
        *--p = '-';
    lr_buf_append(b, p, (size_t)(digits + sizeof digits - p));
}

void lr_buf_printf(lr_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    lr_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void lr_buf_clear(lr_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

char *lr_buf_detach(lr_buf *b)
{
    if (b->failed) {
        lr_buf_free(b);
        return NULL;
    }
    if (!b->data && lr_buf_reserve(b, 0))
        return NULL;
    if (!b->len)
        b->data[0] = '\0';
    char *p = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void lr_buf_free(lr_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

int lr_buf_write(void *user, const char *data, size_t len)
{
    lr_buf *b = user;
    lr_buf_append(b, data, len);
    return b->failed ? -1 : 0;
}

void lr_buf_spill(lr_buf *b, int all)
{
    if (!b->sink || b->failed || !b->len || (!all && b->len < ((size_t)1 << 20)))
        return;
    if (b->sink(b->sink_user, b->data, b->len))
        b->failed = 1;
    lr_buf_clear(b);
}

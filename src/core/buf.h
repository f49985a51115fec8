/* Growable byte buffer with a sticky failure flag: after the first allocation failure every
 * append is a no-op and lr_buf_failed() says so, so callers check once at the end. */
#ifndef LR_BUF_H
#define LR_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "llmreport.h"

typedef struct lr_buf {
    char *data; /* NUL-terminated when non-NULL */
    size_t len;
    size_t cap;
    int failed;
    lr_write_fn sink; /* optional: where lr_buf_spill() sends what the buffer holds */
    void *sink_user;
} lr_buf;

#define LR_BUF_INIT                                                                                \
    {                                                                                              \
        NULL, 0, 0, 0, NULL, NULL                                                                  \
    }

/* With a sink set, writes the buffer's contents to it and empties the buffer once it holds at
 * least 1 MiB (all: whatever it holds), so that a large output streams through a small buffer.
 * A failing sink makes the buffer failed. Without a sink: nothing happens. */
void lr_buf_spill(lr_buf *b, int all);

/* Makes room for n more bytes (and the NUL) by growing the buffer; returns 0 on success. */
int lr_buf_grow(lr_buf *b, size_t n);
/* Makes room for n more bytes; returns 0 on success. It and the appends are inline because
 * writers call them for every token: when there is room, reserving is a comparison and
 * appending a copy (of a known size, for a string literal). */
static inline int lr_buf_reserve(lr_buf *b, size_t n)
{
    return !b->failed && n < b->cap - b->len ? 0 : lr_buf_grow(b, n);
}
static inline void lr_buf_append(lr_buf *b, const char *s, size_t n)
{
    if (lr_buf_reserve(b, n))
        return;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}
static inline void lr_buf_puts(lr_buf *b, const char *s)
{
    lr_buf_append(b, s, strlen(s));
}
static inline void lr_buf_putc(lr_buf *b, char c)
{
    lr_buf_append(b, &c, 1);
}
/* Strings that may be NULL: equal when both are NULL or both hold the same text. */
static inline int lr_str_eq(const char *a, const char *b)
{
    return a && b ? !strcmp(a, b) : a == b;
}

void lr_buf_printf(lr_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void lr_buf_vprintf(lr_buf *b, const char *fmt, va_list ap);
/* Appends v in decimal, as printf's "%lld" writes it. */
void lr_buf_put_int(lr_buf *b, long long v);
void lr_buf_clear(lr_buf *b);
/* Hands the data to the caller (who frees it) and resets the buffer. Never NULL unless failed. */
char *lr_buf_detach(lr_buf *b);
void lr_buf_free(lr_buf *b);
static inline int lr_buf_failed(const lr_buf *b)
{
    return b->failed;
}
/* An lr_write_fn that appends to the lr_buf passed as user. */
int lr_buf_write(void *user, const char *data, size_t len);

#endif

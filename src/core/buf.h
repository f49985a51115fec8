/* Growable byte buffer with a sticky failure flag: after the first allocation failure every
 * append is a no-op and lr_buf_failed() says so, so callers check once at the end. */
#ifndef LR_BUF_H
#define LR_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "llmreport.h"

typedef struct lr_buf {
    char *data; /* NUL-terminated when non-NULL */
    size_t len;
    size_t cap;
    int failed;
    lr_write_fn sink; /* optional: where lr_buf_spill() sends what the buffer holds */
    void *sink_user;
} lr_buf;

#define LR_BUF_INIT {NULL, 0, 0, 0, NULL, NULL}

/* With a sink set, writes the buffer's contents to it and empties the buffer once it holds at
 * least 1 MiB (all: whatever it holds), so that a large output streams through a small buffer.
 * A failing sink makes the buffer failed. Without a sink: nothing happens. */
void lr_buf_spill(lr_buf *b, int all);

void lr_buf_append(lr_buf *b, const char *s, size_t n);
void lr_buf_puts(lr_buf *b, const char *s);
void lr_buf_putc(lr_buf *b, char c);
void lr_buf_printf(lr_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void lr_buf_vprintf(lr_buf *b, const char *fmt, va_list ap);
/* Makes room for n more bytes; returns 0 on success. */
int lr_buf_reserve(lr_buf *b, size_t n);
void lr_buf_clear(lr_buf *b);
/* Hands the data to the caller (who frees it) and resets the buffer. Never NULL unless failed. */
char *lr_buf_detach(lr_buf *b);
void lr_buf_free(lr_buf *b);
static inline int lr_buf_failed(const lr_buf *b) { return b->failed; }
/* An lr_write_fn that appends to the lr_buf passed as user. */
int lr_buf_write(void *user, const char *data, size_t len);

#endif

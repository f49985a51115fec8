/* Filling lr_error values. */
#ifndef LR_ERROR_H
#define LR_ERROR_H

#include "llmreport.h"

/* Sets status, file and message (printf-style); clears position and pointer. err may be NULL.
 * Returns status, so that `return lr_error_set(err, LR_EIO, path, "...")` reads naturally. */
lr_status lr_error_set(lr_error *err, lr_status status, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void lr_error_at(lr_error *err, int line, int column);
void lr_error_pointer(lr_error *err, const char *pointer);
void lr_error_clear(lr_error *err);
/* lr_error_format() without the file name: "12:7: message", "/results/0: message", "message"
 * (what a table that names the file in a column of its own shows as the reason). */
char *lr_error_reason(const lr_error *err, char *buf, size_t size);

#endif

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

#endif

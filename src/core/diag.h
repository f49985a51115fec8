/* Diagnostics: notes, warnings and errors met while loading and building, passed to the
 * caller's callback (the library never prints) and counted. */
#ifndef LR_DIAG_H
#define LR_DIAG_H

#include <stddef.h>

#include "llmreport.h"

typedef struct lr_diag {
    lr_diag_fn fn;
    void *user;
    size_t count[4]; /* by lr_severity */
} lr_diag;

/* Emits one diagnostic. file may be NULL; pointer may be NULL or a JSON pointer; line/col 0
 * when unknown. */
void lr_diag_emit(lr_diag *d, lr_severity severity, const char *file, const char *pointer, int line,
                  int column, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* Emits an lr_error as it is. */
void lr_diag_error(lr_diag *d, lr_severity severity, const lr_error *err);

#endif

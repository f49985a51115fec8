/* Diagnostics; see diag.h. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

void lr_diag_error(lr_diag *d, lr_severity severity, const lr_error *err)
{
    if (!d)
        return;
    d->count[severity]++;
    if (d->fn)
        d->fn(d->user, severity, err);
}

void lr_diag_emit(lr_diag *d, lr_severity severity, const char *file, const char *pointer, int line,
                  int column, const char *fmt, ...)
{
    if (!d)
        return;
    lr_error e;
    memset(&e, 0, sizeof e);
    e.status = severity == LR_ERROR ? LR_EPARSE : LR_OK;
    if (file)
        snprintf(e.file, sizeof e.file, "%s", file);
    if (pointer)
        snprintf(e.pointer, sizeof e.pointer, "%s", pointer);
    e.line = line;
    e.column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.message, sizeof e.message, fmt, ap);
    va_end(ap);
    lr_diag_error(d, severity, &e);
}

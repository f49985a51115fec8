/* Status texts and lr_error helpers. The error struct has fixed buffers: filling it never
 * allocates, so it works when memory has run out. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/visible.h"

const char *lr_strerror(lr_status status)
{
    static const char *const text[] = {
        [LR_OK] = "success",
        [LR_ENOMEM] = "out of memory",
        [LR_EIO] = "input/output error",
        [LR_EPARSE] = "malformed input",
        [LR_ETYPE] = "value of the wrong type",
        [LR_EFORMAT] = "format not supported",
        [LR_EVALUE] = "value out of range",
        [LR_ETEMPLATE] = "template error",
        [LR_ERENDER] = "rendering failed",
        [LR_EUSAGE] = "usage error",
        [LR_ELIMIT] = "input exceeds a limit",
        [LR_ENOTFOUND] = "not found",
        [LR_EREGRESSION] = "regression found",
        [LR_EBUSY] = "output folder in use",
    };
    if ((unsigned)status < sizeof(text) / sizeof(text[0]) && text[status])
        return text[status];
    return "unknown status";
}

static void copy(char *dst, size_t size, const char *src)
{
    if (!src)
        src = "";
    size_t n = strlen(src);
    if (n >= size)
        n = size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

lr_status lr_error_set(lr_error *err, lr_status status, const char *file, const char *fmt, ...)
{
    if (!err)
        return status;
    err->status = status;
    copy(err->file, sizeof(err->file), file);
    err->line = err->column = 0;
    err->pointer[0] = '\0';
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
    return status;
}

void lr_error_at(lr_error *err, int line, int column)
{
    if (err) {
        err->line = line;
        err->column = column;
    }
}

void lr_error_pointer(lr_error *err, const char *pointer)
{
    if (err)
        copy(err->pointer, sizeof(err->pointer), pointer);
}

void lr_error_clear(lr_error *err)
{
    if (err)
        memset(err, 0, sizeof(*err));
}

/* The line of an error, with or without its file name, shown safely on one line. */
static char *format(const lr_error *err, int with_file, char *buf, size_t size)
{
    if (!size)
        return buf;
    char line[sizeof err->file + sizeof err->pointer + sizeof err->message + 32];
    const char *file = with_file ? err->file : "";
    const char *sep = file[0] ? ": " : "";
    if (err->line > 0 && (file[0] || !with_file))
        snprintf(line, sizeof line, "%s%s%d:%d: %s", file, file[0] ? ":" : "", err->line,
                 err->column, err->message);
    else if (err->pointer[0] && (file[0] || !with_file))
        snprintf(line, sizeof line, "%s%s%s: %s", file, sep, err->pointer, err->message);
    else
        snprintf(line, sizeof line, "%s%s%s", file, sep, err->message);
    /* names as they are: bytes that are not UTF-8 as U+FFFD, bidi controls and invisible
     * characters as <U+XXXX> (a terminal would reorder or hide them) */
    lr_visible(buf, size, line, strlen(line));
    /* one line, whatever names the input holds: line breaks and tabs become spaces, other
     * control characters (terminal escapes) are dropped */
    char *o = buf;
    for (const char *p = buf; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '\n' || c == '\r' || c == '\t')
            *o++ = ' ';
        else if (c >= 0x20 && c != 0x7f)
            *o++ = (char)c;
    }
    *o = '\0';
    return buf;
}

char *lr_error_format(const lr_error *err, char *buf, size_t size)
{
    return format(err, 1, buf, size);
}

char *lr_error_reason(const lr_error *err, char *buf, size_t size)
{
    return format(err, 0, buf, size);
}

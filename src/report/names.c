/* Name lookup and listing over the naming tables; see names.h. */
#include "report/names.h"

#include <stdio.h>
#include <string.h>

static const char *row_name(const void *rows, size_t i, size_t stride)
{
    return *(const char *const *)(const void *)((const char *)rows + i * stride);
}

size_t lr_names_find(const void *rows, size_t n, size_t stride, const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++) {
        const char *s = row_name(rows, i, stride);
        if (strlen(s) == len && !strncmp(s, name, len))
            return i;
    }
    return n;
}

void lr_names_join(const void *rows, size_t n, size_t stride, const char *sep, const char *last,
                   char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++) {
        int k = snprintf(buf + used, size - used, "%s%s",
                         !i          ? ""
                         : i + 1 < n ? sep
                                     : last,
                         row_name(rows, i, stride));
        if (k < 0)
            break;
        used += (size_t)k;
    }
}

/* Confinement of the files a report folder reads; see confine.h. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "confine.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int lr_path_is_plain(const char *path)
{
    if (!path || !path[0] || path[0] == '/')
        return 0;
    for (const char *p = path; *p; p++) {
        if ((p == path || p[-1] == '/') && p[0] == '.' && p[1] == '.' && (!p[2] || p[2] == '/'))
            return 0;
        if (*p == '\\' || (unsigned char)*p < 0x20)
            return 0;
    }
    return 1;
}

/* Whether the resolved path file lies in the resolved folder dir. */
static int below(const char *file, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return 1;
    return !strncmp(file, dir, n) && (file[n] == '/' || !file[n]);
}

lr_confine lr_path_confine(const char *path, const char *const *dirs, size_t n, char *real,
                           size_t size)
{
    char *file = realpath(path, NULL);
    if (!file)
        return LR_CONFINE_MISSING;
    lr_confine where = LR_CONFINE_OUTSIDE;
    for (size_t i = 0; i < n && where; i++) {
        char *dir = dirs[i] ? realpath(dirs[i], NULL) : NULL;
        if (dir && below(file, dir) && strlen(file) < size) {
            snprintf(real, size, "%s", file);
            where = LR_CONFINE_INSIDE;
        }
        free(dir);
    }
    free(file);
    return where;
}

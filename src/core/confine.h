/* Which files a report folder may read. A report folder comes from strangers (people clone
 * them): the template its config names and the partials that template includes are read only
 * from a few trusted folders (the report folder, the template's own folder, the data folder),
 * by relative paths without "..", and never through a symlink that leads out of them. */
#ifndef LR_CONFINE_H
#define LR_CONFINE_H

#include <stddef.h>

/* 1 when path is relative and has no ".." component (nor a backslash, nor a control
 * character); else 0. Says nothing about symlinks. */
int lr_path_is_plain(const char *path);

typedef enum lr_confine {
    LR_CONFINE_INSIDE = 0, /* the file lies in one of the folders (symlinks resolved) */
    LR_CONFINE_MISSING,    /* there is no such file (or a dangling link, or a loop) */
    LR_CONFINE_OUTSIDE     /* it exists but lies outside all of them */
} lr_confine;

/* Where path, every symlink resolved, lies against the n folders dirs (also resolved; a NULL
 * entry or a folder that does not exist is skipped). When inside, real (size bytes) receives
 * the resolved path to read, so that what was checked is what gets read. */
lr_confine lr_path_confine(const char *path, const char *const *dirs, size_t n, char *real,
                           size_t size);

#endif

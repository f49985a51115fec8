/* Recursive listing of input files; see walk.h. */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/error.h"

typedef struct seen {
    dev_t dev;
    ino_t ino;
} seen;

typedef struct walker {
    lr_file_list *out;
    seen *dirs;
    size_t n_dirs, cap_dirs;
} walker;

static int push(lr_file_list *l, const char *path)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        char **p = realloc(l->paths, cap * sizeof *p);
        if (!p)
            return -1;
        l->paths = p;
        l->cap = cap;
    }
    char *copy = strdup(path);
    if (!copy)
        return -1;
    l->paths[l->n++] = copy;
    return 0;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int wanted(const char *name)
{
    size_t n = strlen(name);
    if (name[0] == '.')
        return 0;
    return (n > 5 && !strcmp(name + n - 5, ".json")) || (n > 4 && !strcmp(name + n - 4, ".csv"));
}

static lr_status walk_dir(walker *w, const char *dir, const struct stat *st, int depth,
                          lr_error *err)
{
    for (size_t i = 0; i < w->n_dirs; i++)
        if (w->dirs[i].dev == st->st_dev && w->dirs[i].ino == st->st_ino)
            return LR_OK; /* a loop through a symlink: already listed */
    if (depth > 64)
        return LR_OK;
    if (w->n_dirs == w->cap_dirs) {
        size_t cap = w->cap_dirs ? w->cap_dirs * 2 : 16;
        seen *p = realloc(w->dirs, cap * sizeof *p);
        if (!p)
            return lr_error_set(err, LR_ENOMEM, dir, "out of memory");
        w->dirs = p;
        w->cap_dirs = cap;
    }
    w->dirs[w->n_dirs].dev = st->st_dev;
    w->dirs[w->n_dirs].ino = st->st_ino;
    w->n_dirs++;

    DIR *d = opendir(dir);
    if (!d)
        return lr_error_set(err, LR_EIO, dir, "cannot open folder: %s", strerror(errno));
    lr_file_list names = {0};
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (push(&names, e->d_name)) {
            closedir(d);
            lr_file_list_free(&names);
            return lr_error_set(err, LR_ENOMEM, dir, "out of memory");
        }
    }
    closedir(d);
    if (names.n)
        qsort(names.paths, names.n, sizeof(char *), cmp);
    lr_status result = LR_OK;
    for (size_t i = 0; i < names.n && result != LR_ENOMEM; i++) {
        size_t len = strlen(dir) + strlen(names.paths[i]) + 2;
        char *path = malloc(len);
        if (!path) {
            result = lr_error_set(err, LR_ENOMEM, dir, "out of memory");
            break;
        }
        snprintf(path, len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names.paths[i]);
        struct stat sub;
        if (stat(path, &sub) == 0) {
            if (S_ISDIR(sub.st_mode))
                result = walk_dir(w, path, &sub, depth + 1, err);
            else if (S_ISREG(sub.st_mode) && wanted(names.paths[i]) && push(w->out, path))
                result = lr_error_set(err, LR_ENOMEM, dir, "out of memory");
        }
        free(path);
    }
    lr_file_list_free(&names);
    return result;
}

lr_status lr_walk(const char *path, lr_file_list *out, lr_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return lr_error_set(err, LR_EIO, path, "cannot open: %s", strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return push(out, path) ? lr_error_set(err, LR_ENOMEM, path, "out of memory") : LR_OK;
    walker w = {out, NULL, 0, 0};
    lr_status result = walk_dir(&w, path, &st, 0, err);
    free(w.dirs);
    return result;
}

int lr_file_list_add(lr_file_list *l, const char *path)
{
    return push(l, path);
}

void lr_file_list_free(lr_file_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->paths[i]);
    free(l->paths);
    l->paths = NULL;
    l->n = l->cap = 0;
}

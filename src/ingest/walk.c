/* Recursive listing of input files; see walk.h. */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/error.h"
#include "core/output.h"

typedef struct file_id {
    dev_t dev;
    ino_t ino;
    int known; /* 0 for a path that could not be opened */
} file_id;

typedef struct folder {
    file_id id;
    char *path; /* as first met, for the note about meeting it again */
} folder;

typedef struct frame {
    file_id id;
    const char *path;
} frame;

typedef struct walker {
    lr_file_list *out;
    size_t base;  /* out->n when the walk began */
    file_id *ids; /* of out->paths[base...]: the same file met twice is read once */
    size_t cap_ids;
    folder *folders; /* every folder entered */
    size_t n_folders, cap_folders;
    size_t *slots; /* hash of folders by device and inode: index + 1, 0 when empty */
    size_t n_slots;
    frame stack[LR_WALK_MAX_DEPTH + 2]; /* the folders above the one walked, outermost first */
    int depth;
    file_id output;
    int inputs; /* lr_walk_inputs: markers honoured, repeats dropped, everything reported */
    lr_diag_fn report;
    void *user;
} walker;

static int same(file_id a, file_id b)
{
    return a.known && b.known && a.dev == b.dev && a.ino == b.ino;
}

static file_id id_of(const struct stat *st)
{
    return (file_id){st->st_dev, st->st_ino, 1};
}

static void say(walker *w, lr_severity severity, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void say(walker *w, lr_severity severity, const char *path, const char *fmt, ...)
{
    if (!w->report)
        return;
    char message[sizeof((lr_error *)0)->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    lr_error e;
    lr_error_clear(&e);
    lr_error_set(&e, severity == LR_ERROR ? LR_EIO : LR_OK, path, "%s", message);
    w->report(w->user, severity, &e);
}

static int push(lr_file_list *l, const char *path)
{
    if (lr_grow((void **)&l->paths, &l->cap, l->n, sizeof *l->paths))
        return -1;
    char *copy = strdup(path);
    if (!copy)
        return -1;
    l->paths[l->n++] = copy;
    return 0;
}

/* Lists a file, with its device and inode (st NULL: unknown). */
static int list_file(walker *w, const char *path, const struct stat *st)
{
    size_t i = w->out->n - w->base;
    if (lr_grow((void **)&w->ids, &w->cap_ids, i, sizeof *w->ids))
        return -1;
    if (push(w->out, path))
        return -1;
    w->ids[i] = st ? id_of(st) : (file_id){0, 0, 0};
    return 0;
}

static size_t hash_id(file_id id)
{
    uint64_t h = (uint64_t)id.dev * 0x9E3779B97F4A7C15u ^ (uint64_t)id.ino;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9u;
    h ^= h >> 32;
    return (size_t)h;
}

static const folder *folder_find(const walker *w, file_id id)
{
    if (!w->n_slots)
        return NULL;
    for (size_t k = hash_id(id) & (w->n_slots - 1); w->slots[k]; k = (k + 1) & (w->n_slots - 1))
        if (same(w->folders[w->slots[k] - 1].id, id))
            return &w->folders[w->slots[k] - 1];
    return NULL;
}

static int folder_add(walker *w, const char *path, file_id id)
{
    if (lr_grow((void **)&w->folders, &w->cap_folders, w->n_folders, sizeof *w->folders))
        return -1;
    if ((w->n_folders + 1) * 2 > w->n_slots) {
        size_t n = w->n_slots ? w->n_slots * 2 : 64;
        size_t *slots = calloc(n, sizeof *slots);
        if (!slots)
            return -1;
        for (size_t i = 0; i < w->n_folders; i++) {
            size_t k = hash_id(w->folders[i].id) & (n - 1);
            while (slots[k])
                k = (k + 1) & (n - 1);
            slots[k] = i + 1;
        }
        free(w->slots);
        w->slots = slots;
        w->n_slots = n;
    }
    char *copy = strdup(path);
    if (!copy)
        return -1;
    w->folders[w->n_folders].id = id;
    w->folders[w->n_folders].path = copy;
    size_t k = hash_id(id) & (w->n_slots - 1);
    while (w->slots[k])
        k = (k + 1) & (w->n_slots - 1);
    w->slots[k] = ++w->n_folders;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int wanted(const char *name)
{
    size_t n = strlen(name);
    if (name[0] == '.')
        return 0;
    /* .eval: Inspect AI's zip logs, listed as not used with the command that converts them */
    return (n > 5 && !strcmp(name + n - 5, ".json")) || (n > 4 && !strcmp(name + n - 4, ".csv")) ||
           (n > 5 && !strcmp(name + n - 5, ".eval"));
}

/* A broken link could have been an input (or a folder of inputs) unless its name ends like a
 * file of another kind ("notes.txt"). */
static int could_be_input(const char *name)
{
    const char *dot = strrchr(name, '.');
    return wanted(name) || !dot || dot == name;
}

static const char *file_kind(mode_t mode)
{
    return S_ISFIFO(mode)   ? "a FIFO"
           : S_ISCHR(mode)  ? "a character device"
           : S_ISBLK(mode)  ? "a block device"
           : S_ISSOCK(mode) ? "a socket"
                            : "not a file";
}

static int has_marker(const char *dir)
{
    char path[4096];
    struct stat st;
    return snprintf(path, sizeof path, "%s/%s", dir, LR_OUTPUT_MARKER) < (int)sizeof path &&
           lstat(path, &st) == 0;
}

static lr_status walk_dir(walker *w, const char *dir, file_id id, lr_error *err);

/* A folder met inside the walk: entered unless it was entered before, leads back to a folder
 * above it, is (or was) an output folder, or lies too deep. */
static lr_status enter_dir(walker *w, const char *path, file_id id, lr_error *err)
{
    for (int i = 0; i < w->depth; i++)
        if (same(w->stack[i].id, id)) {
            say(w, LR_ERROR, path, "symbolic link loop: leads back to %s, not read",
                w->stack[i].path);
            return LR_OK;
        }
    const folder *f = folder_find(w, id);
    if (f) {
        say(w, LR_NOTE, path, "same folder as %s, read once", f->path);
        return LR_OK;
    }
    if (w->inputs && same(id, w->output)) {
        say(w, LR_NOTE, path, "the output folder of this build, not read");
        return LR_OK;
    }
    if (w->inputs && has_marker(path)) {
        say(w, LR_NOTE, path, "outputs of an earlier llmreport build (%s), not read",
            LR_OUTPUT_MARKER);
        return LR_OK;
    }
    if (w->depth > LR_WALK_MAX_DEPTH) {
        say(w, LR_ERROR, path, "folder nested more than %d levels deep, not read",
            LR_WALK_MAX_DEPTH);
        return LR_OK;
    }
    lr_error e;
    lr_status st = walk_dir(w, path, id, &e);
    if (st == LR_ENOMEM)
        return lr_error_set(err, st, path, "out of memory");
    if (st)
        say(w, LR_ERROR, path, "%s", e.message);
    return LR_OK;
}

/* One entry of a folder. */
static lr_status entry(walker *w, const char *path, const char *name, int in_output, lr_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        int e = errno;
        struct stat l;
        if (lstat(path, &l) != 0 || !could_be_input(name))
            return LR_OK; /* gone since it was listed, or no input */
        if (!S_ISLNK(l.st_mode)) {
            if (wanted(name))
                say(w, LR_ERROR, path, "cannot open: %s", strerror(e));
        } else if (e == ELOOP) {
            say(w, LR_ERROR, path, "symbolic link loop, not read");
        } else if (e == ENOENT) {
            char target[1024];
            ssize_t n = readlink(path, target, sizeof target - 1);
            target[n > 0 ? n : 0] = '\0';
            say(w, LR_ERROR, path, "dangling symbolic link to %s, not read", target);
        } else {
            say(w, LR_ERROR, path, "cannot open: %s", strerror(e));
        }
        return LR_OK;
    }
    if (S_ISDIR(st.st_mode))
        return enter_dir(w, path, id_of(&st), err);
    if (!wanted(name))
        return LR_OK;
    if (in_output && !strcmp(name, "results.json")) {
        say(w, LR_NOTE, path, "written by this build, not read");
        return LR_OK;
    }
    if (!S_ISREG(st.st_mode)) {
        say(w, LR_ERROR, path, "not a regular file (%s), not read", file_kind(st.st_mode));
        return LR_OK;
    }
    return list_file(w, path, &st) ? lr_error_set(err, LR_ENOMEM, path, "out of memory") : LR_OK;
}

/* The entries of dir in byte order of their names. LR_EIO when dir cannot be read. */
static lr_status walk_dir(walker *w, const char *dir, file_id id, lr_error *err)
{
    if (folder_add(w, dir, id))
        return lr_error_set(err, LR_ENOMEM, dir, "out of memory");
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
        qsort(names.paths, names.n, sizeof(char *), by_name);
    w->stack[w->depth].id = id;
    w->stack[w->depth].path = dir;
    w->depth++;
    int in_output = w->inputs && same(id, w->output);
    size_t dlen = strlen(dir);
    const char *sep = dlen && dir[dlen - 1] == '/' ? "" : "/";
    lr_status result = LR_OK;
    for (size_t i = 0; i < names.n && !result; i++) {
        size_t len = dlen + strlen(names.paths[i]) + 2;
        char *path = malloc(len);
        if (!path) {
            result = lr_error_set(err, LR_ENOMEM, dir, "out of memory");
            break;
        }
        snprintf(path, len, "%s%s%s", dir, sep, names.paths[i]);
        result = entry(w, path, names.paths[i], in_output, err);
        free(path);
    }
    w->depth--;
    lr_file_list_free(&names);
    return result;
}

/* A path named by the user: a folder is walked (once), anything else listed as it is. */
static lr_status walk_top(walker *w, const char *path, lr_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (w->inputs)
            return list_file(w, path, NULL) ? lr_error_set(err, LR_ENOMEM, path, "out of memory")
                                            : LR_OK;
        return lr_error_set(err, LR_EIO, path, "cannot open: %s", strerror(errno));
    }
    if (!S_ISDIR(st.st_mode))
        return list_file(w, path, &st) ? lr_error_set(err, LR_ENOMEM, path, "out of memory")
                                       : LR_OK;
    const folder *f = folder_find(w, id_of(&st));
    if (f) {
        if (!strcmp(f->path, path))
            say(w, LR_NOTE, path, "folder given more than once, read once");
        else
            say(w, LR_NOTE, path, "same folder as %s, read once", f->path);
        return LR_OK;
    }
    return walk_dir(w, path, id_of(&st), err);
}

typedef struct listed {
    file_id id;
    const char *path;
    size_t index;
} listed;

static int by_id_then_path(const void *pa, const void *pb)
{
    const listed *a = pa, *b = pb;
    if (a->id.dev != b->id.dev)
        return a->id.dev < b->id.dev ? -1 : 1;
    if (a->id.ino != b->id.ino)
        return a->id.ino < b->id.ino ? -1 : 1;
    int c = strcmp(a->path, b->path);
    return c ? c : (a->index > b->index) - (a->index < b->index);
}

/* The same file listed more than once (given twice, through a symlink or a hard link) stays
 * once: under the first of its paths in byte order, whatever the order of the inputs. */
static lr_status drop_repeats(walker *w, lr_error *err)
{
    lr_file_list *out = w->out;
    size_t n = out->n - w->base;
    if (n < 2)
        return LR_OK;
    listed *all = malloc(n * sizeof *all);
    size_t *kept = malloc(n * sizeof *kept);
    if (!all || !kept) {
        free(all);
        free(kept);
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        kept[i] = i;
        if (w->ids[i].known)
            all[m++] = (listed){w->ids[i], out->paths[w->base + i], i};
    }
    qsort(all, m, sizeof *all, by_id_then_path);
    for (size_t i = 1; i < m; i++)
        if (same(all[i].id, all[i - 1].id))
            kept[all[i].index] = kept[all[i - 1].index];
    for (size_t i = 0; i < n; i++) {
        const char *path = out->paths[w->base + i], *first = out->paths[w->base + kept[i]];
        if (kept[i] == i)
            continue;
        if (!strcmp(first, path))
            say(w, LR_NOTE, path, "file given more than once, read once");
        else
            say(w, LR_NOTE, path, "same file as %s, read once", first);
    }
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (kept[i] != i) {
            free(out->paths[w->base + i]);
            continue;
        }
        out->paths[w->base + j] = out->paths[w->base + i];
        w->ids[j++] = w->ids[i];
    }
    out->n = w->base + j;
    free(all);
    free(kept);
    return LR_OK;
}

static void walker_free(walker *w)
{
    for (size_t i = 0; i < w->n_folders; i++)
        free(w->folders[i].path);
    free(w->folders);
    free(w->slots);
    free(w->ids);
}

lr_status lr_walk_inputs(const char *const *inputs, size_t n, const lr_walk_options *opt,
                         lr_file_list *out, lr_error *err)
{
    walker w;
    memset(&w, 0, sizeof w);
    w.out = out;
    w.base = out->n;
    w.inputs = 1;
    w.report = opt ? opt->report : NULL;
    w.user = opt ? opt->user : NULL;
    struct stat st;
    if (opt && opt->output && stat(opt->output, &st) == 0 && S_ISDIR(st.st_mode))
        w.output = id_of(&st);
    /* the inputs in byte order: when one folder is reached under two names (a symlink to it,
     * a folder and a link into it), the files keep the path of the first in that order,
     * whatever the order they were given in */
    const char **sorted = malloc((n ? n : 1) * sizeof *sorted);
    if (!sorted) {
        walker_free(&w);
        return lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    }
    if (n)
        memcpy(sorted, inputs, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, by_name);
    lr_status result = LR_OK;
    for (size_t i = 0; i < n && result != LR_ENOMEM; i++) {
        lr_error e;
        lr_error_clear(&e);
        result = walk_top(&w, sorted[i], &e);
        if (result == LR_ENOMEM)
            *err = e;
        else if (result)
            say(&w, LR_ERROR, sorted[i], "%s", e.message);
    }
    free(sorted);
    if (result != LR_ENOMEM)
        result = drop_repeats(&w, err);
    /* in byte order of their paths, whatever the order of the inputs: the same inputs give the
     * same report */
    if (result != LR_ENOMEM && out->n - w.base > 1)
        qsort(out->paths + w.base, out->n - w.base, sizeof *out->paths, by_name);
    walker_free(&w);
    return result;
}

lr_status lr_walk(const char *path, lr_file_list *out, lr_error *err)
{
    walker w;
    memset(&w, 0, sizeof w);
    w.out = out;
    w.base = out->n;
    lr_status result = walk_top(&w, path, err);
    walker_free(&w);
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

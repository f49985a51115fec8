/* Staged output files; see output.h. */
#ifdef __linux__
#define _GNU_SOURCE /* sync_file_range, renameat2 */
#else
#define _XOPEN_SOURCE 700 /* realpath */
#endif
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"

/* dir/name, malloc'd; NULL when out of memory. */
static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

int lr_mkdirs(const char *path)
{
    char buf[4096];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, path, n + 1);
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, 0777) && errno != EEXIST)
                return -1;
            *p = '/';
        }
    }
    if (mkdir(buf, 0777) && errno != EEXIST)
        return -1;
    struct stat st;
    return stat(buf, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

/* The resolved path of dir, split into its folder and its name; -1 when it cannot be staged
 * beside (the root). */
static int split_real(const char *dir, char **real, char **parent, char **base)
{
    *real = realpath(dir, NULL);
    if (!*real)
        return -1;
    char *slash = strrchr(*real, '/');
    if (!slash || !slash[1] || slash == *real) {
        *parent = *base = NULL;
        return -1;
    }
    *parent = strndup(*real, (size_t)(slash - *real));
    *base = strdup(slash + 1);
    return *parent && *base ? 0 : -1;
}

/* Whether the working folder lies in dir (resolved): replacing dir as a whole would leave the
 * process, and the relative paths it was given, in the old folder. */
static int holds_cwd(const char *real)
{
    char *cwd = getcwd(NULL, 0);
    size_t n = strlen(real);
    int in = cwd && !strncmp(cwd, real, n) && (cwd[n] == '/' || !cwd[n]);
    free(cwd);
    return in;
}

static const char marker_text[] = "This folder holds the outputs of llmreport build. llmreport "
                                  "does not read input files below a folder holding this file.\n";

/* Takes the folder's lock: flock on the folder itself, so that no file is added for it. The
 * folder at dir may be switched while this waits: then the lock is taken again on the new one.
 * Where folders cannot be locked (some network file systems), the build goes on unlocked. */
static lr_status lock_folder(lr_output *out, const char *dir, int wait, lr_error *err)
{
    for (;;) {
        int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0)
            return lr_error_set(err, LR_EIO, dir, "cannot open the output folder: %s",
                                strerror(errno));
        if (flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB))) {
            int e = errno;
            close(fd);
            if (e == EINTR)
                continue;
            if (e == EWOULDBLOCK)
                return lr_error_set(err, LR_EBUSY, dir,
                                    "another build is writing into this folder (--wait to wait "
                                    "for it)");
            return LR_OK;
        }
        struct stat held, now;
        if (fstat(fd, &held) == 0 && stat(dir, &now) == 0 && held.st_dev == now.st_dev &&
            held.st_ino == now.st_ino) {
            out->lock = fd;
            return LR_OK;
        }
        close(fd); /* switched by the build that held it */
    }
}

lr_status lr_output_begin(lr_output *out, const char *dir, int wait, lr_error *err)
{
    memset(out, 0, sizeof *out);
    out->lock = out->stage_lock = -1;
    if (lr_mkdirs(dir))
        return lr_error_set(err, LR_EIO, dir, "cannot create output folder: %s", strerror(errno));
    /* a folder the user made read-only stays unwritten, though a new one could replace it */
    if (access(dir, W_OK))
        return lr_error_set(err, LR_EIO, dir, "cannot write: %s", strerror(errno));
    lr_status locked = lock_folder(out, dir, wait, err);
    if (locked)
        return locked;
    out->dir = strdup(dir);
    if (!out->dir) {
        lr_output_end(out);
        return lr_error_set(err, LR_ENOMEM, dir, "out of memory");
    }
    char *parent = NULL, *base = NULL;
    struct stat st;
    if (split_real(dir, &out->real, &parent, &base) == 0 && !holds_cwd(out->real) &&
        stat(out->real, &st) == 0) {
        size_t n = strlen(parent) + strlen(base) + 32;
        out->stage = malloc(n);
        out->prefix = malloc(n);
        if (out->stage && out->prefix) {
            snprintf(out->prefix, n, "%s/.%s" LR_OUTPUT_STAGE, parent, base);
            snprintf(out->stage, n, "%sXXXXXX", out->prefix);
        }
        if (!out->stage || !out->prefix || !mkdtemp(out->stage)) {
            free(out->stage); /* the parent cannot hold it: replaced file by file */
            out->stage = NULL;
        } else {
            chmod(out->stage, st.st_mode & 07777);
        }
    }
    free(parent);
    free(base);
    if (!out->stage)
        return LR_OK;
    /* the staged folder is marked from the start: a walk never reads one a kill left behind */
    char path[4096];
    snprintf(path, sizeof path, "%s/" LR_OUTPUT_MARKER, out->stage);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    int failed = fd < 0 || write(fd, marker_text, sizeof marker_text - 1) < 0;
    if ((fd >= 0 && close(fd)) || failed) {
        lr_error_set(err, LR_EIO, dir, "cannot write: %s", strerror(errno));
        lr_output_end(out);
        return LR_EIO;
    }
    return LR_OK;
}

static int safe_rel(const char *rel)
{
    if (!rel[0] || rel[0] == '/')
        return 0;
    for (const char *p = rel; *p; p++) {
        if ((p == rel || p[-1] == '/') && p[0] == '.' && p[1] == '.' && (!p[2] || p[2] == '/'))
            return 0;
        if ((unsigned char)*p < 0x20)
            return 0;
    }
    return 1;
}

lr_status lr_output_open(lr_output *out, const char *rel, lr_output_file *f, lr_error *err)
{
    memset(f, 0, sizeof *f);
    f->fd = -1;
    if (!safe_rel(rel))
        return lr_error_set(err, LR_EUSAGE, rel, "output name leaves the output folder");
    const char *home = out->stage ? out->stage : out->dir;
    size_t n = strlen(out->dir) + strlen(rel) + 2;
    size_t tn = strlen(home) + strlen(rel) + 18;
    f->target = malloc(n);
    f->temp = malloc(tn);
    if (!f->target || !f->temp) {
        free(f->target);
        free(f->temp);
        f->target = f->temp = NULL;
        return lr_error_set(err, LR_ENOMEM, rel, "out of memory");
    }
    snprintf(f->target, n, "%s/%s", out->dir, rel);
    /* staged: the file's place in the new folder; in place: a temporary file beside the target */
    snprintf(f->temp, tn, out->stage ? "%s/%s" : "%s/%s.tmp.XXXXXX", home, rel);
    char *slash = strrchr(f->temp, '/');
    if (slash > f->temp + strlen(home)) {
        *slash = '\0';
        int rc = lr_mkdirs(f->temp);
        *slash = '/';
        if (rc) {
            char *shown = strrchr(f->target, '/');
            *shown = '\0';
            lr_error_set(err, LR_EIO, f->target, "cannot create folder: %s", strerror(errno));
            goto fail;
        }
    }
    f->fd = out->stage ? open(f->temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)
                       : mkstemp(f->temp);
    if (f->fd < 0) {
        lr_error_set(err, LR_EIO, f->target, "cannot write: %s", strerror(errno));
        goto fail;
    }
    return LR_OK;
fail:
    free(f->target);
    free(f->temp);
    f->target = f->temp = NULL;
    return LR_EIO;
}

int lr_output_write(void *user, const char *data, size_t len)
{
    lr_output_file *f = user;
    size_t done = 0;
    while (!f->failed && done < len) {
        ssize_t w = write(f->fd, data + done, len - done);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            f->failed = errno;
            break;
        }
        done += (size_t)w;
    }
    f->written += done;
    f->synced = 0;
#if defined(__linux__) && defined(SYNC_FILE_RANGE_WRITE)
    /* a large output: start writing it to disk now, so that the fsync before the rename has
     * little left to wait for (results.json is as large as the inputs) */
    if (!f->failed && f->written - f->flushed >= 8u << 20) {
        sync_file_range(f->fd, (off_t)f->flushed, (off_t)(f->written - f->flushed),
                        SYNC_FILE_RANGE_WRITE);
        f->flushed = f->written;
    }
#endif
    return f->failed ? -1 : 0;
}

void lr_output_sync(lr_output_file *f)
{
    if (!f->failed && !f->synced && f->fd >= 0) {
        if (fsync(f->fd) && errno != EINVAL && errno != EROFS)
            f->failed = errno;
        f->synced = 1;
    }
}

lr_status lr_output_close(lr_output *out, lr_output_file *f, lr_error *err)
{
    if (!f->temp)
        return LR_OK;
    lr_output_sync(f);
    int failed = f->failed;
    if (close(f->fd) && !failed)
        failed = errno;
    f->fd = -1;
    chmod(f->temp, 0644);
    if (failed || out->n == out->cap) {
        lr_staged *p =
            failed ? NULL : realloc(out->files, (out->cap ? out->cap * 2 : 16) * sizeof *p);
        if (failed || !p) {
            unlink(f->temp);
            if (failed)
                lr_error_set(err, LR_EIO, f->target, "cannot write: %s", strerror(failed));
            else
                lr_error_set(err, LR_ENOMEM, f->target, "out of memory");
            free(f->target);
            free(f->temp);
            f->target = f->temp = NULL;
            return failed ? LR_EIO : LR_ENOMEM;
        }
        out->files = p;
        out->cap = out->cap ? out->cap * 2 : 16;
    }
    out->files[out->n].target = f->target;
    out->files[out->n].temp = f->temp;
    out->n++;
    f->target = f->temp = NULL;
    return LR_OK;
}

lr_status lr_output_add(lr_output *out, const char *rel, const char *data, size_t len,
                        lr_error *err)
{
    lr_output_file f;
    lr_status st = lr_output_open(out, rel, &f, err);
    if (st)
        return st;
    lr_output_write(&f, data, len);
    return lr_output_close(out, &f, err);
}

/* Length of the folder part of a target path ("out/charts/a.svg" -> 10). */
static size_t dir_len(const char *target)
{
    const char *slash = strrchr(target, '/');
    return slash ? (size_t)(slash - target) : 0;
}

/* Whether name is "<base>.tmp.XXXXXX" (mkstemp's suffix) for the base name of one of the
 * targets in folder dir (first n bytes of their paths). */
static int stale_temp(const lr_output *out, const char *dir, size_t n, const char *name)
{
    size_t len = strlen(name);
    if (len <= 11 || memcmp(name + len - 11, ".tmp.", 5))
        return 0;
    for (size_t i = 0; i < out->n; i++) {
        const char *t = out->files[i].target;
        if (dir_len(t) != n || memcmp(t, dir, n))
            continue;
        const char *base = t + n + 1;
        if (strlen(base) == len - 11 && !memcmp(base, name, len - 11))
            return 1;
    }
    return 0;
}

/* Removes the temporary files that builds killed before their commit left beside the targets
 * just written (a build that is stopped cannot clean up after itself). Another build writing
 * into the same folder at the same moment would lose its temporary files: builds into one
 * folder are meant to run one at a time. */
static void remove_stale(const lr_output *out)
{
    for (size_t i = 0; i < out->n; i++) {
        const char *t = out->files[i].target;
        size_t n = dir_len(t), k;
        for (k = 0; k < i; k++) /* each folder once */
            if (dir_len(out->files[k].target) == n && !memcmp(out->files[k].target, t, n))
                break;
        if (k < i || !n)
            continue;
        char *dir = strndup(t, n);
        DIR *d = dir ? opendir(dir) : NULL;
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (!stale_temp(out, dir, n, e->d_name))
                continue;
            size_t plen = n + strlen(e->d_name) + 2;
            char *path = malloc(plen);
            if (path) {
                snprintf(path, plen, "%s/%s", dir, e->d_name);
                unlink(path);
                free(path);
            }
        }
        if (d)
            closedir(d);
        free(dir);
    }
}

/* Stages LR_OUTPUT_MARKER when the folder has none (a build that writes nothing adds none). */
static lr_status stage_marker(lr_output *out, lr_error *err)
{
    char path[4096];
    struct stat st;
    if (!out->n ||
        snprintf(path, sizeof path, "%s/" LR_OUTPUT_MARKER, out->dir) >= (int)sizeof path ||
        lstat(path, &st) == 0)
        return LR_OK;
    return lr_output_add(out, LR_OUTPUT_MARKER, marker_text, sizeof marker_text - 1, err);
}

/* A folder in the way of a target is the one failure of rename that can be seen coming:
 * refused before anything changes, so the previous outputs stay together. */
static lr_status check_targets(lr_output *out, lr_error *err)
{
    for (size_t i = 0; i < out->n; i++) {
        struct stat st;
        if (lstat(out->files[i].target, &st) == 0 && S_ISDIR(st.st_mode))
            return lr_error_set(err, LR_EIO, out->files[i].target, "cannot rename into place: %s",
                                strerror(EISDIR));
    }
    return LR_OK;
}

/* The folder's files renamed into it one by one: when no folder can be staged beside it. */
static lr_status commit_in_place(lr_output *out, lr_error *err)
{
    lr_status st = stage_marker(out, err);
    if (!st)
        st = check_targets(out, err);
    for (size_t i = 0; !st && i < out->n; i++) {
        if (rename(out->files[i].temp, out->files[i].target))
            return lr_error_set(err, LR_EIO, out->files[i].target, "cannot rename into place: %s",
                                strerror(errno));
        free(out->files[i].temp);
        out->files[i].temp = NULL;
    }
    if (!st)
        remove_stale(out);
    return st;
}

/* Removes path and, when it is a folder (not a link to one), everything below it. */
static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st))
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char *sub = join(path, e->d_name);
            if (sub)
                remove_tree(sub);
            free(sub);
        }
        if (d)
            closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* A copy of the regular file from at to (a link could not be made), with its mode. */
static int copy_file(const char *from, const char *to, mode_t mode)
{
    int in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return -1;
    int o = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode & 07777);
    char buf[65536];
    ssize_t n = 0;
    while (o >= 0 && (n = read(in, buf, sizeof buf)) > 0)
        for (ssize_t done = 0; n > 0 && done < n;) {
            ssize_t w = write(o, buf + done, (size_t)(n - done));
            if (w < 0 && errno != EINTR)
                n = -1;
            else if (w > 0)
                done += w;
        }
    int failed = o < 0 || n < 0 || fsync(o);
    close(in);
    if (o >= 0 && close(o))
        failed = 1;
    if (failed && o >= 0)
        unlink(to);
    return failed ? -1 : 0;
}

/* Whether name is a temporary file ("NAME.tmp.XXXXXX") that a build of an older version,
 * stopped, left beside NAME, which the build in folder to has written anew. */
static int old_temp(const char *to, const char *name)
{
    size_t len = strlen(name);
    if (len <= 11 || memcmp(name + len - 11, ".tmp.", 5))
        return 0;
    char *base = strndup(name, len - 11), *path = base ? join(to, base) : NULL;
    struct stat st;
    int stale = path && lstat(path, &st) == 0;
    free(base);
    free(path);
    return stale;
}

/* What the new folder (to) takes over from the old one (from): every entry the build did not
 * write, files as hard links (copies where a link cannot be made), folders recreated, links
 * as links. With move set, entries are renamed instead (after the switch: what appeared in the
 * old folder meanwhile). Returns -1 (errno set) when an entry could not be taken over. */
static int carry(const char *from, const char *to, int move)
{
    DIR *d = opendir(from);
    if (!d)
        return -1;
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || old_temp(to, e->d_name))
            continue;
        char *src = join(from, e->d_name), *dst = join(to, e->d_name);
        struct stat ss, ds;
        if (!src || !dst) {
            errno = ENOMEM;
            rc = -1;
        } else if (lstat(src, &ss)) {
            rc = errno == ENOENT ? 0 : -1;
        } else if (lstat(dst, &ds) == 0) {
            if (S_ISDIR(ss.st_mode) && S_ISDIR(ds.st_mode)) /* a folder the build wrote into */
                rc = carry(src, dst, move);
        } else if (move) {
            rc = rename(src, dst);
        } else if (S_ISDIR(ss.st_mode)) {
            rc = mkdir(dst, ss.st_mode & 07777) ? -1 : carry(src, dst, 0);
        } else if (S_ISREG(ss.st_mode)) {
            rc = link(src, dst) && copy_file(src, dst, ss.st_mode) ? -1 : 0;
        } else if (S_ISLNK(ss.st_mode)) {
            char target[4096];
            ssize_t n = readlink(src, target, sizeof target - 1);
            if (n >= 0)
                target[n] = '\0';
            rc = n < 0 || symlink(target, dst) ? -1 : 0;
        } /* FIFOs, sockets, devices: renamed over after the switch */
        free(src);
        free(dst);
    }
    int saved = errno;
    closedir(d);
    errno = saved;
    return rc;
}

/* Makes what was written to the folder at path durable (its entries, not its files). */
static void sync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* Swaps the folders a and b in one step; 0 or -1 with errno. */
static int exchange(const char *a, const char *b)
{
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    (void)a;
    (void)b;
    errno = ENOSYS;
    return -1;
#endif
}

/* Removes the staged folders of builds into the same folder that were killed (the one taking
 * the output lock cleans up for those before it). */
static void remove_stale_stages(const lr_output *out)
{
    const char *slash = strrchr(out->prefix, '/');
    char *parent = strndup(out->prefix, (size_t)(slash - out->prefix));
    const char *name = slash + 1;
    size_t n = strlen(name);
    DIR *d = parent ? opendir(parent) : NULL;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (strncmp(e->d_name, name, n))
            continue;
        char *path = join(parent, e->d_name);
        if (path && strcmp(path, out->stage))
            remove_tree(path);
        free(path);
    }
    if (d)
        closedir(d);
    free(parent);
}

/* The staged folder, complete, takes the folder's place in one rename: readers see the old set
 * of outputs or the new one, never a mix, whenever the build is stopped. */
static lr_status commit_staged(lr_output *out, lr_error *err)
{
    lr_status st = check_targets(out, err);
    if (st)
        return st;
    remove_stale_stages(out);
    if (carry(out->real, out->stage, 0))
        return lr_error_set(err, LR_EIO, out->dir, "cannot keep the folder's other files: %s",
                            strerror(errno));
    sync_dir(out->stage);
    /* the new folder is locked before it takes the old one's place: a build waiting for the
     * old one's lock then finds the new one still held until this build ends */
    out->stage_lock = open(out->stage, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (out->stage_lock >= 0)
        flock(out->stage_lock, LOCK_EX | LOCK_NB);
    if (exchange(out->stage, out->real)) {
        if (errno != ENOSYS && errno != EINVAL)
            return lr_error_set(err, LR_EIO, out->dir, "cannot replace the folder: %s",
                                strerror(errno));
        /* no exchange on this system or file system: old folder aside, new one in; a stop
         * between the two renames leaves the folder missing, never mixed */
        size_t n = strlen(out->stage) + 5;
        char *aside = malloc(n);
        if (!aside)
            return lr_error_set(err, LR_ENOMEM, out->dir, "out of memory");
        snprintf(aside, n, "%s.old", out->stage);
        if (rename(out->real, aside) || rename(out->stage, out->real)) {
            int saved = errno;
            rename(aside, out->real);
            free(aside);
            return lr_error_set(err, LR_EIO, out->dir, "cannot replace the folder: %s",
                                strerror(saved));
        }
        free(out->stage);
        out->stage = aside;
    }
    out->committed = 1;
    const char *slash = strrchr(out->real, '/');
    char *parent = strndup(out->real, (size_t)(slash - out->real));
    if (parent)
        sync_dir(parent);
    free(parent);
    /* the old folder, now at the staged path: what appeared in it since it was carried over
     * goes to the new one, the rest is removed */
    carry(out->stage, out->real, 1);
    remove_tree(out->stage);
    return LR_OK;
}

lr_status lr_output_commit(lr_output *out, lr_error *err)
{
    if (!out->stage)
        return commit_in_place(out, err);
    if (!out->n) /* nothing written: the folder stays as it was */
        return LR_OK;
    return commit_staged(out, err);
}

void lr_output_end(lr_output *out)
{
    for (size_t i = 0; i < out->n; i++) {
        if (out->files[i].temp && !out->stage) /* staged files go with their folder */
            unlink(out->files[i].temp);
        free(out->files[i].temp);
        free(out->files[i].target);
    }
    if (out->stage) /* an unfinished build's folder, or the old one after the switch */
        remove_tree(out->stage);
    free(out->files);
    free(out->dir);
    free(out->real);
    free(out->stage);
    free(out->prefix);
    if (out->lock >= 0)
        close(out->lock);
    if (out->stage_lock >= 0)
        close(out->stage_lock);
    memset(out, 0, sizeof *out);
    out->lock = out->stage_lock = -1;
}

/* Staged output files; see output.h. */
#ifdef __linux__
#define _GNU_SOURCE /* sync_file_range */
#endif
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"

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

lr_status lr_output_begin(lr_output *out, const char *dir, lr_error *err)
{
    memset(out, 0, sizeof *out);
    if (lr_mkdirs(dir))
        return lr_error_set(err, LR_EIO, dir, "cannot create output folder: %s", strerror(errno));
    out->dir = strdup(dir);
    return out->dir ? LR_OK : lr_error_set(err, LR_ENOMEM, dir, "out of memory");
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
    size_t n = strlen(out->dir) + strlen(rel) + 2;
    f->target = malloc(n);
    f->temp = malloc(n + 16);
    if (!f->target || !f->temp) {
        free(f->target);
        free(f->temp);
        f->target = f->temp = NULL;
        return lr_error_set(err, LR_ENOMEM, rel, "out of memory");
    }
    snprintf(f->target, n, "%s/%s", out->dir, rel);
    char *slash = strrchr(f->target, '/');
    if (slash > f->target + strlen(out->dir)) {
        *slash = '\0';
        int rc = lr_mkdirs(f->target);
        *slash = '/';
        if (rc) {
            lr_error_set(err, LR_EIO, f->target, "cannot create folder: %s", strerror(errno));
            goto fail;
        }
    }
    snprintf(f->temp, n + 16, "%s.tmp.XXXXXX", f->target);
    f->fd = mkstemp(f->temp);
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
    static const char text[] = "This folder holds the outputs of llmreport build. llmreport does "
                               "not read input files below a folder holding this file.\n";
    char path[4096];
    struct stat st;
    if (!out->n ||
        snprintf(path, sizeof path, "%s/" LR_OUTPUT_MARKER, out->dir) >= (int)sizeof path ||
        lstat(path, &st) == 0)
        return LR_OK;
    return lr_output_add(out, LR_OUTPUT_MARKER, text, sizeof text - 1, err);
}

lr_status lr_output_commit(lr_output *out, lr_error *err)
{
    lr_status marked = stage_marker(out, err);
    if (marked)
        return marked;
    /* a folder in the way of a target is the one failure of rename that can be seen coming:
     * refuse before anything is renamed, so the previous outputs stay together */
    for (size_t i = 0; i < out->n; i++) {
        struct stat st;
        if (lstat(out->files[i].target, &st) == 0 && S_ISDIR(st.st_mode))
            return lr_error_set(err, LR_EIO, out->files[i].target, "cannot rename into place: %s",
                                strerror(EISDIR));
    }
    for (size_t i = 0; i < out->n; i++) {
        if (rename(out->files[i].temp, out->files[i].target))
            return lr_error_set(err, LR_EIO, out->files[i].target, "cannot rename into place: %s",
                                strerror(errno));
        free(out->files[i].temp);
        out->files[i].temp = NULL;
    }
    remove_stale(out);
    return LR_OK;
}

void lr_output_end(lr_output *out)
{
    for (size_t i = 0; i < out->n; i++) {
        if (out->files[i].temp) {
            unlink(out->files[i].temp);
            free(out->files[i].temp);
        }
        free(out->files[i].target);
    }
    free(out->files);
    free(out->dir);
    memset(out, 0, sizeof *out);
}

/* Staged output files; see output.h. */
#include "output.h"

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
        return lr_error_set(err, LR_EIO, dir, "cannot create output folder: %s",
                            strerror(errno));
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

lr_status lr_output_add(lr_output *out, const char *rel, const char *data, size_t len,
                        lr_error *err)
{
    if (!safe_rel(rel))
        return lr_error_set(err, LR_EUSAGE, rel, "output name leaves the output folder");
    size_t n = strlen(out->dir) + strlen(rel) + 2;
    char *target = malloc(n);
    char *temp = malloc(n + 16);
    if (!target || !temp) {
        free(target);
        free(temp);
        return lr_error_set(err, LR_ENOMEM, rel, "out of memory");
    }
    snprintf(target, n, "%s/%s", out->dir, rel);
    char *slash = strrchr(target, '/');
    if (slash > target + strlen(out->dir)) {
        *slash = '\0';
        int rc = lr_mkdirs(target);
        *slash = '/';
        if (rc) {
            lr_error_set(err, LR_EIO, target, "cannot create folder: %s", strerror(errno));
            free(target);
            free(temp);
            return LR_EIO;
        }
    }
    snprintf(temp, n + 16, "%s.tmp.XXXXXX", target);
    int fd = mkstemp(temp);
    if (fd < 0) {
        lr_error_set(err, LR_EIO, target, "cannot write: %s", strerror(errno));
        free(target);
        free(temp);
        return LR_EIO;
    }
    size_t done = 0;
    int failed = 0;
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            failed = errno;
            break;
        }
        done += (size_t)w;
    }
    if (!failed && fsync(fd) && errno != EINVAL && errno != EROFS)
        failed = errno;
    if (close(fd) && !failed)
        failed = errno;
    chmod(temp, 0644);
    if (failed) {
        unlink(temp);
        lr_error_set(err, LR_EIO, target, "cannot write: %s", strerror(failed));
        free(target);
        free(temp);
        return LR_EIO;
    }
    if (out->n == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 16;
        lr_staged *p = realloc(out->files, cap * sizeof *p);
        if (!p) {
            unlink(temp);
            free(target);
            free(temp);
            return lr_error_set(err, LR_ENOMEM, rel, "out of memory");
        }
        out->files = p;
        out->cap = cap;
    }
    out->files[out->n].target = target;
    out->files[out->n].temp = temp;
    out->n++;
    return LR_OK;
}

lr_status lr_output_commit(lr_output *out, lr_error *err)
{
    for (size_t i = 0; i < out->n; i++) {
        if (rename(out->files[i].temp, out->files[i].target))
            return lr_error_set(err, LR_EIO, out->files[i].target, "cannot rename into place: %s",
                                strerror(errno));
        free(out->files[i].temp);
        out->files[i].temp = NULL;
    }
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

/* Helpers shared by the unit tests. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *shared_path(const char *rel)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", LR_SHARED_DATA, rel);
    return buf;
}

const char *source_path(const char *rel)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", LR_SOURCE_DIR, rel);
    return buf;
}

char *read_text(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 >= cap) {
            cap *= 2;
            char *p = realloc(buf, cap);
            if (!p) {
                free(buf);
                buf = NULL;
            }
            buf = p;
        }
    }
    fclose(f);
    if (!buf)
        return NULL;
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

static void make_parents(const char *path)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(tmp, 0777);
            *p = '/';
        }
    }
}

int write_text(const char *path, const char *data)
{
    make_parents(path);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t n = strlen(data);
    int ok = fwrite(data, 1, n, f) == n;
    return (fclose(f) == 0 && ok) ? 0 : -1;
}

int check_golden(const char *name, const char *text)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/golden/%s", LR_SOURCE_DIR, name);
    const char *update = getenv("UPDATE_GOLDEN");
    if (update && !strcmp(update, "1"))
        return write_text(path, text);
    char *want = read_text(path, NULL);
    if (!want) {
        fprintf(stderr, "golden %s missing (run with UPDATE_GOLDEN=1)\n", path);
        return -1;
    }
    int rc = strcmp(want, text) != 0;
    if (rc) {
        char got[4096];
        snprintf(got, sizeof got, "%s/golden-actual/%s", LR_BINARY_DIR, name);
        write_text(got, text);
        fprintf(stderr, "golden %s differs; actual output in %s\n", path, got);
    }
    free(want);
    return rc;
}

const char *temp_dir(const char *name)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/test-tmp/%s", LR_BINARY_DIR, name);
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", buf, buf);
    if (system(cmd) != 0)
        return NULL;
    return buf;
}

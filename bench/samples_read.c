/*
 * samples_read: the cost of reading per-item samples files two ways (issue 18).
 *
 *   samples_read MODE FILE...
 *
 * MODE is one of
 *   scan   lr_samples_scan (src/ingest/samples.c): 1 MiB chunks through the streaming scanner,
 *          which keeps ids, hashes and metric values and steps over everything else
 *   cjson  the naive way: the same 1 MiB chunks cut into lines, each whole line gathered in a
 *          buffer, cJSON_ParseWithLength, doc_id and acc read from the tree, cJSON_Delete
 *
 * One thread, the files in the order given. Both count lines and sum acc, so that each has to
 * find the same values; the totals must agree. Prints one line: mode, files, lines, bytes, the
 * sum of acc, CPU seconds, MB/s. Peak memory is measured from outside (/usr/bin/time -v).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "ingest/samples.h"

enum { CHUNK = 1 << 20 };

typedef struct totals {
    size_t lines;
    double acc;
    unsigned long long bytes;
} totals;

static void take(void *user, const lr_sample_line *l, size_t lineno)
{
    totals *t = user;
    (void)lineno;
    t->lines++;
    for (size_t i = 0; i < l->n_values; i++)
        if (!strcmp(l->value_name[i], "acc"))
            t->acc += l->value[i];
}

static int scan_file(const char *path, totals *t)
{
    lr_samples_scan_stats st;
    lr_error err;
    if (lr_samples_scan(path, NULL, take, t, &st, &err)) {
        fprintf(stderr, "%s: %s\n", path, err.message);
        return -1;
    }
    t->bytes += st.bytes;
    return 0;
}

static void parse_line(const char *s, size_t n, totals *t)
{
    cJSON *j = cJSON_ParseWithLength(s, n);
    if (!j)
        return;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(j, "doc_id");
    const cJSON *acc = cJSON_GetObjectItemCaseSensitive(j, "acc");
    if (id && cJSON_IsNumber(acc)) {
        t->lines++;
        t->acc += acc->valuedouble;
    }
    cJSON_Delete(j);
}

static int cjson_file(const char *path, totals *t)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        perror(path);
        return -1;
    }
    char *buf = malloc(CHUNK);
    char *line = NULL;
    size_t len = 0, cap = 0;
    ssize_t got;
    while (buf && (got = read(fd, buf, CHUNK)) > 0) {
        t->bytes += (unsigned long long)got;
        const char *p = buf, *end = buf + got;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t k = (size_t)((nl ? nl : end) - p);
            if (len + k + 1 > cap) {
                cap = 2 * (len + k + 1);
                char *grown = realloc(line, cap);
                if (!grown) {
                    free(line);
                    free(buf);
                    close(fd);
                    return -1;
                }
                line = grown;
            }
            memcpy(line + len, p, k);
            len += k;
            if (!nl)
                break;
            parse_line(line, len, t);
            len = 0;
            p = nl + 1;
        }
    }
    if (len)
        parse_line(line, len, t);
    free(line);
    free(buf);
    close(fd);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[1], "scan") && strcmp(argv[1], "cjson"))) {
        fprintf(stderr, "usage: samples_read scan|cjson FILE...\n");
        return 2;
    }
    int scan = !strcmp(argv[1], "scan");
    totals t = {0, 0, 0};
    clock_t start = clock();
    for (int i = 2; i < argc; i++)
        if ((scan ? scan_file : cjson_file)(argv[i], &t))
            return 1;
    double cpu = (double)(clock() - start) / CLOCKS_PER_SEC;
    printf("%s files %d lines %zu bytes %llu acc %.0f cpu %.3f MB/s %.1f\n", argv[1], argc - 2,
           t.lines, t.bytes, t.acc, cpu, cpu > 0 ? (double)t.bytes / 1e6 / cpu : 0);
    return 0;
}

/*
 * load_only: the cost of loading JSON files two ways, on the same bytes (issue 8).
 *
 *   load_only [-r RUNS] MODE DIR...
 *
 * MODE is one of
 *   load   lr_json_load into an arena, lr_arena_reset after each file
 *   cjson  cJSON_ParseWithLength + cJSON_Delete, nothing else (what parse_only does)
 *
 * Every *.json under each DIR (recursively, names sorted) is read into memory first; then, RUNS
 * times (default 1), each file is copied into a fresh malloc'ed buffer (as reading a file gives
 * one), loaded, and the buffer freed. Only that loop, run_mode(), is timed; under callgrind use
 * --toggle-collect=run_mode to count its instructions alone. One thread.
 *
 * Prints one line: mode, files, bytes, failures, CPU seconds per run, MB/s.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/json.h"

typedef struct file {
    char *path, *data;
    size_t len;
} file;

typedef struct list {
    file *v;
    size_t n, cap;
} list;

static void *xrealloc(void *p, size_t n)
{
    if (!(p = realloc(p, n))) {
        perror("load_only");
        exit(1);
    }
    return p;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void read_file(const char *path, list *out)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f || fstat(fileno(f), &st)) {
        perror(path);
        exit(1);
    }
    char *data = xrealloc(NULL, (size_t)st.st_size + 1);
    size_t got = fread(data, 1, (size_t)st.st_size, f);
    fclose(f);
    data[got] = '\0';
    if (out->n == out->cap) {
        out->cap = out->cap ? 2 * out->cap : 1024;
        out->v = xrealloc(out->v, out->cap * sizeof *out->v);
    }
    out->v[out->n++] = (file){strdup(path), data, got};
}

static void walk(const char *dir, list *out)
{
    DIR *d = opendir(dir);
    if (!d) {
        perror(dir);
        exit(1);
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        names = xrealloc(names, (n + 1) * sizeof *names);
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        struct stat st;
        size_t len = strlen(names[i]);
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            walk(path, out);
        else if (S_ISREG(st.st_mode) && len > 5 && !strcmp(names[i] + len - 5, ".json"))
            read_file(path, out);
        free(names[i]);
    }
    free(names);
}

/* Loads every file once; returns the number of failures. */
static size_t run_mode(const char *mode, const list *files)
{
    size_t failed = 0;
    lr_arena arena = LR_ARENA_INIT;
    for (size_t i = 0; i < files->n; i++) {
        const file *f = &files->v[i];
        size_t len = f->len;
        char *text = xrealloc(NULL, len + 1);
        memcpy(text, f->data, len + 1);
        if (!strcmp(mode, "load")) {
            cJSON *root;
            lr_json_info info;
            lr_error err;
            failed += lr_json_load(&text, &len, f->path, &arena, &root, &info, &err) != LR_OK;
            lr_arena_reset(&arena);
        } else {
            cJSON *root = cJSON_ParseWithLength(text, len);
            failed += !root;
            cJSON_Delete(root);
        }
        free(text);
    }
    lr_arena_free(&arena);
    return failed;
}

static double cpu_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    int runs = 1, opt;
    while ((opt = getopt(argc, argv, "r:")) != -1) {
        if (opt != 'r' || (runs = atoi(optarg)) < 1) {
            fprintf(stderr, "usage: load_only [-r RUNS] load|cjson DIR...\n");
            return 2;
        }
    }
    if (argc - optind < 2 || (strcmp(argv[optind], "load") && strcmp(argv[optind], "cjson"))) {
        fprintf(stderr, "usage: load_only [-r RUNS] load|cjson DIR...\n");
        return 2;
    }
    const char *mode = argv[optind];
    list files = {NULL, 0, 0};
    for (int i = optind + 1; i < argc; i++)
        walk(argv[i], &files);
    size_t bytes = 0, failed = 0;
    for (size_t i = 0; i < files.n; i++)
        bytes += files.v[i].len;
    double best = 0;
    for (int r = 0; r < runs; r++) {
        double t0 = cpu_seconds();
        failed = run_mode(mode, &files);
        double t = cpu_seconds() - t0;
        if (r == 0 || t < best)
            best = t;
    }
    printf("load_only %-5s %zu files, %zu bytes, %zu failed, %.4f s CPU (best of %d), %.1f MB/s\n",
           mode, files.n, bytes, failed, best, runs, bytes / 1e6 / best);
    for (size_t i = 0; i < files.n; i++) {
        free(files.v[i].path);
        free(files.v[i].data);
    }
    free(files.v);
    return failed ? 1 : 0;
}

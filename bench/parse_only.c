/*
 * parse_only: the baseline of the benchmark -- the cost of only reading and parsing the same
 * JSON naively.
 *
 *   parse_only [-j T] DIR...
 *
 * Lists every *.json under each DIR (recursively, names sorted per folder, like llmreport's
 * input walk), then T threads take files one at a time from a shared counter, read each into
 * a buffer, parse it with cJSON_ParseWithLength, free the tree and the buffer, and count files
 * and bytes. Nothing else. T defaults to the number of online processors.
 *
 * Prints one line: files, bytes, parse failures, seconds (wall, listing and parsing).
 */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct list {
    char **v;
    size_t n, cap;
} list;

static void push(list *l, char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v) {
            perror("parse_only");
            exit(1);
        }
    }
    l->v[l->n++] = s;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_json(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && !strcmp(name + n - 5, ".json");
}

static void walk(const char *dir, list *out, int depth)
{
    if (depth > 64)
        return;
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "parse_only: %s: %s\n", dir, strerror(errno));
        return;
    }
    list names = {0};
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.')
            push(&names, strdup(e->d_name));
    closedir(d);
    qsort(names.v, names.n, sizeof *names.v, by_name);
    for (size_t i = 0; i < names.n; i++) {
        size_t len = strlen(dir) + strlen(names.v[i]) + 2;
        char *path = malloc(len);
        snprintf(path, len, "%s/%s", dir, names.v[i]);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            walk(path, out, depth + 1);
            free(path);
        } else if (S_ISREG(st.st_mode) && is_json(names.v[i])) {
            push(out, path);
        } else {
            free(path);
        }
        free(names.v[i]);
    }
    free(names.v);
}

typedef struct shared {
    list files;
    atomic_size_t next;
    atomic_ullong bytes;
    atomic_size_t done, failed;
} shared;

static void *worker(void *arg)
{
    shared *s = arg;
    unsigned long long bytes = 0;
    size_t done = 0, failed = 0;
    for (;;) {
        size_t i = atomic_fetch_add(&s->next, 1);
        if (i >= s->files.n)
            break;
        int fd = open(s->files.v[i], O_RDONLY);
        struct stat st;
        if (fd < 0 || fstat(fd, &st)) {
            if (fd >= 0)
                close(fd);
            failed++;
            continue;
        }
        size_t size = (size_t)st.st_size;
        /* a fresh buffer per file, as a naive reader would */
        char *buf = malloc(size + 1);
        if (!buf) {
            close(fd);
            failed++;
            continue;
        }
        size_t got = 0;
        while (got < size) {
            ssize_t r = read(fd, buf + got, size - got);
            if (r <= 0)
                break;
            got += (size_t)r;
        }
        close(fd);
        buf[got] = '\0';
        cJSON *json = cJSON_ParseWithLength(buf, got);
        if (json) {
            cJSON_Delete(json);
            done++;
        } else {
            failed++;
        }
        bytes += got;
        free(buf);
    }
    atomic_fetch_add(&s->bytes, bytes);
    atomic_fetch_add(&s->done, done);
    atomic_fetch_add(&s->failed, failed);
    return NULL;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    long threads = sysconf(_SC_NPROCESSORS_ONLN);
    int opt;
    while ((opt = getopt(argc, argv, "j:")) != -1) {
        if (opt == 'j') {
            threads = strtol(optarg, NULL, 10);
        } else {
            fprintf(stderr, "usage: parse_only [-j T] DIR...\n");
            return 2;
        }
    }
    if (optind >= argc || threads < 1 || threads > 256) {
        fprintf(stderr, "usage: parse_only [-j T] DIR...\n");
        return 2;
    }
    double t0 = now();
    shared s;
    memset(&s, 0, sizeof s);
    atomic_init(&s.next, 0);
    atomic_init(&s.bytes, 0);
    atomic_init(&s.done, 0);
    atomic_init(&s.failed, 0);
    for (int i = optind; i < argc; i++)
        walk(argv[i], &s.files, 0);
    double t1 = now();
    pthread_t *tid = calloc((size_t)threads, sizeof *tid);
    for (long i = 0; i < threads; i++)
        if (pthread_create(&tid[i], NULL, worker, &s)) {
            perror("parse_only: pthread_create");
            return 1;
        }
    for (long i = 0; i < threads; i++)
        pthread_join(tid[i], NULL);
    double t2 = now();
    printf("parse_only: %zu files parsed, %zu failed, %llu bytes, %ld threads; list %.3f s, "
           "read+parse %.3f s, total %.3f s (%.1f MB/s)\n",
           (size_t)atomic_load(&s.done), (size_t)atomic_load(&s.failed),
           (unsigned long long)atomic_load(&s.bytes), threads, t1 - t0, t2 - t1, t2 - t0,
           atomic_load(&s.bytes) / 1e6 / (t2 - t0));
    for (size_t i = 0; i < s.files.n; i++)
        free(s.files.v[i]);
    free(s.files.v);
    free(tid);
    return atomic_load(&s.failed) ? 1 : 0;
}

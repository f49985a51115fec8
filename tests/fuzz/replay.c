/* Replays fuzz inputs without libFuzzer: each argument is a file or a folder of files (read in
 * name order), each file is passed once to the target's LLVMFuzzerTestOneInput. A missing
 * folder is fine (a target without regression inputs yet). -generate=N (and -seed=S) passes N
 * pseudo-random inputs of 1 to 512 bytes, the same ones on every run: for a target whose
 * input is a generator's choices (fuzz_shape.c) these are N documents, so that ctest explores
 * without a fuzzing engine. A crash, an abort or a sanitizer report fails the test. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "replay: cannot open %s\n", path);
        return -1;
    }
    size_t cap = 4096, n = 0;
    unsigned char *buf = malloc(cap);
    for (;;) {
        if (!buf)
            break;
        if (n == cap) {
            unsigned char *p = realloc(buf, cap *= 2);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (!got)
            break;
    }
    fclose(f);
    if (!buf) {
        fprintf(stderr, "replay: out of memory reading %s\n", path);
        return -1;
    }
    /* an exact-size copy, so that reads past the end are caught as under libFuzzer */
    unsigned char *exact = malloc(n ? n : 1);
    if (!exact) {
        free(buf);
        return -1;
    }
    memcpy(exact, buf, n);
    free(buf);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **p = realloc(names, cap * sizeof *p);
            if (!p) {
                rc = -1;
                break;
            }
            names = p;
        }
        if (!(names[n] = strdup(e->d_name))) {
            rc = -1;
            break;
        }
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        struct stat st;
        if (!rc && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            if (run_file(path))
                rc = -1;
            else
                ++*count;
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

/* xorshift64*: the same sequence on every machine */
static unsigned long long next_random(unsigned long long *state)
{
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    return *state * 2685821657736338717ULL;
}

static int run_generated(unsigned long long n, unsigned long long seed, size_t *count)
{
    unsigned long long state = seed ? seed : 1;
    for (unsigned long long i = 0; i < n; i++) {
        size_t len = 1 + (size_t)(next_random(&state) % 512);
        unsigned char *buf = malloc(len);
        if (!buf)
            return -1;
        for (size_t k = 0; k < len; k++)
            buf[k] = (unsigned char)(next_random(&state) >> 56);
        LLVMFuzzerTestOneInput(buf, len);
        free(buf);
        ++*count;
    }
    return 0;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int rc = 0;
    unsigned long long seed = 20261203;
    for (int i = 1; i < argc && !rc; i++)
        if (!strncmp(argv[i], "-seed=", 6))
            seed = strtoull(argv[i] + 6, NULL, 10);
    for (int i = 1; i < argc && !rc; i++) {
        struct stat st;
        if (!strncmp(argv[i], "-seed=", 6)) {
            continue;
        } else if (!strncmp(argv[i], "-generate=", 10)) {
            rc = run_generated(strtoull(argv[i] + 10, NULL, 10), seed, &count);
        } else if (stat(argv[i], &st) == 0 && S_ISREG(st.st_mode)) {
            rc = run_file(argv[i]);
            count += !rc;
        } else {
            rc = run_dir(argv[i], &count);
        }
    }
    printf("replayed %zu input%s\n", count, count == 1 ? "" : "s");
    return rc ? 1 : 0;
}

/* JSON loading: reading a file, lr_json_load over the parser of jparse.c (copy, repair, error
 * wording with positions), and helpers over the trees it builds. */
#include "json.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "jparse.h"
#include "utf8.h"

lr_status lr_file_read(const char *path, size_t max, char **data, size_t *len, lr_error *err)
{
    *data = NULL;
    *len = 0;
    /* O_NONBLOCK only for the open: a FIFO without a writer must not hang the run (it then
     * reads as empty); reading itself blocks as usual, so pipes with a writer work */
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0)
        return lr_error_set(err, LR_EIO, path, "cannot open: %s", strerror(errno));
    int flags = fcntl(fd, F_GETFL);
    FILE *f = flags == -1 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) ? NULL : fdopen(fd, "rb");
    if (!f) {
        int e = errno;
        close(fd);
        return lr_error_set(err, LR_EIO, path, "cannot open: %s", strerror(e));
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return lr_error_set(err, LR_EIO, path, "is a directory");
    }
    if (fstat(fileno(f), &st) == 0 && (size_t)st.st_size > max) {
        fclose(f);
        return lr_error_set(err, LR_ELIMIT, path,
                            "file is %lld bytes, larger than the limit of %zu bytes",
                            (long long)st.st_size, max);
    }
    /* room for the size, the NUL and one byte more: the read that finds the end */
    size_t cap = st.st_size > 0 ? (size_t)st.st_size + 2 : 4096, n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        return lr_error_set(err, LR_ENOMEM, path, "out of memory reading file");
    }
    for (;;) {
        if (n + 1 >= cap) {
            /* the file grew while being read, or fstat gave no size */
            size_t ncap = cap * 2;
            char *p = realloc(buf, ncap);
            if (!p) {
                free(buf);
                fclose(f);
                return lr_error_set(err, LR_ENOMEM, path, "out of memory reading file");
            }
            buf = p;
            cap = ncap;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (n > max) {
            free(buf);
            fclose(f);
            return lr_error_set(err, LR_ELIMIT, path, "file is larger than the limit of %zu bytes",
                                max);
        }
        if (got == 0)
            break;
    }
    int failed = ferror(f) ? errno : 0;
    fclose(f);
    if (failed) {
        free(buf);
        return lr_error_set(err, LR_EIO, path, "read error: %s", strerror(failed));
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return LR_OK;
}

void lr_text_position(const char *text, size_t offset, int *line, int *column)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            l++;
            c = 1;
        } else {
            c++;
        }
    }
    *line = l;
    *column = c;
}

static lr_status out_of_memory(lr_error *err, const char *file)
{
    return lr_error_set(err, LR_ENOMEM, file, "out of memory");
}

/* A parse that failed, worded with its position. A string the parser stopped just after may
 * have run on past a missing quote: a raw line break in it is where that shows. */
static lr_status parse_error(const char *text, lr_jparse_result r, const lr_jparse_outcome *out,
                             const char *file, lr_error *err)
{
    size_t at = out->error_at;
    const char *message = out->message;
    for (size_t i = out->string_at; i < out->string_end; i++)
        if (text[i] == '\n' || text[i] == '\r') {
            at = i;
            message = "control character in string";
            break;
        }
    int line, col;
    lr_text_position(text, at, &line, &col);
    lr_status st = r == LR_JPARSE_DEEP ? LR_ELIMIT : LR_EPARSE;
    lr_error_set(err, st, file, "%s", message);
    lr_error_at(err, line, col);
    return st;
}

/*
 * The parser writes into the text, so a copy is kept for when it fails. Invalid UTF-8: the
 * text is repaired (each bad byte becomes U+FFFD) and parsed again; an error in a text with
 * invalid UTF-8 is reported at its place in the repaired text, as the warning about the
 * repair is.
 */
lr_status lr_json_load(char **text, size_t *len, const char *file, lr_arena *arena, cJSON **root,
                       lr_json_info *info, lr_error *err)
{
    memset(info, 0, sizeof *info);
    *root = NULL;
    for (int repaired = 0;; repaired = 1) {
        char *copy = malloc(*len + 1);
        if (!copy)
            return out_of_memory(err, file);
        memcpy(copy, *text, *len + 1);
        lr_jparse_outcome out;
        lr_jparse_result r = lr_jparse(*text, *len, arena, root, &out);
        if (r == LR_JPARSE_OK) {
            free(copy);
            info->nonfinite = out.nonfinite;
            if (out.maybe_repeated)
                info->duplicates =
                    lr_json_duplicates(*root, info->duplicate_at, sizeof info->duplicate_at);
            return LR_OK;
        }
        memcpy(*text, copy, *len + 1);
        free(copy);
        if (r == LR_JPARSE_NOMEM)
            return out_of_memory(err, file);
        if (!repaired) {
            info->bad_utf8 = lr_utf8_repair(text, len, &info->bad_utf8_at);
            if (info->bad_utf8 == (size_t)-1) {
                info->bad_utf8 = 0;
                return out_of_memory(err, file);
            }
            if (info->bad_utf8)
                continue;
        }
        return parse_error(*text, r, &out, file, err);
    }
}

lr_num_kind lr_json_number(const cJSON *item, double *out)
{
    if (!item || cJSON_IsNull(item))
        return LR_NUM_NA;
    if (cJSON_IsNumber(item)) {
        double v = item->valuedouble;
        if (v != v || v > 1.7976931348623157e308 || v < -1.7976931348623157e308)
            return LR_NUM_NONFINITE; /* 1e400 parses to infinity */
        *out = v;
        return LR_NUM_OK;
    }
    if (cJSON_IsString(item)) {
        const char *s = item->valuestring;
        if (s[0] == '\x01')
            return LR_NUM_NONFINITE;
        if (!strcmp(s, "N/A") || !strcmp(s, "NA") || !s[0] || !strcmp(s, "-"))
            return LR_NUM_NA;
    }
    return LR_NUM_NOT_NUMBER;
}

const char *lr_json_nonfinite_name(const cJSON *v)
{
    if (cJSON_IsString(v) && v->valuestring[0] == '\x01')
        return v->valuestring[1] == '+'   ? "Infinity"
               : v->valuestring[1] == '-' ? "-Infinity"
                                          : "NaN";
    return cJSON_IsNumber(v) && v->valuedouble > 0   ? "Infinity"
           : cJSON_IsNumber(v) && v->valuedouble < 0 ? "-Infinity"
                                                     : "not finite";
}

const char *lr_json_string(const cJSON *object, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
    return cJSON_IsString(item) ? item->valuestring : NULL;
}

static int by_key(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Keys of object that repeat an earlier one; *key is one of them (the same for the same
 * object). Pairwise when few, else sorted. */
static size_t object_duplicates(const cJSON *object, const char **key)
{
    size_t n = 0, dups = 0;
    const cJSON *m;
    *key = NULL;
    cJSON_ArrayForEach(m, object)
    {
        n += m->string != NULL;
    }
    if (n < 2)
        return 0;
    if (n <= 32) {
        for (const cJSON *a = object->child; a; a = a->next)
            for (const cJSON *b = a->next; a->string && b; b = b->next)
                if (b->string && !strcmp(a->string, b->string)) {
                    if (!*key)
                        *key = a->string;
                    dups++;
                    break;
                }
        return dups;
    }
    const char **keys = malloc(n * sizeof *keys);
    if (!keys)
        return 0;
    size_t k = 0;
    cJSON_ArrayForEach(m, object)
    {
        if (m->string)
            keys[k++] = m->string;
    }
    qsort(keys, k, sizeof *keys, by_key);
    for (size_t i = 1; i < k; i++)
        if (!strcmp(keys[i - 1], keys[i])) {
            if (!*key)
                *key = keys[i];
            dups++;
        }
    free(keys);
    return dups;
}

/* Depth is bounded by the parser's limit. The pointer names the first duplicate found, parents
 * before children. */
static size_t duplicates(const cJSON *item, char *pointer, size_t size, int *found)
{
    size_t total = 0;
    if (cJSON_IsObject(item)) {
        const char *key;
        total += object_duplicates(item, &key);
        if (key && !*found) {
            lr_json_pointer_push(pointer, size, key);
            *found = 1;
        }
    }
    int index = 0;
    for (const cJSON *c = item->child; c; c = c->next, index++) {
        if (!cJSON_IsObject(c) && !cJSON_IsArray(c))
            continue;
        size_t n = strlen(pointer);
        if (!*found) {
            if (cJSON_IsObject(item))
                lr_json_pointer_push(pointer, size, c->string ? c->string : "");
            else
                lr_json_pointer_push_index(pointer, size, index);
        }
        total += duplicates(c, pointer, size, found);
        if (!*found)
            pointer[n] = '\0';
    }
    return total;
}

size_t lr_json_duplicates(const cJSON *root, char *pointer, size_t size)
{
    int found = 0;
    if (size)
        pointer[0] = '\0';
    return root ? duplicates(root, pointer, size, &found) : 0;
}

void lr_json_pointer_push(char *ptr, size_t size, const char *key)
{
    size_t n = strlen(ptr);
    if (n + 1 < size)
        ptr[n++] = '/';
    const char *k = key ? key : "";
    /* the part without '~' or '/' whole, when it fits with room to spare */
    size_t plain = strcspn(k, "~/");
    if (n + plain + 2 < size) {
        memcpy(ptr + n, k, plain);
        n += plain;
        k += plain;
    }
    for (; *k && n + 2 < size; k++) {
        if (*k == '~' || *k == '/') {
            ptr[n++] = '~';
            ptr[n++] = *k == '~' ? '0' : '1';
        } else {
            ptr[n++] = *k;
        }
    }
    ptr[n < size ? n : size - 1] = '\0';
}

void lr_json_pointer_push_index(char *ptr, size_t size, int index)
{
    char num[16];
    snprintf(num, sizeof num, "%d", index);
    lr_json_pointer_push(ptr, size, num);
}

/* JSON loading: lr_json_load (the one-pass parser of jparse.c, with this file's old path behind
 * it) and lr_json_parse on top of cJSON: BOM, non-finite tokens, positions, depth limit. */
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
    size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096, n = 0;
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

/*
 * One pass over the text outside strings: rewrites NaN / Infinity / -Infinity into marker
 * strings of the same length (so positions stay true) and measures nesting depth.
 * Marker: a string whose first byte is \x01 (raw control bytes cannot occur in valid JSON).
 */
static void rewrite_nonfinite(char *s, size_t len, int *count, size_t *deep_at)
{
    int depth = 0;
    *deep_at = (size_t)-1;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '"') {
            for (i++; i < len && s[i] != '"'; i++)
                if (s[i] == '\\')
                    i++;
            continue;
        }
        if (c == '[' || c == '{') {
            if (++depth > LR_JSON_MAX_DEPTH && *deep_at == (size_t)-1)
                *deep_at = i;
        } else if (c == ']' || c == '}') {
            depth--;
        } else if (c == 'N' && len - i >= 3 && !memcmp(s + i, "NaN", 3)) {
            memcpy(s + i, "\"\x01\"", 3);
            i += 2;
            ++*count;
        } else if (c == 'I' && len - i >= 8 && !memcmp(s + i, "Infinity", 8)) {
            memcpy(s + i, "\"\x01+    \"", 8);
            i += 7;
            ++*count;
        } else if (c == '-' && len - i >= 9 && !memcmp(s + i, "-Infinity", 9)) {
            memcpy(s + i, "\"\x01-     \"", 9);
            i += 8;
            ++*count;
        }
    }
}

/*
 * A validating scanner used only after cJSON has failed, to say precisely where and what is
 * wrong (cJSON only reports where it stopped). Returns 0 when it finds no error.
 */
typedef struct scan {
    const char *s;
    size_t len, pos;
    const char *msg;
    char buf[64];
} scan;

static void ws(scan *sc)
{
    while (sc->pos < sc->len && (sc->s[sc->pos] == ' ' || sc->s[sc->pos] == '\t' ||
                                 sc->s[sc->pos] == '\n' || sc->s[sc->pos] == '\r'))
        sc->pos++;
}

static int fail(scan *sc, const char *expected)
{
    if (sc->pos >= sc->len) {
        snprintf(sc->buf, sizeof sc->buf, "expected %s before end of input", expected);
    } else {
        unsigned char c = (unsigned char)sc->s[sc->pos];
        if (c > 0x20 && c < 0x7f)
            snprintf(sc->buf, sizeof sc->buf, "expected %s before '%c'", expected, c);
        else
            snprintf(sc->buf, sizeof sc->buf, "expected %s before byte 0x%02x", expected, c);
    }
    sc->msg = sc->buf;
    return -1;
}

static int scan_string(scan *sc)
{
    size_t start = sc->pos++;
    while (sc->pos < sc->len && sc->s[sc->pos] != '"') {
        unsigned char c = (unsigned char)sc->s[sc->pos];
        if (c == '\\') {
            char e = sc->pos + 1 < sc->len ? sc->s[sc->pos + 1] : 0;
            if (!strchr("\"\\/bfnrtu", e) || !e) {
                sc->pos++;
                sc->msg = "invalid escape in string";
                return -1;
            }
            sc->pos += 2;
            continue;
        }
        if (c < 0x20 && c != 1) { /* 0x01 marks a rewritten NaN/Infinity */
            sc->msg = "control character in string";
            return -1;
        }
        sc->pos++;
    }
    if (sc->pos >= sc->len) {
        sc->pos = start;
        sc->msg = "unterminated string";
        return -1;
    }
    sc->pos++;
    return 0;
}

static int scan_value(scan *sc, int depth);

static int scan_container(scan *sc, int depth, char close)
{
    sc->pos++;
    ws(sc);
    if (sc->pos < sc->len && sc->s[sc->pos] == close) {
        sc->pos++;
        return 0;
    }
    for (;;) {
        if (close == '}') {
            if (sc->pos >= sc->len || sc->s[sc->pos] != '"')
                return fail(sc, "a member name in double quotes");
            if (scan_string(sc))
                return -1;
            ws(sc);
            if (sc->pos >= sc->len || sc->s[sc->pos] != ':')
                return fail(sc, "':'");
            sc->pos++;
        }
        if (scan_value(sc, depth + 1))
            return -1;
        ws(sc);
        if (sc->pos < sc->len && sc->s[sc->pos] == ',') {
            sc->pos++;
            ws(sc);
            continue;
        }
        if (sc->pos < sc->len && sc->s[sc->pos] == close) {
            sc->pos++;
            return 0;
        }
        return fail(sc, close == '}' ? "',' or '}'" : "',' or ']'");
    }
}

static int scan_value(scan *sc, int depth)
{
    ws(sc);
    if (sc->pos >= sc->len)
        return fail(sc, "a value");
    char c = sc->s[sc->pos];
    if (c == '{' || c == '[')
        return depth > LR_JSON_MAX_DEPTH ? fail(sc, "less nesting")
                                         : scan_container(sc, depth, c == '{' ? '}' : ']');
    if (c == '"')
        return scan_string(sc);
    static const char *const words[] = {"true", "false", "null"};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(words[i]);
        if (sc->len - sc->pos >= n && !memcmp(sc->s + sc->pos, words[i], n)) {
            sc->pos += n;
            return 0;
        }
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        size_t p = sc->pos;
        if (sc->s[p] == '-')
            p++;
        if (p >= sc->len || sc->s[p] < '0' || sc->s[p] > '9') {
            sc->msg = "invalid number";
            return -1;
        }
        while (p < sc->len && ((sc->s[p] >= '0' && sc->s[p] <= '9') || strchr(".eE+-", sc->s[p])))
            p++;
        sc->pos = p;
        return 0;
    }
    return fail(sc, "a value");
}

/* Finds the first error in s; fills *off and the message. 0 when none found. */
static int locate_error(const char *s, size_t len, size_t *off, char *msg, size_t size)
{
    scan sc = {s, len, 0, NULL, ""};
    int rc = scan_value(&sc, 0);
    if (!rc) {
        ws(&sc);
        if (sc.pos < len) {
            sc.msg = "unexpected text after the JSON value";
            rc = -1;
        }
    }
    if (!rc)
        return 0;
    *off = sc.pos;
    snprintf(msg, size, "%s", sc.msg);
    return 1;
}

lr_status lr_json_parse(char *text, size_t len, const char *file, cJSON **root, int *nonfinite,
                        lr_error *err)
{
    *root = NULL;
    *nonfinite = 0;
    size_t start = 0;
    if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF)
        start = 3;
    size_t i = start;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
        i++;
    if (i == len) {
        lr_error_set(err, LR_EPARSE, file, "empty file");
        lr_error_at(err, 1, 1);
        return LR_EPARSE;
    }
    size_t deep_at;
    rewrite_nonfinite(text + start, len - start, nonfinite, &deep_at);
    if (deep_at != (size_t)-1) {
        int line, col;
        lr_text_position(text, start + deep_at, &line, &col);
        lr_error_set(err, LR_ELIMIT, file, "nesting deeper than %d levels", LR_JSON_MAX_DEPTH);
        lr_error_at(err, line, col);
        return LR_ELIMIT;
    }
    const char *end = NULL;
    cJSON *json = cJSON_ParseWithLengthOpts(text + start, len - start, &end, 0);
    if (!json) {
        size_t off = end ? (size_t)(end - text) : start;
        if (off > len)
            off = len;
        int line, col;
        lr_text_position(text, off, &line, &col);
        char msg[96];
        size_t found;
        if (locate_error(text + start, len - start, &found, msg, sizeof msg)) {
            off = start + found;
            lr_text_position(text, off, &line, &col);
            lr_error_set(err, LR_EPARSE, file, "%s", msg);
        } else {
            lr_error_set(err, LR_EPARSE, file, "malformed JSON");
        }
        lr_error_at(err, line, col);
        return LR_EPARSE;
    }
    /* trailing garbage after the value */
    if (end) {
        size_t off = (size_t)(end - text);
        while (off < len &&
               (text[off] == ' ' || text[off] == '\t' || text[off] == '\n' || text[off] == '\r'))
            off++;
        if (off < len && text[off]) {
            int line, col;
            lr_text_position(text, off, &line, &col);
            cJSON_Delete(json);
            lr_error_set(err, LR_EPARSE, file, "unexpected text after the JSON value");
            lr_error_at(err, line, col);
            return LR_EPARSE;
        }
    }
    *root = json;
    return LR_OK;
}

/* A tree cJSON built, copied into the arena: for the documents the one-pass parser leaves to
 * the old path and the old path accepts. Depth is bounded by lr_json_parse's limit. */
static cJSON *copy_tree(const cJSON *src, lr_arena *arena)
{
    cJSON *c = lr_arena_alloc(arena, sizeof *c), *last = NULL;
    if (!c)
        return NULL;
    memset(c, 0, sizeof *c);
    c->type = src->type;
    c->valueint = src->valueint;
    c->valuedouble = src->valuedouble;
    if (src->valuestring && !(c->valuestring = lr_arena_strdup(arena, src->valuestring)))
        return NULL;
    if (src->string && !(c->string = lr_arena_strdup(arena, src->string)))
        return NULL;
    for (const cJSON *s = src->child; s; s = s->next) {
        cJSON *k = copy_tree(s, arena);
        if (!k)
            return NULL;
        if (last) {
            last->next = k;
            k->prev = last;
        } else {
            c->child = k;
        }
        last = k;
    }
    if (c->child)
        c->child->prev = last;
    return c;
}

static lr_status out_of_memory(lr_error *err, const char *file)
{
    return lr_error_set(err, LR_ENOMEM, file, "out of memory");
}

static lr_status repair(char **text, size_t *len, const char *file, lr_json_info *info,
                        lr_error *err)
{
    info->bad_utf8 = lr_utf8_repair(text, len, &info->bad_utf8_at);
    if (info->bad_utf8 == (size_t)-1) {
        info->bad_utf8 = 0;
        return out_of_memory(err, file);
    }
    return LR_OK;
}

/*
 * The one-pass parser first, on the text as it is; it writes into the text, so a copy is kept
 * for when it does not finish. Invalid UTF-8 in a string: the text is repaired and parsed
 * again. Anything else it declines (errors above all) goes the old way, which says exactly
 * what and where, and whose tree, when it has one, is copied into the arena.
 */
lr_status lr_json_load(char **text, size_t *len, const char *file, lr_arena *arena, cJSON **root,
                       lr_json_info *info, lr_error *err)
{
    lr_status st;
    int repaired = 0;
    memset(info, 0, sizeof *info);
    *root = NULL;
    for (;;) {
        char *copy = malloc(*len + 1);
        if (!copy)
            return out_of_memory(err, file);
        memcpy(copy, *text, *len + 1);
        lr_jparse_stats stats;
        lr_jparse_result r = lr_jparse(*text, *len, arena, root, &stats);
        if (r == LR_JPARSE_OK) {
            free(copy);
            info->nonfinite = stats.nonfinite;
            if (stats.maybe_repeated)
                info->duplicates =
                    lr_json_duplicates(*root, info->duplicate_at, sizeof info->duplicate_at);
            return LR_OK;
        }
        memcpy(*text, copy, *len + 1);
        free(copy);
        if (r == LR_JPARSE_NOMEM)
            return out_of_memory(err, file);
        if (r != LR_JPARSE_BAD_UTF8 || repaired)
            break;
        if ((st = repair(text, len, file, info, err)))
            return st;
        repaired = 1;
    }
    if (!repaired && (st = repair(text, len, file, info, err)))
        return st;
    cJSON *json;
    if ((st = lr_json_parse(*text, *len, file, &json, &info->nonfinite, err)))
        return st;
    info->duplicates = lr_json_duplicates(json, info->duplicate_at, sizeof info->duplicate_at);
    *root = copy_tree(json, arena);
    cJSON_Delete(json);
    return *root ? LR_OK : out_of_memory(err, file);
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
    for (const char *k = key; *k && n + 2 < size; k++) {
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

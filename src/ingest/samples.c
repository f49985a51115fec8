/* Samples files (per-item results); see samples.h. The scanner is a small push parser over the
 * bytes of one line at a time: between tokens it tracks nesting, the current key at the top two
 * levels, and whether the next string is a key; strings it does not need are stepped over with
 * memchr, the ones it needs (short ids, names, hashes) are copied into fixed buffers. Its state
 * survives chunk boundaries, so neither a file nor a line is ever held whole. */
#include "samples.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "core/error.h"
#include "core/index.h"
#include "core/json.h"

/* CHUNK: bytes read at a time; MAXD: depths whose container kind is tracked (the fields read
 * lie at depth 1 and 2); SNAPSHOT_MAX: the size limit of an items.jsonl snapshot. */
enum { CHUNK = 1 << 20, MAXD = 8, SNAPSHOT_MAX = 1 << 30 };

/* ---- the scanner ---- */

enum { S_BETWEEN, S_STRING, S_SCALAR };

typedef struct scanner {
    int state;
    int depth;       /* 0 outside the line's object */
    char kind[MAXD]; /* 'o' or 'a' per depth (1-based), for the depths tracked */
    int expect_key;  /* in an object, before a key */
    int bad, done, started;
    /* a string in progress */
    int str_key, str_keep; /* it is a key; it is copied */
    size_t str_len;
    char str[LR_SAMPLE_TEXT * 2]; /* raw bytes, escapes undone at the end */
    int str_cut;
    int str_escape;     /* copied string: the byte before was an unpaired backslash */
    size_t backslashes; /* stepped-over string: backslashes ending the bytes seen so far */
    /* a number or literal in progress */
    char num[64];
    size_t num_len;
    char key1[LR_SAMPLE_NAME], key2[LR_SAMPLE_NAME];
    lr_sample_line *line;
    lr_sample_fn fn;
    void *user;
    lr_samples_scan_stats *stats;
    size_t lineno;
    const char *doc_field; /* kept from the line's "doc" object, or NULL */
} scanner;

/* Top-level members read as strings. */
enum {
    K_ID,
    K_FILTER,
    K_DOC_HASH,
    K_PROMPT_HASH,
    K_TARGET_HASH,
    K_SAMPLE_ID,
    K_SAMPLE_HASH,
    K_MODEL_ID,
    K_EVAL_NAME,
    K_NONE
};

static int string_key(const char *key)
{
    static const char *const names[] = {"doc_id",      "filter",      "doc_hash",
                                        "prompt_hash", "target_hash", "sample_id",
                                        "sample_hash", "model_id",    "evaluation_name"};
    for (int i = 0; i < K_NONE; i++)
        if (!strcmp(key, names[i]))
            return i;
    return K_NONE;
}

uint64_t lr_samples_hash64(const char *text)
{
    if (!text || !text[0])
        return 0;
    uint64_t v = 0;
    int digits = 0;
    for (; digits < 16; digits++) {
        char c = text[digits];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            break;
        v = v << 4 | (uint64_t)d;
    }
    if (digits == 16 && v)
        return v;
    uint64_t h = 0xcbf29ce484222325u;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        h = (h ^ *p) * 0x100000001b3u;
    return h ? h : 1;
}

static void put_utf8(char *out, size_t *n, size_t cap, unsigned cp)
{
    char b[4];
    size_t k;
    if (cp < 0x80) {
        b[0] = (char)cp;
        k = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xc0 | cp >> 6);
        b[1] = (char)(0x80 | (cp & 0x3f));
        k = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xe0 | cp >> 12);
        b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        b[2] = (char)(0x80 | (cp & 0x3f));
        k = 3;
    } else {
        b[0] = (char)(0xf0 | cp >> 18);
        b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
        b[2] = (char)(0x80 | (cp >> 6 & 0x3f));
        b[3] = (char)(0x80 | (cp & 0x3f));
        k = 4;
    }
    if (*n + k < cap) {
        memcpy(out + *n, b, k);
        *n += k;
    }
}

static int hex4(const char *s, size_t len, size_t i, unsigned *out)
{
    if (i + 4 > len)
        return 0;
    unsigned v = 0;
    for (size_t k = 0; k < 4; k++) {
        char c = s[i + k];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return 0;
        v = v << 4 | (unsigned)d;
    }
    *out = v;
    return 1;
}

/* Undoes JSON escapes of raw[0..len) into out (cap bytes, NUL-terminated). */
static void unescape(const char *raw, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < cap; i++) {
        if (raw[i] != '\\' || i + 1 >= len) {
            out[n++] = raw[i];
            continue;
        }
        char c = raw[++i];
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        const char *f = strchr(from, c);
        if (c && f) {
            out[n++] = to[f - from];
            continue;
        }
        unsigned cp;
        if (c == 'u' && hex4(raw, len, i + 1, &cp)) {
            i += 4;
            unsigned lo;
            if (cp >= 0xd800 && cp < 0xdc00 && i + 2 < len && raw[i + 1] == '\\' &&
                raw[i + 2] == 'u' && hex4(raw, len, i + 3, &lo) && lo >= 0xdc00 && lo < 0xe000) {
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                i += 6;
            } else if (cp >= 0xd800 && cp < 0xe000) {
                cp = 0xfffd;
            }
            put_utf8(out, &n, cap, cp);
            continue;
        }
        out[n++] = c; /* an invalid escape: the character as it is */
    }
    out[n] = '\0';
}

static void copy_name(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src);
}

static int parse_number(const char *text, double *out)
{
    if (!strcmp(text, "true")) {
        *out = 1;
        return 1;
    }
    if (!strcmp(text, "false")) {
        *out = 0;
        return 1;
    }
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || *end || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

/* The value now at hand is the document's field asked for. */
static int is_doc_field(const scanner *sc)
{
    return sc->doc_field && sc->depth == 2 && sc->kind[2] == 'o' && !strcmp(sc->key1, "doc") &&
           !strcmp(sc->key2, sc->doc_field);
}

/* A complete value at depth sc->depth: a string (text decoded) or a scalar (as written). */
static void value_done(scanner *sc, int is_string, const char *text)
{
    lr_sample_line *l = sc->line;
    if (sc->depth == 1) {
        int k = string_key(sc->key1);
        if (k == K_ID || k == K_SAMPLE_ID) {
            /* doc_id wins over sample_id; either may be a number */
            if (k == K_ID || !l->id[0])
                copy_name(l->id, sizeof l->id, text);
            return;
        }
        if (is_string) {
            switch (k) {
            case K_FILTER:
                copy_name(l->filter, sizeof l->filter, text);
                l->has_filter = 1;
                break;
            case K_DOC_HASH:
            case K_SAMPLE_HASH:
                l->doc_hash = lr_samples_hash64(text);
                break;
            case K_PROMPT_HASH:
                l->prompt_hash = lr_samples_hash64(text);
                break;
            case K_TARGET_HASH:
                l->target_hash = lr_samples_hash64(text);
                break;
            case K_MODEL_ID:
                copy_name(l->model_id, sizeof l->model_id, text);
                break;
            case K_EVAL_NAME:
                copy_name(l->evaluation_name, sizeof l->evaluation_name, text);
                break;
            default:
                break;
            }
            return;
        }
        double v;
        if (k == K_NONE && sc->key1[0] && l->n_values < LR_SAMPLE_MAX_VALUES &&
            parse_number(text, &v)) {
            copy_name(l->value_name[l->n_values], LR_SAMPLE_NAME, sc->key1);
            l->value[l->n_values++] = v;
        }
        return;
    }
    if (sc->depth == 2 && sc->kind[2] == 'a' && !strcmp(sc->key1, "metrics") && is_string) {
        if (l->n_metrics < LR_SAMPLE_MAX_VALUES)
            copy_name(l->metric[l->n_metrics++], LR_SAMPLE_NAME, text);
        return;
    }
    if (is_doc_field(sc)) {
        copy_name(l->cluster, sizeof l->cluster, text);
        return;
    }
    if (sc->depth == 2 && sc->kind[2] == 'o' && !strcmp(sc->key1, "evaluation") && !is_string &&
        !strcmp(sc->key2, "score")) {
        double v;
        if (parse_number(text, &v)) {
            l->score = v;
            l->has_score = 1;
        }
    }
}

/* Whether the string that starts now is kept: keys at the top two levels, and the values the
 * line record has room for. */
static int keep_string(const scanner *sc, int is_key)
{
    if (sc->depth > MAXD - 1)
        return 0;
    if (is_key)
        return sc->depth <= 2;
    if (sc->depth == 1)
        return string_key(sc->key1) != K_NONE;
    if (sc->depth == 2 && sc->kind[2] == 'a')
        return !strcmp(sc->key1, "metrics");
    return is_doc_field(sc);
}

static void string_done(scanner *sc)
{
    char text[LR_SAMPLE_TEXT];
    if (sc->str_keep)
        unescape(sc->str, sc->str_len, text, sizeof text);
    else
        text[0] = '\0';
    if (sc->str_key) {
        /* a key too long for its buffer can match no name the scanner looks for */
        if (sc->depth == 1)
            copy_name(sc->key1, sizeof sc->key1, sc->str_cut ? "" : text);
        else if (sc->depth == 2)
            copy_name(sc->key2, sizeof sc->key2, sc->str_cut ? "" : text);
        return;
    }
    if (sc->str_keep)
        value_done(sc, 1, text);
}

static void scalar_done(scanner *sc)
{
    sc->num[sc->num_len < sizeof sc->num ? sc->num_len : sizeof sc->num - 1] = '\0';
    if (sc->depth == 0 || sc->num_len >= sizeof sc->num)
        sc->bad = 1; /* a bare scalar line, or a number too long to be one we want */
    else if (sc->depth <= 2)
        value_done(sc, 0, sc->num);
    sc->state = S_BETWEEN;
}

static void line_reset(scanner *sc)
{
    sc->state = S_BETWEEN;
    sc->depth = 0;
    sc->expect_key = 0;
    sc->bad = sc->done = sc->started = 0;
    sc->key1[0] = sc->key2[0] = '\0';
    memset(sc->line, 0, sizeof *sc->line);
}

static void line_end(scanner *sc)
{
    sc->lineno++;
    if (sc->state == S_SCALAR)
        scalar_done(sc);
    if (!sc->started) {
        line_reset(sc);
        return; /* blank line */
    }
    sc->stats->lines++;
    if (sc->bad || !sc->done || sc->state != S_BETWEEN) {
        if (!sc->stats->malformed++)
            sc->stats->first_malformed = sc->lineno;
    } else {
        sc->line->has_metrics = sc->line->n_metrics > 0;
        sc->fn(sc->user, sc->line, sc->lineno);
    }
    line_reset(sc);
}

/* Steps over a string that is not kept, from p to at most end; returns where it stopped. */
static const char *skip_string(scanner *sc, const char *p, const char *end)
{
    while (p < end) {
        const char *q = memchr(p, '"', (size_t)(end - p));
        if (!q) {
            size_t k = 0;
            while (k < (size_t)(end - p) && end[-1 - (long)k] == '\\')
                k++;
            sc->backslashes = k == (size_t)(end - p) ? sc->backslashes + k : k;
            return end;
        }
        size_t k = 0;
        while (q - k > p && q[-1 - (long)k] == '\\')
            k++;
        size_t run = q - k == p ? sc->backslashes + k : k;
        sc->backslashes = 0;
        if (run % 2) {
            p = q + 1; /* an escaped quote */
            continue;
        }
        sc->state = S_BETWEEN;
        string_done(sc);
        return q + 1;
    }
    return p;
}

/* Copies a kept string from p to at most end. */
static const char *copy_string(scanner *sc, const char *p, const char *end)
{
    for (; p < end; p++) {
        char c = *p;
        if (!sc->str_escape && c == '"') {
            sc->state = S_BETWEEN;
            string_done(sc);
            return p + 1;
        }
        sc->str_escape = !sc->str_escape && c == '\\';
        if (sc->str_len < sizeof sc->str)
            sc->str[sc->str_len++] = c;
        else
            sc->str_cut = 1;
    }
    return p;
}

static void open_container(scanner *sc, char kind)
{
    if (sc->depth == 0) {
        if (sc->done || kind != 'o') {
            sc->bad = 1; /* a second value on the line, or a line that is not an object */
        }
    }
    sc->depth++;
    if (sc->depth < MAXD)
        sc->kind[sc->depth] = kind;
    if (sc->depth == 2)
        sc->key2[0] = '\0';
    sc->expect_key = kind == 'o';
}

static void close_container(scanner *sc, char kind)
{
    if (sc->depth == 0) {
        sc->bad = 1;
        return;
    }
    if (sc->depth < MAXD && sc->kind[sc->depth] != kind)
        sc->bad = 1;
    sc->depth--;
    sc->expect_key = 0;
    if (sc->depth == 0)
        sc->done = 1;
}

/* Feeds bytes of one line (no '\n' among them). */
static void feed(scanner *sc, const char *p, const char *end)
{
    while (p < end) {
        if (sc->state == S_STRING) {
            p = sc->str_keep ? copy_string(sc, p, end) : skip_string(sc, p, end);
            continue;
        }
        char c = *p;
        if (sc->state == S_SCALAR) {
            if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\r') {
                scalar_done(sc);
                continue; /* the delimiter is handled between tokens */
            }
            if (sc->num_len < sizeof sc->num)
                sc->num[sc->num_len++] = c;
            else
                sc->num_len = sizeof sc->num; /* too long: refused when done */
            p++;
            continue;
        }
        p++;
        switch (c) {
        case ' ':
        case '\t':
        case '\r':
            break;
        case '{':
        case '[':
            sc->started = 1;
            open_container(sc, c == '{' ? 'o' : 'a');
            break;
        case '}':
        case ']':
            close_container(sc, c == '}' ? 'o' : 'a');
            break;
        case ':':
            sc->expect_key = 0;
            break;
        case ',':
            sc->expect_key = sc->depth < MAXD && sc->kind[sc->depth] == 'o';
            break;
        case '"':
            sc->started = 1;
            if (sc->depth == 0)
                sc->bad = 1;
            sc->state = S_STRING;
            sc->str_key = sc->depth < MAXD && sc->kind[sc->depth] == 'o' && sc->expect_key;
            sc->str_keep = keep_string(sc, sc->str_key);
            sc->str_len = 0;
            sc->str_cut = 0;
            sc->str_escape = 0;
            sc->backslashes = 0;
            break;
        default:
            sc->started = 1;
            sc->state = S_SCALAR;
            sc->num[0] = c;
            sc->num_len = 1;
            break;
        }
    }
}

/* Feeds a chunk: lines are cut at '\n'; the last, unfinished one carries over. */
static void feed_chunk(scanner *sc, const char *p, size_t n)
{
    const char *end = p + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        feed(sc, p, nl ? nl : end);
        if (!nl)
            return;
        line_end(sc);
        p = nl + 1;
    }
}

static void scanner_init(scanner *sc, lr_sample_line *line, const char *doc_field, lr_sample_fn fn,
                         void *user, lr_samples_scan_stats *stats)
{
    memset(sc, 0, sizeof *sc);
    memset(stats, 0, sizeof *stats);
    sc->doc_field = doc_field && doc_field[0] ? doc_field : NULL;
    sc->line = line;
    sc->fn = fn;
    sc->user = user;
    sc->stats = stats;
    line_reset(sc);
}

void lr_samples_scan_bytes(const char *data, size_t len, size_t chunk, const char *doc_field,
                           lr_sample_fn fn, void *user, lr_samples_scan_stats *stats)
{
    scanner sc;
    lr_sample_line line;
    scanner_init(&sc, &line, doc_field, fn, user, stats);
    if (!chunk)
        chunk = len ? len : 1;
    for (size_t at = 0; at < len; at += chunk)
        feed_chunk(&sc, data + at, len - at < chunk ? len - at : chunk);
    line_end(&sc);
    stats->bytes = len;
}

lr_status lr_samples_scan(const char *path, const char *doc_field, lr_sample_fn fn, void *user,
                          lr_samples_scan_stats *stats, lr_error *err)
{
    scanner sc;
    lr_sample_line line;
    scanner_init(&sc, &line, doc_field, fn, user, stats);
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return lr_error_set(err, LR_EIO, path, "cannot open: %s", strerror(errno));
    char *buf = malloc(CHUNK);
    if (!buf) {
        close(fd);
        return lr_error_set(err, LR_ENOMEM, path, "out of memory");
    }
    lr_status st = LR_OK;
    for (;;) {
        ssize_t got = read(fd, buf, CHUNK);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            st = lr_error_set(err, LR_EIO, path, "cannot read: %s", strerror(errno));
            break;
        }
        if (!got)
            break;
        stats->bytes += (uint64_t)got;
        feed_chunk(&sc, buf, (size_t)got);
    }
    if (!st)
        line_end(&sc);
    free(buf);
    close(fd);
    return st;
}

/* ---- file names ---- */

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);
    return n >= k && !strcmp(s + n - k, tail);
}

/* Where a run time "YYYY-MM-DDTHH-MM-SS[.ffffff]" starts at the end of s[0..n), or -1. */
static long date_at_end(const char *s, size_t n)
{
    for (size_t i = 0; i + 19 <= n; i++) {
        const char *d = s + i;
        static const char shape[] = "dddd-dd-ddTdd-dd-dd";
        size_t k = 0;
        for (; k < 19; k++) {
            char want = shape[k], c = d[k];
            if (want == 'd' ? !(c >= '0' && c <= '9') : c != want)
                break;
        }
        if (k < 19)
            continue;
        size_t j = i + 19;
        if (j < n && d[19] == '.') {
            j++;
            while (j < n && s[j] >= '0' && s[j] <= '9')
                j++;
        }
        if (j == n)
            return (long)i;
    }
    return -1;
}

int lr_samples_split_name(const char *name, char *task, size_t task_size, char *date,
                          size_t date_size)
{
    name = base_name(name);
    if (strncmp(name, "samples_", 8) || !ends_with(name, ".jsonl"))
        return -1;
    const char *stem = name + 8;
    size_t n = strlen(stem) - 6;
    long at = date_at_end(stem, n);
    size_t task_len = n;
    if (at > 0 && stem[at - 1] == '_') {
        task_len = (size_t)at - 1;
        snprintf(date, date_size, "%.*s", (int)(n - (size_t)at), stem + at);
    } else {
        date[0] = '\0';
    }
    if (!task_len)
        return -1;
    snprintf(task, task_size, "%.*s", (int)task_len, stem);
    return 0;
}

int lr_samples_is_samples_name(const char *name)
{
    char task[256], date[64];
    name = base_name(name);
    return !lr_samples_split_name(name, task, sizeof task, date, sizeof date) ||
           (ends_with(name, "_samples.jsonl") && strlen(name) > strlen("_samples.jsonl"));
}

/* The run time in a results file name ("results_2024-05-01T10-00-00.123.json"), or "". */
static void results_date(const char *path, char *date, size_t size)
{
    const char *name = base_name(path);
    date[0] = '\0';
    if (!ends_with(name, ".json"))
        return;
    size_t n = strlen(name) - 5;
    long at = date_at_end(name, n);
    if (at >= 0)
        snprintf(date, size, "%.*s", (int)(n - (size_t)at), name + at);
}

/* ---- reading a samples file into sets ---- */

/* One set under construction: the items of one (filter, metric) of a file, or one (model,
 * evaluation) of an EEE file. */
typedef struct pending {
    char filter[LR_SAMPLE_NAME], metric[LR_SAMPLE_NAME];
    char model[LR_SAMPLE_TEXT], evaluation[LR_SAMPLE_TEXT];
    lr_item_set *set;
} pending;

typedef struct reader {
    lr_items *items;
    const char *file, *task;
    int eee;
    pending *sets;
    size_t n, cap;
    int oom;
    size_t without_id;
} reader;

static lr_item_set *pending_set(reader *rd, const char *filter, const char *metric,
                                const char *model, const char *evaluation)
{
    for (size_t i = 0; i < rd->n; i++) {
        pending *p = &rd->sets[i];
        if (!strcmp(p->filter, filter) && !strcmp(p->metric, metric) && !strcmp(p->model, model) &&
            !strcmp(p->evaluation, evaluation))
            return p->set;
    }
    if (rd->n >= 256 || lr_grow((void **)&rd->sets, &rd->cap, rd->n, sizeof *rd->sets))
        return NULL;
    lr_item_key none = {NULL, NULL, NULL, NULL, NULL, LR_SHOTS_UNKNOWN};
    lr_item_set *s = lr_items_add_set(rd->items, &none, rd->task, filter, rd->file);
    if (!s) {
        rd->oom = 1;
        return NULL;
    }
    pending *p = &rd->sets[rd->n++];
    copy_name(p->filter, sizeof p->filter, filter);
    copy_name(p->metric, sizeof p->metric, metric);
    copy_name(p->model, sizeof p->model, model);
    copy_name(p->evaluation, sizeof p->evaluation, evaluation);
    p->set = s;
    return s;
}

static void take_line(void *user, const lr_sample_line *l, size_t lineno)
{
    reader *rd = user;
    (void)lineno;
    if (!l->id[0]) {
        rd->without_id++;
        return;
    }
    /* an item without the field asked for has no cluster: the comparison then clusters none */
    const char *cluster = rd->items->doc_field && l->cluster[0] ? l->cluster : NULL;
    if (rd->eee) {
        if (!l->has_score)
            return;
        lr_item_set *s = pending_set(rd, "", "", l->model_id, l->evaluation_name);
        if (s && lr_item_set_add(rd->items, s, l->id, l->doc_hash, 0, 0, l->score, cluster))
            rd->oom = 1;
        return;
    }
    const char *filter = l->has_filter ? l->filter : "none";
    for (size_t i = 0; i < l->n_values; i++) {
        if (l->has_metrics) {
            size_t k = 0;
            while (k < l->n_metrics && strcmp(l->metric[k], l->value_name[i]))
                k++;
            if (k == l->n_metrics)
                continue; /* a number that the line does not list as a metric */
        }
        lr_item_set *s = pending_set(rd, filter, l->value_name[i], "", "");
        if (s && lr_item_set_add(rd->items, s, l->id, l->doc_hash, l->prompt_hash, l->target_hash,
                                 l->value[i], cluster))
            rd->oom = 1;
    }
}

/* ---- matching sets to observations ---- */

static int same(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return !strcmp(a, b);
}

/* The variant an observation of this filter has: the filter, or "filter, variant". */
static int variant_is_filter(const char *variant, const char *filter)
{
    int none = !filter || !filter[0] || !strcmp(filter, "none");
    if (none)
        return variant == NULL;
    if (!variant)
        return 0;
    size_t n = strlen(filter);
    return !strncmp(variant, filter, n) && (!variant[n] || !strncmp(variant + n, ", ", 2));
}

static const char *canonical_benchmark(lr_store *store, const char *name)
{
    const lr_benchmark_def *d = lr_store_benchmark(store, name);
    return d ? d->id : name;
}

static const char *canonical_metric(lr_store *store, const char *name)
{
    const lr_metric_def *d = lr_store_metric(store, name);
    return d ? d->id : name;
}

/* The observation of source src that a set of the reader is about, or NULL. */
static const lr_observation *match_set(lr_store *store, const lr_source *src, const pending *p,
                                       const char *task, int eee)
{
    const char *bench = canonical_benchmark(store, eee ? p->evaluation : task);
    const char *metric = eee ? NULL : canonical_metric(store, p->metric);
    const char *model = eee && p->model[0] ? lr_store_model_name(store, p->model) : NULL;
    const lr_observation *found = NULL;
    size_t n, hits = 0;
    const size_t *ix = lr_store_find_benchmark(store, bench, &n); /* not a scan of every row */
    for (size_t i = 0; i < n; i++) {
        const lr_observation *o = lr_store_get(store, ix[i]);
        if (o->source != src || !same(o->setting->benchmark, bench))
            continue;
        if (eee ? model && !same(o->model, model)
                : !same(o->setting->metric, metric) ||
                      !variant_is_filter(o->setting->variant, p->filter))
            continue;
        if (!found)
            found = o;
        hits++;
    }
    /* an EEE evaluation with several metrics cannot say which one its scores are */
    return hits == 1 ? found : NULL;
}

/* Whether a mean of items is the observation's value (on the items' scale). */
static int mean_is_value(double mean, const lr_observation *o)
{
    double scale = o->setting->bounded ? 100.0 : 1.0;
    double v = o->value / scale;
    if (fabs(mean - v) <= 1e-6 * (1 + fabs(v)))
        return 1;
    /* a bounded value stored as written on 0-100 in the samples */
    return o->setting->bounded && fabs(mean - o->value) <= 1e-6 * (1 + fabs(o->value));
}

static double items_sum(const lr_item_set *s)
{
    double sum = 0;
    for (size_t i = 0; i < s->n; i++)
        sum += s->items[i].value;
    return sum;
}

/* Whether the mean of the items is the observation's value. */
static int mean_matches(const lr_item_set *s, const lr_observation *o)
{
    return s->n && mean_is_value(items_sum(s) / (double)s->n, o);
}

typedef struct attach {
    lr_items *items;
    lr_store *store;
    lr_diag *diag;
    dev_t *devs;
    ino_t *inos;
    size_t n_seen, cap_seen;
    int oom;
} attach;

/* Each file once, by identity. */
static int seen_before(attach *a, const char *path)
{
    struct stat st;
    if (stat(path, &st))
        return 0;
    for (size_t i = 0; i < a->n_seen; i++)
        if (a->devs[i] == st.st_dev && a->inos[i] == st.st_ino)
            return 1;
    if (a->n_seen == a->cap_seen) {
        size_t cap = a->cap_seen ? 2 * a->cap_seen : 64;
        dev_t *d = realloc(a->devs, cap * sizeof *d);
        if (d)
            a->devs = d;
        ino_t *n = d ? realloc(a->inos, cap * sizeof *n) : NULL;
        if (!d || !n) {
            a->oom = 1;
            return 0;
        }
        a->inos = n;
        a->cap_seen = cap;
    }
    a->devs[a->n_seen] = st.st_dev;
    a->inos[a->n_seen++] = st.st_ino;
    return 0;
}

/* Reads one samples file and matches its sets to the observations of src (NULL: any source
 * whose results name the file's task at its run time). */
static void read_file(attach *a, const char *path, const lr_source *src, int eee)
{
    if (seen_before(a, path))
        return;
    char task[256] = "", date[64] = "";
    if (!eee && lr_samples_split_name(path, task, sizeof task, date, sizeof date))
        return;
    size_t first = a->items->n;
    reader rd = {a->items, path, task, eee, NULL, 0, 0, 0, 0};
    lr_samples_scan_stats stats;
    lr_error e;
    if (lr_samples_scan(path, a->items->doc_field, take_line, &rd, &stats, &e)) {
        lr_diag_error(a->diag, LR_WARNING, &e);
        free(rd.sets);
        return;
    }
    if (rd.oom)
        a->oom = 1;
    if (stats.malformed)
        lr_diag_emit(a->diag, LR_WARNING, path, NULL, (int)stats.first_malformed, 0,
                     "%zu line%s that %s not a complete JSON object skipped", stats.malformed,
                     stats.malformed == 1 ? "" : "s", stats.malformed == 1 ? "is" : "are");
    if (rd.without_id)
        lr_diag_emit(a->diag, LR_WARNING, path, NULL, 0, 0,
                     "%zu line%s without doc_id or sample_id skipped", rd.without_id,
                     rd.without_id == 1 ? "" : "s");
    size_t matched = 0;
    for (size_t i = 0; i < rd.n; i++) {
        pending *p = &rd.sets[i];
        lr_item_set *s = p->set;
        lr_item_set_finish(s);
        const lr_observation *o = NULL;
        if (src) {
            o = match_set(a->store, src, p, task, eee);
        } else {
            /* given as an input: the lm-eval results file of the same run time */
            for (size_t k = 0; k < lr_store_source_count(a->store) && !o; k++) {
                const lr_source *cand = lr_store_source_get(a->store, k);
                char cdate[64];
                if (!cand->file)
                    continue;
                results_date(cand->file, cdate, sizeof cdate);
                if (eee ? !ends_with(cand->file, ".json") : strcmp(cdate, date))
                    continue;
                o = match_set(a->store, cand, p, task, eee);
            }
        }
        if (o && !mean_matches(s, o)) {
            char v[40];
            snprintf(v, sizeof v, "%g", o->value);
            lr_diag_emit(a->diag, LR_WARNING, path, NULL, 0, 0,
                         "the items of %s (%s%s%s) do not average to the result %s: not used "
                         "for paired comparisons",
                         eee ? p->evaluation : task, eee ? "score" : p->metric,
                         eee ? "" : ", filter ", eee ? "" : p->filter, v);
            o = NULL;
        }
        if (!o || lr_items_find(a->items, o)) {
            s->n = 0; /* not matched (or matched twice): emptied, dropped below */
            continue;
        }
        if (lr_items_set_key(a->items, s, o))
            a->oom = 1;
        matched++;
    }
    /* metric values that lm-eval logs for corpus-level metrics (lists) never become sets;
     * sets with no observation are dropped, keeping the rest in order */
    size_t k = first;
    for (size_t i = first; i < a->items->n; i++) {
        lr_item_set *s = a->items->sets[i];
        if (s->n && s->key.model)
            a->items->sets[k++] = s;
        else
            free(s->items);
    }
    a->items->n = k;
    if (!matched && rd.n && !eee)
        lr_diag_emit(a->diag, LR_WARNING, path, NULL, 0, 0,
                     "no results file of task %s at %s was read: samples not used", task,
                     date[0] ? date : "an unknown time");
    else if (!matched && rd.n)
        lr_diag_emit(a->diag, LR_WARNING, path, NULL, 0, 0,
                     "no evaluation result read matches these samples: not used");
    free(rd.sets);
}

static int by_name(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

typedef struct lmeval_run {
    const char *dir; /* the results file's path, of which dir_len bytes name its folder */
    size_t dir_len;  /* 0: the current folder */
    char date[64];
    const lr_source *src;
    size_t index; /* in the store's sources */
} lmeval_run;

static int same_dir(const lmeval_run *a, const lmeval_run *b)
{
    return a->dir_len == b->dir_len && !memcmp(a->dir, b->dir, a->dir_len);
}

static int by_dir(const void *x, const void *y)
{
    const lmeval_run *a = x, *b = y;
    size_t n = a->dir_len < b->dir_len ? a->dir_len : b->dir_len;
    int c = memcmp(a->dir, b->dir, n);
    if (!c && a->dir_len != b->dir_len)
        c = a->dir_len < b->dir_len ? -1 : 1;
    return c ? c : (a->index < b->index ? -1 : a->index > b->index);
}

/* The samples files of the lm-eval results files: samples_*_<run time>.jsonl beside each, in
 * byte order of their names. Each folder is listed once, however many results it holds. */
static void beside_lmeval(attach *a, lmeval_run *runs, size_t n_runs)
{
    qsort(runs, n_runs, sizeof *runs, by_dir);
    for (size_t g = 0; g < n_runs;) {
        size_t end = g + 1;
        while (end < n_runs && same_dir(&runs[end], &runs[g]))
            end++;
        char dir[4096];
        if (runs[g].dir_len)
            snprintf(dir, sizeof dir, "%.*s", (int)runs[g].dir_len, runs[g].dir);
        else
            snprintf(dir, sizeof dir, ".");
        char **names = NULL;
        size_t n = 0, cap = 0;
        DIR *d = opendir(dir);
        struct dirent *e;
        while (d && (e = readdir(d))) {
            char task[256], fdate[64];
            if (lr_samples_split_name(e->d_name, task, sizeof task, fdate, sizeof fdate) ||
                !fdate[0])
                continue;
            if (lr_grow((void **)&names, &cap, n, sizeof *names) ||
                !(names[n] = strdup(e->d_name))) {
                a->oom = 1;
                break;
            }
            n++;
        }
        if (d)
            closedir(d);
        if (n)
            qsort(names, n, sizeof *names, by_name);
        for (size_t r = g; r < end; r++) {
            for (size_t i = 0; i < n; i++) {
                char task[256], fdate[64], path[8192];
                lr_samples_split_name(names[i], task, sizeof task, fdate, sizeof fdate);
                if (strcmp(fdate, runs[r].date))
                    continue;
                snprintf(path, sizeof path, "%s/%s", dir, names[i]);
                read_file(a, path, runs[r].src, 0);
            }
        }
        for (size_t i = 0; i < n; i++)
            free(names[i]);
        free(names);
        g = end;
    }
}

/* The instance records of an EEE file: <stem>_samples.jsonl beside <stem>.json. */
static void beside_eee(attach *a, const lr_source *src)
{
    if (!ends_with(src->file, ".json"))
        return;
    char path[8192];
    snprintf(path, sizeof path, "%.*s_samples.jsonl", (int)(strlen(src->file) - 5), src->file);
    if (access(path, R_OK) == 0)
        read_file(a, path, src, 1);
}

/* m is a member row of the group row g: same file, metric and filter, g's benchmark its parent. */
static int is_member(const lr_observation *m, const lr_observation *g)
{
    return m->source == g->source && same(m->setting->parent, g->setting->benchmark) &&
           same(m->setting->metric, g->setting->metric) &&
           same(m->setting->variant, g->setting->variant);
}

/* The items of a group (an lm-eval aggregate such as mmlu or negotiationtom) are those of its
 * members, each id prefixed with the member's task ("mmlu_anatomy/17"): made when every member
 * of the group's metric and filter has a set, and kept when they average to the group's value
 * (true of lm-eval's sample-size-weighted groups, not of plain means of subject means). The
 * members are found through an index of the lm-eval rows by model and parent, so that a night
 * of many groups is not a scan of every row for every group. */
static void group_sets(attach *a)
{
    lr_store *store = a->store;
    size_t n = lr_store_count(store);
    lr_index children = LR_INDEX_INIT;
    for (size_t k = 0; k < n; k++) {
        const lr_observation *m = lr_store_get(store, k);
        if (m->setting->parent && m->source && m->source->kind &&
            !strcmp(m->source->kind, "lm-eval") &&
            lr_index_add(&children, m->model, m->setting->parent, k))
            a->oom = 1;
    }
    for (size_t i = 0; i < n && !a->oom; i++) {
        const lr_observation *g = lr_store_get(store, i);
        if (!(g->setting->flags & LR_OBS_AGGREGATE) || !g->source || !g->source->kind ||
            strcmp(g->source->kind, "lm-eval") || lr_items_find(a->items, g))
            continue;
        size_t n_kids;
        const size_t *kids = lr_index_get(&children, g->model, g->setting->benchmark, &n_kids);
        size_t members = 0, missing = 0, total = 0;
        double sum = 0;
        for (size_t k = 0; k < n_kids; k++) {
            const lr_observation *m = lr_store_get(store, kids[k]);
            if (!is_member(m, g))
                continue;
            const lr_item_set *s = lr_items_find(a->items, m);
            members++;
            if (s) {
                total += s->n;
                sum += items_sum(s);
            } else {
                missing++;
            }
        }
        /* a group whose rule is not the items' mean gets no items */
        if (!members || missing || !total || !mean_is_value(sum / (double)total, g))
            continue;
        lr_item_key key = lr_item_key_of(g);
        lr_item_set *set = lr_items_add_set(a->items, &key, g->setting->benchmark, NULL, NULL);
        if (!set) {
            a->oom = 1;
            break;
        }
        for (size_t k = 0; k < n_kids && !a->oom; k++) {
            const lr_observation *m = lr_store_get(store, kids[k]);
            if (!is_member(m, g))
                continue;
            const lr_item_set *s = lr_items_find(a->items, m);
            set->filter = s->filter;
            for (size_t j = 0; j < s->n; j++) {
                char id[LR_SAMPLE_TEXT * 2];
                snprintf(id, sizeof id, "%s/%s", s->task ? s->task : m->setting->benchmark,
                         s->items[j].id);
                if (lr_item_set_add(a->items, set, id, s->items[j].doc_hash,
                                    s->items[j].prompt_hash, s->items[j].target_hash,
                                    s->items[j].value, s->items[j].cluster))
                    a->oom = 1;
            }
        }
        lr_item_set_finish(set);
    }
    a->oom |= children.failed;
    lr_index_free(&children);
}

lr_status lr_samples_attach(lr_items *items, lr_store *store, const char *const *explicit,
                            size_t n_explicit, lr_diag *diag)
{
    attach a = {items, store, diag, NULL, NULL, 0, 0, 0};
    size_t n_sources = lr_store_source_count(store), n_runs = 0;
    lmeval_run *runs = malloc((n_sources ? n_sources : 1) * sizeof *runs);
    if (!runs)
        return LR_ENOMEM;
    for (size_t i = 0; i < n_sources; i++) {
        const lr_source *src = lr_store_source_get(store, i);
        if (!src->file || !src->kind)
            continue;
        if (!strcmp(src->kind, "eee")) {
            beside_eee(&a, src);
            continue;
        }
        if (strcmp(src->kind, "lm-eval"))
            continue;
        lmeval_run *run = &runs[n_runs];
        results_date(src->file, run->date, sizeof run->date);
        if (!run->date[0])
            continue;
        const char *name = base_name(src->file);
        run->dir = src->file;
        /* "runs/a/results_x.json" -> "runs/a"; "/results_x.json" -> "/" */
        run->dir_len = name == src->file                ? 0
                       : (size_t)(name - src->file - 1) ? (size_t)(name - src->file - 1)
                                                        : 1;
        run->src = src;
        run->index = i;
        n_runs++;
    }
    beside_lmeval(&a, runs, n_runs);
    free(runs);
    for (size_t i = 0; i < n_explicit; i++) {
        if (access(explicit[i], R_OK)) {
            lr_diag_emit(diag, LR_ERROR, explicit[i], NULL, 0, 0, "cannot open: %s",
                         strerror(errno));
            continue;
        }
        read_file(&a, explicit[i], NULL, !strncmp(base_name(explicit[i]), "samples_", 8) ? 0 : 1);
    }
    group_sets(&a);
    free(a.devs);
    free(a.inos);
    return a.oom || items->failed ? LR_ENOMEM : LR_OK;
}

/* ---- the snapshot written next to results.json ---- */

static const char *str_or_null(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static uint64_t hex64(const cJSON *v)
{
    if (!cJSON_IsString(v))
        return 0;
    return strtoull(v->valuestring, NULL, 16);
}

static lr_status snapshot_line(lr_items *items, char *text, size_t len, const char *path,
                               size_t lineno, lr_diag *diag)
{
    cJSON *j;
    lr_json_info info;
    lr_error e;
    lr_arena tree = LR_ARENA_INIT;
    /* a copy: lr_json_load parses in place and may reallocate to repair UTF-8 */
    char *line = malloc(len + 1);
    if (!line)
        return LR_ENOMEM;
    memcpy(line, text, len + 1);
    if (lr_json_load(&line, &len, path, &tree, &j, &info, &e)) {
        lr_error_at(&e, (int)lineno, e.column);
        lr_diag_error(diag, LR_WARNING, &e);
        lr_arena_free(&tree);
        free(line);
        return LR_OK;
    }
    const cJSON *shots = cJSON_GetObjectItemCaseSensitive(j, "shots");
    lr_item_key key = {str_or_null(j, "model"),
                       str_or_null(j, "benchmark"),
                       str_or_null(j, "metric"),
                       str_or_null(j, "variant"),
                       str_or_null(j, "method"),
                       cJSON_IsNumber(shots) && shots->valuedouble > -1e6 &&
                               shots->valuedouble < 1e6
                           ? (int)shots->valuedouble
                           : LR_SHOTS_UNKNOWN};
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(j, "items");
    if (!key.model || !key.benchmark || !key.metric || !cJSON_IsArray(list)) {
        lr_diag_emit(diag, LR_WARNING, path, NULL, (int)lineno, 0,
                     "not an item set (model, benchmark, metric, items): skipped");
        lr_arena_free(&tree);
        free(line);
        return LR_OK;
    }
    lr_item_set *s = lr_items_add_set(items, &key, str_or_null(j, "task"), str_or_null(j, "filter"),
                                      str_or_null(j, "file"));
    lr_status st = s ? LR_OK : LR_ENOMEM;
    const cJSON *it;
    lr_json_for_items(it, list)
    {
        if (st)
            break;
        const cJSON *id = cJSON_GetArrayItem(it, 0), *v = cJSON_GetArrayItem(it, 4);
        if (!cJSON_IsString(id) || !cJSON_IsNumber(v))
            continue;
        st = lr_item_set_add(items, s, id->valuestring, hex64(cJSON_GetArrayItem(it, 1)),
                             hex64(cJSON_GetArrayItem(it, 2)), hex64(cJSON_GetArrayItem(it, 3)),
                             v->valuedouble, NULL);
    }
    if (s)
        lr_item_set_finish(s);
    lr_arena_free(&tree);
    free(line);
    return st;
}

lr_status lr_samples_read_snapshot(lr_items *items, const char *path, lr_diag *diag, lr_error *err)
{
    char *text;
    size_t len;
    lr_status st = lr_file_read(path, SNAPSHOT_MAX, &text, &len, err);
    if (st)
        return st;
    size_t lineno = 0;
    for (char *p = text; st == LR_OK && p < text + len;) {
        char *nl = memchr(p, '\n', (size_t)(text + len - p));
        char *end = nl ? nl : text + len;
        lineno++;
        *end = '\0';
        if (end > p)
            st = snapshot_line(items, p, (size_t)(end - p), path, lineno, diag);
        p = end + 1;
    }
    free(text);
    if (st)
        return lr_error_set(err, st, path, "out of memory");
    return LR_OK;
}

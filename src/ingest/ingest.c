/* Ingest: reading one input file, sniffing its format and dispatching to an adapter; walking a
 * folder in a stable order. The adapter table is the one place that lists the formats. */
#include "ingest.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/json.h"
#include "core/utf8.h"
#include "model/aggregate.h"

extern const lr_adapter lr_adapter_native;
extern const lr_adapter lr_adapter_lmeval;
extern const lr_adapter lr_adapter_lmeval03;
extern const lr_adapter lr_adapter_oll;
extern const lr_adapter lr_adapter_olltable;
extern const lr_adapter lr_adapter_bigcode;
extern const lr_adapter lr_adapter_eee;
extern const lr_adapter lr_adapter_helm;
extern const lr_adapter lr_adapter_lighteval;
extern const lr_adapter lr_adapter_inspect;

/* Order matters only for ties in sniffing scores. */
const lr_adapter *const lr_adapters[] = {
    &lr_adapter_native,
    &lr_adapter_lmeval,
    &lr_adapter_lmeval03,
    &lr_adapter_oll,
    &lr_adapter_olltable,
    &lr_adapter_bigcode,
    &lr_adapter_eee,
    &lr_adapter_helm,
    &lr_adapter_lighteval,
    &lr_adapter_inspect,
    NULL,
};

const lr_adapter *lr_adapter_find(const char *name)
{
    for (size_t i = 0; lr_adapters[i]; i++)
        if (!strcmp(lr_adapters[i]->name, name))
            return lr_adapters[i];
    return NULL;
}

void lr_obs_in_init(lr_obs_in *o)
{
    memset(o, 0, sizeof *o);
    o->shots = LR_SHOTS_UNKNOWN;
    o->n = -1;
    o->higher_is_better = -1;
}

static void vemit(const lr_input *in, lr_severity sev, const char *pointer, const char *fmt,
                  va_list ap)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    lr_diag_emit(lr_store_diag(in->store), sev, in->path, pointer, 0, 0, "%s", msg);
}

void lr_ingest_warn(const lr_input *in, const char *pointer, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vemit(in, LR_WARNING, pointer, fmt, ap);
    va_end(ap);
}

void lr_ingest_note(const lr_input *in, const char *pointer, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vemit(in, LR_NOTE, pointer, fmt, ap);
    va_end(ap);
}

/* ---- model names that are paths on the machine that ran the evaluation ---- */

/* Folders that only hold models (and the folder after home/Users, a user's name): never a
 * model's name. */
static const char *const holder_dirs[] = {
    "home",     "users",      "user",        "mnt",       "media",        "data",
    "datasets", "models",     "model",       "ckpt",      "ckpts",        "checkpoints",
    "weights",  "hf",         "huggingface", "hf_models", "lm",           "llm",
    "llms",     "pretrained", "output",      "outputs",   "saved_models", "workspace",
    "work",     "tmp",        "scratch",     "shared",    "snapshots",    "root",
    "opt",      "srv",        "cache",       ".cache",    "hub",          "results",
    "runs",     "exp",        "experiments", "merged",    "export",       "exports"};
/* Last folders that say which state of a model, not which model: shown after the model's
 * folder ("llama-7b/checkpoint-500"). */
static const char *const state_prefixes[] = {"checkpoint", "ckpt",  "step",  "global_step",
                                             "iter",       "epoch", "final", "latest",
                                             "best",       "last"};

static int word_is(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    if (k != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)s[i]) != w[i])
            return 0;
    return 1;
}

static int is_holder(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof holder_dirs / sizeof *holder_dirs; i++)
        if (word_is(s, n, holder_dirs[i]))
            return 1;
    size_t hex = 0;
    while (hex < n && isxdigit((unsigned char)s[hex]))
        hex++;
    return hex == n && n >= 32; /* a revision hash (Hugging Face cache snapshots/<sha>) */
}

/* "checkpoint-500", "step_1000", "final", or a bare size ("13B", "7b"): a state or size of a
 * model whose name is the folder above. */
static int is_state(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof state_prefixes / sizeof *state_prefixes; i++) {
        size_t k = strlen(state_prefixes[i]);
        if (n >= k && word_is(s, k, state_prefixes[i])) {
            size_t j = k;
            while (j < n && (s[j] == '-' || s[j] == '_' || s[j] == '.'))
                j++;
            while (j < n && isdigit((unsigned char)s[j]))
                j++;
            if (j == n)
                return 1;
        }
    }
    size_t j = 0;
    while (j < n && (isdigit((unsigned char)s[j]) || s[j] == '.'))
        j++;
    return j > 0 && j + 1 == n && (s[j] == 'b' || s[j] == 'B' || s[j] == 'm' || s[j] == 'M');
}

int lr_ingest_is_path(const char *name)
{
    if (!name || !name[0])
        return 0;
    if (name[0] == '/' || name[0] == '~' || name[0] == '.' || strchr(name, '\\'))
        return 1;
    /* a drive letter; "org/name" and "provider/org/name" (lighteval, Inspect) are names */
    return isalpha((unsigned char)name[0]) && name[1] == ':' && (name[2] == '/' || name[2] == '\\');
}

const char *lr_ingest_model_name(lr_store *store, const char *name)
{
    if (!lr_ingest_is_path(name))
        return name;
    /* components, from the end */
    enum { MAX_PARTS = 64 };
    const char *part[MAX_PARTS];
    size_t len[MAX_PARTS], n = 0;
    for (const char *p = name; *p && n < MAX_PARTS;) {
        size_t k = strcspn(p, "/\\");
        if (k && !(k == 1 && p[0] == '.') && !(k == 2 && p[0] == '.' && p[1] == '.') &&
            !(k == 1 && p[0] == '~') && !(k == 2 && p[1] == ':')) {
            part[n] = p;
            len[n++] = k;
        }
        p += k;
        while (*p == '/' || *p == '\\')
            p++;
    }
    /* the Hugging Face cache: .../models--org--name/snapshots/<sha> is org/name */
    for (size_t i = n; i-- > 0;)
        if (len[i] > 8 && !strncmp(part[i], "models--", 8)) {
            char buf[256];
            size_t o = 0;
            for (size_t j = 8; j < len[i] && o + 1 < sizeof buf; j++) {
                if (part[i][j] == '-' && j + 1 < len[i] && part[i][j + 1] == '-' && o) {
                    buf[o++] = '/';
                    j++;
                } else
                    buf[o++] = part[i][j];
            }
            buf[o] = '\0';
            return lr_store_strdup(store, buf);
        }
    /* a user's folder is never shown: what follows home/Users is a holder too */
    int user[MAX_PARTS] = {0};
    for (size_t i = 0; i + 1 < n; i++)
        if (word_is(part[i], len[i], "home") || word_is(part[i], len[i], "users"))
            user[i + 1] = 1;
    size_t last = n;
    while (last-- > 0 && (is_holder(part[last], len[last]) || user[last]))
        ;
    if (last >= n)
        return lr_store_strdup(store, "unnamed local model"); /* nothing but holders */
    if (is_state(part[last], len[last])) {
        for (size_t i = last; i-- > 0;)
            if (!is_holder(part[i], len[i]) && !user[i] && !is_state(part[i], len[i]))
                return lr_arena_printf(lr_store_arena(store), "%.*s/%.*s", (int)len[i], part[i],
                                       (int)len[last], part[last]);
    }
    return lr_arena_strndup(lr_store_arena(store), part[last], len[last]);
}

const char *lr_ingest_args_shown(lr_store *store, const char *args)
{
    if (!args)
        return NULL;
    int any = 0;
    for (const char *p = args; *p;) {
        size_t n = strcspn(p, ",");
        const char *eq = memchr(p, '=', n);
        if (eq) {
            char *v = lr_arena_strndup(lr_store_arena(store), eq + 1, n - (size_t)(eq + 1 - p));
            any |= v && lr_ingest_is_path(v);
        }
        p += n;
        if (*p)
            p++;
    }
    if (!any)
        return args;
    lr_buf out = LR_BUF_INIT;
    for (const char *p = args; *p;) {
        size_t n = strcspn(p, ",");
        const char *eq = memchr(p, '=', n);
        char *v =
            eq ? lr_arena_strndup(lr_store_arena(store), eq + 1, n - (size_t)(eq + 1 - p)) : NULL;
        if (v && lr_ingest_is_path(v)) {
            lr_buf_printf(&out, "%.*s\xe2\x80\xa6/", (int)(eq + 1 - p),
                          p); /* "…/": a path cut short */
            lr_buf_puts(&out, lr_ingest_model_name(store, v));
        } else
            lr_buf_printf(&out, "%.*s", (int)n, p);
        p += n;
        if (*p) {
            lr_buf_puts(&out, ",");
            p++;
        }
    }
    const char *shown = out.len ? lr_store_strdup(store, out.data) : args;
    lr_buf_free(&out);
    return shown ? shown : args;
}

const char *lr_ingest_model_from_args(lr_store *store, const cJSON *args)
{
    static const char *const keys[] = {"pretrained", "model", "path", "engine", "peft", "delta"};
    if (cJSON_IsObject(args)) {
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            const char *v = lr_json_string(args, keys[k]);
            if (v && v[0])
                return lr_ingest_model_name(store, lr_store_strdup(store, v));
        }
        return NULL;
    }
    if (!cJSON_IsString(args))
        return NULL;
    const char *s = args->valuestring;
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        size_t klen = strlen(keys[k]);
        for (const char *p = s; p && *p;) {
            while (*p == ',' || *p == ' ')
                p++;
            if (!strncmp(p, keys[k], klen) && p[klen] == '=') {
                const char *v = p + klen + 1;
                size_t n = strcspn(v, ",");
                if (n)
                    return lr_ingest_model_name(store,
                                                lr_arena_strndup(lr_store_arena(store), v, n));
            }
            p = strchr(p, ',');
        }
    }
    return NULL;
}

const char *lr_ingest_file_stem(lr_store *store, const char *name)
{
    const char *slash = strrchr(name, '/');
    if (slash)
        name = slash + 1;
    const char *dot = strrchr(name, '.');
    size_t n = dot && dot != name ? (size_t)(dot - name) : strlen(name);
    return lr_arena_strndup(lr_store_arena(store), name, n);
}

const char *lr_ingest_iso_utc(lr_store *store, double epoch)
{
    if (!(epoch >= 0 && epoch < 253402300800.0))
        return NULL;
    time_t t = (time_t)epoch;
    struct tm tm;
    char buf[32];
    if (!gmtime_r(&t, &tm) || !strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm))
        return NULL;
    return lr_store_strdup(store, buf);
}

const char *lr_ingest_date_from_name(lr_store *store, const char *name)
{
    const char *p = strstr(name, "results_");
    if (!p)
        return NULL;
    p += 8;
    static const char pattern[] = "dddd-dd-ddTdd-dd-dd";
    for (size_t i = 0; i < sizeof pattern - 1; i++) {
        if (pattern[i] == 'd' ? (p[i] < '0' || p[i] > '9') : p[i] != pattern[i])
            return NULL;
    }
    char buf[20];
    memcpy(buf, p, 19);
    buf[13] = buf[16] = ':';
    buf[19] = '\0';
    return lr_store_strdup(store, buf);
}

int lr_ingest_stderr(const lr_input *in, const cJSON *entry, const char *base, const char *key,
                     int note_na, double *out)
{
    const cJSON *se = cJSON_GetObjectItemCaseSensitive(entry, key);
    if (!se)
        return 0;
    lr_num_kind k = lr_json_number(se, out);
    if (k == LR_NUM_OK)
        return 1;
    char ptr[512]; /* only for the message */
    snprintf(ptr, sizeof ptr, "%s", base);
    lr_json_pointer_push(ptr, sizeof ptr, key);
    if (k == LR_NUM_NONFINITE)
        lr_ingest_warn(in, ptr, "stderr is %s; treated as unknown", lr_json_nonfinite_name(se));
    else if (k == LR_NUM_NOT_NUMBER)
        lr_ingest_warn(in, ptr, "stderr must be a number; treated as unknown");
    else if (note_na)
        lr_ingest_note(in, ptr, "stderr \"%s\": unknown",
                       cJSON_IsString(se) ? se->valuestring : "null");
    return 0;
}

static int is_config(const cJSON *json)
{
    const char *format = lr_json_string(json, "format");
    return format && !strncmp(format, "llmreport-config/", 17);
}

static int looks_like_json(const char *text, size_t len)
{
    size_t i = 0;
    if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF)
        i = 3;
    while (i < len && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t'))
        i++;
    return i < len && (text[i] == '{' || text[i] == '[');
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Parsing, the part that needs no model: safe to run on several threads at once. */
static void parse_text(lr_parsed *p)
{
    const unsigned char *u = (const unsigned char *)p->text;
    if (p->len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        p->status = lr_error_set(&p->err, LR_EPARSE, p->path,
                                 "the file is UTF-16 (byte order mark %02X %02X); save it as UTF-8",
                                 u[0], u[1]);
        lr_error_at(&p->err, 1, 1);
        return;
    }
    const char *dot = strrchr(p->path, '.');
    if (p->len >= 4 && !memcmp(p->text, "PK\x03\x04", 4)) {
        p->status = lr_error_set(&p->err, LR_EFORMAT, p->path,
                                 dot && !strcmp(dot, ".eval")
                                     ? "an Inspect AI .eval log (a zip archive): convert it with "
                                       "`inspect log convert --to json FILE`"
                                     : "a zip archive, not a results file");
        lr_error_at(&p->err, 1, 1);
        return;
    }
    int is_csv = dot && !strcmp(dot, ".csv");
    if (is_csv && !looks_like_json(p->text, p->len)) {
        p->bad_utf8 = lr_utf8_repair(&p->text, &p->len, &p->bad_utf8_at);
        if (p->bad_utf8 == (size_t)-1) {
            p->status = lr_error_set(&p->err, LR_ENOMEM, p->path, "out of memory");
            return;
        }
        size_t i = p->len >= 3 && !memcmp(p->text, "\xEF\xBB\xBF", 3) ? 3 : 0;
        while (i < p->len && p->text[i] && strchr(" \t\r\n", p->text[i]))
            i++;
        if (i == p->len) {
            p->status = lr_error_set(&p->err, LR_EPARSE, p->path, "empty file");
            lr_error_at(&p->err, 1, 1);
        }
        return;
    }
    lr_json_info info;
    p->status = lr_json_load(&p->text, &p->len, p->path, &p->arena, &p->json, &info, &p->err);
    p->bad_utf8 = info.bad_utf8;
    p->bad_utf8_at = info.bad_utf8_at;
    p->nonfinite = info.nonfinite;
    p->duplicates = info.duplicates;
    memcpy(p->duplicate_at, info.duplicate_at, sizeof p->duplicate_at);
    if (!p->status && is_config(p->json))
        p->is_config = 1;
}

void lr_ingest_parse(const char *path, size_t max, lr_parsed *p)
{
    memset(p, 0, sizeof *p);
    p->path = strdup(path);
    if (!p->path) {
        p->status = lr_error_set(&p->err, LR_ENOMEM, path, "out of memory");
        return;
    }
    p->status = lr_file_read(path, max, &p->text, &p->len, &p->err);
    if (!p->status)
        parse_text(p);
}

void lr_ingest_parse_bytes(const char *name, const char *data, size_t len, lr_parsed *p)
{
    memset(p, 0, sizeof *p);
    p->path = strdup(name);
    p->text = malloc(len + 1);
    if (!p->path || !p->text) {
        p->status = lr_error_set(&p->err, LR_ENOMEM, name, "out of memory");
        return;
    }
    memcpy(p->text, data, len);
    p->text[len] = '\0';
    p->len = len;
    parse_text(p);
}

void lr_parsed_free(lr_parsed *p)
{
    lr_arena_free(&p->arena);
    free(p->text);
    free(p->path);
    memset(p, 0, sizeof *p);
}

lr_status lr_ingest_parsed(lr_store *store, lr_parsed *p, const lr_adapter *forced,
                           int *is_config_out, lr_error *err)
{
    if (is_config_out)
        *is_config_out = p->is_config;
    if (p->status) {
        if (err)
            *err = p->err;
        return p->status;
    }
    if (p->is_config)
        return LR_OK;
    const char *path = p->path;
    lr_input in = {path, base_name(path), p->text, p->len, p->json, store, err};
    const lr_adapter *adapter = forced;
    if (!adapter) {
        int best = 0;
        for (size_t i = 0; lr_adapters[i]; i++) {
            int score = lr_adapters[i]->sniff(&in);
            if (score > best) {
                best = score;
                adapter = lr_adapters[i];
            }
        }
    }
    if (!adapter)
        return lr_error_set(err, LR_EFORMAT, path,
                            "format not recognised (not llmreport/1, lm-evaluation-harness, Open "
                            "LLM Leaderboard, bigcode-evaluation-harness, Every Eval Ever, "
                            "lighteval or Inspect AI)");
    if (p->bad_utf8) {
        int line, col;
        lr_text_position(p->text, p->bad_utf8_at, &line, &col);
        lr_diag_emit(lr_store_diag(store), LR_WARNING, path, NULL, line, col,
                     "invalid UTF-8 replaced with U+FFFD (%zu byte%s)", p->bad_utf8,
                     p->bad_utf8 == 1 ? "" : "s");
    }
    if (p->duplicates == 1)
        lr_ingest_warn(&in, p->duplicate_at, "duplicate key: the first value is used");
    else if (p->duplicates)
        lr_ingest_warn(&in, p->duplicate_at,
                       "duplicate key: the first value is used (%zu duplicate keys in the file)",
                       p->duplicates);
    if (p->nonfinite)
        lr_ingest_warn(&in, NULL, "%d bare NaN/Infinity token%s read as no value", p->nonfinite,
                       p->nonfinite == 1 ? "" : "s");
    size_t first = lr_store_count(store);
    lr_status st = adapter->read(&in);
    /* benchmarks the file gives only by their subtasks (MMLU's 57 subjects): their mean */
    if (st == LR_OK &&
        lr_aggregate_subtasks(
            store, first, cJSON_GetObjectItemCaseSensitive(p->json, "results") ? "/results" : NULL))
        st = lr_error_set(err, LR_ENOMEM, path, "out of memory");
    lr_store_flush_notes(store, path);
    return st;
}

lr_status lr_ingest_file(lr_store *store, const char *path, const lr_adapter *forced,
                         int *is_config, lr_error *err)
{
    lr_parsed p;
    lr_ingest_parse(path, LR_INGEST_MAX_FILE, &p);
    lr_status st = lr_ingest_parsed(store, &p, forced, is_config, err);
    lr_parsed_free(&p);
    return st;
}

lr_status lr_ingest_bytes(lr_store *store, const char *name, const char *data, size_t len,
                          const lr_adapter *forced, int *is_config, lr_error *err)
{
    lr_parsed p;
    lr_ingest_parse_bytes(name, data, len, &p);
    lr_status st = lr_ingest_parsed(store, &p, forced, is_config, err);
    lr_parsed_free(&p);
    return st;
}

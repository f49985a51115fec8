/* Export writers. The JSON is written by hand rather than with cJSON_Print so that its layout is
 * fixed (one result per line, keys in a fixed order): snapshots are committed nightly and diffs
 * of them should show only what changed. */
#include "write/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/index.h"
#include "core/mdtext.h"

/* Appends ", " unless first, then "key": (keys are plain ASCII: no escapes). Inline, with the
 * key_* helpers, so that a literal key's length is known at compile time. */
static inline void put_key(lr_buf *out, const char *key, int *first)
{
    size_t n = strlen(key);
    if (lr_buf_reserve(out, n + 6))
        return;
    char *w = out->data + out->len;
    if (!*first) {
        *w++ = ',';
        *w++ = ' ';
    }
    *first = 0;
    *w++ = '"';
    memcpy(w, key, n);
    w += n;
    memcpy(w, "\": ", 4); /* with the NUL */
    out->len = (size_t)(w + 3 - out->data);
}

static inline void key_str(lr_buf *out, const char *key, const char *value, int *first)
{
    if (!value)
        return;
    put_key(out, key, first);
    lr_json_quote(out, value);
}

/* The number as lr_format_double writes it. */
static void put_number(lr_buf *out, double v)
{
    char num[64];
    lr_format_double(v, num, sizeof num);
    lr_buf_puts(out, num);
}

static inline void key_num(lr_buf *out, const char *key, double v, int *first)
{
    put_key(out, key, first);
    put_number(out, v);
}

/* "S12": a source's number in the export. */
static void key_source(lr_buf *out, const char *key, size_t number, int *first)
{
    put_key(out, key, first);
    lr_buf_append(out, "\"S", 2);
    lr_buf_put_int(out, (long long)number);
    lr_buf_putc(out, '"');
}

static const char *const flag_names[] = {"aggregate", "member", "limited", "reference", "flagged"};

/* The setting of a row as the snapshot writes it: everything an observation shares with the other
 * results measured and described the same way, keys in the order llmreport/1 results had. */
static void put_setting(lr_buf *out, const lr_setting *k)
{
    int first = 1;
    lr_buf_putc(out, '{');
    key_str(out, "benchmark", k->benchmark, &first);
    key_str(out, "metric", k->metric, &first);
    put_key(out, "shots", &first);
    if (k->shots == LR_SHOTS_UNKNOWN)
        lr_buf_puts(out, "null");
    else if (k->shots == LR_SHOTS_MIXED)
        lr_buf_puts(out, "\"mixed\"");
    else
        lr_buf_put_int(out, k->shots);
    put_key(out, "method", &first);
    if (k->method)
        lr_json_quote(out, k->method);
    else
        lr_buf_puts(out, "null");
    key_str(out, "variant", k->variant, &first);
    key_str(out, "task_hash", k->task_hash, &first);
    key_str(out, "scale", k->bounded ? "percent" : "raw", &first);
    lr_buf_puts(out, k->higher_is_better ? ", \"higher_is_better\": true"
                                         : ", \"higher_is_better\": false");
    if (k->flags) {
        lr_buf_puts(out, ", \"flags\": [");
        int f1 = 1;
        for (size_t f = 0; f < sizeof flag_names / sizeof flag_names[0]; f++) {
            if (k->flags & (1u << f)) {
                lr_buf_puts(out, f1 ? "" : ", ");
                f1 = 0;
                lr_json_quote(out, flag_names[f]);
            }
        }
        lr_buf_putc(out, ']');
    }
    key_str(out, "parent", k->parent, &first);
    key_str(out, "rule", k->rule, &first);
    key_str(out, "note", k->note, &first);
    lr_buf_putc(out, '}');
}

/* Numbers the distinct settings and locators of a snapshot in order of first use. Settings and
 * locators are interned by the store, so an address is looked up first (open addressing); an
 * address not seen yet is looked up by the text it writes, so that two copies of one text get
 * one number. */
typedef struct numbering {
    const void **keys; /* addresses; NULL = free slot */
    size_t *values;
    size_t n_slots, n_keys;
    lr_index texts; /* written text -> number */
    lr_buf list;    /* the texts, one ",\n    " + text per entry */
    size_t count;
    int failed;
} numbering;

static size_t address_hash(const void *p)
{
    unsigned long long h = (unsigned long long)(size_t)p * 0x9e3779b97f4a7c15ull;
    return (size_t)(h >> 17);
}

static int numbering_grow(numbering *t)
{
    size_t n = t->n_slots ? t->n_slots * 2 : 1024;
    const void **keys = calloc(n, sizeof *keys);
    size_t *values = malloc(n * sizeof *values);
    if (!keys || !values) {
        free(keys);
        free(values);
        return -1;
    }
    for (size_t i = 0; i < t->n_slots; i++) {
        if (!t->keys[i])
            continue;
        size_t j = address_hash(t->keys[i]) & (n - 1);
        while (keys[j])
            j = (j + 1) & (n - 1);
        keys[j] = t->keys[i];
        values[j] = t->values[i];
    }
    free(t->keys);
    free(t->values);
    t->keys = keys;
    t->values = values;
    t->n_slots = n;
    return 0;
}

/* The number of key (non-NULL), whose text put writes; a new number when it is new. */
static size_t numbering_get(numbering *t, const void *key, void (*put)(lr_buf *, const void *),
                            lr_buf *scratch)
{
    if (t->n_slots) {
        for (size_t j = address_hash(key) & (t->n_slots - 1); t->keys[j];
             j = (j + 1) & (t->n_slots - 1))
            if (t->keys[j] == key)
                return t->values[j];
    }
    if ((t->n_keys + 1) * 2 > t->n_slots && numbering_grow(t)) {
        t->failed = 1;
        return 0;
    }
    lr_buf_clear(scratch);
    put(scratch, key);
    if (lr_buf_failed(scratch)) {
        t->failed = 1;
        return 0;
    }
    size_t hits, number;
    const size_t *at = lr_index_get(&t->texts, scratch->data, NULL, &hits);
    if (hits) {
        number = at[0];
    } else {
        number = t->count++;
        if (lr_index_add(&t->texts, scratch->data, NULL, number))
            t->failed = 1;
        lr_buf_puts(&t->list, number ? ",\n    " : "\n    ");
        lr_buf_append(&t->list, scratch->data, scratch->len);
    }
    size_t j = address_hash(key) & (t->n_slots - 1);
    while (t->keys[j])
        j = (j + 1) & (t->n_slots - 1);
    t->keys[j] = key;
    t->values[j] = number;
    t->n_keys++;
    return number;
}

static void numbering_free(numbering *t)
{
    free(t->keys);
    free(t->values);
    lr_index_free(&t->texts);
    lr_buf_free(&t->list);
}

static void put_setting_any(lr_buf *out, const void *k)
{
    put_setting(out, k);
}

static void put_locator_any(lr_buf *out, const void *s)
{
    lr_json_quote(out, s);
}

/* "name": [ + the numbered texts + ], */
static void put_list(lr_buf *out, const char *name, numbering *t)
{
    lr_buf_puts(out, "  \"");
    lr_buf_puts(out, name);
    lr_buf_puts(out, "\": [");
    if (out->sink && t->list.len) {
        /* straight to the sink: the list is as long as a tenth of the results */
        lr_buf_spill(out, 1);
        if (!out->failed && out->sink(out->sink_user, t->list.data, t->list.len))
            out->failed = 1;
    } else {
        lr_buf_append(out, t->list.data ? t->list.data : "", t->list.len);
    }
    lr_buf_puts(out, t->count ? "\n  ],\n" : "],\n");
    out->failed |= t->failed || t->list.failed;
    lr_buf_free(&t->list); /* written; the rows only look up addresses numbered already */
}

/* Every text numbered (the first pass over the results): the texts' index is not needed for
 * the addresses met again. */
static void numbering_done(numbering *t)
{
    t->failed |= t->texts.failed;
    lr_index_free(&t->texts);
}

static int same_block(const lr_observation *a, const lr_observation *b)
{
    return a->source == b->source &&
           (a->model == b->model || (a->model && b->model && !strcmp(a->model, b->model)));
}

/* The snapshot, llmreport/2: sources, settings and locators written once each and numbered;
 * results as blocks of consecutive observations of one model and source, one row per
 * observation naming its setting and locator by position (from 0), then value, stderr and n
 * (trailing nulls left out). Observations keep their order, so reading it back and exporting
 * again gives the same bytes. */
void lr_export_json(const lr_store *m, const char *date, lr_buf *out)
{
    lr_buf_puts(out, "{\n  \"format\": \"llmreport/2\",\n");
    if (date) {
        lr_buf_puts(out, "  \"date\": ");
        lr_json_quote(out, date);
        lr_buf_puts(out, ",\n");
    }
    /* only the sources that observations use, renumbered S1.. in order of creation */
    size_t n_src = lr_store_source_count(m), n = lr_store_count(m);
    size_t *number = calloc(n_src + 1, sizeof *number); /* export number per source, 0 unused */
    numbering settings = {0}, locators = {0};
    lr_buf scratch = LR_BUF_INIT;
    if (!number) {
        out->failed = 1;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const lr_observation *o = lr_store_get(m, i);
        if (o->source)
            number[o->source->index] = 1;
        numbering_get(&settings, o->setting, put_setting_any, &scratch);
        if (o->locator)
            numbering_get(&locators, o->locator, put_locator_any, &scratch);
    }
    numbering_done(&settings);
    numbering_done(&locators);
    lr_buf_puts(out, "  \"sources\": [");
    size_t used = 0;
    for (size_t s = 0; s < n_src; s++) {
        const lr_source *src = lr_store_source_get(m, s);
        if (!number[s])
            continue;
        number[s] = used + 1;
        lr_buf_puts(out, used ? ",\n    {" : "\n    {");
        used++;
        int first = 1;
        key_source(out, "id", used, &first);
        key_str(out, "kind", src->kind, &first);
        key_str(out, "title", src->title, &first);
        key_str(out, "arxiv", src->arxiv, &first);
        key_str(out, "table", src->table, &first);
        key_str(out, "url", src->url, &first);
        key_str(out, "date", src->date, &first);
        key_str(out, "file", src->file, &first);
        key_str(out, "harness", src->harness, &first);
        key_str(out, "model_args", src->model_args, &first);
        key_str(out, "note", src->note, &first);
        if (src->n_caveats) {
            put_key(out, "caveats", &first);
            for (size_t c = 0; c < src->n_caveats; c++) {
                lr_buf_puts(out, c ? ", " : "[");
                lr_json_quote(out, src->caveats[c] ? src->caveats[c] : "");
            }
            lr_buf_putc(out, ']');
        }
        lr_buf_putc(out, '}');
        lr_buf_spill(out, 0);
    }
    lr_buf_puts(out, used ? "\n  ],\n" : "],\n");
    put_list(out, "settings", &settings);
    lr_buf_spill(out, 0);
    put_list(out, "locators", &locators);
    lr_buf_puts(out, "  \"columns\": [\"setting\", \"locator\", \"value\", \"stderr\", \"n\"],\n");
    lr_buf_puts(out, "  \"results\": [");
    for (size_t i = 0; i < n; i++) {
        const lr_observation *o = lr_store_get(m, i);
        if (!i || !same_block(o, lr_store_get(m, i - 1))) {
            lr_buf_puts(out, i ? "\n    ]},\n    {" : "\n    {");
            int first = 1;
            key_str(out, "model", o->model, &first);
            if (o->source)
                key_source(out, "source", number[o->source->index], &first);
            put_key(out, "rows", &first);
            lr_buf_puts(out, "[\n      [");
        } else {
            lr_buf_puts(out, ",\n      [");
        }
        lr_buf_put_int(out,
                       (long long)numbering_get(&settings, o->setting, put_setting_any, &scratch));
        if (o->locator) {
            lr_buf_puts(out, ", ");
            lr_buf_put_int(
                out, (long long)numbering_get(&locators, o->locator, put_locator_any, &scratch));
        } else {
            lr_buf_puts(out, ", null");
        }
        lr_buf_puts(out, ", ");
        put_number(out, o->value);
        if (o->stderr_ >= 0 || o->n >= 0) {
            lr_buf_puts(out, ", ");
            if (o->stderr_ >= 0)
                put_number(out, o->stderr_);
            else
                lr_buf_puts(out, "null");
        }
        if (o->n >= 0) {
            lr_buf_puts(out, ", ");
            lr_buf_put_int(out, o->n);
        }
        lr_buf_putc(out, ']');
        lr_buf_spill(out, 0);
    }
    lr_buf_puts(out, n ? "\n    ]}\n  ]\n}\n" : "]\n}\n");
    lr_buf_spill(out, 1);
    out->failed |= settings.failed || locators.failed || scratch.failed;
    numbering_free(&settings);
    numbering_free(&locators);
    lr_buf_free(&scratch);
    free(number);
}

/* A text cell: quoted when it holds a comma, quote or line break; one that a spreadsheet would
 * take for a formula (=, +, -, @, tab or CR first: model names come from anyone's files) is
 * quoted with a ' in front, so it shows as the text it is. */
static void csv_field(lr_buf *out, const char *s)
{
    if (!s)
        return;
    int formula = strchr("=+-@\t\r", s[0]) && s[0];
    if (formula || strpbrk(s, ",\"\n\r")) {
        lr_buf_putc(out, '"');
        if (formula)
            lr_buf_putc(out, '\'');
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                lr_buf_putc(out, '"');
            lr_buf_putc(out, *p);
        }
        lr_buf_putc(out, '"');
    } else {
        lr_buf_puts(out, s);
    }
}

void lr_export_csv(const lr_store *m, lr_buf *out)
{
    lr_buf_puts(out, "model,benchmark,metric,shots,method,variant,value,stderr,n,unit,"
                     "higher_is_better,source_kind,source_title,source_table,source_date,"
                     "source_file,flags,parent,rule,task_hash\n");
    for (size_t i = 0; i < lr_store_count(m); i++) {
        const lr_observation *o = lr_store_get(m, i);
        csv_field(out, o->model);
        lr_buf_putc(out, ',');
        csv_field(out, o->setting->benchmark);
        lr_buf_putc(out, ',');
        csv_field(out, o->setting->metric);
        lr_buf_putc(out, ',');
        if (o->setting->shots == LR_SHOTS_MIXED)
            lr_buf_puts(out, "mixed");
        else if (o->setting->shots != LR_SHOTS_UNKNOWN)
            lr_buf_put_int(out, o->setting->shots);
        lr_buf_putc(out, ',');
        csv_field(out, o->setting->method);
        lr_buf_putc(out, ',');
        csv_field(out, o->setting->variant);
        lr_buf_putc(out, ',');
        put_number(out, o->value);
        lr_buf_putc(out, ',');
        if (o->stderr_ >= 0)
            put_number(out, o->stderr_);
        lr_buf_putc(out, ',');
        if (o->n >= 0)
            lr_buf_put_int(out, o->n);
        lr_buf_putc(out, ',');
        lr_buf_puts(out, o->setting->bounded ? "percent" : "raw");
        lr_buf_putc(out, ',');
        lr_buf_puts(out, o->setting->higher_is_better ? "true" : "false");
        const lr_source *s = o->source;
        lr_buf_putc(out, ',');
        csv_field(out, s ? s->kind : NULL);
        lr_buf_putc(out, ',');
        csv_field(out, s ? s->title : NULL);
        lr_buf_putc(out, ',');
        csv_field(out, s ? s->table : NULL);
        lr_buf_putc(out, ',');
        csv_field(out, s ? s->date : NULL);
        lr_buf_putc(out, ',');
        csv_field(out, s ? s->file : NULL);
        /* what the JSON export says of the setting too: an aggregate, a limited run */
        lr_buf_putc(out, ',');
        for (size_t f = 0, any = 0; f < sizeof flag_names / sizeof flag_names[0]; f++) {
            if (o->setting->flags & (1u << f)) {
                lr_buf_puts(out, any++ ? ";" : "");
                lr_buf_puts(out, flag_names[f]);
            }
        }
        lr_buf_putc(out, ',');
        csv_field(out, o->setting->parent);
        lr_buf_putc(out, ',');
        csv_field(out, o->setting->rule);
        lr_buf_putc(out, ',');
        csv_field(out, o->setting->task_hash);
        lr_buf_putc(out, '\n');
        lr_buf_spill(out, 0);
    }
    lr_buf_spill(out, 1);
}

/* A source's date as a Unix time string for retrieved_timestamp ("2023-03-15" -> "1678838400"),
 * "0" when there is none. Computed without the local time zone. */
static void epoch_text(const char *date, char *buf, size_t size)
{
    int y, mo, d, h = 0, mi = 0, sec = 0;
    if (!date || sscanf(date, "%d-%d-%d", &y, &mo, &d) != 3 || mo < 1 || mo > 12 || d < 1 ||
        d > 31) {
        snprintf(buf, size, "0");
        return;
    }
    if (strlen(date) >= 19)
        sscanf(date + 11, "%d:%d:%d", &h, &mi, &sec);
    /* days from civil (Howard Hinnant's algorithm) */
    y -= mo <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long days = era * 146097 + doe - 719468;
    snprintf(buf, size, "%lld", (long long)days * 86400 + h * 3600 + mi * 60 + sec);
}

static int is_documentation(const lr_source *s)
{
    static const char *const kinds[] = {"paper", "leaderboard", "blog", "repository",
                                        "project page"};
    for (size_t i = 0; s && s->kind && i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strcmp(s->kind, kinds[i]))
            return 1;
    return 0;
}

/* The evaluation library of a source, as EEE 0.3.0 names it ("lm_eval", "inspect_ai"), and its
 * version: the word after the library's name in the harness text when it starts with a digit,
 * else "unknown". */
static void library_of(const lr_source *s, char *name, size_t nsize, char *version, size_t vsize)
{
    static const struct {
        const char *kind, *name;
    } libraries[] = {{"lm-eval", "lm_eval"},
                     {"bigcode", "bigcode-evaluation-harness"},
                     {"inspect", "inspect_ai"},
                     {"lighteval", "lighteval"}};
    snprintf(name, nsize, "unknown");
    snprintf(version, vsize, "unknown");
    for (size_t i = 0; s && s->kind && i < sizeof libraries / sizeof libraries[0]; i++)
        if (!strcmp(s->kind, libraries[i].kind))
            snprintf(name, nsize, "%s", libraries[i].name);
    /* the first word that starts with a digit, before any "(git ...)" */
    const char *h = s ? s->harness : NULL;
    size_t end = h ? strcspn(h, "(") : 0;
    for (size_t i = 0; i < end; i++) {
        if ((i == 0 || h[i - 1] == ' ') && h[i] >= '0' && h[i] <= '9') {
            size_t n = strcspn(h + i, " (");
            snprintf(version, vsize, "%.*s", (int)n, h + i);
            break;
        }
    }
}

/* The source index as text, "%zu" ((size_t)-1 for none): the key of a group. buf holds 21. */
static void group_key(char *buf, size_t index)
{
    char digits[24], *p = digits + sizeof digits;
    do {
        *--p = (char)('0' + index % 10);
        index /= 10;
    } while (index);
    size_t n = (size_t)(digits + sizeof digits - p);
    memcpy(buf, p, n);
    buf[n] = '\0';
}

/* a, b and c joined into buf, cut to size - 1 bytes as snprintf cuts. */
static void join3(char *buf, size_t size, const char *a, const char *b, const char *c)
{
    const char *parts[] = {a, b, c};
    size_t len = 0;
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(parts[i]);
        if (n > size - 1 - len)
            n = size - 1 - len;
        memcpy(buf + len, parts[i], n);
        len += n;
    }
    buf[len] = '\0';
}

void lr_export_eee(const lr_store *m, lr_buf *out)
{
    size_t n = lr_store_count(m);
    lr_index groups = LR_INDEX_INIT;              /* (source index, model) -> observations */
    size_t *first = calloc(n + 1, sizeof *first); /* group leaders in order */
    size_t n_groups = 0;
    if (!first) {
        out->failed = 1;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const lr_observation *o = lr_store_get(m, i);
        char key[32];
        group_key(key, o->source ? o->source->index : (size_t)-1);
        size_t hits;
        lr_index_get(&groups, key, o->model, &hits);
        if (!hits)
            first[n_groups++] = i;
        lr_index_add(&groups, key, o->model, i);
    }
    lr_buf_puts(out, "[");
    for (size_t g = 0; g < n_groups; g++) {
        const lr_observation *lead = lr_store_get(m, first[g]);
        const lr_source *src = lead->source;
        char key[32], ts[32];
        group_key(key, src ? src->index : (size_t)-1);
        size_t count;
        const size_t *ix = lr_index_get(&groups, key, lead->model, &count);
        epoch_text(src ? src->date : NULL, ts, sizeof ts);
        lr_buf_puts(out, g ? ",\n  {" : "\n  {");
        lr_buf_puts(out, "\"schema_version\": \"0.3.0\", \"evaluation_id\": ");
        char id[600];
        snprintf(id, sizeof id, "llmreport/%s/%s", src && src->id ? src->id : "S0", lead->model);
        lr_json_quote(out, id);
        lr_buf_puts(out, ", \"retrieved_timestamp\": ");
        lr_json_quote(out, ts);
        lr_buf_puts(out, ",\n   \"source_metadata\": {\"source_name\": ");
        lr_json_quote(out, src && src->title     ? src->title
                           : src && src->harness ? src->harness
                           : src && src->kind    ? src->kind
                                                 : "unknown");
        lr_buf_puts(out, is_documentation(src) ? ", \"source_type\": \"documentation\""
                                               : ", \"source_type\": \"evaluation_run\"");
        if (src && src->url) {
            lr_buf_puts(out, ", \"source_url\": ");
            lr_json_quote(out, src->url);
        }
        lr_buf_puts(out, ", \"source_organization_name\": \"unknown\", "
                         "\"evaluator_relationship\": \"third_party\"},\n   \"eval_library\": "
                         "{\"name\": ");
        char lib[64], version[64];
        library_of(src, lib, sizeof lib, version, sizeof version);
        lr_json_quote(out, lib);
        lr_buf_puts(out, ", \"version\": ");
        lr_json_quote(out, version);
        if (src && src->harness) {
            lr_buf_puts(out, ", \"additional_details\": {\"harness\": ");
            lr_json_quote(out, src->harness);
            lr_buf_putc(out, '}');
        }
        lr_buf_puts(out, "},\n   \"model_info\": {\"name\": ");
        lr_json_quote(out, lead->model);
        lr_buf_puts(out, ", \"id\": ");
        lr_json_quote(out, lead->model);
        const char *slash = strchr(lead->model, '/');
        lr_buf_puts(out, ", \"developer\": ");
        if (slash) {
            char dev[256];
            snprintf(dev, sizeof dev, "%.*s", (int)(slash - lead->model), lead->model);
            lr_json_quote(out, dev);
        } else {
            lr_json_quote(out, "unknown");
        }
        /* what the inputs do not say is "unknown", as the schema asks */
        lr_buf_puts(out, ", \"inference_platform\": \"unknown\", \"additional_details\": "
                         "{\"deployment_type\": \"unknown\", \"model_availability\": "
                         "\"unknown\"}},\n   \"evaluation_results\": [");
        for (size_t k = 0; k < count; k++) {
            const lr_observation *o = lr_store_get(m, ix[k]);
            char desc[600];
            lr_buf_puts(out, k ? ",\n    {" : "\n    {");
            lr_buf_puts(out, "\"evaluation_name\": ");
            lr_json_quote(out, o->setting->benchmark);
            lr_buf_puts(out, ", \"source_data\": {\"dataset_name\": ");
            lr_json_quote(out, o->setting->benchmark_display);
            lr_buf_puts(out, ", \"source_type\": \"other\"}, \"metric_config\": {");
            join3(desc, sizeof desc, o->setting->metric, " on ", o->setting->benchmark_display);
            lr_buf_puts(out, "\"evaluation_description\": ");
            lr_json_quote(out, desc);
            lr_buf_puts(out, ", \"metric_name\": ");
            lr_json_quote(out, o->setting->metric);
            lr_buf_puts(out, o->setting->higher_is_better ? ", \"lower_is_better\": false"
                                                          : ", \"lower_is_better\": true");
            lr_buf_puts(out, ", \"score_type\": \"continuous\"");
            /* a continuous score states its range: null where it is not known */
            lr_buf_puts(out, o->setting->bounded ? ", \"min_score\": 0, \"max_score\": 100"
                                                 : ", \"min_score\": null, \"max_score\": null");
            lr_buf_puts(out, "}, \"score_details\": {\"score\": ");
            put_number(out, o->value);
            if (o->stderr_ >= 0 || o->n >= 0) {
                lr_buf_puts(out, ", \"uncertainty\": {");
                if (o->stderr_ >= 0) {
                    lr_buf_puts(out, "\"standard_error\": {\"value\": ");
                    put_number(out, o->stderr_);
                    lr_buf_putc(out, '}');
                }
                if (o->n >= 0) {
                    lr_buf_puts(out, o->stderr_ >= 0 ? ", \"num_samples\": " : "\"num_samples\": ");
                    lr_buf_put_int(out, o->n);
                }
                lr_buf_putc(out, '}');
            }
            lr_buf_puts(out, "}, \"generation_config\": {\"additional_details\": {");
            int f = 1;
            if (o->setting->shots == LR_SHOTS_MIXED) {
                lr_buf_puts(out, "\"shots\": \"mixed\"");
                f = 0;
            } else if (o->setting->shots != LR_SHOTS_UNKNOWN) {
                lr_buf_puts(out, "\"num_fewshot\": \""); /* details are strings */
                lr_buf_put_int(out, o->setting->shots);
                lr_buf_putc(out, '"');
                f = 0;
            }
            if (o->setting->method) {
                lr_buf_puts(out, f ? "\"method\": " : ", \"method\": ");
                lr_json_quote(out, o->setting->method);
                f = 0;
            }
            if (o->setting->variant) {
                lr_buf_puts(out, f ? "\"variant\": " : ", \"variant\": ");
                lr_json_quote(out, o->setting->variant);
                f = 0;
            }
            if (o->setting->task_hash) {
                lr_buf_puts(out, f ? "\"task_hash\": " : ", \"task_hash\": ");
                lr_json_quote(out, o->setting->task_hash);
                f = 0;
            }
            if (o->setting->flags & LR_OBS_LIMITED)
                lr_buf_puts(out, f ? "\"limited\": \"true\"" : ", \"limited\": \"true\"");
            lr_buf_puts(out, "}}}");
        }
        lr_buf_puts(out, "\n   ]}");
        lr_buf_spill(out, 0);
    }
    lr_buf_puts(out, n_groups ? "\n]\n" : "]\n");
    lr_buf_spill(out, 1);
    out->failed |= groups.failed;
    lr_index_free(&groups);
    free(first);
}

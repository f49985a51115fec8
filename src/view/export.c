/* Export writers. The JSON is written by hand rather than with cJSON_Print so that its layout is
 * fixed (one result per line, keys in a fixed order): snapshots are committed nightly and diffs
 * of them should show only what changed. */
#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/index.h"
#include "view/mdtext.h"

void lr_json_quote(lr_buf *out, const char *s)
{
    lr_buf_putc(out, '"');
    const char *run = s;
    for (const unsigned char *p = (const unsigned char *)s;; p++) {
        unsigned char c = *p;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue; /* copied with its run */
        lr_buf_append(out, run, (size_t)((const char *)p - run));
        if (!c)
            break;
        switch (c) {
        case '"':
            lr_buf_puts(out, "\\\"");
            break;
        case '\\':
            lr_buf_puts(out, "\\\\");
            break;
        case '\n':
            lr_buf_puts(out, "\\n");
            break;
        case '\r':
            lr_buf_puts(out, "\\r");
            break;
        case '\t':
            lr_buf_puts(out, "\\t");
            break;
        default:
            lr_buf_printf(out, "\\u%04x", c);
        }
        run = (const char *)p + 1;
    }
    lr_buf_putc(out, '"');
}

static void key_str(lr_buf *out, const char *key, const char *value, int *first)
{
    if (!value)
        return;
    lr_buf_puts(out, *first ? "" : ", ");
    *first = 0;
    lr_json_quote(out, key);
    lr_buf_puts(out, ": ");
    lr_json_quote(out, value);
}

static void key_num(lr_buf *out, const char *key, double v, int *first)
{
    char num[64];
    lr_format_double(v, num, sizeof num);
    lr_buf_puts(out, *first ? "" : ", ");
    *first = 0;
    lr_json_quote(out, key);
    lr_buf_printf(out, ": %s", num);
}

static const char *const flag_names[] = {"aggregate", "member", "limited", "reference",
                                         "flagged"};

void lr_export_json(const lr_model *m, const char *date, lr_buf *out)
{
    lr_buf_puts(out, "{\n  \"format\": \"llmreport/1\",\n");
    if (date) {
        lr_buf_puts(out, "  \"date\": ");
        lr_json_quote(out, date);
        lr_buf_puts(out, ",\n");
    }
    /* only the sources that observations use, renumbered S1.. in order of creation */
    size_t n_src = lr_model_source_count(m), n = lr_model_count(m);
    size_t *number = calloc(n_src + 1, sizeof *number); /* export number per source, 0 unused */
    if (!number) {
        out->failed = 1;
        return;
    }
    for (size_t i = 0; i < n; i++)
        if (lr_model_get(m, i)->source)
            number[lr_model_get(m, i)->source->index] = 1;
    lr_buf_puts(out, "  \"sources\": [");
    size_t used = 0;
    for (size_t s = 0; s < n_src; s++) {
        const lr_source *src = lr_model_source_get(m, s);
        if (!number[s])
            continue;
        number[s] = used + 1;
        lr_buf_puts(out, used ? ",\n    {" : "\n    {");
        used++;
        int first = 1;
        char id[32];
        snprintf(id, sizeof id, "S%zu", used);
        key_str(out, "id", id, &first);
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
        lr_buf_putc(out, '}');
    }
    lr_buf_puts(out, used ? "\n  ],\n" : "],\n");
    lr_buf_puts(out, "  \"results\": [");
    for (size_t i = 0; i < n; i++) {
        const lr_observation *o = lr_model_get(m, i);
        lr_buf_puts(out, i ? ",\n    {" : "\n    {");
        int first = 1;
        key_str(out, "model", o->model, &first);
        key_str(out, "benchmark", o->k->benchmark, &first);
        key_str(out, "metric", o->k->metric, &first);
        lr_buf_puts(out, ", \"shots\": ");
        if (o->k->shots == LR_SHOTS_UNKNOWN)
            lr_buf_puts(out, "null");
        else if (o->k->shots == LR_SHOTS_MIXED)
            lr_buf_puts(out, "\"mixed\"");
        else
            lr_buf_printf(out, "%d", o->k->shots);
        lr_buf_puts(out, ", \"method\": ");
        if (o->k->method)
            lr_json_quote(out, o->k->method);
        else
            lr_buf_puts(out, "null");
        key_str(out, "variant", o->k->variant, &first);
        key_num(out, "value", o->value, &first);
        key_str(out, "scale", o->k->bounded ? "percent" : "raw", &first);
        if (o->stderr_ >= 0)
            key_num(out, "stderr", o->stderr_, &first);
        if (o->n >= 0)
            key_num(out, "n", (double)o->n, &first);
        lr_buf_printf(out, ", \"higher_is_better\": %s", o->k->higher_is_better ? "true" : "false");
        if (o->k->flags) {
            lr_buf_puts(out, ", \"flags\": [");
            int f1 = 1;
            for (size_t f = 0; f < sizeof flag_names / sizeof flag_names[0]; f++) {
                if (o->k->flags & (1u << f)) {
                    lr_buf_puts(out, f1 ? "" : ", ");
                    f1 = 0;
                    lr_json_quote(out, flag_names[f]);
                }
            }
            lr_buf_putc(out, ']');
        }
        key_str(out, "parent", o->k->parent, &first);
        key_str(out, "rule", o->k->rule, &first);
        key_str(out, "note", o->k->note, &first);
        key_str(out, "locator", o->locator, &first);
        if (o->source) {
            char id[32];
            snprintf(id, sizeof id, "S%zu", number[o->source->index]);
            key_str(out, "source", id, &first);
        }
        lr_buf_putc(out, '}');
        lr_buf_spill(out, 0);
    }
    lr_buf_puts(out, n ? "\n  ]\n}\n" : "]\n}\n");
    lr_buf_spill(out, 1);
    free(number);
}

static void csv_field(lr_buf *out, const char *s)
{
    if (!s)
        return;
    if (strpbrk(s, ",\"\n\r")) {
        lr_buf_putc(out, '"');
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

void lr_export_csv(const lr_model *m, lr_buf *out)
{
    lr_buf_puts(out, "model,benchmark,metric,shots,method,variant,value,stderr,n,unit,"
                     "higher_is_better,source_kind,source_title,source_table,source_date,"
                     "source_file\n");
    for (size_t i = 0; i < lr_model_count(m); i++) {
        const lr_observation *o = lr_model_get(m, i);
        char num[64];
        csv_field(out, o->model);
        lr_buf_putc(out, ',');
        csv_field(out, o->k->benchmark);
        lr_buf_putc(out, ',');
        csv_field(out, o->k->metric);
        lr_buf_putc(out, ',');
        if (o->k->shots == LR_SHOTS_MIXED)
            lr_buf_puts(out, "mixed");
        else if (o->k->shots != LR_SHOTS_UNKNOWN)
            lr_buf_printf(out, "%d", o->k->shots);
        lr_buf_putc(out, ',');
        csv_field(out, o->k->method);
        lr_buf_putc(out, ',');
        csv_field(out, o->k->variant);
        lr_buf_putc(out, ',');
        lr_format_double(o->value, num, sizeof num);
        lr_buf_puts(out, num);
        lr_buf_putc(out, ',');
        if (o->stderr_ >= 0) {
            lr_format_double(o->stderr_, num, sizeof num);
            lr_buf_puts(out, num);
        }
        lr_buf_putc(out, ',');
        if (o->n >= 0)
            lr_buf_printf(out, "%ld", o->n);
        lr_buf_putc(out, ',');
        lr_buf_puts(out, o->k->bounded ? "percent" : "raw");
        lr_buf_putc(out, ',');
        lr_buf_puts(out, o->k->higher_is_better ? "true" : "false");
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

void lr_export_eee(const lr_model *m, lr_buf *out)
{
    size_t n = lr_model_count(m);
    lr_index groups = LR_INDEX_INIT; /* (source index, model) -> observations */
    size_t *first = calloc(n + 1, sizeof *first); /* group leaders in order */
    size_t n_groups = 0;
    if (!first) {
        out->failed = 1;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const lr_observation *o = lr_model_get(m, i);
        char key[32];
        snprintf(key, sizeof key, "%zu", o->source ? o->source->index : (size_t)-1);
        size_t hits;
        lr_index_get(&groups, key, o->model, &hits);
        if (!hits)
            first[n_groups++] = i;
        lr_index_add(&groups, key, o->model, i);
    }
    lr_buf_puts(out, "[");
    for (size_t g = 0; g < n_groups; g++) {
        const lr_observation *lead = lr_model_get(m, first[g]);
        const lr_source *src = lead->source;
        char key[32], ts[32];
        snprintf(key, sizeof key, "%zu", src ? src->index : (size_t)-1);
        size_t count;
        const size_t *ix = lr_index_get(&groups, key, lead->model, &count);
        epoch_text(src ? src->date : NULL, ts, sizeof ts);
        lr_buf_puts(out, g ? ",\n  {" : "\n  {");
        lr_buf_puts(out, "\"schema_version\": \"0.2.0\", \"evaluation_id\": ");
        char id[600];
        snprintf(id, sizeof id, "llmreport/%s/%s", src && src->id ? src->id : "S0", lead->model);
        lr_json_quote(out, id);
        lr_buf_puts(out, ", \"retrieved_timestamp\": ");
        lr_json_quote(out, ts);
        lr_buf_puts(out, ",\n   \"source_metadata\": {\"source_name\": ");
        lr_json_quote(out, src && src->title   ? src->title
                           : src && src->harness ? src->harness
                           : src && src->kind    ? src->kind
                                                 : "unknown");
        lr_buf_printf(out, ", \"source_type\": \"%s\"",
                      is_documentation(src) ? "documentation" : "evaluation_run");
        if (src && src->url) {
            lr_buf_puts(out, ", \"source_url\": ");
            lr_json_quote(out, src->url);
        }
        lr_buf_puts(out, ", \"source_organization_name\": \"unknown\", "
                         "\"evaluator_relationship\": \"third_party\"},\n   \"model_info\": {\"name\": ");
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
        lr_buf_puts(out, ", \"inference_platform\": \"unknown\"},\n   \"evaluation_results\": [");
        for (size_t k = 0; k < count; k++) {
            const lr_observation *o = lr_model_get(m, ix[k]);
            char num[64], desc[600];
            lr_buf_puts(out, k ? ",\n    {" : "\n    {");
            lr_buf_puts(out, "\"evaluation_name\": ");
            lr_json_quote(out, o->k->benchmark);
            lr_buf_puts(out, ", \"source_data\": {\"dataset_name\": ");
            lr_json_quote(out, o->k->benchmark_display);
            lr_buf_puts(out, ", \"source_type\": \"other\"}, \"metric_config\": {");
            snprintf(desc, sizeof desc, "%s on %s", o->k->metric, o->k->benchmark_display);
            lr_buf_puts(out, "\"evaluation_description\": ");
            lr_json_quote(out, desc);
            lr_buf_puts(out, ", \"metric_name\": ");
            lr_json_quote(out, o->k->metric);
            lr_buf_printf(out, ", \"lower_is_better\": %s, \"score_type\": \"continuous\"",
                          o->k->higher_is_better ? "false" : "true");
            if (o->k->bounded)
                lr_buf_puts(out, ", \"min_score\": 0, \"max_score\": 100");
            lr_buf_puts(out, "}, \"score_details\": {\"score\": ");
            lr_format_double(o->value, num, sizeof num);
            lr_buf_puts(out, num);
            if (o->stderr_ >= 0 || o->n >= 0) {
                lr_buf_puts(out, ", \"uncertainty\": {");
                if (o->stderr_ >= 0) {
                    lr_format_double(o->stderr_, num, sizeof num);
                    lr_buf_printf(out, "\"standard_error\": {\"value\": %s}", num);
                }
                if (o->n >= 0)
                    lr_buf_printf(out, "%s\"num_samples\": %ld", o->stderr_ >= 0 ? ", " : "",
                                  o->n);
                lr_buf_putc(out, '}');
            }
            lr_buf_puts(out, "}, \"generation_config\": {\"additional_details\": {");
            int f = 1;
            if (o->k->shots == LR_SHOTS_MIXED) {
                lr_buf_puts(out, "\"shots\": \"mixed\"");
                f = 0;
            } else if (o->k->shots != LR_SHOTS_UNKNOWN) {
                lr_buf_printf(out, "\"num_fewshot\": %d", o->k->shots);
                f = 0;
            }
            if (o->k->method) {
                lr_buf_puts(out, f ? "\"method\": " : ", \"method\": ");
                lr_json_quote(out, o->k->method);
                f = 0;
            }
            if (o->k->variant) {
                lr_buf_puts(out, f ? "\"variant\": " : ", \"variant\": ");
                lr_json_quote(out, o->k->variant);
            }
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

/* Export writers. The JSON is written by hand rather than with cJSON_Print so that its layout is
 * fixed (one result per line, keys in a fixed order): snapshots are committed nightly and diffs
 * of them should show only what changed. */
#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view/mdtext.h"

void lr_json_quote(lr_buf *out, const char *s)
{
    lr_buf_putc(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
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
            if (*p < 0x20)
                lr_buf_printf(out, "\\u%04x", *p);
            else
                lr_buf_putc(out, (char)*p);
        }
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
        key_str(out, "benchmark", o->benchmark, &first);
        key_str(out, "metric", o->metric, &first);
        lr_buf_puts(out, ", \"shots\": ");
        if (o->shots == LR_SHOTS_UNKNOWN)
            lr_buf_puts(out, "null");
        else if (o->shots == LR_SHOTS_MIXED)
            lr_buf_puts(out, "\"mixed\"");
        else
            lr_buf_printf(out, "%d", o->shots);
        lr_buf_puts(out, ", \"method\": ");
        if (o->method)
            lr_json_quote(out, o->method);
        else
            lr_buf_puts(out, "null");
        key_str(out, "variant", o->variant, &first);
        key_num(out, "value", o->value, &first);
        key_str(out, "scale", o->bounded ? "percent" : "raw", &first);
        if (o->stderr_ >= 0)
            key_num(out, "stderr", o->stderr_, &first);
        if (o->n >= 0)
            key_num(out, "n", (double)o->n, &first);
        lr_buf_printf(out, ", \"higher_is_better\": %s", o->higher_is_better ? "true" : "false");
        if (o->flags) {
            lr_buf_puts(out, ", \"flags\": [");
            int f1 = 1;
            for (size_t f = 0; f < sizeof flag_names / sizeof flag_names[0]; f++) {
                if (o->flags & (1u << f)) {
                    lr_buf_puts(out, f1 ? "" : ", ");
                    f1 = 0;
                    lr_json_quote(out, flag_names[f]);
                }
            }
            lr_buf_putc(out, ']');
        }
        key_str(out, "parent", o->parent, &first);
        key_str(out, "rule", o->rule, &first);
        key_str(out, "note", o->note, &first);
        key_str(out, "locator", o->locator, &first);
        if (o->source) {
            char id[32];
            snprintf(id, sizeof id, "S%zu", number[o->source->index]);
            key_str(out, "source", id, &first);
        }
        lr_buf_putc(out, '}');
    }
    lr_buf_puts(out, n ? "\n  ]\n}\n" : "]\n}\n");
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
        csv_field(out, o->benchmark);
        lr_buf_putc(out, ',');
        csv_field(out, o->metric);
        lr_buf_putc(out, ',');
        if (o->shots == LR_SHOTS_MIXED)
            lr_buf_puts(out, "mixed");
        else if (o->shots != LR_SHOTS_UNKNOWN)
            lr_buf_printf(out, "%d", o->shots);
        lr_buf_putc(out, ',');
        csv_field(out, o->method);
        lr_buf_putc(out, ',');
        csv_field(out, o->variant);
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
        lr_buf_puts(out, o->bounded ? "percent" : "raw");
        lr_buf_putc(out, ',');
        lr_buf_puts(out, o->higher_is_better ? "true" : "false");
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
    }
}

/* Building the template context from the model, the config and the overview. This file decides
 * what the report says; the template only decides how it is laid out. */
#include "context.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/index.h"
#include "core/phrases.h"
#include "core/url.h"
#include "model/aggregate.h"
#include "view/baseline.h"
#include "view/precision.h"
#include "view/tablenotes.h"
#include "core/mdtext.h"

typedef struct builder {
    lr_lang lang;
    lr_index cited; /* observation -> footnote label of the findings */
    const lr_context_input *in;
    cJSON *root;
    cJSON *footnotes;
    int n_footnotes;
    int failed;
    lr_precision *precision; /* each source's decimals: one precision per column */
} builder;

/* The report language's text of a phrase. */
static const char *say(const builder *b, lr_phrase_id id)
{
    return lr_phrase(b->lang, id);
}

/* Adds a Markdown-escaped string member. */
static void add_text(builder *b, cJSON *obj, const char *key, const char *text)
{
    char *md = lr_md_escaped(text ? text : "");
    if (!md || !cJSON_AddStringToObject(obj, key, md))
        b->failed = 1;
    free(md);
}

/* Adds a string member that is already Markdown. */
static void add_md(builder *b, cJSON *obj, const char *key, const char *md)
{
    if (!cJSON_AddStringToObject(obj, key, md ? md : ""))
        b->failed = 1;
}

static void add_num(builder *b, cJSON *obj, const char *key, double v)
{
    if (!cJSON_AddNumberToObject(obj, key, v))
        b->failed = 1;
}

static void add_bool(builder *b, cJSON *obj, const char *key, int v)
{
    if (!cJSON_AddBoolToObject(obj, key, v))
        b->failed = 1;
}

static cJSON *add_array(builder *b, cJSON *obj, const char *key)
{
    cJSON *a = cJSON_AddArrayToObject(obj, key);
    if (!a)
        b->failed = 1;
    return a;
}

static cJSON *push_object(builder *b, cJSON *arr)
{
    cJSON *o = cJSON_CreateObject();
    if (!o || !cJSON_AddItemToArray(arr, o)) {
        cJSON_Delete(o);
        b->failed = 1;
        return NULL;
    }
    return o;
}

void lr_source_cite(const lr_source *s, const char *table, lr_buf *out)
{
    lr_source_cite_in(s, table, LR_LANG_EN, out);
}

void lr_source_cite_in(const lr_source *s, const char *table, lr_lang lang, lr_buf *out)
{
    size_t start = out->len;
#define SEP() (out->len > start ? lr_buf_puts(out, ", ") : (void)0)
    /* a run has no title: its harness says what it is */
    if (s->title)
        lr_md_escape(out, s->title);
    else if (s->kind && !s->harness)
        lr_md_escape(out, s->kind);
    if (s->arxiv) {
        SEP();
        lr_buf_puts(out, "arXiv:");
        lr_md_escape(out, s->arxiv);
    }
    /* table: NULL for the source's own, "" for none */
    const char *t = table ? table : s->table;
    if (t && t[0]) {
        SEP();
        char where[256];
        lr_md_escape(out, lr_phrase_locator(lang, t, where, sizeof where));
    }
    if (s->harness) {
        SEP();
        lr_md_escape(out, s->harness);
        if (s->model_args && !s->title) {
            lr_buf_puts(out, " (");
            lr_md_escape(out, s->model_args);
            lr_buf_putc(out, ')');
        }
    }
    if (s->date) {
        SEP();
        lr_md_date(out, s->date);
    }
    if (!s->title && !s->arxiv && s->file) {
        SEP();
        lr_buf_putc(out, '`');
        /* inside a code span only backticks and pipes matter */
        for (const char *p = s->shown ? s->shown : s->file; *p; p++)
            if (*p != '`' && *p != '|' && (unsigned char)*p >= 0x20)
                lr_buf_putc(out, *p);
        lr_buf_putc(out, '`');
    }
#undef SEP
}

/* A citation in the report's language. */
static void cite(const builder *b, const lr_source *s, const char *table, lr_buf *out)
{
    lr_source_cite_in(s, table, b->lang, out);
}

/* Adds a footnote and returns its label ("3"). */
static int footnote(builder *b, const char *md)
{
    cJSON *f = push_object(b, b->footnotes);
    if (!f)
        return 0;
    b->n_footnotes++;
    char label[16];
    snprintf(label, sizeof label, "%d", b->n_footnotes);
    add_md(b, f, "label", label);
    add_md(b, f, "text", md);
    return b->n_footnotes;
}

static void value_text(const lr_observation *o, char *buf, size_t size)
{
    lr_format_value(o->value, buf, size);
}

static void described_md(const builder *b, const char *buf, lr_buf *out);

static void setting_md(const builder *b, const lr_setting *k, lr_buf *out)
{
    char buf[512];
    lr_setting_describe(k, buf, sizeof buf);
    described_md(b, buf, out);
}

/* The setting of k without its metric ("shots not stated · T=0.2,top_p=0.95,n=100"), for rows
 * that list values of several metrics each with its metric. */
static void setting_md_sans_metric(const builder *b, const lr_setting *k, lr_buf *out)
{
    lr_setting copy = *k;
    copy.metric = "\x1f"; /* never in a setting's words */
    char buf[512];
    lr_setting_describe(&copy, buf, sizeof buf);
    char *at = strstr(buf, " \xc2\xb7 \x1f");
    if (at)
        memmove(at, at + 5, strlen(at + 5) + 1);
    described_md(b, buf, out);
}

static void described_md(const builder *b, const char *buf, lr_buf *out)
{
    /* the setting is described in English: its one phrase is translated here */
    const char *unstated = lr_phrase(LR_LANG_EN, LR_PH_SHOTS_NOT_STATED);
    size_t n = strlen(unstated);
    if (b->lang != LR_LANG_EN && !strncmp(buf, unstated, n)) {
        lr_md_escape(out, say(b, LR_PH_SHOTS_NOT_STATED));
        lr_md_escape(out, buf + n);
        return;
    }
    lr_md_escape(out, buf);
}

/* ---- findings ---- */

/* A leading '-' as a true minus sign. */
static void minus_sign(char *buf, size_t size)
{
    size_t len = strlen(buf);
    if (buf[0] != '-' || len + 3 > size)
        return;
    memmove(buf + 3, buf + 1, len);
    memcpy(buf, "\xe2\x88\x92", 3);
}

/* The footnote of a value the findings cite: its model, benchmark, setting and source, once per
 * observation however often it is cited. Returns the label. */
static int value_footnote(builder *b, const lr_observation *o)
{
    char key[32];
    snprintf(key, sizeof key, "%zu", o->index);
    size_t hits;
    const size_t *label = lr_index_get(&b->cited, key, NULL, &hits);
    if (hits)
        return (int)label[0];
    lr_buf note = LR_BUF_INIT, who = LR_BUF_INIT, bench = LR_BUF_INIT, set = LR_BUF_INIT;
    char v[64];
    value_text(o, v, sizeof v);
    lr_md_escape(&who, o->model);
    lr_md_escape(&bench, o->setting->benchmark_display ? o->setting->benchmark_display
                                                       : o->setting->benchmark);
    setting_md(b, o->setting, &set);
    lr_buf_printf(&note, say(b, LR_PH_VALUE_OF), who.data, bench.data, v, set.data);
    lr_buf_puts(&note, say(b, LR_PH_SOURCE));
    cite(b, o->source, NULL, &note);
    lr_buf_puts(&note, ".");
    if (o->setting->note) {
        size_t before = note.len;
        lr_buf_puts(&note, say(b, LR_PH_NOTE));
        size_t head = note.len;
        lr_note_clean(o->setting->note, o->source->table, &note);
        if (note.len == head && !lr_buf_failed(&note)) {
            note.len = before; /* nothing the report can print */
            note.data[before] = '\0';
        }
    }
    int id = lr_buf_failed(&note) ? 0 : footnote(b, note.data);
    if (!id || lr_index_add(&b->cited, key, NULL, (size_t)id))
        b->failed = 1;
    lr_buf_free(&note);
    lr_buf_free(&who);
    lr_buf_free(&bench);
    lr_buf_free(&set);
    return id;
}

/* The summary's values cite the same footnotes as the tables below it. */
static int cite_value(void *user, const lr_observation *o)
{
    return value_footnote(user, o);
}

/* "63.9[^4]", bold when strong. */
static void cited_value(builder *b, const lr_observation *o, int strong, lr_buf *out)
{
    char v[64];
    value_text(o, v, sizeof v);
    lr_buf_printf(out, strong ? "**%s**[^%d]" : "%s[^%d]", v, value_footnote(b, o));
}

/* The parts of a setting: which of them a list of settings shares. */
enum { PART_SHOTS = 1, PART_METHOD = 2, PART_VARIANT = 4, PART_TASK = 8 };

static unsigned shared_parts(const lr_setting *const *k, size_t n)
{
    unsigned shared = PART_SHOTS | PART_METHOD | PART_VARIANT | PART_TASK;
    for (size_t i = 1; i < n; i++) {
        if (k[i]->shots != k[0]->shots)
            shared &= ~(unsigned)PART_SHOTS;
        if (!lr_str_eq(k[i]->method, k[0]->method))
            shared &= ~(unsigned)PART_METHOD;
        if (!lr_str_eq(k[i]->variant, k[0]->variant))
            shared &= ~(unsigned)PART_VARIANT;
        if (!lr_str_eq(k[i]->task_hash, k[0]->task_hash))
            shared &= ~(unsigned)PART_TASK;
    }
    return shared;
}

/* The parts of k in mask, " · "-joined and escaped: "5-shot · HELM". with_metric puts the
 * metric after the shots. Nothing in mask gives "" (the caller says what else differs). */
static void setting_parts(builder *b, const lr_setting *k, unsigned mask, int with_metric,
                          lr_buf *out)
{
    size_t start = out->len;
#define SEP() (out->len > start ? lr_buf_puts(out, " · ") : (void)0)
    if (mask & PART_SHOTS) {
        if (k->shots == LR_SHOTS_MIXED)
            lr_buf_puts(out, say(b, LR_PH_PER_MEMBER));
        else
            lr_buf_printf(out, "%d-shot", k->shots);
    }
    if (with_metric && k->metric) {
        SEP();
        lr_md_escape(out, k->metric);
    }
    if ((mask & PART_METHOD) && k->method) {
        SEP();
        lr_md_escape(out, k->method);
    }
    if ((mask & PART_VARIANT) && k->variant) {
        SEP();
        lr_md_escape(out, k->variant);
    }
    if ((mask & PART_TASK) && k->task_hash) {
        SEP();
        lr_buf_puts(out, "task ");
        lr_md_escape(out, k->task_hash);
    }
    /* a setting with no method or variant where others have one: say so */
    if (out->len == start && (mask & PART_METHOD) && !k->method)
        lr_buf_puts(out, say(b, LR_PH_PLAIN));
    else if (out->len == start && (mask & PART_VARIANT) && !k->variant)
        lr_buf_puts(out, say(b, LR_PH_NONE));
#undef SEP
}

/* The label of one value of a list: the parts of its setting the list does not share, and its
 * source when another value has the same setting. */
static void value_label(builder *b, const lr_observation *const *values, size_t n, size_t i,
                        unsigned shared, lr_buf *out)
{
    size_t start = out->len;
    setting_parts(b, values[i]->setting,
                  ~shared & (PART_SHOTS | PART_METHOD | PART_VARIANT | PART_TASK), 0, out);
    int twin = 0;
    for (size_t j = 0; j < n && !twin; j++)
        twin = j != i && lr_setting_equal(values[j]->setting, values[i]->setting);
    if (twin || out->len == start) {
        if (out->len > start)
            lr_buf_puts(out, ", ");
        lr_md_escape(out, lr_source_name(values[i]->source));
    }
}

static void build_spreads(builder *b, cJSON *fo, const lr_findings *f)
{
    cJSON *arr = add_array(b, fo, "spreads");
    lr_buf tmp = LR_BUF_INIT;
    for (size_t i = 0; i < f->n_spreads && arr; i++) {
        const lr_spread *sp = &f->spreads[i];
        cJSON *o = push_object(b, arr);
        if (!o)
            break;
        const lr_setting **ks = malloc(sp->n_values * sizeof *ks);
        if (!ks) {
            b->failed = 1;
            break;
        }
        for (size_t v = 0; v < sp->n_values; v++)
            ks[v] = sp->values[v]->setting;
        unsigned shared = shared_parts(ks, sp->n_values);
        free(ks);
        add_text(b, o, "model", sp->model);
        lr_buf_clear(&tmp);
        lr_md_escape(&tmp, sp->display);
        lr_buf_puts(&tmp, " · ");
        setting_parts(b, sp->values[0]->setting, shared, 1, &tmp);
        add_md(b, o, "benchmark", tmp.data);
        char v[64];
        lr_format_value(sp->spread, v, sizeof v);
        add_md(b, o, "spread", v);
        add_num(b, o, "spread_value", sp->spread);
        /* values, highest first; a long list keeps its three highest and three lowest */
        lr_buf_clear(&tmp);
        size_t n = sp->n_values, head = n > 6 ? 3 : n;
        for (size_t k = 0; k < n; k++) {
            if (k >= head && k < n - 3) {
                if (k == head) {
                    lr_buf_puts(&tmp, "; ");
                    lr_buf_printf(&tmp, say(b, LR_PH_MORE_VALUES), n - 6);
                }
                continue;
            }
            if (k)
                lr_buf_puts(&tmp, "; ");
            cited_value(b, sp->values[k], 0, &tmp);
            lr_buf_putc(&tmp, ' ');
            value_label(b, sp->values, n, k, shared, &tmp);
        }
        if (sp->n_unstated) {
            lr_buf_puts(&tmp, "; ");
            lr_buf_printf(&tmp, say(b, LR_PH_ALSO_UNSTATED), sp->n_unstated);
        }
        if (sp->n_limited) {
            lr_buf_puts(&tmp, "; ");
            lr_buf_printf(&tmp, say(b, LR_PH_ALSO_LIMITED), sp->n_limited);
        }
        add_md(b, o, "values", tmp.data);
        const lr_observation *lo = sp->values[n - 1], *hi = sp->values[0];
        lr_buf_clear(&tmp);
        lr_findings_describe_diff(sp->differs, lo, hi, b->lang, &tmp);
        add_md(b, o, "differs", tmp.data ? tmp.data : "");
    }
    lr_buf_free(&tmp);
    add_bool(b, fo, "has_spreads", f->n_spreads > 0);
    add_num(b, fo, "spreads_more", (double)(f->n_spreads_total - f->n_spreads));
    add_bool(b, fo, "has_spreads_more", f->n_spreads_total > f->n_spreads);
}

static void build_flips(builder *b, cJSON *fo, const lr_findings *f)
{
    cJSON *arr = add_array(b, fo, "flip_sets");
    lr_buf tmp = LR_BUF_INIT;
    lr_buf agree = LR_BUF_INIT;
    size_t listed = 0;
    for (size_t i = 0; i < f->n_flip_sets && arr; i++) {
        const lr_flip_set *set = &f->flip_sets[i];
        if (!set->n_flips) {
            /* settings that share models and keep their order: one clause each */
            if (agree.len)
                lr_buf_puts(&agree, "; ");
            lr_md_escape(&agree, set->display);
            for (size_t p = 0; p < set->n_pairs; p++) {
                char t[64] = "";
                if (set->pairs[p].has_tau)
                    lr_format_fixed(set->pairs[p].tau, 2, t, sizeof t);
                minus_sign(t, sizeof t);
                lr_buf_puts(&agree, p ? ", " : " (");
                lr_buf_printf(&agree, say(b, LR_PH_AGREE_PAIR), set->pairs[p].n_shared,
                              set->pairs[p].has_tau ? t : say(b, LR_PH_TAU_UNDEFINED));
            }
            if (set->n_pairs)
                lr_buf_putc(&agree, ')');
            continue;
        }
        if (listed++ >= f->limit)
            continue;
        cJSON *o = push_object(b, arr);
        if (!o)
            break;
        unsigned shared = shared_parts(set->settings, set->n_settings);
        lr_buf_clear(&tmp);
        lr_md_escape(&tmp, set->display);
        lr_buf_puts(&tmp, " · ");
        setting_parts(b, set->settings[0], shared, 1, &tmp);
        add_md(b, o, "benchmark", tmp.data);
        /* the settings' labels: the parts they do not share */
        cJSON *cols = add_array(b, o, "settings");
        const char **labels = calloc(set->n_settings, sizeof *labels);
        if (!labels) {
            b->failed = 1;
            break;
        }
        for (size_t s = 0; s < set->n_settings && cols; s++) {
            cJSON *c = push_object(b, cols);
            if (!c)
                break;
            lr_buf_clear(&tmp);
            setting_parts(b, set->settings[s], ~shared & 15u, 0, &tmp);
            add_md(b, c, "name", tmp.data ? tmp.data : "");
            labels[s] = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "name"));
        }
        cJSON *pairs = add_array(b, o, "pairs");
        for (size_t p = 0; p < set->n_pairs && pairs; p++) {
            const lr_setting_pair *sp = &set->pairs[p];
            cJSON *po = push_object(b, pairs);
            if (!po)
                break;
            lr_buf_clear(&tmp);
            lr_buf_puts(&tmp, labels[sp->a] ? labels[sp->a] : "");
            lr_buf_puts(&tmp, say(b, LR_PH_VS));
            lr_buf_puts(&tmp, labels[sp->b] ? labels[sp->b] : "");
            add_md(b, po, "between", tmp.data);
            add_num(b, po, "shared", (double)sp->n_shared);
            char t[64];
            if (sp->has_tau) {
                lr_format_fixed(sp->tau, 2, t, sizeof t);
                minus_sign(t, sizeof t);
                add_num(b, po, "tau_value", sp->tau);
            } else {
                snprintf(t, sizeof t, "%s", say(b, LR_PH_TAU_UNDEFINED));
            }
            add_md(b, po, "tau", t);
            add_num(b, po, "flips", (double)sp->n_flips);
        }
        cJSON *flips = add_array(b, o, "flips");
        size_t shown = set->n_flips < f->limit ? set->n_flips : f->limit;
        for (size_t k = 0; k < shown && flips; k++) {
            const lr_flip *fl = &set->flips[k];
            cJSON *fj = push_object(b, flips);
            if (!fj)
                break;
            lr_buf_clear(&tmp);
            lr_md_escape(&tmp, set->models[fl->a]);
            lr_buf_puts(&tmp, say(b, LR_PH_VS));
            lr_md_escape(&tmp, set->models[fl->b]);
            add_md(b, fj, "models", tmp.data);
            cJSON *cells = add_array(b, fj, "cells");
            for (size_t s = 0; s < set->n_settings && cells; s++) {
                cJSON *c = push_object(b, cells);
                if (!c)
                    break;
                const lr_observation *x = fl->cells_a[s], *y = fl->cells_b[s];
                lr_buf_clear(&tmp);
                if (!x || !y) {
                    add_md(b, c, "text", "–");
                    continue;
                }
                int cmp = x->value == y->value                                    ? 0
                          : (x->value > y->value) == (set->higher_is_better != 0) ? -1
                                                                                  : 1;
                cited_value(b, x, cmp < 0, &tmp);
                lr_buf_puts(&tmp, say(b, LR_PH_VS));
                cited_value(b, y, cmp > 0, &tmp);
                add_md(b, c, "text", tmp.data);
            }
        }
        free(labels);
        add_bool(b, o, "has_flips", set->n_flips > 0);
        add_num(b, o, "n_flips", (double)set->n_flips);
        add_num(b, o, "flips_more", (double)(set->n_flips - shown));
        add_bool(b, o, "has_flips_more", set->n_flips > shown);
        lr_buf_clear(&tmp);
        if (set->n_inside)
            lr_buf_printf(&tmp, say(b, set->n_inside == 1 ? LR_PH_INSIDE_ONE : LR_PH_INSIDE_MANY),
                          set->n_inside);
        add_md(b, o, "inside", tmp.data ? tmp.data : "");
        add_bool(b, o, "has_inside", set->n_inside > 0);
        add_md(b, o, "stderr",
               say(b, set->stderr_known  ? LR_PH_STDERR_KNOWN
                      : set->stderr_some ? LR_PH_STDERR_SOME
                                         : LR_PH_STDERR_NONE));
        add_md(b, o, "order", say(b, LR_PH_SETTING_ORDER));
        /* its slope chart, when the build draws one */
        for (size_t c = 0; c < b->in->n_charts; c++)
            if (b->in->charts[c].flip_set == (long)i) {
                add_text(b, o, "chart_title", b->in->charts[c].title);
                add_md(b, o, "chart", b->in->charts[c].file);
                add_bool(b, o, "has_chart", 1);
            }
    }
    lr_buf_free(&tmp);
    add_bool(b, fo, "has_flip_sets", f->n_flip_sets > 0);
    add_bool(b, fo, "has_flips", f->n_flips_total > 0);
    if (agree.len) {
        lr_buf line = LR_BUF_INIT;
        lr_buf_printf(&line, say(b, f->n_flips_total ? LR_PH_AGREE_OTHERS : LR_PH_AGREE_ALL),
                      agree.data);
        add_md(b, fo, "agree", line.data ? line.data : "");
        lr_buf_free(&line);
    }
    add_bool(b, fo, "has_agree", agree.len > 0);
    lr_buf_free(&agree);
    add_num(b, fo, "flips", (double)f->n_flips_total);
}

static void build_head_to_heads(builder *b, cJSON *fo, const lr_findings *f)
{
    cJSON *arr = add_array(b, fo, "head_to_heads");
    lr_buf tmp = LR_BUF_INIT;
    for (size_t i = 0; i < f->n_head_to_heads && arr; i++) {
        const lr_head_to_head *h = &f->head_to_heads[i];
        cJSON *o = push_object(b, arr);
        if (!o)
            break;
        lr_buf_clear(&tmp);
        lr_md_escape(&tmp, h->a->model);
        lr_buf_puts(&tmp, say(b, LR_PH_VS));
        lr_md_escape(&tmp, h->b->model);
        add_md(b, o, "models", tmp.data);
        add_text(b, o, "benchmark", h->display);
        const lr_observation *pair[2] = {h->a, h->b};
        lr_buf_clear(&tmp);
        /* the values only: what differs has its own column, and each value's note names its
         * setting and source */
        for (int k = 0; k < 2; k++) {
            if (k)
                lr_buf_puts(&tmp, say(b, LR_PH_VS));
            cited_value(b, pair[k], 0, &tmp);
        }
        add_md(b, o, "values", tmp.data);
        lr_buf_clear(&tmp);
        lr_findings_describe_diff(h->differs, h->a, h->b, b->lang, &tmp);
        add_md(b, o, "differs", tmp.data ? tmp.data : "");
    }
    lr_buf_free(&tmp);
    add_bool(b, fo, "has_head_to_heads", f->n_head_to_heads > 0);
    add_num(b, fo, "head_to_heads_total", (double)f->n_head_to_heads_total);
    add_num(b, fo, "head_to_heads_more", (double)(f->n_head_to_heads_total - f->n_head_to_heads));
    add_bool(b, fo, "has_head_to_heads_more", f->n_head_to_heads_total > f->n_head_to_heads);
}

static void put_strings(lr_buf *out, const char *const *items, size_t n, const char *sep)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            lr_buf_puts(out, sep);
        lr_md_escape(out, items[i]);
    }
}

static void build_source_rows(builder *b, cJSON *fo, const lr_findings *f)
{
    cJSON *arr = add_array(b, fo, "sources");
    cJSON *cav = add_array(b, fo, "caveats");
    lr_buf tmp = LR_BUF_INIT;
    size_t limit = b->in->table_limit ? b->in->table_limit : f->n_sources;
    for (size_t i = 0; i < f->n_sources && i < limit && arr; i++) {
        const lr_source_row *r = &f->sources[i];
        cJSON *o = push_object(b, arr);
        if (!o)
            break;
        lr_buf_clear(&tmp);
        lr_findings_source_label(r, &tmp);
        if (r->first_date) {
            lr_buf_puts(&tmp, " (");
            lr_md_date(&tmp, r->first_date);
            if (r->last_date && !lr_date_same(r->last_date, r->first_date)) {
                lr_buf_puts(&tmp, " – ");
                lr_md_date(&tmp, r->last_date);
            }
            lr_buf_putc(&tmp, ')');
        }
        if (r->n_sources > 1) {
            lr_buf_puts(&tmp, ", ");
            lr_buf_printf(&tmp, say(b, LR_PH_SNAPSHOTS), r->n_sources);
        }
        add_md(b, o, "name", tmp.data);
        add_num(b, o, "results", (double)r->n_results);
        lr_buf_clear(&tmp);
        for (size_t k = 0; k < r->n_shots; k++)
            lr_buf_printf(&tmp, "%s%d", k ? ", " : "", r->shots[k]);
        if (r->shots_mixed)
            lr_buf_printf(&tmp, "%s%s", tmp.len ? ", " : "", say(b, LR_PH_PER_MEMBER));
        if (r->shots_unstated)
            lr_buf_printf(&tmp, "%s%s", tmp.len ? ", " : "", say(b, LR_PH_NOT_STATED_SHORT));
        add_md(b, o, "shots", tmp.len ? tmp.data : "–");
        lr_buf_clear(&tmp);
        if (r->plain)
            lr_buf_puts(&tmp, say(b, LR_PH_PLAIN));
        if (r->n_methods) {
            if (tmp.len)
                lr_buf_puts(&tmp, ", ");
            put_strings(&tmp, r->methods, r->n_methods, ", ");
        }
        if (r->n_variants) {
            if (tmp.len)
                lr_buf_puts(&tmp, "; ");
            put_strings(&tmp, r->variants, r->n_variants, ", ");
        }
        if (r->n_translated) {
            if (tmp.len)
                lr_buf_puts(&tmp, "; ");
            lr_buf_printf(&tmp, say(b, LR_PH_TRANSLATED_TESTS), r->n_translated);
        }
        add_md(b, o, "methods", tmp.len ? tmp.data : "–");
        lr_buf_clear(&tmp);
        put_strings(&tmp, r->grading, r->n_grading, ", ");
        if (r->n_grading && r->n_aggregation)
            lr_buf_puts(&tmp, "; ");
        for (size_t k = 0; k < r->n_aggregation; k++) {
            char rule[512];
            lr_buf_puts(&tmp, k ? ", " : "");
            lr_md_escape(&tmp, lr_phrase_rule(b->lang, r->aggregation[k], rule, sizeof rule));
        }
        add_md(b, o, "grading", tmp.len ? tmp.data : "–");
        for (size_t k = 0; k < r->n_caveats && cav; k++) {
            /* a caveat that sources share (a paper and its project page) is said once */
            int said = 0;
            for (size_t q = 0; q < i && !said; q++)
                for (size_t j = 0; j < f->sources[q].n_caveats && !said; j++)
                    said = !strcmp(f->sources[q].caveats[j], r->caveats[k]);
            cJSON *c = said ? NULL : push_object(b, cav);
            if (!c)
                continue;
            lr_buf name = LR_BUF_INIT;
            lr_findings_source_label(r, &name);
            add_md(b, c, "source", name.data ? name.data : "");
            lr_buf_free(&name);
            add_text(b, c, "text", r->caveats[k]);
        }
    }
    lr_buf_free(&tmp);
    add_bool(b, fo, "has_caveats", cJSON_GetArraySize(cav) > 0);
    add_bool(b, fo, "has_sources", f->n_sources > 0);
    add_num(b, fo, "sources_more", (double)(f->n_sources > limit ? f->n_sources - limit : 0));
    add_bool(b, fo, "has_sources_more", f->n_sources > limit);
    cJSON *gaps = add_array(b, fo, "gaps");
    for (size_t i = 0; i < f->n_gaps && i < f->limit && gaps; i++) {
        const lr_source_gap *g = &f->gaps[i];
        cJSON *o = push_object(b, gaps);
        if (!o)
            break;
        lr_buf name = LR_BUF_INIT;
        lr_findings_source_label(&f->sources[g->a], &name);
        add_md(b, o, "a", name.data ? name.data : "");
        lr_buf_clear(&name);
        lr_findings_source_label(&f->sources[g->b], &name);
        add_md(b, o, "b", name.data ? name.data : "");
        lr_buf_free(&name);
        lr_buf bl = LR_BUF_INIT;
        put_strings(&bl, g->benchmarks, g->n_benchmarks, ", ");
        add_md(b, o, "benchmarks", bl.data ? bl.data : "");
        lr_buf_free(&bl);
    }
    add_bool(b, fo, "has_gaps", f->n_gaps > 0);
    add_num(b, fo, "gaps_more", (double)(f->n_gaps > f->limit ? f->n_gaps - f->limit : 0));
    add_bool(b, fo, "has_gaps_more", f->n_gaps > f->limit);
}

static void build_findings(builder *b)
{
    const lr_findings *f = b->in->findings;
    if (!f)
        return;
    cJSON *fo = cJSON_AddObjectToObject(b->root, "findings");
    if (!fo) {
        b->failed = 1;
        return;
    }
    lr_buf tmp = LR_BUF_INIT;
    lr_findings_summary_cited(f, b->lang, cite_value, b, &tmp);
    add_md(b, fo, "summary", tmp.data ? tmp.data : "");
    lr_buf_free(&tmp);
    int any = lr_findings_any(f);
    add_bool(b, fo, "any", any);
    add_bool(b, fo, "nothing_changed", !any);
    char v[64];
    lr_format_value(f->spread_points, v, sizeof v);
    add_md(b, fo, "spread_points", v);
    build_spreads(b, fo, f);
    build_flips(b, fo, f);
    build_head_to_heads(b, fo, f);
    build_source_rows(b, fo, f);
}

/* ---- overview ---- */

/* More cells than this that show the newest of several results get one sentence for them all. */
#define NEWEST_CELLS_MAX 24

/* Short keys for the sources of one table ("a", "b", …), defined in the note under it: a key
 * that appears in a table is always defined, and a table with one source per setting group says
 * the source in the group's header row instead. */
typedef struct source_keys {
    cJSON *list; /* [{key, text, sep}] in order of first use */
    size_t n;
    lr_index by_text;  /* text -> position in keys: a table cites thousands of sources */
    const char **keys; /* the list's keys, in its order */
    size_t cap;
} source_keys;

static void key_label(size_t n, char *buf, size_t size)
{
    char rev[16];
    size_t len = 0;
    do {
        rev[len++] = (char)('a' + n % 26);
        n = n / 26;
    } while (n-- > 0 && len < sizeof rev);
    size_t k = 0;
    for (; k < len && k + 1 < size; k++)
        buf[k] = rev[len - 1 - k];
    buf[k] = '\0';
}

/* The key of a citation (Markdown), made when first met. */
static const char *source_key(builder *b, source_keys *k, const char *cite)
{
    size_t hits;
    const size_t *at = lr_index_get(&k->by_text, cite, NULL, &hits);
    if (hits)
        return k->keys[at[0]];
    cJSON *o = push_object(b, k->list);
    if (!o)
        return "";
    char label[16];
    size_t pos = k->n++;
    key_label(pos, label, sizeof label);
    add_md(b, o, "key", label);
    add_md(b, o, "text", cite);
    add_md(b, o, "sep", "; ");
    const char *key = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "key"));
    key = key ? key : "";
    if (lr_grow((void **)&k->keys, &k->cap, pos, sizeof *k->keys) ||
        lr_index_add(&k->by_text, cite, NULL, pos))
        b->failed = 1;
    else
        k->keys[pos] = key;
    return key;
}

/* Whether a cell's keys ("a, c") hold key. */
static int has_key(const char *keys, const char *key)
{
    size_t n = strlen(key);
    for (const char *p = keys; (p = strstr(p, key)) != NULL; p += n)
        if ((p == keys || p[-1] == ' ') && (p[n] == ',' || !p[n]))
            return 1;
    return 0;
}

/* The last key's separator is the sentence's end. */
static void source_keys_end(source_keys *k)
{
    lr_index_free(&k->by_text);
    free(k->keys);
    k->keys = NULL;
    k->cap = 0;
    cJSON *last = k->list ? cJSON_GetArrayItem(k->list, cJSON_GetArraySize(k->list) - 1) : NULL;
    if (last)
        cJSON_ReplaceItemInObjectCaseSensitive(last, "sep", cJSON_CreateString(""));
}

static void build_overview(builder *b)
{
    const lr_overview *ov = b->in->overview;
    cJSON *o = cJSON_AddObjectToObject(b->root, "overview");
    if (!o) {
        b->failed = 1;
        return;
    }
    add_bool(b, o, "has_rows", ov->n_rows > 0 && ov->n_cols > 0);
    add_bool(b, o, "show_average", ov->show_average);
    cJSON *cols = add_array(b, o, "columns");
    lr_buf tmp = LR_BUF_INIT;
    int tiers = 0;
    for (size_t c = 0; c < ov->n_cols && cols; c++) {
        cJSON *col = push_object(b, cols);
        if (!col)
            break;
        add_text(b, col, "id", ov->cols[c].benchmark);
        add_text(b, col, "name", ov->cols[c].display);
        lr_buf_clear(&tmp);
        setting_md(b, &ov->cols[c].ref, &tmp);
        add_md(b, col, "setting", tmp.data);
        add_num(b, col, "comparable_cells", (double)ov->cols[c].n_ref);
        add_bool(b, col, "configured", ov->cols[c].configured);
        /* what the column can tell apart (view/tiers.h) */
        add_num(b, col, "tiers", (double)ov->cols[c].tiers);
        tiers |= ov->cols[c].tiers >= 2;
        add_bool(b, col, "cannot_separate", ov->cols[c].cannot_separate);
        /* what follows the column in a list of columns: Mustache has no "last" */
        add_md(b, col, "sep", c + 1 < ov->n_cols ? "; " : "");
        if (ov->cols[c].cannot_separate) {
            char v[64];
            lr_format_value(ov->cols[c].spread, v, sizeof v);
            add_md(b, col, "spread", v);
            lr_format_value(ov->cols[c].mde, v, sizeof v);
            add_md(b, col, "mde", v);
        }
    }
    add_bool(b, o, "has_tiers", tiers);
    source_keys keys = {add_array(b, o, "keys"), 0, LR_INDEX_INIT, NULL, 0};
    lr_buf cited = LR_BUF_INIT;
    lr_table_notes *marked = lr_table_notes_new(), *newest = lr_table_notes_new();
    /* the marker of each note (a note is of one kind: its setting says known or not) */
    const char **marks = calloc(ov->n_rows * ov->n_cols + 1, sizeof *marks);
    size_t n_marks = 0;
    if (!marked || !newest || !marks) {
        b->failed = 1;
        lr_table_notes_free(marked);
        lr_table_notes_free(newest);
        free(marks);
        lr_buf_free(&tmp);
        return;
    }
    /* one precision per column, from the sources of all its cells; the average's from all */
    int *decimals = calloc(ov->n_cols + 1, sizeof *decimals);
    const lr_observation **column = calloc(ov->n_rows + 1, sizeof *column);
    if (!decimals || !column) {
        b->failed = 1;
        free(decimals);
        free(column);
        lr_table_notes_free(marked);
        lr_table_notes_free(newest);
        free(marks);
        lr_buf_free(&tmp);
        return;
    }
    for (size_t c = 0; c < ov->n_cols; c++) {
        for (size_t r = 0; r < ov->n_rows; r++)
            column[r] = lr_overview_cell(ov, r, c)->obs;
        decimals[c] = lr_precision_column(b->precision, column, ov->n_rows);
    }
    int average_decimals = lr_precision_shared(decimals, ov->n_cols);
    free(column);
    cJSON *rows = add_array(b, o, "rows");
    size_t shown = ov->n_rows;
    if (b->in->overview_limit && shown > b->in->overview_limit)
        shown = b->in->overview_limit;
    add_num(b, o, "shown", (double)shown);
    add_num(b, o, "total", (double)ov->n_rows);
    add_bool(b, o, "truncated", shown < ov->n_rows);
    /* cells that show the newest of several results at their setting: a note on each kind, or
     * at scale, where those notes would be a page of the same sentence, one for them all */
    size_t n_newest_cells = 0;
    for (size_t r = 0; r < shown; r++)
        for (size_t c = 0; c < ov->n_cols; c++) {
            const lr_cell *cell = lr_overview_cell(ov, r, c);
            n_newest_cells += cell->kind == LR_CELL_REF && cell->alternatives > 0;
        }
    int newest_said_once = n_newest_cells > NEWEST_CELLS_MAX;
    for (size_t r = 0; r < shown && rows; r++) {
        cJSON *row = push_object(b, rows);
        if (!row)
            break;
        add_text(b, row, "model", ov->models[r]);
        cJSON *cells = add_array(b, row, "cells");
        for (size_t c = 0; c < ov->n_cols && cells; c++) {
            const lr_cell *cell = lr_overview_cell(ov, r, c);
            cJSON *jc = push_object(b, cells);
            if (!jc)
                break;
            lr_buf_clear(&tmp);
            if (cell->kind == LR_CELL_EMPTY) {
                lr_buf_puts(&tmp, "–");
                add_md(b, jc, "text", tmp.data);
                add_md(b, jc, "kind", "empty");
                continue;
            }
            char v[64];
            lr_format_fixed(cell->obs->value, decimals[c], v, sizeof v);
            add_num(b, jc, "value", cell->obs->value);
            if (cell->best)
                lr_buf_printf(&tmp, "**%s**", v);
            else
                lr_buf_puts(&tmp, v);
            if (cell->tied)
                lr_buf_puts(&tmp, " ≈");
            if (cell->tier >= 2) {
                char sup[32];
                lr_format_superscript(cell->tier, sup, sizeof sup); /* its tier (view/tiers.h) */
                lr_buf_puts(&tmp, sup);
            }
            if (cell->tier)
                add_num(b, jc, "tier", (double)cell->tier);
            /* every compared value shows its signed delta; the marks only beyond the gate */
            const lr_change *ch = lr_night_find(b->in->night, cell->obs);
            if (ch && ch->kind != LR_CHANGE_NOT_COMPARED) {
                char d[64];
                lr_format_delta(ch->delta, d, sizeof d);
                if (ch->kind == LR_CHANGE_REGRESSED)
                    lr_buf_printf(&tmp, " **▼%s**", d);
                else if (ch->kind == LR_CHANGE_IMPROVED)
                    lr_buf_printf(&tmp, " ▲%s", d);
                else if (isfinite(ch->mde)) {
                    /* within noise: and the smallest change the test would have seen */
                    char m[64];
                    lr_format_value(ch->mde, m, sizeof m);
                    lr_buf_printf(&tmp, " (%s; MDE %s)", d, m);
                } else
                    lr_buf_printf(&tmp, " (%s)", d);
                add_num(b, jc, "delta", ch->delta);
                if (isfinite(ch->mde))
                    add_num(b, jc, "mde", ch->mde);
            }
            add_md(b, jc, "kind",
                   cell->kind == LR_CELL_REF     ? "reference"
                   : cell->kind == LR_CELL_OTHER ? "other-setting"
                                                 : "setting-not-stated");
            add_bool(b, jc, "best", cell->best);
            if (cell->kind != LR_CELL_REF) {
                /* how it was measured and where it comes from: one note for the cells that
                 * share all of it, under the table */
                lr_buf note = LR_BUF_INIT, row_md = LR_BUF_INIT, col_md = LR_BUF_INIT;
                setting_md(b, cell->obs->setting, &note);
                /* the source by its key, defined once under the notes */
                lr_buf_clear(&cited);
                cite(b, cell->obs->source, NULL, &cited);
                lr_buf_printf(&note, ". %s%s.", say(b, LR_PH_SOURCE),
                              source_key(b, &keys, cited.data ? cited.data : ""));
                size_t before = note.len;
                lr_buf_puts(&note, say(b, LR_PH_NOTE));
                size_t head = note.len;
                lr_note_clean(cell->obs->setting->note, cell->obs->source->table, &note);
                if (note.len == head && !lr_buf_failed(&note)) {
                    note.len = before;
                    note.data[before] = '\0';
                }
                lr_md_escape(&row_md, ov->models[r]);
                lr_md_escape(&col_md, ov->cols[c].display);
                int id = lr_buf_failed(&note) || lr_buf_failed(&row_md) || lr_buf_failed(&col_md)
                             ? 0
                             : lr_table_notes_add(marked, note.data, row_md.data, col_md.data);
                if (!id)
                    b->failed = 1;
                const char *mark = cell->kind == LR_CELL_OTHER ? "†" : "‡";
                if (id > (int)n_marks) /* a new note: its marker, in order of first use */
                    marks[n_marks++] = mark;
                lr_buf_printf(&tmp, " %s%d", mark, id);
                lr_buf_free(&note);
                lr_buf_free(&row_md);
                lr_buf_free(&col_md);
            } else if (cell->alternatives && !newest_said_once) {
                /* re-runs at the same setting: said once for all such cells, no marker */
                lr_buf note = LR_BUF_INIT, row_md = LR_BUF_INIT, col_md = LR_BUF_INIT;
                if (cell->alternatives == 1)
                    lr_buf_puts(&note, say(b, LR_PH_OTHERS_ONE));
                else
                    lr_buf_printf(&note, say(b, LR_PH_OTHERS_MANY), cell->alternatives);
                lr_buf_clear(&cited);
                cite(b, cell->obs->source, NULL, &cited);
                lr_buf_puts(&note, source_key(b, &keys, cited.data ? cited.data : ""));
                lr_buf_puts(&note, ").");
                lr_md_escape(&row_md, ov->models[r]);
                lr_md_escape(&col_md, ov->cols[c].display);
                if (lr_buf_failed(&note) || lr_buf_failed(&row_md) || lr_buf_failed(&col_md) ||
                    !lr_table_notes_add(newest, note.data, row_md.data, col_md.data))
                    b->failed = 1;
                lr_buf_free(&note);
                lr_buf_free(&row_md);
                lr_buf_free(&col_md);
            }
            add_md(b, jc, "text", tmp.data);
        }
        if (ov->show_average) {
            char v[64] = "–";
            if (ov->has_average[r]) {
                lr_format_fixed(ov->average[r], average_decimals, v, sizeof v);
                add_num(b, row, "average_value", ov->average[r]);
            }
            add_md(b, row, "average", v);
        }
    }
    if (ov->show_average) {
        lr_buf note = LR_BUF_INIT;
        lr_buf_printf(&note, say(b, LR_PH_AVERAGE_HEAD), ov->n_cols);
        for (size_t c = 0; c < ov->n_cols; c++) {
            if (c)
                lr_buf_puts(&note, "; ");
            lr_md_escape(&note, ov->cols[c].display);
            lr_buf_puts(&note, ": ");
            setting_md(b, &ov->cols[c].ref, &note);
        }
        lr_buf_printf(&note, say(b, LR_PH_AVERAGE_TAIL), ov->n_without_average, ov->n_rows);
        add_md(b, o, "average_note", note.data ? note.data : "");
        lr_buf_free(&note);
        add_md(b, o, "average_header", "Average");
    }
    /* the table's notes, each once: "†1 GPT-4, GPT-3.5 on HellaSwag: 10-shot · acc. Source: …",
     * then the cells that show the newest of several results at their setting */
    cJSON *jn = add_array(b, o, "notes");
    for (size_t i = 0; jn && i < lr_table_notes_count(marked); i++) {
        cJSON *item = push_object(b, jn);
        if (!item)
            break;
        char mark[32];
        snprintf(mark, sizeof mark, "%s%zu", i < n_marks ? marks[i] : "", i + 1);
        add_md(b, item, "marker", mark);
        lr_buf_clear(&tmp);
        lr_table_notes_cells(marked, i, say(b, LR_PH_CELLS_ON), &tmp);
        lr_buf_puts(&tmp, ": ");
        lr_buf_puts(&tmp, lr_table_notes_text(marked, i));
        add_md(b, item, "text", tmp.data ? tmp.data : "");
        add_num(b, item, "cells", (double)lr_table_notes_cells_count(marked, i));
    }
    cJSON *jw = add_array(b, o, "newest");
    if (jw && newest_said_once) {
        cJSON *item = push_object(b, jw);
        lr_buf_clear(&tmp);
        lr_buf_printf(&tmp, say(b, LR_PH_OTHERS_SUMMARY), n_newest_cells);
        if (item) {
            add_md(b, item, "text", tmp.data ? tmp.data : "");
            add_num(b, item, "cells", (double)n_newest_cells);
        }
    }
    for (size_t i = 0; jw && i < lr_table_notes_count(newest); i++) {
        cJSON *item = push_object(b, jw);
        if (!item)
            break;
        lr_buf_clear(&tmp);
        lr_table_notes_cells(newest, i, say(b, LR_PH_CELLS_ON), &tmp);
        lr_buf_puts(&tmp, lr_table_notes_text(newest, i)); /* the phrase starts with ": " */
        add_md(b, item, "text", tmp.data ? tmp.data : "");
        add_num(b, item, "cells", (double)lr_table_notes_cells_count(newest, i));
    }
    add_bool(b, o, "has_notes", lr_table_notes_count(marked) + lr_table_notes_count(newest) > 0);
    source_keys_end(&keys);
    add_bool(b, o, "has_keys", keys.n > 0);
    lr_buf_free(&cited);
    if (lr_buf_failed(&tmp))
        b->failed = 1;
    lr_table_notes_free(marked);
    lr_table_notes_free(newest);
    free(marks);
    free(decimals);
    lr_buf_free(&tmp);
}

/* ---- per-source sections ---- */

/* "72.0 ± 4.5" at a column's decimals (view/precision.h; the exact value stays in results.json),
 * bold when strong; decimals < 0: each value as written. */
static void value_md(const lr_observation *o, int strong, int decimals, lr_buf *out)
{
    if (strong)
        lr_buf_puts(out, "**");
    if (decimals >= 0) {
        lr_precision_value_md(o, decimals, 1, 1, out);
        if (strong)
            lr_buf_puts(out, "**");
        return;
    }
    char v[64];
    value_text(o, v, sizeof v);
    lr_buf_puts(out, v);
    if (strong)
        lr_buf_puts(out, "**");
    if (o->stderr_ >= 0) {
        char se[64];
        lr_format_value(o->stderr_, se, sizeof se);
        lr_buf_printf(out, " ± %s", se);
    }
}

/* The decimals of a column of n observations. */
static int column_decimals(const builder *b, const lr_observation *const *obs, size_t n)
{
    return lr_precision_column(b->precision, obs, n);
}

static void cite_md(const builder *b, const lr_observation *o, lr_buf *out)
{
    if (o->source)
        cite(b, o->source, NULL, out);
}

static int source_in_section(const lr_source *s, const lr_section_spec *sec)
{
    if (sec->arxiv && s->arxiv && !strcmp(sec->arxiv, s->arxiv))
        return 1;
    if (sec->match && s->title && strstr(s->title, sec->match))
        return 1;
    if (sec->kind && s->kind && !strcmp(sec->kind, s->kind) && !sec->arxiv && !sec->match)
        return 1;
    return 0;
}

static int superseded(const lr_store *m, const lr_observation *o);

/* A source's results as the source printed them: one table per citation (a paper's table, a
 * leaderboard's snapshot), models by benchmark. The side with fewer entries becomes the columns
 * (at most SOURCE_COLUMNS to a table, further tables continue), and a setting is said once: in
 * the note when the table shares it, else per column or in a Setting column. */
#define SOURCE_COLUMNS 5

typedef struct source_entry {
    const lr_observation *o;
    size_t bench; /* index of its benchmark-and-setting */
    size_t model; /* index of its model */
} source_entry;

typedef struct source_block {
    source_entry *e;
    size_t n;
    const char **models; /* distinct, in order of first appearance */
    size_t n_models;
    const lr_observation **benches; /* first observation of each benchmark-and-setting */
    char **labels;                  /* their labels, Markdown */
    char **settings;                /* their settings, Markdown */
    char *full;                     /* the label holds the whole setting */
    size_t n_benches;
} source_block;

static int same_bench(builder *b, const lr_observation *x, const lr_observation *y)
{
    if (!lr_str_eq(x->setting->benchmark, y->setting->benchmark))
        return 0;
    lr_buf p = LR_BUF_INIT, q = LR_BUF_INIT;
    setting_md(b, x->setting, &p);
    setting_md(b, y->setting, &q);
    int eq = lr_str_eq(p.data, q.data);
    lr_buf_free(&p);
    lr_buf_free(&q);
    return eq;
}

static char *md_dup(const lr_buf *x)
{
    const char *s = x->data ? x->data : "";
    char *d = malloc(strlen(s) + 1);
    if (d)
        strcpy(d, s);
    return d;
}

/* Rows (or columns) of one table of a block: entries [from, to) of the column side. */
static void block_table(builder *b, cJSON *tables, const source_block *k, int by_model, size_t from,
                        size_t to, const char *caption)
{
    cJSON *t = push_object(b, tables);
    if (!t)
        return;
    add_md(b, t, "caption", caption);
    add_bool(b, t, "by_model", by_model);
    size_t n_lines = by_model ? k->n_models : k->n_benches;
    /* the settings: shared by the table's entries, or said per entry */
    const char *shared = NULL;
    int differ = 0;
    for (size_t i = 0; i < k->n; i++) {
        size_t col = by_model ? k->e[i].bench : k->e[i].model;
        if (col < from || col >= to)
            continue;
        const char *s = k->settings[k->e[i].bench];
        if (!shared)
            shared = s;
        else if (strcmp(shared, s))
            differ = 1;
    }
    size_t last = to; /* the last column the note names: not those whose label says it */
    for (size_t c = from; c < to && by_model; c++)
        if (!k->full[c])
            last = c;
    add_md(b, t, "shared_setting", shared && !differ ? shared : "");
    add_bool(b, t, "has_shared_setting", shared && !differ);
    add_bool(b, t, "has_column_settings", differ && by_model && last < to);
    add_bool(b, t, "has_setting_column", differ && !by_model);
    /* columns of one benchmark: the caption names it once, each header only its setting */
    const char *one = by_model ? k->benches[from]->setting->benchmark_display : NULL;
    for (size_t c = from + 1; c < to && one; c++)
        if (!lr_str_eq(k->benches[c]->setting->benchmark_display, one))
            one = NULL;
    lr_buf name = LR_BUF_INIT, label = LR_BUF_INIT;
    if (one && to - from > 1)
        lr_md_escape(&name, one);
    add_md(b, t, "benchmark", name.data ? name.data : "");
    add_bool(b, t, "has_benchmark", name.len > 0);
    cJSON *cols = add_array(b, t, "columns");
    for (size_t c = from; c < to && cols; c++) {
        cJSON *jc = push_object(b, cols);
        if (!jc)
            break;
        const char *l = k->labels[c];
        size_t nl = name.len;
        if (nl && !strncmp(l, name.data, nl) && l[nl] == ' ') {
            /* "HumanEval (0-shot · pass@1)" -> "0-shot · pass@1"; "HumanEval pass@10" -> "pass@10"
             */
            lr_buf_clear(&label);
            const char *rest = l + nl + 1;
            size_t len = strlen(rest);
            if (len >= 2 && rest[0] == '(' && rest[len - 1] == ')')
                lr_buf_append(&label, rest + 1, len - 2);
            else
                lr_buf_puts(&label, rest);
            l = label.data ? label.data : l;
        }
        if (by_model)
            add_md(b, jc, "name", l);
        else
            add_text(b, jc, "name", k->models[c]);
        /* the note names a column's setting unless its label does */
        int said = by_model && !k->full[c];
        add_bool(b, jc, "in_note", said);
        add_md(b, jc, "setting", by_model ? k->settings[c] : "");
        add_md(b, jc, "sep", said && c < last ? "; " : "");
    }

    cJSON *rows = add_array(b, t, "rows");
    lr_buf cell = LR_BUF_INIT;
    int older = 0;
    /* one precision per column and kind of value: a model's percentages at one, its exam
     * scores (integers on a scale of their own, printed with their unit) at another */
    int decimals[SOURCE_COLUMNS][2];
    const lr_observation **in_col = calloc(k->n + 1, sizeof *in_col);
    for (size_t c = from; c < to; c++) {
        size_t n_col = 0;
        for (size_t i = 0; in_col && i < k->n; i++)
            if ((by_model ? k->e[i].bench : k->e[i].model) == c)
                in_col[n_col++] = k->e[i].o;
        if (in_col)
            lr_precision_column_kinds(b->precision, in_col, n_col, decimals[c - from]);
        else
            decimals[c - from][0] = decimals[c - from][1] = -1;
    }
    free(in_col);
    const char *above = NULL, *above_bench = NULL;
    for (size_t line = 0; line < n_lines && rows; line++) {
        int any = 0;
        for (size_t i = 0; i < k->n && !any; i++) {
            size_t col = by_model ? k->e[i].bench : k->e[i].model;
            any = (by_model ? k->e[i].model : k->e[i].bench) == line && col >= from && col < to;
        }
        if (!any)
            continue;
        cJSON *row = push_object(b, rows);
        if (!row)
            break;
        if (by_model)
            add_text(b, row, "head", k->models[line]);
        else if (differ) {
            /* a benchmark the row above has is said once, above */
            const char *bench = k->benches[line]->setting->benchmark_display;
            add_text(b, row, "head", above_bench && lr_str_eq(above_bench, bench) ? "" : bench);
            above_bench = bench;
        } else
            add_md(b, row, "head", k->labels[line]);
        /* a setting the row above has is said once, above */
        add_md(b, row, "setting",
               by_model || (above && !strcmp(above, k->settings[line])) ? "" : k->settings[line]);
        above = by_model ? NULL : k->settings[line];
        cJSON *cells = add_array(b, row, "cells");
        for (size_t c = from; c < to && cells; c++) {
            lr_buf_clear(&cell);
            for (size_t i = 0; i < k->n; i++) {
                size_t m = k->e[i].model, q = k->e[i].bench;
                if ((by_model ? m : q) != line || (by_model ? q : m) != c)
                    continue;
                if (cell.len)
                    lr_buf_puts(&cell, "; ");
                value_md(k->e[i].o, 0, decimals[c - from][!!k->e[i].o->setting->bounded], &cell);
                if (superseded(b->in->store, k->e[i].o)) {
                    lr_buf_puts(&cell, " °");
                    older = 1;
                }
            }
            cJSON *jc = push_object(b, cells);
            if (jc)
                add_md(b, jc, "text", cell.data ? cell.data : "");
        }
    }
    lr_buf_free(&cell);
    lr_buf_free(&name);
    lr_buf_free(&label);
    add_bool(b, t, "has_older", older);
}

static void block_free(source_block *k)
{
    for (size_t i = 0; i < k->n_benches; i++) {
        free(k->labels[i]);
        free(k->settings[i]);
    }
    free(k->e);
    free(k->models);
    free(k->benches);
    free(k->labels);
    free(k->settings);
    free(k->full);
}

/* One citation's entries as tables. */
static void block_tables(builder *b, cJSON *tables, const lr_observation **obs, size_t n,
                         const char *caption)
{
    source_block k = {0};
    k.e = calloc(n + 1, sizeof *k.e);
    k.models = calloc(n + 1, sizeof *k.models);
    k.benches = calloc(n + 1, sizeof *k.benches);
    k.labels = calloc(n + 1, sizeof *k.labels);
    k.settings = calloc(n + 1, sizeof *k.settings);
    k.full = calloc(n + 1, 1);
    if (!k.e || !k.models || !k.benches || !k.labels || !k.settings || !k.full) {
        b->failed = 1;
        block_free(&k);
        return;
    }
    lr_buf tmp = LR_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        const lr_observation *o = obs[i];
        size_t m = 0, q = 0;
        while (m < k.n_models && strcmp(k.models[m], o->model))
            m++;
        if (m == k.n_models)
            k.models[k.n_models++] = o->model;
        while (q < k.n_benches && !same_bench(b, k.benches[q], o))
            q++;
        if (q == k.n_benches) {
            k.benches[q] = o;
            lr_buf_clear(&tmp);
            setting_md(b, o->setting, &tmp);
            k.settings[q] = md_dup(&tmp);
            k.n_benches++;
            if (!k.settings[q])
                b->failed = 1;
        }
        k.e[k.n++] = (source_entry){o, q, m};
    }
    /* a benchmark under two settings: its label names what differs ("HumanEval pass@10") */
    const lr_setting **twins = calloc(k.n_benches + 1, sizeof *twins);
    if (!twins)
        b->failed = 1;
    for (size_t q = 0; twins && q < k.n_benches; q++) {
        size_t n_twins = 0;
        int known = 1, metrics = 0;
        for (size_t r = 0; r < k.n_benches; r++)
            if (lr_str_eq(k.benches[r]->setting->benchmark, k.benches[q]->setting->benchmark)) {
                twins[n_twins++] = k.benches[r]->setting;
                known &= lr_setting_known(k.benches[r]->setting);
                metrics |= !lr_str_eq(k.benches[r]->setting->metric, k.benches[q]->setting->metric);
            }
        lr_buf_clear(&tmp);
        lr_md_escape(&tmp, k.benches[q]->setting->benchmark_display);
        if (n_twins > 1) {
            size_t at = tmp.len;
            lr_buf_puts(&tmp, " ");
            if (known)
                setting_parts(b, k.benches[q]->setting,
                              ~shared_parts(twins, n_twins) &
                                  (PART_SHOTS | PART_METHOD | PART_VARIANT | PART_TASK),
                              0, &tmp);
            if (metrics && k.benches[q]->setting->metric) {
                if (tmp.len > at + 1)
                    lr_buf_puts(&tmp, " · ");
                lr_md_escape(&tmp, k.benches[q]->setting->metric);
            }
            if (tmp.len == at + 1) { /* nothing named: the whole setting */
                lr_buf_printf(&tmp, "(%s)", k.settings[q] ? k.settings[q] : "");
                k.full[q] = 1;
            }
        }
        k.labels[q] = md_dup(&tmp);
        if (!k.labels[q])
            b->failed = 1;
    }
    free(twins);
    /* labels still alike: the whole setting */
    for (size_t q = 0; q < k.n_benches && !b->failed; q++) {
        int alike = 0;
        for (size_t r = 0; r < k.n_benches && !alike; r++)
            alike = r != q && k.labels[r] && k.labels[q] && !strcmp(k.labels[r], k.labels[q]);
        if (!alike)
            continue;
        for (size_t r = k.n_benches; r-- > 0;) {
            if (r == q || !k.labels[r] || strcmp(k.labels[r], k.labels[q]))
                continue;
            lr_buf_clear(&tmp);
            lr_md_escape(&tmp, k.benches[r]->setting->benchmark_display);
            lr_buf_printf(&tmp, " (%s)", k.settings[r] ? k.settings[r] : "");
            k.full[r] = 1;
            free(k.labels[r]);
            k.labels[r] = md_dup(&tmp);
        }
        lr_buf_clear(&tmp);
        lr_md_escape(&tmp, k.benches[q]->setting->benchmark_display);
        lr_buf_printf(&tmp, " (%s)", k.settings[q] ? k.settings[q] : "");
        k.full[q] = 1;
        free(k.labels[q]);
        k.labels[q] = md_dup(&tmp);
        if (!k.labels[q])
            b->failed = 1;
    }
    lr_buf_free(&tmp);
    if (b->failed) {
        block_free(&k);
        return;
    }
    /* the fewer side across: tables of at most SOURCE_COLUMNS columns */
    size_t cost[2];
    for (int by_model = 0; by_model < 2; by_model++) {
        size_t n_cols = by_model ? k.n_benches : k.n_models;
        cost[by_model] = 0;
        for (size_t from = 0; from < n_cols; from += SOURCE_COLUMNS) {
            size_t to = from + SOURCE_COLUMNS < n_cols ? from + SOURCE_COLUMNS : n_cols;
            cost[by_model] += 4; /* a table's caption, header and note */
            size_t n_lines = by_model ? k.n_models : k.n_benches;
            for (size_t line = 0; line < n_lines; line++) {
                int any = 0;
                for (size_t i = 0; i < k.n && !any; i++) {
                    size_t col = by_model ? k.e[i].bench : k.e[i].model;
                    any =
                        (by_model ? k.e[i].model : k.e[i].bench) == line && col >= from && col < to;
                }
                cost[by_model] += any;
            }
        }
    }
    int by_model = cost[1] <= cost[0];
    size_t n_cols = by_model ? k.n_benches : k.n_models;
    for (size_t from = 0; from < n_cols; from += SOURCE_COLUMNS)
        block_table(b, tables, &k, by_model, from,
                    from + SOURCE_COLUMNS < n_cols ? from + SOURCE_COLUMNS : n_cols, caption);
    block_free(&k);
}

static void section_rows(builder *b, cJSON *sec,
                         int (*in_section)(const lr_observation *, const void *), const void *arg)
{
    const lr_store *m = b->in->store;
    cJSON *tables = add_array(b, sec, "tables");
    size_t count = 0, n = 0;
    const lr_observation **obs = calloc(lr_store_count(m) + 1, sizeof *obs);
    char *done = calloc(lr_store_count(m) + 1, 1);
    if (!obs || !done)
        b->failed = 1;
    for (size_t i = 0; obs && i < lr_store_count(m); i++) {
        const lr_observation *o = lr_store_get(m, i);
        if (!in_section(o, arg) || (o->setting->flags & LR_OBS_MEMBER))
            continue;
        count++;
        if (b->in->table_limit && count > b->in->table_limit)
            continue; /* counted, not listed */
        obs[n++] = o;
    }
    /* one citation at a time, in order of first appearance */
    lr_buf cite = LR_BUF_INIT, other = LR_BUF_INIT;
    const lr_observation **block = calloc(n + 1, sizeof *block);
    if (!block)
        b->failed = 1;
    for (size_t i = 0; block && done && i < n && tables; i++) {
        if (done[i])
            continue;
        lr_buf_clear(&cite);
        cite_md(b, obs[i], &cite);
        size_t n_block = 0;
        for (size_t j = i; j < n; j++) {
            if (done[j])
                continue;
            lr_buf_clear(&other);
            cite_md(b, obs[j], &other);
            if (lr_str_eq(cite.data, other.data)) {
                done[j] = 1;
                block[n_block++] = obs[j];
            }
        }
        block_tables(b, tables, block, n_block, cite.data ? cite.data : "");
    }
    lr_buf_free(&cite);
    lr_buf_free(&other);
    free(block);
    free(obs);
    free(done);
    add_num(b, sec, "count", (double)count);
    size_t more = b->in->table_limit && count > b->in->table_limit ? count - b->in->table_limit : 0;
    add_num(b, sec, "more", (double)more);
    add_bool(b, sec, "has_more", more > 0);
}

static int obs_in_spec(const lr_observation *o, const void *arg)
{
    return o->source && source_in_section(o->source, arg);
}

typedef struct group_key {
    const char *kind, *title;
    const lr_config *config;
} group_key;

static int unmatched(const lr_observation *o, const lr_config *c)
{
    for (size_t k = 0; c && k < c->n_sections; k++)
        if (o->source && source_in_section(o->source, &c->sections[k]))
            return 0;
    return 1;
}

static int obs_in_group(const lr_observation *o, const void *arg)
{
    const group_key *g = arg;
    if (!o->source || !unmatched(o, g->config))
        return 0;
    const char *t = o->source->title;
    const char *k = o->source->kind ? o->source->kind : "";
    if (g->title)
        return t && !strcmp(t, g->title);
    return !t && !strcmp(k, g->kind);
}

static void build_sections(builder *b)
{
    const lr_config *c = b->in->config;
    const lr_store *m = b->in->store;
    cJSON *secs = add_array(b, b->root, "sections");
    lr_buf tmp = LR_BUF_INIT;
    for (size_t k = 0; c && k < c->n_sections && secs; k++) {
        cJSON *sec = push_object(b, secs);
        if (!sec)
            break;
        add_text(b, sec, "title", c->sections[k].title ? c->sections[k].title : "Results");
        /* the citation of the first matching source; a section of a kind (runs, leaderboard
         * files) spans many sources, each row names its own */
        int by_kind = c->sections[k].kind && !c->sections[k].arxiv && !c->sections[k].match;
        for (size_t s = 0; !by_kind && s < lr_store_source_count(m); s++) {
            const lr_source *src = lr_store_source_get(m, s);
            if (source_in_section(src, &c->sections[k])) {
                lr_buf_clear(&tmp);
                cite(b, src, "", &tmp);
                if (src->url && !lr_url_is_linkable(src->url)) {
                    lr_buf_puts(&tmp, " · "); /* shown, never a link */
                    lr_md_escape(&tmp, src->url);
                }
                add_md(b, sec, "citation", tmp.data);
                if (src->url && lr_url_is_linkable(src->url))
                    add_text(b, sec, "url", src->url);
                break;
            }
        }
        section_rows(b, sec, obs_in_spec, &c->sections[k]);
    }
    /* sources no section claims: one section per title, or per kind for untitled runs */
    const char **seen = calloc(lr_store_source_count(m) + 1, sizeof *seen);
    size_t n_seen = 0;
    for (size_t i = 0; seen && i < lr_store_count(m) && secs; i++) {
        const lr_observation *o = lr_store_get(m, i);
        if (!o->source || !unmatched(o, c))
            continue;
        const char *key = o->source->title ? o->source->title : o->source->kind;
        int dup = 0;
        for (size_t s = 0; s < n_seen && !dup; s++)
            dup = !strcmp(seen[s], key);
        if (dup || !key)
            continue;
        seen[n_seen++] = key;
        cJSON *sec = push_object(b, secs);
        if (!sec)
            break;
        group_key g = {o->source->kind ? o->source->kind : "", o->source->title, c};
        if (o->source->title) {
            add_text(b, sec, "title", o->source->title);
            lr_buf_clear(&tmp);
            cite(b, o->source, "", &tmp);
            add_md(b, sec, "citation", tmp.data);
        } else {
            lr_buf_clear(&tmp);
            lr_buf_printf(&tmp, say(b, LR_PH_RUNS), o->source->kind ? o->source->kind : "other");
            add_text(b, sec, "title", tmp.data);
        }
        section_rows(b, sec, obs_in_group, &g);
    }
    free(seen);
    lr_buf_free(&tmp);
}

/* ---- per-benchmark tables ---- */

typedef struct bench_row {
    const lr_observation *o;
    size_t group;    /* index of its setting group */
    size_t size;     /* of that group: its distinct current models */
    int ref;         /* at the reference setting */
    size_t position; /* in the model: keeps the sort stable */
    int old;         /* superseded by a newer snapshot of its kind */
    int body;        /* shown in the body (row_in_body) */
} bench_row;

/* Reference group first, then bigger groups, then groups in order of first appearance; inside
 * a group best first, ties in input order. Groups that are not ranked are sorted alike. */
static int by_setting_then_value(const void *pa, const void *pb)
{
    const bench_row *x = pa, *y = pb;
    if (x->ref != y->ref)
        return x->ref ? -1 : 1;
    if (x->group != y->group) {
        if (x->size != y->size)
            return x->size > y->size ? -1 : 1;
        return x->group < y->group ? -1 : 1;
    }
    double a = x->o->value, b = y->o->value;
    if (a != b)
        return (x->o->setting->higher_is_better ? a > b : a < b) ? -1 : 1;
    return x->position < y->position ? -1 : x->position > y->position;
}

static int superseded(const lr_store *m, const lr_observation *o)
{
    size_t n;
    const size_t *ix = lr_store_find(m, o->model, o->setting->benchmark, &n);
    for (size_t i = 0; i < n; i++) {
        const lr_observation *p = lr_store_get(m, ix[i]);
        if (p != o && p->source && o->source && p->source->kind && o->source->kind &&
            !strcmp(p->source->kind, o->source->kind) && lr_observation_newer(p, o) < 0 &&
            lr_setting_equal(p->setting, o->setting))
            return 1;
    }
    return 0;
}

/* The rows of one benchmark, grouped by setting (a setting the source does not state is a group
 * of its own) and sorted; returns the number of rows and fills the group counts. */
typedef struct bench_groups {
    bench_row *rows;
    const lr_observation **first; /* of each group */
    size_t *models;               /* distinct current models of each group */
    size_t n_rows, n_groups;
    int ranked;   /* some stated setting has two models or more */
    int compares; /* that, or one model under two stated settings */
    const char *display;
} bench_groups;

/* A position as a short key (for the lookups below). */
static const char *pos_key(size_t v, char *buf)
{
    char *p = buf + 23;
    *p = 0;
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return p;
}

/* Per model of a benchmark's rows: the first two groups where it has a current row at a
 * stated setting with two models or more (model_elsewhere), and its first stated group. */
typedef struct model_groups {
    size_t ranked[2];
    size_t stated;
} model_groups;

/* Whether the model of r has a row in another group of the benchmark. */
static int model_elsewhere(const model_groups *mg, const bench_row *r)
{
    return (mg->ranked[0] != (size_t)-1 && mg->ranked[0] != r->group) ||
           mg->ranked[1] != (size_t)-1;
}

static void collect_benchmark(builder *b, const char *id, const lr_setting *ref, int has_ref,
                              bench_groups *g)
{
    const lr_store *m = b->in->store;
    size_t n_of;
    const size_t *of = lr_store_find_benchmark(m, id, &n_of);
    g->n_rows = g->n_groups = 0;
    g->ranked = g->compares = 0;
    g->display = id;
    /* groups by lr_setting_groups (numbered apart from the groups of unstated settings), the
     * (group, model) pairs with a current row, and each model's groups: no pass over the rows
     * per row */
    lr_setting_groups *stated = lr_setting_groups_new(m);
    size_t *group_of = calloc(n_of + 1, sizeof *group_of); /* stated group -> group */
    size_t *model_of = calloc(n_of + 1, sizeof *model_of); /* row -> its model's entry */
    model_groups *mg = calloc(n_of + 1, sizeof *mg);
    lr_index current = LR_INDEX_INIT, models = LR_INDEX_INIT;
    size_t n_models = 0;
    if (!stated || !group_of || !model_of || !mg) {
        b->failed = 1;
        goto done;
    }
    for (size_t i = 0; i < n_of; i++) {
        const lr_observation *o = lr_store_get(m, of[i]);
        if (o->setting->flags & LR_OBS_MEMBER)
            continue;
        g->display = o->setting->benchmark_display;
        size_t k = g->n_groups;
        if (lr_setting_known(o->setting)) {
            int created;
            size_t s = lr_setting_groups_join(stated, o->setting, &created);
            if (s == (size_t)-1) {
                b->failed = 1;
                goto done;
            }
            if (created)
                group_of[s] = g->n_groups;
            else
                k = group_of[s];
        }
        if (k == g->n_groups) {
            g->first[g->n_groups] = o;
            g->models[g->n_groups++] = 0;
        }
        bench_row *r = &g->rows[g->n_rows++];
        r->o = o;
        r->group = k;
        r->old = superseded(m, o);
        r->ref = has_ref && lr_setting_equal(o->setting, ref);
        r->position = o->index;
        size_t hits;
        const size_t *entry = lr_index_get(&models, o->model, NULL, &hits);
        if (hits) {
            model_of[g->n_rows - 1] = entry[0];
        } else {
            model_of[g->n_rows - 1] = n_models;
            mg[n_models] = (model_groups){{(size_t)-1, (size_t)-1}, (size_t)-1};
            if (lr_index_add(&models, o->model, NULL, n_models++))
                b->failed = 1;
        }
        /* one model under two stated settings */
        model_groups *e = &mg[model_of[g->n_rows - 1]];
        if (lr_setting_known(o->setting)) {
            if (e->stated == (size_t)-1)
                e->stated = k;
            else if (e->stated != k)
                g->compares = 1;
        }
        if (r->old)
            continue;
        char key[24];
        const char *gk = pos_key(k, key);
        lr_index_get(&current, gk, o->model, &hits);
        if (!hits) {
            g->models[k]++;
            if (lr_index_add(&current, gk, o->model, 0))
                b->failed = 1;
        }
    }
    for (size_t i = 0; i < g->n_rows; i++) {
        bench_row *r = &g->rows[i];
        r->size = g->models[r->group];
        model_groups *e = &mg[model_of[i]];
        if (!r->old && r->size >= 2 && lr_setting_known(r->o->setting) &&
            e->ranked[0] != r->group && e->ranked[1] != r->group) {
            if (e->ranked[0] == (size_t)-1)
                e->ranked[0] = r->group;
            else if (e->ranked[1] == (size_t)-1)
                e->ranked[1] = r->group;
        }
    }
    for (size_t k = 0; k < g->n_groups; k++)
        g->ranked |= lr_setting_known(g->first[k]->setting) && g->models[k] >= 2;
    g->compares |= g->ranked;
    /* in the body: current rows at stated settings; where some setting ranks models, the
     * settings with one model show only models ranked elsewhere in the table (one model, two
     * settings) */
    for (size_t i = 0; i < g->n_rows; i++) {
        bench_row *r = &g->rows[i];
        r->body = !r->old && lr_setting_known(r->o->setting) &&
                  (!g->ranked || r->size >= 2 || r->ref || model_elsewhere(&mg[model_of[i]], r));
    }
    qsort(g->rows, g->n_rows, sizeof *g->rows, by_setting_then_value);
done:
    lr_setting_groups_free(stated);
    free(group_of);
    free(model_of);
    free(mg);
    lr_index_free(&current);
    lr_index_free(&models);
    if (b->failed || current.failed || models.failed) {
        b->failed = 1;
        g->n_rows = 0;
    }
}

/* The rows a group shows in the body; the rest are counted and left to the appendix. */
#define BODY_GROUP_TOP 3
#define SINGLES ((size_t)-2) /* the group of the settings with one model each */

static int row_in_body(const bench_groups *g, const bench_row *r)
{
    (void)g;
    return r->body;
}

/* The group a row is shown in: the settings with one model each share one when others rank. */
static size_t shown_group(const bench_groups *g, const bench_row *r)
{
    return g->ranked && r->size < 2 && !r->ref ? SINGLES : r->group;
}

/* The table of a benchmark that compares something: a header row per setting group, ranks
 * within the group (competition ranking: equal values share a rank, "1, 2, 2, 4"), a model
 * restated at the same value by another source is one row with both sources' keys. */
/* The rows before a row that its group's backward scans reach (the run of rows of its group
 * it is in), by model: the rows with a JSON row so far, found through an index of "run" or
 * "run|value|stderr" (hex, then the model) instead of a scan of the run. */
typedef struct row_index {
    lr_index by_model, by_value; /* -> rows, in order */
    size_t run;                  /* the run of the rows met last */
    size_t last_group;
    int started;
} row_index;

static double same_zero(double v)
{
    return v == 0 ? 0.0 : v; /* -0 == 0 */
}

static void row_key(char *key, size_t size, size_t run, const lr_observation *o, int values)
{
    if (!values) {
        snprintf(key, size, "%zx", run);
        return;
    }
    double v = same_zero(o->value), se = same_zero(o->stderr_);
    unsigned long long vb, sb;
    memcpy(&vb, &v, sizeof vb);
    memcpy(&sb, &se, sizeof sb);
    snprintf(key, size, "%zx|%llx|%llx", run, vb, sb);
}

/* The run of row i (rows of one group in a row). */
static size_t row_run(row_index *ix, const bench_groups *g, size_t i)
{
    if (!ix->started || g->rows[i].group != ix->last_group)
        ix->run += ix->started;
    ix->started = 1;
    ix->last_group = g->rows[i].group;
    return ix->run;
}

/* The last row before of o's model (and, with values, its value and stderr) in the run that has
 * a JSON row; (size_t)-1 when none. */
static size_t row_find(const row_index *ix, size_t run, const lr_observation *o, int values)
{
    char key[64];
    row_key(key, sizeof key, run, o, values);
    size_t n;
    const size_t *at = lr_index_get(values ? &ix->by_value : &ix->by_model, key, o->model, &n);
    return n ? at[n - 1] : (size_t)-1;
}

/* Row i of o now has a JSON row: 0, or -1 when out of memory. */
static int row_add(row_index *ix, size_t run, const lr_observation *o, size_t i)
{
    char key[64];
    row_key(key, sizeof key, run, o, 1);
    int failed = lr_index_add(&ix->by_value, key, o->model, i);
    row_key(key, sizeof key, run, o, 0);
    return failed | lr_index_add(&ix->by_model, key, o->model, i);
}

static void benchmark_table(builder *b, cJSON *jb, const bench_groups *g, const lr_setting *ref,
                            int has_ref)
{
    lr_buf tmp = LR_BUF_INIT;
    /* one source per group: said in its header; else keys in a Source column */
    int keyed = 0;
    lr_buf first = LR_BUF_INIT;
    for (size_t i = 0; i < g->n_rows && !keyed; i++) {
        if (!row_in_body(g, &g->rows[i]))
            continue;
        lr_buf_clear(&tmp);
        cite_md(b, g->rows[i].o, &tmp);
        size_t j = i;
        while (j-- > 0 && !row_in_body(g, &g->rows[j]))
            ;
        if (j < i && shown_group(g, &g->rows[j]) == shown_group(g, &g->rows[i])) {
            keyed = !lr_str_eq(tmp.data, first.data);
        } else {
            lr_buf_clear(&first);
            lr_buf_puts(&first, tmp.data ? tmp.data : "");
        }
    }
    lr_buf_free(&first);
    add_bool(b, jb, "keyed", keyed);
    source_keys keys = {add_array(b, jb, "keys"), 0, LR_INDEX_INIT, NULL, 0};
    cJSON *jrows = add_array(b, jb, "rows");
    /* one precision for the Value column */
    int decimals = -1;
    const lr_observation **col = calloc(g->n_rows + 1, sizeof *col);
    if (col) {
        size_t n_col = 0;
        for (size_t i = 0; i < g->n_rows; i++)
            if (row_in_body(g, &g->rows[i]))
                col[n_col++] = g->rows[i].o;
        decimals = column_decimals(b, col, n_col);
        free(col);
    }
    cJSON **member = calloc(g->n_rows + 1, sizeof *member); /* the JSON row of each row */
    if (!member)
        b->failed = 1;
    size_t listed = 0, more = 0, elsewhere = 0, pos = 0, last_rank = 0, in_group = 0;
    size_t prev_group = (size_t)-1;
    double last_value = 0;
    int restated = 0;
    row_index rows = {LR_INDEX_INIT, LR_INDEX_INIT, 0, 0, 0};
    for (size_t i = 0; i < g->n_rows && jrows && member; i++) {
        const bench_row *r = &g->rows[i];
        const lr_observation *o = r->o;
        size_t run = row_run(&rows, g, i);
        if (!row_in_body(g, r)) {
            elsewhere++;
            continue;
        }
        lr_buf_clear(&tmp);
        cite_md(b, o, &tmp);
        const char *cite = tmp.data ? tmp.data : "";
        /* the same model at the same value from another source: its row takes the key */
        size_t twin = row_find(&rows, run, o, 1);
        twin = twin == (size_t)-1 ? i : twin;
        if (twin < i) {
            const char *had =
                cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(member[twin], "source"));
            const char *key = keyed ? source_key(b, &keys, cite) : "";
            lr_buf both = LR_BUF_INIT;
            if (had && key[0] && !has_key(had, key))
                lr_buf_printf(&both, "%s, %s", had, key);
            if (both.data)
                cJSON_ReplaceItemInObjectCaseSensitive(member[twin], "source",
                                                       cJSON_CreateString(both.data));
            lr_buf_free(&both);
            member[i] = member[twin];
            if (row_add(&rows, run, o, i))
                b->failed = 1;
            continue;
        }
        size_t shown = shown_group(g, r);
        if (shown == prev_group && in_group >= BODY_GROUP_TOP) {
            elsewhere++; /* the appendix has it */
            continue;
        }
        if (b->in->table_limit && listed >= b->in->table_limit) {
            more++; /* counted, not listed */
            continue;
        }
        listed++;
        if (shown != prev_group) {
            prev_group = shown;
            pos = in_group = 0;
            cJSON *head = push_object(b, jrows);
            if (!head)
                break;
            add_bool(b, head, "is_group", 1);
            add_bool(b, head, "is_singles", shown == SINGLES);
            lr_buf set = LR_BUF_INIT;
            if (shown != SINGLES)
                setting_md(b, o->setting, &set);
            add_md(b, head, "group", set.data ? set.data : "");
            lr_buf_free(&set);
            add_bool(b, head, "is_reference", r->ref);
            add_bool(b, head, "has_source", !keyed);
            add_md(b, head, "source", keyed ? "" : cite);
            add_num(b, head, "models", (double)r->size);
        }
        cJSON *row = push_object(b, jrows);
        if (!row)
            break;
        member[i] = row;
        in_group++;
        add_bool(b, row, "is_group", 0);
        /* in the group of settings with one model each, the row says its setting */
        lr_buf set = LR_BUF_INIT;
        if (shown == SINGLES)
            setting_md(b, o->setting, &set);
        add_md(b, row, "setting", set.data ? set.data : "");
        add_bool(b, row, "has_setting", set.len > 0);
        lr_buf_free(&set);
        /* a model a second source states at another value keeps one rank, its first row's */
        int repeat = row_find(&rows, run, o, 0) != (size_t)-1;
        if (row_add(&rows, run, o, i))
            b->failed = 1;
        char rk[32] = "";
        int ranked = r->size >= 2;
        if (ranked && repeat) {
            snprintf(rk, sizeof rk, "–");
            restated = 1;
        } else if (ranked) {
            pos++;
            if (pos == 1 || o->value != last_value)
                last_rank = pos;
            last_value = o->value;
            snprintf(rk, sizeof rk, "%zu", last_rank);
        }
        add_md(b, row, "rank", rk);
        add_text(b, row, "model", o->model);
        lr_buf val = LR_BUF_INIT;
        value_md(o, ranked && !repeat && last_rank == 1, decimals, &val);
        add_md(b, row, "value", val.data ? val.data : "");
        lr_buf_free(&val);
        add_md(b, row, "source", keyed ? source_key(b, &keys, cite) : "");
    }
    source_keys_end(&keys);
    free(member);
    lr_index_free(&rows.by_model);
    lr_index_free(&rows.by_value);
    lr_buf_free(&tmp);
    if (has_ref) {
        lr_buf set = LR_BUF_INIT;
        setting_md(b, ref, &set);
        add_md(b, jb, "reference_setting", set.data ? set.data : "");
        lr_buf_free(&set);
    }
    add_num(b, jb, "count", (double)g->n_rows);
    add_num(b, jb, "more", (double)more);
    add_bool(b, jb, "has_more", more > 0);
    add_num(b, jb, "elsewhere", (double)elsewhere);
    add_bool(b, jb, "has_elsewhere", elsewhere > 0);
    add_bool(b, jb, "has_restated", restated);
    add_bool(b, jb, "ranked", g->ranked);
    add_bool(b, jb, "has_note", keyed || more || elsewhere || restated);
}

/* The benchmarks that compare nothing, one row per setting and source with its values listed:
 * "GPT-4 298.0; GPT-3.5 213.0". Older snapshots are left to the appendix. */
typedef struct other_table {
    cJSON *rows;
    source_keys keys;
    size_t listed, more, elsewhere;
    lr_buf above; /* the setting of the row above */
} other_table;

/* Whether two settings differ at most in their metric. */
static int same_but_metric(const lr_setting *x, const lr_setting *y)
{
    return x->shots == y->shots && x->flags == y->flags && lr_str_eq(x->method, y->method) &&
           lr_str_eq(x->variant, y->variant) && lr_str_eq(x->rule, y->rule) &&
           lr_str_eq(x->task_hash, y->task_hash);
}

/* Whether row j, not listed yet, is row i's but for the metric: its setting otherwise, and its
 * source (cite, row i's citation; rc scratch). */
static int metric_mate(builder *b, const bench_groups *g, const char *done, size_t i, size_t j,
                       const lr_buf *cite, lr_buf *rc)
{
    if (done[j] || g->rows[j].old || !same_but_metric(g->rows[j].o->setting, g->rows[i].o->setting))
        return 0;
    lr_buf_clear(rc);
    cite_md(b, g->rows[j].o, rc);
    return lr_str_eq(rc->data, cite->data);
}

static void other_rows(builder *b, other_table *t, const bench_groups *g)
{
    lr_buf set = LR_BUF_INIT, cite = LR_BUF_INIT, vals = LR_BUF_INIT;
    lr_buf *above = &t->above;
    lr_buf rs = LR_BUF_INIT, rc = LR_BUF_INIT;
    char *done = calloc(g->n_rows + 1, 1);
    int said_benchmark = 0;
    if (!done)
        b->failed = 1;
    for (size_t i = 0; done && i < g->n_rows && t->rows; i++) {
        if (done[i])
            continue;
        if (g->rows[i].old) {
            t->elsewhere++;
            continue;
        }
        lr_buf_clear(&cite);
        cite_md(b, g->rows[i].o, &cite);
        lr_buf_clear(&vals);
        size_t n = 0;
        /* one model's values of several metrics at a setting otherwise the same (a run's
         * Easy_pass@1, Easy_pass@3, …): one row, each value after its metric */
        size_t n_metric = 0;
        int one_model = 1, metrics = 0;
        for (size_t j = i; j < g->n_rows && one_model; j++) {
            if (!metric_mate(b, g, done, i, j, &cite, &rc))
                continue;
            one_model = !strcmp(g->rows[j].o->model, g->rows[i].o->model);
            metrics |= !lr_str_eq(g->rows[j].o->setting->metric, g->rows[i].o->setting->metric);
            n_metric++;
        }
        lr_buf_clear(&set);
        int merged = one_model && metrics && n_metric >= 2;
        if (merged) {
            setting_md_sans_metric(b, g->rows[i].o->setting, &set);
            lr_md_escape(&vals, g->rows[i].o->model);
            lr_buf_puts(&vals, ": ");
            for (size_t j = i; j < g->n_rows; j++) {
                if (!metric_mate(b, g, done, i, j, &cite, &rc))
                    continue;
                done[j] = 1;
                if (n++)
                    lr_buf_puts(&vals, "; ");
                lr_md_escape(&vals, g->rows[j].o->setting->metric);
                lr_buf_putc(&vals, ' ');
                value_md(g->rows[j].o, 0, lr_precision_source(b->precision, g->rows[j].o), &vals);
            }
        } else {
            setting_md(b, g->rows[i].o->setting, &set);
        }
        for (size_t j = i; j < g->n_rows && !merged; j++) {
            if (done[j] || g->rows[j].old)
                continue;
            lr_buf_clear(&rs);
            setting_md(b, g->rows[j].o->setting, &rs);
            lr_buf_clear(&rc);
            cite_md(b, g->rows[j].o, &rc);
            if (!lr_str_eq(rs.data, set.data) || !lr_str_eq(rc.data, cite.data))
                continue;
            done[j] = 1;
            if (n++)
                lr_buf_puts(&vals, "; ");
            lr_md_escape(&vals, g->rows[j].o->model);
            lr_buf_putc(&vals, ' ');
            value_md(g->rows[j].o, 0, lr_precision_source(b->precision, g->rows[j].o), &vals);
        }
        if (b->in->table_limit && t->listed >= b->in->table_limit) {
            t->more += n; /* counted, not listed */
            continue;
        }
        t->listed++;
        cJSON *row = push_object(b, t->rows);
        if (!row)
            break;
        /* the benchmark, and a setting the row above has, are said once */
        add_text(b, row, "benchmark", said_benchmark ? "" : g->display);
        /* a setting the row above has (of this benchmark or the one before) is said once */
        int same = lr_str_eq(set.data, above->data);
        said_benchmark = 1;
        add_md(b, row, "setting", same ? "" : set.data ? set.data : "");
        lr_buf_clear(above);
        lr_buf_puts(above, set.data ? set.data : "");
        add_md(b, row, "values", vals.data ? vals.data : "");
        add_md(b, row, "source", source_key(b, &t->keys, cite.data ? cite.data : ""));
    }
    free(done);
    lr_buf_free(&set);
    lr_buf_free(&cite);
    lr_buf_free(&vals);
    lr_buf_free(&rs);
    lr_buf_free(&rc);
}

/* The benchmarks that compare one model under several settings and rank nothing (a run's acc
 * and acc_norm): one row per model and benchmark in one table, the parts of the setting its
 * values share said once, each value labelled with what differs. */
typedef struct single_table {
    cJSON *rows;
    source_keys keys;
    size_t listed, more, elsewhere;
} single_table;

static void single_rows(builder *b, single_table *t, const bench_groups *g)
{
    char *done = calloc(g->n_rows + 1, 1);
    const lr_observation **vals = calloc(g->n_rows + 1, sizeof *vals);
    const lr_setting **sets = calloc(g->n_rows + 1, sizeof *sets);
    lr_buf shared = LR_BUF_INIT, text = LR_BUF_INIT, keys = LR_BUF_INIT, cite = LR_BUF_INIT;
    int said_benchmark = 0;
    if (!done || !vals || !sets)
        b->failed = 1;
    for (size_t i = 0; done && vals && sets && i < g->n_rows && t->rows; i++) {
        if (done[i])
            continue;
        if (!row_in_body(g, &g->rows[i])) {
            t->elsewhere++;
            continue;
        }
        /* this model's values, in the table's order */
        size_t n = 0;
        for (size_t j = i; j < g->n_rows; j++)
            if (!done[j] && row_in_body(g, &g->rows[j]) &&
                !strcmp(g->rows[j].o->model, g->rows[i].o->model)) {
                done[j] = 1;
                vals[n] = g->rows[j].o;
                sets[n++] = g->rows[j].o->setting;
            }
        if (b->in->table_limit && t->listed >= b->in->table_limit) {
            t->more += n;
            continue;
        }
        t->listed++;
        unsigned parts = shared_parts(sets, n);
        int metric_shared = 1;
        for (size_t j = 1; j < n; j++)
            metric_shared &= lr_str_eq(sets[j]->metric, sets[0]->metric);
        lr_buf_clear(&shared);
        setting_parts(b, sets[0], parts, metric_shared, &shared);
        int decimals = column_decimals(b, vals, n);
        lr_buf_clear(&text);
        lr_buf_clear(&keys);
        for (size_t j = 0; j < n; j++) {
            if (j)
                lr_buf_puts(&text, "; ");
            size_t at = text.len;
            if (!metric_shared && sets[j]->metric)
                lr_md_escape(&text, sets[j]->metric);
            lr_buf diff = LR_BUF_INIT;
            setting_parts(b, sets[j],
                          ~parts & (PART_SHOTS | PART_METHOD | PART_VARIANT | PART_TASK), 0, &diff);
            if (diff.len && n > 1)
                lr_buf_printf(&text, "%s%s", text.len > at ? " · " : "", diff.data);
            lr_buf_free(&diff);
            if (text.len > at)
                lr_buf_putc(&text, ' ');
            value_md(vals[j], 0, decimals, &text);
            lr_buf_clear(&cite);
            cite_md(b, vals[j], &cite);
            const char *key = source_key(b, &t->keys, cite.data ? cite.data : "");
            if (!keys.data || !has_key(keys.data, key))
                lr_buf_printf(&keys, "%s%s", keys.len ? ", " : "", key);
        }
        cJSON *row = push_object(b, t->rows);
        if (!row)
            break;
        add_text(b, row, "benchmark", said_benchmark ? "" : g->display);
        said_benchmark = 1;
        add_text(b, row, "model", vals[0]->model);
        add_md(b, row, "setting", shared.data ? shared.data : "");
        add_md(b, row, "values", text.data ? text.data : "");
        add_md(b, row, "source", keys.data ? keys.data : "");
    }
    free(done);
    free(vals);
    free(sets);
    lr_buf_free(&shared);
    lr_buf_free(&text);
    lr_buf_free(&keys);
    lr_buf_free(&cite);
}

/* Benchmarks whose table would be one ranked group from one source (a paper's table of many
 * benchmarks, each with the same few models) are one table together: a row per benchmark, a
 * column per model, the best of a row in bold. Returns the rows it would show (0: not such a
 * benchmark) and the source's citation in cite. */
#define COMBINED_MODELS 6

static size_t compact_rows(const builder *b, const bench_groups *g, const lr_observation **out,
                           lr_buf *cite)
{
    size_t n = 0, group = (size_t)-1;
    lr_buf c = LR_BUF_INIT;
    lr_buf_clear(cite);
    int ok = g->ranked;
    for (size_t i = 0; i < g->n_rows && ok; i++) {
        const bench_row *r = &g->rows[i];
        if (!row_in_body(g, r))
            continue;
        lr_buf_clear(&c);
        cite_md(b, r->o, &c);
        if (!n) {
            group = shown_group(g, r);
            lr_buf_puts(cite, c.data ? c.data : "");
        }
        ok = shown_group(g, r) == group && lr_str_eq(c.data, cite->data) && r->size >= 2 &&
             n < COMBINED_MODELS;
        for (size_t j = 0; j < n && ok; j++)
            ok = strcmp(out[j]->model, r->o->model) != 0;
        if (ok)
            out[n++] = r->o;
    }
    lr_buf_free(&c);
    return ok ? n : 0;
}

typedef struct combined_item {
    char *cite;                 /* NULL: not combined */
    const lr_observation **obs; /* its rows, best first */
    size_t n;
    size_t elsewhere; /* its results left to the appendix */
    int together;     /* with another benchmark of its source */
} combined_item;

/* The benchmarks that compare a few models at one setting from one source (a paper's DROP for
 * GPT-4 and GPT-3.5): one row each in one table, the models best first, the best in bold,
 * instead of a table each. */
#define SMALL_MODELS 3

typedef struct small_table {
    cJSON *rows;
    source_keys keys;
    size_t listed, more, elsewhere;
} small_table;

static void small_row(builder *b, small_table *t, const combined_item *item)
{
    if (b->in->table_limit && t->listed >= b->in->table_limit) {
        t->more += item->n;
        return;
    }
    t->listed++;
    t->elsewhere += item->elsewhere;
    cJSON *row = push_object(b, t->rows);
    if (!row)
        return;
    const lr_observation *best = item->obs[0];
    add_text(b, row, "benchmark", best->setting->benchmark_display);
    lr_buf set = LR_BUF_INIT, vals = LR_BUF_INIT;
    setting_md(b, best->setting, &set);
    add_md(b, row, "setting", set.data ? set.data : "");
    int decimals = column_decimals(b, item->obs, item->n);
    for (size_t i = 0; i < item->n; i++) {
        int strong = item->obs[i]->value == best->value;
        if (i)
            lr_buf_puts(&vals, "; ");
        if (strong)
            lr_buf_puts(&vals, "**");
        lr_md_escape(&vals, item->obs[i]->model);
        lr_buf_putc(&vals, ' ');
        value_md(item->obs[i], 0, decimals, &vals);
        if (strong)
            lr_buf_puts(&vals, "**");
    }
    add_md(b, row, "values", vals.data ? vals.data : "");
    add_md(b, row, "source", source_key(b, &t->keys, item->cite));
    lr_buf_free(&set);
    lr_buf_free(&vals);
}

static void combined_tables(builder *b, combined_item *items, size_t n_items)
{
    cJSON *arr = add_array(b, b->root, "combined");
    for (size_t k = 0; k < n_items && arr; k++) {
        if (!items[k].together || !items[k].cite)
            continue;
        const char *cite = items[k].cite;
        /* its models, in order of first appearance */
        const char *models[64];
        size_t n_models = 0, elsewhere = 0;
        for (size_t j = k; j < n_items; j++) {
            if (!items[j].together || !items[j].cite || strcmp(items[j].cite, cite))
                continue;
            elsewhere += items[j].elsewhere;
            for (size_t i = 0; i < items[j].n; i++) {
                size_t m = 0;
                while (m < n_models && strcmp(models[m], items[j].obs[i]->model))
                    m++;
                if (m == n_models && n_models < sizeof models / sizeof *models)
                    models[n_models++] = items[j].obs[i]->model;
            }
        }
        cJSON *t = push_object(b, arr);
        if (!t)
            break;
        add_md(b, t, "source", cite);
        cJSON *cols = add_array(b, t, "models");
        for (size_t m = 0; m < n_models && cols; m++) {
            cJSON *c = push_object(b, cols);
            if (c)
                add_text(b, c, "name", models[m]);
        }
        /* one precision per model's column */
        int decimals[64];
        for (size_t m = 0; m < n_models; m++) {
            const lr_observation *col[256];
            size_t n_col = 0;
            for (size_t j = k; j < n_items; j++)
                for (size_t i = 0; items[j].together && items[j].cite && i < items[j].n; i++)
                    if (!strcmp(items[j].cite, cite) &&
                        !strcmp(items[j].obs[i]->model, models[m]) &&
                        n_col < sizeof col / sizeof *col)
                        col[n_col++] = items[j].obs[i];
            decimals[m] = column_decimals(b, col, n_col);
        }
        cJSON *rows = add_array(b, t, "rows");
        size_t count = 0;
        for (size_t j = k; j < n_items && rows; j++) {
            if (!items[j].together || !items[j].cite || strcmp(items[j].cite, cite))
                continue;
            cJSON *row = push_object(b, rows);
            if (!row)
                break;
            const lr_observation *best = items[j].obs[0];
            add_text(b, row, "benchmark", best->setting->benchmark_display);
            lr_buf set = LR_BUF_INIT;
            setting_md(b, best->setting, &set);
            add_md(b, row, "setting", set.data ? set.data : "");
            lr_buf_free(&set);
            cJSON *cells = add_array(b, row, "cells");
            for (size_t m = 0; m < n_models && cells; m++) {
                lr_buf v = LR_BUF_INIT;
                for (size_t i = 0; i < items[j].n; i++)
                    if (!strcmp(items[j].obs[i]->model, models[m]))
                        value_md(items[j].obs[i], items[j].obs[i]->value == best->value,
                                 decimals[m], &v);
                cJSON *c = push_object(b, cells);
                if (c)
                    add_md(b, c, "text", v.data ? v.data : "");
                lr_buf_free(&v);
            }
            count++;
            if (j > k) {
                free(items[j].cite); /* said with this table */
                items[j].cite = NULL;
            }
        }
        add_num(b, t, "benchmarks", (double)count);
        add_num(b, t, "elsewhere", (double)elsewhere);
        add_bool(b, t, "has_elsewhere", elsewhere > 0);
    }
    add_bool(b, b->root, "has_combined", cJSON_GetArraySize(arr) > 0);
}

static void build_benchmarks(builder *b)
{
    const lr_store *m = b->in->store;
    const lr_overview *ov = b->in->overview;
    cJSON *arr = add_array(b, b->root, "benchmarks");
    other_table other = {add_array(b, b->root, "other_results"),
                         {NULL, 0, LR_INDEX_INIT, NULL, 0},
                         0,
                         0,
                         0,
                         LR_BUF_INIT};
    other.keys.list = add_array(b, b->root, "other_keys");
    single_table single = {
        add_array(b, b->root, "single_results"), {NULL, 0, LR_INDEX_INIT, NULL, 0}, 0, 0, 0};
    single.keys.list = add_array(b, b->root, "single_keys");
    small_table small = {
        add_array(b, b->root, "small_results"), {NULL, 0, LR_INDEX_INIT, NULL, 0}, 0, 0, 0};
    small.keys.list = add_array(b, b->root, "small_keys");
    size_t n_compare = 0;
    size_t n_all, n = 0, n_ids = 0;
    const char *const *all = lr_store_benchmarks(m, &n_all);
    const char **ids = calloc(n_all + ov->n_cols + 1, sizeof *ids);
    bench_groups g = {0};
    combined_item *items = NULL;
    if (!ids) {
        b->failed = 1;
        goto done;
    }
    for (size_t c = 0; c < ov->n_cols; c++)
        ids[n_ids++] = ov->cols[c].benchmark;
    for (size_t i = 0; i < n_all; i++) {
        int dup = 0;
        for (size_t k = 0; k < ov->n_cols && !dup; k++)
            dup = !strcmp(ids[k], all[i]);
        if (!dup)
            ids[n_ids++] = all[i];
    }
    for (size_t k = 0; k < n_ids; k++) {
        /* room for the largest table: memory follows a benchmark, not the whole model */
        size_t n_of;
        lr_store_find_benchmark(m, ids[k], &n_of);
        if (n_of > n)
            n = n_of;
    }
    g.rows = calloc(n + 1, sizeof *g.rows);
    g.first = calloc(n + 1, sizeof *g.first);
    g.models = calloc(n + 1, sizeof *g.models);
    if (!g.rows || !g.first || !g.models) {
        b->failed = 1;
        goto done;
    }
    /* first the benchmarks that go into one table with others of their source */
    items = calloc(n_ids + 1, sizeof *items);
    if (!items) {
        b->failed = 1;
        goto done;
    }
    lr_buf cite = LR_BUF_INIT;
    for (size_t k = 0; k < n_ids; k++) {
        lr_setting ref;
        int configured;
        int has_ref = lr_reference_setting(m, b->in->config, ids[k], &ref, &configured);
        collect_benchmark(b, ids[k], &ref, has_ref, &g);
        const lr_observation *shown[COMBINED_MODELS];
        size_t n_shown = g.n_rows && g.compares ? compact_rows(b, &g, shown, &cite) : 0;
        if (!n_shown)
            continue;
        items[k].obs = malloc(n_shown * sizeof *items[k].obs);
        items[k].cite = md_dup(&cite);
        if (!items[k].obs || !items[k].cite) {
            b->failed = 1;
            break;
        }
        memcpy(items[k].obs, shown, n_shown * sizeof *shown);
        items[k].n = n_shown;
        for (size_t i = 0; i < g.n_rows; i++)
            items[k].elsewhere += !row_in_body(&g, &g.rows[i]);
    }
    lr_buf_free(&cite);
    for (size_t k = 0; k < n_ids; k++)
        for (size_t j = 0; j < n_ids && items[k].cite && !items[k].together; j++)
            items[k].together = j != k && items[j].cite && !strcmp(items[j].cite, items[k].cite);
    for (size_t k = 0; k < n_ids && arr; k++) {
        lr_setting ref;
        int configured;
        int has_ref = lr_reference_setting(m, b->in->config, ids[k], &ref, &configured);
        collect_benchmark(b, ids[k], &ref, has_ref, &g);
        if (!g.n_rows)
            continue;
        n_compare += g.compares;
        cJSON *jb = push_object(b, arr);
        if (!jb)
            break;
        add_text(b, jb, "id", ids[k]);
        add_text(b, jb, "name", g.display);
        int is_small = items[k].cite && !items[k].together && items[k].n <= SMALL_MODELS;
        add_bool(b, jb, "compares", g.compares && g.ranked && !items[k].together && !is_small);
        add_bool(b, jb, "combined", items[k].together);
        add_bool(b, jb, "small", is_small);
        add_bool(b, jb, "single", g.compares && !g.ranked && !items[k].together);
        if (items[k].together)
            continue; /* a row of its source's table */
        if (is_small)
            small_row(b, &small, &items[k]);
        else if (g.compares && g.ranked)
            benchmark_table(b, jb, &g, &ref, has_ref);
        else if (g.compares)
            single_rows(b, &single, &g);
        else
            other_rows(b, &other, &g);
    }
    combined_tables(b, items, n_ids);
done:
    source_keys_end(&other.keys);
    source_keys_end(&single.keys);
    source_keys_end(&small.keys);
    add_bool(b, b->root, "has_small_results", small.listed > 0);
    add_num(b, b->root, "small_results_more", (double)small.more);
    add_bool(b, b->root, "has_small_results_more", small.more > 0);
    add_num(b, b->root, "small_results_elsewhere", (double)small.elsewhere);
    add_bool(b, b->root, "has_small_results_elsewhere", small.elsewhere > 0);
    lr_buf_free(&other.above);
    add_bool(b, b->root, "has_single_results", single.listed > 0);
    add_num(b, b->root, "single_results_more", (double)single.more);
    add_bool(b, b->root, "has_single_results_more", single.more > 0);
    add_num(b, b->root, "single_results_elsewhere", (double)single.elsewhere);
    add_bool(b, b->root, "has_single_results_elsewhere", single.elsewhere > 0);
    add_bool(b, b->root, "has_compared_benchmarks", n_compare > 0);
    add_num(b, b->root, "body_group_top", BODY_GROUP_TOP);
    add_bool(b, b->root, "has_other_results", other.listed > 0);
    add_num(b, b->root, "other_results_more", (double)other.more);
    add_bool(b, b->root, "has_other_results_more", other.more > 0);
    add_num(b, b->root, "other_results_elsewhere", (double)other.elsewhere);
    add_bool(b, b->root, "has_other_results_elsewhere", other.elsewhere > 0);
    for (size_t k = 0; items && k < n_ids; k++) {
        free(items[k].cite);
        free(items[k].obs);
    }
    free(items);
    free(ids);
    free(g.rows);
    free(g.first);
    free(g.models);
}

/* ---- sources, inputs not used, summary ---- */

static void build_sources(builder *b)
{
    const lr_store *m = b->in->store;
    cJSON *arr = add_array(b, b->root, "sources");
    lr_buf tmp = LR_BUF_INIT;
    /* one entry per distinct citation of a used source (per-result overrides share it) */
    lr_index cited = LR_INDEX_INIT; /* citations already listed */
    size_t listed = 0, more = 0;
    char *used = calloc(lr_store_source_count(m) + 1, 1);
    for (size_t i = 0; used && i < lr_store_count(m); i++)
        if (lr_store_get(m, i)->source)
            used[lr_store_get(m, i)->source->index] = 1;
    if (!used)
        b->failed = 1;
    for (size_t s = 0; used && s < lr_store_source_count(m) && arr; s++) {
        const lr_source *src = lr_store_source_get(m, s);
        if (!used[s])
            continue;
        lr_buf_clear(&tmp);
        cite(b, src, "", &tmp);
        if (src->url && !lr_url_is_linkable(src->url)) {
            lr_buf_puts(&tmp, ", "); /* shown, never a link */
            lr_md_escape(&tmp, src->url);
        } else if (src->url) {
            lr_buf_puts(&tmp, ", <");
            for (const char *p = src->url; *p; p++)
                if (*p != '<' && *p != '>' && *p != ' ' && (unsigned char)*p >= 0x20)
                    lr_buf_putc(&tmp, *p);
            lr_buf_puts(&tmp, ">");
        }
        /* a run without a title names its model args in the citation already */
        if (src->model_args && !(src->harness && !src->title)) {
            lr_buf_puts(&tmp, say(b, LR_PH_MODEL_ARGS));
            lr_md_escape(&tmp, src->model_args);
        }
        size_t dup;
        lr_index_get(&cited, tmp.data ? tmp.data : "", NULL, &dup);
        if (dup)
            continue;
        lr_index_add(&cited, tmp.data ? tmp.data : "", NULL, s);
        if (b->in->table_limit && ++listed > b->in->table_limit) {
            more++; /* counted, not listed */
            continue;
        }
        cJSON *o = push_object(b, arr);
        if (!o)
            break;
        add_text(b, o, "kind", src->kind ? src->kind : "");
        add_md(b, o, "citation", tmp.data);
    }
    lr_index_free(&cited);
    free(used);
    add_num(b, b->root, "more_sources", (double)more);
    add_bool(b, b->root, "has_more_sources", more > 0);
    lr_buf_free(&tmp);
}

static void build_skipped(builder *b)
{
    const lr_store *m = b->in->store;
    cJSON *arr = add_array(b, b->root, "inputs_not_used");
    for (size_t i = 0; i < lr_store_skipped_count(m) && arr; i++) {
        const char *file, *reason;
        lr_store_skipped_get(m, i, &file, &reason);
        cJSON *o = push_object(b, arr);
        if (!o)
            break;
        add_text(b, o, "file", file);
        add_text(b, o, "reason", reason);
    }
    add_bool(b, b->root, "has_inputs_not_used", lr_store_skipped_count(m) > 0);
    /* numbers read but in no table: members of a group without a value for them */
    const lr_observation *example;
    size_t hidden = lr_aggregate_hidden(m, &example);
    add_bool(b, b->root, "has_hidden_numbers", hidden > 0);
    add_num(b, b->root, "hidden_numbers", (double)hidden);
    if (example) {
        char text[600];
        snprintf(text, sizeof text, "%s, %s of %s, %s", example->model, example->setting->benchmark,
                 example->setting->parent,
                 example->source && example->source->file ? example->source->file : "");
        add_text(b, b->root, "hidden_example", text);
    }
}

static void build_summary(builder *b)
{
    const lr_store *m = b->in->store;
    cJSON *s = cJSON_AddObjectToObject(b->root, "summary");
    if (!s) {
        b->failed = 1;
        return;
    }
    size_t n = lr_store_count(m), models, benchmarks;
    lr_store_models(m, &models);
    lr_store_benchmarks(m, &benchmarks);
    add_num(b, s, "files", (double)b->in->files_read);
    add_num(b, s, "observations", (double)n);
    add_num(b, s, "models", (double)models);
    add_num(b, s, "benchmarks", (double)benchmarks);
    add_num(b, s, "not_used", (double)lr_store_skipped_count(m));
}

static void build_charts(builder *b)
{
    cJSON *arr = add_array(b, b->root, "charts");
    size_t listed = 0;
    for (size_t i = 0; i < b->in->n_charts && arr; i++) {
        /* the findings' slope charts stand in the findings */
        if (b->in->charts[i].flip_set >= 0 && b->in->findings)
            continue;
        listed++;
        cJSON *o = push_object(b, arr);
        if (!o)
            break;
        add_text(b, o, "id", b->in->charts[i].id);
        add_text(b, o, "title", b->in->charts[i].title);
        add_md(b, o, "file", b->in->charts[i].file); /* made safe by the chart writer */
    }
    add_bool(b, b->root, "has_charts", listed > 0);
}

cJSON *lr_context_build(const lr_context_input *in)
{
    builder b = {lr_lang_parse(in->config ? in->config->language : NULL),
                 LR_INDEX_INIT,
                 in,
                 cJSON_CreateObject(),
                 NULL,
                 0,
                 0,
                 lr_precision_new(in->store)};
    if (!b.root || !b.precision) {
        cJSON_Delete(b.root);
        lr_precision_free(b.precision);
        return NULL;
    }
    const lr_config *c = in->config;
    add_text(&b, b.root, "title", c && c->title ? c->title : "LLM evaluation report");
    if (c && c->subtitle)
        add_text(&b, b.root, "subtitle", c->subtitle);
    if (c && c->author)
        add_text(&b, b.root, "author", c->author);
    if (in->date)
        add_text(&b, b.root, "date", in->date);
    add_text(&b, b.root, "generator", "llmreport " LR_VERSION);
    b.footnotes = cJSON_CreateArray();
    if (!b.footnotes) {
        cJSON_Delete(b.root);
        return NULL;
    }
    build_summary(&b);
    if (!in->overview_only)
        build_findings(&b); /* first: its footnotes come first, as in the document */
    build_overview(&b);
    if (!in->overview_only) {
        build_sections(&b);
        build_benchmarks(&b);
        build_sources(&b);
        build_skipped(&b);
        build_charts(&b);
    }
    if (in->changes)
        cJSON_AddItemToObject(b.root, "changes", in->changes);
    cJSON_AddItemToObject(b.root, "footnotes", b.footnotes);
    if (b.cited.failed)
        b.failed = 1;
    lr_index_free(&b.cited);
    lr_precision_free(b.precision);
    if (b.failed) {
        cJSON_Delete(b.root);
        return NULL;
    }
    return b.root;
}

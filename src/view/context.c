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
#include "write/mdtext.h"

typedef struct builder {
    lr_lang lang;
    const lr_context_input *in;
    cJSON *root;
    cJSON *footnotes;
    int n_footnotes;
    int failed;
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
        lr_md_escape(out, t);
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
        lr_md_escape(out, s->date);
    }
    if (!s->title && !s->arxiv && s->file) {
        SEP();
        lr_buf_putc(out, '`');
        /* inside a code span only backticks and pipes matter */
        for (const char *p = s->file; *p; p++)
            if (*p != '`' && *p != '|' && (unsigned char)*p >= 0x20)
                lr_buf_putc(out, *p);
        lr_buf_putc(out, '`');
    }
#undef SEP
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

static void setting_md(const builder *b, const lr_setting *k, lr_buf *out)
{
    char buf[512];
    lr_setting_describe(k, buf, sizeof buf);
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

/* ---- overview ---- */

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
    }
    cJSON *rows = add_array(b, o, "rows");
    size_t shown = ov->n_rows;
    if (b->in->overview_limit && shown > b->in->overview_limit)
        shown = b->in->overview_limit;
    add_num(b, o, "shown", (double)shown);
    add_num(b, o, "total", (double)ov->n_rows);
    add_bool(b, o, "truncated", shown < ov->n_rows);
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
            value_text(cell->obs, v, sizeof v);
            add_num(b, jc, "value", cell->obs->value);
            if (cell->best)
                lr_buf_printf(&tmp, "**%s**", v);
            else
                lr_buf_puts(&tmp, v);
            if (cell->tied)
                lr_buf_puts(&tmp, " ≈");
            /* every compared value shows its signed delta; the marks only beyond the gate */
            const lr_change *ch = lr_night_find(b->in->night, cell->obs);
            if (ch && ch->kind != LR_CHANGE_NOT_COMPARED) {
                char d[64];
                lr_format_value(fabs(ch->delta), d, sizeof d);
                const char *sign = !strcmp(d, "0.0") ? "±" : ch->delta < 0 ? "−" : "+";
                if (ch->kind == LR_CHANGE_REGRESSED)
                    lr_buf_printf(&tmp, " **▼%s%s**", sign, d);
                else if (ch->kind == LR_CHANGE_IMPROVED)
                    lr_buf_printf(&tmp, " ▲%s%s", sign, d);
                else
                    lr_buf_printf(&tmp, " (%s%s)", sign, d);
                add_num(b, jc, "delta", ch->delta);
            }
            add_md(b, jc, "kind",
                   cell->kind == LR_CELL_REF     ? "reference"
                   : cell->kind == LR_CELL_OTHER ? "other-setting"
                                                 : "setting-not-stated");
            add_bool(b, jc, "best", cell->best);
            if (cell->kind != LR_CELL_REF) {
                lr_buf note = LR_BUF_INIT;
                lr_md_escape(&note, ov->models[r]);
                lr_buf_puts(&note, ", ");
                lr_md_escape(&note, ov->cols[c].display);
                lr_buf_printf(&note, ": %s ", v);
                if (cell->kind == LR_CELL_OTHER) {
                    lr_buf_puts(&note, say(b, LR_PH_MEASURED_AT));
                    setting_md(b, cell->obs->setting, &note);
                    lr_buf_puts(&note, say(b, LR_PH_NOT_COLUMN));
                    setting_md(b, &ov->cols[c].ref, &note);
                    lr_buf_puts(&note, say(b, LR_PH_NOT_RANKED));
                } else {
                    lr_buf_puts(&note, say(b, LR_PH_NOT_STATED));
                    setting_md(b, cell->obs->setting, &note);
                    lr_buf_puts(&note, say(b, LR_PH_NOT_RANKED));
                }
                lr_buf_puts(&note, say(b, LR_PH_SOURCE));
                lr_source_cite(cell->obs->source, NULL, &note);
                lr_buf_puts(&note, ".");
                if (cell->obs->setting->note) {
                    lr_buf_puts(&note, say(b, LR_PH_NOTE));
                    lr_md_escape(&note, cell->obs->setting->note);
                }
                int id = footnote(b, note.data ? note.data : "");
                lr_buf_free(&note);
                lr_buf_printf(&tmp, " %s[^%d]", cell->kind == LR_CELL_OTHER ? "†" : "‡", id);
            } else if (cell->alternatives) {
                lr_buf note = LR_BUF_INIT;
                lr_md_escape(&note, ov->models[r]);
                lr_buf_puts(&note, ", ");
                lr_md_escape(&note, ov->cols[c].display);
                if (cell->alternatives == 1)
                    lr_buf_puts(&note, say(b, LR_PH_OTHERS_ONE));
                else
                    lr_buf_printf(&note, say(b, LR_PH_OTHERS_MANY), cell->alternatives);
                lr_source_cite(cell->obs->source, NULL, &note);
                lr_buf_puts(&note, ").");
                int id = footnote(b, note.data ? note.data : "");
                lr_buf_free(&note);
                lr_buf_printf(&tmp, "[^%d]", id);
            }
            add_md(b, jc, "text", tmp.data);
        }
        if (ov->show_average) {
            char v[64] = "–";
            if (ov->has_average[r]) {
                lr_format_value(ov->average[r], v, sizeof v);
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
        int id = footnote(b, note.data ? note.data : "");
        lr_buf_free(&note);
        char label[32];
        snprintf(label, sizeof label, "Average[^%d]", id);
        add_md(b, o, "average_header", label);
    }
    lr_buf_free(&tmp);
}

/* ---- per-source sections ---- */

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

static void section_rows(builder *b, cJSON *sec,
                         int (*in_section)(const lr_observation *, const void *), const void *arg)
{
    const lr_store *m = b->in->store;
    cJSON *rows = add_array(b, sec, "rows");
    lr_buf tmp = LR_BUF_INIT;
    size_t count = 0;
    for (size_t i = 0; i < lr_store_count(m) && rows; i++) {
        const lr_observation *o = lr_store_get(m, i);
        if (!in_section(o, arg) || (o->setting->flags & LR_OBS_MEMBER))
            continue;
        count++;
        if (b->in->table_limit && count > b->in->table_limit)
            continue; /* counted, not listed */
        cJSON *row = push_object(b, rows);
        if (!row)
            break;
        add_text(b, row, "model", o->model);
        add_text(b, row, "benchmark", o->setting->benchmark_display);
        lr_buf_clear(&tmp);
        setting_md(b, o->setting, &tmp);
        add_md(b, row, "setting", tmp.data);
        char v[64];
        value_text(o, v, sizeof v);
        if (o->stderr_ >= 0) {
            char se[64];
            lr_format_value(o->stderr_, se, sizeof se);
            lr_buf_clear(&tmp);
            lr_buf_printf(&tmp, "%s ± %s", v, se);
            add_md(b, row, "value", tmp.data);
        } else {
            add_md(b, row, "value", v);
        }
        /* where in the source: its table, else the file it was read from */
        if (o->source && o->source->table) {
            add_text(b, row, "table", o->source->table);
        } else if (o->source && o->source->file) {
            const char *slash = strrchr(o->source->file, '/');
            lr_buf_clear(&tmp);
            lr_buf_putc(&tmp, '`');
            for (const char *p = slash ? slash + 1 : o->source->file; *p; p++)
                if (*p != '`' && *p != '|' && (unsigned char)*p >= 0x20)
                    lr_buf_putc(&tmp, *p);
            lr_buf_putc(&tmp, '`');
            add_md(b, row, "table", tmp.data);
        }
    }
    add_num(b, sec, "count", (double)count);
    size_t more = b->in->table_limit && count > b->in->table_limit ? count - b->in->table_limit : 0;
    add_num(b, sec, "more", (double)more);
    add_bool(b, sec, "has_more", more > 0);
    lr_buf_free(&tmp);
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
                lr_source_cite(src, "", &tmp);
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
            lr_source_cite(o->source, "", &tmp);
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
    size_t size;     /* of that group */
    int ref;         /* at the reference setting */
    size_t position; /* in the model: keeps the sort stable */
} bench_row;

/* Reference group first, then bigger groups, then groups in order of first appearance; inside
 * a group best first, ties in input order. */
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
        if (p != o && lr_setting_equal(p->setting, o->setting) && p->source && o->source &&
            p->source->kind && o->source->kind && !strcmp(p->source->kind, o->source->kind) &&
            lr_observation_newer(p, o) < 0)
            return 1;
    }
    return 0;
}

static void build_benchmarks(builder *b)
{
    const lr_store *m = b->in->store;
    const lr_overview *ov = b->in->overview;
    cJSON *arr = add_array(b, b->root, "benchmarks");
    size_t n_all, n = 0, n_ids = 0;
    const char *const *all = lr_store_benchmarks(m, &n_all);
    const char **ids = calloc(n_all + ov->n_cols + 1, sizeof *ids);
    bench_row *rows = NULL;
    const lr_observation **groups = NULL;
    size_t *group_size = NULL;
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
    rows = calloc(n + 1, sizeof *rows);
    groups = calloc(n + 1, sizeof *groups);
    group_size = calloc(n + 1, sizeof *group_size);
    if (!rows || !groups || !group_size) {
        b->failed = 1;
        goto done;
    }
    lr_buf tmp = LR_BUF_INIT;
    for (size_t k = 0; k < n_ids && arr; k++) {
        /* collect and group by setting; the reference setting's group first */
        lr_setting ref;
        int configured;
        int has_ref = lr_reference_setting(m, b->in->config, ids[k], &ref, &configured);
        size_t n_rows = 0, n_groups = 0;
        const char *display = ids[k];
        size_t n_of;
        const size_t *of = lr_store_find_benchmark(m, ids[k], &n_of);
        for (size_t i = 0; i < n_of; i++) {
            const lr_observation *o = lr_store_get(m, of[i]);
            if (o->setting->flags & LR_OBS_MEMBER)
                continue;
            display = o->setting->benchmark_display;
            size_t g = n_groups; /* an unstated setting is a group of its own */
            if (lr_setting_known(o->setting))
                for (g = 0; g < n_groups; g++)
                    if (lr_setting_equal(groups[g]->setting, o->setting))
                        break;
            if (g == n_groups) {
                g = n_groups;
                groups[n_groups] = o;
                group_size[n_groups++] = 0;
            }
            group_size[g]++;
            rows[n_rows].o = o;
            rows[n_rows].group = g;
            n_rows++;
        }
        if (!n_rows)
            continue;
        for (size_t i = 0; i < n_rows; i++) {
            rows[i].size = group_size[rows[i].group];
            rows[i].ref = has_ref && lr_setting_equal(rows[i].o->setting, &ref);
            rows[i].position = rows[i].o->index;
        }
        qsort(rows, n_rows, sizeof *rows, by_setting_then_value);
        cJSON *jb = push_object(b, arr);
        if (!jb)
            break;
        add_text(b, jb, "id", ids[k]);
        add_text(b, jb, "name", display);
        if (has_ref) {
            lr_buf_clear(&tmp);
            setting_md(b, &ref, &tmp);
            add_md(b, jb, "reference_setting", tmp.data);
        }
        add_num(b, jb, "count", (double)n_rows);
        cJSON *jrows = add_array(b, jb, "rows");
        size_t rank = 0, prev_group = (size_t)-1;
        size_t listed = n_rows;
        if (b->in->table_limit && listed > b->in->table_limit)
            listed = b->in->table_limit;
        add_num(b, jb, "more", (double)(n_rows - listed));
        add_bool(b, jb, "has_more", listed < n_rows);
        for (size_t i = 0; i < listed && jrows; i++) {
            const lr_observation *o = rows[i].o;
            cJSON *row = push_object(b, jrows);
            if (!row)
                break;
            int sup = superseded(m, o);
            if (rows[i].group != prev_group)
                rank = 0;
            prev_group = rows[i].group;
            int comparable = lr_setting_known(o->setting) && group_size[rows[i].group] >= 2;
            /* a model restated by a second source keeps one rank: its first (best) row's */
            int repeat = 0;
            for (size_t j = i; j-- > 0 && rows[j].group == rows[i].group && !repeat;)
                repeat = !strcmp(rows[j].o->model, o->model);
            char v[64], rk[32] = "–";
            value_text(o, v, sizeof v);
            if (comparable && !sup && !repeat) {
                rank++;
                snprintf(rk, sizeof rk, "%zu", rank);
            }
            add_md(b, row, "rank", rk);
            add_text(b, row, "model", o->model);
            lr_buf_clear(&tmp);
            int bold = comparable && rank == 1 && !sup && !repeat;
            lr_buf_puts(&tmp, bold ? "**" : "");
            lr_buf_puts(&tmp, v);
            lr_buf_puts(&tmp, bold ? "**" : "");
            if (o->stderr_ >= 0) {
                char se[64];
                lr_format_value(o->stderr_, se, sizeof se);
                lr_buf_printf(&tmp, " ± %s", se);
            }
            add_md(b, row, "value", tmp.data);
            lr_buf_clear(&tmp);
            setting_md(b, o->setting, &tmp);
            if (!lr_setting_known(o->setting))
                lr_buf_puts(&tmp, " ‡");
            else if (has_ref && !lr_setting_equal(o->setting, &ref))
                lr_buf_puts(&tmp, " †");
            if (sup)
                lr_buf_puts(&tmp, say(b, LR_PH_OLDER));
            add_md(b, row, "setting", tmp.data);
            lr_buf_clear(&tmp);
            if (o->source) {
                lr_source_cite(o->source, NULL, &tmp);
                add_md(b, row, "source", tmp.data);
            }
        }
    }
    lr_buf_free(&tmp);
done:
    free(ids);
    free(rows);
    free(groups);
    free(group_size);
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
        lr_source_cite(src, "", &tmp);
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
        if (src->model_args) {
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
    for (size_t i = 0; i < b->in->n_charts && arr; i++) {
        cJSON *o = push_object(b, arr);
        if (!o)
            break;
        add_text(b, o, "id", b->in->charts[i].id);
        add_text(b, o, "title", b->in->charts[i].title);
        add_md(b, o, "file", b->in->charts[i].file); /* made safe by the chart writer */
    }
    add_bool(b, b->root, "has_charts", b->in->n_charts > 0);
}

cJSON *lr_context_build(const lr_context_input *in)
{
    builder b = {lr_lang_parse(in->config ? in->config->language : NULL),
                 in,
                 cJSON_CreateObject(),
                 NULL,
                 0,
                 0};
    if (!b.root)
        return NULL;
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
    if (b.failed) {
        cJSON_Delete(b.root);
        return NULL;
    }
    return b.root;
}

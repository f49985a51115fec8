/* Aggregates computed by the model: the mean of a file's subtasks where the file has no value
 * for their benchmark, and the count of numbers no table shows. See aggregate.h. */
#include "model/aggregate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/index.h"

/* The members of one model at one setting (metric, method, variant) in a file. */
typedef struct member_group {
    const char *model;
    const lr_setting *like;
    const lr_observation **slot; /* per member, the first observation met */
    size_t filled;
} member_group;

typedef struct work {
    lr_index members;    /* member name -> position */
    lr_index group_keys; /* (model, setting key) -> group */
    lr_index has_value;  /* (model, metric) of aggregates the file already has */
    lr_index seen;       /* models with any member */
    member_group *groups;
    size_t n_groups, cap_groups;
    const char **models; /* models with any member, in order */
    const lr_source **model_source;
    size_t n_models, cap_models;
} work;

static void work_free(work *w)
{
    lr_index_free(&w->members);
    lr_index_free(&w->group_keys);
    lr_index_free(&w->has_value);
    lr_index_free(&w->seen);
    for (size_t i = 0; i < w->n_groups; i++)
        free(w->groups[i].slot);
    free(w->groups);
    free(w->models);
    free(w->model_source);
}

static void setting_key(const lr_setting *k, char *buf, size_t size)
{
    /* each member has a task hash of its own: not part of the key */
    snprintf(buf, size, "%s\x1f%s\x1f%s", k->metric, k->method ? k->method : "",
             k->variant ? k->variant : "");
}

/* The member's name in messages: "anatomy" for "mmlu_anatomy" under "mmlu". */
static const char *short_name(const char *member, const char *id)
{
    size_t n = strlen(id);
    return !strncmp(member, id, n) && member[n] == '_' && member[n + 1] ? member + n + 1 : member;
}

static lr_status add_mean(lr_store *store, const lr_mean_spec *spec, const member_group *g,
                          int *mixed)
{
    double sum = 0;
    int shots = g->slot[0]->setting->shots;
    unsigned all = ~0u, any = 0;
    for (size_t i = 0; i < spec->n_members; i++) {
        const lr_observation *o = g->slot[i];
        sum += o->value;
        if (o->setting->shots != shots)
            *mixed = 1;
        all &= o->setting->flags;
        any |= o->setting->flags;
    }
    if (*mixed)
        return LR_OK;
    lr_obs_in in;
    memset(&in, 0, sizeof in);
    in.n = -1;
    in.model = g->model;
    in.benchmark = spec->id;
    in.metric = g->like->metric;
    in.shots = shots;
    in.method = g->like->method;
    in.variant = g->like->variant;
    /* the members are stored in percent (or as written): so is their mean */
    in.value = round(sum / (double)spec->n_members * 1e9) / 1e9;
    in.has_value = 1;
    in.scale = g->like->bounded ? LR_SCALE_PERCENT : LR_SCALE_RAW;
    in.higher_is_better = g->like->higher_is_better;
    in.flags = LR_OBS_AGGREGATE | (all & LR_OBS_REFERENCE) | (any & LR_OBS_LIMITED);
    in.rule = spec->rule;
    in.locator = spec->locator;
    in.source = g->slot[0]->source;
    lr_status st = lr_store_add(store, &in);
    return st == LR_ENOMEM ? st : LR_OK;
}

lr_status lr_aggregate_file(lr_store *store, size_t first, const lr_mean_spec *spec)
{
    size_t count = lr_store_count(store);
    if (first >= count || !spec->n_members)
        return LR_OK;
    work w;
    memset(&w, 0, sizeof w);
    lr_status st = LR_OK;
    for (size_t i = 0; i < spec->n_members; i++) {
        size_t hits;
        lr_index_get(&w.members, spec->members[i], NULL, &hits);
        if (!hits && lr_index_add(&w.members, spec->members[i], NULL, i))
            goto nomem;
    }
    for (size_t i = first; i < count; i++) {
        const lr_observation *o = lr_store_get(store, i);
        const lr_setting *k = o->setting;
        if (!strcmp(k->benchmark, spec->id)) {
            if (lr_index_add(&w.has_value, o->model, k->metric, i))
                goto nomem;
            continue;
        }
        size_t hits;
        const size_t *pos = lr_index_get(&w.members, k->benchmark, NULL, &hits);
        if (!hits)
            continue;
        lr_index_get(&w.seen, o->model, NULL, &hits);
        if (!hits) {
            if (lr_index_add(&w.seen, o->model, NULL, w.n_models) ||
                lr_grow((void **)&w.models, &w.cap_models, w.n_models, sizeof *w.models))
                goto nomem;
            size_t cap = w.cap_models;
            if (!(w.model_source = realloc(w.model_source, cap * sizeof *w.model_source)))
                goto nomem;
            w.model_source[w.n_models] = o->source;
            w.models[w.n_models++] = o->model;
        }
        if (spec->metric && strcmp(k->metric, spec->metric))
            continue;
        char key[512];
        setting_key(k, key, sizeof key);
        const size_t *gi = lr_index_get(&w.group_keys, o->model, key, &hits);
        size_t g = hits ? gi[0] : w.n_groups;
        if (!hits) {
            if (lr_grow((void **)&w.groups, &w.cap_groups, w.n_groups, sizeof *w.groups) ||
                lr_index_add(&w.group_keys, o->model, key, g))
                goto nomem;
            member_group *ng = &w.groups[w.n_groups++];
            memset(ng, 0, sizeof *ng);
            ng->model = o->model;
            ng->like = k;
            if (!(ng->slot = calloc(spec->n_members, sizeof *ng->slot)))
                goto nomem;
        }
        member_group *mg = &w.groups[g];
        if (!mg->slot[pos[0]]) {
            mg->slot[pos[0]] = o;
            mg->filled++;
        }
    }
    for (size_t m = 0; m < w.n_models; m++) {
        const char *model = w.models[m];
        const member_group *best = NULL;
        int done = 0, mixed = 0;
        for (size_t g = 0; g < w.n_groups; g++) {
            const member_group *mg = &w.groups[g];
            if (mg->model != model)
                continue;
            size_t hits;
            lr_index_get(&w.has_value, model, mg->like->metric, &hits);
            if (hits) {
                done = 1; /* the file states the aggregate itself */
                continue;
            }
            if (mg->filled == spec->n_members) {
                int m_mixed = 0;
                if ((st = add_mean(store, spec, mg, &m_mixed)))
                    goto out;
                done |= !m_mixed;
                mixed |= m_mixed;
            } else if (!best || mg->filled > best->filled) {
                best = mg;
            }
        }
        if (done || !spec->warn)
            continue;
        const char *file = w.model_source[m] ? w.model_source[m]->file : NULL;
        if (mixed) {
            lr_diag_emit(lr_store_diag(store), LR_WARNING, file, spec->locator, 0, 0,
                         "no %s average: the %s were run with different shot counts", spec->display,
                         spec->word);
            continue;
        }
        char missing[400] = "";
        size_t n = 0, n_missing = 0;
        for (size_t i = 0; i < spec->n_members; i++) {
            if (best && best->slot[i])
                continue;
            if (n < sizeof missing)
                n +=
                    (size_t)snprintf(missing + n, sizeof missing - n, "%s%s", n_missing ? ", " : "",
                                     short_name(spec->members[i], spec->id));
            n_missing++;
        }
        if (n >= sizeof missing)
            memcpy(missing + sizeof missing - 4, "...", 4);
        lr_diag_emit(lr_store_diag(store), LR_WARNING, file, spec->locator, 0, 0,
                     "no %s average: %zu of %zu %s missing or without %s (%s)", spec->display,
                     n_missing, spec->n_members, spec->word,
                     spec->metric ? spec->metric : "a value", missing);
    }
out:
    work_free(&w);
    return st;
nomem:
    work_free(&w);
    return LR_ENOMEM;
}

lr_status lr_aggregate_subtasks(lr_store *store, size_t first, const char *locator)
{
    size_t count = lr_store_count(store);
    lr_registry *reg = lr_store_registry(store);
    const char *done[8];
    size_t n_done = 0;
    for (size_t i = first; i < count; i++) {
        const lr_benchmark_def *b =
            lr_store_benchmark(store, lr_store_get(store, i)->setting->benchmark);
        if (!b || !b->parent)
            continue;
        int seen = 0;
        for (size_t d = 0; d < n_done && !seen; d++)
            seen = !strcmp(done[d], b->parent);
        if (seen || n_done == sizeof done / sizeof done[0])
            continue;
        done[n_done++] = b->parent;
        const lr_benchmark_def *parent = lr_registry_benchmark(reg, b->parent);
        size_t n = lr_registry_subtasks(reg, b->parent, NULL, 0);
        const lr_benchmark_def **defs = calloc(n + 1, sizeof *defs);
        const char **ids = calloc(n + 1, sizeof *ids);
        if (!defs || !ids) {
            free(defs);
            free(ids);
            return LR_ENOMEM;
        }
        lr_registry_subtasks(reg, b->parent, defs, n);
        for (size_t k = 0; k < n; k++)
            ids[k] = defs[k]->id;
        char rule[64];
        snprintf(rule, sizeof rule, "mean of %zu subjects", n);
        lr_mean_spec spec = {b->parent,  parent ? parent->display : b->parent,   ids,  n,
                             "subjects", parent ? parent->default_metric : NULL, rule, locator,
                             1};
        lr_status st = lr_aggregate_file(store, first, &spec);
        free(defs);
        free(ids);
        if (st)
            return st;
        count = lr_store_count(store);
    }
    return LR_OK;
}

lr_status lr_aggregate_benchmarks(lr_store *store, const lr_benchmark_mean *spec, size_t *without)
{
    if (without)
        *without = 0;
    if (!spec->n_members)
        return LR_OK;
    lr_diag *diag = lr_store_diag(store);
    for (size_t k = 0; k < spec->n_members; k++) {
        if (!spec->refs[k].bounded || !spec->refs[k].higher_is_better) {
            lr_diag_emit(diag, LR_WARNING, spec->file, spec->locator, 0, 0,
                         "aggregate \"%s\": %s (%s) is not a percentage where higher is better; "
                         "no mean",
                         spec->id, spec->members[k], spec->refs[k].metric);
            return LR_OK;
        }
    }
    /* the members and their settings, for the note */
    lr_buf members = LR_BUF_INIT;
    for (size_t k = 0; k < spec->n_members; k++) {
        char setting[256];
        lr_buf_printf(&members, "%s%s %s", k ? ", " : "", spec->refs[k].benchmark_display,
                      lr_setting_describe(&spec->refs[k], setting, sizeof setting));
    }
    char rule[64];
    snprintf(rule, sizeof rule, "mean of %zu benchmarks", spec->n_members);
    lr_registry *reg = lr_store_registry(store);
    lr_status st = LR_OK;
    if (!lr_registry_benchmark(reg, spec->id)) {
        lr_benchmark_def def = {
            spec->id, spec->title ? spec->title : spec->id, NULL, "mean", LR_SHOTS_UNKNOWN, -1,
            NULL};
        if ((st = lr_registry_add_benchmark(reg, &def)))
            goto done;
    }
    lr_source *src = lr_store_source_new(store, "aggregate", spec->file);
    if (!src) {
        st = LR_ENOMEM;
        goto done;
    }
    src->title = lr_store_strdup(store, spec->title ? spec->title : spec->id);
    src->note = lr_store_strdup(store, "computed by llmreport from the config's aggregates");
    size_t n_models;
    const char *const *names = lr_store_models(store, &n_models);
    const char **models = calloc(n_models + 1, sizeof *models);
    if (!models || members.failed) {
        free(models);
        st = LR_ENOMEM;
        goto done;
    }
    memcpy(models, names, n_models * sizeof *models); /* the list changes as means are added */
    for (size_t m = 0; m < n_models; m++) {
        double sum = 0;
        size_t found = 0;
        for (size_t k = 0; k < spec->n_members; k++) {
            size_t n;
            const size_t *ix = lr_store_find(store, models[m], spec->members[k], &n);
            const lr_observation *best = NULL;
            for (size_t i = 0; i < n; i++) {
                const lr_observation *o = lr_store_get(store, ix[i]);
                if (lr_setting_equal(o->setting, &spec->refs[k]) &&
                    (!best || lr_observation_newer(o, best) < 0))
                    best = o;
            }
            if (!best)
                break;
            sum += best->value;
            found++;
        }
        if (found < spec->n_members) {
            if (found && without)
                (*without)++;
            continue;
        }
        lr_obs_in in;
        memset(&in, 0, sizeof in);
        in.n = -1;
        in.model = models[m];
        in.benchmark = spec->id;
        in.metric = "mean";
        in.shots = LR_SHOTS_MIXED;
        in.variant = rule;
        in.value = round(sum / (double)spec->n_members * 1e9) / 1e9;
        in.has_value = 1;
        in.scale = LR_SCALE_PERCENT;
        in.higher_is_better = 1;
        in.flags = LR_OBS_AGGREGATE;
        in.rule = rule;
        in.note = members.data;
        in.locator = spec->locator;
        in.source = src;
        if ((st = lr_store_add(store, &in)) == LR_ENOMEM)
            break;
        st = LR_OK;
    }
    free(models);
done:
    lr_buf_free(&members);
    return st;
}

size_t lr_aggregate_hidden(const lr_store *store, const lr_observation **example)
{
    size_t hidden = 0, count = lr_store_count(store);
    if (example)
        *example = NULL;
    for (size_t i = 0; i < count; i++) {
        const lr_observation *o = lr_store_get(store, i);
        if (!(o->setting->flags & LR_OBS_MEMBER) || !o->setting->parent)
            continue;
        size_t n;
        const size_t *ix = lr_store_find(store, o->model, o->setting->parent, &n);
        int shown = 0;
        for (size_t k = 0; k < n && !shown; k++) {
            const lr_observation *p = lr_store_get(store, ix[k]);
            shown = (p->setting->flags & LR_OBS_AGGREGATE) && p->source == o->source;
        }
        if (!shown) {
            if (!hidden && example)
                *example = o;
            hidden++;
        }
    }
    return hidden;
}

/* Aggregates computed by the model: the mean of a file's subtasks where the file has no value
 * for their benchmark, and the count of numbers no table shows. See aggregate.h. */
#include "model/aggregate.h"

#include <math.h>
#include <stdint.h>
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
    size_t model_index, klass; /* its key: the model's position, the setting's class */
    size_t next;               /* the model's next group, in order of creation; 0 none */
} member_group;

/* Strings (up to three, NULL read as "") to numbers: open addressing on their contents. */
typedef struct str_entry {
    size_t hash;
    const char *s[3];
    size_t value;
} str_entry;

typedef struct str_table {
    str_entry *slots; /* value + 1 in used slots: 0 = empty */
    size_t size, used;
} str_table;

static size_t hash_more(size_t h, const char *s)
{
    size_t n = s ? strlen(s) : 0, i = 0;
    uint64_t w;
    for (; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9u;
        h ^= h >> 31;
    }
    w = 0;
    for (size_t k = 0; i + k < n; k++)
        w |= (uint64_t)(unsigned char)s[i + k] << (8 * k);
    h = (h ^ w ^ n) * 0x94D049BB133111EBu;
    return h ^ (h >> 29);
}

static size_t hash_strs(const char *const s[3])
{
    size_t h = 1469598103934665603u;
    for (int i = 0; i < 3; i++)
        h = hash_more(h, s[i]);
    return h;
}

static int same_str(const char *a, const char *b)
{
    return a == b || !strcmp(a ? a : "", b ? b : "");
}

/* The value of s, or (size_t)-1. */
static size_t str_find(const str_table *t, size_t h, const char *const s[3])
{
    if (!t->size)
        return (size_t)-1;
    for (size_t j = h & (t->size - 1); t->slots[j].value; j = (j + 1) & (t->size - 1)) {
        const str_entry *e = &t->slots[j];
        if (e->hash == h && same_str(e->s[0], s[0]) && same_str(e->s[1], s[1]) &&
            same_str(e->s[2], s[2]))
            return e->value - 1;
    }
    return (size_t)-1;
}

/* Adds s (not in t) with value: 0, or -1 when out of memory. The strings are borrowed. */
static int str_add(str_table *t, size_t h, const char *const s[3], size_t value)
{
    if (t->used * 2 >= t->size) {
        size_t size = t->size ? t->size * 2 : 16;
        str_entry *slots = calloc(size, sizeof *slots);
        if (!slots)
            return -1;
        for (size_t i = 0; i < t->size; i++) {
            if (!t->slots[i].value)
                continue;
            size_t j = t->slots[i].hash & (size - 1);
            while (slots[j].value)
                j = (j + 1) & (size - 1);
            slots[j] = t->slots[i];
        }
        free(t->slots);
        t->slots = slots;
        t->size = size;
    }
    size_t j = h & (t->size - 1);
    while (t->slots[j].value)
        j = (j + 1) & (t->size - 1);
    t->slots[j] = (str_entry){h, {s[0], s[1], s[2]}, value + 1};
    t->used++;
    return 0;
}

/* What one setting is to an aggregate (worked out once per setting of the file). */
enum { KIND_UNSEEN = 0, KIND_AGGREGATE, KIND_OTHER, KIND_MEMBER };

typedef struct kind_info {
    int what;
    size_t member; /* KIND_MEMBER: the member's position */
    size_t klass;  /* KIND_MEMBER: its (metric, method, variant) class */
} kind_info;

typedef struct work {
    str_table members;   /* member name -> position */
    str_table classes;   /* (metric, method, variant) -> class */
    str_table models;    /* model -> position in models */
    lr_index has_value;  /* (model, metric) of aggregates the file already has */
    size_t *group_table; /* open addressing on (model, class): group + 1, 0 = empty */
    size_t group_size;
    kind_info *kinds; /* per setting id */
    size_t n_kinds;
    /* the last benchmark name and class met, by address (a benchmark's settings come one after
     * the other, and a file's members share a few classes) */
    const char *last_name;
    int last_what;
    size_t last_member;
    const char *last_cls[4][3];
    size_t last_class[4], n_last;
    member_group *groups;
    size_t n_groups, cap_groups, n_classes;
    const char **model_names; /* models with any member, in order */
    const lr_source **model_source;
    size_t *model_first, *model_last; /* each model's first and last group + 1; 0 none */
    size_t n_models, cap_models;
} work;

static void work_free(work *w)
{
    free(w->members.slots);
    free(w->classes.slots);
    free(w->models.slots);
    lr_index_free(&w->has_value);
    free(w->group_table);
    free(w->kinds);
    for (size_t i = 0; i < w->n_groups; i++)
        free(w->groups[i].slot);
    free(w->groups);
    free(w->model_names);
    free(w->model_source);
    free(w->model_first);
    free(w->model_last);
}

static size_t group_hash(size_t model, size_t klass)
{
    size_t h = (model * 0x9E3779B97F4A7C15u) ^ (klass + 0x632BE59BD9B4E019u);
    return (h ^ (h >> 31)) * 0xBF58476D1CE4E5B9u;
}

static size_t group_find(const work *w, size_t model, size_t klass)
{
    if (!w->group_size)
        return (size_t)-1;
    size_t mask = w->group_size - 1;
    for (size_t j = group_hash(model, klass) & mask; w->group_table[j]; j = (j + 1) & mask) {
        const member_group *g = &w->groups[w->group_table[j] - 1];
        if (g->model_index == model && g->klass == klass)
            return w->group_table[j] - 1;
    }
    return (size_t)-1;
}

/* Enters group g (already in w->groups) into the table: 0, or -1 when out of memory. */
static int group_enter(work *w, size_t g)
{
    if (w->n_groups * 2 >= w->group_size) {
        size_t size = w->group_size ? w->group_size * 2 : 64;
        size_t *t = calloc(size, sizeof *t);
        if (!t)
            return -1;
        for (size_t i = 0; i + 1 < w->n_groups; i++) {
            size_t j = group_hash(w->groups[i].model_index, w->groups[i].klass) & (size - 1);
            while (t[j])
                j = (j + 1) & (size - 1);
            t[j] = i + 1;
        }
        free(w->group_table);
        w->group_table = t;
        w->group_size = size;
    }
    size_t mask = w->group_size - 1;
    size_t j = group_hash(w->groups[g].model_index, w->groups[g].klass) & mask;
    while (w->group_table[j])
        j = (j + 1) & mask;
    w->group_table[j] = g + 1;
    return 0;
}

/* What setting k is to spec; NULL when out of memory. */
static const kind_info *kind_of(work *w, const lr_setting *k, const lr_mean_spec *spec)
{
    kind_info *ki = &w->kinds[k->id];
    if (ki->what != KIND_UNSEEN)
        return ki;
    if (k->benchmark != w->last_name || !w->last_name) {
        w->last_name = k->benchmark;
        const char *name[3] = {k->benchmark, NULL, NULL};
        w->last_member = (size_t)-1;
        if (!strcmp(k->benchmark, spec->id))
            w->last_what = KIND_AGGREGATE;
        else if ((w->last_member = str_find(&w->members, hash_strs(name), name)) == (size_t)-1)
            w->last_what = KIND_OTHER;
        else
            w->last_what = KIND_MEMBER;
    }
    if (w->last_what != KIND_MEMBER) {
        ki->what = w->last_what;
        return ki;
    }
    size_t pos = w->last_member;
    /* each member has a task hash of its own: not part of the class */
    const char *cls[3] = {k->metric, k->method, k->variant};
    size_t c = (size_t)-1;
    for (size_t i = 0; i < w->n_last && c == (size_t)-1; i++)
        if (w->last_cls[i][0] == cls[0] && w->last_cls[i][1] == cls[1] &&
            w->last_cls[i][2] == cls[2])
            c = w->last_class[i];
    if (c == (size_t)-1) {
        size_t h = hash_strs(cls);
        c = str_find(&w->classes, h, cls);
        if (c == (size_t)-1) {
            c = w->n_classes++;
            if (str_add(&w->classes, h, cls, c))
                return NULL;
        }
        size_t slot = w->n_last < 4 ? w->n_last++ : c % 4;
        memcpy(w->last_cls[slot], cls, sizeof cls);
        w->last_class[slot] = c;
    }
    ki->what = KIND_MEMBER;
    ki->member = pos;
    ki->klass = c;
    return ki;
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
    w.n_kinds = lr_store_setting_count(store);
    if (!(w.kinds = calloc(w.n_kinds + 1, sizeof *w.kinds)))
        goto nomem;
    /* sized for all the members at once: no rehash while they go in */
    w.members.size = 16;
    while (w.members.size <= 2 * spec->n_members)
        w.members.size *= 2;
    if (!(w.members.slots = calloc(w.members.size, sizeof *w.members.slots)))
        goto nomem;
    for (size_t i = 0; i < spec->n_members; i++) {
        const char *name[3] = {spec->members[i], NULL, NULL};
        size_t h = hash_strs(name);
        if (str_find(&w.members, h, name) == (size_t)-1 && str_add(&w.members, h, name, i))
            goto nomem;
    }
    const char *last_model = NULL;
    size_t last_index = 0;
    for (size_t i = first; i < count; i++) {
        const lr_observation *o = lr_store_get(store, i);
        const lr_setting *k = o->setting;
        const kind_info *ki = kind_of(&w, k, spec);
        if (!ki)
            goto nomem;
        if (ki->what == KIND_AGGREGATE) {
            if (lr_index_add(&w.has_value, o->model, k->metric, i))
                goto nomem;
            continue;
        }
        if (ki->what != KIND_MEMBER)
            continue;
        size_t mi;
        if (o->model == last_model && last_model) {
            mi = last_index;
        } else {
            const char *name[3] = {o->model, NULL, NULL};
            size_t h = hash_strs(name);
            mi = str_find(&w.models, h, name);
            if (mi == (size_t)-1) {
                mi = w.n_models;
                if (str_add(&w.models, h, name, mi) ||
                    lr_grow((void **)&w.model_names, &w.cap_models, w.n_models,
                            sizeof *w.model_names))
                    goto nomem;
                size_t cap = w.cap_models;
                const lr_source **src = realloc(w.model_source, cap * sizeof *src);
                if (src)
                    w.model_source = src;
                size_t *fg = src ? realloc(w.model_first, cap * sizeof *fg) : NULL;
                if (fg)
                    w.model_first = fg;
                size_t *lg = fg ? realloc(w.model_last, cap * sizeof *lg) : NULL;
                if (!lg)
                    goto nomem;
                w.model_last = lg;
                w.model_source[w.n_models] = o->source;
                w.model_first[w.n_models] = w.model_last[w.n_models] = 0;
                w.model_names[w.n_models++] = o->model;
            }
            last_model = o->model;
            last_index = mi;
        }
        if (spec->metric && strcmp(k->metric, spec->metric))
            continue;
        size_t g = group_find(&w, mi, ki->klass);
        if (g == (size_t)-1) {
            if (lr_grow((void **)&w.groups, &w.cap_groups, w.n_groups, sizeof *w.groups))
                goto nomem;
            g = w.n_groups++;
            member_group *ng = &w.groups[g];
            memset(ng, 0, sizeof *ng);
            ng->model = o->model;
            ng->like = k;
            ng->model_index = mi;
            ng->klass = ki->klass;
            if (!(ng->slot = calloc(spec->n_members, sizeof *ng->slot)) || group_enter(&w, g))
                goto nomem;
            if (w.model_last[mi])
                w.groups[w.model_last[mi] - 1].next = g + 1;
            else
                w.model_first[mi] = g + 1;
            w.model_last[mi] = g + 1;
        }
        member_group *mg = &w.groups[g];
        if (!mg->slot[ki->member]) {
            mg->slot[ki->member] = o;
            mg->filled++;
        }
    }
    for (size_t m = 0; m < w.n_models; m++) {
        const char *model = w.model_names[m];
        const member_group *best = NULL;
        int done = 0, mixed = 0;
        for (size_t g = w.model_first[m]; g; g = w.groups[g - 1].next) {
            const member_group *mg = &w.groups[g - 1];
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
    /* per setting id: 1 once met (a setting met again has nothing new: its benchmark has no
     * parent, or the parent is done or beyond the list's room) */
    size_t n_kinds = lr_store_setting_count(store);
    unsigned char *plain = calloc(n_kinds + 1, 1);
    if (!plain)
        return LR_ENOMEM;
    const char *last_name = NULL;
    const lr_benchmark_def *last = NULL;
    for (size_t i = first; i < count; i++) {
        const lr_setting *set = lr_store_get(store, i)->setting;
        if (set->id < n_kinds) {
            if (plain[set->id])
                continue;
            plain[set->id] = 1;
        }
        /* a benchmark's settings come one after the other (acc, acc_norm) */
        if (set->benchmark != last_name) {
            last_name = set->benchmark;
            last = lr_store_benchmark(store, set->benchmark);
        }
        const lr_benchmark_def *b = last;
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
            free(plain);
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
        if (st) {
            free(plain);
            return st;
        }
        count = lr_store_count(store);
    }
    free(plain);
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
    /* the members of one file come in a row: the answer for their (model, parent, source) */
    const char *last_model = NULL, *last_parent = NULL;
    const lr_source *last_source = NULL;
    int last_shown = 0;
    for (size_t i = 0; i < count; i++) {
        const lr_observation *o = lr_store_get(store, i);
        if (!(o->setting->flags & LR_OBS_MEMBER) || !o->setting->parent)
            continue;
        int shown = 0;
        if (last_model && o->model == last_model && o->setting->parent == last_parent &&
            o->source == last_source) {
            shown = last_shown;
        } else {
            size_t n;
            const size_t *ix = lr_store_find(store, o->model, o->setting->parent, &n);
            for (size_t k = 0; k < n && !shown; k++) {
                const lr_observation *p = lr_store_get(store, ix[k]);
                shown = (p->setting->flags & LR_OBS_AGGREGATE) && p->source == o->source;
            }
            last_model = o->model;
            last_parent = o->setting->parent;
            last_source = o->source;
            last_shown = shown;
        }
        if (!shown) {
            if (!hidden && example)
                *example = o;
            hidden++;
        }
    }
    return hidden;
}

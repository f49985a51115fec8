/* The normalized model: sources, observations, model aliases and the inputs not used.
 * lr_store_add() is where every number becomes comparable-or-not: names are resolved through the
 * registry, bounded metrics are converted to percent, and values are validated. */
#include "model/store.h"

#include "core/buf.h"
#include "core/index.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/visible.h"

enum { OBS_CHUNK = 4096 };

/* Positions of observations grouped by one name (model or benchmark): one array for all, a
 * hash table of names to their ranges. Memory: one position per observation. */
typedef struct group {
    const char *name;
    size_t hash, start, count;
} group;

typedef struct grouping {
    group *groups;
    size_t n_groups, cap_groups;
    size_t *table; /* open addressing: group index + 1, 0 = empty */
    size_t size;
    size_t *pos;
    uint32_t *key; /* by_model: the benchmark group of each position (sorted within a model) */
} grouping;

/* Registry answers (NULL included) by the name as written: open addressing, size a power of
 * two, names copied into its own arena. */
typedef struct memo_entry {
    size_t hash;
    const char *name; /* NULL = empty */
    const void *def;
} memo_entry;

typedef struct memo_table {
    memo_entry *slots;
    size_t size, used;
    size_t last; /* the slot of the last answer + 1: names come twice in a row */
    lr_arena names;
} memo_table;

/* (model, setting) of one source's results: the key that keeps two results of a source from
 * sharing a setting. Strings are interned (or the registry's): their addresses identify them. */
typedef struct seen_entry {
    const void *model, *benchmark, *metric, *method, *variant, *task_hash;
    int shots;
    unsigned limited; /* flags & LR_OBS_LIMITED */
    unsigned stamp;   /* the entry is in the table when this is its epoch */
} seen_entry;

struct lr_store_memo {
    const lr_registry *registry; /* whose answers, at which generation */
    unsigned long generation;
    memo_table bench, metric;
    /* the current source's results (the table outlives its sources: a new one starts a new
     * epoch, and a slot of an older epoch is empty) */
    seen_entry *seen;
    size_t seen_size, seen_used;
    unsigned epoch;
};

typedef struct name_pair {
    const char *from, *to;
} name_pair;

typedef struct skipped {
    const char *file, *reason;
} skipped;

struct lr_store {
    lr_arena arena;
    lr_arena scratch; /* short-lived strings of one lr_store_add */
    lr_registry *registry;
    lr_diag *diag;
    lr_observation **chunks; /* observations, OBS_CHUNK to a chunk: pointers stay valid */
    size_t n_obs, n_chunks, cap_chunks;
    lr_setting **kinds; /* distinct kinds, in order of first use */
    size_t n_kinds, cap_kinds;
    size_t *kind_table; /* open addressing: kind id + 1, 0 = empty */
    size_t kind_size;
    lr_source **sources;
    size_t n_sources, cap_sources;
    name_pair *aliases;
    size_t n_aliases, cap_aliases;
    const char *base; /* the folder that holds every input ("" none in common) */
    int has_base;
    skipped *skips;
    size_t n_skips, cap_skips;
    grouping by_model;            /* built lazily by lr_store_find and friends; by_model's */
    grouping by_benchmark;        /* positions are ordered by benchmark within a model */
    lr_index names_seen;          /* unknown benchmark and metric names already noted */
    const lr_source *seen_source; /* the source of seen */
    const char *long_name_file;   /* the last file warned about a name too long to show */
    const char **names, **benchmarks;
    size_t n_names, n_benchmarks;
    size_t indexed;    /* observations already in the indexes */
    const char **pool; /* interned strings: open addressing, size a power of two */
    size_t pool_size, pool_used;
    const char **unknown; /* "kind\x1fname" of unknown names, in order of first use */
    size_t n_unknown, cap_unknown, flushed;
    /* the last registry lookups: the names of one file repeat (a task's metrics, a metric
     * across tasks), and a lookup normalises and hashes the name */
    lr_store_memo own_memo;
    lr_store_memo *memo; /* own_memo, or one lent by the caller (lr_store_lend_memo) */
    /* a part (lr_store_new_part): registry borrowed, diagnostics recorded for the merge */
    int part;
    lr_diag recorder;
    struct recorded *records;
    size_t n_records, cap_records;
    /* an allocation failed while the store was filled (an add, a source, an alias, a skipped
     * input) or its arena ran out: lr_store_index() and lr_store_merge() say so, so that the
     * loss is an error even where a caller did not check */
    int out_of_memory;
};

static void memo_free(lr_store_memo *memo)
{
    free(memo->seen);
    free(memo->bench.slots);
    free(memo->metric.slots);
    lr_arena_free(&memo->bench.names);
    lr_arena_free(&memo->metric.names);
    memset(memo, 0, sizeof *memo);
}

/* Whether memory ran out anywhere in m so far. */
static int lost_memory(const lr_store *m)
{
    return m->out_of_memory || m->arena.failed;
}

typedef struct recorded {
    lr_severity severity;
    lr_error err;
} recorded;

/* The open-addressing tables of kinds and of index groups hold entry numbers + 1 (0 = empty)
 * in a power-of-two array. Doubles *table (or makes one of first slots) for n entries whose
 * hashes hash(ctx, i) gives; -1 when out of memory (the table is then unchanged). */
static int table_grow(size_t **table, size_t *size, size_t n, size_t first,
                      size_t (*hash)(const void *ctx, size_t i), const void *ctx)
{
    size_t new_size = *size ? *size * 2 : first;
    size_t *t = calloc(new_size, sizeof *t);
    if (!t)
        return -1;
    for (size_t i = 0; i < n; i++) {
        size_t j = hash(ctx, i) & (new_size - 1);
        while (t[j])
            j = (j + 1) & (new_size - 1);
        t[j] = i + 1;
    }
    free(*table);
    *table = t;
    *size = new_size;
    return 0;
}

static size_t group_hash_at(const void *ctx, size_t i)
{
    return ((const grouping *)ctx)->groups[i].hash;
}

static void grouping_free(grouping *g)
{
    free(g->groups);
    free(g->table);
    free(g->pos);
    free(g->key);
    memset(g, 0, sizeof *g);
}

static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603u;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return h;
}

static const group *group_find(const grouping *g, const char *name)
{
    if (!g->size || !name)
        return NULL;
    size_t h = hash_str(name);
    for (size_t j = h & (g->size - 1); g->table[j]; j = (j + 1) & (g->size - 1)) {
        const group *e = &g->groups[g->table[j] - 1];
        if (e->hash == h && !strcmp(e->name, name))
            return e;
    }
    return NULL;
}

/* The group of name, added when new; NULL when out of memory. */
static group *group_add(grouping *g, const char *name)
{
    if (g->n_groups * 2 >= g->size &&
        table_grow(&g->table, &g->size, g->n_groups, 256, group_hash_at, g))
        return NULL;
    size_t h = hash_str(name), j = h & (g->size - 1);
    for (; g->table[j]; j = (j + 1) & (g->size - 1)) {
        group *e = &g->groups[g->table[j] - 1];
        if (e->hash == h && !strcmp(e->name, name))
            return e;
    }
    if (lr_grow((void **)&g->groups, &g->cap_groups, g->n_groups, sizeof(group)))
        return NULL;
    group *e = &g->groups[g->n_groups++];
    e->name = name;
    e->hash = h;
    e->start = e->count = 0;
    g->table[j] = g->n_groups;
    return e;
}

lr_store *lr_store_new(lr_diag *diag)
{
    lr_store *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->registry = lr_registry_new();
    if (!m->registry) {
        free(m);
        return NULL;
    }
    m->diag = diag;
    return m;
}

/* A part keeps what its diagnostics said, to be replayed in order by lr_store_merge(). */
static void record(void *user, lr_severity severity, const lr_error *err)
{
    lr_store *m = user;
    if (lr_grow((void **)&m->records, &m->cap_records, m->n_records, sizeof(recorded)))
        return;
    m->records[m->n_records].severity = severity;
    m->records[m->n_records].err = *err;
    m->n_records++;
}

lr_store *lr_store_new_part(lr_store *parent)
{
    lr_store *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->part = 1;
    m->registry = parent->registry;
    m->recorder.fn = record;
    m->recorder.user = m;
    m->diag = &m->recorder;
    return m;
}

void lr_store_free(lr_store *m)
{
    if (!m)
        return;
    if (!m->part)
        lr_registry_free(m->registry);
    free(m->records);
    for (size_t i = 0; i < m->n_chunks; i++)
        free(m->chunks[i]);
    free(m->chunks);
    free(m->kinds);
    free(m->kind_table);
    free(m->sources);
    free(m->aliases);
    free(m->skips);
    free(m->unknown);
    free(m->pool);
    grouping_free(&m->by_model);
    grouping_free(&m->by_benchmark);
    lr_index_free(&m->names_seen);
    memo_free(&m->own_memo);
    free(m->names);
    free(m->benchmarks);
    lr_arena_free(&m->scratch);
    lr_arena_free(&m->arena);
    free(m);
}

lr_registry *lr_store_registry(lr_store *m)
{
    return m->registry;
}
lr_arena *lr_store_arena(lr_store *m)
{
    return &m->arena;
}
lr_diag *lr_store_diag(lr_store *m)
{
    return m->diag;
}

char *lr_store_strdup(lr_store *m, const char *s)
{
    return lr_arena_strdup(&m->arena, s);
}

/* A file as reports show it: relative to the deepest folder that holds every input (so the
 * same files show the same way however they were named: one folder, its subfolders or the
 * files one by one); NULL when that folder does not hold it (shown as it is). */
static const char *shown_path(lr_store *m, const char *file)
{
    if (!file || !m->base)
        return NULL;
    size_t n = strlen(m->base);
    const char *rest = file;
    if (n) {
        if (strncmp(file, m->base, n) || (file[n] != '/' && strcmp(m->base, "/")))
            return NULL;
        rest = file + n;
    }
    while (*rest == '/')
        rest++;
    return *rest && rest != file ? lr_arena_strdup(&m->arena, rest) : NULL;
}

lr_source *lr_store_source_new(lr_store *m, const char *kind, const char *file)
{
    if (lr_grow((void **)&m->sources, &m->cap_sources, m->n_sources, sizeof(lr_source *))) {
        m->out_of_memory = 1;
        return NULL;
    }
    lr_source *s = lr_arena_alloc(&m->arena, sizeof *s);
    if (!s)
        return NULL;
    memset(s, 0, sizeof *s);
    s->id = lr_arena_printf(&m->arena, "S%zu", m->n_sources + 1);
    s->kind = lr_arena_strdup(&m->arena, kind);
    s->file = file ? lr_visible_copy(&m->arena, file) : NULL;
    s->shown = shown_path(m, s->file);
    s->index = m->n_sources;
    if (!s->id)
        return NULL;
    m->sources[m->n_sources++] = s;
    return s;
}

size_t lr_store_source_count(const lr_store *m)
{
    return m->n_sources;
}
const lr_source *lr_store_source_get(const lr_store *m, size_t i)
{
    return i < m->n_sources ? m->sources[i] : NULL;
}

lr_status lr_store_add_input(lr_store *m, const char *path, int is_dir)
{
    /* the folder this input contributes: itself, or the folder of a file */
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    if (!is_dir) {
        while (n > 0 && path[n - 1] != '/')
            n--;
        while (n > 1 && path[n - 1] == '/')
            n--;
    }
    if (m->has_base) {
        /* the longest common prefix of the two that ends at a folder boundary */
        size_t k = 0, b = strlen(m->base), keep = 0;
        while (k < n && k < b && path[k] == m->base[k])
            k++;
        if ((k == n || path[k] == '/') && (k == b || m->base[k] == '/'))
            keep = k;
        else
            for (keep = k; keep > 0 && path[keep - 1] != '/'; keep--)
                ;
        while (keep > 1 && path[keep - 1] == '/')
            keep--;
        n = keep;
    }
    const char *copy = lr_arena_printf(&m->arena, "%.*s", (int)n, path);
    if (!copy) {
        m->out_of_memory = 1;
        return LR_ENOMEM;
    }
    m->base = copy;
    m->has_base = 1;
    return LR_OK;
}

lr_status lr_store_alias(lr_store *m, const char *from, const char *to)
{
    for (size_t i = 0; i < m->n_aliases; i++) {
        if (!strcmp(m->aliases[i].from, from)) {
            m->aliases[i].to = lr_arena_strdup(&m->arena, to);
            return m->aliases[i].to ? LR_OK : LR_ENOMEM;
        }
    }
    if (lr_grow((void **)&m->aliases, &m->cap_aliases, m->n_aliases, sizeof(name_pair))) {
        m->out_of_memory = 1;
        return LR_ENOMEM;
    }
    name_pair *p = &m->aliases[m->n_aliases];
    p->from = lr_visible_copy(&m->arena, from); /* compared with names as they entered */
    p->to = lr_visible_copy(&m->arena, to);
    if (!p->from || !p->to)
        return LR_ENOMEM;
    m->n_aliases++;
    return LR_OK;
}

const char *lr_store_model_name(lr_store *m, const char *raw)
{
    const char *name = raw;
    for (size_t i = 0; i < m->n_aliases; i++)
        if (!strcmp(m->aliases[i].from, raw)) {
            name = m->aliases[i].to;
            break;
        }
    /* then the registry's one spelling of the model, also of the config's name; a part keeps
     * names as written, for the merge to map with the config first */
    const char *known = m->part ? NULL : lr_registry_model(m->registry, name);
    return known && strcmp(known, name) ? known : name;
}

/* Remembers an unknown benchmark or metric name, once per run; lr_store_flush_notes() reports
 * the names met in one file as one note per kind, so that a file with 60 custom metrics says so
 * once. */
static void note_unknown(lr_store *m, const char *what, const char *name, const lr_obs_in *in)
{
    (void)in;
    size_t hits;
    lr_index_get(&m->names_seen, what, name, &hits);
    if (hits)
        return;
    if (lr_grow((void **)&m->unknown, &m->cap_unknown, m->n_unknown, sizeof(char *)))
        return;
    const char *k = lr_arena_printf(&m->arena, "%s\x1f%s", what, name);
    if (!k)
        return;
    lr_index_add(&m->names_seen, what, name, 0);
    m->unknown[m->n_unknown++] = k;
}

void lr_store_flush_notes(lr_store *m, const char *file)
{
    if (m->part)
        return; /* names are new or not only against the whole model: lr_store_merge() */
    static const char *const kinds[] = {"benchmark", "metric"};
    for (size_t k = 0; k < 2; k++) {
        size_t count = 0, len = strlen(kinds[k]);
        lr_buf names = LR_BUF_INIT;
        for (size_t i = m->flushed; i < m->n_unknown; i++) {
            const char *u = m->unknown[i];
            if (strncmp(u, kinds[k], len) || u[len] != '\x1f')
                continue;
            if (count < 5)
                lr_buf_printf(&names, "%s\"%s\"", count ? ", " : "", u + len + 1);
            count++;
        }
        if (count == 1)
            lr_diag_emit(m->diag, LR_NOTE, file, NULL, 0, 0, "unknown %s %s kept as written",
                         kinds[k], names.data);
        else if (count > 1)
            lr_diag_emit(m->diag, LR_NOTE, file, NULL, 0, 0,
                         "%zu unknown %ss kept as written: %s%s", count, kinds[k], names.data,
                         count > 5 ? ", ..." : "");
        lr_buf_free(&names);
    }
    m->flushed = m->n_unknown;
}

/* One copy of each distinct string: observations repeat model names, notes and settings
 * thousands of times, and memory should grow with what is distinct. h: hash_bytes() of s. */
static const char *intern_hashed(lr_store *m, const char *s, size_t n, size_t h);

/* The pool's hash of n bytes at s, eight at a time; *high gets every byte's bits or'ed
 * (bit 7 set: not ASCII). */
static size_t hash_bytes(const char *s, size_t n, uint64_t *high)
{
    uint64_t h = 0x9E3779B97F4A7C15u ^ n, all = 0, w;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, 8);
        all |= w;
        h = (h ^ w) * 0xBF58476D1CE4E5B9u;
        h ^= h >> 31;
    }
    w = 0;
    if (i < n && n >= 8) {
        /* the last eight bytes, of which the tail's are kept */
        memcpy(&w, s + n - 8, 8);
        w >>= 8 * (8 - (n - i));
    } else {
        for (size_t k = 0; i + k < n; k++)
            w |= (uint64_t)(unsigned char)s[i + k] << (8 * k);
    }
    all |= w;
    h = (h ^ w) * 0x94D049BB133111EBu;
    if (high)
        *high = all;
    return (size_t)(h ^ (h >> 29));
}

/* Names as they are seen: text from inputs enters the store with bytes that are not UTF-8 as
 * U+FFFD and bidi controls and invisible characters as <U+XXXX> (core/visible.h). Text in
 * ASCII is seen as it is: the hash and that test in one pass. */
static const char *intern(lr_store *m, const char *s, size_t n)
{
    uint64_t high;
    size_t h = hash_bytes(s, n, &high);
    if (!(high & 0x8080808080808080u) || !lr_visible_needed(s, n))
        return intern_hashed(m, s, n, h);
    size_t need = lr_visible(NULL, 0, s, n);
    char *shown = malloc(need + 1);
    if (!shown)
        return NULL;
    lr_visible(shown, need + 1, s, n);
    const char *interned = intern_hashed(m, shown, need, hash_bytes(shown, need, NULL));
    free(shown);
    return interned;
}

static const char *intern_hashed(lr_store *m, const char *s, size_t n, size_t h)
{
    if (m->pool_used * 2 >= m->pool_size) {
        size_t size = m->pool_size ? m->pool_size * 2 : m->part ? 64 : 1024;
        const char **pool = calloc(size, sizeof *pool);
        if (!pool)
            return lr_arena_strndup(&m->arena, s, n); /* still correct, only not shared */
        for (size_t i = 0; i < m->pool_size; i++) {
            const char *p = m->pool[i];
            if (!p)
                continue;
            size_t k = hash_bytes(p, strlen(p), NULL) & (size - 1);
            while (pool[k])
                k = (k + 1) & (size - 1);
            pool[k] = p;
        }
        free(m->pool);
        m->pool = pool;
        m->pool_size = size;
    }
    size_t k = h & (m->pool_size - 1);
    while (m->pool[k]) {
        if (!strncmp(m->pool[k], s, n) && m->pool[k][n] == '\0')
            return m->pool[k];
        k = (k + 1) & (m->pool_size - 1);
    }
    char *copy = lr_arena_strndup(&m->arena, s, n);
    if (copy) {
        m->pool[k] = copy;
        m->pool_used++;
    }
    return copy;
}

static const char *intern_str(lr_store *m, const char *s)
{
    return s ? intern(m, s, strlen(s)) : NULL;
}

static const char *trim_copy(lr_store *m, const char *s)
{
    if (!s)
        return NULL;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    return intern(m, s, n);
}

static int is_pass_at_k(const char *name)
{
    if (strncmp(name, "pass@", 5) || !name[5])
        return 0;
    for (const char *p = name + 5; *p; p++)
        if (*p < '0' || *p > '9')
            return 0;
    return 1;
}

/* Room for one more observation (zeroed), not yet counted. */
static lr_observation *new_obs(lr_store *m)
{
    if (m->n_obs >= UINT32_MAX)
        return NULL; /* the indexes number observations in 32 bits */
    size_t c = m->n_obs / OBS_CHUNK;
    if (c == m->n_chunks) {
        if (lr_grow((void **)&m->chunks, &m->cap_chunks, m->n_chunks, sizeof(lr_observation *)))
            return NULL;
        if (!(m->chunks[c] = malloc(OBS_CHUNK * sizeof(lr_observation))))
            return NULL;
        m->n_chunks++;
    }
    lr_observation *o = &m->chunks[c][m->n_obs % OBS_CHUNK];
    memset(o, 0, sizeof *o);
    return o;
}

static size_t hash_kind(const lr_setting *k)
{
    /* strings are interned (or the registry's): their addresses identify them */
    const void *p[] = {k->benchmark, k->benchmark_display, k->metric, k->method,
                       k->variant,   k->task_hash,         k->parent, k->rule,
                       k->note};
    size_t h = 1469598103934665603u;
    for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
        h = (h ^ (size_t)(uintptr_t)p[i]) * 1099511628211u;
    h = (h ^ (size_t)(unsigned)k->shots) * 1099511628211u;
    h = (h ^ k->flags) * 1099511628211u;
    return (h ^ (size_t)(k->bounded * 2 + k->higher_is_better)) * 1099511628211u;
}

static size_t kind_hash_at(const void *ctx, size_t i)
{
    return hash_kind(((const lr_store *)ctx)->kinds[i]);
}

static int same_kind(const lr_setting *a, const lr_setting *b)
{
    return a->benchmark == b->benchmark && a->benchmark_display == b->benchmark_display &&
           a->metric == b->metric && a->shots == b->shots && a->flags == b->flags &&
           a->method == b->method && a->variant == b->variant && a->task_hash == b->task_hash &&
           a->parent == b->parent && a->rule == b->rule && a->note == b->note &&
           a->bounded == b->bounded && a->higher_is_better == b->higher_is_better;
}

/* The model's copy of kind k (whose strings are the model's or the registry's). */
static const lr_setting *intern_kind(lr_store *m, const lr_setting *k)
{
    if (m->n_kinds * 2 >= m->kind_size &&
        table_grow(&m->kind_table, &m->kind_size, m->n_kinds, 64, kind_hash_at, m))
        return NULL;
    size_t j = hash_kind(k) & (m->kind_size - 1);
    for (; m->kind_table[j]; j = (j + 1) & (m->kind_size - 1))
        if (same_kind(m->kinds[m->kind_table[j] - 1], k))
            return m->kinds[m->kind_table[j] - 1];
    if (lr_grow((void **)&m->kinds, &m->cap_kinds, m->n_kinds, sizeof(lr_setting *)))
        return NULL;
    lr_setting *copy = lr_arena_alloc(&m->arena, sizeof *copy);
    if (!copy)
        return NULL;
    *copy = *k;
    copy->id = m->n_kinds;
    m->kinds[m->n_kinds++] = copy;
    m->kind_table[j] = m->n_kinds;
    return copy;
}

static void memo_clear(memo_table *t)
{
    if (t->used)
        memset(t->slots, 0, t->size * sizeof *t->slots);
    t->used = 0;
    t->last = 0;
    lr_arena_reset(&t->names);
}

/* Remembers def for name (of len bytes, hash h) unless memory runs out (then it is only not
 * remembered); a table of many names starts again. */
static void memo_put(memo_table *t, size_t h, const char *name, size_t len, const void *def)
{
    enum { MEMO_MAX = 4096 };
    if (t->used >= MEMO_MAX)
        memo_clear(t);
    if (t->used * 2 >= t->size) {
        size_t size = t->size ? t->size * 2 : 128;
        memo_entry *slots = calloc(size, sizeof *slots);
        if (!slots)
            return;
        for (size_t i = 0; i < t->size; i++) {
            if (!t->slots[i].name)
                continue;
            size_t j = t->slots[i].hash & (size - 1);
            while (slots[j].name)
                j = (j + 1) & (size - 1);
            slots[j] = t->slots[i];
        }
        free(t->slots);
        t->slots = slots;
        t->size = size;
        t->last = 0;
    }
    const char *copy = lr_arena_strndup(&t->names, name, len);
    if (!copy)
        return;
    size_t j = h & (t->size - 1);
    while (t->slots[j].name)
        j = (j + 1) & (t->size - 1);
    t->slots[j] = (memo_entry){h, copy, def};
    t->used++;
    t->last = j + 1;
}

static lr_store_memo *memo_of(lr_store *m)
{
    return m->memo ? m->memo : &m->own_memo;
}

/* A new source: forgets the last one's results. */
static void seen_reset(lr_store_memo *t)
{
    if (++t->epoch == 0) { /* wrapped: every stamp is of an older epoch again */
        if (t->seen)
            memset(t->seen, 0, t->seen_size * sizeof *t->seen);
        t->epoch = 1;
    }
    t->seen_used = 0;
}

/* A registry lookup through the memo of names and their answers. */
static const void *lookup(lr_store *m, int metric, const char *name)
{
    lr_store_memo *memo = memo_of(m);
    if (memo->registry != m->registry || memo->generation != lr_registry_generation(m->registry)) {
        memo_clear(&memo->bench);
        memo_clear(&memo->metric);
        memo->registry = m->registry;
        memo->generation = lr_registry_generation(m->registry);
    }
    memo_table *t = metric ? &memo->metric : &memo->bench;
    if (t->last && !strcmp(t->slots[t->last - 1].name, name))
        return t->slots[t->last - 1].def;
    size_t len = strlen(name), h = hash_bytes(name, len, NULL);
    if (t->size)
        for (size_t j = h & (t->size - 1); t->slots[j].name; j = (j + 1) & (t->size - 1))
            if (t->slots[j].hash == h && !strcmp(t->slots[j].name, name)) {
                t->last = j + 1;
                return t->slots[j].def;
            }
    const void *def = metric ? (const void *)lr_registry_metric(m->registry, name)
                             : (const void *)lr_registry_benchmark(m->registry, name);
    memo_put(t, h, name, len, def);
    return def;
}

const lr_benchmark_def *lr_store_benchmark(lr_store *m, const char *name)
{
    return name ? lookup(m, 0, name) : NULL;
}

const lr_metric_def *lr_store_metric(lr_store *m, const char *name)
{
    return name ? lookup(m, 1, name) : NULL;
}

lr_store_memo *lr_store_memo_new(void)
{
    return calloc(1, sizeof(lr_store_memo));
}

void lr_store_memo_free(lr_store_memo *memo)
{
    if (!memo)
        return;
    memo_free(memo);
    free(memo);
}

void lr_store_lend_memo(lr_store *m, lr_store_memo *memo)
{
    m->memo = memo;
    if (memo)
        seen_reset(memo); /* what it holds is another store's */
}

static size_t seen_hash(const seen_entry *e)
{
    const void *p[] = {e->model, e->benchmark, e->metric, e->method, e->variant, e->task_hash};
    size_t h = 1469598103934665603u;
    for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
        h = (h ^ (size_t)(uintptr_t)p[i]) * 1099511628211u;
    h = (h ^ (size_t)(unsigned)e->shots) * 1099511628211u;
    h = (h ^ e->limited) * 1099511628211u;
    return h ^ (h >> 29);
}

static int seen_same(const seen_entry *a, const seen_entry *b)
{
    return a->model == b->model && a->benchmark == b->benchmark && a->metric == b->metric &&
           a->method == b->method && a->variant == b->variant && a->task_hash == b->task_hash &&
           a->shots == b->shots && a->limited == b->limited;
}

static seen_entry seen_of(const char *model, const lr_setting *k)
{
    return (seen_entry){model,      k->benchmark, k->metric, k->method,
                        k->variant, k->task_hash, k->shots,  k->flags & LR_OBS_LIMITED,
                        0};
}

/* Whether the current source has a result of e's model and setting. Entries are only added
 * within an epoch, so a probe ends at the first slot of another. */
static int seen_has(const lr_store_memo *t, const seen_entry *e)
{
    if (!t->seen_used)
        return 0;
    for (size_t j = seen_hash(e) & (t->seen_size - 1); t->seen[j].stamp == t->epoch;
         j = (j + 1) & (t->seen_size - 1))
        if (seen_same(&t->seen[j], e))
            return 1;
    return 0;
}

/* Adds e (once): 0, or -1 when out of memory. */
static int seen_add(lr_store_memo *t, const seen_entry *e)
{
    if (seen_has(t, e))
        return 0;
    if (t->seen_used * 2 >= t->seen_size) {
        size_t size = t->seen_size ? t->seen_size * 2 : 256;
        seen_entry *n = calloc(size, sizeof *n); /* stamps 0: empty */
        if (!n)
            return -1;
        for (size_t i = 0; i < t->seen_size; i++) {
            if (t->seen[i].stamp != t->epoch)
                continue;
            size_t j = seen_hash(&t->seen[i]) & (size - 1);
            while (n[j].stamp == t->epoch)
                j = (j + 1) & (size - 1);
            n[j] = t->seen[i];
        }
        free(t->seen);
        t->seen = n;
        t->seen_size = size;
    }
    size_t j = seen_hash(e) & (t->seen_size - 1);
    while (t->seen[j].stamp == t->epoch)
        j = (j + 1) & (t->seen_size - 1);
    t->seen[j] = *e;
    t->seen[j].stamp = t->epoch;
    t->seen_used++;
    return 0;
}

static lr_status store_add(lr_store *m, const lr_obs_in *in);

/* A name longer than this is shortened, at a character boundary, and ends in "…": one file's
 * 50 MB model name must not make a table or a heading, and so the whole report, too long. */
#define LR_NAME_MAX 512

/* Where a text of n bytes longer than max is cut so that it ends, with "…" (3 bytes), within
 * max bytes: at a character boundary. */
static size_t cut_at(const char *s, size_t max)
{
    size_t cut = max - 3;
    while (cut && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    return cut;
}

/* s, or a shortened copy in the scratch arena; one warning per file names it. */
static const char *name_in(lr_store *m, const char *s, const char *file, const char *locator,
                           const char *what)
{
    size_t n = s ? strlen(s) : 0;
    if (n <= LR_NAME_MAX)
        return s;
    if (!file || file != m->long_name_file) {
        lr_diag_emit(m->diag, LR_WARNING, file, locator, 0, 0,
                     "%s of %zu bytes shortened to %d bytes", what, n, LR_NAME_MAX);
        m->long_name_file = file;
    }
    const char *shown =
        lr_arena_printf(&m->scratch, "%.*s\xE2\x80\xA6", (int)cut_at(s, LR_NAME_MAX), s);
    return shown ? shown : s;
}

lr_status lr_store_add(lr_store *m, const lr_obs_in *in)
{
    lr_status st = store_add(m, in);
    if (st == LR_ENOMEM)
        m->out_of_memory = 1; /* whether or not the adapter passes it on */
    return st;
}

static lr_status store_add(lr_store *m, const lr_obs_in *in)
{
    const char *file = in->source ? in->source->file : NULL;
    if (!in->model || !in->model[0] || !in->benchmark || !in->benchmark[0]) {
        lr_diag_emit(m->diag, LR_WARNING, file, in->locator, 0, 0,
                     "result without a model or benchmark name skipped");
        return LR_EVALUE;
    }
    if (!in->has_value)
        return LR_OK;
    if (!isfinite(in->value)) {
        lr_diag_emit(m->diag, LR_WARNING, file, in->locator, 0, 0,
                     "value is not a finite number; result skipped");
        return LR_EVALUE;
    }

    const char *model_name = name_in(m, in->model, file, in->locator, "model name");
    const char *bench_name = name_in(m, in->benchmark, file, in->locator, "benchmark name");
    const lr_benchmark_def *bench = lr_store_benchmark(m, bench_name);
    const char *metric_name = name_in(m, in->metric, file, in->locator, "metric name");
    if (!metric_name || !metric_name[0])
        metric_name = bench && bench->default_metric ? bench->default_metric : "score";
    const lr_metric_def *metric = lr_store_metric(m, metric_name);
    lr_metric_def pass_at_k;
    if (!metric && is_pass_at_k(metric_name)) {
        /* pass@k for any k is a proportion, higher is better (the registry stays as it is:
         * parts read it from several threads) */
        pass_at_k = (lr_metric_def){intern_str(m, metric_name), NULL, NULL, 1, 1};
        pass_at_k.display = pass_at_k.id;
        if (pass_at_k.id)
            metric = &pass_at_k;
    }
    const char *implied = lr_registry_task_metric(bench_name, metric ? metric->id : NULL);
    if (implied && lr_store_metric(m, implied))
        metric = lr_store_metric(m, implied);
    if (!bench)
        note_unknown(m, "benchmark", bench_name, in);
    if (!metric)
        note_unknown(m, "metric", metric_name, in);

    lr_scale scale = in->scale;
    int bounded =
        metric ? metric->bounded : (scale == LR_SCALE_PERCENT || scale == LR_SCALE_FRACTION);
    if (scale == LR_SCALE_RAW)
        bounded = 0;
    double factor = 1.0;
    if (bounded && scale != LR_SCALE_PERCENT)
        factor = 100.0; /* fractions, and the harnesses' default 0-1 */
    double value = in->value * factor;
    if (factor != 1.0)
        value = round(value * 1e9) / 1e9; /* 0.4684 * 100 is 46.839999999999996 */
    if (bounded && (value < -1e-9 || value > 100.0 + 1e-9)) {
        lr_diag_emit(m->diag, LR_WARNING, file, in->locator, 0, 0,
                     "%g is outside 0-100 %% for %s; result skipped", value,
                     metric ? metric->id : metric_name);
        return LR_EVALUE;
    }
    double se = -1;
    if (in->has_stderr) {
        if (!isfinite(in->stderr_) || in->stderr_ < 0)
            lr_diag_emit(m->diag, LR_WARNING, file, in->locator, 0, 0, "standard error %g ignored",
                         in->stderr_);
        else
            se = factor != 1.0 ? round(in->stderr_ * factor * 1e12) / 1e12 : in->stderr_;
    }

    lr_setting k;
    memset(&k, 0, sizeof k);
    const char *raw = trim_copy(m, model_name);
    if (!raw)
        return LR_ENOMEM;
    k.benchmark = bench ? bench->id : trim_copy(m, bench_name);
    k.benchmark_display = bench ? bench->display : k.benchmark;
    if (!bench && k.benchmark) {
        /* a member of a family the registry knows by name: "BIG-bench: geometric shapes" */
        char shown[600];
        if (lr_registry_family_display(k.benchmark, shown, sizeof shown))
            k.benchmark_display = intern_str(m, shown);
        if (!k.benchmark_display)
            return LR_ENOMEM;
    }
    k.metric = metric ? metric->id : trim_copy(m, metric_name);
    k.shots = in->shots == LR_SHOTS_MIXED ? LR_SHOTS_MIXED
              : in->shots < 0             ? LR_SHOTS_UNKNOWN
                                          : in->shots;
    k.method = intern_str(m, lr_registry_method(m->registry, in->method, &m->scratch));
    const char *variant = name_in(m, in->variant, file, in->locator, "variant");
    if (in->filter && in->filter[0] && strcmp(in->filter, "none")) {
        variant =
            variant ? lr_arena_printf(&m->scratch, "%s, %s", in->filter, variant) : in->filter;
    }
    k.variant = variant && variant[0] ? trim_copy(m, variant) : NULL;
    if (in->task_hash && in->task_hash[0]) {
        char hash[9];
        size_t n = 0;
        for (const char *p = in->task_hash; *p && n < 8; p++)
            if (isxdigit((unsigned char)*p))
                hash[n++] = (char)tolower((unsigned char)*p);
        hash[n] = '\0';
        k.task_hash = n ? intern(m, hash, n) : NULL;
    }
    k.bounded = bounded;
    k.higher_is_better = in->higher_is_better >= 0 ? in->higher_is_better
                         : metric                  ? metric->higher_is_better
                                                   : 1;
    k.flags = in->flags;
    k.parent = intern_str(m, in->parent);
    if (!k.parent && bench && bench->parent) {
        k.parent = bench->parent;
        k.flags |= LR_OBS_MEMBER;
    }
    k.rule = intern_str(m, in->rule);
    k.note = intern_str(m, in->note);
    /* no two results of one source may share a setting: when a second name of the file resolves
     * to the setting of an earlier one (a group and its leaf, two aliases of one benchmark), it
     * keeps the name it is written under */
    lr_store_memo *memo = memo_of(m);
    if (in->source != m->seen_source || !memo->epoch) {
        seen_reset(memo);
        m->seen_source = in->source;
    }
    seen_entry who = seen_of(raw, &k);
    if (seen_has(memo, &who) && bench && strcmp(trim_copy(m, bench_name), k.benchmark)) {
        lr_diag_emit(m->diag, LR_NOTE, file, in->locator, 0, 0,
                     "\"%s\" is also %s at the setting of an earlier result of this file; kept "
                     "under its own name",
                     in->benchmark, bench->id);
        k.benchmark = k.benchmark_display = trim_copy(m, bench_name);
        if (k.parent == bench->parent && !in->parent) {
            k.parent = NULL;
            k.flags &= ~(unsigned)LR_OBS_MEMBER;
        }
        who = seen_of(raw, &k);
    }
    if (seen_add(memo, &who))
        return LR_ENOMEM;
    lr_arena_reset(&m->scratch);
    lr_observation *o = new_obs(m);
    if (!o || !(o->setting = intern_kind(m, &k)))
        return LR_ENOMEM;
    o->model = lr_store_model_name(m, raw);
    o->value = value;
    o->stderr_ = se;
    o->n = in->n;
    /* a part's locators are interned when it is merged */
    o->locator = m->part ? lr_arena_strdup(&m->arena, in->locator) : intern_str(m, in->locator);
    o->source = in->source;
    o->index = m->n_obs++;
    return LR_OK;
}

/* A string of a part in the whole model: the part's own strings are interned, the registry's
 * (ids, display names) are shared and kept as they are. */
static const char *adopt(lr_store *m, const lr_store *part, const char *s)
{
    return s && lr_arena_owns(&part->arena, s) ? intern(m, s, strlen(s)) : s;
}

/* A source's text (title, harness, model arguments, note) longer than this is shortened as
 * names are (LR_NAME_MAX); an address that long is dropped, since a cut one leads elsewhere. */
#define LR_TEXT_MAX 2048

static const char *adopt_text(lr_store *m, const lr_store *part, const char *s, const char *file,
                              const char *what)
{
    size_t n = s ? strlen(s) : 0;
    if (n <= LR_TEXT_MAX)
        return adopt(m, part, s);
    if (!strcmp(what, "url")) {
        lr_diag_emit(m->diag, LR_WARNING, file, NULL, 0, 0,
                     "source url of %zu bytes dropped (more than %d)", n, LR_TEXT_MAX);
        return NULL;
    }
    size_t cut = cut_at(s, LR_TEXT_MAX);
    lr_diag_emit(m->diag, LR_WARNING, file, NULL, 0, 0,
                 "source %s of %zu bytes shortened to %d bytes", what, n, LR_TEXT_MAX);
    char *shown = malloc(cut + 4);
    if (!shown)
        return NULL;
    memcpy(shown, s, cut);
    memcpy(shown + cut, "\xE2\x80\xA6", 4);
    const char *kept = intern(m, shown, cut + 3);
    free(shown);
    return kept;
}

lr_status lr_store_merge(lr_store *m, lr_store *part, const char *file)
{
    if (lost_memory(part))
        return LR_ENOMEM; /* the part may lack results: the file is not half taken */
    for (size_t i = 0; i < part->n_records; i++)
        lr_diag_error(m->diag, part->records[i].severity, &part->records[i].err);
    lr_source **map = NULL;
    const lr_setting **kinds = NULL;
    if (part->n_sources && !(map = malloc(part->n_sources * sizeof *map)))
        return LR_ENOMEM;
    for (size_t i = 0; i < part->n_sources; i++) {
        const lr_source *s = part->sources[i];
        lr_source *t = lr_store_source_new(m, NULL, NULL); /* fields adopted below */
        if (!t) {
            free(map);
            return LR_ENOMEM;
        }
        const char *id = t->id;
        size_t index = t->index;
        *t = *s;
        t->id = id;
        t->index = index;
        t->kind = adopt(m, part, s->kind);
        t->title = adopt_text(m, part, s->title, file, "title");
        t->arxiv = adopt(m, part, s->arxiv);
        t->table = adopt(m, part, s->table);
        t->url = adopt_text(m, part, s->url, file, "url");
        t->date = adopt(m, part, s->date);
        t->file = adopt(m, part, s->file);
        t->shown = shown_path(m, t->file);
        t->harness = adopt_text(m, part, s->harness, file, "harness");
        t->model_args = adopt_text(m, part, s->model_args, file, "model arguments");
        t->note = adopt_text(m, part, s->note, file, "note");
        if (s->n_caveats) {
            const char **caveats = lr_arena_alloc(&m->arena, s->n_caveats * sizeof *caveats);
            if (!caveats) {
                free(map);
                return LR_ENOMEM;
            }
            for (size_t c = 0; c < s->n_caveats; c++)
                caveats[c] = adopt_text(m, part, s->caveats[c], file, "caveat");
            t->caveats = caveats;
        }
        map[i] = t;
    }
    /* the part's kinds in the model, as met */
    if (part->n_kinds && !(kinds = calloc(part->n_kinds, sizeof *kinds)))
        goto nomem;
    const char *last = NULL, *name = NULL;
    for (size_t i = 0; i < part->n_obs; i++) {
        const lr_observation *o = lr_store_get(part, i);
        const lr_setting *pk = o->setting;
        if (!kinds[pk->id]) {
            lr_setting k = *pk;
            k.benchmark = adopt(m, part, pk->benchmark);
            k.benchmark_display = pk->benchmark_display == pk->benchmark
                                      ? k.benchmark
                                      : adopt(m, part, pk->benchmark_display);
            k.metric = adopt(m, part, pk->metric);
            k.method = adopt(m, part, pk->method);
            k.variant = adopt(m, part, pk->variant);
            k.task_hash = adopt(m, part, pk->task_hash);
            k.parent = adopt(m, part, pk->parent);
            k.rule = adopt(m, part, pk->rule);
            k.note = adopt(m, part, pk->note);
            if (!(kinds[pk->id] = intern_kind(m, &k)))
                goto nomem;
        }
        lr_observation *c = new_obs(m);
        if (!c)
            goto nomem;
        *c = *o;
        c->setting = kinds[pk->id];
        /* a part has no model aliases: its names are as written (and mostly one name) */
        if (o->model != last) {
            last = o->model;
            const char *raw = adopt(m, part, o->model);
            if (!raw)
                goto nomem;
            name = lr_store_model_name(m, raw);
        }
        c->model = name;
        c->locator = adopt(m, part, o->locator);
        c->source = o->source && o->source->index < part->n_sources &&
                            part->sources[o->source->index] == o->source
                        ? map[o->source->index]
                        : o->source;
        c->index = m->n_obs++;
    }
    free(kinds);
    free(map);
    for (size_t i = 0; i < part->n_unknown; i++) {
        const char *u = part->unknown[i], *sep = strchr(u, '\x1f');
        char kind[16];
        snprintf(kind, sizeof kind, "%.*s", (int)(sep - u), u);
        note_unknown(m, kind[0] == 'b' ? "benchmark" : "metric", sep + 1, NULL);
    }
    lr_store_flush_notes(m, file);
    return LR_OK;
nomem:
    free(kinds);
    free(map);
    return LR_ENOMEM;
}

size_t lr_store_count(const lr_store *m)
{
    return m->n_obs;
}

size_t lr_store_setting_count(const lr_store *m)
{
    return m->n_kinds;
}

/* Groups the observations by model (by_model) or benchmark: a counting sort, in order of
 * addition within a group. id (n_obs entries) receives each observation's group. */
static int group_all(lr_store *m, grouping *g, int by_model, uint32_t *id)
{
    grouping_free(g);
    g->pos = malloc((m->n_obs + 1) * sizeof *g->pos);
    if (!g->pos)
        return -1;
    const char *last = NULL;
    size_t last_id = 0;
    for (size_t i = 0; i < m->n_obs; i++) {
        const lr_observation *o = lr_store_get(m, i);
        const char *name = by_model ? o->model : o->setting->benchmark;
        if (name != last || !i) {
            group *e = group_add(g, name);
            if (!e)
                return -1;
            last = name;
            last_id = (size_t)(e - g->groups);
        }
        id[i] = (uint32_t)last_id;
        g->groups[last_id].count++;
    }
    size_t start = 0;
    for (size_t k = 0; k < g->n_groups; k++) {
        g->groups[k].start = start;
        start += g->groups[k].count;
        g->groups[k].count = 0;
    }
    for (size_t i = 0; i < m->n_obs; i++) {
        group *e = &g->groups[id[i]];
        g->pos[e->start + e->count++] = i;
    }
    return 0;
}

typedef struct keyed {
    size_t key, pos;
} keyed;

static int by_key_then_position(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return (a->pos > b->pos) - (a->pos < b->pos);
}

/* Brings the indexes up to date (rebuilt whole after observations were added): 0, or -1 when
 * out of memory, with the indexes left empty and rebuilt by the next call. The report builds
 * them with lr_store_index() once it has loaded everything, where a failure is an error; the
 * lookups only catch up for a store indexed by nobody (they are caches, hence the cast). */
static int update_indexes(const lr_store *cm)
{
    lr_store *m = (lr_store *)cm;
    if (m->indexed == m->n_obs)
        return 0;
    uint32_t *bench = malloc((m->n_obs + 1) * sizeof *bench);
    uint32_t *model = malloc((m->n_obs + 1) * sizeof *model);
    keyed *run = NULL;
    size_t longest = 0;
    int failed = !bench || !model || group_all(m, &m->by_model, 1, model) ||
                 group_all(m, &m->by_benchmark, 0, bench) ||
                 !(m->by_model.key = malloc((m->n_obs + 1) * sizeof *m->by_model.key));
    for (size_t k = 0; !failed && k < m->by_model.n_groups; k++)
        if (m->by_model.groups[k].count > longest)
            longest = m->by_model.groups[k].count;
    if (!failed && !(run = malloc((longest + 1) * sizeof *run)))
        failed = 1;
    /* within a model, one run per benchmark (ordered by the benchmark's group): what
     * lr_store_find() returns */
    /* positions come in ascending order: a stable sort by benchmark keeps them so within one.
     * A model's benchmarks mostly lie in a narrow range of groups: counted there, else sorted */
    size_t *counts = NULL, n_counts = 0;
    for (size_t k = 0; !failed && k < m->by_model.n_groups; k++) {
        const group *e = &m->by_model.groups[k];
        size_t *pos = m->by_model.pos + e->start;
        uint32_t *key = m->by_model.key + e->start;
        uint32_t lo = UINT32_MAX, hi = 0;
        int sorted = 1;
        for (size_t i = 0; i < e->count; i++) {
            uint32_t b = bench[pos[i]];
            sorted &= !i || b >= bench[pos[i - 1]];
            lo = b < lo ? b : lo;
            hi = b > hi ? b : hi;
        }
        size_t range = e->count ? (size_t)(hi - lo) + 1 : 0;
        if (sorted) {
            for (size_t i = 0; i < e->count; i++)
                key[i] = bench[pos[i]];
        } else if (range <= 4 * e->count + 64) {
            if (range > n_counts) {
                size_t *c = realloc(counts, range * sizeof *c);
                if (!c) {
                    failed = 1;
                    break;
                }
                counts = c;
                n_counts = range;
            }
            memset(counts, 0, range * sizeof *counts);
            for (size_t i = 0; i < e->count; i++) {
                run[i] = (keyed){bench[pos[i]], pos[i]};
                counts[run[i].key - lo]++;
            }
            for (size_t b = 0, at = 0; b < range; b++) {
                size_t c = counts[b];
                counts[b] = at;
                at += c;
            }
            for (size_t i = 0; i < e->count; i++) {
                size_t at = counts[run[i].key - lo]++;
                pos[at] = run[i].pos;
                key[at] = (uint32_t)run[i].key;
            }
        } else {
            for (size_t i = 0; i < e->count; i++)
                run[i] = (keyed){bench[pos[i]], pos[i]};
            qsort(run, e->count, sizeof *run, by_key_then_position);
            for (size_t i = 0; i < e->count; i++) {
                pos[i] = run[i].pos;
                key[i] = (uint32_t)run[i].key;
            }
        }
    }
    free(counts);
    free(run);
    free(model);
    free(bench);
    if (failed) {
        grouping_free(&m->by_model);
        grouping_free(&m->by_benchmark);
        return -1; /* lookups find nothing; the next call tries again */
    }
    /* the lists in order of first appearance: the groups were made in that order; a
     * benchmark is listed from its first result that is not an aggregate's member */
    free(m->names);
    free(m->benchmarks);
    m->names = malloc((m->by_model.n_groups + 1) * sizeof *m->names);
    m->benchmarks = malloc((m->by_benchmark.n_groups + 1) * sizeof *m->benchmarks);
    keyed *first = malloc((m->by_benchmark.n_groups + 1) * sizeof *first);
    m->n_names = m->n_benchmarks = 0;
    if (!m->names || !m->benchmarks || !first) {
        free(first);
        return -1; /* the lists stay empty; m->indexed is behind, so the next call retries */
    }
    for (size_t k = 0; k < m->by_model.n_groups; k++)
        m->names[m->n_names++] = m->by_model.groups[k].name;
    size_t n_first = 0;
    for (size_t k = 0; k < m->by_benchmark.n_groups; k++) {
        const group *e = &m->by_benchmark.groups[k];
        for (size_t i = 0; i < e->count; i++) {
            size_t at = m->by_benchmark.pos[e->start + i];
            if (!(lr_store_get(m, at)->setting->flags & LR_OBS_MEMBER)) {
                first[n_first++] = (keyed){at, k};
                break;
            }
        }
    }
    qsort(first, n_first, sizeof *first, by_key_then_position);
    for (size_t i = 0; i < n_first; i++)
        m->benchmarks[m->n_benchmarks++] = m->by_benchmark.groups[first[i].pos].name;
    free(first);
    m->indexed = m->n_obs;
    return 0;
}

lr_status lr_store_index(lr_store *m)
{
    return lost_memory(m) || update_indexes(m) ? LR_ENOMEM : LR_OK;
}

const size_t *lr_store_find(const lr_store *m, const char *name, const char *benchmark, size_t *n)
{
    (void)update_indexes(m); /* on failure: found nothing */
    *n = 0;
    const group *e = group_find(&m->by_model, name);
    const group *b = group_find(&m->by_benchmark, benchmark);
    if (!e || !b)
        return NULL;
    /* the model's positions are sorted by benchmark group: the first of b's, then its run */
    uint32_t want = (uint32_t)(b - m->by_benchmark.groups);
    const uint32_t *key = m->by_model.key + e->start;
    size_t lo = 0, hi = e->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (key[mid] < want)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < e->count && key[end] == want)
        end++;
    *n = end - lo;
    return *n ? m->by_model.pos + e->start + lo : NULL;
}

const size_t *lr_store_find_benchmark(const lr_store *m, const char *benchmark, size_t *n)
{
    (void)update_indexes(m); /* on failure: found nothing */
    const group *e = group_find(&m->by_benchmark, benchmark);
    *n = e ? e->count : 0;
    return e ? m->by_benchmark.pos + e->start : NULL;
}

const char *const *lr_store_models(const lr_store *m, size_t *n)
{
    (void)update_indexes(m); /* on failure: found nothing */
    *n = m->n_names;
    return m->names;
}

const char *const *lr_store_benchmarks(const lr_store *m, size_t *n)
{
    (void)update_indexes(m); /* on failure: found nothing */
    *n = m->n_benchmarks;
    return m->benchmarks;
}

const lr_observation *lr_store_get(const lr_store *m, size_t i)
{
    return i < m->n_obs ? &m->chunks[i / OBS_CHUNK][i % OBS_CHUNK] : NULL;
}

void lr_store_skip(lr_store *m, const char *file, const char *reason)
{
    if (lr_grow((void **)&m->skips, &m->cap_skips, m->n_skips, sizeof(skipped))) {
        m->out_of_memory = 1;
        return;
    }
    const char *shown = shown_path(m, file);
    m->skips[m->n_skips].file = lr_visible_copy(&m->arena, shown ? shown : file ? file : "");
    m->skips[m->n_skips].reason = lr_visible_copy(&m->arena, reason ? reason : "");
    if (m->skips[m->n_skips].file && m->skips[m->n_skips].reason)
        m->n_skips++;
}

size_t lr_store_skipped_count(const lr_store *m)
{
    return m->n_skips;
}
void lr_store_skipped_get(const lr_store *m, size_t i, const char **file, const char **reason)
{
    *file = m->skips[i].file;
    *reason = m->skips[i].reason;
}

int lr_observation_newer(const lr_observation *a, const lr_observation *b)
{
    const char *da = a->source ? a->source->date : NULL;
    const char *db = b->source ? b->source->date : NULL;
    if (da && db) {
        int c = strcmp(db, da);
        if (c)
            return c;
    } else if (da || db) {
        return da ? -1 : 1; /* a dated observation beats an undated one */
    }
    return a->index > b->index ? -1 : a->index < b->index ? 1 : 0;
}

int lr_setting_known(const lr_setting *k)
{
    return k->shots != LR_SHOTS_UNKNOWN;
}

int lr_setting_equal(const lr_setting *a, const lr_setting *b)
{
    if (a == b) /* what the test below gives for one setting, without its string compares */
        return lr_setting_known(a) && !(a->flags & LR_OBS_LIMITED);
    return lr_setting_known(a) && lr_setting_known(b) && a->shots == b->shots &&
           lr_str_eq(a->benchmark, b->benchmark) && lr_str_eq(a->metric, b->metric) &&
           lr_str_eq(a->variant, b->variant) && !(a->flags & LR_OBS_LIMITED) &&
           !(b->flags & LR_OBS_LIMITED) &&
           (!a->task_hash || !b->task_hash || lr_str_eq(a->task_hash, b->task_hash)) &&
           lr_registry_method_equal(a->method, b->method);
}

struct lr_setting_groups {
    size_t *joined; /* per lr_setting id: 1 + its group, 0 when not met yet */
    size_t n_ids;
    const lr_setting **first; /* per group */
    size_t n, cap;
    lr_index ix; /* what must be equal, then "*" (all) or the task hash ("-": none) -> groups */
    lr_buf key;
};

lr_setting_groups *lr_setting_groups_new(const lr_store *store)
{
    lr_setting_groups *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->n_ids = lr_store_setting_count(store);
    if (!(g->joined = calloc(g->n_ids + 1, sizeof *g->joined))) {
        free(g);
        return NULL;
    }
    return g;
}

/* The first of the groups listed (ascending) that equals s; (size_t)-1 when none does. */
static size_t first_equal(const lr_setting_groups *g, const size_t *list, size_t n,
                          const lr_setting *s)
{
    for (size_t i = 0; i < n; i++)
        if (lr_setting_equal(g->first[list[i]], s))
            return list[i];
    return (size_t)-1;
}

size_t lr_setting_groups_join(lr_setting_groups *g, const lr_setting *s, int *created)
{
    *created = 0;
    if (s->id < g->n_ids && g->joined[s->id])
        return g->joined[s->id] - 1;
    /* equal settings have equal shots, metric and variant, and task hashes that are equal or
     * missing on one side: the candidates are those with s's hash and those without one (or,
     * when s has none, all of them), checked with lr_setting_equal() itself */
    lr_buf_clear(&g->key);
    lr_buf_put_int(&g->key, s->shots);
    lr_buf_putc(&g->key, s->metric ? 'm' : '-');
    lr_buf_puts(&g->key, s->metric ? s->metric : "");
    lr_buf_putc(&g->key, '\x1e');
    lr_buf_putc(&g->key, s->variant ? 'v' : '-');
    lr_buf_puts(&g->key, s->variant ? s->variant : "");
    if (lr_buf_failed(&g->key))
        return (size_t)-1;
    char tagged[80];
    snprintf(tagged, sizeof tagged, "h%s", s->task_hash ? s->task_hash : "");
    size_t n, found = (size_t)-1;
    const size_t *list;
    if (s->task_hash) {
        list = lr_index_get(&g->ix, g->key.data, tagged, &n);
        found = first_equal(g, list, n, s);
        list = lr_index_get(&g->ix, g->key.data, "-", &n);
        size_t other = first_equal(g, list, n, s);
        if (other < found)
            found = other;
    } else {
        list = lr_index_get(&g->ix, g->key.data, "*", &n);
        found = first_equal(g, list, n, s);
    }
    if (found == (size_t)-1) {
        if (lr_grow((void **)&g->first, &g->cap, g->n, sizeof *g->first))
            return (size_t)-1;
        found = g->n;
        g->first[g->n++] = s;
        if (lr_index_add(&g->ix, g->key.data, "*", found) ||
            lr_index_add(&g->ix, g->key.data, s->task_hash ? tagged : "-", found))
            return (size_t)-1;
        *created = 1;
    }
    if (s->id < g->n_ids)
        g->joined[s->id] = found + 1;
    return found;
}

const lr_setting *lr_setting_groups_first(const lr_setting_groups *g, size_t i)
{
    return g->first[i];
}

void lr_setting_groups_free(lr_setting_groups *g)
{
    if (!g)
        return;
    free(g->joined);
    free(g->first);
    lr_index_free(&g->ix);
    lr_buf_free(&g->key);
    free(g);
}

const char *lr_setting_describe(const lr_setting *o, char *buf, size_t size)
{
    size_t n = 0;
    if (o->shots == LR_SHOTS_UNKNOWN)
        n += (size_t)snprintf(buf + n, size - n, "shots not stated");
    else if (o->shots == LR_SHOTS_MIXED)
        n += (size_t)snprintf(buf + n, size - n, "shots per member");
    else
        n += (size_t)snprintf(buf + n, size - n, "%d-shot", o->shots);
    if (n < size)
        n += (size_t)snprintf(buf + n, size - n, " · %s", o->metric);
    if (o->method && n < size)
        n += (size_t)snprintf(buf + n, size - n, " · %s", o->method);
    if (o->variant && n < size)
        n += (size_t)snprintf(buf + n, size - n, " · %s", o->variant);
    /* an aggregate says how it was computed (unless its variant already does) */
    if ((o->flags & LR_OBS_AGGREGATE) && o->rule && !lr_str_eq(o->rule, o->variant) && n < size)
        n += (size_t)snprintf(buf + n, size - n, " · %s", o->rule);
    if (o->task_hash && n < size)
        n += (size_t)snprintf(buf + n, size - n, " · task %s", o->task_hash);
    if ((o->flags & LR_OBS_LIMITED) && n < size)
        snprintf(buf + n, size - n, " · subset (--limit)");
    return buf;
}

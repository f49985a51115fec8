/* Reading the report config. The whole document is first held against the table of its keys
 * (schema below): a key of the wrong type or out of range is an error with its JSON pointer, an
 * unknown key a warning, so that a typo cannot silently change a report; then the values are
 * read. */
#include "ingest/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/error.h"
#include "core/json.h"
#include "core/visible.h"

typedef struct reader {
    lr_config *c;
    const char *path;
    lr_error *err;
    lr_status st;
    lr_store *store;
} reader;

/* Every wrong key is said, in the order met: the error before this one goes out as a
 * diagnostic and this one becomes the error the load returns (said last, by the caller). */
static lr_status type_error(reader *r, const char *pointer, const char *what)
{
    if (r->st)
        lr_diag_error(lr_store_diag(r->store), LR_ERROR, r->err);
    lr_error_set(r->err, LR_ETYPE, r->path, "%s", what);
    lr_error_pointer(r->err, pointer);
    r->st = LR_ETYPE;
    return r->st;
}

/* ---- The schema: every key a config may hold, with its kind and range ------------------------ */

typedef enum kind {
    K_STRING,  /* a string */
    K_DATE,    /* a string YYYY-MM-DD */
    K_NUMBER,  /* a number from lo to hi */
    K_WHOLE,   /* a whole number from lo to hi */
    K_BOOL,    /* true or false */
    K_STRINGS, /* a list of strings */
    K_OBJECT,  /* an object of the keys sub */
    K_LIST,    /* a list of objects of the keys sub (what: "a chart") */
    K_MAP,     /* an object whose every member is an object of the keys sub (what: ...) */
    K_NAMES    /* an object whose every member is a string (what: ...) */
} kind;

typedef struct field {
    const char *key;
    kind kind;
    double lo, hi;
    const struct field *sub; /* K_OBJECT, K_LIST, K_MAP: ends with a NULL key */
    const char *what;        /* K_LIST, K_MAP, K_NAMES: the message for a member of another kind */
    int null_ok;             /* null stands for "not fixed" (a reference setting's method) */
} field;

#define COUNT 1e9 /* beyond any count of rows, results or shots */
#define STR(k)                                                                                     \
    {                                                                                              \
        k, K_STRING, 0, 0, NULL, NULL, 0                                                           \
    }
#define NUM(k, lo, hi)                                                                             \
    {                                                                                              \
        k, K_NUMBER, lo, hi, NULL, NULL, 0                                                         \
    }
#define WHOLE(k, lo, hi)                                                                           \
    {                                                                                              \
        k, K_WHOLE, lo, hi, NULL, NULL, 0                                                          \
    }
#define BOOL(k)                                                                                    \
    {                                                                                              \
        k, K_BOOL, 0, 0, NULL, NULL, 0                                                             \
    }
#define STRS(k)                                                                                    \
    {                                                                                              \
        k, K_STRINGS, 0, 0, NULL, NULL, 0                                                          \
    }
#define END                                                                                        \
    {                                                                                              \
        NULL, K_STRING, 0, 0, NULL, NULL, 0                                                        \
    }

static const field registry_benchmark[] = {STR("id"),
                                           STR("display"),
                                           STR("metric"),
                                           WHOLE("shots", 0, COUNT),
                                           NUM("random", 0, 100),
                                           STRS("aliases"),
                                           END};
static const field registry_metric[] = {
    STR("id"), STR("display"), BOOL("bounded"), BOOL("higher_is_better"), STRS("aliases"), END};
static const field registry[] = {
    {"benchmarks", K_LIST, 0, 0, registry_benchmark, "a benchmark must be an object", 0},
    {"metrics", K_LIST, 0, 0, registry_metric, "a metric must be an object", 0},
    END};
static const field reference_setting[] = {STR("metric"),
                                          {"shots", K_WHOLE, 0, COUNT, NULL, NULL, 1},
                                          {"method", K_STRING, 0, 0, NULL, NULL, 1},
                                          {"variant", K_STRING, 0, 0, NULL, NULL, 1},
                                          END};
static const field section[] = {STR("title"), STR("arxiv"), STR("match"), STR("kind"), END};
static const field model_info[] = {NUM("parameters", 0, 1e9), STR("type"), STR("license"),
                                   STR("released"), END};
static const field chart[] = {STR("type"),           STR("id"),
                              STR("title"),          STR("metric"),
                              STRS("benchmarks"),    STR("benchmark"),
                              STRS("models"),        WHOLE("top", 0, COUNT),
                              BOOL("from_baseline"), END};
static const field aggregate[] = {STR("id"), STR("title"), STR("rule"), STRS("members"), END};
static const field findings[] = {NUM("spread_points", 0, 100), WHOLE("limit", 1, 100000), END};
static const field regression[] = {NUM("points", 0, 100),
                                   NUM("stderr", 0, 1000),
                                   NUM("q", 0, 1),
                                   WHOLE("nights", 1, 365),
                                   WHOLE("flips", 0, 10000),
                                   WHOLE("bootstrap", 100, 10000000),
                                   WHOLE("seed", 0, 9007199254740992.0),
                                   STR("cluster"),
                                   END};
static const field acknowledgement[] = {
    STR("model"), STR("benchmark"), {"until", K_DATE, 0, 0, NULL, NULL, 0}, END};
static const field top[] = {
    STR("format"),
    STR("title"),
    STR("subtitle"),
    STR("author"),
    {"date", K_DATE, 0, 0, NULL, NULL, 0},
    STR("language"),
    STR("template"),
    STR("page"),
    {"registry", K_OBJECT, 0, 0, registry, NULL, 0},
    {"aliases", K_NAMES, 0, 0, NULL, "an alias must map a name to a string", 0},
    STRS("models"),
    STRS("benchmarks"),
    {"reference_settings", K_MAP, 0, 0, reference_setting, "a reference setting must be an object",
     0},
    {"sections", K_LIST, 0, 0, section, "a section must be an object", 0},
    {"model_info", K_MAP, 0, 0, model_info, "a model's info must be an object", 0},
    {"charts", K_LIST, 0, 0, chart, "a chart must be an object", 0},
    {"aggregates", K_LIST, 0, 0, aggregate, "an aggregate must be an object", 0},
    BOOL("average"),
    WHOLE("overview_top", 0, COUNT),
    WHOLE("table_top", 0, COUNT),
    {"findings", K_OBJECT, 0, 0, findings, NULL, 0},
    {"regression", K_OBJECT, 0, 0, regression, NULL, 0},
    {"acknowledged", K_LIST, 0, 0, acknowledgement, "an acknowledgement must be an object", 0},
    END};

static int is_date(const char *s)
{
    int y, m, d;
    char tail;
    return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && s[4] == '-' &&
           s[7] == '-' && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static void check_object(reader *r, const cJSON *obj, const field *fields, const char *ptr);

/* A member of a K_LIST, K_MAP or K_NAMES value: 0, or -1 after the error. */
static int check_member(reader *r, const cJSON *e, const field *f, const char *ptr)
{
    if (f->kind == K_NAMES ? !cJSON_IsString(e) : !cJSON_IsObject(e)) {
        type_error(r, ptr, f->what);
        return -1;
    }
    if (f->kind != K_NAMES)
        check_object(r, e, f->sub, ptr);
    return r->st ? -1 : 0;
}

/* One value against its field: 0, or -1 after the error. */
static int check_value(reader *r, const cJSON *v, const field *f, const char *ptr)
{
    char msg[200];
    double num;
    if (cJSON_IsNull(v) && f->null_ok)
        return 0;
    switch (f->kind) {
    case K_STRING:
        if (cJSON_IsString(v))
            return 0;
        snprintf(msg, sizeof msg, "\"%s\" must be a string", f->key);
        break;
    case K_DATE:
        if (cJSON_IsString(v) && is_date(v->valuestring))
            return 0;
        snprintf(msg, sizeof msg, "\"%s\" must be a date YYYY-MM-DD", f->key);
        break;
    case K_NUMBER:
    case K_WHOLE:
        if (lr_json_number(v, &num) == LR_NUM_OK && num >= f->lo && num <= f->hi &&
            (f->kind == K_NUMBER || num == (double)(long long)num))
            return 0;
        snprintf(msg, sizeof msg, "\"%s\" must be a %s from %.15g to %.15g", f->key,
                 f->kind == K_WHOLE ? "whole number" : "number", f->lo, f->hi);
        break;
    case K_BOOL:
        if (cJSON_IsBool(v))
            return 0;
        snprintf(msg, sizeof msg, "\"%s\" must be true or false", f->key);
        break;
    case K_STRINGS: {
        if (!cJSON_IsArray(v)) {
            snprintf(msg, sizeof msg, "\"%s\" must be a list of strings", f->key);
            break;
        }
        const cJSON *e;
        int i = 0;
        lr_json_for_items(e, v)
        {
            if (!cJSON_IsString(e)) {
                char p[300];
                snprintf(p, sizeof p, "%s", ptr);
                lr_json_pointer_push_index(p, sizeof p, i);
                snprintf(msg, sizeof msg, "\"%s\" must be a list of strings", f->key);
                type_error(r, p, msg);
                return -1;
            }
            i++;
        }
        return 0;
    }
    case K_OBJECT:
        if (cJSON_IsObject(v)) {
            check_object(r, v, f->sub, ptr);
            return r->st ? -1 : 0;
        }
        snprintf(msg, sizeof msg, "\"%s\" must be an object", f->key);
        break;
    case K_LIST:
    case K_MAP:
    case K_NAMES: {
        if (f->kind == K_LIST ? !cJSON_IsArray(v) : !cJSON_IsObject(v)) {
            snprintf(msg, sizeof msg, "\"%s\" must be %s", f->key,
                     f->kind == K_LIST ? "a list" : "an object");
            break;
        }
        const cJSON *e;
        int i = 0;
        if (f->kind == K_LIST) {
            lr_json_for_items(e, v)
            {
                char p[300];
                snprintf(p, sizeof p, "%s", ptr);
                lr_json_pointer_push_index(p, sizeof p, i++);
                check_member(r, e, f, p);
            }
        } else {
            lr_json_for_members(e, v)
            {
                char p[300];
                snprintf(p, sizeof p, "%s", ptr);
                lr_json_pointer_push(p, sizeof p, e->string ? e->string : "");
                check_member(r, e, f, p);
            }
        }
        return r->st ? -1 : 0;
    }
    }
    type_error(r, ptr, msg);
    return -1;
}

/* Every member of obj against fields, in the order they are written: each wrong one is an
 * error; an unknown key is a warning and otherwise ignored. */
static void check_object(reader *r, const cJSON *obj, const field *fields, const char *ptr)
{
    const cJSON *m;
    lr_json_for_members(m, obj)
    {
        char p[300];
        snprintf(p, sizeof p, "%s", ptr);
        lr_json_pointer_push(p, sizeof p, m->string ? m->string : "");
        const field *f = fields;
        while (f->key && strcmp(f->key, m->string ? m->string : ""))
            f++;
        if (!f->key) {
            char shown[120];
            const char *key = m->string ? m->string : "";
            lr_visible(shown, sizeof shown, key, strlen(key));
            lr_diag_emit(lr_store_diag(r->store), LR_WARNING, r->path, p, 0, 0,
                         "unknown key \"%s\" ignored", shown);
            continue;
        }
        check_value(r, m, f, p); /* on to the next key: every wrong one is said */
    }
}

/* ---- Reading the values (the schema has checked their kinds) ----------------------------------
 */

static const char *get_string(reader *r, const cJSON *obj, const char *key, const char *ptr)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v || cJSON_IsNull(v))
        return NULL;
    if (!cJSON_IsString(v)) {
        char p[256];
        snprintf(p, sizeof p, "%s/%s", ptr, key);
        char msg[128];
        snprintf(msg, sizeof msg, "\"%s\" must be a string", key);
        type_error(r, p, msg);
        return NULL;
    }
    return lr_visible_copy(&r->c->arena, v->valuestring); /* as the store shows names */
}

/* A list of strings into an arena array. */
static const char **get_strings(reader *r, const cJSON *obj, const char *key, size_t *n,
                                const char *ptr)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    *n = 0;
    if (!v || cJSON_IsNull(v))
        return NULL;
    char p[256];
    snprintf(p, sizeof p, "%s/%s", ptr, key);
    if (!cJSON_IsArray(v)) {
        char msg[128];
        snprintf(msg, sizeof msg, "\"%s\" must be a list of strings", key);
        type_error(r, p, msg);
        return NULL;
    }
    size_t count = (size_t)cJSON_GetArraySize(v);
    const char **out = lr_arena_alloc(&r->c->arena, (count + 1) * sizeof *out);
    if (!out)
        return NULL;
    const cJSON *e;
    lr_json_for_items(e, v)
    {
        if (!cJSON_IsString(e)) {
            char msg[128];
            snprintf(msg, sizeof msg, "\"%s\" must be a list of strings", key);
            lr_json_pointer_push_index(p, sizeof p, (int)*n);
            type_error(r, p, msg);
            return NULL;
        }
        out[(*n)++] = lr_visible_copy(&r->c->arena, e->valuestring);
    }
    return out;
}

/* A number written as a count or shots, without undefined conversions: (int) of 1e300 is
 * undefined, so values beyond any real count are clamped. */
static int whole(double v)
{
    return v >= 0 && v < 1e6 ? (int)v : v < 0 ? LR_SHOTS_UNKNOWN : 1000000;
}

static size_t count_of(double v)
{
    return v > 0 ? v < 1e15 ? (size_t)v : (size_t)1e15 : 0;
}

static const char *canonical_benchmark(reader *r, const char *name)
{
    const lr_benchmark_def *b = lr_registry_benchmark(lr_store_registry(r->store), name);
    return b ? b->id : name;
}

static const char *canonical_metric(reader *r, const char *name)
{
    const lr_metric_def *m = lr_registry_metric(lr_store_registry(r->store), name);
    return m ? m->id : name;
}

/* The nightly gate: "regression": {"q": 0.05, "nights": 1, "flips": 10, "bootstrap": 10000,
 * "seed": 20261120, "cluster": "task", "doc.FIELD" or "none"}. */
static void read_gate(reader *r, const cJSON *reg)
{
    const cJSON *cl = cJSON_GetObjectItemCaseSensitive(reg, "cluster");
    const char *name = cJSON_IsString(cl) ? cl->valuestring : NULL;
    int doc = name && !strncmp(name, "doc.", 4) && name[4] && !strchr(name + 4, '.');
    if (cl && !(name && (!strcmp(name, "task") || !strcmp(name, "none") || doc))) {
        type_error(r, "/regression/cluster",
                   "\"cluster\" must be \"task\" (a group's items clustered by their member "
                   "task), \"doc.FIELD\" (by a field of each item's document) or \"none\"");
        return;
    }
    if (cl) {
        r->c->cluster_task = strcmp(name, "none") != 0;
        r->c->cluster_field = doc ? lr_arena_strdup(&r->c->arena, name + 4) : NULL;
    }
    static const struct {
        const char *key;
        double lo, hi;
    } keys[] = {{"q", 0, 1},
                {"nights", 1, 365},
                {"flips", 0, 10000},
                {"bootstrap", 100, 10000000},
                {"seed", 0, 9007199254740992.0}};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(reg, keys[i].key);
        double num;
        if (!v)
            continue;
        if (lr_json_number(v, &num) != LR_NUM_OK || num < keys[i].lo || num > keys[i].hi ||
            (i && num != (double)(long long)num)) {
            char ptr[64], msg[128];
            snprintf(ptr, sizeof ptr, "/regression/%s", keys[i].key);
            snprintf(msg, sizeof msg, "\"%s\" must be a %s from %g to %g", keys[i].key,
                     i ? "whole number" : "number", keys[i].lo, keys[i].hi);
            type_error(r, ptr, msg);
            return;
        }
        if (i == 0)
            r->c->gate_q = num;
        else if (i == 1)
            r->c->gate_nights = (size_t)num;
        else if (i == 2)
            r->c->flips_listed = (size_t)num;
        else if (i == 3)
            r->c->bootstrap_resamples = (unsigned)num;
        else
            r->c->bootstrap_seed = (unsigned long long)num;
    }
}

/* "acknowledged": [{"model": "A", "benchmark": "MMLU", "until": "2026-12-01"}, ...] */
static void read_acknowledged(reader *r, const cJSON *list)
{
    if (!cJSON_IsArray(list)) {
        type_error(r, "/acknowledged", "\"acknowledged\" must be a list");
        return;
    }
    lr_config *c = r->c;
    size_t n = (size_t)cJSON_GetArraySize(list);
    c->acknowledged = lr_arena_alloc(&c->arena, (n + 1) * sizeof *c->acknowledged);
    if (!c->acknowledged)
        return;
    int i = 0;
    const cJSON *e;
    lr_json_for_items(e, list)
    {
        char ptr[64];
        snprintf(ptr, sizeof ptr, "/acknowledged/%d", i++);
        const char *model = get_string(r, e, "model", ptr);
        const char *bench = get_string(r, e, "benchmark", ptr);
        const char *until = get_string(r, e, "until", ptr);
        int y, m, d;
        char tail;
        if (r->st)
            return;
        if (!model || !bench || !until || sscanf(until, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
            m < 1 || m > 12 || d < 1 || d > 31 || strlen(until) != 10) {
            type_error(r, ptr,
                       "an acknowledgement needs \"model\", \"benchmark\" and \"until\" "
                       "(YYYY-MM-DD)");
            return;
        }
        lr_acknowledged *a = &c->acknowledged[c->n_acknowledged++];
        a->model = lr_arena_strdup(&c->arena, lr_store_model_name(r->store, model));
        a->benchmark = lr_arena_strdup(&c->arena, canonical_benchmark(r, bench));
        a->until = lr_arena_strdup(&c->arena, until);
    }
}

static void read_registry(reader *r, const cJSON *reg)
{
    const cJSON *b;
    int i = 0;
    lr_json_for_items(b, cJSON_GetObjectItemCaseSensitive(reg, "benchmarks"))
    {
        char ptr[64];
        snprintf(ptr, sizeof ptr, "/registry/benchmarks/%d", i++);
        const char *id = get_string(r, b, "id", ptr);
        if (!id) {
            type_error(r, ptr, "a benchmark needs an \"id\"");
            return;
        }
        lr_benchmark_def d = {id,
                              get_string(r, b, "display", ptr),
                              NULL,
                              get_string(r, b, "metric", ptr),
                              LR_SHOTS_UNKNOWN,
                              -1,
                              NULL};
        double v;
        if (lr_json_number(cJSON_GetObjectItemCaseSensitive(b, "shots"), &v) == LR_NUM_OK)
            d.default_shots = whole(v);
        if (lr_json_number(cJSON_GetObjectItemCaseSensitive(b, "random"), &v) == LR_NUM_OK)
            d.random_baseline = v;
        const lr_benchmark_def *existing = lr_registry_benchmark(lr_store_registry(r->store), id);
        if (!existing || strcmp(existing->id, id))
            lr_registry_add_benchmark(lr_store_registry(r->store), &d);
        size_t n;
        const char **aliases = get_strings(r, b, "aliases", &n, ptr);
        for (size_t k = 0; k < n; k++)
            lr_registry_add_alias(lr_store_registry(r->store), 0, id, aliases[k]);
    }
    i = 0;
    lr_json_for_items(b, cJSON_GetObjectItemCaseSensitive(reg, "metrics"))
    {
        char ptr[64];
        snprintf(ptr, sizeof ptr, "/registry/metrics/%d", i++);
        const char *id = get_string(r, b, "id", ptr);
        if (!id) {
            type_error(r, ptr, "a metric needs an \"id\"");
            return;
        }
        const cJSON *bounded = cJSON_GetObjectItemCaseSensitive(b, "bounded");
        const cJSON *hib = cJSON_GetObjectItemCaseSensitive(b, "higher_is_better");
        lr_metric_def d = {id, get_string(r, b, "display", ptr), NULL,
                           bounded ? cJSON_IsTrue(bounded) : 1, hib ? cJSON_IsTrue(hib) : 1};
        const lr_metric_def *existing = lr_registry_metric(lr_store_registry(r->store), id);
        if (!existing || strcmp(existing->id, id))
            lr_registry_add_metric(lr_store_registry(r->store), &d);
        size_t n;
        const char **aliases = get_strings(r, b, "aliases", &n, ptr);
        for (size_t k = 0; k < n; k++)
            lr_registry_add_alias(lr_store_registry(r->store), 1, id, aliases[k]);
    }
}

static void read_refs(reader *r, const cJSON *refs)
{
    lr_config *c = r->c;
    size_t count = (size_t)cJSON_GetArraySize(refs);
    c->refs = lr_arena_alloc(&c->arena, (count + 1) * sizeof *c->refs);
    if (!c->refs)
        return;
    const cJSON *e;
    lr_json_for_members(e, refs)
    {
        char ptr[256] = "/reference_settings";
        lr_json_pointer_push(ptr, sizeof ptr, e->string);
        if (!cJSON_IsObject(e)) {
            type_error(r, ptr, "a reference setting must be an object");
            return;
        }
        lr_ref_setting *s = &c->refs[c->n_refs++];
        memset(s, 0, sizeof *s);
        s->benchmark = lr_arena_strdup(&c->arena, canonical_benchmark(r, e->string));
        const char *metric = get_string(r, e, "metric", ptr);
        s->metric = metric ? lr_arena_strdup(&c->arena, canonical_metric(r, metric)) : NULL;
        double v;
        s->shots = LR_SHOTS_UNKNOWN;
        if (lr_json_number(cJSON_GetObjectItemCaseSensitive(e, "shots"), &v) == LR_NUM_OK)
            s->shots = whole(v);
        const cJSON *m = cJSON_GetObjectItemCaseSensitive(e, "method");
        if (m) {
            s->has_method = 1;
            s->method = cJSON_IsString(m) ? lr_registry_method(lr_store_registry(r->store),
                                                               m->valuestring, &c->arena)
                                          : NULL;
        }
        const cJSON *va = cJSON_GetObjectItemCaseSensitive(e, "variant");
        if (va) {
            s->has_variant = 1;
            s->variant = cJSON_IsString(va) ? lr_arena_strdup(&c->arena, va->valuestring) : NULL;
        }
    }
}

static void read_charts(reader *r, const cJSON *charts)
{
    lr_config *c = r->c;
    c->charts_given = 1;
    size_t count = (size_t)cJSON_GetArraySize(charts);
    c->charts = lr_arena_alloc(&c->arena, (count + 1) * sizeof *c->charts);
    if (!c->charts)
        return;
    const cJSON *e;
    int i = 0;
    lr_json_for_items(e, charts)
    {
        char ptr[64];
        snprintf(ptr, sizeof ptr, "/charts/%d", i++);
        if (!cJSON_IsObject(e)) {
            type_error(r, ptr, "a chart must be an object");
            return;
        }
        lr_chart_spec *s = &c->charts[c->n_charts++];
        memset(s, 0, sizeof *s);
        s->type = get_string(r, e, "type", ptr);
        s->id = get_string(r, e, "id", ptr);
        s->title = get_string(r, e, "title", ptr);
        s->metric = get_string(r, e, "metric", ptr);
        if (s->metric)
            s->metric = canonical_metric(r, s->metric);
        s->benchmarks = get_strings(r, e, "benchmarks", &s->n_benchmarks, ptr);
        const char *one = get_string(r, e, "benchmark", ptr);
        if (one && !s->benchmarks) {
            s->benchmarks = lr_arena_alloc(&c->arena, sizeof *s->benchmarks);
            if (s->benchmarks) {
                s->benchmarks[0] = one;
                s->n_benchmarks = 1;
            }
        }
        for (size_t k = 0; k < s->n_benchmarks; k++)
            s->benchmarks[k] = canonical_benchmark(r, s->benchmarks[k]);
        s->models = get_strings(r, e, "models", &s->n_models, ptr);
        double v;
        if (lr_json_number(cJSON_GetObjectItemCaseSensitive(e, "top"), &v) == LR_NUM_OK && v > 0)
            s->top = count_of(v);
        s->from_baseline = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "from_baseline"));
        if (!s->type) {
            type_error(r, ptr, "a chart needs a \"type\"");
            return;
        }
    }
}

static void read_sections(reader *r, const cJSON *sections)
{
    lr_config *c = r->c;
    size_t count = (size_t)cJSON_GetArraySize(sections);
    c->sections = lr_arena_alloc(&c->arena, (count + 1) * sizeof *c->sections);
    if (!c->sections)
        return;
    const cJSON *e;
    int i = 0;
    lr_json_for_items(e, sections)
    {
        char ptr[64];
        snprintf(ptr, sizeof ptr, "/sections/%d", i++);
        if (!cJSON_IsObject(e)) {
            type_error(r, ptr, "a section must be an object");
            return;
        }
        lr_section_spec *s = &c->sections[c->n_sections++];
        s->title = get_string(r, e, "title", ptr);
        s->arxiv = get_string(r, e, "arxiv", ptr);
        s->match = get_string(r, e, "match", ptr);
        s->kind = get_string(r, e, "kind", ptr);
    }
}

static void read_infos(reader *r, const cJSON *infos)
{
    lr_config *c = r->c;
    size_t count = (size_t)cJSON_GetArraySize(infos);
    c->infos = lr_arena_alloc(&c->arena, (count + 1) * sizeof *c->infos);
    if (!c->infos)
        return;
    const cJSON *e;
    lr_json_for_members(e, infos)
    {
        char ptr[256] = "/model_info";
        lr_json_pointer_push(ptr, sizeof ptr, e->string);
        lr_model_info *m = &c->infos[c->n_infos++];
        memset(m, 0, sizeof *m);
        /* under the model's one name, as its results are (aliases, then the registry) */
        m->name = lr_visible_copy(&c->arena,
                                  r->store ? lr_store_model_name(r->store, e->string) : e->string);
        double v;
        if (lr_json_number(cJSON_GetObjectItemCaseSensitive(e, "parameters"), &v) == LR_NUM_OK)
            m->parameters = v;
        m->type = get_string(r, e, "type", ptr);
        m->license = get_string(r, e, "license", ptr);
        m->released = get_string(r, e, "released", ptr);
    }
}

static void read_aggregates(reader *r, const cJSON *aggs)
{
    lr_config *c = r->c;
    size_t count = (size_t)cJSON_GetArraySize(aggs);
    c->aggregates = lr_arena_alloc(&c->arena, (count + 1) * sizeof *c->aggregates);
    if (!c->aggregates)
        return;
    const cJSON *e;
    int i = 0;
    lr_json_for_items(e, aggs)
    {
        char ptr[64];
        snprintf(ptr, sizeof ptr, "/aggregates/%d", i++);
        lr_aggregate_spec *a = &c->aggregates[c->n_aggregates++];
        memset(a, 0, sizeof *a);
        a->id = get_string(r, e, "id", ptr);
        a->title = get_string(r, e, "title", ptr);
        a->rule = get_string(r, e, "rule", ptr);
        a->members = get_strings(r, e, "members", &a->n_members, ptr);
        for (size_t k = 0; k < a->n_members; k++)
            a->members[k] = canonical_benchmark(r, a->members[k]);
        if (!a->id || !a->n_members)
            type_error(r, ptr, "an aggregate needs an \"id\" and \"members\"");
        else if (a->rule && strcmp(a->rule, "mean"))
            type_error(r, ptr, "an aggregate's \"rule\" can only be \"mean\" (the plain mean)");
    }
}

lr_status lr_config_load(lr_config *c, const char *path, lr_store *store, lr_error *err)
{
    char *text;
    size_t len;
    lr_status st = lr_file_read(path, 16 * 1024 * 1024, &text, &len, err);
    if (st)
        return st;
    cJSON *json;
    lr_arena tree = LR_ARENA_INIT;
    lr_json_info info;
    st = lr_json_load(&text, &len, path, &tree, &json, &info, err);
    if (st) {
        free(text);
        lr_arena_free(&tree);
        return st;
    }
    reader r = {c, path, err, LR_OK, store};
    const char *format = lr_json_string(json, "format");
    if (!cJSON_IsObject(json) || !format || strcmp(format, "llmreport-config/1")) {
        lr_arena_free(&tree);
        free(text);
        lr_error_set(err, LR_EFORMAT, path,
                     "not a report config (\"format\": \"llmreport-config/1\" expected)");
        lr_error_pointer(err, "/format");
        return LR_EFORMAT;
    }
    c->path = lr_arena_strdup(&c->arena, path);
    check_object(&r, json, top, "");
    if (r.st) {
        lr_arena_free(&tree);
        free(text);
        return r.st;
    }
    c->title = get_string(&r, json, "title", "");
    c->subtitle = get_string(&r, json, "subtitle", "");
    c->author = get_string(&r, json, "author", "");
    c->date = get_string(&r, json, "date", "");
    c->language = get_string(&r, json, "language", "");
    c->template_path = get_string(&r, json, "template", "");
    c->page = get_string(&r, json, "page", "");
    /* any JSON value may stand at any key: the parts read below are walked only as what they
     * must be, and one of another kind is an error here */
    static const struct {
        const char *key;
        int object; /* else a list */
    } parts[] = {{"registry", 1}, {"aliases", 1}, {"reference_settings", 1}, {"model_info", 1},
                 {"sections", 0}, {"charts", 0},  {"aggregates", 0}};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        const cJSON *part = cJSON_GetObjectItemCaseSensitive(json, parts[i].key);
        if (part && !cJSON_IsNull(part) &&
            !(parts[i].object ? cJSON_IsObject(part) : cJSON_IsArray(part))) {
            char ptr[64] = "", msg[96];
            lr_json_pointer_push(ptr, sizeof ptr, parts[i].key);
            snprintf(msg, sizeof msg, "\"%s\" must be %s", parts[i].key,
                     parts[i].object ? "an object" : "a list");
            type_error(&r, ptr, msg);
        }
    }
    const cJSON *reg = cJSON_GetObjectItemCaseSensitive(json, "registry");
    if (reg)
        read_registry(&r, reg);
    const cJSON *aliases = cJSON_GetObjectItemCaseSensitive(json, "aliases");
    const cJSON *e;
    size_t n_alias = (size_t)cJSON_GetArraySize(aliases);
    c->alias_from = lr_arena_alloc(&c->arena, (n_alias + 1) * sizeof *c->alias_from);
    c->alias_to = lr_arena_alloc(&c->arena, (n_alias + 1) * sizeof *c->alias_to);
    lr_json_for_members(e, aliases)
    {
        if (cJSON_IsString(e) && c->alias_from && c->alias_to) {
            lr_store_alias(store, e->string, e->valuestring);
            c->alias_from[c->n_aliases_copy] = lr_arena_strdup(&c->arena, e->string);
            c->alias_to[c->n_aliases_copy++] = lr_arena_strdup(&c->arena, e->valuestring);
        } else if (cJSON_IsString(e)) {
            lr_store_alias(store, e->string, e->valuestring);
        } else {
            char ptr[256] = "/aliases";
            lr_json_pointer_push(ptr, sizeof ptr, e->string);
            type_error(&r, ptr, "an alias must map a name to a string");
        }
    }
    c->models = get_strings(&r, json, "models", &c->n_models, "");
    c->benchmarks = get_strings(&r, json, "benchmarks", &c->n_benchmarks, "");
    for (size_t k = 0; k < c->n_benchmarks; k++)
        c->benchmarks[k] = canonical_benchmark(&r, c->benchmarks[k]);
    const cJSON *v;
    if ((v = cJSON_GetObjectItemCaseSensitive(json, "reference_settings")))
        read_refs(&r, v);
    if ((v = cJSON_GetObjectItemCaseSensitive(json, "sections")))
        read_sections(&r, v);
    if ((v = cJSON_GetObjectItemCaseSensitive(json, "model_info")))
        read_infos(&r, v);
    if ((v = cJSON_GetObjectItemCaseSensitive(json, "charts")))
        read_charts(&r, v);
    if ((v = cJSON_GetObjectItemCaseSensitive(json, "aggregates")))
        read_aggregates(&r, v);
    if ((v = cJSON_GetObjectItemCaseSensitive(json, "average")))
        c->average = cJSON_IsTrue(v);
    double num;
    if (lr_json_number(cJSON_GetObjectItemCaseSensitive(json, "overview_top"), &num) == LR_NUM_OK)
        c->overview_top = count_of(num);
    if (lr_json_number(cJSON_GetObjectItemCaseSensitive(json, "table_top"), &num) == LR_NUM_OK)
        c->table_top = count_of(num);
    const cJSON *fnd = cJSON_GetObjectItemCaseSensitive(json, "findings");
    if (fnd && !cJSON_IsObject(fnd) && !cJSON_IsNull(fnd))
        type_error(&r, "/findings", "\"findings\" must be an object");
    const cJSON *fv = cJSON_GetObjectItemCaseSensitive(fnd, "spread_points");
    if (fv && (lr_json_number(fv, &num) != LR_NUM_OK || num < 0))
        type_error(&r, "/findings/spread_points", "\"spread_points\" must be a number >= 0");
    else if (fv)
        c->findings_spread_points = num;
    fv = cJSON_GetObjectItemCaseSensitive(fnd, "limit");
    if (fv && (lr_json_number(fv, &num) != LR_NUM_OK || num < 1 || num > 100000 ||
               num != (double)(size_t)num))
        type_error(&r, "/findings/limit", "\"limit\" must be a whole number from 1 to 100000");
    else if (fv)
        c->findings_limit = (size_t)num;
    const cJSON *reg_t = cJSON_GetObjectItemCaseSensitive(json, "regression");
    if (lr_json_number(cJSON_GetObjectItemCaseSensitive(reg_t, "points"), &num) == LR_NUM_OK)
        c->threshold_points = num;
    if (lr_json_number(cJSON_GetObjectItemCaseSensitive(reg_t, "stderr"), &num) == LR_NUM_OK)
        c->threshold_stderr = num;
    read_gate(&r, reg_t);
    if ((v = cJSON_GetObjectItemCaseSensitive(json, "acknowledged")))
        read_acknowledged(&r, v);
    lr_arena_free(&tree);
    free(text);
    return r.st;
}

/* The native formats: llmreport/1, paper tables written down by hand and the snapshots of
 * earlier versions (one object per result), and llmreport/2, the compact snapshot that
 * `llmreport export` and `build` write (results.json; docs/snapshot.md). A file has one source,
 * or a list of sources that results name by id; a result's own "source" object overrides the
 * file's fields. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/json.h"
#include "ingest/ingest.h"

/* llmreport/2 is the compact snapshot (settings and locators numbered, results as rows). */
static int snapshot_form(const cJSON *json)
{
    const char *format = json ? lr_json_string(json, "format") : NULL;
    return format && !strcmp(format, "llmreport/2");
}

static int sniff(const lr_input *in)
{
    const char *format = in->json ? lr_json_string(in->json, "format") : NULL;
    return format && (!strcmp(format, "llmreport/1") || snapshot_form(in->json)) ? 100 : 0;
}

static const char *const source_fields[] = {"kind", "title", "arxiv",   "table",      "url",
                                            "date", "file",  "harness", "model_args", "note"};

static const char **source_slot(lr_source *s, size_t i)
{
    const char **slots[] = {&s->kind, &s->title, &s->arxiv,   &s->table,      &s->url,
                            &s->date, &s->file,  &s->harness, &s->model_args, &s->note};
    return slots[i];
}

/* "caveats": a list of strings (what the source itself says limits its numbers); null or []
 * clears the file source's. Anything else is warned about at ptr and ignored. */
static void fill_caveats(const lr_input *in, const char *ptr, lr_source *s, const cJSON *obj)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(obj, "caveats");
    if (!list)
        return;
    if (!cJSON_IsArray(list) && !cJSON_IsNull(list)) {
        lr_ingest_warn(in, ptr, "\"caveats\" must be a list of strings; ignored");
        return;
    }
    s->caveats = NULL;
    s->n_caveats = 0;
    size_t n = 0;
    const cJSON *c;
    lr_json_for_items(c, list)
    {
        if (!cJSON_IsString(c)) {
            lr_ingest_warn(in, ptr, "a caveat that is not a string ignored");
            continue;
        }
        n++;
    }
    const char **caveats =
        n ? lr_arena_alloc(lr_store_arena(in->store), n * sizeof *caveats) : NULL;
    if (!caveats)
        return;
    n = 0;
    lr_json_for_items(c, list)
    {
        if (cJSON_IsString(c))
            caveats[n++] = lr_store_strdup(in->store, c->valuestring);
    }
    s->caveats = caveats;
    s->n_caveats = n;
}

static int same_caveats(const lr_source *a, const lr_source *b)
{
    if (a->n_caveats != b->n_caveats)
        return 0;
    for (size_t i = 0; i < a->n_caveats; i++)
        if (!a->caveats[i] || !b->caveats[i] || strcmp(a->caveats[i], b->caveats[i]))
            return 0;
    return 1;
}

/* Copies the string fields and caveats of obj (at JSON pointer ptr) over s. */
static void fill_source(const lr_input *in, const char *ptr, lr_source *s, const cJSON *obj)
{
    lr_store *store = in->store;
    for (size_t i = 0; i < sizeof source_fields / sizeof source_fields[0]; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, source_fields[i]);
        if (cJSON_IsString(v))
            *source_slot(s, i) = lr_store_strdup(store, v->valuestring);
        else if (cJSON_IsNull(v)) /* null clears a field the file's source sets */
            *source_slot(s, i) = NULL;
    }
    char cptr[96];
    snprintf(cptr, sizeof cptr, "%s/caveats", ptr);
    fill_caveats(in, cptr, s, obj);
}

static lr_source *source_copy(lr_store *store, const lr_source *base, const char *file)
{
    lr_source *s = lr_store_source_new(store, base->kind, file);
    if (!s)
        return NULL;
    const char *id = s->id;
    size_t index = s->index;
    *s = *base;
    s->id = id;
    s->index = index;
    if (!base->file)
        s->file = lr_store_strdup(store, file);
    return s;
}

/* Sources named in the file: either "source" (one) or "sources" (a list with ids). */
typedef struct named_source {
    const char *name;
    lr_source *source;
} named_source;

static lr_scale read_scale(const char *s, int *ok)
{
    *ok = 1;
    if (!s)
        return LR_SCALE_DEFAULT;
    if (!strcmp(s, "percent"))
        return LR_SCALE_PERCENT;
    if (!strcmp(s, "fraction"))
        return LR_SCALE_FRACTION;
    if (!strcmp(s, "raw"))
        return LR_SCALE_RAW;
    *ok = 0;
    return LR_SCALE_DEFAULT;
}

static const char *opt_string(const lr_input *in, const cJSON *r, const char *key, const char *ptr,
                              int *bad)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(r, key);
    if (!v || cJSON_IsNull(v))
        return NULL;
    if (cJSON_IsString(v))
        return v->valuestring;
    char p[300];
    snprintf(p, sizeof p, "%s/%s", ptr, key);
    lr_ingest_warn(in, p, "\"%s\" must be a string or null; result skipped", key);
    *bad = 1;
    return NULL;
}

/* The names of a setting in r (at ptr): the strings a result and a snapshot's setting share. */
static void read_setting_names(const lr_input *in, const cJSON *r, const char *ptr, lr_obs_in *o,
                               int *bad)
{
    o->benchmark = opt_string(in, r, "benchmark", ptr, bad);
    o->metric = opt_string(in, r, "metric", ptr, bad);
    o->method = opt_string(in, r, "method", ptr, bad);
    o->variant = opt_string(in, r, "variant", ptr, bad);
    o->task_hash = opt_string(in, r, "task_hash", ptr, bad);
    o->note = opt_string(in, r, "note", ptr, bad);
    o->parent = opt_string(in, r, "parent", ptr, bad);
    o->rule = opt_string(in, r, "rule", ptr, bad);
    o->filter = opt_string(in, r, "filter", ptr, bad);
}

/* "shots" of r into o; 0, or -1 (warned about) when the result cannot be used. */
static int read_shots(const lr_input *in, const cJSON *r, const char *ptr, lr_obs_in *o)
{
    const cJSON *shots = cJSON_GetObjectItemCaseSensitive(r, "shots");
    if (cJSON_IsString(shots) && !strcmp(shots->valuestring, "mixed")) {
        o->shots = LR_SHOTS_MIXED;
    } else if (shots && !cJSON_IsNull(shots)) {
        if (!cJSON_IsNumber(shots) || shots->valuedouble < 0 || shots->valuedouble > 100000 ||
            shots->valuedouble != (int)shots->valuedouble) {
            char vptr[320];
            snprintf(vptr, sizeof vptr, "%s/shots", ptr);
            lr_ingest_warn(in, vptr,
                           "\"shots\" must be a whole number, \"mixed\" or null; result skipped");
            return -1;
        }
        o->shots = (int)shots->valuedouble;
    }
    return 0;
}

static const char *const flag_names[] = {"aggregate", "member", "limited", "reference", "flagged"};
static const unsigned flag_bits[] = {LR_OBS_AGGREGATE, LR_OBS_MEMBER, LR_OBS_LIMITED,
                                     LR_OBS_REFERENCE, LR_OBS_FLAGGED};

/* "higher_is_better", "scale" and "flags" of r into o; 0, or -1 (warned about). */
static int read_setting_rest(const lr_input *in, const cJSON *r, const char *ptr, lr_obs_in *o)
{
    const cJSON *hib = cJSON_GetObjectItemCaseSensitive(r, "higher_is_better");
    if (cJSON_IsBool(hib))
        o->higher_is_better = cJSON_IsTrue(hib);
    int ok, bad = 0;
    const char *scale = opt_string(in, r, "scale", ptr, &bad);
    o->scale = read_scale(scale, &ok);
    if (!ok || bad) {
        char vptr[320];
        snprintf(vptr, sizeof vptr, "%s/scale", ptr);
        lr_ingest_warn(in, vptr,
                       "\"scale\" must be \"percent\", \"fraction\" or \"raw\"; result skipped");
        return -1;
    }
    const cJSON *flags = cJSON_GetObjectItemCaseSensitive(r, "flags");
    const cJSON *f;
    lr_json_for_items(f, flags)
    {
        if (!cJSON_IsString(f))
            continue;
        for (size_t i = 0; i < sizeof flag_names / sizeof flag_names[0]; i++)
            if (!strcmp(f->valuestring, flag_names[i]))
                o->flags |= flag_bits[i];
    }
    return 0;
}

/* The value of item (at ptr) into *value; 0, or -1 (warned about) when the result cannot be
 * used. */
static int read_value(const lr_input *in, const cJSON *item, const char *ptr, double *value)
{
    lr_num_kind k = lr_json_number(item, value);
    if (k == LR_NUM_NOT_NUMBER) {
        lr_ingest_warn(in, ptr, "\"value\" must be a number; result skipped");
        return -1;
    }
    if (k == LR_NUM_NONFINITE) {
        lr_ingest_warn(in, ptr, "value is NaN or infinite; result skipped");
        return -1;
    }
    if (k != LR_NUM_OK) {
        lr_ingest_warn(in, ptr, "result without a value skipped");
        return -1;
    }
    return 0;
}

/* The stderr and n items of a result (either may be NULL) into o. */
static void read_stderr_n(const lr_input *in, const cJSON *se, const cJSON *count, const char *ptr,
                          lr_obs_in *o)
{
    lr_num_kind k = lr_json_number(se, &o->stderr_);
    if (k == LR_NUM_OK) {
        o->has_stderr = 1;
    } else if (k != LR_NUM_NA) {
        char vptr[320];
        snprintf(vptr, sizeof vptr, "%s/stderr", ptr);
        lr_ingest_warn(in, vptr, "\"stderr\" is not a number; ignored");
    }
    double n;
    if (lr_json_number(count, &n) == LR_NUM_OK && n >= 0 &&
        n < 1e15) /* beyond: not a sample count, and (long) of it would be undefined */
        o->n = (long)n;
}

/* The source a result names by id. The snapshot numbers its sources S1, S2, ... in order, so
 * "S<k>" is looked for at position k - 1 first. */
static lr_source *find_named(const named_source *named, size_t n_named, const char *name)
{
    char *end;
    if (name[0] == 'S' && name[1] >= '1' && name[1] <= '9') {
        unsigned long k = strtoul(name + 1, &end, 10);
        if (!*end && k >= 1 && k <= n_named && !strcmp(named[k - 1].name, name))
            return named[k - 1].source;
    }
    for (size_t i = 0; i < n_named; i++)
        if (!strcmp(named[i].name, name))
            return named[i].source;
    return NULL;
}

static void read_result(const lr_input *in, const cJSON *r, int index, lr_source *file_source,
                        named_source *named, size_t n_named)
{
    char ptr[64];
    snprintf(ptr, sizeof ptr, "/results/%d", index);
    if (!cJSON_IsObject(r)) {
        lr_ingest_warn(in, ptr, "result must be an object; skipped");
        return;
    }
    lr_obs_in o;
    lr_obs_in_init(&o);
    int bad = 0;
    o.model = opt_string(in, r, "model", ptr, &bad);
    read_setting_names(in, r, ptr, &o, &bad);
    o.locator = opt_string(in, r, "locator", ptr, &bad);
    if (!o.locator)
        o.locator = ptr;
    if (bad)
        return;
    if (!o.model || !o.benchmark) {
        lr_ingest_warn(in, ptr, "result needs \"model\" and \"benchmark\"; skipped");
        return;
    }
    char vptr[80];
    if (read_shots(in, r, ptr, &o))
        return;
    snprintf(vptr, sizeof vptr, "%s/value", ptr);
    if (read_value(in, cJSON_GetObjectItemCaseSensitive(r, "value"), vptr, &o.value))
        return;
    o.has_value = 1;
    read_stderr_n(in, cJSON_GetObjectItemCaseSensitive(r, "stderr"),
                  cJSON_GetObjectItemCaseSensitive(r, "n"), ptr, &o);
    if (read_setting_rest(in, r, ptr, &o))
        return;

    /* Source: a name from "sources", an object overriding the file's, or the file's. */
    lr_source *src = file_source;
    const cJSON *rs = cJSON_GetObjectItemCaseSensitive(r, "source");
    if (cJSON_IsString(rs)) {
        src = find_named(named, n_named, rs->valuestring);
        if (!src) {
            snprintf(vptr, sizeof vptr, "%s/source", ptr);
            lr_ingest_warn(in, vptr, "source \"%s\" is not in \"sources\"; result skipped",
                           rs->valuestring);
            return;
        }
    } else if (cJSON_IsObject(rs)) {
        /* results that override the same fields share one source */
        lr_source tmp = *file_source;
        snprintf(vptr, sizeof vptr, "%s/source", ptr);
        fill_source(in, vptr, &tmp, rs);
        src = NULL;
        size_t count = lr_store_source_count(in->store);
        for (size_t i = count; i-- > 0;) {
            const lr_source *s = lr_store_source_get(in->store, i);
            if (!s->file || strcmp(s->file, tmp.file ? tmp.file : in->path))
                break;
            int same = same_caveats(s, &tmp);
            for (size_t j = 0; same && j < sizeof source_fields / sizeof source_fields[0]; j++) {
                const char *a = *source_slot((lr_source *)s, j), *b = *source_slot(&tmp, j);
                same = (!a && !b) || (a && b && !strcmp(a, b));
            }
            if (same) {
                src = (lr_source *)s;
                break;
            }
        }
        if (!src)
            src = source_copy(in->store, &tmp, in->path);
        if (!src)
            return;
    }
    o.source = src;
    lr_store_add(in->store, &o);
}

/* A setting of an llmreport/2 snapshot: everything of a result but model, value, stderr, n,
 * locator and source. usable is 0 when it cannot be used (warned about once, here). */
typedef struct snapshot_setting {
    lr_obs_in o;
    int usable;
} snapshot_setting;

static void read_snapshot_setting(const lr_input *in, const cJSON *s, int index,
                                  snapshot_setting *out)
{
    char ptr[64];
    snprintf(ptr, sizeof ptr, "/settings/%d", index);
    lr_obs_in_init(&out->o);
    out->usable = 0;
    if (!cJSON_IsObject(s)) {
        lr_ingest_warn(in, ptr, "a setting must be an object; its results skipped");
        return;
    }
    int bad = 0;
    read_setting_names(in, s, ptr, &out->o, &bad);
    if (bad)
        return;
    if (!out->o.benchmark) {
        lr_ingest_warn(in, ptr, "a setting needs \"benchmark\"; its results skipped");
        return;
    }
    out->usable = !read_shots(in, s, ptr, &out->o) && !read_setting_rest(in, s, ptr, &out->o);
}

/* A whole number in [0, n) from item, or -1. */
static long position(const cJSON *item, size_t n)
{
    if (!cJSON_IsNumber(item) || item->valuedouble < 0 || item->valuedouble >= (double)n ||
        item->valuedouble != (double)(long)item->valuedouble)
        return -1;
    return (long)item->valuedouble;
}

/* One block of an llmreport/2 snapshot: {"model", "source", "rows": [[setting, locator, value,
 * stderr, n], ...]}, stderr and n optional. */
static void read_snapshot_block(const lr_input *in, const cJSON *b, int index,
                                lr_source *file_source, const named_source *named, size_t n_named,
                                const snapshot_setting *settings, size_t n_settings,
                                const char *const *locators, size_t n_locators)
{
    char ptr[64];
    snprintf(ptr, sizeof ptr, "/results/%d", index);
    const char *model = cJSON_IsObject(b) ? lr_json_string(b, "model") : NULL;
    const cJSON *rows = cJSON_IsObject(b) ? cJSON_GetObjectItemCaseSensitive(b, "rows") : NULL;
    if (!model || !cJSON_IsArray(rows)) {
        lr_ingest_warn(in, ptr, "a block of results needs \"model\" and \"rows\"; skipped");
        return;
    }
    lr_source *src = file_source;
    const cJSON *rs = cJSON_GetObjectItemCaseSensitive(b, "source");
    if (rs && !cJSON_IsNull(rs)) {
        src = cJSON_IsString(rs) ? find_named(named, n_named, rs->valuestring) : NULL;
        if (!src) {
            char vptr[80];
            snprintf(vptr, sizeof vptr, "%s/source", ptr);
            lr_ingest_warn(in, vptr, "source is not an id in \"sources\"; results skipped");
            return;
        }
    }
    const cJSON *row;
    int r = 0;
    lr_json_for_items(row, rows)
    {
        char rptr[96];
        snprintf(rptr, sizeof rptr, "%s/rows/%d", ptr, r++);
        const cJSON *c[5] = {NULL, NULL, NULL, NULL, NULL};
        size_t nc = 0;
        for (const cJSON *e = lr_json_first_item(row); e && nc < 5; e = e->next)
            c[nc++] = e;
        long k = position(c[0], n_settings);
        if (nc < 3) {
            lr_ingest_warn(in, rptr, "a row needs setting, locator and value; skipped");
            continue;
        }
        if (k < 0) {
            lr_ingest_warn(in, rptr,
                           "the row's setting is not a position in \"settings\"; "
                           "skipped");
            continue;
        }
        if (!settings[k].usable)
            continue; /* warned about at the setting */
        long l = cJSON_IsNull(c[1]) ? -2 : position(c[1], n_locators);
        if (l == -1) {
            lr_ingest_warn(in, rptr,
                           "the row's locator is not null or a position in "
                           "\"locators\"; skipped");
            continue;
        }
        lr_obs_in o = settings[k].o;
        o.model = model;
        o.locator = l >= 0 && locators[l] ? locators[l] : rptr;
        o.source = src;
        char vptr[112];
        snprintf(vptr, sizeof vptr, "%s/2", rptr);
        if (read_value(in, c[2], vptr, &o.value))
            continue;
        o.has_value = 1;
        read_stderr_n(in, c[3], c[4], rptr, &o);
        lr_store_add(in->store, &o);
    }
}

/* The results of an llmreport/2 snapshot (see lr_export_json). */
static lr_status read_snapshot(const lr_input *in, lr_source *file_source,
                               const named_source *named, size_t n_named)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(in->json, "settings");
    size_t n_settings = cJSON_IsArray(list) ? (size_t)cJSON_GetArraySize(list) : 0;
    snapshot_setting *settings =
        lr_arena_alloc(lr_store_arena(in->store), (n_settings + 1) * sizeof *settings);
    const cJSON *locs = cJSON_GetObjectItemCaseSensitive(in->json, "locators");
    size_t n_locators = cJSON_IsArray(locs) ? (size_t)cJSON_GetArraySize(locs) : 0;
    const char **locators =
        lr_arena_alloc(lr_store_arena(in->store), (n_locators + 1) * sizeof *locators);
    if (!settings || !locators)
        return lr_error_set(in->err, LR_ENOMEM, in->path, "out of memory");
    const cJSON *item;
    int i = 0;
    lr_json_for_items(item, list)
    {
        read_snapshot_setting(in, item, i, &settings[i]);
        i++;
    }
    i = 0;
    lr_json_for_items(item, locs)
    {
        if (!cJSON_IsString(item)) {
            char ptr[64];
            snprintf(ptr, sizeof ptr, "/locators/%d", i);
            lr_ingest_warn(in, ptr, "a locator must be a string; its results use their row's");
        }
        locators[i++] = cJSON_IsString(item) ? item->valuestring : NULL;
    }
    const cJSON *results = cJSON_GetObjectItemCaseSensitive(in->json, "results");
    i = 0;
    lr_json_for_items(item, results)
    {
        read_snapshot_block(in, item, i++, file_source, named, n_named, settings, n_settings,
                            locators, n_locators);
    }
    return LR_OK;
}

static lr_status read_native(const lr_input *in)
{
    const cJSON *results = cJSON_GetObjectItemCaseSensitive(in->json, "results");
    if (!cJSON_IsArray(results)) {
        lr_error_set(in->err, LR_ETYPE, in->path, "\"results\" must be a list of results");
        lr_error_pointer(in->err, "/results");
        return LR_ETYPE;
    }
    const cJSON *src = cJSON_GetObjectItemCaseSensitive(in->json, "source");
    if (src && !cJSON_IsObject(src)) {
        lr_error_set(in->err, LR_ETYPE, in->path, "\"source\" must be an object");
        lr_error_pointer(in->err, "/source");
        return LR_ETYPE;
    }
    lr_source *file_source = lr_store_source_new(in->store, "paper", in->path);
    if (!file_source)
        return lr_error_set(in->err, LR_ENOMEM, in->path, "out of memory");
    if (src)
        fill_source(in, "/source", file_source, src);

    const cJSON *sources = cJSON_GetObjectItemCaseSensitive(in->json, "sources");
    size_t n_named = 0, max_named = (size_t)cJSON_GetArraySize(sources);
    named_source *named =
        lr_arena_alloc(lr_store_arena(in->store), (max_named + 1) * sizeof *named);
    if (!named)
        return lr_error_set(in->err, LR_ENOMEM, in->path, "out of memory");
    const cJSON *s;
    int i = 0;
    lr_json_for_items(s, sources)
    {
        const char *id = lr_json_string(s, "id");
        if (!cJSON_IsObject(s) || !id) {
            char ptr[64];
            snprintf(ptr, sizeof ptr, "/sources/%d", i);
            lr_ingest_warn(in, ptr, "a source needs an \"id\"; ignored");
        } else if (n_named < max_named) {
            lr_source *ns = lr_store_source_new(in->store, "paper", in->path);
            if (!ns)
                return lr_error_set(in->err, LR_ENOMEM, in->path, "out of memory");
            char ptr[64];
            snprintf(ptr, sizeof ptr, "/sources/%d", i);
            fill_source(in, ptr, ns, s);
            named[n_named].name = lr_store_strdup(in->store, id);
            named[n_named].source = ns;
            n_named++;
        }
        i++;
    }
    if (snapshot_form(in->json))
        return read_snapshot(in, file_source, named, n_named);
    const cJSON *r;
    i = 0;
    lr_json_for_items(r, results) read_result(in, r, i++, file_source, named, n_named);
    return LR_OK;
}

const lr_adapter lr_adapter_native = {
    "native",
    "llmreport/1: paper tables and llmreport snapshots",
    sniff,
    read_native,
};

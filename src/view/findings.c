/* The findings of a report (see findings.h): spreads, flips with Kendall's tau, head-to-heads,
 * how each source measured, and the summary sentences. Computed once per build from the store
 * and the overview; the template context and the slope charts read the result. */
#include "view/findings.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/index.h"
#include "core/mdtext.h"
#include "model/registry.h"

/* Values closer than this are the same number (they print the same). */
#define SAME_VALUE 0.005
/* Source groups compared pairwise for "cannot be compared"; beyond, the least used are left
 * out (a leaderboard-scale input has few groups: its files share title and harness). */
#define MAX_GAP_GROUPS 400
/* The slope chart and the flip table show at most this many models per benchmark. */
#define MAX_FLIP_MODELS 12
/* Flips and tau are computed over at most this many models of a benchmark, the most
 * prominent (pairs grow with the square). */
#define MAX_FLIP_COMPARE 400

/* ---- small helpers ------------------------------------------------------------------------- */

typedef struct builder {
    const lr_store *store;
    const lr_config *config;
    const lr_overview *ov;
    lr_findings *f;
    lr_index ranks;  /* model -> prominence rank */
    size_t *sgid;    /* per observation: its setting group within its benchmark; -1 unusable */
    size_t *src_row; /* per source: its row in f->sources */
    int failed;
} builder;

static void *alloc(builder *b, size_t n)
{
    void *p = lr_arena_alloc(&b->f->arena, n ? n : 1);
    if (!p)
        b->failed = 1;
    else
        memset(p, 0, n ? n : 1);
    return p;
}

static int str_cmp(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

/* Appends one element to a malloc'ed array; 0 on success. */
static int push(builder *b, void **arr, size_t *n, size_t *cap, const void *elem, size_t size)
{
    if (lr_grow(arr, cap, *n, size)) {
        b->failed = 1;
        return -1;
    }
    memcpy((char *)*arr + *n * size, elem, size);
    (*n)++;
    return 0;
}

const char *lr_source_name(const lr_source *s)
{
    if (!s)
        return "?";
    return s->title     ? s->title
           : s->harness ? s->harness
           : s->kind    ? s->kind
           : s->shown   ? s->shown
           : s->file    ? s->file
                        : "?";
}

/* Sources that are one publication (its tables, a leaderboard's snapshots: same kind and
 * title) or, untitled, one harness's runs (same kind and harness). */
static int same_source(const lr_source *a, const lr_source *b)
{
    if (a == b)
        return 1;
    if (!a || !b || !lr_str_eq(a->kind, b->kind))
        return 0;
    if (a->title || b->title)
        return lr_str_eq(a->title, b->title);
    return lr_str_eq(a->harness, b->harness);
}

void lr_findings_source_label(const lr_source_row *r, lr_buf *out)
{
    lr_md_escape(out, lr_source_name(r->source));
    if (r->source->title)
        for (size_t i = 0; i < r->n_harnesses; i++) {
            lr_buf_puts(out, i ? ", " : " · ");
            lr_md_escape(out, r->harnesses[i]);
        }
}

static size_t rank_of(const builder *b, const char *model)
{
    size_t n;
    const size_t *r = lr_index_get(&b->ranks, model, NULL, &n);
    return n ? r[0] : (size_t)-1;
}

/* Better-first order of two values under a direction: negative when a is better. */
static int better(double a, double b, int higher_is_better)
{
    if (a == b)
        return 0;
    return (a > b) == (higher_is_better != 0) ? -1 : 1;
}

/* The combined 95 % half-width of a difference; < 0 unless both state stderr. */
static double combined_ci(const lr_observation *a, const lr_observation *b)
{
    if (a->stderr_ < 0 || b->stderr_ < 0)
        return -1;
    return 1.96 * sqrt(a->stderr_ * a->stderr_ + b->stderr_ * b->stderr_);
}

static unsigned diff_of(const lr_observation *a, const lr_observation *b)
{
    const lr_setting *x = a->setting, *y = b->setting;
    unsigned d = 0;
    if (x->shots != y->shots)
        d |= LR_DIFF_SHOTS;
    if (!lr_str_eq(x->metric, y->metric))
        d |= LR_DIFF_METRIC;
    if (!lr_str_eq(x->method, y->method))
        d |= LR_DIFF_METHOD;
    if (!lr_str_eq(x->variant, y->variant))
        d |= LR_DIFF_VARIANT;
    if (x->task_hash && y->task_hash && strcmp(x->task_hash, y->task_hash))
        d |= LR_DIFF_TASK;
    if (!d && !same_source(a->source, b->source))
        d |= LR_DIFF_SOURCE;
    return d;
}

/* A variant that names a translation is another test, not another way of measuring the same
 * one (the registry says which): MMLU machine-translated into Telugu is compared only with
 * itself. */
static const char *test_of(const lr_setting *s)
{
    return lr_registry_variant_translates(s->variant) ? s->variant : NULL;
}

/* Whether two results measure one thing (the same metric of the same test), so that their
 * values may be set side by side. */
static int same_quantity(const lr_setting *a, const lr_setting *b)
{
    return lr_str_eq(a->metric, b->metric) && lr_str_eq(test_of(a), test_of(b));
}

/* Results the findings compare: a stated setting, a full run, not a member of an aggregate. */
static int usable(const lr_observation *o)
{
    return lr_setting_known(o->setting) && !(o->setting->flags & (LR_OBS_LIMITED | LR_OBS_MEMBER));
}

/* ---- prominence ---------------------------------------------------------------------------- */

typedef struct model_count {
    const char *name;
    size_t count;
} model_count;

static int by_count(const void *pa, const void *pb)
{
    const model_count *a = pa, *b = pb;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* The config's models in its order, then the others by number of results and name. */
static void rank_models(builder *b)
{
    size_t n_models;
    const char *const *models = lr_store_models(b->store, &n_models);
    size_t next = 0;
    if (b->config)
        for (size_t i = 0; i < b->config->n_models; i++)
            if (rank_of(b, b->config->models[i]) == (size_t)-1 &&
                lr_index_add(&b->ranks, b->config->models[i], NULL, next++))
                b->failed = 1;
    model_count *rest = calloc(n_models + 1, sizeof *rest);
    if (!rest) {
        b->failed = 1;
        return;
    }
    size_t n_rest = 0;
    for (size_t i = 0; i < n_models; i++) {
        if (rank_of(b, models[i]) != (size_t)-1)
            continue;
        size_t n_benchmarks;
        const char *const *benchmarks = lr_store_benchmarks(b->store, &n_benchmarks);
        size_t count = 0;
        for (size_t k = 0; k < n_benchmarks; k++) {
            size_t n;
            lr_store_find(b->store, models[i], benchmarks[k], &n);
            count += n;
        }
        rest[n_rest].name = models[i];
        rest[n_rest++].count = count;
    }
    qsort(rest, n_rest, sizeof *rest, by_count);
    for (size_t i = 0; i < n_rest; i++)
        if (lr_index_add(&b->ranks, rest[i].name, NULL, next++))
            b->failed = 1;
    free(rest);
}

/* ---- setting groups ------------------------------------------------------------------------ */

/* Numbers the settings of each benchmark: results of one group have equal settings (by the
 * first result of the group, so the grouping does not depend on more than the store's order). */
static void group_settings(builder *b)
{
    size_t n_obs = lr_store_count(b->store);
    b->sgid = malloc((n_obs + 1) * sizeof *b->sgid);
    if (!b->sgid) {
        b->failed = 1;
        return;
    }
    for (size_t i = 0; i < n_obs; i++)
        b->sgid[i] = (size_t)-1;
    size_t n_benchmarks;
    const char *const *benchmarks = lr_store_benchmarks(b->store, &n_benchmarks);
    for (size_t k = 0; k < n_benchmarks && !b->failed; k++) {
        size_t n;
        const size_t *pos = lr_store_find_benchmark(b->store, benchmarks[k], &n);
        lr_setting_groups *groups = lr_setting_groups_new(b->store);
        if (!groups) {
            b->failed = 1;
            return;
        }
        for (size_t i = 0; i < n; i++) {
            const lr_observation *o = lr_store_get(b->store, pos[i]);
            if (!usable(o))
                continue;
            int created;
            size_t g = lr_setting_groups_join(groups, o->setting, &created);
            if (g == (size_t)-1) {
                b->failed = 1;
                break;
            }
            b->sgid[pos[i]] = g;
        }
        lr_setting_groups_free(groups);
    }
}

/* ---- 1. spreads ---------------------------------------------------------------------------- */

typedef struct way {
    const lr_observation *obs;
    size_t group;
} way;

static int hib_global; /* qsort has no context: the direction of the values being sorted */

static int by_value_desc(const void *pa, const void *pb)
{
    const lr_observation *a = *(const lr_observation *const *)pa;
    const lr_observation *b = *(const lr_observation *const *)pb;
    int c = better(a->value, b->value, hib_global);
    if (c)
        return c;
    char x[512], y[512];
    c = strcmp(lr_setting_describe(a->setting, x, sizeof x),
               lr_setting_describe(b->setting, y, sizeof y));
    if (c)
        return c;
    c = str_cmp(lr_source_name(a->source), lr_source_name(b->source));
    return c ? c : (a->index < b->index ? -1 : a->index > b->index);
}

/* The ways one model measured one benchmark and metric: per setting group and source, the
 * newest; then per setting group, values that print the same are one. */
static size_t ways_of(builder *b, const size_t *pos, size_t n, const lr_setting *kind, way *out)
{
    size_t n_ways = 0;
    for (size_t i = 0; i < n; i++) {
        const lr_observation *o = lr_store_get(b->store, pos[i]);
        if (b->sgid[pos[i]] == (size_t)-1 || !same_quantity(o->setting, kind))
            continue;
        size_t w = 0;
        while (w < n_ways &&
               !(out[w].group == b->sgid[pos[i]] && same_source(out[w].obs->source, o->source)))
            w++;
        if (w == n_ways) {
            out[n_ways].obs = o;
            out[n_ways++].group = b->sgid[pos[i]];
        } else if (lr_observation_newer(o, out[w].obs) < 0) {
            out[w].obs = o;
        }
    }
    /* one value per setting group when the sources agree */
    size_t kept = 0;
    for (size_t w = 0; w < n_ways; w++) {
        size_t k = 0;
        while (k < kept && !(out[k].group == out[w].group &&
                             fabs(out[k].obs->value - out[w].obs->value) < SAME_VALUE))
            k++;
        if (k == kept)
            out[kept++] = out[w];
        else if (lr_observation_newer(out[w].obs, out[k].obs) < 0)
            out[k] = out[w];
    }
    return kept;
}

static int by_spread(const void *pa, const void *pb)
{
    const lr_spread *a = pa, *b = pb;
    if (fabs(a->spread - b->spread) >= SAME_VALUE)
        return a->spread > b->spread ? -1 : 1;
    int c = strcmp(a->model, b->model);
    if (c)
        return c;
    c = strcmp(a->benchmark, b->benchmark);
    return c ? c : str_cmp(a->metric, b->metric);
}

static void find_spreads(builder *b)
{
    lr_findings *f = b->f;
    size_t n_models, n_benchmarks;
    const char *const *models = lr_store_models(b->store, &n_models);
    const char *const *benchmarks = lr_store_benchmarks(b->store, &n_benchmarks);
    size_t cap = 0;
    for (size_t k = 0; k < n_benchmarks && !b->failed; k++) {
        for (size_t m = 0; m < n_models && !b->failed; m++) {
            size_t n;
            const size_t *pos = lr_store_find(b->store, models[m], benchmarks[k], &n);
            if (!n)
                continue;
            size_t unstated = 0, limited = 0;
            for (size_t i = 0; i < n; i++) {
                const lr_observation *o = lr_store_get(b->store, pos[i]);
                if (o->setting->flags & LR_OBS_MEMBER)
                    continue;
                unstated += !lr_setting_known(o->setting);
                limited += lr_setting_known(o->setting) && (o->setting->flags & LR_OBS_LIMITED);
            }
            if (n < 2)
                continue;
            way *ways = malloc(n * sizeof *ways);
            if (!ways) {
                b->failed = 1;
                return;
            }
            /* each metric on its own: acc and acc_norm are not one number measured twice (nor
             * is a translated test the original one) */
            for (size_t i = 0; i < n && !b->failed; i++) {
                const lr_observation *first = lr_store_get(b->store, pos[i]);
                if (b->sgid[pos[i]] == (size_t)-1)
                    continue;
                int seen = 0;
                for (size_t j = 0; j < i && !seen; j++)
                    seen = b->sgid[pos[j]] != (size_t)-1 &&
                           same_quantity(lr_store_get(b->store, pos[j])->setting, first->setting);
                if (seen)
                    continue;
                size_t n_ways = ways_of(b, pos, n, first->setting, ways);
                if (n_ways < 2)
                    continue;
                f->n_multi++;
                const lr_observation **values = alloc(b, n_ways * sizeof *values);
                if (!values)
                    break;
                for (size_t w = 0; w < n_ways; w++)
                    values[w] = ways[w].obs;
                hib_global = first->setting->higher_is_better;
                qsort(values, n_ways, sizeof *values, by_value_desc);
                const lr_observation *hi = values[0], *lo = values[n_ways - 1];
                double spread = fabs(hi->value - lo->value);
                double ci = combined_ci(hi, lo);
                if (!(spread > f->spread_points) || (ci >= 0 && !(spread > ci)))
                    continue;
                lr_spread s = {models[m],
                               benchmarks[k],
                               first->setting->benchmark_display ? first->setting->benchmark_display
                                                                 : benchmarks[k],
                               first->setting->metric,
                               values,
                               n_ways,
                               spread,
                               ci,
                               diff_of(lo, hi),
                               unstated,
                               limited};
                push(b, (void **)&f->spreads, &f->n_spreads, &cap, &s, sizeof s);
            }
            free(ways);
        }
    }
    if (f->n_spreads)
        qsort(f->spreads, f->n_spreads, sizeof *f->spreads, by_spread);
    f->n_spreads_total = f->n_spreads;
    if (f->n_spreads > f->limit)
        f->n_spreads = f->limit;
}

/* ---- 2. flips ------------------------------------------------------------------------------ */

int lr_kendall_tau(const double *x, const double *y, size_t n, double *tau)
{
    if (n < 2)
        return 0;
    double concordant = 0, discordant = 0, tied_x = 0, tied_y = 0, pairs = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            double dx = x[i] - x[j], dy = y[i] - y[j];
            pairs++;
            if (dx == 0)
                tied_x++;
            if (dy == 0)
                tied_y++;
            if (dx * dy > 0)
                concordant++;
            else if (dx * dy < 0)
                discordant++;
        }
    double denom = sqrt((pairs - tied_x) * (pairs - tied_y));
    if (!(denom > 0))
        return 0;
    *tau = (concordant - discordant) / denom;
    return 1;
}

/* Whether the order of two results is beyond their intervals (at face value without stderr). */
static int distinct(const lr_observation *a, const lr_observation *b)
{
    double ci = combined_ci(a, b);
    double d = fabs(a->value - b->value);
    return ci >= 0 ? d > ci : d >= SAME_VALUE;
}

typedef struct setting_info {
    const lr_setting *setting;
    size_t group;
    size_t n_models;
    char text[512];
} setting_info;

static int by_models_then_text(const void *pa, const void *pb)
{
    const setting_info *a = pa, *b = pb;
    if (a->n_models != b->n_models)
        return a->n_models > b->n_models ? -1 : 1;
    int c = strcmp(a->text, b->text);
    return c ? c : (a->group < b->group ? -1 : a->group > b->group);
}

typedef struct model_rank {
    const char *name;
    size_t rank;
    size_t row; /* in order of first appearance */
} model_rank;

static int by_rank(const void *pa, const void *pb)
{
    const model_rank *a = pa, *b = pb;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    return strcmp(a->name, b->name);
}

static int flip_prominence(const lr_flip *a, const lr_flip *b)
{
    size_t amax = a->a > a->b ? a->a : a->b, bmax = b->a > b->b ? b->a : b->b;
    size_t amin = a->a < a->b ? a->a : a->b, bmin = b->a < b->b ? b->a : b->b;
    if (amax != bmax)
        return amax < bmax ? -1 : 1;
    return amin < bmin ? -1 : amin > bmin;
}

static int by_flip(const void *pa, const void *pb)
{
    return flip_prominence(pa, pb);
}

/* One result of a flip set: a model's newest result under a setting group. */
typedef struct flip_cell {
    size_t row, group;
    const lr_observation *obs;
} flip_cell;

static int by_row_then_group(const void *pa, const void *pb)
{
    const flip_cell *a = pa, *b = pb;
    if (a->row != b->row)
        return a->row < b->row ? -1 : 1;
    return a->group < b->group ? -1 : a->group > b->group;
}

/* A number as a short key (for the lookups below). */
static const char *num_key(size_t v, char *buf)
{
    char *p = buf + 23;
    *p = 0;
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return p;
}

/* One benchmark and metric (of kind's test): the settings, their models, tau per setting pair
 * and the flips. The results are kept as a list of (model, setting group) cells, not a table
 * of every model by every group (a benchmark of the bench corpus has 1 841 groups, one per
 * task hash, and 2 500 models: a 37 MB table, mostly empty); which groups share two models is
 * counted over each model's own groups. */
static void flip_set_of(builder *b, const char *benchmark, const lr_setting *kind, lr_flip_set *out,
                        int *keep)
{
    const char *metric = kind->metric;
    *keep = 0;
    size_t n;
    const size_t *pos = lr_store_find_benchmark(b->store, benchmark, &n);
    /* the setting groups of this metric, and the models */
    size_t n_groups = 0;
    for (size_t i = 0; i < n; i++)
        if (b->sgid[pos[i]] != (size_t)-1 && b->sgid[pos[i]] + 1 > n_groups)
            n_groups = b->sgid[pos[i]] + 1;
    if (n_groups < 2)
        return;
    setting_info *info = calloc(n_groups, sizeof *info);
    size_t *kept_at = malloc(n_groups * sizeof *kept_at); /* group -> its kept setting */
    unsigned char *shares = calloc(n_groups, 1);
    lr_index models = LR_INDEX_INIT, at = LR_INDEX_INIT, pairs = LR_INDEX_INIT;
    model_rank *mr = NULL;
    size_t n_mr = 0, cap_mr = 0, n_cells = 0, cap_cells = 0;
    flip_cell *cells = NULL;
    size_t *fm_at = NULL; /* model row -> its row in the set, or -1 */
    if (!info || !kept_at || !shares)
        goto nomem;
    int hib = 1;
    for (size_t i = 0; i < n; i++) {
        const lr_observation *o = lr_store_get(b->store, pos[i]);
        size_t g = b->sgid[pos[i]];
        if (g == (size_t)-1 || !same_quantity(o->setting, kind))
            continue;
        hib = o->setting->higher_is_better;
        if (!info[g].setting)
            info[g].setting = o->setting;
        size_t hits, row;
        const size_t *rows = lr_index_get(&models, o->model, NULL, &hits);
        if (hits) {
            row = rows[0];
        } else {
            model_rank r = {o->model, rank_of(b, o->model), n_mr};
            row = n_mr;
            if (lr_index_add(&models, o->model, NULL, n_mr) ||
                push(b, (void **)&mr, &n_mr, &cap_mr, &r, sizeof r))
                goto nomem;
        }
        char key[24];
        const char *gk = num_key(g, key);
        const size_t *cell = lr_index_get(&at, o->model, gk, &hits);
        if (hits) {
            if (lr_observation_newer(o, cells[cell[0]].obs) < 0)
                cells[cell[0]].obs = o;
            continue;
        }
        flip_cell c = {row, g, o};
        if (lr_index_add(&at, o->model, gk, n_cells) ||
            push(b, (void **)&cells, &n_cells, &cap_cells, &c, sizeof c))
            goto nomem;
        info[g].n_models++;
    }
    for (size_t g = 0; g < n_groups; g++) {
        info[g].group = g;
        if (info[g].setting)
            lr_setting_describe(info[g].setting, info[g].text, sizeof info[g].text);
    }
    /* keep the settings that share two or more models with another one: count the pairs of
     * groups (both with two models or more) over each model's groups */
    if (n_cells)
        qsort(cells, n_cells, sizeof *cells, by_row_then_group);
    for (size_t i = 0; i < n_cells; i++) {
        size_t g = cells[i].group;
        if (info[g].n_models < 2)
            continue;
        for (size_t j = i + 1; j < n_cells && cells[j].row == cells[i].row; j++) {
            size_t h = cells[j].group, hits;
            if (info[h].n_models < 2 || (shares[g] && shares[h]))
                continue;
            char kg[24], kh[24];
            const char *sg = num_key(g, kg), *sh = num_key(h, kh);
            if (lr_index_add(&pairs, sg, sh, 0))
                goto nomem;
            lr_index_get(&pairs, sg, sh, &hits);
            if (hits >= 2)
                shares[g] = shares[h] = 1;
        }
    }
    size_t n_kept = 0;
    for (size_t g = 0; g < n_groups; g++)
        if (info[g].n_models >= 2 && shares[g])
            info[n_kept++] = info[g];
    if (n_kept < 2) {
        free(info), free(kept_at), free(shares), free(mr), free(cells);
        lr_index_free(&models), lr_index_free(&at), lr_index_free(&pairs);
        return;
    }
    qsort(info, n_kept, sizeof *info, by_models_then_text);
    for (size_t g = 0; g < n_groups; g++)
        kept_at[g] = (size_t)-1;
    for (size_t s = 0; s < n_kept; s++)
        kept_at[info[s].group] = s;
    /* models measured under two or more kept settings, by prominence */
    size_t *under = calloc(n_mr + 1, sizeof *under);
    if (!under)
        goto nomem;
    for (size_t i = 0; i < n_cells; i++)
        under[cells[i].row] += kept_at[cells[i].group] != (size_t)-1;
    qsort(mr, n_mr, sizeof *mr, by_rank);
    fm_at = malloc((n_mr + 1) * sizeof *fm_at);
    if (!fm_at) {
        free(under);
        goto nomem;
    }
    for (size_t r = 0; r < n_mr; r++)
        fm_at[r] = (size_t)-1;
    size_t n_fm = 0;
    for (size_t r = 0; r < n_mr; r++)
        if (under[mr[r].row] >= 2 && n_fm < MAX_FLIP_COMPARE) {
            fm_at[mr[r].row] = n_fm;
            mr[n_fm++] = mr[r];
        }
    free(under);
    out->benchmark = benchmark;
    out->metric = metric;
    out->higher_is_better = hib;
    out->settings = alloc(b, n_kept * sizeof *out->settings);
    out->models = alloc(b, (n_fm + 1) * sizeof *out->models);
    out->cells = alloc(b, (n_fm * n_kept + 1) * sizeof *out->cells);
    if (b->failed)
        goto nomem;
    out->n_settings = n_kept;
    out->n_models = n_fm;
    for (size_t s = 0; s < n_kept; s++)
        out->settings[s] = info[s].setting;
    out->display =
        info[0].setting->benchmark_display ? info[0].setting->benchmark_display : benchmark;
    for (size_t r = 0; r < n_fm; r++)
        out->models[r] = mr[r].name;
    for (size_t i = 0; i < n_cells; i++) {
        size_t r = fm_at[cells[i].row], s = kept_at[cells[i].group];
        if (r != (size_t)-1 && s != (size_t)-1)
            out->cells[r * n_kept + s] = cells[i].obs;
    }
    out->stderr_known = 1;
    for (size_t i = 0; i < n_fm * n_kept; i++) {
        const lr_observation *o = out->cells[i];
        if (o) {
            out->stderr_known &= o->stderr_ >= 0;
            out->stderr_some |= o->stderr_ >= 0;
        }
    }
#define CELL(r, s) (out->cells[(r)*n_kept + (s)])
    /* tau and flips per setting pair */
    size_t cap_pairs = 0, cap_flips = 0;
    double *x = malloc((n_fm + 1) * sizeof *x), *y = malloc((n_fm + 1) * sizeof *y);
    if (!x || !y) {
        free(x), free(y);
        goto nomem;
    }
    for (size_t s = 0; s < n_kept && !b->failed; s++)
        for (size_t t = s + 1; t < n_kept && !b->failed; t++) {
            lr_setting_pair p = {s, t, 0, 0, 0, 0};
            for (size_t r = 0; r < n_fm; r++)
                if (CELL(r, s) && CELL(r, t)) {
                    x[p.n_shared] = CELL(r, s)->value;
                    y[p.n_shared++] = CELL(r, t)->value;
                }
            if (p.n_shared < 2)
                continue;
            p.has_tau = lr_kendall_tau(x, y, p.n_shared, &p.tau);
            for (size_t r = 0; r < n_fm; r++)
                for (size_t q = r + 1; q < n_fm; q++) {
                    const lr_observation *a1 = CELL(r, s), *b1 = CELL(q, s);
                    const lr_observation *a2 = CELL(r, t), *b2 = CELL(q, t);
                    if (!a1 || !b1 || !a2 || !b2)
                        continue;
                    int s1 = better(a1->value, b1->value, hib),
                        s2 = better(a2->value, b2->value, hib);
                    if (s1 * s2 < 0 && distinct(a1, b1) && distinct(a2, b2))
                        p.n_flips++;
                }
            push(b, (void **)&out->pairs, &out->n_pairs, &cap_pairs, &p, sizeof p);
        }
    free(x), free(y);
    /* the flipping model pairs over all settings */
    for (size_t r = 0; r < n_fm && !b->failed; r++)
        for (size_t q = r + 1; q < n_fm && !b->failed; q++) {
            int ahead = 0, behind = 0, loose_ahead = 0, loose_behind = 0, first = 0;
            for (size_t s = 0; s < n_kept; s++) {
                const lr_observation *a = CELL(r, s), *o = CELL(q, s);
                if (!a || !o)
                    continue;
                int c = better(a->value, o->value, hib);
                if (!c)
                    continue;
                int sure = distinct(a, o);
                if (c < 0) {
                    loose_ahead = 1;
                    ahead |= sure;
                } else {
                    loose_behind = 1;
                    behind |= sure;
                }
                if (sure && !first)
                    first = c;
            }
            if (ahead && behind) {
                lr_flip fl = {first < 0 ? r : q, first < 0 ? q : r, NULL, NULL};
                fl.cells_a = alloc(b, n_kept * sizeof *fl.cells_a);
                fl.cells_b = alloc(b, n_kept * sizeof *fl.cells_b);
                if (b->failed)
                    break;
                for (size_t s = 0; s < n_kept; s++) {
                    fl.cells_a[s] = CELL(fl.a, s);
                    fl.cells_b[s] = CELL(fl.b, s);
                }
                push(b, (void **)&out->flips, &out->n_flips, &cap_flips, &fl, sizeof fl);
            } else if (loose_ahead && loose_behind) {
                out->n_inside++;
            }
        }
#undef CELL
    if (out->n_flips)
        qsort(out->flips, out->n_flips, sizeof *out->flips, by_flip);
    free(info), free(kept_at), free(shares), free(mr), free(cells), free(fm_at);
    lr_index_free(&models), lr_index_free(&at), lr_index_free(&pairs);
    *keep = !b->failed;
    return;
nomem:
    b->failed = 1;
    free(info), free(kept_at), free(shares), free(mr), free(cells), free(fm_at);
    lr_index_free(&models), lr_index_free(&at), lr_index_free(&pairs);
}

static size_t benchmark_order(const builder *b, const char *benchmark)
{
    for (size_t c = 0; b->ov && c < b->ov->n_cols; c++)
        if (!strcmp(b->ov->cols[c].benchmark, benchmark))
            return c;
    return (size_t)-1;
}

static const builder *sort_builder; /* qsort has no context */

static int by_flip_set(const void *pa, const void *pb)
{
    const lr_flip_set *a = pa, *b = pb;
    if (a->n_flips != b->n_flips)
        return a->n_flips > b->n_flips ? -1 : 1;
    size_t oa = benchmark_order(sort_builder, a->benchmark),
           ob = benchmark_order(sort_builder, b->benchmark);
    if (oa != ob)
        return oa < ob ? -1 : 1;
    int c = strcmp(a->benchmark, b->benchmark);
    return c ? c : str_cmp(a->metric, b->metric);
}

static void find_flips(builder *b)
{
    lr_findings *f = b->f;
    size_t n_benchmarks, cap = 0;
    const char *const *benchmarks = lr_store_benchmarks(b->store, &n_benchmarks);
    /* per distinct setting: 1 + the last benchmark whose metrics it was checked against */
    size_t *met = calloc(lr_store_setting_count(b->store) + 1, sizeof *met);
    const lr_setting **quantities = NULL; /* a benchmark's metrics (tests) met so far */
    size_t cap_q = 0;
    if (!met)
        b->failed = 1;
    for (size_t k = 0; k < n_benchmarks && !b->failed; k++) {
        size_t n, n_q = 0;
        const size_t *pos = lr_store_find_benchmark(b->store, benchmarks[k], &n);
        size_t groups = 0;
        for (size_t i = 0; i < n; i++)
            if (b->sgid[pos[i]] != (size_t)-1 && b->sgid[pos[i]] + 1 > groups)
                groups = b->sgid[pos[i]] + 1;
        f->n_benchmarks_multi += groups >= 2;
        /* each metric once, in order of first appearance */
        for (size_t i = 0; i < n && !b->failed; i++) {
            if (b->sgid[pos[i]] == (size_t)-1)
                continue;
            const lr_setting *kind = lr_store_get(b->store, pos[i])->setting;
            if (met[kind->id] == k + 1)
                continue; /* this setting was met before on this benchmark */
            met[kind->id] = k + 1;
            int seen = 0;
            for (size_t q = 0; q < n_q && !seen; q++)
                seen = same_quantity(quantities[q], kind);
            if (seen)
                continue;
            if (lr_grow((void **)&quantities, &cap_q, n_q, sizeof *quantities)) {
                b->failed = 1;
                break;
            }
            quantities[n_q++] = kind;
            lr_flip_set set;
            memset(&set, 0, sizeof set);
            int keep;
            flip_set_of(b, benchmarks[k], kind, &set, &keep);
            if (keep) {
                f->n_flips_total += set.n_flips;
                push(b, (void **)&f->flip_sets, &f->n_flip_sets, &cap, &set, sizeof set);
            } else {
                free(set.pairs), free(set.flips);
            }
        }
    }
    free(met);
    free(quantities);
    sort_builder = b;
    if (f->n_flip_sets)
        qsort(f->flip_sets, f->n_flip_sets, sizeof *f->flip_sets, by_flip_set);
    /* the tables and charts show the most prominent models */
    for (size_t i = 0; i < f->n_flip_sets; i++)
        if (f->flip_sets[i].n_models > MAX_FLIP_MODELS)
            f->flip_sets[i].n_models = MAX_FLIP_MODELS; /* rows are in prominence order */
}

/* ---- 3. head-to-heads ---------------------------------------------------------------------- */

/* Contenders whose sets of setting groups hold more than this many groups are counted pair by
 * pair (the count by subsets below visits 2^n subsets of each set). */
#define H2H_SUBSET_GROUPS 12

typedef struct contender {
    const char *model;
    size_t rank;
    const lr_observation *chosen;
    size_t source_class; /* same_source() classes of the chosen result's source */
    size_t *groups;      /* sorted distinct setting groups of its usable results on the benchmark */
    size_t n_groups;
} contender;

static int by_size(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    return a < b ? -1 : a > b;
}

static int share_group(const contender *a, const contender *b)
{
    size_t i = 0, j = 0;
    while (i < a->n_groups && j < b->n_groups) {
        if (a->groups[i] == b->groups[j])
            return 1;
        if (a->groups[i] < b->groups[j])
            i++;
        else
            j++;
    }
    return 0;
}

/* Better-first order of contenders: by prominence, then by name. */
static int by_contender(const void *pa, const void *pb)
{
    const contender *a = pa, *b = pb;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    return strcmp(a->model, b->model);
}

typedef struct h2h_key {
    lr_head_to_head h;
    size_t max_rank, min_rank, order;
} h2h_key;

static int by_h2h(const void *pa, const void *pb)
{
    const h2h_key *a = pa, *b = pb;
    if (a->max_rank != b->max_rank)
        return a->max_rank < b->max_rank ? -1 : 1;
    if (a->min_rank != b->min_rank)
        return a->min_rank < b->min_rank ? -1 : 1;
    if (a->order != b->order)
        return a->order < b->order ? -1 : 1;
    return strcmp(a->h.benchmark, b->h.benchmark);
}

/* Per source (by index): its class under same_source(), numbered in order of first use. */
static size_t *source_classes(builder *b)
{
    size_t n_src = lr_store_source_count(b->store), n_classes = 0;
    size_t *cls = malloc((n_src + 1) * sizeof *cls);
    const lr_source **reps = malloc((n_src + 1) * sizeof *reps);
    lr_index ix = LR_INDEX_INIT; /* kind, then title or harness -> classes with them */
    lr_buf k1 = LR_BUF_INIT, k2 = LR_BUF_INIT;
    if (!cls || !reps) {
        free(cls), free(reps);
        b->failed = 1;
        return NULL;
    }
    for (size_t i = 0; i < n_src && !b->failed; i++) {
        const lr_source *s = lr_store_source_get(b->store, i);
        /* a tag tells a missing string from an empty one; the candidates are checked with
         * same_source() itself, so the keys only need to bring equal sources together */
        lr_buf_clear(&k1);
        lr_buf_clear(&k2);
        lr_buf_putc(&k1, s->kind ? 'k' : '-');
        lr_buf_puts(&k1, s->kind ? s->kind : "");
        lr_buf_putc(&k2, s->title ? 't' : s->harness ? 'h' : '-');
        lr_buf_puts(&k2, s->title ? s->title : s->harness ? s->harness : "");
        if (lr_buf_failed(&k1) || lr_buf_failed(&k2)) {
            b->failed = 1;
            break;
        }
        size_t hits, c = (size_t)-1;
        const size_t *cand = lr_index_get(&ix, k1.data, k2.data, &hits);
        for (size_t h = 0; h < hits && c == (size_t)-1; h++)
            if (same_source(reps[cand[h]], s))
                c = cand[h];
        if (c == (size_t)-1) {
            c = n_classes;
            reps[n_classes++] = s;
            if (lr_index_add(&ix, k1.data, k2.data, c))
                b->failed = 1;
        }
        cls[i] = c;
    }
    lr_buf_free(&k1);
    lr_buf_free(&k2);
    lr_index_free(&ix);
    free(reps);
    if (b->failed) {
        free(cls);
        return NULL;
    }
    return cls;
}

/* v in lower-case hex at p, as "%zx" writes it (no terminator); returns the digits written. */
static size_t put_hex(char *p, size_t v)
{
    char d[2 * sizeof v];
    size_t n = 0;
    do {
        d[n++] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v);
    for (size_t i = 0; i < n; i++)
        p[i] = d[n - 1 - i];
    return n;
}

/* How many pairs of contenders neither share a source class nor a setting group: all pairs
 * less those that share either. Pairs that share a group are counted by inclusion and
 * exclusion over the subsets of each contender's groups (a subset S shared with k earlier
 * contenders adds k pairs when S has an odd number of groups and takes them away when even),
 * without visiting the pairs; those that share both, the same way within a class. (size_t)-1
 * when a contender has too many groups for that, or memory ran out. */
static size_t count_by_subsets(const contender *cs, size_t n_cs)
{
    lr_index any = LR_INDEX_INIT, in_class = LR_INDEX_INIT, classes = LR_INDEX_INIT;
    size_t shared = 0; /* pairs sharing a class or a group, counted with signs */
    long long both = 0, groups_shared = 0;
    char key[H2H_SUBSET_GROUPS * 17 + 1], cls[24];
    int failed = 0;
    for (size_t i = 0; i < n_cs && !failed; i++) {
        const contender *c = &cs[i];
        if (c->n_groups > H2H_SUBSET_GROUPS) {
            failed = 1;
            break;
        }
        cls[put_hex(cls, c->source_class)] = '\0';
        size_t hits;
        lr_index_get(&classes, cls, NULL, &hits);
        shared += hits;
        failed |= lr_index_add(&classes, cls, NULL, i);
        for (size_t mask = 1; mask < ((size_t)1 << c->n_groups) && !failed; mask++) {
            size_t len = 0, bits = 0;
            for (size_t g = 0; g < c->n_groups; g++)
                if (mask & ((size_t)1 << g)) {
                    len += put_hex(key + len, c->groups[g]);
                    key[len++] = '.';
                    key[len] = '\0';
                    bits++;
                }
            long long sign = bits & 1 ? 1 : -1;
            lr_index_get(&any, key, NULL, &hits);
            groups_shared += sign * (long long)hits;
            failed |= lr_index_add(&any, key, NULL, i);
            lr_index_get(&in_class, key, cls, &hits);
            both += sign * (long long)hits;
            failed |= lr_index_add(&in_class, key, cls, i);
        }
    }
    failed |= any.failed || in_class.failed || classes.failed;
    lr_index_free(&any);
    lr_index_free(&in_class);
    lr_index_free(&classes);
    if (failed)
        return (size_t)-1;
    size_t all = n_cs * (n_cs - (n_cs > 0)) / 2;
    return all - (shared + (size_t)groups_shared - (size_t)both);
}

static void find_head_to_heads(builder *b)
{
    lr_findings *f = b->f;
    size_t n_benchmarks, n_keys = 0, cap_keys = 0, n_total = 0;
    const char *const *benchmarks = lr_store_benchmarks(b->store, &n_benchmarks);
    h2h_key *keys = NULL;
    size_t *src_class = source_classes(b);
    for (size_t k = 0; k < n_benchmarks && !b->failed; k++) {
        lr_column col;
        memset(&col, 0, sizeof col);
        size_t order = benchmark_order(b, benchmarks[k]);
        if (order != (size_t)-1) {
            col = b->ov->cols[order];
        } else {
            int configured;
            if (!lr_reference_setting(b->store, b->config, benchmarks[k], &col.ref, &configured))
                continue;
            col.benchmark = benchmarks[k];
            col.display = col.ref.benchmark_display ? col.ref.benchmark_display : benchmarks[k];
            order = b->ov ? b->ov->n_cols : 0; /* after the overview's, by id */
        }
        size_t n;
        const size_t *pos = lr_store_find_benchmark(b->store, benchmarks[k], &n);
        contender *cs = NULL;
        size_t n_cs = 0, cap_cs = 0;
        size_t *groups = malloc((n + 1) * sizeof *groups);
        lr_index seen = LR_INDEX_INIT;
        if (!groups) {
            b->failed = 1;
            break;
        }
        size_t used = 0;
        for (size_t i = 0; i < n && !b->failed; i++) {
            const lr_observation *o = lr_store_get(b->store, pos[i]);
            if (b->sgid[pos[i]] == (size_t)-1)
                continue;
            size_t hits;
            lr_index_get(&seen, o->model, NULL, &hits);
            if (hits)
                continue;
            if (lr_index_add(&seen, o->model, NULL, 0)) {
                b->failed = 1;
                break;
            }
            lr_cell cell;
            lr_overview_choose(b->store, o->model, &col, &cell);
            if (cell.kind != LR_CELL_REF && cell.kind != LR_CELL_OTHER)
                continue;
            if (!usable(cell.obs))
                continue;
            contender c = {
                o->model,      rank_of(b, o->model),
                cell.obs,      cell.obs->source ? src_class[cell.obs->source->index] : (size_t)-1,
                groups + used, 0};
            size_t nm;
            const size_t *mine = lr_store_find(b->store, o->model, benchmarks[k], &nm);
            for (size_t j = 0; j < nm; j++)
                if (b->sgid[mine[j]] != (size_t)-1)
                    c.groups[c.n_groups++] = b->sgid[mine[j]];
            qsort(c.groups, c.n_groups, sizeof *c.groups, by_size);
            size_t distinct_groups = 0;
            for (size_t j = 0; j < c.n_groups; j++)
                if (!j || c.groups[j] != c.groups[distinct_groups - 1])
                    c.groups[distinct_groups++] = c.groups[j];
            c.n_groups = distinct_groups;
            used += c.n_groups;
            push(b, (void **)&cs, &n_cs, &cap_cs, &c, sizeof c);
        }
        /* the pairs in the order of the list (better-ranked model first, by the rank of the
         * other, then of the first): only the first f->limit of them can be shown, and the
         * others are counted without being visited */
        if (!b->failed)
            qsort(cs, n_cs, sizeof *cs, by_contender);
        size_t total = b->failed ? 0 : count_by_subsets(cs, n_cs);
        size_t found = 0, want = total == (size_t)-1 ? (size_t)-1 : total;
        if (want != (size_t)-1 && want > f->limit)
            want = f->limit;
        for (size_t j = 1; j < n_cs && !b->failed && found < want; j++)
            for (size_t i = 0; i < j && !b->failed && found < want; i++) {
                const contender *x = &cs[i], *y = &cs[j];
                if (x->source_class == y->source_class || share_group(x, y))
                    continue;
                found++;
                if (found > f->limit)
                    continue; /* counted only (when the count by subsets could not be had) */
                h2h_key key = {{benchmarks[k], col.display, x->chosen, y->chosen,
                                diff_of(x->chosen, y->chosen)},
                               y->rank,
                               x->rank,
                               order};
                push(b, (void **)&keys, &n_keys, &cap_keys, &key, sizeof key);
            }
        n_total += total == (size_t)-1 ? found : total;
        free(cs);
        free(groups);
        lr_index_free(&seen);
    }
    free(src_class);
    if (n_keys)
        qsort(keys, n_keys, sizeof *keys, by_h2h);
    f->n_head_to_heads_total = n_total;
    f->n_head_to_heads = n_keys < f->limit ? n_keys : f->limit;
    f->head_to_heads = alloc(b, (f->n_head_to_heads + 1) * sizeof *f->head_to_heads);
    for (size_t i = 0; f->head_to_heads && i < f->n_head_to_heads; i++)
        f->head_to_heads[i] = keys[i].h;
    free(keys);
}

/* ---- 4. how each source measured ----------------------------------------------------------- */

/* Variant parts are sorted into grading, aggregation and the rest by the words they use. */
static const char *const grading_words[] = {"grad", "judge", "rater", "rated by", "human eval"};
static const char *const aggregation_words[] = {"mean",     "average",   "macro", "micro",
                                                "weighted", "aggregate", "sum of"};

static int has_word(const char *text, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(words[i]);
        for (const char *p = text; *p; p++) {
            size_t k = 0;
            while (k < len && p[k] && (p[k] | 0x20) == (words[i][k] | 0x20))
                k++;
            if (k == len)
                return 1;
        }
    }
    return 0;
}

/* Adds s to a sorted list of distinct strings kept in a malloc'ed array. */
static void add_distinct(builder *b, const char ***list, size_t *n, size_t *cap, const char *s)
{
    size_t lo = 0, hi = *n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp((*list)[mid], s);
        if (!c)
            return;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lr_grow((void **)list, cap, *n, sizeof **list)) {
        b->failed = 1;
        return;
    }
    memmove(*list + lo + 1, *list + lo, (*n - lo) * sizeof **list);
    (*list)[lo] = s;
    (*n)++;
}

/* Adds s to a list of distinct strings in order of first appearance. */
static void add_once(builder *b, const char ***list, size_t *n, size_t *cap, const char *s)
{
    for (size_t i = 0; i < *n; i++)
        if (!strcmp((*list)[i], s))
            return;
    if (lr_grow((void **)list, cap, *n, sizeof **list)) {
        b->failed = 1;
        return;
    }
    (*list)[(*n)++] = s;
}

/* A malloc'ed list moved into the arena. */
static const char **keep_list(builder *b, const char **list, size_t n)
{
    const char **out = n ? alloc(b, n * sizeof *out) : NULL;
    if (out)
        memcpy(out, list, n * sizeof *out);
    free(list);
    return out;
}

typedef struct row_work {
    const char **methods, **grading, **aggregation, **variants, **harnesses, **caveats;
    const char **translated;
    size_t cap_methods, cap_grading, cap_aggregation, cap_variants, cap_harnesses, cap_caveats;
    size_t cap_translated;
    int *shots;
    size_t cap_shots;
} row_work;

static void add_shots(builder *b, lr_source_row *row, row_work *w, int shots)
{
    if (shots == LR_SHOTS_UNKNOWN) {
        row->shots_unstated = 1;
        return;
    }
    if (shots == LR_SHOTS_MIXED) {
        row->shots_mixed = 1;
        return;
    }
    size_t i = 0;
    while (i < row->n_shots && w->shots[i] < shots)
        i++;
    if (i < row->n_shots && w->shots[i] == shots)
        return;
    if (lr_grow((void **)&w->shots, &w->cap_shots, row->n_shots, sizeof *w->shots)) {
        b->failed = 1;
        return;
    }
    memmove(w->shots + i + 1, w->shots + i, (row->n_shots - i) * sizeof *w->shots);
    w->shots[i] = shots;
    row->n_shots++;
}

/* Splits a variant at ", " into parts and files each under grading, aggregation or variants. */
static void add_variant(builder *b, lr_source_row *row, row_work *w, const char *variant)
{
    const char *p = variant;
    while (*p && !b->failed) {
        const char *end = strstr(p, ", ");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char *part = lr_arena_strndup(&b->f->arena, p, len);
        if (!part) {
            b->failed = 1;
            return;
        }
        if (lr_registry_variant_translates(part))
            add_distinct(b, &w->translated, &row->n_translated, &w->cap_translated, part);
        else if (has_word(part, grading_words, sizeof grading_words / sizeof *grading_words))
            add_distinct(b, &w->grading, &row->n_grading, &w->cap_grading, part);
        else if (has_word(part, aggregation_words,
                          sizeof aggregation_words / sizeof *aggregation_words))
            add_distinct(b, &w->aggregation, &row->n_aggregation, &w->cap_aggregation, part);
        else
            add_distinct(b, &w->variants, &row->n_variants, &w->cap_variants, part);
        p = end ? end + 2 : p + len;
    }
}

static const lr_source_row *row_sort_rows; /* qsort has no context */

static int by_row_name(const void *pa, const void *pb)
{
    const lr_source_row *a = &row_sort_rows[*(const size_t *)pa];
    const lr_source_row *b = &row_sort_rows[*(const size_t *)pb];
    lr_buf x = LR_BUF_INIT, y = LR_BUF_INIT;
    lr_findings_source_label(a, &x);
    lr_findings_source_label(b, &y);
    int c = strcmp(x.data ? x.data : "", y.data ? y.data : "");
    lr_buf_free(&x);
    lr_buf_free(&y);
    if (c)
        return c;
    c = str_cmp(a->first_date, b->first_date);
    if (c)
        return c;
    return a->n_results < b->n_results ? -1 : a->n_results > b->n_results;
}

static void find_sources(builder *b)
{
    lr_findings *f = b->f;
    size_t n_src = lr_store_source_count(b->store), n_obs = lr_store_count(b->store);
    size_t *group = malloc((n_src + 1) * sizeof *group); /* source index -> row */
    row_work *work = NULL;
    size_t cap_rows = 0, cap_work = 0, n_work = 0;
    if (!group) {
        b->failed = 1;
        return;
    }
    for (size_t s = 0; s < n_src; s++)
        group[s] = (size_t)-1;
    /* rows in order of the sources' first result */
    for (size_t i = 0; i < n_obs && !b->failed; i++) {
        const lr_observation *o = lr_store_get(b->store, i);
        if (!o->source || group[o->source->index] != (size_t)-1)
            continue;
        size_t r = 0;
        while (r < f->n_sources && !same_source(f->sources[r].source, o->source))
            r++;
        if (r == f->n_sources) {
            lr_source_row row;
            memset(&row, 0, sizeof row);
            row.source = o->source;
            row_work w;
            memset(&w, 0, sizeof w);
            if (push(b, (void **)&f->sources, &f->n_sources, &cap_rows, &row, sizeof row) ||
                push(b, (void **)&work, &n_work, &cap_work, &w, sizeof w))
                break;
        }
        group[o->source->index] = r;
        lr_source_row *row = &f->sources[r];
        row_work *w = &work[r];
        const lr_source *s = o->source;
        row->n_sources++;
        if (s->harness)
            add_distinct(b, &w->harnesses, &row->n_harnesses, &w->cap_harnesses, s->harness);
        for (size_t c = 0; c < s->n_caveats; c++)
            if (s->caveats[c])
                add_once(b, &w->caveats, &row->n_caveats, &w->cap_caveats, s->caveats[c]);
        if (s->date && (!row->first_date || strcmp(s->date, row->first_date) < 0))
            row->first_date = s->date;
        if (s->date && (!row->last_date || strcmp(s->date, row->last_date) > 0))
            row->last_date = s->date;
    }
    for (size_t i = 0; i < n_obs && !b->failed; i++) {
        const lr_observation *o = lr_store_get(b->store, i);
        if (!o->source || (o->setting->flags & LR_OBS_MEMBER))
            continue;
        size_t r = group[o->source->index];
        lr_source_row *row = &f->sources[r];
        row_work *w = &work[r];
        const lr_setting *k = o->setting;
        row->n_results++;
        add_shots(b, row, w, k->shots);
        if (k->method)
            add_distinct(b, &w->methods, &row->n_methods, &w->cap_methods, k->method);
        else
            row->plain = 1;
        if (k->variant)
            add_variant(b, row, w, k->variant);
        if (lr_registry_translation_of(k->benchmark))
            add_distinct(b, &w->translated, &row->n_translated, &w->cap_translated, k->benchmark);
        if (k->rule)
            add_distinct(b, &w->aggregation, &row->n_aggregation, &w->cap_aggregation, k->rule);
    }
    for (size_t r = 0; r < n_work; r++) {
        lr_source_row *row = &f->sources[r];
        row_work *w = &work[r];
        row->methods = keep_list(b, w->methods, row->n_methods);
        row->grading = keep_list(b, w->grading, row->n_grading);
        row->aggregation = keep_list(b, w->aggregation, row->n_aggregation);
        row->variants = keep_list(b, w->variants, row->n_variants);
        row->harnesses = keep_list(b, w->harnesses, row->n_harnesses);
        row->caveats = keep_list(b, w->caveats, row->n_caveats);
        free(w->translated); /* only counted */
        int *shots = row->n_shots ? alloc(b, row->n_shots * sizeof *shots) : NULL;
        if (shots)
            memcpy(shots, w->shots, row->n_shots * sizeof *shots);
        row->shots = shots;
        free(w->shots);
    }
    free(work);
    /* rows by their names, so that the order of the inputs does not matter */
    size_t *perm = malloc((f->n_sources + 1) * sizeof *perm);
    size_t *inverse = malloc((f->n_sources + 1) * sizeof *inverse);
    lr_source_row *sorted = malloc((f->n_sources + 1) * sizeof *sorted);
    if (!perm || !inverse || !sorted) {
        free(perm), free(inverse), free(sorted), free(group);
        b->failed = 1;
        return;
    }
    for (size_t r = 0; r < f->n_sources; r++)
        perm[r] = r;
    row_sort_rows = f->sources;
    qsort(perm, f->n_sources, sizeof *perm, by_row_name);
    for (size_t r = 0; r < f->n_sources; r++) {
        sorted[r] = f->sources[perm[r]];
        inverse[perm[r]] = r;
    }
    memcpy(f->sources, sorted, f->n_sources * sizeof *sorted);
    for (size_t s = 0; s < n_src; s++)
        if (group[s] != (size_t)-1)
            group[s] = inverse[group[s]];
    free(perm), free(inverse), free(sorted);
    b->src_row = group;
}

/* Pairs of source rows that share benchmarks and not one setting on them. */
typedef struct gap_work {
    size_t *keys; /* benchmark index * stride + setting group, sorted */
    size_t n, cap;
} gap_work;

static int by_name(const void *pa, const void *pb)
{
    return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

static int by_gap(const void *pa, const void *pb)
{
    const lr_source_gap *a = pa, *b = pb;
    if (a->n_benchmarks != b->n_benchmarks)
        return a->n_benchmarks > b->n_benchmarks ? -1 : 1;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return a->b < b->b ? -1 : a->b > b->b;
}

static void find_gaps(builder *b)
{
    lr_findings *f = b->f;
    size_t n_rows = f->n_sources < MAX_GAP_GROUPS ? f->n_sources : MAX_GAP_GROUPS;
    if (n_rows < 2 || !b->src_row)
        return;
    size_t n_benchmarks;
    const char *const *benchmarks = lr_store_benchmarks(b->store, &n_benchmarks);
    size_t n_obs = lr_store_count(b->store), stride = n_obs + 1;
    gap_work *w = calloc(n_rows, sizeof *w);
    lr_index bench_ix = LR_INDEX_INIT;
    size_t cap = 0;
    if (!w) {
        b->failed = 1;
        return;
    }
    for (size_t k = 0; k < n_benchmarks; k++)
        if (lr_index_add(&bench_ix, benchmarks[k], NULL, k))
            b->failed = 1;
    for (size_t i = 0; i < n_obs && !b->failed; i++) {
        const lr_observation *o = lr_store_get(b->store, i);
        if (b->sgid[i] == (size_t)-1 || !o->source)
            continue;
        size_t r = b->src_row[o->source->index];
        if (r >= n_rows)
            continue;
        size_t hits;
        const size_t *k = lr_index_get(&bench_ix, o->setting->benchmark, NULL, &hits);
        if (!hits)
            continue;
        size_t key = k[0] * stride + b->sgid[i];
        if (lr_grow((void **)&w[r].keys, &w[r].cap, w[r].n, sizeof *w[r].keys)) {
            b->failed = 1;
            break;
        }
        w[r].keys[w[r].n++] = key;
    }
    for (size_t r = 0; r < n_rows; r++) {
        if (!w[r].n)
            continue;
        qsort(w[r].keys, w[r].n, sizeof *w[r].keys, by_size);
        size_t kept = 1; /* each benchmark and setting once */
        for (size_t i = 1; i < w[r].n; i++)
            if (w[r].keys[i] != w[r].keys[kept - 1])
                w[r].keys[kept++] = w[r].keys[i];
        w[r].n = kept;
    }
    const char **names = malloc((n_benchmarks + 1) * sizeof *names);
    if (!names)
        b->failed = 1;
    for (size_t r = 0; r < n_rows && !b->failed; r++)
        for (size_t q = r + 1; q < n_rows && !b->failed; q++) {
            size_t i = 0, j = 0, shared = 0, last = (size_t)-1;
            int common = 0;
            while (i < w[r].n && j < w[q].n && !common) {
                size_t ki = w[r].keys[i], kj = w[q].keys[j];
                if (ki == kj)
                    common = 1;
                if (ki / stride == kj / stride && ki / stride != last) {
                    last = ki / stride;
                    const char *display = benchmarks[last];
                    /* the display name of the benchmark, from any of its results */
                    size_t n;
                    const size_t *pos = lr_store_find_benchmark(b->store, benchmarks[last], &n);
                    if (n && lr_store_get(b->store, pos[0])->setting->benchmark_display)
                        display = lr_store_get(b->store, pos[0])->setting->benchmark_display;
                    names[shared++] = display;
                }
                if (ki <= kj)
                    i++;
                else
                    j++;
            }
            if (common || !shared)
                continue;
            lr_source_gap g = {r, q, alloc(b, shared * sizeof *g.benchmarks), shared};
            if (!g.benchmarks)
                break;
            memcpy(g.benchmarks, names, shared * sizeof *names);
            qsort(g.benchmarks, shared, sizeof *g.benchmarks, by_name);
            push(b, (void **)&f->gaps, &f->n_gaps, &cap, &g, sizeof g);
        }
    free(names);
    if (f->n_gaps)
        qsort(f->gaps, f->n_gaps, sizeof *f->gaps, by_gap);
    for (size_t r = 0; r < n_rows; r++)
        free(w[r].keys);
    free(w);
    lr_index_free(&bench_ix);
}

/* ---- the whole ----------------------------------------------------------------------------- */

static void count(builder *b)
{
    lr_findings *f = b->f;
    for (size_t i = 0; i < lr_store_count(b->store); i++) {
        const lr_setting *k = lr_store_get(b->store, i)->setting;
        f->n_results++; /* as the title line counts them */
        if (k->flags & LR_OBS_MEMBER)
            continue;
        f->n_unstated += !lr_setting_known(k);
        f->n_limited += lr_setting_known(k) && (k->flags & LR_OBS_LIMITED);
    }
    const lr_overview *ov = b->ov;
    for (size_t r = 0; ov && r < ov->n_rows; r++)
        for (size_t c = 0; c < ov->n_cols; c++) {
            lr_cell_kind kind = lr_overview_cell(ov, r, c)->kind;
            f->n_comparable += kind == LR_CELL_REF;
            f->n_overview_marked += kind == LR_CELL_OTHER || kind == LR_CELL_UNKNOWN;
        }
}

lr_status lr_findings_build(const lr_store *store, const lr_config *config, const lr_overview *ov,
                            lr_findings *out)
{
    memset(out, 0, sizeof *out);
    out->spread_points = config ? config->findings_spread_points : LR_FINDINGS_SPREAD_POINTS;
    out->limit = config && config->findings_limit ? config->findings_limit : LR_FINDINGS_LIMIT;
    builder b = {store, config, ov, out, LR_INDEX_INIT, NULL, NULL, 0};
    rank_models(&b);
    if (!b.failed)
        group_settings(&b);
    if (!b.failed)
        count(&b);
    if (!b.failed)
        find_spreads(&b);
    if (!b.failed)
        find_flips(&b);
    if (!b.failed)
        find_head_to_heads(&b);
    if (!b.failed)
        find_sources(&b);
    if (!b.failed)
        find_gaps(&b);
    free(b.sgid);
    free(b.src_row);
    lr_index_free(&b.ranks);
    if (b.failed || b.ranks.failed) {
        lr_findings_free(out);
        return LR_ENOMEM;
    }
    return LR_OK;
}

void lr_findings_free(lr_findings *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n_flip_sets; i++) {
        free(f->flip_sets[i].pairs);
        free(f->flip_sets[i].flips);
    }
    free(f->spreads);
    free(f->flip_sets);
    free(f->sources);
    free(f->gaps);
    lr_arena_free(&f->arena);
    memset(f, 0, sizeof *f);
}

int lr_findings_any(const lr_findings *f)
{
    return f->n_spreads_total || f->n_flips_total || f->n_head_to_heads_total;
}

/* ---- words --------------------------------------------------------------------------------- */

static void shots_text(int shots, lr_lang lang, char *buf, size_t size)
{
    if (shots == LR_SHOTS_UNKNOWN)
        snprintf(buf, size, "%s", lr_phrase(lang, LR_PH_NOT_STATED_SHORT));
    else if (shots == LR_SHOTS_MIXED)
        snprintf(buf, size, "%s", lr_phrase(lang, LR_PH_PER_MEMBER));
    else
        snprintf(buf, size, "%d", shots);
}

/* Appends the phrase fmt with two escaped strings. */
static void put_pair(lr_buf *out, lr_lang lang, lr_phrase_id fmt, const char *a, const char *b)
{
    lr_buf ea = LR_BUF_INIT, eb = LR_BUF_INIT;
    lr_md_escape(&ea, a);
    lr_md_escape(&eb, b);
    lr_buf_printf(out, lr_phrase(lang, fmt), ea.data ? ea.data : "", eb.data ? eb.data : "");
    lr_buf_free(&ea);
    lr_buf_free(&eb);
}

void lr_findings_describe_diff(unsigned differs, const lr_observation *a, const lr_observation *b,
                               lr_lang lang, lr_buf *out)
{
    const lr_setting *x = a->setting, *y = b->setting;
    size_t start = out->len;
#define SEP() (out->len > start ? lr_buf_puts(out, lr_phrase(lang, LR_PH_DIFF_SEP)) : (void)0)
    if (differs & LR_DIFF_SHOTS) {
        char sa[32], sb[32];
        shots_text(x->shots, lang, sa, sizeof sa);
        shots_text(y->shots, lang, sb, sizeof sb);
        SEP();
        put_pair(out, lang, LR_PH_DIFF_SHOTS, sa, sb);
    }
    if (differs & LR_DIFF_METRIC) {
        SEP();
        put_pair(out, lang, LR_PH_DIFF_METRIC, x->metric, y->metric);
    }
    if (differs & LR_DIFF_METHOD) {
        const char *plain = lr_phrase(lang, LR_PH_PLAIN);
        SEP();
        put_pair(out, lang, LR_PH_DIFF_METHOD, x->method ? x->method : plain,
                 y->method ? y->method : plain);
    }
    if (differs & LR_DIFF_VARIANT) {
        const char *none = lr_phrase(lang, LR_PH_NONE);
        SEP();
        put_pair(out, lang, LR_PH_DIFF_VARIANT, x->variant ? x->variant : none,
                 y->variant ? y->variant : none);
    }
    if (differs & LR_DIFF_TASK) {
        SEP();
        put_pair(out, lang, LR_PH_DIFF_TASK, x->task_hash, y->task_hash);
    }
    if (differs & LR_DIFF_SOURCE) {
        SEP();
        put_pair(out, lang, LR_PH_DIFF_SOURCE, lr_source_name(a->source),
                 lr_source_name(b->source));
    }
#undef SEP
}

static char *escaped(lr_buf *tmp, const char *text)
{
    lr_buf_clear(tmp);
    lr_md_escape(tmp, text ? text : "");
    return tmp->data ? tmp->data : "";
}

static char *label(lr_buf *tmp, const lr_source_row *r)
{
    lr_buf_clear(tmp);
    lr_findings_source_label(r, tmp);
    return tmp->data ? tmp->data : "";
}

static const char *setting_text(const lr_observation *o, char *buf, size_t size)
{
    return lr_setting_describe(o->setting, buf, size);
}

/* "A, B and C", or "A, B, C and 4 more", escaped. */
static void put_list(lr_buf *out, lr_lang lang, const char *const *items, size_t n, size_t max)
{
    size_t shown = n > max ? max : n;
    for (size_t i = 0; i < shown; i++) {
        if (i)
            lr_buf_puts(out, lr_phrase(lang, i + 1 == shown && shown == n ? LR_PH_LIST_LAST
                                                                          : LR_PH_LIST_SEP));
        lr_md_escape(out, items[i]);
    }
    if (n > shown)
        lr_buf_printf(out, lr_phrase(lang, LR_PH_LIST_MORE), n - shown);
}

/* The first setting where a is clearly ahead of b and the first where it is clearly behind. */
static void flip_example(const lr_flip_set *set, const lr_flip *fl, size_t *ahead, size_t *behind)
{
    *ahead = *behind = (size_t)-1;
    for (size_t s = 0; s < set->n_settings; s++) {
        const lr_observation *a = fl->cells_a[s], *b = fl->cells_b[s];
        if (!a || !b || !distinct(a, b))
            continue;
        int c = better(a->value, b->value, set->higher_is_better);
        if (c < 0 && *ahead == (size_t)-1)
            *ahead = s;
        if (c > 0 && *behind == (size_t)-1)
            *behind = s;
    }
}

/* A value the summary quotes, with its footnote when there is a cite function. */
static void quoted(const lr_observation *o, lr_findings_cite_fn cite, void *user, char *buf,
                   size_t size)
{
    lr_format_value(o->value, buf, size);
    int label = cite ? cite(user, o) : 0;
    size_t len = strlen(buf);
    if (label > 0 && len < size)
        snprintf(buf + len, size - len, "[^%d]", label);
}

/* The sentence on rankings that flip (or that none do), with no leading space; nothing when no
 * two settings share models. */
static void summary_flips(const lr_findings *f, lr_lang lang, lr_findings_cite_fn cite, void *user,
                          lr_buf *out)
{
    if (!f->n_flips_total) {
        if (f->n_flip_sets)
            lr_buf_puts(out, lr_phrase(lang, LR_PH_SUM_NO_FLIPS));
        return;
    }
    const char **names = malloc(f->n_flip_sets * sizeof *names);
    size_t n_names = 0;
    for (size_t i = 0; names && i < f->n_flip_sets; i++)
        if (f->flip_sets[i].n_flips)
            names[n_names++] = f->flip_sets[i].display;
    lr_buf t1 = LR_BUF_INIT, t2 = LR_BUF_INIT, t3 = LR_BUF_INIT, t4 = LR_BUF_INIT, t5 = LR_BUF_INIT;
    put_list(&t1, lang, names, n_names, 3);
    free(names);
    const lr_flip_set *set = &f->flip_sets[0];
    const lr_flip *fl = &set->flips[0];
    size_t ahead, behind;
    flip_example(set, fl, &ahead, &behind);
    if (ahead != (size_t)-1 && behind != (size_t)-1) {
        char s1[512], s2[512], v1[48], v2[48], v3[48], v4[48];
        quoted(fl->cells_a[ahead], cite, user, v1, sizeof v1);
        quoted(fl->cells_b[ahead], cite, user, v2, sizeof v2);
        quoted(fl->cells_a[behind], cite, user, v3, sizeof v3);
        quoted(fl->cells_b[behind], cite, user, v4, sizeof v4);
        lr_buf_printf(
            out, lr_phrase(lang, f->n_flips_total == 1 ? LR_PH_SUM_FLIP_ONE : LR_PH_SUM_FLIP_MANY),
            f->n_flips_total, t1.data ? t1.data : "",
            escaped(&t2, setting_text(fl->cells_a[ahead], s1, sizeof s1)),
            escaped(&t3, set->models[fl->a]), escaped(&t4, set->models[fl->b]), v1, v2,
            escaped(&t5, setting_text(fl->cells_a[behind], s2, sizeof s2)), v3, v4);
    }
    lr_buf_free(&t1);
    lr_buf_free(&t2);
    lr_buf_free(&t3);
    lr_buf_free(&t4);
    lr_buf_free(&t5);
}

void lr_findings_summary(const lr_findings *f, lr_lang lang, lr_buf *out)
{
    lr_findings_summary_cited(f, lang, NULL, NULL, out);
}

void lr_findings_summary_cited(const lr_findings *f, lr_lang lang, lr_findings_cite_fn cite,
                               void *user, lr_buf *out)
{
    lr_buf t1 = LR_BUF_INIT, t2 = LR_BUF_INIT, t3 = LR_BUF_INIT, t4 = LR_BUF_INIT, t5 = LR_BUF_INIT;
    char s1[512], s2[512], v1[48], v2[48], v3[48];
    /* the answer first: rankings that flip, then the largest spread, then what a naive table
     * would put side by side; what was counted and left out comes last */
    lr_buf flips = LR_BUF_INIT;
    summary_flips(f, lang, cite, user, &flips);
    if (flips.data) {
        lr_buf_puts(out, flips.data);
        lr_buf_putc(out, ' ');
    }
    lr_buf_free(&flips);
    if (f->n_spreads) {
        const lr_spread *sp = &f->spreads[0];
        const lr_observation *lo = sp->values[0], *hi = sp->values[sp->n_values - 1];
        if (lo->value > hi->value) {
            const lr_observation *t = lo;
            lo = hi;
            hi = t;
        }
        lr_format_value(sp->spread, v1, sizeof v1);
        quoted(lo, cite, user, v2, sizeof v2);
        quoted(hi, cite, user, v3, sizeof v3);
        lr_buf_printf(out, lr_phrase(lang, LR_PH_SUM_SPREAD), v1, escaped(&t1, sp->model),
                      escaped(&t2, sp->display), v2, escaped(&t3, setting_text(lo, s1, sizeof s1)),
                      v3, escaped(&t4, setting_text(hi, s2, sizeof s2)));
    } else if (!f->n_benchmarks_multi) {
        lr_buf_puts(out, lr_phrase(lang, LR_PH_SUM_NOTHING));
    } else if (!f->n_multi) {
        lr_buf_puts(out, lr_phrase(lang, LR_PH_SUM_NO_MULTI));
    } else {
        lr_format_value(f->spread_points, v1, sizeof v1);
        lr_buf_printf(out, lr_phrase(lang, LR_PH_SUM_NO_SPREAD), v1);
    }
    /* head-to-heads and sources that cannot be compared */
    lr_buf gap = LR_BUF_INIT;
    if (f->n_gaps)
        put_list(&gap, lang, f->gaps[0].benchmarks, f->gaps[0].n_benchmarks, 3);
    if (f->n_head_to_heads) {
        const lr_head_to_head *h = &f->head_to_heads[0];
        lr_buf diff = LR_BUF_INIT;
        lr_findings_describe_diff(h->differs, h->a, h->b, lang, &diff);
        lr_buf_putc(out, ' ');
        if (f->n_gaps)
            lr_buf_printf(out,
                          lr_phrase(lang, f->n_head_to_heads_total == 1 ? LR_PH_SUM_H2H_GAP_ONE
                                                                        : LR_PH_SUM_H2H_GAP),
                          f->n_head_to_heads_total, escaped(&t1, h->a->model),
                          escaped(&t2, h->b->model), escaped(&t3, h->display),
                          diff.data ? diff.data : "", label(&t4, &f->sources[f->gaps[0].a]),
                          label(&t5, &f->sources[f->gaps[0].b]), gap.data ? gap.data : "");
        else
            lr_buf_printf(
                out,
                lr_phrase(lang, f->n_head_to_heads_total == 1 ? LR_PH_SUM_H2H_ONE : LR_PH_SUM_H2H),
                f->n_head_to_heads_total, escaped(&t1, h->a->model), escaped(&t2, h->b->model),
                escaped(&t3, h->display), diff.data ? diff.data : "");
        lr_buf_free(&diff);
    } else if (f->n_gaps) {
        lr_buf_putc(out, ' ');
        lr_buf_printf(out, lr_phrase(lang, LR_PH_SUM_GAP_ALONE),
                      label(&t4, &f->sources[f->gaps[0].a]), label(&t5, &f->sources[f->gaps[0].b]),
                      gap.data ? gap.data : "");
    }
    lr_buf_free(&gap);
    lr_buf_putc(out, ' ');
    lr_buf_printf(out,
                  lr_phrase(lang, f->n_sources == 1 ? LR_PH_SUM_RESULTS_ONE : LR_PH_SUM_RESULTS),
                  f->n_results, f->n_sources, f->n_comparable, f->n_overview_marked);
    if (f->n_unstated || f->n_limited) {
        lr_buf_putc(out, ' ');
        if (f->n_unstated && f->n_limited)
            lr_buf_printf(out, lr_phrase(lang, LR_PH_SUM_LEFT_OUT), f->n_unstated, f->n_limited);
        else
            lr_buf_printf(
                out,
                lr_phrase(lang, f->n_unstated ? LR_PH_SUM_LEFT_UNSTATED : LR_PH_SUM_LEFT_LIMITED),
                f->n_unstated ? f->n_unstated : f->n_limited);
    }
    lr_buf_free(&t1);
    lr_buf_free(&t2);
    lr_buf_free(&t3);
    lr_buf_free(&t4);
    lr_buf_free(&t5);
}

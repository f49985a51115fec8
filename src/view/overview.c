/* The overview table: reference settings per column, one cell per model and benchmark, best
 * cells, ties and the average column. */
#include "overview.h"

#include "core/buf.h"
#include "core/index.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int matches_ref(const lr_observation *o, const lr_ref_setting *r)
{
    if (!r)
        return 1;
    if (r->metric && !lr_str_eq(o->setting->metric, r->metric))
        return 0;
    if (r->shots != LR_SHOTS_UNKNOWN && o->setting->shots != r->shots)
        return 0;
    if (r->has_method && !lr_registry_method_equal(o->setting->method, r->method))
        return 0;
    if (r->has_variant && !lr_str_eq(o->setting->variant, r->variant))
        return 0;
    return 1;
}

typedef struct setting_count {
    const lr_observation *example;
    size_t models; /* distinct models at this setting */
    const char *last_model;
} setting_count;

int lr_reference_setting(const lr_store *store, const lr_config *config, const char *benchmark,
                         lr_setting *ref, int *configured)
{
    return lr_reference_setting_for(store, config, benchmark, NULL, ref, configured);
}

int lr_reference_setting_for(const lr_store *store, const lr_config *config, const char *benchmark,
                             const char *metric, lr_setting *ref, int *configured)
{
    const lr_ref_setting *r = config ? lr_config_ref(config, benchmark) : NULL;
    lr_ref_setting only; /* the config's setting for this metric, or just the metric */
    if (metric && (!r || !r->metric || strcmp(r->metric, metric))) {
        memset(&only, 0, sizeof only);
        only.benchmark = benchmark;
        only.metric = metric;
        only.shots = LR_SHOTS_UNKNOWN;
        r = &only;
    }
    const lr_benchmark_def *def =
        lr_registry_benchmark(lr_store_registry((lr_store *)store), benchmark);
    setting_count *counts = NULL;
    size_t n_counts = 0, cap = 0, n;
    lr_index seen = LR_INDEX_INIT; /* (setting number, model) pairs already counted */
    lr_setting_groups *groups = lr_setting_groups_new(store); /* setting number of each */
    if (!groups)
        return 0;
    const size_t *ix = lr_store_find_benchmark(store, benchmark, &n);
    for (size_t i = 0; i < n; i++) {
        const lr_observation *o = lr_store_get(store, ix[i]);
        if (!lr_setting_known(o->setting) || (o->setting->flags & LR_OBS_LIMITED) ||
            !matches_ref(o, r))
            continue;
        int created;
        size_t k = lr_setting_groups_join(groups, o->setting, &created);
        if (k == (size_t)-1 || (created && n_counts == cap)) {
            if (k != (size_t)-1) {
                cap = cap ? cap * 2 : 16;
                setting_count *p = realloc(counts, cap * sizeof *p);
                if (p)
                    counts = p;
                else
                    k = (size_t)-1;
            }
            if (k == (size_t)-1) {
                free(counts);
                lr_index_free(&seen);
                lr_setting_groups_free(groups);
                return 0;
            }
        }
        if (created) {
            counts[n_counts].example = o;
            counts[n_counts].models = 0;
            counts[n_counts].last_model = NULL;
            n_counts++;
        }
        if (o->model == counts[k].last_model)
            continue; /* the usual repeat: the same file's next result */
        counts[k].last_model = o->model;
        char buf[24], *key = buf + sizeof buf - 1; /* k in decimal, without snprintf */
        *key = 0;
        size_t v = k;
        do {
            *--key = (char)('0' + v % 10);
            v /= 10;
        } while (v);
        size_t hits;
        lr_index_get(&seen, key, o->model, &hits);
        if (!hits) {
            lr_index_add(&seen, key, o->model, i);
            counts[k].models++;
        }
    }
    lr_index_free(&seen);
    lr_setting_groups_free(groups);
    size_t best = (size_t)-1;
    for (size_t k = 0; k < n_counts; k++) {
        if (best == (size_t)-1 || counts[k].models > counts[best].models) {
            best = k;
            continue;
        }
        if (counts[k].models < counts[best].models || !def)
            continue;
        /* tie: the registry's default setting wins */
        const lr_observation *a = counts[k].example, *b = counts[best].example;
        int sa = lr_str_eq(a->setting->metric, def->default_metric) +
                 (a->setting->shots == def->default_shots) + (a->setting->method == NULL) +
                 (a->setting->variant == NULL);
        int sb = lr_str_eq(b->setting->metric, def->default_metric) +
                 (b->setting->shots == def->default_shots) + (b->setting->method == NULL) +
                 (b->setting->variant == NULL);
        if (sa > sb)
            best = k;
    }
    memset(ref, 0, sizeof *ref);
    ref->benchmark = benchmark;
    ref->benchmark_display = def ? def->display : benchmark;
    ref->higher_is_better = 1;
    *configured = r != NULL && r != &only;
    int found = best != (size_t)-1;
    if (found) {
        const lr_observation *e = counts[best].example;
        ref->metric = e->setting->metric;
        ref->shots = e->setting->shots;
        /* a configured method is the column's (its matches differ only in detail) */
        ref->method = r && r != &only && r->has_method ? r->method : e->setting->method;
        ref->variant = e->setting->variant;
        ref->task_hash = e->setting->task_hash;
        ref->higher_is_better = e->setting->higher_is_better;
        ref->bounded = e->setting->bounded;
        ref->benchmark_display = e->setting->benchmark_display;
    } else if (r) {
        ref->metric = r->metric ? r->metric : def ? def->default_metric : NULL;
        ref->shots = r->shots != LR_SHOTS_UNKNOWN ? r->shots : def ? def->default_shots : 0;
        ref->method = r->method;
        ref->variant = r->variant;
        found = ref->metric != NULL;
    }
    free(counts);
    return found;
}

/* The benchmarks for the overview when the config names none: those with the most models at
 * one setting (their reference setting), at most 8, in order of first appearance. A benchmark
 * of one model is no comparison; one whose reference metric is not a percentage (MCC on -1..1,
 * perplexity) would share the overview's percent scale with the others, so it keeps to its own
 * table. */
static size_t default_benchmarks(const lr_store *store, const lr_config *config, const char ***out)
{
    size_t n_b;
    const char *const *all = lr_store_benchmarks(store, &n_b);
    const char **ids = calloc(n_b + 1, sizeof *ids);
    size_t *models = calloc(n_b + 1, sizeof *models);
    if (!ids || !models) {
        free(ids);
        free(models);
        *out = NULL;
        return 0;
    }
    for (size_t k = 0; k < n_b; k++) {
        ids[k] = all[k];
        lr_setting ref;
        int configured;
        if (!lr_reference_setting(store, config, all[k], &ref, &configured) || !ref.bounded)
            continue;
        size_t n;
        const size_t *ix = lr_store_find_benchmark(store, all[k], &n);
        lr_index seen = LR_INDEX_INIT;
        for (size_t i = 0; i < n; i++) {
            const lr_observation *o = lr_store_get(store, ix[i]);
            /* an average over benchmarks measured each at its own shots is not a benchmark */
            if (o->setting->shots == LR_SHOTS_MIXED || !lr_setting_equal(o->setting, &ref))
                continue;
            size_t hits;
            lr_index_get(&seen, o->model, NULL, &hits);
            if (!hits) {
                lr_index_add(&seen, o->model, NULL, i);
                models[k]++;
            }
        }
        lr_index_free(&seen);
    }
    /* keep the 8 with most models, in first-appearance order */
    size_t keep = 0;
    for (size_t k = 0; k < n_b; k++) {
        size_t rank = 0;
        for (size_t j = 0; j < n_b && rank < 8; j++)
            if (models[j] > models[k] || (models[j] == models[k] && j < k))
                rank++;
        if (rank < 8 && models[k] >= 2)
            ids[keep++] = ids[k];
    }
    free(models);
    *out = ids;
    return keep;
}

/* Metrics of one family differ only in normalisation ("acc" and "acc_norm"): a cell of the other
 * may stand in a column, marked as measured differently. pass@1 and pass@10 are not a family. */
static int same_family(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    size_t na = strcspn(a, "_"), nb = strcspn(b, "_");
    return na == nb && !strncmp(a, b, na);
}

void lr_overview_choose(const lr_store *store, const char *name, const lr_column *col,
                        lr_cell *cell)
{
    size_t n;
    const size_t *ix = lr_store_find(store, name, col->benchmark, &n);
    const lr_observation *best_ref = NULL, *best_other = NULL, *best_unknown = NULL;
    int best_other_score = 0;
    size_t same_setting = 0;
    for (size_t i = 0; i < n; i++) {
        const lr_observation *o = lr_store_get(store, ix[i]);
        if (!same_family(o->setting->metric, col->ref.metric))
            continue;
        if (lr_setting_equal(o->setting, &col->ref)) {
            same_setting++;
            if (!best_ref || lr_observation_newer(o, best_ref) < 0)
                best_ref = o;
        } else if (lr_setting_known(o->setting)) {
            /* the closest setting: same variant, then method, then shots */
            int score = 16 * !(o->setting->flags & LR_OBS_LIMITED) +
                        8 * lr_str_eq(o->setting->metric, col->ref.metric) +
                        4 * lr_str_eq(o->setting->variant, col->ref.variant) +
                        2 * lr_registry_method_equal(o->setting->method, col->ref.method) +
                        (o->setting->shots == col->ref.shots);
            if (!best_other || score > best_other_score ||
                (score == best_other_score && lr_observation_newer(o, best_other) < 0)) {
                best_other = o;
                best_other_score = score;
            }
        } else if (!best_unknown || lr_observation_newer(o, best_unknown) < 0) {
            best_unknown = o;
        }
    }
    memset(cell, 0, sizeof *cell);
    if (best_ref) {
        cell->obs = best_ref;
        cell->kind = LR_CELL_REF;
        cell->alternatives = same_setting - 1;
    } else if (best_other) {
        cell->obs = best_other;
        cell->kind = LR_CELL_OTHER;
    } else if (best_unknown) {
        cell->obs = best_unknown;
        cell->kind = LR_CELL_UNKNOWN;
    }
}

typedef struct row_rank {
    size_t row, score;
    double mean; /* of the row's reference cells, direction-adjusted: higher is better */
} row_rank;

/* Most cells at the reference settings first, then the best mean over them, then order of
 * first appearance. */
static int by_rank(const void *pa, const void *pb)
{
    const row_rank *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (a->mean != b->mean)
        return a->mean > b->mean ? -1 : 1;
    return a->row < b->row ? -1 : a->row > b->row;
}

static int has_model(const char **models, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(models[i], name))
            return 1;
    return 0;
}

lr_status lr_overview_build(const lr_store *store, const lr_config *config, lr_overview *ov)
{
    memset(ov, 0, sizeof *ov);
    const char **bench = NULL;
    size_t n_bench;
    const char **owned = NULL;
    if (config && config->n_benchmarks) {
        bench = config->benchmarks;
        n_bench = config->n_benchmarks;
    } else {
        n_bench = default_benchmarks(store, config, &owned);
        bench = owned;
    }
    ov->cols = calloc(n_bench + 1, sizeof *ov->cols);
    if (!ov->cols) {
        free(owned);
        return LR_ENOMEM;
    }
    for (size_t b = 0; b < n_bench; b++) {
        lr_column *c = &ov->cols[ov->n_cols];
        if (!lr_reference_setting(store, config, bench[b], &c->ref, &c->configured))
            continue;
        c->benchmark = c->ref.benchmark;
        c->display = c->ref.benchmark_display;
        ov->n_cols++;
    }
    free(owned);

    /* rows: the config's models, else every model with a cell, most reference cells first */
    size_t n = lr_store_count(store);
    ov->models = calloc(n + (config ? config->n_models : 0) + 1, sizeof *ov->models);
    if (!ov->models)
        return LR_ENOMEM;
    if (config && config->n_models) {
        for (size_t i = 0; i < config->n_models; i++) {
            const char *name = lr_store_model_name((lr_store *)store, config->models[i]);
            if (!has_model(ov->models, ov->n_rows, name))
                ov->models[ov->n_rows++] = name;
        }
    } else {
        size_t n_names;
        const char *const *names = lr_store_models(store, &n_names);
        for (size_t i = 0; i < n_names; i++) {
            for (size_t c = 0; c < ov->n_cols; c++) {
                size_t hits;
                lr_store_find(store, names[i], ov->cols[c].benchmark, &hits);
                if (hits) {
                    ov->models[ov->n_rows++] = names[i];
                    break;
                }
            }
        }
    }
    ov->cells = calloc(ov->n_rows * ov->n_cols + 1, sizeof *ov->cells);
    ov->average = calloc(ov->n_rows + 1, sizeof *ov->average);
    ov->has_average = calloc(ov->n_rows + 1, sizeof *ov->has_average);
    if (!ov->cells || !ov->average || !ov->has_average)
        return LR_ENOMEM;
    for (size_t r = 0; r < ov->n_rows; r++)
        for (size_t c = 0; c < ov->n_cols; c++)
            lr_overview_choose(store, ov->models[r], &ov->cols[c], lr_overview_cell(ov, r, c));

    if (!(config && config->n_models)) {
        /* rows with no cell at all go; the rest by number of reference cells, descending, then
         * in order of first appearance (a permutation sorted with qsort: stable by index) */
        row_rank *rank = calloc(ov->n_rows + 1, sizeof *rank);
        const char **models = calloc(ov->n_rows + 1, sizeof *models);
        lr_cell *cells = calloc(ov->n_rows * ov->n_cols + 1, sizeof *cells);
        if (!rank || !models || !cells) {
            free(rank);
            free(models);
            free(cells);
            return LR_ENOMEM;
        }
        size_t kept = 0;
        for (size_t r = 0; r < ov->n_rows; r++) {
            size_t ref = 0, any = 0;
            double sum = 0;
            for (size_t c = 0; c < ov->n_cols; c++) {
                const lr_cell *cell = lr_overview_cell(ov, r, c);
                ref += cell->kind == LR_CELL_REF;
                any += cell->kind != LR_CELL_EMPTY;
                if (cell->kind == LR_CELL_REF)
                    sum += ov->cols[c].ref.higher_is_better ? cell->obs->value : -cell->obs->value;
            }
            if (any) {
                rank[kept].row = r;
                rank[kept].score = ref;
                rank[kept].mean = ref ? sum / (double)ref : 0;
                kept++;
            }
        }
        qsort(rank, kept, sizeof *rank, by_rank);
        for (size_t i = 0; i < kept; i++) {
            models[i] = ov->models[rank[i].row];
            memcpy(&cells[i * ov->n_cols], lr_overview_cell(ov, rank[i].row, 0),
                   ov->n_cols * sizeof *cells);
        }
        free(rank);
        free(ov->models);
        free(ov->cells);
        ov->models = models;
        ov->cells = cells;
        ov->n_rows = kept;
    }

    /* best and tied, among reference cells only */
    for (size_t c = 0; c < ov->n_cols; c++) {
        lr_column *col = &ov->cols[c];
        lr_cell *best = NULL;
        for (size_t r = 0; r < ov->n_rows; r++) {
            lr_cell *cell = lr_overview_cell(ov, r, c);
            if (cell->kind != LR_CELL_REF)
                continue;
            col->n_ref++;
            double v = cell->obs->value, bv = best ? best->obs->value : 0;
            if (!best || (col->ref.higher_is_better ? v > bv : v < bv))
                best = cell;
        }
        /* a metric on a scale of its own (MCC, perplexity) is shown, never bolded next to
         * percentages */
        if (!best || col->n_ref < 2 || !col->ref.bounded)
            continue;
        for (size_t r = 0; r < ov->n_rows; r++) {
            lr_cell *cell = lr_overview_cell(ov, r, c);
            if (cell->kind != LR_CELL_REF)
                continue;
            if (cell->obs->value == best->obs->value) {
                cell->best = 1;
            } else if (cell->obs->stderr_ >= 0 && best->obs->stderr_ >= 0) {
                double se = sqrt(cell->obs->stderr_ * cell->obs->stderr_ +
                                 best->obs->stderr_ * best->obs->stderr_);
                cell->tied = fabs(cell->obs->value - best->obs->value) <= 1.96 * se;
            }
        }
    }

    /* the average: plain mean over all columns, only for rows complete at reference settings */
    if (ov->n_cols >= 2 && (!config || config->average)) {
        int bounded = 1;
        for (size_t c = 0; c < ov->n_cols; c++)
            bounded &= ov->cols[c].ref.bounded && ov->cols[c].ref.higher_is_better;
        for (size_t r = 0; r < ov->n_rows && bounded; r++) {
            double sum = 0;
            int complete = 1;
            for (size_t c = 0; c < ov->n_cols && complete; c++) {
                const lr_cell *cell = lr_overview_cell(ov, r, c);
                complete = cell->kind == LR_CELL_REF;
                if (complete)
                    sum += cell->obs->value;
            }
            ov->has_average[r] = complete;
            if (complete) {
                ov->average[r] = sum / (double)ov->n_cols;
                ov->show_average = 1;
            } else {
                ov->n_without_average++;
            }
        }
    }
    return LR_OK;
}

void lr_overview_free(lr_overview *ov)
{
    free(ov->models);
    free(ov->cols);
    free(ov->cells);
    free(ov->average);
    free(ov->has_average);
    memset(ov, 0, sizeof *ov);
}

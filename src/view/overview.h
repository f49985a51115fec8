/* The overview: models × benchmarks, each column at one reference setting. This is where the
 * comparability rule is applied: a cell measured under another setting is kept but marked, is
 * never best, and never enters an average. */
#ifndef LR_OVERVIEW_H
#define LR_OVERVIEW_H

#include <stddef.h>

#include "model/store.h"
#include "model/config.h"

typedef enum lr_cell_kind {
    LR_CELL_EMPTY = 0,
    LR_CELL_REF,    /* measured at the column's reference setting */
    LR_CELL_OTHER,  /* measured under another known setting */
    LR_CELL_UNKNOWN /* the source does not state the setting */
} lr_cell_kind;

typedef struct lr_cell {
    const lr_observation *obs;
    lr_cell_kind kind;
    int best;            /* best among the column's reference cells */
    int tied;            /* not separable from the best one at 5 % (tier 1; view/tiers.h) */
    int tier;            /* 1, 2, ...: its tier in the column; 0 not tiered (view/tiers.h) */
    size_t alternatives; /* other observations at the same setting not shown (re-runs) */
} lr_cell;

typedef struct lr_column {
    const char *benchmark; /* canonical id */
    const char *display;
    lr_setting ref; /* the reference setting (benchmark, metric, shots, method, variant) */
    int configured; /* the setting came from the config */
    size_t n_ref;   /* cells at the reference setting */
    /* view/tiers.h: tiers among the reference cells with an interval; the spread of those
     * cells (best minus worst) and the minimum detectable effect of that difference; set when
     * the spread is below it */
    int tiers;
    double spread, mde;
    int cannot_separate;
} lr_column;

typedef struct lr_overview {
    size_t n_rows, n_cols;
    const char **models;
    lr_column *cols;
    lr_cell *cells; /* n_rows * n_cols */
    int show_average;
    double *average; /* per row; valid where has_average */
    int *has_average;
    size_t n_without_average;
} lr_overview;

/* Builds the overview from the model and config. Returns LR_ENOMEM or LR_OK. */
lr_status lr_overview_build(const lr_store *store, const lr_config *config, lr_overview *out);
void lr_overview_free(lr_overview *ov);

static inline lr_cell *lr_overview_cell(const lr_overview *ov, size_t row, size_t col)
{
    return &ov->cells[row * ov->n_cols + col];
}

/* Chooses the reference setting of a benchmark: the config's where given, else the setting
 * shared by most models, ties broken by the registry's default metric and shots. Fills ref;
 * returns 0 when the benchmark has no observation with a known setting and no config. */
int lr_reference_setting(const lr_store *store, const lr_config *config, const char *benchmark,
                         lr_setting *ref, int *configured);
/* The same, restricted to one metric (charts of pass@10, say); NULL metric: any. */
int lr_reference_setting_for(const lr_store *store, const lr_config *config, const char *benchmark,
                             const char *metric, lr_setting *ref, int *configured);

/* The cell of one model in a column: the newest observation at the column's reference setting,
 * else the closest other setting (marked), else one whose setting is not stated (marked). */
void lr_overview_choose(const lr_store *store, const char *name, const lr_column *col,
                        lr_cell *cell);

/* lr_observation_newer() (the newer-first order of two observations) is in model/store.h. */

#endif

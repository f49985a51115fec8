/* Tiers and separability in the overview; see tiers.h. */
#include "tiers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/stats.h"
#include "view/baseline.h"
#include "view/paired.h"

typedef struct entry {
    const lr_observation *obs;
    const lr_item_set *items; /* 0/1 samples, or NULL */
    double se;                /* < 0: none */
} entry;

typedef struct column_tests {
    const entry *e;
    int higher;
    int oom;
} column_tests;

static double pair_test(size_t a, size_t b, void *user)
{
    column_tests *t = user;
    const entry *x = &t->e[a], *y = &t->e[b];
    if (x->items && y->items) {
        lr_paired_opts po = {t->higher, 1.0, 0, 0, 0, 0};
        lr_paired pr;
        if (lr_paired_compare(x->items, y->items, &po, &pr)) {
            t->oom = 1;
            return NAN;
        }
        double p = pr.status == LR_PAIR_OK ? pr.p : NAN;
        lr_paired_free(&pr);
        if (isfinite(p))
            return p;
    }
    if (x->se >= 0 && y->se >= 0) {
        double se = sqrt(x->se * x->se + y->se * y->se);
        double d = x->obs->value - y->obs->value;
        if (se > 0)
            return lr_stats_z_pvalue(d, se);
        return d == 0 ? 1 : 0; /* exact values on both sides */
    }
    return NAN;
}

typedef struct ranked {
    size_t at;
    double value;
} ranked;

static int higher_first(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    if (a->value != b->value)
        return a->value > b->value ? -1 : 1;
    return a->at < b->at ? -1 : a->at > b->at;
}

/* The entry of a result, or 0 when it has no interval to test with. */
static int entry_of(const lr_observation *o, const lr_items *items, entry *e)
{
    int wilson;
    const lr_item_set *s = lr_items_find(items, o);
    double se = lr_baseline_se(o, &wilson);
    if (!(s && s->binary) && se < 0)
        return 0;
    *e = (entry){o, s && s->binary ? s : NULL, se};
    return 1;
}

/* Tiers of e[0..n): order[] gets the entries best first, tier[] each entry's tier. */
static lr_status tier_entries(const entry *e, size_t n, int higher, ranked *rk, size_t *order,
                              int *tier)
{
    for (size_t i = 0; i < n; i++)
        rk[i] = (ranked){i, higher ? e[i].obs->value : -e[i].obs->value};
    qsort(rk, n, sizeof *rk, higher_first);
    for (size_t i = 0; i < n; i++)
        order[i] = rk[i].at;
    column_tests t = {e, higher, 0};
    lr_stats_tiers(order, n, 0.05, pair_test, &t, tier);
    return t.oom ? LR_ENOMEM : LR_OK;
}

lr_status lr_overview_tiers(lr_overview *ov, const lr_items *items)
{
    size_t rows = ov->n_rows ? ov->n_rows : 1;
    entry *e = malloc(rows * sizeof *e);
    ranked *rk = malloc(rows * sizeof *rk);
    size_t *order = malloc(rows * sizeof *order);
    int *tier = malloc(rows * sizeof *tier);
    size_t *row_of = malloc(rows * sizeof *row_of);
    lr_status st = e && rk && order && tier && row_of ? LR_OK : LR_ENOMEM;
    for (size_t c = 0; c < ov->n_cols && !st; c++) {
        lr_column *col = &ov->cols[c];
        int higher = col->ref.higher_is_better;
        size_t n = 0;
        for (size_t r = 0; r < ov->n_rows; r++) {
            lr_cell *cell = lr_overview_cell(ov, r, c);
            cell->tier = 0;
            if (cell->kind == LR_CELL_REF && entry_of(cell->obs, items, &e[n]))
                row_of[n++] = r;
        }
        if (n < 2)
            continue;
        if ((st = tier_entries(e, n, higher, rk, order, tier)))
            break;
        int most = 0;
        for (size_t i = 0; i < n; i++) {
            lr_cell *cell = lr_overview_cell(ov, row_of[i], c);
            cell->tier = tier[i];
            cell->tied = tier[i] == 1 && !cell->best;
            most = tier[i] > most ? tier[i] : most;
        }
        col->tiers = most;
        /* what the column can tell apart: best against worst */
        const entry *best = &e[order[0]], *worst = &e[order[n - 1]];
        col->spread = fabs(best->obs->value - worst->obs->value);
        col->mde = best->se >= 0 && worst->se >= 0
                       ? lr_stats_mde(sqrt(best->se * best->se + worst->se * worst->se))
                       : NAN;
        /* one tier, and a spread the test would likely miss even if it were real */
        col->cannot_separate = most == 1 && isfinite(col->mde) && col->spread < col->mde;
    }
    free(e);
    free(rk);
    free(order);
    free(tier);
    free(row_of);
    return st;
}

lr_status lr_tiers_of(const lr_observation *const *obs, size_t n, int higher_is_better,
                      const lr_items *items, int *tier)
{
    size_t m = n ? n : 1;
    entry *e = malloc(m * sizeof *e);
    ranked *rk = malloc(m * sizeof *rk);
    size_t *order = malloc(m * sizeof *order);
    int *t = malloc(m * sizeof *t);
    size_t *at = malloc(m * sizeof *at);
    lr_status st = e && rk && order && t && at ? LR_OK : LR_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        tier[i] = 0;
        if (!st && obs[i] && entry_of(obs[i], items, &e[k]))
            at[k++] = i;
    }
    if (!st && k >= 2 && !(st = tier_entries(e, k, higher_is_better, rk, order, t)))
        for (size_t i = 0; i < k; i++)
            tier[at[i]] = t[i];
    free(e);
    free(rk);
    free(order);
    free(t);
    free(at);
    return st;
}

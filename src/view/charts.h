/* The charts of a report: chart specs (lr_chart) filled from the model at each benchmark's
 * reference setting, from the config's list or a default set. Each cell keeps its own model:
 * charts are built row by row from the model, never from sorted columns. */
#ifndef LR_CHARTS_H
#define LR_CHARTS_H

#include <stddef.h>

#include "chart/chart.h"
#include "core/arena.h"
#include "model/store.h"
#include "model/config.h"
#include "model/items.h"
#include "view/context.h"
#include "view/findings.h"
#include "view/overview.h"

/* One history snapshot for trend charts: its date and its observations. */
typedef struct lr_snapshot {
    const char *date; /* "2026-11-01" */
    const lr_store *store;
} lr_snapshot;

typedef struct lr_chart_set {
    lr_arena arena; /* everything the charts point to */
    lr_chart *charts;
    lr_chart_link *links; /* id, title and "charts/<id>.svg" per chart */
    size_t n;
} lr_chart_set;

/* Builds the charts the config asks for, or the default set (grouped bars of the overview, a
 * ranked chart per overview benchmark with at least three comparable models, a heatmap; trend
 * charts when history is given). A ranked chart marks its tiers as the overview does
 * (view/tiers.h), from items (per-item samples, may be NULL) and the intervals. Returns LR_ENOMEM
 * or LR_OK; charts with nothing to show are left out. */
lr_status lr_charts_build(const lr_store *store, const lr_config *config, const lr_overview *ov,
                          const lr_items *items, const lr_snapshot *history, size_t n_history,
                          lr_chart_set *out);
void lr_chart_set_free(lr_chart_set *set);

/* The config's charts name known types: LR_OK, or LR_ETYPE with err filled (the config's file,
 * the pointer /charts/N/type and the types there are). */
lr_status lr_charts_check_config(const lr_config *config, lr_error *err);

/* Adds a slope chart (one line per model across the settings, left to right in the flip set's
 * order) for each benchmark of the findings whose ranking flips, linked to its flip set
 * (lr_chart_link.flip_set). Returns LR_ENOMEM or LR_OK. */
lr_status lr_charts_add_findings(const lr_store *store, const lr_config *config,
                                 const lr_findings *findings, lr_chart_set *set);

/* The chart of set whose link file is url, or NULL. */
const lr_chart *lr_chart_set_find(const lr_chart_set *set, const char *url);

#endif

/* Tiers in the overview instead of a strict order, and what each column can tell apart.
 *
 * In each column, among the cells at the column's reference setting that have an interval
 * (a standard error, a Wilson interval from the value and n, or per-item samples), the best
 * cell leads tier 1 and every cell not separable from it at 5 % joins it; the best of the rest
 * leads tier 2, and so on (lr_stats_tiers: anchored at each leader, not chained). Two cells are
 * compared by McNemar's test on the same items when both have 0/1 samples on the same items,
 * else by a z-test on their standard errors. A column whose spread (best minus worst tiered
 * cell) is below the minimum detectable effect of that difference, and which has one tier,
 * cannot separate its models. */
#ifndef LR_TIERS_H
#define LR_TIERS_H

#include "model/config.h"
#include "model/items.h"
#include "view/overview.h"

/* Fills cell->tier (0: no interval, not tiered) and ->tied (tier 1, not the best), and the
 * columns' tiers, spread, mde and cannot_separate. items may be NULL. LR_OK or LR_ENOMEM. */
lr_status lr_overview_tiers(lr_overview *ov, const lr_items *items);

/* The same tiers for n results of one setting (a ranked chart's rows): tier[i] for obs[i], 0
 * for a result without an interval (or when fewer than two have one). LR_OK or LR_ENOMEM. */
lr_status lr_tiers_of(const lr_observation *const *obs, size_t n, int higher_is_better,
                      const lr_items *items, int *tier);

#endif

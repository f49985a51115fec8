/* Comparing a build with a baseline (the results.json of an earlier build): which numbers moved
 * beyond noise, which models and benchmarks came and went, and what could not be compared. */
#ifndef LR_BASELINE_H
#define LR_BASELINE_H

#include <cjson/cJSON.h>

#include "model/store.h"
#include "model/config.h"

typedef enum lr_change_kind {
    LR_CHANGE_NONE = 0, /* within noise */
    LR_CHANGE_IMPROVED,
    LR_CHANGE_REGRESSED,
    LR_CHANGE_NOT_COMPARED /* a match exists but was measured differently (harness changed) */
} lr_change_kind;

typedef struct lr_change {
    const lr_observation *now, *before;
    lr_change_kind kind;
    double delta;     /* now - before, in the value's unit */
    double threshold; /* what counted as noise */
} lr_change;

/* The newest baseline observation of o's model at o's setting, or NULL. */
const lr_observation *lr_baseline_match(const lr_store *base, const lr_observation *o);

/* Classifies the change of o against its match: the threshold is config->threshold_stderr
 * combined standard errors when both are known, else config->threshold_points. */
lr_change lr_change_of(const lr_config *config, const lr_observation *now,
                       const lr_observation *before);

/*
 * The "changes" object of the template context (every string Markdown-safe): regressions
 * (listed first), improvements, new and removed models and benchmarks, observations that could
 * not be compared and why, and the count unchanged within noise. *regressions is set; each
 * regression is also reported through diag with severity LR_REGRESSION.
 */
cJSON *lr_changes_build(const lr_store *now, const lr_store *base, const lr_config *config,
                        const char *base_date, lr_diag *diag, size_t *regressions);

#endif

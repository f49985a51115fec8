/* Comparing a build with a baseline (the results.json of an earlier build): which numbers moved
 * beyond noise, which models and benchmarks came and went, and what could not be compared.
 *
 * The gate: every comparison with a p-value (a paired test on the same items where both nights
 * have per-item samples, else a z-test on the standard errors, taken from Wilson intervals where
 * a stderr is missing or 0) enters one family, and Benjamini–Hochberg at rate q decides which
 * changes count; comparisons without either fall back to a point threshold. A regression can be
 * held back until it has lasted k nights (from the history), or acknowledged in the config until
 * a date. Over the history each series is segmented to name the nights it changed level. */
#ifndef LR_BASELINE_H
#define LR_BASELINE_H

#include <cjson/cJSON.h>

#include "core/arena.h"
#include "core/diag.h"
#include "core/stats.h"
#include "model/config.h"
#include "model/items.h"
#include "model/store.h"
#include "view/charts.h"
#include "view/paired.h"

typedef enum lr_change_kind {
    LR_CHANGE_NONE = 0, /* within noise */
    LR_CHANGE_IMPROVED,
    LR_CHANGE_REGRESSED,
    LR_CHANGE_NOT_COMPARED /* a match exists but was measured differently, or on other items */
} lr_change_kind;

/* How a change was tested. */
typedef enum lr_test_kind {
    LR_TEST_POINTS = 0, /* no stderr, no n: |delta| against the point threshold */
    LR_TEST_Z,          /* z-test on the standard errors */
    LR_TEST_MCNEMAR,    /* paired, 0/1 items */
    LR_TEST_BOOTSTRAP,  /* paired, other items */
    LR_TEST_CLUSTERED   /* paired, items in clusters: z on the clustered standard error */
} lr_test_kind;

typedef struct lr_change {
    const lr_observation *now, *before;
    lr_change_kind kind;
    lr_test_kind test;
    double delta;     /* now - before, in the value's unit */
    double p;         /* two-sided p-value; NaN for LR_TEST_POINTS */
    double se;        /* combined standard error of delta (z-test and MDE); NaN unknown */
    double threshold; /* the |delta| the gate needs: points, or z at the gate's level times se;
                       * NaN for paired tests (their gate is the p-value) */
    double mde;       /* minimum detectable effect at 5 % with 80 % power; NaN unknown */
    int wilson;       /* bit 0: now's se from a Wilson interval, bit 1: before's */
    lr_paired paired; /* for paired tests */
    const char *why;  /* LR_CHANGE_NOT_COMPARED: Markdown-safe reason */
    int acknowledged; /* a regression accepted in the config (see until) */
    const char *until;
    int pending;   /* a regression that has not lasted the nights the config asks for yet */
    size_t nights; /* nights in a row beyond the gate (regressions, with history) */
    int lasting;   /* within the gate against last night, but worse than reference, the
                    * level of `nights` nights ago, by more than the gate each night since */
    double reference;
} lr_change;

typedef struct lr_changepoint {
    const lr_observation *obs; /* tonight's observation of the series */
    const char *date;          /* the first night at the new level */
    double before, after;      /* weighted mean levels of the segments either side */
    size_t index;              /* position of that night in the history */
} lr_changepoint;

/* What the comparison of a night needs. */
typedef struct lr_night_input {
    const lr_store *now, *base;
    const lr_items *now_items, *base_items; /* may be NULL */
    const lr_config *config;
    const lr_snapshot *history; /* oldest first, tonight last when it is in it */
    size_t n_history;
    const char *date; /* tonight's date (acknowledgements expire against it), or NULL */
} lr_night_input;

typedef struct lr_night {
    lr_change *changes; /* every current observation with a match in the baseline */
    size_t n;
    lr_bh bh;             /* the family of p-values */
    int legacy;           /* q = 0: each comparison alone (stderr factor, p < 0.05 for paired) */
    size_t nights_needed; /* nights in a row a regression must last to fail the gate */
    size_t gated;         /* regressions that fail the gate: beyond it, not acknowledged, lasted */
    size_t wilson;        /* comparisons with a Wilson standard error */
    size_t paired;        /* comparisons by a paired test */
    size_t clustered;     /* ... of them on clustered items */
    lr_changepoint *points; /* change points over the history */
    size_t n_points, cap_points;
    lr_arena arena;
} lr_night;

/* The newest baseline observation of o's model at o's setting, or NULL. */
const lr_observation *lr_baseline_match(const lr_store *base, const lr_observation *o);

/* Compares tonight with the baseline. LR_OK or LR_ENOMEM. lr_night_free(NULL) is a no-op. */
lr_status lr_night_compare(lr_night *night, const lr_night_input *in);
void lr_night_free(lr_night *night);
/* The comparison of observation o, or NULL. */
const lr_change *lr_night_find(const lr_night *night, const lr_observation *o);

/* The change points of one series: values x with standard errors se (<= 0 or NaN: unknown) and
 * sample counts n (< 1 unknown), bounded when percentages. Unknown noise is taken from a Wilson
 * interval at n, else from the series itself (lr_stats_noise_mad); a series with no noise at
 * all has none. Writes indices of the first night of each new level to cp (capacity n_values)
 * and returns their count. */
size_t lr_history_changepoints(const double *x, const double *se, const long *n, int bounded,
                               size_t n_values, size_t *cp);

/* The standard error of a value: its stderr when known and positive, else (a percentage with
 * its n) the half-width of the 95 % Wilson interval over z(0.975), *wilson set; negative when
 * neither is known. */
double lr_baseline_se(const lr_observation *o, int *wilson);

/* Formats a p-value for reports: two significant digits ("0.048", "2.4e-06"). */
const char *lr_format_p(double p, char *buf, size_t size);

/* Reports each regression that fails the gate through diag, severity LR_REGRESSION, one line
 * each, in the order of the results. */
void lr_night_report(const lr_night *night, lr_diag *diag);

/*
 * The "changes" object of the template context (every string Markdown-safe): the gate, the
 * regressions (listed first, each with the items that flipped), improvements, every compared
 * result with its signed delta, regressions held back or acknowledged, change points, new and
 * removed models and benchmarks, what could not be compared and why. NULL when out of memory.
 */
cJSON *lr_changes_build(const lr_night *night, const lr_store *now, const lr_store *base,
                        const lr_config *config, const char *base_date);

#endif

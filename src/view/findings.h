/*
 * The findings: what the way of measuring does to the answer, computed from the normalized
 * store and the overview, before anything is laid out.
 *  1. spreads: a model's results on one benchmark and metric under several settings or sources,
 *     side by side, largest spread first, beyond a threshold;
 *  2. flips: per benchmark and metric, the settings that share models, Kendall's tau between
 *     each two of them, and the pairs of models whose order reverses (a reversal inside the 95 %
 *     intervals does not count);
 *  3. head-to-heads: pairs of models from different sources that share a benchmark only under
 *     different settings, the pairs a naive table would set side by side;
 *  4. how each source measured: shots, methods, grading, aggregation, harness, caveats;
 *  5. the summary sentences, in the report's language.
 * Only results the overview would rank go in: a result whose setting is not stated, a limited
 * (--limit) run and a member of an aggregate are counted and named, never compared. Everything
 * is ordered by values and names, so the same inputs give the same findings in any order.
 */
#ifndef LR_FINDINGS_H
#define LR_FINDINGS_H

#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/phrases.h"
#include "model/config.h"
#include "model/store.h"
#include "view/overview.h"

/* What differs between two results (bits). */
enum {
    LR_DIFF_SHOTS = 1 << 0,
    LR_DIFF_METRIC = 1 << 1,
    LR_DIFF_METHOD = 1 << 2,
    LR_DIFF_VARIANT = 1 << 3,
    LR_DIFF_TASK = 1 << 4,  /* the harness's task hash */
    LR_DIFF_SOURCE = 1 << 5 /* only set when the settings are equal */
};

/* Defaults of the config's "findings" object. */
#define LR_FINDINGS_SPREAD_POINTS 2.0
#define LR_FINDINGS_LIMIT 10

/* 1. One model on one benchmark and metric under several settings or sources. */
typedef struct lr_spread {
    const char *model;
    const char *benchmark; /* canonical id */
    const char *display;
    const char *metric;
    const lr_observation **values; /* highest first (best first when lower is better) */
    size_t n_values;
    double spread;                /* highest - lowest, > 0 */
    double ci95;                  /* combined 95 % half-width of the two ends; < 0 when not known */
    unsigned differs;             /* LR_DIFF_* between the two ends */
    size_t n_unstated, n_limited; /* results of the same model and benchmark not used */
} lr_spread;

/* 2. Two settings of one benchmark that share models. */
typedef struct lr_setting_pair {
    size_t a, b;     /* indices into the flip set's settings, a < b */
    size_t n_shared; /* models measured under both */
    int has_tau;     /* 0 when every shared value ties under one of the two */
    double tau;      /* Kendall's tau-b, ties handled */
    size_t n_flips;  /* model pairs whose order reverses between a and b (beyond the intervals) */
} lr_setting_pair;

/* A pair of models whose order reverses between settings. cells hold, per setting of the set,
 * the two results (NULL where one of them was not measured). */
typedef struct lr_flip {
    size_t a, b; /* indices into the flip set's models; a is ahead under the first setting */
    const lr_observation **cells_a, **cells_b; /* n_settings each */
} lr_flip;

typedef struct lr_flip_set {
    const char *benchmark, *display, *metric;
    int higher_is_better;
    const lr_setting **settings; /* left to right: most models first, then by description */
    size_t n_settings;
    const char **models; /* measured under two or more of the settings, in prominence order */
    size_t n_models;
    const lr_observation **cells; /* n_models * n_settings, NULL when not measured */
    lr_setting_pair *pairs;       /* the setting pairs sharing two or more models */
    size_t n_pairs;
    lr_flip *flips; /* most prominent pairs first */
    size_t n_flips;
    size_t n_inside;  /* reversals within the 95 % intervals of both, not counted */
    int stderr_known; /* every compared value states its stderr */
    int stderr_some;  /* some do */
} lr_flip_set;

/* 3. A head-to-head a naive table would make. */
typedef struct lr_head_to_head {
    const char *benchmark, *display;
    const lr_observation *a, *b; /* a's model is the more prominent */
    unsigned differs;
} lr_head_to_head;

/* 4. How one source (all snapshots of one title, kind and harness) measured. */
typedef struct lr_source_row {
    const lr_source *source; /* the first of the group */
    size_t n_sources;        /* snapshots or tables in the group */
    size_t n_results;
    const char *first_date, *last_date;
    int *shots; /* distinct stated shot counts, ascending */
    size_t n_shots;
    int shots_unstated, shots_mixed;
    const char **methods; /* distinct methods, sorted; plain prompting is not listed */
    size_t n_methods;
    int plain;            /* some results use plain prompting */
    const char **grading; /* variant parts that say how answers were graded */
    size_t n_grading;
    const char **aggregation; /* aggregate rules and variant parts naming an aggregation */
    size_t n_aggregation;
    const char **variants; /* the other variant parts (implementations, filters) */
    size_t n_variants;
    size_t n_translated; /* distinct translated versions of a test (each its own test) */
    const char **harnesses;
    size_t n_harnesses;
    const char **caveats; /* the caveats the group's sources state, each once */
    size_t n_caveats;
} lr_source_row;

/* Two sources that share benchmarks but no setting on any of them. */
typedef struct lr_source_gap {
    size_t a, b;             /* indices into sources */
    const char **benchmarks; /* display names of the shared benchmarks */
    size_t n_benchmarks;
} lr_source_gap;

typedef struct lr_findings {
    lr_arena arena;
    double spread_points; /* the threshold used */
    size_t limit;         /* rows kept per list */
    lr_spread *spreads;   /* at most limit, largest first */
    size_t n_spreads, n_spreads_total;
    lr_flip_set *flip_sets; /* benchmarks with two settings sharing two models, most flips first */
    size_t n_flip_sets;
    size_t n_flips_total; /* over all flip sets */
    lr_head_to_head *head_to_heads;
    size_t n_head_to_heads, n_head_to_heads_total;
    lr_source_row *sources;
    size_t n_sources;
    lr_source_gap *gaps; /* most shared benchmarks first */
    size_t n_gaps;
    /* the numbers of the summary */
    size_t n_results;             /* every observation, members of aggregates too */
    size_t n_comparable;          /* overview cells at their column's setting */
    size_t n_overview_marked;     /* overview cells shown marked */
    size_t n_multi;               /* (model, benchmark, metric) measured more than one way */
    size_t n_unstated, n_limited; /* results left out of the findings */
    size_t n_benchmarks_multi;    /* benchmarks measured under two or more settings */
} lr_findings;

/*
 * Computes the findings. config may be NULL (defaults); ov is the report's overview. Returns
 * LR_OK or LR_ENOMEM (out is then freed). out is owned by the caller: lr_findings_free().
 */
lr_status lr_findings_build(const lr_store *store, const lr_config *config, const lr_overview *ov,
                            lr_findings *out);
void lr_findings_free(lr_findings *f);

/* Whether anything changed with the way of measuring (a spread, a flip or a head-to-head). */
int lr_findings_any(const lr_findings *f);

/* Kendall's tau-b of n pairs (x[i], y[i]): ties in either variable handled. Returns 0 and
 * leaves *tau alone when it is not defined (n < 2, or every pair tied in x or in y). */
int lr_kendall_tau(const double *x, const double *y, size_t n, double *tau);

/* The summary: three to five plain sentences in lang, Markdown-safe, appended to out. */
void lr_findings_summary(const lr_findings *f, lr_lang lang, lr_buf *out);
/* Returns the footnote label that gives a cited value's provenance (0: none). */
typedef int (*lr_findings_cite_fn)(void *user, const lr_observation *o);
/* The summary with each value it quotes followed by its footnote ("52.7[^3]"). */
void lr_findings_summary_cited(const lr_findings *f, lr_lang lang, lr_findings_cite_fn cite,
                               void *user, lr_buf *out);

/* What differs between two settings, as "shots 10 vs 1; method cot vs plain" in lang
 * (Markdown-safe), appended to out. */
void lr_findings_describe_diff(unsigned differs, const lr_observation *a, const lr_observation *b,
                               lr_lang lang, lr_buf *out);

/* The display name of a source: title, else harness, else kind. */
const char *lr_source_name(const lr_source *s);
/* A source row's name for the reader, escaped: its title and harnesses, or its harness. */
void lr_findings_source_label(const lr_source_row *r, lr_buf *out);

#endif

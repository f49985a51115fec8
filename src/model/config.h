/* The report config (format "llmreport-config/1"): what to show and how. Every field has a
 * default, so a report builds with no config at all. Strings live in the config's arena. The
 * reader is ingest/config.h. */
#ifndef LR_CONFIG_H
#define LR_CONFIG_H

#include <stddef.h>

#include "core/arena.h"
#include "llmreport.h"
#include "model/store.h"

/* A reference setting for a benchmark column; NULL / LR_SHOTS_UNKNOWN fields are not fixed
 * and are chosen from the data. */
typedef struct lr_ref_setting {
    const char *benchmark; /* canonical id after registry resolution */
    const char *metric;
    int shots;      /* LR_SHOTS_UNKNOWN = not fixed */
    int has_method; /* method fixed (NULL method = plain prompting) */
    const char *method;
    int has_variant;
    const char *variant;
} lr_ref_setting;

typedef struct lr_section_spec {
    const char *title;
    const char *arxiv; /* match sources by arXiv id ... */
    const char *match; /* ... or by a substring of the source title */
    const char *kind;  /* ... or by source kind ("leaderboard", "lm-eval") */
} lr_section_spec;

typedef struct lr_model_info {
    const char *name;
    double parameters; /* billions; <= 0 unknown */
    const char *type;
    const char *license;
    const char *released;
} lr_model_info;

typedef struct lr_chart_spec {
    const char *type; /* "bars", "ranked", "forest", "heatmap", "scatter", "radar", "trend" */
    const char *id;
    const char *title;
    const char **benchmarks;
    size_t n_benchmarks;
    const char **models;
    size_t n_models;
    const char *metric;
    size_t top;
    int from_baseline; /* start the value axis at the benchmark's random baseline */
} lr_chart_spec;

typedef struct lr_aggregate_spec {
    const char *id;
    const char *title;
    const char *rule; /* "mean" (plain) */
    const char **members;
    size_t n_members;
} lr_aggregate_spec;

/* A drop accepted until a date: it is still reported, but does not fail the gate. */
typedef struct lr_acknowledged {
    const char *model;
    const char *benchmark; /* canonical id */
    const char *until;     /* YYYY-MM-DD, inclusive */
} lr_acknowledged;

typedef struct lr_config {
    lr_arena arena;
    const char *path; /* where it was read from, or NULL */
    const char *title, *subtitle, *author, *date, *language, *template_path, *page;
    lr_section_spec *sections;
    size_t n_sections;
    const char **models; /* overview rows in order; NULL = all */
    size_t n_models;
    const char **benchmarks; /* overview columns in order; NULL = chosen from the data */
    size_t n_benchmarks;
    lr_ref_setting *refs;
    size_t n_refs;
    lr_model_info *infos;
    size_t n_infos;
    lr_chart_spec *charts;
    size_t n_charts;
    int charts_given; /* the config lists charts (possibly none) */
    lr_aggregate_spec *aggregates;
    size_t n_aggregates;
    int average;             /* overview Average column: 1 (default) or 0 */
    size_t overview_top;     /* overview rows in report.md (default 50; 0 = all); the full table
                              * goes to overview.md when there are more */
    size_t table_top;        /* rows per source or benchmark table (default 200; 0 = all) */
    double threshold_points; /* regression threshold without stderr (default 1 point) */
    double threshold_stderr; /* ... with stderr and gate_q = 0: this many combined stderrs (2) */
    double gate_q;           /* false discovery rate over a night's comparisons (0.05); 0: each
                              * comparison alone, by threshold_stderr */
    size_t gate_nights;      /* a regression fails the gate once it lasted this many nights (1) */
    size_t flips_listed;     /* flipped items listed under a regression (10) */
    unsigned bootstrap_resamples;      /* paired bootstrap resamples (10000) */
    unsigned long long bootstrap_seed; /* its seed (20261120) */
    int cluster_task; /* "cluster": "task": a group's items are clustered by their member task
                       * (clustered standard errors, Miller 2024), or "doc.FIELD": every item
                       * by the value of its document's FIELD; 0: items independent */
    const char *cluster_field; /* "doc.FIELD": FIELD, else NULL */
    lr_acknowledged *acknowledged;
    size_t n_acknowledged;
    double findings_spread_points; /* a spread counts beyond this many points (2) and beyond the
                                    * combined 95 % interval when both ends state stderr */
    size_t findings_limit;         /* rows per findings list (10) */
    const char **alias_from, **alias_to; /* model aliases, also applied to the model when loaded */
    size_t n_aliases_copy;
    /* the registry extensions are applied to the model's registry when loaded */
} lr_config;

void lr_config_init(lr_config *c);
void lr_config_free(lr_config *c);

const lr_ref_setting *lr_config_ref(const lr_config *c, const char *benchmark);
const lr_model_info *lr_config_info(const lr_config *c, const char *model);

#endif

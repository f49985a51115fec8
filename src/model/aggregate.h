/* Aggregates the model computes, each with its rule stated: a benchmark that is the mean of its
 * subtasks where a file gives the subtasks but not the benchmark (MMLU's 57 subjects in Open LLM
 * Leaderboard v1 and lm-eval v0.3 files, lm-eval groups whose row is empty), and the report
 * config's aggregates over benchmarks. A model missing a member gets no value, never a mean over
 * fewer members. */
#ifndef LR_AGGREGATE_H
#define LR_AGGREGATE_H

#include <stddef.h>

#include "llmreport.h"
#include "model/store.h"

/* A mean over the members of one file. */
typedef struct lr_mean_spec {
    const char *id;             /* the aggregate's benchmark, as written or canonical */
    const char *display;        /* in messages: "MMLU" */
    const char *const *members; /* member benchmarks (canonical ids, or names as written) */
    size_t n_members;
    const char *word;    /* what the members are called: "subjects", "subtasks" */
    const char *metric;  /* only this metric (canonical id); NULL: each metric every
                          * member has */
    const char *rule;    /* stated with the value: "mean of 57 subjects" */
    const char *locator; /* of the aggregate and of the warnings ("/results") */
    int warn;            /* say why when members are there but no mean can be made */
} lr_mean_spec;

/*
 * For each model of the observations first..count-1 (one file's), adds the plain mean of spec's
 * members at one setting (metric, method, variant, shots), unless the file already has a value
 * of the aggregate at that metric. Members are means of their own in percent, so the mean is of
 * the stored values. The aggregate is flagged aggregate, limited when a member is, a reference
 * when every member is. Returns LR_ENOMEM or LR_OK.
 */
lr_status lr_aggregate_file(lr_store *store, size_t first, const lr_mean_spec *spec);

/* What ingest runs after every file: lr_aggregate_file() for each registry benchmark that has
 * subtasks (MMLU) and some of them among the file's observations, at the benchmark's default
 * metric, with warnings. */
lr_status lr_aggregate_subtasks(lr_store *store, size_t first, const char *locator);

/* A mean over benchmarks, each at its own reference setting: a config aggregate. */
typedef struct lr_benchmark_mean {
    const char *id;    /* the aggregate's benchmark id */
    const char *title; /* its display name (NULL: the id) */
    const char *const *members;
    size_t n_members;
    const lr_setting *refs; /* per member, the setting its value must have */
    const char *file;       /* the config, for the source and messages */
    const char *locator;    /* "/aggregates/0" */
} lr_benchmark_mean;

/*
 * Adds, for every model with a value at each member's reference setting (the newest, when it has
 * several), the plain mean of those values: benchmark id (registered with its title), metric
 * "mean", shots per member, variant and rule "mean of N benchmarks", the members and their
 * settings in the note, a source of kind "aggregate". A model missing a member gets no value;
 * *without (may be NULL) counts them. Members that are not percentages with higher better make
 * no mean at all (a warning says so). Returns LR_ENOMEM or LR_OK.
 */
lr_status lr_aggregate_benchmarks(lr_store *store, const lr_benchmark_mean *spec, size_t *without);

/* How many numbers appear in no table: members of an aggregate of which their model and source
 * have no value. *example (may be NULL) receives one of them. */
size_t lr_aggregate_hidden(const lr_store *store, const lr_observation **example);

#endif

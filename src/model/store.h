/* The results store (lr_store): the normalized model's sources and observations. An observation
 * is one number of one model (the LLM evaluated) with the full description of how it was
 * measured (its setting) and where it came from (its source).
 * Adapters describe what they read in an lr_obs_in (names as written in the file, value on the
 * file's scale); lr_store_add() resolves names through the registry, converts bounded metrics to
 * percent, validates the value and stores a normalized lr_observation. All strings are owned by
 * store's arena. */
#ifndef LR_STORE_H
#define LR_STORE_H

#include <stddef.h>

#include "core/arena.h"
#include "core/diag.h"
#include "llmreport.h"
#include "model/registry.h"

/* Shots: a count, LR_SHOTS_UNKNOWN when the source does not state it, or LR_SHOTS_MIXED for an
 * aggregate whose members were each measured at their own (stated) shot count. */
enum { LR_SHOTS_UNKNOWN = -1, LR_SHOTS_MIXED = -2 };

/* How a value is written in its source. */
typedef enum lr_scale {
    LR_SCALE_DEFAULT = 0, /* per metric: bounded metrics as fractions (what harnesses write) */
    LR_SCALE_PERCENT,     /* 0-100 */
    LR_SCALE_FRACTION,    /* 0-1 */
    LR_SCALE_RAW          /* not a proportion: stored as it is */
} lr_scale;

/* Observation flags. */
enum {
    LR_OBS_AGGREGATE = 1 << 0, /* a group/average row computed from members (rule in .rule) */
    LR_OBS_MEMBER = 1 << 1,    /* a member of an aggregate (.parent), e.g. an MMLU subject */
    LR_OBS_LIMITED = 1 << 2,   /* evaluated on a subset (--limit): not comparable to full runs */
    LR_OBS_REFERENCE = 1 << 3, /* the source marks this as its reference metric/setting */
    LR_OBS_FLAGGED = 1 << 4    /* the source flags the model (leaderboard "has been flagged") */
};

/* Where numbers come from: a paper table, a leaderboard snapshot, a harness run. */
typedef struct lr_source {
    const char *id;    /* assigned by the model: "S1", "S2", ... in order of creation */
    const char *kind;  /* "paper", "leaderboard", "lm-eval", "bigcode", "eee", ... */
    const char *title; /* paper title, leaderboard name, or run description */
    const char *arxiv;
    const char *table; /* "Table 2" */
    const char *url;
    const char *date;    /* ISO 8601: "2023-03-15" or "2025-02-25T02:50:33" */
    const char *file;    /* the input file it was read from */
    const char *shown;   /* file as reports show it (lr_store_add_input), or NULL: file */
    const char *harness; /* "lm-evaluation-harness 0.4.8 (git cffb9ad0)" */
    const char *model_args;
    const char *note;
    const char *const *caveats; /* what the source says limits its numbers (native "caveats") */
    size_t n_caveats;
    size_t index; /* position in the model's list of sources */
} lr_source;

/* What an adapter hands to lr_store_add(). Strings are borrowed for the call. */
typedef struct lr_obs_in {
    const char *model; /* as written; aliases are resolved by the model */
    const char
        *benchmark;      /* as written: "ARC-Challenge", "arc:challenge", "hendrycksTest-anatomy" */
    const char *metric;  /* as written: "accuracy", "acc_norm", "pass@1" */
    const char *filter;  /* lm-eval filter ("strict-match"); "none" and NULL mean none */
    int shots;           /* LR_SHOTS_UNKNOWN when not stated, LR_SHOTS_MIXED per member */
    const char *method;  /* as written; NULL = plain prompting */
    const char *variant; /* aggregation rule, implementation, ... ; NULL = none */
    const char *task_hash; /* the harness's hash of the task's prompts (lm-eval task_hashes) */
    double value;
    int has_value; /* 0: no value (NaN, not run): the observation is not stored */
    double stderr_;
    int has_stderr;
    long n; /* sample count, -1 unknown */
    lr_scale scale;
    int higher_is_better; /* -1: from the registry */
    unsigned flags;       /* LR_OBS_* */
    const char *parent;   /* aggregate id for members ("mmlu"), else NULL */
    const char *rule;     /* for aggregates: "mean of 57 subjects", ... */
    const char *note;
    const char *locator; /* JSON pointer or "row 12" */
    const lr_source *source;
} lr_obs_in;

/* How a number was measured and how it is described: everything an observation shares with
 * the other results of the same setting. One copy per distinct combination (interned by the
 * model), so that memory grows with the numbers, not with their descriptions. */
typedef struct lr_setting {
    const char *benchmark; /* canonical id (registry), or the name as written when unknown */
    const char *benchmark_display;
    const char *metric;    /* canonical id, or as written when unknown */
    int shots;             /* LR_SHOTS_UNKNOWN when not stated */
    unsigned flags;        /* LR_OBS_* */
    const char *method;    /* canonical token; NULL = plain */
    const char *variant;   /* filter / aggregation / implementation; NULL = none */
    const char *task_hash; /* 8 hex digits of the task's hash; NULL when not stated */
    const char *parent;
    const char *rule;
    const char *note;
    int bounded; /* value is a percentage */
    int higher_is_better;
    size_t id; /* position in its model's list of kinds */
} lr_setting;

typedef struct lr_observation {
    const char *model;         /* canonical model name (config aliases applied) */
    const lr_setting *setting; /* how it was measured, and its description */
    double value;              /* percent for bounded metrics, else as written */
    double stderr_;            /* same unit as value; negative when unknown */
    long n;
    const char *locator;
    const lr_source *source;
    size_t index; /* position in the model, in order of addition */
} lr_observation;

typedef struct lr_store lr_store;

lr_store *lr_store_new(lr_diag *diag);
void lr_store_free(lr_store *store);

/*
 * Reading files on several threads: each file is read into a part of its own, which borrows the
 * parent's registry (read only, so parts can be filled at the same time) and records its
 * diagnostics instead of emitting them; lr_store_merge() then adds the part to the whole model
 * as if it had been read there: diagnostics emitted in their order, sources renumbered, strings
 * interned, model aliases applied, unknown names noted once per run.
 */
lr_store *lr_store_new_part(lr_store *parent);
/* Registry answers by the names as written (lr_store_benchmark, lr_store_metric), to keep
 * across the parts one thread fills one after the other, whose files repeat the same names: a
 * store lent one uses it instead of its own until the store is freed. One thread at a time. */
typedef struct lr_store_memo lr_store_memo;
lr_store_memo *lr_store_memo_new(void); /* NULL when out of memory */
void lr_store_memo_free(lr_store_memo *memo);
void lr_store_lend_memo(lr_store *store, lr_store_memo *memo);
/* LR_ENOMEM also when memory ran out while the part was filled: the file is then not taken. */
lr_status lr_store_merge(lr_store *store, lr_store *part, const char *file);

lr_registry *lr_store_registry(lr_store *store);
lr_arena *lr_store_arena(lr_store *store);
lr_diag *lr_store_diag(lr_store *store);

/* A new source, zeroed but for id; fill its fields with lr_store_strdup'ed strings. */
lr_source *lr_store_source_new(lr_store *store, const char *kind, const char *file);
char *lr_store_strdup(lr_store *store, const char *s);

/* An input path as given on the command line (is_dir: a folder, else a file): reports show the
 * files read relative to the deepest folder that holds every input ("runs/a.json" for
 * samples/runs/a.json under "samples/", a file given alone by its name), so the same files
 * show the same way however they were named. Call for every input before reading; sets
 * lr_source.shown of the sources made or merged afterwards. */
lr_status lr_store_add_input(lr_store *store, const char *path, int is_dir);

/* Maps a model name as written to the name used in reports (config aliases; also "org/name"
 * when only "name" is known is left alone). */
lr_status lr_store_alias(lr_store *store, const char *from, const char *to);
/* The registry's entry for a benchmark or metric name as written (NULL when unknown), through
 * a small cache: the names of one file repeat. */
const lr_benchmark_def *lr_store_benchmark(lr_store *store, const char *name);
const lr_metric_def *lr_store_metric(lr_store *store, const char *name);

/* The canonical name for a model name as written: the config's alias, then the registry's one
 * spelling of the model (lr_registry_model). */
const char *lr_store_model_name(lr_store *store, const char *raw);

/*
 * Normalizes and stores one observation. Values that are not finite or out of range for their
 * metric are rejected with a diagnostic (file = in->source->file, pointer = in->locator) and
 * LR_EVALUE is returned; nothing else is affected. An unknown benchmark or metric name is kept
 * as written and reported once as a note.
 */
lr_status lr_store_add(lr_store *store, const lr_obs_in *in);

/* Reports the unknown benchmark and metric names met since the last call as notes on file (one
 * per kind). Called after each input file. */
void lr_store_flush_notes(lr_store *store, const char *file);

size_t lr_store_count(const lr_store *store);
/* The number of distinct settings: every observation's setting->id is below it, and two
 * observations with the same id share one lr_setting (so a view can remember what it found for a
 * setting in an array of this size instead of comparing it with every other). */
size_t lr_store_setting_count(const lr_store *store);
/* Builds the lookup indexes behind lr_store_find, lr_store_find_benchmark, lr_store_models and
 * lr_store_benchmarks for what the store holds now: LR_OK, or LR_ENOMEM when that failed (the
 * lookups then find nothing) or when memory ran out earlier while the store was filled (a result
 * may be missing), so a report stops here rather than show empty or partial tables. After it
 * succeeds the lookups allocate nothing until the next lr_store_add or merge, and may run on
 * several threads. Lookups on a store not indexed this way build the indexes themselves. */
lr_status lr_store_index(lr_store *store);
/* The positions of the observations of one model on one benchmark (canonical names), in order
 * of addition; NULL with *n = 0 when there are none. Valid until the next lr_store_add. */
const size_t *lr_store_find(const lr_store *store, const char *name, const char *benchmark,
                            size_t *n);
/* The positions of all observations of one benchmark, in order of addition. */
const size_t *lr_store_find_benchmark(const lr_store *store, const char *benchmark, size_t *n);
/* The distinct model names in order of first appearance (valid until the next add). */
const char *const *lr_store_models(const lr_store *store, size_t *n);
/* The distinct benchmark ids of observations that are not members of an aggregate, in order of
 * first appearance. */
const char *const *lr_store_benchmarks(const lr_store *store, size_t *n);
const lr_observation *lr_store_get(const lr_store *store, size_t i);
size_t lr_store_source_count(const lr_store *store);
const lr_source *lr_store_source_get(const lr_store *store, size_t i);

/* Inputs that could not be used: file (kept as lr_source.shown would show it) and one-line
 * reason. */
void lr_store_skip(lr_store *store, const char *file, const char *reason);
size_t lr_store_skipped_count(const lr_store *store);
void lr_store_skipped_get(const lr_store *store, size_t i, const char **file, const char **reason);

/* Two observations are comparable when benchmark, metric, shots and variant are equal, their
 * methods are by lr_registry_method_equal(), their task hashes are where both state one, neither
 * setting is unknown (shots not stated) and neither was cut short (--limit). The rule, with the
 * tokens that count and those that are detail, is written down in docs/settings.md. */
int lr_setting_equal(const lr_setting *a, const lr_setting *b);
/* Settings numbered by lr_setting_equal(): each setting joins the first earlier one it equals,
 * or starts a group of its own. Found through a hash of what must be equal (shots, metric,
 * variant) and of the task hash, so that a benchmark with thousands of settings (one per task
 * hash) is not compared pair by pair; a setting met again (same lr_setting) is remembered. */
typedef struct lr_setting_groups lr_setting_groups;
/* NULL when out of memory. */
lr_setting_groups *lr_setting_groups_new(const lr_store *store);
/* s's group, numbered from 0 in order of creation; *created says whether s started it;
 * (size_t)-1 when out of memory. s must be known and not limited (lr_setting_equal). */
size_t lr_setting_groups_join(lr_setting_groups *g, const lr_setting *s, int *created);
/* The setting that started group i. */
const lr_setting *lr_setting_groups_first(const lr_setting_groups *g, size_t i);
void lr_setting_groups_free(lr_setting_groups *g);
/* Newer-first order of two observations of the same setting (by source date, then position):
 * negative when a should be preferred. */
int lr_observation_newer(const lr_observation *a, const lr_observation *b);
int lr_setting_known(const lr_setting *k);
/* Human-readable setting: "5-shot · acc", "0-shot · pass@1 · T=0.2", "shots not stated · acc",
 * "3-shot · acc_norm · chat · task 1a2b3c4d". */
const char *lr_setting_describe(const lr_setting *k, char *buf, size_t size);

#endif

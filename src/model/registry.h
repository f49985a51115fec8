/* The registry of benchmarks and metrics: canonical ids, the aliases met in real files, display
 * names, direction, boundedness and random baselines. Built-in data lives in registry.c as a
 * table; the report config can add entries and aliases. Lookups normalise names (case, spaces,
 * punctuation) before matching. */
#ifndef LR_REGISTRY_H
#define LR_REGISTRY_H

#include "core/arena.h"
#include "llmreport.h"

typedef struct lr_benchmark_def {
    const char *id;             /* canonical id: "mmlu", "arc_challenge", ... */
    const char *display;        /* "MMLU", "ARC-Challenge", ... */
    const char *aliases;        /* '|'-separated names met in files */
    const char *default_metric; /* canonical metric id, or NULL */
    int default_shots;          /* the usual shot count, LR_SHOTS_UNKNOWN when none */
    double random_baseline;     /* percent; negative when not meaningful */
    const char *parent;         /* for subtasks (MMLU subjects): the benchmark they make up */
} lr_benchmark_def;

typedef struct lr_metric_def {
    const char *id;      /* "acc", "acc_norm", "exact_match", "pass@1", "perplexity", ... */
    const char *display; /* "accuracy", ... */
    const char *aliases;
    int bounded;          /* 1: a 0-1 / 0-100 quantity stored in percent */
    int higher_is_better; /* 1 or 0 */
} lr_metric_def;

typedef struct lr_registry lr_registry;

lr_registry *lr_registry_new(void);
void lr_registry_free(lr_registry *reg);

/* Looks a benchmark or metric up by id or alias; NULL when unknown. */
const lr_benchmark_def *lr_registry_benchmark(const lr_registry *reg, const char *name);
const lr_metric_def *lr_registry_metric(const lr_registry *reg, const char *name);
/* The one spelling of a model met under several ("llama-65b", "huggyllama/llama-65b",
 * "LLaMA-65B" -> "LLaMA 65B"), by the normalised key; NULL when the registry knows no other
 * spelling. Only names of one set of weights are aliases: a fine-tune, a chat variant or
 * another size is another model. */
const char *lr_registry_model(const lr_registry *reg, const char *name);
/* The benchmarks whose parent is parent (MMLU's 57 subjects), in registry order: fills up to max
 * into out and returns how many there are. */
size_t lr_registry_subtasks(const lr_registry *reg, const char *parent,
                            const lr_benchmark_def **out, size_t max);
/* Changes with every addition: answers cached under one generation hold until it changes. */
unsigned long lr_registry_generation(const lr_registry *reg);

/* The metric a task's name implies for a metric id: ("truthfulqa_mc2", "acc") -> "mc2", so that
 * lm-eval v0.4's mc2 task meets v0.3's and the leaderboard's mc2; NULL when the name implies
 * nothing. */
const char *lr_registry_task_metric(const char *task, const char *metric);

/* The name of a task the registry does not know but whose family it does, written into out:
 * "bigbench_geometric_shapes" -> "BIG-bench: geometric shapes", "afrisenti_swa_prompt_1" ->
 * "AfriSenti: swa prompt 1". NULL (out untouched) for a name of no known family. */
const char *lr_registry_family_display(const char *task, char *out, size_t size);

/* Translations are other tests (registry data): whether a variant names a translation
 * ("Telugu (machine-translated)"); and the id of the test a benchmark translates ("m_mmlu_ko",
 * "global_mmlu_ko", "ko_mmlu" -> "mmlu"; "arc_ko" -> "arc_challenge"), NULL when it is no
 * known translation (KMMLU, written in Korean, is none). */
int lr_registry_variant_translates(const char *variant);
const char *lr_registry_translation_of(const char *benchmark);

/* Adds a definition (copied). An existing id is replaced; its aliases are kept. */
lr_status lr_registry_add_benchmark(lr_registry *reg, const lr_benchmark_def *def);
lr_status lr_registry_add_metric(lr_registry *reg, const lr_metric_def *def);
/* Adds one alias to an existing benchmark or metric id. */
lr_status lr_registry_add_alias(lr_registry *reg, int metric, const char *id, const char *alias);

/*
 * Canonical method token for a method as written in a file ("chain-of-thought + self-consistency
 * (40 samples)" -> "cot+sc@40", "greedy decoding" -> "greedy", "nucleus sampling, T=0.2" ->
 * "T=0.2"). NULL or "" in gives NULL (plain prompting). Unknown text is kept, lower-cased and
 * trimmed. The result is allocated in arena.
 */
const char *lr_registry_method(const lr_registry *reg, const char *text, lr_arena *arena);

/*
 * Whether two methods (canonical tokens, as lr_registry_method writes them) measure the same way,
 * by the rule of docs/settings.md: every token must match (prompting, chat template, multi-turn
 * few-shot, system prompt, temperature, an overridden generation length; "T=0" is "greedy"),
 * except top_p, compared only when both state it, and "n=" (samples drawn), which is detail.
 * NULL is plain prompting at the source's default decoding. Token order does not matter.
 */
int lr_registry_method_equal(const char *a, const char *b);

/* The 57 MMLU subjects ("abstract_algebra", ...), each the benchmark "mmlu_<subject>" with
 * parent "mmlu". */
enum { LR_MMLU_SUBJECTS = 57 };
extern const char *const lr_mmlu_subjects[LR_MMLU_SUBJECTS];

/* Normalised lookup key of a name: lower case, letters and digits only ("AI2 ARC (Challenge)"
 * -> "ai2arcchallenge"). Writes into buf (always NUL-terminated). */
void lr_registry_key(const char *name, char *buf, size_t size);

#endif

/* The registry of benchmarks and metrics. The built-in tables below are the data; lookups go
 * through a normalised key (lower case, letters and digits), so "ARC-Challenge", "arc:challenge"
 * and "AI2 ARC (Challenge)" meet. Config extensions are appended at run time. */
#include "registry.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/index.h"

#include "model/store.h"

/* Random baseline < 0: not meaningful. */
static const lr_benchmark_def builtin_benchmarks[] = {
    {"mmlu", "MMLU",
     "mmlu|hendrycks test|hendrycksTest|massive multitask language understanding|mmlu (english)",
     "acc", 5, 25.0, NULL},
    {"arc_challenge", "ARC-Challenge",
     "arc challenge|arc:challenge|ai2 arc (challenge)|ai2 arc|arc "
     "(challenge)|arc-c|arc_c|arc|ai2_arc challenge|ai2 reasoning challenge|ai2 reasoning "
     "challenge (25-shot)|arc(25-shot)",
     "acc_norm", 25, 25.0, NULL},
    {"arc_easy", "ARC-Easy", "arc easy|arc:easy|arc-e|arc_e", "acc_norm", 0, 25.0, NULL},
    {"hellaswag", "HellaSwag", "hellaswag|hella swag|hellaswag(10-shot)|hellaswag (10-shot)",
     "acc_norm", 10, 25.0, NULL},
    {"truthfulqa", "TruthfulQA",
     "truthfulqa|truthful "
     "qa|truthfulqa_mc|truthfulqa:mc|truthfulqa_mc1|truthfulqa_mc2|truthfulqa(0-shot)|truthfulqa "
     "(0-shot)",
     "mc2", 0, -1, NULL},
    {"winogrande", "WinoGrande", "winogrande|wino grande|winogrande (5-shot)", "acc", 5, 50.0,
     NULL},
    {"gsm8k", "GSM8K", "gsm8k|gsm-8k|gsm 8k|grade school math|gsm8k (5-shot)", "acc", 5, 0.0, NULL},
    {"math", "MATH", "math|hendrycks math|competition math|minerva_math", "acc", 4, 0.0, NULL},
    {"humaneval", "HumanEval", "humaneval|human eval|openai humaneval|openai_humaneval", "pass@1",
     0, 0.0, NULL},
    {"mbpp", "MBPP", "mbpp", "pass@1", LR_SHOTS_UNKNOWN, 0.0, NULL},
    {"drop", "DROP", "drop|drop (3-shot)", "f1", 3, 0.0, NULL},
    {"bbh", "BIG-Bench Hard",
     "bbh|big-bench hard|bigbench hard|big bench hard|big-bench hard (23 tasks)|bbh_cot_fewshot",
     "acc", 3, -1, NULL},
    {"boolq", "BoolQ", "boolq", "acc", 0, 50.0, NULL},
    {"piqa", "PIQA", "piqa", "acc", 0, 50.0, NULL},
    {"openbookqa", "OpenBookQA", "openbookqa|openbook qa|obqa", "acc", 0, 25.0, NULL},
    {"lambada", "LAMBADA", "lambada|lambada_openai|lambada openai", "acc", 0, 0.0, NULL},
    {"triviaqa", "TriviaQA", "triviaqa|trivia qa", "exact_match", 1, 0.0, NULL},
    {"naturalquestions", "Natural Questions",
     "natural questions|naturalquestions|nq|nq_open|natural questions (closed-book)", "exact_match",
     1, 0.0, NULL},
    {"webquestions", "WebQuestions", "webquestions|web questions|webqs", "exact_match", 1, 0.0,
     NULL},
    {"squad_v2", "SQuAD v2", "squad v2|squadv2|squad2", "exact_match", 1, 0.0, NULL},
    {"race_h", "RACE-H", "race-h|race h|race high", "acc", 1, 25.0, NULL},
    {"race_m", "RACE-M", "race-m|race m|race middle", "acc", 1, 25.0, NULL},
    {"record", "ReCoRD", "record", "acc", 1, 0.0, NULL},
    {"anli_r1", "ANLI R1", "anli r1|anli_r1", "acc", 1, 33.3, NULL},
    {"anli_r2", "ANLI R2", "anli r2|anli_r2", "acc", 1, 33.3, NULL},
    {"anli_r3", "ANLI R3", "anli r3|anli_r3", "acc", 1, 33.3, NULL},
    {"mgsm", "MGSM", "mgsm", "acc", 8, 0.0, NULL},
    {"strategyqa", "StrategyQA", "strategyqa|strategy qa", "acc", LR_SHOTS_UNKNOWN, 50.0, NULL},
    {"csqa", "CommonsenseQA", "commonsenseqa|commonsense qa|commonsenseqa (csqa)|csqa", "acc",
     LR_SHOTS_UNKNOWN, 20.0, NULL},
    {"ifeval", "IFEval", "ifeval", "acc", 0, -1, NULL},
    {"gpqa", "GPQA", "gpqa", "acc_norm", 0, 25.0, NULL},
    {"musr", "MuSR", "musr", "acc_norm", 0, -1, NULL},
    {"mmlu_pro", "MMLU-Pro", "mmlu-pro|mmlu pro|mmlu_pro", "acc", 5, 10.0, NULL},
    {"math_hard", "MATH Lvl 5", "math lvl 5|math level 5|math_hard", "exact_match", 4, 0.0, NULL},
    /* reasoning-model test sets, each its own (lighteval gpqa:diamond, aime24, math_500) */
    {"gpqa_diamond", "GPQA Diamond", "gpqa:diamond|gpqa diamond|gpqa_diamond", "acc", 0, 25.0,
     NULL},
    {"aime24", "AIME 2024", "aime24|aime 2024|aime_2024|aime:24", "pass@1", 0, 0.0, NULL},
    {"aime25", "AIME 2025", "aime25|aime 2025|aime_2025|aime:25", "pass@1", 0, 0.0, NULL},
    {"math_500", "MATH-500", "math_500|math-500|math500|math 500", "pass@1", 0, 0.0, NULL},
    /* lm-eval tasks met under their task names, shown by the names their papers give */
    {"mc_taco", "MC-TACO", "mc_taco|mc-taco|mctaco", "exact_match", 0, -1, NULL},
    {"wsc273", "WSC273", "wsc273", "acc", 0, 50.0, NULL},
    /* lm-eval's wmdp group (four-choice questions) and its three subjects */
    {"wmdp", "WMDP", "wmdp", "acc", 0, 25.0, NULL},
    {"wmdp_bio", "WMDP (biology)", "wmdp_bio", "acc", 0, 25.0, NULL},
    {"wmdp_chem", "WMDP (chemistry)", "wmdp_chem", "acc", 0, 25.0, NULL},
    {"wmdp_cyber", "WMDP (cybersecurity)", "wmdp_cyber", "acc", 0, 25.0, NULL},
    {"wsc", "WSC", "wsc|winograd schema challenge", "acc", 0, 50.0, NULL},
    {"copa", "COPA", "copa", "acc", 0, 50.0, NULL},
    {"prost", "PROST", "prost", "acc", 0, 25.0, NULL},
    {"swag", "SWAG", "swag", "acc", 0, 25.0, NULL},
    {"sciq", "SciQ", "sciq", "acc", 0, 25.0, NULL},
    {"logiqa", "LogiQA", "logiqa", "acc", 0, 25.0, NULL},
    {"rte", "RTE", "rte", "acc", 0, 50.0, NULL},
    {"qnli", "QNLI", "qnli", "acc", 0, 50.0, NULL},
    {"wnli", "WNLI", "wnli", "acc", 0, 50.0, NULL},
    {"mrpc", "MRPC", "mrpc", "acc", 0, 50.0, NULL},
    {"qqp", "QQP", "qqp", "acc", 0, 50.0, NULL},
    {"cola", "CoLA", "cola", "mcc", 0, -1, NULL},
    /* lm-eval's glue group: its acc and f1 are means over the tasks that report them, its mcc
     * CoLA's */
    {"glue", "GLUE", "glue", "acc", 0, -1, NULL},
    {"wic", "WiC", "wic", "acc", 0, 50.0, NULL},
    {"cb", "CB", "cb", "acc", 0, 33.3, NULL},
    {"multirc", "MultiRC", "multirc", "acc", 0, -1, NULL},
    {"pubmedqa", "PubMedQA", "pubmedqa", "acc", 0, 33.3, NULL},
    {"mathqa", "MathQA", "mathqa", "acc_norm", 0, 20.0, NULL},
    {"headqa", "HEAD-QA", "headqa|head_qa|headqa_en", "acc_norm", 0, 25.0, NULL},
    /* one task under two names: sst (lm-eval v0.3) and sst2 (GLUE, v0.4); the matched and
     * mismatched MNLI validation sets under each spelling */
    {"sst2", "SST-2", "sst2|sst|sst-2|glue sst2", "acc", 0, 50.0, NULL},
    {"mnli", "MNLI", "mnli|mnli_matched|mnli matched|glue mnli", "acc", 0, 33.3, NULL},
    {"mnli_mismatched", "MNLI (mismatched)", "mnli_mismatched|mnli_mismatch|mnli mismatched", "acc",
     0, 33.3, NULL},
    {"small_agg", "small-agg (6 zero-shot tasks)", "small-agg|small agg|small-agg (6 tasks)", "acc",
     0, -1, NULL},
    {"oll_average", "Average (Open LLM Leaderboard)",
     "open llm leaderboard average|oll average|leaderboard average", "mean", LR_SHOTS_UNKNOWN, -1,
     NULL},
};

/* Models whose one set of weights goes by several names: the report's spelling, then the
 * spellings met in papers, leaderboards and harness runs (Hugging Face repository ids). LLaMA's
 * third size is one checkpoint under two names: the paper and Meta's model card call it 33B
 * (32.5 billion parameters), the release's download.sh fetched it as "30B" (meta-llama/llama,
 * initial commit 1076b9c, 2023-02-24), and Hugging Face and the leaderboards kept that name. */
static const struct model_def {
    const char *name, *aliases;
} builtin_models[] = {
    {"LLaMA 7B", "llama-7b|huggyllama/llama-7b|decapoda-research/llama-7b-hf|llama 7b"},
    {"LLaMA 13B", "llama-13b|huggyllama/llama-13b|decapoda-research/llama-13b-hf|llama 13b"},
    {"LLaMA 33B", "llama-33b|llama 33b|llama-30b|huggyllama/llama-30b|decapoda-research/"
                  "llama-30b-hf|llama 30b"},
    {"LLaMA 65B", "llama-65b|huggyllama/llama-65b|decapoda-research/llama-65b-hf|llama 65b"},
    {"Llama 2 7B", "llama-2-7b|meta-llama/Llama-2-7b-hf|meta-llama/Llama-2-7b|llama 2 7b"},
    {"Llama 2 13B", "llama-2-13b|meta-llama/Llama-2-13b-hf|meta-llama/Llama-2-13b|llama 2 13b"},
    {"Llama 2 70B", "llama-2-70b|meta-llama/Llama-2-70b-hf|meta-llama/Llama-2-70b|llama 2 70b"},
};

/* The Open LLM Leaderboard v2's tasks (lm-eval's leaderboard_* tasks): each keeps its own id, since
 * the leaderboard's BBH, MATH and GPQA are not the original benchmarks' setups (multiple choice
 * scored by acc_norm, MATH level 5 only), and is shown under the leaderboard's name. Members are
 * "<prefix><task><suffix>", shown as "<display>: <member display>". */
static const char *const oll_bbh[] = {"boolean_expressions",
                                      "causal_judgement",
                                      "date_understanding",
                                      "disambiguation_qa",
                                      "formal_fallacies",
                                      "geometric_shapes",
                                      "hyperbaton",
                                      "logical_deduction_five_objects",
                                      "logical_deduction_seven_objects",
                                      "logical_deduction_three_objects",
                                      "movie_recommendation",
                                      "navigate",
                                      "object_counting",
                                      "penguins_in_a_table",
                                      "reasoning_about_colored_objects",
                                      "ruin_names",
                                      "salient_translation_error_detection",
                                      "snarks",
                                      "sports_understanding",
                                      "temporal_sequences",
                                      "tracking_shuffled_objects_five_objects",
                                      "tracking_shuffled_objects_seven_objects",
                                      "tracking_shuffled_objects_three_objects",
                                      "web_of_lies",
                                      NULL};
static const char *const oll_math[] = {"algebra",
                                       "counting_and_prob|counting and probability",
                                       "geometry",
                                       "intermediate_algebra",
                                       "num_theory|number theory",
                                       "prealgebra",
                                       "precalculus",
                                       NULL};
static const char *const oll_gpqa[] = {"diamond", "extended", "main", NULL};
static const char *const oll_musr[] = {"murder_mysteries", "object_placements", "team_allocation",
                                       NULL};
static const struct suite_def {
    const char *id, *display, *prefix, *suffix, *metric;
    int shots;
    double baseline;
    const char *const *members; /* "task" or "task|display", NULL-terminated */
} oll_v2_suites[] = {
    {"leaderboard_bbh", "BBH (OLL v2)", "leaderboard_bbh_", "", "acc_norm", 3, -1, oll_bbh},
    {"leaderboard_math_hard", "MATH Lvl 5 (OLL v2)", "leaderboard_math_", "_hard", "exact_match", 4,
     0.0, oll_math},
    {"leaderboard_gpqa", "GPQA (OLL v2)", "leaderboard_gpqa_", "", "acc_norm", 0, 25.0, oll_gpqa},
    {"leaderboard_musr", "MuSR (OLL v2)", "leaderboard_musr_", "", "acc_norm", 0, -1, oll_musr},
    {"leaderboard_ifeval", "IFEval (OLL v2)", NULL, NULL, "prompt_level_strict_acc", 0, -1, NULL},
    {"leaderboard_mmlu_pro", "MMLU-Pro (OLL v2)", NULL, NULL, "acc", 5, 10.0, NULL},
};

static lr_status add_suites(lr_registry *reg)
{
    lr_status st = LR_OK;
    for (size_t i = 0; !st && i < sizeof oll_v2_suites / sizeof *oll_v2_suites; i++) {
        const struct suite_def *g = &oll_v2_suites[i];
        lr_benchmark_def d = {g->id, g->display, NULL, g->metric, g->shots, g->baseline, NULL};
        st = lr_registry_add_benchmark(reg, &d);
        for (size_t k = 0; !st && g->members && g->members[k]; k++) {
            const char *m = g->members[k], *bar = strchr(m, '|');
            int n = bar ? (int)(bar - m) : (int)strlen(m);
            char id[128], display[160];
            snprintf(id, sizeof id, "%s%.*s%s", g->prefix, n, m, g->suffix);
            int at = snprintf(display, sizeof display, "%s: ", g->display);
            snprintf(display + at, sizeof display - (size_t)at, "%s", bar ? bar + 1 : m);
            if (!bar)
                for (char *p = display + at; *p; p++)
                    if (*p == '_')
                        *p = ' ';
            lr_benchmark_def md = {id, display, NULL, g->metric, g->shots, g->baseline, NULL};
            st = lr_registry_add_benchmark(reg, &md);
        }
    }
    return st;
}

const char *const lr_mmlu_subjects[LR_MMLU_SUBJECTS] = {
    "abstract_algebra",
    "anatomy",
    "astronomy",
    "business_ethics",
    "clinical_knowledge",
    "college_biology",
    "college_chemistry",
    "college_computer_science",
    "college_mathematics",
    "college_medicine",
    "college_physics",
    "computer_security",
    "conceptual_physics",
    "econometrics",
    "electrical_engineering",
    "elementary_mathematics",
    "formal_logic",
    "global_facts",
    "high_school_biology",
    "high_school_chemistry",
    "high_school_computer_science",
    "high_school_european_history",
    "high_school_geography",
    "high_school_government_and_politics",
    "high_school_macroeconomics",
    "high_school_mathematics",
    "high_school_microeconomics",
    "high_school_physics",
    "high_school_psychology",
    "high_school_statistics",
    "high_school_us_history",
    "high_school_world_history",
    "human_aging",
    "human_sexuality",
    "international_law",
    "jurisprudence",
    "logical_fallacies",
    "machine_learning",
    "management",
    "marketing",
    "medical_genetics",
    "miscellaneous",
    "moral_disputes",
    "moral_scenarios",
    "nutrition",
    "philosophy",
    "prehistory",
    "professional_accounting",
    "professional_law",
    "professional_medicine",
    "professional_psychology",
    "public_relations",
    "security_studies",
    "sociology",
    "us_foreign_policy",
    "virology",
    "world_religions",
};

static const lr_metric_def builtin_metrics[] = {
    {"acc", "accuracy",
     "acc|accuracy|multiple_choice_grade|accuracy (as summarised)|score|solve rate|mean score", 1,
     1},
    {"acc_norm", "normalized accuracy",
     "acc_norm|acc norm|accuracy (normalized)|normalized accuracy", 1, 1},
    {"exact_match", "exact match", "exact_match|exact match|em|exact_str_match|quasi_exact_match",
     1, 1},
    {"f1", "F1", "f1|f1 score|f1_score", 1, 1},
    {"mc1", "MC1", "mc1", 1, 1},
    {"mc2", "MC2", "mc2", 1, 1},
    {"pass@1", "pass@1", "pass@1|pass at 1|pass rate (pass@1 implied)|pass rate", 1, 1},
    {"pass@10", "pass@10", "pass@10", 1, 1},
    {"pass@100", "pass@100", "pass@100", 1, 1},
    {"perplexity", "perplexity", "perplexity|ppl", 0, 0},
    {"word_perplexity", "word perplexity", "word_perplexity", 0, 0},
    {"byte_perplexity", "byte perplexity", "byte_perplexity", 0, 0},
    {"bits_per_byte", "bits per byte", "bits_per_byte|bpb", 0, 0},
    {"mae", "mean absolute error", "mae", 0, 0},
    {"ter", "TER", "ter", 0, 0},
    {"bleu", "BLEU", "bleu", 0, 1},
    {"chrf", "chrF", "chrf", 0, 1},
    {"mcc", "MCC", "mcc", 0, 1},
    {"prompt_level_strict_acc", "prompt-level strict accuracy", "prompt_level_strict_acc", 1, 1},
    {"inst_level_strict_acc", "instruction-level strict accuracy", "inst_level_strict_acc", 1, 1},
    {"prompt_level_loose_acc", "prompt-level loose accuracy", "prompt_level_loose_acc", 1, 1},
    {"inst_level_loose_acc", "instruction-level loose accuracy", "inst_level_loose_acc", 1, 1},
    {"mean", "mean score", "mean|average|mean of scores", 1, 1},
};

/* Tasks that name their metric: lm-eval v0.4 splits TruthfulQA's mc1 and mc2 into two tasks
 * whose metric is "acc", where v0.3 and the leaderboard call them mc1 and mc2 of one task. */
static const struct task_metric {
    const char *task, *metric, *as;
} task_metrics[] = {
    {"truthfulqa_mc1", "acc", "mc1"},
    {"truthfulqa_mc2", "acc", "mc2"},
};

/* What lr_registry_key() keeps of a byte, lower-cased, or 0 when it drops it: letters and
 * digits of the C locale, '@' (pass@1 vs pass1) and the bytes of non-ASCII characters (such
 * names stay distinct). */
static inline unsigned char key_byte(unsigned char c)
{
    if (c >= 0x80 || c == '@' || (c >= '0' && c <= '9'))
        return c;
    unsigned char lower = (unsigned char)(c | 0x20);
    return lower >= 'a' && lower <= 'z' ? lower : 0;
}

/* Whether two names have one key (lr_registry_key), stopping at the first byte that differs. */
static int same_key(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    for (;;) {
        while (*p && !key_byte(*p))
            p++;
        while (*q && !key_byte(*q))
            q++;
        if (!*p || !*q)
            return !*p && !*q;
        if (key_byte(*p++) != key_byte(*q++))
            return 0;
    }
}

/* Families of lm-eval tasks named prefix + member, with the name the family goes by. */
static const struct family {
    const char *prefix, *display;
} families[] = {
    {"bigbench_", "BIG-bench"},
    {"blimp_", "BLiMP"},
    {"afrisenti_", "AfriSenti"},
    {"afrixnli_", "AfriXNLI"},
    {"afrimmlu_", "AfriMMLU"},
    {"belebele_", "Belebele"},
    {"xnli_", "XNLI"},
    {"xcopa_", "XCOPA"},
    {"xstorycloze_", "XStoryCloze"},
    {"xwinograd_", "XWinograd"},
    {"paws_", "PAWS-X"},
    {"pawsx_", "PAWS-X"},
    {"kmmlu_", "KMMLU"},
    {"cmmlu_", "CMMLU"},
    {"ceval-valid_", "C-Eval"},
    {"arabicmmlu_", "ArabicMMLU"},
    {"tmmluplus_", "TMMLU+"},
    {"agieval_", "AGIEval"},
    {"bbh_", "BBH"},
    {"mgsm_", "MGSM"},
    {"lambada_openai_mt_", "LAMBADA (translated)"},
};

const char *lr_registry_family_display(const char *task, char *out, size_t size)
{
    if (!task || size < 2)
        return NULL;
    for (size_t i = 0; i < sizeof families / sizeof *families; i++) {
        size_t n = strlen(families[i].prefix);
        if (strncmp(task, families[i].prefix, n) || !task[n])
            continue;
        int k = snprintf(out, size, "%s: %s", families[i].display, task + n);
        if (k < 0 || (size_t)k >= size)
            return NULL;
        for (char *p = out + strlen(families[i].display) + 2; *p; p++)
            if (*p == '_')
                *p = ' ';
        return out;
    }
    return NULL;
}

const char *lr_registry_task_metric(const char *task, const char *metric)
{
    if (!task || !metric)
        return NULL;
    for (size_t i = 0; i < sizeof task_metrics / sizeof task_metrics[0]; i++)
        if (!strcmp(metric, task_metrics[i].metric) && same_key(task, task_metrics[i].task))
            return task_metrics[i].as;
    return NULL;
}

/* Translations are other tests, not other ways of measuring the original: MMLU machine-translated
 * into Telugu is compared only with itself. A result is of a translated test when its variant
 * names a translation or its benchmark is a translation of another one. Tests written in a
 * language from the start (KMMLU: questions from Korean exams) are tests of their own and not
 * listed here. */
static const char *const translation_words[] = {"translated", "translation", "번역"};

static const struct translated_benchmark {
    const char *name; /* a task name, or a prefix ending in '_' followed by a language code */
    const char *of;   /* the original test's id */
} translated_benchmarks[] = {
    /* lm-eval's Okapi tasks: ARC-Challenge, HellaSwag and MMLU machine-translated (ChatGPT) */
    {"m_mmlu_", "mmlu"},
    {"arc_", "arc_challenge"},
    {"hellaswag_", "hellaswag"},
    /* Global-MMLU (lm-eval global_mmlu_<lang>, global_mmlu_full_<lang>_<subject>) */
    {"global_mmlu_", "mmlu"},
    {"global_mmlu_full_", "mmlu"},
    /* OpenAI's MMMLU, professionally translated */
    {"mmmlu_", "mmlu"},
    /* the Open Ko-LLM Leaderboard's Ko-H5, translated from the Open LLM Leaderboard's tasks */
    {"ko_mmlu", "mmlu"},
    {"ko_arc_challenge", "arc_challenge"},
    {"ko_hellaswag", "hellaswag"},
    {"ko_truthfulqa", "truthfulqa"},
    {"ko_truthfulqa_mc", "truthfulqa"},
    {"ko_winogrande", "winogrande"},
    {"ko_gsm8k", "gsm8k"},
};

int lr_registry_variant_translates(const char *variant)
{
    for (size_t i = 0; variant && i < sizeof translation_words / sizeof *translation_words; i++) {
        size_t len = strlen(translation_words[i]);
        for (const char *p = variant; *p; p++) {
            size_t k = 0;
            while (k < len && p[k] && tolower((unsigned char)p[k]) == translation_words[i][k])
                k++;
            if (k == len)
                return 1;
        }
    }
    return 0;
}

/* A language code after a prefix: two or three lower-case letters, then the end or '_' (a
 * subject of Global-MMLU: global_mmlu_full_ko_anatomy). */
static int language_code(const char *s)
{
    size_t n = 0;
    while (n < 4 && s[n] >= 'a' && s[n] <= 'z')
        n++;
    return (n == 2 || n == 3) && (!s[n] || s[n] == '_');
}

const char *lr_registry_translation_of(const char *benchmark)
{
    if (!benchmark)
        return NULL;
    const char *of = NULL;
    size_t best = 0;
    for (size_t i = 0; i < sizeof translated_benchmarks / sizeof *translated_benchmarks; i++) {
        const char *name = translated_benchmarks[i].name;
        size_t len = strlen(name);
        int match = name[len - 1] == '_'
                        ? !strncmp(benchmark, name, len) && language_code(benchmark + len)
                        : !strcmp(benchmark, name);
        if (match && len > best) {
            best = len;
            of = translated_benchmarks[i].of;
        }
    }
    return of;
}

typedef struct alias {
    char *key; /* normalised */
    size_t index;
} alias;

struct lr_registry {
    lr_arena arena;
    unsigned long generation; /* counts changes, for callers' caches */
    lr_benchmark_def *benchmarks;
    size_t n_benchmarks, cap_benchmarks;
    lr_metric_def *metrics;
    size_t n_metrics, cap_metrics;
    alias *bench_aliases, *metric_aliases;
    size_t n_bench_aliases, cap_bench_aliases, n_metric_aliases, cap_metric_aliases;
    lr_index bench_keys, metric_keys; /* normalised key -> position in the alias array */
    lr_index model_keys;              /* normalised key -> position in builtin_models */
};

void lr_registry_key(const char *name, char *buf, size_t size)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p && n + 1 < size; p++) {
        unsigned char c = key_byte(*p);
        if (c)
            buf[n++] = (char)c;
    }
    buf[n] = '\0';
}

static lr_status add_alias(lr_registry *reg, int metric, const char *name, size_t index)
{
    char key[256];
    lr_registry_key(name, key, sizeof key);
    if (!key[0])
        return LR_OK;
    alias **arr = metric ? &reg->metric_aliases : &reg->bench_aliases;
    size_t *n = metric ? &reg->n_metric_aliases : &reg->n_bench_aliases;
    size_t *cap = metric ? &reg->cap_metric_aliases : &reg->cap_bench_aliases;
    lr_index *keys = metric ? &reg->metric_keys : &reg->bench_keys;
    size_t found;
    const size_t *at = lr_index_get(keys, key, NULL, &found);
    if (at) {
        (*arr)[at[0]].index = index; /* later definitions win */
        return LR_OK;
    }
    if (lr_grow((void **)arr, cap, *n, sizeof(alias)))
        return LR_ENOMEM;
    char *k = lr_arena_strdup(&reg->arena, key);
    if (!k || lr_index_add(keys, key, NULL, *n))
        return LR_ENOMEM;
    (*arr)[*n].key = k;
    (*arr)[*n].index = index;
    ++*n;
    return LR_OK;
}

static lr_status add_aliases(lr_registry *reg, int metric, const char *id, const char *list,
                             size_t index)
{
    lr_status st = add_alias(reg, metric, id, index);
    if (st || !list)
        return st;
    const char *p = list;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        char name[256];
        if (n >= sizeof name)
            n = sizeof name - 1;
        memcpy(name, p, n);
        name[n] = '\0';
        if ((st = add_alias(reg, metric, name, index)))
            return st;
        p += n;
        if (*p == '|')
            p++;
    }
    return LR_OK;
}

lr_status lr_registry_add_benchmark(lr_registry *reg, const lr_benchmark_def *def)
{
    reg->generation++;
    size_t i;
    for (i = 0; i < reg->n_benchmarks; i++)
        if (!strcmp(reg->benchmarks[i].id, def->id))
            break;
    if (i == reg->n_benchmarks) {
        if (lr_grow((void **)&reg->benchmarks, &reg->cap_benchmarks, reg->n_benchmarks,
                    sizeof(lr_benchmark_def)))
            return LR_ENOMEM;
        reg->n_benchmarks++;
    }
    lr_benchmark_def *d = &reg->benchmarks[i];
    d->id = lr_arena_strdup(&reg->arena, def->id);
    d->display = lr_arena_strdup(&reg->arena, def->display ? def->display : def->id);
    d->aliases = NULL;
    d->default_metric = lr_arena_strdup(&reg->arena, def->default_metric);
    d->default_shots = def->default_shots;
    d->random_baseline = def->random_baseline;
    d->parent = lr_arena_strdup(&reg->arena, def->parent);
    if (!d->id || !d->display)
        return LR_ENOMEM;
    return add_aliases(reg, 0, def->id, def->aliases, i);
}

lr_status lr_registry_add_metric(lr_registry *reg, const lr_metric_def *def)
{
    reg->generation++;
    size_t i;
    for (i = 0; i < reg->n_metrics; i++)
        if (!strcmp(reg->metrics[i].id, def->id))
            break;
    if (i == reg->n_metrics) {
        if (lr_grow((void **)&reg->metrics, &reg->cap_metrics, reg->n_metrics,
                    sizeof(lr_metric_def)))
            return LR_ENOMEM;
        reg->n_metrics++;
    }
    lr_metric_def *d = &reg->metrics[i];
    d->id = lr_arena_strdup(&reg->arena, def->id);
    d->display = lr_arena_strdup(&reg->arena, def->display ? def->display : def->id);
    d->aliases = NULL;
    d->bounded = def->bounded;
    d->higher_is_better = def->higher_is_better;
    if (!d->id || !d->display)
        return LR_ENOMEM;
    return add_aliases(reg, 1, def->id, def->aliases, i);
}

lr_status lr_registry_add_alias(lr_registry *reg, int metric, const char *id, const char *name)
{
    reg->generation++;
    size_t n = metric ? reg->n_metrics : reg->n_benchmarks;
    for (size_t i = 0; i < n; i++) {
        const char *cur = metric ? reg->metrics[i].id : reg->benchmarks[i].id;
        if (!strcmp(cur, id))
            return add_alias(reg, metric, name, i);
    }
    return LR_ENOTFOUND;
}

/* The keys of a model's name and aliases, each once. */
static lr_status add_model(lr_registry *reg, size_t i)
{
    const struct model_def *d = &builtin_models[i];
    char key[256], one[256];
    for (const char *p = d->aliases, *name = d->name; name;) {
        size_t n = name == d->name ? strlen(name) : strcspn(p, "|");
        snprintf(one, sizeof one, "%.*s", (int)n, name == d->name ? name : p);
        lr_registry_key(one, key, sizeof key);
        size_t found;
        if (key[0] && !lr_index_get(&reg->model_keys, key, NULL, &found) &&
            lr_index_add(&reg->model_keys, key, NULL, i))
            return LR_ENOMEM;
        if (name == d->name) {
            name = p;
            continue;
        }
        p += n;
        if (!*p)
            break;
        p++;
    }
    return LR_OK;
}

const char *lr_registry_model(const lr_registry *reg, const char *name)
{
    if (!reg || !name)
        return NULL;
    char key[256];
    lr_registry_key(name, key, sizeof key);
    size_t n;
    const size_t *at = key[0] ? lr_index_get(&reg->model_keys, key, NULL, &n) : NULL;
    return at ? builtin_models[at[0]].name : NULL;
}

lr_registry *lr_registry_new(void)
{
    lr_registry *reg = calloc(1, sizeof *reg);
    if (!reg)
        return NULL;
    lr_status st = LR_OK;
    for (size_t i = 0; !st && i < sizeof builtin_benchmarks / sizeof builtin_benchmarks[0]; i++)
        st = lr_registry_add_benchmark(reg, &builtin_benchmarks[i]);
    for (size_t i = 0; !st && i < LR_MMLU_SUBJECTS; i++) {
        char id[96], display[128], aliases[256];
        snprintf(id, sizeof id, "mmlu_%s", lr_mmlu_subjects[i]);
        snprintf(display, sizeof display, "MMLU: %s", lr_mmlu_subjects[i]);
        snprintf(aliases, sizeof aliases, "hendrycksTest-%s|mmlu-%s", lr_mmlu_subjects[i],
                 lr_mmlu_subjects[i]);
        for (char *p = display + 6; *p; p++)
            if (*p == '_')
                *p = ' ';
        lr_benchmark_def d = {id, display, aliases, "acc", 5, 25.0, "mmlu"};
        st = lr_registry_add_benchmark(reg, &d);
    }
    if (!st)
        st = add_suites(reg);
    for (size_t i = 0; !st && i < sizeof builtin_metrics / sizeof builtin_metrics[0]; i++)
        st = lr_registry_add_metric(reg, &builtin_metrics[i]);
    for (size_t i = 0; !st && i < sizeof builtin_models / sizeof builtin_models[0]; i++)
        st = add_model(reg, i);
    if (st) {
        lr_registry_free(reg);
        return NULL;
    }
    return reg;
}

void lr_registry_free(lr_registry *reg)
{
    if (!reg)
        return;
    free(reg->benchmarks);
    free(reg->metrics);
    free(reg->bench_aliases);
    free(reg->metric_aliases);
    lr_index_free(&reg->bench_keys);
    lr_index_free(&reg->metric_keys);
    lr_index_free(&reg->model_keys);
    lr_arena_free(&reg->arena);
    free(reg);
}

static const alias *find_alias(const alias *arr, const lr_index *keys, const char *name)
{
    char key[256];
    lr_registry_key(name, key, sizeof key);
    if (!key[0])
        return NULL;
    size_t n;
    const size_t *at = lr_index_get(keys, key, NULL, &n);
    return at ? &arr[at[0]] : NULL;
}

size_t lr_registry_subtasks(const lr_registry *reg, const char *parent,
                            const lr_benchmark_def **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; parent && i < reg->n_benchmarks; i++)
        if (reg->benchmarks[i].parent && !strcmp(reg->benchmarks[i].parent, parent)) {
            if (n < max)
                out[n] = &reg->benchmarks[i];
            n++;
        }
    return n;
}

unsigned long lr_registry_generation(const lr_registry *reg)
{
    return reg->generation;
}

const lr_benchmark_def *lr_registry_benchmark(const lr_registry *reg, const char *name)
{
    if (!name)
        return NULL;
    const alias *a = find_alias(reg->bench_aliases, &reg->bench_keys, name);
    return a ? &reg->benchmarks[a->index] : NULL;
}

const lr_metric_def *lr_registry_metric(const lr_registry *reg, const char *name)
{
    if (!name)
        return NULL;
    const alias *a = find_alias(reg->metric_aliases, &reg->metric_keys, name);
    return a ? &reg->metrics[a->index] : NULL;
}

/* ---- methods ---- */

/* The first number after the first occurrence of key in s, or -1. */
static double number_after(const char *s, const char *key)
{
    const char *p = strstr(s, key);
    if (!p)
        return -1;
    p += strlen(key);
    while (*p && !isdigit((unsigned char)*p) && *p != '.')
        p++;
    if (!*p)
        return -1;
    return strtod(p, NULL);
}

/* Method text is read as parts separated by '+' or ','. Each part must be understood for the
 * canonical token to replace the text; otherwise the text is kept (lower-cased), since dropping
 * a part could make two different methods look equal. */
typedef struct method_parts {
    int cot, sc, maj, greedy, rerun, understood, chat, multiturn;
    double samples, temp, top_p, n, max_tokens;
    char sys[16]; /* system prompt hash (8 hex digits), "" none, "?" without a hash */
} method_parts;

static int has(const char *s, const char *w)
{
    return strstr(s, w) != NULL;
}

static void read_part(method_parts *m, const char *part)
{
    int ok = 0;
    if (!strncmp(part, "sys=", 4) || !strcmp(part, "sys")) {
        /* a system prompt by its hash: hex digits only, at most 8 kept */
        size_t n = 0;
        for (const char *p = part + (part[3] ? 4 : 3); *p && n < 8; p++)
            if (isxdigit((unsigned char)*p))
                m->sys[n++] = (char)tolower((unsigned char)*p);
        if (!n)
            m->sys[n++] = '?';
        m->sys[n] = '\0';
        return;
    }
    if (!strcmp(part, "chat") || !strcmp(part, "chat template") || !strcmp(part, "chat-template")) {
        m->chat = 1;
        return;
    }
    if (!strcmp(part, "multiturn") || !strcmp(part, "multi-turn") ||
        !strcmp(part, "fewshot as multiturn") || !strcmp(part, "multi-turn few-shot")) {
        m->multiturn = 1;
        return;
    }
    if (!strncmp(part, "max_gen_toks=", 13) || !strncmp(part, "max_tokens=", 11)) {
        m->max_tokens = number_after(part, "=");
        return;
    }
    if (has(part, "chain-of-thought") || has(part, "chain of thought") || !strcmp(part, "cot") ||
        !strncmp(part, "cot ", 4) || !strncmp(part, "cot@", 4))
        m->cot = ok = 1;
    if (has(part, "self-consistency") || !strncmp(part, "sc@", 3) || !strcmp(part, "sc")) {
        m->sc = ok = 1;
        double k = has(part, "sc@") ? number_after(part, "sc@") : number_after(part, "(");
        if (k > 0)
            m->samples = k;
    }
    if (has(part, "majority vot") || !strncmp(part, "maj@", 4)) {
        m->maj = ok = 1;
        double k = has(part, "maj@") ? number_after(part, "maj@") : number_after(part, "(");
        if (k > 0)
            m->samples = k;
    }
    if (has(part, "greedy"))
        m->greedy = ok = 1;
    if (has(part, "t=")) {
        m->temp = number_after(part, "t=");
        ok = 1;
    }
    if (has(part, "p=")) {
        m->top_p = number_after(part, "p=");
        ok = 1;
    }
    if (!strncmp(part, "n=", 2)) {
        m->n = number_after(part, "n=");
        ok = 1;
    }
    if (has(part, "re-run"))
        m->rerun = ok = 1;
    if (!strcmp(part, "sampling") || !strcmp(part, "nucleus sampling") ||
        !strcmp(part, "single sample") || !strcmp(part, "(single sample)"))
        ok = 1;
    if (!ok)
        m->understood = 0;
}

const char *lr_registry_method(const lr_registry *reg, const char *text, lr_arena *arena)
{
    (void)reg;
    if (!text)
        return NULL;
    char low[512];
    size_t n = 0;
    while (*text == ' ')
        text++;
    for (const char *p = text; *p && n + 1 < sizeof low; p++)
        low[n++] = (char)tolower((unsigned char)*p);
    while (n && low[n - 1] == ' ')
        n--;
    low[n] = '\0';
    if (!n || !strcmp(low, "none") || !strcmp(low, "plain") || !strcmp(low, "direct prompting") ||
        !strcmp(low, "prompting") || !strcmp(low, "direct"))
        return NULL;

    method_parts m = {0, 0, 0, 0, 0, 1, 0, 0, -1, -1, -1, -1, -1, ""};
    char work[512];
    memcpy(work, low, n + 1);
    /* "(re-run of released predictions)" and "(single sample)" qualify; split them off. */
    for (char *p = work; *p; p++)
        if (*p == '(' && (has(p, "re-run") || has(p, "single sample")))
            *p = '+';
    for (char *part = work; part;) {
        char *next = strpbrk(part, "+,");
        if (next)
            *next++ = '\0';
        while (*part == ' ')
            part++;
        size_t len = strlen(part);
        while (len && (part[len - 1] == ' ' || part[len - 1] == ')'))
            part[--len] = '\0';
        if (len)
            read_part(&m, part);
        part = next;
    }
    if (!m.understood) {
        /* kept as written (trimmed): lower-casing would garble names such as "CodeT" */
        size_t len = strlen(text);
        while (len && text[len - 1] == ' ')
            len--;
        return lr_arena_strndup(arena, text, len);
    }

    char out[256] = "";
    size_t o = 0;
#define PUT(...) (o += (size_t)snprintf(out + o, sizeof out - o, __VA_ARGS__))
    if (m.cot)
        PUT("cot");
    if (m.sc)
        m.samples > 0 ? PUT("%ssc@%g", o ? "+" : "", m.samples) : PUT("%ssc", o ? "+" : "");
    if (m.maj)
        m.samples > 0 ? PUT("%smaj@%g", o ? "+" : "", m.samples) : PUT("%smaj", o ? "+" : "");
    if (m.chat)
        PUT("%schat", o ? "+" : "");
    if (m.multiturn)
        PUT("%smultiturn", o ? "+" : "");
    if (m.sys[0])
        m.sys[0] == '?' ? PUT("%ssys", o ? "+" : "") : PUT("%ssys=%s", o ? "+" : "", m.sys);
    if (m.greedy)
        PUT("%sgreedy", o ? "+" : "");
    if (m.temp >= 0)
        PUT("%sT=%g", o ? "," : "", m.temp);
    if (m.top_p >= 0)
        PUT("%stop_p=%g", o ? "," : "", m.top_p);
    if (m.max_tokens >= 0)
        PUT("%smax_gen_toks=%g", o ? "," : "", m.max_tokens);
    if (m.n >= 0)
        PUT("%sn=%g", o ? "," : "", m.n);
    if (m.rerun)
        PUT(" (re-run)");
#undef PUT
    if (!o)
        return NULL; /* only "sampling" or "single sample": nothing beyond plain prompting */
    return lr_arena_strdup(arena, out);
}

/* ---- comparing methods ---- */

enum { MAX_TOKENS = 24, TOKEN_LEN = 64 };

/* A method split into what decides comparability (docs/settings.md): key tokens, which must be
 * equal (their absence is a value: no chain-of-thought, no chat template, greedy decoding); top_p,
 * compared only when both sides state it; and detail (n samples drawn), never compared. */
typedef struct method_key {
    char keys[MAX_TOKENS][TOKEN_LEN];
    size_t n_keys;
    char top_p[TOKEN_LEN];
} method_key;

static int by_token(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void method_key_of(const char *method, method_key *k)
{
    memset(k, 0, sizeof *k);
    for (const char *p = method; p && *p;) {
        size_t len = strcspn(p, "+,");
        const char *s = p, *e = p + len;
        p = *e ? e + 1 : e;
        while (s < e && *s == ' ')
            s++;
        while (e > s && e[-1] == ' ')
            e--;
        static const char rerun[] = " (re-run)";
        size_t rl = sizeof rerun - 1;
        if ((size_t)(e - s) > rl && !memcmp(e - rl, rerun, rl)) {
            e -= rl;
            if (k->n_keys < MAX_TOKENS)
                snprintf(k->keys[k->n_keys++], TOKEN_LEN, "re-run");
        }
        size_t n = (size_t)(e - s);
        if (!n)
            continue;
        char tok[TOKEN_LEN];
        snprintf(tok, sizeof tok, "%.*s", (int)(n < TOKEN_LEN ? n : TOKEN_LEN - 1), s);
        if (!strncmp(tok, "n=", 2))
            continue; /* samples drawn to estimate the metric: detail */
        if (!strncmp(tok, "top_p=", 6)) {
            snprintf(k->top_p, sizeof k->top_p, "%s", tok + 6);
            continue;
        }
        if (!strncmp(tok, "T=", 2) && strtod(tok + 2, NULL) == 0.0 && tok[2] >= '0' &&
            tok[2] <= '9')
            snprintf(tok, sizeof tok, "greedy"); /* T=0 is greedy decoding */
        if (k->n_keys < MAX_TOKENS)
            memcpy(k->keys[k->n_keys++], tok, TOKEN_LEN);
    }
    qsort(k->keys, k->n_keys, TOKEN_LEN, by_token);
}

int lr_registry_method_equal(const char *a, const char *b)
{
    if (a == b || (a && b && !strcmp(a, b)))
        return 1;
    method_key ka, kb;
    method_key_of(a, &ka);
    method_key_of(b, &kb);
    if (ka.n_keys != kb.n_keys)
        return 0;
    for (size_t i = 0; i < ka.n_keys; i++)
        if (strcmp(ka.keys[i], kb.keys[i]))
            return 0;
    if (ka.top_p[0] && kb.top_p[0] && strtod(ka.top_p, NULL) != strtod(kb.top_p, NULL))
        return 0;
    return 1;
}

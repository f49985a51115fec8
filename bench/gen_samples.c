/*
 * gen_samples: a deterministic corpus of lm-eval per-item samples files for timing the samples
 * reader (issue 18).
 *
 *   gen_samples OUT_DIR MEGABYTES [SEED]
 *
 * Writes into OUT_DIR one lm-eval results file, results_2026-11-01T02-00-00.000000.json, and
 * eight samples files samples_benchtask_K_2026-11-01T02-00-00.000000.jsonl (K = 0..7) of about
 * MEGABYTES / 8 each, in the line layout lm-eval 0.4 writes with --log_samples: doc_id, the
 * document (question, four choices, answer), target, arguments (a few-shot prompt per choice),
 * resps and filtered_resps, filter, metrics, doc_hash, prompt_hash, target_hash, acc, acc_norm.
 * Tasks 0-5 are multiple choice (one log-likelihood per choice); tasks 6-7 are generative, with
 * one long response per item. The prompts repeat a few-shot preamble of 2-8 KB per task and the
 * documents run from 300 to 2 000 bytes, so a line is 10-40 KB, as in real MMLU-style runs; the
 * strings hold JSON escapes (\n, \", \\, \u00e9) and raw UTF-8 (é, 한) as real prompts do. The
 * results file states each task's acc and acc_norm as the mean of its items, so llmreport
 * matches every samples file to its result. Same MEGABYTES and SEED give the same bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define TASKS 8
#define RUN "2026-11-01T02-00-00.000000"

static uint64_t state;

static uint64_t next(void)
{
    /* splitmix64 */
    uint64_t z = (state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static unsigned below(unsigned n)
{
    return (unsigned)(next() % n);
}

static const char *const words[] = {
    "the",    "of",      "model",   "which",    "answer",  "following", "is",     "a",
    "energy", "protein", "court",   "theorem",  "market",  "velocity",  "enzyme", "statute",
    "prime",  "lattice", "voltage", "contract", "species", "integral",  "ledger", "tariff",
    "café",   "naïve",   "한국어",  "résumé",   "quantum", "mitosis",   "axiom",  "verdict"};

/* Appends about len bytes of JSON string content (escaped) to f. */
static size_t text(FILE *f, size_t len)
{
    size_t n = 0;
    while (n < len) {
        unsigned r = below(100);
        const char *w = words[below(sizeof words / sizeof words[0])];
        if (r < 3)
            n += (size_t)fprintf(f, "\\n");
        else if (r < 5)
            n += (size_t)fprintf(f, "\\\"%s\\\" ", w);
        else if (r < 6)
            n += (size_t)fprintf(f, "caf\\u00e9 ");
        else if (r < 7)
            n += (size_t)fprintf(f, "C:\\\\path ");
        else
            n += (size_t)fprintf(f, "%s ", w);
    }
    return n;
}

static void hex(FILE *f)
{
    for (int i = 0; i < 4; i++)
        fprintf(f, "%016llx", (unsigned long long)next());
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: gen_samples OUT_DIR MEGABYTES [SEED]\n");
        return 2;
    }
    const char *dir = argv[1];
    double mb = atof(argv[2]);
    state = argc == 4 ? strtoull(argv[3], NULL, 10) : 1;
    if (!(mb > 0)) {
        fprintf(stderr, "gen_samples: MEGABYTES must be positive\n");
        return 2;
    }
    mkdir(dir, 0777);
    size_t per_task = (size_t)(mb * 1024 * 1024 / TASKS);
    double acc[TASKS], acc_norm[TASKS];
    size_t items[TASKS];
    char path[4096];
    for (int t = 0; t < TASKS; t++) {
        snprintf(path, sizeof path, "%s/samples_benchtask_%d_%s.jsonl", dir, t, RUN);
        FILE *f = fopen(path, "w");
        if (!f) {
            perror(path);
            return 1;
        }
        int generative = t >= 6;
        size_t preamble = 2048 + 1024 * (size_t)below(7); /* the few-shot examples */
        uint64_t saved = state;
        size_t bytes = 0, n = 0, right = 0, right_norm = 0;
        while (bytes < per_task) {
            long before = ftell(f);
            unsigned answer = below(4);
            int a = below(100) < 62, an = below(100) < 65;
            fprintf(f, "{\"doc_id\": %zu, \"doc\": {\"question\": \"", n);
            uint64_t doc_state = state;
            text(f, 300 + below(1700));
            fputs("\", \"choices\": [", f);
            for (int c = 0; c < 4; c++) {
                fputs(c ? ", \"" : "\"", f);
                text(f, 20 + below(80));
                fputc('"', f);
            }
            fprintf(f, "], \"answer\": %u}, \"target\": %u, \"arguments\": {", answer, answer);
            for (int c = 0; c < (generative ? 1 : 4); c++) {
                fprintf(f, "%s\"gen_args_%d\": {\"arg_0\": \"", c ? ", " : "", c);
                /* the same preamble in every prompt of the task, then the question */
                uint64_t keep = state;
                state = saved;
                text(f, preamble);
                state = doc_state;
                text(f, 200);
                state = keep;
                if (generative)
                    fputs("\", \"arg_1\": {\"until\": [\"\\n\\n\"], \"do_sample\": false}}", f);
                else
                    fprintf(f, "\", \"arg_1\": \" %c\"}", 'A' + c);
            }
            fputs("}, \"resps\": [", f);
            if (generative) {
                fputs("[\"", f);
                text(f, 1500 + below(6000));
                fputs("\"]], \"filtered_resps\": [\"", f);
                text(f, 40);
                fputs("\"]", f);
            } else {
                for (int c = 0; c < 4; c++)
                    fprintf(f, "%s[[\"-%u.%04u\", \"%s\"]]", c ? ", " : "", below(20), below(10000),
                            c == (int)answer ? "True" : "False");
                fputs("], \"filtered_resps\": [", f);
                for (int c = 0; c < 4; c++)
                    fprintf(f, "%s[\"-%u.%04u\", \"False\"]", c ? ", " : "", below(20),
                            below(10000));
                fputs("]", f);
            }
            fputs(", \"filter\": \"none\", \"metrics\": [\"acc\", \"acc_norm\"], \"doc_hash\": \"",
                  f);
            hex(f);
            fputs("\", \"prompt_hash\": \"", f);
            hex(f);
            fputs("\", \"target_hash\": \"", f);
            hex(f);
            fprintf(f, "\", \"acc\": %s, \"acc_norm\": %s}\n", a ? "1.0" : "0.0",
                    an ? "1.0" : "0.0");
            right += (size_t)a;
            right_norm += (size_t)an;
            n++;
            bytes += (size_t)(ftell(f) - before);
        }
        fclose(f);
        items[t] = n;
        acc[t] = (double)right / (double)n;
        acc_norm[t] = (double)right_norm / (double)n;
    }
    snprintf(path, sizeof path, "%s/results_%s.json", dir, RUN);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        return 1;
    }
    fputs("{\n  \"results\": {\n", f);
    for (int t = 0; t < TASKS; t++)
        fprintf(f,
                "    \"benchtask_%d\": {\"alias\": \"benchtask_%d\", \"acc,none\": %.17g, "
                "\"acc_stderr,none\": 0.01, \"acc_norm,none\": %.17g, \"acc_norm_stderr,none\": "
                "0.01}%s\n",
                t, t, acc[t], acc_norm[t], t + 1 < TASKS ? "," : "");
    fputs("  },\n  \"group_subtasks\": {", f);
    for (int t = 0; t < TASKS; t++)
        fprintf(f, "%s\"benchtask_%d\": []", t ? ", " : "", t);
    fputs("},\n  \"configs\": {", f);
    for (int t = 0; t < TASKS; t++)
        fprintf(f, "%s\"benchtask_%d\": {\"task\": \"benchtask_%d\", \"num_fewshot\": 5}",
                t ? ", " : "", t, t);
    fputs("},\n  \"versions\": {", f);
    for (int t = 0; t < TASKS; t++)
        fprintf(f, "%s\"benchtask_%d\": 1.0", t ? ", " : "", t);
    fputs("},\n  \"n-shot\": {", f);
    for (int t = 0; t < TASKS; t++)
        fprintf(f, "%s\"benchtask_%d\": 5", t ? ", " : "", t);
    fputs("},\n  \"n-samples\": {", f);
    for (int t = 0; t < TASKS; t++)
        fprintf(f, "%s\"benchtask_%d\": {\"original\": %zu, \"effective\": %zu}", t ? ", " : "", t,
                items[t], items[t]);
    fputs("},\n  \"config\": {\"model\": \"hf\", \"model_args\": \"pretrained=org/bench-7b\"},\n"
          "  \"model_name\": \"org/bench-7b\",\n  \"lm_eval_version\": \"0.4.8\",\n"
          "  \"date\": 1793584800.0\n}\n",
          f);
    fclose(f);
    return 0;
}

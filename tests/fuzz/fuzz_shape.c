/* Structure-aware fuzzing of every sniffer and adapter: the input is not a file but the choices
 * of a generator that writes a valid JSON document from the keys and values the readers look
 * at (which key, which kind of value under it, how many members), so that nearly every input
 * reaches the sniffers with objects and arrays where they expect something else. The document
 * is read as a file would be (lr_ingest_bytes: parse, sniff, the adapter that claims it, then
 * the exports), and once more with each adapter forced. A crash, a sanitizer report, or an
 * error or diagnostic that is empty, spans lines or names another file aborts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/diag.h"
#include "fuzz.h"
#include "ingest/ingest.h"
#include "model/store.h"
#include "write/export.h"

#define NAME "results_2024-01-02T03-04-05.000000.json"

/* clang-format off */
/* The keys the sniffers and adapters read at the top of a document (lm-eval v0.3/v0.4, the
 * Open LLM Leaderboard, bigcode, Every Eval Ever, llmreport/1, HELM, Inspect AI logs). */
static const char *const top_keys[] = {
    "results", "config", "configs", "groups", "group_subtasks", "n-shot", "versions",
    "higher_is_better", "n-samples", "task_hashes", "lm_eval_version", "model_name",
    "config_general", "format", "source", "sources", "schema_version", "evaluation_results",
    "model_info", "source_metadata", "eval_library", "retrieved_timestamp", "evaluation_id", "date",
    "git_hash", "chat_template", "chat_template_sha", "system_instruction",
    "system_instruction_sha", "fewshot_as_multiturn", "suites", "suite", "adapter_spec",
    "metric_specs", "title", "header", "rows", "eval", "plan", "status", "version", "samples",
    "humaneval", "mbpp", "model",
};

/* Keys met further down: task names of each harness, metric keys, settings, EEE fields. */
static const char *const inner_keys[] = {
    "arc_easy", "mmlu", "mmlu_x", "hendrycksTest-anatomy", "harness|arc:challenge|25",
    "harness|mmlu:_average|5", "all", "leaderboard", "leaderboard_bbh", "truthfulqa_mc2", "x", " ",
    "acc,none", "acc_stderr,none", "acc", "acc_stderr", "acc_norm", "mc2", "pass@1", "alias",
    "f1,none", "model", "model_args", "pretrained", "num_fewshot", "gen_kwargs", "limit",
    "limit_start", "apply_chat_template", "model_dtype", "model_sha", "lighteval_sha", "start_date",
    "end_time", "temperature", "top_p", "n_samples", "do_sample", "tasks", "revision", "precision",
    "max_length_generation", "generation_kwargs", "output_type", "repeats", "group", "original",
    "effective", "until", "max_gen_toks", "evaluation_name", "evaluation_description",
    "metric_config", "metric_id", "metric_parameters", "k", "metric_name", "lower_is_better",
    "min_score", "max_score", "metric_unit", "score_type", "score_details", "score", "stderr",
    "uncertainty", "standard_error", "value", "num_samples", "details", "generation_config",
    "generation_args", "reasoning", "additional_details", "method", "variant", "shots",
    "source_data", "id", "name", "source_name", "source_type", "source_organization_name",
    "evaluator_relationship", "source_url", "kind", "arxiv", "table", "url", "file", "harness",
    "note", "caveats", "benchmark", "metric", "n", "flags", "scale", "task_hash", "parent", "rule",
    "filter", "locator", "split", "count", "instance_id", "stats", "scores", "scorer", "metrics",
    "total_samples", "completed_samples", "task", "epochs",
};

static const char *const strings[] = {
    "llmreport/1", "0.2.0", "0.3.0", "pretrained=m,dtype=bf16", "m", "acc,none", "generate_until",
    "N/A", "", "mixed", "True", "harness|arc:challenge|25", "arc_easy", "mmlu", "percent",
    "fraction", "aggregate", "limited", "documentation", "evaluation_run", "pass_at_k",
    "proportion", "levels", "1700000000.5", "5", "0.4.2", "a/b~c", "\xc3\xa9\xe2\x80\xae",
};

/* Bare tokens as written in a file: numbers of every kind, and NaN/Infinity (which Python's
 * json module writes and the loader accepts). */
static const char *const numbers[] = {
    "0", "1", "-1", "0.5", "5", "25", "100", "1e300", "-1e300", "1e-300", "0.6", "1e15", "NaN",
    "Infinity", "-Infinity", "1700000000", "-0", "1e400", "2147483648", "0.25",
};

/* clang-format on */

#define COUNT(a) (sizeof a / sizeof a[0])

enum { MAX_DEPTH = 6, MAX_NODES = 400, MAX_MEMBERS = 6, MAX_ITEMS = 7 };

typedef struct gen {
    const uint8_t *data;
    size_t size, at;
    int nodes;
    lr_buf out;
} gen;

/* The next choice among n (0 once the input is used up: an empty object ends every branch). */
static size_t take(gen *g, size_t n)
{
    return g->at < g->size ? g->data[g->at++] % n : 0;
}

static void string(gen *g, const char *s)
{
    lr_buf_putc(&g->out, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            lr_buf_putc(&g->out, '\\');
        lr_buf_putc(&g->out, (char)*p);
    }
    lr_buf_putc(&g->out, '"');
}

static void value(gen *g, int depth);

static void object(gen *g, int depth)
{
    size_t n = take(g, MAX_MEMBERS + 1);
    lr_buf_putc(&g->out, '{');
    for (size_t i = 0; i < n; i++) {
        if (i)
            lr_buf_putc(&g->out, ',');
        /* at the top, mostly the keys that decide the format */
        size_t k = take(g, 8);
        if (depth == 0 && k < 6)
            string(g, top_keys[take(g, COUNT(top_keys))]);
        else if (k == 7)
            string(g, top_keys[take(g, COUNT(top_keys))]);
        else
            string(g, inner_keys[take(g, COUNT(inner_keys))]);
        lr_buf_putc(&g->out, ':');
        value(g, depth + 1);
    }
    lr_buf_putc(&g->out, '}');
}

static void array(gen *g, int depth)
{
    size_t n = take(g, MAX_ITEMS + 1);
    lr_buf_putc(&g->out, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            lr_buf_putc(&g->out, ',');
        value(g, depth + 1);
    }
    lr_buf_putc(&g->out, ']');
}

static void value(gen *g, int depth)
{
    int deep = depth >= MAX_DEPTH || ++g->nodes > MAX_NODES;
    switch (take(g, 8)) {
    case 0:
    case 1:
        if (deep)
            lr_buf_puts(&g->out, "{}");
        else
            object(g, depth);
        break;
    case 2:
    case 3:
        if (deep)
            lr_buf_puts(&g->out, "[]");
        else
            array(g, depth);
        break;
    case 4:
        string(g, strings[take(g, COUNT(strings))]);
        break;
    case 5:
        lr_buf_puts(&g->out, numbers[take(g, COUNT(numbers))]);
        break;
    case 6:
        lr_buf_puts(&g->out, take(g, 2) ? "true" : "false");
        break;
    default:
        lr_buf_puts(&g->out, "null");
        break;
    }
}

/* The document the choices make: an object at the top, or (one time in eight) an array. */
static void document(gen *g)
{
    if (take(g, 8) == 7)
        array(g, 0);
    else
        object(g, 0);
}

static void check_error(const lr_error *e, const char *what)
{
    if (!e->message[0] || strchr(e->message, '\n') || strcmp(e->file, "fuzz/" NAME)) {
        fprintf(stderr, "%s \"%s\" (file \"%s\")\n", what, e->message, e->file);
        abort();
    }
}

static void on_diag(void *user, lr_severity severity, const lr_error *e)
{
    (void)user;
    (void)severity;
    check_error(e, "diagnostic");
}

/* Reads text with adapter (NULL: sniffed, as a file is) and writes the exports. */
static void read_as(const char *text, size_t len, const lr_adapter *adapter)
{
    lr_diag diag = {on_diag, NULL, {0}};
    lr_store *store = lr_store_new(&diag);
    if (!store)
        return;
    lr_error err;
    memset(&err, 0, sizeof err);
    int is_config;
    lr_status st = lr_ingest_bytes(store, "fuzz/" NAME, text, len, adapter, &is_config, &err);
    if (st != LR_OK)
        check_error(&err, "error");
    else if (lr_store_count(store)) {
        lr_buf out = LR_BUF_INIT;
        lr_export_json(store, "2024-01-02", &out);
        lr_export_csv(store, &out);
        lr_export_eee(store, &out);
        lr_buf_free(&out);
    }
    lr_store_free(store);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    gen g = {data, size, 0, 0, LR_BUF_INIT};
    document(&g);
    if (lr_buf_failed(&g.out)) {
        lr_buf_free(&g.out);
        return 0;
    }
    if (getenv("LR_FUZZ_SHAPE_PRINT"))
        fprintf(stderr, "%s\n", g.out.data);
    read_as(g.out.data, g.out.len, NULL);
    for (size_t i = 0; lr_adapters[i]; i++)
        read_as(g.out.data, g.out.len, lr_adapters[i]);
    lr_buf_free(&g.out);
    return 0;
}

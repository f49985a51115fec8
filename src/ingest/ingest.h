/* Ingest: walking inputs, sniffing each file's format and handing it to the adapter that claims
 * it. One adapter per format, each in its own file, each one line in the table in ingest.c.
 * Adapters read what a file says into lr_obs_in records and call lr_store_add(); they never
 * print: problems go to lr_ingest_warn()/lr_ingest_error(). */
#ifndef LR_INGEST_H
#define LR_INGEST_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "llmreport.h"
#include "model/store.h"

/* One input file as an adapter sees it. */
typedef struct lr_input {
    const char *path; /* as given (relative paths stay relative) */
    const char *name; /* base name */
    const char *text; /* the bytes, NUL-terminated (BOM included, if any) */
    size_t len;
    const cJSON *json; /* parsed document, or NULL when the file is not JSON (CSV) */
    lr_store *store;
    lr_error *err; /* for the adapter's fatal error */
} lr_input;

typedef struct lr_adapter {
    const char
        *name; /* "native", "lm-eval", "lm-eval-v0.3", "oll-v1", "oll-table", "bigcode", "eee" */
    const char *description;
    /* How sure the adapter is that it can read in: 0 = not mine, 100 = certain. */
    int (*sniff)(const lr_input *in);
    /* Reads the file. Returns LR_OK when the file was used (even if single values were
     * rejected with diagnostics); any other status means the file as a whole could not be used,
     * with in->err filled (lr_error_set + lr_error_pointer/lr_error_at). */
    lr_status (*read)(const lr_input *in);
} lr_adapter;

/* The table of adapters, NULL-terminated. */
extern const lr_adapter *const lr_adapters[];
const lr_adapter *lr_adapter_find(const char *name);

/* Reads one file with the given adapter (NULL: sniff). Errors that make the file unusable are
 * returned (err filled); the caller reports them and records the file as not used. A report
 * config met on the way is not read as results: LR_OK with *is_config set (is_config may be
 * NULL). */
lr_status lr_ingest_file(lr_store *store, const char *path, const lr_adapter *forced,
                         int *is_config, lr_error *err);

/* The same for bytes in memory; name stands for the file in messages (its ending picks CSV). */
lr_status lr_ingest_bytes(lr_store *store, const char *name, const char *data, size_t len,
                          const lr_adapter *forced, int *is_config, lr_error *err);

/*
 * The two halves of lr_ingest_file, so that reading and parsing (the costly part, which needs
 * no model) can run on worker threads while adapters run in file order on one thread: the same
 * inputs then give the same model for any number of threads.
 */
typedef struct lr_parsed {
    char *path;
    char *text;
    size_t len;
    cJSON *json; /* NULL for CSV; its nodes live in arena (and its strings partly in text) */
    lr_arena arena;
    int nonfinite;                /* NaN/Infinity tokens rewritten */
    size_t bad_utf8, bad_utf8_at; /* invalid UTF-8 bytes replaced with U+FFFD; the first's offset */
    size_t duplicates;            /* keys repeated within an object (the first value counts) */
    char duplicate_at[256];       /* JSON pointer of one of them */
    int is_config;
    lr_status status; /* of reading and parsing; err says why */
    lr_error err;
} lr_parsed;

/* Files larger than max bytes are refused with LR_ELIMIT (lr_ingest_file: LR_INGEST_MAX_FILE). */
void lr_ingest_parse(const char *path, size_t max, lr_parsed *out);
void lr_ingest_parse_bytes(const char *name, const char *data, size_t len, lr_parsed *out);
/* Runs the adapter over a parsed file (reporting a parse failure as its status). */
lr_status lr_ingest_parsed(lr_store *store, lr_parsed *parsed, const lr_adapter *forced,
                           int *is_config, lr_error *err);
void lr_parsed_free(lr_parsed *parsed);

/* Diagnostics about single values (the file is still used). pointer may be NULL. */
void lr_ingest_warn(const lr_input *in, const char *pointer, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void lr_ingest_note(const lr_input *in, const char *pointer, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A zeroed lr_obs_in with shots unknown, n unknown, direction from the registry. */
void lr_obs_in_init(lr_obs_in *o);

/* Parses "k=v,k=v" model_args (or reads a JSON object) and returns the model name under the
 * keys pretrained, model, path, engine, peft, delta (in that order), copied into the model's
 * arena; NULL when none. */
const char *lr_ingest_model_from_args(lr_store *store, const cJSON *model_args);

/* Model names that are paths on the machine that ran an evaluation ("/home/u/models/llama-7b",
 * "/mnt/x/llama-7b/checkpoint-500", "~/.cache/huggingface/hub/models--org--name/snapshots/<sha>")
 * are shown by what names the model: its last folder that is not a mere holder (models, hf,
 * snapshots, a user's folder after home/Users), with the model's folder before a checkpoint or a
 * bare size ("llama-7b/checkpoint-500", "LLaMA/13B"); a Hugging Face cache folder is its org/name.
 * Other names are returned as they are. lr_ingest_is_path says which names are paths (absolute,
 * ~ or ./, a drive letter or a backslash; "org/name" and "openrouter/org/name" are names).
 * lr_ingest_args_shown
 * rewrites the path values of "k=v,k=v" model arguments the same way, so that no machine path
 * reaches a report. Results are in the model's arena (or the argument itself). */
int lr_ingest_is_path(const char *name);
const char *lr_ingest_model_name(lr_store *store, const char *name);
const char *lr_ingest_args_shown(lr_store *store, const char *args);

/* The file name without folder and extension, in the model's arena: the model's name of last
 * resort, when a file names none. */
const char *lr_ingest_file_stem(lr_store *store, const char *name);

/* ISO 8601 UTC ("2025-02-25T02:50:33Z") of a Unix time, in the model's arena; NULL when the
 * time is implausible. Never the local time zone: reports must not depend on the machine. */
const char *lr_ingest_iso_utc(lr_store *store, double epoch);
/* The run time in a harness file name: "results_2025-02-25T02-50-33.665339.json" ->
 * "2025-02-25T02:50:33" (zone unknown); NULL when the name holds none. */
const char *lr_ingest_date_from_name(lr_store *store, const char *name);

/* Reads the standard error stored under key in entry (a harness's "<metric>_stderr[,filter]")
 * into *out: returns 1 when it is a number. NaN/Infinity and non-numbers are warned about at
 * base + key; "N/A"/null is noted as unknown when note_na is set. */
int lr_ingest_stderr(const lr_input *in, const cJSON *entry, const char *base, const char *key,
                     int note_na, double *out);

/* Limits. The default size limit of an input file (lr_report_set_max_file_size changes it). */
enum { LR_INGEST_MAX_FILE = 256 * 1024 * 1024 };

#endif

/*
 * llmreport.h - the public interface of libllmreport.
 *
 * llmreport reads LLM evaluation results (papers, leaderboards, harness runs), normalizes them
 * into observations that know how each number was measured, and renders comparison reports
 * (Markdown, SVG/PNG charts, PDF, a JSON snapshot).
 *
 * Conventions used throughout:
 *  - Every function that can fail returns an lr_status and, when given an lr_error, fills it.
 *  - Every _new has a _free; _free(NULL) is a no-op.
 *  - Strings returned by getters are borrowed and live as long as the object they came from.
 *  - The library never prints and never exits: diagnostics go to the callback set with
 *    lr_report_set_diag(), or are only counted when none is set.
 */
#ifndef LLMREPORT_H
#define LLMREPORT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LR_VERSION "0.1.0"

/* Status codes. Append only: the numbers are stable. */
typedef enum lr_status {
    LR_OK = 0,
    LR_ENOMEM,      /* out of memory */
    LR_EIO,         /* a file could not be read or written */
    LR_EPARSE,      /* malformed JSON or CSV */
    LR_ETYPE,       /* well-formed input with a value of the wrong type */
    LR_EFORMAT,     /* no adapter recognises the input */
    LR_EVALUE,      /* a value out of range (NaN, infinity, percentage above 100, ...) */
    LR_ETEMPLATE,   /* the template could not be parsed or rendered */
    LR_ERENDER,     /* a renderer (chart, PDF) failed */
    LR_EUSAGE,      /* an argument is wrong */
    LR_ELIMIT,      /* an input exceeds a limit (size, depth) */
    LR_ENOTFOUND,   /* a named thing does not exist */
    LR_EREGRESSION, /* a regression beyond the threshold was found */
    LR_EBUSY        /* another build is writing into the output folder */
} lr_status;

/* Static text for a status. Never NULL. */
const char *lr_strerror(lr_status status);

/*
 * Where and what went wrong. Fixed buffers, so that filling it never fails. line and column are
 * 1-based and 0 when unknown; pointer is a JSON pointer ("/results/3/value") or empty.
 */
typedef struct lr_error {
    lr_status status;
    char file[512];
    int line;
    int column;
    char pointer[256];
    char message[512];
} lr_error;

/* LR_REGRESSION: a result dropped beyond noise since the baseline (lr_report_set_baseline). */
typedef enum lr_severity { LR_NOTE = 0, LR_WARNING, LR_ERROR, LR_REGRESSION } lr_severity;

/* Called once per diagnostic. The error is valid only during the call. */
typedef void (*lr_diag_fn)(void *user, lr_severity severity, const lr_error *where);

/* Formats a diagnostic as one line, "FILE:LINE:COL: message" or "FILE: POINTER: message",
 * into buf (always NUL-terminated; line breaks and tabs in names become spaces, other control
 * characters are left out). Returns buf. */
char *lr_error_format(const lr_error *err, char *buf, size_t size);

/* ---- Reports ------------------------------------------------------------------------------- */

typedef struct lr_report lr_report;

/* A new, empty report. Returns NULL when out of memory. */
lr_report *lr_report_new(void);
void lr_report_free(lr_report *report);

/* Diagnostics (notes, warnings, errors met while loading and building) go to fn. */
void lr_report_set_diag(lr_report *report, lr_diag_fn fn, void *user);

/* Progress of a long run, for a caller that shows it: LR_PROGRESS_READ as each input file has
 * been read (done of total files; name is the file), LR_PROGRESS_WRITE as each output of a build
 * begins (done outputs of total before it; name is the format, "md", "pdf", ...). Called on the
 * caller's thread; the text is valid only during the call. */
typedef enum lr_progress_stage { LR_PROGRESS_READ = 0, LR_PROGRESS_WRITE } lr_progress_stage;
typedef void (*lr_progress_fn)(void *user, lr_progress_stage stage, size_t done, size_t total,
                               const char *name);
void lr_report_set_progress(lr_report *report, lr_progress_fn fn, void *user);

/* Where templates and fonts are found (a folder holding templates/ and fonts/). */
lr_status lr_report_set_datadir(lr_report *report, const char *dir);

/* Forces an input format by adapter name ("native", "lm-eval", ...); NULL to sniff. */
lr_status lr_report_set_format(lr_report *report, const char *name, lr_error *err);

/* Reads a report config (format "llmreport-config/1"). */
lr_status lr_report_load_config(lr_report *report, const char *path, lr_error *err);

/* The report date (ISO 8601, "2026-11-28"), used when the config gives none. No date is
 * taken from the clock: without one the report has no date. */
lr_status lr_report_set_date(lr_report *report, const char *date);

/*
 * Adds an input: a file, or a folder searched recursively for *.json and *.csv. Nothing is read
 * until lr_report_load(). A folder that holds llmreport.json at its top is a report folder: that
 * file is read as the config unless one was loaded already.
 */
lr_status lr_report_add_input(lr_report *report, const char *path, lr_error *err);

/* The output folder of the coming build (it need not exist): the walk of the input folders does
 * not enter it, nor any folder marked as the outputs of an earlier build. NULL: none. */
lr_status lr_report_set_output(lr_report *report, const char *dir);

/*
 * Reads the config and every input. A file that cannot be used is reported through the
 * diagnostic callback as an error, recorded under "Inputs not used", and skipped. Returns LR_OK
 * when at least one observation was read, LR_EFORMAT (err filled) when nothing usable was found,
 * or the config's error. Called by build, export and the other writers when not yet done.
 */
lr_status lr_report_load(lr_report *report, lr_error *err);

/* Reads a results.json of an earlier build as the baseline for deltas. */
lr_status lr_report_set_baseline(lr_report *report, const char *path, lr_error *err);

/* Input files larger than bytes are not read: each is reported ("file is N bytes, larger than
 * the limit of M bytes") and listed under "Inputs not used". 0 restores the default, 256 MiB. */
void lr_report_set_max_file_size(lr_report *report, size_t bytes);

/* With wait nonzero, a build waits while another build writes into its output folder; else
 * (the default) it fails at once with LR_EBUSY. */
void lr_report_set_wait(lr_report *report, int wait);

/* Threads for reading and parsing inputs (default 1). The outputs are the same for any
 * number. */
void lr_report_set_jobs(lr_report *report, int jobs);

/* A folder of earlier results.json snapshots (any file names; each snapshot's "date" orders
 * them) for trend charts. The current build is the newest point. */
lr_status lr_report_set_history(lr_report *report, const char *dir, lr_error *err);

/* Counts, after loading. */
typedef struct lr_summary {
    size_t files;         /* input files read */
    size_t files_skipped; /* input files not used */
    size_t observations;
    size_t models;
    size_t benchmarks;
    size_t notes;
    size_t warnings;
    size_t errors;
    size_t regressions; /* after lr_report_build with a baseline */
} lr_summary;

void lr_report_summary(lr_report *report, lr_summary *out);

/* Output formats for lr_report_build, or'ed together. Their names ("md", "json", ...) come from
 * the library's writer table: lr_format_name() lists them, lr_formats_parse() reads them. */
enum {
    LR_OUT_MD = 1 << 0,
    LR_OUT_JSON = 1 << 1,
    LR_OUT_SVG = 1 << 2,
    LR_OUT_PNG = 1 << 3,
    LR_OUT_PDF = 1 << 4,
    LR_OUT_DEFAULT = LR_OUT_MD | LR_OUT_JSON | LR_OUT_SVG | LR_OUT_PDF
};

/* The name of output format i (0, 1, ... in the writer table's order), with its bit in *bit
 * unless bit is NULL. NULL when i is past the last format. */
const char *lr_format_name(size_t i, unsigned *bit);

/* Parses "md,svg,pdf" into output format bits. Returns LR_EUSAGE on an unknown name. */
lr_status lr_formats_parse(const char *list, unsigned *out, lr_error *err);

typedef struct lr_build_options {
    const char *outdir;        /* created when missing */
    unsigned formats;          /* LR_OUT_* */
    const char *template_path; /* NULL: the config's, else templates/report.md */
    int dump_context;          /* nonzero: only write the template context to outdir/context.json */
} lr_build_options;

/*
 * Normalizes what was loaded and writes the outputs. The outputs are written into a new folder
 * beside outdir, which takes outdir's place in one rename when all of them were written (the
 * files of outdir the build did not write are kept), so a failed or killed build leaves the
 * previous outputs as they were, and a reader sees the old set or the new one, never a mix.
 * Builds into one folder take turns: while one runs, another gets LR_EBUSY at once, or waits
 * (lr_report_set_wait).
 */
lr_status lr_report_build(lr_report *report, const lr_build_options *options, lr_error *err);

/* A writer of bytes: returns 0 on success. */
typedef int (*lr_write_fn)(void *user, const char *data, size_t len);

/*
 * For CI, after lr_report_build: a short Markdown digest of the changes since the baseline (for
 * $GITHUB_STEP_SUMMARY or a pull-request comment: regressions, held-back regressions,
 * improvements, flipped items, the gate, a link to the full report when link is not NULL), and
 * GitHub workflow annotations ("::error ..." per regression that fails the gate, "::warning"
 * per one held back). Without a baseline the digest says so and there are no annotations.
 */
lr_status lr_report_write_digest(lr_report *report, const char *link, lr_write_fn write, void *user,
                                 lr_error *err);
lr_status lr_report_write_annotations(lr_report *report, lr_write_fn write, void *user,
                                      lr_error *err);

/* Writes the template context (JSON) used by the Markdown template. */
lr_status lr_report_write_context(lr_report *report, lr_write_fn write, void *user, lr_error *err);

/* Export formats. */
typedef enum lr_export_format { LR_EXPORT_JSON = 0, LR_EXPORT_CSV, LR_EXPORT_EEE } lr_export_format;

/* The name of export format i ("json", "csv", "eee"; the first is the default), with the format
 * in *format unless format is NULL. NULL when i is past the last. */
const char *lr_export_format_name(size_t i, lr_export_format *format);

/* Reads an export format by name. Returns LR_EUSAGE on another name. */
lr_status lr_export_format_parse(const char *name, lr_export_format *out, lr_error *err);

/* Writes the normalized observations (the llmreport/2 snapshot, CSV with a header, or EEE).
 * Returns LR_EUSAGE for a format not in the export table. */
lr_status lr_report_export(lr_report *report, lr_export_format format, lr_write_fn write,
                           void *user, lr_error *err);

/* Writes the models × benchmarks coverage as a plain-text table. */
lr_status lr_report_write_coverage(lr_report *report, lr_write_fn write, void *user, lr_error *err);

#ifdef __cplusplus
}
#endif
#endif

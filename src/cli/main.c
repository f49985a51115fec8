/* llmreport, the command-line tool: parses the command and options (one table drives
 * getopt_long and --help), prints diagnostics gcc-style, and maps statuses to exit codes. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "llmreport.h"

enum exit_code { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2, EXIT_OUTPUT = 3, EXIT_REGRESSION = 4 };

enum {
    CMD_BUILD = 1 << 0,
    CMD_CHECK = 1 << 1,
    CMD_EXPORT = 1 << 2,
    CMD_LIST = 1 << 3,
    CMD_ALL = 0xf
};

enum {
    OPT_STRICT = 256,
    OPT_BASELINE,
    OPT_FAIL_ON_REGRESSION,
    OPT_DUMP_CONTEXT,
    OPT_INPUT_FORMAT,
    OPT_HISTORY,
    OPT_DATADIR,
    OPT_SUMMARY,
    OPT_ANNOTATIONS,
    OPT_REPORT_URL,
    OPT_WAIT
};

/* Texts that name the library's output and export formats, made from its tables at start
 * (format_texts()), so that no list of formats is written here. */
static char formats_help[300], export_arg[64], export_help[64], export_usage[96];

typedef struct option_spec {
    const char *name;
    int has_arg;
    int val;
    unsigned commands;
    const char *arg;
    const char *help;
} option_spec;

static const option_spec options[] = {
    {"config", 1, 'c', CMD_ALL, "FILE",
     "report config (default: llmreport.json in a report folder)"},
    {"output", 1, 'o', CMD_BUILD, "DIR", "output folder (default: report)"},
    {"formats", 1, 'f', CMD_BUILD, "LIST", formats_help},
    {"template", 1, 't', CMD_BUILD, "FILE", "Markdown template (default: templates/report.md)"},
    {"baseline", 1, OPT_BASELINE, CMD_BUILD, "FILE",
     "results.json of an earlier build: adds deltas and a Changes section"},
    {"fail-on-regression", 0, OPT_FAIL_ON_REGRESSION, CMD_BUILD, NULL,
     "exit with status 4 when a regression is found"},
    {"history", 1, OPT_HISTORY, CMD_BUILD, "DIR",
     "folder of earlier results.json snapshots for trend charts"},
    {"summary", 1, OPT_SUMMARY, CMD_BUILD, "FILE",
     "append a short Markdown digest of the changes to FILE ($GITHUB_STEP_SUMMARY)"},
    {"annotations", 0, OPT_ANNOTATIONS, CMD_BUILD, NULL,
     "print GitHub ::error/::warning lines for regressions on standard output"},
    {"report-url", 1, OPT_REPORT_URL, CMD_BUILD, "URL",
     "where the digest links the full report (default: OUT/report.md)"},
    {"wait", 0, OPT_WAIT, CMD_BUILD, NULL,
     "wait while another build writes into the output folder (default: exit 3 at once)"},
    {"dump-context", 0, OPT_DUMP_CONTEXT, CMD_BUILD, NULL,
     "print the template context (JSON) and write nothing"},
    {"format", 1, OPT_INPUT_FORMAT, CMD_BUILD | CMD_CHECK | CMD_LIST, "NAME",
     "read every input with this adapter instead of sniffing"},
    {"format", 1, 'F', CMD_EXPORT, export_arg, export_help},
    {"strict", 0, OPT_STRICT, CMD_BUILD | CMD_CHECK | CMD_EXPORT, NULL,
     "any input error is fatal: exit 1 and write nothing"},
    {"jobs", 1, 'j', CMD_BUILD | CMD_CHECK | CMD_EXPORT, "N",
     "threads for reading inputs (default: number of cores)"},
    {"datadir", 1, OPT_DATADIR, CMD_ALL, "DIR", "folder with templates/ and fonts/"},
    {"quiet", 0, 'q', CMD_ALL, NULL, "print errors only: no warnings, notes or progress"},
    {"help", 0, 'h', CMD_ALL, NULL, "show this help"},
};

static const struct {
    const char *name;
    unsigned flag;
    const char *usage;
    const char *summary;
} commands[] = {
    {"build", CMD_BUILD, "build [OPTIONS] INPUT...",
     "write report.md, report.pdf, charts and results.json"},
    {"check", CMD_CHECK, "check [OPTIONS] INPUT...",
     "read and normalize the inputs, print diagnostics and a summary"},
    {"export", CMD_EXPORT, export_usage, "write the normalized observations to standard output"},
    {"list", CMD_LIST, "list [OPTIONS] INPUT...", "print the models x benchmarks coverage"},
};

typedef struct cli {
    unsigned command;
    int quiet;
    int strict;
    int fail_on_regression;
    int dump_context;
    int wait;
    const char *config;
    const char *outdir;
    const char *formats;
    const char *template_path;
    const char *baseline;
    const char *history;
    const char *summary;
    int annotations;
    const char *report_url;
    const char *input_format;
    lr_export_format export_format;
    const char *datadir;
    int jobs;
} cli;

/* Appends the names of the formats (bits given: only those) to buf, joined by sep. */
static void output_names(char *buf, size_t size, const char *sep, unsigned only)
{
    unsigned bit;
    const char *name;
    for (size_t i = 0, n = 0; (name = lr_format_name(i, &bit)); i++)
        if (!only || (bit & only))
            snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", n++ ? sep : "", name);
}

static void format_texts(void)
{
    char names[128] = "", defaults[128] = "";
    export_arg[0] = '\0'; /* made afresh: main may run more than once in a test */
    output_names(names, sizeof names, ",", 0);
    output_names(defaults, sizeof defaults, ",", LR_OUT_DEFAULT);
    snprintf(formats_help, sizeof formats_help, "outputs to write: %s (default: %s)", names,
             defaults);
    const char *name;
    for (size_t i = 0; (name = lr_export_format_name(i, NULL)); i++)
        snprintf(export_arg + strlen(export_arg), sizeof export_arg - strlen(export_arg), "%s%s",
                 i ? "|" : "", name);
    snprintf(export_help, sizeof export_help, "export format (default: %s)",
             lr_export_format_name(0, NULL));
    snprintf(export_usage, sizeof export_usage, "export [--format %s] INPUT...", export_arg);
}

static void usage_all(FILE *out)
{
    fprintf(out, "usage: llmreport COMMAND [OPTIONS] INPUT...\n\n"
                 "Turns LLM evaluation results (papers, leaderboards, harness runs) into honest\n"
                 "comparison reports: every number keeps the setting it was measured under.\n\n"
                 "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nINPUT is a file or a folder (searched for *.json and *.csv). A folder with\n"
                 "llmreport.json at its top is a report folder: that file is its config.\n"
                 "'llmreport COMMAND --help' lists the command's options; --version prints the "
                 "version.\n\n"
                 "exit status: 0 success, 1 input data error, 2 usage error, 3 output failure,\n"
                 "4 regression found (with --fail-on-regression)\n");
}

static void usage_command(FILE *out, size_t c)
{
    fprintf(out, "usage: llmreport %s\n\n%s.\n\noptions:\n", commands[c].usage,
            commands[c].summary);
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
        const option_spec *o = &options[i];
        if (!(o->commands & commands[c].flag))
            continue;
        char left[64];
        char shortname[8] = "    ";
        if (o->val < 256 && o->val != 'F')
            snprintf(shortname, sizeof shortname, "-%c, ", o->val);
        snprintf(left, sizeof left, "%s--%s%s%s", shortname, o->name, o->arg ? " " : "",
                 o->arg ? o->arg : "");
        fprintf(out, "  %-30s %s\n", left, o->help);
    }
}

/* The exit status once standard output is flushed: an output failure when it cannot be written
 * (--help on a full disk must not look like success). */
static int flushed(int code)
{
    if ((fflush(stdout) || ferror(stdout)) && code == EXIT_OK) {
        fprintf(stderr, "llmreport: error: cannot write to standard output: %s\n",
                errno ? strerror(errno) : "write error");
        return EXIT_OUTPUT;
    }
    return code;
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "llmreport: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'llmreport --help'.\n");
    return EXIT_USAGE;
}

typedef struct diag_state {
    int quiet;
} diag_state;

/* A progress line is on the terminal, not ended: what else goes to stderr clears it first. */
static int progress_shown;

static void clear_progress(void)
{
    if (progress_shown)
        fputs("\r\033[K", stderr);
    progress_shown = 0;
}

/* Progress on a terminal (set only when stderr is one, without -q): one line, rewritten, with
 * the files read of all, then the output being written. */
static void show_progress(void *user, lr_progress_stage stage, size_t done, size_t total,
                          const char *name)
{
    (void)user;
    if (stage == LR_PROGRESS_READ) {
        if (done % (total / 100 + 1) && done != total)
            return; /* at most a line per percent: thousands of lines slow a terminal */
        fprintf(stderr, "\r\033[Kllmreport: read %zu of %zu files", done, total);
    } else {
        fprintf(stderr, "\r\033[Kllmreport: writing %s (%zu of %zu)", name, done + 1, total);
    }
    fflush(stderr);
    progress_shown = 1;
}

static void print_diag(void *user, lr_severity sev, const lr_error *e)
{
    diag_state *d = user;
    if (d->quiet && sev != LR_ERROR && sev != LR_REGRESSION)
        return;
    static const char *const label[] = {"note", "warning", "error", "regression"};
    char line[1500];
    clear_progress();
    fprintf(stderr, "llmreport: %s: %s\n", label[sev], lr_error_format(e, line, sizeof line));
}

static int write_stdout(void *user, const char *data, size_t len)
{
    (void)user;
    return fwrite(data, 1, len, stdout) == len ? 0 : -1;
}

static int write_file(void *user, const char *data, size_t len)
{
    return fwrite(data, 1, len, user) == len ? 0 : -1;
}

static lr_status file_error(lr_error *err, const char *path, const char *what)
{
    memset(err, 0, sizeof *err);
    err->status = LR_EIO;
    snprintf(err->file, sizeof err->file, "%s", path);
    snprintf(err->message, sizeof err->message, "%s: %s", what, strerror(errno));
    return LR_EIO;
}

/* The digest (appended to --summary FILE, as GitHub's step summary file is meant to be) and the
 * annotations (on standard output), after a build. */
static lr_status ci_outputs(const cli *c, lr_report *r, const char *outdir, lr_error *err)
{
    lr_status st = LR_OK;
    if (c->summary) {
        char link[4096];
        snprintf(link, sizeof link, "%s/report.md", outdir);
        FILE *f = fopen(c->summary, "a");
        if (!f)
            return file_error(err, c->summary, "cannot open");
        st = lr_report_write_digest(r, c->report_url ? c->report_url : link, write_file, f, err);
        if (fclose(f) && !st)
            return file_error(err, c->summary, "cannot write");
    }
    if (!st && c->annotations)
        st = lr_report_write_annotations(r, write_stdout, NULL, err);
    return st;
}

static void report_error(const lr_error *e)
{
    char line[1500];
    clear_progress();
    fprintf(stderr, "llmreport: error: %s\n", lr_error_format(e, line, sizeof line));
}

/* The exit status of every library status (llmreport.1, EXIT STATUS), by where it was met:
 * while the inputs are read anything but memory is about the data; elsewhere a file that
 * cannot be written, a template or renderer failure and memory are output failures. */
enum { WHILE_READING, WHILE_WRITING };
static const unsigned char exit_codes[][2] = {
    [LR_OK] = {EXIT_OK, EXIT_OK},
    [LR_ENOMEM] = {EXIT_OUTPUT, EXIT_OUTPUT},
    [LR_EIO] = {EXIT_DATA, EXIT_OUTPUT},
    [LR_EPARSE] = {EXIT_DATA, EXIT_DATA},
    [LR_ETYPE] = {EXIT_DATA, EXIT_DATA},
    [LR_EFORMAT] = {EXIT_DATA, EXIT_DATA},
    [LR_EVALUE] = {EXIT_DATA, EXIT_DATA},
    [LR_ETEMPLATE] = {EXIT_DATA, EXIT_OUTPUT},
    [LR_ERENDER] = {EXIT_DATA, EXIT_OUTPUT},
    [LR_EUSAGE] = {EXIT_DATA, EXIT_USAGE},
    [LR_ELIMIT] = {EXIT_DATA, EXIT_DATA},
    [LR_ENOTFOUND] = {EXIT_DATA, EXIT_OUTPUT},
    [LR_EREGRESSION] = {EXIT_DATA, EXIT_REGRESSION},
    [LR_EBUSY] = {EXIT_OUTPUT, EXIT_OUTPUT},
};

static int exit_for(lr_status st, int where)
{
    if ((unsigned)st >= sizeof exit_codes / sizeof exit_codes[0])
        return EXIT_OUTPUT; /* a status newer than this table */
    return exit_codes[st][where];
}

/* err for a status of a call that fills none (its only failure is memory). */
static lr_status status_error(lr_error *err, lr_status st)
{
    memset(err, 0, sizeof *err);
    err->status = st;
    snprintf(err->message, sizeof err->message, "%s", lr_strerror(st));
    return st;
}

/* Hands the command line to the report: LR_OK, or the first failure with err filled. */
static lr_status configure(const cli *c, lr_report *r, const char *datadir, const char *date,
                           int argc, char **argv, lr_error *err)
{
    lr_status st = LR_OK;
    if (datadir && (st = lr_report_set_datadir(r, datadir)))
        return status_error(err, st);
    if (date && (st = lr_report_set_date(r, date)))
        return status_error(err, st);
    /* the walk of the inputs does not read the report back */
    if (c->command == CMD_BUILD && (st = lr_report_set_output(r, c->outdir ? c->outdir : "report")))
        return status_error(err, st);
    if (c->input_format && (st = lr_report_set_format(r, c->input_format, err)))
        return st;
    if (c->config && (st = lr_report_load_config(r, c->config, err)))
        return st;
    if (c->baseline && (st = lr_report_set_baseline(r, c->baseline, err)))
        return st;
    if (c->history && (st = lr_report_set_history(r, c->history, err)))
        return st;
    for (int i = 0; i < argc; i++)
        if ((st = lr_report_add_input(r, argv[i], err)))
            return st;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    lr_report_set_wait(r, c->wait);
    lr_report_set_jobs(r, c->jobs ? c->jobs : cores > 0 ? (int)(cores < 64 ? cores : 64) : 1);
    if (!c->quiet && isatty(STDERR_FILENO))
        lr_report_set_progress(r, show_progress, NULL);
    return LR_OK;
}

/* Templates and fonts: --datadir, $LLMREPORT_DATADIR, ../share/llmreport beside the binary,
 * else the library's own default (the source tree, then the install prefix). */
static const char *find_datadir(const cli *c, char *buf, size_t size)
{
    if (c->datadir)
        return c->datadir;
    const char *env = getenv("LLMREPORT_DATADIR");
    if (env && env[0])
        return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char probe[PATH_MAX + 64];
            if (snprintf(buf, size, "%s/../share/llmreport", exe) >= (int)size ||
                snprintf(probe, sizeof probe, "%s/templates/report.md", buf) >= (int)sizeof probe)
                return NULL;
            struct stat st;
            if (stat(probe, &st) == 0)
                return buf;
        }
    }
    return NULL;
}

/* The report date from SOURCE_DATE_EPOCH (reproducible builds), as YYYY-MM-DD in UTC. */
static int source_date(char *buf, size_t size)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (!epoch || !epoch[0])
        return 0;
    char *end;
    errno = 0;
    long long v = strtoll(epoch, &end, 10);
    if (errno || *end || v < 0)
        return -1;
    time_t t = (time_t)v;
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        return -1;
    strftime(buf, size, "%Y-%m-%d", &tm);
    return 1;
}

/* The size limit of an input file from LLMREPORT_MAX_FILE_SIZE: bytes, or with a K, M or G
 * suffix (powers of 1024). 0 when unset (the library's default), -1 when malformed. */
static int max_file_size(size_t *out)
{
    *out = 0;
    const char *v = getenv("LLMREPORT_MAX_FILE_SIZE");
    if (!v || !v[0])
        return 0;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    unsigned shift = 0;
    if (*end) {
        static const char units[] = "KkMmGg";
        const char *u = end[1] ? NULL : strchr(units, *end);
        if (!u)
            return -1;
        shift = 10 * (unsigned)(1 + (u - units) / 2);
    }
    if (errno || end == v || v[0] == '-' || n == 0 || n > (SIZE_MAX >> shift))
        return -1;
    *out = (size_t)n << shift;
    return 0;
}

static int run(cli *c, int argc, char **argv)
{
    diag_state ds = {c->quiet};
    lr_error err;
    memset(&err, 0, sizeof err);
    lr_report *r = lr_report_new();
    if (!r) {
        fprintf(stderr, "llmreport: error: out of memory\n");
        return EXIT_OUTPUT;
    }
    lr_report_set_diag(r, print_diag, &ds);
    char dbuf[PATH_MAX];
    const char *datadir = find_datadir(c, dbuf, sizeof dbuf);
    char date[32];
    int has_date = source_date(date, sizeof date);
    if (has_date < 0) {
        lr_report_free(r);
        return usage_error("SOURCE_DATE_EPOCH must be a number of seconds, not \"%s\"",
                           getenv("SOURCE_DATE_EPOCH"));
    }
    size_t max_file;
    if (max_file_size(&max_file)) {
        lr_report_free(r);
        return usage_error("LLMREPORT_MAX_FILE_SIZE must be a number of bytes (K, M or G "
                           "allowed), not \"%s\"",
                           getenv("LLMREPORT_MAX_FILE_SIZE"));
    }
    lr_report_set_max_file_size(r, max_file);
    int code = EXIT_OK;
    lr_status st = configure(c, r, datadir, has_date ? date : NULL, argc, argv, &err);
    if (st) {
        report_error(&err);
        lr_report_free(r);
        return exit_for(st, WHILE_WRITING);
    }

    st = lr_report_load(r, &err);
    clear_progress(); /* before anything goes to standard output */
    lr_summary sum;
    lr_report_summary(r, &sum);
    if (st) {
        report_error(&err);
        code = exit_for(st, WHILE_READING);
        goto out;
    }
    if (c->strict && sum.errors) {
        fprintf(stderr, "llmreport: error: %zu input error%s with --strict; nothing written\n",
                sum.errors, sum.errors == 1 ? "" : "s");
        code = EXIT_DATA;
        goto out;
    }
    switch (c->command) {
    case CMD_CHECK:
        printf("%zu file%s read, %zu not used; %zu observations, %zu models, %zu benchmarks; "
               "%zu warning%s, %zu error%s\n",
               sum.files, sum.files == 1 ? "" : "s", sum.files_skipped, sum.observations,
               sum.models, sum.benchmarks, sum.warnings, sum.warnings == 1 ? "" : "s", sum.errors,
               sum.errors == 1 ? "" : "s");
        break;
    case CMD_LIST:
        st = lr_report_write_coverage(r, write_stdout, NULL, &err);
        break;
    case CMD_EXPORT:
        st = lr_report_export(r, c->export_format, write_stdout, NULL, &err);
        break;
    case CMD_BUILD: {
        if (c->dump_context) {
            st = lr_report_write_context(r, write_stdout, NULL, &err);
            break;
        }
        lr_build_options opt = {c->outdir ? c->outdir : "report", LR_OUT_DEFAULT, c->template_path,
                                0};
        if (c->formats)
            st = lr_formats_parse(c->formats, &opt.formats, &err);
        if (!st)
            st = lr_report_build(r, &opt, &err);
        clear_progress();
        if (!st)
            st = ci_outputs(c, r, opt.outdir, &err);
        if (!st) {
            lr_report_summary(r, &sum);
            if (c->fail_on_regression && sum.regressions)
                code = EXIT_REGRESSION;
        }
        break;
    }
    }
    if (st) {
        report_error(&err);
        code = exit_for(st, WHILE_WRITING);
    }
out:
    clear_progress();
    code = flushed(code);
    lr_report_free(r);
    return code;
}

int main(int argc, char **argv)
{
    format_texts();
    if (argc < 2) {
        usage_all(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage_all(stdout);
        return flushed(EXIT_OK);
    }
    if (!strcmp(argv[1], "--version")) {
        printf("llmreport %s\n", LR_VERSION);
        return flushed(EXIT_OK);
    }
    size_t cmd;
    for (cmd = 0; cmd < sizeof commands / sizeof commands[0]; cmd++)
        if (!strcmp(argv[1], commands[cmd].name))
            break;
    if (cmd == sizeof commands / sizeof commands[0])
        return usage_error("unknown command \"%s\"", argv[1]);

    cli c;
    memset(&c, 0, sizeof c);
    c.command = commands[cmd].flag;
    lr_export_format_name(0, &c.export_format);
    const char *export_name = NULL;

    /* getopt_long's tables, made from the option table for this command. Options may follow
     * the inputs (GNU style: "build samples/ -o out"); "--" ends them. */
    struct option longopts[sizeof options / sizeof options[0] + 1];
    char shortopts[64] = ":"; /* ':' for an option without its value */
    size_t n = 0, s = 1;
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
        if (!(options[i].commands & c.command))
            continue;
        longopts[n].name = options[i].name;
        longopts[n].has_arg = options[i].has_arg ? required_argument : no_argument;
        longopts[n].flag = NULL;
        longopts[n].val = options[i].val;
        n++;
        if (options[i].val < 256 && options[i].val != 'F') {
            shortopts[s++] = (char)options[i].val;
            if (options[i].has_arg)
                shortopts[s++] = ':';
        }
    }
    memset(&longopts[n], 0, sizeof longopts[n]);
    shortopts[s] = '\0';

    /* parsed from the command on, as if it were the program (argv[0]); optind 0 makes glibc's
     * getopt start afresh, which main needs when it runs more than once in a process */
    int oargc = argc - 1;
    char **oargv = argv + 1;
    opterr = 0;
    optind = 0;
    int ch;
    while ((ch = getopt_long(oargc, oargv, shortopts, longopts, NULL)) != -1) {
        switch (ch) {
        case 'c':
            c.config = optarg;
            break;
        case 'o':
            c.outdir = optarg;
            break;
        case 'f':
            c.formats = optarg;
            break;
        case 't':
            c.template_path = optarg;
            break;
        case 'q':
            c.quiet = 1;
            break;
        case 'F':
            export_name = optarg;
            break;
        case 'h':
            usage_command(stdout, cmd);
            return flushed(EXIT_OK);
        case 'j': {
            char *end;
            long j = strtol(optarg, &end, 10);
            if (*end || j < 1 || j > 256)
                return usage_error("-j takes a number of threads from 1 to 256, not \"%s\"",
                                   optarg);
            c.jobs = (int)j;
            break;
        }
        case OPT_STRICT:
            c.strict = 1;
            break;
        case OPT_BASELINE:
            c.baseline = optarg;
            break;
        case OPT_FAIL_ON_REGRESSION:
            c.fail_on_regression = 1;
            break;
        case OPT_DUMP_CONTEXT:
            c.dump_context = 1;
            break;
        case OPT_WAIT:
            c.wait = 1;
            break;
        case OPT_INPUT_FORMAT:
            c.input_format = optarg;
            break;
        case OPT_HISTORY:
            c.history = optarg;
            break;
        case OPT_SUMMARY:
            c.summary = optarg;
            break;
        case OPT_ANNOTATIONS:
            c.annotations = 1;
            break;
        case OPT_REPORT_URL:
            c.report_url = optarg;
            break;
        case OPT_DATADIR:
            c.datadir = optarg;
            break;
        case ':':
            return usage_error("option \"%s\" needs a value", oargv[optind - 1]);
        default:
            return usage_error("unknown option \"%s\"", oargv[optind - 1]);
        }
    }
    lr_error e;
    if (export_name && lr_export_format_parse(export_name, &c.export_format, &e))
        return usage_error("%s", e.message);
    if (optind >= oargc)
        return usage_error("%s needs at least one INPUT", commands[cmd].name);
    return run(&c, oargc - optind, oargv + optind);
}

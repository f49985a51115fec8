/* End-to-end tests of the Markdown report and the exports, checked the way GitHub reads them:
 * report.md is parsed with cmark-gfm and its tables, cells and footnotes are asserted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "llmreport.h"
#include "testutil.h"

static int quiet_count;
static void count_diag(void *user, lr_severity sev, const lr_error *e)
{
    (void)user;
    (void)sev;
    (void)e;
    quiet_count++;
}

/* Builds the inputs into dir with formats md,json; returns report.md (caller frees). */
static char *build(const char *dir, const char *const *inputs, const char *config)
{
    lr_report *r = lr_report_new();
    assert_non_null(r);
    lr_report_set_diag(r, count_diag, NULL);
    lr_report_set_datadir(r, LR_SOURCE_DIR);
    lr_error err;
    if (config)
        lr_report_load_config(r, config, &err);
    for (size_t i = 0; inputs[i]; i++)
        lr_report_add_input(r, inputs[i], &err);
    lr_build_options opt = {dir, LR_OUT_MD | LR_OUT_JSON, NULL, 0};
    lr_status st = lr_report_build(r, &opt, &err);
    if (st) {
        char line[1024];
        fprintf(stderr, "build failed: %s\n", lr_error_format(&err, line, sizeof line));
    }
    assert_int_equal(st, LR_OK);
    lr_report_free(r);
    char path[4096];
    snprintf(path, sizeof path, "%s/report.md", dir);
    char *md = read_text(path, NULL);
    assert_non_null(md);
    return md;
}

static char *build_samples(const char *name)
{
    const char *dir = temp_dir(name);
    const char *inputs[] = {source_path("samples"), NULL};
    char d[4096];
    snprintf(d, sizeof d, "%s", dir);
    return build(d, inputs, NULL);
}

/* Column index of a header cell, or -1. */
static long column(const md_doc *doc, size_t t, const char *name)
{
    for (size_t c = 0; c < doc->tables[t].n_cols; c++)
        if (!strcmp(md_cell(doc, t, 0, c), name))
            return (long)c;
    return -1;
}

static long row(const md_doc *doc, size_t t, const char *first_cell)
{
    for (size_t r = 1; r < doc->tables[t].n_rows; r++)
        if (!strcmp(md_cell(doc, t, r, 0), first_cell))
            return (long)r;
    return -1;
}

/* The decimals of the number a cell starts with ("**64.5** †2" -> 1), -1 when it has none. */
static int cell_decimals(const char *cell)
{
    const char *p = cell;
    while (*p == '*' || *p == ' ')
        p++;
    if (*p == '-')
        p++;
    if (*p < '0' || *p > '9')
        return -1;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p != '.')
        return 0;
    int d = 0;
    for (p++; *p >= '0' && *p <= '9'; p++)
        d++;
    return d;
}

/* The one precision of a column of cells, -1 when none has a number, -2 when two differ. */
static int column_decimals(const char *const *cells, size_t n)
{
    int d = -1;
    for (size_t i = 0; i < n; i++) {
        int c = cell_decimals(cells[i]);
        if (c < 0)
            continue;
        if (d >= 0 && c != d)
            return -2;
        d = c;
    }
    return d;
}

static void test_column_precision(void **state)
{
    (void)state;
    /* the check can fail: two precisions in one column */
    const char *mixed[] = {"**64.51**", "63.5", "–", "62.0 †3"};
    assert_int_equal(column_decimals(mixed, 4), -2);
    const char *one[] = {"**64.5**", "63.5", "–", "62.0 †3", "33.5 †22"};
    assert_int_equal(column_decimals(one, 5), 1);

    /* every column of the sample overview has one precision: the runs' 64.51 and 33.53 stand
     * as 64.5 and 33.5 beside the leaderboard's 63.5 and 62.0 */
    char *md = build_samples("report-precision");
    md_doc doc;
    assert_int_equal(md_parse(md, &doc), 0);
    const char *header[] = {"Model", "MMLU", NULL};
    long t = md_find_table(&doc, header);
    assert_true(t >= 0);
    const md_table *tab = &doc.tables[t];
    const char *cells[64];
    assert_true(tab->n_rows <= 64);
    for (size_t c = 1; c < tab->n_cols; c++) {
        for (size_t r = 1; r < tab->n_rows; r++)
            cells[r - 1] = md_cell(&doc, (size_t)t, r, c);
        assert_int_equal(column_decimals(cells, tab->n_rows - 1), 1);
    }
    long yi = row(&doc, (size_t)t, "01-ai/Yi-34B");
    /* report.md's header keeps the hyphen with U+2011 (lr_md_github_joins) */
    long arc = column(&doc, (size_t)t,
                      "ARC\xe2\x80\x91"
                      "Challenge");
    assert_true(yi > 0 && arc > 0);
    assert_string_equal(md_cell(&doc, (size_t)t, (size_t)yi, (size_t)arc), "64.5");
    /* the other tables: a value and its ± at one precision, and an exam score an integer with
     * its unit beside the accuracies of its source's Value column */
    /* (COPA by its registry name; report.md joins "±" with U+00A0) */
    assert_non_null(strstr(md, "| COPA | 0-shot · acc | bigscience/bloom-7b1 72.00\xc2\xa0±\xc2\xa0"
                               "4.51 |"));
    assert_non_null(strstr(md, "| Uniform Bar Exam (MBE+MEE+MPT) | shots not stated · exam score · "
                               "RLHF model, simulated exam | GPT-4 298 exam score;"));
    assert_null(strstr(md, "72.0 ± 4.51"));
    md_free(&doc);
    free(md);
}

static void test_sample_overview(void **state)
{
    (void)state;
    char *md = build_samples("report-overview");
    md_doc doc;
    assert_int_equal(md_parse(md, &doc), 0);
    assert_int_equal(doc.n_html, 0);
    const char *header[] = {"Model", "MMLU", NULL};
    long t = md_find_table(&doc, header);
    assert_true(t >= 0);
    long mmlu = column(&doc, (size_t)t, "MMLU");
    long he = column(&doc, (size_t)t, "HumanEval");
    assert_true(mmlu > 0 && he > 0);

    /* GPT-4's 86.4 (5-shot) and PaLM 2-L's MMLU in one column; GPT-4's is the best */
    long gpt4 = row(&doc, (size_t)t, "GPT-4"), palm = row(&doc, (size_t)t, "PaLM 2-L");
    assert_true(gpt4 > 0 && palm > 0);
    assert_string_equal(md_cell(&doc, (size_t)t, (size_t)gpt4, (size_t)mmlu), "86.4");
    assert_string_equal(md_cell(&doc, (size_t)t, (size_t)palm, (size_t)mmlu), "78.3");
    assert_non_null(strstr(md, "| GPT-4 | **86.4** |"));

    /* CodeT5+ pass@1 is the column's setting (0-shot, sampled T=0.2); GPT-4's 67.0 is not:
     * it is marked, its note under the table gives its setting and source, and it is not bold */
    long ct = row(&doc, (size_t)t, "InstructCodeT5+ 16B");
    assert_true(ct > 0);
    assert_string_equal(md_cell(&doc, (size_t)t, (size_t)ct, (size_t)he), "35.0");
    const char *cell = md_cell(&doc, (size_t)t, (size_t)gpt4, (size_t)he);
    /* report.md joins the number and its marker with U+00A0 (lr_md_github_joins) */
    assert_non_null(strstr(cell, "67.0\xc2\xa0†"));
    assert_null(strstr(cell, "[^"));
    char line[4096], marker[64];
    snprintf(marker, sizeof marker, "\n%s GPT-4, GPT-3.5 on HumanEval: ", strstr(cell, "†"));
    const char *note = strstr(md, marker);
    assert_non_null(note);
    snprintf(line, sizeof line, "%.*s", (int)strcspn(note + 1, "\n"), note + 1);
    /* the source by its key ("b"), defined once after the notes */
    assert_string_equal(strstr(line, ": ") + 2,
                        "0-shot · pass@1. Source: b. "
                        "Note: closed-source group; pass@1 copied from the GPT-4 report (0-shot); "
                        "Table 2 (HumanEval; CodeT5+ rows zero-shot, sampled at T=0.2/0.6/0.8 for "
                        "pass@1/10/100; other rows copied from their own papers)\\");
    assert_non_null(strstr(md, "\\\nSources: a: GPT-4 Technical Report, arXiv:2303.08774, Table 2, "
                               "2023-03-15; b: CodeT5+: Open Code Large Language Models for Code "
                               "Understanding and Generation, arXiv:2305.07922, Table 2, "
                               "2023-05-20; c: "));

    /* an unstated setting gets its own marker */
    long llama = row(&doc, (size_t)t, "LLaMA 65B");
    assert_true(llama > 0);
    assert_non_null(strstr(md_cell(&doc, (size_t)t, (size_t)llama, (size_t)he), "‡"));

    /* the notes are the table's: a "Note." paragraph right under its last row, a caption right
     * above it, no footnote of the document; every marked cell's number has its line there,
     * once, and every line there is used */
    const char *caption = strstr(md, "**Table 1.** Overview: each column compares models at one "
                                     "setting only.\n\n| Model | MMLU |");
    assert_non_null(caption);
    const char *last = strstr(caption, "\n| bigscience/bloom-7b1 |");
    assert_non_null(last);
    const char *after = strchr(last + 1, '\n');
    assert_non_null(after);
    assert_true(!strncmp(after, "\n\n*Note.* Column settings: ", 27));
    const char *end = strstr(after, "\n\n## ");
    assert_non_null(end);
    size_t used = 0;
    for (size_t r = 1; r < doc.tables[t].n_rows; r++) {
        for (size_t c = 1; c < doc.tables[t].n_cols; c++) {
            const char *text = md_cell(&doc, (size_t)t, r, c);
            const char *m = strstr(text, "†");
            if (!m)
                m = strstr(text, "‡");
            if (!m)
                continue;
            used++;
            snprintf(marker, sizeof marker, "\\\n%s ", m);
            const char *at = strstr(after, marker);
            assert_true(at && at < end);
            assert_null(strstr(at + 1, marker)); /* said once */
        }
    }
    /* 23 notes for 29 marked cells: GPT-4 and GPT-3.5 share one on HellaSwag and one on
     * HumanEval, PaLM 2-M and PaLM 2-S one on HellaSwag and WinoGrande, bloom-7b1 one on
     * HellaSwag and ARC-Challenge */
    size_t lines = 0;
    for (const char *p = after; p && p < end; p = strstr(p + 1, "\\\n"))
        lines += p != after && (!strncmp(p + 2, "†", 3) || !strncmp(p + 2, "‡", 3));
    assert_int_equal(lines, 23);
    assert_int_equal(used, 29);
    assert_non_null(strstr(after,
                           "\\\n†9 PaLM 2-M, PaLM 2-S on HellaSwag, WinoGrande: 1-shot · acc. "
                           "Source: c."));
    /* the cells that show the newest of several results at their setting: one line, no marker */
    assert_non_null(strstr(after, "\\\nLLaMA 65B, tiiuae/falcon-40b, tiiuae/falcon-40b-instruct, "
                                  "tiiuae/falcon-7b on HellaSwag, TruthfulQA: 1 other result at "
                                  "the same setting; the table shows the newest ("));
    assert_string_equal(md_cell(&doc, (size_t)t, (size_t)llama, 2), "84.2");
    /* no transcription key, no pointer to a section the report does not have */
    assert_null(strstr(md, "sources: G"));
    assert_null(strstr(md, "see inconsistencies"));
    assert_null(strstr(md, "(G4, G10)"));
    md_free(&doc);
    free(md);
}

/* The line of a report that starts with prefix, copied into buf ("" when there is none). */
static const char *line_of(const char *md, const char *prefix, char *buf, size_t size)
{
    buf[0] = '\0';
    size_t n = strlen(prefix);
    for (const char *p = md; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (strncmp(p, prefix, n))
            continue;
        size_t len = strcspn(p, "\n");
        snprintf(buf, size, "%.*s", (int)len, p);
        break;
    }
    return buf;
}

/* A list of the overview's columns is joined by its separator, with nothing after the last
 * column but the sentence's end, in both languages. */
static void test_column_settings_separator(void **state)
{
    (void)state;
    char *md = build_samples("report-separator");
    char line[4096];
    line_of(md, "*Note.* Column settings: ", line, sizeof line);
    assert_non_null(strstr(line, "Column settings: MMLU: 5-shot · acc; HellaSwag: "));
    assert_non_null(strstr(line, "DROP: 3-shot · f1. **Bold**"));
    assert_null(strstr(line, "; ."));
    assert_null(strstr(line, ";;"));
    free(md);

    char samples[4096], config[4096], dir[4096];
    snprintf(samples, sizeof samples, "%s", source_path("samples"));
    snprintf(config, sizeof config, "%s", source_path("samples/llmreport.ko.json"));
    snprintf(dir, sizeof dir, "%s", temp_dir("report-separator-ko"));
    const char *inputs[] = {samples, NULL};
    md = build(dir, inputs, config);
    line_of(md, "*주.* 열별 설정: ", line, sizeof line);
    assert_non_null(strstr(line, "DROP: 3-shot · f1. **굵은 글씨**"));
    assert_null(strstr(line, "; ."));
    free(md);
}

static void test_sample_sections(void **state)
{
    (void)state;
    char *md = build_samples("report-sections");
    md_doc doc;
    assert_int_equal(md_parse(md, &doc), 0);
    /* the per-benchmark tables in the body, then the appendix: the benchmarks that compare
     * nothing, then the sources' sections in the config's order */
    const char *order[] = {"Results by benchmark",
                           "One model under several settings",
                           "Appendix: other results",
                           "Appendix: results by source",
                           "GPT-4 Technical Report",
                           "PaLM 2 Technical Report",
                           "Falcon / RefinedWeb",
                           "CodeT5+",
                           "MIT Mathematics and EECS curriculum"};
    size_t k = 0, n_order = sizeof order / sizeof *order;
    for (size_t h = 0; h < doc.n_headings && k < n_order; h++)
        if (!strcmp(doc.headings[h], order[k]))
            k++;
    assert_int_equal(k, n_order);
    /* every table row has as many cells as its header: nothing broke a table */
    for (size_t t = 0; t < doc.n_tables; t++)
        assert_true(doc.tables[t].n_cols >= 2);
    /* the InstructCodeT5+ conflict is carried: the paper's 35.0 and the README's 36.1 are two
     * settings, and both appear in the HumanEval table, the second among the settings with one
     * model, with its setting beside the model */
    const char *he = strstr(md, "### HumanEval\n");
    assert_non_null(he);
    assert_non_null(strstr(he, "| *0-shot · pass@1 · T=0.2* (reference) | | | |\n"
                               "| InstructCodeT5+ 16B | 1 | **35.0** | a |\n"));
    assert_non_null(
        strstr(he, "| *Settings with one model each* | | | |\n"
                   "| InstructCodeT5+ 16B · 0-shot · pass@1 · T=0.2 (re-run) |  | 36.1 | b |"));
    /* ranks restart per group and ties share one (1, 2, 2, 4); a group shows its best three
     * rows and the note counts the rest, which the appendix lists */
    const char *wg = strstr(md, "### WinoGrande\n");
    assert_non_null(wg);
    assert_non_null(strstr(wg, "| GPT-4 | 1 | **87.5** |\n| PaLM 540B | 2 | 85.1 |\n"
                               "| PaLM (best external model incl. tuning) | 2 | 85.1 |\n"
                               "| *1-shot · acc* ·"));
    const char *tq = strstr(md, "### TruthfulQA\n");
    assert_non_null(tq);
    assert_non_null(strstr(tq, "| tiiuae/falcon-7b-instruct | 3 | 44.1 |"));
    assert_null(strstr(tq, "| LLaMA 65B | 4 | 42.3 |"));
    assert_non_null(strstr(tq, " more results on TruthfulQA are in the appendix."));
    md_free(&doc);
    free(md);
}

static void test_deterministic(void **state)
{
    (void)state;
    char *a = build_samples("report-det-a");
    char *b = build_samples("report-det-b");
    assert_string_equal(a, b);
    free(a);
    free(b);
    char pa[4096], pb[4096];
    snprintf(pa, sizeof pa, "%s/test-tmp/report-det-a/results.json", LR_BINARY_DIR);
    snprintf(pb, sizeof pb, "%s/test-tmp/report-det-b/results.json", LR_BINARY_DIR);
    a = read_text(pa, NULL);
    b = read_text(pb, NULL);
    assert_non_null(a);
    assert_non_null(b);
    assert_string_equal(a, b);
    free(a);
    free(b);
}

/* Names built to break tables or inject HTML and links stay inert text. */
static void test_hostile_names(void **state)
{
    (void)state;
    const char *dir = temp_dir("report-hostile");
    char input[4096];
    snprintf(input, sizeof input, "%s/hostile.json", dir);
    write_text(input,
               "{\"format\": \"llmreport/1\", \"source\": {\"title\": \"T | <b>x</b>\"},\n"
               " \"results\": [\n"
               "  {\"model\": \"A|B\", \"benchmark\": \"MMLU\", \"metric\": \"acc\", \"shots\": 5,"
               " \"value\": 50, \"scale\": \"percent\", \"note\": \"line1\\nline2 | x\"},\n"
               "  {\"model\": \"<script>alert(1)</script>\", \"benchmark\": \"MMLU\", \"metric\": "
               "\"acc\", \"shots\": 5, \"value\": 60, \"scale\": \"percent\"},\n"
               "  {\"model\": \"[click](javascript:alert(1))\", \"benchmark\": \"MMLU\", "
               "\"metric\": \"acc\", \"shots\": 3, \"value\": 70, \"scale\": \"percent\"},\n"
               "  {\"model\": \"**bold**\\nnext | row\", \"benchmark\": \"MMLU\", \"metric\": "
               "\"acc\", \"shots\": 5, \"value\": 40, \"scale\": \"percent\"}\n"
               " ]}\n");
    char out[4096];
    snprintf(out, sizeof out, "%s/out", dir);
    const char *inputs[] = {input, NULL};
    char *md = build(out, inputs, NULL);
    md_doc doc;
    assert_int_equal(md_parse(md, &doc), 0);
    assert_int_equal(doc.n_html, 0);
    for (size_t i = 0; i < doc.n_links; i++)
        assert_null(strstr(doc.links[i], "javascript"));
    const char *header[] = {"Model", "MMLU", NULL};
    long t = md_find_table(&doc, header);
    assert_true(t >= 0);
    assert_int_equal(doc.tables[t].n_cols, 2);
    assert_int_equal(doc.tables[t].n_rows, 5);
    assert_true(row(&doc, (size_t)t, "A|B") > 0);
    assert_true(row(&doc, (size_t)t, "<script>alert(1)</script>") > 0);
    assert_true(row(&doc, (size_t)t, "[click](javascript:alert(1))") > 0);
    assert_true(row(&doc, (size_t)t, "**bold** next | row") > 0);
    md_free(&doc);
    free(md);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int write_buf(void *user, const char *data, size_t len)
{
    return lr_buf_write(user, data, len);
}

static char *export(const char *path, lr_export_format format)
{
    lr_report *r = lr_report_new();
    lr_report_set_diag(r, count_diag, NULL);
    lr_error err;
    lr_report_add_input(r, path, &err);
    lr_buf out = LR_BUF_INIT;
    assert_int_equal(lr_report_export(r, format, write_buf, &out, &err), LR_OK);
    lr_report_free(r);
    return lr_buf_detach(&out);
}

static void test_export_round_trip(void **state)
{
    (void)state;
    const char *dir = temp_dir("export-round-trip");
    char p1[4096], p2[4096];
    snprintf(p1, sizeof p1, "%s/one.json", dir);
    snprintf(p2, sizeof p2, "%s/two.json", dir);
    char *first = export(source_path("samples/papers"), LR_EXPORT_JSON);
    assert_int_equal(write_text(p1, first), 0);
    char *second = export(p1, LR_EXPORT_JSON);
    assert_int_equal(write_text(p2, second), 0);
    char *third = export(p2, LR_EXPORT_JSON);
    assert_string_equal(first, second);
    assert_string_equal(second, third);
    /* the compact form: settings written once, rows naming them */
    assert_non_null(strstr(first, "\"format\": \"llmreport/2\""));
    assert_non_null(strstr(first, "\"columns\": [\"setting\", \"locator\", \"value\", "
                                  "\"stderr\", \"n\"]"));
    assert_non_null(strstr(first, "{\"model\": \"StableVicuna-13B\", \"source\": \"S"));
    /* it holds what the papers say, canonical and in percent */
    char *csv = export(p1, LR_EXPORT_CSV);
    assert_non_null(strstr(csv, "\nGPT-4,mmlu,acc,5,,,86.4,,,percent,true,paper,"));
    assert_non_null(strstr(csv, "\nStableVicuna-13B,\"MIT Mathematics & EECS test set (288 Qs, "
                                "no images)\",acc,0,,GPT-4-graded,48,,,percent,")); /* 0.48 */
    free(csv);
    free(first);
    free(second);
    free(third);
}

static void test_export_csv(void **state)
{
    (void)state;
    char *csv = export(source_path("samples/papers/codet5p.json"), LR_EXPORT_CSV);
    const char *header = "model,benchmark,metric,shots,method,variant,value,stderr,n,unit,"
                         "higher_is_better,source_kind,source_title,source_table,source_date,"
                         "source_file,flags,parent,rule,task_hash\n";
    assert_true(!strncmp(csv, header, strlen(header)));
    assert_non_null(strstr(csv, "\nInstructCodeT5+ 16B,humaneval,pass@1,0,T=0.2,,35,,,percent,true,"
                                "paper,CodeT5+: Open Code Large Language Models for Code "
                                "Understanding and Generation,Table 2,2023-05-20,"));
    free(csv);
}

/* The first n comma-separated fields of every CSV line, sorted: what an observation is. */
static char *settings_of(const char *csv, int fields)
{
    size_t lines = 0;
    for (const char *p = csv; *p; p++)
        lines += *p == '\n';
    char **rows = calloc(lines + 1, sizeof *rows);
    size_t n = 0;
    for (const char *p = strchr(csv, '\n') + 1; *p; p = strchr(p, '\n') + 1) {
        const char *q = p;
        for (int f = 0; f < fields && q; f++)
            q = strchr(q + (f > 0), ',');
        size_t len = (size_t)(q ? q - p : (long)(strchr(p, '\n') - p));
        rows[n++] = strndup(p, len);
    }
    qsort(rows, n, sizeof *rows, cmp_str);
    lr_buf out = LR_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        lr_buf_puts(&out, rows[i]);
        lr_buf_putc(&out, '\n');
        free(rows[i]);
    }
    free(rows);
    return lr_buf_detach(&out);
}

/* Every Eval Ever export keeps every observation's model, setting and value. */
static void test_export_eee(void **state)
{
    (void)state;
    const char *dir = temp_dir("export-eee");
    char path[4096];
    snprintf(path, sizeof path, "%s/eee.json", dir);
    char *eee = export(source_path("samples"), LR_EXPORT_EEE);
    assert_non_null(strstr(eee, "\"schema_version\": \"0.3.0\""));
    assert_non_null(strstr(eee, "\"source_type\": \"documentation\""));
    assert_non_null(strstr(eee, "\"source_type\": \"evaluation_run\""));
    assert_int_equal(write_text(path, eee), 0);
    char *before = export(source_path("samples"), LR_EXPORT_CSV);
    char *after = export(path, LR_EXPORT_CSV);
    char *a = settings_of(before, 7), *b = settings_of(after, 7);
    assert_true(strlen(a) > 10000);
    assert_string_equal(a, b);
    free(a);
    free(b);
    free(before);
    free(after);
    free(eee);
}

/* The config's aggregates: a user-defined mean over benchmarks, each at its reference setting,
 * checked against the mean the leaderboard itself printed in its table (real snapshot). */
static void test_config_aggregate(void **state)
{
    (void)state;
    const char *dir = temp_dir("config-aggregate");
    char config[4096];
    snprintf(config, sizeof config, "%s/llmreport.json", dir);
    assert_int_equal(
        write_text(config, "{\"format\": \"llmreport-config/1\", \"aggregates\": [{\"id\": "
                           "\"oll4\", \"title\": \"Mean of four\", \"rule\": \"mean\", "
                           "\"members\": [\"ARC\", \"hellaswag\", \"mmlu\", \"truthfulqa\"]}]}"),
        0);
    lr_report *r = lr_report_new();
    lr_report_set_diag(r, count_diag, NULL);
    lr_error err;
    assert_int_equal(lr_report_load_config(r, config, &err), LR_OK);
    lr_report_add_input(r, shared_path("real/dsdanielpark-report/data_20230526.json"), &err);
    lr_buf out = LR_BUF_INIT;
    assert_int_equal(lr_report_export(r, LR_EXPORT_JSON, write_buf, &out, &err), LR_OK);
    lr_report_free(r);
    char *json = lr_buf_detach(&out);
    /* the aggregate's setting, written once, and its locator */
    assert_non_null(strstr(json, "{\"benchmark\": \"oll4\", \"metric\": \"mean\", \"shots\": "
                                 "\"mixed\", \"method\": null, \"variant\": \"mean of 4 "
                                 "benchmarks\", \"scale\": \"percent\", \"higher_is_better\": "
                                 "true, \"flags\": [\"aggregate\"], \"rule\": \"mean of 4 "
                                 "benchmarks\", \"note\": \"ARC-Challenge 25-shot · acc_norm, "
                                 "HellaSwag 10-shot · acc_norm, MMLU 5-shot · acc, TruthfulQA "
                                 "0-shot · mc2\"}"));
    assert_non_null(strstr(json, "\n    \"/aggregates/0\""));
    free(json);
    /* the values, one line per observation */
    r = lr_report_new();
    lr_report_set_diag(r, count_diag, NULL);
    assert_int_equal(lr_report_load_config(r, config, &err), LR_OK);
    lr_report_add_input(r, shared_path("real/dsdanielpark-report/data_20230526.json"), &err);
    out = (lr_buf)LR_BUF_INIT;
    assert_int_equal(lr_report_export(r, LR_EXPORT_CSV, write_buf, &out, &err), LR_OK);
    lr_report_free(r);
    char *csv = lr_buf_detach(&out);
    /* tiiuae/falcon-40b: ARC 61.9, HellaSwag 85.3, MMLU 52.7, TruthfulQA 41.7; the table's
     * Average is 60.4 */
    assert_non_null(strstr(csv, "\ntiiuae/falcon-40b,oll_average,mean,mixed,,mean of 4 benchmarks "
                                "(leaderboard),60.4,"));
    assert_non_null(strstr(csv, "\ntiiuae/falcon-40b,oll4,mean,mixed,,mean of 4 benchmarks,60.4,"));
    /* ausboss/llama-30b-supercot: 58.5, 82.9, 44.3, 53.6 -> 59.825 (the table rounds to 59.8) */
    assert_non_null(strstr(csv, "\nausboss/llama-30b-supercot,oll4,mean,mixed,,mean of 4 "
                                "benchmarks,59.825,"));
    /* a model without one member gets no mean: the rows with a 0.0 (not run) */
    assert_null(strstr(csv, ",oll4,mean,mixed,,mean of 4 benchmarks,0,"));
    free(csv);

    /* another rule is refused with the config's position */
    assert_int_equal(write_text(config, "{\"format\": \"llmreport-config/1\", \"aggregates\": "
                                        "[{\"id\": \"x\", \"rule\": \"median\", \"members\": "
                                        "[\"mmlu\"]}]}"),
                     0);
    r = lr_report_new();
    lr_report_set_diag(r, count_diag, NULL);
    assert_int_equal(lr_report_load_config(r, config, &err), LR_OK); /* read when loading */
    lr_report_add_input(r, shared_path("real/dsdanielpark-report/data_20230526.json"), &err);
    assert_int_equal(lr_report_load(r, &err), LR_ETYPE);
    assert_string_equal(err.pointer, "/aggregates/0");
    assert_string_equal(err.message,
                        "an aggregate's \"rule\" can only be \"mean\" (the plain mean)");
    lr_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_overview),
        cmocka_unit_test(test_sample_sections),
        cmocka_unit_test(test_column_settings_separator),
        cmocka_unit_test(test_column_precision),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_hostile_names),
        cmocka_unit_test(test_export_round_trip),
        cmocka_unit_test(test_export_csv),
        cmocka_unit_test(test_export_eee),
        cmocka_unit_test(test_config_aggregate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Out of memory is an error, never an empty report. This program is linked with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc (tests/CMakeLists.txt), so every allocation of
 * the library goes through the wrappers below, which can fail the k-th one. Each
 * test sweeps k until the operation succeeds, asserting that every failure is reported as
 * LR_ENOMEM and that a success gives exactly what an unhindered run gives; the tool itself
 * (src/cli/main.c, built in) exits 3 with a message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/buf.h"
#include "ingest/ingest.h"
#include "llmreport.h"
#include "model/store.h"
#include "testutil.h"

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);

static long countdown = -1; /* allocations left before the one that fails; -1: none fails */
static long failures;       /* allocations refused since armed */

static int refuse(void)
{
    if (countdown < 0)
        return 0;
    if (countdown-- > 0)
        return 0;
    failures++;
    return 1; /* this one; countdown is -1 now, so the next ones succeed */
}

void *__wrap_malloc(size_t size)
{
    return refuse() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return refuse() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
    return refuse() ? NULL : __real_realloc(p, size);
}

/* Fails the allocation after the first k, once: a failure the code swallows shows as a wrong
 * result instead of hiding behind the failures that would follow it. */
static void arm(long k)
{
    countdown = k;
    failures = 0;
}

static void disarm(void)
{
    countdown = -1;
}

/* Three models on two benchmarks, one of them with two results (two shot counts). */
static const char results[] =
    "{\"format\": \"llmreport/1\", \"source\": {\"kind\": \"paper\", \"title\": \"T\"},\n"
    " \"results\": [\n"
    "  {\"model\": \"A\", \"benchmark\": \"MMLU\", \"metric\": \"acc\", \"shots\": 5,"
    " \"value\": 70, \"scale\": \"percent\"},\n"
    "  {\"model\": \"A\", \"benchmark\": \"MMLU\", \"metric\": \"acc\", \"shots\": 0,"
    " \"value\": 65, \"scale\": \"percent\"},\n"
    "  {\"model\": \"B\", \"benchmark\": \"MMLU\", \"metric\": \"acc\", \"shots\": 5,"
    " \"value\": 60, \"scale\": \"percent\"},\n"
    "  {\"model\": \"B\", \"benchmark\": \"GSM8K\", \"metric\": \"exact_match\", \"shots\": 8,"
    " \"value\": 40, \"scale\": \"percent\"},\n"
    "  {\"model\": \"C\", \"benchmark\": \"GSM8K\", \"metric\": \"exact_match\", \"shots\": 8,"
    " \"value\": 30, \"scale\": \"percent\"}]}\n";

static lr_store *filled_store(lr_diag *diag)
{
    lr_store *m = lr_store_new(diag);
    assert_non_null(m);
    lr_error err;
    assert_int_equal(lr_ingest_bytes(m, "results.json", results, strlen(results), NULL, NULL, &err),
                     LR_OK);
    assert_int_equal(lr_store_count(m), 5);
    return m;
}

/* lr_store_index: every failed allocation is LR_ENOMEM; once it succeeds the lookups answer
 * without allocating (they run armed to prove it). */
static void test_store_index(void **state)
{
    (void)state;
    lr_diag diag;
    memset(&diag, 0, sizeof diag);
    long k;
    for (k = 0; k < 1000; k++) {
        lr_store *m = filled_store(&diag);
        arm(k);
        lr_status st = lr_store_index(m);
        long refused = failures;
        if (st == LR_OK) {
            /* any allocation of the lookups would fail */
            size_t n_models, n_bench, n;
            arm(0);
            const char *const *models = lr_store_models(m, &n_models);
            long after = failures;
            arm(0);
            const char *const *bench = lr_store_benchmarks(m, &n_bench);
            after += failures;
            arm(0);
            const size_t *at = lr_store_find(m, "A", "mmlu", &n);
            after += failures;
            disarm();
            assert_int_equal(refused, 0);
            assert_int_equal(after, 0);
            assert_int_equal(n_models, 3);
            assert_string_equal(models[0], "A");
            assert_string_equal(models[2], "C");
            assert_int_equal(n_bench, 2);
            assert_string_equal(bench[0], "mmlu");
            assert_string_equal(bench[1], "gsm8k");
            assert_int_equal(n, 2);
            assert_int_equal(at[0], 0);
            assert_int_equal(at[1], 1);
            lr_store_free(m);
            break;
        }
        disarm();
        assert_int_equal(st, LR_ENOMEM);
        assert_true(refused > 0);
        /* a failed index is not a half index: the next call (with memory) builds it whole */
        assert_int_equal(lr_store_index(m), LR_OK);
        size_t n;
        lr_store_find(m, "B", "gsm8k", &n);
        assert_int_equal(n, 1);
        lr_store_free(m);
    }
    assert_true(k > 0);    /* the first allocation failing did fail the index */
    assert_true(k < 1000); /* and enough memory made it succeed */
}

/* The coverage text, in a buffer of the test's own: its allocations must not fail. */
typedef struct sink {
    char text[8192];
    size_t len;
} sink;

static int collect(void *user, const char *data, size_t len)
{
    sink *s = user;
    assert_true(len < sizeof s->text - s->len);
    memcpy(s->text + s->len, data, len);
    s->len += len;
    s->text[s->len] = '\0';
    return 0;
}

/* The coverage of one report, allocations failing after the first k from the load on; the
 * status, and the text in *out on success. */
static lr_status coverage(const char *input, long k, sink *out)
{
    lr_report *r = lr_report_new();
    assert_non_null(r);
    lr_error err;
    assert_int_equal(lr_report_add_input(r, input, &err), LR_OK);
    out->len = 0;
    out->text[0] = '\0';
    arm(k);
    lr_status st = lr_report_load(r, &err);
    if (!st)
        st = lr_report_write_coverage(r, collect, out, &err);
    disarm();
    if (st) {
        /* the error says what happened */
        assert_true(strlen(err.message) > 0);
        assert_int_equal(err.status, st);
    }
    lr_report_free(r);
    return st;
}

/* A report whose allocations fail at any point either fails with LR_ENOMEM or gives the same
 * coverage as with memory: never a report with an input left out. */
static void test_report_coverage(void **state)
{
    (void)state;
    const char *dir = temp_dir("oom");
    char input[4200];
    snprintf(input, sizeof input, "%s/results.json", dir);
    assert_int_equal(write_text(input, results), 0);
    static sink want, got;
    assert_int_equal(coverage(input, -1, &want), LR_OK);
    assert_non_null(strstr(want.text, "\n   1  mmlu\n   2  gsm8k\n"));
    long k, failed = 0;
    for (k = 0; k < 20000; k++) {
        lr_status st = coverage(input, k, &got);
        if (st == LR_OK) {
            assert_string_equal(got.text, want.text);
            if (!failures)
                break; /* nothing was refused: k is past the last allocation */
            continue;
        }
        failed++;
        assert_int_equal(st, LR_ENOMEM);
    }
    assert_true(failed > 0);
    assert_true(k < 20000);
}

/* The tool's main (src/cli/main.c, built into this test as lr_cli_main). */
int lr_cli_main(int argc, char **argv);

/* Runs `llmreport check -q -j 1 INPUT` with allocations failing after the first k (-1: none):
 * its exit status, its standard output in out and its standard error in err. */
static int run_tool(const char *input, long k, sink *out, sink *err)
{
    char *argv[] = {"llmreport", "check", "-q", "-j", "1", (char *)input, NULL};
    FILE *o = tmpfile(), *e = tmpfile();
    assert_non_null(o);
    assert_non_null(e);
    fflush(stdout);
    fflush(stderr);
    int saved_out = dup(1), saved_err = dup(2);
    assert_true(saved_out >= 0 && saved_err >= 0);
    dup2(fileno(o), 1);
    dup2(fileno(e), 2);
    arm(k);
    int code = lr_cli_main(6, argv);
    disarm();
    fflush(stdout);
    fflush(stderr);
    dup2(saved_out, 1);
    dup2(saved_err, 2);
    close(saved_out);
    close(saved_err);
    sink *to[] = {out, err};
    FILE *from[] = {o, e};
    for (int i = 0; i < 2; i++) {
        rewind(from[i]);
        to[i]->len = fread(to[i]->text, 1, sizeof to[i]->text - 1, from[i]);
        to[i]->text[to[i]->len] = '\0';
        fclose(from[i]);
    }
    return code;
}

/* The tool with allocations failing at any point exits 3 with "out of memory" on standard
 * error, or 0 with the summary it prints with memory: never an exit 0 with a result missing. */
static void test_tool_exit(void **state)
{
    (void)state;
    const char *dir = temp_dir("oom-tool");
    char input[4200];
    snprintf(input, sizeof input, "%s/results.json", dir);
    assert_int_equal(write_text(input, results), 0);
    static sink want, got, err;
    assert_int_equal(run_tool(input, -1, &want, &err), 0);
    assert_non_null(strstr(want.text, "5 observations, 3 models, 2 benchmarks"));
    long k, failed = 0;
    for (k = 0; k < 20000; k++) {
        int code = run_tool(input, k, &got, &err);
        if (code == 0) {
            assert_string_equal(got.text, want.text);
            if (!failures)
                break; /* nothing was refused: k is past the last allocation */
            continue;
        }
        failed++;
        assert_int_equal(code, 3);
        assert_non_null(strstr(err.text, "llmreport: error: "));
        assert_non_null(strstr(err.text, "out of memory"));
    }
    assert_true(failed > 0);
    assert_true(k < 20000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_store_index),
        cmocka_unit_test(test_report_coverage),
        cmocka_unit_test(test_tool_exit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

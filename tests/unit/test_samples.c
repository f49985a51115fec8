/* Unit tests of the samples reader (src/ingest/samples.c), the item sets (src/model/items.c)
 * and their snapshot (src/write/items.c). The real files are in tests/data/samples/ (see
 * SOURCES.md there); the scanner's corner cases (escapes, nesting, cuts through a line) are
 * hand-written lines, not copies of real files. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "ingest/ingest.h"
#include "ingest/samples.h"
#include "model/items.h"
#include "testutil.h"
#include "write/items.h"

#define QWEN_1604 "tests/data/samples/lm-eval/qwen3-8b-1604/"
#define QWEN_1815 "tests/data/samples/lm-eval/qwen3-8b-1815/"
#define ASDIV "tests/data/samples/lm-eval/asdiv/"
#define EEE "tests/data/samples/eee/demo-model/"

/* Every line the scanner hands over, copied. */
typedef struct lines {
    lr_sample_line l[64];
    size_t lineno[64];
    size_t n;
} lines;

static void collect(void *user, const lr_sample_line *l, size_t lineno)
{
    lines *ls = user;
    if (ls->n < 64) {
        ls->l[ls->n] = *l;
        ls->lineno[ls->n++] = lineno;
    }
}

static const double *value_of(const lr_sample_line *l, const char *name)
{
    for (size_t i = 0; i < l->n_values; i++)
        if (!strcmp(l->value_name[i], name))
            return &l->value[i];
    return NULL;
}

static const char hand_lines[] =
    /* 1: nesting, escaped quotes and backslashes in strings that are stepped over, a list
     *    metric, a number and a literal outside the metrics list */
    "{\"doc_id\": 7, \"doc\": {\"q\": \"a \\\"quoted\\\" \\\\ text\", \"n\": [1, {\"x\": \"}\"}]}, "
    "\"filter\": \"strict-match\", \"metrics\": [\"acc\", \"f1\"], "
    "\"doc_hash\": \"ABCDEF0123456789ffff\", \"prompt_hash\": \"p\", \"acc\": 1.0, "
    "\"f1\": [[\"a\"], [\"b\"]], \"extra\": 3, \"resp\": \"ends with a backslash \\\\\\\\\", "
    "\"exact\": true}\n"
    /* 2: blank, 3: CRLF and an escaped filter name */
    "\n"
    "{\"doc_id\": \"d-2\", \"filter\": \"f\\u00e9\\ud83d\\ude00\", \"acc\": 0}\r\n"
    /* 4: cut short, 5: not an object, 6: two objects */
    "{\"doc_id\": 1, \"acc\": \n"
    "[1, 2]\n"
    "{\"doc_id\": 1} {\"doc_id\": 2}\n"
    /* 7: an EEE instance record */
    "{\"schema_version\": \"0.2.1\", \"model_id\": \"openai/gpt2\", \"evaluation_name\": "
    "\"mmlu\", \"sample_id\": \"id147\", \"sample_hash\": \"b4b30cbbdf5262d0\", \"input\": "
    "{\"raw\": \"Q\", \"reference\": [\"A\"]}, \"evaluation\": {\"score\": 0.0, \"is_correct\": "
    "false}}";

static void check_hand_lines(const lines *ls, const lr_samples_scan_stats *st)
{
    assert_int_equal(st->lines, 6);
    assert_int_equal(st->malformed, 3);
    assert_int_equal(st->first_malformed, 4);
    assert_int_equal(ls->n, 3);
    const lr_sample_line *a = &ls->l[0];
    assert_int_equal(ls->lineno[0], 1);
    assert_string_equal(a->id, "7");
    assert_string_equal(a->filter, "strict-match");
    assert_int_equal(a->has_filter, 1);
    assert_int_equal(a->n_metrics, 2);
    assert_string_equal(a->metric[0], "acc");
    assert_string_equal(a->metric[1], "f1");
    assert_true(a->doc_hash == 0xabcdef0123456789u);
    assert_true(a->prompt_hash == lr_samples_hash64("p") && a->prompt_hash != 0);
    assert_true(a->target_hash == 0);
    assert_true(*value_of(a, "acc") == 1.0);
    assert_true(*value_of(a, "extra") == 3);
    assert_true(*value_of(a, "exact") == 1);
    assert_null(value_of(a, "f1"));
    assert_null(value_of(a, "doc_id"));
    assert_int_equal(a->n_values, 3);
    const lr_sample_line *b = &ls->l[1];
    assert_int_equal(ls->lineno[1], 3);
    assert_string_equal(b->id, "d-2");
    assert_string_equal(b->filter, "f\xc3\xa9\xf0\x9f\x98\x80");
    assert_true(*value_of(b, "acc") == 0);
    const lr_sample_line *c = &ls->l[2];
    assert_int_equal(ls->lineno[2], 7);
    assert_string_equal(c->id, "id147");
    assert_string_equal(c->model_id, "openai/gpt2");
    assert_string_equal(c->evaluation_name, "mmlu");
    assert_true(c->doc_hash == 0xb4b30cbbdf5262d0u);
    assert_int_equal(c->has_score, 1);
    assert_true(c->score == 0.0);
}

static void test_scanner_lines(void **state)
{
    (void)state;
    size_t len = strlen(hand_lines);
    /* whole, and cut at every possible place by chunks of every size up to 40 bytes */
    for (size_t chunk = 0; chunk <= 40; chunk++) {
        lines ls = {0};
        lr_samples_scan_stats st;
        lr_samples_scan_bytes(hand_lines, len, chunk, NULL, collect, &ls, &st);
        check_hand_lines(&ls, &st);
    }
}

static void test_names(void **state)
{
    (void)state;
    char task[64], date[64];
    assert_int_equal(
        lr_samples_split_name("runs/x/samples_arc_easy_2024-05-01T10-00-00.123456.jsonl", task,
                              sizeof task, date, sizeof date),
        0);
    assert_string_equal(task, "arc_easy");
    assert_string_equal(date, "2024-05-01T10-00-00.123456");
    assert_int_equal(
        lr_samples_split_name("samples_mmlu.jsonl", task, sizeof task, date, sizeof date), 0);
    assert_string_equal(task, "mmlu");
    assert_string_equal(date, "");
    assert_int_equal(lr_samples_split_name("results_2024-05-01T10-00-00.json", task, sizeof task,
                                           date, sizeof date),
                     -1);
    assert_true(lr_samples_is_samples_name("a/f3a1c0de_samples.jsonl"));
    assert_true(lr_samples_is_samples_name("samples_gsm8k_2024-01-01T00-00-00.jsonl"));
    assert_false(lr_samples_is_samples_name("_samples.jsonl"));
    assert_false(lr_samples_is_samples_name("results_2024-01-01T00-00-00.json"));
    assert_true(lr_samples_hash64("") == 0);
    assert_true(lr_samples_hash64("0123456789abcdef0000") == 0x0123456789abcdefu);
}

static void test_real_lmeval_lines(void **state)
{
    (void)state;
    lines ls = {0};
    lr_samples_scan_stats st;
    lr_error err;
    assert_int_equal(
        lr_samples_scan(QWEN_1604 "samples_negotiationtom_belief_2026-07-08T16-04-34.219874.jsonl",
                        NULL, collect, &ls, &st, &err),
        LR_OK);
    assert_int_equal(st.lines, 20);
    assert_int_equal(st.malformed, 0);
    assert_int_equal(st.bytes, 166236);
    double correct = 0;
    for (size_t i = 0; i < ls.n; i++) {
        char want[24];
        snprintf(want, sizeof want, "%zu", i);
        assert_string_equal(ls.l[i].id, want);
        assert_string_equal(ls.l[i].filter, "none");
        assert_true(ls.l[i].doc_hash && ls.l[i].prompt_hash && ls.l[i].target_hash);
        assert_int_equal(ls.l[i].n_metrics, 1);
        correct += *value_of(&ls.l[i], "acc");
    }
    assert_true(correct == 9); /* acc,none = 0.45 on 20 items in the results file */
    /* doc 0's hashes as written in the file */
    assert_true(ls.l[0].doc_hash == 0x78d0c7332d6aab22u);
    assert_true(ls.l[0].prompt_hash == 0xadf1b4b5beda70ecu);
    assert_true(ls.l[0].target_hash == 0x4e07408562bedb8bu);

    memset(&ls, 0, sizeof ls);
    assert_int_equal(lr_samples_scan(QWEN_1604 "samples_negotiationtom_intention_2026-07-08T16-04-"
                                               "34.219874.jsonl",
                                     NULL, collect, &ls, &st, &err),
                     LR_OK);
    assert_int_equal(ls.n, 20);
    double em = 0;
    for (size_t i = 0; i < ls.n; i++) {
        em += *value_of(&ls.l[i], "exact_match");
        assert_null(value_of(&ls.l[i], "micro_f1")); /* a list per item: no value */
        assert_int_equal(ls.l[i].n_metrics, 3);
    }
    assert_true(em == 4);
    assert_true(ls.l[0].doc_hash == 0x11a87dfd94b1e56au);
    assert_true(ls.l[0].prompt_hash == 0xbfdd101dd921fab6u);
    assert_true(ls.l[0].target_hash == 0xc3b517c505241876u);

    /* the older layout: no filter, no metrics list, integer acc */
    memset(&ls, 0, sizeof ls);
    assert_int_equal(lr_samples_scan(ASDIV "samples_asdiv_2024-08-21T03-44-09.494230.jsonl", NULL,
                                     collect, &ls, &st, &err),
                     LR_OK);
    assert_int_equal(st.lines, 50);
    assert_int_equal(ls.n, 50);
    double acc = 0;
    for (size_t i = 0; i < ls.n; i++) {
        assert_int_equal(ls.l[i].has_filter, 0);
        assert_int_equal(ls.l[i].has_metrics, 0);
        acc += *value_of(&ls.l[i], "acc");
    }
    assert_true(acc == 46); /* acc,none = 0.92 on 50 */
    for (size_t i = 0; i < ls.n; i++)
        assert_string_equal(ls.l[i].cluster, ""); /* no field asked for */

    /* a field of each line's document kept as its cluster, whole or cut by any chunk size:
     * ASDiv's solution_type (20 Addition, 21 Subtraction, 8 Sum, 1 Comparison); a key of the
     * same name outside "doc", or deeper inside it, is not taken */
    size_t len = 0;
    char *text =
        read_text(source_path(ASDIV "samples_asdiv_2024-08-21T03-44-09.494230.jsonl"), &len);
    assert_non_null(text);
    static const size_t chunks[] = {0, 1, 7, 4096};
    for (size_t c = 0; c < sizeof chunks / sizeof *chunks; c++) {
        memset(&ls, 0, sizeof ls);
        lr_samples_scan_bytes(text, len, chunks[c], "solution_type", collect, &ls, &st);
        assert_int_equal(ls.n, 50);
        size_t add = 0, sub = 0, sum = 0, cmp = 0;
        for (size_t i = 0; i < ls.n; i++) {
            add += !strcmp(ls.l[i].cluster, "Addition");
            sub += !strcmp(ls.l[i].cluster, "Subtraction");
            sum += !strcmp(ls.l[i].cluster, "Sum");
            cmp += !strcmp(ls.l[i].cluster, "Comparison");
        }
        assert_int_equal(add, 20);
        assert_int_equal(sub, 21);
        assert_int_equal(sum, 8);
        assert_int_equal(cmp, 1);
    }
    free(text);
    static const char nested[] =
        "{\"doc_id\": 1, \"t\": \"x\", \"doc\": {\"q\": {\"t\": \"deep\"}}, "
        "\"acc\": 1}\n{\"doc_id\": 2, \"doc\": {\"t\": 7}, \"acc\": 0}\n";
    memset(&ls, 0, sizeof ls);
    lr_samples_scan_bytes(nested, strlen(nested), 0, "t", collect, &ls, &st);
    assert_int_equal(ls.n, 2);
    assert_string_equal(ls.l[0].cluster, "");
    assert_string_equal(ls.l[1].cluster, "7"); /* a number, as written */

    assert_int_equal(
        lr_samples_scan("tests/data/samples/missing.jsonl", NULL, collect, &ls, &st, &err), LR_EIO);
    assert_non_null(strstr(err.message, "cannot open"));
}

typedef struct recorder {
    lr_diag diag;
    char text[4096];
    int warnings;
} recorder;

static void record(void *user, lr_severity sev, const lr_error *e)
{
    recorder *r = user;
    char line[1024];
    lr_error_format(e, line, sizeof line);
    size_t n = strlen(r->text);
    snprintf(r->text + n, sizeof r->text - n, "%s\n", line);
    if (sev == LR_WARNING)
        r->warnings++;
}

static lr_store *load(recorder *rec, const char *const *files, size_t n)
{
    memset(rec, 0, sizeof *rec);
    rec->diag.fn = record;
    rec->diag.user = rec;
    lr_store *s = lr_store_new(&rec->diag);
    assert_non_null(s);
    for (size_t i = 0; i < n; i++) {
        lr_error err;
        int is_config;
        assert_int_equal(lr_ingest_file(s, files[i], NULL, &is_config, &err), LR_OK);
    }
    rec->text[0] = '\0';
    rec->warnings = 0;
    return s;
}

static const lr_item_set *set_of(const lr_items *items, const char *benchmark, const char *metric)
{
    for (size_t i = 0; i < items->n; i++)
        if (!strcmp(items->sets[i]->key.benchmark, benchmark) &&
            !strcmp(items->sets[i]->key.metric, metric))
            return items->sets[i];
    return NULL;
}

static double sum(const lr_item_set *s)
{
    double v = 0;
    for (size_t i = 0; i < s->n; i++)
        v += s->items[i].value;
    return v;
}

static void test_attach_beside(void **state)
{
    (void)state;
    recorder rec;
    const char *files[] = {QWEN_1604 "results_2026-07-08T16-04-34.219874.json",
                           ASDIV "results_2024-08-21T03-44-09.494230.json"};
    lr_store *store = load(&rec, files, 2);
    lr_items items;
    lr_items_init(&items);
    assert_int_equal(lr_samples_attach(&items, store, NULL, 0, &rec.diag), LR_OK);
    assert_string_equal(rec.text, "");
    /* belief and desire (acc), intention (exact_match; micro_f1 and macro_f1 have no per-item
     * values), asdiv (acc), and the group negotiationtom: acc over belief and desire, and
     * exact_match over intention */
    assert_int_equal(items.n, 6);
    const lr_item_set *b = set_of(&items, "negotiationtom_belief", "acc");
    assert_non_null(b);
    assert_int_equal(b->n, 20);
    assert_int_equal(b->binary, 1);
    assert_true(sum(b) == 9);
    assert_string_equal(b->task, "negotiationtom_belief");
    assert_string_equal(b->filter, "none");
    assert_null(b->key.variant);
    assert_string_equal(b->items[2].id, "2");
    assert_string_equal(b->items[10].id, "10"); /* ids in numeric order */
    const lr_item_set *in = set_of(&items, "negotiationtom_intention", "exact_match");
    assert_non_null(in);
    assert_true(sum(in) == 4);
    const lr_item_set *g = set_of(&items, "negotiationtom", "acc");
    assert_non_null(g);
    assert_int_equal(g->n, 40);
    assert_true(sum(g) == 21); /* acc,none = 0.525 */
    assert_string_equal(g->items[0].id, "negotiationtom_belief/0");
    assert_string_equal(g->items[20].id, "negotiationtom_desire/0");
    const lr_item_set *as = set_of(&items, "asdiv", "acc");
    assert_non_null(as);
    assert_int_equal(as->n, 50);
    assert_true(sum(as) == 46);
    /* each set is found from its observation */
    size_t found = 0;
    for (size_t i = 0; i < lr_store_count(store); i++)
        found += lr_items_find(&items, lr_store_get(store, i)) != NULL;
    assert_int_equal(found, 6);
    assert_string_equal(b->key.model, "Qwen/Qwen3-8B");
    lr_items_free(&items);
    lr_store_free(store);
}

static void test_attach_eee_mean_differs(void **state)
{
    (void)state;
    recorder rec;
    const char *files[] = {EEE "f3a1c0de-4b2e-4c1a-9f6d-1b7e5a2c8d40.json"};
    lr_store *store = load(&rec, files, 1);
    lr_items items;
    lr_items_init(&items);
    assert_int_equal(lr_samples_attach(&items, store, NULL, 0, &rec.diag), LR_OK);
    /* the aggregate says 0.75, its one instance scores 1.0 */
    assert_int_equal(items.n, 0);
    assert_string_equal(
        rec.text, EEE "f3a1c0de-4b2e-4c1a-9f6d-1b7e5a2c8d40_samples.jsonl: the items of "
                      "demo-source.demo_bench (score) do not average to the result 75: not used "
                      "for paired comparisons\n" EEE "f3a1c0de-4b2e-4c1a-9f6d-1b7e5a2c8d40_"
                      "samples.jsonl: no evaluation result read matches these samples: not used\n");
    lr_items_free(&items);
    lr_store_free(store);
}

static void copy_file(const char *from, const char *to)
{
    size_t len;
    char *text = read_text(from, &len);
    assert_non_null(text);
    FILE *f = fopen(to, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    fclose(f);
    free(text);
}

static void test_attach_explicit(void **state)
{
    (void)state;
    recorder rec;
    const char *files[] = {QWEN_1815 "results_2026-07-08T18-15-33.115417.json"};
    lr_store *store = load(&rec, files, 1);
    /* the samples given as inputs from elsewhere: matched by task and run time; a samples file
     * of a run that was not read is reported */
    char given[1024], stray[1024];
    const char *dir = temp_dir("samples_explicit");
    snprintf(given, sizeof given,
             "%s/samples_negotiationtom_belief_2026-07-08T18-15-33.115417.jsonl", dir);
    snprintf(stray, sizeof stray,
             "%s/samples_negotiationtom_belief_2026-07-08T16-04-34.219874.jsonl", dir);
    copy_file(QWEN_1815 "samples_negotiationtom_belief_2026-07-08T18-15-33.115417.jsonl", given);
    copy_file(QWEN_1604 "samples_negotiationtom_belief_2026-07-08T16-04-34.219874.jsonl", stray);
    /* the one beside the results file and its copy given again: read once each (the copy is
     * another file, so it would be a second set for the same result: dropped) */
    const char *explicit[] = {given, stray};
    lr_items items;
    lr_items_init(&items);
    assert_int_equal(lr_samples_attach(&items, store, explicit, 2, &rec.diag), LR_OK);
    assert_int_equal(items.n, 3); /* belief, desire and their group */
    assert_true(sum(set_of(&items, "negotiationtom_belief", "acc")) == 9);
    char want[2048];
    snprintf(want, sizeof want,
             "%s: no results file of task negotiationtom_belief at 2026-07-08T16-04-34.219874 was "
             "read: samples not used\n",
             stray);
    assert_true(strstr(rec.text, want) != NULL);
    lr_items_free(&items);
    lr_store_free(store);
}

static void test_snapshot_roundtrip(void **state)
{
    (void)state;
    recorder rec;
    const char *files[] = {QWEN_1604 "results_2026-07-08T16-04-34.219874.json",
                           ASDIV "results_2024-08-21T03-44-09.494230.json"};
    lr_store *store = load(&rec, files, 2);
    lr_items items;
    lr_items_init(&items);
    assert_int_equal(lr_samples_attach(&items, store, NULL, 0, &rec.diag), LR_OK);
    lr_buf out = LR_BUF_INIT;
    lr_items_export(&items, &out);
    assert_false(lr_buf_failed(&out));
    /* six lines, sets in byte order of their keys: the Qwen sets ("Q" < "m"), then asdiv */
    size_t lines_n = 0;
    for (size_t i = 0; i < out.len; i++)
        lines_n += out.data[i] == '\n';
    assert_int_equal(lines_n, 6);
    const char *first = "{\"model\":\"Qwen/Qwen3-8B\",\"benchmark\":\"negotiationtom\","
                        "\"metric\":\"acc\",\"variant\":null,";
    if (strncmp(out.data, first, strlen(first)))
        fail_msg("starts %.120s", out.data);
    assert_non_null(strstr(out.data, "[\"0\",\"11a87dfd94b1e56a\",\"bfdd101dd921fab6\","
                                     "\"c3b517c505241876\",0]"));
    char path[1024];
    snprintf(path, sizeof path, "%s/items.jsonl", temp_dir("samples_snapshot"));
    assert_int_equal(write_text(path, out.data), 0);
    lr_items back;
    lr_items_init(&back);
    lr_error err;
    assert_int_equal(lr_samples_read_snapshot(&back, path, &rec.diag, &err), LR_OK);
    assert_int_equal(back.n, 6);
    for (size_t i = 0; i < lr_store_count(store); i++) {
        const lr_observation *o = lr_store_get(store, i);
        const lr_item_set *a = lr_items_find(&items, o), *b = lr_items_find(&back, o);
        assert_true((a == NULL) == (b == NULL));
        if (!a)
            continue;
        assert_int_equal(a->n, b->n);
        assert_int_equal(a->binary, b->binary);
        for (size_t k = 0; k < a->n; k++) {
            assert_string_equal(a->items[k].id, b->items[k].id);
            assert_true(a->items[k].doc_hash == b->items[k].doc_hash);
            assert_true(a->items[k].prompt_hash == b->items[k].prompt_hash);
            assert_true(a->items[k].target_hash == b->items[k].target_hash);
            assert_true(a->items[k].value == b->items[k].value);
        }
    }
    lr_buf again = LR_BUF_INIT;
    lr_items_export(&back, &again);
    assert_string_equal(out.data, again.data);
    lr_buf_free(&out);
    lr_buf_free(&again);
    lr_items_free(&items);
    lr_items_free(&back);
    lr_store_free(store);
}

/* The index of item sets: 3000 sets of distinct keys (model, shots, method, variant, and NULL
 * against "" as different keys) are each found again, a later set with a key already taken does
 * not replace the first, and a set without a key is found once lr_items_set_key gives it one. */
static void test_items_index(void **state)
{
    (void)state;
    lr_items items;
    lr_items_init(&items);
    static const char *const variants[] = {NULL, "", "strict-match"};
    char model[32];
    lr_item_set *made[3000];
    for (int i = 0; i < 3000; i++) {
        snprintf(model, sizeof model, "m%d", i / 30);
        lr_item_key key = {model,      "mmlu", "acc", variants[i % 3], i % 2 ? "chat" : NULL,
                           (i / 6) % 5};
        made[i] = lr_items_add_set(&items, &key, "mmlu", NULL, NULL);
        assert_non_null(made[i]);
    }
    for (int i = 0; i < 3000; i++) {
        snprintf(model, sizeof model, "m%d", i / 30);
        lr_setting st;
        memset(&st, 0, sizeof st);
        st.benchmark = "mmlu";
        st.metric = "acc";
        st.variant = variants[i % 3];
        st.method = i % 2 ? "chat" : NULL;
        st.shots = (i / 6) % 5;
        lr_observation o;
        memset(&o, 0, sizeof o);
        o.model = model;
        o.setting = &st;
        assert_ptr_equal(lr_items_find(&items, &o), made[i]);
        if (i == 7) {
            lr_item_key again = lr_item_key_of(&o);
            assert_non_null(lr_items_add_set(&items, &again, "mmlu", NULL, NULL));
            assert_ptr_equal(lr_items_find(&items, &o), made[7]);
        }
        if (i == 8) {
            st.benchmark = "arc";
            assert_null(lr_items_find(&items, &o));
            lr_item_key none = {NULL, NULL, NULL, NULL, NULL, 0};
            lr_item_set *later = lr_items_add_set(&items, &none, "arc", NULL, NULL);
            assert_non_null(later);
            assert_null(lr_items_find(&items, &o));
            assert_int_equal(lr_items_set_key(&items, later, &o), LR_OK);
            assert_ptr_equal(lr_items_find(&items, &o), later);
        }
    }
    assert_int_equal(items.failed, 0);
    lr_items_free(&items);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scanner_lines),           cmocka_unit_test(test_names),
        cmocka_unit_test(test_real_lmeval_lines),       cmocka_unit_test(test_attach_beside),
        cmocka_unit_test(test_attach_eee_mean_differs), cmocka_unit_test(test_attach_explicit),
        cmocka_unit_test(test_snapshot_roundtrip),      cmocka_unit_test(test_items_index),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

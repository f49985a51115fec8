/* lr_json_load against the old path (lr_utf8_repair + lr_json_parse + lr_json_duplicates):
 * every JSON file of the shared data, the tests' data, the samples and the fuzz corpora, and
 * hand-written hostile inputs, must give the same status, message, position, counts and the
 * same tree, node for node and bit for bit. */
#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/jparse.h"
#include "core/json.h"
#include "core/utf8.h"
#include "testutil.h"

typedef struct outcome {
    char *repaired; /* old path: the text after lr_utf8_repair, before lr_json_parse */
    lr_status status;
    lr_error err;
    lr_json_info info;
    cJSON *root;
    char *text; /* as left by the path */
    size_t len;
} outcome;

static void load_old(const char *data, size_t n, outcome *o)
{
    memset(o, 0, sizeof *o);
    o->text = malloc(n + 1);
    assert_non_null(o->text);
    memcpy(o->text, data, n);
    o->text[n] = '\0';
    o->len = n;
    o->info.bad_utf8 = lr_utf8_repair(&o->text, &o->len, &o->info.bad_utf8_at);
    assert_true(o->info.bad_utf8 != (size_t)-1);
    o->repaired = malloc(o->len + 1);
    assert_non_null(o->repaired);
    memcpy(o->repaired, o->text, o->len + 1);
    o->status = lr_json_parse(o->text, o->len, "t.json", &o->root, &o->info.nonfinite, &o->err);
    if (!o->status)
        o->info.duplicates =
            lr_json_duplicates(o->root, o->info.duplicate_at, sizeof o->info.duplicate_at);
}

static void load_new(const char *data, size_t n, lr_arena *arena, outcome *o)
{
    memset(o, 0, sizeof *o);
    o->text = malloc(n + 1);
    assert_non_null(o->text);
    memcpy(o->text, data, n);
    o->text[n] = '\0';
    o->len = n;
    o->status = lr_json_load(&o->text, &o->len, "t.json", arena, &o->root, &o->info, &o->err);
}

/* Whether two trees are the same node for node; why not in why. */
static int same_tree(const cJSON *a, const cJSON *b, char *why, size_t size)
{
    if (a->type != b->type)
        return snprintf(why, size, "type %d vs %d", a->type, b->type), 0;
    if (a->valueint != b->valueint)
        return snprintf(why, size, "valueint %d vs %d", a->valueint, b->valueint), 0;
    if (memcmp(&a->valuedouble, &b->valuedouble, sizeof a->valuedouble))
        return snprintf(why, size, "valuedouble %.17g vs %.17g", a->valuedouble, b->valuedouble), 0;
    if (!a->valuestring != !b->valuestring ||
        (a->valuestring && strcmp(a->valuestring, b->valuestring)))
        return snprintf(why, size, "valuestring \"%s\" vs \"%s\"",
                        a->valuestring ? a->valuestring : "(null)",
                        b->valuestring ? b->valuestring : "(null)"),
               0;
    if (!a->string != !b->string || (a->string && strcmp(a->string, b->string)))
        return snprintf(why, size, "key \"%s\" vs \"%s\"", a->string ? a->string : "(null)",
                        b->string ? b->string : "(null)"),
               0;
    const cJSON *ca = a->child, *cb = b->child;
    for (; ca && cb; ca = ca->next, cb = cb->next)
        if (!same_tree(ca, cb, why, size))
            return 0;
    if (ca || cb)
        return snprintf(why, size, "child count"), 0;
    return 1;
}

/* cJSON's links: next and prev between siblings, the first child's prev on the last one. */
static int links_ok(const cJSON *item)
{
    const cJSON *prev = NULL;
    for (const cJSON *c = item->child; c; prev = c, c = c->next) {
        if (c != item->child && c->prev != prev)
            return 0;
        if (!links_ok(c))
            return 0;
    }
    return !item->child || item->child->prev == prev;
}

/* The raw parser's own verdict on valid UTF-8 text: 1 accepted, 0 declined. */
static int fast_accepts(const char *data, size_t n)
{
    lr_arena arena = LR_ARENA_INIT;
    char *text = malloc(n + 1);
    assert_non_null(text);
    memcpy(text, data, n);
    text[n] = '\0';
    cJSON *root;
    lr_jparse_stats stats;
    lr_jparse_result r = lr_jparse(text, n, &arena, &root, &stats);
    free(text);
    lr_arena_free(&arena);
    return r == LR_JPARSE_OK;
}

/*
 * Same outcome, else a message naming the input. And the one-pass parser must not leave to the
 * old path what the old path accepts (the fallback would hide its mistakes), except for the
 * rare forms it declines on purpose (rare set).
 */
static void expect_same_or(const char *name, const char *data, size_t n, int rare)
{
    lr_arena arena = LR_ARENA_INIT;
    outcome o, m;
    char why[2048] = "";
    load_old(data, n, &o);
    load_new(data, n, &arena, &m);
    int ok = o.status == m.status;
    if (!ok)
        snprintf(why, sizeof why, "status %d vs %d (%s)", o.status, m.status, m.err.message);
    if (ok && o.status) {
        ok = !strcmp(o.err.message, m.err.message) && o.err.line == m.err.line &&
             o.err.column == m.err.column && !strcmp(o.err.file, m.err.file);
        if (!ok)
            snprintf(why, sizeof why, "error %d:%d %s vs %d:%d %s", o.err.line, o.err.column,
                     o.err.message, m.err.line, m.err.column, m.err.message);
    }
    if (ok && (o.info.nonfinite != m.info.nonfinite || o.info.bad_utf8 != m.info.bad_utf8 ||
               o.info.bad_utf8_at != m.info.bad_utf8_at)) {
        ok = 0;
        snprintf(why, sizeof why, "nonfinite %d vs %d, bad UTF-8 %zu at %zu vs %zu at %zu",
                 o.info.nonfinite, m.info.nonfinite, o.info.bad_utf8, o.info.bad_utf8_at,
                 m.info.bad_utf8, m.info.bad_utf8_at);
    }
    if (ok && !o.status &&
        (o.info.duplicates != m.info.duplicates ||
         strcmp(o.info.duplicate_at, m.info.duplicate_at))) {
        ok = 0;
        snprintf(why, sizeof why, "duplicates %zu at \"%s\" vs %zu at \"%s\"", o.info.duplicates,
                 o.info.duplicate_at, m.info.duplicates, m.info.duplicate_at);
    }
    if (ok && !o.status) {
        ok = same_tree(o.root, m.root, why, sizeof why);
        if (ok && (!links_ok(m.root) || m.root->prev || m.root->next || !links_ok(o.root))) {
            ok = 0;
            snprintf(why, sizeof why, "links differ from cJSON's");
        }
        char *po = cJSON_PrintUnformatted(o.root), *pm = cJSON_PrintUnformatted(m.root);
        if (ok && (!po || !pm || strcmp(po, pm))) {
            ok = 0;
            snprintf(why, sizeof why, "printed trees differ");
        }
        cJSON_free(po);
        cJSON_free(pm);
    }
    /* lr_text_position on the parsed text: the line breaks are where they were */
    if (ok && o.len == m.len) {
        for (size_t i = 0; i < o.len && ok; i++)
            if ((o.text[i] == '\n') != (m.text[i] == '\n')) {
                ok = 0;
                snprintf(why, sizeof why, "line break moved at offset %zu", i);
            }
    } else if (ok) {
        ok = 0;
        snprintf(why, sizeof why, "text length %zu vs %zu", o.len, m.len);
    }
    if (ok && !o.status && !rare && !fast_accepts(o.repaired, o.len)) {
        ok = 0;
        snprintf(why, sizeof why, "declined by the one-pass parser");
    }
    if (!ok)
        print_error("%s: %s\n", name, why);
    cJSON_Delete(o.root);
    free(o.repaired);
    free(o.text);
    free(m.text);
    lr_arena_free(&arena);
    assert_true(ok);
}

static void expect_same(const char *name, const char *data, size_t n)
{
    expect_same_or(name, data, n, 0);
}

#define SAME(lit) expect_same(#lit, lit, sizeof lit - 1)
/* the forms left to the old path: text after a NUL that ends the document, \u escapes with
 * non-hex digits */
#define SAME_RARE(lit) expect_same_or(#lit, lit, sizeof lit - 1, 1)

/* The forms the one-pass parser leaves to the old path on purpose: text after a NUL that ends
 * the document, \u escapes with non-hex digits (over-approximated). */
static int rare_form(const char *text, size_t len)
{
    if (memchr(text, '\0', len))
        return 1;
    for (const char *p = text; (p = memchr(p, '\\', len - (size_t)(p - text))); p++)
        if (len - (size_t)(p - text) >= 2 && p[1] == 'u')
            for (size_t i = 2; i < 6; i++)
                if (p + i >= text + len || !strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
                    return 1;
    return 0;
}

typedef struct walk {
    size_t files, fast; /* fast: parsed by the one-pass parser (expect_same checks it) */
} walk;

static void check_file(const char *path, walk *w)
{
    size_t n;
    char *data = read_text(path, &n);
    assert_non_null(data);
    expect_same_or(path, data, n, rare_form(data, n));
    w->files++;
    outcome o;
    load_old(data, n, &o);
    w->fast += !o.status && !rare_form(data, n);
    cJSON_Delete(o.root);
    free(o.repaired);
    free(o.text);
    free(data);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file under dir (recursively) whose name ends in suffix ("" for all). */
static void check_dir(const char *dir, const char *suffix, walk *w)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char *names[4096];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 4096)
        if (e->d_name[0] != '.')
            names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        struct stat st;
        size_t nl = strlen(names[i]), sl = strlen(suffix);
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            check_dir(path, suffix, w);
        else if (S_ISREG(st.st_mode) && nl >= sl && !strcmp(names[i] + nl - sl, suffix))
            check_file(path, w);
        free(names[i]);
    }
}

static void test_data_files(void **state)
{
    (void)state;
    walk w = {0, 0};
    check_dir(LR_SHARED_DATA, ".json", &w);
    size_t shared = w.files;
    check_dir(source_path("tests/data"), ".json", &w);
    check_dir(source_path("samples"), ".json", &w);
    size_t json = w.files;
    check_dir(source_path("tests/fuzz/corpus"), "", &w);
    print_message("%zu files (%zu shared, %zu JSON of the tree, %zu fuzz seeds), %zu on the "
                  "fast path\n",
                  w.files, shared, json - shared, w.files - json, w.fast);
    assert_true(shared >= 20);
    assert_true(json - shared >= 20);
    assert_true(w.files - json >= 50);
    assert_true(w.fast >= 40);
}

static void test_syntax_errors(void **state)
{
    (void)state;
    SAME("");
    SAME("   \n\t ");
    SAME("\xEF\xBB\xBF");
    SAME("\xEF\xBB\xBF  ");
    SAME("\x01");
    SAME("[1,2");
    SAME("[1,2,]");
    SAME("{\"a\":1,}");
    SAME("{\"a\" 1}");
    SAME("{\"a\":}");
    SAME("{\"a\":");
    SAME("{a:1}");
    SAME("{1:1}");
    SAME("[1 2]");
    SAME("\"abc");
    SAME("[\"a\\");
    SAME("[\"a\\\"]");
    SAME("[\"\\x\"]");
    SAME("[\"\\");
    SAME("tru");
    SAME("true");
    SAME("truex");
    SAME("nul");
    SAME("[true,false,null]");
    SAME("[True]");
    SAME("[\x7f]");
    SAME("[1]]");
    SAME("{} x");
    SAME("{}\x0b");
    SAME("{}\x01");
    SAME("{} {}");
    SAME("[1,\x01 2]");
    SAME("[1,\0 2]");
    SAME(" \x0b[1]");
    SAME("{\"a\"\0:\0 1\0}");
    /* text after a NUL that ends the document: still read for NaN, depth and UTF-8 */
    SAME_RARE("{}\0");
    SAME_RARE("{}\0garbage");
    SAME_RARE("{} \n\0 NaN [1, Infinity]");
    SAME_RARE("{}\0\xff\xfe");
    SAME_RARE("[1]\0\"unterminated");
}

static void test_bom(void **state)
{
    (void)state;
    SAME("\xEF\xBB\xBF{}");
    SAME("\xEF\xBB\xBF [1]");
    SAME("\xEF\xBB\xBF\xEF\xBB\xBF{}"); /* cJSON skips a second one in 5 bytes or more */
    SAME("\xEF\xBB\xBF\xEF\xBB\xBF{} ");
    SAME("\xEF\xBB\xBF\xEF\xBB\xBF"
         "1"); /* ... not in 4 */
    SAME("\xEF\xBB\xBF\xEF\xBB\xBF\xEF\xBB\xBF{}");
    SAME(" \xEF\xBB\xBF{}");
    SAME("\xEF\xBB{}");
}

static void test_nonfinite(void **state)
{
    (void)state;
    SAME("[NaN, Infinity, -Infinity]");
    SAME("{\"a\": NaN, \"b\": {\"c\": -Infinity}}");
    SAME("{NaN: 1, Infinity: 2, -Infinity: 3}"); /* the rewrite makes them member names */
    SAME("{NaN: 1, NaN: 2}");
    SAME("NaN");
    SAME("-Infinity");
    SAME("[-NaN]");
    SAME("[NaNa]");
    SAME("[Infinit]");
    SAME("[1NaN]");
    SAME("[\"NaN\", \"Infinity\"]");
    SAME("[1e-Infinity]");
    SAME("[NaN NaN]");
    SAME("[nan, inf]");
    SAME("{\"x\": NaN} NaN");
}

static void test_numbers(void **state)
{
    (void)state;
    SAME("1e400");
    SAME("-1e400");
    SAME("[1e400, -1e400, 1e-400, -1e-400]");
    SAME("-0");
    SAME("[0, -0, 0.0, -0.0, 0e10, -0e-10, 00, 000.000]");
    SAME("123456789012345678901234567890");
    SAME("[9007199254740993, 9007199254740992, 18446744073709551615, 18446744073709551616]");
    SAME("[2147483647, 2147483648, -2147483648, -2147483649, 3000000000, -3000000000]");
    SAME("[2147483646.5, -2147483647.5, 1e10, -1e10]");
    SAME("[0.1, 0.2, 0.30000000000000004, 1.7976931348623157e308, 1.7976931348623159e308]");
    SAME("[2.2250738585072011e-308, 2.2250738585072014e-308, 4.9e-324, 5e-324, 2.4e-324]");
    SAME("[1., -.5, 01, 1e, 1e+, 1E5, 1e+05, 1E-05]");
    SAME("[1.]");
    SAME("[-.5]");
    SAME("[01]");
    SAME("[1e]");
    SAME("[1e+]");
    SAME("[-]");
    SAME("[-.]");
    SAME("[+1]");
    SAME("[.5]");
    SAME("[1.5.3]");
    SAME("[1-2]");
    SAME("[0x10]");
    SAME("[1e5e3]");
    SAME("[--1]");
    SAME("1.5");
    SAME("[0.28754266211604096, 0.4981640146878825, 0.017503383046877055]");
    SAME("[9.999999999999999e22, 1e23, 8.988465674311579e307, 1.2345678901234567e-05]");
    SAME("[123456789012345678901234567890123456789012345678901234567890123456789012345]");
    SAME("[0.000000000000000000000000000000000000000000000000000000000000000000000000001]");
    SAME("[1e99999999999999999999, 1e-99999999999999999999, 0e99999999999999999999]");
    SAME("[0.99999999999999999999999999, 9999999999999999999, 99999999999999999999]");
}

static unsigned long long next_random(unsigned long long *state)
{
    *state = *state * 6364136223846793005ull + 1442695040888963407ull;
    return *state >> 33;
}

/* Random decimal numbers of every shape: the values must be the bits strtod gives. */
static void test_numbers_random(void **state)
{
    (void)state;
    unsigned long long seed = 42;
    size_t cap = 1 << 20, n = 0;
    char *doc = malloc(cap);
    assert_non_null(doc);
    doc[n++] = '[';
    for (int i = 0; i < 40000 && n + 128 < cap; i++) {
        int int_digits = (int)next_random(&seed) % 21, frac_digits = (int)next_random(&seed) % 23,
            exponent = (int)next_random(&seed) % 4;
        if (next_random(&seed) & 1)
            doc[n++] = '-';
        doc[n++] = (char)('0' + (int_digits ? 1 + next_random(&seed) % 9 : 0));
        for (int d = 1; d < int_digits; d++)
            doc[n++] = (char)('0' + next_random(&seed) % 10);
        if (frac_digits)
            doc[n++] = '.';
        for (int d = 0; d < frac_digits; d++)
            doc[n++] = (char)('0' + next_random(&seed) % 10);
        if (exponent)
            n += (size_t)sprintf(doc + n, "e%s%d", exponent == 2 ? "-" : "",
                                 (int)(next_random(&seed) % (exponent == 3 ? 330 : 40)));
        doc[n++] = ',';
    }
    doc[n - 1] = ']';
    expect_same("random numbers", doc, n);
    free(doc);
}

/* 17 to 19 significant digits with small powers of ten: the exact 128-bit path, where
 * about one number in 2^11 rounds a tie broken only by the remainder of the division. */
static void test_numbers_long(void **state)
{
    (void)state;
    unsigned long long seed = 7;
    size_t cap = 1 << 21, n = 0;
    char *doc = malloc(cap);
    assert_non_null(doc);
    doc[n++] = '[';
    for (int i = 0; i < 60000; i++) {
        int digits = 17 + (int)(next_random(&seed) % 3), point = (int)(next_random(&seed) % 21);
        if (point == 0)
            doc[n++] = '0';
        for (int d = 0; d < digits; d++) {
            if (d == point)
                doc[n++] = '.';
            doc[n++] =
                (char)('0' + (d == 0 ? 1 + next_random(&seed) % 9 : next_random(&seed) % 10));
        }
        doc[n++] = ',';
    }
    doc[n - 1] = ']';
    expect_same("long numbers", doc, n);
#ifdef __SIZEOF_INT128__
    /* The hardest inputs: the midpoint between two doubles in [0.5, 1) rounded up and down to
     * 19 digits, so just above and just below it. */
    __extension__ typedef unsigned __int128 u128;
    n = 0;
    doc[n++] = '[';
    for (int i = 0; i < 20000; i++) {
        uint64_t mant = ((uint64_t)1 << 52) | (next_random(&seed) << 31 ^ next_random(&seed));
        mant &= ((uint64_t)1 << 53) - 1;
        u128 scaled = (u128)(2 * mant + 1) * 10000000000000000000u; /* midpoint * 2^54 * 10^19 */
        uint64_t below = (uint64_t)(scaled >> 54);
        n += (size_t)sprintf(doc + n, "0.%019llu,0.%019llu,", (unsigned long long)below,
                             (unsigned long long)below + 1);
    }
    doc[n - 1] = ']';
    expect_same("midpoints", doc, n);
#endif
    free(doc);
}

static void test_strings(void **state)
{
    (void)state;
    SAME("\"\\u0000abc\"");
    SAME("[\"\\u0000abc\", \"a\\u0000\"]");
    SAME("\"\\uD800\"");
    SAME("\"\\uDC00\"");
    SAME("\"\\uD800\\u0041\"");
    SAME("\"\\uD800x\"");
    SAME("\"\\uD800\\uDBFF\"");
    SAME("\"\\uD83D\\uDE00 \\u00e9\\u0041\\u20AC\\uFFFF\\u007f\\u0080\\u07FF\\u0800\"");
    SAME("\"\\uDBFF\\uDFFF\"");
    SAME_RARE("\"\\uZZZZ\"");
    SAME("\"\\u12\"");
    SAME_RARE("\"\\u12G4\"");
    SAME_RARE("\"\\u\\\\ab\"");
    SAME_RARE("\"\\uabc\\\"x\"");
    SAME_RARE("\"\\u\\\"abc\"");
    SAME("\"\\uD800\\uZZZZ\"");
    SAME("\"\\b\\f\\n\\r\\t\\\"\\\\\\/\"");
    SAME("\"\x01\x1f\x7f\"");
    SAME("\"a\0b\"");
    SAME("[\"line\nbreak\", \"escaped\\nthen raw\nbreak\", \"\\u000a\\u000A\"]");
    SAME("{\"a\\nb\": \"c\\nd\", \"e\": \"\\t\\n\"}");
    SAME("\"unterminated");
    SAME("[\"x\", \"y");
}

static void test_utf8(void **state)
{
    (void)state;
    SAME("[\"\xff\"]");
    SAME("[\"\xc3\"]");
    SAME("[\"\xc3\"");
    SAME("[\"a\xc3\xa9\xed\xa0\x80z\"]");
    SAME("{\"r\xe9sum\xe9\": \"caf\xe9\"}");
    SAME("[\xff]");
    SAME("\xff");
    SAME("[1]\xff");
    SAME("[\"\\n\xff\", \"x\\ny\"]");
    SAME("[\"a\\nb\", \"line\nbreak\", \"\xf0\x9f\x98\x80\xf0\x9f\x98\"]");
    SAME("[\"\\\xc3\xa9\"]");
    SAME("[\"\xe2\x82\xac\xf4\x90\x80\x80\xc0\xaf\xe0\x80\xaf\"]");
    SAME("[\"ok\"] \xfe");
    SAME("[\"\xc3\xa9\", \"\xe4\xb8\xad\xe6\x96\x87\", \"\xed\x95\x9c\"]");
    /* where the first bad byte is: the same line and column in both texts */
    SAME("{\"p\": \"a\\nb\\nc\",\n \"q\": \"x\\ny\",\n \"r\": \"\xff\"}");
}

static void nested(char *buf, int depth, const char *open, const char *close, const char *mid)
{
    size_t n = 0, o = strlen(open), c = strlen(close);
    for (int i = 0; i < depth; i++, n += o)
        memcpy(buf + n, open, o);
    n += (size_t)sprintf(buf + n, "%s", mid);
    for (int i = 0; i < depth; i++, n += c)
        memcpy(buf + n, close, c);
    buf[n] = '\0';
}

static void test_deep_nesting(void **state)
{
    (void)state;
    char *buf = malloc(200000);
    assert_non_null(buf);
    static const int depths[] = {511, 512, 513, 600, 10000};
    for (size_t i = 0; i < sizeof depths / sizeof depths[0]; i++) {
        nested(buf, depths[i], "[", "]", "1");
        expect_same("arrays", buf, strlen(buf));
        nested(buf, depths[i], "{\"a\":", "}", "NaN");
        expect_same("objects", buf, strlen(buf));
        nested(buf, depths[i], "[", "", "");
        expect_same("unclosed", buf, strlen(buf));
        nested(buf, depths[i], "[{\"k\":", "}]", "[]");
        expect_same("mixed", buf, strlen(buf));
    }
    nested(buf, 512, "[", "]", "1");
    assert_true(fast_accepts(buf, strlen(buf)));
    nested(buf, 513, "[", "]", "1");
    assert_false(fast_accepts(buf, strlen(buf)));
    /* deeper than the limit only after a NUL, or inside strings */
    size_t n = (size_t)sprintf(buf, "[1]");
    buf[n++] = '\0';
    memset(buf + n, '[', 600);
    expect_same_or("deep after NUL", buf, n + 600, 1);
    buf[0] = '"';
    memset(buf + 1, '[', 600);
    buf[601] = '"';
    expect_same("brackets in a string", buf, 602);
    free(buf);
}

static void test_duplicates(void **state)
{
    (void)state;
    SAME("{\"a\":1,\"a\":2}");
    SAME("{\"a\":1,\"b\":2,\"a\":3,\"b\":4,\"a\":5}");
    SAME("{\"a\":{\"x\":1,\"x\":2},\"a\":3}");
    SAME("{\"a\":{\"x\":1,\"x\":2},\"b\":3}");
    SAME("[{\"k\":1},{\"k\":1,\"k\":2}]");
    SAME("{\"a/b~c\":{\"d~/e\":[0,{\"f\":1,\"f\":1}]}}");
    SAME("{\"a\\u0000x\":1,\"a\\u0000y\":2}"); /* equal as C strings */
    SAME("{\"a\0x\":1,\"a\0y\":2}");
    SAME("{\"\":1,\"\":2}");
    SAME("{\"k\":1,\"K\":2}");
    /* large objects: 2000 keys, one repeated late, then many */
    char *buf = malloc(1 << 20);
    assert_non_null(buf);
    for (int variant = 0; variant < 5; variant++) {
        size_t n = 0;
        n += (size_t)sprintf(buf + n, "{\"outer\": {");
        for (int i = 0; i < 2000; i++) {
            int key = variant == 1   ? (i == 1999 ? 5 : i) /* one, late */
                      : variant == 2 ? i % 700             /* many */
                      : variant == 3 ? (i * 7919) % 1999   /* one, scattered */
                      : variant == 4 ? (i == 9 ? 8 : i)    /* the ninth key */
                                     : i;
            n += (size_t)sprintf(buf + n, "%s\"key-%d-of-a-long-enough-name\": %d", i ? "," : "",
                                 key, i);
        }
        n += (size_t)sprintf(buf + n, "}, \"after\": {\"x\": 1, \"y\": 2}}");
        outcome o;
        load_old(buf, n, &o);
        assert_int_equal(o.info.duplicates, (size_t)(variant == 0 ? 0 : variant == 2 ? 1300 : 1));
        cJSON_Delete(o.root);
        free(o.repaired);
        free(o.text);
        expect_same("2000 keys", buf, n);
    }
    /* a pointer longer than 256 bytes */
    size_t n = 0;
    for (int i = 0; i < 40; i++)
        n += (size_t)sprintf(buf + n, "{\"level-%02d/~\":", i);
    n += (size_t)sprintf(buf + n, "{\"d\":1,\"d\":2}");
    for (int i = 0; i < 40; i++)
        buf[n++] = '}';
    expect_same("long pointer", buf, n);
    free(buf);
}

/* Every prefix of a document with a bit of everything: truncated input in all places. */
static void test_truncated(void **state)
{
    (void)state;
    static const char doc[] =
        "\xEF\xBB\xBF{\"results\": {\"mmlu\": {\"acc,none\": 0.6543, \"acc_stderr,none\": NaN,\n"
        "  \"alias\": \"MMLU \\u00e9\\uD83D\\uDE00\\n\\\"q\\\"\"}, \"gsm8k\": [1, -2.5e-3, true, "
        "false, null, -Infinity, Infinity]},\n \"caf\xc3\xa9\": {\"x\": [], \"y\": {}, \"x\": "
        "\"\\t\"}}\n";
    for (size_t n = 0; n <= sizeof doc - 1; n++) {
        char name[32];
        snprintf(name, sizeof name, "prefix %zu", n);
        expect_same(name, doc, n);
    }
}

/* Strings point into the text where they can; lr_text_position counts past NULs. */
static void test_in_place(void **state)
{
    (void)state;
    lr_arena arena = LR_ARENA_INIT;
    static const char src[] = "{\"key\": \"value\",\n \"n\": 1,\n \"esc\": \"a\\tb\", \"lf\": "
                              "\"a\\nb\",\n \"z\": NaN}";
    char *text = strdup(src);
    size_t len = strlen(text);
    cJSON *root;
    lr_json_info info;
    lr_error err;
    assert_int_equal(lr_json_load(&text, &len, "t.json", &arena, &root, &info, &err), LR_OK);
    const cJSON *key = cJSON_GetObjectItemCaseSensitive(root, "key");
    assert_string_equal(key->valuestring, "value");
    assert_true(key->valuestring > text && key->valuestring < text + len);
    assert_true(key->string > text && key->string < text + len);
    const cJSON *esc = cJSON_GetObjectItemCaseSensitive(root, "esc");
    assert_string_equal(esc->valuestring, "a\tb");
    assert_true(esc->valuestring > text && esc->valuestring < text + len);
    const cJSON *lf = cJSON_GetObjectItemCaseSensitive(root, "lf");
    assert_string_equal(lf->valuestring, "a\nb");
    assert_false(lf->valuestring > text && lf->valuestring < text + len); /* in the arena */
    assert_int_equal(info.nonfinite, 1);
    assert_string_equal(lr_json_nonfinite_name(cJSON_GetObjectItemCaseSensitive(root, "z")), "NaN");
    int line, col;
    lr_text_position(text, (size_t)(strstr(src, "\"z\"") - src), &line, &col);
    assert_int_equal(line, 4);
    assert_int_equal(col, 2);
    lr_arena_reset(&arena);
    free(text);
    lr_arena_free(&arena);
}

/* The fast ASCII path of lr_utf8_repair against a byte-at-a-time reference. */
static void test_utf8_repair(void **state)
{
    (void)state;
    unsigned long long seed = 1;
    for (int round = 0; round < 2000; round++) {
        size_t n = (size_t)round % 97;
        char *text = malloc(n + 1), *ref = malloc(3 * n + 1);
        assert_non_null(text);
        assert_non_null(ref);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            unsigned b = (unsigned)(seed >> 56);
            text[i] = (char)(round % 3 == 0 ? b : b % 5 == 0 ? 0x80 | b : b & 0x7f);
        }
        text[n] = '\0';
        size_t rn = 0, bad = 0, first = 0;
        for (size_t i = 0; i < n;) {
            size_t k = lr_utf8_char_len((const unsigned char *)text + i, n - i);
            if (k) {
                memcpy(ref + rn, text + i, k);
                rn += k;
                i += k;
            } else {
                if (!bad++)
                    first = i;
                memcpy(ref + rn, "\xEF\xBF\xBD", 3);
                rn += 3;
                i++;
            }
        }
        size_t len = n, at;
        assert_int_equal(lr_utf8_repair(&text, &len, &at), bad);
        assert_int_equal(len, rn);
        assert_memory_equal(text, ref, rn);
        if (bad)
            assert_int_equal(at, first);
        free(text);
        free(ref);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_data_files),   cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_bom),          cmocka_unit_test(test_nonfinite),
        cmocka_unit_test(test_numbers),      cmocka_unit_test(test_numbers_random),
        cmocka_unit_test(test_numbers_long), cmocka_unit_test(test_strings),
        cmocka_unit_test(test_utf8),         cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_duplicates),   cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_in_place),     cmocka_unit_test(test_utf8_repair),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

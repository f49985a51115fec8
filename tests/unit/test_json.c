/* The JSON loader: the exact message and position of every kind of error, the counts it
 * reports (NaN/Infinity, invalid UTF-8, repeated keys), the tree held against cJSON's
 * (tests/fuzz/json_oracle.c, which lists the differences made on purpose) for every JSON file
 * of the shared data, the tests' data, the samples and the fuzz corpora and for generated
 * numbers, nesting and truncations, and strings left in place in the text. */
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
#include "core/json.h"
#include "core/utf8.h"
#include "ingest/config.h"
#include "ingest/ingest.h"
#include "json_oracle.h"
#include "testutil.h"

/* A document and what loading it gives: "ok", or "LINE:COLUMN: message". */
typedef struct json_case {
    const char *text;
    size_t len;
    const char *want;
} json_case;

#define CASE(lit, want)                                                                            \
    {                                                                                              \
        lit, sizeof lit - 1, want                                                                  \
    }

typedef struct loaded {
    lr_arena arena;
    char *text;
    size_t len;
    lr_status status;
    cJSON *root;
    lr_json_info info;
    lr_error err;
    char outcome[600];
} loaded;

static void load(const char *data, size_t n, loaded *l)
{
    memset(l, 0, sizeof *l);
    l->text = malloc(n + 1);
    assert_non_null(l->text);
    memcpy(l->text, data, n);
    l->text[n] = '\0';
    l->len = n;
    l->status = lr_json_load(&l->text, &l->len, "t.json", &l->arena, &l->root, &l->info, &l->err);
    if (l->status)
        snprintf(l->outcome, sizeof l->outcome, "%d:%d: %s", l->err.line, l->err.column,
                 l->err.message);
    else
        snprintf(l->outcome, sizeof l->outcome, "ok");
}

static void unload(loaded *l)
{
    lr_arena_free(&l->arena);
    free(l->text);
}

/* The loader agrees with cJSON on data, or differs only as json_oracle.c allows. */
static void expect_oracle(const char *name, const char *data, size_t n)
{
    char why[512];
    if (lr_json_oracle_check(data, n, why, sizeof why)) {
        print_error("%s: %s\n", name, why);
        fail();
    }
}

static void check_cases(const json_case *cases, size_t n)
{
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        loaded l;
        load(cases[i].text, cases[i].len, &l);
        if (strcmp(l.outcome, cases[i].want)) {
            print_error("case %zu: got \"%s\", want \"%s\"\n", i, l.outcome, cases[i].want);
            failed = 1;
        }
        assert_true(!l.status == !!l.root);
        unload(&l);
        expect_oracle(cases[i].want, cases[i].text, cases[i].len);
    }
    assert_false(failed);
}

#define CHECK_CASES(a) check_cases(a, sizeof a / sizeof a[0])

typedef struct walk {
    size_t files, accepted;
} walk;

static void check_file(const char *path, walk *w)
{
    size_t n;
    char *data = read_text(path, &n);
    assert_non_null(data);
    expect_oracle(path, data, n);
    loaded l;
    load(data, n, &l);
    w->files++;
    w->accepted += !l.status;
    unload(&l);
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
    print_message("%zu files (%zu shared, %zu JSON of the tree, %zu fuzz seeds), %zu accepted\n",
                  w.files, shared, json - shared, w.files - json, w.accepted);
    assert_true(shared >= 20);
    assert_true(json - shared >= 20);
    assert_true(w.files - json >= 50);
    assert_true(w.accepted >= 40);
}

static const json_case syntax_cases[] = {
    CASE("", "1:1: empty file"),
    CASE("   \n\t ", "1:1: empty file"),
    CASE("\xEF\xBB\xBF", "1:1: empty file"),
    CASE("\xEF\xBB\xBF  ", "1:1: empty file"),
    CASE("\x01", "1:1: expected a value before byte 0x01"),
    CASE("[1,2", "1:5: expected ',' or ']' before end of input"),
    CASE("[1,2,]", "1:6: expected a value before ']'"),
    CASE("{\"a\":1,}", "1:8: expected a member name in double quotes before '}'"),
    CASE("{\"a\" 1}", "1:6: expected ':' before '1'"),
    CASE("{\"a\":}", "1:6: expected a value before '}'"),
    CASE("{\"a\":", "1:6: expected a value before end of input"),
    CASE("{a:1}", "1:2: expected a member name in double quotes before 'a'"),
    CASE("{1:1}", "1:2: expected a member name in double quotes before '1'"),
    CASE("[1 2]", "1:4: expected ',' or ']' before '2'"),
    CASE("\"abc", "1:1: unterminated string"),
    CASE("[\"a\\", "1:2: unterminated string"),
    CASE("[\"a\\\"]", "1:2: unterminated string"),
    CASE("[\"\\x\"]", "1:4: invalid escape in string"),
    CASE("[\"\\", "1:2: unterminated string"),
    CASE("tru", "1:1: expected a value before 't'"),
    CASE("true", "ok"),
    CASE("truex", "1:5: unexpected text after the JSON value"),
    CASE("nul", "1:1: expected a value before 'n'"),
    CASE("[true,false,null]", "ok"),
    CASE("[True]", "1:2: expected a value before 'T'"),
    CASE("[\x7f]", "1:2: expected a value before byte 0x7f"),
    CASE("[1]]", "1:4: unexpected text after the JSON value"),
    CASE("{} x", "1:4: unexpected text after the JSON value"),
    CASE("{}\x0b", "1:3: unexpected text after the JSON value"),
    CASE("{}\x01", "1:3: unexpected text after the JSON value"),
    CASE("{} {}", "1:4: unexpected text after the JSON value"),
    /* NUL and the other control bytes are not whitespace, before, inside or after the value */
    CASE("[1,\x01 2]", "1:4: expected a value before byte 0x01"),
    CASE("[1,\0 2]", "1:4: expected a value before byte 0x00"),
    CASE(" \x0b[1]", "1:2: expected a value before byte 0x0b"),
    CASE("\0{}", "1:1: expected a value before byte 0x00"),
    CASE("{\"a\"\0:\0 1\0}", "1:5: expected ':' before byte 0x00"),
    CASE("{\"a\": 1\0}", "1:8: expected ',' or '}' before byte 0x00"),
    CASE("{}\0", "1:3: unexpected text after the JSON value"),
    CASE("{}\0garbage", "1:3: unexpected text after the JSON value"),
    CASE("{} \n\0 NaN [1, Infinity]", "2:1: unexpected text after the JSON value"),
    CASE("{}\0\xff\xfe", "1:3: unexpected text after the JSON value"),
    CASE("[1]\0\"unterminated", "1:4: unexpected text after the JSON value"),
};

static void test_syntax_errors(void **state)
{
    (void)state;
    CHECK_CASES(syntax_cases);
}

static const json_case bom_cases[] = {
    CASE("\xEF\xBB\xBF{}", "ok"),
    CASE("\xEF\xBB\xBF [1]", "ok"),
    CASE("\xEF\xBB\xBF\xEF\xBB\xBF{}", "ok"),
    CASE("\xEF\xBB\xBF\xEF\xBB\xBF{} ", "ok"),
    CASE("\xEF\xBB\xBF\xEF\xBB\xBF"
         "1",
         "1:4: expected a value before byte 0xef"),
    CASE("\xEF\xBB\xBF\xEF\xBB\xBF\xEF\xBB\xBF{}", "1:7: expected a value before byte 0xef"),
    CASE(" \xEF\xBB\xBF{}", "1:2: expected a value before byte 0xef"),
    CASE("\xEF\xBB{}", "1:1: expected a value before byte 0xef"),
};

static void test_bom(void **state)
{
    (void)state;
    CHECK_CASES(bom_cases);
}

static const json_case nonfinite_cases[] = {
    CASE("[NaN, Infinity, -Infinity]", "ok"),
    CASE("{\"a\": NaN, \"b\": {\"c\": -Infinity}}", "ok"),
    CASE("{NaN: 1, Infinity: 2, -Infinity: 3}", "ok"),
    CASE("{NaN: 1, NaN: 2}", "ok"),
    CASE("NaN", "ok"),
    CASE("-Infinity", "ok"),
    CASE("[-NaN]", "1:2: invalid number"),
    CASE("[NaNa]", "1:5: expected ',' or ']' before 'a'"),
    CASE("[Infinit]", "1:2: expected a value before 'I'"),
    CASE("[1NaN]", "1:3: expected ',' or ']' before 'N'"),
    CASE("[\"NaN\", \"Infinity\"]", "ok"),
    CASE("[1e-Infinity]", "1:2: invalid number"),
    CASE("[NaN NaN]", "1:6: expected ',' or ']' before 'N'"),
    CASE("[nan, inf]", "1:2: expected a value before 'n'"),
    CASE("{\"x\": NaN} NaN", "1:12: unexpected text after the JSON value"),
};

static void test_nonfinite(void **state)
{
    (void)state;
    CHECK_CASES(nonfinite_cases);
    loaded l;
    static const char doc[] = "{\"a\": [NaN, Infinity, -Infinity, \"NaN\"]}";
    load(doc, sizeof doc - 1, &l);
    assert_int_equal(l.status, LR_OK);
    assert_int_equal(l.info.nonfinite, 3);
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(l.root, "a");
    static const char *const names[] = {"NaN", "Infinity", "-Infinity"};
    for (int i = 0; i < 3; i++) {
        double v;
        assert_int_equal(lr_json_number(cJSON_GetArrayItem(a, i), &v), LR_NUM_NONFINITE);
        assert_string_equal(lr_json_nonfinite_name(cJSON_GetArrayItem(a, i)), names[i]);
    }
    assert_string_equal(cJSON_GetArrayItem(a, 3)->valuestring, "NaN");
    unload(&l);
}

static const json_case number_cases[] = {
    CASE("1e400", "ok"),
    CASE("-1e400", "ok"),
    CASE("[1e400, -1e400, 1e-400, -1e-400]", "ok"),
    CASE("-0", "ok"),
    CASE("[0, -0, 0.0, -0.0, 0e10, -0e-10, 00, 000.000]", "ok"),
    CASE("123456789012345678901234567890", "ok"),
    CASE("[9007199254740993, 9007199254740992, 18446744073709551615, 18446744073709551616]", "ok"),
    CASE("[2147483647, 2147483648, -2147483648, -2147483649, 3000000000, -3000000000]", "ok"),
    CASE("[2147483646.5, -2147483647.5, 1e10, -1e10]", "ok"),
    CASE("[0.1, 0.2, 0.30000000000000004, 1.7976931348623157e308, 1.7976931348623159e308]", "ok"),
    CASE("[2.2250738585072011e-308, 2.2250738585072014e-308, 4.9e-324, 5e-324, 2.4e-324]", "ok"),
    CASE("[1., -.5, 01, 1e, 1e+, 1E5, 1e+05, 1E-05]", "1:15: invalid number"),
    CASE("[1.]", "ok"),
    CASE("[-.5]", "ok"),
    CASE("[01]", "ok"),
    CASE("[1e]", "1:2: invalid number"),
    CASE("[1e+]", "1:2: invalid number"),
    CASE("[-]", "1:2: invalid number"),
    CASE("[-.]", "1:2: invalid number"),
    CASE("[+1]", "1:2: expected a value before '+'"),
    CASE("[.5]", "1:2: expected a value before '.'"),
    CASE("[1.5.3]", "1:2: invalid number"),
    CASE("[1-2]", "1:2: invalid number"),
    CASE("[0x10]", "1:3: expected ',' or ']' before 'x'"),
    CASE("[1e5e3]", "1:2: invalid number"),
    CASE("[--1]", "1:2: invalid number"),
    CASE("1.5", "ok"),
    CASE("[0.28754266211604096, 0.4981640146878825, 0.017503383046877055]", "ok"),
    CASE("[9.999999999999999e22, 1e23, 8.988465674311579e307, 1.2345678901234567e-05]", "ok"),
    CASE("[123456789012345678901234567890123456789012345678901234567890123456789012345]", "ok"),
    CASE("[0.000000000000000000000000000000000000000000000000000000000000000000000000001]", "ok"),
    CASE("[1e99999999999999999999, 1e-99999999999999999999, 0e99999999999999999999]", "ok"),
    CASE("[0.99999999999999999999999999, 9999999999999999999, 99999999999999999999]", "ok"),
};

static void test_numbers(void **state)
{
    (void)state;
    CHECK_CASES(number_cases);
}

static unsigned long long next_random(unsigned long long *state)
{
    *state = *state * 6364136223846793005ull + 1442695040888963407ull;
    return *state >> 33;
}

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
    expect_oracle("random numbers", doc, n);
    free(doc);
}

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
    expect_oracle("long numbers", doc, n);
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
    expect_oracle("midpoints", doc, n);
#endif
    free(doc);
}

static const json_case string_cases[] = {
    CASE("\"\\u0000abc\"", "ok"),
    CASE("[\"\\u0000abc\", \"a\\u0000\"]", "ok"),
    CASE("\"\\uD800\"", "1:2: invalid \\u escape in string"),
    CASE("\"\\uDC00\"", "1:2: invalid \\u escape in string"),
    CASE("\"\\uD800\\u0041\"", "1:2: invalid \\u escape in string"),
    CASE("\"\\uD800x\"", "1:2: invalid \\u escape in string"),
    CASE("\"\\uD800\\uDBFF\"", "1:2: invalid \\u escape in string"),
    CASE("\"\\uD83D\\uDE00 \\u00e9\\u0041\\u20AC\\uFFFF\\u007f\\u0080\\u07FF\\u0800\"", "ok"),
    CASE("\"\\uDBFF\\uDFFF\"", "ok"),
    CASE("\"\\uZZZZ\"", "1:2: invalid \\u escape in string"),
    CASE("\"\\u12\"", "1:2: invalid \\u escape in string"),
    CASE("\"\\u12G4\"", "1:2: invalid \\u escape in string"),
    CASE("\"\\u\\\\ab\"", "1:2: invalid \\u escape in string"),
    CASE("\"\\uabc\\\"x\"", "1:2: invalid \\u escape in string"),
    CASE("\"\\u\\\"abc\"", "1:2: invalid \\u escape in string"),
    CASE("\"\\uD800\\uZZZZ\"", "1:2: invalid \\u escape in string"),
    CASE("\"\\b\\f\\n\\r\\t\\\"\\\\\\/\"", "ok"),
    CASE("\"\x01\x1f\x7f\"", "ok"),
    /* a raw NUL in a string or key would cut it: an error; \u0000 is kept as written */
    CASE("\"a\0b\"", "1:3: NUL byte in string"),
    CASE("{\"model\0\": 1}", "1:8: NUL byte in string"),
    CASE("[\"a\\n\0\"]", "1:6: NUL byte in string"),
    CASE("[\"a\\u0000\"]", "ok"),
    CASE("[\"line\nbreak\", \"escaped\\nthen raw\nbreak\", \"\\u000a\\u000A\"]", "ok"),
    CASE("{\"a\\nb\": \"c\\nd\", \"e\": \"\\t\\n\"}", "ok"),
    CASE("\"unterminated", "1:1: unterminated string"),
    CASE("[\"x\", \"y", "1:7: unterminated string"),
};

static void test_strings(void **state)
{
    (void)state;
    CHECK_CASES(string_cases);
}

static const json_case utf8_cases[] = {
    CASE("[\"\xff\"]", "ok"),
    CASE("[\"\xc3\"]", "ok"),
    CASE("[\"\xc3\"", "1:7: expected ',' or ']' before end of input"),
    CASE("[\"a\xc3\xa9\xed\xa0\x80z\"]", "ok"),
    CASE("{\"r\xe9sum\xe9\": \"caf\xe9\"}", "ok"),
    CASE("[\xff]", "1:2: expected a value before byte 0xef"),
    CASE("\xff", "1:1: expected a value before byte 0xef"),
    CASE("[1]\xff", "1:4: unexpected text after the JSON value"),
    CASE("[\"\\n\xff\", \"x\\ny\"]", "ok"),
    CASE("[\"a\\nb\", \"line\nbreak\", \"\xf0\x9f\x98\x80\xf0\x9f\x98\"]", "ok"),
    CASE("[\"\\\xc3\xa9\"]", "1:4: invalid escape in string"),
    CASE("[\"\xe2\x82\xac\xf4\x90\x80\x80\xc0\xaf\xe0\x80\xaf\"]", "ok"),
    CASE("[\"ok\"] \xfe", "1:8: unexpected text after the JSON value"),
    CASE("[\"\xc3\xa9\", \"\xe4\xb8\xad\xe6\x96\x87\", \"\xed\x95\x9c\"]", "ok"),
    CASE("{\"p\": \"a\\nb\\nc\",\n \"q\": \"x\\ny\",\n \"r\": \"\xff\"}", "ok"),
};

static void test_utf8(void **state)
{
    (void)state;
    CHECK_CASES(utf8_cases);
}

/* Errors inside and after strings: a string cut short is unterminated, whatever it ends
 * with; a string that ran on past a missing quote is shown by the line break it swallowed. */
static const json_case message_cases[] = {
    CASE("{\"a\": \"abc\n  \"def\": 1}", "1:11: control character in string"),
    CASE("{\"a\": \"abc\r\n  \"def\": 1}", "1:11: control character in string"),
    CASE("[\"abc,\n \"def\"]", "1:7: control character in string"),
    CASE("{\"abc\n: 1, \"x\": 2}", "1:6: control character in string"),
    CASE("{\"a\": \"x\ty\" \"b\": 1}", "1:13: expected ',' or '}' before '\"'"),
    CASE("{\"a\": \"x\ny\"}\n", "ok"),
    CASE("{\"a\": \"x\ny\", 1}", "2:5: expected a member name in double quotes before '1'"),
    CASE("{\"a\": \"\\u00", "1:7: unterminated string"),
    CASE("{\"a\": \"\\uD83D", "1:7: unterminated string"),
    CASE("{\"a\": \"\\q", "1:7: unterminated string"),
    CASE("{\"a\": \"\\q\"}", "1:9: invalid escape in string"),
    CASE("[1, -2.5e", "1:5: invalid number"),
    CASE("{\n  \"a\": 1\n  \"b\": 2\n}", "3:3: expected ',' or '}' before '\"'"),
};

/* A \u0000 never cuts a string: "GPT-4\u0000evil" stays itself, visibly, as a value, a key
 * and after other escapes (in place and in the arena). */
static void test_escaped_nul(void **state)
{
    (void)state;
    static const char doc[] = "{\"model\": \"GPT-4\\u0000evil\", \"k\\u0000\": \"\\u0000\",\n"
                              " \"esc\": \"a\\tb\\u0000c\", \"lf\": \"a\\nb\\u0000c\"}";
    loaded l;
    load(doc, sizeof doc - 1, &l);
    assert_int_equal(l.status, LR_OK);
    assert_string_equal(lr_json_string(l.root, "model"), "GPT-4\\u0000evil");
    assert_string_equal(lr_json_string(l.root, "k\\u0000"), "\\u0000");
    assert_null(lr_json_string(l.root, "k"));
    assert_string_equal(lr_json_string(l.root, "esc"), "a\tb\\u0000c");
    assert_string_equal(lr_json_string(l.root, "lf"), "a\nb\\u0000c");
    unload(&l);
    expect_oracle("escaped NUL", doc, sizeof doc - 1);
}

static void test_messages(void **state)
{
    (void)state;
    CHECK_CASES(message_cases);
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

/* depth levels of open ... close: accepted up to the limit, refused beyond it at the bracket
 * that crosses it (bracket_every: bytes per bracket of open) */
static void expect_depth(const char *name, char *buf, int depth, int bracket_every,
                         int brackets_per_level, int inner, int closed)
{
    loaded l;
    load(buf, strlen(buf), &l);
    int levels = depth * brackets_per_level + inner;
    if (levels > LR_JSON_MAX_DEPTH) {
        char want[96];
        snprintf(want, sizeof want, "1:%d: nesting deeper than %d levels",
                 LR_JSON_MAX_DEPTH * bracket_every + 1, LR_JSON_MAX_DEPTH);
        if (strcmp(l.outcome, want))
            print_error("%s, depth %d: %s\n", name, depth, l.outcome);
        assert_string_equal(l.outcome, want);
        assert_int_equal(l.status, LR_ELIMIT);
    } else {
        if (l.status != (closed ? LR_OK : LR_EPARSE))
            print_error("%s, depth %d: %s\n", name, depth, l.outcome);
        assert_int_equal(l.status, closed ? LR_OK : LR_EPARSE);
    }
    unload(&l);
    expect_oracle(name, buf, strlen(buf));
}

static void test_deep_nesting(void **state)
{
    (void)state;
    char *buf = malloc(200000);
    assert_non_null(buf);
    static const int depths[] = {1, 255, 256, 257, 511, 512, 513, 600, 10000};
    for (size_t i = 0; i < sizeof depths / sizeof depths[0]; i++) {
        int d = depths[i];
        nested(buf, d, "[", "]", "1");
        expect_depth("arrays", buf, d, 1, 1, 0, 1);
        nested(buf, d, "{\"a\":", "}", "NaN");
        expect_depth("objects", buf, d, 5, 1, 0, 1);
        nested(buf, d, "[", "", "");
        expect_depth("unclosed", buf, d, 1, 1, 0, 0);
        nested(buf, d, "[{\"k\":", "}]", "[]");
        /* two brackets a level and one inside: the 513th is the '[' of level 257, at 6 * 256,
         * or the inner one */
        expect_depth("mixed", buf, d, 3, 2, 1, 1);
    }
    /* brackets inside a string are text */
    buf[0] = '"';
    memset(buf + 1, '[', 600);
    buf[601] = '"';
    expect_oracle("brackets in a string", buf, 602);
    loaded l;
    load(buf, 602, &l);
    assert_int_equal(l.status, LR_OK);
    unload(&l);
    free(buf);
}

typedef struct dup_case {
    const char *text;
    size_t len, duplicates;
    const char *pointer;
} dup_case;

#define DUPS(lit, n, pointer)                                                                      \
    {                                                                                              \
        lit, sizeof lit - 1, n, pointer                                                            \
    }

/* the number of keys that repeat an earlier key of their object, and the JSON pointer of the
 * first one found (parents before children) */
static const dup_case dup_cases[] = {
    DUPS("{\"a\":1,\"a\":2}", 1, "/a"),
    DUPS("{\"a\":1,\"b\":2,\"a\":3,\"b\":4,\"a\":5}", 3, "/a"),
    DUPS("{\"a\":{\"x\":1,\"x\":2},\"a\":3}", 2, "/a"),
    DUPS("{\"a\":{\"x\":1,\"x\":2},\"b\":3}", 1, "/a/x"),
    DUPS("[{\"k\":1},{\"k\":1,\"k\":2}]", 1, "/1/k"),
    DUPS("{\"a/b~c\":{\"d~/e\":[0,{\"f\":1,\"f\":1}]}}", 1, "/a~1b~0c/d~0~1e/1/f"),
    DUPS("{\"a\\u0000x\":1,\"a\\u0000y\":2}", 0, ""), /* \u0000 kept: two keys */
    DUPS("{\"a\\u0000\":1,\"a\\u0000\":2}", 1, "/a\\u0000"),
    DUPS("{\"\":1,\"\":2}", 1, "/"),
    DUPS("{\"k\":1,\"K\":2}", 0, ""),
    DUPS("{\"a\":{\"b\":1},\"c\":[{\"d\":1,\"e\":2}]}", 0, ""),
};

static void test_duplicates(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof dup_cases / sizeof dup_cases[0]; i++) {
        const dup_case *c = &dup_cases[i];
        loaded l;
        load(c->text, c->len, &l);
        assert_int_equal(l.status, LR_OK);
        assert_int_equal(l.info.duplicates, c->duplicates);
        assert_string_equal(l.info.duplicate_at, c->pointer);
        unload(&l);
        expect_oracle(c->pointer, c->text, c->len);
    }
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
        loaded l;
        load(buf, n, &l);
        assert_int_equal(l.status, LR_OK);
        assert_int_equal(l.info.duplicates, (size_t)(variant == 0 ? 0 : variant == 2 ? 1300 : 1));
        unload(&l);
        expect_oracle("2000 keys", buf, n);
    }
    /* a pointer longer than 256 bytes: cut, NUL-terminated */
    size_t n = 0;
    for (int i = 0; i < 40; i++)
        n += (size_t)sprintf(buf + n, "{\"level-%02d/~\":", i);
    n += (size_t)sprintf(buf + n, "{\"d\":1,\"d\":2}");
    for (int i = 0; i < 40; i++)
        buf[n++] = '}';
    loaded l;
    load(buf, n, &l);
    assert_int_equal(l.info.duplicates, 1);
    assert_int_equal(strlen(l.info.duplicate_at), sizeof l.info.duplicate_at - 1);
    assert_memory_equal(l.info.duplicate_at, "/level-00~1~0/level-01~1~0/", 27);
    unload(&l);
    expect_oracle("long pointer", buf, n);
    free(buf);
}

/* Every prefix of a document with a bit of everything: one error, inside the prefix, for each
 * truncation; the whole document loads. */
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
        expect_oracle(name, doc, n);
        loaded l;
        load(doc, n, &l);
        if (n >= sizeof doc - 2) { /* with or without the final line break */
            assert_int_equal(l.status, LR_OK);
        } else {
            assert_int_equal(l.status, LR_EPARSE);
            int line, col;
            lr_text_position(doc, n, &line, &col);
            assert_true(l.err.line < line || (l.err.line == line && l.err.column <= col));
        }
        unload(&l);
    }
}

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

/*
 * Any JSON value at any key. Every sniffer and adapter walks a document it has not seen, so a
 * value of another kind than it expects (an array where tasks are, a string where an object of
 * metrics is) must give a one-line error or a warning, never a crash: `{"results": {"x":
 * [{"a": 1}]}}` once crashed the lm-eval sniffers (an array's elements have no key). Each base
 * below is a small document of one format with every key its sniffer and adapter read (written
 * here from the real files in ../shared/data/real, cut down; the Inspect AI log is shaped after
 * the EvalLog's documented fields, `results.scores` a list, not copied from a real log); every
 * node of each, the root included, is replaced in turn by each shape, and the document is read
 * sniffed and with every adapter forced, as a file would be. Under `make sanitize` a crash, a
 * read out of bounds or undefined behaviour fails the test.
 */
static const char *const shape_bases[] = {
    /* lm-eval v0.4 */
    "{\"results\": {\"arc_easy\": {\"alias\": \"arc_easy\", \"acc,none\": 0.5, "
    "\"acc_stderr,none\": 0.01}, \"mmlu\": {\"acc,none\": 0.6, \" \": \" \"}, \"mmlu_x\": "
    "{\"acc,none\": 0.6}}, \"groups\": {\"mmlu\": {\"acc,none\": 0.6}, \"bbh\": {\" \": \" \"}}, "
    "\"group_subtasks\": {\"mmlu\": [\"mmlu_x\"], \"bbh\": [\"arc_easy\"], \"arc_easy\": []}, "
    "\"configs\": {\"arc_easy\": {\"num_fewshot\": 0, \"output_type\": \"generate_until\", "
    "\"generation_kwargs\": {\"do_sample\": true, \"temperature\": 0.6, \"until\": [\"\\n\"]}, "
    "\"repeats\": 2, \"group\": [\"mmlu\"]}}, \"versions\": {\"arc_easy\": 1, \"mmlu\": \"N/A\"}, "
    "\"n-shot\": {\"arc_easy\": 0}, \"higher_is_better\": {\"arc_easy\": {\"acc\": true}}, "
    "\"n-samples\": {\"arc_easy\": {\"original\": 10, \"effective\": 5}}, \"config\": {\"model\": "
    "\"hf\", \"model_args\": \"pretrained=m,dtype=bf16\", \"num_fewshot\": 0, \"gen_kwargs\": "
    "{\"temperature\": 0}, \"limit\": null, \"apply_chat_template\": true}, \"task_hashes\": "
    "{\"arc_easy\": \"abcdef12\"}, \"model_name\": \"m\", \"lm_eval_version\": \"0.4.2\", "
    "\"git_hash\": \"1234abcd\", \"date\": 1700000000, \"chat_template\": \"x\", "
    "\"chat_template_sha\": \"abc\", \"system_instruction\": \"s\", \"system_instruction_sha\": "
    "\"def\", \"fewshot_as_multiturn\": true}",
    /* lm-eval v0.3 */
    "{\"results\": {\"arc_easy\": {\"acc\": 0.5, \"acc_stderr\": 0.01}, \"hendrycksTest-anatomy\": "
    "{\"acc\": 0.3, \"acc_norm\": \"N/A\"}}, \"versions\": {\"arc_easy\": 0}, \"config\": "
    "{\"model\": \"hf-causal\", \"model_args\": \"pretrained=m\", \"num_fewshot\": 0, \"limit\": "
    "null}, \"git_hash\": \"abc\"}",
    /* Open LLM Leaderboard v1 */
    "{\"config_general\": {\"model_name\": \"m\", \"lighteval_sha\": \"x\", \"model_sha\": \"y\", "
    "\"model_dtype\": \"torch.float16\", \"start_date\": 1700000000, \"model_args\": "
    "\"pretrained=m\"}, \"results\": {\"harness|arc:challenge|25\": {\"acc\": 0.5, "
    "\"acc_stderr\": 0.1, \"acc_norm\": 0.6}, \"harness|mmlu:_average|5\": {\"acc\": 0.5}, "
    "\"all\": {\"acc\": 0.5}}, \"versions\": {\"harness|arc:challenge|25\": 0}}",
    /* its older layout: "config" and "harness|" keys */
    "{\"config\": {\"model_name\": \"m\"}, \"results\": {\"harness|hellaswag|10\": {\"acc\": "
    "0.5}}}",
    /* bigcode-evaluation-harness */
    "{\"humaneval\": {\"pass@1\": 0.3, \"pass@10\": null}, \"config\": {\"model\": \"m\", "
    "\"temperature\": 0.2, \"top_p\": 0.95, \"n_samples\": 1, \"do_sample\": true, \"limit\": "
    "100, \"limit_start\": 0, \"revision\": \"r\", \"precision\": \"fp16\", \"load_in_8bit\": "
    "true, \"max_length_generation\": 512, \"tasks\": \"humaneval\"}}",
    /* Every Eval Ever */
    "{\"schema_version\": \"0.2.0\", \"evaluation_id\": \"x\", \"retrieved_timestamp\": "
    "\"1700000000\", \"source_metadata\": {\"source_name\": \"s\", \"source_type\": "
    "\"evaluation_run\", \"source_organization_name\": \"o\", \"evaluator_relationship\": "
    "\"third_party\", \"source_url\": \"u\"}, \"eval_library\": {\"name\": \"lm-eval\", "
    "\"version\": \"0.4\"}, \"model_info\": {\"id\": \"m\", \"name\": \"m\", "
    "\"additional_details\": {\"precision\": \"bf16\", \"n\": 1, \"chat\": true}}, "
    "\"evaluation_results\": [{\"evaluation_name\": \"IFEval\", \"evaluation_description\": "
    "\"Accuracy on IFEval\", \"metric_config\": {\"metric_id\": \"pass_at_k\", "
    "\"metric_parameters\": {\"k\": 1}, \"metric_name\": \"acc\", \"lower_is_better\": false, "
    "\"min_score\": 0, \"max_score\": 1, \"metric_unit\": \"proportion\", \"score_type\": "
    "\"continuous\"}, \"score_details\": {\"score\": 0.5, \"stderr\": 0.1, \"uncertainty\": "
    "{\"standard_error\": {\"value\": 0.01}, \"num_samples\": 10}, \"details\": {\"shots\": 1}}, "
    "\"generation_config\": {\"generation_args\": {\"temperature\": 0.7, \"top_p\": 0.9, "
    "\"reasoning\": true}, \"additional_details\": {\"method\": \"cot\", \"variant\": \"v\", "
    "\"shots\": \"mixed\", \"num_fewshot\": \"5\"}}, \"source_data\": {\"additional_details\": "
    "{\"n_shot\": 5}}}]}",
    /* a list of them */
    "[{\"schema_version\": \"0.2.0\", \"model_info\": {\"id\": \"m\"}, \"evaluation_results\": "
    "[{\"evaluation_name\": \"BBH\", \"score_details\": {\"score\": 0.5}}]}, {\"schema_version\": "
    "\"0.2.0\", \"model_info\": {\"id\": \"n\"}, \"evaluation_results\": []}]",
    /* llmreport/1 */
    "{\"format\": \"llmreport/1\", \"source\": {\"kind\": \"paper\", \"title\": \"t\", "
    "\"caveats\": [\"c\"]}, \"sources\": [{\"id\": \"a\", \"title\": \"x\", \"caveats\": null}], "
    "\"results\": [{\"model\": \"m\", \"benchmark\": \"b\", \"metric\": \"acc\", \"value\": 50, "
    "\"stderr\": 1, \"n\": 10, \"shots\": 5, \"flags\": [\"aggregate\", \"limited\"], \"source\": "
    "\"a\", \"scale\": \"percent\", \"higher_is_better\": true, \"method\": \"cot\"}, {\"model\": "
    "\"m\", \"benchmark\": \"c\", \"value\": 1, \"shots\": \"mixed\", \"source\": {\"title\": "
    "\"y\"}}]}",
    /* the leaderboard table, with and without revisions */
    "[[\"m\", \"rev\", 60.0, 50, 60, 70, 80], [\"n\", 61.0, 50, 60, 70, 80]]",
    /* HELM, refused with a message */
    "[{\"name\": {\"name\": \"exact_match\", \"split\": \"test\"}, \"count\": 1}]",
    "{\"suites\": [\"v3\"], \"suite\": \"v3\", \"adapter_spec\": {}, \"metric_specs\": [], "
    "\"title\": \"t\", \"header\": [], \"rows\": []}",
    /* Inspect AI: results.scores is a list */
    "{\"version\": 2, \"status\": \"success\", \"eval\": {\"task\": \"t\", \"model\": \"m\", "
    "\"config\": {\"epochs\": 1}}, \"plan\": {\"config\": {\"temperature\": 0.5}}, \"results\": "
    "{\"total_samples\": 10, \"completed_samples\": 10, \"scores\": [{\"name\": \"match\", "
    "\"scorer\": \"match\", \"metrics\": {\"accuracy\": {\"name\": \"accuracy\", \"value\": "
    "0.5}, \"stderr\": {\"name\": \"stderr\", \"value\": 0.1}}}]}}",
};

/* Whether sniffing reads each base (1), refuses it with a message (0: HELM), or either (-1: a
 * format still being added). */
static const int shape_base_read[] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, -1};

/* What may stand anywhere: each kind, empty and not, and objects and arrays one level deeper
 * holding each kind again. */
static const char *const shapes[] = {
    "[]",
    "[{\"a\": 1}]",
    "[[\"x\"], null, 1]",
    "\"s\"",
    "\"\"",
    "-1e300",
    "null",
    "true",
    "{}",
    "{\"x\": [{\"a\": 1}]}",
    "{\"x\": \"s\"}",
    "{\"x\": {\"y\": [1]}, \"acc,none\": [1], \"acc\": {\"a\": 1e300}}",
};

/* The n-th node of a tree in document order (0 is the root), and its parent. */
static cJSON *nth_node(cJSON *node, cJSON *parent, size_t *n, cJSON **parent_out)
{
    if ((*n)-- == 0) {
        *parent_out = parent;
        return node;
    }
    for (cJSON *c = node->child; c; c = c->next) {
        cJSON *found = nth_node(c, node, n, parent_out);
        if (found)
            return found;
    }
    return NULL;
}

typedef struct shape_run {
    const char *doc;
    size_t diagnostics, errors;
} shape_run;

/* Every diagnostic is one line with text, and names the file. */
static void shape_diag(void *user, lr_severity severity, const lr_error *e)
{
    shape_run *run = user;
    (void)severity;
    if (!e->message[0] || strchr(e->message, '\n') || strcmp(e->file, "results_s.json")) {
        print_error("%s: diagnostic \"%s\" (file \"%s\")\n", run->doc, e->message, e->file);
        fail();
    }
    run->diagnostics++;
}

/* Reads text sniffed and with every adapter forced: LR_OK, or a one-line error naming the
 * file. Returns how many of the reads were refused. */
static size_t read_every_way(const char *text, shape_run *run, lr_status *sniffed)
{
    size_t refused = 0;
    for (size_t a = 0; a == 0 || lr_adapters[a - 1]; a++) {
        lr_diag diag = {shape_diag, run, {0}};
        lr_store *store = lr_store_new(&diag);
        assert_non_null(store);
        lr_error err;
        memset(&err, 0, sizeof err);
        int is_config = 0;
        lr_status st = lr_ingest_bytes(store, "results_s.json", text, strlen(text),
                                       a ? lr_adapters[a - 1] : NULL, &is_config, &err);
        if (!a && sniffed)
            *sniffed = st;
        if (st != LR_OK) {
            refused++;
            if (!err.message[0] || strchr(err.message, '\n') ||
                strcmp(err.file, "results_s.json")) {
                print_error("%s: error \"%s\" (file \"%s\")\n", text, err.message, err.file);
                fail();
            }
        }
        for (size_t i = 0; i < lr_store_count(store); i++) {
            const lr_observation *o = lr_store_get(store, i);
            assert_non_null(o->model);
            assert_non_null(o->setting->benchmark);
            assert_true(isfinite(o->value));
        }
        lr_store_free(store);
    }
    return refused;
}

static void test_any_value_at_any_key(void **state)
{
    (void)state;
    size_t docs = 0;
    assert_int_equal(sizeof shape_bases / sizeof shape_bases[0],
                     sizeof shape_base_read / sizeof shape_base_read[0]);
    for (size_t b = 0; b < sizeof shape_bases / sizeof shape_bases[0]; b++) {
        cJSON *base = cJSON_Parse(shape_bases[b]);
        assert_non_null(base);
        shape_run run = {shape_bases[b], 0, 0};
        /* the base itself is read by the adapter that sniffs it */
        lr_status sniffed;
        read_every_way(shape_bases[b], &run, &sniffed);
        if (shape_base_read[b] >= 0 && (sniffed == LR_OK) != shape_base_read[b])
            print_error("base %zu: status %d\n", b, sniffed);
        assert_true(shape_base_read[b] < 0 || (sniffed == LR_OK) == shape_base_read[b]);
        for (size_t k = 0;; k++) {
            cJSON *doc = cJSON_Duplicate(base, 1), *parent = NULL;
            size_t n = k;
            cJSON *node = nth_node(doc, NULL, &n, &parent);
            if (!node) {
                cJSON_Delete(doc);
                break;
            }
            for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
                cJSON *shape = cJSON_Parse(shapes[s]), *copy = doc;
                assert_non_null(shape);
                if (parent) {
                    copy = cJSON_Duplicate(doc, 1);
                    size_t m = k;
                    cJSON *p = NULL, *target = nth_node(copy, NULL, &m, &p);
                    assert_true(cJSON_ReplaceItemViaPointer(p, target, shape));
                } else {
                    copy = shape;
                }
                char *text = cJSON_PrintUnformatted(copy);
                assert_non_null(text);
                run.doc = text;
                read_every_way(text, &run, NULL);
                docs++;
                free(text);
                cJSON_Delete(copy);
            }
            cJSON_Delete(doc);
        }
        cJSON_Delete(base);
    }
    print_message("%zu documents, each read sniffed and with each adapter forced\n", docs);
    assert_true(docs >= 3000);
}

/* The inputs that crashed, read right: a task that is not an object is warned about and
 * skipped, the file's other tasks are read; a file with nothing else is not recognised. */
typedef struct found_diag {
    char pointers[8][256];
    char messages[8][512];
    size_t n;
} found_diag;

static void keep_diag(void *user, lr_severity severity, const lr_error *e)
{
    found_diag *f = user;
    (void)severity;
    if (f->n < 8) {
        snprintf(f->pointers[f->n], sizeof f->pointers[0], "%s", e->pointer);
        snprintf(f->messages[f->n], sizeof f->messages[0], "%s", e->message);
        f->n++;
    }
}

static void expect_read(const char *text, lr_status want, const char *benchmark, double value,
                        const char *warned_at, const char *warning)
{
    found_diag found;
    memset(&found, 0, sizeof found);
    lr_diag diag = {keep_diag, &found, {0}};
    lr_store *store = lr_store_new(&diag);
    assert_non_null(store);
    lr_error err;
    memset(&err, 0, sizeof err);
    lr_status st = lr_ingest_bytes(store, "results_s.json", text, strlen(text), NULL, NULL, &err);
    if (st != want)
        print_error("%s: status %d (%s), want %d\n", text, st, err.message, want);
    assert_int_equal(st, want);
    if (benchmark) {
        assert_int_equal(lr_store_count(store), 1);
        const lr_observation *o = lr_store_get(store, 0);
        assert_string_equal(o->setting->benchmark, benchmark);
        assert_float_equal(o->value, value, 1e-9);
    } else {
        assert_int_equal(lr_store_count(store), 0);
    }
    int seen = !warned_at;
    for (size_t i = 0; i < found.n; i++)
        seen |= warned_at && !strcmp(found.pointers[i], warned_at) &&
                !strcmp(found.messages[i], warning);
    if (!seen)
        print_error("%s: no warning \"%s\" at %s\n", text, warning, warned_at);
    assert_true(seen);
    lr_store_free(store);
}

static void test_crashing_inputs(void **state)
{
    (void)state;
    /* the file of the report: SIGSEGV in the lm-eval sniffers */
    expect_read("{\"results\": {\"x\": [{\"a\": 1}]}}", LR_EFORMAT, NULL, 0, NULL, NULL);
    /* an lm-eval v0.4 key makes it lm-eval's, which takes the model from the file name */
    expect_read("{\"results\": {\"x\": [1, 2]}, \"n-shot\": {}}", LR_OK, NULL, 0, "/results/x",
                "task entry must be an object; skipped");
    expect_read("{\"results\": {\"scores\": [{\"name\": \"match\"}]}}", LR_EFORMAT, NULL, 0, NULL,
                NULL);
    /* v0.4: the other task is read, the array is skipped with a warning */
    expect_read("{\"results\": {\"x\": [{\"a\": 1}], \"arc_easy\": {\"acc,none\": 0.5}}, "
                "\"config\": {\"model_args\": \"pretrained=m\"}, \"n-shot\": {\"arc_easy\": 0}}",
                LR_OK, "arc_easy", 50, "/results/x", "task entry must be an object; skipped");
    /* a metric that is a list is not a number; a group listed as a string or an object */
    expect_read("{\"results\": {\"arc_easy\": {\"acc,none\": 0.5, \"f1,none\": [1]}}, "
                "\"group_subtasks\": {\"g\": \"arc_easy\", \"h\": {\"a\": 1}}, \"configs\": "
                "{\"arc_easy\": [1]}, \"n-shot\": [0], \"versions\": \"x\", \"higher_is_better\": "
                "{\"arc_easy\": [true]}, \"n-samples\": {\"arc_easy\": [5]}, \"config\": "
                "{\"model_args\": {\"pretrained\": \"m\"}, \"gen_kwargs\": [1]}}",
                LR_OK, "arc_easy", 50, "/n-shot", "\"n-shot\" must be an object; ignored");
    /* v0.3 */
    expect_read("{\"results\": {\"x\": [1], \"arc_easy\": {\"acc\": 0.5}}, \"config\": "
                "{\"model_args\": \"pretrained=m\"}}",
                LR_OK, "arc_easy", 50, "/results/x", "task entry must be an object; skipped");
    /* Open LLM Leaderboard: versions a list */
    expect_read("{\"config_general\": {\"model_name\": \"m\"}, \"results\": "
                "{\"harness|arc:challenge|25\": {\"acc\": 0.5}, \"harness|x|0\": [1]}, "
                "\"versions\": [0]}",
                LR_OK, "arc_challenge", 50, "/results/harness|x|0",
                "task entry must be an object; skipped");
    /* Every Eval Ever: details that are lists */
    expect_read("{\"schema_version\": \"0.2.0\", \"model_info\": {\"id\": \"m\", "
                "\"additional_details\": [\"a\"]}, \"evaluation_results\": [{\"evaluation_name\": "
                "\"IFEval\", \"score_details\": {\"score\": 0.5, \"uncertainty\": [1]}, "
                "\"generation_config\": [1], \"metric_config\": {\"max_score\": 1}}, [1]]}",
                LR_OK, "ifeval", 50, "/evaluation_results/1",
                "result needs an \"evaluation_name\"; skipped");
}

/* The report config: each part of another kind than it must be is one error with its pointer
 * (lists of models under "reference_settings" or "aliases" crashed). */
/* A diagnostic callback that keeps the first error said. */
static void keep_first_error(void *user, lr_severity severity, const lr_error *where)
{
    lr_error *first = user;
    if (severity == LR_ERROR && !first->message[0])
        *first = *where;
}

static void test_config_shapes(void **state)
{
    (void)state;
    static const struct {
        const char *json, *pointer, *message;
    } cases[] = {
        {"\"reference_settings\": [{\"metric\": \"acc\"}]", "/reference_settings",
         "\"reference_settings\" must be an object"},
        {"\"model_info\": [\"m\"]", "/model_info", "\"model_info\" must be an object"},
        {"\"aliases\": [\"a\"]", "/aliases", "\"aliases\" must be an object"},
        {"\"charts\": {\"a\": {\"type\": \"bar\"}}", "/charts", "\"charts\" must be a list"},
        {"\"sections\": \"s\"", "/sections", "\"sections\" must be a list"},
        {"\"aggregates\": 1", "/aggregates", "\"aggregates\" must be a list"},
        {"\"registry\": [1]", "/registry", "\"registry\" must be an object"},
        /* numbers beyond any count are out of range, not clamped (nor undefined behaviour) */
        {"\"reference_settings\": {\"mmlu\": {\"shots\": 1e300}}, \"overview_top\": 1e300",
         "/reference_settings/mmlu/shots", "\"shots\" must be a whole number from 0 to 1000000000"},
        {"\"overview_top\": 1e300", "/overview_top",
         "\"overview_top\" must be a whole number from 0 to 1000000000"},
        {"\"registry\": {\"benchmarks\": [{\"id\": \"b\", \"shots\": -1e300}], \"metrics\": 1}",
         "/registry/benchmarks/0/shots", "\"shots\" must be a whole number from 0 to 1000000000"},
        {"\"registry\": {\"benchmarks\": [{\"id\": \"b\", \"shots\": 5}], \"metrics\": 1}",
         "/registry/metrics", "\"metrics\" must be a list"},
        {"\"model_info\": {\"m\": [1], \"n\": {\"parameters\": [1]}}, \"aliases\": {\"a\": [1]}",
         "/model_info/m", "a model's info must be an object"},
        {"\"model_info\": {\"n\": {\"parameters\": 7}}, \"aliases\": {\"a\": [1]}", "/aliases/a",
         "an alias must map a name to a string"},
        {"\"reference_settings\": {\"mmlu\": {\"shots\": 5, \"method\": null}}, \"overview_top\": "
         "0",
         NULL, NULL},
    };
    /* each wrong key is said in the file's order: those before the last as diagnostics, the
     * last as the error returned; the first said is the one a case names */
    const char *dir = temp_dir("config_shapes");
    char path[4096];
    snprintf(path, sizeof path, "%s/c.json", dir);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[512];
        snprintf(text, sizeof text, "{\"format\": \"llmreport-config/1\", %s}", cases[i].json);
        assert_int_equal(write_text(path, text), 0);
        lr_error first;
        memset(&first, 0, sizeof first);
        lr_diag diag = {keep_first_error, &first, {0}};
        lr_store *store = lr_store_new(&diag);
        lr_config c;
        lr_config_init(&c);
        lr_error err;
        memset(&err, 0, sizeof err);
        lr_status st = lr_config_load(&c, path, store, &err);
        if (cases[i].pointer) {
            assert_int_equal(st, LR_ETYPE);
            const lr_error *said = diag.count[LR_ERROR] ? &first : &err;
            assert_string_equal(said->pointer, cases[i].pointer);
            assert_string_equal(said->message, cases[i].message);
        } else {
            if (st)
                print_error("%s: %s\n", text, err.message);
            assert_int_equal(st, LR_OK);
        }
        lr_config_free(&c);
        lr_store_free(store);
    }
}

/* The readers of input files walk objects and arrays only with lr_json_for_members and
 * lr_json_for_items, which visit nothing over a value of another kind. */
static void test_readers_walk_by_kind(void **state)
{
    (void)state;
    const char *dir = source_path("src/ingest");
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    size_t files = 0, bad = 0;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 3 || strcmp(e->d_name + n - 2, ".c"))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", source_path("src/ingest"), e->d_name);
        size_t len;
        char *text = read_text(path, &len);
        assert_non_null(text);
        files++;
        int line = 1;
        for (const char *p = text; *p; p++) {
            if (*p == '\n')
                line++;
            else if (!strncmp(p, "cJSON_ArrayForEach", 18) || !strncmp(p, "->child", 7)) {
                print_error("src/ingest/%s:%d: walks a value whatever its kind; use "
                            "lr_json_for_members or lr_json_for_items (core/json.h)\n",
                            e->d_name, line);
                bad++;
            }
        }
        free(text);
    }
    closedir(d);
    assert_true(files >= 8);
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_data_files),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_nonfinite),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_numbers_random),
        cmocka_unit_test(test_numbers_long),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_escaped_nul),
        cmocka_unit_test(test_messages),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_duplicates),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_in_place),
        cmocka_unit_test(test_utf8_repair),
        cmocka_unit_test(test_any_value_at_any_key),
        cmocka_unit_test(test_crashing_inputs),
        cmocka_unit_test(test_config_shapes),
        cmocka_unit_test(test_readers_walk_by_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

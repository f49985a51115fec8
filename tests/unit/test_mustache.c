/* The Mustache engine: every test of the spec files in shared/data/mustache-spec, read at run
 * time, then the engine's own errors, limits and options. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/json.h"
#include "template/mustache.h"
#include "testutil.h"

/* ---- Helpers ------------------------------------------------------------------------------- */

static char *copy_text(const char *s)
{
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (p)
        memcpy(p, s, n + 1);
    return p;
}

/* Partials from a JSON object {"name": "text"}, as in the spec files. */
static lr_status json_partial(void *user, const char *name, char **text)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive((const cJSON *)user, name);
    if (!cJSON_IsString(item))
        return LR_ENOTFOUND;
    *text = copy_text(item->valuestring);
    return *text ? LR_OK : LR_ENOMEM;
}

static cJSON *parse_json(const char *text)
{
    cJSON *json = cJSON_Parse(text);
    assert_non_null(json);
    return json;
}

/* Renders tmpl over the JSON text data with partials from the JSON text partials (or NULL). */
static lr_status render(const char *tmpl, const char *data, const char *partials, int escape,
                        lr_buf *out, lr_error *err)
{
    cJSON *context = data ? parse_json(data) : NULL;
    cJSON *parts = partials ? parse_json(partials) : NULL;
    lr_template_options opt = {json_partial, parts, escape, "report.md"};
    lr_error_clear(err);
    lr_status st = lr_template_render(tmpl, strlen(tmpl), context, &opt, out, err);
    cJSON_Delete(context);
    cJSON_Delete(parts);
    return st;
}

static void expect_output(const char *tmpl, const char *data, const char *partials,
                          const char *want)
{
    lr_buf out = LR_BUF_INIT;
    lr_error err;
    lr_status st = render(tmpl, data, partials, 1, &out, &err);
    if (st != LR_OK)
        fprintf(stderr, "template %s: %s\n", tmpl, err.message);
    assert_int_equal(st, LR_OK);
    assert_string_equal(out.data ? out.data : "", want);
    lr_buf_free(&out);
}

static void expect_error(const char *tmpl, const char *data, const char *partials, lr_status status,
                         const char *file, int line, int column, const char *message)
{
    lr_buf out = LR_BUF_INIT;
    lr_buf_puts(&out, "before");
    lr_error err;
    lr_status st = render(tmpl, data, partials, 1, &out, &err);
    assert_int_equal(st, status);
    assert_int_equal(err.status, status);
    assert_string_equal(err.message, message);
    assert_string_equal(err.file, file);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    /* a failed render leaves the output as it was */
    assert_string_equal(out.data, "before");
    lr_buf_free(&out);
}

/* ---- The spec ------------------------------------------------------------------------------ */

static const struct {
    const char *file;
    int tests; /* how many tests the file holds: a truncated file must not pass */
} spec_files[] = {
    {"comments.json", 12}, {"delimiters.json", 14}, {"interpolation.json", 42},
    {"inverted.json", 22}, {"partials.json", 12},   {"sections.json", 34},
};

enum { SPEC_TOTAL = 136 };
static int spec_run; /* tests run over all files */

static void run_spec_file(const char *file, int expected_tests)
{
    char rel[256];
    snprintf(rel, sizeof rel, "mustache-spec/%s", file);
    const char *path = shared_path(rel);
    char *text;
    size_t len;
    lr_error err;
    lr_error_clear(&err);
    assert_int_equal(lr_file_read(path, 1 << 24, &text, &len, &err), LR_OK);
    cJSON *root;
    lr_arena tree = LR_ARENA_INIT;
    lr_json_info info;
    assert_int_equal(lr_json_load(&text, &len, path, &tree, &root, &info, &err), LR_OK);

    const cJSON *tests = cJSON_GetObjectItemCaseSensitive(root, "tests");
    assert_true(cJSON_IsArray(tests));
    int run = 0, failed = 0;
    const cJSON *t;
    cJSON_ArrayForEach(t, tests)
    {
        const char *name = lr_json_string(t, "name");
        const char *tmpl = lr_json_string(t, "template");
        const char *want = lr_json_string(t, "expected");
        assert_non_null(name);
        assert_non_null(tmpl);
        assert_non_null(want);
        lr_template_options opt = {json_partial, cJSON_GetObjectItemCaseSensitive(t, "partials"), 1,
                                   file};
        const cJSON *data = cJSON_GetObjectItemCaseSensitive(t, "data");
        lr_buf out = LR_BUF_INIT, again = LR_BUF_INIT;
        lr_status st = lr_template_render(tmpl, strlen(tmpl), data, &opt, &out, &err);
        lr_status st2 = lr_template_render(tmpl, strlen(tmpl), data, &opt, &again, &err);
        const char *got = out.data ? out.data : "";
        run++;
        if (st != LR_OK || st2 != LR_OK || strcmp(got, want) ||
            strcmp(got, again.data ? again.data : "")) {
            failed++;
            fprintf(stderr,
                    "FAIL %s: \"%s\"\n  status: %s %s\n  expected: [%s]\n  got:      [%s]\n", file,
                    name, lr_strerror(st), st ? err.message : "", want, got);
        }
        lr_buf_free(&out);
        lr_buf_free(&again);
    }
    printf("%s: %d of %d spec tests pass\n", file, run - failed, run);
    spec_run += run;
    assert_int_equal(run, cJSON_GetArraySize(tests));
    assert_int_equal(run, expected_tests);
    lr_arena_free(&tree);
    free(text);
    assert_int_equal(failed, 0);
}

static void test_spec_comments(void **state)
{
    run_spec_file(spec_files[0].file, spec_files[0].tests);
}

static void test_spec_delimiters(void **state)
{
    run_spec_file(spec_files[1].file, spec_files[1].tests);
}

static void test_spec_interpolation(void **state)
{
    run_spec_file(spec_files[2].file, spec_files[2].tests);
}

static void test_spec_inverted(void **state)
{
    run_spec_file(spec_files[3].file, spec_files[3].tests);
}

static void test_spec_partials(void **state)
{
    run_spec_file(spec_files[4].file, spec_files[4].tests);
}

static void test_spec_sections(void **state)
{
    run_spec_file(spec_files[5].file, spec_files[5].tests);
}

/* Runs last: every spec test above was run, none skipped. */
static void test_spec_count(void **state)
{
    int total = 0;
    for (size_t i = 0; i < sizeof spec_files / sizeof spec_files[0]; i++)
        total += spec_files[i].tests;
    assert_int_equal(total, SPEC_TOTAL);
    assert_int_equal(spec_run, SPEC_TOTAL);
}

/* ---- Errors -------------------------------------------------------------------------------- */

static void test_error_unclosed_section(void **state)
{
    expect_error("# Report\n\n{{#rows}}\n| {{name}} |\n", "{}", NULL, LR_ETEMPLATE, "report.md", 3,
                 1, "unclosed section \"rows\"");
    /* the innermost open section is named */
    expect_error("{{#a}}\n  {{^b}}\n", "{}", NULL, LR_ETEMPLATE, "report.md", 2, 3,
                 "unclosed section \"b\"");
}

static void test_error_mismatched_close(void **state)
{
    expect_error("{{#a}}x\n  {{/b}}\n{{/a}}", "{}", NULL, LR_ETEMPLATE, "report.md", 2, 3,
                 "closing tag \"b\" does not match open section \"a\"");
    expect_error("text\n{{/b}}", "{}", NULL, LR_ETEMPLATE, "report.md", 2, 1,
                 "closing tag \"b\" without an open section");
}

static void test_error_unclosed_tag(void **state)
{
    expect_error("a {{b}}\nc {{d", "{}", NULL, LR_ETEMPLATE, "report.md", 2, 3,
                 "unclosed tag: expected \"}}\"");
    expect_error("{{{x}}", "{}", NULL, LR_ETEMPLATE, "report.md", 1, 1,
                 "unclosed tag: expected \"}}}\"");
    expect_error("{{=<% %>=}}\n<%x", "{}", NULL, LR_ETEMPLATE, "report.md", 2, 1,
                 "unclosed tag: expected \"%>\"");
    expect_error("{{", "{}", NULL, LR_ETEMPLATE, "report.md", 1, 1,
                 "unclosed tag: expected \"}}\"");
}

static void test_error_empty_name(void **state)
{
    expect_error("ok\nok {{ }}", "{}", NULL, LR_ETEMPLATE, "report.md", 2, 4, "empty tag name");
    expect_error("{{#}}{{/}}", "{}", NULL, LR_ETEMPLATE, "report.md", 1, 1, "empty tag name");
    expect_error("{{>}}", "{}", NULL, LR_ETEMPLATE, "report.md", 1, 1, "empty tag name");
    expect_error("{{{}}}", "{}", NULL, LR_ETEMPLATE, "report.md", 1, 1, "empty tag name");
    expect_error("{{=<% =}}", "{}", NULL, LR_ETEMPLATE, "report.md", 1, 1,
                 "invalid set-delimiter tag");
}

static void test_error_section_depth(void **state)
{
    lr_buf tmpl = LR_BUF_INIT;
    for (int i = 0; i < 257; i++)
        lr_buf_puts(&tmpl, "{{#a}}");
    for (int i = 0; i < 257; i++)
        lr_buf_puts(&tmpl, "{{/a}}");
    /* the 257th opening tag starts at column 256 * 6 + 1 */
    expect_error(tmpl.data, "{\"a\":true}", NULL, LR_ETEMPLATE, "report.md", 1, 1537,
                 "sections nested deeper than 256");
    /* 256 levels are allowed */
    lr_buf_clear(&tmpl);
    for (int i = 0; i < 256; i++)
        lr_buf_puts(&tmpl, "{{#a}}");
    lr_buf_puts(&tmpl, "x");
    for (int i = 0; i < 256; i++)
        lr_buf_puts(&tmpl, "{{/a}}");
    expect_output(tmpl.data, "{\"a\":true}", NULL, "x");
    lr_buf_free(&tmpl);
}

static void test_error_partial_recursion(void **state)
{
    /* the error points at the tag inside the partial, and names the partial */
    expect_error("{{>p}}", "{}", "{\"p\":\"x\\n {{>p}}\"}", LR_ETEMPLATE, "p", 2, 2,
                 "partial nesting deeper than 64");
    expect_error("{{>p}}", "{}", "{\"p\":\"{{#x}}\"}", LR_ETEMPLATE, "p", 1, 1,
                 "unclosed section \"x\"");
}

/* Nested data drives recursion through a partial: 64 levels render, 65 do not. */
static void test_partial_depth_limit(void **state)
{
    const char *partials = "{\"p\":\"{{#c}}[{{>p}}]{{/c}}\"}";
    for (int levels = 63; levels <= 64; levels++) {
        lr_buf data = LR_BUF_INIT, want = LR_BUF_INIT;
        for (int i = 0; i < levels; i++)
            lr_buf_puts(&data, "{\"c\":");
        lr_buf_puts(&data, "{\"c\":false}");
        for (int i = 0; i < levels; i++)
            lr_buf_puts(&data, "}");
        if (levels == 63) {
            /* the template's include and 63 more nest 64 deep */
            for (int i = 0; i < levels; i++)
                lr_buf_putc(&want, '[');
            for (int i = 0; i < levels; i++)
                lr_buf_putc(&want, ']');
            expect_output("{{>p}}", data.data, partials, want.data);
        } else {
            expect_error("{{>p}}", data.data, partials, LR_ETEMPLATE, "p", 1, 8,
                         "partial nesting deeper than 64");
        }
        lr_buf_free(&data);
        lr_buf_free(&want);
    }
}

static lr_status failing_partial(void *user, const char *name, char **text)
{
    return LR_EIO;
}

static void test_error_partial_loader(void **state)
{
    lr_template_options opt = {failing_partial, NULL, 1, "report.md"};
    lr_buf out = LR_BUF_INIT;
    lr_error err;
    const char *tmpl = "a\n{{#x}}{{>row}}{{/x}}";
    cJSON *data = parse_json("{\"x\":true}");
    assert_int_equal(lr_template_render(tmpl, strlen(tmpl), data, &opt, &out, &err), LR_EIO);
    assert_string_equal(err.message, "cannot load partial \"row\": input/output error");
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 7);
    /* not needed, not loaded */
    cJSON_ReplaceItemInObject(data, "x", cJSON_CreateFalse());
    assert_int_equal(lr_template_render(tmpl, strlen(tmpl), data, &opt, &out, &err), LR_OK);
    assert_string_equal(out.data, "a\n");
    cJSON_Delete(data);
    lr_buf_free(&out);
}

/* Sections that multiply are stopped, not run for ever. */
static void test_limit_steps(void **state)
{
    lr_buf tmpl = LR_BUF_INIT;
    for (int i = 0; i < 12; i++)
        lr_buf_puts(&tmpl, "{{#a}}");
    for (int i = 0; i < 12; i++)
        lr_buf_puts(&tmpl, "{{/a}}");
    lr_buf out = LR_BUF_INIT;
    lr_error err;
    assert_int_equal(render(tmpl.data, "{\"a\":[1,2,3,4,5,6,7,8,9,10]}", NULL, 1, &out, &err),
                     LR_ELIMIT);
    assert_string_equal(err.message, "template rendering takes more than 33554432 steps");
    lr_buf_clear(&tmpl);
    for (int i = 0; i < 8; i++)
        lr_buf_puts(&tmpl, "{{#a}}");
    lr_buf_puts(&tmpl, "{{s}}");
    for (int i = 0; i < 8; i++)
        lr_buf_puts(&tmpl, "{{/a}}");
    assert_int_equal(render(tmpl.data, "{\"a\":[1,2,3,4,5,6,7,8,9,10],\"s\":\"0123456789\"}", NULL,
                            1, &out, &err),
                     LR_ELIMIT);
    assert_string_equal(err.message, "template output larger than 67108864 bytes");
    assert_int_equal(out.len, 0);
    lr_buf_free(&out);
    lr_buf_free(&tmpl);
}

/* ---- Options and values -------------------------------------------------------------------- */

static void test_escape_option(void **state)
{
    const char *tmpl = "{{x}} {{{x}}} {{&x}}";
    const char *data = "{\"x\":\"<b>&\\\"'\"}";
    lr_buf out = LR_BUF_INIT;
    lr_error err;
    assert_int_equal(render(tmpl, data, NULL, 0, &out, &err), LR_OK);
    assert_string_equal(out.data, "<b>&\"' <b>&\"' <b>&\"'");
    lr_buf_clear(&out);
    assert_int_equal(render(tmpl, data, NULL, 1, &out, &err), LR_OK);
    assert_string_equal(out.data, "&lt;b&gt;&amp;&quot;' <b>&\"' <b>&\"'");
    lr_buf_free(&out);
}

static void test_numbers(void **state)
{
    expect_output("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}} {{g}} {{h}}",
                  "{\"a\":1.21,\"b\":85,\"c\":0.30000000000000004,\"d\":1e21,\"e\":-0.5,"
                  "\"f\":1e-7,\"g\":12345678901234567890,\"h\":100.0}",
                  NULL, "1.21 85 0.30000000000000004 1e+21 -0.5 1e-07 1.2345678901234567e+19 100");
    expect_output("{{#a}}<{{.}}>{{/a}}", "{\"a\":[0.1,2,-3,true,false,null,\"s\"]}", NULL,
                  "<0.1><2><-3><true><false><><s>");
    /* numbers and strings are truthy, even 0 and "" */
    expect_output("{{#z}}0{{/z}}{{#e}}e{{/e}}{{^o}}o{{/o}}", "{\"z\":0,\"e\":\"\",\"o\":{}}", NULL,
                  "0e");
    expect_output("{{o}}", "{\"o\":{\"k\":[1,\"<\"]}}", NULL,
                  "{&quot;k&quot;:[1,&quot;&lt;&quot;]}");
}

/* One template exercising most of the engine, rendered twice: the same bytes both times. */
static void test_render_twice(void **state)
{
    const char *tmpl = "# {{title}}\n"
                       "{{! a comment }}\n"
                       "{{#rows}}\n"
                       "  {{>row}}\n"
                       "{{/rows}}\n"
                       "{{^rows}}no rows{{/rows}}\n"
                       "{{=<% %>=}}\n"
                       "<%#meta%><%version%><%/meta%>\n";
    const char *data = "{\"title\":\"A & B\",\"rows\":[{\"name\":\"m1\",\"score\":0.5},"
                       "{\"name\":\"m2\",\"score\":85}],\"meta\":{\"version\":\"1.0\"}}";
    const char *partials = "{\"row\":\"| {{name}} |\\n| {{score}} |\\n\"}";
    const char *want = "# A &amp; B\n"
                       "  | m1 |\n"
                       "  | 0.5 |\n"
                       "  | m2 |\n"
                       "  | 85 |\n"
                       "\n"
                       "1.0\n";
    lr_buf a = LR_BUF_INIT, b = LR_BUF_INIT;
    lr_error err;
    assert_int_equal(render(tmpl, data, partials, 1, &a, &err), LR_OK);
    assert_int_equal(render(tmpl, data, partials, 1, &b, &err), LR_OK);
    assert_string_equal(a.data, want);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    lr_buf_free(&a);
    lr_buf_free(&b);
}

static void test_nested_partial_indentation(void **state)
{
    expect_output("  {{>a}}\n", "{\"v\":\"x\\ny\"}",
                  "{\"a\":\"A\\n  {{>b}}\\n\",\"b\":\"B1\\n{{v}}\\n\"}", "  A\n    B1\n    x\ny\n");
    /* an inline partial is not indented */
    expect_output("  x {{>b}}\n", "{\"v\":1}", "{\"b\":\"B\\nC\"}", "  x B\nC\n");
}

static void test_edge_inputs(void **state)
{
    lr_buf out = LR_BUF_INIT;
    lr_error err;
    /* NULL options, NULL context, unknown names, text with a NUL byte */
    static const char nul[] = "a{{x}}{{#y}}b{{/y}}{{^y}}c{{/y}}{{>p}}\0d";
    assert_int_equal(lr_template_render(nul, sizeof nul - 1, NULL, NULL, &out, &err), LR_OK);
    assert_int_equal(out.len, 4);
    assert_memory_equal(out.data, "ac\0d", 4);
    lr_buf_clear(&out);
    assert_int_equal(lr_template_render(NULL, 0, NULL, NULL, &out, NULL), LR_OK);
    assert_int_equal(out.len, 0);
    /* output is appended */
    lr_buf_puts(&out, "x");
    assert_int_equal(lr_template_render("y", 1, NULL, NULL, &out, NULL), LR_OK);
    assert_string_equal(out.data, "xy");
    lr_buf_free(&out);
    /* an error without an lr_error */
    assert_int_equal(lr_template_render("{{#a}}", 6, NULL, NULL, &out, NULL), LR_ETEMPLATE);
    lr_buf_free(&out);
    /* a top-level list context and dotted names through lists */
    expect_output("{{#.}}{{a.b}},{{/.}}", "[{\"a\":{\"b\":1}},{\"a\":2},{}]", NULL, "1,,,");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec_comments),
        cmocka_unit_test(test_spec_delimiters),
        cmocka_unit_test(test_spec_interpolation),
        cmocka_unit_test(test_spec_inverted),
        cmocka_unit_test(test_spec_partials),
        cmocka_unit_test(test_spec_sections),
        cmocka_unit_test(test_spec_count),
        cmocka_unit_test(test_error_unclosed_section),
        cmocka_unit_test(test_error_mismatched_close),
        cmocka_unit_test(test_error_unclosed_tag),
        cmocka_unit_test(test_error_empty_name),
        cmocka_unit_test(test_error_section_depth),
        cmocka_unit_test(test_error_partial_recursion),
        cmocka_unit_test(test_partial_depth_limit),
        cmocka_unit_test(test_error_partial_loader),
        cmocka_unit_test(test_limit_steps),
        cmocka_unit_test(test_escape_option),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_render_twice),
        cmocka_unit_test(test_nested_partial_indentation),
        cmocka_unit_test(test_edge_inputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

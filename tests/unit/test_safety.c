/* What input text may do in an output: which URLs become links (lr_url_is_linkable), and how
 * names are shown (lr_visible: invalid UTF-8 repaired, bidi controls and invisible characters
 * spelled out). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/url.h"
#include "core/visible.h"

static void test_linkable_schemes(void **state)
{
    (void)state;
    static const char *const yes[] = {
        "https://arxiv.org/abs/2303.08774",
        "http://example.org",
        "HTTPS://EXAMPLE.ORG/",
        "HtTp://x",
        "mailto:someone@example.org",
        "MAILTO:a@b",
        " https://lead.ing/space",
        "\thttps://tab",
        "ht\ntps://a.b", /* browsers drop the line break: still https */
    };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (!lr_url_is_linkable(yes[i]))
            fail_msg("\"%s\" should be linkable", yes[i]);
}

static void test_dangerous_schemes(void **state)
{
    (void)state;
    static const char *const no[] = {
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java script:alert(1)",
        "java\tscript:alert(1)",
        " javascript:alert(1)",
        "\x01javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "DATA:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.org",
        "https:/one-slash",
        "http:",
        "mailto",
        "//example.org/no-scheme",
        "arxiv.org/abs/1",
        "",
        "https",
        "httpsx://a",
    };
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (lr_url_is_linkable(no[i]))
            fail_msg("\"%s\" must not be linkable", no[i]);
    assert_false(lr_url_is_linkable(NULL));
}

static void expect_visible(const char *in, const char *want)
{
    char out[256];
    size_t n = lr_visible(out, sizeof out, in, strlen(in));
    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
    assert_int_equal(lr_visible_needed(in, strlen(in)), strcmp(in, want) != 0);
}

static void test_visible_names(void **state)
{
    (void)state;
    expect_visible("GPT-4 (0613)", "GPT-4 (0613)");
    expect_visible("tab\tand\nline", "tab\tand\nline"); /* ASCII is each writer's business */
    expect_visible("\xE2\x80\xAEgnp.exe", "<U+202E>gnp.exe");
    expect_visible("a\xE2\x80\x8B"
                   "b\xE2\x80\x8C"
                   "c\xE2\x80\x8D"
                   "d",
                   "a<U+200B>b<U+200C>c<U+200D>d");
    expect_visible("\xE2\x81\xA6x\xE2\x81\xA9", "<U+2066>x<U+2069>");
    expect_visible("\xE2\x80\x8E\xE2\x80\x8F\xD8\x9C", "<U+200E><U+200F><U+061C>");
    expect_visible("bom\xEF\xBB\xBF", "bom<U+FEFF>");
    expect_visible("soft\xC2\xADhyphen", "soft<U+00AD>hyphen");
    expect_visible("nel\xC2\x85", "nel<U+0085>");
    expect_visible("line\xE2\x80\xA8sep", "line<U+2028>sep");
    expect_visible("tag\xF3\xA0\x81\x81", "tag<U+E0041>");
    expect_visible("filler\xE3\x85\xA4", "filler<U+3164>");
    /* visible text of every script stays as it is */
    expect_visible(
        "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4 caf\xC3\xA9 \xCE\xB1\xCE\xB2 \xF0\x9F\x98\x80",
        "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4 caf\xC3\xA9 \xCE\xB1\xCE\xB2 \xF0\x9F\x98\x80");
    /* bytes that are not UTF-8: one U+FFFD each */
    expect_visible("r\xE9sultats", "r\xEF\xBF\xBDsultats");
    expect_visible("cut\xC3", "cut\xEF\xBF\xBD");
    expect_visible("\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); /* a surrogate */
    expect_visible("\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD");                 /* overlong */
}

static void test_visible_cut(void **state)
{
    (void)state;
    const char *in = "ab\xE2\x80\xAE"
                     "cd";
    char out[8];
    /* "ab<U+202E>cd" needs 12 bytes: the code does not fit after "ab", and nothing after it is
     * written either (a name is never shown with a piece missing in the middle) */
    assert_int_equal(lr_visible(out, sizeof out, in, strlen(in)), 12);
    assert_string_equal(out, "ab");
    assert_int_equal(lr_visible(NULL, 0, in, strlen(in)), 12);
    char one[1] = {'x'};
    assert_int_equal(lr_visible(one, 1, in, strlen(in)), 12);
    assert_int_equal(one[0], '\0');
    /* n bytes, not up to the NUL: a character cut by n is not UTF-8 */
    char buf[32];
    lr_visible(buf, sizeof buf, "x\xE2\x80\xAE", 2);
    assert_string_equal(buf, "x\xEF\xBF\xBD");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_linkable_schemes),
        cmocka_unit_test(test_dangerous_schemes),
        cmocka_unit_test(test_visible_names),
        cmocka_unit_test(test_visible_cut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* What input text may do in an output: which URLs become links (lr_url_is_linkable). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/url.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_linkable_schemes),
        cmocka_unit_test(test_dangerous_schemes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

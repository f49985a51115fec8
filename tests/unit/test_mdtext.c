/* The text helpers of core/mdtext.c that the other unit tests do not cover: dates as shown
 * (ISO timestamps as their date) and GitHub's non-breaking joins in table rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/mdtext.h"

#define NBSP "\xc2\xa0"
#define NBHY "\xe2\x80\x91"

static void test_dates(void **state)
{
    (void)state;
    static const struct {
        const char *in, *shown;
    } cases[] = {
        {"2023-06-10T00:00:00", "2023-06-10"},
        {"2024-04-19T10:35:26Z", "2024-04-19"},
        {"2025-02-25T02:50:33.665339", "2025-02-25"},
        {"2025-01-25 05:46:20+09:00", "2025-01-25"},
        {"2023-03-15", "2023-03-15"},
        {"2023-06", "2023-06"},
        {"July 2023", "July 2023"},
        {"2023-06-10Tx", "2023-06-10Tx"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lr_buf b = LR_BUF_INIT;
        lr_md_date(&b, cases[i].in);
        assert_string_equal(b.data ? b.data : "", cases[i].shown);
        assert_int_equal(lr_date_shown(cases[i].in), strlen(cases[i].shown));
        lr_buf_free(&b);
    }
    assert_true(lr_date_same("2024-04-19T10:35:26Z", "2024-04-19T10:59:48Z"));
    assert_false(lr_date_same("2024-04-19T10:35:26Z", "2024-04-20T10:35:26Z"));
    assert_false(lr_date_same("2024-04-19", NULL));
    assert_true(lr_date_same(NULL, NULL));
}

static char *joined(const char *md)
{
    lr_buf b = LR_BUF_INIT;
    lr_md_github_joins(md, strlen(md), &b);
    return lr_buf_detach(&b);
}

static void expect_joins(const char *md, const char *want)
{
    char *got = joined(md);
    assert_string_equal(got, want);
    free(got);
}

static void test_github_joins(void **state)
{
    (void)state;
    /* the overview: header hyphens and markers */
    expect_joins("| Model | ARC-Challenge | MMLU-Pro |\n"
                 "|:---|---:|---:|\n"
                 "| GPT-4 | 96.3 †[^54] | **86.4** ‡ |\n"
                 "| falcon-40b | 72.0 ± 4.51 | 63.5 ≈ |\n",
                 "| Model | ARC" NBHY "Challenge | MMLU" NBHY "Pro |\n"
                 "|:---|---:|---:|\n"
                 "| GPT-4 | 96.3" NBSP "†[^54] | **86.4**" NBSP "‡ |\n"
                 "| falcon-40b | 72.0" NBSP "±" NBSP "4.51 | 63.5" NBSP "≈ |\n");
    /* tier marks */
    expect_joins("| C | 78.0 ² | 70.0 ³ | 1.0 ⁴ |\n",
                 "| C | 78.0" NBSP "² | 70.0" NBSP "³ | 1.0" NBSP "⁴ |\n");
    /* a number and its footnote; tables and figures with their number */
    expect_joins("| a | 80.7 [^10] | Table 2 | 표 3 | Figure 5 |\n",
                 "| a | 80.7" NBSP "[^10] | Table" NBSP "2 | 표" NBSP "3 | Figure" NBSP "5 |\n");
    /* not in prose, code spans, code blocks, link targets; not a word's space */
    const char *kept = "Prose 80.7 † and Table 2 stay.\n"
                       "| `a 1 †` | [ARC-C](#arc-challenge) | Tablet 2 | x -y |\n"
                       "|---|---|---|---|\n"
                       "```\n| 1 † |\n```\n";
    char *got = joined(kept);
    assert_string_equal(got, "Prose 80.7 † and Table 2 stay.\n"
                             "| `a 1 †` | [ARC" NBHY "C](#arc-challenge) | Tablet 2 | x -y |\n"
                             "|---|---|---|---|\n"
                             "```\n| 1 † |\n```\n");
    free(got);
    /* a body row is no header: its hyphens stay */
    expect_joins("| h |\n|---|\n| falcon-40b |\n", "| h |\n|---|\n| falcon-40b |\n");
    expect_joins("", "");
    expect_joins("no newline at the end | 1 †", "no newline at the end | 1 †");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_github_joins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

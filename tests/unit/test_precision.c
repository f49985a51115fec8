/* Unit tests of one precision per column (src/view/precision.c): the decimals a value needs, the
 * precision sources share, and numbers written at it with their ± alike. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "view/precision.h"

static void test_of_value(void **state)
{
    (void)state;
    assert_int_equal(lr_precision_of_value(62), 0);
    assert_int_equal(lr_precision_of_value(298), 0);
    assert_int_equal(lr_precision_of_value(63.5), 1);
    assert_int_equal(lr_precision_of_value(64.51), 2);
    /* a fraction read from a harness, times 100, is not a decimal of its own */
    assert_int_equal(lr_precision_of_value(0.4624 * 100), 2);
    assert_int_equal(lr_precision_of_value(0.635 * 100), 1);
    assert_int_equal(lr_precision_of_value(64.50511945392491), LR_PRECISION_MAX);
    assert_int_equal(lr_precision_of_value(-0.5), 1);
}

static void test_shared(void **state)
{
    (void)state;
    /* ARC-Challenge of the samples: papers and leaderboards with one decimal, runs with two */
    const int mixed[] = {1, 1, 1, 2, 2};
    assert_int_equal(lr_precision_shared(mixed, 5), 1);
    const int runs[] = {2, 2, 2};
    assert_int_equal(lr_precision_shared(runs, 3), 2);
    const int exams[] = {0, 0};
    assert_int_equal(lr_precision_shared(exams, 2), 0);
    const int integer_and_two[] = {0, 2};
    assert_int_equal(lr_precision_shared(integer_and_two, 2), LR_PRECISION_MIXED);
    assert_int_equal(lr_precision_shared(NULL, 0), LR_PRECISION_MIXED);
}

static void fixed(double v, int d, const char *want)
{
    char buf[64];
    lr_format_fixed(v, d, buf, sizeof buf);
    assert_string_equal(buf, want);
}

static void test_fixed(void **state)
{
    (void)state;
    fixed(64.51, 1, "64.5");
    fixed(33.53, 1, "33.5");
    fixed(62, 1, "62.0");
    fixed(298, 0, "298");
    fixed(46.24, 2, "46.24");
    fixed(0.5, 2, "0.50");
    fixed(-0.004, 2, "0.00");
    fixed(-0.12, 2, "-0.12");
    fixed(74.25, 1, "74.3");
    fixed(-74.25, 1, "-74.3");
    fixed(64.65, 1, "64.7");
}

/* The value and its ± at one precision; an integer score on a scale of its own with its unit. */
static void test_value_md(void **state)
{
    (void)state;
    lr_setting pct = {0}, raw = {0};
    pct.bounded = 1;
    pct.metric = "acc";
    raw.metric = "exam score";
    lr_observation o = {0};
    o.setting = &pct;
    o.value = 72.0;
    o.stderr_ = 4.51;
    lr_buf out = LR_BUF_INIT;
    lr_precision_value_md(&o, 1, 1, 1, &out);
    assert_string_equal(out.data, "72.0 ± 4.5");
    lr_buf_clear(&out);
    o.value = 46.24;
    o.stderr_ = 0.5;
    lr_precision_value_md(&o, 2, 1, 1, &out);
    assert_string_equal(out.data, "46.24 ± 0.50");
    lr_buf_clear(&out);
    lr_precision_value_md(&o, 2, 0, 1, &out);
    assert_string_equal(out.data, "46.24");
    lr_buf_clear(&out);
    o.setting = &raw;
    o.value = 298;
    o.stderr_ = -1;
    lr_precision_value_md(&o, 0, 1, 1, &out);
    assert_string_equal(out.data, "298 exam score");
    lr_buf_clear(&out);
    lr_precision_value_md(&o, 0, 1, 0, &out);
    assert_string_equal(out.data, "298");
    lr_buf_free(&out);
}

/* One formatter: the values without a column (lr_format_value), the changes (lr_format_delta)
 * and the columns' fixed decimals round alike, halves away from zero, and never print "-0.0"
 * (the digest, the baseline's tables and the report share them). */
static void test_one_formatter(void **state)
{
    (void)state;
    char a[64], b[64];
    const double values[] = {0.125, 74.245, 63.55, 2.675, -0.004, -1.005, 46.84, 298, 1e-9};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        lr_format_value(values[i], a, sizeof a);
        lr_format_fixed(values[i], 2, b, sizeof b);
        size_t n = strlen(b);
        if (b[n - 1] == '0' && b[n - 2] != '.')
            b[n - 1] = '\0';
        assert_string_equal(a, b);
    }
    lr_format_value(0.125, a, sizeof a);
    assert_string_equal(a, "0.13"); /* printf alone gives 0.12 */
    lr_format_value(2.675, a, sizeof a);
    assert_string_equal(a, "2.68"); /* printf alone gives 2.67 */
    lr_format_value(298, a, sizeof a);
    assert_string_equal(a, "298.0");
    lr_format_value(-0.004, a, sizeof a);
    assert_string_equal(a, "0.0");
    lr_format_delta(-2, a, sizeof a);
    assert_string_equal(a, "\xe2\x88\x92"
                           "2.0");
    lr_format_delta(3.456, a, sizeof a);
    assert_string_equal(a, "+3.46");
    lr_format_delta(-0.004, a, sizeof a);
    assert_string_equal(a, "\xc2\xb1"
                           "0.0");
    lr_format_delta(0.005, a, sizeof a);
    assert_string_equal(a, "+0.01");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_of_value),      cmocka_unit_test(test_shared),
        cmocka_unit_test(test_fixed),         cmocka_unit_test(test_value_md),
        cmocka_unit_test(test_one_formatter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

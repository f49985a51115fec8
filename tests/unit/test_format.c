/* The hand-written formatting of the exports against what it replaced: lr_format_double against
 * the snprintf/strtod implementation, lr_json_quote against the per-byte one, lr_buf_put_int
 * against "%lld", lr_buf_printf against snprintf. The old implementations are kept here as
 * references; the outputs must be byte-identical, so every case compares bytes.
 * LR_FORMAT_CASES=N in the environment sets how many random doubles are compared. */
#include <float.h>
#include <limits.h>
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
#include "core/mdtext.h"

/* lr_format_double as it was before the hand-written path (commit ca3829d). */
static void reference_format_double(double v, char *buf, size_t size)
{
    if (fabs(v) < 1e6 && size >= 32) {
        long long scaled = llround(v * 1e9);
        if ((double)scaled / 1e9 == v) {
            unsigned long long a = (unsigned long long)(scaled < 0 ? -scaled : scaled);
            unsigned long long whole = a / 1000000000ull, frac = a % 1000000000ull;
            char *p = buf;
            if (scaled < 0)
                *p++ = '-';
            p += sprintf(p, "%llu", whole);
            if (frac) {
                char digits[10];
                sprintf(digits, "%09llu", frac);
                int end = 9;
                while (end > 0 && digits[end - 1] == '0')
                    end--;
                *p++ = '.';
                memcpy(p, digits, (size_t)end);
                p += end;
            }
            *p = '\0';
            return;
        }
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

/* lr_json_quote as it was (commit ca3829d). */
static void reference_json_quote(lr_buf *out, const char *s)
{
    lr_buf_putc(out, '"');
    const char *run = s;
    for (const unsigned char *p = (const unsigned char *)s;; p++) {
        unsigned char c = *p;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        lr_buf_append(out, run, (size_t)((const char *)p - run));
        if (!c)
            break;
        switch (c) {
        case '"':
            lr_buf_puts(out, "\\\"");
            break;
        case '\\':
            lr_buf_puts(out, "\\\\");
            break;
        case '\n':
            lr_buf_puts(out, "\\n");
            break;
        case '\r':
            lr_buf_puts(out, "\\r");
            break;
        case '\t':
            lr_buf_puts(out, "\\t");
            break;
        default:
            lr_buf_printf(out, "\\u%04x", c);
        }
        run = (const char *)p + 1;
    }
    lr_buf_putc(out, '"');
}

static uint64_t rng = 88172645463325252ull;

static uint64_t next(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return rng;
}

static double exact_pow10(int d)
{
    double p = 1;
    for (int i = 0; i < d; i++)
        p *= 10; /* exact up to 1e22 */
    return p;
}

static long cases_checked;

static void check_double(double v)
{
    char got[64], want[64];
    lr_format_double(v, got, sizeof got);
    reference_format_double(v, want, sizeof want);
    if (strcmp(got, want))
        fail_msg("%a (%.17g): got \"%s\", want \"%s\"", v, v, got, want);
    cases_checked++;
}

/* One double of the kinds exports meet, and of the kinds that are hard to get right. */
static double random_double(unsigned kind)
{
    uint64_t x = next(), y = next();
    double sign = x >> 63 ? -1 : 1;
    uint64_t n = 1 + y % 100000, k = x % (n + 1);
    double p = (double)k / (double)n;
    switch (kind) {
    case 0: /* a percentage as normalization rounds it */
        return round(p * 100 * 1e9) / 1e9;
    case 1: /* a fraction, rounded to 9 decimals or not at all */
        return y & 1 ? round(p * 1e9) / 1e9 : p;
    case 2: { /* a standard error in percent, rounded to 12 decimals as normalization does */
        double se = n > 1 ? sqrt(p * (1 - p) / (double)(n - 1)) : 0;
        return round(se * 100 * 1e12) / 1e12;
    }
    case 3: { /* a standard error as a harness writes it */
        double se = n > 1 ? sqrt(p * (1 - p) / (double)(n - 1)) : 0;
        return y & 2 ? se : round(se * 1e12) / 1e12;
    }
    case 4: { /* a decimal with up to 17 digits and up to 25 decimals */
        int digits = 1 + (int)(y % 17), d = (int)((y >> 8) % 26);
        double m = (double)(x % (uint64_t)exact_pow10(digits));
        return sign * (d <= 22 ? m / exact_pow10(d) : m / exact_pow10(22) / exact_pow10(d - 22));
    }
    case 5: { /* any bit pattern: NaN, infinities, subnormals, huge */
        double v;
        memcpy(&v, &x, sizeof v);
        return v;
    }
    case 6: /* an integer of any size up to 2^63, or just below or above 1e15 and 2^53 */
        switch (y % 4) {
        case 0:
            return sign * (double)(x >> (y >> 8) % 64);
        case 1:
            return sign * (1e15 + (double)((int)(x % 2001) - 1000));
        case 2:
            return sign * (9007199254740992.0 + (double)((int)(x % 2001) - 1000));
        default:
            return sign * (double)(x % 100000);
        }
    case 7: { /* a neighbour of a power of ten: the edges of every range */
        double t = pow(10, (double)((int)(y % 61) - 30));
        int steps = (int)(x % 5) - 2;
        for (; steps < 0; steps++)
            t = nextafter(t, 0);
        for (; steps > 0; steps--)
            t = nextafter(t, INFINITY);
        return sign * t;
    }
    case 8: /* uniform over a random decade from 1e-25 to 1e25 */
        return sign * ((double)(x >> 11) / 9007199254740992.0) *
               pow(10, (double)((int)(y % 51) - 25));
    default: { /* short decimals between 1e-12 and 1e-3, where %g switches to exponents */
        int d = 4 + (int)(y % 19);
        return sign * (double)(1 + x % 99999) / exact_pow10(d);
    }
    }
}

static void test_format_double_as_before(void **state)
{
    (void)state;
    /* clang-format off */
    static const double fixed[] = {
        0.0, -0.0, 1.0, -1.0, 86.4, -0.5, 0.1, 0.3,                             /* plain */
        46.839999999999996, 49.816401469, 1.750338304688, 1.234567890123e-7, /* 17, 9, 12 digits */
        1e-4, 1e-5, 1.5e-5, 1e-9, 1e-10, 1.5e-10, /* where %g turns to exponents */
        1e6, 1000000.5, 123456.123456789, 999999.999999999, 999999.9999999999,  /* around 1e6 */
        1e15, 999999999999999.0, 99999999999999.9, 9007199254740993.0,          /* 1e15, 2^53 */
        1e-300, 5e-324, DBL_MIN, DBL_MAX, 1e300, -1e300, DBL_EPSILON, INFINITY, -INFINITY};
    /* clang-format on */
    check_double(0.1 + 0.2);
    check_double(2.0 / 3.0);
    check_double(100.0 / 3.0);
    check_double(NAN);
    check_double(-NAN);
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        check_double(fixed[i]);
    /* every power of ten and its two neighbours */
    for (int e = -324; e <= 308; e++) {
        double t = pow(10, e);
        check_double(t);
        check_double(nextafter(t, 0));
        check_double(nextafter(t, INFINITY));
        check_double(-t);
    }
    /* every short decimal m / 10^d with m < 2000 and d <= 22 */
    for (int d = 0; d <= 22; d++)
        for (int m = 0; m < 2000; m++)
            check_double((double)m / exact_pow10(d));
    long n = 1000000;
    const char *env = getenv("LR_FORMAT_CASES");
    if (env && atol(env) > 0)
        n = atol(env);
    for (long i = 0; i < n; i++)
        check_double(random_double((unsigned)(i % 10)));
    print_message("%ld doubles formatted as before\n", cases_checked);
    /* and what the exports promise */
    char buf[64];
    lr_format_double(86.4, buf, sizeof buf);
    assert_string_equal(buf, "86.4");
    lr_format_double(-0.0, buf, sizeof buf);
    assert_string_equal(buf, "0");
    lr_format_double(0.00001, buf, sizeof buf);
    assert_string_equal(buf, "0.00001");
    lr_format_double(1.5e-10, buf, sizeof buf);
    assert_string_equal(buf, "1.5e-10");
    lr_format_double(1.750338304688, buf, sizeof buf);
    assert_string_equal(buf, "1.750338304688");
    lr_format_double(1234567.25, buf, sizeof buf);
    assert_string_equal(buf, "1234567.25");
}

static void test_json_quote_as_before(void **state)
{
    (void)state;
    static const char *const fixed[] = {"",
                                        "plain",
                                        "\"",
                                        "\\",
                                        "a\"b\\c",
                                        "\n\r\t\x01\x1f\x7f",
                                        "caf\xc3\xa9 \xe2\x80\x94 \xff",
                                        "\x1f\x1f\x1f\x1f"};
    lr_buf got = LR_BUF_INIT, want = LR_BUF_INIT;
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        lr_json_quote(&got, fixed[i]);
        reference_json_quote(&want, fixed[i]);
    }
    assert_string_equal(got.data, want.data);
    lr_buf one = LR_BUF_INIT;
    lr_json_quote(&one, "a\"b\\c\n\x01\x1f\x7f");
    assert_string_equal(one.data, "\"a\\\"b\\\\c\\n\\u0001\\u001f\x7f\"");
    lr_buf_free(&one);
    /* random strings, many with escapes, appended to a growing buffer and to a fresh one each */
    char text[600];
    for (int i = 0; i < 20000; i++) {
        size_t len = next() % (i % 10 ? 40 : sizeof text);
        for (size_t j = 0; j < len; j++) {
            uint64_t r = next();
            text[j] = (char)(r % 4 ? 0x20 + r % 95 : 1 + (r >> 8) % 255);
        }
        text[len] = '\0';
        lr_json_quote(&got, text);
        reference_json_quote(&want, text);
        lr_buf fresh = LR_BUF_INIT, fresh_want = LR_BUF_INIT;
        lr_json_quote(&fresh, text);
        reference_json_quote(&fresh_want, text);
        assert_int_equal(fresh.len, strlen(fresh.data));
        assert_string_equal(fresh.data, fresh_want.data);
        lr_buf_free(&fresh);
        lr_buf_free(&fresh_want);
    }
    assert_int_equal(got.len, want.len);
    assert_memory_equal(got.data, want.data, got.len);
    assert_int_equal(got.len, strlen(got.data));
    lr_buf_free(&got);
    lr_buf_free(&want);
}

static void test_put_int_as_printf(void **state)
{
    (void)state;
    lr_buf got = LR_BUF_INIT;
    char want[64];
    static const long long fixed[] = {0,       1,       -1,        9,         10,      -10, 99,
                                      INT_MAX, INT_MIN, LLONG_MAX, LLONG_MIN, 1000000, 100};
    size_t n_fixed = sizeof fixed / sizeof fixed[0];
    for (size_t i = 0; i < n_fixed + 100000; i++) {
        long long v = i < n_fixed ? fixed[i] : (long long)(next() >> (1 + next() % 63));
        if (i >= n_fixed && next() & 1)
            v = -v;
        lr_buf_clear(&got);
        lr_buf_put_int(&got, v);
        snprintf(want, sizeof want, "%lld", v);
        assert_string_equal(got.data, want);
        assert_int_equal(got.len, strlen(want));
    }
    lr_buf_free(&got);
}

static void test_printf_appends(void **state)
{
    (void)state;
    lr_buf b = LR_BUF_INIT;
    char long_text[5000], want[20000];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    size_t want_len = 0;
    /* short texts that fit the free space and long ones that do not, interleaved */
    for (int i = 0; i < 200; i++) {
        const char *s = i % 50 == 49 ? long_text + 4950 - i * 20 : "ab";
        lr_buf_printf(&b, "[%d:%s]", i, s);
        want_len += (size_t)snprintf(want + want_len, sizeof want - want_len, "[%d:%s]", i, s);
        assert_int_equal(b.len, want_len);
        assert_memory_equal(b.data, want, want_len + 1);
    }
    lr_buf_free(&b);
    lr_buf_printf(&b, "%s", "");
    assert_non_null(b.data);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.data, "");
    lr_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_double_as_before),
        cmocka_unit_test(test_json_quote_as_before),
        cmocka_unit_test(test_put_int_as_printf),
        cmocka_unit_test(test_printf_appends),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

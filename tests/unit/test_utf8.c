/* Tests of the UTF-8 module (src/core/utf8.c): decoding agrees with the validator on every
 * 1-, 2- and 3-byte sequence and on the 4-byte edges, malformed input decodes one byte at a
 * time as U+FFFD, a NUL ends any sequence, and encoding round-trips every scalar value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/utf8.h"

static void test_decode_known(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(lr_utf8_decode("A", LR_UTF8_MAX, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(lr_utf8_decode("\xc2\xb1", LR_UTF8_MAX, &cp), 2);
    assert_int_equal(cp, 0xb1);
    assert_int_equal(lr_utf8_decode("모", LR_UTF8_MAX, &cp), 3);
    assert_int_equal(cp, 0xbaa8);
    assert_int_equal(lr_utf8_decode("\xf0\x9f\x98\x80", LR_UTF8_MAX, &cp), 4);
    assert_int_equal(cp, 0x1f600);
    assert_int_equal(lr_utf8_decode("\xf4\x8f\xbf\xbf", LR_UTF8_MAX, &cp), 4);
    assert_int_equal(cp, 0x10ffff);
    /* Malformed: overlong, surrogate, beyond U+10FFFF, truncated, a lone continuation byte. */
    const char *bad[] = {"\xff",
                         "\xc0\xaf",
                         "\xc1\xbf",
                         "\xe0\x80\xaf",
                         "\xed\xa0\x80",
                         "\xf0\x8f\xbf\xbf",
                         "\xf4\x90\x80\x80",
                         "\xf5\x80\x80\x80",
                         "\xe2\x82",
                         "\x80",
                         "\xf8\x88\x80\x80\x80"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(lr_utf8_decode(bad[i], LR_UTF8_MAX, &cp), 1);
        assert_int_equal(cp, 0xfffd);
    }
    /* avail cuts a sequence: U+FFFD, one byte. */
    assert_int_equal(lr_utf8_decode("모", 2, &cp), 1);
    assert_int_equal(cp, 0xfffd);
}

/* Every 1-, 2- and 3-byte sequence (and a NUL after it): decode accepts exactly what
 * lr_utf8_char_len accepts, with the codepoint the bits say. */
static void test_decode_agrees_with_char_len(void **state)
{
    (void)state;
    unsigned char s[5];
    for (uint32_t v = 0; v < (1u << 24); v++) {
        s[0] = (unsigned char)(v >> 16), s[1] = (unsigned char)(v >> 8), s[2] = (unsigned char)v;
        s[3] = 0;
        if (!s[0])
            continue;
        uint32_t cp;
        size_t n = lr_utf8_decode((const char *)s, LR_UTF8_MAX, &cp);
        size_t k = lr_utf8_char_len(s, 3);
        if (k) {
            assert_int_equal(n, k);
            char back[LR_UTF8_MAX];
            assert_int_equal(lr_utf8_encode(cp, back), k);
            assert_memory_equal(back, s, k);
        } else {
            assert_int_equal(n, 1);
            assert_int_equal(cp, 0xfffd);
        }
    }
}

static void test_encode(void **state)
{
    (void)state;
    char out[LR_UTF8_MAX];
    for (uint32_t cp = 0; cp <= 0x10ffff; cp++) {
        size_t n = lr_utf8_encode(cp, out);
        uint32_t back;
        if (cp >= 0xd800 && cp <= 0xdfff) {
            assert_int_equal(n, 3);
            assert_memory_equal(out, "\xef\xbf\xbd", 3);
            continue;
        }
        assert_int_equal(n, cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
        assert_int_equal(lr_utf8_char_len((const unsigned char *)out, n), n);
        assert_int_equal(lr_utf8_decode(out, n, &back), n);
        assert_int_equal(back, cp);
    }
    assert_int_equal(lr_utf8_encode(0x110000, out), 3);
    assert_memory_equal(out, "\xef\xbf\xbd", 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_known),
        cmocka_unit_test(test_decode_agrees_with_char_len),
        cmocka_unit_test(test_encode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* UTF-8 validation and repair; see utf8.h. */
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

size_t lr_utf8_char_len(const unsigned char *s, size_t avail)
{
    if (!avail)
        return 0;
    if (s[0] < 0x80)
        return 1;
    size_t n = (s[0] & 0xE0) == 0xC0   ? 2
               : (s[0] & 0xF0) == 0xE0 ? 3
               : (s[0] & 0xF8) == 0xF0 ? 4
                                       : 0;
    if (!n || n > avail || (n == 2 && s[0] < 0xC2))
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if (n == 3 && s[0] == 0xE0 && s[1] < 0xA0)
        return 0; /* overlong */
    if (n == 3 && s[0] == 0xED && s[1] >= 0xA0)
        return 0; /* surrogates */
    if (n == 4 && ((s[0] == 0xF0 && s[1] < 0x90) || s[0] > 0xF4 || (s[0] == 0xF4 && s[1] >= 0x90)))
        return 0;
    return n;
}

size_t lr_utf8_decode(const char *str, size_t avail, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t n = lr_utf8_char_len(s, avail);
    if (n <= 1) {
        *cp = n ? s[0] : 0xfffd;
        return 1;
    }
    static const unsigned char lead_mask[] = {0, 0, 0x1f, 0x0f, 0x07};
    uint32_t v = s[0] & lead_mask[n];
    for (size_t i = 1; i < n; i++)
        v = (v << 6) | (s[i] & 0x3f);
    *cp = v;
    return n;
}

size_t lr_utf8_encode(uint32_t cp, char *out)
{
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        cp = 0xfffd;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* Bytes from i on that are ASCII, eight at a time while eight remain, then one at a time. */
static size_t skip_ascii(const unsigned char *s, size_t i, size_t len)
{
    for (; len - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080u)
            break;
    }
    while (i < len && s[i] < 0x80)
        i++;
    return i;
}

size_t lr_utf8_repair(char **text, size_t *len, size_t *first)
{
    const unsigned char *s = (const unsigned char *)*text;
    size_t bad = 0;
    *first = 0;
    for (size_t i = skip_ascii(s, 0, *len); i < *len; i = skip_ascii(s, i, *len)) {
        size_t n = lr_utf8_char_len(s + i, *len - i);
        if (!n) {
            if (!bad++)
                *first = i;
            n = 1;
        }
        i += n;
    }
    if (!bad)
        return 0;
    if (bad > ((size_t)-1 - *len - 1) / 2)
        return (size_t)-1;
    char *out = malloc(*len + 2 * bad + 1), *o = out;
    if (!out)
        return (size_t)-1;
    for (size_t i = 0; i < *len;) {
        size_t n = lr_utf8_char_len(s + i, *len - i);
        if (n) {
            memcpy(o, s + i, n);
            o += n;
            i += n;
        } else {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        }
    }
    *o = '\0';
    free(*text);
    *text = out;
    *len = (size_t)(o - out);
    return bad;
}

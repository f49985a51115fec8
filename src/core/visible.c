/* Names made visible; see visible.h. */
#include "visible.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

/* Code points shown as <U+XXXX>: unseen, yet they reorder, join, hide or break the text around
 * them. Sorted, inclusive ranges. */
static const struct {
    uint32_t first, last;
} invisible[] = {
    {0x0080, 0x009F},   /* C1 controls (U+0085 breaks lines) */
    {0x00AD, 0x00AD},   /* soft hyphen */
    {0x034F, 0x034F},   /* combining grapheme joiner */
    {0x061C, 0x061C},   /* Arabic letter mark */
    {0x115F, 0x1160},   /* Hangul fillers */
    {0x17B4, 0x17B5},   /* Khmer inherent vowels */
    {0x180B, 0x180E},   /* Mongolian free variation selectors, vowel separator */
    {0x200B, 0x200F},   /* zero width space, non-joiner, joiner; LRM, RLM */
    {0x2028, 0x202E},   /* line and paragraph separators; LRE, RLE, PDF, LRO, RLO */
    {0x2060, 0x206F},   /* word joiner, invisible operators; LRI, RLI, FSI, PDI; deprecated */
    {0x3164, 0x3164},   /* Hangul filler */
    {0xFEFF, 0xFEFF},   /* zero width no-break space (BOM) */
    {0xFFA0, 0xFFA0},   /* halfwidth Hangul filler */
    {0xFFF9, 0xFFFB},   /* interlinear annotation */
    {0x1D173, 0x1D17A}, /* musical symbol format characters */
    {0xE0000, 0xE007F}, /* tags */
};

static int is_invisible(uint32_t c)
{
    for (size_t i = 0; i < sizeof invisible / sizeof invisible[0] && c >= invisible[i].first; i++)
        if (c <= invisible[i].last)
            return 1;
    return 0;
}

/* How the character at s is shown: its own bytes (*len of them, returns 0), U+FFFD for a byte
 * that starts no character (returns 1, *len = 1), or its code (returns 2). */
static int classify(const unsigned char *s, size_t avail, size_t *len, uint32_t *code)
{
    size_t n = lr_utf8_char_len(s, avail);
    if (!n) {
        *len = 1;
        return 1;
    }
    *len = n;
    if (n == 1)
        return 0;
    lr_utf8_decode((const char *)s, n, code);
    return is_invisible(*code) ? 2 : 0;
}

int lr_visible_needed(const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < n;) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t len;
        uint32_t code;
        if (classify(s + i, n - i, &len, &code))
            return 1;
        i += len;
    }
    return 0;
}

size_t lr_visible(char *out, size_t size, const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t need = 0, put = 0, len;
    for (size_t i = 0; i < n; i += len) {
        uint32_t code = 0;
        char shown[16];
        const char *piece = (const char *)s + i;
        size_t plen;
        len = 1;
        int kind = s[i] < 0x80 ? 0 : classify(s + i, n - i, &len, &code);
        if (kind == 1) {
            piece = "\xEF\xBF\xBD";
            plen = 3;
        } else if (kind == 2) {
            plen = (size_t)snprintf(shown, sizeof shown, "<U+%04X>", (unsigned)code);
            piece = shown;
        } else {
            plen = len;
        }
        /* whole characters only: after the first that does not fit, nothing more */
        if (put == need && put + plen < size) {
            memcpy(out + put, piece, plen);
            put += plen;
        }
        need += plen;
    }
    if (size)
        out[put] = '\0';
    return need;
}

char *lr_visible_copy(lr_arena *arena, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    if (!lr_visible_needed(s, n))
        return lr_arena_strdup(arena, s);
    size_t need = lr_visible(NULL, 0, s, n);
    char *copy = lr_arena_alloc(arena, need + 1);
    if (copy)
        lr_visible(copy, need + 1, s, n);
    return copy;
}

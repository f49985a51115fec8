/* Markdown escaping and number formatting; see mdtext.h. */
#include "mdtext.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at s, or 0 when invalid. */
static size_t utf8_len(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    size_t n = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (!n || (n == 2 && s[0] < 0xC2))
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

void lr_md_escape(lr_buf *out, const char *text)
{
    if (!text)
        return;
    static const char special[] = "\\`*_{}[]()<>#+-.!|~&$\"'=:";
    const unsigned char *p = (const unsigned char *)text;
    int last_space = 0;
    while (*p) {
        unsigned char c = *p;
        if (c == '\n' || c == '\r' || c == '\t') {
            if (!last_space)
                lr_buf_putc(out, ' ');
            last_space = 1;
            p++;
            continue;
        }
        last_space = c == ' ';
        if (c < 0x20 || c == 0x7f) {
            p++;
            continue;
        }
        if (c >= 0x80) {
            size_t n = utf8_len(p);
            if (!n) {
                lr_buf_puts(out, "\xEF\xBF\xBD");
                p++;
            } else {
                lr_buf_append(out, (const char *)p, n);
                p += n;
            }
            continue;
        }
        /* '.' and '-' and ':' matter only in a few places; escape the ones that can start
         * constructs anywhere, and keep the text readable otherwise */
        if (strchr(special, c) && c != '.' && c != '-' && c != ':' && c != '\'' && c != '"' &&
            c != '=' && c != '+' && c != '$' && c != '{' && c != '}' && c != '(' && c != ')')
            lr_buf_putc(out, '\\');
        lr_buf_putc(out, (char)c);
        p++;
    }
}

char *lr_md_escaped(const char *text)
{
    lr_buf b = LR_BUF_INIT;
    lr_md_escape(&b, text ? text : "");
    return lr_buf_detach(&b);
}

void lr_format_value(double v, char *buf, size_t size)
{
    snprintf(buf, size, "%.2f", v);
    size_t n = strlen(buf);
    char *dot = strchr(buf, '.');
    if (dot && n >= 2 && buf[n - 1] == '0' && buf[n - 2] != '.')
        buf[n - 1] = '\0';
    if (!strcmp(buf, "-0.0"))
        snprintf(buf, size, "0.0");
}

void lr_format_double(double v, char *buf, size_t size)
{
    /* the common case, fast: values with at most 9 decimals (normalized values are rounded to
     * 1e-9). Below 1e6, v * 1e9 is an exact integer in a double, so (double)scaled / 1e9 and
     * strtod of the decimal text are both the double nearest to scaled * 10^-9: when the first
     * equals v, the text reads back as v. */
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

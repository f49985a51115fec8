/* Markdown escaping, JSON string literals and number formatting; see mdtext.h. */
#include "core/mdtext.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

void lr_md_escape(lr_buf *out, const char *text)
{
    if (!text)
        return;
    static const char special[] = "\\`*_{}[]()<>#+-.!|~&$\"'=:";
    const unsigned char *p = (const unsigned char *)text;
    int last_space = 0;
    /* the printable ASCII characters not in special: copied as they are, a run at a time */
    static const unsigned char plain_run[128] = {
        [' '] = 1, ['%'] = 1, [','] = 1, ['/'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1,
        ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, [';'] = 1, ['?'] = 1,
        ['@'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
        ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1,
        ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1,
        ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['^'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
        ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
        ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
        ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
    };
    while (*p) {
        unsigned char c = *p;
        if (c < 0x80 && plain_run[c]) {
            const unsigned char *q = p + 1;
            while (*q < 0x80 && plain_run[*q])
                q++;
            lr_buf_append(out, (const char *)p, (size_t)(q - p));
            last_space = q[-1] == ' ';
            p = q;
            continue;
        }
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
            /* text is NUL-terminated: the NUL fails a sequence before anything past it is read */
            size_t n = lr_utf8_char_len(p, 4);
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

/* "YYYY-MM-DD" followed by 'T' or ' ' and "hh:mm": the shape of an ISO 8601 timestamp. */
static int is_timestamp(const char *d)
{
    static const char shape[] = "dddd-dd-dd?dd:dd";
    for (size_t i = 0; shape[i]; i++) {
        unsigned char c = (unsigned char)d[i];
        if (shape[i] == 'd' ? !isdigit(c) : shape[i] == '?' ? c != 'T' && c != ' ' : c != shape[i])
            return 0;
    }
    return 1;
}

size_t lr_date_shown(const char *date)
{
    if (!date)
        return 0;
    return is_timestamp(date) ? 10 : strlen(date);
}

void lr_md_date(lr_buf *out, const char *date)
{
    if (!date)
        return;
    size_t n = lr_date_shown(date);
    if (n == strlen(date)) {
        lr_md_escape(out, date);
        return;
    }
    char day[16];
    size_t k = strnlen(date, n < sizeof day - 1 ? n : sizeof day - 1); /* as "%.*s" would */
    memcpy(day, date, k);
    day[k] = 0;
    lr_md_escape(out, day);
}

int lr_date_same(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    size_t n = lr_date_shown(a);
    return n == lr_date_shown(b) && !strncmp(a, b, n);
}

char *lr_md_escaped(const char *text)
{
    lr_buf b = LR_BUF_INIT;
    lr_md_escape(&b, text ? text : "");
    return lr_buf_detach(&b);
}

void lr_format_fixed(double v, int decimals, char *buf, size_t size)
{
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    char tmp[64];
    /* halves away from zero, as tables are rounded by hand (74.25 -> 74.3), not to even */
    double nudge = isfinite(v) ? copysign(fabs(v) * 1e-12, v) : 0;
    snprintf(tmp, sizeof tmp, "%.*f", decimals, v + nudge);
    /* "-0.0" is 0: a value that rounds to zero has no sign */
    int zero = 1;
    for (const char *c = tmp; *c; c++)
        zero &= *c == '-' || *c == '0' || *c == '.';
    snprintf(buf, size, "%s", tmp[0] == '-' && zero ? tmp + 1 : tmp);
}

void lr_format_value(double v, char *buf, size_t size)
{
    lr_format_fixed(v, 2, buf, size);
    size_t n = strlen(buf);
    const char *dot = strchr(buf, '.');
    if (dot && n >= 2 && buf[n - 1] == '0' && buf[n - 2] != '.')
        buf[n - 1] = '\0';
}

void lr_format_delta(double d, char *buf, size_t size)
{
    char v[64];
    lr_format_value(fabs(d), v, sizeof v);
    int zero = 1;
    for (const char *c = v; *c; c++)
        zero &= *c == '0' || *c == '.';
    snprintf(buf, size, "%s%s", zero ? "\xc2\xb1" : d < 0 ? "\xe2\x88\x92" : "+", v);
}

/* 10^0 .. 10^22, each exact in a double. */
static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* Writes the decimal digits of a to buf (no NUL), two at a time; returns how many. */
static int put_digits(char *buf, unsigned long long a)
{
    static const char pairs[] = "0001020304050607080910111213141516171819"
                                "2021222324252627282930313233343536373839"
                                "4041424344454647484950515253545556575859"
                                "6061626364656667686970717273747576777879"
                                "8081828384858687888990919293949596979899";
    char tmp[20], *p = tmp + sizeof tmp;
    while (a >= 100) {
        p -= 2;
        memcpy(p, pairs + 2 * (a % 100), 2);
        a /= 100;
    }
    if (a >= 10) {
        p -= 2;
        memcpy(p, pairs + 2 * a, 2);
    } else {
        *--p = (char)('0' + a);
    }
    int n = (int)(tmp + sizeof tmp - p);
    memcpy(buf, p, (size_t)n);
    return n;
}

/* The shortest decimal r * 10^-d with at most 15 significant digits that reads back as v, when
 * there is one with at most 22 decimals; 0 when not found (|v| >= 1e15, NaN, tiny values, or
 * values that need 16 or 17 digits).
 *
 * Why the test is exact: r and 10^d are exact doubles, so r / 10^d is the double nearest to the
 * decimal, which is what strtod returns for its text. Why it finds the decimal when there is
 * one: such a decimal D lies within half an ulp (< 1.2e-16 |v|) of v, so at the most decimals d
 * that keep |v| * 10^d below 10^15, v * 10^d is within 0.25 of the integer D * 10^d and rounds
 * to it. Two different decimals of at most 15 digits are more than 1e-15 |v| apart, so at most
 * one reads back as v: stripping the trailing zeros gives the shortest. */
static int short_decimal(double v, unsigned long long *digits, int *decimals)
{
    double a = fabs(v);
    if (!(a < 1e15))
        return 0;
    if (v == (double)(long long)v) {
        *digits = (unsigned long long)(a);
        *decimals = 0;
        return 1;
    }
    int d = 15;
    while (d > 0 && a * pow10_exact[d] >= 1e15)
        d--;
    while (d < 22 && a * pow10_exact[d + 1] < 1e15)
        d++;
    double x = a * pow10_exact[d]; /* < 1e15: adding 0.5 is exact enough to round */
    unsigned long long r = (unsigned long long)(x + 0.5);
    if (r > 1000000000000000ull || (double)r / pow10_exact[d] != a)
        return 0;
    while (d > 0 && r % 10 == 0) {
        r /= 10;
        d--;
    }
    *digits = r;
    *decimals = d;
    return 1;
}

void lr_format_double(double v, char *buf, size_t size)
{
    /* The text is what the first snprintf("%.*g", 15..17) that reads back as v prints, except
     * that values with at most 9 decimals below 1e6 never take the exponent form ("0.00001",
     * not "1e-05"). The common case, values with at most 15 significant digits, is written
     * here without snprintf or strtod; a %.15g that reads back prints the same shortest
     * decimal, because no other 15-digit decimal is as close to v. */
    unsigned long long r;
    int d;
    if (size >= 32 && short_decimal(v, &r, &d)) {
        char digits[24];
        int n = put_digits(digits, r);
        int exp10 = n - 1 - d; /* the decimal exponent of the first digit */
        char *p = buf;
        if (v < 0 && r)
            *p++ = '-';
        if (d > 9 && exp10 < -4) { /* %g's exponent form, "1.5e-10" */
            *p++ = digits[0];
            if (n > 1) {
                *p++ = '.';
                memcpy(p, digits + 1, (size_t)n - 1);
                p += n - 1;
            }
            *p++ = 'e';
            *p++ = '-';
            *p++ = (char)('0' + -exp10 / 10);
            *p++ = (char)('0' + -exp10 % 10);
        } else if (n > d) { /* "123", "12.5" */
            memcpy(p, digits, (size_t)(n - d));
            p += n - d;
            if (d) {
                *p++ = '.';
                memcpy(p, digits + n - d, (size_t)d);
                p += d;
            }
        } else { /* "0.005" */
            *p++ = '0';
            *p++ = '.';
            memset(p, '0', (size_t)(d - n));
            p += d - n;
            memcpy(p, digits, (size_t)n);
            p += n;
        }
        *p = '\0';
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

/* 1 for the bytes a JSON string holds as they are: not '"', not '\\', no control character. */
static const unsigned char json_plain[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x20: '"' */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x30 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x40 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 0x50: '\\' */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x60 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x70 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x80 and up: UTF-8, as it is */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x90 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xa0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xb0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xc0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xd0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xe0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xf0 */
};

void lr_json_quote(lr_buf *out, const char *s)
{
    /* room for the quotes and the text as it is, once; an escape makes room for the rest */
    size_t len = strlen(s);
    if (lr_buf_reserve(out, len + 2))
        return;
    char *w = out->data + out->len;
    *w++ = '"';
    for (const unsigned char *p = (const unsigned char *)s;; p++) {
        const unsigned char *run = p;
        while (json_plain[*p])
            p++;
        memcpy(w, run, (size_t)(p - run));
        w += p - run;
        if (!*p)
            break;
        out->len = (size_t)(w - out->data);
        out->data[out->len] = '\0';
        /* the escape (at most 6 bytes), the rest of s and the closing quote */
        if (lr_buf_reserve(out, 6 + (len - (size_t)((const char *)p - s) - 1) + 1))
            return;
        w = out->data + out->len;
        *w++ = '\\';
        switch (*p) {
        case '"':
        case '\\':
            *w++ = (char)*p;
            break;
        case '\n':
            *w++ = 'n';
            break;
        case '\r':
            *w++ = 'r';
            break;
        case '\t':
            *w++ = 't';
            break;
        default: /* "\u001f" */
            memcpy(w, "u00", 3);
            w += 3;
            *w++ = "0123456789abcdef"[*p >> 4];
            *w++ = "0123456789abcdef"[*p & 15];
        }
    }
    *w++ = '"';
    *w = '\0';
    out->len = (size_t)(w - out->data);
}

/* ---- GitHub joins ---------------------------------------------------------------------------- */

static const char nbsp[] = "\xc2\xa0", nbhy[] = "\xe2\x80\x91";

/* Marks that belong to the number before them. */
static const char *const number_marks[] = {"\xe2\x80\xa0" /* † */, "\xe2\x80\xa1" /* ‡ */,
                                           "\xe2\x89\x88" /* ≈ */, "\xc2\xb1" /* ± */, "[^",
                                           /* tier marks: ¹ ² ³ and ⁴ to ⁹ */
                                           "\xc2\xb9", "\xc2\xb2", "\xc2\xb3", "\xe2\x81"};
/* Words that belong to the number after them. */
static const char *const locator_words[] = {"Table", "Figure", "\xed\x91\x9c" /* 표 */,
                                            "\xea\xb7\xb8\xeb\xa6\xbc" /* 그림 */};

static int starts(const char *p, const char *end, const char *w)
{
    size_t n = strlen(w);
    return (size_t)(end - p) >= n && !memcmp(p, w, n);
}

/* Whether the word w ends right before p (at a word start at line or after a space/pipe). */
static int word_before(const char *line, const char *p, const char *w)
{
    size_t n = strlen(w);
    if ((size_t)(p - line) < n || memcmp(p - n, w, n))
        return 0;
    const char *b = p - n;
    return b == line || b[-1] == ' ' || b[-1] == '|' || b[-1] == '(';
}

/* A table's delimiter row: pipes, colons, dashes and spaces, with a dash. */
static int is_delimiter(const char *p, const char *end)
{
    int dash = 0;
    for (; p < end; p++) {
        if (*p == '-')
            dash = 1;
        else if (*p != '|' && *p != ':' && *p != ' ' && *p != '\t')
            return 0;
    }
    return dash;
}

static void join_row(const char *line, const char *end, int header, lr_buf *out)
{
    int code = 0, target = 0;
    for (const char *p = line; p < end; p++) {
        char c = *p;
        if (c == '\\' && p + 1 < end) {
            lr_buf_append(out, p, 2);
            p++;
            continue;
        }
        if (c == '`')
            code = !code;
        if (!code && c == '(' && p > line && p[-1] == ']')
            target = 1;
        else if (target && c == ')')
            target = 0;
        if (!code && !target && c == ' ' && p > line && p + 1 < end) {
            unsigned char before = (unsigned char)p[-1];
            int join = 0;
            if (isdigit(before) || before == '*' || before == '%')
                for (size_t i = 0; !join && i < sizeof number_marks / sizeof number_marks[0]; i++)
                    join = starts(p + 1, end, number_marks[i]);
            if (!join && isdigit((unsigned char)p[1]))
                join = word_before(line, p, "\xc2\xb1");
            for (size_t i = 0; !join && i < sizeof locator_words / sizeof locator_words[0]; i++)
                join = isdigit((unsigned char)p[1]) && word_before(line, p, locator_words[i]);
            if (join) {
                lr_buf_puts(out, nbsp);
                continue;
            }
        }
        if (header && !code && !target && c == '-' && p > line && p + 1 < end &&
            isalnum((unsigned char)p[-1]) && isalnum((unsigned char)p[1])) {
            lr_buf_puts(out, nbhy);
            continue;
        }
        lr_buf_putc(out, c);
    }
}

void lr_md_github_joins(const char *md, size_t len, lr_buf *out)
{
    const char *p = md, *end = md + len;
    int fence = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        if (starts(p, eol, "```") || starts(p, eol, "~~~"))
            fence = !fence;
        int row = !fence && p < eol && *p == '|';
        if (row) {
            /* the header row is the one above a delimiter row */
            const char *next = nl ? nl + 1 : end;
            const char *nnl = next < end ? memchr(next, '\n', (size_t)(end - next)) : NULL;
            const char *neol = nnl ? nnl : end;
            int header =
                next < end && *next == '|' && !is_delimiter(p, eol) && is_delimiter(next, neol);
            join_row(p, eol, header, out);
        } else {
            lr_buf_append(out, p, (size_t)(eol - p));
        }
        if (nl)
            lr_buf_putc(out, '\n');
        p = nl ? nl + 1 : end;
    }
}

void lr_format_superscript(int n, char *buf, size_t size)
{
    static const char *const digit[] = {
        "\xe2\x81\xb0", "\xc2\xb9",     "\xc2\xb2",     "\xc2\xb3",     "\xe2\x81\xb4",
        "\xe2\x81\xb5", "\xe2\x81\xb6", "\xe2\x81\xb7", "\xe2\x81\xb8", "\xe2\x81\xb9"};
    char d[16];
    snprintf(d, sizeof d, "%d", n < 0 ? 0 : n);
    size_t len = (size_t)snprintf(buf, size, " ");
    for (const char *p = d; *p && len + 4 < size; p++)
        len += (size_t)snprintf(buf + len, size - len, "%s", digit[*p - '0']);
}

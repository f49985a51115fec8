/* The one JSON parser: one pass that builds the tree cJSON 1.7.15 builds (Debian's, whose
 * numbers have no length limit), token for token, but with its nodes from an arena and its
 * strings unescaped in place in the text. UTF-8 is checked while strings are scanned,
 * NaN/Infinity become json.c's marker strings, keys repeated within an object are noticed on the
 * way, and the first error is worded where it is met (jq's and gcc's style: what was expected,
 * before what). */
#include "jparse.h"

#include <float.h>
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "json.h"
#include "utf8.h"

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WORD_AT_A_TIME 1 /* spaces, digits and keys eight bytes at a time */
#endif

/* Nodes come from the arena in slabs of SLAB_MIN, doubling up to SLAB_MAX (16 KiB: still
 * carved from the arena's shared blocks). Objects with up to SMALL_OBJECT keys compare key
 * hashes pairwise; larger ones go through one hash table per document. */
enum { SLAB_MIN = 32, SLAB_MAX = 256, SMALL_OBJECT = 8 };

typedef struct parser {
    char *text, *end; /* *end is '\0' */
    lr_arena *arena;
    cJSON *slab;
    size_t slab_left, slab_size;
    int nonfinite;
    int repeated;   /* two keys of one object had the same hash */
    uint64_t *keys; /* open addressing, 0 = empty: key hash mixed with its object's serial */
    size_t keys_cap, keys_used;
    uint64_t serial;       /* objects that outgrew SMALL_OBJECT */
    lr_jparse_result fail; /* LR_JPARSE_OK until the first error, which stays */
    const char *error_at;
    char message[64];
    const char *string_at, *string_end; /* the last string read: its quotes */
    int after_string; /* the error is an unexpected token just after that string */
} parser;

typedef struct keyset {
    uint64_t hash[SMALL_OBJECT];
    size_t n;
    uint64_t serial;
} keyset;

/* Every function that fails returns NULL up to lr_jparse; the first failure is the one kept. */
static void *failure(parser *ps, lr_jparse_result why, const char *at, const char *message)
{
    if (!ps->fail) {
        ps->fail = why;
        ps->error_at = at;
        snprintf(ps->message, sizeof ps->message, "%s", message);
    }
    return NULL;
}

static void *out_of_memory(parser *ps)
{
    return failure(ps, LR_JPARSE_NOMEM, ps->end, "out of memory");
}

static void *syntax_error(parser *ps, const char *at, const char *message)
{
    return failure(ps, LR_JPARSE_SYNTAX, at, message);
}

static cJSON *new_node(parser *ps)
{
    if (!ps->slab_left) {
        ps->slab = lr_arena_alloc(ps->arena, ps->slab_size * sizeof(cJSON));
        if (!ps->slab)
            return out_of_memory(ps);
        ps->slab_left = ps->slab_size;
        if (ps->slab_size < SLAB_MAX)
            ps->slab_size *= 2;
    }
    ps->slab_left--;
    cJSON *c = ps->slab++;
    memset(c, 0, sizeof *c);
    return c;
}

/* JSON's whitespace: space, tab, line feed, carriage return (cJSON also skips NUL and the other
 * control bytes; here they are errors). */
static inline int is_space(char c)
{
    return (unsigned char)c <= ' ' && ((1ull << (unsigned char)c) &
                                       (1ull << ' ' | 1ull << '\t' | 1ull << '\n' | 1ull << '\r'));
}

/* Indentation is skipped eight spaces at a time. */
static inline char *skip_ws(char *p, const char *end)
{
    while (p < end && is_space(*p)) {
        p++;
#ifdef WORD_AT_A_TIME
        if (*p == ' ' && end - p >= 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            w ^= 0x2020202020202020u;
            p += w ? __builtin_ctzll(w) >> 3 : 8;
        }
#endif
    }
    return p;
}

/* "expected WHAT before X", X the byte at `at` (printable, else its code) or the end. When a
 * string ends just before, it is noted: it may have swallowed a missing quote. */
static void *expected(parser *ps, const char *at, const char *what)
{
    char m[64];
    unsigned char c = at < ps->end ? (unsigned char)*at : 0;
    if (at >= ps->end)
        snprintf(m, sizeof m, "expected %s before end of input", what);
    else if (c > 0x20 && c < 0x7f)
        snprintf(m, sizeof m, "expected %s before '%c'", what, c);
    else
        snprintf(m, sizeof m, "expected %s before byte 0x%02x", what, c);
    if (!ps->fail)
        ps->after_string = ps->string_end && skip_ws((char *)ps->string_end, ps->end) == at;
    return syntax_error(ps, at, m);
}

/* The first byte from q on that ends a run of plain string bytes: '"', '\\', NUL, a byte of a
 * multibyte character, and with newline set a raw line break; end when there is none. */
static inline char *find_special(char *q, const char *end, int newline)
{
#ifdef __SSE2__
    /* sixteen bytes at a time: the bytes equal to '"', '\\' or NUL (or '\n'), and those with
     * the high bit set, are the bits of one mask */
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'),
                  lf = _mm_set1_epi8('\n'), nul = _mm_setzero_si128();
    for (; end - q >= 16; q += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
        __m128i hit =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)), v);
        hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, nul));
        if (newline)
            hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, lf));
        int mask = _mm_movemask_epi8(hit);
        if (mask)
            return q + __builtin_ctz((unsigned)mask);
    }
#endif
    while (q < end && *q != '"' && *q != '\\' && *q && (unsigned char)*q < 0x80 &&
           !(newline && *q == '\n'))
        q++;
    return q;
}

/* One invalid UTF-8 byte stops the parse; the caller repairs the text and parses again. */
static size_t valid_char(parser *ps, const char *q)
{
    size_t n = lr_utf8_char_len((const unsigned char *)q, (size_t)(ps->end - q));
    if (!n)
        failure(ps, LR_JPARSE_BAD_UTF8, q, "invalid UTF-8");
    return n;
}

static int hex4(const char *h, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = h[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return 0;
    }
    *out = v;
    return 1;
}

/*
 * A \u escape at r (r[1] == 'u'), decoded as cJSON does: a pair of surrogates makes one
 * character, a lone or reversed surrogate is an error; but \u0000, which would end the C string
 * there (cJSON cuts "GPT-4\u0000evil" to "GPT-4"), is kept as the six characters written.
 * Writes the UTF-8 at *w and returns the bytes consumed, or 0. Non-hex digits are an error
 * (cJSON reads them as 0, a NUL, when the string is long enough).
 */
static int utf16_escape(const char *r, const char *end, char **w)
{
    unsigned first, second;
    unsigned long cp;
    int used = 6;
    if (end - r < 6 || !hex4(r + 2, &first) || (first >= 0xDC00 && first <= 0xDFFF))
        return 0;
    cp = first;
    if (first >= 0xD800 && first <= 0xDBFF) {
        if (end - r < 12 || r[6] != '\\' || r[7] != 'u' || !hex4(r + 8, &second) ||
            second < 0xDC00 || second > 0xDFFF)
            return 0;
        cp = 0x10000 + (((unsigned long)(first & 0x3FF) << 10) | (second & 0x3FF));
        used = 12;
    }
    unsigned char *o = (unsigned char *)*w;
    if (cp == 0) {
        memcpy(o, r, 6);
        *w += 6;
    } else if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        *w += 1;
    } else if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | cp >> 6);
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        *w += 2;
    } else if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | cp >> 12);
        o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        *w += 3;
    } else {
        o[0] = (unsigned char)(0xF0 | cp >> 18);
        o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        o[3] = (unsigned char)(0x80 | (cp & 0x3F));
        *w += 4;
    }
    return used;
}

/* Where the string ends, reading from r (not inside an escape) with cJSON's rule: a backslash
 * hides the byte after it. */
static char *string_end(char *r, const char *end)
{
    for (;;) {
        r = find_special(r, end, 0);
        if (r >= end)
            return NULL;
        if (*r == '"')
            return r;
        r += *r == '\\' ? 2 : 1;
    }
}

/* Moves the string being unescaped (*s up to w, the rest from r on still escaped) into the
 * arena, so that the text gains or moves no line break: lr_text_position counts them. */
static char *to_arena(parser *ps, const char *quote, char **s, char *w, char *r)
{
    char *e = string_end(r, ps->end), *buf;
    if (!e)
        return syntax_error(ps, quote, "unterminated string");
    size_t done = (size_t)(w - *s);
    if (!(buf = lr_arena_alloc(ps->arena, done + (size_t)(e - r) + 1)))
        return out_of_memory(ps);
    memcpy(buf, *s, done);
    *s = buf;
    return buf + done;
}

/* An escape that cannot be read, at r: a string cut short (a truncated file) is said to be
 * unterminated, whatever it ends with. */
static void *bad_escape(parser *ps, const char *quote, char *r, const char *at, const char *message)
{
    if (!string_end(r + 1 + (r[1] == '"' || r[1] == '\\'), ps->end))
        return syntax_error(ps, quote, "unterminated string");
    return syntax_error(ps, at, message);
}

/* The rest of a string from its first backslash r on, unescaped in place (no escape is
 * shorter than what it stands for, so the writing end w never passes the reading end r), or in
 * the arena from the first line break on, escaped or not. */
static char *unescape(parser *ps, const char *quote, char *s, char *r, char **out)
{
    char *w = r, *end = ps->end;
    int in_arena = 0;
    for (;;) {
        char *q = find_special(r, end, !in_arena);
        if (q != r) {
            memmove(w, r, (size_t)(q - r));
            w += q - r;
            r = q;
        }
        if (r >= end)
            return syntax_error(ps, quote, "unterminated string");
        if (*r == '"') {
            *w = '\0';
            *out = s;
            return r + 1;
        }
        if (!*r)
            return syntax_error(ps, r, "NUL byte in string");
        char decoded[6], *d = decoded; /* \u0000 stays six bytes */
        size_t used = 2, n;
        if (*r == '\\') {
            if (end - r < 2)
                return syntax_error(ps, quote, "unterminated string");
            switch (r[1]) {
            case 'b':
                *d++ = '\b';
                break;
            case 'f':
                *d++ = '\f';
                break;
            case 'n':
                *d++ = '\n';
                break;
            case 'r':
                *d++ = '\r';
                break;
            case 't':
                *d++ = '\t';
                break;
            case '"':
            case '\\':
            case '/':
                *d++ = r[1];
                break;
            case 'u':
                if (!(used = (size_t)utf16_escape(r, end, &d)))
                    return bad_escape(ps, quote, r, r, "invalid \\u escape in string");
                break;
            default:
                return bad_escape(ps, quote, r, r + 1, "invalid escape in string");
            }
            n = (size_t)(d - decoded);
        } else if (*r == '\n') {
            decoded[0] = '\n';
            used = n = 1;
        } else {
            if (!(used = n = valid_char(ps, r)))
                return NULL;
            memcpy(decoded, r, n);
        }
        if (decoded[0] == '\n' && n == 1 && !in_arena) {
            if (!(w = to_arena(ps, quote, &s, w, r)))
                return NULL;
            in_arena = 1;
        }
        memcpy(w, decoded, n);
        w += n;
        r += used;
    }
}

/* A string at p (the opening quote). Returns the byte after the closing quote, with *out the
 * content NUL-terminated in place (over the closing quote, or earlier when unescaped). */
static char *parse_string(parser *ps, char *p, char **out)
{
    char *s = p + 1, *q = s, *end = ps->end;
    ps->string_at = p;
    ps->string_end = NULL;
    for (;;) {
        q = find_special(q, end, 0);
        if (q >= end)
            return syntax_error(ps, p, "unterminated string");
        if (*q == '"') {
            *q = '\0';
            *out = s;
            ps->string_end = q + 1;
            return q + 1;
        }
        if (!*q)
            return syntax_error(ps, q, "NUL byte in string");
        if (*q == '\\') {
            char *after = unescape(ps, p, s, q, out);
            ps->string_end = after;
            return after;
        }
        size_t n = valid_char(ps, q);
        if (!n)
            return NULL;
        q += n;
    }
}

/* NaN, Infinity or -Infinity at p, where a value or a member name may stand: the marker
 * string json.c's rewrite makes of it, written over the token (the same length). */
static char *nonfinite(parser *ps, char *p, char **out)
{
    static const char *const tokens[][2] = {
        {"NaN", "\x01"}, {"Infinity", "\x01+    "}, {"-Infinity", "\x01-     "}};
    size_t avail = (size_t)(ps->end - p);
    for (size_t i = 0; i < sizeof tokens / sizeof tokens[0]; i++) {
        size_t n = strlen(tokens[i][0]);
        if (avail >= n && !memcmp(p, tokens[i][0], n)) {
            memcpy(p + 1, tokens[i][1], n - 2);
            p[n - 1] = '\0';
            *out = p + 1;
            ps->nonfinite++;
            return p + n;
        }
    }
    return NULL;
}

/* Numbers: the digits are read once; the value is exact without strtod when the significand
 * has at most 19 digits and the power of ten is small, as it is for almost every number in
 * result files. Otherwise strtod on the token, as cJSON does. Both round correctly, so the
 * doubles are the same bits. */
static const double exact_pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

#ifdef __SIZEOF_INT128__
__extension__ typedef unsigned __int128 u128;

static const uint64_t pow10_u64[] = {1u,
                                     10u,
                                     100u,
                                     1000u,
                                     10000u,
                                     100000u,
                                     1000000u,
                                     10000000u,
                                     100000000u,
                                     1000000000u,
                                     10000000000u,
                                     100000000000u,
                                     1000000000000u,
                                     10000000000000u,
                                     100000000000000u,
                                     1000000000000000u,
                                     10000000000000000u,
                                     100000000000000000u,
                                     1000000000000000000u,
                                     10000000000000000000u};

/* The double nearest to (q + a fraction that is nonzero when sticky) * 2^e2, ties to even;
 * 0 when it would not be a normal number. */
static int round_binary(u128 q, int sticky, int e2, double *out)
{
    uint64_t hi = (uint64_t)(q >> 64), mant;
    int bits = hi ? 128 - __builtin_clzll(hi) : 64 - __builtin_clzll((uint64_t)q);
    int shift = bits - 53;
    if (shift <= 0) {
        if (sticky)
            return 0;
        mant = (uint64_t)q << -shift;
    } else {
        u128 rest = q & (((u128)1 << shift) - 1), half = (u128)1 << (shift - 1);
        mant = (uint64_t)(q >> shift);
        if (rest > half || (rest == half && (sticky || (mant & 1))))
            mant++;
        if (mant >> 53) {
            mant >>= 1;
            shift++;
        }
    }
    long e = (long)e2 + shift + 52; /* mant is in [2^52, 2^53) */
    if (e < -1022 || e > 1023)
        return 0;
    uint64_t b = ((uint64_t)(e + 1023) << 52) | (mant & (((uint64_t)1 << 52) - 1));
    memcpy(out, &b, sizeof b);
    return 1;
}
#endif

/* m * 10^e10 (m > 0) rounded to nearest, when that can be done exactly here. */
static int decimal_to_double(uint64_t m, long e10, double *out)
{
#if FLT_EVAL_METHOD == 0
    /* Clinger's fast path: both operands exact, one rounding */
    if (m <= (uint64_t)1 << 53 && e10 >= -22 && e10 <= 22) {
        double d = (double)m;
        *out = e10 < 0 ? d / exact_pow10[-e10] : d * exact_pow10[e10];
        return 1;
    }
#endif
#ifdef __SIZEOF_INT128__
    if (e10 >= 0 && e10 <= 19)
        return round_binary((u128)m * pow10_u64[e10], 0, 0, out);
    if (e10 < 0 && e10 >= -19) {
        /* m / 10^k with m shifted to 127 bits: a quotient of at least 63 bits and a sticky
         * remainder are enough to round once */
        uint64_t d = pow10_u64[-e10];
        int s = 127 - (64 - __builtin_clzll(m));
        u128 n = (u128)m << s, q = n / d;
        return round_binary(q, n - q * d != 0, -s, out);
    }
#endif
    (void)exact_pow10;
    return 0;
}

/* strtod on the token, with '.' made the locale's decimal point as cJSON does. */
static int strtod_token(parser *ps, const char *s, size_t n, double *out)
{
    char small[64], *buf = n < sizeof small ? small : malloc(n + 1), *after;
    if (!buf) {
        out_of_memory(ps);
        return 0;
    }
    char point = localeconv()->decimal_point[0];
    for (size_t i = 0; i < n; i++)
        buf[i] = s[i] == '.' ? point : s[i];
    buf[n] = '\0';
    *out = strtod(buf, &after);
    int ok = after == buf + n;
    if (buf != small)
        free(buf);
    return ok;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Decimal digits from p on, appended to *m (which wraps past 19 digits); returns the end. */
static inline char *read_digits(char *p, const char *end, uint64_t *m)
{
    uint64_t v = *m;
#ifdef WORD_AT_A_TIME
    /* eight at a time while eight are digits: three multiplications combine them in pairs,
     * fours and eights */
    for (; end - p >= 8; p += 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        if (((w & 0xF0F0F0F0F0F0F0F0u) |
             (((w + 0x0606060606060606u) & 0xF0F0F0F0F0F0F0F0u) >> 4)) != 0x3333333333333333u)
            break;
        w = ((w & 0x0F0F0F0F0F0F0F0Fu) * 2561) >> 8;
        w = ((w & 0x00FF00FF00FF00FFu) * 6553601) >> 16;
        w = ((w & 0x0000FFFF0000FFFFu) * 42949672960001u) >> 32;
        v = v * 100000000u + w;
    }
#endif
    for (; is_digit(*p); p++)
        v = v * 10 + (uint64_t)(*p - '0');
    *m = v;
    return p;
}

/*
 * A number at p ('-' or a digit). cJSON hands strtod the run of [0-9+-eE.] and takes what it
 * reads; this reads the same prefix: '-'? digits ('.' digits)? with at least one digit, then
 * an exponent only when it has a digit. The text's final NUL stops every loop.
 */
static char *parse_number(parser *ps, char *p, cJSON *item)
{
    char *start = p, *digits;
    int neg = *p == '-';
    uint64_t m = 0; /* wraps when there are more than 19 digits: then unused */
    long e10 = 0;
    size_t n_int, n_frac = 0;
    p += neg;
    digits = p;
    p = read_digits(p, ps->end, &m);
    n_int = (size_t)(p - digits);
    if (*p == '.') {
        char *frac = ++p;
        p = read_digits(p, ps->end, &m);
        n_frac = (size_t)(p - frac);
    }
    if (!n_int && !n_frac)
        return syntax_error(ps, start, "invalid number");
    int exact = 1;
    if (n_int + n_frac > 19) {
        /* leading zeros are not significant */
        size_t zeros = 0;
        for (char *z = digits; *z == '0' || *z == '.'; z++)
            zeros += *z == '0';
        exact = n_int + n_frac - zeros <= 19;
    }
    e10 = -(long)n_frac;
    if (*p == 'e' || *p == 'E') {
        char *q = p + 1;
        int eneg = *q == '-';
        if (*q == '+' || *q == '-')
            q++;
        if (is_digit(*q)) {
            long ev = 0;
            for (; is_digit(*q); q++)
                if (ev < 100000)
                    ev = ev * 10 + (*q - '0');
            e10 += eneg ? -ev : ev;
            p = q;
        }
    }
    /* what cJSON would leave of a token such as 1.5.3, 1e or 1-2: nothing in JSON may follow */
    if (*p == '.' || *p == 'e' || *p == 'E' || *p == '+' || *p == '-')
        return syntax_error(ps, start, "invalid number");
    double v;
    if (exact && m == 0) {
        v = neg ? -0.0 : 0.0;
    } else if (exact && decimal_to_double(m, e10, &v)) {
        v = neg ? -v : v;
    } else if (!strtod_token(ps, start, (size_t)(p - start), &v)) {
        return syntax_error(ps, start, "invalid number");
    }
    item->type = cJSON_Number;
    item->valuedouble = v;
    item->valueint = v >= INT_MAX ? INT_MAX : v <= (double)INT_MIN ? INT_MIN : (int)v;
    return p;
}

/* A key's hash, of the C string as strcmp sees it: eight bytes at a time, the last word
 * zero-padded. Words are read whole where they lie inside the text (reading past the NUL), byte
 * by byte elsewhere (near its end, in the arena); both give the same value. */
static uint64_t key_hash(const parser *ps, const char *k)
{
    uint64_t h = 0x9E3779B97F4A7C15u, w;
    for (;;) {
#ifdef WORD_AT_A_TIME
        /* k may be in the arena: compared as integers */
        uintptr_t off = (uintptr_t)k - (uintptr_t)ps->text;
        if (off < (uintptr_t)(ps->end - ps->text) && ps->end - ps->text - (ptrdiff_t)off >= 8) {
            const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
            memcpy(&w, k, 8);
            uint64_t zero = (w - ones) & ~w & high;
            if (zero)
                w &= ((zero & -zero) >> 7) - 1; /* the bytes before the first NUL */
            h = (h ^ w) * 0xBF58476D1CE4E5B9u;
            h ^= h >> 31;
            k += 8;
            if (zero)
                break;
            continue;
        }
#endif
        size_t i = 0;
        w = 0;
        for (; i < 8 && k[i]; i++)
            w |= (uint64_t)(unsigned char)k[i] << (8 * i);
        h = (h ^ w) * 0xBF58476D1CE4E5B9u;
        h ^= h >> 31;
        k += 8;
        if (i < 8)
            break;
    }
    h *= 0x94D049BB133111EBu;
    return h ^ (h >> 29);
}

/* Adds k to the document's table; 1 when it was there. A table that cannot grow counts as
 * a repeat: the exact count is taken afterwards anyway. */
static int table_add(parser *ps, uint64_t k)
{
    k = k ? k : 1;
    if (2 * (ps->keys_used + 1) > ps->keys_cap) {
        size_t cap = ps->keys_cap ? 2 * ps->keys_cap : 1024;
        uint64_t *t = calloc(cap, sizeof *t);
        if (!t)
            return 1;
        for (size_t i = 0; i < ps->keys_cap; i++) {
            uint64_t old = ps->keys[i];
            if (old) {
                size_t j = old & (cap - 1);
                while (t[j])
                    j = (j + 1) & (cap - 1);
                t[j] = old;
            }
        }
        free(ps->keys);
        ps->keys = t;
        ps->keys_cap = cap;
    }
    size_t mask = ps->keys_cap - 1, i = k & mask;
    for (; ps->keys[i]; i = (i + 1) & mask)
        if (ps->keys[i] == k)
            return 1;
    ps->keys[i] = k;
    ps->keys_used++;
    return 0;
}

static void note_key(parser *ps, keyset *ks, const char *key)
{
    if (ps->repeated)
        return;
    uint64_t h = key_hash(ps, key);
    if (ks->n < SMALL_OBJECT) {
        for (size_t i = 0; i < ks->n; i++)
            if (ks->hash[i] == h) {
                ps->repeated = 1;
                return;
            }
        ks->hash[ks->n++] = h;
        return;
    }
    if (ks->n == SMALL_OBJECT) {
        ks->serial = ++ps->serial * 0xD6E8FEB86659FD93u;
        for (size_t i = 0; i < SMALL_OBJECT; i++)
            table_add(ps, ks->hash[i] ^ ks->serial);
    }
    ks->n++;
    if (table_add(ps, h ^ ks->serial))
        ps->repeated = 1;
}

static char *parse_value(parser *ps, char *p, cJSON *item, int depth);

static void *too_deep(parser *ps, const char *bracket)
{
    char m[64];
    snprintf(m, sizeof m, "nesting deeper than %d levels", LR_JSON_MAX_DEPTH);
    return failure(ps, LR_JPARSE_DEEP, bracket, m);
}

/* Arrays and objects are linked as cJSON links them: next/prev between siblings, the first
 * child's prev pointing at the last. depth counts this container (json.c's limit). */
static char *parse_array(parser *ps, char *p, cJSON *item, int depth)
{
    char *end = ps->end;
    cJSON *head = NULL, *last = NULL;
    if (depth > LR_JSON_MAX_DEPTH)
        return too_deep(ps, p);
    item->type = cJSON_Array;
    p = skip_ws(p + 1, end);
    if (p < end && *p == ']')
        return p + 1;
    for (;;) {
        cJSON *c = new_node(ps);
        if (!c)
            return NULL;
        if (last) {
            last->next = c;
            c->prev = last;
        } else {
            head = c;
        }
        last = c;
        if (!(p = parse_value(ps, p, c, depth)))
            return NULL;
        p = skip_ws(p, end);
        if (p < end && *p == ',') {
            p = skip_ws(p + 1, end);
            continue;
        }
        if (p < end && *p == ']')
            break;
        return expected(ps, p, "',' or ']'");
    }
    head->prev = last;
    item->child = head;
    return p + 1;
}

static char *parse_object(parser *ps, char *p, cJSON *item, int depth)
{
    char *end = ps->end;
    cJSON *head = NULL, *last = NULL;
    keyset ks;
    ks.n = 0;
    ks.serial = 0; /* set when the object outgrows the small list; gcc -O3 cannot tell */
    if (depth > LR_JSON_MAX_DEPTH)
        return too_deep(ps, p);
    item->type = cJSON_Object;
    p = skip_ws(p + 1, end);
    if (p < end && *p == '}')
        return p + 1;
    for (;;) {
        cJSON *c = new_node(ps);
        if (!c)
            return NULL;
        if (last) {
            last->next = c;
            c->prev = last;
        } else {
            head = c;
        }
        last = c;
        char *key = p;
        p = p < end && *p == '"' ? parse_string(ps, p, &c->string) : nonfinite(ps, p, &c->string);
        if (!p)
            return expected(ps, key, "a member name in double quotes");
        note_key(ps, &ks, c->string);
        p = skip_ws(p, end);
        if (p >= end || *p != ':')
            return expected(ps, p, "':'");
        if (!(p = parse_value(ps, skip_ws(p + 1, end), c, depth)))
            return NULL;
        p = skip_ws(p, end);
        if (p < end && *p == ',') {
            p = skip_ws(p + 1, end);
            continue;
        }
        if (p < end && *p == '}')
            break;
        return expected(ps, p, "',' or '}'");
    }
    head->prev = last;
    item->child = head;
    return p + 1;
}

static char *parse_value(parser *ps, char *p, cJSON *item, int depth)
{
    char *end = ps->end, *v = p;
    if (p >= end)
        return expected(ps, p, "a value");
    switch (*p) {
    case '"':
        item->type = cJSON_String;
        return parse_string(ps, p, &item->valuestring);
    case '{':
        return parse_object(ps, p, item, depth + 1);
    case '[':
        return parse_array(ps, p, item, depth + 1);
    case 't':
        if (end - p < 4 || memcmp(p, "true", 4))
            return expected(ps, p, "a value");
        item->type = cJSON_True;
        item->valueint = 1;
        return p + 4;
    case 'f':
        if (end - p < 5 || memcmp(p, "false", 5))
            return expected(ps, p, "a value");
        item->type = cJSON_False;
        return p + 5;
    case 'n':
        if (end - p < 4 || memcmp(p, "null", 4))
            return expected(ps, p, "a value");
        item->type = cJSON_NULL;
        return p + 4;
    case 'N':
    case 'I':
        item->type = cJSON_String;
        return (p = nonfinite(ps, p, &item->valuestring)) ? p : expected(ps, v, "a value");
    case '-':
        if (end - p >= 9 && !memcmp(p, "-Infinity", 9)) {
            item->type = cJSON_String;
            return nonfinite(ps, p, &item->valuestring);
        }
        return parse_number(ps, p, item);
    default:
        return is_digit(*p) ? parse_number(ps, p, item) : expected(ps, p, "a value");
    }
}

lr_jparse_result lr_jparse(char *text, size_t len, lr_arena *arena, cJSON **root,
                           lr_jparse_outcome *out)
{
    parser ps;
    memset(&ps, 0, sizeof ps);
    ps.text = text;
    ps.end = text + len;
    ps.arena = arena;
    ps.slab_size = SLAB_MIN;
    *root = NULL;
    memset(out, 0, sizeof *out);

    char *p = text, *end = ps.end;
    if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        p += 3; /* a UTF-8 byte order mark */
    char *start = p;
    while (start < end && is_space(*start))
        start++;
    if (start == end) {
        syntax_error(&ps, text, "empty file");
    } else {
        if (end - p >= 5 && !memcmp(p, "\xEF\xBB\xBF", 3))
            p += 3; /* a second one, as cJSON skips at the start of 5 bytes or more */
        cJSON *item = new_node(&ps);
        if (item && (p = parse_value(&ps, skip_ws(p, end), item, 0))) {
            while (p < end && is_space(*p))
                p++;
            if (p < end)
                syntax_error(&ps, p, "unexpected text after the JSON value");
            else
                *root = item;
        }
    }
    free(ps.keys);
    if (!*root) {
        out->error_at = (size_t)((ps.fail ? ps.error_at : end) - text);
        snprintf(out->message, sizeof out->message, "%s", ps.fail ? ps.message : "malformed JSON");
        if (ps.fail == LR_JPARSE_SYNTAX && ps.after_string) {
            out->string_at = (size_t)(ps.string_at - text);
            out->string_end = (size_t)(ps.string_end - text);
        }
        return ps.fail ? ps.fail : LR_JPARSE_SYNTAX;
    }
    out->nonfinite = ps.nonfinite;
    out->maybe_repeated = ps.repeated;
    return LR_JPARSE_OK;
}

/*
 * lr_json_load against cJSON 1.7.15 (cJSON_ParseWithLengthOpts, NUL-terminated, after the BOM
 * the loader skips, on the text as the loader repairs it). The verdicts must agree and the trees
 * be the same node for node (types, keys, strings, numbers bit for bit, cJSON's links), except
 * where the parser differs on purpose:
 *
 *  - NaN, Infinity and -Infinity (Python's json module writes them) are values, read as marker
 *    strings that lr_json_number() calls non-finite; cJSON rejects them.
 *  - Invalid UTF-8 is repaired to U+FFFD (with a warning) before parsing; cJSON passes bytes
 *    through. Both are given the repaired text here.
 *  - One byte order mark is skipped, and a second one as cJSON skips it when 5 bytes or more
 *    follow the first (cJSON given the text after the first and its final NUL takes 4).
 *  - Nesting is limited to LR_JSON_MAX_DEPTH (512) levels; cJSON's limit is 1000.
 *  - \u escapes with non-hex digits are an error; cJSON reads them as 0, a NUL that cuts the
 *    string. \u0000 itself is kept as the six characters written ("GPT-4\u0000evil"); cJSON
 *    cuts the string there ("GPT-4"), so keys that differ after it are equal to cJSON.
 *  - Whitespace is space, tab, CR and LF; cJSON takes every byte up to 0x20 (NUL and the
 *    other control bytes) for whitespace, so it reads "{}\0garbage" as "{}" when garbage is
 *    NUL and control bytes. A raw NUL inside a string is an error; cJSON keeps the bytes, and the
 *    C string ends at the NUL.
 *  - Keys repeated within an object: both keep every member (lookups find the first); the
 *    loader also counts them (checked here against lr_json_duplicates on cJSON's tree).
 *  - Errors: cJSON only says where it stopped; the parser says what was expected before what,
 *    with line and column (not compared here; tests/unit/test_json.c pins the messages).
 */
#include "json_oracle.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/jparse.h"
#include "core/json.h"
#include "core/utf8.h"

static const char *say(char *why, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, size, fmt, ap);
    va_end(ap);
    return why;
}

/* cJSON's string a and ours b: equal, or a is b cut where b keeps a \u0000. */
static int same_string(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    size_t n = strlen(a);
    return !strncmp(a, b, n) && (!b[n] || !strncmp(b + n, "\\u0000", 6));
}

/* Whether two trees are the same node for node; b is ours, whose links must be cJSON's. */
static int same_tree(const cJSON *a, const cJSON *b)
{
    if (a->type != b->type || a->valueint != b->valueint ||
        memcmp(&a->valuedouble, &b->valuedouble, sizeof a->valuedouble))
        return 0;
    if (!same_string(a->valuestring, b->valuestring) || !same_string(a->string, b->string))
        return 0;
    const cJSON *ca = a->child, *cb = b->child, *prev = NULL;
    for (; ca && cb; prev = cb, ca = ca->next, cb = cb->next)
        if ((cb != b->child && cb->prev != prev) || !same_tree(ca, cb))
            return 0;
    return !ca && !cb && (!b->child || b->child->prev == prev);
}

static int is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Why cJSON may accept what the parser rejected with out at the text t (NULL: no reason). */
static const char *rejected_on_purpose(lr_jparse_result r, const lr_jparse_outcome *out,
                                       const char *t, size_t len)
{
    if (r == LR_JPARSE_DEEP)
        return "nesting limit";
    if (out->error_at == 3 && len >= 6 && !memcmp(t, "\xEF\xBB\xBF\xEF\xBB\xBF", 6))
        return "a second byte order mark in fewer than 5 bytes";
    if ((!strncmp(out->message, "expected ", 9) ||
         !strcmp(out->message, "unexpected text after the JSON value")) &&
        out->error_at < len && (unsigned char)t[out->error_at] < 0x20)
        return "a control byte where whitespace may stand";
    if (!strcmp(out->message, "NUL byte in string"))
        return "a NUL byte in a string";
    if (!strcmp(out->message, "invalid \\u escape in string") && out->error_at + 6 <= len &&
        (!is_hex(t[out->error_at + 2]) || !is_hex(t[out->error_at + 3]) ||
         !is_hex(t[out->error_at + 4]) || !is_hex(t[out->error_at + 5])))
        return "non-hex \\u digits";
    return NULL;
}

static const char *compare(const char *data, size_t size, char *why, size_t why_size)
{
    const char *result = NULL;
    char *text = malloc(size + 1), *repaired = malloc(size + 1), *raw = NULL;
    lr_arena arena = LR_ARENA_INIT, scratch = LR_ARENA_INIT;
    cJSON *ref = NULL;
    if (!text || !repaired)
        goto done;
    memcpy(text, data, size);
    memcpy(repaired, data, size);
    text[size] = repaired[size] = '\0';

    /* the loader, as ingest calls it */
    size_t len = size, rlen = size, bad_at;
    cJSON *ours;
    lr_json_info info;
    lr_error err;
    memset(&err, 0, sizeof err);
    lr_status st = lr_json_load(&text, &len, "f.json", &arena, &ours, &info, &err);
    if (st == LR_ENOMEM)
        goto done;
    /* what both parsers read */
    size_t bad = lr_utf8_repair(&repaired, &rlen, &bad_at);
    if (bad == (size_t)-1)
        goto done;
    if (bad != info.bad_utf8 || (bad && bad_at != info.bad_utf8_at) || len != rlen) {
        result = say(why, why_size, "invalid UTF-8: %zu bytes at %zu, loader %zu at %zu", bad,
                     bad_at, info.bad_utf8, info.bad_utf8_at);
        goto done;
    }
    if (st && (ours || err.line < 1 || err.column < 1 || !strcmp(err.message, "malformed JSON") ||
               (st != LR_EPARSE && st != LR_ELIMIT))) {
        result = say(why, why_size, "error %d at %d:%d: %s", st, err.line, err.column, err.message);
        goto done;
    }
    for (size_t i = 0; !st && i < len; i++)
        if ((text[i] == '\n') != (repaired[i] == '\n')) {
            result = say(why, why_size, "line break moved at offset %zu", i);
            goto done;
        }

    /* the parser's own verdict, for where it stopped */
    if (!(raw = malloc(rlen + 1)))
        goto done;
    memcpy(raw, repaired, rlen + 1);
    cJSON *raw_root;
    lr_jparse_outcome out;
    lr_jparse_result r = lr_jparse(raw, rlen, &scratch, &raw_root, &out);
    if (r == LR_JPARSE_NOMEM)
        goto done;
    if ((r == LR_JPARSE_OK) != (st == LR_OK) || (r == LR_JPARSE_DEEP) != (st == LR_ELIMIT)) {
        result = say(why, why_size, "parser %d, loader %d", r, st);
        goto done;
    }

    /* cJSON, after the byte order mark the loader skips */
    size_t skip = rlen >= 3 && !memcmp(repaired, "\xEF\xBB\xBF", 3) ? 3 : 0;
    const char *end = NULL;
    ref = cJSON_ParseWithLengthOpts(repaired + skip, rlen - skip + 1, &end, 1);

    if (!st && ref) {
        char pointer[256];
        size_t dups = lr_json_duplicates(ref, pointer, sizeof pointer);
        if (!same_tree(ref, ours) || ours->prev || ours->next)
            result = say(why, why_size, "trees differ");
        else if ((dups != info.duplicates || strcmp(pointer, info.duplicate_at)) &&
                 !strstr(repaired, "\\u0000"))
            result = say(why, why_size, "duplicates %zu at \"%s\", loader %zu at \"%s\"", dups,
                         pointer, info.duplicates, info.duplicate_at);
    } else if (!st) {
        if (!info.nonfinite)
            result = say(why, why_size, "accepted, cJSON rejects");
    } else if (ref) {
        if (!rejected_on_purpose(r, &out, repaired, rlen))
            result = say(why, why_size, "rejected (%d:%d: %s), cJSON accepts", err.line, err.column,
                         err.message);
    }
done:
    cJSON_Delete(ref);
    lr_arena_free(&arena);
    lr_arena_free(&scratch);
    free(raw);
    free(text);
    free(repaired);
    return result;
}

const char *lr_json_oracle_check(const char *data, size_t size, char *why, size_t why_size)
{
    if (why_size)
        why[0] = '\0';
    return compare(data, size, why, why_size);
}

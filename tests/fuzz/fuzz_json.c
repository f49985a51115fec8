/* lr_json_load against the old path (lr_utf8_repair + lr_json_parse + lr_json_duplicates) on
 * any bytes: the same status, message, position, counts and tree (types, keys, strings, numbers
 * bit for bit, cJSON's links), line breaks where they were; and the one-pass parser leaves to
 * the old path only the rare forms it declines on purpose. Any difference aborts. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/jparse.h"
#include "core/json.h"
#include "core/utf8.h"
#include "fuzz.h"

static void check(int ok)
{
    if (!ok)
        abort();
}

static int same_string(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

static void same_tree(const cJSON *a, const cJSON *b)
{
    check(a->type == b->type && a->valueint == b->valueint &&
          !memcmp(&a->valuedouble, &b->valuedouble, sizeof a->valuedouble) &&
          same_string(a->valuestring, b->valuestring) && same_string(a->string, b->string));
    const cJSON *ca = a->child, *cb = b->child, *prev = NULL;
    for (; ca && cb; prev = cb, ca = ca->next, cb = cb->next) {
        check(cb == b->child || cb->prev == prev);
        same_tree(ca, cb);
    }
    check(!ca && !cb);
    check(!b->child || b->child->prev == prev);
}

/* What the parser may decline although the old path accepts it: text after a NUL that ends
 * the document, and \u escapes with non-hex digits (over-approximated). */
static int rare_form(const char *text, size_t len)
{
    if (memchr(text, '\0', len))
        return 1;
    for (const char *p = text; (p = memchr(p, '\\', len - (size_t)(p - text))); p++)
        if (len - (size_t)(p - text) >= 2 && p[1] == 'u')
            for (size_t i = 2; i < 6; i++)
                if (p + i >= text + len || !strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
                    return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *old = malloc(size + 1), *new = malloc(size + 1), *repaired = NULL;
    if (!old || !new) {
        free(old);
        free(new);
        return 0;
    }
    memcpy(old, data, size);
    memcpy(new, data, size);
    old[size] = new[size] = '\0';

    size_t old_len = size, new_len = size;
    lr_json_info o, m;
    lr_error oe, me;
    cJSON *old_root = NULL, *new_root = NULL;
    memset(&o, 0, sizeof o);
    memset(&oe, 0, sizeof oe);
    memset(&me, 0, sizeof me);
    o.bad_utf8 = lr_utf8_repair(&old, &old_len, &o.bad_utf8_at);
    check(o.bad_utf8 != (size_t)-1);
    if ((repaired = malloc(old_len + 1)))
        memcpy(repaired, old, old_len + 1);
    lr_status os = lr_json_parse(old, old_len, "f.json", &old_root, &o.nonfinite, &oe);
    if (!os)
        o.duplicates = lr_json_duplicates(old_root, o.duplicate_at, sizeof o.duplicate_at);

    lr_arena arena = LR_ARENA_INIT;
    lr_status ms = lr_json_load(&new, &new_len, "f.json", &arena, &new_root, &m, &me);

    check(os == ms && o.nonfinite == m.nonfinite && o.bad_utf8 == m.bad_utf8 &&
          o.bad_utf8_at == m.bad_utf8_at && old_len == new_len);
    if (os) {
        check(!new_root && !strcmp(oe.message, me.message) && oe.line == me.line &&
              oe.column == me.column && !strcmp(oe.file, me.file));
    } else {
        check(o.duplicates == m.duplicates && !strcmp(o.duplicate_at, m.duplicate_at));
        same_tree(old_root, new_root);
        check(!new_root->prev && !new_root->next);
        for (size_t i = 0; i < old_len; i++)
            check((old[i] == '\n') == (new[i] == '\n'));
        /* the one-pass parser itself accepts it (on the repaired text) */
        if (repaired && !rare_form(repaired, old_len)) {
            lr_arena scratch = LR_ARENA_INIT;
            cJSON *root;
            lr_jparse_stats stats;
            check(lr_jparse(repaired, old_len, &scratch, &root, &stats) == LR_JPARSE_OK);
            lr_arena_free(&scratch);
        }
    }
    cJSON_Delete(old_root);
    lr_arena_free(&arena);
    free(repaired);
    free(old);
    free(new);
    return 0;
}
